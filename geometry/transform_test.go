package geometry

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
)

// TestTransformAllTypes: zone → TM → zone returns the input within 1 µm for every type and
// layout; Z and M pass through bit for bit; layout and type are kept; SRIDs are set, members
// included; the input is untouched.
func TestTransformAllTypes(t *testing.T) {
	t.Parallel()
	for _, layout := range []geom.Layout{geom.XY, geom.XYZ, geom.XYM, geom.XYZM} {
		for name, g := range fixtures(geom.XY, SWEREF99_1800) {
			g := widen(t, g, layout)
			t.Run(layout.String()+"/"+name, func(t *testing.T) {
				t.Parallel()
				before := shapeOf(g)
				tm, err := Transform(g, SWEREF99TM)
				require.NoError(t, err)
				assert.Equal(t, before, shapeOf(g), "input untouched")
				assert.Equal(t, SWEREF99TM, tm.SRID())
				assert.Equal(t, g.Layout(), tm.Layout())
				if gc, ok := tm.(*geom.GeometryCollection); ok {
					for _, m := range gc.Geoms() {
						assert.Equal(t, SWEREF99TM, m.SRID())
					}
				}
				// Grid coordinates moved (TM easting ≈ 500 000 − 3·10⁵ here), extra ordinates did not.
				flatIn, flatOut := flatOf(g), flatOf(tm)
				s := layout.Stride()
				for i := 0; i < len(flatIn); i += s {
					assert.Greater(t, math.Abs(flatOut[i]-flatIn[i]), 1000.0)
					for k := 2; k < s; k++ {
						assert.Equal(t, flatIn[i+k], flatOut[i+k])
					}
				}
				back, err := Transform(tm, SWEREF99_1800)
				require.NoError(t, err)
				assertGeomEqual(t, g, back, 1e-6)
			})
		}
	}
}

// widen converts an XY fixture to the given layout with distinctive extra ordinates.
func widen(t *testing.T, g geom.T, layout geom.Layout) geom.T {
	t.Helper()
	if layout == geom.XY {
		return g
	}
	extra := layout.Stride() - 2
	var out geom.T
	switch g := g.(type) {
	case *geom.GeometryCollection:
		gc := geom.NewGeometryCollection()
		for _, m := range g.Geoms() {
			require.NoError(t, gc.Push(widen(t, m, layout)))
		}
		return gc.SetSRID(g.SRID())
	default:
		var err error
		out, err = mapCoords(g, func([]float64, int) {})
		require.NoError(t, err)
	}
	flat := g.FlatCoords()
	wide := make([]float64, 0, len(flat)/2*layout.Stride())
	for i := 0; i < len(flat); i += 2 {
		wide = append(wide, flat[i], flat[i+1])
		for k := range extra {
			wide = append(wide, float64(i)+0.5+float64(k)*100)
		}
	}
	scale := func(ends []int) []int {
		o := make([]int, len(ends))
		for i, e := range ends {
			o[i] = e / 2 * layout.Stride()
		}
		return o
	}
	switch g := out.(type) {
	case *geom.Point:
		return geom.NewPointFlat(layout, wide).SetSRID(g.SRID())
	case *geom.LineString:
		return geom.NewLineStringFlat(layout, wide).SetSRID(g.SRID())
	case *geom.Polygon:
		return geom.NewPolygonFlat(layout, wide, scale(g.Ends())).SetSRID(g.SRID())
	case *geom.MultiPoint:
		return geom.NewMultiPointFlat(layout, wide).SetSRID(g.SRID())
	case *geom.MultiLineString:
		return geom.NewMultiLineStringFlat(layout, wide, scale(g.Ends())).SetSRID(g.SRID())
	case *geom.MultiPolygon:
		endss := make([][]int, len(g.Endss()))
		for i, e := range g.Endss() {
			endss[i] = scale(e)
		}
		return geom.NewMultiPolygonFlat(layout, wide, endss).SetSRID(g.SRID())
	}
	t.Fatalf("widen: %T", g)
	return nil
}

func flatOf(g geom.T) []float64 {
	if gc, ok := g.(*geom.GeometryCollection); ok {
		var out []float64
		for _, m := range gc.Geoms() {
			out = append(out, flatOf(m)...)
		}
		return out
	}
	return g.FlatCoords()
}

func TestTransformLinearRingAndEmpty(t *testing.T) {
	t.Parallel()
	lr := geom.NewLinearRingFlat(geom.XY, square(e0, n0, 10, true)).SetSRID(SWEREF99_1800)
	out, err := Transform(lr, SWEREF99TM)
	require.NoError(t, err)
	assert.IsType(t, &geom.LinearRing{}, out)
	empty := geom.NewPointEmpty(geom.XY).SetSRID(SWEREF99_1800)
	out, err = Transform(empty, SWEREF99TM)
	require.NoError(t, err)
	assert.True(t, out.Empty())
	gc := geom.NewGeometryCollection().SetSRID(SWEREF99_1800)
	out, err = Transform(gc, SWEREF99TM_RH2000)
	require.NoError(t, err, "an empty collection may be labelled compound")
	assert.Equal(t, SWEREF99TM_RH2000, out.SRID())
}

func TestTransformCompoundRule(t *testing.T) {
	t.Parallel()
	p3 := geom.NewPointFlat(geom.XYZ, []float64{e0, n0, 25.5}).SetSRID(SWEREF99_1800_RH2000)
	p2 := geom.NewPointFlat(geom.XY, []float64{e0, n0}).SetSRID(SWEREF99_1800)

	// Compound → compound: horizontal converted, height kept.
	tm3, err := Transform(p3, SWEREF99TM_RH2000)
	require.NoError(t, err)
	assert.Equal(t, SWEREF99TM_RH2000, tm3.SRID())
	assert.Equal(t, 25.5, tm3.FlatCoords()[2])

	// Compound → 2D code: Z kept, the code is what was asked for.
	tm2, err := Transform(p3, SWEREF99TM)
	require.NoError(t, err)
	assert.Equal(t, SWEREF99TM, tm2.SRID())
	assert.Equal(t, geom.XYZ, tm2.Layout())
	assert.Equal(t, tm3.FlatCoords(), tm2.FlatCoords())

	// Relabelling between a compound code and its own horizontal code changes nothing else.
	same, err := Transform(p3, SWEREF99_1800)
	require.NoError(t, err)
	assert.Equal(t, p3.FlatCoords(), same.FlatCoords())

	// A compound target needs Z.
	_, err = Transform(p2, SWEREF99TM_RH2000)
	assert.ErrorIs(t, err, ErrUnsupportedGeometry)
}

func TestTransformErrors(t *testing.T) {
	t.Parallel()
	_, err := Transform(nil, SWEREF99TM)
	assert.ErrorIs(t, err, ErrUnsupportedGeometry)
	_, err = Transform(geom.NewPointFlat(geom.XY, []float64{1, 2}), SWEREF99TM)
	assert.ErrorIs(t, err, ErrUnknownCRS, "srid 0")
	_, err = Transform(geom.NewPointFlat(geom.XY, []float64{1, 2}).SetSRID(3006), 4326)
	assert.ErrorIs(t, err, ErrUnknownCRS)
	_, _, err = TransformXY(3021, 3006, 1, 2)
	assert.ErrorIs(t, err, ErrUnknownCRS)
	_, _, err = TransformXY(3006, 1, 1, 2)
	assert.ErrorIs(t, err, ErrUnknownCRS)
}

// TestTransformGridToGrid checks local zone ↔ TM against the control tables: the 59°N point at
// CM − 0.75° is the same point in every zone (geodesy.md §3.2), so zone → TM must give the TM
// projection of that lat/lon.
func TestTransformGridToGrid(t *testing.T) {
	t.Parallel()
	tm, err := Lookup(SWEREF99TM)
	require.NoError(t, err)
	for _, cp := range controlPoints {
		if cp.code == SWEREF99TM || cp.code == RT90_25gonV {
			continue
		}
		wantN, wantE := tm.Projection.Forward(cp.lat, cp.lon)
		x, y, err := TransformXY(cp.code, SWEREF99TM, cp.e, cp.n)
		require.NoError(t, err)
		// The published grid values are rounded to 0.5 mm, and TM's scale is ~1.
		assert.InDelta(t, wantE, x, 0.0011, cp.name)
		assert.InDelta(t, wantN, y, 0.0011, cp.name)
		lon, lat, err := TransformXY(cp.code, SWEREF99Geographic, cp.e, cp.n)
		require.NoError(t, err)
		assert.InDelta(t, cp.lat, lat, inverseTol, cp.name)
		assert.InDelta(t, cp.lon, lon, inverseTol, cp.name)
	}
}

func TestRoundCoordinates(t *testing.T) {
	t.Parallel()
	p := geom.NewLineStringFlat(geom.XYZM, []float64{147350.12349, 6585220.50051, 12.3456, 7.77777, 1.0005, 2.9994, 3, 4}).SetSRID(3011)
	r := RoundCoordinates(p, 3)
	assert.Equal(t, []float64{147350.123, 6585220.501, 12.346, 7.77777, 1.001, 2.999, 3, 4}, r.FlatCoords())
	assert.Equal(t, 3011, r.SRID())
	assert.Equal(t, 147350.12349, p.FlatCoords()[0], "input untouched")
	assert.Nil(t, RoundCoordinates(nil, 3))
}
