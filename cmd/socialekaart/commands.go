package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/socialekaart/socialekaart/internal/config"
	"github.com/socialekaart/socialekaart/internal/demo"
	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4j"
)

// version is set at build time: go build -ldflags "-X main.version=v1.2.3".
var version string

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// errUsage marks an error in the command line; it has been reported.
var errUsage = errors.New("usage error")

type command struct {
	name    string
	summary string
	run     func(m *Main, ctx context.Context, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "run the GraphQL server (the default)", (*Main).cmdServe},
		{"migrate", "apply the database schema", (*Main).cmdMigrate},
		{"demo", "load the Utrecht demo data into an empty database", (*Main).cmdDemo},
		{"apikey", "create, list, rotate or revoke API keys", (*Main).cmdAPIKey},
		{"gebruiker", "add, list or remove the people who may log in", (*Main).cmdGebruiker},
		{"export", "write the whole sociale kaart as JSON", (*Main).cmdExport},
		{"import", "load a JSON export into the database", (*Main).cmdImport},
		{"reindex", "rebuild the search index from the database", (*Main).cmdReindex},
		{"check", "report documents missing or stale in the search index", (*Main).cmdCheck},
		{"genereer", "build a synthetic national-scale graph; bench-vragen times the questions on it", (*Main).cmdGenereer}, {"bench-vragen", "time aanspreekpunt, coalitieAnalyse and route on a generated graph", (*Main).cmdBenchVragen},
		{"version", "print the version", (*Main).cmdVersion},
		{"help", "show this help", (*Main).cmdHelp},
	}
}

// Execute runs the command line args (without the program name) and returns
// the exit code. Without a subcommand it serves.
func (m *Main) Execute(ctx context.Context, args []string) int {
	name := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	switch name {
	case "-h", "--help":
		name = "help"
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(m, ctx, args)
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.Is(err, errUsage):
			return exitUsage
		}
		var problems config.Problems
		if errors.As(err, &problems) {
			fmt.Fprintln(m.Stderr, err)
			return exitUsage
		}
		if m.Logger != nil && name == "serve" {
			m.Logger.Error("socialekaart stopped", "err", err)
		} else {
			fmt.Fprintf(m.Stderr, "socialekaart %s: %v\n", name, err)
		}
		return exitError
	}
	fmt.Fprintf(m.Stderr, "socialekaart: unknown command %q\n\n", name)
	m.printHelp()
	return exitUsage
}

func (m *Main) cmdHelp(context.Context, []string) error {
	m.printHelp()
	return nil
}

func (m *Main) printHelp() {
	w := m.Stderr
	fmt.Fprint(w, "socialekaart keeps the sociale kaart of Dutch neighbourhoods in Neo4j and serves it over GraphQL.\n\n")
	fmt.Fprint(w, "Usage:\n  socialekaart <command> [flags]\n\nCommands:\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range commands() {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	_ = tw.Flush()
	fmt.Fprint(w, "\nRun 'socialekaart <command> -h' for its flags. Every flag can also be set in the\n"+
		"environment (shown as $NAME); a flag on the command line wins.\n\n"+
		"Without NEO4J_URI every command starts the project's own Neo4j in <data-dir>/neo4j, which\n"+
		"one process at a time can use: while serve runs, point the other commands at the URI it\n"+
		"logs (\"local neo4j started\") with NEO4J_URI.\n")
}

// flagSet returns a flag set for a subcommand that reports errors on Stderr.
func (m *Main) flagSet(name, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: socialekaart %s %s\n\n%s\n\nFlags:\n", name, args, about)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, then reads the environment, then validates.
// parse parses the flags of a command that takes no positional arguments,
// and refuses any.
func (m *Main) parse(fs *flag.FlagSet, args []string, server bool) error {
	if err := m.parseFlags(fs, args, server); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return m.usageError(fs, "unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// parseFlags parses the flags and leaves the positional arguments in fs.
func (m *Main) parseFlags(fs *flag.FlagSet, args []string, server bool) error {
	m.Config.RegisterStoreFlags(fs)
	if server {
		m.Config.RegisterServerFlags(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage // the flag package has printed the error and usage
	}
	m.Config.ApplyEnv(m.LookupEnv)
	return m.Config.Validate()
}

func (m *Main) cmdServe(ctx context.Context, args []string) error {
	fs := m.flagSet("serve", "[flags]", "Run the GraphQL server on /graphql, with /healthz, /readyz and /metrics.\n"+
		"Applies migrations at start-up and, with --demo, loads the demo data into an empty database.")
	if err := m.parse(fs, args, true); err != nil {
		return err
	}
	return m.serve(ctx)
}

func (m *Main) usageError(fs *flag.FlagSet, format string, args ...any) error {
	fmt.Fprintf(m.Stderr, "socialekaart %s: %s\n", fs.Name(), fmt.Sprintf(format, args...))
	fs.Usage()
	return errUsage
}

// withDatabase runs f with the store open (and the local Neo4j started if
// needed), and closes both afterwards.
func (m *Main) withDatabase(ctx context.Context, f func(db *neo4j.Store) error) error {
	if err := m.openDatabase(ctx, nil); err != nil {
		return errors.Join(err, m.closeDatabase())
	}
	err := f(m.DB)
	return errors.Join(err, m.closeDatabase())
}

func (m *Main) cmdMigrate(ctx context.Context, args []string) error {
	fs := m.flagSet("migrate", "[flags]", "Apply the database schema (constraints and indexes). Safe to run more than once.")
	if err := m.parse(fs, args, false); err != nil {
		return err
	}
	return m.withDatabase(ctx, func(db *neo4j.Store) error {
		if err := db.Migrate(ctx); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		fmt.Fprintln(m.Stderr, "migrations applied")
		return nil
	})
}

func (m *Main) cmdDemo(ctx context.Context, args []string) error {
	fs := m.flagSet("demo", "[--reset] [flags]", "Load the invented Utrecht demo data into an empty database.")
	reset := fs.Bool("reset", false, "delete every record and relationship first (API keys stay)")
	if err := m.parse(fs, args, false); err != nil {
		return err
	}
	return m.withDatabase(ctx, func(db *neo4j.Store) error {
		if err := db.Migrate(ctx); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if err := m.requireEmpty(ctx, db, *reset, "--reset"); err != nil {
			return err
		}
		if err := db.Import(ctx, demo.Utrecht()); err != nil {
			return fmt.Errorf("load demo data: %w", err)
		}
		fmt.Fprintln(m.Stderr, "demo data loaded: this is invented data, not a real sociale kaart")
		return nil
	})
}

// requireEmpty refuses a database with records unless force, in which case
// it deletes them.
func (m *Main) requireEmpty(ctx context.Context, db *neo4j.Store, force bool, forceFlag string) error {
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		return fmt.Errorf("check for data: %w", err)
	}
	if empty {
		return nil
	}
	if !force {
		return fmt.Errorf("the database already holds records; use %s to delete them first (make an export before)", forceFlag)
	}
	m.logger().WarnContext(ctx, "deleting every record and relationship")
	if err := db.Reset(ctx); err != nil {
		return fmt.Errorf("reset: %w", err)
	}
	return nil
}

func (m *Main) cmdAPIKey(ctx context.Context, args []string) error {
	const about = "Manage API keys.\n\n" +
		"  apikey create --naam NAME --rol partner|regisseur|beheerder [--organisatie ID] [--gemeente ID] [--gebied ID ...] [--geldig-tot TIME]\n" +
		"  apikey list\n" +
		"  apikey rotate ID\n" +
		"  apikey revoke ID\n\n" +
		"A partner acts for one organisatie; a regisseur for gebieden in one gemeente; a beheerder\n" +
		"for one gemeente, or for the whole platform without --gemeente."
	return m.dispatch(ctx, "apikey", about, args,
		subcommand{"create", m.cmdAPIKeyCreate}, subcommand{"list", m.cmdAPIKeyList},
		subcommand{"rotate", m.cmdAPIKeyRotate}, subcommand{"revoke", m.cmdAPIKeyRevoke})
}

// subcommand is one verb of a command such as "apikey create".
type subcommand struct {
	name string
	run  func(context.Context, []string) error
}

// dispatch runs the subcommand args[0] names, or explains the command.
func (m *Main) dispatch(ctx context.Context, cmd, about string, args []string, subs ...subcommand) error {
	names := make([]string, len(subs))
	for i, s := range subs {
		names[i] = s.name
	}
	fs := m.flagSet(cmd, strings.Join(names, "|"), about)
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fs.Usage()
			return flag.ErrHelp
		}
		return m.usageError(fs, "missing subcommand")
	}
	for _, s := range subs {
		if s.name == args[0] {
			return s.run(ctx, args[1:])
		}
	}
	return m.usageError(fs, "unknown subcommand %q", args[0])
}

type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// bindingFlags bind an API key or a person to a role: --rol, --organisatie,
// --gemeente and --gebied.
type bindingFlags struct {
	rolFlag, organisatie, gemeente *string
	gebieden                       stringList
}

func addBindingFlags(fs *flag.FlagSet) *bindingFlags {
	b := &bindingFlags{
		rolFlag:     fs.String("rol", "", "role: partner, regisseur or beheerder (required)"),
		organisatie: fs.String("organisatie", "", "organisatie `id` a partner acts for"),
		gemeente:    fs.String("gemeente", "", "gemeente `id` of a regisseur, or of a beheerder (none: platform-wide)"),
	}
	fs.Var(&b.gebieden, "gebied", "gebied `id` of a regisseur; repeat or separate with commas")
	return b
}

// rol returns the parsed --rol, or a usage error.
func (b *bindingFlags) rol(m *Main, fs *flag.FlagSet) (kaart.Rol, error) {
	rol, ok := kaart.ParseRol(*b.rolFlag)
	if !ok {
		return "", m.usageError(fs, "--rol must be partner, regisseur or beheerder")
	}
	return rol, nil
}

func (m *Main) cmdAPIKeyCreate(ctx context.Context, args []string) error {
	fs := m.flagSet("apikey create", "--naam NAME --rol ROLE [flags]",
		"Create an API key. The token is printed once, on standard output; only its hash is stored.")
	naam := fs.String("naam", "", "name to recognise the key by, e.g. \"Buurtteam Overvecht website\" (required)")
	b := addBindingFlags(fs)
	geldigTot := fs.String("geldig-tot", "", "`time` the key stops working, RFC 3339 (2026-12-31T23:59:59+01:00) or a date (end of that day, UTC); none: no expiry")
	if err := m.parse(fs, args, false); err != nil {
		return err
	}
	rol, err := b.rol(m, fs)
	if err != nil {
		return err
	}
	until, err := parseGeldigTot(*geldigTot)
	if err != nil {
		return m.usageError(fs, "--geldig-tot: %v", err)
	}
	return m.withDatabase(ctx, func(db *neo4j.Store) error {
		keys := &kaart.Sleutels{Store: db, Logger: m.logger()}
		token, k, err := keys.CreateAs(ctx, kaart.Viewer{Rol: kaart.Beheerder}, kaart.NieuweSleutel{
			Naam: *naam, Rol: rol, Organisatie: *b.organisatie, Gemeente: *b.gemeente, Gebieden: b.gebieden, GeldigTot: until,
		})
		var verrs kaart.ValidationErrors
		if errors.As(err, &verrs) {
			for _, e := range verrs {
				fmt.Fprintf(m.Stderr, "  --%s: %s\n", flagOfField(e.Field), e.Message)
			}
			return errors.New("the API key was not created")
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "API key %s created for %q (%s).\n", k.ID, k.Naam, describeBinding(k))
		fmt.Fprintln(m.Stderr, "The token follows; store it now, it cannot be shown again:")
		fmt.Fprintln(m.Stdout, token)
		return nil
	})
}

// flagOfField names the flag behind a field of kaart.Sleutels.Create.
func flagOfField(field string) string {
	switch {
	case strings.HasPrefix(field, "gebieden"):
		return "gebied"
	case field == "geldigTot":
		return "geldig-tot"
	}
	return field
}

func describeBinding(k kaart.Sleutel) string {
	switch k.Rol {
	case kaart.Partner:
		return "partner of organisatie " + k.Organisatie
	case kaart.Regisseur:
		return "regisseur in gemeente " + k.Gemeente + ", gebieden " + strings.Join(k.Gebieden, ", ")
	case kaart.Beheerder:
		if k.Gemeente == "" {
			return "beheerder of the whole platform"
		}
		return "beheerder of gemeente " + k.Gemeente
	}
	return strings.ToLower(string(k.Rol))
}

func (m *Main) cmdAPIKeyList(ctx context.Context, args []string) error {
	fs := m.flagSet("apikey list", "[flags]", "List API keys, revoked ones included.")
	if err := m.parse(fs, args, false); err != nil {
		return err
	}
	return m.withDatabase(ctx, func(db *neo4j.Store) error {
		keys, err := (&kaart.Sleutels{Store: db}).List(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tROLE\tCREATED\tLAST USED\tSTATUS")
		for _, k := range keys {
			status := "active"
			switch {
			case k.Ingetrokken != nil:
				status = "revoked " + k.Ingetrokken.Local().Format(time.DateTime)
			case k.GeldigTot != nil && !time.Now().Before(*k.GeldigTot):
				status = "expired " + k.GeldigTot.Local().Format(time.DateTime)
			case k.GeldigTot != nil:
				status = "active until " + k.GeldigTot.Local().Format(time.DateTime)
			}
			used := "never"
			if k.LaatstGebruikt != nil {
				used = k.LaatstGebruikt.Local().Format(time.DateTime)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Naam, describeBinding(k),
				k.Aangemaakt.Local().Format(time.DateTime), used, status)
		}
		return tw.Flush()
	})
}

// parseGeldigTot reads --geldig-tot: empty for no expiry, an RFC 3339 time,
// or a date meaning the end of that day in UTC.
func parseGeldigTot(s string) (*time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return &t, nil
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		t := d.Add(24*time.Hour - time.Second)
		return &t, nil
	}
	return nil, fmt.Errorf("%q is not a time (2026-12-31T23:59:59+01:00) or a date (2026-12-31)", s)
}

// idArg parses the flags of a command that takes one id ("apikey revoke
// ID", "gebruiker remove ID"), which may come before or after the flags;
// missing says what to do without one.
func (m *Main) idArg(fs *flag.FlagSet, args []string, missing string) (string, error) {
	var id string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		id, args = args[0], args[1:]
	}
	if err := m.parseFlags(fs, args, false); err != nil {
		return "", err
	}
	if id == "" && fs.NArg() == 1 {
		id = fs.Arg(0)
	} else if fs.NArg() > 0 {
		return "", m.usageError(fs, "unexpected argument %q", fs.Arg(0))
	}
	if id == "" {
		return "", m.usageError(fs, "%s", missing)
	}
	return id, nil
}

func (m *Main) cmdAPIKeyRotate(ctx context.Context, args []string) error {
	fs := m.flagSet("apikey rotate", "ID [flags]", "Give an API key a new secret and print the new token once, on standard output.\n"+
		"The key keeps its id, role and expiry; the old token stops working at once (no overlap),\n"+
		"so install the new token right away.")
	id, err := m.idArg(fs, args, "missing the id of the key to rotate (see apikey list)")
	if err != nil {
		return err
	}
	return m.withDatabase(ctx, func(db *neo4j.Store) error {
		token, k, err := (&kaart.Sleutels{Store: db, Logger: m.logger()}).Rotate(ctx, id)
		switch kaart.ErrorCode(err) {
		case "":
		case kaart.ENOTFOUND:
			return fmt.Errorf("no API key with id %q (see apikey list)", id)
		case kaart.ECONFLICT:
			return fmt.Errorf("API key %s: %s", id, kaart.ErrorMessage(err))
		default:
			return err
		}
		fmt.Fprintf(m.Stderr, "API key %s rotated for %q (%s); the old token no longer works.\n", k.ID, k.Naam, describeBinding(k))
		fmt.Fprintln(m.Stderr, "The new token follows; store it now, it cannot be shown again:")
		fmt.Fprintln(m.Stdout, token)
		return nil
	})
}

func (m *Main) cmdAPIKeyRevoke(ctx context.Context, args []string) error {
	fs := m.flagSet("apikey revoke", "ID [flags]", "Revoke an API key: it stops working at once.")
	id, err := m.idArg(fs, args, "missing the id of the key to revoke (see apikey list)")
	if err != nil {
		return err
	}
	return m.withDatabase(ctx, func(db *neo4j.Store) error {
		if err := (&kaart.Sleutels{Store: db}).Revoke(ctx, id); err != nil {
			if kaart.ErrorCode(err) == kaart.ENOTFOUND {
				return fmt.Errorf("no API key with id %q (see apikey list)", id)
			}
			return err
		}
		fmt.Fprintf(m.Stderr, "API key %s revoked\n", id)
		return nil
	})
}

func (m *Main) cmdExport(ctx context.Context, args []string) error {
	fs := m.flagSet("export", "[--out FILE] [--gemeente ID] [flags]",
		"Write every record and relationship as one JSON document (the backup format).\n"+
			"With --gemeente, only the records of that gemeente and the relationships between them\n"+
			"(a regional organisation belongs to its home gemeente only).\n"+
			"The export holds personal data: keep it as safe as the database.")
	out := fs.String("out", "", "write to `file` instead of standard output")
	gemeente := fs.String("gemeente", "", "export only the gemeente with this `id` (the id of its Gebied)")
	if err := m.parse(fs, args, false); err != nil {
		return err
	}
	return m.withDatabase(ctx, func(db *neo4j.Store) error {
		if *gemeente != "" {
			if err := requireGemeente(ctx, db, *gemeente); err != nil {
				return err
			}
		}
		doc, err := db.Export(ctx, *gemeente)
		if err != nil {
			return err
		}
		b, err := json.MarshalIndent(doc, "", "  ")
		if err != nil {
			return fmt.Errorf("encode export: %w", err)
		}
		b = append(b, '\n')
		if *out == "" {
			_, err := m.Stdout.Write(b)
			return err
		}
		if err := writeFileAtomic(*out, b); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "exported %d records and %d relationships to %s\n", len(doc.Records), len(doc.Koppelingen), *out)
		return nil
	})
}

// requireGemeente returns an error unless id is a Gebied of soort GEMEENTE,
// so that a mistyped id does not give an empty export.
func requireGemeente(ctx context.Context, db *neo4j.Store, id string) error {
	found, err := db.Get(ctx, kaart.Viewer{Rol: kaart.Beheerder}, []string{kaart.GebiedType.Name}, []string{id})
	if err != nil {
		return fmt.Errorf("look up gemeente %q: %w", id, err)
	}
	if n, ok := found[id]; !ok || n.Props["soort"] != "GEMEENTE" {
		return fmt.Errorf("no gemeente with id %q (the id of a Gebied of soort GEMEENTE, for example utr-gm)", id)
	}
	return nil
}

// writeFileAtomic writes b to a temporary file next to path and renames it,
// so a failed export never leaves half a file. The file is private (0600).
func writeFileAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name()) // fails harmlessly after the rename
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func (m *Main) cmdImport(ctx context.Context, args []string) error {
	fs := m.flagSet("import", "[--in FILE] [--replace] [flags]",
		"Load a document written by export, in one transaction. Refuses a database that holds\n"+
			"records unless --replace, which deletes them first (that step and the import are separate\n"+
			"transactions: export before you replace).")
	in := fs.String("in", "", "read from `file` instead of standard input")
	replace := fs.Bool("replace", false, "delete every record and relationship first (API keys stay)")
	if err := m.parse(fs, args, false); err != nil {
		return err
	}
	var b []byte
	var err error
	if *in == "" {
		b, err = io.ReadAll(m.Stdin)
	} else {
		b, err = os.ReadFile(*in)
	}
	if err != nil {
		return fmt.Errorf("read export: %w", err)
	}
	source := *in
	if source == "" {
		source = "standard input"
	}
	// Check the document before touching the database, so that --replace
	// never deletes data for a document that would not load. CheckExport
	// changes what it checks, so the import gets its own copy.
	check, err := decodeExport(b)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	if err := kaart.CheckExport(check); err != nil {
		return fmt.Errorf("%s is not a valid export: %w", source, err)
	}
	doc, err := decodeExport(b)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	return m.withDatabase(ctx, func(db *neo4j.Store) error {
		if err := db.Migrate(ctx); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if err := m.requireEmpty(ctx, db, *replace, "--replace"); err != nil {
			return err
		}
		if err := db.Import(ctx, doc); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "imported %d records and %d relationships from %s\n", len(doc.Records), len(doc.Koppelingen), source)
		return nil
	})
}

func decodeExport(b []byte) (*kaart.Export, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var doc kaart.Export
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not an export document: %w", err)
	}
	return &doc, nil
}

func (m *Main) cmdVersion(_ context.Context, args []string) error {
	fs := m.flagSet("version", "", "Print the version, the commit it was built from and the Go version.")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	v, commit := buildVersion()
	fmt.Fprintf(m.Stdout, "socialekaart %s\ncommit %s\n%s %s/%s\n", v, commit, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

// buildVersion returns the version (from -ldflags, else the module version)
// and the commit (from the build's VCS stamp; "+dirty" when modified).
func buildVersion() (string, string) {
	v, commit := version, "unknown"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return orDefault(v, "(devel)"), commit
	}
	if v == "" {
		v = info.Main.Version
	}
	var modified bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			commit = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if modified && commit != "unknown" {
		commit += "+dirty"
	}
	return orDefault(v, "(devel)"), commit
}

func versionString() string {
	v, commit := buildVersion()
	if commit == "unknown" {
		return v
	}
	return v + " (" + commit + ")"
}

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
