package regie

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// organisatieData is the page a partner keeps its own entries current on:
// the organisation, its sub-organisations, Functies with who holds them, and
// every contactgegeven, each a link to its edit form.
type organisatieData struct {
	Organisatie kaart.Node
	Onderdelen  []kaart.Node
	Functies    []functieRij
	Contact     []kaart.Node // of the organisation itself
	Eigen       bool         // the viewer's own organisation

	// Only on the partner's own page.
	Voorstellen     []voorstelRij
	SleutelsBeheren bool
	Sleutels        []sleutelRij
	NieuweSleutel   *nieuweSleutel
	SleutelFout     string
}

type functieRij struct {
	Functie  kaart.Node
	Personen []kaart.Node
	Contact  []kaart.Node
}

func (h *handler) mijnOrganisatie(w http.ResponseWriter, r *http.Request) {
	v := kaart.ViewerFrom(r.Context())
	if v.Organisatie == "" {
		h.fout(w, r, http.StatusNotFound, "Geen organisatie",
			"Aan uw account is geen organisatie gekoppeld. Kies een wijk, of vraag de beheerder om uw organisatie.")
		return
	}
	target := Prefix + "/organisatie/" + v.Organisatie
	if g := r.URL.Query().Get("gedaan"); meldingen[g] != "" {
		target += "?gedaan=" + g
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func (h *handler) organisatie(w http.ResponseWriter, r *http.Request) {
	h.toonOrganisatie(w, r, r.PathValue("id"), nil, nil)
}

// toonOrganisatie renders the organisation page, with a new key's token
// shown once, or the error of a key form.
func (h *handler) toonOrganisatie(w http.ResponseWriter, r *http.Request, id string, nieuw *nieuweSleutel, sleutelErr error) {
	ctx := r.Context()
	if kaart.CheckID(id) != "" {
		h.fail(w, r, kaart.NotFound("Organisatie", id))
		return
	}
	got, err := h.opts.Kaart.Get(ctx, []string{"Organisatie"}, []string{id})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	org, ok := got[id]
	if !ok {
		h.fail(w, r, kaart.NotFound("Organisatie", id))
		return
	}
	d := &organisatieData{Organisatie: org, Eigen: kaart.ViewerFrom(ctx).Organisatie == id}
	if err := h.vulOrganisatie(ctx, d); err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Eigen {
		if err := h.vulPartner(r, d); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	d.NieuweSleutel = nieuw
	if sleutelErr != nil {
		switch kaart.ErrorCode(sleutelErr) {
		case kaart.EINVALID, kaart.EFORBIDDEN:
			d.SleutelFout = kaart.ErrorMessage(sleutelErr)
			var verrs kaart.ValidationErrors
			if errors.As(sleutelErr, &verrs) && len(verrs) > 0 {
				d.SleutelFout = label(verrs[0].Field) + " " + verrs[0].Message
			}
		default:
			h.fail(w, r, sleutelErr)
			return
		}
	}
	h.render(w, r, http.StatusOK, "organisatie", h.newPage(r, org.Naam(), d))
}

func (h *handler) vulOrganisatie(ctx context.Context, d *organisatieData) error {
	id := d.Organisatie.ID()
	k := h.opts.Kaart
	onder, err := buren(ctx, k, "ONDERDEEL_VAN", false, []string{id})
	if err != nil {
		return err
	}
	d.Onderdelen = onder[id]
	functies, err := buren(ctx, k, "FUNCTIE_BIJ", false, []string{id})
	if err != nil {
		return err
	}
	ids := []string{id}
	for _, f := range functies[id] {
		ids = append(ids, f.ID())
	}
	contact, err := buren(ctx, k, "HEEFT_CONTACT", true, ids)
	if err != nil {
		return err
	}
	personen, err := buren(ctx, k, "BEKLEEDT", false, ids[1:])
	if err != nil {
		return err
	}
	d.Contact = contact[id]
	for _, f := range functies[id] {
		d.Functies = append(d.Functies, functieRij{Functie: f, Personen: personen[f.ID()], Contact: contact[f.ID()]})
	}
	sort.Slice(d.Functies, func(i, j int) bool { return d.Functies[i].Functie.Naam() < d.Functies[j].Functie.Naam() })
	return nil
}

// buren returns per id its visible neighbours through rel, by name.
func buren(ctx context.Context, k Kaart, rel string, outgoing bool, ids []string) (map[string][]kaart.Node, error) {
	out := map[string][]kaart.Node{}
	if len(ids) == 0 {
		return out, nil
	}
	res, err := k.Neighbours(ctx, kaart.NeighbourQuery{Relation: rel, Outgoing: outgoing, From: ids})
	if err != nil {
		return nil, fmt.Errorf("neighbours %s: %w", rel, err)
	}
	for id, list := range res {
		for _, nb := range list {
			out[id] = append(out[id], nb.Node)
		}
		sort.Slice(out[id], func(i, j int) bool { return out[id][i].Naam() < out[id][j].Naam() })
	}
	return out, nil
}
