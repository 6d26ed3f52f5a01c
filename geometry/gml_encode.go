package geometry

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"

	"github.com/twpayne/go-geom"
)

// GMLNamespace is the GML 3.2 namespace URI, bound to the prefix "gml" in everything written.
const GMLNamespace = "http://www.opengis.net/gml/3.2"

// gml311Namespace is GML 3.1.1's namespace, accepted when decoding.
const gml311Namespace = "http://www.opengis.net/gml"

// GMLOptions controls how a geometry is written as GML 3.2. A nil *GMLOptions means the zero
// value: URN srsNames, no gml:id, xmlns:gml declared.
type GMLOptions struct {
	// ID is the gml:id of the geometry element ("" writes none). GML 3.2 makes gml:id mandatory
	// on geometries, so schema-valid documents set it.
	ID string
	// SRSNameForm selects the srsName spelling: URN (default), HTTPURI, EPSGColon or EPSGXMLURL.
	// Coordinates are written northing first whatever the form.
	SRSNameForm SRSNameForm
	// MemberIDPrefix, when set, gives every member of a multi-geometry (and every geometry in a
	// MultiGeometry) a gml:id of MemberIDPrefix followed by its 1-based index, e.g. "p1.1".
	MemberIDPrefix string
	// OmitNamespaceDecl leaves out xmlns:gml on the geometry element, for callers embedding the
	// result in a document that declares the prefix on an ancestor.
	OmitNamespaceDecl bool
}

// MarshalGML writes g as one standalone GML 3.2 geometry element with xmlns:gml declared, in the
// form Lantmäteriet writes: prefixed gml: names, srsName as a URN, coordinates northing first
// (latitude first for 4619), numbers in the shortest form that reads back to the same float64
// and never in exponent notation. Output is deterministic.
//
// Points become gml:Point, LineStrings gml:LineString, Polygons gml:Polygon, MultiPoints
// gml:MultiPoint, MultiLineStrings gml:MultiCurve, MultiPolygons gml:MultiSurface and
// GeometryCollections gml:MultiGeometry. 3D geometries (XYZ) get srsDimension="3" (and 2D ones
// in a compound CRS srsDimension="2"). GML has no
// measure ordinate, so XYM and XYZM layouts are refused, as are empty and standalone LinearRing
// geometries and geometries without a registered SRID (their axis order is unknown).
func MarshalGML(g geom.T, opts *GMLOptions) ([]byte, error) {
	var buf bytes.Buffer
	enc := xml.NewEncoder(&buf)
	if err := encodeGML(enc, g, opts); err != nil {
		return nil, err
	}
	if err := enc.Flush(); err != nil {
		return nil, fmt.Errorf("gml: %w", err)
	}
	return buf.Bytes(), nil
}

// encodeGML writes g through enc as prefixed tokens. encoding/xml cannot bind a prefix to a
// namespace for us, so names are written literally as "gml:…" and the declaration as an
// ordinary "xmlns:gml" attribute.
func encodeGML(enc *xml.Encoder, g geom.T, opts *GMLOptions) error {
	if opts == nil {
		opts = &GMLOptions{}
	}
	if g == nil {
		return fmt.Errorf("gml: nil geometry: %w", ErrUnsupportedGeometry)
	}
	crs, err := Lookup(g.SRID())
	if err != nil {
		return fmt.Errorf("gml: geometry srid: %w", err)
	}
	dim, err := gmlDimension(g.Layout())
	if err != nil {
		return err
	}
	w := &gmlWriter{enc: enc, opts: opts, stride: g.Layout().Stride(), dim: dim}
	var root []xml.Attr
	if !opts.OmitNamespaceDecl {
		root = append(root, attr("xmlns:gml", GMLNamespace))
	}
	root = append(root, attr("srsName", FormatSRSName(crs.Code, opts.SRSNameForm)))
	// The decoder takes a missing srsDimension to mean the CRS's own dimension (3 for the
	// compound codes), so it is written whenever it says something else than 2, and always
	// for compound CRSs.
	if dim == 3 || crs.Kind == Compound {
		root = append(root, attr("srsDimension", strconv.Itoa(dim)))
	}
	if err := w.geometry(g, root, opts.ID); err != nil {
		return err
	}
	return nil
}

func gmlDimension(l geom.Layout) (int, error) {
	switch l {
	case geom.XY:
		return 2, nil
	case geom.XYZ:
		return 3, nil
	}
	return 0, fmt.Errorf("gml: layout %v: gml has no measure ordinate: %w", l, ErrUnsupportedGeometry)
}

func attr(name, value string) xml.Attr { return xml.Attr{Name: xml.Name{Local: name}, Value: value} }

// gmlAxisOrder maps GML axis position to go-geom ordinate: every registered CRS is northing
// (or latitude) first, which is go-geom's Y.
var gmlAxisOrder = [3]int{1, 0, 2}

type gmlWriter struct {
	enc     *xml.Encoder
	opts    *GMLOptions
	stride  int
	dim     int
	num     []byte // reused number buffer
	members int    // running member index for MemberIDPrefix
}

func (w *gmlWriter) start(local string, attrs ...xml.Attr) error {
	return w.enc.EncodeToken(xml.StartElement{Name: xml.Name{Local: "gml:" + local}, Attr: attrs})
}

func (w *gmlWriter) end(local string) error {
	return w.enc.EncodeToken(xml.EndElement{Name: xml.Name{Local: "gml:" + local}})
}

// geometry writes one geometry element. attrs are the element's leading attributes (namespace,
// srsName, srsDimension on the root; none on members); id is its gml:id.
func (w *gmlWriter) geometry(g geom.T, attrs []xml.Attr, id string) error {
	if id != "" {
		attrs = append(attrs, attr("gml:id", id))
	}
	if g.Layout() != geom.NoLayout && g.Layout().Stride() != w.stride {
		return fmt.Errorf("gml: member layout %v differs from the geometry's: %w", g.Layout(), ErrUnsupportedGeometry)
	}
	switch g := g.(type) {
	case *geom.Point:
		if g.Empty() {
			return fmt.Errorf("gml: empty point: %w", ErrUnsupportedGeometry)
		}
		return w.wrap("Point", attrs, func() error { return w.coords("pos", g.FlatCoords()) })
	case *geom.LineString:
		if g.Empty() {
			return fmt.Errorf("gml: empty linestring: %w", ErrUnsupportedGeometry)
		}
		return w.wrap("LineString", attrs, func() error { return w.coords("posList", g.FlatCoords()) })
	case *geom.Polygon:
		if g.Empty() {
			return fmt.Errorf("gml: empty polygon: %w", ErrUnsupportedGeometry)
		}
		return w.wrap("Polygon", attrs, func() error { return w.rings(g.FlatCoords(), 0, g.Ends()) })
	case *geom.MultiPoint:
		return w.wrap("MultiPoint", attrs, func() error {
			for i := range g.NumPoints() {
				if err := w.member("pointMember", g.Point(i)); err != nil {
					return err
				}
			}
			return nil
		})
	case *geom.MultiLineString:
		return w.wrap("MultiCurve", attrs, func() error {
			for i := range g.NumLineStrings() {
				if err := w.member("curveMember", g.LineString(i)); err != nil {
					return err
				}
			}
			return nil
		})
	case *geom.MultiPolygon:
		return w.wrap("MultiSurface", attrs, func() error {
			for i := range g.NumPolygons() {
				if err := w.member("surfaceMember", g.Polygon(i)); err != nil {
					return err
				}
			}
			return nil
		})
	case *geom.GeometryCollection:
		return w.wrap("MultiGeometry", attrs, func() error {
			for _, c := range g.Geoms() {
				if err := w.member("geometryMember", c); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return fmt.Errorf("gml: %T: %w", g, ErrUnsupportedGeometry)
}

func (w *gmlWriter) wrap(local string, attrs []xml.Attr, body func() error) error {
	if err := w.start(local, attrs...); err != nil {
		return fmt.Errorf("gml: %w", err)
	}
	if err := body(); err != nil {
		return err
	}
	if err := w.end(local); err != nil {
		return fmt.Errorf("gml: %w", err)
	}
	return nil
}

func (w *gmlWriter) member(prop string, g geom.T) error {
	w.members++
	id := ""
	if w.opts.MemberIDPrefix != "" {
		id = w.opts.MemberIDPrefix + strconv.Itoa(w.members)
	}
	return w.wrap(prop, nil, func() error { return w.geometry(g, nil, id) })
}

// rings writes exterior and interior LinearRings of one polygon whose flat coordinates run
// from offset to ends[len(ends)-1].
func (w *gmlWriter) rings(flat []float64, offset int, ends []int) error {
	for i, end := range ends {
		prop := "interior"
		if i == 0 {
			prop = "exterior"
		}
		ring := flat[offset:end]
		offset = end
		err := w.wrap(prop, nil, func() error {
			return w.wrap("LinearRing", nil, func() error { return w.coords("posList", ring) })
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// coords writes a gml:pos or gml:posList with every position northing first: go-geom's Y, then
// X, then Z when the geometry is 3D.
func (w *gmlWriter) coords(local string, flat []float64) error {
	b := w.num[:0]
	for i := 0; i+w.stride <= len(flat); i += w.stride {
		for k, j := range gmlAxisOrder[:w.dim] {
			v := flat[i+j]
			if !finite(v) {
				return fmt.Errorf("gml: coordinate %d is not finite: %w", i/w.stride, ErrUnsupportedGeometry)
			}
			if i > 0 || k > 0 {
				b = append(b, ' ')
			}
			b = strconv.AppendFloat(b, v, 'f', -1, 64)
		}
	}
	w.num = b
	if err := w.start(local); err != nil {
		return fmt.Errorf("gml: %w", err)
	}
	if err := w.enc.EncodeToken(xml.CharData(b)); err != nil {
		return fmt.Errorf("gml: %w", err)
	}
	if err := w.end(local); err != nil {
		return fmt.Errorf("gml: %w", err)
	}
	return nil
}
