package gpkg

import (
	"encoding/binary"
	"encoding/hex"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
)

// sampleGeometries returns one geometry of every type in 2D and 3D (and M variants), plus the
// empty ones, for round trips through the blob codec and through tables.
func sampleGeometries() map[string]geom.T {
	ring2 := []float64{0, 0, 10, 0, 10, 10, 0, 10, 0, 0}
	hole2 := []float64{2, 2, 2, 4, 4, 4, 4, 2, 2, 2}
	ring3 := []float64{0, 0, 1, 10, 0, 2, 10, 10, 3, 0, 10, 4, 0, 0, 1}
	shift := func(flat []float64, stride int, dx float64) []float64 {
		out := append([]float64(nil), flat...)
		for i := 0; i < len(out); i += stride {
			out[i] += dx
		}
		return out
	}
	mp2 := geom.NewMultiPolygonFlat(geom.XY, append(append([]float64(nil), ring2...), shift(ring2, 2, 100)...), [][]int{{10}, {20}})
	mp3 := geom.NewMultiPolygonFlat(geom.XYZ, append(append([]float64(nil), ring3...), shift(ring3, 3, 100)...), [][]int{{15}, {30}})
	gc := geom.NewGeometryCollection()
	_ = gc.Push(geom.NewPointFlat(geom.XY, []float64{1, 2}), geom.NewLineStringFlat(geom.XY, []float64{0, 0, 5, 5}))
	gc3 := geom.NewGeometryCollection()
	_ = gc3.Push(geom.NewPointFlat(geom.XYZ, []float64{1, 2, 3}), geom.NewPolygonFlat(geom.XYZ, ring3, []int{15}))
	return map[string]geom.T{
		"point":                geom.NewPointFlat(geom.XY, []float64{500000.125, 6500000.25}),
		"point z":              geom.NewPointFlat(geom.XYZ, []float64{500000.125, 6500000.25, 12.5}),
		"point m":              geom.NewPointFlat(geom.XYM, []float64{1, 2, 3}),
		"point zm":             geom.NewPointFlat(geom.XYZM, []float64{1, 2, 3, 4}),
		"linestring":           geom.NewLineStringFlat(geom.XY, []float64{0, 0, 1, 1, 2, 0}),
		"linestring z":         geom.NewLineStringFlat(geom.XYZ, []float64{0, 0, 5, 1, 1, 6, 2, 0, 7}),
		"polygon":              geom.NewPolygonFlat(geom.XY, append(append([]float64(nil), ring2...), hole2...), []int{10, 20}),
		"polygon z":            geom.NewPolygonFlat(geom.XYZ, ring3, []int{15}),
		"polygon zm":           geom.NewPolygonFlat(geom.XYZM, []float64{0, 0, 1, 9, 1, 0, 1, 9, 1, 1, 1, 9, 0, 0, 1, 9}, []int{16}),
		"multipoint":           geom.NewMultiPointFlat(geom.XY, []float64{0, 0, 3, 4}),
		"multipoint z":         geom.NewMultiPointFlat(geom.XYZ, []float64{0, 0, 1, 3, 4, 2}),
		"multilinestring":      geom.NewMultiLineStringFlat(geom.XY, []float64{0, 0, 1, 1, 5, 5, 6, 7}, []int{4, 8}),
		"multilinestring z":    geom.NewMultiLineStringFlat(geom.XYZ, []float64{0, 0, 1, 1, 1, 1, 5, 5, 2, 6, 7, 2}, []int{6, 12}),
		"multipolygon":         mp2,
		"multipolygon z":       mp3,
		"geometrycollection":   gc,
		"geometrycollection z": gc3,
		"empty point":          geom.NewPointEmpty(geom.XY),
		"empty point z":        geom.NewPointEmpty(geom.XYZ),
		"empty linestring":     geom.NewLineString(geom.XY),
		"empty polygon":        geom.NewPolygon(geom.XY),
		"empty multipolygon":   geom.NewMultiPolygon(geom.XYZ),
		"empty collection":     geom.NewGeometryCollection(),
	}
}

func TestBlobRoundTrip(t *testing.T) {
	t.Parallel()
	for name, g := range sampleGeometries() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b, err := EncodeGeometry(g, 3006)
			require.NoError(t, err)
			h, err := DecodeHeader(b)
			require.NoError(t, err)
			assert.EqualValues(t, 3006, h.SRSID)
			assert.True(t, h.LittleEndian)
			assert.Equal(t, g.Empty(), h.Empty, "empty flag")
			_, isPoint := g.(*geom.Point)
			if g.Empty() || isPoint {
				assert.Nil(t, h.Envelope, "GDAL writes no envelope for points and empty geometries")
			} else {
				require.NotNil(t, h.Envelope)
				assert.Equal(t, g.Layout().ZIndex() >= 0, h.Envelope.HasZ)
				assert.Equal(t, g.Layout().MIndex() >= 0, h.Envelope.HasM)
				b := g.Bounds()
				assert.Equal(t, b.Min(0), h.Envelope.MinX)
				assert.Equal(t, b.Max(0), h.Envelope.MaxX)
				assert.Equal(t, b.Min(1), h.Envelope.MinY)
				assert.Equal(t, b.Max(1), h.Envelope.MaxY)
			}

			got, _, err := DecodeGeometry(b)
			require.NoError(t, err)
			assert.Equal(t, 3006, got.SRID())
			assertSameGeometry(t, g, got)

			minX, maxX, minY, maxY, ok := blobEnvelope(b)
			assert.Equal(t, !g.Empty(), ok, "envelope for the r-tree")
			if ok {
				bb := g.Bounds()
				assert.Equal(t, []float64{bb.Min(0), bb.Max(0), bb.Min(1), bb.Max(1)}, []float64{minX, maxX, minY, maxY})
			}
			empty, ok := blobIsEmpty(b)
			assert.True(t, ok)
			assert.Equal(t, g.Empty(), empty)
		})
	}
}

// assertSameGeometry compares type, layout and coordinates (go-geom values differ in SRID
// and internal capacity, so compare what matters).
func assertSameGeometry(t *testing.T, want, got geom.T) {
	t.Helper()
	require.IsType(t, want, got)
	assert.Equal(t, want.Empty(), got.Empty())
	if want.Empty() {
		if _, ok := want.(*geom.GeometryCollection); !ok {
			assert.Equal(t, want.Layout(), got.Layout())
		}
		return
	}
	assert.Equal(t, want.Layout(), got.Layout())
	if wc, ok := want.(*geom.GeometryCollection); ok {
		gc := got.(*geom.GeometryCollection)
		require.Equal(t, wc.NumGeoms(), gc.NumGeoms())
		for i := range wc.NumGeoms() {
			assertSameGeometry(t, wc.Geom(i), gc.Geom(i))
		}
		return
	}
	assert.Equal(t, want.FlatCoords(), got.FlatCoords())
	assert.Equal(t, want.Ends(), got.Ends())
	assert.Equal(t, want.Endss(), got.Endss())
}

// Blobs written by GDAL 3.6.2 (ogr2ogr -f GPKG from a GeoJSON in EPSG:3006, read back with
// sqlite3 "SELECT hex(geom)"): a 3D polygon, with an xyz envelope (flags 0x05), and a 2D one
// (flags 0x03).
const (
	gdalPolygonZ = "47500005BE0B00000000000080841E4100000000A8841E4100000000A8CB584100000080AACB58410000000000002440000000000000264001EB03000001000000040000000000000080841E4100000000A8CB5841000000000000244000000000A8841E4100000000A8CB5841000000000000244000000000A8841E4100000080AACB584100000000000026400000000080841E4100000000A8CB58410000000000002440"
	gdalPolygon  = "47500003BE0B00000000000080841E4100000000A8841E4100000000A8CB584100000080AACB5841010300000001000000040000000000000080841E4100000000A8CB584100000000A8841E4100000000A8CB584100000000A8841E4100000080AACB58410000000080841E4100000000A8CB5841"
)

func TestDecodeGDALBlobs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		hex     string
		layout  geom.Layout
		flat    []float64
		envZ    bool
		encodes bool // our encoder writes the same bytes
	}{
		{"polygon z", gdalPolygonZ, geom.XYZ, []float64{500000, 6500000, 10, 500010, 6500000, 10, 500010, 6500010, 11, 500000, 6500000, 10}, true, true},
		{"polygon", gdalPolygon, geom.XY, []float64{500000, 6500000, 500010, 6500000, 500010, 6500010, 500000, 6500000}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := hex.DecodeString(tt.hex)
			require.NoError(t, err)
			g, h, err := DecodeGeometry(b)
			require.NoError(t, err)
			assert.EqualValues(t, 3006, h.SRSID)
			require.NotNil(t, h.Envelope)
			assert.Equal(t, tt.envZ, h.Envelope.HasZ)
			p, ok := g.(*geom.Polygon)
			require.True(t, ok)
			assert.Equal(t, tt.layout, p.Layout())
			assert.Equal(t, tt.flat, p.FlatCoords())
			if tt.encodes {
				out, err := EncodeGeometry(g, 3006)
				require.NoError(t, err)
				assert.Equal(t, strings.ToLower(tt.hex), hex.EncodeToString(out), "same bytes as GDAL")
			}
		})
	}
}

// header builds a blob header by hand: byte order, envelope indicator and flags.
func header(bigEndian bool, indicator byte, empty bool, srs int32, env []float64) []byte {
	var order binary.AppendByteOrder = binary.LittleEndian
	flags := indicator << 1
	if bigEndian {
		order = binary.BigEndian
	} else {
		flags |= 1
	}
	if empty {
		flags |= flagEmpty
	}
	b := []byte{'G', 'P', 0, flags, 0, 0, 0, 0}
	b = order.AppendUint32(b[:4], uint32(srs))
	for _, v := range env {
		b = order.AppendUint64(b, math.Float64bits(v))
	}
	return b
}

func TestDecodeHeaderVariants(t *testing.T) {
	t.Parallel()
	// A big-endian 2D polygon body, to go after hand-made headers.
	poly := geom.NewPolygonFlat(geom.XY, []float64{1, 2, 5, 2, 5, 8, 1, 2}, []int{8})
	leBody, err := EncodeGeometry(poly, 0)
	require.NoError(t, err)
	h0, err := DecodeHeader(leBody)
	require.NoError(t, err)
	body := leBody[h0.Size:]
	beBody := []byte{0, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 4}
	for i := 0; i < 8; i++ {
		beBody = binary.BigEndian.AppendUint64(beBody, math.Float64bits(poly.FlatCoords()[i]))
	}

	tests := []struct {
		name      string
		blob      []byte
		wantEnv   *Envelope
		wantEmpty bool
		wantSRS   int32
		wantErr   error
	}{
		{"no envelope, little-endian", append(header(false, 0, false, 3006, nil), body...), nil, false, 3006, nil},
		{"no envelope, big-endian header", append(header(true, 0, false, 3011, nil), body...), nil, false, 3011, nil},
		{"big-endian header and body", append(header(true, 1, false, 3011, []float64{1, 5, 2, 8}), beBody...), &Envelope{MinX: 1, MaxX: 5, MinY: 2, MaxY: 8}, false, 3011, nil},
		{"xy envelope", append(header(false, 1, false, 3006, []float64{1, 5, 2, 8}), body...), &Envelope{MinX: 1, MaxX: 5, MinY: 2, MaxY: 8}, false, 3006, nil},
		{"xyz envelope", append(header(false, 2, false, 3006, []float64{1, 5, 2, 8, -1, 1}), body...), &Envelope{MinX: 1, MaxX: 5, MinY: 2, MaxY: 8, MinZ: -1, MaxZ: 1, HasZ: true}, false, 3006, nil},
		{"xym envelope", append(header(false, 3, false, 3006, []float64{1, 5, 2, 8, 0, 9}), body...), &Envelope{MinX: 1, MaxX: 5, MinY: 2, MaxY: 8, MinM: 0, MaxM: 9, HasM: true}, false, 3006, nil},
		{"xyzm envelope, big-endian", append(header(true, 4, false, 3006, []float64{1, 5, 2, 8, -1, 1, 0, 9}), body...), &Envelope{MinX: 1, MaxX: 5, MinY: 2, MaxY: 8, MinZ: -1, MaxZ: 1, MinM: 0, MaxM: 9, HasZ: true, HasM: true}, false, 3006, nil},
		{"negative srs id", append(header(false, 0, false, -1, nil), body...), nil, false, -1, nil},
		{"empty flag", append(header(false, 0, true, 0, nil), 1, 3, 0, 0, 0, 0, 0, 0, 0), nil, true, 0, nil},
		{"envelope indicator 5", append(header(false, 5, false, 0, make([]float64, 8)), body...), nil, false, 0, ErrInvalidGeometryBlob},
		{"truncated envelope", header(false, 4, false, 0, []float64{1, 2}), nil, false, 0, ErrInvalidGeometryBlob},
		{"short", []byte("GP\x00\x01"), nil, false, 0, ErrInvalidGeometryBlob},
		{"bad magic", append([]byte("XP\x00\x01\x00\x00\x00\x00"), body...), nil, false, 0, ErrInvalidGeometryBlob},
		{"version 1", append([]byte("GP\x01\x01\x00\x00\x00\x00"), body...), nil, false, 0, ErrInvalidGeometryBlob},
		{"extended type", append([]byte{'G', 'P', 0, 1 | flagExtended, 0, 0, 0, 0}, body...), nil, false, 0, ErrUnsupportedGeometry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, err := DecodeHeader(tt.blob)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				_, _, err = DecodeGeometry(tt.blob)
				require.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantEnv, h.Envelope)
			assert.Equal(t, tt.wantEmpty, h.Empty)
			assert.Equal(t, tt.wantSRS, h.SRSID)
			g, _, err := DecodeGeometry(tt.blob)
			require.NoError(t, err)
			if tt.wantEmpty {
				assert.True(t, g.Empty())
				return
			}
			assert.Equal(t, poly.FlatCoords(), g.FlatCoords())
			assert.Equal(t, int(tt.wantSRS), g.SRID())
		})
	}
}

func TestEncodeRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		g    geom.T
	}{
		{"nil", nil},
		{"nan", geom.NewLineStringFlat(geom.XY, []float64{0, 0, math.NaN(), 1})},
		{"inf z", geom.NewPolygonFlat(geom.XYZ, []float64{0, 0, math.Inf(1), 1, 0, 0, 1, 1, 0, 0, 0, 0}, []int{12})},
		{"linear ring", geom.NewLinearRingFlat(geom.XY, []float64{0, 0, 1, 0, 1, 1, 0, 0})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := EncodeGeometry(tt.g, 3006)
			require.ErrorIs(t, err, ErrUnsupportedGeometry)
		})
	}
}
