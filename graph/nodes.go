package graph

import (
	"context"
	"fmt"

	"github.com/socialekaart/socialekaart/graph/model"
	"github.com/socialekaart/socialekaart/internal/kaart"
)

// decoders turn a kaart.Node into a pointer to its record struct, by Node.Type.
var decoders = map[string]func(kaart.Node) (any, error){
	"Gebied":         decodeAs[kaart.Gebied],
	"Organisatie":    decodeAs[kaart.Organisatie],
	"Persoon":        decodeAs[kaart.Persoon],
	"Functie":        decodeAs[kaart.Functie],
	"Netwerk":        decodeAs[kaart.Netwerk],
	"Overleg":        decodeAs[kaart.Overleg],
	"Coalitie":       decodeAs[kaart.Coalitie],
	"Afspraak":       decodeAs[kaart.Afspraak],
	"Opgave":         decodeAs[kaart.Opgave],
	"Thema":          decodeAs[kaart.Thema],
	"Doelgroep":      decodeAs[kaart.Doelgroep],
	"Initiatief":     decodeAs[kaart.Initiatief],
	"Aanbod":         decodeAs[kaart.Aanbod],
	"Locatie":        decodeAs[kaart.Locatie],
	"Contactgegeven": decodeAs[kaart.Contactgegeven],
}

func decodeAs[T any](n kaart.Node) (any, error) {
	v, err := kaart.Decode[T](n)
	if err != nil {
		return nil, fmt.Errorf("decode %s %s: %w", n.Type, n.ID(), err)
	}
	return v, nil
}

// decodeNode returns the record struct for n, chosen by n.Type.
func decodeNode(n kaart.Node) (any, error) {
	dec, ok := decoders[n.Type]
	if !ok {
		return nil, fmt.Errorf("decode node %s: unknown record type %q", n.ID(), n.Type)
	}
	return dec(n)
}

// decodeKoppeling decodes a relationship; soort, van and naar fill in what
// the store leaves out.
func decodeKoppeling(n kaart.Node, soort, van, naar string) (*kaart.Koppeling, error) {
	k, err := kaart.Decode[kaart.Koppeling](n)
	if err != nil {
		return nil, fmt.Errorf("decode koppeling %s: %w", n.ID(), err)
	}
	if k.Soort == "" {
		k.Soort = soort
	}
	if k.Van == "" {
		k.Van = van
	}
	if k.Naar == "" {
		k.Naar = naar
	}
	return k, nil
}

// metaOf returns the Meta of a record or koppeling pointer, nil for anything else.
func metaOf(obj any) *kaart.Meta {
	switch o := obj.(type) {
	case *kaart.Gebied:
		return &o.Meta
	case *kaart.Organisatie:
		return &o.Meta
	case *kaart.Persoon:
		return &o.Meta
	case *kaart.Functie:
		return &o.Meta
	case *kaart.Netwerk:
		return &o.Meta
	case *kaart.Overleg:
		return &o.Meta
	case *kaart.Coalitie:
		return &o.Meta
	case *kaart.Afspraak:
		return &o.Meta
	case *kaart.Opgave:
		return &o.Meta
	case *kaart.Thema:
		return &o.Meta
	case *kaart.Doelgroep:
		return &o.Meta
	case *kaart.Initiatief:
		return &o.Meta
	case *kaart.Aanbod:
		return &o.Meta
	case *kaart.Locatie:
		return &o.Meta
	case *kaart.Contactgegeven:
		return &o.Meta
	case *kaart.Koppeling:
		return &o.Meta
	}
	return nil
}

// ledenTypes are the record types that can be a Lid.
var ledenTypes = []string{"Organisatie", "Persoon", "Functie", "Netwerk"}

// lidmaatschappen returns the members of obj over q with their koppeling,
// only those at niveau when it is given (aliases allowed).
func lidmaatschappen(ctx context.Context, r *Resolver, obj any, q rel, niveau *string) ([]*model.Lidmaatschap, error) {
	var n string
	if niveau != nil {
		canonical, ok := kaart.ParseNiveau(*niveau)
		if !ok {
			return nil, &kaart.Error{Code: kaart.EINVALID, Field: "niveau", Message: "is geen bekend niveau"}
		}
		n = string(canonical)
	}
	ls, err := neighbours(ctx, r, obj, q, n)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Lidmaatschap, 0, len(ls))
	for _, l := range ls {
		out = append(out, &model.Lidmaatschap{Koppeling: l.koppeling, Lid: l.node})
	}
	return out, nil
}

// leden returns the neighbours of obj over q as Lid values.
func leden(ctx context.Context, r *Resolver, obj any, q rel) ([]model.Lid, error) {
	ls, err := neighbours(ctx, r, obj, q, "")
	if err != nil {
		return nil, err
	}
	out := make([]model.Lid, 0, len(ls))
	for _, l := range ls {
		out = append(out, l.node)
	}
	return out, nil
}

// lid returns the first neighbour of obj over q as a Lid, or nil.
func lid(ctx context.Context, r *Resolver, obj any, q rel) (model.Lid, error) {
	list, err := leden(ctx, r, obj, q)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return list[0], nil
}

// withSoort keeps the gebieden of one soort.
func withSoort(gebieden []*kaart.Gebied, err error, soort string) ([]*kaart.Gebied, error) {
	if err != nil {
		return nil, err
	}
	out := gebieden[:0:0]
	for _, g := range gebieden {
		if g.Soort == soort {
			out = append(out, g)
		}
	}
	return out, nil
}
