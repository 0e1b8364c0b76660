package neo4j

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Neo4j's own full-text index, for one benchmark only
// (search.BenchmarkNeo4jFulltext): the same cards, with the same public
// text as their Bleve documents, as (:ZoekVergelijking) nodes. They carry
// no :Record label, so nothing in the product reads, exports or indexes
// them, and the benchmark removes them when it ends.

// VergelijkingDoc is one card's public text for the comparison.
type VergelijkingDoc struct {
	ID       string
	Naam     string
	Tekst    string
	Omgeving string
}

const vergelijkingIndex = "zoek_vergelijking"

// VergelijkingMaak writes the comparison nodes of a gemeente, in batches.
func (s *Store) VergelijkingMaak(ctx context.Context, gemeente string, docs []VergelijkingDoc) error {
	const batch = 5000
	for i := 0; i < len(docs); i += batch {
		rows := make([]map[string]any, 0, batch)
		for _, d := range docs[i:min(i+batch, len(docs))] {
			rows = append(rows, map[string]any{"id": d.ID, "naam": d.Naam, "tekst": d.Tekst, "omgeving": d.Omgeving})
		}
		err := s.write(ctx, func(tx *txn) error {
			_, err := tx.run(ctx, "vergelijking maak", `
				UNWIND $rows AS row
				CREATE (:ZoekVergelijking {id: row.id, gemeente: $gemeente, naam: row.naam, tekst: row.tekst, omgeving: row.omgeving})`,
				map[string]any{"rows": rows, "gemeente": gemeente})
			return err
		})
		if err != nil {
			return fmt.Errorf("vergelijking: write nodes: %w", err)
		}
	}
	return nil
}

// VergelijkingIndex creates the full-text index with Lucene's Dutch analyzer
// (lower case, Dutch stop words, Snowball stemming) and waits until it is
// online, which includes indexing the nodes already there.
func (s *Store) VergelijkingIndex(ctx context.Context) error {
	steps := []string{
		"CREATE FULLTEXT INDEX " + vergelijkingIndex + " IF NOT EXISTS FOR (n:ZoekVergelijking) ON EACH [n.naam, n.tekst, n.omgeving] " +
			"OPTIONS {indexConfig: {`fulltext.analyzer`: 'dutch'}}",
		"CALL db.awaitIndex('" + vergelijkingIndex + "', 600)",
	}
	for _, stmt := range steps {
		// Schema statements cannot share a transaction with anything else.
		err := s.write(ctx, func(tx *txn) error {
			_, err := tx.run(ctx, "vergelijking index", stmt, nil)
			return err
		})
		if err != nil {
			return fmt.Errorf("vergelijking: index: %w", err)
		}
	}
	return nil
}

// VergelijkingWacht waits until the index has caught up with the nodes
// written since it came online (Neo4j applies full-text updates shortly
// after commit, not in the writing transaction).
func (s *Store) VergelijkingWacht(ctx context.Context) error {
	return s.write(ctx, func(tx *txn) error {
		_, err := tx.run(ctx, "vergelijking wacht", "CALL db.awaitIndexes(600)", nil)
		return err
	})
}

// VergelijkingZoek searches the comparison nodes of a gemeente and returns
// up to limit ids in score order.
//
// It does what the Bleve search does, as far as Lucene's query syntax can
// say it (see luceneQuery): every word of the text must match in the card's
// own name or text (the surroundings only add to the score); when that
// finds fewer than three cards, a second query asks for any of the words,
// surroundings included, as the Bleve search's last pass does (which asks
// for all words but one; Lucene's query syntax cannot say that). Neither is given Bleve's synonyms or compound splitting, which are
// this project's own work on top of the engine.
func (s *Store) VergelijkingZoek(ctx context.Context, gemeente, tekst string, limit int) ([]string, error) {
	var out []string
	for _, all := range []bool{true, false} {
		q := luceneQuery(tekst, all)
		if q == "" {
			return nil, nil
		}
		out = out[:0]
		err := s.read(ctx, func(tx *txn) error {
			records, err := tx.run(ctx, "vergelijking zoek", `
				CALL db.index.fulltext.queryNodes($index, $q) YIELD node, score
				WHERE node.gemeente = $gemeente
				RETURN node.id AS id
				ORDER BY score DESC, id
				LIMIT $limit`,
				map[string]any{"index": vergelijkingIndex, "q": q, "gemeente": gemeente, "limit": limit})
			if err != nil {
				return err
			}
			for _, r := range records {
				id, _ := r.Values[0].(string)
				out = append(out, id)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("vergelijking: search %q: %w", q, err)
		}
		if len(out) >= 3 {
			break
		}
	}
	return out, nil
}

// VergelijkingWis removes the comparison nodes of a gemeente. The index is
// left: it covers :ZoekVergelijking nodes only, and is empty without them.
func (s *Store) VergelijkingWis(ctx context.Context, gemeente string) error {
	for {
		var n int64
		err := s.write(ctx, func(tx *txn) error {
			records, err := tx.run(ctx, "vergelijking wis", `
				MATCH (n:ZoekVergelijking {gemeente: $gemeente})
				WITH n LIMIT 10000
				DELETE n
				RETURN count(*) AS n`,
				map[string]any{"gemeente": gemeente})
			if err != nil || len(records) == 0 {
				return err
			}
			n, _ = records[0].Values[0].(int64)
			return nil
		})
		if err != nil {
			return fmt.Errorf("vergelijking: remove nodes: %w", err)
		}
		if n == 0 {
			return nil
		}
	}
}

// luceneQuery turns a search text into a Lucene query for the comparison
// index; "" when no word is left. The text is never passed through: it is
// split into words of letters and digits (at most 12, as the Bleve search
// takes), and every Lucene special character left is escaped.
//
// Each word is the fair counterpart of what the Bleve search does with it:
//   - the word itself, analysed (stemmed) by the Dutch analyzer, boosted 2;
//   - from 4 letters on, the word as a prefix (w*): the start of a longer
//     word, which is how Lucene can find "politie" in "politiebureau" and
//     what Bleve gets from its compound parts and type-ahead expansion;
//   - from 5 letters on, the word with one typo (w~1; two from 9 letters),
//     as Bleve's fuzzy pass. Lucene does not analyse prefix and fuzzy terms,
//     so they only lower-case, as Bleve's do.
//
// The fields get Bleve's weights (naam 4, tekst 2, omgeving 0.7). With all
// set, every word is required in the name or text, a match in the
// surroundings and the whole text as a phrase add to the score, as in
// Bleve's first passes; otherwise any word matches anywhere.
func luceneQuery(tekst string, all bool) string {
	words := strings.FieldsFunc(strings.ToLower(tekst), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) > 12 {
		words = words[:12]
	}
	if len(words) == 0 {
		return ""
	}
	var clauses []string
	for _, w := range words {
		e := luceneEscape(w)
		alts := []string{e + "^2"}
		n := utf8.RuneCountInString(w)
		if n >= 4 {
			alts = append(alts, e+"*")
		}
		if n >= 9 {
			alts = append(alts, e+"~2")
		} else if n >= 5 {
			alts = append(alts, e+"~1")
		}
		wq := "(" + strings.Join(alts, " OR ") + ")"
		if all {
			clauses = append(clauses, fmt.Sprintf("+(naam:%s^4 OR tekst:%s^2) omgeving:%s^0.7", wq, wq, wq))
		} else {
			clauses = append(clauses, fmt.Sprintf("(naam:%s^4 OR tekst:%s^2 OR omgeving:%s^0.7)", wq, wq, wq))
		}
	}
	if all && len(words) > 1 {
		phrase := make([]string, len(words))
		for i, w := range words {
			phrase[i] = luceneEscape(w)
		}
		p := `"` + strings.Join(phrase, " ") + `"`
		clauses = append(clauses, fmt.Sprintf("(naam:%s OR tekst:%s)^3", p, p))
	}
	return strings.Join(clauses, " ")
}

// luceneEscape puts a backslash before every character Lucene's classic
// query parser gives a meaning.
func luceneEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`+-&|!(){}[]^"~*?:\/`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
