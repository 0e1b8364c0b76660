package web

import (
	"context"
	"fmt"
	"strings"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// IndexZoeker is the Zoeker on the full-text search: kaart's search index
// (kaart.Zoekindex, which package search implements), always asked as the
// anonymous viewer. It returns only ids and types; the pages fetch the
// cards from the kaart as the anonymous viewer, so Neo4j checks visibility
// again and a stale index can never put hidden data on a page.
//
// What the index cannot answer goes to Terug (the stand-in KaartZoeker):
// a search on filters alone (the index needs text), a search limited to a
// gemeente (the index has no gemeente filter), and every search while Klaar
// reports false (the index is being built and would answer empty).
type IndexZoeker struct {
	Index kaart.Zoekindex
	// Kaart turns a Thema id into the name the index files it under.
	Kaart Kaart
	// Terug answers what the index cannot; required.
	Terug Zoeker
	// Gemeente bounds the search; the index cannot, so a non-empty
	// Gemeente sends every search to Terug.
	Gemeente string
	// Klaar reports whether the index is ready to answer; nil means always.
	Klaar func() bool
}

func (z *IndexZoeker) klaar() bool {
	return z.Index != nil && z.Gemeente == "" && (z.Klaar == nil || z.Klaar())
}

// anoniem is the anonymous viewer, whatever ctx carries.
func anoniem(ctx context.Context) (context.Context, kaart.Viewer) {
	ctx = kaart.WithViewer(ctx, kaart.Viewer{})
	return ctx, kaart.ViewerFrom(ctx)
}

// Zoek implements Zoeker.
func (z *IndexZoeker) Zoek(ctx context.Context, tekst string, f Filters, first int, after string) (Resultaten, error) {
	tekst = strings.TrimSpace(tekst)
	if tekst == "" || f.Gemeente != "" || !z.klaar() {
		return z.Terug.Zoek(ctx, tekst, f, first, after)
	}
	tekst, err := kaart.CheckZoektekst("q", tekst)
	if err != nil {
		// Only control characters or the like: nothing to find.
		return Resultaten{}, nil
	}
	ctx, v := anoniem(ctx)
	filters := kaart.ZoekFilters{Types: ZoekTypes, Gebied: f.Gebied}
	if f.Thema != "" {
		// The index files a card under the names of its thema's.
		got, err := z.Kaart.Get(ctx, []string{"Thema"}, []string{f.Thema})
		if err != nil {
			return Resultaten{}, fmt.Errorf("thema %s: %w", f.Thema, err)
		}
		naam := naamVan(got[f.Thema])
		if naam == "" {
			return Resultaten{}, nil // no such thema, or not public
		}
		filters.Thema = naam
	}
	first = min(max(first, 1), kaart.MaxPageSize)
	res, err := z.Index.Zoek(ctx, v, kaart.ZoekVraag{Tekst: tekst, Filters: filters, First: first, After: after})
	if err != nil {
		return Resultaten{}, err
	}
	out := Resultaten{Totaal: res.Totaal}
	for _, t := range res.Treffers {
		out.Treffers = append(out.Treffers, Treffer{ID: t.ID, Type: t.Type})
	}
	if res.HasNextPage && len(res.Treffers) > 0 {
		out.Volgende = res.Treffers[len(res.Treffers)-1].Cursor
	}
	return out, nil
}

// Suggesties implements Zoeker: names of the cards the search page shows
// whose words start with the words typed, in the index's order.
func (z *IndexZoeker) Suggesties(ctx context.Context, tekst string) ([]string, error) {
	tekst = strings.TrimSpace(tekst)
	if len([]rune(tekst)) < 2 {
		return nil, nil
	}
	if !z.klaar() {
		return z.Terug.Suggesties(ctx, tekst)
	}
	tekst, err := kaart.CheckZoektekst("q", tekst)
	if err != nil {
		return nil, nil
	}
	ctx, v := anoniem(ctx)
	// Ask for more than are shown: cards of other types are left out.
	list, err := z.Index.Suggesties(ctx, v, tekst, 4*maxSuggesties)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		key := strings.ToLower(s.Naam)
		if s.Naam == "" || seen[key] || !isZoekType(s.Type) {
			continue
		}
		seen[key] = true
		out = append(out, s.Naam)
		if len(out) == maxSuggesties {
			break
		}
	}
	return out, nil
}

func isZoekType(t string) bool {
	for _, z := range ZoekTypes {
		if z == t {
			return true
		}
	}
	return false
}
