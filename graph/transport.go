package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// strictPOST is gqlgen's POST transport behind a strict reading of the
// body: exactly one JSON request object and nothing after it but white
// space. gqlgen's own decoder stops after the first value, so trailing
// bytes passed unnoticed, and its error echoed the whole body with Go type
// names. A body that fails here is answered 400 BAD_REQUEST with a short
// message; the decoder's error goes to the log.
type strictPOST struct {
	transport.POST
	logger *slog.Logger
}

// badBody is what a client is told of a body that is not one request.
const badBody = `De body van het verzoek is geen geldig GraphQL-verzoek: stuur één JSON-object met "query" (tekst) en eventueel "variables" (object) en "operationName" (tekst), en niets erna.`

func (t strictPOST) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	body, err := io.ReadAll(r.Body)
	if err == nil {
		err = oneJSONValue(body, &graphql.RawParams{})
	}
	if err != nil {
		t.logger.InfoContext(r.Context(), "graphql: request body refused", "err", err, "bytes", len(body))
		msg := badBody
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			msg += fmt.Sprintf(" De fout zit bij byte %d.", syntax.Offset)
		}
		badRequest(w, r, exec, msg)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	t.POST.Do(w, r, exec)
}

// strictGET is gqlgen's GET transport behind the same strict reading of
// the query string: variables and extensions are each one JSON object.
// gqlgen's own errors there have no code.
type strictGET struct {
	transport.GET
	logger *slog.Logger
}

// badQueryString is what a client is told of a GET it cannot send.
const badQueryString = `Het adres is geen geldig GraphQL-verzoek: geef "query" (tekst) en eventueel "variables" en "extensions", elk één JSON-object.`

func (t strictGET) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	for _, name := range []string{"variables", "extensions"} {
		if v := q.Get(name); err == nil && v != "" {
			var m map[string]any
			if err = oneJSONValue([]byte(v), &m); err != nil {
				err = fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	if err != nil {
		t.logger.InfoContext(r.Context(), "graphql: query string refused", "err", err, "bytes", len(r.URL.RawQuery))
		badRequest(w, r, exec, badQueryString)
		return
	}
	t.GET.Do(w, r, exec)
}

// badRequest answers 400 with one BAD_REQUEST error, through the error
// presenter so that it is counted like any other.
func badRequest(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor, msg string) {
	resp := exec.DispatchError(r.Context(), gqlerror.List{{Message: msg, Extensions: map[string]any{"code": codeBadRequest}}})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	b, _ := json.Marshal(resp)
	_, _ = w.Write(b)
}

// errTrailing is the error of JSON with more after its value.
var errTrailing = errors.New("bytes after the request object")

// oneJSONValue decodes body into v (numbers as json.Number, as gqlgen
// reads them) and checks that nothing but white space follows.
func oneJSONValue(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errTrailing
	}
	return nil
}
