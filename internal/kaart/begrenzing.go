package kaart

import (
	"fmt"
	"strings"
)

// Nothing is more visible than what it belongs to. A record with an owner
// (RecordType.Owner: a contactgegeven of its holder, a functie or aanbod of
// its organisation, a sub-organisation, a buurt in its wijk) is never
// stored with a zichtbaarheid wider than its owner's. The store enforces it
// in the transaction of every change: it lowers a wider value to the
// owner's and says so with a Waarschuwing (WZichtbaarheidBegrensd), and when
// a record narrows, its dependents narrow with it. Data from before the rule
// is capped once by the migration, and every import in its own transaction.
//
// A Koppeling is not capped in storage: every read of one (nested fields,
// questions, routes, search surroundings) already requires that it and
// both its ends are visible, and a stored INTERN on a link would hide it
// from viewers who see both ends (a link's reach is its start's gemeente
// and beheerder, not the narrower end's).

// Rang orders how far a zichtbaarheid reaches: INTERN 1, PARTNERS 2,
// OPENBAAR 3. A missing or unknown value counts as the widest, so that it
// is never left wider than an owner.
func Rang(z string) int {
	if r, ok := zichtbaarheidRang[z]; ok {
		return r
	}
	return zichtbaarheidRang[string(Openbaar)]
}

// Ruimer reports whether a reaches further than b.
func Ruimer(a, b string) bool { return Rang(a) > Rang(b) }

// lidwoord is the article of a record type in a sentence ("de persoon").
var lidwoord = map[string]string{
	"Gebied": "het", "Netwerk": "het", "Overleg": "het", "Initiatief": "het", "Aanbod": "het", "Thema": "het",
}

// DeNaam names a record type in a sentence: "de persoon", "het netwerk".
func DeNaam(typeName string) string {
	a, ok := lidwoord[typeName]
	if !ok {
		a = "de"
	}
	return a + " " + strings.ToLower(typeName)
}

// Begrensd is the warning for a record or Koppeling whose zichtbaarheid was
// lowered to z, that of the owner (or end) of type ownerType.
func Begrensd(z, ownerType string) Waarschuwing {
	return Waarschuwing{Code: WZichtbaarheidBegrensd, Veld: "input.zichtbaarheid",
		Bericht: fmt.Sprintf("Zichtbaarheid begrensd tot %s, zoals %s.", z, DeNaam(ownerType))}
}

// Meebegrensd is the warning for a change that narrowed a record to z and,
// with it, n records that belong to it (its contactgegevens, functies, …).
func Meebegrensd(z string, n int) Waarschuwing {
	bericht := fmt.Sprintf("Ook %d records die hierbij horen zijn nu %s, zoals dit record.", n, z)
	if n == 1 {
		bericht = fmt.Sprintf("Ook 1 record dat hierbij hoort is nu %s, zoals dit record.", z)
	}
	return Waarschuwing{Code: WZichtbaarheidBegrensd, Veld: "input.zichtbaarheid", Bericht: bericht}
}
