package web

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Zoeker finds records for the search page. The pages need only ids and
// types: they fetch what a card shows from the kaart themselves, as the
// anonymous viewer, so a Zoeker can never put hidden data on a page.
type Zoeker interface {
	// Zoek returns up to first hits for tekst after the cursor after ("" for
	// the first page). An invalid cursor is a kaart.EINVALID error.
	Zoek(ctx context.Context, tekst string, f Filters, first int, after string) (Resultaten, error)
	// Suggesties returns a few completions of tekst for the search box.
	Suggesties(ctx context.Context, tekst string) ([]string, error)
}

// Filters narrow a search. Empty fields do not filter.
type Filters struct {
	// Gemeente limits the search to one gemeente.
	Gemeente string
	// Gebied is a wijk or buurt id: what serves it (a wijk includes its buurten).
	Gebied string
	// Thema is a Thema id.
	Thema string
}

// Treffer is one hit: a record of one of the searched types.
type Treffer struct {
	ID   string
	Type string
}

// Resultaten is one page of hits.
type Resultaten struct {
	Treffers []Treffer
	// Totaal is the number of hits on all pages.
	Totaal int
	// Volgende is the cursor of the next page, "" on the last.
	Volgende string
}

// ZoekTypes are the record types the search page shows as cards.
var ZoekTypes = []string{"Aanbod", "Organisatie", "Netwerk", "Functie"}

// Lister is the part of kaart.Service the stand-in search needs.
type Lister interface {
	List(ctx context.Context, typeName string, f kaart.ListFilter) (kaart.Page, error)
}

// KaartZoeker is a stand-in Zoeker on kaart lists, until the full-text
// search (search/) is plugged in: it matches the start of a name, or of a
// word in the name of a thema, over ZoekTypes. It reads at most
// kaart.MaxPageSize records per type and query, and pages by offset.
type KaartZoeker struct {
	Kaart Lister
	// Gemeente bounds Suggesties; Zoek uses its Filters.Gemeente.
	Gemeente string

	mu      sync.Mutex
	themaAt map[string]time.Time
	themaNs map[string][]kaart.Node // per gemeente, for themaTTL
}

// themaTTL is how long the list of thema's is reused.
const themaTTL = time.Minute

// Zoek implements Zoeker.
func (z *KaartZoeker) Zoek(ctx context.Context, tekst string, f Filters, first int, after string) (Resultaten, error) {
	offset := 0
	if after != "" {
		n, err := strconv.Atoi(after)
		if err != nil || n < 0 {
			return Resultaten{}, &kaart.Error{Code: kaart.EINVALID, Field: "after", Message: "is geen geldige cursor"}
		}
		offset = n
	}
	tekst = strings.TrimSpace(tekst)
	base := kaart.ListFilter{Gemeente: f.Gemeente, Gebied: f.Gebied, Thema: f.Thema, First: kaart.MaxPageSize}
	type hit struct {
		sort string
		t    Treffer
	}
	// Every list runs at once; the pages are merged in a fixed order.
	type query struct {
		typ string
		lf  kaart.ListFilter
	}
	var queries []query
	for _, typ := range ZoekTypes {
		lf := base
		lf.NaamPrefix = tekst
		queries = append(queries, query{typ, lf})
	}
	if tekst != "" && f.Thema == "" {
		// A word that starts the name of a thema finds what is about it.
		themas, err := z.themas(ctx, f.Gemeente, tekst)
		if err != nil {
			return Resultaten{}, err
		}
		for _, th := range themas {
			for _, typ := range ZoekTypes {
				lf := base
				lf.Thema = th
				queries = append(queries, query{typ, lf})
			}
		}
	}
	pages := make([]kaart.Page, len(queries))
	var g group
	for i, q := range queries {
		g.Go(func() error {
			var err error
			if pages[i], err = z.Kaart.List(ctx, q.typ, q.lf); err != nil {
				return fmt.Errorf("list %s: %w", q.typ, err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return Resultaten{}, err
	}
	seen := map[string]bool{}
	var hits []hit
	for i, page := range pages {
		for j, n := range page.Nodes {
			if seen[n.ID()] || !current(n.Props) {
				continue
			}
			seen[n.ID()] = true
			hits = append(hits, hit{sort: page.Cursors[j].Sort, t: Treffer{ID: n.ID(), Type: queries[i].typ}})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].sort != hits[j].sort {
			return hits[i].sort < hits[j].sort
		}
		return hits[i].t.ID < hits[j].t.ID
	})
	out := Resultaten{Totaal: len(hits)}
	if offset > len(hits) {
		offset = len(hits)
	}
	end := min(offset+first, len(hits))
	for _, h := range hits[offset:end] {
		out.Treffers = append(out.Treffers, h.t)
	}
	if end < len(hits) {
		out.Volgende = strconv.Itoa(end)
	}
	return out, nil
}

// themas returns the ids of the thema's with a word starting with tekst.
func (z *KaartZoeker) themas(ctx context.Context, gemeente, tekst string) ([]string, error) {
	if len([]rune(tekst)) < 3 {
		return nil, nil
	}
	z.mu.Lock()
	nodes, at := z.themaNs[gemeente], z.themaAt[gemeente]
	z.mu.Unlock()
	if at.IsZero() || time.Since(at) > themaTTL {
		page, err := z.Kaart.List(ctx, "Thema", kaart.ListFilter{Gemeente: gemeente, First: kaart.MaxPageSize})
		if err != nil {
			return nil, fmt.Errorf("list thema's: %w", err)
		}
		nodes = page.Nodes
		z.mu.Lock()
		if z.themaNs == nil {
			z.themaNs, z.themaAt = map[string][]kaart.Node{}, map[string]time.Time{}
		}
		z.themaNs[gemeente], z.themaAt[gemeente] = nodes, time.Now()
		z.mu.Unlock()
	}
	tekst = strings.ToLower(tekst)
	var ids []string
	for _, n := range nodes {
		naam, _ := n.Props["naam"].(string)
		for _, w := range strings.Fields(strings.ToLower(naam)) {
			if strings.HasPrefix(w, tekst) {
				ids = append(ids, n.ID())
				break
			}
		}
	}
	return ids, nil
}

// maxSuggesties bounds the suggestions for one prefix.
const maxSuggesties = 8

// Suggesties implements Zoeker: names of records that start with tekst.
func (z *KaartZoeker) Suggesties(ctx context.Context, tekst string) ([]string, error) {
	tekst = strings.TrimSpace(tekst)
	if len([]rune(tekst)) < 2 {
		return nil, nil
	}
	types := append([]string{"Thema"}, ZoekTypes...)
	pages := make([]kaart.Page, len(types))
	var g group
	for i, typ := range types {
		g.Go(func() error {
			var err error
			if pages[i], err = z.Kaart.List(ctx, typ, kaart.ListFilter{Gemeente: z.Gemeente, NaamPrefix: tekst, First: maxSuggesties}); err != nil {
				return fmt.Errorf("suggest %s: %w", typ, err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		if kaart.ErrorCode(err) == kaart.EINVALID {
			return nil, nil
		}
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, page := range pages {
		for _, n := range page.Nodes {
			naam := naamVan(n)
			if naam == "" || seen[strings.ToLower(naam)] || !current(n.Props) {
				continue
			}
			seen[strings.ToLower(naam)] = true
			out = append(out, naam)
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	if len(out) > maxSuggesties {
		out = out[:maxSuggesties]
	}
	return out, nil
}
