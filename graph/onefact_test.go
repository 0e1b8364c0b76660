package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/graph"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// factKaart is a handler on the real store with a beheerder of a fresh gemeente.
func factKaart(t *testing.T) (h http.Handler, beheerder context.Context, gm string) {
	t.Helper()
	t.Parallel()
	s := neo4jtest.Open(t)
	gm = neo4jtest.Gemeente(t, s)
	h = graph.NewHandler(&kaart.Service{Store: s}, graph.Options{}, nil)
	return h, kaart.WithViewer(context.Background(), kaart.Viewer{Rol: kaart.Beheerder, Gemeente: gm, Naam: "Beheerder Test"}), gm
}

// resolvedPartner is the viewer of a partner key of org, as ResolveViewer
// makes it for an organisation without sub-organisations in gemeente gm.
func resolvedPartner(org, gm string) kaart.Viewer {
	return kaart.Viewer{Rol: kaart.Partner, Organisatie: org, SleutelID: "test",
		Organisaties: []string{org}, Thuis: []string{gm}, Resolved: true}
}

func createID(t *testing.T, h http.Handler, ctx context.Context, mutation, query string, vars map[string]any) string {
	t.Helper()
	return mustData(t, post(t, h, ctx, query, vars))[mutation].(map[string]any)["id"].(string)
}

func TestKoppelTwiceThroughGraphQLNamesTheExisting(t *testing.T) {
	h, ctx, gm := factKaart(t)
	org := createID(t, h, ctx, "maakOrganisatie", `mutation($gm: ID!) { maakOrganisatie(input: {gemeente: $gm, naam: "Buurtteam", sector: WELZIJN}) { id } }`, map[string]any{"gm": gm})
	coa := createID(t, h, ctx, "maakCoalitie", `mutation($gm: ID!) { maakCoalitie(input: {gemeente: $gm, naam: "Samen", soort: VAST}) { id } }`, map[string]any{"gm": gm})
	const koppel = `mutation($van: ID!, $naar: ID!) { koppel(input: {soort: LID_VAN, van: $van, naar: $naar, niveau: FRONTLIJN}) { id } }`
	first := createID(t, h, ctx, "koppel", koppel, map[string]any{"van": org, "naar": coa})
	r := post(t, h, ctx, koppel, map[string]any{"van": org, "naar": coa})
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.ECONFLICT || r.Errors[0].Extensions["bestaand"] != first || r.Errors[0].Extensions["field"] != "input.naar" {
		t.Errorf("second koppel errors = %+v; want one CONFLICT on input.naar with bestaand %s", r.Errors, first)
	}
	r = post(t, h, ctx, `mutation($van: ID!, $naar: ID!) { koppel(input: {soort: LID_VAN, van: $van, naar: $naar}) { id } }`, map[string]any{"van": org, "naar": coa})
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.EINVALID || r.Errors[0].Extensions["field"] != "input.niveau" {
		t.Errorf("koppel coalitie without niveau errors = %+v; want BAD_USER_INPUT on input.niveau", r.Errors)
	}
}

// postExt is post for a response whose extensions the test reads.
func postExt(t *testing.T, h http.Handler, ctx context.Context, query string, vars map[string]any) (data map[string]any, waarschuwingen []kaart.Waarschuwing) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body)).WithContext(ctx)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out struct {
		Data       map[string]any `json:"data"`
		Errors     []any          `json:"errors"`
		Extensions struct {
			Waarschuwingen []kaart.Waarschuwing `json:"waarschuwingen"`
		} `json:"extensions"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || len(out.Errors) > 0 {
		t.Fatalf("response %s: %v", rec.Body.String(), err)
	}
	return out.Data, out.Extensions.Waarschuwingen
}

// A record by the name of one the caller can see in the same gemeente is
// made, with a warning naming that one; one the caller cannot see is never
// named.
func TestSameNameWarnsOfAProbableDuplicate(t *testing.T) {
	h, ctx, gm := factKaart(t)
	const maak = `mutation($gm: ID!, $naam: String!, $z: Zichtbaarheid) { maakOrganisatie(input: {gemeente: $gm, naam: $naam, sector: WELZIJN, zichtbaarheid: $z}) { id } }`
	data, w := postExt(t, h, ctx, maak, map[string]any{"gm": gm, "naam": "Buurthuis De Boog"})
	if len(w) != 0 {
		t.Errorf("first create waarschuwingen = %+v; want none", w)
	}
	first := data["maakOrganisatie"].(map[string]any)["id"].(string)
	data, w = postExt(t, h, ctx, maak, map[string]any{"gm": gm, "naam": "buurthuis de boog"})
	second := data["maakOrganisatie"].(map[string]any)["id"].(string)
	if len(w) != 1 || w[0].Code != kaart.WMogelijkDubbel || w[0].Veld != "input.naam" || len(w[0].Ids) != 1 || w[0].Ids[0] != first {
		t.Errorf("second create waarschuwingen = %+v; want one MOGELIJK_DUBBEL on input.naam naming %s", w, first)
	}
	// An INTERN one, and a partner of another organisation who cannot see it.
	postExt(t, h, ctx, maak, map[string]any{"gm": gm, "naam": "Geheim Adres", "z": "INTERN"})
	partner := kaart.WithViewer(context.Background(), resolvedPartner(second, gm))
	const maakDeel = `mutation($gm: ID!, $naam: String!, $deel: ID!) { maakOrganisatie(input: {gemeente: $gm, naam: $naam, sector: WELZIJN, onderdeelVan: $deel}) { id } }`
	_, w = postExt(t, h, partner, maakDeel, map[string]any{"gm": gm, "naam": "Geheim Adres", "deel": second})
	if len(w) != 0 {
		t.Errorf("partner's create waarschuwingen = %+v; want none: the other is not visible to it", w)
	}
}

// laatstBevestigd carried over from another source: a beheerder may set it
// on create and update, to a day that has been; other roles may not; the
// history names who set it.
func TestLaatstBevestigdFromTheSource(t *testing.T) {
	h, beheerder, gm := factKaart(t)
	const maak = `mutation($gm: ID!, $lb: Datum) { maakOrganisatie(input: {gemeente: $gm, naam: "Buurthuis", sector: WELZIJN, laatstBevestigd: $lb}) { id versie laatstBevestigd } }`
	r := post(t, h, beheerder, maak, map[string]any{"gm": gm, "lb": "2021-03-15"})
	org := mustData(t, r)["maakOrganisatie"].(map[string]any)
	if lb, _ := org["laatstBevestigd"].(string); !strings.HasPrefix(lb, "2021-03-15") {
		t.Errorf("laatstBevestigd after create = %q; want 2021-03-15", lb)
	}
	id := org["id"].(string)
	r = post(t, h, beheerder, `query($id: ID!) { geschiedenis(id: $id) { wijzigingen { soort door na } } }`, map[string]any{"id": id})
	if got := string(r.Data); !strings.Contains(got, `"door":"Beheerder Test"`) || !strings.Contains(got, `\"laatstBevestigd\":\"2021-03-15`) {
		t.Errorf("geschiedenis = %s; want the create by Beheerder Test with laatstBevestigd 2021-03-15", got)
	}
	r = post(t, h, beheerder, `mutation($id: ID!) { wijzigOrganisatie(id: $id, versie: 1, input: {laatstBevestigd: "2023-06-01"}) { laatstBevestigd } }`, map[string]any{"id": id})
	if lb, _ := mustData(t, r)["wijzigOrganisatie"].(map[string]any)["laatstBevestigd"].(string); !strings.HasPrefix(lb, "2023-06-01") {
		t.Errorf("laatstBevestigd after update = %q; want 2023-06-01", lb)
	}

	morgen := time.Now().UTC().AddDate(0, 0, 2).Format(time.DateOnly)
	partner := kaart.WithViewer(context.Background(), resolvedPartner(id, gm))
	regisseur := kaart.WithViewer(context.Background(), kaart.Viewer{Rol: kaart.Regisseur, Gemeente: gm, SleutelID: "test"})
	platform := kaart.WithViewer(context.Background(), neo4jtest.Platform)
	cases := []struct {
		name string
		ctx  context.Context
		lb   string
		code string
	}{
		{"partner", partner, "2021-03-15", kaart.EFORBIDDEN},
		{"regisseur", regisseur, "2021-03-15", kaart.EFORBIDDEN},
		{"in the future", beheerder, morgen, kaart.EINVALID},
		{"absurdly old", beheerder, "1999-12-31", kaart.EINVALID},
		{"platform beheerder", platform, "2020-01-01", ""},
	}
	// A partner adds only parts of its own organisation.
	const maakDeel = `mutation($gm: ID!, $lb: Datum, $deel: ID!) { maakOrganisatie(input: {gemeente: $gm, naam: "Buurthuis team", sector: WELZIJN, laatstBevestigd: $lb, onderdeelVan: $deel}) { id versie laatstBevestigd } }`
	for _, c := range cases {
		q := maak
		if c.ctx == partner {
			q = maakDeel
		}
		r := post(t, h, c.ctx, q, map[string]any{"gm": gm, "lb": c.lb, "deel": id})
		switch {
		case c.code == "" && len(r.Errors) > 0:
			t.Errorf("%s: maakOrganisatie laatstBevestigd %s errors = %+v; want none", c.name, c.lb, r.Errors)
		case c.code != "" && (len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != c.code || r.Errors[0].Extensions["field"] != "input.laatstBevestigd"):
			t.Errorf("%s: maakOrganisatie laatstBevestigd %s errors = %+v; want %s on input.laatstBevestigd", c.name, c.lb, r.Errors, c.code)
		}
	}
	// Nor through a voorstel: a partner proposing it is refused outright.
	r = post(t, h, partner, `mutation($id: ID!, $w: VoorstelWijziging!) { doeVoorstel(record: $id, wijziging: $w, toelichting: "uit de oude kaart") { id } }`,
		map[string]any{"id": id, "w": map[string]any{"organisatie": map[string]any{"laatstBevestigd": "2019-01-01"}}})
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.EFORBIDDEN || r.Errors[0].Extensions["field"] != "wijziging.organisatie.laatstBevestigd" {
		t.Errorf("doeVoorstel laatstBevestigd errors = %+v; want FORBIDDEN on wijziging.organisatie.laatstBevestigd", r.Errors)
	}
	// Without it, a new record was confirmed today.
	r = post(t, h, partner, maakDeel, map[string]any{"gm": gm, "deel": id})
	if lb, _ := mustData(t, r)["maakOrganisatie"].(map[string]any)["laatstBevestigd"].(string); !strings.HasPrefix(lb, time.Now().UTC().Format(time.DateOnly)) {
		t.Errorf("laatstBevestigd without input = %q; want today", lb)
	}
}
