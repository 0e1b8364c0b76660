package graph

import (
	"github.com/socialekaart/socialekaart/graph/model"
	"github.com/socialekaart/socialekaart/internal/kaart"
)

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// wijzigingConnection turns a page of history into its GraphQL form.
func wijzigingConnection(page kaart.WijzigingPage) *model.WijzigingConnection {
	out := &model.WijzigingConnection{Wijzigingen: []*model.Wijziging{}, PageInfo: &model.PageInfo{HasNextPage: page.HasNextPage, EndCursor: optString(page.EndCursor)}}
	for _, w := range page.Wijzigingen {
		out.Wijzigingen = append(out.Wijzigingen, &model.Wijziging{
			ID: w.ID, RecordID: w.RecordID, RecordType: w.RecordType, Soort: model.WijzigingSoort(w.Soort),
			Door: w.Door, GebruikerID: optString(w.GebruikerID), SleutelID: optString(w.SleutelID), Op: w.Op,
			Versie: optInt(w.Versie), Voor: optString(w.Voor), Na: optString(w.Na),
			KoppelingID: optString(w.KoppelingID), Relatie: optString(w.Relatie), Van: optString(w.Van), Naar: optString(w.Naar),
			HersteldVan: optInt(w.HersteldVan), Reden: optString(w.Reden),
		})
	}
	return out
}
