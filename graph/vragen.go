package graph

import (
	"context"
	"time"

	"github.com/socialekaart/socialekaart/graph/model"
	"github.com/socialekaart/socialekaart/internal/kaart"
)

// The answers of the wijk's questions (schema/vragen.graphqls) as GraphQL
// models. A decoder collects every record it decodes, so that nested
// fields of the answer are loaded in one statement per field (see batch.go).

type decoder struct {
	objs []any
	err  error
}

// node decodes n, remembering the first error.
func (d *decoder) node(n kaart.Node) any {
	obj, err := decodeNode(n)
	if err != nil {
		if d.err == nil {
			d.err = err
		}
		return nil
	}
	d.objs = append(d.objs, obj)
	return obj
}

func (d *decoder) records(ns []kaart.Node) []model.Record {
	out := make([]model.Record, 0, len(ns))
	for _, n := range ns {
		if obj := d.node(n); obj != nil {
			out = append(out, obj)
		}
	}
	return out
}

// done registers the decoded records as sibling groups and returns the
// first decode error.
func (d *decoder) done(ctx context.Context) error {
	if d.err != nil {
		return d.err
	}
	register(ctx, d.objs)
	return nil
}

func as[T any](d *decoder, n kaart.Node) *T {
	t, _ := d.node(n).(*T)
	return t
}

func asOptional[T any](d *decoder, n *kaart.Node) *T {
	if n == nil {
		return nil
	}
	return as[T](d, *n)
}

func asList[T any](d *decoder, ns []kaart.Node) []*T {
	out := make([]*T, 0, len(ns))
	for _, n := range ns {
		if t := as[T](d, n); t != nil {
			out = append(out, t)
		}
	}
	return out
}

func (d *decoder) koppeling(n kaart.Node) *kaart.Koppeling {
	soort, _ := n.Props["soort"].(string)
	van, _ := n.Props["van"].(string)
	naar, _ := n.Props["naar"].(string)
	k, err := decodeKoppeling(n, soort, van, naar)
	if err != nil && d.err == nil {
		d.err = err
	}
	if k != nil {
		d.objs = append(d.objs, k)
	}
	return k
}

var reikwijdten = map[int]model.Reikwijdte{
	kaart.AfstandGebied:       model.ReikwijdteGebied,
	kaart.AfstandWijk:         model.ReikwijdteWijk,
	kaart.AfstandDienstgebied: model.ReikwijdteDienstgebied,
	kaart.AfstandGemeente:     model.ReikwijdteGemeente,
}

func (d *decoder) aanspreekpunt(a kaart.Aanspreekpunt) *model.Aanspreekpunt {
	out := &model.Aanspreekpunt{
		Wie:         d.node(a.Wie),
		Organisatie: asOptional[kaart.Organisatie](d, a.Organisatie),
		Via:         as[kaart.Gebied](d, a.Via),
		Reikwijdte:  reikwijdten[a.Afstand],
		Actueel:     a.Actueel,
		Personen:    asList[kaart.Persoon](d, a.Personen),
		Kanalen:     asList[kaart.Contactgegeven](d, a.Kanalen),
		Waarom:      a.Waarom,
	}
	if a.KanaalVan != "" {
		k := model.KanaalVan(a.KanaalVan)
		out.KanaalVan = &k
	}
	return out
}

func aanspreekpunten(ctx context.Context, list []kaart.Aanspreekpunt) ([]*model.Aanspreekpunt, error) {
	var d decoder
	out := make([]*model.Aanspreekpunt, 0, len(list))
	for _, a := range list {
		out = append(out, d.aanspreekpunt(a))
	}
	return out, d.done(ctx)
}

func loket(ctx context.Context, l kaart.Loket) (*model.Loket, error) {
	var d decoder
	out := &model.Loket{Gebied: as[kaart.Gebied](&d, l.Gebied), Onderwerpen: []*model.LoketOnderwerp{}}
	for _, o := range l.Onderwerpen {
		mo := &model.LoketOnderwerp{Thema: as[kaart.Thema](&d, o.Thema), Aanspreekpunten: []*model.Aanspreekpunt{}}
		for _, a := range o.Aanspreekpunten {
			mo.Aanspreekpunten = append(mo.Aanspreekpunten, d.aanspreekpunt(a))
		}
		out.Onderwerpen = append(out.Onderwerpen, mo)
	}
	if l.ZonderAanspreekpunt != nil {
		out.ZonderAanspreekpunt = asList[kaart.Thema](&d, l.ZonderAanspreekpunt)
	}
	return out, d.done(ctx)
}

func coalitieAnalyses(ctx context.Context, list []kaart.CoalitieAnalyse) ([]*model.CoalitieAnalyse, error) {
	var d decoder
	out := make([]*model.CoalitieAnalyse, 0, len(list))
	for _, a := range list {
		ma := &model.CoalitieAnalyse{Coalitie: as[kaart.Coalitie](&d, a.Coalitie), Ernst: a.Ernst,
			Niveaus: []*model.NiveauBezetting{}, Sleutelpartners: []*model.SleutelpartnerAnalyse{}, Signalen: []*model.CoalitieSignaal{}}
		for _, n := range a.Niveaus {
			ma.Niveaus = append(ma.Niveaus, &model.NiveauBezetting{Niveau: n.Niveau, Aantal: n.Aantal})
		}
		for _, s := range a.Sleutelpartners {
			niveaus := append([]kaart.Niveau{}, s.Niveaus...)
			ma.Sleutelpartners = append(ma.Sleutelpartners, &model.SleutelpartnerAnalyse{Partij: d.node(s.Partij), Niveaus: niveaus, AanBestuurlijkeTafel: s.AanBestuurlijkeTafel})
		}
		for _, s := range a.Signalen {
			ma.Signalen = append(ma.Signalen, &model.CoalitieSignaal{Soort: model.SignaalSoort(s.Soort), Ernst: s.Ernst, Uitleg: s.Uitleg})
		}
		out = append(out, ma)
	}
	return out, d.done(ctx)
}

func bereikers(ctx context.Context, list []kaart.Bereiker) ([]*model.Bereiker, error) {
	var d decoder
	out := make([]*model.Bereiker, 0, len(list))
	for _, b := range list {
		out = append(out, &model.Bereiker{Wie: d.node(b.Wie), Koppeling: d.koppeling(b.Koppeling), Via: asOptional[kaart.Gebied](&d, b.Via)})
	}
	return out, d.done(ctx)
}

func route(ctx context.Context, r *kaart.Route) (*model.Route, error) {
	if r == nil {
		return nil, nil
	}
	var d decoder
	out := &model.Route{Lengte: len(r.Stappen), Records: d.records(r.Records), Koppelingen: []*kaart.Koppeling{}}
	for _, k := range r.Stappen {
		out.Koppelingen = append(out.Koppelingen, d.koppeling(k))
	}
	return out, d.done(ctx)
}

func overlappen(ctx context.Context, list []kaart.Overlap) ([]*model.Overlap, error) {
	var d decoder
	out := make([]*model.Overlap, 0, len(list))
	for _, o := range list {
		out = append(out, &model.Overlap{Gebied: as[kaart.Gebied](&d, o.Gebied), Thema: as[kaart.Thema](&d, o.Thema),
			Niveau: o.Niveau, Functies: asList[kaart.Functie](&d, o.Functies), Uitleg: o.Uitleg})
	}
	return out, d.done(ctx)
}

func escalatie(ctx context.Context, e kaart.Escalatie) (*model.Escalatie, error) {
	var d decoder
	stappen := func(list []kaart.EscalatieStap) []*model.EscalatieStap {
		out := make([]*model.EscalatieStap, 0, len(list))
		for _, s := range list {
			out = append(out, &model.EscalatieStap{Volgorde: s.Volgorde, Van: d.node(s.Van), Naar: d.node(s.Naar), PastBijThema: s.PastBijThema, Uitleg: s.Uitleg})
		}
		return out
	}
	out := &model.Escalatie{Startpunten: d.records(e.Startpunten), Ambtelijk: stappen(e.Ambtelijk), Bestuurlijk: stappen(e.Bestuurlijk)}
	return out, d.done(ctx)
}

func verouderd(ctx context.Context, list []kaart.VerouderdGroep) ([]*model.VerouderdGroep, error) {
	var d decoder
	out := make([]*model.VerouderdGroep, 0, len(list))
	for _, g := range list {
		out = append(out, &model.VerouderdGroep{Beheerder: asOptional[kaart.Organisatie](&d, g.Beheerder), Aantal: len(g.Records), Records: d.records(g.Records)})
	}
	return out, d.done(ctx)
}

func datumOf(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

func intOf(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
