package demo

import (
	"strings"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// lid is one membership (LID_VAN) of a coalition or overleg, on one level.
// id is a record id, or "prs:<key>" for an opted-in resident.
type lid struct {
	id      string
	niveau  kaart.Niveau
	sleutel bool
	rol     string
	eind    string // geldigTot of an ended membership
}

func bes(id string) lid { return lid{id: id, niveau: kaart.Bestuurlijk} }
func man(id string) lid { return lid{id: id, niveau: kaart.Managerial} }
func fro(id string) lid { return lid{id: id, niveau: kaart.Frontlijn} }

// key marks a sleutelpartner.
func (l lid) key() lid { l.sleutel = true; return l }

// als gives the member's role in the body.
func (l lid) als(rol string) lid { l.rol = rol; return l }

// verlopen ends the membership on the given date.
func (l lid) verlopen(datum string) lid { l.eind = datum; return l }

// prs refers to an opted-in resident by key.
func prs(key string) string { return "prs:" + key }

// resolve turns a table reference into a record id.
func (b *builder) resolve(ref string) string {
	if key, ok := strings.CutPrefix(ref, "prs:"); ok {
		id, ok := b.persons[key]
		if !ok {
			panic("demo: no resident " + key)
		}
		return id
	}
	return ref
}

// leden adds the memberships of a body. A person's membership is as
// visible as the person; others as the body. Memberships start when the
// body starts (van may be empty).
func (b *builder) leden(body string, leden []lid, z kaart.Zichtbaarheid, van string) {
	for _, l := range leden {
		id := b.resolve(l.id)
		lz := z
		if b.types[id] == "Persoon" {
			lz = b.zichtOf(id)
		}
		b.link("LID_VAN", id, body).zicht(lz).
			set("niveau", string(l.niveau)).set("sleutelpartner", l.sleutel).set("rol", l.rol).
			geldig(van, l.eind)
	}
}

// opgave is the shared task a coalition or agreement works on.
type opgave struct {
	slug, titel, omschrijving string
}

// afspraak is a written agreement with its signatories (organisations,
// networks, persons).
type afspraak struct {
	slug, titel, soort, van, tot, omschrijving string
	beheerder                                  string   // organisation id
	voor                                       []string // AFSPRAAK_VAN: coalitie, overleg or netwerk ids
	ondertekenaars                             []string
	opgaven                                    []string // opgave slugs
	gebieden                                   []string // gebied ids
	zicht                                      kaart.Zichtbaarheid
	stale                                      bool
}

// coalitie is a coalition around one opgave, with members per level.
type coalitie struct {
	slug, naam, soort, van, tot, omschrijving string
	beheerder                                 string // organisation id
	gebieden                                  []string
	themas                                    []string
	opgave                                    opgave
	voorzitter                                string
	leden                                     []lid
	afspraak                                  *afspraak // nil: nothing written down
	zicht                                     kaart.Zichtbaarheid
	stale                                     bool
}

// Shorthands for the roles every wijk has.
func regisseur(w string) string     { return funID("wijkregisseur", w) }
func wijkwethouder(w string) string { return funID("wijkwethouder", w) }
func makelaar(w string) string      { return funID("sociaal-makelaar", w) }
func buurtteam(w string) string     { return funID("buurtteam", w) }
func jongerenwerk(w string) string  { return funID("jongerenwerker", w) }
func wijkagent(buurt string) string { return funID("wijkagent", buurt) }
func teammanager(w string) string   { return funID("teammanager-buurtteam", w) }
func consulent(w string) string     { return funID("wijkconsulent", w) }
func adviseur(w string) string      { return funID("wijkadviseur", w) }
func wethouderVan(p string) string  { return funID("wethouder", p) }

// coalitiesTabel holds the twenty coalitions. Two of them carry a gap on
// purpose (sources §3.3): Pleinenaanpak Kanaleneiland has no bestuurlijk
// member (the Rotterdam pleinen pattern), and Buurtkamer Speelveld Ondiep
// has no managerial member (the Kolenkit pattern).
var coalitiesTabel = []coalitie{
	{slug: "veilig-kanaleneiland", naam: "Veilig Kanaleneiland", soort: "VAST", van: "2019-01-01",
		beheerder: wijkbureau("zuidwest"), gebieden: []string{buurtID("kanaleneiland")}, themas: []string{"veiligheid", "jeugd"},
		opgave:     opgave{"veilig-kanaleneiland", "Kanaleneiland veilig voor jong en oud", "Minder overlast en criminaliteit, meer perspectief voor jongeren."},
		voorzitter: wijkwethouder("zuidwest"),
		leden: []lid{
			bes(wijkwethouder("zuidwest")).key().als("voorzitter"), bes(funID("bestuurder-mitros")).key(),
			bes(funID("districtchef-politie")).key(), bes(funID("bestuurder-samen-veilig")),
			man(regisseur("zuidwest")), man(funID("teamchef", "zuid")), man(funID("gebiedsmanager-wijkveiligheid", "west-zuid")).key(),
			man(funID("teamleider-jou-zuid-west")),
			fro(wijkagent("kanaleneiland")), fro(jongerenwerk("zuidwest")), fro(funID("wijkveiligheidsmedewerker", "zuidwest")),
			fro(funID("ambulant-jongerenwerker-ssj")), fro(nwID("sleutelfiguren-kanaleneiland")), fro(prs("sf-kanaleneiland-2")),
			fro(funID("jeugdbeschermer-samen-veilig")).verlopen("2024-12-31"),
		},
		afspraak: &afspraak{slug: "convenant-veilig-kanaleneiland", titel: "Convenant Veilig Kanaleneiland 2023-2026", soort: "CONVENANT",
			van: "2023-01-01", tot: "2026-12-31",
			ondertekenaars: []string{orgID("gemeente"), orgID("mitros"), orgID("politie"), orgID("samen-veilig"), orgID("jou"), orgID("dock")}}},
	{slug: "overvecht-samen", naam: "Overvecht Samen", soort: "VAST", van: "2018-06-01",
		beheerder: wijkbureau("overvecht"), gebieden: []string{wijkID("overvecht")}, themas: []string{"participatie", "wonen"},
		opgave:     opgave{"overvecht-samen", "Samen werken aan een sterker Overvecht", "Wonen, werken en meedoen in Overvecht in samenhang verbeteren."},
		voorzitter: wijkwethouder("overvecht"),
		leden: []lid{
			bes(wijkwethouder("overvecht")).key(), bes(funID("bestuurder-mitros")).key(), bes(funID("directeur-portaal")),
			bes(funID("bestuurder-lokalis")), bes(funID("bestuurder-buurtteamorganisatie")),
			man(regisseur("overvecht")).key(), man(funID("gebiedsmanager-mitros-overvecht")), man(funID("manager-lokalis-noord")),
			man(funID("sociaal-gebiedsmanager", "cumulus")),
			fro(makelaar("overvecht")), fro(buurtteam("overvecht")), fro(funID("opbouwwerker-overvecht")),
			fro(nwID("wijkraad-overvecht")), fro(prs("sf-overvecht-1")), fro(consulent("overvecht")),
		},
		afspraak: &afspraak{slug: "charter-overvecht-samen", titel: "Charter Overvecht Samen 2020-2030", soort: "CHARTER",
			van: "2020-01-01", tot: "2029-12-31", omschrijving: "Tienjarige verbintenis van gemeente, corporaties, partners en wijkraad.",
			ondertekenaars: []string{orgID("gemeente"), orgID("mitros"), orgID("portaal"), orgID("lokalis"), orgID("buurtteamorganisatie"), nwID("wijkraad-overvecht")}}},
	{slug: "eenzaamheid-ouderen-zuid", naam: "Eenzaamheid ouderen Zuid", soort: "TIJDELIJK", van: "2023-03-01", tot: "2026-02-28",
		beheerder: orgID("dock"), gebieden: []string{wijkID("zuid")}, themas: []string{"eenzaamheid", "ouderen"},
		opgave:     opgave{"eenzaamheid-ouderen-zuid", "Minder eenzaamheid onder ouderen in Zuid", "Ouderen in Hoograven, Tolsteeg en Lunetten vinden elkaar en de weg naar hulp."},
		voorzitter: funID("manager-dock-zuid-leidsche-rijn"),
		leden: []lid{
			bes(wijkwethouder("zuid")).key(), bes(funID("bestuurder-vecht-en-ijssel")).key(), bes(funID("bestuurder-handjehelpen")),
			man(regisseur("zuid")), man(funID("teamleider-careyn-zuid")), man(funID("coordinator-mantelzorg")).key(),
			man(funID("manager-dock-zuid-leidsche-rijn")).als("trekker"),
			fro(makelaar("zuid")), fro(funID("wijkverpleegkundige-zuid")), fro(funID("mantelzorgconsulent-zuid")),
			fro(nwID("netwerk-eenzaamheid-zuid")), fro(prs("sf-hoograven-1")), fro(prs("sf-lunetten-1")).verlopen("2024-08-31"),
		},
		afspraak: &afspraak{slug: "samenwerkingsafspraken-eenzaamheid-zuid", titel: "Samenwerkingsafspraken Eenzaamheid Zuid", soort: "INTENTIEOVEREENKOMST",
			van: "2023-03-01", tot: "2026-02-28",
			ondertekenaars: []string{orgID("gemeente"), orgID("vecht-en-ijssel"), orgID("handjehelpen"), orgID("dock"), orgID("careyn")}}},
	{slug: "kansrijk-opgroeien-overvecht", naam: "Kansrijk opgroeien in Overvecht", soort: "VAST", van: "2020-09-01",
		beheerder: orgID("mo"), gebieden: []string{wijkID("overvecht")}, themas: []string{"jeugd", "onderwijs"},
		opgave:     opgave{"kansrijk-opgroeien-overvecht", "Ieder kind in Overvecht een kansrijke start", "Van consultatiebureau tot startkwalificatie: school, ouders en wijk samen."},
		voorzitter: wethouderVan("onderwijs-sport-cultuur"),
		leden: []lid{
			bes(wethouderVan("onderwijs-sport-cultuur")).key(), bes(funID("bestuurder-swv-po")).key(), bes(funID("bestuurder-koos")),
			man(funID("directeur-de-fakkel")).key(), man(funID("teamleider-jou-noord")), man(teammanager("overvecht")),
			fro(funID("ouderconsulent-de-fakkel")), fro(jongerenwerk("overvecht")), fro(buurtteam("overvecht")),
			fro(funID("wijkgezondheidswerker", "overvecht")), fro(nwID("moedernetwerk-overvecht")), fro(prs("sf-overvecht-2")),
		},
		afspraak: &afspraak{slug: "wijkactieplan-kansrijk-opgroeien-overvecht-2025", titel: "Wijkactieplan Kansrijk opgroeien Overvecht 2025", soort: "WIJKACTIEPLAN",
			van: "2025-01-01", tot: "2025-12-31",
			ondertekenaars: []string{orgID("gemeente"), orgID("swv-po"), orgID("koos"), orgID("de-fakkel"), orgID("jou"), orgID("buurtteamorganisatie")}}},
	{slug: "schuldenvrij-zuidwest", naam: "Schuldenvrij Zuidwest", soort: "TIJDELIJK", van: "2024-01-01", tot: "2026-12-31",
		beheerder: orgID("u-centraal"), gebieden: []string{wijkID("zuidwest")}, themas: []string{"armoede-en-schulden"},
		opgave:     opgave{"schuldenvrij-zuidwest", "Geldzorgen in Zuidwest eerder in beeld", "Signalen van betalingsachterstanden leiden sneller tot hulp."},
		voorzitter: funID("directeur-u-centraal"),
		leden: []lid{
			bes(wethouderVan("werk-inkomen")).key(), bes(funID("directeur-u-centraal")).key().als("voorzitter"), bes(funID("bestuurder-buurtteamorganisatie")),
			man(teammanager("zuidwest")).key(), man(regisseur("zuidwest")), man(funID("manager-dock-west-zuidwest")),
			fro(funID("consulent-geldzaken-zuidwest")), fro(buurtteam("zuidwest")), fro(makelaar("zuidwest")),
			fro(orgID("voedselbank")), fro(prs("sf-kanaleneiland-1")),
		},
		afspraak: &afspraak{slug: "convenant-vroegsignalering-zuidwest", titel: "Convenant vroegsignalering schulden Zuidwest", soort: "CONVENANT",
			van: "2024-01-01", tot: "2026-12-31",
			ondertekenaars: []string{orgID("gemeente"), orgID("u-centraal"), orgID("buurtteamorganisatie"), orgID("mitros"), orgID("dock")}}},
	{slug: "taal-werkt-west", naam: "Taal werkt West", soort: "TIJDELIJK", van: "2024-09-01", tot: "2026-08-31",
		beheerder: wijkbureau("west"), gebieden: []string{wijkID("west")}, themas: []string{"taal", "werk-en-inkomen"},
		opgave:     opgave{"taal-werkt-west", "Meer bewoners van West aan het werk via taal", "Taalaanbod en werkbegeleiding sluiten op elkaar aan."},
		voorzitter: wijkwethouder("west"),
		leden: []lid{
			bes(wijkwethouder("west")).key(), bes(funID("bestuurder-roc")),
			man(regisseur("west")), man(funID("manager-dock-west-zuidwest")), man(orgID("werk-en-inkomen")),
			fro(funID("taalcoordinator-taalhuis")).key(), fro(makelaar("west")), fro(funID("opbouwwerker-west")), fro(prs("sf-lombok-1")),
		},
		afspraak: &afspraak{slug: "intentieovereenkomst-taal-werkt-west", titel: "Intentieovereenkomst Taal werkt West", soort: "INTENTIEOVEREENKOMST",
			van: "2024-09-01", tot: "2026-08-31",
			ondertekenaars: []string{orgID("gemeente"), orgID("roc"), orgID("bibliotheek"), orgID("dock")}}},
	{slug: "samen-sterk-noordwest", naam: "Samen sterk in Noordwest", soort: "VAST", van: "2019-04-01",
		beheerder: wijkbureau("noordwest"), gebieden: []string{wijkID("noordwest")}, themas: []string{"participatie", "veiligheid"},
		opgave:     opgave{"samen-sterk-noordwest", "Zuilen en Ondiep: samen sterk", "Buurten waar bewoners elkaar kennen en aanspreken."},
		voorzitter: regisseur("noordwest"),
		leden: []lid{
			bes(wijkwethouder("noordwest")).key(), bes(funID("directeur-portaal")).key(), bes(funID("bestuurder-lokalis")),
			man(regisseur("noordwest")).als("voorzitter"), man(funID("teamleider-portaal-noordwest")), man(funID("manager-lokalis-noord")),
			man(funID("teamchef", "noord")),
			fro(makelaar("noordwest")), fro(wijkagent("ondiep")), fro(funID("wijkveiligheidsmedewerker", "noordwest")),
			fro(nwID("wijkraad-noordwest")), fro(funID("opbouwwerker-noordwest")),
		},
		afspraak: &afspraak{slug: "wijkactieprogramma-noordwest", titel: "Wijkactieprogramma Noordwest 2024-2027", soort: "WIJKACTIEPROGRAMMA",
			van: "2024-01-01", tot: "2027-12-31",
			ondertekenaars: []string{orgID("gemeente"), orgID("portaal"), orgID("lokalis"), nwID("wijkraad-noordwest")}}},
	{slug: "leefbaar-lombok", naam: "Leefbaar Lombok", soort: "TIJDELIJK", van: "2022-05-01", tot: "2025-12-31",
		beheerder: wijkbureau("west"), gebieden: []string{buurtID("lombok")}, themas: []string{"openbare-ruimte", "ondernemen"},
		opgave:     opgave{"leefbaar-lombok", "Schoon, heel en veilig rond de Kanaalstraat", "Openbare ruimte en winkelstraat die bewoners en ondernemers samen onderhouden."},
		voorzitter: funID("gebiedsmanager-stadsbeheer", "west-zuidwest"),
		leden: []lid{
			bes(wethouderVan("economie-openbare-ruimte")).key(), bes(funID("directeur-portaal")),
			man(funID("gebiedsmanager-stadsbeheer", "west-zuidwest")).key(), man(regisseur("west")), man(funID("teamleider-portaal-noordwest")),
			fro(wijkagent("lombok")), fro(funID("opbouwwerker-west")), fro(funID("accountmanager-ondernemers", "zuid-west")),
			fro(prs("sf-lombok-1")).key(), fro(orgID("het-wilde-westen")),
		},
		afspraak: &afspraak{slug: "buurtcontract-lombok", titel: "Buurtcontract Lombok", soort: "BUURTCONTRACT",
			van: "2022-05-01", tot: "2025-12-31",
			ondertekenaars: []string{orgID("gemeente"), orgID("portaal"), orgID("dock"), orgID("het-wilde-westen")}}},
	{slug: "groen-en-gezond-noordoost", naam: "Groen en gezond Noordoost", soort: "TIJDELIJK", van: "2024-04-01", tot: "2027-03-31",
		beheerder: wijkbureau("noordoost"), gebieden: []string{wijkID("noordoost")}, themas: []string{"gezondheid", "openbare-ruimte"},
		opgave:     opgave{"groen-en-gezond-noordoost", "Een groene en gezonde wijk Noordoost", "Meer groen, meer bewegen, minder hittestress in Tuindorp en Voordorp."},
		voorzitter: wijkwethouder("noordoost"),
		leden: []lid{
			bes(wijkwethouder("noordoost")).key(), bes(funID("voorzitter-tuindorps-belang")),
			man(regisseur("noordoost")), man(funID("gebiedsmanager-stadsbeheer", "noordoost-oost")).key(), man(funID("sociaal-gebiedsmanager", "cumulus")),
			fro(makelaar("noordoost")), fro(nwID("buurtcomite-tuindorp-oost")), fro(prs("sf-tuindorp-oost-1")), fro(jongerenwerk("noordoost")),
		},
		afspraak: &afspraak{slug: "wijkactieplan-groen-en-gezond-noordoost", titel: "Wijkactieplan Groen en gezond Noordoost", soort: "WIJKACTIEPLAN",
			van: "2024-04-01", tot: "2027-03-31",
			ondertekenaars: []string{orgID("gemeente"), orgID("tuindorps-belang"), orgID("lokalis"), nwID("buurtcomite-tuindorp-oost")}}},
	{slug: "jong-in-leidsche-rijn", naam: "Jong in Leidsche Rijn", soort: "VAST", van: "2021-01-01",
		beheerder: wijkbureau("leidsche-rijn"), gebieden: []string{wijkID("leidsche-rijn")}, themas: []string{"jeugd", "sport-en-bewegen"},
		opgave:     opgave{"jong-in-leidsche-rijn", "Opgroeien in een jonge wijk", "Genoeg plekken en aanbod voor de vele kinderen en jongeren in Leidsche Rijn."},
		voorzitter: wijkwethouder("leidsche-rijn"),
		leden: []lid{
			bes(wijkwethouder("leidsche-rijn")).key(), bes(funID("bestuurder-sport-utrecht")).key(), bes(funID("directeur-jou")),
			man(regisseur("leidsche-rijn")), man(funID("coordinator-buurtsport")), man(funID("manager-dock-zuid-leidsche-rijn")),
			fro(jongerenwerk("leidsche-rijn")), fro(funID("buurtsportcoach-leidsche-rijn")), fro(wijkagent("terwijde")), fro(nwID("wijkraad-leidsche-rijn")),
		},
		afspraak: &afspraak{slug: "convenant-jong-in-leidsche-rijn", titel: "Convenant Jong in Leidsche Rijn", soort: "CONVENANT",
			van: "2021-01-01", tot: "2025-12-31",
			ondertekenaars: []string{orgID("gemeente"), orgID("sport-utrecht"), orgID("jou"), orgID("dock")}}},
	{slug: "binnenstad-leefbaar-en-veilig", naam: "Binnenstad leefbaar en veilig", soort: "VAST", van: "2017-01-01",
		beheerder: orgID("veiligheid"), gebieden: []string{wijkID("binnenstad")}, themas: []string{"veiligheid", "ondernemen"},
		opgave:     opgave{"binnenstad-leefbaar-veilig", "Een leefbare en veilige binnenstad", "Wonen, winkelen en uitgaan in balans."},
		voorzitter: funID("burgemeester"),
		leden: []lid{
			bes(funID("burgemeester")).key().als("voorzitter"), bes(wijkwethouder("binnenstad")), bes(funID("districtchef-politie")).key(),
			bes(orgID("winkeliersvereniging-centrum-oost")).verlopen("2023-12-31"),
			man(funID("gebiedsmanager-wijkveiligheid", "centrum")).key(), man(funID("teamchef", "centrum")), man(regisseur("binnenstad")),
			fro(wijkagent("wijk-c")), fro(wijkagent("museumkwartier")), fro(funID("wijkveiligheidsmedewerker", "binnenstad")),
			fro(funID("accountmanager-ondernemers", "noord-oost")), fro(nwID("wijkraad-binnenstad")),
		},
		afspraak: &afspraak{slug: "convenant-veilig-uitgaan-binnenstad", titel: "Convenant Veilig uitgaan Binnenstad", soort: "CONVENANT",
			van: "2022-01-01", tot: "2025-12-31",
			ondertekenaars: []string{orgID("gemeente"), orgID("politie"), orgID("winkeliersvereniging-centrum-oost")}}},
	{slug: "pleinenaanpak-kanaleneiland", naam: "Pleinenaanpak Kanaleneiland", soort: "TIJDELIJK", van: "2024-03-01", tot: "2026-12-31",
		beheerder: wijkbureau("zuidwest"), gebieden: []string{buurtID("kanaleneiland")}, themas: []string{"jeugd", "openbare-ruimte", "participatie"},
		omschrijving: "Jongerenwerk, opbouwwerk, school en bewoners werken op de pleinen, met een regiegroep van gebiedsmanager, wijkregisseur en corporatie. " +
			"Een bestuurlijke coalitie die de lijn draagt ontbreekt (vergelijk de pleinenaanpak in Feijenoord, bronnen §3.3).",
		opgave:     opgave{"pleinen-kanaleneiland", "De pleinen van Kanaleneiland van de buurt", "Pleinen waar kinderen spelen, jongeren welkom zijn en bewoners elkaar treffen."},
		voorzitter: funID("gebiedsmanager-wijkveiligheid", "west-zuid"),
		zicht:      partners,
		leden: []lid{
			man(funID("gebiedsmanager-wijkveiligheid", "west-zuid")).als("regiegroep").key(), man(regisseur("zuidwest")).als("regiegroep"),
			man(funID("gebiedsmanager-mitros-zuidwest")).als("regiegroep"), man(funID("sociaal-gebiedsmanager", "zuid-zuidwest-west")).als("regiegroep"),
			fro(jongerenwerk("zuidwest")), fro(funID("opbouwwerker-zuidwest")).key().als("pleinwerker"), fro(orgID("brede-school-kanaleneiland")),
			fro(funID("buurtsportcoach-zuidwest")), fro(funID("contactpersoon-sleutelfiguren-stipu")), fro(prs("sf-kanaleneiland-3")),
			fro(nwID("sleutelfiguren-kanaleneiland")),
		},
		afspraak: &afspraak{slug: "plan-van-aanpak-pleinen-kanaleneiland", titel: "Plan van aanpak pleinen Kanaleneiland", soort: "OVERIG",
			van: "2024-03-01", tot: "2026-12-31", omschrijving: "Werkafspraken van de uitvoerders; niet bestuurlijk vastgesteld.",
			ondertekenaars: []string{orgID("dock"), orgID("jou"), orgID("mitros"), orgID("brede-school-kanaleneiland")}}},
	{slug: "buurtkamer-speelveld-ondiep", naam: "Buurtkamer Speelveld Ondiep", soort: "TIJDELIJK", van: "2024-06-01", tot: "2025-12-31",
		beheerder: wijkbureau("noordwest"), gebieden: []string{buurtID("ondiep")}, themas: []string{"jeugd", "participatie"},
		omschrijving: "Jongerenwerk, opbouwwerk, wijkagent en bewoners willen een tijdelijke buurtkamer op het speelveld en de wijkwethouder steunt het. " +
			"Op managementniveau ontbreken urgentie en doorzettingsmacht om de nutsaansluiting te regelen, zodat de opening vertraagt (vergelijk de Kolenkit, bronnen §3.3).",
		opgave:     opgave{"buurtkamer-speelveld-ondiep", "Een buurtkamer op het speelveld in Ondiep", "Een plek voor kinderen, jongeren en ouders midden in de buurt."},
		voorzitter: jongerenwerk("noordwest"),
		leden: []lid{
			bes(wijkwethouder("noordwest")).key(),
			fro(jongerenwerk("noordwest")).key().als("trekker"), fro(funID("opbouwwerker-noordwest")), fro(wijkagent("ondiep")),
			fro(makelaar("noordwest")), fro(prs("sf-ondiep-1")), fro(nwID("bewonersgroep-groen-pijlsweerd")),
		}},
	{slug: "aan-het-werk-overvecht", naam: "Aan het werk in Overvecht", soort: "TIJDELIJK", van: "2023-01-01", tot: "2025-12-31",
		beheerder: orgID("werk-en-inkomen"), gebieden: []string{wijkID("overvecht")}, themas: []string{"werk-en-inkomen"},
		opgave:     opgave{"aan-het-werk-overvecht", "Meer bewoners van Overvecht aan het werk", "Werkzoekenden en ondernemers in de wijk vinden elkaar."},
		voorzitter: wethouderVan("werk-inkomen"),
		zicht:      partners,
		leden: []lid{
			bes(wethouderVan("werk-inkomen")).key(), bes(orgID("uwv")), bes(funID("voorzitter-ondernemersvereniging-overvecht")),
			man(orgID("werk-en-inkomen")).key(), man(funID("manager-ondernemersvereniging-overvecht")), man(regisseur("overvecht")),
			fro(buurtteam("overvecht")), fro(makelaar("overvecht")), fro(orgID("kranenburg")), fro(funID("accountmanager-ondernemers", "noord-oost")),
		},
		afspraak: &afspraak{slug: "intentieovereenkomst-werken-in-overvecht", titel: "Intentieovereenkomst Werken in Overvecht", soort: "INTENTIEOVEREENKOMST",
			van: "2023-01-01", tot: "2025-12-31",
			ondertekenaars: []string{orgID("gemeente"), orgID("uwv"), orgID("ondernemersvereniging-overvecht"), orgID("kranenburg")}}},
	{slug: "vleuten-de-meern-voor-elkaar", naam: "Vleuten-De Meern voor elkaar", soort: "VAST", van: "2020-01-01",
		beheerder: wijkbureau("vleuten-de-meern"), gebieden: []string{wijkID("vleuten-de-meern")}, themas: []string{"informele-zorg", "ouderen"},
		opgave:     opgave{"vleuten-de-meern-voor-elkaar", "Naar elkaar omkijken in Vleuten-De Meern", "Vrijwilligers, mantelzorgers en buren die elkaar helpen."},
		voorzitter: wijkwethouder("vleuten-de-meern"), stale: true,
		leden: []lid{
			bes(wijkwethouder("vleuten-de-meern")).key(), bes(funID("bestuurder-handjehelpen")).key(), bes(funID("bestuurder-bo-ex")),
			man(regisseur("vleuten-de-meern")), man(funID("coordinator-mantelzorg")), man(funID("manager-bo-ex")),
			fro(makelaar("vleuten-de-meern")), fro(buurtteam("vleuten-de-meern")), fro(nwID("wijkraad-vleuten-de-meern")),
			fro(prs("voorzitter-wijkraad-vleuten-de-meern")),
		},
		afspraak: &afspraak{slug: "charter-vleuten-de-meern-voor-elkaar", titel: "Charter Vleuten-De Meern voor elkaar", soort: "CHARTER",
			van: "2020-01-01", tot: "2029-12-31", stale: true,
			ondertekenaars: []string{orgID("gemeente"), orgID("handjehelpen"), orgID("bo-ex"), orgID("dock"), nwID("wijkraad-vleuten-de-meern")}}},
	{slug: "studenten-en-buren-oost", naam: "Studenten en buren in Oost", soort: "TIJDELIJK", van: "2024-09-01", tot: "2026-08-31",
		beheerder: wijkbureau("oost"), gebieden: []string{wijkID("oost")}, themas: []string{"participatie", "wonen"},
		opgave:     opgave{"studenten-en-buren-oost", "Studenten en vaste bewoners goede buren", "Minder overlast, meer ontmoeting rond studentenhuizen."},
		voorzitter: wijkwethouder("oost"),
		leden: []lid{
			bes(wijkwethouder("oost")).key(), bes(funID("bestuurder-ssh")).key(),
			man(regisseur("oost")), man(funID("manager-lokalis-centrum-oost")), man(orgID("hu")),
			fro(makelaar("oost")), fro(consulent("oost")), fro(nwID("bewonersvereniging-stolberglaan")), fro(prs("sf-stolberglaan-1")),
			fro(wijkagent("rijnsweerd")),
		},
		afspraak: &afspraak{slug: "buurtafspraken-studentenhuisvesting-oost", titel: "Buurtafspraken studentenhuisvesting Oost", soort: "OVERIG",
			van: "2024-09-01", tot: "2026-08-31",
			ondertekenaars: []string{orgID("gemeente"), orgID("ssh"), orgID("hu"), nwID("bewonersvereniging-stolberglaan")}}},
	{slug: "veilig-ondernemen-lage-weide", naam: "Veilig ondernemen Lage Weide", soort: "VAST", van: "2016-01-01",
		beheerder: orgID("ez"), gebieden: []string{buurtID("lage-weide")}, themas: []string{"ondernemen", "veiligheid"},
		opgave:     opgave{"veilig-ondernemen-lage-weide", "Een veilig bedrijventerrein Lage Weide", "Minder inbraak en ondermijning op het bedrijventerrein."},
		voorzitter: funID("voorzitter-ondernemersvereniging-lage-weide"),
		leden: []lid{
			bes(funID("voorzitter-ondernemersvereniging-lage-weide")).key().als("voorzitter"), bes(funID("districtchef-politie")),
			bes(wethouderVan("economie-openbare-ruimte")),
			man(funID("teamchef", "west")), man(funID("gebiedsmanager-wijkveiligheid", "west-zuid")), man(regisseur("west")),
			fro(funID("accountmanager-ondernemers", "zuid-west")).key(), fro(wijkagent("oog-in-al")),
		},
		afspraak: &afspraak{slug: "keurmerk-veilig-ondernemen-lage-weide", titel: "Keurmerk Veilig Ondernemen Lage Weide", soort: "CONVENANT",
			van: "2023-01-01", tot: "2025-12-31",
			ondertekenaars: []string{orgID("gemeente"), orgID("politie"), orgID("ondernemersvereniging-lage-weide")}}},
	{slug: "wittevrouwenbrug", naam: "Wittevrouwenbrug: samen door de werkzaamheden", soort: "TIJDELIJK", van: "2022-01-01", tot: "2026-06-30",
		beheerder: wijkbureau("noordoost"), gebieden: []string{wijkID("noordoost"), wijkID("oost"), wijkID("binnenstad")}, themas: []string{"openbare-ruimte", "ondernemen"},
		omschrijving: "Duo van de wijkregisseur Noordoost en de wijkwethouder Binnenstad voor een project op de grens van drie wijken.",
		opgave:       opgave{"wittevrouwenbrug", "Bereikbaar en leefbaar tijdens de werkzaamheden aan de Wittevrouwenbrug", "Bewoners en winkeliers blijven bereikbaar en op de hoogte."},
		voorzitter:   regisseur("noordoost"),
		leden: []lid{
			bes(wijkwethouder("binnenstad")).key(), bes(orgID("winkeliersvereniging-centrum-oost")),
			man(regisseur("noordoost")).key().als("voorzitter"), man(funID("gebiedsmanager-stadsbeheer", "noordoost-oost")),
			man(funID("gebiedsmanager-stadsbeheer", "zuid-binnenstad")),
			fro(nwID("bewonersgroep-wittevrouwenbrug")), fro(prs("sf-wittevrouwen-1")), fro(funID("accountmanager-ondernemers", "noord-oost")),
			fro(adviseur("noordoost")),
		},
		afspraak: &afspraak{slug: "afspraken-bereikbaarheid-wittevrouwenbrug", titel: "Afspraken bereikbaarheid Wittevrouwenbrug", soort: "OVERIG",
			van: "2022-01-01", tot: "2026-06-30",
			ondertekenaars: []string{orgID("gemeente"), orgID("winkeliersvereniging-centrum-oost"), nwID("bewonersgroep-wittevrouwenbrug")}}},
	{slug: "sterke-sociale-basis-zuidwest", naam: "Sterke sociale basis Zuidwest", soort: "VAST", van: "2021-01-01",
		beheerder: orgID("dock"), gebieden: []string{wijkID("zuidwest")}, themas: []string{"participatie", "gezondheid"},
		omschrijving: "Basisinfrastructuur van de Wijkalliantie in Zuidwest: vaste medewerkers die initiatieven verbinden en belemmeringen agenderen.",
		opgave:       opgave{"sterke-sociale-basis-zuidwest", "Een sterke sociale basis in Zuidwest", "Eén wijkagenda voor welzijn, zorg en jeugd in Kanaleneiland, Transwijk, Dichterswijk en Rivierenwijk."},
		voorzitter:   funID("bestuurder-dock"),
		leden: []lid{
			bes(wijkwethouder("zuidwest")).key(), bes(funID("bestuurder-dock")).key().als("voorzitter"), bes(funID("bestuurder-buurtteamorganisatie")),
			bes(funID("directeur-jou")),
			man(funID("manager-dock-west-zuidwest")), man(teammanager("zuidwest")), man(funID("teamleider-careyn-zuid")),
			man(funID("sociaal-gebiedsmanager", "zuid-zuidwest-west")),
			fro(makelaar("zuidwest")), fro(buurtteam("zuidwest")), fro(funID("wijkverpleegkundige-zuidwest")),
			fro(funID("wijkgezondheidswerker", "zuidwest")), fro(orgID("cultuurhuis-kanaleneiland")),
		},
		afspraak: &afspraak{slug: "wijkagenda-zuidwest", titel: "Wijkagenda Zuidwest 2025-2028", soort: "WIJKACTIEPROGRAMMA",
			van: "2025-01-01", tot: "2028-12-31",
			ondertekenaars: []string{orgID("gemeente"), orgID("dock"), orgID("buurtteamorganisatie"), orgID("jou"), orgID("careyn"), nwID("wijkalliantie")}}},
	{slug: "welkom-nieuwkomers-leidsche-rijn", naam: "Welkom nieuwkomers Leidsche Rijn", soort: "TIJDELIJK", van: "2024-03-01", tot: "2026-06-30",
		beheerder: orgID("mo"), gebieden: []string{wijkID("leidsche-rijn")}, themas: []string{"taal", "participatie"},
		opgave:     opgave{"welkom-nieuwkomers-leidsche-rijn", "Nieuwkomers thuis in Leidsche Rijn", "Statushouders vinden taal, werk en buren."},
		voorzitter: funID("sociaal-gebiedsmanager", "noordwest-leidsche-rijn-vleuten-de-meern"),
		leden: []lid{
			bes(wethouderVan("participatie-wijken")).key(), bes(funID("directeur-portaal")),
			man(funID("sociaal-gebiedsmanager", "noordwest-leidsche-rijn-vleuten-de-meern")).key(), man(funID("manager-dock-zuid-leidsche-rijn")),
			man(regisseur("leidsche-rijn")),
			fro(makelaar("leidsche-rijn")), fro(funID("taalcoordinator-taalhuis")), fro(nwID("netwerk-nieuwkomers-leidsche-rijn")),
			fro(prs("sf-leidsche-rijn-1")), fro(buurtteam("leidsche-rijn")),
		}},
}

// losseAfspraken are agreements of an overleg or of the wijkraden.
var losseAfspraken = []afspraak{
	{slug: "convenant-wijkraden", titel: "Convenant wijkraden", soort: "CONVENANT", van: "2010-03-19", beheerder: orgID("wijken"), stale: true,
		omschrijving: "Afspraken tussen college en wijkraden over gevraagd en ongevraagd advies.",
		voor:         prefixed(nwID, wijkraadSlugs()), ondertekenaars: append([]string{orgID("gemeente")}, prefixed(nwID, wijkraadSlugs())...),
		opgaven: []string{"invloed-bewoners"}, gebieden: []string{GemeenteID}},
	{slug: "wijkactieplan-overvecht-2025", titel: "Wijkactieplan Overvecht 2025", soort: "WIJKACTIEPLAN", van: "2025-01-01", tot: "2025-12-31",
		beheerder: wijkbureau("overvecht"), voor: []string{overlegID("stuurgroep-overvecht")},
		ondertekenaars: []string{orgID("gemeente"), orgID("mitros"), orgID("portaal"), orgID("lokalis"), nwID("wijkraad-overvecht")},
		opgaven:        []string{"overvecht-samen", "kansrijk-opgroeien-overvecht"}, gebieden: []string{wijkID("overvecht")}},
	{slug: "wijkactieplan-leidsche-rijn", titel: "Wijkactieplan Leidsche Rijn 2024-2025", soort: "WIJKACTIEPLAN", van: "2024-01-01", tot: "2025-12-31",
		beheerder: wijkbureau("leidsche-rijn"), voor: []string{overlegID("wijktafel-leidsche-rijn")},
		ondertekenaars: []string{orgID("gemeente"), orgID("dock"), orgID("portaal"), nwID("wijkraad-leidsche-rijn")},
		opgaven:        []string{"jong-in-leidsche-rijn"}, gebieden: []string{wijkID("leidsche-rijn")}},
	{slug: "opdrachtbrief-wijkregisseur-zuidwest-2025", titel: "Opdrachtbrief wijkregisseur Zuidwest 2025", soort: "OPDRACHTBRIEF",
		van: "2025-01-01", tot: "2025-12-31", beheerder: wijkbureau("zuidwest"), zicht: intern,
		voor: []string{overlegID("wijkmanagementoverleg-zuidwest")}, ondertekenaars: []string{orgID("wijken"), orgID("mo"), orgID("stadsbeheer")},
		opgaven: []string{"veilig-kanaleneiland", "sterke-sociale-basis-zuidwest"}, gebieden: []string{wijkID("zuidwest")}},
}

func wijkraadSlugs() []string {
	var out []string
	for _, w := range wijken {
		out = append(out, "wijkraad-"+w.slug)
	}
	return out
}

// coalities adds the opgaven, the coalitions with their members per level
// and their agreements, and who funds them.
func (b *builder) coalities() {
	b.record("Opgave", opgaveID("invloed-bewoners"), orgID("wijken")).
		set("titel", "Invloed van bewoners op hun wijk").
		set("omschrijving", "Bewoners en wijkraden praten en beslissen mee over wat in hun wijk gebeurt.")
	b.link("OVER_THEMA", opgaveID("invloed-bewoners"), themaID("participatie"))
	b.link("BEDIENT", opgaveID("invloed-bewoners"), GemeenteID)

	for _, c := range coalitiesTabel {
		id := coaID(c.slug)
		o := opgaveID(c.opgave.slug)
		b.record("Opgave", o, c.beheerder).set("titel", c.opgave.titel).set("omschrijving", c.opgave.omschrijving)
		b.linkAll("OVER_THEMA", o, prefixed(themaID, c.themas))
		b.linkAll("BEDIENT", o, c.gebieden)

		z := c.zicht
		if z == "" {
			z = openbaar
		}
		n := b.record("Coalitie", id, c.beheerder).
			set("naam", c.naam).set("soort", c.soort).set("omschrijving", c.omschrijving).
			zicht(z).geldig(c.van, c.tot)
		if c.stale {
			n.stale()
		}
		b.link("GAAT_OVER", id, o)
		b.linkAll("OVER_THEMA", id, prefixed(themaID, c.themas))
		b.linkAll("BEDIENT", id, c.gebieden)
		b.link("VOORZITTER_VAN", b.resolve(c.voorzitter), id).zicht(z)
		b.leden(id, c.leden, z, c.van)
		if c.afspraak != nil {
			a := *c.afspraak
			a.beheerder, a.voor, a.gebieden = c.beheerder, []string{id}, c.gebieden
			a.opgaven = append(a.opgaven, c.opgave.slug)
			if a.zicht == "" {
				a.zicht = z
			}
			b.afspraken([]afspraak{a})
		}
	}
	b.link("FINANCIERT", orgID("kf-hein-fonds"), coaID("eenzaamheid-ouderen-zuid")).geldig("2023-03-01", "2026-02-28")
	b.link("FINANCIERT", orgID("initiatievenfonds"), coaID("buurtkamer-speelveld-ondiep")).geldig("2024-06-01", "2025-12-31")
	b.link("FINANCIERT", orgID("mo"), coaID("sterke-sociale-basis-zuidwest")).geldig("2025-01-01", "2025-12-31")
	b.link("FINANCIERT", orgID("mitros"), coaID("pleinenaanpak-kanaleneiland")).zicht(partners)
}

// afspraken adds agreements with their signatories, bodies and opgaven.
func (b *builder) afspraken(list []afspraak) {
	for _, a := range list {
		id := "utr-afs-" + a.slug
		z := a.zicht
		if z == "" {
			z = openbaar
		}
		n := b.record("Afspraak", id, a.beheerder).
			set("titel", a.titel).set("soort", a.soort).set("omschrijving", a.omschrijving).
			zicht(z).geldig(a.van, a.tot)
		if a.stale {
			n.stale()
		}
		for _, s := range a.ondertekenaars {
			b.link("ONDERTEKEND", s, id).zicht(z).geldig(a.van, "")
		}
		b.linkAll("AFSPRAAK_VAN", id, a.voor)
		b.linkAll("GAAT_OVER", id, prefixed(opgaveID, a.opgaven))
		b.linkAll("BEDIENT", id, a.gebieden)
	}
}
