package neo4j_test

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/demo"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// vragenGraaf is a small sociale kaart, imported into a test's own
// gemeente, on which every question's answer is worked out by hand:
//
//	gemeente ─ wijk W ─ buurt B1 (CBS code), buurt B2; dienstgebied D omvat W; wijk W2 beside W
//	buurten X1, X2 ("Tweeling"), X3, X4 (INTERN; "Half") in W2
//	org P (politie), Z (welzijn), G (INTERN, steward of itself), O2 (serves W2), GM (gemeente)
//
//	F1  wijkagent B1        FRONTLIJN  T  aanspreekpunt, since 2021, holder P1 (INTERN), no own channel
//	F2  oud-wijkagent B1    FRONTLIJN  T  until 2020
//	F5  partnerfunctie B1   FRONTLIJN  T  PARTNERS, confirmed recently
//	F3  wijkregisseur W     MANAGERIAL T  holder P2 (OPENBAAR), own e-mail; escalates
//	F4  coördinator gm      MANAGERIAL T
//	F8  gebiedsmanager D    MANAGERIAL T
//	F6  jongerenwerker W    FRONTLIJN  T2 aanspreekpunt, at Z, stale
//	F7  jongerenwerker W    FRONTLIJN  T2 at Z, stale
//	F12 intern werker W     FRONTLIJN  T2 INTERN (steward G)
//	F10 wethouder gm        BESTUURLIJK T at GM;  F11 directeur P BESTUURLIJK;  F13, F14 directeuren
//	N   wijkraad W (Netwerk, thema T4);  T3 nobody;  T5 INTERN, nobody
//	C1  Compleet (B1): F10 B, F11 B, F3 M, F1 F (key); afspraak A1
//	C2  Gat (W, ended 2021): F3 M, F6 F (key), F7 F (ended 2020); no afspraak
//	C3  Verborgen lid (B2): F10 B, F3 M, G F (INTERN membership); afspraak A3
//	C4  Leeg (W2): no members, no afspraak
//	DG  doelgroep: Z, P3 (PARTNERS sleutelfiguur, member of N), G and O2 reach it
//	P2 KENT P3 (INTERN)
type vragenGraaf struct {
	gm  string
	ids map[string]string // short name → id
	cbs string            // the CBS code of B1
}

func (g *vragenGraaf) id(short string) string { return g.ids[short] }

// names maps ids back to short names, for readable failures.
func (g *vragenGraaf) names(nodes []kaart.Node) []string {
	back := map[string]string{}
	for k, v := range g.ids {
		back[v] = k
	}
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = back[n.ID()]
		if out[i] == "" {
			out[i] = n.ID()
		}
	}
	return out
}

func importVragenGraaf(t *testing.T, s *neo4j.Store) *vragenGraaf {
	t.Helper()
	// The gemeente travels in the document: an import links only records
	// of the document itself.
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	gm := "vg-" + hex.EncodeToString(b)
	g := &vragenGraaf{gm: gm, ids: map[string]string{"gm": gm}, cbs: fmt.Sprintf("BU%08d", binary.BigEndian.Uint32(b)%100000000)}
	doc := &kaart.Export{Formaat: kaart.ExportFormat, Versie: kaart.ExportVersion}
	doc.Records = append(doc.Records, kaart.ExportRecord{Type: "Gebied", Eigenschappen: map[string]any{
		"id": gm, "gemeente": gm, "naam": "Vragengemeente " + t.Name(), "soort": "GEMEENTE"}})
	rec := func(short, typ string, props map[string]any) {
		id := gm + "-" + strings.ToLower(short)
		g.ids[short] = id
		props["id"], props["gemeente"] = id, gm
		if _, ok := props["laatstBevestigd"]; !ok {
			props["laatstBevestigd"] = "2025-06-01T10:00:00Z"
		}
		doc.Records = append(doc.Records, kaart.ExportRecord{Type: typ, Eigenschappen: props})
	}
	link := func(typ, van, naar string, props map[string]any) {
		if props == nil {
			props = map[string]any{}
		}
		props["id"] = fmt.Sprintf("%s-k%d", gm, len(doc.Koppelingen))
		doc.Koppelingen = append(doc.Koppelingen, kaart.ExportKoppeling{Type: typ, Van: g.id(van), Naar: g.id(naar), Eigenschappen: props})
	}
	gebied := func(short, naam, soort, ouder string) {
		rec(short, "Gebied", map[string]any{"naam": naam, "soort": soort})
		if ouder != "" {
			link("DEEL_VAN", short, ouder, nil)
		}
	}
	gebied("W", "Wijk W", "WIJK", "gm")
	gebied("W2", "Wijk W2", "WIJK", "gm")
	gebied("B1", "Buurt B1", "BUURT", "W")
	gebied("B2", "Buurt B2", "BUURT", "W")
	gebied("D", "Dienstgebied D", "DIENSTGEBIED", "")
	link("OMVAT", "D", "W", nil)
	// Names to ask by, unique to this gemeente: two public buurten share
	// one; a public and an INTERN buurt share another.
	gebied("X1", "Tweeling "+gm, "BUURT", "W2")
	gebied("X2", "Tweeling "+gm, "BUURT", "W2")
	gebied("X3", "Half "+gm, "BUURT", "W2")
	gebied("X4", "Half "+gm, "BUURT", "W2")
	for _, r := range doc.Records {
		switch r.Eigenschappen["id"] {
		case g.id("X4"):
			r.Eigenschappen["zichtbaarheid"] = "INTERN"
		case g.id("B1"):
			r.Eigenschappen["cbsCode"] = g.cbs
		}
	}
	thema := func(short, naam, zicht string) {
		rec(short, "Thema", map[string]any{"naam": naam, "zichtbaarheid": zicht})
	}
	thema("T", "Veiligheid", "OPENBAAR")
	thema("T2", "Jeugd", "OPENBAAR")
	thema("T3", "Wonen", "OPENBAAR")
	thema("T4", "Participatie", "OPENBAAR")
	thema("T5", "Zorg", "INTERN")
	org := func(short, naam, zicht string) {
		rec(short, "Organisatie", map[string]any{"naam": naam, "sector": "OVERIG", "zichtbaarheid": zicht, "beheerder": gm + "-" + strings.ToLower(short)})
	}
	org("P", "Politie", "OPENBAAR")
	org("Z", "Welzijn", "OPENBAAR")
	org("G", "Geheim", "INTERN")
	org("O2", "Ander", "OPENBAAR")
	org("GM", "Gemeente", "OPENBAAR")
	rec("PTEL", "Contactgegeven", map[string]any{"soort": "TELEFOON", "waarde": "030 799 0001", "zichtbaarheid": "OPENBAAR"})
	link("HEEFT_CONTACT", "P", "PTEL", nil)
	rec("PTEL2", "Contactgegeven", map[string]any{"soort": "TELEFOON", "waarde": "06 1234 0001", "zichtbaarheid": "INTERN"})
	link("HEEFT_CONTACT", "P", "PTEL2", nil)

	type fun struct {
		short, titel, niveau, org, gebied, thema string
		props                                    map[string]any
	}
	for _, f := range []fun{
		{"F1", "Wijkagent B1", "FRONTLIJN", "P", "B1", "T", map[string]any{"aanspreekpunt": true, "geldigVan": "2021-01-01"}},
		{"F2", "Oud-wijkagent B1", "FRONTLIJN", "P", "B1", "T", map[string]any{"aanspreekpunt": true, "geldigTot": "2020-12-31"}},
		{"F5", "Partnerfunctie B1", "FRONTLIJN", "P", "B1", "T", map[string]any{"zichtbaarheid": "PARTNERS", "laatstBevestigd": "2025-08-01T10:00:00Z"}},
		{"F3", "Wijkregisseur W", "MANAGERIAL", "GM", "W", "T", map[string]any{"aanspreekpunt": true}},
		{"F4", "Coordinator gemeente", "MANAGERIAL", "GM", "gm", "T", nil},
		{"F8", "Gebiedsmanager D", "MANAGERIAL", "GM", "D", "T", nil},
		{"F6", "Jongerenwerker een", "FRONTLIJN", "Z", "W", "T2", map[string]any{"aanspreekpunt": true, "laatstBevestigd": "2022-01-01T10:00:00Z"}},
		{"F7", "Jongerenwerker twee", "FRONTLIJN", "Z", "W", "T2", map[string]any{"laatstBevestigd": "2021-01-01T10:00:00Z"}},
		{"F12", "Interne werker", "FRONTLIJN", "G", "W", "T2", map[string]any{"zichtbaarheid": "INTERN"}},
		{"F10", "Wethouder", "BESTUURLIJK", "GM", "gm", "T", nil},
		{"F11", "Directeur politie", "BESTUURLIJK", "P", "gm", "", nil},
		{"F13", "Directeur wijken", "MANAGERIAL", "GM", "gm", "", nil},
		{"F14", "Algemeen directeur", "MANAGERIAL", "GM", "gm", "", nil},
	} {
		props := map[string]any{"titel": f.titel, "rol": "OVERIG", "niveau": f.niveau, "beheerder": g.id(f.org)}
		for k, v := range f.props {
			props[k] = v
		}
		rec(f.short, "Functie", props)
		link("FUNCTIE_BIJ", f.short, f.org, nil)
		link("BEDIENT", f.short, f.gebied, nil)
		if f.thema != "" {
			link("OVER_THEMA", f.short, f.thema, nil)
		}
	}
	rec("F3MAIL", "Contactgegeven", map[string]any{"soort": "EMAIL", "waarde": "wijkregisseur@w.example", "zichtbaarheid": "OPENBAAR"})
	link("HEEFT_CONTACT", "F3", "F3MAIL", nil)
	persoon := func(short, naam, zicht, beheerder string, extra map[string]any) {
		props := map[string]any{"naam": naam, "grondslag": "PUBLIEKE_TAAK", "zichtbaarheid": zicht, "beheerder": g.id(beheerder)}
		for k, v := range extra {
			props[k] = v
		}
		rec(short, "Persoon", props)
	}
	persoon("P1", "Piet Een", "INTERN", "P", map[string]any{"laatstBevestigd": "2021-06-01T10:00:00Z"})
	persoon("P2", "Petra Twee", "OPENBAAR", "GM", nil)
	persoon("P3", "Sleutelfiguur Drie", "PARTNERS", "Z", map[string]any{"sleutelfiguur": true})
	link("BEKLEEDT", "P1", "F1", map[string]any{"zichtbaarheid": "INTERN"})
	link("BEKLEEDT", "P2", "F3", nil)
	link("KENT", "P2", "P3", map[string]any{"zichtbaarheid": "INTERN"})

	rec("N", "Netwerk", map[string]any{"naam": "Wijkraad W", "soort": "WIJKRAAD"})
	link("BEDIENT", "N", "W", nil)
	link("OVER_THEMA", "N", "T4", nil)
	link("LID_VAN", "P3", "N", map[string]any{"zichtbaarheid": "PARTNERS"})

	rec("DG", "Doelgroep", map[string]any{"naam": "Jongeren"})
	link("BEREIKT", "Z", "DG", nil)
	link("BEDIENT", "Z", "W", nil)
	link("BEREIKT", "P3", "DG", map[string]any{"zichtbaarheid": "PARTNERS"})
	link("BEREIKT", "G", "DG", map[string]any{"zichtbaarheid": "INTERN"})
	link("BEREIKT", "O2", "DG", nil)
	link("BEDIENT", "O2", "W2", nil)

	coalitie := func(short, naam, gebied string, extra map[string]any) {
		props := map[string]any{"naam": naam, "soort": "VAST", "beheerder": g.id("P")}
		for k, v := range extra {
			props[k] = v
		}
		rec(short, "Coalitie", props)
		link("BEDIENT", short, gebied, nil)
	}
	lid := func(van, coalitie, niveau string, extra map[string]any) {
		props := map[string]any{"niveau": niveau}
		for k, v := range extra {
			props[k] = v
		}
		link("LID_VAN", van, coalitie, props)
	}
	afspraak := func(short, coalitie string) {
		rec(short, "Afspraak", map[string]any{"titel": "Convenant " + coalitie, "soort": "CONVENANT"})
		link("AFSPRAAK_VAN", short, coalitie, nil)
	}
	coalitie("C1", "Compleet", "B1", nil)
	lid("F10", "C1", "BESTUURLIJK", nil)
	lid("F11", "C1", "BESTUURLIJK", nil)
	lid("F3", "C1", "MANAGERIAL", nil)
	lid("F1", "C1", "FRONTLIJN", map[string]any{"sleutelpartner": true})
	afspraak("A1", "C1")
	coalitie("C2", "Gat", "W", map[string]any{"geldigTot": "2021-12-31", "laatstBevestigd": "2023-01-01T10:00:00Z"})
	lid("F3", "C2", "MANAGERIAL", nil)
	lid("F6", "C2", "FRONTLIJN", map[string]any{"sleutelpartner": true})
	lid("F7", "C2", "FRONTLIJN", map[string]any{"geldigTot": "2020-06-30"})
	coalitie("C3", "Verborgen lid", "B2", nil)
	lid("F10", "C3", "BESTUURLIJK", nil)
	lid("F3", "C3", "MANAGERIAL", nil)
	lid("G", "C3", "FRONTLIJN", map[string]any{"zichtbaarheid": "INTERN"})
	afspraak("A3", "C3")
	coalitie("C4", "Leeg", "W2", nil)

	esc := func(van, naar, spoor string, volgorde int, zicht string) {
		link("ESCALEERT_NAAR", van, naar, map[string]any{"spoor": spoor, "volgorde": volgorde, "zichtbaarheid": zicht})
	}
	esc("F3", "F13", "AMBTELIJK", 1, "OPENBAAR")
	esc("F13", "F14", "AMBTELIJK", 2, "OPENBAAR")
	esc("F3", "F10", "BESTUURLIJK", 1, "PARTNERS")

	if err := s.Import(context.Background(), doc); err != nil {
		t.Fatalf("Import: %v", err)
	}
	return g
}

var peil = time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)

type vragenFixture struct {
	*vragenGraaf
	t   *testing.T
	svc *kaart.Service
}

func newVragenFixture(t *testing.T) *vragenFixture {
	t.Helper()
	t.Parallel()
	s := neo4jtest.Open(t)
	return &vragenFixture{vragenGraaf: importVragenGraaf(t, s), t: t, svc: &kaart.Service{Store: s}}
}

// The three viewers of the visibility tests.
func (f *vragenFixture) anoniem() context.Context { return as(kaart.Viewer{}) }
func (f *vragenFixture) partner() context.Context {
	return as(kaart.Viewer{Rol: kaart.Partner, Organisatie: f.id("Z")})
}
func (f *vragenFixture) platform() context.Context { return as(neo4jtest.Platform) }

func wieVan(list []kaart.Aanspreekpunt) []kaart.Node {
	out := make([]kaart.Node, len(list))
	for i, a := range list {
		out[i] = a.Wie
	}
	return out
}

func wantNames(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %v; want %v", what, got, want)
	}
}

func TestAanspreekpunt(t *testing.T) {
	f := newVragenFixture(t)
	cases := []struct {
		name   string
		ctx    context.Context
		q      kaart.AanspreekpuntVraag
		want   []string
		reik   int
		kanaal string
	}{
		// The buurt itself wins; the ended F2 loses to the current F1; the
		// PARTNERS F5 is not there for a resident.
		{"buurt, anoniem", f.anoniem(), kaart.AanspreekpuntVraag{Gebied: f.id("B1"), Thema: f.id("T")}, []string{"F1"}, kaart.AfstandGebied, "ORGANISATIE"},
		// A designated aanspreekpunt before a more recently confirmed one.
		{"buurt, partner", f.partner(), kaart.AanspreekpuntVraag{Gebied: f.id("B1"), Thema: f.id("T")}, []string{"F1", "F5"}, kaart.AfstandGebied, "ORGANISATIE"},
		// In 2019 F1 did not exist yet and F2 was the wijkagent.
		{"peildatum 2019", f.anoniem(), kaart.AanspreekpuntVraag{Gebied: f.id("B1"), Thema: f.id("T"), Peildatum: time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC)}, []string{"F2"}, kaart.AfstandGebied, "ORGANISATIE"},
		// Managerial: nobody in B1, so the wijk (F3) wins over the
		// dienstgebied (F8) and the gemeente (F4).
		{"managerial naar wijk", f.anoniem(), kaart.AanspreekpuntVraag{Gebied: f.id("B1"), Thema: f.id("T"), Niveau: "TACTISCH"}, []string{"F3"}, kaart.AfstandWijk, "FUNCTIE"},
		{"lege buurt", f.anoniem(), kaart.AanspreekpuntVraag{Gebied: f.id("B2"), Thema: f.id("T")}, []string{"F3"}, kaart.AfstandWijk, "FUNCTIE"},
		// Bestuurlijk only at the gemeente.
		{"bestuurlijk naar gemeente", f.anoniem(), kaart.AanspreekpuntVraag{Gebied: f.id("B1"), Thema: f.id("T"), Niveau: "BESTUURLIJK"}, []string{"F10"}, kaart.AfstandGemeente, ""},
		// The dienstgebied, asked directly.
		{"dienstgebied", f.anoniem(), kaart.AanspreekpuntVraag{Gebied: f.id("D"), Thema: f.id("T")}, []string{"F8"}, kaart.AfstandGebied, ""},
	}
	for _, c := range cases {
		c.q.Peildatum = cmpOr(c.q.Peildatum, peil)
		got, err := f.svc.Aanspreekpunt(c.ctx, c.q)
		if err != nil {
			t.Fatalf("%s: Aanspreekpunt: %v", c.name, err)
		}
		wantNames(t, c.name+": aanspreekpunten", f.names(wieVan(got)), c.want)
		if len(got) == 0 {
			continue
		}
		if got[0].Afstand != c.reik || got[0].KanaalVan != c.kanaal || got[0].Waarom == "" {
			t.Errorf("%s: first = afstand %d, kanaalVan %q, waarom %q; want afstand %d, kanaalVan %q and an explanation",
				c.name, got[0].Afstand, got[0].KanaalVan, got[0].Waarom, c.reik, c.kanaal)
		}
	}

	// The holder of F1 is INTERN: a resident and a partner see the
	// organisation's public number, never that there is a hidden person.
	for _, ctx := range []context.Context{f.anoniem(), f.partner()} {
		got, _ := f.svc.Aanspreekpunt(ctx, kaart.AanspreekpuntVraag{Gebied: f.id("B1"), Thema: f.id("T"), Peildatum: peil})
		a := got[0]
		if len(a.Personen) != 0 || f.names(a.Kanalen)[0] != "PTEL" || len(a.Kanalen) != 1 {
			t.Errorf("F1 for %v: personen %v, kanalen %v; want none and the public PTEL", kaart.ViewerFrom(ctx).Rol, f.names(a.Personen), f.names(a.Kanalen))
		}
		if strings.Contains(a.Waarom, "niet zichtbaar") || !strings.Contains(a.Waarom, "via de organisatie") {
			t.Errorf("waarom = %q; want the organisation's channel without a word about hidden people", a.Waarom)
		}
	}
	got, _ := f.svc.Aanspreekpunt(f.platform(), kaart.AanspreekpuntVraag{Gebied: f.id("B1"), Thema: f.id("T"), Peildatum: peil})
	wantNames(t, "platform: personen of F1", f.names(got[0].Personen), []string{"P1"})
	wantNames(t, "platform: kanalen of F1", f.names(got[0].Kanalen), []string{"PTEL", "PTEL2"})
	got, _ = f.svc.Aanspreekpunt(f.anoniem(), kaart.AanspreekpuntVraag{Gebied: f.id("B1"), Thema: f.id("T"), Niveau: kaart.Managerial, Peildatum: peil})
	wantNames(t, "F3 personen", f.names(got[0].Personen), []string{"P2"})

	// "x y" may be a name (NOT_FOUND, see TestVraagArgumenten); a control
	// character is neither id nor name.
	if _, err := f.svc.Aanspreekpunt(f.anoniem(), kaart.AanspreekpuntVraag{Gebied: "x\ny"}); kaart.ErrorCode(err) != kaart.EINVALID {
		t.Errorf("Aanspreekpunt(bad id) = %v; want BAD_USER_INPUT", err)
	}
}

func cmpOr(t, def time.Time) time.Time {
	if t.IsZero() {
		return def
	}
	return t
}

func TestWaarvoorBijWie(t *testing.T) {
	f := newVragenFixture(t)
	check := func(ctx context.Context, want map[string][]string, zonder []string) {
		t.Helper()
		l, err := f.svc.WaarvoorBijWie(ctx, f.id("B1"), peil)
		if err != nil {
			t.Fatalf("WaarvoorBijWie: %v", err)
		}
		got := map[string][]string{}
		for _, o := range l.Onderwerpen {
			got[f.names([]kaart.Node{o.Thema})[0]] = f.names(wieVan(o.Aanspreekpunten))
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: onderwerpen = %v; want %v", kaart.ViewerFrom(ctx).Rol, got, want)
		}
		wantNames(t, string(kaart.ViewerFrom(ctx).Rol)+": zonder aanspreekpunt", f.names(l.ZonderAanspreekpunt), zonder)
	}
	// T: the aanspreekpunt F1 in the buurt (F5 is no aanspreekpunt); T2: F6
	// in the wijk (F7 is no aanspreekpunt); T4: the wijkraad; T3 nobody.
	want := map[string][]string{"T": {"F1"}, "T2": {"F6"}, "T4": {"N"}}
	// The gaps, like the answer, are among what the viewer may see: the
	// INTERN T5 is no gap for a resident, it does not exist for them.
	check(f.anoniem(), want, []string{"T3"})
	check(f.partner(), want, []string{"T3"})
	check(f.platform(), want, []string{"T3", "T5"})
}

func TestCoalitieAnalyse(t *testing.T) {
	f := newVragenFixture(t)
	soorten := func(a kaart.CoalitieAnalyse) []string {
		var out []string
		for _, s := range a.Signalen {
			out = append(out, string(s.Soort))
		}
		return out
	}
	got, err := f.svc.CoalitieAnalyse(f.platform(), f.id("W"), peil)
	if err != nil {
		t.Fatalf("CoalitieAnalyse: %v", err)
	}
	var order []string
	for _, a := range got {
		order = append(order, f.names([]kaart.Node{a.Coalitie})[0])
	}
	// Worst first: C2 lacks a level, has an ended member, no afspraak, an
	// ended term and a key partner (Z) only in the frontlijn.
	wantNames(t, "coalities", order, []string{"C2", "C1", "C3"})
	wantNames(t, "C2 signalen", soorten(got[0]), []string{"ONTBREKEND_NIVEAU", "SLEUTELPARTNER_NIET_BESTUURLIJK", "GEEN_AFSPRAAK", "LOOPTIJD_VERSTREKEN", "VERLOPEN_LIDMAATSCHAP"})
	if got[0].Ernst != 10 || got[0].Niveaus[0].Aantal != 0 || got[0].Niveaus[2].Aantal != 1 {
		t.Errorf("C2 = ernst %d, niveaus %v; want 10 and BESTUURLIJK 0, FRONTLIJN 1", got[0].Ernst, got[0].Niveaus)
	}
	if !strings.Contains(got[0].Signalen[0].Uitleg, "geen bestuurlijke leden") {
		t.Errorf("C2 uitleg = %q", got[0].Signalen[0].Uitleg)
	}
	// C1: the key partner P sits at the bestuurlijk table through F11.
	if len(got[1].Signalen) != 0 || len(got[1].Sleutelpartners) != 1 || !got[1].Sleutelpartners[0].AanBestuurlijkeTafel {
		t.Errorf("C1 = signalen %v, sleutelpartners %v; want none and P at the table", soorten(got[1]), got[1].Sleutelpartners)
	}
	// C3 is complete to the platform; to a partner, a resident and an
	// unknown role (who reads as a resident) its INTERN frontlijn member
	// is not there. The analysis is built from what the viewer may see,
	// like every answer: a resident gets the public coalities, and nothing
	// hidden shapes or shows in them.
	if len(got[2].Signalen) != 0 {
		t.Errorf("platform: C3 signalen = %v; want none", soorten(got[2]))
	}
	for _, ctx := range []context.Context{f.partner(), f.anoniem(), as(kaart.Viewer{Rol: "ONBEKEND", SleutelID: "x"})} {
		rol := kaart.ViewerFrom(ctx).Rol
		got, err = f.svc.CoalitieAnalyse(ctx, f.id("W"), peil)
		if err != nil {
			t.Fatalf("CoalitieAnalyse as %q: %v", rol, err)
		}
		order = nil
		for _, a := range got {
			order = append(order, f.names([]kaart.Node{a.Coalitie})[0])
			if f.names([]kaart.Node{a.Coalitie})[0] == "C3" {
				wantNames(t, string(rol)+": C3 signalen", soorten(a), []string{"ONTBREKEND_NIVEAU"})
			}
			if rol == kaart.Partner {
				continue
			}
			for _, l := range a.Leden {
				for _, n := range []kaart.Node{l.Lid, l.Partij} {
					if z := n.Props["zichtbaarheid"]; z != "OPENBAAR" {
						t.Errorf("%q: %s has member or partij %s with zichtbaarheid %v", rol, a.Coalitie.ID(), n.ID(), z)
					}
				}
			}
		}
		// C3's gap puts it before the complete C1.
		wantNames(t, string(rol)+": coalities", order, []string{"C2", "C3", "C1"})
	}
}

// TestCoalitieUitlegIsAlgemeen: the explanation of a missing level is the
// same in every gemeente. It names the coalitie, never a place or project
// of the sources or of the demo data (those examples belong in the
// documentation), so another gemeente does not read about the Kolenkit.
func TestCoalitieUitlegIsAlgemeen(t *testing.T) {
	f := newVragenFixture(t)
	verboden := []string{"Kolenkit", "Feijenoord", "Rotterdam", "Utrecht", "pleinenaanpak"}
	for _, r := range demo.Utrecht().Records {
		switch r.Type {
		case "Gebied", "Organisatie", "Coalitie", "Netwerk":
			if n, _ := r.Eigenschappen["naam"].(string); n != "" {
				verboden = append(verboden, n)
			}
		}
	}
	got, err := f.svc.CoalitieAnalyse(f.platform(), f.id("W2"), peil)
	if err != nil || len(got) != 1 {
		t.Fatalf("CoalitieAnalyse(W2) = %v, %v; want the one coalitie Leeg", got, err)
	}
	var gaten int
	for _, s := range got[0].Signalen {
		if s.Soort == kaart.OntbrekendNiveau {
			gaten++
		}
		if !strings.Contains(s.Uitleg, "Leeg") {
			t.Errorf("uitleg %q does not name the coalitie", s.Uitleg)
		}
		for _, naam := range verboden {
			if strings.Contains(strings.ToLower(s.Uitleg), strings.ToLower(naam)) {
				t.Errorf("uitleg %q names %q, an example from the sources or the demo", s.Uitleg, naam)
			}
		}
	}
	if gaten != 3 {
		t.Errorf("Leeg has %d missing levels; want 3", gaten)
	}
}

func TestWieBereikt(t *testing.T) {
	f := newVragenFixture(t)
	cases := []struct {
		ctx    context.Context
		gebied string
		want   []string
	}{
		{f.anoniem(), f.id("B1"), []string{"Z"}},
		{f.partner(), f.id("B1"), []string{"P3", "Z"}},
		// G reaches the group but serves no gebied; O2 works in W2.
		{f.platform(), f.id("B1"), []string{"P3", "Z"}},
		{f.platform(), "", []string{"O2", "G", "P3", "Z"}},
		{f.anoniem(), "", []string{"O2", "Z"}},
	}
	for _, c := range cases {
		got, err := f.svc.WieBereikt(c.ctx, f.id("DG"), c.gebied)
		if err != nil {
			t.Fatalf("WieBereikt: %v", err)
		}
		var wie []kaart.Node
		for _, b := range got {
			wie = append(wie, b.Wie)
			if c.gebied != "" && (b.Via == nil || b.Via.ID() != f.id("W")) {
				t.Errorf("%s via %v; want W", f.names([]kaart.Node{b.Wie}), b.Via)
			}
		}
		wantNames(t, fmt.Sprintf("WieBereikt(DG, %q) as %s", c.gebied, kaart.ViewerFrom(c.ctx).Rol), f.names(wie), c.want)
	}
}

func TestRoute(t *testing.T) {
	f := newVragenFixture(t)
	// The platform sees P2 KENT P3 BEREIKT DG: two steps.
	r, err := f.svc.Route(f.platform(), f.id("P2"), f.id("DG"), 6)
	if err != nil || r == nil {
		t.Fatalf("Route as platform = %v, %v", r, err)
	}
	wantNames(t, "platform route", f.names(r.Records), []string{"P2", "P3", "DG"})
	// A resident sees only public records and links: the five-step chain
	// through the coalitie Gat and Welzijn. Neither its records nor its
	// length reveal the hidden shortcut.
	r, err = f.svc.Route(f.anoniem(), f.id("P2"), f.id("DG"), 6)
	if err != nil || r == nil {
		t.Fatalf("Route as anonymous = %v, %v", r, err)
	}
	if len(r.Records) != 6 || len(r.Stappen) != 5 || f.names(r.Records)[2] != "C2" || f.names(r.Records)[4] != "Z" {
		t.Errorf("anonymous route = %v; want P2, F3, C2, F6 or F7, Z, DG", f.names(r.Records))
	}
	for _, n := range append(append([]kaart.Node{}, r.Records...), r.Stappen...) {
		if z := n.Props["zichtbaarheid"]; z != "OPENBAAR" {
			t.Errorf("anonymous route holds %s with zichtbaarheid %v", n.ID(), z)
		}
	}
	if r, err := f.svc.Route(f.anoniem(), f.id("P2"), f.id("DG"), 4); err != nil || r != nil {
		t.Errorf("Route(max 4) as anonymous = %v, %v; want no route", r, err)
	}
	// A hidden end is as unknown as a missing one.
	_, errHidden := f.svc.Route(f.anoniem(), f.id("P2"), f.id("P3"), 6)
	_, errMissing := f.svc.Route(f.anoniem(), f.id("P2"), f.gm+"-bestaat-niet", 6)
	if kaart.ErrorCode(errHidden) != kaart.ENOTFOUND || kaart.ErrorCode(errMissing) != kaart.ENOTFOUND {
		t.Errorf("Route to hidden, missing = %v, %v; want NOT_FOUND for both", errHidden, errMissing)
	}
	if _, err := f.svc.Route(f.anoniem(), f.id("P2"), f.id("DG"), 9); kaart.ErrorCode(err) != kaart.EINVALID {
		t.Errorf("Route(max 9) = %v; want BAD_USER_INPUT", err)
	}
}

func TestOverlap(t *testing.T) {
	f := newVragenFixture(t)
	groups := func(ctx context.Context) []string {
		got, err := f.svc.Overlap(ctx, f.id("W"), peil)
		if err != nil {
			t.Fatalf("Overlap: %v", err)
		}
		var out []string
		for _, o := range got {
			out = append(out, fmt.Sprintf("%s/%s/%s:%s", f.names([]kaart.Node{o.Gebied})[0], f.names([]kaart.Node{o.Thema})[0], o.Niveau, strings.Join(f.names(o.Functies), ",")))
		}
		return out
	}
	// F2 ended, so B1 has F1 and F5; the INTERN F12 only for the platform.
	wantNames(t, "partner overlap", groups(f.partner()), []string{"B1/T/FRONTLIJN:F5,F1", "W/T2/FRONTLIJN:F6,F7"})
	wantNames(t, "platform overlap", groups(f.platform()), []string{"W/T2/FRONTLIJN:F12,F6,F7", "B1/T/FRONTLIJN:F5,F1"})
	// A resident sees the overlap among public roles: F1 alone in B1 is none.
	wantNames(t, "anonymous overlap", groups(f.anoniem()), []string{"W/T2/FRONTLIJN:F6,F7"})
}

func TestEscalatie(t *testing.T) {
	f := newVragenFixture(t)
	stappen := func(list []kaart.EscalatieStap) []string {
		var out []string
		for _, s := range list {
			out = append(out, fmt.Sprintf("%d:%s>%s:%v", s.Volgorde, f.names([]kaart.Node{s.Van})[0], f.names([]kaart.Node{s.Naar})[0], s.PastBijThema))
		}
		return out
	}
	// From B1 the nearest role that escalates is the wijkregisseur F3; the
	// bestuurlijk line is for partners only.
	e, err := f.svc.Escalatie(f.anoniem(), f.id("B1"), f.id("T"))
	if err != nil {
		t.Fatalf("Escalatie: %v", err)
	}
	wantNames(t, "startpunten", f.names(e.Startpunten), []string{"F3"})
	wantNames(t, "anonymous ambtelijk", stappen(e.Ambtelijk), []string{"1:F3>F13:false", "2:F13>F14:false"})
	wantNames(t, "anonymous bestuurlijk", stappen(e.Bestuurlijk), nil)
	e, err = f.svc.Escalatie(f.partner(), f.id("B1"), f.id("T"))
	if err != nil {
		t.Fatalf("Escalatie: %v", err)
	}
	wantNames(t, "partner bestuurlijk", stappen(e.Bestuurlijk), []string{"1:F3>F10:true"})
	if !strings.Contains(e.Bestuurlijk[0].Uitleg, "Wethouder") {
		t.Errorf("uitleg = %q; want the role by name", e.Bestuurlijk[0].Uitleg)
	}
}

// TestVraagArgumenten: a question says when an argument names nothing. An
// id that does not exist, or names a record the viewer may not see, is
// NOT_FOUND with the argument named, alike on every question and alike for
// missing and hidden. A gebied may also be given by CBS code or exact name,
// a thema by exact name (in the gemeente of the gebied), case-insensitive;
// a name that fits more than one visible record is BAD_USER_INPUT naming
// the visible candidates only.
func TestVraagArgumenten(t *testing.T) {
	f := newVragenFixture(t)
	ontbreekt := f.gm + "-bestaat-niet"
	vragen := []struct {
		naam  string
		thema bool
		ask   func(ctx context.Context, gebied, thema string) error
	}{
		{"aanspreekpunt", true, func(ctx context.Context, g, th string) error {
			_, err := f.svc.Aanspreekpunt(ctx, kaart.AanspreekpuntVraag{Gebied: g, Thema: th, Peildatum: peil})
			return err
		}},
		{"waarvoorBijWie", false, func(ctx context.Context, g, _ string) error {
			_, err := f.svc.WaarvoorBijWie(ctx, g, peil)
			return err
		}},
		{"coalitieAnalyse", false, func(ctx context.Context, g, _ string) error {
			_, err := f.svc.CoalitieAnalyse(ctx, g, peil)
			return err
		}},
		{"wieBereikt", false, func(ctx context.Context, g, _ string) error {
			_, err := f.svc.WieBereikt(ctx, f.id("DG"), g)
			return err
		}},
		{"overlap", false, func(ctx context.Context, g, _ string) error {
			_, err := f.svc.Overlap(ctx, g, peil)
			return err
		}},
		{"escalatie", true, func(ctx context.Context, g, th string) error {
			_, err := f.svc.Escalatie(ctx, g, th)
			return err
		}},
		{"verouderd", false, func(ctx context.Context, g, _ string) error {
			_, err := f.svc.Verouderd(ctx, g, peil)
			return err
		}},
	}
	wantErr := func(what string, err error, code, field string) *kaart.Error {
		t.Helper()
		var e *kaart.Error
		if !errors.As(err, &e) || e.Code != code || e.Field != field {
			t.Errorf("%s = %v; want %s on %q", what, err, code, field)
			return &kaart.Error{}
		}
		return e
	}
	for _, v := range vragen {
		missing := wantErr(v.naam+"(missing gebied)", v.ask(f.anoniem(), ontbreekt, ""), kaart.ENOTFOUND, "gebied")
		hidden := wantErr(v.naam+"(INTERN gebied) as anonymous", v.ask(f.anoniem(), f.id("X4"), ""), kaart.ENOTFOUND, "gebied")
		if strings.ReplaceAll(hidden.Message, f.id("X4"), "ID") != strings.ReplaceAll(missing.Message, ontbreekt, "ID") {
			t.Errorf("%s: hidden %q, missing %q; want the same answer", v.naam, hidden.Message, missing.Message)
		}
		if err := v.ask(f.platform(), f.id("X4"), ""); err != nil {
			t.Errorf("%s(INTERN gebied) as platform = %v; want an answer", v.naam, err)
		}
		// A name several visible gebieden carry is ambiguous.
		amb := wantErr(v.naam+"(Tweeling)", v.ask(f.anoniem(), "TWEELING "+f.gm, ""), kaart.EINVALID, "gebied")
		wantNames(t, v.naam+": kandidaten", amb.Kandidaten, []string{f.id("X1"), f.id("X2")})
		if !v.thema {
			continue
		}
		wantErr(v.naam+"(missing thema)", v.ask(f.anoniem(), f.id("B1"), ontbreekt), kaart.ENOTFOUND, "thema")
		wantErr(v.naam+"(INTERN thema) as anonymous", v.ask(f.anoniem(), f.id("B1"), f.id("T5")), kaart.ENOTFOUND, "thema")
		wantErr(v.naam+"(INTERN thema by name) as anonymous", v.ask(f.anoniem(), f.id("B1"), "Zorg"), kaart.ENOTFOUND, "thema")
		if err := v.ask(f.platform(), f.id("B1"), "zorg"); err != nil {
			t.Errorf("%s(thema zorg) as platform = %v; want an answer", v.naam, err)
		}
	}
	// Only the visible one of two "Half" buurten counts for a resident;
	// the platform sees both, and the candidates.
	l, err := f.svc.WaarvoorBijWie(f.anoniem(), "half "+f.gm, peil)
	if err != nil || l.Gebied.ID() != f.id("X3") {
		t.Errorf("WaarvoorBijWie(half) as anonymous = %v, %v; want the loket of X3", l.Gebied.ID(), err)
	}
	_, err = f.svc.WaarvoorBijWie(f.platform(), "Half "+f.gm, peil)
	wantNames(t, "platform: kandidaten of Half", wantErr("WaarvoorBijWie(Half) as platform", err, kaart.EINVALID, "gebied").Kandidaten, []string{f.id("X3"), f.id("X4")})

	// By CBS code (any case) and by name, the answer is the one by id.
	for _, q := range []kaart.AanspreekpuntVraag{
		{Gebied: strings.ToLower(f.cbs), Thema: f.id("T")},
		{Gebied: f.cbs, Thema: "veiligheid"},
		{Gebied: f.id("B1"), Thema: " VEILIGHEID "},
	} {
		q.Peildatum = peil
		got, err := f.svc.Aanspreekpunt(f.anoniem(), q)
		if err != nil {
			t.Errorf("Aanspreekpunt(%q, %q): %v", q.Gebied, q.Thema, err)
			continue
		}
		wantNames(t, fmt.Sprintf("Aanspreekpunt(%q, %q)", q.Gebied, q.Thema), f.names(wieVan(got)), []string{"F1"})
	}

	// The ids of wieBereikt and route.
	_, err = f.svc.WieBereikt(f.anoniem(), ontbreekt, "")
	wantErr("WieBereikt(missing groep)", err, kaart.ENOTFOUND, "groep")
	_, err = f.svc.WieBereikt(f.anoniem(), f.id("T"), "")
	wantErr("WieBereikt(a thema as groep)", err, kaart.ENOTFOUND, "groep")
	_, err = f.svc.Route(f.anoniem(), ontbreekt, f.id("DG"), 4)
	wantErr("Route(missing van)", err, kaart.ENOTFOUND, "van")
	_, err = f.svc.Route(f.anoniem(), f.id("P2"), f.id("P3"), 4)
	wantErr("Route(hidden naar)", err, kaart.ENOTFOUND, "naar")
}

// TestVerwijsDbHits holds the lookup of a question's arguments to index
// seeks: by id, CBS code and name (the gebied's (sorteernaam, id) index,
// the thema's (gemeente, sorteernaam) index) it stays at a few db hits
// however many gebieden the database holds; a label scan would read every
// Gebied of every test gemeente. Measured: 6 to 12 hits. A name costs a
// few hits more per namesake the viewer may see (they are ordered by id),
// so these names are unique to the fixture.
func TestVerwijsDbHits(t *testing.T) {
	f := newVragenFixture(t)
	for _, a := range []neo4j.VraagArgs{
		{Gebied: "half " + f.gm, Thema: "veiligheid"},
		{Gebied: f.cbs, Thema: f.id("T")},
		{Gebied: f.id("B1"), Groep: f.id("DG")},
	} {
		hits, err := f.svc.Store.(*neo4j.Store).ProfileVerwijs(context.Background(), kaart.Viewer{}, a)
		if err != nil {
			t.Fatalf("ProfileVerwijs(%+v): %v", a, err)
		}
		if hits > 40 {
			t.Errorf("ProfileVerwijs(%q, %q, %q) = %d db hits; want at most 40", a.Gebied, a.Thema, a.Groep, hits)
		}
	}
}

func TestVerouderd(t *testing.T) {
	f := newVragenFixture(t)
	ouderDan := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	groups := func(ctx context.Context) []string {
		got, err := f.svc.Verouderd(ctx, f.id("W"), ouderDan)
		if err != nil {
			t.Fatalf("Verouderd: %v", err)
		}
		var out []string
		for _, g := range got {
			beheerder := "-"
			if g.Beheerder != nil {
				beheerder = f.names([]kaart.Node{*g.Beheerder})[0]
			}
			out = append(out, beheerder+":"+strings.Join(f.names(g.Records), ","))
		}
		return out
	}
	// Oldest first within a steward; the INTERN person P1 only for the platform.
	wantNames(t, "platform", groups(f.platform()), []string{"P:P1,C2", "Z:F7,F6"})
	wantNames(t, "partner", groups(f.partner()), []string{"Z:F7,F6", "P:C2"})
	// laatstBevestigd is on every public card: a resident gets the stale
	// public records, never the INTERN P1.
	wantNames(t, "anonymous", groups(f.anoniem()), []string{"Z:F7,F6", "P:C2"})
}
