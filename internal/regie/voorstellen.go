package regie

import (
	"net/http"
	"sort"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// voorstelRij is a proposal or report as the queue and the proposer see it.
type voorstelRij struct {
	kaart.Voorstel
	Record  *kaart.Node // the record, when the viewer can see it
	Velden  []veldWijziging
	Melding bool
}

func (h *handler) voorstelRijen(r *http.Request, vs []kaart.Voorstel) ([]voorstelRij, error) {
	var ids []string
	for _, v := range vs {
		if v.RecordID != "" {
			ids = append(ids, v.RecordID)
		}
	}
	got := map[string]kaart.Node{}
	if len(ids) > 0 {
		var err error
		if got, err = h.opts.Kaart.Get(r.Context(), nil, ids); err != nil {
			return nil, err
		}
	}
	out := make([]voorstelRij, 0, len(vs))
	for _, v := range vs {
		rij := voorstelRij{Voorstel: v, Melding: v.Soort == kaart.VoorstelMelding}
		if n, ok := got[v.RecordID]; ok {
			rij.Record = &n
		}
		for k, val := range v.Wijzigingen {
			huidig := "(leeg)"
			if rij.Record != nil {
				huidig = toon(rij.Record.Props[k])
			}
			rij.Velden = append(rij.Velden, veldWijziging{Naam: label(k), Voor: huidig, Na: toon(val)})
		}
		sort.Slice(rij.Velden, func(i, j int) bool { return rij.Velden[i].Naam < rij.Velden[j].Naam })
		out = append(out, rij)
	}
	return out, nil
}

// beoordeel approves or rejects a proposal from the review queue.
func (h *handler) beoordeel(w http.ResponseWriter, r *http.Request) {
	if !h.checkForm(w, r) {
		return
	}
	id, reden := r.PostFormValue("id"), r.PostFormValue("reden")
	terug := terugNaar(r.PostFormValue("terug"))
	var err error
	gedaan := "goedgekeurd"
	if r.PostFormValue("besluit") == "afwijzen" {
		gedaan = "afgewezen"
		_, err = h.opts.Kaart.WijsAf(r.Context(), id, reden)
	} else {
		_, err = h.opts.Kaart.KeurGoed(r.Context(), id, reden)
	}
	switch kaart.ErrorCode(err) {
	case "":
		http.Redirect(w, r, terug+"?gedaan="+gedaan+"#wachtrij", http.StatusSeeOther)
	case kaart.EINVALID, kaart.ECONFLICT:
		h.fout(w, r, http.StatusUnprocessableEntity, "Niet beoordeeld", kaart.ErrorMessage(err)+
			" Ga terug naar de wachtrij om het opnieuw te proberen.")
	default:
		h.fail(w, r, err)
	}
}
