package ratelimit

import (
	"testing"
	"time"
)

func TestBurstThenRetryAfter(t *testing.T) {
	clock := time.Unix(1_700_000_000, 0)
	l := New(0.5, 3, func() time.Time { return clock })
	for i := 0; i < 3; i++ {
		if ok, _ := l.Allow("k"); !ok {
			t.Fatalf("request %d of the burst was refused", i+1)
		}
	}
	ok, wait := l.Allow("k")
	if ok {
		t.Fatal("fourth request in the same second was allowed")
	}
	if wait != 2*time.Second {
		t.Fatalf("Retry-After = %v, want 2s at 0.5 requests per second", wait)
	}
	if ok, _ := l.Allow("other"); !ok {
		t.Fatal("another key shares the bucket")
	}
	clock = clock.Add(2 * time.Second)
	if ok, _ := l.Allow("k"); !ok {
		t.Fatal("no token back after Retry-After")
	}
	l.Reset("k")
	for i := 0; i < 3; i++ {
		if ok, _ := l.Allow("k"); !ok {
			t.Fatalf("after Reset, request %d was refused", i+1)
		}
	}
}

func TestIdleBucketsAreForgotten(t *testing.T) {
	clock := time.Unix(1_700_000_000, 0)
	l := New(1, 1, func() time.Time { return clock })
	l.Allow("a")
	clock = clock.Add(2 * time.Minute)
	l.Allow("b")
	if _, ok := l.buckets["a"]; ok {
		t.Fatal("an idle, full bucket was kept")
	}
}
