package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// fakeStore is a tiny in-memory kaart.Store that exists only to exercise the
// GraphQL layer: its limits, error mapping, input conversion and batching.
// It applies no viewer scope and says nothing about Neo4j's behaviour.
type fakeStore struct {
	mu    sync.Mutex
	nodes map[string]kaart.Node
	links []fakeLink
	calls map[string]int

	err     error                  // returned by every method when set
	errOn   map[string]error       // returned by one method
	panics  bool                   // every read panics when set
	created []kaart.Validated      // inputs of Create
	updated []kaart.Validated      // inputs of Update
	linked  []map[string]any       // props of Link
	deleteE error                  // returned by Delete
	queries []kaart.NeighbourQuery // Neighbours calls
}

type fakeLink struct {
	id, rel, from, to string
	props             map[string]any
}

var _ kaart.Store = (*fakeStore)(nil)

func newFakeStore() *fakeStore {
	return &fakeStore{nodes: map[string]kaart.Node{}, calls: map[string]int{}, errOn: map[string]error{}}
}

var fakeTime = time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)

// add stores a record of typ with the meta every record has.
func (s *fakeStore) add(typ, id string, props ...any) {
	p := map[string]any{
		"id": id, "gemeente": "gm", "zichtbaarheid": "OPENBAAR",
		"aangemaakt": fakeTime, "gewijzigd": fakeTime, "versie": int64(1),
	}
	for i := 0; i+1 < len(props); i += 2 {
		p[props[i].(string)] = props[i+1]
	}
	s.nodes[id] = kaart.Node{Type: typ, Props: p}
}

// link stores (from)-[rel]->(to).
func (s *fakeStore) link(rel, from, to string, props ...any) {
	p := map[string]any{}
	for i := 0; i+1 < len(props); i += 2 {
		p[props[i].(string)] = props[i+1]
	}
	s.links = append(s.links, fakeLink{id: fmt.Sprintf("k%d", len(s.links)+1), rel: rel, from: from, to: to, props: p})
}

func (s *fakeStore) count(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

func (s *fakeStore) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.calls {
		n += c
	}
	return n
}

func (s *fakeStore) enter(method string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[method]++
	if s.panics {
		panic("fake store: kapot")
	}
	if err := s.errOn[method]; err != nil {
		return err
	}
	return s.err
}

func (s *fakeStore) Create(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, in kaart.Validated) (kaart.Node, error) {
	if err := s.enter("Create"); err != nil {
		return kaart.Node{}, err
	}
	s.mu.Lock()
	s.created = append(s.created, in)
	s.mu.Unlock()
	props := map[string]any{"id": "nieuw", "aangemaakt": fakeTime, "gewijzigd": fakeTime, "versie": int64(1)}
	for k, v := range in.Props {
		props[k] = v
	}
	return kaart.Node{Type: t.Name, Props: props}, nil
}

func (s *fakeStore) Update(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, id string, versie int, in kaart.Validated) (kaart.Node, error) {
	if err := s.enter("Update"); err != nil {
		return kaart.Node{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.updated = append(s.updated, in)
	n, ok := s.nodes[id]
	if !ok {
		return kaart.Node{}, kaart.NotFound(t.Name, id)
	}
	return n, nil
}

func (s *fakeStore) Delete(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, id string, versie int) error {
	if err := s.enter("Delete"); err != nil {
		return err
	}
	return s.deleteE
}

func (s *fakeStore) Confirm(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, id string) (kaart.Node, error) {
	if err := s.enter("Confirm"); err != nil {
		return kaart.Node{}, err
	}
	return s.nodes[id], nil
}

func (s *fakeStore) Get(ctx context.Context, v kaart.Viewer, types []string, ids []string) (map[string]kaart.Node, error) {
	if err := s.enter("Get"); err != nil {
		return nil, err
	}
	out := map[string]kaart.Node{}
	for _, id := range ids {
		if n, ok := s.nodes[id]; ok && (len(types) == 0 || slices.Contains(types, n.Type)) {
			out[id] = n
		}
	}
	return out, nil
}

func (s *fakeStore) selection(t *kaart.RecordType, f kaart.ListFilter) []kaart.Node {
	var out []kaart.Node
	for _, n := range s.nodes {
		if n.Type == t.Name && (f.Gemeente == "" || n.Props["gemeente"] == f.Gemeente) {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(a, b kaart.Node) int { return strings.Compare(a.ID(), b.ID()) })
	return out
}

func (s *fakeStore) List(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, f kaart.ListFilter) (kaart.Page, error) {
	if err := s.enter("List"); err != nil {
		return kaart.Page{}, err
	}
	var page kaart.Page
	for _, n := range s.selection(t, f) {
		if f.After != nil && n.ID() <= f.After.ID {
			continue
		}
		if len(page.Nodes) == f.First {
			page.HasNextPage = true
			break
		}
		page.Nodes = append(page.Nodes, n)
		page.Cursors = append(page.Cursors, kaart.Cursor{Sort: n.ID(), ID: n.ID()})
	}
	return page, nil
}

func (s *fakeStore) Count(ctx context.Context, v kaart.Viewer, t *kaart.RecordType, f kaart.ListFilter) (int, error) {
	if err := s.enter("Count"); err != nil {
		return 0, err
	}
	return len(s.selection(t, f)), nil
}

func (s *fakeStore) Neighbours(ctx context.Context, v kaart.Viewer, q kaart.NeighbourQuery) (map[string][]kaart.Neighbour, error) {
	if err := s.enter("Neighbours"); err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.queries = append(s.queries, q)
	s.mu.Unlock()
	out := map[string][]kaart.Neighbour{}
	for _, from := range q.From {
		for _, l := range s.links {
			other := ""
			switch {
			case l.rel != q.Relation:
			case q.Outgoing && l.from == from:
				other = l.to
			case !q.Outgoing && l.to == from:
				other = l.from
			}
			n, ok := s.nodes[other]
			if !ok || (len(q.Types) > 0 && !slices.Contains(q.Types, n.Type)) {
				continue
			}
			if q.Niveau != "" && l.props["niveau"] != q.Niveau {
				continue
			}
			props := map[string]any{"id": l.id, "zichtbaarheid": "OPENBAAR", "aangemaakt": fakeTime, "gewijzigd": fakeTime, "versie": int64(1)}
			for k, v := range l.props {
				props[k] = v
			}
			out[from] = append(out[from], kaart.Neighbour{Koppeling: kaart.Node{Type: "Koppeling", Props: props}, Node: n})
		}
	}
	return out, nil
}

func (s *fakeStore) Link(ctx context.Context, v kaart.Viewer, r *kaart.RelationType, from, to string, props map[string]any) (kaart.Node, error) {
	if err := s.enter("Link"); err != nil {
		return kaart.Node{}, err
	}
	s.mu.Lock()
	s.linked = append(s.linked, props)
	s.mu.Unlock()
	p := map[string]any{"id": "k-nieuw", "aangemaakt": fakeTime, "gewijzigd": fakeTime, "versie": int64(1)}
	for k, v := range props {
		p[k] = v
	}
	return kaart.Node{Type: "Koppeling", Props: p}, nil
}

func (s *fakeStore) UpdateLink(ctx context.Context, v kaart.Viewer, r *kaart.RelationType, id string, versie int, props map[string]any) (kaart.Node, error) {
	if err := s.enter("UpdateLink"); err != nil {
		return kaart.Node{}, err
	}
	return kaart.Node{Type: "Koppeling", Props: map[string]any{"id": id, "versie": int64(versie + 1)}}, nil
}

func (s *fakeStore) Unlink(ctx context.Context, v kaart.Viewer, r *kaart.RelationType, id string, versie int) error {
	return s.enter("Unlink")
}

// gqlResponse is a decoded GraphQL response.
type gqlResponse struct {
	Status int
	Data   map[string]any `json:"data"`
	Errors []gqlError     `json:"errors"`
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

func (r gqlResponse) codes() []string {
	var out []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		out = append(out, c)
	}
	return out
}

// testServer is the GraphQL handler over a fake store, acting as viewer.
type testServer struct {
	store   *fakeStore
	handler http.Handler
	viewer  kaart.Viewer
	logs    *bytes.Buffer
}

func newTestServer(t testing.TB, opts Options) *testServer {
	t.Helper()
	logs := &bytes.Buffer{}
	store := newFakeStore()
	logger := slog.New(slog.NewTextHandler(logs, nil))
	return &testServer{store: store, handler: NewHandler(&kaart.Service{Store: store}, opts, logger), logs: logs}
}

var beheerder = kaart.Viewer{Rol: kaart.Beheerder}

// do posts query with variables (name, value pairs) and decodes the answer.
func (s *testServer) do(t testing.TB, query string, vars ...any) gqlResponse {
	t.Helper()
	body := map[string]any{"query": query}
	if len(vars) > 0 {
		v := map[string]any{}
		for i := 0; i+1 < len(vars); i += 2 {
			v[vars[i].(string)] = vars[i+1]
		}
		body["variables"] = v
	}
	return s.post(t, body)
}

// doOperation posts query asking for the operation named op.
func (s *testServer) doOperation(t testing.TB, query, op string) gqlResponse {
	t.Helper()
	return s.post(t, map[string]any{"query": query, "operationName": op})
}

func (s *testServer) post(t testing.TB, body map[string]any) gqlResponse {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req = req.WithContext(kaart.WithViewer(req.Context(), s.viewer))
	rec := httptest.NewRecorder()
	s.handler.ServeHTTP(rec, req)
	var resp gqlResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("decode %q: %v", rec.Body.String(), err)
	}
	resp.Status = rec.Code
	return resp
}

// field walks data along a path of map keys and list indexes.
func field(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}
