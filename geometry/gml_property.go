package geometry

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/twpayne/go-geom"
)

// Property is a GML geometry property element: the struct field's own element (for example
// <Byggnadsyta>) holding exactly one GML geometry element as its child. It implements
// xml.Marshaler and xml.Unmarshaler so wire structs can embed it:
//
//	Yta geometry.Property `xml:"Byggnadsyta"`
//
// When marshalled it writes the geometry with prefixed gml: names, exactly as MarshalGML does.
// encoding/xml cannot declare prefixes for us, so Property writes xmlns:gml on the geometry
// element unless OmitNamespaceDecl is set (for documents that declare xmlns:gml on their root).
// A zero Property (nil Geometry) marshals to nothing, so the element is omitted; an empty
// property element unmarshals to a nil Geometry.
type Property struct {
	Geometry geom.T
	// ID is the gml:id of the geometry element: written when non-empty, filled in when decoding.
	ID                string
	OmitNamespaceDecl bool
	// SRSNameForm selects the srsName spelling written (URN by default).
	SRSNameForm SRSNameForm
	// DecodeOptions, when set before unmarshalling, bounds and tunes decoding; nil uses defaults.
	DecodeOptions *GMLDecodeOptions
}

// MarshalXML writes start, the geometry element and the end of start; nothing at all when
// Geometry is nil.
func (p Property) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if p.Geometry == nil {
		return nil
	}
	if err := e.EncodeToken(start); err != nil {
		return fmt.Errorf("gml property <%s>: %w", start.Name.Local, err)
	}
	opts := &GMLOptions{ID: p.ID, SRSNameForm: p.SRSNameForm, OmitNamespaceDecl: p.OmitNamespaceDecl}
	if err := encodeGML(e, p.Geometry, opts); err != nil {
		return fmt.Errorf("gml property <%s>: %w", start.Name.Local, err)
	}
	if err := e.EncodeToken(start.End()); err != nil {
		return fmt.Errorf("gml property <%s>: %w", start.Name.Local, err)
	}
	return nil
}

// UnmarshalXML reads the property's single geometry child. Other child elements are an error:
// a property holds one geometry.
func (p *Property) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	p.Geometry, p.ID = nil, ""
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return fmt.Errorf("gml property <%s>: unexpected end of input: %w", start.Name.Local, ErrInvalidGML)
			}
			return fmt.Errorf("gml property <%s>: %v: %w", start.Name.Local, err, ErrInvalidGML)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if p.Geometry != nil {
				return fmt.Errorf("gml property <%s> holds more than one geometry: %w", start.Name.Local, ErrInvalidGML)
			}
			g, id, err := decodeGMLElement(d, t, p.DecodeOptions)
			if err != nil {
				return fmt.Errorf("gml property <%s>: %w", start.Name.Local, err)
			}
			p.Geometry, p.ID = g, id
		case xml.EndElement:
			return nil
		}
	}
}

// Envelope is a gml:Envelope: the bounding box of a geometry, written with lowerCorner and
// upperCorner northing first (latitude first for 4619). X is easting (or longitude).
type Envelope struct {
	SRID                   int
	MinX, MinY, MaxX, MaxY float64
}

// EnvelopeOf returns the 2D bounding box of g, or nil for a nil or empty geometry. An envelope
// is two-dimensional, so a geometry in a compound CRS (e.g. 5845) gets the horizontal code
// (3006); any other SRID is kept as it is.
func EnvelopeOf(g geom.T) *Envelope {
	if g == nil || g.Empty() {
		return nil
	}
	b := g.Bounds()
	if b.IsEmpty() {
		return nil
	}
	srid := g.SRID()
	if c, err := Lookup(srid); err == nil {
		srid = c.Horizontal
	}
	return &Envelope{SRID: srid, MinX: b.Min(0), MinY: b.Min(1), MaxX: b.Max(0), MaxY: b.Max(1)}
}

// MarshalXML writes the envelope as a gml:Envelope element, whatever the name in start (the
// element is GML's, not the caller's), with xmlns:gml declared.
func (env Envelope) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	return env.encode(e, false)
}

func (env Envelope) encode(e *xml.Encoder, omitNS bool) error {
	if _, err := Lookup(env.SRID); err != nil {
		return fmt.Errorf("gml envelope: %w", err)
	}
	for _, v := range []float64{env.MinX, env.MinY, env.MaxX, env.MaxY} {
		if !finite(v) {
			return fmt.Errorf("gml envelope: corner is not finite: %w", ErrUnsupportedGeometry)
		}
	}
	var attrs []xml.Attr
	if !omitNS {
		attrs = append(attrs, attr("xmlns:gml", GMLNamespace))
	}
	attrs = append(attrs, attr("srsName", FormatSRSName(env.SRID, URN)), attr("srsDimension", "2"))
	corner := func(local string, x, y float64) []xml.Token {
		b := strconv.AppendFloat(nil, y, 'f', -1, 64)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, x, 'f', -1, 64)
		n := xml.Name{Local: "gml:" + local}
		return []xml.Token{xml.StartElement{Name: n}, xml.CharData(b), xml.EndElement{Name: n}}
	}
	name := xml.Name{Local: "gml:Envelope"}
	toks := []xml.Token{xml.StartElement{Name: name, Attr: attrs}}
	toks = append(toks, corner("lowerCorner", env.MinX, env.MinY)...)
	toks = append(toks, corner("upperCorner", env.MaxX, env.MaxY)...)
	toks = append(toks, xml.EndElement{Name: name})
	for _, t := range toks {
		if err := e.EncodeToken(t); err != nil {
			return fmt.Errorf("gml envelope: %w", err)
		}
	}
	return nil
}

// UnmarshalXML reads a gml:Envelope (lowerCorner/upperCorner, or two pos elements).
func (env *Envelope) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	r := &gmlReader{maxCoords: 16}
	n, err := r.readTree(d, start)
	if err != nil {
		return fmt.Errorf("gml envelope: %w", err)
	}
	out, err := r.envelope(n)
	if err != nil {
		return err
	}
	*env = *out
	return nil
}

func (r *gmlReader) envelope(n *gmlNode) (*Envelope, error) {
	if !n.is("Envelope") {
		return nil, fmt.Errorf("gml: <%s> is not an Envelope: %w", n.name.Local, ErrInvalidGML)
	}
	ctx, err := r.inherit(n, gmlContext{})
	if err != nil {
		return nil, err
	}
	if ctx.crs == nil {
		return nil, fmt.Errorf("gml: <Envelope> has no srsName: %w", ErrInvalidGML)
	}
	corners := children(n, "lowerCorner", "upperCorner")
	if len(corners) != 2 || !corners[0].is("lowerCorner") || !corners[1].is("upperCorner") {
		corners = children(n, "pos")
	}
	if len(corners) != 2 {
		return nil, fmt.Errorf("gml: <Envelope> needs lowerCorner and upperCorner: %w", ErrInvalidGML)
	}
	var xy [2][2]float64
	for i, c := range corners {
		v, err := r.parseNumbers(c.text, 0)
		if err != nil {
			return nil, fmt.Errorf("gml: <Envelope> <%s>: %w", c.name.Local, err)
		}
		if len(v) != 2 && len(v) != 3 || ctx.dim != 0 && len(v) != ctx.dim {
			return nil, fmt.Errorf("gml: <Envelope> <%s> has %d numbers: %w", c.name.Local, len(v), ErrInvalidGML)
		}
		flat, err := r.toFlat(v[:2], 2, ctx)
		if err != nil {
			return nil, err
		}
		xy[i] = [2]float64{flat[0], flat[1]}
	}
	return &Envelope{
		SRID: ctx.crs.Code,
		MinX: math.Min(xy[0][0], xy[1][0]), MinY: math.Min(xy[0][1], xy[1][1]),
		MaxX: math.Max(xy[0][0], xy[1][0]), MaxY: math.Max(xy[0][1], xy[1][1]),
	}, nil
}

// BoundedBy is the <gml:boundedBy> property holding an Envelope. It implements xml.Marshaler
// and xml.Unmarshaler and is meant as a struct field tagged
//
//	BoundedBy geometry.BoundedBy `xml:"http://www.opengis.net/gml/3.2 boundedBy"`
//
// It is written as a prefixed gml:boundedBy (with xmlns:gml unless OmitNamespaceDecl), and
// nothing at all when Envelope is nil. Reading accepts <gml:Null> inside, which leaves Envelope
// nil.
type BoundedBy struct {
	Envelope          *Envelope
	OmitNamespaceDecl bool
}

// MarshalXML writes <gml:boundedBy><gml:Envelope …/></gml:boundedBy>.
func (b BoundedBy) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if b.Envelope == nil {
		return nil
	}
	// Always the GML element: a tag naming the GML namespace would otherwise be written with a
	// default-namespace declaration instead of the gml: prefix Lantmäteriet uses.
	name := xml.Name{Local: "gml:boundedBy"}
	var attrs []xml.Attr
	if !b.OmitNamespaceDecl {
		attrs = append(attrs, attr("xmlns:gml", GMLNamespace))
	}
	if err := e.EncodeToken(xml.StartElement{Name: name, Attr: attrs}); err != nil {
		return fmt.Errorf("gml boundedBy: %w", err)
	}
	// The declaration on boundedBy covers the envelope.
	if err := b.Envelope.encode(e, true); err != nil {
		return err
	}
	if err := e.EncodeToken(xml.EndElement{Name: name}); err != nil {
		return fmt.Errorf("gml boundedBy: %w", err)
	}
	return nil
}

// UnmarshalXML reads a boundedBy property holding a gml:Envelope or gml:Null.
func (b *BoundedBy) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	r := &gmlReader{maxCoords: 16}
	n, err := r.readTree(d, start)
	if err != nil {
		return fmt.Errorf("gml boundedBy: %w", err)
	}
	b.Envelope = nil
	if len(n.kids) == 0 {
		return nil
	}
	child, err := only(n)
	if err != nil {
		return err
	}
	if child.is("Null") {
		return nil
	}
	env, err := r.envelope(child)
	if err != nil {
		return fmt.Errorf("gml boundedBy: %w", err)
	}
	b.Envelope = env
	return nil
}
