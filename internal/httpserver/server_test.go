package httpserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/httpserver"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/metrics"
)

// logBuffer collects JSON log lines for assertions.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) lines(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

// fakeAuth accepts exactly one token.
type fakeAuth struct{ err error }

const goodToken = "sk_good"

func (a fakeAuth) Authenticate(_ context.Context, token string) (kaart.Viewer, error) {
	if a.err != nil {
		return kaart.Viewer{}, a.err
	}
	if token != goodToken {
		return kaart.Viewer{}, kaart.Errorf(kaart.EUNAUTHENTICATED, "Deze API-sleutel is ongeldig.")
	}
	return kaart.Viewer{Rol: kaart.Partner, Organisatie: "org-1", SleutelID: "abc"}, nil
}

// echoGraphQL answers with the viewer's role and the size of the body it read,
// and logs one line with the request's context.
func echoGraphQL(logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		logger.InfoContext(r.Context(), "resolver ran")
		v := kaart.ViewerFrom(r.Context())
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"rol": v.Rol, "bytes": len(b), "clientIP": httpserver.ClientIP(r.Context())})
	})
}

type fixture struct {
	srv  *httpserver.Server
	logs *logBuffer
}

func newServer(t *testing.T, mod func(*httpserver.Options)) fixture {
	t.Helper()
	logs := &logBuffer{}
	logger := slog.New(httpserver.NewLogHandler(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	opts := httpserver.Options{
		Logger:     logger,
		GraphQL:    echoGraphQL(logger),
		Playground: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "<html>playground</html>") }),
		Auth:       fakeAuth{},
		Metrics:    metrics.New(),
	}
	if mod != nil {
		mod(&opts)
	}
	return fixture{srv: httpserver.New(opts), logs: logs}
}

func (f fixture) do(r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	f.srv.Handler().ServeHTTP(rec, r)
	return rec
}

func postGraphQL(body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	return r
}

// errorCode returns extensions.code of the first GraphQL error in body.
func errorCode(t *testing.T, body []byte) string {
	t.Helper()
	var resp struct {
		Errors []struct {
			Message    string         `json:"message"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatalf("body %q is not JSON: %v", body, err)
	}
	if len(resp.Errors) == 0 {
		t.Fatalf("body %q has no errors", body)
	}
	if resp.Errors[0].Message == "" {
		t.Errorf("error in %q has no message", body)
	}
	code, _ := resp.Errors[0].Extensions["code"].(string)
	return code
}

func TestRequestID(t *testing.T) {
	f := newServer(t, nil)

	r := postGraphQL(`{}`)
	r.Header.Set("X-Request-ID", "trace-123.abc:def")
	rec := f.do(r)
	if got := rec.Header().Get("X-Request-ID"); got != "trace-123.abc:def" {
		t.Errorf("X-Request-ID with sane id = %q; want it echoed", got)
	}
	for _, line := range f.logs.lines(t) {
		if line["request_id"] != "trace-123.abc:def" {
			t.Errorf("log line %v lacks request_id trace-123.abc:def", line)
		}
	}

	for _, bad := range []string{"", "has space", "line\nbreak", strings.Repeat("a", 129), "<script>"} {
		r := postGraphQL(`{}`)
		if bad != "" {
			r.Header.Set("X-Request-ID", bad)
		}
		got := f.do(r).Header().Get("X-Request-ID")
		if got == "" || got == bad || len(got) != 24 {
			t.Errorf("X-Request-ID for %q = %q; want a fresh 24-character id", bad, got)
		}
	}

	a := f.do(postGraphQL(`{}`)).Header().Get("X-Request-ID")
	b := f.do(postGraphQL(`{}`)).Header().Get("X-Request-ID")
	if a == b {
		t.Errorf("two requests got the same id %q", a)
	}
}

func TestAccessLog(t *testing.T) {
	f := newServer(t, nil)
	r := postGraphQL(`{"query":"{a}"}`)
	r.Header.Set("Authorization", "Bearer "+goodToken)
	f.do(r)
	var access map[string]any
	for _, line := range f.logs.lines(t) {
		if line["msg"] == "http request" {
			access = line
		}
	}
	if access == nil {
		t.Fatal("no access log line")
	}
	for k, want := range map[string]any{"method": "POST", "path": "/graphql", "route": "/graphql", "status": 200.0, "sleutel": "abc"} {
		if access[k] != want {
			t.Errorf("access log %s = %v; want %v", k, access[k], want)
		}
	}
	if _, ok := access["duration_ms"]; !ok {
		t.Error("access log lacks duration_ms")
	}
}

func TestBodyLimit(t *testing.T) {
	f := newServer(t, func(o *httpserver.Options) { o.MaxBodyBytes = 100 })
	big := `{"query":"` + strings.Repeat("x", 200) + `"}`

	rec := f.do(postGraphQL(big))
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("POST %d bytes with limit 100 = %d; want 413", len(big), rec.Code)
	}
	if code := errorCode(t, rec.Body.Bytes()); code != "PAYLOAD_TOO_LARGE" {
		t.Errorf("413 code = %q; want PAYLOAD_TOO_LARGE", code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("413 Content-Type = %q; want JSON", ct)
	}

	// Without a declared length (chunked).
	r := postGraphQL("")
	r.Body = io.NopCloser(strings.NewReader(big))
	r.ContentLength = -1
	if rec := f.do(r); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked POST %d bytes with limit 100 = %d; want 413", len(big), rec.Code)
	}

	r = postGraphQL("")
	r.Body = io.NopCloser(strings.NewReader(`{"query":"{a}"}`))
	r.ContentLength = -1
	if rec := f.do(r); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"bytes":15`) {
		t.Errorf("chunked small POST = %d %s; want 200 with the whole body read", rec.Code, rec.Body)
	}

	if rec := f.do(postGraphQL(`{"query":"{a}"}`)); rec.Code != http.StatusOK {
		t.Errorf("small POST = %d; want 200", rec.Code)
	}
}

func TestCORS(t *testing.T) {
	f := newServer(t, func(o *httpserver.Options) { o.CORSOrigins = []string{"https://kaart.utrecht.nl"} })

	tests := []struct {
		name      string
		method    string
		origin    string
		preflight bool
		wantAllow string
		wantCode  int
	}{
		{"allowed", http.MethodPost, "https://kaart.utrecht.nl", false, "https://kaart.utrecht.nl", 200},
		{"other origin", http.MethodPost, "https://evil.example", false, "", 200},
		{"prefix is not enough", http.MethodPost, "https://kaart.utrecht.nl.evil.example", false, "", 200},
		{"no origin", http.MethodPost, "", false, "", 200},
		{"preflight allowed", http.MethodOptions, "https://kaart.utrecht.nl", true, "https://kaart.utrecht.nl", 204},
		{"preflight other", http.MethodOptions, "https://evil.example", true, "", 204},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "/graphql", strings.NewReader(`{}`))
			if tt.origin != "" {
				r.Header.Set("Origin", tt.origin)
			}
			if tt.preflight {
				r.Header.Set("Access-Control-Request-Method", "POST")
				r.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
			}
			rec := f.do(r)
			if rec.Code != tt.wantCode {
				t.Errorf("status = %d; want %d", rec.Code, tt.wantCode)
			}
			if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tt.wantAllow {
				t.Errorf("Access-Control-Allow-Origin = %q; want %q", got, tt.wantAllow)
			}
			if got := rec.Header().Get("Access-Control-Allow-Credentials"); got != "" {
				t.Errorf("Access-Control-Allow-Credentials = %q; want none", got)
			}
			if tt.preflight && tt.wantAllow != "" && !strings.Contains(rec.Header().Get("Access-Control-Allow-Headers"), "Authorization") {
				t.Errorf("preflight Access-Control-Allow-Headers = %q; want Authorization in it", rec.Header().Get("Access-Control-Allow-Headers"))
			}
			if !strings.Contains(strings.Join(rec.Header().Values("Vary"), ","), "Origin") {
				t.Errorf("Vary = %q; want Origin", rec.Header().Values("Vary"))
			}
		})
	}

	wild := newServer(t, func(o *httpserver.Options) { o.CORSOrigins = []string{"*"} })
	r := postGraphQL(`{}`)
	r.Header.Set("Origin", "https://anyone.example")
	if got := wild.do(r).Header().Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("wildcard Access-Control-Allow-Origin = %q; want *", got)
	}
}

func TestTrustedProxies(t *testing.T) {
	f := newServer(t, func(o *httpserver.Options) {
		o.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}
	})
	tests := []struct {
		name   string
		remote string
		xff    []string
		want   string
	}{
		{"direct client, header ignored", "203.0.113.7:5000", []string{"1.2.3.4"}, "203.0.113.7"},
		{"trusted proxy", "10.1.2.3:5000", []string{"198.51.100.9"}, "198.51.100.9"},
		{"spoofed left entries ignored", "10.1.2.3:5000", []string{"6.6.6.6, 198.51.100.9"}, "198.51.100.9"},
		{"chain of trusted proxies", "10.1.2.3:5000", []string{"198.51.100.9, 10.9.9.9"}, "198.51.100.9"},
		{"several headers", "10.1.2.3:5000", []string{"6.6.6.6", "198.51.100.9, 10.9.9.9"}, "198.51.100.9"},
		{"trusted proxy, no header", "10.1.2.3:5000", nil, "10.1.2.3"},
		{"garbage from client side", "10.1.2.3:5000", []string{"not-an-ip"}, "10.1.2.3"},
		{"ipv6 proxy", "[fd00::1]:5000", []string{"2001:db8::5"}, "2001:db8::5"},
		{"ipv4-mapped peer", "[::ffff:10.1.2.3]:5000", []string{"198.51.100.9"}, "198.51.100.9"},
		{"all trusted", "10.1.2.3:5000", []string{"10.0.0.5, 10.0.0.6"}, "10.0.0.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := postGraphQL(`{}`)
			r.RemoteAddr = tt.remote
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			var resp struct{ ClientIP string }
			if err := json.Unmarshal(f.do(r).Body.Bytes(), &resp); err != nil {
				t.Fatal(err)
			}
			if resp.ClientIP != tt.want {
				t.Errorf("client IP for peer %s, X-Forwarded-For %q = %q; want %q", tt.remote, tt.xff, resp.ClientIP, tt.want)
			}
		})
	}
}

func TestAuthentication(t *testing.T) {
	f := newServer(t, nil)
	tests := []struct {
		name     string
		header   []string
		wantCode int
		wantErr  string // extensions.code, "" for success
		wantRol  kaart.Rol
	}{
		{"anonymous", nil, 200, "", kaart.Anoniem},
		{"valid key", []string{"Bearer " + goodToken}, 200, "", kaart.Partner},
		{"scheme is case-insensitive", []string{"bearer " + goodToken}, 200, "", kaart.Partner},
		{"bad key", []string{"Bearer sk_wrong"}, 401, kaart.EUNAUTHENTICATED, ""},
		{"basic auth", []string{"Basic dXNlcjpwYXNz"}, 401, kaart.EUNAUTHENTICATED, ""},
		{"empty bearer", []string{"Bearer "}, 401, kaart.EUNAUTHENTICATED, ""},
		{"two headers", []string{"Bearer " + goodToken, "Bearer " + goodToken}, 401, kaart.EUNAUTHENTICATED, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := postGraphQL(`{}`)
			for _, h := range tt.header {
				r.Header.Add("Authorization", h)
			}
			rec := f.do(r)
			if rec.Code != tt.wantCode {
				t.Fatalf("status = %d; want %d (body %s)", rec.Code, tt.wantCode, rec.Body)
			}
			if tt.wantErr != "" {
				if code := errorCode(t, rec.Body.Bytes()); code != tt.wantErr {
					t.Errorf("extensions.code = %q; want %q", code, tt.wantErr)
				}
				if rec.Header().Get("WWW-Authenticate") == "" {
					t.Error("401 without WWW-Authenticate")
				}
				return
			}
			var resp struct{ Rol kaart.Rol }
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatal(err)
			}
			if resp.Rol != tt.wantRol {
				t.Errorf("viewer role = %q; want %q", resp.Rol, tt.wantRol)
			}
		})
	}

	down := newServer(t, func(o *httpserver.Options) {
		o.Auth = fakeAuth{err: kaart.Errorf(kaart.EUNAVAILABLE, "weg")}
	})
	r := postGraphQL(`{}`)
	r.Header.Set("Authorization", "Bearer "+goodToken)
	rec := down.do(r)
	if rec.Code != http.StatusServiceUnavailable || errorCode(t, rec.Body.Bytes()) != kaart.EUNAVAILABLE {
		t.Errorf("auth with store down = %d %s; want 503 UNAVAILABLE", rec.Code, rec.Body)
	}
}

func TestHealthz(t *testing.T) {
	f := newServer(t, func(o *httpserver.Options) {
		o.Ready = func(context.Context) error { return errors.New("neo4j unreachable") }
		o.Demo = true
		o.Version = "v1.2.3"
	})
	rec := f.do(httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /healthz = %d; want 200 even when not ready", rec.Code)
	}
	var resp map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	if resp["status"] != "ok" || resp["demo"] != true || resp["version"] != "v1.2.3" {
		t.Errorf("GET /healthz body = %v; want status ok, demo true, version v1.2.3", resp)
	}
	if got := rec.Header().Get("X-Socialekaart-Demo"); got != "true" {
		t.Errorf("X-Socialekaart-Demo = %q; want true", got)
	}
	if rec := f.do(httptest.NewRequest(http.MethodPost, "/healthz", nil)); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /healthz = %d; want 405", rec.Code)
	}
}

func TestReadyz(t *testing.T) {
	var mu sync.Mutex
	var readyErr error
	f := newServer(t, func(o *httpserver.Options) {
		o.Ready = func(context.Context) error { mu.Lock(); defer mu.Unlock(); return readyErr }
	})
	if rec := f.do(httptest.NewRequest(http.MethodGet, "/readyz", nil)); rec.Code != http.StatusOK {
		t.Errorf("GET /readyz when ready = %d; want 200", rec.Code)
	}

	mu.Lock()
	readyErr = errors.New("migrations not applied: run socialekaart migrate")
	mu.Unlock()
	rec := f.do(httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("GET /readyz with failing Ready = %d; want 503", rec.Code)
	}
	var resp map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	if resp["status"] != "unavailable" || resp["code"] != "UNAVAILABLE" || strings.Contains(rec.Body.String(), "migrations") {
		t.Errorf("GET /readyz body = %v; want status unavailable, code UNAVAILABLE and the cause in the log only", resp)
	}

	// Without a Demo flag there is no demo header.
	if got := rec.Header().Get("X-Socialekaart-Demo"); got != "" {
		t.Errorf("X-Socialekaart-Demo = %q; want none", got)
	}
}

func TestPanicRecovery(t *testing.T) {
	f := newServer(t, func(o *httpserver.Options) {
		o.GraphQL = http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("kapot") })
	})
	rec := f.do(postGraphQL(`{}`))
	if rec.Code != http.StatusInternalServerError || errorCode(t, rec.Body.Bytes()) != kaart.EINTERNAL {
		t.Errorf("panicking handler = %d %s; want 500 INTERNAL", rec.Code, rec.Body)
	}
	if strings.Contains(rec.Body.String(), "kapot") {
		t.Errorf("panic value leaked to the client: %s", rec.Body)
	}
	var logged bool
	for _, line := range f.logs.lines(t) {
		if line["msg"] == "panic serving request" && line["panic"] == "kapot" && line["request_id"] != nil {
			logged = true
		}
	}
	if !logged {
		t.Error("panic not logged with its request id")
	}
}

func TestRoutes(t *testing.T) {
	f := newServer(t, nil)

	r := httptest.NewRequest(http.MethodGet, "/graphql", nil)
	r.Header.Set("Accept", "text/html,application/xhtml+xml")
	rec := f.do(r)
	if !strings.Contains(rec.Body.String(), "playground") {
		t.Errorf("GET /graphql from a browser = %q; want the playground", rec.Body)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); csp != "" {
		t.Errorf("playground Content-Security-Policy = %q; want none", csp)
	}

	r = httptest.NewRequest(http.MethodGet, "/graphql?query={a}", nil)
	r.Header.Set("Accept", "application/json")
	if rec := f.do(r); !strings.Contains(rec.Body.String(), `"rol"`) {
		t.Errorf("GET /graphql?query= = %q; want the API", rec.Body)
	}

	rec = f.do(postGraphQL(`{}`))
	for _, h := range []string{"X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Content-Security-Policy", "Cache-Control"} {
		if rec.Header().Get(h) == "" {
			t.Errorf("response lacks security header %s", h)
		}
	}

	rec = f.do(httptest.NewRequest(http.MethodGet, "/nergens", nil))
	if rec.Code != http.StatusNotFound || errorCode(t, rec.Body.Bytes()) != "NOT_FOUND" {
		t.Errorf("GET /nergens = %d %s; want 404 NOT_FOUND", rec.Code, rec.Body)
	}
	if rec := f.do(httptest.NewRequest(http.MethodDelete, "/graphql", nil)); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("DELETE /graphql = %d; want 405", rec.Code)
	}

	rec = f.do(httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "socialekaart_http_requests_total") {
		t.Errorf("GET /metrics = %d; want 200 with request counters", rec.Code)
	}
}

func TestOpenAndShutdown(t *testing.T) {
	f := newServer(t, func(o *httpserver.Options) { o.Addr = "127.0.0.1:0" })
	if err := f.srv.Open(); err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(f.srv.Addr(), ":0") || f.srv.Addr() == "" {
		t.Fatalf("Addr() = %q; want the bound port", f.srv.Addr())
	}
	resp, err := http.Get(f.srv.URL() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz = %d; want 200", resp.StatusCode)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := f.srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown() = %v", err)
	}
	if _, err := http.Get(f.srv.URL() + "/healthz"); err == nil {
		t.Error("server still answers after Shutdown")
	}
}
