package graph

import (
	"fmt"
	"testing"
)

// organisaties adds n organisaties, each with two functies held by one
// persoon with a phone, and a beheerder.
func (s *testServer) organisaties(n int) {
	st := s.store
	st.add("Gebied", "gm", "naam", "Utrecht", "soort", "GEMEENTE")
	st.add("Organisatie", "beheer", "naam", "Gemeente Utrecht", "sector", "GEMEENTELIJKE_DIENST")
	for i := range n {
		o := fmt.Sprintf("o%02d", i)
		st.add("Organisatie", o, "naam", o, "sector", "ZORG", "beheerder", "beheer")
		for j := range 2 {
			f := fmt.Sprintf("%s-f%d", o, j)
			p := fmt.Sprintf("%s-p%d", o, j)
			st.add("Functie", f, "titel", "Wijkverpleegkundige", "rol", "WIJKVERPLEEGKUNDIGE", "niveau", "FRONTLIJN")
			st.link("FUNCTIE_BIJ", f, o)
			st.add("Persoon", p, "naam", p, "grondslag", "GERECHTVAARDIGD_BELANG")
			st.link("BEKLEEDT", p, f)
			st.add("Contactgegeven", p+"-tel", "soort", "TELEFOON", "waarde", "+31612345678")
			st.link("HEEFT_CONTACT", p, p+"-tel")
		}
	}
}

// The number of store calls depends on the shape of the query, not on how
// many records it returns.
func TestNoNPlusOne(t *testing.T) {
	const query = `{ organisaties(first: 50) { edges { node {
		naam beheerder { naam } gemeente { naam }
		functies { titel organisatie { naam } bekleedDoor { naam contactgegevens { waarde } } }
	} } } }`
	want := map[string]int{
		"List": 1,
		// beheerder and gemeente of the organisaties
		"Get": 2,
		// functies, organisatie, bekleedDoor, contactgegevens
		"Neighbours": 4,
	}
	for _, n := range []int{1, 3, 25} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			s := newTestServer(t, Options{ComplexityLimit: 1_000_000})
			s.organisaties(n)
			r := s.do(t, query)
			if len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			edges, _ := field(r.Data, "organisaties", "edges").([]any)
			if len(edges) != n+1 { // the beheerder is an organisatie too
				t.Fatalf("%d edges; want %d", len(edges), n+1)
			}
			if got := field(edges[n], "node", "functies", 1, "bekleedDoor", 0, "contactgegevens", 0, "waarde"); got != "+31612345678" {
				t.Errorf("nested phone = %v", got)
			}
			if got := field(edges[1], "node", "beheerder", "naam"); got != "Gemeente Utrecht" {
				t.Errorf("beheerder = %v", got)
			}
			for method, c := range want {
				if got := s.store.count(method); got != c {
					t.Errorf("%s calls = %d; want %d (all: %v)", method, got, c, s.store.calls)
				}
			}
		})
	}
}

func TestNestedQueryFromTheBrief(t *testing.T) {
	s := newTestServer(t, Options{})
	s.fixture()
	s.store.add("Organisatie", "o2", "naam", "Woningcorporatie", "sector", "WONINGCORPORATIE")
	s.store.link("LID_VAN", "o2", "c1", "niveau", "BESTUURLIJK", "sleutelpartner", true)
	s.store.add("Coalitie", "c2", "naam", "Tijdelijke coalitie", "soort", "TIJDELIJK")
	s.store.link("BEDIENT", "c2", "gm")
	s.store.link("LID_VAN", "o2", "c2", "niveau", "MANAGERIAL")
	r := s.do(t, `{ gebied(id: "gm") { coalities { naam
		leden { koppeling { niveau sleutelpartner } lid { ... on Organisatie { naam contactgegevens { waarde } } } }
		bestuurlijk: leden(niveau: STRATEGISCH) { lid { ... on Organisatie { naam } } }
	} } }`)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if got := field(r.Data, "gebied", "coalities", 0, "leden", 0, "lid", "contactgegevens", 0, "waarde"); got != "+31301234567" {
		t.Errorf("phone of the first member = %v", got)
	}
	best, _ := field(r.Data, "gebied", "coalities", 0, "bestuurlijk").([]any)
	if len(best) != 1 || field(best[0], "lid", "naam") != "Woningcorporatie" {
		t.Errorf("bestuurlijke leden = %v; want the woningcorporatie (STRATEGISCH = BESTUURLIJK)", best)
	}
	// gebied; coalities; leden; leden at BESTUURLIJK; contactgegevens
	if got := s.store.count("Neighbours"); got != 4 {
		t.Errorf("Neighbours calls = %d; want 4", got)
	}
	for _, q := range s.store.queries {
		if q.Relation == "LID_VAN" && q.Niveau != "" && q.Niveau != "BESTUURLIJK" {
			t.Errorf("niveau sent to the store = %q; want the canonical BESTUURLIJK", q.Niveau)
		}
	}
}

func TestTotalCountOnlyWhenAsked(t *testing.T) {
	s := newTestServer(t, Options{})
	s.organisaties(3)
	r := s.do(t, `{ organisaties(first: 2) { edges { cursor } pageInfo { hasNextPage endCursor } } }`)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if s.store.count("Count") != 0 {
		t.Errorf("Count called without totalCount")
	}
	if field(r.Data, "organisaties", "pageInfo", "hasNextPage") != true {
		t.Errorf("hasNextPage = false; want true")
	}
	after := field(r.Data, "organisaties", "pageInfo", "endCursor")
	r = s.do(t, `query($after: String) { organisaties(first: 2, after: $after) { totalCount edges { node { naam } } pageInfo { hasNextPage hasPreviousPage } } }`, "after", after)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if got := field(r.Data, "organisaties", "totalCount"); got != float64(4) {
		t.Errorf("totalCount = %v; want 4", got)
	}
	if got := field(r.Data, "organisaties", "edges", 0, "node", "naam"); got != "o01" {
		t.Errorf("first on page 2 = %v; want o01", got)
	}
	if s.store.count("Count") != 1 {
		t.Errorf("Count calls = %d; want 1", s.store.count("Count"))
	}
}
