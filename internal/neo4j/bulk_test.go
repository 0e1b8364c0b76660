package neo4j_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// TestBulkWriterStoresAsCreateAndLink writes two records and a link with
// the bulk writer and reads them back as an export: the stored properties
// Create and Link set, dates as Date; a link whose end is missing fails
// its batch instead of vanishing, and leaves nothing of it behind.
func TestBulkWriterStoresAsCreateAndLink(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := neo4jtest.Open(t)
	gm := neo4jtest.Gemeente(t, s)
	org, fn := gm+"-bulk-org", gm+"-bulk-fn"
	err := s.BulkCreate(ctx, []kaart.Node{
		{Type: "Organisatie", Props: map[string]any{"id": org, "gemeente": gm, "naam": "Buurthuis De Linde", "sector": "WELZIJN", "zichtbaarheid": "OPENBAAR", "beheerder": org}},
		{Type: "Functie", Props: map[string]any{"id": fn, "gemeente": gm, "titel": "Opbouwwerker", "rol": "OPBOUWWERKER", "niveau": "FRONTLIJN",
			"zichtbaarheid": "PARTNERS", "beheerder": org, "geldigVan": mustDate(t, "2024-03-01")}},
	})
	if err != nil {
		t.Fatalf("BulkCreate: %v", err)
	}
	err = s.BulkLink(ctx, []kaart.Node{
		{Type: "Koppeling", Props: map[string]any{"soort": "FUNCTIE_BIJ", "van": fn, "naar": org, "id": gm + "-bulk-k1"}},
		{Type: "Koppeling", Props: map[string]any{"soort": "FUNCTIE_BIJ", "van": fn, "naar": gm + "-bestaat-niet", "id": gm + "-bulk-k2"}},
	})
	if err == nil || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("BulkLink with a missing end: err = %v; want it refused", err)
	}
	doc, err := s.Export(ctx, gm)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Koppelingen) != 0 {
		t.Fatalf("a refused batch left koppelingen: %+v", doc.Koppelingen)
	}
	if err := s.BulkLink(ctx, []kaart.Node{{Type: "Koppeling", Props: map[string]any{"soort": "FUNCTIE_BIJ", "van": fn, "naar": org, "id": gm + "-bulk-k1", "zichtbaarheid": "PARTNERS"}}}); err != nil {
		t.Fatalf("BulkLink: %v", err)
	}
	if doc, err = s.Export(ctx, gm); err != nil {
		t.Fatal(err)
	}
	for _, r := range doc.Records {
		p := r.Eigenschappen
		if p["id"] != fn {
			continue
		}
		if p["versie"] != int64(1) || p["aangemaakt"] == nil || p["gewijzigd"] == nil || p["laatstBevestigd"] == nil {
			t.Fatalf("functie stored without the properties Create sets: %v", p)
		}
		if p["geldigVan"] != "2024-03-01" {
			t.Fatalf("geldigVan stored as %v; want the Date 2024-03-01", p["geldigVan"])
		}
	}
	if len(doc.Koppelingen) != 1 {
		t.Fatalf("koppelingen %+v; want the one FUNCTIE_BIJ", doc.Koppelingen)
	}
	k := doc.Koppelingen[0].Eigenschappen
	// An owner link is stored as Create makes it: OPENBAAR, in the gemeente.
	if k["zichtbaarheid"] != "OPENBAAR" || k["gemeente"] != gm || k["versie"] != int64(1) || k["id"] != gm+"-bulk-k1" {
		t.Fatalf("owner link stored as %v", k)
	}
	if err := kaart.CheckExport(doc); err != nil {
		t.Fatalf("bulk-written records do not pass validation: %v", err)
	}
	page, err := s.List(ctx, neo4jtest.Platform, kaart.FunctieType, kaart.ListFilter{Gemeente: gm, NaamPrefix: "opbouw", First: 10})
	if err != nil || len(page.Nodes) != 1 {
		t.Fatalf("List by naam prefix (sorteernaam): %d nodes, %v", len(page.Nodes), err)
	}
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
