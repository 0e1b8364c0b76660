package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// presentError maps every error to what a client may see:
//
//   - a *kaart.Error keeps its (Dutch, client-safe) message; its code goes to
//     extensions.code, its input path to extensions.field, the ids that
//     block a delete to extensions.afhankelijk, the records an ambiguous
//     name fits to extensions.kandidaten and the id of what a CONFLICT
//     found already there to extensions.bestaand;
//   - a kaart.ValidationErrors arrives here split into one error per field
//     (see splitValidationErrors);
//   - errors of gqlgen and gqlparser themselves (parse, validation, limits)
//     pass unchanged with their own codes; those without one (a body that
//     is not JSON) get BAD_REQUEST;
//   - a query of __schema or __type while introspection is off is FORBIDDEN;
//   - anything else is internal: it is logged once per operation with the
//     request's context, and the client sees kaart.ErrorMessage, never driver
//     or Cypher text. UNAVAILABLE keeps its message and is logged as a warning.
//
// gqlgen passes every error it sends to the client through the presenter
// exactly once, so onError, when set, is called once per error sent, with
// its extensions.code.
func presentError(logger *slog.Logger, onError func(code string)) graphql.ErrorPresenterFunc {
	present := errorPresenter(logger)
	if onError == nil {
		return present
	}
	return func(ctx context.Context, err error) *gqlerror.Error {
		out := present(ctx, err)
		if out != nil {
			code, _ := out.Extensions["code"].(string)
			onError(code)
		}
		return out
	}
}

// codeBadRequest is extensions.code of a request gqlgen could not read.
const codeBadRequest = "BAD_REQUEST"

// introspectionDisabled is the text of the error gqlgen's resolvers of
// __schema and __type return when introspection is off (it exports no
// sentinel). Such a query is refused, not an internal error.
const introspectionDisabled = "introspection disabled"

func errorPresenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		errors.As(err, &gqlErr)
		out := &gqlerror.Error{Path: graphql.GetPath(ctx)}
		var inputPath string
		if gqlErr != nil {
			out.Locations = gqlErr.Locations
			out.Path, inputPath = splitInputPath(out.Path, gqlErr.Path)
		}

		// Log the cause without the GraphQL path, once per operation: the
		// siblings of a batch share one error.
		cause := err
		if gqlErr != nil && gqlErr.Err != nil {
			cause = gqlErr.Err
		}
		logOnce := func(level slog.Level, msg string) {
			if b, ok := ctx.Value(batchKey{}).(*batches); !ok || b.firstLog(cause.Error()) {
				logger.Log(ctx, level, msg, "err", cause, "path", out.Path.String())
			}
		}

		var verrs kaart.ValidationErrors
		var kerr *kaart.Error
		switch {
		case errors.As(err, &verrs) && len(verrs) > 0:
			return domainError(out, verrs[0], inputPath)
		case errors.As(err, &kerr):
			if kerr.Code == kaart.EUNAVAILABLE {
				logOnce(slog.LevelWarn, "graphql: store unavailable")
			}
			return domainError(out, kerr, inputPath)
		case gqlErr != nil && gqlErr.Err == nil:
			// Made by gqlgen or gqlparser, not by a resolver: parse and
			// validation errors and limits have a code; a POST body that
			// cannot be read or decoded gets codeBadRequest.
			if code, _ := gqlErr.Extensions["code"].(string); code == "" {
				withCode := *gqlErr
				withCode.Extensions = map[string]any{}
				maps.Copy(withCode.Extensions, gqlErr.Extensions)
				withCode.Extensions["code"] = codeBadRequest
				return &withCode
			}
			return gqlErr
		case cause.Error() == introspectionDisabled:
			out.Message = "Introspectie staat uit op deze server."
			out.Extensions = map[string]any{"code": kaart.EFORBIDDEN}
			return out
		}

		logOnce(slog.LevelError, "graphql: internal error")
		out.Message = kaart.ErrorMessage(err)
		out.Extensions = map[string]any{"code": kaart.EINTERNAL}
		return out
	}
}

// splitInputPath splits the path of an error raised while reading a
// field's arguments (gqlgen appends the argument path, e.g.
// maakThema.input.geldigVan) into the response path and the input path.
func splitInputPath(fieldPath, errPath ast.Path) (ast.Path, string) {
	if len(fieldPath) == 0 {
		return errPath, ""
	}
	if len(errPath) <= len(fieldPath) {
		return fieldPath, ""
	}
	for i, p := range fieldPath {
		if p != errPath[i] {
			return errPath, ""
		}
	}
	var parts []string
	for _, p := range errPath[len(fieldPath):] {
		switch p := p.(type) {
		case ast.PathName:
			parts = append(parts, string(p))
		case ast.PathIndex:
			parts = append(parts, strconv.Itoa(int(p)))
		}
	}
	return fieldPath, strings.Join(parts, ".")
}

func domainError(out *gqlerror.Error, e *kaart.Error, inputPath string) *gqlerror.Error {
	out.Message = e.Message
	out.Extensions = map[string]any{"code": e.Code}
	fieldName := e.Field
	if fieldName == "" {
		fieldName = inputPath
	}
	if fieldName != "" {
		out.Extensions["field"] = fieldName
		// "input.telefoon" + "is geen geldig telefoonnummer" reads as
		// "telefoon is geen geldig telefoonnummer".
		out.Message = fieldName[strings.LastIndex(fieldName, ".")+1:] + " " + e.Message
	}
	if len(e.Afhankelijk) > 0 {
		out.Extensions["afhankelijk"] = e.Afhankelijk
	}
	if len(e.Kandidaten) > 0 {
		out.Extensions["kandidaten"] = e.Kandidaten
	}
	if e.Bestaand != "" {
		out.Extensions["bestaand"] = e.Bestaand
	}
	return out
}

// splitValidationErrors is field middleware that reports every field error
// of a kaart.ValidationErrors as its own GraphQL error, all in one response:
// all but the last through graphql.AddError, the last as the field's error.
func splitValidationErrors(ctx context.Context, next graphql.Resolver) (any, error) {
	res, err := next(ctx)
	var verrs kaart.ValidationErrors
	if err != nil && errors.As(err, &verrs) && len(verrs) > 1 {
		for _, e := range verrs[:len(verrs)-1] {
			graphql.AddError(ctx, e)
		}
		return res, verrs[len(verrs)-1]
	}
	return res, err
}

// recoverPanic logs a panic in a resolver and turns it into an INTERNAL error.
func recoverPanic(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "graphql: panic", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return &kaart.Error{Code: kaart.EINTERNAL, Message: kaart.ErrorMessage(nil)}
	}
}
