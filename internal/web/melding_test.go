package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/web"
)

var formulierToken = regexp.MustCompile(`<input type="hidden" name="formulier" value="([^"]+)">`)

// formulier fetches the report form, as a browser does, and returns its token.
func (s *site) formulier(path string) string {
	s.t.Helper()
	code, body := s.get(path)
	m := formulierToken.FindStringSubmatch(body)
	if code != http.StatusOK || m == nil {
		s.t.Fatalf("GET %s = %d without a form token", path, code)
	}
	return m[1]
}

func TestMelden(t *testing.T) {
	t.Parallel()
	k := newKaartje(t)
	s := newSite(t, k, web.Options{MeldLimiet: 3, MeldVenster: time.Hour, ClientIP: func(r *http.Request) string { return r.Header.Get("X-Test-IP") }})
	goed := "Het telefoonnummer van het taalcafé klopt niet meer."
	token := s.formulier("/melden")

	t.Run("the form names what it is about", func(t *testing.T) {
		_, body := s.get("/melden?over=" + k.taalcafe)
		mustContain(t, "form", body, `<input type="hidden" name="over" value="`+k.taalcafe+`">`, "Taalcafé De Linde",
			`<label class="utrecht-form-label" for="tekst">`, `<label class="utrecht-form-label" for="email">`, `name="website"`, `name="formulier"`)
		_, body = s.get("/melden?over=" + k.taalgroepGeheim)
		mustNotContain(t, "form about hidden", body, "Taalgroep Besloten", `value="`+k.taalgroepGeheim+`"`)
	})

	t.Run("a good report is stored and thanked for", func(t *testing.T) {
		res, _ := s.post("/melden", url.Values{"over": {k.taalcafe}, "tekst": {goed}, "email": {"bewoner@example.org"}, "formulier": {token}}, "X-Test-IP", "10.0.0.1")
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/melden/bedankt" {
			t.Fatalf("POST /melden = %d to %q; want 303 to /melden/bedankt", res.StatusCode, res.Header.Get("Location"))
		}
		all := s.meldingen.Alle()
		if len(all) != 1 {
			t.Fatalf("stored %d reports; want 1", len(all))
		}
		m := all[0]
		if m.Over != k.taalcafe || m.OverType != "Aanbod" || m.OverNaam != "Taalcafé De Linde" || m.Tekst != goed || m.Email != "bewoner@example.org" || m.Taal != web.NL || !strings.HasPrefix(m.ID, "mld-") {
			t.Errorf("stored %+v", m)
		}
		_, body := s.get("/melden/bedankt")
		mustContain(t, "bedankt", body, "Bedankt voor uw melding")
	})

	t.Run("mistakes in the form are shown at their field", func(t *testing.T) {
		res, body := s.post("/melden", url.Values{"tekst": {"kort"}, "email": {"geen-adres"}, "formulier": {token}}, "X-Test-IP", "10.0.0.2")
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("POST bad report = %d; want 422", res.StatusCode)
		}
		mustContain(t, "errors", body, `role="alert"`, `href="#tekst">Schrijf iets meer: minstens 10 tekens.</a>`,
			`href="#email">Dit e-mailadres klopt niet.`, `aria-invalid="true"`, `value="geen-adres"`, ">kort</textarea>",
			`name="formulier" value="`+token+`"`)
		res, body = s.post("/en/melden", url.Values{"tekst": {""}, "formulier": {token}}, "X-Test-IP", "10.0.0.2")
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("POST /en/melden empty = %d; want 422", res.StatusCode)
		}
		mustContain(t, "errors en", body, "Write what is wrong.")
		if n := len(s.meldingen.Alle()); n != 1 {
			t.Errorf("stored %d reports after bad ones; want 1", n)
		}
	})

	t.Run("a report without the form's own token stores nothing and keeps the text", func(t *testing.T) {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		for name, tok := range map[string]string{"none": "", "forged": ts + ".AAAAAAAAAAAAAAAAAAAAAAAA", "garbage": "x"} {
			res, body := s.post("/melden", url.Values{"tekst": {goed}, "formulier": {tok}}, "X-Test-IP", "10.0.0.5")
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("POST with %s token = %d; want 422", name, res.StatusCode)
			}
			mustContain(t, name+" token", body, "het formulier was verlopen", goed+"</textarea>")
			if m := formulierToken.FindStringSubmatch(body); m == nil || m[1] == tok {
				t.Errorf("POST with %s token: the page has no fresh token", name)
			}
		}
		if n := len(s.meldingen.Alle()); n != 1 {
			t.Errorf("stored %d reports after tokenless posts; want 1", n)
		}
	})

	t.Run("a filled honeypot looks fine and stores nothing", func(t *testing.T) {
		res, _ := s.post("/en/melden", url.Values{"tekst": {goed}, "website": {"http://spam.example"}, "formulier": {token}}, "X-Test-IP", "10.0.0.3")
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/en/melden/bedankt" {
			t.Errorf("POST honeypot = %d to %q; want 303 to /en/melden/bedankt", res.StatusCode, res.Header.Get("Location"))
		}
		if n := len(s.meldingen.Alle()); n != 1 {
			t.Errorf("stored %d reports after honeypot; want 1", n)
		}
	})

	t.Run("a form from another site is refused", func(t *testing.T) {
		form := url.Values{"tekst": {goed}, "formulier": {token}}
		res, _ := s.post("/melden", form, "X-Test-IP", "10.0.0.4", "Origin", "https://evil.example")
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("POST cross-site = %d; want 403", res.StatusCode)
		}
		res, _ = s.post("/melden", form, "X-Test-IP", "10.0.0.4", "Sec-Fetch-Site", "cross-site", "Origin", "null")
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("POST cross-site by Sec-Fetch-Site = %d; want 403", res.StatusCode)
		}
		for _, h := range [][]string{{"Origin", "http://example.com"}, {"Sec-Fetch-Site", "same-origin", "Origin", "null"}} {
			res, _ = s.post("/melden", form, append([]string{"X-Test-IP", "10.0.0.4"}, h...)...)
			if res.StatusCode != http.StatusSeeOther {
				t.Errorf("POST same-site %v = %d; want 303", h, res.StatusCode)
			}
		}
	})

	t.Run("too many reports from one address", func(t *testing.T) {
		form := url.Values{"tekst": {goed}, "formulier": {token}}
		for i := 0; i < 3; i++ {
			if res, _ := s.post("/melden", form, "X-Test-IP", "10.0.0.9"); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("report %d = %d; want 303", i+1, res.StatusCode)
			}
		}
		res, body := s.post("/melden", form, "X-Test-IP", "10.0.0.9")
		if res.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("4th report = %d; want 429", res.StatusCode)
		}
		if ra, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || ra < 1 {
			t.Errorf("Retry-After = %q; want whole seconds", res.Header.Get("Retry-After"))
		}
		mustContain(t, "429", body, "Probeer het over een kwartier opnieuw.", goed)
		if res, _ := s.post("/melden", form, "X-Test-IP", "10.0.0.10"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("report from another address = %d; want 303", res.StatusCode)
		}
	})
}

// TestMeldingLandsInTheReviewQueue: with the kaart's queue behind the form,
// a report waits for the stewards of its gemeente, with the reply address
// only they see; a hidden card cannot be the subject of a report.
func TestMeldingLandsInTheReviewQueue(t *testing.T) {
	t.Parallel()
	k := newKaartje(t)
	s := newSite(t, k, web.Options{Meldingen: web.WachtrijMeldingen{Wachtrij: k.svc}})
	token := s.formulier("/melden?over=" + k.taalcafe)
	tekst := "De openingstijden van het taalcafé kloppen niet meer."
	res, _ := s.post("/melden", url.Values{"over": {k.taalcafe}, "tekst": {tekst}, "email": {"bewoner@example.org"}, "formulier": {token}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /melden = %d; want 303", res.StatusCode)
	}
	// Posting a hidden card's id makes it a report about the site.
	res, _ = s.post("/melden", url.Values{"over": {k.taalgroepGeheim}, "tekst": {tekst}, "formulier": {token}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /melden about hidden card = %d; want 303", res.StatusCode)
	}
	steward := kaart.WithViewer(t.Context(), kaart.Viewer{Rol: kaart.Beheerder, Gemeente: k.gemeente, SleutelID: "test"})
	page, err := k.svc.Beoordelingswachtrij(steward, kaart.VoorstelFilter{Gemeente: k.gemeente})
	if err != nil {
		t.Fatalf("Beoordelingswachtrij: %v", err)
	}
	if len(page.Voorstellen) != 1 {
		t.Fatalf("queue holds %d voorstellen; want the one report on the taalcafé", len(page.Voorstellen))
	}
	p := page.Voorstellen[0]
	if p.Soort != kaart.VoorstelMelding || p.RecordID != k.taalcafe || p.Toelichting != tekst || p.Email != "bewoner@example.org" || p.Status != kaart.StatusOpen {
		t.Errorf("queued report = %+v", p)
	}
}
