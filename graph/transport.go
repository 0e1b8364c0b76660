package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"

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
	ctx := r.Context()
	body, err := io.ReadAll(r.Body)
	if err == nil {
		err = oneRequestObject(body)
	}
	if err != nil {
		t.logger.InfoContext(ctx, "graphql: request body refused", "err", err, "bytes", len(body))
		msg := badBody
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			msg += fmt.Sprintf(" De fout zit bij byte %d.", syntax.Offset)
		}
		resp := exec.DispatchError(ctx, gqlerror.List{{Message: msg, Extensions: map[string]any{"code": codeBadRequest}}})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		b, _ := json.Marshal(resp)
		_, _ = w.Write(b)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	t.POST.Do(w, r, exec)
}

// errTrailing is the error of a body with more after its request object.
var errTrailing = errors.New("bytes after the request object")

// oneRequestObject checks that body is one JSON value of the request's
// shape followed by nothing but white space.
func oneRequestObject(body []byte) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var params graphql.RawParams
	if err := dec.Decode(&params); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errTrailing
	}
	return nil
}
