package kaart

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
)

// Search: the types the search index (package search) and the store share,
// and the service methods behind GraphQL zoek and suggesties.
//
// Visibility is part of the index: the store hands the indexer every text of
// a card together with who may see each element on the way to it (the card,
// the relationship, the related record), and the indexer writes one document
// per audience, and stores each card's own record with its documents. A
// search answers from the index alone: a mutation that narrows visibility
// or erases data brings the index up to date before it returns (syncZoek),
// and while that has failed, searches read their hits from the store, which
// checks visibility again in the database.

// CardTypes are the record types that are a search card: one hit is one
// card a person can act on. Other records (gebieden, themas, doelgroepen,
// contactgegevens, afspraken, opgaven) only add text to the cards they are
// linked to.
var CardTypes = []string{"Organisatie", "Aanbod", "Persoon", "Functie", "Netwerk", "Overleg", "Coalitie", "Initiatief", "Locatie"}

// IsCardType reports whether records of this type are search cards.
func IsCardType(t string) bool { return contains(CardTypes, t) }

// Bereik is who may see one element on the way to a text: its zichtbaarheid
// and the scope fields Viewer.ReadScope looks at.
type Bereik struct {
	Zichtbaarheid Zichtbaarheid
	Gemeente      string
	Beheerder     string
	ID            string
}

// Kaarttekst is one piece of text or one facet value of a card. Via lists
// every element the text is reached through (relationships and records
// besides the card itself); the text is visible only where all are.
type Kaarttekst struct {
	// Veld is the index field: naam, tekst, contact, gebied, wijk, thema,
	// sector, niveau, omgeving, or punt (a place on the map, "lat,lon").
	Veld   string
	Waarde string
	Via    []Bereik
}

// Zoekkaart is one card as the store hands it to the indexer.
type Zoekkaart struct {
	ID      string
	Type    string
	Naam    string
	Zelf    Bereik
	Versie  int
	Teksten []Kaarttekst
	// Node is the card's own record as the store reads it (Store.Get): a
	// search answers its hits with it from the index. Every audience with
	// a document for the card may see the card itself, so it goes into
	// each of them alike.
	Node Node
}

// Steward is the organisation that stewards the card for visibility: its
// beheerder, or the card itself when it has none.
func (k Zoekkaart) Steward() string {
	if k.Zelf.Beheerder != "" {
		return k.Zelf.Beheerder
	}
	return k.ID
}

// OutboxPositie is a position in the outbox: the transaction's sequence
// number and the entry within it.
type OutboxPositie struct {
	Seq int64 `json:"seq"`
	N   int64 `json:"n"`
}

// Before reports whether p comes before q.
func (p OutboxPositie) Before(q OutboxPositie) bool {
	return p.Seq < q.Seq || (p.Seq == q.Seq && p.N < q.N)
}

// OutboxItem is one change noted by the store: only the record's id.
type OutboxItem struct {
	Positie  OutboxPositie
	RecordID string
}

// KaartBron is what the indexer reads from the store. Gemeenten, when not
// empty, limits every call to those gemeenten (tests share one database).
type KaartBron interface {
	// Outbox returns up to limit items after pos, in commit order.
	Outbox(ctx context.Context, after OutboxPositie, gemeenten []string, limit int) ([]OutboxItem, error)
	// OutboxHead returns the position of the last item written.
	OutboxHead(ctx context.Context, gemeenten []string) (OutboxPositie, error)
	// AckOutbox removes the items up to and including pos.
	AckOutbox(ctx context.Context, upto OutboxPositie, gemeenten []string) error
	// AffectedCards returns the card ids whose documents depend on the
	// given records: the records themselves when they are cards (or no
	// longer exist), and the cards linked to them.
	AffectedCards(ctx context.Context, ids []string) ([]string, error)
	// Cards loads the cards among ids that exist; missing ones are left out.
	Cards(ctx context.Context, ids []string) ([]Zoekkaart, error)
	// CardIDs pages through every card id after the given id, in id order.
	CardIDs(ctx context.Context, afterID string, gemeenten []string, limit int) ([]string, error)
}

// ZoekFilters narrow a search. Empty fields do not filter.
type ZoekFilters struct {
	Types []string
	// Gebied includes its sub-areas: a wijk finds what serves its buurten.
	Gebied string
	Sector string
	Thema  string
	Niveau string
	// Nabij keeps the cards with a place (their own or a locatie they are
	// at) within a distance of a point.
	Nabij *Nabij
}

// Nabij is a point (WGS84) and a radius in kilometres.
type Nabij struct {
	Lat, Lon, Km float64
}

// MaxNabijKm is the largest radius of a distance filter: a sociale kaart is
// about the neighbourhood, and a wider circle would only cost time.
const MaxNabijKm = 50

// check returns EINVALID naming the field at fault.
func (n Nabij) check() error {
	var errs ValidationErrors
	if !(n.Lat >= -90 && n.Lat <= 90) {
		errs = append(errs, &Error{Code: EINVALID, Field: "filters.nabij.lat", Message: "moet tussen -90 en 90 liggen (breedtegraad, WGS84)"})
	}
	if !(n.Lon >= -180 && n.Lon <= 180) {
		errs = append(errs, &Error{Code: EINVALID, Field: "filters.nabij.lon", Message: "moet tussen -180 en 180 liggen (lengtegraad, WGS84)"})
	}
	if !(n.Km > 0 && n.Km <= MaxNabijKm) {
		errs = append(errs, &Error{Code: EINVALID, Field: "filters.nabij.km", Message: fmt.Sprintf("moet groter dan 0 en hoogstens %d zijn", MaxNabijKm)})
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// ZoekVraag is one search.
type ZoekVraag struct {
	Tekst   string
	Filters ZoekFilters
	First   int
	After   string
	// Facetten asks for the facet counts. They cost a read of five fields
	// of every hit, so only callers that show them ask.
	Facetten bool
}

// MaxZoekLengte is the longest search text, in characters.
const MaxZoekLengte = 200

// FacetWaarde is one value of a facet and how many visible cards have it.
type FacetWaarde struct {
	Waarde string
	Aantal int
}

// Facet counts the visible cards per value of one field.
type Facet struct {
	Veld    string
	Waarden []FacetWaarde
}

// ZoekTreffer is one hit: the card id, its score and a highlighted snippet
// (HTML-escaped, with <mark> around the matches). Node is the card's record
// as the index stored it; the service reads from the store the hits it
// lacks.
type ZoekTreffer struct {
	ID      string
	Type    string
	Score   float64
	Snippet string
	Cursor  string
	Node    Node
	// Kaart is Node decoded by the API layer, so nested fields of all hits
	// load together.
	Kaart any
}

// ZoekResultaat is one page of hits with the facet counts of all hits.
type ZoekResultaat struct {
	Treffers    []ZoekTreffer
	Totaal      int
	Facetten    []Facet
	HasNextPage bool
}

// Suggestie is one type-ahead proposal: a card's name.
type Suggestie struct {
	ID   string
	Type string
	Naam string
}

// Zoekindex is the search index as the service uses it.
type Zoekindex interface {
	// Zoek returns one page of the cards v may see matching q. Errors:
	// EINVALID for a bad cursor or filter.
	Zoek(ctx context.Context, v Viewer, q ZoekVraag) (ZoekResultaat, error)
	Suggesties(ctx context.Context, v Viewer, tekst string, max int) ([]Suggestie, error)
	// Bijwerken applies every change in the outbox before it returns.
	Bijwerken(ctx context.Context) error
	Synoniemen() [][]string
	ZetSynoniemen(ctx context.Context, groepen [][]string) error
}

// CheckZoektekst returns the search text trimmed, or EINVALID.
func CheckZoektekst(field, s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", &Error{Code: EINVALID, Field: field, Message: "bevat ongeldige tekens"}
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if s == "" {
		return "", &Error{Code: EINVALID, Field: field, Message: "is leeg; typ waar u naar zoekt"}
	}
	if n := utf8.RuneCountInString(s); n > MaxZoekLengte {
		return "", &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf("is te lang: %d tekens, maximaal %d", n, MaxZoekLengte)}
	}
	return s, nil
}

func (s *Service) zoekindex() (Zoekindex, error) {
	if s.Zoek == nil {
		return nil, Errorf(EUNAVAILABLE, "Zoeken is op deze server niet ingeschakeld.")
	}
	return s.Zoek, nil
}

// Zoeken searches the cards the viewer may see, in score order, and answers
// with the records the index stored. Hits without one (an index of an
// older mapping answering during its rebuild), and every hit while the
// index may lag behind a narrowing change (zoekBij), are read from the
// store in one statement; a hit the store no longer shows the viewer is
// left out.
func (s *Service) Zoeken(ctx context.Context, q ZoekVraag) (ZoekResultaat, error) {
	idx, err := s.zoekindex()
	if err != nil {
		return ZoekResultaat{}, err
	}
	if q.Tekst, err = CheckZoektekst("tekst", q.Tekst); err != nil {
		return ZoekResultaat{}, err
	}
	switch {
	case q.First == 0:
		q.First = DefaultPageSize
	case q.First < 0 || q.First > MaxPageSize:
		return ZoekResultaat{}, &Error{Code: EINVALID, Field: "first", Message: fmt.Sprintf("moet tussen 1 en %d liggen", MaxPageSize)}
	}
	if q.Filters.Niveau != "" {
		n, ok := ParseNiveau(q.Filters.Niveau)
		if !ok {
			return ZoekResultaat{}, &Error{Code: EINVALID, Field: "filters.niveau", Message: "is geen bekend niveau"}
		}
		q.Filters.Niveau = string(n)
	}
	if q.Filters.Nabij != nil {
		if err := q.Filters.Nabij.check(); err != nil {
			return ZoekResultaat{}, err
		}
	}
	for _, t := range q.Filters.Types {
		if !IsCardType(t) {
			return ZoekResultaat{}, &Error{Code: EINVALID, Field: "filters.types", Message: fmt.Sprintf("%q is geen zoekbaar type; kies uit %s", t, strings.Join(CardTypes, ", "))}
		}
	}
	v := ViewerFrom(ctx)
	// Before the search, so that the index it reads has caught up.
	uitIndex := s.zoekBij(ctx, idx)
	res, err := idx.Zoek(ctx, v, q)
	if err != nil {
		return ZoekResultaat{}, fmt.Errorf("zoek: %w", err)
	}
	var ids []string
	for i, t := range res.Treffers {
		if !uitIndex || t.Node.Type == "" {
			res.Treffers[i].Node = Node{}
			ids = append(ids, t.ID)
		}
	}
	if len(ids) == 0 {
		return res, nil
	}
	nodes, err := s.Store.Get(ctx, v, CardTypes, ids)
	if err != nil {
		return ZoekResultaat{}, fmt.Errorf("zoek: hits ophalen: %w", err)
	}
	kept := res.Treffers[:0]
	for _, t := range res.Treffers {
		if t.Node.Type != "" {
			kept = append(kept, t)
		} else if n, ok := nodes[t.ID]; ok {
			t.Node = n
			kept = append(kept, t)
		}
	}
	res.Treffers = kept
	return res, nil
}

// Suggesties proposes card names that start with what was typed.
func (s *Service) Suggesties(ctx context.Context, tekst string) ([]Suggestie, error) {
	idx, err := s.zoekindex()
	if err != nil {
		return nil, err
	}
	if tekst, err = CheckZoektekst("tekst", tekst); err != nil {
		return nil, err
	}
	return idx.Suggesties(ctx, ViewerFrom(ctx), tekst, 10)
}

// Synoniemen returns the synonym groups the search applies.
func (s *Service) Synoniemen(ctx context.Context) ([][]string, error) {
	idx, err := s.zoekindex()
	if err != nil {
		return nil, err
	}
	return idx.Synoniemen(), nil
}

// ZetSynoniemen replaces the synonym groups; only a beheerder may, and the
// change applies to the next search.
func (s *Service) ZetSynoniemen(ctx context.Context, groepen [][]string) ([][]string, error) {
	idx, err := s.zoekindex()
	if err != nil {
		return nil, err
	}
	v := ViewerFrom(ctx)
	if err := requireLogin(v); err != nil {
		return nil, err
	}
	if v.Rol != Beheerder {
		return nil, Errorf(EFORBIDDEN, "Alleen een beheerder mag de synoniemen van de zoekfunctie wijzigen.")
	}
	var errs ValidationErrors
	clean := make([][]string, 0, len(groepen))
	for i, g := range groepen {
		var group []string
		for j, w := range g {
			w, err := CheckZoektekst(fmt.Sprintf("groepen.%d.%d", i, j), w)
			if err != nil {
				errs.Add(fmt.Sprintf("groepen.%d.%d", i, j), "is leeg of ongeldig")
				continue
			}
			group = append(group, w)
		}
		if len(group) < 2 {
			errs.Add(fmt.Sprintf("groepen.%d", i), "heeft minstens twee woorden nodig")
			continue
		}
		clean = append(clean, group)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if err := idx.ZetSynoniemen(ctx, clean); err != nil {
		return nil, fmt.Errorf("synoniemen: %w", err)
	}
	return idx.Synoniemen(), nil
}

// syncZoek brings the index up to date before a mutation that narrows
// visibility or erases data returns; the outbox is the backstop when it
// fails, so a failure is not the mutation's error. Until the index has
// caught up after such a failure, searches read their hits from the store
// (zoekBij), so what was hidden or erased is never answered from the index.
func (s *Service) syncZoek(ctx context.Context) error {
	if s.Zoek == nil {
		return nil
	}
	err := s.Zoek.Bijwerken(ctx)
	if err != nil {
		s.zoek.mu.Lock()
		s.zoek.achter++
		s.zoek.mu.Unlock()
	}
	return err
}

// zoekStand counts the narrowing changes whose index update failed
// (achter) and how many of those a later update has covered (bij).
type zoekStand struct {
	mu          sync.Mutex
	achter, bij int64
}

// zoekBij reports whether hits may be answered from the index: no narrowing
// change is waiting for it, or an update run now brought it up to date
// (Bijwerken applies everything committed before it is called, so it covers
// every failure counted before).
func (s *Service) zoekBij(ctx context.Context, idx Zoekindex) bool {
	s.zoek.mu.Lock()
	achter, bij := s.zoek.achter, s.zoek.bij
	s.zoek.mu.Unlock()
	if achter == bij {
		return true
	}
	if err := idx.Bijwerken(ctx); err != nil {
		return false
	}
	s.zoek.mu.Lock()
	s.zoek.bij = max(s.zoek.bij, achter)
	s.zoek.mu.Unlock()
	return true
}

// narrows reports whether an update may hide or erase indexed data.
func narrows(props map[string]any) bool {
	for k, v := range props {
		if v == nil || k == "zichtbaarheid" || k == "beheerder" {
			return true
		}
	}
	return false
}

// KaartjeVraag asks for records with what surrounds them in one read: the
// cards of the resident pages, so a page of cards costs one statement
// however many relations a card shows.
type KaartjeVraag struct {
	// Types limits the records' types; empty means any.
	Types []string
	IDs   []string
	// Buren are the relations to read from each record; From is ignored.
	Buren []NeighbourQuery
	// Verder, when set, is read from every neighbour reached over one of
	// the relations named in Via (followed outgoing): an aanbod's
	// organisation's contact. From is ignored.
	Via    []string
	Verder *NeighbourQuery
}

// Kaartje is one record with its visible neighbours. A neighbour's
// Koppeling carries only its id, soort, van, naar, niveau, geldigVan and
// geldigTot: whether it is current, not all it says.
type Kaartje struct {
	Node Node
	// Buren holds the neighbours per relation, in the order of
	// KaartjeVraag.Buren, each list by name.
	Buren [][]Neighbour
	// Verder holds the neighbours over KaartjeVraag.Verder, by the id of
	// the neighbour reached over Via.
	Verder map[string][]Neighbour
}

// KaartjeBron is a store that reads cards with their surroundings in one
// statement.
type KaartjeBron interface {
	Kaartjes(ctx context.Context, v Viewer, q KaartjeVraag) (map[string]Kaartje, error)
}

// Kaartjes returns the records among q.IDs the viewer may see, with their
// visible neighbours, keyed by id. A store that is not a KaartjeBron is
// asked one relation at a time.
func (s *Service) Kaartjes(ctx context.Context, q KaartjeVraag) (map[string]Kaartje, error) {
	v := ViewerFrom(ctx)
	if b, ok := s.Store.(KaartjeBron); ok {
		return b.Kaartjes(ctx, v, q)
	}
	nodes, err := s.Store.Get(ctx, v, q.Types, q.IDs)
	if err != nil {
		return nil, err
	}
	out := map[string]Kaartje{}
	var ids []string
	for id, n := range nodes {
		ids = append(ids, id)
		out[id] = Kaartje{Node: n, Buren: make([][]Neighbour, len(q.Buren)), Verder: map[string][]Neighbour{}}
	}
	for i, nq := range q.Buren {
		nq.From = ids
		got, err := s.Neighbours(ctx, nq)
		if err != nil {
			return nil, err
		}
		for id, list := range got {
			out[id].Buren[i] = list
		}
	}
	if q.Verder == nil {
		return out, nil
	}
	for _, rel := range q.Via {
		got, err := s.Neighbours(ctx, NeighbourQuery{Relation: rel, Outgoing: true, From: ids})
		if err != nil {
			return nil, err
		}
		for id, list := range got {
			var via []string
			for _, nb := range list {
				via = append(via, nb.Node.ID())
			}
			nq := *q.Verder
			nq.From = via
			verder, err := s.Neighbours(ctx, nq)
			if err != nil {
				return nil, err
			}
			for vid, l := range verder {
				out[id].Verder[vid] = l
			}
		}
	}
	return out, nil
}
