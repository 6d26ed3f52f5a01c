package compare

import (
	"math"
	"slices"

	"github.com/twpayne/go-geom"
)

// The exact planar Hausdorff distance between two geometries' boundaries.
//
// A geometry is taken as a set of sites: closed segments (the edges of rings and line
// strings) and points (a point geometry, or a degenerate edge). The directed distance
// h(A→B) is the largest distance from a point of A to its nearest point of B, over every
// point of A — not only A's vertices: along an edge of A the distance to B is the lower
// envelope of one convex function per site of B, and its maximum lies at an end of the edge
// or where the nearest site changes, which is where two sites' distance functions are equal.
// So for each edge of A the candidates are its two ends and every crossing of two sites'
// distance functions (solved exactly: each squared distance is piecewise quadratic in the
// edge parameter), and the distance is evaluated at each candidate. That is the Voronoi
// argument of Alt, Behrends and Blömer (1995), with the Voronoi diagram replaced by the
// crossings of the few sites that matter:
//
//   - an edge's distance to B is at most U = min over sites j of max(d_j(start), d_j(end)),
//     since each d_j is convex along the edge;
//   - only sites whose distance to the edge is at most U can be nearest anywhere on it;
//   - an edge whose U does not exceed the largest distance found so far cannot raise it.
//
// For two versions of the same building the sites that matter for an edge are its
// counterpart and its neighbours, so the work is close to linear in the number of edges
// after the first pass, which costs (edges of A) × (sites of B).
//
// Coordinates are taken relative to one origin so that grid coordinates in the millions keep
// their sub-millimetre digits in the squares.

// site is a closed segment a–b of a boundary; a == b is a point. z holds the heights at a and
// b when the geometry has them.
type site struct {
	ax, ay, bx, by float64
	az, bz         float64
}

// shape is a geometry as sites, relative to an origin, and whether it has heights.
type shape struct {
	sites []site
	hasZ  bool
	// edges counts the sites that are real segments (a ≠ b); the rest are points.
	edges int
}

// shapeOf returns the sites of g relative to (ox, oy). Rings and line strings give one site
// per edge (consecutive equal vertices give none), points one each. Nil and empty geometries
// give an empty shape.
func shapeOf(g geom.T, ox, oy float64) shape {
	var s shape
	if g == nil {
		return s
	}
	zi := g.Layout().ZIndex()
	s.hasZ = zi >= 0
	stride := g.Layout().Stride()
	z := func(flat []float64, i int) float64 {
		if zi < 0 {
			return math.NaN()
		}
		return flat[i+zi]
	}
	chain := func(flat []float64) {
		n := len(flat) / stride
		if n == 1 {
			s.sites = append(s.sites, site{flat[0] - ox, flat[1] - oy, flat[0] - ox, flat[1] - oy, z(flat, 0), z(flat, 0)})
			return
		}
		added := false
		for i := 1; i < n; i++ {
			p, q := (i-1)*stride, i*stride
			if flat[p] == flat[q] && flat[p+1] == flat[q+1] {
				continue
			}
			s.sites = append(s.sites, site{flat[p] - ox, flat[p+1] - oy, flat[q] - ox, flat[q+1] - oy, z(flat, p), z(flat, q)})
			s.edges++
			added = true
		}
		if !added && n > 0 { // every vertex the same: a point
			s.sites = append(s.sites, site{flat[0] - ox, flat[1] - oy, flat[0] - ox, flat[1] - oy, z(flat, 0), z(flat, 0)})
		}
	}
	var walk func(g geom.T)
	walk = func(g geom.T) {
		switch g := g.(type) {
		case *geom.Point:
			if !g.Empty() {
				chain(g.FlatCoords())
			}
		case *geom.MultiPoint:
			flat := g.FlatCoords()
			for i := 0; i+stride <= len(flat); i += stride {
				if math.IsNaN(flat[i]) { // an empty member
					continue
				}
				chain(flat[i : i+stride])
			}
		case *geom.LineString:
			chain(g.FlatCoords())
		case *geom.LinearRing:
			chain(g.FlatCoords())
		case *geom.Polygon:
			flat, start := g.FlatCoords(), 0
			for _, end := range g.Ends() {
				chain(flat[start:end])
				start = end
			}
		case *geom.MultiLineString:
			flat, start := g.FlatCoords(), 0
			for _, end := range g.Ends() {
				chain(flat[start:end])
				start = end
			}
		case *geom.MultiPolygon:
			flat, start := g.FlatCoords(), 0
			for _, ends := range g.Endss() {
				for _, end := range ends {
					chain(flat[start:end])
					start = end
				}
			}
		case *geom.GeometryCollection:
			for _, c := range g.Geoms() {
				walk(c)
			}
		}
	}
	walk(g)
	return s
}

// origin returns a coordinate of g to measure from: its first one, or (0, 0).
func origin(g geom.T) (float64, float64) {
	if g == nil {
		return 0, 0
	}
	switch g := g.(type) {
	case *geom.GeometryCollection:
		for _, c := range g.Geoms() {
			if x, y := origin(c); x != 0 || y != 0 {
				return x, y
			}
		}
		return 0, 0
	}
	flat := g.FlatCoords()
	if len(flat) < 2 || math.IsNaN(flat[0]) {
		return 0, 0
	}
	return flat[0], flat[1]
}

// hausdorff returns the exact Hausdorff distance between the boundaries of a and b, and the
// largest height difference between a vertex of either and the nearest point of the other
// (interpolated along the edge there), NaN unless both have heights. Both geometries must be
// in the same projected CRS. An empty side gives +Inf.
func hausdorff(a, b geom.T) (dist, dz float64) {
	ox, oy := origin(a)
	sa, sb := shapeOf(a, ox, oy), shapeOf(b, ox, oy)
	return hausdorffShapes(sa, sb)
}

func hausdorffShapes(sa, sb shape) (dist, dz float64) {
	if len(sa.sites) == 0 || len(sb.sites) == 0 {
		if len(sa.sites) == 0 && len(sb.sites) == 0 {
			return 0, math.NaN()
		}
		return math.Inf(1), math.NaN()
	}
	var w workspace
	hab := w.directed(sa.sites, sb.sites)
	hba := w.directed(sb.sites, sa.sites)
	dz = math.NaN()
	if sa.hasZ && sb.hasZ {
		dz = max(heightGap(sa.sites, sb.sites), heightGap(sb.sites, sa.sites))
	}
	return max(hab, hba), dz
}

// workspace holds the slices the directed distance reuses from edge to edge.
type workspace struct {
	relevant []int
	cands    []float64
}

// directed returns h(A→B), exactly. It works in squared distances, which order the same
// way, and takes the root at the end.
func (w *workspace) directed(as, bs []site) float64 {
	best := 0.0
	for _, a := range as {
		dx, dy := a.bx-a.ax, a.by-a.ay
		if dx == 0 && dy == 0 { // a point of A
			best = max(best, nearest2(a.ax, a.ay, bs))
			continue
		}
		// First pass over B: the distance at both ends, and the bound U.
		d0, d1, ub := math.Inf(1), math.Inf(1), math.Inf(1)
		for _, b := range bs {
			e0 := pointSegment2(a.ax, a.ay, b)
			e1 := pointSegment2(a.bx, a.by, b)
			d0, d1 = min(d0, e0), min(d1, e1)
			ub = min(ub, max(e0, e1))
		}
		best = max(best, d0, d1)
		if ub <= best {
			continue
		}
		// The sites that can be nearest somewhere on the edge. The bound is widened by a
		// few ulps so that a site exactly at distance U is not lost to rounding.
		limit := ub + 1e-9*(1+ub)
		w.relevant = w.relevant[:0]
		for j, b := range bs {
			if segmentSegment2(a, b) <= limit {
				w.relevant = append(w.relevant, j)
			}
		}
		w.cands = w.cands[:0]
		for x := range w.relevant {
			bi := bs[w.relevant[x]]
			w.cands = appendBreaks(w.cands, a, bi)
			for y := x + 1; y < len(w.relevant); y++ {
				w.cands = appendCrossings(w.cands, a, bi, bs[w.relevant[y]])
			}
		}
		for _, t := range w.cands {
			if t <= 0 || t >= 1 {
				continue
			}
			px, py := a.ax+t*dx, a.ay+t*dy
			d := math.Inf(1)
			for _, j := range w.relevant {
				d = min(d, pointSegment2(px, py, bs[j]))
			}
			best = max(best, d)
		}
	}
	return math.Sqrt(best)
}

// nearest returns the distance from (x, y) to the nearest site.
func nearest(x, y float64, bs []site) float64 { return math.Sqrt(nearest2(x, y, bs)) }

// nearest2 returns the squared distance from (x, y) to the nearest site.
func nearest2(x, y float64, bs []site) float64 {
	d := math.Inf(1)
	for _, b := range bs {
		d = min(d, pointSegment2(x, y, b))
	}
	return d
}

// pointSegment returns the distance from (x, y) to the closed segment b.
func pointSegment(x, y float64, b site) float64 { return math.Sqrt(pointSegment2(x, y, b)) }

// pointSegment2 returns the squared distance from (x, y) to the closed segment b.
func pointSegment2(x, y float64, b site) float64 {
	qx, qy, _ := closest(x, y, b)
	return (x-qx)*(x-qx) + (y-qy)*(y-qy)
}

// closest returns the point of b nearest (x, y) and its parameter along b (0 at a, 1 at b).
func closest(x, y float64, b site) (qx, qy, s float64) {
	ux, uy := b.bx-b.ax, b.by-b.ay
	l2 := ux*ux + uy*uy
	if l2 == 0 {
		return b.ax, b.ay, 0
	}
	s = ((x-b.ax)*ux + (y-b.ay)*uy) / l2
	switch {
	case s <= 0:
		return b.ax, b.ay, 0
	case s >= 1:
		return b.bx, b.by, 1
	}
	return b.ax + s*ux, b.ay + s*uy, s
}

// segmentSegment2 returns the squared distance between two closed segments: 0 when they
// meet, else the least of the four end-to-segment distances.
func segmentSegment2(a, b site) float64 {
	if segmentsMeet(a, b) {
		return 0
	}
	return min(pointSegment2(a.ax, a.ay, b), pointSegment2(a.bx, a.by, b),
		pointSegment2(b.ax, b.ay, a), pointSegment2(b.bx, b.by, a))
}

// segmentsMeet reports whether two segments properly cross (touching and overlapping cases
// give a zero end-to-segment distance, which segmentSegment finds anyway).
func segmentsMeet(a, b site) bool {
	o1 := cross(a.ax, a.ay, a.bx, a.by, b.ax, b.ay)
	o2 := cross(a.ax, a.ay, a.bx, a.by, b.bx, b.by)
	o3 := cross(b.ax, b.ay, b.bx, b.by, a.ax, a.ay)
	o4 := cross(b.ax, b.ay, b.bx, b.by, a.bx, a.by)
	return (o1 > 0 && o2 < 0 || o1 < 0 && o2 > 0) && (o3 > 0 && o4 < 0 || o3 < 0 && o4 > 0)
}

// cross returns the z of (b−a)×(c−a): > 0 when c lies left of a→b.
func cross(ax, ay, bx, by, cx, cy float64) float64 {
	return (bx-ax)*(cy-ay) - (by-ay)*(cx-ax)
}

// The squared distance from p(t) = a.start + t·(a.end − a.start) to a site b is piecewise
// quadratic in t: to b's start while the projection of p(t) on b's line falls before it, to
// its end after it, and to the line in between. quad is one piece, c2·t² + c1·t + c0.
type quad struct{ c2, c1, c0 float64 }

// projection returns s(t) = s0 + s1·t, the parameter along b of the projection of p(t).
func projection(a, b site) (s0, s1 float64, ok bool) {
	ux, uy := b.bx-b.ax, b.by-b.ay
	l2 := ux*ux + uy*uy
	if l2 == 0 {
		return 0, 0, false
	}
	dx, dy := a.bx-a.ax, a.by-a.ay
	return ((a.ax-b.ax)*ux + (a.ay-b.ay)*uy) / l2, (dx*ux + dy*uy) / l2, true
}

// pieceAt returns the piece of the squared distance from p(t) to b that holds at t.
func pieceAt(a, b site, t float64) quad {
	dx, dy := a.bx-a.ax, a.by-a.ay
	toPoint := func(x, y float64) quad { // |a.start + t·d − (x, y)|²
		ex, ey := a.ax-x, a.ay-y
		return quad{dx*dx + dy*dy, 2 * (ex*dx + ey*dy), ex*ex + ey*ey}
	}
	s0, s1, ok := projection(a, b)
	if !ok {
		return toPoint(b.ax, b.ay)
	}
	switch s := s0 + s1*t; {
	case s <= 0:
		return toPoint(b.ax, b.ay)
	case s >= 1:
		return toPoint(b.bx, b.by)
	}
	// The squared distance to b's line: (n · (p(t) − b.start))² / |u|², n ⟂ u.
	ux, uy := b.bx-b.ax, b.by-b.ay
	l2 := ux*ux + uy*uy
	e := (a.ax-b.ax)*uy - (a.ay-b.ay)*ux
	f := dx*uy - dy*ux
	return quad{f * f / l2, 2 * e * f / l2, e * e / l2}
}

// breaks returns the parameters in (0, 1) where the piece of b's distance function changes.
func breaks(a, b site, out []float64) []float64 {
	s0, s1, ok := projection(a, b)
	if !ok || s1 == 0 {
		return out
	}
	for _, s := range [2]float64{0, 1} {
		if t := (s - s0) / s1; t > 0 && t < 1 {
			out = append(out, t)
		}
	}
	return out
}

// appendBreaks adds b's piece boundaries as candidates; they are harmless extra points at
// which the distance is evaluated.
func appendBreaks(out []float64, a, b site) []float64 { return breaks(a, b, out) }

// appendCrossings adds every t in (0, 1) where the distances from p(t) to b and to c are
// equal: on each interval between the two functions' piece boundaries both are single
// quadratics, and their difference is solved.
func appendCrossings(out []float64, a, b, c site) []float64 {
	var bounds [6]float64
	bs := append(bounds[:0], 0, 1)
	bs = breaks(a, b, bs)
	bs = breaks(a, c, bs)
	slices.Sort(bs)
	for i := 0; i+1 < len(bs); i++ {
		lo, hi := bs[i], bs[i+1]
		if hi <= lo {
			continue
		}
		mid := (lo + hi) / 2
		qb, qc := pieceAt(a, b, mid), pieceAt(a, c, mid)
		out = appendRoots(out, quad{qb.c2 - qc.c2, qb.c1 - qc.c1, qb.c0 - qc.c0}, lo, hi)
	}
	return out
}

// appendRoots adds the roots of q in [lo, hi]. A difference that vanishes identically (two
// sites at the same distance all along) has no crossing to add.
func appendRoots(out []float64, q quad, lo, hi float64) []float64 {
	in := func(t float64) bool { return t >= lo && t <= hi }
	scale := math.Abs(q.c2) + math.Abs(q.c1) + math.Abs(q.c0)
	if scale == 0 {
		return out
	}
	if math.Abs(q.c2) <= 1e-12*scale {
		if q.c1 != 0 {
			if t := -q.c0 / q.c1; in(t) {
				out = append(out, t)
			}
		}
		return out
	}
	disc := q.c1*q.c1 - 4*q.c2*q.c0
	if disc < 0 {
		// A double root lost to rounding still marks a touching point.
		if disc > -1e-12*q.c1*q.c1 {
			disc = 0
		} else {
			return out
		}
	}
	sq := math.Sqrt(disc)
	// The numerically stable pair: no cancellation between c1 and the root.
	k := -(q.c1 + math.Copysign(sq, q.c1)) / 2
	if k != 0 {
		if t := k / q.c2; in(t) {
			out = append(out, t)
		}
		if t := q.c0 / k; in(t) {
			out = append(out, t)
		}
	} else if t := 0.0; in(t) { // c1 = 0 and c0 = 0
		out = append(out, t)
	}
	return out
}

// heightGap returns the largest |Δz| between a vertex of as and the nearest point of bs, the
// height there interpolated along the edge.
func heightGap(as, bs []site) float64 {
	gap := 0.0
	vertex := func(x, y, z float64) {
		best, bz := math.Inf(1), math.NaN()
		for _, b := range bs {
			qx, qy, s := closest(x, y, b)
			if d := (x-qx)*(x-qx) + (y-qy)*(y-qy); d < best {
				best, bz = d, b.az+s*(b.bz-b.az)
			}
		}
		if dz := math.Abs(z - bz); dz > gap {
			gap = dz
		}
	}
	for _, a := range as {
		vertex(a.ax, a.ay, a.az)
		vertex(a.bx, a.by, a.bz)
	}
	return gap
}
