package web

import (
	"fmt"
	"strings"
)

// Lang is an interface language. The data itself (names, descriptions) is
// in Dutch in both; the English version translates the interface only.
type Lang string

const (
	NL Lang = "nl"
	EN Lang = "en"
)

// enPrefix starts the path of every English page.
const enPrefix = "/en"

// messages is the catalogue of every interface string, in plain Dutch (B1)
// and English. Templates ask for a key with {{.T "key"}}; a missing key
// shows as the key itself and fails TestCatalogue.
var messages = map[string][2]string{
	// Site frame.
	"site.naam":           {"Sociale kaart", "Social map"},
	"site.ondertitel":     {"Vind de juiste hulp en het juiste contact in uw wijk.", "Find the right help and the right contact in your neighbourhood."},
	"skiplink":            {"Naar de inhoud", "Skip to content"},
	"nav.label":           {"Hoofdmenu", "Main menu"},
	"nav.zoeken":          {"Zoeken", "Search"},
	"nav.melden":          {"Meld een fout", "Report a mistake"},
	"taal.label":          {"Taal", "Language"},
	"taal.ander":          {"English", "Nederlands"},
	"taal.anderCode":      {"en", "nl"},
	"taal.data":           {"", "The information itself is in Dutch."},
	"demo.titel":          {"Demonstratie", "Demonstration"},
	"demo.tekst":          {"Dit is een demonstratie. Alle namen, telefoonnummers en adressen zijn verzonnen. Bel of mail ze niet.", "This is a demonstration. All names, phone numbers and addresses are made up. Do not call or e-mail them."},
	"hulp.titel":          {"Direct hulp nodig?", "Need help right now?"},
	"hulp.112":            {"Spoed: bel 112", "Emergency: call 112"},
	"hulp.veiligthuis":    {"Veilig Thuis (huiselijk geweld): 0800-2000", "Veilig Thuis (domestic violence): 0800-2000"},
	"hulp.113":            {"113 Zelfmoordpreventie: 0800-0113", "113 Suicide prevention: 0800-0113"},
	"footer.label":        {"Over deze website", "About this website"},
	"footer.toegankelijk": {"Toegankelijkheid", "Accessibility"},
	"footer.privacy":      {"Privacy", "Privacy"},
	"footer.melden":       {"Klopt er iets niet? Meld een fout", "Something wrong? Report a mistake"},
	"footer.api":          {"Voor ontwikkelaars: de API", "For developers: the API"},

	// Search.
	"zoek.titel":         {"Zoek hulp en contact in uw wijk", "Find help and contacts in your neighbourhood"},
	"zoek.intro":         {"Zoek op een naam, een onderwerp of een organisatie. Kies daarna uw wijk of buurt.", "Search for a name, a topic or an organisation. Then choose your district or neighbourhood."},
	"zoek.label":         {"Waar zoekt u hulp of contact bij?", "What do you need help or a contact for?"},
	"zoek.hint":          {"Bijvoorbeeld: taalcafé, buurtteam of wijkagent.", "For example: taalcafé, buurtteam or wijkagent."},
	"zoek.knop":          {"Zoeken", "Search"},
	"zoek.filters":       {"Alleen in", "Only in"},
	"zoek.gebied":        {"Wijk of buurt", "District or neighbourhood"},
	"zoek.gebied.alle":   {"Alle wijken", "All districts"},
	"zoek.gebied.heel":   {"Heel %s", "All of %s"},
	"zoek.thema":         {"Onderwerp", "Topic"},
	"zoek.thema.alle":    {"Alle onderwerpen", "All topics"},
	"zoek.resultaten":    {"Resultaten", "Results"},
	"zoek.aantal.0":      {"Niets gevonden.", "Nothing found."},
	"zoek.aantal.1":      {"1 resultaat gevonden.", "1 result found."},
	"zoek.aantal.n":      {"%d resultaten gevonden.", "%d results found."},
	"zoek.nietsTips":     {"Probeer een ander woord, of kies een andere wijk of ander onderwerp.", "Try another word, or choose another district or topic."},
	"zoek.volgende":      {"Meer resultaten", "More results"},
	"zoek.opnieuw":       {"Begin opnieuw met zoeken", "Start a new search"},
	"zoek.fout":          {"Deze pagina met resultaten bestaat niet meer.", "This page of results no longer exists."},
	"zoek.onderwerpen":   {"Zoek op onderwerp", "Search by topic"},
	"zoek.wijken":        {"Waarvoor bij wie in uw wijk", "Who to ask for what in your district"},
	"zoek.wijkenIntro":   {"Per wijk: wie u kunt vragen over de wijk, veiligheid en plannen.", "Per district: who you can ask about the district, safety and plans."},
	"zoek.suggesties":    {"Suggesties", "Suggestions"},
	"zoek.resultatenVan": {"Resultaten voor ‘%s’", "Results for ‘%s’"},

	// Cards and detail pages.
	"kaart.wie":               {"Wie", "Who"},
	"kaart.waarvoor":          {"Waarvoor", "What for"},
	"kaart.waar":              {"Waar", "Where"},
	"kaart.wanneer":           {"Wanneer open", "When open"},
	"kaart.kosten":            {"Kosten", "Costs"},
	"kaart.aanmelden":         {"Aanmelden", "How to join"},
	"kaart.contact":           {"Contact", "Contact"},
	"kaart.gebied":            {"Voor", "For"},
	"kaart.onderwerpen":       {"Onderwerpen", "Topics"},
	"kaart.doelgroepen":       {"Voor wie", "For whom"},
	"kaart.toegankelijk":      {"Toegankelijkheid", "Accessibility"},
	"kaart.bellen":            {"Bel %s", "Call %s"},
	"kaart.mailen":            {"Mail %s", "E-mail %s"},
	"kaart.website":           {"Website", "Website"},
	"kaart.geenContact":       {"Geen openbare contactgegevens bekend.", "No public contact details known."},
	"kaart.meer":              {"Meer over %s", "More about %s"},
	"kaart.heleGemeente":      {"Heel de gemeente", "The whole municipality"},
	"kaart.bijgewerkt":        {"Laatst gecontroleerd: %s", "Last checked: %s"},
	"kaart.fout":              {"Klopt er iets niet op deze pagina? Meld een fout", "Is something wrong on this page? Report a mistake"},
	"kaart.aanbod":            {"Wat zij aanbieden", "What they offer"},
	"kaart.functies":          {"Functies en aanspreekpunten", "Roles and contacts"},
	"kaart.personen":          {"Wie doet dit werk", "Who does this work"},
	"kaart.persoonFunctie":    {"Functies", "Roles"},
	"kaart.netwerken":         {"Netwerken", "Networks"},
	"kaart.leden":             {"Organisaties in dit netwerk", "Organisations in this network"},
	"kaart.voorzitter":        {"Voorzitter", "Chair"},
	"kaart.hier":              {"Op deze plek", "At this place"},
	"kaart.organisatie":       {"Organisatie", "Organisation"},
	"kaart.buurten":           {"Buurten in deze wijk", "Neighbourhoods in this district"},
	"kaart.zoekInWijk":        {"Alles in %s zoeken", "Search everything in %s"},
	"kaart.wijkVan":           {"Deze buurt hoort bij wijk %s.", "This neighbourhood is part of the district %s."},
	"kaart.nietGevonden":      {"Deze pagina bestaat niet (meer).", "This page does not exist (any more)."},
	"kaart.nietGevondenTekst": {"Misschien is de informatie verwijderd of verplaatst. Zoek opnieuw.", "The information may have been removed or moved. Please search again."},
	"kaart.storing":           {"Er ging iets mis", "Something went wrong"},
	"kaart.storingTekst":      {"De sociale kaart is nu niet bereikbaar. Probeer het over een paar minuten opnieuw. Hulp nodig? Bel 112 bij spoed.", "The social map cannot be reached right now. Please try again in a few minutes. Need help? Call 112 in an emergency."},
	"kaart.teVeel":            {"Te veel verzoeken", "Too many requests"},
	"kaart.teVeelTekst":       {"Vanaf uw adres kwamen in korte tijd heel veel verzoeken. Wacht een minuut en probeer het dan opnieuw. Hulp nodig? Bel 112 bij spoed.", "Very many requests came from your address in a short time. Please wait a minute and try again. Need help? Call 112 in an emergency."},

	// Type labels.
	"type.Aanbod":      {"Aanbod", "Service"},
	"type.Organisatie": {"Organisatie", "Organisation"},
	"type.Netwerk":     {"Netwerk", "Network"},
	"type.Functie":     {"Functie", "Role"},
	"type.Persoon":     {"Persoon", "Person"},
	"type.Locatie":     {"Locatie", "Location"},
	"type.Gebied":      {"Gebied", "Area"},

	// Waarvoor bij wie.
	"loket.titel":                {"Waarvoor bij wie in %s", "Who to ask for what in %s"},
	"loket.intro":                {"Deze mensen en organisaties zijn er voor de hele wijk.", "These people and organisations are there for the whole district."},
	"loket.onbekend":             {"Nog niet bekend voor deze wijk: %s.", "Not yet known for this district: %s."},
	"loket.heleStad":             {"Werkt in de hele gemeente. Kies een wijk om te zien wie u daar kunt vragen:", "Works in the whole municipality. Choose a district to see who you can ask there:"},
	"loket.meerWijken":           {"Werkt ook in deze wijken:", "Also works in these districts:"},
	"rol.wijkbureau":             {"Wijkbureau", "District office"},
	"rol.wijkregisseur":          {"Wijkregisseur", "District director"},
	"rol.wijkwethouder":          {"Wijkwethouder", "District alderman"},
	"rol.wijkagent":              {"Wijkagent", "Community police officer"},
	"rol.wijkraad":               {"Wijkraad", "District council"},
	"rol.wijkbureau.waarvoor":    {"Het loket van de gemeente in uw wijk. Voor vragen over de wijk, een idee of een initiatief.", "The municipality's desk in your district. For questions about the district, an idea or an initiative."},
	"rol.wijkregisseur.waarvoor": {"Zorgt dat de gemeente en partners samenwerken in de wijk. Voor plannen en problemen die de hele wijk raken.", "Makes sure the municipality and partners work together. For plans and problems that affect the whole district."},
	"rol.wijkwethouder.waarvoor": {"De wethouder voor deze wijk. Voor zaken die u bij het gemeentebestuur wilt aankaarten.", "The alderman for this district. For matters you want to raise with the municipal government."},
	"rol.wijkagent.waarvoor":     {"De politie in uw buurt. Voor overlast en veiligheid. Bij spoed altijd 112.", "The police in your neighbourhood. For nuisance and safety. In an emergency always call 112."},
	"rol.wijkraad.waarvoor":      {"Bewoners die het gemeentebestuur advies geven over de wijk. Voor uw mening over plannen.", "Residents who advise the municipal government about the district. For your opinion on plans."},

	// Report a mistake.
	"melden.titel":        {"Meld een fout", "Report a mistake"},
	"melden.intro":        {"Klopt er iets niet? Bijvoorbeeld een verkeerd telefoonnummer, of een activiteit die niet meer bestaat? Laat het ons weten. We controleren uw melding en passen de kaart aan.", "Is something wrong? For example a wrong phone number, or an activity that no longer exists? Let us know. We will check your report and correct the map."},
	"melden.over":         {"Uw melding gaat over: %s", "Your report is about: %s"},
	"melden.wat":          {"Wat klopt er niet?", "What is wrong?"},
	"melden.watHint":      {"Schrijf wat er niet klopt en wat het wel moet zijn. Schrijf geen gegevens over uw eigen situatie.", "Write what is wrong and what it should be. Do not write details about your own situation."},
	"melden.email":        {"Uw e-mailadres (mag leeg blijven)", "Your e-mail address (optional)"},
	"melden.emailHint":    {"Alleen als u een antwoord wilt. We gebruiken het nergens anders voor.", "Only if you want a reply. We use it for nothing else."},
	"melden.honing":       {"Laat dit veld leeg", "Leave this field empty"},
	"melden.knop":         {"Melding versturen", "Send report"},
	"melden.fouten":       {"Er ging iets mis met uw melding", "There is a problem with your report"},
	"melden.fout.leeg":    {"Schrijf wat er niet klopt.", "Write what is wrong."},
	"melden.fout.kort":    {"Schrijf iets meer: minstens 10 tekens.", "Write a little more: at least 10 characters."},
	"melden.fout.lang":    {"Uw melding is te lang: maximaal 2000 tekens.", "Your report is too long: 2000 characters at most."},
	"melden.fout.email":   {"Dit e-mailadres klopt niet. Het moet zijn zoals naam@voorbeeld.nl, of laat het veld leeg.", "This e-mail address is not valid. It should look like name@example.com, or leave it empty."},
	"melden.teVaak":       {"U heeft veel meldingen kort na elkaar gestuurd. Probeer het over een kwartier opnieuw.", "You have sent many reports in a short time. Please try again in a quarter of an hour."},
	"melden.bedankt":      {"Bedankt voor uw melding", "Thank you for your report"},
	"melden.bedanktTekst": {"We hebben uw melding ontvangen. We controleren hem en passen de kaart zo nodig aan.", "We have received your report. We will check it and correct the map if needed."},
	"melden.terug":        {"Terug naar zoeken", "Back to search"},
	"melden.storing":      {"Uw melding kon niet worden bewaard. Probeer het later opnieuw.", "Your report could not be saved. Please try again later."},

	// Statements.
	"toegankelijk.titel": {"Toegankelijkheidsverklaring", "Accessibility statement"},
	"privacy.titel":      {"Privacyverklaring", "Privacy statement"},
}

// T returns the message for key in lang.
func T(lang Lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if lang == EN {
		return m[1]
	}
	return m[0]
}

// Tf formats the message for key in lang with args.
func Tf(lang Lang, key string, args ...any) string {
	return fmt.Sprintf(T(lang, key), args...)
}

// langPath splits an English path prefix off p.
func langPath(p string) (Lang, string) {
	if p == enPrefix {
		return EN, "/"
	}
	if rest, ok := strings.CutPrefix(p, enPrefix+"/"); ok {
		return EN, "/" + rest
	}
	return NL, p
}

// localPath returns the path of a Dutch path p in lang.
func localPath(lang Lang, p string) string {
	if lang != EN {
		return p
	}
	if p == "/" {
		return enPrefix + "/"
	}
	return enPrefix + p
}

// Words for enum values; others are shown as the value in lower case.
func init() {
	for k, v := range map[string][2]string{
		"enum.sector.ONDERWIJS":                {"Onderwijs", "Education"},
		"enum.sector.OPVANG":                   {"Opvang", "Childcare and shelter"},
		"enum.sector.WELZIJN":                  {"Welzijn", "Social work"},
		"enum.sector.ZORG":                     {"Zorg", "Care"},
		"enum.sector.SPORT":                    {"Sport", "Sports"},
		"enum.sector.CULTUUR":                  {"Cultuur", "Culture"},
		"enum.sector.ONDERNEMERS":              {"Ondernemers", "Businesses"},
		"enum.sector.BEWONERSORGANISATIE":      {"Bewonersorganisatie", "Residents' organisation"},
		"enum.sector.GEMEENTELIJKE_DIENST":     {"Gemeente", "Municipality"},
		"enum.sector.WONINGCORPORATIE":         {"Woningcorporatie", "Housing association"},
		"enum.sector.POLITIE":                  {"Politie", "Police"},
		"enum.sector.WERK_EN_INKOMEN":          {"Werk en inkomen", "Work and income"},
		"enum.sector.FONDS":                    {"Fonds", "Fund"},
		"enum.sector.NETWERKORGANISATIE":       {"Netwerkorganisatie", "Network organisation"},
		"enum.sector.LEVENSBESCHOUWING":        {"Levensbeschouwing", "Faith and belief"},
		"enum.sector.OVERIG":                   {"Organisatie", "Organisation"},
		"enum.netwerk.WIJKRAAD":                {"Wijkraad", "District council"},
		"enum.netwerk.WIJKORGAAN":              {"Wijkorgaan", "District body"},
		"enum.netwerk.BEWONERSGROEP":           {"Bewonersgroep", "Residents' group"},
		"enum.netwerk.BUURTCOMITE":             {"Buurtcomité", "Neighbourhood committee"},
		"enum.netwerk.BEWONERSVERENIGING":      {"Bewonersvereniging", "Residents' association"},
		"enum.netwerk.PROFESSIONEEL_NETWERK":   {"Netwerk van professionals", "Professional network"},
		"enum.netwerk.TIJDELIJK_NETWERK":       {"Tijdelijk netwerk", "Temporary network"},
		"enum.netwerk.OVERIG":                  {"Netwerk", "Network"},
		"enum.rol.WIJKREGISSEUR":               {"Wijkregisseur", "District director"},
		"enum.rol.WIJKWETHOUDER":               {"Wijkwethouder", "District alderman"},
		"enum.rol.VAKWETHOUDER":                {"Wethouder", "Alderman"},
		"enum.rol.BURGEMEESTER":                {"Burgemeester", "Mayor"},
		"enum.rol.GEBIEDSMANAGER":              {"Gebiedsmanager", "Area manager"},
		"enum.rol.WIJKAGENT":                   {"Wijkagent", "Community police officer"},
		"enum.rol.SOCIAAL_MAKELAAR":            {"Sociaal makelaar", "Community worker"},
		"enum.rol.ADVISEUR_WIJKGERICHT_WERKEN": {"Wijkadviseur", "District adviser"},
		"enum.rol.BUURTTEAMMEDEWERKER":         {"Buurtteam", "Neighbourhood team"},
		"enum.rol.JONGERENWERKER":              {"Jongerenwerker", "Youth worker"},
		"enum.rol.OPBOUWWERKER":                {"Opbouwwerker", "Community development worker"},
		"enum.rol.WIJKVERPLEEGKUNDIGE":         {"Wijkverpleegkundige", "District nurse"},
		"enum.rol.WIJKCONSULENT":               {"Wijkconsulent", "Housing consultant"},
		"enum.rol.WIJKVEILIGHEIDSMEDEWERKER":   {"Wijkveiligheid", "District safety officer"},
		"enum.rol.ACCOUNTMANAGER":              {"Accountmanager", "Account manager"},
		"enum.rol.DIRECTEUR":                   {"Directeur", "Director"},
		"enum.rol.BESTUURDER":                  {"Bestuurder", "Board member"},
		"enum.rol.MANAGER":                     {"Manager", "Manager"},
		"enum.rol.VOORZITTER":                  {"Voorzitter", "Chair"},
		"enum.rol.SECRETARIS":                  {"Secretaris", "Secretary"},
		"enum.rol.SLEUTELFIGUUR":               {"Sleutelfiguur", "Key figure"},
		"enum.rol.OVERIG":                      {"Functie", "Role"},
	} {
		messages[k] = v
	}
}

// The statements, paragraph by paragraph.
func init() {
	for k, v := range map[string][2]string{
		"toegankelijk.p1": {"Iedereen moet deze website kunnen gebruiken. Ook met een schermlezer, alleen met een toetsenbord, of met grote letters. We willen voldoen aan de eisen van WCAG 2.1, niveau AA.",
			"Everyone must be able to use this website. Also with a screen reader, with a keyboard only, or with large text. We aim to meet WCAG 2.1, level AA."},
		"toegankelijk.kop1": {"Wat we doen", "What we do"},
		"toegankelijk.p2": {"De pagina's zijn gemaakt met de onderdelen en huisstijl van het NL Design System van de gemeente Utrecht. Zoeken werkt ook zonder JavaScript. Bij elke wijziging testen we alle pagina's automatisch in een browser: met het toetsenbord, op een telefoonscherm en met de toets axe-core.",
			"The pages are built with the components and design tokens of the NL Design System of the Municipality of Utrecht. Search also works without JavaScript. With every change we test all pages automatically in a browser: with the keyboard, on a phone screen and with the axe-core checker."},
		"toegankelijk.kop2": {"Wat nog niet goed is", "What is not right yet"},
		"toegankelijk.p3": {"De pagina's zijn nog niet gekeurd door een onafhankelijke deskundige. De Engelse versie vertaalt alleen de knoppen en teksten van de website. De informatie over organisaties en activiteiten is in het Nederlands.",
			"The pages have not yet been audited by an independent expert. The English version translates only the buttons and texts of the website. The information about organisations and activities is in Dutch."},
		"toegankelijk.kop3": {"Problemen melden", "Report a problem"},
		"toegankelijk.p4": {"Kunt u iets niet lezen of gebruiken? Laat het ons weten via het formulier Meld een fout. We proberen het binnen twee weken op te lossen.",
			"Can you not read or use something? Let us know with the Report a mistake form. We try to fix it within two weeks."},
		"privacy.p1": {"Op deze website vindt u organisaties, activiteiten en functies in de wijk. Namen van mensen staan er alleen als zij een openbare functie hebben, of als zij daar zelf toestemming voor gaven.",
			"On this website you find organisations, activities and roles in the district. Names of people are shown only if they hold a public office, or if they gave their consent."},
		"privacy.kop1": {"Wat we niet doen", "What we do not do"},
		"privacy.p2": {"We gebruiken geen cookies en we volgen u niet. We vragen niet wie u bent om te zoeken. De sociale kaart bewaart nooit gegevens over de hulp die bewoners krijgen.",
			"We use no cookies and we do not track you. You do not have to say who you are to search. The social map never stores details about the help residents receive."},
		"privacy.kop2": {"Wat we wel bewaren", "What we do store"},
		"privacy.p3": {"De server houdt een logboek bij van verzoeken: de tijd, de pagina en het IP-adres. Dat gebruiken we alleen om storingen en misbruik te vinden.",
			"The server keeps a log of requests: the time, the page and the IP address. We use it only to find faults and misuse."},
		"privacy.p4": {"Als u een fout meldt, bewaren we uw tekst en, als u dat invult, uw e-mailadres. We gebruiken ze alleen om de kaart te verbeteren en u te antwoorden. We bewaren uw e-mailadres niet langer dan nodig is om u te antwoorden.",
			"If you report a mistake, we store your text and, if you fill it in, your e-mail address. We use them only to improve the map and to answer you. We keep your e-mail address no longer than needed to answer you."},
		"privacy.kop3": {"Uw rechten", "Your rights"},
		"privacy.p5": {"Staat u op de kaart en wilt u dat niet meer, of klopt er iets niet over u? Meld het via het formulier. U kunt ook vragen welke gegevens we over u hebben.",
			"Are you on the map and do you no longer want to be, or is something about you wrong? Report it with the form. You can also ask which details we hold about you."},
	} {
		messages[k] = v
	}
}
