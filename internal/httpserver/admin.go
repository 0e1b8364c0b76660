package httpserver

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Admin routes for the search index of the running server. Only one process
// can hold a Bleve index open, so "socialekaart reindex" and "check" ask the
// server that holds it through these.
const (
	RouteAdminHerbouw  = "/admin/zoekindex/herbouw"
	RouteAdminControle = "/admin/zoekindex/controle"
)

// Zoekbeheer is the server's search index as the admin routes use it.
// cmd/socialekaart adapts *search.Index to it, so that this package does
// not depend on Bleve.
type Zoekbeheer interface {
	// Rebuild builds a new index from Neo4j and swaps it in atomically,
	// calling progress with the cards done and their total. It returns
	// ErrHerbouwBezig, before calling progress, while another rebuild runs
	// (such as the one at start-up).
	Rebuild(ctx context.Context, progress func(done, total int)) error
	// Bijwerken applies every outbox entry there is.
	Bijwerken(ctx context.Context) error
	// Check compares the index with Neo4j, card by card.
	Check(ctx context.Context) (ZoekRapport, error)
}

// ErrHerbouwBezig is what Zoekbeheer.Rebuild returns while a rebuild runs.
var ErrHerbouwBezig = errors.New("a rebuild of the search index is already running")

// ZoekRapport is the answer of GET /admin/zoekindex/controle: the cards in
// Neo4j, the cards in the index, and the ids that are missing from the
// index, stale in it or left over. Its fields are those of search.Rapport.
type ZoekRapport struct {
	Kaarten    int      `json:"kaarten"`
	Documenten int      `json:"documenten"`
	Ontbrekend []string `json:"ontbrekend"`
	Verouderd  []string `json:"verouderd"`
	Overbodig  []string `json:"overbodig"`
	// OK says the index matches Neo4j.
	OK bool `json:"ok"`
}

// HerbouwRegel is one NDJSON line of POST /admin/zoekindex/herbouw: progress
// (Klaar of Totaal cards), then a last line with Duur, or with Fout alone.
type HerbouwRegel struct {
	Klaar  int    `json:"klaar"`
	Totaal int    `json:"totaal"`
	Duur   string `json:"duur,omitempty"`
	Fout   string `json:"fout,omitempty"`
}

// herbouwSchrijfTijd bounds each progress line's write, so that a client
// that stops reading never holds up the rebuild.
const herbouwSchrijfTijd = 10 * time.Second

// controleSchrijfTijd replaces the server's WriteTimeout for a check, which
// reads every card and may take longer on a large kaart.
const controleSchrijfTijd = 10 * time.Minute

// zoekAdmin is the state of the admin routes of one Server.
type zoekAdmin struct {
	s       *Server
	bezig   atomic.Bool // a rebuild asked over HTTP runs
	once    sync.Once
	leven   context.Context // ends when the server shuts down
	stopped context.CancelFunc
}

func (s *Server) adminRoutes(mux *http.ServeMux) {
	a := &zoekAdmin{s: s}
	guard := func(h http.HandlerFunc) http.Handler {
		return s.authenticate(s.limitPerKey(a.platformOnly(h)))
	}
	mux.Handle(RouteAdminHerbouw, allow(s, guard(a.herbouw).ServeHTTP, http.MethodPost))
	mux.Handle(RouteAdminControle, allow(s, guard(a.controle).ServeHTTP, http.MethodGet))
}

// platformOnly lets only a platform beheerder through, and only when the
// server holds a search index.
func (a *zoekAdmin) platformOnly(next http.HandlerFunc) http.HandlerFunc {
	s := a.s
	return func(w http.ResponseWriter, r *http.Request) {
		v := kaart.ViewerFrom(r.Context())
		switch {
		case v.Rol == kaart.Anoniem:
			w.Header().Set("WWW-Authenticate", `Bearer realm="socialekaart"`)
			s.writeError(w, r, http.StatusUnauthorized, kaart.EUNAUTHENTICATED,
				"Het beheer van de zoekindex vraagt de API-sleutel van een platformbeheerder: \"Authorization: Bearer <API-sleutel>\".")
			return
		case !v.WriteScope().All:
			s.writeError(w, r, http.StatusForbidden, kaart.EFORBIDDEN,
				"Alleen een platformbeheerder mag de zoekindex herbouwen of controleren.")
			return
		case s.opts.Zoekbeheer == nil:
			s.writeError(w, r, http.StatusServiceUnavailable, kaart.EUNAVAILABLE,
				"Deze server heeft geen zoekindex open: zoeken staat uit, of een ander proces houdt de index vast.")
			return
		}
		next(w, r)
	}
}

// serverLeven returns a context that ends when the server shuts down.
func (a *zoekAdmin) serverLeven() context.Context {
	a.once.Do(func() {
		a.leven, a.stopped = context.WithCancel(context.Background())
		a.s.srv.RegisterOnShutdown(a.stopped)
	})
	return a.leven
}

// herbouw rebuilds the index and streams its progress as NDJSON.
//
// The rebuild belongs to the server, not to the request: a client that
// disconnects does not stop it (the rest of the progress is dropped and the
// outcome is logged), since a rebuild cut short would have to start over,
// and leaving it running costs nothing: the new index is swapped in
// atomically at the end, and until then searches use the old one. A
// shutdown of the server does stop it; the old index then stays in use.
func (a *zoekAdmin) herbouw(w http.ResponseWriter, r *http.Request) {
	s := a.s
	if !a.bezig.CompareAndSwap(false, true) {
		a.bezigFout(w, r)
		return
	}
	defer a.bezig.Store(false)

	ctx, cancel := context.WithCancel(context.WithoutCancel(r.Context()))
	defer cancel()
	defer context.AfterFunc(a.serverLeven(), cancel)()

	rc := http.NewResponseController(w)
	var (
		mu      sync.Mutex
		begun   bool // the 200 and its header are written
		weg     bool // the client is gone: write no more
		laatste HerbouwRegel
	)
	enc := json.NewEncoder(w)
	// regel writes one line; the caller holds mu.
	regel := func(l HerbouwRegel) {
		if !begun {
			w.Header().Set("Content-Type", "application/x-ndjson")
			w.WriteHeader(http.StatusOK)
			begun = true
		}
		if weg {
			return
		}
		_ = rc.SetWriteDeadline(time.Now().Add(herbouwSchrijfTijd))
		if err := enc.Encode(l); err != nil {
			weg = true
			return
		}
		if err := rc.Flush(); err != nil {
			weg = true
		}
	}

	start := time.Now()
	s.logger.InfoContext(ctx, "rebuilding the search index, asked over http")
	err := s.opts.Zoekbeheer.Rebuild(ctx, func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		laatste = HerbouwRegel{Klaar: done, Totaal: total}
		regel(laatste)
	})
	mu.Lock()
	defer mu.Unlock()
	duur := time.Since(start).Round(time.Millisecond)
	switch {
	case errors.Is(err, ErrHerbouwBezig) && !begun:
		a.bezigFout(w, r)
	case err != nil:
		s.logger.ErrorContext(ctx, "search index rebuild failed", "err", err, "took", duur)
		switch {
		case !begun && ctx.Err() != nil:
			s.writeError(w, r, http.StatusServiceUnavailable, kaart.EUNAVAILABLE,
				"De server stopt; de zoekindex is niet herbouwd en de oude blijft in gebruik.")
			return
		case !begun:
			s.writeError(w, r, http.StatusInternalServerError, kaart.EINTERNAL,
				"Het herbouwen van de zoekindex is mislukt: "+err.Error())
			return
		}
		regel(HerbouwRegel{Klaar: laatste.Klaar, Totaal: laatste.Totaal, Fout: "Het herbouwen van de zoekindex is mislukt: " + err.Error()})
	default:
		s.logger.InfoContext(ctx, "search index rebuilt, asked over http", "cards", laatste.Klaar, "took", duur, "client_gone", weg)
		laatste.Duur = duur.String()
		regel(laatste)
	}
}

func (a *zoekAdmin) bezigFout(w http.ResponseWriter, r *http.Request) {
	a.s.writeError(w, r, http.StatusConflict, kaart.ECONFLICT,
		"De zoekindex wordt al herbouwd; wacht tot dat klaar is. (A rebuild of the search index is already running.)")
}

// controle applies the outbox, so that the report is about the index and
// not about the indexer's delay, then compares the index with Neo4j.
func (a *zoekAdmin) controle(w http.ResponseWriter, r *http.Request) {
	s := a.s
	ctx := r.Context()
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(controleSchrijfTijd))
	if err := s.opts.Zoekbeheer.Bijwerken(ctx); err != nil {
		s.logger.ErrorContext(ctx, "search index check: applying the outbox failed", "err", err)
		s.writeError(w, r, http.StatusInternalServerError, kaart.EINTERNAL,
			"De wachtrij van de zoekindex kon niet verwerkt worden: "+err.Error())
		return
	}
	rapport, err := s.opts.Zoekbeheer.Check(ctx)
	if err != nil {
		s.logger.ErrorContext(ctx, "search index check failed", "err", err)
		s.writeError(w, r, http.StatusInternalServerError, kaart.EINTERNAL,
			"De controle van de zoekindex is mislukt: "+err.Error())
		return
	}
	s.writeJSON(w, r, http.StatusOK, rapport)
}
