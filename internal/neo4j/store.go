// Package neo4j keeps the sociale kaart in Neo4j. It is the only package
// that writes Cypher or uses the driver. Every statement goes through one
// executor (txn.run), which counts round trips for metrics and tests.
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Config says how to reach Neo4j.
type Config struct {
	URI      string
	User     string
	Password string
	Database string
	Logger   *slog.Logger
	// OnStatement is called after every statement, for metrics.
	OnStatement func(name string, d time.Duration, err error)
}

// Store implements kaart.Store and kaart.SleutelStore on Neo4j.
type Store struct {
	driver      neo4j.DriverWithContext
	database    string
	logger      *slog.Logger
	onStatement func(string, time.Duration, error)
	statements  atomic.Int64

	// Who wants to hear that a transaction with outbox entries committed.
	outboxMu   sync.Mutex
	outboxSubs map[int]func()
	outboxNext int
}

var (
	_ kaart.Store        = (*Store)(nil)
	_ kaart.SleutelStore = (*Store)(nil)
)

// Open creates a driver for cfg. It does not wait for Neo4j: a service that
// starts before its database answers UNAVAILABLE until the database is there.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		// Fail fast when Neo4j is away, so the API says UNAVAILABLE quickly
		// and recovers by itself when Neo4j returns.
		c.MaxTransactionRetryTime = 3 * time.Second
		c.ConnectionAcquisitionTimeout = 5 * time.Second
		c.SocketConnectTimeout = 2 * time.Second
		c.MaxConnectionLifetime = 30 * time.Minute
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j driver for %s: %w", cfg.URI, err)
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	database := cfg.Database
	if database == "" {
		database = "neo4j"
	}
	return &Store{driver: driver, database: database, logger: logger, onStatement: cfg.OnStatement}, nil
}

// Close closes the driver.
func (s *Store) Close(ctx context.Context) error {
	return s.driver.Close(ctx)
}

// Ping checks that Neo4j answers.
func (s *Store) Ping(ctx context.Context) error {
	return s.read(ctx, func(tx *txn) error {
		_, err := tx.run(ctx, "ping", "RETURN 1", nil)
		return err
	})
}

// Statements returns how many statements this store has sent to Neo4j.
func (s *Store) Statements() int64 { return s.statements.Load() }

// txn is a transaction with the one executor every statement goes through.
type txn struct {
	s  *Store
	tx neo4j.ManagedTransaction
	// noted is set when the transaction wrote outbox entries.
	noted bool
	// warnings are given to the caller once the transaction committed.
	warnings []kaart.Waarschuwing
}

func (t *txn) run(ctx context.Context, name, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	start := time.Now()
	t.s.statements.Add(1)
	res, err := t.tx.Run(ctx, cypher, params)
	var records []*neo4j.Record
	if err == nil {
		records, err = res.Collect(ctx)
	}
	if t.s.onStatement != nil {
		t.s.onStatement(name, time.Since(start), err)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return records, nil
}

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: mode})
}

// read runs work in one read transaction.
func (s *Store) read(ctx context.Context, work func(tx *txn) error) error {
	session := s.session(ctx, neo4j.AccessModeRead)
	defer session.Close(ctx)
	_, err := session.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, work(&txn{s: s, tx: tx})
	})
	return translate(err)
}

// write runs work in one write transaction: all of it commits, or nothing.
func (s *Store) write(ctx context.Context, work func(tx *txn) error) error {
	session := s.session(ctx, neo4j.AccessModeWrite)
	defer session.Close(ctx)
	var last *txn // the attempt that committed, when the driver retried
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		last = &txn{s: s, tx: tx}
		return nil, work(last)
	})
	if err == nil && last != nil && last.noted {
		s.outboxCommitted()
	}
	if err == nil && last != nil {
		for _, w := range last.warnings {
			kaart.Waarschuw(ctx, w)
		}
	}
	return translate(err)
}

// OpOutbox calls f, without blocking, after every committed transaction
// that wrote outbox entries, so the indexer need not wait for its next poll.
// The returned func ends the subscription.
func (s *Store) OpOutbox(f func()) (stop func()) {
	s.outboxMu.Lock()
	defer s.outboxMu.Unlock()
	if s.outboxSubs == nil {
		s.outboxSubs = map[int]func(){}
	}
	id := s.outboxNext
	s.outboxNext++
	s.outboxSubs[id] = f
	return func() {
		s.outboxMu.Lock()
		defer s.outboxMu.Unlock()
		delete(s.outboxSubs, id)
	}
}

func (s *Store) outboxCommitted() {
	s.outboxMu.Lock()
	defer s.outboxMu.Unlock()
	for _, f := range s.outboxSubs {
		f()
	}
}

// translate turns driver errors into domain errors at this boundary. Domain
// errors returned by work functions pass through unchanged.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var domain *kaart.Error
	var invalid kaart.ValidationErrors
	if errors.As(err, &domain) || errors.As(err, &invalid) {
		return err
	}
	var neoErr *neo4j.Neo4jError
	if errors.As(err, &neoErr) && neoErr.Code == "Neo.ClientError.Schema.ConstraintValidationFailed" {
		return constraintConflict(neoErr.Msg)
	}
	if unavailable(err) {
		return fmt.Errorf("%w: %v", &kaart.Error{Code: kaart.EUNAVAILABLE, Message: "De database is tijdelijk niet bereikbaar. Probeer het zo opnieuw."}, err)
	}
	return err
}

func unavailable(err error) bool {
	var conn *neo4j.ConnectivityError
	var limit *neo4j.TransactionExecutionLimit
	var netErr net.Error
	var neoErr *neo4j.Neo4jError
	switch {
	case errors.As(err, &conn), errors.As(err, &limit), errors.As(err, &netErr):
		return true
	case errors.Is(err, context.DeadlineExceeded):
		return true
	case errors.As(err, &neoErr):
		return neoErr.Code == "Neo.TransientError.General.DatabaseUnavailable" ||
			neoErr.Code == "Neo.ClientError.Database.DatabaseNotFound"
	}
	return false
}
