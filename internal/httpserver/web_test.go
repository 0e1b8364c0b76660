package httpserver_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/socialekaart/socialekaart/internal/httpserver"
)

// TestWebMount: the residents' pages get every path the API does not, and
// behind the same middleware.
func TestWebMount(t *testing.T) {
	web := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "web "+r.URL.Path+" "+httpserver.ClientIP(r.Context()))
	})
	f := newServer(t, func(o *httpserver.Options) { o.Web = web; o.Demo = true })
	for path, want := range map[string]string{"/": "web / 192.0.2.1", "/aanbod/x": "web /aanbod/x 192.0.2.1", "/en/": "web /en/ 192.0.2.1"} {
		rec := f.do(httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK || rec.Body.String() != want {
			t.Errorf("GET %s = %d %q; want 200 %q", path, rec.Code, rec.Body, want)
		}
		if rec.Header().Get("X-Request-ID") == "" || rec.Header().Get("X-Socialekaart-Demo") != "true" {
			t.Errorf("GET %s: headers %v lack the middleware's", path, rec.Header())
		}
	}
	if rec := f.do(postGraphQL(`{}`)); rec.Code != http.StatusOK || rec.Body.String() == "web /graphql 192.0.2.1" {
		t.Errorf("POST /graphql went to the web pages: %d %q", rec.Code, rec.Body)
	}
	if rec := f.do(httptest.NewRequest(http.MethodGet, "/healthz", nil)); rec.Code != http.StatusOK || rec.Body.String()[0] != '{' {
		t.Errorf("GET /healthz = %d %q; want the health answer", rec.Code, rec.Body)
	}
}
