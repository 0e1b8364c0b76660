package config_test

import (
	"errors"
	"flag"
	"io"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/internal/config"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestDefaultsAreValid(t *testing.T) {
	c := config.Default()
	c.ApplyEnv(env(nil))
	if err := c.Validate(); err != nil {
		t.Fatalf("Default().Validate() = %v; want nil", err)
	}
	if !c.Demo {
		t.Error("Demo with the local Neo4j = false; want true")
	}
	if c.Addr != "localhost:8080" || c.Neo4jDatabase != "neo4j" || c.DataDir != ".data" || !c.Introspection ||
		c.MaxDepth != 12 || c.MaxAliases != 30 || c.MaxTokens != 10000 || c.MaxBodyBytes != 1048576 {
		t.Errorf("Default() = %+v; want the documented defaults", c)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string // substrings, one per expected problem, in order
	}{
		{"remote neo4j", map[string]string{"NEO4J_URI": "neo4j+s://abc.databases.neo4j.io", "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": "geheim"}, nil},
		{"bolt with port", map[string]string{"NEO4J_URI": "bolt://localhost:7687"}, nil},
		{"bad scheme", map[string]string{"NEO4J_URI": "htp://localhost"},
			[]string{"NEO4J_URI: unsupported scheme 'htp' (use bolt://, bolt+s://, neo4j:// or neo4j+s://)"}},
		{"no scheme", map[string]string{"NEO4J_URI": "localhost:7687"}, []string{"NEO4J_URI: unsupported scheme 'localhost'"}},
		{"not a uri", map[string]string{"NEO4J_URI": "::"}, []string{"NEO4J_URI: '::' is not a URI"}},
		{"no host", map[string]string{"NEO4J_URI": "bolt://"}, []string{"NEO4J_URI: 'bolt://' has no host"}},
		{"bad port", map[string]string{"NEO4J_URI": "bolt://localhost:99999"}, []string{"NEO4J_URI: port '99999'"}},
		{"credentials in uri", map[string]string{"NEO4J_URI": "bolt://neo4j:pw@localhost"}, []string{"NEO4J_URI: put the user name and password in NEO4J_USER"}},
		{"password without user", map[string]string{"NEO4J_URI": "bolt://localhost", "NEO4J_PASSWORD": "x"}, []string{"NEO4J_USER: is empty but NEO4J_PASSWORD is set"}},
		{"bad database", map[string]string{"NEO4J_DATABASE": "my db"}, []string{"NEO4J_DATABASE: 'my db' is not a database name"}},
		{"local without data dir", map[string]string{"SOCIALEKAART_DATA_DIR": ""}, []string{"SOCIALEKAART_DATA_DIR: is empty"}},
		{"remote without data dir", map[string]string{"NEO4J_URI": "bolt://db", "SOCIALEKAART_DATA_DIR": ""}, nil},
		{"addr without port", map[string]string{"SOCIALEKAART_ADDR": "localhost"}, []string{"SOCIALEKAART_ADDR: 'localhost' is not host:port"}},
		{"addr bad port", map[string]string{"SOCIALEKAART_ADDR": ":http-alt"}, []string{"SOCIALEKAART_ADDR: ':http-alt' is not host:port"}},
		{"addr any interface", map[string]string{"SOCIALEKAART_ADDR": ":8080"}, nil},
		{"addr port zero", map[string]string{"SOCIALEKAART_ADDR": "127.0.0.1:0"}, nil},
		{"cors origins", map[string]string{"SOCIALEKAART_CORS_ORIGINS": "https://kaart.utrecht.nl, http://localhost:5173"}, nil},
		{"cors wildcard", map[string]string{"SOCIALEKAART_CORS_ORIGINS": "*"}, nil},
		{"cors wildcard mixed", map[string]string{"SOCIALEKAART_CORS_ORIGINS": "*,https://a.nl"}, []string{"'*' allows every origin and cannot be combined"}},
		{"cors path", map[string]string{"SOCIALEKAART_CORS_ORIGINS": "https://kaart.utrecht.nl/"}, []string{"SOCIALEKAART_CORS_ORIGINS: 'https://kaart.utrecht.nl/' has a path"}},
		{"cors no scheme", map[string]string{"SOCIALEKAART_CORS_ORIGINS": "kaart.utrecht.nl"}, []string{"'kaart.utrecht.nl' is not an origin"}},
		{"cors subdomain wildcard", map[string]string{"SOCIALEKAART_CORS_ORIGINS": "https://*.utrecht.nl"}, []string{"has a wildcard"}},
		{"trusted proxies", map[string]string{"SOCIALEKAART_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.10, fd00::/8"}, nil},
		{"bad proxy", map[string]string{"SOCIALEKAART_TRUSTED_PROXIES": "10.0.0.0/33,proxy.local"},
			[]string{"SOCIALEKAART_TRUSTED_PROXIES: '10.0.0.0/33' is not an IP address or CIDR", "SOCIALEKAART_TRUSTED_PROXIES: 'proxy.local'"}},
		{"introspection off", map[string]string{"SOCIALEKAART_INTROSPECTION": "false"}, nil},
		{"introspection garbage", map[string]string{"SOCIALEKAART_INTROSPECTION": "misschien"}, []string{"SOCIALEKAART_INTROSPECTION: 'misschien' is not true or false"}},
		{"depth not a number", map[string]string{"SOCIALEKAART_MAX_DEPTH": "diep"}, []string{"SOCIALEKAART_MAX_DEPTH: 'diep' is not a whole number"}},
		{"depth zero", map[string]string{"SOCIALEKAART_MAX_DEPTH": "0"}, []string{"SOCIALEKAART_MAX_DEPTH: 0 is out of range (use 1 to 100)"}},
		{"aliases negative", map[string]string{"SOCIALEKAART_MAX_ALIASES": "-1"}, []string{"SOCIALEKAART_MAX_ALIASES: -1 is out of range"}},
		{"tokens too few", map[string]string{"SOCIALEKAART_MAX_TOKENS": "10"}, []string{"SOCIALEKAART_MAX_TOKENS: 10 is out of range"}},
		{"complexity zero", map[string]string{"SOCIALEKAART_MAX_COMPLEXITY": "0"}, []string{"SOCIALEKAART_MAX_COMPLEXITY: 0 is out of range"}},
		{"body tiny", map[string]string{"SOCIALEKAART_MAX_BODY_BYTES": "10"}, []string{"SOCIALEKAART_MAX_BODY_BYTES: 10 is out of range (use 1024 to 67108864 bytes)"}},
		{"response cap tiny", map[string]string{"SOCIALEKAART_MAX_RESPONSE_BYTES": "1000"}, []string{"SOCIALEKAART_MAX_RESPONSE_BYTES: 1000 is out of range (use 65536 to 268435456 bytes)"}},
		{"log level", map[string]string{"SOCIALEKAART_LOG_LEVEL": "DEBUG"}, nil},
		{"bad log level", map[string]string{"SOCIALEKAART_LOG_LEVEL": "verbose"}, []string{"SOCIALEKAART_LOG_LEVEL: 'verbose' is not a log level"}},
		{"memory sizes", map[string]string{"SOCIALEKAART_NEO4J_HEAP": "1g", "SOCIALEKAART_NEO4J_PAGECACHE": "256m"}, nil},
		{"bad heap", map[string]string{"SOCIALEKAART_NEO4J_HEAP": "1 GB"}, []string{"SOCIALEKAART_NEO4J_HEAP: '1 GB' is not a memory size"}},
		{"demo garbage", map[string]string{"SOCIALEKAART_DEMO": "graag"}, []string{"SOCIALEKAART_DEMO: 'graag' is not true or false"}},
		{"everything at once", map[string]string{
			"NEO4J_URI":                 "htp://x",
			"SOCIALEKAART_ADDR":         "nope",
			"SOCIALEKAART_MAX_DEPTH":    "x",
			"SOCIALEKAART_LOG_LEVEL":    "loud",
			"SOCIALEKAART_CORS_ORIGINS": "ftp://a.nl",
		}, []string{"SOCIALEKAART_MAX_DEPTH: 'x'", "NEO4J_URI: unsupported scheme 'htp'", "SOCIALEKAART_ADDR: 'nope'", "SOCIALEKAART_CORS_ORIGINS: 'ftp://a.nl'", "SOCIALEKAART_LOG_LEVEL: 'loud'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := config.Default()
			c.ApplyEnv(env(tt.env))
			err := c.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate() = %v; want nil", err)
				}
				return
			}
			var problems config.Problems
			if !errors.As(err, &problems) {
				t.Fatalf("Validate() = %v; want Problems", err)
			}
			if len(problems) != len(tt.want) {
				t.Fatalf("Validate() = %q; want %d problems like %q", problems, len(tt.want), tt.want)
			}
			for i, want := range tt.want {
				if !strings.Contains(problems[i], want) {
					t.Errorf("problem %d = %q; want it to contain %q", i, problems[i], want)
				}
			}
		})
	}
}

func TestFlagsWinOverEnvironment(t *testing.T) {
	c := config.Default()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.RegisterStoreFlags(fs)
	c.RegisterServerFlags(fs)
	if err := fs.Parse([]string{"--addr", "127.0.0.1:9000", "--max-depth=5", "--introspection=false", "--cors-origins", "https://a.nl,https://b.nl"}); err != nil {
		t.Fatal(err)
	}
	c.ApplyEnv(env(map[string]string{
		"SOCIALEKAART_ADDR":       "0.0.0.0:1",
		"SOCIALEKAART_MAX_DEPTH":  "7",
		"SOCIALEKAART_MAX_TOKENS": "2000",
		"NEO4J_URI":               "bolt://db:7687",
	}))
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9000" || c.MaxDepth != 5 || c.Introspection {
		t.Errorf("flags lost to the environment: addr %q, max depth %d, introspection %v", c.Addr, c.MaxDepth, c.Introspection)
	}
	if c.MaxTokens != 2000 || c.Neo4jURI != "bolt://db:7687" {
		t.Errorf("environment not applied where no flag was given: max tokens %d, uri %q", c.MaxTokens, c.Neo4jURI)
	}
	if !slices.Equal(c.CORSOrigins, []string{"https://a.nl", "https://b.nl"}) {
		t.Errorf("CORSOrigins = %q", c.CORSOrigins)
	}
	if c.Demo {
		t.Error("Demo with a remote Neo4j = true; want false unless asked for")
	}
}

// TestPrecedence: flag, then environment, then default, setting by setting.
func TestPrecedence(t *testing.T) {
	c := config.Default()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.RegisterStoreFlags(fs)
	c.RegisterServerFlags(fs)
	// --max-aliases is given its default value: it still wins.
	if err := fs.Parse([]string{"--max-aliases", strconv.Itoa(config.DefaultMaxAliases), "--neo4j-uri", "bolt://flag:7687"}); err != nil {
		t.Fatal(err)
	}
	c.ApplyEnv(env(map[string]string{
		"SOCIALEKAART_MAX_ALIASES": "7",
		"NEO4J_URI":                "htp://not-even-valid", // shadowed by the flag: never read
		"SOCIALEKAART_MAX_DEPTH":   "9",
	}))
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate() = %v; want nil (the invalid NEO4J_URI is shadowed by --neo4j-uri)", err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"max aliases (flag at its default beats environment)", c.MaxAliases, config.DefaultMaxAliases},
		{"neo4j uri (flag beats environment)", c.Neo4jURI, "bolt://flag:7687"},
		{"max depth (environment beats default)", c.MaxDepth, 9},
		{"max tokens (default)", c.MaxTokens, config.DefaultMaxTokens},
		{"addr (default)", c.Addr, config.DefaultAddr},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %v; want %v", ch.name, ch.got, ch.want)
		}
	}
}

func TestDemoFlag(t *testing.T) {
	c := config.Default()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	c.RegisterServerFlags(fs)
	if err := fs.Parse([]string{"--demo=false"}); err != nil {
		t.Fatal(err)
	}
	c.ApplyEnv(env(nil))
	if c.Demo {
		t.Error("--demo=false with the local Neo4j: Demo = true; want false")
	}

	c = config.Default()
	c.ApplyEnv(env(map[string]string{"NEO4J_URI": "bolt://db", "SOCIALEKAART_DEMO": "yes"}))
	if !c.Demo {
		t.Error("SOCIALEKAART_DEMO=yes with a remote Neo4j: Demo = false; want true")
	}
}

func TestBadFlagValue(t *testing.T) {
	c := config.Default()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.RegisterServerFlags(fs)
	err := fs.Parse([]string{"--max-depth", "diep"})
	if err == nil || !strings.Contains(err.Error(), "'diep' is not a whole number") {
		t.Errorf("Parse(--max-depth diep) = %v; want a clear error", err)
	}
}

func TestTrustedProxyPrefixes(t *testing.T) {
	c := config.Default()
	c.TrustedProxies = []string{"10.1.2.3/8", "192.168.1.10", "::1"}
	got := c.TrustedProxyPrefixes()
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.168.1.10/32"), netip.MustParsePrefix("::1/128")}
	if !slices.Equal(got, want) {
		t.Errorf("TrustedProxyPrefixes() = %v; want %v", got, want)
	}
}

func TestHelpListsEnvironment(t *testing.T) {
	c := config.Default()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var out strings.Builder
	fs.SetOutput(&out)
	c.RegisterStoreFlags(fs)
	c.RegisterServerFlags(fs)
	fs.PrintDefaults()
	for _, want := range []string{"$NEO4J_URI", "$SOCIALEKAART_ADDR", "(default localhost:8080)", "-addr address", "-introspection"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "password") {
		t.Error("help offers a password flag; passwords belong in the environment")
	}
}
