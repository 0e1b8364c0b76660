package neo4j_test

import (
	"context"
	"sync"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// A CBS code names one gebied in the country: a second gebied with it, in
// any gemeente, is CONFLICT on input.cbsCode naming the first.
func TestCBSCodeIsOneGebied(t *testing.T) {
	f := newFixture(t)
	other := neo4jtest.Gemeente(t, f.store)
	code := neo4jtest.CBSCode("WK", 6)
	first := f.mustCreate(f.beheerder(), "Gebied", kaart.Input{"naam": "Zuid", "soort": "WIJK", "ouder": f.gm, "cbsCode": code})
	_, err := f.svc.Create(as(neo4jtest.Platform), "Gebied", kaart.Input{"naam": "Zuid", "soort": "WIJK", "ouder": other, "cbsCode": code})
	if c, field, bestaand := conflictWith(err); c != kaart.ECONFLICT || field != "input.cbsCode" || bestaand != first.ID() {
		t.Errorf("second gebied with %s = %v (%s %s %s); want CONFLICT on input.cbsCode naming %s", code, err, c, field, bestaand, first.ID())
	}
	// Changing another wijk to the code is the same fact twice.
	noord := f.mustCreate(f.beheerder(), "Gebied", kaart.Input{"naam": "Noord", "soort": "WIJK", "ouder": f.gm, "cbsCode": neo4jtest.CBSCode("WK", 6)})
	_, err = f.svc.Update(f.beheerder(), "Gebied", noord.ID(), 1, kaart.Input{"cbsCode": code})
	if c, field, _ := conflictWith(err); c != kaart.ECONFLICT || field != "input.cbsCode" {
		t.Errorf("Update to %s = %v; want CONFLICT on input.cbsCode", code, err)
	}
}

// Concurrent creates of one CBS code: the constraint lets one through, the
// others are CONFLICT on input.cbsCode, never INTERNAL.
func TestConcurrentCreatesOfOneCBSCode(t *testing.T) {
	f := newFixture(t)
	code := neo4jtest.CBSCode("WK", 6)
	const n = 5
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.svc.Create(f.beheerder(), "Gebied", kaart.Input{"naam": "Zuid", "soort": "WIJK", "ouder": f.gm, "cbsCode": code})
		}()
	}
	wg.Wait()
	made := 0
	for _, err := range errs {
		c, field, _ := conflictWith(err)
		switch {
		case err == nil:
			made++
		case c != kaart.ECONFLICT || field != "input.cbsCode":
			t.Errorf("concurrent Create = %v; want nil or CONFLICT on input.cbsCode", err)
		}
	}
	if made != 1 {
		t.Errorf("%d of %d concurrent creates of %s succeeded; want 1", made, n, code)
	}
}

// A KvK number is one organisation per gemeente; another gemeente's kaart
// may hold the same organisation.
func TestKvKNummerIsOneOrganisatiePerGemeente(t *testing.T) {
	f := newFixture(t)
	ctx := f.beheerder()
	first := f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Lokalis", "sector": "WELZIJN", "kvkNummer": "90000015"})
	_, err := f.svc.Create(ctx, "Organisatie", kaart.Input{"gemeente": f.gm, "naam": "Lokalis", "sector": "WELZIJN", "kvkNummer": "90000015"})
	if c, field, bestaand := conflictWith(err); c != kaart.ECONFLICT || field != "input.kvkNummer" || bestaand != first.ID() {
		t.Errorf("second organisatie with one KvK number = %v (%s %s %s); want CONFLICT on input.kvkNummer naming %s", err, c, field, bestaand, first.ID())
	}
	other := neo4jtest.Gemeente(t, f.store)
	if _, err := f.svc.Create(as(neo4jtest.Platform), "Organisatie", kaart.Input{"gemeente": other, "naam": "Lokalis", "sector": "WELZIJN", "kvkNummer": "90000015"}); err != nil {
		t.Errorf("the organisatie in another gemeente: %v", err)
	}
	if n := f.count("Organisatie"); n != 1 {
		t.Errorf("organisaties = %d; want 1", n)
	}
}

// What was stored twice before the rule existed is merged by the
// migration into the oldest, which takes over what the others had and it
// lacked; the history keeps each removed one, by "migratie".
func TestMigrateMergesKoppelingenStoredTwice(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	org, coa := f.gm+"-org", f.gm+"-coa"
	doc := &kaart.Export{Formaat: kaart.ExportFormat, Versie: kaart.ExportVersion, Records: []kaart.ExportRecord{
		{Type: "Organisatie", Eigenschappen: map[string]any{"id": org, "naam": "Buurtteam", "sector": "WELZIJN", "gemeente": f.gm}},
		{Type: "Coalitie", Eigenschappen: map[string]any{"id": coa, "naam": "Samen", "soort": "VAST", "gemeente": f.gm}},
	}}
	if err := f.store.Import(ctx, doc); err != nil {
		t.Fatalf("Import: %v", err)
	}
	// As koppel made them before it refused the second.
	for range 3 {
		if err := f.store.LinkTwiceForTest(ctx, "LID_VAN", org, coa, map[string]any{"niveau": "FRONTLIJN", "zichtbaarheid": "OPENBAAR"}); err != nil {
			t.Fatalf("LinkTwiceForTest: %v", err)
		}
	}
	// And one that says a little more: nothing of it may be lost.
	if err := f.store.LinkTwiceForTest(ctx, "LID_VAN", org, coa, map[string]any{"niveau": "FRONTLIJN", "zichtbaarheid": "OPENBAAR", "rol": "trekker"}); err != nil {
		t.Fatalf("LinkTwiceForTest: %v", err)
	}
	if n := f.members(coa, "FRONTLIJN"); n != 4 {
		t.Fatalf("FRONTLIJN members before Migrate = %d; want 4", n)
	}
	if err := f.store.Migrate(ctx); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	got, err := f.svc.Neighbours(f.beheerder(), kaart.NeighbourQuery{From: []string{coa}, Relation: "LID_VAN"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(got[coa]); n != 1 || got[coa][0].Koppeling.Props["rol"] != "trekker" {
		t.Errorf("members after Migrate = %+v; want one, with rol trekker", got[coa])
	}
	page, err := f.svc.Geschiedenis(f.beheerder(), org, 10, "")
	if err != nil {
		t.Fatalf("Geschiedenis: %v", err)
	}
	merged := 0
	for _, w := range page.Wijzigingen {
		if w.Soort == kaart.WijzigingOntkoppeld && w.Door == "migratie" {
			merged++
		}
	}
	if merged != 3 {
		t.Errorf("history has %d koppelingen removed by the migration; want 3: %+v", merged, page.Wijzigingen)
	}
}
