package neo4j_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/bench"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// BenchmarkAanspreekpunt times aanspreekpunt on generated gemeenten (as
// socialekaart genereer makes them; VRAGEN_BENCH_GEMEENTEN, default 5,
// written once into the test database) with the statement as it is and as
// it was (neo4j.LegacyAanspreekpuntCypher), interleaved so a busy machine
// weighs on both alike, and prints the PROFILE of each:
//
//	go test ./internal/neo4j -run '^$' -bench Aanspreekpunt -benchtime 1x
func BenchmarkAanspreekpunt(b *testing.B) {
	gemeenten := 5
	if v, err := strconv.Atoi(os.Getenv("VRAGEN_BENCH_GEMEENTEN")); err == nil && v > 0 {
		gemeenten = v
	}
	ctx := context.Background()
	s := neo4jtest.Open(b)
	viewer := kaart.Viewer{Rol: kaart.Partner, Organisatie: bench.OrganisatieID(0, 0)}
	probe := neo4j.VraagArgs{Gebied: bench.BuurtID(gemeenten-1, 0, 0)}
	if n, err := s.RunVraag(ctx, viewer, "aanspreekpunt", probe); err != nil {
		b.Fatal(err)
	} else if n == 0 {
		start := time.Now()
		if _, err := bench.Genereer(ctx, s, bench.DefaultOptions(gemeenten), nil); err != nil {
			b.Fatalf("Genereer: %v", err)
		}
		fmt.Fprintf(os.Stderr, "generated %d gemeenten in %s\n", gemeenten, time.Since(start).Round(time.Second))
	}
	args := func(i int) neo4j.VraagArgs {
		g := (i * 7919) % gemeenten
		w := i % bench.Wijken
		a := neo4j.VraagArgs{Gebied: bench.BuurtID(g, w, i%bench.BuurtenPerWijk)}
		if i%2 == 1 { // half the calls ask about one thema on one niveau
			a.Thema = bench.ThemaID(g, i%bench.Themas)
			a.Niveau = kaart.Frontlijn
		}
		return a
	}
	ways := []struct{ name, cypher string }{{"nu", ""}, {"voorheen", neo4j.LegacyAanspreekpuntCypher}}
	for _, w := range ways {
		for _, a := range []neo4j.VraagArgs{args(0), args(1)} {
			hits, plan, err := s.ProfileVraagMet(ctx, viewer, "aanspreekpunt", w.cypher, a)
			if err != nil {
				b.Fatalf("%s: %v", w.name, err)
			}
			fmt.Fprintf(os.Stderr, "== %s %+v: %d db hits\n", w.name, a, hits)
			if os.Getenv("VRAGEN_BENCH_PLAN") != "" {
				fmt.Fprint(os.Stderr, plan)
			}
		}
	}
	run := func(cypher string, a neo4j.VraagArgs) (int, error) {
		if cypher == "" {
			return s.RunVraag(ctx, viewer, "aanspreekpunt", a)
		}
		return s.RunVraagMet(ctx, viewer, "aanspreekpunt", cypher, a)
	}
	for i := 0; i < 20; i++ { // plan cache and pages
		for _, w := range ways {
			if _, err := run(w.cypher, args(1000+i)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		const calls = 200
		lat := make([][]time.Duration, len(ways))
		for i := 0; i < calls; i++ {
			for wi, w := range ways {
				t0 := time.Now()
				if _, err := run(w.cypher, args(i)); err != nil {
					b.Fatal(err)
				}
				lat[wi] = append(lat[wi], time.Since(t0))
			}
		}
		for wi, w := range ways {
			l := lat[wi]
			slices.Sort(l)
			p := func(q float64) time.Duration { return l[int(q*float64(len(l)-1))] }
			fmt.Fprintf(os.Stderr, "aanspreekpunt %s, 1 client: p50 %s p99 %s max %s (%d calls)\n", w.name,
				p(0.5).Round(10*time.Microsecond), p(0.99).Round(10*time.Microsecond), l[len(l)-1].Round(10*time.Microsecond), len(l))
			b.ReportMetric(float64(p(0.5).Microseconds())/1000, w.name+"-ms-p50")
			b.ReportMetric(float64(p(0.99).Microseconds())/1000, w.name+"-ms-p99")
		}
	}
}
