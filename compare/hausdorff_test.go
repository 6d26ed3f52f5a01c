package compare

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
)

// Grid coordinates as a municipality's have them, so that the origin shift is exercised.
const e0, n0 = 615000.0, 6729000.0

func poly(coords ...float64) *geom.Polygon {
	flat := make([]float64, 0, len(coords)+2)
	for i := 0; i+1 < len(coords); i += 2 {
		flat = append(flat, coords[i]+e0, coords[i+1]+n0)
	}
	flat = append(flat, flat[0], flat[1])
	return geom.NewPolygonFlat(geom.XY, flat, []int{len(flat)}).SetSRID(3006)
}

func line(coords ...float64) *geom.LineString {
	flat := make([]float64, 0, len(coords))
	for i := 0; i+1 < len(coords); i += 2 {
		flat = append(flat, coords[i]+e0, coords[i+1]+n0)
	}
	return geom.NewLineStringFlat(geom.XY, flat).SetSRID(3006)
}

func points(coords ...float64) *geom.MultiPoint {
	flat := make([]float64, 0, len(coords))
	for i := 0; i+1 < len(coords); i += 2 {
		flat = append(flat, coords[i]+e0, coords[i+1]+n0)
	}
	return geom.NewMultiPointFlat(geom.XY, flat).SetSRID(3006)
}

// vertexOnly is the approximation the exact algorithm must beat: the largest distance from
// a vertex of either geometry to the other's boundary.
func vertexOnly(a, b geom.T) float64 {
	ox, oy := origin(a)
	sa, sb := shapeOf(a, ox, oy), shapeOf(b, ox, oy)
	h := 0.0
	for _, s := range sa.sites {
		h = max(h, nearest(s.ax, s.ay, sb.sites), nearest(s.bx, s.by, sb.sites))
	}
	for _, s := range sb.sites {
		h = max(h, nearest(s.ax, s.ay, sa.sites), nearest(s.bx, s.by, sa.sites))
	}
	return h
}

// Cases worked out by hand. Each says why the answer is what it is.
func TestHausdorffHandComputed(t *testing.T) {
	t.Parallel()
	square := poly(0, 0, 10, 0, 10, 10, 0, 10)
	tests := []struct {
		name string
		a, b geom.T
		// want is the exact distance, vertex the vertex-only approximation (which must
		// differ where the case is about edges).
		want, vertex float64
	}{
		{
			name: "identical squares", a: square, b: poly(0, 0, 10, 0, 10, 10, 0, 10),
			want: 0, vertex: 0,
		},
		{
			name: "the same square from another start vertex and reversed", a: square, b: poly(10, 10, 10, 0, 0, 0, 0, 10),
			want: 0, vertex: 0,
		},
		{
			// Every point of the left edge is 0.3 from the moved square's left edge; the
			// top and bottom edges overlap the moved ones except for 0.3 at the ends.
			name: "square moved 0.3 m east", a: square, b: poly(0.3, 0, 10.3, 0, 10.3, 10, 0.3, 10),
			want: 0.3, vertex: 0.3,
		},
		{
			name: "square moved 3 mm north", a: square, b: poly(0, 0.003, 10, 0.003, 10, 10.003, 0, 10.003),
			want: 0.003, vertex: 0.003,
		},
		{
			// A's corner (0, 0) is 2√2 from B's nearest point, its corner (2, 2); B's
			// points are all within 2 of A's edges.
			name: "square inside a square", a: square, b: poly(2, 2, 8, 2, 8, 8, 2, 8),
			want: 2 * math.Sqrt2, vertex: 2 * math.Sqrt2,
		},
		{
			// The segment's midpoint (5, 0) is √(5² + 1²) from both points; its ends are 1
			// from them. The vertices alone say 1.
			name: "a segment against two points above its ends", a: line(0, 0, 10, 0), b: points(0, 1, 10, 1),
			want: math.Sqrt(26), vertex: 1,
		},
		{
			// A segment against two segments that leave a gap over its middle: (0,1)–(4,1)
			// and (6,1)–(10,1). The point (5, 0) is √(1² + 1²) from both inner ends; every
			// vertex is 1 from the other side.
			name: "a gap over the middle of an edge", a: line(0, 0, 10, 0),
			b:    geom.NewMultiLineStringFlat(geom.XY, []float64{e0, n0 + 1, e0 + 4, n0 + 1, e0 + 6, n0 + 1, e0 + 10, n0 + 1}, []int{4, 8}).SetSRID(3006),
			want: math.Sqrt2, vertex: 1,
		},
		{
			// Rectangle 10 × 2 against the same whose top edge dips between (3, 2) and
			// (7, 2) to (5, 0.5). A's top-edge point (5, 2) is 1.5 from that vertex but
			// only |(2, 0) × (2, −1.5)| / 2.5 = 1.2 from the slanted edge (3,2)–(5,0.5)
			// (and from its mirror image); along A's top edge the distance rises from 0
			// at x = 3 to 1.2 at x = 5, where the two slanted edges' distances cross.
			// Back from B, the slanted edges' points are at most 1 from A (at y = 1,
			// between top and bottom), and the vertex (5, 0.5) is 0.5 from the bottom:
			// the vertex-only answer.
			name: "a notch under the middle of an edge", a: poly(0, 0, 10, 0, 10, 2, 0, 2),
			b:    poly(0, 0, 10, 0, 10, 2, 7, 2, 5, 0.5, 3, 2, 0, 2),
			want: 1.2, vertex: 0.5,
		},
		{
			// A point against a polygon: the distance to its boundary, both ways the
			// farthest vertex: (10, 10) is √(5² + 5²) from (5, 5).
			name: "a point inside a square", a: geom.NewPointFlat(geom.XY, []float64{e0 + 5, n0 + 5}).SetSRID(3006), b: square,
			want: 5 * math.Sqrt2, vertex: 5 * math.Sqrt2,
		},
		{
			name: "two points", a: geom.NewPointFlat(geom.XY, []float64{e0, n0}).SetSRID(3006), b: geom.NewPointFlat(geom.XY, []float64{e0 + 3, n0 + 4}).SetSRID(3006),
			want: 5, vertex: 5,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, _ := hausdorff(tt.a, tt.b)
			assert.InDelta(t, tt.want, got, 1e-9, "exact")
			back, _ := hausdorff(tt.b, tt.a)
			assert.InDelta(t, tt.want, back, 1e-9, "symmetric")
			assert.InDelta(t, tt.vertex, vertexOnly(tt.a, tt.b), 1e-9, "vertex-only")
		})
	}
}

// The notch case in the directed form, where the vertex-only answer is 0: every vertex of
// A lies on B.
func TestHausdorffDirectedInteriorMaximum(t *testing.T) {
	t.Parallel()
	// B's top edge dips to (5, 1): A's top-edge point (5, 2) is 5/√26 from B's edges
	// (0,2)–(5,1) and (5,1)–(10,2), and every vertex of A is on B.
	a := poly(0, 0, 10, 0, 10, 2, 0, 2)
	b := poly(0, 0, 10, 0, 10, 2, 5, 1, 0, 2)
	ox, oy := origin(a)
	sa, sb := shapeOf(a, ox, oy), shapeOf(b, ox, oy)
	var w workspace
	assert.InDelta(t, 5/math.Sqrt(26), w.directed(sa.sites, sb.sites), 1e-12)
	assert.InDelta(t, 1, w.directed(sb.sites, sa.sites), 1e-12)
}

func TestHausdorffEmptyAndHeights(t *testing.T) {
	t.Parallel()
	square := poly(0, 0, 10, 0, 10, 10, 0, 10)
	d, dz := hausdorff(square, geom.NewPolygon(geom.XY).SetSRID(3006))
	assert.True(t, math.IsInf(d, 1))
	assert.True(t, math.IsNaN(dz))
	d, _ = hausdorff(nil, nil)
	assert.Zero(t, d)

	z := func(h float64, dh float64) *geom.Polygon {
		return geom.NewPolygonFlat(geom.XYZ, []float64{
			e0, n0, h, e0 + 10, n0, h, e0 + 10, n0 + 10, h + dh, e0, n0 + 10, h, e0, n0, h,
		}, []int{15}).SetSRID(5845)
	}
	d, dz = hausdorff(z(20, 0), z(20, 0.25))
	assert.Zero(t, d)
	assert.InDelta(t, 0.25, dz, 1e-12)
	_, dz = hausdorff(z(20, 0), square)
	assert.True(t, math.IsNaN(dz), "no height difference unless both have heights")
}

// The exact distance against dense sampling of random polygons: sampling can only find less,
// and by no more than half the sampling step (the distance to a set changes no faster than
// the point moves).
func TestHausdorffAgainstSampling(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 17))
	star := func(cx, cy float64, n int) *geom.Polygon {
		var c []float64
		for i := range n {
			a := 2 * math.Pi * float64(i) / float64(n)
			r := 3 + 7*rng.Float64()
			c = append(c, cx+r*math.Cos(a), cy+r*math.Sin(a))
		}
		return poly(c...)
	}
	sample := func(a, b geom.T, step float64) float64 {
		ox, oy := origin(a)
		sa, sb := shapeOf(a, ox, oy), shapeOf(b, ox, oy)
		h := 0.0
		for _, s := range sa.sites {
			l := math.Hypot(s.bx-s.ax, s.by-s.ay)
			k := int(math.Ceil(l / step))
			for i := 0; i <= k; i++ {
				t := float64(i) / float64(k)
				h = max(h, nearest(s.ax+t*(s.bx-s.ax), s.ay+t*(s.by-s.ay), sb.sites))
			}
		}
		return h
	}
	const step = 0.002
	beatVertex := 0
	for i := range 60 {
		a := star(0, 0, 3+rng.IntN(9))
		b := star(rng.Float64()*4-2, rng.Float64()*4-2, 3+rng.IntN(9))
		got, _ := hausdorff(a, b)
		sampled := max(sample(a, b, step), sample(b, a, step))
		require.LessOrEqual(t, sampled, got+1e-9, "case %d: sampling found more than the exact distance", i)
		require.LessOrEqual(t, got, sampled+step/2+1e-9, "case %d: the exact distance is not attained", i)
		if got > vertexOnly(a, b)+1e-6 {
			beatVertex++
		}
	}
	assert.Positive(t, beatVertex, "some random cases have their maximum inside an edge")
}

func BenchmarkHausdorff(b *testing.B) {
	a := poly(0, 0, 12, 0, 12, 8, 6, 8, 6, 14, 0, 14)
	c := poly(0.3, 0, 12.3, 0, 12.3, 8, 6.3, 8, 6.3, 14, 0.3, 14)
	for b.Loop() {
		hausdorff(a, c)
	}
}
