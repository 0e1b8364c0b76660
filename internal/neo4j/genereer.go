package neo4j

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// The national-scale generator (socialekaart genereer) and the runner of the
// speed benchmark (socialekaart bench-vragen). The generator writes straight
// to Neo4j in UNWIND batches, without CheckExport: the data are synthetic,
// deterministic (same --gemeenten, same ids) and far too large for one
// transaction.

// Per gemeente the generator builds these numbers of records.
const (
	GenWijken          = 10
	GenBuurtenPerWijk  = 4
	GenThemas          = 10
	GenOrganisaties    = 100
	GenFunctiesPerWijk = 60
	GenPersonen        = 2000
	GenNetwerken       = 20
	GenCoalitiesWijk   = 3
	GenLedenPerNiveau  = 10
	genKentPerPersoon  = 3
	genBatch           = 10000
)

// GenStats counts what Genereer wrote.
type GenStats struct {
	Nodes, Relationships int
	NodeTime, RelTime    time.Duration // time spent writing each
}

// GenID names the generated records, so the benchmark can find them.
func GenGemeenteID(g int) string       { return fmt.Sprintf("gen-gm%03d", g) }
func GenWijkID(g, w int) string        { return fmt.Sprintf("gen-gm%03d-wk%02d", g, w) }
func GenBuurtID(g, w, b int) string    { return fmt.Sprintf("gen-gm%03d-wk%02d-bu%d", g, w, b) }
func GenPersoonID(g, p int) string     { return fmt.Sprintf("gen-gm%03d-ps%04d", g, p) }
func GenOrganisatieID(g, o int) string { return fmt.Sprintf("gen-gm%03d-org%03d", g, o) }
func genFunctieID(g, f int) string     { return fmt.Sprintf("gen-gm%03d-fn%04d", g, f) }
func genThemaID(g, t int) string       { return fmt.Sprintf("gen-gm%03d-th%02d", g, t) }
func genNetwerkID(g, n int) string     { return fmt.Sprintf("gen-gm%03d-nw%02d", g, n) }
func genCoalitieID(g, c int) string    { return fmt.Sprintf("gen-gm%03d-co%02d", g, c) }

// lcg is a small deterministic pseudo-random sequence.
type lcg uint64

func (r *lcg) intn(n int) int {
	*r = *r*6364136223846793005 + 1442695040888963407
	return int((uint64(*r) >> 33) % uint64(n))
}

// genWriter buffers rows per label or relationship type and flushes each
// buffer in one transaction of genBatch rows.
type genWriter struct {
	s     *Store
	ctx   context.Context
	nodes map[string][]map[string]any
	rels  map[string][]map[string]any
	stats GenStats
	now   time.Time
	relN  int
	// seen holds the facts already written, so that a random pick of the
	// same member twice makes one relationship (kaart.RelationType.Key).
	seen map[string]bool
}

func (w *genWriter) node(label, id, gemeente, naam string, props map[string]any) {
	zicht := "OPENBAAR"
	if label == "Persoon" {
		zicht = "PARTNERS"
	}
	row := map[string]any{
		"id": id, "gemeente": gemeente, "zichtbaarheid": zicht, "beheerder": gemeente + "-org000",
		"naam": naam, "sorteernaam": lowerUnicode(naam), "versie": int64(1), "bron": "genereer",
		"aangemaakt": w.now, "gewijzigd": w.now, "laatstBevestigd": w.now,
	}
	if label == "Organisatie" {
		row["beheerder"] = id
	}
	for k, v := range props {
		row[k] = v
	}
	w.nodes[label] = append(w.nodes[label], row)
}

func (w *genWriter) rel(typ, van, naar, gemeente string, props map[string]any) {
	fact := typ + "|" + van + "|" + naar
	for _, k := range kaart.RelationTypes[typ].Key {
		fact += fmt.Sprintf("|%v", props[k])
	}
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	if w.seen[fact] {
		return
	}
	w.seen[fact] = true
	w.relN++
	p := map[string]any{"id": fmt.Sprintf("gen-k%08d", w.relN), "gemeente": gemeente, "zichtbaarheid": "OPENBAAR",
		"versie": int64(1), "aangemaakt": w.now, "gewijzigd": w.now}
	for k, v := range props {
		p[k] = v
	}
	w.rels[typ] = append(w.rels[typ], map[string]any{"van": van, "naar": naar, "props": p})
}

func (w *genWriter) flush(all bool) error {
	for _, label := range sortedKeys(w.nodes) {
		rows := w.nodes[label]
		for len(rows) >= genBatch || (all && len(rows) > 0) {
			n := min(genBatch, len(rows))
			t0 := time.Now()
			err := w.s.write(w.ctx, func(tx *txn) error {
				_, err := tx.run(w.ctx, "genereer "+label, fmt.Sprintf(`
					UNWIND $rows AS row
					CREATE (n:Record:%s)
					SET n = row`, label), map[string]any{"rows": rows[:n]})
				return err
			})
			if err != nil {
				return fmt.Errorf("genereer %s: %w", label, err)
			}
			w.stats.Nodes += n
			w.stats.NodeTime += time.Since(t0)
			rows = rows[n:]
		}
		w.nodes[label] = rows
	}
	if !all {
		return nil // relationships wait until every node of the round exists
	}
	for _, typ := range sortedKeys(w.rels) {
		rows := w.rels[typ]
		for len(rows) > 0 {
			n := min(genBatch, len(rows))
			t0 := time.Now()
			err := w.s.write(w.ctx, func(tx *txn) error {
				_, err := tx.run(w.ctx, "genereer "+typ, fmt.Sprintf(`
					UNWIND $rows AS row
					MATCH (a:Record {id: row.van})
					MATCH (b:Record {id: row.naar})
					CREATE (a)-[r:%s]->(b)
					SET r = row.props, r.beheerder = a.beheerder`, typ), map[string]any{"rows": rows[:n]})
				return err
			})
			if err != nil {
				return fmt.Errorf("genereer %s: %w", typ, err)
			}
			w.stats.Relationships += n
			w.stats.RelTime += time.Since(t0)
			rows = rows[n:]
		}
		delete(w.rels, typ)
	}
	return nil
}

// Genereer writes a synthetic sociale kaart of the given number of
// gemeenten into an empty, migrated database. progress, if not nil, is
// called after each round of gemeenten.
func (s *Store) Genereer(ctx context.Context, gemeenten int, progress func(done int, st GenStats)) (GenStats, error) {
	w := &genWriter{s: s, ctx: ctx, nodes: map[string][]map[string]any{}, rels: map[string][]map[string]any{},
		now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	niveaus := []string{string(kaart.Bestuurlijk), string(kaart.Managerial), string(kaart.Frontlijn)}
	const round = 10 // gemeenten per round: nodes first, then their relationships
	for g := 0; g < gemeenten; g++ {
		r := lcg(g + 1)
		gm := GenGemeenteID(g)
		w.seen = nil // ids name their gemeente: no fact repeats across gemeenten
		w.node("Gebied", gm, gm, fmt.Sprintf("Gemeente %03d", g), map[string]any{"soort": "GEMEENTE"})
		for t := 0; t < GenThemas; t++ {
			w.node("Thema", genThemaID(g, t), gm, fmt.Sprintf("Thema %d", t), nil)
		}
		for wk := 0; wk < GenWijken; wk++ {
			w.node("Gebied", GenWijkID(g, wk), gm, fmt.Sprintf("Wijk %d-%d", g, wk), map[string]any{"soort": "WIJK"})
			w.rel("DEEL_VAN", GenWijkID(g, wk), gm, gm, nil)
			for b := 0; b < GenBuurtenPerWijk; b++ {
				w.node("Gebied", GenBuurtID(g, wk, b), gm, fmt.Sprintf("Buurt %d-%d-%d", g, wk, b), map[string]any{"soort": "BUURT"})
				w.rel("DEEL_VAN", GenBuurtID(g, wk, b), GenWijkID(g, wk), gm, nil)
			}
		}
		for o := 0; o < GenOrganisaties; o++ {
			id := GenOrganisatieID(g, o)
			w.node("Organisatie", id, gm, fmt.Sprintf("Organisatie %d-%d", g, o), nil)
			w.node("Contactgegeven", id+"-c", gm, "telefoon", map[string]any{"soort": "TELEFOON", "waarde": fmt.Sprintf("030%07d", g*1000+o)})
			w.rel("HEEFT_CONTACT", id, id+"-c", gm, nil)
			w.rel("BEDIENT", id, gm, gm, nil)
		}
		nf := GenWijken * GenFunctiesPerWijk
		for f := 0; f < nf; f++ {
			id := genFunctieID(g, f)
			wk := f / GenFunctiesPerWijk
			w.node("Functie", id, gm, fmt.Sprintf("Functie %d-%d", g, f), map[string]any{
				"niveau": niveaus[f%3], "aanspreekpunt": f%5 == 0})
			w.node("Contactgegeven", id+"-c", gm, "email", map[string]any{"soort": "EMAIL", "waarde": fmt.Sprintf("f%d@gm%d.example", f, g)})
			w.rel("HEEFT_CONTACT", id, id+"-c", gm, nil)
			// A third serves the wijk, the rest one of its buurten.
			if f%3 == 0 {
				w.rel("BEDIENT", id, GenWijkID(g, wk), gm, nil)
			} else {
				w.rel("BEDIENT", id, GenBuurtID(g, wk, f%GenBuurtenPerWijk), gm, nil)
			}
			w.rel("FUNCTIE_BIJ", id, GenOrganisatieID(g, r.intn(GenOrganisaties)), gm, nil)
			t := r.intn(GenThemas)
			w.rel("OVER_THEMA", id, genThemaID(g, t), gm, nil)
			w.rel("OVER_THEMA", id, genThemaID(g, (t+1+r.intn(GenThemas-1))%GenThemas), gm, nil)
			w.rel("BEREIKT", id, genNetwerkID(g, r.intn(GenNetwerken)), gm, nil)
		}
		for n := 0; n < GenNetwerken; n++ {
			id := genNetwerkID(g, n)
			w.node("Netwerk", id, gm, fmt.Sprintf("Netwerk %d-%d", g, n), nil)
			w.rel("BEDIENT", id, GenWijkID(g, n%GenWijken), gm, nil)
			w.rel("OVER_THEMA", id, genThemaID(g, n%GenThemas), gm, nil)
		}
		for p := 0; p < GenPersonen; p++ {
			id := GenPersoonID(g, p)
			w.node("Persoon", id, gm, fmt.Sprintf("Persoon %d-%d", g, p), nil)
			w.rel("BEKLEEDT", id, genFunctieID(g, r.intn(nf)), gm, nil)
			w.rel("BEKLEEDT", id, genFunctieID(g, r.intn(nf)), gm, nil)
			w.rel("LID_VAN", id, genNetwerkID(g, r.intn(GenNetwerken)), gm, map[string]any{"niveau": niveaus[p%3]})
			for k := 0; k < genKentPerPersoon; k++ {
				w.rel("KENT", id, GenPersoonID(g, r.intn(GenPersonen)), gm, nil)
			}
		}
		for c := 0; c < GenWijken*GenCoalitiesWijk; c++ {
			id := genCoalitieID(g, c)
			w.node("Coalitie", id, gm, fmt.Sprintf("Coalitie %d-%d", g, c), nil)
			w.rel("BEDIENT", id, GenWijkID(g, c/GenCoalitiesWijk), gm, nil)
			for _, nv := range niveaus {
				for l := 0; l < GenLedenPerNiveau; l++ {
					var lid string
					switch l % 3 {
					case 0:
						lid = GenOrganisatieID(g, r.intn(GenOrganisaties))
					case 1:
						lid = genFunctieID(g, r.intn(nf))
					default:
						lid = GenPersoonID(g, r.intn(GenPersonen))
					}
					w.rel("LID_VAN", lid, id, gm, map[string]any{"niveau": nv, "sleutelpartner": l == 0})
				}
			}
		}
		if err := w.flush(false); err != nil {
			return w.stats, err
		}
		if (g+1)%round == 0 || g == gemeenten-1 {
			if err := w.flush(true); err != nil {
				return w.stats, err
			}
			if progress != nil {
				progress(g+1, w.stats)
			}
		}
	}
	return w.stats, nil
}

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
