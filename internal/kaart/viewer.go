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
	// Resolved says Organisaties and Werkgebied are filled in (and may
	// rightly be empty).
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
type Scope struct {
	Everywhere   []string
	Gemeenten    []string
	Organisaties []string
	Werkgebied   []string
	// Gemeente is a regisseur's gemeente, in write scopes only.
	Gemeente string
	All      bool
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
			return Scope{Everywhere: []string{}, Organisaties: orgs}
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
// new record alone: a partner adds records only for its own organisations
// (stewarded by one, and a functie, aanbod or sub-organisation only at one)
// and adds no gebieden (the gemeente's tree is not a partner's to draw); a
// regisseur adds gebieden only under its werkgebied, and other records only
// of a type it can then place in its werkgebied. It sets a partner's
// beheerder when the input gives none. The store then checks the rest
// (WriteScope.Allows) in the same transaction as the create.
func (v Viewer) MayCreate(t *RecordType, val Validated) error {
	switch v.Rol {
	case Partner:
		if t == GebiedType {
			return Errorf(EFORBIDDEN, "Een partner kan geen gebieden toevoegen; vraag de beheerder van de gemeente.")
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
