package demo

import (
	"fmt"
	"strings"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Invented names. Person i gets voornamen[i*7 mod 45] and
// achternamen[i*11 mod 47]; 45 and 47 are coprime, so the first 2115
// persons all get different names. The surnames are made up for this demo.
var voornamen = []string{
	"Anouk", "Bram", "Fatima", "Daan", "Sanne", "Youssef", "Lotte", "Mehmet", "Ilse",
	"Jeroen", "Naima", "Koen", "Esra", "Thijs", "Hanneke", "Rachid", "Femke", "Sven",
	"Priya", "Wouter", "Latifa", "Ruben", "Noor", "Hasan", "Eline", "Joost", "Chantal",
	"Mustafa", "Roos", "Gerrit", "Yasmina", "Pieter", "Inge", "Kofi", "Marloes", "Dennis",
	"Soraya", "Jelle", "Lieke", "Emre", "Miriam", "Stefan", "Aïcha", "Tim", "Nadia",
}

var achternamen = []string{
	"Wijkstra", "Pleinsma", "van Buurtlo", "de Kaartere", "Straathof", "Verbindt", "Hofwegen",
	"van Steegen", "Brugsma", "Singelaar", "Grachtema", "Kanaalstra", "van Dommelsteyn",
	"Vechtmans", "Lindenhoek", "de Hoogwerf", "Oudewerf", "Rijnsbeek", "van Zuilenburg",
	"Domhof", "Stadsma", "Nieuwkerker", "ter Maaten", "Bosschaart", "van Overhoven",
	"Dreefsma", "Lombeek", "van Hoograef", "Kromhoek", "Wervelink", "Netwerda", "Brinkhorst",
	"van Catharijnen", "Leidsweerd", "Vleuterink", "Meernsma", "van Rijnhove", "Ostadema",
	"Swindenberg", "Biltsma", "Ondiepen", "Pijlsweert", "Schepenaar", "Bokkema",
	"van Lunetteren", "Transwijck", "Kanaleman",
}

// persoon describes one invented person.
type persoon struct {
	zicht         kaart.Zichtbaarheid
	grondslag     string
	ambtsdrager   bool
	sleutelfiguur bool
	toestemmingOp string // date of consent, for grondslag TOESTEMMING
	beheerder     string
}

// Shorthands for the usual kinds of person.
func ambtenaar(z kaart.Zichtbaarheid, beheerder string) persoon {
	return persoon{zicht: z, grondslag: "PUBLIEKE_TAAK", beheerder: beheerder}
}

func professional(z kaart.Zichtbaarheid, beheerder string) persoon {
	return persoon{zicht: z, grondslag: "GERECHTVAARDIGD_BELANG", beheerder: beheerder}
}

func ambtsdrager(beheerder string) persoon {
	return persoon{zicht: openbaar, grondslag: "PUBLIEKE_TAAK", ambtsdrager: true, beheerder: beheerder}
}

func bewoner(z kaart.Zichtbaarheid, beheerder, op string, sleutelfiguur bool) persoon {
	return persoon{zicht: z, grondslag: "TOESTEMMING", sleutelfiguur: sleutelfiguur, toestemmingOp: op, beheerder: beheerder}
}

// persoon adds the next invented person and returns its id, utr-prs-NNN.
func (b *builder) persoon(p persoon) string {
	i := b.nPerson
	b.nPerson++
	id := fmt.Sprintf("utr-prs-%03d", b.nPerson)
	naam := voornamen[i*7%len(voornamen)] + " " + achternamen[i*11%len(achternamen)]
	n := b.record("Persoon", id, p.beheerder).
		set("naam", naam).set("grondslag", p.grondslag).
		set("publiekAmbtsdrager", p.ambtsdrager).set("sleutelfiguur", p.sleutelfiguur).
		zicht(p.zicht)
	switch {
	case p.grondslag == "TOESTEMMING":
		// The person gives consent for themselves, and is only recorded
		// from that day; consent from before mid-2022 was never renewed.
		n.set("toestemmingGegevenDoor", naam).set("toestemmingGegevenOp", p.toestemmingOp).
			set("toestemmingZichtbaarheid", string(p.zicht))
		if p.toestemmingOp < "2022-06-01" {
			n.stale()
		}
		n.createdOn(p.toestemmingOp)
	case i%17 == 9:
		n.stale()
	}
	return id
}

// functie describes a role at an organisation. Contact channels: email and
// tel give the zichtbaarheid of a functional mailbox and number ("" = none).
type functie struct {
	id, titel, rol string
	niveau         kaart.Niveau
	org            string // organisation id
	gebieden       []string
	themas         []string
	aanspreekpunt  bool
	omschrijving   string
	mailbox        string // local part of the mailbox
	email, tel     kaart.Zichtbaarheid
	zicht          kaart.Zichtbaarheid // of the Functie itself; "" = OPENBAAR
}

// functie adds a Functie with its owner, gebieden, themes and contacts.
func (b *builder) functie(f functie) string {
	n := b.record("Functie", f.id, f.org).
		set("titel", f.titel).set("rol", f.rol).set("niveau", string(f.niveau)).
		set("aanspreekpunt", f.aanspreekpunt).set("omschrijving", f.omschrijving)
	if f.zicht != "" {
		n.zicht(f.zicht)
	}
	b.link("FUNCTIE_BIJ", f.id, f.org)
	b.linkAll("BEDIENT", f.id, f.gebieden)
	b.linkAll("OVER_THEMA", f.id, prefixed(themaID, f.themas))
	if f.email != "" {
		local := f.mailbox
		if local == "" {
			local = slug(f.titel)
		}
		b.contact(f.id, f.org, "EMAIL", dots(local)+"@"+EmailDomain, "Functiemailbox", f.email)
	}
	if f.tel != "" {
		b.contact(f.id, f.org, "TELEFOON", b.telefoon(f.tel), "Telefoon "+f.titel, f.tel)
	}
	return f.id
}

// telefoon returns a demo number fit for its zichtbaarheid: a public number
// is a fixed line, a number for partners or staff only a mobile one.
func (b *builder) telefoon(z kaart.Zichtbaarheid) string {
	if z == openbaar {
		return b.orgTelefoon()
	}
	return b.mobiel()
}

// dots turns an id part into the local part of a mailbox: "wijkbureau-zuid" → "wijkbureau.zuid".
func dots(s string) string { return strings.ReplaceAll(s, "-", ".") }

// bezet links a person to a role. van and tot may be empty.
func (b *builder) bezet(persoonID, functieID, van, tot string) {
	z := b.zichtOf(persoonID)
	b.link("BEKLEEDT", persoonID, functieID).zicht(z).geldig(van, tot)
	if tot == "" {
		b.holders[functieID] = append(b.holders[functieID], persoonID)
	}
}

// rolMet adds a role and one new person holding it since van.
func (b *builder) rolMet(f functie, p persoon, van string) string {
	b.functie(f)
	id := b.persoon(p)
	b.bezet(id, f.id, van, "")
	return id
}

// zichtOf returns the zichtbaarheid of a record already added.
func (b *builder) zichtOf(id string) kaart.Zichtbaarheid {
	n, ok := b.nodes[id]
	if !ok {
		panic("demo: no record " + id)
	}
	return kaart.Zichtbaarheid(n["zichtbaarheid"].(string))
}

// holder returns the (first) current holder of a role.
func (b *builder) holder(functieID string) string {
	h := b.holders[functieID]
	if len(h) == 0 {
		panic("demo: nobody holds " + functieID)
	}
	return h[0]
}

// Which partner works where in this demo.
var (
	welzijnIn = map[string]string{
		"overvecht": "lokalis", "noordoost": "lokalis", "oost": "lokalis", "binnenstad": "lokalis", "noordwest": "lokalis",
		"west": "dock", "zuidwest": "dock", "zuid": "dock", "leidsche-rijn": "dock", "vleuten-de-meern": "dock",
	}
	corporatieIn = map[string]string{
		"overvecht": "mitros", "zuidwest": "mitros", "noordoost": "mitros", "binnenstad": "mitros", "oost": "ssh",
		"noordwest": "portaal", "west": "portaal", "leidsche-rijn": "portaal", "zuid": "bo-ex", "vleuten-de-meern": "bo-ex",
	}
	basisteamIn = map[string]string{
		"overvecht": "basisteam-noord", "noordwest": "basisteam-noord", "noordoost": "basisteam-noord",
		"binnenstad": "basisteam-centrum", "oost": "basisteam-centrum",
		"west": "basisteam-west", "leidsche-rijn": "basisteam-west", "vleuten-de-meern": "basisteam-west",
		"zuid": "basisteam-zuid", "zuidwest": "basisteam-zuid",
	}
)

// wethouder is a member of the college: one portefeuille and one or more wijken.
type wethouder struct {
	slug, titel string
	themas      []string
	wijken      []string
}

var wethouders = []wethouder{
	{"welzijn-zorg-jeugd", "Wethouder Welzijn, Zorg en Jeugd", []string{"jeugd", "ouderen", "gezondheid", "eenzaamheid"}, []string{"overvecht", "zuidwest"}},
	{"wonen", "Wethouder Wonen en Ruimtelijke Ordening", []string{"wonen"}, []string{"noordwest", "west"}},
	{"werk-inkomen", "Wethouder Werk, Inkomen en Armoede", []string{"werk-en-inkomen", "armoede-en-schulden"}, []string{"zuid"}},
	{"onderwijs-sport-cultuur", "Wethouder Onderwijs, Sport en Cultuur", []string{"onderwijs", "sport-en-bewegen", "cultuur"}, []string{"leidsche-rijn", "vleuten-de-meern"}},
	{"economie-openbare-ruimte", "Wethouder Economische Zaken en Openbare Ruimte", []string{"ondernemen", "openbare-ruimte"}, []string{"binnenstad", "oost"}},
	{"participatie-wijken", "Wethouder Participatie, Wijken en Duurzaamheid", []string{"participatie", "informele-zorg"}, []string{"noordoost"}},
}

// personen adds the college, the roles in every wijk, the stedelijke roles
// of gemeente and partners, the opted-in residents, and the escalation lines.
func (b *builder) personen() {
	b.college()
	for _, w := range wijken {
		b.wijkRollen(w)
	}
	b.stedelijkeRollen()
	b.partnerRollen()
	b.bewoners()
	b.escalatie()
	b.kennissen()
}

// college adds the burgemeester and the wethouders, each with a vak- and
// one or more wijkportefeuilles. They are public office-holders.
func (b *builder) college() {
	col := orgID("college")
	b.rolMet(functie{id: funID("burgemeester"), titel: "Burgemeester", rol: "BURGEMEESTER", niveau: kaart.Bestuurlijk,
		org: col, gebieden: []string{GemeenteID}, themas: []string{"veiligheid"}, aanspreekpunt: true,
		mailbox: "burgemeester", email: openbaar}, ambtsdrager(col), "2023-09-01")
	for _, w := range wethouders {
		p := b.persoon(ambtsdrager(col))
		vak := b.functie(functie{id: funID("wethouder", w.slug), titel: w.titel, rol: "VAKWETHOUDER", niveau: kaart.Bestuurlijk,
			org: col, gebieden: []string{GemeenteID}, themas: w.themas, aanspreekpunt: true,
			mailbox: "wethouder." + w.slug, email: openbaar})
		b.bezet(p, vak, "2022-06-01", "")
		for _, s := range w.wijken {
			wk := wijkBySlug(s)
			f := b.functie(functie{id: funID("wijkwethouder", s), titel: "Wijkwethouder " + wk.naam, rol: "WIJKWETHOUDER",
				niveau: kaart.Bestuurlijk, org: col, gebieden: []string{wijkID(s)}, themas: []string{"participatie"}, aanspreekpunt: true,
				omschrijving: "Ogen en oren van het bestuur in de wijk; houdt wijkspreekuur.",
				mailbox:      "wijkwethouder." + s, email: openbaar})
			b.bezet(p, f, "2022-06-01", "")
		}
	}
}

// wijkRollen adds the roles every wijk has, each with its holder(s).
func (b *builder) wijkRollen(w wijk) {
	s, naam, wid := w.slug, w.naam, wijkID(w.slug)
	wb := wijkbureau(s)
	welzijn, corporatie, basisteam := orgID(welzijnIn[s]), orgID(corporatieIn[s]), orgID(basisteamIn[s])
	bto := orgID("buurtteamorganisatie")

	b.rolMet(functie{id: funID("wijkregisseur", s), titel: "Wijkregisseur " + naam, rol: "WIJKREGISSEUR", niveau: kaart.Managerial,
		org: wb, gebieden: []string{wid}, themas: []string{"participatie", "openbare-ruimte", "veiligheid"}, aanspreekpunt: true,
		omschrijving: "Het gezicht van de gemeente in de wijk en eerste aanspreekpunt voor bewoners, ondernemers en partners.",
		mailbox:      "wijkregisseur." + s, email: openbaar, tel: partners}, ambtenaar(openbaar, wb), "2021-03-01")
	b.rolMet(functie{id: funID("wijkadviseur", s), titel: "Wijkadviseur " + naam, rol: "ADVISEUR_WIJKGERICHT_WERKEN", niveau: kaart.Frontlijn,
		org: wb, gebieden: []string{wid}, themas: []string{"participatie"},
		mailbox: "wijkadviseur." + s, email: partners}, ambtenaar(partners, wb), "2023-01-01")
	for _, buurt := range w.buurten[:2] {
		bid := buurtID(slug(buurt))
		b.rolMet(functie{id: funID("wijkagent", slug(buurt)), titel: "Wijkagent " + buurt, rol: "WIJKAGENT", niveau: kaart.Frontlijn,
			org: basisteam, gebieden: []string{bid}, themas: []string{"veiligheid"}, aanspreekpunt: true,
			mailbox: "wijkagent." + slug(buurt), email: openbaar, tel: intern}, ambtenaar(openbaar, basisteam), "2022-09-01")
	}
	b.rolMet(functie{id: funID("sociaal-makelaar", s), titel: "Sociaal makelaar " + naam, rol: "SOCIAAL_MAKELAAR", niveau: kaart.Frontlijn,
		org: welzijn, gebieden: []string{wid}, themas: []string{"participatie", "eenzaamheid"}, aanspreekpunt: true,
		omschrijving: "Ondersteunt bewonersinitiatieven en verbindt bewoners met elkaar.",
		mailbox:      "sociaalmakelaar." + s, email: openbaar, tel: partners}, professional(partners, welzijn), "2023-04-01")

	bt := b.functie(functie{id: funID("buurtteam", s), titel: "Buurtteammedewerker " + naam, rol: "BUURTTEAMMEDEWERKER", niveau: kaart.Frontlijn,
		org: bto, gebieden: []string{wid}, themas: []string{"armoede-en-schulden", "jeugd", "gezondheid"}, aanspreekpunt: true,
		omschrijving: "Het buurtteam helpt bij vragen over geld, opvoeden, gezondheid en meedoen.",
		mailbox:      "buurtteam." + s, email: openbaar, tel: openbaar})
	if w.nr%2 == 0 {
		// A former holder: the role, not the person, is the aanspreekpunt.
		b.bezet(b.persoon(professional(intern, bto)), bt, "2020-02-01", "2024-06-30")
	}
	b.bezet(b.persoon(professional(partners, bto)), bt, "2021-09-01", "")
	b.bezet(b.persoon(professional(partners, bto)), bt, "2024-07-01", "")

	b.rolMet(functie{id: funID("jongerenwerker", s), titel: "Jongerenwerker " + naam, rol: "JONGERENWERKER", niveau: kaart.Frontlijn,
		org: orgID("jou"), gebieden: []string{wid}, themas: []string{"jeugd"}, aanspreekpunt: true,
		mailbox: "jongerenwerk." + s, email: openbaar, tel: partners}, professional(partners, orgID("jou")), "2022-01-01")
	b.rolMet(functie{id: funID("wijkconsulent", s), titel: "Wijkconsulent " + naam, rol: "WIJKCONSULENT", niveau: kaart.Frontlijn,
		org: corporatie, gebieden: []string{wid}, themas: []string{"wonen"},
		mailbox: "wijkconsulent." + s, email: partners}, professional(partners, corporatie), "2022-05-01")
	b.rolMet(functie{id: funID("teammanager-buurtteam", s), titel: "Teammanager buurtteams " + naam, rol: "MANAGER", niveau: kaart.Managerial,
		org: bto, gebieden: []string{wid}, themas: []string{"armoede-en-schulden", "jeugd"},
		mailbox: "teammanager." + s, email: partners, zicht: partners}, professional(intern, bto), "2022-10-01")
}

// stedelijkeRollen adds the directors, gebiedsmanagers and other roles of
// the gemeente that serve more than one wijk.
func (b *builder) stedelijkeRollen() {
	type rol struct {
		id, titel, rol string
		niveau         kaart.Niveau
		org            string
		gebieden       []string
		themas         []string
		aanspreekpunt  bool
		email, tel     kaart.Zichtbaarheid
		zicht          kaart.Zichtbaarheid
	}
	wk := func(slugs ...string) []string { return prefixed(wijkID, slugs) }
	dg := func(slugs ...string) []string { return prefixed(dienstgebiedID, slugs) }
	gm := []string{GemeenteID}
	rollen := []rol{
		{funID("algemeen-directeur"), "Algemeen directeur (gemeentesecretaris)", "DIRECTEUR", kaart.Managerial, orgID("gemeente"), gm, nil, false, partners, "", openbaar},
		{funID("directeur-wijken"), "Directeur Wijken", "DIRECTEUR", kaart.Managerial, orgID("wijken"), gm, []string{"participatie"}, true, partners, "", partners},
		{funID("directeur-mo"), "Directeur Maatschappelijke Ontwikkeling", "DIRECTEUR", kaart.Managerial, orgID("mo"), gm, []string{"jeugd", "ouderen"}, false, partners, "", partners},
		{funID("directeur-stadsbeheer"), "Directeur Stadsbeheer", "DIRECTEUR", kaart.Managerial, orgID("stadsbeheer"), gm, []string{"openbare-ruimte"}, false, partners, "", partners},
		{funID("programmadirecteur-veiligheid"), "Programmadirecteur Veiligheid", "DIRECTEUR", kaart.Managerial, orgID("veiligheid"), gm, []string{"veiligheid"}, false, partners, "", partners},
		{funID("gebiedsmanager-stadsbeheer", "noordoost-oost"), "Gebiedsmanager Stadsbeheer Noordoost en Oost", "GEBIEDSMANAGER", kaart.Managerial, orgID("stadsbeheer"), wk("noordoost", "oost"), []string{"openbare-ruimte"}, true, openbaar, partners, partners},
		{funID("gebiedsmanager-stadsbeheer", "overvecht-noordwest"), "Gebiedsmanager Stadsbeheer Overvecht en Noordwest", "GEBIEDSMANAGER", kaart.Managerial, orgID("stadsbeheer"), wk("overvecht", "noordwest"), []string{"openbare-ruimte"}, true, openbaar, partners, partners},
		{funID("gebiedsmanager-stadsbeheer", "west-zuidwest"), "Gebiedsmanager Stadsbeheer West en Zuidwest", "GEBIEDSMANAGER", kaart.Managerial, orgID("stadsbeheer"), wk("west", "zuidwest"), []string{"openbare-ruimte"}, true, openbaar, partners, partners},
		{funID("gebiedsmanager-stadsbeheer", "zuid-binnenstad"), "Gebiedsmanager Stadsbeheer Zuid en Binnenstad", "GEBIEDSMANAGER", kaart.Managerial, orgID("stadsbeheer"), wk("zuid", "binnenstad"), []string{"openbare-ruimte"}, true, openbaar, partners, partners},
		{funID("gebiedsmanager-stadsbeheer", "leidsche-rijn-vleuten-de-meern"), "Gebiedsmanager Stadsbeheer Leidsche Rijn en Vleuten-De Meern", "GEBIEDSMANAGER", kaart.Managerial, orgID("stadsbeheer"), dg("leidsche-rijn-vleuten-de-meern"), []string{"openbare-ruimte"}, true, openbaar, partners, partners},
		{funID("sociaal-gebiedsmanager", "cumulus"), "Sociaal gebiedsmanager Gebied Cumulus", "GEBIEDSMANAGER", kaart.Managerial, orgID("mo"), dg("cumulus"), []string{"jeugd", "participatie"}, true, partners, intern, partners},
		{funID("sociaal-gebiedsmanager", "zuid-zuidwest-west"), "Sociaal gebiedsmanager Zuid, Zuidwest en West", "GEBIEDSMANAGER", kaart.Managerial, orgID("mo"), wk("zuid", "zuidwest", "west"), []string{"jeugd", "participatie"}, true, partners, intern, partners},
		{funID("sociaal-gebiedsmanager", "noordwest-leidsche-rijn-vleuten-de-meern"), "Sociaal gebiedsmanager Noordwest, Leidsche Rijn en Vleuten-De Meern", "GEBIEDSMANAGER", kaart.Managerial, orgID("mo"), wk("noordwest", "leidsche-rijn", "vleuten-de-meern"), []string{"jeugd", "participatie"}, true, partners, intern, partners},
		{funID("gebiedsmanager-wijkveiligheid", "noord"), "Gebiedsmanager wijkveiligheid Noord", "GEBIEDSMANAGER", kaart.Managerial, orgID("veiligheid"), dg("basisteam-noord"), []string{"veiligheid"}, true, partners, intern, partners},
		{funID("gebiedsmanager-wijkveiligheid", "centrum"), "Gebiedsmanager wijkveiligheid Centrum", "GEBIEDSMANAGER", kaart.Managerial, orgID("veiligheid"), dg("basisteam-centrum"), []string{"veiligheid"}, true, partners, intern, partners},
		{funID("gebiedsmanager-wijkveiligheid", "west-zuid"), "Gebiedsmanager wijkveiligheid West en Zuid", "GEBIEDSMANAGER", kaart.Managerial, orgID("veiligheid"), dg("basisteam-west", "basisteam-zuid"), []string{"veiligheid"}, true, partners, intern, partners},
		{funID("wijkveiligheidsmedewerker", "overvecht"), "Wijkveiligheidsmedewerker Overvecht", "WIJKVEILIGHEIDSMEDEWERKER", kaart.Frontlijn, orgID("veiligheid"), wk("overvecht"), []string{"veiligheid"}, false, partners, intern, intern},
		{funID("wijkveiligheidsmedewerker", "zuidwest"), "Wijkveiligheidsmedewerker Zuidwest", "WIJKVEILIGHEIDSMEDEWERKER", kaart.Frontlijn, orgID("veiligheid"), wk("zuidwest"), []string{"veiligheid"}, false, partners, intern, intern},
		{funID("wijkveiligheidsmedewerker", "binnenstad"), "Wijkveiligheidsmedewerker Binnenstad", "WIJKVEILIGHEIDSMEDEWERKER", kaart.Frontlijn, orgID("veiligheid"), wk("binnenstad"), []string{"veiligheid", "ondernemen"}, false, partners, intern, intern},
		{funID("wijkveiligheidsmedewerker", "noordwest"), "Wijkveiligheidsmedewerker Noordwest", "WIJKVEILIGHEIDSMEDEWERKER", kaart.Frontlijn, orgID("veiligheid"), wk("noordwest"), []string{"veiligheid"}, false, partners, intern, intern},
		{funID("accountmanager-ondernemers", "noord-oost"), "Accountmanager ondernemers Noord en Oost", "ACCOUNTMANAGER", kaart.Frontlijn, orgID("ez"), wk("overvecht", "noordwest", "noordoost", "oost", "binnenstad"), []string{"ondernemen"}, true, openbaar, partners, partners},
		{funID("accountmanager-ondernemers", "zuid-west"), "Accountmanager ondernemers Zuid en West", "ACCOUNTMANAGER", kaart.Frontlijn, orgID("ez"), wk("zuid", "zuidwest", "west", "leidsche-rijn", "vleuten-de-meern"), []string{"ondernemen"}, true, openbaar, partners, partners},
		{funID("wijkgezondheidswerker", "overvecht"), "Wijkgezondheidswerker Overvecht", "OVERIG", kaart.Frontlijn, orgID("volksgezondheid"), wk("overvecht"), []string{"gezondheid"}, false, partners, "", partners},
		{funID("wijkgezondheidswerker", "zuidwest"), "Wijkgezondheidswerker Zuidwest", "OVERIG", kaart.Frontlijn, orgID("volksgezondheid"), wk("zuidwest"), []string{"gezondheid"}, false, partners, "", partners},
		{funID("districtchef-politie"), "Districtchef politie Utrecht-Stad", "DIRECTEUR", kaart.Bestuurlijk, orgID("politie"), gm, []string{"veiligheid"}, false, partners, "", openbaar},
		{funID("teamchef", "noord"), "Teamchef basisteam Utrecht-Noord", "MANAGER", kaart.Managerial, orgID("basisteam-noord"), dg("basisteam-noord"), []string{"veiligheid"}, false, partners, intern, partners},
		{funID("teamchef", "centrum"), "Teamchef basisteam Utrecht-Centrum", "MANAGER", kaart.Managerial, orgID("basisteam-centrum"), dg("basisteam-centrum"), []string{"veiligheid"}, false, partners, intern, partners},
		{funID("teamchef", "west"), "Teamchef basisteam Utrecht-West", "MANAGER", kaart.Managerial, orgID("basisteam-west"), dg("basisteam-west"), []string{"veiligheid"}, false, partners, intern, partners},
		{funID("teamchef", "zuid"), "Teamchef basisteam Utrecht-Zuid", "MANAGER", kaart.Managerial, orgID("basisteam-zuid"), dg("basisteam-zuid"), []string{"veiligheid"}, false, partners, intern, partners},
	}
	for i, r := range rollen {
		p := ambtenaar(r.zicht, r.org)
		f := functie{id: r.id, titel: r.titel, rol: r.rol, niveau: r.niveau, org: r.org, gebieden: r.gebieden,
			themas: r.themas, aanspreekpunt: r.aanspreekpunt, email: r.email, tel: r.tel}
		if r.zicht == intern {
			f.zicht = partners // a role known to partners, its holder only to the gemeente
		}
		b.rolMet(f, p, fmt.Sprintf("20%02d-0%d-01", 18+i%6, 1+i%9))
	}
}

// partnerRol is a role at a partner organisation: org is the org slug,
// gebieden are wijk slugs (none: the whole gemeente).
type partnerRol struct {
	key, titel, rol string
	niveau          kaart.Niveau
	org             string
	gebieden        []string
	themas          []string
	aanspreekpunt   bool
	zicht           kaart.Zichtbaarheid // of the person; "" = PARTNERS
}

// Short names for the three levels, for the tables.
const (
	bst = kaart.Bestuurlijk
	mgr = kaart.Managerial
	frl = kaart.Frontlijn
)

var partnerRollen = []partnerRol{
	// Bestuurders of the Wijkalliantie and supportpartners.
	{"bestuurder-buurtteamorganisatie", "Directeur-bestuurder Buurtteamorganisatie Sociaal Utrecht", "BESTUURDER", bst, "buurtteamorganisatie", nil, []string{"armoede-en-schulden", "jeugd"}, false, ""},
	{"bestuurder-lokalis", "Bestuurder Lokalis", "BESTUURDER", bst, "lokalis", nil, []string{"participatie"}, false, ""},
	{"directeur-jou", "Directeur JoU Utrecht", "DIRECTEUR", bst, "jou", nil, []string{"jeugd"}, false, ""},
	{"bestuurder-dock", "Bestuurder DOCK", "BESTUURDER", bst, "dock", nil, []string{"participatie"}, false, ""},
	{"bestuurder-handjehelpen", "Directeur-bestuurder Handjehelpen", "BESTUURDER", bst, "handjehelpen", nil, []string{"informele-zorg"}, false, ""},
	{"bestuurder-sport-utrecht", "Directeur-bestuurder Sport Utrecht", "BESTUURDER", bst, "sport-utrecht", nil, []string{"sport-en-bewegen"}, false, ""},
	{"directeur-sterkz", "Directeur Sterkz.org", "DIRECTEUR", bst, "sterkz", nil, nil, false, ""},
	{"bestuurder-koos", "Directeur-bestuurder KOOS Utrecht", "BESTUURDER", bst, "koos", nil, []string{"jeugd"}, false, ""},
	{"directeur-spoor030", "Directeur Spoor030", "DIRECTEUR", bst, "spoor030", nil, nil, false, ""},
	{"bestuurder-sterk-vo", "Directeur-bestuurder Sterk VO", "BESTUURDER", bst, "sterk-vo", nil, []string{"onderwijs"}, false, ""},
	{"bestuurder-swv-po", "Directeur-bestuurder SWV Utrecht PO", "BESTUURDER", bst, "swv-po", nil, []string{"onderwijs"}, false, ""},
	{"bestuurder-samen-veilig", "Lid bestuur Samen Veilig Midden-Nederland", "BESTUURDER", bst, "samen-veilig", nil, []string{"veiligheid", "jeugd"}, false, ""},
	{"directeur-u-centraal", "Directeur U-Centraal", "DIRECTEUR", bst, "u-centraal", nil, []string{"armoede-en-schulden"}, false, ""},
	{"directeur-ssj", "Directeur Stichting Specifieke Jeugdprojecten", "DIRECTEUR", bst, "ssj", nil, []string{"jeugd"}, false, ""},
	// Corporaties, zorg, onderwijs, ondernemers, levensbeschouwing, fondsen.
	{"bestuurder-mitros", "Directeur-bestuurder Mitros", "BESTUURDER", bst, "mitros", nil, []string{"wonen"}, false, ""},
	{"directeur-portaal", "Regiodirecteur Portaal Utrecht", "DIRECTEUR", bst, "portaal", nil, []string{"wonen"}, false, ""},
	{"bestuurder-bo-ex", "Directeur-bestuurder Bo-Ex", "BESTUURDER", bst, "bo-ex", nil, []string{"wonen"}, false, ""},
	{"bestuurder-ssh", "Directeur-bestuurder SSH Student Housing", "BESTUURDER", bst, "ssh", nil, []string{"wonen"}, false, ""},
	{"bestuurder-altrecht", "Lid raad van bestuur Altrecht", "BESTUURDER", bst, "altrecht", nil, []string{"gezondheid"}, false, ""},
	{"bestuurder-vecht-en-ijssel", "Bestuurder Vecht en IJssel", "BESTUURDER", bst, "vecht-en-ijssel", nil, []string{"ouderen"}, false, ""},
	{"bestuurder-roc", "Voorzitter college van bestuur ROC Midden Nederland", "BESTUURDER", bst, "roc", nil, []string{"onderwijs"}, false, ""},
	{"voorzitter-stipu", "Voorzitter Stipu", "VOORZITTER", bst, "stipu", nil, []string{"participatie"}, true, ""},
	{"voorzitter-ondernemersvereniging-overvecht", "Voorzitter Ondernemersvereniging Winkelcentrum Overvecht", "VOORZITTER", bst, "ondernemersvereniging-overvecht", []string{"overvecht"}, []string{"ondernemen"}, true, ""},
	{"voorzitter-ondernemersvereniging-lage-weide", "Voorzitter Ondernemersvereniging Lage Weide", "VOORZITTER", bst, "ondernemersvereniging-lage-weide", []string{"west"}, []string{"ondernemen"}, true, ""},
	{"voorzitter-winkeliersvereniging-kanaleneiland", "Voorzitter Winkeliersvereniging Kanaleneiland", "VOORZITTER", bst, "winkeliersvereniging-kanaleneiland", []string{"zuidwest"}, []string{"ondernemen"}, true, ""},
	{"voorzitter-ondernemersvereniging-leidsche-rijn", "Voorzitter Ondernemersvereniging Leidsche Rijn Centrum", "VOORZITTER", bst, "ondernemersvereniging-leidsche-rijn", []string{"leidsche-rijn"}, []string{"ondernemen"}, true, ""},
	{"voorzitter-tuindorps-belang", "Voorzitter Tuindorps Belang", "VOORZITTER", bst, "tuindorps-belang", []string{"noordoost"}, []string{"participatie"}, true, ""},
	{"directeur-kf-hein-fonds", "Directeur K.F. Hein Fonds", "DIRECTEUR", bst, "kf-hein-fonds", nil, []string{"participatie"}, false, ""},
	// Managers: they create the conditions.
	{"manager-lokalis-noord", "Manager welzijn Lokalis Noord", "MANAGER", mgr, "lokalis", []string{"overvecht", "noordoost", "noordwest"}, []string{"participatie"}, false, ""},
	{"manager-lokalis-centrum-oost", "Manager welzijn Lokalis Binnenstad en Oost", "MANAGER", mgr, "lokalis", []string{"binnenstad", "oost"}, []string{"participatie"}, false, ""},
	{"manager-dock-west-zuidwest", "Manager DOCK West en Zuidwest", "MANAGER", mgr, "dock", []string{"west", "zuidwest"}, []string{"participatie"}, false, ""},
	{"manager-dock-zuid-leidsche-rijn", "Manager DOCK Zuid, Leidsche Rijn en Vleuten-De Meern", "MANAGER", mgr, "dock", []string{"zuid", "leidsche-rijn", "vleuten-de-meern"}, []string{"participatie"}, false, ""},
	{"teamleider-jou-noord", "Teamleider jongerenwerk Noord", "MANAGER", mgr, "jou", []string{"overvecht", "noordwest", "noordoost"}, []string{"jeugd"}, false, ""},
	{"teamleider-jou-zuid-west", "Teamleider jongerenwerk Zuid en West", "MANAGER", mgr, "jou", []string{"zuid", "zuidwest", "west"}, []string{"jeugd"}, false, ""},
	{"gebiedsmanager-mitros-overvecht", "Gebiedsmanager Mitros Overvecht", "MANAGER", mgr, "mitros", []string{"overvecht"}, []string{"wonen"}, true, ""},
	{"gebiedsmanager-mitros-zuidwest", "Gebiedsmanager Mitros Zuidwest", "MANAGER", mgr, "mitros", []string{"zuidwest"}, []string{"wonen"}, true, ""},
	{"teamleider-portaal-noordwest", "Teamleider wonen Portaal Noordwest en West", "MANAGER", mgr, "portaal", []string{"noordwest", "west"}, []string{"wonen"}, false, ""},
	{"manager-bo-ex", "Manager wonen Bo-Ex", "MANAGER", mgr, "bo-ex", []string{"zuid", "vleuten-de-meern"}, []string{"wonen"}, false, ""},
	{"directeur-de-fakkel", "Directeur Basisschool De Fakkel", "DIRECTEUR", mgr, "de-fakkel", []string{"overvecht"}, []string{"onderwijs"}, false, ""},
	{"directeur-brede-school", "Directeur Brede School Kanaleneiland", "DIRECTEUR", mgr, "brede-school-kanaleneiland", []string{"zuidwest"}, []string{"onderwijs"}, false, ""},
	{"rector-amadeus", "Rector Amadeus Lyceum", "DIRECTEUR", mgr, "amadeus-lyceum", []string{"vleuten-de-meern"}, []string{"onderwijs"}, false, ""},
	{"coordinator-buurtsport", "Coördinator buurtsportcoaches", "MANAGER", mgr, "sport-utrecht", nil, []string{"sport-en-bewegen"}, false, ""},
	{"teamleider-careyn-zuid", "Teamleider wijkverpleging Zuid en Zuidwest", "MANAGER", mgr, "careyn", []string{"zuid", "zuidwest"}, []string{"gezondheid"}, false, ""},
	{"coordinator-mantelzorg", "Coördinator mantelzorgondersteuning", "MANAGER", mgr, "handjehelpen", nil, []string{"informele-zorg"}, false, ""},
	{"manager-ondernemersvereniging-overvecht", "Centrummanager Winkelcentrum Overvecht", "MANAGER", mgr, "ondernemersvereniging-overvecht", []string{"overvecht"}, []string{"ondernemen"}, true, ""},
	// Frontlijn partners beyond the wijk roles.
	{"wijkverpleegkundige-zuid", "Wijkverpleegkundige Zuid", "WIJKVERPLEEGKUNDIGE", frl, "careyn", []string{"zuid"}, []string{"gezondheid", "ouderen"}, true, ""},
	{"wijkverpleegkundige-zuidwest", "Wijkverpleegkundige Zuidwest", "WIJKVERPLEEGKUNDIGE", frl, "careyn", []string{"zuidwest"}, []string{"gezondheid", "ouderen"}, true, ""},
	{"wijkverpleegkundige-overvecht", "Wijkverpleegkundige Overvecht", "WIJKVERPLEEGKUNDIGE", frl, "careyn", []string{"overvecht"}, []string{"gezondheid", "ouderen"}, true, ""},
	{"opbouwwerker-zuidwest", "Opbouwwerker Kanaleneiland", "OPBOUWWERKER", frl, "dock", []string{"zuidwest"}, []string{"participatie", "wonen"}, true, ""},
	{"opbouwwerker-west", "Opbouwwerker Lombok", "OPBOUWWERKER", frl, "dock", []string{"west"}, []string{"participatie", "openbare-ruimte"}, true, ""},
	{"opbouwwerker-overvecht", "Opbouwwerker Overvecht", "OPBOUWWERKER", frl, "lokalis", []string{"overvecht"}, []string{"participatie", "wonen"}, true, ""},
	{"opbouwwerker-noordwest", "Opbouwwerker Ondiep", "OPBOUWWERKER", frl, "lokalis", []string{"noordwest"}, []string{"participatie"}, true, ""},
	{"buurtsportcoach-overvecht", "Buurtsportcoach Overvecht", "OVERIG", frl, "sport-utrecht", []string{"overvecht"}, []string{"sport-en-bewegen"}, true, ""},
	{"buurtsportcoach-zuidwest", "Buurtsportcoach Zuidwest", "OVERIG", frl, "sport-utrecht", []string{"zuidwest"}, []string{"sport-en-bewegen"}, true, ""},
	{"buurtsportcoach-leidsche-rijn", "Buurtsportcoach Leidsche Rijn", "OVERIG", frl, "sport-utrecht", []string{"leidsche-rijn"}, []string{"sport-en-bewegen"}, true, ""},
	{"mantelzorgconsulent-zuid", "Mantelzorgconsulent Zuid", "OVERIG", frl, "handjehelpen", []string{"zuid"}, []string{"informele-zorg", "ouderen"}, true, ""},
	{"consulent-geldzaken-zuidwest", "Consulent geldzaken Zuidwest", "OVERIG", frl, "u-centraal", []string{"zuidwest"}, []string{"armoede-en-schulden"}, true, ""},
	{"coordinator-buurtbemiddeling", "Coördinator Buurtbemiddeling", "OVERIG", frl, "buurtbemiddeling", nil, []string{"veiligheid", "wonen"}, true, ""},
	{"ouderconsulent-de-fakkel", "Ouderconsulent De Fakkel", "OVERIG", frl, "de-fakkel", []string{"overvecht"}, []string{"onderwijs", "jeugd"}, false, ""},
	{"taalcoordinator-taalhuis", "Taalcoördinator Taalhuis", "OVERIG", frl, "taalhuis", nil, []string{"taal"}, true, ""},
	{"ambulant-jongerenwerker-ssj", "Ambulant jongerenwerker SSJ", "JONGERENWERKER", frl, "ssj", []string{"zuidwest", "overvecht"}, []string{"jeugd", "veiligheid"}, false, intern},
	{"jeugdbeschermer-samen-veilig", "Jeugdbeschermer wijkteam Zuidwest", "OVERIG", frl, "samen-veilig", []string{"zuidwest"}, []string{"jeugd", "veiligheid"}, false, intern},
	{"contactpersoon-sleutelfiguren-stipu", "Contactpersoon sleutelfiguren Stipu", "SLEUTELFIGUUR", frl, "stipu", []string{"zuidwest"}, []string{"participatie"}, true, ""},
}

// partnerRollen adds the partner roles with one holder each; the bestuur of
// Samen Veilig Midden-Nederland has two members in one role.
func (b *builder) partnerRollen() {
	for i, r := range partnerRollen {
		org := orgID(r.org)
		f := functie{id: funID(r.key), titel: r.titel, rol: r.rol, niveau: r.niveau, org: org,
			gebieden: gebiedIDs(r.gebieden), themas: r.themas, aanspreekpunt: r.aanspreekpunt, mailbox: r.key}
		switch {
		case r.aanspreekpunt:
			f.email, f.tel = openbaar, partners
		case r.niveau == bst:
			f.email = partners
		case i%3 == 0:
			f.email, f.tel = partners, intern
		default:
			f.email = intern
		}
		z := r.zicht
		if z == "" {
			z = partners
		} else {
			f.zicht = partners
		}
		p := professional(z, org)
		if r.rol == "SLEUTELFIGUUR" {
			p = bewoner(z, org, "2024-11-12", true)
		}
		b.rolMet(f, p, fmt.Sprintf("20%02d-%02d-01", 17+i%8, 1+i%12))
		if r.org == "samen-veilig" && r.niveau == bst {
			b.bezet(b.persoon(professional(partners, org)), f.id, "2023-01-01", "")
		}
	}
}

// bewoner is an opted-in resident: a chair or member of a wijkraad, or a
// sleutelfiguur who reaches groups organisations do not reach.
type bewonerRij struct {
	key       string
	wijk      string
	netwerken []string // netwerk slugs the resident is a member of
	bereikt   []string // doelgroep slugs
	zicht     kaart.Zichtbaarheid
	op        string // date of consent
	tel       bool   // gives a phone number, visible to the gemeente only
}

var sleutelfiguren = []bewonerRij{
	{"sf-kanaleneiland-1", "zuidwest", []string{"sleutelfiguren-kanaleneiland"}, []string{"nieuwkomers", "ouders-van-jonge-kinderen"}, intern, "2024-10-03", true},
	{"sf-kanaleneiland-2", "zuidwest", []string{"sleutelfiguren-kanaleneiland"}, []string{"jongeren"}, intern, "2024-10-03", true},
	{"sf-kanaleneiland-3", "zuidwest", []string{"sleutelfiguren-kanaleneiland"}, []string{"ouderen"}, partners, "2023-05-17", false},
	{"sf-overvecht-1", "overvecht", []string{"moedernetwerk-overvecht"}, []string{"ouders-van-jonge-kinderen", "nieuwkomers"}, intern, "2024-02-20", true},
	{"sf-overvecht-2", "overvecht", []string{"moedernetwerk-overvecht"}, []string{"ouders-van-jonge-kinderen"}, intern, "2024-02-20", false},
	{"sf-ondiep-1", "noordwest", []string{"bewonersgroep-groen-pijlsweerd"}, []string{"jongeren", "bewoners"}, partners, "2025-01-14", true},
	{"sf-hoograven-1", "zuid", []string{"netwerk-eenzaamheid-zuid"}, []string{"ouderen"}, intern, "2023-09-05", true},
	{"sf-lunetten-1", "zuid", []string{"netwerk-eenzaamheid-zuid"}, []string{"ouderen", "mantelzorgers"}, intern, "2023-09-05", false},
	{"sf-lombok-1", "west", nil, []string{"nieuwkomers", "ondernemers"}, partners, "2024-06-11", false},
	{"sf-tuindorp-oost-1", "noordoost", []string{"buurtcomite-tuindorp-oost"}, []string{"ouderen"}, partners, "2022-03-08", false},
	{"sf-mulderstraat-1", "zuid", []string{"buurtcomite-mulderstraat"}, []string{"bewoners"}, intern, "2021-11-23", false},
	{"sf-wittevrouwen-1", "noordoost", []string{"bewonersgroep-wittevrouwenbrug"}, []string{"bewoners"}, partners, "2023-02-02", false},
	{"sf-leidsche-rijn-1", "leidsche-rijn", []string{"netwerk-nieuwkomers-leidsche-rijn"}, []string{"nieuwkomers"}, intern, "2024-09-30", true},
	{"sf-stolberglaan-1", "oost", []string{"bewonersvereniging-stolberglaan"}, []string{"ouderen", "bewoners"}, partners, "2024-04-04", false},
}

// bewoners adds the chairs and secretaries of the wijkraden and the
// sleutelfiguren, all with their own consent.
func (b *builder) bewoners() {
	for i, w := range wijken {
		wb := wijkbureau(w.slug)
		nw := nwID("wijkraad-" + w.slug)
		vz := b.persoon(bewoner(partners, wb, fmt.Sprintf("2024-%02d-15", 1+i), false))
		b.persons["voorzitter-wijkraad-"+w.slug] = vz
		b.link("VOORZITTER_VAN", vz, nw).zicht(partners)
		b.link("LID_VAN", vz, nw).zicht(partners).set("rol", "voorzitter").geldig("2022-01-01", "")
		sec := b.persoon(bewoner(intern, wb, fmt.Sprintf("2024-%02d-20", 1+i), false))
		b.link("LID_VAN", sec, nw).zicht(intern).set("rol", "secretaris").geldig("2023-01-01", "")
		if w.slug == "overvecht" {
			b.contact(vz, wb, "EMAIL", "voorzitter.wijkraad.overvecht@"+EmailDomain, "Alleen voor partners", partners)
		}
	}
	for _, s := range sleutelfiguren {
		wb := wijkbureau(s.wijk)
		id := b.persoon(bewoner(s.zicht, wb, s.op, true))
		b.persons[s.key] = id
		for _, nw := range s.netwerken {
			b.link("LID_VAN", id, nwID(nw)).zicht(s.zicht)
		}
		for _, d := range s.bereikt {
			b.link("BEREIKT", id, doelID(d)).zicht(s.zicht)
		}
		if s.tel {
			b.contact(id, wb, "TELEFOON", b.mobiel(), "Alleen na afstemming met de sociaal makelaar", intern)
		}
	}
}

// escalatie adds the escalation lines of sources §2.5: ambtelijk from the
// wijkregisseur via the dienstdirecteur to the algemeen directeur, and
// bestuurlijk via the wijkwethouder to the vakwethouder.
func (b *builder) escalatie() {
	esc := func(van, naar, spoor string, volgorde int) {
		b.link("ESCALEERT_NAAR", van, naar).set("spoor", spoor).set("volgorde", volgorde).zicht(partners)
	}
	for _, w := range wijken {
		regisseur, wijkwethouder := funID("wijkregisseur", w.slug), funID("wijkwethouder", w.slug)
		esc(regisseur, funID("directeur-wijken"), "AMBTELIJK", 1)
		esc(regisseur, wijkwethouder, "BESTUURLIJK", 1)
		vak := funID("wethouder", "participatie-wijken")
		if w.slug == "noordoost" { // the same wethouder: go to the portefeuille of the theme
			vak = funID("wethouder", "welzijn-zorg-jeugd")
		}
		esc(wijkwethouder, vak, "BESTUURLIJK", 2)
	}
	esc(funID("wijkwethouder", "binnenstad"), funID("burgemeester"), "BESTUURLIJK", 2)
	esc(funID("directeur-wijken"), funID("algemeen-directeur"), "AMBTELIJK", 2)
	esc(funID("directeur-mo"), funID("algemeen-directeur"), "AMBTELIJK", 2)
	for _, g := range []string{"cumulus", "zuid-zuidwest-west", "noordwest-leidsche-rijn-vleuten-de-meern"} {
		esc(funID("sociaal-gebiedsmanager", g), funID("directeur-mo"), "AMBTELIJK", 1)
	}
	for _, g := range []string{"noord", "centrum", "west-zuid"} {
		esc(funID("gebiedsmanager-wijkveiligheid", g), funID("programmadirecteur-veiligheid"), "AMBTELIJK", 1)
	}
	esc(funID("programmadirecteur-veiligheid"), funID("burgemeester"), "BESTUURLIJK", 2)
}

// kennissen adds a few KENT edges: who knows a sleutelfiguur. They are
// personal data and stay INTERN.
func (b *builder) kennissen() {
	kent := func(van, naar string) { b.link("KENT", van, naar).zicht(intern) }
	kent(b.holder(funID("sociaal-makelaar", "zuidwest")), b.persons["sf-kanaleneiland-1"])
	kent(b.holder(funID("wijkagent", "kanaleneiland")), b.persons["sf-kanaleneiland-2"])
	kent(b.holder(funID("wijkregisseur", "overvecht")), b.persons["sf-overvecht-1"])
	kent(b.holder(funID("jongerenwerker", "noordwest")), b.persons["sf-ondiep-1"])
	kent(b.holder(funID("sociaal-makelaar", "zuid")), b.persons["sf-hoograven-1"])
	kent(b.persons["sf-hoograven-1"], b.persons["sf-lunetten-1"])
}
