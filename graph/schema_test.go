package graph

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/socialekaart/socialekaart/graph/generated"
	"github.com/socialekaart/socialekaart/internal/kaart"
)

func schema(t *testing.T) *ast.Schema {
	t.Helper()
	return generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}}).Schema()
}

func enumValues(def *ast.Definition) []string {
	var out []string
	for _, v := range def.EnumValues {
		out = append(out, v.Name)
	}
	return out
}

func fieldNames(def *ast.Definition) []string {
	var out []string
	for _, f := range def.Fields {
		out = append(out, f.Name)
	}
	sort.Strings(out)
	return out
}

var relationCommon = []string{"zichtbaarheid", "bron", "geldigVan", "geldigTot"}

// The schema is the contract of internal/kaart: same names, same enums,
// same writable fields.
func TestSchemaMatchesKaart(t *testing.T) {
	s := schema(t)
	commonNames := []string{"zichtbaarheid", "bron", "beheerder", "geldigVan", "geldigTot", "laatstBevestigd"}
	for name, rt := range kaart.RecordTypes {
		obj := s.Types[name]
		if obj == nil || obj.Kind != ast.Object || !slices.Contains(obj.Interfaces, "Record") {
			t.Errorf("%s: no object type implementing Record", name)
			continue
		}
		for _, f := range rt.Fields {
			of := obj.Fields.ForName(f.Name)
			if of == nil {
				t.Errorf("%s.%s missing", name, f.Name)
				continue
			}
			if f.Name == "gemeente" && of.Type.Name() != "Gebied" {
				t.Errorf("%s.gemeente is %s; want Gebied", name, of.Type)
			}
		}
		// Creating: every field, the owner, the common fields.
		inv := s.Types[name+"Invoer"]
		wij := s.Types[name+"Wijziging"]
		if inv == nil || wij == nil {
			t.Errorf("%s: Invoer or Wijziging missing", name)
			continue
		}
		var wantCreate, wantUpdate []string
		for _, f := range rt.Fields {
			wantCreate = append(wantCreate, f.Name)
			if !f.CreateOnly {
				wantUpdate = append(wantUpdate, f.Name)
			}
			in := inv.Fields.ForName(f.Name)
			if in == nil {
				continue
			}
			if in.Type.NonNull != f.Required {
				t.Errorf("%sInvoer.%s non-null = %v; want %v (Required)", name, f.Name, in.Type.NonNull, f.Required)
			}
			if f.Kind == kaart.EnumField {
				if got := enumValues(s.Types[in.Type.Name()]); !slices.Equal(got, f.Values) {
					t.Errorf("%s.%s enum %s = %v; want %v", name, f.Name, in.Type.Name(), got, f.Values)
				}
			}
			if f.Kind == kaart.NiveauField && in.Type.Name() != "NiveauInvoer" {
				t.Errorf("%sInvoer.%s is %s; want NiveauInvoer", name, f.Name, in.Type.Name())
			}
		}
		wantCreate = append(wantCreate, commonNames...)
		wantUpdate = append(wantUpdate, commonNames...)
		if o := rt.Owner; o != nil {
			wantCreate = append(wantCreate, o.Field)
			if of := inv.Fields.ForName(o.Field); of != nil && of.Type.NonNull != o.Required {
				t.Errorf("%sInvoer.%s non-null = %v; want %v", name, o.Field, of.Type.NonNull, o.Required)
			}
		}
		sort.Strings(wantCreate)
		sort.Strings(wantUpdate)
		if got := fieldNames(inv); !slices.Equal(got, wantCreate) {
			t.Errorf("%sInvoer fields = %v; want %v", name, got, wantCreate)
		}
		if got := fieldNames(wij); !slices.Equal(got, wantUpdate) {
			t.Errorf("%sWijziging fields = %v; want %v", name, got, wantUpdate)
		}
		for _, f := range wij.Fields {
			if f.Type.NonNull {
				t.Errorf("%sWijziging.%s is non-null; an absent field must stay unchanged", name, f.Name)
			}
		}
	}

	if got := enumValues(s.Types["Zichtbaarheid"]); !slices.Equal(got, kaart.Zichtbaarheden) {
		t.Errorf("Zichtbaarheid = %v; want %v", got, kaart.Zichtbaarheden)
	}
	var niveaus []string
	for _, n := range kaart.Niveaus {
		niveaus = append(niveaus, string(n))
	}
	if got := enumValues(s.Types["Niveau"]); !slices.Equal(got, niveaus) {
		t.Errorf("Niveau = %v; want %v", got, niveaus)
	}
	for _, v := range enumValues(s.Types["NiveauInvoer"]) {
		n, ok := kaart.ParseNiveau(v)
		if !ok {
			t.Errorf("NiveauInvoer.%s is not accepted by kaart.ParseNiveau", v)
		}
		if d := s.Types["NiveauInvoer"].EnumValues.ForName(v).Description; !strings.Contains(d, string(n)) && v != string(n) {
			t.Errorf("NiveauInvoer.%s documented as %q; want it to name %s", v, d, n)
		}
	}
	if got := enumValues(s.Types["Spoor"]); !slices.Equal(got, kaart.Sporen) {
		t.Errorf("Spoor = %v; want %v", got, kaart.Sporen)
	}

	var soorten []string
	koppelFields := map[string]bool{"soort": true, "van": true, "naar": true}
	for _, f := range relationCommon {
		koppelFields[f] = true
	}
	for name, r := range kaart.RelationTypes {
		if !r.Managed {
			soorten = append(soorten, name)
		}
		for _, f := range r.Fields {
			koppelFields[f.Name] = true
		}
	}
	sort.Strings(soorten)
	if got := enumValues(s.Types["KoppelingSoort"]); !slices.Equal(got, soorten) {
		t.Errorf("KoppelingSoort = %v; want %v", got, soorten)
	}
	var want []string
	for f := range koppelFields {
		want = append(want, f)
	}
	sort.Strings(want)
	if got := fieldNames(s.Types["KoppelInvoer"]); !slices.Equal(got, want) {
		t.Errorf("KoppelInvoer fields = %v; want %v", got, want)
	}
}

// Every nested field reads a relationship kaart allows between those types.
func TestRelationsAllowed(t *testing.T) {
	if len(allRels) == 0 {
		t.Fatal("no relations registered")
	}
	for _, q := range allRels {
		r, ok := kaart.RelationTypes[q.relation]
		if !ok {
			t.Errorf("%s: unknown relation %s", q.from, q.relation)
			continue
		}
		for _, other := range q.types {
			from, to := other, q.from
			if q.outgoing {
				from, to = q.from, other
			}
			if !r.Allows(from, to) {
				t.Errorf("%s does not allow (%s)-[%s]->(%s)", q.relation, from, q.relation, to)
			}
		}
	}
}

// Every type, field and input field is documented, and the docs
// state the privacy boundary.
func TestSchemaDocumented(t *testing.T) {
	s := schema(t)
	for name, def := range s.Types {
		if strings.HasPrefix(name, "__") || def.BuiltIn {
			continue
		}
		if strings.TrimSpace(def.Description) == "" {
			t.Errorf("type %s has no description", name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if strings.TrimSpace(f.Description) == "" {
				t.Errorf("%s.%s has no description", name, f.Name)
			}
		}
	}
	for _, name := range []string{"Query", "Mutation", "Record", "Persoon"} {
		if d := s.Types[name].Description; !strings.Contains(d, "casusgegevens") {
			t.Errorf("%s description does not state that the kaart holds no casusgegevens", name)
		}
	}
}
