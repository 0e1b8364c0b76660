package graph

import (
	"errors"

	"github.com/socialekaart/socialekaart/graph/model"
	"github.com/socialekaart/socialekaart/internal/kaart"
)

// sleutels returns the API-key manager, or UNAVAILABLE on a server built
// without one.
func (r *Resolver) sleutels() (*kaart.Sleutels, error) {
	if r.Sleutels == nil {
		return nil, kaart.Errorf(kaart.EUNAVAILABLE, "API-sleutels zijn op deze server niet via GraphQL te beheren.")
	}
	return r.Sleutels, nil
}

// sleutelModel shows a key without its secret (which is never stored).
func (r *Resolver) sleutelModel(k kaart.Sleutel) *model.Sleutel {
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	gebieden := k.Gebieden
	if gebieden == nil {
		gebieden = []string{}
	}
	return &model.Sleutel{
		ID:             k.ID,
		Naam:           k.Naam,
		Rol:            model.SleutelRol(k.Rol),
		Organisatie:    opt(k.Organisatie),
		Gemeente:       opt(k.Gemeente),
		Gebieden:       gebieden,
		Aangemaakt:     k.Aangemaakt,
		LaatstGebruikt: k.LaatstGebruikt,
		Geroteerd:      k.Geroteerd,
		GeldigTot:      k.GeldigTot,
		Ingetrokken:    k.Ingetrokken,
		Status:         model.SleutelStatus(r.Sleutels.StatusOf(k)),
	}
}

// sleutelInputError puts the domain's field names under input., as for
// every other mutation's input (extensions.field "input.organisatie").
func sleutelInputError(err error) error {
	var verrs kaart.ValidationErrors
	if !errors.As(err, &verrs) {
		return err
	}
	out := make(kaart.ValidationErrors, 0, len(verrs))
	for _, e := range verrs {
		e2 := *e
		e2.Field = "input." + e.Field
		out = append(out, &e2)
	}
	return out
}

func sleutelString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
