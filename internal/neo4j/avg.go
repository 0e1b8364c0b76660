package neo4j

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Privacy (AVG): withdrawal of consent, export and erasure of a Persoon.
// See kaart/avg.go for the rules.

// TrekToestemmingIn records the withdrawal of a person's consent and makes
// the person and their contactgegevens INTERN, in one transaction, each
// with its own history entry: the contactgegevens follow the person as
// every dependent follows what it belongs to (tx.narrowDependents).
func (s *Store) TrekToestemmingIn(ctx context.Context, v kaart.Viewer, id string) (kaart.Node, error) {
	var out kaart.Node
	err := s.write(ctx, func(tx *txn) error {
		n, err := tx.lockRecord(ctx, v, kaart.PersoonType, id)
		if err != nil {
			return err
		}
		p := domainProps(n.Props)
		if p["grondslag"] != "TOESTEMMING" {
			return &kaart.Error{Code: kaart.EINVALID, Field: "id", Message: fmt.Sprintf(
				"Persoon %q staat niet op de kaart met toestemming (grondslag %v); er is niets in te trekken", id, p["grondslag"])}
		}
		if op, ok := p["toestemmingIngetrokkenOp"].(time.Time); ok {
			if gegeven, _ := p["toestemmingGegevenOp"].(time.Time); !gegeven.After(op) {
				return &kaart.Error{Code: kaart.EINVALID, Field: "id", Message: fmt.Sprintf(
					"de toestemming van persoon %q is al ingetrokken op %s", id, op.Format(time.DateOnly))}
			}
		}
		versie := int(propInt(n.Props, "versie"))
		out, err = tx.update(ctx, v, kaart.PersoonType, id, versie, kaart.Validated{Props: map[string]any{
			"toestemmingIngetrokkenOp": time.Now().UTC(),
			"zichtbaarheid":            string(kaart.Intern),
		}})
		if err != nil {
			return err
		}
		// The update narrowed the contactgegevens with the person, each
		// with its own history entry (tx.narrowDependents).
		return tx.relabelLast(ctx, id, propInt(out.Props, "versie"), kaart.WijzigingToestemming, nil)
	})
	return out, err
}

// lockPersoon locks a person the viewer may change and returns it.
func (tx *txn) lockPersoon(ctx context.Context, v kaart.Viewer, id string) (map[string]any, error) {
	n, err := tx.lockRecord(ctx, v, kaart.PersoonType, id)
	if err != nil {
		return nil, err
	}
	return domainProps(n.Props), nil
}

// Persoonsgegevens returns everything the kaart holds about a person the
// viewer may change. Records at the other end of a relationship are named
// only when the viewer may see them.
func (s *Store) Persoonsgegevens(ctx context.Context, v kaart.Viewer, id string) (kaart.Persoonsgegevens, error) {
	out := kaart.Persoonsgegevens{Contactgegevens: []map[string]any{}, Koppelingen: []map[string]any{}, Geschiedenis: []kaart.Wijziging{}}
	// A read transaction cannot lock; the same check as lockRecord, read-only.
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "export persoon", fmt.Sprintf(`
			MATCH (p:Persoon:Record {id: $id})
			WHERE %s
			RETURN p, %s`, visible("p"), writable("p")), params(v, map[string]any{"id": id}))
		if err != nil {
			return err
		}
		if len(records) == 0 {
			return kaart.NotFound("Persoon", id)
		}
		if ok, _ := records[0].Values[1].(bool); !ok {
			return kaart.Errorf(kaart.EFORBIDDEN, "U mag de gegevens van persoon %q niet exporteren.", id)
		}
		out.Persoon = domainProps(records[0].Values[0].(dbtype.Node).Props)
		records, err = tx.run(ctx, "export contacts", fmt.Sprintf(`
			MATCH (:Persoon:Record {id: $id})-[:HEEFT_CONTACT]->(c:Contactgegeven)
			WHERE %s
			RETURN c ORDER BY c.id`, visible("c")), params(v, map[string]any{"id": id}))
		if err != nil {
			return err
		}
		ids := []string{id}
		for _, r := range records {
			c := domainProps(r.Values[0].(dbtype.Node).Props)
			out.Contactgegevens = append(out.Contactgegevens, c)
			ids = append(ids, propString(c, "id"))
		}
		records, err = tx.run(ctx, "export links", fmt.Sprintf(`
			MATCH (p:Persoon:Record {id: $id})-[r]-(b:Record)
			WHERE type(r) <> 'HEEFT_CONTACT'
			WITH p, r, b, %s AS seen
			RETURN type(r), startNode(r) = p, r,
			       CASE WHEN seen THEN b.id END,
			       CASE WHEN seen THEN [l IN labels(b) WHERE l <> 'Record'][0] END,
			       CASE WHEN seen THEN coalesce(b.naam, b.titel) END
			ORDER BY type(r), r.id`, visible("b")), params(v, map[string]any{"id": id}))
		if err != nil {
			return err
		}
		for _, r := range records {
			k := linkProps(r.Values[2].(dbtype.Relationship).Props)
			k["id"] = r.Values[2].(dbtype.Relationship).Props["id"]
			k["soort"] = r.Values[0]
			if uit, _ := r.Values[1].(bool); uit {
				k["richting"] = "VAN_PERSOON"
			} else {
				k["richting"] = "NAAR_PERSOON"
			}
			if r.Values[3] != nil {
				k["ander"] = map[string]any{"id": r.Values[3], "type": r.Values[4], "naam": r.Values[5]}
			}
			out.Koppelingen = append(out.Koppelingen, k)
		}
		records, err = tx.run(ctx, "export history", `
			MATCH (w:Wijziging)
			WHERE w.recordId IN $ids OR w.eigenaar IN $ids OR w.naar IN $ids
			RETURN w ORDER BY w.op DESC, w.nr DESC`, map[string]any{"ids": ids})
		if err != nil {
			return err
		}
		for _, r := range records {
			out.Geschiedenis = append(out.Geschiedenis, toWijziging(r.Values[0].(dbtype.Node)))
		}
		return nil
	})
	out.Geexporteerd = time.Now().UTC()
	return out, err
}

// WisPersoon erases a person in one transaction: the person, their
// contactgegevens, every relationship and every proposal about them go;
// their history entries are
// replaced by one stating the erasure; entries of other records about a
// relationship with them keep only that a relationship changed. The outbox
// notes the person and their neighbours, so the search index drops the
// person's card and the text others' cards held about them.
func (s *Store) WisPersoon(ctx context.Context, v kaart.Viewer, id, reden string) error {
	return s.write(ctx, func(tx *txn) error {
		p, err := tx.lockPersoon(ctx, v, id)
		if err != nil {
			return err
		}
		records, err := tx.run(ctx, "erase contacts", `
			MATCH (:Persoon:Record {id: $id})-[:HEEFT_CONTACT]->(c:Contactgegeven)
			RETURN c.id, c.waarde`, map[string]any{"id": id})
		if err != nil {
			return err
		}
		ids := []string{id}
		personal := []string{propString(p, "naam"), propString(p, "toestemmingGegevenDoor")}
		for _, r := range records {
			cid, _ := r.Values[0].(string)
			waarde, _ := r.Values[1].(string)
			ids = append(ids, cid)
			personal = append(personal, waarde)
		}
		// The reason stays in the history: it may not carry what is erased.
		for _, x := range personal {
			if x != "" && strings.Contains(strings.ToLower(reden), strings.ToLower(x)) {
				return &kaart.Error{Code: kaart.EINVALID, Field: "reden", Message: "bevat gegevens van de persoon zelf; geef alleen een kenmerk of een reden zonder persoonsgegevens"}
			}
		}
		changed, gemeenten, err := tx.neighbourIDs(ctx, id)
		if err != nil {
			return err
		}
		changed = append(changed, ids...)
		_, err = tx.run(ctx, "erase persoon", `
			MATCH (n:Record) WHERE n.id IN $ids
			DETACH DELETE n`, map[string]any{"ids": ids})
		if err != nil {
			return err
		}
		_, err = tx.run(ctx, "erase history", `
			MATCH (w:Wijziging)
			WHERE w.recordId IN $ids OR w.eigenaar IN $ids
			DELETE w`, map[string]any{"ids": ids})
		if err != nil {
			return err
		}
		// Proposals and reports about the person or their contactgegevens
		// carry the proposed values (a name, a number): they go too.
		_, err = tx.run(ctx, "erase voorstellen", `
			MATCH (v:Voorstel)
			WHERE v.recordId IN $ids
			DETACH DELETE v`, map[string]any{"ids": ids})
		if err != nil {
			return err
		}
		_, err = tx.run(ctx, "erase history links", `
			MATCH (w:Wijziging)
			WHERE w.naar IN $ids OR w.van IN $ids
			SET w.voor = null, w.na = null`, map[string]any{"ids": ids})
		if err != nil {
			return err
		}
		err = tx.noteHistory(ctx, v, entry{recordID: id, recordType: kaart.PersoonType.Name, soort: kaart.WijzigingGewist, reden: reden,
			gemeente: propString(p, "gemeente"), beheerder: propString(p, "beheerder"), zichtbaarheid: string(kaart.Intern)})
		if err != nil {
			return err
		}
		return tx.noteChanged(ctx, changed, gemeenten)
	})
}
