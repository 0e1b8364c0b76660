package web

import (
	"context"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Kaart is the part of kaart.Service the pages read. Every call is made with
// the anonymous viewer in the context, so only OPENBAAR data is returned.
type Kaart interface {
	Lister
	Get(ctx context.Context, types []string, ids []string) (map[string]kaart.Node, error)
	Neighbours(ctx context.Context, q kaart.NeighbourQuery) (map[string][]kaart.Neighbour, error)
	Kaartjes(ctx context.Context, q kaart.KaartjeVraag) (map[string]kaart.Kaartje, error)
}

// link is a name with the page about it ("" when there is none).
type link struct {
	Naam string
	URL  string
}

// kanaal is one way to reach someone, ready for an <a href>.
type kanaal struct {
	Soort string // TELEFOON, EMAIL, WEB
	Tekst string
	// Href is built here from checked values (tel: digits, mailto: a
	// validated address, http(s) links); html/template would refuse tel:.
	Href  template.URL
	Label string
}

// adres is where something is.
type adres struct {
	Naam             string
	URL              string
	Straat           string
	Plaats           string
	Toegankelijkheid string
}

// kaartje is what a card and a detail page show about one record: who, for
// what, where, when open and how to reach them.
type kaartje struct {
	ID, Type, Titel, URL string
	Soort                string // what kind of thing, in words
	Wie                  *link  // the organisation behind it
	Omschrijving         string
	Themas               []link
	Doelgroepen          []link
	Gebieden             []link
	Locatie              *adres
	Wanneer              string
	Kosten               string
	Aanmelden            string
	Personen             []link // current holders of a Functie
	Kanalen              []kanaal
	Bevestigd            string

	gebiedNodes []kaart.Node
}

// pagePath is the web page of a record, "" for types without one.
func pagePath(typ, id string) string {
	switch typ {
	case "Aanbod":
		return "/aanbod/" + id
	case "Organisatie":
		return "/organisatie/" + id
	case "Netwerk":
		return "/netwerk/" + id
	case "Persoon":
		return "/persoon/" + id
	case "Locatie":
		return "/locatie/" + id
	case "Functie":
		return "/functie/" + id
	case "Gebied":
		return "/wijk/" + id
	}
	return ""
}

// naamVan returns the display name of a record.
func naamVan(n kaart.Node) string {
	for _, key := range []string{"naam", "titel"} {
		if s, ok := n.Props[key].(string); ok && s != "" {
			return s
		}
	}
	return ""
}

func prop(n kaart.Node, key string) string {
	s, _ := n.Props[key].(string)
	return s
}

// today is the date the pages are as of.
var today = func() time.Time { return time.Now() }

// current reports whether a record or relationship is valid today.
func current(props map[string]any) bool {
	now := today()
	if t, ok := props["geldigTot"].(time.Time); ok && t.Add(24*time.Hour).Before(now) {
		return false
	}
	if t, ok := props["geldigVan"].(time.Time); ok && t.After(now) {
		return false
	}
	return true
}

// buren asks for the current neighbours of ids over one relation.
func buren(ctx context.Context, k Kaart, rel string, outgoing bool, ids []string, types ...string) (map[string][]kaart.Node, error) {
	out := map[string][]kaart.Node{}
	if len(ids) == 0 {
		return out, nil
	}
	res, err := k.Neighbours(ctx, kaart.NeighbourQuery{Relation: rel, Outgoing: outgoing, From: ids, Types: types})
	if err != nil {
		return nil, fmt.Errorf("neighbours %s: %w", rel, err)
	}
	for id, list := range res {
		for _, nb := range list {
			if current(nb.Koppeling.Props) && current(nb.Node.Props) {
				out[id] = append(out[id], nb.Node)
			}
		}
	}
	return out, nil
}

func links(nodes []kaart.Node) []link {
	var out []link
	for _, n := range nodes {
		out = append(out, link{Naam: naamVan(n), URL: pagePath(n.Type, n.ID())})
	}
	return out
}

// gebiedLinks names the gebieden something serves; wijken and buurten link
// to their page.
func gebiedLinks(nodes []kaart.Node) []link {
	var out []link
	for _, n := range nodes {
		l := link{Naam: naamVan(n)}
		switch prop(n, "soort") {
		case "WIJK", "BUURT":
			l.URL = pagePath("Gebied", n.ID())
		}
		out = append(out, l)
	}
	return out
}

// kanalen turns Contactgegevens into links, phone first.
func kanalen(nodes []kaart.Node) []kanaal {
	order := map[string]int{"TELEFOON": 0, "EMAIL": 1, "WEB": 2}
	var out []kanaal
	for _, n := range nodes {
		waarde := prop(n, "waarde")
		k := kanaal{Soort: prop(n, "soort"), Tekst: waarde, Label: prop(n, "label")}
		switch k.Soort {
		case "TELEFOON":
			k.Href = template.URL(telHref(waarde))
			k.Tekst = telTekst(waarde)
		case "EMAIL":
			if kaart.CheckEmail(waarde) != "" {
				continue
			}
			k.Href = template.URL("mailto:" + url.PathEscape(waarde))
		case "WEB":
			if kaart.CheckURL(waarde) != "" || (!strings.HasPrefix(waarde, "https://") && !strings.HasPrefix(waarde, "http://")) {
				continue
			}
			k.Href = template.URL(waarde)
			k.Tekst = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(waarde, "https://"), "http://"), "/")
		default:
			continue
		}
		out = append(out, k)
	}
	sort.SliceStable(out, func(i, j int) bool { return order[out[i].Soort] < order[out[j].Soort] })
	return out
}

// telHref returns a tel: URL: international form for national numbers, the
// digits for short and service numbers.
func telHref(waarde string) string {
	if norm, msg := kaart.NormalizeTelefoon(waarde); msg == "" {
		return "tel:" + norm
	}
	var b strings.Builder
	for _, r := range waarde {
		if r >= '0' && r <= '9' || r == '+' {
			b.WriteRune(r)
		}
	}
	return "tel:" + b.String()
}

// netnummers3 are the Dutch area codes of three digits; others have four.
var netnummers3 = map[string]bool{
	"010": true, "013": true, "015": true, "020": true, "023": true, "024": true, "026": true, "030": true,
	"033": true, "035": true, "036": true, "038": true, "040": true, "043": true, "045": true, "046": true,
	"050": true, "053": true, "055": true, "058": true, "070": true, "071": true, "072": true, "073": true,
	"074": true, "075": true, "076": true, "077": true, "078": true, "079": true,
	"084": true, "085": true, "087": true, "088": true, "091": true,
}

// telTekst writes a phone number the way people read it: 030 799 0116,
// 06 1234 0011, 0800-2000.
func telTekst(waarde string) string {
	norm, msg := kaart.NormalizeTelefoon(waarde)
	if msg != "" {
		return waarde
	}
	if rest, ok := strings.CutPrefix(norm, "+31"); ok {
		norm = "0" + rest
	}
	switch {
	case len(norm) != 10:
		if len(norm) > 4 && (strings.HasPrefix(norm, "08") || strings.HasPrefix(norm, "09")) {
			return norm[:4] + "-" + norm[4:]
		}
		return norm
	case strings.HasPrefix(norm, "06"):
		return norm[:2] + " " + norm[2:6] + " " + norm[6:]
	case netnummers3[norm[:3]]:
		return norm[:3] + " " + norm[3:6] + " " + norm[6:]
	default:
		return norm[:4] + " " + norm[4:7] + " " + norm[7:]
	}
}

func adresVan(n kaart.Node) *adres {
	a := &adres{Naam: naamVan(n), URL: pagePath("Locatie", n.ID()), Toegankelijkheid: prop(n, "toegankelijkheid")}
	a.Straat = strings.TrimSpace(prop(n, "straat") + " " + prop(n, "huisnummer"))
	a.Plaats = strings.TrimSpace(prop(n, "postcode") + " " + prop(n, "plaats"))
	return a
}

func datumTekst(lang Lang, v any) string {
	t, ok := v.(time.Time)
	if !ok {
		return ""
	}
	if lang == EN {
		return t.Format("2 January 2006")
	}
	maanden := []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
	return fmt.Sprintf("%d %s %d", t.Day(), maanden[t.Month()-1], t.Year())
}

// kaartRelaties are the relations a card shows, read in one statement for
// all cards; kaartDetail only on a detail page.
var (
	kaartRelaties = []kaart.NeighbourQuery{
		{Relation: "AANGEBODEN_DOOR", Outgoing: true, Types: []string{"Organisatie"}},
		{Relation: "FUNCTIE_BIJ", Outgoing: true, Types: []string{"Organisatie"}},
		{Relation: "BEKLEEDT", Outgoing: false, Types: []string{"Persoon"}},
		{Relation: "OP_LOCATIE", Outgoing: true, Types: []string{"Locatie"}},
		{Relation: "OVER_THEMA", Outgoing: true, Types: []string{"Thema"}},
		{Relation: "BEDIENT", Outgoing: true, Types: []string{"Gebied"}},
		{Relation: "HEEFT_CONTACT", Outgoing: true, Types: []string{"Contactgegeven"}},
	}
	kaartDetail = kaart.NeighbourQuery{Relation: "VOOR_DOELGROEP", Outgoing: true, Types: []string{"Doelgroep"}}
	// kaartContact is the contact of the organisation behind an aanbod or
	// functie, shown when the card has none of its own.
	kaartContact = kaart.NeighbourQuery{Relation: "HEEFT_CONTACT", Outgoing: true, Types: []string{"Contactgegeven"}}
)

const (
	relAanbieder = iota
	relWerkgever
	relBekleders
	relLocaties
	relThemas
	relGebieden
	relContact
	relDoelgroepen
)

// leesKaartjes reads the records among ids of the types, with all a card
// shows, in one statement, and returns the current ones as cards in the
// order of ids. With detail, it also reads what only a detail page shows.
func leesKaartjes(ctx context.Context, k Kaart, lang Lang, types, ids []string, detail bool) ([]*kaartje, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	got, err := k.Kaartjes(ctx, kaartjeVraag(types, ids, detail))
	if err != nil {
		return nil, err
	}
	var nodes []kaart.Node
	seen := map[string]bool{}
	for _, id := range ids {
		if n, ok := got[id]; ok && !seen[id] && current(n.Node.Props) {
			seen[id] = true
			nodes = append(nodes, n.Node)
		}
	}
	return bouwKaartjes(lang, nodes, got), nil
}

// kaartjes builds the cards of nodes already read, in one statement for all
// of them. With detail, it also reads what only a detail page shows.
func kaartjes(ctx context.Context, k Kaart, lang Lang, nodes []kaart.Node, detail bool) ([]*kaartje, error) {
	if len(nodes) == 0 {
		return nil, nil
	}
	var types, ids []string
	for _, n := range nodes {
		ids = append(ids, n.ID())
		if !slices.Contains(types, n.Type) {
			types = append(types, n.Type)
		}
	}
	got, err := k.Kaartjes(ctx, kaartjeVraag(types, ids, detail))
	if err != nil {
		return nil, err
	}
	return bouwKaartjes(lang, nodes, got), nil
}

func kaartjeVraag(types, ids []string, detail bool) kaart.KaartjeVraag {
	q := kaart.KaartjeVraag{Types: types, IDs: ids, Buren: kaartRelaties,
		Via: []string{"AANGEBODEN_DOOR", "FUNCTIE_BIJ"}, Verder: &kaartContact}
	if detail {
		q.Buren = append(slices.Clip(kaartRelaties), kaartDetail)
	}
	return q
}

// actueel keeps the neighbours whose relationship and record are current.
func actueel(list []kaart.Neighbour) []kaart.Node {
	var out []kaart.Node
	for _, nb := range list {
		if current(nb.Koppeling.Props) && current(nb.Node.Props) {
			out = append(out, nb.Node)
		}
	}
	return out
}

// bouwKaartjes makes the cards of nodes from what Kaartjes read.
func bouwKaartjes(lang Lang, nodes []kaart.Node, got map[string]kaart.Kaartje) []*kaartje {
	var out []*kaartje
	for _, n := range nodes {
		id := n.ID()
		k := got[id]
		rel := func(i int) []kaart.Node {
			if i < len(k.Buren) {
				return actueel(k.Buren[i])
			}
			return nil
		}
		gebieden := rel(relGebieden)
		c := &kaartje{
			ID: id, Type: n.Type, Titel: naamVan(n), URL: pagePath(n.Type, id),
			Omschrijving: prop(n, "omschrijving"),
			Themas:       links(rel(relThemas)),
			Doelgroepen:  links(rel(relDoelgroepen)),
			Gebieden:     gebiedLinks(gebieden),
			Wanneer:      prop(n, "openingstijden"),
			Kosten:       prop(n, "kosten"),
			Aanmelden:    prop(n, "aanmelden"),
			Personen:     links(rel(relBekleders)),
			Kanalen:      kanalen(rel(relContact)),
			Bevestigd:    datumTekst(lang, n.Props["laatstBevestigd"]),
			gebiedNodes:  gebieden,
		}
		c.Soort = soortTekst(lang, n)
		// Contact: the record's own channels, else its organisation's.
		orgs := rel(relAanbieder)
		if len(orgs) == 0 {
			orgs = rel(relWerkgever)
		}
		if len(orgs) > 0 {
			org := orgs[0]
			c.Wie = &link{Naam: naamVan(org), URL: pagePath("Organisatie", org.ID())}
			if len(c.Kanalen) == 0 {
				c.Kanalen = kanalen(actueel(k.Verder[org.ID()]))
			}
		}
		if locs := rel(relLocaties); len(locs) > 0 {
			c.Locatie = adresVan(locs[0])
		}
		if n.Type == "Locatie" {
			c.Locatie = adresVan(n)
		}
		out = append(out, c)
	}
	return out
}

// soortTekst says in words what kind of record n is.
func soortTekst(lang Lang, n kaart.Node) string {
	switch n.Type {
	case "Organisatie":
		return enumTekst(lang, "sector", prop(n, "sector"))
	case "Netwerk":
		return enumTekst(lang, "netwerk", prop(n, "soort"))
	case "Functie":
		return enumTekst(lang, "rol", prop(n, "rol"))
	}
	return T(lang, "type."+n.Type)
}

// enumTekst turns an enum value into words: the catalogue's, else the value
// with its first letter capital and underscores as spaces.
func enumTekst(lang Lang, soort, waarde string) string {
	if waarde == "" {
		return ""
	}
	if m, ok := messages["enum."+soort+"."+waarde]; ok {
		if lang == EN {
			return m[1]
		}
		return m[0]
	}
	s := strings.ToLower(strings.ReplaceAll(waarde, "_", " "))
	return strings.ToUpper(s[:1]) + s[1:]
}
