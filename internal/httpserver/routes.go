package httpserver

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle(RouteGraphQL, s.graphql())
	mux.Handle(RouteHealthz, allow(s, s.healthz, http.MethodGet, http.MethodHead))
	mux.Handle(RouteReadyz, allow(s, s.readyz, http.MethodGet, http.MethodHead))
	if s.opts.Metrics != nil {
		mux.Handle(RouteMetrics, allow(s, s.opts.Metrics.Handler().ServeHTTP, http.MethodGet, http.MethodHead))
	}
	s.loginRoutes(mux)
	s.adminRoutes(mux)
	if s.opts.Regie != nil {
		mux.Handle("/regie/", s.sessionPages(s.opts.Regie))
	}
	if s.opts.Web != nil {
		mux.Handle("/", s.withLoginBar(s.opts.Web))
		return mux
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, http.StatusNotFound, "NOT_FOUND",
			"Dit adres bestaat niet. De API staat op /graphql.")
	})
	return mux
}

// route returns the metrics label for a path: one of the routes, or "other".
func route(path string) string {
	switch path {
	case RouteGraphQL, RouteHealthz, RouteReadyz, RouteMetrics:
		return path
	}
	return routeOther
}

// allow answers 405 for methods other than those given.
func allow(s *Server, h http.HandlerFunc, methods ...string) http.Handler {
	allowed := strings.Join(methods, ", ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, m := range methods {
			if r.Method == m {
				h(w, r)
				return
			}
		}
		w.Header().Set("Allow", allowed)
		s.writeError(w, r, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED",
			"Deze methode is hier niet toegestaan; gebruik "+allowed+".")
	})
}

func (s *Server) graphql() http.Handler {
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.opts.GraphQL == nil {
			s.writeError(w, r, http.StatusServiceUnavailable, "UNAVAILABLE",
				"De API is nog niet beschikbaar. Probeer het later opnieuw.")
			return
		}
		s.opts.GraphQL.ServeHTTP(w, r)
	})
	authed := s.authenticate(s.limitPerKey(api))
	return allow(s, func(w http.ResponseWriter, r *http.Request) {
		if s.opts.Playground != nil && r.Method == http.MethodGet && wantsHTML(r) && !r.URL.Query().Has("query") {
			// The playground loads its scripts and styles from a CDN, which
			// the API's strict policy would block.
			w.Header().Del("Content-Security-Policy")
			s.opts.Playground.ServeHTTP(w, r)
			return
		}
		authed.ServeHTTP(w, r)
	}, http.MethodGet, http.MethodPost)
}

// wantsHTML reports whether the client is a browser asking for a page.
func wantsHTML(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept") {
		for _, part := range strings.Split(v, ",") {
			mt, _, _ := strings.Cut(part, ";")
			if strings.EqualFold(strings.TrimSpace(mt), "text/html") {
				return true
			}
		}
	}
	return false
}

type healthResponse struct {
	Status  string `json:"status"`
	Version string `json:"version,omitempty"`
	Demo    bool   `json:"demo,omitempty"`
	Code    string `json:"code,omitempty"`
	Reason  string `json:"reason,omitempty"`
}

// healthz says the process is alive; it never looks at dependencies.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, r, http.StatusOK, healthResponse{Status: "ok", Version: s.opts.Version, Demo: s.opts.Demo})
}

// notReady is the reason /readyz gives anyone who asks; the error itself,
// with driver text and addresses, goes to the log.
const notReady = "De dienst is nog niet klaar of de database is niet bereikbaar. De beheerder vindt de oorzaak in het log."

// readyz says whether the service can serve requests now. Anyone may ask,
// so its answer is a code and a short reason: the cause is logged, as a
// warning when readiness changes and at debug level on every probe.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	var err error
	if s.opts.Ready != nil {
		ctx, cancel := context.WithTimeout(r.Context(), DefaultReadyTimeout)
		err = s.opts.Ready(ctx)
		cancel()
	}
	if err != nil {
		level := slog.LevelDebug
		if s.readyState.Swap(2) != 2 {
			level = slog.LevelWarn
		}
		s.logger.Log(r.Context(), level, "service not ready", "reason", err)
		s.writeJSON(w, r, http.StatusServiceUnavailable, healthResponse{
			Status: "unavailable", Version: s.opts.Version, Demo: s.opts.Demo,
			Code: kaart.EUNAVAILABLE, Reason: notReady,
		})
		return
	}
	if s.readyState.Swap(1) != 1 {
		s.logger.InfoContext(r.Context(), "service ready")
	}
	s.writeJSON(w, r, http.StatusOK, healthResponse{Status: "ready", Version: s.opts.Version, Demo: s.opts.Demo})
}
