package httpserver_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/httpserver"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
	"github.com/socialekaart/socialekaart/search"
)

// The admin tests run a real server on a free port, with kaart.Sleutels on
// the test Neo4j and a real search index on disk, limited to the test's own
// gemeente. The index starts empty and reads Neo4j through blindOutbox,
// which hides the outbox: the cards of the gemeente are then missing from
// it, as after changes an indexer never saw, until a rebuild.

// blindOutbox is the store as the index's source, with an empty outbox.
type blindOutbox struct{ *neo4j.Store }

func (blindOutbox) Outbox(context.Context, kaart.OutboxPositie, []string, int) ([]kaart.OutboxItem, error) {
	return nil, nil
}

// realIndex adapts *search.Index to httpserver.Zoekbeheer, as serve does.
// With hold set, a rebuild signals started at its first progress and waits
// until the test closes release; its outcome arrives on done.
type realIndex struct {
	idx     *search.Index
	hold    bool
	started chan struct{}
	release chan struct{}
	done    chan error
}

func (x *realIndex) Rebuild(ctx context.Context, progress func(done, total int)) error {
	first := true
	err := x.idx.Rebuild(ctx, func(done, total int) {
		if x.hold && first {
			first = false
			close(x.started)
			<-x.release
		}
		progress(done, total)
	})
	x.done <- err
	return err
}

func (x *realIndex) Bijwerken(ctx context.Context) error { return x.idx.Bijwerken(ctx) }

func (x *realIndex) Check(ctx context.Context) (httpserver.ZoekRapport, error) {
	r, err := x.idx.Check(ctx)
	return httpserver.ZoekRapport{Kaarten: r.Kaarten, Documenten: r.Documenten,
		Ontbrekend: r.Ontbrekend, Verouderd: r.Verouderd, Overbodig: r.Overbodig, OK: r.OK()}, err
}

type adminEnv struct {
	t      *testing.T
	store  *neo4j.Store
	gm     string
	cards  []string // organisations made in gm, missing from the index at first
	tokens map[string]string
	index  *realIndex
	base   string
}

func newAdminEnv(t *testing.T, withIndex bool) *adminEnv {
	t.Helper()
	t.Parallel()
	ctx := context.Background()
	store := neo4jtest.Open(t)
	e := &adminEnv{t: t, store: store, gm: neo4jtest.Gemeente(t, store), tokens: map[string]string{}}
	for _, naam := range []string{"Buurthuis De Linde", "Voedselbank Noord", "Taalhuis Oost"} {
		in, err := kaart.OrganisatieType.ValidateCreate(kaart.Input{"gemeente": e.gm, "naam": naam, "sector": "WELZIJN"}, "input")
		if err != nil {
			t.Fatal(err)
		}
		n, err := store.Create(ctx, neo4jtest.Platform, kaart.OrganisatieType, in)
		if err != nil {
			t.Fatalf("create organisatie: %v", err)
		}
		e.cards = append(e.cards, n.ID())
	}
	keys := &kaart.Sleutels{Store: store, Now: time.Now}
	for role, n := range map[string]kaart.NieuweSleutel{
		"partner":   {Rol: kaart.Partner, Organisatie: e.cards[0]},
		"regisseur": {Rol: kaart.Regisseur, Gemeente: e.gm, Gebieden: []string{e.gm}},
		"beheerder": {Rol: kaart.Beheerder, Gemeente: e.gm},
		"platform":  {Rol: kaart.Beheerder},
	} {
		n.Naam = t.Name() + " " + role
		token, _, err := keys.CreateAs(ctx, kaart.Viewer{Rol: kaart.Beheerder}, n)
		if err != nil {
			t.Fatalf("create %s key: %v", role, err)
		}
		e.tokens[role] = token
	}
	opts := httpserver.Options{Addr: "127.0.0.1:0", Auth: keys}
	if withIndex {
		idx, err := search.Open(ctx, slog.New(slog.DiscardHandler), t.TempDir(), blindOutbox{store}, search.Options{Gemeenten: []string{e.gm}})
		if err != nil {
			t.Fatalf("search.Open: %v", err)
		}
		t.Cleanup(func() { _ = idx.Close() })
		e.index = &realIndex{idx: idx, started: make(chan struct{}), release: make(chan struct{}), done: make(chan error, 2)}
		opts.Zoekbeheer = e.index
	}
	srv := httpserver.New(opts)
	if err := srv.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	})
	e.base = srv.URL()
	return e
}

// request sends method route as role ("" for no key) and returns the
// response, whose body the caller closes.
func (e *adminEnv) request(ctx context.Context, method, route, role string) *http.Response {
	e.t.Helper()
	req, err := http.NewRequestWithContext(ctx, method, e.base+route, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	switch {
	case role == "wrong":
		req.Header.Set("Authorization", "Bearer sk_dezesleutelbestaatniet")
	case role != "":
		req.Header.Set("Authorization", "Bearer "+e.tokens[role])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, route, err)
	}
	return resp
}

// wantRefused checks status and extensions.code of an error answer.
func (e *adminEnv) wantRefused(method, route, role string, status int, code string) {
	e.t.Helper()
	resp := e.request(context.Background(), method, route, role)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status || errorCode(e.t, b) != code {
		e.t.Errorf("%s %s as %q = %d %s; want %d %s", method, route, role, resp.StatusCode, b, status, code)
	}
}

// herbouwRegels reads the NDJSON lines of a rebuild to the end.
func herbouwRegels(t *testing.T, resp *http.Response) []httpserver.HerbouwRegel {
	t.Helper()
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/x-ndjson") {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("rebuild = %d %s %s; want 200 with NDJSON", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	var out []httpserver.HerbouwRegel
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		var l httpserver.HerbouwRegel
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("rebuild line %q is not JSON: %v", sc.Text(), err)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("reading the rebuild: %v", err)
	}
	return out
}

func (e *adminEnv) controle() httpserver.ZoekRapport {
	e.t.Helper()
	resp := e.request(context.Background(), http.MethodGet, httpserver.RouteAdminControle, "platform")
	defer resp.Body.Close()
	var r httpserver.ZoekRapport
	if err := json.NewDecoder(resp.Body).Decode(&r); resp.StatusCode != http.StatusOK || err != nil {
		e.t.Fatalf("GET controle = %d (%v); want 200 with a report", resp.StatusCode, err)
	}
	return r
}

// TestAdminZoekindexOnlyForThePlatform: without a key, with a wrong one or
// with any role but a platform beheerder, the admin routes refuse.
func TestAdminZoekindexOnlyForThePlatform(t *testing.T) {
	e := newAdminEnv(t, true)
	for _, route := range []struct{ method, path string }{
		{http.MethodPost, httpserver.RouteAdminHerbouw},
		{http.MethodGet, httpserver.RouteAdminControle},
	} {
		e.wantRefused(route.method, route.path, "", http.StatusUnauthorized, kaart.EUNAUTHENTICATED)
		e.wantRefused(route.method, route.path, "wrong", http.StatusUnauthorized, kaart.EUNAUTHENTICATED)
		for _, role := range []string{"partner", "regisseur", "beheerder"} {
			e.wantRefused(route.method, route.path, role, http.StatusForbidden, kaart.EFORBIDDEN)
		}
	}
	e.wantRefused(http.MethodGet, httpserver.RouteAdminHerbouw, "platform", http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED")
	e.wantRefused(http.MethodPost, httpserver.RouteAdminControle, "platform", http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED")
	select {
	case err := <-e.index.done:
		t.Errorf("a refused request rebuilt the index (err %v)", err)
	default:
	}
	if r := e.controle(); r.OK {
		t.Errorf("check after refused rebuilds = %+v; want the cards still missing", r)
	}
}

// TestAdminZoekindexRebuildThenCheck: check finds the cards missing from
// the index; a platform beheerder's rebuild streams its progress and ends
// with a line that has the duration; check then finds the index current.
func TestAdminZoekindexRebuildThenCheck(t *testing.T) {
	e := newAdminEnv(t, true)
	before := e.controle()
	for _, id := range e.cards {
		if !slices.Contains(before.Ontbrekend, id) {
			t.Errorf("check before the rebuild: missing %v; want %s among them", before.Ontbrekend, id)
		}
	}
	if before.OK {
		t.Errorf("check before the rebuild = %+v; want not OK", before)
	}

	regels := herbouwRegels(t, e.request(context.Background(), http.MethodPost, httpserver.RouteAdminHerbouw, "platform"))
	if len(regels) < 2 {
		t.Fatalf("rebuild lines = %+v; want progress and a last line", regels)
	}
	last := regels[len(regels)-1]
	if last.Duur == "" || last.Fout != "" || last.Klaar != before.Kaarten || last.Totaal != before.Kaarten {
		t.Errorf("last rebuild line = %+v; want %d of %d cards with a duration", last, before.Kaarten, before.Kaarten)
	}
	if _, err := time.ParseDuration(last.Duur); err != nil {
		t.Errorf("duur %q: %v", last.Duur, err)
	}
	for _, l := range regels[:len(regels)-1] {
		if l.Duur != "" || l.Fout != "" || l.Klaar > l.Totaal || l.Klaar == 0 {
			t.Errorf("progress line %+v; want cards done of a total, nothing else", l)
		}
	}

	after := e.controle()
	if !after.OK || after.Kaarten != before.Kaarten || after.Documenten != after.Kaarten {
		t.Errorf("check after the rebuild = %+v; want OK with all %d cards indexed", after, before.Kaarten)
	}
}

// TestAdminZoekindexSecondRebuildConflicts: while one rebuild runs, a second
// gets 409 CONFLICT; the first still ends well.
func TestAdminZoekindexSecondRebuildConflicts(t *testing.T) {
	e := newAdminEnv(t, true)
	e.index.hold = true
	// The first request waits for its answer in the background: the
	// server answers only once the rebuild has made progress.
	first := make(chan *http.Response, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, e.base+httpserver.RouteAdminHerbouw, nil)
		req.Header.Set("Authorization", "Bearer "+e.tokens["platform"])
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			resp = &http.Response{StatusCode: 0, Body: io.NopCloser(strings.NewReader(err.Error()))}
		}
		first <- resp
	}()
	<-e.index.started

	second := e.request(context.Background(), http.MethodPost, httpserver.RouteAdminHerbouw, "platform")
	b, _ := io.ReadAll(second.Body)
	second.Body.Close()
	if second.StatusCode != http.StatusConflict || errorCode(t, b) != kaart.ECONFLICT || !strings.Contains(string(b), "al herbouwd") {
		t.Errorf("second rebuild = %d %s; want 409 CONFLICT saying one runs", second.StatusCode, b)
	}

	close(e.index.release)
	regels := herbouwRegels(t, <-first)
	if last := regels[len(regels)-1]; last.Duur == "" || last.Fout != "" {
		t.Errorf("first rebuild ended with %+v; want a duration", last)
	}
	if r := e.controle(); !r.OK {
		t.Errorf("check after the first rebuild = %+v; want OK", r)
	}
}

// TestAdminZoekindexRebuildOutlivesTheClient: a client that hangs up does
// not stop the rebuild; the index is current afterwards.
func TestAdminZoekindexRebuildOutlivesTheClient(t *testing.T) {
	e := newAdminEnv(t, true)
	e.index.hold = true
	ctx, hangUp := context.WithCancel(context.Background())
	sent := make(chan struct{})
	go func() {
		defer close(sent)
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, e.base+httpserver.RouteAdminHerbouw, nil)
		req.Header.Set("Authorization", "Bearer "+e.tokens["platform"])
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	<-e.index.started
	hangUp()
	<-sent
	close(e.index.release)
	if err := <-e.index.done; err != nil {
		t.Fatalf("rebuild after the client hung up: %v; want it done", err)
	}
	if r := e.controle(); !r.OK {
		t.Errorf("check after the rebuild = %+v; want OK", r)
	}
}

// TestAdminZoekindexWithoutIndex: a server without a search index answers
// 503 UNAVAILABLE, to a platform beheerder only.
func TestAdminZoekindexWithoutIndex(t *testing.T) {
	e := newAdminEnv(t, false)
	e.wantRefused(http.MethodPost, httpserver.RouteAdminHerbouw, "platform", http.StatusServiceUnavailable, kaart.EUNAVAILABLE)
	e.wantRefused(http.MethodGet, httpserver.RouteAdminControle, "platform", http.StatusServiceUnavailable, kaart.EUNAVAILABLE)
	e.wantRefused(http.MethodGet, httpserver.RouteAdminControle, "partner", http.StatusForbidden, kaart.EFORBIDDEN)
	e.wantRefused(http.MethodGet, httpserver.RouteAdminControle, "", http.StatusUnauthorized, kaart.EUNAUTHENTICATED)
}
