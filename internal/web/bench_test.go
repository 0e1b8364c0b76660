package web_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/neo4jtest"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/web"
)

// BenchmarkRender renders result pages server-side on the Utrecht demo
// data, in a Neo4j of its own (the demo's fixed ids cannot go into the
// shared test database twice). Besides ns/op it reports the p50 and p99 of
// one page in ms; the aim is p99 under 50 ms.
//
//	go test ./internal/web -run '^$' -bench Render -benchtime 200x
func BenchmarkRender(b *testing.B) {
	store := neo4jtest.Demo(b)
	h := web.NewHandler(web.Options{Kaart: &kaart.Service{Store: store}, Demo: true})
	for _, page := range []struct{ name, path string }{
		{"zoeken", "/?q=taal"},
		{"zoeken-filter", "/?q=&gebied=utr-wk-overvecht&thema=utr-thema-jeugd"},
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
			slices.Sort(times)
			pct := func(p float64) float64 {
				return float64(times[int(p*float64(len(times)-1))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "ms-p50")
			b.ReportMetric(pct(0.99), "ms-p99")
		})
	}
}
