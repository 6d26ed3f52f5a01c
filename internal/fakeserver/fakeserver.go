// Package fakeserver runs the fake Lantmäteriet of package bal/baltest as a
// long-lived server for other processes, with a generated municipality,
// and describes it as `export VAR=value` lines a shell can source. It is the
// one implementation behind cmd/balsim (a small program for other languages'
// test suites) and `bal fake` (the same, inside the command-line tool).
//
// The variables are the ones cmd/bal and baltest.FromEnv read:
//
//	BAL_ENV=fake
//	BAL_FAKE_URL            the base URL (services, token endpoint, control API)
//	BAL_FAKE_TOKEN_URL      the OAuth2 token endpoint
//	BAL_FAKE_UPDATE_PATH    the update services' base path
//	BAL_FAKE_CONTROL_TOKEN  the control API's bearer token (docs/balsim.md)
//	BAL_FAKE_CA_FILE        with TLS: the PEM certificate to trust
//	BAL_CLIENT_ID           the fake's consumer key
//	BAL_CLIENT_SECRET       the fake's consumer secret (not secret: fake data)
//	BAL_KOMMUNKOD           the generated municipality's code
//	BAL_ORDER_ID            a Geotorget subscription order on the fake, for downloads
package fakeserver

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
)

// Config chooses the fake to run. The zero Config is a free loopback port,
// plain http, the default municipality and baltest's default credentials.
type Config struct {
	// Addr is the address to listen on, e.g. "127.0.0.1:8080"; empty picks
	// a free loopback port.
	Addr string
	// Seed, Buildings, Kommunkod, Kommunnamn and Zone choose the generated
	// municipality (package gen).
	Seed       uint64
	Buildings  int
	Kommunkod  string
	Kommunnamn string
	Zone       int
	// TLS serves https with a self-signed certificate, written as PEM to
	// CertFile (default: cert.pem in a new temporary directory, removed by
	// Close).
	TLS      bool
	CertFile string
	// ClientID and ClientSecret are the credentials the token endpoint
	// accepts; empty means baltest.DefaultCredentials.
	ClientID, ClientSecret string
	// UpdatePath is the update services' base path; empty means the SDK's
	// default.
	UpdatePath string
	// FeedRetention is how long the change feed keeps changes; 0 means 7
	// days.
	FeedRetention time.Duration
	// InitialFeed puts the generated data into the change feed as new
	// objects.
	InitialFeed bool
	// ControlToken fixes the control API's token; empty means a random one.
	ControlToken string
	// TokenTTL is the lifetime of the tokens the fake issues (whole
	// seconds); 0 means an hour. A short one makes tokens expire during a
	// run, to test how clients renew them.
	TokenTTL time.Duration
}

// Fake is a running fake.
type Fake struct {
	srv      *baltest.Server
	certFile string
	tmpDir   string
	order    string
}

// Start generates the municipality and starts serving.
func Start(cfg Config) (*Fake, error) {
	cred := baltest.DefaultCredentials
	if cfg.ClientID != "" {
		cred.ID = cfg.ClientID
	}
	if cfg.ClientSecret != "" {
		cred.Secret = cfg.ClientSecret
	}
	retention := cfg.FeedRetention
	if retention == 0 {
		retention = 7 * 24 * time.Hour
	}
	opts := []baltest.Option{
		baltest.WithAddr(cfg.Addr),
		baltest.WithData(gen.Config{Seed: cfg.Seed, Buildings: cfg.Buildings, Kommunkod: cfg.Kommunkod,
			Kommunnamn: cfg.Kommunnamn, Zone: cfg.Zone}),
		baltest.WithCredentials(cred),
		baltest.WithFeedRetention(retention),
		// A long-running fake keeps the last requests only.
		baltest.WithRequestLogLimit(1000),
	}
	if cfg.TLS {
		opts = append(opts, baltest.WithTLS())
	}
	if cfg.UpdatePath != "" {
		opts = append(opts, baltest.WithUpdatePath(cfg.UpdatePath))
	}
	if cfg.InitialFeed {
		opts = append(opts, baltest.WithInitialFeed())
	}
	if cfg.ControlToken != "" {
		opts = append(opts, baltest.WithControlToken(cfg.ControlToken))
	}
	if cfg.TokenTTL != 0 {
		if cfg.TokenTTL < time.Second || cfg.TokenTTL%time.Second != 0 {
			return nil, fmt.Errorf("token lifetime %s: want whole seconds, at least 1s (expires_in is in seconds)", cfg.TokenTTL)
		}
		opts = append(opts, baltest.WithTokenTTL(cfg.TokenTTL))
	}
	if cfg.Addr == "" {
		opts[0] = baltest.WithAddr("127.0.0.1:0")
	}
	s, err := baltest.Start(opts...)
	if err != nil {
		return nil, err
	}
	// A subscription on Geotorget, so that downloads have an order to
	// start deliveries on.
	f := &Fake{srv: s, order: s.AddOrder(baltest.GeotorgetOrder{Marking: "bal fake"})}
	if cfg.TLS {
		if err := f.writeCert(cfg.CertFile); err != nil {
			f.Close()
			return nil, err
		}
	}
	return f, nil
}

// writeCert writes the server's certificate to path, or to a new temporary
// directory.
func (f *Fake) writeCert(path string) error {
	if path == "" {
		dir, err := os.MkdirTemp("", "bal-fake-")
		if err != nil {
			return fmt.Errorf("certificate: %w", err)
		}
		f.tmpDir, path = dir, filepath.Join(dir, "cert.pem")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("certificate: %w", err)
	}
	if err := os.WriteFile(abs, f.srv.CertificatePEM(), 0o644); err != nil {
		return fmt.Errorf("certificate: %w", err)
	}
	f.certFile = abs
	return nil
}

// Server returns the fake.
func (f *Fake) Server() *baltest.Server { return f.srv }

// CertFile returns the certificate's path, empty without TLS.
func (f *Fake) CertFile() string { return f.certFile }

// Close stops the server and removes the temporary certificate.
func (f *Fake) Close() {
	f.srv.Close()
	if f.tmpDir != "" {
		_ = os.RemoveAll(f.tmpDir)
	}
}

// Var is one environment variable describing the fake.
type Var struct{ Name, Value string }

// Vars returns the variables describing the fake, in a fixed order.
func (f *Fake) Vars() []Var {
	var vars []Var
	for _, kv := range f.srv.Env(f.certFile) {
		k, v, _ := strings.Cut(kv, "=")
		vars = append(vars, Var{k, v})
	}
	return append(vars, Var{"BAL_ORDER_ID", f.order})
}

// Exports renders vars as `export NAME=value` lines, values quoted for a
// POSIX shell where they need it.
func Exports(vars []Var) string {
	var b strings.Builder
	for _, v := range vars {
		fmt.Fprintf(&b, "export %s=%s\n", v.Name, shellQuote(v.Value))
	}
	return b.String()
}

// shellQuote quotes s for a POSIX shell unless it is plain.
func shellQuote(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_-./:@%+=,", r)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// WriteEnvFile writes the export lines to path: straight into a named pipe
// (a reader waiting on it gets them at once), otherwise to a temporary file
// renamed over path, so that a reader never sees half of them.
func WriteEnvFile(path, exports string) error {
	if fi, err := os.Stat(path); err == nil && fi.Mode()&os.ModeNamedPipe != 0 {
		w, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("env file: %w", err)
		}
		_, err = io.WriteString(w, exports)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("env file: %w", err)
		}
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".bal-fake-env-*")
	if err != nil {
		return fmt.Errorf("env file: %w", err)
	}
	_, err = tmp.WriteString(exports)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("env file: %w", err)
	}
	return nil
}

// Serve starts the fake, writes its export lines to out (and to envFile
// when set), a one-line summary to errOut, and serves until ctx ends; then
// it waits for the requests in flight, says so on errOut, and returns. prog
// prefixes the lines on errOut.
func Serve(ctx context.Context, cfg Config, prog string, out, errOut io.Writer, envFile string) error {
	f, err := Start(cfg)
	if err != nil {
		return err
	}
	defer f.Close()
	exports := Exports(f.Vars())
	if envFile != "" {
		if err := WriteEnvFile(envFile, exports); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(out, exports); err != nil {
		return err
	}
	// Counted in the server, not read from its Dataset, which a server
	// does not keep (it would generate it again).
	name := cfg.Kommunnamn
	if name == "" {
		name = gen.DefaultKommunnamn
	}
	fmt.Fprintf(errOut, "%s: %d buildings, %d address points in %s %s at %s; serving until interrupted\n",
		prog, f.srv.Count(bal.ObjectTypeBuilding), f.srv.Count(bal.ObjectTypeAddressPoint), f.srv.Kommunkod(), name, f.srv.URL())
	<-ctx.Done()
	fmt.Fprintf(errOut, "%s: shutting down\n", prog)
	return nil
}
