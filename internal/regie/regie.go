// Package regie serves the pages for wijkregisseurs, beheerders and
// partners: the coalition map of a wijk with its gaps, the "waarvoor bij wie"
// card, overlap and freshness lists, and the forms that keep the kaart
// current. Unlike the resident pages, every page reads the kaart as the
// logged-in viewer, so what a page shows is exactly what that viewer may see.
// The pages are Dutch only.
package regie

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static/regie.css
var regieCSS []byte

// Prefix is where the pages live.
const Prefix = "/regie"

// Kaart is what the pages ask; *kaart.Service is one.
type Kaart interface {
	Get(ctx context.Context, types []string, ids []string) (map[string]kaart.Node, error)
	List(ctx context.Context, typeName string, f kaart.ListFilter) (kaart.Page, error)
	Neighbours(ctx context.Context, q kaart.NeighbourQuery) (map[string][]kaart.Neighbour, error)
	Confirm(ctx context.Context, typeName, id string) (kaart.Node, error)
	Update(ctx context.Context, typeName, id string, versie int, in kaart.Input) (kaart.Node, error)
	Link(ctx context.Context, relation, from, to string, in kaart.Input) (kaart.Node, error)
	Unlink(ctx context.Context, relation, id string, versie int) error
	CoalitieAnalyse(ctx context.Context, gebied string, peildatum time.Time) ([]kaart.CoalitieAnalyse, error)
	WaarvoorBijWie(ctx context.Context, gebied string, peildatum time.Time) (kaart.Loket, error)
	Overlap(ctx context.Context, gebied string, peildatum time.Time) ([]kaart.Overlap, error)
	Verouderd(ctx context.Context, gebied string, ouderDan time.Time) ([]kaart.VerouderdGroep, error)
	Geschiedenis(ctx context.Context, id string, first int, after string) (kaart.WijzigingPage, error)
	Herstel(ctx context.Context, typeName, id string, versie, huidige int) (kaart.Node, error)
	DoeVoorstel(ctx context.Context, recordID, typeName string, wijzigingen kaart.Input, toelichting string) (kaart.Voorstel, error)
	Beoordelingswachtrij(ctx context.Context, f kaart.VoorstelFilter) (kaart.VoorstelPage, error)
	MijnVoorstellen(ctx context.Context, f kaart.VoorstelFilter) (kaart.VoorstelPage, error)
	KeurGoed(ctx context.Context, id, reden string) (kaart.Voorstel, error)
	WijsAf(ctx context.Context, id, reden string) (kaart.Voorstel, error)
}

// Sleutels manages API keys as the viewer may; *kaart.Sleutels is one.
type Sleutels interface {
	ListAs(ctx context.Context, v kaart.Viewer) ([]kaart.Sleutel, error)
	CreateAs(ctx context.Context, v kaart.Viewer, n kaart.NieuweSleutel) (string, kaart.Sleutel, error)
	RotateAs(ctx context.Context, v kaart.Viewer, id string) (string, kaart.Sleutel, error)
	RevokeAs(ctx context.Context, v kaart.Viewer, id string) (kaart.Sleutel, error)
}

// Options configure the pages. Kaart is required.
type Options struct {
	Kaart Kaart
	// Sleutels lets partners manage their API keys; nil hides that part.
	Sleutels Sleutels
	Logger   *slog.Logger
	// LoginURL is where an anonymous visitor is sent, with ?terug=<page>.
	LoginURL string
	// CSRFToken returns the token a form posts back; CheckCSRF verifies it.
	// Both come from the login sessions; nil CheckCSRF refuses every form.
	CSRFToken func(r *http.Request) string
	CheckCSRF func(r *http.Request) bool
	// LogoutURL is the form action that ends the session.
	LogoutURL string
	// Demo marks the pages as showing invented data.
	Demo bool
	// DevLogin marks every page: the development login is on.
	DevLogin bool
	// Now is the clock of peildatum and freshness; nil is time.Now.
	Now func() time.Time
	// VerouderdNa is how old a confirmation may get before a record is
	// listed for re-confirmation (12 months when zero).
	VerouderdNa time.Duration
}

type handler struct {
	opts  Options
	log   *slog.Logger
	pages map[string]*template.Template
	mux   *http.ServeMux
}

var pageNames = []string{"overzicht", "wijk", "record", "organisatie", "fout"}

var funcs = template.FuncMap{
	"niveau": func(n any) string {
		switch x := n.(type) {
		case kaart.Niveau:
			return niveauTekst(x)
		case string:
			return niveauTekst(kaart.Niveau(x))
		}
		return ""
	},
	"datum": func(t time.Time) string { return t.Format("2-1-2006") },
	"join":  strings.Join,
	"list":  func(xs ...string) []string { return xs },
	"pad":   func(n kaart.Node) string { return recordPad(n.Type, n.ID()) },
	"tijd":  func(t time.Time) string { return t.Local().Format("2-1-2006 15:04") },
	"tijdp": func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Local().Format("2-1-2006 15:04")
	},
}

// NewHandler returns the pages, to be mounted at Prefix. It panics if the
// embedded templates do not parse, which a test catches.
func NewHandler(opts Options) http.Handler {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.VerouderdNa <= 0 {
		opts.VerouderdNa = 365 * 24 * time.Hour
	}
	if opts.LoginURL == "" {
		opts.LoginURL = "/inloggen"
	}
	h := &handler{opts: opts, log: opts.Logger, pages: map[string]*template.Template{}}
	for _, name := range pageNames {
		h.pages[name] = template.Must(template.New(name).Funcs(funcs).ParseFS(templateFS,
			"templates/layout.html", "templates/"+name+".html"))
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+Prefix+"/{$}", h.overzicht)
	mux.HandleFunc("GET "+Prefix+"/wijk/{id}", h.wijk)
	mux.HandleFunc("POST "+Prefix+"/bevestig", h.bevestig)
	mux.HandleFunc("GET "+Prefix+"/record/{type}/{id}", h.record)
	mux.HandleFunc("POST "+Prefix+"/herstel/{type}/{id}", h.herstel)
	mux.HandleFunc("POST "+Prefix+"/voorstel/{type}/{id}", h.voorstel)
	mux.HandleFunc("POST "+Prefix+"/beoordeel", h.beoordeel)
	mux.HandleFunc("POST "+Prefix+"/koppel/{type}/{id}", h.koppel)
	mux.HandleFunc("POST "+Prefix+"/ontkoppel", h.ontkoppel)
	mux.HandleFunc("POST "+Prefix+"/sleutels", h.maakSleutel)
	mux.HandleFunc("POST "+Prefix+"/sleutels/{id}/roteer", h.roteerSleutel)
	mux.HandleFunc("POST "+Prefix+"/sleutels/{id}/intrekken", h.trekSleutelIn)
	mux.HandleFunc("GET "+Prefix+"/organisatie/{$}", h.mijnOrganisatie)
	mux.HandleFunc("GET "+Prefix+"/organisatie/{id}", h.organisatie)
	mux.HandleFunc("POST "+Prefix+"/record/{type}/{id}", h.opslaan)
	mux.HandleFunc("GET "+Prefix+"/regie.css", h.css)
	mux.HandleFunc(Prefix+"/", func(w http.ResponseWriter, r *http.Request) {
		h.fout(w, r, http.StatusNotFound, "Pagina niet gevonden", "Dit adres bestaat niet, of u mag het niet zien.")
	})
	h.mux = mux
	return h
}

// ServeHTTP sends anonymous visitors to the login page; the pages are for
// people with a role.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	hd.Set("Referrer-Policy", "same-origin")
	hd.Set("Cache-Control", "no-store")
	if r.URL.Path == Prefix+"/regie.css" {
		h.mux.ServeHTTP(w, r)
		return
	}
	if !kaart.ViewerFrom(r.Context()).Authenticated() {
		terug := r.URL.Path
		if r.Method != http.MethodGet {
			terug = Prefix + "/"
		}
		http.Redirect(w, r, h.opts.LoginURL+"?terug="+url.QueryEscape(terug), http.StatusSeeOther)
		return
	}
	h.mux.ServeHTTP(w, r)
}

// page is what every template gets.
type page struct {
	Titel     string
	Viewer    kaart.Viewer
	Demo      bool
	DevLogin  bool
	CSRF      string
	LogoutURL string
	Melding   string // a message after a form, from ?gedaan=
	Data      any
}

func (h *handler) newPage(r *http.Request, titel string, data any) *page {
	p := &page{Titel: titel, Viewer: kaart.ViewerFrom(r.Context()), Demo: h.opts.Demo, DevLogin: h.opts.DevLogin, LogoutURL: h.opts.LogoutURL, Data: data}
	if h.opts.CSRFToken != nil {
		p.CSRF = h.opts.CSRFToken(r)
	}
	p.Melding = meldingen[r.URL.Query().Get("gedaan")]
	return p
}

// RolTekst names the viewer's role for the header, unless the name the
// viewer goes by already says it.
func (p *page) RolTekst() string {
	rol := p.rolTekst()
	if strings.HasSuffix(p.Viewer.Door(), "("+rol+")") {
		return ""
	}
	return rol
}

func (p *page) rolTekst() string {
	switch p.Viewer.Rol {
	case kaart.Partner:
		return "partner"
	case kaart.Regisseur:
		return "wijkregisseur"
	case kaart.Beheerder:
		if p.Viewer.Gemeente == "" {
			return "platformbeheerder"
		}
		return "beheerder"
	}
	return ""
}

// meldingen are the confirmations a redirect after a form may show; the
// query parameter only chooses one, so no text can be injected.
var meldingen = map[string]string{
	"bevestigd":   "Bevestigd: het record staat weer als actueel op de kaart.",
	"opgeslagen":  "Opgeslagen.",
	"ongewijzigd": "Er was niets gewijzigd; er is niets opgeslagen.",
	"hersteld":    "Hersteld: het record heeft weer de gegevens van de gekozen versie. Ook dat staat in de geschiedenis.",
	"voorstel":    "Uw voorstel is verstuurd. De beheerder van de wijk beoordeelt het; de status ziet u bij uw organisatie.",
	"goedgekeurd": "Goedgekeurd: de wijziging staat op de kaart.",
	"afgewezen":   "Afgewezen: de indiener ziet uw reden.",
	"ingetrokken": "De sleutel is ingetrokken en werkt niet meer.",
	"gekoppeld":   "De koppeling is gemaakt.",
	"ontkoppeld":  "De koppeling is verwijderd.",
}

func (h *handler) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	var buf bytes.Buffer
	if err := h.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		h.log.ErrorContext(r.Context(), "render regie page", "page", name, "err", err)
		http.Error(w, "De pagina kon niet worden getoond.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

type foutData struct{ Kop, Tekst string }

func (h *handler) fout(w http.ResponseWriter, r *http.Request, status int, kop, tekst string) {
	h.render(w, r, status, "fout", h.newPage(r, kop, foutData{Kop: kop, Tekst: tekst}))
}

// fail shows the page for an error from the kaart; failures are logged.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch kaart.ErrorCode(err) {
	case kaart.ENOTFOUND, kaart.EINVALID:
		h.fout(w, r, http.StatusNotFound, "Niet gevonden", "Dit record bestaat niet, of u mag het niet zien.")
		return
	case kaart.EFORBIDDEN, kaart.EUNAUTHENTICATED:
		h.fout(w, r, http.StatusForbidden, "Geen toegang", kaart.ErrorMessage(err))
		return
	}
	if !errors.Is(err, context.Canceled) {
		h.log.ErrorContext(r.Context(), "regie page", "path", r.URL.Path, "err", err)
	}
	h.fout(w, r, http.StatusServiceUnavailable, "Storing", "De sociale kaart is even niet bereikbaar. Probeer het over een minuut opnieuw.")
}

func (h *handler) css(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(regieCSS)
}

// checkForm verifies the CSRF token of a POST; it answers 403 itself.
func (h *handler) checkForm(w http.ResponseWriter, r *http.Request) bool {
	if h.opts.CheckCSRF == nil || !h.opts.CheckCSRF(r) {
		h.fout(w, r, http.StatusForbidden, "Formulier verlopen",
			"Het formulier kon niet worden gecontroleerd. Laad de pagina opnieuw en probeer het nog eens.")
		return false
	}
	return true
}

func niveauTekst(n kaart.Niveau) string {
	switch n {
	case kaart.Bestuurlijk:
		return "Bestuurlijk"
	case kaart.Managerial:
		return "Managerial"
	case kaart.Frontlijn:
		return "Frontlijn"
	}
	return "Zonder niveau"
}
