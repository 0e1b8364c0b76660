package search_test

import (
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// A PARTNERS-only phone number and an INTERN person's name must give an
// anonymous viewer no hit, no count, no facet count and no suggestion.
func TestVisibilityIsInsideTheIndex(t *testing.T) {
	f := newFixture(t)
	org := f.create("Organisatie", kaart.Input{"naam": "Stichting Buurtwerk", "sector": "WELZIJN"})
	f.create("Contactgegeven", kaart.Input{"van": org, "soort": "TELEFOON", "waarde": "030 799 0412", "zichtbaarheid": "PARTNERS"})
	fun := f.create("Functie", kaart.Input{"titel": "Opbouwwerker", "rol": "OPBOUWWERKER", "niveau": "FRONTLIJN", "organisatie": org, "beheerder": org})
	prs := f.create("Persoon", kaart.Input{"naam": "Zwaantje Verborgenhoek", "grondslag": "PUBLIEKE_TAAK", "zichtbaarheid": "INTERN", "beheerder": org})
	f.link("BEKLEEDT", prs, fun, kaart.Input{"zichtbaarheid": "INTERN"})
	f.sync()

	partner := as(kaart.Viewer{Rol: kaart.Partner, Organisatie: org, SleutelID: "t"})
	for _, q := range []string{"0307990412", "030 799 0412", "Verborgenhoek", "zwaantje"} {
		res := f.zoek(anoniem, q)
		if res.Totaal != 0 || len(res.Treffers) != 0 {
			t.Errorf("anonymous Zoeken(%q) = %d hits %v; want 0", q, res.Totaal, ids(res))
		}
		for _, fc := range res.Facetten {
			for _, w := range fc.Waarden {
				if w.Aantal != 0 {
					t.Errorf("anonymous Zoeken(%q) facet %s=%s counts %d; want 0", q, fc.Veld, w.Waarde, w.Aantal)
				}
			}
		}
		if s, err := f.svc.Suggesties(anoniem, q); err != nil || len(s) != 0 {
			t.Errorf("anonymous Suggesties(%q) = %v, %v; want none", q, s, err)
		}
	}
	// The functie itself is public, but its INTERN holder is not in its
	// public document: searching the holder's name finds nothing, and the
	// snippet of the functie never shows it.
	for _, h := range f.zoek(anoniem, "opbouwwerker").Treffers {
		if contains([]string{h.Snippet}, "Verborgenhoek") {
			t.Errorf("anonymous snippet %q shows the INTERN name", h.Snippet)
		}
	}
	// Those who may see them find them.
	if got := ids(f.zoek(partner, "030 799 0412")); !contains(got, org) {
		t.Errorf("partner Zoeken(phone) = %v; want %s", got, org)
	}
	if got := ids(f.zoek(partner, "Verborgenhoek")); !contains(got, prs) || !contains(got, fun) {
		t.Errorf("steward Zoeken(INTERN name) = %v; want %s and %s", got, prs, fun)
	}
	if got := ids(f.zoek(f.beheerder(), "Verborgenhoek")); !contains(got, prs) {
		t.Errorf("gemeente beheerder Zoeken(INTERN name) = %v; want %s", got, prs)
	}
	other := as(kaart.Viewer{Rol: kaart.Partner, Organisatie: "org-elders", SleutelID: "t"})
	if got := ids(f.zoek(other, "Verborgenhoek")); len(got) != 0 {
		t.Errorf("other partner Zoeken(INTERN name) = %v; want none", got)
	}
	if got := ids(f.zoek(other, "030 799 0412")); !contains(got, org) {
		t.Errorf("other partner Zoeken(PARTNERS phone) = %v; want %s", got, org)
	}
}

// Anonymous facet counts equal those of an index built only from the public
// records: the same gemeente, indexed once with hidden records and rebuilt
// after they are deleted.
func TestAnonymousFacetsEqualPublicOnlyIndex(t *testing.T) {
	f := newFixture(t)
	wijk := f.create("Gebied", kaart.Input{"naam": "Overvecht", "soort": "WIJK", "ouder": f.gm})
	thema := f.create("Thema", kaart.Input{"naam": "Eenzaamheid"})
	var hidden []string
	for i, z := range []string{"OPENBAAR", "PARTNERS", "INTERN", "OPENBAAR", "PARTNERS"} {
		org := f.create("Organisatie", kaart.Input{"naam": "Ouderenwerk " + string(rune('A'+i)), "sector": []string{"WELZIJN", "ZORG"}[i%2], "zichtbaarheid": z})
		f.link("BEDIENT", org, wijk, kaart.Input{"zichtbaarheid": []string{"OPENBAAR", "PARTNERS"}[i%2]})
		f.link("OVER_THEMA", org, thema, nil)
		fun := f.create("Functie", kaart.Input{"titel": "Ouderenadviseur", "rol": "OVERIG", "niveau": []string{"FRONTLIJN", "MANAGERIAL", "BESTUURLIJK"}[i%3], "organisatie": org, "zichtbaarheid": z})
		if z != "OPENBAAR" {
			hidden = append(hidden, fun, org)
		}
	}
	f.sync()
	with := f.zoek(anoniem, "ouderen")
	// Delete the hidden records; the index keeps what it had.
	for _, id := range hidden {
		nodes, err := f.svc.Get(f.beheerder(), nil, []string{id})
		if err != nil {
			t.Fatal(err)
		}
		n := nodes[id]
		v, _ := n.Props["versie"].(int64)
		f.svc.Zoek = nil // keep the first index as it was
		if err := f.svc.Delete(f.beheerder(), n.Type, id, int(v)); err != nil {
			t.Fatalf("Delete(%s): %v", id, err)
		}
	}
	public := f.openIndex(t.TempDir())
	if err := public.Rebuild(anoniem, nil); err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	svc := &kaart.Service{Store: f.store, Zoek: public}
	without, err := svc.Zoeken(anoniem, kaart.ZoekVraag{Tekst: "ouderen"})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := facetString(with.Facetten), facetString(without.Facetten); a != b || with.Totaal != without.Totaal {
		t.Errorf("anonymous facets with hidden records = %d %s; public-only index = %d %s", with.Totaal, a, without.Totaal, b)
	}
	if with.Totaal != 4 {
		t.Errorf("anonymous total = %d; want 4 (2 public organisations, 2 public functies)", with.Totaal)
	}
}

// A change that narrows visibility or erases data is out of the index
// before the mutation returns: no waiting, no polling.
func TestNarrowingUpdatesIndexBeforeReturn(t *testing.T) {
	f := newFixture(t)
	org := f.create("Organisatie", kaart.Input{"naam": "Repaircafé Lombok", "sector": "OVERIG"})
	f.sync()
	if got := ids(f.zoek(anoniem, "repaircafe")); !contains(got, org) {
		t.Fatalf("Zoeken(repaircafe) = %v; want %s", got, org)
	}
	n, err := f.svc.Update(f.beheerder(), "Organisatie", org, 1, kaart.Input{"zichtbaarheid": "INTERN"})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(f.zoek(anoniem, "repaircafe")); len(got) != 0 {
		t.Errorf("anonymous Zoeken(repaircafe) right after narrowing = %v; want none", got)
	}
	v, _ := n.Props["versie"].(int64)
	if err := f.svc.Delete(f.beheerder(), "Organisatie", org, int(v)); err != nil {
		t.Fatal(err)
	}
	if got := ids(f.zoek(f.beheerder(), "repaircafe")); len(got) != 0 {
		t.Errorf("Zoeken(repaircafe) right after delete = %v; want none", got)
	}
}
