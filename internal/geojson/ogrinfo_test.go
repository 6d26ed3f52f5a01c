package geojson

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// GDAL opens what the writer writes, with the right SRS and feature count, in a grid CRS with
// the crs member, in a compound CRS, and as RFC 7946 lon/lat.
func TestOGRInfoReadsWhatWeWrite(t *testing.T) {
	t.Parallel()
	testenv.OGRInfo(t) // skip (or, under CI, fail) before writing anything
	tests := []struct {
		name     string
		opts     WriterOptions
		wantEPSG int
		wantGeom string
	}{
		{"grid", WriterOptions{CRS: geometry.SWEREF99_1800}, 3011, "3D Polygon"},
		{"compound", WriterOptions{CRS: geometry.SWEREF99TM_RH2000}, 5845, "3D Polygon"},
		{"lon/lat, heights dropped", WriterOptions{LonLatHeights: HeightsDropped}, 4326, "Polygon"},
		// GDAL reads an RFC 7946 file with heights as WGS 84 3D: which is why RH 2000
		// heights there must be asked for.
		{"lon/lat, rh 2000 heights", WriterOptions{LonLatHeights: HeightsRH2000}, 4979, "3D Polygon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "byggnad.geojson")
			f, err := os.Create(path)
			require.NoError(t, err)
			var fs []Feature
			for i := range 25 {
				g := footprint()
				if i%5 == 0 {
					g = footprint3D()
				}
				fs = append(fs, Feature{ID: int64(i), Geometry: g, Properties: []Property{{Name: "namn", Value: "Hus"}, {Name: "nr", Value: i}, {Name: "andrad", Value: changed}}})
			}
			opts := tt.opts
			opts.Name = "byggnad"
			n, err := WriteAll(f, seqOf(fs...), &opts)
			require.NoError(t, err)
			require.NoError(t, f.Close())
			assert.EqualValues(t, 25, n)

			out, stderr := testenv.RunOGRInfo(t, "-ro", "-so", "-al", path)
			assert.NotContains(t, stderr, "ERROR")
			assert.Equal(t, map[string]testenv.OGRLayer{"byggnad": {Geometry: tt.wantGeom, Count: 25, EPSG: tt.wantEPSG}}, testenv.ParseOGRInfo(out))
			assert.Contains(t, out, "\nandrad: DateTime", "GDAL reads the RFC 3339 strings as date-times")
			assert.Contains(t, out, "\nnr: Integer")
		})
	}
}
