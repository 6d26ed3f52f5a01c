package geometry

import (
	"github.com/twpayne/go-geom"
)

// Normalize returns a copy of g with every polygon ring closed (the first position appended when
// the last differs) and oriented the OGC way: exterior rings counter-clockwise and holes
// clockwise in the easting, northing plane. Nothing else changes: no vertices are removed and
// invalid rings (too short, zero area, self-intersecting) stay invalid for Validate to report.
// Geometries without rings are copied unchanged; nil gives nil.
func Normalize(g geom.T) geom.T {
	switch g := g.(type) {
	case nil:
		return nil
	case *geom.Polygon:
		flat, ends := normalizeRings(g.FlatCoords(), g.Ends(), g.Stride())
		return geom.NewPolygonFlat(g.Layout(), flat, ends).SetSRID(g.SRID())
	case *geom.LinearRing:
		flat, _ := normalizeRings(g.FlatCoords(), []int{len(g.FlatCoords())}, g.Stride())
		return geom.NewLinearRingFlat(g.Layout(), flat).SetSRID(g.SRID())
	case *geom.MultiPolygon:
		var flat []float64
		endss := make([][]int, 0, g.NumPolygons())
		for i := range g.NumPolygons() {
			p := g.Polygon(i)
			f, ends := normalizeRings(p.FlatCoords(), p.Ends(), g.Stride())
			for k := range ends {
				ends[k] += len(flat)
			}
			flat = append(flat, f...)
			endss = append(endss, ends)
		}
		return geom.NewMultiPolygonFlat(g.Layout(), flat, endss).SetSRID(g.SRID())
	case *geom.GeometryCollection:
		out := geom.NewGeometryCollection()
		if g.NumGeoms() == 0 {
			_ = out.SetLayout(g.Layout()) // the layout of an existing collection is always valid
		}
		for _, c := range g.Geoms() {
			// Members keep their layout, so Push cannot fail on a collection go-geom accepted.
			_ = out.Push(Normalize(c))
		}
		return out.SetSRID(g.SRID())
	}
	out, err := mapCoords(g, func([]float64, int) {})
	if err != nil {
		return g
	}
	return out
}

// normalizeRings returns closed, correctly oriented copies of the rings of one polygon, with the
// new ends (relative to the returned slice).
func normalizeRings(flat []float64, ends []int, stride int) ([]float64, []int) {
	out := make([]float64, 0, len(flat)+len(ends)*stride)
	newEnds := make([]int, 0, len(ends))
	offset := 0
	for r, end := range ends {
		ring := flat[offset:end]
		offset = end
		start := len(out)
		out = append(out, ring...)
		if len(ring) >= stride && (ring[0] != ring[len(ring)-stride] || ring[1] != ring[len(ring)-stride+1]) {
			out = append(out, ring[:stride]...)
		}
		area := ringSignedArea(out[start:], stride)
		if (r == 0 && area < 0) || (r > 0 && area > 0) {
			reverseCoords(out[start:], stride)
		}
		newEnds = append(newEnds, len(out))
	}
	return out, newEnds
}

// reverseCoords reverses the order of the positions in flat, keeping each position intact.
func reverseCoords(flat []float64, stride int) {
	n := len(flat) / stride
	for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
		for k := range stride {
			flat[i*stride+k], flat[j*stride+k] = flat[j*stride+k], flat[i*stride+k]
		}
	}
}
