package geometry

import (
	"math"
	"sort"
)

// Planar predicates on rings stored as go-geom flat coordinates (x at i, y at i+1). They work
// relative to the ring's first vertex so that Swedish grid coordinates (~7·10⁶ m) keep their
// millimetres in the products.

// ringSignedArea returns the shoelace area of a ring: positive when counter-clockwise in the
// x (east), y (north) plane. The closing edge is included whether or not the ring is closed.
func ringSignedArea(flat []float64, stride int) float64 {
	a, _, _ := ringMoments(flat, stride)
	return a
}

// ringPerimeter is used to scale the zero-area tolerance.
func ringPerimeter(flat []float64, stride int) float64 {
	var p float64
	for i := stride; i+1 < len(flat); i += stride {
		p += math.Hypot(flat[i]-flat[i-stride], flat[i+1]-flat[i+1-stride])
	}
	return p
}

// vertex is a ring vertex with its index in the original ring, for reporting.
type vertex struct {
	x, y  float64
	index int
}

// ringVertices returns the ring's vertices without consecutive duplicates and without the
// closing repeat, so that segment i runs from v[i] to v[(i+1)%len(v)].
func ringVertices(flat []float64, stride int) []vertex {
	n := len(flat) / stride
	out := make([]vertex, 0, n)
	for i := range n {
		x, y := flat[i*stride], flat[i*stride+1]
		if len(out) > 0 && out[len(out)-1].x == x && out[len(out)-1].y == y {
			continue
		}
		out = append(out, vertex{x, y, i})
	}
	for len(out) > 1 && out[0].x == out[len(out)-1].x && out[0].y == out[len(out)-1].y {
		out = out[:len(out)-1]
	}
	return out
}

// orient returns the sign of the turn a → b → c: > 0 left (counter-clockwise), < 0 right.
func orient(ax, ay, bx, by, cx, cy float64) float64 {
	return (bx-ax)*(cy-ay) - (by-ay)*(cx-ax)
}

func sign(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// onSegment reports whether c, known to be collinear with a–b, lies within its bounding box.
func onSegment(ax, ay, bx, by, cx, cy float64) bool {
	return math.Min(ax, bx) <= cx && cx <= math.Max(ax, bx) && math.Min(ay, by) <= cy && cy <= math.Max(ay, by)
}

// contact classifies how two segments meet.
type contact int

const (
	noContact contact = iota
	touch             // meet in one point that is an endpoint of at least one segment
	cross             // cross at a point interior to both
	overlap           // collinear with a shared stretch of positive length
)

func segmentContact(ax, ay, bx, by, cx, cy, dx, dy float64) contact {
	d1 := sign(orient(cx, cy, dx, dy, ax, ay))
	d2 := sign(orient(cx, cy, dx, dy, bx, by))
	d3 := sign(orient(ax, ay, bx, by, cx, cy))
	d4 := sign(orient(ax, ay, bx, by, dx, dy))
	if d1*d2 < 0 && d3*d4 < 0 {
		return cross
	}
	if d1 == 0 && d2 == 0 { // collinear
		// Project on the dominant axis and compare the intervals.
		var a0, a1, c0, c1 float64
		if math.Abs(bx-ax) >= math.Abs(by-ay) {
			a0, a1, c0, c1 = ax, bx, cx, dx
		} else {
			a0, a1, c0, c1 = ay, by, cy, dy
		}
		if a0 > a1 {
			a0, a1 = a1, a0
		}
		if c0 > c1 {
			c0, c1 = c1, c0
		}
		lo, hi := math.Max(a0, c0), math.Min(a1, c1)
		switch {
		case lo < hi:
			return overlap
		case lo == hi:
			return touch
		}
		return noContact
	}
	if (d1 == 0 && onSegment(cx, cy, dx, dy, ax, ay)) || (d2 == 0 && onSegment(cx, cy, dx, dy, bx, by)) ||
		(d3 == 0 && onSegment(ax, ay, bx, by, cx, cy)) || (d4 == 0 && onSegment(ax, ay, bx, by, dx, dy)) {
		return touch
	}
	return noContact
}

// segment is one edge of a ring, for the sweep below.
type segment struct {
	ring, i                int // ring number and index of the first vertex in that ring's vertices
	ax, ay, bx, by         float64
	minX, maxX, minY, maxY float64
}

func ringSegments(ring int, v []vertex, x0, y0 float64) []segment {
	if len(v) < 2 {
		return nil
	}
	out := make([]segment, 0, len(v))
	for i := range v {
		a, b := v[i], v[(i+1)%len(v)]
		if len(v) == 2 && i == 1 {
			break // a two-vertex "ring" has one edge, not two
		}
		s := segment{ring: ring, i: i, ax: a.x - x0, ay: a.y - y0, bx: b.x - x0, by: b.y - y0}
		s.minX, s.maxX = math.Min(s.ax, s.bx), math.Max(s.ax, s.bx)
		s.minY, s.maxY = math.Min(s.ay, s.by), math.Max(s.ay, s.by)
		out = append(out, s)
	}
	return out
}

// sweepContacts calls fn for every pair of segments whose bounding boxes overlap and that
// meet, sorted by x so that a ring of n edges costs about n·log n plus the number of close
// pairs instead of n². fn returns false to stop.
func sweepContacts(segs []segment, fn func(a, b segment, c contact) bool) {
	sort.SliceStable(segs, func(i, j int) bool { return segs[i].minX < segs[j].minX })
	for i := range segs {
		a := segs[i]
		for j := i + 1; j < len(segs) && segs[j].minX <= a.maxX; j++ {
			b := segs[j]
			if b.minY > a.maxY || b.maxY < a.minY {
				continue
			}
			if c := segmentContact(a.ax, a.ay, a.bx, a.by, b.ax, b.ay, b.bx, b.by); c != noContact {
				if !fn(a, b, c) {
					return
				}
			}
		}
	}
}

// pointInRing returns +1 inside, -1 outside and 0 on the boundary of the ring v.
func pointInRing(x, y float64, v []vertex) int {
	inside := false
	for i := range v {
		a, b := v[i], v[(i+1)%len(v)]
		if orient(a.x, a.y, b.x, b.y, x, y) == 0 && onSegment(a.x, a.y, b.x, b.y, x, y) {
			return 0
		}
		if (a.y > y) != (b.y > y) {
			xi := a.x + (y-a.y)*(b.x-a.x)/(b.y-a.y)
			if x < xi {
				inside = !inside
			}
		}
	}
	if inside {
		return 1
	}
	return -1
}
