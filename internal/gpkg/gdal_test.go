package gpkg

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// testdata/gdal/mixed.geojson is written by hand: one feature of every geometry type, 2D and
// 3D, with typed properties. testdata/gdal/mixed-gdal-3.6.2.gpkg is what GDAL 3.6.2 made of it:
//
//	ogr2ogr -f GPKG mixed-gdal-3.6.2.gpkg mixed.geojson
//
// wantMixed is what the GeoJSON says, so both the committed file and a fresh ogr2ogr run are
// checked against the source, not against this package's output.
func wantMixed() []Feature {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tm := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	gc := geom.NewGeometryCollection()
	_ = gc.Push(geom.NewPointFlat(geom.XY, []float64{500000, 6500000}), geom.NewLineStringFlat(geom.XY, []float64{500000, 6500000, 500001, 6500001}))
	common := []any{day(2024, 1, 2), tm("2024-01-02T03:04:05Z")}
	row := func(id int64, g geom.T, name string, n int64, share any, ok any, rest []any) Feature {
		return Feature{ID: id, Geometry: g, Values: append([]any{name, n, share, ok}, rest...)}
	}
	return []Feature{
		row(1, geom.NewPointFlat(geom.XY, []float64{500000.125, 6500000.25}), "punkt", 1, 0.5, true, []any{day(2024, 1, 2), tm("2024-01-02T03:04:05.678Z")}),
		row(2, geom.NewPointFlat(geom.XYZ, []float64{500001, 6500001, 12.75}), "punkt z", 2, 1.5, false, []any{day(2024, 2, 29), tm("2024-02-29T23:59:59Z")}),
		row(3, geom.NewLineStringFlat(geom.XY, []float64{500000, 6500000, 500010, 6500010, 500020, 6500000}), "linje", 3, -2.25, true, []any{nil, nil}),
		row(4, geom.NewLineStringFlat(geom.XYZ, []float64{500000, 6500000, 1, 500010, 6500010, 2}), "linje z", 4, 0.0, false, []any{day(1999, 12, 31), tm("1999-12-31T00:00:00Z")}),
		row(5, geom.NewPolygonFlat(geom.XY, []float64{500000, 6500000, 500100, 6500000, 500100, 6500100, 500000, 6500100, 500000, 6500000, 500010, 6500010, 500010, 6500020, 500020, 6500020, 500020, 6500010, 500010, 6500010}, []int{10, 20}), "yta med hål", 5, 3.125, true, common),
		row(6, geom.NewPolygonFlat(geom.XYZ, []float64{500000, 6500000, 10, 500010, 6500000, 10.5, 500010, 6500010, 11, 500000, 6500000, 10}, []int{12}), "yta z", 6, 6.5, true, common),
		row(7, geom.NewMultiPointFlat(geom.XY, []float64{500000, 6500000, 500005, 6500005}), "multipunkt", 7, 7.0, false, common),
		row(8, geom.NewMultiLineStringFlat(geom.XYZ, []float64{500000, 6500000, 1, 500001, 6500001, 2, 500002, 6500002, 3, 500003, 6500003, 4}, []int{6, 12}), "multilinje z", 8, 8.0, true, common),
		row(9, geom.NewMultiPolygonFlat(geom.XY, []float64{500000, 6500000, 500001, 6500000, 500001, 6500001, 500000, 6500000, 500010, 6500000, 500011, 6500000, 500011, 6500001, 500010, 6500000}, [][]int{{8}, {16}}), "multiyta", 9, 9.0, false, common),
		row(10, gc, "samling", 10, 10.0, true, common),
		row(11, nil, "utan geometri", 11, nil, nil, []any{nil, nil}),
	}
}

func checkMixed(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, path, &OpenOptions{ReadOnly: true})
	require.NoError(t, err)
	defer func() { _ = db.Close() }()
	tb, err := db.Table(ctx, "mixed")
	require.NoError(t, err)
	assert.Equal(t, &GeometryColumn{Name: "geom", Type: Geometry, SRS: 3006, Z: Optional}, tb.Geometry())
	assert.True(t, tb.HasSpatialIndex())
	assert.Equal(t, []Column{{Name: "namn", Type: Text}, {Name: "nummer", Type: Integer}, {Name: "andel", Type: Real}, {Name: "giltig", Type: Boolean}, {Name: "datum", Type: Date}, {Name: "tid", Type: DateTime}}, tb.Columns())
	got := collect(t, tb.Features(ctx, nil))
	want := wantMixed()
	require.Len(t, got, len(want))
	for i, w := range want {
		g := got[i]
		assert.Equal(t, w.ID, g.ID)
		assert.Equal(t, w.Values[:4], g.Values[:4], "row %d", w.ID)
		for j := 4; j < 6; j++ {
			if w.Values[j] == nil {
				assert.Nil(t, g.Values[j], "row %d", w.ID)
				continue
			}
			wt, gt := w.Values[j].(time.Time), g.Values[j].(time.Time)
			assert.True(t, wt.Equal(gt), "row %d: %v, want %v", w.ID, gt, wt)
		}
		if w.Geometry == nil {
			assert.Nil(t, g.Geometry)
			continue
		}
		assert.Equal(t, 3006, g.Geometry.SRID())
		assertSameGeometry(t, w.Geometry, g.Geometry)
	}
	// The spatial filter goes through GDAL's R-tree.
	var ids []int64
	for f, err := range tb.Features(ctx, &ReadOptions{BBox: &Envelope{MinX: 500009, MaxX: 500012, MinY: 6500000, MaxY: 6500000.5}}) {
		require.NoError(t, err)
		ids = append(ids, f.ID)
	}
	assert.Equal(t, []int64{3, 4, 5, 6, 9}, ids)
}

func TestReadCommittedGDALGeoPackage(t *testing.T) {
	t.Parallel()
	checkMixed(t, filepath.Join("testdata", "gdal", "mixed-gdal-3.6.2.gpkg"))
}

// A GeoPackage that the installed ogr2ogr writes from the hand-written GeoJSON reads back as
// the GeoJSON says; then this package updates it, and GDAL's triggers keep the index right.
func TestReadWhatOGR2OGRWrites(t *testing.T) {
	t.Parallel()
	ogr2ogr := filepath.Join(filepath.Dir(testenv.OGRInfo(t)), "ogr2ogr")
	path := filepath.Join(t.TempDir(), "mixed.gpkg")
	out, err := exec.Command(ogr2ogr, "-f", "GPKG", path, filepath.Join("testdata", "gdal", "mixed.geojson")).CombinedOutput()
	require.NoError(t, err, "ogr2ogr: %s", out)
	checkMixed(t, path)

	ctx := context.Background()
	db, err := Open(ctx, path, nil)
	require.NoError(t, err)
	defer func() { _ = db.Close() }()
	tb, err := db.Table(ctx, "mixed")
	require.NoError(t, err)
	assert.Equal(t, "fid", tb.Key())
	tx, err := db.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback() }()
	_, err = tx.Upsert(ctx, tb, Feature{ID: 5, Geometry: square(600000, 6600000, 1), Values: []any{"flyttad", 5, 1.0, true, nil, nil}})
	require.NoError(t, err)
	_, err = tx.Delete(ctx, tb, int64(6))
	require.NoError(t, err)
	id, err := tx.Insert(ctx, tb, Feature{Geometry: square(1, 1, 1), Values: []any{"ny", 12, nil, nil, nil, nil}})
	require.NoError(t, err)
	assert.EqualValues(t, 12, id)
	require.NoError(t, tx.Commit())
	assertIndexed(t, tb)
}

// The committed GDAL file is not changed by the read test (it is opened read-only); this
// guards against a test that writes to it by mistake.
func TestCommittedGDALGeoPackageIsPristine(t *testing.T) {
	t.Parallel()
	f, err := os.Open(filepath.Join("testdata", "gdal", "mixed-gdal-3.6.2.gpkg"))
	require.NoError(t, err)
	defer func() { _ = f.Close() }()
	head := make([]byte, 100)
	_, err = io.ReadFull(f, head)
	require.NoError(t, err)
	assert.Equal(t, "SQLite format 3\x00", string(head[:16]))
	assert.Equal(t, []byte{0, 0, 0x27, 0xd8}, head[60:64], "user_version 10200, as GDAL 3.6.2 wrote it")
}
