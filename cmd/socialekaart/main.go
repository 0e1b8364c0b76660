// Command socialekaart serves the sociale kaart of Dutch neighbourhoods over
// GraphQL, and manages its database: migrations, demo data, API keys, export
// and import. Run "socialekaart help" for the subcommands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/socialekaart/socialekaart/graph"
	"github.com/socialekaart/socialekaart/internal/config"
	"github.com/socialekaart/socialekaart/internal/demo"
	"github.com/socialekaart/socialekaart/internal/httpserver"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/metrics"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jlocal"
	"github.com/socialekaart/socialekaart/internal/ratelimit"
	"github.com/socialekaart/socialekaart/internal/regie"
	"github.com/socialekaart/socialekaart/internal/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := NewMain()
	m.stopSignals = stop
	code := m.Execute(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// Main is the program. Execute runs a command line; Run and Close start and
// stop the server, so end-to-end tests can run it in process on port 0.
// Main wires the concrete adapters together: the store (internal/neo4j), the
// local Neo4j (internal/neo4jlocal), GraphQL (graph) and the demo data.
type Main struct {
	Config config.Config
	Logger *slog.Logger // built from Config by Execute when nil

	Stdin          io.Reader
	Stdout, Stderr io.Writer
	LookupEnv      func(string) (string, bool)

	// Set by Run (DB also by the other commands while they run).
	Metrics  *metrics.Metrics
	DB       *neo4j.Store
	Sleutels *kaart.Sleutels
	// Toegang caches verified API keys and sessions (nil: off).
	Toegang    *kaart.ToegangCache
	HTTPServer *httpserver.Server
	// Demo reports whether the database holds the demo data.
	Demo bool

	local       *neo4jlocal.Server
	search      *searchState
	stopSignals func() // restores default signal handling, so a second ^C kills
}

// NewMain returns a program with the default configuration, reading the
// process's environment and standard streams.
func NewMain() *Main {
	return &Main{
		Config:    config.Default(),
		Stdin:     os.Stdin,
		Stdout:    os.Stdout,
		Stderr:    os.Stderr,
		LookupEnv: os.LookupEnv,
	}
}

const (
	databaseWait    = 60 * time.Second
	shutdownTimeout = 20 * time.Second
	stopTimeout     = 45 * time.Second
)

// Run starts the server: the local Neo4j if no NEO4J_URI is set, the store,
// migrations, demo data into an empty database when Config.Demo is set, and
// HTTP. It returns once the server listens; on error, call Close to release
// what was started.
func (m *Main) Run(ctx context.Context) error {
	m.ensureLogger(true)
	m.Metrics = metrics.New()
	if err := m.openDatabase(ctx, m.Metrics.ObserveStatement); err != nil {
		return err
	}
	m.Logger.InfoContext(ctx, "applying migrations")
	if err := m.DB.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	isDemo, err := m.prepareDemo(ctx)
	if err != nil {
		return err
	}
	m.Demo = isDemo

	c := m.Config
	// One credential cache for keys and sessions: one read of the
	// toegangsversie per poll interval for the whole process.
	m.Toegang = nil
	if c.ToegangPollMillis > 0 {
		m.Toegang = &kaart.ToegangCache{Signaal: m.DB, Interval: time.Duration(c.ToegangPollMillis) * time.Millisecond}
		m.Metrics.ObserveToegangCache(m.Toegang.Stats)
	}
	m.Sleutels = &kaart.Sleutels{Store: m.DB, Now: time.Now, Logger: m.Logger, Cache: m.Toegang}
	svc := &kaart.Service{Store: m.DB, Voorstellen: m.DB}
	if err := m.openSearch(ctx, svc); err != nil {
		return err
	}
	api := graph.NewHandler(svc, graph.Options{
		Introspection:    c.Introspection,
		MaxDepth:         c.MaxDepth,
		MaxAliases:       c.MaxAliases,
		MaxTokens:        c.MaxTokens,
		ComplexityLimit:  c.MaxComplexity,
		MaxResponseBytes: c.MaxResponseBytes,
		OnError:          m.Metrics.ObserveGraphQLError,
		Sleutels:         m.Sleutels,
	}, m.Logger)
	var playground http.Handler
	if c.Introspection {
		playground = graph.Playground(httpserver.RouteGraphQL)
	}
	m.HTTPServer = httpserver.New(httpserver.Options{
		Addr:           c.Addr,
		Logger:         m.Logger,
		GraphQL:        api,
		Playground:     playground,
		Auth:           m.Sleutels,
		Ready:          m.ready,
		Metrics:        m.Metrics,
		CORSOrigins:    c.CORSOrigins,
		TrustedProxies: c.TrustedProxyPrefixes(),
		MaxBodyBytes:   c.MaxBodyBytes,
		LimitPerIP:     perMinute(c.RateLimitPerIP, c.RateLimitBurst),
		LimitPerKey:    perMinute(c.RateLimitPerKey, c.RateLimitBurst),
		Demo:           m.Demo,
		Version:        versionString(),
		Login:          m.loginOptions(c),
		Zoekbeheer:     m.zoekbeheer(), // reindex and check of a running server
		// The residents' pages; reports of mistakes wait in the review queue.
		Web: web.NewHandler(web.Options{Kaart: svc, Zoeker: m.webZoeker(svc, ""), Demo: m.Demo, Logger: m.Logger, APIPath: httpserver.RouteGraphQL,
			Meldingen: web.WachtrijMeldingen{Wachtrij: svc}}),
		// The pages for regisseurs and partners, as the person logged in.
		Regie: regie.NewHandler(regie.Options{Kaart: svc, Sleutels: m.Sleutels, Logger: m.Logger, Demo: m.Demo, DevLogin: c.DevLogin,
			LoginURL: httpserver.RouteInloggen, LogoutURL: "/uitloggen",
			CSRFToken: httpserver.SessionCSRF, CheckCSRF: httpserver.CheckSessionForm}),
	})
	if err := m.HTTPServer.Open(); err != nil {
		return err
	}
	m.Logger.InfoContext(ctx, "serving",
		"url", m.HTTPServer.URL()+httpserver.RouteGraphQL,
		"playground", playground != nil,
		"demo", m.Demo)
	return nil
}

// perMinute is a rate limiter of n requests per minute, nil (no limit) for 0.
func perMinute(n, burst int) *ratelimit.Limiter {
	if n <= 0 {
		return nil
	}
	return ratelimit.New(float64(n)/60, burst, nil)
}

// Close stops what Run started, in order: HTTP (letting requests finish),
// the store, then the local Neo4j. It may be called after a failed Run, and
// more than once.
func (m *Main) Close() error {
	var errs []error
	if m.HTTPServer != nil {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		if err := m.HTTPServer.Shutdown(ctx); err != nil {
			errs = append(errs, err)
		}
		cancel()
		m.HTTPServer = nil
	}
	errs = append(errs, m.closeSearch(), m.closeDatabase())
	return errors.Join(errs...)
}

// closeDatabase closes the store and stops the local Neo4j.
func (m *Main) closeDatabase() error {
	var errs []error
	ctx, cancel := context.WithTimeout(context.Background(), stopTimeout)
	defer cancel()
	if m.DB != nil {
		if err := m.DB.Close(ctx); err != nil {
			errs = append(errs, fmt.Errorf("close neo4j: %w", err))
		}
		m.DB = nil
	}
	if m.local != nil {
		m.logger().Info("stopping local neo4j")
		if err := m.local.Stop(ctx); err != nil {
			errs = append(errs, fmt.Errorf("stop local neo4j: %w", err))
		}
		m.local = nil
	}
	return errors.Join(errs...)
}

// serve runs the server until ctx ends (SIGINT, SIGTERM) or it fails.
func (m *Main) serve(ctx context.Context) error {
	if err := m.Run(ctx); err != nil {
		return errors.Join(err, m.Close())
	}
	var serveErr error
	select {
	case <-ctx.Done():
		m.Logger.Info("shutting down", "cause", context.Cause(ctx))
	case serveErr = <-m.HTTPServer.Err():
		m.Logger.Error("http server stopped", "err", serveErr)
	}
	if m.stopSignals != nil {
		m.stopSignals() // a second signal now ends the process at once
	}
	closeErr := m.Close()
	if closeErr == nil && serveErr == nil {
		m.Logger.Info("stopped")
	}
	return errors.Join(serveErr, closeErr)
}

// openDatabase starts the local Neo4j when no URI is configured, opens the
// store and waits until it answers.
func (m *Main) openDatabase(ctx context.Context, onStatement func(string, time.Duration, error)) error {
	log := m.logger()
	c := m.Config
	uri := c.Neo4jURI
	if c.LocalNeo4j() {
		dir := filepath.Join(c.DataDir, "neo4j")
		log.InfoContext(ctx, "starting local neo4j (set NEO4J_URI to use another server)", "data_dir", dir)
		var stderr io.Writer
		if c.Level() <= slog.LevelDebug {
			stderr = m.Stderr
		}
		local, err := neo4jlocal.Start(ctx, neo4jlocal.Options{
			DataDir:   dir,
			PageCache: c.Neo4jPageCache,
			JavaHeap:  c.Neo4jHeap,
			Logger:    log,
			Stderr:    stderr,
		})
		if err != nil {
			return fmt.Errorf("start local neo4j in %s: %w", dir, err)
		}
		m.local = local
		uri = local.URI()
		log.InfoContext(ctx, "local neo4j started", "uri", uri)
	}
	db, err := neo4j.Open(ctx, neo4j.Config{
		URI:         uri,
		User:        c.Neo4jUser,
		Password:    c.Neo4jPassword,
		Database:    c.Neo4jDatabase,
		Logger:      log,
		OnStatement: onStatement,
	})
	if err != nil {
		return fmt.Errorf("open neo4j: %w", err)
	}
	m.DB = db
	return waitForDatabase(ctx, db, uri, databaseWait, log)
}

// waitForDatabase pings until Neo4j answers, for a server that starts
// alongside this one.
func waitForDatabase(ctx context.Context, db *neo4j.Store, uri string, limit time.Duration, log *slog.Logger) error {
	deadline := time.Now().Add(limit)
	delay := 250 * time.Millisecond
	for {
		err := db.Ping(ctx)
		if err == nil {
			return nil
		}
		if time.Now().Add(delay).After(deadline) {
			return fmt.Errorf("neo4j at %s does not answer after %s: %w", uri, limit, err)
		}
		log.InfoContext(ctx, "waiting for neo4j", "uri", uri, "err", err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for neo4j at %s: %w", uri, context.Cause(ctx))
		case <-time.After(delay):
		}
		delay = min(2*delay, 5*time.Second)
	}
}

// ready is /readyz: Neo4j answers and has the current schema.
func (m *Main) ready(ctx context.Context) error {
	db := m.DB
	if db == nil {
		return errors.New("shutting down")
	}
	if err := db.Ping(ctx); err != nil {
		return fmt.Errorf("neo4j unreachable: %w", err)
	}
	ok, err := db.MigrationsApplied(ctx)
	if err != nil {
		return fmt.Errorf("check migrations: %w", err)
	}
	if !ok {
		return errors.New("migrations not applied: run socialekaart migrate, or restart serve")
	}
	return nil
}

// prepareDemo loads the demo data into an empty database when asked, and
// reports whether the database holds demo data, loaded now or before.
func (m *Main) prepareDemo(ctx context.Context) (bool, error) {
	log := m.logger()
	empty, err := m.DB.IsEmpty(ctx)
	if err != nil {
		return false, fmt.Errorf("check for data: %w", err)
	}
	switch {
	case empty && m.Config.Demo:
		if err := m.DB.Import(ctx, demo.Utrecht()); err != nil {
			return false, fmt.Errorf("load demo data: %w", err)
		}
		log.WarnContext(ctx, "DEMO DATA: the database was empty and now holds the invented Utrecht demo; it is not real data (--demo=false to start empty)")
		return true, nil
	case empty:
		log.InfoContext(ctx, "the database is empty; load data with 'socialekaart import' or 'socialekaart demo'")
		return false, nil
	}
	present, err := m.demoPresent(ctx)
	if err != nil {
		return false, err
	}
	if present {
		log.WarnContext(ctx, "DEMO DATA: the database holds the invented Utrecht demo; it is not real data (replace it with 'socialekaart import --replace')")
	}
	return present, nil
}

// demoPresent looks for a few records only the demo has. Gebieden are
// skipped: their ids are real CBS codes that real data shares.
func (m *Main) demoPresent(ctx context.Context) (bool, error) {
	var ids []string
	for _, r := range demo.Utrecht().Records {
		if r.Type == "Gebied" {
			continue
		}
		if id, ok := r.Eigenschappen["id"].(string); ok {
			ids = append(ids, id)
		}
		if len(ids) == 5 {
			break
		}
	}
	found, err := m.DB.Get(ctx, kaart.Viewer{Rol: kaart.Beheerder}, nil, ids)
	if err != nil {
		return false, fmt.Errorf("look for demo data: %w", err)
	}
	return len(found) > 0, nil
}

func (m *Main) logger() *slog.Logger {
	if m.Logger == nil {
		m.ensureLogger(false)
	}
	return m.Logger
}

// ensureLogger builds the logger from the configuration: JSON for the
// server (one object per line, for log collectors), text for the other
// commands. Every line logged with a request's context has its request_id.
func (m *Main) ensureLogger(server bool) {
	if m.Logger != nil {
		return
	}
	opts := &slog.HandlerOptions{Level: m.Config.Level()}
	var h slog.Handler
	if server {
		h = slog.NewJSONHandler(m.Stderr, opts)
	} else {
		h = slog.NewTextHandler(m.Stderr, opts)
	}
	m.Logger = slog.New(httpserver.NewLogHandler(h))
}
