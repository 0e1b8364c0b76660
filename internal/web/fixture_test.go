package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
	"github.com/socialekaart/socialekaart/internal/web"
)

// kaartje is a small sociale kaart in a gemeente of its own: one wijk with
// a buurt, its key roles (no wijkwethouder), a buurthuis with aanbod, and
// records and relationships for partners or staff that no page may show.
type kaartje struct {
	svc                                  *kaart.Service
	gemeente, wijk, buurt, anderWijk     string
	bureau, buurthuis, politie           string
	taalcafe, taalgroepGeheim, sportclub string
	regisseur, agent, wijkraad, geheimNw string
	femke, verborgen, locatie, thema     string
}

// hidden are strings of PARTNERS and INTERN data in the fixture.
var hidden = []string{
	"Taalgroep Besloten", "030 799 0999", "+31307990999", "geheim@demo.example",
	"Verborgen Agent", "Besloten netwerk", "Geheime ingang", "Interne opmerking",
}

func logger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func newKaartje(t *testing.T) *kaartje {
	t.Helper()
	store := neo4jtest.Open(t)
	k := &kaartje{svc: &kaart.Service{Store: store}, gemeente: neo4jtest.Gemeente(t, store)}
	ctx := kaart.WithViewer(context.Background(), neo4jtest.Platform)
	create := func(typ string, in kaart.Input) string {
		t.Helper()
		n, err := k.svc.Create(ctx, typ, in)
		if err != nil {
			t.Fatalf("Create(%s, %v): %v", typ, in, err)
		}
		return n.ID()
	}
	link := func(rel, from, to string, in kaart.Input) {
		t.Helper()
		if in == nil {
			in = kaart.Input{}
		}
		if _, err := k.svc.Link(ctx, rel, from, to, in); err != nil {
			t.Fatalf("Link(%s, %s, %s): %v", rel, from, to, err)
		}
	}
	g := k.gemeente
	k.bureau = create("Organisatie", kaart.Input{"gemeente": g, "naam": "Wijkbureau Lindewijk", "sector": "GEMEENTELIJKE_DIENST"})
	k.wijk = create("Gebied", kaart.Input{"naam": "Lindewijk", "soort": "WIJK", "ouder": g, "beheerder": k.bureau})
	k.buurt = create("Gebied", kaart.Input{"naam": "Lindebuurt", "soort": "BUURT", "ouder": k.wijk})
	k.anderWijk = create("Gebied", kaart.Input{"naam": "Eikenwijk", "soort": "WIJK", "ouder": g})
	link("BEDIENT", k.bureau, k.wijk, nil)
	create("Contactgegeven", kaart.Input{"gemeente": g, "van": k.bureau, "soort": "TELEFOON", "waarde": "030 799 0100", "zichtbaarheid": "OPENBAAR"})
	k.locatie = create("Locatie", kaart.Input{"gemeente": g, "naam": "Buurthuis De Linde", "straat": "Lindelaan", "huisnummer": "1",
		"postcode": "3500 AA", "plaats": "Utrecht", "toegankelijkheid": "Drempelvrij, met invalidetoilet"})
	k.thema = create("Thema", kaart.Input{"gemeente": g, "naam": "Taal"})

	k.buurthuis = create("Organisatie", kaart.Input{"gemeente": g, "naam": "Buurthuis De Linde", "sector": "WELZIJN",
		"omschrijving": "Ontmoeting en activiteiten voor de buurt."})
	link("OP_LOCATIE", k.buurthuis, k.locatie, nil)
	link("BEDIENT", k.buurthuis, k.buurt, nil)
	create("Contactgegeven", kaart.Input{"gemeente": g, "van": k.buurthuis, "soort": "TELEFOON", "waarde": "030 799 0001", "zichtbaarheid": "OPENBAAR"})
	create("Contactgegeven", kaart.Input{"gemeente": g, "van": k.buurthuis, "soort": "EMAIL", "waarde": "info@linde.demo.example", "zichtbaarheid": "OPENBAAR"})
	create("Contactgegeven", kaart.Input{"gemeente": g, "van": k.buurthuis, "soort": "TELEFOON", "waarde": "030 799 0999", "zichtbaarheid": "PARTNERS"})
	create("Contactgegeven", kaart.Input{"gemeente": g, "van": k.buurthuis, "soort": "EMAIL", "waarde": "geheim@demo.example", "zichtbaarheid": "INTERN"})
	geheimeLoc := create("Locatie", kaart.Input{"gemeente": g, "naam": "Geheime ingang", "zichtbaarheid": "INTERN"})

	k.taalcafe = create("Aanbod", kaart.Input{"gemeente": g, "organisatie": k.buurthuis, "naam": "Taalcafé De Linde",
		"omschrijving": "Nederlands oefenen met vrijwilligers.", "openingstijden": "Dinsdag 10.00-12.00", "kosten": "Gratis",
		"aanmelden": "Vrije inloop"})
	link("OVER_THEMA", k.taalcafe, k.thema, nil)
	link("OP_LOCATIE", k.taalcafe, k.locatie, nil)
	link("BEDIENT", k.taalcafe, k.buurt, nil)
	k.taalgroepGeheim = create("Aanbod", kaart.Input{"gemeente": g, "organisatie": k.buurthuis, "naam": "Taalgroep Besloten", "zichtbaarheid": "PARTNERS"})
	link("BEDIENT", k.taalgroepGeheim, k.buurt, nil)
	link("OVER_THEMA", k.taalgroepGeheim, k.thema, nil)
	k.sportclub = create("Aanbod", kaart.Input{"gemeente": g, "organisatie": k.buurthuis, "naam": "Sportinstuif Eikenwijk", "openingstijden": "Zaterdag"})
	link("BEDIENT", k.sportclub, k.anderWijk, nil)
	// A hidden relationship between public records must not show either.
	link("OP_LOCATIE", k.sportclub, geheimeLoc, kaart.Input{"zichtbaarheid": "INTERN"})

	k.regisseur = create("Functie", kaart.Input{"gemeente": g, "organisatie": k.bureau, "titel": "Wijkregisseur Lindewijk",
		"rol": "WIJKREGISSEUR", "niveau": "MANAGERIAL", "omschrijving": "Regie op de samenwerking in de wijk.", "zichtbaarheid": "OPENBAAR"})
	link("BEDIENT", k.regisseur, k.wijk, nil)
	create("Contactgegeven", kaart.Input{"gemeente": g, "van": k.regisseur, "soort": "EMAIL", "waarde": "regisseur@linde.demo.example", "zichtbaarheid": "OPENBAAR"})
	k.femke = create("Persoon", kaart.Input{"gemeente": g, "naam": "Femke Lindeman", "grondslag": "PUBLIEKE_TAAK", "zichtbaarheid": "OPENBAAR"})
	link("BEKLEEDT", k.femke, k.regisseur, nil)

	k.politie = create("Organisatie", kaart.Input{"gemeente": g, "naam": "Politie Basisteam Linde", "sector": "POLITIE"})
	k.agent = create("Functie", kaart.Input{"gemeente": g, "organisatie": k.politie, "titel": "Wijkagent Lindebuurt", "rol": "WIJKAGENT",
		"niveau": "FRONTLIJN", "zichtbaarheid": "OPENBAAR"})
	link("BEDIENT", k.agent, k.buurt, nil)
	create("Contactgegeven", kaart.Input{"gemeente": g, "van": k.agent, "soort": "TELEFOON", "waarde": "0900-8844", "zichtbaarheid": "OPENBAAR"})
	k.verborgen = create("Persoon", kaart.Input{"gemeente": g, "naam": "Verborgen Agent", "grondslag": "GERECHTVAARDIGD_BELANG"})
	link("BEKLEEDT", k.verborgen, k.agent, nil)

	k.wijkraad = create("Netwerk", kaart.Input{"gemeente": g, "naam": "Wijkraad Lindewijk", "soort": "WIJKRAAD"})
	link("BEDIENT", k.wijkraad, k.wijk, nil)
	create("Contactgegeven", kaart.Input{"gemeente": g, "van": k.wijkraad, "soort": "EMAIL", "waarde": "wijkraad@linde.demo.example", "zichtbaarheid": "OPENBAAR"})
	k.geheimNw = create("Netwerk", kaart.Input{"gemeente": g, "naam": "Besloten netwerk Linde", "soort": "PROFESSIONEEL_NETWERK",
		"omschrijving": "Interne opmerking", "zichtbaarheid": "PARTNERS"})
	link("BEDIENT", k.geheimNw, k.wijk, nil)
	link("LID_VAN", k.buurthuis, k.geheimNw, nil)
	return k
}

// site serves the web pages of a kaartje.
type site struct {
	t         *testing.T
	h         http.Handler
	meldingen *web.MemoryMeldingen
}

func newSite(t *testing.T, k *kaartje, opts web.Options) *site {
	mem := &web.MemoryMeldingen{}
	opts.Kaart = k.svc
	opts.Gemeente = k.gemeente
	if opts.Meldingen == nil {
		opts.Meldingen = mem
	}
	opts.Logger = logger(t)
	return &site{t: t, h: web.NewHandler(opts), meldingen: mem}
}

// get returns the status and body of a GET.
func (s *site) get(path string) (int, string) {
	s.t.Helper()
	return s.do(httptest.NewRequest(http.MethodGet, path, nil))
}

func (s *site) post(path string, form url.Values, header ...string) (*http.Response, string) {
	s.t.Helper()
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func (s *site) do(r *http.Request) (int, string) {
	s.t.Helper()
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	b, _ := io.ReadAll(w.Result().Body)
	return w.Code, string(b)
}

func mustContain(t *testing.T, page, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s: page does not contain %q", page, w)
		}
	}
}

func mustNotContain(t *testing.T, page, body string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(body, b) {
			t.Errorf("%s: page contains %q", page, b)
		}
	}
}
