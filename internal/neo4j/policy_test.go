package neo4j_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
	"github.com/socialekaart/socialekaart/search"
)

// The access policy of issue 5 as a matrix: every role × every record type
// of the registry × read, create, update and delete, plus nested fields,
// counts, error messages and the search index. The expectations come from
// want, a plain restatement of the policy over what the fixture knows about
// each record; the store and the index must agree with it.

// Where a policy record sits: its steward and the wijk it serves.
type side struct {
	name      string
	steward   func(w *policyWorld) string
	gebied    func(w *policyWorld) string // what it serves (BEDIENT), or where a gebied hangs
	inWijkA   bool                        // in regisseur A's werkgebied when it serves a gebied
	inWijkB   bool
	stewardIn []string // the partner roles whose tree holds the steward
}

var sides = []side{
	{name: "P1·buurtA", steward: func(w *policyWorld) string { return w.orgP1 }, gebied: func(w *policyWorld) string { return w.buurtA },
		inWijkA: true, stewardIn: []string{"partner eigen org", "partner sub-org"}},
	{name: "P·wijkB", steward: func(w *policyWorld) string { return w.orgP }, gebied: func(w *policyWorld) string { return w.wijkB },
		inWijkB: true, stewardIn: []string{"partner eigen org"}},
	{name: "Q·wijkB", steward: func(w *policyWorld) string { return w.orgQ }, gebied: func(w *policyWorld) string { return w.wijkB },
		inWijkB: true, stewardIn: []string{"andere partner"}},
}

// polRec is one record of the fixture with the facts the policy looks at.
type polRec struct {
	id, typ, naam string
	side          string
	zicht         kaart.Zichtbaarheid
	stewardIn     []string // partner roles that steward it (or are it)
	inA, inB      bool     // lies in wijk A's / wijk B's werkgebied
	unplaced      bool     // could serve a gebied but serves none
	regional      bool     // an organisation serving gebieden in A and B
	other         bool     // home gemeente is not the test's gemeente
	servedVia     string   // the gebied it serves through a link with its own zichtbaarheid
}

type policyWorld struct {
	store                      *neo4j.Store
	svc                        *kaart.Service
	gm, gm2                    string
	wijkA, buurtA, wijkB       string
	orgP, orgP1, orgQ, orgGm2  string
	orgS                       string
	recs                       []polRec
	viewers                    []polViewer
	placeable                  map[string]bool
	gemeenteLevelRegisseurRole string
}

type polViewer struct {
	name string
	v    kaart.Viewer
}

func platform() context.Context { return kaart.WithViewer(context.Background(), neo4jtest.Platform) }

// inputFor is a valid create input for t, built from the registry.
func inputFor(t *kaart.RecordType, naam, gm, owner string) kaart.Input {
	in := kaart.Input{}
	for _, f := range t.Fields {
		if !f.Required {
			continue
		}
		switch f.Kind {
		case kaart.TextField:
			in[f.Name] = "x"
		case kaart.EnumField:
			in[f.Name] = f.Values[0]
		case kaart.NiveauField:
			in[f.Name] = "FRONTLIJN"
		case kaart.IDField:
			in[f.Name] = gm
		}
	}
	in[t.NameField] = naam
	switch t {
	case kaart.ContactgegevenType:
		in["soort"] = "EMAIL"
		in["waarde"] = strings.ToLower(strings.NewReplacer(" ", "-", "·", "-").Replace(naam)) + "@example.org"
	case kaart.GebiedType:
		in["soort"] = "BUURT"
	}
	if t.Owner != nil && (t.Owner.Required || t == kaart.GebiedType) {
		in[t.Owner.Field] = owner
	}
	return in
}

func (w *policyWorld) create(t *testing.T, typ string, in kaart.Input) string {
	t.Helper()
	n, err := w.svc.Create(platform(), typ, in)
	if err != nil {
		t.Fatalf("Create(%s, %v): %v", typ, in, err)
	}
	return n.ID()
}

func (w *policyWorld) link(t *testing.T, soort, van, naar string, z kaart.Zichtbaarheid) {
	t.Helper()
	if _, err := w.svc.Link(platform(), soort, van, naar, kaart.Input{"zichtbaarheid": string(z)}); err != nil {
		t.Fatalf("Link(%s, %s, %s): %v", soort, van, naar, err)
	}
}

func typeNames() []string {
	var out []string
	for name := range kaart.RecordTypes {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// newPolicyWorld builds one gemeente with two wijken (A with a buurt, B),
// organisation P with sub-organisation P1, organisation Q, and for every
// record type, side and zichtbaarheid one record.
func newPolicyWorld(t *testing.T) *policyWorld {
	t.Helper()
	s := neo4jtest.Open(t)
	w := &policyWorld{store: s, svc: &kaart.Service{Store: s}, placeable: map[string]bool{}}
	for _, name := range kaart.PlaatsbareTypes() {
		w.placeable[name] = true
	}
	w.gm = neo4jtest.Gemeente(t, s)
	w.gm2 = neo4jtest.Gemeente(t, s)
	gebied := func(naam, soort, ouder string) string {
		return w.create(t, "Gebied", kaart.Input{"naam": naam, "soort": soort, "ouder": ouder})
	}
	w.wijkA = gebied("Polisproef wijk A", "WIJK", w.gm)
	w.buurtA = gebied("Polisproef buurt A1", "BUURT", w.wijkA)
	w.wijkB = gebied("Polisproef wijk B", "WIJK", w.gm)
	org := func(naam string, extra kaart.Input) string {
		in := kaart.Input{"naam": naam, "sector": "WELZIJN", "gemeente": w.gm}
		for k, v := range extra {
			in[k] = v
		}
		return w.create(t, "Organisatie", in)
	}
	w.orgP = org("Polisproef organisatie P", nil)
	w.orgP1 = org("Polisproef organisatie P1", kaart.Input{"onderdeelVan": w.orgP})
	w.orgQ = org("Polisproef organisatie Q", nil)
	w.orgGm2 = w.create(t, "Organisatie", kaart.Input{"naam": "Polisproef elders", "sector": "WELZIJN", "gemeente": w.gm2})
	w.recs = []polRec{
		{id: w.gm, typ: "Gebied", naam: "gemeente", side: "gemeente zelf", zicht: kaart.Openbaar},
		{id: w.wijkA, typ: "Gebied", naam: "Polisproef wijk A", side: "wijk A, buurt A1", zicht: kaart.Openbaar, inA: true},
		{id: w.buurtA, typ: "Gebied", naam: "Polisproef buurt A1", side: "wijk A, buurt A1", zicht: kaart.Openbaar, inA: true},
		{id: w.wijkB, typ: "Gebied", naam: "Polisproef wijk B", side: "wijk B", zicht: kaart.Openbaar, inB: true},
		{id: w.orgP, typ: "Organisatie", naam: "Polisproef organisatie P", side: "org P (geen gebied)", zicht: kaart.Openbaar, stewardIn: []string{"partner eigen org"}},
		{id: w.orgP1, typ: "Organisatie", naam: "Polisproef organisatie P1", side: "org P1 (geen gebied)", zicht: kaart.Openbaar, stewardIn: []string{"partner eigen org", "partner sub-org"}},
		{id: w.orgQ, typ: "Organisatie", naam: "Polisproef organisatie Q", side: "org Q (geen gebied)", zicht: kaart.Openbaar, stewardIn: []string{"andere partner"}},
		{id: w.orgGm2, typ: "Organisatie", naam: "Polisproef elders", side: "org andere gemeente", zicht: kaart.Openbaar, other: true},
	}
	// An INTERN organisation that Q stewards: partner S, bound to it, sees
	// and changes the record itself, not what Q keeps around it.
	w.orgS = org("Polisproef organisatie S", kaart.Input{"zichtbaarheid": "INTERN", "beheerder": w.orgQ})
	w.recs = append(w.recs, polRec{id: w.orgS, typ: "Organisatie", naam: "Polisproef organisatie S", side: "org S (beheerd door Q)", zicht: kaart.Intern,
		stewardIn: []string{"andere partner", "partner S"}})
	// Records that could serve a gebied but serve none yet: a regisseur of
	// the gemeente may place the ones it can see.
	for _, z := range []kaart.Zichtbaarheid{kaart.Openbaar, kaart.Intern} {
		naam := "Polisproef netwerk zonder gebied " + string(z)
		id := w.create(t, "Netwerk", kaart.Input{"naam": naam, "soort": kaart.NetwerkSoorten[0], "gemeente": w.gm, "zichtbaarheid": string(z)})
		w.recs = append(w.recs, polRec{id: id, typ: "Netwerk", naam: naam, side: "netwerk (geen gebied)", zicht: z, unplaced: true})
	}
	// A regional organisation: INTERN, stewarded by Q, serving both wijken.
	regional := org("Polisproef regionaal INTERN", kaart.Input{"zichtbaarheid": "INTERN", "beheerder": w.orgQ})
	w.link(t, "BEDIENT", regional, w.buurtA, kaart.Openbaar)
	w.link(t, "BEDIENT", regional, w.wijkB, kaart.Openbaar)
	w.recs = append(w.recs, polRec{id: regional, typ: "Organisatie", naam: "Polisproef regionaal INTERN", side: "regionale org Q (A+B)", zicht: kaart.Intern,
		stewardIn: []string{"andere partner"}, inA: true, inB: true, regional: true})
	// What belongs to the INTERN organisation S, asked OPENBAAR: nothing is
	// more visible than what it belongs to, so every one of them is INTERN,
	// kept by Q. Partner S reaches the sub-organisation, which is in its tree.
	for _, typ := range typeNames() {
		rt := kaart.RecordTypes[typ]
		if rt.Owner == nil || !slices.Contains(rt.Owner.Types, "Organisatie") {
			continue
		}
		naam := "Polisproef " + typ + " onder S"
		in := inputFor(rt, naam, w.gm, w.orgS)
		in[rt.Owner.Field] = w.orgS
		in["zichtbaarheid"] = string(kaart.Openbaar)
		in["beheerder"] = w.orgQ
		stewardIn := []string{"andere partner"}
		if rt == kaart.OrganisatieType {
			stewardIn = append(stewardIn, "partner S")
		}
		w.recs = append(w.recs, polRec{id: w.create(t, typ, in), typ: typ, naam: naam, side: "onder org S (INTERN)", zicht: kaart.Intern,
			stewardIn: stewardIn, unplaced: w.placeable[typ]})
	}

	for _, typ := range typeNames() {
		rt := kaart.RecordTypes[typ]
		for _, sd := range sides {
			for _, z := range kaart.Zichtbaarheden {
				naam := fmt.Sprintf("Polisproef %s %s %s", typ, sd.name, z)
				owner := sd.steward(w)
				if rt == kaart.GebiedType {
					owner = sd.gebied(w)
					if owner == w.buurtA {
						owner = w.wijkA
					}
				}
				in := inputFor(rt, naam, w.gm, owner)
				in["zichtbaarheid"] = z
				in["beheerder"] = sd.steward(w)
				id := w.create(t, typ, in)
				r := polRec{id: id, typ: typ, naam: naam, side: sd.name, zicht: kaart.Zichtbaarheid(z), stewardIn: sd.stewardIn}
				switch {
				case rt == kaart.GebiedType:
					// A buurt under wijk A, or under wijk B.
					r.inA, r.inB = sd.inWijkA, sd.inWijkB
				case kaart.RelationTypes["BEDIENT"].Allows(typ, "Gebied"):
					w.link(t, "BEDIENT", id, sd.gebied(w), r.zicht)
					r.inA, r.inB = sd.inWijkA, sd.inWijkB
					r.servedVia = sd.gebied(w)
				}
				w.recs = append(w.recs, r)
			}
		}
	}

	resolve := func(v kaart.Viewer) kaart.Viewer {
		v.SleutelID = "t"
		out, err := s.ResolveViewer(context.Background(), v)
		if err != nil {
			t.Fatalf("ResolveViewer(%+v): %v", v, err)
		}
		return out
	}
	w.viewers = []polViewer{
		{"anoniem", kaart.Viewer{}},
		{"partner eigen org", resolve(kaart.Viewer{Rol: kaart.Partner, Organisatie: w.orgP})},
		{"partner sub-org", resolve(kaart.Viewer{Rol: kaart.Partner, Organisatie: w.orgP1})},
		{"andere partner", resolve(kaart.Viewer{Rol: kaart.Partner, Organisatie: w.orgQ})},
		{"partner S", resolve(kaart.Viewer{Rol: kaart.Partner, Organisatie: w.orgS})},
		{"regisseur wijk A", resolve(kaart.Viewer{Rol: kaart.Regisseur, Gemeente: w.gm, Gebieden: []string{w.wijkA}})},
		{"regisseur wijk B", resolve(kaart.Viewer{Rol: kaart.Regisseur, Gemeente: w.gm, Gebieden: []string{w.wijkB}})},
		{"beheerder gemeente", kaart.Viewer{Rol: kaart.Beheerder, Gemeente: w.gm, SleutelID: "t"}},
		{"beheerder andere gemeente", kaart.Viewer{Rol: kaart.Beheerder, Gemeente: w.gm2, SleutelID: "t"}},
		{"platform", kaart.Viewer{Rol: kaart.Beheerder, SleutelID: "t"}},
		// Deny by default: a role the policy does not know reads as an
		// anonymous resident and changes nothing, whatever it is bound to.
		{"onbekende rol", kaart.Viewer{Rol: "GAST", Organisatie: w.orgP, Gemeente: w.gm, Gebieden: []string{w.wijkA}, SleutelID: "t"}},
	}
	return w
}

// want is the policy, restated over the fixture's facts.
func want(role string, r polRec) (read, write bool) {
	stewards := func() bool {
		for _, s := range r.stewardIn {
			if s == role {
				return true
			}
		}
		return false
	}
	in := map[string]bool{"regisseur wijk A": r.inA, "regisseur wijk B": r.inB}
	switch role {
	case "anoniem", "onbekende rol":
		return r.zicht == kaart.Openbaar, false
	case "partner eigen org", "partner sub-org", "andere partner", "partner S":
		return r.zicht != kaart.Intern || stewards(), stewards()
	case "regisseur wijk A", "regisseur wijk B":
		read = r.zicht != kaart.Intern || in[role]
		write = !r.other && (in[role] && !r.regional || r.unplaced)
		return read, read && write
	case "beheerder gemeente":
		return true, !r.other
	case "beheerder andere gemeente":
		return r.zicht != kaart.Intern || r.other, r.other
	case "platform":
		return true, true
	}
	return false, false
}

// wantCreate says whether role may add a record of type typ.
func wantCreate(role, typ string, placeable bool) bool {
	switch role {
	case "partner eigen org", "partner sub-org":
		// A new organisation beside its own is the gemeente's to add
		// (only a part of its own, with onderdeelVan).
		return typ != "Gebied" && typ != "Organisatie"
	case "andere partner", "partner S":
		// New records hang at organisation P1, which is not theirs: a
		// functie, aanbod or contactgegeven there is P1's to add.
		return typ != "Gebied" && typ != "Organisatie" && typ != "Functie" && typ != "Aanbod" && typ != "Contactgegeven"
	case "regisseur wijk A", "regisseur wijk B":
		return typ == "Gebied" || placeable
	case "beheerder gemeente", "platform":
		return true
	}
	return false
}

func codeOf(err error) string {
	if err == nil {
		return "OK"
	}
	return kaart.ErrorCode(err)
}

// outcome of an update or delete sent with a stale versie: CONFLICT means
// the policy let it through to the versie check.
func outcome(read, write bool) string {
	switch {
	case !read:
		return kaart.ENOTFOUND
	case !write:
		return kaart.EFORBIDDEN
	}
	return kaart.ECONFLICT
}

// matrix collects what each role may do, per record group (side and
// zichtbaarheid), for the table the test prints.
type matrix map[string]map[string]map[string]*cell // role → op → group

type cell struct{ allowed, denied []string }

func (m matrix) note(role, op, group, typ string, allowed bool) {
	if m[role] == nil {
		m[role] = map[string]map[string]*cell{}
	}
	if m[role][op] == nil {
		m[role][op] = map[string]*cell{}
	}
	c := m[role][op][group]
	if c == nil {
		c = &cell{}
		m[role][op][group] = c
	}
	if allowed {
		c.allowed = append(c.allowed, typ)
	} else {
		c.denied = append(c.denied, typ)
	}
}

func TestPolicyMatrix(t *testing.T) {
	t.Parallel()
	w := newPolicyWorld(t)
	ctx := context.Background()
	m := matrix{}
	var ids []string
	for _, r := range w.recs {
		ids = append(ids, r.id)
	}
	for _, pv := range w.viewers {
		vctx := kaart.WithViewer(ctx, pv.v)
		t.Run(pv.name, func(t *testing.T) {
			got, err := w.svc.Get(vctx, nil, ids)
			if err != nil {
				t.Fatal(err)
			}
			counts := map[string]int{}
			for _, r := range w.recs {
				read, write := want(pv.name, r)
				group := r.side + "\x00" + string(r.zicht)
				if _, ok := got[r.id]; ok != read {
					t.Errorf("read %s %q: visible=%v, want %v", r.typ, r.naam, ok, read)
				}
				m.note(pv.name, "lezen", group, r.typ, read)
				if read && !r.other {
					counts[r.typ]++
				}
				wantCode := outcome(read, write)
				if !pv.v.Authenticated() {
					wantCode = kaart.EUNAUTHENTICATED
				}
				_, err := w.svc.Update(vctx, r.typ, r.id, 999, kaart.Input{"bron": "policy test"})
				checkDenial(t, "update", r, err, wantCode)
				m.note(pv.name, "wijzigen", group, r.typ, codeOf(err) == kaart.ECONFLICT)
				err = w.svc.Delete(vctx, r.typ, r.id, 999)
				checkDenial(t, "delete", r, err, wantCode)
				m.note(pv.name, "verwijderen", group, r.typ, codeOf(err) == kaart.ECONFLICT)
			}
			// Counts hold exactly the visible records of the gemeente.
			for _, typ := range typeNames() {
				n, err := w.svc.Count(vctx, typ, kaart.ListFilter{Gemeente: w.gm})
				if err != nil {
					t.Fatalf("Count(%s): %v", typ, err)
				}
				if n != counts[typ] {
					t.Errorf("Count(%s) = %d, want %d", typ, n, counts[typ])
				}
			}
			// Nested fields: who serves wijk B and buurt A. A link counts
			// only when it and both its ends are visible.
			nb, err := w.svc.Neighbours(vctx, kaart.NeighbourQuery{Relation: "BEDIENT", From: []string{w.buurtA, w.wijkB}})
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range []string{w.buurtA, w.wijkB} {
				seen := map[string]bool{}
				for _, n := range nb[g] {
					seen[n.Node.ID()] = true
				}
				for _, r := range w.recs {
					if r.servedVia != g {
						continue
					}
					read, _ := want(pv.name, r)
					// The link has the record's zichtbaarheid, steward and gemeente.
					link, _ := want(pv.name, polRec{zicht: r.zicht, stewardIn: r.stewardIn})
					if seen[r.id] != (read && link) {
						t.Errorf("neighbours of %s: %q present=%v, want %v", g, r.naam, seen[r.id], read && link)
					}
				}
			}
		})
	}
	// Creates last: they add records the counts above do not expect.
	for _, pv := range w.viewers {
		vctx := kaart.WithViewer(ctx, pv.v)
		for _, typ := range typeNames() {
			rt := kaart.RecordTypes[typ]
			owner := w.orgP1
			if rt == kaart.GebiedType {
				owner = w.wijkA
				if pv.name == "regisseur wijk B" {
					owner = w.wijkB
				}
			}
			in := inputFor(rt, "Polisproef nieuw "+typ, w.gm, owner)
			_, err := w.svc.Create(vctx, typ, in)
			wantCode := kaart.EFORBIDDEN
			if wantCreate(pv.name, typ, w.placeable[typ]) {
				wantCode = "OK"
			}
			if !pv.v.Authenticated() {
				wantCode = kaart.EUNAUTHENTICATED
			}
			if codeOf(err) != wantCode {
				t.Errorf("%s: Create(%s) = %v, want %s", pv.name, typ, err, wantCode)
			}
			m.note(pv.name, "aanmaken", "nieuw in de gemeente", typ, err == nil)
		}
	}
	table := m.table(w.viewers) + w.beyond(t)
	t.Log("\n" + table)
	// The matrix is kept in testdata for the issue note; a change to the
	// policy shows up as a change to that file. Rewrite it with
	// SOCIALEKAART_UPDATE_POLICY=1.
	golden := filepath.Join("testdata", "policy_matrix.md")
	if os.Getenv("SOCIALEKAART_UPDATE_POLICY") != "" {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(policyMatrixHeader+table), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read %s (write it with SOCIALEKAART_UPDATE_POLICY=1): %v", golden, err)
	}
	if string(b) != policyMatrixHeader+table {
		t.Errorf("the policy matrix differs from %s; if the change is meant, rewrite it with SOCIALEKAART_UPDATE_POLICY=1", golden)
	}
}

const policyMatrixHeader = `# Who may do what (TestPolicyMatrix)

Rows are roles, columns operations. A cell lists the record groups of the
test's gemeente (steward · gebied served, or the base records) and the
zichtbaarheden (O = OPENBAAR, P = PARTNERS, I = INTERN) for which the
operation is allowed, for every record type of the registry unless "niet"
names the types left out. Partner P has sub-organisation P1; regisseur A
is bound to wijk A (with buurt A1), regisseur B to wijk B. Create adds an
OPENBAAR record of every type in the gemeente.

`

// checkDenial checks the code of a refused change, and that a record the
// viewer may not see is not named or described by the error.
func checkDenial(t *testing.T, op string, r polRec, err error, wantCode string) {
	t.Helper()
	if got := codeOf(err); got != wantCode {
		t.Errorf("%s %s %q = %v (%s), want %s", op, r.typ, r.naam, err, got, wantCode)
	}
	if wantCode == kaart.ENOTFOUND && err != nil && strings.Contains(err.Error(), "Polisproef") {
		t.Errorf("%s of a hidden record names it: %v", op, err)
	}
	if wantCode == kaart.ENOTFOUND && err != nil && strings.Contains(err.Error(), "wijzigen") {
		t.Errorf("%s of a hidden record tells it exists: %v", op, err)
	}
}

// A link from a record the viewer may not see gets the same answer as a
// link from a record that does not exist.
func TestPolicyHiddenLinkAnswersLikeMissing(t *testing.T) {
	t.Parallel()
	w := newPolicyWorld(t)
	var hidden polRec
	for _, r := range w.recs {
		if r.typ == "Organisatie" && r.side == "Q·wijkB" && r.zicht == kaart.Intern {
			hidden = r
		}
	}
	partner := kaart.WithViewer(context.Background(), w.viewers[1].v)
	_, errHidden := w.svc.Link(partner, "BEDIENT", hidden.id, w.wijkA, kaart.Input{})
	_, errMissing := w.svc.Link(partner, "BEDIENT", "org-bestaatniet", w.wijkA, kaart.Input{})
	if errHidden == nil || errMissing == nil {
		t.Fatalf("Link from hidden = %v, from missing = %v; want both refused", errHidden, errMissing)
	}
	a := strings.ReplaceAll(errHidden.Error(), hidden.id, "ID")
	b := strings.ReplaceAll(errMissing.Error(), "org-bestaatniet", "ID")
	if a != b || kaart.ErrorCode(errHidden) != kaart.ErrorCode(errMissing) {
		t.Errorf("Link from a hidden record = %q (%s); from a missing one = %q (%s); want the same", a, kaart.ErrorCode(errHidden), b, kaart.ErrorCode(errMissing))
	}
}

// The store and the search index give the same answer: for every viewer of
// the matrix, the cards it may read are exactly the cards it can find.
func TestPolicyStoreAndSearchAgree(t *testing.T) {
	t.Parallel()
	w := newPolicyWorld(t)
	ctx := context.Background()
	idx, err := search.Open(ctx, slog.New(slog.DiscardHandler), t.TempDir(), w.store, search.Options{Gemeenten: []string{w.gm}})
	if err != nil {
		t.Fatalf("search.Open: %v", err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	if err := idx.Bijwerken(ctx); err != nil {
		t.Fatalf("Bijwerken: %v", err)
	}
	var ids []string
	for _, r := range w.recs {
		ids = append(ids, r.id)
	}
	for _, pv := range w.viewers {
		t.Run(pv.name, func(t *testing.T) {
			nodes, err := w.store.Get(ctx, pv.v, kaart.CardTypes, ids)
			if err != nil {
				t.Fatal(err)
			}
			var inStore []string
			for id, n := range nodes {
				if n.Props["gemeente"] == w.gm {
					inStore = append(inStore, id)
				}
			}
			var found []string
			after := ""
			for {
				res, err := idx.Zoek(ctx, pv.v, kaart.ZoekVraag{Tekst: "polisproef", First: kaart.MaxPageSize, After: after})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range res.Treffers {
					found = append(found, h.ID)
				}
				if !res.HasNextPage || len(res.Treffers) == 0 {
					break
				}
				after = res.Treffers[len(res.Treffers)-1].Cursor
			}
			if len(inStore) == 0 {
				t.Fatal("the store shows this viewer no card at all")
			}
			t.Logf("%d cards", len(inStore))
			sort.Strings(inStore)
			sort.Strings(found)
			if strings.Join(inStore, " ") != strings.Join(found, " ") {
				t.Errorf("store sees %d cards, search finds %d\nonly in store: %v\nonly in search: %v",
					len(inStore), len(found), w.names(minus(inStore, found)), w.names(minus(found, inStore)))
			}
		})
	}
}

func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	return out
}

func (w *policyWorld) names(ids []string) []string {
	byID := map[string]string{}
	for _, r := range w.recs {
		byID[r.id] = r.naam
	}
	var out []string
	for _, id := range ids {
		out = append(out, byID[id])
	}
	return out
}

// table renders the matrix: per role and operation, per record group the
// zichtbaarheden (O, P, I) for which the operation is allowed, with the
// types left out where it is allowed for some types only.
func (m matrix) table(viewers []polViewer) string {
	ops := []string{"lezen", "aanmaken", "wijzigen", "verwijderen"}
	abbr := map[string]string{"OPENBAAR": "O", "PARTNERS": "P", "INTERN": "I"}
	var b strings.Builder
	b.WriteString("| rol | " + strings.Join(ops, " | ") + " |\n|---|---|---|---|---|\n")
	for _, pv := range viewers {
		cells := []string{pv.name}
		for _, op := range ops {
			type token struct{ z, niet string }
			bySide := map[string][]token{}
			var sideNames []string
			for g, c := range m[pv.name][op] {
				sd, z, _ := strings.Cut(g, "\x00")
				if _, ok := bySide[sd]; !ok {
					sideNames = append(sideNames, sd)
					bySide[sd] = nil
				}
				if len(c.allowed) == 0 {
					continue
				}
				tk := token{z: abbr[z]}
				if len(c.denied) > 0 {
					tk.niet = "(niet " + strings.Join(dedupe(c.denied), ", ") + ")"
				}
				bySide[sd] = append(bySide[sd], tk)
			}
			sort.Strings(sideNames)
			var parts []string
			for _, sd := range sideNames {
				tks := bySide[sd]
				if len(tks) == 0 {
					continue
				}
				sort.Slice(tks, func(i, j int) bool { return strings.Index("OPI", tks[i].z) < strings.Index("OPI", tks[j].z) })
				// Zichtbaarheden with the same exceptions go together:
				// "O/P, I (niet Persoon)".
				var groups []string
				byNiet := map[string][]string{}
				for _, tk := range tks {
					if _, ok := byNiet[tk.niet]; !ok {
						groups = append(groups, tk.niet)
					}
					byNiet[tk.niet] = append(byNiet[tk.niet], tk.z)
				}
				var zs []string
				for _, niet := range groups {
					zs = append(zs, strings.TrimSpace(strings.Join(byNiet[niet], "/")+" "+niet))
				}
				part := sd + " " + strings.Join(zs, ", ")
				parts = append(parts, strings.Join(strings.Fields(part), " "))
			}
			if len(parts) == 0 {
				parts = []string{"—"}
			}
			cells = append(cells, strings.Join(parts, "; "))
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	return b.String()
}

func dedupe(s []string) []string {
	sort.Strings(s)
	var out []string
	for i, x := range s {
		if i == 0 || s[i-1] != x {
			out = append(out, x)
		}
	}
	return out
}

// beyondColumns are the cells of "who may write where" (issue 19): what a
// role may do beyond its own organisation and gemeente.
var beyondColumns = []string{"aanmaken in andere gemeente", "koppelen in eigen gemeente", "koppelen aan andere gemeente", "persoon voor andere organisatie"}

// wantBeyond restates the rule: records and links in another gemeente only
// by the platform (who may change both sides); a link within the gemeente
// by whoever may change its start; a person for another organisation (its
// steward, or a functie it holds there) not by a partner or a regisseur.
func wantBeyond(role string) map[string]string {
	all := func(code string) map[string]string {
		out := map[string]string{}
		for _, c := range beyondColumns {
			out[c] = code
		}
		return out
	}
	switch role {
	case "anoniem":
		return all(kaart.EUNAUTHENTICATED)
	case "platform":
		return all("OK")
	case "onbekende rol":
		return all(kaart.EFORBIDDEN)
	}
	out := all(kaart.EFORBIDDEN)
	out["koppelen in eigen gemeente"] = "OK"
	if role == "beheerder gemeente" || role == "beheerder andere gemeente" {
		out["persoon voor andere organisatie"] = "OK"
	}
	return out
}

// beyond tries, for every role, the cells of beyondColumns from its own
// gemeente (the test's, or gm2 for the beheerder of gm2) and its own
// organisation, and renders them as a table.
func (w *policyWorld) beyond(t *testing.T) string {
	t.Helper()
	coalitie := map[string]string{
		w.gm:  w.create(t, "Coalitie", kaart.Input{"gemeente": w.gm, "naam": "Polisproef coalitie hier", "soort": "VAST"}),
		w.gm2: w.create(t, "Coalitie", kaart.Input{"gemeente": w.gm2, "naam": "Polisproef coalitie elders", "soort": "VAST"}),
	}
	own := map[string]string{"partner eigen org": w.orgP, "partner sub-org": w.orgP1, "andere partner": w.orgQ, "partner S": w.orgS}
	var b strings.Builder
	b.WriteString("\nBeyond its own organisation and gemeente (issue 19), from the role's own gemeente\n" +
		"(gm2 for the beheerder of gm2), as its own organisation:\n\n")
	b.WriteString("| rol | " + strings.Join(beyondColumns, " | ") + " |\n|---|---|---|---|---|\n")
	for _, pv := range w.viewers {
		vctx := kaart.WithViewer(context.Background(), pv.v)
		home, other := w.gm, w.gm2
		if pv.name == "beheerder andere gemeente" {
			home, other = w.gm2, w.gm
		}
		steward := own[pv.name]
		if steward == "" {
			steward = w.orgP
		}
		elders := w.orgQ // another organisation than its own
		if steward == w.orgQ || steward == w.orgS {
			elders = w.orgP
		}
		got := map[string]string{}
		both := func(col string, a, b error) {
			if codeOf(a) == codeOf(b) {
				got[col] = codeOf(a)
			} else {
				got[col] = codeOf(a) + " / " + codeOf(b)
			}
		}
		// A record in the other gemeente: a netwerk, and a part of its
		// own organisation (a partner adds no organisation of its own).
		_, errN := w.svc.Create(vctx, "Netwerk", kaart.Input{"gemeente": other, "naam": "Polisproef netwerk elders", "soort": kaart.NetwerkSoorten[0]})
		org := kaart.Input{"gemeente": other, "naam": "Polisproef organisatie elders", "sector": "WELZIJN"}
		if pv.v.Rol == kaart.Partner {
			org["onderdeelVan"] = steward
		}
		_, errO := w.svc.Create(vctx, "Organisatie", org)
		both("aanmaken in andere gemeente", errN, errO)
		// Links from a netwerk it keeps at home.
		start := kaart.Input{"gemeente": home, "naam": "Polisproef netwerk van " + pv.name, "soort": kaart.NetwerkSoorten[0]}
		if own[pv.name] != "" {
			start["beheerder"] = steward
		}
		netwerk := w.create(t, "Netwerk", start)
		_, err := w.svc.Link(vctx, "LID_VAN", netwerk, coalitie[home], kaart.Input{"niveau": "FRONTLIJN"})
		got["koppelen in eigen gemeente"] = codeOf(err)
		_, errG := w.svc.Link(vctx, "BEDIENT", netwerk, other, kaart.Input{})
		_, errC := w.svc.Link(vctx, "LID_VAN", netwerk, coalitie[other], kaart.Input{"niveau": "FRONTLIJN"})
		both("koppelen aan andere gemeente", errG, errC)
		// A person stewarded by another organisation, and its own person
		// in a functie of another organisation.
		_, errP := w.svc.Create(vctx, "Persoon", kaart.Input{"gemeente": home, "naam": "Polisproef persoon van elders", "grondslag": "PUBLIEKE_TAAK", "beheerder": elders})
		persoon := w.create(t, "Persoon", kaart.Input{"gemeente": home, "naam": "Polisproef persoon van " + pv.name, "grondslag": "PUBLIEKE_TAAK",
			"zichtbaarheid": "OPENBAAR", "beheerder": steward})
		functie := w.create(t, "Functie", kaart.Input{"gemeente": home, "titel": "Polisproef functie elders", "rol": kaart.Rollen[0], "niveau": "FRONTLIJN",
			"organisatie": elders, "beheerder": elders})
		_, errB := w.svc.Link(vctx, "BEKLEEDT", persoon, functie, kaart.Input{})
		both("persoon voor andere organisatie", errP, errB)

		cells := []string{pv.name}
		wantCells := wantBeyond(pv.name)
		for _, col := range beyondColumns {
			if got[col] != wantCells[col] {
				t.Errorf("%s: %s = %s, want %s", pv.name, col, got[col], wantCells[col])
			}
			cells = append(cells, got[col])
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	return b.String()
}
