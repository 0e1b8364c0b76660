package neo4j

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// API keys are ApiSleutel nodes, outside the Record graph: no record query,
// export or count ever reaches them.

// CreateSleutel stores a key with the hash of its secret.
func (s *Store) CreateSleutel(ctx context.Context, k kaart.Sleutel, hash []byte) error {
	return s.write(ctx, func(tx *txn) error {
		_, err := tx.run(ctx, "create api key", `
			CREATE (k:ApiSleutel {
				id: $id, naam: $naam, rol: $rol, organisatie: $organisatie, gemeente: $gemeente,
				gebieden: $gebieden, hash: $hash, aangemaakt: $aangemaakt, geldigTot: $geldigTot
			})`, map[string]any{
			"id": k.ID, "naam": k.Naam, "rol": string(k.Rol), "organisatie": k.Organisatie, "gemeente": k.Gemeente,
			"gebieden": nonNil(k.Gebieden), "hash": hash, "aangemaakt": k.Aangemaakt, "geldigTot": optionalTime(k.GeldigTot),
		})
		return err
	})
}

// optionalTime is nil for no time, which leaves the property unset.
func optionalTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func toSleutel(n dbtype.Node) (kaart.Sleutel, []byte) {
	p := n.Props
	str := func(k string) string { s, _ := p[k].(string); return s }
	k := kaart.Sleutel{ID: str("id"), Naam: str("naam"), Rol: kaart.Rol(str("rol")), Organisatie: str("organisatie"), Gemeente: str("gemeente")}
	if list, ok := p["gebieden"].([]any); ok {
		for _, g := range list {
			if s, ok := g.(string); ok {
				k.Gebieden = append(k.Gebieden, s)
			}
		}
	}
	k.Aangemaakt, _ = p["aangemaakt"].(time.Time)
	if t, ok := p["laatstGebruikt"].(time.Time); ok {
		k.LaatstGebruikt = &t
	}
	if t, ok := p["ingetrokken"].(time.Time); ok {
		k.Ingetrokken = &t
	}
	if t, ok := p["geldigTot"].(time.Time); ok {
		k.GeldigTot = &t
	}
	if t, ok := p["geroteerd"].(time.Time); ok {
		k.Geroteerd = &t
	}
	hash, _ := p["hash"].([]byte)
	return k, hash
}

// SleutelByID returns a key and its hash, NOT_FOUND when unknown.
func (s *Store) SleutelByID(ctx context.Context, id string) (kaart.Sleutel, []byte, error) {
	var k kaart.Sleutel
	var hash []byte
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "get api key", "MATCH (k:ApiSleutel {id: $id}) RETURN k", map[string]any{"id": id})
		if err != nil {
			return err
		}
		if len(records) == 0 {
			return kaart.NotFound("API-sleutel", id)
		}
		k, hash = toSleutel(records[0].Values[0].(dbtype.Node))
		return nil
	})
	return k, hash, err
}

// ListSleutels returns every key, newest first, without hashes.
func (s *Store) ListSleutels(ctx context.Context) ([]kaart.Sleutel, error) {
	var out []kaart.Sleutel
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "list api keys", "MATCH (k:ApiSleutel) RETURN k ORDER BY k.aangemaakt DESC, k.id", nil)
		if err != nil {
			return err
		}
		for _, r := range records {
			k, _ := toSleutel(r.Values[0].(dbtype.Node))
			out = append(out, k)
		}
		return nil
	})
	return out, err
}

// RevokeSleutel marks a key as revoked; NOT_FOUND when unknown.
func (s *Store) RevokeSleutel(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "revoke api key", `
			MATCH (k:ApiSleutel {id: $id})
			SET k.ingetrokken = coalesce(k.ingetrokken, datetime())
			RETURN k.id`, map[string]any{"id": id})
		if err != nil {
			return err
		}
		if len(records) == 0 {
			return kaart.NotFound("API-sleutel", id)
		}
		return tx.noteToegang(ctx)
	})
}

// TouchSleutel records the last use of a key.
func (s *Store) TouchSleutel(ctx context.Context, id string, at time.Time) error {
	return s.write(ctx, func(tx *txn) error {
		_, err := tx.run(ctx, "touch api key", "MATCH (k:ApiSleutel {id: $id}) SET k.laatstGebruikt = $at", map[string]any{"id": id, "at": at})
		return err
	})
}

// RotateSleutel replaces the hash of a key's secret, so the old token stops
// working with this transaction. NOT_FOUND when unknown; CONFLICT when the
// key is revoked, checked in the same transaction so that a revoke and a
// rotation racing each other never bring a revoked key back.
func (s *Store) RotateSleutel(ctx context.Context, id string, hash []byte, at time.Time) error {
	return s.write(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "rotate api key", `
			MATCH (k:ApiSleutel {id: $id})
			WITH k, k.ingetrokken IS NULL AS actief
			FOREACH (_ IN CASE WHEN actief THEN [1] ELSE [] END |
				SET k.hash = $hash, k.geroteerd = $at)
			RETURN actief`, map[string]any{"id": id, "hash": hash, "at": at})
		if err != nil {
			return err
		}
		if len(records) == 0 {
			return kaart.NotFound("API-sleutel", id)
		}
		if actief, _ := records[0].Values[0].(bool); !actief {
			return kaart.Errorf(kaart.ECONFLICT, "Deze API-sleutel is ingetrokken en kan niet meer geroteerd worden. Maak een nieuwe sleutel.")
		}
		return tx.noteToegang(ctx)
	})
}
