package graph_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/graph"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
	"github.com/socialekaart/socialekaart/search"
)

// letters returns n random lowercase letters: a word no analyzer splits.
func letters(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = 'a' + b[i]%26
	}
	return string(b)
}

func digits(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = '0' + b[i]%10
	}
	return string(b)
}

func mustData(t *testing.T, resp gqlResponse) map[string]any {
	t.Helper()
	if len(resp.Errors) > 0 {
		t.Fatalf("errors: %+v", resp.Errors)
	}
	var out map[string]any
	if err := json.Unmarshal(resp.Data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// indexHolds reports which of the needles occur in the bytes of any file
// under dir.
func indexHolds(t *testing.T, dir string, needles []string) []string {
	t.Helper()
	found := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, n := range needles {
			if bytes.Contains(b, []byte(n)) {
				found[n+" in "+filepath.Base(path)] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for k := range found {
		out = append(out, k)
	}
	return out
}

// TestWisPersoonLeavesNoTrace erases a person and then looks for their
// name, e-mail address and phone number everywhere a client can ask, and in
// the bytes of every file of the search index directory.
func TestWisPersoonLeavesNoTrace(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := neo4jtest.Open(t)
	gm := neo4jtest.Gemeente(t, s)
	dir := t.TempDir()
	idx, err := search.Open(ctx, nil, dir, s, search.Options{Gemeenten: []string{gm}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	if err := idx.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	h := graph.NewHandler(&kaart.Service{Store: s, Zoek: idx}, graph.Options{}, nil)
	beheerder := kaart.WithViewer(ctx, kaart.Viewer{Rol: kaart.Beheerder, Gemeente: gm, Naam: "Beheerder Test"})

	voornaam, achternaam := "Q"+letters(9), "Z"+letters(11)
	naam := voornaam + " " + achternaam
	email := strings.ToLower(voornaam) + "." + letters(6) + "@voorbeeld.nl"
	telefoon := "06" + digits(8)

	p := mustData(t, post(t, h, beheerder, `mutation($in: PersoonInvoer!) { maakPersoon(input: $in) { id versie } }`, map[string]any{"in": map[string]any{
		"gemeente": gm, "naam": naam, "grondslag": "TOESTEMMING", "toestemmingGegevenDoor": naam, "toestemmingGegevenOp": "2025-05-01",
		"toestemmingZichtbaarheid": "OPENBAAR", "zichtbaarheid": "OPENBAAR", "sleutelfiguur": true,
	}}))["maakPersoon"].(map[string]any)
	id := p["id"].(string)
	// A change, so the history holds the name twice (before and after).
	mustData(t, post(t, h, beheerder, `mutation($id: ID!) { wijzigPersoon(id: $id, versie: 1, input: {bron: "gesprek"}) { id } }`, map[string]any{"id": id}))
	mustData(t, post(t, h, beheerder, `mutation($id: ID!) { wijzigPersoon(id: $id, versie: 2, input: {naam: "`+naam+` Jr"}) { id } }`, map[string]any{"id": id}))
	mustData(t, post(t, h, beheerder, `mutation($id: ID!) { wijzigPersoon(id: $id, versie: 3, input: {naam: "`+naam+`"}) { id } }`, map[string]any{"id": id}))
	var contactIDs []string
	for _, c := range []map[string]any{{"soort": "EMAIL", "waarde": email}, {"soort": "TELEFOON", "waarde": telefoon}} {
		c["van"], c["gemeente"], c["zichtbaarheid"] = id, gm, "OPENBAAR"
		r := mustData(t, post(t, h, beheerder, `mutation($in: ContactgegevenInvoer!) { maakContactgegeven(input: $in) { id waarde } }`, map[string]any{"in": c}))
		contactIDs = append(contactIDs, r["maakContactgegeven"].(map[string]any)["id"].(string))
	}
	netwerk := mustData(t, post(t, h, beheerder, `mutation($gm: ID!) { maakNetwerk(input: {gemeente: $gm, naam: "Buurtnetwerk Oost", soort: BEWONERSGROEP}) { id } }`,
		map[string]any{"gm": gm}))["maakNetwerk"].(map[string]any)["id"].(string)
	mustData(t, post(t, h, beheerder, `mutation($van: ID!, $naar: ID!) { koppel(input: {soort: LID_VAN, van: $van, naar: $naar, rol: "sleutelfiguur"}) { id } }`,
		map[string]any{"van": id, "naar": netwerk}))
	// A card that stays, indexed in the same batch, so the person's
	// segment is not simply dropped whole once the person is deleted.
	mustData(t, post(t, h, beheerder, `mutation($gm: ID!) { maakOrganisatie(input: {gemeente: $gm, naam: "Buurthuis De Blijver", sector: WELZIJN}) { id } }`, map[string]any{"gm": gm}))
	if err := idx.Bijwerken(ctx); err != nil {
		t.Fatal(err)
	}

	telefoonDigits := strings.TrimPrefix(telefoon, "0")
	needles := []string{naam, voornaam, achternaam, strings.ToLower(voornaam), strings.ToLower(achternaam), email, strings.ToLower(email), telefoonDigits}
	queries := []struct{ name, query string }{
		{"persoon", `query($id: ID!) { persoon(id: $id) { id naam contactgegevens { waarde } } }`},
		{"personen", `query($gm: ID!, $prefix: String) { personen(filter: {gemeente: $gm, naamBegintMet: $prefix}) { edges { node { id naam } } } }`},
		{"zoek naam", `query($naam: String!) { zoek(tekst: $naam) { totaal snippet: treffers { snippet kaart { id } } } }`},
		{"zoek achternaam", `query($achternaam: String!) { zoek(tekst: $achternaam) { totaal treffers { snippet kaart { id } } } }`},
		{"zoek email", `query($email: String!) { zoek(tekst: $email) { totaal treffers { snippet kaart { id } } } }`},
		{"zoek telefoon", `query($telefoon: String!) { zoek(tekst: $telefoon) { totaal treffers { snippet kaart { id } } } }`},
		{"suggesties", `query($voornaam: String!) { suggesties(tekst: $voornaam) { id naam } }`},
		{"geschiedenis", `query($id: ID!) { geschiedenis(id: $id, first: 100) { wijzigingen { soort voor na reden } } }`},
		{"geschiedenis contact", `query($c: ID!) { geschiedenis(id: $c, first: 100) { wijzigingen { soort voor na } } }`},
		{"geschiedenis netwerk", `query($netwerk: ID!) { geschiedenis(id: $netwerk, first: 100) { wijzigingen { soort voor na } } }`},
		{"persoonsgegevens", `query($id: ID!) { persoonsgegevens(id: $id) }`},
		{"netwerk", `query($netwerk: ID!) { netwerk(id: $netwerk) { leden { lid { ... on Persoon { naam } } } } }`},
	}
	vars := map[string]any{"id": id, "gm": gm, "prefix": voornaam, "naam": naam, "achternaam": achternaam, "email": email,
		"telefoon": telefoon, "voornaam": voornaam, "c": contactIDs[0], "netwerk": netwerk}
	ask := func(name, query string) string {
		body, _ := json.Marshal(post(t, h, beheerder, query, vars))
		return string(body)
	}
	// Before: found through every way in.
	for _, q := range queries {
		body := ask(q.name, q.query)
		if q.name == "geschiedenis netwerk" || q.name == "zoek telefoon" {
			continue // the network's own history never held the name; phone numbers are not searchable text
		}
		if !strings.Contains(strings.ToLower(body), strings.ToLower(voornaam)) && !strings.Contains(body, email) && !strings.Contains(body, telefoonDigits) {
			t.Errorf("before erasure, %s does not find the person: %s", q.name, body)
		}
	}
	// The stored name is there verbatim (the analysed terms sit in an FST
	// whose bytes need not be contiguous).
	if found := indexHolds(t, dir, []string{naam}); len(found) == 0 {
		t.Errorf("before erasure the index files do not hold the name; the byte check below would prove nothing")
	}

	// Refused: a reason holding the person's data, and a non-beheerder.
	if r := post(t, h, beheerder, `mutation($id: ID!, $r: String!) { wisPersoon(id: $id, reden: $r) }`, map[string]any{"id": id, "r": "verzoek van " + naam}); len(r.Errors) == 0 || r.Errors[0].Extensions["field"] != "reden" {
		t.Errorf("reason with the name: %+v; want a field error on reden", r.Errors)
	}
	regisseur := kaart.WithViewer(ctx, kaart.Viewer{Rol: kaart.Regisseur, Gemeente: gm, Gebieden: []string{gm}})
	if r := post(t, h, regisseur, `mutation($id: ID!) { wisPersoon(id: $id, reden: "AVG-verzoek 17") }`, map[string]any{"id": id}); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "FORBIDDEN" {
		t.Errorf("regisseur erases: %+v; want FORBIDDEN", r.Errors)
	}

	mustData(t, post(t, h, beheerder, `mutation($id: ID!) { wisPersoon(id: $id, reden: "AVG-verzoek 17") }`, map[string]any{"id": id}))

	for _, q := range queries {
		body := ask(q.name, q.query)
		for _, n := range needles {
			if strings.Contains(strings.ToLower(body), strings.ToLower(n)) {
				t.Errorf("after erasure, %s still returns %q: %s", q.name, n, body)
			}
		}
	}
	hist := ask("geschiedenis", `query($id: ID!) { geschiedenis(id: $id) { wijzigingen { soort reden door } } }`)
	if !strings.Contains(hist, `"soort":"GEWIST"`) || !strings.Contains(hist, "AVG-verzoek 17") || strings.Count(hist, `"soort"`) != 1 {
		t.Errorf("history after erasure = %s; want only the GEWIST entry", hist)
	}
	if found := indexHolds(t, dir, needles); len(found) > 0 {
		t.Errorf("after erasure the search index files still hold %v", found)
	}
}

// TestGeschiedenisOverGraphQL reads the history page by page, restores an
// earlier version and withdraws a consent through the GraphQL API.
func TestGeschiedenisOverGraphQL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := neo4jtest.Open(t)
	gm := neo4jtest.Gemeente(t, s)
	h := graph.NewHandler(&kaart.Service{Store: s}, graph.Options{}, nil)
	beheerder := kaart.WithViewer(ctx, kaart.Viewer{Rol: kaart.Beheerder, Gemeente: gm, Naam: "Anna (beheerder)"})

	org := mustData(t, post(t, h, beheerder, `mutation($gm: ID!) { maakOrganisatie(input: {gemeente: $gm, naam: "Wijkcentrum Oud", sector: WELZIJN}) { id } }`,
		map[string]any{"gm": gm}))["maakOrganisatie"].(map[string]any)["id"].(string)
	mustData(t, post(t, h, beheerder, `mutation($id: ID!) { wijzigOrganisatie(id: $id, versie: 1, input: {naam: "Wijkcentrum Nieuw"}) { id } }`, map[string]any{"id": org}))

	const q = `query($id: ID!, $after: String) { geschiedenis(id: $id, first: 1, after: $after) {
		wijzigingen { soort door versie voor na } pageInfo { hasNextPage endCursor } } }`
	var soorten []string
	var after any
	for i := 0; i < 3; i++ {
		g := mustData(t, post(t, h, beheerder, q, map[string]any{"id": org, "after": after}))["geschiedenis"].(map[string]any)
		for _, w := range g["wijzigingen"].([]any) {
			w := w.(map[string]any)
			soorten = append(soorten, w["soort"].(string))
			if w["door"] != "Anna (beheerder)" {
				t.Errorf("door = %v", w["door"])
			}
		}
		pi := g["pageInfo"].(map[string]any)
		if pi["hasNextPage"] != true {
			break
		}
		after = pi["endCursor"]
	}
	if strings.Join(soorten, ",") != "GEWIJZIGD,AANGEMAAKT" {
		t.Errorf("history = %v; want GEWIJZIGD,AANGEMAAKT", soorten)
	}

	r := mustData(t, post(t, h, beheerder, `mutation($id: ID!) { herstel(type: "Organisatie", id: $id, versie: 1, huidigeVersie: 2) { id ... on Organisatie { naam versie } } }`,
		map[string]any{"id": org}))["herstel"].(map[string]any)
	if r["naam"] != "Wijkcentrum Oud" || r["versie"] != float64(3) {
		t.Errorf("herstel = %v; want the old name at versie 3", r)
	}

	codes := map[string]struct {
		ctx   context.Context
		query string
		want  string
	}{
		"anonymous history":   {ctx, `query($id: ID!) { geschiedenis(id: $id) { wijzigingen { soort } } }`, "UNAUTHENTICATED"},
		"partner history":     {kaart.WithViewer(ctx, kaart.Viewer{Rol: kaart.Partner, Organisatie: "ander"}), `query($id: ID!) { geschiedenis(id: $id) { wijzigingen { soort } } }`, "FORBIDDEN"},
		"partner export":      {kaart.WithViewer(ctx, kaart.Viewer{Rol: kaart.Partner, Organisatie: "ander"}), `query($id: ID!) { persoonsgegevens(id: $id) }`, "FORBIDDEN"},
		"withdraw no consent": {beheerder, `mutation($id: ID!) { trekToestemmingIn(id: $id) { id } }`, "NOT_FOUND"},
	}
	for name, c := range codes {
		resp := post(t, h, c.ctx, c.query, map[string]any{"id": org})
		if len(resp.Errors) == 0 || resp.Errors[0].Extensions["code"] != c.want {
			t.Errorf("%s: errors %+v; want %s", name, resp.Errors, c.want)
		}
	}

	p := mustData(t, post(t, h, beheerder, `mutation($gm: ID!) { maakPersoon(input: {gemeente: $gm, naam: "Sleutelfiguur", grondslag: TOESTEMMING,
		toestemmingGegevenDoor: "zelf", toestemmingGegevenOp: "2025-01-01", toestemmingZichtbaarheid: PARTNERS, zichtbaarheid: PARTNERS}) { id } }`,
		map[string]any{"gm": gm}))["maakPersoon"].(map[string]any)["id"].(string)
	resp := post(t, h, beheerder, `mutation($id: ID!) { wijzigPersoon(id: $id, versie: 1, input: {zichtbaarheid: OPENBAAR}) { id } }`, map[string]any{"id": p})
	if len(resp.Errors) == 0 || resp.Errors[0].Extensions["field"] != "input.zichtbaarheid" {
		t.Errorf("beyond consent: %+v; want a field error on input.zichtbaarheid", resp.Errors)
	}
	w := mustData(t, post(t, h, beheerder, `mutation($id: ID!) { trekToestemmingIn(id: $id) { zichtbaarheid toestemmingIngetrokkenOp toestemmingZichtbaarheid } }`,
		map[string]any{"id": p}))["trekToestemmingIn"].(map[string]any)
	if w["zichtbaarheid"] != "INTERN" || w["toestemmingIngetrokkenOp"] == nil || w["toestemmingZichtbaarheid"] != "PARTNERS" {
		t.Errorf("after withdrawal: %v", w)
	}
}
