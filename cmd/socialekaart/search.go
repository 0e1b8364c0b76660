package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/socialekaart/socialekaart/internal/httpserver"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/web"
	"github.com/socialekaart/socialekaart/search"
)

// searchState is the search index of a running server and its indexer.
type searchState struct {
	idx  *search.Index
	stop context.CancelFunc
	done chan struct{}
	// ready is set once the index can answer: at once when it opened
	// current, after the rebuild when it had to be built.
	ready atomic.Bool
	// rebuilding is held by a rebuild, at start-up or asked over HTTP.
	rebuilding sync.Mutex
}

func (m *Main) searchDir() string { return filepath.Join(m.Config.DataDir, "search") }

// openSearch opens the index under <data-dir>/search, starts the indexer
// that applies the outbox, and rebuilds the index in the background when it
// is missing, unreadable or of an older mapping version: searches answer
// from the old (or an empty) index until the new one is swapped in.
func (m *Main) openSearch(ctx context.Context, svc *kaart.Service) error {
	idx, err := search.Open(ctx, m.Logger, m.searchDir(), m.DB, search.Options{})
	if errors.Is(err, search.ErrInUse) {
		// Another server on the same data directory holds the index: serve
		// without search rather than not at all.
		m.Logger.WarnContext(ctx, "search is off: another process holds the search index", "dir", m.searchDir())
		return nil
	}
	if err != nil {
		return fmt.Errorf("open search index: %w", err)
	}
	runCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	st := &searchState{idx: idx, stop: stop, done: make(chan struct{})}
	rebuild := idx.NeedsRebuild()
	st.ready.Store(!rebuild)
	if rebuild {
		// Taken here, so that a rebuild asked over HTTP at once is refused
		// rather than run first and then again.
		st.rebuilding.Lock()
	}
	go func() {
		defer close(st.done)
		if rebuild {
			m.Logger.InfoContext(runCtx, "rebuilding the search index from neo4j", "dir", m.searchDir())
			err := idx.Rebuild(runCtx, nil)
			st.rebuilding.Unlock()
			if err != nil {
				if runCtx.Err() == nil {
					m.Logger.ErrorContext(runCtx, "search index rebuild failed; run 'socialekaart reindex'", "err", err)
				}
			} else {
				st.ready.Store(true) // Rebuild logs "search index rebuilt"
			}
		}
		idx.Run(runCtx)
	}()
	m.search = st
	svc.Zoek = idx
	return nil
}

// webZoeker is the search of the residents' pages: the full-text index when
// the server holds it, else the stand-in on kaart lists (which also answers
// while the index is being built, and what the index cannot: filters alone).
func (m *Main) webZoeker(svc *kaart.Service, gemeente string) web.Zoeker {
	terug := &web.KaartZoeker{Kaart: svc, Gemeente: gemeente}
	st := m.search
	if st == nil || svc.Zoek == nil {
		return terug
	}
	return &web.IndexZoeker{Index: svc.Zoek, Kaart: svc, Terug: terug, Gemeente: gemeente, Klaar: st.ready.Load}
}

// closeSearch stops the indexer and closes the index.
func (m *Main) closeSearch() error {
	st := m.search
	if st == nil {
		return nil
	}
	m.search = nil
	st.stop()
	<-st.done
	// A rebuild asked over HTTP ends with the HTTP server, which stops
	// first; wait for it to let go of the index.
	st.rebuilding.Lock()
	defer st.rebuilding.Unlock()
	if err := st.idx.Close(); err != nil {
		return fmt.Errorf("close search index: %w", err)
	}
	return nil
}

// zoekbeheer is the server's search index for the admin routes of
// httpserver, or nil when the server has none.
func (m *Main) zoekbeheer() httpserver.Zoekbeheer {
	if m.search == nil {
		return nil
	}
	return zoekbeheer{m.search}
}

// zoekbeheer adapts the server's index to httpserver.Zoekbeheer. A rebuild
// asked over HTTP never runs alongside the one at start-up: two rebuilds
// at once would each swap in an index of their own.
type zoekbeheer struct{ st *searchState }

func (z zoekbeheer) Rebuild(ctx context.Context, progress func(done, total int)) error {
	if !z.st.rebuilding.TryLock() {
		return httpserver.ErrHerbouwBezig
	}
	defer z.st.rebuilding.Unlock()
	if err := z.st.idx.Rebuild(ctx, progress); err != nil {
		return err
	}
	z.st.ready.Store(true)
	return nil
}

func (z zoekbeheer) Bijwerken(ctx context.Context) error { return z.st.idx.Bijwerken(ctx) }

func (z zoekbeheer) Check(ctx context.Context) (httpserver.ZoekRapport, error) {
	r, err := z.st.idx.Check(ctx)
	return httpserver.ZoekRapport{
		Kaarten: r.Kaarten, Documenten: r.Documenten,
		Ontbrekend: r.Ontbrekend, Verouderd: r.Verouderd, Overbodig: r.Overbodig,
		OK: r.OK(),
	}, err
}

// adminFlags say how reindex and check reach a running server.
type adminFlags struct {
	server, key *string
}

// envAdminKey holds the API key of a platform beheerder for reindex and
// check; safer than --key, which other users can see in the process list.
const envAdminKey = "SOCIALEKAART_ADMIN_KEY"

func addAdminFlags(fs *flag.FlagSet) *adminFlags {
	return &adminFlags{
		server: fs.String("server", "", "`URL` of the running server that holds the search index (default: http:// and the listen address, $SOCIALEKAART_ADDR)"),
		key:    fs.String("key", "", "API `key` of a platform beheerder, for a running server (default $"+envAdminKey+", which other users cannot see)"),
	}
}

// withSearch runs direct on the index when no process holds it, and else
// viaServer on the running server that does: Bleve lets one process hold an
// index. Which of the two happens is said on stderr.
func (m *Main) withSearch(ctx context.Context, a *adminFlags, direct func(*search.Index) error, viaServer func(*adminClient) error) error {
	// Look before opening the database: with the local Neo4j, the server
	// holds that too.
	held := m.searchHeld(ctx)
	if !held {
		err := m.withDatabase(ctx, func(db *neo4j.Store) error {
			idx, err := search.Open(ctx, m.logger(), m.searchDir(), db, search.Options{})
			if errors.Is(err, search.ErrInUse) {
				held = true // a server started meanwhile
				return nil
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stderr, "no server holds the search index in %s: working on it directly\n", m.searchDir())
			return errors.Join(direct(idx), idx.Close())
		})
		if err != nil || !held {
			return err
		}
	}
	c, err := m.newAdminClient(a)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "a running server holds the search index in %s: asking it at %s\n", m.searchDir(), c.base)
	return viaServer(c)
}

// searchHeld reports whether another process holds the index. Without a
// "current" file there is no index yet, and so nobody holding it: opening
// it here would create an empty one that a server starting later takes
// for current.
func (m *Main) searchHeld(ctx context.Context) bool {
	if _, err := os.Stat(filepath.Join(m.searchDir(), "current")); err != nil {
		return false
	}
	idx, err := search.Open(ctx, m.logger(), m.searchDir(), nil, search.Options{})
	if errors.Is(err, search.ErrInUse) {
		return true
	}
	if err == nil {
		_ = idx.Close()
	}
	return false // any other error is met again, and reported, when opened for real
}

// adminClient calls the admin routes of a running server.
type adminClient struct {
	base string
	key  string
	http *http.Client
}

func (m *Main) newAdminClient(a *adminFlags) (*adminClient, error) {
	base := strings.TrimRight(*a.server, "/")
	if base == "" {
		host, port, err := net.SplitHostPort(m.Config.Addr)
		if err != nil {
			return nil, fmt.Errorf("listen address %q: %w; give the server with --server", m.Config.Addr, err)
		}
		if ip, err := netip.ParseAddr(host); host == "" || err == nil && ip.IsUnspecified() {
			host = "localhost"
		}
		base = "http://" + net.JoinHostPort(host, port)
	} else if !strings.Contains(base, "://") {
		base = "http://" + base
	}
	key := *a.key
	if key == "" {
		key, _ = m.LookupEnv(envAdminKey)
	}
	key = strings.TrimSpace(key)
	if key == "" {
		return nil, fmt.Errorf("a running server holds the search index in %s, and asking it needs the API key of a platform beheerder: "+
			"set $%s or give --key (create one with: socialekaart apikey create --rol beheerder --naam NAME)", m.searchDir(), envAdminKey)
	}
	// No overall timeout: a rebuild of a large kaart takes minutes; ^C ends it.
	return &adminClient{base: base, key: key, http: &http.Client{}}, nil
}

// do sends a request and returns the response when it is a 200; any other
// answer becomes an error that says what to do.
func (c *adminClient) do(ctx context.Context, method, route string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+route, nil)
	if err != nil {
		return nil, fmt.Errorf("server %s: %w", c.base, err)
	}
	req.Header.Set("Authorization", "Bearer "+c.key)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("a process holds the search index, but the server at %s does not answer: %w; "+
			"give its address with --server, or stop the process that holds the index", c.base, err)
	}
	if resp.StatusCode == http.StatusOK {
		return resp, nil
	}
	defer resp.Body.Close()
	var body struct {
		Errors []struct {
			Message    string `json:"message"`
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	said := strings.TrimSpace(string(b))
	if json.Unmarshal(b, &body) == nil && len(body.Errors) > 0 {
		said = body.Errors[0].Extensions.Code + ": " + body.Errors[0].Message
	}
	said = fmt.Sprintf("(%d %s)", resp.StatusCode, said)
	switch resp.StatusCode {
	case http.StatusUnauthorized:
		return nil, fmt.Errorf("the server at %s refused the API key %s; give a valid key of a platform beheerder with $%s or --key", c.base, said, envAdminKey)
	case http.StatusForbidden:
		return nil, fmt.Errorf("the API key is not a platform beheerder's %s; only a platform beheerder may rebuild or check the search index", said)
	case http.StatusConflict:
		return nil, fmt.Errorf("the server at %s is rebuilding the search index already %s; wait until it is done", c.base, said)
	case http.StatusServiceUnavailable:
		return nil, fmt.Errorf("the server at %s has no search index open %s", c.base, said)
	case http.StatusNotFound, http.StatusMethodNotAllowed:
		return nil, fmt.Errorf("the server at %s does not offer %s %s %s: is it the server holding this index, and of this version?", c.base, method, route, said)
	}
	return nil, fmt.Errorf("the server at %s answered %s", c.base, said)
}

// reindex asks the server to rebuild, drawing its progress.
func (c *adminClient) reindex(ctx context.Context, m *Main) error {
	resp, err := c.do(ctx, http.MethodPost, httpserver.RouteAdminHerbouw)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	dec := json.NewDecoder(resp.Body)
	drawn := false
	endBar := func() {
		if drawn {
			fmt.Fprintln(m.Stderr)
			drawn = false
		}
	}
	defer endBar()
	for {
		var l httpserver.HerbouwRegel
		if err := dec.Decode(&l); err != nil {
			return fmt.Errorf("the server's answer broke off before the rebuild was done: %w", err)
		}
		switch {
		case l.Fout != "":
			return fmt.Errorf("the server at %s: %s", c.base, l.Fout)
		case l.Duur != "":
			endBar()
			fmt.Fprintf(m.Stdout, "search index rebuilt by the server in %s\n", l.Duur)
			return nil
		}
		progressBar(m, l.Klaar, l.Totaal)
		drawn = true
	}
}

// check asks the server for its report on the index.
func (c *adminClient) check(ctx context.Context) (search.Rapport, error) {
	var r search.Rapport
	resp, err := c.do(ctx, http.MethodGet, httpserver.RouteAdminControle)
	if err != nil {
		return r, err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return r, fmt.Errorf("reading the server's report: %w", err)
	}
	return r, nil
}

func (m *Main) cmdReindex(ctx context.Context, args []string) error {
	fs := m.flagSet("reindex", "[flags]", "Rebuild the search index from Neo4j into a new index and swap it in.\n"+
		"When a running server holds the index, it asks that server to (with the API key of a platform beheerder).")
	a := addAdminFlags(fs)
	if err := m.parse(fs, args, false); err != nil {
		return err
	}
	return m.withSearch(ctx, a, func(idx *search.Index) error {
		start := time.Now()
		err := idx.Rebuild(ctx, func(done, total int) { progressBar(m, done, total) })
		fmt.Fprintln(m.Stderr)
		if err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		fmt.Fprintf(m.Stdout, "search index rebuilt in %s\n", time.Since(start).Round(time.Millisecond))
		return nil
	}, func(c *adminClient) error {
		return c.reindex(ctx, m)
	})
}

func (m *Main) cmdCheck(ctx context.Context, args []string) error {
	fs := m.flagSet("check", "[flags]", "Report cards missing from the search index, stale in it, or left over.\n"+
		"When a running server holds the index, it asks that server (with the API key of a platform beheerder).")
	a := addAdminFlags(fs)
	if err := m.parse(fs, args, false); err != nil {
		return err
	}
	return m.withSearch(ctx, a, func(idx *search.Index) error {
		r, err := idx.Check(ctx)
		if err != nil {
			return err
		}
		return m.printRapport(r)
	}, func(c *adminClient) error {
		r, err := c.check(ctx)
		if err != nil {
			return err
		}
		return m.printRapport(r)
	})
}

// printRapport prints what check found, and fails when the index is not
// current.
func (m *Main) printRapport(r search.Rapport) error {
	fmt.Fprintf(m.Stdout, "cards in neo4j: %d\ncards in the index: %d\nmissing: %d\nstale: %d\nleft over: %d\n",
		r.Kaarten, r.Documenten, len(r.Ontbrekend), len(r.Verouderd), len(r.Overbodig))
	for _, l := range []struct {
		name string
		ids  []string
	}{{"missing", r.Ontbrekend}, {"stale", r.Verouderd}, {"left over", r.Overbodig}} {
		for _, id := range l.ids[:min(len(l.ids), 20)] {
			fmt.Fprintf(m.Stdout, "  %s: %s\n", l.name, id)
		}
	}
	if !r.OK() {
		return errors.New("the search index is not current; run 'socialekaart reindex'")
	}
	return nil
}

func progressBar(m *Main, done, total int) {
	const width = 40
	filled := width
	if total > 0 {
		filled = width * done / total
	}
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = '.'
		if i < filled {
			bar[i] = '#'
		}
	}
	fmt.Fprintf(m.Stderr, "\r[%s] %d/%d cards", bar, done, total)
}
