package main

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// The program starts a server and clients; nothing may outlive run.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRun(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, t.TempDir()))
	account := out.String()
	t.Log("\n" + account)
	for _, want := range []string{
		`kommun 2199 Exempelby, local zone SWEREF 99 \d\d \d\d`,
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
	} {
		assert.Regexp(t, regexp.MustCompile(want), account)
	}
}
