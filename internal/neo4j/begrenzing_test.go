package neo4j_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// anonymousSees returns the ids among ids an anonymous resident can read.
func anonymousSees(t *testing.T, f *fixture, ids ...string) []string {
	t.Helper()
	got, err := f.svc.Get(context.Background(), nil, ids)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, id := range ids {
		if _, ok := got[id]; ok {
			out = append(out, id)
		}
	}
	return out
}

// Data written before the rule (or past it) is capped by the migration's
// step: a number OPENBAAR on an INTERN person, a functie OPENBAAR at an
// INTERN organisation and its own number, and a person OPENBAAR on consent
// for no stated zichtbaarheid with its number.
func TestCapAllLowersDataOfBefore(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p := f.mustCreate(f.beheerder(), "Persoon", kaart.Input{"naam": "Oud Intern", "grondslag": "GERECHTVAARDIGD_BELANG", "zichtbaarheid": "INTERN"})
	pc := f.mustCreate(f.beheerder(), "Contactgegeven", kaart.Input{"soort": "TELEFOON", "waarde": "0307654331", "van": p.ID()})
	o := f.mustCreate(f.beheerder(), "Organisatie", kaart.Input{"naam": "Oude stichting", "sector": "WELZIJN", "zichtbaarheid": "INTERN"})
	fu := f.mustCreate(f.beheerder(), "Functie", kaart.Input{"titel": "Oude functie", "rol": "OPBOUWWERKER", "niveau": "FRONTLIJN", "organisatie": o.ID()})
	fc := f.mustCreate(f.beheerder(), "Contactgegeven", kaart.Input{"soort": "TELEFOON", "waarde": "0307654332", "van": fu.ID()})
	b := f.mustCreate(f.beheerder(), "Persoon", kaart.Input{"naam": "Oude Bewoner", "grondslag": "TOESTEMMING",
		"toestemmingGegevenDoor": "Oude Bewoner", "toestemmingGegevenOp": "2020-01-01"})
	bc := f.mustCreate(f.beheerder(), "Contactgegeven", kaart.Input{"soort": "TELEFOON", "waarde": "0307654333", "van": b.ID()})
	for _, id := range []string{pc.ID(), fu.ID(), fc.ID(), b.ID(), bc.ID()} {
		if err := f.store.SetZichtbaarheidForTest(ctx, id, "OPENBAAR"); err != nil {
			t.Fatal(err)
		}
	}
	all := []string{pc.ID(), fu.ID(), fc.ID(), b.ID(), bc.ID()}
	if got := anonymousSees(t, f, all...); len(got) != len(all) {
		t.Fatalf("before: anonymous sees %v; want all %d written past the rule", got, len(all))
	}
	if err := f.store.CapAllForTest(ctx, []string{f.gm}); err != nil {
		t.Fatal(err)
	}
	if got := anonymousSees(t, f, all...); len(got) > 0 {
		t.Errorf("after the migration's capping, anonymous still sees %v", got)
	}
	got, err := f.svc.Get(as(neo4jtest.Platform), nil, all)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range all {
		if z := got[id].Props["zichtbaarheid"]; z != "INTERN" {
			t.Errorf("%s: zichtbaarheid after capping = %v; want INTERN", id, z)
		}
	}
}

// An import cannot bring in what a change may not write.
func TestImportCapsWhatBelongsToANarrowerRecord(t *testing.T) {
	f := newFixture(t)
	doc := &kaart.Export{Formaat: kaart.ExportFormat, Versie: kaart.ExportVersion}
	doc.Records = []kaart.ExportRecord{
		{Type: "Persoon", Eigenschappen: map[string]any{"id": f.gm + "-p", "gemeente": f.gm, "naam": "Geïmporteerd Intern", "grondslag": "GERECHTVAARDIGD_BELANG", "zichtbaarheid": "INTERN"}},
		{Type: "Contactgegeven", Eigenschappen: map[string]any{"id": f.gm + "-c", "gemeente": f.gm, "soort": "TELEFOON", "waarde": "030 765 4334", "zichtbaarheid": "OPENBAAR"}},
	}
	doc.Koppelingen = []kaart.ExportKoppeling{{Type: "HEEFT_CONTACT", Van: f.gm + "-p", Naar: f.gm + "-c", Eigenschappen: map[string]any{"id": f.gm + "-k"}}}
	if err := f.store.Import(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if got := anonymousSees(t, f, f.gm+"-c"); len(got) > 0 {
		t.Errorf("after Import, anonymous reads the OPENBAAR number of an INTERN person")
	}
}

// A Koppeling keeps the zichtbaarheid it was given, and is read only when
// it and both its ends are visible: a link to an INTERN person is no more
// visible than the person, by any viewer's read of it.
func TestKoppelingIsNoMoreVisibleThanItsEnds(t *testing.T) {
	f := newFixture(t)
	ctx := f.beheerder()
	o := f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Open huis", "sector": "WELZIJN", "zichtbaarheid": "OPENBAAR"})
	fu := f.mustCreate(ctx, "Functie", kaart.Input{"titel": "Huismeester", "rol": "OPBOUWWERKER", "niveau": "FRONTLIJN", "organisatie": o.ID(), "zichtbaarheid": "OPENBAAR"})
	p := f.mustCreate(ctx, "Persoon", kaart.Input{"naam": "Stille Huismeester", "grondslag": "GERECHTVAARDIGD_BELANG", "zichtbaarheid": "INTERN"})
	if _, err := f.svc.Link(ctx, "BEKLEEDT", p.ID(), fu.ID(), kaart.Input{"zichtbaarheid": "OPENBAAR"}); err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct {
		name string
		ctx  context.Context
		want int
	}{
		{"anonymous", context.Background(), 0},
		{"partner of another organisation", as(kaart.Viewer{Rol: kaart.Partner, Organisatie: o.ID(), Organisaties: []string{o.ID()}, Resolved: true, SleutelID: "t"}), 0},
		{"beheerder", ctx, 1},
	} {
		nb, err := f.svc.Neighbours(v.ctx, kaart.NeighbourQuery{Relation: "BEKLEEDT", Outgoing: false, From: []string{fu.ID()}})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(nb[fu.ID()]); n != v.want {
			t.Errorf("%s: holders of the functie = %d; want %d", v.name, n, v.want)
		}
	}
}

// Withdrawing consent narrows the person's contactgegevens through the same
// rule, each with its own history entry, and warns.
func TestTrekToestemmingInNarrowsContacts(t *testing.T) {
	f := newFixture(t)
	ctx, warnings := kaart.WithWaarschuwingen(f.beheerder())
	p := f.mustCreate(ctx, "Persoon", kaart.Input{"naam": "Bewoner Trekt In", "grondslag": "TOESTEMMING", "toestemmingGegevenDoor": "zelf",
		"toestemmingGegevenOp": "2025-01-01", "toestemmingZichtbaarheid": "OPENBAAR", "zichtbaarheid": "OPENBAAR"})
	c := f.mustCreate(ctx, "Contactgegeven", kaart.Input{"soort": "TELEFOON", "waarde": "0307654335", "van": p.ID(), "zichtbaarheid": "OPENBAAR"})
	if _, err := f.svc.TrekToestemmingIn(ctx, p.ID()); err != nil {
		t.Fatal(err)
	}
	if got := anonymousSees(t, f, p.ID(), c.ID()); len(got) > 0 {
		t.Errorf("after trekToestemmingIn anonymous sees %v", got)
	}
	if w := warnings(); len(w) != 1 || !reflect.DeepEqual(w[0], kaart.Meebegrensd("INTERN", 1)) {
		t.Errorf("trekToestemmingIn: waarschuwingen = %+v; want [%+v]", w, kaart.Meebegrensd("INTERN", 1))
	}
}
