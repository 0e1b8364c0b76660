package httpserver

import (
	"bytes"
	"compress/gzip"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/ratelimit"
)

// Login routes.
const (
	RouteInloggen     = "/inloggen"
	RouteInloggenOIDC = "/inloggen/oidc"
	RouteInloggenDev  = "/inloggen/ontwikkel"
	RouteCallback     = "/auth/callback"
	RouteUitloggen    = "/uitloggen"
	RouteSessie       = "/auth/sessie"
)

// loginPogingDuur bounds the time between leaving for the provider and
// coming back.
const loginPogingDuur = 10 * time.Minute

// DevLoginIssuer is the issuer of the development login's people.
const DevLoginIssuer = "ontwikkel-login"

//go:embed templates/login.html
var loginTemplates embed.FS

var loginPage = template.Must(template.ParseFS(loginTemplates, "templates/login.html"))

// loginState is the server's login machinery, built once in New.
type loginState struct {
	opts       Login
	devLogin   bool // opts.DevLogin and the server listens on loopback
	perIP      *ratelimit.Limiter
	perAccount *ratelimit.Limiter

	mu       sync.Mutex
	provider *oidc.Provider // discovered on first use, so the provider may start after us
	verifier *oidc.IDTokenVerifier
}

// newLoginState returns nil when login is not configured.
func (s *Server) newLoginState() *loginState {
	o := s.opts.Login
	if o == nil || o.Gebruikers == nil {
		return nil
	}
	l := &loginState{opts: *o, perIP: o.PerIP, perAccount: o.PerAccount}
	if l.perIP == nil {
		l.perIP = ratelimit.New(0.5, 30, nil)
	}
	if l.perAccount == nil {
		l.perAccount = ratelimit.New(10.0/60, 10, nil)
	}
	if o.DevLogin {
		if loopbackHost(hostOnly(s.opts.Addr)) {
			l.devLogin = true
			s.logger.Warn("ONTWIKKEL-LOGIN staat aan: iedereen op deze machine kan inloggen als een demogebruiker; niet voor productie")
		} else {
			s.logger.Error("development login refused: the server does not listen on a loopback address", "addr", s.opts.Addr)
		}
	}
	return l
}

// loginRoutes adds the login pages to mux.
func (s *Server) loginRoutes(mux *http.ServeMux) {
	s.login = s.newLoginState()
	if s.login == nil {
		return
	}
	mux.Handle(RouteInloggen, allow(s, s.inloggen, http.MethodGet, http.MethodHead))
	mux.Handle(RouteInloggenOIDC, allow(s, s.inloggenOIDC, http.MethodGet))
	mux.Handle(RouteInloggenDev, allow(s, s.inloggenDev, http.MethodPost))
	mux.Handle(RouteCallback, allow(s, s.callback, http.MethodGet))
	mux.Handle(RouteUitloggen, allow(s, s.uitloggen, http.MethodPost))
	mux.Handle(RouteSessie, allow(s, s.sessieInfo, http.MethodGet))
}

// devAllowed reports whether r may use the development login: it is on,
// the server listens on loopback, and the request comes from loopback, not
// through a proxy from elsewhere.
func (s *Server) devAllowed(r *http.Request) bool {
	if s.login == nil || !s.login.devLogin {
		return false
	}
	peer, ok := parseAddr(r.RemoteAddr)
	if !ok || !peer.IsLoopback() {
		return false
	}
	client, ok := parseAddr(ClientIP(r.Context()))
	return ok && client.IsLoopback() && len(r.Header.Values("X-Forwarded-For")) == 0
}

// pageData is what the login template gets.
type loginData struct {
	Titel     string
	Status    int
	Melding   string
	DevLogin  bool // show the development login's marker
	Ingelogd  *kaart.Viewer
	CSRF      string
	OIDC      bool
	Dev       []kaart.Gebruiker // development login choices, when allowed
	Voorlogin string            // CSRF token of the login form
	Terug     string
	Uitgelogd bool
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, page string, d *loginData) {
	if d.Status == 0 {
		d.Status = http.StatusOK
	}
	d.DevLogin = s.login != nil && s.login.devLogin
	if sess, v, ok := SessieFrom(r.Context()); ok && d.Ingelogd == nil {
		d.Ingelogd, d.CSRF = &v, sess.CSRF
	}
	var buf bytes.Buffer
	if err := loginPage.ExecuteTemplate(&buf, page, d); err != nil {
		s.logger.ErrorContext(r.Context(), "render login page", "page", page, "err", err)
		http.Error(w, "Er ging iets mis aan onze kant.", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	w.WriteHeader(d.Status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

func (s *Server) fout(w http.ResponseWriter, r *http.Request, status int, titel, melding string) {
	s.render(w, r, "fout", &loginData{Titel: titel, Status: status, Melding: melding})
}

// throttle takes a token from key's bucket and answers 429 with
// Retry-After when it is empty.
func (s *Server) throttle(w http.ResponseWriter, r *http.Request, l *ratelimit.Limiter, key string) bool {
	ok, wait := l.Allow(key)
	if ok {
		return true
	}
	secs := int(wait / time.Second)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	s.logger.WarnContext(r.Context(), "login throttled", "key_kind", strings.SplitN(key, ":", 2)[0])
	s.fout(w, r, http.StatusTooManyRequests, "Te veel inlogpogingen",
		fmt.Sprintf("Er is te vaak geprobeerd in te loggen. Probeer het over %d seconden opnieuw.", secs))
	return false
}

// safeReturn keeps the return path local: a path on this site, never
// another site (//host, /\host) or a scheme. Without one, people who log in
// (regisseurs, partners, beheerders) land on their own pages.
func safeReturn(p string) string {
	const home = "/regie/"
	if p == "" || p[0] != '/' || strings.HasPrefix(p, "//") || strings.ContainsRune(p, '\\') || len(p) > 500 {
		return home
	}
	for i := 0; i < len(p); i++ {
		// Browsers drop tabs and newlines from URLs: "/\t/evil.example" is "//evil.example".
		if p[i] < 0x20 || p[i] == 0x7f {
			return home
		}
	}
	return p
}

// inloggen shows the ways to log in, or who is logged in.
func (s *Server) inloggen(w http.ResponseWriter, r *http.Request) {
	r, _, err := s.resolveSession(w, r)
	if err != nil {
		s.logger.WarnContext(r.Context(), "resolve session", "err", err)
		s.fout(w, r, http.StatusServiceUnavailable, "Inloggen lukt nu niet", "De sociale kaart is tijdelijk niet bereikbaar. Probeer het over een minuut opnieuw.")
		return
	}
	d := &loginData{Titel: "Inloggen", OIDC: s.login.opts.OIDC != nil, Terug: safeReturn(r.URL.Query().Get("terug")),
		Uitgelogd: r.URL.Query().Has("uitgelogd")}
	if s.devAllowed(r) {
		d.Dev = s.login.opts.DevGebruikers
		d.Voorlogin = s.cookie(r, cookieVoorlogin)
		if d.Voorlogin == "" {
			d.Voorlogin = kaart.RandomToken()
		}
		s.setCookie(w, r, cookieVoorlogin, d.Voorlogin, time.Hour)
	}
	s.render(w, r, "inloggen", d)
}

// inloggenOIDC starts the authorization code flow with PKCE: it keeps the
// state, nonce and code verifier server-side, binds the state to this
// browser with a cookie, and sends the browser to the provider.
func (s *Server) inloggenOIDC(w http.ResponseWriter, r *http.Request) {
	if s.login.opts.OIDC == nil {
		s.fout(w, r, http.StatusNotFound, "Inloggen niet ingesteld", "Inloggen via een identiteitsprovider is op deze server niet ingesteld.")
		return
	}
	if !s.throttle(w, r, s.login.perIP, "ip:"+ClientIP(r.Context())) {
		return
	}
	ctx := r.Context()
	conf, _, err := s.oidcClient(ctx)
	if err != nil {
		s.logger.ErrorContext(ctx, "oidc discovery", "err", err)
		s.fout(w, r, http.StatusBadGateway, "Inloggen lukt nu niet",
			"De identiteitsprovider is niet bereikbaar. Probeer het over een paar minuten opnieuw.")
		return
	}
	state, nonce, verifier := kaart.RandomToken(), kaart.RandomToken(), oauth2.GenerateVerifier()
	err = s.login.opts.Gebruikers.Store.CreateLoginPoging(ctx, kaart.LoginPoging{
		StateHash: kaart.TokenHash(state), Nonce: nonce, Verifier: verifier,
		Terug: safeReturn(r.URL.Query().Get("terug")), Verloopt: time.Now().UTC().Add(loginPogingDuur),
	})
	if err != nil {
		s.logger.ErrorContext(ctx, "store login attempt", "err", err)
		s.fout(w, r, http.StatusServiceUnavailable, "Inloggen lukt nu niet", "De sociale kaart is tijdelijk niet bereikbaar. Probeer het over een minuut opnieuw.")
		return
	}
	s.setCookie(w, r, cookieLogin, state, loginPogingDuur)
	http.Redirect(w, r, conf.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), http.StatusFound)
}

// oidcClient discovers the provider on first use and keeps it.
func (s *Server) oidcClient(ctx context.Context) (*oauth2.Config, *oidc.IDTokenVerifier, error) {
	l := s.login
	o := l.opts.OIDC
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.provider == nil {
		client := o.HTTPClient
		if client == nil {
			client = http.DefaultClient
		}
		// The provider keeps this context for fetching keys later; it must
		// outlive the request.
		pctx := oidc.ClientContext(context.WithoutCancel(ctx), client)
		dctx, cancel := context.WithTimeout(pctx, 10*time.Second)
		defer cancel()
		p, err := oidc.NewProvider(dctx, o.Issuer)
		if err != nil {
			return nil, nil, fmt.Errorf("discover %s: %w", o.Issuer, err)
		}
		l.provider = p
		l.verifier = p.VerifierContext(pctx, &oidc.Config{ClientID: o.ClientID})
	}
	return &oauth2.Config{
		ClientID: o.ClientID, ClientSecret: o.ClientSecret, RedirectURL: o.RedirectURL,
		Endpoint: l.provider.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "email", "profile"},
	}, l.verifier, nil
}

// idClaims are the claims read from the ID token.
type idClaims struct {
	Email         string `json:"email"`
	EmailVerified bool   `json:"email_verified"`
}

// callback finishes the flow: the state must be this browser's and unused,
// the code is exchanged with the PKCE verifier, and the ID token must be
// signed by the provider, issued by it, for this client, unexpired, and
// carry the nonce of this login. Only then is a session started.
func (s *Server) callback(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if s.login.opts.OIDC == nil {
		s.fout(w, r, http.StatusNotFound, "Inloggen niet ingesteld", "Inloggen via een identiteitsprovider is op deze server niet ingesteld.")
		return
	}
	if !s.throttle(w, r, s.login.perIP, "ip:"+ClientIP(ctx)) {
		return
	}
	q := r.URL.Query()
	ongeldig := func(reason string) {
		s.logger.WarnContext(ctx, "login refused", "reason", reason)
		s.fout(w, r, http.StatusBadRequest, "Inloggen mislukt",
			"Deze inlogpoging is ongeldig, verlopen of al gebruikt. Begin opnieuw bij Inloggen.")
	}
	state := q.Get("state")
	cookieState := s.cookie(r, cookieLogin)
	s.setCookie(w, r, cookieLogin, "", 0)
	if state == "" || !equalToken(state, cookieState) {
		ongeldig("state missing or not this browser's")
		return
	}
	poging, err := s.login.opts.Gebruikers.Store.TakeLoginPoging(ctx, kaart.TokenHash(state))
	switch kaart.ErrorCode(err) {
	case "":
	case kaart.ENOTFOUND:
		ongeldig("state unknown or used")
		return
	default:
		s.logger.ErrorContext(ctx, "take login attempt", "err", err)
		s.fout(w, r, http.StatusServiceUnavailable, "Inloggen lukt nu niet", "De sociale kaart is tijdelijk niet bereikbaar. Probeer het over een minuut opnieuw.")
		return
	}
	if !time.Now().Before(poging.Verloopt) {
		ongeldig("login attempt expired")
		return
	}
	if e := q.Get("error"); e != "" {
		s.logger.InfoContext(ctx, "provider refused login", "error", truncate(e, 100))
		s.fout(w, r, http.StatusUnauthorized, "Inloggen afgebroken", "De identiteitsprovider heeft het inloggen afgebroken. Probeer het opnieuw.")
		return
	}
	conf, verifier, err := s.oidcClient(ctx)
	if err != nil {
		s.logger.ErrorContext(ctx, "oidc discovery", "err", err)
		s.fout(w, r, http.StatusBadGateway, "Inloggen lukt nu niet", "De identiteitsprovider is niet bereikbaar. Probeer het over een paar minuten opnieuw.")
		return
	}
	mislukt := func(reason string, err error) {
		s.logger.WarnContext(ctx, "login refused", "reason", reason, "err", err)
		s.fout(w, r, http.StatusUnauthorized, "Inloggen mislukt",
			"De identiteitsprovider gaf geen geldig bewijs van wie u bent. Probeer het opnieuw; lukt het niet, neem dan contact op met de beheerder.")
	}
	client := s.login.opts.OIDC.HTTPClient
	if client == nil {
		client = http.DefaultClient
	}
	tok, err := conf.Exchange(oidc.ClientContext(ctx, client), q.Get("code"), oauth2.VerifierOption(poging.Verifier))
	if err != nil {
		mislukt("code exchange", err)
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		mislukt("no id_token", nil)
		return
	}
	idt, err := verifier.Verify(ctx, raw)
	if err != nil {
		mislukt("id token", err)
		return
	}
	if !equalToken(idt.Nonce, poging.Nonce) {
		mislukt("nonce", errors.New("nonce does not match this login"))
		return
	}
	var claims idClaims
	if err := idt.Claims(&claims); err != nil {
		mislukt("claims", err)
		return
	}
	account := "account:" + idt.Issuer + "|" + idt.Subject
	if !s.throttle(w, r, s.login.perAccount, account) {
		return
	}
	g, err := s.login.opts.Gebruikers.ForLogin(ctx, idt.Issuer, idt.Subject, claims.Email, claims.EmailVerified)
	switch kaart.ErrorCode(err) {
	case "":
	case kaart.EFORBIDDEN:
		s.logger.InfoContext(ctx, "login by unregistered person refused", "issuer", idt.Issuer)
		s.fout(w, r, http.StatusForbidden, "Geen toegang", kaart.ErrorMessage(err))
		return
	default:
		s.logger.ErrorContext(ctx, "find person for login", "err", err)
		s.fout(w, r, http.StatusServiceUnavailable, "Inloggen lukt nu niet", "De sociale kaart is tijdelijk niet bereikbaar. Probeer het over een minuut opnieuw.")
		return
	}
	s.startSession(w, r, g, poging.Terug)
}

// startSession ends any session this browser had (no fixation), starts a
// new one and sends the browser on.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, g kaart.Gebruiker, terug string) {
	ctx := r.Context()
	if old := s.cookie(r, cookieSessie); old != "" {
		_ = s.login.opts.Gebruikers.EndSessie(ctx, old)
	}
	token, sess, err := s.login.opts.Gebruikers.StartSessie(ctx, g)
	if err != nil {
		s.logger.ErrorContext(ctx, "start session", "err", err)
		s.fout(w, r, http.StatusServiceUnavailable, "Inloggen lukt nu niet", "De sociale kaart is tijdelijk niet bereikbaar. Probeer het over een minuut opnieuw.")
		return
	}
	s.setCookie(w, r, cookieSessie, token, sess.Verloopt.Sub(sess.Aangemaakt))
	s.logger.InfoContext(ctx, "logged in", "gebruiker", g.ID, "rol", g.Rol)
	http.Redirect(w, r, safeReturn(terug), http.StatusSeeOther)
}

// inloggenDev logs in as one of the development login's people.
func (s *Server) inloggenDev(w http.ResponseWriter, r *http.Request) {
	if s.login == nil || !s.login.devLogin {
		s.fout(w, r, http.StatusNotFound, "Ontwikkel-login staat uit", "De ontwikkel-login staat op deze server uit.")
		return
	}
	if !s.devAllowed(r) {
		s.logger.WarnContext(r.Context(), "development login refused from outside loopback")
		s.fout(w, r, http.StatusForbidden, "Geen toegang", "De ontwikkel-login werkt alleen vanaf deze machine zelf.")
		return
	}
	if !s.throttle(w, r, s.login.perIP, "ip:"+ClientIP(r.Context())) {
		return
	}
	if !sameOrigin(r, s.secureRequest(r)) || !equalToken(r.PostFormValue(CSRFField), s.cookie(r, cookieVoorlogin)) {
		s.fout(w, r, http.StatusForbidden, "Formulier verlopen", "Dit formulier is verlopen of kwam niet van deze site. Open Inloggen opnieuw.")
		return
	}
	want := r.PostFormValue("gebruiker")
	for _, g := range s.login.opts.DevGebruikers {
		if g.Subject != want {
			continue
		}
		if !s.throttle(w, r, s.login.perAccount, "account:"+DevLoginIssuer+"|"+g.Subject) {
			return
		}
		g.Issuer = DevLoginIssuer
		if g.ID == "" {
			g.ID = "gebr-dev-" + g.Subject
		}
		if g.Aangemaakt.IsZero() {
			g.Aangemaakt = time.Now().UTC()
		}
		stored, err := s.login.opts.Gebruikers.Store.UpsertGebruiker(r.Context(), g)
		if err != nil {
			s.logger.ErrorContext(r.Context(), "store development user", "err", err)
			s.fout(w, r, http.StatusServiceUnavailable, "Inloggen lukt nu niet", "De sociale kaart is tijdelijk niet bereikbaar. Probeer het over een minuut opnieuw.")
			return
		}
		s.startSession(w, r, stored, r.PostFormValue("terug"))
		return
	}
	s.fout(w, r, http.StatusBadRequest, "Onbekende gebruiker", "Kies een van de demogebruikers.")
}

// uitloggen ends the session. The form must carry the session's CSRF token.
func (s *Server) uitloggen(w http.ResponseWriter, r *http.Request) {
	r, ok := s.withSession(w, r)
	if r == nil {
		return
	}
	if ok {
		sess, _, _ := SessieFrom(r.Context())
		if !sameOrigin(r, s.secureRequest(r)) || !equalToken(r.PostFormValue(CSRFField), sess.CSRF) {
			s.fout(w, r, http.StatusForbidden, "Formulier verlopen", "Dit formulier is verlopen of kwam niet van deze site. U bent nog ingelogd; probeer opnieuw uit te loggen.")
			return
		}
		if err := s.login.opts.Gebruikers.EndSessie(r.Context(), s.cookie(r, cookieSessie)); err != nil {
			s.logger.ErrorContext(r.Context(), "end session", "err", err)
			s.fout(w, r, http.StatusServiceUnavailable, "Uitloggen lukt nu niet", "De sociale kaart is tijdelijk niet bereikbaar. Probeer het over een minuut opnieuw.")
			return
		}
	}
	s.setCookie(w, r, cookieSessie, "", 0)
	http.Redirect(w, r, RouteInloggen+"?uitgelogd", http.StatusSeeOther)
}

// sessieInfo tells a page's script who is logged in and the CSRF token its
// GraphQL POSTs must send. Other sites cannot read it: CORS never allows
// credentials.
func (s *Server) sessieInfo(w http.ResponseWriter, r *http.Request) {
	r, ok := s.withSession(w, r)
	if r == nil {
		return
	}
	type info struct {
		Ingelogd bool   `json:"ingelogd"`
		Naam     string `json:"naam,omitempty"`
		Rol      string `json:"rol,omitempty"`
		CSRF     string `json:"csrf,omitempty"`
		DevLogin bool   `json:"ontwikkelLogin,omitempty"`
	}
	out := info{DevLogin: s.login.devLogin}
	if ok {
		sess, v, _ := SessieFrom(r.Context())
		out = info{Ingelogd: true, Naam: v.Door(), Rol: string(v.Rol), CSRF: sess.CSRF, DevLogin: s.login.devLogin}
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

// withLoginBar serves the residents' pages with the session's viewer known
// and, on HTML pages, a bar saying who is logged in and, when the
// development login is on, that it is. The web handler itself stays unaware.
func (s *Server) withLoginBar(next http.Handler) http.Handler {
	if s.login == nil || next == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The residents' pages do not need the session: when the store
		// cannot be asked they are served as to anyone.
		r, ok, err := s.resolveSession(w, r)
		if err != nil {
			s.logger.WarnContext(r.Context(), "resolve session for page", "err", err)
		}
		if (!ok && !s.login.devLogin) || strings.HasPrefix(r.URL.Path, "/static/") || r.Method != http.MethodGet {
			next.ServeHTTP(w, r)
			return
		}
		var bar bytes.Buffer
		d := &loginData{DevLogin: s.login.devLogin}
		if sess, v, ok := SessieFrom(r.Context()); ok {
			d.Ingelogd, d.CSRF = &v, sess.CSRF
		}
		if err := loginPage.ExecuteTemplate(&bar, "balk", d); err != nil {
			next.ServeHTTP(w, r)
			return
		}
		// The bar goes into the uncompressed page.
		r2 := r.Clone(r.Context())
		r2.Header.Del("Accept-Encoding")
		bw := &bufferWriter{header: http.Header{}}
		next.ServeHTTP(bw, r2)
		body := bw.body.Bytes()
		if strings.HasPrefix(bw.header.Get("Content-Type"), "text/html") {
			// Before <main>, after the skip link and header; else at the top.
			at := bytes.Index(body, []byte("<main"))
			if at < 0 {
				if i := bytes.Index(body, []byte("<body")); i >= 0 {
					if j := bytes.IndexByte(body[i:], '>'); j >= 0 {
						at = i + j + 1
					}
				}
			}
			if at >= 0 {
				body = append(body[:at:at], append(bar.Bytes(), body[at:]...)...)
			}
			bw.header.Del("Content-Length")
			// The page was asked uncompressed to insert the bar; compress
			// it again for a client that accepts it.
			if len(body) > 1024 && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				var gz bytes.Buffer
				zw, _ := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
				_, _ = zw.Write(body)
				_ = zw.Close()
				body = gz.Bytes()
				bw.header.Set("Content-Encoding", "gzip")
				bw.header.Add("Vary", "Accept-Encoding")
			}
		}
		for k, v := range bw.header {
			w.Header()[k] = v
		}
		if bw.status == 0 {
			bw.status = http.StatusOK
		}
		w.WriteHeader(bw.status)
		_, _ = w.Write(body)
	})
}

// bufferWriter keeps a response in memory.
type bufferWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferWriter) Header() http.Header { return b.header }
func (b *bufferWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}
func (b *bufferWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}
