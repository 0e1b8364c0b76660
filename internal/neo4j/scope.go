package neo4j

import (
	"fmt"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// The policy of kaart.Scope as Cypher predicates. The same predicate serves
// nodes and relationships (a path's nodes and relationships go through it
// alike), so it reads only properties and finds the record behind an alias
// by its id: for a relationship alias that finds nothing, and a
// relationship reaches a werkgebied only through its gemeente.

// inWerkgebied: x is one of the gebieden, lies in one of them as its
// gemeente, or serves one of them. For every viewer but a regisseur the
// werkgebied is empty and the subquery costs nothing: it unwinds the first
// element of the werkgebied, so it runs once for a regisseur (one id seek,
// one expand) and not at all for others, however the planner places it.
const inWerkgebied = `($%[2]s.werkgebied <> [] AND (%[1]s.id IN $%[2]s.werkgebied OR %[1]s.gemeente IN $%[2]s.werkgebied
	  OR EXISTS { UNWIND $%[2]s.werkgebied[..1] AS scope_once
	      MATCH (scope_r:Record {id: %[1]s.id})-[:BEDIENT]->(scope_g:Gebied) WHERE scope_g.id IN $%[2]s.werkgebied }))`

// reach is the part of read and write scopes they share.
const reach = `$%[2]s.all OR %[1]s.gemeente IN $%[2]s.gemeenten
	  OR %[1]s.beheerder IN $%[2]s.organisaties OR %[1]s.id IN $%[2]s.organisaties`

// visible is the read policy of kaart.Viewer.ReadScope as a Cypher predicate
// on alias, with the scope in $scope. Hidden rows never leave Neo4j.
func visible(alias string) string {
	return fmt.Sprintf("(%[1]s.zichtbaarheid IN $%[2]s.everywhere OR "+reach+" OR "+inWerkgebied+")", alias, "scope")
}

// writable is the write policy of kaart.Viewer.WriteScope on alias, in
// $write. A regisseur (write.gemeente set) changes records at home in its
// gemeente that lie in its werkgebied, except a regional organisation (one
// serving a gebied outside it); and records there of kaart.PlaatsbareTypes
// that serve no gebied yet, so that what it adds can be placed.
func writable(alias string) string {
	return fmt.Sprintf("("+reach+`
	  OR (%[1]s.gemeente = $%[2]s.gemeente AND `+inWerkgebied+`
	      AND NOT EXISTS { MATCH (scope_r:Organisatie {id: %[1]s.id})-[:BEDIENT]->(scope_g:Gebied) WHERE NOT scope_g.id IN $%[2]s.werkgebied })
	  OR (%[1]s.gemeente = $%[2]s.gemeente AND EXISTS { MATCH (scope_r:Record {id: %[1]s.id})
	      WHERE any(scope_l IN labels(scope_r) WHERE scope_l IN $%[2]s.plaatsbaar) AND NOT EXISTS { MATCH (scope_r)-[:BEDIENT]->(:Gebied) } }))`,
		alias, "write")
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func scopeParam(s kaart.Scope) map[string]any {
	var gemeente any
	plaatsbaar := []string{}
	if s.Gemeente != "" {
		gemeente = s.Gemeente
		plaatsbaar = kaart.PlaatsbareTypes()
	}
	return map[string]any{
		"everywhere":   orEmpty(s.Everywhere),
		"gemeenten":    orEmpty(s.Gemeenten),
		"organisaties": orEmpty(s.Organisaties),
		"werkgebied":   orEmpty(s.Werkgebied),
		"gemeente":     gemeente,
		"plaatsbaar":   plaatsbaar,
		"all":          s.All,
	}
}

// params returns the parameters every statement for v needs, plus extra.
func params(v kaart.Viewer, extra map[string]any) map[string]any {
	p := map[string]any{"scope": scopeParam(v.ReadScope()), "write": scopeParam(v.WriteScope())}
	for k, val := range extra {
		p[k] = val
	}
	return p
}
