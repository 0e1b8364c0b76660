// Package ratelimit keeps one token bucket per key (an API key, a client IP,
// a login name) in memory. It is what answers 429 with Retry-After; one
// process holds its own buckets, so behind several replicas each replica
// limits on its own.
package ratelimit

import (
	"math"
	"sync"
	"time"
)

// Limiter allows Burst requests at once per key and refills at Rate per
// second. The zero value is not usable; use New.
type Limiter struct {
	rate  float64
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	sweep   time.Time
}

type bucket struct {
	tokens float64
	seen   time.Time
}

// New returns a limiter of rate requests per second with bursts of burst.
// now may be nil (time.Now); tests pass a fake clock.
func New(rate float64, burst int, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	if burst < 1 {
		burst = 1
	}
	return &Limiter{rate: rate, burst: float64(burst), now: now, buckets: map[string]*bucket{}}
}

// Allow takes one token from key's bucket. When the bucket is empty it
// returns false and how long until a token is back, rounded up to whole
// seconds as Retry-After wants.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.forgetIdle(now)
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: l.burst, seen: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.seen).Seconds()*l.rate)
	b.seen = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	seconds := math.Ceil((1 - b.tokens) / l.rate)
	return false, time.Duration(seconds) * time.Second
}

// Reset forgets key, for example after a successful login.
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.buckets, key)
}

// forgetIdle drops full buckets once a minute, so that memory follows the
// number of active clients rather than every address ever seen.
func (l *Limiter) forgetIdle(now time.Time) {
	if now.Sub(l.sweep) < time.Minute {
		return
	}
	l.sweep = now
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.seen).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}
