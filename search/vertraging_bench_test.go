package search_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/demo"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
	"github.com/socialekaart/socialekaart/search"
)

// BenchmarkCommitTotZoekbaar measures the delay between a committed change
// and the change being searchable, with the indexer running as the server
// runs it (idx.Run, default poll interval). Outside make test:
//
//	go test ./search -run '^$' -bench CommitTotZoekbaar -benchtime 1x
//
// SEARCH_BENCH_COMMITS times (default 200) an Organisatie of the Utrecht
// demo is renamed to a fresh random word through kaart.Service.Update (the
// path of the GraphQL mutation); from the moment Update returned, the index
// is asked every millisecond, as an anonymous resident, for that word until
// the card comes back. Once with the index otherwise idle, once while 8
// clients keep searching. Target: p99 under one second.
func BenchmarkCommitTotZoekbaar(b *testing.B) {
	n := 200
	if v, err := strconv.Atoi(os.Getenv("SEARCH_BENCH_COMMITS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	s := neo4jtest.Open(b)
	rb := make([]byte, 4)
	_, _ = rand.Read(rb)
	p := "v" + hex.EncodeToString(rb) + "-"
	if err := s.Import(ctx, prefixed(demo.Utrecht(), p)); err != nil {
		b.Fatalf("Import demo: %v", err)
	}
	gm := p + demo.GemeenteID
	src := &timedBron{KaartBron: s}
	idx, err := search.Open(ctx, slog.New(slog.DiscardHandler), b.TempDir(), src, search.Options{Gemeenten: []string{gm}})
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Rebuild(ctx, nil); err != nil {
		b.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		idx.Run(runCtx)
	}()
	defer func() { stop(); <-done }()
	poll := idx.PollInterval()
	b.Logf("outbox poll interval %s (the server's default: search.Options{} in cmd/socialekaart)", poll)

	svc := &kaart.Service{Store: s, Zoek: idx}
	beheerder := kaart.WithViewer(ctx, kaart.Viewer{Rol: kaart.Beheerder, Gemeente: gm, SleutelID: "bench"})
	page, err := svc.List(anoniem, "Organisatie", kaart.ListFilter{Gemeente: gm, First: 1})
	if err != nil || len(page.Nodes) == 0 {
		b.Fatalf("a public Organisatie of the demo: %v (%d)", err, len(page.Nodes))
	}
	org := page.Nodes[0]
	id, naam := org.ID(), fmt.Sprint(org.Props["naam"])
	versie := versieOf(org)
	b.Logf("renaming %s (%q) %d times per run", id, naam, n)

	run := func(label string, n int) {
		delays := make([]time.Duration, 0, n)
		for i := 0; i < n; i++ {
			// A commit at a random moment of the poll cycle: without it
			// every commit would follow the tick that found the last one.
			time.Sleep(randDuration(poll))
			w := randomWord()
			node, err := svc.Update(beheerder, "Organisatie", id, versie, kaart.Input{"naam": naam + " " + w})
			if err != nil {
				b.Fatalf("Update: %v", err)
			}
			versie = versieOf(node)
			t0 := time.Now()
			for {
				res, err := idx.Zoek(ctx, kaart.Viewer{}, kaart.ZoekVraag{Tekst: w, First: 5})
				if err != nil {
					b.Fatalf("Zoek: %v", err)
				}
				if contains(ids(res), id) {
					break
				}
				if time.Since(t0) > 30*time.Second {
					b.Fatalf("%q not searchable 30 s after the commit", w)
				}
				time.Sleep(time.Millisecond)
			}
			delays = append(delays, time.Since(t0))
		}
		b.Logf("%-26s %d commits: p50 %s p99 %s max %s", label, n, pct(delays, 0.5), pct(delays, 0.99), pct(delays, 1))
	}
	// The first change pays for cold statement plans and caches.
	run("first change (cold)", 1)
	run("idle index", n)

	loadCtx, stopLoad := context.WithCancel(ctx)
	var wg sync.WaitGroup
	var searches sync.Map
	queries := []string{"wijkagent kanaleneiland", "buurtteam overvecht", "eenzaamheid ouderen zuid", "taalcafe",
		"jongerenwerk hoograven", "wijkraad overvecth", "veiligheid", "jeugd", "sociaal makelaar", "voedselbank"}
	for c := 0; c < 8; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			k := 0
			for ; loadCtx.Err() == nil; k++ {
				_, _ = svc.Zoeken(anoniem, kaart.ZoekVraag{Tekst: queries[(c+k)%len(queries)], First: 20})
			}
			searches.Store(c, k)
		}(c)
	}
	start := time.Now()
	run("8 clients searching", n)
	stopLoad()
	wg.Wait()
	total := 0
	searches.Range(func(_, v any) bool { total += v.(int); return true })
	b.Logf("load: %d searches (zoek, end to end) in %s", total, time.Since(start).Round(time.Millisecond))

	// What one change costs to apply, without the wait for the tick: the
	// indexer stopped, each commit applied at once by Bijwerken.
	stop()
	<-done
	affected, err := s.AffectedCards(ctx, []string{id})
	if err != nil {
		b.Fatal(err)
	}
	var apply []time.Duration
	src.reset()
	for i := 0; i < max(10, n/4); i++ {
		node, err := svc.Update(beheerder, "Organisatie", id, versie, kaart.Input{"naam": naam + " " + randomWord()})
		if err != nil {
			b.Fatalf("Update: %v", err)
		}
		versie = versieOf(node)
		t0 := time.Now()
		if err := idx.Bijwerken(ctx); err != nil {
			b.Fatal(err)
		}
		apply = append(apply, time.Since(t0))
	}
	b.Logf("applying one rename (%d cards re-read) with the indexer stopped, %d commits: p50 %s p99 %s",
		len(affected), len(apply), pct(apply, 0.5), pct(apply, 0.99))
	var sum time.Duration
	for _, d := range apply {
		sum += d
	}
	b.Logf("of which, mean per commit: %s; the rest (Bleve batch, projection) %s", src.report(len(apply)),
		((sum - src.total()) / time.Duration(len(apply))).Round(100*time.Microsecond))
}

// timedBron times the indexer's reads from the store, per method.
type timedBron struct {
	kaart.KaartBron
	mu sync.Mutex
	d  map[string]time.Duration
}

func (t *timedBron) time(name string, start time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.d == nil {
		t.d = map[string]time.Duration{}
	}
	t.d[name] += time.Since(start)
}

func (t *timedBron) reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.d = nil
}

func (t *timedBron) total() time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	var sum time.Duration
	for _, d := range t.d {
		sum += d
	}
	return sum
}

func (t *timedBron) report(n int) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var parts []string
	for _, name := range []string{"Outbox", "AffectedCards", "Cards", "AckOutbox"} {
		parts = append(parts, fmt.Sprintf("%s %s", name, (t.d[name]/time.Duration(n)).Round(100*time.Microsecond)))
	}
	return strings.Join(parts, ", ")
}

func (t *timedBron) Outbox(ctx context.Context, after kaart.OutboxPositie, gemeenten []string, limit int) ([]kaart.OutboxItem, error) {
	defer t.time("Outbox", time.Now())
	return t.KaartBron.Outbox(ctx, after, gemeenten, limit)
}

func (t *timedBron) AckOutbox(ctx context.Context, upto kaart.OutboxPositie, gemeenten []string) error {
	defer t.time("AckOutbox", time.Now())
	return t.KaartBron.AckOutbox(ctx, upto, gemeenten)
}

func (t *timedBron) AffectedCards(ctx context.Context, ids []string) ([]string, error) {
	defer t.time("AffectedCards", time.Now())
	return t.KaartBron.AffectedCards(ctx, ids)
}

func (t *timedBron) Cards(ctx context.Context, ids []string) ([]kaart.Zoekkaart, error) {
	defer t.time("Cards", time.Now())
	return t.KaartBron.Cards(ctx, ids)
}

func versieOf(n kaart.Node) int {
	switch v := n.Props["versie"].(type) {
	case int64:
		return int(v)
	case int:
		return v
	}
	return 0
}

// randomWord is ten random letters: far from every other such word, so
// neither a typo match nor a prefix can find a card by an earlier name.
func randomWord() string {
	b := make([]byte, 10)
	for i := range b {
		k, _ := rand.Int(rand.Reader, big.NewInt(26))
		b[i] = byte('a' + k.Int64())
	}
	return string(b)
}

func randDuration(max time.Duration) time.Duration {
	k, _ := rand.Int(rand.Reader, big.NewInt(int64(max)))
	return time.Duration(k.Int64())
}

// OpOutbox passes the store's wake-up after a commit on to the index, as
// the server has it.
func (t *timedBron) OpOutbox(f func()) (stop func()) {
	if n, ok := t.KaartBron.(interface{ OpOutbox(func()) func() }); ok {
		return n.OpOutbox(f)
	}
	return func() {}
}
