package search

import (
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
