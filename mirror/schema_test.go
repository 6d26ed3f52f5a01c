package mirror

import (
	"net/url"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// TestMigrateFromThePreviousVersion: a store written with schema version
// N-1 is migrated on Open, keeps its rows and checkpoint, and then follows
// the feed like a new one.
func TestMigrateFromThePreviousVersion(t *testing.T) {
	t.Parallel()
	for _, sk := range storeKinds {
		t.Run(sk.name, func(t *testing.T) {
			t.Parallel()
			srv, c := newFake(t, gen.Config{Seed: 5, Buildings: 100})
			dsn := sk.dsn(t)
			old, err := Open(t.Context(), dsn, &Options{SRID: testSRID, schemaVersion: SchemaVersion - 1})
			require.NoError(t, err)
			require.NoError(t, old.Init(t.Context(), c, Source{Services: true}))
			before, err := old.Status(t.Context())
			require.NoError(t, err)
			assert.Equal(t, SchemaVersion-1, before.SchemaVersion)
			require.NoError(t, old.Close())

			m, err := Open(t.Context(), dsn, nil)
			require.NoError(t, err)
			defer m.Close()
			after, err := m.Status(t.Context())
			require.NoError(t, err)
			assert.Equal(t, SchemaVersion, after.SchemaVersion)
			assert.Equal(t, before.Checkpoint, after.Checkpoint)
			assert.Equal(t, before.Counts, after.Counts)
			assert.Equal(t, testSRID, after.SRID, "the CRS comes from the store")

			mixedChanges(t, srv, 30)
			_, err = m.Sync(t.Context(), c, nil)
			require.NoError(t, err)
			assertIdentical(t, m, fakeDigest(t, srv, c, false))
		})
	}
}

// TestGDALReadsTheMirror: ogrinfo opens both stores with the zone's CRS,
// the feature counts, and the buildings' heights (a 3D layer).
func TestGDALReadsTheMirror(t *testing.T) {
	t.Parallel()
	ogrinfo := testenv.OGRInfo(t)
	for _, sk := range storeKinds {
		t.Run(sk.name, func(t *testing.T) {
			t.Parallel()
			_, c := newFake(t, gen.Config{Seed: 6, Buildings: 100})
			dsn := sk.dsn(t)
			m, err := Open(t.Context(), dsn, &Options{SRID: testSRID})
			require.NoError(t, err)
			require.NoError(t, m.Init(t.Context(), c, Source{Services: true}))
			st, err := m.Status(t.Context())
			require.NoError(t, err)
			require.NoError(t, m.Close())

			target := dsn
			if sk.name == "postgis" {
				target = "PG:" + pgConnString(dsn)
			}
			out, err := exec.Command(ogrinfo, "-ro", "-so", "-al", target).CombinedOutput()
			require.NoError(t, err, "%s", out)
			text := string(out)
			assert.Contains(t, text, "SWEREF99 17 15")
			assert.Contains(t, text, "Feature Count: 100\n")
			assert.Contains(t, text, "Feature Count: "+itoa(st.Counts["Adressplats"])+"\n")
			if sk.name == "postgis" {
				assert.Contains(t, text, "Geometry (geom): Multi Polygon")
				assert.Contains(t, text, "Geometry (geom_z): 3D Multi Polygon")
			} else {
				assert.Contains(t, text, "Geometry: 3D Multi Polygon")
				assert.Contains(t, text, "RH2000")
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// pgConnString is the database URL as GDAL's PG driver takes it, in
// libpq's key=value form.
func pgConnString(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	parts := []string{"host=" + u.Hostname(), "dbname=" + strings.TrimPrefix(u.Path, "/")}
	if p := u.Port(); p != "" {
		parts = append(parts, "port="+p)
	}
	if u.User != nil {
		parts = append(parts, "user="+u.User.Username())
		if pw, ok := u.User.Password(); ok {
			parts = append(parts, "password="+pw)
		}
	}
	for k, v := range u.Query() {
		parts = append(parts, k+"="+v[0])
	}
	return strings.Join(parts, " ")
}
