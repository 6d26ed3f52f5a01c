// Package wiretest holds the test helpers of the Direkt wire packages and
// their mappings: golden files rewritten with -update, and go-cmp options
// that compare geometries with a coordinate tolerance.
package wiretest

import (
	"flag"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
)

// Update is the -update flag: rewrite golden files instead of comparing.
var Update = flag.Bool("update", false, "rewrite golden files in testdata from the code's output")

// Golden compares got with the file at path, or writes it there under
// -update.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *Update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file missing: run go test -update")
	assert.Equal(t, string(want), string(got), "differs from %s (go test -update rewrites it)", path)
}

// Tolerance is how far two coordinates may differ and still be equal: a
// tenth of a millimetre in a grid CRS, far below Lantmäteriet's
// millimetre rounding and far above float noise.
const Tolerance = 1e-4

// GeomEqual reports whether a and b are the same geometry: type, layout,
// SRID and structure equal, coordinates within Tolerance.
func GeomEqual(a, b geom.T) bool {
	if isNil(a) || isNil(b) {
		return isNil(a) && isNil(b)
	}
	if a.SRID() != b.SRID() || a.Layout() != b.Layout() || len(a.FlatCoords()) != len(b.FlatCoords()) {
		return false
	}
	switch at := a.(type) {
	case *geom.Point, *geom.LineString, *geom.Polygon, *geom.MultiPoint, *geom.MultiLineString, *geom.MultiPolygon:
	case *geom.GeometryCollection:
		bt, ok := b.(*geom.GeometryCollection)
		if !ok || at.NumGeoms() != bt.NumGeoms() {
			return false
		}
		for i := range at.NumGeoms() {
			if !GeomEqual(at.Geom(i), bt.Geom(i)) {
				return false
			}
		}
		return true
	default:
		return false
	}
	if !sameType(a, b) || !cmp.Equal(a.Ends(), b.Ends()) || !cmp.Equal(a.Endss(), b.Endss()) {
		return false
	}
	fa, fb := a.FlatCoords(), b.FlatCoords()
	for i := range fa {
		if math.Abs(fa[i]-fb[i]) > Tolerance {
			return false
		}
	}
	return true
}

// isNil reports whether g is nil or a typed nil pointer, as a *geom.Point
// field seen through geom.T is.
func isNil(g geom.T) bool {
	if g == nil {
		return true
	}
	v := reflect.ValueOf(g)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

func sameType(a, b geom.T) bool {
	switch a.(type) {
	case *geom.Point:
		_, ok := b.(*geom.Point)
		return ok
	case *geom.LineString:
		_, ok := b.(*geom.LineString)
		return ok
	case *geom.Polygon:
		_, ok := b.(*geom.Polygon)
		return ok
	case *geom.MultiPoint:
		_, ok := b.(*geom.MultiPoint)
		return ok
	case *geom.MultiLineString:
		_, ok := b.(*geom.MultiLineString)
		return ok
	case *geom.MultiPolygon:
		_, ok := b.(*geom.MultiPolygon)
		return ok
	}
	return false
}

// CmpGeom is the go-cmp option that compares every geom.T with GeomEqual.
func CmpGeom() cmp.Option {
	return cmp.Comparer(GeomEqual)
}

// RoundTrip is the property every wire decoder's fuzz target checks: input
// that decodes must encode, the encoding must decode, and encoding that
// again must give the same bytes. Input that does not decode is fine; a
// panic is not.
func RoundTrip[T any](t *testing.T, data []byte, decode func([]byte) (T, error), encode func(T) ([]byte, error)) {
	t.Helper()
	v, err := decode(data)
	if err != nil {
		return
	}
	out, err := encode(v)
	if err != nil {
		t.Fatalf("decoded input does not encode: %v", err)
	}
	back, err := decode(out)
	if err != nil {
		t.Fatalf("encoded output does not decode: %v\n%s", err, out)
	}
	again, err := encode(back)
	if err != nil {
		t.Fatalf("re-decoded output does not encode: %v", err)
	}
	if string(out) != string(again) {
		t.Fatalf("encoding is not stable:\n%s\n---\n%s", out, again)
	}
}
