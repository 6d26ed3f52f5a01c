package baltest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
)

// clearEnv empties every variable FromEnv reads.
func clearEnv(t *testing.T) {
	for _, v := range []string{"BAL_ENV", "BAL_CLIENT_ID", "BAL_CLIENT_SECRET", "BAL_CLIENT_SECRET_FILE", "BAL_KOMMUNKOD",
		"BAL_FAKE_URL", "BAL_FAKE_TOKEN_URL", "BAL_FAKE_UPDATE_PATH", "BAL_FAKE_CA_FILE", "BAL_FAKE_CONTROL_TOKEN"} {
		t.Setenv(v, "")
	}
}

func TestFromEnvInProcess(t *testing.T) {
	clearEnv(t)
	tg, err := baltest.FromEnv(baltest.WithData(gen.Config{Kommunkod: "0180", Kommunnamn: "Stockholm"}))
	require.NoError(t, err)
	defer tg.Close()
	assert.Equal(t, "an in-process fake", tg.Name)
	assert.Equal(t, bal.MunicipalityCode("0180"), tg.Municipality)
	require.NotNil(t, tg.Control)
	in, err := tg.Control.Info(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "Stockholm", in.Kommunnamn)
	c, err := bal.NewClient(tg.Config)
	require.NoError(t, err)
	defer c.CloseIdleConnections()
	n := 0
	for _, err := range building.New(c).Buildings.Search(t.Context(), bal.Query{Municipality: "0180"}, nil) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, in.Objects["Byggnad"], n)
}

// TestFromEnvRunningFake reaches a fake in "another process" (a server
// over TLS) through the variables balsim prints.
func TestFromEnvRunningFake(t *testing.T) {
	clearEnv(t)
	s := baltest.NewServer(baltest.WithTLS(), baltest.WithUpdatePath("/bal/v9"),
		baltest.WithCredentials(baltest.Credentials{ID: "suite", Secret: "s3cret"}))
	defer s.Close()
	ca := filepath.Join(t.TempDir(), "cert.pem")
	require.NoError(t, os.WriteFile(ca, s.CertificatePEM(), 0o600))
	secret := filepath.Join(t.TempDir(), "secret")
	require.NoError(t, os.WriteFile(secret, []byte("s3cret\n"), 0o600))
	t.Setenv("BAL_ENV", "fake")
	t.Setenv("BAL_FAKE_URL", s.URL())
	t.Setenv("BAL_FAKE_UPDATE_PATH", "/bal/v9")
	t.Setenv("BAL_FAKE_CA_FILE", ca)
	t.Setenv("BAL_FAKE_CONTROL_TOKEN", s.ControlToken())
	t.Setenv("BAL_CLIENT_ID", "suite")
	t.Setenv("BAL_CLIENT_SECRET_FILE", secret)
	t.Setenv("BAL_KOMMUNKOD", "2199")

	tg, err := baltest.FromEnv()
	require.NoError(t, err)
	defer tg.Close()
	assert.Equal(t, "the fake at "+s.URL(), tg.Name)
	assert.Equal(t, s.TokenURL(), tg.Config.Environment.TokenURL())
	assert.Equal(t, "/bal/v9", tg.Config.Environment.UpdatePath())
	c, err := bal.NewClient(tg.Config)
	require.NoError(t, err)
	defer c.CloseIdleConnections()
	id := s.Dataset().Buildings[0].ID.String()
	_, err = tg.Control.EditBuilding(t.Context(), id, nil)
	require.NoError(t, err)
	b, err := building.New(c).Buildings.Get(t.Context(), bal.MustParseObjectID(id), nil)
	require.NoError(t, err)
	assert.Equal(t, bal.Version(2), b.Version)
	tg.Config.HTTPClient.CloseIdleConnections()
}

func TestFromEnvRefusals(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"production", map[string]string{"BAL_ENV": "produktion"}, "refuse"},
		{"unknown", map[string]string{"BAL_ENV": "staging"}, `"staging" is not verifiering or fake`},
		{"no id", map[string]string{"BAL_ENV": "verifiering"}, "needs BAL_CLIENT_ID"},
		{"no secret", map[string]string{"BAL_ENV": "verifiering", "BAL_CLIENT_ID": "x"}, "neither BAL_CLIENT_SECRET"},
		{"missing secret file", map[string]string{"BAL_ENV": "verifiering", "BAL_CLIENT_ID": "x", "BAL_CLIENT_SECRET_FILE": "/nonexistent"}, "BAL_CLIENT_SECRET_FILE"},
		{"fake not loopback http", map[string]string{"BAL_FAKE_URL": "http://example.com"}, "BAL_FAKE_URL"},
		{"bad CA", map[string]string{"BAL_FAKE_URL": "http://127.0.0.1:1", "BAL_FAKE_CA_FILE": "/nonexistent"}, "BAL_FAKE_CA_FILE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			_, err := baltest.FromEnv()
			if tc.want == "refuse" {
				require.ErrorContains(t, err, "BAL_ENV=produktion")
				return
			}
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestFromEnvVerification(t *testing.T) {
	clearEnv(t)
	t.Setenv("BAL_ENV", "Verifiering")
	t.Setenv("BAL_CLIENT_ID", "key")
	t.Setenv("BAL_CLIENT_SECRET", "secret")
	t.Setenv("BAL_KOMMUNKOD", "2180")
	tg, err := baltest.FromEnv()
	require.NoError(t, err)
	assert.Equal(t, "Verifiering", tg.Name)
	assert.Equal(t, bal.Verification, tg.Config.Environment)
	assert.Equal(t, bal.ClientCredentials{ID: "key", Secret: "secret"}, tg.Config.Credentials)
	assert.Nil(t, tg.Control)
	assert.Equal(t, bal.MunicipalityCode("2180"), tg.Municipality)
	tg.Close()
}
