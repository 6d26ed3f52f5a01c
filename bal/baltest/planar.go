package baltest

import (
	"math"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// box is an axis-aligned rectangle in one CRS's grid.
type box struct{ minX, minY, maxX, maxY float64 }

func (b box) intersects(o box) bool {
	return b.minX <= o.maxX && o.minX <= b.maxX && b.minY <= o.maxY && o.minY <= b.maxY
}

func (b box) grow(d float64) box { return box{b.minX - d, b.minY - d, b.maxX + d, b.maxY + d} }

func boxOf(g geom.T) box {
	bb := g.Bounds()
	return box{bb.Min(0), bb.Min(1), bb.Max(0), bb.Max(1)}
}

// shape is a search geometry in SWEREF 99 TM: its rings (a point or line is
// one open "ring"), whether it is an area, and its box.
type shape struct {
	rings [][][2]float64
	area  bool
	box   box
}

// toShape transforms g to SWEREF 99 TM and flattens it into rings.
func toShape(g geom.T) (*shape, error) {
	tm := g
	// SWEREF 99 TM with RH 2000 heights has the same grid: no transform.
	if g.SRID() != geometry.SWEREF99TM && g.SRID() != 5845 {
		var err error
		if tm, err = geometry.Transform(g, geometry.SWEREF99TM); err != nil {
			return nil, err
		}
	}
	sh := &shape{box: boxOf(tm)}
	add := func(flat []float64, stride int) {
		ring := make([][2]float64, 0, len(flat)/stride)
		for i := 0; i+1 < len(flat); i += stride {
			ring = append(ring, [2]float64{flat[i], flat[i+1]})
		}
		sh.rings = append(sh.rings, ring)
	}
	stride := tm.Layout().Stride()
	switch t := tm.(type) {
	case *geom.Polygon:
		sh.area = true
		start := 0
		for _, end := range t.Ends() {
			add(t.FlatCoords()[start:end], stride)
			start = end
		}
	case *geom.MultiPolygon:
		sh.area = true
		start := 0
		for _, ends := range t.Endss() {
			for _, end := range ends {
				add(t.FlatCoords()[start:end], stride)
				start = end
			}
		}
	default:
		add(tm.FlatCoords(), stride)
	}
	return sh, nil
}

// distance returns the shortest distance between the two shapes, 0 when
// they intersect (one contains a vertex of the other, or edges cross).
func (a *shape) distance(b *shape) float64 {
	if a.area && a.containsAny(b) || b.area && b.containsAny(a) {
		return 0
	}
	best := -1.0
	for _, ra := range a.rings {
		for _, rb := range b.rings {
			if d := ringDistance(ra, rb); best < 0 || d < best {
				best = d
			}
		}
	}
	return best
}

// containsAny reports whether a vertex of o lies inside this area.
func (a *shape) containsAny(o *shape) bool {
	for _, r := range o.rings {
		for _, p := range r {
			if a.contains(p) {
				return true
			}
		}
	}
	return false
}

// contains is even-odd point in polygon over all rings, holes included.
func (a *shape) contains(p [2]float64) bool {
	in := false
	for _, r := range a.rings {
		for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
			if (r[i][1] > p[1]) != (r[j][1] > p[1]) &&
				p[0] < (r[j][0]-r[i][0])*(p[1]-r[i][1])/(r[j][1]-r[i][1])+r[i][0] {
				in = !in
			}
		}
	}
	return in
}

// ringDistance is the shortest distance between two polylines (a single
// point is a polyline of one vertex).
func ringDistance(a, b [][2]float64) float64 {
	best := -1.0
	try := func(d float64) {
		if best < 0 || d < best {
			best = d
		}
	}
	segs := func(r [][2]float64) [][2][2]float64 {
		if len(r) == 1 {
			return [][2][2]float64{{r[0], r[0]}}
		}
		out := make([][2][2]float64, 0, len(r)-1)
		for i := 0; i+1 < len(r); i++ {
			out = append(out, [2][2]float64{r[i], r[i+1]})
		}
		return out
	}
	for _, s := range segs(a) {
		for _, t := range segs(b) {
			if segmentsCross(s, t) {
				return 0
			}
			try(pointSegment(s[0], t))
			try(pointSegment(s[1], t))
			try(pointSegment(t[0], s))
			try(pointSegment(t[1], s))
		}
	}
	return best
}

func pointSegment(p [2]float64, s [2][2]float64) float64 {
	dx, dy := s[1][0]-s[0][0], s[1][1]-s[0][1]
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = ((p[0]-s[0][0])*dx + (p[1]-s[0][1])*dy) / l2
		t = max(0, min(1, t))
	}
	x, y := s[0][0]+t*dx-p[0], s[0][1]+t*dy-p[1]
	return sqrt(x*x + y*y)
}

func segmentsCross(s, t [2][2]float64) bool {
	o := func(a, b, c [2]float64) float64 { return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0]) }
	d1, d2 := o(t[0], t[1], s[0]), o(t[0], t[1], s[1])
	d3, d4 := o(s[0], s[1], t[0]), o(s[0], s[1], t[1])
	return (d1 > 0) != (d2 > 0) && (d3 > 0) != (d4 > 0) && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0
}

func sqrt(v float64) float64 { return math.Sqrt(v) }
