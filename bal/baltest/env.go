package baltest

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tjanstebaserad/bal-go/bal"
)

// Target is where a demo, an example or a test suite runs, as FromEnv chose
// it from the environment variables that cmd/bal reads too: an in-process
// fake, a fake in another process (balsim or `bal fake`), or Lantmäteriet's
// Verifiering.
type Target struct {
	// Name says where, e.g. "an in-process fake", "the fake at
	// http://127.0.0.1:8080" or "Verifiering".
	Name string
	// Config is a complete client configuration for the target: its
	// environment, credentials and, for a fake with TLS, an HTTP client
	// that trusts the fake's certificate. Set AppID and the like, then
	// pass it to bal.NewClient.
	Config bal.Config
	// Control drives the fake (nil against Verifiering, and against a fake
	// whose control token is not in the environment).
	Control *Control
	// Municipality is the fake's kommunkod, or BAL_KOMMUNKOD.
	Municipality bal.MunicipalityCode

	server *Server
}

// Close stops an in-process fake, and closes the idle connections to the
// others.
func (t *Target) Close() {
	if t.server != nil {
		t.server.Close()
	} else if t.Config.HTTPClient != nil {
		t.Config.HTTPClient.CloseIdleConnections()
	}
}

// FromEnv chooses the target from the environment:
//
//   - BAL_ENV unset or "fake": a fake. When BAL_FAKE_URL is set, the fake
//     running there (balsim or `bal fake` print these variables:
//     BAL_FAKE_URL, BAL_FAKE_TOKEN_URL, BAL_FAKE_UPDATE_PATH,
//     BAL_FAKE_CA_FILE with TLS, BAL_FAKE_CONTROL_TOKEN, BAL_CLIENT_ID,
//     BAL_CLIENT_SECRET); otherwise a new in-process Server started with
//     opts, which Close stops.
//   - BAL_ENV "verifiering": Lantmäteriet's Verifiering with BAL_CLIENT_ID
//     and BAL_CLIENT_SECRET (or BAL_CLIENT_SECRET_FILE, a file holding
//     it), and BAL_KOMMUNKOD as the municipality.
//
// FromEnv refuses "produktion": it serves tests, examples and demos, which
// write through the modelled update binding. opts apply only to an
// in-process fake.
func FromEnv(opts ...Option) (*Target, error) {
	switch env := strings.ToLower(strings.TrimSpace(os.Getenv("BAL_ENV"))); env {
	case "", "fake":
		return FakeFromEnv(opts...)
	case "verifiering":
		return verification()
	case "produktion":
		return nil, fmt.Errorf("baltest: BAL_ENV=produktion: examples and tests write through the modelled update binding; run them against verifiering or a fake")
	default:
		return nil, fmt.Errorf("baltest: BAL_ENV=%q is not verifiering or fake", env)
	}
}

// FakeFromEnv is FromEnv's fake whatever BAL_ENV says: the running fake
// BAL_FAKE_URL names, or a new in-process one started with opts.
func FakeFromEnv(opts ...Option) (*Target, error) {
	if os.Getenv("BAL_FAKE_URL") == "" {
		return inProcess(opts...)
	}
	return runningFake()
}

func inProcess(opts ...Option) (*Target, error) {
	s, err := Start(opts...)
	if err != nil {
		return nil, err
	}
	cred := s.Credentials()
	return &Target{
		Name: "an in-process fake",
		Config: bal.Config{Environment: s.Environment(), HTTPClient: s.HTTPClient(),
			Credentials: bal.ClientCredentials{ID: cred.ID, Secret: cred.Secret}},
		Control: s.Control(), Municipality: bal.MunicipalityCode(s.Kommunkod()), server: s,
	}, nil
}

// runningFake is the fake the BAL_FAKE_* variables describe.
func runningFake() (*Target, error) {
	base := strings.TrimRight(os.Getenv("BAL_FAKE_URL"), "/")
	tokenURL := os.Getenv("BAL_FAKE_TOKEN_URL")
	if tokenURL == "" {
		tokenURL = base + TokenPath
	}
	env, err := bal.NewEnvironment("fake", base, tokenURL)
	if err != nil {
		return nil, fmt.Errorf("baltest: BAL_FAKE_URL: %w", err)
	}
	if p := os.Getenv("BAL_FAKE_UPDATE_PATH"); p != "" {
		env = env.WithUpdatePath(p)
	}
	hc, err := FakeHTTPClient(os.Getenv("BAL_FAKE_CA_FILE"))
	if err != nil {
		return nil, err
	}
	cred := DefaultCredentials
	if id := os.Getenv("BAL_CLIENT_ID"); id != "" {
		cred.ID = id
		if cred.Secret, err = secretFromEnv(); err != nil {
			return nil, err
		}
	}
	t := &Target{Name: "the fake at " + base,
		Config:       bal.Config{Environment: env, HTTPClient: hc, Credentials: bal.ClientCredentials{ID: cred.ID, Secret: cred.Secret}},
		Municipality: bal.MunicipalityCode(os.Getenv("BAL_KOMMUNKOD")),
	}
	if tok := os.Getenv("BAL_FAKE_CONTROL_TOKEN"); tok != "" {
		t.Control = NewControl(base, tok, hc)
	}
	return t, nil
}

func verification() (*Target, error) {
	id := os.Getenv("BAL_CLIENT_ID")
	if id == "" {
		return nil, fmt.Errorf("baltest: BAL_ENV=verifiering needs BAL_CLIENT_ID and BAL_CLIENT_SECRET (or BAL_CLIENT_SECRET_FILE)")
	}
	secret, err := secretFromEnv()
	if err != nil {
		return nil, err
	}
	return &Target{Name: "Verifiering",
		Config:       bal.Config{Environment: bal.Verification, Credentials: bal.ClientCredentials{ID: id, Secret: secret}},
		Municipality: bal.MunicipalityCode(os.Getenv("BAL_KOMMUNKOD")),
	}, nil
}

// secretFromEnv reads BAL_CLIENT_SECRET, or the file BAL_CLIENT_SECRET_FILE
// names.
func secretFromEnv() (string, error) {
	if s := os.Getenv("BAL_CLIENT_SECRET"); s != "" {
		return s, nil
	}
	f := os.Getenv("BAL_CLIENT_SECRET_FILE")
	if f == "" {
		return "", fmt.Errorf("baltest: BAL_CLIENT_ID is set but neither BAL_CLIENT_SECRET nor BAL_CLIENT_SECRET_FILE")
	}
	b, err := os.ReadFile(f)
	if err != nil {
		return "", fmt.Errorf("baltest: BAL_CLIENT_SECRET_FILE: %w", err)
	}
	s := strings.TrimSpace(string(b))
	if s == "" {
		return "", fmt.Errorf("baltest: BAL_CLIENT_SECRET_FILE %s is empty", f)
	}
	return s, nil
}

// FakeHTTPClient returns an HTTP client for a fake: one that trusts the
// PEM certificate in caFile (which a fake started with TLS writes and
// prints as BAL_FAKE_CA_FILE), or a plain one when caFile is empty.
func FakeHTTPClient(caFile string) (*http.Client, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fmt.Errorf("baltest: BAL_FAKE_CA_FILE: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("baltest: BAL_FAKE_CA_FILE %s holds no PEM certificate", caFile)
		}
		tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	return &http.Client{Transport: tr}, nil
}

// Env returns the environment variables that describe s to FromEnv and to
// cmd/bal in another process, as balsim and `bal fake` print them, in a
// fixed order, each "NAME=value" as os.Environ has them. certFile is the
// file the certificate was written to (see CertificatePEM); empty leaves
// BAL_FAKE_CA_FILE out.
func (s *Server) Env(certFile string) []string {
	cred := s.Credentials()
	env := []string{
		"BAL_ENV=fake",
		"BAL_FAKE_URL=" + s.URL(),
		"BAL_FAKE_TOKEN_URL=" + s.TokenURL(),
		"BAL_FAKE_UPDATE_PATH=" + s.UpdatePath(),
		"BAL_FAKE_CONTROL_TOKEN=" + s.ControlToken(),
	}
	if certFile != "" {
		env = append(env, "BAL_FAKE_CA_FILE="+certFile)
	}
	return append(env,
		"BAL_CLIENT_ID="+cred.ID,
		"BAL_CLIENT_SECRET="+cred.Secret,
		"BAL_KOMMUNKOD="+s.Kommunkod(),
	)
}

// SetEnv points FromEnv (and cmd/bal) at s for the rest of the test, as if s
// ran in another process like balsim: it sets the variables of Env with
// t.Setenv, with s's certificate written to a temporary file when s serves
// TLS. Like t.Setenv it cannot be used in parallel tests.
func SetEnv(t testing.TB, s *Server) {
	t.Helper()
	ca := ""
	if pem := s.CertificatePEM(); pem != nil {
		ca = filepath.Join(t.TempDir(), "ca.pem")
		if err := os.WriteFile(ca, pem, 0o600); err != nil {
			t.Fatalf("baltest: %v", err)
		}
	}
	for _, kv := range s.Env(ca) {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
}
