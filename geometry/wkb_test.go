package geometry

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
)

func TestEWKBRoundTrip(t *testing.T) {
	t.Parallel()
	for _, layout := range []geom.Layout{geom.XY, geom.XYZ} {
		srid := SWEREF99_1800
		if layout == geom.XYZ {
			srid = SWEREF99_1800_RH2000
		}
		for name, g := range fixtures(layout, srid) {
			t.Run(layout.String()+"/"+name, func(t *testing.T) {
				t.Parallel()
				b, err := MarshalEWKB(g)
				require.NoError(t, err)
				back, err := UnmarshalEWKB(b)
				require.NoError(t, err)
				assertGeomEqual(t, g, back, 0)

				h, err := MarshalEWKBHex(g)
				require.NoError(t, err)
				assert.Equal(t, strings.ToUpper(hex.EncodeToString(b)), strings.ToUpper(h))
				back, err = UnmarshalEWKBHex(h)
				require.NoError(t, err)
				assertGeomEqual(t, g, back, 0)

				w, err := MarshalWKB(g)
				require.NoError(t, err)
				plain, err := UnmarshalEWKB(w)
				require.NoError(t, err)
				assert.Equal(t, 0, plain.SRID(), "plain wkb has no srid")

				s, err := MarshalWKT(g)
				require.NoError(t, err)
				back, err = UnmarshalWKT(s, srid)
				require.NoError(t, err)
				assertGeomEqual(t, g, back, 0)
			})
		}
	}
}

// TestEWKBPostGISBytes pins the EWKB layout PostGIS uses: byte order 1 (NDR), type 0x20000001
// (point with SRID flag), SRID 3006 = 0x0BBE, then x = 500000 and y = 6500000 as little-endian
// doubles (the expected bytes were built independently with Python's struct.pack).
func TestEWKBPostGISBytes(t *testing.T) {
	t.Parallel()
	h, err := MarshalEWKBHex(geom.NewPointFlat(geom.XY, []float64{500000, 6500000}).SetSRID(3006))
	require.NoError(t, err)
	assert.Equal(t, "0101000020BE0B00000000000080841E4100000000A8CB5841", strings.ToUpper(h))
	h3, err := MarshalEWKBHex(geom.NewPointFlat(geom.XYZ, []float64{500000, 6500000, 10}).SetSRID(5845))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(strings.ToUpper(h3), "01010000A0D5160000"), "Z flag and srid 5845: %s", h3)
}

func TestEWKT(t *testing.T) {
	t.Parallel()
	p := geom.NewPointFlat(geom.XY, []float64{147350.125, 6585220.5}).SetSRID(3011)
	s, err := MarshalEWKT(p)
	require.NoError(t, err)
	assert.Equal(t, "SRID=3011;POINT (147350.125 6585220.5)", s)
	back, err := UnmarshalWKT(s, 0)
	require.NoError(t, err)
	assertGeomEqual(t, p, back, 0)
	_, err = UnmarshalWKT(s, 3006)
	assert.Error(t, err, "contradicting srids")
	for _, bad := range []string{"SRID=x;POINT(1 2)", "SRID=3006 POINT(1 2)", "POINT(1", ""} {
		_, err = UnmarshalWKT(bad, 0)
		assert.Error(t, err, bad)
	}
	_, err = MarshalWKT(nil)
	assert.ErrorIs(t, err, ErrUnsupportedGeometry)
}

func TestUnmarshalEWKBHostile(t *testing.T) {
	t.Parallel()
	good, err := MarshalEWKB(fixtures(geom.XY, 3011)["MultiPolygon"])
	require.NoError(t, err)
	for i := range good { // every truncation fails cleanly
		_, err := UnmarshalEWKB(good[:i])
		assert.Error(t, err, "truncated at %d", i)
	}
	// A linestring claiming 2³¹ points in a 13-byte input.
	huge, _ := hex.DecodeString("010200000000000080")
	_, err = UnmarshalEWKB(append(huge, 0, 0, 0, 0))
	assert.ErrorIs(t, err, ErrTooLarge)
	_, err = UnmarshalEWKB([]byte{7, 1, 0, 0, 0})
	assert.ErrorIs(t, err, ErrUnsupportedGeometry)
	for _, f := range []func() error{
		func() error { _, err := MarshalWKB(nil); return err },
		func() error { _, err := MarshalEWKB(nil); return err },
		func() error { _, err := MarshalEWKBHex(nil); return err },
	} {
		assert.ErrorIs(t, f(), ErrUnsupportedGeometry)
	}
	_, err = UnmarshalEWKBHex("zz")
	assert.Error(t, err)
}
