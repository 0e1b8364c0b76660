// Package search is the full-text search of the sociale kaart, on Bleve. It
// is the only package that imports Bleve.
//
// Every card (kaart.Zoekkaart) becomes up to three documents, one per
// audience: OPENBAAR holds only what anonymous residents may see, PARTNERS
// adds what every logged-in viewer may see, INTERN adds what the card's own
// steward and gemeente may see. A search selects exactly one document per
// card for its viewer, so no hit, count, facet, snippet or suggestion is
// ever computed from text the viewer may not see.
package search

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/token/edgengram"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// MappingVersion is raised whenever the mapping, the analyzers or what a
// document holds change; an
// index built with another version is rebuilt at start-up.
const MappingVersion = 5

// Analyzer and filter names of the mapping.
const (
	analyzerNL      = "sk_nl"       // lower case, accents folded, Dutch stop words and stemming
	analyzerWoorden = "sk_woorden"  // lower case, accents folded: for typo tolerance
	analyzerDelen   = "sk_delen"    // every tail of every word: compound words
	analyzerPrefix  = "sk_prefix"   // every head of every word: type-ahead
	filterTails     = "sk_staarten" // the token filter behind analyzerDelen
	filterHeads     = "sk_koppen"
)

// Minimum lengths for compound and type-ahead matching.
const (
	minTail   = 4  // the shortest tail indexed for compound words
	minDeel   = 4  // the shortest query word matched inside compounds
	minPrefix = 2  // the shortest head indexed for type-ahead
	maxPrefix = 20 // the longest head indexed for type-ahead
)

func init() {
	// Registered once for the process; the mapping refers to it by name, so
	// an index opened later rebuilds the same analyzer.
	if err := registry.RegisterTokenFilter(filterTails, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return tailFilter{min: minTail}, nil
	}); err != nil {
		panic(err)
	}
}

// tailFilter emits every tail of each token of at least min runes, at the
// token's position: "wijkveiligheidsmedewerker" yields
// "wijkveiligheidsmedewerker", "ijkveiligheidsmedewerker", …,
// "veiligheidsmedewerker", …, "rker". A prefix query for "veiligheid" on
// these tails finds the word inside any compound, with no list of words.
type tailFilter struct{ min int }

func (f tailFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(in)*4)
	for _, tok := range in {
		term := tok.Term
		n := utf8.RuneCount(term)
		if n < f.min {
			continue
		}
		for i, skipped := 0, 0; n-skipped >= f.min; skipped++ {
			out = append(out, &analysis.Token{
				Term: term[i:], Start: tok.Start, End: tok.End, Position: tok.Position, Type: tok.Type,
			})
			_, size := utf8.DecodeRune(term[i:])
			i += size
		}
	}
	return out
}

// Field names of the documents.
const (
	fieldCard     = "card"
	fieldType     = "type"
	fieldAudience = "publiek"
	fieldGemeente = "gemeente"
	fieldSteward  = "steward"
	fieldNaam     = "naam"
	fieldTekst    = "tekst"
	fieldOmgeving = "omgeving"
	fieldContact  = "contact"
	fieldWoorden  = "woorden"
	fieldDelen    = "delen"
	fieldPrefix   = "prefix"
	fieldGebied   = "gebied"
	fieldWijk     = "wijk"
	fieldSector   = "sector"
	fieldThema    = "thema"
	fieldNiveau   = "niveau"
	fieldHash     = "hash"
	fieldGeo      = "geo"
	fieldKaart    = "kaart"
)

// fieldWerkgebied places a card in a regisseur's werkgebied (doc.go).
const fieldWerkgebied = "werkgebied"

// newMapping returns the index mapping of this MappingVersion.
func newMapping() (mapping.IndexMapping, error) {
	m := bleve.NewIndexMapping()
	if err := m.AddCustomAnalyzer(analyzerNL, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{asciifolding.Name},
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name, nl.StopName, nl.SnowballStemmerName},
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(analyzerWoorden, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{asciifolding.Name},
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(analyzerDelen, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{asciifolding.Name},
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name, filterTails},
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomTokenFilter(filterHeads, map[string]any{
		"type": edgengram.Name, "back": false, "min": float64(minPrefix), "max": float64(maxPrefix),
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(analyzerPrefix, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{asciifolding.Name},
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name, filterHeads},
	}); err != nil {
		return nil, err
	}

	text := func(analyzer string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = store
		f.IncludeInAll = false
		return f
	}
	kw := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldCard, kw(true))
	doc.AddFieldMappingsAt(fieldType, kw(true))
	doc.AddFieldMappingsAt(fieldAudience, kw(false))
	doc.AddFieldMappingsAt(fieldGemeente, kw(false))
	doc.AddFieldMappingsAt(fieldSteward, kw(false))
	doc.AddFieldMappingsAt(fieldWerkgebied, kw(false))
	doc.AddFieldMappingsAt(fieldNaam, text(analyzerNL, true))
	doc.AddFieldMappingsAt(fieldTekst, text(analyzerNL, true))
	doc.AddFieldMappingsAt(fieldOmgeving, text(analyzerNL, false))
	doc.AddFieldMappingsAt(fieldContact, text(keyword.Name, false))
	doc.AddFieldMappingsAt(fieldWoorden, text(analyzerWoorden, false))
	doc.AddFieldMappingsAt(fieldDelen, text(analyzerDelen, false))
	doc.AddFieldMappingsAt(fieldPrefix, text(analyzerPrefix, false))
	for _, f := range []string{fieldGebied, fieldWijk, fieldSector, fieldThema, fieldNiveau} {
		doc.AddFieldMappingsAt(f, kw(false))
	}
	doc.AddFieldMappingsAt(fieldHash, kw(true))
	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.IncludeTermVectors = false
	stored.DocValues = false
	doc.AddFieldMappingsAt(fieldKaart, stored)
	geo := bleve.NewGeoPointFieldMapping()
	geo.IncludeInAll = false
	doc.AddFieldMappingsAt(fieldGeo, geo)
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerNL
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}

// digits returns only the digits of s: the form phone numbers are matched in.
func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
