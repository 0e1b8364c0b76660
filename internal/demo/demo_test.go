package demo_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/demo"
	"github.com/socialekaart/socialekaart/internal/kaart"
)

// index gives the tests quick access to one document.
type index struct {
	doc   *kaart.Export
	byID  map[string]kaart.ExportRecord
	links map[string][]kaart.ExportKoppeling // by type
}

func newIndex(t *testing.T) *index {
	t.Helper()
	doc := demo.Utrecht()
	ix := &index{doc: doc, byID: map[string]kaart.ExportRecord{}, links: map[string][]kaart.ExportKoppeling{}}
	for _, r := range doc.Records {
		ix.byID[str(r, "id")] = r
	}
	for _, k := range doc.Koppelingen {
		ix.links[k.Type] = append(ix.links[k.Type], k)
	}
	return ix
}

func str(r kaart.ExportRecord, key string) string {
	s, _ := r.Eigenschappen[key].(string)
	return s
}

func (ix *index) ofType(typ string) []kaart.ExportRecord {
	var out []kaart.ExportRecord
	for _, r := range ix.doc.Records {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

func (ix *index) gebieden(soort string) []kaart.ExportRecord {
	var out []kaart.ExportRecord
	for _, r := range ix.ofType("Gebied") {
		if str(r, "soort") == soort {
			out = append(out, r)
		}
	}
	return out
}

func TestUtrechtPassesCheckExport(t *testing.T) {
	if err := kaart.CheckExport(demo.Utrecht()); err != nil {
		t.Fatalf("CheckExport(Utrecht()) = %v; want nil", err)
	}
}

func TestUtrechtIsDeterministic(t *testing.T) {
	a, err := json.Marshal(demo.Utrecht())
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(demo.Utrecht())
	if err != nil {
		t.Fatal(err)
	}
	if string(a) != string(b) {
		t.Fatal("two calls of Utrecht() give different JSON")
	}
}

func TestCounts(t *testing.T) {
	ix := newIndex(t)
	for _, c := range []struct {
		what     string
		got, min int
		exact    bool
	}{
		{"gemeenten", len(ix.gebieden("GEMEENTE")), 1, true},
		{"wijken", len(ix.gebieden("WIJK")), 10, true},
		{"buurten", len(ix.gebieden("BUURT")), 40, false},
		{"dienstgebieden", len(ix.gebieden("DIENSTGEBIED")), 2, false},
		{"organisaties", len(ix.ofType("Organisatie")), 60, false},
		{"personen", len(ix.ofType("Persoon")), 150, false},
		{"coalities", len(ix.ofType("Coalitie")), 20, true},
		{"overleggen", len(ix.ofType("Overleg")), 10, true},
		{"aanbod", len(ix.ofType("Aanbod")), 40, false},
		{"netwerken", len(ix.ofType("Netwerk")), 15, false},
		{"locaties", len(ix.ofType("Locatie")), 20, false},
		{"themas", len(ix.ofType("Thema")), 15, false},
		{"doelgroepen", len(ix.ofType("Doelgroep")), 7, false},
	} {
		if c.exact && c.got != c.min || c.got < c.min {
			t.Errorf("%s = %d; want %s%d", c.what, c.got, map[bool]string{true: "", false: "at least "}[c.exact], c.min)
		}
		t.Logf("%s: %d", c.what, c.got)
	}
	t.Logf("records: %d, koppelingen: %d", len(ix.doc.Records), len(ix.doc.Koppelingen))
}

func TestIDsAreUniqueAndNamed(t *testing.T) {
	ix := newIndex(t)
	seen := map[string]bool{}
	for _, r := range ix.doc.Records {
		id := str(r, "id")
		if seen[id] {
			t.Errorf("duplicate record id %q", id)
		}
		seen[id] = true
		if !strings.HasPrefix(id, "utr-") {
			t.Errorf("record id %q does not start with utr-", id)
		}
	}
	linkID := regexp.MustCompile(`^utr-k-\d{4,}$`)
	for _, k := range ix.doc.Koppelingen {
		id, _ := k.Eigenschappen["id"].(string)
		if seen[id] || !linkID.MatchString(id) {
			t.Errorf("koppeling id %q is duplicate or not of the form utr-k-NNNN", id)
		}
		seen[id] = true
	}
	for _, id := range []string{"utr-gm", "utr-wk-overvecht", "utr-bu-kanaleneiland", "utr-org-dock", "utr-prs-001", "utr-fun-wijkregisseur-overvecht"} {
		if _, ok := ix.byID[id]; !ok {
			t.Errorf("no record %q", id)
		}
	}
}

func TestEveryRecordHasItsMetadata(t *testing.T) {
	ix := newIndex(t)
	for _, r := range ix.doc.Records {
		id := str(r, "id")
		if g := str(r, "gemeente"); g != demo.GemeenteID {
			t.Errorf("%s: gemeente = %q; want %q", id, g, demo.GemeenteID)
		}
		if b := str(r, "bron"); b != demo.Bron {
			t.Errorf("%s: bron = %q; want %q", id, b, demo.Bron)
		}
		if v, _ := r.Eigenschappen["versie"].(int); v != 1 {
			t.Errorf("%s: versie = %v; want 1", id, r.Eigenschappen["versie"])
		}
		b := str(r, "beheerder")
		if owner, ok := ix.byID[b]; !ok || owner.Type != "Organisatie" {
			t.Errorf("%s: beheerder %q is not an Organisatie of the document", id, b)
		}
		var times [3]time.Time
		for i, key := range []string{"aangemaakt", "gewijzigd", "laatstBevestigd"} {
			tm, err := time.Parse(time.RFC3339, str(r, key))
			if err != nil {
				t.Errorf("%s: %s = %q is not RFC 3339", id, key, str(r, key))
			}
			times[i] = tm
		}
		if times[1].Before(times[0]) || times[2].Before(times[1]) || times[2].After(ix.doc.Gemaakt) {
			t.Errorf("%s: times %v not in order aangemaakt ≤ gewijzigd ≤ laatstBevestigd ≤ gemaakt", id, times)
		}
	}
	for _, k := range ix.doc.Koppelingen {
		if k.Eigenschappen["bron"] != demo.Bron || k.Eigenschappen["zichtbaarheid"] == nil {
			t.Errorf("koppeling %v lacks bron or zichtbaarheid", k.Eigenschappen["id"])
		}
	}
}

func TestGebiedTree(t *testing.T) {
	ix := newIndex(t)
	parent := map[string]string{}
	for _, k := range ix.links["DEEL_VAN"] {
		if _, dup := parent[k.Van]; dup {
			t.Errorf("%s is DEEL_VAN two gebieden", k.Van)
		}
		parent[k.Van] = k.Naar
	}
	gm := ix.byID[demo.GemeenteID]
	if str(gm, "naam") != "Utrecht" || str(gm, "cbsCode") != "GM0344" || gm.Eigenschappen["indelingsjaar"] != 2024 {
		t.Errorf("gemeente = %v; want Utrecht, GM0344, 2024", gm.Eigenschappen)
	}
	buurten := map[string]int{}
	wijkCode := regexp.MustCompile(`^WK0344\d\d$`)
	for _, w := range ix.gebieden("WIJK") {
		id := str(w, "id")
		if parent[id] != demo.GemeenteID || !wijkCode.MatchString(str(w, "cbsCode")) {
			t.Errorf("wijk %s: ouder %q, cbsCode %q", id, parent[id], str(w, "cbsCode"))
		}
	}
	for _, b := range ix.gebieden("BUURT") {
		id := str(b, "id")
		w, ok := ix.byID[parent[id]]
		if !ok || str(w, "soort") != "WIJK" {
			t.Errorf("buurt %s is not DEEL_VAN a wijk", id)
			continue
		}
		buurten[str(w, "naam")]++
		if want := "BU" + strings.TrimPrefix(str(w, "cbsCode"), "WK"); !strings.HasPrefix(str(b, "cbsCode"), want) || len(str(b, "cbsCode")) != 10 {
			t.Errorf("buurt %s: cbsCode %q does not follow wijk code %q", id, str(b, "cbsCode"), str(w, "cbsCode"))
		}
	}
	for naam, n := range buurten {
		if n < 4 {
			t.Errorf("wijk %s has %d buurten; want at least 4", naam, n)
		}
	}
	for _, d := range ix.gebieden("DIENSTGEBIED") {
		id := str(d, "id")
		if _, ok := parent[id]; ok || d.Eigenschappen["cbsCode"] != nil {
			t.Errorf("dienstgebied %s joins the tree or has a cbsCode", id)
		}
	}
	omvat := map[string]int{}
	for _, k := range ix.links["OMVAT"] {
		if str(ix.byID[k.Van], "soort") != "DIENSTGEBIED" || str(ix.byID[k.Naar], "soort") != "WIJK" {
			t.Errorf("OMVAT %s → %s is not dienstgebied → wijk", k.Van, k.Naar)
		}
		omvat[k.Van]++
	}
	if omvat["utr-gebied-cumulus"] != 4 {
		t.Errorf("gebied Cumulus covers %d wijken; want 4", omvat["utr-gebied-cumulus"])
	}
}

// levels returns per coalition the levels of its memberships; current
// only counts memberships valid at the document's creation.
func levels(ix *index, current bool) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, c := range ix.ofType("Coalitie") {
		out[str(c, "id")] = map[string]bool{}
	}
	today := ix.doc.Gemaakt.Format(time.DateOnly)
	for _, k := range ix.links["LID_VAN"] {
		if ix.byID[k.Naar].Type != "Coalitie" {
			continue
		}
		if tot, ok := k.Eigenschappen["geldigTot"].(string); current && ok && tot < today {
			continue
		}
		niveau, _ := k.Eigenschappen["niveau"].(string)
		out[k.Naar][niveau] = true
	}
	return out
}

func TestCoalitionLevels(t *testing.T) {
	ix := newIndex(t)
	for _, current := range []bool{false, true} {
		var noBestuurlijk, noManagerial []string
		for id, lv := range levels(ix, current) {
			if !lv["FRONTLIJN"] {
				t.Errorf("coalition %s has no FRONTLIJN members (current=%v)", id, current)
			}
			if !lv["BESTUURLIJK"] {
				noBestuurlijk = append(noBestuurlijk, id)
			}
			if !lv["MANAGERIAL"] {
				noManagerial = append(noManagerial, id)
			}
		}
		if len(noBestuurlijk) != 1 || noBestuurlijk[0] != "utr-coa-pleinenaanpak-kanaleneiland" {
			t.Errorf("coalitions without BESTUURLIJK members (current=%v) = %v; want only the pleinenaanpak", current, noBestuurlijk)
		}
		if len(noManagerial) != 1 || noManagerial[0] != "utr-coa-buurtkamer-speelveld-ondiep" {
			t.Errorf("coalitions without MANAGERIAL members (current=%v) = %v; want only the buurtkamer", current, noManagerial)
		}
	}

	soorten := map[string]int{}
	for _, c := range ix.ofType("Coalitie") {
		soorten[str(c, "soort")]++
		if str(c, "soort") == "TIJDELIJK" && (c.Eigenschappen["geldigVan"] == nil || c.Eigenschappen["geldigTot"] == nil) {
			t.Errorf("temporary coalition %s has no period", str(c, "id"))
		}
	}
	if soorten["VAST"] == 0 || soorten["TIJDELIJK"] == 0 {
		t.Errorf("coalition soorten = %v; want both VAST and TIJDELIJK", soorten)
	}

	expired, sleutel := 0, 0
	today := ix.doc.Gemaakt.Format(time.DateOnly)
	for _, k := range ix.links["LID_VAN"] {
		if tot, ok := k.Eigenschappen["geldigTot"].(string); ok && tot < today {
			expired++
		}
		if k.Eigenschappen["sleutelpartner"] == true {
			sleutel++
		}
	}
	if expired < 2 || sleutel < 20 {
		t.Errorf("expired memberships = %d, sleutelpartners = %d; want some of both", expired, sleutel)
	}

	withAfspraak := map[string]bool{}
	for _, k := range ix.links["AFSPRAAK_VAN"] {
		withAfspraak[k.Naar] = true
	}
	var without []string
	for _, c := range ix.ofType("Coalitie") {
		if !withAfspraak[str(c, "id")] {
			without = append(without, str(c, "id"))
		}
	}
	if len(without) < 1 || len(without) > 2 {
		t.Errorf("coalitions without afspraak = %v; want one or two", without)
	}
	signed := map[string]bool{}
	for _, k := range ix.links["ONDERTEKEND"] {
		signed[k.Naar] = true
	}
	for _, a := range ix.ofType("Afspraak") {
		if !signed[str(a, "id")] {
			t.Errorf("afspraak %s has no signatories", str(a, "id"))
		}
	}
}

func TestOverleggen(t *testing.T) {
	ix := newIndex(t)
	chairs, members := map[string]int{}, map[string]int{}
	for _, k := range ix.links["VOORZITTER_VAN"] {
		chairs[k.Naar]++
	}
	for _, k := range ix.links["LID_VAN"] {
		members[k.Naar]++
	}
	for _, o := range ix.ofType("Overleg") {
		id := str(o, "id")
		if chairs[id] != 1 || members[id] < 3 || str(o, "karakter") == "" || str(o, "frequentie") == "" {
			t.Errorf("overleg %s: %d chairs, %d members, karakter %q, frequentie %q", id, chairs[id], members[id], str(o, "karakter"), str(o, "frequentie"))
		}
	}
}

func TestZichtbaarheden(t *testing.T) {
	ix := newIndex(t)
	byType := map[string]map[string]int{}
	for _, r := range ix.doc.Records {
		if byType[r.Type] == nil {
			byType[r.Type] = map[string]int{}
		}
		byType[r.Type][str(r, "zichtbaarheid")]++
	}
	for _, typ := range []string{"Persoon", "Contactgegeven"} {
		for _, z := range kaart.Zichtbaarheden {
			if byType[typ][z] == 0 {
				t.Errorf("no %s with zichtbaarheid %s (%v)", typ, z, byType[typ])
			}
		}
	}
	all := map[string]int{}
	for _, m := range byType {
		for z, n := range m {
			all[z] += n
		}
	}
	if all["OPENBAAR"] <= all["PARTNERS"] || all["INTERN"] == 0 {
		t.Errorf("zichtbaarheden = %v; want mostly OPENBAAR and some INTERN", all)
	}
	if p := byType["Persoon"]; p["OPENBAAR"] >= p["PARTNERS"]+p["INTERN"] {
		t.Errorf("personen by zichtbaarheid = %v; want mostly PARTNERS or INTERN", p)
	}
	for _, k := range ix.links["KENT"] {
		if k.Eigenschappen["zichtbaarheid"] != "INTERN" {
			t.Errorf("KENT %s → %s is %v; want INTERN", k.Van, k.Naar, k.Eigenschappen["zichtbaarheid"])
		}
	}
}

func TestPersonen(t *testing.T) {
	ix := newIndex(t)
	holds := map[string]bool{}
	for _, k := range ix.links["BEKLEEDT"] {
		holds[k.Van] = true
	}
	ambtsdragers, sleutelfiguren := 0, 0
	for _, p := range ix.ofType("Persoon") {
		id := str(p, "id")
		switch str(p, "grondslag") {
		case "TOESTEMMING":
			if str(p, "toestemmingGegevenDoor") == "" || str(p, "toestemmingGegevenOp") == "" {
				t.Errorf("%s: grondslag TOESTEMMING without who and when", id)
			}
			if err := kaart.CheckToestemming(kaart.Input(p.Eigenschappen)); err != nil {
				t.Errorf("%s: %v", id, err)
			}
		case "PUBLIEKE_TAAK", "GERECHTVAARDIGD_BELANG":
			if !holds[id] {
				t.Errorf("%s: staff member without a Functie", id)
			}
		default:
			t.Errorf("%s: grondslag %q", id, str(p, "grondslag"))
		}
		if p.Eigenschappen["publiekAmbtsdrager"] == true {
			ambtsdragers++
			if str(p, "zichtbaarheid") != "OPENBAAR" || str(p, "grondslag") != "PUBLIEKE_TAAK" {
				t.Errorf("%s: public office-holder is %s, %s", id, str(p, "zichtbaarheid"), str(p, "grondslag"))
			}
		}
		if p.Eigenschappen["sleutelfiguur"] == true {
			sleutelfiguren++
			if str(p, "grondslag") != "TOESTEMMING" {
				t.Errorf("%s: sleutelfiguur without consent", id)
			}
		}
	}
	if ambtsdragers < 5 || sleutelfiguren < 10 {
		t.Errorf("office-holders = %d, sleutelfiguren = %d; want at least 5 and 10", ambtsdragers, sleutelfiguren)
	}
	if n := len(ix.links["KENT"]); n < 3 {
		t.Errorf("KENT edges = %d; want a few", n)
	}
}

func TestFunctiesAndRoles(t *testing.T) {
	ix := newIndex(t)
	owner := map[string]int{}
	for _, k := range ix.links["FUNCTIE_BIJ"] {
		owner[k.Van]++
	}
	bedient, thema := map[string]bool{}, map[string]bool{}
	for _, k := range ix.links["BEDIENT"] {
		bedient[k.Van] = true
	}
	for _, k := range ix.links["OVER_THEMA"] {
		thema[k.Van] = true
	}
	rollen := map[string]int{}
	for _, f := range ix.ofType("Functie") {
		id := str(f, "id")
		rollen[str(f, "rol")]++
		if owner[id] != 1 || !bedient[id] {
			t.Errorf("functie %s: %d owners, bedient a gebied: %v", id, owner[id], bedient[id])
		}
	}
	for rol, min := range map[string]int{"WIJKREGISSEUR": 10, "WIJKWETHOUDER": 10, "VAKWETHOUDER": 3, "GEBIEDSMANAGER": 3, "WIJKAGENT": 10,
		"SOCIAAL_MAKELAAR": 10, "BUURTTEAMMEDEWERKER": 10, "JONGERENWERKER": 10, "DIRECTEUR": 5, "BESTUURDER": 5} {
		if rollen[rol] < min {
			t.Errorf("functies with rol %s = %d; want at least %d", rol, rollen[rol], min)
		}
	}
	if rollen["WIJKREGISSEUR"] != 10 {
		t.Errorf("wijkregisseurs = %d; want one per wijk", rollen["WIJKREGISSEUR"])
	}
}

func TestEscalation(t *testing.T) {
	ix := newIndex(t)
	next := map[string]map[string][]string{} // spoor → from → to
	for _, k := range ix.links["ESCALEERT_NAAR"] {
		spoor := k.Eigenschappen["spoor"].(string)
		if next[spoor] == nil {
			next[spoor] = map[string][]string{}
		}
		next[spoor][k.Van] = append(next[spoor][k.Van], k.Naar)
	}
	reaches := func(spoor, from string, want func(kaart.ExportRecord) bool) bool {
		seen := map[string]bool{}
		todo := []string{from}
		for len(todo) > 0 {
			id := todo[0]
			todo = todo[1:]
			if id != from && want(ix.byID[id]) {
				return true
			}
			for _, n := range next[spoor][id] {
				if !seen[n] {
					seen[n] = true
					todo = append(todo, n)
				}
			}
		}
		return false
	}
	for _, f := range ix.ofType("Functie") {
		if str(f, "rol") != "WIJKREGISSEUR" {
			continue
		}
		id := str(f, "id")
		if !reaches("AMBTELIJK", id, func(r kaart.ExportRecord) bool { return str(r, "id") == "utr-fun-algemeen-directeur" }) {
			t.Errorf("%s does not escalate ambtelijk to the algemeen directeur", id)
		}
		if !reaches("BESTUURLIJK", id, func(r kaart.ExportRecord) bool { return str(r, "rol") == "VAKWETHOUDER" }) {
			t.Errorf("%s does not escalate bestuurlijk to a vakwethouder", id)
		}
	}
}

func TestAanbod(t *testing.T) {
	ix := newIndex(t)
	has := map[string]map[string]bool{}
	for _, typ := range []string{"AANGEBODEN_DOOR", "VOOR_DOELGROEP", "BEDIENT", "OVER_THEMA", "OP_LOCATIE"} {
		has[typ] = map[string]bool{}
		for _, k := range ix.links[typ] {
			has[typ][k.Van] = true
		}
	}
	withLocation := 0
	for _, a := range ix.ofType("Aanbod") {
		id := str(a, "id")
		for _, typ := range []string{"AANGEBODEN_DOOR", "BEDIENT", "OVER_THEMA"} {
			if !has[typ][id] {
				t.Errorf("aanbod %s has no %s", id, typ)
			}
		}
		if str(a, "openingstijden") == "" || str(a, "kosten") == "" || str(a, "aanmelden") == "" {
			t.Errorf("aanbod %s lacks openingstijden, kosten or aanmelden", id)
		}
		if has["OP_LOCATIE"][id] {
			withLocation++
		}
	}
	if withLocation < 35 {
		t.Errorf("aanbod with a location = %d; want most of them", withLocation)
	}
}

func TestSomeEntriesAreStale(t *testing.T) {
	ix := newIndex(t)
	limit := ix.doc.Gemaakt.AddDate(-2, 0, 0)
	stale := map[string]int{}
	for _, r := range ix.doc.Records {
		tm, _ := time.Parse(time.RFC3339, str(r, "laatstBevestigd"))
		if tm.Before(limit) {
			stale[r.Type]++
		}
	}
	total := 0
	for _, n := range stale {
		total += n
	}
	t.Logf("records confirmed more than two years ago: %d %v", total, stale)
	if total < 10 || total > len(ix.doc.Records)/5 {
		t.Errorf("records confirmed more than two years ago = %d %v; want some, not most", total, stale)
	}
}

var (
	demoPhone = regexp.MustCompile(`^\+31(30799\d{4}|61234\d{4})$`)
	kvk       = regexp.MustCompile(`^9000\d{4}$`)
)

func TestContactDetailsReachNobody(t *testing.T) {
	ix := newIndex(t)
	soorten := map[string]map[string]bool{}
	for _, c := range ix.ofType("Contactgegeven") {
		id, waarde := str(c, "id"), str(c, "waarde")
		s := str(c, "soort")
		if soorten[s] == nil {
			soorten[s] = map[string]bool{}
		}
		soorten[s][str(c, "zichtbaarheid")] = true
		switch s {
		case "TELEFOON":
			norm, msg := kaart.NormalizeTelefoon(waarde)
			if msg != "" || !demoPhone.MatchString(norm) {
				t.Errorf("%s: phone %q (%q, %s) is not a valid number in the demo ranges", id, waarde, norm, msg)
			}
		case "EMAIL":
			if msg := kaart.CheckEmail(waarde); msg != "" || !strings.HasSuffix(waarde, "@"+demo.EmailDomain) {
				t.Errorf("%s: e-mail %q is invalid or not @%s", id, waarde, demo.EmailDomain)
			}
		case "WEB":
			if msg := kaart.CheckURL(waarde); msg != "" || !strings.HasPrefix(waarde, demo.WebPrefix) {
				t.Errorf("%s: web address %q is invalid or not under %s", id, waarde, demo.WebPrefix)
			}
		default:
			t.Errorf("%s: soort %q", id, s)
		}
	}
	for _, s := range []string{"TELEFOON", "EMAIL"} {
		if len(soorten[s]) != 3 {
			t.Errorf("%s contact details have zichtbaarheden %v; want all three", s, soorten[s])
		}
	}
	for _, o := range ix.ofType("Organisatie") {
		if n, ok := o.Eigenschappen["kvkNummer"]; ok && !kvk.MatchString(n.(string)) {
			t.Errorf("%s: kvkNummer %v is not an obviously fictitious 9000xxxx", str(o, "id"), n)
		}
	}
	// Nothing in the document points outside the reserved demo domain.
	b, _ := json.Marshal(ix.doc)
	for _, m := range regexp.MustCompile(`https?://[^"/]+|@[a-z0-9.-]+\.[a-z]+`).FindAllString(string(b), -1) {
		if !strings.HasSuffix(m, ".example") {
			t.Errorf("document mentions %q outside the .example domain", m)
		}
	}
}

// Names of real people in the sources (§5, [PRO] and [PRIV]) must not be
// used: persons in the demo are invented.
func TestNoRealPersons(t *testing.T) {
	b, _ := json.Marshal(demo.Utrecht())
	doc := string(b)
	for _, name := range []string{
		"Annemieke Scholten", "Marenne van Kempen", "Nienke Kuyvenhoven", "René Verkuylen", "Irene Domburg",
		"Joscha de Vries", "Barend van Dijk", "Marian Dobbe", "Rik Horstman", "Myrthe de Jong", "Jetta Spaanenburg",
		"Krijnie Schotel", "Paul Janssen", "Irene Witjens", "Marieke Dekker", "Kees Diepeveen", "Bart Andriessen",
		"Henk Krijnen", "Rob van der Hilst", "Yvonne Kokx", "Bibian Pouw", "Willem Rijke", "Fred Dekkers",
	} {
		if strings.Contains(doc, name) {
			t.Errorf("the demo uses the real name %q", name)
		}
	}
}
