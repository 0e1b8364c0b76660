package search_test

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
	"github.com/socialekaart/socialekaart/search"
)

// BenchmarkZoek100k is outside make test (go test runs no benchmarks unless
// asked): go test ./search -run '^$' -bench Zoek100k -benchtime 1x
// It imports a generated sociale kaart of SEARCH_BENCH_CARDS cards (default
// 100,000) into its own gemeente, rebuilds the index, and reports build
// time, index size and latency percentiles of Bleve alone and of the zoek
// service end to end (hydration from Neo4j included), with 1 and 8 clients.
func BenchmarkZoek100k(b *testing.B) {
	ctx := context.Background()
	s := neo4jtest.Open(b)
	gm := neo4jtest.Gemeente(b, s)
	importGenerated(b, s, gm)
	dir := b.TempDir()
	idx, err := search.Open(ctx, nil, dir, s, search.Options{Gemeenten: []string{gm}})
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	start := time.Now()
	if err := idx.Rebuild(ctx, nil); err != nil {
		b.Fatal(err)
	}
	build := time.Since(start)
	var size int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, _ error) error {
		if info, err := d.Info(); err == nil && !d.IsDir() {
			size += info.Size()
		}
		return nil
	})
	b.Logf("index build %s, size %.1f MB", build.Round(time.Millisecond), float64(size)/1e6)
	svc := &kaart.Service{Store: s, Zoek: idx}
	queries := []string{"wijkagent kanaleneiland", "buurtteam overvecht", "eenzaamheid ouderen zuid", "taalcafe",
		"jongerenwerk hoograven", "wijkraad overvecth", "veiligheid", "jeugd", "sociaal makelaar", "voedselbank"}
	measure := func(name string, clients int, f func(q string) error) {
		const perClient = 200
		lat := make([]time.Duration, 0, clients*perClient)
		var mu sync.Mutex
		var wg sync.WaitGroup
		for c := 0; c < clients; c++ {
			wg.Add(1)
			go func(c int) {
				defer wg.Done()
				for i := 0; i < perClient; i++ {
					q := queries[(c+i)%len(queries)]
					t0 := time.Now()
					if err := f(q); err != nil {
						b.Error(err)
						return
					}
					mu.Lock()
					lat = append(lat, time.Since(t0))
					mu.Unlock()
				}
			}(c)
		}
		wg.Wait()
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		p := func(q float64) time.Duration { return lat[int(q*float64(len(lat)-1))] }
		b.Logf("%-13s %d client(s): p50 %s p99 %s (%d searches)", name, clients, p(0.5).Round(10*time.Microsecond), p(0.99).Round(10*time.Microsecond), len(lat))
	}
	for _, q := range queries { // warm up: caches and the JIT of Neo4j
		if _, err := svc.Zoeken(ctx, kaart.ZoekVraag{Tekst: q, First: 20, Facetten: true}); err != nil {
			b.Fatal(err)
		}
	}
	for _, clients := range []int{1, 8} {
		measure("bleve", clients, func(q string) error {
			_, err := idx.Zoek(ctx, kaart.Viewer{}, kaart.ZoekVraag{Tekst: q, First: 20})
			return err
		})
		measure("zoek", clients, func(q string) error {
			_, err := svc.Zoeken(ctx, kaart.ZoekVraag{Tekst: q, First: 20})
			return err
		})
		// As GraphQL asks when the facetten are selected.
		measure("zoek+facetten", clients, func(q string) error {
			_, err := svc.Zoeken(ctx, kaart.ZoekVraag{Tekst: q, First: 20, Facetten: true})
			return err
		})
	}
}

// importGenerated imports SEARCH_BENCH_CARDS generated cards (default
// 100,000) into gemeente gm, in parts, logs how long it took and returns
// the number of cards.
func importGenerated(b *testing.B, s *neo4j.Store, gm string) int {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("SEARCH_BENCH_CARDS")); err == nil && v > 0 {
		n = v
	}
	start := time.Now()
	doc := generate(gm, n)
	for i := 0; i < len(doc.Records); i += 20000 {
		part := &kaart.Export{Formaat: doc.Formaat, Versie: doc.Versie, Records: doc.Records[i:min(i+20000, len(doc.Records))]}
		if err := s.Import(context.Background(), part); err != nil {
			b.Fatalf("Import: %v", err)
		}
	}
	b.Logf("imported %d cards in %s", n, time.Since(start).Round(time.Millisecond))
	return n
}

// generate returns a sociale kaart of n cards in gemeente gm: organisations,
// functies and aanbod with names built from the demo's vocabulary.
func generate(gm string, n int) *kaart.Export {
	r := rand.New(rand.NewSource(1))
	wijken := []string{"Overvecht", "Kanaleneiland", "Lombok", "Hoograven", "Zuilen", "Ondiep", "Lunetten", "Terwijde", "Vleuten", "Oudwijk"}
	orgs := []string{"Buurtcentrum", "Wijkbureau", "Stichting Buurtwerk", "Taalhuis", "Jongerenwerk", "Voedselbank", "Sportvereniging", "Basisschool", "Huisartsenpraktijk", "Bewonersvereniging"}
	rollen := []string{"Wijkagent", "Jongerenwerker", "Buurtteammedewerker", "Sociaal makelaar", "Wijkregisseur", "Opbouwwerker", "Wijkverpleegkundige", "Wijkveiligheidsmedewerker"}
	aanbod := []string{"Taalcafé", "Inloopspreekuur", "Ouderensoos", "Huiswerkklas", "Mantelzorgcafé", "Buurtsport", "Samen eten", "Formulierenhulp"}
	doc := &kaart.Export{Formaat: kaart.ExportFormat, Versie: kaart.ExportVersion}
	rec := func(typ, id string, props map[string]any) {
		props["id"], props["gemeente"], props["zichtbaarheid"] = id, gm, "OPENBAAR"
		doc.Records = append(doc.Records, kaart.ExportRecord{Type: typ, Eigenschappen: props})
	}
	for i := 0; i < n; i++ {
		w := wijken[r.Intn(len(wijken))]
		id := fmt.Sprintf("%s-b%06d", gm, i)
		switch i % 3 {
		case 0:
			rec("Organisatie", id, map[string]any{"naam": fmt.Sprintf("%s %s %d", orgs[r.Intn(len(orgs))], w, i), "sector": "WELZIJN",
				"omschrijving": "Voor bewoners van " + w + ": ontmoeting, hulp en advies."})
		case 1:
			rec("Functie", id, map[string]any{"titel": fmt.Sprintf("%s %s %d", rollen[r.Intn(len(rollen))], w, i), "rol": "OVERIG", "niveau": "FRONTLIJN"})
		default:
			rec("Aanbod", id, map[string]any{"naam": fmt.Sprintf("%s %s %d", aanbod[r.Intn(len(aanbod))], w, i),
				"omschrijving": "Elke week in " + w + ", gratis, aanmelden niet nodig."})
		}
	}
	return doc
}
