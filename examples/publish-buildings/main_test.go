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

// The program starts a server, clients and uploads; nothing may outlive run.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRun(t *testing.T) {
	t.Setenv("BAL_ENV", "") // the default: an in-process fake
	t.Setenv("BAL_FAKE_URL", "")
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out))
	account := out.String()
	t.Log("\n" + account)
	for _, want := range []string{
		`1\. \d+ registerbyggnader in BAL are \d+ physical buildings`,
		`mottagning: valideringsfel`,
		`FAILURE BYG-0001: Byggnaden \S+ saknar andamal`,
		`purpose set to "övrig byggnad", uploading again`,
		`mottagning: publicerad`,
		`2\. mottagning \S+: publicerad, \d+ objects`,
		`3\. Sökning byggnad/v1, collections \[2199\]: \d+ buildings in collection 2199`,
		`\(EPSG:3006\), domain object application/vnd\.lm\.byggnad\.v1\+json`,
	} {
		assert.Regexp(t, regexp.MustCompile(want), account)
	}
	m := regexp.MustCompile(`(\d+) physical buildings`).FindStringSubmatch(account)
	require.NotNil(t, m)
	assert.Regexp(t, regexp.MustCompile(`publicerad, `+m[1]+` objects`), account)
	assert.Regexp(t, regexp.MustCompile(`: `+m[1]+` buildings in collection`), account)
}

// TestAgainstARunningFake runs the program as against balsim: a fake in
// "another process", over TLS, reached through nothing but the variables
// balsim prints.
func TestAgainstARunningFake(t *testing.T) {
	srv := baltest.NewServer(baltest.WithTLS())
	defer srv.Close()
	baltest.SetEnv(t, srv)
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out))
	assert.Contains(t, out.String(), "against the fake at "+srv.URL()+"\n")
	assert.Contains(t, out.String(), "mottagning: publicerad")
	changes := srv.NGPChanges()
	require.NotEmpty(t, changes)
	for _, c := range changes {
		assert.Equal(t, "publicerad", c.Status, c.ObjectID)
	}
}
