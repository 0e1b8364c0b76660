package neo4j_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"strings"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// countContaining counts the nodes and relationships in the whole database
// with any property whose text contains s (case-insensitive).
func countContaining(t *testing.T, s string) int64 {
	t.Helper()
	ctx := context.Background()
	d, err := driver.NewDriverWithContext(neo4jtest.URI(t), driver.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	res, err := driver.ExecuteQuery(ctx, d, `
		CALL () {
			MATCH (n) WHERE any(k IN keys(n) WHERE toLower(toStringOrNull(n[k])) CONTAINS $s)
			RETURN count(n) AS c
			UNION ALL
			MATCH ()-[r]->() WHERE any(k IN keys(r) WHERE toLower(toStringOrNull(r[k])) CONTAINS $s)
			RETURN count(r) AS c
		}
		RETURN sum(c)`, map[string]any{"s": strings.ToLower(s)}, driver.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := res.Records[0].Values[0].(int64)
	return n
}

// TestPersoonsgegevensAndWisPersoon exports a person with everything about
// them, then erases them and finds their name, e-mail address and phone
// number in no node or relationship of the database any more.
func TestPersoonsgegevensAndWisPersoon(t *testing.T) {
	f := newFixture(t)
	ctx := f.beheerder()
	naam := "Ysolde Vrijdagmarkt" + strings.ReplaceAll(f.gm[len(f.gm)-6:], "-", "")
	email := "ysolde." + f.gm[len(f.gm)-6:] + "@voorbeeld.nl"
	p := f.mustCreate(ctx, "Persoon", kaart.Input{"naam": naam, "grondslag": "TOESTEMMING", "toestemmingGegevenDoor": naam, "toestemmingGegevenOp": "2025-01-02", "zichtbaarheid": "PARTNERS", "toestemmingZichtbaarheid": "PARTNERS"})
	f.mustCreate(ctx, "Contactgegeven", kaart.Input{"soort": "EMAIL", "waarde": email, "van": p.ID()})
	var digits [8]byte
	_, _ = rand.Read(digits[:])
	nummer := "06"
	for _, d := range digits {
		nummer += string(rune('0' + d%10))
	}
	tel := f.mustCreate(ctx, "Contactgegeven", kaart.Input{"soort": "TELEFOON", "waarde": nummer, "van": p.ID()})
	telefoon := tel.Props["waarde"].(string)
	// A contactgegeven deleted earlier still has history: it goes too.
	oud := f.mustCreate(ctx, "Contactgegeven", kaart.Input{"soort": "EMAIL", "waarde": "oud." + email, "van": p.ID()})
	if err := f.svc.Delete(ctx, "Contactgegeven", oud.ID(), 1); err != nil {
		t.Fatal(err)
	}
	org := f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Wijkcentrum", "sector": "WELZIJN"})
	fn := f.mustCreate(ctx, "Functie", kaart.Input{"titel": "Buurtvader", "rol": "OVERIG", "niveau": "FRONTLIJN", "organisatie": org.ID()})
	if _, err := f.svc.Link(ctx, "BEKLEEDT", p.ID(), fn.ID(), kaart.Input{}); err != nil {
		t.Fatal(err)
	}
	ander := f.mustCreate(ctx, "Persoon", kaart.Input{"naam": "Buurman", "grondslag": "GERECHTVAARDIGD_BELANG"})
	if _, err := f.svc.Link(ctx, "KENT", ander.ID(), p.ID(), kaart.Input{"bron": "gesprek met " + naam}); err != nil {
		t.Fatal(err)
	}

	// A proposal from a partner to correct the person's name.
	if _, err := f.svc.DoeVoorstel(as(kaart.Viewer{Rol: kaart.Partner, Organisatie: org.ID()}), p.ID(), "Persoon", kaart.Input{"naam": naam + " (juist)"}, "spelling van "+naam); err != nil {
		t.Fatal(err)
	}

	// Export: for the gemeente beheerder and a regisseur in scope only.
	export, err := f.svc.Persoonsgegevens(ctx, p.ID())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(export)
	for _, want := range []string{naam, email, telefoon, "oud." + email, "BEKLEEDT", "Buurtvader", "KENT", "AANGEMAAKT", "VERWIJDERD"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("export lacks %q: %s", want, b)
		}
	}
	regisseur := as(kaart.Viewer{Rol: kaart.Regisseur, Gemeente: f.gm, Gebieden: []string{f.gm}})
	if _, err := f.svc.Persoonsgegevens(regisseur, p.ID()); err != nil {
		t.Errorf("regisseur in scope exports: %v", err)
	}
	for name, c := range map[string]context.Context{
		"partner":             as(kaart.Viewer{Rol: kaart.Partner, Organisatie: org.ID()}),
		"regisseur elsewhere": as(kaart.Viewer{Rol: kaart.Regisseur, Gemeente: "elders"}),
		"anonymous":           context.Background(),
	} {
		if _, err := f.svc.Persoonsgegevens(c, p.ID()); err == nil {
			t.Errorf("%s exports persoonsgegevens", name)
		}
	}
	if err := f.svc.WisPersoon(regisseur, p.ID(), "AVG-verzoek 9"); kaart.ErrorCode(err) != kaart.EFORBIDDEN {
		t.Errorf("regisseur erases: %v; want FORBIDDEN", err)
	}
	if err := f.svc.WisPersoon(ctx, p.ID(), "verzoek van "+strings.ToUpper(email)); kaart.ErrorCode(err) != kaart.EINVALID {
		t.Errorf("reason with the e-mail address: %v; want BAD_USER_INPUT", err)
	}
	if err := f.svc.WisPersoon(ctx, p.ID(), " "); kaart.ErrorCode(err) != kaart.EINVALID {
		t.Errorf("empty reason: %v; want BAD_USER_INPUT", err)
	}

	if err := f.svc.WisPersoon(ctx, p.ID(), "AVG-verzoek 9"); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{naam, email, telefoon} {
		if n := countContaining(t, s); n != 0 {
			t.Errorf("after erasure %d nodes or relationships still hold %q", n, s)
		}
	}
	h := f.allHistory(ctx, p.ID())
	if len(h) != 1 || h[0].Soort != "GEWIST" || h[0].Reden != "AVG-verzoek 9" || h[0].Voor != "" || h[0].Na != "" {
		t.Errorf("history after erasure = %+v; want one GEWIST entry", h)
	}
	// Functie and the other person live on; the person is gone from them.
	got, err := f.svc.Get(ctx, nil, []string{p.ID(), fn.ID(), ander.ID()})
	if err != nil || len(got) != 2 {
		t.Errorf("after erasure Get = %v, %v; want the Functie and the other person only", got, err)
	}
	if _, err := f.svc.Persoonsgegevens(ctx, p.ID()); kaart.ErrorCode(err) != kaart.ENOTFOUND {
		t.Errorf("export after erasure: %v; want NOT_FOUND", err)
	}
	if err := f.svc.WisPersoon(ctx, p.ID(), "AVG-verzoek 9"); kaart.ErrorCode(err) != kaart.ENOTFOUND {
		t.Errorf("second erasure: %v; want NOT_FOUND", err)
	}
}
