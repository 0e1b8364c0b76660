package kaart

import "context"

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

// Scope is the policy for one viewer in the form the store applies in Cypher:
// a record is readable when its zichtbaarheid is in Everywhere, or its
// gemeente is in Gemeenten, or its steward (or the record itself) is
// Organisatie, or All is set. Write uses the same form without Everywhere.
type Scope struct {
	Everywhere  []string
	Gemeenten   []string
	Organisatie string
	All         bool
}

// ReadScope is the one rule of who may see what.
func (v Viewer) ReadScope() Scope {
	switch v.Rol {
	case Partner:
		return Scope{Everywhere: []string{string(Openbaar), string(Partners)}, Organisatie: v.Organisatie}
	case Regisseur:
		// Regisseurs "krijgen toegang tot alle informatie die betrekking heeft
		// op hun wijk" (001:1202); until records carry their wijk, the gemeente
		// of their gebieden bounds that.
		return Scope{Everywhere: []string{string(Openbaar), string(Partners)}, Gemeenten: []string{v.Gemeente}}
	case Beheerder:
		if v.Gemeente == "" {
			return Scope{All: true}
		}
		return Scope{Everywhere: []string{string(Openbaar), string(Partners)}, Gemeenten: []string{v.Gemeente}}
	}
	return Scope{Everywhere: []string{string(Openbaar)}}
}

// WriteScope is the rule of who may change what. Anonymous viewers change nothing.
func (v Viewer) WriteScope() Scope {
	switch v.Rol {
	case Partner:
		return Scope{Everywhere: []string{}, Organisatie: v.Organisatie}
	case Regisseur, Beheerder:
		if v.Rol == Beheerder && v.Gemeente == "" {
			return Scope{Everywhere: []string{}, All: true}
		}
		return Scope{Everywhere: []string{}, Gemeenten: []string{v.Gemeente}}
	}
	return Scope{Everywhere: []string{}}
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
// inside the scope (without looking at zichtbaarheid).
func (s Scope) Allows(gemeente, beheerder, id string) bool {
	if s.All {
		return true
	}
	for _, g := range s.Gemeenten {
		if g != "" && g == gemeente {
			return true
		}
	}
	return s.Organisatie != "" && (s.Organisatie == beheerder || s.Organisatie == id)
}
