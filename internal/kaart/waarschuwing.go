package kaart

import (
	"context"
	"slices"
	"sync"
)

// A Waarschuwing tells the caller of a change what the kaart did that the
// caller did not ask for, while the change itself succeeded: a visibility
// narrowed to that of the record it belongs to, a record that looks like
// one that exists. GraphQL sends them in the response's
// extensions.waarschuwingen; a change that fails sends none.
type Waarschuwing struct {
	// Code names the kind, for programs: ZICHTBAARHEID_BEGRENSD, MOGELIJK_DUBBEL, …
	Code string `json:"code"`
	// Veld is the input path it concerns ("input.zichtbaarheid"), or "".
	Veld string `json:"veld,omitempty"`
	// Bericht says it in Dutch, for people.
	Bericht string `json:"bericht"`
	// Ids names the records it is about, when there are any (a possible
	// duplicate), never one the viewer may not see.
	Ids []string `json:"ids,omitempty"`
}

// Codes of Waarschuwing.
const (
	WZichtbaarheidBegrensd = "ZICHTBAARHEID_BEGRENSD"
	WMogelijkDubbel        = "MOGELIJK_DUBBEL"
)

type waarschuwingenKey struct{}

type waarschuwingen struct {
	mu   sync.Mutex
	list []Waarschuwing
}

// WithWaarschuwingen returns a context that collects the warnings of one
// request, and the function that reads them when the request is done.
func WithWaarschuwingen(ctx context.Context) (context.Context, func() []Waarschuwing) {
	w := &waarschuwingen{}
	return context.WithValue(ctx, waarschuwingenKey{}, w), func() []Waarschuwing {
		w.mu.Lock()
		defer w.mu.Unlock()
		return slices.Clone(w.list)
	}
}

// Waarschuw adds a warning to the request in ctx; without a collector (a
// CLI import, a test) it is dropped. Call it only after the change has
// committed, so that a retried transaction warns once and a failed one not
// at all; the same warning twice is kept once.
func Waarschuw(ctx context.Context, w Waarschuwing) {
	c, ok := ctx.Value(waarschuwingenKey{}).(*waarschuwingen)
	if !ok {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, have := range c.list {
		if have.Code == w.Code && have.Veld == w.Veld && have.Bericht == w.Bericht {
			return
		}
	}
	c.list = append(c.list, w)
}
