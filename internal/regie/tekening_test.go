package regie

import (
	"strings"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

func node(typ, id, naam string) kaart.Node {
	return kaart.Node{Type: typ, Props: map[string]any{"id": id, "naam": naam, "titel": naam}}
}

// A coalition without managerial members gets a dashed gap with the reason
// coalitieAnalyse gives, and a partij on two levels gets one line between
// its blocks.
func TestTekeningMarksGapsAndLinksAPartij(t *testing.T) {
	dock := node("Organisatie", "org-dock", "DOCK")
	f := kaart.CoalitieFeiten{
		Coalitie: node("Coalitie", "coa-1", "Buurtkamer"),
		Leden: []kaart.CoalitieLid{
			{Lid: node("Functie", "fun-1", "Directeur DOCK"), Niveau: kaart.Bestuurlijk, Partij: dock},
			{Lid: node("Functie", "fun-2", "Opbouwwerker"), Niveau: kaart.Frontlijn, Partij: dock, Sleutelpartner: true},
		},
	}
	a := kaart.AnalyseerCoalitie(f, time.Now())
	tk := teken([]kaart.CoalitieAnalyse{a})
	if len(tk.Kolommen) != 1 || len(tk.Kolommen[0].Blokken) != 2 {
		t.Fatalf("kolommen = %+v; want one column with two blocks", tk.Kolommen)
	}
	gaten := tk.Kolommen[0].Gaten
	if len(gaten) != 1 || gaten[0].Tekst != "Ontbreekt: managerial" || !strings.Contains(gaten[0].Volled, "geen leden op managementniveau") {
		t.Fatalf("gaten = %+v; want one managerial gap with its reason", gaten)
	}
	if len(tk.Lijnen) != 1 {
		t.Fatalf("lijnen = %+v; want one line between DOCK's two blocks", tk.Lijnen)
	}
	if l := tk.Lijnen[0]; l.Y1 >= l.Y2 {
		t.Fatalf("the line runs from %d down to %d; want from the bestuurlijk block down", l.Y1, l.Y2)
	}
	if tk.Kolommen[0].Blokken[1].Sleutel != true {
		t.Fatal("the key partner's block is not marked")
	}
}
