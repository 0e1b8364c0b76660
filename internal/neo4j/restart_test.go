package neo4j_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jlocal"
)

// TestNeo4jGoesAwayAndComesBack really stops and restarts a local Neo4j of
// its own (the shared test database must stay up for the other tests).
func TestNeo4jGoesAwayAndComesBack(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	srv, err := neo4jlocal.Start(ctx, neo4jlocal.Options{DataDir: t.TempDir(), PageCache: "64m"})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	defer srv.Stop(context.Background())
	s, err := neo4j.Open(ctx, neo4j.Config{URI: srv.URI()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	svc := &kaart.Service{Store: s}
	anon := kaart.WithViewer(ctx, kaart.Viewer{})

	if err := srv.Stop(ctx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	_, err = svc.List(anon, "Organisatie", kaart.ListFilter{})
	if code := kaart.ErrorCode(err); code != kaart.EUNAVAILABLE {
		t.Fatalf("List while Neo4j is down: code %q (%v); want UNAVAILABLE", code, err)
	}
	if msg := kaart.ErrorMessage(err); msg == "" || containsAny(msg, "bolt", "neo4j", "dial", "127.0.0.1") {
		t.Fatalf("message while down = %q; want a plain message without driver details", msg)
	}

	if err := srv.Restart(ctx); err != nil {
		t.Fatalf("Restart: %v", err)
	}
	// The same Store recovers by itself; poll with a guard against hanging.
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, err = svc.List(anon, "Organisatie", kaart.ListFilter{})
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("List after restart still fails: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(strings.ToLower(s), sub) {
			return true
		}
	}
	return false
}
