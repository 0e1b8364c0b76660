package main_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	main "github.com/socialekaart/socialekaart/cmd/socialekaart"
	"github.com/socialekaart/socialekaart/internal/kaart"
)

// These tests run the binary's wiring in process with fake adapters, so they
// need no Neo4j. Tests against the real Neo4j live with internal/neo4j.

// events records the order in which fakes were started and stopped.
type events struct {
	mu   sync.Mutex
	list []string
}

func (e *events) add(s string) { e.mu.Lock(); e.list = append(e.list, s); e.mu.Unlock() }
func (e *events) get() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.list)
}

// fakeDB is an in-memory Database. Record methods it does not override
// come from the nil kaart.Store and panic if called.
type fakeDB struct {
	kaart.Store
	ev *events

	mu       sync.Mutex
	pingErr  error
	migrated bool
	records  map[string]kaart.ExportRecord
	keys     map[string]kaart.Sleutel
	hashes   map[string][]byte
}

func newFakeDB(ev *events) *fakeDB {
	return &fakeDB{ev: ev, records: map[string]kaart.ExportRecord{}, keys: map[string]kaart.Sleutel{}, hashes: map[string][]byte{}}
}

func (d *fakeDB) Close(context.Context) error { d.ev.add("db closed"); return nil }
func (d *fakeDB) Ping(context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.pingErr
}
func (d *fakeDB) Migrate(context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.migrated = true
	return nil
}
func (d *fakeDB) MigrationsApplied(context.Context) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.migrated, nil
}
func (d *fakeDB) IsEmpty(context.Context) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.records) == 0, nil
}
func (d *fakeDB) Reset(context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.records = map[string]kaart.ExportRecord{}
	return nil
}
func (d *fakeDB) Export(context.Context, string) (*kaart.Export, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	doc := &kaart.Export{Formaat: kaart.ExportFormat, Versie: kaart.ExportVersion, Koppelingen: []kaart.ExportKoppeling{}}
	for _, r := range d.records {
		doc.Records = append(doc.Records, r)
	}
	return doc, nil
}
func (d *fakeDB) Import(_ context.Context, doc *kaart.Export) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, r := range doc.Records {
		d.records[r.Eigenschappen["id"].(string)] = r
	}
	return nil
}
func (d *fakeDB) Get(_ context.Context, _ kaart.Viewer, _ []string, ids []string) (map[string]kaart.Node, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := map[string]kaart.Node{}
	for _, id := range ids {
		if r, ok := d.records[id]; ok {
			out[id] = kaart.Node{Type: r.Type, Props: r.Eigenschappen}
		}
	}
	return out, nil
}
func (d *fakeDB) CreateSleutel(_ context.Context, s kaart.Sleutel, hash []byte) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.keys[s.ID], d.hashes[s.ID] = s, hash
	return nil
}
func (d *fakeDB) SleutelByID(_ context.Context, id string) (kaart.Sleutel, []byte, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	s, ok := d.keys[id]
	if !ok {
		return kaart.Sleutel{}, nil, kaart.NotFound("sleutel", id)
	}
	return s, d.hashes[id], nil
}
func (d *fakeDB) ListSleutels(context.Context) ([]kaart.Sleutel, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []kaart.Sleutel
	for _, s := range d.keys {
		out = append(out, s)
	}
	return out, nil
}
func (d *fakeDB) RevokeSleutel(_ context.Context, id string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	s, ok := d.keys[id]
	if !ok {
		return kaart.NotFound("sleutel", id)
	}
	now := time.Now()
	s.Ingetrokken = &now
	d.keys[id] = s
	return nil
}
func (d *fakeDB) TouchSleutel(context.Context, string, time.Time) error { return nil }

type fakeLocal struct{ ev *events }

func (l fakeLocal) URI() string                { return "bolt://127.0.0.1:7999" }
func (l fakeLocal) Stop(context.Context) error { l.ev.add("local stopped"); return nil }

func demoDoc() *kaart.Export {
	return &kaart.Export{Formaat: kaart.ExportFormat, Versie: kaart.ExportVersion, Records: []kaart.ExportRecord{
		{Type: "Gebied", Eigenschappen: map[string]any{"id": "GM0344"}},
		{Type: "Organisatie", Eigenschappen: map[string]any{"id": "demo-org"}},
	}}
}

type harness struct {
	m       *main.Main
	db      *fakeDB
	ev      *events
	localOK bool
	stderr  *strings.Builder
	stdout  *strings.Builder
}

// newHarness returns a Main with fake adapters, its logs going to the test.
func newHarness(t *testing.T, env map[string]string) *harness {
	t.Helper()
	ev := &events{}
	h := &harness{ev: ev, db: newFakeDB(ev), stderr: &strings.Builder{}, stdout: &strings.Builder{}}
	m := main.NewMain()
	m.Config.DataDir = t.TempDir()
	m.Config.Addr = "127.0.0.1:0"
	m.Stdout, m.Stderr, m.Stdin = h.stdout, h.stderr, strings.NewReader("")
	m.LookupEnv = func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	m.Deps = main.Deps{
		OpenDatabase: func(_ context.Context, c main.DatabaseConfig) (main.Database, error) {
			if c.URI == "" {
				return nil, errors.New("no uri")
			}
			ev.add("db opened " + c.URI)
			return h.db, nil
		},
		StartLocalNeo4j: func(_ context.Context, o main.LocalNeo4jOptions) (main.LocalNeo4j, error) {
			ev.add("local started " + o.DataDir)
			return fakeLocal{ev: ev}, nil
		},
		GraphQL: func(o main.GraphQLOptions) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_ = json.NewEncoder(w).Encode(map[string]any{"rol": kaart.ViewerFrom(r.Context()).Rol, "maxDepth": o.MaxDepth})
			})
		},
		Playground: func(string) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "playground") })
		},
		DemoData: demoDoc,
	}
	h.m = m
	return h
}

// MustRunMain starts the server on a free port; it is closed with the test.
func MustRunMain(t *testing.T, h *harness) {
	t.Helper()
	h.m.Logger = slog.New(slog.NewTextHandler(testWriter{t}, nil))
	if err := h.m.Run(context.Background()); err != nil {
		_ = h.m.Close()
		t.Fatalf("Run() = %v", err)
	}
	t.Cleanup(func() { _ = h.m.Close() })
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func get(t *testing.T, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestServeEndToEnd(t *testing.T) {
	h := newHarness(t, nil)
	h.m.Config.Demo = true
	MustRunMain(t, h)
	base := h.m.HTTPServer.URL()
	if strings.HasSuffix(base, ":0") {
		t.Fatalf("URL() = %q; want the bound port", base)
	}

	if !h.db.migrated {
		t.Error("Run() did not migrate")
	}
	if !h.m.Demo || len(h.db.records) != 2 {
		t.Errorf("demo loaded = %v with %d records; want the demo in the empty database", h.m.Demo, len(h.db.records))
	}
	wantDir := filepath.Join(h.m.Config.DataDir, "neo4j")
	if ev := h.ev.get(); len(ev) < 2 || ev[0] != "local started "+wantDir || ev[1] != "db opened bolt://127.0.0.1:7999" {
		t.Errorf("start-up events = %q; want the local neo4j in %s, then the store on its URI", ev, wantDir)
	}

	resp, body := get(t, base+"/healthz", nil)
	if resp.StatusCode != 200 || resp.Header.Get("X-Socialekaart-Demo") != "true" || !strings.Contains(body, `"demo":true`) {
		t.Errorf("GET /healthz = %d %s (demo header %q); want 200 marked as demo", resp.StatusCode, body, resp.Header.Get("X-Socialekaart-Demo"))
	}
	if resp, body := get(t, base+"/readyz", nil); resp.StatusCode != 200 {
		t.Errorf("GET /readyz = %d %s; want 200", resp.StatusCode, body)
	}
	h.db.mu.Lock()
	h.db.pingErr = errors.New("connection refused")
	h.db.mu.Unlock()
	if resp, body := get(t, base+"/readyz", nil); resp.StatusCode != 503 || !strings.Contains(body, "neo4j unreachable") {
		t.Errorf("GET /readyz with neo4j down = %d %s; want 503 naming neo4j", resp.StatusCode, body)
	}
	h.db.mu.Lock()
	h.db.pingErr = nil
	h.db.mu.Unlock()

	token, _, err := h.m.Sleutels.Create(context.Background(), "Buurtteam", kaart.Partner, "org-1", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, body := get(t, base+"/graphql?query={a}", map[string]string{"Authorization": "Bearer " + token}); !strings.Contains(body, `"rol":"PARTNER"`) || !strings.Contains(body, `"maxDepth":12`) {
		t.Errorf("GET /graphql with a key = %s; want the partner viewer and the configured limits", body)
	}
	resp, body = get(t, base+"/graphql?query={a}", map[string]string{"Authorization": "Bearer sk_nope"})
	if resp.StatusCode != 401 || !strings.Contains(body, `"code":"UNAUTHENTICATED"`) {
		t.Errorf("GET /graphql with a bad key = %d %s; want 401 UNAUTHENTICATED", resp.StatusCode, body)
	}
	if _, body := get(t, base+"/graphql", map[string]string{"Accept": "text/html"}); body != "playground" {
		t.Errorf("GET /graphql from a browser = %q; want the playground", body)
	}
	if _, body := get(t, base+"/metrics", nil); !strings.Contains(body, `socialekaart_http_requests_total{method="GET",route="/healthz",status="200"} 1`) {
		t.Errorf("GET /metrics lacks the /healthz request:\n%s", body)
	}

	if err := h.m.Close(); err != nil {
		t.Fatalf("Close() = %v", err)
	}
	if ev := h.ev.get(); !slices.Equal(ev[len(ev)-2:], []string{"db closed", "local stopped"}) {
		t.Errorf("shutdown events = %q; want the store closed, then the local neo4j stopped", ev)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("server still answers after Close")
	}
	if err := h.m.Close(); err != nil {
		t.Errorf("second Close() = %v; want nil", err)
	}
}

func TestServeFindsEarlierDemo(t *testing.T) {
	h := newHarness(t, nil)
	h.m.Config.Neo4jURI = "bolt://db:7687"
	h.m.Config.Demo = false
	_ = h.db.Import(context.Background(), demoDoc())
	MustRunMain(t, h)
	if !h.m.Demo {
		t.Error("Demo = false with the demo data already in the database; want true")
	}
	if slices.ContainsFunc(h.ev.get(), func(e string) bool { return strings.HasPrefix(e, "local started") }) {
		t.Error("local neo4j started although NEO4J_URI was set")
	}
}

func TestServeWithoutDemo(t *testing.T) {
	h := newHarness(t, nil)
	h.m.Config.Demo = false
	MustRunMain(t, h)
	if h.m.Demo || len(h.db.records) != 0 {
		t.Errorf("Demo = %v with %d records; want an empty, non-demo database", h.m.Demo, len(h.db.records))
	}
	resp, _ := get(t, h.m.HTTPServer.URL()+"/healthz", nil)
	if resp.Header.Get("X-Socialekaart-Demo") != "" {
		t.Error("X-Socialekaart-Demo set without demo data")
	}
}

func TestExecute(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		wantCode   int
		wantStderr string
		wantStdout string
	}{
		{"help", []string{"help"}, nil, 0, "apikey", ""},
		{"unknown", []string{"frobnicate"}, nil, 2, `unknown command "frobnicate"`, ""},
		{"version", []string{"version"}, nil, 0, "", "go1."},
		{"bad config", []string{"migrate"}, map[string]string{"NEO4J_URI": "htp://x", "SOCIALEKAART_LOG_LEVEL": "loud"}, 2,
			"NEO4J_URI: unsupported scheme 'htp'", ""},
		{"bad flag", []string{"serve", "--max-depth", "x"}, nil, 2, "'x' is not a whole number", ""},
		{"serve help", []string{"serve", "-h"}, nil, 0, "$SOCIALEKAART_ADDR", ""},
		{"apikey without subcommand", []string{"apikey"}, nil, 2, "missing subcommand", ""},
		{"apikey bad role", []string{"apikey", "create", "--naam", "x", "--rol", "koning"}, nil, 2, "--rol must be partner, regisseur or beheerder", ""},
		{"apikey partner without organisatie", []string{"apikey", "create", "--naam", "x", "--rol", "partner"}, nil, 1, "--organisatie: is verplicht", ""},
		{"apikey regisseur", []string{"apikey", "create", "--naam", "Wijk Oost", "--rol", "regisseur", "--gemeente", "GM0344", "--gebied", "WK034401", "--gebied", "WK034402"}, nil, 0, "created", "sk_"},
		{"apikey revoke unknown", []string{"apikey", "revoke", "0123456789abcdef01234567"}, nil, 1, "no API key with id", ""},
		{"import garbage", []string{"import"}, nil, 1, "not an export document", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.env)
			code := h.m.Execute(context.Background(), tt.args)
			if code != tt.wantCode {
				t.Errorf("Execute(%q) = %d; want %d\nstderr: %s", tt.args, code, tt.wantCode, h.stderr)
			}
			if !strings.Contains(h.stderr.String(), tt.wantStderr) {
				t.Errorf("Execute(%q) stderr = %q; want it to contain %q", tt.args, h.stderr, tt.wantStderr)
			}
			if !strings.Contains(h.stdout.String(), tt.wantStdout) {
				t.Errorf("Execute(%q) stdout = %q; want it to contain %q", tt.args, h.stdout, tt.wantStdout)
			}
		})
	}
}

func TestAPIKeyCreateListRevoke(t *testing.T) {
	h := newHarness(t, map[string]string{"NEO4J_URI": "bolt://db:7687"})
	if code := h.m.Execute(context.Background(), []string{"apikey", "create", "--naam", "Platform", "--rol", "beheerder"}); code != 0 {
		t.Fatalf("apikey create = %d: %s", code, h.stderr)
	}
	token := strings.TrimSpace(h.stdout.String())
	if !strings.HasPrefix(token, "sk_") || strings.Contains(token, "\n") {
		t.Fatalf("apikey create stdout = %q; want only the token", token)
	}
	id := strings.SplitN(token, "_", 3)[1]

	h2 := newHarness(t, map[string]string{"NEO4J_URI": "bolt://db:7687"})
	h2.db = h.db
	h2.m.Deps.OpenDatabase = h.m.Deps.OpenDatabase
	if code := h2.m.Execute(context.Background(), []string{"apikey", "list"}); code != 0 {
		t.Fatalf("apikey list = %d: %s", code, h2.stderr)
	}
	if out := h2.stdout.String(); !strings.Contains(out, id) || !strings.Contains(out, "beheerder of the whole platform") || !strings.Contains(out, "active") {
		t.Errorf("apikey list = %q; want the key, its scope and status", out)
	}

	h3 := newHarness(t, map[string]string{"NEO4J_URI": "bolt://db:7687"})
	h3.m.Deps.OpenDatabase = h.m.Deps.OpenDatabase
	if code := h3.m.Execute(context.Background(), []string{"apikey", "revoke", id}); code != 0 {
		t.Fatalf("apikey revoke = %d: %s", code, h3.stderr)
	}
	if h.db.keys[id].Ingetrokken == nil {
		t.Error("apikey revoke did not revoke the key")
	}
}

func TestExportImport(t *testing.T) {
	ctx := context.Background()
	env := map[string]string{"NEO4J_URI": "bolt://db:7687"}
	doc := `{"formaat":"socialekaart-export","versie":1,"gemaakt":"2025-01-01T00:00:00Z","records":[
		{"type":"Thema","eigenschappen":{"id":"th-eenzaamheid","gemeente":"GM0344","naam":"Eenzaamheid"}}],"koppelingen":[]}`
	file := filepath.Join(t.TempDir(), "kaart.json")
	if err := os.WriteFile(file, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}

	h := newHarness(t, env)
	if code := h.m.Execute(ctx, []string{"import", "--in", file}); code != 0 {
		t.Fatalf("import = %d: %s", code, h.stderr)
	}
	if _, ok := h.db.records["th-eenzaamheid"]; !ok {
		t.Fatal("import did not write the record")
	}

	// A second import refuses the non-empty database, unless --replace.
	h2 := newHarness(t, env)
	h2.m.Deps.OpenDatabase = h.m.Deps.OpenDatabase
	if code := h2.m.Execute(ctx, []string{"import", "--in", file}); code != 1 || !strings.Contains(h2.stderr.String(), "--replace") {
		t.Errorf("import into a non-empty database = %d %q; want 1 suggesting --replace", code, h2.stderr)
	}
	h3 := newHarness(t, env)
	h3.m.Deps.OpenDatabase = h.m.Deps.OpenDatabase
	h3.m.Stdin = strings.NewReader(doc)
	if code := h3.m.Execute(ctx, []string{"import", "--replace"}); code != 0 {
		t.Errorf("import --replace from stdin = %d: %s", code, h3.stderr)
	}

	// An invalid document never reaches the database, even with --replace.
	bad := filepath.Join(t.TempDir(), "bad.json")
	_ = os.WriteFile(bad, []byte(`{"formaat":"socialekaart-export","versie":1,"records":[{"type":"Onbekend","eigenschappen":{"id":"x"}}]}`), 0o600)
	h4 := newHarness(t, env)
	h4.m.Deps.OpenDatabase = h.m.Deps.OpenDatabase
	if code := h4.m.Execute(ctx, []string{"import", "--in", bad, "--replace"}); code != 1 || !strings.Contains(h4.stderr.String(), "not a valid export") {
		t.Errorf("import of an invalid document = %d %q; want 1", code, h4.stderr)
	}
	if len(h.db.records) != 1 {
		t.Errorf("database has %d records after a refused import; want 1", len(h.db.records))
	}

	out := filepath.Join(t.TempDir(), "export.json")
	h5 := newHarness(t, env)
	h5.m.Deps.OpenDatabase = h.m.Deps.OpenDatabase
	if code := h5.m.Execute(ctx, []string{"export", "--out", out}); code != 0 {
		t.Fatalf("export = %d: %s", code, h5.stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var exported kaart.Export
	if err := json.Unmarshal(b, &exported); err != nil || len(exported.Records) != 1 {
		t.Errorf("export file = %s (%v); want one record", b, err)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("export file mode = %v; want 0600", fi.Mode().Perm())
	}
}

func TestDemoCommand(t *testing.T) {
	ctx := context.Background()
	env := map[string]string{"NEO4J_URI": "bolt://db:7687"}
	h := newHarness(t, env)
	_ = h.db.Import(ctx, &kaart.Export{Records: []kaart.ExportRecord{{Type: "Thema", Eigenschappen: map[string]any{"id": "echt"}}}})
	if code := h.m.Execute(ctx, []string{"demo"}); code != 1 || !strings.Contains(h.stderr.String(), "--reset") {
		t.Errorf("demo into a non-empty database = %d %q; want 1 suggesting --reset", code, h.stderr)
	}
	h2 := newHarness(t, env)
	h2.m.Deps.OpenDatabase = h.m.Deps.OpenDatabase
	if code := h2.m.Execute(ctx, []string{"demo", "--reset"}); code != 0 {
		t.Fatalf("demo --reset = %d: %s", code, h2.stderr)
	}
	if _, ok := h.db.records["echt"]; ok || len(h.db.records) != 2 {
		t.Errorf("records after demo --reset = %v; want only the demo", h.db.records)
	}
}
