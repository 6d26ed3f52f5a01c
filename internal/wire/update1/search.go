package update1

import (
	"encoding/xml"
	"fmt"
	"math"
	"strconv"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// MaxTraffar is the most hits one search page may ask for (Sokvillkor.Max).
const MaxTraffar = 1000

// Sokvillkor is the body of POST /{typ}/sok: the search conditions, all
// optional and combined with "and".
type Sokvillkor struct {
	// XMLName names the root in Namespace.
	XMLName xml.Name `xml:"http://namespace.lantmateriet.se/ajourhallning/bal/v1 Sokvillkor"`
	// GML declares xmlns:gml on the root.
	GML GMLDecl `xml:"xmlns:gml,attr"`
	// Kommunkod keeps objects of one municipality.
	Kommunkod string `xml:"kommunkod,omitempty"`
	// Registerenhet keeps objects that lie on (or within) the registerenhet
	// with this objektidentitet.
	Registerenhet string `xml:"registerenhet,omitempty"`
	// Objektstatus keeps objects with one of these statuses.
	Objektstatus []string `xml:"objektstatus,omitempty"`
	// Namn keeps objects whose name or label contains this text, in any
	// case.
	Namn string `xml:"namn,omitempty"`
	// Envelope keeps objects whose geometry intersects this box.
	Envelope *Omrade `xml:"http://www.opengis.net/gml/3.2 Envelope,omitempty"`
	// Geometri keeps objects whose geometry intersects this polygon.
	Geometri Geometri `xml:"geometri"`
	// ForandradEfter keeps objects whose current version took effect after
	// this time.
	ForandradEfter Tidpunkt `xml:"forandradEfter,omitempty"`
	// Max is the most hits per page, at most MaxTraffar; 0 means the
	// server's default.
	Max int `xml:"max,omitempty"`
	// Fortsattning continues a search from where the previous page ended;
	// it is opaque.
	Fortsattning string `xml:"fortsattning,omitempty"`
}

func (*Sokvillkor) rootName() string { return "Sokvillkor" }

// Omrade is a search box: a gml:Envelope, written without its own
// xmlns:gml (the Sokvillkor root declares it). X is easting, Y northing;
// corners are written northing first.
type Omrade geometry.Envelope

// MarshalXML writes the gml:Envelope.
func (o Omrade) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	if _, err := geometry.Lookup(o.SRID); err != nil {
		return fmt.Errorf("update1: envelope: %w", err)
	}
	name := xml.Name{Local: "gml:Envelope"}
	toks := []xml.Token{xml.StartElement{Name: name, Attr: []xml.Attr{
		{Name: xml.Name{Local: "srsName"}, Value: geometry.FormatSRSName(o.SRID, geometry.URN)},
		{Name: xml.Name{Local: "srsDimension"}, Value: "2"},
	}}}
	for _, c := range []struct {
		local string
		x, y  float64
	}{{"gml:lowerCorner", o.MinX, o.MinY}, {"gml:upperCorner", o.MaxX, o.MaxY}} {
		if math.IsNaN(c.x) || math.IsInf(c.x, 0) || math.IsNaN(c.y) || math.IsInf(c.y, 0) {
			return fmt.Errorf("update1: envelope corner is not finite")
		}
		n := xml.Name{Local: c.local}
		text := strconv.FormatFloat(c.y, 'f', -1, 64) + " " + strconv.FormatFloat(c.x, 'f', -1, 64)
		toks = append(toks, xml.StartElement{Name: n}, xml.CharData(text), xml.EndElement{Name: n})
	}
	toks = append(toks, xml.EndElement{Name: name})
	for _, t := range toks {
		if err := e.EncodeToken(t); err != nil {
			return fmt.Errorf("update1: envelope: %w", err)
		}
	}
	return nil
}

// UnmarshalXML reads a gml:Envelope through geometry.Envelope.
func (o *Omrade) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var env geometry.Envelope
	if err := env.UnmarshalXML(d, start); err != nil {
		return err
	}
	*o = Omrade(env)
	return nil
}

// Sokresultat is one page of search hits, with Fortsattning set when there
// are more.
type Sokresultat struct {
	// Traff are the hits, ordered by objektidentitet.
	Traff []Traff `xml:"Traff"`
	// Fortsattning continues the search; empty on the last page.
	Fortsattning string `xml:"fortsattning,omitempty"`
}

func (*Sokresultat) rootName() string      { return "Sokresultat" }
func (*Sokresultat) rootAttrs() []xml.Attr { return nil }

// Traff is one search hit: a reference to the object's current version.
type Traff struct {
	// Objektidentitet is the object's objektidentitet.
	Objektidentitet string `xml:"objektidentitet"`
	// Objektversion is its current objektversion.
	Objektversion int64 `xml:"objektversion"`
	// Etikett is the object as text, e.g. "Storgatan 7A".
	Etikett string `xml:"etikett,omitempty"`
}
