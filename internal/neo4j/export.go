package neo4j

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// IsEmpty reports whether the database holds no records.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var empty bool
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "is empty", "MATCH (n:Record) RETURN count(n) = 0 AS empty LIMIT 1", nil)
		if err != nil {
			return err
		}
		empty, _ = records[0].Values[0].(bool)
		return nil
	})
	return empty, err
}

// Reset deletes every record and relationship (API keys stay), in batches
// so that a large graph does not need one huge transaction.
func (s *Store) Reset(ctx context.Context) error {
	for {
		var deleted int64
		err := s.write(ctx, func(tx *txn) error {
			records, err := tx.run(ctx, "reset", `
				MATCH (n:Record) WITH n LIMIT 10000
				WITH n, n.id AS id, n.gemeente AS gemeente, n:Record AND any(l IN labels(n) WHERE l IN $cards) AS card
				DETACH DELETE n
				RETURN count(*), [x IN collect(CASE WHEN card THEN [id, gemeente] END) WHERE x IS NOT NULL]`,
				map[string]any{"cards": kaart.CardTypes})
			if err != nil {
				return err
			}
			deleted, _ = records[0].Values[0].(int64)
			var ids []string
			gemeenten := map[string]string{}
			for _, pair := range records[0].Values[1].([]any) {
				p, _ := pair.([]any)
				id, _ := p[0].(string)
				g, _ := p[1].(string)
				ids = append(ids, id)
				gemeenten[id] = g
			}
			if err := tx.noteToegang(ctx); err != nil {
				return err
			}
			return tx.noteChanged(ctx, ids, gemeenten)
		})
		if err != nil {
			return fmt.Errorf("reset: %w", err)
		}
		if deleted == 0 {
			break
		}
	}
	// The history and the review queue describe the records just removed;
	// after a reset they would describe records that never were.
	for {
		var deleted int64
		err := s.write(ctx, func(tx *txn) error {
			records, err := tx.run(ctx, "reset history and proposals", `
				MATCH (n) WHERE n:Wijziging OR n:Voorstel
				WITH n LIMIT 10000
				DETACH DELETE n
				RETURN count(*)`, nil)
			if err != nil {
				return err
			}
			deleted, _ = records[0].Values[0].(int64)
			return nil
		})
		if err != nil {
			return fmt.Errorf("reset history: %w", err)
		}
		if deleted == 0 {
			return nil
		}
	}
}

// exportValue turns a stored value into its JSON form.
func exportValue(v any) any {
	switch val := v.(type) {
	case dbtype.Date:
		return val.Time().Format(time.DateOnly)
	case time.Time:
		return val.UTC().Format(time.RFC3339Nano)
	}
	return v
}

// Export reads the graph of records as the backup document: everything, or
// with gemeente set only the records of that gemeente and the koppelingen
// between them.
func (s *Store) Export(ctx context.Context, gemeente string) (*kaart.Export, error) {
	var only any
	if gemeente != "" {
		only = gemeente
	}
	p := map[string]any{"gemeente": only}
	doc := &kaart.Export{Formaat: kaart.ExportFormat, Versie: kaart.ExportVersion, Gemaakt: time.Now().UTC()}
	err := s.read(ctx, func(tx *txn) error {
		nodes, err := tx.run(ctx, "export records", `
			MATCH (n:Record)
			WHERE $gemeente IS NULL OR n.gemeente = $gemeente
			RETURN n ORDER BY n.id`, p)
		if err != nil {
			return err
		}
		for _, r := range nodes {
			n := r.Values[0].(dbtype.Node)
			props := map[string]any{}
			for k, v := range n.Props {
				if !internalProps[k] {
					props[k] = exportValue(v)
				}
			}
			doc.Records = append(doc.Records, kaart.ExportRecord{Type: recordType(n.Labels), Eigenschappen: props})
		}
		rels, err := tx.run(ctx, "export koppelingen", `
			MATCH (a:Record)-[r]->(b:Record)
			WHERE $gemeente IS NULL OR (a.gemeente = $gemeente AND b.gemeente = $gemeente)
			RETURN type(r), a.id, b.id, properties(r)
			ORDER BY a.id, type(r), b.id`, p)
		if err != nil {
			return err
		}
		for _, r := range rels {
			props := map[string]any{}
			for k, v := range r.Values[3].(map[string]any) {
				props[k] = exportValue(v)
			}
			doc.Koppelingen = append(doc.Koppelingen, kaart.ExportKoppeling{
				Type: r.Values[0].(string), Van: r.Values[1].(string), Naar: r.Values[2].(string), Eigenschappen: props,
			})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return doc, nil
}

// Import writes a checked export document in one transaction: all of it or
// nothing. Records keep their ids, versies and times.
func (s *Store) Import(ctx context.Context, doc *kaart.Export) error {
	if err := kaart.CheckExport(doc); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	now := time.Now().UTC()
	byType := map[string][]map[string]any{}
	for _, rec := range doc.Records {
		t := kaart.RecordTypes[rec.Type]
		props := importProps(rec.Eigenschappen, now)
		name, _ := props[t.NameField].(string)
		props["sorteernaam"] = lowerUnicode(name)
		byType[rec.Type] = append(byType[rec.Type], props)
	}
	relsByType := map[string][]map[string]any{}
	for i, k := range doc.Koppelingen {
		props := importProps(k.Eigenschappen, now)
		if _, ok := props["id"]; !ok {
			props["id"] = fmt.Sprintf("k-import-%d", i)
		}
		relsByType[k.Type] = append(relsByType[k.Type], map[string]any{"van": k.Van, "naar": k.Naar, "props": props})
	}
	err := s.write(ctx, func(tx *txn) error {
		for _, name := range sortedKeys(byType) {
			if err := batches(byType[name], func(rows []map[string]any) error {
				_, err := tx.run(ctx, "import "+name, fmt.Sprintf(`
					UNWIND $rows AS row
					CREATE (n:Record:%s)
					SET n = row`, name), map[string]any{"rows": rows})
				return err
			}); err != nil {
				return err
			}
		}
		for _, name := range sortedKeys(relsByType) {
			if err := batches(relsByType[name], func(rows []map[string]any) error {
				_, err := tx.run(ctx, "import "+name, fmt.Sprintf(`
					UNWIND $rows AS row
					MATCH (a:Record {id: row.van}), (b:Record {id: row.naar})
					CREATE (a)-[r:%s]->(b)
					SET r = row.props,
					    r.gemeente = coalesce(row.props.gemeente, a.gemeente),
					    r.beheerder = coalesce(row.props.beheerder, a.beheerder)`, name), map[string]any{"rows": rows})
				return err
			}); err != nil {
				return err
			}
		}
		// Nothing is more visible than what it belongs to, also in a
		// document written by hand or by an older version.
		if _, err := tx.capAll(ctx, importGemeenten(doc)); err != nil {
			return err
		}
		if err := tx.noteToegang(ctx); err != nil {
			return err
		}
		return tx.noteImported(ctx, doc)
	})
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	return nil
}

// importGemeenten are the gemeenten of the records of doc.
func importGemeenten(doc *kaart.Export) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, rec := range doc.Records {
		if g, _ := rec.Eigenschappen["gemeente"].(string); g != "" && !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

// importProps turns JSON values into stored values, filling the system
// fields a hand-written document may leave out.
func importProps(in map[string]any, now time.Time) map[string]any {
	out := map[string]any{}
	for k, v := range in {
		if v == nil {
			continue
		}
		switch k {
		case "aangemaakt", "gewijzigd", "laatstBevestigd", "toestemmingIngetrokkenOp":
			if s, ok := v.(string); ok {
				if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
					out[k] = t
					continue
				}
			}
		case "versie":
			if f, ok := v.(float64); ok {
				out[k] = int64(f)
				continue
			}
		}
		if t, ok := v.(time.Time); ok && kaart.IsDateProperty(k) {
			out[k] = neo4j.DateOf(t)
			continue
		}
		out[k] = v
	}
	for _, k := range []string{"aangemaakt", "gewijzigd", "laatstBevestigd"} {
		if _, ok := out[k]; !ok {
			out[k] = now
		}
	}
	if _, ok := out["versie"]; !ok {
		out["versie"] = int64(1)
	}
	return out
}

func batches(rows []map[string]any, write func([]map[string]any) error) error {
	const size = 2000
	for start := 0; start < len(rows); start += size {
		end := min(start+size, len(rows))
		if err := write(rows[start:end]); err != nil {
			return err
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
