package httpserver

import (
	"context"
	"crypto/subtle"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/ratelimit"
)

// Login configures logging in people: OpenID Connect as the production
// path, and a development login for the demo. A browser that logged in
// holds a session cookie; authenticate turns it into the person's viewer.
type Login struct {
	// Gebruikers keeps people and sessions (required).
	Gebruikers *kaart.Gebruikers
	// OIDC, when set, logs people in with their organisation's identity
	// provider.
	OIDC *OIDC
	// DevLogin lets anyone on this machine log in as one of DevGebruikers
	// without credentials. It only works when the server listens on a
	// loopback address and the request comes from loopback, and every page
	// then says so.
	DevLogin      bool
	DevGebruikers []kaart.Gebruiker

	// PerIP and PerAccount throttle login attempts; nil means the defaults
	// (30 per minute per address, 10 per minute per account).
	PerIP      *ratelimit.Limiter
	PerAccount *ratelimit.Limiter
}

// OIDC is an OpenID Connect relying party's registration.
type OIDC struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	// RedirectURL is this server's /auth/callback as registered at the provider.
	RedirectURL string
	// HTTPClient talks to the provider; nil means http.DefaultClient.
	HTTPClient *http.Client
}

// Names of the cookies. With Secure set they carry the __Host- prefix, which
// makes browsers refuse them unless Secure, host-only and Path=/.
const (
	cookieSessie    = "sk_sessie"
	cookieLogin     = "sk_login"     // the OIDC state of a login in progress
	cookieVoorlogin = "sk_voorlogin" // CSRF token of the login form, before a session exists
	// CSRFHeader carries the session's CSRF token on GraphQL POSTs
	// authenticated by the session cookie.
	CSRFHeader = "X-CSRF-Token"
	// CSRFField is the hidden form field carrying the session's CSRF token.
	CSRFField = "csrf"
)

type sessieKey struct{}

// SessieFrom returns the session of a request authenticated by a session
// cookie, for pages that render forms (CSRF token) or the person's name.
func SessieFrom(ctx context.Context) (kaart.Sessie, kaart.Viewer, bool) {
	s, ok := ctx.Value(sessieKey{}).(*sessieInfo)
	if !ok {
		return kaart.Sessie{}, kaart.Viewer{}, false
	}
	return s.sessie, s.viewer, true
}

type sessieInfo struct {
	sessie kaart.Sessie
	viewer kaart.Viewer
}

// secureRequest reports whether cookies for r must be Secure: always,
// except for plain http to and from loopback, which is development on one's
// own machine. A Secure cookie over plain http elsewhere is not stored by the
// browser, so a misconfigured proxy fails closed.
func (s *Server) secureRequest(r *http.Request) bool {
	if r.TLS != nil || (isTrusted(mustAddr(r.RemoteAddr), s.opts.TrustedProxies) && r.Header.Get("X-Forwarded-Proto") == "https") {
		return true
	}
	return !(loopbackHost(hostOnly(r.Host)) && mustAddr(r.RemoteAddr).IsLoopback())
}

func cookieName(secure bool, name string) string {
	if secure {
		return "__Host-" + name
	}
	return name
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge time.Duration) {
	secure := s.secureRequest(r)
	c := &http.Cookie{
		Name: cookieName(secure, name), Value: value, Path: "/",
		Secure: secure, HttpOnly: true, SameSite: http.SameSiteLaxMode,
	}
	if maxAge > 0 {
		c.MaxAge = int(maxAge.Seconds())
	} else {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

func (s *Server) cookie(r *http.Request, name string) string {
	c, err := r.Cookie(cookieName(s.secureRequest(r), name))
	if err != nil {
		return ""
	}
	return c.Value
}

// sessionOrAnonymous is authenticate's path for a request without an
// Authorization header: a valid session cookie makes it the person's
// request, anything else leaves it anonymous. A POST authenticated by the
// cookie must also carry the session's CSRF token in X-CSRF-Token and must
// not come from another site, so that a foreign page cannot act for the person.
func (s *Server) sessionOrAnonymous(next http.Handler, w http.ResponseWriter, r *http.Request) {
	r, ok := s.withSession(w, r)
	if r == nil {
		return // answered: the store is unavailable
	}
	if ok && r.Method != http.MethodGet && r.Method != http.MethodHead {
		sess, _, _ := SessieFrom(r.Context())
		if !sameOrigin(r, s.secureRequest(r)) || !equalToken(r.Header.Get(CSRFHeader), sess.CSRF) {
			s.writeError(w, r, http.StatusForbidden, kaart.EFORBIDDEN,
				"Dit verzoek met uw sessie mist de CSRF-bescherming: stuur de kop "+CSRFHeader+" met het token van uw sessie (GET /auth/sessie), vanaf deze site.")
			return
		}
	}
	next.ServeHTTP(w, r)
}

// withSession resolves the session cookie. It returns the request with the
// viewer and session in its context and true, or the request unchanged and
// false when there is no valid session (a stale cookie is removed), or nil
// after answering 503 when the store cannot be reached.
func (s *Server) withSession(w http.ResponseWriter, r *http.Request) (*http.Request, bool) {
	r2, ok, err := s.resolveSession(w, r)
	if err != nil {
		s.logger.WarnContext(r.Context(), "resolve session", "err", err)
		s.writeError(w, r, http.StatusServiceUnavailable, kaart.EUNAVAILABLE,
			"De sociale kaart is tijdelijk niet bereikbaar. Probeer het over een minuut opnieuw.")
		return nil, false
	}
	return r2, ok
}

// resolveSession is withSession without answering: an error means the
// store could not be asked.
func (s *Server) resolveSession(w http.ResponseWriter, r *http.Request) (*http.Request, bool, error) {
	if s.login == nil {
		return r, false, nil
	}
	token := s.cookie(r, cookieSessie)
	if token == "" {
		return r, false, nil
	}
	ctx := r.Context()
	sess, v, err := s.login.opts.Gebruikers.Sessie(ctx, token)
	switch kaart.ErrorCode(err) {
	case "":
	case kaart.EUNAUTHENTICATED:
		s.setCookie(w, r, cookieSessie, "", 0)
		return r, false, nil
	default:
		return r, false, err
	}
	ctx = kaart.WithViewer(ctx, v)
	ctx = context.WithValue(ctx, sessieKey{}, &sessieInfo{sessie: sess, viewer: v})
	return r.WithContext(ctx), true, nil
}

// sameOrigin reports whether a state-changing request comes from this site:
// Sec-Fetch-Site, when the browser sends it, must be same-origin (or none:
// typed by the person), and Origin, when sent, must be this server's. Clients
// that send neither (not browsers) pass; the CSRF token still binds them.
func sameOrigin(r *http.Request, secure bool) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	if origin == "null" {
		// Browsers send "null" from pages with Referrer-Policy no-referrer;
		// then only their own Sec-Fetch-Site tells where the form was.
		return r.Header.Get("Sec-Fetch-Site") == "same-origin"
	}
	scheme := "http://"
	if secure {
		scheme = "https://"
	}
	return strings.EqualFold(origin, scheme+r.Host)
}

func equalToken(got, want string) bool {
	return got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func hostOnly(hostport string) string {
	if h, _, ok := strings.Cut(hostport, ":"); ok && !strings.HasPrefix(hostport, "[") {
		return h
	}
	if strings.HasPrefix(hostport, "[") {
		if i := strings.Index(hostport, "]"); i > 0 {
			return hostport[1:i]
		}
	}
	return hostport
}

func loopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Unmap().IsLoopback()
}

// sessionPages serves server-rendered pages as the person logged in. A form
// POST must come from this site and carry the session's CSRF token in the
// form field csrf; anything else is refused before the page sees it.
func (s *Server) sessionPages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, ok := s.withSession(w, r)
		if r == nil {
			return // answered: the store is unavailable
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead &&
			(!ok || !sameOrigin(r, s.secureRequest(r)) || !CheckSessionForm(r)) {
			s.fout(w, r, http.StatusForbidden, "Formulier geweigerd",
				"Dit formulier kwam niet van deze site of uw sessie is verlopen. Log opnieuw in en probeer het nog eens.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// SessionCSRF returns the CSRF token of the request's session, for the
// hidden csrf field of a form; "" without a session.
func SessionCSRF(r *http.Request) string {
	sess, _, ok := SessieFrom(r.Context())
	if !ok {
		return ""
	}
	return sess.CSRF
}

// CheckSessionForm reports whether a posted form carries its session's CSRF
// token.
func CheckSessionForm(r *http.Request) bool {
	sess, _, ok := SessieFrom(r.Context())
	return ok && equalToken(r.PostFormValue(CSRFField), sess.CSRF)
}
