package testenv_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

func TestPostgresGivesAFreshPostGISDatabase(t *testing.T) {
	t.Parallel()
	a, b := testenv.Postgres(t), testenv.Postgres(t)
	require.NotEqual(t, a, b)
	ctx := context.Background()
	c, err := pgx.Connect(ctx, a)
	require.NoError(t, err)
	defer c.Close(ctx)
	var v string
	require.NoError(t, c.QueryRow(ctx, "SELECT postgis_lib_version()").Scan(&v))
	assert.NotEmpty(t, v)
	var n int
	require.NoError(t, c.QueryRow(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").Scan(&n))
	assert.Equal(t, 1, n, "only PostGIS's spatial_ref_sys")
}

func TestOGRInfoRuns(t *testing.T) {
	t.Parallel()
	out, err := exec.Command(testenv.OGRInfo(t), "--version").CombinedOutput()
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(out), "GDAL "), string(out))
}
