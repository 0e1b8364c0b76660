package neo4j

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// The wijk's questions (kaart.VragenStore), one statement each. The
// statements are written with two shorthands, expanded by cypher():
//
//	VISIBLE(x)  the viewer may see x (see visible in scope.go)
//	ACTUEEL(x)  x is valid on $peildatum (geldigVan and geldigTot)
//
// Every record and relationship a statement looks through is checked with
// VISIBLE, so a hidden record never shapes an answer.

var _ kaart.VragenStore = (*Store)(nil)

var shorthand = regexp.MustCompile(`(VISIBLE|ACTUEEL)\((\w+)\)`)

// cypher expands the shorthands of a question's statement.
func cypher(q string) string {
	return shorthand.ReplaceAllStringFunc(q, func(m string) string {
		parts := shorthand.FindStringSubmatch(m)
		if parts[1] == "VISIBLE" {
			return visible(parts[2])
		}
		return fmt.Sprintf("((%[1]s.geldigVan IS NULL OR %[1]s.geldigVan <= $peildatum) AND (%[1]s.geldigTot IS NULL OR %[1]s.geldigTot >= $peildatum))", parts[2])
	})
}

// werkgebieden is a subquery that yields, for the visible gebied g, every
// gebied s through which a record serves g, with its afstand: g itself (0),
// its wijk (2), a dienstgebied covering that wijk (3), its gemeente (4).
const werkgebieden = `
	CALL (g) {
		MATCH p = (g)-[:DEEL_VAN*0..2]->(s:Gebied)
		WHERE all(x IN nodes(p) WHERE VISIBLE(x)) AND all(x IN relationships(p) WHERE VISIBLE(x))
		RETURN s, CASE WHEN s = g THEN 0 WHEN s.soort = 'WIJK' THEN 2 ELSE 4 END AS afstand
		UNION
		MATCH p = (g)-[:DEEL_VAN*0..1]->(:Gebied {soort: 'WIJK'})<-[:OMVAT]-(s:Gebied)
		WHERE all(x IN nodes(p) WHERE VISIBLE(x)) AND all(x IN relationships(p) WHERE VISIBLE(x))
		RETURN s, 3 AS afstand
	}`

// aanspreekpuntDetails turns a chosen candidate k ({wie, via, afstand,
// actueel}) into the answer map: its organisation, current holders and
// contact channels, each only when visible. The organisation's channels
// stand in only for a candidate without channels of its own (see
// aanspreekpunt), so they are read and sent only then.
const aanspreekpuntDetails = `
	WITH *, k.wie AS wie
	OPTIONAL MATCH (wie:Functie)-[fb:FUNCTIE_BIJ]->(org:Organisatie)
	WHERE VISIBLE(fb) AND VISIBLE(org)
	WITH *, COLLECT {
		MATCH (wie)-[hc:HEEFT_CONTACT]->(c:Contactgegeven)
		WHERE VISIBLE(hc) AND VISIBLE(c)
		RETURN c ORDER BY c.soort, c.waarde
	} AS kanalen
	WITH *, {
		wie: wie, via: k.via, afstand: k.afstand, actueel: k.actueel, organisatie: org, kanalen: kanalen,
		personen: COLLECT {
			MATCH (p:Persoon)-[bk:BEKLEEDT]->(wie)
			WHERE VISIBLE(p) AND VISIBLE(bk) AND ACTUEEL(bk)
			RETURN p ORDER BY p.sorteernaam, p.id
		},
		organisatieKanalen: COLLECT {
			MATCH (org)-[hc:HEEFT_CONTACT]->(c:Contactgegeven)
			WHERE kanalen = [] AND VISIBLE(hc) AND VISIBLE(c)
			RETURN c ORDER BY c.soort, c.waarde
		}
	} AS antwoord`

// aanspreekpuntCypher looks the gebied and the thema up by id once (an
// index seek each; see the id indexes in migrate.go) and checks each
// candidate's thema as a relationship into that one node, rather than
// reading every thema of every candidate. The thema is checked once per
// Functie, after the cheap filters: placed in the MATCH, the planner ran it
// before the label check, on every organisation serving the gemeente too.
const aanspreekpuntCypher = `
	MATCH (g:Gebied {id: $gebied})
	WHERE VISIBLE(g)
	OPTIONAL MATCH (th:Thema {id: $thema})
	WHERE VISIBLE(th)
	WITH g, th
	WHERE $thema IS NULL OR th IS NOT NULL
	` + werkgebieden + `
	MATCH (f:Functie)-[b:BEDIENT]->(s)
	WHERE VISIBLE(f) AND VISIBLE(b)
	  AND ($niveau IS NULL OR f.niveau = $niveau)
	// Each Functie counts once, through its nearest gebied.
	WITH th, f, s, afstand, ACTUEEL(f) AND ACTUEEL(b) AS actueel
	ORDER BY actueel DESC, afstand
	WITH th, f, collect({via: s, afstand: afstand, actueel: actueel})[0] AS best
	WHERE th IS NULL OR EXISTS {
		MATCH (f)-[o:OVER_THEMA]->(th)
		WHERE VISIBLE(o)
	}
	// Current Functies first, then the nearest scope; only the best group answers.
	ORDER BY best.actueel DESC, best.afstand, coalesce(f.aanspreekpunt, false) DESC, f.laatstBevestigd DESC, f.sorteernaam, f.id
	WITH th, collect({wie: f, via: best.via, afstand: best.afstand, actueel: best.actueel}) AS kandidaten
	UNWIND [k IN kandidaten WHERE k.actueel = kandidaten[0].actueel AND k.afstand = kandidaten[0].afstand][..$limit] AS k
	` + aanspreekpuntDetails + `
	RETURN antwoord, [t IN [th] WHERE t IS NOT NULL] AS thema`

const loketCypher = `
	MATCH (g:Gebied {id: $gebied})
	WHERE VISIBLE(g)
	CALL (g) {
		` + werkgebieden + `
		MATCH (x:Functie|Netwerk|Organisatie)-[b:BEDIENT]->(s)
		WHERE VISIBLE(x) AND VISIBLE(b) AND (NOT x:Functie OR x.aanspreekpunt = true)
		MATCH (x)-[o:OVER_THEMA]->(t:Thema)
		WHERE VISIBLE(o) AND VISIBLE(t)
		WITH t, x, s, afstand, ACTUEEL(x) AND ACTUEEL(b) AS actueel
		ORDER BY actueel DESC, afstand
		WITH t, x, collect({via: s, afstand: afstand, actueel: actueel})[0] AS best
		ORDER BY best.actueel DESC, best.afstand, x:Functie DESC, x.laatstBevestigd DESC, x.sorteernaam, x.id
		WITH t, collect({wie: x, via: best.via, afstand: best.afstand, actueel: best.actueel}) AS kandidaten
		UNWIND [k IN kandidaten WHERE k.actueel = kandidaten[0].actueel AND k.afstand = kandidaten[0].afstand][..$perThema] AS k
		` + aanspreekpuntDetails + `
		WITH t, collect(antwoord) AS aanspreekpunten
		ORDER BY t.sorteernaam, t.id
		RETURN collect({thema: t, aanspreekpunten: aanspreekpunten}) AS onderwerpen
	}
	RETURN g, onderwerpen, COLLECT {
		MATCH (t:Thema {gemeente: g.gemeente})
		WHERE VISIBLE(t) AND NOT t.id IN [o IN onderwerpen | o.thema.id]
		RETURN t ORDER BY t.sorteernaam, t.id
	} AS zonder`

// coalitieCypher gives each member's partij: the organisation of a Functie,
// or of a Functie a Persoon holds now (FUNCTIE_BIJ and BEKLEEDT start only
// there, see the registry). It is null when the member acts for itself (an
// organisation, or a member with no visible current organisation), and
// CoalitieFeiten reads the member then, so the member is neither looked
// through for a relationship it cannot have nor sent twice.
const coalitieCypher = `
	MATCH (g:Gebied {id: $gebied})
	WHERE VISIBLE(g)
	MATCH p = (s:Gebied)-[:DEEL_VAN*0..2]->(g)
	WHERE all(x IN nodes(p) WHERE VISIBLE(x)) AND all(x IN relationships(p) WHERE VISIBLE(x))
	MATCH (c:Coalitie)-[b:BEDIENT]->(s)
	WHERE VISIBLE(c) AND VISIBLE(b)
	WITH DISTINCT c
	RETURN c,
		COLLECT {
			MATCH (lid:Record)-[l:LID_VAN]->(c)
			WHERE VISIBLE(lid) AND VISIBLE(l) AND (l.geldigVan IS NULL OR l.geldigVan <= $peildatum)
			RETURN {
				lid: lid, niveau: l.niveau, sleutelpartner: coalesce(l.sleutelpartner, false), geldigTot: l.geldigTot,
				verlopen: l.geldigTot IS NOT NULL AND l.geldigTot < $peildatum,
				partij: CASE
					WHEN lid:Functie THEN head([(lid)-[fb:FUNCTIE_BIJ]->(o:Organisatie) WHERE VISIBLE(fb) AND VISIBLE(o) | o])
					WHEN lid:Persoon THEN head([(lid)-[bk:BEKLEEDT]->(f:Functie)-[fb:FUNCTIE_BIJ]->(o:Organisatie)
						WHERE VISIBLE(bk) AND ACTUEEL(bk) AND VISIBLE(f) AND VISIBLE(fb) AND VISIBLE(o) | o])
				END
			}
		} AS leden,
		COUNT {
			MATCH (a:Afspraak)-[r:AFSPRAAK_VAN]->(c)
			WHERE VISIBLE(a) AND VISIBLE(r) AND ACTUEEL(a)
		} AS afspraken
	ORDER BY c.sorteernaam, c.id`

const wieBereiktCypher = `
	MATCH (doel:Doelgroep|Netwerk {id: $groep})
	WHERE VISIBLE(doel)
	MATCH (wie:Record)-[r:BEREIKT]->(doel)
	WHERE VISIBLE(wie) AND VISIBLE(r)
	OPTIONAL MATCH (g:Gebied {id: $gebied})
	WHERE VISIBLE(g)
	CALL (wie, g) {
		WITH wie, g
		WHERE $gebied IS NULL
		RETURN null AS via
		UNION
		// Where wie works: its own gebieden, or those of the Functie a person
		// holds or the group a person belongs to; the gebied, a gebied around
		// it, a dienstgebied covering its wijk, or a buurt in it.
		WITH wie, g
		WHERE g IS NOT NULL
		MATCH p = (wie)-[:BEKLEEDT|LID_VAN*0..1]->(drager:Record)-[:BEDIENT]->(s:Gebied)
		WHERE all(x IN nodes(p) WHERE VISIBLE(x)) AND all(x IN relationships(p) WHERE VISIBLE(x))
		  AND (EXISTS { MATCH q = (g)-[:DEEL_VAN*0..2]->(s) WHERE all(x IN nodes(q) WHERE VISIBLE(x)) }
		    OR EXISTS { MATCH q = (s)-[:DEEL_VAN*1..2]->(g) WHERE all(x IN nodes(q) WHERE VISIBLE(x)) }
		    OR EXISTS { MATCH q = (g)-[:DEEL_VAN*0..1]->(:Gebied)<-[:OMVAT]-(s) WHERE all(x IN nodes(q) WHERE VISIBLE(x)) AND all(x IN relationships(q) WHERE VISIBLE(x)) })
		WITH s, length(p) AS omweg
		ORDER BY omweg, s.sorteernaam
		RETURN s AS via
		LIMIT 1
	}
	RETURN wie, r, doel.id AS naar, via
	ORDER BY wie.sorteernaam, wie.id`

// routeCypher has the length limit as a literal (%d): Cypher takes no
// parameter there. Every hop and every record on it must be visible, and
// a hop must be current today.
const routeCypher = `
	OPTIONAL MATCH (a:Record {id: $van})
	WHERE VISIBLE(a)
	OPTIONAL MATCH (b:Record {id: $naar})
	WHERE VISIBLE(b)
	OPTIONAL MATCH p = SHORTEST 1 (a)(()-[r:BEKLEEDT|FUNCTIE_BIJ|LID_VAN|VOORZITTER_VAN|KENT|BEREIKT]-(n:Record)
		WHERE VISIBLE(r) AND VISIBLE(n) AND (r.geldigTot IS NULL OR r.geldigTot >= date())){1,%d}(b)
	RETURN a IS NOT NULL AS van, b IS NOT NULL AS naar, nodes(p) AS records, relationships(p) AS koppelingen`

const overlapCypher = `
	MATCH (g:Gebied {id: $gebied})
	WHERE VISIBLE(g)
	MATCH p = (s:Gebied)-[:DEEL_VAN*0..2]->(g)
	WHERE all(x IN nodes(p) WHERE VISIBLE(x)) AND all(x IN relationships(p) WHERE VISIBLE(x))
	MATCH (f:Functie)-[b:BEDIENT]->(s)
	WHERE VISIBLE(f) AND VISIBLE(b) AND ACTUEEL(f) AND ACTUEEL(b)
	MATCH (f)-[o:OVER_THEMA]->(t:Thema)
	WHERE VISIBLE(o) AND VISIBLE(t)
	WITH s, t, f ORDER BY f.sorteernaam, f.id
	WITH s, t, f.niveau AS niveau, collect(f) AS functies
	WHERE size(functies) > 1
	RETURN s, t, niveau, functies
	ORDER BY size(functies) DESC, s.sorteernaam, t.sorteernaam, niveau`

const escalatieCypher = `
	MATCH (g:Gebied {id: $gebied})
	WHERE VISIBLE(g)
	CALL (g) {
		` + werkgebieden + `
		MATCH (start:Functie|Overleg)-[b:BEDIENT]->(s)
		WHERE VISIBLE(start) AND VISIBLE(b)
		  AND EXISTS { MATCH (start)-[e:ESCALEERT_NAAR]->(n:Record) WHERE VISIBLE(e) AND VISIBLE(n) }
		WITH start, min(afstand) AS afstand
		WITH start, afstand, $thema IS NULL OR EXISTS {
			MATCH (start)-[o:OVER_THEMA]->(t:Thema {id: $thema}) WHERE VISIBLE(o) AND VISIBLE(t)
		} AS past
		ORDER BY past DESC, afstand, start.sorteernaam, start.id
		WITH collect({start: start, afstand: afstand, past: past}) AS ks
		RETURN [k IN ks WHERE k.past = ks[0].past AND k.afstand = ks[0].afstand | k.start] AS starts
	}
	CALL (starts) {
		UNWIND starts AS start
		MATCH p = (start)-[:ESCALEERT_NAAR*1..6]->(:Record)
		WHERE all(x IN nodes(p) WHERE VISIBLE(x))
		  AND all(x IN relationships(p) WHERE VISIBLE(x) AND x.spoor = relationships(p)[0].spoor)
		UNWIND relationships(p) AS e
		WITH DISTINCT e, startNode(e) AS van, endNode(e) AS naar
		WITH e, van, naar, $thema IS NOT NULL AND EXISTS {
			MATCH (naar)-[o:OVER_THEMA]->(t:Thema {id: $thema}) WHERE VISIBLE(o) AND VISIBLE(t)
		} AS past
		ORDER BY e.spoor, e.volgorde, past DESC, naar.sorteernaam
		RETURN collect({spoor: e.spoor, volgorde: e.volgorde, van: van, naar: naar, past: past}) AS stappen
	}
	RETURN starts, stappen`

const verouderdCypher = `
	MATCH (g:Gebied {id: $gebied})
	WHERE VISIBLE(g)
	CALL (g) {
		MATCH p = (s:Gebied)-[:DEEL_VAN*0..2]->(g)
		WHERE all(x IN nodes(p) WHERE VISIBLE(x)) AND all(x IN relationships(p) WHERE VISIBLE(x))
		RETURN s AS x
		UNION
		MATCH p = (s:Gebied)-[:DEEL_VAN*0..2]->(g)
		WHERE all(x IN nodes(p) WHERE VISIBLE(x)) AND all(x IN relationships(p) WHERE VISIBLE(x))
		MATCH (x:Record)-[b:BEDIENT]->(s)
		WHERE VISIBLE(b)
		RETURN x
		UNION
		// The people who hold the roles or sit in the bodies there, and
		// the channels of those roles and bodies.
		MATCH p = (s:Gebied)-[:DEEL_VAN*0..2]->(g)
		WHERE all(x IN nodes(p) WHERE VISIBLE(x)) AND all(x IN relationships(p) WHERE VISIBLE(x))
		MATCH (d:Record)-[b:BEDIENT]->(s)
		WHERE VISIBLE(d) AND VISIBLE(b)
		MATCH (d)-[k:BEKLEEDT|LID_VAN|HEEFT_CONTACT]-(x:Persoon|Contactgegeven)
		WHERE VISIBLE(k)
		RETURN x
	}
	WITH DISTINCT x
	WHERE VISIBLE(x) AND (x.laatstBevestigd IS NULL OR x.laatstBevestigd < $ouderDan)
	OPTIONAL MATCH (o:Organisatie {id: x.beheerder})
	WHERE VISIBLE(o)
	WITH o, x
	ORDER BY x.laatstBevestigd, x.sorteernaam, x.id
	WITH o, collect(x) AS records
	RETURN o, records
	ORDER BY size(records) DESC, o.sorteernaam`

// verwijsCypher finds, among the records the viewer may see, what the
// gebied, thema and groep arguments of a question may name (see
// kaart.Verwijzing): the record with that id, and else for a gebied those
// with that CBS code or name, for a thema those with that name in the
// gemeente of the gebied. Each is an index seek (the id, gebied_cbs and
// *_sort or thema_gemeente indexes of migrate.go); an argument that is
// null finds nothing at no cost.
const verwijsCypher = `
	CALL () {
		OPTIONAL MATCH (n:Gebied {id: $gebied})
		WHERE VISIBLE(n)
		RETURN collect(n) AS gebiedOpID
	}
	CALL () {
		CALL () {
			MATCH (n:Gebied {cbsCode: $gebiedCode})
			RETURN n
			UNION
			MATCH (n:Gebied)
			WHERE n.sorteernaam = $gebiedNaam AND n.id IS NOT NULL
			RETURN n
		}
		WITH n WHERE VISIBLE(n)
		ORDER BY n.id
		LIMIT $kandidaten
		RETURN collect(n) AS gebiedOpNaam
	}
	WITH gebiedOpID, gebiedOpNaam, CASE WHEN gebiedOpID <> [] THEN gebiedOpID ELSE gebiedOpNaam END AS gebieden
	RETURN [n IN gebiedOpID | n.id] AS gebiedOpID, [n IN gebiedOpNaam | n.id] AS gebiedOpNaam,
		COLLECT { MATCH (t:Thema {id: $thema}) WHERE VISIBLE(t) RETURN t.id } AS themaOpID,
		COLLECT {
			UNWIND gebieden AS g
			MATCH (t:Thema {gemeente: g.gemeente, sorteernaam: $themaNaam})
			WHERE VISIBLE(t)
			RETURN DISTINCT t.id AS id ORDER BY id LIMIT $kandidaten
		} AS themaOpNaam,
		COLLECT { MATCH (n:Doelgroep|Netwerk {id: $groep}) WHERE VISIBLE(n) RETURN n.id } AS groepOpID`

// verwijsStatement builds the lookup of a question's arguments.
func verwijsStatement(v kaart.Viewer, a VraagArgs) vraag {
	naam := func(s string) any {
		if s == "" {
			return nil
		}
		return lowerUnicode(s)
	}
	code := func(s string) any {
		if s == "" {
			return nil
		}
		return strings.ToUpper(s)
	}
	return vraag{name: "verwijs", cypher: cypher(verwijsCypher), params: params(v, map[string]any{
		"gebied": orNull(a.Gebied), "gebiedCode": code(a.Gebied), "gebiedNaam": naam(a.Gebied),
		"thema": orNull(a.Thema), "themaNaam": naam(a.Thema),
		"groep": orNull(a.Groep), "kandidaten": kaart.MaxKandidaten + 1,
	})}
}

// verwijs replaces the gebied, thema and groep of a with the ids of the
// records they name, by kaart.KiesRecord, or returns its error. The gebied
// goes first: a thema's name is looked up in the gemeente of the gebied.
func (tx *txn) verwijs(ctx context.Context, v kaart.Viewer, a *VraagArgs) error {
	if a.Gebied == "" && a.Thema == "" && a.Groep == "" {
		return nil
	}
	q := verwijsStatement(v, *a)
	records, err := tx.run(ctx, "vraag "+q.name, q.cypher, q.params)
	if err != nil {
		return err
	}
	if len(records) != 1 {
		return fmt.Errorf("verwijs: %d rows", len(records))
	}
	r := records[0]
	for _, arg := range []struct {
		field        string
		waarde       *string
		opID, opNaam any
	}{
		{"gebied", &a.Gebied, r.Values[0], r.Values[1]},
		{"thema", &a.Thema, r.Values[2], r.Values[3]},
		{"groep", &a.Groep, r.Values[4], nil},
	} {
		if *arg.waarde == "" {
			continue
		}
		id, err := kaart.KiesRecord(arg.field, *arg.waarde, kaart.Gevonden{OpID: idList(arg.opID), OpNaam: idList(arg.opNaam)})
		if err != nil {
			return err
		}
		*arg.waarde = id
	}
	return nil
}

func idList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// ProfileVerwijs runs the lookup of a question's arguments (a as given)
// with PROFILE and returns its db hits.
func (s *Store) ProfileVerwijs(ctx context.Context, v kaart.Viewer, a VraagArgs) (int64, error) {
	q := verwijsStatement(v, a)
	hits, _, err := s.profile(ctx, q.name, q.cypher, q.params)
	return hits, err
}

// VraagArgs holds the arguments of any question, for ProfileVraag.
type VraagArgs struct {
	Gebied, Thema, Groep, Van, Naar string
	Niveau                          kaart.Niveau
	Peildatum, OuderDan             time.Time
	MaxLengte, Limit                int
}

// vraag is one question's statement with its parameters.
type vraag struct {
	name   string
	cypher string
	params map[string]any
}

func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func peildatum(t time.Time) neo4j.Date {
	if t.IsZero() {
		t = time.Now()
	}
	return neo4j.DateOf(t)
}

// Vragen lists the question names ProfileVraag knows.
var Vragen = []string{"aanspreekpunt", "waarvoorBijWie", "coalitieAnalyse", "wieBereikt", "route", "overlap", "escalatie", "verouderd"}

// statement builds the named question for v.
func statement(naam string, v kaart.Viewer, a VraagArgs) (vraag, error) {
	p := map[string]any{"gebied": orNull(a.Gebied), "peildatum": peildatum(a.Peildatum)}
	var q string
	switch naam {
	case "aanspreekpunt":
		limit := a.Limit
		if limit <= 0 {
			limit = kaart.DefaultAanspreekpunten
		}
		p["thema"], p["niveau"], p["limit"] = orNull(a.Thema), orNull(string(a.Niveau)), limit
		q = aanspreekpuntCypher
	case "waarvoorBijWie":
		p["perThema"] = 3
		q = loketCypher
	case "coalitieAnalyse":
		q = coalitieCypher
	case "wieBereikt":
		p["groep"] = a.Groep
		q = wieBereiktCypher
	case "route":
		max := a.MaxLengte
		if max < 1 || max > kaart.MaxRouteLengte {
			return vraag{}, fmt.Errorf("route length %d out of range", max)
		}
		p["van"], p["naar"] = a.Van, a.Naar
		q = fmt.Sprintf(routeCypher, max)
	case "overlap":
		q = overlapCypher
	case "escalatie":
		p["thema"] = orNull(a.Thema)
		q = escalatieCypher
	case "verouderd":
		p["ouderDan"] = a.OuderDan
		q = verouderdCypher
	default:
		return vraag{}, fmt.Errorf("unknown question %q", naam)
	}
	return vraag{name: naam, cypher: cypher(q), params: params(v, p)}, nil
}

// ask runs one question in a read transaction: first the lookup of its
// arguments (verwijs), then the question with the ids found.
func (s *Store) ask(ctx context.Context, v kaart.Viewer, naam string, gegeven VraagArgs) ([]*neo4j.Record, error) {
	var records []*neo4j.Record
	err := s.read(ctx, func(tx *txn) error {
		a := gegeven
		if err := tx.verwijs(ctx, v, &a); err != nil {
			return err
		}
		q, err := statement(naam, v, a)
		if err != nil {
			return err
		}
		records, err = tx.run(ctx, "vraag "+q.name, q.cypher, q.params)
		return err
	})
	return records, err
}

// ProfileVraag runs the named question with PROFILE and returns the total
// database hits of its plan, so tests can hold a plan to an upper bound.
func (s *Store) ProfileVraag(ctx context.Context, v kaart.Viewer, naam string, a VraagArgs) (int64, error) {
	hits, _, err := s.ProfileVraagPlan(ctx, v, naam, a)
	return hits, err
}

func dbHits(p neo4j.ProfiledPlan) int64 {
	total := p.DbHits()
	for _, c := range p.Children() {
		total += dbHits(c)
	}
	return total
}

// Aanspreekpunten answers kaart.Service.Aanspreekpunt.
func (s *Store) Aanspreekpunten(ctx context.Context, v kaart.Viewer, q kaart.AanspreekpuntVraag) ([]kaart.Aanspreekpunt, error) {
	records, err := s.ask(ctx, v, "aanspreekpunt", VraagArgs{Gebied: q.Gebied, Thema: q.Thema, Niveau: q.Niveau, Peildatum: q.Peildatum, Limit: q.Limit})
	if err != nil {
		return nil, err
	}
	out := make([]kaart.Aanspreekpunt, 0, len(records))
	for _, r := range records {
		a := aanspreekpunt(r.Values[0].(map[string]any))
		if t := nodeList(r.Values[1]); len(t) == 1 {
			a.Thema = &t[0]
		}
		out = append(out, a)
	}
	return out, nil
}

func aanspreekpunt(m map[string]any) kaart.Aanspreekpunt {
	a := kaart.Aanspreekpunt{
		Wie:      toNode(m["wie"].(dbtype.Node)),
		Via:      toNode(m["via"].(dbtype.Node)),
		Afstand:  int(m["afstand"].(int64)),
		Actueel:  m["actueel"] == true,
		Personen: nodeList(m["personen"]),
		Kanalen:  nodeList(m["kanalen"]),
	}
	if org, ok := m["organisatie"].(dbtype.Node); ok {
		n := toNode(org)
		a.Organisatie = &n
	}
	switch {
	case len(a.Kanalen) > 0:
		a.KanaalVan = "FUNCTIE"
		if a.Wie.Type != "Functie" {
			a.KanaalVan = "EIGEN"
		}
	default:
		if k := nodeList(m["organisatieKanalen"]); len(k) > 0 {
			a.Kanalen, a.KanaalVan = k, "ORGANISATIE"
		}
	}
	return a
}

func nodeList(v any) []kaart.Node {
	list, _ := v.([]any)
	out := make([]kaart.Node, 0, len(list))
	for _, x := range list {
		if n, ok := x.(dbtype.Node); ok {
			out = append(out, toNode(n))
		}
	}
	return out
}

// Loket answers kaart.Service.WaarvoorBijWie.
func (s *Store) Loket(ctx context.Context, v kaart.Viewer, gebied string, peildatum time.Time) (kaart.Loket, error) {
	records, err := s.ask(ctx, v, "waarvoorBijWie", VraagArgs{Gebied: gebied, Peildatum: peildatum})
	if err != nil {
		return kaart.Loket{}, err
	}
	if len(records) == 0 {
		return kaart.Loket{}, kaart.ArgumentNietGevonden("gebied", gebied)
	}
	r := records[0]
	l := kaart.Loket{Gebied: toNode(r.Values[0].(dbtype.Node)), ZonderAanspreekpunt: nodeList(r.Values[2])}
	onderwerpen, _ := r.Values[1].([]any)
	for _, o := range onderwerpen {
		m := o.(map[string]any)
		lo := kaart.LoketOnderwerp{Thema: toNode(m["thema"].(dbtype.Node))}
		list, _ := m["aanspreekpunten"].([]any)
		for _, a := range list {
			lo.Aanspreekpunten = append(lo.Aanspreekpunten, aanspreekpunt(a.(map[string]any)))
		}
		l.Onderwerpen = append(l.Onderwerpen, lo)
	}
	return l, nil
}

// CoalitieFeiten answers kaart.Service.CoalitieAnalyse.
func (s *Store) CoalitieFeiten(ctx context.Context, v kaart.Viewer, gebied string, peildatum time.Time) ([]kaart.CoalitieFeiten, error) {
	records, err := s.ask(ctx, v, "coalitieAnalyse", VraagArgs{Gebied: gebied, Peildatum: peildatum})
	if err != nil {
		return nil, err
	}
	out := make([]kaart.CoalitieFeiten, 0, len(records))
	for _, r := range records {
		f := kaart.CoalitieFeiten{Coalitie: toNode(r.Values[0].(dbtype.Node))}
		leden, _ := r.Values[1].([]any)
		for _, x := range leden {
			m := x.(map[string]any)
			l := kaart.CoalitieLid{
				Lid:            toNode(m["lid"].(dbtype.Node)),
				Sleutelpartner: m["sleutelpartner"] == true,
				Verlopen:       m["verlopen"] == true,
			}
			partij, ok := m["partij"].(dbtype.Node)
			if !ok {
				partij = m["lid"].(dbtype.Node)
			}
			l.Partij = toNode(partij)
			if n, ok := m["niveau"].(string); ok {
				l.Niveau = kaart.Niveau(n)
			}
			if d, ok := m["geldigTot"].(dbtype.Date); ok {
				t := d.Time()
				l.GeldigTot = &t
			}
			f.Leden = append(f.Leden, l)
		}
		c, _ := r.Values[2].(int64)
		f.Afspraken = int(c)
		out = append(out, f)
	}
	return out, nil
}

// WieBereikt answers kaart.Service.WieBereikt.
func (s *Store) WieBereikt(ctx context.Context, v kaart.Viewer, groep, gebied string) ([]kaart.Bereiker, error) {
	records, err := s.ask(ctx, v, "wieBereikt", VraagArgs{Groep: groep, Gebied: gebied})
	if err != nil {
		return nil, err
	}
	out := make([]kaart.Bereiker, 0, len(records))
	for _, r := range records {
		wie := toNode(r.Values[0].(dbtype.Node))
		k := relNode(r.Values[1].(dbtype.Relationship))
		k.Props["van"], k.Props["naar"] = wie.ID(), r.Values[2]
		b := kaart.Bereiker{Wie: wie, Koppeling: k}
		if via, ok := r.Values[3].(dbtype.Node); ok {
			n := toNode(via)
			b.Via = &n
		}
		out = append(out, b)
	}
	return out, nil
}

// Route answers kaart.Service.Route.
func (s *Store) Route(ctx context.Context, v kaart.Viewer, van, naar string, maxLengte int) (kaart.RouteAntwoord, error) {
	records, err := s.ask(ctx, v, "route", VraagArgs{Van: van, Naar: naar, MaxLengte: maxLengte})
	if err != nil {
		return kaart.RouteAntwoord{}, err
	}
	var out kaart.RouteAntwoord
	if len(records) == 0 {
		return out, nil
	}
	r := records[0]
	out.VanGevonden, out.NaarGevonden = r.Values[0] == true, r.Values[1] == true
	nodes, _ := r.Values[2].([]any)
	if len(nodes) == 0 {
		return out, nil
	}
	route := &kaart.Route{}
	ids := map[string]string{}
	for _, x := range nodes {
		n := x.(dbtype.Node)
		route.Records = append(route.Records, toNode(n))
		ids[n.ElementId] = fmt.Sprint(n.Props["id"])
	}
	rels, _ := r.Values[3].([]any)
	for _, x := range rels {
		rel := x.(dbtype.Relationship)
		k := relNode(rel)
		k.Props["van"], k.Props["naar"] = ids[rel.StartElementId], ids[rel.EndElementId]
		route.Stappen = append(route.Stappen, k)
	}
	out.Route = route
	return out, nil
}

// Overlap answers kaart.Service.Overlap.
func (s *Store) Overlap(ctx context.Context, v kaart.Viewer, gebied string, peildatum time.Time) ([]kaart.Overlap, error) {
	records, err := s.ask(ctx, v, "overlap", VraagArgs{Gebied: gebied, Peildatum: peildatum})
	if err != nil {
		return nil, err
	}
	out := make([]kaart.Overlap, 0, len(records))
	for _, r := range records {
		o := kaart.Overlap{
			Gebied:   toNode(r.Values[0].(dbtype.Node)),
			Thema:    toNode(r.Values[1].(dbtype.Node)),
			Functies: nodeList(r.Values[3]),
		}
		if n, ok := r.Values[2].(string); ok {
			o.Niveau = kaart.Niveau(n)
		}
		out = append(out, o)
	}
	return out, nil
}

// Escalatie answers kaart.Service.Escalatie.
func (s *Store) Escalatie(ctx context.Context, v kaart.Viewer, gebied, thema string) (kaart.Escalatie, error) {
	records, err := s.ask(ctx, v, "escalatie", VraagArgs{Gebied: gebied, Thema: thema})
	if err != nil {
		return kaart.Escalatie{}, err
	}
	e := kaart.Escalatie{Startpunten: []kaart.Node{}, Ambtelijk: []kaart.EscalatieStap{}, Bestuurlijk: []kaart.EscalatieStap{}}
	if len(records) == 0 {
		return e, nil
	}
	e.Startpunten = nodeList(records[0].Values[0])
	stappen, _ := records[0].Values[1].([]any)
	for _, x := range stappen {
		m := x.(map[string]any)
		volgorde, _ := m["volgorde"].(int64)
		st := kaart.EscalatieStap{
			Volgorde:     int(volgorde),
			Van:          toNode(m["van"].(dbtype.Node)),
			Naar:         toNode(m["naar"].(dbtype.Node)),
			PastBijThema: m["past"] == true,
		}
		if m["spoor"] == "BESTUURLIJK" {
			e.Bestuurlijk = append(e.Bestuurlijk, st)
		} else {
			e.Ambtelijk = append(e.Ambtelijk, st)
		}
	}
	return e, nil
}

// Verouderd answers kaart.Service.Verouderd.
func (s *Store) Verouderd(ctx context.Context, v kaart.Viewer, gebied string, ouderDan time.Time) ([]kaart.VerouderdGroep, error) {
	records, err := s.ask(ctx, v, "verouderd", VraagArgs{Gebied: gebied, OuderDan: ouderDan})
	if err != nil {
		return nil, err
	}
	out := make([]kaart.VerouderdGroep, 0, len(records))
	for _, r := range records {
		g := kaart.VerouderdGroep{Records: nodeList(r.Values[1])}
		if o, ok := r.Values[0].(dbtype.Node); ok {
			n := toNode(o)
			g.Beheerder = &n
		}
		out = append(out, g)
	}
	return out, nil
}
