package search

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// BenchmarkZoekBleve measures Index.Zoek on generated documents indexed
// directly, without Neo4j, so it can be profiled:
//
//	go test ./search -run '^$' -bench ZoekBleve -benchtime 1x -cpuprofile cpu.out
//
// SEARCH_BENCH_DOCS sets the number of cards (default 20,000).
func BenchmarkZoekBleve(b *testing.B) {
	n := 20_000
	if v, err := strconv.Atoi(os.Getenv("SEARCH_BENCH_DOCS")); err == nil && v > 0 {
		n = v
	}
	// SEARCH_BENCH_DIR keeps the index between runs (built once per card
	// count and mapping version), so a change to the query side is measured
	// in seconds rather than after minutes of indexing.
	dir := b.TempDir()
	keep := os.Getenv("SEARCH_BENCH_DIR")
	if keep != "" {
		dir = filepath.Join(keep, fmt.Sprintf("bleve-%d-v%d", n, MappingVersion))
	}
	syn, err := loadSynonyms(filepath.Join(dir, "synoniemen.json"))
	if err != nil {
		b.Fatal(err)
	}
	x := &Index{dir: dir, syn: syn}
	if keep != "" {
		if idx, err := bleve.Open(filepath.Join(dir, "index")); err == nil {
			x.cur, x.curName = idx, "index"
			x.live.Store(&liveIndex{idx})
			x.alias = bleve.NewIndexAlias(idx)
			defer x.Close()
			fmt.Fprintf(os.Stderr, "opened the index of %d cards kept in %s\n", n, dir)
			measureZoekBleve(b, x, n)
			return
		}
	}
	idx, name, err := x.create()
	if err != nil {
		b.Fatal(err)
	}
	x.cur, x.curName = idx, name
	x.live.Store(&liveIndex{idx})
	x.alias = bleve.NewIndexAlias(idx)
	defer x.Close()
	start := time.Now()
	batch := idx.NewBatch()
	for i, c := range benchCards(n) {
		for id, d := range project(c) {
			if err := batch.Index(id, d); err != nil {
				b.Fatal(err)
			}
		}
		if i%1000 == 999 {
			if err := idx.Batch(batch); err != nil {
				b.Fatal(err)
			}
			batch = idx.NewBatch()
		}
	}
	if err := idx.Batch(batch); err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "indexed %d cards in %s\n", n, time.Since(start).Round(time.Millisecond))
	ctx := context.Background()
	// Merge the segments now, so background merging does not run during
	// the measurements.
	if ai, err := idx.Advanced(); err == nil {
		if sc, ok := ai.(*scorch.Scorch); ok {
			if err := sc.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions); err != nil {
				b.Fatal(err)
			}
		}
	}
	fmt.Fprintf(os.Stderr, "merged in %s\n", time.Since(start).Round(time.Millisecond))
	if keep != "" {
		// Kept under a fixed name for the next run.
		if err := idx.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(filepath.Join(dir, name), filepath.Join(dir, "index")); err != nil {
			b.Fatal(err)
		}
		if idx, err = bleve.Open(filepath.Join(dir, "index")); err != nil {
			b.Fatal(err)
		}
		x.cur, x.curName = idx, "index"
		x.live.Store(&liveIndex{idx})
		x.alias = bleve.NewIndexAlias(idx)
	}
	measureZoekBleve(b, x, n)
}

// measureZoekBleve times the benchmark queries on x, interleaved.
func measureZoekBleve(b *testing.B, x *Index, n int) {
	ctx := context.Background()
	queries := []string{"wijkagent kanaleneiland", "buurtteam overvecht", "eenzaamheid ouderen zuid", "taalcafe",
		"jongerenwerk hoograven", "wijkraad overvecth", "veiligheid", "jeugd", "sociaal makelaar", "voedselbank"}
	if only := os.Getenv("SEARCH_BENCH_QUERIES"); only != "" {
		queries = strings.Split(only, ",")
	}
	for _, q := range queries { // warm up
		if _, err := x.Zoek(ctx, kaart.Viewer{}, kaart.ZoekVraag{Tekst: q, First: 20}); err != nil {
			b.Fatal(err)
		}
	}
	// Three ways, interleaved on the same index so a busy machine weighs
	// on each alike: the search as it is (no facets, as the resident pages
	// ask), with facets (as GraphQL asks when they are selected), and the
	// search as it was before the speed work (legacyZoek).
	ways := []struct {
		name string
		zoek func(q string) error
	}{
		{"zoek", func(q string) error {
			_, err := x.Zoek(ctx, kaart.Viewer{}, kaart.ZoekVraag{Tekst: q, First: 20})
			return err
		}},
		{"zoek+facetten", func(q string) error {
			_, err := x.Zoek(ctx, kaart.Viewer{}, kaart.ZoekVraag{Tekst: q, First: 20, Facetten: true})
			return err
		}},
		{"voorheen", func(q string) error {
			_, err := x.legacyZoek(ctx, kaart.Viewer{}, kaart.ZoekVraag{Tekst: q, First: 20})
			return err
		}},
	}
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		const rounds = 30
		lat := make([][]time.Duration, len(ways))
		perQuery := make([]map[string]time.Duration, len(ways))
		for w := range ways {
			perQuery[w] = map[string]time.Duration{}
		}
		for r := 0; r < rounds; r++ {
			for _, q := range queries {
				for w, way := range ways {
					t0 := time.Now()
					if err := way.zoek(q); err != nil {
						b.Fatal(err)
					}
					d := time.Since(t0)
					lat[w] = append(lat[w], d)
					perQuery[w][q] += d
				}
			}
		}
		// Printed, not logged: go test cuts a benchmark's log short.
		for w, way := range ways {
			l := lat[w]
			sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
			p := func(q float64) time.Duration { return l[int(q*float64(len(l)-1))] }
			fmt.Fprintf(os.Stderr, "bleve 1 client, %d cards, %s: p50 %s p90 %s p99 %s (%d searches)\n", n, way.name,
				p(0.5).Round(10*time.Microsecond), p(0.9).Round(10*time.Microsecond), p(0.99).Round(10*time.Microsecond), len(l))
			b.ReportMetric(float64(p(0.5).Microseconds())/1000, way.name+"-ms-p50")
			b.ReportMetric(float64(p(0.99).Microseconds())/1000, way.name+"-ms-p99")
		}
		for _, q := range queries {
			fmt.Fprintf(os.Stderr, "  %-26q mean", q)
			for w, way := range ways {
				fmt.Fprintf(os.Stderr, " %s %s", way.name, (perQuery[w][q] / rounds).Round(10*time.Microsecond))
			}
			fmt.Fprintln(os.Stderr)
		}
	}
}

// legacyZoek is Index.Zoek as it was before the speed work, kept only to
// measure against on the same index: one pass allowing typos and matching
// all words but one, facets always, and the id tie-break on every page.
func (x *Index) legacyZoek(ctx context.Context, v kaart.Viewer, q kaart.ZoekVraag) (*bleve.SearchResult, error) {
	tq := textQuery(parse(q.Tekst), x.syn.get(), &zoekLexicon{x: x}, pass{fuzzy: true})
	full := bleve.NewBooleanQuery()
	full.AddMust(tq)
	full.AddMust(filterQuery(v, q.Filters))
	req := bleve.NewSearchRequestOptions(full, q.First+1, 0, false)
	req.SortBy([]string{"-_score", "_id"})
	req.Fields = []string{fieldType}
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	req.Highlight.AddField(fieldNaam)
	req.Highlight.AddField(fieldTekst)
	for _, f := range facetFields {
		req.AddFacet(f, bleve.NewFacetRequest(f, facetSize))
	}
	return x.search(ctx, req)
}

// benchCards generates n cards like the 100k benchmark's: organisations,
// functies and aanbod with names built from the demo's vocabulary.
func benchCards(n int) []kaart.Zoekkaart {
	r := rand.New(rand.NewSource(1))
	wijken := []string{"Overvecht", "Kanaleneiland", "Lombok", "Hoograven", "Zuilen", "Ondiep", "Lunetten", "Terwijde", "Vleuten", "Oudwijk"}
	orgs := []string{"Buurtcentrum", "Wijkbureau", "Stichting Buurtwerk", "Taalhuis", "Jongerenwerk", "Voedselbank", "Sportvereniging", "Basisschool", "Huisartsenpraktijk", "Bewonersvereniging"}
	rollen := []string{"Wijkagent", "Jongerenwerker", "Buurtteammedewerker", "Sociaal makelaar", "Wijkregisseur", "Opbouwwerker", "Wijkverpleegkundige", "Wijkveiligheidsmedewerker"}
	aanbod := []string{"Taalcafé", "Inloopspreekuur", "Ouderensoos", "Huiswerkklas", "Mantelzorgcafé", "Buurtsport", "Samen eten", "Formulierenhulp"}
	const gm = "bench"
	out := make([]kaart.Zoekkaart, 0, n)
	for i := 0; i < n; i++ {
		w := wijken[r.Intn(len(wijken))]
		c := kaart.Zoekkaart{ID: fmt.Sprintf("%s-b%06d", gm, i), Zelf: kaart.Bereik{Zichtbaarheid: kaart.Openbaar, Gemeente: gm}}
		t := func(veld, waarde string) { c.Teksten = append(c.Teksten, kaart.Kaarttekst{Veld: veld, Waarde: waarde}) }
		t("wijk", w)
		switch i % 3 {
		case 0:
			c.Type = "Organisatie"
			t("naam", fmt.Sprintf("%s %s %d", orgs[r.Intn(len(orgs))], w, i))
			t("tekst", "Voor bewoners van "+w+": ontmoeting, hulp en advies.")
			t("sector", "WELZIJN")
		case 1:
			c.Type = "Functie"
			t("naam", fmt.Sprintf("%s %s %d", rollen[r.Intn(len(rollen))], w, i))
			t("niveau", "FRONTLIJN")
		default:
			c.Type = "Aanbod"
			t("naam", fmt.Sprintf("%s %s %d", aanbod[r.Intn(len(aanbod))], w, i))
			t("tekst", "Elke week in "+w+", gratis, aanmelden niet nodig.")
		}
		out = append(out, c)
	}
	return out
}
