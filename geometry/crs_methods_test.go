package geometry

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCRSMethods covers the per-point fast path and the descriptive methods
// of a CRS with a control point of geodesy.md (59° N, 11.25° E in SWEREF 99
// 12 00: N 6 542 910.921, E 106 894.103).
func TestCRSMethods(t *testing.T) {
	t.Parallel()
	zone, err := Lookup(3007)
	require.NoError(t, err)
	x, y := zone.FromGeographic(59.00, 11.25)
	assert.InDelta(t, 106894.103, x, 0.0005, "easting, go-geom x")
	assert.InDelta(t, 6542910.921, y, 0.0005, "northing, go-geom y")
	lat, lon := zone.ToGeographic(106894.103, 6542910.921)
	assert.InDelta(t, 59.00, lat, 1e-8)
	assert.InDelta(t, 11.25, lon, 1e-8)
	assert.Equal(t, "EPSG:3007 SWEREF 99 12 00", zone.String())
	assert.False(t, zone.HasHeight())

	withHeight, err := Lookup(5846)
	require.NoError(t, err)
	assert.True(t, withHeight.HasHeight(), "SWEREF 99 12 00 + RH 2000 carries heights")

	geo, err := Lookup(SWEREF99Geographic)
	require.NoError(t, err)
	lat, lon = geo.ToGeographic(17.1, 60.7)
	assert.Equal(t, [2]float64{60.7, 17.1}, [2]float64{lat, lon}, "geographic: x is longitude, y latitude")
}
