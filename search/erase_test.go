package search_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// holds reports the files under dir whose bytes contain s.
func holds(t *testing.T, dir, s string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err == nil && bytes.Contains(b, []byte(s)) {
			out = append(out, filepath.Base(path))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCompacteerRemovesDeletedBytes deletes one card from a large segment:
// Bleve only marks it deleted, and Compacteer rewrites the segment so that
// its text is gone from every file of the index, while the other cards
// stay searchable.
func TestCompacteerRemovesDeletedBytes(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	dir := t.TempDir()
	f.idx = f.openIndex(dir)
	f.svc.Zoek = f.idx
	doc := generate(f.gm, 3000)
	id := f.gm + "-b001500p"
	doc.Records = append(doc.Records, kaart.ExportRecord{Type: "Persoon", Eigenschappen: map[string]any{
		"id": id, "gemeente": f.gm, "zichtbaarheid": "OPENBAAR", "naam": "Wolterdina Brakkeveen", "grondslag": "PUBLIEKE_TAAK"}})
	if err := f.store.Import(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if err := f.idx.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	// The stored name is always there verbatim; the analysed terms sit in
	// the term dictionary (an FST), whose bytes need not be contiguous.
	if got := holds(t, dir, "Wolterdina Brakkeveen"); len(got) == 0 {
		t.Fatal("the index files do not hold the name before the delete; the test would prove nothing")
	}
	before := f.zoek(anoniem, "buurtcentrum").Totaal

	if err := f.svc.Delete(f.beheerder(), "Persoon", id, 1); err != nil {
		t.Fatal(err)
	}
	if res := f.zoek(anoniem, "brakkeveen"); res.Totaal != 0 {
		t.Fatalf("deleted person still found: %v", ids(res))
	}
	t.Logf("after the delete, before compaction, the name is in %v", holds(t, dir, "Wolterdina Brakkeveen"))

	if err := f.idx.Compacteer(ctx); err != nil {
		t.Fatal(err)
	}
	for _, needle := range []string{"Wolterdina Brakkeveen", "Wolterdina", "Brakkeveen", "wolterdina", "brakkeveen"} {
		if got := holds(t, dir, needle); len(got) > 0 {
			t.Errorf("after compaction %q is still in %v", needle, got)
		}
	}
	if after := f.zoek(anoniem, "buurtcentrum").Totaal; after != before {
		t.Errorf("after compaction %d hits for buurtcentrum; want %d as before", after, before)
	}
	// Compaction twice in a row, and with the indexer going on, is fine.
	if err := f.idx.Compacteer(ctx); err != nil {
		t.Fatal(err)
	}
	f.create("Organisatie", kaart.Input{"naam": "Nieuw na compactie", "sector": "WELZIJN"})
	f.sync()
	if res := f.zoek(anoniem, "compactie"); res.Totaal == 0 {
		t.Errorf("indexing stopped after compaction")
	}
}
