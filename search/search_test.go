package search_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

func TestZoekDutchAnalysis(t *testing.T) {
	f := newFixture(t)
	wijk := f.create("Gebied", kaart.Input{"naam": "Kanaleneiland", "soort": "WIJK", "ouder": f.gm})
	cafe := f.create("Organisatie", kaart.Input{"naam": "Buurtcafé De Hoek", "sector": "WELZIJN", "omschrijving": "Koffie en ontmoeting"})
	org := f.create("Organisatie", kaart.Input{"naam": "Politie Midden-Nederland", "sector": "POLITIE"})
	wvm := f.create("Functie", kaart.Input{"titel": "Wijkveiligheidsmedewerker", "rol": "WIJKVEILIGHEIDSMEDEWERKER", "niveau": "FRONTLIJN", "organisatie": org})
	jgz := f.create("Organisatie", kaart.Input{"naam": "Centrum voor jeugdgezondheidszorg", "sector": "ZORG"})
	regisseur := f.create("Functie", kaart.Input{"titel": "Wijkregisseur Kanaleneiland", "rol": "WIJKREGISSEUR", "niveau": "MANAGERIAL", "organisatie": org})
	verbinder := f.create("Organisatie", kaart.Input{"naam": "Buurtverbinders Zuid", "sector": "WELZIJN"})
	f.link("BEDIENT", regisseur, wijk, nil)
	f.sync()

	cases := []struct {
		query string
		want  string
	}{
		{"cafe", cafe},                      // accents folded
		{"buurtcafe", cafe},                 // accents folded in a compound
		{"veiligheid", wvm},                 // a word inside a compound
		{"jeugd", jgz},                      // a word at the start of a compound
		{"wijkveiligheidsmedewerkers", wvm}, // stemming
		{"wijkveiligheidsmedewerkr", wvm},   // a typo
		{"wijkmanager", regisseur},          // a synonym
		{"sociaal makelaar", verbinder},     // a multi-word synonym
		{"buurtverb", verbinder},            // type-ahead prefix
		{"kanaleneiland", regisseur},
	}
	for _, c := range cases {
		got := ids(f.zoek(anoniem, c.query))
		if !contains(got, c.want) {
			t.Errorf("Zoeken(%q) = %v; want %s among the hits", c.query, got, c.want)
		}
	}
}

func TestZoekBadInputNeverPanics(t *testing.T) {
	f := newFixture(t)
	f.create("Organisatie", kaart.Input{"naam": "Wijkbureau Zuid", "sector": "GEMEENTELIJKE_DIENST"})
	f.sync()
	inputs := []string{"", "   ", strings.Repeat("wijk ", 2048), "*", "~~~", `"wijkbureau`, `wijk"bureau"zuid"`, "-", "- -", "\x00\x01wijk\x7f",
		"wijk*", "?", "a~2", "title:wijk", "((()))", "+-+-", strings.Repeat("a", 190), "\u200b", "ä"}
	for _, in := range inputs {
		res, err := f.svc.Zoeken(anoniem, kaart.ZoekVraag{Tekst: in})
		if err != nil {
			var e *kaart.Error
			if !errors.As(err, &e) || e.Code != kaart.EINVALID {
				t.Errorf("Zoeken(%.20q) error = %v; want EINVALID or a result", in, err)
			}
			continue
		}
		_ = res
		if _, err := f.svc.Suggesties(anoniem, in); err != nil {
			var e *kaart.Error
			if !errors.As(err, &e) || e.Code != kaart.EINVALID {
				t.Errorf("Suggesties(%.20q) error = %v; want EINVALID or a result", in, err)
			}
		}
	}
	for _, noise := range []string{"*", "~~~", "-", "?"} {
		if res := f.zoek(anoniem, noise); res.Totaal != 0 {
			t.Errorf("Zoeken(%q).Totaal = %d; want 0 for noise", noise, res.Totaal)
		}
	}
}

func TestZoekPagingAfter(t *testing.T) {
	f := newFixture(t)
	for i := 0; i < 7; i++ {
		f.create("Organisatie", kaart.Input{"naam": "Taalhuis vestiging " + string(rune('A'+i)), "sector": "WELZIJN"})
	}
	f.sync()
	seen := map[string]bool{}
	after := ""
	for page := 0; page < 10; page++ {
		res, err := f.svc.Zoeken(anoniem, kaart.ZoekVraag{Tekst: "taalhuis", First: 3, After: after})
		if err != nil {
			t.Fatalf("Zoeken page %d: %v", page, err)
		}
		for _, h := range res.Treffers {
			if seen[h.ID] {
				t.Errorf("page %d repeats %s", page, h.ID)
			}
			seen[h.ID] = true
		}
		if !res.HasNextPage {
			break
		}
		after = res.Treffers[len(res.Treffers)-1].Cursor
	}
	if len(seen) != 7 {
		t.Errorf("paging saw %d cards; want 7", len(seen))
	}
	if _, err := f.svc.Zoeken(anoniem, kaart.ZoekVraag{Tekst: "taalhuis", After: "bogus"}); err == nil {
		t.Error("Zoeken with a bogus cursor: no error; want EINVALID")
	}
}

func TestSynoniemenChangeWithoutRestart(t *testing.T) {
	f := newFixture(t)
	buurthuis := f.create("Organisatie", kaart.Input{"naam": "Buurthuis De Boog", "sector": "WELZIJN"})
	f.sync()
	if got := ids(f.zoek(anoniem, "wijkcentrum")); contains(got, buurthuis) {
		t.Fatalf("Zoeken(wijkcentrum) = %v before the synonym; want no buurthuis", got)
	}
	groups, _ := f.svc.Synoniemen(anoniem)
	groups = append(groups, []string{"wijkcentrum", "buurthuis"})
	if _, err := f.svc.ZetSynoniemen(anoniem, groups); err == nil {
		t.Error("ZetSynoniemen as anonymous: no error; want UNAUTHENTICATED")
	}
	if _, err := f.svc.ZetSynoniemen(f.beheerder(), groups); err != nil {
		t.Fatalf("ZetSynoniemen: %v", err)
	}
	if got := ids(f.zoek(anoniem, "wijkcentrum")); !contains(got, buurthuis) {
		t.Errorf("Zoeken(wijkcentrum) = %v after the synonym; want %s", got, buurthuis)
	}
	_ = context.Background()
}
