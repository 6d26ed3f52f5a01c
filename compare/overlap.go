package compare

import (
	"math"
	"slices"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// The area two footprints share, without building their intersection.
//
// By Green's theorem the area of a region is ½∮(x dy − y dx) over its boundary, oriented
// with the interior on the left. The boundary of A ∩ B is made of the pieces of A's boundary
// that lie inside B, the pieces of B's boundary that lie inside A, and the pieces both share
// running the same way (their interiors on the same side; pieces shared running opposite
// ways, as between two row houses, bound no common area). So every edge is cut where it
// meets the other polygon's edges, each piece is classified by its midpoint, and the pieces
// that bound the intersection add their term. With rings oriented the OGC way (shells
// counter-clockwise, holes clockwise; Normalize) this holds for polygons with holes and for
// multipolygons. A multipolygon is taken polygon by polygon (its parts do not overlap, so
// their shares add up), which keeps a wall two of its parts share from being mistaken for
// a boundary. Both must be valid (Validate): the quality check computes overlaps only
// between valid footprints.

// ring is one closed ring's vertices (without the closing repeat), relative to an origin.
type ring [][2]float64

// polygonsOf returns the polygons of a (Multi)Polygon, normalised, as rings relative to
// (ox, oy).
func polygonsOf(g geom.T, ox, oy float64) [][]ring {
	var out [][]ring
	add := func(flat []float64, ends []int, stride int) {
		var rings []ring
		start := 0
		for _, end := range ends {
			var r ring
			for i := start; i+1 < end; i += stride {
				r = append(r, [2]float64{flat[i] - ox, flat[i+1] - oy})
			}
			if len(r) > 1 && r[0] == r[len(r)-1] {
				r = r[:len(r)-1]
			}
			if len(r) >= 3 {
				rings = append(rings, r)
			}
			start = end
		}
		if len(rings) > 0 {
			out = append(out, rings)
		}
	}
	switch g := geometry.Normalize(g).(type) {
	case *geom.Polygon:
		add(g.FlatCoords(), g.Ends(), g.Stride())
	case *geom.MultiPolygon:
		flat, start := g.FlatCoords(), 0
		for _, ends := range g.Endss() {
			if len(ends) == 0 {
				continue
			}
			rel := make([]int, len(ends))
			for i, e := range ends {
				rel[i] = e - start
			}
			add(flat[start:ends[len(ends)-1]], rel, g.Stride())
			start = ends[len(ends)-1]
		}
	}
	return out
}

// onEdge is how close, in metres, a point must be to an edge to count as on it: far below
// any real coordinate difference (Lantmäteriet's are millimetres), far above the rounding
// of intersection points.
const onEdge = 1e-7

// overlapArea returns the area in m² that two polygonal footprints in the same projected CRS
// share.
func overlapArea(a, b geom.T) float64 {
	ox, oy := origin(a)
	pa, pb := polygonsOf(a, ox, oy), polygonsOf(b, ox, oy)
	total := 0.0
	for _, ra := range pa {
		for _, rb := range pb {
			twice := boundaryTerm(ra, rb, true) + boundaryTerm(rb, ra, false)
			total += max(0, twice/2)
		}
	}
	return total
}

// boundaryTerm sums x1·y2 − x2·y1 over the pieces of the edges of as that lie inside bs, and,
// when shared is set, over those that lie on an edge of bs running the same way.
func boundaryTerm(as, bs []ring, shared bool) float64 {
	var sum float64
	var ts []float64
	for _, r := range as {
		for i := range r {
			p, q := r[i], r[(i+1)%len(r)]
			ts = append(ts[:0], 0, 1)
			ts = cuts(ts, p, q, bs)
			slices.Sort(ts)
			for k := 0; k+1 < len(ts); k++ {
				t0, t1 := ts[k], ts[k+1]
				if t1-t0 <= 1e-12 {
					continue
				}
				x0, y0 := p[0]+t0*(q[0]-p[0]), p[1]+t0*(q[1]-p[1])
				x1, y1 := p[0]+t1*(q[0]-p[0]), p[1]+t1*(q[1]-p[1])
				mx, my := (x0+x1)/2, (y0+y1)/2
				switch where(mx, my, bs, q[0]-p[0], q[1]-p[1]) {
				case inside:
					sum += x0*y1 - x1*y0
				case sameWay:
					if shared {
						sum += x0*y1 - x1*y0
					}
				}
			}
		}
	}
	return sum
}

// cuts adds the parameters along p→q where it meets an edge of bs: crossings, and the ends
// of collinear stretches.
func cuts(ts []float64, p, q [2]float64, bs []ring) []float64 {
	dx, dy := q[0]-p[0], q[1]-p[1]
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return ts
	}
	param := func(x, y float64) float64 { return ((x-p[0])*dx + (y-p[1])*dy) / l2 }
	for _, r := range bs {
		for i := range r {
			c, d := r[i], r[(i+1)%len(r)]
			ex, ey := d[0]-c[0], d[1]-c[1]
			den := dx*ey - dy*ex
			// Distances of c and d from the line p→q, and of p and q from the line c→d.
			cp := (c[0]-p[0])*dy - (c[1]-p[1])*dx
			dp := (d[0]-p[0])*dy - (d[1]-p[1])*dx
			ll := math.Sqrt(l2)
			if math.Abs(cp)/ll <= onEdge && math.Abs(dp)/ll <= onEdge {
				// Collinear: the other edge's ends cut this one.
				for _, e := range [2][2]float64{c, d} {
					if t := param(e[0], e[1]); t > 0 && t < 1 {
						ts = append(ts, t)
					}
				}
				continue
			}
			if den == 0 {
				continue
			}
			t := ((c[0]-p[0])*ey - (c[1]-p[1])*ex) / den
			u := ((c[0]-p[0])*dy - (c[1]-p[1])*dx) / den
			if t > 0 && t < 1 && u >= -1e-12 && u <= 1+1e-12 {
				ts = append(ts, t)
			}
		}
	}
	return ts
}

type place int

const (
	outside place = iota
	inside
	sameWay     // on an edge of the other polygon that runs the same way
	oppositeWay // on an edge that runs the other way
)

// where places (x, y), the midpoint of a piece running (dx, dy), against the polygon bs:
// on one of its edges (and which way that edge runs), or inside or outside by the even-odd
// rule over its rings.
func where(x, y float64, bs []ring, dx, dy float64) place {
	in := false
	for _, r := range bs {
		for i := range r {
			c, d := r[i], r[(i+1)%len(r)]
			ex, ey := d[0]-c[0], d[1]-c[1]
			if pointSegment(x, y, site{ax: c[0], ay: c[1], bx: d[0], by: d[1]}) <= onEdge {
				if dx*ex+dy*ey > 0 {
					return sameWay
				}
				return oppositeWay
			}
			if (c[1] > y) != (d[1] > y) {
				if xi := c[0] + (y-c[1])*ex/ey; x < xi {
					in = !in
				}
			}
		}
	}
	if in {
		return inside
	}
	return outside
}
