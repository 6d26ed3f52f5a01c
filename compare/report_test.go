package compare_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/compare"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/gpkg"
	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// reportCase is a small comparison with every class: 1 equal, 2 different (an attribute; a
// move and dropped heights), one only at Lantmäteriet, one only local (in a local zone),
// and one local feature that cannot be read.
func reportCase(t *testing.T) (local, lm []compare.Feature) {
	t.Helper()
	zone, err := geometry.Transform(rect(100, 0, noZ), geometry.SWEREF99_1630)
	require.NoError(t, err)
	local = []compare.Feature{
		bldg(1, rect(0, 0, 20), map[string]string{"husnummer": "1"}),
		bldg(2, rect(20, 0, 20), map[string]string{"husnummer": "3"}),
		bldg(3, rect(40.3, 0, noZ), map[string]string{"husnummer": "1"}),
		bldg(5, zone, map[string]string{"husnummer": "1"}),
		{Type: bal.ObjectTypeBuilding, Ref: "fid 9"},
	}
	local[3].Ref = "fid 5"
	lm = []compare.Feature{
		bldg(1, rect(0, 0, 20), map[string]string{"husnummer": "1"}),
		bldg(2, rect(20, 0, 20), map[string]string{"husnummer": "2"}),
		bldg(3, rect(40, 0, 20), map[string]string{"husnummer": "1"}),
		bldg(4, rect(60, 0, 20), map[string]string{"husnummer": "1"}),
	}
	return local, lm
}

func TestReport(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	local, lm := reportCase(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "jamforelse.gpkg")
	var csvOut bytes.Buffer
	sum, err := compare.WriteReport(ctx, compare.Compare(ctx, seq(local...), seq(lm...), &compare.Options{TempDir: dir}),
		&compare.ReportOptions{CSV: &csvOut, GeoPackage: path})
	require.NoError(t, err)

	assert.Equal(t, int64(5), sum.Objects)
	assert.Equal(t, map[compare.Class]int64{compare.Equal: 1, compare.Different: 2, compare.OnlyLantmateriet: 1, compare.OnlyLocal: 1}, sum.Classes)
	assert.Equal(t, map[compare.Flag]int64{compare.FlagAttributes: 1, compare.FlagGeometry: 1, compare.FlagHeightsMissing: 1}, sum.Flags)
	assert.Equal(t, map[string]int64{"husnummer": 1}, sum.Attributes)
	assert.Equal(t, int64(1), sum.InputErrors)
	require.Len(t, sum.Errors, 1)
	assert.Contains(t, sum.Errors[0], "fid 9")
	assert.InDelta(t, 0.3, sum.MaxHausdorff, 1e-9)

	var text bytes.Buffer
	require.NoError(t, sum.WriteText(&text))
	assert.Equal(t, `5 objects compared
  equal                        1
  different                    2
    attributes                 1
      husnummer                1
    geometry                   1
    heights_missing            1
  only_local                   1
  only_lantmateriet            1
largest geometry distance 0.3000 m
1 features could not be read and were left out
  compare: local feature fid 9: neither objektidentitet nor matching key
`, text.String())

	rows, err := csv.NewReader(&csvOut).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 6)
	assert.Equal(t, compare.CSVHeader, rows[0])
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		byID[r[1]] = r
	}
	assert.Equal(t, []string{"Byggnad", id(2).String(), "", "different", "attributes", "id", "husnummer", "husnummer: 3 ≠ 2", "0.0000", "0.0000", "0.0000", ""}, byID[id(2).String()])
	assert.Equal(t, []string{"Byggnad", id(3).String(), "", "different", "geometry+heights_missing", "id", "", "", "0.3000", "0.0000", "", ""}, byID[id(3).String()])
	assert.Equal(t, []string{"Byggnad", id(4).String(), "", "only_lantmateriet", "", "", "", "", "", "", "", ""}, byID[id(4).String()])
	assert.Equal(t, []string{"Byggnad", id(5).String(), "", "only_local", "", "", "", "", "", "", "", "fid 5"}, byID[id(5).String()])

	// The GeoPackage: a layer per class and the municipality's outlines of the different
	// ones, in SWEREF 99 TM + RH 2000; the local-zone feature transformed into it.
	db, err := gpkg.Open(ctx, path, &gpkg.OpenOptions{ReadOnly: true})
	require.NoError(t, err)
	defer db.Close()
	want := map[string]int{"equal": 1, "different": 2, "only_local": 1, "only_lantmateriet": 1, "different_local": 2}
	for name, n := range want {
		tab, err := db.Table(ctx, name)
		require.NoError(t, err, name)
		assert.Equal(t, geometry.SWEREF99TM_RH2000, tab.Geometry().SRS, name)
		count, err := tab.Count(ctx)
		require.NoError(t, err)
		assert.Equal(t, int64(n), count, name)
	}
	tab, err := db.Table(ctx, "only_local")
	require.NoError(t, err)
	for f, err := range tab.Features(ctx, nil) {
		require.NoError(t, err)
		flat := f.Geometry.FlatCoords()
		assert.InDelta(t, e0+100, flat[0], 0.001, "transformed back to SWEREF 99 TM")
		assert.InDelta(t, n0, flat[1], 0.001)
	}
	tab, err = db.Table(ctx, "different_local")
	require.NoError(t, err)
	layouts := map[geom.Layout]int{}
	for f, err := range tab.Features(ctx, nil) {
		require.NoError(t, err)
		layouts[f.Geometry.Layout()]++
	}
	assert.Equal(t, map[geom.Layout]int{geom.XY: 1, geom.XYZ: 1}, layouts, "heights kept where they are, never invented")

	t.Run("ogrinfo", func(t *testing.T) {
		t.Parallel()
		layers := testenv.OGRLayers(t, path)
		require.Len(t, layers, len(want))
		for name, n := range want {
			assert.Equal(t, testenv.OGRLayer{Geometry: "Unknown (any)", Count: n, EPSG: geometry.SWEREF99TM_RH2000}, layers[name], name)
		}
	})
}

func TestReportRefusesAnExistingFileAndCountsWithoutOutputs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a.gpkg")
	r, err := compare.NewReport(ctx, &compare.ReportOptions{GeoPackage: path})
	require.NoError(t, err)
	require.NoError(t, r.Close())
	_, err = compare.NewReport(ctx, &compare.ReportOptions{GeoPackage: path})
	assert.ErrorIs(t, err, gpkg.ErrExists)

	local, lm := reportCase(t)
	sum, err := compare.WriteReport(ctx, compare.Compare(ctx, seq(local...), seq(lm...), &compare.Options{TempDir: t.TempDir()}), nil)
	require.NoError(t, err)
	assert.Equal(t, int64(5), sum.Objects)
}

// Objects without geometry (entrances, say) before the first geometry: the layers get their
// CRS from the first geometry and the held rows are written then.
func TestReportHoldsRowsUntilACRSIsKnown(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.gpkg")
	lm := []compare.Feature{
		{Type: bal.ObjectTypeEntrance, ID: id(10), Attributes: map[string]string{"entretyp": "Bostadsadress"}},
		bldg(1, geom.NewPolygonFlat(geom.XY, []float64{150000, 6580000, 150010, 6580000, 150010, 6580008, 150000, 6580000}, []int{8}).SetSRID(3011), nil),
	}
	sum, err := compare.WriteReport(ctx, compare.Compare(ctx, seq(), seq(lm...), &compare.Options{TempDir: t.TempDir()}), &compare.ReportOptions{GeoPackage: path})
	require.NoError(t, err)
	assert.Equal(t, int64(2), sum.Classes[compare.OnlyLantmateriet])
	db, err := gpkg.Open(ctx, path, &gpkg.OpenOptions{ReadOnly: true})
	require.NoError(t, err)
	defer db.Close()
	tab, err := db.Table(ctx, "only_lantmateriet")
	require.NoError(t, err)
	assert.Equal(t, geometry.SWEREF99_1800_RH2000, tab.Geometry().SRS)
	n, err := tab.Count(ctx)
	require.NoError(t, err)
	assert.Equal(t, int64(2), n)
}
