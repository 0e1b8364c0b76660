package kaart

import (
	"context"
	"crypto/sha256"
	"sync"
	"time"
)

// Verifying an API key or a login session costs a read of the credential
// and a read of what its binding reaches (ResolveViewer). ToegangCache
// keeps the viewer of a credential that was verified, so that the next
// requests with it need no read at all, and still refuses a credential on
// every replica within one Interval of its revocation:
//
//   - the store keeps one counter, the toegangsversie, raised in the same
//     transaction as every change that can refuse a credential or narrow
//     what it reaches: a key revoked or rotated, a session ended, a person
//     removed or given another role, a change to an organisation tree
//     (ONDERDEEL_VAN) or a gebied tree (DEEL_VAN, OMVAT, a gebied or
//     organisatie made, changed or removed), an import or reset;
//   - a cached viewer is used only while the version was read less than
//     Interval ago. Otherwise the request first reads the version (one tiny
//     read, at most once per Interval per process; concurrent requests
//     share it) and, when it changed, every cached viewer is dropped;
//   - so a request that starts Interval after the revoking transaction
//     committed reads a newer version than any entry was cached under, and
//     verifies the credential again;
//   - an entry filled by a lookup that began before a flush is not stored,
//     so a lookup racing a revocation cannot bring the old viewer back;
//   - the credential's own end (a key's GeldigTot, a session's Verloopt)
//     is judged from the entry, without a read;
//   - an entry lives at most MaxAge, after which the credential is
//     verified again (which also records its last use, once a minute).
//
// When the version cannot be read, nothing is served from the cache: the
// request verifies its credential as without a cache (and fails as it
// would when the store is away). Entries are keyed by the SHA-256 of the
// token, never the token itself, and only valid credentials are kept.
type ToegangCache struct {
	Signaal ToegangSignaal
	// Interval is how old the version may be before a cached viewer is
	// used (DefaultToegangInterval when 0).
	Interval time.Duration
	// MaxAge bounds the life of one entry (DefaultToegangMaxAge when 0).
	MaxAge time.Duration
	// MaxEntries bounds the cache; when full, new credentials are not
	// cached (DefaultToegangMaxEntries when 0).
	MaxEntries int
	Now        func() time.Time

	check sync.Mutex // one version read at a time

	mu      sync.Mutex
	versie  int64
	known   bool      // versie has been read
	checked time.Time // when the read of versie began
	gen     uint64    // raised on every flush
	entries map[[32]byte]toegangEntry

	lookups, hits uint64
}

// ToegangSignaal is the store's toegangsversie; see ToegangCache.
type ToegangSignaal interface {
	ToegangVersie(ctx context.Context) (int64, error)
}

// Defaults of ToegangCache.
const (
	DefaultToegangInterval   = time.Second
	DefaultToegangMaxAge     = time.Minute
	DefaultToegangMaxEntries = 10000
)

type toegangSoort int

const (
	toegangSleutel toegangSoort = iota + 1
	toegangSessie
)

type toegangEntry struct {
	soort  toegangSoort
	viewer Viewer
	sessie Sessie
	// einde is when the credential stops working by itself; zero for never.
	einde   time.Time
	sleutel Sleutel // for the message of an expired key
	gevuld  time.Time
}

func (c *ToegangCache) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *ToegangCache) interval() time.Duration {
	return orDuration(c.Interval, DefaultToegangInterval)
}

// cacheKey is how a token is known to the cache.
func cacheKey(soort toegangSoort, token string) [32]byte {
	h := sha256.New()
	h.Write([]byte{byte(soort)})
	h.Write([]byte(token))
	var k [32]byte
	copy(k[:], h.Sum(nil))
	return k
}

// fresh makes sure the version was read less than Interval ago, reading it
// when not. It reports false when the version could not be read.
func (c *ToegangCache) fresh(ctx context.Context) bool {
	c.mu.Lock()
	ok := c.known && c.now().Sub(c.checked) < c.interval()
	c.mu.Unlock()
	if ok {
		return true
	}
	c.check.Lock()
	defer c.check.Unlock()
	c.mu.Lock()
	ok = c.known && c.now().Sub(c.checked) < c.interval()
	c.mu.Unlock()
	if ok {
		return true // another request read it meanwhile
	}
	begin := c.now()
	v, err := c.Signaal.ToegangVersie(ctx)
	if err != nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.known || v != c.versie {
		c.flushLocked()
	}
	c.versie, c.known, c.checked = v, true, begin
	return true
}

func (c *ToegangCache) flushLocked() {
	c.gen++
	c.entries = nil
}

// Flush drops every cached viewer, for a change made by this process.
func (c *ToegangCache) Flush() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.flushLocked()
	c.mu.Unlock()
}

// get returns the entry of key when it may be used, and the generation a
// lookup's result must be stored under.
func (c *ToegangCache) get(ctx context.Context, soort toegangSoort, token string) (toegangEntry, bool, uint64) {
	key := cacheKey(soort, token)
	if !c.fresh(ctx) {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.lookups++
		// Unknown version: no entry may be used or stored (generation 0
		// is never current: the first read of the version flushes).
		return toegangEntry{}, false, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lookups++
	e, ok := c.entries[key]
	if ok && e.soort == soort && c.now().Sub(e.gevuld) < orDuration(c.MaxAge, DefaultToegangMaxAge) {
		c.hits++
		return e, true, c.gen
	}
	if ok {
		delete(c.entries, key)
	}
	return toegangEntry{}, false, c.gen
}

// put stores the entry of a verified credential, unless the cache was
// flushed since the lookup began (gen).
func (c *ToegangCache) put(soort toegangSoort, token string, e toegangEntry, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == 0 || gen != c.gen {
		return
	}
	if c.entries == nil {
		c.entries = map[[32]byte]toegangEntry{}
	}
	if len(c.entries) >= orInt(c.MaxEntries, DefaultToegangMaxEntries) {
		return
	}
	e.soort = soort
	c.entries[cacheKey(soort, token)] = e
}

// forget drops the entry of one token.
func (c *ToegangCache) forget(soort toegangSoort, token string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, cacheKey(soort, token))
}

// ToegangStats is how often a credential was looked for in the cache and
// found there.
type ToegangStats struct{ Lookups, Hits uint64 }

// Stats returns the counts so far.
func (c *ToegangCache) Stats() ToegangStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return ToegangStats{Lookups: c.lookups, Hits: c.hits}
}

func orInt(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}
