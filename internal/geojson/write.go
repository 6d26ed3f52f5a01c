package geojson

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// Feature is one GeoJSON feature.
type Feature struct {
	// ID is the feature's "id" member: a string or a number (any Go integer or float type);
	// nil leaves it out. Read features carry a string, an int64 or a float64.
	ID any
	// Geometry is the feature's geometry; nil is written as null. Its SRID says which CRS
	// its coordinates are in (0: already in the writer's CRS).
	Geometry geom.T
	// Properties are the feature's attributes, in the order written.
	Properties []Property
}

// Property is one member of a feature's "properties". Values are written as JSON by type:
// string; bool; any Go integer; float32/float64 (finite); time.Time as RFC 3339 with its
// offset (GDAL reads it as a DateTime); nil as null; json.RawMessage and json.Marshaler
// verbatim; maps and slices through encoding/json. Read values are string, bool, int64
// (integral numbers that fit), float64, nil, and map[string]any or []any for objects and
// arrays.
type Property struct {
	Name  string
	Value any
}

// Decimals of the coordinates written. Grid coordinates and heights are in metres, rounded to
// the millimetre as Lantmäteriet publishes them. Degrees get 8 decimals: 1e-8° is 1.1 mm of
// latitude (and 0.55 mm of longitude at 60° N), so the rounding moves a point by at most
// about half a millimetre, the same as the grid's; a ninth decimal would only add digits.
const (
	GridDecimals   = 3
	DegreeDecimals = 8
	HeightDecimals = 3
)

// WriterOptions configure a Writer.
type WriterOptions struct {
	// CRS is the EPSG code of the coordinates written. 0 (or 4326, or 4619) writes RFC 7946
	// longitude/latitude with no crs member: geometries are transformed to SWEREF 99
	// geographic (4619), which agrees with WGS 84 to better than a metre. A Swedish grid or
	// compound code (3006, 3007–3018, 3847, 5845–5857) writes grid [E, N(, H)] and names the
	// CRS in the 2008 GeoJSON crs member, {"type":"name","properties":{"name":
	// "urn:ogc:def:crs:EPSG::3006"}}, which GDAL, QGIS and PostGIS read (RFC 7946 dropped it;
	// such a file is GeoJSON 2008, not RFC 7946).
	CRS int
	// Name, when set, is written as the collection's "name" member, which GDAL uses as the
	// layer name.
	Name string
	// LonLatHeights says what RFC 7946 output does with geometries that have heights. It
	// must be chosen: RFC 7946 defines a third ordinate as a height above the WGS 84
	// ellipsoid, and Swedish heights are RH 2000, above the geoid, 20–40 m apart, with no
	// conversion here (it needs the SWEN17 grid). Grid output keeps heights and is unaffected.
	LonLatHeights HeightMode
}

// HeightMode is what RFC 7946 output does with heights.
type HeightMode int

const (
	// HeightsRefused (the default) makes a 3D geometry an error wrapping ErrHeights.
	HeightsRefused HeightMode = iota
	// HeightsDropped writes 3D geometries in 2D.
	HeightsDropped
	// HeightsRH2000 writes RH 2000 heights as the third ordinate, against RFC 7946's
	// definition; for readers that know what the file holds. GDAL takes such a file as WGS 84
	// 3D (EPSG:4979).
	HeightsRH2000
)

// ErrHeights is returned for a 3D geometry written as RFC 7946 with HeightsRefused.
var ErrHeights = errors.New("rfc 7946 heights are ellipsoidal; rh 2000 heights need WriterOptions.LonLatHeights")

// ErrValue is returned for a property value or ID that cannot be written as JSON (NaN, an
// unsupported type, invalid UTF-8 in a name).
var ErrValue = errors.New("invalid geojson value")

// Writer streams a FeatureCollection: the header when created, one feature per Write, the
// closing brackets on Close. Memory does not grow with the number of features. It is not safe
// for concurrent use.
type Writer struct {
	w        *bufio.Writer
	crs      int  // target EPSG code; SWEREF99Geographic for lon/lat
	lonLat   bool // RFC 7946 output
	heights  HeightMode
	decimals int
	n        int64
	err      error
	closed   bool
	buf      []byte
}

// NewWriter writes the collection's header to w and returns the Writer for its features.
func NewWriter(w io.Writer, opts *WriterOptions) (*Writer, error) {
	var o WriterOptions
	if opts != nil {
		o = *opts
	}
	if o.LonLatHeights < HeightsRefused || o.LonLatHeights > HeightsRH2000 {
		return nil, fmt.Errorf("geojson: height mode %d", o.LonLatHeights)
	}
	wr := &Writer{w: bufio.NewWriterSize(w, 64<<10), heights: o.LonLatHeights}
	switch o.CRS {
	case 0, 4326, geometry.SWEREF99Geographic:
		wr.crs, wr.lonLat, wr.decimals = geometry.SWEREF99Geographic, true, DegreeDecimals
	default:
		c, err := geometry.Lookup(o.CRS)
		if err != nil {
			return nil, fmt.Errorf("geojson: writer crs: %w", err)
		}
		if c.Kind == geometry.Geographic {
			return nil, fmt.Errorf("geojson: writer crs epsg:%d: geographic output is RFC 7946 (crs 0)", o.CRS)
		}
		wr.crs, wr.decimals = c.Code, GridDecimals
	}
	if !utf8.ValidString(o.Name) {
		return nil, fmt.Errorf("geojson: name %q is not UTF-8: %w", o.Name, ErrValue)
	}
	b := []byte(`{"type":"FeatureCollection"`)
	if o.Name != "" {
		b = append(b, `,"name":`...)
		b = appendString(b, o.Name)
	}
	if !wr.lonLat {
		b = append(b, `,"crs":{"type":"name","properties":{"name":`...)
		b = appendString(b, geometry.FormatSRSName(wr.crs, geometry.URN))
		b = append(b, `}}`...)
	}
	b = append(b, `,"features":[`...)
	if _, err := wr.w.Write(b); err != nil {
		return nil, fmt.Errorf("geojson: write: %w", err)
	}
	return wr, nil
}

// Write writes one feature. A feature that cannot be written (a geometry that does not
// transform, a property that is not JSON) gives an error and writes nothing, so the caller may
// skip it and go on; an error from the underlying writer is final.
func (w *Writer) Write(f Feature) error {
	if w.closed {
		return errors.New("geojson: write after close")
	}
	if w.err != nil {
		return w.err
	}
	b := w.buf[:0]
	if w.n > 0 {
		b = append(b, ',')
	}
	b = append(b, "\n"+`{"type":"Feature"`...)
	if f.ID != nil {
		b = append(b, `,"id":`...)
		var err error
		switch f.ID.(type) {
		case string, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
			b, err = appendValue(b, f.ID)
		default:
			err = fmt.Errorf("id of type %T (a feature id is a string or a number): %w", f.ID, ErrValue)
		}
		if err != nil {
			return fmt.Errorf("geojson: feature %d: %w", w.n+1, err)
		}
	}
	b = append(b, `,"geometry":`...)
	if f.Geometry == nil {
		b = append(b, "null"...)
	} else {
		g, err := w.geometry(f.Geometry)
		if err != nil {
			return fmt.Errorf("geojson: feature %d: %w", w.n+1, err)
		}
		b = append(b, g...)
	}
	b = append(b, `,"properties":{`...)
	for i, p := range f.Properties {
		if i > 0 {
			b = append(b, ',')
		}
		if !utf8.ValidString(p.Name) {
			return fmt.Errorf("geojson: feature %d: property name %q is not UTF-8: %w", w.n+1, p.Name, ErrValue)
		}
		b = appendString(b, p.Name)
		b = append(b, ':')
		var err error
		if b, err = appendValue(b, p.Value); err != nil {
			return fmt.Errorf("geojson: feature %d: property %q: %w", w.n+1, p.Name, err)
		}
	}
	b = append(b, "}}"...)
	w.buf = b
	if _, err := w.w.Write(b); err != nil {
		w.err = fmt.Errorf("geojson: write: %w", err)
		return w.err
	}
	w.n++
	return nil
}

// geometry transforms g to the writer's CRS, rounds it and encodes it with the geometry
// package's GeoJSON code.
func (w *Writer) geometry(g geom.T) ([]byte, error) {
	if w.lonLat && g.Layout().ZIndex() >= 0 {
		switch w.heights {
		case HeightsRefused:
			return nil, ErrHeights
		case HeightsDropped:
			g2, err := dropZ(g)
			if err != nil {
				return nil, err
			}
			g = g2
		}
	}
	if g.SRID() != 0 && g.SRID() != w.crs {
		target := w.crs
		// A 2D geometry written under a compound CRS keeps its horizontal CRS: heights are
		// never invented, so it simply has none.
		if c, err := geometry.Lookup(target); err == nil && c.HasHeight() && g.Layout().ZIndex() < 0 {
			target = c.Horizontal
		}
		t, err := geometry.Transform(g, target)
		if err != nil {
			return nil, err
		}
		g = t
	}
	g = geometry.RoundCoordinates(g, w.decimals)
	if w.decimals != HeightDecimals {
		roundHeights(g)
	}
	// The crs member is the collection's; SRID 0 makes the geometry package write none.
	g = withoutSRID(g)
	return geometry.MarshalGeoJSON(g, geometry.GeoJSONGrid)
}

// Count returns the number of features written.
func (w *Writer) Count() int64 { return w.n }

// Close writes the end of the collection and flushes. It does not close the underlying writer.
func (w *Writer) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	if w.err != nil {
		return w.err
	}
	if _, err := w.w.WriteString("\n]}\n"); err != nil {
		return fmt.Errorf("geojson: write: %w", err)
	}
	if err := w.w.Flush(); err != nil {
		return fmt.Errorf("geojson: write: %w", err)
	}
	return nil
}

// WriteAll writes a whole FeatureCollection from seq and returns the number of features
// written. The first error, from seq or from a feature, stops it; what was written is then an
// unfinished collection, which the caller discards.
func WriteAll(w io.Writer, seq iter.Seq2[Feature, error], opts *WriterOptions) (int64, error) {
	fw, err := NewWriter(w, opts)
	if err != nil {
		return 0, err
	}
	for f, err := range seq {
		if err != nil {
			return fw.Count(), err
		}
		if err := fw.Write(f); err != nil {
			return fw.Count(), err
		}
	}
	return fw.Count(), fw.Close()
}

// roundHeights rounds Z to the millimetre in place (g is a copy made by RoundCoordinates).
func roundHeights(g geom.T) {
	if gc, ok := g.(*geom.GeometryCollection); ok {
		for i := range gc.NumGeoms() {
			roundHeights(gc.Geom(i))
		}
		return
	}
	zi := g.Layout().ZIndex()
	if zi < 0 {
		return
	}
	flat, stride := g.FlatCoords(), g.Stride()
	const scale = 1e3
	for i := zi; i < len(flat); i += stride {
		flat[i] = math.Round(flat[i]*scale) / scale
	}
}

// dropZ returns g in 2D (XYZ to XY, XYZM to XYM).
func dropZ(g geom.T) (geom.T, error) {
	if gc, ok := g.(*geom.GeometryCollection); ok {
		out := geom.NewGeometryCollection().SetSRID(gc.SRID())
		for i := range gc.NumGeoms() {
			m := gc.Geom(i)
			if m.Layout().ZIndex() >= 0 {
				var err error
				if m, err = dropZ(m); err != nil {
					return nil, err
				}
			}
			if err := out.Push(m); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	from, to := g.Layout(), geom.XY
	if from == geom.XYZM {
		to = geom.XYM
	}
	zi, os, ns := from.ZIndex(), from.Stride(), to.Stride()
	src := g.FlatCoords()
	flat := make([]float64, 0, len(src)/os*ns)
	for i := 0; i+os <= len(src); i += os {
		for k := range os {
			if k != zi {
				flat = append(flat, src[i+k])
			}
		}
	}
	scale := func(ends []int) []int {
		out := make([]int, len(ends))
		for i, e := range ends {
			out[i] = e / os * ns
		}
		return out
	}
	switch t := g.(type) {
	case *geom.Point:
		if t.Empty() {
			return geom.NewPointEmpty(to).SetSRID(t.SRID()), nil
		}
		return geom.NewPointFlat(to, flat).SetSRID(t.SRID()), nil
	case *geom.LineString:
		return geom.NewLineStringFlat(to, flat).SetSRID(t.SRID()), nil
	case *geom.Polygon:
		return geom.NewPolygonFlat(to, flat, scale(t.Ends())).SetSRID(t.SRID()), nil
	case *geom.MultiPoint:
		return geom.NewMultiPointFlat(to, flat, geom.NewMultiPointFlatOptionWithEnds(scale(t.Ends()))).SetSRID(t.SRID()), nil
	case *geom.MultiLineString:
		return geom.NewMultiLineStringFlat(to, flat, scale(t.Ends())).SetSRID(t.SRID()), nil
	case *geom.MultiPolygon:
		endss := make([][]int, len(t.Endss()))
		for i, e := range t.Endss() {
			endss[i] = scale(e)
		}
		return geom.NewMultiPolygonFlat(to, flat, endss).SetSRID(t.SRID()), nil
	}
	return nil, fmt.Errorf("%T: %w", g, geometry.ErrUnsupportedGeometry)
}

func withoutSRID(g geom.T) geom.T {
	out, err := geom.SetSRID(g, 0)
	if err != nil {
		return g
	}
	return out
}

func appendString(b []byte, s string) []byte { return appendJSONString(b, s) }

// appendValue appends v as JSON.
func appendValue(b []byte, v any) ([]byte, error) {
	switch t := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		if !utf8.ValidString(t) {
			return nil, fmt.Errorf("string is not UTF-8: %w", ErrValue)
		}
		return appendJSONString(b, t), nil
	case bool:
		return strconv.AppendBool(b, t), nil
	case int:
		return strconv.AppendInt(b, int64(t), 10), nil
	case int8:
		return strconv.AppendInt(b, int64(t), 10), nil
	case int16:
		return strconv.AppendInt(b, int64(t), 10), nil
	case int32:
		return strconv.AppendInt(b, int64(t), 10), nil
	case int64:
		return strconv.AppendInt(b, t, 10), nil
	case uint:
		return strconv.AppendUint(b, uint64(t), 10), nil
	case uint8:
		return strconv.AppendUint(b, uint64(t), 10), nil
	case uint16:
		return strconv.AppendUint(b, uint64(t), 10), nil
	case uint32:
		return strconv.AppendUint(b, uint64(t), 10), nil
	case uint64:
		return strconv.AppendUint(b, t, 10), nil
	case float32:
		return appendFloat(b, float64(t), 32)
	case float64:
		return appendFloat(b, t, 64)
	case time.Time:
		return appendJSONString(b, t.Format(time.RFC3339Nano)), nil
	case json.RawMessage:
		if !json.Valid(t) {
			return nil, fmt.Errorf("raw message is not JSON: %w", ErrValue)
		}
		return append(b, t...), nil
	case []byte:
		return nil, fmt.Errorf("[]byte has no JSON form (encode it as a string first): %w", ErrValue)
	}
	out, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrValue, err)
	}
	return append(b, out...), nil
}

func appendFloat(b []byte, f float64, bits int) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("%v has no JSON form: %w", f, ErrValue)
	}
	// encoding/json's choice: plain decimals, exponents only for very large or small values.
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21)) {
		format = 'e'
	}
	return strconv.AppendFloat(b, f, format, -1, bits), nil
}

// appendJSONString appends s as a JSON string (escaping only what JSON requires).
func appendJSONString(b []byte, s string) []byte {
	out, _ := json.Marshal(s) // a valid UTF-8 string always marshals
	// Undo the HTML escapes encoding/json adds; they are valid but noisy in a data file.
	for i := 0; i < len(out); i++ {
		if out[i] == '\\' && i+5 < len(out) && out[i+1] == 'u' && out[i+2] == '0' && out[i+3] == '0' {
			switch string(out[i+4 : i+6]) {
			case "3c":
				b = append(b, '<')
				i += 5
				continue
			case "3e":
				b = append(b, '>')
				i += 5
				continue
			case "26":
				b = append(b, '&')
				i += 5
				continue
			}
		}
		if out[i] == '\\' && i+1 < len(out) {
			b = append(b, out[i], out[i+1])
			i++
			continue
		}
		b = append(b, out[i])
	}
	return b
}
