package graph_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/socialekaart/socialekaart/graph"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

const coalitieAnalyseQuery = `query($gebied: ID!) {
  coalitieAnalyse(gebied: $gebied, peildatum: "2025-09-01") {
    coalitie { naam }
    niveaus { niveau aantal }
    sleutelpartners { partij { id } aanBestuurlijkeTafel }
    signalen { soort ernst uitleg }
    ernst
  }
}`

// TestVragenOverGraphQL runs the questions through the handler: the role
// rule reaches the client as extensions.code, and the answers resolve their
// nested records.
func TestVragenOverGraphQL(t *testing.T) {
	t.Parallel()
	s := neo4jtest.Open(t)
	wijk := seedCoalities(t, s, 3)
	h := graph.NewHandler(&kaart.Service{Store: s}, graph.Options{}, nil)

	// The analysis is built from what the viewer may see, so a resident
	// gets it too (the seeded coalities are public).
	for _, ctx := range []context.Context{context.Background(), kaart.WithViewer(context.Background(), neo4jtest.Platform)} {
		resp := post(t, h, ctx, coalitieAnalyseQuery, map[string]any{"gebied": wijk})
		if len(resp.Errors) > 0 {
			t.Fatalf("coalitieAnalyse as %q: errors %v", kaart.ViewerFrom(ctx).Rol, resp.Errors)
		}
		var data struct {
			CoalitieAnalyse []struct {
				Niveaus  []struct{ Aantal int }
				Signalen []struct{ Soort string }
				Ernst    int
			}
		}
		if err := json.Unmarshal(resp.Data, &data); err != nil {
			t.Fatal(err)
		}
		// Each seeded coalitie has one member per level and its key partner at
		// the bestuurlijk table, but no written agreement.
		if len(data.CoalitieAnalyse) != 3 {
			t.Fatalf("coalitieAnalyse as %q = %d analyses; want 3", kaart.ViewerFrom(ctx).Rol, len(data.CoalitieAnalyse))
		}
		for _, a := range data.CoalitieAnalyse {
			if len(a.Signalen) != 1 || a.Signalen[0].Soort != "GEEN_AFSPRAAK" || a.Ernst != 2 || a.Niveaus[0].Aantal != 1 {
				t.Errorf("analysis = %+v; want only GEEN_AFSPRAAK (ernst 2) and one member per level", a)
			}
		}
	}

	resp := post(t, h, context.Background(), `query($gebied: ID!) {
	  aanspreekpunt(gebied: $gebied, niveau: OPERATIONEEL) { wie { id } reikwijdte waarom }
	  waarvoorBijWie(gebied: $gebied) { gebied { naam } onderwerpen { thema { naam } } zonderAanspreekpunt { naam } }
	  escalatie(gebied: $gebied) { startpunten { id } ambtelijk { volgorde } }
	}`, map[string]any{"gebied": wijk})
	if len(resp.Errors) > 0 {
		t.Fatalf("public questions: errors %v", resp.Errors)
	}
	var pub struct {
		Aanspreekpunt  []any
		WaarvoorBijWie struct {
			Gebied              struct{ Naam string }
			ZonderAanspreekpunt []any
		}
	}
	if err := json.Unmarshal(resp.Data, &pub); err != nil {
		t.Fatal(err)
	}
	if len(pub.Aanspreekpunt) != 0 || pub.WaarvoorBijWie.Gebied.Naam != "Wijk" || pub.WaarvoorBijWie.ZonderAanspreekpunt != nil {
		t.Errorf("public answers = %s; want no aanspreekpunt, the wijk's loket and no gaps for a resident", resp.Data)
	}
}
