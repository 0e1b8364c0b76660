package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
)

// DefaultSynoniemen are the synonyms and abbreviations of the sources
// (sources report §7.5): words for the same role, body or plan across time
// and cities. A beheerder replaces the list through GraphQL.
var DefaultSynoniemen = [][]string{
	{"wijkmanager", "wijkregisseur"},
	{"sociaal makelaar", "buurtverbinder"},
	{"wijkorgaan", "wijkraad", "projectgroep"},
	{"front-linieteam", "frontlijnteam"},
	{"wap", "wijkactieprogramma", "wijkactieplan"},
	{"wijkagenda", "gebiedsagenda"},
	{"aandachtswijk", "krachtwijk"},
	{"sociaal actieteam", "swat-team"},
	{"cjg", "centrum voor jeugd en gezin"},
	{"jgz", "jeugdgezondheidszorg"},
	{"ggd", "gg&gd", "gemeentelijke gezondheidsdienst"},
	{"oov", "openbare orde en veiligheid"},
	{"ez", "economische zaken"},
	{"bso", "buitenschoolse opvang"},
	{"politie", "wijkagent"},
	{"schulden", "geldzorgen", "schuldhulp"},
	{"mantelzorg", "informele zorg"},
}

// synonyms is one immutable synonym list, with its groups normalised to the
// words the query parser produces.
type synonyms struct {
	groups [][]string   // as given
	norm   [][][]string // group → alternative → words
}

func newSynonyms(groups [][]string) *synonyms {
	s := &synonyms{groups: groups}
	for _, g := range groups {
		var alts [][]string
		for _, alt := range g {
			if w := words(alt); len(w) > 0 {
				alts = append(alts, w)
			}
		}
		s.norm = append(s.norm, alts)
	}
	return s
}

// fold lower-cases s and folds its accents the way the analyzers do.
func fold(s string) string {
	return strings.ToLower(string(asciifolding.New().Filter([]byte(s))))
}

// words splits s into folded words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(fold(s), func(r rune) bool { return !isWordRune(r) })
}

func isWordRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && (r == 'ß' || r >= 0xc0)
}

// match returns, for the words starting at i, the longest alternative of a
// group that matches there: its length in words and the other alternatives.
func (s *synonyms) match(ws []string, i int) (int, [][]string) {
	best, var_ := 0, [][]string(nil)
	for _, alts := range s.norm {
		for k, alt := range alts {
			if len(alt) <= best || i+len(alt) > len(ws) || !equalWords(ws[i:i+len(alt)], alt) {
				continue
			}
			best = len(alt)
			var_ = nil
			for j, other := range alts {
				if j != k {
					var_ = append(var_, other)
				}
			}
		}
	}
	return best, var_
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// synonymStore keeps the list in a file beside the index, so a change
// survives a restart; it applies from the next search on.
type synonymStore struct {
	mu   sync.Mutex
	path string
	cur  *synonyms
}

func loadSynonyms(path string) (*synonymStore, error) {
	st := &synonymStore{path: path, cur: newSynonyms(DefaultSynoniemen)}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read synonyms: %w", err)
	}
	var groups [][]string
	if err := json.Unmarshal(b, &groups); err != nil {
		return nil, fmt.Errorf("read synonyms %s: %w", path, err)
	}
	st.cur = newSynonyms(groups)
	return st, nil
}

func (st *synonymStore) get() *synonyms {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.cur
}

func (st *synonymStore) set(_ context.Context, groups [][]string) error {
	b, err := json.MarshalIndent(groups, "", "  ")
	if err != nil {
		return err
	}
	tmp := st.path + ".tmp"
	if err := os.MkdirAll(filepath.Dir(st.path), 0o755); err != nil {
		return fmt.Errorf("write synonyms: %w", err)
	}
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("write synonyms: %w", err)
	}
	if err := os.Rename(tmp, st.path); err != nil {
		return fmt.Errorf("write synonyms: %w", err)
	}
	st.mu.Lock()
	st.cur = newSynonyms(groups)
	st.mu.Unlock()
	return nil
}
