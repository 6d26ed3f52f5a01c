package gpkg

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// writeSampleGeoPackage writes the layers the GDAL tests look at: polygons in SWEREF 99 TM,
// points in WGS 84, a mixed 2D/3D layer in SWEREF 99 TM + RH 2000, 3D multipoints in a local
// zone, every other CRS the package knows, and an attribute table.
func writeSampleGeoPackage(t *testing.T, v Version) (string, map[string]testenv.OGRLayer) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sample.gpkg")
	db, err := Create(ctx, path, &Options{Version: v})
	require.NoError(t, err)
	defer func() { require.NoError(t, db.Close()) }()
	want := map[string]testenv.OGRLayer{}
	cols := []Column{{Name: "namn", Type: Text}, {Name: "antal", Type: Integer}, {Name: "yta", Type: Real}, {Name: "giltig", Type: Boolean}, {Name: "dag", Type: Date}, {Name: "tid", Type: DateTime}}
	vals := func(i int) []any {
		return []any{fmt.Sprintf("Åmål %d", i), i, float64(i) / 4, i%2 == 0, time.Date(2024, 1, 1+i%28, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 2, 3, 4, 5, 6_000_000, time.UTC)}
	}
	mk := func(name string, gc *GeometryColumn, geoms []geom.T, wantGeom string, epsg int) {
		var fs []Feature
		for i, g := range geoms {
			fs = append(fs, Feature{Geometry: g, Values: vals(i)})
		}
		tb, err := db.CreateTable(ctx, TableSpec{Name: name, Geometry: gc, Columns: cols})
		require.NoError(t, err)
		_, err = tb.Append(ctx, features(fs...))
		require.NoError(t, err)
		want[name] = testenv.OGRLayer{Geometry: wantGeom, Count: len(fs), EPSG: epsg}
	}
	var polys, polysZ []geom.T
	for i := range 7 {
		x := 500000 + float64(i)*20
		polys = append(polys, square(x, 6500000, 10))
		polysZ = append(polysZ, geom.NewPolygonFlat(geom.XYZ, []float64{x, 6500100, 10, x + 10, 6500100, 11, x + 10, 6500110, 12, x, 6500100, 10}, []int{12}))
	}
	mk("byggnad", &GeometryColumn{Type: Polygon, SRS: 3006}, polys, "Polygon", 3006)
	mk("adress", &GeometryColumn{Type: Point, SRS: 4326}, []geom.T{geom.NewPointFlat(geom.XY, []float64{12.25, 59.0}), geom.NewPointFlat(geom.XY, []float64{18.07, 59.33})}, "Point", 4326)
	// Heights kept where present and never invented: 3 of 7 footprints are 3D.
	mixed := append(append([]geom.T{}, polys[:4]...), polysZ[:3]...)
	mk("blandat", &GeometryColumn{Type: Polygon, SRS: 5845, Z: Optional}, mixed, "3D Polygon", 5845)
	mk("punkter_z", &GeometryColumn{Type: MultiPoint, SRS: 3011, Z: Mandatory}, []geom.T{geom.NewMultiPointFlat(geom.XYZ, []float64{150000, 6580000, 12, 150010, 6580010, 13})}, "3D Multi Point", 3011)
	for _, code := range SRSCodes() {
		if code == 3006 || code == 4326 || code == 3011 || code == 5845 || v != Version14 {
			continue // every other CRS once is enough
		}
		layout, stride := geom.XY, 2
		gz := Prohibited
		wantGeom := "Point"
		if code >= 5845 {
			layout, stride, gz, wantGeom = geom.XYZ, 3, Mandatory, "3D Point"
		}
		c := make([]float64, stride)
		c[0], c[1] = 150000, 6600000
		if code == 4619 {
			c[0], c[1] = 15, 60
		}
		mk(fmt.Sprintf("srs_%d", code), &GeometryColumn{Type: Point, SRS: code, Z: gz}, []geom.T{geom.NewPointFlat(layout, c)}, wantGeom, code)
	}
	at, err := db.CreateTable(ctx, TableSpec{Name: "kontrollpunkt", Columns: []Column{{Name: "position", Type: Text}, {Name: "skriven", Type: DateTime}}, Key: "position"})
	require.NoError(t, err)
	_, err = at.Append(ctx, features(Feature{Values: []any{"feed:42", time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)}}))
	require.NoError(t, err)
	want["kontrollpunkt"] = testenv.OGRLayer{Geometry: "None", Count: 1}
	return path, want
}

// GDAL opens what this package writes: every layer with its SRS (EPSG code), feature count
// and geometry type, the spatial index in use, mixed 2D/3D heights kept, and (for 1.3, which
// GDAL 3.6's validator knows) the whole file conformant.
func TestOGRInfoReadsWhatWeWrite(t *testing.T) {
	t.Parallel()
	testenv.OGRInfo(t) // skip (or, under CI, fail) before writing anything
	for _, v := range []Version{Version14, Version13} {
		t.Run(v.String(), func(t *testing.T) {
			t.Parallel()
			path, want := writeSampleGeoPackage(t, v)
			assert.Equal(t, want, testenv.OGRLayers(t, path))

			// One query asks GDAL about every feature layer's spatial index.
			var calls []string
			for name, l := range want {
				if l.Geometry != "None" {
					calls = append(calls, fmt.Sprintf("HasSpatialIndex('%s','geom') AS \"%s\"", name, name))
				}
			}
			out, _ := testenv.RunOGRInfo(t, path, "-dialect", "SQLite", "-sql", "SELECT "+strings.Join(calls, ", "))
			for name, l := range want {
				if l.Geometry != "None" {
					assert.Contains(t, out, fmt.Sprintf("  %s (Integer) = 1\n", name), "spatial index of %s", name)
				}
			}
			// GDAL uses the index for a spatial filter: the R-tree query shows in its debug log.
			spat, dbg := testenv.RunOGRInfo(t, "--debug", "on", "-al", "-spat", "500015", "6499990", "500045", "6500020", path, "byggnad")
			assert.Contains(t, dbg, "rtree_byggnad_geom", "GDAL queries the R-tree")
			assert.Equal(t, 2, strings.Count(spat, "OGRFeature(byggnad)"), "the squares at 500020 and 500040")

			// The mixed layer: 2D rows stay 2D, 3D rows keep their heights.
			full, _ := testenv.RunOGRInfo(t, "-al", "-q", path, "blandat")
			assert.Equal(t, 3, strings.Count(full, "POLYGON Z (("), full)
			assert.Equal(t, 4, strings.Count(full, "POLYGON (("), full)
			assert.Contains(t, full, "POLYGON Z ((500000 6500100 10,500010 6500100 11,500010 6500110 12,500000 6500100 10))")
			// Attribute values as GDAL reads them.
			assert.Contains(t, full, "namn (String) = Åmål 1")
			assert.Contains(t, full, "giltig (Integer(Boolean)) = 1")
			assert.Contains(t, full, "dag (Date) = 2024/01/02")
			assert.Contains(t, full, "tid (DateTime) = 2024/01/02 03:04:05.006+00")

			if v == Version13 {
				validate(t, path)
			}
		})
	}
}

// validate runs GDAL's GeoPackage validator (validate_gpkg.py of python3-gdal) when it is
// installed. It knows GeoPackage up to 1.3 in GDAL 3.6, so only 1.3 files go through it.
func validate(t *testing.T, path string) {
	t.Helper()
	script := "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"
	if _, err := os.Stat(script); err != nil {
		t.Logf("GDAL's validate_gpkg.py is not installed; not validating")
		return
	}
	py, err := exec.LookPath("/usr/bin/python3")
	if err != nil {
		t.Logf("no /usr/bin/python3; not validating")
		return
	}
	out, err := exec.Command(py, script, path).CombinedOutput()
	if err != nil && strings.Contains(string(out), "No module named") {
		t.Logf("python3-gdal is not importable; not validating: %s", out)
		return
	}
	require.NoError(t, err, "validate_gpkg.py: %s", out)
}
