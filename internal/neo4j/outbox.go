package neo4j

import (
	"context"
	"fmt"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// The transactional outbox of the search index. Every write notes the ids of
// the records it changed as (:Outbox {seq, n, recordId, gemeente, at}) nodes
// in the same transaction, so a change is either in Neo4j and in the outbox,
// or in neither. Entries hold ids only, never personal data.
//
// seq comes from one counter node, (:OutboxTeller {naam: 'zoek'}). Its write
// lock is held until commit, so transactions get their seq in commit order
// and a reader never sees seq k+1 before seq k. The outbox note is the last
// statement of every write, so the counter is held only for that moment.

// outboxMigrations are the schema statements the outbox needs.
var outboxMigrations = []string{
	"CREATE CONSTRAINT outbox_teller IF NOT EXISTS FOR (n:OutboxTeller) REQUIRE n.naam IS UNIQUE",
	"CREATE INDEX outbox_seq IF NOT EXISTS FOR (n:Outbox) ON (n.seq, n.n)",
}

// noteChanged writes one outbox entry per id, with the gemeente of the record
// when it still exists, or the given fallback (for deleted records).
func (tx *txn) noteChanged(ctx context.Context, ids []string, gemeenten map[string]string) error {
	if len(ids) == 0 {
		return nil
	}
	rows := make([]map[string]any, 0, len(ids))
	seen := map[string]bool{}
	for _, id := range ids {
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		var g any
		if gemeenten[id] != "" {
			g = gemeenten[id]
		}
		rows = append(rows, map[string]any{"id": id, "gemeente": g})
	}
	_, err := tx.run(ctx, "outbox", `
		MERGE (t:OutboxTeller {naam: 'zoek'})
		ON CREATE SET t.seq = 0
		SET t.seq = t.seq + 1
		WITH t.seq AS seq
		UNWIND range(0, size($rows) - 1) AS i
		WITH seq, i, $rows[i] AS row
		OPTIONAL MATCH (n:Record {id: row.id})
		CREATE (:Outbox {seq: seq, n: i, recordId: row.id, gemeente: coalesce(n.gemeente, row.gemeente), at: datetime()})`,
		map[string]any{"rows": rows})
	if err == nil {
		tx.noted = true
	}
	return err
}

// neighbourIDs returns the ids and gemeenten of a record and its direct
// neighbours, read before a delete so the outbox can name them afterwards.
func (tx *txn) neighbourIDs(ctx context.Context, id string) ([]string, map[string]string, error) {
	records, err := tx.run(ctx, "outbox neighbours", `
		MATCH (n:Record {id: $id})
		OPTIONAL MATCH (n)--(m:Record)
		WITH n, collect(DISTINCT {id: m.id, gemeente: m.gemeente}) AS ms
		RETURN [{id: n.id, gemeente: n.gemeente}] + [m IN ms WHERE m.id IS NOT NULL] AS rows`,
		map[string]any{"id": id})
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	gemeenten := map[string]string{}
	if len(records) == 0 {
		return []string{id}, gemeenten, nil
	}
	rows, _ := records[0].Values[0].([]any)
	for _, r := range rows {
		m, _ := r.(map[string]any)
		rid, _ := m["id"].(string)
		g, _ := m["gemeente"].(string)
		ids = append(ids, rid)
		gemeenten[rid] = g
	}
	return ids, gemeenten, nil
}

func gemeenteFilter(gemeenten []string) any {
	if len(gemeenten) == 0 {
		return nil
	}
	return gemeenten
}

// outboxReadCypher reads the entries after a position, seeking the
// (seq, n) index from $seq (the hint: for a range on a parameter the
// planner guessed a label scan cheaper). The rest of the position is a
// CASE, not an OR: the planner split "seq > $seq OR n > $n" into a union
// with a scan of every entry kept for the retention period.
const outboxReadCypher = `
			MATCH (o:Outbox)
			USING INDEX o:Outbox(seq, n)
			WHERE o.seq >= $seq AND o.n IS NOT NULL
			  AND CASE WHEN o.seq = $seq THEN o.n > $n ELSE true END
			  AND ($gemeenten IS NULL OR o.gemeente IN $gemeenten)
			RETURN o.seq, o.n, o.recordId
			ORDER BY o.seq, o.n
			LIMIT $limit`

// Outbox returns up to limit entries after the position, in commit order.
func (s *Store) Outbox(ctx context.Context, after kaart.OutboxPositie, gemeenten []string, limit int) ([]kaart.OutboxItem, error) {
	var out []kaart.OutboxItem
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "outbox read", outboxReadCypher,
			map[string]any{"seq": after.Seq, "n": after.N, "gemeenten": gemeenteFilter(gemeenten), "limit": limit})
		if err != nil {
			return err
		}
		for _, r := range records {
			seq, _ := r.Values[0].(int64)
			n, _ := r.Values[1].(int64)
			id, _ := r.Values[2].(string)
			out = append(out, kaart.OutboxItem{Positie: kaart.OutboxPositie{Seq: seq, N: n}, RecordID: id})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	return out, nil
}

// OutboxHead returns the position of the newest entry (zero when empty).
func (s *Store) OutboxHead(ctx context.Context, gemeenten []string) (kaart.OutboxPositie, error) {
	var head kaart.OutboxPositie
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "outbox head", `
			MATCH (o:Outbox)
			WHERE $gemeenten IS NULL OR o.gemeente IN $gemeenten
			RETURN o.seq, o.n
			ORDER BY o.seq DESC, o.n DESC
			LIMIT 1`, map[string]any{"gemeenten": gemeenteFilter(gemeenten)})
		if err != nil || len(records) == 0 {
			return err
		}
		head.Seq, _ = records[0].Values[0].(int64)
		head.N, _ = records[0].Values[1].(int64)
		return nil
	})
	if err != nil {
		return head, fmt.Errorf("outbox head: %w", err)
	}
	return head, nil
}

// outboxRetention is how long an applied entry stays: another indexer on
// the same database (a second server, or tests sharing one) may still need it.
const outboxRetention = "PT5M"

// AckOutbox deletes the entries up to and including the position that are
// older than the retention, in batches.
func (s *Store) AckOutbox(ctx context.Context, upto kaart.OutboxPositie, gemeenten []string) error {
	for {
		var deleted int64
		err := s.write(ctx, func(tx *txn) error {
			records, err := tx.run(ctx, "outbox ack", `
				MATCH (o:Outbox)
				USING INDEX o:Outbox(seq, n)
				WHERE o.seq <= $seq AND o.n IS NOT NULL
				  AND CASE WHEN o.seq = $seq THEN o.n <= $n ELSE true END
				  AND ($gemeenten IS NULL OR o.gemeente IN $gemeenten)
				  AND o.at < datetime() - duration($retention)
				WITH o LIMIT 5000
				DELETE o
				RETURN count(*)`,
				map[string]any{"seq": upto.Seq, "n": upto.N, "gemeenten": gemeenteFilter(gemeenten), "retention": outboxRetention})
			if err != nil {
				return err
			}
			deleted, _ = records[0].Values[0].(int64)
			return nil
		})
		if err != nil {
			return fmt.Errorf("outbox ack: %w", err)
		}
		if deleted < 5000 {
			return nil
		}
	}
}

// noteImported notes the cards of an imported document: every other record
// only adds text to the cards it is linked to, which are imported with it.
func (tx *txn) noteImported(ctx context.Context, doc *kaart.Export) error {
	var ids []string
	for _, rec := range doc.Records {
		if kaart.IsCardType(rec.Type) {
			if id, ok := rec.Eigenschappen["id"].(string); ok {
				ids = append(ids, id)
			}
		}
	}
	return tx.noteChanged(ctx, ids, nil)
}
