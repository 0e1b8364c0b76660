// Package demo holds a realistic, fictitious sociale kaart of the gemeente
// Utrecht, as a kaart.Export document ready for import.
//
// The wijken, buurten and organisations carry real public names (sources
// report §5); every person is invented, and every contact detail is a demo
// value that reaches nobody:
//
//   - telephone numbers of organisations lie in 030 799 0000 – 030 799 0999,
//     those of roles and persons in 06 1234 0000 – 06 1234 9999: ranges
//     chosen for this demo, written in the usual Dutch forms;
//   - e-mail addresses end in @demo.example and web addresses start with
//     https://demo.example/ (".example" is reserved by RFC 2606);
//   - KvK numbers start with 9000 and belong to no registered company;
//   - addresses use real street names with invented house numbers.
//
// Wijkraden are modelled as Netwerk of soort WIJKRAAD, never as Organisatie:
// a wijkraad is an independent adviesorgaan of residents without a legal
// form of its own (sources §1.6), so it has members and a chair, signs
// agreements and reaches groups, but no staff (Functies). Residents'
// organisations that are a stichting or vereniging are Organisatie of sector
// BEWONERSORGANISATIE.
//
// The document is the same on every call: ids, times and the choice of
// invented names are fixed, and nothing depends on the clock.
package demo

import (
	"fmt"
	"strings"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

const (
	// GemeenteID is the id of the one gemeente of the demo, Utrecht.
	GemeenteID = "utr-gm"
	// Bron is the bron of every record and relationship of the demo.
	Bron = "Demodata sociale kaart (fictief)"
	// EmailDomain and WebPrefix are the reserved demo domain of all contact details.
	EmailDomain = "demo.example"
	WebPrefix   = "https://demo.example/utrecht/"
)

// gemaakt is the fixed creation time of the demo document; the record times
// lie before it, some of them (stale entries) more than two years before.
var gemaakt = time.Date(2025, 9, 1, 8, 0, 0, 0, time.UTC)

// Utrecht returns the demo sociale kaart of Utrecht: 10 wijken and their
// buurten, organisations with their roles and contact details, invented
// persons, networks, meetings, coalitions with agreements, and aanbod. Every
// call builds a new document, so callers may change it.
func Utrecht() *kaart.Export {
	b := newBuilder()
	b.gebieden()
	b.locaties()
	b.themasEnDoelgroepen()
	b.organisaties()
	b.netwerken()
	b.personen()
	b.coalities()
	b.overleggen()
	b.aanbod()
	b.initiatieven()
	b.finish()
	return b.doc
}

// builder collects records and relationships in a fixed order.
type builder struct {
	doc      *kaart.Export
	types    map[string]string   // record id → type
	nodes    map[string]node     // record id → its properties
	persons  map[string]string   // person key → record id
	nPerson  int                 // persons created
	nLink    int                 // relationships created
	nOrgTel  int                 // organisation numbers handed out
	nMobiel  int                 // mobile numbers handed out
	nContact map[string]int      // holder id → contact details created
	holders  map[string][]string // functie id → its current holders
}

func newBuilder() *builder {
	return &builder{
		doc: &kaart.Export{
			Formaat: kaart.ExportFormat,
			Versie:  kaart.ExportVersion,
			Gemaakt: gemaakt,
		},
		types:    map[string]string{},
		nodes:    map[string]node{},
		persons:  map[string]string{},
		nContact: map[string]int{},
		holders:  map[string][]string{},
	}
}

// node is the property map of a record or relationship; its methods set
// the common fields and return the node, so a table row reads as one line.
type node map[string]any

// zicht sets the zichtbaarheid.
func (n node) zicht(z kaart.Zichtbaarheid) node {
	n["zichtbaarheid"] = string(z)
	return n
}

// geldig sets geldigVan and geldigTot ("YYYY-MM-DD"); empty strings are left out.
func (n node) geldig(van, tot string) node {
	if van != "" {
		n["geldigVan"] = van
	}
	if tot != "" {
		n["geldigTot"] = tot
	}
	return n
}

// set sets a property unless the value is the zero value of its type.
func (n node) set(key string, v any) node {
	switch val := v.(type) {
	case string:
		if val == "" {
			return n
		}
	case bool:
		if !val {
			return n
		}
	case nil:
		return n
	}
	n[key] = v
	return n
}

// stale gives the record the times of an entry nobody confirmed since
// 2022, so freshness checks have something to find.
func (n node) stale() node {
	id, _ := n["id"].(string)
	seq := 0
	for _, c := range id {
		seq += int(c)
	}
	times(n, seq, true)
	return n
}

// createdOn moves aangemaakt to the given date ("YYYY-MM-DD") and keeps
// gewijzigd and laatstBevestigd from lying before it.
func (n node) createdOn(date string) node {
	at := date + "T09:00:00Z"
	n["aangemaakt"] = at
	for _, key := range []string{"gewijzigd", "laatstBevestigd"} {
		if n[key].(string) < at {
			n[key] = at
		}
	}
	return n
}

// record adds a record with the common fields; beheerder is the steward
// organisation. The caller fills in the type's own fields on the result.
func (b *builder) record(typ, id, beheerder string) node {
	if _, dup := b.types[id]; dup {
		panic(fmt.Sprintf("demo: duplicate id %q", id))
	}
	t, ok := kaart.RecordTypes[typ]
	if !ok {
		panic(fmt.Sprintf("demo: unknown record type %q", typ))
	}
	b.types[id] = typ
	seq := len(b.doc.Records)
	n := node{
		"id":            id,
		"gemeente":      GemeenteID,
		"zichtbaarheid": string(t.DefaultZichtbaarheid),
		"bron":          Bron,
		"versie":        1,
	}
	n.set("beheerder", beheerder)
	times(n, seq, false)
	b.nodes[id] = n
	b.doc.Records = append(b.doc.Records, kaart.ExportRecord{Type: typ, Eigenschappen: n})
	return n
}

// link adds a relationship with id utr-k-NNNN. Its zichtbaarheid is the
// default of its type unless the caller sets one.
func (b *builder) link(typ, van, naar string) node {
	r, ok := kaart.RelationTypes[typ]
	if !ok {
		panic(fmt.Sprintf("demo: unknown relationship type %q", typ))
	}
	b.nLink++
	n := node{
		"id":            fmt.Sprintf("utr-k-%04d", b.nLink),
		"gemeente":      GemeenteID,
		"zichtbaarheid": string(r.DefaultZichtbaarheid),
		"bron":          Bron,
		"versie":        1,
	}
	times(n, b.nLink, false)
	b.doc.Koppelingen = append(b.doc.Koppelingen, kaart.ExportKoppeling{Type: typ, Van: van, Naar: naar, Eigenschappen: n})
	return n
}

// linkAll links van to each of naar.
func (b *builder) linkAll(typ, van string, naar []string) {
	for _, id := range naar {
		b.link(typ, van, id)
	}
}

// finish checks that every relationship joins two records of the document:
// a broken table is a programming error.
func (b *builder) finish() {
	for _, k := range b.doc.Koppelingen {
		for _, id := range []string{k.Van, k.Naar} {
			if _, ok := b.types[id]; !ok {
				panic(fmt.Sprintf("demo: %s %s → %s: no record %q", k.Type, k.Van, k.Naar, id))
			}
		}
	}
}

// times sets aangemaakt, gewijzigd and laatstBevestigd from a sequence
// number: spread over the first eight months of 2025, or over 2022 for a
// stale entry, and always in the order aangemaakt ≤ gewijzigd ≤ laatstBevestigd.
func times(n node, seq int, stale bool) {
	day := func(t time.Time, d int) string { return t.AddDate(0, 0, d).Format(time.RFC3339) }
	if stale {
		base := time.Date(2022, 1, 10, 10, 0, 0, 0, time.UTC)
		d := seq * 29 % 240
		n["aangemaakt"] = "2021-10-04T09:00:00Z"
		n["gewijzigd"] = day(base, d)
		n["laatstBevestigd"] = day(base, d)
		return
	}
	base := time.Date(2025, 1, 6, 10, 0, 0, 0, time.UTC)
	d := seq * 37 % 220
	n["aangemaakt"] = "2024-01-15T09:00:00Z"
	n["gewijzigd"] = day(base, d-seq*13%90)
	n["laatstBevestigd"] = day(base, d)
}

// slug turns a Dutch name into an id part: "Vleuten-De Meern" → "vleuten-de-meern".
func slug(s string) string {
	r := strings.NewReplacer("é", "e", "ë", "e", "è", "e", "ï", "i", "ö", "o", "ü", "u", "à", "a", "á", "a", "&", "en")
	s = strings.ToLower(r.Replace(s))
	var out strings.Builder
	dash := false
	for _, c := range s {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			out.WriteRune(c)
			dash = false
		} else if !dash && out.Len() > 0 {
			out.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(out.String(), "-")
}

// Id helpers, so tables read as names rather than strings.
func orgID(s string) string     { return "utr-org-" + s }
func wijkID(s string) string    { return "utr-wk-" + s }
func buurtID(s string) string   { return "utr-bu-" + s }
func themaID(s string) string   { return "utr-thema-" + s }
func doelID(s string) string    { return "utr-doel-" + s }
func locID(s string) string     { return "utr-loc-" + s }
func nwID(s string) string      { return "utr-nw-" + s }
func opgaveID(s string) string  { return "utr-opg-" + s }
func coaID(s string) string     { return "utr-coa-" + s }
func overlegID(s string) string { return "utr-ovl-" + s }

// funID names a Functie: funID("wijkregisseur", "overvecht").
func funID(parts ...string) string { return "utr-fun-" + strings.Join(parts, "-") }

// wijkbureau is the steward of a wijk and most of what happens in it.
func wijkbureau(wijk string) string { return orgID("wijkbureau-" + wijk) }
