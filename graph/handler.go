package graph

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/socialekaart/socialekaart/graph/generated"
	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Options bound what one GraphQL operation may ask. Zero values take the
// defaults below. Every limit is checked before any resolver runs, so a
// refused query never reaches the database.
type Options struct {
	// Introspection allows __schema and __type queries (for GraphiQL and
	// client generators).
	Introspection bool
	// MaxDepth is the deepest nesting of fields (default 12).
	MaxDepth int
	// MaxAliases is the number of aliased fields (default 30).
	MaxAliases int
	// MaxTokens is the size of the query document in tokens (default 10000).
	MaxTokens int
	// MaxFields is the number of fields written in the document, fragments
	// not expanded (default 1000). It is checked before gqlparser's
	// validation, whose overlap check is quadratic in repeated fields.
	MaxFields int
	// ComplexityLimit is the highest estimated cost (default 5000). A field
	// costs 1 plus its children; a list multiplies its children's cost by
	// its first argument (default 20) or, for nested relationship lists
	// without paging, by NestedListSize.
	ComplexityLimit int
	// MaxResponseBytes bounds the JSON of one answer's data and errors
	// (default 4 MiB). An answer over it is replaced by one error with code
	// RESPONSE_TOO_LARGE and no data, never cut short.
	MaxResponseBytes int
	// NestedListSize is the assumed length of a nested relationship list
	// such as Coalitie.leden (default 10).
	NestedListSize int
	// OnError, when set, is called once for every error sent to a client,
	// with its extensions.code (BAD_USER_INPUT, NOT_FOUND, QUERY_TOO_COMPLEX,
	// GRAPHQL_VALIDATION_FAILED, BAD_REQUEST, …), for example to count errors
	// by code. The one error gqlgen's GET transport writes by itself (a
	// mutation over GET) does not pass through it.
	OnError func(code string)
	// Sleutels, when set, serves the API-key fields (sleutels, maakSleutel,
	// roteerSleutel, trekSleutelIn).
	Sleutels *kaart.Sleutels
}

func (o Options) withDefaults() Options {
	if o.MaxDepth <= 0 {
		o.MaxDepth = 12
	}
	if o.MaxAliases <= 0 {
		o.MaxAliases = 30
	}
	if o.MaxTokens <= 0 {
		o.MaxTokens = 10000
	}
	if o.MaxFields <= 0 {
		o.MaxFields = 1000
	}
	if o.ComplexityLimit <= 0 {
		o.ComplexityLimit = 5000
	}
	if o.NestedListSize <= 0 {
		o.NestedListSize = 10
	}
	if o.MaxResponseBytes <= 0 {
		o.MaxResponseBytes = DefaultMaxResponseBytes
	}
	return o
}

// DefaultMaxResponseBytes is the default Options.MaxResponseBytes: a page
// of 100 organisations with their relations is some 200 kB, so 4 MiB
// leaves room for every honest question and refuses a query that would
// tie up the server and the connection with many megabytes.
const DefaultMaxResponseBytes = 4 << 20

// NewHandler serves the GraphQL API over POST and GET (GET for queries
// only). The viewer comes from the request context (kaart.WithViewer),
// set by the HTTP layer's authentication.
func NewHandler(svc *kaart.Service, opts Options, logger *slog.Logger) http.Handler {
	opts = opts.withDefaults()
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	es := generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{Service: svc, Logger: logger, Sleutels: opts.Sleutels}})
	srv := handler.New(es)
	srv.AddTransport(strictGET{logger: logger})
	srv.AddTransport(strictPOST{logger: logger})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	// A backstop only: the limits extension refuses long documents first,
	// with its own code. The parser also counts the end of the document.
	srv.SetParserTokenLimit(opts.MaxTokens + 2)
	if opts.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(&limits{opts: opts})
	srv.SetErrorPresenter(presentError(logger, opts.OnError))
	srv.SetRecoverFunc(recoverPanic(logger))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		ctx, warnings := kaart.WithWaarschuwingen(ctx)
		respond := capResponse(next(withBatches(ctx)), opts.MaxResponseBytes, logger, opts.OnError)
		return func(ctx context.Context) *graphql.Response {
			return withWaarschuwingen(respond(ctx), warnings())
		}
	})
	srv.AroundFields(splitValidationErrors)
	return srv
}

// withWaarschuwingen puts the warnings of a change into the response's
// extensions.waarschuwingen (see kaart.Waarschuwing).
func withWaarschuwingen(resp *graphql.Response, list []kaart.Waarschuwing) *graphql.Response {
	if resp == nil || len(list) == 0 {
		return resp
	}
	if resp.Extensions == nil {
		resp.Extensions = map[string]any{}
	}
	resp.Extensions["waarschuwingen"] = list
	return resp
}

// Playground serves GraphiQL for a browser, talking to endpoint.
func Playground(endpoint string) http.Handler {
	return playground.Handler("Sociale Kaart", endpoint)
}
