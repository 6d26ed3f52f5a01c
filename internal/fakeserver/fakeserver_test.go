package fakeserver

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// parseExports reads export lines as a shell would for plain and
// single-quoted values.
func parseExports(t *testing.T, r io.Reader) map[string]string {
	t.Helper()
	vars := map[string]string{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "export ")
		require.True(t, ok, sc.Text())
		k, v, _ := strings.Cut(line, "=")
		if strings.HasPrefix(v, "'") {
			v = strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(v, "'"), "'"), `'\''`, "'")
		}
		vars[k] = v
		if k == "BAL_ORDER_ID" {
			break
		}
	}
	return vars
}

// TestServe runs the fake as balsim and `bal fake` do, reaches it over TLS
// with nothing but the exported variables (as another process would), and
// stops it by ending the context.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	envFile := filepath.Join(t.TempDir(), "fake.env")
	var errOut strings.Builder
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, Config{TLS: true, Seed: 2, Kommunkod: "0180", Kommunnamn: "Stockholm", ControlToken: "ctl"}, "balsim", pw, &errOut, envFile)
		pw.Close()
	}()
	vars := parseExports(t, pr)
	go func() { _, _ = io.Copy(io.Discard, pr) }()

	assert.Equal(t, "fake", vars["BAL_ENV"])
	assert.Equal(t, "ctl", vars["BAL_FAKE_CONTROL_TOKEN"])
	assert.Equal(t, "0180", vars["BAL_KOMMUNKOD"])
	assert.Regexp(t, `^[0-9a-f-]{36}$`, vars["BAL_ORDER_ID"])
	assert.Equal(t, bal.DefaultUpdatePath, vars["BAL_FAKE_UPDATE_PATH"])
	assert.Equal(t, vars["BAL_FAKE_URL"]+baltest.TokenPath, vars["BAL_FAKE_TOKEN_URL"])
	require.True(t, strings.HasPrefix(vars["BAL_FAKE_URL"], "https://127.0.0.1:"), vars["BAL_FAKE_URL"])
	require.FileExists(t, vars["BAL_FAKE_CA_FILE"])
	written, err := os.ReadFile(envFile)
	require.NoError(t, err)
	assert.Equal(t, vars, parseExports(t, strings.NewReader(string(written))), "the env file holds the same lines")

	hc, err := baltest.FakeHTTPClient(vars["BAL_FAKE_CA_FILE"])
	require.NoError(t, err)
	env, err := bal.NewEnvironment("fake", vars["BAL_FAKE_URL"], vars["BAL_FAKE_TOKEN_URL"])
	require.NoError(t, err)
	c, err := bal.NewClient(bal.Config{Environment: env, HTTPClient: hc,
		Credentials: bal.ClientCredentials{ID: vars["BAL_CLIENT_ID"], Secret: vars["BAL_CLIENT_SECRET"]}})
	require.NoError(t, err)
	n := 0
	for _, err := range building.New(c).Buildings.Search(t.Context(), bal.Query{Municipality: "0180"}, nil) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 100, n)
	in, err := baltest.NewControl(vars["BAL_FAKE_URL"], "ctl", hc).Info(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "Stockholm", in.Kommunnamn)
	c.CloseIdleConnections()
	hc.CloseIdleConnections()

	cancel()
	require.NoError(t, <-done)
	assert.NoFileExists(t, vars["BAL_FAKE_CA_FILE"], "the temporary certificate goes with the fake")
	assert.Contains(t, errOut.String(), "balsim: 100 buildings, ")
	assert.Contains(t, errOut.String(), "in 0180 Stockholm at https://127.0.0.1:")
	assert.Contains(t, errOut.String(), "balsim: shutting down\n")
}

func TestStartRefusals(t *testing.T) {
	t.Parallel()
	for _, cfg := range []Config{{Buildings: 5}, {Kommunkod: "9999"}, {Addr: "256.0.0.1:1"}, {TLS: true, CertFile: "/nonexistent/dir/cert.pem"}} {
		_, err := Start(cfg)
		assert.Error(t, err, "%+v", cfg)
	}
}

func TestCertFileGiven(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "ca.pem")
	f, err := Start(Config{TLS: true, CertFile: path})
	require.NoError(t, err)
	f.Close()
	b, err := os.ReadFile(path)
	require.NoError(t, err, "a certificate path the caller chose stays")
	assert.Contains(t, string(b), "BEGIN CERTIFICATE")
}

func TestShellQuote(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"http://127.0.0.1:8080/x": "http://127.0.0.1:8080/x",
		"":                        "''",
		"a b":                     "'a b'",
		"it's":                    `'it'\''s'`,
		"$HOME":                   "'$HOME'",
	} {
		assert.Equal(t, want, shellQuote(in), in)
	}
}
