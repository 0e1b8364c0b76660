package search

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Erasure (AVG). Deleting a document from a Bleve scorch index only marks
// it deleted: its terms and stored fields stay in the segment file until a
// merge rewrites that segment. Compacteer forces that rewrite, so that after
// an erasure the bytes of the person are gone from the index directory.
//
// Scorch's ForceMerge only merges two or more persisted segments (a lone
// segment with deletions is left alone), so Compacteer first adds a small
// empty padding document in its own, persisted batch, then merges
// everything into one segment, and waits until scorch has removed the old
// segment files. The padding document has no fields, so it never matches a
// search (every search filters on the audience fields); it is deleted again
// afterwards.

var _ kaart.Compacteerder = (*Index)(nil)

// paddingID is the id of the padding document; no card has this id.
const paddingID = "socialekaart.compact"

// compactTimeout bounds how long Compacteer waits for scorch to delete the
// old segment files.
const compactTimeout = 30 * time.Second

// Compacteer rewrites the current index into one segment without deleted
// documents, and returns when the old segment files are gone. Indexing
// waits meanwhile; searches go on.
func (x *Index) Compacteer(ctx context.Context) error {
	x.writeMu.Lock()
	defer x.writeMu.Unlock()
	if x.cur == nil {
		return errors.New("search index closed")
	}
	adv, err := x.cur.Advanced()
	if err != nil {
		return fmt.Errorf("compact search index: %w", err)
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return fmt.Errorf("compact search index: not a scorch index (%T)", adv)
	}
	dir := filepath.Join(x.dir, x.curName)
	before := zapFiles(dir)

	// Without unsafe_batch, Batch returns when the segment is persisted.
	b := x.cur.NewBatch()
	if err := b.Index(paddingID, map[string]any{}); err != nil {
		return fmt.Errorf("compact search index: %w", err)
	}
	if err := x.cur.Batch(b); err != nil {
		return fmt.Errorf("compact search index: %w", err)
	}
	// One force merge may leave more than one segment when the planner
	// splits the work; repeat until one is left, as Bleve's own tests do.
	for i := 0; i < 10; i++ {
		if err := sc.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions); err != nil {
			return fmt.Errorf("compact search index: force merge: %w", err)
		}
		if n, _ := sc.StatsMap()["TotFileSegmentsAtRoot"].(uint64); n <= 1 {
			break
		}
	}
	if err := x.cur.Delete(paddingID); err != nil {
		return fmt.Errorf("compact search index: %w", err)
	}

	// The persister removes the replaced files once no snapshot uses them.
	deadline := time.Now().Add(compactTimeout)
	for {
		left := 0
		for path := range before {
			if _, err := os.Stat(path); err == nil {
				left++
			}
		}
		if left == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("compact search index: %d old segment files still on disk after %s", left, compactTimeout)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// zapFiles lists the segment files under an index directory (scorch keeps
// them in its "store" subdirectory), by path.
func zapFiles(dir string) map[string]bool {
	out := map[string]bool{}
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(d.Name(), ".zap") {
			out[path] = true
		}
		return nil
	})
	return out
}
