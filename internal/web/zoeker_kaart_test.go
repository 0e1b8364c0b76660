package web_test

import (
	"context"
	"slices"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/web"
)

// fakeIndex records the last search and answers with fixed hits.
type fakeIndex struct {
	kaart.Zoekindex
	vraag  kaart.ZoekVraag
	viewer kaart.Viewer
	res    kaart.ZoekResultaat
	sugg   []kaart.Suggestie
}

func (f *fakeIndex) Zoek(_ context.Context, v kaart.Viewer, q kaart.ZoekVraag) (kaart.ZoekResultaat, error) {
	f.vraag, f.viewer = q, v
	return f.res, nil
}

func (f *fakeIndex) Suggesties(_ context.Context, v kaart.Viewer, _ string, _ int) ([]kaart.Suggestie, error) {
	f.viewer = v
	return f.sugg, nil
}

// fakeKaart knows one thema.
type fakeKaart struct{ web.Kaart }

func (fakeKaart) Get(_ context.Context, _ []string, ids []string) (map[string]kaart.Node, error) {
	out := map[string]kaart.Node{}
	for _, id := range ids {
		if id == "th-taal" {
			out[id] = kaart.Node{Type: "Thema", Props: map[string]any{"id": id, "naam": "Taal"}}
		}
	}
	return out, nil
}

// fakeTerug notes that the stand-in was asked.
type fakeTerug struct{ zoek, sugg int }

func (f *fakeTerug) Zoek(context.Context, string, web.Filters, int, string) (web.Resultaten, error) {
	f.zoek++
	return web.Resultaten{}, nil
}

func (f *fakeTerug) Suggesties(context.Context, string) ([]string, error) {
	f.sugg++
	return nil, nil
}

func TestIndexZoeker(t *testing.T) {
	ctx := kaart.WithViewer(context.Background(), kaart.Viewer{Rol: kaart.Beheerder})
	idx := &fakeIndex{
		res: kaart.ZoekResultaat{Totaal: 3, HasNextPage: true, Treffers: []kaart.ZoekTreffer{
			{ID: "a", Type: "Aanbod", Cursor: "c1"}, {ID: "b", Type: "Organisatie", Cursor: "c2"}}},
		sugg: []kaart.Suggestie{{Naam: "Taalcafé", Type: "Aanbod"}, {Naam: "Jan", Type: "Persoon"}, {Naam: "taalcafé", Type: "Aanbod"}},
	}
	terug := &fakeTerug{}
	ready := true
	z := &web.IndexZoeker{Index: idx, Kaart: fakeKaart{}, Terug: terug, Klaar: func() bool { return ready }}

	res, err := z.Zoek(ctx, " taal ", web.Filters{Gebied: "wk-1", Thema: "th-taal"}, 2, "")
	if err != nil {
		t.Fatal(err)
	}
	if idx.viewer.Authenticated() {
		t.Errorf("searched as %+v, want the anonymous viewer", idx.viewer)
	}
	q := idx.vraag
	if q.Tekst != "taal" || q.First != 2 || q.Filters.Gebied != "wk-1" || q.Filters.Thema != "Taal" || !slices.Equal(q.Filters.Types, web.ZoekTypes) {
		t.Errorf("vraag = %+v", q)
	}
	if len(res.Treffers) != 2 || res.Treffers[1] != (web.Treffer{ID: "b", Type: "Organisatie"}) || res.Totaal != 3 || res.Volgende != "c2" {
		t.Errorf("resultaten = %+v", res)
	}

	// An unknown or hidden thema finds nothing, without asking the index.
	idx.vraag = kaart.ZoekVraag{}
	if res, err := z.Zoek(ctx, "taal", web.Filters{Thema: "th-geheim"}, 2, ""); err != nil || len(res.Treffers) != 0 || idx.vraag.Tekst != "" {
		t.Errorf("hidden thema: %+v, %v (index asked %+v)", res, err, idx.vraag)
	}

	got, err := z.Suggesties(ctx, "taal")
	if err != nil || !slices.Equal(got, []string{"Taalcafé"}) {
		t.Errorf("Suggesties = %q, %v", got, err)
	}

	// Filters alone, a gemeente, or an index not ready: the stand-in.
	_, _ = z.Zoek(ctx, "", web.Filters{Gebied: "wk-1"}, 2, "")
	_, _ = z.Zoek(ctx, "taal", web.Filters{Gemeente: "gm-1"}, 2, "")
	ready = false
	_, _ = z.Zoek(ctx, "taal", web.Filters{}, 2, "")
	_, _ = z.Suggesties(ctx, "taal")
	if terug.zoek != 3 || terug.sugg != 1 {
		t.Errorf("stand-in asked %d searches and %d suggestions, want 3 and 1", terug.zoek, terug.sugg)
	}
}
