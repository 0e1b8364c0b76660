package neo4j

import (
	"context"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// NoteChangedForTest writes outbox entries for ids, as a write would.
func (s *Store) NoteChangedForTest(ctx context.Context, ids []string, gemeente string) error {
	g := map[string]string{}
	for _, id := range ids {
		g[id] = gemeente
	}
	return s.write(ctx, func(tx *txn) error { return tx.noteChanged(ctx, ids, g) })
}

// ProfileOutbox profiles the outbox read after a position and returns its
// db hits and plan.
func (s *Store) ProfileOutbox(ctx context.Context, after kaart.OutboxPositie, gemeenten []string) (int64, string, error) {
	return s.profile(ctx, "outbox read", outboxReadCypher,
		map[string]any{"seq": after.Seq, "n": after.N, "gemeenten": gemeenteFilter(gemeenten), "limit": 500})
}
