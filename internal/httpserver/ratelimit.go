package httpserver

import (
	"fmt"
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// codeTooManyRequests is extensions.code of a request refused by a rate
// limit, answered with HTTP 429 and Retry-After.
const codeTooManyRequests = "TOO_MANY_REQUESTS"

// limitPerIP refuses a client address over Options.LimitPerIP. The address
// is the one requestContext decided, so X-Forwarded-For counts only from a
// trusted proxy. Probes and /metrics are never limited: a monitor must not
// see a healthy service as down. It runs before the body is read and before
// authentication, so a client guessing tokens is limited too.
func (s *Server) limitPerIP(next http.Handler) http.Handler {
	l := s.opts.LimitPerIP
	if l == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case RouteHealthz, RouteReadyz, RouteMetrics:
			next.ServeHTTP(w, r)
			return
		}
		if ok, retry := l.Allow("ip:" + ipBucket(ClientIP(r.Context()))); !ok {
			if p, ok := s.opts.Web.(TooManyRequestsPage); ok && !isAPIPath(r.URL.Path) {
				// A person in a browser gets a page in the page's
				// language, not a GraphQL error.
				s.opts.Metrics.ObserveRateLimited("ip")
				w.Header().Set("Retry-After", strconv.Itoa(retrySeconds(retry)))
				p.ServeTooManyRequests(w, r, retry)
				return
			}
			s.tooManyRequests(w, r, "ip", retry,
				"Te veel verzoeken vanaf uw adres in korte tijd.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitPerKey refuses an API key, or a logged-in person, over
// Options.LimitPerKey. It runs after authentication, so only a valid
// credential has a bucket: nobody can use up another key's allowance by
// sending its id with a wrong secret. Anonymous requests are limited per
// address only.
func (s *Server) limitPerKey(next http.Handler) http.Handler {
	l := s.opts.LimitPerKey
	if l == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := kaart.ViewerFrom(r.Context())
		var key string
		switch {
		case v.SleutelID != "":
			key = "sleutel:" + v.SleutelID
		case v.GebruikerID != "":
			key = "gebruiker:" + v.GebruikerID
		default:
			next.ServeHTTP(w, r)
			return
		}
		if ok, retry := l.Allow(key); !ok {
			s.tooManyRequests(w, r, "key", retry,
				"Te veel verzoeken met deze API-sleutel of login in korte tijd.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// TooManyRequestsPage is implemented by an Options.Web that answers a
// page request over the per-address limit itself: with status 429 and a
// page in the page's language (Retry-After is already set). A Web without
// it gets no such request; the client gets the JSON error.
type TooManyRequestsPage interface {
	ServeTooManyRequests(w http.ResponseWriter, r *http.Request, retry time.Duration)
}

// isAPIPath reports whether path is answered in JSON, not with a page.
func isAPIPath(path string) bool {
	return path == RouteGraphQL || path == RouteSessie || strings.HasPrefix(path, "/admin/")
}

func retrySeconds(retry time.Duration) int {
	return max(1, int(math.Ceil(retry.Seconds())))
}

// tooManyRequests answers 429 with Retry-After in whole seconds, in the
// GraphQL error shape with code TOO_MANY_REQUESTS.
func (s *Server) tooManyRequests(w http.ResponseWriter, r *http.Request, limit string, retry time.Duration, why string) {
	secs := retrySeconds(retry)
	s.opts.Metrics.ObserveRateLimited(limit)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	wait := "1 seconde"
	if secs != 1 {
		wait = fmt.Sprintf("%d seconden", secs)
	}
	s.writeError(w, r, http.StatusTooManyRequests, codeTooManyRequests,
		why+" Wacht "+wait+" en probeer het dan opnieuw.")
}

// ipBucket is the rate-limit bucket of a client address: the address
// itself for IPv4, its /64 for IPv6, since one IPv6 client usually holds a
// whole /64 and could otherwise take a fresh bucket per request.
func ipBucket(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, err := a.Prefix(64)
	if err != nil {
		return a.String()
	}
	return p.String()
}
