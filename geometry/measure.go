package geometry

import (
	"fmt"

	"github.com/twpayne/go-geom"
)

// Area returns the area in square metres of a Polygon or MultiPolygon in a projected CRS: each
// shell's area minus its holes', whatever the rings' orientation. It is the area on the grid
// plane, which differs from the area on the ellipsoid by the square of the scale factor: in
// SWEREF 99 TM up to about −0.08 % on the central meridian and +0.1 % at the edges of Sweden;
// in a local zone less than 0.01 % within its area of use. Geographic CRSs (4619) are refused
// with an error wrapping ErrNotProjected.
func Area(g geom.T) (float64, error) {
	if err := checkMeasurable(g); err != nil {
		return 0, fmt.Errorf("area: %w", err)
	}
	var a float64
	forEachPolygon(g, func(flat []float64, ends []int, stride int) {
		pa, _, _ := polygonMoments(flat, ends, stride)
		a += pa
	})
	return a, nil
}

// Centroid returns the area-weighted centroid of a Polygon or MultiPolygon in a projected CRS,
// as an XY point with the geometry's SRID. The centroid of a concave shape can lie outside it.
func Centroid(g geom.T) (*geom.Point, error) {
	if err := checkMeasurable(g); err != nil {
		return nil, fmt.Errorf("centroid: %w", err)
	}
	var a, sx, sy float64
	forEachPolygon(g, func(flat []float64, ends []int, stride int) {
		pa, cx, cy := polygonMoments(flat, ends, stride)
		a += pa
		sx += pa * cx
		sy += pa * cy
	})
	if a == 0 {
		return nil, fmt.Errorf("centroid: geometry has no area: %w", ErrUnsupportedGeometry)
	}
	return geom.NewPointFlat(geom.XY, []float64{sx / a, sy / a}).SetSRID(g.SRID()), nil
}

func checkMeasurable(g geom.T) error {
	switch g.(type) {
	case *geom.Polygon, *geom.MultiPolygon:
	case nil:
		return fmt.Errorf("nil geometry: %w", ErrUnsupportedGeometry)
	default:
		return fmt.Errorf("%T (only polygon and multipolygon have an area): %w", g, ErrUnsupportedGeometry)
	}
	c, err := Lookup(g.SRID())
	if err != nil {
		return err
	}
	if c.Kind == Geographic {
		return fmt.Errorf("epsg:%d is in degrees; transform to a grid crs first: %w", c.Code, ErrNotProjected)
	}
	return nil
}

func forEachPolygon(g geom.T, fn func(flat []float64, ends []int, stride int)) {
	switch g := g.(type) {
	case *geom.Polygon:
		fn(g.FlatCoords(), g.Ends(), g.Stride())
	case *geom.MultiPolygon:
		for i := range g.NumPolygons() {
			p := g.Polygon(i)
			fn(p.FlatCoords(), p.Ends(), g.Stride())
		}
	}
}

// polygonMoments returns the area (shell minus holes, orientation ignored) and centroid of one
// polygon. Each ring is computed relative to its first vertex so grid coordinates in the
// millions keep their precision.
func polygonMoments(flat []float64, ends []int, stride int) (area, cx, cy float64) {
	offset := 0
	var sx, sy float64
	for r, end := range ends {
		ring := flat[offset:end]
		offset = end
		ra, rx, ry := ringMoments(ring, stride)
		if ra < 0 {
			ra = -ra
		}
		if r > 0 {
			ra = -ra // holes subtract
		}
		area += ra
		sx += ra * rx
		sy += ra * ry
	}
	if area == 0 {
		return 0, 0, 0
	}
	return area, sx / area, sy / area
}

// ringMoments returns the signed area and centroid of a ring (closing edge implied).
func ringMoments(ring []float64, stride int) (area, cx, cy float64) {
	n := len(ring) / stride
	if n < 3 {
		return 0, 0, 0
	}
	x0, y0 := ring[0], ring[1]
	var a2, sx, sy float64
	px, py := 0.0, 0.0
	for i := 1; i <= n; i++ {
		j := (i % n) * stride
		x, y := ring[j]-x0, ring[j+1]-y0
		c := px*y - x*py
		a2 += c
		sx += (px + x) * c
		sy += (py + y) * c
		px, py = x, y
	}
	if a2 == 0 {
		return 0, x0, y0
	}
	return a2 / 2, x0 + sx/(3*a2), y0 + sy/(3*a2)
}
