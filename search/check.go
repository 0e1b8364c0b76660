package search

import (
	"context"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Rapport is what Check found: the cards in the store, the cards in the
// index, and the ids that are missing, stale or left over.
type Rapport struct {
	Kaarten    int      `json:"kaarten"`
	Documenten int      `json:"documenten"`
	Ontbrekend []string `json:"ontbrekend"`
	Verouderd  []string `json:"verouderd"`
	Overbodig  []string `json:"overbodig"`
}

// OK reports whether the index matches the store.
func (r Rapport) OK() bool {
	return len(r.Ontbrekend) == 0 && len(r.Verouderd) == 0 && len(r.Overbodig) == 0
}

// Check compares the index with the store, card by card, by a fingerprint
// of everything a card's documents are made of. Apply the outbox first
// (Bijwerken) for a report about the index rather than about the delay.
func (x *Index) Check(ctx context.Context) (Rapport, error) {
	var r Rapport
	indexed := map[string]string{}
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(term(fieldAudience, string(kaart.Intern)), 1000, 0, false)
		req.SortBy([]string{"_id"})
		req.Fields = []string{fieldCard, fieldHash}
		if after != nil {
			req.SetSearchAfter(after)
		}
		sr, err := x.search(ctx, req)
		if err != nil {
			return r, fmt.Errorf("check: %w", err)
		}
		if len(sr.Hits) == 0 {
			break
		}
		for _, h := range sr.Hits {
			hash, _ := h.Fields[fieldHash].(string)
			indexed[cardOf(h.ID)] = hash
		}
		after = []string{sr.Hits[len(sr.Hits)-1].ID}
	}
	r.Documenten = len(indexed)
	last := ""
	for {
		ids, err := x.source.CardIDs(ctx, last, x.opts.Gemeenten, 1000)
		if err != nil {
			return r, fmt.Errorf("check: %w", err)
		}
		if len(ids) == 0 {
			break
		}
		last = ids[len(ids)-1]
		cards, err := x.source.Cards(ctx, ids)
		if err != nil {
			return r, fmt.Errorf("check: %w", err)
		}
		for _, c := range cards {
			r.Kaarten++
			hash, ok := indexed[c.ID]
			switch {
			case !ok:
				r.Ontbrekend = append(r.Ontbrekend, c.ID)
			case hash != cardHash(c):
				r.Verouderd = append(r.Verouderd, c.ID)
			}
			delete(indexed, c.ID)
		}
	}
	for id := range indexed {
		r.Overbodig = append(r.Overbodig, id)
	}
	sort.Strings(r.Overbodig)
	return r, nil
}
