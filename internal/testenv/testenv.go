// Package testenv finds what some tests need from outside Go: a PostgreSQL
// server with PostGIS, and GDAL's ogrinfo. A test that needs one skips when
// it is missing on a developer's machine and fails when CI=true, because
// .ci/run installs and starts them and a silent skip there would hide a
// broken set-up.
//
// It also holds what several packages' tests and benchmarks share about
// those tools and the machine: reading ogrinfo's layer summary (OGRLayers)
// and the process's CPU time (CPUTime).
package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// DatabaseEnv names the environment variable holding the URL of a
// PostgreSQL server (with the PostGIS packages installed) that tests may
// create databases on. .ci/run sets it.
const DatabaseEnv = "BAL_TEST_DATABASE_URL"

// unavailable skips the test, or fails it under CI.
func unavailable(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not available, and CI=true: .ci/run must install and start it", what)
	}
	t.Skipf("%s is not available here; skipping (CI runs this test)", what)
}

// Postgres creates a fresh database with the PostGIS extension on the
// server named by BAL_TEST_DATABASE_URL and returns its URL. The database is
// dropped when the test ends, so tests never see each other's rows.
func Postgres(t testing.TB) string {
	t.Helper()
	base := os.Getenv(DatabaseEnv)
	if base == "" {
		unavailable(t, "PostgreSQL ("+DatabaseEnv+" unset)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		unavailable(t, "PostgreSQL at "+DatabaseEnv+" ("+err.Error()+")")
	}
	defer admin.Close(context.Background())

	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "baltest_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("testenv: create database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("testenv: drop database %s: %v", name, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("testenv: drop database %s: %v", name, err)
		}
	})

	url := withDatabase(base, name)
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("testenv: connect to %s: %v", name, err)
	}
	defer c.Close(context.Background())
	if _, err := c.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS postgis"); err != nil {
		unavailable(t, "PostGIS ("+err.Error()+")")
	}
	return url
}

// OGRInfo returns the path of GDAL's ogrinfo.
func OGRInfo(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("ogrinfo")
	if err != nil {
		unavailable(t, "GDAL's ogrinfo")
	}
	return p
}
