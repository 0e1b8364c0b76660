package neo4j

import "context"

// SetZichtbaarheidForTest stores z on the record id directly, past every
// rule, as data written before a rule existed would have it.
func (s *Store) SetZichtbaarheidForTest(ctx context.Context, id, z string) error {
	return s.write(ctx, func(tx *txn) error {
		_, err := tx.run(ctx, "test zichtbaarheid", `MATCH (n:Record {id: $id}) SET n.zichtbaarheid = $z`, map[string]any{"id": id, "z": z})
		return err
	})
}

// CapAllForTest runs the capping of Migrate on the gemeenten.
func (s *Store) CapAllForTest(ctx context.Context, gemeenten []string) error {
	return s.write(ctx, func(tx *txn) error {
		changed, err := tx.capAll(ctx, gemeenten)
		if err != nil {
			return err
		}
		return tx.noteChanged(ctx, changed, nil)
	})
}
