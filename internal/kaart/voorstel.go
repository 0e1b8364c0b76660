package kaart

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Changes by the groups themselves: a wijkraad or partner proposes a change
// to a record it may not edit, a resident reports a mistake without an
// account, and whoever may write the record (its steward) approves or
// rejects it. Both kinds wait in one review queue as a Voorstel.

// Kinds of Voorstel.
const (
	// VoorstelWijziging carries property changes that approval applies.
	VoorstelWijziging = "WIJZIGING"
	// VoorstelMelding is a resident's text; approval means "afgehandeld".
	VoorstelMelding = "MELDING"
)

// States of a Voorstel.
const (
	StatusOpen        = "OPEN"
	StatusGoedgekeurd = "GOEDGEKEURD"
	StatusAfgewezen   = "AFGEWEZEN"
)

// Limits of the texts in a Voorstel.
const (
	MeldingMin     = 10
	MeldingMax     = 2000
	ToelichtingMax = 2000
	RedenMax       = 2000
	// DefaultOuderDanMaanden is when a record is due for re-confirmation.
	DefaultOuderDanMaanden = 12
)

// Voorstel is a proposed change or a resident's report, waiting for (or
// judged by) the steward of the record.
type Voorstel struct {
	ID     string
	Soort  string // VoorstelWijziging or VoorstelMelding
	Status string
	// RecordID is "" for a report about the site itself.
	RecordID   string
	RecordType string
	// Gemeente of the record when the proposal was made.
	Gemeente string
	// Wijzigingen is the update input as the proposer gave it; nil for a melding.
	Wijzigingen Input
	// Toelichting explains a proposal, or is the text of a melding.
	Toelichting string
	// Door names the proposer; DoorGebruiker/DoorSleutel identify them, so
	// that they find their own proposals back.
	Door          string
	DoorGebruiker string
	DoorSleutel   string
	// Email is a resident's optional address for a reply; only reviewers see it.
	Email          string
	Taal           string
	Reden          string
	Ingediend      time.Time
	BeoordeeldDoor string
	BeoordeeldOp   *time.Time
	// BasisVersie is the record's versie the proposal was made against.
	BasisVersie int
}

// VoorstelFilter selects voorstellen. Empty fields do not filter, except
// Status in the review queue, which defaults to OPEN.
type VoorstelFilter struct {
	Gemeente string
	Gebied   string
	Status   string
	First    int
	After    *Cursor
}

// VoorstelPage is one page of voorstellen.
type VoorstelPage struct {
	Voorstellen []Voorstel
	Cursors     []Cursor
	HasNextPage bool
}

// TeBevestigenFilter selects the records due for re-confirmation.
type TeBevestigenFilter struct {
	Gemeente string
	Gebied   string
	// OuderDan: records last confirmed before this moment (or never).
	OuderDan time.Time
	First    int
	After    *Cursor
}

// Besluit is a steward's judgement of a voorstel.
type Besluit struct {
	Goed  bool
	Reden string
	// Toepassen turns an approved WIJZIGING into the validated update the
	// store applies, in the same transaction as the status change.
	Toepassen func(p Voorstel) (*RecordType, Validated, error)
}

// VoorstelStore keeps voorstellen. Like Store it applies the viewer's scope
// in the database: a record the viewer may not see cannot be proposed on
// (NOT_FOUND), and the queue holds only what the viewer may write.
type VoorstelStore interface {
	// DoeVoorstel stores p for a record visible to v, filling RecordType,
	// Gemeente and BasisVersie from the record. NOT_FOUND when invisible.
	DoeVoorstel(ctx context.Context, v Viewer, p Voorstel) (Voorstel, error)
	// Beoordeel judges an OPEN voorstel. Approving a WIJZIGING applies it in
	// the same transaction; CONFLICT when the record changed since
	// BasisVersie, and then nothing is written.
	Beoordeel(ctx context.Context, v Viewer, id string, b Besluit) (Voorstel, error)
	// Wachtrij lists the voorstellen on records v may write, oldest first.
	Wachtrij(ctx context.Context, v Viewer, f VoorstelFilter) (VoorstelPage, error)
	// MijnVoorstellen lists what v proposed, newest first.
	MijnVoorstellen(ctx context.Context, v Viewer, f VoorstelFilter) (VoorstelPage, error)
	// TeBevestigen lists records v may write that were last confirmed
	// before f.OuderDan, oldest first.
	TeBevestigen(ctx context.Context, v Viewer, f TeBevestigenFilter) (Page, error)
}

// voorstellenVoor returns the logged-in viewer and the voorstel store, or
// UNAUTHENTICATED for a viewer who is not logged in.
func (s *Service) voorstellenVoor(ctx context.Context) (Viewer, VoorstelStore, error) {
	v := ViewerFrom(ctx)
	if err := requireLogin(v); err != nil {
		return v, nil, err
	}
	vs, err := s.voorstellen()
	return v, vs, err
}

func (s *Service) voorstellen() (VoorstelStore, error) {
	if s.Voorstellen != nil {
		return s.Voorstellen, nil
	}
	if vs, ok := s.Store.(VoorstelStore); ok {
		return vs, nil
	}
	return nil, fmt.Errorf("store %T keeps no voorstellen", s.Store)
}

// MarshalWijzigingen is how the store keeps a proposal's input: JSON with
// dates as JJJJ-MM-DD, so that it validates again as it was given.
func MarshalWijzigingen(in Input) (string, error) {
	out := make(map[string]any, len(in))
	for k, v := range in {
		if t, ok := v.(time.Time); ok {
			v = t.UTC().Format(time.DateOnly)
		}
		out[k] = v
	}
	b, err := json.Marshal(out)
	if err != nil {
		return "", fmt.Errorf("marshal wijzigingen: %w", err)
	}
	return string(b), nil
}

// UnmarshalWijzigingen reads what MarshalWijzigingen wrote.
func UnmarshalWijzigingen(s string) (Input, error) {
	if s == "" {
		return nil, nil
	}
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var in Input
	if err := d.Decode(&in); err != nil {
		return nil, fmt.Errorf("unmarshal wijzigingen: %w", err)
	}
	return in, nil
}

func checkPage(first int) (int, error) {
	switch {
	case first == 0:
		return DefaultPageSize, nil
	case first < 0 || first > MaxPageSize:
		return 0, &Error{Code: EINVALID, Field: "first", Message: fmt.Sprintf("moet tussen 1 en %d liggen", MaxPageSize)}
	}
	return first, nil
}

func checkText(errs *ValidationErrors, field, text string, min, max int) {
	n := utf8.RuneCountInString(text)
	switch {
	case !utf8.ValidString(text):
		errs.Add(field, "bevat ongeldige tekens")
	case n < min && n == 0:
		errs.Add(field, "is verplicht")
	case n < min:
		errs.Add(field, "is te kort: minstens %d tekens", min)
	case n > max:
		errs.Add(field, "is te lang: maximaal %d tekens", max)
	}
}

// DoeVoorstel proposes changes to a record the viewer can see. typeName,
// when not empty, is the record type the changes were given for.
func (s *Service) DoeVoorstel(ctx context.Context, recordID, typeName string, wijzigingen Input, toelichting string) (Voorstel, error) {
	v, vs, err := s.voorstellenVoor(ctx)
	if err != nil {
		return Voorstel{}, err
	}
	if msg := CheckID(recordID); msg != "" {
		return Voorstel{}, &Error{Code: EINVALID, Field: "record", Message: msg}
	}
	toelichting = strings.TrimSpace(toelichting)
	var errs ValidationErrors
	checkText(&errs, "toelichting", toelichting, 0, ToelichtingMax)
	if len(wijzigingen) == 0 {
		errs.Add("wijziging", "noem minstens één veld dat anders moet")
	}
	if err := errs.Err(); err != nil {
		return Voorstel{}, err
	}
	got, err := s.Store.Get(ctx, v, nil, []string{recordID})
	if err != nil {
		return Voorstel{}, fmt.Errorf("voorstel: look up %s: %w", recordID, err)
	}
	n, ok := got[recordID]
	if !ok {
		return Voorstel{}, NotFound("Record", recordID)
	}
	t, err := recordType(n.Type)
	if err != nil {
		return Voorstel{}, err
	}
	field := "wijziging." + lowerFirst(t.Name)
	if typeName != "" && typeName != t.Name {
		return Voorstel{}, &Error{Code: EINVALID, Field: "wijziging", Message: fmt.Sprintf(
			"%q is een %s; geef de wijziging als %s", recordID, t.Name, lowerFirst(t.Name))}
	}
	val, err := t.ValidateUpdate(wijzigingen, field)
	if err != nil {
		return Voorstel{}, err
	}
	if err := CheckLaatstBevestigd(v, val.Props, field); err != nil {
		return Voorstel{}, err
	}
	p := Voorstel{
		Soort: VoorstelWijziging, RecordID: recordID, Wijzigingen: wijzigingen, Toelichting: toelichting,
		Door: v.Door(), DoorGebruiker: v.GebruikerID, DoorSleutel: v.SleutelID,
	}
	out, err := vs.DoeVoorstel(ctx, v, p)
	if err != nil {
		return Voorstel{}, fmt.Errorf("voorstel voor %s: %w", recordID, err)
	}
	return out, nil
}

// Melding is a resident's report of a mistake, without an account.
type Melding struct {
	// RecordID is the record the report is about; "" for the site itself.
	RecordID string
	Tekst    string
	// Email is optional, for a reply; only reviewers see it.
	Email string
	Taal  string
}

// MeldFout puts a resident's report in the review queue. Anyone may report,
// but only on a record they can see: a hidden record answers NOT_FOUND, as
// if it did not exist.
func (s *Service) MeldFout(ctx context.Context, m Melding) (Voorstel, error) {
	v := ViewerFrom(ctx)
	vs, err := s.voorstellen()
	if err != nil {
		return Voorstel{}, err
	}
	m.Tekst = strings.TrimSpace(m.Tekst)
	m.Email = strings.TrimSpace(m.Email)
	var errs ValidationErrors
	if m.RecordID != "" {
		if msg := CheckID(m.RecordID); msg != "" {
			errs.Add("record", "%s", msg)
		}
	}
	checkText(&errs, "tekst", m.Tekst, MeldingMin, MeldingMax)
	if m.Email != "" {
		if msg := CheckEmail(m.Email); msg != "" || len(m.Email) > 254 {
			errs.Add("email", "is geen geldig e-mailadres")
		}
	}
	if err := errs.Err(); err != nil {
		return Voorstel{}, err
	}
	door := v.Door()
	if !v.Authenticated() {
		door = "inwoner (zonder account)"
	}
	p := Voorstel{
		Soort: VoorstelMelding, RecordID: m.RecordID, Toelichting: m.Tekst, Email: m.Email, Taal: m.Taal,
		Door: door, DoorGebruiker: v.GebruikerID, DoorSleutel: v.SleutelID,
	}
	out, err := vs.DoeVoorstel(ctx, v, p)
	if err != nil {
		return Voorstel{}, fmt.Errorf("melding: %w", err)
	}
	return out, nil
}

// KeurGoed approves a voorstel: a WIJZIGING is applied with the reviewer's
// rights, a MELDING is marked as handled.
func (s *Service) KeurGoed(ctx context.Context, id, reden string) (Voorstel, error) {
	return s.beoordeel(ctx, id, Besluit{Goed: true, Reden: strings.TrimSpace(reden)})
}

// WijsAf rejects a voorstel; the reason is required, the proposer sees it.
func (s *Service) WijsAf(ctx context.Context, id, reden string) (Voorstel, error) {
	reden = strings.TrimSpace(reden)
	if reden == "" {
		return Voorstel{}, &Error{Code: EINVALID, Field: "reden", Message: "is verplicht bij afwijzen: de indiener ziet waarom"}
	}
	return s.beoordeel(ctx, id, Besluit{Reden: reden})
}

func (s *Service) beoordeel(ctx context.Context, id string, b Besluit) (Voorstel, error) {
	v, vs, err := s.voorstellenVoor(ctx)
	if err != nil {
		return Voorstel{}, err
	}
	if msg := CheckID(id); msg != "" {
		return Voorstel{}, &Error{Code: EINVALID, Field: "id", Message: msg}
	}
	var errs ValidationErrors
	checkText(&errs, "reden", b.Reden, 0, RedenMax)
	if err := errs.Err(); err != nil {
		return Voorstel{}, err
	}
	b.Toepassen = func(p Voorstel) (*RecordType, Validated, error) {
		t, err := recordType(p.RecordType)
		if err != nil {
			return nil, Validated{}, err
		}
		val, err := t.ValidateUpdate(p.Wijzigingen, "wijziging."+lowerFirst(t.Name))
		if err != nil {
			return nil, Validated{}, err
		}
		if err := CheckLaatstBevestigd(v, val.Props, "wijziging."+lowerFirst(t.Name)); err != nil {
			return nil, Validated{}, err
		}
		if bh, ok := val.Props["beheerder"]; ok && v.Rol == Partner && bh != v.Organisatie {
			return nil, Validated{}, &Error{Code: EFORBIDDEN, Field: "wijziging.beheerder", Message: "U kunt het beheer niet aan een andere organisatie geven; vraag de regisseur van de wijk."}
		}
		return t, val, nil
	}
	out, err := vs.Beoordeel(ctx, v, id, b)
	if err != nil {
		return Voorstel{}, fmt.Errorf("beoordeel voorstel %s: %w", id, err)
	}
	if out.Soort == VoorstelWijziging && b.Goed {
		_ = s.syncZoek(ctx)
	}
	return out, nil
}

func checkStatus(status string) (string, error) {
	switch status {
	case "", StatusOpen, StatusGoedgekeurd, StatusAfgewezen:
		return status, nil
	}
	return "", &Error{Code: EINVALID, Field: "status", Message: "moet OPEN, GOEDGEKEURD of AFGEWEZEN zijn"}
}

// voorstelLijst checks a list request: a logged-in viewer, a page size and
// a known status.
func (s *Service) voorstelLijst(ctx context.Context, f VoorstelFilter) (Viewer, VoorstelStore, VoorstelFilter, error) {
	v, vs, err := s.voorstellenVoor(ctx)
	if err != nil {
		return v, nil, f, err
	}
	if f.First, err = checkPage(f.First); err != nil {
		return v, nil, f, err
	}
	if f.Status, err = checkStatus(f.Status); err != nil {
		return v, nil, f, err
	}
	return v, vs, f, nil
}

// Beoordelingswachtrij lists the voorstellen the viewer may judge: those on
// records in the viewer's write scope. Status defaults to OPEN.
func (s *Service) Beoordelingswachtrij(ctx context.Context, f VoorstelFilter) (VoorstelPage, error) {
	v, vs, f, err := s.voorstelLijst(ctx, f)
	if err != nil {
		return VoorstelPage{}, err
	}
	if f.Status == "" {
		f.Status = StatusOpen
	}
	return vs.Wachtrij(ctx, v, f)
}

// MijnVoorstellen lists the viewer's own voorstellen with their status and
// reason, newest first. The reply address of a melding is not in it.
func (s *Service) MijnVoorstellen(ctx context.Context, f VoorstelFilter) (VoorstelPage, error) {
	v, vs, f, err := s.voorstelLijst(ctx, f)
	if err != nil {
		return VoorstelPage{}, err
	}
	if v.GebruikerID == "" && v.SleutelID == "" {
		return VoorstelPage{}, nil
	}
	page, err := vs.MijnVoorstellen(ctx, v, f)
	for i := range page.Voorstellen {
		page.Voorstellen[i].Email = ""
	}
	return page, err
}

// TeBevestigen lists the records in the viewer's write scope last confirmed
// more than ouderDanMaanden months ago (0: DefaultOuderDanMaanden), oldest
// first. Confirming one (Bevestig) takes it off the list.
func (s *Service) TeBevestigen(ctx context.Context, gemeente, gebied string, ouderDanMaanden int, first int, after *Cursor, now time.Time) (Page, error) {
	v, vs, err := s.voorstellenVoor(ctx)
	if err != nil {
		return Page{}, err
	}
	if ouderDanMaanden == 0 {
		ouderDanMaanden = DefaultOuderDanMaanden
	}
	if ouderDanMaanden < 0 || ouderDanMaanden > 240 {
		return Page{}, &Error{Code: EINVALID, Field: "ouderDanMaanden", Message: "moet tussen 1 en 240 liggen"}
	}
	if first, err = checkPage(first); err != nil {
		return Page{}, err
	}
	return vs.TeBevestigen(ctx, v, TeBevestigenFilter{
		Gemeente: gemeente, Gebied: gebied, OuderDan: now.AddDate(0, -ouderDanMaanden, 0), First: first, After: after,
	})
}

// Bevestig confirms that a record of any type is still right: the one
// action on the re-confirm list.
func (s *Service) Bevestig(ctx context.Context, id string) (Node, error) {
	v := ViewerFrom(ctx)
	if err := requireLogin(v); err != nil {
		return Node{}, err
	}
	if msg := CheckID(id); msg != "" {
		return Node{}, &Error{Code: EINVALID, Field: "id", Message: msg}
	}
	got, err := s.Store.Get(ctx, v, nil, []string{id})
	if err != nil {
		return Node{}, fmt.Errorf("bevestig %s: %w", id, err)
	}
	n, ok := got[id]
	if !ok {
		return Node{}, NotFound("Record", id)
	}
	return s.Confirm(ctx, n.Type, id)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
