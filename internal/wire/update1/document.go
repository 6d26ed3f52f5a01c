package update1

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// Namespace is the binding's XML namespace, the default namespace of every
// document.
const Namespace = "http://namespace.lantmateriet.se/ajourhallning/bal/v1"

// MaxDocumentBytes bounds a document Unmarshal accepts. The largest
// legitimate documents are transactions of a few hundred objects and search
// answers of 1 000 hits, far below this.
const MaxDocumentBytes = 16 << 20

// GMLDecl declares the gml prefix on a document's root element. It is an
// attribute field that always writes xmlns:gml="http://www.opengis.net/gml/3.2",
// whatever its value, so a root struct cannot forget it.
type GMLDecl struct{}

// MarshalXMLAttr writes the declaration.
func (GMLDecl) MarshalXMLAttr(xml.Name) (xml.Attr, error) {
	return xml.Attr{Name: xml.Name{Local: "xmlns:gml"}, Value: geometry.GMLNamespace}, nil
}

// UnmarshalXMLAttr ignores the declaration: the decoder resolves prefixes
// itself.
func (*GMLDecl) UnmarshalXMLAttr(xml.Attr) error { return nil }

// Tidpunkt is a date-time as the binding writes it: ISO 8601 with
// milliseconds and the UTC offset, e.g. "2026-11-22T10:15:01.123+01:00".
// It is kept as text so that decoding never fails on a timestamp and a value
// round-trips byte for byte; Time parses it.
type Tidpunkt string

// tidpunktLayout is the layout the binding writes.
const tidpunktLayout = "2006-01-02T15:04:05.000Z07:00"

// NewTidpunkt formats t in its own location with millisecond precision.
// The zero time gives the empty Tidpunkt, which is omitted.
func NewTidpunkt(t time.Time) Tidpunkt {
	if t.IsZero() {
		return ""
	}
	return Tidpunkt(t.Format(tidpunktLayout))
}

// Time parses the timestamp (any RFC 3339 form). The empty Tidpunkt is the
// zero time.
func (t Tidpunkt) Time() (time.Time, error) {
	if t == "" {
		return time.Time{}, nil
	}
	v, err := time.Parse(time.RFC3339Nano, string(t))
	if err != nil {
		return time.Time{}, fmt.Errorf("update1: tidpunkt %q: %w", truncate(string(t), 40), err)
	}
	return v, nil
}

// Datum is a calendar date, "2026-11-22", kept as text like Tidpunkt.
type Datum string

// NewDatum formats t's date in t's location; the zero time gives "".
func NewDatum(t time.Time) Datum {
	if t.IsZero() {
		return ""
	}
	return Datum(t.Format(time.DateOnly))
}

// Time parses the date at midnight UTC; the empty Datum is the zero time.
func (d Datum) Time() (time.Time, error) {
	if d == "" {
		return time.Time{}, nil
	}
	v, err := time.Parse(time.DateOnly, string(d))
	if err != nil {
		return time.Time{}, fmt.Errorf("update1: datum %q: %w", truncate(string(d), 40), err)
	}
	return v, nil
}

// Geometri is a GML property element (such as <Byggnadsyta> or
// <Adressplatspunkt>) holding one GML 3.2 geometry. It writes the geometry
// without its own xmlns:gml, because the binding's document roots declare
// it; a nil Geometry writes nothing. X is easting, Y northing, and the SRID
// must be set (the srsName comes from it).
type Geometri struct {
	// Geometry is the geometry, nil when absent.
	Geometry geom.T
	// ID is the gml:id of the geometry element, when it has one.
	ID string
}

// MarshalXML writes the property through geometry.Property.
func (g Geometri) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return geometry.Property{Geometry: g.Geometry, ID: g.ID, OmitNamespaceDecl: true}.MarshalXML(e, start)
}

// UnmarshalXML reads the property through geometry.Property, with its
// default bounds on the number of coordinates.
func (g *Geometri) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var p geometry.Property
	err := p.UnmarshalXML(d, start)
	g.Geometry, g.ID = p.Geometry, p.ID
	return err
}

// IsZero reports whether the property holds no geometry.
func (g Geometri) IsZero() bool { return g.Geometry == nil }

// clone returns a deep copy.
func (g Geometri) clone() Geometri {
	if g.Geometry == nil {
		return g
	}
	return Geometri{Geometry: cloneGeom(g.Geometry), ID: g.ID}
}

func cloneGeom(g geom.T) geom.T {
	switch t := g.(type) {
	case *geom.Point:
		return t.Clone()
	case *geom.LineString:
		return t.Clone()
	case *geom.Polygon:
		return t.Clone()
	case *geom.MultiPoint:
		return t.Clone()
	case *geom.MultiLineString:
		return t.Clone()
	case *geom.MultiPolygon:
		return t.Clone()
	}
	return g
}

// ErrDocument is wrapped by every error Unmarshal returns for input that is
// not a document of the expected kind.
var ErrDocument = errors.New("update1: not a valid document")

// Unmarshal decodes one binding document into v, a pointer to one of the
// root structs (Uppdatering, Kvitto, Sokvillkor …) or to an object struct
// (Byggnad, Adressplats …) for the answers of GET /{typ}/{id}. It checks
// that the root element is the one v expects, in Namespace, refuses input
// larger than MaxDocumentBytes and anything but whitespace after the root,
// and never panics.
func Unmarshal(data []byte, v any) error {
	if len(data) > MaxDocumentBytes {
		return fmt.Errorf("%w: %d bytes, at most %d", ErrDocument, len(data), MaxDocumentBytes)
	}
	want := rootNameOf(v)
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return fmt.Errorf("%w: no root element: %v", ErrDocument, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if want != "" && (se.Name.Local != want || se.Name.Space != Namespace) {
			return fmt.Errorf("%w: root is {%s}%s, want {%s}%s", ErrDocument,
				truncate(se.Name.Space, 80), truncate(se.Name.Local, 40), Namespace, want)
		}
		if err := d.DecodeElement(v, &se); err != nil {
			return fmt.Errorf("%w: %v", ErrDocument, err)
		}
		break
	}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: after the root: %v", ErrDocument, err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			if len(bytes.TrimSpace(t)) != 0 {
				return fmt.Errorf("%w: text after the root element", ErrDocument)
			}
		case xml.Comment, xml.ProcInst:
		default:
			return fmt.Errorf("%w: content after the root element", ErrDocument)
		}
	}
}

// rooted is implemented by every struct that can be a document's root.
type rooted interface{ rootName() string }

// Rooted is rooted for use as a constraint outside this package (see Doc):
// only this package's document types implement it.
type Rooted = rooted

// wrapped is implemented by the roots that carry no XMLName of their own,
// because they also appear nested (Kvitto in Transaktionskvitto, Brist in
// Bristlista, the objects in Uppdatering): Marshal names them and adds their
// root attributes.
type wrapped interface {
	rooted
	rootAttrs() []xml.Attr
}

func rootNameOf(v any) string {
	if r, ok := v.(rooted); ok {
		return r.rootName()
	}
	return ""
}

// gmlDecl is the xmlns:gml declaration as a root attribute.
var gmlDecl = xml.Attr{Name: xml.Name{Local: "xmlns:gml"}, Value: geometry.GMLNamespace}

// Marshal writes v, a pointer to a root struct or an object struct, as a
// document: the XML declaration, then v as the root element in Namespace,
// with xmlns:gml where it may hold geometry. This is how the server writes
// every answer; clients may encode their request roots (Uppdatering,
// Transaktion, Sokvillkor, Bristatgard, Kvittens) directly, since those name
// themselves.
func Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	var err error
	if w, ok := v.(wrapped); ok {
		start := xml.StartElement{Name: xml.Name{Space: Namespace, Local: w.rootName()}, Attr: w.rootAttrs()}
		err = enc.EncodeElement(v, start)
	} else {
		err = enc.Encode(v)
	}
	if err == nil {
		err = enc.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("update1: marshal: %w", err)
	}
	return buf.Bytes(), nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Doc decodes one answer document whose root must be T's own root element
// in Namespace (<Brist>, <Arendelista> …), so that a 200 answer holding some
// other document is an error instead of an empty value:
//
//	var out update1.Doc[update1.Brist, *update1.Brist]
type Doc[T any, PT interface {
	*T
	Rooted
}] struct {
	// V is the decoded document.
	V T
}

// UnmarshalXML checks the root before decoding it into V.
func (d *Doc[T, PT]) UnmarshalXML(dec *xml.Decoder, start xml.StartElement) error {
	want := PT(&d.V).rootName()
	if start.Name.Local != want || start.Name.Space != Namespace {
		return fmt.Errorf("%w: root is <%s>, want <%s>", ErrDocument, truncate(start.Name.Local, 40), want)
	}
	return dec.DecodeElement(&d.V, &start)
}
