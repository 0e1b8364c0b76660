package neo4j

import (
	"context"
	"fmt"

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

// LinkTwiceForTest makes a relationship without the checks of Link, as
// koppel did before it refused the same fact twice.
func (s *Store) LinkTwiceForTest(ctx context.Context, relation, from, to string, props map[string]any) error {
	r, ok := kaart.RelationTypes[relation]
	if !ok {
		return fmt.Errorf("unknown relation %q", relation)
	}
	return s.write(ctx, func(tx *txn) error {
		_, err := tx.run(ctx, "link twice", fmt.Sprintf(`
			MATCH (a:Record {id: $from}), (b:Record {id: $to})
			CREATE (a)-[r:%s]->(b)
			SET r = $props, r.id = $id, r.gemeente = a.gemeente, r.versie = 1,
			    r.aangemaakt = datetime(), r.gewijzigd = datetime(), r.laatstBevestigd = datetime()`, r.Name),
			map[string]any{"from": from, "to": to, "props": props, "id": newID("k")})
		return err
	})
}
