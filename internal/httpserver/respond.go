package httpserver

import (
	"encoding/json"
	"net/http"
)

// graphQLErrors is the shape of every error this package writes, so that a
// GraphQL client reads a 401 or 413 the way it reads any other error.
type graphQLErrors struct {
	Errors []graphQLError `json:"errors"`
}

type graphQLError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// writeError writes a GraphQL-shaped error and, on /graphql, counts it as a
// GraphQL error. message reaches clients and is Dutch.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	if r.URL.Path == RouteGraphQL {
		s.opts.Metrics.ObserveGraphQLError(code)
	}
	ext := map[string]any{"code": code}
	if id := RequestID(r.Context()); id != "" {
		ext["requestId"] = id
	}
	s.writeJSON(w, r, status, graphQLErrors{Errors: []graphQLError{{Message: message, Extensions: ext}}})
}

func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		// Only our own response types get here; they always marshal.
		s.logger.ErrorContext(r.Context(), "encode response", "err", err)
		status = http.StatusInternalServerError
		b = []byte(`{"errors":[{"message":"Er ging iets mis aan onze kant.","extensions":{"code":"INTERNAL"}}]}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(append(b, '\n'))
	}
}
