package neo4j

import (
	"context"
	"fmt"
	"slices"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

var _ kaart.ViewerResolver = (*Store)(nil)

// resolveOrganisatiesCypher finds a partner's organisation and everything
// under it. The tree is shallow (a concern, its divisions, their teams), so
// the walk is bounded.
const resolveOrganisatiesCypher = `
	MATCH (o:Organisatie {id: $organisatie})
	OPTIONAL MATCH (sub:Organisatie)-[:ONDERDEEL_VAN*1..8]->(o)
	RETURN o.id AS id, collect(DISTINCT sub.id) AS subs, o.gemeente AS gemeente, collect(DISTINCT sub.gemeente) AS subGemeenten`

// resolveWerkgebiedCypher finds a regisseur's gebieden in its own gemeente
// and every gebied under them: buurten of a wijk, wijken (and their
// buurten) a dienstgebied covers, all gebieden of a whole gemeente.
const resolveWerkgebiedCypher = `
	MATCH (g:Gebied)
	WHERE g.id IN $gebieden AND g.gemeente = $gemeente
	CALL (g) {
		MATCH (d:Gebied)-[:DEEL_VAN*0..2]->(g)
		RETURN d
		UNION
		MATCH (g)-[:OMVAT]->(:Gebied)<-[:DEEL_VAN*0..1]-(d:Gebied)
		RETURN d
		UNION
		MATCH (d:Gebied {gemeente: g.id})
		WHERE g.soort = 'GEMEENTE'
		RETURN d
	}
	RETURN collect(DISTINCT d.id) AS ids`

// ResolveViewer fills in what v's binding reaches (kaart.ViewerResolver): a
// partner's organisation tree and the gemeenten it lies in (Thuis), a
// regisseur's werkgebied. Gebieden outside the regisseur's own gemeente are
// dropped, so a regisseur whose gebieden do not exist there reaches no
// INTERN record at all. A partner whose organisation does not exist reaches
// only that id, and adds records nowhere.
func (s *Store) ResolveViewer(ctx context.Context, v kaart.Viewer) (kaart.Viewer, error) {
	v.Organisaties, v.Werkgebied, v.Thuis, v.Resolved = nil, nil, nil, true
	err := s.read(ctx, func(tx *txn) error {
		switch {
		case v.Rol == kaart.Partner && v.Organisatie != "":
			v.Organisaties = []string{v.Organisatie}
			records, err := tx.run(ctx, "resolve organisaties", resolveOrganisatiesCypher, map[string]any{"organisatie": v.Organisatie})
			if err != nil || len(records) == 0 {
				return err
			}
			subs, _ := records[0].Values[1].([]any)
			for _, sub := range subs {
				if id, ok := sub.(string); ok {
					v.Organisaties = append(v.Organisaties, id)
				}
			}
			thuis, _ := records[0].Values[3].([]any)
			for _, g := range append([]any{records[0].Values[2]}, thuis...) {
				if id, ok := g.(string); ok && !slices.Contains(v.Thuis, id) {
					v.Thuis = append(v.Thuis, id)
				}
			}
		case v.Rol == kaart.Regisseur && v.Gemeente != "" && len(v.Gebieden) > 0:
			records, err := tx.run(ctx, "resolve werkgebied", resolveWerkgebiedCypher, map[string]any{"gebieden": v.Gebieden, "gemeente": v.Gemeente})
			if err != nil || len(records) == 0 {
				return err
			}
			ids, _ := records[0].Values[0].([]any)
			for _, id := range ids {
				if s, ok := id.(string); ok {
					v.Werkgebied = append(v.Werkgebied, s)
				}
			}
		}
		return nil
	})
	if err != nil {
		return kaart.Viewer{}, fmt.Errorf("resolve viewer: %w", err)
	}
	return v, nil
}
