package kaart

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The wijk's questions (sources §3, §4, §7): not lists but answers. Each
// question is one statement in the store; this file holds the result types,
// the role rules and the plain-Dutch explanations built from the facts the
// store returns.

// VragenStore answers the questions. Like Store, it applies the viewer's
// scope in the database: every record and relationship an answer looks
// through must be visible, so a hidden record never shapes an answer.
//
// The gebied, thema and groep arguments arrive as the person gave them
// (see Verwijzing). The store looks up what they may name among the
// records the viewer may see, in the same read transaction as the
// question, and lets KiesRecord pick the one record or return its error
// (NOT_FOUND or BAD_USER_INPUT on the argument) before it answers.
type VragenStore interface {
	Aanspreekpunten(ctx context.Context, v Viewer, q AanspreekpuntVraag) ([]Aanspreekpunt, error)
	Loket(ctx context.Context, v Viewer, gebied string, peildatum time.Time) (Loket, error)
	CoalitieFeiten(ctx context.Context, v Viewer, gebied string, peildatum time.Time) ([]CoalitieFeiten, error)
	WieBereikt(ctx context.Context, v Viewer, groep, gebied string) ([]Bereiker, error)
	Route(ctx context.Context, v Viewer, van, naar string, maxLengte int) (RouteAntwoord, error)
	Overlap(ctx context.Context, v Viewer, gebied string, peildatum time.Time) ([]Overlap, error)
	Escalatie(ctx context.Context, v Viewer, gebied, thema string) (Escalatie, error)
	Verouderd(ctx context.Context, v Viewer, gebied string, ouderDan time.Time) ([]VerouderdGroep, error)
}

// AanspreekpuntVraag asks who to contact in a gebied, optionally for one
// thema and on one niveau, as of peildatum.
type AanspreekpuntVraag struct {
	Gebied    string
	Thema     string
	Niveau    Niveau
	Peildatum time.Time
	// Limit bounds the answer; 0 means DefaultAanspreekpunten.
	Limit int
}

// DefaultAanspreekpunten is how many aanspreekpunten an answer holds at most.
const DefaultAanspreekpunten = 10

// Afstand says how far from the asked gebied an aanspreekpunt works:
// the gebied itself, its wijk, a dienstgebied covering the wijk, or the
// gemeente. Lower is nearer; the nearest scope wins.
const (
	AfstandGebied       = 0
	AfstandWijk         = 2
	AfstandDienstgebied = 3
	AfstandGemeente     = 4
)

// Aanspreekpunt is one answer: a Functie (or, on the loket, a Netwerk or
// Organisatie) that serves the gebied, with how to reach it and why.
type Aanspreekpunt struct {
	Wie         Node  // Functie, Netwerk or Organisatie
	Organisatie *Node // the Functie's organisation, when visible
	// Via is the gebied through which Wie serves the asked gebied.
	Via     Node
	Afstand int
	Actueel bool
	// Personen are the visible current holders of a Functie.
	Personen []Node
	// Kanalen are the visible contactgegevens of Wie, or else of its
	// organisation; KanaalVan says which ("FUNCTIE", "NETWERK", "ORGANISATIE", "").
	Kanalen   []Node
	KanaalVan string
	// Thema is the asked thema, when one was asked.
	Thema *Node
	// Waarom explains the answer in plain Dutch.
	Waarom string
}

// Loket is the "waarvoor bij wie" card of a gebied (sources §4 need 2).
type Loket struct {
	Gebied      Node
	Onderwerpen []LoketOnderwerp
	// ZonderAanspreekpunt lists the visible thema's of the gemeente with
	// nobody the viewer may see in the gebied.
	ZonderAanspreekpunt []Node
}

// LoketOnderwerp is one thema with whom to ask about it.
type LoketOnderwerp struct {
	Thema           Node
	Aanspreekpunten []Aanspreekpunt
}

// CoalitieFeiten is what the store knows about one coalitie in a gebied.
type CoalitieFeiten struct {
	Coalitie Node
	Leden    []CoalitieLid
	// Afspraken counts the visible, current written agreements.
	Afspraken int
}

// CoalitieLid is one visible membership (LID_VAN) of a coalitie.
type CoalitieLid struct {
	Lid            Node
	Niveau         Niveau // empty when the membership has none
	Sleutelpartner bool
	Verlopen       bool       // geldigTot before the peildatum
	GeldigTot      *time.Time // when it ended or ends
	// Partij is the organisation the member acts for: its own for an
	// Organisatie or Netwerk, the employer of a Functie or of the Functie a
	// Persoon holds; the member itself when none is visible.
	Partij Node
}

// SignaalSoort names a coalition flag.
type SignaalSoort string

const (
	OntbrekendNiveau              SignaalSoort = "ONTBREKEND_NIVEAU"
	SleutelpartnerNietBestuurlijk SignaalSoort = "SLEUTELPARTNER_NIET_BESTUURLIJK"
	GeenAfspraak                  SignaalSoort = "GEEN_AFSPRAAK"
	LooptijdVerstreken            SignaalSoort = "LOOPTIJD_VERSTREKEN"
	VerlopenLidmaatschap          SignaalSoort = "VERLOPEN_LIDMAATSCHAP"
)

// Signaal is one flag on a coalitie, explained in plain Dutch. Ernst is 3
// for a missing level, 2 for what weakens the coalition, 1 for upkeep.
type Signaal struct {
	Soort  SignaalSoort
	Ernst  int
	Uitleg string
	// Niveau is the missing level of an ONTBREKEND_NIVEAU signaal.
	Niveau Niveau
}

// NiveauBezetting says how many current members a coalitie has on a level.
type NiveauBezetting struct {
	Niveau Niveau
	Aantal int
}

// SleutelpartnerAnalyse says, per key partner, where it sits.
type SleutelpartnerAnalyse struct {
	Partij  Node
	Niveaus []Niveau
	// AanBestuurlijkeTafel: the partij has a current bestuurlijk member
	// ("een spiegel in de bestuurlijke bovenbouw", sources §3.2).
	AanBestuurlijkeTafel bool
}

// CoalitieAnalyse is the completeness check of one coalitie (sources §3).
type CoalitieAnalyse struct {
	Coalitie Node
	// Leden are the visible memberships, current ones first, each lane
	// (bestuurlijk, managerial, frontlijn, none) in name order: what a
	// coalition map draws.
	Leden           []CoalitieLid
	Niveaus         []NiveauBezetting
	Sleutelpartners []SleutelpartnerAnalyse
	Signalen        []Signaal
	// Ernst is the sum of the signalen: worst first.
	Ernst int
}

// Bereiker is a record that reaches a doelgroep or netwerk (BEREIKT).
type Bereiker struct {
	Wie       Node // Organisatie, Persoon, Functie, Netwerk or Aanbod
	Koppeling Node
	// Via is the gebied through which Wie works in the asked gebied; nil
	// when no gebied was asked, or Wie is a person known through a group.
	Via *Node
}

// RouteAntwoord is the answer to route: the records at both ends, as the
// viewer sees them, and the shortest visible chain between them.
type RouteAntwoord struct {
	VanGevonden, NaarGevonden bool
	Route                     *Route
}

// Route is a chain of records; Stappen[i] leads from Records[i] to Records[i+1].
type Route struct {
	Records []Node
	Stappen []Node // koppelingen, with van and naar
}

// MaxRouteLengte bounds route's search.
const (
	DefaultRouteLengte = 4
	MaxRouteLengte     = 6
)

// Overlap is a group of Functies doing the same in the same gebied
// ("ambtenaren, werk- en straatcoaches weten niet dat ze hetzelfde doen").
type Overlap struct {
	Gebied   Node
	Thema    Node
	Niveau   Niveau
	Functies []Node
	Uitleg   string
}

// Escalatie holds the escalation lines from the roles serving a gebied.
type Escalatie struct {
	// Startpunten are where escalation starts: the nearest roles or
	// overleggen serving the gebied that escalate.
	Startpunten []Node
	Ambtelijk   []EscalatieStap
	Bestuurlijk []EscalatieStap
}

// EscalatieStap is one step on a track.
type EscalatieStap struct {
	Volgorde int
	Van      Node
	Naar     Node
	// PastBijThema: Naar works on the asked thema.
	PastBijThema bool
	Uitleg       string
}

// VerouderdGroep holds the stale records of one steward.
type VerouderdGroep struct {
	// Beheerder is the steward; nil when it has none or it is not visible.
	Beheerder *Node
	Records   []Node
}

// vragen returns the store that answers questions.
func (s *Service) vragen() (VragenStore, error) {
	if vs, ok := s.Store.(VragenStore); ok {
		return vs, nil
	}
	return nil, fmt.Errorf("store %T answers no questions", s.Store)
}

func checkID(field, id string, required bool) error {
	if id == "" {
		if required {
			return &Error{Code: EINVALID, Field: field, Message: "is verplicht"}
		}
		return nil
	}
	if msg := CheckID(id); msg != "" {
		return &Error{Code: EINVALID, Field: field, Message: msg}
	}
	return nil
}

// Verwijzing: the questions take the gebied and the thema they are about
// as what people know. A gebied is given by its id, its CBS code
// (BU03440000, any case) or its exact name, a thema by its id or its exact
// name, case-insensitive: "Kanaleneiland" is the buurt of that name. A
// thema's name is looked up in the gemeente of the gebied asked (every
// gemeente has its own thema's), an id anywhere. Only records the viewer
// may see count, so a hidden record is as unknown as a missing one and is
// never offered as a candidate. An id that a visible record has wins over
// names; a name that fits more than one record is ambiguous.

// MaxKandidaten is how many candidates an ambiguous name lists at most.
const MaxKandidaten = 10

// Gevonden is what the store found, among the records the viewer may see,
// for one argument: the record whose id it is, and else the ids of those
// whose CBS code or exact name it is (at most MaxKandidaten+1, in id order).
type Gevonden struct {
	OpID   []string
	OpNaam []string
}

var meervoud = map[string]string{"gebied": "gebieden", "thema": "thema's", "groep": "groepen"}

var hoeTeGeven = map[string]string{
	"gebied": " Geef de id, de CBS-code of de precieze naam van een buurt, wijk of gemeente.",
	"thema":  " Geef de id of de precieze naam van een thema in de gemeente van het gebied.",
}

// KiesRecord is the rule by which the argument field, given as waarde,
// names one record: the visible record with that id, or else the one
// visible record with that CBS code or name. None is NOT_FOUND on field,
// the same for a missing and a hidden record; more than one is
// BAD_USER_INPUT on field with the candidates' ids in Kandidaten.
func KiesRecord(field, waarde string, g Gevonden) (string, error) {
	switch {
	case len(g.OpID) == 1:
		return g.OpID[0], nil
	case len(g.OpNaam) == 1:
		return g.OpNaam[0], nil
	case len(g.OpNaam) == 0:
		return "", ArgumentNietGevonden(field, waarde)
	}
	ids := g.OpNaam
	aantal := fmt.Sprintf("%d", len(ids))
	if len(ids) > MaxKandidaten {
		ids, aantal = ids[:MaxKandidaten], fmt.Sprintf("meer dan %d", MaxKandidaten)
	}
	soort := meervoud[field]
	if soort == "" {
		soort = "records"
	}
	return "", &Error{Code: EINVALID, Field: field, Kandidaten: append([]string(nil), ids...),
		Message: fmt.Sprintf("%q past bij %s %s: %s. Geef de id van het bedoelde.", waarde, aantal, soort, strings.Join(ids, ", "))}
}

// ArgumentNietGevonden is the NOT_FOUND of a question's argument field:
// one message for a record that does not exist and one the viewer may not
// see, so the answer reveals nothing.
func ArgumentNietGevonden(field, waarde string) *Error {
	return &Error{Code: ENOTFOUND, Field: field, Message: fmt.Sprintf("%q bestaat niet of is niet zichtbaar voor u.%s", waarde, hoeTeGeven[field])}
}

// checkVerwijzing checks an argument given as an id, CBS code or name
// (see Verwijzing) and returns it without surrounding spaces.
func checkVerwijzing(field, s string, required bool) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			return "", &Error{Code: EINVALID, Field: field, Message: "is verplicht"}
		}
		return "", nil
	}
	if utf8.RuneCountInString(s) > 200 || strings.ContainsFunc(s, unicode.IsControl) {
		return "", &Error{Code: EINVALID, Field: field, Message: "is geen geldige id, CBS-code of naam"}
	}
	return s, nil
}

func dag(t time.Time) time.Time {
	if t.IsZero() {
		t = time.Now()
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Aanspreekpunt answers "wie is het aanspreekpunt voor dit thema, in deze
// buurt, op dit niveau?" (sources §4 need 1): the buurt first, then its wijk
// (and the dienstgebieden covering it), then the gemeente; the nearest scope
// wins, current Functies before ended ones, designated aanspreekpunten and
// recently confirmed ones first. Public. The gebied and thema are ids or
// names (see Verwijzing): NOT_FOUND or BAD_USER_INPUT on the argument when
// they name no visible record or more than one.
func (s *Service) Aanspreekpunt(ctx context.Context, q AanspreekpuntVraag) ([]Aanspreekpunt, error) {
	var err error
	if q.Gebied, err = checkVerwijzing("gebied", q.Gebied, true); err != nil {
		return nil, err
	}
	if q.Thema, err = checkVerwijzing("thema", q.Thema, false); err != nil {
		return nil, err
	}
	if q.Niveau != "" {
		n, ok := ParseNiveau(string(q.Niveau))
		if !ok {
			return nil, &Error{Code: EINVALID, Field: "niveau", Message: "is geen bekend niveau"}
		}
		q.Niveau = n
	}
	q.Peildatum = dag(q.Peildatum)
	if q.Limit <= 0 || q.Limit > MaxPageSize {
		q.Limit = DefaultAanspreekpunten
	}
	vs, err := s.vragen()
	if err != nil {
		return nil, err
	}
	out, err := vs.Aanspreekpunten(ctx, ViewerFrom(ctx), q)
	if err != nil {
		return nil, fmt.Errorf("aanspreekpunt in %s: %w", q.Gebied, err)
	}
	for i := range out {
		out[i].Waarom = waarom(out[i], q.Niveau)
	}
	return out, nil
}

// WaarvoorBijWie returns the één-loket card of a gebied: per thema whom to
// ask, and the thema's with nobody. Public; like every answer, both are
// among what the viewer may see.
// The gebied is an id or a name (see Verwijzing).
func (s *Service) WaarvoorBijWie(ctx context.Context, gebied string, peildatum time.Time) (Loket, error) {
	gebied, err := checkVerwijzing("gebied", gebied, true)
	if err != nil {
		return Loket{}, err
	}
	vs, err := s.vragen()
	if err != nil {
		return Loket{}, err
	}
	v := ViewerFrom(ctx)
	l, err := vs.Loket(ctx, v, gebied, dag(peildatum))
	if err != nil {
		return Loket{}, fmt.Errorf("waarvoor bij wie in %s: %w", gebied, err)
	}
	if l.ZonderAanspreekpunt == nil {
		l.ZonderAanspreekpunt = []Node{}
	}
	for i := range l.Onderwerpen {
		for j := range l.Onderwerpen[i].Aanspreekpunten {
			a := &l.Onderwerpen[i].Aanspreekpunten[j]
			t := l.Onderwerpen[i].Thema
			a.Thema = &t
			a.Waarom = waarom(*a, "")
		}
	}
	return l, nil
}

// CoalitieAnalyse checks every coalitie serving the gebied (or a buurt in
// it) for completeness, worst first. Like every question it is open to
// every viewer and built only from the records and relationships the
// viewer may see: a resident gets the public coalities, analysed on their
// public members and agreements, so nothing hidden shapes the answer.
func (s *Service) CoalitieAnalyse(ctx context.Context, gebied string, peildatum time.Time) ([]CoalitieAnalyse, error) {
	v := ViewerFrom(ctx)
	gebied, err := checkVerwijzing("gebied", gebied, true)
	if err != nil {
		return nil, err
	}
	vs, err := s.vragen()
	if err != nil {
		return nil, err
	}
	peildatum = dag(peildatum)
	feiten, err := vs.CoalitieFeiten(ctx, v, gebied, peildatum)
	if err != nil {
		return nil, fmt.Errorf("coalitieanalyse in %s: %w", gebied, err)
	}
	out := make([]CoalitieAnalyse, 0, len(feiten))
	for _, f := range feiten {
		out = append(out, AnalyseerCoalitie(f, peildatum))
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Ernst != out[j].Ernst {
			return out[i].Ernst > out[j].Ernst
		}
		return naam(out[i].Coalitie) < naam(out[j].Coalitie)
	})
	return out, nil
}

// AnalyseerCoalitie derives the levels, key partners and flags of one coalitie.
func AnalyseerCoalitie(f CoalitieFeiten, peildatum time.Time) CoalitieAnalyse {
	a := CoalitieAnalyse{Coalitie: f.Coalitie, Leden: ledenOpVolgorde(f.Leden)}
	telling := map[Niveau]int{}
	type partij struct {
		node        Node
		niveaus     map[Niveau]bool
		sleutel     bool
		bestuurlijk bool
	}
	partijen := map[string]*partij{}
	var volgorde []string
	var verlopen []string
	for _, l := range f.Leden {
		if l.Verlopen {
			verlopen = append(verlopen, naam(l.Lid))
			continue
		}
		if l.Niveau != "" {
			telling[l.Niveau]++
		}
		id := l.Partij.ID()
		p, ok := partijen[id]
		if !ok {
			p = &partij{node: l.Partij, niveaus: map[Niveau]bool{}}
			partijen[id] = p
			volgorde = append(volgorde, id)
		}
		if l.Niveau != "" {
			p.niveaus[l.Niveau] = true
		}
		p.sleutel = p.sleutel || l.Sleutelpartner
		p.bestuurlijk = p.bestuurlijk || l.Niveau == Bestuurlijk
	}
	naamC := naam(f.Coalitie)
	for _, n := range Niveaus {
		a.Niveaus = append(a.Niveaus, NiveauBezetting{Niveau: n, Aantal: telling[n]})
		if telling[n] == 0 {
			a.Signalen = append(a.Signalen, Signaal{Soort: OntbrekendNiveau, Ernst: 3, Uitleg: ontbrekendNiveau(naamC, n), Niveau: n})
		}
	}
	sort.Strings(volgorde)
	for _, id := range volgorde {
		p := partijen[id]
		if !p.sleutel {
			continue
		}
		sp := SleutelpartnerAnalyse{Partij: p.node, AanBestuurlijkeTafel: p.bestuurlijk}
		for _, n := range Niveaus {
			if p.niveaus[n] {
				sp.Niveaus = append(sp.Niveaus, n)
			}
		}
		a.Sleutelpartners = append(a.Sleutelpartners, sp)
		if !p.bestuurlijk {
			waar := "alleen op " + niveausTekst(sp.Niveaus)
			if len(sp.Niveaus) == 0 {
				waar = "zonder niveau"
			}
			a.Signalen = append(a.Signalen, Signaal{Soort: SleutelpartnerNietBestuurlijk, Ernst: 2, Uitleg: fmt.Sprintf(
				"Sleutelpartner %s zit %s in %s, maar niet aan de bestuurlijke tafel. Partners die de sleutel voor succes in handen hebben, horen ook bestuurlijk vertegenwoordigd te zijn: het werk in de frontlijn verdient een spiegel in de bestuurlijke bovenbouw.",
				naam(p.node), waar, naamC)})
		}
	}
	if f.Afspraken == 0 {
		a.Signalen = append(a.Signalen, Signaal{Soort: GeenAfspraak, Ernst: 2, Uitleg: fmt.Sprintf(
			"%s heeft geen geldende schriftelijke afspraak (convenant, charter, wijkactieplan). Leg vast wie wat doet, op uitvoerend en op bestuurlijk niveau.", naamC)})
	}
	if tot := tijd(f.Coalitie.Props["geldigTot"]); tot != nil && tot.Before(peildatum) {
		a.Signalen = append(a.Signalen, Signaal{Soort: LooptijdVerstreken, Ernst: 2, Uitleg: fmt.Sprintf(
			"De looptijd van %s is verstreken op %s. Verleng de coalitie of sluit haar af.", naamC, datum(*tot))})
	}
	if len(verlopen) > 0 {
		sort.Strings(verlopen)
		a.Signalen = append(a.Signalen, Signaal{Soort: VerlopenLidmaatschap, Ernst: 1, Uitleg: fmt.Sprintf(
			"%s heeft %d verlopen lidmaatschap(pen): %s. Verleng ze of haal ze van de kaart.", naamC, len(verlopen), strings.Join(verlopen, ", "))})
	}
	sort.SliceStable(a.Signalen, func(i, j int) bool { return a.Signalen[i].Ernst > a.Signalen[j].Ernst })
	for _, s := range a.Signalen {
		a.Ernst += s.Ernst
	}
	return a
}

func ledenOpVolgorde(leden []CoalitieLid) []CoalitieLid {
	out := append([]CoalitieLid(nil), leden...)
	rang := func(l CoalitieLid) int {
		for i, n := range Niveaus {
			if l.Niveau == n {
				return i
			}
		}
		return len(Niveaus)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Verlopen != out[j].Verlopen {
			return !out[i].Verlopen
		}
		if ri, rj := rang(out[i]), rang(out[j]); ri != rj {
			return ri < rj
		}
		return naam(out[i].Lid) < naam(out[j].Lid)
	})
	return out
}

// Naam returns the record's display name, its id when it has none.
func (n Node) Naam() string { return naam(n) }

// ontbrekendNiveau explains a missing level in words that hold in every
// gemeente: the answer names only the coalitie. The sources (§3.3) give
// examples: the pleinenaanpak in Feijenoord struggled without bestuurders,
// and at the Kolenkit agreements from the frontlijn waited for lack of a
// managerial level. Those belong here, in the documentation, not in the
// answer another gemeente reads.
func ontbrekendNiveau(coalitie string, n Niveau) string {
	switch n {
	case Bestuurlijk:
		return fmt.Sprintf("%s heeft geen bestuurlijke leden. Zonder bestuurders die de visie bepalen en bewaken, mist de frontlijn rugdekking en komt samenwerking moeilijk van de grond.", coalitie)
	case Managerial:
		return fmt.Sprintf("%s heeft geen leden op managementniveau. Dan ontbreken vaak de urgentie en de doorzettingsmacht om randvoorwaarden te regelen, zodat afspraken uit de frontlijn vertragen.", coalitie)
	default:
		return fmt.Sprintf("%s heeft geen leden in de frontlijn: niemand werkt dagelijks samen in de wijk aan de opgave.", coalitie)
	}
}

// WieBereikt returns who reaches a doelgroep or netwerk ("wie ziet welke
// groep"), in gebied when one is given. Public. The groep is an id, the
// gebied an id or a name (see Verwijzing); NOT_FOUND on the argument when
// either names no record the viewer may see.
func (s *Service) WieBereikt(ctx context.Context, groep, gebied string) ([]Bereiker, error) {
	if err := checkID("groep", groep, true); err != nil {
		return nil, err
	}
	gebied, err := checkVerwijzing("gebied", gebied, false)
	if err != nil {
		return nil, err
	}
	vs, err := s.vragen()
	if err != nil {
		return nil, err
	}
	out, err := vs.WieBereikt(ctx, ViewerFrom(ctx), groep, gebied)
	if err != nil {
		return nil, fmt.Errorf("wie bereikt %s: %w", groep, err)
	}
	return out, nil
}

// Route returns the shortest chain (holds a Functie at, member of, chairs,
// knows, reaches) from one record to another, at most maxLengte steps, over
// records and koppelingen the viewer may see only. It returns NOT_FOUND when
// either end does not exist or is not visible, and a nil Route when there is
// no chain within the limit.
func (s *Service) Route(ctx context.Context, van, naar string, maxLengte int) (*Route, error) {
	if err := checkID("van", van, true); err != nil {
		return nil, err
	}
	if err := checkID("naar", naar, true); err != nil {
		return nil, err
	}
	if maxLengte == 0 {
		maxLengte = DefaultRouteLengte
	}
	if maxLengte < 1 || maxLengte > MaxRouteLengte {
		return nil, &Error{Code: EINVALID, Field: "maxLengte", Message: fmt.Sprintf("moet tussen 1 en %d liggen", MaxRouteLengte)}
	}
	vs, err := s.vragen()
	if err != nil {
		return nil, err
	}
	a, err := vs.Route(ctx, ViewerFrom(ctx), van, naar, maxLengte)
	if err != nil {
		return nil, fmt.Errorf("route %s → %s: %w", van, naar, err)
	}
	switch {
	case !a.VanGevonden:
		return nil, ArgumentNietGevonden("van", van)
	case !a.NaarGevonden:
		return nil, ArgumentNietGevonden("naar", naar)
	}
	return a.Route, nil
}

// Overlap lists Functies with the same thema and niveau serving the same
// gebied (the gebied or a buurt in it), among the Functies the viewer may
// see.
func (s *Service) Overlap(ctx context.Context, gebied string, peildatum time.Time) ([]Overlap, error) {
	v := ViewerFrom(ctx)
	gebied, err := checkVerwijzing("gebied", gebied, true)
	if err != nil {
		return nil, err
	}
	vs, err := s.vragen()
	if err != nil {
		return nil, err
	}
	out, err := vs.Overlap(ctx, v, gebied, dag(peildatum))
	if err != nil {
		return nil, fmt.Errorf("overlap in %s: %w", gebied, err)
	}
	for i := range out {
		o := &out[i]
		namen := make([]string, len(o.Functies))
		for j, f := range o.Functies {
			namen[j] = naam(f)
		}
		o.Uitleg = fmt.Sprintf("In %s werken %d functies op %s niveau aan %s: %s. Weten zij van elkaar dat ze hetzelfde doen?",
			naam(o.Gebied), len(o.Functies), niveauTekst(o.Niveau), strings.ToLower(naam(o.Thema)), strings.Join(namen, ", "))
	}
	return out, nil
}

// Escalatie returns the next steps on the ambtelijk and the bestuurlijk
// track from the roles serving a gebied (sources §2.5). Public, but the
// escalation lines are usually for partners only.
func (s *Service) Escalatie(ctx context.Context, gebied, thema string) (Escalatie, error) {
	gebied, err := checkVerwijzing("gebied", gebied, true)
	if err != nil {
		return Escalatie{}, err
	}
	if thema, err = checkVerwijzing("thema", thema, false); err != nil {
		return Escalatie{}, err
	}
	vs, err := s.vragen()
	if err != nil {
		return Escalatie{}, err
	}
	e, err := vs.Escalatie(ctx, ViewerFrom(ctx), gebied, thema)
	if err != nil {
		return Escalatie{}, fmt.Errorf("escalatie in %s: %w", gebied, err)
	}
	for _, spoor := range []struct {
		stappen []EscalatieStap
		naam    string
	}{{e.Ambtelijk, "ambtelijk"}, {e.Bestuurlijk, "bestuurlijk"}} {
		for i := range spoor.stappen {
			st := &spoor.stappen[i]
			st.Uitleg = fmt.Sprintf("Stap %d, %s: lukt het niet bij %s, schaal dan op naar %s.", st.Volgorde, spoor.naam, naam(st.Van), naam(st.Naar))
			if st.PastBijThema {
				st.Uitleg += " Deze rol gaat over het gevraagde thema."
			}
		}
	}
	return e, nil
}

// Verouderd returns the records about a gebied that nobody confirmed since
// ouderDan, grouped by steward, largest group first, among the records the
// viewer may see (laatstBevestigd is on every card it may read).
func (s *Service) Verouderd(ctx context.Context, gebied string, ouderDan time.Time) ([]VerouderdGroep, error) {
	v := ViewerFrom(ctx)
	gebied, err := checkVerwijzing("gebied", gebied, true)
	if err != nil {
		return nil, err
	}
	if ouderDan.IsZero() {
		return nil, &Error{Code: EINVALID, Field: "ouderDan", Message: "is verplicht"}
	}
	vs, err := s.vragen()
	if err != nil {
		return nil, err
	}
	out, err := vs.Verouderd(ctx, v, gebied, dag(ouderDan))
	if err != nil {
		return nil, fmt.Errorf("verouderd in %s: %w", gebied, err)
	}
	return out, nil
}

// waarom explains an aanspreekpunt in plain Dutch.
func waarom(a Aanspreekpunt, niveau Niveau) string {
	var b strings.Builder
	b.WriteString(naam(a.Wie))
	if a.Organisatie != nil {
		fmt.Fprintf(&b, " (%s)", naam(*a.Organisatie))
	}
	switch a.Afstand {
	case AfstandGebied:
		fmt.Fprintf(&b, " werkt in %s %s zelf", soortTekst(a.Via), naam(a.Via))
	case AfstandWijk:
		fmt.Fprintf(&b, " werkt voor de hele wijk %s", naam(a.Via))
	case AfstandDienstgebied:
		fmt.Fprintf(&b, " werkt voor het dienstgebied %s, waar de wijk onder valt", naam(a.Via))
	default:
		fmt.Fprintf(&b, " werkt voor de hele gemeente %s", naam(a.Via))
	}
	if a.Afstand > AfstandGebied {
		b.WriteString("; dichterbij is niemand gevonden")
	}
	if a.Thema != nil {
		fmt.Fprintf(&b, ", aan het thema %s", strings.ToLower(naam(*a.Thema)))
	}
	if n, _ := a.Wie.Props["niveau"].(string); n != "" {
		fmt.Fprintf(&b, ", op %s niveau", niveauTekst(Niveau(n)))
	}
	b.WriteString(".")
	if ap, _ := a.Wie.Props["aanspreekpunt"].(bool); ap {
		b.WriteString(" Aangewezen als aanspreekpunt.")
	}
	if !a.Actueel {
		if tot := tijd(a.Wie.Props["geldigTot"]); tot != nil {
			fmt.Fprintf(&b, " Let op: geldig tot %s; er is geen actuele functie gevonden.", datum(*tot))
		} else {
			b.WriteString(" Let op: nog niet geldig; er is geen actuele functie gevonden.")
		}
	}
	if t := tijd(a.Wie.Props["laatstBevestigd"]); t != nil {
		fmt.Fprintf(&b, " Laatst bevestigd op %s.", datum(*t))
	}
	switch {
	case len(a.Personen) > 0 && len(a.Kanalen) > 0:
		b.WriteString(" Bereikbaar via de kanalen hieronder.")
	case a.KanaalVan == "ORGANISATIE":
		b.WriteString(" Neem contact op via de organisatie.")
	case a.KanaalVan == "EIGEN":
		b.WriteString(" Neem contact op via de kanalen hieronder.")
	case len(a.Kanalen) > 0:
		b.WriteString(" Neem contact op via de functie, niet via een persoon.")
	}
	return b.String()
}

// naam returns the display name of a record.
func naam(n Node) string {
	if t, ok := RecordTypes[n.Type]; ok {
		if s, ok := n.Props[t.NameField].(string); ok {
			return s
		}
	}
	return n.ID()
}

func tijd(v any) *time.Time {
	if t, ok := v.(time.Time); ok {
		return &t
	}
	return nil
}

func datum(t time.Time) string { return t.Format("2-1-2006") }

func soortTekst(g Node) string {
	s, _ := g.Props["soort"].(string)
	return strings.ToLower(s)
}

func niveauTekst(n Niveau) string {
	switch n {
	case Bestuurlijk:
		return "bestuurlijk"
	case Managerial:
		return "managerial"
	case Frontlijn:
		return "frontlijn"
	}
	return string(n)
}

func niveausTekst(ns []Niveau) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = niveauTekst(n) + " niveau"
	}
	return strings.Join(parts, " en ")
}
