package neo4j_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// voorstelFixture: in the test's gemeente, organisation W stewards an
// aanbod; partner P proposes, partner R is a rival, and a beheerder of
// another gemeente looks on.
type voorstelFixture struct {
	*fixture
	w, p, r, aanbod, geheim string
	gm2                     string
}

func newVoorstelFixture(t *testing.T) *voorstelFixture {
	f := &voorstelFixture{fixture: newFixture(t)}
	ctx := f.beheerder()
	f.w = f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Welzijn West", "sector": "WELZIJN", "zichtbaarheid": "OPENBAAR"}).ID()
	f.p = f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Buurtteam Noord", "sector": "WELZIJN", "zichtbaarheid": "OPENBAAR"}).ID()
	f.r = f.mustCreate(ctx, "Organisatie", kaart.Input{"naam": "Concurrent Zuid", "sector": "WELZIJN", "zichtbaarheid": "OPENBAAR"}).ID()
	f.aanbod = f.mustCreate(ctx, "Aanbod", kaart.Input{"naam": "Taalcafé", "organisatie": f.w, "beheerder": f.w,
		"openingstijden": "Maandag 10-12", "zichtbaarheid": "OPENBAAR"}).ID()
	f.geheim = f.mustCreate(ctx, "Aanbod", kaart.Input{"naam": "Besloten overleg", "organisatie": f.w, "beheerder": f.w,
		"zichtbaarheid": "INTERN"}).ID()
	f.gm2 = neo4jtest.Gemeente(t, f.store)
	return f
}

func sleutel() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "key-" + hex.EncodeToString(b)
}

func partner(org string) kaart.Viewer {
	return kaart.Viewer{Rol: kaart.Partner, Organisatie: org, SleutelID: sleutel()}
}

func code(err error) string {
	var e *kaart.Error
	if errors.As(err, &e) {
		return e.Code
	}
	if fe := fieldErrors(err); len(fe) > 0 {
		return kaart.EINVALID
	}
	return ""
}

func (f *voorstelFixture) queue(v kaart.Viewer, filter kaart.VoorstelFilter) []kaart.Voorstel {
	f.t.Helper()
	if filter.Gemeente == "" && filter.Gebied == "" {
		filter.Gemeente = f.gm
	}
	page, err := f.svc.Beoordelingswachtrij(as(v), filter)
	if err != nil {
		f.t.Fatalf("Beoordelingswachtrij as %+v: %v", v, err)
	}
	return page.Voorstellen
}

func hasVoorstel(list []kaart.Voorstel, id string) bool {
	for _, p := range list {
		if p.ID == id {
			return true
		}
	}
	return false
}

func (f *voorstelFixture) record(id string) kaart.Node {
	f.t.Helper()
	got, err := f.svc.Get(as(neo4jtest.Platform), nil, []string{id})
	if err != nil || got[id].Props == nil {
		f.t.Fatalf("Get %s: %v", id, err)
	}
	return got[id]
}

func TestApprovedProposalIsAppliedAndTheProposerSeesIt(t *testing.T) {
	f := newVoorstelFixture(t)
	pv, steward, rival := partner(f.p), partner(f.w), partner(f.r)
	regisseur := kaart.Viewer{Rol: kaart.Regisseur, Gemeente: f.gm, SleutelID: sleutel()}
	ander := kaart.Viewer{Rol: kaart.Beheerder, Gemeente: f.gm2, SleutelID: sleutel()}

	// Bad input is refused at its field, and nothing is queued.
	_, err := f.svc.DoeVoorstel(as(pv), f.aanbod, "Aanbod", kaart.Input{"kosten": strings.Repeat("x", 5000)}, "")
	if fe := fieldErrors(err); fe["wijziging.aanbod.kosten"] == "" {
		t.Fatalf("bad proposal: err = %v; want a field error at wijziging.aanbod.kosten", err)
	}
	if _, err := f.svc.DoeVoorstel(as(pv), f.aanbod, "Organisatie", kaart.Input{"naam": "X"}, ""); code(err) != kaart.EINVALID {
		t.Errorf("proposal with the wrong type: err = %v; want BAD_USER_INPUT", err)
	}
	if _, err := f.svc.DoeVoorstel(as(kaart.Viewer{}), f.aanbod, "Aanbod", kaart.Input{"openingstijden": "X"}, ""); code(err) != kaart.EUNAUTHENTICATED {
		t.Errorf("anonymous proposal: err = %v; want UNAUTHENTICATED", err)
	}

	p, err := f.svc.DoeVoorstel(as(pv), f.aanbod, "Aanbod", kaart.Input{"openingstijden": "Dinsdag 10-12"}, "Het is verschoven naar dinsdag.")
	if err != nil {
		t.Fatalf("DoeVoorstel: %v", err)
	}
	if p.Status != kaart.StatusOpen || p.BasisVersie != 1 || p.RecordType != "Aanbod" || p.Gemeente != f.gm {
		t.Errorf("voorstel = %+v", p)
	}

	for name, v := range map[string]kaart.Viewer{"steward partner": steward, "regisseur": regisseur, "platform": neo4jtest.Platform} {
		if !hasVoorstel(f.queue(v, kaart.VoorstelFilter{}), p.ID) {
			t.Errorf("%s does not see the proposal in the queue", name)
		}
	}
	for name, v := range map[string]kaart.Viewer{"rival partner": rival, "proposer": pv} {
		if hasVoorstel(f.queue(v, kaart.VoorstelFilter{}), p.ID) {
			t.Errorf("%s sees the proposal in the queue", name)
		}
	}
	if hasVoorstel(f.queue(ander, kaart.VoorstelFilter{Gemeente: f.gm2}), p.ID) || hasVoorstel(f.queue(ander, kaart.VoorstelFilter{Gemeente: f.gm}), p.ID) {
		t.Error("another gemeente's beheerder sees the proposal")
	}
	for name, v := range map[string]kaart.Viewer{"rival partner": rival, "another gemeente": ander, "proposer": pv} {
		if _, err := f.svc.KeurGoed(as(v), p.ID, ""); code(err) != kaart.EFORBIDDEN {
			t.Errorf("%s approves: err = %v; want FORBIDDEN", name, err)
		}
	}
	if got := f.record(f.aanbod); got.Props["openingstijden"] != "Maandag 10-12" {
		t.Fatalf("record changed before approval: %v", got.Props["openingstijden"])
	}

	done, err := f.svc.KeurGoed(as(steward), p.ID, "")
	if err != nil {
		t.Fatalf("KeurGoed: %v", err)
	}
	if done.Status != kaart.StatusGoedgekeurd || done.BeoordeeldOp == nil || done.BeoordeeldDoor == "" {
		t.Errorf("approved voorstel = %+v", done)
	}
	got := f.record(f.aanbod)
	if got.Props["openingstijden"] != "Dinsdag 10-12" || got.Props["versie"] != int64(2) {
		t.Errorf("after approval openingstijden = %v, versie = %v; want Dinsdag 10-12, 2", got.Props["openingstijden"], got.Props["versie"])
	}
	if _, err := f.svc.KeurGoed(as(steward), p.ID, ""); code(err) != kaart.ECONFLICT {
		t.Errorf("second approval: err = %v; want CONFLICT", err)
	}
	if hasVoorstel(f.queue(steward, kaart.VoorstelFilter{}), p.ID) {
		t.Error("an approved proposal stays in the OPEN queue")
	}

	mine, err := f.svc.MijnVoorstellen(as(pv), kaart.VoorstelFilter{})
	if err != nil {
		t.Fatalf("MijnVoorstellen: %v", err)
	}
	if len(mine.Voorstellen) != 1 || mine.Voorstellen[0].Status != kaart.StatusGoedgekeurd || mine.Voorstellen[0].Wijzigingen["openingstijden"] != "Dinsdag 10-12" {
		t.Errorf("proposer sees %+v; want the one proposal, GOEDGEKEURD", mine.Voorstellen)
	}
	if theirs, _ := f.svc.MijnVoorstellen(as(rival), kaart.VoorstelFilter{}); len(theirs.Voorstellen) != 0 {
		t.Errorf("rival sees %d proposals as theirs", len(theirs.Voorstellen))
	}
}

func TestRejectionNeedsAReasonThatTheProposerSees(t *testing.T) {
	f := newVoorstelFixture(t)
	pv, steward := partner(f.p), partner(f.w)
	p, err := f.svc.DoeVoorstel(as(pv), f.aanbod, "Aanbod", kaart.Input{"openingstijden": "Nooit"}, "")
	if err != nil {
		t.Fatalf("DoeVoorstel: %v", err)
	}
	if _, err := f.svc.WijsAf(as(steward), p.ID, "  "); code(err) != kaart.EINVALID {
		t.Fatalf("reject without reason: err = %v; want BAD_USER_INPUT", err)
	}
	if _, err := f.svc.WijsAf(as(steward), p.ID, "Het taalcafé is er gewoon op maandag."); err != nil {
		t.Fatalf("WijsAf: %v", err)
	}
	mine, err := f.svc.MijnVoorstellen(as(pv), kaart.VoorstelFilter{Status: kaart.StatusAfgewezen})
	if err != nil {
		t.Fatal(err)
	}
	if len(mine.Voorstellen) != 1 || mine.Voorstellen[0].Reden != "Het taalcafé is er gewoon op maandag." {
		t.Errorf("proposer sees %+v; want the reason", mine.Voorstellen)
	}
	if got := f.record(f.aanbod); got.Props["openingstijden"] != "Maandag 10-12" || got.Props["versie"] != int64(1) {
		t.Errorf("a rejected proposal changed the record: %v", got.Props)
	}
}

func TestApprovalAfterTheRecordChangedIsAConflict(t *testing.T) {
	f := newVoorstelFixture(t)
	pv, steward := partner(f.p), partner(f.w)
	p, err := f.svc.DoeVoorstel(as(pv), f.aanbod, "Aanbod", kaart.Input{"openingstijden": "Woensdag"}, "")
	if err != nil {
		t.Fatalf("DoeVoorstel: %v", err)
	}
	if _, err := f.svc.Update(as(steward), "Aanbod", f.aanbod, 1, kaart.Input{"openingstijden": "Donderdag"}); err != nil {
		t.Fatalf("Update: %v", err)
	}
	_, err = f.svc.KeurGoed(as(steward), p.ID, "")
	var e *kaart.Error
	if !errors.As(err, &e) || e.Code != kaart.ECONFLICT || !strings.Contains(e.Message, "gewijzigd sinds dit voorstel") {
		t.Fatalf("approve stale proposal: err = %v; want CONFLICT saying the record changed", err)
	}
	if got := f.record(f.aanbod); got.Props["openingstijden"] != "Donderdag" || got.Props["versie"] != int64(2) {
		t.Errorf("record after conflict: %v", got.Props)
	}
	if !hasVoorstel(f.queue(steward, kaart.VoorstelFilter{}), p.ID) {
		t.Error("the proposal left the queue after a failed approval")
	}
}

func TestResidentReportLandsInTheQueueAndHiddenCardsCannotBeReported(t *testing.T) {
	f := newVoorstelFixture(t)
	steward, rival := partner(f.w), partner(f.r)
	bewoner := as(kaart.Viewer{})
	m, err := f.svc.MeldFout(bewoner, kaart.Melding{RecordID: f.aanbod, Tekst: "Het taalcafé is verhuisd naar de bibliotheek.", Email: "bewoner@example.org", Taal: "nl"})
	if err != nil {
		t.Fatalf("MeldFout: %v", err)
	}
	q := f.queue(steward, kaart.VoorstelFilter{})
	if !hasVoorstel(q, m.ID) {
		t.Fatal("the report is not in the steward's queue")
	}
	for _, p := range q {
		if p.ID == m.ID && (p.Soort != kaart.VoorstelMelding || p.Email != "bewoner@example.org" || p.Wijzigingen != nil) {
			t.Errorf("queued report = %+v", p)
		}
	}
	if hasVoorstel(f.queue(rival, kaart.VoorstelFilter{}), m.ID) {
		t.Error("a rival partner sees the report")
	}
	if _, err := f.svc.MeldFout(bewoner, kaart.Melding{RecordID: f.aanbod, Tekst: "kort"}); code(err) != kaart.EINVALID {
		t.Errorf("short report: err = %v; want BAD_USER_INPUT", err)
	}
	done, err := f.svc.KeurGoed(as(steward), m.ID, "Adres aangepast.")
	if err != nil || done.Status != kaart.StatusGoedgekeurd {
		t.Fatalf("handle report: %+v, %v", done, err)
	}
	if got := f.record(f.aanbod); got.Props["versie"] != int64(1) {
		t.Errorf("handling a report changed the record: versie %v", got.Props["versie"])
	}

	// A hidden card answers exactly like one that does not exist.
	_, errMissing := f.svc.MeldFout(bewoner, kaart.Melding{RecordID: "aan-bestaatniet", Tekst: "Dit klopt helemaal niet meer."})
	_, errHidden := f.svc.MeldFout(bewoner, kaart.Melding{RecordID: f.geheim, Tekst: "Dit klopt helemaal niet meer."})
	if code(errHidden) != kaart.ENOTFOUND || code(errMissing) != kaart.ENOTFOUND ||
		strings.Replace(errHidden.Error(), f.geheim, "ID", 1) != strings.Replace(errMissing.Error(), "aan-bestaatniet", "ID", 1) {
		t.Errorf("report on hidden card: %v; on missing card: %v; want the same NOT_FOUND", errHidden, errMissing)
	}
	_, errHidden = f.svc.DoeVoorstel(as(rival), f.geheim, "Aanbod", kaart.Input{"naam": "Open overleg"}, "")
	_, errMissing = f.svc.DoeVoorstel(as(rival), "aan-bestaatniet", "Aanbod", kaart.Input{"naam": "Open overleg"}, "")
	if code(errHidden) != kaart.ENOTFOUND ||
		strings.Replace(errHidden.Error(), f.geheim, "ID", 1) != strings.Replace(errMissing.Error(), "aan-bestaatniet", "ID", 1) {
		t.Errorf("proposal on hidden card: %v; on missing card: %v; want the same NOT_FOUND", errHidden, errMissing)
	}
	for _, p := range f.queue(neo4jtest.Platform, kaart.VoorstelFilter{}) {
		if p.RecordID == f.geheim {
			t.Errorf("a refused report or proposal on a hidden card was queued: %+v", p)
		}
	}
	// The steward, who can see it, may propose on it.
	if _, err := f.svc.DoeVoorstel(as(steward), f.geheim, "Aanbod", kaart.Input{"naam": "Open overleg"}, ""); err != nil {
		t.Errorf("steward proposes on own hidden card: %v", err)
	}
}

func TestReconfirmListShowsOldRecordsInScopeUntilConfirmed(t *testing.T) {
	f := newVoorstelFixture(t)
	ctx := context.Background()
	now := time.Now()
	oud := f.mustCreate(f.beheerder(), "Aanbod", kaart.Input{"naam": "Oud aanbod", "organisatie": f.w, "beheerder": f.w}).ID()
	ouder := f.mustCreate(f.beheerder(), "Aanbod", kaart.Input{"naam": "Ouder aanbod", "organisatie": f.w, "beheerder": f.w}).ID()
	vanR := f.mustCreate(f.beheerder(), "Aanbod", kaart.Input{"naam": "Aanbod van R", "organisatie": f.r, "beheerder": f.r}).ID()
	for id, at := range map[string]time.Time{oud: now.AddDate(0, -13, 0), ouder: now.AddDate(-2, 0, 0), vanR: now.AddDate(-3, 0, 0)} {
		if err := neo4j.Backdate(ctx, f.store, id, at); err != nil {
			t.Fatal(err)
		}
	}
	steward := partner(f.w)
	list := func(v kaart.Viewer, first int, after *kaart.Cursor) kaart.Page {
		t.Helper()
		page, err := f.svc.TeBevestigen(as(v), f.gm, "", 0, first, after, now)
		if err != nil {
			t.Fatalf("TeBevestigen: %v", err)
		}
		return page
	}
	ids := func(p kaart.Page) []string {
		var out []string
		for _, n := range p.Nodes {
			out = append(out, n.ID())
		}
		return out
	}
	if got := ids(list(steward, 0, nil)); strings.Join(got, ",") != ouder+","+oud {
		t.Errorf("steward's list = %v; want [%s %s] (oldest first, only its own)", got, ouder, oud)
	}
	if got := ids(list(kaart.Viewer{Rol: kaart.Regisseur, Gemeente: f.gm}, 0, nil)); strings.Join(got, ",") != vanR+","+ouder+","+oud {
		t.Errorf("regisseur's list = %v; want [%s %s %s]", got, vanR, ouder, oud)
	}
	if got := ids(list(kaart.Viewer{Rol: kaart.Beheerder, Gemeente: f.gm2}, 0, nil)); len(got) != 0 {
		t.Errorf("another gemeente's beheerder sees %v", got)
	}
	first := list(steward, 1, nil)
	if len(first.Nodes) != 1 || !first.HasNextPage {
		t.Fatalf("first page = %v, next %v", ids(first), first.HasNextPage)
	}
	if got := ids(list(steward, 1, &first.Cursors[0])); len(got) != 1 || got[0] != oud {
		t.Errorf("second page = %v; want [%s]", got, oud)
	}
	if _, err := f.svc.Bevestig(as(partner(f.r)), ouder); code(err) != kaart.EFORBIDDEN {
		t.Errorf("rival confirms: err = %v; want FORBIDDEN", err)
	}
	if _, err := f.svc.Bevestig(as(steward), ouder); err != nil {
		t.Fatalf("Bevestig: %v", err)
	}
	if got := ids(list(steward, 0, nil)); len(got) != 1 || got[0] != oud {
		t.Errorf("after confirming, list = %v; want [%s]", got, oud)
	}
}

func TestTwoReviewersAtOnceOneWins(t *testing.T) {
	f := newVoorstelFixture(t)
	p, err := f.svc.DoeVoorstel(as(partner(f.p)), f.aanbod, "Aanbod", kaart.Input{"openingstijden": "Vrijdag"}, "")
	if err != nil {
		t.Fatalf("DoeVoorstel: %v", err)
	}
	steward := as(partner(f.w))
	regisseur := as(kaart.Viewer{Rol: kaart.Regisseur, Gemeente: f.gm})
	errs := make(chan error, 2)
	go func() { _, err := f.svc.KeurGoed(steward, p.ID, ""); errs <- err }()
	go func() { _, err := f.svc.WijsAf(regisseur, p.ID, "Klopt niet."); errs <- err }()
	var ok, conflict int
	for range 2 {
		switch err := <-errs; code(err) {
		case "":
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			ok++
		case kaart.ECONFLICT:
			conflict++
		default:
			t.Fatalf("unexpected error: %v", err)
		}
	}
	if ok != 1 || conflict != 1 {
		t.Fatalf("%d judgements succeeded and %d conflicted; want one of each", ok, conflict)
	}
	mine, err := f.svc.MijnVoorstellen(as(kaart.Viewer{Rol: kaart.Partner, Organisatie: f.p, SleutelID: "none"}), kaart.VoorstelFilter{})
	if err != nil || len(mine.Voorstellen) != 0 {
		t.Errorf("another key of the same organisation sees %d proposals, %v", len(mine.Voorstellen), err)
	}
	got := f.record(f.aanbod)
	page, err := f.svc.Beoordelingswachtrij(as(neo4jtest.Platform), kaart.VoorstelFilter{Gemeente: f.gm, Status: kaart.StatusGoedgekeurd})
	if err != nil {
		t.Fatal(err)
	}
	approved := hasVoorstel(page.Voorstellen, p.ID)
	if approved != (got.Props["openingstijden"] == "Vrijdag") {
		t.Errorf("approved = %v but openingstijden = %v: the record and the verdict disagree", approved, got.Props["openingstijden"])
	}
}
