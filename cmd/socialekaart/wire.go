package main

import (
	"context"
	"net/http"

	"github.com/socialekaart/socialekaart/graph"
	"github.com/socialekaart/socialekaart/internal/demo"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jlocal"
)

// This file is the only one in the binary that names the concrete adapters;
// the rest of main works through Deps, so end-to-end tests can replace them.

// DefaultDeps returns the real implementations.
func DefaultDeps() Deps {
	return Deps{
		OpenDatabase: func(ctx context.Context, c DatabaseConfig) (Database, error) {
			return neo4j.Open(ctx, neo4j.Config{
				URI:         c.URI,
				User:        c.User,
				Password:    c.Password,
				Database:    c.Database,
				Logger:      c.Logger,
				OnStatement: c.OnStatement,
			})
		},
		StartLocalNeo4j: func(ctx context.Context, o LocalNeo4jOptions) (LocalNeo4j, error) {
			return neo4jlocal.Start(ctx, neo4jlocal.Options{
				DataDir:   o.DataDir,
				PageCache: o.PageCache,
				JavaHeap:  o.JavaHeap,
				Logger:    o.Logger,
				Stderr:    o.Stderr,
			})
		},
		GraphQL: func(o GraphQLOptions) http.Handler {
			// TODO(graph): pass o.OnError once graph.Options has a hook for
			// counting errors by extensions.code (metrics.ObserveGraphQLError).
			return graph.NewHandler(o.Service, graph.Options{
				Introspection:   o.Introspection,
				MaxDepth:        o.MaxDepth,
				MaxAliases:      o.MaxAliases,
				MaxTokens:       o.MaxTokens,
				ComplexityLimit: o.ComplexityLimit,
			}, o.Logger)
		},
		Playground: graph.Playground,
		DemoData:   demo.Utrecht,
	}
}
