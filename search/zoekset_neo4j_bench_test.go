package search_test

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
	"github.com/socialekaart/socialekaart/search"
)

// BenchmarkZoeksetNeo4j runs the query set (BenchmarkZoekset) end to end:
// SEARCH_BENCH_CARDS zoekset cards (default 100,000) imported into Neo4j,
// the index rebuilt from there, and the zoek service of before ("voorheen":
// the passes of before, then every page of hits re-read from Neo4j, as
// kaart.Service.Zoeken was) and of now ("nu": hits answered from the index)
// interleaved:
//
//	SEARCH_BENCH_CARDS=20000 go test ./search -run '^$' -bench ZoeksetNeo4j -benchtime 1x
//
// CPU is this process's (the service's) user and system time per search;
// Neo4j's own is not in it. SEARCH_BENCH_ROUNDS as for BenchmarkZoekset.
func BenchmarkZoeksetNeo4j(b *testing.B) {
	ctx := context.Background()
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("SEARCH_BENCH_CARDS")); err == nil && v > 0 {
		n = v
	}
	rounds := 5
	if v, err := strconv.Atoi(os.Getenv("SEARCH_BENCH_ROUNDS")); err == nil && v > 0 {
		rounds = v
	}
	s := neo4jtest.Open(b)
	gm := neo4jtest.Gemeente(b, s)
	start := time.Now()
	doc := search.ZoeksetExport(gm, n)
	for i := 0; i < len(doc.Records); i += 20000 {
		part := &kaart.Export{Formaat: doc.Formaat, Versie: doc.Versie, Records: doc.Records[i:min(i+20000, len(doc.Records))]}
		if err := s.Import(ctx, part); err != nil {
			b.Fatalf("Import: %v", err)
		}
	}
	fmt.Fprintf(os.Stderr, "imported %d cards in %s\n", n, time.Since(start).Round(time.Millisecond))
	idx := openRebuilt(b, s, gm)
	svc := &kaart.Service{Store: s, Zoek: idx}
	voorheen := func(q string) error {
		// Zoeken as it was: the three passes of before, then every hit of
		// the page from Neo4j.
		res, err := idx.OudZoek(ctx, kaart.Viewer{}, kaart.ZoekVraag{Tekst: q, First: kaart.DefaultPageSize})
		if err != nil {
			return err
		}
		ids := make([]string, len(res.Treffers))
		for i, t := range res.Treffers {
			ids[i] = t.ID
		}
		_, err = s.Get(ctx, kaart.Viewer{}, kaart.CardTypes, ids)
		return err
	}
	nu := func(q string) error {
		_, err := svc.Zoeken(ctx, kaart.ZoekVraag{Tekst: q})
		return err
	}
	ways := []struct {
		name string
		zoek func(string) error
	}{{"voorheen", voorheen}, {"nu", nu}}
	queries := search.Zoekset
	for _, q := range queries {
		for _, w := range ways {
			if err := w.zoek(q); err != nil {
				b.Fatal(err)
			}
		}
	}
	cpu := func() time.Duration {
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		wall := make([][]time.Duration, len(ways))
		cpus := make([]time.Duration, len(ways))
		per := make([]map[string]time.Duration, len(ways))
		for w := range ways {
			per[w] = map[string]time.Duration{}
		}
		for r := 0; r < rounds; r++ {
			for _, q := range queries {
				for w, way := range ways {
					c0, t0 := cpu(), time.Now()
					if err := way.zoek(q); err != nil {
						b.Fatal(err)
					}
					d := time.Since(t0)
					cpus[w] += cpu() - c0
					wall[w] = append(wall[w], d)
					per[w][q] += d
				}
			}
		}
		fmt.Fprintf(os.Stderr, "zoekset end to end, %d queries x %d rounds, %d cards in Neo4j, anonymous, first %d\n", len(queries), rounds, n, kaart.DefaultPageSize)
		for w, way := range ways {
			l := wall[w]
			sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
			p := func(q float64) time.Duration { return l[int(q*float64(len(l)-1))] }
			c := cpus[w] / time.Duration(len(l))
			fmt.Fprintf(os.Stderr, "%-9s p50 %s p99 %s, service CPU %s per search\n", way.name, p(0.5).Round(10*time.Microsecond), p(0.99).Round(10*time.Microsecond), c.Round(10*time.Microsecond))
			b.ReportMetric(float64(p(0.5).Microseconds())/1000, way.name+"-ms-p50")
			b.ReportMetric(float64(p(0.99).Microseconds())/1000, way.name+"-ms-p99")
			b.ReportMetric(float64(c.Microseconds())/1000, way.name+"-cpu-ms/op")
		}
		worst := append([]string(nil), queries...)
		sort.SliceStable(worst, func(i, j int) bool { return per[1][worst[i]] > per[1][worst[j]] })
		var parts []string
		for _, q := range worst[:min(10, len(worst))] {
			parts = append(parts, fmt.Sprintf("%q %s/%s", q, (per[0][q]/time.Duration(rounds)).Round(10*time.Microsecond), (per[1][q]/time.Duration(rounds)).Round(10*time.Microsecond)))
		}
		fmt.Fprintf(os.Stderr, "worst ten of nu (mean voorheen/nu): %s\n", strings.Join(parts, ", "))
	}
}
