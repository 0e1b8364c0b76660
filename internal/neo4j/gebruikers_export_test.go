package neo4j

import "context"

// MigrateGebruikers applies the schema of people, sessions and logins in
// progress, for tests until Migrate includes it.
func MigrateGebruikers(ctx context.Context, s *Store) error {
	for _, stmt := range gebruikerMigrations {
		if err := s.migrateStep(ctx, "migrate gebruikers", stmt, nil); err != nil {
			return err
		}
	}
	return nil
}
