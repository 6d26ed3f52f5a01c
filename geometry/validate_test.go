package geometry

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
)

func poly(srid int, rings ...[]float64) *geom.Polygon {
	var flat []float64
	var ends []int
	for _, r := range rings {
		flat = append(flat, r...)
		ends = append(ends, len(flat))
	}
	return geom.NewPolygonFlat(geom.XY, flat, ends).SetSRID(srid)
}

// ring builds a ring from (east, north) offsets relative to the Sundbyberg fixture origin.
func ring(offsets ...float64) []float64 {
	out := make([]float64, len(offsets))
	for i, v := range offsets {
		if i%2 == 0 {
			out[i] = e0 + v
		} else {
			out[i] = n0 + v
		}
	}
	return out
}

func problems(t *testing.T, err error) []Problem {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	require.ErrorIs(t, err, ErrInvalidGeometry)
	return ve.Problems
}

type pc struct{ Path, Code string }

func pathsAndCodes(ps []Problem) []pc {
	var out []pc
	for _, p := range ps {
		out = append(out, pc{p.Path, p.Code})
	}
	return out
}

func TestValidateFixturesAreValid(t *testing.T) {
	t.Parallel()
	for _, srid := range []int{SWEREF99_1800, SWEREF99_1800_RH2000} {
		layout := geom.XY
		if srid == SWEREF99_1800_RH2000 {
			layout = geom.XYZ
		}
		for name, g := range fixtures(layout, srid) {
			assert.NoError(t, Validate(g, &ValidateOptions{Orientation: true, RequireZ: layout == geom.XYZ}), name)
			tm, err := Transform(g, SWEREF99TM)
			require.NoError(t, err)
			assert.NoError(t, Validate(tm, &ValidateOptions{Orientation: true}), "tm %s", name)
			ll, err := Transform(g, SWEREF99Geographic)
			require.NoError(t, err)
			assert.NoError(t, Validate(ll, nil), "4619 %s", name)
		}
	}
}

func TestValidateProblems(t *testing.T) {
	t.Parallel()
	shell := ring(0, 0, 100, 0, 100, 100, 0, 100, 0, 0)
	tests := []struct {
		name string
		g    geom.T
		opts *ValidateOptions
		want []pc
	}{
		{"nil", nil, nil, []pc{{"", ProblemNilGeometry}}},
		{"no srid", poly(0, shell), nil, []pc{{"", ProblemUnknownSRID}}},
		{"unregistered srid", poly(3857, shell), nil, []pc{{"", ProblemUnknownSRID}}},
		{"any srid allowed", poly(3857, shell), &ValidateOptions{AllowAnySRID: true}, nil},
		{"registered but not allowed", poly(RT90_5gonO, ring(0, 0, 100, 0, 100, 100, 0, 0)), &ValidateOptions{SkipAreaOfUse: true}, []pc{{"", ProblemSRIDNotAllowed}}},
		{"explicit allow list", poly(SWEREF99_1800, shell), &ValidateOptions{AllowedSRIDs: []int{SWEREF99TM}}, []pc{{"", ProblemSRIDNotAllowed}}},
		{"empty", geom.NewPolygon(geom.XY).SetSRID(3011), nil, []pc{{"", ProblemEmpty}}},
		{"nan and inf", geom.NewLineStringFlat(geom.XY, []float64{e0, n0, math.NaN(), n0, e0, math.Inf(1)}).SetSRID(3011), nil,
			[]pc{{"vertex[1]", ProblemNaN}, {"vertex[2]", ProblemNaN}}},
		{"nan in z", geom.NewPointFlat(geom.XYZ, []float64{e0, n0, math.NaN()}).SetSRID(5850), nil, []pc{{"", ProblemNaN}}},
		{"compound without z", poly(SWEREF99_1800_RH2000, shell), nil, []pc{{"", ProblemMissingZ}}},
		{"require z", poly(SWEREF99_1800, shell), &ValidateOptions{RequireZ: true}, []pc{{"", ProblemMissingZ}}},
		{"too few points", geom.NewLineStringFlat(geom.XY, []float64{e0, n0, e0, n0}).SetSRID(3011), nil, []pc{{"", ProblemTooFewPoints}}},
		{"ring too short", poly(3011, ring(0, 0, 10, 0, 0, 0)), nil, []pc{{"ring[0]", ProblemRingTooShort}}},
		{"ring not closed", poly(3011, ring(0, 0, 100, 0, 100, 100, 0, 100)), nil, []pc{{"ring[0].vertex[3]", ProblemRingNotClosed}}},
		{"zero area", poly(3011, ring(0, 0, 50, 0, 100, 0, 0, 0)), nil, []pc{{"ring[0]", ProblemZeroArea}}},
		{"bow tie", poly(3011, ring(0, 0, 100, 100, 100, 0, 0, 100, 0, 0)), nil, []pc{{"ring[0].vertex[2]", ProblemSelfIntersection}}},
		{"spike", poly(3011, ring(0, 0, 100, 0, 100, 100, 100, 150, 100, 100, 0, 100, 0, 0)), nil, []pc{{"ring[0].vertex[4]", ProblemSelfIntersection}}},
		{"self touch", poly(3011, ring(0, 0, 100, 0, 50, 50, 100, 100, 0, 100, 50, 50, 0, 0)), nil, []pc{{"ring[0].vertex[4]", ProblemSelfIntersection}}},
		{"hole outside", poly(3011, shell, ring(200, 200, 200, 210, 210, 210, 210, 200, 200, 200)), nil, []pc{{"ring[1]", ProblemHoleOutsideShell}}},
		{"hole crosses shell", poly(3011, shell, ring(90, 10, 90, 20, 110, 20, 110, 10, 90, 10)), nil, []pc{{"ring[1].vertex[1]", ProblemRingIntersection}}},
		{"hole touches shell at a point", poly(3011, shell, ring(50, 0, 40, 10, 60, 10, 50, 0)), &ValidateOptions{Orientation: false}, nil},
		{"holes cross", poly(3011, shell, ring(10, 10, 10, 30, 30, 30, 30, 10, 10, 10), ring(20, 20, 20, 40, 40, 40, 40, 20, 20, 20)), nil, []pc{{"ring[2].vertex[0]", ProblemRingIntersection}}},
		{"nested holes", poly(3011, shell, ring(10, 10, 10, 80, 80, 80, 80, 10, 10, 10), ring(20, 20, 20, 30, 30, 30, 30, 20, 20, 20)), nil, []pc{{"ring[2]", ProblemNestedHoles}}},
		{"orientation", poly(3011, ring(0, 0, 0, 100, 100, 100, 100, 0, 0, 0), ring(10, 10, 20, 10, 20, 20, 10, 20, 10, 10)), &ValidateOptions{Orientation: true},
			[]pc{{"ring[0]", ProblemOrientation}, {"ring[1]", ProblemOrientation}}},
		{"orientation not asked", poly(3011, ring(0, 0, 0, 100, 100, 100, 100, 0, 0, 0)), nil, nil},
		{"outside area of use", geom.NewLineStringFlat(geom.XY, []float64{150000, 7500000, 150010, 7500010, 150020, 7500000}).SetSRID(3011), nil,
			[]pc{{"vertex[0]", ProblemOutsideArea}}},
		{"margin", geom.NewPointFlat(geom.XY, []float64{150000, 6500000}).SetSRID(3011), &ValidateOptions{AreaMargin: 1}, nil},
		{"skip area", geom.NewPointFlat(geom.XY, []float64{150000, 7500000}).SetSRID(3011), &ValidateOptions{SkipAreaOfUse: true}, nil},
		{"rt 90", geom.NewPointFlat(geom.XY, []float64{1727060.905, 7453389.762}).SetSRID(3847), nil, nil},
		{"swapped rt 90 coordinates", geom.NewPointFlat(geom.XY, []float64{7453389.762, 1727060.905}).SetSRID(3847), nil, []pc{{"", ProblemOutsideArea}}},
		{"geographic outside", geom.NewPointFlat(geom.XY, []float64{59.3, 18.05}).SetSRID(4619), nil, []pc{{"", ProblemOutsideArea}}},
		{"multipolygon paths", geom.NewMultiPolygonFlat(geom.XY,
			append(append([]float64{}, shell...), ring(200, 0, 300, 100, 300, 0, 200, 100, 200, 0)...), [][]int{{10}, {20}}).SetSRID(3011), nil,
			[]pc{{"polygon[1].ring[0].vertex[2]", ProblemSelfIntersection}}},
		{"multipoint and multilinestring paths", func() geom.T {
			gc := geom.NewGeometryCollection()
			_ = gc.Push(
				geom.NewMultiPointFlat(geom.XY, []float64{e0, n0, math.NaN(), n0}),
				geom.NewMultiLineStringFlat(geom.XY, []float64{e0, n0, e0 + 1, n0, e0, n0, e0, n0}, []int{4, 8}),
			)
			return gc.SetSRID(3011)
		}(), nil, []pc{{"geometry[0].point[1]", ProblemNaN}, {"geometry[1].linestring[1]", ProblemTooFewPoints}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := problems(t, Validate(tt.g, tt.opts))
			assert.Equal(t, tt.want, pathsAndCodes(got))
			for _, p := range got {
				assert.NotEmpty(t, p.Message)
			}
		})
	}
}

// TestValidateReportsEverything: one geometry with several independent problems gets them all.
func TestValidateReportsEverything(t *testing.T) {
	t.Parallel()
	bad := geom.NewMultiPolygonFlat(geom.XY, append(append(
		ring(0, 0, 100, 0, 100, 100, 0, 100),                 // not closed
		ring(200, 0, 300, 100, 300, 0, 200, 100, 200, 0)...), // bow tie
		150000, 7500000, 150010, 7500000, 150010, 7500010, 150000, 7500000), // far north: outside 18 00
		[][]int{{8}, {18}, {26}}).SetSRID(SWEREF99_1800_RH2000)
	err := Validate(bad, nil)
	ps := problems(t, err)
	assert.Equal(t, []pc{
		{"", ProblemMissingZ},
		{"polygon[0].ring[0].vertex[3]", ProblemRingNotClosed},
		{"polygon[1].ring[0].vertex[2]", ProblemSelfIntersection},
		{"polygon[2].ring[0].vertex[0]", ProblemOutsideArea},
	}, pathsAndCodes(ps))
	var ve *ValidationError
	require.True(t, errors.As(err, &ve))
	assert.True(t, ve.Has(ProblemSelfIntersection))
	assert.False(t, ve.Has(ProblemOrientation))
	assert.Contains(t, err.Error(), "invalid geometry: 4 problems; epsg:5850 carries rh 2000 heights but the geometry has no z (missing-z); polygon[0]")
	assert.Contains(t, ps[3].Message, "as do 3 more vertices")
}

func TestValidateMaxProblems(t *testing.T) {
	t.Parallel()
	flat := make([]float64, 0, 400)
	for i := range 200 {
		flat = append(flat, e0+float64(i), math.NaN())
	}
	ps := problems(t, Validate(geom.NewLineStringFlat(geom.XY, flat).SetSRID(3011), &ValidateOptions{MaxProblems: 5}))
	require.Len(t, ps, 6)
	assert.Equal(t, ProblemTooMany, ps[5].Code)
	ps = problems(t, Validate(geom.NewLineStringFlat(geom.XY, flat).SetSRID(3011), nil))
	assert.Len(t, ps, DefaultMaxProblems+1)
}

func TestValidateLargeRingIsFast(t *testing.T) {
	t.Parallel()
	// A 10 000-vertex star-free circle: the sweep keeps this near n·log n.
	const n = 10000
	flat := make([]float64, 0, 2*(n+1))
	for i := 0; i <= n; i++ {
		a := 2 * math.Pi * float64(i%n) / n
		flat = append(flat, e0+500*math.Cos(a), n0+500*math.Sin(a))
	}
	assert.NoError(t, Validate(geom.NewPolygonFlat(geom.XY, flat, []int{len(flat)}).SetSRID(3011), &ValidateOptions{Orientation: true}))
	// Pull one vertex across the circle: now it self-intersects.
	flat[2*5000] = e0 + 600
	assert.True(t, problems(t, Validate(geom.NewPolygonFlat(geom.XY, flat, []int{len(flat)}).SetSRID(3011), nil)) != nil)
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	// Clockwise, unclosed shell and counter-clockwise hole.
	in := poly(3011, ring(0, 0, 0, 100, 100, 100, 100, 0), ring(10, 10, 20, 10, 20, 20, 10, 20, 10, 10))
	before := append([]float64(nil), in.FlatCoords()...)
	require.Error(t, Validate(in, &ValidateOptions{Orientation: true}))
	out := Normalize(in)
	assert.NoError(t, Validate(out, &ValidateOptions{Orientation: true}))
	assert.Equal(t, before, in.FlatCoords(), "input untouched")
	assert.Equal(t, 3011, out.SRID())
	assert.InDelta(t, 100*100-10*10, out.(*geom.Polygon).Area(), 1e-6)
	assert.Equal(t, []int{10, 20}, out.Ends(), "the shell gained its closing position")

	mp := geom.NewMultiPolygonFlat(geom.XYZ, with3D(append(ring(0, 0, 0, 100, 100, 100, 100, 0, 0, 0), ring(200, 0, 300, 0, 300, 100, 200, 0)...), 5), [][]int{{15}, {27}}).SetSRID(5850)
	nm := Normalize(mp)
	assert.NoError(t, Validate(nm, &ValidateOptions{Orientation: true}))
	assert.Equal(t, [][]int{{15}, {27}}, nm.Endss())
	assert.Equal(t, geom.XYZ, nm.Layout())

	gc := geom.NewGeometryCollection()
	require.NoError(t, gc.Push(in, geom.NewPointFlat(geom.XY, []float64{e0, n0})))
	ngc := Normalize(gc.SetSRID(3011))
	assert.NoError(t, Validate(ngc, &ValidateOptions{Orientation: true}))
	assert.Nil(t, Normalize(nil))
	ls := fixtures(geom.XY, 3011)["LineString"]
	assertGeomEqual(t, ls, Normalize(ls), 0)
}
