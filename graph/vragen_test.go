package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
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
	if len(pub.Aanspreekpunt) != 0 || pub.WaarvoorBijWie.Gebied.Naam != "Wijk" || pub.WaarvoorBijWie.ZonderAanspreekpunt == nil {
		t.Errorf("public answers = %s; want no aanspreekpunt, the wijk's loket and its (empty) list of gaps", resp.Data)
	}
}

// TestVraagArgumentOverGraphQL: a name where an id belongs is looked up;
// one that names nothing is NOT_FOUND on the argument (not an empty answer
// that reads as "nobody"), and one that names several gebieden is
// BAD_USER_INPUT with their ids in extensions.kandidaten.
func TestVraagArgumentOverGraphQL(t *testing.T) {
	t.Parallel()
	s := neo4jtest.Open(t)
	wijk := seedCoalities(t, s, 1)
	gm := wijk[:len(wijk)-len("-wijk")]
	doc := &kaart.Export{Formaat: kaart.ExportFormat, Versie: kaart.ExportVersion}
	for _, id := range []string{gm + "-t1", gm + "-t2"} {
		doc.Records = append(doc.Records, kaart.ExportRecord{Type: "Gebied", Eigenschappen: map[string]any{"id": id, "gemeente": gm, "naam": "Tweeling " + gm, "soort": "BUURT"}})
	}
	if err := s.Import(context.Background(), doc); err != nil {
		t.Fatalf("Import: %v", err)
	}
	h := graph.NewHandler(&kaart.Service{Store: s}, graph.Options{}, nil)
	const q = `query($gebied: ID!) { aanspreekpunt(gebied: $gebied) { wie { id } } }`

	resp := post(t, h, context.Background(), q, map[string]any{"gebied": "Nergenshuizen " + gm})
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != kaart.ENOTFOUND || resp.Errors[0].Extensions["field"] != "gebied" ||
		!strings.HasPrefix(resp.Errors[0].Message, "gebied ") {
		t.Errorf("aanspreekpunt(Nergenshuizen) = %s, %+v; want NOT_FOUND on gebied", resp.Data, resp.Errors)
	}
	resp = post(t, h, context.Background(), q, map[string]any{"gebied": "tweeling " + gm})
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != kaart.EINVALID || resp.Errors[0].Extensions["field"] != "gebied" ||
		fmt.Sprint(resp.Errors[0].Extensions["kandidaten"]) != fmt.Sprint([]string{gm + "-t1", gm + "-t2"}) {
		t.Errorf("aanspreekpunt(tweeling) = %+v; want BAD_USER_INPUT on gebied with kandidaten %s-t1, %s-t2", resp.Errors, gm, gm)
	}
	resp = post(t, h, context.Background(), `query($gebied: ID!) { waarvoorBijWie(gebied: $gebied) { gebied { id } } }`, map[string]any{"gebied": "Tweeling " + gm})
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != kaart.EINVALID {
		t.Errorf("waarvoorBijWie(Tweeling) = %+v; want BAD_USER_INPUT", resp.Errors)
	}
}
