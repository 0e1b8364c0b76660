package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Melding is a resident's report of a mistake on the kaart. It is not a
// kaart record (yet): it waits for a steward to check it.
type Melding struct {
	ID string `json:"id"`
	// Over is the id of the record the report is about, "" for the site.
	Over      string    `json:"over,omitempty"`
	OverType  string    `json:"overType,omitempty"`
	OverNaam  string    `json:"overNaam,omitempty"`
	Tekst     string    `json:"tekst"`
	Email     string    `json:"email,omitempty"`
	Taal      Lang      `json:"taal"`
	Ontvangen time.Time `json:"ontvangen"`
}

// Meldingen keeps reports until a steward handles them.
type Meldingen interface {
	// Bewaar stores m; on error nothing is stored.
	Bewaar(ctx context.Context, m Melding) error
}

func nieuwMeldingID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return "mld-" + hex.EncodeToString(b[:])
}

// FileMeldingen appends each report as one JSON line to a file readable by
// its owner only. It is safe for concurrent use within one process.
type FileMeldingen struct {
	Path string
	mu   sync.Mutex
}

// Bewaar implements Meldingen.
func (f *FileMeldingen) Bewaar(_ context.Context, m Melding) error {
	line, err := json.Marshal(m)
	if err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(f.Path), 0o750); err != nil {
		return fmt.Errorf("meldingen dir: %w", err)
	}
	file, err := os.OpenFile(f.Path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("open meldingen: %w", err)
	}
	if _, err := file.Write(append(line, '\n')); err != nil {
		_ = file.Close()
		return fmt.Errorf("write melding: %w", err)
	}
	if err := file.Sync(); err != nil {
		_ = file.Close()
		return fmt.Errorf("sync meldingen: %w", err)
	}
	return file.Close()
}

// MemoryMeldingen keeps reports in memory, for tests and for a server
// started without a place to store them.
type MemoryMeldingen struct {
	mu   sync.Mutex
	list []Melding
}

// Bewaar implements Meldingen.
func (m *MemoryMeldingen) Bewaar(_ context.Context, mel Melding) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.list = append(m.list, mel)
	return nil
}

// Alle returns the stored reports, oldest first.
func (m *MemoryMeldingen) Alle() []Melding {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Melding(nil), m.list...)
}

// limiter allows each key a burst of Max events per Window, in memory. It
// forgets keys whose window has passed, so it stays small.
type limiter struct {
	Max    int
	Window time.Duration
	now    func() time.Time

	mu    sync.Mutex
	seen  map[string][]time.Time
	sweep time.Time
}

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{Max: max, Window: window, now: time.Now, seen: map[string][]time.Time{}}
}

// Allow records an event for key and reports whether it is within the limit.
func (l *limiter) Allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	cutoff := now.Add(-l.Window)
	if now.Sub(l.sweep) > l.Window {
		for k, ts := range l.seen {
			if len(ts) == 0 || ts[len(ts)-1].Before(cutoff) {
				delete(l.seen, k)
			}
		}
		l.sweep = now
	}
	ts := l.seen[key]
	keep := ts[:0]
	for _, t := range ts {
		if t.After(cutoff) {
			keep = append(keep, t)
		}
	}
	if len(keep) >= l.Max {
		l.seen[key] = keep
		return false
	}
	l.seen[key] = append(keep, now)
	return true
}
