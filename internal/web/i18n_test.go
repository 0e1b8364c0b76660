package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestCatalogue holds every interface string to both languages, and every
// key a template asks for to the catalogue.
func TestCatalogue(t *testing.T) {
	for key, m := range messages {
		if key == "taal.data" {
			continue // says only in English that the data is Dutch
		}
		if strings.TrimSpace(m[0]) == "" || strings.TrimSpace(m[1]) == "" {
			t.Errorf("message %q = %q; want Dutch and English", key, m)
		}
		if strings.Count(m[0], "%") != strings.Count(m[1], "%") {
			t.Errorf("message %q: the languages have different verbs: %q", key, m)
		}
	}
	keyUse := regexp.MustCompile(`\.Tf? "([^"]+)"`)
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := templateFS.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range keyUse.FindAllStringSubmatch(string(b), -1) {
			if _, ok := messages[m[1]]; !ok {
				t.Errorf("%s asks for message %q, which the catalogue lacks", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, rol := range Sleutelrollen {
		for _, key := range []string{"rol." + rol, "rol." + rol + ".waarvoor"} {
			if _, ok := messages[key]; !ok {
				t.Errorf("catalogue lacks %q", key)
			}
		}
	}
}

func TestPaths(t *testing.T) {
	for _, tc := range []struct {
		in   string
		lang Lang
		path string
	}{
		{"/", NL, "/"}, {"/en", EN, "/"}, {"/en/", EN, "/"}, {"/en/aanbod/x", EN, "/aanbod/x"},
		{"/english", NL, "/english"}, {"/aanbod/en", NL, "/aanbod/en"},
	} {
		lang, p := langPath(tc.in)
		if lang != tc.lang || p != tc.path {
			t.Errorf("langPath(%q) = %q, %q; want %q, %q", tc.in, lang, p, tc.lang, tc.path)
		}
	}
	for _, tc := range []struct {
		lang     Lang
		in, want string
	}{
		{NL, "/?q=x", "/?q=x"}, {EN, "/", "/en/"}, {EN, "/?q=x", "/en/?q=x"}, {EN, "/melden", "/en/melden"},
	} {
		if got := localPath(tc.lang, tc.in); got != tc.want {
			t.Errorf("localPath(%s, %q) = %q; want %q", tc.lang, tc.in, got, tc.want)
		}
	}
}

func TestTelHref(t *testing.T) {
	for in, want := range map[string]string{
		"030 799 0116": "tel:+31307990116", "06-1234 0011": "tel:+31612340011", "0800-2000": "tel:08002000",
		"112": "tel:112", "0900-8844": "tel:09008844", "+31 30 799 0001": "tel:+31307990001",
	} {
		if got := telHref(in); got != want {
			t.Errorf("telHref(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestTelTekst(t *testing.T) {
	for in, want := range map[string]string{
		"+31307990116": "030 799 0116", "+31612340011": "06 1234 0011", "09008844": "0900-8844",
		"0800-2000": "0800-2000", "+31345123456": "0345 123 456", "112": "112",
	} {
		if got := telTekst(in); got != want {
			t.Errorf("telTekst(%q) = %q; want %q", in, got, want)
		}
	}
}
