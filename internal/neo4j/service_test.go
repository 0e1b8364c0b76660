package neo4j_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// fixture is one test's own gemeente with a service on the shared test database.
type fixture struct {
	t     *testing.T
	store *neo4j.Store
	svc   *kaart.Service
	gm    string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	t.Parallel()
	s := neo4jtest.Open(t)
	return &fixture{t: t, store: s, svc: &kaart.Service{Store: s}, gm: neo4jtest.Gemeente(t, s)}
}

func as(v kaart.Viewer) context.Context { return kaart.WithViewer(context.Background(), v) }

func (f *fixture) beheerder() context.Context {
	return as(kaart.Viewer{Rol: kaart.Beheerder, Gemeente: f.gm})
}

func (f *fixture) mustCreate(ctx context.Context, typ string, in kaart.Input) kaart.Node {
	f.t.Helper()
	if _, ok := in["gemeente"]; !ok && typ != "Gebied" {
		in["gemeente"] = f.gm
	}
	n, err := f.svc.Create(ctx, typ, in)
	if err != nil {
		f.t.Fatalf("Create(%s, %v): %v", typ, in, err)
	}
	return n
}

func (f *fixture) count(typ string) int {
	f.t.Helper()
	n, err := f.svc.Count(as(neo4jtest.Platform), typ, kaart.ListFilter{Gemeente: f.gm})
	if err != nil {
		f.t.Fatalf("Count(%s): %v", typ, err)
	}
	return n
}

func fieldErrors(err error) map[string]string {
	out := map[string]string{}
	var v kaart.ValidationErrors
	if errors.As(err, &v) {
		for _, e := range v {
			out[e.Field] = e.Message
		}
	}
	return out
}

func TestValidationRejectsBadInputAndWritesNothing(t *testing.T) {
	f := newFixture(t)
	org := f.mustCreate(f.beheerder(), "Organisatie", kaart.Input{"naam": "Wijkbureau Overvecht", "sector": "GEMEENTELIJKE_DIENST"})
	cases := []struct {
		name  string
		typ   string
		in    kaart.Input
		field string
	}{
		{"missing name", "Organisatie", kaart.Input{"sector": "WELZIJN"}, "input.naam"},
		{"too long", "Organisatie", kaart.Input{"naam": strings.Repeat("a", 201), "sector": "WELZIJN"}, "input.naam"},
		{"unknown enum", "Organisatie", kaart.Input{"naam": "X", "sector": "BAKKERIJ"}, "input.sector"},
		{"bad kvk", "Organisatie", kaart.Input{"naam": "X", "sector": "ZORG", "kvkNummer": "12AB"}, "input.kvkNummer"},
		{"bad e-mail", "Contactgegeven", kaart.Input{"soort": "EMAIL", "waarde": "geen-mail@", "van": org.ID()}, "input.waarde"},
		{"bad url", "Contactgegeven", kaart.Input{"soort": "WEB", "waarde": "ftp://x.nl", "van": org.ID()}, "input.waarde"},
		{"bad phone", "Contactgegeven", kaart.Input{"soort": "TELEFOON", "waarde": "12345", "van": org.ID()}, "input.waarde"},
		{"foreign phone", "Contactgegeven", kaart.Input{"soort": "TELEFOON", "waarde": "+32 2 123 45 67", "van": org.ID()}, "input.waarde"},
		{"postcode SS", "Locatie", kaart.Input{"naam": "X", "postcode": "3511 SS"}, "input.postcode"},
		{"postcode shape", "Locatie", kaart.Input{"naam": "X", "postcode": "0123 AB"}, "input.postcode"},
		{"bad date", "Coalitie", kaart.Input{"naam": "X", "soort": "VAST", "geldigVan": "2024-02-30"}, "input.geldigVan"},
		{"period reversed", "Coalitie", kaart.Input{"naam": "X", "soort": "VAST", "geldigVan": "2024-05-01", "geldigTot": "2024-01-01"}, "input.geldigTot"},
		{"missing reference", "Functie", kaart.Input{"titel": "Wijkagent", "rol": "WIJKAGENT", "niveau": "FRONTLIJN", "organisatie": "bestaat-niet"}, "input.organisatie"},
		{"wrong reference type", "Functie", kaart.Input{"titel": "Wijkagent", "rol": "WIJKAGENT", "niveau": "FRONTLIJN", "organisatie": f.gm}, "input.organisatie"},
		{"bad niveau", "Functie", kaart.Input{"titel": "Wijkagent", "rol": "WIJKAGENT", "niveau": "HOOG", "organisatie": org.ID()}, "input.niveau"},
		{"unknown field", "Thema", kaart.Input{"naam": "Jeugd", "kleur": "rood"}, "input.kleur"},
		{"control characters", "Thema", kaart.Input{"naam": "Jeu\x00gd"}, "input.naam"},
		{"buurt under gemeente", "Gebied", kaart.Input{"naam": "Lombok", "soort": "BUURT", "ouder": f.gm}, "input.ouder"},
		{"bad cbs code", "Gebied", kaart.Input{"naam": "West", "soort": "WIJK", "ouder": f.gm, "cbsCode": "BU034401"}, "input.cbsCode"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := f.count(tc.typ)
			if tc.typ != "Gebied" {
				tc.in["gemeente"] = f.gm
			}
			_, err := f.svc.Create(f.beheerder(), tc.typ, tc.in)
			if kaart.ErrorCode(err) != kaart.EINVALID {
				t.Fatalf("Create(%v) code = %q (%v); want BAD_USER_INPUT", tc.in, kaart.ErrorCode(err), err)
			}
			if msg, ok := fieldErrors(err)[tc.field]; !ok || msg == "" {
				t.Fatalf("Create(%v) field errors = %v; want one for %s", tc.in, fieldErrors(err), tc.field)
			}
			if after := f.count(tc.typ); after != before {
				t.Fatalf("count(%s) = %d after a refused create; want %d", tc.typ, after, before)
			}
		})
	}
}

func TestAllFieldErrorsComeBackTogether(t *testing.T) {
	f := newFixture(t)
	_, err := f.svc.Create(f.beheerder(), "Locatie", kaart.Input{"gemeente": f.gm, "postcode": "3511 SA", "lat": 123.0})
	got := fieldErrors(err)
	for _, field := range []string{"input.naam", "input.postcode", "input.lat"} {
		if _, ok := got[field]; !ok {
			t.Errorf("field errors = %v; missing %s", got, field)
		}
	}
}

func TestDutchPhoneNumbersAreAccepted(t *testing.T) {
	f := newFixture(t)
	org := f.mustCreate(f.beheerder(), "Organisatie", kaart.Input{"naam": "Politie", "sector": "POLITIE"})
	for _, nr := range []string{"14 030", "0900-8844", "088 123 4567", "+31 6 12345678", "030-2345678", "0800-2000"} {
		n := f.mustCreate(f.beheerder(), "Contactgegeven", kaart.Input{"soort": "TELEFOON", "waarde": nr, "van": org.ID()})
		if n.Props["waarde"] == "" {
			t.Errorf("Create(telefoon %q) stored %v", nr, n.Props["waarde"])
		}
	}
}

func TestUpdateKeepsAbsentFieldsAndClearsNull(t *testing.T) {
	f := newFixture(t)
	n := f.mustCreate(f.beheerder(), "Organisatie", kaart.Input{"naam": "Lokalis", "sector": "WELZIJN", "omschrijving": "Sociaal werk", "kvkNummer": "90000001"})
	u, err := f.svc.Update(f.beheerder(), "Organisatie", n.ID(), 1, kaart.Input{"omschrijving": nil, "naam": "Lokalis Utrecht"})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if u.Props["naam"] != "Lokalis Utrecht" || u.Props["kvkNummer"] != "90000001" || u.Props["omschrijving"] != nil || u.Props["versie"] != int64(2) {
		t.Fatalf("Update = %v; want new naam, kvk kept, omschrijving cleared, versie 2", u.Props)
	}
}

func TestConcurrentUpdatesWithSameVersieOneWins(t *testing.T) {
	f := newFixture(t)
	n := f.mustCreate(f.beheerder(), "Organisatie", kaart.Input{"naam": "JoU", "sector": "WELZIJN"})
	const writers = 8
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.svc.Update(f.beheerder(), "Organisatie", n.ID(), 1, kaart.Input{"omschrijving": fmt.Sprintf("schrijver %d", i)})
		}()
	}
	wg.Wait()
	ok, conflicts := 0, 0
	for _, err := range errs {
		switch kaart.ErrorCode(err) {
		case "":
			ok++
		case kaart.ECONFLICT:
			conflicts++
		default:
			t.Errorf("Update: unexpected error %v", err)
		}
	}
	if ok != 1 || conflicts != writers-1 {
		t.Fatalf("%d updates succeeded and %d conflicted; want 1 and %d", ok, conflicts, writers-1)
	}
	got, _ := f.svc.Get(f.beheerder(), nil, []string{n.ID()})
	if v := got[n.ID()].Props["versie"]; v != int64(2) {
		t.Fatalf("versie after the race = %v; want 2", v)
	}
}

func TestDeleteWithDependentsIsRefused(t *testing.T) {
	f := newFixture(t)
	org := f.mustCreate(f.beheerder(), "Organisatie", kaart.Input{"naam": "Buurtteam", "sector": "ZORG"})
	fun := f.mustCreate(f.beheerder(), "Functie", kaart.Input{"titel": "Buurtteammedewerker", "rol": "BUURTTEAMMEDEWERKER", "niveau": "uitvoerend", "organisatie": org.ID()})
	if fun.Props["niveau"] != "FRONTLIJN" {
		t.Errorf("niveau 'uitvoerend' stored as %v; want FRONTLIJN", fun.Props["niveau"])
	}
	err := f.svc.Delete(f.beheerder(), "Organisatie", org.ID(), 1)
	var e *kaart.Error
	if !errors.As(err, &e) || e.Code != kaart.ECONFLICT || len(e.Afhankelijk) != 1 || e.Afhankelijk[0] != fun.ID() {
		t.Fatalf("Delete(org with functie) = %v; want CONFLICT naming %s", err, fun.ID())
	}
	if err := f.svc.Delete(f.beheerder(), "Functie", fun.ID(), 1); err != nil {
		t.Fatalf("Delete(functie): %v", err)
	}
	if err := f.svc.Delete(f.beheerder(), "Organisatie", org.ID(), 1); err != nil {
		t.Fatalf("Delete(org without dependents): %v", err)
	}
	if got, _ := f.svc.Get(f.beheerder(), nil, []string{org.ID()}); len(got) != 0 {
		t.Fatalf("Get after delete = %v; want nothing", got)
	}
}

func TestAnonymousNeverSeesHiddenRecords(t *testing.T) {
	f := newFixture(t)
	ctx := f.beheerder()
	public := f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Aaa openbaar", "sector": "WELZIJN"})
	partners := f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Bbb partners", "sector": "WELZIJN", "zichtbaarheid": "PARTNERS"})
	intern := f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Ccc intern", "sector": "WELZIJN", "zichtbaarheid": "INTERN"})
	public2 := f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Ddd openbaar", "sector": "WELZIJN"})
	hiddenPhone := f.mustCreate(ctx, "Contactgegeven", kaart.Input{"soort": "TELEFOON", "waarde": "06 12345678", "van": public.ID(), "zichtbaarheid": "PARTNERS"})
	publicPhone := f.mustCreate(ctx, "Contactgegeven", kaart.Input{"soort": "TELEFOON", "waarde": "030 1234567", "van": public.ID(), "zichtbaarheid": "OPENBAAR"})
	f.mustCreate(ctx, "Contactgegeven", kaart.Input{"soort": "EMAIL", "waarde": "x@demo.example", "van": intern.ID(), "zichtbaarheid": "OPENBAAR"})

	anon := as(kaart.Viewer{})
	partner := as(kaart.Viewer{Rol: kaart.Partner, Organisatie: public.ID()})

	// By id.
	got, err := f.svc.Get(anon, nil, []string{public.ID(), partners.ID(), intern.ID()})
	if err != nil || len(got) != 1 || got[public.ID()].ID() == "" {
		t.Fatalf("anonymous Get = %v, %v; want only the public one", got, err)
	}
	// By list and count, paging one at a time so the cursor is exercised.
	var seen []string
	filter := kaart.ListFilter{Gemeente: f.gm, First: 1}
	for {
		page, err := f.svc.List(anon, "Organisatie", filter)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range page.Nodes {
			seen = append(seen, n.ID())
		}
		if !page.HasNextPage {
			break
		}
		filter.After = &page.Cursors[len(page.Cursors)-1]
	}
	if want := []string{public.ID(), public2.ID()}; strings.Join(seen, ",") != strings.Join(want, ",") {
		t.Fatalf("anonymous list = %v; want %v", seen, want)
	}
	if n, _ := f.svc.Count(anon, "Organisatie", kaart.ListFilter{Gemeente: f.gm}); n != 2 {
		t.Fatalf("anonymous count = %d; want 2", n)
	}
	if n, _ := f.svc.Count(partner, "Organisatie", kaart.ListFilter{Gemeente: f.gm}); n != 3 {
		t.Fatalf("partner count = %d; want 3 (OPENBAAR and PARTNERS)", n)
	}
	// A cursor made from a hidden record's position reveals nothing hidden.
	page, _ := f.svc.List(anon, "Organisatie", kaart.ListFilter{Gemeente: f.gm, After: &kaart.Cursor{Sort: "bbb partners", ID: partners.ID()}})
	if len(page.Nodes) != 1 || page.Nodes[0].ID() != public2.ID() {
		t.Fatalf("anonymous list after a hidden cursor = %v; want only %s", page.Nodes, public2.ID())
	}
	// Nested: the public organisation's contactgegevens.
	nb, _ := f.svc.Neighbours(anon, kaart.NeighbourQuery{Relation: "HEEFT_CONTACT", Outgoing: true, From: []string{public.ID(), intern.ID()}})
	var phones []string
	for _, list := range nb {
		for _, n := range list {
			phones = append(phones, n.Node.ID())
		}
	}
	if len(phones) != 1 || phones[0] != publicPhone.ID() {
		t.Fatalf("anonymous contactgegevens = %v; want only %s (not %s, not those of a hidden organisation)", phones, publicPhone.ID(), hiddenPhone.ID())
	}
	// Errors: a hidden record reads exactly like a missing one.
	_, errHidden := f.svc.Update(partner, "Organisatie", intern.ID(), 1, kaart.Input{"naam": "x"})
	_, errMissing := f.svc.Update(partner, "Organisatie", "org-bestaat-niet", 1, kaart.Input{"naam": "x"})
	if kaart.ErrorCode(errHidden) != kaart.ENOTFOUND || strings.Replace(kaart.ErrorMessage(errHidden), intern.ID(), "ID", 1) != strings.Replace(kaart.ErrorMessage(errMissing), "org-bestaat-niet", "ID", 1) {
		t.Fatalf("hidden: %v; missing: %v; want the same NOT_FOUND message", errHidden, errMissing)
	}
	// Anonymous viewers cannot write at all.
	if _, err := f.svc.Create(anon, "Thema", kaart.Input{"naam": "X", "gemeente": f.gm}); kaart.ErrorCode(err) != kaart.EUNAUTHENTICATED {
		t.Fatalf("anonymous Create = %v; want UNAUTHENTICATED", err)
	}
}

func TestGebiedTreeAndSubAreaFilter(t *testing.T) {
	f := newFixture(t)
	ctx := f.beheerder()
	wijk := f.mustCreate(ctx, "Gebied", kaart.Input{"naam": "Zuid", "soort": "WIJK", "ouder": f.gm, "cbsCode": neo4jtest.CBSCode("WK", 6), "indelingsjaar": 2024})
	buurt := f.mustCreate(ctx, "Gebied", kaart.Input{"naam": "Hoograven", "soort": "BUURT", "ouder": wijk.ID(), "cbsCode": neo4jtest.CBSCode("BU", 8)})
	if buurt.Props["gemeente"] != f.gm {
		t.Fatalf("buurt gemeente = %v; want %s", buurt.Props["gemeente"], f.gm)
	}
	org := f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Buurthuis Hoograven", "sector": "WELZIJN"})
	other := f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Elders", "sector": "WELZIJN"})
	if _, err := f.svc.Link(ctx, "BEDIENT", org.ID(), buurt.ID(), kaart.Input{}); err != nil {
		t.Fatalf("Link: %v", err)
	}
	_ = other
	page, err := f.svc.List(ctx, "Organisatie", kaart.ListFilter{Gebied: wijk.ID()})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Nodes) != 1 || page.Nodes[0].ID() != org.ID() {
		t.Fatalf("organisaties in wijk Zuid = %v; want the one serving buurt Hoograven", page.Nodes)
	}
	gebieden, _ := f.svc.List(ctx, "Gebied", kaart.ListFilter{Gebied: f.gm})
	var names []string
	for _, n := range gebieden.Nodes {
		names = append(names, n.Props["naam"].(string))
	}
	sort.Strings(names)
	if strings.Join(names, ",") != "Hoograven,Zuid" {
		t.Fatalf("gebieden under the gemeente = %v; want Hoograven,Zuid", names)
	}
}

func TestRegionalOrganisationAppearsInEveryGemeenteItServes(t *testing.T) {
	f := newFixture(t)
	other := neo4jtest.Gemeente(t, f.store)
	platform := as(neo4jtest.Platform)
	wijk := f.mustCreate(platform, "Gebied", kaart.Input{"naam": "Centrum", "soort": "WIJK", "ouder": other})
	regio := f.mustCreate(platform, "Organisatie", kaart.Input{"naam": "Veiligheidsregio", "sector": "POLITIE"})
	if _, err := f.svc.Link(platform, "BEDIENT", regio.ID(), wijk.ID(), kaart.Input{}); err != nil {
		t.Fatalf("Link: %v", err)
	}
	for _, gm := range []string{f.gm, other} {
		page, err := f.svc.List(as(kaart.Viewer{}), "Organisatie", kaart.ListFilter{Gemeente: gm})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Nodes) != 1 || page.Nodes[0].ID() != regio.ID() {
			t.Errorf("organisaties in %s = %v; want the one regional organisation", gm, page.Nodes)
		}
	}
}

func TestExportOfAGemeentePassesItsOwnImportCheck(t *testing.T) {
	f := newFixture(t)
	ctx := f.beheerder()
	org := f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "DOCK", "sector": "WELZIJN", "geldigVan": "2020-01-01"})
	dg := f.mustCreate(ctx, "Doelgroep", kaart.Input{"naam": "Jongeren"})
	f.mustCreate(ctx, "Contactgegeven", kaart.Input{"soort": "EMAIL", "waarde": "info@demo.example", "van": org.ID()})
	if _, err := f.svc.Link(ctx, "BEREIKT", org.ID(), dg.ID(), kaart.Input{"zichtbaarheid": "PARTNERS"}); err != nil {
		t.Fatal(err)
	}
	doc, err := f.store.Export(context.Background(), f.gm)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Records) != 4 || len(doc.Koppelingen) != 2 {
		t.Fatalf("export has %d records and %d koppelingen; want 4 and 2", len(doc.Records), len(doc.Koppelingen))
	}
	if err := kaart.CheckExport(doc); err != nil {
		t.Fatalf("CheckExport(export) = %v; want nil", err)
	}
}
