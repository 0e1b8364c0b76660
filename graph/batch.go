package graph

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"sync"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Sibling batching keeps the number of statements per GraphQL operation a
// function of the query's shape, never of the number of results:
//
//   - Every list of records the API produces (a page, or the children of a
//     nested field) is registered as one sibling group per record type.
//   - The first time a nested field is resolved for any member of a group,
//     the field is loaded for all members at once (one Service.Neighbours or
//     Service.Get call, guarded by a sync.Once per group and field), and the
//     result is cached per member.
//   - The records that load returns, across all parents, become the next
//     sibling groups, so the next level of nesting again costs one call.
//
// A record that was never registered (a single record from a by-id query or
// a mutation) forms a group of its own on first use. There is no time window:
// loads happen as soon as the first sibling asks.
//
// The groups live in a per-operation value installed by NewHandler
// (AroundOperations); without it, every record is its own group, which is
// correct but not batched.

type batchKey struct{}

// batches holds the sibling groups of one operation.
type batches struct {
	mu     sync.Mutex
	groups map[any]*group // record pointer → its sibling group
	logged map[string]bool
}

type group struct {
	members []any // record pointers, all of one Go type
	mu      sync.Mutex
	loads   map[string]*load
}

type load struct {
	once  sync.Once
	value any // map[string]R: result per member id
	err   error
}

var errLoadIncomplete = errors.New("graph: batch load did not complete")

func newBatches() *batches {
	return &batches{groups: map[any]*group{}, logged: map[string]bool{}}
}

// withBatches returns ctx carrying a fresh set of sibling groups.
func withBatches(ctx context.Context) context.Context {
	return context.WithValue(ctx, batchKey{}, newBatches())
}

func batchesFrom(ctx context.Context) *batches {
	if b, ok := ctx.Value(batchKey{}).(*batches); ok {
		return b
	}
	return newBatches()
}

// firstLog reports whether msg is logged for the first time in this
// operation, so an error shared by a whole group is logged once.
func (b *batches) firstLog(msg string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.logged[msg] {
		return false
	}
	b.logged[msg] = true
	return true
}

// register makes objs the sibling groups of one result: one group per Go
// type. Records already in a group stay where they are.
func register(ctx context.Context, objs []any) {
	b := batchesFrom(ctx)
	byType := map[reflect.Type]*group{}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, o := range objs {
		if o == nil || metaOf(o) == nil {
			continue
		}
		if _, ok := b.groups[o]; ok {
			continue
		}
		t := reflect.TypeOf(o)
		g := byType[t]
		if g == nil {
			g = &group{loads: map[string]*load{}}
			byType[t] = g
		}
		g.members = append(g.members, o)
		b.groups[o] = g
	}
}

// groupOf returns the sibling group of obj, making it a group of its own
// when it was never registered.
func (b *batches) groupOf(obj any) *group {
	b.mu.Lock()
	defer b.mu.Unlock()
	g := b.groups[obj]
	if g == nil {
		g = &group{members: []any{obj}, loads: map[string]*load{}}
		b.groups[obj] = g
	}
	return g
}

func (g *group) load(key string) *load {
	g.mu.Lock()
	defer g.mu.Unlock()
	l := g.loads[key]
	if l == nil {
		l = &load{}
		g.loads[key] = l
	}
	return l
}

// batched returns obj's value of the field named key. The first call for
// any member of obj's sibling group runs fetch once for the whole group;
// fetch returns the values by member id.
func batched[R any](ctx context.Context, obj any, key string, fetch func(ctx context.Context, members []*kaart.Meta) (map[string]R, error)) (R, error) {
	var zero R
	m := metaOf(obj)
	if m == nil {
		return zero, errors.New("graph: not a record")
	}
	g := batchesFrom(ctx).groupOf(obj)
	l := g.load(key)
	l.once.Do(func() {
		l.err = errLoadIncomplete // stays when fetch panics
		metas := make([]*kaart.Meta, len(g.members))
		for i, o := range g.members {
			metas[i] = metaOf(o)
		}
		l.value, l.err = fetch(ctx, metas)
	})
	if l.err != nil {
		return zero, l.err
	}
	values, _ := l.value.(map[string]R)
	return values[m.ID], nil
}

// uniqueIDs returns the distinct non-empty values of id over members, sorted.
func uniqueIDs(members []*kaart.Meta, id func(*kaart.Meta) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range members {
		if s := id(m); s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// rel is a nested field's relationship, seen from the parent record.
type rel struct {
	from     string // parent record type, for documentation and tests
	relation string
	outgoing bool // (parent)-[relation]->(neighbour)
	types    []string
}

// allRels lists every rel the resolvers use, for tests.
var allRels []rel

func outgoing(from, relation string, types ...string) rel {
	r := rel{from: from, relation: relation, outgoing: true, types: types}
	allRels = append(allRels, r)
	return r
}

func incoming(from, relation string, types ...string) rel {
	r := rel{from: from, relation: relation, outgoing: false, types: types}
	allRels = append(allRels, r)
	return r
}

// linked is one neighbour with the relationship that reaches it.
type linked struct {
	koppeling *kaart.Koppeling
	node      any
}

// neighbours loads q (optionally filtered on a membership niveau) for obj's
// whole sibling group with one Service.Neighbours call.
func neighbours(ctx context.Context, r *Resolver, obj any, q rel, niveau string) ([]linked, error) {
	dir := "<"
	if q.outgoing {
		dir = ">"
	}
	key := "rel " + dir + q.relation + " " + niveau
	for _, t := range q.types {
		key += " " + t
	}
	return batched(ctx, obj, key, func(ctx context.Context, members []*kaart.Meta) (map[string][]linked, error) {
		ids := uniqueIDs(members, func(m *kaart.Meta) string { return m.ID })
		res, err := r.Service.Neighbours(ctx, kaart.NeighbourQuery{
			Relation: q.relation, Outgoing: q.outgoing, From: ids, Types: q.types, Niveau: niveau,
		})
		if err != nil {
			return nil, err
		}
		out := make(map[string][]linked, len(res))
		nodes := map[string]any{} // one object per neighbour, shared by its parents
		var children, koppelingen []any
		for _, from := range ids {
			for _, nb := range res[from] {
				id := nb.Node.ID()
				node, ok := nodes[id]
				if !ok {
					if node, err = decodeNode(nb.Node); err != nil {
						return nil, err
					}
					nodes[id] = node
					children = append(children, node)
				}
				van, naar := id, from
				if q.outgoing {
					van, naar = from, id
				}
				k, err := decodeKoppeling(nb.Koppeling, q.relation, van, naar)
				if err != nil {
					return nil, err
				}
				koppelingen = append(koppelingen, k)
				out[from] = append(out[from], linked{koppeling: k, node: node})
			}
		}
		register(ctx, children)
		register(ctx, koppelingen)
		return out, nil
	})
}

// related returns the neighbours of obj over q that are a *T.
func related[T any](ctx context.Context, r *Resolver, obj any, q rel) ([]*T, error) {
	ls, err := neighbours(ctx, r, obj, q, "")
	if err != nil {
		return nil, err
	}
	out := make([]*T, 0, len(ls))
	for _, l := range ls {
		if n, ok := l.node.(*T); ok {
			out = append(out, n)
		}
	}
	return out, nil
}

// relatedOne returns the first neighbour of obj over q, or nil.
func relatedOne[T any](ctx context.Context, r *Resolver, obj any, q rel) (*T, error) {
	list, err := related[T](ctx, r, obj, q)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return list[0], nil
}

// byRef resolves a record id held in obj's meta (beheerder, gemeente) for
// obj's whole sibling group with one Service.Get call.
func byRef[T any](ctx context.Context, r *Resolver, obj any, key, typeName string, ref func(*kaart.Meta) string) (*T, error) {
	m := metaOf(obj)
	if m == nil || ref(m) == "" {
		return nil, nil
	}
	return batched(ctx, obj, "ref "+key, func(ctx context.Context, members []*kaart.Meta) (map[string]*T, error) {
		ids := uniqueIDs(members, ref)
		nodes, err := r.Service.Get(ctx, []string{typeName}, ids)
		if err != nil {
			return nil, err
		}
		found := make(map[string]*T, len(nodes))
		var children []any
		for _, id := range ids {
			n, ok := nodes[id]
			if !ok {
				continue
			}
			t, err := kaart.Decode[T](n)
			if err != nil {
				return nil, err
			}
			found[id] = t
			children = append(children, t)
		}
		register(ctx, children)
		out := make(map[string]*T, len(members))
		for _, m := range members {
			if t := found[ref(m)]; t != nil {
				out[m.ID] = t
			}
		}
		return out, nil
	})
}

func beheerderOf(ctx context.Context, r *Resolver, obj any) (*kaart.Organisatie, error) {
	return byRef[kaart.Organisatie](ctx, r, obj, "beheerder", "Organisatie", func(m *kaart.Meta) string {
		if m.Beheerder == nil {
			return ""
		}
		return *m.Beheerder
	})
}

func gemeenteOf(ctx context.Context, r *Resolver, obj any) (*kaart.Gebied, error) {
	return byRef[kaart.Gebied](ctx, r, obj, "gemeente", "Gebied", func(m *kaart.Meta) string { return m.Gemeente })
}
