package kaart

import (
	"fmt"
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
		for key, v := range props {
			k.Eigenschappen[key] = v
		}
	}
	return nil
}
