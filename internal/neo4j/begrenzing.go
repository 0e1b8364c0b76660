package neo4j

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// The rule of kaart/begrenzing.go in the store: nothing is stored more
// visible than the record it belongs to (its owner, kaart.RecordType.Owner).
// Every write caps in its own transaction: a create or update of a
// dependent (tx.ownerZichtbaarheid), an update that narrows an owner
// (tx.narrowDependents, down the whole tree), an import (tx.capAll), and
// the data of before the rule once, in Migrate. (A Koppeling is bounded by
// its ends at read time instead; see kaart/begrenzing.go.) So every read path (by id, list, count,
// nested field, search, suggestion, export, history), which all read the
// stored zichtbaarheid, keeps to it without a rule of its own.

// rang is kaart.Rang in Cypher: a missing or unknown value is the widest.
func rang(expr string) string {
	return fmt.Sprintf("(CASE %s WHEN 'INTERN' THEN 1 WHEN 'PARTNERS' THEN 2 ELSE 3 END)", expr)
}

// zichtbaarheidVan turns a rang back into its zichtbaarheid.
func zichtbaarheidVan(expr string) string {
	return fmt.Sprintf("['INTERN', 'PARTNERS', 'OPENBAAR'][%s - 1]", expr)
}

// ownerRelations are the owner relationships of kaart.RecordTypes: up are
// (dependent)-[rel]->(owner), down are (owner)-[rel]->(dependent).
var ownerUp, ownerDown = ownerRelations()

func ownerRelations() (up, down string) {
	var ups, downs []string
	seen := map[string]bool{}
	for _, t := range kaart.RecordTypes {
		o := t.Owner
		if o == nil || seen[o.Relation] {
			continue
		}
		seen[o.Relation] = true
		if o.Outgoing {
			ups = append(ups, o.Relation)
		} else {
			downs = append(downs, o.Relation)
		}
	}
	sort.Strings(ups)
	sort.Strings(downs)
	return strings.Join(ups, "|"), strings.Join(downs, "|")
}

// dependentsOf matches every d that belongs to f directly.
func dependentsOf(f, d string) string {
	return fmt.Sprintf(`CALL { WITH %[1]s MATCH (%[2]s:Record)-[:%[3]s]->(%[1]s) RETURN %[2]s
	        UNION WITH %[1]s MATCH (%[1]s)-[:%[4]s]->(%[2]s:Record) RETURN %[2]s }`, f, d, ownerUp, ownerDown)
}

// ownerZichtbaarheid returns the zichtbaarheid and type of the owner of the
// record id of type t, or ok false when it has none. It locks the owner, so
// that a concurrent narrowing of the owner either comes after this change
// (and takes the record along) or before it (and is read here).
func (tx *txn) ownerZichtbaarheid(ctx context.Context, t *kaart.RecordType, id string) (z, typ string, ok bool, err error) {
	o := t.Owner
	if o == nil {
		return "", "", false, nil
	}
	pattern := "(n)-[:%s]->(o:Record)"
	if !o.Outgoing {
		pattern = "(n)<-[:%s]-(o:Record)"
	}
	records, err := tx.run(ctx, "owner zichtbaarheid", fmt.Sprintf(`
		MATCH (n:Record {id: $id})
		MATCH `+pattern+`
		SET o._lock = true
		REMOVE o._lock
		RETURN o.zichtbaarheid, [l IN labels(o) WHERE l <> 'Record'][0]
		ORDER BY %s LIMIT 1`, o.Relation, rang("o.zichtbaarheid")), map[string]any{"id": id})
	if err != nil || len(records) == 0 {
		return "", "", false, err
	}
	z, _ = records[0].Values[0].(string)
	typ, _ = records[0].Values[1].(string)
	return z, typ, true, nil
}

// lockedZichtbaarheid locks the record id and returns its zichtbaarheid and
// type, read after the lock (see ownerZichtbaarheid).
func (tx *txn) lockedZichtbaarheid(ctx context.Context, id string) (z, typ string, err error) {
	records, err := tx.run(ctx, "lock owner", `
		MATCH (o:Record {id: $id})
		SET o._lock = true
		REMOVE o._lock
		RETURN o.zichtbaarheid, [l IN labels(o) WHERE l <> 'Record'][0]`, map[string]any{"id": id})
	if err != nil || len(records) == 0 {
		return "", "", err
	}
	z, _ = records[0].Values[0].(string)
	typ, _ = records[0].Values[1].(string)
	return z, typ, nil
}

// capped returns the zichtbaarheid to store for one asked for: limit, that
// of a record of type limitType, when asked is wider (with a warning given
// after the commit), else asked. Callers pass what the caller asked, not
// what an earlier attempt of the same transaction stored, so that a retried
// transaction warns as well.
func (tx *txn) capped(asked, limit, limitType string) string {
	if limit == "" || !kaart.Ruimer(asked, limit) {
		return asked
	}
	tx.warn(kaart.Begrensd(limit, limitType))
	return limit
}

// capProps is capped on the zichtbaarheid in props, when there is one; it
// returns a copy when it changes it.
func (tx *txn) capProps(props map[string]any, limit, limitType string) map[string]any {
	z, ok := props["zichtbaarheid"].(string)
	if !ok {
		return props
	}
	c := tx.capped(z, limit, limitType)
	if c == z {
		return props
	}
	out := make(map[string]any, len(props))
	for k, v := range props {
		out[k] = v
	}
	out["zichtbaarheid"] = c
	return out
}

// warn keeps a warning for the caller, given when the transaction commits.
func (tx *txn) warn(w kaart.Waarschuwing) { tx.warnings = append(tx.warnings, w) }

var narrowDependentsCypher = fmt.Sprintf(`
	UNWIND $ids AS fid
	MATCH (f:Record {id: fid})
	%s
	WITH d, min(%s) AS cap
	WHERE %s > cap
	WITH d, d.zichtbaarheid AS voor, %s AS na
	SET d.zichtbaarheid = na, d.versie = d.versie + 1, d.gewijzigd = datetime()
	RETURN d.id, [l IN labels(d) WHERE l <> 'Record'][0], voor, na, d.versie`,
	dependentsOf("f", "d"), rang("f.zichtbaarheid"), rang("d.zichtbaarheid"), zichtbaarheidVan("cap"))

// narrowDependents lowers the records that belong to id, and those that
// belong to them, to its zichtbaarheid where theirs is wider, each with an
// entry in its history, and returns their ids. It runs before the outbox
// note of the change, so that it takes its record locks first.
func (tx *txn) narrowDependents(ctx context.Context, v kaart.Viewer, id string) ([]string, error) {
	var changed []string
	for frontier := []string{id}; len(frontier) > 0; {
		records, err := tx.run(ctx, "narrow dependents", narrowDependentsCypher, map[string]any{"ids": frontier})
		if err != nil {
			return nil, err
		}
		frontier = nil
		for _, r := range records {
			did, _ := r.Values[0].(string)
			typ, _ := r.Values[1].(string)
			versie, _ := r.Values[4].(int64)
			if err := tx.noteHistory(ctx, v, entry{recordID: did, recordType: typ, soort: kaart.WijzigingGewijzigd,
				voor: map[string]any{"zichtbaarheid": r.Values[2]}, na: map[string]any{"zichtbaarheid": r.Values[3]}, versie: versie}); err != nil {
				return nil, err
			}
			frontier = append(frontier, did)
			changed = append(changed, did)
		}
	}
	return changed, nil
}

// capAll lowers every record of the gemeenten (all when nil) that is wider
// than what it belongs to, and every Persoon shown beyond INTERN on consent
// for no stated zichtbaarheid (kaart.CheckToestemming), and returns the ids
// it changed. For data written before the rule (Migrate) and imports;
// these changes have no history entry of their own.
func (tx *txn) capAll(ctx context.Context, gemeenten []string) ([]string, error) {
	p := map[string]any{"gemeenten": gemeenteFilter(gemeenten)}
	records, err := tx.run(ctx, "cap consent without zichtbaarheid", fmt.Sprintf(`
		MATCH (n:Persoon:Record {grondslag: 'TOESTEMMING'})
		WHERE n.toestemmingZichtbaarheid IS NULL AND %s > 1
		  AND ($gemeenten IS NULL OR n.gemeente IN $gemeenten)
		SET n.zichtbaarheid = 'INTERN', n.versie = n.versie + 1, n.gewijzigd = datetime()
		RETURN n.id`, rang("n.zichtbaarheid")), p)
	if err != nil {
		return nil, err
	}
	var changed []string
	for _, r := range records {
		changed = append(changed, r.Values[0].(string))
	}
	cypher := fmt.Sprintf(`
		MATCH (f:Record)
		WHERE ($gemeenten IS NULL OR f.gemeente IN $gemeenten)
		%s
		WITH d, min(%s) AS cap
		WHERE %s > cap
		SET d.zichtbaarheid = %s, d.versie = d.versie + 1, d.gewijzigd = datetime()
		RETURN d.id`, dependentsOf("f", "d"), rang("f.zichtbaarheid"), rang("d.zichtbaarheid"), zichtbaarheidVan("cap"))
	for {
		records, err := tx.run(ctx, "cap dependents", cypher, p)
		if err != nil {
			return nil, err
		}
		if len(records) == 0 {
			return changed, nil
		}
		for _, r := range records {
			changed = append(changed, r.Values[0].(string))
		}
	}
}

// migrateBegrenzing caps the data of before the rule, once per database.
func (s *Store) migrateBegrenzing(ctx context.Context) error {
	return s.write(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "begrenzing applied", `
			OPTIONAL MATCH (m:Schema {naam: 'socialekaart'})
			RETURN coalesce(m.zichtbaarheidBegrensd, false)`, nil)
		if err != nil {
			return err
		}
		if done, _ := records[0].Values[0].(bool); done {
			return nil
		}
		changed, err := tx.capAll(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.run(ctx, "record begrenzing", `
			MERGE (m:Schema {naam: 'socialekaart'})
			SET m.zichtbaarheidBegrensd = true`, nil); err != nil {
			return err
		}
		return tx.noteChanged(ctx, changed, nil)
	})
}
