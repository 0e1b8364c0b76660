package kaart

import (
	"context"
	"fmt"
)

// Rol is what an API key or login may do.
type Rol string

const (
	Anoniem   Rol = "ANONIEM"
	Partner   Rol = "PARTNER"   // bound to one organisation
	Regisseur Rol = "REGISSEUR" // bound to gebieden in one gemeente
	Beheerder Rol = "BEHEERDER" // bound to a gemeente, or platform-wide when Gemeente is empty
)

// Viewer is who asks. The zero value is an anonymous resident.
type Viewer struct {
	Rol         Rol
	Organisatie string   // Partner
	Gebieden    []string // Regisseur
	Gemeente    string   // Regisseur and Beheerder; empty Beheerder = platform
	SleutelID   string   // the API key used, for logs and audit
	GebruikerID string   // the person logged in (OIDC or development login), for audit
	Naam        string   // how the history names this viewer ("Fatima (wijkregisseur)")

	// What the binding above reaches, filled in once per request by
	// ResolveViewer so that no read has to walk a tree per row. Until it is
	// resolved a viewer reaches only its binding itself (deny by default).

	// Organisaties is a partner's Organisatie and all its sub-organisaties
	// (ONDERDEEL_VAN, any depth).
	Organisaties []string
	// Werkgebied is a regisseur's Gebieden that lie in its Gemeente, and
	// every gebied under them: buurten of a wijk (DEEL_VAN), the wijken a
	// dienstgebied covers (OMVAT) and, for a whole gemeente, all its gebieden.
	Werkgebied []string
	// Thuis is a partner's home gemeenten: those of its Organisaties, the
	// only gemeenten it adds records in.
	Thuis []string
	// Resolved says Organisaties, Werkgebied and Thuis are filled in (and
	// may rightly be empty).
	Resolved bool
}

// Door names the viewer in history and in the review queue: the person or the
// API key, never a secret.
func (v Viewer) Door() string {
	switch {
	case v.Naam != "":
		return v.Naam
	case v.GebruikerID != "":
		return "gebruiker " + v.GebruikerID
	case v.SleutelID != "":
		return "sleutel " + v.SleutelID
	}
	return "anoniem"
}

// Scope is the policy for one viewer in the form the store renders as
// Cypher (internal/neo4j/scope.go) and the search index as a Bleve query
// (search/query.go audienceQuery). A record (or relationship) is reached
// when any one of these holds:
//
//   - All is set (platform beheerder);
//   - its zichtbaarheid is in Everywhere (reads only);
//   - its gemeente is in Gemeenten (gemeente beheerder);
//   - its beheerder, or its own id, is in Organisaties (partner: what its
//     organisations steward, and those organisations themselves);
//   - it lies in Werkgebied (regisseur): it is one of those gebieden, its
//     gemeente is one of them (a regisseur of a whole gemeente), or it
//     serves one of them (BEDIENT). A relationship lies in a werkgebied only
//     through its gemeente, so a wijk regisseur does not see INTERN
//     relationships; the records at both ends it may still see.
//
// Writes add two rules for a regisseur (Gemeente is set): it changes only
// records whose home gemeente is Gemeente, never a regional organisation
// (an Organisatie that serves any gebied outside Werkgebied, or none), and
// it may change a record of a type that can serve a gebied but serves none
// yet (PlaatsbareTypes), so that what it adds can be placed in its wijk.
//
// New records and links have rules of their own: MayAdd and MayLink.
type Scope struct {
	Everywhere   []string
	Gemeenten    []string
	Organisaties []string
	Werkgebied   []string
	// Gemeente is a regisseur's gemeente, in write scopes only.
	Gemeente string
	// Thuis is a partner's home gemeenten (Viewer.Thuis), in write scopes
	// only: where it adds records (AddsIn). The store's Cypher does not
	// need it: a partner changes the records its organisations steward
	// wherever they are.
	Thuis []string
	All   bool
}

// PlaatsbareTypes are the record types a regisseur may add and, while
// they serve no gebied yet, change, to place them in its werkgebied: those
// that can serve a gebied (BEDIENT), except Organisatie. An organisation
// not bound to the regisseur's gebieden is regional, and its own record is
// the gemeente's (or its own) to keep.
func PlaatsbareTypes() []string {
	var out []string
	for _, t := range RelationTypes["BEDIENT"].From {
		if t != OrganisatieType.Name {
			out = append(out, t)
		}
	}
	return out
}

// stewards is the organisations a partner acts for: its resolved tree, or
// only its own organisation while unresolved.
func (v Viewer) stewards() []string {
	if v.Resolved {
		return v.Organisaties
	}
	if v.Organisatie == "" {
		return nil
	}
	return []string{v.Organisatie}
}

// thuis is a partner's resolved home gemeenten; none while unresolved
// (deny by default: an unresolved partner adds nothing).
func (v Viewer) thuis() []string {
	if v.Resolved {
		return v.Thuis
	}
	return nil
}

// werkgebied is a regisseur's resolved werkgebied, or only its bound
// gebieden while unresolved.
func (v Viewer) werkgebied() []string {
	if v.Resolved {
		return v.Werkgebied
	}
	return v.Gebieden
}

// readableByAccounts is what every logged-in role reads everywhere.
func readableByAccounts() []string { return []string{string(Openbaar), string(Partners)} }

// ReadScope is the one rule of who may see what. Every logged-in role
// sees OPENBAAR and PARTNERS everywhere; INTERN only within its reach.
// Unknown roles read as anonymous residents.
func (v Viewer) ReadScope() Scope {
	switch v.Rol {
	case Partner:
		if orgs := v.stewards(); len(orgs) > 0 {
			return Scope{Everywhere: readableByAccounts(), Organisaties: orgs}
		}
	case Regisseur:
		if v.Gemeente != "" {
			return Scope{Everywhere: readableByAccounts(), Werkgebied: v.werkgebied()}
		}
	case Beheerder:
		if v.Gemeente == "" {
			return Scope{All: true}
		}
		return Scope{Everywhere: readableByAccounts(), Gemeenten: []string{v.Gemeente}}
	}
	return Scope{Everywhere: []string{string(Openbaar)}}
}

// WriteScope is the rule of who may change what. Anonymous viewers and
// unknown roles change nothing.
func (v Viewer) WriteScope() Scope {
	switch v.Rol {
	case Partner:
		if orgs := v.stewards(); len(orgs) > 0 {
			return Scope{Everywhere: []string{}, Organisaties: orgs, Thuis: v.thuis()}
		}
	case Regisseur:
		if v.Gemeente != "" {
			return Scope{Everywhere: []string{}, Werkgebied: v.werkgebied(), Gemeente: v.Gemeente}
		}
	case Beheerder:
		if v.Gemeente == "" {
			return Scope{Everywhere: []string{}, All: true}
		}
		return Scope{Everywhere: []string{}, Gemeenten: []string{v.Gemeente}}
	}
	return Scope{Everywhere: []string{}}
}

// MayCreate is the part of the create rule the store cannot see from the
// new record alone: every role adds records only in a gemeente it adds in
// (Scope.AddsIn; checked first, so that the answer says so); a partner adds
// records only for its own organisations (stewarded by one, and a functie,
// aanbod or sub-organisation only at one), no new organisation beside its
// own (only a part of one: onderdeelVan) and no gebieden (the gemeente's
// tree is not a partner's to draw); a regisseur adds gebieden only under
// its werkgebied, and other records only of a type it can then place in
// its werkgebied. It sets a partner's beheerder when the input gives none.
// The store then checks the rest (WriteScope.MayAdd) in the same
// transaction as the create.
func (v Viewer) MayCreate(t *RecordType, val Validated) error {
	if g, _ := val.Props["gemeente"].(string); g != "" {
		if err := v.WriteScope().addIn(t, g); err != nil {
			return err
		}
	}
	switch v.Rol {
	case Partner:
		if t == GebiedType {
			return Errorf(EFORBIDDEN, "Een partner kan geen gebieden toevoegen; vraag de beheerder van de gemeente.")
		}
		if t == OrganisatieType && val.Owner == nil {
			// A new organisation is not the partner's own: the gemeente
			// decides who is on its map.
			return &Error{Code: EFORBIDDEN, Field: "input.onderdeelVan", Message: fmt.Sprintf(
				"U kunt alleen een onderdeel van uw eigen organisatie toevoegen (geef onderdeelVan). Een nieuwe organisatie voegt de beheerder van de gemeente toe: stel het voor met een melding op de gemeente (meldFout met record %q).", val.Props["gemeente"])}
		}
		if o := t.Owner; o != nil && val.Owner != nil && len(o.Types) == 1 && o.Types[0] == OrganisatieType.Name && !contains(v.stewards(), val.Owner.ID) {
			// A functie, aanbod or sub-organisation of another
			// organisation is that organisation's to add.
			return &Error{Code: EFORBIDDEN, Field: val.Owner.Field, Message: "U kunt dit alleen toevoegen bij uw eigen organisatie."}
		}
		b, ok := val.Props["beheerder"].(string)
		if !ok {
			val.Props["beheerder"] = v.Organisatie
			return nil
		}
		if !contains(v.stewards(), b) {
			return &Error{Code: EFORBIDDEN, Field: "input.beheerder", Message: "U kunt alleen records beheren voor uw eigen organisatie."}
		}
	case Regisseur:
		if t == GebiedType {
			if val.Owner == nil || !contains(v.werkgebied(), val.Owner.ID) {
				return &Error{Code: EFORBIDDEN, Field: "input.ouder", Message: "U kunt alleen gebieden toevoegen binnen uw eigen gebieden."}
			}
			return nil
		}
		if g, _ := val.Props["gemeente"].(string); !contains(PlaatsbareTypes(), t.Name) && !contains(v.werkgebied(), g) {
			return Errorf(EFORBIDDEN, "Een regisseur kan geen %s toevoegen; vraag de beheerder van de gemeente.", t.Name)
		}
	}
	return nil
}

// AddsIn reports whether the scope adds records in gemeente g: the
// platform beheerder everywhere, a gemeente beheerder and a regisseur in
// their own gemeente, a partner in its home gemeenten (Thuis), anyone
// else nowhere.
func (s Scope) AddsIn(g string) bool {
	switch {
	case s.All:
		return true
	case s.Gemeente != "":
		return g == s.Gemeente
	case len(s.Gemeenten) > 0:
		return contains(s.Gemeenten, g)
	}
	return contains(s.Thuis, g)
}

// MayAdd is the create rule the store applies, in the transaction that
// adds a record of type t with this gemeente, steward and id: the record
// lies in a gemeente the scope adds in (AddsIn) and falls inside the scope
// (Allows). It returns nil, or FORBIDDEN saying what to do instead.
// A new gemeente (a Gebied that is its own gemeente) is judged by Allows
// alone.
func (s Scope) MayAdd(t *RecordType, gemeente, beheerder, id string) error {
	if !(t == GebiedType && gemeente == id) {
		if err := s.addIn(t, gemeente); err != nil {
			return err
		}
	}
	if !s.Allows(gemeente, beheerder, id) {
		return Errorf(EFORBIDDEN, "U mag hier geen %s toevoegen.", t.Name)
	}
	return nil
}

// addIn is AddsIn as an answer: nil, or FORBIDDEN. A scope that adds in
// some gemeente is told that the record belongs to another one and how
// to propose it there: a melding on that gemeente, which lands in the
// review queue of its beheerder.
func (s Scope) addIn(t *RecordType, gemeente string) error {
	if s.AddsIn(gemeente) {
		return nil
	}
	if !s.All && s.Gemeente == "" && len(s.Gemeenten) == 0 && len(s.Thuis) == 0 {
		return Errorf(EFORBIDDEN, "U mag hier geen %s toevoegen.", t.Name)
	}
	field := "input.gemeente"
	if t == GebiedType {
		field = "input.ouder"
	}
	return &Error{Code: EFORBIDDEN, Field: field, Message: fmt.Sprintf(
		"U kunt hier geen %s toevoegen: dat kan alleen in uw eigen gemeente, en dit hoort bij gemeente %q. Stel het voor aan de beheerder van die gemeente met een melding op de gemeente (meldFout met record %q); die komt in hun beoordelingswachtrij.",
		t.Name, gemeente, gemeente)}
}

// LinkEnds is what the store finds, inside the transaction of a new link,
// about the two records it joins, as the viewer may change them.
type LinkEnds struct {
	FromType, FromGemeente string
	ToType, ToGemeente     string
	MayChangeFrom          bool
	MayChangeTo            bool
}

// MayLink is the rule of who may link two (visible) records: a link is part
// of the record it starts from, so who may change that record may link it
// to a record of the same gemeente. Two kinds of link also change the
// record they go to, and then the viewer must be allowed to change that
// record too:
//
//   - a link to a record in another gemeente: it puts the starting record
//     on that gemeente's map (BEDIENT a gebied there, LID_VAN a coalitie
//     there), and that gemeente's beheerder could not undo it (the link
//     belongs to the gemeente of its start). So a link across gemeenten is
//     made by who may change both records: the platform beheerder, or a
//     partner whose organisations steward both;
//   - BEKLEEDT: who holds a functie is for the functie's organisation to
//     say, so a partner cannot make its person staff of another
//     organisation.
//
// It returns nil, or FORBIDDEN saying what to do instead.
func MayLink(r *RelationType, from, to string, e LinkEnds) error {
	switch {
	case !e.MayChangeFrom:
		return Errorf(EFORBIDDEN, "U mag %s %q niet wijzigen.", e.FromType, from)
	case e.MayChangeTo:
		return nil
	case e.FromGemeente != e.ToGemeente:
		return &Error{Code: EFORBIDDEN, Field: "input.naar", Message: fmt.Sprintf(
			"%s %q hoort bij een andere gemeente (%q). Een koppeling tussen twee gemeenten legt alleen wie beide records mag wijzigen. Stel het voor aan de beheerder van gemeente %q met een melding op de gemeente (meldFout met record %q).",
			e.ToType, to, e.ToGemeente, e.ToGemeente, e.ToGemeente)}
	case r.Name == "BEKLEEDT":
		return &Error{Code: EFORBIDDEN, Field: "input.naar", Message: fmt.Sprintf(
			"Wie functie %q bekleedt, legt de organisatie van die functie vast. Stel het voor aan de beheerder van de functie met een melding (meldFout met record %q).", to, to)}
	}
	return nil
}

// MaySteward reports whether a partner may hand a record to beheerder b
// (nil: to no one): only to one of its own organisations. Other roles may
// name any steward.
func (v Viewer) MaySteward(b any) bool {
	s, _ := b.(string)
	return v.Rol != Partner || contains(v.stewards(), s)
}

// ViewerResolver fills in what a viewer's binding reaches (Organisaties,
// Werkgebied). The neo4j store implements it; call it once per request,
// after the credential is checked (API key or login session).
type ViewerResolver interface {
	ResolveViewer(ctx context.Context, v Viewer) (Viewer, error)
}

// ResolveViewer resolves v with store when the store is a ViewerResolver,
// and returns v unchanged otherwise.
func ResolveViewer(ctx context.Context, store any, v Viewer) (Viewer, error) {
	r, ok := store.(ViewerResolver)
	if !ok {
		return v, nil
	}
	out, err := r.ResolveViewer(ctx, v)
	if err != nil {
		return Viewer{}, fmt.Errorf("resolve viewer: %w", err)
	}
	return out, nil
}

// ResolveViewer resolves v with the service's store; see ViewerResolver.
// A login (OIDC or development) calls it when it builds its viewer.
func (s *Service) ResolveViewer(ctx context.Context, v Viewer) (Viewer, error) {
	return ResolveViewer(ctx, s.Store, v)
}

// Authenticated reports whether the viewer presented a valid credential.
func (v Viewer) Authenticated() bool { return v.Rol != "" && v.Rol != Anoniem }

type viewerKey struct{}

// WithViewer returns a context carrying v.
func WithViewer(ctx context.Context, v Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// ViewerFrom returns the viewer in ctx, anonymous when there is none.
func ViewerFrom(ctx context.Context) Viewer {
	v, _ := ctx.Value(viewerKey{}).(Viewer)
	if v.Rol == "" {
		v.Rol = Anoniem
	}
	return v
}

// Allows reports whether a record with this gemeente, steward and id falls
// inside the scope, judged without its relationships (and without looking
// at zichtbaarheid): the store uses it for a record it is about to create,
// which serves no gebied yet.
func (s Scope) Allows(gemeente, beheerder, id string) bool {
	switch {
	case s.All:
		return true
	case gemeente != "" && contains(s.Gemeenten, gemeente):
		return true
	case contains(s.Organisaties, beheerder) || contains(s.Organisaties, id):
		return true
	case s.Gemeente != "":
		// A regisseur adds records in its gemeente and then places them.
		return gemeente == s.Gemeente
	}
	return contains(s.Werkgebied, gemeente) || contains(s.Werkgebied, id)
}
