package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/ratelimit"
)

// Melding is a resident's report of a mistake on the kaart, as the form
// gives it. It waits in the review queue for the steward of the record.
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
	// Bewaar stores m and returns the id it is kept under; on error nothing
	// is stored.
	Bewaar(ctx context.Context, m Melding) (string, error)
}

func nieuwMeldingID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return "mld-" + hex.EncodeToString(b[:])
}

// Wachtrij is the kaart's review queue; *kaart.Service is one.
type Wachtrij interface {
	MeldFout(ctx context.Context, m kaart.Melding) (kaart.Voorstel, error)
}

// WachtrijMeldingen puts each report in the review queue of the kaart, as a
// Voorstel of soort MELDING, where the steward of the record finds it. The
// request's viewer (anonymous on these pages) must be able to see the
// record, so a hidden card cannot be reported on.
type WachtrijMeldingen struct {
	Wachtrij Wachtrij
}

// Bewaar implements Meldingen.
func (w WachtrijMeldingen) Bewaar(ctx context.Context, m Melding) (string, error) {
	p, err := w.Wachtrij.MeldFout(ctx, kaart.Melding{RecordID: m.Over, Tekst: m.Tekst, Email: m.Email, Taal: string(m.Taal)})
	if err != nil {
		return "", fmt.Errorf("melding in wachtrij: %w", err)
	}
	return p.ID, nil
}

// MemoryMeldingen keeps reports in memory, for tests and for a server
// started without a kaart to queue them in.
type MemoryMeldingen struct {
	mu   sync.Mutex
	list []Melding
}

// Bewaar implements Meldingen.
func (m *MemoryMeldingen) Bewaar(_ context.Context, mel Melding) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.list = append(m.list, mel)
	return mel.ID, nil
}

// Alle returns the stored reports, oldest first.
func (m *MemoryMeldingen) Alle() []Melding {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Melding(nil), m.list...)
}

// limiter allows each client a burst of max reports, refilled evenly over
// window: the shared token bucket of internal/ratelimit.
type limiter struct {
	b *ratelimit.Limiter
}

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{b: ratelimit.New(float64(max)/window.Seconds(), max, nil)}
}

// Allow takes a token for key and reports whether there was one.
func (l *limiter) Allow(key string) bool {
	ok, _ := l.b.Allow(key)
	return ok
}

// allow is Allow with how long until the next report is allowed.
func (l *limiter) allow(key string) (bool, time.Duration) {
	return l.b.Allow(key)
}

// The form token proves that a report was sent from a form this server
// handed out, and when: a bot that posts without fetching the form, or
// replays one old form, stores nothing. The key lives in this process; a
// restart (or another replica) turns open forms into "verlopen", after
// which the resident sends the same text once more.
const (
	formulierVeld   = "formulier"
	formulierGeldig = 24 * time.Hour
)

var formulierSleutel = func() []byte {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return b
}()

func formulierMAC(ts string) string {
	m := hmac.New(sha256.New, formulierSleutel)
	m.Write([]byte("melden|" + ts))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

// nieuwFormulier returns a token stamped with now.
func nieuwFormulier(now time.Time) string {
	ts := strconv.FormatInt(now.Unix(), 10)
	return ts + "." + formulierMAC(ts)
}

// formulierGeldigOp reports whether token was handed out by this server
// within formulierGeldig before now.
func formulierGeldigOp(token string, now time.Time) bool {
	ts, mac, ok := strings.Cut(token, ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(formulierMAC(ts))) {
		return false
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	age := now.Sub(time.Unix(sec, 0))
	return age >= -time.Minute && age <= formulierGeldig
}
