package geometry

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
)

func TestAreaAndCentroid(t *testing.T) {
	t.Parallel()
	fx := fixtures(geom.XY, SWEREF99_1800)
	tests := []struct {
		name   string
		g      geom.T
		area   float64
		cx, cy float64
	}{
		// 40.5 m square with a 5.25 m hole: area and centroid worked out by hand.
		{"polygon with hole", fx["Polygon"], 40.5*40.5 - 5.25*5.25,
			e0 + (40.5*40.5*20.25-5.25*5.25*(10+2.625))/(40.5*40.5-5.25*5.25),
			n0 + (40.5*40.5*20.25-5.25*5.25*(10+2.625))/(40.5*40.5-5.25*5.25)},
		{"multipolygon", fx["MultiPolygon"], 40.5*40.5 - 5.25*5.25 + 400,
			e0 + (40.5*40.5*20.25-5.25*5.25*12.625+400*110)/(40.5*40.5-5.25*5.25+400),
			n0 + (40.5*40.5*20.25-5.25*5.25*12.625+400*110)/(40.5*40.5-5.25*5.25+400)},
		{"clockwise shell counts the same", poly(3011, ring(0, 0, 0, 10, 10, 10, 10, 0, 0, 0)), 100, e0 + 5, n0 + 5},
		{"3D", fixtures(geom.XYZ, SWEREF99_1800_RH2000)["Polygon"], 40.5*40.5 - 5.25*5.25,
			e0 + (40.5*40.5*20.25-5.25*5.25*12.625)/(40.5*40.5-5.25*5.25),
			n0 + (40.5*40.5*20.25-5.25*5.25*12.625)/(40.5*40.5-5.25*5.25)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, err := Area(tt.g)
			require.NoError(t, err)
			assert.InDelta(t, tt.area, a, 1e-6)
			c, err := Centroid(tt.g)
			require.NoError(t, err)
			assert.InDelta(t, tt.cx, c.X(), 1e-6)
			assert.InDelta(t, tt.cy, c.Y(), 1e-6)
			assert.Equal(t, tt.g.SRID(), c.SRID())
		})
	}
}

func TestAreaGridVersusTM(t *testing.T) {
	t.Parallel()
	// The same footprint in TM has the area scaled by about k² (k ≈ 0.9996 + …): within 0.1 %.
	p := fixtures(geom.XY, SWEREF99_1800)["Polygon"]
	a1, err := Area(p)
	require.NoError(t, err)
	tm, err := Transform(p, SWEREF99TM)
	require.NoError(t, err)
	a2, err := Area(tm)
	require.NoError(t, err)
	assert.InEpsilon(t, a1, a2, 1e-3)
	assert.NotEqual(t, a1, a2)
}

func TestMeasureErrors(t *testing.T) {
	t.Parallel()
	ll, err := Transform(fixtures(geom.XY, SWEREF99_1800)["Polygon"], SWEREF99Geographic)
	require.NoError(t, err)
	_, err = Area(ll)
	assert.ErrorIs(t, err, ErrNotProjected)
	_, err = Centroid(ll)
	assert.ErrorIs(t, err, ErrNotProjected)
	_, err = Area(fixtures(geom.XY, SWEREF99_1800)["LineString"])
	assert.ErrorIs(t, err, ErrUnsupportedGeometry)
	_, err = Area(nil)
	assert.ErrorIs(t, err, ErrUnsupportedGeometry)
	_, err = Area(poly(0, ring(0, 0, 1, 0, 1, 1, 0, 0)))
	assert.ErrorIs(t, err, ErrUnknownCRS)
	_, err = Centroid(poly(3011, ring(0, 0, 1, 0, 2, 0, 0, 0)))
	assert.ErrorIs(t, err, ErrUnsupportedGeometry, "zero area has no centroid")
}
