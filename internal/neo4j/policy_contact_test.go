package neo4j_test

import (
	"context"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// A partner may add contactgegevens to its own records, not to another
// partner's: a contactgegeven is part of whom it reaches.
func TestPartnerAddsContactOnlyToItsOwnRecords(t *testing.T) {
	t.Parallel()
	s := neo4jtest.Open(t)
	ctx := context.Background()
	gm := neo4jtest.Gemeente(t, s)
	create := func(v kaart.Viewer, typ *kaart.RecordType, in kaart.Input) (kaart.Node, error) {
		t.Helper()
		val, err := typ.ValidateCreate(in, "input")
		if err != nil {
			t.Fatalf("input %v: %v", in, err)
		}
		return s.Create(ctx, v, typ, val)
	}
	org := func(naam string) string {
		n, err := create(neo4jtest.Platform, kaart.OrganisatieType, kaart.Input{"gemeente": gm, "naam": naam, "sector": "WELZIJN", "zichtbaarheid": "OPENBAAR"})
		if err != nil {
			t.Fatal(err)
		}
		return n.ID()
	}
	eigen, ander := org("Eigen welzijn"), org("Andere zorg")
	functie, err := create(neo4jtest.Platform, kaart.FunctieType, kaart.Input{"gemeente": gm, "titel": "Wijkverpleegkundige", "rol": "WIJKVERPLEEGKUNDIGE", "niveau": "FRONTLIJN",
		"organisatie": ander, "beheerder": ander, "zichtbaarheid": "OPENBAAR"})
	if err != nil {
		t.Fatal(err)
	}
	partner, err := s.ResolveViewer(ctx, kaart.Viewer{Rol: kaart.Partner, Organisatie: eigen})
	if err != nil {
		t.Fatal(err)
	}
	contact := func(van string) kaart.Input {
		return kaart.Input{"gemeente": gm, "soort": "TELEFOON", "waarde": "0301234567", "van": van, "beheerder": eigen}
	}
	_, err = create(partner, kaart.ContactgegevenType, contact(functie.ID()))
	if kaart.ErrorCode(err) != kaart.EFORBIDDEN {
		t.Fatalf("a contactgegeven on another partner's functie: err = %v, want FORBIDDEN", err)
	}
	links, err := s.Neighbours(ctx, neo4jtest.Platform, kaart.NeighbourQuery{Relation: "HEEFT_CONTACT", Outgoing: true, From: []string{functie.ID()}})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(links[functie.ID()]); n != 0 {
		t.Fatalf("the refused contactgegeven was written: %d on the functie", n)
	}
	if _, err := create(partner, kaart.ContactgegevenType, contact(eigen)); err != nil {
		t.Fatalf("a contactgegeven on its own organisation: %v", err)
	}
}
