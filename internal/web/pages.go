package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// keuzes are the choices of the filters: wijken with their buurten, and thema's.
type keuzes struct {
	Wijken []wijkKeuze
	Themas []link // URL holds the id
}

type wijkKeuze struct {
	ID, Naam string
	Buurten  []link // URL holds the id
}

// keuzesTTL is how long the filter choices are reused.
const keuzesTTL = time.Minute

func (h *handler) keuzes(ctx context.Context) (*keuzes, error) {
	h.optiesMu.Lock()
	defer h.optiesMu.Unlock()
	if h.opties != nil && time.Since(h.optiesAt) < keuzesTTL {
		return h.opties, nil
	}
	k := h.opts.Kaart
	g := h.opts.Gemeente
	wijken, err := k.List(ctx, "Gebied", kaart.ListFilter{Gemeente: g, Soort: "WIJK", First: kaart.MaxPageSize})
	if err != nil {
		return nil, err
	}
	var wijkIDs []string
	for _, w := range wijken.Nodes {
		if current(w.Props) {
			wijkIDs = append(wijkIDs, w.ID())
		}
	}
	buurten, err := buren(ctx, k, "DEEL_VAN", false, wijkIDs, "Gebied")
	if err != nil {
		return nil, err
	}
	out := &keuzes{}
	for _, w := range wijken.Nodes {
		if !current(w.Props) {
			continue
		}
		wk := wijkKeuze{ID: w.ID(), Naam: naamVan(w)}
		for _, b := range buurten[w.ID()] {
			wk.Buurten = append(wk.Buurten, link{Naam: naamVan(b), URL: b.ID()})
		}
		out.Wijken = append(out.Wijken, wk)
	}
	themas, err := k.List(ctx, "Thema", kaart.ListFilter{Gemeente: g, First: kaart.MaxPageSize})
	if err != nil {
		return nil, err
	}
	for _, t := range themas.Nodes {
		if current(t.Props) {
			out.Themas = append(out.Themas, link{Naam: naamVan(t), URL: t.ID()})
		}
	}
	h.opties, h.optiesAt = out, time.Now()
	return out, nil
}

// zoekData is the search page.
type zoekData struct {
	Q, Gebied, Thema string
	Keuzes           *keuzes
	Gezocht          bool
	Totaal           int
	Kaartjes         []*kaartje
	Volgende         string
	FoutCursor       bool
}

const maxQuery = 200

// formValue returns a trimmed query parameter of at most max runes.
func formValue(r *http.Request, key string, max int) string {
	v := strings.TrimSpace(r.URL.Query().Get(key))
	if !utf8.ValidString(v) {
		return ""
	}
	if utf8.RuneCountInString(v) > max {
		v = string([]rune(v)[:max])
	}
	return v
}

func idParam(r *http.Request, key string) string {
	v := r.URL.Query().Get(key)
	if kaart.CheckID(v) != "" {
		return ""
	}
	return v
}

func (h *handler) zoeken(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := langFrom(ctx)
	d := &zoekData{Q: formValue(r, "q", maxQuery), Gebied: idParam(r, "gebied"), Thema: idParam(r, "thema")}
	var err error
	if d.Keuzes, err = h.keuzes(ctx); err != nil {
		h.fail(w, r, err)
		return
	}
	titel := T(lang, "zoek.titel")
	d.Gezocht = d.Q != "" || d.Gebied != "" || d.Thema != ""
	if d.Gezocht {
		res, err := h.opts.Zoeker.Zoek(ctx, d.Q, Filters{Gemeente: h.opts.Gemeente, Gebied: d.Gebied, Thema: d.Thema},
			h.opts.PageSize, formValue(r, "na", 200))
		if kaart.ErrorCode(err) == kaart.EINVALID {
			d.FoutCursor = true
		} else if err != nil {
			h.fail(w, r, err)
			return
		}
		if d.Kaartjes, err = h.hitCards(ctx, lang, res.Treffers); err != nil {
			h.fail(w, r, err)
			return
		}
		d.Totaal = res.Totaal
		if res.Volgende != "" {
			q := r.URL.Query()
			q.Set("na", res.Volgende)
			d.Volgende = "/?" + q.Encode()
		}
		if d.Q != "" {
			titel = Tf(lang, "zoek.resultatenVan", d.Q)
		} else {
			titel = T(lang, "zoek.resultaten")
		}
	}
	h.render(w, r, http.StatusOK, "zoeken", h.newPage(r, titel, d))
}

// hitCards fetches the hits as the anonymous viewer, in the order found.
func (h *handler) hitCards(ctx context.Context, lang Lang, hits []Treffer) ([]*kaartje, error) {
	var ids []string
	for _, t := range hits {
		ids = append(ids, t.ID)
	}
	return leesKaartjes(ctx, h.opts.Kaart, lang, ZoekTypes, ids, false)
}

// suggesties answers the search box's script with a JSON list of names.
func (h *handler) suggesties(w http.ResponseWriter, r *http.Request) {
	list, err := h.opts.Zoeker.Suggesties(r.Context(), formValue(r, "q", maxQuery))
	if err != nil {
		h.log.ErrorContext(r.Context(), "suggestions", "err", err)
		list = nil
	}
	if list == nil {
		list = []string{}
	}
	body, _ := json.Marshal(list)
	w.Header().Set("Content-Type", "application/json")
	writeBody(w, r, http.StatusOK, body)
}

// detailData is the page of one record.
type detailData struct {
	Kaartje  *kaartje
	Secties  []sectie
	Kaartjes []*kaartje // what is at a Locatie
	Loketten []*loket
	// HeleStad lists the wijken when the record serves the whole gemeente.
	HeleStad   []link
	MeerWijken []link
}

// sectie is a list of related records under a heading.
type sectie struct {
	Kop   string
	Items []link
}

// get returns one current record of the type, or a NOT_FOUND error.
func (h *handler) get(ctx context.Context, typ, id string) (kaart.Node, error) {
	if kaart.CheckID(id) != "" {
		return kaart.Node{}, kaart.Errorf(kaart.ENOTFOUND, "onbekend")
	}
	got, err := h.opts.Kaart.Get(ctx, []string{typ}, []string{id})
	if err != nil {
		return kaart.Node{}, err
	}
	n, ok := got[id]
	if !ok || !current(n.Props) {
		return kaart.Node{}, kaart.Errorf(kaart.ENOTFOUND, "onbekend")
	}
	return n, nil
}

func (h *handler) detail(typ string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		lang := langFrom(ctx)
		n, err := h.get(ctx, typ, r.PathValue("id"))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d, err := h.detailData(ctx, lang, n)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p := h.newPage(r, d.Kaartje.Titel, d)
		p.MeldURL = localPath(lang, "/melden?over="+url.QueryEscape(n.ID()))
		h.render(w, r, http.StatusOK, "detail", p)
	}
}

func (h *handler) detailData(ctx context.Context, lang Lang, n kaart.Node) (*detailData, error) {
	k := h.opts.Kaart
	id := n.ID()
	d := &detailData{}
	// Related records, each list under its heading.
	type rel struct {
		kop, rel string
		out      bool
		types    []string
	}
	var rels []rel
	switch n.Type {
	case "Organisatie":
		rels = []rel{{"kaart.aanbod", "AANGEBODEN_DOOR", false, []string{"Aanbod"}},
			{"kaart.functies", "FUNCTIE_BIJ", false, []string{"Functie"}},
			{"kaart.netwerken", "LID_VAN", true, []string{"Netwerk"}}}
	case "Netwerk":
		rels = []rel{{"kaart.voorzitter", "VOORZITTER_VAN", false, []string{"Persoon", "Functie"}},
			{"kaart.leden", "LID_VAN", false, []string{"Organisatie", "Netwerk"}}}
	case "Persoon":
		rels = []rel{{"kaart.persoonFunctie", "BEKLEEDT", true, []string{"Functie"}},
			{"kaart.netwerken", "VOORZITTER_VAN", true, []string{"Netwerk"}}}
	case "Locatie":
		rels = []rel{{"kaart.hier", "OP_LOCATIE", false, []string{"Aanbod", "Organisatie", "Netwerk"}}}
	}
	found := make([]map[string][]kaart.Node, len(rels))
	var g group
	var cards []*kaartje
	g.Go(func() error {
		var err error
		cards, err = kaartjes(ctx, k, lang, []kaart.Node{n}, true)
		return err
	})
	for i, r := range rels {
		g.buren(ctx, k, &found[i], r.rel, r.out, []string{id}, r.types...)
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	d.Kaartje = cards[0]
	gebieden := cards[0].gebiedNodes
	for i, r := range rels {
		list := found[i][id]
		switch {
		case n.Type == "Locatie":
			// What is at a place is shown as cards, and says where it is.
			var err error
			if d.Kaartjes, err = kaartjes(ctx, k, lang, list, false); err != nil {
				return nil, err
			}
			for _, c := range d.Kaartjes {
				gebieden = append(gebieden, c.gebiedNodes...)
			}
		case len(list) > 0:
			d.Secties = append(d.Secties, sectie{Kop: r.kop, Items: links(list)})
		}
		if n.Type == "Persoon" && r.rel == "BEKLEEDT" {
			more, err := h.gebiedenVan(ctx, list)
			if err != nil {
				return nil, err
			}
			gebieden = append(gebieden, more...)
		}
	}
	wijken, err := wijkenVan(ctx, k, gebieden)
	if err != nil {
		return nil, err
	}
	switch {
	case len(wijken) == 0:
		for _, g := range gebieden {
			if prop(g, "soort") != "GEMEENTE" {
				continue
			}
			keuzes, err := h.keuzes(ctx)
			if err != nil {
				return nil, err
			}
			for _, w := range keuzes.Wijken {
				d.HeleStad = append(d.HeleStad, link{Naam: w.Naam, URL: pagePath("Gebied", w.ID)})
			}
			break
		}
	case len(wijken) <= 2:
		d.Loketten = make([]*loket, len(wijken))
		for i, w := range wijken {
			g.Go(func() error {
				var err error
				d.Loketten[i], err = loketVan(ctx, k, lang, w)
				return err
			})
		}
		if err := g.Wait(); err != nil {
			return nil, err
		}
	default:
		d.MeerWijken = gebiedLinks(wijken)
	}
	return d, nil
}

// gebiedenVan returns the gebieden the records serve.
func (h *handler) gebiedenVan(ctx context.Context, nodes []kaart.Node) ([]kaart.Node, error) {
	var ids []string
	for _, n := range nodes {
		ids = append(ids, n.ID())
	}
	got, err := buren(ctx, h.opts.Kaart, "BEDIENT", true, ids, "Gebied")
	if err != nil {
		return nil, err
	}
	var out []kaart.Node
	seen := map[string]bool{}
	for _, id := range ids {
		for _, g := range got[id] {
			if !seen[g.ID()] {
				seen[g.ID()] = true
				out = append(out, g)
			}
		}
	}
	return out, nil
}

// wijkData is the page of a wijk or buurt.
type wijkData struct {
	Gebied    link
	Soort     string
	Wijk      *link // the wijk of a buurt
	Loket     *loket
	Wijken    []link // the wijken of a gemeente or dienstgebied
	ZoekenURL string
}

func (h *handler) wijk(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := langFrom(ctx)
	n, err := h.get(ctx, "Gebied", r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := &wijkData{Gebied: link{Naam: naamVan(n), URL: pagePath("Gebied", n.ID())}, Soort: prop(n, "soort"),
		ZoekenURL: "/?gebied=" + url.QueryEscape(n.ID())}
	k := h.opts.Kaart
	switch d.Soort {
	case "WIJK", "BUURT":
		wijken, err := wijkenVan(ctx, k, []kaart.Node{n})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if len(wijken) > 0 {
			if d.Loket, err = loketVan(ctx, k, lang, wijken[0]); err != nil {
				h.fail(w, r, err)
				return
			}
			if d.Soort == "BUURT" {
				d.Wijk = &link{Naam: naamVan(wijken[0]), URL: pagePath("Gebied", wijken[0].ID())}
			}
		}
	default:
		var rel, dir = "DEEL_VAN", false
		if d.Soort == "DIENSTGEBIED" {
			rel, dir = "OMVAT", true
		}
		got, err := buren(ctx, k, rel, dir, []string{n.ID()}, "Gebied")
		if err != nil {
			h.fail(w, r, err)
			return
		}
		wijken := got[n.ID()]
		sort.Slice(wijken, func(i, j int) bool { return naamVan(wijken[i]) < naamVan(wijken[j]) })
		d.Wijken = gebiedLinks(wijken)
	}
	p := h.newPage(r, d.Gebied.Naam, d)
	p.MeldURL = localPath(lang, "/melden?over="+url.QueryEscape(n.ID()))
	h.render(w, r, http.StatusOK, "wijk", p)
}
