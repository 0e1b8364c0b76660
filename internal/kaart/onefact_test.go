package kaart_test

import (
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// An import document that holds one fact twice is refused whole.
func TestCheckExportRefusesOneFactTwice(t *testing.T) {
	doc := func(recs []kaart.ExportRecord, links []kaart.ExportKoppeling) *kaart.Export {
		base := []kaart.ExportRecord{
			{Type: "Gebied", Eigenschappen: map[string]any{"id": "gm", "naam": "Gm", "soort": "GEMEENTE", "gemeente": "gm"}},
			{Type: "Organisatie", Eigenschappen: map[string]any{"id": "o1", "naam": "A", "sector": "WELZIJN", "gemeente": "gm"}},
			{Type: "Persoon", Eigenschappen: map[string]any{"id": "p1", "naam": "P", "grondslag": "PUBLIEKE_TAAK", "gemeente": "gm"}},
			{Type: "Coalitie", Eigenschappen: map[string]any{"id": "c1", "naam": "C", "soort": "VAST", "gemeente": "gm"}},
		}
		return &kaart.Export{Formaat: kaart.ExportFormat, Versie: kaart.ExportVersion, Records: append(base, recs...), Koppelingen: links}
	}
	lid := func(id, niveau string) kaart.ExportKoppeling {
		return kaart.ExportKoppeling{Type: "LID_VAN", Van: "o1", Naar: "c1", Eigenschappen: map[string]any{"id": id, "niveau": niveau}}
	}
	vz := func(id, van, tot string) kaart.ExportKoppeling {
		p := map[string]any{"id": id}
		if tot != "" {
			p["geldigVan"], p["geldigTot"] = "2019-01-01", tot
		}
		return kaart.ExportKoppeling{Type: "VOORZITTER_VAN", Van: van, Naar: "c1", Eigenschappen: p}
	}
	org := func(id, kvk string) kaart.ExportRecord {
		return kaart.ExportRecord{Type: "Organisatie", Eigenschappen: map[string]any{"id": id, "naam": id, "sector": "WELZIJN", "gemeente": "gm", "kvkNummer": kvk}}
	}
	wijk := func(id, code string) kaart.ExportRecord {
		return kaart.ExportRecord{Type: "Gebied", Eigenschappen: map[string]any{"id": id, "naam": id, "soort": "WIJK", "gemeente": "gm", "cbsCode": code}}
	}
	cases := []struct {
		name string
		doc  *kaart.Export
		want string // "" for accepted
	}{
		{"two niveaus", doc(nil, []kaart.ExportKoppeling{lid("k1", "FRONTLIJN"), lid("k2", "STRATEGISCH")}), ""},
		{"one niveau twice", doc(nil, []kaart.ExportKoppeling{lid("k1", "FRONTLIJN"), lid("k2", "FRONTLIJN")}), "the same LID_VAN"},
		{"coalitie member without niveau", doc(nil, []kaart.ExportKoppeling{lid("k1", "")}), "niveau"},
		{"two voorzitters", doc(nil, []kaart.ExportKoppeling{vz("k1", "o1", ""), vz("k2", "p1", "")}), "second current VOORZITTER_VAN"},
		{"a past and a current voorzitter", doc(nil, []kaart.ExportKoppeling{vz("k1", "o1", "2020-12-31"), vz("k2", "p1", "")}), ""},
		{"one kvk twice in a gemeente", doc([]kaart.ExportRecord{org("o2", "90000008"), org("o3", "90000008")}, nil), "same gemeente and kvkNummer"},
		{"one cbs code twice", doc([]kaart.ExportRecord{wijk("w1", "WK999901"), wijk("w2", "WK999901")}, nil), "same cbsCode"},
	}
	for _, c := range cases {
		if c.want == "niveau" {
			delete(c.doc.Koppelingen[0].Eigenschappen, "niveau")
		}
		err := kaart.CheckExport(c.doc)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: CheckExport = %v; want nil", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: CheckExport = %v; want an error with %q", c.name, err, c.want)
		}
	}
}
