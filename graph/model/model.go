// Package model holds the GraphQL-only Go types: connections, filters,
// unions and the Datum scalar. Record types are the structs of internal/kaart.
package model

import (
	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Record is any record type of internal/kaart (*kaart.Organisatie, …).
type Record interface{}

// Lid is a *kaart.Organisatie, *kaart.Persoon, *kaart.Functie or *kaart.Netwerk.
type Lid interface{}

// Lidmaatschap is a member of a coalitie, netwerk or overleg with its LID_VAN koppeling.
type Lidmaatschap struct {
	Koppeling *kaart.Koppeling `json:"koppeling"`
	Lid       Lid              `json:"lid"`
}

// Connection is one page of any record type. Type and Filter let
// totalCount count the same selection only when a client asks for it.
type Connection struct {
	Type     string           `json:"-"`
	Filter   kaart.ListFilter `json:"-"`
	Edges    []*Edge          `json:"edges"`
	PageInfo *PageInfo        `json:"pageInfo"`
}

// Edge is one record in a Connection; Node holds a pointer to a kaart record struct.
type Edge struct {
	Cursor string `json:"cursor"`
	Node   any    `json:"-"`
}

// PageInfo is Relay's page information.
type PageInfo struct {
	HasNextPage     bool    `json:"hasNextPage"`
	HasPreviousPage bool    `json:"hasPreviousPage"`
	StartCursor     *string `json:"startCursor"`
	EndCursor       *string `json:"endCursor"`
}

// ListFilter is bound to every *Filter input; a type's filter uses the
// fields that apply to it.
type ListFilter struct {
	Gemeente      *string `json:"gemeente"`
	Gebied        *string `json:"gebied"`
	Sector        *string `json:"sector"`
	Thema         *string `json:"thema"`
	Niveau        *string `json:"niveau"`
	Soort         *string `json:"soort"`
	NaamBegintMet *string `json:"naamBegintMet"`
}
