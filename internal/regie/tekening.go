package regie

import (
	"unicode/utf8"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// tekening is the coalition map of a wijk as SVG coordinates: one column per
// coalitie, one horizontal lane per niveau, a block per current member, a
// dashed block where a niveau is missing, and a line between the blocks of
// one partij on different niveaus (its "spiegel" up or down).
type tekening struct {
	Breedte, Hoogte int
	Banen           []baan
	Kolommen        []kolom
	Lijnen          []lijn
}

type baan struct {
	Label      string
	Y, H, TekY int
}

type kolom struct {
	X, W, TekX    int
	Titel, Volled string
	Ernst         int
	Blokken       []blok
	Gaten         []blok
}

type blok struct {
	X, Y, W, H int
	TekX, TekY int
	Tekst      string
	Volled     string // the full name and details, as the block's <title>
	Sleutel    bool
}

type lijn struct{ X1, Y1, X2, Y2 int }

const (
	labelW   = 130
	kolomW   = 240
	kolomGap = 16
	kopH     = 44
	blokH    = 34
	blokGap  = 8
	baanPad  = 10
	maxTekst = 30
)

// banen are the lanes top to bottom; the last collects members without a
// niveau and is drawn only when there are any.
var banen = []kaart.Niveau{kaart.Bestuurlijk, kaart.Managerial, kaart.Frontlijn, ""}

func teken(analyses []kaart.CoalitieAnalyse) tekening {
	// Rows per lane: the most current members any coalitie has there, at
	// least one so a gap has room.
	rijen := make([]int, len(banen))
	for _, a := range analyses {
		telling := make([]int, len(banen))
		for _, l := range a.Leden {
			if !l.Verlopen {
				telling[baanVan(l.Niveau)]++
			}
		}
		for i, n := range telling {
			rijen[i] = max(rijen[i], n)
		}
	}
	for i := range rijen[:len(rijen)-1] {
		rijen[i] = max(rijen[i], 1)
	}
	t := tekening{}
	y := kopH
	baanY := make([]int, len(banen))
	for i, n := range banen {
		if rijen[i] == 0 {
			continue
		}
		h := 2*baanPad + rijen[i]*blokH + (rijen[i]-1)*blokGap
		baanY[i] = y
		t.Banen = append(t.Banen, baan{Label: niveauTekst(n), Y: y, H: h, TekY: y + h/2 + 5})
		y += h
	}
	t.Hoogte = y + 1
	for c, a := range analyses {
		x := labelW + c*(kolomW+kolomGap)
		k := kolom{X: x, W: kolomW, TekX: x + 8, Titel: kort(a.Coalitie.Naam(), maxTekst-2), Volled: a.Coalitie.Naam(), Ernst: a.Ernst}
		rij := make([]int, len(banen))
		plek := map[string][]blok{} // per partij, its blocks top to bottom
		var partijen []string       // in order of appearance, so the SVG is the same every time
		for _, l := range a.Leden {
			if l.Verlopen {
				continue
			}
			b := baanVan(l.Niveau)
			by := baanY[b] + baanPad + rij[b]*(blokH+blokGap)
			rij[b]++
			volled := l.Lid.Naam()
			if l.Partij.ID() != "" && l.Partij.ID() != l.Lid.ID() {
				volled += " (" + l.Partij.Naam() + ")"
			}
			if l.Sleutelpartner {
				volled += ", sleutelpartner"
			}
			bl := blok{X: x + 6, Y: by, W: kolomW - 12, H: blokH, TekX: x + 14, TekY: by + blokH/2 + 5,
				Tekst: kort(l.Lid.Naam(), maxTekst), Volled: volled, Sleutel: l.Sleutelpartner}
			k.Blokken = append(k.Blokken, bl)
			if id := l.Partij.ID(); id != "" {
				if plek[id] == nil {
					partijen = append(partijen, id)
				}
				plek[id] = append(plek[id], bl)
			}
		}
		for b, n := range banen[:len(banen)-1] {
			if rij[b] > 0 {
				continue
			}
			by := baanY[b] + baanPad
			k.Gaten = append(k.Gaten, blok{X: x + 6, Y: by, W: kolomW - 12, H: blokH, TekX: x + 14, TekY: by + blokH/2 + 5,
				Tekst: "Ontbreekt: " + lager(niveauTekst(n)), Volled: gatReden(a, n)})
		}
		for _, id := range partijen {
			blokken := plek[id]
			for i := 1; i < len(blokken); i++ {
				boven, onder := blokken[i-1], blokken[i]
				if boven.Y == onder.Y {
					continue
				}
				t.Lijnen = append(t.Lijnen, lijn{X1: boven.X + boven.W - 20, Y1: boven.Y + boven.H, X2: onder.X + onder.W - 20, Y2: onder.Y})
			}
		}
		t.Kolommen = append(t.Kolommen, k)
	}
	t.Breedte = labelW + len(analyses)*(kolomW+kolomGap)
	return t
}

func baanVan(n kaart.Niveau) int {
	for i, b := range banen {
		if b == n {
			return i
		}
	}
	return len(banen) - 1
}

// gatReden is the explanation coalitieAnalyse gives for a missing niveau.
func gatReden(a kaart.CoalitieAnalyse, n kaart.Niveau) string {
	for _, s := range a.Signalen {
		if s.Soort == kaart.OntbrekendNiveau && s.Niveau == n {
			return s.Uitleg
		}
	}
	return "Op dit niveau heeft de coalitie geen actuele leden."
}

func kort(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func lager(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return string(append([]rune{r[0] + ('a' - 'A')}, r[1:]...))
}
