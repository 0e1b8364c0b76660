package graph_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/graph"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

func errorCodes(resp gqlResponse) (codes, fields []string) {
	for _, e := range resp.Errors {
		c, _ := e.Extensions["code"].(string)
		f, _ := e.Extensions["field"].(string)
		codes, fields = append(codes, c), append(fields, f)
	}
	return codes, fields
}

// TestVoorstellenThroughTheAPI walks a proposal from a partner through the
// steward's queue to the proposer's list, and a resident's report in.
func TestVoorstellenThroughTheAPI(t *testing.T) {
	t.Parallel()
	s := neo4jtest.Open(t)
	gm := neo4jtest.Gemeente(t, s)
	svc := &kaart.Service{Store: s, Voorstellen: s}
	admin := kaart.WithViewer(context.Background(), neo4jtest.Platform)
	create := func(typ string, in kaart.Input) string {
		in["gemeente"] = gm
		n, err := svc.Create(admin, typ, in)
		if err != nil {
			t.Fatalf("Create %s: %v", typ, err)
		}
		return n.ID()
	}
	w := create("Organisatie", kaart.Input{"naam": "Welzijn", "sector": "WELZIJN", "zichtbaarheid": "OPENBAAR"})
	p := create("Organisatie", kaart.Input{"naam": "Wijkraad-partner", "sector": "WELZIJN", "zichtbaarheid": "OPENBAAR"})
	aanbod := create("Aanbod", kaart.Input{"naam": "Taalcafé", "organisatie": w, "beheerder": w, "openingstijden": "Maandag", "zichtbaarheid": "OPENBAAR"})
	geheim := create("Aanbod", kaart.Input{"naam": "Intern", "organisatie": w, "beheerder": w, "zichtbaarheid": "INTERN"})
	h := graph.NewHandler(svc, graph.Options{}, nil)
	proposer := kaart.WithViewer(context.Background(), kaart.Viewer{Rol: kaart.Partner, Organisatie: p, SleutelID: "key-" + p})
	steward := kaart.WithViewer(context.Background(), kaart.Viewer{Rol: kaart.Partner, Organisatie: w, SleutelID: "key-" + w})

	const doe = `mutation($id: ID!, $w: VoorstelWijziging!) {
	  doeVoorstel(record: $id, wijziging: $w, toelichting: "Verschoven") { id status recordType basisVersie wijzigingen { veld waarde } }
	}`
	resp := post(t, h, proposer, doe, map[string]any{"id": aanbod, "w": map[string]any{"aanbod": map[string]any{"openingstijden": "Dinsdag"}, "organisatie": map[string]any{"naam": "X"}}})
	if codes, fields := errorCodes(resp); len(codes) != 1 || codes[0] != "BAD_USER_INPUT" || fields[0] != "wijziging" {
		t.Errorf("two kinds of change: errors %v %v; want BAD_USER_INPUT at wijziging", codes, fields)
	}
	resp = post(t, h, proposer, doe, map[string]any{"id": aanbod, "w": map[string]any{"aanbod": map[string]any{"kosten": strings.Repeat("x", 5000)}}})
	if codes, fields := errorCodes(resp); len(codes) != 1 || codes[0] != "BAD_USER_INPUT" || fields[0] != "wijziging.aanbod.kosten" {
		t.Errorf("bad value: errors %v %v; want BAD_USER_INPUT at wijziging.aanbod.kosten", codes, fields)
	}
	resp = post(t, h, proposer, doe, map[string]any{"id": geheim, "w": map[string]any{"aanbod": map[string]any{"openingstijden": "Dinsdag"}}})
	if codes, _ := errorCodes(resp); len(codes) != 1 || codes[0] != "NOT_FOUND" {
		t.Errorf("proposal on a hidden card: errors %v; want NOT_FOUND", codes)
	}
	resp = post(t, h, proposer, doe, map[string]any{"id": aanbod, "w": map[string]any{"aanbod": map[string]any{"openingstijden": "Dinsdag"}}})
	if len(resp.Errors) > 0 {
		t.Fatalf("doeVoorstel: %v", resp.Errors)
	}
	var gedaan struct {
		DoeVoorstel struct {
			ID, Status, RecordType string
			BasisVersie            int
			Wijzigingen            []struct{ Veld, Waarde string }
		}
	}
	_ = json.Unmarshal(resp.Data, &gedaan)
	v := gedaan.DoeVoorstel
	if v.Status != "OPEN" || v.RecordType != "Aanbod" || v.BasisVersie != 1 || len(v.Wijzigingen) != 1 || v.Wijzigingen[0].Veld != "openingstijden" || v.Wijzigingen[0].Waarde != `"Dinsdag"` {
		t.Errorf("doeVoorstel = %+v", v)
	}

	const wachtrij = `query($gm: ID) { beoordelingswachtrij(gemeente: $gm) { voorstellen { id soort email record { id ... on Aanbod { naam } } } pageInfo { hasNextPage } } }`
	var queue struct {
		Beoordelingswachtrij struct {
			Voorstellen []struct {
				ID, Soort string
				Email     *string
				Record    *struct{ ID, Naam string }
			}
		}
	}
	resp = post(t, h, steward, wachtrij, map[string]any{"gm": gm})
	_ = json.Unmarshal(resp.Data, &queue)
	if q := queue.Beoordelingswachtrij.Voorstellen; len(resp.Errors) > 0 || len(q) != 1 || q[0].ID != v.ID || q[0].Record == nil || q[0].Record.Naam != "Taalcafé" {
		t.Fatalf("steward's queue = %+v, errors %v", q, resp.Errors)
	}
	resp = post(t, h, proposer, wachtrij, map[string]any{"gm": gm})
	queue.Beoordelingswachtrij.Voorstellen = nil
	_ = json.Unmarshal(resp.Data, &queue)
	if len(queue.Beoordelingswachtrij.Voorstellen) != 0 {
		t.Errorf("the proposer's queue holds %d voorstellen; want 0", len(queue.Beoordelingswachtrij.Voorstellen))
	}

	resp = post(t, h, steward, `mutation($id: ID!) { wijsAf(id: $id, reden: " ") { status } }`, map[string]any{"id": v.ID})
	if codes, fields := errorCodes(resp); len(codes) != 1 || codes[0] != "BAD_USER_INPUT" || fields[0] != "reden" {
		t.Errorf("reject without reason: errors %v %v; want BAD_USER_INPUT at reden", codes, fields)
	}
	resp = post(t, h, steward, `mutation($id: ID!) { keurGoed(id: $id) { status beoordeeldDoor record { ... on Aanbod { openingstijden versie } } } }`, map[string]any{"id": v.ID})
	var goed struct {
		KeurGoed struct {
			Status, BeoordeeldDoor string
			Record                 struct {
				Openingstijden string
				Versie         int
			}
		}
	}
	_ = json.Unmarshal(resp.Data, &goed)
	if len(resp.Errors) > 0 || goed.KeurGoed.Status != "GOEDGEKEURD" || goed.KeurGoed.Record.Openingstijden != "Dinsdag" || goed.KeurGoed.Record.Versie != 2 {
		t.Errorf("keurGoed = %+v, errors %v", goed.KeurGoed, resp.Errors)
	}
	resp = post(t, h, proposer, `{ mijnVoorstellen { voorstellen { id status beoordeeldDoor } } }`, nil)
	var mijn struct {
		MijnVoorstellen struct {
			Voorstellen []struct{ ID, Status, BeoordeeldDoor string }
		}
	}
	_ = json.Unmarshal(resp.Data, &mijn)
	if m := mijn.MijnVoorstellen.Voorstellen; len(m) != 1 || m[0].Status != "GOEDGEKEURD" || m[0].BeoordeeldDoor == "" {
		t.Errorf("mijnVoorstellen = %+v, errors %v", m, resp.Errors)
	}

	// A resident, without an account.
	const meld = `mutation($id: ID) { meldFout(record: $id, tekst: "Het taalcafé is verhuisd.", email: "a@example.org") { id status email } }`
	resp = post(t, h, context.Background(), meld, map[string]any{"id": aanbod})
	var gemeld struct {
		MeldFout struct {
			ID, Status string
			Email      *string
		}
	}
	_ = json.Unmarshal(resp.Data, &gemeld)
	if len(resp.Errors) > 0 || gemeld.MeldFout.Status != "OPEN" || gemeld.MeldFout.Email != nil {
		t.Errorf("meldFout = %+v, errors %v; want OPEN without the address echoed", gemeld.MeldFout, resp.Errors)
	}
	resp = post(t, h, context.Background(), meld, map[string]any{"id": geheim})
	if codes, _ := errorCodes(resp); len(codes) != 1 || codes[0] != "NOT_FOUND" || strings.Contains(resp.Errors[0].Message, "Intern") {
		t.Errorf("report on a hidden card: %v; want NOT_FOUND", resp.Errors)
	}
	resp = post(t, h, steward, wachtrij, map[string]any{"gm": gm})
	queue.Beoordelingswachtrij.Voorstellen = nil
	_ = json.Unmarshal(resp.Data, &queue)
	if q := queue.Beoordelingswachtrij.Voorstellen; len(q) != 1 || q[0].Soort != "MELDING" || q[0].Email == nil || *q[0].Email != "a@example.org" {
		t.Errorf("queue after the report = %+v; want the MELDING with its reply address", q)
	}

	// The re-confirm list: fresh records are not on it; bevestig works on any type.
	resp = post(t, h, steward, `query($gm: ID) { teBevestigen(gemeente: $gm) { records { id } pageInfo { hasNextPage } } }`, map[string]any{"gm": gm})
	if len(resp.Errors) > 0 || !strings.Contains(string(resp.Data), `"records":[]`) {
		t.Errorf("teBevestigen of fresh records = %s, errors %v; want none", resp.Data, resp.Errors)
	}
	resp = post(t, h, steward, `mutation($id: ID!) { bevestig(id: $id) { id laatstBevestigd } }`, map[string]any{"id": aanbod})
	if len(resp.Errors) > 0 || !strings.Contains(string(resp.Data), aanbod) {
		t.Errorf("bevestig = %s, errors %v", resp.Data, resp.Errors)
	}
	resp = post(t, h, context.Background(), `mutation($id: ID!) { bevestig(id: $id) { id } }`, map[string]any{"id": aanbod})
	if codes, _ := errorCodes(resp); len(codes) != 1 || codes[0] != "UNAUTHENTICATED" {
		t.Errorf("anonymous bevestig: errors %v; want UNAUTHENTICATED", codes)
	}
}
