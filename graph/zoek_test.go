package graph_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
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

// TestZoekHitsFromTheIndexKeepTheirContract: a hit answered from the index
// resolves every field of its record, and its nested fields are loaded by
// their own resolvers with the viewer's scope: an anonymous viewer gets the
// public contact of an organisation and not its PARTNERS one, a partner
// gets both; the hits themselves cost no statement.
func TestZoekHitsFromTheIndexKeepTheirContract(t *testing.T) {
	t.Parallel()
	s := neo4jtest.Open(t)
	gm := neo4jtest.Gemeente(t, s)
	ctx := context.Background()
	beheerder := kaart.WithViewer(ctx, kaart.Viewer{Rol: kaart.Beheerder, Gemeente: gm, SleutelID: "t"})
	svc := &kaart.Service{Store: s}
	org, err := svc.Create(beheerder, "Organisatie", kaart.Input{"naam": "Stichting Indexkaart", "sector": "WELZIJN",
		"omschrijving": "Hulp bij alles", "gemeente": gm})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []kaart.Input{
		{"van": org.ID(), "soort": "EMAIL", "waarde": "open@indexkaart.nl", "zichtbaarheid": "OPENBAAR", "gemeente": gm},
		{"van": org.ID(), "soort": "TELEFOON", "waarde": "030 799 0413", "zichtbaarheid": "PARTNERS", "gemeente": gm},
	} {
		if _, err := svc.Create(beheerder, "Contactgegeven", c); err != nil {
			t.Fatal(err)
		}
	}
	idx, err := search.Open(ctx, nil, t.TempDir(), s, search.Options{Gemeenten: []string{gm}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	if err := idx.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	h := graph.NewHandler(&kaart.Service{Store: s, Zoek: idx}, graph.Options{}, nil)
	const q = `{ zoek(tekst: "indexkaart") { totaal treffers { kaart {
	  id zichtbaarheid versie
	  ... on Organisatie { naam omschrijving sector contactgegevens { waarde } } } } } }`
	type hit struct {
		Zoek struct {
			Totaal   int
			Treffers []struct {
				Kaart struct {
					ID, Zichtbaarheid, Naam, Omschrijving, Sector string
					Versie                                        int
					Contactgegevens                               []struct{ Waarde string }
				}
			}
		}
	}
	partner := kaart.WithViewer(ctx, kaart.Viewer{Rol: kaart.Partner, Organisatie: "org-elders", SleutelID: "t"})
	for _, tc := range []struct {
		name string
		ctx  context.Context
		want []string
	}{{"anonymous", ctx, []string{"open@indexkaart.nl"}}, {"partner", partner, []string{"+31307990413", "open@indexkaart.nl"}}} {
		before := s.Statements()
		resp := post(t, h, tc.ctx, q, nil)
		statements := s.Statements() - before
		if len(resp.Errors) > 0 {
			t.Fatalf("%s: errors %v", tc.name, resp.Errors)
		}
		var got hit
		if err := json.Unmarshal(resp.Data, &got); err != nil {
			t.Fatal(err)
		}
		if got.Zoek.Totaal != 1 || len(got.Zoek.Treffers) != 1 {
			t.Fatalf("%s: %s; want the one organisation", tc.name, resp.Data)
		}
		k := got.Zoek.Treffers[0].Kaart
		if k.ID != org.ID() || k.Naam != "Stichting Indexkaart" || k.Omschrijving != "Hulp bij alles" || k.Sector != "WELZIJN" ||
			k.Zichtbaarheid != "OPENBAAR" || k.Versie != 1 {
			t.Errorf("%s: kaart = %+v", tc.name, k)
		}
		var waarden []string
		for _, c := range k.Contactgegevens {
			waarden = append(waarden, c.Waarde)
		}
		sort.Strings(waarden)
		if strings.Join(waarden, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s: contactgegevens = %v; want %v", tc.name, waarden, tc.want)
		}
		if statements > 1 {
			t.Errorf("%s: %d statements; want at most 1 (the contactgegevens, none for the hits)", tc.name, statements)
		}
	}
}
