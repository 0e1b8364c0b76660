package neo4j

import (
	"context"
	"time"
)

// Backdate sets when a record was last confirmed, so that tests can make
// records due for re-confirmation without waiting a year.
func Backdate(ctx context.Context, s *Store, id string, at time.Time) error {
	return s.write(ctx, func(tx *txn) error {
		_, err := tx.run(ctx, "backdate", `MATCH (n:Record {id: $id}) SET n.laatstBevestigd = $at`, map[string]any{"id": id, "at": at.UTC()})
		return err
	})
}
