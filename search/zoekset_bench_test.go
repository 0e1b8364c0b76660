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
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// zoekset is the query set beside the golden relevance cases: broad words
// every organisation shares, one- and two-letter words, numbers, a
// postcode, a phone number, names with typos, and texts of one to five
// words, as residents and professionals type them.
var zoekset = []string{
	// broad
	"organisatie", "stichting", "zorg", "welzijn", "buurt", "utrecht", "gratis",
	// one and two letters, three-letter abbreviations
	"a", "de", "jo", "ab", "ggd", "wmo",
	// numbers, a postcode, a phone number
	"12", "030", "2024", "3511", "3511 AB", "3511AB", "030 234 5678",
	// names, with and without typos
	"jansen", "jansne", "de vreis", "bakekr", "mohamed", "yilmaz", "overvecth", "kanalneiland", "taalcaffe",
	// one to five words
	"taalcafe", "jeugd", "wijkagent kanaleneiland", "eenzaamheid ouderen", "stichting zorg overvecht",
	"hulp bij formulieren zuilen", "gratis zorg welzijn buurt utrecht",
}

// BenchmarkZoekset runs the query set on SEARCH_BENCH_DOCS generated cards
// (default 100,000) indexed directly, without Neo4j, the search as it was
// before this change ("voorheen": three passes, no bound on short terms)
// and as it is ("nu") interleaved on the same index, and prints p50, p99
// and CPU per query of each, the worst ten queries, and for each query the
// hit counts of both:
//
//	SEARCH_BENCH_DIR=/tmp/zb go test ./search -run '^$' -bench Zoekset -benchtime 1x
//
// SEARCH_BENCH_DIR keeps the index between runs; SEARCH_BENCH_ROUNDS sets
// how often each query runs per way (default 10), SEARCH_BENCH_QUERIES=a,b
// runs only those queries. CPU is the process's
// user and system time around each search (getrusage), so it counts
// Bleve's goroutines and the garbage collector too.
func BenchmarkZoekset(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("SEARCH_BENCH_DOCS")); err == nil && v > 0 {
		n = v
	}
	rounds := 10
	if v, err := strconv.Atoi(os.Getenv("SEARCH_BENCH_ROUNDS")); err == nil && v > 0 {
		rounds = v
	}
	queries := zoekset
	if only := os.Getenv("SEARCH_BENCH_QUERIES"); only != "" {
		queries = strings.Split(only, ",")
	}
	x := zoeksetIndex(b, n)
	defer x.Close()
	ctx := context.Background()
	ways := []struct {
		name string
		zoek func(q string) (int, error)
	}{
		{"voorheen", func(q string) (int, error) {
			res, err := x.oudZoek(ctx, kaart.Viewer{}, kaart.ZoekVraag{Tekst: q, First: 20})
			return res.Totaal, err
		}},
		{"nu", func(q string) (int, error) {
			res, err := x.Zoek(ctx, kaart.Viewer{}, kaart.ZoekVraag{Tekst: q, First: 20})
			return res.Totaal, err
		}},
	}
	totals := make([]map[string]int, len(ways))
	for w, way := range ways { // warm up, and the hit counts
		totals[w] = map[string]int{}
		for _, q := range queries {
			t, err := way.zoek(q)
			if err != nil {
				b.Fatal(err)
			}
			totals[w][q] = t
		}
	}
	type sample struct{ wall, cpu time.Duration }
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		all := make([][]sample, len(ways))
		per := make([]map[string][]sample, len(ways))
		for w := range ways {
			per[w] = map[string][]sample{}
		}
		for r := 0; r < rounds; r++ {
			for _, q := range queries {
				for w, way := range ways {
					c0, t0 := cpuTime(), time.Now()
					if _, err := way.zoek(q); err != nil {
						b.Fatal(err)
					}
					s := sample{time.Since(t0), cpuTime() - c0}
					all[w] = append(all[w], s)
					per[w][q] = append(per[w][q], s)
				}
			}
		}
		pct := func(l []sample, p float64, cpu bool) time.Duration {
			d := make([]time.Duration, len(l))
			for i, s := range l {
				d[i] = s.wall
				if cpu {
					d[i] = s.cpu
				}
			}
			sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
			return d[int(p*float64(len(d)-1))]
		}
		mean := func(l []sample, cpu bool) time.Duration {
			var sum time.Duration
			for _, s := range l {
				if cpu {
					sum += s.cpu
				} else {
					sum += s.wall
				}
			}
			return sum / time.Duration(len(l))
		}
		ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 2, 64) }
		// Printed, not logged: go test cuts a benchmark's log short.
		fmt.Fprintf(os.Stderr, "zoekset, %d queries x %d rounds, %d cards, 1 client, anonymous, first 20, no facets\n", len(queries), rounds, n)
		fmt.Fprintf(os.Stderr, "%-9s %9s %9s %9s %12s\n", "way", "p50 ms", "p99 ms", "max ms", "CPU ms/query")
		for w, way := range ways {
			fmt.Fprintf(os.Stderr, "%-9s %9s %9s %9s %12s\n", way.name, ms(pct(all[w], 0.5, false)), ms(pct(all[w], 0.99, false)),
				ms(pct(all[w], 1, false)), ms(mean(all[w], true)))
			b.ReportMetric(float64(pct(all[w], 0.5, false).Microseconds())/1000, way.name+"-ms-p50")
			b.ReportMetric(float64(pct(all[w], 0.99, false).Microseconds())/1000, way.name+"-ms-p99")
			b.ReportMetric(float64(mean(all[w], true).Microseconds())/1000, way.name+"-cpu-ms/op")
		}
		last := len(ways) - 1
		worst := append([]string(nil), queries...)
		sort.SliceStable(worst, func(i, j int) bool {
			return pct(per[last][worst[i]], 0.99, false) > pct(per[last][worst[j]], 0.99, false)
		})
		for w := range ways {
			fmt.Fprintf(os.Stderr, "worst ten of %s (p99 per query):", ways[w].name)
			ws := append([]string(nil), queries...)
			sort.SliceStable(ws, func(i, j int) bool { return pct(per[w][ws[i]], 0.99, false) > pct(per[w][ws[j]], 0.99, false) })
			for _, q := range ws[:min(10, len(ws))] {
				fmt.Fprintf(os.Stderr, " %q %s", q, ms(pct(per[w][q], 0.99, false)))
			}
			fmt.Fprintln(os.Stderr)
		}
		fmt.Fprintf(os.Stderr, "%-34s", "query (worst of nu first)")
		for _, way := range ways {
			fmt.Fprintf(os.Stderr, " | %-8s p50 / p99 / CPU ms, hits", way.name)
		}
		fmt.Fprintln(os.Stderr)
		for _, q := range worst {
			fmt.Fprintf(os.Stderr, "%-34q", q)
			for w := range ways {
				fmt.Fprintf(os.Stderr, " | %7s / %7s / %7s, %6d", ms(pct(per[w][q], 0.5, false)), ms(pct(per[w][q], 0.99, false)),
					ms(mean(per[w][q], true)), totals[w][q])
			}
			fmt.Fprintln(os.Stderr)
		}
	}
}

// cpuTime is the user and system time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// zoeksetIndex opens the index of n zoekset cards kept under
// SEARCH_BENCH_DIR, or builds it.
func zoeksetIndex(b *testing.B, n int) *Index {
	dir := b.TempDir()
	keep := os.Getenv("SEARCH_BENCH_DIR")
	if keep != "" {
		dir = filepath.Join(keep, fmt.Sprintf("zoekset-%d-v%d", n, MappingVersion))
	}
	syn, err := loadSynonyms(filepath.Join(dir, "synoniemen.json"))
	if err != nil {
		b.Fatal(err)
	}
	x := &Index{dir: dir, syn: syn}
	use := func(idx bleve.Index, name string) {
		x.cur, x.curName = idx, name
		x.live.Store(&liveIndex{idx})
		x.alias = bleve.NewIndexAlias(idx)
	}
	if keep != "" {
		if idx, err := bleve.Open(filepath.Join(dir, "index")); err == nil {
			fmt.Fprintf(os.Stderr, "opened the index of %d cards kept in %s\n", n, dir)
			use(idx, "index")
			return x
		}
	}
	idx, name, err := x.create()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	batch := idx.NewBatch()
	for i, c := range zoeksetCards(n) {
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
	if ai, err := idx.Advanced(); err == nil {
		if sc, ok := ai.(*scorch.Scorch); ok {
			if err := sc.ForceMerge(context.Background(), &mergeplan.SingleSegmentMergePlanOptions); err != nil {
				b.Fatal(err)
			}
		}
	}
	fmt.Fprintf(os.Stderr, "indexed and merged %d cards in %s\n", n, time.Since(start).Round(time.Millisecond))
	if keep == "" {
		use(idx, name)
		return x
	}
	if err := idx.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, name), filepath.Join(dir, "index")); err != nil {
		b.Fatal(err)
	}
	if idx, err = bleve.Open(filepath.Join(dir, "index")); err != nil {
		b.Fatal(err)
	}
	use(idx, "index")
	return x
}

// zoeksetCards generates n public cards in one gemeente: organisations
// (every one a "stichting" or "organisatie" for "zorg" and "welzijn"),
// persons, functies, aanbod and locaties with addresses, postcodes and
// phone numbers; each card carries its record as the store hands it.
func zoeksetCards(n int) []kaart.Zoekkaart {
	r := rand.New(rand.NewSource(20))
	pick := func(l []string) string { return l[r.Intn(len(l))] }
	wijken := []string{"Overvecht", "Kanaleneiland", "Lombok", "Hoograven", "Zuilen", "Ondiep", "Lunetten", "Terwijde", "Vleuten", "Oudwijk"}
	orgs := []string{"Stichting Buurtwerk", "Stichting Welzijn", "Zorgorganisatie", "Stichting Jeugd en Gezin", "Taalhuis", "Voedselbank",
		"Sportvereniging", "Huisartsenpraktijk", "Bewonersorganisatie", "Stichting Thuiszorg", "Wijkbureau", "Buurtcentrum"}
	voornamen := []string{"Jan", "Fatima", "Mohamed", "Anna", "Pieter", "Sanne", "Ahmet", "Els", "Kees", "Noor", "Jo", "Ab"}
	achternamen := []string{"Jansen", "de Vries", "Bakker", "Visser", "Smit", "El Amrani", "Yilmaz", "van Dijk", "Mulder", "de Boer", "Bos", "Peters"}
	rollen := []string{"Wijkagent", "Jongerenwerker", "Buurtteammedewerker", "Sociaal makelaar", "Wijkregisseur", "Opbouwwerker", "Wijkverpleegkundige", "Ouderenadviseur"}
	aanbod := []string{"Taalcafé", "Inloopspreekuur", "Ouderensoos", "Huiswerkklas", "Mantelzorgcafé", "Buurtsport", "Samen eten", "Formulierenhulp", "Hulp bij formulieren", "Eenzaamheid ouderen"}
	straten := []string{"Kerkstraat", "Amsterdamsestraatweg", "Kanaalstraat", "Gageldijk", "Oudegracht", "Vleutenseweg"}
	const gm = "zoekset"
	out := make([]kaart.Zoekkaart, 0, n)
	for i := 0; i < n; i++ {
		w := pick(wijken)
		id := fmt.Sprintf("%s-k%06d", gm, i)
		props := map[string]any{"id": id, "gemeente": gm, "zichtbaarheid": "OPENBAAR", "versie": int64(1 + i%7),
			"aangemaakt": "2024-03-01T10:00:00Z", "gewijzigd": "2026-11-02T09:30:00Z"}
		c := kaart.Zoekkaart{ID: id, Zelf: kaart.Bereik{Zichtbaarheid: kaart.Openbaar, Gemeente: gm, ID: id}, Versie: 1 + i%7}
		t := func(veld, waarde string) {
			c.Teksten = append(c.Teksten, kaart.Kaarttekst{Veld: veld, Waarde: waarde})
		}
		t("wijk", w)
		t("omgeving", w)
		const letters = "ABCEGHJKLMNPRTVWXZ" // no SA, SD or SS, which are no postcode
		postcode := fmt.Sprintf("35%02d %c%c", 1+r.Intn(90), letters[r.Intn(len(letters))], letters[r.Intn(len(letters))])
		switch i % 5 {
		case 0:
			c.Type = "Organisatie"
			props["naam"] = fmt.Sprintf("%s %s %d", pick(orgs), w, i)
			props["omschrijving"] = fmt.Sprintf("Organisatie voor zorg en welzijn in %s, Utrecht: ontmoeting, hulp en advies. Sinds %d.", w, 1980+r.Intn(45))
			props["sector"] = "WELZIJN"
			t("tekst", props["omschrijving"].(string))
			t("tekst", "welzijn")
			t("sector", "WELZIJN")
			t("contact", fmt.Sprintf("+31 30 %03d %04d", r.Intn(1000), r.Intn(10000)))
			t("contact", fmt.Sprintf("info%d@voorbeeld.nl", i))
		case 1:
			c.Type = "Persoon"
			props["naam"] = pick(voornamen) + " " + pick(achternamen)
			props["grondslag"] = "PUBLIEKE_TAAK"
		case 2:
			c.Type = "Functie"
			props["titel"] = fmt.Sprintf("%s %s", pick(rollen), w)
			props["rol"], props["niveau"] = "OVERIG", "FRONTLIJN"
			t("niveau", "FRONTLIJN")
			t("tekst", fmt.Sprintf("%s %d", pick(orgs), i-2))
		case 3:
			c.Type = "Aanbod"
			props["naam"] = fmt.Sprintf("%s %s", pick(aanbod), w)
			props["omschrijving"] = "Elke week in " + w + ", gratis, aanmelden niet nodig. Voor wie zorg of hulp zoekt."
			t("tekst", props["omschrijving"].(string))
		default:
			c.Type = "Locatie"
			props["naam"] = "Buurthuis " + w
			props["straat"], props["huisnummer"], props["postcode"], props["plaats"] = pick(straten), strconv.Itoa(1+r.Intn(200)), postcode, "Utrecht"
			for _, k := range []string{"straat", "huisnummer", "postcode", "plaats"} {
				t("tekst", props[k].(string))
			}
		}
		naam, _ := props["naam"].(string)
		if naam == "" {
			naam, _ = props["titel"].(string)
		}
		c.Naam = naam
		t("naam", naam)
		c.Node = kaart.Node{Type: c.Type, Props: props}
		out = append(out, c)
	}
	return out
}

// oudZoek is Index.Zoek's choice of pass as it was before this change: the
// strict pass, then typo tolerance, then the broad pass, each built by the
// query builder of then (oudTextQuery), and the hits as now.
func (x *Index) oudZoek(ctx context.Context, v kaart.Viewer, q kaart.ZoekVraag) (kaart.ZoekResultaat, error) {
	var res kaart.ZoekResultaat
	p, syn := parse(q.Tekst), x.syn.get()
	if oudTextQuery(p, syn, nil, oudPasses[0]) == nil {
		return res, nil
	}
	var sr *bleve.SearchResult
	for i, ps := range oudPasses {
		if ps.all && ps.fuzzy && !oudFuzzyMatters(p) {
			continue
		}
		var err error
		sr, err = x.oudRun(ctx, v, q.Filters, oudTextQuery(p, syn, x.expand, ps), q.First, q.Facetten)
		if err != nil && isTooManyClauses(err) && ps.fuzzy {
			ps.fuzzy = false
			sr, err = x.oudRun(ctx, v, q.Filters, oudTextQuery(p, syn, x.expand, ps), q.First, q.Facetten)
		}
		if err != nil {
			return res, err
		}
		if sr.Total >= enough || i == len(oudPasses)-1 {
			break
		}
	}
	res.Totaal = int(sr.Total)
	hits := sr.Hits
	if len(hits) > q.First {
		hits, res.HasNextPage = hits[:q.First], true
	}
	for _, h := range hits {
		t := kaart.ZoekTreffer{ID: cardOf(h.ID), Score: h.Score, Snippet: snippet(h)}
		t.Type, _ = h.Fields[fieldType].(string)
		if n, ok := loadNode(t.Type, h.Fields[fieldKaart]); ok {
			t.Node = n
		}
		res.Treffers = append(res.Treffers, t)
	}
	return res, nil
}

// oudRun is Index.run of before: the audience and filters scored as a must.
func (x *Index) oudRun(ctx context.Context, v kaart.Viewer, f kaart.ZoekFilters, tq query.Query, first int, facets bool) (*bleve.SearchResult, error) {
	full := bleve.NewBooleanQuery()
	full.AddMust(tq)
	full.AddMust(filterQuery(v, f))
	req := bleve.NewSearchRequestOptions(full, first+1, 0, false)
	req.SortBy([]string{"-_score", fieldCard})
	req.Fields = []string{fieldType, fieldKaart}
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	req.Highlight.AddField(fieldNaam)
	req.Highlight.AddField(fieldTekst)
	if facets {
		for _, f := range facetFields {
			req.AddFacet(f, bleve.NewFacetRequest(f, facetSize))
		}
	}
	return x.search(ctx, req)
}

type oudPass struct{ all, fuzzy bool }

type expander func(field, prefix string) []string

// oudUnits is units of before: a stop word was a unit no card matches.
func oudUnits(ws []string, syn *synonyms) []unit {
	var out []unit
	for i := 0; i < len(ws); {
		n, alts := syn.match(ws, i)
		if n == 0 {
			out = append(out, unit{words: ws[i : i+1]})
			i++
			continue
		}
		out = append(out, unit{words: ws[i : i+n], alts: alts})
		i += n
	}
	return out
}

var oudPasses = []oudPass{{all: true}, {all: true, fuzzy: true}, {all: false, fuzzy: true}}

func oudFuzzyMatters(p parsed) bool {
	for _, w := range p.words {
		if utf8.RuneCountInString(w) >= 5 {
			return true
		}
	}
	return false
}

// The query builder of before this change, verbatim.

func oudWordQuery(w string, expand expander, ps oudPass) query.Query {
	var qs []query.Query
	for _, f := range []struct {
		field string
		boost float64
	}{{fieldNaam, 4}, {fieldTekst, 2}, {fieldOmgeving, 0.7}} {
		if f.field == fieldOmgeving && ps.all {
			continue
		}
		m := bleve.NewMatchQuery(w)
		m.SetField(f.field)
		m.Analyzer = analyzerNL
		boosted(m, f.boost)
		qs = append(qs, m)
	}
	n := utf8.RuneCountInString(w)
	if n >= minDeel && expand != nil {
		// The word inside compounds, and as the start of a longer word
		// (type-ahead): a bounded list of terms from the dictionary.
		for _, t := range expand(fieldDelen, w) {
			tq := bleve.NewTermQuery(t)
			tq.SetField(fieldDelen)
			b := 0.8
			if t == w {
				b = 1.2
			}
			boosted(tq, b)
			qs = append(qs, tq)
		}
	}
	if ps.fuzzy && n >= 5 {
		fz := bleve.NewFuzzyQuery(w)
		fz.SetField(fieldWoorden)
		fz.Fuzziness = 1
		if n >= 9 {
			fz.Fuzziness = maxFuzzy
		}
		fz.Prefix = 1
		boosted(fz, 0.5)
		qs = append(qs, fz)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func oudUnitQuery(u unit, expand expander, ps oudPass) query.Query {
	var own query.Query
	if len(u.words) == 1 {
		own = oudWordQuery(u.words[0], expand, ps)
	} else {
		own = phraseQuery(u.words, 1.5)
	}
	if len(u.alts) == 0 {
		return own
	}
	qs := []query.Query{own}
	for _, alt := range u.alts {
		if len(alt) == 1 {
			qs = append(qs, oudWordQuery(alt[0], expand, oudPass{all: ps.all}))
		} else {
			qs = append(qs, phraseQuery(alt, 1.5))
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func oudTextQuery(p parsed, syn *synonyms, expand expander, ps oudPass) query.Query {
	us := oudUnits(p.words, syn)
	if len(us) == 0 && len(p.contacts) == 0 {
		return nil
	}
	b := bleve.NewBooleanQuery()
	var alternatives []query.Query
	if len(us) > 0 {
		var should []query.Query
		for _, u := range us {
			should = append(should, oudUnitQuery(u, expand, ps))
		}
		ws := bleve.NewBooleanQuery()
		switch n := len(us); {
		case ps.all || n == 1:
			ws.AddMust(should...)
		default:
			ws.AddShould(should...)
			ws.SetMinShould(float64(max(1, n-1)))
		}
		if len(us) > 1 {
			// The words next to each other weigh more; a phrase alone never
			// makes a match. (A text of one unit already is a phrase.)
			ws.AddShould(phraseQuery(p.words, 3))
		}
		if ps.all {
			for _, w := range p.words {
				m := bleve.NewMatchQuery(w)
				m.SetField(fieldOmgeving)
				m.Analyzer = analyzerNL
				boosted(m, 0.7)
				ws.AddShould(m)
			}
		}
		alternatives = append(alternatives, ws)
	}
	// A phone number or e-mail address matches on its own, whatever the
	// words around it.
	for _, c := range p.contacts {
		tq := bleve.NewTermQuery(c)
		tq.SetField(fieldContact)
		tq.SetBoost(5)
		alternatives = append(alternatives, tq)
	}
	b.AddMust(bleve.NewDisjunctionQuery(alternatives...))
	for _, ph := range p.phrases {
		if len(ph) > 1 {
			b.AddMust(phraseQuery(ph, 2))
		}
	}
	for _, w := range p.exclude {
		for _, f := range []string{fieldNaam, fieldTekst} {
			m := bleve.NewMatchQuery(w)
			m.SetField(f)
			m.Analyzer = analyzerNL
			b.AddMustNot(m)
		}
	}
	return b
}
