package geometry

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/twpayne/go-geom"
)

// shape is a comparable picture of a go-geom geometry for go-cmp: type, layout, SRID, flat
// coordinates and ring/part structure, members for collections.
type shape struct {
	Type    string
	Layout  geom.Layout
	SRID    int
	Flat    []float64
	Ends    []int
	Endss   [][]int
	Members []shape
}

func shapeOf(g geom.T) shape {
	if g == nil {
		return shape{Type: "nil"}
	}
	s := shape{Type: fmt.Sprintf("%T", g), Layout: g.Layout(), SRID: g.SRID()}
	switch g := g.(type) {
	case *geom.GeometryCollection:
		for _, c := range g.Geoms() {
			s.Members = append(s.Members, shapeOf(c))
		}
		return s
	case *geom.Polygon, *geom.MultiLineString:
		s.Ends = g.Ends()
	case *geom.MultiPolygon:
		s.Endss = g.Endss()
	}
	s.Flat = g.FlatCoords()
	return s
}

// assertGeomEqual compares geometries exactly (tol 0) or with an absolute tolerance.
func assertGeomEqual(t *testing.T, want, got geom.T, tol float64) {
	t.Helper()
	opts := []cmp.Option{cmpopts.EquateEmpty()}
	if tol > 0 {
		opts = append(opts, cmpopts.EquateApprox(0, tol))
	}
	if diff := cmp.Diff(shapeOf(want), shapeOf(got), opts...); diff != "" {
		t.Errorf("geometry mismatch (-want +got):\n%s", diff)
	}
}

// Fixtures: a Sundbyberg-like footprint in SWEREF 99 18 00 with a courtyard, and friends. Rings
// are closed and OGC-oriented (exterior counter-clockwise).
const (
	e0, n0 = 147350.125, 6585220.5 // SWEREF 99 18 00 near Sundbyberg
)

func square(x, y, size float64, ccw bool) []float64 {
	c := []float64{x, y, x + size, y, x + size, y + size, x, y + size, x, y}
	if !ccw {
		reverseCoords(c, 2)
	}
	return c
}

func with3D(flat []float64, h float64) []float64 {
	out := make([]float64, 0, len(flat)/2*3)
	for i := 0; i < len(flat); i += 2 {
		// Z depends on the position only, so a closed ring stays closed in 3D.
		out = append(out, flat[i], flat[i+1], h+math.Mod(flat[i]+flat[i+1], 7)/4)
	}
	return out
}

// fixtures returns one geometry of every type in the given layout (XY or XYZ) and SRID.
func fixtures(layout geom.Layout, srid int) map[string]geom.T {
	conv := func(f []float64) []float64 {
		if layout == geom.XYZ {
			return with3D(f, 12.25)
		}
		return f
	}
	stride := layout.Stride()
	shell := square(e0, n0, 40.5, true)
	hole := square(e0+10, n0+10, 5.25, false)
	poly := geom.NewPolygonFlat(layout, conv(append(append([]float64{}, shell...), hole...)), []int{len(shell) / 2 * stride, (len(shell) + len(hole)) / 2 * stride})
	line := geom.NewLineStringFlat(layout, conv([]float64{e0, n0, e0 + 12.5, n0 + 3.125, e0 + 20, n0 - 7.75}))
	point := geom.NewPointFlat(layout, conv([]float64{e0 + 0.001, n0 + 0.999}))
	mpoint := geom.NewMultiPointFlat(layout, conv([]float64{e0, n0, e0 + 1, n0 + 2, e0 + 3, n0 + 4}))
	mline := geom.NewMultiLineStringFlat(layout, conv([]float64{e0, n0, e0 + 5, n0 + 5, e0 + 10, n0, e0 + 15, n0 + 1}), []int{2 * stride, 4 * stride})
	sq2 := square(e0+100, n0+100, 20, true)
	all := append(append(append([]float64{}, shell...), hole...), sq2...)
	mpoly := geom.NewMultiPolygonFlat(layout, conv(all), [][]int{
		{len(shell) / 2 * stride, (len(shell) + len(hole)) / 2 * stride},
		{(len(shell) + len(hole) + len(sq2)) / 2 * stride},
	})
	gc := geom.NewGeometryCollection()
	_ = gc.Push(point.Clone(), line.Clone(), poly.Clone())
	out := map[string]geom.T{
		"Point": point, "LineString": line, "Polygon": poly, "MultiPoint": mpoint,
		"MultiLineString": mline, "MultiPolygon": mpoly, "GeometryCollection": gc,
	}
	for k, g := range out {
		out[k] = setSRID(g, srid)
	}
	return out
}

func nan() float64 { return math.NaN() }
