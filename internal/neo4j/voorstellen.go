package neo4j

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Voorstellen are (:Voorstel) nodes, not records: they name their record by
// recordId and carry no relationship, so that nothing that walks the kaart
// (export, questions, search) meets them. Who may see one follows from the
// record it is about, evaluated on every read.

var _ kaart.VoorstelStore = (*Store)(nil)

func toVoorstel(n dbtype.Node) (kaart.Voorstel, error) {
	p := n.Props
	s := func(k string) string { v, _ := p[k].(string); return v }
	out := kaart.Voorstel{
		ID: s("id"), Soort: s("soort"), Status: s("status"), RecordID: s("recordId"), RecordType: s("recordType"),
		Gemeente: s("gemeente"), Toelichting: s("toelichting"), Door: s("door"), DoorGebruiker: s("doorGebruiker"),
		DoorSleutel: s("doorSleutel"), Email: s("email"), Taal: s("taal"), Reden: s("reden"), BeoordeeldDoor: s("beoordeeldDoor"),
	}
	if v, ok := p["basisVersie"].(int64); ok {
		out.BasisVersie = int(v)
	}
	if t, ok := p["ingediend"].(time.Time); ok {
		out.Ingediend = t
	}
	if t, ok := p["beoordeeldOp"].(time.Time); ok {
		out.BeoordeeldOp = &t
	}
	in, err := kaart.UnmarshalWijzigingen(s("wijzigingen"))
	if err != nil {
		return kaart.Voorstel{}, fmt.Errorf("voorstel %s: %w", out.ID, err)
	}
	out.Wijzigingen = in
	return out, nil
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// DoeVoorstel implements kaart.VoorstelStore.
func (s *Store) DoeVoorstel(ctx context.Context, v kaart.Viewer, p kaart.Voorstel) (kaart.Voorstel, error) {
	wijzigingen := ""
	if p.Wijzigingen != nil {
		var err error
		if wijzigingen, err = kaart.MarshalWijzigingen(p.Wijzigingen); err != nil {
			return kaart.Voorstel{}, err
		}
	}
	props := map[string]any{
		"id": newID("vst"), "soort": p.Soort, "status": kaart.StatusOpen, "wijzigingen": orNil(wijzigingen),
		"toelichting": orNil(p.Toelichting), "door": p.Door, "doorGebruiker": orNil(p.DoorGebruiker),
		"doorSleutel": orNil(p.DoorSleutel), "email": orNil(p.Email), "taal": orNil(p.Taal),
	}
	var out kaart.Voorstel
	err := s.write(ctx, func(tx *txn) error {
		var cypher string
		if p.RecordID == "" {
			cypher = `
				CREATE (p:Voorstel)
				SET p = $props, p.ingediend = datetime()
				RETURN p`
		} else {
			// The record must be visible to the proposer; its type, gemeente
			// and versie are read in the same transaction.
			cypher = fmt.Sprintf(`
				MATCH (n:Record {id: $recordId})
				WHERE %s
				CREATE (p:Voorstel)
				SET p = $props, p.ingediend = datetime(), p.recordId = n.id,
				    p.recordType = [l IN labels(n) WHERE l <> 'Record'][0],
				    p.gemeente = n.gemeente, p.basisVersie = n.versie
				RETURN p`, visible("n"))
		}
		records, err := tx.run(ctx, "create voorstel", cypher, params(v, map[string]any{"props": props, "recordId": p.RecordID}))
		if err != nil {
			return err
		}
		if len(records) == 0 {
			return kaart.NotFound("Record", p.RecordID)
		}
		out, err = toVoorstel(records[0].Values[0].(dbtype.Node))
		return err
	})
	return out, err
}

// Beoordeel implements kaart.VoorstelStore.
func (s *Store) Beoordeel(ctx context.Context, v kaart.Viewer, id string, b kaart.Besluit) (kaart.Voorstel, error) {
	var out kaart.Voorstel
	err := s.write(ctx, func(tx *txn) error {
		// Lock the voorstel first, so that two reviewers cannot both judge it.
		records, err := tx.run(ctx, "lock voorstel", fmt.Sprintf(`
			MATCH (p:Voorstel {id: $id})
			SET p._lock = true
			REMOVE p._lock
			WITH p
			OPTIONAL MATCH (n:Record {id: p.recordId})
			WHERE %s
			RETURN p, n IS NOT NULL AS seen, n IS NOT NULL AND %s AS mayWrite`, visible("n"), writable("n")),
			params(v, map[string]any{"id": id}))
		if err != nil {
			return err
		}
		if len(records) == 0 {
			return kaart.NotFound("Voorstel", id)
		}
		p, err := toVoorstel(records[0].Values[0].(dbtype.Node))
		if err != nil {
			return err
		}
		seen, _ := records[0].Values[1].(bool)
		mayWrite, _ := records[0].Values[2].(bool)
		platform := v.WriteScope().All
		switch {
		case mayWrite || platform:
		case seen:
			return kaart.Errorf(kaart.EFORBIDDEN, "U mag dit voorstel niet beoordelen: dat doet wie %s %q mag wijzigen.", p.RecordType, p.RecordID)
		default:
			return kaart.NotFound("Voorstel", id)
		}
		if p.Status != kaart.StatusOpen {
			return kaart.Errorf(kaart.ECONFLICT, "Dit voorstel is al beoordeeld (%s door %s).", p.Status, p.BeoordeeldDoor)
		}
		if b.Goed && p.Soort == kaart.VoorstelWijziging {
			if err := tx.applyVoorstel(ctx, v, p, b); err != nil {
				return err
			}
		}
		status := kaart.StatusAfgewezen
		if b.Goed {
			status = kaart.StatusGoedgekeurd
		}
		records, err = tx.run(ctx, "judge voorstel", `
			MATCH (p:Voorstel {id: $id})
			SET p.status = $status, p.reden = $reden, p.beoordeeldDoor = $door, p.beoordeeldOp = datetime()
			RETURN p`, map[string]any{"id": id, "status": status, "reden": orNil(b.Reden), "door": v.Door()})
		if err != nil {
			return err
		}
		out, err = toVoorstel(records[0].Values[0].(dbtype.Node))
		return err
	})
	return out, err
}

// applyVoorstel applies an approved change with the reviewer's rights, in
// the reviewer's transaction. A record changed since the proposal is a
// conflict: the proposer did not see that change.
func (tx *txn) applyVoorstel(ctx context.Context, v kaart.Viewer, p kaart.Voorstel, b kaart.Besluit) error {
	if p.RecordID == "" {
		return kaart.Errorf(kaart.ECONFLICT, "Dit voorstel gaat niet over een record en kan alleen worden afgehandeld of afgewezen.")
	}
	t, val, err := b.Toepassen(p)
	if err != nil {
		return err
	}
	n, err := tx.lockRecord(ctx, v, t, p.RecordID)
	if err != nil {
		return err
	}
	if current, _ := n.Props["versie"].(int64); current != int64(p.BasisVersie) {
		return &kaart.Error{Code: kaart.ECONFLICT, Message: fmt.Sprintf(
			"%s %q is gewijzigd sinds dit voorstel werd gedaan (toen versie %d, nu versie %d). Er is niets veranderd: wijs het voorstel af met een reden, zodat de indiener een nieuw voorstel kan doen op de huidige gegevens.",
			t.Name, p.RecordID, p.BasisVersie, current)}
	}
	// The history names the reviewer and whose proposal it was.
	rv := v
	rv.Naam = fmt.Sprintf("%s (voorstel %s van %s)", v.Door(), p.ID, p.Door)
	_, err = tx.update(ctx, rv, t, p.RecordID, p.BasisVersie, val)
	return err
}

// voorstelPage turns rows of (p, sortKey) into a page of at most first.
func voorstelPage(records []*neo4j.Record, first int) (kaart.VoorstelPage, error) {
	page := kaart.VoorstelPage{Voorstellen: []kaart.Voorstel{}}
	for i, r := range records {
		if i == first {
			page.HasNextPage = true
			break
		}
		p, err := toVoorstel(r.Values[0].(dbtype.Node))
		if err != nil {
			return kaart.VoorstelPage{}, err
		}
		sortKey, _ := r.Values[1].(string)
		page.Voorstellen = append(page.Voorstellen, p)
		page.Cursors = append(page.Cursors, kaart.Cursor{Sort: sortKey, ID: p.ID})
	}
	return page, nil
}

func afterParam(c *kaart.Cursor) any {
	if c == nil {
		return nil
	}
	return map[string]any{"s": c.Sort, "i": c.ID}
}

// inGebied is true for record n when it is the gebied $gebied, lies in it,
// or serves it or one of its parts, through visible links only.
func inGebied(n string) string {
	return fmt.Sprintf(`(%[1]s.id = $gebied
		OR EXISTS { MATCH (%[1]s)-[:DEEL_VAN*1..2]->(g:Gebied {id: $gebied}) WHERE %[2]s }
		OR EXISTS { MATCH (%[1]s)-[b:BEDIENT]->(s:Gebied)-[:DEEL_VAN*0..2]->(g:Gebied {id: $gebied}) WHERE %[3]s AND %[4]s AND %[2]s })`,
		n, visible("g"), visible("b"), visible("s"))
}

// Wachtrij implements kaart.VoorstelStore. A voorstel is in the queue of
// whoever may write its record; one without a (still existing) record only
// in that of a platform beheerder.
func (s *Store) Wachtrij(ctx context.Context, v kaart.Viewer, f kaart.VoorstelFilter) (kaart.VoorstelPage, error) {
	cypher := fmt.Sprintf(`
		MATCH (p:Voorstel)
		WHERE p.status = $status AND ($gemeente IS NULL OR p.gemeente = $gemeente)
		  AND ($after IS NULL OR p.ingediend > datetime($after.s) OR (p.ingediend = datetime($after.s) AND p.id > $after.i))
		OPTIONAL MATCH (n:Record {id: p.recordId})
		WHERE %s
		WITH p, n
		WHERE ((n IS NOT NULL AND %s) OR (n IS NULL AND $write.all))
		  AND ($gebied IS NULL OR (n IS NOT NULL AND %s))
		RETURN p, toString(p.ingediend) AS sortKey
		ORDER BY p.ingediend, p.id
		LIMIT $limit`, visible("n"), writable("n"), inGebied("n"))
	var page kaart.VoorstelPage
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "beoordelingswachtrij", cypher, params(v, map[string]any{
			"status": f.Status, "gemeente": orNil(f.Gemeente), "gebied": orNil(f.Gebied), "after": afterParam(f.After), "limit": f.First + 1,
		}))
		if err != nil {
			return err
		}
		page, err = voorstelPage(records, f.First)
		return err
	})
	return page, err
}

// MijnVoorstellen implements kaart.VoorstelStore: a logged-in person finds
// what they proposed, an API key what was proposed with it.
func (s *Store) MijnVoorstellen(ctx context.Context, v kaart.Viewer, f kaart.VoorstelFilter) (kaart.VoorstelPage, error) {
	cypher := `
		MATCH (p:Voorstel)
		WHERE (CASE WHEN $gebruiker IS NOT NULL THEN p.doorGebruiker = $gebruiker ELSE p.doorSleutel = $sleutel END)
		  AND ($status IS NULL OR p.status = $status)
		  AND ($gemeente IS NULL OR p.gemeente = $gemeente)
		  AND ($after IS NULL OR p.ingediend < datetime($after.s) OR (p.ingediend = datetime($after.s) AND p.id < $after.i))
		RETURN p, toString(p.ingediend) AS sortKey
		ORDER BY p.ingediend DESC, p.id DESC
		LIMIT $limit`
	var page kaart.VoorstelPage
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "mijn voorstellen", cypher, map[string]any{
			"gebruiker": orNil(v.GebruikerID), "sleutel": orNil(v.SleutelID), "status": orNil(f.Status),
			"gemeente": orNil(f.Gemeente), "after": afterParam(f.After), "limit": f.First + 1,
		})
		if err != nil {
			return err
		}
		page, err = voorstelPage(records, f.First)
		return err
	})
	return page, err
}

// TeBevestigen implements kaart.VoorstelStore. A record never confirmed
// counts as the oldest.
func (s *Store) TeBevestigen(ctx context.Context, v kaart.Viewer, f kaart.TeBevestigenFilter) (kaart.Page, error) {
	// With a gemeente the record_gemeente index finds the candidates.
	match := "MATCH (n:Record)"
	if f.Gemeente != "" {
		match = "MATCH (n:Record {gemeente: $gemeente})"
	}
	cypher := fmt.Sprintf(match+`
		WHERE %s AND %s
		  AND ($gebied IS NULL OR %s)
		WITH n, coalesce(n.laatstBevestigd, datetime('1900-01-01T00:00:00Z')) AS bevestigd
		WHERE bevestigd < $ouderDan
		  AND ($after IS NULL OR bevestigd > datetime($after.s) OR (bevestigd = datetime($after.s) AND n.id > $after.i))
		RETURN n, toString(bevestigd) AS sortKey
		ORDER BY bevestigd, n.id
		LIMIT $limit`, visible("n"), writable("n"), inGebied("n"))
	page := kaart.Page{Nodes: []kaart.Node{}}
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "te bevestigen", cypher, params(v, map[string]any{
			"gemeente": orNil(f.Gemeente), "gebied": orNil(f.Gebied), "ouderDan": f.OuderDan.UTC(),
			"after": afterParam(f.After), "limit": f.First + 1,
		}))
		if err != nil {
			return err
		}
		page = pageOf(records, f.First)
		return nil
	})
	return page, err
}
