// Package httpserver serves the sociale kaart over HTTP: GraphQL, the
// playground, health and readiness, and metrics, behind the middleware every
// request passes (request id, access log, panic recovery, body limit, CORS,
// trusted proxies, security headers and API-key authentication).
package httpserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/metrics"
	"github.com/socialekaart/socialekaart/internal/ratelimit"
)

// Defaults for Options fields left zero.
const (
	DefaultAddr         = "localhost:8080"
	DefaultMaxBodyBytes = 1 << 20
	DefaultReadyTimeout = 3 * time.Second
)

// Routes, also the values of the metrics' route label.
const (
	RouteGraphQL = "/graphql"
	RouteHealthz = "/healthz"
	RouteReadyz  = "/readyz"
	RouteMetrics = "/metrics"
	routeOther   = "other"
)

// Authenticator turns a bearer token into a viewer. *kaart.Sleutels is one.
// It returns an UNAUTHENTICATED kaart.Error for a token that is not valid.
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (kaart.Viewer, error)
}

// Options configure a Server. Only Logger is needed; a nil GraphQL handler
// makes /graphql answer 503.
type Options struct {
	// Addr is the TCP address to listen on; "127.0.0.1:0" picks a free port.
	Addr   string
	Logger *slog.Logger

	// GraphQL serves GET and POST /graphql.
	GraphQL http.Handler
	// Playground is served for GET /graphql from a browser (Accept:
	// text/html, no query parameter). Nil disables it.
	Playground http.Handler
	// Auth checks "Authorization: Bearer" tokens on /graphql.
	Auth Authenticator
	// Ready reports whether the service can serve: Neo4j reachable and
	// migrations applied. Its error is logged; /readyz shows only a code and
	// a short reason. Nil means ready.
	Ready func(ctx context.Context) error
	// Metrics, when set, records requests and is served on /metrics.
	Metrics *metrics.Metrics

	// CORSOrigins are the origins (scheme://host[:port]) allowed to call the
	// API from a browser, matched exactly. A single "*" allows any origin.
	// Credentials (cookies) are never allowed: the API uses bearer tokens.
	CORSOrigins []string
	// TrustedProxies are the peers whose X-Forwarded-For is believed.
	TrustedProxies []netip.Prefix
	// MaxBodyBytes bounds request bodies (DefaultMaxBodyBytes when 0).
	MaxBodyBytes int64
	// LimitPerIP limits requests per client address (after TrustedProxies)
	// on every route but the probes and /metrics; LimitPerKey limits
	// /graphql per API key or logged-in person. Nil means no limit. Over a
	// limit a request gets 429 with Retry-After (see ratelimit.go).
	LimitPerIP  *ratelimit.Limiter
	LimitPerKey *ratelimit.Limiter

	// Demo marks every response with "X-Socialekaart-Demo: true", and
	// /healthz with "demo": true, because the data is not real.
	Demo bool
	// Version is shown on /healthz.
	Version string

	// Web, when set, serves every path the API does not (the residents'
	// pages of internal/web); otherwise such paths answer a JSON 404. When
	// it implements TooManyRequestsPage, a page request over LimitPerIP gets
	// its 429 page instead of the JSON error.
	Web http.Handler

	// Regie, when set, serves the pages for regisseurs and partners under
	// /regie/ as the person logged in (see sessionPages).
	Regie http.Handler

	// Login, when set, serves /inloggen, /auth/callback and /uitloggen, and
	// turns a session cookie into the person's viewer (see session.go).
	Login *Login

	// Zoekbeheer, when set, is the search index the admin routes rebuild
	// and check for a platform beheerder (see admin.go); nil makes them
	// answer 503.
	Zoekbeheer Zoekbeheer

	ReadHeaderTimeout time.Duration // 10s when 0
	ReadTimeout       time.Duration // 30s when 0
	WriteTimeout      time.Duration // 60s when 0
	IdleTimeout       time.Duration // 120s when 0
}

// Server is the HTTP server. Create it with New, start it with Open, stop it
// with Shutdown.
type Server struct {
	opts    Options
	logger  *slog.Logger
	handler http.Handler
	srv     *http.Server

	mu       sync.Mutex
	listener net.Listener
	errc     chan error

	readyState atomic.Int32 // 0 unknown, 1 ready, 2 not ready: logged on change

	login *loginState // nil when Options.Login is not set
}

// New returns a server for opts. It does not listen yet.
func New(opts Options) *Server {
	if opts.Addr == "" {
		opts.Addr = DefaultAddr
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	s := &Server{opts: opts, logger: opts.Logger, errc: make(chan error, 1)}
	s.handler = s.middleware(s.routes())
	s.srv = &http.Server{
		Addr:              opts.Addr,
		Handler:           s.handler,
		ReadHeaderTimeout: orDefault(opts.ReadHeaderTimeout, 10*time.Second),
		ReadTimeout:       orDefault(opts.ReadTimeout, 30*time.Second),
		WriteTimeout:      orDefault(opts.WriteTimeout, 60*time.Second),
		IdleTimeout:       orDefault(opts.IdleTimeout, 120*time.Second),
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(opts.Logger.Handler(), slog.LevelWarn),
	}
	return s
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Handler returns the server's handler with all middleware, for tests.
func (s *Server) Handler() http.Handler { return s.handler }

// Open listens on Options.Addr and serves in the background. Errors while
// serving, other than a shutdown, arrive on Err.
func (s *Server) Open() error {
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.opts.Addr, err)
	}
	s.mu.Lock()
	s.listener = ln
	s.mu.Unlock()
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.errc <- fmt.Errorf("serve http: %w", err)
		}
	}()
	return nil
}

// Err delivers an error that stopped the server while serving.
func (s *Server) Err() <-chan error { return s.errc }

// Addr returns the address the server listens on, with the real port when
// Options.Addr asked for port 0. It is empty before Open.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listener == nil {
		return ""
	}
	return s.listener.Addr().String()
}

// URL returns the base URL of the running server, such as http://127.0.0.1:8080.
func (s *Server) URL() string {
	addr := s.Addr()
	if addr == "" {
		return ""
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	if ip, err := netip.ParseAddr(host); err == nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// Shutdown stops accepting requests and waits for those in progress until
// ctx ends; then it closes the remaining connections.
func (s *Server) Shutdown(ctx context.Context) error {
	if err := s.srv.Shutdown(ctx); err != nil {
		_ = s.srv.Close()
		return fmt.Errorf("shutdown http: %w", err)
	}
	return nil
}
