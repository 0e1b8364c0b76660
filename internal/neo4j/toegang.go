package neo4j

import (
	"context"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// The toegangsversie (kaart.ToegangCache) is one counter node,
// (:ToegangTeller {naam: 'toegang'}), raised by noteToegang in the same
// transaction as every change that can refuse a credential or narrow what
// it reaches. Each process reads it at most once per poll interval.

// The constraint keeps the counter single; the code does not depend on it
// (ToegangVersie sums), so a database migrated before it existed is still
// ready (schemaVersion unchanged).
var toegangMigrations = []string{
	"CREATE CONSTRAINT toegang_teller IF NOT EXISTS FOR (n:ToegangTeller) REQUIRE n.naam IS UNIQUE",
}

var _ kaart.ToegangSignaal = (*Store)(nil)

// ToegangVersie returns the toegangsversie; 0 before the first change. The
// sum keeps it rising even if a database without the constraint ever held
// two counters.
func (s *Store) ToegangVersie(ctx context.Context) (int64, error) {
	var v int64
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "toegangsversie", "MATCH (t:ToegangTeller {naam: 'toegang'}) RETURN sum(t.versie)", nil)
		if err != nil {
			return err
		}
		if len(records) > 0 {
			v, _ = records[0].Values[0].(int64)
		}
		return nil
	})
	return v, err
}

// noteToegang raises the toegangsversie within the transaction, so that the
// change and the signal commit together. Call it after the transaction's
// last statement on records and just before noteChanged: the counter's
// lock is then held only to the commit, never while waiting for a record,
// and every transaction takes the two counters in the same order.
func (tx *txn) noteToegang(ctx context.Context) error {
	_, err := tx.run(ctx, "toegangsversie raise", `
		MERGE (t:ToegangTeller {naam: 'toegang'})
		ON CREATE SET t.versie = 0
		SET t.versie = t.versie + 1`, nil)
	return err
}

// reachRelations are the relationships ResolveViewer walks: a change to
// them changes what a partner or regisseur reaches.
func reachRelation(name string) bool {
	switch name {
	case "ONDERDEEL_VAN", "DEEL_VAN", "OMVAT":
		return true
	}
	return false
}

// reachRecord reports whether records of type t are part of what
// ResolveViewer reads (an organisation tree, a gebied tree).
func reachRecord(t *kaart.RecordType) bool {
	return t == kaart.OrganisatieType || t == kaart.GebiedType
}
