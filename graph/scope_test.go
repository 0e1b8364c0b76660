package graph_test

import (
	"context"
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// Who may write where (issue 19): a partner writes its own organisation's
// records in its own gemeente. A record in another gemeente, a new
// organisation, a link to another gemeente's records and a person in a
// functie of another organisation are refused with FORBIDDEN and a message
// that says how to propose it instead; a regisseur and a gemeente
// beheerder are refused the same across gemeenten.
func TestWriteScopeOwnOrganisationOwnGemeente(t *testing.T) {
	t.Parallel()
	k := newKaartje(t)
	ctx := context.Background()
	gm2 := neo4jtest.Gemeente(t, k.store)
	platform := &kaart.Service{Store: k.store}
	pctx := kaart.WithViewer(ctx, neo4jtest.Platform)
	mk := func(typ string, in kaart.Input) string {
		t.Helper()
		n, err := platform.Create(pctx, typ, in)
		if err != nil {
			t.Fatalf("Create(%s): %v", typ, err)
		}
		return n.ID()
	}
	coalitieElders := mk("Coalitie", kaart.Input{"gemeente": gm2, "naam": "Coalitie elders", "soort": "VAST"})
	coalitieHier := mk("Coalitie", kaart.Input{"gemeente": k.gm, "naam": "Coalitie hier", "soort": "VAST"})
	functieB := mk("Functie", kaart.Input{"gemeente": k.gm, "titel": "Jongerenwerker B", "rol": kaart.Rollen[0], "niveau": "FRONTLIJN", "organisatie": k.id("b")})

	resolve := func(v kaart.Viewer) context.Context {
		t.Helper()
		v.SleutelID = "test"
		out, err := k.store.ResolveViewer(ctx, v)
		if err != nil {
			t.Fatalf("ResolveViewer: %v", err)
		}
		return kaart.WithViewer(ctx, out)
	}
	partner := resolve(kaart.Viewer{Rol: kaart.Partner, Organisatie: k.id("a")})
	roles := []struct {
		name string
		ctx  context.Context
	}{
		{"partner", partner},
		{"regisseur", resolve(kaart.Viewer{Rol: kaart.Regisseur, Gemeente: k.gm, Gebieden: []string{k.gm}})},
		{"beheerder", k.beheerder()},
	}
	forbidden := func(t *testing.T, r gqlResponse, what string, says ...string) {
		t.Helper()
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.EFORBIDDEN {
			t.Fatalf("%s: errors %+v; want one FORBIDDEN", what, r.Errors)
		}
		for _, s := range says {
			if !strings.Contains(r.Errors[0].Message, s) {
				t.Errorf("%s: message %q does not say %q", what, r.Errors[0].Message, s)
			}
		}
	}
	ok := func(t *testing.T, r gqlResponse, what string) {
		t.Helper()
		if len(r.Errors) > 0 {
			t.Fatalf("%s: errors %+v; want none", what, r.Errors)
		}
	}
	vars := func(kv ...string) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}

	const maakElders = `mutation($g: ID!) { maakOrganisatie(input: {gemeente: $g, naam: "Nieuw elders", sector: WELZIJN}) { id } }`
	const koppel = `mutation($soort: KoppelingSoort!, $van: ID!, $naar: ID!, $niveau: NiveauInvoer) { koppel(input: {soort: $soort, van: $van, naar: $naar, niveau: $niveau}) { id } }`
	for _, role := range roles {
		t.Run(role.name+" creates nothing in another gemeente", func(t *testing.T) {
			r := k.do(t, role.ctx, maakElders, vars("g", gm2))
			forbidden(t, r, "maakOrganisatie in another gemeente", gm2)
			if f := r.Errors[0].Extensions["field"]; f != "input.gemeente" {
				t.Errorf("field = %v; want input.gemeente", f)
			}
		})
		t.Run(role.name+" links nothing to another gemeente", func(t *testing.T) {
			forbidden(t, k.do(t, role.ctx, koppel, vars("soort", "BEDIENT", "van", k.id("a"), "naar", gm2)), "BEDIENT a gebied elsewhere", gm2)
			forbidden(t, k.do(t, role.ctx, koppel, vars("soort", "LID_VAN", "van", k.id("a"), "naar", coalitieElders)), "LID_VAN a coalitie elsewhere", gm2)
		})
	}
	// Nothing of it was written: an anonymous resident sees no new record
	// in the other gemeente, nor a new link on the partner's organisation.
	var page kaartjePage
	decodeInto(t, k.query(t, anonymousCtx, `query($g: ID!) { organisaties(filter: {gemeente: $g}) { totalCount } }`, vars("g", gm2))["organisaties"], &page)
	if page.TotalCount != 0 {
		t.Errorf("organisaties in the other gemeente after the refusals: %d; want 0", page.TotalCount)
	}

	t.Run("the refusal's advice works: a melding on the gemeente reaches its beheerder", func(t *testing.T) {
		r := k.do(t, partner, maakElders, vars("g", gm2))
		forbidden(t, r, "maakOrganisatie in another gemeente", "meldFout")
		ok(t, k.do(t, partner, `mutation($g: ID!) { meldFout(record: $g, tekst: "Graag onze vestiging hier toevoegen.") { id } }`, vars("g", gm2)), "meldFout on the gemeente")
		beheerder2 := kaart.WithViewer(ctx, kaart.Viewer{Rol: kaart.Beheerder, Gemeente: gm2, SleutelID: "test"})
		data := k.query(t, beheerder2, `{ beoordelingswachtrij { voorstellen { recordId toelichting } } }`, nil)
		if !strings.Contains(string(data["beoordelingswachtrij"]), "onze vestiging") {
			t.Errorf("the beheerder of the other gemeente does not see the melding: %s", data["beoordelingswachtrij"])
		}
	})

	t.Run("a partner adds no new organisation, only a part of its own", func(t *testing.T) {
		forbidden(t, k.do(t, partner, `mutation($gm: ID!) { maakOrganisatie(input: {gemeente: $gm, naam: "Nieuw hier", sector: WELZIJN}) { id } }`, nil),
			"a new organisation", "onderdeelVan", "meldFout")
		ok(t, k.do(t, partner, `mutation($gm: ID!, $a: ID!) { maakOrganisatie(input: {gemeente: $gm, naam: "Team A", sector: WELZIJN, onderdeelVan: $a}) { id } }`, vars("a", k.id("a"))),
			"a sub-organisation of its own")
	})

	t.Run("a partner links its own records within its gemeente", func(t *testing.T) {
		ok(t, k.do(t, partner, koppel, vars("soort", "LID_VAN", "van", k.id("a"), "naar", coalitieHier, "niveau", "FRONTLIJN")), "LID_VAN a coalitie of its gemeente")
	})

	t.Run("a partner's person holds only a functie of its own organisation", func(t *testing.T) {
		data := k.query(t, partner, `mutation($gm: ID!) { maakPersoon(input: {gemeente: $gm, naam: "Joost", grondslag: GERECHTVAARDIGD_BELANG}) { id } }`, nil)
		var p struct{ ID string }
		decodeInto(t, data["maakPersoon"], &p)
		forbidden(t, k.do(t, partner, koppel, vars("soort", "BEKLEEDT", "van", p.ID, "naar", functieB)), "BEKLEEDT a functie of another organisation", functieB, "meldFout")
		data = k.query(t, partner, `mutation($gm: ID!, $a: ID!) { maakFunctie(input: {gemeente: $gm, titel: "Jongerenwerker A", rol: WIJKREGISSEUR, niveau: FRONTLIJN, organisatie: $a}) { id } }`, vars("a", k.id("a")))
		var f struct{ ID string }
		decodeInto(t, data["maakFunctie"], &f)
		ok(t, k.do(t, partner, koppel, vars("soort", "BEKLEEDT", "van", p.ID, "naar", f.ID)), "BEKLEEDT a functie of its own organisation")
	})
}
