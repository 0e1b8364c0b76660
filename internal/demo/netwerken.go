package demo

import "github.com/socialekaart/socialekaart/internal/kaart"

// netwerk is a Netwerk: a resident body or a professional or temporary
// network. gebieden are wijk slugs or full gebied ids; leden are the slugs
// of member organisations.
type netwerk struct {
	slug, naam, soort, beheerder string // beheerder: organisation slug
	gebieden                     []string
	themas, bereikt              []string
	loc                          string
	omschrijving                 string
	van, tot                     string
	zicht, email                 kaart.Zichtbaarheid // of the record and of its mailbox ("" = none)
	leden                        []string
	stale                        bool
}

var netwerken = []netwerk{
	{slug: "buurtcomite-tuindorp-oost", naam: "Buurtcomité Tuindorp Oost", soort: "BUURTCOMITE", beheerder: "wijkbureau-noordoost",
		gebieden: []string{buurtID("tuindorp-oost")}, themas: []string{"openbare-ruimte", "participatie"}, bereikt: []string{"bewoners"},
		loc: "buurthuis-tuindorp-oost", zicht: openbaar, email: openbaar},
	{slug: "buurtcomite-mulderstraat", naam: "Buurtcomité Mulderstraat", soort: "BUURTCOMITE", beheerder: "wijkbureau-zuid",
		gebieden: []string{"zuid"}, themas: []string{"openbare-ruimte"}, bereikt: []string{"bewoners"},
		zicht: openbaar, email: partners, stale: true},
	{slug: "bewonersvereniging-stolberglaan", naam: "Bewonersvereniging Stolberglaan", soort: "BEWONERSVERENIGING", beheerder: "wijkbureau-oost",
		gebieden: []string{"oost"}, themas: []string{"wonen", "participatie"}, bereikt: []string{"bewoners"}, zicht: openbaar, email: openbaar},
	{slug: "bewonersgroep-groen-pijlsweerd", naam: "Bewonersgroep Groen Pijlsweerd", soort: "BEWONERSGROEP", beheerder: "wijkbureau-noordwest",
		gebieden: []string{buurtID("pijlsweerd"), buurtID("ondiep")}, themas: []string{"openbare-ruimte"}, bereikt: []string{"bewoners", "kinderen"},
		loc: "buurthuis-ondiep", zicht: openbaar, email: partners},
	{slug: "moedernetwerk-overvecht", naam: "Moedernetwerk Overvecht", soort: "BEWONERSGROEP", beheerder: "lokalis",
		gebieden: []string{"overvecht"}, themas: []string{"jeugd", "onderwijs"}, bereikt: []string{"ouders-van-jonge-kinderen"},
		loc: "buurtcentrum-de-dreef", zicht: partners, email: partners,
		omschrijving: "Moeders die andere ouders in de buurt de weg wijzen naar school, consultatiebureau en buurtteam."},
	{slug: "sleutelfiguren-kanaleneiland", naam: "Sleutelfigurennetwerk Kanaleneiland", soort: "BEWONERSGROEP", beheerder: "dock",
		gebieden: []string{buurtID("kanaleneiland")}, themas: []string{"participatie", "veiligheid"}, bereikt: []string{"nieuwkomers", "jongeren"},
		loc: "wijkcentrum-kanaleneiland", zicht: partners,
		omschrijving: "Bewoners met een groot netwerk die bewoners bereiken die instanties niet bereiken."},
	{slug: "wijkalliantie", naam: "Wijkalliantie Utrecht", soort: "PROFESSIONEEL_NETWERK", beheerder: "buurtteamorganisatie",
		themas: []string{"participatie"}, zicht: openbaar, email: openbaar,
		omschrijving: "Wijkpartners die samen willen werken vanuit één wijkagenda en één portemonnee, met een basisinfrastructuur per wijk.",
		leden: []string{"buurtteamorganisatie", "lokalis", "jou", "dock", "handjehelpen", "sport-utrecht", "sterkz", "koos", "spoor030",
			"sterk-vo", "swv-po", "samen-veilig", "u-centraal", "ssj"}},
	{slug: "netwerk-eenzaamheid-zuid", naam: "Netwerk Eenzaamheid Zuid", soort: "PROFESSIONEEL_NETWERK", beheerder: "dock",
		gebieden: []string{"zuid"}, themas: []string{"eenzaamheid", "ouderen"}, bereikt: []string{"ouderen", "mantelzorgers"},
		loc: "wijkcentrum-lunetten", zicht: openbaar, email: partners,
		leden: []string{"dock", "handjehelpen", "careyn", "vecht-en-ijssel", "buurtteamorganisatie"}},
	{slug: "netwerk-jeugd-veiligheid-zuidwest", naam: "Netwerk Jeugd en Veiligheid Zuidwest", soort: "PROFESSIONEEL_NETWERK", beheerder: "wijkbureau-zuidwest",
		gebieden: []string{"zuidwest"}, themas: []string{"jeugd", "veiligheid"}, bereikt: []string{"jongeren"}, zicht: partners, email: intern,
		leden: []string{"jou", "ssj", "basisteam-zuid", "samen-veilig", "brede-school-kanaleneiland", "buurtteamorganisatie"}},
	{slug: "bewonersgroep-wittevrouwenbrug", naam: "Bewonersgroep Wittevrouwenbrug", soort: "TIJDELIJK_NETWERK", beheerder: "wijkbureau-noordoost",
		gebieden: []string{"noordoost", "oost", "binnenstad"}, themas: []string{"openbare-ruimte"}, bereikt: []string{"bewoners", "ondernemers"},
		van: "2023-01-01", tot: "2026-06-30", zicht: openbaar, email: openbaar,
		omschrijving: "Bewoners en winkeliers rond de brug op de grens van drie wijken, zolang de werkzaamheden duren."},
	{slug: "netwerk-nieuwkomers-leidsche-rijn", naam: "Netwerk Welkom Nieuwkomers Leidsche Rijn", soort: "TIJDELIJK_NETWERK", beheerder: "dock",
		gebieden: []string{"leidsche-rijn"}, themas: []string{"taal", "participatie"}, bereikt: []string{"nieuwkomers"},
		loc: "wijkcentrum-terwijde", van: "2024-03-01", tot: "2026-06-30", zicht: openbaar, email: partners,
		leden: []string{"dock", "taalhuis", "roc", "portaal"}},
}

// wijkraadNetwerken are the ten wijkraden, one per wijk.
func wijkraadNetwerken() []netwerk {
	var out []netwerk
	for _, w := range wijken {
		out = append(out, netwerk{
			slug: "wijkraad-" + w.slug, naam: "Wijkraad " + w.naam, soort: "WIJKRAAD", beheerder: "wijkbureau-" + w.slug,
			gebieden: []string{w.slug}, themas: []string{"participatie"}, bereikt: []string{"bewoners"},
			zicht: openbaar, email: openbaar, stale: w.slug == "vleuten-de-meern",
			omschrijving: "Onafhankelijk adviesorgaan van het college voor " + w.naam + "; bepaalt zelf waarover het adviseert.",
		})
	}
	return out
}

// netwerken adds the wijkraden and the other networks.
func (b *builder) netwerken() {
	for _, nw := range append(wijkraadNetwerken(), netwerken...) {
		id := nwID(nw.slug)
		beheerder := orgID(nw.beheerder)
		n := b.record("Netwerk", id, beheerder).
			set("naam", nw.naam).set("soort", nw.soort).set("omschrijving", nw.omschrijving).
			zicht(nw.zicht).geldig(nw.van, nw.tot)
		if nw.stale {
			n.stale()
		}
		b.linkAll("BEDIENT", id, gebiedIDs(nw.gebieden))
		b.linkAll("OVER_THEMA", id, prefixed(themaID, nw.themas))
		b.linkAll("BEREIKT", id, prefixed(doelID, nw.bereikt))
		if nw.loc != "" {
			b.link("OP_LOCATIE", id, locID(nw.loc))
		}
		for _, o := range nw.leden {
			b.link("LID_VAN", orgID(o), id).zicht(nw.zicht)
		}
		if nw.email != "" {
			b.contact(id, beheerder, "EMAIL", dots(nw.slug)+"@"+EmailDomain, "Secretariaat", nw.email)
		}
	}
	// Organisations that reach a group through a network of residents.
	b.link("BEREIKT", orgID("stipu"), nwID("sleutelfiguren-kanaleneiland")).zicht(partners)
	b.link("BEREIKT", orgID("lokalis"), nwID("moedernetwerk-overvecht")).zicht(partners)
	b.link("BEREIKT", orgID("dock"), nwID("buurtcomite-mulderstraat"))
}

// overleg is a meeting body with its chair and members.
type overleg struct {
	slug, naam, soort, karakter, frequentie, omschrijving string
	beheerder                                             string // organisation id
	voorzitter                                            string // id of a Functie, Persoon, Organisatie or Netwerk
	leden                                                 []lid
	gebieden                                              []string
	themas                                                []string
	opgaven                                               []string
	loc                                                   string
	zicht                                                 kaart.Zichtbaarheid
}

// wijkmanagementoverleg is led by the wijkregisseur; the diensten report
// there (sources §1.9).
func wijkmanagementoverleg(w, stadsbeheer, sociaal, veiligheid, teamchef, loc string) overleg {
	wk := wijkBySlug(w)
	return overleg{
		slug: "wijkmanagementoverleg-" + w, naam: "Wijkmanagementoverleg " + wk.naam, soort: "WIJKMANAGEMENTOVERLEG",
		karakter: "BESLOTEN", frequentie: "Tweewekelijks", beheerder: wijkbureau(w), voorzitter: funID("wijkregisseur", w),
		omschrijving: "Gemeentelijke afstemming in de wijk: alle nieuwe initiatieven op tafel, diensten melden afwijkingen.",
		leden: []lid{
			man(funID("wijkregisseur", w)).als("voorzitter"),
			man(funID("gebiedsmanager-stadsbeheer", stadsbeheer)),
			man(funID("sociaal-gebiedsmanager", sociaal)),
			man(funID("gebiedsmanager-wijkveiligheid", veiligheid)),
			man(funID("teamchef", teamchef)),
			fro(funID("wijkadviseur", w)).als("verslag"),
		},
		gebieden: []string{wijkID(w)}, themas: []string{"participatie", "openbare-ruimte"}, loc: loc, zicht: partners,
	}
}

var overleggen = []overleg{
	wijkmanagementoverleg("overvecht", "overvecht-noordwest", "cumulus", "noord", "noord", "wijkbureau-overvecht"),
	wijkmanagementoverleg("zuidwest", "west-zuidwest", "zuid-zuidwest-west", "west-zuid", "zuid", "wijkbureau-zuidwest"),
	wijkmanagementoverleg("noordwest", "overvecht-noordwest", "noordwest-leidsche-rijn-vleuten-de-meern", "noord", "noord", "wijkbureau-noordwest"),
	wijkmanagementoverleg("zuid", "zuid-binnenstad", "zuid-zuidwest-west", "west-zuid", "zuid", "wijkbureau-zuid"),
	{slug: "stuurgroep-overvecht", naam: "Stuurgroep Wijkaanpak Overvecht", soort: "STUURGROEP", karakter: "BESLOTEN", frequentie: "Eens per kwartaal",
		beheerder: wijkbureau("overvecht"), voorzitter: funID("wijkwethouder", "overvecht"),
		omschrijving: "Wethouder en bestuurders van corporaties en partners bewaken samen de lijn van de wijkaanpak.",
		leden: []lid{
			bes(funID("wijkwethouder", "overvecht")).als("voorzitter").key(),
			bes(funID("bestuurder-mitros")).key(), bes(funID("directeur-portaal")), bes(funID("bestuurder-buurtteamorganisatie")),
			bes(funID("bestuurder-lokalis")), bes(funID("districtchef-politie")),
			man(funID("directeur-wijken")).als("ambtelijk secretaris"),
			man(funID("wijkregisseur", "overvecht")),
		},
		gebieden: []string{wijkID("overvecht")}, themas: []string{"wonen", "participatie"}, opgaven: []string{"overvecht-samen"},
		loc: "wijkbureau-overvecht", zicht: partners},
	{slug: "programmateam-kanaleneiland", naam: "Programmateam Kanaleneiland", soort: "PROGRAMMATEAM", karakter: "BESLOTEN", frequentie: "Maandelijks",
		beheerder: wijkbureau("zuidwest"), voorzitter: funID("wijkregisseur", "zuidwest"),
		omschrijving: "Diensten en corporatie werken samen aan de prioriteiten van het wijkactieprogramma.",
		leden: []lid{
			man(funID("wijkregisseur", "zuidwest")).als("programmamanager"),
			man(funID("gebiedsmanager-mitros-zuidwest")).key(), man(funID("manager-dock-west-zuidwest")),
			man(funID("teamchef", "zuid")), man(funID("sociaal-gebiedsmanager", "zuid-zuidwest-west")),
			man(funID("gebiedsmanager-stadsbeheer", "west-zuidwest")), man(funID("teammanager-buurtteam", "zuidwest")),
		},
		gebieden: []string{buurtID("kanaleneiland")}, themas: []string{"veiligheid", "jeugd", "wonen"}, opgaven: []string{"veilig-kanaleneiland", "pleinen-kanaleneiland"},
		loc: "wijkcentrum-kanaleneiland", zicht: partners},
	{slug: "wijktafel-leidsche-rijn", naam: "Wijktafel Leidsche Rijn", soort: "WIJKTAFEL", karakter: "DEELS_OPENBAAR", frequentie: "Tweemaal per jaar",
		beheerder: wijkbureau("leidsche-rijn"), voorzitter: funID("wijkwethouder", "leidsche-rijn"),
		omschrijving: "Toekomstgericht gesprek over de opgaven van de wijk; besloten, met een openbaar deel aan het eind. Levert het wijkactieplan op.",
		leden: []lid{
			bes(funID("wijkwethouder", "leidsche-rijn")).als("voorzitter"),
			bes(funID("voorzitter-ondernemersvereniging-leidsche-rijn")),
			man(funID("wijkregisseur", "leidsche-rijn")), man(funID("manager-dock-zuid-leidsche-rijn")), man(orgID("portaal")),
			fro(nwID("wijkraad-leidsche-rijn")), fro(funID("sociaal-makelaar", "leidsche-rijn")), fro(funID("jongerenwerker", "leidsche-rijn")),
		},
		gebieden: []string{wijkID("leidsche-rijn")}, themas: []string{"participatie", "jeugd"}, opgaven: []string{"jong-in-leidsche-rijn"},
		loc: "wijkcentrum-terwijde", zicht: openbaar},
	{slug: "handhavingsoverleg-binnenstad", naam: "Handhavingsoverleg Binnenstad", soort: "HANDHAVINGSOVERLEG", karakter: "BESLOTEN", frequentie: "Wekelijks",
		beheerder: orgID("veiligheid"), voorzitter: funID("gebiedsmanager-wijkveiligheid", "centrum"),
		leden: []lid{
			man(funID("gebiedsmanager-wijkveiligheid", "centrum")).als("voorzitter"),
			man(funID("teamchef", "centrum")), man(funID("wijkregisseur", "binnenstad")),
			fro(funID("wijkagent", "wijk-c")), fro(funID("wijkagent", "museumkwartier")),
			fro(funID("wijkveiligheidsmedewerker", "binnenstad")), fro(funID("accountmanager-ondernemers", "noord-oost")),
		},
		gebieden: []string{wijkID("binnenstad")}, themas: []string{"veiligheid"}, opgaven: []string{"binnenstad-leefbaar-veilig"},
		loc: "politiebureau-kroonstraat", zicht: intern},
	{slug: "wijkoverleg-west", naam: "Wijkoverleg West", soort: "WIJKOVERLEG", karakter: "OPENBAAR", frequentie: "Maandelijks",
		beheerder: wijkbureau("west"), voorzitter: "prs:voorzitter-wijkraad-west",
		omschrijving: "Openbaar overleg van wijkraad, bewoners en professionals over wat in West speelt.",
		leden: []lid{
			fro(nwID("wijkraad-west")), man(funID("wijkregisseur", "west")), fro(funID("wijkadviseur", "west")),
			fro(funID("sociaal-makelaar", "west")), fro(funID("wijkagent", "lombok")), fro(orgID("het-wilde-westen")),
		},
		gebieden: []string{wijkID("west")}, themas: []string{"participatie"}, loc: "buurthuis-lombok", zicht: openbaar},
	{slug: "wijkgarage", naam: "Wijkgarage", soort: "OVERIG", karakter: "BESLOTEN", frequentie: "Op afroep, binnen een week",
		beheerder: orgID("wijken"), voorzitter: funID("directeur-wijken"),
		omschrijving: "Besluit over vastgelopen wijkvraagstukken net onder het niveau van de concerndirecteuren, zodat wethouders niet te vroeg op scherp worden gezet.",
		leden: []lid{
			man(funID("directeur-wijken")).als("voorzitter"), man(funID("directeur-mo")),
			man(funID("directeur-stadsbeheer")), man(funID("programmadirecteur-veiligheid")),
		},
		gebieden: []string{GemeenteID}, themas: []string{"participatie"}, loc: "stadskantoor", zicht: intern},
}

// overleggen adds the meeting bodies, their chairs and members, and the
// escalation from the wijkmanagementoverleggen to the wijkgarage.
func (b *builder) overleggen() {
	for _, o := range overleggen {
		id := overlegID(o.slug)
		b.record("Overleg", id, o.beheerder).
			set("naam", o.naam).set("soort", o.soort).set("karakter", o.karakter).
			set("frequentie", o.frequentie).set("omschrijving", o.omschrijving).zicht(o.zicht)
		b.link("VOORZITTER_VAN", b.resolve(o.voorzitter), id).zicht(o.zicht)
		b.leden(id, o.leden, o.zicht, "")
		b.linkAll("BEDIENT", id, o.gebieden)
		b.linkAll("OVER_THEMA", id, prefixed(themaID, o.themas))
		b.linkAll("GAAT_OVER", id, prefixed(opgaveID, o.opgaven))
		if o.loc != "" {
			b.link("OP_LOCATIE", id, locID(o.loc))
		}
		if o.soort == "WIJKMANAGEMENTOVERLEG" {
			b.link("ESCALEERT_NAAR", id, overlegID("wijkgarage")).set("spoor", "AMBTELIJK").set("volgorde", 1).zicht(partners)
		}
	}
	b.link("ESCALEERT_NAAR", overlegID("wijkgarage"), funID("algemeen-directeur")).set("spoor", "AMBTELIJK").set("volgorde", 2).zicht(partners)
	b.afspraken(losseAfspraken)
}
