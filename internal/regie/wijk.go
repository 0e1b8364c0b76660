package regie

import (
	"net/http"
	"net/url"
	"sort"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// overzichtData lists the wijken a viewer works in.
type overzichtData struct {
	Wijken []kaart.Node
}

func (h *handler) overzicht(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := kaart.ViewerFrom(ctx)
	d := &overzichtData{}
	if v.Rol == kaart.Regisseur && len(v.Gebieden) > 0 {
		got, err := h.opts.Kaart.Get(ctx, []string{"Gebied"}, v.Gebieden)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, id := range v.Gebieden {
			if g, ok := got[id]; ok {
				d.Wijken = append(d.Wijken, g)
			}
		}
	} else {
		page, err := h.opts.Kaart.List(ctx, "Gebied", kaart.ListFilter{Gemeente: v.Gemeente, Soort: "WIJK", First: kaart.MaxPageSize})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d.Wijken = page.Nodes
	}
	sort.SliceStable(d.Wijken, func(i, j int) bool { return d.Wijken[i].Naam() < d.Wijken[j].Naam() })
	h.render(w, r, http.StatusOK, "overzicht", h.newPage(r, "Uw wijken", d))
}

// wijkData is the regie page of one wijk or buurt.
type wijkData struct {
	Gebied    kaart.Node
	Tekening  tekening
	Analyses  []kaart.CoalitieAnalyse
	Gaten     int // coalities missing at least one niveau
	Loket     kaart.Loket
	Overlap   []kaart.Overlap
	Verouderd []kaart.VerouderdGroep
	Wachtrij  []voorstelRij
	Terug     string // this page, for forms to come back to
}

func (h *handler) wijk(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	if kaart.CheckID(id) != "" {
		h.fail(w, r, kaart.NotFound("Gebied", id))
		return
	}
	got, err := h.opts.Kaart.Get(ctx, []string{"Gebied"}, []string{id})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	g, ok := got[id]
	if !ok {
		h.fail(w, r, kaart.NotFound("Gebied", id))
		return
	}
	now := h.opts.Now()
	d := &wijkData{Gebied: g, Terug: Prefix + "/wijk/" + url.PathEscape(id)}
	k := h.opts.Kaart
	if d.Analyses, err = k.CoalitieAnalyse(ctx, id, now); err != nil {
		h.fail(w, r, err)
		return
	}
	for _, a := range d.Analyses {
		for _, s := range a.Signalen {
			if s.Soort == kaart.OntbrekendNiveau {
				d.Gaten++
				break
			}
		}
	}
	d.Tekening = teken(d.Analyses)
	if d.Loket, err = k.WaarvoorBijWie(ctx, id, now); err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Overlap, err = k.Overlap(ctx, id, now); err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Verouderd, err = k.Verouderd(ctx, id, now.Add(-h.opts.VerouderdNa)); err != nil {
		h.fail(w, r, err)
		return
	}
	wachtrij, err := k.Beoordelingswachtrij(ctx, kaart.VoorstelFilter{Gebied: id, Status: "OPEN", First: kaart.MaxPageSize})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Wachtrij, err = h.voorstelRijen(r, wachtrij.Voorstellen); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "wijk", h.newPage(r, "Regie "+g.Naam(), d))
}

// bevestig confirms that a record is still right, then returns to the page
// the form was on.
func (h *handler) bevestig(w http.ResponseWriter, r *http.Request) {
	if !h.checkForm(w, r) {
		return
	}
	typ, id := r.PostFormValue("type"), r.PostFormValue("id")
	if _, ok := kaart.RecordTypes[typ]; !ok || kaart.CheckID(id) != "" {
		h.fout(w, r, http.StatusBadRequest, "Onbekend record", "Het formulier noemde geen bestaand record.")
		return
	}
	if _, err := h.opts.Kaart.Confirm(r.Context(), typ, id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, terugNaar(r.PostFormValue("terug"))+"?gedaan=bevestigd", http.StatusSeeOther)
}

// terugNaar keeps redirects on the regie pages: anything else goes to the
// overview, so a form cannot send a user to another site.
func terugNaar(p string) string {
	u, err := url.Parse(p)
	if err != nil || u.IsAbs() || u.Host != "" || len(u.Path) <= len(Prefix) || u.Path[:len(Prefix)+1] != Prefix+"/" {
		return Prefix + "/"
	}
	return u.Path
}
