package main_test

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

func TestGebruikerAddListRemove(t *testing.T) {
	t.Parallel()
	env := map[string]string{"NEO4J_URI": neo4jtest.URI(t)}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	email := "fatima-" + hex.EncodeToString(b) + "@utrecht.example"

	code, _, stderr := execute(t, env, "gebruiker", "add", "--email", email, "--naam", "Fatima", "--rol", "regisseur", "--gemeente", "utr-gm")
	if code != 1 || !strings.Contains(stderr, "--gebied") {
		t.Errorf("gebruiker add of a regisseur without gebied = %d %q; want 1 naming --gebied", code, stderr)
	}
	code, _, stderr = execute(t, env, "gebruiker", "add", "--email", email, "--naam", "Fatima", "--rol", "koning")
	if code != 2 || !strings.Contains(stderr, "--rol must be") {
		t.Errorf("gebruiker add with a bad role = %d %q; want 2", code, stderr)
	}
	id, _ := mustExecute(t, env, "gebruiker", "add", "--email", email, "--naam", "Fatima", "--rol", "regisseur",
		"--gemeente", "utr-gm", "--gebied", "utr-wk-zuidwest,utr-bu-kanaleneiland")
	id = strings.TrimSpace(id)
	if !strings.HasPrefix(id, "gebr-") {
		t.Fatalf("gebruiker add printed %q; want the id", id)
	}
	if code, _, stderr := execute(t, env, "gebruiker", "add", "--email", strings.ToUpper(email), "--naam", "Dubbel", "--rol", "beheerder"); code != 1 || !strings.Contains(stderr, "e-mailadres") {
		t.Errorf("second person with the same e-mail = %d %q; want 1", code, stderr)
	}
	list, _ := mustExecute(t, env, "gebruiker", "list")
	if !strings.Contains(list, id) || !strings.Contains(list, email) || !strings.Contains(list, "regisseur in gemeente utr-gm") || !strings.Contains(list, "bound at first login") {
		t.Errorf("gebruiker list = %q; want the person, their role and no account yet", list)
	}
	mustExecute(t, env, "gebruiker", "remove", id)
	if list, _ := mustExecute(t, env, "gebruiker", "list"); strings.Contains(list, id) {
		t.Errorf("gebruiker list after remove still shows %s", id)
	}
	if code, _, stderr := execute(t, env, "gebruiker", "remove", id); code != 1 || !strings.Contains(stderr, "no person") {
		t.Errorf("gebruiker remove of an unknown id = %d %q; want 1", code, stderr)
	}
}

// TestServeWithDevLogin runs serve as make run does, with --dev-login, logs
// in as the demo's beheerder and calls GraphQL with the session.
func TestServeWithDevLogin(t *testing.T) {
	t.Parallel()
	m, _, logs := newMain(t, map[string]string{
		"NEO4J_URI":             neo4jtest.URI(t),
		"SOCIALEKAART_DATA_DIR": t.TempDir(),
		"SOCIALEKAART_ADDR":     "127.0.0.1:0",
		"SOCIALEKAART_DEMO":     "false",
	})
	base := startServe(t, m, logs, "--dev-login").base

	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) string {
		resp, err := c.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	page := get("/inloggen")
	if !strings.Contains(page, "Ontwikkel-login — niet voor productie") || !strings.Contains(page, `value="beheerder-utrecht"`) {
		t.Fatalf("/inloggen with --dev-login lacks the marker or the demo beheerder:\n%s", page)
	}
	i := strings.Index(page, `name="csrf" value="`) + len(`name="csrf" value="`)
	csrf := page[i : i+strings.Index(page[i:], `"`)]
	resp, err := c.PostForm(base+"/inloggen/ontwikkel", url.Values{"csrf": {csrf}, "gebruiker": {"beheerder-utrecht"}, "terug": {"/"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("development login = %d; want 303", resp.StatusCode)
	}
	var sessie struct {
		Ingelogd bool
		Rol      string
		CSRF     string
	}
	if err := json.Unmarshal([]byte(get("/auth/sessie")), &sessie); err != nil || !sessie.Ingelogd || sessie.Rol != "BEHEERDER" {
		t.Fatalf("/auth/sessie after development login: %+v %v; want the beheerder", sessie, err)
	}
	post := func(token string) int {
		req, _ := http.NewRequest("POST", base+"/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("X-CSRF-Token", token)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(""); code != http.StatusForbidden {
		t.Errorf("GraphQL POST with the session but no CSRF token = %d; want 403", code)
	}
	if code := post(sessie.CSRF); code != http.StatusOK {
		t.Errorf("GraphQL POST with the session and its CSRF token = %d; want 200", code)
	}
}
