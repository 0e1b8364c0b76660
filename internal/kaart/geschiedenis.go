package kaart

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"
)

// History. Every change to a record or to a relationship is kept as a
// Wijziging, written by the store in the same transaction as the change:
// who (Viewer.Door, the user and the API key), when, what kind of change,
// and the changed properties before and after.
//
// Who may read it: whoever may WRITE the record now. A writer of a record
// can see every version of it anyway (the write scope is inside the read
// scope), so an entry from a time the record was INTERN never reaches a
// viewer who can now only see the record because it became OPENBAAR. A
// viewer who cannot see the record gets NOT_FOUND, one who can see but not
// change it FORBIDDEN. Entries about a relationship are only shown when the
// viewer can see the record at its other end. The history of a deleted
// record stays readable for the beheerder of its gemeente (and the
// platform beheerder), nobody else.

// Soorten of Wijziging.
const (
	WijzigingAangemaakt         = "AANGEMAAKT"
	WijzigingGewijzigd          = "GEWIJZIGD"
	WijzigingHersteld           = "HERSTELD"
	WijzigingVerwijderd         = "VERWIJDERD"
	WijzigingBevestigd          = "BEVESTIGD"
	WijzigingGekoppeld          = "GEKOPPELD"
	WijzigingKoppelingGewijzigd = "KOPPELING_GEWIJZIGD"
	WijzigingOntkoppeld         = "ONTKOPPELD"
	WijzigingToestemming        = "TOESTEMMING_INGETROKKEN"
	WijzigingGewist             = "GEWIST"
)

// Wijziging is one change as the history keeps it. Voor and Na hold the
// changed properties as JSON objects (dates as JJJJ-MM-DD); a property that
// did not exist is null in Voor, one that was removed null in Na.
type Wijziging struct {
	ID          string    `json:"id"`
	RecordID    string    `json:"recordId"`
	RecordType  string    `json:"recordType"`
	Soort       string    `json:"soort"`
	Door        string    `json:"door"`
	GebruikerID string    `json:"gebruikerId,omitempty"`
	SleutelID   string    `json:"sleutelId,omitempty"`
	Op          time.Time `json:"op"`
	// Versie is the record's versie after the change (before it, for a
	// delete); zero for changes that do not change the versie.
	Versie      int    `json:"versie,omitempty"`
	Voor        string `json:"voor,omitempty"`
	Na          string `json:"na,omitempty"`
	KoppelingID string `json:"koppelingId,omitempty"`
	Relatie     string `json:"relatie,omitempty"`
	Van         string `json:"van,omitempty"`
	Naar        string `json:"naar,omitempty"`
	// HersteldVan is the versie a restore went back to.
	HersteldVan int    `json:"hersteldVan,omitempty"`
	Reden       string `json:"reden,omitempty"`
}

// WijzigingPage is one page of history, newest first.
type WijzigingPage struct {
	Wijzigingen []Wijziging
	HasNextPage bool
	EndCursor   string
}

// GeschiedenisStore keeps and reads the history. The neo4j Store
// implements it; it is separate from Store so in-memory test stores need
// not.
type GeschiedenisStore interface {
	// Geschiedenis returns up to first entries of the record, newest first,
	// after the given entry (nil: from the newest).
	Geschiedenis(ctx context.Context, v Viewer, id string, first int, after *WijzigingPositie) (WijzigingPage, error)
	// Herstel sets the record back to its properties at versie, as one
	// update that itself becomes a Wijziging of soort HERSTELD.
	Herstel(ctx context.Context, v Viewer, t *RecordType, id string, versie, huidigeVersie int) (Node, error)
}

func (s *Service) geschiedenisStore() (GeschiedenisStore, error) {
	if gs, ok := s.Store.(GeschiedenisStore); ok {
		return gs, nil
	}
	return nil, Errorf(EUNAVAILABLE, "Deze server houdt geen geschiedenis bij.")
}

// Geschiedenis returns one page of the history of a record.
func (s *Service) Geschiedenis(ctx context.Context, id string, first int, after string) (WijzigingPage, error) {
	v := ViewerFrom(ctx)
	if err := requireLogin(v); err != nil {
		return WijzigingPage{}, err
	}
	if msg := CheckID(id); msg != "" {
		return WijzigingPage{}, &Error{Code: EINVALID, Field: "id", Message: msg}
	}
	switch {
	case first == 0:
		first = DefaultPageSize
	case first < 0 || first > MaxPageSize:
		return WijzigingPage{}, &Error{Code: EINVALID, Field: "first", Message: fmt.Sprintf("moet tussen 1 en %d liggen", MaxPageSize)}
	}
	var pos *WijzigingPositie
	if after != "" {
		var p WijzigingPositie
		b, err := base64.RawURLEncoding.DecodeString(after)
		if err == nil {
			err = json.Unmarshal(b, &p)
		}
		if err != nil || p.Nr <= 0 || p.ID == "" {
			return WijzigingPage{}, &Error{Code: EINVALID, Field: "after", Message: "is geen geldige cursor; gebruik endCursor uit een eerder antwoord"}
		}
		pos = &p
	}
	gs, err := s.geschiedenisStore()
	if err != nil {
		return WijzigingPage{}, err
	}
	return gs.Geschiedenis(ctx, v, id, first, pos)
}

// WijzigingPositie is an entry's place in the history of its record: its
// number, and its id for the rare entries that share a number (two
// relationship changes on one record at the same moment).
type WijzigingPositie struct {
	Nr int64  `json:"n"`
	ID string `json:"i"`
}

// Cursor returns the opaque form handed to clients.
func (p WijzigingPositie) Cursor() string {
	b, _ := json.Marshal(p)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Herstel sets a record back to the properties it had at versie; huidige
// must be the current versie (CONFLICT otherwise), as for any change.
func (s *Service) Herstel(ctx context.Context, typeName, id string, versie, huidige int) (Node, error) {
	v, t, err := writer(ctx, typeName)
	if err != nil {
		return Node{}, err
	}
	if versie < 1 || versie >= huidige {
		return Node{}, &Error{Code: EINVALID, Field: "versie", Message: "moet een eerdere versie zijn dan de huidige"}
	}
	gs, err := s.geschiedenisStore()
	if err != nil {
		return Node{}, err
	}
	n, err := gs.Herstel(ctx, v, t, id, versie, huidige)
	if err != nil {
		return Node{}, fmt.Errorf("herstel %s %s: %w", typeName, id, err)
	}
	// A restore may narrow visibility: the index follows before we answer.
	_ = s.syncZoek(ctx)
	return n, nil
}

// HistoryValue turns a property value into what the history stores in its
// JSON: calendar dates as JJJJ-MM-DD, moments as RFC 3339.
func HistoryValue(name string, v any) any {
	if t, ok := v.(time.Time); ok {
		if IsDateProperty(name) {
			return t.UTC().Format(time.DateOnly)
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	return v
}

// HistoryJSON encodes changed properties for the history; nil for none.
func HistoryJSON(props map[string]any) (any, error) {
	if props == nil {
		return nil, nil
	}
	out := make(map[string]any, len(props))
	for k, v := range props {
		out[k] = HistoryValue(k, v)
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("history json: %w", err)
	}
	return string(b), nil
}

// Writable reports whether name is a property a change of t may set, the
// common fields included. Create-only fields are not: a restore leaves them.
func (t *RecordType) Writable(name string) bool {
	// A confirmation is a moment, not part of a version: a restore keeps
	// the latest one.
	if name == "laatstBevestigd" {
		return false
	}
	if f := t.Field(name); f != nil {
		return !f.CreateOnly
	}
	_, ok := t.FieldKind(name)
	return ok
}

// HistoryProps keeps the properties of a record the history records: the
// fields of t and the common fields, without the store's own bookkeeping.
func (t *RecordType) HistoryProps(props map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range props {
		// When it was confirmed is bookkeeping: the history has an entry
		// per confirmation, and names it when a beheerder set it.
		if k == "laatstBevestigd" {
			continue
		}
		if _, ok := t.FieldKind(k); ok || t.extraHistory(k) {
			out[k] = v
		}
	}
	return out
}

// extraHistory names stored properties that are no input field but still
// part of what the history records.
func (t *RecordType) extraHistory(name string) bool {
	return t == PersoonType && name == "toestemmingIngetrokkenOp"
}
