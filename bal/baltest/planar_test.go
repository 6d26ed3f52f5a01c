package baltest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
)

func tmPolygon(coords ...float64) *geom.Polygon {
	return geom.NewPolygonFlat(geom.XY, coords, []int{len(coords)}).SetSRID(3006)
}

func tmPoint(e, n float64) *geom.Point {
	return geom.NewPointFlat(geom.XY, []float64{e, n}).SetSRID(3006)
}

func TestShapeDistance(t *testing.T) {
	t.Parallel()
	square := tmPolygon(600000, 6700000, 600010, 6700000, 600010, 6700010, 600000, 6700010, 600000, 6700000)
	tests := []struct {
		name string
		a, b geom.T
		want float64
	}{
		{"point inside", tmPoint(600005, 6700005), square, 0},
		{"point outside east", tmPoint(600013, 6700005), square, 3},
		{"point diagonal", tmPoint(600013, 6700014), square, 5},
		{"polygon inside polygon", tmPolygon(600002, 6700002, 600003, 6700002, 600003, 6700003, 600002, 6700002), square, 0},
		{"polygon around polygon", square, tmPolygon(600002, 6700002, 600003, 6700002, 600003, 6700003, 600002, 6700002), 0},
		{"crossing line", geom.NewLineStringFlat(geom.XY, []float64{599995, 6700005, 600015, 6700005}).SetSRID(3006), square, 0},
		{"two points", tmPoint(600000, 6700000), tmPoint(600003, 6700004), 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, err := toShape(tc.a)
			require.NoError(t, err)
			b, err := toShape(tc.b)
			require.NoError(t, err)
			assert.InDelta(t, tc.want, a.distance(b), 1e-9)
			assert.InDelta(t, tc.want, b.distance(a), 1e-9)
		})
	}
}
