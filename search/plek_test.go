package search_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

func (f *fixture) zoekMet(ctx context.Context, tekst string, filters kaart.ZoekFilters) []string {
	f.t.Helper()
	res, err := f.svc.Zoeken(ctx, kaart.ZoekVraag{Tekst: tekst, Filters: filters})
	if err != nil {
		f.t.Fatalf("Zoeken(%q, %+v): %v", tekst, filters, err)
	}
	return ids(res)
}

// A gebied filter includes every level below it: a dienstgebied finds what
// serves a buurt of a wijk it covers, also when the dienstgebied was drawn
// after the card was indexed.
func TestGebiedFilterReachesEveryLevelBelow(t *testing.T) {
	f := newFixture(t)
	wijk := f.create("Gebied", kaart.Input{"naam": "Zuilen", "soort": "WIJK", "ouder": f.gm})
	buurt := f.create("Gebied", kaart.Input{"naam": "Elinkwijk", "soort": "BUURT", "ouder": wijk})
	andereWijk := f.create("Gebied", kaart.Input{"naam": "Lunetten", "soort": "WIJK", "ouder": f.gm})
	hier := f.create("Organisatie", kaart.Input{"naam": "Buurthuis De Klop", "sector": "WELZIJN"})
	daar := f.create("Organisatie", kaart.Input{"naam": "Buurthuis Lunetten", "sector": "WELZIJN"})
	f.link("BEDIENT", hier, buurt, nil)
	f.link("BEDIENT", daar, andereWijk, nil)
	f.sync()

	dienst := f.create("Gebied", kaart.Input{"naam": "Dienstgebied Noordwest", "soort": "DIENSTGEBIED", "ouder": f.gm})
	f.link("OMVAT", dienst, wijk, nil)
	f.sync()

	for _, c := range []struct {
		naam, gebied string
	}{{"buurt", buurt}, {"wijk", wijk}, {"dienstgebied over de wijk", dienst}, {"gemeente", f.gm}} {
		got := f.zoekMet(anoniem, "buurthuis", kaart.ZoekFilters{Gebied: c.gebied})
		if !contains(got, hier) {
			t.Errorf("%s: Zoeken(buurthuis) = %v; want %s (serves a buurt below)", c.naam, got, hier)
		}
		if c.gebied != f.gm && contains(got, daar) {
			t.Errorf("%s: Zoeken(buurthuis) = %v; %s serves another wijk", c.naam, got, daar)
		}
	}
}

// The distance filter keeps the cards with a place within the circle: their
// own address or a locatie they are at. A locatie the viewer may not see
// never places a card, not even to filter it.
func TestNabijFilter(t *testing.T) {
	f := newFixture(t)
	stadskantoor := f.create("Locatie", kaart.Input{"naam": "Stadskantoor", "straat": "Stadsplateau", "lat": 52.0894, "lon": 5.1084})
	centrum := f.create("Organisatie", kaart.Input{"naam": "Taalhuis Centrum", "sector": "ONDERWIJS"})
	f.link("OP_LOCATIE", centrum, stadskantoor, nil)
	// About 3.5 km south-west of the Stadskantoor.
	zuid := f.create("Organisatie", kaart.Input{"naam": "Taalhuis Zuid", "sector": "ONDERWIJS"})
	geheim := f.create("Locatie", kaart.Input{"naam": "Opvangadres", "lat": 52.0650, "lon": 5.0800, "zichtbaarheid": "INTERN", "beheerder": zuid})
	f.link("OP_LOCATIE", zuid, geheim, nil)
	f.sync()

	bijStadskantoor := &kaart.Nabij{Lat: 52.0894, Lon: 5.1084, Km: 1}
	if got := f.zoekMet(anoniem, "taalhuis", kaart.ZoekFilters{Nabij: bijStadskantoor}); !contains(got, centrum) || contains(got, zuid) {
		t.Errorf("Zoeken(taalhuis) within 1 km of the Stadskantoor = %v; want %s and not %s", got, centrum, zuid)
	}
	if got := f.zoekMet(anoniem, "stadskantoor", kaart.ZoekFilters{Nabij: bijStadskantoor}); !contains(got, stadskantoor) {
		t.Errorf("Zoeken(stadskantoor) within 1 km = %v; want the locatie %s itself", got, stadskantoor)
	}
	wijd := &kaart.Nabij{Lat: 52.0894, Lon: 5.1084, Km: 10}
	bijGeheim := &kaart.Nabij{Lat: 52.0650, Lon: 5.0800, Km: 0.5}
	if got := f.zoekMet(anoniem, "taalhuis", kaart.ZoekFilters{Nabij: bijGeheim}); len(got) != 0 {
		t.Errorf("anonymous Zoeken(taalhuis) near the INTERN locatie = %v; want nothing: its place is hidden", got)
	}
	if got := f.zoekMet(anoniem, "taalhuis", kaart.ZoekFilters{Nabij: wijd}); contains(got, zuid) {
		t.Errorf("anonymous Zoeken(taalhuis) within 10 km = %v; %s has no place the public may see", got, zuid)
	}
	if got := f.zoekMet(f.beheerder(), "taalhuis", kaart.ZoekFilters{Nabij: bijGeheim}); !contains(got, zuid) {
		t.Errorf("beheerder Zoeken(taalhuis) near the INTERN locatie = %v; want %s", got, zuid)
	}

	for _, c := range []struct {
		nabij kaart.Nabij
		field string
	}{
		{kaart.Nabij{Lat: 91, Lon: 5, Km: 1}, "filters.nabij.lat"},
		{kaart.Nabij{Lat: 52, Lon: 181, Km: 1}, "filters.nabij.lon"},
		{kaart.Nabij{Lat: 52, Lon: 5, Km: 0}, "filters.nabij.km"},
		{kaart.Nabij{Lat: 52, Lon: 5, Km: 5000}, "filters.nabij.km"},
	} {
		_, err := f.svc.Zoeken(anoniem, kaart.ZoekVraag{Tekst: "taalhuis", Filters: kaart.ZoekFilters{Nabij: &c.nabij}})
		var ve kaart.ValidationErrors
		if !errors.As(err, &ve) || len(ve) != 1 || ve[0].Field != c.field || ve[0].Code != kaart.EINVALID {
			t.Errorf("Zoeken with nabij %+v: err = %v; want one BAD_USER_INPUT on %s", c.nabij, err, c.field)
		}
	}
}

// A rebuild swaps the new index in while searches go on: none of them fails
// and none sees a half-built index.
func TestSearchDuringRebuild(t *testing.T) {
	f := newFixture(t)
	const n = 300
	for i := 0; i < n; i++ {
		f.create("Organisatie", kaart.Input{"naam": fmt.Sprintf("Wijkcentrum %d", i), "sector": "WELZIJN"})
	}
	f.sync()
	want := f.zoek(anoniem, "wijkcentrum").Totaal
	if want != n {
		t.Fatalf("before the rebuild Zoeken(wijkcentrum) finds %d; want %d", want, n)
	}

	ctx, stop := context.WithCancel(context.Background())
	var searches, failures atomic.Int64
	var firstFailure atomic.Value
	var wg sync.WaitGroup
	for c := 0; c < 4; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				res, err := f.svc.Zoeken(anoniem, kaart.ZoekVraag{Tekst: "wijkcentrum"})
				searches.Add(1)
				if err == nil && res.Totaal != n {
					err = fmt.Errorf("found %d cards; want %d", res.Totaal, n)
				}
				if err != nil {
					failures.Add(1)
					firstFailure.CompareAndSwap(nil, err.Error())
				}
			}
		}()
	}
	rebuilds := 0
	for searches.Load() < 200 || rebuilds < 2 {
		if err := f.idx.Rebuild(context.Background(), nil); err != nil {
			t.Fatalf("Rebuild: %v", err)
		}
		rebuilds++
	}
	stop()
	wg.Wait()
	if failures.Load() != 0 {
		t.Errorf("%d of %d searches during %d rebuilds failed; first: %v", failures.Load(), searches.Load(), rebuilds, firstFailure.Load())
	}
	t.Logf("%d searches during %d rebuilds, none failed", searches.Load(), rebuilds)
}
