package main_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/neo4jtest"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/web"
	"github.com/socialekaart/socialekaart/search"
)

// BenchmarkRenderSearch renders the resident pages on the Utrecht demo data
// with the search the server wires: the full-text index (web.IndexZoeker),
// with the stand-in for what the index does not answer (filters without
// text). It reports p50 and p99 of one page in ms; the aim is p99 under
// 50 ms. It lives here because internal/web does not depend on the search
// engine.
//
//	go test ./cmd/socialekaart -run '^$' -bench RenderSearch -benchtime 300x
func BenchmarkRenderSearch(b *testing.B) {
	ctx := context.Background()
	store := neo4jtest.Demo(b)
	log := slog.New(slog.DiscardHandler)
	idx, err := search.Open(ctx, log, b.TempDir(), store, search.Options{})
	if err != nil {
		b.Fatalf("search.Open: %v", err)
	}
	b.Cleanup(func() { _ = idx.Close() })
	if err := idx.Rebuild(ctx, nil); err != nil {
		b.Fatalf("Rebuild: %v", err)
	}
	svc := &kaart.Service{Store: store, Zoek: idx}
	zoeker := &web.IndexZoeker{Index: idx, Kaart: svc, Terug: &web.KaartZoeker{Kaart: svc}}
	h := web.NewHandler(web.Options{Kaart: svc, Zoeker: zoeker, Demo: true})
	// The index answers, and the cards come from Neo4j.
	if res, err := zoeker.Zoek(ctx, "taal", web.Filters{}, 20, ""); err != nil || !slices.Contains(res.Treffers, web.Treffer{ID: "utr-abd-taalcafe-overvecht", Type: "Aanbod"}) {
		b.Fatalf("index search for taal = %+v, %v", res, err)
	}
	r := httptest.NewRequest(http.MethodGet, "/?q=taal", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if !strings.Contains(w.Body.String(), "Taalcafé Overvecht") {
		b.Fatalf("GET /?q=taal does not show the taalcafé:\n%s", w.Body.String())
	}
	// The search alone, without the cards: how much of a result page is
	// the index and how much is Neo4j.
	b.Run("index-taal", func(b *testing.B) {
		var times []time.Duration
		for b.Loop() {
			start := time.Now()
			if _, err := zoeker.Zoek(ctx, "taal", web.Filters{}, 20, ""); err != nil {
				b.Fatal(err)
			}
			times = append(times, time.Since(start))
		}
		reportPercentiles(b, times)
	})
	for _, page := range []struct{ name, path string }{
		{"zoeken", "/?q=taal"},
		{"zoeken-tekst-filter", "/?q=taal&gebied=utr-wk-overvecht"},
		{"zoeken-filter", "/?q=&gebied=utr-wk-overvecht&thema=utr-thema-jeugd"},
		{"suggesties", "/suggesties?q=taalc"},
		{"aanbod", "/aanbod/utr-abd-taalcafe-overvecht"},
		{"wijk", "/wijk/utr-wk-overvecht"},
	} {
		b.Run(page.name, func(b *testing.B) {
			get := func() time.Duration {
				r := httptest.NewRequest(http.MethodGet, page.path, nil)
				w := httptest.NewRecorder()
				start := time.Now()
				h.ServeHTTP(w, r)
				d := time.Since(start)
				if w.Code != http.StatusOK {
					b.Fatalf("GET %s = %d", page.path, w.Code)
				}
				return d
			}
			for range 5 { // warm the query plans
				get()
			}
			var times []time.Duration
			for b.Loop() {
				times = append(times, get())
			}
			reportPercentiles(b, times)
		})
	}
}

// reportPercentiles reports p50 and p99 of times in ms.
func reportPercentiles(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	pct := func(p float64) float64 {
		return float64(times[int(p*float64(len(times)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "ms-p50")
	b.ReportMetric(pct(0.99), "ms-p99")
}
