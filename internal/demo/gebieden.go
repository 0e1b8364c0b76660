package demo

import "fmt"

// wijk is one of the ten wijken of Utrecht, numbered as the gemeente and
// CBS number them (WK0344nn). Buurt codes BU0344nnbb follow the wijk code;
// the buurt numbers bb are those of this demo.
type wijk struct {
	slug, naam string
	nr         int
	lat, lon   float64 // roughly the middle of the wijk
	buurten    []string
}

var wijken = []wijk{
	{"west", "West", 1, 52.0905, 5.0960, []string{"Lombok", "Oog in Al", "Nieuw Engeland", "Schepenbuurt", "Lage Weide"}},
	{"noordwest", "Noordwest", 2, 52.1075, 5.0985, []string{"Ondiep", "Pijlsweerd", "Elinkwijk", "Geuzenwijk", "Schaakbuurt"}},
	{"overvecht", "Overvecht", 3, 52.1165, 5.1120, []string{"Vechtzoom", "Tigrisdreef", "Taagdreef", "Zamenhofdreef", "Overvecht-Centrum", "Klopvaart"}},
	{"noordoost", "Noordoost", 4, 52.1020, 5.1360, []string{"Tuindorp", "Tuindorp Oost", "Voordorp", "Voorveldsepolder", "Wittevrouwen", "Staatsliedenkwartier"}},
	{"oost", "Oost", 5, 52.0860, 5.1480, []string{"Oudwijk", "Rijnsweerd", "Wilhelminapark", "Abstede", "Lodewijk Napoleonplantsoen", "Utrecht Science Park"}},
	{"binnenstad", "Binnenstad", 6, 52.0907, 5.1214, []string{"Wijk C", "Museumkwartier", "Domplein en Neude", "Stationsgebied", "Springweg"}},
	{"zuid", "Zuid", 7, 52.0690, 5.1330, []string{"Oud Hoograven", "Nieuw Hoograven", "Tolsteeg", "Lunetten", "Bokkenbuurt"}},
	{"zuidwest", "Zuidwest", 8, 52.0720, 5.0980, []string{"Kanaleneiland", "Transwijk", "Dichterswijk", "Rivierenwijk", "Den Hommel"}},
	{"leidsche-rijn", "Leidsche Rijn", 9, 52.1000, 5.0500, []string{"Terwijde", "Parkwijk", "Langerak", "Het Zand", "Leidsche Rijn Centrum"}},
	{"vleuten-de-meern", "Vleuten-De Meern", 10, 52.0930, 5.0150, []string{"Vleuten", "De Meern", "Vleuterweide", "Veldhuizen", "Haarzuilens"}},
}

// wijkBySlug returns the wijk with the given slug.
func wijkBySlug(s string) wijk {
	for _, w := range wijken {
		if w.slug == s {
			return w
		}
	}
	panic("demo: unknown wijk " + s)
}

// dienstgebied is an area one dienst or partner works in, beside the
// CBS tree: it covers whole wijken through OMVAT.
type dienstgebied struct {
	slug, naam, beheerder, omschrijving string
	wijken                              []string
}

var dienstgebieden = []dienstgebied{
	{"cumulus", "Gebied Cumulus", "mo",
		"Indeling van Maatschappelijke Ontwikkeling, parallel aan de indeling van de wijkwelzijnsorganisaties.",
		[]string{"overvecht", "oost", "noordoost", "binnenstad"}},
	{"leidsche-rijn-vleuten-de-meern", "Gebied Leidsche Rijn en Vleuten-De Meern", "stadsbeheer",
		"Eén gebiedsmanager bedient beide wijken, die tot één gebied zijn samengevoegd.",
		[]string{"leidsche-rijn", "vleuten-de-meern"}},
	{"basisteam-noord", "Werkgebied basisteam Utrecht-Noord", "basisteam-noord", "",
		[]string{"overvecht", "noordwest", "noordoost"}},
	{"basisteam-centrum", "Werkgebied basisteam Utrecht-Centrum", "basisteam-centrum", "",
		[]string{"binnenstad", "oost"}},
	{"basisteam-west", "Werkgebied basisteam Utrecht-West", "basisteam-west", "",
		[]string{"west", "leidsche-rijn", "vleuten-de-meern"}},
	{"basisteam-zuid", "Werkgebied basisteam Utrecht-Zuid", "basisteam-zuid", "",
		[]string{"zuid", "zuidwest"}},
}

func dienstgebiedID(s string) string { return "utr-gebied-" + s }

// gebieden adds the gemeente, its wijken and buurten (the DEEL_VAN tree) and
// the dienstgebieden beside it.
func (b *builder) gebieden() {
	b.record("Gebied", GemeenteID, orgID("wijken")).
		set("naam", "Utrecht").set("soort", "GEMEENTE").set("cbsCode", "GM0344").set("indelingsjaar", 2024)
	for _, w := range wijken {
		wid := wijkID(w.slug)
		b.record("Gebied", wid, wijkbureau(w.slug)).
			set("naam", w.naam).set("soort", "WIJK").
			set("cbsCode", fmt.Sprintf("WK0344%02d", w.nr)).set("indelingsjaar", 2024)
		b.link("DEEL_VAN", wid, GemeenteID)
		for i, naam := range w.buurten {
			bid := buurtID(slug(naam))
			n := b.record("Gebied", bid, wijkbureau(w.slug)).
				set("naam", naam).set("soort", "BUURT").
				set("cbsCode", fmt.Sprintf("BU0344%02d%02d", w.nr, i+1)).set("indelingsjaar", 2024)
			if naam == "Lage Weide" || naam == "Haarzuilens" {
				n.stale()
			}
			b.link("DEEL_VAN", bid, wid)
		}
	}
	for _, d := range dienstgebieden {
		id := dienstgebiedID(d.slug)
		b.record("Gebied", id, orgID(d.beheerder)).
			set("naam", d.naam).set("soort", "DIENSTGEBIED")
		for _, w := range d.wijken {
			b.link("OMVAT", id, wijkID(w))
		}
	}
}

// locatie is a demo address: a real street in the right part of town with
// an invented house number.
type locatie struct {
	slug, naam, straat, nr, postcode, wijk string
	lat, lon                               float64
	toegankelijk                           string
}

const rolstoel = "Rolstoeltoegankelijk, invalidentoilet aanwezig."

var locaties = []locatie{
	// Wijkbureaus. Binnenstad and West share the Stadskantoor; Noordoost and
	// Oost are served from one building (sources §5.1).
	{"stadskantoor", "Stadskantoor", "Stadsplateau", "90", "3521 AZ", "binnenstad", 52.0894, 5.1084, rolstoel},
	{"wijkbureau-noordoost-oost", "Wijkbureau Noordoost en Oost", "Eykmanlaan", "410", "3571 MN", "noordoost", 52.0996, 5.1412, rolstoel},
	{"wijkbureau-overvecht", "Wijkbureau Overvecht", "Zamenhofdreef", "150", "3562 JW", "overvecht", 52.1158, 5.1109, rolstoel},
	{"wijkbureau-noordwest", "Wijkbureau Noordwest", "Amsterdamsestraatweg", "871", "3555 HL", "noordwest", 52.1089, 5.0938, rolstoel},
	{"wijkbureau-zuid", "Wijkbureau Zuid", "Hooft Graaflandstraat", "210", "3525 AN", "zuid", 52.0731, 5.1302, rolstoel},
	{"wijkbureau-zuidwest", "Wijkbureau Zuidwest", "Columbuslaan", "340", "3526 EP", "zuidwest", 52.0735, 5.0951, rolstoel},
	{"wijkbureau-leidsche-rijn", "Wijkbureau Leidsche Rijn", "Brauerstraat", "120", "3542 EM", "leidsche-rijn", 52.1017, 5.0462, rolstoel},
	{"wijkservicecentrum-vleuten-de-meern", "Wijkservicecentrum Vleuten-De Meern", "Mereveldplein", "90", "3454 CK", "vleuten-de-meern", 52.0822, 5.0349, rolstoel},
	// Buurthuizen and wijkcentra.
	{"buurtcentrum-de-dreef", "Buurtcentrum De Dreef", "Tigrisdreef", "402", "3561 JM", "overvecht", 52.1204, 5.1094, rolstoel},
	{"buurthuis-vechtzoom", "Buurthuis Vechtzoom", "Neckardreef", "250", "3562 CM", "overvecht", 52.1187, 5.1185, ""},
	{"wijkcentrum-kanaleneiland", "Wijkcentrum Kanaleneiland", "Marshalllaan", "510", "3527 TM", "zuidwest", 52.0692, 5.0971, rolstoel},
	{"cultuurhuis-kanaleneiland", "Cultuurhuis Kanaleneiland", "Churchilllaan", "712", "3527 GV", "zuidwest", 52.0710, 5.0925, rolstoel},
	{"buurthuis-lombok", "Buurthuis Lombok", "Kanaalstraat", "612", "3531 CL", "west", 52.0914, 5.0997, "Drempel bij de ingang; hellingbaan op aanvraag."},
	{"wijkcentrum-oog-in-al", "Wijkcentrum Oog in Al", "Thomas à Kempisweg", "310", "3533 HD", "west", 52.0887, 5.0887, rolstoel},
	{"buurthuis-ondiep", "Buurthuis Ondiep", "Ondiep-Zuidzijde", "96", "3551 BW", "noordwest", 52.1043, 5.1033, rolstoel},
	{"speelveld-ondiep", "Speelveld Ondiep", "Ondiep-Zuidzijde", "200", "3551 BX", "noordwest", 52.1049, 5.1021, "Buitenterrein, verhard pad."},
	{"wijkcentrum-zuilen", "Wijkcentrum Zuilen", "Prins Bernhardplein", "300", "3554 EM", "noordwest", 52.1110, 5.0919, rolstoel},
	{"wevehuis", "Wevehuis", "Wevestraat", "190", "3572 GN", "noordoost", 52.0975, 5.1331, rolstoel},
	{"buurthuis-tuindorp-oost", "Buurthuis Tuindorp Oost", "Kardinaal de Jongweg", "330", "3571 RA", "noordoost", 52.1057, 5.1445, ""},
	{"wijkcentrum-oudwijk", "Wijkcentrum Oudwijk", "Oudwijkerdwarsstraat", "210", "3581 LX", "oost", 52.0881, 5.1322, "Lift naar de eerste verdieping."},
	{"studentenhuis-science-park", "Ontmoetingsruimte Science Park", "Heidelberglaan", "700", "3584 CE", "oost", 52.0851, 5.1760, rolstoel},
	{"buurthuis-hoograven", "Buurthuis Hoograven", "Briljantlaan", "480", "3523 CW", "zuid", 52.0735, 5.1240, rolstoel},
	{"wijkcentrum-lunetten", "Wijkcentrum Lunetten", "Hondsrug", "410", "3524 BR", "zuid", 52.0637, 5.1386, rolstoel},
	{"buurthuis-rivierenwijk", "Buurthuis Rivierenwijk", "Rijnlaan", "720", "3522 BW", "zuidwest", 52.0770, 5.1090, ""},
	{"buurthuis-de-binnenstad", "Buurthuis Binnenstad", "Springweg", "310", "3511 VT", "binnenstad", 52.0867, 5.1193, "Trap naar de zaal; benedenruimte rolstoeltoegankelijk."},
	{"wijkcentrum-terwijde", "Wijkcentrum Terwijde", "Terwijdelaan", "610", "3544 AX", "leidsche-rijn", 52.1049, 5.0337, rolstoel},
	{"wijkcentrum-parkwijk", "Wijkcentrum Parkwijk", "Verlengde Parkweg", "220", "3541 BK", "leidsche-rijn", 52.1063, 5.0648, rolstoel},
	{"dorpshuis-vleuten", "Dorpshuis Vleuten", "Schoolstraat", "190", "3451 AK", "vleuten-de-meern", 52.1080, 5.0127, rolstoel},
	{"wijkcentrum-vleuterweide", "Wijkcentrum Vleuterweide", "Burgemeester Middelweerdbaan", "510", "3452 MR", "vleuten-de-meern", 52.0987, 5.0255, rolstoel},
	// Bureaus of police, gemeente and partners.
	{"politiebureau-overvecht", "Politiebureau Overvecht", "Gambiadreef", "210", "3564 BK", "overvecht", 52.1192, 5.1051, rolstoel},
	{"politiebureau-kroonstraat", "Politiebureau Kroonstraat", "Kroonstraat", "125", "3511 RE", "binnenstad", 52.0899, 5.1148, rolstoel},
	{"politiebureau-leidsche-rijn", "Politiebureau Leidsche Rijn", "Langerakbaan", "330", "3544 PG", "leidsche-rijn", 52.0967, 5.0463, rolstoel},
	{"politiebureau-zuid", "Politiebureau Zuid", "Verlengde Hoogravenseweg", "210", "3525 BB", "zuid", 52.0752, 5.1268, rolstoel},
	{"bibliotheek-neude", "Bibliotheek Neude", "Neude", "111", "3512 AG", "binnenstad", 52.0928, 5.1197, rolstoel},
	{"sporthal-overvecht", "Sporthal Overvecht", "Wolgadreef", "340", "3564 BW", "overvecht", 52.1229, 5.1147, rolstoel},
	{"sportpark-kanaleneiland", "Sportpark Kanaleneiland", "Vasco da Gamalaan", "900", "3526 TZ", "zuidwest", 52.0670, 5.0900, "Kleedkamers gelijkvloers."},
	{"moskee-kanaleneiland", "Ontmoetingsruimte moskee Kanaleneiland", "Trumanlaan", "390", "3527 BP", "zuidwest", 52.0683, 5.1011, ""},
	{"basisschool-de-fakkel", "Basisschool De Fakkel", "Camera Obscuradreef", "210", "3562 EA", "overvecht", 52.1131, 5.1037, rolstoel},
	{"gezondheidscentrum-overvecht", "Gezondheidscentrum Overvecht", "Zamenhofdreef", "412", "3562 JX", "overvecht", 52.1146, 5.1131, rolstoel},
	{"kantoor-partners-centrum", "Partnerhuis Centrum", "Lange Nieuwstraat", "230", "3512 PR", "binnenstad", 52.0861, 5.1234, rolstoel},
}

// locaties adds the demo addresses.
func (b *builder) locaties() {
	for i, l := range locaties {
		n := b.record("Locatie", locID(l.slug), wijkbureau(l.wijk)).
			set("naam", l.naam).set("straat", l.straat).set("huisnummer", l.nr).
			set("postcode", l.postcode).set("plaats", plaats(l.postcode)).
			set("lat", l.lat).set("lon", l.lon).set("toegankelijkheid", l.toegankelijk)
		if i%13 == 7 {
			n.stale()
		}
	}
}

// plaats is the postal town of a demo postcode: Vleuten and De Meern keep
// their own names.
func plaats(postcode string) string {
	switch postcode[:4] {
	case "3451", "3452":
		return "Vleuten"
	case "3453", "3454":
		return "De Meern"
	}
	return "Utrecht"
}
