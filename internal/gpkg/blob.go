package gpkg

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkb"
	"github.com/twpayne/go-geom/encoding/wkbcommon"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// The GeoPackage binary geometry (GeoPackage 1.4 §2.1.3): a header, then ISO WKB.
//
//	magic "GP" | version 0 | flags | srs_id int32 | envelope float64s | WKB
//
// flags: bit 0 byte order of the header (1 = little-endian), bits 1–3 the envelope contents
// indicator (0 none, 1 xy, 2 xyz, 3 xym, 4 xyzm), bit 4 empty geometry, bit 5 extended
// (non-standard) geometry type, bits 6–7 reserved.
const (
	flagLittleEndian = 1 << 0
	flagEmpty        = 1 << 4
	flagExtended     = 1 << 5
	headerFixedSize  = 8
	envelopeShift    = 1
	envelopeMask     = 0x7 << envelopeShift
)

// Envelope is the bounding box a GeoPackage geometry header carries. Z and M ranges are set
// only when HasZ or HasM.
type Envelope struct {
	MinX, MaxX, MinY, MaxY float64
	MinZ, MaxZ             float64
	MinM, MaxM             float64
	HasZ, HasM             bool
}

// Header is the decoded header of a GeoPackage binary geometry.
type Header struct {
	// SRSID is the srs_id of gpkg_spatial_ref_sys the geometry is in.
	SRSID int32
	// Envelope is the header's bounding box; nil when the writer left it out (GDAL does for
	// points and empty geometries).
	Envelope *Envelope
	// Empty is the header's empty-geometry flag.
	Empty bool
	// LittleEndian tells the byte order of the header (the WKB body has its own).
	LittleEndian bool
	// Size is the length of the header in bytes; the WKB body starts there.
	Size int
}

// envelopeDoubles is the number of float64s each envelope contents indicator adds.
var envelopeDoubles = [...]int{0, 4, 6, 6, 8}

// DecodeHeader reads the header of a GeoPackage binary geometry without decoding its body.
// Headers in either byte order and with every envelope variant are read; extended geometry
// types (flag X) are refused with ErrUnsupportedGeometry.
func DecodeHeader(b []byte) (Header, error) {
	var h Header
	if len(b) < headerFixedSize {
		return h, fmt.Errorf("gpkg geometry: %d bytes, shorter than the 8-byte header: %w", len(b), ErrInvalidGeometryBlob)
	}
	if b[0] != 'G' || b[1] != 'P' {
		return h, fmt.Errorf("gpkg geometry: magic %q, want \"GP\": %w", b[:2], ErrInvalidGeometryBlob)
	}
	if b[2] != 0 {
		return h, fmt.Errorf("gpkg geometry: version %d, want 0 (GeoPackage 1): %w", b[2], ErrInvalidGeometryBlob)
	}
	flags := b[3]
	if flags&flagExtended != 0 {
		return h, fmt.Errorf("gpkg geometry: extended geometry type: %w", ErrUnsupportedGeometry)
	}
	var order binary.ByteOrder = binary.BigEndian
	if flags&flagLittleEndian != 0 {
		order = binary.LittleEndian
		h.LittleEndian = true
	}
	h.Empty = flags&flagEmpty != 0
	h.SRSID = int32(order.Uint32(b[4:8]))
	ind := int(flags&envelopeMask) >> envelopeShift
	if ind >= len(envelopeDoubles) {
		return h, fmt.Errorf("gpkg geometry: envelope contents indicator %d: %w", ind, ErrInvalidGeometryBlob)
	}
	n := envelopeDoubles[ind]
	h.Size = headerFixedSize + 8*n
	if len(b) < h.Size {
		return h, fmt.Errorf("gpkg geometry: header wants %d bytes, blob has %d: %w", h.Size, len(b), ErrInvalidGeometryBlob)
	}
	if n == 0 {
		return h, nil
	}
	f := func(i int) float64 { return math.Float64frombits(order.Uint64(b[headerFixedSize+8*i:])) }
	e := &Envelope{MinX: f(0), MaxX: f(1), MinY: f(2), MaxY: f(3)}
	switch ind {
	case 2:
		e.HasZ, e.MinZ, e.MaxZ = true, f(4), f(5)
	case 3:
		e.HasM, e.MinM, e.MaxM = true, f(4), f(5)
	case 4:
		e.HasZ, e.MinZ, e.MaxZ = true, f(4), f(5)
		e.HasM, e.MinM, e.MaxM = true, f(6), f(7)
	}
	h.Envelope = e
	return h, nil
}

// DecodeGeometry reads a GeoPackage binary geometry. The result's SRID is the header's srs_id
// (a table's reader maps it to an EPSG code). Element counts in the WKB body are checked
// against the blob's length before anything is allocated, and hostile input gives an error,
// never a panic.
func DecodeGeometry(b []byte) (geom.T, Header, error) {
	h, err := DecodeHeader(b)
	if err != nil {
		return nil, h, err
	}
	g, err := decodeWKB(b[h.Size:])
	if err != nil {
		return nil, h, fmt.Errorf("gpkg geometry: %w", err)
	}
	g = emptyNaNPoints(g)
	return withSRID(g, int(h.SRSID)), h, nil
}

// decodeWKB reads ISO WKB (the GeoPackage body), either byte order, through the geometry
// package's bounded reader; a panic in go-geom on malformed input becomes an error.
func decodeWKB(b []byte) (g geom.T, err error) {
	defer func() {
		if r := recover(); r != nil {
			g, err = nil, fmt.Errorf("malformed wkb: %v: %w", r, ErrInvalidGeometryBlob)
		}
	}()
	g, err = geometry.UnmarshalEWKB(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidGeometryBlob, err)
	}
	if g == nil {
		return nil, fmt.Errorf("no geometry: %w", ErrInvalidGeometryBlob)
	}
	return g, nil
}

// emptyNaNPoints turns points whose ordinates are all NaN (how WKB and GeoPackage write an
// empty point) into go-geom's empty point, at any depth.
func emptyNaNPoints(g geom.T) geom.T {
	switch t := g.(type) {
	case *geom.Point:
		if !t.Empty() && allNaN(t.FlatCoords()) {
			return geom.NewPointEmpty(t.Layout()).SetSRID(t.SRID())
		}
	case *geom.GeometryCollection:
		for i := range t.NumGeoms() {
			if p, ok := t.Geom(i).(*geom.Point); ok && !p.Empty() && allNaN(p.FlatCoords()) {
				out := geom.NewGeometryCollection().SetSRID(t.SRID())
				for j := range t.NumGeoms() {
					if err := out.Push(emptyNaNPoints(t.Geom(j))); err != nil {
						return t
					}
				}
				return out
			}
		}
	}
	return g
}

func allNaN(f []float64) bool {
	for _, v := range f {
		if !math.IsNaN(v) {
			return false
		}
	}
	return len(f) > 0
}

// EncodeGeometry writes g as a GeoPackage binary geometry with the given srs_id, the way GDAL
// does: little-endian header and ISO WKB body, an envelope of the geometry's dimensions (xy,
// xyz, xym or xyzm) except for points and empty geometries, which carry none; the empty flag
// for empty geometries, with an empty point written as NaN ordinates. Non-finite ordinates in a
// non-empty geometry are refused: the R-tree cannot index them.
func EncodeGeometry(g geom.T, srsID int) ([]byte, error) {
	var buf bytes.Buffer
	if err := appendGeometry(&buf, g, srsID); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// appendGeometry writes the blob of g to buf (which the caller may reuse between rows).
func appendGeometry(buf *bytes.Buffer, g geom.T, srsID int) error {
	if g == nil {
		return fmt.Errorf("gpkg geometry: nil geometry: %w", ErrUnsupportedGeometry)
	}
	if srsID < math.MinInt32 || srsID > math.MaxInt32 {
		return fmt.Errorf("gpkg geometry: srs_id %d out of range: %w", srsID, ErrUnsupportedGeometry)
	}
	layout := g.Layout()
	switch layout {
	case geom.XY, geom.XYZ, geom.XYM, geom.XYZM:
	case geom.NoLayout:
		// An empty collection has no layout; it is written as 2D.
		if !g.Empty() {
			return fmt.Errorf("gpkg geometry: no layout: %w", ErrUnsupportedGeometry)
		}
		layout = geom.XY
	default:
		return fmt.Errorf("gpkg geometry: layout %v: %w", layout, ErrUnsupportedGeometry)
	}
	empty := isEmpty(g)
	var env *Envelope
	if !empty {
		e, err := envelopeOf(g)
		if err != nil {
			return err
		}
		if _, isPoint := g.(*geom.Point); !isPoint {
			env = &e
		}
	}
	flags := byte(flagLittleEndian)
	if empty {
		flags |= flagEmpty
	}
	var doubles []float64
	if env != nil {
		doubles = []float64{env.MinX, env.MaxX, env.MinY, env.MaxY}
		switch layout {
		case geom.XY:
			flags |= 1 << envelopeShift
		case geom.XYZ:
			flags |= 2 << envelopeShift
			doubles = append(doubles, env.MinZ, env.MaxZ)
		case geom.XYM:
			flags |= 3 << envelopeShift
			doubles = append(doubles, env.MinM, env.MaxM)
		case geom.XYZM:
			flags |= 4 << envelopeShift
			doubles = append(doubles, env.MinZ, env.MaxZ, env.MinM, env.MaxM)
		}
	}
	var hdr [headerFixedSize + 8*8]byte
	hdr[0], hdr[1], hdr[2], hdr[3] = 'G', 'P', 0, flags
	binary.LittleEndian.PutUint32(hdr[4:8], uint32(int32(srsID)))
	for i, d := range doubles {
		binary.LittleEndian.PutUint64(hdr[headerFixedSize+8*i:], math.Float64bits(d))
	}
	buf.Write(hdr[:headerFixedSize+8*len(doubles)])
	if err := wkb.Write(buf, binary.LittleEndian, g, wkbcommon.WKBOptionEmptyPointHandling(wkbcommon.EmptyPointHandlingNaN)); err != nil {
		return fmt.Errorf("gpkg geometry: wkb: %w: %w", ErrUnsupportedGeometry, err)
	}
	return nil
}

// isEmpty reports whether g has no coordinates at all. go-geom's Empty is true for a
// collection of empty members too, which is what GeoPackage means by empty.
func isEmpty(g geom.T) bool {
	return g.Empty()
}

// envelopeOf returns the bounds of g in every dimension of its layout, refusing NaN and
// infinite ordinates.
func envelopeOf(g geom.T) (Envelope, error) {
	e := Envelope{
		MinX: math.Inf(1), MinY: math.Inf(1), MinZ: math.Inf(1), MinM: math.Inf(1),
		MaxX: math.Inf(-1), MaxY: math.Inf(-1), MaxZ: math.Inf(-1), MaxM: math.Inf(-1),
	}
	var bad bool
	visitFlat(g, func(flat []float64, layout geom.Layout) {
		stride := layout.Stride()
		zi, mi := layout.ZIndex(), layout.MIndex()
		if zi >= 0 {
			e.HasZ = true
		}
		if mi >= 0 {
			e.HasM = true
		}
		for i := 0; i+stride <= len(flat); i += stride {
			x, y := flat[i], flat[i+1]
			if !finite(x) || !finite(y) {
				bad = true
				return
			}
			e.MinX, e.MaxX = min(e.MinX, x), max(e.MaxX, x)
			e.MinY, e.MaxY = min(e.MinY, y), max(e.MaxY, y)
			if zi >= 0 {
				z := flat[i+zi]
				if !finite(z) {
					bad = true
					return
				}
				e.MinZ, e.MaxZ = min(e.MinZ, z), max(e.MaxZ, z)
			}
			if mi >= 0 {
				m := flat[i+mi]
				if !finite(m) {
					bad = true
					return
				}
				e.MinM, e.MaxM = min(e.MinM, m), max(e.MaxM, m)
			}
		}
	})
	if bad {
		return e, fmt.Errorf("gpkg geometry: non-finite ordinate: %w", ErrUnsupportedGeometry)
	}
	if !e.HasZ {
		e.MinZ, e.MaxZ = 0, 0
	}
	if !e.HasM {
		e.MinM, e.MaxM = 0, 0
	}
	return e, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// visitFlat calls fn with the flat coordinates of every non-collection part of g.
func visitFlat(g geom.T, fn func(flat []float64, layout geom.Layout)) {
	if gc, ok := g.(*geom.GeometryCollection); ok {
		for i := range gc.NumGeoms() {
			visitFlat(gc.Geom(i), fn)
		}
		return
	}
	fn(g.FlatCoords(), g.Layout())
}

// withSRID sets the SRID of g, whatever its type (every type DecodeGeometry returns is one
// go-geom's SetSRID knows).
func withSRID(g geom.T, srid int) geom.T {
	out, err := geom.SetSRID(g, srid)
	if err != nil {
		return g
	}
	return out
}

// blobEnvelope returns the x/y bounds of a blob for the R-tree functions: from the header
// when it has an envelope, else from the body (points, and writers that leave envelopes out).
// ok is false for an empty geometry or a blob that is not a GeoPackage geometry.
func blobEnvelope(b []byte) (minX, maxX, minY, maxY float64, ok bool) {
	h, err := DecodeHeader(b)
	if err != nil || h.Empty {
		return 0, 0, 0, 0, false
	}
	if e := h.Envelope; e != nil {
		return e.MinX, e.MaxX, e.MinY, e.MaxY, true
	}
	if x, y, ok := wkbPointXY(b[h.Size:]); ok {
		if math.IsNaN(x) || math.IsNaN(y) {
			return 0, 0, 0, 0, false
		}
		return x, x, y, y, true
	}
	g, err := decodeWKB(b[h.Size:])
	if err != nil || g.Empty() {
		return 0, 0, 0, 0, false
	}
	e, err := envelopeOf(g)
	if err != nil {
		return 0, 0, 0, 0, false
	}
	return e.MinX, e.MaxX, e.MinY, e.MaxY, true
}

// wkbPointXY reads x and y of a WKB point (any dimension) without allocating.
func wkbPointXY(b []byte) (x, y float64, ok bool) {
	if len(b) < 21 || b[0] > 1 {
		return 0, 0, false
	}
	var order binary.ByteOrder = binary.BigEndian
	if b[0] == 1 {
		order = binary.LittleEndian
	}
	t := order.Uint32(b[1:5])
	if t&0x0fffffff%1000 != 1 || t&0x20000000 != 0 {
		return 0, 0, false
	}
	return math.Float64frombits(order.Uint64(b[5:13])), math.Float64frombits(order.Uint64(b[13:21])), true
}

// blobIsEmpty reports whether a blob is an empty geometry (flag or, for writers that do not
// set the flag, an all-NaN point). ok is false when b is not a GeoPackage geometry.
func blobIsEmpty(b []byte) (empty, ok bool) {
	h, err := DecodeHeader(b)
	if err != nil {
		return false, false
	}
	if h.Empty {
		return true, true
	}
	if h.Envelope != nil {
		return false, true
	}
	if x, y, ok := wkbPointXY(b[h.Size:]); ok {
		return math.IsNaN(x) && math.IsNaN(y), true
	}
	g, err := decodeWKB(b[h.Size:])
	if err != nil {
		return false, false
	}
	return emptyNaNPoints(g).Empty(), true
}
