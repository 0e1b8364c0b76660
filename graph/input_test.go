package graph

import (
	"testing"
	"time"
)

// What reaches the domain from a changeset input: plain values, explicit
// nulls as nil, absent keys absent, niveau aliases mapped.
func TestChangesets(t *testing.T) {
	s := newTestServer(t, Options{})
	s.viewer = beheerder
	s.fixture()

	r := s.do(t, `mutation { maakFunctie(input: {gemeente: "gm", organisatie: "o1", titel: "Wijkagent", rol: WIJKAGENT,
		niveau: OPERATIONEEL, aanspreekpunt: true, geldigVan: "2024-01-31"}) { titel niveau aanspreekpunt geldigVan } }`)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if got := field(r.Data, "maakFunctie", "niveau"); got != "FRONTLIJN" {
		t.Errorf("niveau = %v; want FRONTLIJN", got)
	}
	if got := field(r.Data, "maakFunctie", "geldigVan"); got != "2024-01-31" {
		t.Errorf("geldigVan = %v; want 2024-01-31", got)
	}
	in := s.store.created[0]
	if in.Props["niveau"] != "FRONTLIJN" || in.Props["aanspreekpunt"] != true || in.Props["titel"] != "Wijkagent" {
		t.Errorf("props = %v", in.Props)
	}
	if got, _ := in.Props["geldigVan"].(time.Time); !got.Equal(time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("geldigVan = %v", in.Props["geldigVan"])
	}
	if in.Owner == nil || in.Owner.ID != "o1" || in.Owner.Relation != "FUNCTIE_BIJ" {
		t.Errorf("owner = %+v; want FUNCTIE_BIJ o1", in.Owner)
	}

	for _, tc := range []struct {
		name  string
		query string
		vars  []any
	}{
		{"literal", `mutation { maakGebied(input: {naam: "Overvecht", soort: WIJK, ouder: "gm", indelingsjaar: 2024}) { id } }`, nil},
		{"variable", `mutation($in: GebiedInvoer!) { maakGebied(input: $in) { id } }`,
			[]any{"in", map[string]any{"naam": "Overvecht", "soort": "WIJK", "ouder": "gm", "indelingsjaar": 2024}}},
	} {
		before := len(s.store.created)
		if r := s.do(t, tc.query, tc.vars...); len(r.Errors) > 0 {
			t.Fatalf("%s: %v", tc.name, r.Errors)
		}
		props := s.store.created[before].Props
		if props["indelingsjaar"] != int64(2024) || props["soort"] != "WIJK" {
			t.Errorf("%s: props = %#v", tc.name, props)
		}
	}

	r = s.do(t, `mutation { wijzigOrganisatie(id: "o1", versie: 1, input: {naam: "Buurtteam Noord", omschrijving: null}) { id } }`)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	props := s.store.updated[0].Props
	if v, ok := props["omschrijving"]; !ok || v != nil {
		t.Errorf("omschrijving = %v, %v; want an explicit nil", v, ok)
	}
	if _, ok := props["kvkNummer"]; ok {
		t.Errorf("kvkNummer present; want absent keys to stay absent")
	}
	if props["naam"] != "Buurtteam Noord" {
		t.Errorf("naam = %v", props["naam"])
	}

	r = s.do(t, `mutation { koppel(input: {soort: LID_VAN, van: "o1", naar: "c1", niveau: TACTISCH, sleutelpartner: true}) { soort van naar niveau sleutelpartner } }`)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if got := s.store.linked[0]; got["niveau"] != "MANAGERIAL" || got["sleutelpartner"] != true {
		t.Errorf("link props = %v", got)
	}
	if got := field(r.Data, "koppel", "van"); got != "o1" {
		t.Errorf("koppel.van = %v", got)
	}
	if got := field(r.Data, "koppel", "niveau"); got != "MANAGERIAL" {
		t.Errorf("koppel.niveau = %v", got)
	}
}
