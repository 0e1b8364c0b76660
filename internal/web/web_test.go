package web_test

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/internal/web"
)

func TestPages(t *testing.T) {
	t.Parallel()
	k := newKaartje(t)
	s := newSite(t, k, web.Options{Demo: true})

	t.Run("search finds a card with who, what, where, when and how to reach", func(t *testing.T) {
		code, body := s.get("/?q=taalcaf")
		if code != http.StatusOK {
			t.Fatalf("GET /?q=taalcaf = %d; want 200", code)
		}
		mustContain(t, "search", body,
			`<h3 class="utrecht-heading-3" id="k-`+k.taalcafe+`"><a class="utrecht-link" href="/aanbod/`+k.taalcafe+`">Taalcafé De Linde</a></h3>`,
			`href="/organisatie/`+k.buurthuis+`">Buurthuis De Linde</a>`, // who
			"Nederlands oefenen met vrijwilligers.",                      // what for
			"Lindelaan 1", "3500 AA Utrecht",                             // where
			"Dinsdag 10.00-12.00",                             // when open
			`href="tel:&#43;31307990001"`, "Bel 030 799 0001", // how to reach, the organisation's
			`href="mailto:info@linde.demo.example"`,
			"1 resultaat gevonden.")
	})

	t.Run("a word of a thema finds what is about it", func(t *testing.T) {
		_, body := s.get("/?q=taal")
		mustContain(t, "search taal", body, "Taalcafé De Linde")
		mustNotContain(t, "search taal", body, "Sportinstuif")
	})

	t.Run("filters by wijk, buurt and thema", func(t *testing.T) {
		for _, tc := range []struct {
			query      string
			want, dont []string
		}{
			{"gebied=" + k.wijk, []string{"Taalcafé De Linde", "Buurthuis De Linde", "Wijkagent Lindebuurt", "Wijkraad Lindewijk"}, []string{"Sportinstuif"}},
			{"gebied=" + k.buurt, []string{"Taalcafé De Linde", "Wijkagent Lindebuurt"}, []string{"Sportinstuif", "Wijkregisseur Lindewijk"}},
			{"gebied=" + k.anderWijk, []string{"Sportinstuif Eikenwijk"}, []string{"Taalcafé"}},
			{"thema=" + k.thema, []string{"Taalcafé De Linde"}, []string{"Sportinstuif"}},
			{"q=sport&gebied=" + k.wijk, []string{"Niets gevonden."}, []string{"Sportinstuif"}},
		} {
			code, body := s.get("/?" + tc.query)
			if code != http.StatusOK {
				t.Errorf("GET /?%s = %d; want 200", tc.query, code)
			}
			mustContain(t, tc.query, body, tc.want...)
			mustNotContain(t, tc.query, body, tc.dont...)
		}
		_, body := s.get("/?gebied=" + k.buurt)
		mustContain(t, "selected buurt", body, `<option value="`+k.buurt+`" selected>Lindebuurt</option>`)
	})

	t.Run("front page offers thema's and wijken", func(t *testing.T) {
		_, body := s.get("/")
		mustContain(t, "/", body, `href="/?thema=`+k.thema+`">Taal</a>`, `href="/wijk/`+k.wijk+`">Lindewijk</a>`,
			`<label class="utrecht-form-label" for="q">`, `role="search"`)
	})

	t.Run("aanbod page shows the waarvoor bij wie of its wijk", func(t *testing.T) {
		code, body := s.get("/aanbod/" + k.taalcafe)
		if code != http.StatusOK {
			t.Fatalf("aanbod page = %d", code)
		}
		mustContain(t, "aanbod", body,
			`<h1 class="utrecht-heading-1" id="titel">Taalcafé De Linde</h1>`, "Gratis", "Vrije inloop",
			"Drempelvrij, met invalidetoilet",
			"Waarvoor bij wie in Lindewijk",
			"Wijkbureau Lindewijk", `href="tel:&#43;31307990100"`,
			"Wijkregisseur Lindewijk", `href="/persoon/`+k.femke+`">Femke Lindeman</a>`, "mailto:regisseur@linde.demo.example",
			"Wijkagent Lindebuurt", `href="tel:09008844"`,
			"Wijkraad Lindewijk", "mailto:wijkraad@linde.demo.example",
			"Nog niet bekend voor deze wijk: Wijkwethouder.",
			`href="/melden?over=`+k.taalcafe+`"`)
	})

	t.Run("pages of every type", func(t *testing.T) {
		for _, tc := range []struct {
			path string
			want []string
		}{
			{"/organisatie/" + k.buurthuis, []string{"Buurthuis De Linde", "Wat zij aanbieden", "Taalcafé De Linde", "Waarvoor bij wie in Lindewijk"}},
			{"/persoon/" + k.femke, []string{"Femke Lindeman", "Wijkregisseur Lindewijk", "Waarvoor bij wie in Lindewijk"}},
			{"/netwerk/" + k.wijkraad, []string{"Wijkraad Lindewijk", "Wijkraad", "Waarvoor bij wie in Lindewijk"}},
			{"/locatie/" + k.locatie, []string{"Buurthuis De Linde", "Lindelaan 1", "Op deze plek", "Taalcafé De Linde", "Waarvoor bij wie in Lindewijk"}},
			{"/functie/" + k.agent, []string{"Wijkagent Lindebuurt", "Politie Basisteam Linde", "Waarvoor bij wie in Lindewijk"}},
			{"/wijk/" + k.wijk, []string{"Lindewijk", "Buurten in deze wijk", "Lindebuurt", "Alles in Lindewijk zoeken"}},
			{"/wijk/" + k.buurt, []string{"Deze buurt hoort bij wijk Lindewijk.", "Waarvoor bij wie in Lindewijk"}},
			{"/wijk/" + k.gemeente, []string{"Eikenwijk", "Lindewijk"}},
		} {
			code, body := s.get(tc.path)
			if code != http.StatusOK {
				t.Errorf("GET %s = %d; want 200", tc.path, code)
				continue
			}
			mustContain(t, tc.path, body, tc.want...)
		}
	})

	t.Run("hidden records have no page", func(t *testing.T) {
		for _, p := range []string{
			"/aanbod/" + k.taalgroepGeheim, "/persoon/" + k.verborgen, "/netwerk/" + k.geheimNw,
			"/aanbod/" + k.buurthuis, // a record of another type
			"/aanbod/bestaat-niet", "/aanbod/%3Cscript%3E", "/nergens",
		} {
			code, body := s.get(p)
			if code != http.StatusNotFound {
				t.Errorf("GET %s = %d; want 404", p, code)
			}
			mustContain(t, p, body, "Deze pagina bestaat niet (meer).")
		}
	})

	t.Run("no page shows hidden data", func(t *testing.T) {
		pages := []string{
			"/", "/?q=taal", "/?q=t", "/?q=besloten", "/?gebied=" + k.wijk, "/?gebied=" + k.buurt, "/?thema=" + k.thema,
			"/?gebied=" + k.anderWijk, "/aanbod/" + k.taalcafe, "/aanbod/" + k.sportclub, "/organisatie/" + k.buurthuis,
			"/organisatie/" + k.bureau, "/organisatie/" + k.politie, "/persoon/" + k.femke, "/netwerk/" + k.wijkraad,
			"/locatie/" + k.locatie, "/functie/" + k.agent, "/functie/" + k.regisseur, "/wijk/" + k.wijk, "/wijk/" + k.buurt,
			"/wijk/" + k.anderWijk, "/wijk/" + k.gemeente, "/melden", "/melden?over=" + k.taalgroepGeheim,
			"/en/?q=taal", "/en/aanbod/" + k.taalcafe, "/suggesties?q=ta", "/suggesties?q=bes", "/toegankelijkheid", "/privacy",
		}
		for _, p := range pages {
			code, body := s.get(p)
			if code != http.StatusOK {
				t.Errorf("GET %s = %d; want 200", p, code)
			}
			mustNotContain(t, p, body, hidden...)
		}
	})

	t.Run("every page has the urgent help, the demo banner, a skip link and its language", func(t *testing.T) {
		for _, p := range []string{"/", "/?q=taal", "/aanbod/" + k.taalcafe, "/wijk/" + k.wijk, "/melden", "/melden/bedankt", "/toegankelijkheid", "/privacy", "/nergens"} {
			_, body := s.get(p)
			mustContain(t, p, body, `<html lang="nl"`, `href="tel:112"`, `href="tel:08002000"`, "Veilig Thuis", `href="tel:08000113"`,
				"113 Zelfmoordpreventie", "Dit is een demonstratie.", `href="#inhoud"`, `<main id="inhoud"`,
				`href="/toegankelijkheid"`, `href="/privacy"`)
		}
		_, body := newSite(t, k, web.Options{}).get("/")
		mustNotContain(t, "/ without demo", body, "Dit is een demonstratie.")
	})

	t.Run("English interface", func(t *testing.T) {
		code, body := s.get("/en/?q=taalcaf")
		if code != http.StatusOK {
			t.Fatalf("GET /en/?q=taalcaf = %d", code)
		}
		mustContain(t, "/en/", body, `<html lang="en"`, "Results", "1 result found.", "Call 030 799 0001",
			`href="/en/aanbod/`+k.taalcafe+`"`, `action="/en/"`, "The information itself is in Dutch.",
			"Emergency: call 112", "This is a demonstration.", `href="/?q=taalcaf" lang="nl" hreflang="nl">Nederlands</a>`)
		mustNotContain(t, "/en/", body, "Zoeken</button>", "resultaat gevonden")
		_, body = s.get("/?q=taalcaf")
		mustContain(t, "/", body, `href="/en/?q=taalcaf" lang="en" hreflang="en">English</a>`)
		_, body = s.get("/en/aanbod/" + k.taalcafe)
		mustContain(t, "/en/aanbod", body, "Who to ask for what in Lindewijk", "District director", "When open", `href="/en/melden?over=`+k.taalcafe+`"`)
		_, body = s.get("/en/privacy")
		mustContain(t, "/en/privacy", body, "Privacy statement", "We use no cookies")
		_, body = s.get("/en/toegankelijkheid")
		mustContain(t, "/en/toegankelijkheid", body, "Accessibility statement", "WCAG 2.1")
	})

	t.Run("suggestions", func(t *testing.T) {
		code, body := s.get("/suggesties?q=taa")
		var got []string
		if err := json.Unmarshal([]byte(body), &got); code != http.StatusOK || err != nil {
			t.Fatalf("suggesties = %d %q: %v", code, body, err)
		}
		if strings.Join(got, "|") != "Taal|Taalcafé De Linde" {
			t.Errorf("suggesties(taa) = %q; want [Taal Taalcafé De Linde]", got)
		}
	})

	t.Run("a cursor past the end or broken", func(t *testing.T) {
		_, body := s.get("/?q=taal&na=nonsense")
		mustContain(t, "bad cursor", body, "Deze pagina met resultaten bestaat niet meer.")
	})

	t.Run("static assets, gzipped and versioned", func(t *testing.T) {
		_, page := s.get("/")
		i := strings.Index(page, `/static/kaart.css?v=`)
		if i < 0 {
			t.Fatal("page links no versioned kaart.css")
		}
		href := page[i : i+strings.IndexByte(page[i:], '"')]
		r := httptest.NewRequest(http.MethodGet, href, nil)
		r.Header.Set("Accept-Encoding", "gzip, deflate")
		w := httptest.NewRecorder()
		s.h.ServeHTTP(w, r)
		if w.Code != 200 || w.Header().Get("Content-Encoding") != "gzip" || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/css") ||
			!strings.Contains(w.Header().Get("Cache-Control"), "immutable") {
			t.Fatalf("GET %s = %d %v", href, w.Code, w.Header())
		}
		zr, err := gzip.NewReader(w.Body)
		if err != nil {
			t.Fatal(err)
		}
		css, _ := io.ReadAll(zr)
		mustContain(t, "kaart.css", string(css), ".utrecht-theme {", ".utrecht-button", ".sk-kaartje")
		if code, _ := s.get("/static/nope.css"); code != http.StatusNotFound {
			t.Errorf("GET /static/nope.css = %d; want 404", code)
		}
	})

	t.Run("pages say what they may load", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		w := httptest.NewRecorder()
		s.h.ServeHTTP(w, r)
		csp := w.Header().Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "style-src 'self'", "script-src 'self'", "form-action 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("CSP %q lacks %q", csp, want)
			}
		}
		if got := w.Header().Get("Content-Language"); got != "nl" {
			t.Errorf("Content-Language = %q; want nl", got)
		}
	})
}
