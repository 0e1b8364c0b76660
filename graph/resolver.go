// Package graph is the GraphQL API of the sociale kaart: the schema in
// schema/*.graphqls, resolved through kaart.Service. It never talks to the
// database directly.
package graph

//go:generate go run github.com/99designs/gqlgen generate

import (
	"log/slog"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Resolver is the root of all resolvers; it is hand-written and never
// regenerated.
type Resolver struct {
	Service *kaart.Service
	Logger  *slog.Logger
	// Sleutels manages API keys (schema/sleutels.graphqls); nil makes those
	// fields answer UNAVAILABLE.
	Sleutels *kaart.Sleutels
}
