package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"time"

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
	go func() {
		defer close(st.done)
		if rebuild {
			m.Logger.InfoContext(runCtx, "rebuilding the search index from neo4j", "dir", m.searchDir())
			if err := idx.Rebuild(runCtx, nil); err != nil {
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
	if err := st.idx.Close(); err != nil {
		return fmt.Errorf("close search index: %w", err)
	}
	return nil
}

// withSearchIndex opens the index directly, which only works while no server
// holds it.
func (m *Main) withSearchIndex(ctx context.Context, db *neo4j.Store, f func(*search.Index) error) error {
	idx, err := search.Open(ctx, m.logger(), m.searchDir(), db, search.Options{})
	if errors.Is(err, search.ErrInUse) {
		return fmt.Errorf("%w; stop the server first (this command works on the index directly, "+
			"and talking to a running server is not implemented yet)", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "no server holds the search index in %s: working on it directly\n", m.searchDir())
	err = f(idx)
	return errors.Join(err, idx.Close())
}

func (m *Main) cmdReindex(ctx context.Context, args []string) error {
	fs := m.flagSet("reindex", "[flags]", "Rebuild the search index from Neo4j into a new index and swap it in.")
	if err := m.parse(fs, args, false); err != nil {
		return err
	}
	return m.withDatabase(ctx, func(db *neo4j.Store) error {
		return m.withSearchIndex(ctx, db, func(idx *search.Index) error {
			start := time.Now()
			err := idx.Rebuild(ctx, func(done, total int) { progressBar(m, done, total) })
			fmt.Fprintln(m.Stderr)
			if err != nil {
				return fmt.Errorf("reindex: %w", err)
			}
			fmt.Fprintf(m.Stdout, "search index rebuilt in %s\n", time.Since(start).Round(time.Millisecond))
			return nil
		})
	})
}

func (m *Main) cmdCheck(ctx context.Context, args []string) error {
	fs := m.flagSet("check", "[flags]", "Report cards missing from the search index, stale in it, or left over.")
	if err := m.parse(fs, args, false); err != nil {
		return err
	}
	return m.withDatabase(ctx, func(db *neo4j.Store) error {
		return m.withSearchIndex(ctx, db, func(idx *search.Index) error {
			r, err := idx.Check(ctx)
			if err != nil {
				return err
			}
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
		})
	})
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
