package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/socialekaart/socialekaart/graph"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
	"github.com/socialekaart/socialekaart/search"
)

// Nothing is more visible than what it belongs to: a contactgegeven of an
// INTERN person, a functie of an INTERN organisation. These tests ask for
// them the ways an anonymous resident can: by id, in a list with its
// count, nested under a visible record, and through search and suggestions.

type begrensd struct {
	gm      string
	store   *neo4j.Store
	zoek    *search.Index
	handler http.Handler
}

func newBegrensd(t *testing.T) *begrensd {
	t.Helper()
	s := neo4jtest.Open(t)
	b := &begrensd{gm: neo4jtest.Gemeente(t, s), store: s}
	idx, err := search.Open(context.Background(), nil, t.TempDir(), s, search.Options{Gemeenten: []string{b.gm}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	b.zoek = idx
	b.handler = graph.NewHandler(&kaart.Service{Store: s, Zoek: idx}, graph.Options{}, nil)
	return b
}

type gqlAntwoord struct {
	Data   map[string]json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	Extensions struct {
		Waarschuwingen []kaart.Waarschuwing `json:"waarschuwingen"`
	} `json:"extensions"`
}

func (b *begrensd) do(t *testing.T, ctx context.Context, q string, vars map[string]any) gqlAntwoord {
	t.Helper()
	if vars == nil {
		vars = map[string]any{}
	}
	vars["gm"] = b.gm
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body)).WithContext(ctx)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	b.handler.ServeHTTP(rec, req)
	var out gqlAntwoord
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("response %d %q: %v", rec.Code, rec.Body.String(), err)
	}
	return out
}

// must runs q and fails on any error; it returns the data of field.
func (b *begrensd) must(t *testing.T, ctx context.Context, q string, vars map[string]any, field string, into any) gqlAntwoord {
	t.Helper()
	r := b.do(t, ctx, q, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("query %s: errors %+v", q, r.Errors)
	}
	if into != nil {
		if err := json.Unmarshal(r.Data[field], into); err != nil {
			t.Fatalf("%s: %s: %v", field, r.Data[field], err)
		}
	}
	return r
}

var beheerderCtx = kaart.WithViewer(context.Background(), neo4jtest.Platform)

type gemaakt struct {
	ID            string
	Versie        int
	Zichtbaarheid string
}

func (b *begrensd) maak(t *testing.T, mutation, input string, vars map[string]any) (gemaakt, []kaart.Waarschuwing) {
	t.Helper()
	var g gemaakt
	decl := "$gm: ID!, $z: Zichtbaarheid"
	if _, ok := vars["van"]; ok {
		decl += ", $van: ID!"
	}
	q := `mutation(` + decl + `) { ` + mutation + `(input: {gemeente: $gm, zichtbaarheid: $z, ` + input + `}) { id versie zichtbaarheid } }`
	r := b.must(t, beheerderCtx, q, vars, mutation, &g)
	return g, r.Extensions.Waarschuwingen
}

func (b *begrensd) persoon(t *testing.T, naam, zicht string) gemaakt {
	t.Helper()
	p, _ := b.maak(t, "maakPersoon", `naam: "`+naam+`", grondslag: GERECHTVAARDIGD_BELANG`, map[string]any{"z": zicht})
	return p
}

func (b *begrensd) organisatie(t *testing.T, naam, zicht string) gemaakt {
	t.Helper()
	o, _ := b.maak(t, "maakOrganisatie", `naam: "`+naam+`", sector: WELZIJN`, map[string]any{"z": zicht})
	return o
}

func (b *begrensd) functie(t *testing.T, titel, org, zicht string) (gemaakt, []kaart.Waarschuwing) {
	t.Helper()
	return b.maak(t, "maakFunctie", `titel: "`+titel+`", rol: OPBOUWWERKER, niveau: FRONTLIJN, organisatie: $van`,
		map[string]any{"z": zicht, "van": org})
}

func (b *begrensd) telefoon(t *testing.T, van, nummer, zicht string) (gemaakt, []kaart.Waarschuwing) {
	t.Helper()
	return b.maak(t, "maakContactgegeven", `soort: TELEFOON, waarde: "`+nummer+`", van: $van`, map[string]any{"z": zicht, "van": van})
}

func hasBegrensd(ws []kaart.Waarschuwing, bericht string) bool {
	for _, w := range ws {
		if w.Code == kaart.WZichtbaarheidBegrensd && w.Veld == "input.zichtbaarheid" && (bericht == "" || w.Bericht == bericht) {
			return true
		}
	}
	return false
}

// seen reports, for an anonymous resident, whether the record id can be
// read by id, in the list of its type (and its count), and through search
// and suggestions for tekst.
func (b *begrensd) seen(t *testing.T, typ, id, tekst string) []string {
	t.Helper()
	if err := b.zoek.Bijwerken(context.Background()); err != nil {
		t.Fatal(err)
	}
	var found []string
	single := map[string]string{"Contactgegeven": "contactgegeven", "Functie": "functie", "Persoon": "persoon"}[typ]
	list := map[string]string{"Contactgegeven": "contactgegevens", "Functie": "functies", "Persoon": "personen"}[typ]
	var one *struct{ ID string }
	b.must(t, context.Background(), `query($id: ID!) { `+single+`(id: $id) { id } }`, map[string]any{"id": id}, single, &one)
	if one != nil {
		found = append(found, single+"(id)")
	}
	var page struct {
		TotalCount int
		Edges      []struct{ Node struct{ ID string } }
	}
	b.must(t, context.Background(), `query($gm: ID!) { `+list+`(filter: {gemeente: $gm}, first: 100) { totalCount edges { node { id } } } }`, nil, list, &page)
	for _, e := range page.Edges {
		if e.Node.ID == id {
			found = append(found, list)
		}
	}
	if page.TotalCount != len(page.Edges) {
		found = append(found, list+".totalCount")
	}
	if tekst == "" {
		return found
	}
	var zoek struct {
		Treffers []struct{ Kaart struct{ ID string } }
	}
	r := b.must(t, context.Background(), `query($t: String!) { zoek(tekst: $t) { treffers { kaart { id } } } suggesties(tekst: $t) { id } }`,
		map[string]any{"t": tekst}, "zoek", &zoek)
	for _, h := range zoek.Treffers {
		if h.Kaart.ID == id {
			found = append(found, "zoek")
		}
	}
	var sugg []struct{ ID string }
	_ = json.Unmarshal(r.Data["suggesties"], &sugg)
	for _, s := range sugg {
		if s.ID == id {
			found = append(found, "suggesties")
		}
	}
	return found
}

// TestContactOfInternPersonIsNotPublic: an OPENBAAR number on an INTERN
// person is stored as INTERN, the API says so, and an anonymous resident
// reads it nowhere.
func TestContactOfInternPersonIsNotPublic(t *testing.T) {
	t.Parallel()
	b := newBegrensd(t)
	p := b.persoon(t, "Ineke Intern", "INTERN")
	c, ws := b.telefoon(t, p.ID, "030 765 4321", "OPENBAAR")
	if c.Zichtbaarheid != "INTERN" {
		t.Errorf("maakContactgegeven(OPENBAAR) on an INTERN person: zichtbaarheid = %s; want INTERN", c.Zichtbaarheid)
	}
	if !hasBegrensd(ws, "Zichtbaarheid begrensd tot INTERN, zoals de persoon.") {
		t.Errorf("maakContactgegeven: waarschuwingen = %+v; want ZICHTBAARHEID_BEGRENSD on input.zichtbaarheid, \"zoals de persoon\"", ws)
	}
	if got := b.seen(t, "Contactgegeven", c.ID, ""); len(got) > 0 {
		t.Errorf("anonymous reads the number of an INTERN person through %v", got)
	}
	var cs struct {
		TotalCount int
	}
	b.must(t, context.Background(), `query($gm: ID!) { contactgegevens(filter: {gemeente: $gm}) { totalCount } }`, nil, "contactgegevens", &cs)
	if cs.TotalCount != 0 {
		t.Errorf("anonymous contactgegevens.totalCount = %d; want 0", cs.TotalCount)
	}

	// Widening it later is capped the same way.
	var w gemaakt
	r := b.must(t, beheerderCtx, `mutation($id: ID!, $v: Int!) { wijzigContactgegeven(id: $id, versie: $v, input: {zichtbaarheid: OPENBAAR}) { id versie zichtbaarheid } }`,
		map[string]any{"id": c.ID, "v": c.Versie}, "wijzigContactgegeven", &w)
	if w.Zichtbaarheid != "INTERN" || !hasBegrensd(r.Extensions.Waarschuwingen, "") {
		t.Errorf("wijzigContactgegeven(OPENBAAR): zichtbaarheid = %s, waarschuwingen %+v; want INTERN with ZICHTBAARHEID_BEGRENSD", w.Zichtbaarheid, r.Extensions.Waarschuwingen)
	}
	if got := b.seen(t, "Contactgegeven", c.ID, ""); len(got) > 0 {
		t.Errorf("after wijzigContactgegeven(OPENBAAR), anonymous reads the number through %v", got)
	}

	// A contactgegeven that fits gets no warning.
	o := b.organisatie(t, "Buurthuis Open", "OPENBAAR")
	c2, ws := b.telefoon(t, o.ID, "030 765 4322", "OPENBAAR")
	if c2.Zichtbaarheid != "OPENBAAR" || len(ws) > 0 {
		t.Errorf("maakContactgegeven(OPENBAAR) on an OPENBAAR organisatie: zichtbaarheid = %s, waarschuwingen %+v; want OPENBAAR, none", c2.Zichtbaarheid, ws)
	}
}

// TestFunctieOfInternOrganisatieIsNotPublic: a functie is part of its
// organisation, in every read path including search.
func TestFunctieOfInternOrganisatieIsNotPublic(t *testing.T) {
	t.Parallel()
	b := newBegrensd(t)
	o := b.organisatie(t, "Stille stichting", "INTERN")
	f, ws := b.functie(t, "Kwartiermaker verborgen", o.ID, "OPENBAAR")
	if f.Zichtbaarheid != "INTERN" || !hasBegrensd(ws, "Zichtbaarheid begrensd tot INTERN, zoals de organisatie.") {
		t.Errorf("maakFunctie(OPENBAAR) at an INTERN organisatie: zichtbaarheid = %s, waarschuwingen %+v; want INTERN, ZICHTBAARHEID_BEGRENSD", f.Zichtbaarheid, ws)
	}
	if got := b.seen(t, "Functie", f.ID, "Kwartiermaker"); len(got) > 0 {
		t.Errorf("anonymous finds the functie of an INTERN organisatie through %v", got)
	}
	var fs struct{ TotalCount int }
	b.must(t, context.Background(), `query($gm: ID!) { functies(filter: {gemeente: $gm}) { totalCount } }`, nil, "functies", &fs)
	if fs.TotalCount != 0 {
		t.Errorf("anonymous functies.totalCount = %d; want 0", fs.TotalCount)
	}
	// PARTNERS stays PARTNERS under PARTNERS, and is capped under INTERN.
	po := b.organisatie(t, "Partnerstichting", "PARTNERS")
	pf, _ := b.functie(t, "Coördinator partners", po.ID, "OPENBAAR")
	if pf.Zichtbaarheid != "PARTNERS" {
		t.Errorf("maakFunctie(OPENBAAR) at a PARTNERS organisatie: zichtbaarheid = %s; want PARTNERS", pf.Zichtbaarheid)
	}
}

// TestNarrowingTheOwnerHidesItsDependents: when an organisation becomes
// INTERN, its functies and their contactgegevens follow in the same
// mutation, and leave the anonymous search index before it returns.
func TestNarrowingTheOwnerHidesItsDependents(t *testing.T) {
	t.Parallel()
	b := newBegrensd(t)
	o := b.organisatie(t, "Wijkteam Zichtbaar", "OPENBAAR")
	f, _ := b.functie(t, "Buurtconciërge", o.ID, "OPENBAAR")
	c, _ := b.telefoon(t, f.ID, "030 765 4323", "OPENBAAR")
	if got := b.seen(t, "Functie", f.ID, "Buurtconciërge"); len(got) < 3 {
		t.Fatalf("before: anonymous sees the OPENBAAR functie only through %v; want id, list and zoek", got)
	}
	if got := b.seen(t, "Contactgegeven", c.ID, ""); len(got) == 0 {
		t.Fatalf("before: anonymous does not see the OPENBAAR number")
	}
	r := b.must(t, beheerderCtx, `mutation($id: ID!, $v: Int!) { wijzigOrganisatie(id: $id, versie: $v, input: {zichtbaarheid: INTERN}) { id } }`,
		map[string]any{"id": o.ID, "v": o.Versie}, "wijzigOrganisatie", nil)
	if !hasBegrensd(r.Extensions.Waarschuwingen, "") {
		t.Errorf("wijzigOrganisatie(INTERN): waarschuwingen = %+v; want ZICHTBAARHEID_BEGRENSD naming what followed", r.Extensions.Waarschuwingen)
	}
	if got := b.seen(t, "Functie", f.ID, "Buurtconciërge"); len(got) > 0 {
		t.Errorf("after the organisatie became INTERN, anonymous sees its functie through %v", got)
	}
	if got := b.seen(t, "Contactgegeven", c.ID, ""); len(got) > 0 {
		t.Errorf("after the organisatie became INTERN, anonymous sees the functie's number through %v", got)
	}
	var fz struct{ Zichtbaarheid string }
	b.must(t, beheerderCtx, `query($id: ID!) { functie(id: $id) { zichtbaarheid } }`, map[string]any{"id": f.ID}, "functie", &fz)
	if fz.Zichtbaarheid != "INTERN" {
		t.Errorf("functie.zichtbaarheid after its organisatie became INTERN = %s; want INTERN", fz.Zichtbaarheid)
	}
}

// TestToestemmingWithoutAudienceIsNotPublic: consent that does not say for
// whom covers the narrowest audience only; asking wider is refused on the
// field that is missing.
func TestToestemmingWithoutAudienceIsNotPublic(t *testing.T) {
	t.Parallel()
	b := newBegrensd(t)
	q := `mutation($gm: ID!, $z: Zichtbaarheid, $tz: Zichtbaarheid) { maakPersoon(input: {gemeente: $gm, naam: "Bewoner Zonder Doel",
	  grondslag: TOESTEMMING, toestemmingGegevenDoor: "Bewoner Zonder Doel", toestemmingGegevenOp: "2026-01-05",
	  zichtbaarheid: $z, toestemmingZichtbaarheid: $tz}) { id zichtbaarheid } }`
	r := b.do(t, beheerderCtx, q, map[string]any{"z": "OPENBAAR"})
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "input.toestemmingZichtbaarheid" {
		t.Errorf("maakPersoon(TOESTEMMING, OPENBAAR, no toestemmingZichtbaarheid): errors = %+v; want BAD_USER_INPUT on input.toestemmingZichtbaarheid", r.Errors)
	}
	var n struct{ TotalCount int }
	b.must(t, beheerderCtx, `query($gm: ID!) { personen(filter: {gemeente: $gm}) { totalCount } }`, nil, "personen", &n)
	if n.TotalCount != 0 {
		t.Errorf("the refused person was written: %d personen", n.TotalCount)
	}
	// Without a zichtbaarheid the person is INTERN, which needs no audience.
	var p struct{ ID, Zichtbaarheid string }
	b.must(t, beheerderCtx, q, nil, "maakPersoon", &p)
	if p.Zichtbaarheid != "INTERN" {
		t.Errorf("maakPersoon(TOESTEMMING) without zichtbaarheid: zichtbaarheid = %s; want INTERN", p.Zichtbaarheid)
	}
	// With the audience stated, OPENBAAR is fine.
	b.must(t, beheerderCtx, q, map[string]any{"z": "OPENBAAR", "tz": "OPENBAAR"}, "maakPersoon", nil)
	// Widening later without an audience is refused too.
	var full struct {
		ID     string
		Versie int
	}
	b.must(t, beheerderCtx, `query($id: ID!) { persoon(id: $id) { id versie } }`, map[string]any{"id": p.ID}, "persoon", &full)
	r = b.do(t, beheerderCtx, `mutation($id: ID!, $v: Int!) { wijzigPersoon(id: $id, versie: $v, input: {zichtbaarheid: PARTNERS}) { id } }`,
		map[string]any{"id": full.ID, "v": full.Versie})
	if len(r.Errors) != 1 || r.Errors[0].Extensions["field"] != "input.toestemmingZichtbaarheid" {
		t.Errorf("wijzigPersoon(PARTNERS) with consent for no stated audience: errors = %+v; want BAD_USER_INPUT on input.toestemmingZichtbaarheid", r.Errors)
	}
}
