package regie

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// veld is one input of the edit form.
type veld struct {
	Naam, Label string
	Soort       string // text, textarea, select, checkbox, date, number
	Waarde      string
	Aan         bool // a checked checkbox
	Keuzes      []string
	Verplicht   bool
	Fout        string // the API's message for this field, shown next to it
}

// recordData is the edit page of one record.
type recordData struct {
	Record  kaart.Node
	Versie  int64
	Velden  []veld
	Fouten  int    // how many fields are wrong
	Melding string // an error for the whole form, such as a conflict
	Pad     string
	// MagWijzigen: the viewer may change the record; otherwise the form
	// sends a proposal to the steward, with a Toelichting.
	MagWijzigen  bool
	Toelichting  string
	Geschiedenis []wijzigingRij
	// Relationships, for who may change the record.
	KoppelSoorten []koppelSoort
	Koppelingen   []koppelingRij
	Koppel        *koppelForm
}

// KoppelWaarde is what the add-a-relationship form held for field.
func (d *recordData) KoppelWaarde(field string) string {
	if d.Koppel == nil {
		return ""
	}
	return map[string]string{"soort": d.Koppel.Soort, "ander": d.Koppel.Ander, "niveau": d.Koppel.Niveau}[field]
}

// KoppelFout is the API's message for a field of that form.
func (d *recordData) KoppelFout(field string) string {
	if d.Koppel == nil {
		return ""
	}
	return d.Koppel.Fouten[field]
}

// formVelden are the fields a form shows: the owner and the gemeente are
// set when a record is made and cannot change; laatstBevestigd is set by
// the page's bevestig button (only a beheerder may give another day, in
// the API, when carrying data over from another source).
func formVelden(t *kaart.RecordType) []kaart.Field {
	var out []kaart.Field
	for _, f := range t.AllFields() {
		if f.CreateOnly || f.Name == "gemeente" || f.Name == "laatstBevestigd" {
			continue
		}
		out = append(out, f)
	}
	return out
}

func (h *handler) record(w http.ResponseWriter, r *http.Request) {
	t, n, ok := h.loadRecord(w, r)
	if !ok {
		return
	}
	d := &recordData{Record: n, Versie: versieVan(n), Pad: recordPad(t.Name, n.ID())}
	for _, f := range formVelden(t) {
		d.Velden = append(d.Velden, veldVan(f, n.Props[f.Name]))
	}
	if err := h.vulGeschiedenis(r, d); err != nil {
		h.fail(w, r, err)
		return
	}
	if d.MagWijzigen {
		if err := h.vulKoppelingen(r, d); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, http.StatusOK, "record", h.newPage(r, n.Naam()+" bewerken", d))
}

// vulGeschiedenis reads the record's history. Only whoever may change a
// record may read its history, so FORBIDDEN also says: this viewer proposes
// instead of changing.
func (h *handler) vulGeschiedenis(r *http.Request, d *recordData) error {
	page, err := h.opts.Kaart.Geschiedenis(r.Context(), d.Record.ID(), 50, "")
	switch kaart.ErrorCode(err) {
	case "":
		d.MagWijzigen = true
		d.Geschiedenis = rijen(page.Wijzigingen, d.Versie)
		return nil
	case kaart.EFORBIDDEN:
		return nil
	}
	return err
}

func (h *handler) loadRecord(w http.ResponseWriter, r *http.Request) (*kaart.RecordType, kaart.Node, bool) {
	t, ok := kaart.RecordTypes[r.PathValue("type")]
	id := r.PathValue("id")
	if !ok || kaart.CheckID(id) != "" {
		h.fail(w, r, kaart.NotFound("Record", id))
		return nil, kaart.Node{}, false
	}
	got, err := h.opts.Kaart.Get(r.Context(), []string{t.Name}, []string{id})
	if err != nil {
		h.fail(w, r, err)
		return nil, kaart.Node{}, false
	}
	n, ok := got[id]
	if !ok {
		h.fail(w, r, kaart.NotFound(t.Name, id))
		return nil, kaart.Node{}, false
	}
	return t, n, true
}

// opslaan saves the form as one update; field errors come back next to
// their fields, with what the user typed kept.
func (h *handler) opslaan(w http.ResponseWriter, r *http.Request) {
	if !h.checkForm(w, r) {
		return
	}
	t, n, ok := h.loadRecord(w, r)
	if !ok {
		return
	}
	d, in := leesForm(r, t, n)
	d.MagWijzigen = true
	if len(in) == 0 {
		http.Redirect(w, r, d.Pad+"?gedaan=ongewijzigd", http.StatusSeeOther)
		return
	}
	_, err := h.opts.Kaart.Update(r.Context(), t.Name, n.ID(), int(d.Versie), in)
	if err == nil {
		http.Redirect(w, r, d.Pad+"?gedaan=opgeslagen", http.StatusSeeOther)
		return
	}
	h.formFout(w, r, d, err)
}

// voorstel sends the form as a proposal to the record's steward.
func (h *handler) voorstel(w http.ResponseWriter, r *http.Request) {
	if !h.checkForm(w, r) {
		return
	}
	t, n, ok := h.loadRecord(w, r)
	if !ok {
		return
	}
	d, in := leesForm(r, t, n)
	d.Toelichting = strings.TrimSpace(r.PostFormValue("toelichting"))
	if len(in) == 0 {
		d.Melding = "U heeft nog niets gewijzigd: pas de velden aan die anders moeten en verstuur dan uw voorstel."
		h.render(w, r, http.StatusUnprocessableEntity, "record", h.newPage(r, "Fout in: voorstel voor "+n.Naam(), d))
		return
	}
	_, err := h.opts.Kaart.DoeVoorstel(r.Context(), n.ID(), t.Name, in, d.Toelichting)
	if err == nil {
		http.Redirect(w, r, d.Pad+"?gedaan=voorstel", http.StatusSeeOther)
		return
	}
	h.formFout(w, r, d, err)
}

// leesForm reads the posted form: the page as typed, and the changed fields
// as the API's input.
func leesForm(r *http.Request, t *kaart.RecordType, n kaart.Node) (*recordData, kaart.Input) {
	versie, _ := strconv.Atoi(r.PostFormValue("versie"))
	in := kaart.Input{}
	d := &recordData{Record: n, Versie: int64(versie), Pad: recordPad(t.Name, n.ID())}
	for _, f := range formVelden(t) {
		raw := strings.TrimSpace(r.PostFormValue(f.Name))
		if value, changed := formWaarde(f, raw, n.Props[f.Name]); changed {
			in[f.Name] = value
		}
		v := veldVan(f, n.Props[f.Name])
		v.Waarde, v.Aan = raw, raw != ""
		d.Velden = append(d.Velden, v)
	}
	return d, in
}

// formFout shows the form again with the API's errors next to their fields.
func (h *handler) formFout(w http.ResponseWriter, r *http.Request, d *recordData, err error) {
	n := d.Record
	var verrs kaart.ValidationErrors
	var kerr *kaart.Error
	switch {
	case errors.As(err, &verrs):
		for _, e := range verrs {
			d.zetFout(e)
		}
	case errors.As(err, &kerr) && kerr.Field != "" && kerr.Field != "versie":
		d.zetFout(kerr)
	case kaart.ErrorCode(err) == kaart.ECONFLICT || kaart.ErrorCode(err) == kaart.EFORBIDDEN:
		d.Melding = kaart.ErrorMessage(err)
	default:
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusUnprocessableEntity, "record", h.newPage(r, "Fout in: "+n.Naam()+" bewerken", d))
}

// zetFout puts a field error next to its field ("input.naam" or
// "wijziging.organisatie.naam" → naam), or on the form when no field matches.
func (d *recordData) zetFout(e *kaart.Error) {
	naam := e.Field
	if i := strings.LastIndexByte(naam, '.'); i >= 0 {
		naam = naam[i+1:]
	}
	for i := range d.Velden {
		if d.Velden[i].Naam == naam {
			d.Velden[i].Fout = e.Message
			d.Fouten++
			return
		}
	}
	d.Melding = strings.TrimSpace(d.Melding + " " + e.Message)
}

// formWaarde reads one posted field into the value the API takes, and
// whether it differs from the stored one. An emptied field clears it.
func formWaarde(f kaart.Field, raw string, stored any) (any, bool) {
	huidig := toonWaarde(f, stored)
	switch f.Kind {
	case kaart.BoolField:
		aan := raw != ""
		was, _ := stored.(bool)
		return aan, aan != was
	case kaart.IntField, kaart.FloatField:
		if raw == "" {
			return nil, huidig != ""
		}
		if x, err := strconv.ParseFloat(strings.ReplaceAll(raw, ",", "."), 64); err == nil {
			return x, raw != huidig
		}
		return raw, true // the API explains why this is not a number
	}
	if raw == "" {
		return nil, huidig != ""
	}
	return raw, raw != huidig
}

func veldVan(f kaart.Field, stored any) veld {
	v := veld{Naam: f.Name, Label: label(f.Name), Verplicht: f.Required, Waarde: toonWaarde(f, stored)}
	switch f.Kind {
	case kaart.EnumField:
		v.Soort, v.Keuzes = "select", f.Values
	case kaart.NiveauField:
		v.Soort, v.Keuzes = "select", []string{string(kaart.Bestuurlijk), string(kaart.Managerial), string(kaart.Frontlijn)}
	case kaart.BoolField:
		v.Soort, v.Aan = "checkbox", stored == true
	case kaart.DateField:
		v.Soort = "date"
	case kaart.IntField, kaart.FloatField:
		v.Soort = "number"
	default:
		v.Soort = "text"
		if f.MaxLen > 300 {
			v.Soort = "textarea"
		}
	}
	return v
}

func toonWaarde(f kaart.Field, stored any) string {
	switch x := stored.(type) {
	case nil:
		return ""
	case string:
		return x
	case time.Time:
		return x.Format(time.DateOnly)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		if x {
			return "ja"
		}
		return ""
	}
	return fmt.Sprint(stored)
}

// labels name the fields whose name does not read well when split.
var labels = map[string]string{
	"kvkNummer": "KvK-nummer", "geldigVan": "Geldig van", "geldigTot": "Geldig tot",
	"beheerder": "Beheerder (id van de organisatie)", "bron": "Bron", "zichtbaarheid": "Zichtbaarheid",
	"publiekAmbtsdrager": "Publiek ambtsdrager", "toestemmingGegevenDoor": "Toestemming gegeven door",
	"toestemmingGegevenOp": "Toestemming gegeven op", "toestemmingZichtbaarheid": "Toestemming voor zichtbaarheid",
}

// label turns a field name into a label: "aanspreekpunt" → "Aanspreekpunt",
// "laatstBevestigd" → "Laatst bevestigd".
func label(name string) string {
	if l, ok := labels[name]; ok {
		return l
	}
	var b strings.Builder
	for i, r := range name {
		switch {
		case i == 0:
			b.WriteRune(unicode.ToUpper(r))
		case unicode.IsUpper(r):
			b.WriteRune(' ')
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func versieVan(n kaart.Node) int64 {
	v, _ := n.Props["versie"].(int64)
	return v
}

func recordPad(typ, id string) string {
	return Prefix + "/record/" + url.PathEscape(typ) + "/" + url.PathEscape(id)
}
