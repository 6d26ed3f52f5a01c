package geometry

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/ewkb"
	"github.com/twpayne/go-geom/encoding/ewkbhex"
	"github.com/twpayne/go-geom/encoding/wkb"
	"github.com/twpayne/go-geom/encoding/wkt"
)

// WKT, WKB and EWKB through go-geom's encoders. All of them are x/y order: easting, northing
// (longitude, latitude for 4619), the same as go-geom and PostGIS, so no axis swap happens
// here. Binary output is little-endian (NDR), which is what PostGIS itself writes.

// MarshalWKT writes g as OGC WKT (no SRID; see MarshalEWKT for PostGIS's SRID=…; prefix).
func MarshalWKT(g geom.T) (string, error) {
	if err := checkLayouts(g); err != nil {
		return "", fmt.Errorf("wkt: %w", err)
	}
	s, err := wkt.Marshal(g)
	if err != nil {
		return "", fmt.Errorf("wkt: %w", err)
	}
	return s, nil
}

// MarshalEWKT writes g as PostGIS EWKT, "SRID=3006;POLYGON(…)".
func MarshalEWKT(g geom.T) (string, error) {
	s, err := MarshalWKT(g)
	if err != nil {
		return "", err
	}
	return "SRID=" + strconv.Itoa(g.SRID()) + ";" + s, nil
}

// UnmarshalWKT reads WKT and sets the SRID to srid. A PostGIS "SRID=n;" prefix is accepted;
// when both are given they must agree, and srid 0 takes the prefix's.
func UnmarshalWKT(s string, srid int) (geom.T, error) {
	body := strings.TrimSpace(s)
	if len(body) >= 5 && strings.EqualFold(body[:5], "SRID=") {
		semi := strings.IndexByte(body, ';')
		if semi < 0 {
			return nil, fmt.Errorf("wkt: srid prefix without ';'")
		}
		prefix, err := strconv.Atoi(strings.TrimSpace(body[5:semi]))
		if err != nil {
			return nil, fmt.Errorf("wkt: srid prefix %q: %w", body[5:semi], err)
		}
		if srid != 0 && srid != prefix {
			return nil, fmt.Errorf("wkt: srid prefix %d contradicts srid %d", prefix, srid)
		}
		srid, body = prefix, body[semi+1:]
	}
	g, err := wkt.Unmarshal(body)
	if err != nil {
		return nil, fmt.Errorf("wkt: %w", err)
	}
	return setSRID(g, srid), nil
}

// MarshalWKB writes g as OGC WKB (little-endian, no SRID).
func MarshalWKB(g geom.T) ([]byte, error) {
	if err := checkLayouts(g); err != nil {
		return nil, fmt.Errorf("wkb: %w", err)
	}
	b, err := wkb.Marshal(g, binary.LittleEndian)
	if err != nil {
		return nil, fmt.Errorf("wkb: %w", err)
	}
	return b, nil
}

// MarshalEWKB writes g as PostGIS EWKB (little-endian) with its SRID, ready for a geometry
// column: INSERT … VALUES ($1) with the bytes, or ST_GeomFromEWKB($1).
func MarshalEWKB(g geom.T) ([]byte, error) {
	if err := checkLayouts(g); err != nil {
		return nil, fmt.Errorf("ewkb: %w", err)
	}
	b, err := ewkb.Marshal(g, binary.LittleEndian)
	if err != nil {
		return nil, fmt.Errorf("ewkb: %w", err)
	}
	return b, nil
}

// MarshalEWKBHex writes g as hex-encoded EWKB, the text form PostGIS prints and accepts.
func MarshalEWKBHex(g geom.T) (string, error) {
	if err := checkLayouts(g); err != nil {
		return "", fmt.Errorf("ewkb: %w", err)
	}
	s, err := ewkbhex.Encode(g, binary.LittleEndian)
	if err != nil {
		return "", fmt.Errorf("ewkb: %w", err)
	}
	return s, nil
}

// UnmarshalEWKB reads PostGIS EWKB (either byte order), SRID included. Plain WKB reads too,
// with SRID 0. Element counts are checked against the input length, so a corrupt count cannot
// make it allocate more than the input could hold.
func UnmarshalEWKB(b []byte) (geom.T, error) {
	if err := checkWKBCounts(b); err != nil {
		return nil, err
	}
	// go-geom's EWKB reader does not know ISO WKB's 1000-series Z/M type codes, which is what
	// MarshalWKB writes for 3D; those go to the WKB reader (they carry no SRID anyway).
	if isISOWKB(b) {
		g, err := wkb.Unmarshal(b)
		if err != nil {
			return nil, fmt.Errorf("wkb: %w", err)
		}
		return g, nil
	}
	g, err := ewkb.Unmarshal(b)
	if err != nil {
		return nil, fmt.Errorf("ewkb: %w", err)
	}
	return g, nil
}

func isISOWKB(b []byte) bool {
	if len(b) < 5 || b[0] > 1 {
		return false
	}
	var t uint32
	if b[0] == 0 {
		t = binary.BigEndian.Uint32(b[1:5])
	} else {
		t = binary.LittleEndian.Uint32(b[1:5])
	}
	return t&0xe0000000 == 0 && t >= 1000
}

// UnmarshalEWKBHex reads hex-encoded EWKB.
func UnmarshalEWKBHex(s string) (geom.T, error) {
	g, err := ewkbhex.Decode(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("ewkb: %w", err)
	}
	return g, nil
}

// checkWKBCounts bounds every element count by the bytes left. go-geom's own guard
// (wkbcommon.MaxGeometryElements) is a process-wide variable, off by default, that this package
// must not change for its callers.
func checkWKBCounts(b []byte) error {
	_, err := walkWKB(b, 0)
	return err
}

// walkWKB checks one (E)WKB geometry starting at b and returns the bytes it used.
func walkWKB(b []byte, depth int) (int, error) {
	tooShort := fmt.Errorf("ewkb: input truncated: %w", ErrUnsupportedGeometry)
	if depth > 32 {
		return 0, fmt.Errorf("ewkb: collections nested deeper than 32: %w", ErrTooLarge)
	}
	if len(b) < 5 {
		return 0, tooShort
	}
	var order binary.ByteOrder
	switch b[0] {
	case 0:
		order = binary.BigEndian
	case 1:
		order = binary.LittleEndian
	default:
		return 0, fmt.Errorf("ewkb: byte order %d: %w", b[0], ErrUnsupportedGeometry)
	}
	t := order.Uint32(b[1:5])
	pos := 5
	dims := 2
	if t&0x80000000 != 0 { // EWKB Z
		dims++
	}
	if t&0x40000000 != 0 { // EWKB M
		dims++
	}
	if t&0x20000000 != 0 { // EWKB SRID
		pos += 4
	}
	base := t & 0x0fffffff
	// ISO WKB: 1000s add Z, 2000s M, 3000s ZM.
	switch base / 1000 {
	case 1, 2:
		dims++
	case 3:
		dims += 2
	}
	base %= 1000
	count := func() (int, error) {
		if len(b) < pos+4 {
			return 0, tooShort
		}
		n := int(order.Uint32(b[pos : pos+4]))
		pos += 4
		if n < 0 || n > (len(b)-pos) {
			return 0, fmt.Errorf("ewkb: element count %d exceeds the input: %w", n, ErrTooLarge)
		}
		return n, nil
	}
	points := func(n int) error {
		need := n * dims * 8
		if need/(dims*8) != n || len(b)-pos < need {
			return tooShort
		}
		pos += need
		return nil
	}
	switch base {
	case 1:
		if err := points(1); err != nil {
			return 0, err
		}
	case 2:
		n, err := count()
		if err != nil {
			return 0, err
		}
		if err := points(n); err != nil {
			return 0, err
		}
	case 3:
		rings, err := count()
		if err != nil {
			return 0, err
		}
		for range rings {
			n, err := count()
			if err != nil {
				return 0, err
			}
			if err := points(n); err != nil {
				return 0, err
			}
		}
	case 4, 5, 6, 7:
		n, err := count()
		if err != nil {
			return 0, err
		}
		for range n {
			if pos > len(b) {
				return 0, tooShort
			}
			used, err := walkWKB(b[pos:], depth+1)
			if err != nil {
				return 0, err
			}
			pos += used
		}
	default:
		return 0, fmt.Errorf("ewkb: geometry type %d: %w", base, ErrUnsupportedGeometry)
	}
	return pos, nil
}
