// Package neo4jtest gives tests a real Neo4j, in the spirit of httptest.
//
// Tests never use NEO4J_URI. They use the database named in
// SOCIALEKAART_TEST_NEO4J_URI (make test starts one for the whole run), or
// else start their own local Neo4j once per test binary in a temporary
// directory. A test that needs Neo4j fails, never skips, when there is none.
// Each test works inside its own Gemeente, so tests run in parallel without
// seeing each other's data.
package neo4jtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/demo"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jlocal"
)

// EnvURI names the test-only database variable.
const EnvURI = "SOCIALEKAART_TEST_NEO4J_URI"

var (
	once    sync.Once
	uri     string
	server  *neo4jlocal.Server
	initErr error

	migrateOnce sync.Once
	migrateErr  error
)

// URI returns the Bolt URI of the test database, starting one if needed.
func URI(tb testing.TB) string {
	tb.Helper()
	once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if uri = os.Getenv(EnvURI); uri != "" {
			return
		}
		dir, err := os.MkdirTemp("", "socialekaart-test-neo4j-")
		if err != nil {
			initErr = err
			return
		}
		server, err = neo4jlocal.Start(ctx, neo4jlocal.Options{DataDir: dir, JavaHeap: "1g", PageCache: "256m"})
		if err != nil {
			initErr = fmt.Errorf("start local neo4j for tests: %w", err)
			return
		}
		uri = server.URI()
	})
	if initErr != nil {
		tb.Fatalf("test neo4j: %v", initErr)
	}
	return uri
}

// Open returns a new Store on the test database, closed when the test ends.
// Each call has its own driver and statement counter.
func Open(tb testing.TB) *neo4j.Store {
	tb.Helper()
	ctx := context.Background()
	s, err := neo4j.Open(ctx, neo4j.Config{URI: URI(tb), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		tb.Fatalf("neo4j.Open: %v", err)
	}
	tb.Cleanup(func() { _ = s.Close(context.Background()) })
	migrateOnce.Do(func() { migrateErr = s.Migrate(ctx) })
	if migrateErr != nil {
		tb.Fatalf("Migrate: %v", migrateErr)
	}
	return s
}

// Platform is a platform-wide beheerder, who may do everything.
var Platform = kaart.Viewer{Rol: kaart.Beheerder, SleutelID: "test"}

// Gemeente creates a fresh Gemeente for one test and returns its id.
func Gemeente(tb testing.TB, s kaart.Store) string {
	tb.Helper()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	naam := "Testgemeente " + tb.Name() + " " + hex.EncodeToString(b)
	in, err := kaart.GebiedType.ValidateCreate(kaart.Input{"naam": naam, "soort": "GEMEENTE"}, "input")
	if err != nil {
		tb.Fatalf("gemeente input: %v", err)
	}
	n, err := s.Create(context.Background(), Platform, kaart.GebiedType, in)
	if err != nil {
		tb.Fatalf("create gemeente: %v", err)
	}
	return n.ID()
}

// Demo returns a Store on a fresh local Neo4j of its own holding the Utrecht
// demo data: the demo has fixed ids, which the shared test database may not
// receive twice. The server stops when the test ends.
func Demo(tb testing.TB) *neo4j.Store {
	tb.Helper()
	ctx := context.Background()
	srv, err := neo4jlocal.Start(ctx, neo4jlocal.Options{DataDir: tb.TempDir(), JavaHeap: "512m", PageCache: "128m"})
	if err != nil {
		tb.Fatalf("start local neo4j: %v", err)
	}
	tb.Cleanup(func() { _ = srv.Stop(context.Background()) })
	s, err := neo4j.Open(ctx, neo4j.Config{URI: srv.URI(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		tb.Fatalf("neo4j.Open: %v", err)
	}
	tb.Cleanup(func() { _ = s.Close(context.Background()) })
	if err := s.Migrate(ctx); err != nil {
		tb.Fatalf("Migrate: %v", err)
	}
	if err := s.Import(ctx, demo.Utrecht()); err != nil {
		tb.Fatalf("Import demo: %v", err)
	}
	return s
}

// CBSCode returns a CBS code no other test uses: prefix ("WK", "BU")
// followed by n random digits. CBS codes are unique across the shared test
// database, as they are across the country, so a test never writes a fixed
// one. Use at least 6 digits (a wijk code); a gemeente code's 4 would
// collide between runs.
func CBSCode(prefix string, n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = '0' + b[i]%10
	}
	return prefix + string(b)
}
