package neo4j

import (
	"context"
	"fmt"
	"sort"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// schemaVersion is raised whenever migrations change; /readyz compares it
// with the version recorded in the database.
const schemaVersion = 1

// migrations returns the schema statements, all idempotent and Community
// Edition only (uniqueness constraints and range indexes).
func migrations() []string {
	stmts := []string{
		"CREATE CONSTRAINT record_id IF NOT EXISTS FOR (n:Record) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT apisleutel_id IF NOT EXISTS FOR (n:ApiSleutel) REQUIRE n.id IS UNIQUE",
		"CREATE INDEX record_gemeente IF NOT EXISTS FOR (n:Record) ON (n.gemeente)",
	}
	names := make([]string, 0, len(kaart.RecordTypes))
	for name := range kaart.RecordTypes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		stmts = append(stmts,
			fmt.Sprintf("CREATE INDEX %s_sort IF NOT EXISTS FOR (n:%s) ON (n.sorteernaam, n.id)", lower(name), name),
			fmt.Sprintf("CREATE INDEX %s_gemeente IF NOT EXISTS FOR (n:%s) ON (n.gemeente, n.sorteernaam)", lower(name), name),
		)
	}
	stmts = append(stmts,
		"CREATE INDEX gebied_cbs IF NOT EXISTS FOR (n:Gebied) ON (n.cbsCode)",
		"CREATE INDEX organisatie_kvk IF NOT EXISTS FOR (n:Organisatie) ON (n.kvkNummer)",
	)
	rels := make([]string, 0, len(kaart.RelationTypes))
	for name := range kaart.RelationTypes {
		rels = append(rels, name)
	}
	sort.Strings(rels)
	for _, name := range rels {
		stmts = append(stmts, fmt.Sprintf("CREATE INDEX rel_%s_id IF NOT EXISTS FOR ()-[r:%s]-() ON (r.id)", lower(name), name))
	}
	return stmts
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Migrate applies the schema and records its version. Safe to run again.
func (s *Store) Migrate(ctx context.Context) error {
	for _, stmt := range migrations() {
		// Schema statements cannot share a transaction with writes.
		if err := s.write(ctx, func(tx *txn) error {
			_, err := tx.run(ctx, "migrate", stmt, nil)
			return err
		}); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	}
	if err := s.write(ctx, func(tx *txn) error {
		_, err := tx.run(ctx, "record schema version", `
			MERGE (m:Schema {naam: 'socialekaart'})
			SET m.versie = $versie, m.toegepast = datetime()`, map[string]any{"versie": schemaVersion})
		return err
	}); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return s.awaitIndexes(ctx)
}

func (s *Store) awaitIndexes(ctx context.Context) error {
	return s.write(ctx, func(tx *txn) error {
		_, err := tx.run(ctx, "await indexes", "CALL db.awaitIndexes(60)", nil)
		return err
	})
}

// MigrationsApplied reports whether the database has the current schema.
func (s *Store) MigrationsApplied(ctx context.Context) (bool, error) {
	var ok bool
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "schema version", "MATCH (m:Schema {naam: 'socialekaart'}) RETURN m.versie", nil)
		if err != nil {
			return err
		}
		if len(records) == 1 {
			v, _ := records[0].Values[0].(int64)
			ok = v == schemaVersion
		}
		return nil
	})
	return ok, err
}
