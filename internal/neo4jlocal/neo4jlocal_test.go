//go:build unix

package neo4jlocal_test

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/socialekaart/socialekaart/internal/neo4jlocal"
)

// startServer starts a server on a free port in a temp dir and stops it when
// the test ends. Failing to start is a test failure, never a skip.
func startServer(t *testing.T) *neo4jlocal.Server {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // may include a cold Maven build
	defer cancel()
	begin := time.Now()
	srv, err := neo4jlocal.Start(ctx, neo4jlocal.Options{
		DataDir:   t.TempDir(),
		Port:      0,
		PageCache: "64m",
		JavaHeap:  "512m",
		Logger:    slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Stderr:    testWriter{t},
	})
	if err != nil {
		t.Fatalf("start neo4j: %v", err)
	}
	t.Logf("neo4j started in %v at %s (pid %d)", time.Since(begin).Round(time.Millisecond), srv.URI(), srv.PID())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := srv.Stop(ctx); err != nil {
			t.Errorf("stop neo4j: %v", err)
		}
	})
	return srv
}

func newDriver(t *testing.T, uri string) neo4j.DriverWithContext {
	t.Helper()
	drv, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		t.Fatalf("new driver for %s: %v", uri, err)
	}
	t.Cleanup(func() { _ = drv.Close(context.Background()) })
	return drv
}

func query(ctx context.Context, t *testing.T, drv neo4j.DriverWithContext, cypher string, params map[string]any) []*neo4j.Record {
	t.Helper()
	res, err := neo4j.ExecuteQuery(ctx, drv, cypher, params, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatalf("query %q: %v", cypher, err)
	}
	return res.Records
}

func countMarkers(ctx context.Context, t *testing.T, drv neo4j.DriverWithContext, marker string) int64 {
	t.Helper()
	recs := query(ctx, t, drv, "MATCH (n:Marker {id: $id}) RETURN count(n) AS c", map[string]any{"id": marker})
	c, _ := recs[0].Get("c")
	return c.(int64)
}

func TestBoltQueryRestartAndCrash(t *testing.T) {
	srv := startServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	uri := srv.URI()
	if !strings.HasPrefix(uri, "bolt://127.0.0.1:") || srv.Port() == 0 {
		t.Fatalf("URI() = %q, Port() = %d", uri, srv.Port())
	}
	drv := newDriver(t, uri)
	if err := drv.VerifyConnectivity(ctx); err != nil {
		t.Fatalf("verify connectivity: %v", err)
	}
	recs := query(ctx, t, drv, "RETURN 1 AS one", nil)
	if one, _ := recs[0].Get("one"); one != int64(1) {
		t.Fatalf("RETURN 1 gave %v", one)
	}

	marker := fmt.Sprintf("m-%d", time.Now().UnixNano())
	query(ctx, t, drv, "CREATE (:Marker {id: $id})", map[string]any{"id": marker})

	oldPID := srv.PID()
	if err := srv.Restart(ctx); err != nil {
		t.Fatalf("restart: %v", err)
	}
	if srv.URI() != uri {
		t.Fatalf("URI changed on restart: %q -> %q", uri, srv.URI())
	}
	if srv.PID() == oldPID || srv.PID() == 0 {
		t.Fatalf("PID after restart = %d, before %d", srv.PID(), oldPID)
	}
	// The same driver must get going again by itself (its pooled connections are dead).
	if got := countMarkers(ctx, t, drv, marker); got != 1 {
		t.Fatalf("after restart: %d marker nodes, want 1", got)
	}

	// A crash: committed data must survive recovery.
	query(ctx, t, drv, "CREATE (:Marker {id: $id})", map[string]any{"id": marker})
	if err := srv.Kill(); err != nil {
		t.Fatalf("kill: %v", err)
	}
	if srv.PID() != 0 {
		t.Fatalf("PID after kill = %d, want 0", srv.PID())
	}
	if err := srv.Restart(ctx); err != nil {
		t.Fatalf("restart after kill: %v", err)
	}
	if got := countMarkers(ctx, t, drv, marker); got != 2 {
		t.Fatalf("after crash and restart: %d marker nodes, want 2", got)
	}
}

func TestNeo4jScheme(t *testing.T) {
	srv := startServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	uri := strings.Replace(srv.URI(), "bolt://", "neo4j://", 1)
	drv := newDriver(t, uri)
	if err := drv.VerifyConnectivity(ctx); err != nil {
		t.Fatalf("verify connectivity via %s: %v", uri, err)
	}
	query(ctx, t, drv, "CREATE (:Marker {id: 'routed'})", nil)
	res, err := neo4j.ExecuteQuery(ctx, drv, "MATCH (n:Marker {id: 'routed'}) RETURN count(n) AS c", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		t.Fatalf("read via %s: %v", uri, err)
	}
	if c, _ := res.Records[0].Get("c"); c != int64(1) {
		t.Fatalf("count = %v, want 1", c)
	}
}

func TestStartFailsWhenPortIsTaken(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	srv, err := neo4jlocal.Start(ctx, neo4jlocal.Options{DataDir: t.TempDir(), Port: port})
	if err == nil {
		_ = srv.Kill()
		t.Fatal("start on a taken port succeeded")
	}
	if !strings.Contains(err.Error(), "Address already in use") {
		t.Fatalf("error does not carry the launcher's stderr: %v", err)
	}
}

func TestStartNeedsDataDir(t *testing.T) {
	if _, err := neo4jlocal.Start(context.Background(), neo4jlocal.Options{}); err == nil {
		t.Fatal("start without data dir succeeded")
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
