package kaart_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// memSleutels is a SleutelStore in memory, for the domain logic only.
type memSleutels struct {
	mu      sync.Mutex
	keys    map[string]kaart.Sleutel
	hashes  map[string][]byte
	touches int
	err     error // returned by SleutelByID when set
}

func newMemSleutels() *memSleutels {
	return &memSleutels{keys: map[string]kaart.Sleutel{}, hashes: map[string][]byte{}}
}

func (m *memSleutels) CreateSleutel(_ context.Context, s kaart.Sleutel, hash []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.keys[s.ID]; ok {
		return kaart.Errorf(kaart.ECONFLICT, "bestaat al")
	}
	m.keys[s.ID] = s
	m.hashes[s.ID] = slices.Clone(hash)
	return nil
}

func (m *memSleutels) SleutelByID(_ context.Context, id string) (kaart.Sleutel, []byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return kaart.Sleutel{}, nil, m.err
	}
	s, ok := m.keys[id]
	if !ok {
		return kaart.Sleutel{}, nil, kaart.NotFound("sleutel", id)
	}
	return s, m.hashes[id], nil
}

func (m *memSleutels) ListSleutels(context.Context) ([]kaart.Sleutel, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []kaart.Sleutel
	for _, s := range m.keys {
		out = append(out, s)
	}
	return out, nil
}

func (m *memSleutels) RevokeSleutel(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.keys[id]
	if !ok {
		return kaart.NotFound("sleutel", id)
	}
	now := time.Now()
	s.Ingetrokken = &now
	m.keys[id] = s
	return nil
}

func (m *memSleutels) TouchSleutel(_ context.Context, id string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.keys[id]
	if !ok {
		return kaart.NotFound("sleutel", id)
	}
	s.LaatstGebruikt = &at
	m.keys[id] = s
	m.touches++
	return nil
}

func (m *memSleutels) RotateSleutel(_ context.Context, id string, hash []byte, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.keys[id]
	if !ok {
		return kaart.NotFound("sleutel", id)
	}
	if s.Ingetrokken != nil {
		return kaart.Errorf(kaart.ECONFLICT, "ingetrokken")
	}
	s.Geroteerd = &at
	m.keys[id] = s
	m.hashes[id] = slices.Clone(hash)
	return nil
}

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newSleutels() (*kaart.Sleutels, *memSleutels, *clock) {
	store := newMemSleutels()
	c := &clock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}
	return &kaart.Sleutels{Store: store, Now: c.now}, store, c
}

func TestCreateValidatesBinding(t *testing.T) {
	tests := []struct {
		name        string
		naam        string
		rol         kaart.Rol
		organisatie string
		gemeente    string
		gebieden    []string
		wantFields  []string // fields with errors; nil means success
	}{
		{"partner", "Buurtteam", kaart.Partner, "org-1", "", nil, nil},
		{"partner without organisatie", "Buurtteam", kaart.Partner, "", "", nil, []string{"organisatie"}},
		{"partner with gemeente", "Buurtteam", kaart.Partner, "org-1", "gm0344", nil, []string{"gemeente"}},
		{"regisseur", "Wijk Oost", kaart.Regisseur, "", "gm0344", []string{"wk034401"}, nil},
		{"regisseur without gebieden", "Wijk Oost", kaart.Regisseur, "", "gm0344", nil, []string{"gebieden"}},
		{"regisseur without anything", "Wijk Oost", kaart.Regisseur, "", "", nil, []string{"gemeente", "gebieden"}},
		{"regisseur with bad gebied", "Wijk Oost", kaart.Regisseur, "", "gm0344", []string{"wk 1"}, []string{"gebieden[0]"}},
		{"beheerder platform", "Platform", kaart.Beheerder, "", "", nil, nil},
		{"beheerder gemeente", "Utrecht", kaart.Beheerder, "", "gm0344", nil, nil},
		{"beheerder with organisatie", "Utrecht", kaart.Beheerder, "org-1", "", nil, []string{"organisatie"}},
		{"anoniem", "Iedereen", kaart.Anoniem, "", "", nil, []string{"rol"}},
		{"no name", "  ", kaart.Beheerder, "", "", nil, []string{"naam"}},
		{"long name", strings.Repeat("x", 101), kaart.Beheerder, "", "", nil, []string{"naam"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, store, _ := newSleutels()
			token, k, err := s.Create(context.Background(), tt.naam, tt.rol, tt.organisatie, tt.gemeente, tt.gebieden)
			if tt.wantFields == nil {
				if err != nil {
					t.Fatalf("Create() error = %v; want nil", err)
				}
				if !strings.HasPrefix(token, "sk_"+k.ID+"_") {
					t.Errorf("Create() token = %q; want prefix sk_%s_", token, k.ID)
				}
				if len(store.keys) != 1 {
					t.Errorf("store has %d keys; want 1", len(store.keys))
				}
				if h := store.hashes[k.ID]; len(h) != 32 || strings.Contains(token, string(h)) {
					t.Errorf("stored hash %x is not a sha256 digest", h)
				}
				return
			}
			var verrs kaart.ValidationErrors
			if !errors.As(err, &verrs) {
				t.Fatalf("Create() error = %v; want ValidationErrors", err)
			}
			var fields []string
			for _, e := range verrs {
				fields = append(fields, e.Field)
			}
			if !slices.Equal(fields, tt.wantFields) {
				t.Errorf("Create() error fields = %v; want %v", fields, tt.wantFields)
			}
			if token != "" || len(store.keys) != 0 {
				t.Errorf("Create() stored a key or returned a token despite errors")
			}
		})
	}
}

func TestAuthenticate(t *testing.T) {
	ctx := context.Background()
	s, store, c := newSleutels()
	token, k, err := s.Create(ctx, "Buurtteam Oost", kaart.Partner, "org-1", "", nil)
	if err != nil {
		t.Fatal(err)
	}

	v, err := s.Authenticate(ctx, token)
	if err != nil {
		t.Fatalf("Authenticate(valid) error = %v", err)
	}
	want := kaart.Viewer{Rol: kaart.Partner, Organisatie: "org-1", SleutelID: k.ID}
	if v.Rol != want.Rol || v.Organisatie != want.Organisatie || v.SleutelID != want.SleutelID {
		t.Errorf("Authenticate(valid) = %+v; want %+v", v, want)
	}
	if store.touches != 1 {
		t.Errorf("touches after first use = %d; want 1", store.touches)
	}

	// Within a minute the last use is not written again.
	c.t = c.t.Add(30 * time.Second)
	if _, err := s.Authenticate(ctx, token); err != nil {
		t.Fatal(err)
	}
	if store.touches != 1 {
		t.Errorf("touches after second use within a minute = %d; want 1", store.touches)
	}
	c.t = c.t.Add(31 * time.Second)
	if _, err := s.Authenticate(ctx, token); err != nil {
		t.Fatal(err)
	}
	if store.touches != 2 {
		t.Errorf("touches after a minute = %d; want 2", store.touches)
	}

	// Wrong, unknown and malformed tokens all give the same answer.
	id, secret, _ := strings.Cut(strings.TrimPrefix(token, "sk_"), "_")
	flipped := []byte(secret)
	if flipped[0] == 'A' {
		flipped[0] = 'B'
	} else {
		flipped[0] = 'A'
	}
	unknownID := strings.Repeat("0", len(id))
	bad := map[string]string{
		"wrong secret": "sk_" + id + "_" + string(flipped),
		"unknown id":   "sk_" + unknownID + "_" + secret,
		"no prefix":    strings.TrimPrefix(token, "sk_"),
		"truncated":    token[:len(token)-1],
		"empty":        "",
		"garbage":      "sk_zz_zz",
		"upper id":     "sk_" + strings.ToUpper(id) + "_" + secret,
	}
	var msgs []string
	for name, tok := range bad {
		_, err := s.Authenticate(ctx, tok)
		if code := kaart.ErrorCode(err); code != kaart.EUNAUTHENTICATED {
			t.Errorf("Authenticate(%s) code = %q; want %q", name, code, kaart.EUNAUTHENTICATED)
			continue
		}
		msgs = append(msgs, kaart.ErrorMessage(err))
	}
	slices.Sort(msgs)
	if len(slices.Compact(msgs)) != 1 {
		t.Errorf("Authenticate(bad tokens) gave different messages %q; want one", msgs)
	}

	// A revoked key stops working.
	if err := s.Revoke(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, token); kaart.ErrorCode(err) != kaart.EUNAUTHENTICATED {
		t.Errorf("Authenticate(revoked) error = %v; want UNAUTHENTICATED", err)
	}
	if err := s.Revoke(ctx, unknownID); kaart.ErrorCode(err) != kaart.ENOTFOUND {
		t.Errorf("Revoke(unknown) error = %v; want NOT_FOUND", err)
	}
}

func TestAuthenticateStoreUnavailable(t *testing.T) {
	ctx := context.Background()
	s, store, _ := newSleutels()
	token, _, err := s.Create(ctx, "Platform", kaart.Beheerder, "", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	store.err = kaart.Errorf(kaart.EUNAVAILABLE, "database weg")
	if _, err := s.Authenticate(ctx, token); kaart.ErrorCode(err) != kaart.EUNAVAILABLE {
		t.Errorf("Authenticate() with store down: code = %q; want %q", kaart.ErrorCode(err), kaart.EUNAVAILABLE)
	}
}

func TestParseRol(t *testing.T) {
	for in, want := range map[string]kaart.Rol{"partner": kaart.Partner, " Regisseur ": kaart.Regisseur, "BEHEERDER": kaart.Beheerder} {
		if got, ok := kaart.ParseRol(in); !ok || got != want {
			t.Errorf("ParseRol(%q) = %q, %v; want %q, true", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "anoniem", "admin"} {
		if got, ok := kaart.ParseRol(in); ok {
			t.Errorf("ParseRol(%q) = %q, true; want false", in, got)
		}
	}
}

func TestTokensAreUnique(t *testing.T) {
	s, _, _ := newSleutels()
	seen := map[string]bool{}
	for range 50 {
		token, _, err := s.Create(context.Background(), "k", kaart.Beheerder, "", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		if seen[token] {
			t.Fatalf("Create() returned token %q twice", token)
		}
		seen[token] = true
	}
}
