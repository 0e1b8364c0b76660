package neo4j_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/demo"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// BenchmarkKaartjes times the one statement that fills a page of 20 cards
// on the resident pages (Store.Kaartjes), on the demo data, and prints its
// PROFILE with KAARTJES_PLAN set:
//
//	go test ./internal/neo4j -run '^$' -bench Kaartjes -benchtime 200x
func BenchmarkKaartjes(b *testing.B) {
	ctx := context.Background()
	s := neo4jtest.Open(b)
	if got, err := s.Get(ctx, kaart.Viewer{}, nil, []string{"utr-abd-taalcafe-overvecht"}); err != nil {
		b.Fatal(err)
	} else if len(got) == 0 {
		if err := s.Import(ctx, demo.Utrecht()); err != nil {
			b.Fatalf("Import demo: %v", err)
		}
	}
	page, err := s.List(ctx, kaart.Viewer{}, kaart.RecordTypes["Aanbod"], kaart.ListFilter{First: 20})
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	for _, n := range page.Nodes {
		ids = append(ids, n.ID())
	}
	rel := func(name string, out bool, t string) kaart.NeighbourQuery {
		return kaart.NeighbourQuery{Relation: name, Outgoing: out, Types: []string{t}}
	}
	contact := rel("HEEFT_CONTACT", true, "Contactgegeven")
	q := kaart.KaartjeVraag{Types: []string{"Aanbod"}, IDs: ids, Buren: []kaart.NeighbourQuery{
		rel("AANGEBODEN_DOOR", true, "Organisatie"), rel("FUNCTIE_BIJ", true, "Organisatie"), rel("BEKLEEDT", false, "Persoon"),
		rel("OP_LOCATIE", true, "Locatie"), rel("OVER_THEMA", true, "Thema"), rel("BEDIENT", true, "Gebied"), contact,
	}, Via: []string{"AANGEBODEN_DOOR", "FUNCTIE_BIJ"}, Verder: &contact}
	hits, plan, err := s.ProfileKaartjes(ctx, kaart.Viewer{}, q)
	if err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "kaartjes of %d cards: %d db hits\n", len(ids), hits)
	if os.Getenv("KAARTJES_PLAN") != "" {
		fmt.Fprint(os.Stderr, plan)
	}
	var times []time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := s.Kaartjes(ctx, kaart.Viewer{}, q); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-p50")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "ms-p99")
}
