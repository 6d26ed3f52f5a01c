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

func TestRunStopsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out bytes.Buffer
	assert.ErrorIs(t, run(ctx, &out), context.Canceled)
}
