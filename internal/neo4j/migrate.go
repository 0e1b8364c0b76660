package neo4j

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// schemaVersion is raised whenever migrations change; /readyz compares it
// with the version recorded in the database.
const schemaVersion = 4

// migrations returns the schema statements, all idempotent and Community
// Edition only (uniqueness constraints and range indexes). The identity
// constraints come after them, see identity.go.
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
			// The unique id is on :Record; a statement that looks a record
			// up as (:Gebied {id: $gebied}) would otherwise scan every
			// Gebied (15,000 at national scale) for each question.
			fmt.Sprintf("CREATE INDEX %s_id IF NOT EXISTS FOR (n:%s) ON (n.id)", lower(name), name),
		)
	}
	stmts = append(stmts,
		"CREATE INDEX organisatie_kvk IF NOT EXISTS FOR (n:Organisatie) ON (n.kvkNummer)",
	)
	stmts = append(stmts, outboxMigrations...)
	stmts = append(stmts, historyMigrations...)
	stmts = append(stmts, gebruikerMigrations...)
	stmts = append(stmts, toegangMigrations...)
	stmts = append(stmts,
		"CREATE CONSTRAINT voorstel_id IF NOT EXISTS FOR (n:Voorstel) REQUIRE n.id IS UNIQUE",
		"CREATE INDEX voorstel_status IF NOT EXISTS FOR (n:Voorstel) ON (n.status, n.ingediend)",
		"CREATE INDEX voorstel_record IF NOT EXISTS FOR (n:Voorstel) ON (n.recordId)",
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

// Migrate applies the schema and records its version. Safe to run again,
// also while another process migrates the same database.
func (s *Store) Migrate(ctx context.Context) error {
	for _, stmt := range migrations() {
		// Schema statements cannot share a transaction with writes.
		if err := s.migrateStep(ctx, "migrate", stmt, nil); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	}
	if err := s.migrateBegrenzing(ctx); err != nil {
		return fmt.Errorf("migrate: cap zichtbaarheid: %w", err)
	}
	// What is stored twice must be resolved before the rules that forbid it.
	if err := s.oneFact(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, stmt := range identityMigrations() {
		if err := s.migrateStep(ctx, "migrate", stmt, nil); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	}
	if err := s.migrateStep(ctx, "record schema version", `
		MERGE (m:Schema {naam: 'socialekaart'})
		SET m.versie = $versie, m.toegepast = datetime()`, map[string]any{"versie": schemaVersion}); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return s.awaitIndexes(ctx)
}

// migrationRetryTime bounds how long one migration step is retried while
// another process migrates at the same time.
const migrationRetryTime = time.Minute

// migrateStep runs one statement in its own write transaction. Two
// processes migrating at once (serve and migrate, or test binaries sharing
// one database) take the same schema locks: Neo4j may report a deadlock,
// retried here for longer than the store's short retry window (which is
// meant for requests), and a CREATE … IF NOT EXISTS may fail because the
// other process created the same rule a moment earlier, which counts as done.
func (s *Store) migrateStep(ctx context.Context, name, cypher string, params map[string]any) error {
	deadline := time.Now().Add(migrationRetryTime)
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, 2*time.Second) {
		var last error // the driver's own error, before translate
		err := s.write(ctx, func(tx *txn) error {
			_, last = tx.run(ctx, name, cypher, params)
			return last
		})
		switch {
		case err == nil, createdConcurrently(last):
			return nil
		case !neo4j.IsRetryable(last) || time.Now().Add(wait).After(deadline):
			return err
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(wait):
		}
	}
}

// createdConcurrently reports whether a CREATE … IF NOT EXISTS failed
// because another process created the same index or constraint at the same
// moment: IF NOT EXISTS does not cover that race, and the rule exists as
// wanted.
func createdConcurrently(err error) bool {
	var neoErr *neo4j.Neo4jError
	if !errors.As(err, &neoErr) {
		return false
	}
	switch neoErr.Code {
	case "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
		"Neo.ClientError.Schema.IndexAlreadyExists",
		"Neo.ClientError.Schema.ConstraintAlreadyExists":
		return true
	}
	return false
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
