package graph_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/graph"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
	"github.com/socialekaart/socialekaart/search"
)

const zoekQuery = `query($tekst: String!, $after: String) {
  zoek(tekst: $tekst, first: 12, after: $after, filters: {types: ["Coalitie"]}) {
    totaal hasNextPage endCursor
    facetten { veld waarden { waarde aantal } }
    treffers {
      score snippet cursor
      kaart { id ... on Coalitie { naam leden { koppeling { niveau } } } }
    }
  }
  suggesties(tekst: "coal") { id type naam }
}`

// TestZoekOverGraphQL searches through the GraphQL handler: typed hits in
// score order, hydrated with their nested fields in a constant number of
// statements, keyset paging with endCursor, facets and suggestions.
func TestZoekOverGraphQL(t *testing.T) {
	t.Parallel()
	s := neo4jtest.Open(t)
	h := zoekHandler(t, s, seedCoalities(t, s, 30))

	type page struct {
		Zoek struct {
			Totaal      int
			HasNextPage bool
			EndCursor   *string
			Facetten    []struct {
				Veld    string
				Waarden []struct {
					Waarde string
					Aantal int
				}
			}
			Treffers []struct {
				Score float64
				Kaart struct {
					ID    string
					Naam  string
					Leden []struct{ Koppeling struct{ Niveau string } }
				}
			}
		}
		Suggesties []struct{ ID, Type, Naam string }
	}
	seen := map[string]bool{}
	var after any
	for i := 0; i < 3; i++ {
		before := s.Statements()
		resp := post(t, h, context.Background(), zoekQuery, map[string]any{"tekst": "coalitie", "after": after})
		statements := s.Statements() - before
		if len(resp.Errors) > 0 {
			t.Fatalf("errors: %v", resp.Errors)
		}
		var p page
		if err := json.Unmarshal(resp.Data, &p); err != nil {
			t.Fatal(err)
		}
		if p.Zoek.Totaal != 30 {
			t.Errorf("totaal = %d; want 30", p.Zoek.Totaal)
		}
		if statements > 3 {
			t.Errorf("page %d took %d statements; want at most 3 (hits, leden, nothing per hit)", i, statements)
		}
		for j, tr := range p.Zoek.Treffers {
			if seen[tr.Kaart.ID] {
				t.Errorf("page %d repeats %s", i, tr.Kaart.ID)
			}
			seen[tr.Kaart.ID] = true
			if len(tr.Kaart.Leden) != 3 {
				t.Errorf("hit %s has %d leden; want 3", tr.Kaart.ID, len(tr.Kaart.Leden))
			}
			if j > 0 && tr.Score > p.Zoek.Treffers[j-1].Score {
				t.Errorf("hits not in score order at %d", j)
			}
		}
		if len(p.Suggesties) == 0 {
			t.Errorf("suggesties(coal) = none; want coalities")
		}
		if !p.Zoek.HasNextPage {
			break
		}
		after = *p.Zoek.EndCursor
	}
	if len(seen) != 30 {
		t.Errorf("paging saw %d coalities; want 30", len(seen))
	}
}

// TestZoekNabijOverGraphQL: the distance filter through GraphQL, and every
// bad coordinate named in one response.
func TestZoekNabijOverGraphQL(t *testing.T) {
	t.Parallel()
	s := neo4jtest.Open(t)
	h := zoekHandler(t, s, seedCoalities(t, s, 3))
	const q = `query($nabij: NabijInvoer!) { zoek(tekst: "coalitie", filters: {nabij: $nabij}) { totaal } }`

	resp := post(t, h, context.Background(), q, map[string]any{"nabij": map[string]any{"lat": 95.0, "lon": 200.0, "km": 0.0}})
	fields := map[string]bool{}
	for _, e := range resp.Errors {
		if e.Extensions["code"] != kaart.EINVALID {
			t.Errorf("error %q has code %v; want %s", e.Message, e.Extensions["code"], kaart.EINVALID)
		}
		f, _ := e.Extensions["field"].(string)
		fields[f] = true
	}
	for _, f := range []string{"filters.nabij.lat", "filters.nabij.lon", "filters.nabij.km"} {
		if !fields[f] {
			t.Errorf("errors %v name no %s", resp.Errors, f)
		}
	}

	// The seeded coalities have no place on the map: none is near anything.
	resp = post(t, h, context.Background(), q, map[string]any{"nabij": map[string]any{"lat": 52.09, "lon": 5.11, "km": 5.0}})
	if len(resp.Errors) > 0 {
		t.Fatalf("errors: %v", resp.Errors)
	}
	var got struct{ Zoek struct{ Totaal int } }
	if err := json.Unmarshal(resp.Data, &got); err != nil {
		t.Fatal(err)
	}
	if got.Zoek.Totaal != 0 {
		t.Errorf("totaal near Utrecht = %d; want 0 (no coalitie has a place)", got.Zoek.Totaal)
	}
}

// zoekHandler is the GraphQL handler with a search index of the gemeente of
// the wijk seedCoalities made, rebuilt from the store.
func zoekHandler(t *testing.T, s *neo4j.Store, wijk string) http.Handler {
	t.Helper()
	gm := strings.TrimSuffix(wijk, "-wijk")
	idx, err := search.Open(context.Background(), nil, t.TempDir(), s, search.Options{Gemeenten: []string{gm}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	if err := idx.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	return graph.NewHandler(&kaart.Service{Store: s, Zoek: idx}, graph.Options{}, nil)
}
