package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strings"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Audiences, from the widest to the narrowest. A card's document for an
// audience holds exactly what that audience may see. Zelf is the audience
// that may see an INTERN card itself but not its INTERN surroundings (a
// regisseur whose werkgebied the card serves, a partner that is the card
// but does not steward it): its document is the card with what partners
// may see around it. The PARTNERS document plays that part for cards that
// are not INTERN, so a card has a Zelf document only when it has no
// PARTNERS document.
var audiences = []kaart.Zichtbaarheid{kaart.Openbaar, kaart.Partners, kaart.Intern, zelf}

const zelf kaart.Zichtbaarheid = "ZELF"

// docID is the document id of a card for one audience.
func docID(card string, a kaart.Zichtbaarheid) string { return card + "#" + string(a) }

// cardOf returns the card id of a document id.
func cardOf(doc string) string {
	if i := strings.LastIndexByte(doc, '#'); i >= 0 {
		return doc[:i]
	}
	return doc
}

// document is what Bleve indexes for one card and one audience.
type document struct {
	Card string `json:"card"`
	Type string `json:"type"`
	// Publiek lists the audiences the document is for: one document serves
	// every audience that sees the card alike.
	Publiek  []string `json:"publiek"`
	Gemeente string   `json:"gemeente"`
	Steward  string   `json:"steward"`
	// Werkgebied, on Zelf documents only, holds what places the card in a
	// regisseur's werkgebied (kaart.Scope): its id, its gemeente and the
	// gebieden it serves directly, whatever the zichtbaarheid of the link.
	Werkgebied []string `json:"werkgebied,omitempty"`
	Naam       string   `json:"naam"`
	Tekst      []string `json:"tekst,omitempty"`
	Omgeving   []string `json:"omgeving,omitempty"`
	Contact    []string `json:"contact,omitempty"`
	Woorden    []string `json:"woorden,omitempty"`
	Delen      []string `json:"delen,omitempty"`
	Prefix     string   `json:"prefix,omitempty"`
	Gebied     []string `json:"gebied,omitempty"`
	Wijk       []string `json:"wijk,omitempty"`
	Sector     []string `json:"sector,omitempty"`
	Thema      []string `json:"thema,omitempty"`
	Niveau     []string `json:"niveau,omitempty"`
	Hash       string   `json:"hash"`
	// Geo holds the card's places ("lat,lon"): its own, and those of the
	// locaties it is at that this audience may see.
	Geo []string `json:"geo,omitempty"`
	// Kaart is the card's own record (kaart.Zoekkaart.Node) as JSON,
	// stored and not indexed: a hit is answered with it, without reading
	// the store again.
	Kaart string `json:"kaart,omitempty"`
}

// allows reports whether an element is visible to every viewer that gets
// the card's document for audience a. For INTERN that viewer is the card's
// steward or its gemeente, so an INTERN element counts only when both of
// those may see it.
func allows(a kaart.Zichtbaarheid, e kaart.Bereik, card kaart.Zoekkaart) bool {
	switch e.Zichtbaarheid {
	case kaart.Openbaar:
		return true
	case kaart.Partners:
		return a != kaart.Openbaar
	}
	if a != kaart.Intern {
		return false
	}
	steward := card.Steward()
	return e.Gemeente != "" && e.Gemeente == card.Zelf.Gemeente && (e.Beheerder == steward || e.ID == steward)
}

// project returns the card's documents, keyed by document id. A card has a
// document for every audience that may see it; audiences that see the card
// alike share one document. Most cards are public through and through, and
// one document instead of three makes every search match a third of the
// documents it would.
func project(c kaart.Zoekkaart) map[string]*document {
	hash := cardHash(c)
	kaartJSON := storedNode(c.Node)
	out := map[string]*document{}
	alike := map[string]*document{} // content without Publiek → document
	for _, a := range audiences {
		// ea is the audience whose eyes judge the card's surroundings.
		ea := a
		switch a {
		case kaart.Intern:
		case zelf:
			if allows(kaart.Partners, c.Zelf, c) {
				continue
			}
			ea = kaart.Partners
		default:
			if !allows(a, c.Zelf, c) {
				continue
			}
		}
		d := &document{
			Card: c.ID, Type: c.Type, Gemeente: c.Zelf.Gemeente, Steward: c.Steward(), Hash: hash, Kaart: kaartJSON,
		}
		if a == zelf {
			d.Werkgebied = werkgebied(c)
		}
		var heads []string
		seen := map[string]bool{}
	texts:
		for _, t := range c.Teksten {
			for _, e := range t.Via {
				if !allows(ea, e, c) {
					continue texts
				}
			}
			key := t.Veld + "\x00" + t.Waarde
			if seen[key] {
				continue
			}
			seen[key] = true
			switch t.Veld {
			case "naam":
				d.Naam = t.Waarde
				heads = append(heads, t.Waarde)
				d.Woorden = append(d.Woorden, t.Waarde)
				d.Delen = append(d.Delen, t.Waarde)
			case "tekst":
				d.Tekst = append(d.Tekst, t.Waarde)
				d.Woorden = append(d.Woorden, t.Waarde)
				d.Delen = append(d.Delen, t.Waarde)
			case "omgeving":
				d.Omgeving = append(d.Omgeving, t.Waarde)
				d.Woorden = append(d.Woorden, t.Waarde)
			case "contact":
				d.Contact = append(d.Contact, strings.ToLower(t.Waarde))
				if ds := digits(t.Waarde); len(ds) >= 6 {
					d.Contact = append(d.Contact, ds)
					if strings.HasPrefix(t.Waarde, "+31") {
						// The national form people type: 030 …, 06 ….
						d.Contact = append(d.Contact, "0"+ds[2:])
					}
				}
			case "gebied":
				d.Gebied = append(d.Gebied, t.Waarde)
			case "wijk":
				d.Wijk = append(d.Wijk, t.Waarde)
			case "sector":
				d.Sector = append(d.Sector, t.Waarde)
			case "thema":
				d.Thema = append(d.Thema, strings.ToLower(t.Waarde))
			case "niveau":
				d.Niveau = append(d.Niveau, t.Waarde)
			case "punt":
				d.Geo = append(d.Geo, t.Waarde)
			}
		}
		if c.Zelf.Gemeente != "" {
			// A card is in its own gemeente, whatever it serves.
			d.Gebied = append(d.Gebied, c.Zelf.Gemeente)
		}
		d.Prefix = strings.Join(heads, " ")
		key, _ := json.Marshal(d)
		if same, ok := alike[string(key)]; ok {
			same.Publiek = append(same.Publiek, string(a))
			continue
		}
		alike[string(key)] = d
		d.Publiek = []string{string(a)}
		out[docID(c.ID, a)] = d
	}
	return out
}

// storedNode is a card's record as a document stores it, "" when the source
// handed none (then a hit is read from the store).
func storedNode(n kaart.Node) string {
	if n.Type == "" || n.Props == nil {
		return ""
	}
	b, err := json.Marshal(n.Props)
	if err != nil {
		return ""
	}
	return string(b)
}

// loadNode is the record a document stored, or false when it has none.
// Numbers stay json.Number, so no integer loses digits; kaart.Decode reads
// them as it reads the store's.
func loadNode(typ string, stored any) (kaart.Node, bool) {
	s, _ := stored.(string)
	if s == "" || typ == "" {
		return kaart.Node{}, false
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var props map[string]any
	if err := dec.Decode(&props); err != nil || props == nil {
		return kaart.Node{}, false
	}
	return kaart.Node{Type: typ, Props: props}, true
}

// werkgebied lists what places card c in a werkgebied, as the store's
// scope judges it: c's id, its gemeente, and every gebied c serves itself.
// Gebieden are no cards, so a gebied text reached in one step (one
// relationship, one record) is one c serves (BEDIENT); two steps lead to
// the gebieden above it or to those a functie of c serves.
func werkgebied(c kaart.Zoekkaart) []string {
	out := []string{c.ID}
	if c.Zelf.Gemeente != "" {
		out = append(out, c.Zelf.Gemeente)
	}
	for _, t := range c.Teksten {
		if t.Veld == "gebied" && len(t.Via) == 2 {
			out = append(out, t.Waarde)
		}
	}
	return out
}

// cardHash fingerprints everything a card's documents are made of, so check
// can tell a stale document from a current one.
func cardHash(c kaart.Zoekkaart) string {
	c.Versie = 0
	texts := make([]string, len(c.Teksten))
	for i, t := range c.Teksten {
		b, _ := json.Marshal(t)
		texts[i] = string(b)
	}
	sort.Strings(texts)
	c.Teksten = nil
	b, _ := json.Marshal(struct {
		Card  kaart.Zoekkaart
		Texts []string
	}{c, texts})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}
