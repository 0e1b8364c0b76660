// Package web serves the sociale kaart to residents as plain HTML pages:
// search, cards, a page per organisatie, aanbod, persoon, netwerk, locatie,
// functie and wijk with the "waarvoor bij wie" of its wijk, a form to report
// a mistake, and the accessibility and privacy statements, in Dutch and (at
// /en/…) English. Pages are rendered on the server and work without
// JavaScript; a small script adds suggestions to the search box.
//
// Every page reads the kaart as the anonymous viewer, whatever the request
// carries, so only OPENBAAR records and relationships ever reach a page.
package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/socialekaart/socialekaart/internal/httpserver"
	"github.com/socialekaart/socialekaart/internal/kaart"
)

//go:embed templates/*.html
var templateFS embed.FS

// staticFS holds the built CSS (web/build.mjs) and the script.
//
//go:embed static
var staticFS embed.FS

// Options configure the pages. Only Kaart is required.
type Options struct {
	// Kaart is read as the anonymous viewer; *kaart.Service is one.
	Kaart Kaart
	// Zoeker finds records; nil uses a KaartZoeker on Kaart.
	Zoeker Zoeker
	// Gemeente limits search, filters and suggestions to one gemeente; ""
	// shows every gemeente.
	Gemeente string
	// Meldingen stores reports of mistakes; nil keeps them in memory only.
	Meldingen Meldingen
	Logger    *slog.Logger
	// Demo shows the banner that the data is invented.
	Demo bool
	// ClientIP returns the client address a report is rate-limited by; nil
	// uses the address the HTTP server decided (httpserver.ClientIP).
	ClientIP func(r *http.Request) string
	// MeldLimiet reports are allowed per client per MeldVenster (5 per 10
	// minutes when zero).
	MeldLimiet  int
	MeldVenster time.Duration
	// APIPath is linked in the footer for developers ("" hides the link).
	APIPath string
	// PageSize is the number of cards per page of results (20 when zero).
	PageSize int
}

type handler struct {
	opts    Options
	log     *slog.Logger
	pages   map[string]*template.Template
	static  map[string]*asset
	mux     *http.ServeMux
	limiter *limiter

	optiesMu sync.Mutex
	opties   *keuzes
	optiesAt time.Time
}

// asset is one static file with its gzip form and version.
type asset struct {
	body, gz    []byte
	contentType string
	version     string
}

// pageNames are the templates in templates/, each with the layout.
var pageNames = []string{"zoeken", "detail", "wijk", "melden", "bedankt", "toegankelijkheid", "privacy", "fout"}

// NewHandler returns the web pages. It panics if the embedded templates do
// not parse, which a test catches.
func NewHandler(opts Options) http.Handler {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Zoeker == nil {
		opts.Zoeker = &KaartZoeker{Kaart: opts.Kaart, Gemeente: opts.Gemeente}
	}
	if opts.Meldingen == nil {
		opts.Meldingen = &MemoryMeldingen{}
	}
	if opts.ClientIP == nil {
		opts.ClientIP = defaultClientIP
	}
	if opts.MeldLimiet <= 0 {
		opts.MeldLimiet = 5
	}
	if opts.MeldVenster <= 0 {
		opts.MeldVenster = 10 * time.Minute
	}
	if opts.PageSize <= 0 {
		opts.PageSize = 20
	}
	h := &handler{
		opts:    opts,
		log:     opts.Logger,
		pages:   map[string]*template.Template{},
		static:  loadStatic(),
		limiter: newLimiter(opts.MeldLimiet, opts.MeldVenster),
	}
	for _, name := range pageNames {
		h.pages[name] = template.Must(template.New(name).Funcs(template.FuncMap{"join": strings.Join}).ParseFS(templateFS,
			"templates/layout.html", "templates/partials.html", "templates/"+name+".html"))
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", h.zoeken)
	mux.HandleFunc("GET /suggesties", h.suggesties)
	for _, typ := range []string{"Aanbod", "Organisatie", "Netwerk", "Persoon", "Locatie", "Functie"} {
		mux.HandleFunc("GET "+pagePath(typ, "{id}"), h.detail(typ))
	}
	mux.HandleFunc("GET /wijk/{id}", h.wijk)
	mux.HandleFunc("GET /melden", h.meldForm)
	mux.HandleFunc("POST /melden", h.meld)
	mux.HandleFunc("GET /melden/bedankt", h.bedankt)
	mux.HandleFunc("GET /toegankelijkheid", h.statement("toegankelijkheid"))
	mux.HandleFunc("GET /privacy", h.statement("privacy"))
	mux.HandleFunc("GET /static/{file}", h.serveStatic)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h.notFound(w, r)
	})
	h.mux = mux
	return h
}

func defaultClientIP(r *http.Request) string {
	if ip := httpserver.ClientIP(r.Context()); ip != "" {
		return ip
	}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

type langKey struct{}

func langFrom(ctx context.Context) Lang {
	if l, ok := ctx.Value(langKey{}).(Lang); ok {
		return l
	}
	return NL
}

// ServeHTTP strips /en, makes the viewer anonymous and routes.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mux.ServeHTTP(w, pageRequest(w, r))
}

// ServeTooManyRequests answers a request over the server's per-address
// limit with status 429 and a page in the language of the page asked for
// (see httpserver.TooManyRequestsPage).
func (h *handler) ServeTooManyRequests(w http.ResponseWriter, r *http.Request, _ time.Duration) {
	r = pageRequest(w, r)
	lang := langFrom(r.Context())
	p := h.newPage(r, T(lang, "kaart.teVeel"), foutData{Kop: "kaart.teVeel", Tekst: "kaart.teVeelTekst"})
	h.render(w, r, http.StatusTooManyRequests, "fout", p)
}

// pageRequest sets the headers of every page and returns r as the pages
// see it: the anonymous viewer, the language in the context, /en stripped.
func pageRequest(w http.ResponseWriter, r *http.Request) *http.Request {
	lang, p := langPath(r.URL.Path)
	ctx := kaart.WithViewer(r.Context(), kaart.Viewer{})
	ctx = context.WithValue(ctx, langKey{}, lang)
	r2 := r.Clone(ctx)
	r2.URL.Path = p
	r2.URL.RawPath = ""
	hd := w.Header()
	hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	hd.Set("Content-Language", string(lang))
	// Links to other sites do not tell them which page a resident was on.
	hd.Set("Referrer-Policy", "same-origin")
	hd.Add("Vary", "Accept-Encoding")
	return r2
}

// pageData is what every page template gets.
type pageData struct {
	Lang       Lang
	Titel      string
	Demo       bool
	Pad        string // this page's Dutch path and query
	AndereTaal string // this page in the other language
	CSS, JS    string
	MeldURL    string
	API        string
	Data       any
}

// T returns the catalogue message for key.
func (p *pageData) T(key string) string { return T(p.Lang, key) }

// Tf formats the catalogue message for key.
func (p *pageData) Tf(key string, args ...any) string { return Tf(p.Lang, key, args...) }

// L returns a Dutch path and query in the page's language.
func (p *pageData) L(u string) string { return localPath(p.Lang, u) }

// Met pairs the page with an item, for partial templates.
func (p *pageData) Met(x any) item { return item{pageData: p, X: x} }

type item struct {
	*pageData
	X any
}

func (h *handler) newPage(r *http.Request, titel string, data any) *pageData {
	lang := langFrom(r.Context())
	pad := r.URL.Path
	if q := r.URL.RawQuery; q != "" && r.Method == http.MethodGet {
		pad += "?" + q
	}
	other := EN
	if lang == EN {
		other = NL
	}
	return &pageData{
		Lang: lang, Titel: titel, Demo: h.opts.Demo, Pad: pad,
		AndereTaal: localPath(other, pad),
		CSS:        "/static/kaart.css?v=" + h.static["kaart.css"].version,
		JS:         "/static/kaart.js?v=" + h.static["kaart.js"].version,
		MeldURL:    localPath(lang, "/melden"),
		API:        h.opts.APIPath,
		Data:       data,
	}
}

// render writes a page, gzipped when the client accepts it.
func (h *handler) render(w http.ResponseWriter, r *http.Request, status int, name string, p *pageData) {
	var buf bytes.Buffer
	if err := h.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		h.log.ErrorContext(r.Context(), "render page", "page", name, "err", err)
		http.Error(w, T(p.Lang, "kaart.storingTekst"), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	writeBody(w, r, status, buf.Bytes())
}

func writeBody(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	if len(body) > 1024 && acceptsGzip(r) {
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
		_, _ = zw.Write(body)
		_ = zw.Close()
		w.Header().Set("Content-Encoding", "gzip")
		body = gz.Bytes()
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && !strings.Contains(strings.ReplaceAll(q, " ", ""), "q=0") {
			return true
		}
	}
	return false
}

func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	p := h.newPage(r, T(langFrom(r.Context()), "kaart.nietGevonden"), foutData{Kop: "kaart.nietGevonden", Tekst: "kaart.nietGevondenTekst"})
	h.render(w, r, http.StatusNotFound, "fout", p)
}

// fail shows a page for an error from the kaart: not found, a bad cursor,
// or a failure, which is logged.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch kaart.ErrorCode(err) {
	case kaart.ENOTFOUND, kaart.EINVALID:
		h.notFound(w, r)
		return
	}
	if !errors.Is(err, context.Canceled) {
		h.log.ErrorContext(r.Context(), "web page", "path", r.URL.Path, "err", err)
	}
	p := h.newPage(r, T(langFrom(r.Context()), "kaart.storing"), foutData{Kop: "kaart.storing", Tekst: "kaart.storingTekst"})
	h.render(w, r, http.StatusServiceUnavailable, "fout", p)
}

type foutData struct{ Kop, Tekst string }

func (h *handler) statement(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := map[string]string{"toegankelijkheid": "toegankelijk.titel", "privacy": "privacy.titel"}[name]
		h.render(w, r, http.StatusOK, name, h.newPage(r, T(langFrom(r.Context()), key), nil))
	}
}

func loadStatic() map[string]*asset {
	out := map[string]*asset{}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		_, _ = zw.Write(body)
		_ = zw.Close()
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = "application/octet-stream"
		}
		out[path.Base(p)] = &asset{body: body, gz: gz.Bytes(), contentType: ct, version: hex.EncodeToString(sum[:6])}
		return nil
	})
	if err != nil {
		panic("web: embedded static files: " + err.Error())
	}
	for _, need := range []string{"kaart.css", "kaart.js"} {
		if out[need] == nil {
			panic("web: embedded static file missing: " + need + "; run make -C web build")
		}
	}
	return out
}

// serveStatic serves the embedded assets; a versioned URL is cached for a year.
func (h *handler) serveStatic(w http.ResponseWriter, r *http.Request) {
	a := h.static[r.PathValue("file")]
	if a == nil {
		h.notFound(w, r)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", a.contentType)
	if r.URL.Query().Get("v") == a.version {
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hd.Set("Cache-Control", "public, max-age=300")
	}
	body := a.body
	if acceptsGzip(r) {
		hd.Set("Content-Encoding", "gzip")
		body = a.gz
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}
