package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
)

// app is what every command shares: the global flags, the configuration
// file, the connection and the output.
type app struct {
	out, errOut io.Writer
	getenv      func(string) string
	// terminal reports whether w is a terminal (golang.org/x/term); tests
	// replace it.
	terminal func(w io.Writer) bool

	// The global flags; empty means "not given", so that the environment
	// and the configuration file can fill them in.
	env, output, configPath, clientID, secretFile string
	// tokenStorePath is --token-store (credentials.go).
	tokenStorePath string
	verbose        bool
	// environ lists the environment, where NGP datasets' credentials are
	// found (BAL_NGP_<DATASET>_…); getenv reads it.
	environ func() []string
	// noDefault stands in for a default credential that was not given.
	noDefault *missingDefault
	// allowProduction is the write commands' --allow-production.
	allowProduction bool
	// audit is the audit trail's flags and, once opened, its recorder
	// (audit_sink.go).
	audit auditSettings

	file    *fileConfig
	table   *table
	closers []func()
}

func newApp(out, errOut io.Writer, getenv func(string) string) *app {
	return &app{out: out, errOut: errOut, getenv: getenv, environ: os.Environ, terminal: isTerminal}
}

// run executes the command line args and returns the exit code, after
// writing one line to errOut on failure.
func run(ctx context.Context, args []string, out, errOut io.Writer) int {
	a := newApp(out, errOut, os.Getenv)
	return a.run(ctx, args)
}

func (a *app) run(ctx context.Context, args []string) int {
	root := newRoot(a)
	root.SetArgs(args)
	root.SetOut(a.out)
	root.SetErr(a.errOut)
	err := root.ExecuteContext(ctx)
	if err != nil && strings.HasPrefix(err.Error(), "unknown command ") {
		err = withCode(exitUsage, err) // cobra's, which has no type of its own
	}
	if a.noDefault != nil && a.noDefault.used.Load() && err != nil {
		err = a.noDefault.err()
	}
	if ferr := a.finish(); err == nil {
		err = ferr
	}
	if err == nil {
		return exitOK
	}
	code := exitCode(ctx, err)
	// The SDK's errors begin with "bal: " too; say it once.
	msg := strings.TrimPrefix(err.Error(), "bal: ")
	if code == exitInterrupted {
		msg = "interrupted"
	}
	fmt.Fprintf(a.errOut, "bal: %s\n", oneLine(msg))
	return code
}

// finish flushes the table and releases what commands opened.
func (a *app) finish() error {
	err := a.flush()
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
	a.closers = nil
	return err
}

// oneLine folds a multi-line message into one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(strings.TrimSpace(s), "\n", "; ")), " ")
}

// note writes an informational line to stderr.
func (a *app) note(format string, args ...any) {
	fmt.Fprintf(a.errOut, "bal: "+format+"\n", args...)
}

// setting returns the first non-empty of a flag's value, an environment
// variable and a configuration file's value.
func (a *app) setting(flag, envVar, file string) string {
	if flag != "" {
		return flag
	}
	if v := a.getenv(envVar); v != "" {
		return v
	}
	return file
}

// Environment names as --env takes them.
const (
	envVerification = "verifiering"
	envProduction   = "produktion"
	envFake         = "fake"
)

// target is where a command's calls go.
type target struct {
	// name says where, for the notes on stderr.
	name string
	// env is verifiering, produktion or fake.
	env string
	cfg bal.Config
	// control drives a fake; nil otherwise.
	control *baltest.Control
	// kommun is the municipality a command uses unless told otherwise.
	kommun bal.MunicipalityCode
	// order is the Geotorget order downloads use unless told otherwise.
	order string
	// tokenStore is the file OAuth2 tokens are shared through, "" when
	// they are not (tokenStoreNote says why).
	tokenStore, tokenStoreNote string
}

// envName resolves --env, BAL_ENV and the configuration file's env.
func (a *app) envName() (string, error) {
	fc, err := a.config()
	if err != nil {
		return "", err
	}
	env := strings.ToLower(a.setting(a.env, "BAL_ENV", fc.Env))
	switch env {
	case "":
		return envVerification, nil
	case envVerification, envProduction, envFake:
		return env, nil
	}
	return "", usageError("environment %q is not verifiering, produktion or fake", env)
}

// target resolves where to connect. A command that writes passes write:
// Produktion is then refused unless --allow-production was given, because
// the update binding is modelled (docs/update-binding.md) and the NGP
// Byggnad body is too (docs/ngp.md).
func (a *app) target(write bool) (*target, error) {
	env, err := a.envName()
	if err != nil {
		return nil, err
	}
	fc, _ := a.config()
	kommun := a.setting("", "BAL_KOMMUNKOD", fc.Kommun)
	if write && env == envProduction && !a.allowProduction {
		return nil, usageError("refusing to write to Produktion: what this command sends follows a modelled contract " +
			"(docs/update-binding.md, docs/ngp.md); check it against Lantmäteriet's schemas, then pass --allow-production")
	}
	t := &target{env: env, kommun: bal.MunicipalityCode(kommun), order: a.setting("", "BAL_ORDER_ID", fc.OrderID)}
	if env == envFake {
		return a.fakeTarget(t)
	}
	creds, err := a.credentials(true)
	if err != nil {
		return nil, err
	}
	if creds.empty() {
		return nil, usageError("no credentials for %s: set BAL_CLIENT_ID and BAL_CLIENT_SECRET (or --client-secret-file), or use --env fake", env)
	}
	t.cfg = bal.Config{Environment: bal.Verification}
	t.name = "Verifiering"
	if env == envProduction {
		t.cfg.Environment, t.name = bal.Production, "Produktion"
	}
	creds.apply(a, &t.cfg)
	if err := a.shareTokens(t); err != nil {
		return nil, err
	}
	return t, nil
}

// fakeTarget is the fake that BAL_FAKE_URL names, or a new in-process one
// for this command, generated for the configured municipality.
func (a *app) fakeTarget(t *target) (*target, error) {
	// The generated data enters the feed as new objects, so that `changes`
	// has something to show.
	opts := []baltest.Option{baltest.WithInitialFeed()}
	if t.kommun != "" {
		opts = append(opts, baltest.WithData(gen.Config{Kommunkod: string(t.kommun)}))
	}
	ft, err := baltest.FakeFromEnv(opts...)
	if err != nil {
		return nil, usageError("%v", strings.TrimPrefix(err.Error(), "baltest: "))
	}
	a.closers = append(a.closers, ft.Close)
	// FakeFromEnv reads the process's environment, so the note asks the
	// same place and names the fake it chose.
	if os.Getenv("BAL_FAKE_URL") != "" {
		a.note("using %s (BAL_FAKE_URL)", ft.Name)
	} else {
		in, err := ft.Control.Info(context.Background())
		if err != nil {
			return nil, err
		}
		a.note("started an in-process fake for this command (kommun %s %s, %d buildings); `bal fake` keeps one running",
			in.Kommunkod, in.Kommunnamn, in.Objects["Byggnad"])
		// A subscription on Geotorget, as `bal fake` has one; an order
		// named in the environment cannot exist on a fake just started.
		if t.order, err = ft.Control.AddOrder(context.Background(), baltest.GeotorgetOrder{Marking: "bal"}); err != nil {
			return nil, err
		}
	}
	t.name, t.cfg, t.control = ft.Name, ft.Config, ft.Control
	if t.kommun == "" {
		t.kommun = ft.Municipality
	}
	if a.getenv("BAL_FAKE_URL") == "" {
		t.tokenStoreNote = "none: a fake started for this command shares no tokens"
		return t, nil
	}
	// A running fake takes credentials from flags and the environment,
	// as 'bal fake' prints them; the configuration file's are
	// Lantmäteriet's.
	creds, err := a.credentials(false)
	if err != nil {
		return nil, err
	}
	if creds.def != nil || len(creds.services) > 0 {
		if creds.def == nil {
			creds.def = t.cfg.Credentials
		}
		creds.apply(a, &t.cfg)
	}
	if err := a.shareTokens(t); err != nil {
		return nil, err
	}
	return t, nil
}

// client builds the SDK client for t.
func (a *app) client(t *target) (*bal.Client, error) {
	fc, _ := a.config()
	cfg := t.cfg
	cfg.AppID = "bal-cli/" + bal.SDKVersion
	if fc.AppID != "" {
		cfg.AppID = fc.AppID
	}
	if a.verbose {
		cfg.Logger = slog.New(slog.NewTextHandler(a.errOut, &slog.HandlerOptions{Level: slog.LevelDebug}))
		cfg.LogRequests = true
	}
	c, err := bal.NewClient(cfg)
	if err != nil {
		return nil, usageError("%v", err)
	}
	a.closers = append(a.closers, c.CloseIdleConnections)
	return c, nil
}

// connect is target and client in one. A client that writes records its
// writes in the audit trail, when one is configured.
func (a *app) connect(write bool) (*target, *bal.Client, error) {
	t, err := a.target(write)
	if err != nil {
		return nil, nil, err
	}
	if write {
		if err := a.recordWrites(context.Background(), &t.cfg); err != nil {
			return nil, nil, err
		}
	}
	c, err := a.client(t)
	return t, c, err
}

// kommun resolves a command's --kommun against the target's default.
func (a *app) kommun(flag string, t *target) (bal.MunicipalityCode, error) {
	if flag == "" {
		return t.kommun, nil
	}
	k, err := bal.ParseMunicipalityCode(flag)
	if err != nil {
		return "", usageError("--kommun: %v", err)
	}
	return k, nil
}

// addWriteFlags gives a write command its --allow-production, and the
// flags that name the audit trail its writes are recorded in and the
// official they are recorded as.
func (a *app) addWriteFlags(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&a.allowProduction, "allow-production", false,
		"allow this write against Produktion (the contract it follows is modelled; see docs/update-binding.md)")
	a.addAuditFlags(cmd, false)
	cmd.Flags().StringVar(&a.audit.actor, "actor", "", "the official the audit trail records the writes as (default $BAL_ACTOR, or your user name)")
}
