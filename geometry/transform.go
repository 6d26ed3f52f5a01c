package geometry

import (
	"fmt"
	"math"

	"github.com/twpayne/go-geom"
)

// Transform returns a copy of g with its horizontal coordinates converted from the CRS named by
// g.SRID() to the CRS toSRID. The input is not modified. Every go-geom type and the layouts XY,
// XYZ, XYM and XYZM are supported; Z and M are carried through unchanged, the layout is kept and
// the result's SRID is toSRID.
//
// Grid to grid goes by way of SWEREF 99 latitude/longitude with Lantmäteriet's formulas, so
// local zone ↔ SWEREF 99 TM ↔ RT 90 (direct projection) are all one call.
//
// Heights follow one rule: the target code is what the caller asks for.
//   - A compound target (5845–5857) requires a layout with Z; the Z values are taken to be
//     RH 2000 heights (heights are labelled, never converted).
//   - A 2D target (e.g. 3006) given a 3D geometry keeps the Z values and returns SRID toSRID.
//
// Converting between a compound code and its own horizontal code is therefore a relabelling.
func Transform(g geom.T, toSRID int) (geom.T, error) {
	if g == nil {
		return nil, fmt.Errorf("transform: nil geometry: %w", ErrUnsupportedGeometry)
	}
	from, err := Lookup(g.SRID())
	if err != nil {
		return nil, fmt.Errorf("transform: source: %w", err)
	}
	to, err := Lookup(toSRID)
	if err != nil {
		return nil, fmt.Errorf("transform: target: %w", err)
	}
	if to.Kind == Compound && !hasZ(g.Layout()) && !isEmptyCollection(g) {
		return nil, fmt.Errorf("transform: target epsg:%d carries rh 2000 heights but the geometry has layout %v without z: %w", toSRID, g.Layout(), ErrUnsupportedGeometry)
	}
	out, err := mapCoords(g, func(flat []float64, stride int) {
		transformFlat(from, to, flat, stride)
	})
	if err != nil {
		return nil, fmt.Errorf("transform: %w", err)
	}
	return setSRID(out, toSRID), nil
}

// TransformXY converts one coordinate in go-geom order (x = easting or longitude, y = northing
// or latitude) from one registered CRS to another.
func TransformXY(fromSRID, toSRID int, x, y float64) (float64, float64, error) {
	from, err := Lookup(fromSRID)
	if err != nil {
		return 0, 0, fmt.Errorf("transform: source: %w", err)
	}
	to, err := Lookup(toSRID)
	if err != nil {
		return 0, 0, fmt.Errorf("transform: target: %w", err)
	}
	xy := [2]float64{x, y}
	transformFlat(from, to, xy[:], 2)
	return xy[0], xy[1], nil
}

// transformFlat converts the x, y of every coordinate of flat in place.
func transformFlat(from, to *CRS, flat []float64, stride int) {
	if from.Horizontal == to.Horizontal {
		return
	}
	for i := 0; i+1 < len(flat); i += stride {
		lat, lon := from.toGeographic(flat[i], flat[i+1])
		flat[i], flat[i+1] = to.fromGeographic(lat, lon)
	}
}

func hasZ(l geom.Layout) bool { return l.ZIndex() >= 0 }

func isEmptyCollection(g geom.T) bool {
	gc, ok := g.(*geom.GeometryCollection)
	return ok && gc.NumGeoms() == 0
}

// mapCoords deep-copies g and calls fn on each copied flat coordinate slice. It is the one place
// that knows how to rebuild every go-geom type, so Transform, Normalize and the GML decoder's
// axis swap share it.
func mapCoords(g geom.T, fn func(flat []float64, stride int)) (geom.T, error) {
	cp := func(f []float64, stride int) []float64 {
		c := append([]float64(nil), f...)
		fn(c, stride)
		return c
	}
	switch g := g.(type) {
	case *geom.Point:
		if g.Empty() {
			return geom.NewPointEmpty(g.Layout()).SetSRID(g.SRID()), nil
		}
		return geom.NewPointFlat(g.Layout(), cp(g.FlatCoords(), g.Stride())).SetSRID(g.SRID()), nil
	case *geom.LineString:
		return geom.NewLineStringFlat(g.Layout(), cp(g.FlatCoords(), g.Stride())).SetSRID(g.SRID()), nil
	case *geom.LinearRing:
		return geom.NewLinearRingFlat(g.Layout(), cp(g.FlatCoords(), g.Stride())).SetSRID(g.SRID()), nil
	case *geom.Polygon:
		return geom.NewPolygonFlat(g.Layout(), cp(g.FlatCoords(), g.Stride()), append([]int(nil), g.Ends()...)).SetSRID(g.SRID()), nil
	case *geom.MultiPoint:
		return geom.NewMultiPointFlat(g.Layout(), cp(g.FlatCoords(), g.Stride()), geom.NewMultiPointFlatOptionWithEnds(append([]int(nil), g.Ends()...))).SetSRID(g.SRID()), nil
	case *geom.MultiLineString:
		return geom.NewMultiLineStringFlat(g.Layout(), cp(g.FlatCoords(), g.Stride()), append([]int(nil), g.Ends()...)).SetSRID(g.SRID()), nil
	case *geom.MultiPolygon:
		endss := make([][]int, len(g.Endss()))
		for i, e := range g.Endss() {
			endss[i] = append([]int(nil), e...)
		}
		return geom.NewMultiPolygonFlat(g.Layout(), cp(g.FlatCoords(), g.Stride()), endss).SetSRID(g.SRID()), nil
	case *geom.GeometryCollection:
		out := geom.NewGeometryCollection()
		if g.NumGeoms() == 0 {
			// Only an empty collection's layout is not derived from its members.
			if err := out.SetLayout(g.Layout()); err != nil {
				return nil, fmt.Errorf("geometry collection: %w", err)
			}
		}
		for i, child := range g.Geoms() {
			c, err := mapCoords(child, fn)
			if err != nil {
				return nil, fmt.Errorf("geometry[%d]: %w", i, err)
			}
			if err := out.Push(c); err != nil {
				return nil, fmt.Errorf("geometry[%d]: %w", i, err)
			}
		}
		return out.SetSRID(g.SRID()), nil
	case nil:
		return nil, fmt.Errorf("nil geometry: %w", ErrUnsupportedGeometry)
	}
	return nil, fmt.Errorf("%T: %w", g, ErrUnsupportedGeometry)
}

// setSRID sets the SRID of g, and of every member of a collection, which go-geom does not do.
func setSRID(g geom.T, srid int) geom.T {
	switch g := g.(type) {
	case *geom.Point:
		return g.SetSRID(srid)
	case *geom.LineString:
		return g.SetSRID(srid)
	case *geom.LinearRing:
		return g.SetSRID(srid)
	case *geom.Polygon:
		return g.SetSRID(srid)
	case *geom.MultiPoint:
		return g.SetSRID(srid)
	case *geom.MultiLineString:
		return g.SetSRID(srid)
	case *geom.MultiPolygon:
		return g.SetSRID(srid)
	case *geom.GeometryCollection:
		for _, c := range g.Geoms() {
			setSRID(c, srid)
		}
		return g.SetSRID(srid)
	}
	return g
}

// checkLayouts rejects geometries go-geom's encoders cannot handle: a non-collection without a
// layout (go-geom builds one from GeoJSON without a coordinates member, and its encoders then
// divide by a zero stride) and nil collection members.
func checkLayouts(g geom.T) error {
	switch g := g.(type) {
	case nil:
		return fmt.Errorf("nil geometry: %w", ErrUnsupportedGeometry)
	case *geom.GeometryCollection:
		for i, c := range g.Geoms() {
			if err := checkLayouts(c); err != nil {
				return fmt.Errorf("geometry[%d]: %w", i, err)
			}
		}
		return nil
	}
	if g.Layout() == geom.NoLayout || g.Layout().Stride() < 2 {
		return fmt.Errorf("%T without coordinates or layout: %w", g, ErrUnsupportedGeometry)
	}
	return nil
}

// finite reports whether v is neither NaN nor ±Inf.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
