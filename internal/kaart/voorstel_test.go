package kaart_test

import (
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// A proposal is stored as JSON and validated again when it is approved: it
// must validate to the same values as when it was made.
func TestWijzigingenSurviveStorage(t *testing.T) {
	t.Parallel()
	in := kaart.Input{
		"openingstijden": "Dinsdag 10-12",
		"geldigVan":      time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		"kosten":         nil, // clear the field
	}
	t1, err := kaart.RecordTypes["Aanbod"].ValidateUpdate(in, "wijziging.aanbod")
	if err != nil {
		t.Fatalf("ValidateUpdate: %v", err)
	}
	s, err := kaart.MarshalWijzigingen(in)
	if err != nil {
		t.Fatal(err)
	}
	back, err := kaart.UnmarshalWijzigingen(s)
	if err != nil {
		t.Fatal(err)
	}
	t2, err := kaart.RecordTypes["Aanbod"].ValidateUpdate(back, "wijziging.aanbod")
	if err != nil {
		t.Fatalf("ValidateUpdate after storage (%s): %v", s, err)
	}
	for k, v := range t1.Props {
		w, ok := t2.Props[k]
		if !ok || (v == nil) != (w == nil) {
			t.Errorf("%s: before %v, after %v", k, v, w)
			continue
		}
		if vt, ok := v.(time.Time); ok && !vt.Equal(w.(time.Time)) {
			t.Errorf("%s: before %v, after %v", k, v, w)
		}
	}
	if len(t1.Props) != len(t2.Props) {
		t.Errorf("props before %v, after %v", t1.Props, t2.Props)
	}
}
