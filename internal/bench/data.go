package bench

// The vocabulary of the generator: real Dutch towns (their centres, so a
// locatie drawn within 1.5 km of one lies in the Netherlands), and the kinds
// of organisations, functies and aanbod a sociale kaart holds.

type stad struct {
	naam      string
	lat, lon  float64
	netnummer string
	postcode  int // first postcode of the town's range, plus 0 to 99
}

var steden = []stad{
	{"Utrecht", 52.0907, 5.1214, "030", 3500},
	{"Amersfoort", 52.1561, 5.3878, "033", 3800},
	{"Zwolle", 52.5168, 6.0830, "038", 8000},
	{"Apeldoorn", 52.2112, 5.9699, "055", 7300},
	{"Arnhem", 51.9851, 5.8987, "026", 6800},
	{"Nijmegen", 51.8426, 5.8546, "024", 6500},
	{"'s-Hertogenbosch", 51.6978, 5.3037, "073", 5200},
	{"Eindhoven", 51.4416, 5.4697, "040", 5600},
	{"Tilburg", 51.5555, 5.0913, "013", 5000},
	{"Breda", 51.5719, 4.7683, "076", 4800},
	{"Rotterdam", 51.9244, 4.4777, "010", 3000},
	{"Den Haag", 52.0705, 4.3007, "070", 2500},
	{"Leiden", 52.1601, 4.4970, "071", 2300},
	{"Haarlem", 52.3874, 4.6462, "023", 2000},
	{"Amsterdam", 52.3676, 4.9041, "020", 1000},
	{"Alkmaar", 52.6324, 4.7534, "072", 1800},
	{"Leeuwarden", 53.2012, 5.7999, "058", 8900},
	{"Groningen", 53.2194, 6.5665, "050", 9700},
	{"Assen", 52.9925, 6.5649, "0592", 9400},
	{"Enschede", 52.2215, 6.8937, "053", 7500},
	{"Deventer", 52.2551, 6.1639, "0570", 7400},
	{"Dordrecht", 51.8133, 4.6901, "078", 3300},
	{"Gouda", 52.0116, 4.7105, "0182", 2800},
	{"Almere", 52.3508, 5.2647, "036", 1300},
	{"Ede", 52.0402, 5.6649, "0318", 6710},
	{"Hilversum", 52.2292, 5.1669, "035", 1200},
	{"Delft", 52.0116, 4.3571, "015", 2600},
	{"Helmond", 51.4793, 5.6570, "0492", 5700},
}

var wijkNamen = []string{"Centrum", "Noord", "Oost", "Zuid", "West", "Binnenstad", "Oude Dorp", "Nieuwland", "De Hoven", "Park"}

var straten = []string{"Dorpsstraat", "Kerkstraat", "Stationsweg", "Molenweg", "Schoolstraat", "Julianalaan", "Beatrixstraat", "Wilhelminapark", "Marktplein", "Hoofdweg"}

// postcodeLetters leaves out SA, SD and SS, which PostNL never issues.
var postcodeLetters = []string{"AA", "AB", "BC", "CD", "DE", "EG", "GH", "HJ", "KL", "MN", "PR", "TV", "XZ"}

var toegankelijkheid = []string{"Rolstoeltoegankelijk, lift aanwezig.", "Begane grond, drempelvrij.", "Eerste verdieping, geen lift."}

type organisatieSoort struct{ sector, naam string }

var organisatieSoorten = []organisatieSoort{
	{"WELZIJN", "Stichting Welzijn"}, {"WELZIJN", "Buurthuis"}, {"ZORG", "Huisartsenpraktijk"}, {"ZORG", "Wijkverpleging"},
	{"ONDERWIJS", "Basisschool"}, {"OPVANG", "Kinderopvang"}, {"SPORT", "Sportvereniging"}, {"CULTUUR", "Bibliotheek"},
	{"ONDERNEMERS", "Ondernemersvereniging"}, {"BEWONERSORGANISATIE", "Bewonersvereniging"}, {"WONINGCORPORATIE", "Woonstichting"},
	{"POLITIE", "Politie basisteam"}, {"WERK_EN_INKOMEN", "Werkplein"}, {"FONDS", "Wijkfonds"},
	{"NETWERKORGANISATIE", "Netwerk Samen"}, {"LEVENSBESCHOUWING", "Parochie"}, {"OVERIG", "Stichting"},
}

var aanbodSoorten = []string{"Inloopspreekuur", "Taalcafé", "Huiswerkbegeleiding", "Schuldhulp", "Maaltijd voor ouderen", "Beweegclub", "Mantelzorgcafé", "Jongerenavond", "Repair café", "Formulierenhulp"}

var openingstijden = []string{"maandag tot en met vrijdag 9.00-17.00", "dinsdag en donderdag 13.00-16.00", "woensdagmiddag", "zaterdag 10.00-12.00"}

var kosten = []string{"gratis", "€ 2,50 per keer", "op basis van inkomen"}

var themaNamen = []string{"Armoede", "Eenzaamheid", "Gezondheid", "Jeugd", "Veiligheid", "Wonen", "Werk", "Taal", "Mantelzorg", "Opvoeden", "Bewegen", "Schulden"}

var doelgroepNamen = []string{"Jongeren", "Ouderen", "Mantelzorgers", "Nieuwkomers", "Gezinnen met jonge kinderen", "Mensen met schulden", "Werkzoekenden", "Vrijwilligers"}

var rollenPerNiveau = map[string][]string{
	"BESTUURLIJK": {"BESTUURDER", "DIRECTEUR", "WIJKWETHOUDER", "VOORZITTER"},
	"MANAGERIAL":  {"MANAGER", "GEBIEDSMANAGER", "WIJKREGISSEUR", "ACCOUNTMANAGER", "ADVISEUR_WIJKGERICHT_WERKEN"},
	"FRONTLIJN":   {"BUURTTEAMMEDEWERKER", "JONGERENWERKER", "WIJKAGENT", "OPBOUWWERKER", "WIJKVERPLEEGKUNDIGE", "SOCIAAL_MAKELAAR", "WIJKCONSULENT"},
}

var rolTitels = map[string]string{
	"BESTUURDER": "Bestuurder", "DIRECTEUR": "Directeur", "WIJKWETHOUDER": "Wijkwethouder", "VOORZITTER": "Voorzitter",
	"MANAGER": "Teamleider", "GEBIEDSMANAGER": "Gebiedsmanager", "WIJKREGISSEUR": "Wijkregisseur", "ACCOUNTMANAGER": "Accountmanager",
	"ADVISEUR_WIJKGERICHT_WERKEN": "Adviseur wijkgericht werken", "BUURTTEAMMEDEWERKER": "Buurtteammedewerker",
	"JONGERENWERKER": "Jongerenwerker", "WIJKAGENT": "Wijkagent", "OPBOUWWERKER": "Opbouwwerker",
	"WIJKVERPLEEGKUNDIGE": "Wijkverpleegkundige", "SOCIAAL_MAKELAAR": "Sociaal makelaar", "WIJKCONSULENT": "Wijkconsulent",
}

var voornamen = []string{"Anne", "Bram", "Fatima", "Daan", "Sanne", "Mohammed", "Lotte", "Jeroen", "Ayse", "Pieter", "Noor", "Kees", "Emma", "Youssef", "Ingrid", "Thijs"}

var achternamen = []string{"de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "El Amrani", "de Boer", "Mulder", "Yilmaz", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Kramer"}
