package graph

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

func TestValidationErrorsOnePerField(t *testing.T) {
	s := newTestServer(t, Options{})
	s.viewer = beheerder
	r := s.do(t, `mutation { maakOrganisatie(input: {gemeente: "gm", naam: "  ", sector: ZORG, kvkNummer: "123"}) { id } }`)
	if len(r.Errors) != 2 {
		t.Fatalf("errors = %+v; want 2", r.Errors)
	}
	var fields []string
	for _, e := range r.Errors {
		if e.Extensions["code"] != kaart.EINVALID {
			t.Errorf("code = %v; want %s", e.Extensions["code"], kaart.EINVALID)
		}
		f, _ := e.Extensions["field"].(string)
		fields = append(fields, f)
		if len(e.Path) != 1 || e.Path[0] != "maakOrganisatie" {
			t.Errorf("path = %v; want [maakOrganisatie]", e.Path)
		}
	}
	slices.Sort(fields)
	if want := []string{"input.kvkNummer", "input.naam"}; !slices.Equal(fields, want) {
		t.Errorf("fields = %v; want %v", fields, want)
	}
	if !strings.HasPrefix(r.Errors[0].Message, "naam ") && !strings.HasPrefix(r.Errors[0].Message, "kvkNummer ") {
		t.Errorf("message = %q; want it to name the field", r.Errors[0].Message)
	}
	if s.store.count("Create") != 0 {
		t.Errorf("store.Create called for invalid input")
	}
}

func TestInternalErrorsAreHidden(t *testing.T) {
	s := newTestServer(t, Options{})
	s.fixture()
	secret := "Neo.ClientError.Statement.SyntaxError: MATCH (n:Organisatie) WHERE"
	s.store.err = errors.New(secret)
	r := s.do(t, `{ organisaties { edges { node { naam } } } }`)
	if len(r.Errors) != 1 {
		t.Fatalf("errors = %+v; want 1", r.Errors)
	}
	e := r.Errors[0]
	if e.Extensions["code"] != kaart.EINTERNAL || e.Message != kaart.ErrorMessage(nil) {
		t.Errorf("error = %+v; want INTERNAL with the generic message", e)
	}
	if strings.Contains(e.Message, "MATCH") {
		t.Errorf("message leaks Cypher: %q", e.Message)
	}
	if !strings.Contains(s.logs.String(), "MATCH (n:Organisatie)") {
		t.Errorf("log = %q; want the internal error logged", s.logs.String())
	}
}

func TestInternalErrorOfAGroupIsLoggedOnce(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, id := range []string{"o1", "o2", "o3"} {
		s.store.add("Organisatie", id, "naam", id, "sector", "ZORG")
	}
	s.store.errOn["Neighbours"] = errors.New("verbinding verbroken")
	r := s.do(t, `{ organisaties { edges { node { naam functies { titel } } } } }`)
	if len(r.Errors) != 3 {
		t.Fatalf("errors = %+v; want one per organisatie", r.Errors)
	}
	if n := strings.Count(s.logs.String(), "verbinding verbroken"); n != 1 {
		t.Errorf("logged %d times; want once", n)
	}
}

func TestDomainErrorCodes(t *testing.T) {
	s := newTestServer(t, Options{})
	s.viewer = beheerder
	s.store.deleteE = &kaart.Error{Code: kaart.ECONFLICT, Message: "Andere records hangen hiervan af.", Afhankelijk: []string{"f1", "f2"}}
	r := s.do(t, `mutation { verwijderOrganisatie(id: "o1", versie: 3) }`)
	if len(r.Errors) != 1 {
		t.Fatalf("errors = %+v; want 1", r.Errors)
	}
	e := r.Errors[0]
	if e.Extensions["code"] != kaart.ECONFLICT || e.Message != "Andere records hangen hiervan af." {
		t.Errorf("error = %+v; want CONFLICT", e)
	}
	if got, _ := e.Extensions["afhankelijk"].([]any); len(got) != 2 || got[0] != "f1" {
		t.Errorf("afhankelijk = %v; want [f1 f2]", e.Extensions["afhankelijk"])
	}

	s.viewer = kaart.Viewer{}
	r = s.do(t, `mutation { verwijderOrganisatie(id: "o1", versie: 3) }`)
	if got := r.codes(); !slices.Equal(got, []string{kaart.EUNAUTHENTICATED}) {
		t.Errorf("anonymous delete: codes = %v; want [%s]", got, kaart.EUNAUTHENTICATED)
	}

	r = s.do(t, `{ organisaties(first: 101) { edges { cursor } } }`)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.EINVALID || r.Errors[0].Extensions["field"] != "first" {
		t.Errorf("first: 101: errors = %+v; want BAD_USER_INPUT on first", r.Errors)
	}
	r = s.do(t, `{ organisaties(after: "niet-een-cursor!") { edges { cursor } } }`)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["field"] != "after" {
		t.Errorf("bad cursor: errors = %+v; want BAD_USER_INPUT on after", r.Errors)
	}
}

func TestPanicIsInternal(t *testing.T) {
	s := newTestServer(t, Options{})
	s.store.panics = true
	r := s.do(t, `{ organisatie(id: "o1") { naam } }`)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.EINTERNAL || r.Errors[0].Message != kaart.ErrorMessage(nil) {
		t.Errorf("errors = %+v; want one INTERNAL", r.Errors)
	}
	if !strings.Contains(s.logs.String(), "kapot") {
		t.Errorf("panic not logged: %q", s.logs.String())
	}
}

func TestGraphQLErrorsKeepTheirCodes(t *testing.T) {
	s := newTestServer(t, Options{})
	for query, code := range map[string]string{
		`{ bestaatNiet }`:                  "GRAPHQL_VALIDATION_FAILED",
		`{ organisatie(id: "o1") { naam }`: "GRAPHQL_PARSE_FAILED",
		`{ organisaties(filter: {sector: NEE}) { edges { cursor } } }`: "GRAPHQL_VALIDATION_FAILED",
	} {
		r := s.do(t, query)
		if got := r.codes(); !slices.Equal(got, []string{code}) {
			t.Errorf("%s: codes = %v; want [%s]", query, got, code)
		}
	}
}

func TestBadDatumIsUserInput(t *testing.T) {
	s := newTestServer(t, Options{})
	s.viewer = beheerder
	r := s.do(t, `mutation { maakThema(input: {gemeente: "gm", naam: "Armoede", geldigVan: "31-01-2024"}) { id } }`)
	if got := r.codes(); !slices.Equal(got, []string{kaart.EINVALID}) {
		t.Errorf("codes = %v (%+v); want [%s]", got, r.Errors, kaart.EINVALID)
	}
	if len(r.Errors) == 1 {
		e := r.Errors[0]
		if e.Extensions["field"] != "input.geldigVan" || !strings.HasPrefix(e.Message, "geldigVan ") || len(e.Path) != 1 {
			t.Errorf("error = %+v; want field input.geldigVan on path [maakThema]", e)
		}
	}
}
