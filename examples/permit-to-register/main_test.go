package main

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/tjanstebaserad/bal-go/bal/baltest"
)

// The program starts a server and clients; nothing may outlive run.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRun(t *testing.T) {
	t.Setenv("BAL_ENV", "") // the default: an in-process fake
	t.Setenv("BAL_FAKE_URL", "")
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out))
	account := out.String()
	t.Log("\n" + account)
	for _, want := range []string{
		`1\. Building permit approved on Exempelby \S+ \d+:\d+`,
		`registered a planned building: version 1, status Planerad, åtgärd "Godkänt bygglov"`,
		`next free number on (\S+): \S+ \d+`,
		`one transaction, 7 members, applied all together:\n\s+Byggnad\s+version 2\n\s+Adressplats\s+version 1\n\s+Entre\s+version 1\n(\s+Lagenhet\s+version 1\n){4}`,
		`building: Gällande, version 2, built 2026, footprint 257\.9 m² \(Takkant\) on Exempelby`,
		`entrance: Bostadsadress med registrerad lägenhet, at \S+ \d+, lift: Ja`,
		`apartments: 1001, 1002, 1101, 1102`,
		`one transaction retired 7 objects`,
		`building: Avregistrerad, version 3, åtgärd "Riven, nedbrunnen byggnad"`,
		`address \S+ \d+: Avregistrerad`,
		`bringing it back is refused before sending: rule BAL-3015`,
	} {
		assert.Regexp(t, regexp.MustCompile(want), account)
	}
}

// TestAgainstARunningFake runs the program as against balsim: a fake in
// "another process", over TLS, reached through nothing but the variables
// balsim prints.
func TestAgainstARunningFake(t *testing.T) {
	srv := baltest.NewServer(baltest.WithTLS())
	defer srv.Close()
	baltest.SetEnv(t, srv)
	before := srv.Count("Byggnad")
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out))
	assert.Contains(t, out.String(), "Permit to register, against the fake at "+srv.URL()+" (kommun 2199)\n")
	assert.Contains(t, out.String(), "one transaction retired 7 objects")
	assert.Equal(t, before+1, srv.Count("Byggnad"), "the building was registered there")
}

func TestRunStopsWithTheContext(t *testing.T) {
	t.Setenv("BAL_ENV", "")
	t.Setenv("BAL_FAKE_URL", "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out bytes.Buffer
	assert.ErrorIs(t, run(ctx, &out), context.Canceled)
}

// TestWithoutControl runs the program as against Verifiering, where
// Lantmäteriet cannot be made to act: a running fake whose control token is
// not given. The steps that need the fake's acts are skipped or done
// another way.
func TestWithoutControl(t *testing.T) {
	srv := baltest.NewServer()
	defer srv.Close()
	baltest.SetEnv(t, srv)
	t.Setenv("BAL_FAKE_CONTROL_TOKEN", "")
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out))
	assert.Regexp(t, `building: Gällande, version 2, built 2026, footprint 257\.9 m² \(Takkant\) on Exempelby`, out.String())
	assert.Contains(t, out.String(), "one transaction retired 7 objects")
}
