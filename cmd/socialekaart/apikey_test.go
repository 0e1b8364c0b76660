package main_test

import (
	"context"
	"maps"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	main "github.com/socialekaart/socialekaart/cmd/socialekaart"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// TestAPIKeyCommands manages a key with the CLI against the test Neo4j:
// create with an expiry, list, rotate (the old token stops working at once)
// and revoke.
func TestAPIKeyCommands(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := neo4jtest.Open(t)
	keys := &kaart.Sleutels{Store: store}
	env := map[string]string{"NEO4J_URI": neo4jtest.URI(t)}

	token, stderr := mustExecute(t, env, "apikey", "create", "--naam", "CLI "+t.Name(), "--rol", "partner",
		"--organisatie", "org-cli-test", "--geldig-tot", "2999-12-31")
	token = strings.TrimSpace(token)
	match := keyCreated.FindStringSubmatch(stderr)
	if match == nil || !strings.HasPrefix(token, "sk_"+match[1]+"_") {
		t.Fatalf("apikey create: stdout %q stderr %q", token, stderr)
	}
	id := match[1]
	if _, err := keys.Authenticate(ctx, token); err != nil {
		t.Fatalf("new token: %v", err)
	}

	list, _ := mustExecute(t, env, "apikey", "list")
	if !regexp.MustCompile(id + `.*active until 2999-12-3`).MatchString(list) {
		t.Errorf("apikey list lacks %s, active until 2999-12-31:\n%s", id, list)
	}

	fresh, stderr := mustExecute(t, env, "apikey", "rotate", id)
	fresh = strings.TrimSpace(fresh)
	if !strings.HasPrefix(fresh, "sk_"+id+"_") || fresh == token || !strings.Contains(stderr, "rotated") {
		t.Fatalf("apikey rotate: stdout %q stderr %q; want a new token for the same key", fresh, stderr)
	}
	if _, err := keys.Authenticate(ctx, token); kaart.ErrorCode(err) != kaart.EUNAUTHENTICATED {
		t.Errorf("old token after rotate: %v; want UNAUTHENTICATED", err)
	}
	if v, err := keys.Authenticate(ctx, fresh); err != nil || v.Organisatie != "org-cli-test" {
		t.Errorf("rotated token: %+v, %v; want the same partner", v, err)
	}

	mustExecute(t, env, "apikey", "revoke", id)
	if code, _, stderr := execute(t, env, "apikey", "rotate", id); code == 0 || !strings.Contains(stderr, "ingetrokken") {
		t.Errorf("apikey rotate of a revoked key = %d, %q; want an error saying it is revoked", code, stderr)
	}
	if code, _, stderr := execute(t, env, "apikey", "rotate"); code != 2 || !strings.Contains(stderr, "missing the id") {
		t.Errorf("apikey rotate without id = %d, %q; want usage error", code, stderr)
	}
	if code, _, stderr := execute(t, env, "apikey", "create", "--naam", "x", "--rol", "beheerder", "--geldig-tot", "morgen"); code != 2 || !strings.Contains(stderr, "--geldig-tot") {
		t.Errorf("apikey create --geldig-tot morgen = %d, %q; want usage error", code, stderr)
	}
}

// runOnTestNeo4j runs the service in process against the test Neo4j, on
// a free loopback port, without demo data, with extra settings on top;
// it stops when the test ends.
func runOnTestNeo4j(t *testing.T, extra map[string]string) *main.Main {
	t.Helper()
	env := map[string]string{
		"NEO4J_URI":             neo4jtest.URI(t),
		"SOCIALEKAART_DATA_DIR": t.TempDir(),
		"SOCIALEKAART_ADDR":     "127.0.0.1:0",
		"SOCIALEKAART_DEMO":     "false",
	}
	maps.Copy(env, extra)
	m, _, _ := newMain(t, env)
	m.Config.ApplyEnv(m.LookupEnv)
	if err := m.Config.Validate(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Close() })
	if err := m.Run(context.Background()); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return m
}

// TestServeWiresKeysAndRateLimits runs serve against the test Neo4j with a
// tight per-address limit: API keys are managed through GraphQL, and the
// third request at once from one address gets 429 with Retry-After.
func TestServeWiresKeysAndRateLimits(t *testing.T) {
	t.Parallel()
	m := runOnTestNeo4j(t, map[string]string{"SOCIALEKAART_RATE_LIMIT_IP": "1", "SOCIALEKAART_RATE_LIMIT_BURST": "2"})
	ctx := context.Background()
	base := m.HTTPServer.URL()

	token, _, err := m.Sleutels.CreateAs(ctx, kaart.Viewer{Rol: kaart.Beheerder}, kaart.NieuweSleutel{Naam: "serve " + t.Name(), Rol: kaart.Beheerder})
	if err != nil {
		t.Fatal(err)
	}
	status, r := graphql(t, base, token, `mutation { maakSleutel(input: {naam: "via GraphQL", rol: PARTNER, organisatie: "org-serve-test"}) { token sleutel { id status } } }`)
	if status != 200 || len(r.Errors) > 0 || !strings.Contains(string(r.Data["maakSleutel"]), `"token":"sk_`) {
		t.Fatalf("maakSleutel = %d %+v; want a token", status, r)
	}
	status, r = graphql(t, base, "", `{ __typename }`)
	if status != 200 {
		t.Fatalf("second request = %d %+v; want 200 within the burst", status, r)
	}
	resp, err := client.Get(base + "/graphql?query=%7B__typename%7D")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("third request = %d (Retry-After %q); want 429 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if resp, _ := get(t, base+"/healthz"); resp.StatusCode != 200 {
		t.Errorf("/healthz from a limited address = %d; want 200: probes are never limited", resp.StatusCode)
	}
}

// TestServeRefusesAKeyRevokedByAnotherProcess: serve keeps verified keys
// (by default, SOCIALEKAART_TOEGANG_POLL_MS=1000), and a key revoked by
// another process, here the command line, is refused within about one
// poll interval; the measured delay is logged.
func TestServeRefusesAKeyRevokedByAnotherProcess(t *testing.T) {
	t.Parallel()
	m := runOnTestNeo4j(t, nil)
	ctx := context.Background()
	if m.Toegang == nil {
		t.Fatal("serve runs without the credential cache by default")
	}
	base := m.HTTPServer.URL()
	token, k, err := m.Sleutels.CreateAs(ctx, kaart.Viewer{Rol: kaart.Beheerder}, kaart.NieuweSleutel{Naam: "serve " + t.Name(), Rol: kaart.Beheerder})
	if err != nil {
		t.Fatal(err)
	}
	// Other tests may empty the cache at any moment (they revoke keys on
	// the same Neo4j): ask until the key is served from it.
	for i := 0; i < 50 && m.Toegang.Stats().Hits == 0; i++ {
		if status, r := graphql(t, base, token, `{ __typename }`); status != 200 {
			t.Fatalf("request %d with the key = %d %+v; want 200", i, status, r)
		}
	}
	if s := m.Toegang.Stats(); s.Hits == 0 {
		t.Fatalf("serve did not keep the verified key (%+v)", s)
	}
	mustExecute(t, map[string]string{"NEO4J_URI": neo4jtest.URI(t)}, "apikey", "revoke", k.ID)
	start := time.Now()
	for {
		status, _ := graphql(t, base, token, `{ __typename }`)
		if status == http.StatusUnauthorized {
			break
		}
		if time.Since(start) > 5*time.Second {
			t.Fatalf("serve still accepts the revoked key after %v (last status %d)", time.Since(start), status)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("serve refused the key revoked by the command line after %v", time.Since(start).Round(time.Millisecond))
}
