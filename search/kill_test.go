package search_test

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
	"github.com/socialekaart/socialekaart/search"
)

// The indexer runs in a child process that is SIGKILLed mid-stream; a new
// indexer on the same directory then catches up exactly: every card once,
// nothing stale, nothing extra.
func TestIndexerCatchesUpAfterSIGKILL(t *testing.T) {
	f := newFixture(t)
	const n = 40
	var want []string
	for i := 0; i < n; i++ {
		want = append(want, f.create("Organisatie", kaart.Input{"naam": fmt.Sprintf("Speeltuinvereniging %02d", i), "sector": "BEWONERSORGANISATIE"}))
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestIndexerChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "SEARCH_CHILD_DIR="+dir, "SEARCH_CHILD_GEMEENTE="+f.gm, "SEARCH_CHILD_URI="+neo4jtest.URI(t))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	steps := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "STEP") {
			steps++
		}
		if steps == 3 {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if steps < 3 {
		t.Fatalf("the child indexed %d steps before it ended; want to kill it mid-stream", steps)
	}

	idx := f.openIndex(dir)
	pos, err := idx.Position()
	if err != nil {
		t.Fatal(err)
	}
	head, err := f.store.OutboxHead(context.Background(), []string{f.gm})
	if err != nil {
		t.Fatal(err)
	}
	if !pos.Before(head) {
		t.Fatalf("after the kill the index is at %v, the outbox at %v; want the kill mid-stream", pos, head)
	}
	if err := idx.Bijwerken(context.Background()); err != nil {
		t.Fatalf("Bijwerken after restart: %v", err)
	}
	r, err := idx.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || r.Kaarten != n || r.Documenten != n {
		t.Errorf("Check after catching up = %+v; want %d cards, all current", r, n)
	}
	svc := &kaart.Service{Store: f.store, Zoek: idx}
	res, err := svc.Zoeken(anoniem, kaart.ZoekVraag{Tekst: "speeltuinvereniging", First: 100})
	if err != nil {
		t.Fatal(err)
	}
	if res.Totaal != n {
		t.Errorf("Zoeken(speeltuinvereniging).Totaal = %d; want %d", res.Totaal, n)
	}
}

// TestIndexerChildProcess is the indexer process of the test above; it does
// nothing unless started by it.
func TestIndexerChildProcess(t *testing.T) {
	dir := os.Getenv("SEARCH_CHILD_DIR")
	if dir == "" {
		return
	}
	ctx := context.Background()
	s, err := neo4j.Open(ctx, neo4j.Config{URI: os.Getenv("SEARCH_CHILD_URI"), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	idx, err := search.Open(ctx, nil, dir, s, search.Options{Gemeenten: []string{os.Getenv("SEARCH_CHILD_GEMEENTE")}, Batch: 3})
	if err != nil {
		t.Fatal(err)
	}
	for {
		n, err := idx.Step(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pos, _ := idx.Position()
		fmt.Printf("STEP %d %d %d\n", n, pos.Seq, pos.N)
		if n == 0 {
			time.Sleep(time.Second)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
