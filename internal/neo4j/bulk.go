package neo4j

import (
	"context"
	"fmt"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// The bulk writer: records and relationships that were validated elsewhere
// (the benchmark generator, internal/bench), written in UNWIND batches per
// label and per relationship type, with the stored properties Create and
// Link give them. It writes no history and no outbox entries and checks no
// viewer: it is for filling an empty database, not for the API.

// bulkBatch is the number of rows per transaction.
const bulkBatch = 10000

// BulkCreate writes records: Type is a kaart record type, Props the
// validated properties (as RecordType.ValidateCreate returns them) plus the
// id and gemeente. Like Create it sets versie 1, aangemaakt, gewijzigd,
// laatstBevestigd and sorteernaam, and stores dates as Date. Each batch of
// bulkBatch rows of one label is one transaction.
func (s *Store) BulkCreate(ctx context.Context, nodes []kaart.Node) error {
	byType := map[string][]map[string]any{}
	for _, n := range nodes {
		if _, ok := kaart.RecordTypes[n.Type]; !ok {
			return fmt.Errorf("bulk create: unknown record type %q", n.Type)
		}
		if id, _ := n.Props["id"].(string); kaart.CheckID(id) != "" {
			return fmt.Errorf("bulk create %s: invalid id %q", n.Type, id)
		}
		byType[n.Type] = append(byType[n.Type], storedProps(n.Props))
	}
	for _, name := range sortedKeys(byType) {
		t := kaart.RecordTypes[name]
		cypher := fmt.Sprintf(`
			UNWIND $rows AS row
			CREATE (n:Record:%s)
			SET n = row, n.versie = 1,
			    n.aangemaakt = datetime(), n.gewijzigd = datetime(), n.laatstBevestigd = datetime(),
			    n.sorteernaam = toLower(coalesce(row[$nameField], ''))`, t.Name)
		if err := bulkBatches(byType[name], func(rows []map[string]any) error {
			return s.write(ctx, func(tx *txn) error {
				_, err := tx.run(ctx, "bulk create "+t.Name, cypher, map[string]any{"rows": rows, "nameField": t.NameField})
				return err
			})
		}); err != nil {
			return fmt.Errorf("bulk create %s: %w", name, err)
		}
	}
	return nil
}

// BulkLink writes relationships between records that exist: each link is a
// Koppeling node as the store returns them, Props holding soort (the
// relationship type), van, naar, id and the validated properties. A
// relationship a record is created with (a managed one: owner, gebied tree)
// is stored as Create stores it (OPENBAAR, no beheerder); the others as Link
// stores them (gemeente and beheerder of the start, laatstBevestigd).
func (s *Store) BulkLink(ctx context.Context, links []kaart.Node) error {
	byType := map[string][]map[string]any{}
	for _, k := range links {
		soort, _ := k.Props["soort"].(string)
		if _, ok := kaart.RelationTypes[soort]; !ok {
			return fmt.Errorf("bulk link: unknown relationship type %q", soort)
		}
		props := map[string]any{}
		for key, v := range k.Props {
			if key != "soort" && key != "van" && key != "naar" {
				props[key] = v
			}
		}
		if id, _ := props["id"].(string); kaart.CheckID(id) != "" {
			return fmt.Errorf("bulk link %s: invalid id %q", soort, id)
		}
		byType[soort] = append(byType[soort], map[string]any{"van": k.Props["van"], "naar": k.Props["naar"], "props": storedProps(props)})
	}
	for _, name := range sortedKeys(byType) {
		r := kaart.RelationTypes[name]
		set := `SET r = row.props, r.gemeente = a.gemeente, r.beheerder = a.beheerder, r.versie = 1,
			    r.aangemaakt = datetime(), r.gewijzigd = datetime(), r.laatstBevestigd = datetime()`
		if r.Managed {
			set = `SET r = row.props, r.gemeente = a.gemeente, r.zichtbaarheid = 'OPENBAAR', r.versie = 1,
			    r.aangemaakt = datetime(), r.gewijzigd = datetime()`
		}
		cypher := fmt.Sprintf(`
			UNWIND $rows AS row
			MATCH (a:Record {id: row.van})
			MATCH (b:Record {id: row.naar})
			CREATE (a)-[r:%s]->(b)
			%s
			RETURN count(r) AS n`, r.Name, set)
		if err := bulkBatches(byType[name], func(rows []map[string]any) error {
			return s.write(ctx, func(tx *txn) error {
				recs, err := tx.run(ctx, "bulk link "+r.Name, cypher, map[string]any{"rows": rows})
				if err != nil {
					return err
				}
				// A missing end would drop its row silently.
				if n, _ := recs[0].Values[0].(int64); n != int64(len(rows)) {
					return fmt.Errorf("%d of %d relationships written: an end is missing", n, len(rows))
				}
				return nil
			})
		}); err != nil {
			return fmt.Errorf("bulk link %s: %w", name, err)
		}
	}
	return nil
}

func bulkBatches(rows []map[string]any, write func([]map[string]any) error) error {
	for start := 0; start < len(rows); start += bulkBatch {
		if err := write(rows[start:min(start+bulkBatch, len(rows))]); err != nil {
			return err
		}
	}
	return nil
}
