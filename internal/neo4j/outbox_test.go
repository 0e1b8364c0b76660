package neo4j_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// Reading the outbox past the indexer's position seeks the (seq, n) index:
// its cost does not grow with the entries kept for the retention period
// (before, it scanned them all, and a commit after a large import took a
// third of a second to reach the index).
func TestOutboxReadSeeksPastTheBacklog(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := neo4jtest.Open(t)
	gm := neo4jtest.Gemeente(t, s)
	ids := make([]string, 5000)
	for i := range ids {
		ids[i] = fmt.Sprintf("%s-achterstand-%d", gm, i)
	}
	for i := 0; i < 4; i++ {
		if err := s.NoteChangedForTest(ctx, ids, gm); err != nil {
			t.Fatal(err)
		}
	}
	// The indexer's position: the last entry of a small write after the
	// backlog, as a mutation leaves it.
	if err := s.NoteChangedForTest(ctx, []string{gm + "-laatste"}, gm); err != nil {
		t.Fatal(err)
	}
	head, err := s.OutboxHead(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, gemeenten := range [][]string{nil, {gm}} {
		hits, plan, err := s.ProfileOutbox(ctx, head, gemeenten)
		if err != nil {
			t.Fatal(err)
		}
		// A seek past the head touches the few entries written since by
		// tests running alongside, not the 20,000 behind it.
		if hits > 2000 {
			t.Errorf("reading past the head (gemeenten %v) costs %d db hits; want a seek (at most 2,000)\n%s", gemeenten, hits, plan)
		}
	}
}
