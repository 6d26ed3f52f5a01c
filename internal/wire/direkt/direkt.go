// Package direkt holds what the wire packages of Lantmäteriet's Direkt read
// services (byggnad3, adress42, registerbeteckning5) share: the gml:id
// attribute, GML geometry properties and bounding boxes written inside a
// document whose root declares xmlns:gml, the namespace declarations of a
// response root, and the few JSON value shapes the services write
// inconsistently (a number or a string, one object or a list).
//
// Like the wire packages it depends only on package geometry, go-geom and
// the standard library.
package direkt

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// FaultNamespace is the namespace of Lantmäteriet's lmfault faults, which
// Byggnad Direkt v3 declares on its response root.
const FaultNamespace = "http://namespace.lantmateriet.se/distribution/produkter/fault/v1"

// GMLID is a gml:id attribute. Decoding matches any attribute named id
// (the gml prefix bound or not); encoding writes the literal name gml:id,
// which relies on the document's root declaring xmlns:gml, as every
// Direkt response does. An empty GMLID is not written.
type GMLID string

// MarshalXMLAttr writes gml:id="…".
func (id GMLID) MarshalXMLAttr(xml.Name) (xml.Attr, error) {
	if id == "" {
		return xml.Attr{}, nil
	}
	return xml.Attr{Name: xml.Name{Local: "gml:id"}, Value: string(id)}, nil
}

// UnmarshalXMLAttr reads the attribute's value.
func (id *GMLID) UnmarshalXMLAttr(a xml.Attr) error {
	*id = GMLID(a.Value)
	return nil
}

// RootStart returns the start element of a response root in namespace ns:
// the default namespace, then xmlns declarations for the extra prefixes
// (prefix → URI, in the order given), then xmlns:gml, then gml:id.
// Writing the declarations ourselves keeps encoding/xml from inventing
// prefixes and lets children without a namespace in their tags inherit the
// root's default namespace.
func RootStart(local, ns string, id GMLID, extra ...[2]string) xml.StartElement {
	attrs := make([]xml.Attr, 0, 3+len(extra))
	attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "xmlns"}, Value: ns})
	for _, e := range extra {
		attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "xmlns:" + e[0]}, Value: e[1]})
	}
	attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "xmlns:gml"}, Value: geometry.GMLNamespace})
	if id != "" {
		attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "gml:id"}, Value: string(id)})
	}
	return xml.StartElement{Name: xml.Name{Local: local}, Attr: attrs}
}

// Geometry is a geometry property: in XML a GML property element (for
// example <Byggnadsyta><gml:Polygon …/></Byggnadsyta>) written without its
// own xmlns:gml, because the document's root declares it; in JSON a
// GeoJSON geometry with grid coordinates [E, N] and the legacy crs member
// naming its SRID. A nil Geometry is omitted in XML and written as null in
// JSON.
type Geometry struct {
	geometry.Property
}

// NewGeometry wraps g.
func NewGeometry(g geom.T) Geometry { return Geometry{geometry.Property{Geometry: g}} }

// IsZero reports whether there is no geometry, for omitzero.
func (g Geometry) IsZero() bool { return g.Geometry == nil }

// MarshalXML writes the property without a namespace declaration of its
// own.
func (g Geometry) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	p := g.Property
	p.OmitNamespaceDecl = true
	return p.MarshalXML(e, start)
}

// MarshalJSON writes a GeoJSON geometry with a crs member, or null.
func (g Geometry) MarshalJSON() ([]byte, error) {
	return geometry.GeoJSON{Geometry: g.Geometry}.MarshalJSON()
}

// UnmarshalJSON reads a GeoJSON geometry; without a crs member its SRID is
// 0, and the caller supplies the one it asked for.
func (g *Geometry) UnmarshalJSON(data []byte) error {
	var gj geometry.GeoJSON
	if err := gj.UnmarshalJSON(data); err != nil {
		return err
	}
	g.Geometry, g.ID = gj.Geometry, ""
	return nil
}

// BoundedBy is a gml:boundedBy written without its own xmlns:gml, because
// the document's root declares it. Its tag must carry the GML namespace:
//
//	BoundedBy direkt.BoundedBy `xml:"http://www.opengis.net/gml/3.2 boundedBy"`
//
// JSON has no bounding box, so its json tag is "-".
type BoundedBy struct {
	geometry.BoundedBy
}

// NewBoundedBy returns the bounding box of g (nothing when g is nil or
// empty).
func NewBoundedBy(g geom.T) BoundedBy {
	return BoundedBy{geometry.BoundedBy{Envelope: geometry.EnvelopeOf(g)}}
}

// MarshalXML writes the box without a namespace declaration of its own.
func (b BoundedBy) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	p := b.BoundedBy
	p.OmitNamespaceDecl = true
	return p.MarshalXML(e, start)
}

// Number is a number the services write as a JSON number in one place and
// a string in another (postnummer 11264, ortid, totalBoarea 162.5), kept
// as the text it came as so that nothing is lost to float rounding. In XML
// it is plain text. JSON output is a bare number when the text is one, a
// string otherwise.
type Number string

// MarshalJSON writes a JSON number when n is one, else a string.
func (n Number) MarshalJSON() ([]byte, error) {
	if n != "" && json.Valid([]byte(n)) && isJSONNumber(string(n)) {
		return []byte(n), nil
	}
	return json.Marshal(string(n))
}

// UnmarshalJSON accepts a number, a string or null.
func (n *Number) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case bytes.Equal(data, []byte("null")):
		*n = ""
		return nil
	case len(data) > 0 && data[0] == '"':
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		*n = Number(s)
		return nil
	case len(data) > 0 && isJSONNumber(string(data)):
		*n = Number(data)
		return nil
	}
	return fmt.Errorf("want a number or a string, got %.20q", data)
}

// isJSONNumber reports whether s is exactly a JSON number literal.
func isJSONNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - start
	}
	n := digits()
	if n == 0 || (n > 1 && s[i-n] == '0') {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// OneOrMany is a JSON member that holds one object or a list of them
// (a reference that is 0..1 in one version of a service and a list in
// another). It is written as a single object when it holds one value and
// as a list otherwise. In XML it is simply repeated elements.
type OneOrMany[T any] []T

// MarshalJSON writes one object or a list.
func (o OneOrMany[T]) MarshalJSON() ([]byte, error) {
	if len(o) == 1 {
		return json.Marshal(o[0])
	}
	return json.Marshal([]T(o))
}

// UnmarshalJSON accepts an object, a list or null.
func (o *OneOrMany[T]) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case bytes.Equal(data, []byte("null")):
		*o = nil
		return nil
	case len(data) > 0 && data[0] == '[':
		var list []T
		if err := json.Unmarshal(data, &list); err != nil {
			return err
		}
		*o = list
		return nil
	}
	var one T
	if err := json.Unmarshal(data, &one); err != nil {
		return err
	}
	*o = OneOrMany[T]{one}
	return nil
}

// xmlHeader starts every document Marshal writes.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// MarshalXML writes v as a complete, indented XML document with the XML
// declaration, as Lantmäteriet's services answer; output is deterministic.
func MarshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xmlHeader)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// MarshalJSON writes v as indented JSON without HTML escaping (å, ä, ö and
// & stay as they are); output is deterministic.
func MarshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// UnmarshalXML decodes one XML document into v and refuses trailing
// content other than whitespace, comments and processing instructions, so
// that two concatenated answers never pass as one.
func UnmarshalXML(data []byte, v any) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	if err := d.Decode(v); err != nil {
		return err
	}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if strings.TrimSpace(string(t)) != "" {
				return errors.New("text after the document element")
			}
		case xml.Comment, xml.ProcInst:
		default:
			return errors.New("content after the document element")
		}
	}
}

// SetSRID sets the SRID of g when it has none (GeoJSON without a crs
// member), to the one the request asked for. It returns g.
func SetSRID(g geom.T, srid int) geom.T {
	if g == nil || g.SRID() != 0 || srid == 0 {
		return g
	}
	switch t := g.(type) {
	case *geom.Point:
		return t.SetSRID(srid)
	case *geom.LineString:
		return t.SetSRID(srid)
	case *geom.Polygon:
		return t.SetSRID(srid)
	case *geom.MultiPoint:
		return t.SetSRID(srid)
	case *geom.MultiLineString:
		return t.SetSRID(srid)
	case *geom.MultiPolygon:
		return t.SetSRID(srid)
	case *geom.GeometryCollection:
		return t.SetSRID(srid)
	}
	return g
}

// Union returns the box around the non-nil envelopes, or nil when there is
// none or they are in different CRSs (a box cannot mix them).
func Union(envs ...*geometry.Envelope) *geometry.Envelope {
	var u *geometry.Envelope
	for _, e := range envs {
		switch {
		case e == nil:
		case u == nil:
			c := *e
			u = &c
		case u.SRID != e.SRID:
			return nil
		default:
			u.MinX, u.MinY = min(u.MinX, e.MinX), min(u.MinY, e.MinY)
			u.MaxX, u.MaxY = max(u.MaxX, e.MaxX), max(u.MaxY, e.MaxY)
		}
	}
	return u
}
