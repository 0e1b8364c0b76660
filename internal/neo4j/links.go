package neo4j

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Neighbours returns the visible neighbours of many records in one statement.
// A relationship is visible only when it and both its ends are visible.
func (s *Store) Neighbours(ctx context.Context, v kaart.Viewer, q kaart.NeighbourQuery) (map[string][]kaart.Neighbour, error) {
	r, ok := kaart.RelationTypes[q.Relation]
	if !ok {
		return nil, fmt.Errorf("unknown relation %q", q.Relation)
	}
	pattern := "(a)-[r:%s]->(b:Record)"
	if !q.Outgoing {
		pattern = "(a)<-[r:%s]-(b:Record)"
	}
	types := q.Types
	if types == nil {
		types = []string{}
	}
	var niveau any
	if q.Niveau != "" {
		niveau = q.Niveau
	}
	cypher := fmt.Sprintf(`
		UNWIND $from AS fromID
		MATCH (a:Record {id: fromID})
		WHERE %s
		MATCH `+pattern+`
		WHERE %s AND %s
		  AND (size($types) = 0 OR any(l IN labels(b) WHERE l IN $types))
		  AND ($niveau IS NULL OR r.niveau = $niveau)
		RETURN fromID, r, b
		ORDER BY fromID, b.sorteernaam, b.id`, visible("a"), r.Name, visible("r"), visible("b"))
	out := map[string][]kaart.Neighbour{}
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "neighbours "+r.Name, cypher, params(v, map[string]any{"from": q.From, "types": types, "niveau": niveau}))
		if err != nil {
			return err
		}
		for _, rec := range records {
			from := rec.Values[0].(string)
			rel := rec.Values[1].(dbtype.Relationship)
			node := rec.Values[2].(dbtype.Node)
			k := relNode(rel)
			a, b := from, node.Props["id"]
			if !q.Outgoing {
				a, b = fmt.Sprint(b), from
			}
			k.Props["van"], k.Props["naar"] = a, b
			out[from] = append(out[from], kaart.Neighbour{Koppeling: k, Node: toNode(node)})
		}
		return nil
	})
	return out, err
}

// Link makes a relationship. The viewer must see both records, and
// kaart.MayLink decide on what the transaction finds about them: who may
// change each, and their gemeenten. The start is locked first, so that its
// steward cannot change between the check and the link.
func (s *Store) Link(ctx context.Context, v kaart.Viewer, r *kaart.RelationType, from, to string, props map[string]any) (kaart.Node, error) {
	id := newID("k")
	var out kaart.Node
	err := s.write(ctx, func(tx *txn) error {
		found, err := tx.checkRefs(ctx, v, []kaart.Ref{
			{Field: "input.van", ID: from, Types: r.From},
			{Field: "input.naar", ID: to, Types: r.To},
		})
		if err != nil {
			return err
		}
		ends, err := tx.run(ctx, "may link "+r.Name, fmt.Sprintf(`
			MATCH (a:Record {id: $from}), (b:Record {id: $to})
			SET a._lock = true
			REMOVE a._lock
			RETURN %s AS fromOK, %s AS toOK`, writable("a"), writable("b")), params(v, map[string]any{"from": from, "to": to}))
		if err != nil {
			return err
		}
		fromOK, _ := ends[0].Values[0].(bool)
		toOK, _ := ends[0].Values[1].(bool)
		if err := kaart.MayLink(r, from, to, kaart.LinkEnds{
			FromType: found[from].Type, FromGemeente: found[from].Gemeente, MayChangeFrom: fromOK,
			ToType: found[to].Type, ToGemeente: found[to].Gemeente, MayChangeTo: toOK,
		}); err != nil {
			return err
		}
		if err := r.CheckEnds(found[to].Type, props, "input"); err != nil {
			return err
		}
		if err := tx.checkOneFact(ctx, v, r, from, to, props, "", "input.naar"); err != nil {
			return err
		}
		records, err := tx.run(ctx, "link "+r.Name, fmt.Sprintf(`
			MATCH (a:Record {id: $from}), (b:Record {id: $to})
			CREATE (a)-[r:%s]->(b)
			SET r = $props, r.id = $id, r.gemeente = a.gemeente, r.beheerder = a.beheerder, r.versie = 1,
			    r.aangemaakt = datetime(), r.gewijzigd = datetime(), r.laatstBevestigd = datetime()
			RETURN r`, r.Name), map[string]any{"from": from, "to": to, "id": id, "props": storedProps(props)})
		if err != nil {
			return err
		}
		out = relNode(records[0].Values[0].(dbtype.Relationship))
		out.Props["van"], out.Props["naar"] = from, to
		if err := tx.noteLinked(ctx, v, r, out); err != nil {
			return err
		}
		if reachRelation(r.Name) {
			if err := tx.noteToegang(ctx); err != nil {
				return err
			}
		}
		return tx.noteChanged(ctx, []string{from, to}, nil)
	})
	return out, err
}

// checkOneFact refuses a relationship that exists already: the same type
// between the same records with the same r.Key values, or, for a relation
// that is single at its end (r.EenPerNaar), any current one into the same
// record. Community Edition has no uniqueness constraint over a
// relationship's endpoints, so the rule holds by locking both records
// first: every Link between them, and every Link into the same record,
// takes the same locks, so of two concurrent ones the second waits, then
// sees the first committed and is refused. The CONFLICT, on field, names
// the one that is there (Bestaand) when the viewer may see it. self is the
// relationship being changed, "" for a new one; props are all its
// properties as they will be.
func (tx *txn) checkOneFact(ctx context.Context, v kaart.Viewer, r *kaart.RelationType, from, to string, props map[string]any, self, field string) error {
	if _, err := tx.run(ctx, "lock ends "+r.Name, `
		MATCH (a:Record {id: $from}), (b:Record {id: $to})
		SET a._lock = true, b._lock = true
		REMOVE a._lock, b._lock`, map[string]any{"from": from, "to": to}); err != nil {
		return err
	}
	key := map[string]any{}
	for _, k := range r.Key {
		key[k] = props[k]
	}
	records, err := tx.run(ctx, "same "+r.Name, fmt.Sprintf(`
		MATCH (a:Record {id: $from})-[r:%s]->(b:Record {id: $to})
		WHERE r.id <> $self AND all(k IN keys($key) WHERE coalesce(r[k] = $key[k], r[k] IS NULL AND $key[k] IS NULL))
		RETURN r.id, %s
		LIMIT 1`, r.Name, visible("r")), params(v, map[string]any{"from": from, "to": to, "key": key, "self": self}))
	if err != nil {
		return err
	}
	if len(records) > 0 {
		e := &kaart.Error{Code: kaart.ECONFLICT, Field: field, Message: fmt.Sprintf(
			"is al gekoppeld: er is al een koppeling %s van %q naar %q%s. Wijzig die koppeling in plaats van een tweede te maken.",
			r.Name, from, to, keyText(r, key))}
		if ok, _ := records[0].Values[1].(bool); ok {
			e.Bestaand, _ = records[0].Values[0].(string)
			e.Message = fmt.Sprintf("is al gekoppeld: koppeling %q (%s van %q naar %q%s) bestaat al. Wijzig die koppeling in plaats van een tweede te maken.",
				e.Bestaand, r.Name, from, to, keyText(r, key))
		}
		return e
	}
	// One that has ended is history: it may sit beside the current one.
	if tot, ok := props["geldigTot"].(time.Time); !r.EenPerNaar || ok && tot.Before(today()) {
		return nil
	}
	records, err = tx.run(ctx, "single "+r.Name, fmt.Sprintf(`
		MATCH (x:Record)-[r:%s]->(b:Record {id: $to})
		WHERE r.id <> $self AND (r.geldigTot IS NULL OR r.geldigTot >= date())
		RETURN r.id, %s AND %s
		LIMIT 1`, r.Name, visible("r"), visible("x")), params(v, map[string]any{"to": to, "self": self}))
	if err != nil || len(records) == 0 {
		return err
	}
	e := &kaart.Error{Code: kaart.ECONFLICT, Field: field, Message: fmt.Sprintf(
		"heeft al een %s; er kan er één tegelijk zijn. Beëindig de bestaande koppeling eerst (geldigTot) of verwijder die.", r.Name)}
	if ok, _ := records[0].Values[1].(bool); ok {
		e.Bestaand, _ = records[0].Values[0].(string)
		e.Message = fmt.Sprintf("heeft al een %s (koppeling %q); er kan er één tegelijk zijn. Beëindig die koppeling eerst (geldigTot) of verwijder die.", r.Name, e.Bestaand)
	}
	return e
}

func today() time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func keyText(r *kaart.RelationType, key map[string]any) string {
	out := ""
	for _, k := range r.Key {
		if key[k] != nil {
			out += fmt.Sprintf(" met %s %v", k, key[k])
		}
	}
	return out
}

// lockLink takes the write lock on a visible relationship whose start the
// viewer may change.
func (tx *txn) lockLink(ctx context.Context, v kaart.Viewer, r *kaart.RelationType, id string, versie int) error {
	records, err := tx.run(ctx, "lock "+r.Name, fmt.Sprintf(`
		MATCH (a:Record)-[r:%s {id: $id}]->(b:Record)
		WHERE %s AND %s AND %s
		SET r._lock = true
		REMOVE r._lock
		RETURN r.versie, %s`, r.Name, visible("r"), visible("a"), visible("b"), writable("a")), params(v, map[string]any{"id": id}))
	if err != nil {
		return err
	}
	if len(records) == 0 {
		return kaart.NotFound("Koppeling", id)
	}
	if ok, _ := records[0].Values[1].(bool); !ok {
		return kaart.Errorf(kaart.EFORBIDDEN, "U mag koppeling %q niet wijzigen.", id)
	}
	if current, _ := records[0].Values[0].(int64); current != int64(versie) {
		return &kaart.Error{Code: kaart.ECONFLICT, Field: "versie", Message: fmt.Sprintf(
			"De koppeling is intussen gewijzigd (nu versie %d, u stuurde versie %d).", current, versie)}
	}
	return nil
}

// UpdateLink changes the properties of a relationship.
func (s *Store) UpdateLink(ctx context.Context, v kaart.Viewer, r *kaart.RelationType, id string, versie int, props map[string]any) (kaart.Node, error) {
	var out kaart.Node
	err := s.write(ctx, func(tx *txn) error {
		if err := tx.lockLink(ctx, v, r, id, versie); err != nil {
			return err
		}
		if err := tx.checkChangedFact(ctx, v, r, id, props); err != nil {
			return err
		}
		if err := tx.noteLinkChange(ctx, v, r, id, props); err != nil {
			return err
		}
		records, err := tx.run(ctx, "update "+r.Name, fmt.Sprintf(`
			MATCH (a)-[r:%s {id: $id}]->(b)
			SET r += $props, r.versie = r.versie + 1, r.gewijzigd = datetime()
			RETURN r, a.id, b.id`, r.Name), map[string]any{"id": id, "props": storedProps(props)})
		if err != nil {
			return err
		}
		out = relNode(records[0].Values[0].(dbtype.Relationship))
		out.Props["van"], out.Props["naar"] = records[0].Values[1], records[0].Values[2]
		a, _ := records[0].Values[1].(string)
		b, _ := records[0].Values[2].(string)
		return tx.noteChanged(ctx, []string{a, b}, nil)
	})
	return out, err
}

// checkChangedFact applies the rules of a new relationship to a changed
// one, as it will be after props: a coalitie member keeps its niveau, a
// changed niveau may not make it a second membership on that niveau, and
// a voorzitter reopened (geldigTot removed) may not make two.
func (tx *txn) checkChangedFact(ctx context.Context, v kaart.Viewer, r *kaart.RelationType, id string, props map[string]any) error {
	records, err := tx.run(ctx, "ends "+r.Name, fmt.Sprintf(`
		MATCH (a)-[r:%s {id: $id}]->(b)
		RETURN a.id, b.id, [l IN labels(b) WHERE l <> 'Record'][0], r`, r.Name), map[string]any{"id": id})
	if err != nil || len(records) == 0 {
		return err
	}
	from, _ := records[0].Values[0].(string)
	to, _ := records[0].Values[1].(string)
	toType, _ := records[0].Values[2].(string)
	after := domainProps(records[0].Values[3].(dbtype.Relationship).Props)
	for k, val := range props {
		after[k] = val
	}
	if err := r.CheckEnds(toType, after, "input"); err != nil {
		return err
	}
	field := "input.geldigTot"
	if len(r.Key) > 0 {
		field = "input." + r.Key[0]
	}
	return tx.checkOneFact(ctx, v, r, from, to, after, id, field)
}

// Unlink removes a relationship.
func (s *Store) Unlink(ctx context.Context, v kaart.Viewer, r *kaart.RelationType, id string, versie int) error {
	return s.write(ctx, func(tx *txn) error {
		if err := tx.lockLink(ctx, v, r, id, versie); err != nil {
			return err
		}
		if err := tx.noteLinkChange(ctx, v, r, id, nil); err != nil {
			return err
		}
		records, err := tx.run(ctx, "unlink "+r.Name, fmt.Sprintf(`
			MATCH (a)-[r:%s {id: $id}]->(b)
			WITH a.id AS a, b.id AS b, r
			DELETE r
			RETURN a, b`, r.Name), map[string]any{"id": id})
		if err != nil || len(records) == 0 {
			return err
		}
		a, _ := records[0].Values[0].(string)
		b, _ := records[0].Values[1].(string)
		if reachRelation(r.Name) {
			if err := tx.noteToegang(ctx); err != nil {
				return err
			}
		}
		return tx.noteChanged(ctx, []string{a, b}, nil)
	})
}
