package kaart_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// The domain package stays free of the driver, Bleve and gqlgen.
func TestDomainImportsStandardLibraryOnly(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			if first := strings.SplitN(path, "/", 2)[0]; strings.Contains(first, ".") {
				t.Errorf("%s imports %s; the domain package may only import the standard library", name, path)
			}
		}
	}
	if len(files) == 0 {
		wd, _ := os.Getwd()
		t.Fatalf("no Go files found in %s", wd)
	}
}

func TestNormalizeTelefoon(t *testing.T) {
	good := map[string]string{
		"030-2345678":     "+31302345678",
		"06 12345678":     "+31612345678",
		"+31 6 12345678":  "+31612345678",
		"0031 30 2345678": "+31302345678",
		"088 123 4567":    "+31881234567",
		"14 030":          "14030",
		"14 0492":         "140492",
		"0900-8844":       "09008844",
		"0800-2000":       "08002000",
		"0800-0113":       "08000113",
		"112":             "112",
	}
	for in, want := range good {
		if got, msg := kaart.NormalizeTelefoon(in); got != want || msg != "" {
			t.Errorf("NormalizeTelefoon(%q) = %q, %q; want %q", in, got, msg, want)
		}
	}
	for _, in := range []string{"", "12345", "06-123", "+32 2 123 45 67", "030 23456789", "tel: 030", "0900"} {
		if got, msg := kaart.NormalizeTelefoon(in); msg == "" {
			t.Errorf("NormalizeTelefoon(%q) = %q; want an error", in, got)
		}
	}
}

func TestNormalizePostcode(t *testing.T) {
	for in, want := range map[string]string{"3511AB": "3511 AB", "3511 ab": "3511 AB", " 1012 jS ": "1012 JS"} {
		if got, msg := kaart.NormalizePostcode(in); got != want || msg != "" {
			t.Errorf("NormalizePostcode(%q) = %q, %q; want %q", in, got, msg, want)
		}
	}
	for _, in := range []string{"0123 AB", "3511 SA", "3511 SD", "3511 SS", "351 AB", "3511 A", "35111 AB"} {
		if _, msg := kaart.NormalizePostcode(in); msg == "" {
			t.Errorf("NormalizePostcode(%q) accepted; want an error", in)
		}
	}
}

func TestParseNiveauAliases(t *testing.T) {
	for in, want := range map[string]kaart.Niveau{
		"strategisch": kaart.Bestuurlijk, "BESTUURLIJK": kaart.Bestuurlijk,
		"tactisch": kaart.Managerial, "ambtelijk": kaart.Managerial, "management": kaart.Managerial,
		"operationeel": kaart.Frontlijn, "Uitvoerend": kaart.Frontlijn, "frontlijn": kaart.Frontlijn,
	} {
		if got, ok := kaart.ParseNiveau(in); !ok || got != want {
			t.Errorf("ParseNiveau(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := kaart.ParseNiveau("hoog"); ok {
		t.Error("ParseNiveau(hoog) accepted")
	}
}

func TestAnonymousScopeIsOpenbaarOnly(t *testing.T) {
	s := kaart.Viewer{}.ReadScope()
	if s.All || len(s.Gemeenten) != 0 || len(s.Organisaties) != 0 || len(s.Werkgebied) != 0 || len(s.Everywhere) != 1 || s.Everywhere[0] != "OPENBAAR" {
		t.Fatalf("anonymous ReadScope = %+v; want OPENBAAR only", s)
	}
	if w := (kaart.Viewer{}).WriteScope(); w.Allows("gm", "org", "id") {
		t.Fatalf("anonymous WriteScope allows writing")
	}
}
