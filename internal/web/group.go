package web

import (
	"context"
	"sync"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// group runs independent reads at once: a page needs several, each one
// statement, and waiting for them one after the other adds up the round
// trips. Wait returns the first error.
type group struct {
	wg  sync.WaitGroup
	mu  sync.Mutex
	err error
}

func (g *group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.mu.Lock()
			if g.err == nil {
				g.err = err
			}
			g.mu.Unlock()
		}
	}()
}

func (g *group) Wait() error {
	g.wg.Wait()
	return g.err
}

// buren runs buren in the group and stores the answer in *dst.
func (g *group) buren(ctx context.Context, k Kaart, dst *map[string][]kaart.Node, rel string, outgoing bool, ids []string, types ...string) {
	*dst = map[string][]kaart.Node{}
	if len(ids) == 0 {
		return
	}
	g.Go(func() error {
		m, err := buren(ctx, k, rel, outgoing, ids, types...)
		if err == nil {
			*dst = m
		}
		return err
	})
}
