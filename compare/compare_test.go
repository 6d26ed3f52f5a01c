package compare_test

import (
	"context"
	"errors"
	"iter"
	"math"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/compare"
	"github.com/tjanstebaserad/bal-go/geometry"
)

const e0, n0 = 615000.0, 6729000.0

// rect is a 10 × 8 m footprint at (e0+dx, n0+dy) in SWEREF 99 TM, with heights z when z is
// not NaN (then in 5845).
func rect(dx, dy, z float64) geom.T {
	c := [][2]float64{{0, 0}, {10, 0}, {10, 8}, {0, 8}, {0, 0}}
	if math.IsNaN(z) {
		flat := make([]float64, 0, 10)
		for _, p := range c {
			flat = append(flat, e0+dx+p[0], n0+dy+p[1])
		}
		return geom.NewPolygonFlat(geom.XY, flat, []int{10}).SetSRID(geometry.SWEREF99TM)
	}
	flat := make([]float64, 0, 15)
	for _, p := range c {
		flat = append(flat, e0+dx+p[0], n0+dy+p[1], z)
	}
	return geom.NewPolygonFlat(geom.XYZ, flat, []int{15}).SetSRID(geometry.SWEREF99TM_RH2000)
}

var noZ = math.NaN()

func id(n byte) bal.ObjectID {
	return bal.MustParseObjectID("00000000-0000-4000-8000-0000000000" + string("0123456789abcdef"[n>>4]) + string("0123456789abcdef"[n&15]))
}

func bldg(n byte, g geom.T, attrs map[string]string) compare.Feature {
	if attrs == nil {
		attrs = map[string]string{}
	}
	return compare.Feature{Type: bal.ObjectTypeBuilding, ID: id(n), Geometry: g, Attributes: attrs}
}

func seq(fs ...compare.Feature) iter.Seq2[compare.Feature, error] {
	return func(yield func(compare.Feature, error) bool) {
		for _, f := range fs {
			if !yield(f, nil) {
				return
			}
		}
	}
}

func collect(t *testing.T, s iter.Seq2[compare.Result, error]) ([]compare.Result, []error) {
	t.Helper()
	var rs []compare.Result
	var errs []error
	for r, err := range s {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rs = append(rs, r)
	}
	return rs, errs
}

func TestComparePairs(t *testing.T) {
	t.Parallel()
	lmAttrs := func() map[string]string {
		return map[string]string{"husnummer": "3", "nybyggnadsar": "1975", "huvudbyggnad": "true", "objektstatus": "Gällande", "andamal": "Småhus friliggande"}
	}
	tests := []struct {
		name       string
		local, lm  compare.Feature
		opts       *compare.Options
		class      compare.Class
		flags      compare.Flag
		attributes []string
		// measures are the Result's measures to check, by name: "hausdorff", "height",
		// "area".
		measures map[string]float64
	}{
		{
			name:  "the same",
			local: bldg(1, rect(0, 0, 20), lmAttrs()), lm: bldg(1, rect(0, 0, 20), lmAttrs()),
			class:    compare.Equal,
			measures: map[string]float64{"hausdorff": 0, "height": 0, "area": 0},
		},
		{
			name: "values spelled as municipal data spells them",
			local: bldg(1, rect(0, 0, 20), map[string]string{
				"husnummer": "3.0", "nybyggnadsar": " 1975", "huvudbyggnad": "Ja", "objektstatus": "gallande", "andamal": "småhus  friliggande",
			}),
			lm:       bldg(1, rect(0, 0, 20), lmAttrs()),
			class:    compare.Equal,
			measures: map[string]float64{"hausdorff": 0},
		},
		{
			name:  "attributes changed",
			local: bldg(1, rect(0, 0, 20), map[string]string{"husnummer": "4", "nybyggnadsar": "", "huvudbyggnad": "nej"}),
			lm:    bldg(1, rect(0, 0, 20), lmAttrs()),
			class: compare.Different, flags: compare.FlagAttributes, attributes: []string{"husnummer", "huvudbyggnad", "nybyggnadsar"},
			measures: map[string]float64{"hausdorff": 0},
		},
		{
			name:  "an attribute Lantmäteriet's feature does not carry is not compared",
			local: bldg(1, rect(0, 0, 20), map[string]string{"kommentar": "ny fasad"}),
			lm:    bldg(1, rect(0, 0, 20), lmAttrs()),
			class: compare.Equal,
		},
		{
			name:  "moved 3 mm, default tolerance",
			local: bldg(1, rect(0.003, 0, 20), nil), lm: bldg(1, rect(0, 0, 20), nil),
			class:    compare.Equal,
			measures: map[string]float64{"hausdorff": 0.003, "area": 0},
		},
		{
			name:  "moved 3 mm, 1 mm tolerance",
			local: bldg(1, rect(0.003, 0, 20), nil), lm: bldg(1, rect(0, 0, 20), nil),
			opts:  &compare.Options{Tolerance: 1},
			class: compare.Different, flags: compare.FlagGeometry,
			measures: map[string]float64{"hausdorff": 0.003},
		},
		{
			name:  "moved 0.3 m",
			local: bldg(1, rect(0, 0.3, 20), nil), lm: bldg(1, rect(0, 0, 20), nil),
			class: compare.Different, flags: compare.FlagGeometry,
			measures: map[string]float64{"hausdorff": 0.3},
		},
		{
			name:  "exactly at the tolerance is the same",
			local: bldg(1, rect(0.25, 0, noZ), nil), lm: bldg(1, rect(0, 0, noZ), nil),
			opts:     &compare.Options{Tolerance: 250},
			class:    compare.Equal,
			measures: map[string]float64{"hausdorff": 0.25},
		},
		{
			name:  "z values dropped",
			local: bldg(1, rect(0, 0, noZ), nil), lm: bldg(1, rect(0, 0, 20), nil),
			class: compare.Different, flags: compare.FlagHeightsMissing,
			measures: map[string]float64{"hausdorff": 0},
		},
		{
			name:  "heights only the municipality has",
			local: bldg(1, rect(0, 0, 20), nil), lm: bldg(1, rect(0, 0, noZ), nil),
			class: compare.Different, flags: compare.FlagHeightsOnlyLocal,
		},
		{
			name:  "heights 5 cm apart",
			local: bldg(1, rect(0, 0, 20.05), nil), lm: bldg(1, rect(0, 0, 20), nil),
			class: compare.Different, flags: compare.FlagHeights,
			measures: map[string]float64{"height": 0.05},
		},
		{
			name: "heights in RH 70",
			local: func() compare.Feature {
				f := bldg(1, rect(0, 0, 20), nil)
				f.Geometry = withSRID(f.Geometry, geometry.SWEREF99TM)
				f.HeightSystem = "RH 70"
				return f
			}(),
			lm:    bldg(1, rect(0, 0, 20), nil),
			class: compare.Different, flags: compare.FlagHeightSystem,
			measures: map[string]float64{"height": 0},
		},
		{
			name: "heights declared RH2000 in another spelling",
			local: func() compare.Feature {
				f := bldg(1, rect(0, 0, 20), nil)
				f.HeightSystem = "rh2000"
				return f
			}(),
			lm:    bldg(1, rect(0, 0, 20), nil),
			class: compare.Equal,
		},
		{
			name:  "no geometry at the municipality",
			local: bldg(1, nil, nil), lm: bldg(1, rect(0, 0, 20), nil),
			class: compare.Different, flags: compare.FlagGeometry,
			measures: map[string]float64{"hausdorff": math.Inf(1)},
		},
		{
			name:  "a bigger footprint",
			local: bldg(1, geom.NewPolygonFlat(geom.XY, []float64{e0, n0, e0 + 10, n0, e0 + 10, n0 + 9, e0, n0 + 9, e0, n0}, []int{10}).SetSRID(3006), nil),
			lm:    bldg(1, rect(0, 0, noZ), nil),
			class: compare.Different, flags: compare.FlagGeometry,
			measures: map[string]float64{"hausdorff": 1, "area": 10},
		},
		{
			name:  "Lantmäteriet's in degrees: both measured in SWEREF 99 TM",
			local: bldg(1, rect(0.3, 0, noZ), nil),
			lm: func() compare.Feature {
				g, err := geometry.Transform(rect(0, 0, noZ), geometry.SWEREF99Geographic)
				if err != nil {
					panic(err)
				}
				return bldg(1, g, nil)
			}(),
			class: compare.Different, flags: compare.FlagGeometry,
			measures: map[string]float64{"hausdorff": 0.3, "area": 0},
		},
		{
			name:  "ignored attributes",
			local: bldg(1, rect(0, 0, 20), map[string]string{"husnummer": "4"}), lm: bldg(1, rect(0, 0, 20), lmAttrs()),
			opts:  &compare.Options{IgnoreAttributes: []string{"husnummer"}},
			class: compare.Equal,
		},
		{
			name:  "only the attributes asked for",
			local: bldg(1, rect(0, 0, 20), map[string]string{"husnummer": "4", "nybyggnadsar": "1976"}), lm: bldg(1, rect(0, 0, 20), lmAttrs()),
			opts:  &compare.Options{Attributes: []string{"nybyggnadsar"}},
			class: compare.Different, flags: compare.FlagAttributes, attributes: []string{"nybyggnadsar"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts := tt.opts
			if opts == nil {
				opts = &compare.Options{}
			}
			opts.TempDir = t.TempDir()
			rs, errs := collect(t, compare.Compare(context.Background(), seq(tt.local), seq(tt.lm), opts))
			require.Empty(t, errs)
			require.Len(t, rs, 1)
			r := rs[0]
			assert.Equal(t, tt.class, r.Class)
			assert.Equal(t, tt.flags, r.Flags, "flags %s", r.Flags)
			var names []string
			for _, a := range r.Attributes {
				names = append(names, a.Name)
			}
			assert.Equal(t, tt.attributes, names)
			check := func(what string, want, got float64) {
				if math.IsInf(want, 1) {
					assert.True(t, math.IsInf(got, 1), "%s = %v", what, got)
					return
				}
				assert.InDelta(t, want, got, 1e-7, what)
			}
			got := map[string]float64{"hausdorff": r.Hausdorff, "height": r.HeightDifference, "area": r.AreaDifference}
			for name, want := range tt.measures {
				check(name, want, got[name])
			}
			assert.Equal(t, id(1), r.ID)
			assert.False(t, r.ByKey)
			entries, err := os.ReadDir(opts.TempDir)
			require.NoError(t, err)
			assert.Empty(t, entries, "the spill file is removed")
		})
	}
}

func withSRID(g geom.T, srid int) geom.T {
	return g.(*geom.Polygon).SetSRID(srid)
}

// A municipality keeps its data in its local zone, rounded to the millimetre there;
// Lantmäteriet's is in SWEREF 99 TM, rounded to the millimetre there. The same footprint
// then differs by up to √2 · (0.5 + 0.5) mm ≈ 1.4 mm, under the default tolerance.
func TestCompareAcrossCRSs(t *testing.T) {
	t.Parallel()
	var local, lm []compare.Feature
	for i := range 200 {
		dx, dy := float64(i%20)*37.123, float64(i/20)*41.777
		tm := geometry.RoundCoordinates(rect(dx, dy, 20+float64(i)/7), 3)
		zone, err := geometry.Transform(tm, geometry.SWEREF99_1630_RH2000)
		require.NoError(t, err)
		zone = geometry.RoundCoordinates(zone, 3)
		lm = append(lm, bldg(byte(i), tm, nil))
		local = append(local, bldg(byte(i), zone, nil))
	}
	worst := 0.0
	for r, err := range compare.Compare(context.Background(), seq(local...), seq(lm...), &compare.Options{TempDir: t.TempDir()}) {
		require.NoError(t, err)
		assert.Equal(t, compare.Equal, r.Class, "%s: %s, %.4f m", r.ID, r.Flags, r.Hausdorff)
		worst = max(worst, r.Hausdorff)
	}
	assert.LessOrEqual(t, worst, 0.0015, "rounding in two CRSs stays within 1.5 mm")
	assert.Positive(t, worst, "the rounding is measured, not hidden")
}

func TestCompareMatching(t *testing.T) {
	t.Parallel()
	keyed := func(key string, g geom.T) compare.Feature {
		return compare.Feature{Type: bal.ObjectTypeBuilding, Key: key, Geometry: g, Ref: key}
	}
	lmKeyed := func(n byte, key string, g geom.T) compare.Feature {
		f := bldg(n, g, nil)
		f.Key = key
		return f
	}
	type want struct {
		class compare.Class
		flags compare.Flag
		id    bal.ObjectID
		byKey bool
		ref   string // the local feature's Ref, "" for none
	}
	tests := []struct {
		name      string
		local, lm []compare.Feature
		want      []want
	}{
		{
			name:  "only at one side or the other, Lantmäteriet's order first",
			local: []compare.Feature{bldg(3, rect(0, 0, 20), nil), bldg(1, rect(0, 0, 20), nil)},
			lm:    []compare.Feature{bldg(1, rect(0, 0, 20), nil), bldg(2, rect(50, 0, 20), nil)},
			want: []want{
				{class: compare.Equal, id: id(1)},
				{class: compare.OnlyLantmateriet, id: id(2)},
				{class: compare.OnlyLocal, id: id(3)},
			},
		},
		{
			name:  "by key where the municipality has no identity",
			local: []compare.Feature{keyed(compare.BuildingKey("Exempelby Backa 1:23", 2), rect(0, 0, 20))},
			lm:    []compare.Feature{lmKeyed(7, compare.BuildingKey("EXEMPELBY  backa 1:23", 2), rect(0, 0, 20))},
			want:  []want{{class: compare.Equal, id: id(7), byKey: true, ref: "exempelby backa 1:23|2"}},
		},
		{
			name: "an identity wins over a key",
			local: []compare.Feature{
				keyed("k", rect(0, 0, 20)),
				func() compare.Feature { f := bldg(7, rect(0, 0, 20), nil); f.Ref = "by id"; return f }(),
			},
			lm: []compare.Feature{lmKeyed(7, "k", rect(0, 0, 20))},
			want: []want{
				{class: compare.Equal, id: id(7), ref: "by id"},
				{class: compare.OnlyLocal, ref: "k"},
			},
		},
		{
			name: "a shared key goes to the nearest geometry",
			local: []compare.Feature{
				func() compare.Feature { f := keyed("k", rect(100, 0, 20)); f.Ref = "far"; return f }(),
				func() compare.Feature { f := keyed("k", rect(0.001, 0, 20)); f.Ref = "near"; return f }(),
			},
			lm: []compare.Feature{lmKeyed(1, "k", rect(0, 0, 20))},
			want: []want{
				{class: compare.Equal, flags: compare.FlagAmbiguous, id: id(1), byKey: true, ref: "near"},
				{class: compare.OnlyLocal, flags: compare.FlagAmbiguous, ref: "far"},
			},
		},
		{
			name:  "a key Lantmäteriet has twice",
			local: []compare.Feature{keyed("k", rect(0, 0, 20))},
			lm:    []compare.Feature{lmKeyed(1, "k", rect(0, 0, 20)), lmKeyed(2, "k", rect(30, 0, 20))},
			want: []want{
				{class: compare.Equal, id: id(1), byKey: true, ref: "k"},
				{class: compare.OnlyLantmateriet, flags: compare.FlagAmbiguous, id: id(2)},
			},
		},
		{
			name:  "types are matched apart",
			local: []compare.Feature{{Type: bal.ObjectTypeAddressPoint, ID: id(1)}},
			lm:    []compare.Feature{bldg(1, rect(0, 0, 20), nil)},
			want: []want{
				{class: compare.OnlyLantmateriet, id: id(1)},
				{class: compare.OnlyLocal, id: id(1)},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs, errs := collect(t, compare.Compare(context.Background(), seq(tt.local...), seq(tt.lm...), &compare.Options{TempDir: t.TempDir()}))
			require.Empty(t, errs)
			require.Len(t, rs, len(tt.want))
			for i, w := range tt.want {
				r := rs[i]
				assert.Equal(t, w.class, r.Class, "result %d", i)
				assert.Equal(t, w.flags, r.Flags, "result %d: %s", i, r.Flags)
				assert.Equal(t, w.id, r.ID, "result %d", i)
				assert.Equal(t, w.byKey, r.ByKey, "result %d", i)
				ref := ""
				if r.Local != nil {
					ref = r.Local.Ref
					if ref == "" {
						ref = r.Local.ID.String()
					}
				}
				if w.ref != "" || r.Local == nil {
					assert.Equal(t, w.ref, ref, "result %d", i)
				}
			}
		})
	}
}

func TestCompareInputErrors(t *testing.T) {
	t.Parallel()
	bad := []compare.Feature{
		{Type: bal.ObjectTypeBuilding, Ref: "no id or key"},
		{Type: bal.ObjectTypeBuilding, ID: id(9), Ref: "unknown crs", Geometry: geom.NewPointFlat(geom.XY, []float64{1, 2}).SetSRID(27700)},
	}
	local := append(bad, bldg(1, rect(0, 0, 20), nil))
	lm := []compare.Feature{{Type: bal.ObjectTypeBuilding, Ref: "lm without id"}, bldg(1, rect(0, 0, 20), nil)}
	rs, errs := collect(t, compare.Compare(context.Background(), seq(local...), seq(lm...), &compare.Options{TempDir: t.TempDir()}))
	require.Len(t, rs, 1, "the good pair is still compared")
	assert.Equal(t, compare.Equal, rs[0].Class)
	require.Len(t, errs, 3)
	var ie *compare.InputError
	require.ErrorAs(t, errs[0], &ie)
	assert.Equal(t, "local", ie.Side)
	assert.Equal(t, "no id or key", ie.Ref)
	assert.ErrorIs(t, errs[0], compare.ErrNoMatchKey)
	assert.ErrorIs(t, errs[1], geometry.ErrUnknownCRS)
	require.ErrorAs(t, errs[2], &ie)
	assert.Equal(t, "lantmateriet", ie.Side)

	// An error that is not an InputError ends the comparison.
	boom := errors.New("disk on fire")
	failing := func(yield func(compare.Feature, error) bool) {
		if yield(bldg(1, rect(0, 0, 20), nil), nil) {
			yield(compare.Feature{}, boom)
		}
	}
	rs, errs = collect(t, compare.Compare(context.Background(), failing, seq(lm...), &compare.Options{TempDir: t.TempDir()}))
	assert.Empty(t, rs)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], boom)
}

func TestCompareStopsEarly(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var local, lm []compare.Feature
	for i := range 50 {
		local = append(local, bldg(byte(i), rect(float64(i)*20, 0, 20), nil))
		lm = append(lm, bldg(byte(i), rect(float64(i)*20, 0, 20), nil))
	}
	n := 0
	for _, err := range compare.Compare(context.Background(), seq(local...), seq(lm...), &compare.Options{TempDir: dir}) {
		require.NoError(t, err)
		n++
		if n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	many := func(yield func(compare.Feature, error) bool) {
		for i := range 5000 {
			if !yield(bldg(byte(i), nil, nil), nil) {
				return
			}
		}
	}
	_, errs := collect(t, compare.Compare(ctx, many, seq(), &compare.Options{TempDir: dir}))
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], context.Canceled)
}

func TestCompareProgress(t *testing.T) {
	t.Parallel()
	var got []compare.Progress
	opts := &compare.Options{TempDir: t.TempDir(), Progress: func(p compare.Progress) { got = append(got, p) }}
	_, errs := collect(t, compare.Compare(context.Background(), seq(bldg(1, nil, nil), bldg(2, nil, nil)), seq(bldg(1, nil, nil)), opts))
	require.Empty(t, errs)
	require.Len(t, got, 3)
	assert.Equal(t, compare.Progress{Phase: "local", Local: 2}, got[0])
	assert.Equal(t, compare.Progress{Phase: "lantmateriet", Local: 2, Lantmateriet: 1, Results: 1}, got[1])
	assert.Equal(t, compare.Progress{Phase: "only-local", Local: 2, Lantmateriet: 1, Results: 2}, got[2])
}
