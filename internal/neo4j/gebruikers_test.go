package neo4j_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// TestGebruikerMigrationsApply checks the schema statements of people and
// sessions, and that logins work with the constraints in place.
func TestGebruikerMigrationsApply(t *testing.T) {
	store := neo4jtest.Open(t)
	ctx := context.Background()
	if err := neo4j.MigrateGebruikers(ctx, store); err != nil {
		t.Fatalf("gebruiker migrations: %v", err)
	}
	if err := neo4j.MigrateGebruikers(ctx, store); err != nil {
		t.Fatalf("gebruiker migrations a second time: %v", err)
	}
	g := &kaart.Gebruikers{Store: store}
	p, err := g.Add(ctx, kaart.NieuweGebruiker{Email: "m-" + uniq() + "@x.nl", Naam: "M", Rol: kaart.Beheerder})
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := g.StartSessie(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if _, v, err := g.Sessie(ctx, token); err != nil || v.GebruikerID != p.ID {
		t.Errorf("Sessie with the constraints in place = %+v, %v", v, err)
	}
}

func uniq() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// clock is a settable time for session lifetimes.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func TestGebruikerAddValidatesBindingLikeAPIKeys(t *testing.T) {
	t.Parallel()
	g := &kaart.Gebruikers{Store: neo4jtest.Open(t)}
	ctx := context.Background()
	cases := []struct {
		name  string
		in    kaart.NieuweGebruiker
		field string
	}{
		{"partner zonder organisatie", kaart.NieuweGebruiker{Email: "p-" + uniq() + "@x.nl", Naam: "P", Rol: kaart.Partner}, "organisatie"},
		{"regisseur zonder gebieden", kaart.NieuweGebruiker{Email: "r-" + uniq() + "@x.nl", Naam: "R", Rol: kaart.Regisseur, Gemeente: "gm"}, "gebieden"},
		{"beheerder met organisatie", kaart.NieuweGebruiker{Email: "b-" + uniq() + "@x.nl", Naam: "B", Rol: kaart.Beheerder, Organisatie: "org"}, "organisatie"},
		{"geen e-mail", kaart.NieuweGebruiker{Email: "geen adres", Naam: "B", Rol: kaart.Beheerder}, "email"},
		{"subject zonder issuer", kaart.NieuweGebruiker{Email: "s-" + uniq() + "@x.nl", Naam: "S", Rol: kaart.Beheerder, Subject: "abc"}, "subject"},
		{"geen rol", kaart.NieuweGebruiker{Email: "n-" + uniq() + "@x.nl", Naam: "N"}, "rol"},
	}
	for _, c := range cases {
		_, err := g.Add(ctx, c.in)
		var verrs kaart.ValidationErrors
		if !errors.As(err, &verrs) {
			t.Errorf("%s: err = %v; want ValidationErrors", c.name, err)
			continue
		}
		found := false
		for _, e := range verrs {
			found = found || e.Field == c.field
		}
		if !found {
			t.Errorf("%s: errors %v do not name field %q", c.name, verrs, c.field)
		}
	}
}

func TestGebruikerAddListRemove(t *testing.T) {
	t.Parallel()
	store := neo4jtest.Open(t)
	g := &kaart.Gebruikers{Store: store}
	ctx := context.Background()
	email := "Fatima." + uniq() + "@Utrecht.example"
	p, err := g.Add(ctx, kaart.NieuweGebruiker{Email: email, Naam: "Fatima", Rol: kaart.Regisseur, Gemeente: "utr-gm", Gebieden: []string{"utr-wk-zuidwest"}})
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	if p.Email != kaart.NormalizeEmail(email) {
		t.Errorf("email stored as %q; want it lower case", p.Email)
	}
	if _, err := g.Add(ctx, kaart.NieuweGebruiker{Email: email, Naam: "Dubbel", Rol: kaart.Beheerder}); kaart.ErrorCode(err) != kaart.ECONFLICT {
		t.Errorf("second person with the same e-mail: err = %v; want CONFLICT", err)
	}
	list, err := g.List(ctx)
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	var got *kaart.Gebruiker
	for i := range list {
		if list[i].ID == p.ID {
			got = &list[i]
		}
	}
	if got == nil || got.Rol != kaart.Regisseur || got.Gemeente != "utr-gm" || len(got.Gebieden) != 1 {
		t.Fatalf("List does not show the person as added: %+v", got)
	}

	token, _, err := g.StartSessie(ctx, p)
	if err != nil {
		t.Fatalf("StartSessie: %v", err)
	}
	if _, v, err := g.Sessie(ctx, token); err != nil || v.GebruikerID != p.ID || v.Rol != kaart.Regisseur {
		t.Fatalf("Sessie = %+v, %v; want the person's viewer", v, err)
	}
	if err := g.Remove(ctx, p.ID); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	if _, _, err := g.Sessie(ctx, token); kaart.ErrorCode(err) != kaart.EUNAUTHENTICATED {
		t.Errorf("session of a removed person: err = %v; want UNAUTHENTICATED", err)
	}
	if err := g.Remove(ctx, p.ID); kaart.ErrorCode(err) != kaart.ENOTFOUND {
		t.Errorf("removing twice: err = %v; want NOT_FOUND", err)
	}
}

func TestGebruikerForLoginBindsOnlyVerifiedEmail(t *testing.T) {
	t.Parallel()
	g := &kaart.Gebruikers{Store: neo4jtest.Open(t)}
	ctx := context.Background()
	email := "partner-" + uniq() + "@jou.example"
	p, err := g.Add(ctx, kaart.NieuweGebruiker{Email: email, Naam: "Joost", Rol: kaart.Partner, Organisatie: "utr-org-jou"})
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	issuer, sub := "https://idp-"+uniq()+".example", "sub-"+uniq()
	if _, err := g.ForLogin(ctx, issuer, sub, email, false); kaart.ErrorCode(err) != kaart.EFORBIDDEN {
		t.Errorf("unverified e-mail: err = %v; want FORBIDDEN", err)
	}
	got, err := g.ForLogin(ctx, issuer, sub, email, true)
	if err != nil || got.ID != p.ID {
		t.Fatalf("verified e-mail: %+v, %v; want the registered person", got, err)
	}
	// Bound now: another account with the same address gets nothing.
	if _, err := g.ForLogin(ctx, issuer, "other-"+uniq(), email, true); kaart.ErrorCode(err) != kaart.EFORBIDDEN {
		t.Errorf("second account with the same e-mail: err = %v; want FORBIDDEN", err)
	}
	if got, err := g.ForLogin(ctx, issuer, sub, "", false); err != nil || got.ID != p.ID {
		t.Errorf("bound account: %+v, %v; want the person", got, err)
	}
	if _, err := g.ForLogin(ctx, issuer, "onbekend-"+uniq(), "onbekend-"+uniq()+"@x.nl", true); kaart.ErrorCode(err) != kaart.EFORBIDDEN {
		t.Errorf("unknown person: err = %v; want FORBIDDEN", err)
	}
}

func TestSessieExpiresAndIdlesOut(t *testing.T) {
	t.Parallel()
	store := neo4jtest.Open(t)
	clk := &clock{t: time.Now().UTC()}
	g := &kaart.Gebruikers{Store: store, Now: clk.Now, Duur: 3 * time.Hour, Inactief: time.Hour}
	ctx := context.Background()
	p, err := g.Add(ctx, kaart.NieuweGebruiker{Email: "b-" + uniq() + "@x.nl", Naam: "Bea", Rol: kaart.Beheerder, Gemeente: "utr-gm"})
	if err != nil {
		t.Fatalf("Add: %v", err)
	}

	idle, _, err := g.StartSessie(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	busy, _, err := g.StartSessie(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // 2 × 50 minutes: the busy session is used in between
		clk.Add(50 * time.Minute)
		if _, _, err := g.Sessie(ctx, busy); err != nil {
			t.Fatalf("busy session after %v: %v", clk.Now().Sub(p.Aangemaakt), err)
		}
	}
	if _, _, err := g.Sessie(ctx, idle); kaart.ErrorCode(err) != kaart.EUNAUTHENTICATED {
		t.Errorf("session unused for 100 minutes: err = %v; want UNAUTHENTICATED", err)
	}
	clk.Add(50 * time.Minute)
	if _, _, err := g.Sessie(ctx, busy); err != nil {
		t.Fatalf("busy session at 150 minutes: %v", err)
	}
	clk.Add(40 * time.Minute)
	if _, _, err := g.Sessie(ctx, busy); kaart.ErrorCode(err) != kaart.EUNAUTHENTICATED {
		t.Errorf("session past its 3 hours: err = %v; want UNAUTHENTICATED", err)
	}
	if err := g.EndSessie(ctx, busy); err != nil {
		t.Errorf("ending an expired session: %v", err)
	}
}

func TestLoginPogingWorksOnce(t *testing.T) {
	t.Parallel()
	store := neo4jtest.Open(t)
	ctx := context.Background()
	state := kaart.RandomToken()
	p := kaart.LoginPoging{StateHash: kaart.TokenHash(state), Nonce: "n", Verifier: "v", Terug: "/x", Verloopt: time.Now().Add(time.Minute)}
	if err := store.CreateLoginPoging(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, err := store.TakeLoginPoging(ctx, kaart.TokenHash(state))
	if err != nil || got.Nonce != "n" || got.Verifier != "v" || got.Terug != "/x" {
		t.Fatalf("TakeLoginPoging = %+v, %v", got, err)
	}
	if _, err := store.TakeLoginPoging(ctx, kaart.TokenHash(state)); kaart.ErrorCode(err) != kaart.ENOTFOUND {
		t.Errorf("second take: err = %v; want NOT_FOUND", err)
	}
}
