package demo

import (
	"fmt"
	"strings"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Short names for the three zichtbaarheden, for the tables.
const (
	openbaar = kaart.Openbaar
	partners = kaart.Partners
	intern   = kaart.Intern
)

type thema struct{ slug, naam, omschrijving string }

// themas is the controlled list of themes of the demo.
var themas = []thema{
	{"veiligheid", "Veiligheid", "Veiligheid op straat en achter de voordeur, overlast, ondermijning."},
	{"jeugd", "Jeugd", "Opgroeien, opvoeden en jongeren in de wijk."},
	{"ouderen", "Ouderen", "Zelfstandig en prettig ouder worden in de eigen buurt."},
	{"eenzaamheid", "Eenzaamheid", "Ontmoeting en erbij horen."},
	{"armoede-en-schulden", "Armoede en schulden", "Rondkomen, geldzorgen voorkomen en oplossen."},
	{"wonen", "Wonen", "Woningen, woonomgeving en samenleven in complexen."},
	{"openbare-ruimte", "Openbare ruimte", "Schoon, heel en veilig: straten, groen en pleinen."},
	{"gezondheid", "Gezondheid", "Gezond leven en gezondheidsverschillen."},
	{"participatie", "Participatie", "Meedoen en meebeslissen in de wijk."},
	{"werk-en-inkomen", "Werk en inkomen", "Aan het werk komen en blijven."},
	{"taal", "Taal", "Nederlands leren en laaggeletterdheid."},
	{"onderwijs", "Onderwijs", "School, passend onderwijs en startkwalificatie."},
	{"sport-en-bewegen", "Sport en bewegen", "Sporten en bewegen in de buurt."},
	{"cultuur", "Cultuur", "Kunst, cultuur en erfgoed in de wijk."},
	{"ondernemen", "Ondernemen", "Winkelgebieden, bedrijventerreinen en ondernemers in de wijk."},
	{"informele-zorg", "Informele zorg", "Mantelzorg, vrijwilligers en burenhulp."},
}

// doelgroepen are groups, never individuals (sources §6).
var doelgroepen = []thema{
	{"kinderen", "Kinderen", "Kinderen tot 12 jaar."},
	{"jongeren", "Jongeren", "Jongeren van 12 tot 23 jaar."},
	{"ouderen", "Ouderen", "Bewoners van 65 jaar en ouder."},
	{"nieuwkomers", "Nieuwkomers", "Statushouders en andere nieuwe Utrechters."},
	{"mantelzorgers", "Mantelzorgers", "Wie zorgt voor een naaste."},
	{"ouders-van-jonge-kinderen", "Ouders van jonge kinderen", "Ouders en verzorgers van kinderen tot 4 jaar."},
	{"ondernemers", "Ondernemers", "Winkeliers, zzp'ers en bedrijven in de wijk."},
	{"vrijwilligers", "Vrijwilligers", "Bewoners die zich inzetten voor anderen."},
	{"studenten", "Studenten", "Studenten van hogeschool en universiteit."},
	{"huishoudens-met-geldzorgen", "Huishoudens met geldzorgen", "Huishoudens die moeilijk rondkomen."},
	{"mensen-met-een-beperking", "Mensen met een beperking", "Bewoners met een lichamelijke, verstandelijke of psychische beperking."},
	{"laaggeletterden", "Laaggeletterden", "Volwassenen die moeite hebben met lezen en schrijven."},
	{"bewoners", "Alle bewoners", "Iedereen die in de wijk woont."},
}

// themasEnDoelgroepen adds the controlled lists.
func (b *builder) themasEnDoelgroepen() {
	for _, t := range themas {
		b.record("Thema", themaID(t.slug), orgID("wijken")).set("naam", t.naam).set("omschrijving", t.omschrijving)
	}
	for _, d := range doelgroepen {
		b.record("Doelgroep", doelID(d.slug), orgID("wijken")).set("naam", d.naam).set("omschrijving", d.omschrijving)
	}
}

// org is one Organisatie. gebieden are wijk slugs (or full gebied ids when
// they start with "utr-"); none means the whole gemeente.
type org struct {
	slug, naam, sector, ouder string
	kvk                       bool
	loc                       string
	gebieden                  []string
	themas, bereikt           []string
	omschrijving              string
	tel                       kaart.Zichtbaarheid // zichtbaarheid of the main phone number; "" = none
	stale                     bool
}

const regionaal = "Regionale organisatie: één keer opgenomen, bedient ook andere gemeenten."

var gemeenteOrgs = []org{
	{slug: "gemeente", naam: "Gemeente Utrecht", sector: "GEMEENTELIJKE_DIENST", loc: "stadskantoor", themas: []string{"participatie"}, tel: openbaar,
		omschrijving: "De gemeentelijke organisatie; de diensten en wijkbureaus zijn er onderdeel van."},
	{slug: "college", naam: "College van burgemeester en wethouders", sector: "GEMEENTELIJKE_DIENST", ouder: "gemeente", loc: "stadskantoor", tel: partners,
		omschrijving: "Elke wethouder heeft naast een portefeuille één of meer wijken onder zijn hoede."},
	{slug: "wijken", naam: "Directie Wijken", sector: "GEMEENTELIJKE_DIENST", ouder: "gemeente", loc: "stadskantoor", themas: []string{"participatie"}, tel: partners,
		omschrijving: "Stuurt de wijkbureaus en wijkregisseurs aan en beheert de sociale kaart."},
	{slug: "mo", naam: "Maatschappelijke Ontwikkeling", sector: "GEMEENTELIJKE_DIENST", ouder: "gemeente", loc: "stadskantoor", themas: []string{"jeugd", "ouderen", "armoede-en-schulden"}, tel: partners,
		omschrijving: "Sociaal domein: welzijn, jeugd, zorg en onderwijs; stuurt welzijnsorganisaties via subsidies."},
	{slug: "so", naam: "Stadsontwikkeling", sector: "GEMEENTELIJKE_DIENST", ouder: "gemeente", loc: "stadskantoor", themas: []string{"wonen"}, tel: partners},
	{slug: "stadsbeheer", naam: "Stadsbeheer", sector: "GEMEENTELIJKE_DIENST", ouder: "gemeente", loc: "stadskantoor", themas: []string{"openbare-ruimte"}, tel: openbaar,
		omschrijving: "Dagelijks beheer en onderhoud van de openbare ruimte."},
	{slug: "veiligheid", naam: "Openbare Orde en Veiligheid", sector: "GEMEENTELIJKE_DIENST", ouder: "gemeente", loc: "stadskantoor", themas: []string{"veiligheid"}, tel: intern},
	{slug: "volksgezondheid", naam: "Volksgezondheid (GG&GD)", sector: "GEMEENTELIJKE_DIENST", ouder: "gemeente", loc: "stadskantoor", themas: []string{"gezondheid"}, bereikt: []string{"ouders-van-jonge-kinderen"}, tel: openbaar},
	{slug: "werk-en-inkomen", naam: "Werk en Inkomen", sector: "GEMEENTELIJKE_DIENST", ouder: "gemeente", loc: "stadskantoor", themas: []string{"werk-en-inkomen", "armoede-en-schulden"}, bereikt: []string{"huishoudens-met-geldzorgen"}, tel: openbaar},
	{slug: "ez", naam: "Economische Zaken", sector: "GEMEENTELIJKE_DIENST", ouder: "gemeente", loc: "stadskantoor", themas: []string{"ondernemen"}, bereikt: []string{"ondernemers"}, tel: partners},
	{slug: "publiek", naam: "Publieksdienstverlening", sector: "GEMEENTELIJKE_DIENST", ouder: "gemeente", loc: "stadskantoor", tel: openbaar,
		omschrijving: "Klantcontactcentrum en burgerzaken."},
	{slug: "initiatievenfonds", naam: "Initiatievenfonds Utrecht", sector: "FONDS", ouder: "gemeente", loc: "stadskantoor", themas: []string{"participatie"}, bereikt: []string{"vrijwilligers"},
		omschrijving: "Gemeentelijk fonds voor bewonersinitiatieven."},
}

var partnerOrgs = []org{
	// De Wijkalliantie en supportpartners (sources §5.1).
	{slug: "buurtteamorganisatie", naam: "Buurtteamorganisatie Sociaal Utrecht", sector: "WELZIJN", kvk: true, loc: "kantoor-partners-centrum", tel: openbaar,
		themas: []string{"armoede-en-schulden", "jeugd", "gezondheid"}, bereikt: []string{"ouders-van-jonge-kinderen", "huishoudens-met-geldzorgen", "mensen-met-een-beperking"},
		omschrijving: "Buurtteams voor jeugd en gezin en voor sociaal werk in alle wijken."},
	{slug: "lokalis", naam: "Lokalis", sector: "WELZIJN", kvk: true, loc: "buurtcentrum-de-dreef", tel: openbaar,
		gebieden: []string{"overvecht", "noordoost", "oost", "binnenstad", "noordwest"}, themas: []string{"participatie", "eenzaamheid"}, bereikt: []string{"ouderen", "vrijwilligers", "bewoners"},
		omschrijving: "Welzijnswerk: sociaal makelaars en opbouwwerk."},
	{slug: "jou", naam: "JoU Utrecht", sector: "WELZIJN", kvk: true, loc: "buurthuis-ondiep", tel: openbaar,
		themas: []string{"jeugd"}, bereikt: []string{"jongeren", "kinderen"}, omschrijving: "Jongerenwerk in alle wijken."},
	{slug: "dock", naam: "DOCK", sector: "WELZIJN", kvk: true, loc: "wijkcentrum-kanaleneiland", tel: openbaar,
		gebieden: []string{"west", "zuidwest", "zuid", "leidsche-rijn", "vleuten-de-meern"}, themas: []string{"participatie", "armoede-en-schulden"}, bereikt: []string{"bewoners", "nieuwkomers"},
		omschrijving: "Welzijnswerk: sociaal makelaars en opbouwwerk."},
	{slug: "handjehelpen", naam: "Handjehelpen", sector: "WELZIJN", kvk: true, loc: "kantoor-partners-centrum", tel: openbaar,
		themas: []string{"informele-zorg"}, bereikt: []string{"mantelzorgers", "vrijwilligers", "mensen-met-een-beperking"},
		omschrijving: "Netwerk Informele Zorg Utrecht: vrijwillige hulp en mantelzorgondersteuning."},
	{slug: "sport-utrecht", naam: "Sport Utrecht", sector: "SPORT", kvk: true, loc: "sporthal-overvecht", tel: openbaar,
		themas: []string{"sport-en-bewegen"}, bereikt: []string{"kinderen", "jongeren", "ouderen"}},
	{slug: "sterkz", naam: "Sterkz.org", sector: "OVERIG", kvk: true, loc: "kantoor-partners-centrum", tel: partners,
		omschrijving: "Mede-ondertekenaar van de brief van de Wijkalliantie en supportpartners."},
	{slug: "koos", naam: "KOOS Utrecht", sector: "ZORG", kvk: true, loc: "kantoor-partners-centrum", tel: openbaar,
		themas: []string{"jeugd"}, bereikt: []string{"jongeren", "ouders-van-jonge-kinderen"}, omschrijving: "Jeugdhulp."},
	{slug: "spoor030", naam: "Spoor030", sector: "OVERIG", kvk: true, loc: "kantoor-partners-centrum", tel: partners,
		omschrijving: "Mede-ondertekenaar van de brief van de Wijkalliantie en supportpartners."},
	{slug: "sterk-vo", naam: "Sterk VO", sector: "ONDERWIJS", kvk: true, tel: partners,
		themas: []string{"onderwijs"}, bereikt: []string{"jongeren"}, omschrijving: "Samenwerkingsverband passend onderwijs voortgezet onderwijs."},
	{slug: "swv-po", naam: "SWV Utrecht PO", sector: "ONDERWIJS", kvk: true, tel: partners,
		themas: []string{"onderwijs"}, bereikt: []string{"kinderen"}, omschrijving: "Samenwerkingsverband passend onderwijs primair onderwijs."},
	{slug: "samen-veilig", naam: "Samen Veilig Midden-Nederland", sector: "ZORG", kvk: true, tel: partners,
		themas: []string{"veiligheid", "jeugd"}, omschrijving: "Jeugdbescherming en Veilig Thuis. " + regionaal},
	{slug: "u-centraal", naam: "U-Centraal", sector: "WELZIJN", kvk: true, loc: "kantoor-partners-centrum", tel: openbaar,
		themas: []string{"armoede-en-schulden", "informele-zorg"}, bereikt: []string{"huishoudens-met-geldzorgen", "mantelzorgers"}},
	{slug: "ssj", naam: "Stichting Specifieke Jeugdprojecten", sector: "ZORG", kvk: true, tel: partners,
		themas: []string{"jeugd"}, bereikt: []string{"jongeren"}},
	// Woningcorporaties.
	{slug: "mitros", naam: "Mitros", sector: "WONINGCORPORATIE", kvk: true, tel: openbaar, themas: []string{"wonen"},
		gebieden: []string{"overvecht", "zuidwest", "noordoost", "binnenstad"}},
	{slug: "portaal", naam: "Portaal", sector: "WONINGCORPORATIE", kvk: true, tel: openbaar, themas: []string{"wonen"},
		gebieden: []string{"noordwest", "west", "leidsche-rijn"}},
	{slug: "bo-ex", naam: "Bo-Ex", sector: "WONINGCORPORATIE", kvk: true, tel: openbaar, themas: []string{"wonen"},
		gebieden: []string{"zuid", "vleuten-de-meern"}},
	{slug: "ssh", naam: "SSH Student Housing", sector: "WONINGCORPORATIE", kvk: true, tel: openbaar, themas: []string{"wonen"}, bereikt: []string{"studenten"},
		gebieden: []string{"oost"}},
	// Politie: the eenheid once, with its basisteams.
	{slug: "politie", naam: "Politie Midden-Nederland", sector: "POLITIE", themas: []string{"veiligheid"}, tel: intern,
		omschrijving: "Politie-eenheid. " + regionaal},
	{slug: "basisteam-noord", naam: "Basisteam Utrecht-Noord", sector: "POLITIE", ouder: "politie", loc: "politiebureau-overvecht", themas: []string{"veiligheid"}, tel: intern,
		gebieden: []string{dienstgebiedID("basisteam-noord")}},
	{slug: "basisteam-centrum", naam: "Basisteam Utrecht-Centrum", sector: "POLITIE", ouder: "politie", loc: "politiebureau-kroonstraat", themas: []string{"veiligheid"}, tel: intern,
		gebieden: []string{dienstgebiedID("basisteam-centrum")}},
	{slug: "basisteam-west", naam: "Basisteam Utrecht-West", sector: "POLITIE", ouder: "politie", loc: "politiebureau-leidsche-rijn", themas: []string{"veiligheid"}, tel: intern,
		gebieden: []string{dienstgebiedID("basisteam-west")}},
	{slug: "basisteam-zuid", naam: "Basisteam Utrecht-Zuid", sector: "POLITIE", ouder: "politie", loc: "politiebureau-zuid", themas: []string{"veiligheid"}, tel: intern,
		gebieden: []string{dienstgebiedID("basisteam-zuid")}},
	// Onderwijs en opvang.
	{slug: "de-fakkel", naam: "Basisschool De Fakkel", sector: "ONDERWIJS", kvk: true, loc: "basisschool-de-fakkel", tel: openbaar, gebieden: []string{"overvecht"},
		themas: []string{"onderwijs"}, bereikt: []string{"kinderen", "ouders-van-jonge-kinderen"}},
	{slug: "brede-school-kanaleneiland", naam: "Brede School Kanaleneiland", sector: "ONDERWIJS", kvk: true, tel: openbaar, gebieden: []string{buurtID("kanaleneiland")},
		themas: []string{"onderwijs", "jeugd"}, bereikt: []string{"kinderen"}},
	{slug: "amadeus-lyceum", naam: "Amadeus Lyceum", sector: "ONDERWIJS", kvk: true, tel: openbaar, gebieden: []string{"vleuten-de-meern"},
		themas: []string{"onderwijs"}, bereikt: []string{"jongeren"}},
	{slug: "kranenburg", naam: "Praktijkonderwijs Kranenburg", sector: "ONDERWIJS", kvk: true, tel: openbaar,
		themas: []string{"onderwijs", "werk-en-inkomen"}, bereikt: []string{"jongeren"}},
	{slug: "roc", naam: "ROC Midden Nederland", sector: "ONDERWIJS", kvk: true, tel: openbaar, themas: []string{"onderwijs", "taal"}, bereikt: []string{"jongeren", "nieuwkomers"}},
	{slug: "hu", naam: "Hogeschool Utrecht", sector: "ONDERWIJS", kvk: true, tel: openbaar, gebieden: []string{"oost"}, themas: []string{"onderwijs"}, bereikt: []string{"studenten"}},
	{slug: "ludens", naam: "Kind & Co Ludens", sector: "OPVANG", kvk: true, tel: openbaar, themas: []string{"jeugd"}, bereikt: []string{"kinderen", "ouders-van-jonge-kinderen"}},
	// Zorg en werk.
	{slug: "vecht-en-ijssel", naam: "Vecht en IJssel", sector: "ZORG", kvk: true, tel: openbaar, themas: []string{"ouderen", "gezondheid"}, bereikt: []string{"ouderen"},
		omschrijving: "Ouderenzorg."},
	{slug: "altrecht", naam: "Altrecht", sector: "ZORG", kvk: true, tel: partners, themas: []string{"gezondheid"}, omschrijving: "Geestelijke gezondheidszorg."},
	{slug: "careyn", naam: "Careyn", sector: "ZORG", kvk: true, tel: openbaar, themas: []string{"gezondheid", "ouderen"}, bereikt: []string{"ouderen"},
		gebieden: []string{"zuid", "zuidwest", "west", "overvecht"}, omschrijving: "Wijkverpleging en thuiszorg."},
	{slug: "gezondheidscentrum-overvecht", naam: "Gezondheidscentrum Overvecht", sector: "ZORG", kvk: true, loc: "gezondheidscentrum-overvecht", tel: openbaar,
		gebieden: []string{"overvecht"}, themas: []string{"gezondheid"}, omschrijving: "Huisartsen, fysiotherapie en apotheek.", stale: true},
	{slug: "uwv", naam: "UWV", sector: "WERK_EN_INKOMEN", tel: partners, themas: []string{"werk-en-inkomen"}, omschrijving: regionaal},
	// Ondernemers.
	{slug: "winkeliersvereniging-centrum-oost", naam: "Winkeliersvereniging Centrum Oost", sector: "ONDERNEMERS", kvk: true, tel: partners,
		gebieden: []string{"binnenstad"}, themas: []string{"ondernemen"}, bereikt: []string{"ondernemers"}, stale: true},
	{slug: "ondernemersvereniging-overvecht", naam: "Ondernemersvereniging Winkelcentrum Overvecht", sector: "ONDERNEMERS", kvk: true, tel: partners,
		gebieden: []string{buurtID("overvecht-centrum")}, themas: []string{"ondernemen"}, bereikt: []string{"ondernemers"}},
	{slug: "ondernemersvereniging-lage-weide", naam: "Ondernemersvereniging Lage Weide", sector: "ONDERNEMERS", kvk: true, tel: partners,
		gebieden: []string{buurtID("lage-weide")}, themas: []string{"ondernemen", "veiligheid"}, bereikt: []string{"ondernemers"}},
	{slug: "winkeliersvereniging-kanaleneiland", naam: "Winkeliersvereniging Kanaleneiland", sector: "ONDERNEMERS", kvk: true, tel: partners,
		gebieden: []string{buurtID("kanaleneiland")}, themas: []string{"ondernemen"}, bereikt: []string{"ondernemers"}},
	{slug: "ondernemersvereniging-leidsche-rijn", naam: "Ondernemersvereniging Leidsche Rijn Centrum", sector: "ONDERNEMERS", kvk: true, tel: partners,
		gebieden: []string{buurtID("leidsche-rijn-centrum")}, themas: []string{"ondernemen"}, bereikt: []string{"ondernemers"}},
	// Levensbeschouwing, cultuur, fondsen, bewoners en overig.
	{slug: "stipu", naam: "Stipu", sector: "LEVENSBESCHOUWING", kvk: true, loc: "moskee-kanaleneiland", tel: partners,
		themas: []string{"participatie"}, bereikt: []string{"nieuwkomers", "jongeren"}, omschrijving: "Platform van Utrechtse moskeeën."},
	{slug: "cultuurhuis-kanaleneiland", naam: "Cultuurhuis Kanaleneiland", sector: "CULTUUR", kvk: true, loc: "cultuurhuis-kanaleneiland", tel: openbaar,
		gebieden: []string{"zuidwest"}, themas: []string{"cultuur"}, bereikt: []string{"kinderen", "jongeren"}},
	{slug: "bibliotheek", naam: "Bibliotheek Utrecht", sector: "CULTUUR", kvk: true, loc: "bibliotheek-neude", tel: openbaar,
		themas: []string{"cultuur", "taal"}, bereikt: []string{"laaggeletterden", "kinderen"}},
	{slug: "taalhuis", naam: "Taalhuis Utrecht", sector: "CULTUUR", ouder: "bibliotheek", loc: "bibliotheek-neude", tel: openbaar,
		themas: []string{"taal"}, bereikt: []string{"laaggeletterden", "nieuwkomers"}},
	{slug: "het-wilde-westen", naam: "Het Wilde Westen", sector: "CULTUUR", kvk: true, tel: openbaar, gebieden: []string{"west"}, themas: []string{"cultuur"}},
	{slug: "kf-hein-fonds", naam: "K.F. Hein Fonds", sector: "FONDS", kvk: true, tel: partners, themas: []string{"participatie"}, bereikt: []string{"vrijwilligers"}},
	{slug: "tuindorps-belang", naam: "Tuindorps Belang", sector: "BEWONERSORGANISATIE", kvk: true, loc: "buurthuis-tuindorp-oost",
		gebieden: []string{buurtID("tuindorp"), buurtID("tuindorp-oost")}, themas: []string{"participatie", "openbare-ruimte"}, bereikt: []string{"bewoners"}},
	{slug: "buurtbemiddeling", naam: "Buurtbemiddeling Utrecht", sector: "WELZIJN", ouder: "u-centraal", tel: openbaar,
		themas: []string{"veiligheid", "wonen"}, bereikt: []string{"bewoners", "vrijwilligers"}},
	{slug: "eigen-kracht-centrale", naam: "Eigen Kracht Centrale", sector: "NETWERKORGANISATIE", kvk: true, tel: partners,
		themas: []string{"participatie"}, omschrijving: "Landelijke organisatie; één keer opgenomen."},
	{slug: "voedselbank", naam: "Voedselbank Utrecht", sector: "OVERIG", kvk: true, tel: partners,
		themas: []string{"armoede-en-schulden"}, bereikt: []string{"huishoudens-met-geldzorgen"}, stale: true},
}

// wijkbureauOrgs are the ten wijkbureaus, one per wijk, under Directie Wijken.
func wijkbureauOrgs() []org {
	loc := map[string]string{
		"binnenstad": "stadskantoor", "west": "stadskantoor",
		"noordoost": "wijkbureau-noordoost-oost", "oost": "wijkbureau-noordoost-oost",
		"vleuten-de-meern": "wijkservicecentrum-vleuten-de-meern",
	}
	var out []org
	for _, w := range wijken {
		l := loc[w.slug]
		if l == "" {
			l = "wijkbureau-" + w.slug
		}
		out = append(out, org{
			slug: "wijkbureau-" + w.slug, naam: "Wijkbureau " + w.naam, sector: "GEMEENTELIJKE_DIENST", ouder: "wijken",
			loc: l, gebieden: []string{w.slug}, themas: []string{"participatie"}, bereikt: []string{"bewoners"}, tel: openbaar,
			omschrijving: "Het gezicht van de gemeente in " + w.naam + ": wijkregisseur, wijkadviseurs en de balie.",
		})
	}
	return out
}

// gebiedIDs turns table entries into gebied ids: wijk slugs become wijk ids.
func gebiedIDs(entries []string) []string {
	if len(entries) == 0 {
		return []string{GemeenteID}
	}
	out := make([]string, len(entries))
	for i, e := range entries {
		if strings.HasPrefix(e, "utr-") {
			out[i] = e
		} else {
			out[i] = wijkID(e)
		}
	}
	return out
}

func prefixed(f func(string) string, slugs []string) []string {
	out := make([]string, len(slugs))
	for i, s := range slugs {
		out[i] = f(s)
	}
	return out
}

// organisaties adds every Organisatie with its contact details, gebieden,
// themes and groups reached.
func (b *builder) organisaties() {
	all := append(append(append([]org{}, gemeenteOrgs...), wijkbureauOrgs()...), partnerOrgs...)
	kvk := 90000100
	for _, o := range all {
		id := orgID(o.slug)
		n := b.record("Organisatie", id, id).
			set("naam", o.naam).set("sector", o.sector).set("omschrijving", o.omschrijving)
		if o.kvk {
			kvk += 7
			n.set("kvkNummer", fmt.Sprint(kvk))
		}
		if o.stale {
			n.stale()
		}
		if o.ouder != "" {
			b.link("ONDERDEEL_VAN", id, orgID(o.ouder))
		}
		if o.loc != "" {
			b.link("OP_LOCATIE", id, locID(o.loc))
		}
		b.linkAll("BEDIENT", id, gebiedIDs(o.gebieden))
		b.linkAll("OVER_THEMA", id, prefixed(themaID, o.themas))
		b.linkAll("BEREIKT", id, prefixed(doelID, o.bereikt))

		local := dots(o.slug)
		b.contact(id, id, "EMAIL", local+"@"+EmailDomain, "Algemeen", openbaar)
		b.contact(id, id, "WEB", WebPrefix+o.slug, "Website", openbaar)
		if o.tel != "" {
			b.contact(id, id, "TELEFOON", b.orgTelefoon(), "Algemeen nummer", o.tel)
		}
		if strings.HasPrefix(o.slug, "wijkbureau-") {
			b.contact(id, id, "TELEFOON", b.orgTelefoon(), "Partnerlijn wijkbureau", partners)
			b.contact(id, id, "EMAIL", "regie."+local+"@"+EmailDomain, "Regieteam (alleen voor de gemeente)", intern)
		}
	}
	// The subsidy lines of Maatschappelijke Ontwikkeling are public.
	for _, s := range []string{"lokalis", "dock", "jou", "buurtteamorganisatie", "handjehelpen", "sport-utrecht", "u-centraal"} {
		b.link("FINANCIERT", orgID("mo"), orgID(s)).geldig("2025-01-01", "2025-12-31")
	}
}

// orgTelefoon hands out the next demo number of an organisation, in
// 030 799 0100 – 030 799 0999.
func (b *builder) orgTelefoon() string {
	b.nOrgTel++
	return fmt.Sprintf("030 799 %04d", 100+b.nOrgTel)
}

// mobiel hands out the next demo mobile number, in 06 1234 0001 – 06 1234 9999.
func (b *builder) mobiel() string {
	b.nMobiel++
	return fmt.Sprintf("06-1234 %04d", b.nMobiel)
}

// contact adds a Contactgegeven of holder with its own zichtbaarheid.
func (b *builder) contact(holder, beheerder, soort, waarde, label string, z kaart.Zichtbaarheid) {
	b.nContact[holder]++
	id := fmt.Sprintf("utr-cg-%s-%d", strings.TrimPrefix(holder, "utr-"), b.nContact[holder])
	b.record("Contactgegeven", id, beheerder).
		set("soort", soort).set("waarde", waarde).set("label", label).zicht(z)
	b.link("HEEFT_CONTACT", holder, id).zicht(z)
}
