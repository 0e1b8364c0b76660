package kaart_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// signaal is a toegangsversie in memory, for the cache's own rules; the
// real one (and two replicas on it) is tested in internal/httpserver.
type signaal struct {
	mu     sync.Mutex
	versie int64
	err    error
	reads  int
}

func (s *signaal) ToegangVersie(context.Context) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reads++
	return s.versie, s.err
}

func (s *signaal) raise() { s.mu.Lock(); s.versie++; s.mu.Unlock() }

// countingStore counts key reads and can act in the middle of one.
type countingStore struct {
	*memSleutels
	reads  int
	during func()
}

func (c *countingStore) SleutelByID(ctx context.Context, id string) (kaart.Sleutel, []byte, error) {
	c.reads++
	if c.during != nil {
		c.during()
	}
	return c.memSleutels.SleutelByID(ctx, id)
}

func cachedSleutels(t *testing.T) (*kaart.Sleutels, *countingStore, *signaal, *clock, string, string) {
	t.Helper()
	keys, mem, c := newSleutels()
	store := &countingStore{memSleutels: mem}
	sig := &signaal{}
	keys.Store = store
	keys.Cache = &kaart.ToegangCache{Signaal: sig, Now: c.now}
	token, k, err := keys.Create(context.Background(), "cache", kaart.Beheerder, "", "gm0344", nil)
	if err != nil {
		t.Fatal(err)
	}
	return keys, store, sig, c, token, k.ID
}

func TestToegangCacheRefusesAfterTheSignalRises(t *testing.T) {
	keys, store, sig, c, token, id := cachedSleutels(t)
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if _, err := keys.Authenticate(ctx, token); err != nil {
			t.Fatal(err)
		}
	}
	if store.reads != 1 || sig.reads != 1 {
		t.Fatalf("3 requests read the key %d and the signal %d times; want 1 and 1", store.reads, sig.reads)
	}
	// Another process revokes the key: this one hears only the signal.
	if err := store.memSleutels.RevokeSleutel(ctx, id); err != nil {
		t.Fatal(err)
	}
	sig.raise()
	c.t = c.t.Add(kaart.DefaultToegangInterval)
	if _, err := keys.Authenticate(ctx, token); kaart.ErrorCode(err) != kaart.EUNAUTHENTICATED {
		t.Errorf("one interval after the revocation: %v; want UNAUTHENTICATED", err)
	}
}

func TestToegangCacheServesNothingWithoutTheSignal(t *testing.T) {
	keys, store, sig, _, token, id := cachedSleutels(t)
	ctx := context.Background()
	sig.err = errors.New("database away")
	for i := 0; i < 3; i++ {
		if _, err := keys.Authenticate(ctx, token); err != nil {
			t.Fatal(err)
		}
	}
	if store.reads != 3 {
		t.Errorf("without the signal, 3 requests read the key %d times; want 3 (nothing cached)", store.reads)
	}
	if err := store.memSleutels.RevokeSleutel(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := keys.Authenticate(ctx, token); kaart.ErrorCode(err) != kaart.EUNAUTHENTICATED {
		t.Errorf("revoked while the signal is away: %v; want UNAUTHENTICATED at once", err)
	}
}

// A lookup that began before a flush does not store what it read: it may
// have read the key just before its revocation.
func TestToegangCacheDropsALookupThatRacedAFlush(t *testing.T) {
	keys, store, _, _, token, _ := cachedSleutels(t)
	ctx := context.Background()
	store.during = keys.Cache.Flush
	if _, err := keys.Authenticate(ctx, token); err != nil {
		t.Fatal(err)
	}
	store.during = nil
	if _, err := keys.Authenticate(ctx, token); err != nil {
		t.Fatal(err)
	}
	if store.reads != 2 {
		t.Errorf("the key was read %d times; want 2: the first read raced a flush and must not be kept", store.reads)
	}
}

func TestToegangCacheHonoursExpiryWithoutARead(t *testing.T) {
	keys, mem, c := newSleutels()
	store := &countingStore{memSleutels: mem}
	keys.Store = store
	keys.Cache = &kaart.ToegangCache{Signaal: &signaal{}, Now: c.now, Interval: time.Hour}
	end := c.t.Add(10 * time.Second)
	token, _, err := keys.CreateAs(context.Background(), kaart.Viewer{Rol: kaart.Beheerder},
		kaart.NieuweSleutel{Naam: "kort", Rol: kaart.Beheerder, GeldigTot: &end})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := keys.Authenticate(context.Background(), token); err != nil {
		t.Fatal(err)
	}
	c.t = end
	if _, err := keys.Authenticate(context.Background(), token); kaart.ErrorCode(err) != kaart.EUNAUTHENTICATED {
		t.Errorf("at its GeldigTot: %v; want UNAUTHENTICATED", err)
	}
	if store.reads != 1 {
		t.Errorf("the key was read %d times; want 1: the cached expiry decides", store.reads)
	}
}
