package main

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
)

// genereer and bench-vragen: the national-scale graph and the speed
// benchmark of the wijk questions. Neither runs in make test.

// heapFlags adds --heap and --pagecache (short for --neo4j-heap and
// --neo4j-pagecache) with the generator's defaults.
func (m *Main) heapFlags(fs *flag.FlagSet) (heap, pagecache *string) {
	heap = fs.String("heap", "4g", "Java heap `size` of the local Neo4j (overrides --neo4j-heap)")
	pagecache = fs.String("pagecache", "4g", "page cache `size` of the local Neo4j (overrides --neo4j-pagecache)")
	return heap, pagecache
}

func (m *Main) applyHeapFlags(heap, pagecache string) {
	if heap != "" {
		m.Config.Neo4jHeap = heap
	}
	if pagecache != "" {
		m.Config.Neo4jPageCache = pagecache
	}
}

func (m *Main) cmdGenereer(ctx context.Context, args []string) error {
	fs := m.flagSet("genereer", "--data-dir DIR [--gemeenten N] [--heap 4g --pagecache 4g] [flags]",
		"Build a synthetic national-scale sociale kaart (per gemeente 10 wijken of 4 buurten,\n"+
			"organisaties, functies, personen, netwerken, coalities, contactgegevens) in an empty\n"+
			"database, in batched writes, and report the load time. 300 gemeenten give about\n"+
			"1,050,000 nodes and 5,600,000 relationships.")
	gemeenten := fs.Int("gemeenten", 300, "number of `gemeenten`")
	heap, pagecache := m.heapFlags(fs)
	if err := m.parse(fs, args, false); err != nil {
		return err
	}
	if *gemeenten < 1 || *gemeenten > 999 {
		return m.usageError(fs, "--gemeenten must be 1 to 999")
	}
	m.applyHeapFlags(*heap, *pagecache)
	return m.withDatabase(ctx, func(db *neo4j.Store) error {
		if err := db.Migrate(ctx); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if err := m.requireEmpty(ctx, db, false, "another --data-dir"); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "generating %d gemeenten (heap %s, page cache %s)\n", *gemeenten, m.Config.Neo4jHeap, m.Config.Neo4jPageCache)
		start := time.Now()
		st, err := db.Genereer(ctx, *gemeenten, func(done int, st neo4j.GenStats) {
			fmt.Fprintf(m.Stderr, "  %d/%d gemeenten: %d nodes (%s), %d relationships (%s), %s\n",
				done, *gemeenten, st.Nodes, st.NodeTime.Round(time.Second), st.Relationships, st.RelTime.Round(time.Second),
				time.Since(start).Round(time.Second))
		})
		if err != nil {
			return err
		}
		took := time.Since(start)
		nodes, rels, err := db.GenCounts(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "generated %d gemeenten: %d nodes, %d relationships (database holds %d nodes, %d relationships) in %s (%.0f nodes+rels/s)\n",
			*gemeenten, st.Nodes, st.Relationships, nodes, rels, took.Round(time.Millisecond),
			float64(st.Nodes+st.Relationships)/took.Seconds())
		return nil
	})
}

func (m *Main) cmdBenchVragen(ctx context.Context, args []string) error {
	fs := m.flagSet("bench-vragen", "--data-dir DIR [--gemeenten N] [--n 200] [flags]",
		"Time aanspreekpunt (a buurt), coalitieAnalyse (a wijk) and route (persoon to persoon,\n"+
			"length 4) on a graph made by genereer, with 1 and with 8 clients, as a partner\n"+
			"viewer; print p50/p99 and the PROFILE db hits of each.")
	gemeenten := fs.Int("gemeenten", 300, "number of `gemeenten` genereer made (targets are drawn from them)")
	n := fs.Int("n", 200, "timed calls per question and client count")
	heap, pagecache := m.heapFlags(fs)
	if err := m.parse(fs, args, false); err != nil {
		return err
	}
	m.applyHeapFlags(*heap, *pagecache)
	viewer := kaart.Viewer{Rol: kaart.Partner, Organisatie: neo4j.GenOrganisatieID(0, 0)}
	argsFor := func(vraag string, i int) neo4j.VraagArgs {
		g := (i * 7919) % *gemeenten
		w := i % neo4j.GenWijken
		switch vraag {
		case "aanspreekpunt":
			return neo4j.VraagArgs{Gebied: neo4j.GenBuurtID(g, w, i%neo4j.GenBuurtenPerWijk)}
		case "coalitieAnalyse":
			return neo4j.VraagArgs{Gebied: neo4j.GenWijkID(g, w)}
		default:
			return neo4j.VraagArgs{Van: neo4j.GenPersoonID(g, (i*31)%neo4j.GenPersonen),
				Naar: neo4j.GenPersoonID(g, (i*97+500)%neo4j.GenPersonen), MaxLengte: kaart.DefaultRouteLengte}
		}
	}
	return m.withDatabase(ctx, func(db *neo4j.Store) error {
		// The questions' plans rely on the schema's indexes; a graph made
		// by an older genereer gets the current ones first.
		if err := db.Migrate(ctx); err != nil {
			return err
		}
		nodes, rels, err := db.GenCounts(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "graph: %d nodes, %d relationships\n", nodes, rels)
		fmt.Fprintf(m.Stdout, "%-16s %7s %6s %9s %9s %9s %10s\n", "question", "clients", "calls", "p50", "p99", "max", "db hits")
		for _, vraag := range []string{"aanspreekpunt", "coalitieAnalyse", "route"} {
			hits, err := db.ProfileVraag(ctx, viewer, vraag, argsFor(vraag, 1))
			if err != nil {
				return err
			}
			// Warm up: plan cache and pages.
			for i := 0; i < 20; i++ {
				if _, err := db.RunVraag(ctx, viewer, vraag, argsFor(vraag, 1000+i)); err != nil {
					return err
				}
			}
			// The first pass reads pages of the graph from disk (a fresh
			// page cache); it is reported as cold, and the passes after it
			// measure the steady state a running server is in.
			for pass, clients := range []int{1, 1, 8} {
				lat := make([]time.Duration, *n)
				var wg sync.WaitGroup
				var mu sync.Mutex
				var firstErr error
				next := 0
				for c := 0; c < clients; c++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for {
							mu.Lock()
							i := next
							next++
							mu.Unlock()
							if i >= *n {
								return
							}
							t0 := time.Now()
							_, err := db.RunVraag(ctx, viewer, vraag, argsFor(vraag, i))
							lat[i] = time.Since(t0)
							if err != nil {
								mu.Lock()
								if firstErr == nil {
									firstErr = err
								}
								mu.Unlock()
								return
							}
						}
					}()
				}
				wg.Wait()
				if firstErr != nil {
					return firstErr
				}
				sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
				pct := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))] }
				label := strconv.Itoa(clients)
				if pass == 0 {
					label += " cold"
				}
				fmt.Fprintf(m.Stdout, "%-16s %7s %6d %9s %9s %9s %10d\n", vraag, label, *n,
					pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond),
					lat[len(lat)-1].Round(10*time.Microsecond), hits)
			}
		}
		return nil
	})
}
