package regie

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/socialekaart/socialekaart/internal/demo"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// beheerderUtrecht is the gemeente beheerder of the demo.
var beheerderUtrecht = kaart.Viewer{Rol: kaart.Beheerder, Gemeente: demo.GemeenteID, Naam: "Test beheerder"}

// server serves the regie pages on the demo data, as the viewer in *as (a
// stand-in for the login session, which the httpserver tests cover).
func server(t *testing.T, svc *kaart.Service, as *kaart.Viewer, now time.Time) *httptest.Server {
	t.Helper()
	h := NewHandler(Options{
		Kaart:     svc,
		CSRFToken: func(*http.Request) string { return "geheim-token" },
		CheckCSRF: func(r *http.Request) bool { return r.PostFormValue("csrf") == "geheim-token" },
		LogoutURL: "/uitloggen",
		Now:       func() time.Time { return now },
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if as != nil {
			ctx = kaart.WithViewer(ctx, *as)
		}
		h.ServeHTTP(w, r.WithContext(ctx))
	}))
	t.Cleanup(srv.Close)
	return srv
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func get(t *testing.T, u string) (int, string, http.Header) {
	t.Helper()
	resp, err := noRedirect.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func TestRegiePages(t *testing.T) {
	store := neo4jtest.Demo(t)
	svc := &kaart.Service{Store: store}
	now := time.Now()

	t.Run("anonymous visitors are sent to the login", func(t *testing.T) {
		srv := server(t, svc, nil, now)
		code, _, hd := get(t, srv.URL+"/regie/wijk/utr-wk-zuidwest")
		if code != http.StatusSeeOther || hd.Get("Location") != "/inloggen?terug=%2Fregie%2Fwijk%2Futr-wk-zuidwest" {
			t.Fatalf("got %d to %q, want 303 to the login with the way back", code, hd.Get("Location"))
		}
	})

	t.Run("the coalition map marks the missing levels with their reason", func(t *testing.T) {
		v := beheerderUtrecht
		srv := server(t, svc, &v, now)
		code, body, _ := get(t, srv.URL+"/regie/wijk/utr-wk-zuidwest")
		if code != http.StatusOK {
			t.Fatalf("status %d: %s", code, body)
		}
		for _, want := range []string{
			"<svg", "Coalitiekaart van Zuidwest", "Pleinenaanpak Kanaleneiland",
			"Ontbreekt: bestuurlijk", "heeft geen bestuurlijke leden", // the gap and its reason
			`<table class="utrecht-table rg-tabel rg-tabel--coalities"`, "Ingelogd als <strong>Test beheerder</strong> (beheerder)",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("the Zuidwest page lacks %q", want)
			}
		}
		// The table row of the coalition without bestuurlijk members says so
		// in its first level column.
		row := body[strings.Index(body, `">Pleinenaanpak Kanaleneiland</a></th>`):]
		row = row[:strings.Index(row, "</tr>")]
		if first := row[strings.Index(row, "<td"):]; !strings.HasPrefix(strings.TrimSpace(first[strings.Index(first, ">")+1:]), `<strong class="rg-ontbreekt">Ontbreekt</strong>`) {
			t.Errorf("the bestuurlijk cell of Pleinenaanpak Kanaleneiland does not say Ontbreekt: %s", row)
		}
	})

	t.Run("a partner keeps its own organisation current from one page", func(t *testing.T) {
		v := kaart.Viewer{Rol: kaart.Partner, Organisatie: "utr-org-jou", Naam: "JOU"}
		srv := server(t, svc, &v, now)
		code, _, hd := get(t, srv.URL+"/regie/organisatie/")
		if code != http.StatusSeeOther || hd.Get("Location") != "/regie/organisatie/utr-org-jou" {
			t.Fatalf("status %d to %q, want the partner's own organisation", code, hd.Get("Location"))
		}
		code, body, _ := get(t, srv.URL+"/regie/organisatie/utr-org-jou")
		if code != http.StatusOK {
			t.Fatalf("status %d: %s", code, body)
		}
		for _, want := range []string{"Houd hier de gegevens van uw organisatie actueel", `href="/regie/record/Organisatie/utr-org-jou"`,
			`href="/regie/record/Functie/`, `href="/regie/record/Contactgegeven/`} {
			if !strings.Contains(body, want) {
				t.Errorf("the partner page lacks %q", want)
			}
		}
		if code, body, _ := get(t, srv.URL+"/regie/wijk/utr-wk-zuidwest"); code != http.StatusOK {
			t.Fatalf("the wijk page for a partner: status %d: %s", code, body)
		}
	})

	t.Run("an unknown wijk is not found", func(t *testing.T) {
		v := beheerderUtrecht
		srv := server(t, svc, &v, now)
		if code, _, _ := get(t, srv.URL+"/regie/wijk/utr-wk-bestaatniet"); code != http.StatusNotFound {
			t.Fatalf("status %d, want 404", code)
		}
	})

	t.Run("an edit with a mistake shows the message next to the field and saves nothing", func(t *testing.T) {
		v := beheerderUtrecht
		srv := server(t, svc, &v, now)
		const pad = "/regie/record/Organisatie/utr-org-jou"
		code, body, _ := get(t, srv.URL+pad)
		if code != http.StatusOK || !strings.Contains(body, `name="kvkNummer"`) {
			t.Fatalf("status %d, or no KvK field on the form", code)
		}
		before := versie(t, svc, v, "Organisatie", "utr-org-jou")
		form := formOf(body)
		form.Set("kvkNummer", "12")
		form.Set("naam", "")
		resp, err := noRedirect.PostForm(srv.URL+pad, form)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page := string(b)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d, want 422", resp.StatusCode)
		}
		for _, want := range []string{`id="f-kvkNummer"`, `id="f-naam">is verplicht</p>`, "2 veld(en) kloppen nog niet", `value="12"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the refused form lacks %q", want)
			}
		}
		if after := versie(t, svc, v, "Organisatie", "utr-org-jou"); after != before {
			t.Fatalf("versie went from %d to %d on a refused edit", before, after)
		}

		form = formOf(body)
		form.Set("omschrijving", "Jongerenwerk in alle wijken van Utrecht; nu ook op zaterdag.")
		resp, err = noRedirect.PostForm(srv.URL+pad, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != pad+"?gedaan=opgeslagen" {
			t.Fatalf("status %d to %q, want 303 back with a confirmation", resp.StatusCode, resp.Header.Get("Location"))
		}
		if after := versie(t, svc, v, "Organisatie", "utr-org-jou"); after != before+1 {
			t.Fatalf("versie %d after a save, want %d", after, before+1)
		}
		// Posting another change on the old versie is a conflict, told on the form.
		form.Set("omschrijving", "Jongerenwerk in heel Utrecht.")
		resp, err = noRedirect.PostForm(srv.URL+pad, form)
		if err != nil {
			t.Fatal(err)
		}
		b, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), "intussen gewijzigd") {
			t.Fatalf("a stale form: status %d, want 422 telling the record changed", resp.StatusCode)
		}
	})

	t.Run("a partner's proposal is approved in the queue, shows in the history and can be undone", func(t *testing.T) {
		const rec = "/regie/record/Aanbod/utr-abd-inloop-geldzaken-kanaleneiland"
		partner := kaart.Viewer{Rol: kaart.Partner, Organisatie: "utr-org-jou", Naam: "Joost (JOU)", GebruikerID: "gbr-test-joost"}
		psrv := server(t, svc, &partner, now)
		code, body, _ := get(t, psrv.URL+rec)
		if code != http.StatusOK || !strings.Contains(body, "Voorstel versturen") || strings.Contains(body, "Geschiedenis") {
			t.Fatalf("status %d; a partner on another's record should get a proposal form and no history", code)
		}
		form := formOf(body)
		form.Set("omschrijving", "Elke dinsdag inloop voor vragen over geld, nu ook op donderdag.")
		form.Set("toelichting", "Sinds november ook op donderdag.")
		resp, err := noRedirect.PostForm(psrv.URL+"/regie/voorstel/Aanbod/utr-abd-inloop-geldzaken-kanaleneiland", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("proposal: status %d, want 303", resp.StatusCode)
		}
		_, body, _ = get(t, psrv.URL+"/regie/organisatie/utr-org-jou")
		if !strings.Contains(body, `data-status="OPEN"`) {
			t.Fatal("the partner does not see its open proposal")
		}

		beheerder := beheerderUtrecht
		bsrv := server(t, svc, &beheerder, now)
		_, body, _ = get(t, bsrv.URL+"/regie/wijk/utr-wk-zuidwest")
		if !strings.Contains(body, "Sinds november ook op donderdag.") {
			t.Fatal("the proposal is not in the Zuidwest review queue")
		}
		i := strings.Index(body, `data-voorstel="`)
		id := body[i+len(`data-voorstel="`):]
		id = id[:strings.Index(id, `"`)]
		before := versie(t, svc, beheerder, "Aanbod", "utr-abd-inloop-geldzaken-kanaleneiland")
		resp, err = noRedirect.PostForm(bsrv.URL+"/regie/beoordeel", url.Values{"csrf": {"geheim-token"}, "id": {id},
			"besluit": {"goedkeuren"}, "terug": {"/regie/wijk/utr-wk-zuidwest"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: status %d", resp.StatusCode)
		}
		if after := versie(t, svc, beheerder, "Aanbod", "utr-abd-inloop-geldzaken-kanaleneiland"); after != before+1 {
			t.Fatalf("versie %d after approval, want %d", after, before+1)
		}
		_, body, _ = get(t, psrv.URL+"/regie/organisatie/utr-org-jou")
		if !strings.Contains(body, `data-status="GOEDGEKEURD"`) {
			t.Fatal("the partner does not see its proposal approved")
		}

		_, body, _ = get(t, bsrv.URL+rec)
		if !strings.Contains(body, "nu ook op donderdag") || !strings.Contains(body, fmt.Sprintf("Zet terug naar versie %d", before)) {
			t.Fatal("the history does not show the change with a restore button")
		}
		resp, err = noRedirect.PostForm(bsrv.URL+"/regie/herstel/Aanbod/utr-abd-inloop-geldzaken-kanaleneiland", url.Values{
			"csrf": {"geheim-token"}, "naar": {fmt.Sprint(before)}, "versie": {fmt.Sprint(before + 1)}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("restore: status %d", resp.StatusCode)
		}
		_, body, _ = get(t, bsrv.URL+rec)
		form = formOf(body)
		if strings.Contains(form.Get("omschrijving"), "donderdag") {
			t.Fatalf("after the restore the omschrijving is still %q", form.Get("omschrijving"))
		}
	})

	t.Run("relationships are added with field errors on the form, and removed", func(t *testing.T) {
		const pad = "/regie/record/Coalitie/utr-coa-pleinenaanpak-kanaleneiland"
		v := beheerderUtrecht
		srv := server(t, svc, &v, now)
		code, body, _ := get(t, srv.URL+pad)
		if code != http.StatusOK || !strings.Contains(body, `value="LID_VAN|in"`) {
			t.Fatalf("status %d, or no way to add a member on the coalitie page", code)
		}
		post := func(form url.Values) (int, string, string) {
			t.Helper()
			form.Set("csrf", "geheim-token")
			resp, err := noRedirect.PostForm(srv.URL+"/regie/koppel/Coalitie/utr-coa-pleinenaanpak-kanaleneiland", form)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(b), resp.Header.Get("Location")
		}
		code, page, _ := post(url.Values{"soort": {"LID_VAN|in"}, "ander": {"utr-fun-bestaat-niet"}, "niveau": {"BESTUURLIJK"}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, `id="kf-ander"`) {
			t.Fatalf("a member that does not exist: status %d, want 422 with the message at the other record's field", code)
		}
		code, _, loc := post(url.Values{"soort": {"LID_VAN|in"}, "ander": {"utr-fun-wijkwethouder-zuidwest"}, "niveau": {"BESTUURLIJK"}})
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, pad+"?gedaan=gekoppeld") {
			t.Fatalf("adding the wijkwethouder: status %d to %q", code, loc)
		}
		_, body, _ = get(t, srv.URL+"/regie/wijk/utr-wk-zuidwest")
		row := body[strings.Index(body, `">Pleinenaanpak Kanaleneiland</a></th>`):]
		row = row[:strings.Index(row, "</tr>")]
		if !strings.Contains(row, "Wijkwethouder Zuidwest") {
			t.Fatal("the new bestuurlijk member is not in the coalition table")
		}
		// Remove it again: the coalition is the demo's example of a missing level.
		_, body, _ = get(t, srv.URL+pad)
		i := strings.Index(body, `data-koppeling="LID_VAN"`)
		for i >= 0 && !strings.Contains(body[i:i+strings.Index(body[i:], "</tr>")], "Wijkwethouder Zuidwest") {
			j := strings.Index(body[i+1:], `data-koppeling="LID_VAN"`)
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i < 0 {
			t.Fatal("the new membership is not listed on the coalitie page")
		}
		row = body[i : i+strings.Index(body[i:], "</tr>")]
		val := func(name string) string {
			k := strings.Index(row, `name="`+name+`" value="`)
			x := row[k+len(`name="`+name+`" value="`):]
			return x[:strings.Index(x, `"`)]
		}
		resp, err := noRedirect.PostForm(srv.URL+"/regie/ontkoppel", url.Values{"csrf": {"geheim-token"}, "relatie": {"LID_VAN"},
			"id": {val("id")}, "versie": {val("versie")}, "terug": {pad}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("remove: status %d", resp.StatusCode)
		}
		_, body, _ = get(t, srv.URL+"/regie/wijk/utr-wk-zuidwest")
		if !strings.Contains(body, "Ontbreekt: bestuurlijk") {
			t.Fatal("after removing the member the gap is not back")
		}
	})

	t.Run("confirming takes one click and needs the form token", func(t *testing.T) {
		// Two years on, every demo record needs re-confirming.
		later := now.AddDate(2, 0, 0)
		v := beheerderUtrecht
		srv := server(t, svc, &v, later)
		_, body, _ := get(t, srv.URL+"/regie/wijk/utr-wk-zuidwest")
		if !strings.Contains(body, `action="/regie/bevestig"`) {
			t.Fatal("no confirm form on the page two years later")
		}
		// Take the first record the page offers.
		i := strings.Index(body, `name="type" value="`)
		typ := body[i+len(`name="type" value="`):]
		typ = typ[:strings.Index(typ, `"`)]
		j := strings.Index(body, `name="id" value="`)
		id := body[j+len(`name="id" value="`):]
		id = id[:strings.Index(id, `"`)]
		form := url.Values{"type": {typ}, "id": {id}, "terug": {"/regie/wijk/utr-wk-zuidwest"}}

		resp, err := noRedirect.PostForm(srv.URL+"/regie/bevestig", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("without the token: status %d, want 403", resp.StatusCode)
		}
		before := laatstBevestigd(t, svc, v, typ, id)

		form.Set("csrf", "geheim-token")
		resp, err = noRedirect.PostForm(srv.URL+"/regie/bevestig", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/regie/wijk/utr-wk-zuidwest?gedaan=bevestigd" {
			t.Fatalf("status %d to %q, want 303 back to the wijk", resp.StatusCode, resp.Header.Get("Location"))
		}
		if after := laatstBevestigd(t, svc, v, typ, id); !after.After(before) {
			t.Fatalf("laatstBevestigd of %s stayed %v", id, after)
		}

		form.Set("terug", "https://elders.example/")
		resp, err = noRedirect.PostForm(srv.URL+"/regie/bevestig", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, "/regie/") {
			t.Fatalf("a form sent the user to %q", loc)
		}
	})
}

func laatstBevestigd(t *testing.T, svc *kaart.Service, v kaart.Viewer, typ, id string) time.Time {
	t.Helper()
	got, err := svc.Get(kaart.WithViewer(context.Background(), v), []string{typ}, []string{id})
	if err != nil || got[id].Props == nil {
		t.Fatalf("get %s: %v", id, err)
	}
	tm, _ := got[id].Props["laatstBevestigd"].(time.Time)
	return tm
}

func versie(t *testing.T, svc *kaart.Service, v kaart.Viewer, typ, id string) int64 {
	t.Helper()
	got, err := svc.Get(kaart.WithViewer(context.Background(), v), []string{typ}, []string{id})
	if err != nil || got[id].Props == nil {
		t.Fatalf("get %s: %v", id, err)
	}
	n, _ := got[id].Props["versie"].(int64)
	return n
}

// formOf reads the inputs of the edit form in page as a browser would post
// them: text, selected options, checked boxes and hidden fields.
func formOf(page string) url.Values {
	form := url.Values{}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		panic(err)
	}
	attr := func(n *html.Node, key string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val, true
			}
		}
		return "", false
	}
	var walk func(n *html.Node, inForm bool)
	walk = func(n *html.Node, inForm bool) {
		if n.Type == html.ElementNode && n.Data == "form" {
			if cls, _ := attr(n, "class"); cls == "rg-form" {
				inForm = true
			} else {
				inForm = false
			}
		}
		if inForm && n.Type == html.ElementNode {
			name, _ := attr(n, "name")
			switch n.Data {
			case "input":
				typ, _ := attr(n, "type")
				val, _ := attr(n, "value")
				_, checked := attr(n, "checked")
				if typ != "checkbox" || checked {
					form.Set(name, val)
				}
			case "textarea":
				if n.FirstChild != nil {
					form.Set(name, n.FirstChild.Data)
				} else {
					form.Set(name, "")
				}
			case "select":
				form.Set(name, "")
				for o := n.FirstChild; o != nil; o = o.NextSibling {
					if _, sel := attr(o, "selected"); sel {
						val, _ := attr(o, "value")
						form.Set(name, val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inForm)
		}
	}
	walk(doc, false)
	return form
}
