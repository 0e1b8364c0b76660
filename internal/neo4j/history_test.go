package neo4j_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

func (f *fixture) history(ctx context.Context, id string, first int, after string) kaart.WijzigingPage {
	f.t.Helper()
	page, err := f.svc.Geschiedenis(ctx, id, first, after)
	if err != nil {
		f.t.Fatalf("Geschiedenis(%s): %v", id, err)
	}
	return page
}

// allHistory reads every page and returns the entries, newest first.
func (f *fixture) allHistory(ctx context.Context, id string) []kaart.Wijziging {
	f.t.Helper()
	var out []kaart.Wijziging
	after := ""
	for {
		page := f.history(ctx, id, 2, after)
		out = append(out, page.Wijzigingen...)
		if !page.HasNextPage {
			return out
		}
		after = page.EndCursor
	}
}

func soorten(ws []kaart.Wijziging) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Soort)
	}
	return out
}

func decodeJSON(t *testing.T, s string) map[string]any {
	t.Helper()
	if s == "" {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("history JSON %q: %v", s, err)
	}
	return m
}

// TestHistoryKeepsEveryChange makes every kind of change to an organisation
// and reads them back, newest first over several pages: who, what kind, the
// properties before and after, and for relationships their ends.
func TestHistoryKeepsEveryChange(t *testing.T) {
	f := newFixture(t)
	fatima := as(kaart.Viewer{Rol: kaart.Beheerder, Gemeente: f.gm, Naam: "Fatima (wijkregisseur)", GebruikerID: "u-fatima", SleutelID: "k-1"})
	org := f.mustCreate(fatima, "Organisatie", kaart.Input{"naam": "Buurthuis De Boog", "sector": "WELZIJN", "omschrijving": "Ontmoeting"})
	wijk := f.mustCreate(f.beheerder(), "Gebied", kaart.Input{"naam": "Noord", "soort": "WIJK", "ouder": f.gm})

	n, err := f.svc.Update(fatima, "Organisatie", org.ID(), 1, kaart.Input{"naam": "Buurthuis De Brug", "omschrijving": nil})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Confirm(fatima, "Organisatie", org.ID()); err != nil {
		t.Fatal(err)
	}
	k, err := f.svc.Link(fatima, "BEDIENT", org.ID(), wijk.ID(), kaart.Input{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.UpdateLink(fatima, "BEDIENT", k.ID(), 1, kaart.Input{"bron": "jaarverslag"}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Unlink(fatima, "BEDIENT", k.ID(), 2); err != nil {
		t.Fatal(err)
	}

	got := f.allHistory(f.beheerder(), org.ID())
	want := []string{"ONTKOPPELD", "KOPPELING_GEWIJZIGD", "GEKOPPELD", "BEVESTIGD", "GEWIJZIGD", "AANGEMAAKT"}
	if strings.Join(soorten(got), ",") != strings.Join(want, ",") {
		t.Fatalf("history = %v; want %v", soorten(got), want)
	}
	for _, w := range got {
		if w.Door != "Fatima (wijkregisseur)" || w.GebruikerID != "u-fatima" || w.SleutelID != "k-1" || w.Op.IsZero() {
			t.Errorf("%s: door %q, gebruiker %q, sleutel %q, op %v; want Fatima, u-fatima, k-1 and a time", w.Soort, w.Door, w.GebruikerID, w.SleutelID, w.Op)
		}
		if w.RecordID != org.ID() || w.RecordType != "Organisatie" {
			t.Errorf("%s: record %s %s", w.Soort, w.RecordType, w.RecordID)
		}
	}
	created := decodeJSON(t, got[5].Na)
	if created["naam"] != "Buurthuis De Boog" || created["omschrijving"] != "Ontmoeting" || got[5].Versie != 1 {
		t.Errorf("AANGEMAAKT na = %v, versie %d", created, got[5].Versie)
	}
	voor, na := decodeJSON(t, got[4].Voor), decodeJSON(t, got[4].Na)
	if voor["naam"] != "Buurthuis De Boog" || na["naam"] != "Buurthuis De Brug" || voor["omschrijving"] != "Ontmoeting" || na["omschrijving"] != nil || got[4].Versie != 2 {
		t.Errorf("GEWIJZIGD voor = %v, na = %v, versie %d", voor, na, got[4].Versie)
	}
	if _, ok := na["sector"]; ok {
		t.Errorf("GEWIJZIGD records unchanged property sector: %v", na)
	}
	for _, w := range got[:3] {
		if w.KoppelingID != k.ID() || w.Relatie != "BEDIENT" || w.Van != org.ID() || w.Naar != wijk.ID() {
			t.Errorf("%s: koppeling %s %s %s→%s", w.Soort, w.KoppelingID, w.Relatie, w.Van, w.Naar)
		}
	}
	if na := decodeJSON(t, got[1].Na); na["bron"] != "jaarverslag" {
		t.Errorf("KOPPELING_GEWIJZIGD na = %v", na)
	}
	if voor := decodeJSON(t, got[0].Voor); voor["bron"] != "jaarverslag" || got[0].Na != "" {
		t.Errorf("ONTKOPPELD voor = %v, na = %q", voor, got[0].Na)
	}

	// A delete keeps the history, for the beheerder of the gemeente only.
	if err := f.svc.Delete(fatima, "Organisatie", org.ID(), int(n.Props["versie"].(int64))); err != nil {
		t.Fatal(err)
	}
	got = f.allHistory(f.beheerder(), org.ID())
	if len(got) != 7 || got[0].Soort != "VERWIJDERD" || decodeJSON(t, got[0].Voor)["naam"] != "Buurthuis De Brug" {
		t.Fatalf("after delete: %v", soorten(got))
	}
	partner := as(kaart.Viewer{Rol: kaart.Partner, Organisatie: org.ID()})
	if _, err := f.svc.Geschiedenis(partner, org.ID(), 10, ""); kaart.ErrorCode(err) != kaart.ENOTFOUND {
		t.Errorf("partner reads history of a deleted record: %v; want NOT_FOUND", err)
	}
	other := as(kaart.Viewer{Rol: kaart.Beheerder, Gemeente: "andere-gemeente"})
	if _, err := f.svc.Geschiedenis(other, org.ID(), 10, ""); kaart.ErrorCode(err) != kaart.ENOTFOUND {
		t.Errorf("beheerder of another gemeente reads history of a deleted record: %v; want NOT_FOUND", err)
	}
}

// TestHistoryIsReadByWhoMayWrite: the history of a record is for whoever
// may change it; others get NOT_FOUND when they cannot see the record and
// FORBIDDEN when they can. Relationship entries to records the reader cannot
// see are left out.
func TestHistoryIsReadByWhoMayWrite(t *testing.T) {
	f := newFixture(t)
	org := f.mustCreate(f.beheerder(), "Organisatie", kaart.Input{"naam": "Stichting Wijkwerk", "sector": "WELZIJN"})
	partner, err := f.store.ResolveViewer(context.Background(), kaart.Viewer{Rol: kaart.Partner, Organisatie: org.ID()})
	if err != nil {
		t.Fatal(err)
	}
	eigen := as(partner)
	// A partner adds a part of its own organisation, not a new one.
	intern := f.mustCreate(eigen, "Organisatie", kaart.Input{"naam": "Intern project", "sector": "WELZIJN", "zichtbaarheid": "INTERN", "onderdeelVan": org.ID()})
	open := f.mustCreate(f.beheerder(), "Organisatie", kaart.Input{"naam": "Open huis", "sector": "WELZIJN"})
	geheim := f.mustCreate(f.beheerder(), "Thema", kaart.Input{"naam": "Geheim thema", "zichtbaarheid": "INTERN"})
	if _, err := f.svc.Link(f.beheerder(), "OVER_THEMA", intern.ID(), geheim.ID(), kaart.Input{}); err != nil {
		t.Fatal(err)
	}

	vreemd := as(kaart.Viewer{Rol: kaart.Partner, Organisatie: open.ID()})
	regisseurElders := as(kaart.Viewer{Rol: kaart.Regisseur, Gemeente: "elders", Gebieden: []string{"x"}})
	cases := []struct {
		name string
		ctx  context.Context
		id   string
		code string
	}{
		{"anonymous", context.Background(), open.ID(), kaart.EUNAUTHENTICATED},
		{"other partner, hidden record", vreemd, intern.ID(), kaart.ENOTFOUND},
		{"other partner, visible record", vreemd, org.ID(), kaart.EFORBIDDEN},
		{"regisseur elsewhere, hidden record", regisseurElders, intern.ID(), kaart.ENOTFOUND},
		{"regisseur elsewhere, open record", regisseurElders, open.ID(), kaart.EFORBIDDEN},
		{"unknown id", f.beheerder(), "bestaat-niet", kaart.ENOTFOUND},
	}
	for _, tc := range cases {
		if _, err := f.svc.Geschiedenis(tc.ctx, tc.id, 10, ""); kaart.ErrorCode(err) != tc.code {
			t.Errorf("%s: err = %v; want %s", tc.name, err, tc.code)
		}
	}
	// The steward sees its own record's history, but not the link to the
	// INTERN thema it cannot see; the gemeente beheerder sees both.
	if got := soorten(f.allHistory(eigen, intern.ID())); strings.Join(got, ",") != "AANGEMAAKT" {
		t.Errorf("steward reads %v; want only AANGEMAAKT", got)
	}
	if got := soorten(f.allHistory(f.beheerder(), intern.ID())); strings.Join(got, ",") != "GEKOPPELD,AANGEMAAKT" {
		t.Errorf("beheerder reads %v; want GEKOPPELD,AANGEMAAKT", got)
	}
	if _, err := f.svc.Geschiedenis(eigen, intern.ID(), 10, "bogus!"); kaart.ErrorCode(err) != kaart.EINVALID {
		t.Errorf("bad cursor: %v; want BAD_USER_INPUT", err)
	}
}

// TestHerstelRestoresAnEarlierVersion goes back two versions as one new
// change, which is itself in the history.
func TestHerstelRestoresAnEarlierVersion(t *testing.T) {
	f := newFixture(t)
	ctx := f.beheerder()
	org := f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Buurtteam Oost", "sector": "WELZIJN", "omschrijving": "Eerste lijn", "geldigVan": "2024-01-01"})
	if _, err := f.svc.Update(ctx, "Organisatie", org.ID(), 1, kaart.Input{"naam": "Buurtteam Oost-Midden"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Update(ctx, "Organisatie", org.ID(), 2, kaart.Input{"omschrijving": nil, "geldigVan": "2025-01-01", "zichtbaarheid": "PARTNERS"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Herstel(ctx, "Organisatie", org.ID(), 1, 2); kaart.ErrorCode(err) != kaart.ECONFLICT {
		t.Errorf("stale huidigeVersie: %v; want CONFLICT", err)
	}
	if _, err := f.svc.Herstel(ctx, "Organisatie", org.ID(), 3, 3); kaart.ErrorCode(err) != kaart.EINVALID {
		t.Errorf("restore to the current versie: %v; want BAD_USER_INPUT", err)
	}
	partner := as(kaart.Viewer{Rol: kaart.Partner, Organisatie: "iemand-anders"})
	if _, err := f.svc.Herstel(partner, "Organisatie", org.ID(), 1, 3); kaart.ErrorCode(err) != kaart.EFORBIDDEN {
		t.Errorf("partner restores another's record: %v; want FORBIDDEN", err)
	}
	n, err := f.svc.Herstel(ctx, "Organisatie", org.ID(), 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	o, err := kaart.Decode[kaart.Organisatie](n)
	if err != nil {
		t.Fatal(err)
	}
	if o.Naam != "Buurtteam Oost" || o.Omschrijving == nil || *o.Omschrijving != "Eerste lijn" || o.Versie != 4 ||
		o.Zichtbaarheid != kaart.Openbaar || o.GeldigVan == nil || o.GeldigVan.Format("2006-01-02") != "2024-01-01" {
		t.Errorf("restored = %+v", o)
	}
	got := f.allHistory(ctx, org.ID())
	if got[0].Soort != "HERSTELD" || got[0].HersteldVan != 1 || got[0].Versie != 4 {
		t.Errorf("newest entry = %+v; want HERSTELD from versie 1 to 4", got[0])
	}
	// Restoring twice to the same state changes nothing and says so.
	if _, err := f.svc.Herstel(ctx, "Organisatie", org.ID(), 1, 4); kaart.ErrorCode(err) != kaart.EINVALID {
		t.Errorf("restore to an identical state: %v; want BAD_USER_INPUT", err)
	}
	// A restore can itself be undone: back to versie 3.
	if n, err = f.svc.Herstel(ctx, "Organisatie", org.ID(), 3, 4); err != nil {
		t.Fatal(err)
	}
	if n.Props["naam"] != "Buurtteam Oost-Midden" || n.Props["omschrijving"] != nil || n.Props["zichtbaarheid"] != "PARTNERS" {
		t.Errorf("after undoing the restore: %v", n.Props)
	}
}

// TestToestemming: the zichtbaarheid of a Persoon may not exceed what was
// consented to, and after withdrawal the person and their contactgegevens
// are INTERN until a new consent.
func TestToestemming(t *testing.T) {
	f := newFixture(t)
	ctx := f.beheerder()
	base := kaart.Input{"naam": "Aylin Kaya", "grondslag": "TOESTEMMING", "toestemmingGegevenDoor": "Aylin Kaya", "toestemmingGegevenOp": "2024-03-01", "toestemmingZichtbaarheid": "PARTNERS", "gemeente": f.gm}
	te := kaart.Input{}
	for k, v := range base {
		te[k] = v
	}
	te["zichtbaarheid"] = "OPENBAAR"
	if _, err := f.svc.Create(ctx, "Persoon", te); fieldErrors(err)["input.zichtbaarheid"] == "" {
		t.Errorf("create beyond consent: %v; want a field error on input.zichtbaarheid", err)
	}
	base["zichtbaarheid"] = "PARTNERS"
	p := f.mustCreate(ctx, "Persoon", base)
	c := f.mustCreate(ctx, "Contactgegeven", kaart.Input{"soort": "EMAIL", "waarde": "aylin@example.org", "van": p.ID()})
	if _, err := f.svc.Update(ctx, "Persoon", p.ID(), 1, kaart.Input{"zichtbaarheid": "OPENBAAR"}); fieldErrors(err)["input.zichtbaarheid"] == "" {
		t.Errorf("update beyond consent: %v; want a field error on input.zichtbaarheid", err)
	}
	n, err := f.svc.TrekToestemmingIn(ctx, p.ID())
	if err != nil {
		t.Fatal(err)
	}
	if n.Props["zichtbaarheid"] != "INTERN" || n.Props["toestemmingIngetrokkenOp"] == nil {
		t.Errorf("after withdrawal: %v", n.Props)
	}
	got, err := f.svc.Get(ctx, nil, []string{c.ID()})
	if err != nil || got[c.ID()].Props["zichtbaarheid"] != "INTERN" {
		t.Errorf("contactgegeven after withdrawal: %v, %v; want INTERN", got[c.ID()].Props, err)
	}
	if _, err := f.svc.TrekToestemmingIn(ctx, p.ID()); kaart.ErrorCode(err) != kaart.EINVALID {
		t.Errorf("second withdrawal: %v; want BAD_USER_INPUT", err)
	}
	if _, err := f.svc.Update(ctx, "Persoon", p.ID(), 2, kaart.Input{"zichtbaarheid": "PARTNERS"}); fieldErrors(err)["input.zichtbaarheid"] == "" {
		t.Errorf("update after withdrawal: %v; want a field error on input.zichtbaarheid", err)
	}
	if _, err := f.svc.Herstel(ctx, "Persoon", p.ID(), 1, 2); fieldErrors(err)["input.zichtbaarheid"] == "" {
		t.Errorf("restore to before the withdrawal: %v; want a field error on input.zichtbaarheid", err)
	}
	if h := f.allHistory(ctx, p.ID()); h[0].Soort != "TOESTEMMING_INGETROKKEN" {
		t.Errorf("history = %v; want TOESTEMMING_INGETROKKEN first", soorten(h))
	}
	// A new consent, given after the withdrawal (today), opens it up again.
	// Tomorrow's UTC date is the latest a consent may be dated: today
	// somewhere east of UTC.
	morgen := time.Now().UTC().AddDate(0, 0, 1).Format(time.DateOnly)
	if _, err := f.svc.Update(ctx, "Persoon", p.ID(), 2, kaart.Input{"toestemmingGegevenOp": morgen, "zichtbaarheid": "PARTNERS"}); err != nil {
		t.Errorf("update with a new consent: %v", err)
	}
	ambt := f.mustCreate(ctx, "Persoon", kaart.Input{"naam": "Wethouder", "grondslag": "PUBLIEKE_TAAK", "zichtbaarheid": "OPENBAAR"})
	if _, err := f.svc.TrekToestemmingIn(ctx, ambt.ID()); kaart.ErrorCode(err) != kaart.EINVALID {
		t.Errorf("withdraw for PUBLIEKE_TAAK: %v; want BAD_USER_INPUT", err)
	}
	if _, err := f.svc.TrekToestemmingIn(context.Background(), p.ID()); kaart.ErrorCode(err) != kaart.EUNAUTHENTICATED {
		t.Errorf("anonymous withdrawal: %v; want UNAUTHENTICATED", err)
	}
	_ = neo4jtest.Platform
}
