package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/socialekaart/socialekaart/internal/bench"
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
			"organisaties with aanbod and locaties, functies, personen, netwerken, coalities,\n"+
			"contactgegevens; OPENBAAR, PARTNERS and INTERN), every record valid as the mutations\n"+
			"would write it, in an empty database, in batched writes, and report the load time.\n"+
			"300 gemeenten give about 1,556,000 nodes and 5,790,000 relationships.")
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
		st, err := bench.Genereer(ctx, db, bench.DefaultOptions(*gemeenten), func(done int, st bench.Stats) {
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
			"viewer; print p50/p99, the PROFILE db hits and the CPU time per call of Neo4j and of\n"+
			"this client for each.")
	gemeenten := fs.Int("gemeenten", 300, "number of `gemeenten` genereer made (targets are drawn from them)")
	n := fs.Int("n", 200, "timed calls per question and client count")
	warmup := fs.Int("warmup", 20, "untimed `calls` per question first, all in one wijk of the first gemeente")
	plan := fs.Bool("plan", false, "print the PROFILE plan of each question")
	only := fs.String("vragen", "aanspreekpunt,coalitieAnalyse,route", "comma-separated `questions` to time (ping: RETURN 1)")
	neo4jPID := fs.Int("neo4j-pid", 0, "`pid` of the Neo4j behind NEO4J_URI, for its CPU time per call (the local one is known)")
	heap, pagecache := m.heapFlags(fs)
	if err := m.parse(fs, args, false); err != nil {
		return err
	}
	m.applyHeapFlags(*heap, *pagecache)
	viewer := kaart.Viewer{Rol: kaart.Partner, Organisatie: bench.OrganisatieID(0, 0)}
	argsFor := func(vraag string, i int) neo4j.VraagArgs {
		g := (i * 7919) % *gemeenten
		w := i % bench.Wijken
		switch vraag {
		case "aanspreekpunt":
			return neo4j.VraagArgs{Gebied: bench.BuurtID(g, w, i%bench.BuurtenPerWijk)}
		case "coalitieAnalyse":
			return neo4j.VraagArgs{Gebied: bench.WijkID(g, w)}
		default:
			return neo4j.VraagArgs{Van: bench.PersoonID(g, (i*31)%bench.Personen),
				Naar: bench.PersoonID(g, (i*97+500)%bench.Personen), MaxLengte: kaart.DefaultRouteLengte}
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
		// CPU time per call of Neo4j and of this client (the driver
		// decoding the rows): on a busy machine wall time includes waiting
		// for a core, CPU time does not.
		pid := *neo4jPID
		if m.local != nil {
			pid = m.local.PID()
		}
		fmt.Fprintf(m.Stdout, "%-16s %7s %6s %9s %9s %9s %10s %9s %9s\n", "question", "clients", "calls", "p50", "p99", "max", "db hits", "neo4j cpu", "client cpu")
		// ping (RETURN 1 in a read transaction) is the floor under every
		// question: session, transaction and round trips.
		run := func(vraag string, a neo4j.VraagArgs) error {
			if vraag == "ping" {
				return db.Ping(ctx)
			}
			_, err := db.RunVraag(ctx, viewer, vraag, a)
			return err
		}
		for _, vraag := range strings.Split(*only, ",") {
			var hits int64
			if vraag != "ping" {
				var text string
				hits, text, err = db.ProfileVraagPlan(ctx, viewer, vraag, argsFor(vraag, 1))
				if err != nil {
					return err
				}
				if *plan {
					fmt.Fprintf(m.Stdout, "PROFILE %s %+v: %d db hits\n%s", vraag, argsFor(vraag, 1), hits, text)
				}
			}
			// Warm up the plan cache and Neo4j's compiled code in one wijk
			// (i a multiple of --gemeenten gives gemeente 0), so the pages of
			// the others stay cold. A fresh Neo4j keeps compiling for
			// hundreds of calls: see the neo4j cpu column of the passes.
			for i := 0; i < *warmup; i++ {
				if err := run(vraag, argsFor(vraag, i*(*gemeenten))); err != nil {
					return err
				}
			}
			// The first pass reads pages of the graph from disk (a fresh
			// page cache); it is reported as cold, and the passes after it
			// measure the steady state a running server is in.
			for pass, clients := range []int{1, 1, 8} {
				lat := make([]time.Duration, *n)
				serverCPU0, _ := cpuTime(strconv.Itoa(pid))
				clientCPU0, _ := cpuTime("self")
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
							err := run(vraag, argsFor(vraag, i))
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
				serverCPU, serverOK := cpuTime(strconv.Itoa(pid))
				clientCPU, clientOK := cpuTime("self")
				perCall := func(d time.Duration, ok bool) string {
					if !ok {
						return "-"
					}
					return (d / time.Duration(*n)).Round(10 * time.Microsecond).String()
				}
				sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
				pct := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))] }
				label := strconv.Itoa(clients)
				if pass == 0 {
					label += " cold"
				}
				fmt.Fprintf(m.Stdout, "%-16s %7s %6d %9s %9s %9s %10d %9s %9s\n", vraag, label, *n,
					pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond),
					lat[len(lat)-1].Round(10*time.Microsecond), hits,
					perCall(serverCPU-serverCPU0, serverOK), perCall(clientCPU-clientCPU0, clientOK))
			}
		}
		return nil
	})
}

// cpuTime is the user and system CPU time process pid ("self" for this
// one) has used so far, read from /proc; ok is false where there is none.
func cpuTime(pid string) (d time.Duration, ok bool) {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0, false
	}
	// The fields after the command name (which may hold spaces) start at
	// field 3, state; utime and stime are fields 14 and 15, in clock ticks
	// of 1/100 s on Linux.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, true
}
