package neo4j

import (
	"context"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Hooks for the benchmarks in package neo4j_test: run a question with
// another statement text, to time a plan against the one it replaced.

// LegacyAanspreekpuntCypher is the aanspreekpunt statement as it was
// before the id indexes per label and the thema anchor, kept to compare
// plans; the USING SCAN hints make it plan as it did without the indexes.
var LegacyAanspreekpuntCypher = `
	MATCH (g:Gebied {id: $gebied})
	USING SCAN g:Gebied
	WHERE VISIBLE(g)
	CALL (g) {
		MATCH p = (g)-[:DEEL_VAN*0..2]->(s:Gebied)
		WHERE all(x IN nodes(p) WHERE VISIBLE(x)) AND all(x IN relationships(p) WHERE VISIBLE(x))
		RETURN s, CASE WHEN s = g THEN 0 WHEN s.soort = 'WIJK' THEN 2 ELSE 4 END AS afstand
		UNION
		MATCH p = (g)-[:DEEL_VAN*0..1]->(:Gebied {soort: 'WIJK'})<-[:OMVAT]-(s:Gebied)
		WHERE all(x IN nodes(p) WHERE VISIBLE(x)) AND all(x IN relationships(p) WHERE VISIBLE(x))
		RETURN s, 3 AS afstand
	}
	MATCH (f:Functie)-[b:BEDIENT]->(s)
	WHERE VISIBLE(f) AND VISIBLE(b)
	  AND ($niveau IS NULL OR f.niveau = $niveau)
	  AND ($thema IS NULL OR EXISTS {
		MATCH (f)-[o:OVER_THEMA]->(t:Thema {id: $thema})
		WHERE VISIBLE(o) AND VISIBLE(t)
	  })
	WITH f, s, afstand, ACTUEEL(f) AND ACTUEEL(b) AS actueel
	ORDER BY actueel DESC, afstand
	WITH f, collect({via: s, afstand: afstand, actueel: actueel})[0] AS best
	ORDER BY best.actueel DESC, best.afstand, coalesce(f.aanspreekpunt, false) DESC, f.laatstBevestigd DESC, f.sorteernaam, f.id
	WITH collect({wie: f, via: best.via, afstand: best.afstand, actueel: best.actueel}) AS kandidaten
	UNWIND [k IN kandidaten WHERE k.actueel = kandidaten[0].actueel AND k.afstand = kandidaten[0].afstand][..$limit] AS k
	` + aanspreekpuntDetails + `
	RETURN antwoord, COLLECT { MATCH (t:Thema {id: $thema}) USING SCAN t:Thema WHERE VISIBLE(t) RETURN t } AS thema`

// RunVraagMet runs the named question with the statement text q instead
// of its own, and returns the rows.
func (s *Store) RunVraagMet(ctx context.Context, v kaart.Viewer, naam, q string, a VraagArgs) (int, error) {
	st, err := statement(naam, v, a)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.read(ctx, func(tx *txn) error {
		recs, err := tx.run(ctx, naam, cypher(q), st.params)
		n = len(recs)
		return err
	})
	return n, err
}

// ProfileVraagMet profiles the named question with the statement text q
// (its own when q is empty) and returns the db hits and the plan as text.
func (s *Store) ProfileVraagMet(ctx context.Context, v kaart.Viewer, naam, q string, a VraagArgs) (int64, string, error) {
	st, err := statement(naam, v, a)
	if err != nil {
		return 0, "", err
	}
	if q != "" {
		st.cypher = cypher(q)
	}
	return s.profile(ctx, naam, st.cypher, st.params)
}

// ProfileKaartjes profiles the Kaartjes statement for q and returns its db
// hits and plan.
func (s *Store) ProfileKaartjes(ctx context.Context, v kaart.Viewer, q kaart.KaartjeVraag) (int64, string, error) {
	c, p, err := kaartjesStatement(q)
	if err != nil {
		return 0, "", err
	}
	return s.profile(ctx, "kaartjes", c, params(v, p))
}
