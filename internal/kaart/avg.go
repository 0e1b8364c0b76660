package kaart

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"
)

// Privacy (AVG). A Persoon with grondslag TOESTEMMING records who gave the
// consent, when, and for which zichtbaarheid (toestemmingZichtbaarheid); the
// person's zichtbaarheid may not go beyond it. Consent without a stated
// zichtbaarheid covers INTERN only: a wider zichtbaarheid is refused on
// input.toestemmingZichtbaarheid (the migration narrows older such persons
// to INTERN). Consent can be withdrawn
// (trekToestemmingIn): the person and their contactgegevens then become
// INTERN, and stay so until a new consent is recorded with a
// toestemmingGegevenOp after the withdrawal. Withdrawal does not erase:
// erasing is a separate, deliberate act (wisPersoon) by a beheerder.

// zichtbaarheidRang orders how far a zichtbaarheid reaches.
var zichtbaarheidRang = map[string]int{string(Intern): 1, string(Partners): 2, string(Openbaar): 3}

// CheckToestemming checks the whole (merged) properties of a Persoon
// against its consent, and returns a field error or nil.
func CheckToestemming(p map[string]any) error {
	if p["grondslag"] != "TOESTEMMING" {
		return nil
	}
	z, _ := p["zichtbaarheid"].(string)
	if op, ok := p["toestemmingIngetrokkenOp"].(time.Time); ok {
		gegeven, _ := p["toestemmingGegevenOp"].(time.Time)
		if !gegeven.After(op) && zichtbaarheidRang[z] > zichtbaarheidRang[string(Intern)] {
			return ValidationErrors{{Code: EINVALID, Field: "input.zichtbaarheid", Message: fmt.Sprintf(
				"mag niet ruimer zijn dan INTERN: de toestemming is op %s ingetrokken; leg eerst een nieuwe toestemming vast (toestemmingGegevenOp na de intrekking)", op.Format(time.DateOnly))}}
		}
	}
	tz, ok := p["toestemmingZichtbaarheid"].(string)
	if !ok && zichtbaarheidRang[z] > zichtbaarheidRang[string(Intern)] {
		// Consent that does not say for whom covers the narrowest
		// audience only, never the widest.
		return ValidationErrors{{Code: EINVALID, Field: "input.toestemmingZichtbaarheid", Message: fmt.Sprintf(
			"is verplicht om de persoon %s te tonen: leg vast voor welke zichtbaarheid de persoon toestemming gaf; zonder is de persoon alleen INTERN zichtbaar", z)}}
	}
	if ok && zichtbaarheidRang[z] > zichtbaarheidRang[tz] {
		return ValidationErrors{{Code: EINVALID, Field: "input.zichtbaarheid", Message: fmt.Sprintf(
			"mag niet ruimer zijn dan de zichtbaarheid waarvoor toestemming is gegeven (%s)", tz)}}
	}
	return nil
}

// checkToestemmingDatum refuses consent dated after today: consent that
// has not been given yet is no ground to show a person. Today is taken
// generously (one day past the UTC date) so that "today" anywhere counts.
func checkToestemmingDatum(p map[string]any, errs *ValidationErrors) {
	op, ok := p["toestemmingGegevenOp"].(time.Time)
	if !ok {
		return
	}
	if morgen := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 1); op.After(morgen) {
		errs.Add("input.toestemmingGegevenOp", "ligt in de toekomst (%s): leg toestemming vast op of na de dag dat ze gegeven is", op.Format(time.DateOnly))
	}
}

// AVGStore exports, withdraws consent for and erases persons.
type AVGStore interface {
	// TrekToestemmingIn records the withdrawal and makes the person and
	// their contactgegevens INTERN, in one transaction.
	TrekToestemmingIn(ctx context.Context, v Viewer, id string) (Node, error)
	// Persoonsgegevens returns everything the kaart holds about a person.
	Persoonsgegevens(ctx context.Context, v Viewer, id string) (Persoonsgegevens, error)
	// WisPersoon erases the person, their contactgegevens and relationships,
	// and replaces their history with one entry stating the erasure.
	WisPersoon(ctx context.Context, v Viewer, id, reden string) error
}

// Compacteerder is a search index that can rewrite its files so that
// deleted documents are gone from disk, not only marked deleted.
type Compacteerder interface {
	Compacteer(ctx context.Context) error
}

// Persoonsgegevens is the export of one person (AVG art. 15 and 20).
type Persoonsgegevens struct {
	Persoon         map[string]any   `json:"persoon"`
	Contactgegevens []map[string]any `json:"contactgegevens"`
	// Koppelingen are all relationships of the person, with the id, type and
	// name of the record at the other end when the viewer may see it.
	Koppelingen  []map[string]any `json:"koppelingen"`
	Geschiedenis []Wijziging      `json:"geschiedenis"`
	Geexporteerd time.Time        `json:"geexporteerd"`
}

func (s *Service) avgStore() (AVGStore, error) {
	if as, ok := s.Store.(AVGStore); ok {
		return as, nil
	}
	return nil, Errorf(EUNAVAILABLE, "Deze server ondersteunt geen AVG-verzoeken.")
}

// requireSteward allows beheerders and, when allowRegisseur, regisseurs;
// the store then checks that the person is in their write scope.
func requireSteward(v Viewer, wat string, allowRegisseur bool) error {
	if err := requireLogin(v); err != nil {
		return err
	}
	if v.Rol == Beheerder || (allowRegisseur && v.Rol == Regisseur) {
		return nil
	}
	return Errorf(EFORBIDDEN, "%s mag alleen een beheerder van de gemeente.", wat)
}

// TrekToestemmingIn withdraws the consent of a person.
func (s *Service) TrekToestemmingIn(ctx context.Context, id string) (Node, error) {
	v := ViewerFrom(ctx)
	if err := requireLogin(v); err != nil {
		return Node{}, err
	}
	as, err := s.avgStore()
	if err != nil {
		return Node{}, err
	}
	n, err := as.TrekToestemmingIn(ctx, v, id)
	if err != nil {
		return Node{}, fmt.Errorf("trek toestemming in %s: %w", id, err)
	}
	_ = s.syncZoek(ctx)
	return n, nil
}

// Persoonsgegevens exports everything about a person, for beheerders and
// regisseurs whose write scope holds the person.
func (s *Service) Persoonsgegevens(ctx context.Context, id string) (Persoonsgegevens, error) {
	v := ViewerFrom(ctx)
	if err := requireSteward(v, "Persoonsgegevens exporteren", true); err != nil {
		return Persoonsgegevens{}, err
	}
	as, err := s.avgStore()
	if err != nil {
		return Persoonsgegevens{}, err
	}
	return as.Persoonsgegevens(ctx, v, id)
}

// WisPersoon erases a person everywhere: the store in one transaction, then
// the search index, whose files are rewritten so the bytes are gone.
func (s *Service) WisPersoon(ctx context.Context, id, reden string) error {
	v := ViewerFrom(ctx)
	if err := requireSteward(v, "Een persoon wissen", false); err != nil {
		return err
	}
	reden = strings.TrimSpace(reden)
	switch {
	case reden == "":
		return &Error{Code: EINVALID, Field: "reden", Message: "is verplicht (bijvoorbeeld het kenmerk van het verzoek)"}
	case utf8.RuneCountInString(reden) > 300:
		return &Error{Code: EINVALID, Field: "reden", Message: "is te lang: maximaal 300 tekens"}
	case strings.ContainsFunc(reden, isControl):
		return &Error{Code: EINVALID, Field: "reden", Message: "bevat ongeldige tekens"}
	}
	as, err := s.avgStore()
	if err != nil {
		return err
	}
	if err := as.WisPersoon(ctx, v, id, reden); err != nil {
		return fmt.Errorf("wis persoon %s: %w", id, err)
	}
	if s.Zoek == nil {
		return nil
	}
	// The erasure is committed; the outbox would bring the index along
	// anyway, but the files must be rewritten now, not at some later merge.
	err = s.syncZoek(ctx)
	if c, ok := s.Zoek.(Compacteerder); ok && err == nil {
		err = c.Compacteer(ctx)
	}
	if err != nil {
		slog.ErrorContext(ctx, "wisPersoon: the search index could not be rewritten", "persoon", id, "err", err)
		return Errorf(EINTERNAL, "De persoon is gewist, maar de zoekindex is nog niet herschreven. Herbouw de zoekindex (socialekaart reindex).")
	}
	return nil
}

// ToestemmingChanged reports whether an update touches what the consent
// rule looks at.
func ToestemmingChanged(props map[string]any) bool {
	for _, k := range []string{"zichtbaarheid", "grondslag", "toestemmingZichtbaarheid", "toestemmingGegevenOp"} {
		if _, ok := props[k]; ok {
			return true
		}
	}
	return false
}
