package search_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
)

// Hits are answered from the records the index stores; what the re-read
// from Neo4j used to guard must still hold: a card that was just hidden or
// erased is never answered from the index.

// telStore counts the store reads of hits.
type telStore struct {
	*neo4j.Store
	gets atomic.Int64
}

func (s *telStore) Get(ctx context.Context, v kaart.Viewer, types, ids []string) (map[string]kaart.Node, error) {
	s.gets.Add(1)
	return s.Store.Get(ctx, v, types, ids)
}

// stukIndex is the real index whose updates fail while stuk is set, as when
// Neo4j is briefly unreachable for the indexer.
type stukIndex struct {
	kaart.Zoekindex
	stuk atomic.Bool
}

func (x *stukIndex) Bijwerken(ctx context.Context) error {
	if x.stuk.Load() {
		return errors.New("index update failed (test)")
	}
	return x.Zoekindex.Bijwerken(ctx)
}

func versie(t *testing.T, n kaart.Node) int {
	t.Helper()
	v, ok := n.Props["versie"].(int64)
	if !ok {
		t.Fatalf("node %s has no versie: %v", n.ID(), n.Props)
	}
	return int(v)
}

func TestZoekAnswersFromTheIndex(t *testing.T) {
	f := newFixture(t)
	st := &telStore{Store: f.store}
	f.svc.Store = st
	org := f.create("Organisatie", kaart.Input{"naam": "Stichting Uitindex", "sector": "WELZIJN",
		"omschrijving": "Ontmoeting en advies"})
	f.sync()
	st.gets.Store(0)
	res := f.zoek(anoniem, "uitindex")
	if got := ids(res); len(got) != 1 || got[0] != org {
		t.Fatalf("Zoeken(uitindex) = %v; want [%s]", got, org)
	}
	if n := st.gets.Load(); n != 0 {
		t.Errorf("the hits were read from the store %d time(s); want them answered from the index", n)
	}
	// The record the hit carries is the one the store reads.
	want, err := f.store.Get(anoniem, kaart.Viewer{}, nil, []string{org})
	if err != nil {
		t.Fatal(err)
	}
	got, err := kaart.Decode[kaart.Organisatie](res.Treffers[0].Node)
	if err != nil {
		t.Fatal(err)
	}
	w, err := kaart.Decode[kaart.Organisatie](want[org])
	if err != nil {
		t.Fatal(err)
	}
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(w)
	if string(gj) != string(wj) || res.Treffers[0].Node.Type != "Organisatie" {
		t.Errorf("hit from the index = %s %s; the store reads %s", res.Treffers[0].Node.Type, gj, wj)
	}
}

// A card made INTERN, searched at once by a resident, is not found: the
// update brought the index up to date before it returned.
func TestZoekHiddenAtOnce(t *testing.T) {
	f := newFixture(t)
	n, err := f.svc.Create(f.beheerder(), "Organisatie", kaart.Input{"naam": "Stichting Straksverborgen", "sector": "WELZIJN", "gemeente": f.gm})
	if err != nil {
		t.Fatal(err)
	}
	f.sync()
	if got := ids(f.zoek(anoniem, "straksverborgen")); len(got) != 1 {
		t.Fatalf("before the hide: %v; want the card", got)
	}
	if _, err := f.svc.Update(f.beheerder(), "Organisatie", n.ID(), versie(t, n), kaart.Input{"zichtbaarheid": "INTERN"}); err != nil {
		t.Fatal(err)
	}
	if res := f.zoek(anoniem, "straksverborgen"); len(res.Treffers) != 0 || res.Totaal != 0 {
		t.Errorf("anonymous search right after the hide = %d hits %v; want none", res.Totaal, ids(res))
	}
	if got := ids(f.zoek(f.beheerder(), "straksverborgen")); len(got) != 1 {
		t.Errorf("the gemeente's beheerder after the hide: %v; want the card", got)
	}
}

// An erased person, searched at once by the beheerder who may see them, is
// not found.
func TestZoekErasedAtOnce(t *testing.T) {
	f := newFixture(t)
	prs := f.create("Persoon", kaart.Input{"naam": "Gerbrandina Wisselkamp", "grondslag": "PUBLIEKE_TAAK"})
	f.sync()
	if got := ids(f.zoek(f.beheerder(), "wisselkamp")); len(got) != 1 || got[0] != prs {
		t.Fatalf("before the erasure: %v; want [%s]", got, prs)
	}
	if err := f.svc.WisPersoon(f.beheerder(), prs, "verzoek AVG-2026-1"); err != nil {
		t.Fatal(err)
	}
	if res := f.zoek(f.beheerder(), "wisselkamp"); len(res.Treffers) != 0 || res.Totaal != 0 {
		t.Errorf("search right after the erasure = %v; want none", ids(res))
	}
}

// When the update after a hide fails, the index still holds the public
// document; until an update succeeds, searches read their hits from the
// store, which no longer shows the card.
func TestZoekHiddenWhileTheIndexLags(t *testing.T) {
	f := newFixture(t)
	x := &stukIndex{Zoekindex: f.idx}
	st := &telStore{Store: f.store}
	svc := &kaart.Service{Store: st, Zoek: x}
	n, err := svc.Create(f.beheerder(), "Organisatie", kaart.Input{"naam": "Stichting Achterblijver", "sector": "WELZIJN", "gemeente": f.gm})
	if err != nil {
		t.Fatal(err)
	}
	other := f.create("Organisatie", kaart.Input{"naam": "Achterblijver Open", "sector": "WELZIJN"})
	f.sync()
	zoek := func() kaart.ZoekResultaat {
		t.Helper()
		res, err := svc.Zoeken(anoniem, kaart.ZoekVraag{Tekst: "achterblijver"})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	x.stuk.Store(true)
	if _, err := svc.Update(f.beheerder(), "Organisatie", n.ID(), versie(t, n), kaart.Input{"zichtbaarheid": "INTERN"}); err != nil {
		t.Fatal(err)
	}
	// The index itself is behind: the test would prove nothing otherwise.
	raw, err := f.idx.Zoek(anoniem, kaart.Viewer{}, kaart.ZoekVraag{Tekst: "achterblijver"})
	if err != nil || len(raw.Treffers) != 2 {
		t.Fatalf("index after the failed update = %v, %v; want both cards still there", raw.Treffers, err)
	}
	st.gets.Store(0)
	if got := ids(zoek()); len(got) != 1 || got[0] != other {
		t.Errorf("anonymous search while the index lags = %v; want only [%s]", got, other)
	}
	if st.gets.Load() == 0 {
		t.Errorf("the hits were not read from the store while the index lags")
	}
	// Once an update succeeds, hits come from the index again.
	x.stuk.Store(false)
	if got := ids(zoek()); len(got) != 1 || got[0] != other {
		t.Errorf("anonymous search after the index caught up = %v; want only [%s]", got, other)
	}
	st.gets.Store(0)
	zoek()
	if n := st.gets.Load(); n != 0 {
		t.Errorf("after the index caught up the hits were read from the store %d time(s); want none", n)
	}
}
