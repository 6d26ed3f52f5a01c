package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// The audit trail in PostgreSQL: a write command records into it, and the
// audit commands read it, as with a file.
func TestAuditTrailInPostgres(t *testing.T) {
	t.Parallel()
	url := testenv.Postgres(t)
	key := filepath.Join(t.TempDir(), "audit.key")
	require.NoError(t, os.WriteFile(key, []byte("6f1c9a523d0e4b8e9c217a4d5e0b2f136f1c9a523d0e4b8e9c217a4d5e0b2f13\n"), 0o600))
	vars := env(map[string]string{"BAL_ENV": "fake", "BAL_AUDIT": url, "BAL_AUDIT_KEY_FILE": key, "BAL_ACTOR": "eva.e"})
	cmd := func(args ...string) (string, int) {
		var out, errOut bytes.Buffer
		code := newApp(&out, &errOut, vars).run(context.Background(), args)
		if code != 0 {
			t.Logf("bal %v: %s", args, errOut.String())
		}
		return out.String(), code
	}
	_, code := cmd("ngp", "publish")
	require.Zero(t, code)
	out, code := cmd("audit", "verify", "-o", "json")
	require.Zero(t, code)
	var v verifyDoc
	require.NoError(t, json.Unmarshal([]byte(out), &v))
	assert.True(t, v.OK)
	assert.Positive(t, v.Records)
	out, code = cmd("audit", "list", "-o", "json", "--actor", "eva.e")
	require.Zero(t, code)
	assert.Equal(t, v.Records, bytes.Count([]byte(out), []byte("\n")), "every record made by the actor")
}
