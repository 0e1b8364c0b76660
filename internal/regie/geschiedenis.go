package regie

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// wijzigingRij is one entry of a record's history as the page shows it.
type wijzigingRij struct {
	kaart.Wijziging
	Tekst  string // what happened, in words
	Velden []veldWijziging
	// Naar is the versie from before this change, which a restore brings
	// back; 0 when the change cannot be undone this way.
	Naar int
}

type veldWijziging struct {
	Naam, Voor, Na string
}

var soortTekst = map[string]string{
	kaart.WijzigingAangemaakt:         "Aangemaakt",
	kaart.WijzigingGewijzigd:          "Gewijzigd",
	kaart.WijzigingHersteld:           "Hersteld",
	kaart.WijzigingVerwijderd:         "Verwijderd",
	kaart.WijzigingBevestigd:          "Bevestigd als juist",
	kaart.WijzigingGekoppeld:          "Koppeling gemaakt",
	kaart.WijzigingKoppelingGewijzigd: "Koppeling gewijzigd",
	kaart.WijzigingOntkoppeld:         "Koppeling verwijderd",
	kaart.WijzigingToestemming:        "Toestemming ingetrokken",
	kaart.WijzigingGewist:             "Gewist",
}

// rijen turns history entries into rows; each change of properties offers
// to bring back the versie from before it.
func rijen(ws []kaart.Wijziging, huidige int64) []wijzigingRij {
	out := make([]wijzigingRij, 0, len(ws))
	for _, w := range ws {
		r := wijzigingRij{Wijziging: w, Tekst: soortTekst[w.Soort]}
		if r.Tekst == "" {
			r.Tekst = w.Soort
		}
		if w.Relatie != "" {
			r.Tekst += fmt.Sprintf(" (%s naar %s)", w.Relatie, w.Naar)
		}
		if w.Soort == kaart.WijzigingHersteld && w.HersteldVan > 0 {
			r.Tekst += fmt.Sprintf(" naar versie %d", w.HersteldVan)
		}
		r.Velden = veldWijzigingen(w.Voor, w.Na)
		if w.Versie >= 2 && int64(w.Versie) <= huidige && w.Relatie == "" &&
			(w.Soort == kaart.WijzigingGewijzigd || w.Soort == kaart.WijzigingHersteld) {
			r.Naar = w.Versie - 1
		}
		out = append(out, r)
	}
	return out
}

// veldWijzigingen pairs the before and after JSON objects per property.
func veldWijzigingen(voor, na string) []veldWijziging {
	var v, n map[string]any
	_ = json.Unmarshal([]byte(voor), &v)
	_ = json.Unmarshal([]byte(na), &n)
	namen := map[string]bool{}
	for k := range v {
		namen[k] = true
	}
	for k := range n {
		namen[k] = true
	}
	var out []veldWijziging
	for k := range namen {
		out = append(out, veldWijziging{Naam: label(k), Voor: toon(v[k]), Na: toon(n[k])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Naam < out[j].Naam })
	return out
}

func toon(x any) string {
	switch v := x.(type) {
	case nil:
		return "(leeg)"
	case string:
		return v
	case bool:
		if v {
			return "ja"
		}
		return "nee"
	}
	return fmt.Sprint(x)
}

// herstel sets a record back to an earlier versie.
func (h *handler) herstel(w http.ResponseWriter, r *http.Request) {
	if !h.checkForm(w, r) {
		return
	}
	typ, id := r.PathValue("type"), r.PathValue("id")
	versie, _ := strconv.Atoi(r.PostFormValue("naar"))
	huidige, _ := strconv.Atoi(r.PostFormValue("versie"))
	if _, err := h.opts.Kaart.Herstel(r.Context(), typ, id, versie, huidige); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, recordPad(typ, id)+"?gedaan=hersteld", http.StatusSeeOther)
}
