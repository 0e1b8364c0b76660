package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// The history (kaart/geschiedenis.go): every mutation writes one
// (:Wijziging) node in its own transaction, so a change and its history
// entry commit together or not at all. An entry carries the gemeente,
// beheerder and zichtbaarheid of its record at the time, so the history of
// a deleted record can still be scoped. nr numbers the entries of one record;
// pages go newest first by nr. Relationship changes are kept in the history
// of the record the relationship starts from (the record whose writer may
// change it), with the id of the record at the other end in naar.

// historyMigrations are the schema statements the history needs.
var historyMigrations = []string{
	"CREATE CONSTRAINT wijziging_id IF NOT EXISTS FOR (w:Wijziging) REQUIRE w.id IS UNIQUE",
	"CREATE INDEX wijziging_record IF NOT EXISTS FOR (w:Wijziging) ON (w.recordId, w.nr)",
	"CREATE INDEX wijziging_eigenaar IF NOT EXISTS FOR (w:Wijziging) ON (w.eigenaar)",
	"CREATE INDEX wijziging_naar IF NOT EXISTS FOR (w:Wijziging) ON (w.naar)",
}

// bumpingSoorten are the entries that raise a record's versie.
var bumpingSoorten = []string{kaart.WijzigingAangemaakt, kaart.WijzigingGewijzigd, kaart.WijzigingHersteld, kaart.WijzigingToestemming}

// entry is one Wijziging before it is written. Empty strings and nil maps
// are not stored.
type entry struct {
	recordID, recordType, soort string
	voor, na                    map[string]any
	versie                      int64
	koppelingID, relatie        string
	van, naar                   string
	// eigenaar is the record whose contactgegeven this is, so that erasing a
	// person also finds the history of contactgegevens deleted earlier.
	eigenaar string
	// Fallbacks for a record that no longer exists after the change.
	gemeente, beheerder, zichtbaarheid string
	reden                              string
}

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// noteHistory writes one entry for the viewer's change.
func (tx *txn) noteHistory(ctx context.Context, v kaart.Viewer, e entry) error {
	voor, err := kaart.HistoryJSON(e.voor)
	if err != nil {
		return err
	}
	na, err := kaart.HistoryJSON(e.na)
	if err != nil {
		return err
	}
	var versie any
	if e.versie > 0 {
		versie = e.versie
	}
	props := map[string]any{
		"id": newID("wijz"), "recordId": e.recordID, "recordType": nonEmpty(e.recordType), "soort": e.soort,
		"door": v.Door(), "gebruikerId": nonEmpty(v.GebruikerID), "sleutelId": nonEmpty(v.SleutelID),
		"voor": voor, "na": na, "versie": versie,
		"koppelingId": nonEmpty(e.koppelingID), "relatie": nonEmpty(e.relatie), "van": nonEmpty(e.van), "naar": nonEmpty(e.naar),
		"reden": nonEmpty(e.reden),
	}
	_, err = tx.run(ctx, "history", `
		OPTIONAL MATCH (n:Record {id: $props.recordId})
		OPTIONAL MATCH (n)<-[:HEEFT_CONTACT]-(o:Record)
		WITH n, head(collect(o.id)) AS owner
		OPTIONAL MATCH (p:Wijziging {recordId: $props.recordId})
		WITH n, owner, coalesce(max(p.nr), 0) + 1 AS nr
		CREATE (w:Wijziging)
		SET w = $props, w.nr = nr, w.op = datetime(),
		    w.recordType = coalesce($props.recordType, [l IN labels(n) WHERE l <> 'Record'][0]),
		    w.eigenaar = coalesce($eigenaar, owner),
		    w.gemeente = coalesce(n.gemeente, $gemeente),
		    w.beheerder = coalesce(n.beheerder, $beheerder),
		    w.zichtbaarheid = coalesce(n.zichtbaarheid, $zichtbaarheid)`,
		map[string]any{"props": props, "eigenaar": nonEmpty(e.eigenaar),
			"gemeente": nonEmpty(e.gemeente), "beheerder": nonEmpty(e.beheerder), "zichtbaarheid": nonEmpty(e.zichtbaarheid)})
	return err
}

func propString(props map[string]any, k string) string {
	s, _ := props[k].(string)
	return s
}

func propInt(props map[string]any, k string) int64 {
	n, _ := props[k].(int64)
	return n
}

// noteCreated records a new record with all its properties, and the
// laatstBevestigd of the input when the creator carried one over.
func (tx *txn) noteCreated(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, out kaart.Node, in kaart.Validated) error {
	e := entry{recordID: out.ID(), recordType: t.Name, soort: kaart.WijzigingAangemaakt,
		na: t.HistoryProps(out.Props), versie: propInt(out.Props, "versie")}
	if d, ok := in.Props["laatstBevestigd"]; ok {
		e.na["laatstBevestigd"] = d
	}
	if in.Owner != nil && t == kaart.ContactgegevenType {
		e.eigenaar = in.Owner.ID
	}
	return tx.noteHistory(ctx, v, e)
}

// noteUpdated records the changed properties before and after. It also
// holds the one rule that needs the whole record inside the transaction:
// a Persoon may not be shown beyond its consent (kaart.CheckToestemming).
func (tx *txn) noteUpdated(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, before dbtype.Node, after kaart.Node, changed map[string]any) error {
	if t == kaart.PersoonType {
		if err := kaart.CheckToestemming(after.Props); err != nil {
			return err
		}
	}
	old := domainProps(before.Props)
	voor := make(map[string]any, len(changed))
	na := make(map[string]any, len(changed))
	for k := range changed {
		voor[k] = old[k]
		na[k] = after.Props[k]
	}
	return tx.noteHistory(ctx, v, entry{recordID: after.ID(), recordType: t.Name, soort: kaart.WijzigingGewijzigd,
		voor: voor, na: na, versie: propInt(after.Props, "versie")})
}

// noteDeleted records a record about to be deleted, with all its properties.
func (tx *txn) noteDeleted(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, before dbtype.Node) error {
	props := domainProps(before.Props)
	return tx.noteHistory(ctx, v, entry{recordID: propString(props, "id"), recordType: t.Name, soort: kaart.WijzigingVerwijderd,
		voor: t.HistoryProps(props), versie: propInt(props, "versie"),
		gemeente: propString(props, "gemeente"), beheerder: propString(props, "beheerder"), zichtbaarheid: propString(props, "zichtbaarheid")})
}

// noteConfirmed records that a steward confirmed the record.
func (tx *txn) noteConfirmed(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, out kaart.Node) error {
	return tx.noteHistory(ctx, v, entry{recordID: out.ID(), recordType: t.Name, soort: kaart.WijzigingBevestigd,
		versie: propInt(out.Props, "versie")})
}

// linkProps are the properties of a relationship the history shows.
func linkProps(props map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range domainProps(props) {
		switch k {
		case "id", "gemeente", "versie", "aangemaakt", "gewijzigd", "laatstBevestigd", "soort", "van", "naar", "_lock":
			continue
		}
		out[k] = v
	}
	return out
}

// noteLinked records a new relationship in the history of its start.
func (tx *txn) noteLinked(ctx context.Context, v kaart.Viewer, r *kaart.RelationType, k kaart.Node) error {
	van, _ := k.Props["van"].(string)
	naar, _ := k.Props["naar"].(string)
	return tx.noteHistory(ctx, v, entry{recordID: van, soort: kaart.WijzigingGekoppeld, na: linkProps(k.Props),
		koppelingID: k.ID(), relatie: r.Name, van: van, naar: naar})
}

// noteLinkChange records a change to a relationship, read before the change
// is made: props nil means the relationship is about to be removed.
func (tx *txn) noteLinkChange(ctx context.Context, v kaart.Viewer, r *kaart.RelationType, id string, props map[string]any) error {
	records, err := tx.run(ctx, "history link "+r.Name, fmt.Sprintf(`
		MATCH (a:Record)-[r:%s {id: $id}]->(b:Record)
		RETURN r, a.id, b.id`, r.Name), map[string]any{"id": id})
	if err != nil || len(records) == 0 {
		return err
	}
	old := linkProps(records[0].Values[0].(dbtype.Relationship).Props)
	van, _ := records[0].Values[1].(string)
	naar, _ := records[0].Values[2].(string)
	e := entry{recordID: van, koppelingID: id, relatie: r.Name, van: van, naar: naar}
	if props == nil {
		e.soort, e.voor = kaart.WijzigingOntkoppeld, old
	} else {
		e.soort, e.voor, e.na = kaart.WijzigingKoppelingGewijzigd, map[string]any{}, map[string]any{}
		for k, val := range props {
			e.voor[k], e.na[k] = old[k], val
		}
	}
	return tx.noteHistory(ctx, v, e)
}

// relabelLast renames the entry an update just wrote (a restore, a
// withdrawal of consent are updates with their own name in the history).
func (tx *txn) relabelLast(ctx context.Context, id string, versie int64, soort string, extra map[string]any) error {
	if extra == nil {
		extra = map[string]any{}
	}
	_, err := tx.run(ctx, "history relabel", `
		MATCH (w:Wijziging {recordId: $id})
		WHERE w.versie = $versie AND w.soort = $gewijzigd
		SET w.soort = $soort, w += $extra`,
		map[string]any{"id": id, "versie": versie, "gewijzigd": kaart.WijzigingGewijzigd, "soort": soort, "extra": extra})
	return err
}

func toWijziging(n dbtype.Node) kaart.Wijziging {
	p := n.Props
	w := kaart.Wijziging{
		ID: propString(p, "id"), RecordID: propString(p, "recordId"), RecordType: propString(p, "recordType"),
		Soort: propString(p, "soort"), Door: propString(p, "door"), GebruikerID: propString(p, "gebruikerId"),
		SleutelID: propString(p, "sleutelId"), Versie: int(propInt(p, "versie")),
		Voor: propString(p, "voor"), Na: propString(p, "na"), KoppelingID: propString(p, "koppelingId"),
		Relatie: propString(p, "relatie"), Van: propString(p, "van"), Naar: propString(p, "naar"),
		HersteldVan: int(propInt(p, "hersteldVan")), Reden: propString(p, "reden"),
	}
	if t, ok := p["op"].(time.Time); ok {
		w.Op = t
	}
	return w
}

// Geschiedenis returns one page of the history of a record; see the access
// rule in kaart/geschiedenis.go.
func (s *Store) Geschiedenis(ctx context.Context, v kaart.Viewer, id string, first int, after *kaart.WijzigingPositie) (kaart.WijzigingPage, error) {
	var page kaart.WijzigingPage
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "history access", fmt.Sprintf(`
			OPTIONAL MATCH (n:Record {id: $id})
			RETURN n IS NOT NULL,
			       CASE WHEN n IS NULL THEN false ELSE %s END,
			       CASE WHEN n IS NULL THEN false ELSE %s END`, visible("n"), writable("n")),
			params(v, map[string]any{"id": id}))
		if err != nil {
			return err
		}
		exists, _ := records[0].Values[0].(bool)
		seen, _ := records[0].Values[1].(bool)
		mayWrite, _ := records[0].Values[2].(bool)
		switch {
		case exists && !seen, !exists && v.Rol != kaart.Beheerder:
			return kaart.NotFound("Record", id)
		case exists && !mayWrite:
			return kaart.Errorf(kaart.EFORBIDDEN, "Alleen wie dit record mag wijzigen, mag de geschiedenis ervan lezen.")
		}
		var afterNr, afterID any
		if after != nil {
			afterNr, afterID = after.Nr, after.ID
		}
		records, err = tx.run(ctx, "history read", fmt.Sprintf(`
			MATCH (w:Wijziging {recordId: $id})
			WHERE ($afterNr IS NULL OR w.nr < $afterNr OR (w.nr = $afterNr AND w.id < $afterID))
			  AND ($exists OR %s)
			  AND (w.naar IS NULL OR w.naar = $id
			       OR EXISTS { MATCH (b:Record {id: w.naar}) WHERE %s }
			       OR ($beheerder AND NOT EXISTS { MATCH (b:Record {id: w.naar}) }))
			RETURN w
			ORDER BY w.nr DESC, w.id DESC
			LIMIT $limit`, writable("w"), visible("b")),
			params(v, map[string]any{"id": id, "afterNr": afterNr, "afterID": afterID, "exists": exists, "beheerder": v.Rol == kaart.Beheerder, "limit": first + 1}))
		if err != nil {
			return err
		}
		if !exists && len(records) == 0 && after == nil {
			return kaart.NotFound("Record", id)
		}
		for i, r := range records {
			if i == first {
				page.HasNextPage = true
				break
			}
			n := r.Values[0].(dbtype.Node)
			page.Wijzigingen = append(page.Wijzigingen, toWijziging(n))
			page.EndCursor = kaart.WijzigingPositie{Nr: propInt(n.Props, "nr"), ID: propString(n.Props, "id")}.Cursor()
		}
		return nil
	})
	return page, err
}

// Herstel sets a record back to its properties at versie by undoing, newest
// first, every change after it, and writes the difference as one update.
func (s *Store) Herstel(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, id string, versie, huidige int) (kaart.Node, error) {
	var out kaart.Node
	err := s.write(ctx, func(tx *txn) error {
		n, err := tx.lockRecord(ctx, v, t, id)
		if err != nil {
			return err
		}
		if err := checkVersie(t, n, huidige); err != nil {
			return err
		}
		records, err := tx.run(ctx, "history since", `
			MATCH (w:Wijziging {recordId: $id})
			WHERE w.versie > $versie AND w.soort IN $soorten
			RETURN w.versie, w.voor, w.na
			ORDER BY w.versie DESC`,
			map[string]any{"id": id, "versie": versie, "soorten": bumpingSoorten})
		if err != nil {
			return err
		}
		current, err := jsonProps(t.HistoryProps(domainProps(n.Props)))
		if err != nil {
			return err
		}
		state, _ := jsonProps(current)
		want := int64(huidige)
		for _, r := range records {
			nr, _ := r.Values[0].(int64)
			if nr != want {
				break
			}
			var voor, na map[string]any
			if s, ok := r.Values[1].(string); ok {
				_ = json.Unmarshal([]byte(s), &voor)
			}
			if s, ok := r.Values[2].(string); ok {
				_ = json.Unmarshal([]byte(s), &na)
			}
			for k := range na {
				if old, ok := voor[k]; ok && old != nil {
					state[k] = old
				} else {
					delete(state, k)
				}
			}
			want--
		}
		if want != int64(versie) {
			return &kaart.Error{Code: kaart.EINVALID, Field: "versie", Message: fmt.Sprintf(
				"versie %d kan niet worden hersteld: de geschiedenis van %s %q gaat niet zo ver terug", versie, t.Name, id)}
		}
		diff := kaart.Input{}
		keys := map[string]bool{}
		for k := range state {
			keys[k] = true
		}
		for k := range current {
			keys[k] = true
		}
		for k := range keys {
			if t.Writable(k) && !reflect.DeepEqual(state[k], current[k]) {
				diff[k] = state[k]
			}
		}
		if len(diff) == 0 {
			return &kaart.Error{Code: kaart.EINVALID, Field: "versie", Message: fmt.Sprintf("%s %q is al gelijk aan versie %d", t.Name, id, versie)}
		}
		val, err := t.ValidateUpdate(diff, "versie")
		if err != nil {
			return err
		}
		out, err = tx.update(ctx, v, t, id, huidige, val)
		if err != nil {
			return err
		}
		return tx.relabelLast(ctx, id, propInt(out.Props, "versie"), kaart.WijzigingHersteld, map[string]any{"hersteldVan": int64(versie)})
	})
	return out, err
}

// jsonProps returns props as the history's JSON holds them, for comparing.
func jsonProps(props map[string]any) (map[string]any, error) {
	s, err := kaart.HistoryJSON(props)
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	if str, ok := s.(string); ok {
		err = json.Unmarshal([]byte(str), &out)
	}
	return out, err
}
