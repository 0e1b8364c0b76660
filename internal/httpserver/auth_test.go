package httpserver_test

import (
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/socialekaart/socialekaart/internal/httpserver"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
	"github.com/socialekaart/socialekaart/internal/ratelimit"
)

// testIDP is an OpenID Connect provider inside the test: discovery, a JWKS
// with a real RSA key, an authorization step the test drives, and a token
// endpoint that checks the client secret and the PKCE verifier.
type testIDP struct {
	t        *testing.T
	srv      *httptest.Server
	key      *rsa.PrivateKey
	clientID string
	secret   string

	mu    sync.Mutex
	codes map[string]grant
}

type grant struct {
	challenge, nonce, redirect string
	claims                     map[string]any
	signWith                   *rsa.PrivateKey
}

func newTestIDP(t *testing.T) *testIDP {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	idp := &testIDP{t: t, key: key, clientID: "socialekaart-" + randHex(), secret: "geheim-" + randHex(), codes: map[string]grant{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		writeTestJSON(w, http.StatusOK, map[string]any{
			"issuer":                                idp.srv.URL,
			"authorization_endpoint":                idp.srv.URL + "/authorize",
			"token_endpoint":                        idp.srv.URL + "/token",
			"jwks_uri":                              idp.srv.URL + "/jwks",
			"response_types_supported":              []string{"code"},
			"subject_types_supported":               []string{"public"},
			"id_token_signing_alg_values_supported": []string{"RS256"},
			"code_challenge_methods_supported":      []string{"S256"},
		})
	})
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		writeTestJSON(w, http.StatusOK, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	mux.HandleFunc("POST /token", idp.token)
	idp.srv = httptest.NewServer(mux)
	t.Cleanup(idp.srv.Close)
	return idp
}

func randHex() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func writeTestJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (idp *testIDP) token(w http.ResponseWriter, r *http.Request) {
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostFormValue("client_id"), r.PostFormValue("client_secret")
	}
	if id != idp.clientID || secret != idp.secret {
		writeTestJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
		return
	}
	idp.mu.Lock()
	g, ok := idp.codes[r.PostFormValue("code")]
	delete(idp.codes, r.PostFormValue("code"))
	idp.mu.Unlock()
	sum := sha256.Sum256([]byte(r.PostFormValue("code_verifier")))
	switch {
	case r.PostFormValue("grant_type") != "authorization_code" || !ok:
		writeTestJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant"})
		return
	case base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge:
		writeTestJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant", "error_description": "PKCE verifier does not match"})
		return
	case r.PostFormValue("redirect_uri") != g.redirect:
		writeTestJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant", "error_description": "redirect_uri"})
		return
	}
	writeTestJSON(w, http.StatusOK, map[string]any{
		"access_token": "at-" + randHex(), "token_type": "Bearer", "expires_in": 3600,
		"id_token": idp.sign(g.signWith, g.claims),
	})
}

func (idp *testIDP) sign(key *rsa.PrivateKey, claims map[string]any) string {
	if key == nil {
		key = idp.key
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: "k1"}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		idp.t.Fatal(err)
	}
	payload, _ := json.Marshal(claims)
	jws, err := signer.Sign(payload)
	if err != nil {
		idp.t.Fatal(err)
	}
	s, err := jws.CompactSerialize()
	if err != nil {
		idp.t.Fatal(err)
	}
	return s
}

// account is who logs in at the provider, and how the ID token is spoilt.
type account struct {
	sub, email string
	verified   bool
	tweak      func(claims map[string]any)
	signWith   *rsa.PrivateKey
}

// authorize plays the person logging in at the provider: it checks the
// request the server sent the browser with, and returns the callback URL.
func (idp *testIDP) authorize(location string, a account) string {
	t := idp.t
	t.Helper()
	u, err := url.Parse(location)
	if err != nil || !strings.HasPrefix(location, idp.srv.URL+"/authorize?") {
		t.Fatalf("redirected to %q; want the provider's authorization endpoint", location)
	}
	q := u.Query()
	for k, want := range map[string]string{"response_type": "code", "client_id": idp.clientID, "code_challenge_method": "S256"} {
		if q.Get(k) != want {
			t.Fatalf("authorization request %s = %q; want %q", k, q.Get(k), want)
		}
	}
	for _, k := range []string{"state", "nonce", "code_challenge", "redirect_uri"} {
		if q.Get(k) == "" {
			t.Fatalf("authorization request lacks %s: %s", k, location)
		}
	}
	if !strings.Contains(q.Get("scope"), "openid") {
		t.Fatalf("scope %q lacks openid", q.Get("scope"))
	}
	now := time.Now()
	claims := map[string]any{
		"iss": idp.srv.URL, "sub": a.sub, "aud": idp.clientID, "exp": now.Add(5 * time.Minute).Unix(),
		"iat": now.Unix(), "nonce": q.Get("nonce"), "email": a.email, "email_verified": a.verified,
	}
	if a.tweak != nil {
		a.tweak(claims)
	}
	code := "code-" + randHex()
	idp.mu.Lock()
	idp.codes[code] = grant{challenge: q.Get("code_challenge"), nonce: q.Get("nonce"), redirect: q.Get("redirect_uri"), claims: claims, signWith: a.signWith}
	idp.mu.Unlock()
	cb, _ := url.Parse(q.Get("redirect_uri"))
	cq := cb.Query()
	cq.Set("code", code)
	cq.Set("state", q.Get("state"))
	cb.RawQuery = cq.Encode()
	return cb.String()
}

// loginEnv is a server with login, its provider and a browser.
type loginEnv struct {
	t          *testing.T
	idp        *testIDP
	gebruikers *kaart.Gebruikers
	url        string
	srv        *httpserver.Server
	logs       *logBuffer
}

type envOption func(*httpserver.Options)

func newLoginEnv(t *testing.T, opts ...envOption) *loginEnv {
	t.Helper()
	store := neo4jtest.Open(t)
	e := &loginEnv{t: t, idp: newTestIDP(t), gebruikers: &kaart.Gebruikers{Store: store}, logs: &logBuffer{}}
	var handler http.Handler
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	t.Cleanup(ts.Close)
	e.url = ts.URL
	o := httpserver.Options{
		Addr:    "127.0.0.1:0",
		Logger:  slog.New(slog.NewJSONHandler(e.logs, nil)),
		GraphQL: viewerEcho(),
		Auth:    fakeAuth{},
		Login: &httpserver.Login{
			Gebruikers: e.gebruikers,
			OIDC: &httpserver.OIDC{Issuer: e.idp.srv.URL, ClientID: e.idp.clientID, ClientSecret: e.idp.secret,
				RedirectURL: ts.URL + httpserver.RouteCallback},
			DevGebruikers: []kaart.Gebruiker{
				{Subject: "regisseur-" + randHex(), Naam: "Fatima", Email: "r-" + randHex() + "@demo.example",
					Rol: kaart.Regisseur, Gemeente: "utr-gm", Gebieden: []string{"utr-wk-zuidwest"}},
			},
		},
	}
	for _, f := range opts {
		f(&o)
	}
	e.srv = httpserver.New(o)
	handler = e.srv.Handler()
	return e
}

// viewerEcho answers GraphQL requests with the viewer.
func viewerEcho() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := kaart.ViewerFrom(r.Context())
		writeTestJSON(w, http.StatusOK, map[string]any{"rol": v.Rol, "gebruiker": v.GebruikerID, "sleutel": v.SleutelID, "gemeente": v.Gemeente})
	})
}

// browser is an HTTP client with cookies that does not follow redirects.
func (e *loginEnv) browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (e *loginEnv) register(a account, rol kaart.Rol) kaart.Gebruiker {
	e.t.Helper()
	in := kaart.NieuweGebruiker{Email: a.email, Naam: "Fatima " + randHex(), Rol: rol, Issuer: e.idp.srv.URL, Subject: a.sub}
	switch rol {
	case kaart.Regisseur:
		in.Gemeente, in.Gebieden = "utr-gm", []string{"utr-wk-zuidwest", "utr-bu-kanaleneiland"}
	case kaart.Partner:
		in.Organisatie = "utr-org-jou"
	}
	g, err := e.gebruikers.Add(context.Background(), in)
	if err != nil {
		e.t.Fatalf("register: %v", err)
	}
	return g
}

func newAccount() account {
	return account{sub: "sub-" + randHex(), email: "p-" + randHex() + "@utrecht.example", verified: true}
}

type response struct {
	status  int
	header  http.Header
	body    string
	cookies []*http.Cookie
}

func do(t *testing.T, c *http.Client, method, u string, body io.Reader, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: string(b), cookies: resp.Cookies()}
}

// startLogin follows /inloggen/oidc to the provider and returns the
// callback URL for account a.
func (e *loginEnv) startLogin(c *http.Client, terug string, a account) string {
	e.t.Helper()
	r := do(e.t, c, "GET", e.url+httpserver.RouteInloggenOIDC+"?terug="+url.QueryEscape(terug), nil, nil)
	if r.status != http.StatusFound {
		e.t.Fatalf("GET /inloggen/oidc = %d %s; want 302 to the provider", r.status, r.body)
	}
	return e.idp.authorize(r.header.Get("Location"), a)
}

func sessionCookie(r response) *http.Cookie {
	for _, c := range r.cookies {
		if strings.HasSuffix(c.Name, "sk_sessie") && c.Value != "" {
			return c
		}
	}
	return nil
}

type sessieJSON struct {
	Ingelogd bool   `json:"ingelogd"`
	Naam     string `json:"naam"`
	Rol      string `json:"rol"`
	CSRF     string `json:"csrf"`
}

func (e *loginEnv) sessie(c *http.Client) sessieJSON {
	e.t.Helper()
	r := do(e.t, c, "GET", e.url+httpserver.RouteSessie, nil, nil)
	var s sessieJSON
	if err := json.Unmarshal([]byte(r.body), &s); err != nil {
		e.t.Fatalf("GET /auth/sessie: %d %s", r.status, r.body)
	}
	return s
}

func (e *loginEnv) graphql(c *http.Client, header map[string]string) (int, map[string]any) {
	e.t.Helper()
	h := map[string]string{"Content-Type": "application/json"}
	for k, v := range header {
		h[k] = v
	}
	r := do(e.t, c, "POST", e.url+"/graphql", strings.NewReader(`{"query":"{ __typename }"}`), h)
	var out map[string]any
	_ = json.Unmarshal([]byte(r.body), &out)
	return r.status, out
}

// login runs a whole OIDC login and returns the browser and its CSRF token.
func (e *loginEnv) login(a account) (*http.Client, string) {
	e.t.Helper()
	c := e.browser()
	r := do(e.t, c, "GET", e.startLogin(c, "/", a), nil, nil)
	if r.status != http.StatusSeeOther || sessionCookie(r) == nil {
		e.t.Fatalf("callback = %d %s; want 303 with a session cookie", r.status, r.body)
	}
	return c, e.sessie(c).CSRF
}

func TestOIDCLoginGivesTheViewerThroughGraphQL(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t)
	a := newAccount()
	g := e.register(a, kaart.Regisseur)
	c := e.browser()

	r := do(t, c, "GET", e.startLogin(c, "/wijk/utr-wk-zuidwest", a), nil, nil)
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/wijk/utr-wk-zuidwest" {
		t.Fatalf("callback = %d to %q; want 303 back to /wijk/utr-wk-zuidwest (%s)", r.status, r.header.Get("Location"), r.body)
	}
	ck := sessionCookie(r)
	if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" {
		t.Fatalf("session cookie %+v; want HttpOnly, SameSite=Lax, Path=/", ck)
	}

	s := e.sessie(c)
	if !s.Ingelogd || s.Rol != string(kaart.Regisseur) || s.CSRF == "" || !strings.Contains(s.Naam, g.Naam) {
		t.Fatalf("/auth/sessie = %+v; want logged in as %s", s, g.Naam)
	}
	status, out := e.graphql(c, map[string]string{httpserver.CSRFHeader: s.CSRF})
	if status != http.StatusOK || out["rol"] != string(kaart.Regisseur) || out["gebruiker"] != g.ID || out["gemeente"] != "utr-gm" {
		t.Fatalf("POST /graphql with the session = %d %v; want regisseur %s", status, out, g.ID)
	}
	// GET needs no CSRF token: it cannot mutate.
	r = do(t, c, "GET", e.url+"/graphql?query=%7B__typename%7D", nil, nil)
	if !strings.Contains(r.body, g.ID) {
		t.Errorf("GET /graphql with the session = %s; want the person's viewer", r.body)
	}
	// A bearer token wins over the cookie.
	status, out = e.graphql(c, map[string]string{"Authorization": "Bearer " + goodToken})
	if status != http.StatusOK || out["rol"] != string(kaart.Partner) || out["gebruiker"] != "" {
		t.Errorf("POST /graphql with bearer and cookie = %d %v; want the API key's partner", status, out)
	}
	// The page says who is logged in.
	r = do(t, c, "GET", e.url+httpserver.RouteInloggen, nil, nil)
	if !strings.Contains(r.body, "Ingelogd als") || !strings.Contains(r.body, g.Naam) {
		t.Errorf("/inloggen does not say who is logged in:\n%s", r.body)
	}
}

func TestOIDCRefusesBadIDTokens(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t)
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		a      func(a *account)
		reason string
	}{
		{"wrong audience", func(a *account) { a.tweak = func(c map[string]any) { c["aud"] = "another-client" } }, "id token"},
		{"wrong nonce", func(a *account) { a.tweak = func(c map[string]any) { c["nonce"] = "not-the-nonce" } }, "nonce"},
		{"missing nonce", func(a *account) { a.tweak = func(c map[string]any) { delete(c, "nonce") } }, "nonce"},
		{"wrong issuer", func(a *account) { a.tweak = func(c map[string]any) { c["iss"] = "https://evil.example" } }, "id token"},
		{"expired", func(a *account) {
			a.tweak = func(c map[string]any) {
				c["exp"] = time.Now().Add(-time.Hour).Unix()
				c["iat"] = time.Now().Add(-2 * time.Hour).Unix()
			}
		}, "id token"},
		{"bad signature", func(a *account) { a.signWith = other }, "id token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := newAccount()
			e.register(a, kaart.Partner)
			tc.a(&a)
			c := e.browser()
			r := do(t, c, "GET", e.startLogin(c, "/", a), nil, nil)
			if r.status != http.StatusUnauthorized || !strings.Contains(r.body, "Inloggen mislukt") {
				t.Errorf("callback = %d; want 401 with a Dutch page:\n%s", r.status, r.body)
			}
			if sessionCookie(r) != nil {
				t.Errorf("a session cookie was set")
			}
			if s := e.sessie(c); s.Ingelogd {
				t.Errorf("logged in after a refused ID token: %+v", s)
			}
			lines := e.logs.lines(t)
			var last map[string]any
			for _, l := range lines {
				if l["msg"] == "login refused" {
					last = l
				}
			}
			if last == nil || last["reason"] != tc.reason {
				t.Errorf("last refusal logged %v; want reason %q", last, tc.reason)
			} else {
				t.Logf("refused: %v", last["err"])
			}
			if status, out := e.graphql(c, nil); status != http.StatusOK || out["rol"] != string(kaart.Anoniem) {
				t.Errorf("GraphQL after refused login = %d %v; want anonymous", status, out)
			}
		})
	}
}

func TestOIDCRefusesReplayedMissingOrForeignState(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t)
	a := newAccount()
	e.register(a, kaart.Partner)

	// Replay: the callback works once; the same state again is refused,
	// even with the state cookie put back.
	c := e.browser()
	cb := e.startLogin(c, "/", a)
	u, _ := url.Parse(e.url)
	stateCookies := c.Jar.Cookies(u)
	if r := do(t, c, "GET", cb, nil, nil); r.status != http.StatusSeeOther {
		t.Fatalf("first callback = %d %s", r.status, r.body)
	}
	c2 := e.browser()
	c2.Jar.SetCookies(u, stateCookies)
	r := do(t, c2, "GET", cb, nil, nil)
	if r.status != http.StatusBadRequest || sessionCookie(r) != nil {
		t.Errorf("replayed callback = %d; want 400 and no session:\n%s", r.status, r.body)
	}

	// Missing state.
	c = e.browser()
	cb = e.startLogin(c, "/", a)
	noState := strings.Replace(cb, "state=", "x=", 1)
	if r := do(t, c, "GET", noState, nil, nil); r.status != http.StatusBadRequest || sessionCookie(r) != nil {
		t.Errorf("callback without state = %d; want 400 and no session", r.status)
	}

	// A state started in another browser (login CSRF).
	attacker := e.browser()
	cb = e.startLogin(attacker, "/", a)
	victim := e.browser()
	if r := do(t, victim, "GET", cb, nil, nil); r.status != http.StatusBadRequest || sessionCookie(r) != nil {
		t.Errorf("callback in another browser = %d; want 400 and no session", r.status)
	}
}

func TestOIDCRefusesUnregisteredPeople(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t)
	c := e.browser()
	r := do(t, c, "GET", e.startLogin(c, "/", newAccount()), nil, nil)
	if r.status != http.StatusForbidden || !strings.Contains(r.body, "geen toegang") || sessionCookie(r) != nil {
		t.Errorf("unknown person = %d; want 403 'geen toegang' and no session:\n%s", r.status, r.body)
	}

	// Registered by e-mail only: bound at the first login when verified.
	a := account{sub: "sub-" + randHex(), email: "b-" + randHex() + "@utrecht.example"}
	g, err := e.gebruikers.Add(context.Background(), kaart.NieuweGebruiker{Email: a.email, Naam: "Bea", Rol: kaart.Beheerder, Gemeente: "utr-gm"})
	if err != nil {
		t.Fatal(err)
	}
	c = e.browser()
	if r := do(t, c, "GET", e.startLogin(c, "/", a), nil, nil); r.status != http.StatusForbidden {
		t.Errorf("unverified e-mail = %d; want 403", r.status)
	}
	a.verified = true
	c, csrf := e.login(a)
	if _, out := e.graphql(c, map[string]string{httpserver.CSRFHeader: csrf}); out["gebruiker"] != g.ID {
		t.Errorf("verified e-mail login acts as %v; want %s", out, g.ID)
	}
}

func TestSessionPostsNeedCSRF(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t)
	a := newAccount()
	e.register(a, kaart.Regisseur)
	c, csrf := e.login(a)

	for name, h := range map[string]map[string]string{
		"no token":            nil,
		"wrong token":         {httpserver.CSRFHeader: "x" + csrf},
		"cross-site origin":   {httpserver.CSRFHeader: csrf, "Origin": "https://evil.example"},
		"cross-site fetch":    {httpserver.CSRFHeader: csrf, "Sec-Fetch-Site": "cross-site"},
		"same-site subdomain": {httpserver.CSRFHeader: csrf, "Sec-Fetch-Site": "same-site"},
	} {
		if status, out := e.graphql(c, h); status != http.StatusForbidden || out["rol"] != nil {
			t.Errorf("%s: POST /graphql = %d %v; want 403", name, status, out)
		}
	}
	if status, out := e.graphql(c, map[string]string{httpserver.CSRFHeader: csrf, "Origin": e.url, "Sec-Fetch-Site": "same-origin"}); status != http.StatusOK || out["rol"] != string(kaart.Regisseur) {
		t.Errorf("same-origin POST with token = %d %v; want the regisseur", status, out)
	}
}

func TestLogoutNeedsCSRFAndEndsTheSession(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t)
	a := newAccount()
	e.register(a, kaart.Partner)
	c, csrf := e.login(a)
	u, _ := url.Parse(e.url)
	oldCookies := c.Jar.Cookies(u)
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}

	r := do(t, c, "POST", e.url+httpserver.RouteUitloggen, strings.NewReader(""), form)
	if r.status != http.StatusForbidden || !e.sessie(c).Ingelogd {
		t.Fatalf("logout without CSRF token = %d, still logged in: %v; want 403 and the session kept", r.status, e.sessie(c).Ingelogd)
	}
	cross := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://evil.example"}
	if r := do(t, c, "POST", e.url+httpserver.RouteUitloggen, strings.NewReader("csrf="+url.QueryEscape(csrf)), cross); r.status != http.StatusForbidden {
		t.Errorf("cross-site logout = %d; want 403", r.status)
	}
	r = do(t, c, "POST", e.url+httpserver.RouteUitloggen, strings.NewReader("csrf="+url.QueryEscape(csrf)), form)
	if r.status != http.StatusSeeOther {
		t.Fatalf("logout = %d %s; want 303", r.status, r.body)
	}
	if e.sessie(c).Ingelogd {
		t.Error("still logged in after logout")
	}
	// The old cookie no longer works anywhere.
	stale := e.browser()
	stale.Jar.SetCookies(u, oldCookies)
	if s := e.sessie(stale); s.Ingelogd {
		t.Error("the session cookie still works after logout")
	}
	if status, out := e.graphql(stale, map[string]string{httpserver.CSRFHeader: csrf}); status != http.StatusOK || out["rol"] != string(kaart.Anoniem) {
		t.Errorf("GraphQL with the old cookie = %d %v; want anonymous", status, out)
	}
}

// devLogin posts the development login form as a browser that opened it.
func (e *loginEnv) devLogin(c *http.Client, subject string) response {
	e.t.Helper()
	return e.devLoginTo(c, subject, "/")
}

func (e *loginEnv) devLoginTo(c *http.Client, subject, terug string) response {
	e.t.Helper()
	page := do(e.t, c, "GET", e.url+httpserver.RouteInloggen, nil, nil)
	i := strings.Index(page.body, `name="csrf" value="`)
	if i < 0 {
		e.t.Fatalf("/inloggen has no development login form:\n%s", page.body)
	}
	rest := page.body[i+len(`name="csrf" value="`):]
	token := rest[:strings.Index(rest, `"`)]
	body := url.Values{"csrf": {token}, "gebruiker": {subject}, "terug": {terug}}.Encode()
	return do(e.t, c, "POST", e.url+httpserver.RouteInloggenDev, strings.NewReader(body),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
}

func withDevLogin(o *httpserver.Options) { o.Login.DevLogin = true }

func TestDevLoginOnLoopbackIsMarked(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t, withDevLogin, func(o *httpserver.Options) {
		o.Web = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = io.WriteString(w, `<!DOCTYPE html><html><body class="utrecht-body"><p>bewonerspagina</p>`+
				strings.Repeat("<p>inhoud</p>", 200)+`</body></html>`)
		})
	})
	subject := e.devSubject()
	c := e.browser()
	r := e.devLogin(c, subject)
	if r.status != http.StatusSeeOther || sessionCookie(r) == nil {
		t.Fatalf("development login = %d %s; want 303 with a session", r.status, r.body)
	}
	s := e.sessie(c)
	if !s.Ingelogd || s.Rol != string(kaart.Regisseur) {
		t.Fatalf("after development login: %+v; want the demo regisseur", s)
	}
	for _, p := range []string{httpserver.RouteInloggen, "/wijk/utr-wk-zuidwest"} {
		r := do(t, c, "GET", e.url+p, nil, nil)
		if !strings.Contains(r.body, "Ontwikkel-login — niet voor productie") {
			t.Errorf("%s is not marked as development login:\n%s", p, r.body)
		}
		if !strings.Contains(r.body, "Ingelogd als") {
			t.Errorf("%s does not say who is logged in", p)
		}
	}
	// The page with the bar is still compressed for a browser that accepts it.
	gz := do(t, c, "GET", e.url+"/wijk/utr-wk-zuidwest", nil, map[string]string{"Accept-Encoding": "gzip"})
	if gz.header.Get("Content-Encoding") != "gzip" {
		t.Errorf("a resident page with the login bar is sent uncompressed (Content-Encoding %q)", gz.header.Get("Content-Encoding"))
	} else if zr, err := gzip.NewReader(strings.NewReader(gz.body)); err != nil {
		t.Errorf("gzip: %v", err)
	} else if page, _ := io.ReadAll(zr); !strings.Contains(string(page), "Ingelogd als") || !strings.Contains(string(page), "bewonerspagina") {
		t.Errorf("the compressed page lacks the bar or the page")
	}
	// Without the form's token (a foreign page posting) it is refused.
	r = do(t, e.browser(), "POST", e.url+httpserver.RouteInloggenDev, strings.NewReader("gebruiker="+subject),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if r.status != http.StatusForbidden || sessionCookie(r) != nil {
		t.Errorf("development login without the form's token = %d; want 403", r.status)
	}
}

func (e *loginEnv) devSubject() string {
	page := do(e.t, e.browser(), "GET", e.url+httpserver.RouteInloggen, nil, nil)
	i := strings.Index(page.body, `name="gebruiker" value="`)
	if i < 0 {
		e.t.Fatalf("no development users on /inloggen:\n%s", page.body)
	}
	rest := page.body[i+len(`name="gebruiker" value="`):]
	return rest[:strings.Index(rest, `"`)]
}

func TestDevLoginRefusedWhenOffOrNotLoopback(t *testing.T) {
	t.Parallel()
	off := newLoginEnv(t)
	r := do(t, off.browser(), "GET", off.url+httpserver.RouteInloggen, nil, nil)
	if strings.Contains(r.body, "Ontwikkel-login") || strings.Contains(r.body, `name="gebruiker"`) {
		t.Errorf("/inloggen offers the development login while it is off:\n%s", r.body)
	}
	r = do(t, off.browser(), "POST", off.url+httpserver.RouteInloggenDev, strings.NewReader("gebruiker=x"),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if r.status != http.StatusNotFound || sessionCookie(r) != nil {
		t.Errorf("development login while off = %d; want 404", r.status)
	}

	on := newLoginEnv(t, withDevLogin, func(o *httpserver.Options) {
		o.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	})
	subject := on.devSubject()
	// From another machine.
	req := httptest.NewRequest("POST", "http://kaart.example.nl"+httpserver.RouteInloggenDev, strings.NewReader("gebruiker="+subject))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = "192.0.2.7:4000"
	rec := httptest.NewRecorder()
	on.srv.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden || strings.Contains(rec.Header().Get("Set-Cookie"), "sk_sessie") {
		t.Errorf("development login from 192.0.2.7 = %d; want 403", rec.Code)
	}
	// Through a proxy on loopback, for a client elsewhere.
	r = do(t, on.browser(), "POST", on.url+httpserver.RouteInloggenDev, strings.NewReader("gebruiker="+subject),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "198.51.100.3"})
	if r.status != http.StatusForbidden || sessionCookie(r) != nil {
		t.Errorf("development login through a proxy = %d; want 403", r.status)
	}

	// A server listening beyond loopback never turns it on.
	wide := newLoginEnv(t, withDevLogin, func(o *httpserver.Options) { o.Addr = "0.0.0.0:0" })
	r = do(t, wide.browser(), "POST", wide.url+httpserver.RouteInloggenDev, strings.NewReader("gebruiker=x"),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if r.status != http.StatusNotFound {
		t.Errorf("development login on a server listening on 0.0.0.0 = %d; want 404 (off)", r.status)
	}
}

func TestCookiesAreSecureBeyondLoopback(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t)
	req := httptest.NewRequest("GET", "http://kaart.example.nl"+httpserver.RouteInloggenOIDC, nil)
	req.RemoteAddr = "192.0.2.7:4000"
	rec := httptest.NewRecorder()
	e.srv.Handler().ServeHTTP(rec, req)
	res := rec.Result()
	var found bool
	for _, c := range res.Cookies() {
		if c.Name == "__Host-sk_login" {
			found = true
			if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Domain != "" {
				t.Errorf("state cookie %+v; want Secure, HttpOnly, SameSite=Lax, Path=/, no Domain", c)
			}
		}
	}
	if !found {
		t.Errorf("no __Host-sk_login cookie for a request from another machine: %v", res.Header["Set-Cookie"])
	}
}

func TestLoginThrottling(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t, withDevLogin, func(o *httpserver.Options) {
		o.Login.PerIP = ratelimit.New(1.0/60, 2, nil)
		o.Login.PerAccount = ratelimit.New(1.0/60, 1, nil)
	})
	subject := e.devSubject()
	// Per account: the second login as the same person within a minute.
	if r := e.devLogin(e.browser(), subject); r.status != http.StatusSeeOther {
		t.Fatalf("first development login = %d %s", r.status, r.body)
	}
	r := e.devLogin(e.browser(), subject)
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") == "" || sessionCookie(r) != nil {
		t.Errorf("second login of the same account = %d, Retry-After %q; want 429 with Retry-After", r.status, r.header.Get("Retry-After"))
	}
	// Per address: the third attempt from here is over the limit of 2.
	r = do(t, e.browser(), "GET", e.url+httpserver.RouteInloggenOIDC, nil, nil)
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") == "" {
		t.Errorf("third login attempt from one address = %d, Retry-After %q; want 429 with Retry-After", r.status, r.header.Get("Retry-After"))
	}
	if !strings.Contains(r.body, "Te veel inlogpogingen") {
		t.Errorf("429 page is not the Dutch throttling page:\n%s", r.body)
	}
}

func TestLoginReturnsOnlyToThisSite(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t, withDevLogin)
	subject := e.devSubject()
	for terug, want := range map[string]string{
		"/wijk/utr-wk-zuidwest?tab=kaart": "/wijk/utr-wk-zuidwest?tab=kaart",
		"//evil.example/":                 "/regie/",
		"/\\evil.example/":                "/regie/",
		"/\t/evil.example/":               "/regie/",
		"https://evil.example/":           "/regie/",
	} {
		r := e.devLoginTo(e.browser(), subject, terug)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != want {
			t.Errorf("login with terug %q = %d to %q; want 303 to %q", terug, r.status, r.header.Get("Location"), want)
		}
	}
}
