package bench_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/graph"
	"github.com/socialekaart/socialekaart/internal/bench"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// small is a generator run of a few records per kind, with its own ids and
// CBS codes so it shares the test database with everything else.
func small(t *testing.T, gemeenten int) bench.Options {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	o := bench.DefaultOptions(gemeenten)
	o.Prefix = "gentest-" + hex.EncodeToString(b)
	o.Eerste = 5000 + int(binary.BigEndian.Uint16(b)%4000)
	o.Wijken, o.BuurtenPerWijk, o.Themas, o.Doelgroepen = 2, 2, 3, 2
	o.Organisaties, o.AanbodPerOrganisatie = 12, 2
	o.FunctiesPerWijk, o.Personen, o.Netwerken = 6, 30, 2
	o.CoalitiesPerWijk, o.LedenPerNiveau, o.KentPerPersoon = 2, 3, 2
	o.Round = 1
	return o
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func query(t *testing.T, h http.Handler, ctx context.Context, q string, vars map[string]any, into any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body)).WithContext(ctx)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out gqlResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("response %d %q: %v", rec.Code, rec.Body.String(), err)
	}
	if len(out.Errors) > 0 {
		t.Fatalf("errors on generated data: %+v", out.Errors)
	}
	if err := json.Unmarshal(out.Data, into); err != nil {
		t.Fatalf("data %s: %v", out.Data, err)
	}
}

var rang = map[string]int{"INTERN": 1, "PARTNERS": 2, "OPENBAAR": 3}

// TestGenereerWritesWhatTheServiceWrites generates two small gemeenten and
// reads them back: every record and relationship passes the domain
// validation an import runs (kaart.CheckExport), owners and dependents are
// as the mutations make them, CBS codes and KvK numbers are unique, and the
// GraphQL API answers the non-null fields (sector, titel, rol, grondslag)
// with aanbod and locaties, showing an anonymous viewer only OPENBAAR.
func TestGenereerWritesWhatTheServiceWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := neo4jtest.Open(t)
	o := small(t, 2)
	rounds := 0
	st, err := bench.Genereer(ctx, s, o, func(done int, _ bench.Stats) { rounds++ })
	if err != nil {
		t.Fatalf("Genereer: %v", err)
	}
	if rounds != 2 {
		t.Fatalf("progress called %d times; want 2", rounds)
	}

	// (1) Read back through the store and validate as an import would.
	records, links := 0, 0
	codes, kvk := map[string]string{}, map[string]string{}
	zicht := map[string]map[string]int{}
	for g := o.Eerste; g < o.Eerste+o.Gemeenten; g++ {
		doc, err := s.Export(ctx, o.GemeenteID(g))
		if err != nil {
			t.Fatal(err)
		}
		records += len(doc.Records)
		links += len(doc.Koppelingen)
		if err := kaart.CheckExport(doc); err != nil {
			t.Fatalf("gemeente %d does not pass the domain validation: %v", g, err)
		}
		byID := map[string]kaart.ExportRecord{}
		for _, r := range doc.Records {
			p := r.Eigenschappen
			id := p["id"].(string)
			byID[id] = r
			for _, sys := range []string{"aangemaakt", "gewijzigd", "laatstBevestigd", "versie", "gemeente", "zichtbaarheid"} {
				if p[sys] == nil {
					t.Fatalf("%s %s has no %s: %v", r.Type, id, sys, p)
				}
			}
			z := p["zichtbaarheid"].(string)
			if zicht[r.Type] == nil {
				zicht[r.Type] = map[string]int{}
			}
			zicht[r.Type][z]++
			switch r.Type {
			case "Gebied":
				c, _ := p["cbsCode"].(string)
				if c == "" || codes[c] != "" {
					t.Fatalf("Gebied %s: cbsCode %q is missing or also on %s", id, c, codes[c])
				}
				codes[c] = id
			case "Organisatie":
				k, _ := p["kvkNummer"].(string)
				if k == "" || kvk[k] != "" {
					t.Fatalf("Organisatie %s: kvkNummer %q is missing or also on %s", id, k, kvk[k])
				}
				kvk[k] = id
			case "Locatie":
				lat, _ := p["lat"].(float64)
				lon, _ := p["lon"].(float64)
				if lat < 50.75 || lat > 53.5 || lon < 3.4 || lon > 7.2 {
					t.Fatalf("Locatie %s at %v,%v: outside the Netherlands", id, lat, lon)
				}
			case "Persoon":
				if tz, ok := p["toestemmingZichtbaarheid"].(string); ok && rang[z] > rang[tz] {
					t.Fatalf("Persoon %s is %s beyond its consent %s", id, z, tz)
				}
			}
		}
		// Owners: every functie, aanbod and contactgegeven has the one
		// relationship its create makes, and is never wider than it.
		owner := map[string]string{}
		for _, k := range doc.Koppelingen {
			if k.Eigenschappen["id"] == nil || k.Eigenschappen["versie"] == nil || k.Eigenschappen["gemeente"] == nil {
				t.Fatalf("koppeling %s %s->%s lacks id, versie or gemeente: %v", k.Type, k.Van, k.Naar, k.Eigenschappen)
			}
			kz, _ := k.Eigenschappen["zichtbaarheid"].(string)
			van, naar := byID[k.Van].Eigenschappen, byID[k.Naar].Eigenschappen
			if !kaart.RelationTypes[k.Type].Managed && (rang[kz] > rang[van["zichtbaarheid"].(string)] || rang[kz] > rang[naar["zichtbaarheid"].(string)]) {
				t.Fatalf("koppeling %s %s->%s is %s, wider than an end", k.Type, k.Van, k.Naar, kz)
			}
			switch k.Type {
			case "FUNCTIE_BIJ", "AANGEBODEN_DOOR", "DEEL_VAN":
				owner[k.Van] = k.Naar
			case "HEEFT_CONTACT":
				owner[k.Naar] = k.Van
			}
		}
		for id, r := range byID {
			t0 := kaart.RecordTypes[r.Type]
			soort, _ := r.Eigenschappen["soort"].(string)
			needs := t0.Owner != nil && t0.Owner.Required || (r.Type == "Gebied" && soort != "GEMEENTE")
			if needs && owner[id] == "" {
				t.Fatalf("%s %s has no owner", r.Type, id)
			}
			if o, ok := owner[id]; ok && r.Type != "Gebied" {
				if rang[r.Eigenschappen["zichtbaarheid"].(string)] > rang[byID[o].Eigenschappen["zichtbaarheid"].(string)] {
					t.Fatalf("%s %s is %s, wider than its owner %s (%s)", r.Type, id, r.Eigenschappen["zichtbaarheid"], o, byID[o].Eigenschappen["zichtbaarheid"])
				}
			}
		}
	}
	if records != st.Nodes || links != st.Relationships {
		t.Fatalf("read back %d records and %d koppelingen; Genereer wrote %d and %d", records, links, st.Nodes, st.Relationships)
	}
	for _, typ := range []string{"Organisatie", "Functie", "Persoon", "Aanbod", "Locatie", "Contactgegeven", "Netwerk", "Coalitie", "Doelgroep", "Thema"} {
		if len(zicht[typ]) == 0 {
			t.Fatalf("no %s generated", typ)
		}
	}
	for _, typ := range []string{"Persoon", "Functie", "Contactgegeven"} {
		if len(zicht[typ]) != 3 {
			t.Fatalf("%s zichtbaarheden %v; want a mix of OPENBAAR, PARTNERS and INTERN", typ, zicht[typ])
		}
	}

	// (2) The GraphQL API answers the non-null fields on generated data.
	// One query for all of it: the limit on its estimated cost is not what
	// this test is about.
	h := graph.NewHandler(&kaart.Service{Store: s}, graph.Options{ComplexityLimit: 1_000_000}, nil)
	gm := o.GemeenteID(o.Eerste)
	const q = `query($gm: ID!) {
  organisaties(filter: {gemeente: $gm}, first: 100) { edges { node {
    id naam sector kvkNummer zichtbaarheid
    contactgegevens { soort waarde zichtbaarheid }
    locaties { naam postcode lat lon zichtbaarheid }
    aanbod { naam zichtbaarheid geldigVan locaties { naam } }
    functies { titel rol niveau zichtbaarheid geldigVan bekleedDoor { naam grondslag zichtbaarheid } }
  } } }
  personen(filter: {gemeente: $gm}, first: 100) { edges { node { id naam grondslag zichtbaarheid toestemmingZichtbaarheid } } }
}`
	type answer struct {
		Organisaties struct {
			Edges []struct {
				Node struct {
					ID, Naam, Sector, Zichtbaarheid string
					Contactgegevens                 []struct{ Soort, Waarde, Zichtbaarheid string }
					Locaties                        []struct{ Naam, Zichtbaarheid string }
					Aanbod                          []struct{ Naam, Zichtbaarheid string }
					Functies                        []struct {
						Titel, Rol, Zichtbaarheid string
						BekleedDoor               []struct{ Naam, Grondslag, Zichtbaarheid string }
					}
				}
			}
		}
		Personen struct {
			Edges []struct {
				Node struct{ ID, Naam, Grondslag, Zichtbaarheid string }
			}
		}
	}
	var all answer
	query(t, h, kaart.WithViewer(ctx, neo4jtest.Platform), q, map[string]any{"gm": gm}, &all)
	var functies, aanbod, locaties, bekleed int
	for i, e := range all.Organisaties.Edges {
		n := e.Node
		// Lists sort on the sorteernaam the store keeps beside the naam.
		if i > 0 && strings.ToLower(all.Organisaties.Edges[i-1].Node.Naam) > strings.ToLower(n.Naam) {
			t.Fatalf("organisaties not sorted by naam: %q before %q", all.Organisaties.Edges[i-1].Node.Naam, n.Naam)
		}
		if n.Sector == "" {
			t.Fatalf("organisatie %s without sector", n.ID)
		}
		aanbod += len(n.Aanbod)
		locaties += len(n.Locaties)
		for _, f := range n.Functies {
			if f.Titel == "" || f.Rol == "" {
				t.Fatalf("functie without titel or rol: %+v", f)
			}
			functies++
			bekleed += len(f.BekleedDoor)
		}
	}
	if len(all.Organisaties.Edges) != o.Organisaties || functies != o.Wijken*o.FunctiesPerWijk || aanbod != o.Organisaties*o.AanbodPerOrganisatie ||
		locaties != o.Organisaties || bekleed == 0 || len(all.Personen.Edges) != o.Personen {
		t.Fatalf("beheerder sees %d organisaties, %d functies (held %d times), %d aanbod, %d locaties, %d personen; want %d, %d, %d, %d, %d",
			len(all.Organisaties.Edges), functies, bekleed, aanbod, locaties, len(all.Personen.Edges),
			o.Organisaties, o.Wijken*o.FunctiesPerWijk, o.Organisaties*o.AanbodPerOrganisatie, o.Organisaties, o.Personen)
	}

	// (3) An anonymous viewer sees the OPENBAAR records only, and some.
	var anon answer
	query(t, h, ctx, q, map[string]any{"gm": gm}, &anon)
	seen := map[string]int{}
	check := func(what, z string) {
		t.Helper()
		if z != "OPENBAAR" {
			t.Fatalf("anonymous viewer sees %s with zichtbaarheid %s", what, z)
		}
		seen[what]++
	}
	for _, e := range anon.Organisaties.Edges {
		n := e.Node
		check("organisatie", n.Zichtbaarheid)
		for _, c := range n.Contactgegevens {
			check("contactgegeven", c.Zichtbaarheid)
		}
		for _, l := range n.Locaties {
			check("locatie", l.Zichtbaarheid)
		}
		for _, a := range n.Aanbod {
			check("aanbod", a.Zichtbaarheid)
		}
		for _, f := range n.Functies {
			check("functie", f.Zichtbaarheid)
			for _, p := range f.BekleedDoor {
				check("persoon", p.Zichtbaarheid)
			}
		}
	}
	for _, e := range anon.Personen.Edges {
		check("persoon", e.Node.Zichtbaarheid)
	}
	for _, what := range []string{"organisatie", "contactgegeven", "locatie", "aanbod", "functie", "persoon"} {
		if seen[what] == 0 {
			t.Fatalf("anonymous viewer sees no %s at all: %v", what, seen)
		}
	}
	if len(anon.Personen.Edges) >= len(all.Personen.Edges) {
		t.Fatalf("anonymous viewer sees %d of %d personen; want only the OPENBAAR ones", len(anon.Personen.Edges), len(all.Personen.Edges))
	}
}
