package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/socialekaart/socialekaart/graph"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// These tests hold the GraphQL API to the visibility rule against the real
// Neo4j: an anonymous viewer never learns of a PARTNERS or INTERN record,
// whichever way it asks. Each test imports its own small kaart into a
// gemeente of its own.

// kaartje is the small kaart of one test. Its organisaties, by name (the
// sort order):
//
//	A Open          OPENBAAR  the partner's own organisation
//	B Partners      PARTNERS
//	C Intern        INTERN
//	D Open          OPENBAAR  stewarded by C, so its beheerder is hidden
//	E Partners      PARTNERS
//	F Open          OPENBAAR  onderdeel van A
//	G Intern        INTERN    onderdeel van A
//	H Intern eigen  INTERN    stewarded by A
//	Z Intern        INTERN    last, so that no page after F is announced
//
// A has three phone numbers, one of each zichtbaarheid. C has one marked
// OPENBAAR (tel-c), which is INTERN like C: nothing is more visible than
// what it belongs to. Coalitie "Open"
// (OPENBAAR) has leden A, B, C, and D through an INTERN membership;
// coalitie "Intern" is INTERN.
type kaartje struct {
	gm      string
	store   *neo4j.Store
	handler http.Handler
}

func (k *kaartje) id(s string) string { return k.gm + "-" + s }

// ids maps short names to the kaartje's ids.
func (k *kaartje) ids(short ...string) []string {
	out := make([]string, len(short))
	for i, s := range short {
		out[i] = k.id(s)
	}
	return out
}

func newKaartje(t *testing.T) *kaartje {
	t.Helper()
	s := neo4jtest.Open(t)
	k := &kaartje{gm: neo4jtest.Gemeente(t, s), store: s}
	doc := &kaart.Export{Formaat: kaart.ExportFormat, Versie: kaart.ExportVersion}
	rec := func(typ, id string, props map[string]any) {
		props["id"] = k.id(id)
		props["gemeente"] = k.gm
		doc.Records = append(doc.Records, kaart.ExportRecord{Type: typ, Eigenschappen: props})
	}
	link := func(typ, van, naar string, props map[string]any) {
		props["id"] = k.id(fmt.Sprintf("k%d", len(doc.Koppelingen)))
		props["gemeente"] = k.gm // as an export has it
		doc.Koppelingen = append(doc.Koppelingen, kaart.ExportKoppeling{Type: typ, Van: k.id(van), Naar: k.id(naar), Eigenschappen: props})
	}
	org := func(id, naam, zicht string, extra ...string) {
		p := map[string]any{"naam": naam, "sector": "WELZIJN", "zichtbaarheid": zicht}
		for i := 0; i+1 < len(extra); i += 2 {
			p[extra[i]] = k.id(extra[i+1])
		}
		rec("Organisatie", id, p)
	}
	org("a", "A Open", "OPENBAAR")
	org("b", "B Partners", "PARTNERS")
	org("c", "C Intern", "INTERN")
	org("d", "D Open", "OPENBAAR", "beheerder", "c")
	org("e", "E Partners", "PARTNERS")
	org("f", "F Open", "OPENBAAR")
	org("g", "G Intern", "INTERN")
	org("h", "H Intern eigen", "INTERN", "beheerder", "a")
	org("z", "Z Intern", "INTERN")
	link("ONDERDEEL_VAN", "f", "a", map[string]any{})
	link("ONDERDEEL_VAN", "g", "a", map[string]any{})
	for i, zicht := range []string{"OPENBAAR", "PARTNERS", "INTERN"} {
		tel := "tel-" + strings.ToLower(zicht)
		rec("Contactgegeven", tel, map[string]any{"soort": "TELEFOON", "waarde": fmt.Sprintf("030 123 45%02d", i), "zichtbaarheid": zicht})
		link("HEEFT_CONTACT", "a", tel, map[string]any{})
	}
	rec("Contactgegeven", "tel-c", map[string]any{"soort": "TELEFOON", "waarde": "030 123 4599", "zichtbaarheid": "OPENBAAR"})
	link("HEEFT_CONTACT", "c", "tel-c", map[string]any{})
	rec("Coalitie", "coa-open", map[string]any{"naam": "Coalitie Open", "soort": "VAST", "zichtbaarheid": "OPENBAAR"})
	rec("Coalitie", "coa-intern", map[string]any{"naam": "Coalitie Intern", "soort": "VAST", "zichtbaarheid": "INTERN"})
	link("LID_VAN", "a", "coa-open", map[string]any{"niveau": "BESTUURLIJK"})
	link("LID_VAN", "b", "coa-open", map[string]any{"niveau": "MANAGERIAL"})
	link("LID_VAN", "c", "coa-open", map[string]any{"niveau": "FRONTLIJN"})
	link("LID_VAN", "d", "coa-open", map[string]any{"niveau": "FRONTLIJN", "zichtbaarheid": "INTERN"})
	if err := s.Import(context.Background(), doc); err != nil {
		t.Fatalf("Import: %v", err)
	}
	return k
}

var anonymousCtx = context.Background()

func (k *kaartje) partner() context.Context {
	return kaart.WithViewer(context.Background(), kaart.Viewer{Rol: kaart.Partner, Organisatie: k.id("a"), SleutelID: "test"})
}

func (k *kaartje) beheerder() context.Context {
	return kaart.WithViewer(context.Background(), kaart.Viewer{Rol: kaart.Beheerder, Gemeente: k.gm, SleutelID: "test"})
}

// query runs q with $gm set and fails the test on any error.
func (k *kaartje) query(t *testing.T, ctx context.Context, q string, vars map[string]any) map[string]json.RawMessage {
	t.Helper()
	r := k.do(t, ctx, q, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("query %s: errors %+v", q, r.Errors)
	}
	var data map[string]json.RawMessage
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatalf("query %s: data %s: %v", q, r.Data, err)
	}
	return data
}

func (k *kaartje) do(t *testing.T, ctx context.Context, q string, vars map[string]any) gqlResponse {
	t.Helper()
	if k.handler == nil {
		k.handler = graph.NewHandler(&kaart.Service{Store: k.store}, graph.Options{}, nil)
	}
	if vars == nil {
		vars = map[string]any{}
	}
	vars["gm"] = k.gm
	return post(t, k.handler, ctx, q, vars)
}

type kaartjePage struct {
	TotalCount int
	Edges      []struct {
		Cursor string
		Node   struct{ ID, Naam string }
	}
	PageInfo struct {
		HasNextPage bool
		EndCursor   string
	}
}

func (p kaartjePage) ids() []string {
	var out []string
	for _, e := range p.Edges {
		out = append(out, e.Node.ID)
	}
	return out
}

func decodeInto(t *testing.T, raw json.RawMessage, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("unmarshal %s: %v", raw, err)
	}
}

const kaartjeOrganisaties = `query($gm: ID!, $first: Int, $after: String) {
  organisaties(filter: {gemeente: $gm}, first: $first, after: $after) {
    totalCount
    edges { cursor node { id naam } }
    pageInfo { hasNextPage endCursor }
  }
}`

func TestVisibilityByListAndCount(t *testing.T) {
	t.Parallel()
	k := newKaartje(t)
	tests := []struct {
		viewer string
		ctx    context.Context
		want   []string
	}{
		{"anonymous", anonymousCtx, k.ids("a", "d", "f")},
		{"partner", k.partner(), k.ids("a", "b", "d", "e", "f", "h")},
		{"beheerder", k.beheerder(), k.ids("a", "b", "c", "d", "e", "f", "g", "h", "z")},
	}
	for _, tt := range tests {
		var p kaartjePage
		decodeInto(t, k.query(t, tt.ctx, kaartjeOrganisaties, map[string]any{"first": 100})["organisaties"], &p)
		if got := p.ids(); !slices.Equal(got, tt.want) {
			t.Errorf("%s: organisaties = %v; want %v", tt.viewer, got, tt.want)
		}
		if p.TotalCount != len(tt.want) {
			t.Errorf("%s: organisaties.totalCount = %d; want %d", tt.viewer, p.TotalCount, len(tt.want))
		}
		if p.PageInfo.HasNextPage {
			t.Errorf("%s: hasNextPage = true on the only page", tt.viewer)
		}
	}

	// Coalities by list and count as well.
	var coalities kaartjePage
	decodeInto(t, k.query(t, anonymousCtx, `query($gm: ID!) { coalities(filter: {gemeente: $gm}) { totalCount edges { node { id } } } }`, nil)["coalities"], &coalities)
	if want := k.ids("coa-open"); !slices.Equal(coalities.ids(), want) || coalities.TotalCount != 1 {
		t.Errorf("anonymous: coalities = %v (totalCount %d); want %v (1)", coalities.ids(), coalities.TotalCount, want)
	}
}

// TestVisibilityByCursor pages one record at a time through a list with
// hidden records between and after the visible ones.
func TestVisibilityByCursor(t *testing.T) {
	t.Parallel()
	k := newKaartje(t)
	tests := []struct {
		viewer string
		ctx    context.Context
		first  int
		want   []string
	}{
		{"anonymous", anonymousCtx, 1, k.ids("a", "d", "f")},
		{"partner", k.partner(), 2, k.ids("a", "b", "d", "e", "f", "h")},
	}
	for _, tt := range tests {
		var seen []string
		var after any
		pages := 0
		for {
			pages++
			if pages > 20 {
				t.Fatalf("%s: more than 20 pages", tt.viewer)
			}
			var p kaartjePage
			decodeInto(t, k.query(t, tt.ctx, kaartjeOrganisaties, map[string]any{"first": tt.first, "after": after})["organisaties"], &p)
			if p.TotalCount != len(tt.want) {
				t.Errorf("%s: page %d: totalCount = %d; want %d", tt.viewer, pages, p.TotalCount, len(tt.want))
			}
			seen = append(seen, p.ids()...)
			if !p.PageInfo.HasNextPage {
				break
			}
			if len(p.Edges) == 0 {
				t.Fatalf("%s: page %d is empty but announces a next page", tt.viewer, pages)
			}
			after = p.PageInfo.EndCursor
		}
		if !slices.Equal(seen, tt.want) {
			t.Errorf("%s: paging %d at a time = %v; want %v", tt.viewer, tt.first, seen, tt.want)
		}
		if want := (len(tt.want) + tt.first - 1) / tt.first; pages != want {
			t.Errorf("%s: %d pages; want %d (no page for hidden records)", tt.viewer, pages, want)
		}
	}
}

func TestVisibilityByID(t *testing.T) {
	t.Parallel()
	k := newKaartje(t)
	const q = `query($id: ID!) {
  organisatie(id: $id) { id }
  coalitie(id: $id) { id }
  contactgegeven(id: $id) { id }
  record(id: $id) { id }
}`
	tests := []struct {
		viewer  string
		ctx     context.Context
		visible []string
		hidden  []string
	}{
		{"anonymous", anonymousCtx,
			k.ids("a", "d", "f", "coa-open", "tel-openbaar"),
			k.ids("b", "c", "e", "g", "h", "z", "coa-intern", "tel-partners", "tel-intern", "tel-c")},
		{"partner", k.partner(),
			k.ids("a", "b", "d", "e", "f", "h", "coa-open", "tel-openbaar", "tel-partners"),
			k.ids("c", "g", "z", "coa-intern", "tel-intern", "tel-c")},
	}
	for _, tt := range tests {
		for _, id := range tt.hidden {
			data := k.query(t, tt.ctx, q, map[string]any{"id": id})
			for field, raw := range data {
				if string(raw) != "null" {
					t.Errorf("%s: %s(id: %q) = %s; want null", tt.viewer, field, id, raw)
				}
			}
		}
		for _, id := range tt.visible {
			data := k.query(t, tt.ctx, q, map[string]any{"id": id})
			if string(data["record"]) == "null" {
				t.Errorf("%s: record(id: %q) = null; want the record", tt.viewer, id)
			}
		}
	}
}

func TestVisibilityByNestedField(t *testing.T) {
	t.Parallel()
	k := newKaartje(t)
	const q = `query($a: ID!, $d: ID!, $coa: ID!) {
  a: organisatie(id: $a) { contactgegevens { id } onderdelen { id } }
  d: organisatie(id: $d) { beheerder { id } }
  coa: coalitie(id: $coa) { leden { lid { ... on Organisatie { id } } } }
}`
	vars := map[string]any{"a": k.id("a"), "d": k.id("d"), "coa": k.id("coa-open")}
	type result struct {
		A struct {
			Contactgegevens []struct{ ID string }
			Onderdelen      []struct{ ID string }
		}
		D struct {
			Beheerder *struct{ ID string }
		}
		Coa struct {
			Leden []struct{ Lid struct{ ID string } }
		}
	}
	idsOf := func(list []struct{ ID string }) []string {
		var out []string
		for _, x := range list {
			out = append(out, x.ID)
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		viewer          string
		ctx             context.Context
		contactgegevens []string
		onderdelen      []string
		beheerderOfD    bool
		leden           []string
	}{
		{"anonymous", anonymousCtx, k.ids("tel-openbaar"), k.ids("f"), false, k.ids("a")},
		{"partner", k.partner(), k.ids("tel-openbaar", "tel-partners"), k.ids("f"), false, k.ids("a", "b")},
		{"beheerder", k.beheerder(), k.ids("tel-intern", "tel-openbaar", "tel-partners"), k.ids("f", "g"), true, k.ids("a", "b", "c", "d")},
	}
	for _, tt := range tests {
		data := k.query(t, tt.ctx, q, vars)
		var r result
		decodeInto(t, data["a"], &r.A)
		decodeInto(t, data["d"], &r.D)
		decodeInto(t, data["coa"], &r.Coa)
		if got := idsOf(r.A.Contactgegevens); !slices.Equal(got, tt.contactgegevens) {
			t.Errorf("%s: A.contactgegevens = %v; want %v", tt.viewer, got, tt.contactgegevens)
		}
		if got := idsOf(r.A.Onderdelen); !slices.Equal(got, tt.onderdelen) {
			t.Errorf("%s: A.onderdelen = %v; want %v", tt.viewer, got, tt.onderdelen)
		}
		if (r.D.Beheerder != nil) != tt.beheerderOfD {
			t.Errorf("%s: D.beheerder = %v; want visible = %v", tt.viewer, r.D.Beheerder, tt.beheerderOfD)
		}
		var leden []string
		for _, l := range r.Coa.Leden {
			leden = append(leden, l.Lid.ID)
		}
		slices.Sort(leden)
		if !slices.Equal(leden, tt.leden) {
			t.Errorf("%s: coalitie.leden = %v; want %v", tt.viewer, leden, tt.leden)
		}
	}
}

// TestVisibilityByErrorMessage: acting on a hidden record reads exactly as
// acting on one that does not exist.
func TestVisibilityByErrorMessage(t *testing.T) {
	t.Parallel()
	k := newKaartje(t)
	missing := k.id("bestaat-niet")
	mutations := []string{
		`mutation($id: ID!) { wijzigOrganisatie(id: $id, versie: 1, input: {naam: "Nieuw"}) { id } }`,
		`mutation($id: ID!) { verwijderOrganisatie(id: $id, versie: 1) }`,
		`mutation($id: ID!) { bevestigOrganisatie(id: $id) { id } }`,
	}
	// errorOf returns the one error of a mutation, with the id replaced.
	errorOf := func(ctx context.Context, m, id string) string {
		t.Helper()
		r := k.do(t, ctx, m, map[string]any{"id": id})
		if len(r.Errors) != 1 {
			t.Fatalf("%s on %s: errors %+v; want one", m, id, r.Errors)
		}
		e := r.Errors[0]
		ext, _ := json.Marshal(e.Extensions)
		return strings.ReplaceAll(fmt.Sprintf("%s %s", e.Message, ext), id, "ID")
	}
	for _, m := range mutations {
		want := errorOf(k.partner(), m, missing)
		if !strings.Contains(want, kaart.ENOTFOUND) {
			t.Errorf("partner: %s on a missing id = %s; want NOT_FOUND", m, want)
		}
		for _, hidden := range k.ids("c", "g", "z") {
			if got := errorOf(k.partner(), m, hidden); got != want {
				t.Errorf("partner: %s on hidden %s = %s; want what a missing id gets: %s", m, hidden, got, want)
			}
		}
		// Anonymous viewers are refused before the store is asked.
		want = errorOf(anonymousCtx, m, missing)
		for _, id := range k.ids("a", "c") {
			if got := errorOf(anonymousCtx, m, id); got != want || !strings.Contains(got, kaart.EUNAUTHENTICATED) {
				t.Errorf("anonymous: %s on %s = %s; want %s (UNAUTHENTICATED)", m, id, got, want)
			}
		}
	}

	// Deleting A, which G (hidden from the partner) hangs under, names only
	// what the partner can see.
	r := k.do(t, k.partner(), `mutation($id: ID!) { verwijderOrganisatie(id: $id, versie: 1) }`, map[string]any{"id": k.id("a")})
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.ECONFLICT {
		t.Fatalf("partner deletes A: errors %+v; want one CONFLICT", r.Errors)
	}
	e := r.Errors[0]
	if strings.Contains(e.Message, k.id("g")) || strings.Contains(fmt.Sprint(e.Extensions), k.id("g")) {
		t.Errorf("partner deletes A: error %+v names the hidden %s", e, k.id("g"))
	}
	if got := fmt.Sprint(e.Extensions["afhankelijk"]); got != fmt.Sprint([]any{k.id("f")}) {
		t.Errorf("partner deletes A: afhankelijk = %s; want [%s]", got, k.id("f"))
	}
}

// TestValidationThroughGraphQL: every field error in one response, each
// with its code and field, and nothing written.
func TestValidationThroughGraphQL(t *testing.T) {
	t.Parallel()
	k := newKaartje(t)
	var mu sync.Mutex
	var codes []string
	k.handler = graph.NewHandler(&kaart.Service{Store: k.store}, graph.Options{OnError: func(code string) {
		mu.Lock()
		codes = append(codes, code)
		mu.Unlock()
	}}, nil)
	countOrganisaties := func() int {
		var p kaartjePage
		decodeInto(t, k.query(t, k.beheerder(), kaartjeOrganisaties, map[string]any{"first": 1})["organisaties"], &p)
		return p.TotalCount
	}
	before := countOrganisaties()

	r := k.do(t, k.beheerder(), `mutation($gm: ID!) {
  maakOrganisatie(input: {gemeente: $gm, naam: "  ", sector: ZORG, kvkNummer: "123", geldigVan: "2025-06-01", geldigTot: "2024-01-01"}) { id }
}`, nil)
	var fields []string
	for _, e := range r.Errors {
		if e.Extensions["code"] != kaart.EINVALID {
			t.Errorf("error %+v; want code %s", e, kaart.EINVALID)
		}
		f, _ := e.Extensions["field"].(string)
		fields = append(fields, f)
	}
	slices.Sort(fields)
	if want := []string{"input.geldigTot", "input.kvkNummer", "input.naam"}; !slices.Equal(fields, want) {
		t.Errorf("error fields = %q; want %q\nerrors: %+v", fields, want, r.Errors)
	}
	if after := countOrganisaties(); after != before {
		t.Errorf("organisaties: %d after an invalid create; want %d", after, before)
	}
	mu.Lock()
	if want := []string{kaart.EINVALID, kaart.EINVALID, kaart.EINVALID}; !slices.Equal(codes, want) {
		t.Errorf("OnError calls = %q; want %q, one per error sent", codes, want)
	}
	mu.Unlock()
}

// TestOnErrorOncePerErrorSent: the hook sees every error a client gets, by
// its extensions.code, and nothing else.
func TestOnErrorOncePerErrorSent(t *testing.T) {
	t.Parallel()
	k := newKaartje(t)
	var mu sync.Mutex
	var codes []string
	k.handler = graph.NewHandler(&kaart.Service{Store: k.store}, graph.Options{MaxDepth: 3, OnError: func(code string) {
		mu.Lock()
		codes = append(codes, code)
		mu.Unlock()
	}}, nil)
	tests := []struct {
		name  string
		ctx   context.Context
		query string
		want  []string
	}{
		{"no error", anonymousCtx, `query($gm: ID!) { gebied(id: $gm) { naam } }`, nil},
		{"parse error", anonymousCtx, `{ gebied(`, []string{"GRAPHQL_PARSE_FAILED"}},
		{"unknown field", anonymousCtx, `{ geenVeld }`, []string{"GRAPHQL_VALIDATION_FAILED"}},
		{"over a limit", anonymousCtx, `query($gm: ID!) { gebied(id: $gm) { wijken { wijken { wijken { naam } } } } }`, []string{graph.CodeTooComplex}},
		{"anonymous mutation", anonymousCtx, `mutation($gm: ID!) { maakThema(input: {gemeente: $gm, naam: "X"}) { id } }`, []string{kaart.EUNAUTHENTICATED}},
		{"not found, twice", k.partner(), `mutation($gm: ID!) { a: bevestigThema(id: $gm) { id } b: bevestigOrganisatie(id: $gm) { id } }`, []string{kaart.ENOTFOUND, kaart.ENOTFOUND}},
		{"introspection off", anonymousCtx, `{ __schema { queryType { name } } }`, []string{kaart.EFORBIDDEN}},
		{"body is not JSON", anonymousCtx, "raw:{query", []string{"BAD_REQUEST"}},
	}
	for _, tt := range tests {
		mu.Lock()
		codes = nil
		mu.Unlock()
		var r gqlResponse
		switch {
		case strings.HasPrefix(tt.query, "raw:"):
			r = request(t, k.handler, httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(strings.TrimPrefix(tt.query, "raw:"))))
		default:
			r = k.do(t, tt.ctx, tt.query, nil)
		}
		var sent []string
		for _, e := range r.Errors {
			c, _ := e.Extensions["code"].(string)
			sent = append(sent, c)
		}
		mu.Lock()
		got := slices.Clone(codes)
		mu.Unlock()
		slices.Sort(sent)
		slices.Sort(got)
		if !slices.Equal(sent, tt.want) {
			t.Errorf("%s: errors sent %q; want %q", tt.name, sent, tt.want)
		}
		if !slices.Equal(got, sent) {
			t.Errorf("%s: OnError calls %q; want one per error sent: %q", tt.name, got, sent)
		}
	}
}

// request serves req as JSON and decodes the response.
func request(t *testing.T, h http.Handler, req *http.Request) gqlResponse {
	t.Helper()
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out gqlResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("%s %s = %d %q: %v", req.Method, req.URL, rec.Code, rec.Body, err)
	}
	return out
}

func TestStaleVersieIsAConflict(t *testing.T) {
	t.Parallel()
	k := newKaartje(t)
	var created struct{ ID string }
	decodeInto(t, k.query(t, k.beheerder(), `mutation($gm: ID!) { maakThema(input: {gemeente: $gm, naam: "Eenzaamheid"}) { id versie } }`, nil)["maakThema"], &created)
	const wijzig = `mutation($id: ID!, $versie: Int!, $naam: String!) { wijzigThema(id: $id, versie: $versie, input: {naam: $naam}) { naam versie } }`
	var first struct {
		Naam   string
		Versie int
	}
	decodeInto(t, k.query(t, k.beheerder(), wijzig, map[string]any{"id": created.ID, "versie": 1, "naam": "Eenzaamheid onder ouderen"})["wijzigThema"], &first)
	if first.Versie != 2 {
		t.Fatalf("wijzigThema with versie 1 = versie %d; want 2", first.Versie)
	}
	r := k.do(t, k.beheerder(), wijzig, map[string]any{"id": created.ID, "versie": 1, "naam": "Overschreven"})
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.ECONFLICT {
		t.Fatalf("wijzigThema with the stale versie 1: errors %+v; want one CONFLICT", r.Errors)
	}
	var now struct{ Naam string }
	decodeInto(t, k.query(t, k.beheerder(), `query($id: ID!) { thema(id: $id) { naam } }`, map[string]any{"id": created.ID})["thema"], &now)
	if now.Naam != first.Naam {
		t.Errorf("thema naam after a refused update = %q; want %q", now.Naam, first.Naam)
	}
}

func TestDeleteWithDependentsIsAConflict(t *testing.T) {
	t.Parallel()
	k := newKaartje(t)
	r := k.do(t, k.beheerder(), `mutation($id: ID!) { verwijderOrganisatie(id: $id, versie: 1) }`, map[string]any{"id": k.id("a")})
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.ECONFLICT {
		t.Fatalf("verwijderOrganisatie(A): errors %+v; want one CONFLICT", r.Errors)
	}
	want := []any{k.id("f"), k.id("g")}
	if got := r.Errors[0].Extensions["afhankelijk"]; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("verwijderOrganisatie(A): afhankelijk = %v; want %v", got, want)
	}
	data := k.query(t, k.beheerder(), `query($id: ID!) { organisatie(id: $id) { id } }`, map[string]any{"id": k.id("a")})
	if string(data["organisatie"]) == "null" {
		t.Error("A is gone after a refused delete")
	}
}

func TestAnonymousMutationIsUnauthenticated(t *testing.T) {
	t.Parallel()
	k := newKaartje(t)
	r := k.do(t, anonymousCtx, `mutation($gm: ID!) { maakThema(input: {gemeente: $gm, naam: "Anoniem"}) { id } }`, nil)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.EUNAUTHENTICATED {
		t.Fatalf("anonymous maakThema: errors %+v; want one UNAUTHENTICATED", r.Errors)
	}
	var themas kaartjePage
	decodeInto(t, k.query(t, k.beheerder(), `query($gm: ID!) { themas(filter: {gemeente: $gm}) { totalCount } }`, nil)["themas"], &themas)
	if themas.TotalCount != 0 {
		t.Errorf("themas after an anonymous create = %d; want 0", themas.TotalCount)
	}
}
