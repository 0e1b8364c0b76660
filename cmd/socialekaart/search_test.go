package main_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/internal/demo"
	"github.com/socialekaart/socialekaart/internal/neo4jlocal"
)

// TestReindexAndCheckAskTheRunningServer runs serve on a data directory,
// with a Neo4j of its own holding the demo, and then reindex and check on
// the same data directory: the server holds the search index, so they ask
// it over HTTP with the key of a platform beheerder. Once the server has
// stopped, they work on the index directly.
func TestReindexAndCheckAskTheRunningServer(t *testing.T) {
	ctx := context.Background()
	neo, err := neo4jlocal.Start(ctx, neo4jlocal.Options{DataDir: t.TempDir(), PageCache: "64m"})
	if err != nil {
		t.Fatalf("neo4jlocal.Start: %v", err)
	}
	t.Cleanup(func() { _ = neo.Stop(context.Background()) })
	dataDir := t.TempDir()
	m, _, logs := newMain(t, map[string]string{
		"NEO4J_URI":             neo.URI(),
		"SOCIALEKAART_DATA_DIR": dataDir,
		"SOCIALEKAART_ADDR":     "127.0.0.1:0",
		"SOCIALEKAART_DEMO":     "true",
	})
	srv := startServe(t, m, logs)
	base := srv.base
	// The index is new, so serve rebuilds it first; a reindex asked during
	// that rebuild would be refused as a second one.
	srv.waitFor("search index rebuilt")

	cli := map[string]string{"NEO4J_URI": neo.URI(), "SOCIALEKAART_DATA_DIR": dataDir}
	platform, _ := mustExecute(t, cli, "apikey", "create", "--naam", "Platform", "--rol", "beheerder")
	platform = strings.TrimSpace(platform)
	gemeente, _ := mustExecute(t, cli, "apikey", "create", "--naam", "Beheerder Utrecht", "--rol", "beheerder", "--gemeente", demo.GemeenteID)
	gemeente = strings.TrimSpace(gemeente)

	t.Run("reindex with --server and --key", func(t *testing.T) {
		code, stdout, stderr := execute(t, cli, "reindex", "--server", base, "--key", platform)
		if code != 0 || !strings.Contains(stderr, "a running server holds the search index in "+dataDir) ||
			!strings.Contains(stderr, "asking it at "+base) || !strings.Contains(stdout, "search index rebuilt by the server in") {
			t.Errorf("reindex = %d\nstdout: %s\nstderr: %s\nwant 0, asking the server at %s", code, stdout, stderr, base)
		}
		if !strings.Contains(stderr, "] ") || !strings.Contains(stderr, " cards") {
			t.Errorf("reindex stderr = %q; want a progress bar", stderr)
		}
		if strings.Contains(stdout+stderr, platform) {
			t.Error("reindex printed the API key")
		}
	})

	t.Run("check with the listen address and the key from the environment", func(t *testing.T) {
		u, _ := url.Parse(base)
		env := map[string]string{"NEO4J_URI": neo.URI(), "SOCIALEKAART_DATA_DIR": dataDir,
			"SOCIALEKAART_ADDR": u.Host, "SOCIALEKAART_ADMIN_KEY": platform}
		code, stdout, stderr := execute(t, env, "check")
		if code != 0 || !strings.Contains(stderr, "asking it at "+base) ||
			!strings.Contains(stdout, "missing: 0\nstale: 0\nleft over: 0") || strings.Contains(stdout, "cards in the index: 0\n") {
			t.Errorf("check = %d\nstdout: %s\nstderr: %s\nwant 0 and a current index, asking the server", code, stdout, stderr)
		}
	})

	for _, c := range []struct {
		name, cmd string
		args      []string
		want      []string
	}{
		{"a wrong key", "reindex", []string{"--key", "sk_bestaatniet"}, []string{"refused the API key", "401 UNAUTHENTICATED", "platform beheerder"}},
		{"a gemeente beheerder's key", "check", []string{"--key", gemeente}, []string{"not a platform beheerder's", "403 FORBIDDEN"}},
		{"no key", "check", nil, []string{"SOCIALEKAART_ADMIN_KEY", "--key"}},
	} {
		t.Run(c.cmd+" with "+c.name, func(t *testing.T) {
			args := append([]string{c.cmd, "--server", base}, c.args...)
			code, _, stderr := execute(t, cli, args...)
			if code != 1 {
				t.Errorf("%s = %d; want 1\nstderr: %s", args, code, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("%s stderr = %q; want it to say %q", args, stderr, w)
				}
			}
		})
	}

	srv.Stop()
	if srv.code != 0 {
		t.Fatalf("serve exited with %d; want 0", srv.code)
	}

	t.Run("without a server they work directly", func(t *testing.T) {
		for _, cmd := range []string{"reindex", "check"} {
			code, stdout, stderr := execute(t, cli, cmd, "--server", base, "--key", "sk_unused")
			if code != 0 || !strings.Contains(stderr, "no server holds the search index in "+dataDir+"/search: working on it directly") {
				t.Errorf("%s = %d\nstdout: %s\nstderr: %s\nwant 0, working directly", cmd, code, stdout, stderr)
			}
		}
	})
}
