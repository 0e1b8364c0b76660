package neo4j_test

import (
	"context"
	"errors"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

func TestCreateAndGetOrganisatie(t *testing.T) {
	t.Parallel()
	s := neo4jtest.Open(t)
	ctx := context.Background()
	gm := neo4jtest.Gemeente(t, s)
	in, err := kaart.OrganisatieType.ValidateCreate(kaart.Input{"gemeente": gm, "naam": "DOCK", "sector": "WELZIJN"}, "input")
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Create(ctx, neo4jtest.Platform, kaart.OrganisatieType, in)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	got, err := s.Get(ctx, kaart.Viewer{}, nil, []string{n.ID()})
	if err != nil {
		t.Fatal(err)
	}
	org, err := kaart.Decode[kaart.Organisatie](got[n.ID()])
	if err != nil {
		t.Fatal(err)
	}
	if org.Naam != "DOCK" || org.Versie != 1 || org.Gemeente != gm {
		t.Fatalf("Get = %+v; want DOCK versie 1 in %s", org, gm)
	}
	var e *kaart.Error
	_, err = s.Update(ctx, neo4jtest.Platform, kaart.OrganisatieType, n.ID(), 5, kaart.Validated{Props: map[string]any{"naam": "X"}})
	if !errors.As(err, &e) || e.Code != kaart.ECONFLICT {
		t.Fatalf("Update with stale versie: err = %v; want CONFLICT", err)
	}
}
