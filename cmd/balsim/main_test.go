package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestRun starts balsim on a free port, fetches a token with the printed
// credentials, and stops it by cancelling the context, as SIGINT does.
func TestRun(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-size", "100", "-seed", "2", "-client-id", "suite"}, pw, io.Discard)
		pw.Close()
	}()

	vars := map[string]string{}
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		k, v, _ := strings.Cut(strings.TrimPrefix(sc.Text(), "export "), "=")
		vars[k] = v
		if k == "BAL_ORDER_ID" {
			break
		}
	}
	require.Contains(t, vars, "BAL_FAKE_URL")
	assert.Equal(t, "/ajourhallning/bal/v1", vars["BAL_FAKE_UPDATE_PATH"])
	assert.Equal(t, "2199", vars["BAL_KOMMUNKOD"])
	assert.Equal(t, "suite", vars["BAL_CLIENT_ID"])
	assert.NotEmpty(t, vars["BAL_FAKE_CONTROL_TOKEN"])

	client := &http.Client{Transport: &http.Transport{}}
	req, err := http.NewRequest(http.MethodPost, vars["BAL_FAKE_TOKEN_URL"], strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	require.NoError(t, err)
	req.SetBasicAuth(vars["BAL_CLIENT_ID"], vars["BAL_CLIENT_SECRET"])
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := client.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(body), "access_token")
	client.CloseIdleConnections()

	cancel()
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	require.NoError(t, <-done)
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-size", "5"}, {"-kommunkod", "9999"}, {"extra"}, {"-nope"}, {"-token-ttl", "500ms"}, {"-token-ttl", "1500ms"}} {
		err := run(t.Context(), append([]string{"-addr", "127.0.0.1:0"}, args...), io.Discard, io.Discard)
		assert.Error(t, err, args)
	}
}
