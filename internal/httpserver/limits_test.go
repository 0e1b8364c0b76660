package httpserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql/introspection"

	"github.com/socialekaart/socialekaart/graph"
	"github.com/socialekaart/socialekaart/internal/httpserver"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
	"github.com/socialekaart/socialekaart/internal/ratelimit"
	"github.com/socialekaart/socialekaart/internal/web"
)

// introspecting is the abuse server with introspection on (as serve has it
// by default) and room for large documents.
func introspecting(t *testing.T, gopts graph.Options) *abuse {
	t.Helper()
	a := newAbuse(t, func(o *httpserver.Options) {
		o.MaxBodyBytes = 1 << 20
	})
	gopts.Introspection = true
	gopts.Sleutels = a.keys
	a.srv = httpserver.New(httpserver.Options{
		GraphQL:      graph.NewHandler(&kaart.Service{Store: a.store}, gopts, nil),
		Auth:         a.keys,
		MaxBodyBytes: 1 << 20,
	})
	return a
}

// TestAbuseIntrospectionCounts: __schema and __type count against the
// alias, field and cost limits like every other field, for anonymous
// callers too; GraphiQL's full introspection query still runs.
func TestAbuseIntrospectionCounts(t *testing.T) {
	t.Parallel()
	a := introspecting(t, graph.Options{})
	many := func(n int) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			fmt.Fprintf(&b, " s%d: __schema { types { name fields { name } } }", i)
		}
		return b.String() + " }"
	}
	// Fan-out inside an introspection field: 2^22 fields when expanded.
	var laughs strings.Builder
	laughs.WriteString(`{ __type(name: "Organisatie") { ...F0 } }`)
	for i := range 22 {
		fmt.Fprintf(&laughs, " fragment F%d on __Type { name ...F%d ...F%d }", i, i+1, i+1)
	}
	laughs.WriteString(" fragment F22 on __Type { name }")

	for name, q := range map[string]string{
		"200 aliased __schema":       many(200),
		"6 aliased __schema":         many(6),
		"31 aliased __type":          aliasedType(31),
		"fragment fan-out in __type": laughs.String(),
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			rec := a.as("anoniem", gqlBody(q))
			wantError(t, rec, http.StatusUnprocessableEntity, graph.CodeTooComplex, "")
			if d := time.Since(start); d > time.Second {
				t.Errorf("refusing took %v; want well under a second", d)
			}
		})
	}
	t.Run("full introspection query", func(t *testing.T) {
		rec := a.as("anoniem", gqlBody(introspection.Query))
		if r := decode(t, rec); rec.Code != http.StatusOK || len(r.Errors) > 0 || len(r.Data["__schema"]) == 0 {
			t.Fatalf("introspection: %d %.300s; want 200 with the schema", rec.Code, rec.Body.String())
		}
	})
	t.Run("five __schema", func(t *testing.T) {
		rec := a.as("anoniem", gqlBody(many(5)))
		if r := decode(t, rec); rec.Code != http.StatusOK || len(r.Errors) > 0 {
			t.Fatalf("5 × __schema: %d %.300s; want 200", rec.Code, rec.Body.String())
		}
	})
}

func aliasedType(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, ` t%d: __type(name: "Organisatie") { name fields { name } }`, i)
	}
	return b.String() + " }"
}

// TestAbuseResponseTooLarge: an answer over MaxResponseBytes is one short
// RESPONSE_TOO_LARGE error without data, not a truncated or huge body; a
// mutation over it says that it ran.
func TestAbuseResponseTooLarge(t *testing.T) {
	t.Parallel()
	a := introspecting(t, graph.Options{MaxResponseBytes: 4096})
	rec := a.as("anoniem", gqlBody(`{ __schema { types { name fields { name } } } }`))
	wantError(t, rec, http.StatusOK, graph.CodeResponseTooLarge, "te groot")
	if r := decode(t, rec); len(r.Data) != 0 || len(r.Errors) != 1 || rec.Body.Len() > 1024 {
		t.Errorf("answer over the cap: %d bytes %.300s; want one short error and no data", rec.Body.Len(), rec.Body.String())
	}
	rec = a.as("anoniem", gqlBody(`{ __type(name: "Organisatie") { name } }`))
	if r := decode(t, rec); len(r.Errors) > 0 {
		t.Errorf("small answer: %s; want it served", rec.Body.String())
	}

	// A mutation's answer over the cap: the change is made, and said so.
	small := introspecting(t, graph.Options{MaxResponseBytes: 40})
	rec = small.as("partnerA", edit(small.orgA))
	wantError(t, rec, http.StatusOK, graph.CodeResponseTooLarge, "wel uitgevoerd")
	if org := small.organisatie(small.orgA); org.Naam != "Gekaapt" || org.Versie != 2 {
		t.Errorf("organisatie after the mutation: %q versie %d; want the change made", org.Naam, org.Versie)
	}
}

// TestReadyzHidesInternals: while Neo4j is down /readyz says so with a
// short coded reason; the driver's error and the Bolt address go to the
// log only.
func TestReadyzHidesInternals(t *testing.T) {
	t.Parallel()
	const uri = "bolt://127.0.0.1:1"
	down, err := neo4j.Open(context.Background(), neo4j.Config{URI: uri})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = down.Close(context.Background()) })
	logs := &logBuffer{}
	srv := httpserver.New(httpserver.Options{
		Logger: slog.New(slog.NewJSONHandler(logs, nil)),
		Ready:  down.Ping,
	})
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	var resp map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("GET /readyz = %d %q: %v", rec.Code, rec.Body.String(), err)
	}
	if rec.Code != http.StatusServiceUnavailable || resp["status"] != "unavailable" || resp["code"] != kaart.EUNAVAILABLE {
		t.Errorf("GET /readyz = %d %v; want 503 unavailable with code %s", rec.Code, resp, kaart.EUNAVAILABLE)
	}
	for _, leak := range []string{"127.0.0.1", "bolt", "ConnectivityError", "dial"} {
		if strings.Contains(rec.Body.String(), leak) {
			t.Errorf("GET /readyz body %s shows %q; want no internals", rec.Body.String(), leak)
		}
	}
	if log := fmt.Sprint(logs.lines(t)); !strings.Contains(log, "127.0.0.1:1") {
		t.Errorf("log %s; want the driver's error with the address", log)
	}
}

// TestAbuseBodyNotOneJSONObject: a POST body that is not exactly one JSON
// request object, trailing bytes included, is a 400 BAD_REQUEST with a
// short message that echoes neither the body nor Go type names, and
// nothing runs.
func TestAbuseBodyNotOneJSONObject(t *testing.T) {
	t.Parallel()
	a := newAbuse(t, func(o *httpserver.Options) { o.MaxBodyBytes = 1 << 20 })
	auth := "Bearer " + a.tokens["partnerA"]
	padding := strings.Repeat("x", 900_000)
	for name, body := range map[string]string{
		"trailing garbage":          edit(a.orgA) + " garbage",
		"two objects":               edit(a.orgA) + edit(a.orgA),
		"query of the wrong type":   `{"query": 12, "pad": "` + padding + `"}`,
		"unterminated with padding": `{"query": "` + padding,
	} {
		t.Run(name, func(t *testing.T) {
			rec := a.do(request("192.0.2.10:4000", body, auth))
			wantError(t, rec, http.StatusBadRequest, "BAD_REQUEST", "")
			if rec.Body.Len() > 1024 {
				t.Errorf("answer is %d bytes; want a short one, not the body echoed", rec.Body.Len())
			}
			for _, leak := range []string{"RawParams", "Go struct", "garbage", "xxxx", "wijzigOrganisatie"} {
				if strings.Contains(rec.Body.String(), leak) {
					t.Errorf("answer %.300s shows %q", rec.Body.String(), leak)
				}
			}
			a.unchanged(a.orgA, "Buurtteam A")
		})
	}
	t.Run("trailing whitespace is fine", func(t *testing.T) {
		rec := a.do(request("192.0.2.10:4000", gqlBody(`{ organisatie(id: "`+a.orgA+`") { naam } }`)+" \n\t", auth))
		if r := decode(t, rec); rec.Code != http.StatusOK || len(r.Errors) > 0 {
			t.Errorf("body with trailing whitespace: %d %s; want it served", rec.Code, rec.Body.String())
		}
	})
}

// TestRateLimitedPageIsAPage: a resident's page over the per-address limit
// gets 429 with Retry-After as an HTML page in the page's language; the
// API keeps its GraphQL-shaped JSON.
func TestRateLimitedPageIsAPage(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Now()}
	a := newAbuse(t, nil)
	a.srv = httpserver.New(httpserver.Options{
		LimitPerIP: ratelimit.New(1.0/60, 1, clock.now),
		GraphQL:    graph.NewHandler(&kaart.Service{Store: a.store}, graph.Options{}, nil),
		Web:        web.NewHandler(web.Options{Kaart: &kaart.Service{Store: a.store}, Gemeente: a.gm}),
	})
	get := func(remote, path string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, path, nil)
		r.RemoteAddr = remote
		r.Header.Set("Accept", "text/html")
		return a.do(r)
	}
	for _, tt := range []struct{ remote, path, lang, text string }{
		{"192.0.2.21:1", "/", "nl", "Te veel verzoeken"},
		{"192.0.2.22:1", "/en/", "en", "Too many requests"},
		{"192.0.2.23:1", "/en/privacy", "en", "Too many requests"},
	} {
		if rec := get(tt.remote, tt.path); rec.Code != http.StatusOK {
			t.Fatalf("first GET %s = %d; want 200", tt.path, rec.Code)
		}
		rec := get(tt.remote, tt.path)
		body := rec.Body.String()
		if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" ||
			!strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") ||
			!strings.Contains(body, `<html lang="`+tt.lang+`"`) || !strings.Contains(body, tt.text) {
			t.Errorf("GET %s over the limit = %d %q, Retry-After %q, %.300s; want 429 HTML in %s saying %q",
				tt.path, rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Retry-After"), body, tt.lang, tt.text)
		}
	}
	_ = a.do(request("192.0.2.24:1", gqlBody(`{ __typename }`)))
	wantError(t, a.do(request("192.0.2.24:1", gqlBody(`{ __typename }`))), http.StatusTooManyRequests, "TOO_MANY_REQUESTS", "")
}

// TestAbuseValuesNoOneMeans: half a coordinate, a date in year 0 or 2500
// and consent dated in the future are refused with BAD_USER_INPUT and the
// field named, and nothing is written.
func TestAbuseValuesNoOneMeans(t *testing.T) {
	t.Parallel()
	a := newAbuse(t, nil)
	future := time.Now().UTC().AddDate(0, 0, 3).Format(time.DateOnly)
	// A locatie with both coordinates, to change.
	rec := a.as("beheerder", gqlBody(`mutation { maakLocatie(input: {gemeente: "`+a.gm+`", naam: "Buurthuis", lat: 52.09, lon: 5.12}) { id } }`))
	var made struct {
		MaakLocatie struct{ ID string } `json:"maakLocatie"`
	}
	if r := decode(t, rec); len(r.Errors) > 0 || json.Unmarshal(r.Data["maakLocatie"], &made.MaakLocatie) != nil {
		t.Fatalf("maakLocatie: %s", rec.Body.String())
	}
	loc := made.MaakLocatie.ID

	for _, tt := range []struct{ name, mutation, field string }{
		{"locatie with lat, no lon", `maakLocatie(input: {gemeente: "` + a.gm + `", naam: "Half", lat: 52.09}) { id }`, "input.lon"},
		{"locatie with lon, no lat", `maakLocatie(input: {gemeente: "` + a.gm + `", naam: "Half", lon: 5.12}) { id }`, "input.lat"},
		{"changing lon alone", `wijzigLocatie(id: "` + loc + `", versie: 1, input: {lon: 4.9}) { id }`, "input.lat"},
		{"clearing lat alone", `wijzigLocatie(id: "` + loc + `", versie: 1, input: {lat: null}) { id }`, "input.lon"},
		{"clearing lat, setting lon", `wijzigLocatie(id: "` + loc + `", versie: 1, input: {lat: null, lon: 4.9}) { id }`, "input.lat"},
		{"geldigVan in year 0", `wijzigOrganisatie(id: "` + a.orgA + `", versie: 1, input: {geldigVan: "0000-01-01"}) { id }`, "input.geldigVan"},
		{"geldigTot in 2500", `wijzigOrganisatie(id: "` + a.orgA + `", versie: 1, input: {geldigTot: "2500-12-31"}) { id }`, "input.geldigTot"},
		{"consent in the future", `maakPersoon(input: {gemeente: "` + a.gm + `", naam: "Jan", grondslag: TOESTEMMING, toestemmingGegevenDoor: "Jan", toestemmingGegevenOp: "` + future + `"}) { id }`, "input.toestemmingGegevenOp"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := a.as("beheerder", gqlBody("mutation { "+tt.mutation+" }"))
			r := decode(t, rec)
			if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != tt.field {
				t.Fatalf("%s: %s; want BAD_USER_INPUT on %s", tt.name, rec.Body.String(), tt.field)
			}
		})
	}
	a.unchanged(a.orgA, "Buurtteam A")
	got, err := a.store.Get(context.Background(), neo4jtest.Platform, nil, []string{loc})
	if err != nil {
		t.Fatal(err)
	}
	if v := got[loc].Props["versie"]; v != int64(1) {
		t.Errorf("locatie at versie %v; want 1, unchanged", v)
	}
	// Today's consent and both coordinates together still pass.
	today := time.Now().UTC().Format(time.DateOnly)
	for _, m := range []string{
		`maakPersoon(input: {gemeente: "` + a.gm + `", naam: "Jan", grondslag: TOESTEMMING, toestemmingGegevenDoor: "Jan", toestemmingGegevenOp: "` + today + `"}) { id }`,
		`wijzigLocatie(id: "` + loc + `", versie: 1, input: {lat: null, lon: null}) { id }`,
	} {
		if rec := a.as("beheerder", gqlBody("mutation { "+m+" }")); len(decode(t, rec).Errors) > 0 {
			t.Errorf("%s: %s; want it accepted", m, rec.Body.String())
		}
	}
}

// TestAbuseBadQueryString: a GET whose variables are not one JSON object
// is a coded 400 BAD_REQUEST, like a bad POST body.
func TestAbuseBadQueryString(t *testing.T) {
	t.Parallel()
	a := newAbuse(t, nil)
	q := url.QueryEscape(`query($id: ID!) { organisatie(id: $id) { naam } }`)
	for name, vars := range map[string]string{
		"not JSON":         `{"id": `,
		"trailing garbage": `{"id": "` + a.orgA + `"} garbage`,
	} {
		t.Run(name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/graphql?query="+q+"&variables="+url.QueryEscape(vars), nil)
			r.RemoteAddr = "192.0.2.30:1"
			wantError(t, a.do(r), http.StatusBadRequest, "BAD_REQUEST", "")
		})
	}
	r := httptest.NewRequest(http.MethodGet, "/graphql?query="+q+"&variables="+url.QueryEscape(`{"id": "`+a.orgA+`"}`), nil)
	r.RemoteAddr = "192.0.2.30:1"
	if rec := a.do(r); rec.Code != http.StatusOK || len(decode(t, rec).Errors) > 0 {
		t.Errorf("good GET: %d %s; want 200", rec.Code, rec.Body.String())
	}
}
