package search_test

import (
	"context"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
	"github.com/socialekaart/socialekaart/search"
)

// fixture is one test's own gemeente on the shared test database, with a
// search index of its own limited to that gemeente.
type fixture struct {
	t     *testing.T
	store *neo4j.Store
	svc   *kaart.Service
	idx   *search.Index
	gm    string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	t.Parallel()
	s := neo4jtest.Open(t)
	gm := neo4jtest.Gemeente(t, s)
	f := &fixture{t: t, store: s, gm: gm}
	f.idx = f.openIndex(t.TempDir())
	f.svc = &kaart.Service{Store: s, Zoek: f.idx}
	return f
}

func (f *fixture) openIndex(dir string) *search.Index {
	f.t.Helper()
	idx, err := search.Open(context.Background(), slog.New(slog.DiscardHandler), dir, f.store, search.Options{Gemeenten: []string{f.gm}})
	if err != nil {
		f.t.Fatalf("search.Open: %v", err)
	}
	f.t.Cleanup(func() { _ = idx.Close() })
	return idx
}

func as(v kaart.Viewer) context.Context { return kaart.WithViewer(context.Background(), v) }

var anoniem = context.Background()

func (f *fixture) beheerder() context.Context {
	return as(kaart.Viewer{Rol: kaart.Beheerder, Gemeente: f.gm, SleutelID: "t"})
}

func (f *fixture) create(typ string, in kaart.Input) string {
	f.t.Helper()
	if _, ok := in["gemeente"]; !ok && typ != "Gebied" {
		in["gemeente"] = f.gm
	}
	n, err := f.svc.Create(f.beheerder(), typ, in)
	if err != nil {
		f.t.Fatalf("Create(%s, %v): %v", typ, in, err)
	}
	return n.ID()
}

func (f *fixture) link(soort, van, naar string, in kaart.Input) {
	f.t.Helper()
	if in == nil {
		in = kaart.Input{}
	}
	if _, err := f.svc.Link(f.beheerder(), soort, van, naar, in); err != nil {
		f.t.Fatalf("Link(%s, %s, %s): %v", soort, van, naar, err)
	}
}

func (f *fixture) sync() {
	f.t.Helper()
	if err := f.idx.Bijwerken(context.Background()); err != nil {
		f.t.Fatalf("Bijwerken: %v", err)
	}
}

func (f *fixture) zoek(ctx context.Context, tekst string) kaart.ZoekResultaat {
	f.t.Helper()
	res, err := f.svc.Zoeken(ctx, kaart.ZoekVraag{Tekst: tekst})
	if err != nil {
		f.t.Fatalf("Zoeken(%q): %v", tekst, err)
	}
	return res
}

func ids(res kaart.ZoekResultaat) []string {
	out := make([]string, len(res.Treffers))
	for i, t := range res.Treffers {
		out[i] = t.ID
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// facetString renders facet counts comparably, leaving out ids that differ
// per gemeente.
func facetString(fs []kaart.Facet) string {
	var parts []string
	for _, f := range fs {
		for _, w := range f.Waarden {
			parts = append(parts, f.Veld+"="+w.Waarde+":"+strconv.Itoa(w.Aantal))
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}
