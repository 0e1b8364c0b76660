package graph

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestGET(t *testing.T) {
	s := newTestServer(t, Options{})
	s.fixture()
	get := func(query string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/graphql?query="+url.QueryEscape(query), nil)
		rec := httptest.NewRecorder()
		s.handler.ServeHTTP(rec, req)
		return rec
	}
	if rec := get(`{ gebied(id: "gm") { naam } }`); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Utrecht") {
		t.Errorf("GET query = %d %s; want 200 with Utrecht", rec.Code, rec.Body)
	}
	if rec := get(`mutation { verwijderThema(id: "t1", versie: 1) }`); rec.Code == http.StatusOK && !strings.Contains(rec.Body.String(), "errors") {
		t.Errorf("GET mutation = %d %s; want refused", rec.Code, rec.Body)
	}
	if n := s.store.count("Delete"); n != 0 {
		t.Errorf("Delete called over GET")
	}
}

func TestPlayground(t *testing.T) {
	rec := httptest.NewRecorder()
	Playground("/graphql").ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/graphql", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "<html") {
		t.Errorf("Playground = %d; want an HTML page", rec.Code)
	}
}
