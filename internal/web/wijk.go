package web

import (
	"context"
	"net/url"
	"sort"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// The "waarvoor bij wie" of a wijk (sources §4 need 2: "Wijkwethouder +
// wijkmanager + wijkraad + wijkbureau + wijkagent: waarvoor bij wie zijn?"),
// derived from the graph with lists and neighbours. When the kaart's own
// WaarvoorBijWie question is ready, loketVan can ask it instead.

// Sleutelrollen are the key roles of a wijk, in the order a resident reads them.
var Sleutelrollen = []string{"wijkbureau", "wijkregisseur", "wijkwethouder", "wijkagent", "wijkraad"}

// rolVanFunctie maps Functie.rol onto a key role.
var rolVanFunctie = map[string]string{
	"WIJKREGISSEUR": "wijkregisseur",
	"WIJKWETHOUDER": "wijkwethouder",
	"WIJKAGENT":     "wijkagent",
}

// loket is the "waarvoor bij wie" card of one wijk.
type loket struct {
	Wijk      link
	WijkID    string
	Rollen    []loketRol
	Onbekend  []string // key roles nobody visible fills
	Buurten   []link
	ZoekenURL string
}

// loketRol is one key role and who fills it.
type loketRol struct {
	Rol      string // catalogue key below rol.
	Wie      []loketWie
	Waarvoor string
}

// loketWie is one Functie, Netwerk or Organisatie in a key role.
type loketWie struct {
	Naam     string
	URL      string
	Extra    string // the buurt a wijkagent works in, the organisation
	Personen []link
	Kanalen  []kanaal
	Locatie  *adres
}

// wijkenVan returns the wijken the gebieden lie in or make up: a wijk
// itself, the wijk of a buurt, the wijken of a dienstgebied. A gemeente
// gives none: that is the whole city.
func wijkenVan(ctx context.Context, k Kaart, gebieden []kaart.Node) ([]kaart.Node, error) {
	var wijken []kaart.Node
	var buurten, diensten []string
	for _, g := range gebieden {
		switch prop(g, "soort") {
		case "WIJK":
			wijken = append(wijken, g)
		case "BUURT":
			buurten = append(buurten, g.ID())
		case "DIENSTGEBIED":
			diensten = append(diensten, g.ID())
		}
	}
	ouders, err := buren(ctx, k, "DEEL_VAN", true, buurten, "Gebied")
	if err != nil {
		return nil, err
	}
	omvat, err := buren(ctx, k, "OMVAT", true, diensten, "Gebied")
	if err != nil {
		return nil, err
	}
	for _, m := range []map[string][]kaart.Node{ouders, omvat} {
		for _, list := range m {
			for _, g := range list {
				if prop(g, "soort") == "WIJK" {
					wijken = append(wijken, g)
				}
			}
		}
	}
	seen := map[string]bool{}
	var out []kaart.Node
	for _, w := range wijken {
		if !seen[w.ID()] {
			seen[w.ID()] = true
			out = append(out, w)
		}
	}
	sort.Slice(out, func(i, j int) bool { return naamVan(out[i]) < naamVan(out[j]) })
	return out, nil
}

// loketVan builds the "waarvoor bij wie" of wijk w.
func loketVan(ctx context.Context, k Kaart, lang Lang, w kaart.Node) (*loket, error) {
	l := &loket{Wijk: link{Naam: naamVan(w), URL: pagePath("Gebied", w.ID())}, WijkID: w.ID(),
		ZoekenURL: "/?gebied=" + url.QueryEscape(w.ID())}
	var buurtMap map[string][]kaart.Node
	var bureau *kaart.Node
	var g group
	g.buren(ctx, k, &buurtMap, "DEEL_VAN", false, []string{w.ID()}, "Gebied")
	// The wijkbureau is the wijk's steward, else the employer of its wijkregisseur.
	if b := prop(w, "beheerder"); b != "" {
		g.Go(func() error {
			got, err := k.Get(ctx, []string{"Organisatie"}, []string{b})
			if n, ok := got[b]; ok && current(n.Props) {
				bureau = &n
			}
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	buurten := buurtMap[w.ID()]
	l.Buurten = links(buurten)
	ids := []string{w.ID()}
	buurtNaam := map[string]string{}
	for _, b := range buurten {
		ids = append(ids, b.ID())
		buurtNaam[b.ID()] = naamVan(b)
	}
	bedient, err := buren(ctx, k, "BEDIENT", false, ids, "Functie", "Netwerk")
	if err != nil {
		return nil, err
	}
	// wie holds the records of each key role, with the buurt they serve.
	type rec struct {
		n     kaart.Node
		buurt string
	}
	wie := map[string][]rec{}
	seen := map[string]bool{}
	for _, gid := range ids {
		for _, n := range bedient[gid] {
			var rol string
			switch n.Type {
			case "Functie":
				rol = rolVanFunctie[prop(n, "rol")]
			case "Netwerk":
				if prop(n, "soort") == "WIJKRAAD" {
					rol = "wijkraad"
				}
			}
			if rol == "" || seen[n.ID()] {
				continue
			}
			seen[n.ID()] = true
			wie[rol] = append(wie[rol], rec{n: n, buurt: buurtNaam[gid]})
		}
	}
	var functies []string
	for _, r := range wie["wijkregisseur"] {
		functies = append(functies, r.n.ID())
	}
	for _, r := range append(wie["wijkwethouder"], wie["wijkagent"]...) {
		functies = append(functies, r.n.ID())
	}
	if bureau == nil && len(wie["wijkregisseur"]) > 0 {
		werkgever, err := buren(ctx, k, "FUNCTIE_BIJ", true, []string{wie["wijkregisseur"][0].n.ID()}, "Organisatie")
		if err != nil {
			return nil, err
		}
		if orgs := werkgever[wie["wijkregisseur"][0].n.ID()]; len(orgs) > 0 {
			bureau = &orgs[0]
		}
	}
	contactIDs := append([]string{}, functies...)
	for _, r := range wie["wijkraad"] {
		contactIDs = append(contactIDs, r.n.ID())
	}
	var contact, bekleders, bureauLoc map[string][]kaart.Node
	if bureau != nil {
		contactIDs = append(contactIDs, bureau.ID())
		g.buren(ctx, k, &bureauLoc, "OP_LOCATIE", true, []string{bureau.ID()}, "Locatie")
	}
	g.buren(ctx, k, &contact, "HEEFT_CONTACT", true, contactIDs, "Contactgegeven")
	g.buren(ctx, k, &bekleders, "BEKLEEDT", false, functies, "Persoon")
	if err := g.Wait(); err != nil {
		return nil, err
	}

	for _, rol := range Sleutelrollen {
		lr := loketRol{Rol: rol, Waarvoor: T(lang, "rol."+rol+".waarvoor")}
		if rol == "wijkbureau" {
			if bureau != nil {
				lw := loketWie{Naam: naamVan(*bureau), URL: pagePath("Organisatie", bureau.ID()), Kanalen: kanalen(contact[bureau.ID()])}
				if locs := bureauLoc[bureau.ID()]; len(locs) > 0 {
					lw.Locatie = adresVan(locs[0])
				}
				lr.Wie = append(lr.Wie, lw)
			}
		} else {
			recs := wie[rol]
			sort.SliceStable(recs, func(i, j int) bool { return recs[i].buurt < recs[j].buurt })
			for _, r := range recs {
				lw := loketWie{Naam: naamVan(r.n), URL: pagePath(r.n.Type, r.n.ID()), Extra: r.buurt,
					Personen: links(bekleders[r.n.ID()]), Kanalen: kanalen(contact[r.n.ID()])}
				lr.Wie = append(lr.Wie, lw)
			}
		}
		if len(lr.Wie) == 0 {
			l.Onbekend = append(l.Onbekend, T(lang, "rol."+rol))
			continue
		}
		l.Rollen = append(l.Rollen, lr)
	}
	return l, nil
}
