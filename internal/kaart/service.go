package kaart

import (
	"context"
	"fmt"
)

// Service is what the API calls: it checks input and authentication, then
// asks the Store, which applies the viewer's scope in the database.
type Service struct {
	Store Store
	// Zoek is the search index; nil when search is off.
	Zoek Zoekindex
	// Voorstellen keeps proposals and reports; nil uses Store when it is one.
	Voorstellen VoorstelStore

	zoek zoekStand
}

// RecordType returns the named type or a BAD_USER_INPUT error.
func recordType(name string) (*RecordType, error) {
	t, ok := RecordTypes[name]
	if !ok {
		return nil, Errorf(EINVALID, "onbekend soort record %q", name)
	}
	return t, nil
}

func requireLogin(v Viewer) error {
	if !v.Authenticated() {
		return Errorf(EUNAUTHENTICATED, "Log in of gebruik een API-sleutel om de sociale kaart te wijzigen.")
	}
	return nil
}

// writer returns the viewer of a change to a record of the named type, after
// checking that the viewer is logged in and the type exists.
func writer(ctx context.Context, typeName string) (Viewer, *RecordType, error) {
	v := ViewerFrom(ctx)
	if err := requireLogin(v); err != nil {
		return v, nil, err
	}
	t, err := recordType(typeName)
	return v, t, err
}

// Create makes a record of the named type from a GraphQL input.
func (s *Service) Create(ctx context.Context, typeName string, in Input) (Node, error) {
	v, t, err := writer(ctx, typeName)
	if err != nil {
		return Node{}, err
	}
	val, err := t.ValidateCreate(in, "input")
	if err != nil {
		return Node{}, err
	}
	if err := CheckLaatstBevestigd(v, val.Props, "input"); err != nil {
		return Node{}, err
	}
	// A partner keeps what it adds and cannot add for others; a regisseur
	// adds only what it can place in its gebieden (see Viewer.MayCreate).
	if err := v.MayCreate(t, val); err != nil {
		return Node{}, err
	}
	n, err := s.Store.Create(ctx, v, t, val)
	if err != nil {
		return Node{}, fmt.Errorf("create %s: %w", typeName, err)
	}
	return n, nil
}

// Update changes the fields present in the input; versie must be current.
func (s *Service) Update(ctx context.Context, typeName, id string, versie int, in Input) (Node, error) {
	v, t, err := writer(ctx, typeName)
	if err != nil {
		return Node{}, err
	}
	val, err := t.ValidateUpdate(in, "input")
	if err != nil {
		return Node{}, err
	}
	if err := CheckLaatstBevestigd(v, val.Props, "input"); err != nil {
		return Node{}, err
	}
	if b, ok := val.Props["beheerder"]; ok && !v.MaySteward(b) {
		return Node{}, &Error{Code: EFORBIDDEN, Field: "input.beheerder", Message: "U kunt het beheer niet aan een andere organisatie geven; vraag de regisseur van de wijk."}
	}
	n, err := s.Store.Update(ctx, v, t, id, versie, val)
	if err != nil {
		return Node{}, fmt.Errorf("update %s %s: %w", typeName, id, err)
	}
	if narrows(val.Props) {
		_ = s.syncZoek(ctx)
	}
	return n, nil
}

// Delete removes a record nothing depends on.
func (s *Service) Delete(ctx context.Context, typeName, id string, versie int) error {
	v, t, err := writer(ctx, typeName)
	if err != nil {
		return err
	}
	if err := s.Store.Delete(ctx, v, t, id, versie); err != nil {
		return fmt.Errorf("delete %s %s: %w", typeName, id, err)
	}
	_ = s.syncZoek(ctx)
	return nil
}

// Confirm records that a record is still right.
func (s *Service) Confirm(ctx context.Context, typeName, id string) (Node, error) {
	v, t, err := writer(ctx, typeName)
	if err != nil {
		return Node{}, err
	}
	return s.Store.Confirm(ctx, v, t, id)
}

// Get returns the visible records among ids; types empty means any type.
func (s *Service) Get(ctx context.Context, types []string, ids []string) (map[string]Node, error) {
	return s.Store.Get(ctx, ViewerFrom(ctx), types, ids)
}

// List returns one page of records.
func (s *Service) List(ctx context.Context, typeName string, f ListFilter) (Page, error) {
	t, err := recordType(typeName)
	if err != nil {
		return Page{}, err
	}
	switch {
	case f.First == 0:
		f.First = DefaultPageSize
	case f.First < 0 || f.First > MaxPageSize:
		return Page{}, &Error{Code: EINVALID, Field: "first", Message: fmt.Sprintf("moet tussen 1 en %d liggen", MaxPageSize)}
	}
	if f.Niveau != "" {
		n, ok := ParseNiveau(f.Niveau)
		if !ok {
			return Page{}, &Error{Code: EINVALID, Field: "filter.niveau", Message: "is geen bekend niveau"}
		}
		f.Niveau = string(n)
	}
	return s.Store.List(ctx, ViewerFrom(ctx), t, f)
}

// Count returns how many visible records match f, ignoring paging.
func (s *Service) Count(ctx context.Context, typeName string, f ListFilter) (int, error) {
	t, err := recordType(typeName)
	if err != nil {
		return 0, err
	}
	f.First, f.After = 0, nil
	return s.Store.Count(ctx, ViewerFrom(ctx), t, f)
}

// Neighbours returns, per record in q.From, the visible records linked to it.
func (s *Service) Neighbours(ctx context.Context, q NeighbourQuery) (map[string][]Neighbour, error) {
	if len(q.From) == 0 {
		return map[string][]Neighbour{}, nil
	}
	return s.Store.Neighbours(ctx, ViewerFrom(ctx), q)
}

// Link makes a relationship of the named type.
func (s *Service) Link(ctx context.Context, relation, from, to string, in Input) (Node, error) {
	v := ViewerFrom(ctx)
	if err := requireLogin(v); err != nil {
		return Node{}, err
	}
	r, ok := RelationTypes[relation]
	if !ok || r.Managed {
		return Node{}, &Error{Code: EINVALID, Field: "input.soort", Message: fmt.Sprintf("%q is geen koppeling die los gemaakt kan worden", relation)}
	}
	var errs ValidationErrors
	if msg := CheckID(from); msg != "" {
		errs.Add("input.van", "%s", msg)
	}
	if msg := CheckID(to); msg != "" {
		errs.Add("input.naar", "%s", msg)
	}
	props, err := r.Validate(in, "input", true)
	if verrs, ok := err.(ValidationErrors); ok {
		errs = append(errs, verrs...)
	}
	if err := errs.Err(); err != nil {
		return Node{}, err
	}
	n, err := s.Store.Link(ctx, v, r, from, to, props)
	if err != nil {
		return Node{}, fmt.Errorf("link %s: %w", relation, err)
	}
	return n, nil
}

// UpdateLink changes the properties of a relationship.
func (s *Service) UpdateLink(ctx context.Context, relation, id string, versie int, in Input) (Node, error) {
	v := ViewerFrom(ctx)
	if err := requireLogin(v); err != nil {
		return Node{}, err
	}
	r, ok := RelationTypes[relation]
	if !ok {
		return Node{}, &Error{Code: EINVALID, Field: "soort", Message: fmt.Sprintf("onbekende koppeling %q", relation)}
	}
	props, err := r.Validate(in, "input", false)
	if err != nil {
		return Node{}, err
	}
	n, err := s.Store.UpdateLink(ctx, v, r, id, versie, props)
	if err == nil && narrows(props) {
		_ = s.syncZoek(ctx)
	}
	return n, err
}

// Unlink removes a relationship.
func (s *Service) Unlink(ctx context.Context, relation, id string, versie int) error {
	v := ViewerFrom(ctx)
	if err := requireLogin(v); err != nil {
		return err
	}
	r, ok := RelationTypes[relation]
	if !ok || r.Managed {
		return &Error{Code: EINVALID, Field: "soort", Message: fmt.Sprintf("%q is geen koppeling die los verwijderd kan worden", relation)}
	}
	if err := s.Store.Unlink(ctx, v, r, id, versie); err != nil {
		return err
	}
	_ = s.syncZoek(ctx)
	return nil
}
