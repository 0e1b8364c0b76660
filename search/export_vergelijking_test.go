package search

import (
	"context"
	"strings"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Exports for the benchmarks in package search_test.

// PublicText returns the text of card c's document for an anonymous viewer,
// as project makes it: the name, the card's own text (contact included) and
// the text of its surroundings; ok is false when anonymous viewers do not
// see the card at all. BenchmarkNeo4jFulltext gives Neo4j the same text.
func PublicText(c kaart.Zoekkaart) (naam, tekst, omgeving string, ok bool) {
	d := project(c)[docID(c.ID, kaart.Openbaar)]
	if d == nil {
		return "", "", "", false
	}
	return d.Naam, strings.Join(append(append([]string{}, d.Tekst...), d.Contact...), "\n"), strings.Join(d.Omgeving, "\n"), true
}

// PollInterval is how often Run applies the outbox.
func (x *Index) PollInterval() time.Duration { return x.opts.Poll }

// OudZoek is Index.Zoek as it was before the query-set work (oudZoek).
func (x *Index) OudZoek(ctx context.Context, v kaart.Viewer, q kaart.ZoekVraag) (kaart.ZoekResultaat, error) {
	return x.oudZoek(ctx, v, q)
}

// Zoekset is the query set of BenchmarkZoekset.
var Zoekset = zoekset

// ZoeksetExport returns BenchmarkZoekset's n cards as an import into
// gemeente gm.
func ZoeksetExport(gm string, n int) *kaart.Export {
	doc := &kaart.Export{Formaat: kaart.ExportFormat, Versie: kaart.ExportVersion}
	for _, c := range zoeksetCards(n) {
		props := map[string]any{}
		for k, v := range c.Node.Props {
			switch k {
			case "versie", "aangemaakt", "gewijzigd":
			case "id":
				props[k] = gm + "-" + v.(string)
			default:
				props[k] = v
			}
		}
		props["gemeente"] = gm
		doc.Records = append(doc.Records, kaart.ExportRecord{Type: c.Type, Eigenschappen: props})
	}
	return doc
}
