package graph

import (
	"context"
	"fmt"
	"reflect"

	"github.com/socialekaart/socialekaart/graph/model"
	"github.com/socialekaart/socialekaart/internal/kaart"
)

// toInput turns a gqlgen changeset into a kaart.Input. gqlgen coerces the
// values of a map-bound input to the schema's Go types (*string, *int,
// *bool, *time.Time, enum strings); kaart expects plain values and an
// untyped nil for an explicit null, so pointers are dereferenced and named
// basic types converted.
func toInput(m map[string]any) kaart.Input {
	in := make(kaart.Input, len(m))
	for k, v := range m {
		in[k] = plain(v)
	}
	return in
}

func plain(v any) any {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Bool:
		return rv.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int()
	case reflect.Float32, reflect.Float64:
		return rv.Float()
	}
	return rv.Interface()
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// listFilter maps a GraphQL filter onto kaart.ListFilter.
func listFilter(f *model.ListFilter) kaart.ListFilter {
	if f == nil {
		return kaart.ListFilter{}
	}
	return kaart.ListFilter{
		Gemeente:   str(f.Gemeente),
		Gebied:     str(f.Gebied),
		Sector:     str(f.Sector),
		Thema:      str(f.Thema),
		Niveau:     str(f.Niveau),
		Soort:      str(f.Soort),
		NaamPrefix: str(f.NaamBegintMet),
	}
}

// get returns one visible record of typeName, or nil.
func get[T any](ctx context.Context, r *Resolver, typeName, id string) (*T, error) {
	if kaart.CheckID(id) != "" {
		return nil, nil
	}
	nodes, err := r.Service.Get(ctx, []string{typeName}, []string{id})
	if err != nil {
		return nil, err
	}
	n, ok := nodes[id]
	if !ok {
		return nil, nil
	}
	return kaart.Decode[T](n)
}

// getRecord returns one visible record of any type, or nil.
func getRecord(ctx context.Context, r *Resolver, id string) (model.Record, error) {
	if kaart.CheckID(id) != "" {
		return nil, nil
	}
	nodes, err := r.Service.Get(ctx, nil, []string{id})
	if err != nil {
		return nil, err
	}
	n, ok := nodes[id]
	if !ok {
		return nil, nil
	}
	return decodeNode(n)
}

// list returns one page of typeName and registers its records as one
// sibling group.
func list(ctx context.Context, r *Resolver, typeName string, filter *model.ListFilter, first *int, after *string) (*model.Connection, error) {
	f := listFilter(filter)
	if first != nil {
		if *first < 1 || *first > kaart.MaxPageSize {
			return nil, &kaart.Error{Code: kaart.EINVALID, Field: "first", Message: fmt.Sprintf("moet tussen 1 en %d liggen", kaart.MaxPageSize)}
		}
		f.First = *first
	}
	if after != nil && *after != "" {
		c, err := kaart.DecodeCursor(*after)
		if err != nil {
			return nil, err
		}
		f.After = c
	}
	page, err := r.Service.List(ctx, typeName, f)
	if err != nil {
		return nil, err
	}
	conn := &model.Connection{
		Type:     typeName,
		Filter:   f,
		Edges:    make([]*model.Edge, 0, len(page.Nodes)),
		PageInfo: &model.PageInfo{HasNextPage: page.HasNextPage, HasPreviousPage: f.After != nil},
	}
	objs := make([]any, 0, len(page.Nodes))
	for i, n := range page.Nodes {
		obj, err := decodeNode(n)
		if err != nil {
			return nil, err
		}
		var cursor string
		if i < len(page.Cursors) {
			cursor = page.Cursors[i].Encode()
		}
		objs = append(objs, obj)
		conn.Edges = append(conn.Edges, &model.Edge{Cursor: cursor, Node: obj})
	}
	if len(conn.Edges) > 0 {
		start, end := conn.Edges[0].Cursor, conn.Edges[len(conn.Edges)-1].Cursor
		conn.PageInfo.StartCursor, conn.PageInfo.EndCursor = &start, &end
	}
	register(ctx, objs)
	return conn, nil
}

// edgeNode returns the record of an edge as its struct type.
func edgeNode[T any](e *model.Edge) (*T, error) {
	n, ok := e.Node.(*T)
	if !ok {
		return nil, fmt.Errorf("graph: edge holds %T, not %T", e.Node, n)
	}
	return n, nil
}

// totalCount counts the records a connection's filter selects.
func totalCount(ctx context.Context, r *Resolver, c *model.Connection) (int, error) {
	return r.Service.Count(ctx, c.Type, c.Filter)
}

func create[T any](ctx context.Context, r *Resolver, typeName string, input map[string]any) (*T, error) {
	n, err := r.Service.Create(ctx, typeName, toInput(input))
	if err != nil {
		return nil, err
	}
	return kaart.Decode[T](n)
}

func update[T any](ctx context.Context, r *Resolver, typeName, id string, versie int, input map[string]any) (*T, error) {
	n, err := r.Service.Update(ctx, typeName, id, versie, toInput(input))
	if err != nil {
		return nil, err
	}
	return kaart.Decode[T](n)
}

func remove(ctx context.Context, r *Resolver, typeName, id string, versie int) (string, error) {
	if err := r.Service.Delete(ctx, typeName, id, versie); err != nil {
		return "", err
	}
	return id, nil
}

func confirm[T any](ctx context.Context, r *Resolver, typeName, id string) (*T, error) {
	n, err := r.Service.Confirm(ctx, typeName, id)
	if err != nil {
		return nil, err
	}
	return kaart.Decode[T](n)
}

// koppel makes a relationship from a KoppelInvoer changeset.
func koppel(ctx context.Context, r *Resolver, input map[string]any) (*kaart.Koppeling, error) {
	in := toInput(input)
	soort, _ := in["soort"].(string)
	van, _ := in["van"].(string)
	naar, _ := in["naar"].(string)
	delete(in, "soort")
	delete(in, "van")
	delete(in, "naar")
	n, err := r.Service.Link(ctx, soort, van, naar, in)
	if err != nil {
		return nil, err
	}
	return decodeKoppeling(n, soort, van, naar)
}

func wijzigKoppeling(ctx context.Context, r *Resolver, id string, versie int, soort string, input map[string]any) (*kaart.Koppeling, error) {
	n, err := r.Service.UpdateLink(ctx, soort, id, versie, toInput(input))
	if err != nil {
		return nil, err
	}
	return decodeKoppeling(n, soort, "", "")
}

func ontkoppel(ctx context.Context, r *Resolver, id string, versie int, soort string) (string, error) {
	if err := r.Service.Unlink(ctx, soort, id, versie); err != nil {
		return "", err
	}
	return id, nil
}
