package search

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

func init() {
	// A hard cap on any disjunction Bleve builds from one query term, on
	// top of the bounded expansions the query builder makes itself.
	searcher.DisjunctionMaxClauseCount = 1024
}

// Internal keys stored inside the Bleve index.
var (
	keyMapping = []byte("socialekaart.mapping")
	keyOutbox  = []byte("socialekaart.outbox")
)

// ErrInUse means another process (a running server) holds the index open:
// Bleve allows one process per index.
var ErrInUse = errors.New("the search index is held by another process (a running server)")

// Options configure an Index.
type Options struct {
	// Gemeenten limits the index to these gemeenten (tests share one
	// database); empty means everything.
	Gemeenten []string
	// Poll is how often Run looks at the outbox; default 100ms.
	Poll time.Duration
	// Batch is how many outbox entries one step handles; default 500.
	Batch int
}

// Index is the search index on disk: a directory with the file "current"
// naming the Bleve index in use. Searches go through an IndexAlias, so a
// rebuilt index is swapped in atomically while searches continue.
type Index struct {
	logger *slog.Logger
	dir    string
	source kaart.KaartBron
	opts   Options
	alias  bleve.IndexAlias
	syn    *synonymStore

	// writeMu serialises indexing steps, swaps and Close.
	writeMu sync.Mutex
	cur     bleve.Index
	curName string
	// live is cur for searches, which must not wait for an indexing step
	// (a step holds writeMu while it reads the store).
	live atomic.Pointer[liveIndex]
	// gcHold, while a rebuild runs, keeps the outbox entries after the
	// rebuild's starting point, which the new index still has to apply.
	gcHold *kaart.OutboxPositie
	// stale is set when the index on disk was missing, unreadable or of an
	// older mapping version, and must be rebuilt.
	stale bool

	// wake makes Run apply the outbox now rather than at its next poll; the
	// store sends on it after a commit (see Open), and a full buffer means
	// a wake-up is already pending.
	wake        chan struct{}
	unsubscribe func()
	lastAck     time.Time // guarded by writeMu
}

// ackEvery is how often the indexer removes applied outbox entries.
const ackEvery = 10 * time.Second

// outboxNotifier is a source that says when it committed outbox entries.
type outboxNotifier interface {
	OpOutbox(f func()) (stop func())
}

var _ kaart.Zoekindex = (*Index)(nil)

type liveIndex struct{ idx bleve.Index }

// Open opens the index in dir, or creates an empty one. When the index on
// disk is missing, unreadable or of an older mapping version, NeedsRebuild
// reports true and the caller runs Rebuild.
func Open(ctx context.Context, logger *slog.Logger, dir string, source kaart.KaartBron, opts Options) (*Index, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if opts.Poll <= 0 {
		opts.Poll = 100 * time.Millisecond
	}
	if opts.Batch <= 0 {
		opts.Batch = 500
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("search index dir: %w", err)
	}
	syn, err := loadSynonyms(filepath.Join(dir, "synoniemen.json"))
	if err != nil {
		return nil, err
	}
	x := &Index{logger: logger, dir: dir, source: source, opts: opts, syn: syn, wake: make(chan struct{}, 1)}
	name, err := os.ReadFile(filepath.Join(dir, "current"))
	var idx bleve.Index
	switch {
	case errors.Is(err, fs.ErrNotExist):
		x.stale = true
	case err != nil:
		return nil, fmt.Errorf("search index: %w", err)
	default:
		x.curName = strings.TrimSpace(string(name))
		idx, err = bleve.OpenUsing(filepath.Join(dir, x.curName), map[string]any{"bolt_timeout": "2s"})
		if err != nil && strings.Contains(err.Error(), "timeout") {
			return nil, fmt.Errorf("%w: %s", ErrInUse, dir)
		}
		if err != nil {
			logger.WarnContext(ctx, "search index unreadable; it will be rebuilt", "dir", x.curName, "err", err)
			idx, x.stale = nil, true
			break
		}
		v, err := idx.GetInternal(keyMapping)
		if err != nil || string(v) != strconv.Itoa(MappingVersion) {
			logger.InfoContext(ctx, "search index has another mapping version; it will be rebuilt", "version", string(v), "want", MappingVersion)
			x.stale = true
		}
	}
	if idx == nil {
		// An empty index answers searches until the rebuild is done.
		idx, x.curName, err = x.create()
		if err != nil {
			return nil, err
		}
		if err := writeCurrent(dir, x.curName); err != nil {
			return nil, err
		}
	}
	x.cur = idx
	x.live.Store(&liveIndex{idx})
	x.alias = bleve.NewIndexAlias(idx)
	x.removeOthers()
	if n, ok := source.(outboxNotifier); ok {
		x.unsubscribe = n.OpOutbox(x.wakeUp)
	}
	return x, nil
}

func (x *Index) wakeUp() {
	select {
	case x.wake <- struct{}{}:
	default:
	}
}

// NeedsRebuild reports whether the index must be rebuilt from the store.
func (x *Index) NeedsRebuild() bool {
	x.writeMu.Lock()
	defer x.writeMu.Unlock()
	return x.stale
}

// create makes a new, empty Bleve index in a fresh directory.
func (x *Index) create() (bleve.Index, string, error) {
	m, err := newMapping()
	if err != nil {
		return nil, "", fmt.Errorf("search mapping: %w", err)
	}
	name := fmt.Sprintf("index-v%d-%d", MappingVersion, time.Now().UnixNano())
	idx, err := bleve.New(filepath.Join(x.dir, name), m)
	if err != nil {
		return nil, "", fmt.Errorf("create search index: %w", err)
	}
	if err := idx.SetInternal(keyMapping, []byte(strconv.Itoa(MappingVersion))); err != nil {
		_ = idx.Close()
		return nil, "", fmt.Errorf("create search index: %w", err)
	}
	return idx, name, nil
}

// writeCurrent points the directory at the named index, atomically.
func writeCurrent(dir, name string) error {
	tmp := filepath.Join(dir, "current.tmp")
	if err := os.WriteFile(tmp, []byte(name+"\n"), 0o644); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, "current")); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// removeOthers deletes index directories other than the current one: left
// over from an interrupted rebuild or replaced by one.
func (x *Index) removeOthers() {
	entries, _ := os.ReadDir(x.dir)
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), "index-") && e.Name() != x.curName {
			_ = os.RemoveAll(filepath.Join(x.dir, e.Name()))
		}
	}
}

// Close closes the index; indexing and searching stop.
func (x *Index) Close() error {
	x.writeMu.Lock()
	defer x.writeMu.Unlock()
	if x.unsubscribe != nil {
		x.unsubscribe()
		x.unsubscribe = nil
	}
	if x.cur == nil {
		return nil
	}
	x.live.Store(nil)
	err := x.cur.Close()
	x.cur = nil
	return err
}

// Position returns the outbox position the index has applied.
func (x *Index) Position() (kaart.OutboxPositie, error) {
	x.writeMu.Lock()
	defer x.writeMu.Unlock()
	return position(x.cur)
}

func position(idx bleve.Index) (kaart.OutboxPositie, error) {
	var pos kaart.OutboxPositie
	if idx == nil {
		return pos, errors.New("search index closed")
	}
	b, err := idx.GetInternal(keyOutbox)
	if err != nil || len(b) == 0 {
		return pos, err
	}
	err = json.Unmarshal(b, &pos)
	return pos, err
}

// Run applies the outbox after every commit the store reports, and every
// Poll (the backstop for commits of other processes), until ctx ends.
// Errors are logged and retried: the outbox keeps every change until it is
// applied.
func (x *Index) Run(ctx context.Context) {
	t := time.NewTicker(x.opts.Poll)
	defer t.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-x.wake:
		}
		err := x.Bijwerken(ctx)
		switch {
		case err != nil && ctx.Err() == nil && !failing:
			x.logger.WarnContext(ctx, "search indexer: applying the outbox failed; retrying", "err", err)
			failing = true
		case err == nil && failing:
			x.logger.InfoContext(ctx, "search indexer: the outbox applies again")
			failing = false
		}
	}
}

// Bijwerken applies every outbox entry committed before it was called.
func (x *Index) Bijwerken(ctx context.Context) error {
	for {
		n, err := x.Step(ctx)
		if err != nil {
			return err
		}
		// A step that got less than a full batch read up to the head;
		// whatever was committed since wakes the indexer again.
		if n == 0 || n < x.opts.Batch {
			return nil
		}
	}
}

// Step applies one batch of outbox entries and returns how many it applied.
// The documents and the new outbox position are written in one Bleve batch,
// so a process killed at any moment resumes exactly where the index is.
func (x *Index) Step(ctx context.Context) (int, error) {
	x.writeMu.Lock()
	defer x.writeMu.Unlock()
	if x.cur == nil {
		return 0, errors.New("search index closed")
	}
	pos, err := position(x.cur)
	if err != nil {
		return 0, fmt.Errorf("search index position: %w", err)
	}
	items, err := x.source.Outbox(ctx, pos, x.opts.Gemeenten, x.opts.Batch)
	if err != nil || len(items) == 0 {
		return 0, err
	}
	seen := map[string]bool{}
	var ids []string
	for _, it := range items {
		if !seen[it.RecordID] {
			seen[it.RecordID] = true
			ids = append(ids, it.RecordID)
		}
	}
	cards, err := x.source.AffectedCards(ctx, ids)
	if err != nil {
		return 0, err
	}
	last := items[len(items)-1].Positie
	if err := x.apply(ctx, x.cur, cards, &last); err != nil {
		return 0, err
	}
	upto := last
	if x.gcHold != nil && x.gcHold.Before(upto) {
		upto = *x.gcHold
	}
	// Acknowledging walks the entries kept for the retention period, so it
	// runs now and then rather than after every change.
	if time.Since(x.lastAck) >= ackEvery {
		if err := x.source.AckOutbox(ctx, upto, x.opts.Gemeenten); err != nil {
			// Not fatal: the entries are applied again later, harmlessly.
			x.logger.WarnContext(ctx, "search indexer: acknowledging the outbox failed", "err", err)
		}
		x.lastAck = time.Now()
	}
	return len(items), nil
}

// apply (re)indexes the given cards from the store, deleting the documents
// of cards that are gone or no longer visible to an audience, and records
// pos when set, all in one batch.
func (x *Index) apply(ctx context.Context, idx bleve.Index, cardIDs []string, pos *kaart.OutboxPositie) error {
	b := idx.NewBatch()
	for start := 0; start < len(cardIDs); start += 500 {
		chunk := cardIDs[start:min(start+500, len(cardIDs))]
		cards, err := x.source.Cards(ctx, chunk)
		if err != nil {
			return err
		}
		keep := map[string]bool{}
		for _, c := range cards {
			for id, d := range project(c) {
				keep[id] = true
				if err := b.Index(id, d); err != nil {
					return fmt.Errorf("index card %s: %w", c.ID, err)
				}
			}
		}
		for _, id := range chunk {
			for _, a := range audiences {
				if d := docID(id, a); !keep[d] {
					b.Delete(d)
				}
			}
		}
	}
	if pos != nil {
		p, _ := json.Marshal(pos)
		b.SetInternal(keyOutbox, p)
	}
	if err := idx.Batch(b); err != nil {
		return fmt.Errorf("search index batch: %w", err)
	}
	return nil
}

// Progress is called during a rebuild with the cards done and the total.
type Progress func(done, total int)

// Rebuild builds a new index from the store and swaps it in atomically.
// Searches go on against the old index meanwhile, and the indexer keeps
// applying the outbox to it; the new index then applies what came after
// its starting point.
func (x *Index) Rebuild(ctx context.Context, progress Progress) error {
	start := time.Now()
	head, err := x.source.OutboxHead(ctx, x.opts.Gemeenten)
	if err != nil {
		return err
	}
	x.writeMu.Lock()
	x.gcHold = &head
	x.writeMu.Unlock()
	defer func() {
		x.writeMu.Lock()
		x.gcHold = nil
		x.writeMu.Unlock()
	}()
	idx, name, err := x.create()
	if err != nil {
		return err
	}
	fail := func(err error) error {
		_ = idx.Close()
		_ = os.RemoveAll(filepath.Join(x.dir, name))
		return err
	}
	total, err := x.countCards(ctx)
	if err != nil {
		return fail(err)
	}
	done := 0
	after := ""
	for {
		ids, err := x.source.CardIDs(ctx, after, x.opts.Gemeenten, 1000)
		if err != nil {
			return fail(err)
		}
		if len(ids) == 0 {
			break
		}
		if err := x.apply(ctx, idx, ids, nil); err != nil {
			return fail(err)
		}
		done += len(ids)
		after = ids[len(ids)-1]
		if progress != nil {
			progress(done, max(total, done))
		}
	}
	p, _ := json.Marshal(head)
	if err := idx.SetInternal(keyOutbox, p); err != nil {
		return fail(err)
	}
	// One segment before the swap: the new index answers at full speed at
	// once, instead of while scorch merges its batches in the background.
	if adv, err := idx.Advanced(); err == nil {
		if sc, ok := adv.(*scorch.Scorch); ok {
			if err := sc.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions); err != nil {
				x.logger.WarnContext(ctx, "search index rebuild: merging the segments failed; searches are slower until scorch merges them", "err", err)
			}
		}
	}
	x.writeMu.Lock()
	old, oldName := x.cur, x.curName
	if err := writeCurrent(x.dir, name); err != nil {
		x.writeMu.Unlock()
		return fail(err)
	}
	x.alias.Swap([]bleve.Index{idx}, []bleve.Index{old})
	x.cur, x.curName, x.stale = idx, name, false
	x.live.Store(&liveIndex{idx})
	x.writeMu.Unlock()
	if old != nil {
		_ = old.Close()
		_ = os.RemoveAll(filepath.Join(x.dir, oldName))
	}
	x.logger.InfoContext(ctx, "search index rebuilt", "cards", done, "took", time.Since(start).Round(time.Millisecond))
	return x.Bijwerken(ctx)
}

func (x *Index) countCards(ctx context.Context) (int, error) {
	if c, ok := x.source.(interface {
		CountCards(context.Context, []string) (int, error)
	}); ok {
		return c.CountCards(ctx, x.opts.Gemeenten)
	}
	return 0, nil
}

// search runs a request through the alias, so a swap never fails a search.
func (x *Index) search(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return x.alias.SearchInContext(ctx, req)
}

// expand returns up to maxExpansion terms of field that start with prefix,
// the most frequent first, the prefix itself always included when present.
func (x *Index) expand(field, prefix string) []string {
	live := x.live.Load()
	if live == nil {
		return nil
	}
	dict, err := live.idx.FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return nil
	}
	defer dict.Close()
	return mostFrequent(dict, prefix, "")
}

// mostFrequent reads a bounded part of a term dictionary and returns up to
// maxExpansion of its terms, the most frequent first: first (when present)
// ahead of all, skip left out.
func mostFrequent(dict index.FieldDict, first, skip string) []string {
	type tc struct {
		term  string
		count uint64
	}
	var all []tc
	for i := 0; i < 20*maxExpansion; i++ {
		e, err := dict.Next()
		if err != nil || e == nil {
			break
		}
		if skip == "" || e.Term != skip {
			all = append(all, tc{e.Term, e.Count})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if (all[i].term == first) != (all[j].term == first) {
			return all[i].term == first
		}
		return all[i].count > all[j].count
	})
	out := make([]string, 0, min(len(all), maxExpansion))
	for _, t := range all[:min(len(all), maxExpansion)] {
		out = append(out, t.term)
	}
	return out
}

// zoekLexicon is the index's lexicon for one search: the typo terms of a
// word are looked up once, however many passes ask.
type zoekLexicon struct {
	x    *Index
	typo map[string][]string
}

func (l *zoekLexicon) expand(field, prefix string) []string { return l.x.expand(field, prefix) }

func (l *zoekLexicon) typos(w string) []string {
	if t, ok := l.typo[w]; ok {
		return t
	}
	if l.typo == nil {
		l.typo = map[string][]string{}
	}
	t := l.x.typoTerms(w)
	l.typo[w] = t
	return t
}

// typoTerms returns up to maxExpansion terms of the woorden field within
// the edit distance fuzziness allows of w, with w's first letter, the most
// frequent first, w itself left out.
func (x *Index) typoTerms(w string) []string {
	f := fuzziness(w)
	live := x.live.Load()
	if f == 0 || live == nil {
		return nil
	}
	adv, err := live.idx.Advanced()
	if err != nil {
		return nil
	}
	r, err := adv.Reader()
	if err != nil {
		return nil
	}
	defer r.Close()
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return nil
	}
	first, _ := utf8.DecodeRuneInString(w)
	dict, err := fr.FieldDictFuzzy(fieldWoorden, w, f, string(first))
	if err != nil {
		return nil
	}
	defer dict.Close()
	return mostFrequent(dict, "", w)
}

// Facet fields and how many values each returns.
var facetFields = []string{fieldType, fieldWijk, fieldSector, fieldThema, fieldNiveau}

const facetSize = 25

// Zoek runs a search for v. The cursor (After) is the opaque sort key of
// the last hit of the previous page: keyset paging, never deep offsets.
func (x *Index) Zoek(ctx context.Context, v kaart.Viewer, q kaart.ZoekVraag) (kaart.ZoekResultaat, error) {
	var res kaart.ZoekResultaat
	p, syn := parse(q.Tekst), x.syn.get()
	if textQuery(p, syn, nil, passes[0]) == nil {
		return res, nil
	}
	var after []string
	if q.After != "" {
		b, err := base64.RawURLEncoding.DecodeString(q.After)
		if err == nil {
			err = json.Unmarshal(b, &after)
		}
		if err == nil && len(after) == 2 {
			_, err = strconv.ParseFloat(after[0], 64)
		}
		if err != nil || len(after) != 2 {
			return res, &kaart.Error{Code: kaart.EINVALID, Field: "after", Message: "is geen geldige cursor; gebruik de cursor uit een eerder antwoord"}
		}
	}
	first := q.First
	if first <= 0 {
		first = kaart.DefaultPageSize
	}
	// The pass depends only on the text and the filters (a total counts
	// every match, cursor or not), so every page of a search uses the same.
	lex := &zoekLexicon{x: x}
	var sr *bleve.SearchResult
	for i, ps := range passes {
		if ps.all && ps.fuzzy && !p.fuzzyMatters() {
			continue // the same query as the pass before
		}
		var err error
		sr, err = x.run(ctx, v, q.Filters, textQuery(p, syn, lex, ps), first, after, q.Facetten)
		if err != nil && isTooManyClauses(err) && ps.fuzzy {
			// The hard cap was hit: this pass without typo tolerance.
			ps.fuzzy = false
			sr, err = x.run(ctx, v, q.Filters, textQuery(p, syn, lex, ps), first, after, q.Facetten)
		}
		if err != nil {
			return res, fmt.Errorf("search: %w", err)
		}
		if sr.Total >= enough || i == len(passes)-1 {
			break
		}
	}
	res.Totaal = int(sr.Total)
	hits := sr.Hits
	if len(hits) > first {
		hits, res.HasNextPage = hits[:first], true
	}
	for _, h := range hits {
		t := kaart.ZoekTreffer{ID: cardOf(h.ID), Score: h.Score, Snippet: snippet(h)}
		if s, ok := h.Fields[fieldType].(string); ok {
			t.Type = s
		}
		if n, ok := loadNode(t.Type, h.Fields[fieldKaart]); ok && n.ID() == t.ID {
			t.Node = n
		}
		// Bleve reads the score of a search_after key as a number.
		b, _ := json.Marshal([]string{strconv.FormatFloat(h.Score, 'g', -1, 64), t.ID})
		t.Cursor = base64.RawURLEncoding.EncodeToString(b)
		res.Treffers = append(res.Treffers, t)
	}
	for _, f := range facetFields {
		fr, ok := sr.Facets[f]
		if !ok || fr == nil {
			continue
		}
		facet := kaart.Facet{Veld: f}
		if fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				facet.Waarden = append(facet.Waarden, kaart.FacetWaarde{Waarde: t.Term, Aantal: t.Count})
			}
		}
		res.Facetten = append(res.Facetten, facet)
	}
	return res, nil
}

// run searches one page: first hits in score order, ties by card id, plus
// one more to tell whether there is a next page. The tie-break reads the
// card field's doc values, not the document id: Bleve reads a document id
// from the stored fields, for every match, and that cost a tenth of a
// search. A viewer sees one document per card, so the card id is unique
// among the hits.
func (x *Index) run(ctx context.Context, v kaart.Viewer, f kaart.ZoekFilters, tq query.Query, first int, after []string, facets bool) (*bleve.SearchResult, error) {
	// The audience and the filters only select: they are not scored, which
	// spared scoring a term that every match has.
	full := bleve.NewBooleanQuery()
	full.AddMust(tq)
	full.AddFilter(filterQuery(v, f))
	req := bleve.NewSearchRequestOptions(full, first+1, 0, false)
	req.SortBy([]string{"-_score", fieldCard})
	if after != nil {
		req.SetSearchAfter(after)
	}
	req.Fields = []string{fieldType, fieldKaart}
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	req.Highlight.AddField(fieldNaam)
	req.Highlight.AddField(fieldTekst)
	if facets {
		for _, f := range facetFields {
			req.AddFacet(f, bleve.NewFacetRequest(f, facetSize))
		}
	}
	return x.search(ctx, req)
}

func isTooManyClauses(err error) bool {
	return err != nil && strings.Contains(err.Error(), "TooManyClauses")
}

// snippet returns the best highlighted fragment, the text first.
func snippet(h *search.DocumentMatch) string {
	for _, f := range []string{fieldTekst, fieldNaam} {
		if fr := h.Fragments[f]; len(fr) > 0 {
			return fr[0]
		}
	}
	return ""
}

// Suggesties proposes the names of cards v may see whose words start with
// the words typed: every word a head of a word of the name.
func (x *Index) Suggesties(ctx context.Context, v kaart.Viewer, tekst string, max int) ([]kaart.Suggestie, error) {
	ws := words(tekst)
	if len(ws) > maxWords {
		ws = ws[:maxWords]
	}
	var musts []query.Query
	for _, w := range ws {
		if len([]rune(w)) < minPrefix {
			continue
		}
		if r := []rune(w); len(r) > maxPrefix {
			w = string(r[:maxPrefix])
		}
		musts = append(musts, term(fieldPrefix, w))
	}
	if len(musts) == 0 {
		return []kaart.Suggestie{}, nil
	}
	musts = append(musts, filterQuery(v, kaart.ZoekFilters{}))
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(musts...), max, 0, false)
	req.Fields = []string{fieldNaam, fieldType}
	req.SortBy([]string{"-_score", "_id"})
	sr, err := x.search(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("suggesties: %w", err)
	}
	out := []kaart.Suggestie{}
	for _, h := range sr.Hits {
		naam, _ := h.Fields[fieldNaam].(string)
		typ, _ := h.Fields[fieldType].(string)
		out = append(out, kaart.Suggestie{ID: cardOf(h.ID), Type: typ, Naam: naam})
	}
	return out, nil
}

// Synoniemen returns the synonym groups in use.
func (x *Index) Synoniemen() [][]string { return x.syn.get().groups }

// ZetSynoniemen replaces the synonym groups; the next search uses them.
func (x *Index) ZetSynoniemen(ctx context.Context, groepen [][]string) error {
	return x.syn.set(ctx, groepen)
}
