package kaart

import (
	"fmt"
	"strings"
	"time"
)

// ExportFormat names the JSON document of `socialekaart export` and `import`:
// the whole graph, the backup and restore path (Community has no online backup).
const (
	ExportFormat  = "socialekaart-export"
	ExportVersion = 1
)

// Export is the whole sociale kaart as one JSON document. Dates are
// "YYYY-MM-DD", times RFC 3339.
type Export struct {
	Formaat     string            `json:"formaat"`
	Versie      int               `json:"versie"`
	Gemaakt     time.Time         `json:"gemaakt"`
	Records     []ExportRecord    `json:"records"`
	Koppelingen []ExportKoppeling `json:"koppelingen"`
}

// ExportRecord is one node: its type and every property, id included.
type ExportRecord struct {
	Type          string         `json:"type"`
	Eigenschappen map[string]any `json:"eigenschappen"`
}

// ExportKoppeling is one relationship between two records by id.
type ExportKoppeling struct {
	Type          string         `json:"type"`
	Van           string         `json:"van"`
	Naar          string         `json:"naar"`
	Eigenschappen map[string]any `json:"eigenschappen"`
}

// systemFields are set by the store, not by a client, but travel in exports.
var systemFields = map[string]FieldKind{
	"id":              IDField,
	"gemeente":        IDField,
	"aangemaakt":      TextField,
	"gewijzigd":       TextField,
	"laatstBevestigd": TextField,
	"versie":          IntField,
	// Set by trekToestemmingIn (avg.go), never by an input.
	"toestemmingIngetrokkenOp": TextField,
}

// CheckExport validates a document before import: known types, valid fields,
// unique ids, relationships between existing records of allowed types. It
// returns the record props in stored form (dates as time.Time).
func CheckExport(doc *Export) error {
	if doc.Formaat != ExportFormat || doc.Versie != ExportVersion {
		return fmt.Errorf("not a %s document of version %d", ExportFormat, ExportVersion)
	}
	typeOf := map[string]string{}
	for i, rec := range doc.Records {
		t, ok := RecordTypes[rec.Type]
		if !ok {
			return fmt.Errorf("record %d: unknown type %q", i, rec.Type)
		}
		id, _ := rec.Eigenschappen["id"].(string)
		if CheckID(id) != "" {
			return fmt.Errorf("record %d (%s): invalid id %q", i, rec.Type, id)
		}
		if _, dup := typeOf[id]; dup {
			return fmt.Errorf("record %d: duplicate id %q", i, id)
		}
		typeOf[id] = rec.Type
		in := Input{}
		for k, v := range rec.Eigenschappen {
			if _, sys := systemFields[k]; sys && !(k == "gemeente" && t.Field("gemeente") != nil) {
				continue
			}
			in[k] = v
		}
		val, err := t.ValidateImport(in, id)
		if err != nil {
			return fmt.Errorf("record %s: %w", id, err)
		}
		for k, v := range val.Props {
			rec.Eigenschappen[k] = v
		}
	}
	for i, k := range doc.Koppelingen {
		r, ok := RelationTypes[k.Type]
		if !ok {
			return fmt.Errorf("koppeling %d: unknown type %q", i, k.Type)
		}
		from, to := typeOf[k.Van], typeOf[k.Naar]
		if !r.Allows(from, to) {
			return fmt.Errorf("koppeling %d: %s from %s %q to %s %q is not allowed", i, k.Type, from, k.Van, to, k.Naar)
		}
		in := Input{}
		for key, v := range k.Eigenschappen {
			// A koppeling's gemeente and beheerder are copied from its start.
			if _, sys := systemFields[key]; !sys && key != "beheerder" {
				in[key] = v
			}
		}
		props, err := r.Validate(in, fmt.Sprintf("koppeling %d", i), true)
		if err != nil {
			return err
		}
		if err := r.CheckEnds(to, props, fmt.Sprintf("koppeling %d", i)); err != nil {
			return err
		}
		for key, v := range props {
			k.Eigenschappen[key] = v
		}
	}
	return checkOneFact(doc)
}

// checkOneFact refuses a document that holds one fact twice: two records
// with one identity (RecordType.Uniek), two koppelingen with the same
// ends and Key, two current ones into a record where one is allowed.
func checkOneFact(doc *Export) error {
	seen := map[string]string{}
	for _, rec := range doc.Records {
		t := RecordTypes[rec.Type]
		if len(t.Uniek) == 0 {
			continue
		}
		key := rec.Type
		for _, p := range t.Uniek {
			v, ok := rec.Eigenschappen[p]
			if !ok || v == nil {
				key = ""
				break
			}
			key += fmt.Sprintf("|%v", v)
		}
		id, _ := rec.Eigenschappen["id"].(string)
		if key == "" {
			continue
		}
		if other, dup := seen[key]; dup {
			return fmt.Errorf("record %s: same %s as record %s", id, strings.Join(t.Uniek, " and "), other)
		}
		seen[key] = id
	}
	today := time.Now().UTC().Truncate(24 * time.Hour)
	for i, k := range doc.Koppelingen {
		r := RelationTypes[k.Type]
		key := fmt.Sprintf("%s|%s|%s", k.Type, k.Van, k.Naar)
		for _, p := range r.Key {
			key += fmt.Sprintf("|%v", k.Eigenschappen[p])
		}
		if other, dup := seen[key]; dup {
			return fmt.Errorf("koppeling %d: the same %s from %q to %q as koppeling %s", i, k.Type, k.Van, k.Naar, other)
		}
		seen[key] = fmt.Sprint(i)
		if tot, ok := k.Eigenschappen["geldigTot"].(time.Time); r.EenPerNaar && !(ok && tot.Before(today)) {
			one := "een|" + k.Type + "|" + k.Naar
			if other, dup := seen[one]; dup {
				return fmt.Errorf("koppeling %d: a second current %s to %q, besides koppeling %s", i, k.Type, k.Naar, other)
			}
			seen[one] = fmt.Sprint(i)
		}
	}
	return nil
}
