package compare

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/twpayne/go-geom"
)

func TestOverlapAreaHandComputed(t *testing.T) {
	t.Parallel()
	square := poly(0, 0, 10, 0, 10, 10, 0, 10)
	withHole := geom.NewPolygonFlat(geom.XY, []float64{
		e0, n0, e0 + 10, n0, e0 + 10, n0 + 10, e0, n0 + 10, e0, n0,
		e0 + 2, n0 + 2, e0 + 2, n0 + 4, e0 + 4, n0 + 4, e0 + 4, n0 + 2, e0 + 2, n0 + 2,
	}, []int{10, 20}).SetSRID(3006)
	twoParts := geom.NewMultiPolygonFlat(geom.XY, []float64{
		e0, n0, e0 + 5, n0, e0 + 5, n0 + 10, e0, n0 + 10, e0, n0,
		e0 + 5, n0, e0 + 10, n0, e0 + 10, n0 + 10, e0 + 5, n0 + 10, e0 + 5, n0,
	}, [][]int{{10}, {20}}).SetSRID(3006)
	tests := []struct {
		name string
		a, b geom.T
		want float64
	}{
		{"identical", square, poly(0, 0, 10, 0, 10, 10, 0, 10), 100},
		{"identical, the other way round", square, poly(0, 10, 10, 10, 10, 0, 0, 0), 100},
		{"a corner: 2 × 3", square, poly(8, 7, 20, 7, 20, 20, 8, 20), 6},
		{"row houses sharing a wall", square, poly(10, 0, 20, 0, 20, 10, 10, 10), 0},
		{"sharing a wall's stretch and a strip 0.1 m wide", square, poly(9.9, 2, 20, 2, 20, 12, 9.9, 12), 0.8},
		{"touching at a corner", square, poly(10, 10, 20, 10, 20, 20, 10, 20), 0},
		{"apart", square, poly(30, 0, 40, 0, 40, 10, 30, 10), 0},
		{"inside", square, poly(2, 2, 5, 2, 5, 6, 2, 6), 12},
		{"containing", poly(2, 2, 5, 2, 5, 6, 2, 6), square, 12},
		{"inside, sharing two sides", square, poly(0, 0, 4, 0, 4, 5, 0, 5), 20},
		// An L (10 × 10 less its 5 × 5 top-right) against the square's right half: 5 × 5.
		{"an L and a half", poly(0, 0, 10, 0, 10, 5, 5, 5, 5, 10, 0, 10), poly(5, 0, 10, 0, 10, 10, 5, 10), 25},
		// The hole (2..4 × 2..4) takes 4 m² out of a 5 × 5 corner square.
		{"a hole", withHole, poly(0, 0, 5, 0, 5, 5, 0, 5), 21},
		// A triangle over the square's top edge: (5, 5), (15, 5), (5, 15) ∩ square is the
		// triangle (5,5),(10,5),(5,10) plus the quadrilateral to y = 10: 12.5 + 12.5.
		{"a triangle", square, poly(5, 5, 15, 5, 5, 15), 25},
		// Two parts sharing the wall x = 5 against a strip across it (10 × 2), and against
		// a rectangle with one side on that wall (3 × 2).
		{"a multipolygon whose parts share a wall", twoParts, poly(-1, 4, 11, 4, 11, 6, -1, 6), 20},
		{"a side on a multipolygon's inner wall", twoParts, poly(5, 2, 8, 2, 8, 4, 5, 4), 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.InDelta(t, tt.want, overlapArea(tt.a, tt.b), 1e-9)
			assert.InDelta(t, tt.want, overlapArea(tt.b, tt.a), 1e-9, "symmetric")
		})
	}
}

// Random star-shaped polygons against a fine grid of sample points.
func TestOverlapAreaAgainstSampling(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 8))
	star := func(cx, cy float64, n int) *geom.Polygon {
		var c []float64
		for i := range n {
			a := 2 * math.Pi * float64(i) / float64(n)
			r := 2 + 4*rng.Float64()
			c = append(c, cx+r*math.Cos(a), cy+r*math.Sin(a))
		}
		return poly(c...)
	}
	inside := func(g *geom.Polygon, x, y float64) bool {
		flat := g.FlatCoords()
		in := false
		for i := 0; i+3 < len(flat); i += 2 {
			ax, ay, bx, by := flat[i]-e0, flat[i+1]-n0, flat[i+2]-e0, flat[i+3]-n0
			if (ay > y) != (by > y) && x < ax+(y-ay)*(bx-ax)/(by-ay) {
				in = !in
			}
		}
		return in
	}
	const step = 0.02
	for i := range 20 {
		a := star(0, 0, 3+rng.IntN(10))
		b := star(rng.Float64()*6-3, rng.Float64()*6-3, 3+rng.IntN(10))
		var n int
		for x := -10 + step/2; x < 10; x += step {
			for y := -10 + step/2; y < 10; y += step {
				if inside(a, x, y) && inside(b, x, y) {
					n++
				}
			}
		}
		sampled := float64(n) * step * step
		got := overlapArea(a, b)
		assert.InDelta(t, sampled, got, 0.02*max(1, sampled), "case %d", i)
	}
}
