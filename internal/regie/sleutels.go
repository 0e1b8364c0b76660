package regie

import (
	"net/http"
	"strings"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// sleutelRij is one API key on the partner page.
type sleutelRij struct {
	kaart.Sleutel
	Actief bool
}

// nieuweSleutel is a key whose token is shown once, right after it was made
// or rotated.
type nieuweSleutel struct {
	Naam, Token string
}

// vulPartner adds what only the partner itself sees on its own page: the
// status of its proposals and its API keys.
func (h *handler) vulPartner(r *http.Request, d *organisatieData) error {
	ctx := r.Context()
	v := kaart.ViewerFrom(ctx)
	mijn, err := h.opts.Kaart.MijnVoorstellen(ctx, kaart.VoorstelFilter{First: kaart.MaxPageSize})
	if err != nil {
		return err
	}
	if d.Voorstellen, err = h.voorstelRijen(r, mijn.Voorstellen); err != nil {
		return err
	}
	if h.opts.Sleutels == nil || v.Rol != kaart.Partner {
		return nil
	}
	d.SleutelsBeheren = true
	keys, err := h.opts.Sleutels.ListAs(ctx, v)
	if err != nil {
		return err
	}
	now := time.Now()
	for _, k := range keys {
		d.Sleutels = append(d.Sleutels, sleutelRij{Sleutel: k, Actief: k.Status(now) == kaart.SleutelActief})
	}
	return nil
}

func (h *handler) maakSleutel(w http.ResponseWriter, r *http.Request) {
	if !h.checkForm(w, r) || !h.sleutelsAan(w, r) {
		return
	}
	v := kaart.ViewerFrom(r.Context())
	naam := strings.TrimSpace(r.PostFormValue("naam"))
	token, k, err := h.opts.Sleutels.CreateAs(r.Context(), v, kaart.NieuweSleutel{Naam: naam, Rol: kaart.Partner, Organisatie: v.Organisatie})
	if err != nil {
		h.toonOrganisatie(w, r, v.Organisatie, nil, err)
		return
	}
	h.toonOrganisatie(w, r, v.Organisatie, &nieuweSleutel{Naam: k.Naam, Token: token}, nil)
}

func (h *handler) roteerSleutel(w http.ResponseWriter, r *http.Request) {
	if !h.checkForm(w, r) || !h.sleutelsAan(w, r) {
		return
	}
	v := kaart.ViewerFrom(r.Context())
	token, k, err := h.opts.Sleutels.RotateAs(r.Context(), v, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.toonOrganisatie(w, r, v.Organisatie, &nieuweSleutel{Naam: k.Naam, Token: token}, nil)
}

func (h *handler) trekSleutelIn(w http.ResponseWriter, r *http.Request) {
	if !h.checkForm(w, r) || !h.sleutelsAan(w, r) {
		return
	}
	if _, err := h.opts.Sleutels.RevokeAs(r.Context(), kaart.ViewerFrom(r.Context()), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, Prefix+"/organisatie/?gedaan=ingetrokken#sleutels", http.StatusSeeOther)
}

// sleutelsAan refuses key management to anyone but a partner on a server
// that has keys.
func (h *handler) sleutelsAan(w http.ResponseWriter, r *http.Request) bool {
	if h.opts.Sleutels == nil || kaart.ViewerFrom(r.Context()).Rol != kaart.Partner {
		h.fout(w, r, http.StatusForbidden, "Geen toegang", "Alleen partners beheren hier de API-sleutels van hun organisatie.")
		return false
	}
	return true
}
