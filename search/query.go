package search

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
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

// expander lists the terms of an index field that start with a prefix, at
// most maxExpansion of them, so a prefix never expands without bound.
type expander func(field, prefix string) []string

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

// wordQuery matches one word: stemmed in the name, text and surroundings,
// inside compound words, and with typos.
func wordQuery(w string, expand expander, fuzzy bool) query.Query {
	var qs []query.Query
	for _, f := range []struct {
		field string
		boost float64
	}{{fieldNaam, 4}, {fieldTekst, 2}, {fieldOmgeving, 0.7}} {
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
	if fuzzy && n >= 5 {
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
func unitQuery(u unit, expand expander, fuzzy bool) query.Query {
	var own query.Query
	if len(u.words) == 1 {
		own = wordQuery(u.words[0], expand, fuzzy)
	} else {
		own = phraseQuery(u.words, 1.5)
	}
	if len(u.alts) == 0 {
		return own
	}
	qs := []query.Query{own}
	for _, alt := range u.alts {
		if len(alt) == 1 {
			qs = append(qs, wordQuery(alt[0], expand, false))
		} else {
			qs = append(qs, phraseQuery(alt, 1.5))
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// textQuery builds the query for a parsed text, or nil when nothing
// searchable is left (noise such as "*" or "~~~").
func textQuery(p parsed, syn *synonyms, expand expander, fuzzy bool) query.Query {
	us := units(p.words, syn)
	if len(us) == 0 && len(p.contacts) == 0 {
		return nil
	}
	b := bleve.NewBooleanQuery()
	var alternatives []query.Query
	if len(us) > 0 {
		var should []query.Query
		for _, u := range us {
			should = append(should, unitQuery(u, expand, fuzzy))
		}
		if len(p.words) > 1 {
			should = append(should, phraseQuery(p.words, 3))
		}
		ws := bleve.NewBooleanQuery()
		ws.AddShould(should...)
		ws.SetMinShould(1)
		if n := len(us); n >= 3 {
			ws.SetMinShould(float64(n - 1))
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
// see: the INTERN document of the cards in the viewer's scope, and the
// widest audience document of the others.
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
	var inScope []query.Query
	if s.Organisatie != "" {
		inScope = append(inScope, term(fieldSteward, s.Organisatie))
	}
	for _, g := range s.Gemeenten {
		if g != "" {
			inScope = append(inScope, term(fieldGemeente, g))
		}
	}
	if len(inScope) == 0 {
		return term(fieldAudience, wide)
	}
	scope := bleve.NewDisjunctionQuery(inScope...)
	own := bleve.NewConjunctionQuery(term(fieldAudience, string(kaart.Intern)), scope)
	other := bleve.NewBooleanQuery()
	other.AddMust(term(fieldAudience, wide))
	other.AddMustNot(scope)
	return bleve.NewDisjunctionQuery(own, other)
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
	return bleve.NewConjunctionQuery(qs...)
}
