// Package config reads the service's settings: defaults, then command-line
// flags, then environment variables, then Validate, which reports every
// problem at once in words a person can act on.
//
// A flag given on the command line wins over its environment variable; the
// environment fills in whatever the command line left out.
package config

import (
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Defaults.
const (
	DefaultAddr          = "localhost:8080"
	DefaultDataDir       = ".data"
	DefaultNeo4jDatabase = "neo4j"
	DefaultMaxDepth      = 12
	DefaultMaxAliases    = 30
	DefaultMaxTokens     = 10000
	DefaultMaxBodyBytes  = 1 << 20
	DefaultMaxComplexity = 5000
	// DefaultMaxResponseBytes bounds one GraphQL answer; see
	// graph.DefaultMaxResponseBytes.
	DefaultMaxResponseBytes = 4 << 20
	DefaultLogLevel         = "info"
	// Rate limits in requests per minute, and the burst a client may send
	// at once: generous for people in a browser and for the demo.
	DefaultRateLimitPerIP  = 600
	DefaultRateLimitPerKey = 1200
	DefaultRateLimitBurst  = 200
	// DefaultToegangPollMillis is how often, at most, each process reads
	// the toegangsversie: a revoked key or ended session is refused on
	// every replica within this time (kaart.ToegangCache).
	DefaultToegangPollMillis = 1000
)

// Config is every setting of the service.
type Config struct {
	// Neo4jURI is the Bolt URI of Neo4j; empty means start the local,
	// embedded Neo4j in DataDir/neo4j.
	Neo4jURI       string
	Neo4jUser      string
	Neo4jPassword  string
	Neo4jDatabase  string
	Neo4jHeap      string // local Neo4j only: JVM heap, e.g. "512m"
	Neo4jPageCache string // local Neo4j only: page cache, e.g. "256m"

	Addr        string
	DataDir     string
	CORSOrigins []string
	// TrustedProxies are IP addresses or CIDRs; see TrustedProxyPrefixes.
	TrustedProxies []string

	Introspection bool
	MaxDepth      int
	MaxAliases    int
	MaxTokens     int
	MaxComplexity int
	MaxBodyBytes  int64
	// MaxResponseBytes bounds the JSON of one GraphQL answer; over it the
	// client gets one RESPONSE_TOO_LARGE error instead of the data.
	MaxResponseBytes int
	LogLevel         string

	// RateLimitPerIP and RateLimitPerKey are requests per minute per client
	// address and per API key (or logged-in person); 0 turns one off.
	// RateLimitBurst is how many a client may send at once.
	RateLimitPerIP  int
	RateLimitPerKey int
	RateLimitBurst  int

	// ToegangPollMillis is how old, in milliseconds, the toegangsversie may
	// be before a cached API key or session is trusted again; 0 turns the
	// cache off (every request reads its credential).
	ToegangPollMillis int

	// Demo loads the demo data into an empty database at start-up. Unless
	// set by flag or environment, ApplyEnv turns it on exactly when the
	// local Neo4j is used.
	Demo    bool
	demoSet bool

	// Login for people: OpenID Connect when OIDCIssuer is set, and the
	// development login (loopback only, never for production).
	OIDCIssuer       string
	OIDCClientID     string
	OIDCClientSecret string
	OIDCRedirectURL  string
	DevLogin         bool

	problems  []string // from reading the environment
	setByFlag map[string]bool
}

// Default returns the configuration before flags and environment.
func Default() Config {
	return Config{
		Neo4jDatabase:    DefaultNeo4jDatabase,
		Addr:             DefaultAddr,
		DataDir:          DefaultDataDir,
		Introspection:    true,
		MaxDepth:         DefaultMaxDepth,
		MaxAliases:       DefaultMaxAliases,
		MaxTokens:        DefaultMaxTokens,
		MaxComplexity:    DefaultMaxComplexity,
		MaxBodyBytes:     DefaultMaxBodyBytes,
		MaxResponseBytes: DefaultMaxResponseBytes,
		LogLevel:         DefaultLogLevel,

		RateLimitPerIP:  DefaultRateLimitPerIP,
		RateLimitPerKey: DefaultRateLimitPerKey,
		RateLimitBurst:  DefaultRateLimitBurst,

		ToegangPollMillis: DefaultToegangPollMillis,
	}
}

// setting ties a flag to its environment variable and its field.
type setting struct {
	env    string
	flag   string // empty: environment only
	usage  string
	isBool bool
	// set parses a value from either source into the config.
	set func(c *Config, v string) error
	// get shows the current value (the flag's default in -help).
	get func(c *Config) string
}

func stringSetting(env, flagName, usage string, field func(*Config) *string) setting {
	return setting{env: env, flag: flagName, usage: usage,
		set: func(c *Config, v string) error { *field(c) = v; return nil },
		get: func(c *Config) string { return *field(c) },
	}
}

func listSetting(env, flagName, usage string, field func(*Config) *[]string) setting {
	return setting{env: env, flag: flagName, usage: usage,
		set: func(c *Config, v string) error { *field(c) = splitList(v); return nil },
		get: func(c *Config) string { return strings.Join(*field(c), ",") },
	}
}

func intSetting[T int | int64](env, flagName, usage string, field func(*Config) *T) setting {
	return setting{env: env, flag: flagName, usage: usage,
		set: func(c *Config, v string) error {
			n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err != nil {
				return fmt.Errorf("'%s' is not a whole number", v)
			}
			*field(c) = T(n)
			return nil
		},
		get: func(c *Config) string { return strconv.FormatInt(int64(*field(c)), 10) },
	}
}

func boolSetting(env, flagName, usage string, field func(*Config) *bool, wasSet func(*Config) *bool) setting {
	return setting{env: env, flag: flagName, usage: usage, isBool: true,
		set: func(c *Config, v string) error {
			b, ok := parseBool(v)
			if !ok {
				return fmt.Errorf("'%s' is not true or false", v)
			}
			*field(c) = b
			if wasSet != nil {
				*wasSet(c) = true
			}
			return nil
		},
		get: func(c *Config) string {
			if wasSet != nil && !*wasSet(c) {
				return "" // the default depends on other settings
			}
			return strconv.FormatBool(*field(c))
		},
	}
}

// Groups of settings. Every subcommand reads the store settings; serve also
// reads the server settings.
var (
	storeSettings = []setting{
		stringSetting("NEO4J_URI", "neo4j-uri", "Neo4j Bolt `URI` (bolt://, bolt+s://, neo4j:// or neo4j+s://); empty starts the local Neo4j in <data-dir>/neo4j",
			func(c *Config) *string { return &c.Neo4jURI }),
		stringSetting("NEO4J_USER", "neo4j-user", "Neo4j user `name`",
			func(c *Config) *string { return &c.Neo4jUser }),
		// The password has no flag: command lines are visible to other users.
		stringSetting("NEO4J_PASSWORD", "", "",
			func(c *Config) *string { return &c.Neo4jPassword }),
		stringSetting("NEO4J_DATABASE", "neo4j-database", "Neo4j database `name`",
			func(c *Config) *string { return &c.Neo4jDatabase }),
		stringSetting("SOCIALEKAART_DATA_DIR", "data-dir", "`directory` for local data, such as the local Neo4j",
			func(c *Config) *string { return &c.DataDir }),
		stringSetting("SOCIALEKAART_NEO4J_HEAP", "neo4j-heap", "Java heap `size` of the local Neo4j, e.g. 512m",
			func(c *Config) *string { return &c.Neo4jHeap }),
		stringSetting("SOCIALEKAART_NEO4J_PAGECACHE", "neo4j-pagecache", "page cache `size` of the local Neo4j, e.g. 256m",
			func(c *Config) *string { return &c.Neo4jPageCache }),
		stringSetting("SOCIALEKAART_LOG_LEVEL", "log-level", "log `level`: debug, info, warn or error",
			func(c *Config) *string { return &c.LogLevel }),
	}
	serverSettings = []setting{
		stringSetting("SOCIALEKAART_ADDR", "addr", "HTTP listen `address`, host:port",
			func(c *Config) *string { return &c.Addr }),
		listSetting("SOCIALEKAART_CORS_ORIGINS", "cors-origins", "comma-separated `origins` allowed to call the API from a browser, e.g. https://kaart.example.nl",
			func(c *Config) *[]string { return &c.CORSOrigins }),
		listSetting("SOCIALEKAART_TRUSTED_PROXIES", "trusted-proxies", "comma-separated IPs or `CIDRs` of proxies whose X-Forwarded-For is believed",
			func(c *Config) *[]string { return &c.TrustedProxies }),
		boolSetting("SOCIALEKAART_INTROSPECTION", "introspection", "allow GraphQL introspection and the playground",
			func(c *Config) *bool { return &c.Introspection }, nil),
		intSetting("SOCIALEKAART_MAX_DEPTH", "max-depth", "maximum GraphQL query `depth`",
			func(c *Config) *int { return &c.MaxDepth }),
		intSetting("SOCIALEKAART_MAX_ALIASES", "max-aliases", "maximum `aliases` in one GraphQL query",
			func(c *Config) *int { return &c.MaxAliases }),
		intSetting("SOCIALEKAART_MAX_TOKENS", "max-tokens", "maximum `tokens` in one GraphQL query",
			func(c *Config) *int { return &c.MaxTokens }),
		intSetting("SOCIALEKAART_MAX_COMPLEXITY", "max-complexity", "maximum GraphQL query `complexity`",
			func(c *Config) *int { return &c.MaxComplexity }),
		intSetting("SOCIALEKAART_MAX_BODY_BYTES", "max-body-bytes", "maximum request body size in `bytes`",
			func(c *Config) *int64 { return &c.MaxBodyBytes }),
		intSetting("SOCIALEKAART_MAX_RESPONSE_BYTES", "max-response-bytes", "maximum GraphQL answer size in `bytes` (larger answers get RESPONSE_TOO_LARGE)",
			func(c *Config) *int { return &c.MaxResponseBytes }),
		intSetting("SOCIALEKAART_RATE_LIMIT_IP", "rate-limit-ip", "requests per minute per client `address` on /graphql and the web pages (0: no limit)",
			func(c *Config) *int { return &c.RateLimitPerIP }),
		intSetting("SOCIALEKAART_RATE_LIMIT_KEY", "rate-limit-key", "requests per minute per API `key` or logged-in person on /graphql (0: no limit)",
			func(c *Config) *int { return &c.RateLimitPerKey }),
		intSetting("SOCIALEKAART_RATE_LIMIT_BURST", "rate-limit-burst", "`requests` a client may send at once before the per-minute rate applies",
			func(c *Config) *int { return &c.RateLimitBurst }),
		intSetting("SOCIALEKAART_TOEGANG_POLL_MS", "toegang-poll-ms", "`milliseconds` a verified API key or session is trusted before the revocation signal is read again; a revoked key is refused on every replica within this time (0: verify every request)",
			func(c *Config) *int { return &c.ToegangPollMillis }),
		boolSetting("SOCIALEKAART_DEMO", "demo", "load the demo data into an empty database (default: on with the local Neo4j)",
			func(c *Config) *bool { return &c.Demo }, func(c *Config) *bool { return &c.demoSet }),
		stringSetting("SOCIALEKAART_OIDC_ISSUER", "oidc-issuer", "OpenID Connect issuer `URL` for logging in people; empty turns OIDC login off",
			func(c *Config) *string { return &c.OIDCIssuer }),
		stringSetting("SOCIALEKAART_OIDC_CLIENT_ID", "oidc-client-id", "OpenID Connect client `id`",
			func(c *Config) *string { return &c.OIDCClientID }),
		// The secret has no flag: command lines are visible to other users.
		stringSetting("SOCIALEKAART_OIDC_CLIENT_SECRET", "", "",
			func(c *Config) *string { return &c.OIDCClientSecret }),
		stringSetting("SOCIALEKAART_OIDC_REDIRECT_URL", "oidc-redirect-url", "OpenID Connect redirect `URL`, ending in /auth/callback",
			func(c *Config) *string { return &c.OIDCRedirectURL }),
		boolSetting("SOCIALEKAART_DEV_LOGIN", "dev-login", "development login as one of the demo users, without credentials; only on a loopback address, never in production",
			func(c *Config) *bool { return &c.DevLogin }, nil),
	}
)

// flagValue adapts a setting to flag.Value.
type flagValue struct {
	c *Config
	s setting
}

func (f *flagValue) String() string {
	if f.c == nil {
		return ""
	}
	return f.s.get(f.c)
}

func (f *flagValue) Set(v string) error {
	if err := f.s.set(f.c, v); err != nil {
		return err
	}
	if f.c.setByFlag == nil {
		f.c.setByFlag = map[string]bool{}
	}
	f.c.setByFlag[f.s.env] = true
	return nil
}

func (f *flagValue) IsBoolFlag() bool { return f.s.isBool }

func register(fs *flag.FlagSet, c *Config, settings []setting) {
	for _, s := range settings {
		if s.flag == "" {
			continue
		}
		fs.Var(&flagValue{c: c, s: s}, s.flag, s.usage+" ($"+s.env+")")
	}
}

// RegisterStoreFlags adds the flags every subcommand needs: where Neo4j is,
// the data directory, the local Neo4j's memory and the log level.
func (c *Config) RegisterStoreFlags(fs *flag.FlagSet) { register(fs, c, storeSettings) }

// RegisterServerFlags adds the flags of the HTTP server and GraphQL limits.
func (c *Config) RegisterServerFlags(fs *flag.FlagSet) { register(fs, c, serverSettings) }

// ApplyEnv reads the environment through lookup (os.LookupEnv) for every
// setting that no flag set, then settles the defaults that depend on other
// settings (Demo). Values that cannot be read are reported by Validate.
func (c *Config) ApplyEnv(lookup func(string) (string, bool)) {
	for _, group := range [][]setting{storeSettings, serverSettings} {
		for _, s := range group {
			if c.setByFlag[s.env] {
				continue
			}
			v, ok := lookup(s.env)
			if !ok {
				continue
			}
			if err := s.set(c, v); err != nil {
				c.problems = append(c.problems, s.env+": "+err.Error())
			}
		}
	}
	if !c.demoSet {
		c.Demo = c.Neo4jURI == ""
	}
}

// LocalNeo4j reports whether the service starts its own Neo4j.
func (c *Config) LocalNeo4j() bool { return c.Neo4jURI == "" }

// Level returns the slog level of LogLevel (info when it is not valid).
func (c *Config) Level() slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return slog.LevelInfo
	}
	return l
}

// Problems is every problem Validate found, one line each.
type Problems []string

func (p Problems) Error() string {
	return "invalid configuration:\n  " + strings.Join(p, "\n  ")
}

var (
	neo4jSchemes  = []string{"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}
	databaseName  = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9.-]{2,62}$`)
	memorySize    = regexp.MustCompile(`^[1-9][0-9]*[kKmMgG]?$`)
	validLogLevel = map[string]bool{"debug": true, "info": true, "warn": true, "error": true}
)

// Validate checks every setting and returns Problems listing all that are
// wrong, or nil.
func (c *Config) Validate() error {
	p := Problems(append([]string(nil), c.problems...))
	add := func(env, format string, args ...any) {
		p = append(p, env+": "+fmt.Sprintf(format, args...))
	}

	if c.Neo4jURI != "" {
		u, err := url.Parse(c.Neo4jURI)
		switch {
		case err != nil || u.Scheme == "":
			add("NEO4J_URI", "'%s' is not a URI (for example bolt://localhost:7687, or leave it empty to start the local Neo4j)", c.Neo4jURI)
		case !contains(neo4jSchemes, u.Scheme):
			add("NEO4J_URI", "unsupported scheme '%s' (use bolt://, bolt+s://, neo4j:// or neo4j+s://)", u.Scheme)
		case u.Hostname() == "":
			add("NEO4J_URI", "'%s' has no host (for example bolt://localhost:7687)", c.Neo4jURI)
		case u.Port() != "" && !validPort(u.Port(), false):
			add("NEO4J_URI", "port '%s' is not a number between 1 and 65535", u.Port())
		case u.User != nil:
			add("NEO4J_URI", "put the user name and password in NEO4J_USER and NEO4J_PASSWORD, not in the URI")
		}
	}
	if c.Neo4jPassword != "" && c.Neo4jUser == "" {
		add("NEO4J_USER", "is empty but NEO4J_PASSWORD is set; set both, or neither for a server without authentication")
	}
	if !databaseName.MatchString(c.Neo4jDatabase) {
		add("NEO4J_DATABASE", "'%s' is not a database name (3 to 63 letters, digits, dots or dashes, starting with a letter; usually neo4j)", c.Neo4jDatabase)
	}
	if c.LocalNeo4j() && strings.TrimSpace(c.DataDir) == "" {
		add("SOCIALEKAART_DATA_DIR", "is empty, but the local Neo4j needs a directory (or set NEO4J_URI to use another Neo4j)")
	}
	for env, v := range map[string]string{"SOCIALEKAART_NEO4J_HEAP": c.Neo4jHeap, "SOCIALEKAART_NEO4J_PAGECACHE": c.Neo4jPageCache} {
		if v != "" && !memorySize.MatchString(v) {
			add(env, "'%s' is not a memory size (for example 512m or 2g)", v)
		}
	}

	if host, port, err := net.SplitHostPort(c.Addr); err != nil || !validPort(port, true) || strings.ContainsAny(host, " /") {
		add("SOCIALEKAART_ADDR", "'%s' is not host:port (for example localhost:8080, or :8080 for every interface)", c.Addr)
	}

	wildcard := false
	for _, o := range c.CORSOrigins {
		if o == "*" {
			wildcard = true
			continue
		}
		if msg := checkOrigin(o); msg != "" {
			add("SOCIALEKAART_CORS_ORIGINS", "'%s' %s", o, msg)
		}
	}
	if wildcard && len(c.CORSOrigins) > 1 {
		add("SOCIALEKAART_CORS_ORIGINS", "'*' allows every origin and cannot be combined with other origins")
	}

	for _, s := range c.TrustedProxies {
		if _, ok := parsePrefix(s); !ok {
			add("SOCIALEKAART_TRUSTED_PROXIES", "'%s' is not an IP address or CIDR (for example 10.0.0.0/8 or 192.168.1.10)", s)
		}
	}

	positive := []struct {
		env      string
		v        int64
		min, max int64
		unit     string
	}{
		{"SOCIALEKAART_MAX_DEPTH", int64(c.MaxDepth), 1, 100, ""},
		{"SOCIALEKAART_MAX_ALIASES", int64(c.MaxAliases), 1, 1000, ""},
		{"SOCIALEKAART_MAX_TOKENS", int64(c.MaxTokens), 100, 1_000_000, ""},
		{"SOCIALEKAART_MAX_COMPLEXITY", int64(c.MaxComplexity), 1, 10_000_000, ""},
		{"SOCIALEKAART_MAX_BODY_BYTES", c.MaxBodyBytes, 1024, 64 << 20, " bytes"},
		{"SOCIALEKAART_MAX_RESPONSE_BYTES", int64(c.MaxResponseBytes), 64 << 10, 256 << 20, " bytes"},
		{"SOCIALEKAART_RATE_LIMIT_IP", int64(c.RateLimitPerIP), 0, 1_000_000, " per minute; 0 turns the limit off"},
		{"SOCIALEKAART_RATE_LIMIT_KEY", int64(c.RateLimitPerKey), 0, 1_000_000, " per minute; 0 turns the limit off"},
		{"SOCIALEKAART_RATE_LIMIT_BURST", int64(c.RateLimitBurst), 1, 100_000, ""},
		{"SOCIALEKAART_TOEGANG_POLL_MS", int64(c.ToegangPollMillis), 0, 60_000, " milliseconds; 0 turns the credential cache off"},
	}
	for _, n := range positive {
		if n.v < n.min || n.v > n.max {
			add(n.env, "%d is out of range (use %d to %d%s)", n.v, n.min, n.max, n.unit)
		}
	}

	p = append(p, c.loginProblems()...)

	if !validLogLevel[strings.ToLower(c.LogLevel)] {
		add("SOCIALEKAART_LOG_LEVEL", "'%s' is not a log level (use debug, info, warn or error)", c.LogLevel)
	}

	if len(p) == 0 {
		return nil
	}
	return p
}

// checkOrigin returns what is wrong with a CORS origin, or "".
func checkOrigin(o string) string {
	u, err := url.Parse(o)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https"):
		return "is not an origin (use scheme://host[:port], for example https://kaart.example.nl)"
	case u.Host == "" || u.User != nil:
		return "has no host (use scheme://host[:port], for example https://kaart.example.nl)"
	case u.Path != "" || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(o, "?") || strings.HasSuffix(o, "#"):
		return "has a path; an origin is only scheme://host[:port], without a slash at the end"
	case strings.Contains(u.Host, "*"):
		return "has a wildcard; list each origin in full"
	case o != strings.ToLower(o):
		return "must be lower case, as browsers send it"
	}
	return ""
}

// TrustedProxyPrefixes returns TrustedProxies as prefixes, a bare address
// as a single-address prefix. Entries Validate refuses are left out.
func (c *Config) TrustedProxyPrefixes() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range c.TrustedProxies {
		if p, ok := parsePrefix(s); ok {
			out = append(out, p)
		}
	}
	return out
}

func parsePrefix(s string) (netip.Prefix, bool) {
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), true
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return netip.PrefixFrom(a, a.BitLen()), true
	}
	return netip.Prefix{}, false
}

func validPort(s string, zeroOK bool) bool {
	n, err := strconv.Atoi(s)
	if err != nil {
		return false
	}
	if n == 0 {
		return zeroOK
	}
	return n > 0 && n <= 65535
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "t", "true", "yes", "y", "on":
		return true, true
	case "0", "f", "false", "no", "n", "off":
		return false, true
	}
	return false, false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// loginProblems checks the OpenID Connect and development login settings.
func (c *Config) loginProblems() []string {
	var p []string
	if c.OIDCIssuer != "" || c.OIDCClientID != "" || c.OIDCRedirectURL != "" {
		for env, v := range map[string]string{"SOCIALEKAART_OIDC_ISSUER": c.OIDCIssuer, "SOCIALEKAART_OIDC_CLIENT_ID": c.OIDCClientID, "SOCIALEKAART_OIDC_REDIRECT_URL": c.OIDCRedirectURL} {
			if v == "" {
				p = append(p, env+": is empty; OpenID Connect needs SOCIALEKAART_OIDC_ISSUER, SOCIALEKAART_OIDC_CLIENT_ID and SOCIALEKAART_OIDC_REDIRECT_URL together")
			}
		}
		for env, v := range map[string]string{"SOCIALEKAART_OIDC_ISSUER": c.OIDCIssuer, "SOCIALEKAART_OIDC_REDIRECT_URL": c.OIDCRedirectURL} {
			if v == "" {
				continue
			}
			u, err := url.Parse(v)
			if err != nil || u.Host == "" || (u.Scheme != "https" && !(u.Scheme == "http" && LoopbackHost(u.Hostname()))) {
				p = append(p, env+": '"+v+"' is not an https URL (plain http only on localhost)")
			}
		}
	}
	if c.DevLogin {
		host, _, err := net.SplitHostPort(c.Addr)
		if err != nil || !LoopbackHost(host) {
			p = append(p, "SOCIALEKAART_DEV_LOGIN: the development login needs a loopback address (SOCIALEKAART_ADDR localhost:8080 or 127.0.0.1:8080), not '"+c.Addr+"'")
		}
	}
	sort.Strings(p)
	return p
}

// LoopbackHost reports whether host is localhost or a loopback address.
func LoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Unmap().IsLoopback()
}
