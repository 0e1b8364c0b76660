package search_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/demo"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
	"github.com/socialekaart/socialekaart/search"
)

// BenchmarkNeo4jFulltext puts Neo4j's own full-text index (Lucene, Dutch
// analyzer) side by side with the Bleve index, on the same cards with the
// same public text (search.PublicText of the cards the store hands the
// indexer). It is outside make test:
//
//	go test ./search -run '^$' -bench Neo4jFulltext -benchtime 1x -timeout 60m
//
// First the golden and held-out cases on the Utrecht demo: how many have an
// expected card in the top 3 of each. Then latency on SEARCH_BENCH_CARDS
// generated cards (default 100,000), with 1 and 8 clients, the two engines
// interleaved in rounds on the same queries so that the noise of a busy
// machine falls on both alike. Bleve is measured alone (idx.Zoek, no
// hydration), as Neo4j returns ids only.
func BenchmarkNeo4jFulltext(b *testing.B) {
	ctx := context.Background()
	s := neo4jtest.Open(b)
	if err := s.VergelijkingIndex(ctx); err != nil {
		b.Fatal(err)
	}

	// (1) Relevance on the demo.
	rb := make([]byte, 4)
	_, _ = rand.Read(rb)
	p := "f" + hex.EncodeToString(rb) + "-"
	if err := s.Import(ctx, prefixed(demo.Utrecht(), p)); err != nil {
		b.Fatalf("Import demo: %v", err)
	}
	gm := p + demo.GemeenteID
	idx := openRebuilt(b, s, gm)
	svc := &kaart.Service{Store: s, Zoek: idx}
	vergelijkingNodes(b, s, gm)
	for _, file := range []string{"golden.json", "heldout.json"} {
		raw, err := os.ReadFile("testdata/" + file)
		if err != nil {
			b.Fatal(err)
		}
		var cases []goldenCase
		if err := json.Unmarshal(raw, &cases); err != nil {
			b.Fatalf("%s: %v", file, err)
		}
		var bleveOK, neoOK int
		for _, c := range cases {
			res, err := svc.Zoeken(anoniem, kaart.ZoekVraag{Tekst: c.Vraag})
			if err != nil {
				b.Fatalf("Zoeken(%q): %v", c.Vraag, err)
			}
			bl := ids(res)
			neo, err := s.VergelijkingZoek(ctx, gm, c.Vraag, 3)
			if err != nil {
				b.Fatal(err)
			}
			okB, okN := inTop3(bl, c.Top3, p), inTop3(neo, c.Top3, p)
			if okB {
				bleveOK++
			}
			if okN {
				neoOK++
			}
			if !okB || !okN {
				b.Logf("%s: %q bleve %v %v, neo4j %v %v; want one of %v (%s)", file, c.Vraag,
					okB, trimmed(first3(bl), p), okN, trimmed(neo, p), c.Top3, c.Behoefte)
			}
		}
		b.Logf("%s: expected card in the top 3: bleve %d of %d, neo4j full-text %d of %d", file, bleveOK, len(cases), neoOK, len(cases))
	}

	// (2) Latency on generated cards.
	gm2 := neo4jtest.Gemeente(b, s)
	n := importGenerated(b, s, gm2)
	start := time.Now()
	idx2 := openRebuilt(b, s, gm2)
	b.Logf("bleve index build %s", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	vergelijkingNodes(b, s, gm2)
	b.Logf("neo4j nodes written and indexed in %s", time.Since(start).Round(time.Millisecond))

	queries := []string{"wijkagent kanaleneiland", "buurtteam overvecht", "eenzaamheid ouderen zuid", "taalcafe",
		"jongerenwerk hoograven", "wijkraad overvecth", "veiligheid", "jeugd", "sociaal makelaar", "voedselbank"}
	for _, q := range queries {
		res, err := idx2.Zoek(ctx, kaart.Viewer{}, kaart.ZoekVraag{Tekst: q, First: 20})
		if err != nil {
			b.Fatal(err)
		}
		neo, err := s.VergelijkingZoek(ctx, gm2, q, 20)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%-26q bleve %6d hits, top %v; neo4j top %v", q, res.Totaal, first3(ids(res)), first3(neo))
	}
	engines := []struct {
		name string
		f    func(q string) error
	}{
		{"bleve", func(q string) error {
			_, err := idx2.Zoek(ctx, kaart.Viewer{}, kaart.ZoekVraag{Tekst: q, First: 20})
			return err
		}},
		{"neo4j", func(q string) error {
			_, err := s.VergelijkingZoek(ctx, gm2, q, 20)
			return err
		}},
	}
	// Warm both up: statement plans, caches, the JIT of Neo4j.
	for _, eng := range engines {
		measure(b, 2, 2*len(queries), 0, queries, eng.f)
	}
	b.Logf("engine     cards  clients  p50        p99")
	for _, clients := range []int{1, 8} {
		// Rounds of 40 searches per client, each engine in turn.
		const rounds, perRound = 5, 40
		lat := make([][]time.Duration, len(engines))
		for r := 0; r < rounds; r++ {
			for e, eng := range engines {
				lat[e] = append(lat[e], measure(b, clients, perRound, r*perRound, queries, eng.f)...)
			}
		}
		for e, eng := range engines {
			b.Logf("%-8s %7d   %d        %-10s %s", eng.name, n, clients, pct(lat[e], 0.5), pct(lat[e], 0.99))
		}
		b.Logf("neo4j/bleve %d client(s): p50 ×%.1f, p99 ×%.1f", clients,
			float64(pct(lat[1], 0.5))/float64(pct(lat[0], 0.5)), float64(pct(lat[1], 0.99))/float64(pct(lat[0], 0.99)))
	}
}

// openRebuilt opens an index of gemeente gm and rebuilds it.
func openRebuilt(b *testing.B, s *neo4j.Store, gm string) *search.Index {
	b.Helper()
	idx, err := search.Open(context.Background(), slog.New(slog.DiscardHandler), b.TempDir(), s, search.Options{Gemeenten: []string{gm}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = idx.Close() })
	if err := idx.Rebuild(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	return idx
}

// vergelijkingNodes gives every card of gemeente gm that anonymous viewers
// see a :ZoekVergelijking node with the text of its public document, loaded
// as the indexer loads it, and waits until Neo4j's index holds them all.
// The nodes are removed when the benchmark ends.
func vergelijkingNodes(b *testing.B, s *neo4j.Store, gm string) {
	b.Helper()
	ctx := context.Background()
	b.Cleanup(func() {
		if err := s.VergelijkingWis(context.Background(), gm); err != nil {
			b.Error(err)
		}
	})
	var docs []neo4j.VergelijkingDoc
	after := ""
	for {
		page, err := s.CardIDs(ctx, after, []string{gm}, 1000)
		if err != nil {
			b.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		after = page[len(page)-1]
		cards, err := s.Cards(ctx, page)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range cards {
			naam, tekst, omgeving, ok := search.PublicText(c)
			if ok {
				docs = append(docs, neo4j.VergelijkingDoc{ID: c.ID, Naam: naam, Tekst: tekst, Omgeving: omgeving})
			}
		}
	}
	if err := s.VergelijkingMaak(ctx, gm, docs); err != nil {
		b.Fatal(err)
	}
	if err := s.VergelijkingWacht(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d public cards of %s given to neo4j's full-text index", len(docs), gm)
}

// measure runs perClient searches on each of clients goroutines, the
// queries in turn from offset, and returns the latencies.
func measure(b *testing.B, clients, perClient, offset int, queries []string, f func(q string) error) []time.Duration {
	lat := make([]time.Duration, 0, clients*perClient)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := 0; i < perClient; i++ {
				q := queries[(c+offset+i)%len(queries)]
				t0 := time.Now()
				if err := f(q); err != nil {
					b.Error(err)
					return
				}
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		}(c)
	}
	wg.Wait()
	return lat
}

// pct returns the q-quantile of the latencies.
func pct(lat []time.Duration, q float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), lat...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[int(q*float64(len(s)-1))].Round(10 * time.Microsecond)
}

func inTop3(got, want []string, prefix string) bool {
	for _, g := range first3(got) {
		for _, w := range want {
			if g == prefix+w {
				return true
			}
		}
	}
	return false
}

func first3(ids []string) []string {
	if len(ids) > 3 {
		return ids[:3]
	}
	return ids
}

// trimmed is ids without the benchmark's prefix, for logs.
func trimmed(ids []string, prefix string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strings.TrimPrefix(id, prefix)
	}
	return out
}
