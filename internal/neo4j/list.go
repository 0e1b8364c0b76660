package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// listWhere builds the WHERE clause of a list from fixed fragments, one per
// filter that is set; values travel as parameters. Every relationship and
// record a filter looks through must itself be visible, so a filter never
// reveals a hidden link.
func listWhere(t *kaart.RecordType, f kaart.ListFilter) (string, map[string]any) {
	where := []string{visible("n")}
	p := map[string]any{}
	if f.Gemeente != "" {
		p["gemeente"] = f.Gemeente
		// A regional organisation exists once, in its home gemeente, and
		// appears in every gemeente it serves.
		where = append(where, fmt.Sprintf(
			"(n.gemeente = $gemeente OR EXISTS { MATCH (n)-[b:BEDIENT]->(g:Gebied {gemeente: $gemeente}) WHERE %s AND %s })",
			visible("b"), visible("g")))
	}
	if f.Gebied != "" {
		p["gebied"] = f.Gebied
		if t == kaart.GebiedType {
			where = append(where, fmt.Sprintf(
				"EXISTS { MATCH (n)-[:DEEL_VAN*1..2]->(g:Gebied {id: $gebied}) WHERE %s }", visible("g")))
		} else {
			where = append(where, fmt.Sprintf(
				"EXISTS { MATCH (n)-[b:BEDIENT]->(s:Gebied)-[:DEEL_VAN*0..2]->(g:Gebied {id: $gebied}) WHERE %s AND %s AND %s }",
				visible("b"), visible("s"), visible("g")))
		}
	}
	if f.Sector != "" {
		p["sector"] = f.Sector
		where = append(where, "n.sector = $sector")
	}
	if f.Soort != "" {
		p["soort"] = f.Soort
		where = append(where, "n.soort = $soort")
	}
	if f.Niveau != "" {
		p["niveau"] = f.Niveau
		if t.Field("niveau") != nil {
			where = append(where, "n.niveau = $niveau")
		} else {
			where = append(where, fmt.Sprintf(
				"EXISTS { MATCH (n)-[l:LID_VAN {niveau: $niveau}]-(m:Record) WHERE %s AND %s }", visible("l"), visible("m")))
		}
	}
	if f.Thema != "" {
		p["thema"] = f.Thema
		where = append(where, fmt.Sprintf(
			"EXISTS { MATCH (n)-[o:OVER_THEMA]->(th:Thema {id: $thema}) WHERE %s AND %s }", visible("o"), visible("th")))
	}
	if f.NaamPrefix != "" {
		p["prefix"] = strings.ToLower(f.NaamPrefix)
		where = append(where, "n.sorteernaam STARTS WITH $prefix")
	}
	return strings.Join(where, "\n\t\t  AND "), p
}

// List returns one page sorted by (sorteernaam, id), after the cursor.
func (s *Store) List(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, f kaart.ListFilter) (kaart.Page, error) {
	where, p := listWhere(t, f)
	if f.After != nil {
		p["afterSort"], p["afterID"] = f.After.Sort, f.After.ID
		where += "\n\t\t  AND (n.sorteernaam > $afterSort OR (n.sorteernaam = $afterSort AND n.id > $afterID))"
	}
	p["limit"] = f.First + 1
	cypher := fmt.Sprintf(`
		MATCH (n:Record:%s)
		WHERE %s
		RETURN n, n.sorteernaam AS sort
		ORDER BY n.sorteernaam, n.id
		LIMIT $limit`, t.Name, where)
	var page kaart.Page
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "list "+t.Name, cypher, params(v, p))
		if err != nil {
			return err
		}
		page = pageOf(records, f.First)
		return nil
	})
	return page, err
}

// pageOf reads rows of (node, sort key), asked with LIMIT first+1, as a
// page: the extra row only says there is a next page.
func pageOf(records []*neo4j.Record, first int) kaart.Page {
	page := kaart.Page{Nodes: []kaart.Node{}}
	for i, r := range records {
		if i == first {
			page.HasNextPage = true
			break
		}
		n := toNode(r.Values[0].(dbtype.Node))
		sort, _ := r.Values[1].(string)
		page.Nodes = append(page.Nodes, n)
		page.Cursors = append(page.Cursors, kaart.Cursor{Sort: sort, ID: n.ID()})
	}
	return page
}

// Count returns how many visible records match the filter.
func (s *Store) Count(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, f kaart.ListFilter) (int, error) {
	where, p := listWhere(t, f)
	cypher := fmt.Sprintf(`
		MATCH (n:Record:%s)
		WHERE %s
		RETURN count(n)`, t.Name, where)
	var count int
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "count "+t.Name, cypher, params(v, p))
		if err != nil {
			return err
		}
		c, _ := records[0].Values[0].(int64)
		count = int(c)
		return nil
	})
	return count, err
}
