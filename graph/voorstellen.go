package graph

import (
	"context"
	"encoding/json"
	"sort"

	"github.com/socialekaart/socialekaart/graph/model"
	"github.com/socialekaart/socialekaart/internal/kaart"
)

// wijzigingVan returns the one filled changeset of a VoorstelWijziging and
// the record type it is for; "" when none or more than one is filled.
func wijzigingVan(w model.VoorstelWijziging) (string, map[string]any, int) {
	all := []struct {
		typ string
		in  map[string]any
	}{
		{"Gebied", w.Gebied}, {"Organisatie", w.Organisatie}, {"Persoon", w.Persoon}, {"Functie", w.Functie},
		{"Netwerk", w.Netwerk}, {"Overleg", w.Overleg}, {"Coalitie", w.Coalitie}, {"Afspraak", w.Afspraak},
		{"Opgave", w.Opgave}, {"Thema", w.Thema}, {"Doelgroep", w.Doelgroep}, {"Initiatief", w.Initiatief},
		{"Aanbod", w.Aanbod}, {"Locatie", w.Locatie}, {"Contactgegeven", w.Contactgegeven},
	}
	typ, n := "", 0
	var in map[string]any
	for _, c := range all {
		if c.in != nil {
			typ, in, n = c.typ, c.in, n+1
		}
	}
	return typ, in, n
}

func optStr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func pageInfo(cursors []kaart.Cursor, hasNext, hasPrev bool) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: hasNext, HasPreviousPage: hasPrev}
	if len(cursors) > 0 {
		pi.StartCursor = optStr(cursors[0].Encode())
		pi.EndCursor = optStr(cursors[len(cursors)-1].Encode())
	}
	return pi
}

func cursorOf(after *string) (*kaart.Cursor, error) {
	if after == nil || *after == "" {
		return nil, nil
	}
	return kaart.DecodeCursor(*after)
}

// voorstellen turns domain voorstellen into the API's, with each record as
// the viewer sees it now (one lookup for all).
func voorstellen(ctx context.Context, r *Resolver, list []kaart.Voorstel) ([]*model.Voorstel, error) {
	var ids []string
	for _, p := range list {
		if p.RecordID != "" {
			ids = append(ids, p.RecordID)
		}
	}
	nodes, err := r.Service.Get(ctx, nil, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Voorstel, 0, len(list))
	var objs []any
	for _, p := range list {
		m := &model.Voorstel{
			ID: p.ID, Soort: model.VoorstelSoort(p.Soort), Status: model.VoorstelStatus(p.Status),
			RecordID: optStr(p.RecordID), RecordType: optStr(p.RecordType), Gemeente: optStr(p.Gemeente),
			Wijzigingen: []*model.VoorgesteldeWaarde{}, Toelichting: optStr(p.Toelichting), Door: p.Door,
			Email: optStr(p.Email), Ingediend: p.Ingediend, Reden: optStr(p.Reden),
			BeoordeeldDoor: optStr(p.BeoordeeldDoor), BeoordeeldOp: p.BeoordeeldOp,
		}
		if p.RecordID != "" {
			v := p.BasisVersie
			m.BasisVersie = &v
		}
		if n, ok := nodes[p.RecordID]; ok {
			obj, err := decodeNode(n)
			if err != nil {
				return nil, err
			}
			m.Record = obj
			objs = append(objs, obj)
		}
		velden := make([]string, 0, len(p.Wijzigingen))
		for k := range p.Wijzigingen {
			velden = append(velden, k)
		}
		sort.Strings(velden)
		for _, k := range velden {
			b, err := json.Marshal(p.Wijzigingen[k])
			if err != nil {
				return nil, err
			}
			m.Wijzigingen = append(m.Wijzigingen, &model.VoorgesteldeWaarde{Veld: k, Waarde: string(b)})
		}
		out = append(out, m)
	}
	register(ctx, objs)
	return out, nil
}

func voorstel(ctx context.Context, r *Resolver, p kaart.Voorstel, err error) (*model.Voorstel, error) {
	if err != nil {
		return nil, err
	}
	list, err := voorstellen(ctx, r, []kaart.Voorstel{p})
	if err != nil {
		return nil, err
	}
	return list[0], nil
}

func voorstelPagina(ctx context.Context, r *Resolver, page kaart.VoorstelPage, err error, after *kaart.Cursor) (*model.VoorstelPagina, error) {
	if err != nil {
		return nil, err
	}
	list, err := voorstellen(ctx, r, page.Voorstellen)
	if err != nil {
		return nil, err
	}
	return &model.VoorstelPagina{Voorstellen: list, PageInfo: pageInfo(page.Cursors, page.HasNextPage, after != nil)}, nil
}
