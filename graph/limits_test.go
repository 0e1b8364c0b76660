package graph

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"
)

// fixture: a gemeente with a coalitie whose member organisation has a phone.
func (s *testServer) fixture() {
	st := s.store
	st.add("Gebied", "gm", "naam", "Utrecht", "soort", "GEMEENTE")
	st.add("Coalitie", "c1", "naam", "Wijkalliantie", "soort", "VAST")
	st.link("BEDIENT", "c1", "gm")
	st.add("Organisatie", "o1", "naam", "Buurtteam", "sector", "WELZIJN")
	st.add("Contactgegeven", "cg1", "soort", "TELEFOON", "waarde", "+31301234567")
	st.link("HEEFT_CONTACT", "o1", "cg1")
	st.link("LID_VAN", "o1", "c1", "niveau", "FRONTLIJN")
}

const nestedQuery = `{ gebied(id: "gm") { coalities { leden { lid { ... on Organisatie { naam contactgegevens { waarde } } } } } } }`

func nestOuder(depth int) string {
	// gebied + (depth-2) × ouder + naam
	return `{ gebied(id: "gm") { ` + strings.Repeat("ouder { ", depth-2) + "naam" + strings.Repeat(" }", depth-2) + " } }"
}

func aliases(n int) string {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range n {
		fmt.Fprintf(&b, `a%d: gebied(id: "gm") { naam } `, i)
	}
	b.WriteString("}")
	return b.String()
}

// withTokens returns a query of exactly n tokens: a list default value of
// an unused variable, which gqlparser reports only after the limits.
func withTokens(t *testing.T, n int) string {
	t.Helper()
	q := func(items int) string {
		return `query($x: [Int] = [` + strings.Repeat("1 ", items) + `]) { gebied(id: "gm") { naam } }`
	}
	count := func(s string) int {
		lx := lexer.New(&ast.Source{Input: s})
		for c := 0; ; c++ {
			tok, err := lx.ReadToken()
			if err != nil {
				t.Fatal(err)
			}
			if tok.Kind == lexer.EOF {
				return c
			}
		}
	}
	s := q(n - count(q(0)))
	if got := count(s); got != n {
		t.Fatalf("query has %d tokens; want %d", got, n)
	}
	return s
}

func TestLimitsTokens(t *testing.T) {
	s := newTestServer(t, Options{})
	r := s.do(t, withTokens(t, 10000))
	if len(r.Errors) != 1 || r.codes()[0] != "GRAPHQL_VALIDATION_FAILED" {
		t.Errorf("10000 tokens: errors = %+v; want only the unused variable", r.Errors)
	}
	r = s.do(t, withTokens(t, 10001))
	if r.Status != 422 || len(r.Errors) != 1 || r.codes()[0] != CodeTooComplex {
		t.Errorf("10001 tokens: status %d, errors %+v; want 422 %s", r.Status, r.Errors, CodeTooComplex)
	}
}

func TestLimits(t *testing.T) {
	tests := []struct {
		name   string
		query  string
		vars   []any
		refuse bool
	}{
		{"nested query", nestedQuery, nil, false},
		{"depth 12", nestOuder(12), nil, false},
		{"depth 13", nestOuder(13), nil, true},
		{"depth 13 through a fragment", `{ gebied(id: "gm") { ...F } } fragment F on Gebied { ` + strings.Repeat("ouder { ", 11) + "naam" + strings.Repeat(" }", 11) + " }", nil, true},
		{"30 aliases", aliases(30), nil, false},
		{"31 aliases", aliases(31), nil, true},
		{"page of 100 with a nested list", `{ organisaties(first: 100) { edges { node { naam functies { titel } } } } }`, nil, false},
		{"100 × nested × nested", `{ organisaties(first: 100) { edges { node { functies { bekleedDoor { functies { titel } } } } } } }`, nil, true},
		{"100 × nested × nested through a variable", `query($n: Int) { organisaties(first: $n) { edges { node { functies { bekleedDoor { naam } } } } } }`, []any{"n", 100}, true},
		{"5 × nested × nested through a variable", `query($n: Int) { organisaties(first: $n) { edges { node { functies { bekleedDoor { naam } } } } } }`, []any{"n", 5}, false},
		{"three nested lists of the default page size", `{ coalities { edges { node { leden { lid { ... on Organisatie { functies { bekleedDoor { contactgegevens { waarde } } } } } } } } } }`, nil, true},
		{"1000 fields", `{ gebied(id: "gm") { ` + strings.Repeat("naam ", 999) + "} }", nil, false},
		{"1001 fields", `{ gebied(id: "gm") { ` + strings.Repeat("naam ", 1000) + "} }", nil, true},
		{"1001 fields in fragments", `{ gebied(id: "gm") { ...A ...B } } fragment A on Gebied { ` + strings.Repeat("naam ", 500) + "} fragment B on Gebied { " + strings.Repeat("naam ", 500) + "}", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, Options{})
			s.fixture()
			r := s.do(t, tt.query, tt.vars...)
			if !tt.refuse {
				if len(r.Errors) > 0 {
					t.Fatalf("errors = %+v; want none", r.Errors)
				}
				return
			}
			if r.Status != 422 || len(r.Errors) != 1 || r.codes()[0] != CodeTooComplex {
				t.Fatalf("status %d, errors %+v; want 422 with one %s", r.Status, r.Errors, CodeTooComplex)
			}
			if r.Data != nil {
				t.Errorf("data = %v; want none", r.Data)
			}
			if n := s.store.total(); n != 0 {
				t.Errorf("store calls = %d (%v); want 0 for a refused query", n, s.store.calls)
			}
		})
	}
}

func TestLimitsFragmentExplosion(t *testing.T) {
	// Each fragment spreads the next twice: 2^40 fields when expanded.
	var b strings.Builder
	b.WriteString(`{ gebied(id: "gm") { ...F0 } }`)
	for i := range 40 {
		fmt.Fprintf(&b, " fragment F%d on Gebied { naam ...F%d ...F%d }", i, i+1, i+1)
	}
	b.WriteString(" fragment F40 on Gebied { naam }")
	s := newTestServer(t, Options{})
	start := time.Now()
	r := s.do(t, b.String())
	if len(r.Errors) != 1 || r.codes()[0] != CodeTooComplex {
		t.Fatalf("errors = %+v; want one %s", r.Errors, CodeTooComplex)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("refusing took %v", d)
	}
}

func TestLimitsIntrospection(t *testing.T) {
	q := `{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } }`
	s := newTestServer(t, Options{})
	if r := s.do(t, q); len(r.Errors) == 0 {
		t.Errorf("introspection allowed by default; want it off")
	}
	s = newTestServer(t, Options{Introspection: true})
	if r := s.do(t, q); len(r.Errors) > 0 {
		t.Errorf("introspection errors = %+v; want none", r.Errors)
	}
}

func TestOptionsDefaults(t *testing.T) {
	got := Options{}.withDefaults()
	want := Options{MaxDepth: 12, MaxAliases: 30, MaxTokens: 10000, MaxFields: 1000, ComplexityLimit: 5000, NestedListSize: 10, MaxResponseBytes: DefaultMaxResponseBytes}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Options{}.withDefaults() = %+v; want %+v", got, want)
	}
}

// TestLimitsEveryOperationAndFragment: gqlparser validates the whole
// document, so the limits measure every operation and fragment in it, not
// only the operation that runs, and refuse a fragment cycle themselves.
func TestLimitsEveryOperationAndFragment(t *testing.T) {
	var laughs strings.Builder
	for i := range 40 {
		fmt.Fprintf(&laughs, " fragment F%d on Gebied { naam ...F%d ...F%d }", i, i+1, i+1)
	}
	laughs.WriteString(" fragment F40 on Gebied { naam }")
	tests := []struct {
		name, query, op, code, msg string
	}{
		{"fan-out in the operation that does not run", `query A { gebied(id: "gm") { naam } } query B { gebied(id: "gm") { ...F0 } }` + laughs.String(), "A", CodeTooComplex, "te groot"},
		{"fan-out in an unused fragment", `{ gebied(id: "gm") { naam } }` + laughs.String(), "", CodeTooComplex, "te groot"},
		{"cycle", `{ gebied(id: "gm") { ...A } } fragment A on Gebied { ...B } fragment B on Gebied { ...A }`, "", "GRAPHQL_VALIDATION_FAILED", `"A" gebruikt zichzelf`},
		{"cycle in an unused fragment", `{ gebied(id: "gm") { naam } } fragment A on Gebied { naam ...A }`, "", "GRAPHQL_VALIDATION_FAILED", `"A" gebruikt zichzelf`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, Options{})
			s.fixture()
			r := s.doOperation(t, tt.query, tt.op)
			if r.Status != 422 || len(r.Errors) != 1 || r.codes()[0] != tt.code || !strings.Contains(r.Errors[0].Message, tt.msg) {
				t.Fatalf("status %d, errors %+v; want 422 with one %s containing %q", r.Status, r.Errors, tt.code, tt.msg)
			}
			if n := s.store.total(); n != 0 {
				t.Errorf("store calls = %d; want 0 for a refused query", n)
			}
		})
	}
}
