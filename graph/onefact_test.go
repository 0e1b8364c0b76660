package graph_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/socialekaart/socialekaart/graph"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// factKaart is a handler on the real store with a beheerder of a fresh gemeente.
func factKaart(t *testing.T) (h http.Handler, beheerder context.Context, gm string) {
	t.Helper()
	t.Parallel()
	s := neo4jtest.Open(t)
	gm = neo4jtest.Gemeente(t, s)
	h = graph.NewHandler(&kaart.Service{Store: s}, graph.Options{}, nil)
	return h, kaart.WithViewer(context.Background(), kaart.Viewer{Rol: kaart.Beheerder, Gemeente: gm, Naam: "Beheerder Test"}), gm
}

func createID(t *testing.T, h http.Handler, ctx context.Context, mutation, query string, vars map[string]any) string {
	t.Helper()
	return mustData(t, post(t, h, ctx, query, vars))[mutation].(map[string]any)["id"].(string)
}

func TestKoppelTwiceThroughGraphQLNamesTheExisting(t *testing.T) {
	h, ctx, gm := factKaart(t)
	org := createID(t, h, ctx, "maakOrganisatie", `mutation($gm: ID!) { maakOrganisatie(input: {gemeente: $gm, naam: "Buurtteam", sector: WELZIJN}) { id } }`, map[string]any{"gm": gm})
	coa := createID(t, h, ctx, "maakCoalitie", `mutation($gm: ID!) { maakCoalitie(input: {gemeente: $gm, naam: "Samen", soort: VAST}) { id } }`, map[string]any{"gm": gm})
	const koppel = `mutation($van: ID!, $naar: ID!) { koppel(input: {soort: LID_VAN, van: $van, naar: $naar, niveau: FRONTLIJN}) { id } }`
	first := createID(t, h, ctx, "koppel", koppel, map[string]any{"van": org, "naar": coa})
	r := post(t, h, ctx, koppel, map[string]any{"van": org, "naar": coa})
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.ECONFLICT || r.Errors[0].Extensions["bestaand"] != first || r.Errors[0].Extensions["field"] != "input.naar" {
		t.Errorf("second koppel errors = %+v; want one CONFLICT on input.naar with bestaand %s", r.Errors, first)
	}
	r = post(t, h, ctx, `mutation($van: ID!, $naar: ID!) { koppel(input: {soort: LID_VAN, van: $van, naar: $naar}) { id } }`, map[string]any{"van": org, "naar": coa})
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != kaart.EINVALID || r.Errors[0].Extensions["field"] != "input.niveau" {
		t.Errorf("koppel coalitie without niveau errors = %+v; want BAD_USER_INPUT on input.niveau", r.Errors)
	}
}
