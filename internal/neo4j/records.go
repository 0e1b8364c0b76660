package neo4j

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// newID returns a random id with a short prefix naming the record type.
func newID(prefix string) string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return strings.ToLower(prefix) + "-" + hex.EncodeToString(b)
}

// storedValue turns a domain value into what Neo4j stores: calendar dates
// as Date, moments as DateTime.
func storedProps(props map[string]any) map[string]any {
	out := make(map[string]any, len(props))
	for k, v := range props {
		if t, ok := v.(time.Time); ok && kaart.IsDateProperty(k) {
			out[k] = neo4j.DateOf(t)
			continue
		}
		out[k] = v
	}
	return out
}

// internalProps never leave the store.
var internalProps = map[string]bool{"sorteernaam": true}

// domainProps turns stored properties into domain values.
func domainProps(props map[string]any) map[string]any {
	out := make(map[string]any, len(props))
	for k, v := range props {
		if internalProps[k] {
			continue
		}
		switch val := v.(type) {
		case dbtype.Date:
			out[k] = val.Time()
		case dbtype.LocalDateTime:
			out[k] = val.Time()
		default:
			out[k] = v
		}
	}
	return out
}

func recordType(labels []string) string {
	for _, l := range labels {
		if l != "Record" {
			return l
		}
	}
	return ""
}

func toNode(n dbtype.Node) kaart.Node {
	return kaart.Node{Type: recordType(n.Labels), Props: domainProps(n.Props)}
}

func relNode(r dbtype.Relationship) kaart.Node {
	props := domainProps(r.Props)
	props["soort"] = r.Type
	return kaart.Node{Type: "Koppeling", Props: props}
}

// lockRecord takes the write lock on a visible record and reads it after the
// lock, so that concurrent updates cannot both pass the versie check. It
// returns NOT_FOUND for a missing or invisible record, FORBIDDEN outside the
// viewer's write scope.
func (tx *txn) lockRecord(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, id string) (dbtype.Node, error) {
	cypher := fmt.Sprintf(`
		MATCH (n:Record:%s {id: $id})
		WHERE %s
		SET n._lock = true
		REMOVE n._lock
		RETURN n, %s AS mayWrite`, t.Name, visible("n"), writable("n"))
	records, err := tx.run(ctx, "lock "+t.Name, cypher, params(v, map[string]any{"id": id}))
	if err != nil {
		return dbtype.Node{}, err
	}
	if len(records) == 0 {
		return dbtype.Node{}, kaart.NotFound(t.Name, id)
	}
	if mayWrite, _ := records[0].Values[1].(bool); !mayWrite {
		return dbtype.Node{}, kaart.Errorf(kaart.EFORBIDDEN, "U mag %s %q niet wijzigen.", t.Name, id)
	}
	return records[0].Values[0].(dbtype.Node), nil
}

// mayWrite reports whether v may change the (visible) record id.
func (tx *txn) mayWrite(ctx context.Context, v kaart.Viewer, id string) (bool, error) {
	records, err := tx.run(ctx, "may write", fmt.Sprintf(`
		MATCH (n:Record {id: $id})
		RETURN %s AS mayWrite`, writable("n")), params(v, map[string]any{"id": id}))
	if err != nil || len(records) == 0 {
		return false, err
	}
	ok, _ := records[0].Values[0].(bool)
	return ok, nil
}

func checkVersie(t *kaart.RecordType, n dbtype.Node, versie int) error {
	current, _ := n.Props["versie"].(int64)
	if current != int64(versie) {
		return &kaart.Error{Code: kaart.ECONFLICT, Field: "versie", Message: fmt.Sprintf(
			"%s is intussen gewijzigd (nu versie %d, u stuurde versie %d). Haal de nieuwste versie op en probeer het opnieuw.", t.Name, current, versie)}
	}
	return nil
}

type foundRef struct {
	Type, Soort, Gemeente, Zichtbaarheid string
}

// checkRefs looks up every referenced id as the viewer sees it, and returns
// one field error per reference that is missing, hidden or of the wrong type.
func (tx *txn) checkRefs(ctx context.Context, v kaart.Viewer, refs []kaart.Ref) (map[string]foundRef, error) {
	found := map[string]foundRef{}
	if len(refs) == 0 {
		return found, nil
	}
	rows := make([]map[string]any, len(refs))
	for i, r := range refs {
		rows[i] = map[string]any{"field": r.Field, "id": r.ID}
	}
	cypher := fmt.Sprintf(`
		UNWIND $refs AS ref
		OPTIONAL MATCH (r:Record {id: ref.id})
		WHERE %s
		RETURN ref.field AS field, [l IN labels(r) WHERE l <> 'Record'][0] AS type, r.soort AS soort, r.gemeente AS gemeente, r.zichtbaarheid AS zichtbaarheid`, visible("r"))
	records, err := tx.run(ctx, "check references", cypher, params(v, map[string]any{"refs": rows}))
	if err != nil {
		return nil, err
	}
	var errs kaart.ValidationErrors
	for i, rec := range records {
		ref := refs[i]
		typ, _ := rec.Values[1].(string)
		soort, _ := rec.Values[2].(string)
		gemeente, _ := rec.Values[3].(string)
		zichtbaarheid, _ := rec.Values[4].(string)
		switch {
		case typ == "":
			errs.Add(ref.Field, "verwijst naar %q, dat niet bestaat of niet zichtbaar is voor u", ref.ID)
		case !refTypeAllowed(ref.Types, typ, soort):
			errs.Add(ref.Field, "moet verwijzen naar een %s, maar %q is een %s", strings.Join(ref.Types, " of "), ref.ID, typ)
		default:
			found[ref.ID] = foundRef{Type: typ, Soort: soort, Gemeente: gemeente, Zichtbaarheid: zichtbaarheid}
		}
	}
	return found, errs.Err()
}

func refTypeAllowed(types []string, typ, soort string) bool {
	for _, t := range types {
		if t == typ || (t == kaart.GemeenteRef && typ == "Gebied" && soort == "GEMEENTE") {
			return true
		}
	}
	return false
}

// Create makes a record and, in the same transaction, the link to its owner.
func (s *Store) Create(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, in kaart.Validated) (kaart.Node, error) {
	id := newID(t.Name[:3])
	props := storedProps(in.Props)
	var out kaart.Node
	err := s.write(ctx, func(tx *txn) error {
		refs := append([]kaart.Ref{}, in.Refs...)
		if in.Owner != nil {
			refs = append(refs, in.Owner.Ref)
		}
		found, err := tx.checkRefs(ctx, v, refs)
		if err != nil {
			return err
		}
		ownerRelation := ""
		if in.Owner != nil {
			ownerRelation = in.Owner.Relation
		}
		if t == kaart.GebiedType {
			ouder := ""
			if in.Owner != nil {
				ouder = found[in.Owner.ID].Soort
			}
			inTree, msg := kaart.GebiedOuder(props["soort"].(string), ouder)
			if msg != "" {
				return kaart.ValidationErrors{{Code: kaart.EINVALID, Field: "input.ouder", Message: msg}}
			}
			if !inTree {
				ownerRelation = ""
			}
			if in.Owner != nil {
				props["gemeente"] = found[in.Owner.ID].Gemeente
			} else {
				props["gemeente"] = id
			}
		}
		gemeente, _ := props["gemeente"].(string)
		beheerder, _ := props["beheerder"].(string)
		if err := v.WriteScope().MayAdd(t, gemeente, beheerder, id); err != nil {
			return err
		}
		if ownerRelation == "HEEFT_CONTACT" {
			// A contactgegeven is part of whom it reaches: only who may
			// change that record may add one to it.
			ok, err := tx.mayWrite(ctx, v, in.Owner.ID)
			if err != nil {
				return err
			}
			if !ok {
				return &kaart.Error{Code: kaart.EFORBIDDEN, Field: in.Owner.Field,
					Message: fmt.Sprintf("U mag geen contactgegevens toevoegen aan %q: dat record beheert u niet. Stel de wijziging voor aan de beheerder.", in.Owner.ID)}
			}
		}
		if ownerRelation != "" {
			// Nothing is more visible than what it belongs to.
			if z, ok := in.Props["zichtbaarheid"].(string); ok {
				limit, typ, err := tx.lockedZichtbaarheid(ctx, in.Owner.ID)
				if err != nil {
					return err
				}
				props["zichtbaarheid"] = tx.capped(z, limit, typ)
			}
		}
		if err := tx.checkUniek(ctx, v, t, props, id); err != nil {
			return err
		}
		dubbel, err := tx.sameName(ctx, v, t, props, id)
		if err != nil {
			return err
		}
		if len(dubbel) > 0 {
			tx.warn(kaart.Waarschuwing{Code: kaart.WMogelijkDubbel, Veld: "input." + t.NameField, Ids: dubbel,
				Bericht: fmt.Sprintf("Er staat al een %s met deze naam in de gemeente; controleer of het niet hetzelfde is.", lower(t.Name))})
		}
		cypher := fmt.Sprintf(`
			CREATE (n:Record:%s)
			SET n = $props, n.id = $id, n.versie = 1,
			    n.aangemaakt = datetime(), n.gewijzigd = datetime(), n.laatstBevestigd = coalesce($props.laatstBevestigd, datetime()),
			    n.sorteernaam = toLower(coalesce(n[$nameField], ''))
			RETURN n`, t.Name)
		records, err := tx.run(ctx, "create "+t.Name, cypher, map[string]any{"props": props, "id": id, "nameField": t.NameField})
		if err != nil {
			return err
		}
		out = toNode(records[0].Values[0].(dbtype.Node))
		if err := tx.noteCreated(ctx, v, t, out, in); err != nil {
			return err
		}
		// A new sub-organisation or gebied widens what viewers reach. The
		// counter is taken last, next to the outbox's, so that no lock on a
		// record is waited for while holding it.
		reach := reachRecord(t) || reachRelation(ownerRelation)
		if ownerRelation == "" {
			if reach {
				if err := tx.noteToegang(ctx); err != nil {
					return err
				}
			}
			return tx.noteChanged(ctx, []string{id}, nil)
		}
		from, to := id, in.Owner.ID
		if !in.Owner.Outgoing {
			from, to = to, from
		}
		_, err = tx.run(ctx, "link owner "+ownerRelation, fmt.Sprintf(`
			MATCH (a:Record {id: $from}), (b:Record {id: $to})
			CREATE (a)-[r:%s]->(b)
			SET r.id = $relID, r.gemeente = $gemeente, r.zichtbaarheid = 'OPENBAAR', r.versie = 1,
			    r.aangemaakt = datetime(), r.gewijzigd = datetime()`, ownerRelation),
			map[string]any{"from": from, "to": to, "relID": newID("k"), "gemeente": gemeente})
		if err != nil {
			return err
		}
		if reach {
			if err := tx.noteToegang(ctx); err != nil {
				return err
			}
		}
		return tx.noteChanged(ctx, []string{id, in.Owner.ID}, nil)
	})
	if err != nil {
		return kaart.Node{}, err
	}
	return out, nil
}

// Update changes the given properties; nil values remove a property.
func (s *Store) Update(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, id string, versie int, in kaart.Validated) (kaart.Node, error) {
	var out kaart.Node
	err := s.write(ctx, func(tx *txn) error {
		var err error
		out, err = tx.update(ctx, v, t, id, versie, in)
		return err
	})
	return out, err
}

// update is Update inside a transaction that is already open, so that other
// changes (an approved proposal, a restore) can make it part of their own
// single transaction.
func (tx *txn) update(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, id string, versie int, in kaart.Validated) (kaart.Node, error) {
	n, err := tx.lockRecord(ctx, v, t, id)
	if err != nil {
		return kaart.Node{}, err
	}
	if err := checkVersie(t, n, versie); err != nil {
		return kaart.Node{}, err
	}
	if _, err := tx.checkRefs(ctx, v, in.Refs); err != nil {
		return kaart.Node{}, err
	}
	if b, ok := in.Props["beheerder"].(string); ok {
		gemeente, _ := n.Props["gemeente"].(string)
		if !v.WriteScope().Allows(gemeente, b, id) {
			return kaart.Node{}, &kaart.Error{Code: kaart.EFORBIDDEN, Field: "input.beheerder", Message: "Met deze beheerder zou u het record niet meer mogen wijzigen."}
		}
	}
	props := in.Props
	if _, ok := props["zichtbaarheid"].(string); ok {
		// Nothing is more visible than what it belongs to.
		z, typ, ok, err := tx.ownerZichtbaarheid(ctx, t, id)
		if err != nil {
			return kaart.Node{}, err
		}
		if ok {
			props = tx.capProps(props, z, typ)
		}
	}
	after := domainProps(n.Props)
	for k, val := range props {
		after[k] = val
	}
	if err := tx.checkUniek(ctx, v, t, after, id); err != nil {
		return kaart.Node{}, err
	}
	cypher := fmt.Sprintf(`
		MATCH (n:Record:%s {id: $id})
		SET n += $props, n.versie = n.versie + 1, n.gewijzigd = datetime(),
		    n.sorteernaam = toLower(coalesce(n[$nameField], ''))
		RETURN n`, t.Name)
	records, err := tx.run(ctx, "update "+t.Name, cypher, map[string]any{"id": id, "props": storedProps(props), "nameField": t.NameField})
	if err != nil {
		return kaart.Node{}, err
	}
	out := toNode(records[0].Values[0].(dbtype.Node))
	if err := tx.noteUpdated(ctx, v, t, n, out, props); err != nil {
		return kaart.Node{}, err
	}
	changed := []string{id}
	if voor, na := propString(n.Props, "zichtbaarheid"), propString(out.Props, "zichtbaarheid"); kaart.Ruimer(voor, na) {
		// What belongs to it narrows with it, in this transaction.
		dependents, err := tx.narrowDependents(ctx, v, id)
		if err != nil {
			return kaart.Node{}, err
		}
		if len(dependents) > 0 {
			tx.warn(kaart.Meebegrensd(na, len(dependents)))
		}
		changed = append(changed, dependents...)
	}
	if reachRecord(t) {
		if err := tx.noteToegang(ctx); err != nil {
			return kaart.Node{}, err
		}
	}
	return out, tx.noteChanged(ctx, changed, nil)
}

// ownedBy lists, per record type, the relationships through which other
// records depend on it and block its deletion.
const dependentsCypher = `
	MATCH (n:Record {id: $id})<-[:DEEL_VAN|FUNCTIE_BIJ|AANGEBODEN_DOOR|ONDERDEEL_VAN]-(d:Record)
	RETURN d.id AS id, %s AS seen
	ORDER BY id`

// Delete removes a record with its own contactgegevens and relationships.
// Records that hang under it (buurten, functies, aanbod, sub-organisaties)
// block the delete with CONFLICT.
func (s *Store) Delete(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, id string, versie int) error {
	return s.write(ctx, func(tx *txn) error {
		n, err := tx.lockRecord(ctx, v, t, id)
		if err != nil {
			return err
		}
		if err := checkVersie(t, n, versie); err != nil {
			return err
		}
		records, err := tx.run(ctx, "dependents", fmt.Sprintf(dependentsCypher, visible("d")), params(v, map[string]any{"id": id}))
		if err != nil {
			return err
		}
		if len(records) > 0 {
			var seen []string
			hidden := false
			for _, r := range records {
				if ok, _ := r.Values[1].(bool); ok {
					seen = append(seen, r.Values[0].(string))
				} else {
					hidden = true
				}
			}
			msg := fmt.Sprintf("%s %q kan niet worden verwijderd: er hangen nog records onder (%s).", t.Name, id, strings.Join(seen, ", "))
			if hidden {
				msg = fmt.Sprintf("%s %q kan niet worden verwijderd: er hangen nog records onder, ook records die u niet kunt zien. Vraag de beheerder van de gemeente.", t.Name, id)
			}
			return &kaart.Error{Code: kaart.ECONFLICT, Message: msg, Afhankelijk: seen}
		}
		changed, gemeenten, err := tx.neighbourIDs(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.noteDeleted(ctx, v, t, n); err != nil {
			return err
		}
		_, err = tx.run(ctx, "delete "+t.Name, `
			MATCH (n:Record {id: $id})
			OPTIONAL MATCH (n)-[:HEEFT_CONTACT]->(c:Contactgegeven)
			DETACH DELETE c, n`, map[string]any{"id": id})
		if err != nil {
			return err
		}
		if reachRecord(t) {
			if err := tx.noteToegang(ctx); err != nil {
				return err
			}
		}
		return tx.noteChanged(ctx, changed, gemeenten)
	})
}

// Confirm records that the record is still right, without changing its versie.
func (s *Store) Confirm(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, id string) (kaart.Node, error) {
	var out kaart.Node
	err := s.write(ctx, func(tx *txn) error {
		if _, err := tx.lockRecord(ctx, v, t, id); err != nil {
			return err
		}
		records, err := tx.run(ctx, "confirm "+t.Name, `
			MATCH (n:Record {id: $id})
			SET n.laatstBevestigd = datetime()
			RETURN n`, map[string]any{"id": id})
		if err != nil {
			return err
		}
		out = toNode(records[0].Values[0].(dbtype.Node))
		return tx.noteConfirmed(ctx, v, t, out)
	})
	return out, err
}

// Get returns the visible records among ids.
func (s *Store) Get(ctx context.Context, v kaart.Viewer, types []string, ids []string) (map[string]kaart.Node, error) {
	out := map[string]kaart.Node{}
	if len(ids) == 0 {
		return out, nil
	}
	if types == nil {
		types = []string{}
	}
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "get records", fmt.Sprintf(`
			MATCH (n:Record)
			WHERE n.id IN $ids AND %s
			  AND (size($types) = 0 OR any(l IN labels(n) WHERE l IN $types))
			RETURN n`, visible("n")), params(v, map[string]any{"ids": ids, "types": types}))
		if err != nil {
			return err
		}
		for _, r := range records {
			n := toNode(r.Values[0].(dbtype.Node))
			out[n.ID()] = n
		}
		return nil
	})
	return out, err
}

func lowerUnicode(s string) string { return strings.ToLower(s) }
