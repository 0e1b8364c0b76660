package demo

import "github.com/socialekaart/socialekaart/internal/kaart"

// aanbod is an activity or service. gebieden are wijk slugs or gebied ids;
// none means the wijk of its location.
type aanbod struct {
	slug, naam, org, omschrijving string
	tijden, kosten, aanmelden     string
	loc                           string
	gebieden                      []string
	themas, doelgroepen           []string
	zicht                         kaart.Zichtbaarheid
	van, tot                      string
	stale                         bool
}

const (
	gratis      = "Gratis"
	vrijeInloop = "Vrije inloop, aanmelden is niet nodig."
)

var aanbodTabel = []aanbod{
	// Taal.
	{slug: "taalcafe-lombok", naam: "Taalcafé Lombok", org: "taalhuis", loc: "buurthuis-lombok", gebieden: []string{buurtID("lombok")},
		omschrijving: "Nederlands oefenen in een gesprek met vrijwilligers.", tijden: "Dinsdag 10.00-12.00", kosten: gratis, aanmelden: vrijeInloop,
		themas: []string{"taal"}, doelgroepen: []string{"nieuwkomers", "laaggeletterden"}},
	{slug: "taalcafe-overvecht", naam: "Taalcafé Overvecht", org: "taalhuis", loc: "buurtcentrum-de-dreef",
		omschrijving: "Nederlands oefenen in een gesprek met vrijwilligers.", tijden: "Donderdag 13.30-15.30", kosten: gratis, aanmelden: vrijeInloop,
		themas: []string{"taal"}, doelgroepen: []string{"nieuwkomers", "laaggeletterden"}},
	{slug: "taalhuis-spreekuur", naam: "Spreekuur Taalhuis", org: "taalhuis", loc: "bibliotheek-neude", gebieden: []string{GemeenteID},
		omschrijving: "Advies over taallessen, lezen, schrijven en digitale vaardigheden.", tijden: "Maandag tot en met vrijdag 10.00-16.00", kosten: gratis,
		aanmelden: "Vrije inloop of een afspraak via de website.", themas: []string{"taal"}, doelgroepen: []string{"laaggeletterden", "nieuwkomers"}},
	{slug: "taalmaatjes-leidsche-rijn", naam: "Taalmaatjes Leidsche Rijn", org: "dock", loc: "wijkcentrum-terwijde",
		omschrijving: "Een vrijwilliger oefent wekelijks Nederlands met een nieuwkomer.", tijden: "In overleg met het taalmaatje", kosten: gratis,
		aanmelden: "Aanmelden bij de sociaal makelaar.", themas: []string{"taal", "participatie"}, doelgroepen: []string{"nieuwkomers", "vrijwilligers"},
		van: "2024-03-01", tot: "2026-06-30"},
	// Jongeren en kinderen.
	{slug: "jongereninloop-overvecht", naam: "Jongereninloop Overvecht", org: "jou", loc: "buurtcentrum-de-dreef",
		omschrijving: "Chillen, gamen en praten met de jongerenwerkers.", tijden: "Woensdag en vrijdag 15.00-21.00", kosten: gratis, aanmelden: vrijeInloop,
		themas: []string{"jeugd"}, doelgroepen: []string{"jongeren"}},
	{slug: "jongerenhuis-kanaleneiland", naam: "Jongerenhuis Kanaleneiland", org: "jou", loc: "wijkcentrum-kanaleneiland",
		omschrijving: "Inloop, huiswerkplek en activiteiten voor jongeren.", tijden: "Maandag tot en met donderdag 14.00-21.00", kosten: gratis, aanmelden: vrijeInloop,
		themas: []string{"jeugd"}, doelgroepen: []string{"jongeren"}},
	{slug: "jongereninloop-ondiep", naam: "Jongereninloop Ondiep", org: "jou", loc: "buurthuis-ondiep",
		omschrijving: "Inloop en sport voor jongeren uit Ondiep en Pijlsweerd.", tijden: "Dinsdag en donderdag 16.00-21.00", kosten: gratis, aanmelden: vrijeInloop,
		themas: []string{"jeugd", "sport-en-bewegen"}, doelgroepen: []string{"jongeren"}},
	{slug: "jongerenwerk-terwijde", naam: "Jongerenwerk Terwijde", org: "jou", loc: "wijkcentrum-terwijde",
		omschrijving: "Activiteiten en ambulant jongerenwerk in Terwijde en Parkwijk.", tijden: "Woensdag 14.00-18.00 en vrijdag 19.00-22.00", kosten: gratis,
		aanmelden: vrijeInloop, themas: []string{"jeugd"}, doelgroepen: []string{"jongeren"}},
	{slug: "meidenclub-zuidwest", naam: "Meidenclub Zuidwest", org: "jou", loc: "wijkcentrum-kanaleneiland",
		omschrijving: "Een eigen plek voor meiden van 10 tot 16 jaar.", tijden: "Dinsdag 16.00-18.00", kosten: gratis,
		aanmelden: "Aanmelden bij de jongerenwerker; eerste keer mag zonder aanmelding.", themas: []string{"jeugd"}, doelgroepen: []string{"jongeren", "kinderen"}},
	{slug: "huiswerkklas-de-fakkel", naam: "Huiswerkklas De Fakkel", org: "de-fakkel", loc: "basisschool-de-fakkel",
		omschrijving: "Na schooltijd huiswerk maken met hulp van vrijwilligers.", tijden: "Maandag en woensdag 14.30-16.00", kosten: gratis,
		aanmelden: "Via de leerkracht of de ouderconsulent.", themas: []string{"onderwijs"}, doelgroepen: []string{"kinderen"}},
	{slug: "kunstmiddag-kanaleneiland", naam: "Kunstmiddag voor kinderen", org: "cultuurhuis-kanaleneiland", loc: "cultuurhuis-kanaleneiland",
		omschrijving: "Tekenen, theater en muziek voor kinderen van 6 tot 12 jaar.", tijden: "Woensdag 14.00-16.00", kosten: "€ 1,00 per keer",
		aanmelden: "Aanmelden aan de balie van het Cultuurhuis.", themas: []string{"cultuur"}, doelgroepen: []string{"kinderen"}},
	{slug: "voorlezen-aan-huis", naam: "Voorlezen aan huis", org: "bibliotheek", gebieden: []string{GemeenteID},
		omschrijving: "Een vrijwilliger leest twintig weken lang wekelijks voor bij een gezin thuis.", tijden: "Eén uur per week, in overleg", kosten: gratis,
		aanmelden: "Aanmelden via school, consultatiebureau of buurtteam.", themas: []string{"taal", "jeugd"}, doelgroepen: []string{"kinderen", "ouders-van-jonge-kinderen"}},
	{slug: "jgz-inloop-overvecht", naam: "Inloopspreekuur jeugdgezondheidszorg Overvecht", org: "volksgezondheid", loc: "gezondheidscentrum-overvecht",
		omschrijving: "Vragen over groei, voeding en opvoeden van jonge kinderen.", tijden: "Vrijdag 9.00-11.00", kosten: gratis, aanmelden: vrijeInloop,
		themas: []string{"gezondheid", "jeugd"}, doelgroepen: []string{"ouders-van-jonge-kinderen"}},
	// Ouderen, eenzaamheid en informele zorg.
	{slug: "ouderensoos-hoograven", naam: "Ouderensoos Hoograven", org: "dock", loc: "buurthuis-hoograven", stale: true,
		omschrijving: "Spelletjes, koffie en een praatje.", tijden: "Woensdag 14.00-16.30", kosten: "€ 2,50 per middag, koffie inbegrepen", aanmelden: vrijeInloop,
		themas: []string{"ouderen", "eenzaamheid"}, doelgroepen: []string{"ouderen"}},
	{slug: "ouderensoos-tuindorp-oost", naam: "Ouderensoos Tuindorp Oost", org: "lokalis", loc: "buurthuis-tuindorp-oost",
		omschrijving: "Ontmoeting voor ouderen uit Tuindorp en Tuindorp Oost.", tijden: "Dinsdag 14.00-16.00", kosten: "€ 2,00", aanmelden: vrijeInloop,
		themas: []string{"ouderen", "eenzaamheid"}, doelgroepen: []string{"ouderen"}},
	{slug: "samen-eten-lunetten", naam: "Samen eten Lunetten", org: "dock", loc: "wijkcentrum-lunetten",
		omschrijving: "Een warme maaltijd met buurtgenoten, gekookt door vrijwilligers.", tijden: "Elke eerste vrijdag van de maand 17.30-19.30",
		kosten: "€ 5,00", aanmelden: "Aanmelden tot woensdag bij het wijkcentrum.", themas: []string{"eenzaamheid", "ouderen"}, doelgroepen: []string{"ouderen", "bewoners"}},
	{slug: "buurtkamer-oudwijk", naam: "Buurtkamer Oudwijk", org: "lokalis", loc: "wijkcentrum-oudwijk",
		omschrijving: "Huiskamer van de buurt: koffie, krant en activiteiten van bewoners.", tijden: "Maandag tot en met donderdag 10.00-16.00", kosten: gratis,
		aanmelden: vrijeInloop, themas: []string{"participatie", "eenzaamheid"}, doelgroepen: []string{"bewoners", "ouderen"}},
	{slug: "mantelzorgspreekuur", naam: "Mantelzorgspreekuur", org: "handjehelpen", loc: "kantoor-partners-centrum", gebieden: []string{GemeenteID},
		omschrijving: "Advies en een luisterend oor voor mantelzorgers; respijtzorg regelen.", tijden: "Maandag tot en met vrijdag 9.00-17.00", kosten: gratis,
		aanmelden: "Bellen of mailen voor een afspraak.", themas: []string{"informele-zorg"}, doelgroepen: []string{"mantelzorgers"}},
	{slug: "mantelzorgcafe-zuid", naam: "Mantelzorgcafé Zuid", org: "handjehelpen", loc: "wijkcentrum-lunetten",
		omschrijving: "Mantelzorgers ontmoeten elkaar; elke keer een ander thema.", tijden: "Derde donderdag van de maand 19.30-21.30", kosten: gratis,
		aanmelden: vrijeInloop, themas: []string{"informele-zorg"}, doelgroepen: []string{"mantelzorgers"}},
	{slug: "vrijwillige-hulp-vleuten-de-meern", naam: "Vrijwillige hulp Vleuten-De Meern", org: "handjehelpen", loc: "dorpshuis-vleuten",
		omschrijving: "Vrijwilligers helpen met vervoer, boodschappen en klussen.", tijden: "Aanvragen op werkdagen 9.00-12.00", kosten: gratis,
		aanmelden: "Bellen met de coördinator.", themas: []string{"informele-zorg", "ouderen"}, doelgroepen: []string{"ouderen", "mensen-met-een-beperking"}},
	{slug: "spreekuur-wijkverpleging-zuid", naam: "Spreekuur wijkverpleging Zuid", org: "careyn", loc: "buurthuis-hoograven",
		omschrijving: "Vragen over zorg thuis, hulpmiddelen en gezond ouder worden.", tijden: "Donderdag 10.00-11.30", kosten: gratis, aanmelden: vrijeInloop,
		themas: []string{"gezondheid", "ouderen"}, doelgroepen: []string{"ouderen", "mantelzorgers"}},
	// Geld, werk en wonen.
	{slug: "inloop-geldzaken-kanaleneiland", naam: "Inloop geldzaken Kanaleneiland", org: "u-centraal", loc: "wijkcentrum-kanaleneiland",
		omschrijving: "Hulp bij brieven, rekeningen en betalingsachterstanden.", tijden: "Maandag 13.00-15.00", kosten: gratis, aanmelden: vrijeInloop,
		themas: []string{"armoede-en-schulden"}, doelgroepen: []string{"huishoudens-met-geldzorgen"}},
	{slug: "inloop-geldzaken-overvecht", naam: "Inloop geldzaken Overvecht", org: "u-centraal", loc: "buurtcentrum-de-dreef",
		omschrijving: "Hulp bij brieven, rekeningen en betalingsachterstanden.", tijden: "Woensdag 9.30-11.30", kosten: gratis, aanmelden: vrijeInloop,
		themas: []string{"armoede-en-schulden"}, doelgroepen: []string{"huishoudens-met-geldzorgen"}},
	{slug: "formulierenhulp-west", naam: "Formulierenhulp West", org: "dock", loc: "buurthuis-lombok",
		omschrijving: "Vrijwilligers helpen met formulieren en digitale zaken.", tijden: "Donderdag 9.30-12.00", kosten: gratis, aanmelden: vrijeInloop,
		themas: []string{"armoede-en-schulden", "taal"}, doelgroepen: []string{"huishoudens-met-geldzorgen", "laaggeletterden"}},
	{slug: "voedselbank-uitgifte-overvecht", naam: "Uitgiftepunt Voedselbank Overvecht", org: "voedselbank", loc: "buurthuis-vechtzoom", stale: true,
		omschrijving: "Wekelijks een voedselpakket voor huishoudens die daar recht op hebben.", tijden: "Vrijdag 13.00-15.00", kosten: gratis,
		aanmelden: "Na een intake via het buurtteam of de schuldhulpverlening.", themas: []string{"armoede-en-schulden"}, doelgroepen: []string{"huishoudens-met-geldzorgen"}},
	{slug: "werkspreekuur-overvecht", naam: "Werkspreekuur Overvecht", org: "werk-en-inkomen", loc: "wijkbureau-overvecht",
		omschrijving: "Vragen over werk zoeken, uitkering en bijverdienen.", tijden: "Dinsdag 13.00-16.00", kosten: gratis,
		aanmelden: "Vrije inloop; voor een gesprek van een half uur een afspraak maken.", themas: []string{"werk-en-inkomen"}, doelgroepen: []string{"bewoners"}},
	{slug: "buurtbemiddeling", naam: "Buurtbemiddeling", org: "buurtbemiddeling", gebieden: []string{GemeenteID},
		omschrijving: "Getrainde vrijwilligers helpen buren die er samen niet uitkomen.", tijden: "Aanmelden op werkdagen", kosten: gratis,
		aanmelden: "Aanmelden per telefoon of via de website.", themas: []string{"veiligheid", "wonen"}, doelgroepen: []string{"bewoners"}},
	{slug: "buurtdiner-studenten-oost", naam: "Buurtdiner studenten en buren", org: "ssh", loc: "studentenhuis-science-park",
		omschrijving: "Studenten koken voor en met hun buren.", tijden: "Eens per maand op donderdag 18.00-20.00", kosten: "€ 3,50",
		aanmelden: "Aanmelden via de sociaal makelaar van Oost.", themas: []string{"participatie", "wonen"}, doelgroepen: []string{"studenten", "bewoners"}},
	// Sport en bewegen.
	{slug: "buurtsport-overvecht", naam: "Buurtsport Overvecht", org: "sport-utrecht", loc: "sporthal-overvecht",
		omschrijving: "Voetbal, basketbal en dans met de buurtsportcoach.", tijden: "Woensdag 14.00-16.00", kosten: gratis, aanmelden: vrijeInloop,
		themas: []string{"sport-en-bewegen"}, doelgroepen: []string{"kinderen", "jongeren"}},
	{slug: "sportinstuif-kanaleneiland", naam: "Sportinstuif Kanaleneiland", org: "sport-utrecht", loc: "sportpark-kanaleneiland",
		omschrijving: "Elke week een andere sport proberen.", tijden: "Zaterdag 10.00-12.00", kosten: gratis, aanmelden: vrijeInloop,
		themas: []string{"sport-en-bewegen"}, doelgroepen: []string{"kinderen"}},
	{slug: "bewegen-voor-ouderen-parkwijk", naam: "Bewegen voor ouderen Parkwijk", org: "sport-utrecht", loc: "wijkcentrum-parkwijk",
		omschrijving: "Gymnastiek op muziek, ook op de stoel.", tijden: "Maandag 10.00-11.00", kosten: "€ 2,00 per les",
		aanmelden: "Aanmelden bij de buurtsportcoach.", themas: []string{"sport-en-bewegen", "ouderen"}, doelgroepen: []string{"ouderen"}},
	{slug: "walking-football-vleuterweide", naam: "Walking football Vleuterweide", org: "sport-utrecht", loc: "wijkcentrum-vleuterweide",
		omschrijving: "Wandelvoetbal voor 60-plussers.", tijden: "Donderdag 10.00-11.30", kosten: "€ 3,00 per keer", aanmelden: vrijeInloop,
		themas: []string{"sport-en-bewegen", "ouderen"}, doelgroepen: []string{"ouderen"}},
	// Meedoen in de wijk.
	{slug: "spreekuur-wijkwethouder-overvecht", naam: "Wijkspreekuur wijkwethouder Overvecht", org: "wijkbureau-overvecht", loc: "wijkbureau-overvecht",
		omschrijving: "Spreek de wijkwethouder over wat u ziet in de wijk.", tijden: "Eerste maandag van de maand 16.00-17.00", kosten: gratis,
		aanmelden: "Aanmelden bij het wijkbureau.", themas: []string{"participatie"}, doelgroepen: []string{"bewoners"}},
	{slug: "spreekuur-bewonersinitiatieven-zuid", naam: "Spreekuur bewonersinitiatieven Zuid", org: "wijkbureau-zuid", loc: "wijkbureau-zuid",
		omschrijving: "Hulp bij een idee voor de buurt en bij een aanvraag bij het Initiatievenfonds.", tijden: "Woensdag 16.00-18.00", kosten: gratis,
		aanmelden: vrijeInloop, themas: []string{"participatie"}, doelgroepen: []string{"bewoners", "vrijwilligers"}},
	{slug: "balie-wijkservicecentrum-vleuten-de-meern", naam: "Balie Wijkservicecentrum Vleuten-De Meern", org: "wijkbureau-vleuten-de-meern",
		loc: "wijkservicecentrum-vleuten-de-meern", omschrijving: "Vragen aan de gemeente stellen en meldingen doen in de eigen wijk.",
		tijden: "Maandag tot en met vrijdag 9.00-12.30", kosten: gratis, aanmelden: vrijeInloop, themas: []string{"participatie"}, doelgroepen: []string{"bewoners"}},
	{slug: "open-moskeedag-kanaleneiland", naam: "Open moskeedag Kanaleneiland", org: "stipu", loc: "moskee-kanaleneiland",
		omschrijving: "Kennismaken met de moskee en de buurt.", tijden: "Zaterdag 11.00-16.00", kosten: gratis, aanmelden: vrijeInloop,
		themas: []string{"participatie"}, doelgroepen: []string{"bewoners"}, van: "2025-03-01", tot: "2025-03-31"},
	{slug: "vrijwilligerswerk-vinden", naam: "Vrijwilligerswerk vinden", org: "handjehelpen", gebieden: []string{GemeenteID},
		omschrijving: "Advies over vrijwilligerswerk dat bij u past.", tijden: "Dinsdag en donderdag 10.00-14.00", kosten: gratis,
		aanmelden: "Via de website of telefonisch.", themas: []string{"participatie", "informele-zorg"}, doelgroepen: []string{"vrijwilligers"}},
	// For professionals only.
	{slug: "consultatie-zorgen-om-een-kind", naam: "Consultatie voor professionals: zorgen om een kind", org: "samen-veilig", gebieden: []string{GemeenteID},
		omschrijving: "Professionals overleggen anoniem over zorgen om de veiligheid van een kind.", tijden: "Werkdagen 9.00-17.00", kosten: gratis,
		aanmelden: "Telefonisch, alleen voor professionals.", themas: []string{"jeugd", "veiligheid"}, doelgroepen: []string{"kinderen"}, zicht: partners},
	{slug: "intervisie-sociaal-makelaars", naam: "Intervisie sociaal makelaars", org: "lokalis", loc: "buurtcentrum-de-dreef", gebieden: []string{dienstgebiedID("cumulus")},
		omschrijving: "Sociaal makelaars bespreken lastige situaties in de wijk (zonder namen van bewoners).", tijden: "Eens per zes weken", kosten: gratis,
		aanmelden: "Alleen voor medewerkers.", themas: []string{"participatie"}, zicht: intern},
}

// buurtteamSpreekuren are the walk-in hours of the buurtteams, one per wijk.
func buurtteamSpreekuren() []aanbod {
	loc := map[string]string{
		"west": "buurthuis-lombok", "noordwest": "wijkcentrum-zuilen", "overvecht": "buurtcentrum-de-dreef", "noordoost": "wevehuis",
		"oost": "wijkcentrum-oudwijk", "binnenstad": "buurthuis-de-binnenstad", "zuid": "buurthuis-hoograven", "zuidwest": "wijkcentrum-kanaleneiland",
		"leidsche-rijn": "wijkcentrum-parkwijk", "vleuten-de-meern": "wijkcentrum-vleuterweide",
	}
	dagen := []string{"Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag"}
	var out []aanbod
	for i, w := range wijken {
		out = append(out, aanbod{
			slug: "buurtteam-spreekuur-" + w.slug, naam: "Inloopspreekuur buurtteam " + w.naam, org: "buurtteamorganisatie",
			loc: loc[w.slug], gebieden: []string{w.slug},
			omschrijving: "Voor vragen over geld, opvoeden, gezondheid, werk of meedoen.",
			tijden:       dagen[i%len(dagen)] + " 9.00-11.00", kosten: gratis,
			aanmelden:   "Zonder afspraak; buiten het spreekuur bellen of mailen met het buurtteam.",
			themas:      []string{"armoede-en-schulden", "jeugd", "gezondheid"},
			doelgroepen: []string{"bewoners", "huishoudens-met-geldzorgen", "ouders-van-jonge-kinderen"},
			stale:       w.slug == "vleuten-de-meern",
		})
	}
	return out
}

// locatieWijk returns the wijk slug of a demo location.
func locatieWijk(slug string) string {
	for _, l := range locaties {
		if l.slug == slug {
			return l.wijk
		}
	}
	panic("demo: unknown locatie " + slug)
}

// aanbod adds every activity and service.
func (b *builder) aanbod() {
	for _, a := range append(aanbodTabel, buurtteamSpreekuren()...) {
		id := "utr-abd-" + a.slug
		org := orgID(a.org)
		n := b.record("Aanbod", id, org).
			set("naam", a.naam).set("omschrijving", a.omschrijving).
			set("openingstijden", a.tijden).set("kosten", a.kosten).set("aanmelden", a.aanmelden).
			geldig(a.van, a.tot)
		if a.zicht != "" {
			n.zicht(a.zicht)
		}
		if a.stale {
			n.stale()
		}
		b.link("AANGEBODEN_DOOR", id, org)
		gebieden := a.gebieden
		if len(gebieden) == 0 {
			gebieden = []string{locatieWijk(a.loc)}
		}
		b.linkAll("BEDIENT", id, gebiedIDs(gebieden))
		b.linkAll("OVER_THEMA", id, prefixed(themaID, a.themas))
		b.linkAll("VOOR_DOELGROEP", id, prefixed(doelID, a.doelgroepen))
		if a.loc != "" {
			b.link("OP_LOCATIE", id, locID(a.loc))
		}
	}
}

// initiatief is a residents' initiative.
type initiatief struct {
	slug, naam, omschrijving string
	loc                      string
	gebieden                 []string
	themas, doelgroepen      []string
	opgave                   string
	fonds                    string // organisation slug that funds it
}

var initiatieven = []initiatief{
	{"moestuin-vechtzoom", "Moestuin Vechtzoom", "Bewoners kweken samen groente op een braakliggend stuk grond.", "buurthuis-vechtzoom",
		[]string{buurtID("vechtzoom")}, []string{"openbare-ruimte", "participatie"}, []string{"bewoners"}, "overvecht-samen", "initiatievenfonds"},
	{"repair-cafe-lombok", "Repair Café Lombok", "Maandelijks samen spullen repareren in plaats van weggooien.", "buurthuis-lombok",
		[]string{buurtID("lombok")}, []string{"participatie"}, []string{"bewoners", "vrijwilligers"}, "leefbaar-lombok", "initiatievenfonds"},
	{"buurtkamer-speelveld-ondiep", "Buurtkamer op het speelveld", "Een tijdelijke unit op het speelveld als plek voor kinderen, jongeren en ouders.", "speelveld-ondiep",
		[]string{buurtID("ondiep")}, []string{"jeugd", "participatie"}, []string{"kinderen", "jongeren"}, "buurtkamer-speelveld-ondiep", "initiatievenfonds"},
	{"burendag-tuindorp-oost", "Burendag Tuindorp Oost", "Jaarlijkse dag waarop buren samen de buurt opknappen.", "buurthuis-tuindorp-oost",
		[]string{buurtID("tuindorp-oost")}, []string{"participatie", "openbare-ruimte"}, []string{"bewoners"}, "groen-en-gezond-noordoost", "kf-hein-fonds"},
	{"briljante-ideeen-hoograven", "Briljante Ideeën Hoograven", "Bewoners bedenken en kiezen samen plannen voor hun buurt.", "buurthuis-hoograven",
		[]string{buurtID("oud-hoograven"), buurtID("nieuw-hoograven")}, []string{"participatie"}, []string{"bewoners"}, "invloed-bewoners", "initiatievenfonds"},
	{"bewust-met-energie-wittevrouwen", "Bewust met Energie", "Buren helpen elkaar energie besparen.", "wevehuis",
		[]string{buurtID("wittevrouwen")}, []string{"wonen"}, []string{"bewoners", "huishoudens-met-geldzorgen"}, "groen-en-gezond-noordoost", ""},
}

// initiatieven adds the residents' initiatives.
func (b *builder) initiatieven() {
	for _, in := range initiatieven {
		id := "utr-ini-" + in.slug
		b.record("Initiatief", id, wijkbureau(locatieWijk(in.loc))).set("naam", in.naam).set("omschrijving", in.omschrijving)
		b.link("OP_LOCATIE", id, locID(in.loc))
		b.linkAll("BEDIENT", id, in.gebieden)
		b.linkAll("OVER_THEMA", id, prefixed(themaID, in.themas))
		b.linkAll("VOOR_DOELGROEP", id, prefixed(doelID, in.doelgroepen))
		b.link("GAAT_OVER", id, opgaveID(in.opgave))
		if in.fonds != "" {
			b.link("FINANCIERT", orgID(in.fonds), id)
		}
	}
}
