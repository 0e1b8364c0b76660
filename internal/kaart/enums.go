package kaart

import "strings"

// Zichtbaarheid says who may see a record or relationship.
type Zichtbaarheid string

const (
	Openbaar Zichtbaarheid = "OPENBAAR" // everyone, anonymous residents included
	Partners Zichtbaarheid = "PARTNERS" // authenticated partner organisations and up
	Intern   Zichtbaarheid = "INTERN"   // the steward and the gemeente's own staff
)

var Zichtbaarheden = []string{string(Openbaar), string(Partners), string(Intern)}

// Niveau is the governance level of a Functie or membership. Output is always
// one of these three values.
type Niveau string

const (
	Bestuurlijk Niveau = "BESTUURLIJK" // sets and guards the vision
	Managerial  Niveau = "MANAGERIAL"  // creates the conditions
	Frontlijn   Niveau = "FRONTLIJN"   // works together day to day
)

var Niveaus = []Niveau{Bestuurlijk, Managerial, Frontlijn}

// niveauAliases maps the other vocabularies of the sources onto the three
// levels: strategisch/tactisch/operationeel (Utrecht 001:2189) and
// bestuurlijk/ambtelijk/uitvoerend (003:119).
var niveauAliases = map[string]Niveau{
	"BESTUURLIJK":  Bestuurlijk,
	"STRATEGISCH":  Bestuurlijk,
	"MANAGERIAL":   Managerial,
	"MANAGEMENT":   Managerial,
	"TACTISCH":     Managerial,
	"AMBTELIJK":    Managerial,
	"FRONTLIJN":    Frontlijn,
	"OPERATIONEEL": Frontlijn,
	"UITVOEREND":   Frontlijn,
}

// ParseNiveau accepts the three levels and their aliases in any case.
func ParseNiveau(s string) (Niveau, bool) {
	n, ok := niveauAliases[strings.ToUpper(strings.TrimSpace(s))]
	return n, ok
}

// Enumerations of the sociale kaart, as GraphQL enum values.
var (
	GebiedSoorten = []string{"GEMEENTE", "WIJK", "BUURT", "DIENSTGEBIED"}

	Sectoren = []string{
		"ONDERWIJS", "OPVANG", "WELZIJN", "ZORG", "SPORT", "CULTUUR", "ONDERNEMERS",
		"BEWONERSORGANISATIE", "GEMEENTELIJKE_DIENST", "WONINGCORPORATIE", "POLITIE",
		"WERK_EN_INKOMEN", "FONDS", "NETWERKORGANISATIE", "LEVENSBESCHOUWING", "OVERIG",
	}

	Rollen = []string{
		"WIJKREGISSEUR", "WIJKWETHOUDER", "VAKWETHOUDER", "BURGEMEESTER", "GEBIEDSMANAGER",
		"WIJKAGENT", "SOCIAAL_MAKELAAR", "ADVISEUR_WIJKGERICHT_WERKEN", "BUURTTEAMMEDEWERKER",
		"JONGERENWERKER", "OPBOUWWERKER", "WIJKVERPLEEGKUNDIGE", "WIJKCONSULENT",
		"WIJKVEILIGHEIDSMEDEWERKER", "ACCOUNTMANAGER", "DIRECTEUR", "BESTUURDER", "MANAGER",
		"VOORZITTER", "SECRETARIS", "SLEUTELFIGUUR", "OVERIG",
	}

	NetwerkSoorten = []string{
		"WIJKRAAD", "WIJKORGAAN", "BEWONERSGROEP", "BUURTCOMITE", "BEWONERSVERENIGING",
		"PROFESSIONEEL_NETWERK", "TIJDELIJK_NETWERK", "OVERIG",
	}

	OverlegSoorten = []string{
		"WIJKMANAGEMENTOVERLEG", "STUURGROEP", "PROGRAMMATEAM", "WIJKTAFEL", "WIJKWERKOVERLEG",
		"WIJKBEZOEK", "HANDHAVINGSOVERLEG", "WIJKOVERLEG", "OVERIG",
	}

	OverlegKarakters = []string{"OPENBAAR", "BESLOTEN", "DEELS_OPENBAAR"}

	CoalitieSoorten = []string{"VAST", "TIJDELIJK"}

	AfspraakSoorten = []string{
		"CONVENANT", "CHARTER", "WIJKACTIEPLAN", "WIJKACTIEPROGRAMMA", "BUURTCONTRACT",
		"INTENTIEOVEREENKOMST", "OPDRACHTBRIEF", "OVERIG",
	}

	ContactSoorten = []string{"TELEFOON", "EMAIL", "WEB"}

	// Grondslagen are the AVG legal bases for holding a person's data.
	Grondslagen = []string{"PUBLIEKE_TAAK", "GERECHTVAARDIGD_BELANG", "TOESTEMMING"}

	Sporen = []string{"AMBTELIJK", "BESTUURLIJK"}
)
