package httpserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/graph"
	"github.com/socialekaart/socialekaart/internal/httpserver"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/metrics"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
	"github.com/socialekaart/socialekaart/internal/ratelimit"
)

// The abuse tests run the server wired as serve wires it: the real
// middleware, the real GraphQL handler with its limits, kaart.Sleutels on
// the test Neo4j. Each test has a gemeente of its own with two partner
// organisations, A and B, and a key per role. Every refused request is
// followed by a look in Neo4j: the record it aimed at is unchanged.

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type abuse struct {
	t       *testing.T
	store   *neo4j.Store
	keys    *kaart.Sleutels
	clock   *fakeClock
	metrics *metrics.Metrics
	srv     *httpserver.Server

	gm, orgA, orgB string
	// tokens and keyIDs by role: anoniem (no token), partnerA, partnerB,
	// regisseur, beheerder (of gm) and platform.
	tokens, keyIDs map[string]string
}

var roles = []string{"anoniem", "partnerA", "partnerB", "regisseur", "beheerder", "platform"}

func newAbuse(t *testing.T, mod func(*httpserver.Options)) *abuse {
	t.Helper()
	ctx := context.Background()
	store := neo4jtest.Open(t)
	a := &abuse{
		t: t, store: store, clock: &fakeClock{t: time.Now().UTC()}, metrics: metrics.New(),
		gm: neo4jtest.Gemeente(t, store), tokens: map[string]string{}, keyIDs: map[string]string{},
	}
	a.keys = &kaart.Sleutels{Store: store, Now: a.clock.now}
	a.orgA = a.createOrganisatie("Buurtteam A")
	a.orgB = a.createOrganisatie("Buurtteam B")
	for role, n := range map[string]kaart.NieuweSleutel{
		"partnerA":  {Rol: kaart.Partner, Organisatie: a.orgA},
		"partnerB":  {Rol: kaart.Partner, Organisatie: a.orgB},
		"regisseur": {Rol: kaart.Regisseur, Gemeente: a.gm, Gebieden: []string{a.gm}},
		"beheerder": {Rol: kaart.Beheerder, Gemeente: a.gm},
		"platform":  {Rol: kaart.Beheerder},
	} {
		n.Naam = t.Name() + " " + role
		token, k, err := a.keys.CreateAs(ctx, kaart.Viewer{Rol: kaart.Beheerder}, n)
		if err != nil {
			t.Fatalf("create %s key: %v", role, err)
		}
		a.tokens[role], a.keyIDs[role] = token, k.ID
	}
	opts := httpserver.Options{
		GraphQL: graph.NewHandler(&kaart.Service{Store: store}, graph.Options{
			OnError: a.metrics.ObserveGraphQLError, Sleutels: a.keys,
		}, nil),
		Auth:         a.keys,
		Metrics:      a.metrics,
		MaxBodyBytes: 4096,
		Web: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.WriteString(w, "<html>kaart</html>")
		}),
	}
	if mod != nil {
		mod(&opts)
	}
	a.srv = httpserver.New(opts)
	return a
}

func (a *abuse) createOrganisatie(naam string) string {
	a.t.Helper()
	in, err := kaart.OrganisatieType.ValidateCreate(kaart.Input{"gemeente": a.gm, "naam": naam, "sector": "WELZIJN"}, "input")
	if err != nil {
		a.t.Fatal(err)
	}
	n, err := a.store.Create(context.Background(), neo4jtest.Platform, kaart.OrganisatieType, in)
	if err != nil {
		a.t.Fatalf("create organisatie: %v", err)
	}
	return n.ID()
}

// organisatie reads a record straight from Neo4j as the platform.
func (a *abuse) organisatie(id string) kaart.Organisatie {
	a.t.Helper()
	got, err := a.store.Get(context.Background(), neo4jtest.Platform, nil, []string{id})
	if err != nil {
		a.t.Fatalf("get %s: %v", id, err)
	}
	org, err := kaart.Decode[kaart.Organisatie](got[id])
	if err != nil {
		a.t.Fatalf("decode %s: %v", id, err)
	}
	return *org
}

// unchanged fails the test when organisation id is no longer at versie 1
// with its first name.
func (a *abuse) unchanged(id, naam string) {
	a.t.Helper()
	if org := a.organisatie(id); org.Versie != 1 || org.Naam != naam {
		a.t.Errorf("organisatie %s is now %q versie %d; want %q versie 1, unchanged", id, org.Naam, org.Versie, naam)
	}
}

// edit is a mutation renaming organisation id.
func edit(id string) string {
	return gqlBody(`mutation { wijzigOrganisatie(id: "` + id + `", versie: 1, input: {naam: "Gekaapt"}) { id versie } }`)
}

func gqlBody(query string) string {
	b, _ := json.Marshal(map[string]any{"query": query})
	return string(b)
}

// request is a POST /graphql from remote with an Authorization header per
// token ("" for none).
func request(remote, body string, authorization ...string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.RemoteAddr = remote
	for _, v := range authorization {
		r.Header.Add("Authorization", v)
	}
	return r
}

func (a *abuse) do(r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	a.srv.Handler().ServeHTTP(rec, r)
	return rec
}

// as posts body with the token of role.
func (a *abuse) as(role, body string) *httptest.ResponseRecorder {
	var auth []string
	if tok := a.tokens[role]; tok != "" {
		auth = append(auth, "Bearer "+tok)
	}
	return a.do(request("192.0.2.10:4000", body, auth...))
}

type gqlResult struct {
	Data   map[string]json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func decode(t *testing.T, rec *httptest.ResponseRecorder) gqlResult {
	t.Helper()
	var r gqlResult
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("response %d %q is not JSON: %v", rec.Code, rec.Body.Bytes(), err)
	}
	return r
}

// wantError checks the status, the first error's code and, when not empty,
// a part of its message.
func wantError(t *testing.T, rec *httptest.ResponseRecorder, status int, code, msgPart string) {
	t.Helper()
	r := decode(t, rec)
	if rec.Code != status || len(r.Errors) == 0 {
		t.Fatalf("response %d %s; want %d with error %s", rec.Code, rec.Body.String(), status, code)
	}
	got, _ := r.Errors[0].Extensions["code"].(string)
	if got != code || !strings.Contains(r.Errors[0].Message, msgPart) {
		t.Errorf("error %s %q; want %s containing %q", got, r.Errors[0].Message, code, msgPart)
	}
}

// TestAbuseCredentials: forged, malformed, expired, revoked and rotated-away
// credentials are refused with 401 UNAUTHENTICATED before anything runs.
func TestAbuseCredentials(t *testing.T) {
	t.Parallel()
	a := newAbuse(t, nil)
	ctx := context.Background()
	tokenA := a.tokens["partnerA"]
	idA := a.keyIDs["partnerA"]
	// A secret of the right shape: 43 characters of base64url.
	otherSecret := strings.Repeat("A", 42) + "E"

	refused := func(t *testing.T, msgPart string, authorization ...string) {
		t.Helper()
		rec := a.do(request("192.0.2.10:4000", edit(a.orgA), authorization...))
		wantError(t, rec, http.StatusUnauthorized, kaart.EUNAUTHENTICATED, msgPart)
		if rec.Header().Get("WWW-Authenticate") == "" {
			t.Error("401 without WWW-Authenticate")
		}
		a.unchanged(a.orgA, "Buurtteam A")
	}

	t.Run("forged secret for a real key id", func(t *testing.T) {
		refused(t, "ongeldig", "Bearer sk_"+idA+"_"+otherSecret)
	})
	t.Run("forged key id", func(t *testing.T) {
		refused(t, "ongeldig", "Bearer sk_"+strings.Repeat("ab", 12)+"_"+otherSecret)
	})
	t.Run("malformed Authorization header", func(t *testing.T) {
		for _, h := range [][]string{
			{"Basic " + tokenA},
			{"Bearer"},
			{"Bearer "},
			{tokenA},
			{"Bearer sk_kort"},
			{"Bearer " + tokenA + "x"},
			{"Bearer " + strings.ToUpper(tokenA)},
			{"Bearer " + tokenA, "Bearer " + tokenA},
		} {
			refused(t, "", h...)
		}
	})
	t.Run("revoked key", func(t *testing.T) {
		token, k, err := a.keys.CreateAs(ctx, kaart.Viewer{Rol: kaart.Beheerder}, kaart.NieuweSleutel{Naam: "in te trekken", Rol: kaart.Partner, Organisatie: a.orgA})
		if err != nil {
			t.Fatal(err)
		}
		rec := a.as("platform", gqlBody(`mutation { trekSleutelIn(id: "`+k.ID+`") { status ingetrokken } }`))
		if r := decode(t, rec); rec.Code != 200 || len(r.Errors) > 0 || !strings.Contains(string(r.Data["trekSleutelIn"]), `"INGETROKKEN"`) {
			t.Fatalf("trekSleutelIn = %d %s; want the key, INGETROKKEN", rec.Code, rec.Body.String())
		}
		refused(t, "ingetrokken", "Bearer "+token)
	})
	t.Run("rotated-away token", func(t *testing.T) {
		old, k, err := a.keys.CreateAs(ctx, kaart.Viewer{Rol: kaart.Beheerder}, kaart.NieuweSleutel{Naam: "te roteren", Rol: kaart.Partner, Organisatie: a.orgA})
		if err != nil {
			t.Fatal(err)
		}
		// The partner rotates its own key with that key.
		rec := a.do(request("192.0.2.10:4000", gqlBody(`mutation { roteerSleutel(id: "`+k.ID+`") { token sleutel { id geroteerd status } } }`), "Bearer "+old))
		r := decode(t, rec)
		var payload struct {
			Token   string
			Sleutel struct {
				ID, Status string
				Geroteerd  *time.Time
			}
		}
		if rec.Code != 200 || len(r.Errors) > 0 || json.Unmarshal(r.Data["roteerSleutel"], &payload) != nil {
			t.Fatalf("roteerSleutel = %d %s", rec.Code, rec.Body.String())
		}
		if payload.Sleutel.ID != k.ID || payload.Token == old || !strings.HasPrefix(payload.Token, "sk_"+k.ID+"_") || payload.Sleutel.Geroteerd == nil || payload.Sleutel.Status != "ACTIEF" {
			t.Errorf("roteerSleutel = %+v; want a new token for the same key, geroteerd set", payload)
		}
		refused(t, "ongeldig", "Bearer "+old)
		rec = a.do(request("192.0.2.10:4000", gqlBody(`{ sleutels { id } }`), "Bearer "+payload.Token))
		if rec.Code != 200 || len(decode(t, rec).Errors) > 0 {
			t.Errorf("new token after rotation: %d %s; want 200", rec.Code, rec.Body.String())
		}
	})
	t.Run("expired key", func(t *testing.T) {
		until := a.clock.now().Add(time.Hour)
		token, _, err := a.keys.CreateAs(ctx, kaart.Viewer{Rol: kaart.Beheerder}, kaart.NieuweSleutel{Naam: "tijdelijk", Rol: kaart.Partner, Organisatie: a.orgA, GeldigTot: &until})
		if err != nil {
			t.Fatal(err)
		}
		rec := a.do(request("192.0.2.10:4000", gqlBody(`{ sleutels { id status geldigTot } }`), "Bearer "+token))
		if rec.Code != 200 || len(decode(t, rec).Errors) > 0 {
			t.Fatalf("key before geldigTot: %d %s; want 200", rec.Code, rec.Body.String())
		}
		a.clock.add(2 * time.Hour)
		refused(t, "verlopen", "Bearer "+token)
	})
}

// TestAbusePartnerEditsAnotherPartner: a partner's key reaches only its own
// organisation's records and keys.
func TestAbusePartnerEditsAnotherPartner(t *testing.T) {
	t.Parallel()
	a := newAbuse(t, nil)

	for name, body := range map[string]string{
		"wijzigOrganisatie":    edit(a.orgB),
		"verwijderOrganisatie": gqlBody(`mutation { verwijderOrganisatie(id: "` + a.orgB + `", versie: 1) }`),
	} {
		rec := a.as("partnerA", body)
		r := decode(t, rec)
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.EFORBIDDEN {
			t.Errorf("partner A: %s of B = %d %s; want one FORBIDDEN", name, rec.Code, rec.Body.String())
		}
		a.unchanged(a.orgB, "Buurtteam B")
	}

	// B's key: A can neither see, rotate nor revoke it, nor make one for B.
	for _, q := range []string{
		`mutation { roteerSleutel(id: "` + a.keyIDs["partnerB"] + `") { token } }`,
		`mutation { trekSleutelIn(id: "` + a.keyIDs["partnerB"] + `") { id } }`,
	} {
		rec := a.as("partnerA", gqlBody(q))
		if r := decode(t, rec); len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.ENOTFOUND {
			t.Errorf("partner A: %s = %s; want NOT_FOUND, as for an unknown key", q, rec.Body.String())
		}
	}
	rec := a.as("partnerA", gqlBody(`mutation { maakSleutel(input: {naam: "voor B", rol: PARTNER, organisatie: "`+a.orgB+`"}) { token } }`))
	if r := decode(t, rec); len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.EFORBIDDEN {
		t.Errorf("partner A makes a key for B: %s; want FORBIDDEN", rec.Body.String())
	}
	rec = a.as("partnerA", gqlBody(`{ sleutels(ingetrokken: true) { id organisatie } }`))
	var list []struct{ ID, Organisatie string }
	if r := decode(t, rec); len(r.Errors) > 0 || json.Unmarshal(r.Data["sleutels"], &list) != nil {
		t.Fatalf("partner A lists keys: %s", rec.Body.String())
	}
	for _, k := range list {
		if k.Organisatie != a.orgA {
			t.Errorf("partner A sees key %s of organisatie %s", k.ID, k.Organisatie)
		}
	}
	if rec := a.as("partnerB", gqlBody(`{ sleutels { id } }`)); rec.Code != 200 || len(decode(t, rec).Errors) > 0 {
		t.Errorf("B's key after A's attempts: %d %s; want it to work", rec.Code, rec.Body.String())
	}

	// The same mutation on its own organisation works: the refusals above
	// are the policy, not a broken request.
	rec = a.as("partnerA", edit(a.orgA))
	if r := decode(t, rec); len(r.Errors) > 0 {
		t.Fatalf("partner A edits its own organisation: %s", rec.Body.String())
	}
	if org := a.organisatie(a.orgA); org.Versie != 2 || org.Naam != "Gekaapt" {
		t.Errorf("own organisation after edit: %q versie %d; want the edit", org.Naam, org.Versie)
	}
}

// TestAbuseBadPayloads: oversized and malformed bodies are refused before
// any resolver runs.
func TestAbuseBadPayloads(t *testing.T) {
	t.Parallel()
	a := newAbuse(t, nil)
	auth := "Bearer " + a.tokens["partnerA"]
	// A valid mutation, padded past MaxBodyBytes (4096) with whitespace.
	big := strings.Replace(edit(a.orgA), `"query":"`, `"query":"`+strings.Repeat(" ", 5000), 1)

	t.Run("oversized body", func(t *testing.T) {
		wantError(t, a.do(request("192.0.2.10:4000", big, auth)), http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE", "te groot")
		a.unchanged(a.orgA, "Buurtteam A")
	})
	t.Run("oversized body without Content-Length", func(t *testing.T) {
		r := request("192.0.2.10:4000", "", auth)
		r.Body = io.NopCloser(strings.NewReader(big))
		r.ContentLength = -1
		wantError(t, a.do(r), http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE", "")
		a.unchanged(a.orgA, "Buurtteam A")
	})
	t.Run("malformed JSON", func(t *testing.T) {
		body := edit(a.orgA)
		wantError(t, a.do(request("192.0.2.10:4000", body[:len(body)-5], auth)), http.StatusBadRequest, "BAD_REQUEST", "")
		a.unchanged(a.orgA, "Buurtteam A")
	})
	t.Run("malformed GraphQL", func(t *testing.T) {
		body := gqlBody(`mutation { wijzigOrganisatie(id: "` + a.orgA + `", versie: 1, input: {naam: "Gekaapt"}) { id `)
		wantError(t, a.do(request("192.0.2.10:4000", body, auth)), http.StatusUnprocessableEntity, "GRAPHQL_PARSE_FAILED", "")
		a.unchanged(a.orgA, "Buurtteam A")
	})
	t.Run("wrong input type", func(t *testing.T) {
		body := gqlBody(`mutation { wijzigOrganisatie(id: "` + a.orgA + `", versie: "een", input: {naam: "Gekaapt"}) { id } }`)
		wantError(t, a.do(request("192.0.2.10:4000", body, auth)), http.StatusUnprocessableEntity, "GRAPHQL_VALIDATION_FAILED", "")
		a.unchanged(a.orgA, "Buurtteam A")
	})
}

// TestAbuseQueryTooComplexEveryRole: the query limits hold for every role,
// the platform beheerder included, for queries and for mutations.
func TestAbuseQueryTooComplexEveryRole(t *testing.T) {
	t.Parallel()
	a := newAbuse(t, nil)
	var aliases, deep strings.Builder
	aliases.WriteString("mutation {")
	for i := range 31 { // MaxAliases is 30
		fmt.Fprintf(&aliases, ` w%d: wijzigOrganisatie(id: "%s", versie: 1, input: {naam: "Gekaapt"}) { id }`, i, a.orgA)
	}
	aliases.WriteString(" }")
	deep.WriteString(`{ organisatie(id: "` + a.orgA + `") { id`)
	for range 13 { // MaxDepth is 12
		deep.WriteString(" onderdeelVan { id")
	}
	deep.WriteString(strings.Repeat(" }", 14) + " }")
	big := `{ organisaties(first: 100) { edges { node { functies { bekleedDoor { functies { organisatie { functies { id } } } } } } } } }`

	for _, role := range roles {
		for name, q := range map[string]string{"31 aliased mutations": aliases.String(), "depth 14": deep.String(), "cost": big} {
			rec := a.as(role, gqlBody(q))
			wantError(t, rec, http.StatusUnprocessableEntity, graph.CodeTooComplex, "")
			if t.Failed() {
				t.Logf("%s, %s", role, name)
			}
		}
	}
	a.unchanged(a.orgA, "Buurtteam A")
}

// TestAbuseRateLimits: per address (believing X-Forwarded-For only from a
// trusted proxy) and per key, 429 with Retry-After and TOO_MANY_REQUESTS,
// and the refused request changes nothing.
func TestAbuseRateLimits(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Now()}
	// Three requests at once, then one a minute: the clock never moves, so
	// the fourth waits 60 seconds.
	a := newAbuse(t, func(o *httpserver.Options) {
		o.LimitPerIP = ratelimit.New(1.0/60, 3, clock.now)
		o.LimitPerKey = ratelimit.New(1.0/60, 2, clock.now)
		o.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	})
	query := gqlBody(`{ __typename }`)
	tooMany := func(t *testing.T, rec *httptest.ResponseRecorder, msgPart string) {
		t.Helper()
		wantError(t, rec, http.StatusTooManyRequests, "TOO_MANY_REQUESTS", msgPart)
		if got := rec.Header().Get("Retry-After"); got != "60" {
			t.Errorf("Retry-After = %q; want 60", got)
		}
		if !strings.Contains(rec.Body.String(), "60 seconden") {
			t.Errorf("429 body %s; want it to say how long to wait", rec.Body.String())
		}
	}
	ok := func(t *testing.T, rec *httptest.ResponseRecorder, what string) {
		t.Helper()
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s; want 200", what, rec.Code, rec.Body.String())
		}
	}

	t.Run("per address", func(t *testing.T) {
		for i := range 3 {
			ok(t, a.do(request("203.0.113.1:1000", query)), fmt.Sprintf("request %d", i+1))
		}
		// The fourth would rename B as the platform: it is refused unread.
		tooMany(t, a.do(request("203.0.113.1:1001", edit(a.orgB), "Bearer "+a.tokens["platform"])), "adres")
		a.unchanged(a.orgB, "Buurtteam B")
		// The web pages share the address's allowance; probes do not.
		page := httptest.NewRequest(http.MethodGet, "/", nil)
		page.RemoteAddr = "203.0.113.1:1002"
		tooMany(t, a.do(page), "")
		probe := httptest.NewRequest(http.MethodGet, "/healthz", nil)
		probe.RemoteAddr = "203.0.113.1:1003"
		ok(t, a.do(probe), "/healthz from a limited address")
		ok(t, a.do(request("203.0.113.2:1000", query)), "another address")
	})

	t.Run("X-Forwarded-For from an untrusted peer is ignored", func(t *testing.T) {
		for i := range 4 {
			r := request("198.51.100.7:1000", query)
			r.Header.Set("X-Forwarded-For", fmt.Sprintf("192.0.2.%d", 100+i))
			rec := a.do(r)
			if i < 3 {
				ok(t, rec, fmt.Sprintf("request %d", i+1))
			} else {
				tooMany(t, rec, "")
			}
		}
	})

	t.Run("X-Forwarded-For from a trusted proxy is believed", func(t *testing.T) {
		// Many clients behind one proxy each have their own allowance...
		for i := range 6 {
			r := request("10.0.0.1:1000", query)
			r.Header.Set("X-Forwarded-For", fmt.Sprintf("192.0.2.%d", 200+i))
			ok(t, a.do(r), fmt.Sprintf("client %d behind the proxy", i))
		}
		// ...and one client behind it is limited, whatever it prepends.
		for i := range 4 {
			r := request("10.0.0.1:1000", query)
			r.Header.Set("X-Forwarded-For", fmt.Sprintf("1.2.3.%d, 192.0.2.250", i))
			rec := a.do(r)
			if i < 3 {
				ok(t, rec, fmt.Sprintf("request %d of 192.0.2.250", i+1))
			} else {
				tooMany(t, rec, "")
			}
		}
	})

	t.Run("per key", func(t *testing.T) {
		token := a.tokens["partnerA"]
		// Forged tokens naming A's key id do not use up A's allowance.
		forged := "Bearer sk_" + a.keyIDs["partnerA"] + "_" + strings.Repeat("A", 42) + "E"
		for i := range 3 {
			rec := a.do(request(fmt.Sprintf("203.0.113.%d:1000", 50+i), query, forged))
			wantError(t, rec, http.StatusUnauthorized, kaart.EUNAUTHENTICATED, "")
		}
		// From different addresses, so that only the key's limit counts.
		for i := range 2 {
			ok(t, a.do(request(fmt.Sprintf("203.0.113.%d:1000", 60+i), query, "Bearer "+token)), fmt.Sprintf("key request %d", i+1))
		}
		tooMany(t, a.do(request("203.0.113.62:1000", edit(a.orgA), "Bearer "+token)), "API-sleutel")
		a.unchanged(a.orgA, "Buurtteam A")
		ok(t, a.do(request("203.0.113.63:1000", query, "Bearer "+a.tokens["partnerB"])), "another key")
		ok(t, a.do(request("203.0.113.64:1000", query)), "anonymous from a fresh address")
	})

	var metrics strings.Builder
	rec := httptest.NewRecorder()
	a.metrics.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	metrics.Write(rec.Body.Bytes())
	for _, want := range []string{
		`socialekaart_http_rate_limited_total{limit="ip"} 4`,
		`socialekaart_http_rate_limited_total{limit="key"} 1`,
		`socialekaart_graphql_errors_total{code="TOO_MANY_REQUESTS"} 4`,
	} {
		if !strings.Contains(metrics.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestSleutelsGraphQL: keys are made, listed (with their last use), rotated
// and revoked through GraphQL, and the token is shown only once.
func TestSleutelsGraphQL(t *testing.T) {
	t.Parallel()
	a := newAbuse(t, nil)
	rec := a.as("beheerder", gqlBody(`mutation { maakSleutel(input: {naam: "Wijkregisseur Oost", rol: REGISSEUR, gemeente: "`+a.gm+`", gebieden: ["`+a.gm+`"]}) { token sleutel { id rol gemeente status laatstGebruikt } } }`))
	var made struct {
		Token   string
		Sleutel struct {
			ID, Rol, Gemeente, Status string
			LaatstGebruikt            *time.Time
		}
	}
	if r := decode(t, rec); len(r.Errors) > 0 || json.Unmarshal(r.Data["maakSleutel"], &made) != nil {
		t.Fatalf("maakSleutel: %s", rec.Body.String())
	}
	if !strings.HasPrefix(made.Token, "sk_"+made.Sleutel.ID+"_") || made.Sleutel.Rol != "REGISSEUR" || made.Sleutel.Status != "ACTIEF" || made.Sleutel.LaatstGebruikt != nil {
		t.Errorf("maakSleutel = %+v; want a regisseur key, never used, with its token", made)
	}
	// The gemeente's beheerder may not make a platform key.
	rec = a.as("beheerder", gqlBody(`mutation { maakSleutel(input: {naam: "Platform", rol: BEHEERDER}) { token } }`))
	if r := decode(t, rec); len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.EFORBIDDEN {
		t.Errorf("gemeente beheerder makes a platform key: %s; want FORBIDDEN", rec.Body.String())
	}
	// Bad input names the field.
	rec = a.as("beheerder", gqlBody(`mutation { maakSleutel(input: {naam: "", rol: REGISSEUR, gemeente: "`+a.gm+`", gebieden: ["`+a.gm+`"], geldigTot: "2001-01-01T00:00:00Z"}) { token } }`))
	fields := map[string]bool{}
	for _, e := range decode(t, rec).Errors {
		if e.Extensions["code"] == kaart.EINVALID {
			f, _ := e.Extensions["field"].(string)
			fields[f] = true
		}
	}
	if !fields["input.naam"] || !fields["input.geldigTot"] {
		t.Errorf("maakSleutel with bad input: %s; want BAD_USER_INPUT on input.naam and input.geldigTot", rec.Body.String())
	}
	// Regisseurs and anonymous callers manage no keys.
	for role, code := range map[string]string{"regisseur": kaart.EFORBIDDEN, "anoniem": kaart.EUNAUTHENTICATED} {
		rec := a.as(role, gqlBody(`{ sleutels { id } }`))
		if r := decode(t, rec); len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != code {
			t.Errorf("%s lists keys: %s; want %s", role, rec.Body.String(), code)
		}
	}

	// Use the new key, then its use shows in the list.
	if rec := a.do(request("192.0.2.10:4000", gqlBody(`{ __typename }`), "Bearer "+made.Token)); rec.Code != 200 {
		t.Fatalf("new key: %d %s", rec.Code, rec.Body.String())
	}
	rec = a.as("beheerder", gqlBody(`{ sleutels { id naam laatstGebruikt status } }`))
	var list []struct {
		ID, Naam, Status string
		LaatstGebruikt   *time.Time
	}
	if r := decode(t, rec); len(r.Errors) > 0 || json.Unmarshal(r.Data["sleutels"], &list) != nil {
		t.Fatalf("sleutels: %s", rec.Body.String())
	}
	found := false
	for _, k := range list {
		if k.ID == a.keyIDs["platform"] || k.ID == a.keyIDs["partnerA"] {
			t.Errorf("the gemeente's beheerder lists %s (%s); want only keys of its gemeente", k.Naam, k.ID)
		}
		if k.ID == made.Sleutel.ID {
			found = true
			if k.LaatstGebruikt == nil {
				t.Error("laatstGebruikt is empty after the key was used")
			}
		}
	}
	if !found {
		t.Errorf("sleutels = %+v; want the new key in it", list)
	}

	// Revoke: it disappears from the default list, shows with ingetrokken: true.
	rec = a.as("beheerder", gqlBody(`mutation { trekSleutelIn(id: "`+made.Sleutel.ID+`") { status } }`))
	if r := decode(t, rec); len(r.Errors) > 0 {
		t.Fatalf("trekSleutelIn: %s", rec.Body.String())
	}
	if rec := a.as("beheerder", gqlBody(`{ sleutels { id } }`)); strings.Contains(rec.Body.String(), made.Sleutel.ID) {
		t.Errorf("sleutels after revoking lists the revoked key: %s", rec.Body.String())
	}
	if rec := a.as("beheerder", gqlBody(`{ sleutels(ingetrokken: true) { id status } }`)); !strings.Contains(rec.Body.String(), made.Sleutel.ID) || !strings.Contains(rec.Body.String(), "INGETROKKEN") {
		t.Errorf("sleutels(ingetrokken: true) = %s; want the revoked key", rec.Body.String())
	}
	rec = a.as("beheerder", gqlBody(`mutation { roteerSleutel(id: "`+made.Sleutel.ID+`") { token } }`))
	if r := decode(t, rec); len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.ECONFLICT {
		t.Errorf("rotating a revoked key: %s; want CONFLICT", rec.Body.String())
	}
}
