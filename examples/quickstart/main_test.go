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
	require.NoError(t, run(context.Background(), &out, t.TempDir()))
	account := out.String()
	t.Log("\n" + account)
	for _, want := range []string{
		`against an in-process fake: kommun 2199 Exempelby, local zone SWEREF 99 \d\d \d\d`,
		`1\. Search addresses\n\s+\d+ streets; \S+ has \d+ addresses, e\.g\. `,
		`2\. Fetch a building\n\s+Exempelby .+: Gällande, built \d{4}, .+; footprint \d+\.\d m², first corner E \d+\.\d\d N \d+\.\d\d in SWEREF 99`,
		`one transaction: Byggnad, Adressplats, Entre, Lagenhet, Lagenhet — 5 receipts, version 1 each`,
		`marked finished \(Byggnaden färdigbyggd\): now version 2, status Gällande`,
		`update refused: read at version 2, Lantmäteriet is at version 3`,
		`Modify read it again and re-applied the change: version 4`,
		`from the start: 1 Ny Adressplats, 1 Ny Byggnad, 1 Ny Entre, 2 Ny Lagenhet, 3 Ändrad Byggnad`,
		`since the saved checkpoint: Ändrad Byggnad version 5\n`,
		`\d+ open deficiencies\n\s+"Byggnad saknar adress" on Byggnad: building exempted from addressing, deficiency Åtgärdad`,
		`\d+ new cases; \S+ \(Fastighetsbildningsärende\) concerns 2 properties and \d+ objects`,
		`acknowledged as received: Pågående`,
		`reported handled, naming the objects checked: Avslutad`,
		`loaded from the update services into bal\.gpkg \(EPSG:30\d\d\): 1 Kommundel, \d+ Adressomrade, \d+ Gardsadressomrade, \d+ Adressplats, \d+ Byggnad, \d+ Entre, \d+ Lagenhet`,
		`changes applied from the feed: 1; the new building is at version 6 in the GeoPackage too`,
	} {
		assert.Regexp(t, regexp.MustCompile(want), account)
	}
}

// TestAgainstARunningFake runs the program as against balsim: a fake in
// "another process", over TLS, reached through nothing but the variables
// balsim prints; Lantmäteriet's acts go through its control API.
func TestAgainstARunningFake(t *testing.T) {
	srv := baltest.NewServer(baltest.WithTLS())
	defer srv.Close()
	baltest.SetEnv(t, srv)
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out, t.TempDir()))
	account := out.String()
	for _, want := range []string{
		`against the fake at ` + regexp.QuoteMeta(srv.URL()) + `: kommun 2199 Exempelby`,
		`update refused: read at version 2, Lantmäteriet is at version 3`,
		`since the saved checkpoint: Ändrad Byggnad version 5\n`,
		`deficiency Åtgärdad`,
		`reported handled, naming the objects checked: Avslutad`,
	} {
		assert.Regexp(t, regexp.MustCompile(want), account)
	}
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
	require.NoError(t, run(t.Context(), &out, t.TempDir()))
	assert.Contains(t, out.String(), "skipped: Lantmäteriet's side cannot be made to change the building here")
	assert.Contains(t, out.String(), "since the saved checkpoint: Ändrad Byggnad version 3\n")
	assert.Contains(t, out.String(), "reported handled, naming the objects checked: Avslutad")
}
