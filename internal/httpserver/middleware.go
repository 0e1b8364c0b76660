package httpserver

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// middleware wraps h in everything a request passes, outermost first.
func (s *Server) middleware(h http.Handler) http.Handler {
	h = s.limitBody(h)
	h = s.limitPerIP(h)
	h = s.cors(h)
	h = s.recoverPanic(h)
	h = s.accessLog(h)
	h = s.securityHeaders(h)
	h = s.requestContext(h)
	return h
}

// requestContext decides the request id and client address and puts them
// into the context, for every log line and response after it.
func (s *Server) requestContext(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !saneRequestID(id) {
			id = newRequestID()
		}
		info := &requestInfo{id: id, clientIP: clientIP(r, s.opts.TrustedProxies)}
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(w, r.WithContext(withRequestInfo(r.Context(), info)))
	})
}

// saneRequestID accepts ids a client or proxy may send: up to 128 of the
// characters found in UUIDs and trace ids, nothing that could forge a log line.
func saneRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':') {
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:]) // never fails; see crypto/rand.Read
	return hex.EncodeToString(b[:])
}

// clientIP returns the peer's address, or, when the peer is a trusted proxy,
// the right-most address in X-Forwarded-For that is not itself a trusted
// proxy. Addresses left of that one are set by the client and not believed.
func clientIP(r *http.Request, trusted []netip.Prefix) string {
	peer, ok := parseAddr(r.RemoteAddr)
	if !ok {
		return r.RemoteAddr
	}
	if !isTrusted(peer, trusted) {
		return peer.String()
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		for _, hop := range strings.Split(v, ",") {
			hops = append(hops, strings.TrimSpace(hop))
		}
	}
	for i := len(hops) - 1; i >= 0; i-- {
		addr, ok := parseAddr(hops[i])
		if !ok {
			// A trusted proxy passed on something that is no address: the
			// last address we could trust is the best we know.
			break
		}
		peer = addr
		if !isTrusted(addr, trusted) {
			break
		}
	}
	return peer.String()
}

// parseAddr reads "1.2.3.4", "1.2.3.4:5678", "::1" or "[::1]:5678".
func parseAddr(s string) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap(), true
	}
	if host, _, err := net.SplitHostPort(s); err == nil {
		if a, err := netip.ParseAddr(host); err == nil {
			return a.Unmap(), true
		}
	}
	return netip.Addr{}, false
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// securityHeaders sets headers that make the API's responses safe to receive
// in a browser, and the demo marker.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		// Answers depend on the API key: no shared cache may keep them.
		h.Set("Cache-Control", "no-store")
		if r.TLS != nil || (isTrusted(mustAddr(r.RemoteAddr), s.opts.TrustedProxies) && r.Header.Get("X-Forwarded-Proto") == "https") {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		if s.opts.Demo {
			h.Set("X-Socialekaart-Demo", "true")
		}
		next.ServeHTTP(w, r)
	})
}

func mustAddr(s string) netip.Addr {
	a, _ := parseAddr(s)
	return a
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		if w.status == 0 {
			w.status = http.StatusOK
		}
		f.Flush()
	}
}

func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(w.ResponseWriter).Hijack()
}

// accessLog logs one JSON line per request and records request metrics.
// Probes and scrapes are logged at debug level only.
func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		done := s.opts.Metrics.RequestStarted()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			done()
			d := time.Since(start)
			status := sw.status
			if status == 0 {
				status = http.StatusOK
			}
			rt := route(r.URL.Path)
			s.opts.Metrics.ObserveHTTP(rt, r.Method, status, d)

			level := slog.LevelInfo
			switch {
			case status >= 500:
				level = slog.LevelError
			case rt == RouteHealthz || rt == RouteReadyz || rt == RouteMetrics:
				level = slog.LevelDebug
			}
			ctx := r.Context()
			if !s.logger.Enabled(ctx, level) {
				return
			}
			attrs := []slog.Attr{
				slog.String("method", r.Method),
				slog.String("path", truncate(r.URL.Path, 200)),
				slog.String("route", rt),
				slog.Int("status", status),
				slog.Int64("bytes", sw.bytes),
				slog.Float64("duration_ms", float64(d.Microseconds())/1000),
				slog.String("client_ip", ClientIP(ctx)),
			}
			if info := infoFrom(ctx); info != nil && info.sleutel != "" {
				attrs = append(attrs, slog.String("sleutel", info.sleutel))
			}
			if ua := r.UserAgent(); ua != "" {
				attrs = append(attrs, slog.String("user_agent", truncate(ua, 200)))
			}
			s.logger.LogAttrs(ctx, level, "http request", attrs...)
		}()
		next.ServeHTTP(sw, r)
	})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// recoverPanic turns a panic in a handler into a 500 and a logged stack,
// so one bad request does not take the process down.
func (s *Server) recoverPanic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p) // the handler asked to abort the response; net/http handles it
			}
			s.logger.ErrorContext(r.Context(), "panic serving request",
				"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			if sw, ok := w.(*statusWriter); ok && sw.status != 0 {
				return // the response has begun; the client sees it cut short
			}
			w.Header().Set("Connection", "close")
			s.writeError(w, r, http.StatusInternalServerError, kaart.EINTERNAL, kaart.ErrorMessage(nil))
		}()
		next.ServeHTTP(w, r)
	})
}

// cors lets browsers on the allowed origins call the API. Origins match
// exactly; a single "*" allows any origin. Credentials are never allowed.
func (s *Server) cors(next http.Handler) http.Handler {
	anyOrigin := slices.Contains(s.opts.CORSOrigins, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		h := w.Header()
		h.Add("Vary", "Origin")
		allowed := origin != "" && (anyOrigin || slices.Contains(s.opts.CORSOrigins, origin))
		preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
		if preflight {
			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
		}
		if !allowed {
			if preflight {
				// No CORS headers: the browser refuses the real request.
				w.WriteHeader(http.StatusNoContent)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		if anyOrigin {
			h.Set("Access-Control-Allow-Origin", "*")
		} else {
			h.Set("Access-Control-Allow-Origin", origin)
		}
		if preflight {
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-ID")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.Set("Access-Control-Expose-Headers", "X-Request-ID, X-Socialekaart-Demo")
		next.ServeHTTP(w, r)
	})
}

// limitBody refuses bodies over MaxBodyBytes with 413. A body without a
// declared length is read here, so that an oversized one is refused before
// the handler starts.
func (s *Server) limitBody(next http.Handler) http.Handler {
	max := s.opts.MaxBodyBytes
	tooLarge := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
		s.writeError(w, r, http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE",
			"Het verzoek is te groot: hoogstens "+strconv.FormatInt(max, 10)+" bytes. Vraag minder tegelijk.")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > max {
			tooLarge(w, r)
			return
		}
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, max)
		if r.ContentLength < 0 {
			b, err := io.ReadAll(r.Body)
			var tooBig *http.MaxBytesError
			switch {
			case errors.As(err, &tooBig):
				tooLarge(w, r)
				return
			case err != nil:
				s.writeError(w, r, http.StatusBadRequest, "BAD_REQUEST", "Het verzoek kon niet gelezen worden.")
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(b))
			r.ContentLength = int64(len(b))
		}
		next.ServeHTTP(w, r)
	})
}

// authenticate puts the viewer of an "Authorization: Bearer" token into the
// context. No header means an anonymous viewer; a header that is not a
// valid key is refused with 401, never downgraded to anonymous.
func (s *Server) authenticate(next http.Handler) http.Handler {
	const help = "Gebruik de kop \"Authorization: Bearer <API-sleutel>\", of laat hem weg om anoniem te zoeken."
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		values := r.Header.Values("Authorization")
		if len(values) == 0 {
			s.sessionOrAnonymous(next, w, r) // a session cookie, or anonymous
			return
		}
		unauthorized := func(msg string) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="socialekaart", error="invalid_token"`)
			s.writeError(w, r, http.StatusUnauthorized, kaart.EUNAUTHENTICATED, msg)
		}
		scheme, token, ok := strings.Cut(strings.TrimSpace(values[0]), " ")
		token = strings.TrimSpace(token)
		if len(values) > 1 || !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
			unauthorized("De Authorization-kop is ongeldig. " + help)
			return
		}
		if s.opts.Auth == nil {
			unauthorized("Deze server accepteert geen API-sleutels.")
			return
		}
		ctx := r.Context()
		v, err := s.opts.Auth.Authenticate(ctx, token)
		switch kaart.ErrorCode(err) {
		case "":
		case kaart.EUNAUTHENTICATED:
			unauthorized(kaart.ErrorMessage(err))
			return
		case kaart.EUNAVAILABLE:
			s.logger.WarnContext(ctx, "authenticate api key", "err", err)
			s.writeError(w, r, http.StatusServiceUnavailable, kaart.EUNAVAILABLE,
				"De sociale kaart is tijdelijk niet bereikbaar. Probeer het over een minuut opnieuw.")
			return
		default:
			s.logger.ErrorContext(ctx, "authenticate api key", "err", err)
			s.writeError(w, r, http.StatusInternalServerError, kaart.EINTERNAL, kaart.ErrorMessage(err))
			return
		}
		if info := infoFrom(ctx); info != nil {
			info.sleutel = v.SleutelID
		}
		next.ServeHTTP(w, r.WithContext(kaart.WithViewer(ctx, v)))
	})
}
