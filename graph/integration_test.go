package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/socialekaart/socialekaart/graph"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// seedCoalities imports, into a fresh gemeente, a wijk served by n
// coalities, each with three member organisations (one per niveau) that
// each have a public phone number and a hidden one.
func seedCoalities(t *testing.T, s *neo4j.Store, n int) (wijk string) {
	t.Helper()
	gm := neo4jtest.Gemeente(t, s)
	wijk = gm + "-wijk"
	doc := &kaart.Export{Formaat: kaart.ExportFormat, Versie: kaart.ExportVersion}
	rec := func(typ string, props map[string]any) {
		props["gemeente"] = gm
		doc.Records = append(doc.Records, kaart.ExportRecord{Type: typ, Eigenschappen: props})
	}
	link := func(typ, van, naar string, props map[string]any) {
		props["id"] = fmt.Sprintf("%s-k%d", gm, len(doc.Koppelingen))
		doc.Koppelingen = append(doc.Koppelingen, kaart.ExportKoppeling{Type: typ, Van: van, Naar: naar, Eigenschappen: props})
	}
	rec("Gebied", map[string]any{"id": wijk, "naam": "Wijk", "soort": "WIJK"})
	for i := range n {
		coa := fmt.Sprintf("%s-coa-%04d", gm, i)
		rec("Coalitie", map[string]any{"id": coa, "naam": fmt.Sprintf("Coalitie %04d", i), "soort": "VAST"})
		link("BEDIENT", coa, wijk, map[string]any{})
		for j, niveau := range kaart.Niveaus {
			org := fmt.Sprintf("%s-org-%04d-%d", gm, i, j)
			rec("Organisatie", map[string]any{"id": org, "naam": "Partner " + org, "sector": "WELZIJN"})
			link("LID_VAN", org, coa, map[string]any{"niveau": string(niveau), "sleutelpartner": j == 0})
			for k, zicht := range []string{"OPENBAAR", "INTERN"} {
				tel := fmt.Sprintf("%s-tel-%04d-%d-%d", gm, i, j, k)
				rec("Contactgegeven", map[string]any{"id": tel, "soort": "TELEFOON", "waarde": fmt.Sprintf("030 7%02d %04d", j*10+k, i), "zichtbaarheid": zicht})
				link("HEEFT_CONTACT", org, tel, map[string]any{})
			}
		}
	}
	if err := s.Import(context.Background(), doc); err != nil {
		t.Fatalf("Import: %v", err)
	}
	return wijk
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func post(t *testing.T, h http.Handler, ctx context.Context, query string, vars map[string]any) gqlResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body)).WithContext(ctx)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out gqlResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("response %d %q: %v", rec.Code, rec.Body.String(), err)
	}
	return out
}

const nestedQuery = `query($id: ID!) {
  gebied(id: $id) {
    naam
    coalities {
      naam
      leden {
        koppeling { niveau sleutelpartner }
        lid { ... on Organisatie { naam contactgegevens { waarde zichtbaarheid } } }
      }
    }
  }
}`

// TestNestedQueryStatementCountDoesNotGrowWithResults counts the Cypher
// statements the store sends over the real driver for the same nested
// query over 10 and over 1,000 coalities.
func TestNestedQueryStatementCountDoesNotGrowWithResults(t *testing.T) {
	t.Parallel()
	counts := map[int]int64{}
	for _, n := range []int{10, 1000} {
		s := neo4jtest.Open(t)
		wijk := seedCoalities(t, s, n)
		h := graph.NewHandler(&kaart.Service{Store: s}, graph.Options{}, nil)
		before := s.Statements()
		resp := post(t, h, context.Background(), nestedQuery, map[string]any{"id": wijk})
		counts[n] = s.Statements() - before
		if len(resp.Errors) > 0 {
			t.Fatalf("n=%d: errors %v", n, resp.Errors)
		}
		var data struct {
			Gebied struct {
				Coalities []struct {
					Leden []struct {
						Lid struct {
							Contactgegevens []struct{ Zichtbaarheid string }
						}
					}
				}
			}
		}
		if err := json.Unmarshal(resp.Data, &data); err != nil {
			t.Fatal(err)
		}
		if got := len(data.Gebied.Coalities); got != n {
			t.Fatalf("n=%d: %d coalities in the answer", n, got)
		}
		for _, c := range data.Gebied.Coalities {
			if len(c.Leden) != 3 {
				t.Fatalf("n=%d: coalitie with %d leden; want 3", n, len(c.Leden))
			}
			for _, l := range c.Leden {
				if len(l.Lid.Contactgegevens) != 1 || l.Lid.Contactgegevens[0].Zichtbaarheid != "OPENBAAR" {
					t.Fatalf("n=%d: anonymous sees contactgegevens %v; want only the OPENBAAR one", n, l.Lid.Contactgegevens)
				}
			}
		}
	}
	t.Logf("statements: %d for 10 coalities, %d for 1,000", counts[10], counts[1000])
	if counts[10] != counts[1000] || counts[10] == 0 {
		t.Fatalf("statements = %d for 10 coalities and %d for 1,000; want the same, non-zero", counts[10], counts[1000])
	}
}
