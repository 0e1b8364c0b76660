package main

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/socialekaart/socialekaart/internal/config"
	"github.com/socialekaart/socialekaart/internal/demo"
	"github.com/socialekaart/socialekaart/internal/httpserver"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
)

// cmdGebruiker manages the people who may log in.
func (m *Main) cmdGebruiker(ctx context.Context, args []string) error {
	const about = "Manage the people who may log in (OpenID Connect).\n\n" +
		"  gebruiker add --email ADDRESS --naam NAME --rol partner|regisseur|beheerder [--organisatie ID] [--gemeente ID] [--gebied ID ...] [--issuer URL --subject SUB]\n" +
		"  gebruiker list\n" +
		"  gebruiker remove ID\n\n" +
		"Nobody is let in automatically. A person added with --issuer and --subject is matched on\n" +
		"that account; one added with only --email is bound, at the first login, to the account\n" +
		"whose provider says that address is verified (email_verified), and from then on only to it."
	return m.dispatch(ctx, "gebruiker", about, args,
		subcommand{"add", m.cmdGebruikerAdd}, subcommand{"list", m.cmdGebruikerList}, subcommand{"remove", m.cmdGebruikerRemove})
}

func (m *Main) cmdGebruikerAdd(ctx context.Context, args []string) error {
	fs := m.flagSet("gebruiker add", "--email ADDRESS --naam NAME --rol ROLE [flags]", "Register a person who may log in.")
	email := fs.String("email", "", "e-mail `address` (required)")
	naam := fs.String("naam", "", "name the history shows, e.g. \"Fatima Yilmaz\" (required)")
	b := addBindingFlags(fs)
	issuer := fs.String("issuer", "", "OpenID Connect issuer `URL` of the person's account (with --subject)")
	subject := fs.String("subject", "", "the account's `sub` claim at the issuer (with --issuer)")
	if err := m.parse(fs, args, false); err != nil {
		return err
	}
	rol, err := b.rol(m, fs)
	if err != nil {
		return err
	}
	return m.withDatabase(ctx, func(db *neo4j.Store) error {
		g, err := (&kaart.Gebruikers{Store: db}).Add(ctx, kaart.NieuweGebruiker{
			Email: *email, Naam: *naam, Rol: rol, Organisatie: *b.organisatie, Gemeente: *b.gemeente,
			Gebieden: b.gebieden, Issuer: *issuer, Subject: *subject,
		})
		var verrs kaart.ValidationErrors
		if errors.As(err, &verrs) {
			for _, e := range verrs {
				fmt.Fprintf(m.Stderr, "  --%s: %s\n", flagOfField(e.Field), e.Message)
			}
			return errors.New("the person was not added")
		}
		if kaart.ErrorCode(err) == kaart.ECONFLICT {
			return errors.New(kaart.ErrorMessage(err))
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "%s added: %s <%s>, %s\n", g.ID, g.Naam, g.Email, describeGebruiker(g))
		fmt.Fprintln(m.Stdout, g.ID)
		return nil
	})
}

func describeGebruiker(g kaart.Gebruiker) string {
	return describeBinding(kaart.Sleutel{Rol: g.Rol, Organisatie: g.Organisatie, Gemeente: g.Gemeente, Gebieden: g.Gebieden})
}

func (m *Main) cmdGebruikerList(ctx context.Context, args []string) error {
	fs := m.flagSet("gebruiker list", "[flags]", "List the people who may log in.")
	if err := m.parse(fs, args, false); err != nil {
		return err
	}
	return m.withDatabase(ctx, func(db *neo4j.Store) error {
		people, err := (&kaart.Gebruikers{Store: db}).List(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tE-MAIL\tROLE\tACCOUNT\tLAST LOGIN")
		for _, g := range people {
			account := "bound at first login"
			if g.Subject != "" {
				account = g.Issuer + " " + g.Subject
			}
			last := "never"
			if g.LaatstIngelogd != nil {
				last = g.LaatstIngelogd.Local().Format(time.DateTime)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", g.ID, g.Naam, g.Email, describeGebruiker(g), account, last)
		}
		return tw.Flush()
	})
}

func (m *Main) cmdGebruikerRemove(ctx context.Context, args []string) error {
	fs := m.flagSet("gebruiker remove", "ID [flags]", "Remove a person: their sessions end at once.")
	id, err := m.idArg(fs, args, "missing the id of the person to remove (see gebruiker list)")
	if err != nil {
		return err
	}
	return m.withDatabase(ctx, func(db *neo4j.Store) error {
		if err := (&kaart.Gebruikers{Store: db}).Remove(ctx, id); err != nil {
			if kaart.ErrorCode(err) == kaart.ENOTFOUND {
				return fmt.Errorf("no person with id %q (see gebruiker list)", id)
			}
			return err
		}
		fmt.Fprintf(m.Stderr, "%s removed; their sessions have ended\n", id)
		return nil
	})
}

// loginOptions wires login for people into the server: OpenID Connect when
// configured, and the development login with the demo's people when asked.
func (m *Main) loginOptions(c config.Config) *httpserver.Login {
	l := &httpserver.Login{Gebruikers: &kaart.Gebruikers{Store: m.DB, Cache: m.Toegang}, DevLogin: c.DevLogin}
	if c.OIDCIssuer != "" {
		l.OIDC = &httpserver.OIDC{Issuer: c.OIDCIssuer, ClientID: c.OIDCClientID, ClientSecret: c.OIDCClientSecret, RedirectURL: c.OIDCRedirectURL}
	}
	if c.DevLogin {
		l.DevGebruikers = devGebruikers()
	}
	return l
}

// devGebruikers are the development login's people, bound to the demo's
// records: a wijkregisseur of Kanaleneiland, a partner for JoU Utrecht and
// the beheerder of the gemeente Utrecht.
func devGebruikers() []kaart.Gebruiker {
	return []kaart.Gebruiker{
		{Subject: "regisseur-kanaleneiland", Naam: "Fatima", Email: "regisseur@" + demo.EmailDomain,
			Rol: kaart.Regisseur, Gemeente: demo.GemeenteID, Gebieden: []string{"utr-wk-zuidwest", "utr-bu-kanaleneiland"}},
		{Subject: "partner-jou", Naam: "Joost", Email: "partner@" + demo.EmailDomain,
			Rol: kaart.Partner, Organisatie: "utr-org-jou"},
		{Subject: "beheerder-utrecht", Naam: "Bea", Email: "beheerder@" + demo.EmailDomain,
			Rol: kaart.Beheerder, Gemeente: demo.GemeenteID},
	}
}
