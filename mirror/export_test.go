package mirror

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// TestExportsOpenInGDAL: ogrinfo opens the exported GeoPackage and GeoJSON
// files with the right SRS and feature counts, from both stores; every
// attribute is there and coordinates are rounded to the millimetre.
func TestExportsOpenInGDAL(t *testing.T) {
	t.Parallel()
	ogrinfo := testenv.OGRInfo(t)
	for _, sk := range storeKinds {
		t.Run(sk.name, func(t *testing.T) {
			t.Parallel()
			_, c := newFake(t, gen.Config{Seed: 8, Buildings: 100})
			m, err := Open(t.Context(), sk.dsn(t), &Options{SRID: testSRID})
			require.NoError(t, err)
			defer m.Close()
			require.NoError(t, m.Init(t.Context(), c, Source{Services: true}))
			st, err := m.Status(t.Context())
			require.NoError(t, err)
			dir := t.TempDir()
			info := func(args ...string) string {
				t.Helper()
				out, err := exec.Command(ogrinfo, append([]string{"-ro", "-so"}, args...)...).CombinedOutput()
				require.NoError(t, err, "%s", out)
				return string(out)
			}
			count := func(typ bal.ObjectType) string {
				return "Feature Count: " + strconv.FormatInt(st.Counts[typ], 10) + "\n"
			}

			gp := filepath.Join(dir, "export.gpkg")
			n, err := m.ExportGeoPackage(t.Context(), gp, nil)
			require.NoError(t, err)
			assert.Equal(t, st.Counts, n)
			out := info(gp, "byggnad")
			assert.Contains(t, out, count(bal.ObjectTypeBuilding))
			assert.Contains(t, out, "SWEREF99 17 15")
			assert.Contains(t, out, "3D Multi Polygon")
			assert.Contains(t, info(gp, "lagenhet"), count(bal.ObjectTypeApartment))

			tests := []struct {
				name, srs, file string
				opts            *ExportOptions
			}{
				{"rfc 7946", `ID["EPSG",4326]]`, "byggnad-4326.geojson", nil},
				{"grid, crs member", "SWEREF99 17 15", "byggnad-3014.geojson", &ExportOptions{SRID: testSRID}},
				{"sweref 99 tm", "SWEREF99 TM", "byggnad-3006.geojson", &ExportOptions{SRID: 3006}},
			}
			for _, tt := range tests {
				var buf bytes.Buffer
				n, err := m.ExportGeoJSON(t.Context(), &buf, bal.ObjectTypeBuilding, tt.opts)
				require.NoError(t, err, tt.name)
				assert.Equal(t, st.Counts[bal.ObjectTypeBuilding], n)
				p := filepath.Join(dir, tt.file)
				require.NoError(t, os.WriteFile(p, buf.Bytes(), 0o600))
				out := info("-al", p)
				assert.Contains(t, out, count(bal.ObjectTypeBuilding), tt.name)
				assert.Contains(t, out, tt.srs, tt.name)

				var fc struct {
					Features []struct {
						Geometry   struct{ Coordinates [][][][]float64 }
						Properties map[string]json.RawMessage
					}
				}
				require.NoError(t, json.Unmarshal(buf.Bytes(), &fc))
				f := fc.Features[0]
				for _, k := range []string{"objektidentitet", "objektversion", "husnummer", "andamal", "attribut"} {
					assert.Contains(t, f.Properties, k, tt.name)
				}
				decimals := 3
				if tt.opts == nil {
					decimals = 8
				}
				for _, c := range f.Geometry.Coordinates[0][0][0][:2] {
					s := strconv.FormatFloat(c, 'f', -1, 64)
					if i := bytes.IndexByte([]byte(s), '.'); i >= 0 {
						assert.LessOrEqual(t, len(s)-i-1, decimals, "%s: %s", tt.name, s)
					}
				}
			}
		})
	}
}
