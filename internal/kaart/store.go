package kaart

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"time"
)

// Node is a record as the store returns it: its type and its properties,
// with dates and times as time.Time.
type Node struct {
	Type  string
	Props map[string]any
}

// ID returns the record's id.
func (n Node) ID() string { s, _ := n.Props["id"].(string); return s }

// Decode fills one of the record structs (Organisatie, Gebied, …) from n.
func Decode[T any](n Node) (*T, error) {
	var out T
	b, err := json.Marshal(n.Props)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Neighbour is a record reached through a relationship, with that relationship.
type Neighbour struct {
	Koppeling Node
	Node      Node
}

// ListFilter selects records of one type. Empty fields do not filter.
type ListFilter struct {
	Gemeente string
	// Gebied includes its sub-areas: a wijk filter finds what serves its buurten.
	Gebied     string
	Sector     string
	Thema      string
	Niveau     string
	Soort      string
	NaamPrefix string
	First      int
	After      *Cursor
}

const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// Cursor is a position in a list sorted by (sorteernaam, id).
type Cursor struct {
	Sort string `json:"s"`
	ID   string `json:"i"`
}

// Encode returns the opaque form handed to clients.
func (c Cursor) Encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor parses a cursor from a client.
func DecodeCursor(s string) (*Cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	var c Cursor
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" {
		return nil, &Error{Code: EINVALID, Field: "after", Message: "is geen geldige cursor; gebruik endCursor uit een eerder antwoord"}
	}
	return &c, nil
}

// Page is one page of a list.
type Page struct {
	Nodes       []Node
	Cursors     []Cursor
	HasNextPage bool
}

// NeighbourQuery asks for the records next to many records at once, so a
// nested GraphQL field costs one statement for all its parents.
type NeighbourQuery struct {
	Relation string
	// Outgoing: (from)-[rel]->(neighbour); otherwise (from)<-[rel]-(neighbour).
	Outgoing bool
	From     []string
	// Types limits the neighbour's record types; empty means any.
	Types []string
	// Niveau filters LID_VAN memberships.
	Niveau string
}

// Store keeps the sociale kaart. Every method applies the viewer's scope in
// the database: records a viewer may not see never leave it. Every write is
// one transaction: on any error nothing is written.
type Store interface {
	// Create returns ValidationErrors for references that do not exist or
	// are not visible, FORBIDDEN outside the viewer's write scope.
	Create(ctx context.Context, v Viewer, t *RecordType, in Validated) (Node, error)
	// Update returns NOT_FOUND, FORBIDDEN, or CONFLICT when versie is stale.
	Update(ctx context.Context, v Viewer, t *RecordType, id string, versie int, in Validated) (Node, error)
	// Delete returns CONFLICT naming the dependents when other records need this one.
	Delete(ctx context.Context, v Viewer, t *RecordType, id string, versie int) error
	// Confirm sets laatstBevestigd to now.
	Confirm(ctx context.Context, v Viewer, t *RecordType, id string) (Node, error)
	// Get returns the visible records among ids, keyed by id.
	Get(ctx context.Context, v Viewer, types []string, ids []string) (map[string]Node, error)
	List(ctx context.Context, v Viewer, t *RecordType, f ListFilter) (Page, error)
	Count(ctx context.Context, v Viewer, t *RecordType, f ListFilter) (int, error)
	Neighbours(ctx context.Context, v Viewer, q NeighbourQuery) (map[string][]Neighbour, error)

	Link(ctx context.Context, v Viewer, r *RelationType, from, to string, props map[string]any) (Node, error)
	UpdateLink(ctx context.Context, v Viewer, r *RelationType, id string, versie int, props map[string]any) (Node, error)
	Unlink(ctx context.Context, v Viewer, r *RelationType, id string, versie int) error
}

// Sleutel is an API key; only a hash of its secret is stored.
type Sleutel struct {
	ID             string
	Naam           string
	Rol            Rol
	Organisatie    string
	Gemeente       string
	Gebieden       []string
	Aangemaakt     time.Time
	LaatstGebruikt *time.Time
	Ingetrokken    *time.Time
	GeldigTot      *time.Time // nil: no expiry
	Geroteerd      *time.Time // last time the secret was replaced
}

// Viewer returns the viewer this key acts as.
func (s Sleutel) Viewer() Viewer {
	return Viewer{Rol: s.Rol, Organisatie: s.Organisatie, Gemeente: s.Gemeente, Gebieden: s.Gebieden, SleutelID: s.ID}
}

// SleutelStore keeps API keys.
type SleutelStore interface {
	CreateSleutel(ctx context.Context, s Sleutel, hash []byte) error
	// SleutelByID returns the key and its hash, NOT_FOUND when unknown.
	SleutelByID(ctx context.Context, id string) (Sleutel, []byte, error)
	ListSleutels(ctx context.Context) ([]Sleutel, error)
	RevokeSleutel(ctx context.Context, id string) error
	TouchSleutel(ctx context.Context, id string, at time.Time) error
	// RotateSleutel replaces the hash of a key's secret: NOT_FOUND when
	// unknown, CONFLICT when revoked.
	RotateSleutel(ctx context.Context, id string, hash []byte, at time.Time) error
}
