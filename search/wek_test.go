package search_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/search"
)

// The store wakes the indexer after a commit: with the poll set to an hour,
// a new card is still found at once. (The guard against hanging is generous;
// without the wake-up the card would not appear for an hour.)
func TestCommitWakesTheIndexer(t *testing.T) {
	f := newFixture(t)
	idx, err := search.Open(context.Background(), slog.New(slog.DiscardHandler), t.TempDir(), f.store,
		search.Options{Gemeenten: []string{f.gm}, Poll: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); idx.Run(ctx) }()
	t.Cleanup(func() { stop(); <-done })

	org := f.create("Organisatie", kaart.Input{"naam": "Speeltuinvereniging Het Zandbakje", "sector": "WELZIJN"})
	guard := time.Now().Add(30 * time.Second)
	for {
		res, err := idx.Zoek(context.Background(), kaart.Viewer{}, kaart.ZoekVraag{Tekst: "zandbakje", First: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Treffers) == 1 && res.Treffers[0].ID == org {
			return
		}
		if time.Now().After(guard) {
			t.Fatalf("the new card is not searchable 30 s after its commit; the indexer was not woken")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
