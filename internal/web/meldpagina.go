package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Limits of a report.
const (
	meldMin      = 10
	meldMax      = 2000
	meldMaxBytes = 16 << 10
	// honeypot is a field people never see or fill; bots do.
	honeypot = "website"
)

// meldData is the report form.
type meldData struct {
	Over     string
	OverNaam string
	OverURL  string
	Tekst    string
	Email    string
	Fouten   []meldFout
	TeVaak   bool
	Storing  bool
	// Verlopen: the form token was missing, forged or too old.
	Verlopen bool
	// Formulier is the signed, time-stamped form token.
	Formulier string
}

func init() {
	messages["melden.verlopen"] = [2]string{
		"Uw melding is nog niet verstuurd: het formulier was verlopen. Controleer uw melding en verstuur hem opnieuw.",
		"Your report has not been sent yet: the form had expired. Please check your report and send it again.",
	}
}

// meldFout is an error on one field of the form.
type meldFout struct {
	Veld    string // the id of the input
	Bericht string
}

// FoutVan returns the error message of a field, "" when it has none.
func (d *meldData) FoutVan(veld string) string {
	for _, f := range d.Fouten {
		if f.Veld == veld {
			return f.Bericht
		}
	}
	return ""
}

// overRecord looks up what a report is about; an unknown or hidden id
// makes it a report about the site.
func (h *handler) overRecord(ctx context.Context, id string) (kaart.Node, bool) {
	if kaart.CheckID(id) != "" {
		return kaart.Node{}, false
	}
	got, err := h.opts.Kaart.Get(ctx, nil, []string{id})
	if err != nil {
		h.log.WarnContext(ctx, "report form: look up record", "id", id, "err", err)
		return kaart.Node{}, false
	}
	n, ok := got[id]
	return n, ok
}

func (h *handler) meldForm(w http.ResponseWriter, r *http.Request) {
	d := &meldData{Formulier: nieuwFormulier(time.Now())}
	h.fillOver(r.Context(), d, r.URL.Query().Get("over"))
	h.render(w, r, http.StatusOK, "melden", h.newPage(r, T(langFrom(r.Context()), "melden.titel"), d))
}

func (h *handler) fillOver(ctx context.Context, d *meldData, id string) {
	if n, ok := h.overRecord(ctx, id); ok {
		d.Over, d.OverNaam, d.OverURL = n.ID(), naamVan(n), pagePath(n.Type, n.ID())
		if d.OverNaam == "" {
			d.OverNaam = prop(n, "waarde")
		}
	}
}

// sameOrigin rejects a form posted from another site. Browsers say where
// a request comes from in Sec-Fetch-Site, older ones in Origin (which is
// "null" under some referrer policies); a client that sends neither is not
// a browser on another site.
func sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" {
		return site == "same-origin" || site == "none"
	}
	o := r.Header.Get("Origin")
	if o == "" || o == "null" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && strings.EqualFold(u.Host, r.Host)
}

func (h *handler) meld(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := langFrom(ctx)
	if !sameOrigin(r) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, meldMaxBytes)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	d := &meldData{
		Tekst: strings.TrimSpace(r.PostForm.Get("tekst")),
		Email: strings.TrimSpace(r.PostForm.Get("email")),
	}
	h.fillOver(ctx, d, r.PostForm.Get("over"))
	show := func(status int) {
		h.render(w, r, status, "melden", h.newPage(r, T(lang, "melden.titel"), d))
	}
	bedankt := localPath(lang, "/melden/bedankt")
	if r.PostForm.Get(honeypot) != "" {
		// Look like success, store nothing.
		h.log.InfoContext(ctx, "report dropped: honeypot filled")
		http.Redirect(w, r, bedankt, http.StatusSeeOther)
		return
	}
	d.Formulier = r.PostForm.Get(formulierVeld)
	if !formulierGeldigOp(d.Formulier, time.Now()) {
		d.Formulier = nieuwFormulier(time.Now())
	}
	if ok, wait := h.limiter.allow(h.opts.ClientIP(r)); !ok {
		d.TeVaak = true
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())))
		show(http.StatusTooManyRequests)
		return
	}
	if !formulierGeldigOp(r.PostForm.Get(formulierVeld), time.Now()) {
		// A bot that did not fetch the form, or a resident whose form
		// expired: nothing is stored, the text stays for a second try.
		h.log.InfoContext(ctx, "report refused: no valid form token")
		d.Verlopen = true
		show(http.StatusUnprocessableEntity)
		return
	}
	n := utf8.RuneCountInString(d.Tekst)
	switch {
	case n == 0:
		d.Fouten = append(d.Fouten, meldFout{"tekst", T(lang, "melden.fout.leeg")})
	case n < meldMin:
		d.Fouten = append(d.Fouten, meldFout{"tekst", T(lang, "melden.fout.kort")})
	case n > meldMax:
		d.Fouten = append(d.Fouten, meldFout{"tekst", T(lang, "melden.fout.lang")})
	case !utf8.ValidString(d.Tekst):
		d.Fouten = append(d.Fouten, meldFout{"tekst", T(lang, "melden.fout.leeg")})
	}
	if d.Email != "" && (kaart.CheckEmail(d.Email) != "" || len(d.Email) > 254) {
		d.Fouten = append(d.Fouten, meldFout{"email", T(lang, "melden.fout.email")})
	}
	if len(d.Fouten) > 0 {
		show(http.StatusUnprocessableEntity)
		return
	}
	m := Melding{ID: nieuwMeldingID(), Over: d.Over, OverNaam: d.OverNaam, Tekst: d.Tekst, Email: d.Email, Taal: lang, Ontvangen: time.Now().UTC()}
	if n, ok := h.overRecord(ctx, d.Over); ok {
		m.OverType = n.Type
	}
	id, err := h.opts.Meldingen.Bewaar(ctx, m)
	if err != nil {
		h.log.ErrorContext(ctx, "store report", "err", err)
		d.Storing = true
		show(http.StatusServiceUnavailable)
		return
	}
	// The text and address stay out of the log: they may hold personal data.
	h.log.InfoContext(ctx, "report received", "melding", id, "over", m.Over)
	http.Redirect(w, r, bedankt, http.StatusSeeOther)
}

func (h *handler) bedankt(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "bedankt", h.newPage(r, T(langFrom(r.Context()), "melden.bedankt"), nil))
}
