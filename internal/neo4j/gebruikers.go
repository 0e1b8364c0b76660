package neo4j

import (
	"context"
	"encoding/hex"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// People who log in are Gebruiker nodes, their sessions Sessie nodes and
// logins in progress LoginPoging nodes: like API keys they stay outside the
// Record graph, so no record query, export or count reaches them. Sessions
// and login attempts live here rather than in memory so that a restart or
// a second replica keeps them.

// gebruikerMigrations index what logins look up, and make ids, e-mail
// addresses and token hashes unique. Hashes are stored in hex, which range
// indexes and constraints support.
var gebruikerMigrations = []string{
	"CREATE CONSTRAINT gebruiker_id IF NOT EXISTS FOR (n:Gebruiker) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT gebruiker_email IF NOT EXISTS FOR (n:Gebruiker) REQUIRE n.email IS UNIQUE",
	"CREATE INDEX gebruiker_account IF NOT EXISTS FOR (n:Gebruiker) ON (n.issuer, n.subject)",
	"CREATE CONSTRAINT sessie_hash IF NOT EXISTS FOR (n:Sessie) REQUIRE n.hash IS UNIQUE",
	"CREATE INDEX sessie_gebruiker IF NOT EXISTS FOR (n:Sessie) ON (n.gebruiker)",
	"CREATE INDEX sessie_verloopt IF NOT EXISTS FOR (n:Sessie) ON (n.verloopt)",
	"CREATE CONSTRAINT loginpoging_hash IF NOT EXISTS FOR (n:LoginPoging) REQUIRE n.hash IS UNIQUE",
}

func toGebruiker(n dbtype.Node) kaart.Gebruiker {
	p := n.Props
	str := func(k string) string { s, _ := p[k].(string); return s }
	g := kaart.Gebruiker{
		ID: str("id"), Issuer: str("issuer"), Subject: str("subject"), Email: str("email"), Naam: str("naam"),
		Rol: kaart.Rol(str("rol")), Organisatie: str("organisatie"), Gemeente: str("gemeente"),
	}
	if list, ok := p["gebieden"].([]any); ok {
		for _, v := range list {
			if s, ok := v.(string); ok {
				g.Gebieden = append(g.Gebieden, s)
			}
		}
	}
	g.Aangemaakt, _ = p["aangemaakt"].(time.Time)
	if t, ok := p["laatstIngelogd"].(time.Time); ok {
		g.LaatstIngelogd = &t
	}
	return g
}

func gebruikerParams(g kaart.Gebruiker) map[string]any {
	return map[string]any{
		"id": g.ID, "issuer": g.Issuer, "subject": g.Subject, "email": g.Email, "naam": g.Naam,
		"rol": string(g.Rol), "organisatie": g.Organisatie, "gemeente": g.Gemeente,
		"gebieden": nonNil(g.Gebieden), "aangemaakt": g.Aangemaakt.UTC(),
	}
}

// CreateGebruiker stores a person; CONFLICT when the e-mail address or the
// account is taken. The check runs in the write transaction itself.
func (s *Store) CreateGebruiker(ctx context.Context, g kaart.Gebruiker) error {
	return s.write(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "check gebruiker", `
			MATCH (g:Gebruiker)
			WHERE g.email = $email OR ($subject <> '' AND g.issuer = $issuer AND g.subject = $subject)
			RETURN g.email = $email LIMIT 1`, map[string]any{"email": g.Email, "issuer": g.Issuer, "subject": g.Subject})
		if err != nil {
			return err
		}
		if len(records) > 0 {
			if sameEmail, _ := records[0].Values[0].(bool); sameEmail {
				return &kaart.Error{Code: kaart.ECONFLICT, Field: "email", Message: "Er is al een gebruiker met dit e-mailadres."}
			}
			return &kaart.Error{Code: kaart.ECONFLICT, Field: "subject", Message: "Dit account van de identiteitsprovider hoort al bij een andere gebruiker."}
		}
		_, err = tx.run(ctx, "create gebruiker", `
			CREATE (:Gebruiker {
				id: $id, issuer: $issuer, subject: $subject, email: $email, naam: $naam, rol: $rol,
				organisatie: $organisatie, gemeente: $gemeente, gebieden: $gebieden, aangemaakt: $aangemaakt
			})`, gebruikerParams(g))
		return err
	})
}

func (s *Store) oneGebruiker(ctx context.Context, name, cypher string, params map[string]any, notFound string) (kaart.Gebruiker, error) {
	var g kaart.Gebruiker
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, name, cypher, params)
		if err != nil {
			return err
		}
		if len(records) == 0 {
			return kaart.NotFound("Gebruiker", notFound)
		}
		g = toGebruiker(records[0].Values[0].(dbtype.Node))
		return nil
	})
	return g, err
}

// GebruikerByID returns a person; NOT_FOUND when unknown.
func (s *Store) GebruikerByID(ctx context.Context, id string) (kaart.Gebruiker, error) {
	return s.oneGebruiker(ctx, "get gebruiker", "MATCH (g:Gebruiker {id: $id}) RETURN g", map[string]any{"id": id}, id)
}

// GebruikerBySubject returns the person of a provider account; NOT_FOUND when unknown.
func (s *Store) GebruikerBySubject(ctx context.Context, issuer, subject string) (kaart.Gebruiker, error) {
	return s.oneGebruiker(ctx, "get gebruiker by subject",
		"MATCH (g:Gebruiker {issuer: $issuer, subject: $subject}) WHERE $subject <> '' RETURN g",
		map[string]any{"issuer": issuer, "subject": subject}, subject)
}

// BindGebruiker binds a person registered by e-mail only to an account.
func (s *Store) BindGebruiker(ctx context.Context, email, issuer, subject string) (kaart.Gebruiker, error) {
	var g kaart.Gebruiker
	err := s.write(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "bind gebruiker", `
			MATCH (g:Gebruiker {email: $email})
			WHERE g.subject = '' AND NOT EXISTS { MATCH (:Gebruiker {issuer: $issuer, subject: $subject}) }
			SET g.issuer = $issuer, g.subject = $subject
			RETURN g`, map[string]any{"email": email, "issuer": issuer, "subject": subject})
		if err != nil {
			return err
		}
		if len(records) == 0 {
			return kaart.NotFound("Gebruiker", email)
		}
		g = toGebruiker(records[0].Values[0].(dbtype.Node))
		return nil
	})
	return g, err
}

// ListGebruikers returns every person, by name.
func (s *Store) ListGebruikers(ctx context.Context) ([]kaart.Gebruiker, error) {
	var out []kaart.Gebruiker
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "list gebruikers", "MATCH (g:Gebruiker) RETURN g ORDER BY toLower(g.naam), g.id", nil)
		if err != nil {
			return err
		}
		for _, r := range records {
			out = append(out, toGebruiker(r.Values[0].(dbtype.Node)))
		}
		return nil
	})
	return out, err
}

// RemoveGebruiker removes a person and their sessions in one transaction.
func (s *Store) RemoveGebruiker(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "remove gebruiker", `
			MATCH (g:Gebruiker {id: $id})
			OPTIONAL MATCH (s:Sessie {gebruiker: $id})
			WITH g, collect(s) AS sessies
			FOREACH (x IN sessies | DELETE x)
			DETACH DELETE g
			RETURN 1`, map[string]any{"id": id})
		if err != nil {
			return err
		}
		if len(records) == 0 {
			return kaart.NotFound("Gebruiker", id)
		}
		return tx.noteToegang(ctx)
	})
}

// UpsertGebruiker creates or updates the person with g's (issuer, subject).
func (s *Store) UpsertGebruiker(ctx context.Context, g kaart.Gebruiker) (kaart.Gebruiker, error) {
	var out kaart.Gebruiker
	err := s.write(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "upsert gebruiker", `
			MERGE (g:Gebruiker {issuer: $issuer, subject: $subject})
			ON CREATE SET g.id = $id, g.aangemaakt = $aangemaakt
			SET g.email = $email, g.naam = $naam, g.rol = $rol, g.organisatie = $organisatie,
				g.gemeente = $gemeente, g.gebieden = $gebieden
			RETURN g`, gebruikerParams(g))
		if err != nil {
			return err
		}
		out = toGebruiker(records[0].Values[0].(dbtype.Node))
		// The person's role or binding may have changed under their sessions.
		return tx.noteToegang(ctx)
	})
	return out, err
}

// RecordLogin sets a person's laatstIngelogd.
func (s *Store) RecordLogin(ctx context.Context, id string, at time.Time) error {
	return s.write(ctx, func(tx *txn) error {
		_, err := tx.run(ctx, "record login", "MATCH (g:Gebruiker {id: $id}) SET g.laatstIngelogd = $at", map[string]any{"id": id, "at": at.UTC()})
		return err
	})
}

// CreateSessie stores a session, and drops sessions that have expired, so
// that they do not pile up.
func (s *Store) CreateSessie(ctx context.Context, sess kaart.Sessie) error {
	return s.write(ctx, func(tx *txn) error {
		if _, err := tx.run(ctx, "delete expired sessions", "MATCH (s:Sessie) WHERE s.verloopt < $now DELETE s",
			map[string]any{"now": sess.Aangemaakt.UTC()}); err != nil {
			return err
		}
		_, err := tx.run(ctx, "create session", `
			CREATE (:Sessie {hash: $hash, gebruiker: $gebruiker, csrf: $csrf, aangemaakt: $aangemaakt,
				verloopt: $verloopt, laatstGebruikt: $laatstGebruikt})`, map[string]any{
			"hash": hex.EncodeToString(sess.Hash), "gebruiker": sess.GebruikerID, "csrf": sess.CSRF, "aangemaakt": sess.Aangemaakt.UTC(),
			"verloopt": sess.Verloopt.UTC(), "laatstGebruikt": sess.LaatstGebruikt.UTC(),
		})
		return err
	})
}

// SessieByHash returns a session; NOT_FOUND when unknown.
func (s *Store) SessieByHash(ctx context.Context, hash []byte) (kaart.Sessie, error) {
	var sess kaart.Sessie
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "get session", "MATCH (s:Sessie {hash: $hash}) RETURN s", map[string]any{"hash": hex.EncodeToString(hash)})
		if err != nil {
			return err
		}
		if len(records) == 0 {
			return kaart.NotFound("Sessie", "")
		}
		p := records[0].Values[0].(dbtype.Node).Props
		sess.Hash = hash
		sess.GebruikerID, _ = p["gebruiker"].(string)
		sess.CSRF, _ = p["csrf"].(string)
		sess.Aangemaakt, _ = p["aangemaakt"].(time.Time)
		sess.Verloopt, _ = p["verloopt"].(time.Time)
		sess.LaatstGebruikt, _ = p["laatstGebruikt"].(time.Time)
		return nil
	})
	return sess, err
}

// TouchSessie records a session's last use, for the idle timeout.
func (s *Store) TouchSessie(ctx context.Context, hash []byte, at time.Time) error {
	return s.write(ctx, func(tx *txn) error {
		_, err := tx.run(ctx, "touch session", "MATCH (s:Sessie {hash: $hash}) SET s.laatstGebruikt = $at", map[string]any{"hash": hex.EncodeToString(hash), "at": at.UTC()})
		return err
	})
}

// DeleteSessie ends a session.
func (s *Store) DeleteSessie(ctx context.Context, hash []byte) error {
	return s.write(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "delete session", "MATCH (s:Sessie {hash: $hash}) DELETE s RETURN count(*)", map[string]any{"hash": hex.EncodeToString(hash)})
		if err != nil {
			return err
		}
		if n, _ := records[0].Values[0].(int64); n == 0 {
			return nil // no such session: nothing any process may have kept
		}
		return tx.noteToegang(ctx)
	})
}

// CreateLoginPoging stores a login in progress and drops expired ones.
func (s *Store) CreateLoginPoging(ctx context.Context, p kaart.LoginPoging) error {
	return s.write(ctx, func(tx *txn) error {
		if _, err := tx.run(ctx, "delete expired logins", "MATCH (p:LoginPoging) WHERE p.verloopt < datetime() DELETE p", nil); err != nil {
			return err
		}
		_, err := tx.run(ctx, "create login", `
			CREATE (:LoginPoging {hash: $hash, nonce: $nonce, verifier: $verifier, terug: $terug, verloopt: $verloopt})`,
			map[string]any{"hash": hex.EncodeToString(p.StateHash), "nonce": p.Nonce, "verifier": p.Verifier, "terug": p.Terug, "verloopt": p.Verloopt.UTC()})
		return err
	})
}

// TakeLoginPoging returns and deletes a login in progress in one
// transaction, so that two callbacks with the same state cannot both win.
func (s *Store) TakeLoginPoging(ctx context.Context, stateHash []byte) (kaart.LoginPoging, error) {
	var p kaart.LoginPoging
	err := s.write(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "take login", `
			MATCH (p:LoginPoging {hash: $hash})
			WITH p, p.nonce AS nonce, p.verifier AS verifier, p.terug AS terug, p.verloopt AS verloopt
			DELETE p
			RETURN nonce, verifier, terug, verloopt`, map[string]any{"hash": hex.EncodeToString(stateHash)})
		if err != nil {
			return err
		}
		if len(records) == 0 {
			return kaart.NotFound("Login", "")
		}
		v := records[0].Values
		p.StateHash = stateHash
		p.Nonce, _ = v[0].(string)
		p.Verifier, _ = v[1].(string)
		p.Terug, _ = v[2].(string)
		p.Verloopt, _ = v[3].(time.Time)
		return nil
	})
	return p, err
}
