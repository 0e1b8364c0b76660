package search

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Limits that keep every query bounded, whatever is typed.
const (
	maxWords     = 12 // words of a query beyond these are ignored
	maxExpansion = 48 // terms a compound or prefix word expands to
	maxFuzzy     = 2  // Bleve's own maximum edit distance
)

// parsed is a search text taken apart: words, quoted phrases and words to
// exclude. It never uses Bleve's query-string syntax, so "*", "~", ":" and
// the like are just noise.
type parsed struct {
	words    []string   // folded words, in order
	phrases  [][]string // quoted phrases, as folded words
	exclude  []string
	contacts []string // e-mail addresses and phone numbers, as indexed in contact
}

func parse(text string) parsed {
	var p parsed
	// Quotes: an even number pairs them up; an unbalanced last quote is
	// ignored and its text searched as plain words.
	segments := strings.Split(text, `"`)
	for i, seg := range segments {
		quoted := i%2 == 1 && i < len(segments)-1
		if quoted {
			if ws := words(seg); len(ws) > 0 {
				p.phrases = append(p.phrases, ws)
				p.words = append(p.words, ws...)
			}
			continue
		}
		for _, f := range strings.Fields(seg) {
			if strings.Contains(f, "@") {
				p.contacts = append(p.contacts, strings.ToLower(strings.Trim(f, ".,;")))
			}
			if strings.HasPrefix(f, "-") {
				p.exclude = append(p.exclude, words(f)...)
				continue
			}
			p.words = append(p.words, words(f)...)
		}
	}
	if ds := digits(text); len(ds) >= 6 && len(ds)*2 >= utf8.RuneCountInString(strings.Join(strings.Fields(text), "")) {
		p.contacts = append(p.contacts, ds)
	}
	if len(p.words) > maxWords {
		p.words = p.words[:maxWords]
	}
	if len(p.exclude) > maxWords {
		p.exclude = p.exclude[:maxWords]
	}
	return p
}

// fuzzyMatters reports whether typo tolerance changes the query: it applies
// to words of minFuzzy letters or more.
func (p parsed) fuzzyMatters() bool {
	for _, w := range p.words {
		if fuzziness(w) > 0 {
			return true
		}
	}
	return false
}

// lexicon is what the query builder reads from the index's term
// dictionaries, always a bounded list; a nil lexicon builds the query
// without expansions. The dictionaries span every audience, as Bleve's own
// prefix and fuzzy queries do: a term only widens the query, and the
// audience filter decides which documents match.
type lexicon interface {
	// expand lists up to maxExpansion terms of field that start with
	// prefix, the prefix itself first when present.
	expand(field, prefix string) []string
	// typos lists the terms a word may be a typo of (typoTerms).
	typos(w string) []string
}

// Typo tolerance, bounded: none for words shorter than minFuzzy letters
// (two letters off in a four-letter word is another word), one edit up to
// maxFuzzy1 letters, two beyond; the first letter must match; at most
// maxExpansion terms, the most frequent first.
const (
	minFuzzy  = 5
	maxFuzzy1 = 8
)

// fuzziness returns the edit distance allowed in w, 0 for none.
func fuzziness(w string) int {
	switch n := utf8.RuneCountInString(w); {
	case n < minFuzzy:
		return 0
	case n <= maxFuzzy1:
		return 1
	default:
		return maxFuzzy
	}
}

// stopwoorden are the words the Dutch analyzer drops.
var stopwoorden = func() analysis.TokenMap {
	m := analysis.NewTokenMap()
	if err := m.LoadBytes(nl.DutchStopWords); err != nil {
		panic(err)
	}
	return m
}()

// matchesNothing reports whether a word, on its own, can match no card: a
// stop word the analyzer drops, too short to be matched inside compounds or
// with typos ("de", "bij", "en"). Such a word was a unit no card could
// match, so a strict pass with it found nothing and every search with it
// paid for all three passes.
func matchesNothing(w string) bool {
	return stopwoorden[w] && utf8.RuneCountInString(w) < minDeel
}

// unit is one thing the searcher asked for: a word, or a span of words a
// synonym group matched, with the other ways of saying it.
type unit struct {
	words []string
	alts  [][]string
}

func units(ws []string, syn *synonyms) []unit {
	var out []unit
	for i := 0; i < len(ws); {
		n, alts := syn.match(ws, i)
		if n == 0 && matchesNothing(ws[i]) {
			i++
			continue
		}
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

func boosted(q interface{ SetBoost(float64) }, b float64) {
	q.SetBoost(b)
}

// wordQuery matches one word: stemmed in the name, text and (unless the
// pass is strict) surroundings, inside compound words, and with typos when
// the pass allows them.
func wordQuery(w string, lex lexicon, ps pass) query.Query {
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
	if n >= minDeel && lex != nil {
		// The word inside compounds, and as the start of a longer word
		// (type-ahead): a bounded list of terms from the dictionary.
		for _, t := range lex.expand(fieldDelen, w) {
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
	if ps.fuzzy && lex != nil && fuzziness(w) > 0 {
		// The word itself in every text, surroundings included, as a
		// fuzzy query matches it at distance 0; then its typos.
		tq := bleve.NewTermQuery(w)
		tq.SetField(fieldWoorden)
		boosted(tq, 0.5)
		qs = append(qs, tq)
		for _, t := range lex.typos(w) {
			tq := bleve.NewTermQuery(t)
			tq.SetField(fieldWoorden)
			boosted(tq, 0.5)
			qs = append(qs, tq)
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// phraseQuery matches words next to each other, in the name or the text.
func phraseQuery(ws []string, boost float64) query.Query {
	text := strings.Join(ws, " ")
	var qs []query.Query
	for _, f := range []string{fieldNaam, fieldTekst} {
		p := bleve.NewMatchPhraseQuery(text)
		p.SetField(f)
		p.Analyzer = analyzerNL
		qs = append(qs, p)
	}
	d := bleve.NewDisjunctionQuery(qs...)
	d.SetBoost(boost)
	return d
}

// unitQuery matches a unit: its own words, or any of its synonyms.
func unitQuery(u unit, lex lexicon, ps pass) query.Query {
	var own query.Query
	if len(u.words) == 1 {
		own = wordQuery(u.words[0], lex, ps)
	} else {
		own = phraseQuery(u.words, 1.5)
	}
	if len(u.alts) == 0 {
		return own
	}
	qs := []query.Query{own}
	for _, alt := range u.alts {
		if len(alt) == 1 {
			qs = append(qs, wordQuery(alt[0], lex, pass{all: ps.all}))
		} else {
			qs = append(qs, phraseQuery(alt, 1.5))
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// pass is how strictly a text is searched. A search tries the passes in
// order and keeps the first that finds enough cards: most searches are
// answered by the cheap strict pass, and only a text with typos or with
// words no card has together pays for typo tolerance and for matching any
// of its words (a broad word such as a wijk's name matches a tenth of all
// cards, and walking those was half the time of a search).
type pass struct {
	// all: every unit of the text must match in a card's own name or text;
	// a match in its surroundings (the gebieden, organisations and people
	// around it) only adds to the score. Otherwise all units but one (at
	// least one) must match, surroundings included, as a person typing
	// several words may add one too many.
	all bool
	// fuzzy allows typos in words of minFuzzy letters or more.
	fuzzy bool
}

var passes = []pass{{all: true}, {all: true, fuzzy: true}, {all: false, fuzzy: true}}

// enough is how many cards a pass must find for the next pass to be
// skipped: the few cards a page shows first.
const enough = 3

// textQuery builds the query for a parsed text, or nil when nothing
// searchable is left (noise such as "*" or "~~~").
func textQuery(p parsed, syn *synonyms, lex lexicon, ps pass) query.Query {
	us := units(p.words, syn)
	if len(us) == 0 && len(p.contacts) == 0 {
		return nil
	}
	b := bleve.NewBooleanQuery()
	var alternatives []query.Query
	if len(us) > 0 {
		var should []query.Query
		for _, u := range us {
			should = append(should, unitQuery(u, lex, ps))
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

func term(field, value string) query.Query {
	t := bleve.NewTermQuery(value)
	t.SetField(field)
	return t
}

func anyTerm(field string, values []string) query.Query {
	qs := make([]query.Query, len(values))
	for i, v := range values {
		qs[i] = term(field, v)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// audienceQuery selects, for every card, the one document the viewer may
// see (kaart.Scope, rendered for the index as the store renders it in
// Cypher): the INTERN document of the cards it stewards or whose gemeente it
// keeps; the Zelf document of the INTERN cards it may see only as
// themselves (a regisseur's werkgebied, a partner's own organisation that
// another organisation stewards); and the widest audience document of all
// others. Documents exist so that at most one of these matches a card.
func audienceQuery(v kaart.Viewer) query.Query {
	s := v.ReadScope()
	if s.All {
		return term(fieldAudience, string(kaart.Intern))
	}
	wide := string(kaart.Openbaar)
	for _, z := range s.Everywhere {
		if z == string(kaart.Partners) {
			wide = z
		}
	}
	// Cards whose INTERN document the viewer gets.
	var intern []query.Query
	for _, o := range s.Organisaties {
		intern = append(intern, term(fieldSteward, o))
	}
	for _, g := range s.Gemeenten {
		if g != "" {
			intern = append(intern, term(fieldGemeente, g))
		}
	}
	// INTERN cards the viewer sees only as themselves.
	var eigen []query.Query
	for _, o := range s.Organisaties {
		eigen = append(eigen, term(fieldCard, o))
	}
	for _, g := range s.Werkgebied {
		eigen = append(eigen, term(fieldWerkgebied, g))
	}
	var out []query.Query
	widest := bleve.NewBooleanQuery()
	widest.AddMust(term(fieldAudience, wide))
	if len(intern) > 0 {
		scope := bleve.NewDisjunctionQuery(intern...)
		out = append(out, bleve.NewConjunctionQuery(term(fieldAudience, string(kaart.Intern)), scope))
		widest.AddMustNot(scope)
	}
	out = append(out, widest)
	if len(eigen) > 0 {
		self := bleve.NewBooleanQuery()
		self.AddMust(term(fieldAudience, string(zelf)), bleve.NewDisjunctionQuery(eigen...))
		if len(intern) > 0 {
			self.AddMustNot(bleve.NewDisjunctionQuery(intern...))
		}
		out = append(out, self)
	}
	if len(intern) == 0 && len(eigen) == 0 {
		return term(fieldAudience, wide)
	}
	return bleve.NewDisjunctionQuery(out...)
}

// filterQuery is the audience plus the filters.
func filterQuery(v kaart.Viewer, f kaart.ZoekFilters) query.Query {
	qs := []query.Query{audienceQuery(v)}
	if len(f.Types) > 0 {
		qs = append(qs, anyTerm(fieldType, f.Types))
	}
	if f.Gebied != "" {
		qs = append(qs, term(fieldGebied, f.Gebied))
	}
	if f.Sector != "" {
		qs = append(qs, term(fieldSector, f.Sector))
	}
	if f.Thema != "" {
		qs = append(qs, term(fieldThema, strings.ToLower(f.Thema)))
	}
	if f.Niveau != "" {
		qs = append(qs, term(fieldNiveau, f.Niveau))
	}
	if f.Nabij != nil {
		// A card matches when any of its places lies within the circle.
		q := bleve.NewGeoDistanceQuery(f.Nabij.Lon, f.Nabij.Lat, strconv.FormatFloat(f.Nabij.Km, 'f', -1, 64)+"km")
		q.SetField(fieldGeo)
		qs = append(qs, q)
	}
	return bleve.NewConjunctionQuery(qs...)
}
