package kaart

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// FieldKind says how an input value is checked and stored.
type FieldKind int

const (
	TextField FieldKind = iota
	EnumField
	IntField
	FloatField
	BoolField
	DateField
	NiveauField
	IDField
)

// Field describes one writable property of a record type. Name is the GraphQL
// input field and the Neo4j property.
type Field struct {
	Name     string
	Kind     FieldKind
	Required bool
	// CreateOnly fields can be set at creation and never changed.
	CreateOnly bool
	MaxLen     int
	Min, Max   float64
	Values     []string
	// Normalize checks a text value and returns its stored form, or a message.
	Normalize func(string) (string, string)
}

// Owner is a relationship a record is created with and that it cannot live
// without: a Functie at an Organisatie, a Contactgegeven of its holder, a
// wijk in its gemeente.
type Owner struct {
	Field    string   // input field holding the owner's id
	Relation string   // relationship type
	Outgoing bool     // true: (record)-[rel]->(owner); false: (owner)-[rel]->(record)
	Types    []string // allowed owner record types
	Required bool
}

// RecordType is one node type of the sociale kaart.
type RecordType struct {
	Name   string // Neo4j label and GraphQL type
	Fields []Field
	Owner  *Owner
	// DefaultZichtbaarheid applies when a create gives none.
	DefaultZichtbaarheid Zichtbaarheid
	// NameField is the property lists sort and filter by prefix on.
	NameField string
	// Uniek lists the properties that together are the record's identity
	// outside the kaart (a CBS code; a KvK number within a gemeente): no
	// two records of the type share them, by a Neo4j uniqueness constraint.
	// A record that lacks one of them is not constrained. The last one is
	// the field a CONFLICT names.
	Uniek []string
	// check adds cross-field errors; props holds normalised values.
	check func(props map[string]any, errs *ValidationErrors)
}

// Field returns the named field, or nil.
func (t *RecordType) Field(name string) *Field {
	for i := range t.Fields {
		if t.Fields[i].Name == name {
			return &t.Fields[i]
		}
	}
	return nil
}

// AllFields returns the fields every record has followed by the type's own,
// in the order a form shows them.
func (t *RecordType) AllFields() []Field {
	return append(append([]Field{}, t.Fields...), commonFields...)
}

// commonFields are on every record.
var commonFields = []Field{
	{Name: "zichtbaarheid", Kind: EnumField, Values: Zichtbaarheden},
	{Name: "bron", Kind: TextField, MaxLen: 300},
	{Name: "beheerder", Kind: IDField},
	{Name: "geldigVan", Kind: DateField},
	{Name: "geldigTot", Kind: DateField},
	// When the source last confirmed the record; a beheerder may carry it
	// over from another source (see CheckLaatstBevestigd). The store sets
	// it to now on create and confirm otherwise.
	{Name: "laatstBevestigd", Kind: DateField},
}

// OudsteBevestiging is the earliest laatstBevestigd a record may carry:
// older than this is a typing error, not a source.
var OudsteBevestiging = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// CheckLaatstBevestigd checks a laatstBevestigd in props: only a beheerder
// (of a gemeente or the platform) may set it, FORBIDDEN otherwise, and
// only to a day between OudsteBevestiging and today. path is the input's
// path ("input").
func CheckLaatstBevestigd(v Viewer, props map[string]any, path string) error {
	raw, ok := props["laatstBevestigd"]
	if !ok {
		return nil
	}
	field := path + ".laatstBevestigd"
	if v.Rol != Beheerder {
		return &Error{Code: EFORBIDDEN, Field: field, Message: "mag alleen een beheerder zetten; zonder deze waarde geldt vandaag."}
	}
	d, ok := raw.(time.Time)
	switch {
	case !ok:
		return ValidationErrors{{Code: EINVALID, Field: field, Message: "kan niet leeg worden gemaakt; bevestig het record om het op vandaag te zetten"}}
	case d.After(time.Now().UTC()):
		return ValidationErrors{{Code: EINVALID, Field: field, Message: "ligt in de toekomst"}}
	case d.Before(OudsteBevestiging):
		return ValidationErrors{{Code: EINVALID, Field: field, Message: fmt.Sprintf("ligt vóór %s; dat is vast een tikfout", OudsteBevestiging.Format(time.DateOnly))}}
	}
	return nil
}

// Input is the raw GraphQL input object: a key that is absent stays
// unchanged on update, a key with nil clears the property.
type Input map[string]any

// Validated is a checked input, ready for the store.
type Validated struct {
	Props map[string]any // normalised property values; nil means remove
	Refs  []Ref          // ids the store must find, visible to the viewer, in the same transaction
	Owner *OwnerRef
}

// Ref is an id in the input that must name an existing record.
type Ref struct {
	Field string // input path, e.g. "input.beheerder"
	ID    string
	Types []string
}

// OwnerRef is the owner a new record is linked to.
type OwnerRef struct {
	Ref
	Relation string
	Outgoing bool
}

// GemeenteRef is the Ref type for a Gebied of soort GEMEENTE.
const GemeenteRef = "Gemeente"

// ValidateCreate checks a create input; path is the input's GraphQL path.
func (t *RecordType) ValidateCreate(in Input, path string) (Validated, error) {
	return t.validate(in, path, true, true)
}

// ValidateImport checks a record from an export document: like a create,
// but its owner travels as a separate relationship.
func (t *RecordType) ValidateImport(in Input, path string) (Validated, error) {
	return t.validate(in, path, true, false)
}

// ValidateUpdate checks an update input: only present keys are checked.
func (t *RecordType) ValidateUpdate(in Input, path string) (Validated, error) {
	return t.validate(in, path, false, true)
}

func (t *RecordType) validate(in Input, path string, create, withOwner bool) (Validated, error) {
	fields := append(append([]Field{}, commonFields...), t.Fields...)
	props, errs := validateFields(t.Name, fields, in, path, create, t.Owner)
	out := Validated{Props: props}
	for _, f := range fields {
		if v, ok := props[f.Name].(string); ok && f.Kind == IDField {
			types := []string{"Organisatie"}
			if f.Name == "gemeente" {
				types = []string{GemeenteRef}
			}
			out.Refs = append(out.Refs, Ref{Field: path + "." + f.Name, ID: v, Types: types})
		}
	}
	if o := t.Owner; o != nil && withOwner {
		raw, present := in[o.Field]
		fieldPath := path + "." + o.Field
		switch {
		case !create && present:
			errs.Add(fieldPath, "kan na het aanmaken niet meer worden gewijzigd; maak een nieuwe koppeling")
		case create && (raw == nil || raw == ""):
			if o.Required {
				errs.Add(fieldPath, "is verplicht")
			}
		case create:
			id, ok := raw.(string)
			if !ok || CheckID(id) != "" {
				errs.Add(fieldPath, "is geen geldige id")
				break
			}
			out.Owner = &OwnerRef{Ref: Ref{Field: fieldPath, ID: id, Types: o.Types}, Relation: o.Relation, Outgoing: o.Outgoing}
		}
	}
	if t.check != nil && len(errs) == 0 {
		t.check(out.Props, &errs)
	}
	if create {
		if _, ok := out.Props["zichtbaarheid"]; !ok {
			out.Props["zichtbaarheid"] = string(t.DefaultZichtbaarheid)
		}
	}
	if err := errs.Err(); err != nil {
		return Validated{}, err
	}
	return out, nil
}

// validateFields checks the input keys against fields: required fields on
// create, unknown keys, values, and the order of geldigVan and geldigTot. On
// create, nil values are dropped; on update they mean "remove".
func validateFields(typeName string, fields []Field, in Input, path string, create bool, owner *Owner) (map[string]any, ValidationErrors) {
	var errs ValidationErrors
	props := map[string]any{}
	known := map[string]bool{}
	if owner != nil {
		known[owner.Field] = true
	}
	for _, f := range fields {
		known[f.Name] = true
		raw, present := in[f.Name]
		fieldPath := path + "." + f.Name
		if !present || raw == nil {
			if f.Required && (create || present) {
				errs.Add(fieldPath, "is verplicht")
			}
			if present && !create {
				if f.CreateOnly {
					errs.Add(fieldPath, "kan na het aanmaken niet meer worden gewijzigd")
				}
				props[f.Name] = nil
			}
			continue
		}
		if f.CreateOnly && !create {
			errs.Add(fieldPath, "kan na het aanmaken niet meer worden gewijzigd")
			continue
		}
		v, msg := f.parse(raw)
		if msg != "" {
			errs.Add(fieldPath, "%s", msg)
			continue
		}
		props[f.Name] = v
	}
	for key := range in {
		if !known[key] {
			errs.Add(path+"."+key, "is geen veld van %s", typeName)
		}
	}
	if van, ok := props["geldigVan"].(time.Time); ok {
		if tot, ok := props["geldigTot"].(time.Time); ok && tot.Before(van) {
			errs.Add(path+".geldigTot", "ligt vóór geldigVan")
		}
	}
	return props, errs
}

// parse turns a raw GraphQL value into the stored value or a message.
func (f *Field) parse(raw any) (any, string) {
	switch f.Kind {
	case TextField, IDField:
		s, ok := raw.(string)
		if !ok {
			return nil, "moet tekst zijn"
		}
		s = strings.TrimSpace(s)
		if !utf8.ValidString(s) || strings.ContainsFunc(s, isControl) {
			return nil, "bevat ongeldige tekens"
		}
		if f.Required && s == "" {
			return nil, "is verplicht"
		}
		max := f.MaxLen
		if max == 0 {
			max = 200
		}
		if n := utf8.RuneCountInString(s); n > max {
			return nil, fmt.Sprintf("is te lang: %d tekens, maximaal %d", n, max)
		}
		if f.Kind == IDField {
			if msg := CheckID(s); msg != "" {
				return nil, msg
			}
		}
		if f.Normalize != nil {
			norm, msg := f.Normalize(s)
			if msg != "" {
				return nil, msg
			}
			s = norm
		}
		return s, ""
	case EnumField:
		s, ok := raw.(string)
		if !ok {
			return nil, "moet een van deze waarden zijn: " + strings.Join(f.Values, ", ")
		}
		for _, v := range f.Values {
			if v == s {
				return s, ""
			}
		}
		return nil, "moet een van deze waarden zijn: " + strings.Join(f.Values, ", ")
	case NiveauField:
		s, _ := raw.(string)
		n, ok := ParseNiveau(s)
		if !ok {
			return nil, "moet BESTUURLIJK, MANAGERIAL of FRONTLIJN zijn (of STRATEGISCH, TACTISCH, OPERATIONEEL, AMBTELIJK, UITVOEREND)"
		}
		return string(n), ""
	case IntField:
		n, ok := toFloat(raw)
		if !ok || n != math.Trunc(n) {
			return nil, "moet een geheel getal zijn"
		}
		if n < f.Min || n > f.Max {
			return nil, fmt.Sprintf("moet tussen %g en %g liggen", f.Min, f.Max)
		}
		return int64(n), ""
	case FloatField:
		n, ok := toFloat(raw)
		if !ok || math.IsNaN(n) || math.IsInf(n, 0) {
			return nil, "moet een getal zijn"
		}
		if n < f.Min || n > f.Max {
			return nil, fmt.Sprintf("moet tussen %g en %g liggen", f.Min, f.Max)
		}
		return n, ""
	case BoolField:
		b, ok := raw.(bool)
		if !ok {
			return nil, "moet true of false zijn"
		}
		return b, ""
	case DateField:
		var d time.Time
		switch v := raw.(type) {
		case time.Time:
			d = v.UTC().Truncate(24 * time.Hour)
		case string:
			var err error
			if d, err = time.Parse(time.DateOnly, v); err != nil {
				return nil, "is geen geldige datum (JJJJ-MM-DD, zoals 2024-01-31)"
			}
		default:
			return nil, "is geen geldige datum (JJJJ-MM-DD, zoals 2024-01-31)"
		}
		if msg := CheckDatum(d); msg != "" {
			return nil, msg
		}
		return d, ""
	}
	return nil, "heeft een onbekend type"
}

// MinDatumJaar and MaxDatumJaar bound every calendar date the kaart
// stores. The oldest organisations still at work in a neighbourhood
// (churches, foundations, associations) date from the nineteenth century,
// and nobody plans an agreement two centuries ahead: a year outside
// 1800..2200 is a typing error (0, 202, 20240), never a date someone means.
const (
	MinDatumJaar = 1800
	MaxDatumJaar = 2200
)

// CheckDatum returns a message when d lies outside the years
// MinDatumJaar..MaxDatumJaar, or "".
func CheckDatum(d time.Time) string {
	if y := d.Year(); y < MinDatumJaar || y > MaxDatumJaar {
		return fmt.Sprintf("ligt in het jaar %d: een datum moet tussen %d en %d liggen", y, MinDatumJaar, MaxDatumJaar)
	}
	return ""
}

// checkCoordinaten holds lat and lon of a place together: given, or
// removed, both at once. Half a coordinate puts a place nowhere.
func checkCoordinaten(p map[string]any, errs *ValidationErrors) {
	lat, hasLat := p["lat"]
	lon, hasLon := p["lon"]
	switch {
	case hasLat && !hasLon:
		errs.Add("input.lon", "ontbreekt: geef lat en lon samen (of wis ze samen)")
	case hasLon && !hasLat:
		errs.Add("input.lat", "ontbreekt: geef lat en lon samen (of wis ze samen)")
	case hasLat && lat == nil && lon != nil:
		errs.Add("input.lat", "kan alleen samen met lon worden gewist")
	case hasLon && lon == nil && lat != nil:
		errs.Add("input.lon", "kan alleen samen met lat worden gewist")
	}
}

func toFloat(raw any) (float64, bool) {
	switch v := raw.(type) {
	case int:
		return float64(v), true
	case int32:
		return float64(v), true
	case int64:
		return float64(v), true
	case float64:
		return v, true
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(v, 64)
		return f, err == nil
	}
	return 0, false
}

func isControl(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f
}

// FieldKind returns the kind of a writable property of t, common fields included.
func (t *RecordType) FieldKind(name string) (FieldKind, bool) {
	if f := t.Field(name); f != nil {
		return f.Kind, true
	}
	for _, f := range commonFields {
		if f.Name == name {
			return f.Kind, true
		}
	}
	return 0, false
}

// IsDateProperty reports whether a stored property holds a calendar date
// (as opposed to a moment in time): geldigVan, geldigTot and date fields.
func IsDateProperty(name string) bool {
	switch name {
	case "geldigVan", "geldigTot", "toestemmingGegevenOp":
		return true
	}
	return false
}

// GebiedOuder checks where a Gebied of soort hangs: a wijk in a gemeente, a
// buurt in a wijk, a dienstgebied beside the tree in its gemeente. It returns
// whether the Gebied joins the tree (DEEL_VAN) and a message when not allowed.
func GebiedOuder(soort, ouderSoort string) (inTree bool, msg string) {
	switch soort {
	case "GEMEENTE":
		if ouderSoort != "" {
			return false, "een gemeente is het bovenste gebied en heeft geen ouder"
		}
		return false, ""
	case "WIJK":
		if ouderSoort != "GEMEENTE" {
			return false, "een wijk hoort in een gemeente: geef de id van de gemeente"
		}
		return true, ""
	case "BUURT":
		if ouderSoort != "WIJK" {
			return false, "een buurt hoort in een wijk: geef de id van de wijk"
		}
		return true, ""
	case "DIENSTGEBIED":
		if ouderSoort != "GEMEENTE" {
			return false, "een dienstgebied hoort bij een gemeente: geef de id van de gemeente; koppel de wijken met OMVAT"
		}
		return false, ""
	}
	return false, "onbekend soort gebied"
}
