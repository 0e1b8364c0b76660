package neo4j_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

func conflictWith(err error) (code, field, bestaand string) {
	var e *kaart.Error
	if errors.As(err, &e) {
		return e.Code, e.Field, e.Bestaand
	}
	return kaart.ErrorCode(err), "", ""
}

func (f *fixture) members(coalitie, niveau string) int {
	f.t.Helper()
	got, err := f.svc.Neighbours(f.beheerder(), kaart.NeighbourQuery{From: []string{coalitie}, Relation: "LID_VAN", Niveau: niveau})
	if err != nil {
		f.t.Fatalf("Neighbours(LID_VAN): %v", err)
	}
	return len(got[coalitie])
}

// A second koppel of the same soort, van, naar (and niveau, for LID_VAN) is
// the same fact twice: CONFLICT naming the one there, and the coalitie still
// counts the member once on that niveau.
func TestKoppelTwiceIsAConflictNamingTheExisting(t *testing.T) {
	f := newFixture(t)
	ctx := f.beheerder()
	org := f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Buurtteam", "sector": "WELZIJN"})
	coa := f.mustCreate(ctx, "Coalitie", kaart.Input{"naam": "Samen Zuid", "soort": "VAST"})
	first, err := f.svc.Link(ctx, "LID_VAN", org.ID(), coa.ID(), kaart.Input{"niveau": "FRONTLIJN"})
	if err != nil {
		t.Fatalf("Link: %v", err)
	}
	_, err = f.svc.Link(ctx, "LID_VAN", org.ID(), coa.ID(), kaart.Input{"niveau": "FRONTLIJN", "rol": "trekker"})
	if code, field, bestaand := conflictWith(err); code != kaart.ECONFLICT || field != "input.naar" || bestaand != first.ID() {
		t.Errorf("second Link = %v (%s %s %s); want CONFLICT on input.naar naming %s", err, code, field, bestaand, first.ID())
	}
	if n := f.members(coa.ID(), "FRONTLIJN"); n != 1 {
		t.Errorf("FRONTLIJN members = %d; want 1", n)
	}
	// Another niveau is another fact.
	if _, err := f.svc.Link(ctx, "LID_VAN", org.ID(), coa.ID(), kaart.Input{"niveau": "STRATEGISCH"}); err != nil {
		t.Errorf("Link on another niveau: %v", err)
	}
	wijk := f.mustCreate(ctx, "Gebied", kaart.Input{"naam": "Zuid", "soort": "WIJK", "ouder": f.gm})
	if _, err := f.svc.Link(ctx, "BEDIENT", org.ID(), wijk.ID(), kaart.Input{}); err != nil {
		t.Fatalf("Link BEDIENT: %v", err)
	}
	if _, err := f.svc.Link(ctx, "BEDIENT", org.ID(), wijk.ID(), kaart.Input{"bron": "website"}); kaart.ErrorCode(err) != kaart.ECONFLICT {
		t.Errorf("second BEDIENT = %v; want CONFLICT", err)
	}
}

// Concurrent koppels of the same fact: exactly one is made.
func TestConcurrentKoppelsMakeOne(t *testing.T) {
	f := newFixture(t)
	ctx := f.beheerder()
	org := f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Buurtteam", "sector": "WELZIJN"})
	coa := f.mustCreate(ctx, "Coalitie", kaart.Input{"naam": "Samen Zuid", "soort": "VAST"})
	const n = 6
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.svc.Link(ctx, "LID_VAN", org.ID(), coa.ID(), kaart.Input{"niveau": "FRONTLIJN"})
		}()
	}
	wg.Wait()
	made := 0
	for _, err := range errs {
		switch kaart.ErrorCode(err) {
		case "":
			made++
		case kaart.ECONFLICT:
		default:
			t.Errorf("concurrent Link: %v", err)
		}
	}
	if made != 1 {
		t.Errorf("%d of %d concurrent Links succeeded; want 1", made, n)
	}
	if got := f.members(coa.ID(), "FRONTLIJN"); got != 1 {
		t.Errorf("FRONTLIJN members = %d; want 1", got)
	}
}

// A member of a coalitie counts on a niveau, so it must have one; a
// netwerk or overleg does not count per niveau.
func TestCoalitieMemberNeedsNiveau(t *testing.T) {
	f := newFixture(t)
	ctx := f.beheerder()
	org := f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Buurtteam", "sector": "WELZIJN"})
	coa := f.mustCreate(ctx, "Coalitie", kaart.Input{"naam": "Samen Zuid", "soort": "VAST"})
	_, err := f.svc.Link(ctx, "LID_VAN", org.ID(), coa.ID(), kaart.Input{})
	if msg, ok := fieldErrors(err)["input.niveau"]; !ok || kaart.ErrorCode(err) != kaart.EINVALID {
		t.Errorf("LID_VAN coalitie without niveau = %v; want BAD_USER_INPUT on input.niveau (%q)", err, msg)
	}
	if n := f.members(coa.ID(), ""); n != 0 {
		t.Errorf("members = %d; want 0", n)
	}
	nw := f.mustCreate(ctx, "Netwerk", kaart.Input{"naam": "Buurtnetwerk", "soort": "OVERIG"})
	if _, err := f.svc.Link(ctx, "LID_VAN", org.ID(), nw.ID(), kaart.Input{}); err != nil {
		t.Errorf("LID_VAN netwerk without niveau: %v", err)
	}
}

// An overleg has one voorzitter at a time: a second is refused, naming the
// first, until the first has ended (geldigTot), which keeps it as history.
func TestSecondVoorzitterIsRefusedUntilTheFirstEnds(t *testing.T) {
	f := newFixture(t)
	ctx := f.beheerder()
	a := f.mustCreate(ctx, "Persoon", kaart.Input{"naam": "Anna", "grondslag": "PUBLIEKE_TAAK"})
	b := f.mustCreate(ctx, "Persoon", kaart.Input{"naam": "Bram", "grondslag": "PUBLIEKE_TAAK"})
	ov := f.mustCreate(ctx, "Overleg", kaart.Input{"naam": "Wijkoverleg", "soort": "WIJKOVERLEG", "karakter": "OPENBAAR"})
	first, err := f.svc.Link(ctx, "VOORZITTER_VAN", a.ID(), ov.ID(), kaart.Input{})
	if err != nil {
		t.Fatalf("Link first voorzitter: %v", err)
	}
	_, err = f.svc.Link(ctx, "VOORZITTER_VAN", b.ID(), ov.ID(), kaart.Input{})
	if code, field, bestaand := conflictWith(err); code != kaart.ECONFLICT || field != "input.naar" || bestaand != first.ID() {
		t.Errorf("second voorzitter = %v (%s %s %s); want CONFLICT on input.naar naming %s", err, code, field, bestaand, first.ID())
	}
	versie, _ := first.Props["versie"].(int64)
	if _, err := f.svc.UpdateLink(ctx, "VOORZITTER_VAN", first.ID(), int(versie), kaart.Input{"geldigVan": "2020-01-01", "geldigTot": "2024-12-31"}); err != nil {
		t.Fatalf("UpdateLink geldigTot: %v", err)
	}
	if _, err := f.svc.Link(ctx, "VOORZITTER_VAN", b.ID(), ov.ID(), kaart.Input{"geldigVan": "2025-01-01"}); err != nil {
		t.Errorf("voorzitter after the first ended: %v", err)
	}
}

// A change may not make what a new koppeling may not: a second membership
// on one niveau, a coalitie member without niveau.
func TestWijzigKoppelingKeepsOneFact(t *testing.T) {
	f := newFixture(t)
	ctx := f.beheerder()
	org := f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Buurtteam", "sector": "WELZIJN"})
	coa := f.mustCreate(ctx, "Coalitie", kaart.Input{"naam": "Samen Zuid", "soort": "VAST"})
	front, err := f.svc.Link(ctx, "LID_VAN", org.ID(), coa.ID(), kaart.Input{"niveau": "FRONTLIJN"})
	if err != nil {
		t.Fatalf("Link: %v", err)
	}
	strat, err := f.svc.Link(ctx, "LID_VAN", org.ID(), coa.ID(), kaart.Input{"niveau": "STRATEGISCH"})
	if err != nil {
		t.Fatalf("Link: %v", err)
	}
	_, err = f.svc.UpdateLink(ctx, "LID_VAN", strat.ID(), 1, kaart.Input{"niveau": "FRONTLIJN"})
	if code, field, bestaand := conflictWith(err); code != kaart.ECONFLICT || field != "input.niveau" || bestaand != front.ID() {
		t.Errorf("UpdateLink to an existing niveau = %v (%s %s %s); want CONFLICT on input.niveau naming %s", err, code, field, bestaand, front.ID())
	}
	_, err = f.svc.UpdateLink(ctx, "LID_VAN", strat.ID(), 1, kaart.Input{"niveau": nil})
	if _, ok := fieldErrors(err)["input.niveau"]; !ok {
		t.Errorf("UpdateLink removing the niveau = %v; want BAD_USER_INPUT on input.niveau", err)
	}
	if _, err := f.svc.UpdateLink(ctx, "LID_VAN", strat.ID(), 1, kaart.Input{"rol": "trekker"}); err != nil {
		t.Errorf("UpdateLink rol: %v", err)
	}
	if n := f.members(coa.ID(), "FRONTLIJN"); n != 1 {
		t.Errorf("FRONTLIJN members = %d; want 1", n)
	}
}

// Concurrent voorzitters of one overleg, each a different person: one is
// made; the lock on the overleg serialises them.
func TestConcurrentVoorzittersMakeOne(t *testing.T) {
	f := newFixture(t)
	ctx := f.beheerder()
	ov := f.mustCreate(ctx, "Overleg", kaart.Input{"naam": "Wijkoverleg", "soort": "WIJKOVERLEG", "karakter": "OPENBAAR"})
	const n = 4
	personen := make([]string, n)
	for i := range personen {
		personen[i] = f.mustCreate(ctx, "Persoon", kaart.Input{"naam": fmt.Sprintf("Persoon %d", i), "grondslag": "PUBLIEKE_TAAK"}).ID()
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.svc.Link(ctx, "VOORZITTER_VAN", personen[i], ov.ID(), kaart.Input{})
		}()
	}
	wg.Wait()
	made := 0
	for _, err := range errs {
		switch kaart.ErrorCode(err) {
		case "":
			made++
		case kaart.ECONFLICT:
		default:
			t.Errorf("concurrent voorzitter: %v", err)
		}
	}
	if made != 1 {
		t.Errorf("%d of %d concurrent voorzitters made; want 1", made, n)
	}
}
