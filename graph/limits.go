package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"strings"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// CodeTooComplex is extensions.code of a query refused by a limit. Like a
// validation failure it is answered with HTTP 422 and no data.
const CodeTooComplex = "QUERY_TOO_COMPLEX"

// CodeResponseTooLarge is extensions.code of an answer over
// Options.MaxResponseBytes; it comes instead of the data.
const CodeResponseTooLarge = "RESPONSE_TOO_LARGE"

func init() {
	errcode.RegisterErrorType(CodeTooComplex, errcode.KindProtocol)
}

// limits refuses operations over the Options' limits before they run.
// Before gqlparser validates a document (whose overlap check is quadratic in
// repeated fields) it counts tokens, parses, and checks fields, depth and
// aliases; after validation it estimates the cost with the variables.
type limits struct {
	opts Options
	es   graphql.ExecutableSchema
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
} = (*limits)(nil)

func (l *limits) ExtensionName() string { return "SocialeKaartLimits" }

func (l *limits) Validate(es graphql.ExecutableSchema) error {
	l.es = es
	return nil
}

func tooComplex(format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf(format, args...),
		Extensions: map[string]any{"code": CodeTooComplex},
	}
}

// MutateOperationParameters checks the raw document. A document that does
// not lex or parse is left to the executor to report as a parse error.
func (l *limits) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	src := &ast.Source{Input: params.Query}
	lx := lexer.New(src)
	for n := 0; ; n++ {
		tok, err := lx.ReadToken()
		if err != nil {
			return nil
		}
		if tok.Kind == lexer.EOF {
			break
		}
		if n >= l.opts.MaxTokens {
			return tooComplex("De vraag is te lang: meer dan %d tokens.", l.opts.MaxTokens)
		}
	}
	doc, err := parser.ParseQuery(src)
	if err != nil {
		return nil
	}
	w := &shapeWalker{doc: doc, fragments: map[string]shape{}, active: map[string]bool{}}
	fields := 0
	for _, op := range doc.Operations {
		fields = satAdd(fields, countFields(op.SelectionSet))
	}
	for _, f := range doc.Fragments {
		fields = satAdd(fields, countFields(f.SelectionSet))
	}
	if fields > l.opts.MaxFields {
		return tooComplex("De vraag bevat te veel velden: %d, maximaal %d.", fields, l.opts.MaxFields)
	}
	// gqlparser validates every operation and fragment in the document,
	// not only the one that runs, so every one is measured.
	for _, op := range doc.Operations {
		s := w.selections(op.SelectionSet)
		if err := l.refuse(s); err != nil {
			return err
		}
	}
	for _, f := range doc.Fragments {
		// A fragment's depth counts where it is spread: in an
		// introspection field it may nest deeper.
		s := w.fragment(f.Name)
		s.depth = 0
		if err := l.refuse(s); err != nil {
			return err
		}
	}
	if w.cycle != "" {
		return &gqlerror.Error{
			Message:    fmt.Sprintf("Het fragment %q gebruikt zichzelf, direct of via andere fragmenten.", w.cycle),
			Extensions: map[string]any{"code": errcode.ValidationFailed},
		}
	}
	return nil
}

// refuse returns the error for a measured selection over a limit.
func (l *limits) refuse(s shape) *gqlerror.Error {
	switch {
	case s.depth > l.opts.MaxDepth:
		return tooComplex("De vraag is te diep genest: %d niveaus, maximaal %d.", s.depth, l.opts.MaxDepth)
	case s.aliases > l.opts.MaxAliases:
		return tooComplex("De vraag gebruikt te veel aliassen: %d, maximaal %d.", s.aliases, l.opts.MaxAliases)
	case s.fields > l.opts.ComplexityLimit:
		// Every field costs at least 1; this also bounds the work of
		// the cost estimate when fragments are spread many times.
		return tooComplex("De vraag is te groot: %d velden, maximaal %d.", s.fields, l.opts.ComplexityLimit)
	}
	return nil
}

// MutateOperationContext estimates the cost of the validated operation.
func (l *limits) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil {
		return nil
	}
	cost := complexity.Calculate(ctx, costSchema{ExecutableSchema: l.es, nested: l.opts.NestedListSize}, opCtx.Operation, opCtx.Variables)
	// complexity.Calculate leaves __schema out; it costs what __type does.
	cost = satAdd(cost, satMul(countSchemaFields(opCtx.Operation.SelectionSet), introspectionCost))
	if cost > l.opts.ComplexityLimit {
		return tooComplex("De vraag is te groot: geschatte kosten %d, maximaal %d. Vraag minder records per lijst (first) of minder geneste lijsten.", cost, l.opts.ComplexityLimit)
	}
	return nil
}

// introspectionCost is the estimated cost of one __schema or __type field,
// whatever it selects. Its answer is bounded by the schema, not by the data,
// but one __schema { types { name fields { name } } } is some 20 kB: the
// default ComplexityLimit of 5000 allows five such fields in a request
// (GraphiQL's full introspection query is one), not two hundred aliases.
const introspectionCost = 1000

// countSchemaFields counts the __schema fields of a validated operation:
// they stand at the root, directly or in fragments on the root type.
func countSchemaFields(set ast.SelectionSet) int {
	n := 0
	for _, sel := range set {
		switch x := sel.(type) {
		case *ast.Field:
			if x.Name == "__schema" {
				n = satAdd(n, 1)
			}
		case *ast.InlineFragment:
			n = satAdd(n, countSchemaFields(x.SelectionSet))
		case *ast.FragmentSpread:
			if x.Definition != nil {
				n = satAdd(n, countSchemaFields(x.Definition.SelectionSet))
			}
		}
	}
	return n
}

// countFields counts the fields written in a selection set, fragments not expanded.
func countFields(set ast.SelectionSet) int {
	n := 0
	for _, sel := range set {
		switch x := sel.(type) {
		case *ast.Field:
			n = satAdd(n, 1+countFields(x.SelectionSet))
		case *ast.InlineFragment:
			n = satAdd(n, countFields(x.SelectionSet))
		}
	}
	return n
}

// shape is what the limits measure of a selection set, with fragments
// expanded: nesting depth, aliased fields and fields.
type shape struct {
	depth, aliases, fields int
}

// shapeWalker measures the selection sets of an unvalidated document; a
// fragment is measured once however often it is spread (its shape is
// memoised), so the walk is linear in the document and fan-out shows as a
// saturated field count, never as work. A fragment reached again while it
// is being measured is a cycle: it counts as empty and is remembered in cycle.
type shapeWalker struct {
	doc       *ast.QueryDocument
	fragments map[string]shape
	active    map[string]bool
	cycle     string
}

func (w *shapeWalker) selections(set ast.SelectionSet) shape {
	var s shape
	for _, sel := range set {
		var sub shape
		switch x := sel.(type) {
		case *ast.Field:
			// Introspection counts like any field for aliases and size;
			// only its depth is left to gqlparser's own rule, since the
			// standard introspection query nests ofType deeper than any
			// data query.
			sub = w.selections(x.SelectionSet)
			if x.Name == "__schema" || x.Name == "__type" {
				sub.depth = 0
			}
			sub.depth++
			sub.fields = satAdd(sub.fields, 1)
			if x.Alias != "" && x.Alias != x.Name {
				sub.aliases = satAdd(sub.aliases, 1)
			}
		case *ast.InlineFragment:
			sub = w.selections(x.SelectionSet)
		case *ast.FragmentSpread:
			sub = w.fragment(x.Name)
		}
		s.depth = max(s.depth, sub.depth)
		s.aliases = satAdd(s.aliases, sub.aliases)
		s.fields = satAdd(s.fields, sub.fields)
	}
	return s
}

func (w *shapeWalker) fragment(name string) shape {
	if w.active[name] {
		if w.cycle == "" {
			w.cycle = name
		}
		return shape{}
	}
	if s, ok := w.fragments[name]; ok {
		return s
	}
	w.active[name] = true
	var s shape
	if def := w.doc.Fragments.ForName(name); def != nil {
		s = w.selections(def.SelectionSet)
	}
	delete(w.active, name)
	w.fragments[name] = s
	return s
}

// costSchema gives every field its cost for complexity.Calculate: a field
// with a first argument multiplies its children by first (default 20), the
// edges of a connection and the treffers of a zoek do not multiply again, and any other list field
// multiplies by nested. Other fields cost 1 plus their children.
type costSchema struct {
	graphql.ExecutableSchema
	nested int
}

func (c costSchema) Complexity(_ context.Context, typeName, field string, child int, args map[string]any) (int, bool) {
	if field == "__type" {
		return introspectionCost, true
	}
	def := c.Schema().Types[typeName]
	if def == nil {
		return 0, false
	}
	fd := def.Fields.ForName(field)
	if fd == nil {
		return 0, false
	}
	var mult int
	switch {
	case fd.Arguments.ForName("first") != nil:
		mult = intArg(args["first"], kaart.DefaultPageSize)
	case fd.Type.Elem != nil && field == "edges" && strings.HasSuffix(typeName, "Connection"),
		fd.Type.Elem != nil && field == "treffers" && typeName == "ZoekResultaat":
		mult = 1
	case fd.Type.Elem != nil:
		mult = c.nested
	default:
		return 0, false
	}
	return satAdd(1, satMul(max(child, 1), max(mult, 1))), true
}

func intArg(v any, def int) int {
	switch n := v.(type) {
	case int:
		return n
	case int32:
		return int(n)
	case int64:
		return int(min(n, math.MaxInt32))
	case float64:
		return int(min(n, math.MaxInt32))
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return int(min(i, math.MaxInt32))
		}
	}
	return def
}

func satAdd(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

func satMul(a, b int) int {
	if a != 0 && b > math.MaxInt/a {
		return math.MaxInt
	}
	return a * b
}

// capResponse replaces an answer whose data and errors are over max bytes
// of JSON by a single error: a client gets a short, coded answer, never a
// truncated body. A mutation has run all the same; its message says so.
func capResponse(next graphql.ResponseHandler, max int, logger *slog.Logger, onError func(string)) graphql.ResponseHandler {
	return func(ctx context.Context) *graphql.Response {
		resp := next(ctx)
		if resp == nil {
			return nil
		}
		size := len(resp.Data)
		if len(resp.Errors) > 0 {
			b, _ := json.Marshal(resp.Errors)
			size += len(b)
		}
		if size <= max {
			return resp
		}
		msg := fmt.Sprintf("Het antwoord is te groot: meer dan %d bytes. Vraag minder velden of minder records tegelijk (first).", max)
		op := ""
		if graphql.HasOperationContext(ctx) {
			if oc := graphql.GetOperationContext(ctx); oc.Operation != nil {
				op = string(oc.Operation.Operation)
			}
		}
		if op == string(ast.Mutation) {
			msg += " De wijziging is wel uitgevoerd; vraag haar resultaat opnieuw op met minder velden."
		}
		logger.WarnContext(ctx, "graphql: response too large", "bytes", size, "max", max, "operation", op)
		if onError != nil {
			onError(CodeResponseTooLarge)
		}
		return &graphql.Response{
			Errors:     gqlerror.List{{Message: msg, Extensions: map[string]any{"code": CodeResponseTooLarge}}},
			Extensions: resp.Extensions,
		}
	}
}
