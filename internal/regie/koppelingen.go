package regie

import (
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// koppelSoort is a relationship a record of some type can have, in one
// direction: "LID_VAN →" for a member, "← LID_VAN" for what has members.
type koppelSoort struct {
	Waarde  string // relation|uit or relation|in, the form's value
	Label   string
	Relatie string
	Uit     bool
	Niveau  bool // the relationship has a niveau (LID_VAN)
	Anderen string
}

// koppelingRij is one relationship of the record.
type koppelingRij struct {
	Soort  koppelSoort
	ID     string
	Versie int64
	Niveau string
	Ander  kaart.Node
}

// koppelForm is the add-a-relationship form as typed, with its errors.
type koppelForm struct {
	Soort, Ander, Niveau string
	Fouten               map[string]string // soort, ander, niveau, "" for the form
}

// koppelSoorten lists the relationships a record of type t can be given on
// its own (owners and the gebied tree come with the record).
func koppelSoorten(t string) []koppelSoort {
	var out []koppelSoort
	for _, r := range kaart.RelationTypes {
		if r.Managed {
			continue
		}
		niveau := false
		for _, f := range r.Fields {
			niveau = niveau || f.Name == "niveau"
		}
		if bevat(r.From, t) {
			out = append(out, koppelSoort{Waarde: r.Name + "|uit", Label: r.Name + " → " + strings.Join(r.To, ", "),
				Relatie: r.Name, Uit: true, Niveau: niveau, Anderen: strings.Join(r.To, ", ")})
		}
		if bevat(r.To, t) {
			out = append(out, koppelSoort{Waarde: r.Name + "|in", Label: strings.Join(r.From, ", ") + " → " + r.Name,
				Relatie: r.Name, Niveau: niveau, Anderen: strings.Join(r.From, ", ")})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Waarde < out[j].Waarde })
	return out
}

func bevat(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// vulKoppelingen reads the record's relationships of every kind it can have.
func (h *handler) vulKoppelingen(r *http.Request, d *recordData) error {
	d.KoppelSoorten = koppelSoorten(d.Record.Type)
	id := d.Record.ID()
	for _, s := range d.KoppelSoorten {
		res, err := h.opts.Kaart.Neighbours(r.Context(), kaart.NeighbourQuery{Relation: s.Relatie, Outgoing: s.Uit, From: []string{id}})
		if err != nil {
			return err
		}
		for _, nb := range res[id] {
			versie, _ := nb.Koppeling.Props["versie"].(int64)
			niveau, _ := nb.Koppeling.Props["niveau"].(string)
			d.Koppelingen = append(d.Koppelingen, koppelingRij{Soort: s, ID: nb.Koppeling.ID(), Versie: versie, Niveau: niveau, Ander: nb.Node})
		}
	}
	return nil
}

// koppel adds a relationship from the record's page.
func (h *handler) koppel(w http.ResponseWriter, r *http.Request) {
	if !h.checkForm(w, r) {
		return
	}
	t, n, ok := h.loadRecord(w, r)
	if !ok {
		return
	}
	f := &koppelForm{Soort: r.PostFormValue("soort"), Ander: strings.TrimSpace(r.PostFormValue("ander")),
		Niveau: r.PostFormValue("niveau"), Fouten: map[string]string{}}
	var soort *koppelSoort
	for _, s := range koppelSoorten(t.Name) {
		if s.Waarde == f.Soort {
			soort = &s
		}
	}
	var err error
	if soort == nil {
		f.Fouten["soort"] = "kies een soort koppeling"
	} else {
		in := kaart.Input{}
		if soort.Niveau && f.Niveau != "" {
			in["niveau"] = f.Niveau
		}
		van, naar := n.ID(), f.Ander
		if !soort.Uit {
			van, naar = naar, van
		}
		_, err = h.opts.Kaart.Link(r.Context(), soort.Relatie, van, naar, in)
		if err == nil {
			http.Redirect(w, r, recordPad(t.Name, n.ID())+"?gedaan=gekoppeld#koppelingen", http.StatusSeeOther)
			return
		}
		f.zetFouten(err, soort.Uit)
		if len(f.Fouten) == 0 {
			h.fail(w, r, err)
			return
		}
	}
	d := &recordData{Record: n, Versie: versieVan(n), Pad: recordPad(t.Name, n.ID()), Koppel: f}
	for _, fl := range formVelden(t) {
		d.Velden = append(d.Velden, veldVan(fl, n.Props[fl.Name]))
	}
	if err := h.vulGeschiedenis(r, d); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.vulKoppelingen(r, d); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusUnprocessableEntity, "record", h.newPage(r, "Fout in: koppeling voor "+n.Naam(), d))
}

// zetFouten puts the API's errors next to the form's fields: the other end
// is input.naar for an outgoing relationship and input.van for an incoming one.
func (f *koppelForm) zetFouten(err error, uit bool) {
	ander := "input.naar"
	if !uit {
		ander = "input.van"
	}
	put := func(e *kaart.Error) {
		switch {
		case e.Field == ander:
			f.Fouten["ander"] = e.Message
		case strings.HasSuffix(e.Field, ".niveau"):
			f.Fouten["niveau"] = e.Message
		default:
			f.Fouten[""] = strings.TrimSpace(f.Fouten[""] + " " + e.Message)
		}
	}
	var verrs kaart.ValidationErrors
	var kerr *kaart.Error
	switch {
	case errors.As(err, &verrs):
		for _, e := range verrs {
			put(e)
		}
	case errors.As(err, &kerr) && (kerr.Code == kaart.EFORBIDDEN || kerr.Code == kaart.ECONFLICT || kerr.Code == kaart.EINVALID || kerr.Code == kaart.ENOTFOUND):
		put(kerr)
	}
}

// ontkoppel removes a relationship.
func (h *handler) ontkoppel(w http.ResponseWriter, r *http.Request) {
	if !h.checkForm(w, r) {
		return
	}
	versie, _ := strconv.Atoi(r.PostFormValue("versie"))
	if err := h.opts.Kaart.Unlink(r.Context(), r.PostFormValue("relatie"), r.PostFormValue("id"), versie); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, terugNaar(r.PostFormValue("terug"))+"?gedaan=ontkoppeld#koppelingen", http.StatusSeeOther)
}
