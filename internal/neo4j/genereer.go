package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// What the speed benchmark (socialekaart bench-vragen) needs of the store;
// the generator of its data is internal/bench, which writes through
// BulkCreate and BulkLink.

// GenCounts returns the number of nodes and relationships in the database.
func (s *Store) GenCounts(ctx context.Context) (nodes, rels int64, err error) {
	err = s.read(ctx, func(tx *txn) error {
		recs, err := tx.run(ctx, "genereer count", `
			CALL () { MATCH (n) RETURN count(n) AS nodes }
			CALL () { MATCH ()-[r]->() RETURN count(r) AS rels }
			RETURN nodes, rels`, nil)
		if err != nil {
			return err
		}
		nodes, _ = recs[0].Values[0].(int64)
		rels, _ = recs[0].Values[1].(int64)
		return nil
	})
	return nodes, rels, err
}

// RunVraag runs the named question's statement (as ProfileVraag builds it)
// and reads every row; the benchmark times it. It returns the row count.
func (s *Store) RunVraag(ctx context.Context, v kaart.Viewer, naam string, a VraagArgs) (int, error) {
	q, err := statement(naam, v, a)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.read(ctx, func(tx *txn) error {
		recs, err := tx.run(ctx, naam, q.cypher, q.params)
		n = len(recs)
		return err
	})
	return n, err
}

// ProfileVraagPlan runs the named question with PROFILE and returns the
// total database hits of its plan and the plan as indented text (operator,
// rows, db hits, details), which bench-vragen --plan prints.
func (s *Store) ProfileVraagPlan(ctx context.Context, v kaart.Viewer, naam string, a VraagArgs) (int64, string, error) {
	q, err := statement(naam, v, a)
	if err != nil {
		return 0, "", err
	}
	return s.profile(ctx, naam, q.cypher, q.params)
}

// profile runs one statement with PROFILE in a read transaction and returns
// the db hits of its plan and the plan as text.
func (s *Store) profile(ctx context.Context, name, cypher string, params map[string]any) (int64, string, error) {
	var hits int64
	var plan strings.Builder
	err := s.read(ctx, func(tx *txn) error {
		s.statements.Add(1)
		res, err := tx.tx.Run(ctx, "PROFILE "+cypher, params)
		if err != nil {
			return fmt.Errorf("profile %s: %w", name, err)
		}
		summary, err := res.Consume(ctx)
		if err != nil {
			return fmt.Errorf("profile %s: %w", name, err)
		}
		if summary.Profile() == nil {
			return fmt.Errorf("profile %s: no profile in the summary", name)
		}
		hits = dbHits(summary.Profile())
		planText(&plan, summary.Profile(), 0)
		return nil
	})
	return hits, plan.String(), err
}

func planText(b *strings.Builder, p neo4j.ProfiledPlan, depth int) {
	fmt.Fprintf(b, "%s%s rows=%d hits=%d %v\n", strings.Repeat("  ", depth), p.Operator(), p.Records(), p.DbHits(), p.Arguments()["Details"])
	for _, c := range p.Children() {
		planText(b, c, depth+1)
	}
}
