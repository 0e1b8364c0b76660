package neo4j

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// One fact, stored once. A record's identity outside the kaart
// (kaart.RecordType.Uniek) is held by a Neo4j uniqueness constraint; a
// relationship's (kaart.RelationType.Key) by checkOneFact in links.go.
// Before the constraints are made, the migration resolves what breaks them,
// never silently and never losing what a person entered: of each fact
// stored twice the oldest copy stays; a later relationship is removed after
// its properties the oldest lacks were copied onto it, a later record keeps
// everything but the code it shares. Each of these is a history entry by
// "migratie" with the reason (the full removed relationship, the code taken
// away), and a warning in the log, so a beheerder can review them. The
// migration does not refuse to run: the service would then not start, and
// the duplicates could not be fixed through it.

// identityTypes are the record types with an identity, by name.
func identityTypes() []*kaart.RecordType {
	var out []*kaart.RecordType
	for _, t := range kaart.RecordTypes {
		if len(t.Uniek) > 0 {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func uniekProps(alias string, props []string) string {
	parts := make([]string, len(props))
	for i, p := range props {
		parts[i] = alias + "." + p
	}
	return strings.Join(parts, ", ")
}

// identityMigrations make the uniqueness constraints. The constraint
// brings its own index, so the plain index on cbsCode goes first: Neo4j
// refuses a constraint over an index on the same property.
func identityMigrations() []string {
	stmts := []string{"DROP INDEX gebied_cbs IF EXISTS"}
	for _, t := range identityTypes() {
		stmts = append(stmts, fmt.Sprintf("CREATE CONSTRAINT %s_uniek IF NOT EXISTS FOR (n:%s) REQUIRE (%s) IS UNIQUE",
			lower(t.Name), t.Name, uniekProps("n", t.Uniek)))
	}
	return stmts
}

// oneFact resolves every fact stored more than once (see above).
func (s *Store) oneFact(ctx context.Context) error {
	for _, t := range identityTypes() {
		if err := s.mergeRecords(ctx, t); err != nil {
			return err
		}
	}
	names := make([]string, 0, len(kaart.RelationTypes))
	for name := range kaart.RelationTypes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := s.mergeLinks(ctx, kaart.RelationTypes[name]); err != nil {
			return err
		}
	}
	return nil
}

// migratie is who the history names for what the migration resolved.
var migratie = kaart.Viewer{Rol: kaart.Beheerder, Naam: "migratie"}

// mergeRecords takes the shared code (the last of t.Uniek) away from every
// record of type t but the oldest that shares its identity with another.
func (s *Store) mergeRecords(ctx context.Context, t *kaart.RecordType) error {
	field := t.Uniek[len(t.Uniek)-1]
	where := make([]string, len(t.Uniek))
	for i, p := range t.Uniek {
		where[i] = "n." + p + " IS NOT NULL"
	}
	var cleared []string
	err := s.write(ctx, func(tx *txn) error {
		cleared = nil
		records, err := tx.run(ctx, "duplicate "+t.Name, fmt.Sprintf(`
			MATCH (n:%s) WHERE %s
			WITH [%s] AS code, n ORDER BY n.aangemaakt, n.id
			WITH code, collect(n.id) AS ids
			WHERE size(ids) > 1
			RETURN code, ids`, t.Name, strings.Join(where, " AND "), uniekProps("n", t.Uniek)), nil)
		if err != nil {
			return err
		}
		for _, rec := range records {
			ids := rec.Values[1].([]any)
			keep := ids[0].(string)
			for _, x := range ids[1:] {
				id := x.(string)
				res, err := tx.run(ctx, "clear "+t.Name, fmt.Sprintf(`
					MATCH (n:Record:%[1]s {id: $id})
					WITH n, n.%[2]s AS code
					REMOVE n.%[2]s
					SET n.versie = n.versie + 1, n.gewijzigd = datetime()
					RETURN code, n.versie`, t.Name, field), map[string]any{"id": id})
				if err != nil {
					return err
				}
				versie, _ := res[0].Values[1].(int64)
				if err := tx.noteHistory(ctx, migratie, entry{recordID: id, recordType: t.Name, soort: kaart.WijzigingGewijzigd,
					voor: map[string]any{field: res[0].Values[0]}, na: map[string]any{field: nil}, versie: versie,
					reden: fmt.Sprintf("%s stond al bij %s %s", field, lower(t.Name), keep)}); err != nil {
					return err
				}
				cleared = append(cleared, id)
			}
		}
		if len(cleared) > 0 {
			return tx.noteChanged(ctx, cleared, nil)
		}
		return nil
	})
	if len(cleared) > 0 {
		s.logger.WarnContext(ctx, "migration took a code stored twice from the later records; see their history", "type", t.Name, "field", field, "records", cleared)
	}
	return err
}

// mergeLinks keeps, of relationships of type r with the same ends and Key,
// the oldest; it copies onto it what a later one has and it lacks, and
// removes the later one.
func (s *Store) mergeLinks(ctx context.Context, r *kaart.RelationType) error {
	key := r.Key
	if key == nil {
		key = []string{}
	}
	var merged, differed []string
	err := s.write(ctx, func(tx *txn) error {
		merged, differed = nil, nil
		records, err := tx.run(ctx, "duplicate "+r.Name, fmt.Sprintf(`
			MATCH (a:Record)-[r:%s]->(b:Record)
			WITH a, b, [k IN $key | r[k]] AS key, r ORDER BY r.aangemaakt, r.id
			WITH a, b, key, collect(r) AS rs
			WHERE size(rs) > 1
			RETURN a.id, b.id, rs`, r.Name), map[string]any{"key": key})
		if err != nil {
			return err
		}
		for _, rec := range records {
			from, to := rec.Values[0].(string), rec.Values[1].(string)
			rels := rec.Values[2].([]any)
			keep := rels[0].(dbtype.Relationship)
			keepID := fmt.Sprint(keep.Props["id"])
			missing := map[string]any{}
			for _, x := range rels[1:] {
				other := x.(dbtype.Relationship)
				id := fmt.Sprint(other.Props["id"])
				if !sameFact(keep.Props, other.Props) {
					differed = append(differed, id)
				}
				for k, v := range linkProps(other.Props) {
					if _, ok := keep.Props[k]; !ok && missing[k] == nil {
						missing[k] = v
					}
				}
				if err := tx.noteHistory(ctx, migratie, entry{recordID: from, soort: kaart.WijzigingOntkoppeld, voor: linkProps(other.Props),
					koppelingID: id, relatie: r.Name, van: from, naar: to, reden: "dubbel van koppeling " + keepID}); err != nil {
					return err
				}
				if _, err := tx.run(ctx, "merge "+r.Name, fmt.Sprintf(`
					MATCH ()-[r:%s {id: $id}]->() DELETE r`, r.Name), map[string]any{"id": id}); err != nil {
					return err
				}
				merged = append(merged, id)
			}
			if len(missing) > 0 {
				if _, err := tx.run(ctx, "merge into "+r.Name, fmt.Sprintf(`
					MATCH ()-[r:%s {id: $id}]->() SET r += $props, r.versie = r.versie + 1, r.gewijzigd = datetime()`, r.Name),
					map[string]any{"id": keepID, "props": storedProps(missing)}); err != nil {
					return err
				}
			}
			if err := tx.noteChanged(ctx, []string{from, to}, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if len(merged) > 0 {
		s.logger.WarnContext(ctx, "migration merged relationships stored twice; see the history of their start", "relation", r.Name, "removed", merged, "differed", differed)
	}
	return err
}

// sameFact reports whether two relationships say the same thing: the same
// properties apart from their own id and bookkeeping.
func sameFact(a, b map[string]any) bool {
	strip := func(p map[string]any) map[string]any {
		out := linkProps(p)
		delete(out, "beheerder")
		return out
	}
	return reflect.DeepEqual(strip(a), strip(b))
}

// checkUniek refuses a record whose identity (t.Uniek) another record has,
// naming that one when the viewer may see it. props are all the record's
// properties as they will be; self is its id. The constraint is what
// holds the rule under concurrency; this only makes the answer precise.
func (tx *txn) checkUniek(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, props map[string]any, self string) error {
	if len(t.Uniek) == 0 {
		return nil
	}
	where := make([]string, len(t.Uniek))
	values := map[string]any{}
	for i, p := range t.Uniek {
		if props[p] == nil {
			return nil
		}
		where[i] = fmt.Sprintf("n.%s = $values.%s", p, p)
		values[p] = props[p]
	}
	records, err := tx.run(ctx, "identity "+t.Name, fmt.Sprintf(`
		MATCH (n:%s) WHERE %s AND n.id <> $self
		RETURN n.id, %s
		LIMIT 1`, t.Name, strings.Join(where, " AND "), visible("n")), params(v, map[string]any{"values": values, "self": self}))
	if err != nil || len(records) == 0 {
		return err
	}
	return uniekConflict(t, records[0].Values[0], records[0].Values[1])
}

func uniekConflict(t *kaart.RecordType, id, seen any) *kaart.Error {
	field := t.Uniek[len(t.Uniek)-1]
	e := &kaart.Error{Code: kaart.ECONFLICT, Field: "input." + field,
		Message: fmt.Sprintf("is al van een andere %s; een %s staat één keer op de kaart.", lower(t.Name), field)}
	if ok, _ := seen.(bool); ok {
		e.Bestaand, _ = id.(string)
		e.Message = fmt.Sprintf("is al van %s %q; een %s staat één keer op de kaart. Wijzig dat record in plaats van een tweede te maken.", lower(t.Name), e.Bestaand, field)
	}
	return e
}

// constraintConflict reads which identity a ConstraintValidationFailed
// message is about ("Node(12) already exists with label `Gebied` and
// property `cbsCode` = 'GM0344'"), for two creates that raced past
// checkUniek.
func constraintConflict(msg string) *kaart.Error {
	for _, t := range identityTypes() {
		if strings.Contains(msg, "`"+t.Name+"`") && strings.Contains(msg, "`"+t.Uniek[len(t.Uniek)-1]+"`") {
			return uniekConflict(t, nil, false)
		}
	}
	return &kaart.Error{Code: kaart.ECONFLICT, Message: "Dit record bestaat al."}
}

// sameName returns the visible records of type t in the same gemeente
// whose name, lowercased, is that of a new record (for a gebied: of the
// same soort): probably the same one entered twice.
func (tx *txn) sameName(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, props map[string]any, self string) ([]string, error) {
	naam, _ := props[t.NameField].(string)
	gemeente, _ := props["gemeente"].(string)
	if naam == "" || gemeente == "" {
		return nil, nil
	}
	// A wijk and a buurt may share a name; two wijken should not.
	var soort any
	if t == kaart.GebiedType {
		soort = props["soort"]
	}
	records, err := tx.run(ctx, "same name "+t.Name, fmt.Sprintf(`
		MATCH (n:%s {gemeente: $gemeente, sorteernaam: toLower($naam)})
		WHERE n.id <> $self AND ($soort IS NULL OR n.soort = $soort) AND %s
		RETURN n.id ORDER BY n.id LIMIT 10`, t.Name, visible("n")),
		params(v, map[string]any{"gemeente": gemeente, "naam": naam, "self": self, "soort": soort}))
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, rec := range records {
		ids = append(ids, rec.Values[0].(string))
	}
	return ids, nil
}
