package main_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	main "github.com/socialekaart/socialekaart/cmd/socialekaart"
	"github.com/socialekaart/socialekaart/internal/demo"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jlocal"
)

// These tests run the binary in process, wired as in production: the real
// Neo4j (a local one each test starts in a temporary directory, because they
// need the demo's fixed ids in a database of their own), the real HTTP
// server on 127.0.0.1:0, real HTTP requests. The two tests that start a
// Neo4j do not run in parallel: on two cores, two JVMs starting at once take
// longer than one after the other.

// output is a standard stream a test can read while the program writes it.
// With log set, every line also goes to the test log.
type output struct {
	mu  sync.Mutex
	buf bytes.Buffer
	log testing.TB
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.log != nil {
		o.log.Log(strings.TrimRight(string(p), "\n"))
	}
	return o.buf.Write(p)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// logLine returns the first JSON log line whose msg is msg, or nil.
func (o *output) logLine(msg string) map[string]any {
	for _, line := range strings.Split(o.String(), "\n") {
		var entry map[string]any
		if json.Unmarshal([]byte(line), &entry) == nil && entry["msg"] == msg {
			return entry
		}
	}
	return nil
}

// newMain returns a program that reads its environment only from env, never
// from the process (so a NEO4J_URI of whoever runs the tests is never used),
// and whose standard streams the test can read.
func newMain(t testing.TB, env map[string]string) (m *main.Main, stdout, stderr *output) {
	m = main.NewMain()
	stdout, stderr = &output{}, &output{log: t}
	m.Stdout, m.Stderr, m.Stdin = stdout, stderr, strings.NewReader("")
	m.LookupEnv = func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	return m, stdout, stderr
}

// execute runs one command line to its end, as the binary would.
func execute(t testing.TB, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	m, out, errOut := newMain(t, env)
	code = m.Execute(context.Background(), args)
	return code, out.String(), errOut.String()
}

// mustExecute runs a command line that must succeed and returns its stdout.
func mustExecute(t testing.TB, env map[string]string, args ...string) (stdout, stderr string) {
	t.Helper()
	code, stdout, stderr := execute(t, env, args...)
	if code != 0 {
		t.Fatalf("Execute(%q) = %d; want 0\nstderr: %s", args, code, stderr)
	}
	return stdout, stderr
}

type gqlResponse struct {
	Data   map[string]json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

var client = &http.Client{Timeout: 30 * time.Second}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// graphql posts a query, with a bearer token unless token is empty.
func graphql(t *testing.T, base, token, query string) (int, gqlResponse) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out gqlResponse
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("POST /graphql = %d %q: %v", resp.StatusCode, b, err)
	}
	return resp.StatusCode, out
}

func errorCodes(r gqlResponse) []string {
	var codes []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		codes = append(codes, c)
	}
	return codes
}

// totalPersonen is personen.totalCount as the token's viewer sees it.
func totalPersonen(t *testing.T, base, token string) int {
	t.Helper()
	status, r := graphql(t, base, token, `{ personen { totalCount } }`)
	var data struct{ TotalCount int }
	if status != 200 || len(r.Errors) > 0 || json.Unmarshal(r.Data["personen"], &data) != nil {
		t.Fatalf("personen.totalCount = %d %+v; want 200 without errors", status, r)
	}
	return data.TotalCount
}

var keyCreated = regexp.MustCompile(`API key (\S+) created`)

// TestServeLikeMakeRun starts the program as make run does: no NEO4J_URI,
// so it starts its own Neo4j in the data directory, migrates, loads the
// Utrecht demo into the empty database and serves on a free port. Then it
// talks to it over HTTP, manages API keys with the CLI against the same
// database (through the Bolt URI serve logs), and stops it as SIGTERM would.
func TestServeLikeMakeRun(t *testing.T) {
	start := time.Now()
	dataDir := t.TempDir()
	m, _, logs := newMain(t, map[string]string{
		"SOCIALEKAART_DATA_DIR": dataDir,
		"SOCIALEKAART_ADDR":     "127.0.0.1:0",
	})
	srv := startServe(t, m, logs)
	base := srv.base
	started := logs.logLine("local neo4j started")
	boltURI, _ := started["uri"].(string)
	if base == "" || boltURI == "" || strings.HasSuffix(base, ":0") {
		t.Fatalf("serve logged url %q and local neo4j %q; want both, on bound ports", base, boltURI)
	}
	if _, err := os.Stat(filepath.Join(dataDir, "neo4j")); err != nil {
		t.Errorf("local neo4j data: %v; want it in <data dir>/neo4j", err)
	}
	t.Logf("serving after %s (local neo4j, migrations, demo data)", time.Since(start).Round(time.Millisecond))

	resp, body := get(t, base+"/healthz")
	if resp.StatusCode != 200 || resp.Header.Get("X-Socialekaart-Demo") != "true" || !strings.Contains(body, `"demo":true`) {
		t.Errorf("GET /healthz = %d %s (X-Socialekaart-Demo %q); want 200, marked as demo",
			resp.StatusCode, body, resp.Header.Get("X-Socialekaart-Demo"))
	}
	if resp, body := get(t, base+"/readyz"); resp.StatusCode != 200 {
		t.Errorf("GET /readyz = %d %s; want 200", resp.StatusCode, body)
	}

	status, r := graphql(t, base, "", `{ gebied(id: "`+demo.GemeenteID+`") { naam soort wijken { id } } }`)
	var gebied struct {
		Naam, Soort string
		Wijken      []struct{ ID string }
	}
	if status != 200 || len(r.Errors) > 0 || json.Unmarshal(r.Data["gebied"], &gebied) != nil {
		t.Fatalf("gebied(%s) = %d %+v; want the demo gemeente", demo.GemeenteID, status, r)
	}
	if gebied.Naam != "Utrecht" || gebied.Soort != "GEMEENTE" || len(gebied.Wijken) != 10 {
		t.Errorf("gebied(%s) = %s (%s) with %d wijken; want Utrecht, GEMEENTE, 10 wijken",
			demo.GemeenteID, gebied.Naam, gebied.Soort, len(gebied.Wijken))
	}

	// A key made with the CLI, against the database serve is using.
	cli := map[string]string{"NEO4J_URI": boltURI}
	token, stderr := mustExecute(t, cli, "apikey", "create", "--naam", "E2E beheerder Utrecht", "--rol", "beheerder", "--gemeente", demo.GemeenteID)
	token = strings.TrimSpace(token)
	match := keyCreated.FindStringSubmatch(stderr)
	if !strings.HasPrefix(token, "sk_") || match == nil {
		t.Fatalf("apikey create: stdout %q, stderr %q; want the token and the key's id", token, stderr)
	}
	anonymous, beheerder := totalPersonen(t, base, ""), totalPersonen(t, base, token)
	if anonymous == 0 || anonymous >= beheerder {
		t.Errorf("personen.totalCount = %d anonymous, %d for a beheerder; want 0 < anonymous < beheerder", anonymous, beheerder)
	}

	// GraphQL errors by code: one the HTTP layer never makes (so it comes
	// through graph.Options.OnError), one from the domain.
	if _, r := graphql(t, base, "", `{ geenVeld }`); len(r.Errors) != 1 || errorCodes(r)[0] != "GRAPHQL_VALIDATION_FAILED" {
		t.Errorf("query of an unknown field: errors %+v; want one GRAPHQL_VALIDATION_FAILED", r.Errors)
	}
	if _, r := graphql(t, base, "", `mutation { maakThema(input: {gemeente: "`+demo.GemeenteID+`", naam: "Anoniem"}) { id } }`); len(r.Errors) != 1 || errorCodes(r)[0] != kaart.EUNAUTHENTICATED {
		t.Errorf("anonymous mutation: errors %+v; want one UNAUTHENTICATED", r.Errors)
	}

	// The revoke comes from another process: the server drops its cached
	// viewer at its next read of the credential counter (within
	// SOCIALEKAART_TOEGANG_POLL_MS, 1 s), so the key is refused within a
	// few seconds, never later.
	mustExecute(t, cli, "apikey", "revoke", match[1])
	revoked := time.Now()
	for {
		status, r = graphql(t, base, token, `{ personen { totalCount } }`)
		if status == http.StatusUnauthorized || time.Since(revoked) > 5*time.Second {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("revoked key refused after %s", time.Since(revoked).Round(time.Millisecond))
	if status != http.StatusUnauthorized || len(r.Errors) != 1 || errorCodes(r)[0] != kaart.EUNAUTHENTICATED {
		t.Errorf("revoked key: %d %+v; want 401 UNAUTHENTICATED", status, r)
	}

	_, metrics := get(t, base+"/metrics")
	for _, want := range []string{
		`socialekaart_http_requests_total{method="GET",route="/healthz",status="200"} 1`,
		`socialekaart_http_requests_total{method="POST",route="/graphql",status="200"}`,
		`socialekaart_http_request_duration_seconds_count{method="POST",route="/graphql"}`,
		`socialekaart_neo4j_statements_total{outcome="ok",statement="`,
		`socialekaart_neo4j_statement_duration_seconds_count{outcome="ok",statement="`,
		`socialekaart_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"} 1`,
		// One from the anonymous mutation (GraphQL), one from the revoked key (HTTP).
		`socialekaart_graphql_errors_total{code="UNAUTHENTICATED"} 2`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("GET /metrics lacks %s", want)
		}
	}

	// Graceful shutdown: HTTP, the store, then the local Neo4j.
	stopAt := time.Now()
	srv.Stop()
	if srv.code != 0 {
		t.Errorf("serve exited with %d after SIGTERM; want 0", srv.code)
	}
	t.Logf("stopped in %s; whole test %s", time.Since(stopAt).Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	if logs.logLine("neo4j stopped") == nil || logs.logLine("stopped") == nil {
		t.Error("serve did not log that the local neo4j and the server stopped")
	}
	u, _ := url.Parse(boltURI)
	if c, err := net.DialTimeout("tcp", u.Host, time.Second); err == nil {
		c.Close()
		t.Errorf("local neo4j still listens on %s after serve stopped", u.Host)
	}
	if _, err := client.Get(base + "/healthz"); err == nil {
		t.Error("the HTTP server still answers after serve stopped")
	}
}

// served is "socialekaart serve" running inside the test's process.
type served struct {
	t      *testing.T
	logs   *output
	base   string // http://host:port, without /graphql
	exited chan struct{}
	code   int // the exit code, once exited is closed
	// Stop ends serve as SIGTERM does and waits for it; it runs at the end
	// of the test too.
	Stop func()
}

// startServe runs serve with args until the test ends, and returns once it
// logs that it serves.
func startServe(t *testing.T, m *main.Main, logs *output, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{t: t, logs: logs, exited: make(chan struct{})}
	go func() {
		defer close(s.exited)
		s.code = m.Execute(ctx, append([]string{"serve"}, args...))
	}()
	var once sync.Once
	s.Stop = func() {
		once.Do(func() {
			cancel()
			select {
			case <-s.exited:
			case <-time.After(2 * time.Minute):
				t.Error("serve did not stop within 2 minutes")
			}
		})
	}
	t.Cleanup(s.Stop)
	url, _ := s.waitFor("serving")["url"].(string)
	s.base = strings.TrimSuffix(url, "/graphql")
	return s
}

// waitFor waits until serve logs msg and returns that log line.
func (s *served) waitFor(msg string) map[string]any {
	s.t.Helper()
	return waitForLog(s.t, s.logs, msg, s.exited, &s.code)
}

// waitForLog waits until the program logs msg, and fails the test if it
// exits first (exited closed, with its exit code in *code).
func waitForLog(t *testing.T, logs *output, msg string, exited <-chan struct{}, code *int) map[string]any {
	t.Helper()
	deadline := time.After(5 * time.Minute)
	for {
		if entry := logs.logLine(msg); entry != nil {
			return entry
		}
		select {
		case <-exited:
			t.Fatalf("serve exited with %d before logging %q", *code, msg)
		case <-deadline:
			t.Fatalf("serve did not log %q within 5 minutes", msg)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// readExport reads an export document written by the export command.
func readExport(t *testing.T, b []byte) *kaart.Export {
	t.Helper()
	var doc kaart.Export
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("export is not JSON: %v\n%.500s", err, b)
	}
	return &doc
}

func mustReadExport(t *testing.T, path string) *kaart.Export {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return readExport(t, b)
}

// counts describes an export by its sizes, for messages.
func counts(doc *kaart.Export) string {
	return fmt.Sprintf("%d records, %d koppelingen", len(doc.Records), len(doc.Koppelingen))
}

// exportedIDs returns the ids of the records in doc.
func exportedIDs(doc *kaart.Export) map[string]bool {
	ids := map[string]bool{}
	for _, r := range doc.Records {
		id, _ := r.Eigenschappen["id"].(string)
		ids[id] = true
	}
	return ids
}

// TestCommandsAgainstNeo4j runs the database commands, one after the other,
// against a Neo4j of its own that starts empty.
func TestCommandsAgainstNeo4j(t *testing.T) {
	ctx := context.Background()
	start := time.Now()
	server, err := neo4jlocal.Start(ctx, neo4jlocal.Options{DataDir: t.TempDir(), PageCache: "64m"})
	if err != nil {
		t.Fatalf("neo4jlocal.Start: %v", err)
	}
	t.Logf("local neo4j started in %s", time.Since(start).Round(time.Millisecond))
	t.Cleanup(func() {
		if err := server.Stop(context.Background()); err != nil {
			t.Errorf("Stop: %v", err)
		}
	})
	env := map[string]string{"NEO4J_URI": server.URI()}
	dir := t.TempDir()
	wantDemo := demo.Utrecht()

	exportNow := func(t *testing.T, args ...string) *kaart.Export {
		t.Helper()
		out, _ := mustExecute(t, env, append([]string{"export"}, args...)...)
		return readExport(t, []byte(out))
	}

	t.Run("migrate is idempotent, also run twice at once", func(t *testing.T) {
		var wg sync.WaitGroup
		codes := make([]int, 2)
		stderrs := make([]string, 2)
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i], _, stderrs[i] = execute(t, env, "migrate")
			}()
		}
		wg.Wait()
		for i, code := range codes {
			if code != 0 {
				t.Errorf("concurrent migrate %d = %d; want 0\nstderr: %s", i, code, stderrs[i])
			}
		}
		if _, stderr := mustExecute(t, env, "migrate"); !strings.Contains(stderr, "migrations applied") {
			t.Errorf("migrate again: stderr %q; want \"migrations applied\"", stderr)
		}
	})

	small := filepath.Join(dir, "small.json")
	if err := os.WriteFile(small, []byte(`{"formaat":"socialekaart-export","versie":1,"gemaakt":"2025-01-01T00:00:00Z","records":[
		{"type":"Gebied","eigenschappen":{"id":"gm-klein","gemeente":"gm-klein","naam":"Kleindorp","soort":"GEMEENTE"}},
		{"type":"Thema","eigenschappen":{"id":"th-klein-eenzaamheid","gemeente":"gm-klein","naam":"Eenzaamheid"}}],"koppelingen":[]}`), 0o600); err != nil {
		t.Fatal(err)
	}

	t.Run("import into an empty database", func(t *testing.T) {
		if _, stderr := mustExecute(t, env, "import", "--in", small); !strings.Contains(stderr, "imported 2 records") {
			t.Errorf("import stderr = %q; want it to count 2 records", stderr)
		}
		if got := exportNow(t); !exportedIDs(got)["th-klein-eenzaamheid"] || len(got.Records) != 2 {
			t.Errorf("export after import = %s; want the 2 imported records", counts(got))
		}
	})

	t.Run("demo refuses a database that holds records", func(t *testing.T) {
		code, _, stderr := execute(t, env, "demo")
		if code != 1 || !strings.Contains(stderr, "--reset") {
			t.Errorf("demo into a non-empty database = %d %q; want 1, suggesting --reset", code, stderr)
		}
		if got := exportNow(t); len(got.Records) != 2 {
			t.Errorf("after a refused demo: %s; want the 2 records untouched", counts(got))
		}
	})

	t.Run("demo --reset replaces everything with the demo", func(t *testing.T) {
		mustExecute(t, env, "demo", "--reset")
		got := exportNow(t)
		if len(got.Records) != len(wantDemo.Records) || len(got.Koppelingen) != len(wantDemo.Koppelingen) {
			t.Errorf("after demo --reset: %s; want the demo's %s", counts(got), counts(wantDemo))
		}
		if exportedIDs(got)["th-klein-eenzaamheid"] {
			t.Error("demo --reset kept a record from before")
		}
	})

	backup := filepath.Join(dir, "backup.json")
	t.Run("export writes a private file", func(t *testing.T) {
		if _, stderr := mustExecute(t, env, "export", "--out", backup); !strings.Contains(stderr, "exported") {
			t.Errorf("export stderr = %q", stderr)
		}
		if fi, err := os.Stat(backup); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("export file: %v, mode %v; want 0600", err, fi.Mode().Perm())
		}
		if got := mustReadExport(t, backup); len(got.Records) != len(wantDemo.Records) {
			t.Errorf("export file: %s; want %s", counts(got), counts(wantDemo))
		}
	})

	t.Run("export --gemeente", func(t *testing.T) {
		got := exportNow(t, "--gemeente", demo.GemeenteID)
		if len(got.Records) == 0 {
			t.Fatal("export --gemeente utr-gm is empty")
		}
		for _, r := range got.Records {
			if r.Eigenschappen["gemeente"] != demo.GemeenteID {
				t.Errorf("export --gemeente %s has record %v of gemeente %v", demo.GemeenteID, r.Eigenschappen["id"], r.Eigenschappen["gemeente"])
				break
			}
		}
		code, stdout, stderr := execute(t, env, "export", "--gemeente", "gm-bestaat-niet")
		if code != 1 || stdout != "" || !strings.Contains(stderr, `no gemeente with id "gm-bestaat-niet"`) {
			t.Errorf("export --gemeente of an unknown gemeente = %d, stdout %d bytes, %q; want 1 naming it, nothing written", code, len(stdout), stderr)
		}
		code, _, stderr = execute(t, env, "export", "--gemeente", "utr-wk-overvecht")
		if code != 1 || !strings.Contains(stderr, "no gemeente") {
			t.Errorf("export --gemeente of a wijk = %d %q; want 1", code, stderr)
		}
	})

	t.Run("import refuses a database that holds records", func(t *testing.T) {
		code, _, stderr := execute(t, env, "import", "--in", backup)
		if code != 1 || !strings.Contains(stderr, "--replace") {
			t.Errorf("import into a non-empty database = %d %q; want 1, suggesting --replace", code, stderr)
		}
	})

	t.Run("an invalid document never reaches the database, even with --replace", func(t *testing.T) {
		bad := filepath.Join(dir, "bad.json")
		_ = os.WriteFile(bad, []byte(`{"formaat":"socialekaart-export","versie":1,"records":[{"type":"Onbekend","eigenschappen":{"id":"x"}}]}`), 0o600)
		code, _, stderr := execute(t, env, "import", "--in", bad, "--replace")
		if code != 1 || !strings.Contains(stderr, "not a valid export") {
			t.Errorf("import of an invalid document = %d %q; want 1", code, stderr)
		}
		m, _, _ := newMain(t, env)
		m.Stdin = strings.NewReader("geen json")
		if code := m.Execute(ctx, []string{"import", "--replace"}); code != 1 {
			t.Errorf("import --replace of garbage on stdin = %d; want 1", code)
		}
		if got := exportNow(t); len(got.Records) != len(wantDemo.Records) {
			t.Errorf("after refused imports: %s; want the demo untouched", counts(got))
		}
	})

	t.Run("export then import --replace round-trips", func(t *testing.T) {
		mustExecute(t, env, "import", "--in", backup, "--replace")
		again := filepath.Join(dir, "again.json")
		mustExecute(t, env, "export", "--out", again)
		before, after := mustReadExport(t, backup), mustReadExport(t, again)
		if len(after.Records) != len(before.Records) || len(after.Koppelingen) != len(before.Koppelingen) {
			t.Fatalf("export after import --replace: %s; want %s", counts(after), counts(before))
		}
		before.Gemaakt, after.Gemaakt = time.Time{}, time.Time{}
		b1, _ := json.Marshal(before)
		b2, _ := json.Marshal(after)
		if !bytes.Equal(b1, b2) {
			t.Errorf("export after import --replace differs from the export it imported")
		}
	})

	t.Run("apikey create, list, revoke", func(t *testing.T) {
		code, _, stderr := execute(t, env, "apikey", "create", "--naam", "x", "--rol", "partner")
		if code != 1 || !strings.Contains(stderr, "--organisatie: is verplicht") {
			t.Errorf("apikey create of a partner without organisatie = %d %q; want 1 naming --organisatie", code, stderr)
		}
		token, stderr := mustExecute(t, env, "apikey", "create", "--naam", "Wijk Overvecht", "--rol", "regisseur",
			"--gemeente", demo.GemeenteID, "--gebied", "utr-wk-overvecht")
		match := keyCreated.FindStringSubmatch(stderr)
		if token = strings.TrimSpace(token); !strings.HasPrefix(token, "sk_") || strings.Contains(token, "\n") || match == nil {
			t.Fatalf("apikey create: stdout %q, stderr %q; want only the token on stdout", token, stderr)
		}
		id := match[1]
		if list, _ := mustExecute(t, env, "apikey", "list"); !strings.Contains(list, id) || !strings.Contains(list, "regisseur in gemeente utr-gm") || !strings.Contains(list, "active") {
			t.Errorf("apikey list = %q; want the key, its scope, active", list)
		}
		mustExecute(t, env, "apikey", "revoke", id)
		if list, _ := mustExecute(t, env, "apikey", "list"); !strings.Contains(list, "revoked") {
			t.Errorf("apikey list after revoke = %q; want it revoked", list)
		}
		code, _, stderr = execute(t, env, "apikey", "revoke", "0123456789abcdef01234567")
		if code != 1 || !strings.Contains(stderr, "no API key with id") {
			t.Errorf("apikey revoke of an unknown id = %d %q; want 1", code, stderr)
		}
	})

	t.Run("a flag wins over the environment", func(t *testing.T) {
		bad := map[string]string{"NEO4J_URI": "htp://nergens"}
		mustExecute(t, bad, "migrate", "--neo4j-uri", server.URI())
	})
}

// TestExecuteWithoutDatabase covers command lines that never reach a
// database: help, usage and configuration errors, version.
func TestExecuteWithoutDatabase(t *testing.T) {
	t.Parallel()
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
		{"version", []string{"version"}, nil, 0, "", "socialekaart "},
		{"version has the Go version", []string{"version"}, nil, 0, "", "go1."},
		{"bad scheme", []string{"migrate"}, map[string]string{"NEO4J_URI": "htp://x"}, 2,
			"NEO4J_URI: unsupported scheme 'htp'", ""},
		{"bad scheme for serve", []string{"serve"}, map[string]string{"NEO4J_URI": "htp://x"}, 2,
			"NEO4J_URI: unsupported scheme 'htp'", ""},
		{"every problem at once", []string{"export"}, map[string]string{"NEO4J_URI": "htp://x", "SOCIALEKAART_LOG_LEVEL": "loud"}, 2,
			"invalid configuration:\n  NEO4J_URI: unsupported scheme 'htp' (use bolt://, bolt+s://, neo4j:// or neo4j+s://)\n  SOCIALEKAART_LOG_LEVEL: 'loud' is not a log level", ""},
		{"bad environment number", []string{"serve"}, map[string]string{"NEO4J_URI": "bolt://db", "SOCIALEKAART_MAX_DEPTH": "diep"}, 2,
			"SOCIALEKAART_MAX_DEPTH: 'diep' is not a whole number", ""},
		{"bad flag", []string{"serve", "--max-depth", "x"}, nil, 2, "'x' is not a whole number", ""},
		{"serve help", []string{"serve", "-h"}, nil, 0, "$SOCIALEKAART_ADDR", ""},
		{"export help", []string{"export", "-h"}, nil, 0, "-gemeente", ""},
		{"apikey without subcommand", []string{"apikey"}, nil, 2, "missing subcommand", ""},
		{"apikey bad role", []string{"apikey", "create", "--naam", "x", "--rol", "koning"}, nil, 2, "--rol must be partner, regisseur or beheerder", ""},
		{"import garbage", []string{"import"}, nil, 1, "not an export document", ""},
		{"stray argument", []string{"reindex", "nu"}, nil, 2, `unexpected argument "nu"`, ""},
		{"stray argument after flags", []string{"genereer", "--gemeenten", "3", "extra"}, nil, 2, `unexpected argument "extra"`, ""},
		{"gebruiker remove without id", []string{"gebruiker", "remove"}, nil, 2, "missing the id of the person to remove", ""},
		{"apikey revoke two ids", []string{"apikey", "revoke", "a", "b"}, nil, 2, `unexpected argument "b"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"SOCIALEKAART_DATA_DIR": t.TempDir()}
			for k, v := range tt.env {
				env[k] = v
			}
			code, stdout, stderr := execute(t, env, tt.args...)
			if code != tt.wantCode {
				t.Errorf("Execute(%q) = %d; want %d\nstderr: %s", tt.args, code, tt.wantCode, stderr)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("Execute(%q) stderr = %q; want it to contain %q", tt.args, stderr, tt.wantStderr)
			}
			if !strings.Contains(stdout, tt.wantStdout) {
				t.Errorf("Execute(%q) stdout = %q; want it to contain %q", tt.args, stdout, tt.wantStdout)
			}
			if _, err := os.Stat(filepath.Join(env["SOCIALEKAART_DATA_DIR"], "neo4j")); err == nil {
				t.Errorf("Execute(%q) started a local neo4j", tt.args)
			}
		})
	}
}
