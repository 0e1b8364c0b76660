package neo4j

import (
	"fmt"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// visible is the read policy of kaart.Viewer.ReadScope as a Cypher predicate
// on alias, with the scope in $scope. Hidden rows never leave Neo4j.
func visible(alias string) string {
	return fmt.Sprintf("(%[1]s.zichtbaarheid IN $scope.everywhere OR %[1]s.gemeente IN $scope.gemeenten"+
		" OR %[1]s.beheerder = $scope.organisatie OR %[1]s.id = $scope.organisatie OR $scope.all)", alias)
}

// writable is the write policy of kaart.Viewer.WriteScope on alias, in $write.
func writable(alias string) string {
	return fmt.Sprintf("(%[1]s.gemeente IN $write.gemeenten"+
		" OR %[1]s.beheerder = $write.organisatie OR %[1]s.id = $write.organisatie OR $write.all)", alias)
}

func scopeParam(s kaart.Scope) map[string]any {
	everywhere := s.Everywhere
	if everywhere == nil {
		everywhere = []string{}
	}
	gemeenten := s.Gemeenten
	if gemeenten == nil {
		gemeenten = []string{}
	}
	var org any
	if s.Organisatie != "" {
		org = s.Organisatie
	}
	return map[string]any{"everywhere": everywhere, "gemeenten": gemeenten, "organisatie": org, "all": s.All}
}

// params returns the parameters every statement for v needs, plus extra.
func params(v kaart.Viewer, extra map[string]any) map[string]any {
	p := map[string]any{"scope": scopeParam(v.ReadScope()), "write": scopeParam(v.WriteScope())}
	for k, val := range extra {
		p[k] = val
	}
	return p
}
