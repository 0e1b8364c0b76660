package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Loading search cards (kaart.KaartBron). A card carries its own text and
// the text of what it is linked to, each piece with the visibility of every
// element on the way to it, so the indexer can write one document per
// audience without ever asking who may see what.

// elem returns the scope fields of an alias, in the order bereik reads them.
func elem(alias string) string {
	return fmt.Sprintf("[%[1]s.zichtbaarheid, %[1]s.gemeente, %[1]s.beheerder, %[1]s.id]", alias)
}

// neighbourFields describes a related record m.
const neighbourFields = `type: [l IN labels(m) WHERE l <> 'Record'][0], naam: coalesce(m.naam, m.titel, m.waarde),
		soort: m.soort, niveau: coalesce(r.niveau, m.niveau), sector: m.sector, aanspreekpunt: m.aanspreekpunt,
		lat: m.lat, lon: m.lon`

var cardsCypher = fmt.Sprintf(`
	UNWIND $ids AS id
	MATCH (n:Record {id: id})
	WHERE any(l IN labels(n) WHERE l IN $cards)
	RETURN n,
	  COLLECT {
	    MATCH (n)-[r]-(m:Record)
	    RETURN {rel: type(r), out: startNode(r) = n, r: %[1]s, m: %[2]s, %[3]s}
	  } AS een,
	  COLLECT {
	    // The gebieden above one the card serves, up the tree: a buurt is
	    // DEEL_VAN its wijk, a dienstgebied OMVAT wijken.
	    MATCH p = (n)-[r:BEDIENT]->(m:Gebied)-[:DEEL_VAN|OMVAT]-{1,4}(x:Gebied)
	    WHERE all(i IN range(1, length(p) - 1) WHERE
	            (type(relationships(p)[i]) = 'DEEL_VAN') = (startNode(relationships(p)[i]) = nodes(p)[i]))
	    RETURN {rel: 'BEDIENT', r: %[1]s, m: %[2]s, pad: [i IN range(1, length(p) - 1) |
	              [%[6]s, %[7]s]], x: %[5]s, type: 'Gebied', naam: x.naam, soort: x.soort} AS item
	    UNION
	    MATCH (n)-[r:BEKLEEDT]->(m:Functie)-[r2:FUNCTIE_BIJ|BEDIENT|OVER_THEMA]->(x:Record)
	    RETURN {rel: type(r2), r: %[1]s, m: %[2]s, r2: %[4]s, x: %[5]s,
	            type: [l IN labels(x) WHERE l <> 'Record'][0], naam: x.naam, soort: x.soort, sector: x.sector} AS item
	    UNION
	    MATCH (n)<-[r:FUNCTIE_BIJ]-(m:Functie {aanspreekpunt: true})<-[r2:BEKLEEDT]-(x:Persoon)
	    RETURN {rel: 'AANSPREEKPUNT', r: %[1]s, m: %[2]s, r2: %[4]s, x: %[5]s, type: 'Persoon', naam: x.naam} AS item
	  } AS twee`,
	elem("r"), elem("m"), neighbourFields, elem("r2"), elem("x"),
	elem("(relationships(p)[i])"), elem("(nodes(p)[i + 1])"))

// Cards loads the cards among ids that exist, in one statement.
func (s *Store) Cards(ctx context.Context, ids []string) ([]kaart.Zoekkaart, error) {
	var out []kaart.Zoekkaart
	if len(ids) == 0 {
		return out, nil
	}
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "search cards", cardsCypher, map[string]any{"ids": ids, "cards": kaart.CardTypes})
		if err != nil {
			return err
		}
		for _, rec := range records {
			n := rec.Values[0].(dbtype.Node)
			een, _ := rec.Values[1].([]any)
			twee, _ := rec.Values[2].([]any)
			out = append(out, buildCard(n, een, twee))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("search cards: %w", err)
	}
	return out, nil
}

// AffectedCards returns the cards whose documents depend on the records:
// the records that are cards or no longer exist, and the cards linked to
// them (one step, two steps through a gebied's DEEL_VAN or a functie, and
// down the gebied tree to the cards serving a gebied below).
func (s *Store) AffectedCards(ctx context.Context, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var out []string
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "search affected cards", `
			UNWIND $ids AS id
			OPTIONAL MATCH (n:Record {id: id})
			WITH id, n
			WHERE n IS NULL OR any(l IN labels(n) WHERE l IN $cards)
			RETURN id AS card
			UNION
			UNWIND $ids AS id
			MATCH (n:Record {id: id})--(m:Record)
			WHERE any(l IN labels(m) WHERE l IN $cards)
			RETURN m.id AS card
			UNION
			UNWIND $ids AS id
			MATCH (n:Record {id: id})<-[:DEEL_VAN|FUNCTIE_BIJ|BEKLEEDT]-(:Record)--(m:Record)
			WHERE any(l IN labels(m) WHERE l IN $cards)
			RETURN m.id AS card
			UNION
			// Down the gebied tree (a wijk OMVAT by a dienstgebied, a buurt
			// DEEL_VAN a wijk) to the cards that serve a gebied below.
			UNWIND $ids AS id
			MATCH p = (n:Gebied {id: id})-[:DEEL_VAN|OMVAT]-{1,4}(:Gebied)<-[:BEDIENT]-(m:Record)
			WHERE all(i IN range(0, length(p) - 2) WHERE
			        (type(relationships(p)[i]) = 'OMVAT') = (startNode(relationships(p)[i]) = nodes(p)[i]))
			  AND any(l IN labels(m) WHERE l IN $cards)
			RETURN m.id AS card`, map[string]any{"ids": ids, "cards": kaart.CardTypes})
		if err != nil {
			return err
		}
		for _, r := range records {
			if id, ok := r.Values[0].(string); ok {
				out = append(out, id)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("search affected cards: %w", err)
	}
	return out, nil
}

// CardIDs pages through the card ids in id order.
func (s *Store) CardIDs(ctx context.Context, afterID string, gemeenten []string, limit int) ([]string, error) {
	var out []string
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "search card ids", `
			MATCH (n:Record)
			WHERE n.id > $after
			  AND any(l IN labels(n) WHERE l IN $cards)
			  AND ($gemeenten IS NULL OR n.gemeente IN $gemeenten)
			RETURN n.id
			ORDER BY n.id
			LIMIT $limit`, map[string]any{"after": afterID, "cards": kaart.CardTypes, "gemeenten": gemeenteFilter(gemeenten), "limit": limit})
		if err != nil {
			return err
		}
		for _, r := range records {
			out = append(out, r.Values[0].(string))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("search card ids: %w", err)
	}
	return out, nil
}

func bereik(v any) kaart.Bereik {
	l, _ := v.([]any)
	str := func(i int) string {
		if i < len(l) {
			s, _ := l[i].(string)
			return s
		}
		return ""
	}
	return kaart.Bereik{Zichtbaarheid: kaart.Zichtbaarheid(str(0)), Gemeente: str(1), Beheerder: str(2), ID: str(3)}
}

// ownText are the properties of a card that are searchable text.
var ownText = []string{"omschrijving", "openingstijden", "kosten", "aanmelden", "straat", "huisnummer",
	"postcode", "plaats", "toegankelijkheid", "frequentie"}

// enumText turns an enum value such as SOCIAAL_MAKELAAR into words.
func enumText(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "_", " "))
}

func buildCard(n dbtype.Node, een, twee []any) kaart.Zoekkaart {
	p := n.Props
	str := func(k string) string { s, _ := p[k].(string); return s }
	typ := recordType(n.Labels)
	c := kaart.Zoekkaart{
		ID:   str("id"),
		Type: typ,
		Naam: coalesceStr(str("naam"), str("titel")),
		Zelf: kaart.Bereik{Zichtbaarheid: kaart.Zichtbaarheid(str("zichtbaarheid")), Gemeente: str("gemeente"), Beheerder: str("beheerder"), ID: str("id")},
		Node: toNode(n),
	}
	if v, ok := p["versie"].(int64); ok {
		c.Versie = int(v)
	}
	add := func(veld, waarde string, via ...kaart.Bereik) {
		if waarde != "" {
			c.Teksten = append(c.Teksten, kaart.Kaarttekst{Veld: veld, Waarde: waarde, Via: via})
		}
	}
	add("punt", punt(p["lat"], p["lon"]))
	add("naam", c.Naam)
	for _, k := range ownText {
		add("tekst", str(k))
	}
	for _, k := range []string{"soort", "rol", "karakter"} {
		add("tekst", enumText(str(k)))
	}
	if typ == "Organisatie" {
		add("sector", str("sector"))
		add("tekst", enumText(str("sector")))
	}
	if typ == "Functie" {
		add("niveau", str("niveau"))
	}
	for _, item := range een {
		m, _ := item.(map[string]any)
		s := func(k string) string { v, _ := m[k].(string); return v }
		via := []kaart.Bereik{bereik(m["r"]), bereik(m["m"])}
		mid := via[1].ID
		naam := s("naam")
		out, _ := m["out"].(bool)
		switch rel, mt := s("rel"), s("type"); {
		case mt == "Gebied":
			if rel == "BEDIENT" || rel == "DEEL_VAN" {
				add("gebied", mid, via...)
				if s("soort") == "WIJK" {
					add("wijk", mid, via...)
				}
			}
			add("omgeving", naam, via...)
		case mt == "Thema":
			add("thema", naam, via...)
			add("tekst", naam, via...)
		case mt == "Doelgroep":
			add("tekst", naam, via...)
		case mt == "Contactgegeven":
			add("contact", naam, via...)
		case mt == "Locatie":
			add("omgeving", naam, via...)
			add("punt", punt(m["lat"], m["lon"]), via...)
		case rel == "FUNCTIE_BIJ" && !out:
			// A functie of this organisation: the aanspreekpunten count as text.
			if a, _ := m["aanspreekpunt"].(bool); a {
				add("tekst", naam, via...)
			} else {
				add("omgeving", naam, via...)
			}
		case rel == "FUNCTIE_BIJ" || rel == "AANGEBODEN_DOOR":
			add("tekst", naam, via...)
			add("sector", s("sector"), via...)
		case rel == "BEKLEEDT":
			add("tekst", naam, via...)
			if mt == "Functie" {
				add("niveau", s("niveau"), via...)
			}
		case rel == "LID_VAN":
			add("omgeving", naam, via...)
			add("niveau", s("niveau"), via...)
		default:
			add("omgeving", naam, via...)
		}
	}
	for _, item := range twee {
		m, _ := item.(map[string]any)
		s := func(k string) string { v, _ := m[k].(string); return v }
		via := []kaart.Bereik{bereik(m["r"]), bereik(m["m"])}
		if pad, ok := m["pad"].([]any); ok {
			// r, m, then every DEEL_VAN or OMVAT step and the gebied it reaches.
			for _, stap := range pad {
				paar, _ := stap.([]any)
				for _, e := range paar {
					via = append(via, bereik(e))
				}
			}
		} else {
			via = append(via, bereik(m["r2"]), bereik(m["x"]))
		}
		xid := via[len(via)-1].ID
		switch rel := s("rel"); {
		case s("type") == "Gebied":
			add("gebied", xid, via...)
			if s("soort") == "WIJK" {
				add("wijk", xid, via...)
			}
			add("omgeving", s("naam"), via...)
		case rel == "FUNCTIE_BIJ":
			add("tekst", s("naam"), via...)
			add("sector", s("sector"), via...)
		case rel == "OVER_THEMA":
			add("thema", s("naam"), via...)
			add("tekst", s("naam"), via...)
		default:
			add("tekst", s("naam"), via...)
		}
	}
	return c
}

// punt is a geopoint as the index takes it, "lat,lon", or "" when either
// coordinate is missing.
func punt(lat, lon any) string {
	la, ok1 := lat.(float64)
	lo, ok2 := lon.(float64)
	if !ok1 || !ok2 {
		return ""
	}
	return strconv.FormatFloat(la, 'f', -1, 64) + "," + strconv.FormatFloat(lo, 'f', -1, 64)
}

func coalesceStr(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// CountCards counts the cards, for a rebuild's progress.
func (s *Store) CountCards(ctx context.Context, gemeenten []string) (int, error) {
	var n int64
	err := s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "search count cards", `
			MATCH (n:Record)
			WHERE any(l IN labels(n) WHERE l IN $cards)
			  AND ($gemeenten IS NULL OR n.gemeente IN $gemeenten)
			RETURN count(n)`, map[string]any{"cards": kaart.CardTypes, "gemeenten": gemeenteFilter(gemeenten)})
		if err != nil {
			return err
		}
		n, _ = records[0].Values[0].(int64)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("search count cards: %w", err)
	}
	return int(n), nil
}

// Kaartjes reads records with their neighbours over several relations in
// one statement (kaart.KaartjeBron): a page of cards on the resident pages
// was one read per relation, and the round trips added up. Each record's
// relationships are walked once for all the relations asked, and sorted
// out here. A relationship counts only when it and both its ends are
// visible, as in Neighbours.
func (s *Store) Kaartjes(ctx context.Context, v kaart.Viewer, q kaart.KaartjeVraag) (map[string]kaart.Kaartje, error) {
	out := map[string]kaart.Kaartje{}
	if len(q.IDs) == 0 {
		return out, nil
	}
	cypher, p, err := kaartjesStatement(q)
	if err != nil {
		return nil, err
	}
	// A card needs of a relationship only whether it is current: it comes
	// as a map of its id, niveau and validity, which saves reading and
	// sending every other property of some hundred relationships.
	buur := func(from string, outgoing bool, rel string, r map[string]any, node dbtype.Node) kaart.Neighbour {
		k := kaart.Node{Type: "Koppeling", Props: domainProps(r)}
		k.Props["soort"] = rel
		a, b := from, node.Props["id"]
		if !outgoing {
			a, b = fmt.Sprint(b), from
		}
		k.Props["van"], k.Props["naar"] = a, b
		return kaart.Neighbour{Koppeling: k, Node: toNode(node)}
	}
	// wanted reports whether a neighbour answers the question nq.
	wanted := func(nq kaart.NeighbourQuery, rel string, outgoing bool, r map[string]any, n dbtype.Node) bool {
		if kaart.RelationTypes[nq.Relation].Name != rel || nq.Outgoing != outgoing {
			return false
		}
		if nq.Niveau != "" && r["niveau"] != nq.Niveau {
			return false
		}
		return len(nq.Types) == 0 || slices.Contains(nq.Types, recordType(n.Labels))
	}
	err = s.read(ctx, func(tx *txn) error {
		records, err := tx.run(ctx, "kaartjes", cypher, params(v, p))
		if err != nil {
			return err
		}
		for _, rec := range records {
			n := toNode(rec.Values[0].(dbtype.Node))
			k := kaart.Kaartje{Node: n, Buren: make([][]kaart.Neighbour, len(q.Buren)), Verder: map[string][]kaart.Neighbour{}}
			buren, _ := rec.Values[1].([]any)
			for _, item := range buren {
				x := item.([]any)
				rel, _ := x[0].(string)
				outgoing, _ := x[1].(bool)
				r, _ := x[2].(map[string]any)
				m := x[3].(dbtype.Node)
				for i, nq := range q.Buren {
					if wanted(nq, rel, outgoing, r, m) {
						k.Buren[i] = append(k.Buren[i], buur(n.ID(), outgoing, rel, r, m))
					}
				}
			}
			verder, _ := rec.Values[2].([]any)
			for _, item := range verder {
				x := item.([]any)
				via, _ := x[0].(string)
				r, _ := x[1].(map[string]any)
				k.Verder[via] = append(k.Verder[via], buur(via, q.Verder.Outgoing, kaart.RelationTypes[q.Verder.Relation].Name, r, x[2].(dbtype.Node)))
			}
			out[n.ID()] = k
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("kaartjes: %w", err)
	}
	return out, nil
}

// kaartjesStatement builds the Kaartjes statement and its parameters
// (without the viewer's scope). Relation names come from the registry,
// never from input.
func kaartjesStatement(q kaart.KaartjeVraag) (string, map[string]any, error) {
	var rels []string
	for _, nq := range q.Buren {
		rt, ok := kaart.RelationTypes[nq.Relation]
		if !ok {
			return "", nil, fmt.Errorf("unknown relation %q", nq.Relation)
		}
		if !slices.Contains(rels, rt.Name) {
			rels = append(rels, rt.Name)
		}
	}
	p := map[string]any{"ids": q.IDs, "types": nonNilStrings(q.Types), "rels": nonNilStrings(rels)}
	verder := "[] AS verder"
	if q.Verder != nil && len(q.Via) > 0 {
		var via []string
		for _, name := range q.Via {
			rt, ok := kaart.RelationTypes[name]
			if !ok {
				return "", nil, fmt.Errorf("unknown relation %q", name)
			}
			via = append(via, rt.Name)
		}
		rt, ok := kaart.RelationTypes[q.Verder.Relation]
		if !ok {
			return "", nil, fmt.Errorf("unknown relation %q", q.Verder.Relation)
		}
		arrow := "(b)-[r2:%s]->(c:Record)"
		if !q.Verder.Outgoing {
			arrow = "(b)<-[r2:%s]-(c:Record)"
		}
		var niveau any
		if q.Verder.Niveau != "" {
			niveau = q.Verder.Niveau
		}
		p["verderTypes"], p["verderNiveau"] = nonNilStrings(q.Verder.Types), niveau
		verder = fmt.Sprintf(`COLLECT {
			MATCH (a)-[r:%s]->(b:Record) WHERE %s AND %s
			MATCH `+arrow+`
			WHERE %s AND %s
			  AND (size($verderTypes) = 0 OR any(l IN labels(c) WHERE l IN $verderTypes))
			  AND ($verderNiveau IS NULL OR r2.niveau = $verderNiveau)
			RETURN [b.id, `+relFields("r2")+`, c] ORDER BY c.sorteernaam, c.id } AS verder`,
			strings.Join(via, "|"), visible("r"), visible("b"), rt.Name, visible("r2"), visible("c"))
	}
	cypher := fmt.Sprintf(`
		UNWIND $ids AS id
		MATCH (a:Record {id: id})
		WHERE %s AND (size($types) = 0 OR any(l IN labels(a) WHERE l IN $types))
		RETURN a, COLLECT {
			MATCH (a)-[r]-(b:Record)
			WHERE type(r) IN $rels AND %s AND %s
			RETURN [type(r), startNode(r) = a, %s, b] ORDER BY b.sorteernaam, b.id
		} AS buren, %s`, visible("a"), visible("r"), visible("b"), relFields("r"), verder)
	return cypher, p, nil
}

// relFields projects what Kaartjes reads of a relationship.
func relFields(alias string) string {
	return alias + " {.id, .niveau, .geldigVan, .geldigTot}"
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
