package metrics_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/metrics"
)

func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 {
		t.Fatalf("GET /metrics = %d; want 200", rec.Code)
	}
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestMetricsExposition(t *testing.T) {
	m := metrics.New()
	m.ObserveHTTP("/graphql", "POST", 200, 20*time.Millisecond)
	m.ObserveHTTP("/graphql", "BREW", 401, time.Millisecond)
	m.ObserveGraphQLError("NOT_FOUND")
	m.ObserveGraphQLError("NOT_FOUND")
	m.ObserveGraphQLError("<script>")
	m.ObserveStatement("organisatie.list", 3*time.Millisecond, nil)
	m.ObserveStatement("organisatie.list", time.Millisecond, fmt.Errorf("list: %w", kaart.Errorf(kaart.EUNAVAILABLE, "weg")))
	m.ObserveStatement("ping", time.Millisecond, errors.New("boom"))
	done := m.RequestStarted()
	body := scrape(t, m)
	done()

	for _, want := range []string{
		`socialekaart_http_requests_total{method="POST",route="/graphql",status="200"} 1`,
		`socialekaart_http_requests_total{method="OTHER",route="/graphql",status="401"} 1`,
		`socialekaart_http_request_duration_seconds_count{method="POST",route="/graphql"} 1`,
		`socialekaart_http_requests_in_flight 1`,
		`socialekaart_graphql_errors_total{code="NOT_FOUND"} 2`,
		`socialekaart_graphql_errors_total{code="OTHER"} 1`,
		`socialekaart_neo4j_statements_total{outcome="ok",statement="organisatie.list"} 1`,
		`socialekaart_neo4j_statements_total{outcome="unavailable",statement="organisatie.list"} 1`,
		`socialekaart_neo4j_statements_total{outcome="error",statement="ping"} 1`,
		`socialekaart_neo4j_statement_duration_seconds_count{outcome="ok",statement="organisatie.list"} 1`,
		`go_goroutines `,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func TestNilMetricsRecordNothing(t *testing.T) {
	var m *metrics.Metrics
	m.ObserveHTTP("/healthz", "GET", 200, time.Millisecond)
	m.ObserveGraphQLError("INTERNAL")
	m.ObserveStatement("ping", time.Millisecond, nil)
	m.RequestStarted()()
}

func TestOutcome(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{nil, "ok"},
		{context.Canceled, "canceled"},
		{fmt.Errorf("run: %w", context.DeadlineExceeded), "timeout"},
		{kaart.NotFound("organisatie", "x"), "not_found"},
		{kaart.ValidationErrors{{Code: kaart.EINVALID}}, "bad_user_input"},
		{errors.New("driver says no"), "error"},
	}
	for _, tt := range tests {
		if got := metrics.Outcome(tt.err); got != tt.want {
			t.Errorf("Outcome(%v) = %q; want %q", tt.err, got, tt.want)
		}
	}
}

func TestRegistriesAreIndependent(t *testing.T) {
	a, b := metrics.New(), metrics.New()
	a.ObserveGraphQLError("CONFLICT")
	if strings.Contains(scrape(t, b), `code="CONFLICT"`) {
		t.Error("metrics of one instance show up in another")
	}
}
