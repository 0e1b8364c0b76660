// Package metrics holds the service's Prometheus metrics on a registry of
// its own, so that nothing registers globally and tests can make as many as
// they like.
package metrics

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

const namespace = "socialekaart"

// Metrics records what the service does. The zero value is not usable; use
// New. A nil *Metrics is valid and records nothing, so callers need no checks.
type Metrics struct {
	registry *prometheus.Registry

	httpRequests *prometheus.CounterVec
	httpDuration *prometheus.HistogramVec
	httpInFlight prometheus.Gauge

	graphqlErrors *prometheus.CounterVec
	rateLimited   *prometheus.CounterVec

	statements        *prometheus.CounterVec
	statementDuration *prometheus.HistogramVec
}

// New returns metrics registered on a fresh registry together with the Go
// runtime and process collectors.
func New() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace,
			Subsystem: "http",
			Name:      "requests_total",
			Help:      "HTTP requests by route, method and status code.",
		}, []string{"route", "method", "status"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace,
			Subsystem: "http",
			Name:      "request_duration_seconds",
			Help:      "Time from reading the request to writing the last byte of the response, by route and method.",
			Buckets:   []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "method"}),
		httpInFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: namespace,
			Subsystem: "http",
			Name:      "requests_in_flight",
			Help:      "HTTP requests being served.",
		}),
		graphqlErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace,
			Subsystem: "graphql",
			Name:      "errors_total",
			Help:      "GraphQL errors returned to clients, by extensions.code.",
		}, []string{"code"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace,
			Subsystem: "http",
			Name:      "rate_limited_total",
			Help:      "Requests refused with 429 by a rate limit, by limit (ip or key).",
		}, []string{"limit"}),
		statements: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace,
			Subsystem: "neo4j",
			Name:      "statements_total",
			Help:      "Statements sent to Neo4j (round trips), by statement name and outcome.",
		}, []string{"statement", "outcome"}),
		statementDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace,
			Subsystem: "neo4j",
			Name:      "statement_duration_seconds",
			Help:      "Neo4j round-trip latency, by statement name and outcome.",
			Buckets:   []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"statement", "outcome"}),
	}
	m.registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.httpRequests, m.httpDuration, m.httpInFlight,
		m.graphqlErrors, m.rateLimited,
		m.statements, m.statementDuration,
	)
	return m
}

// Registry returns the registry, for tests and for adding collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.registry }

// Handler serves the metrics in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{
		Registry:      m.registry,
		ErrorHandling: promhttp.ContinueOnError,
	})
}

// RequestStarted counts a request in flight; call the returned func when it ends.
func (m *Metrics) RequestStarted() func() {
	if m == nil {
		return func() {}
	}
	m.httpInFlight.Inc()
	return m.httpInFlight.Dec
}

// ObserveHTTP records one finished request. route must come from a fixed
// set (the server's routes, or "other"), never from the raw path.
func (m *Metrics) ObserveHTTP(route, method string, status int, d time.Duration) {
	if m == nil {
		return
	}
	method = normalizeMethod(method)
	m.httpRequests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.httpDuration.WithLabelValues(route, method).Observe(d.Seconds())
}

// ObserveGraphQLError counts one error in a GraphQL response by its
// extensions.code (kaart error codes, or gqlgen's own such as
// GRAPHQL_VALIDATION_FAILED). Codes that do not look like codes count as
// "OTHER", so a client cannot create label values.
func (m *Metrics) ObserveGraphQLError(code string) {
	if m == nil {
		return
	}
	m.graphqlErrors.WithLabelValues(normalizeCode(code)).Inc()
}

// ObserveRateLimited counts one request refused by a rate limit; limit is
// "ip" or "key".
func (m *Metrics) ObserveRateLimited(limit string) {
	if m == nil {
		return
	}
	m.rateLimited.WithLabelValues(limit).Inc()
}

// ObserveStatement records one Neo4j round trip. Its signature matches
// neo4j.Config.OnStatement. name must be one of the store's fixed statement
// names.
func (m *Metrics) ObserveStatement(name string, d time.Duration, err error) {
	if m == nil {
		return
	}
	outcome := Outcome(err)
	m.statements.WithLabelValues(name, outcome).Inc()
	m.statementDuration.WithLabelValues(name, outcome).Observe(d.Seconds())
}

// Outcome names how an operation ended: "ok", "canceled", "timeout", the
// lower-case kaart error code ("not_found", "conflict", "unavailable", …),
// or "error" for anything else.
func Outcome(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	}
	var e *kaart.Error
	if errors.As(err, &e) {
		return strings.ToLower(normalizeCode(e.Code))
	}
	var v kaart.ValidationErrors
	if errors.As(err, &v) {
		return strings.ToLower(kaart.EINVALID)
	}
	return "error"
}

func normalizeCode(code string) string {
	if code == "" {
		return kaart.EINTERNAL
	}
	if len(code) > 40 {
		return "OTHER"
	}
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r == '_' || r >= '0' && r <= '9') {
			return "OTHER"
		}
	}
	return code
}

func normalizeMethod(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return method
	}
	return "OTHER"
}

// ObserveToegangCache exports a credential cache's counts (kaart.ToegangCache):
// how often a request looked for its API key or session there, and how often
// it was found, so needed no read of Neo4j.
func (m *Metrics) ObserveToegangCache(stats func() kaart.ToegangStats) {
	if m == nil || stats == nil {
		return
	}
	m.registry.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Namespace: namespace, Subsystem: "toegang", Name: "cache_lookups_total",
			Help: "Requests with an API key or session that looked for it in the credential cache.",
		}, func() float64 { return float64(stats().Lookups) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Namespace: namespace, Subsystem: "toegang", Name: "cache_hits_total",
			Help: "Requests whose API key or session was found in the credential cache (no read of Neo4j).",
		}, func() float64 { return float64(stats().Hits) }),
	)
}
