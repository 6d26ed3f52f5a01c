// Package registerbeteckning5 is the wire format of Lantmäteriet's
// Registerbeteckning Direkt v5 (namespace
// http://namespace.lantmateriet.se/distribution/produkter/registerbeteckning/v5,
// schema registerbeteckning-5.0.0): the answers that turn a property
// designation ("Gävle Varva 2:3") into the registerenhet it names and back,
// and the reference answer of the free-text search.
//
// The public material gives the operations and parameters but no answer
// shape (lantmateriet-api.md §3.3). The JSON shape here is INFERRED from a
// client's typed view of it (FeatureCollection → Feature → properties with
// registerenhetsreferens, gemensamhetsanlaggningsreferens and
// registerbeteckning[]); the XML shape is INFERRED from it by the
// convention of the other Direkt v3/v4 services (RegisterbeteckningResponse
// → RegisterbeteckningMember → Beteckning, classes PascalCase, attributes
// camelCase). One set of structs carries both formats.
package registerbeteckning5

import (
	"bytes"
	"encoding/xml"
	"strconv"

	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
)

// Namespace is Registerbeteckning Direkt v5's XML namespace.
const Namespace = "http://namespace.lantmateriet.se/distribution/produkter/registerbeteckning/v5"

// ResponseID is the gml:id given to the response root.
const ResponseID = "response"

// RegisterbeteckningResponse is the XML answer of GET /{id}, POST /,
// GET and POST /namn, GET /tillhor/{id} and GET /punkt.
type RegisterbeteckningResponse struct {
	XMLName   xml.Name                   `xml:"http://namespace.lantmateriet.se/distribution/produkter/registerbeteckning/v5 RegisterbeteckningResponse"`
	ID        direkt.GMLID               `xml:"id,attr"`
	BoundedBy direkt.BoundedBy           `xml:"http://www.opengis.net/gml/3.2 boundedBy"`
	Members   []RegisterbeteckningMember `xml:"RegisterbeteckningMember"`
}

// MarshalXML writes the root with the default namespace and xmlns:gml.
func (r RegisterbeteckningResponse) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	type plain RegisterbeteckningResponse
	p := plain(r)
	id := p.ID
	p.ID = ""
	return e.EncodeElement(p, direkt.RootStart("RegisterbeteckningResponse", Namespace, id))
}

// RegisterbeteckningMember wraps one Beteckning.
type RegisterbeteckningMember struct {
	Beteckning Beteckning `xml:"Beteckning"`
}

// Beteckning is what the service knows about one registerenhet (or
// gemensamhetsanläggning): the reference to it and its designations.
type Beteckning struct {
	ID direkt.GMLID `xml:"id,attr" json:"-"`

	Registerenhetsreferens          *Enhetsreferens      `xml:"Registerenhetsreferens" json:"registerenhetsreferens,omitempty"`
	Gemensamhetsanlaggningsreferens *Enhetsreferens      `xml:"Gemensamhetsanlaggningsreferens" json:"gemensamhetsanlaggningsreferens,omitempty"`
	Registerbeteckning              []Registerbeteckning `xml:"Registerbeteckning" json:"registerbeteckning,omitempty"`
}

// Enhetsreferens refers to a registerenhet (with its typ) or a
// gemensamhetsanläggning, with the parts (områden) it consists of.
type Enhetsreferens struct {
	Objektidentitet      string                 `xml:"objektidentitet" json:"objektidentitet"`
	Objektstatus         string                 `xml:"objektstatus,omitempty" json:"objektstatus,omitempty"`
	Typ                  string                 `xml:"typ,omitempty" json:"typ,omitempty"`
	Registerenhetsomrade []Registerenhetsomrade `xml:"Registerenhetsomrade" json:"registerenhetsomrade,omitempty"`
}

// Registerenhetsomrade is one part of a registerenhet, with a point inside
// it.
type Registerenhetsomrade struct {
	Omradesnummer          int             `xml:"omradesnummer,omitempty" json:"omradesnummer,omitempty"`
	Markering              bool            `xml:"markering,omitempty" json:"markering,omitempty"`
	Centralpunktskoordinat direkt.Geometry `xml:"centralpunktskoordinat" json:"centralpunktskoordinat,omitzero"`
}

// Registerbeteckning is one designation: registeromrade (usually the
// municipality's name), trakt, block and enhet, "Gävle Varva 2:3", with its
// status (gällande, ledig, omregistrerad, reserverad, spärrad).
type Registerbeteckning struct {
	Objektidentitet              string `xml:"objektidentitet" json:"objektidentitet"`
	Objektversion                int64  `xml:"objektversion,omitempty" json:"objektversion,omitempty"`
	VersionGiltigFran            string `xml:"versionGiltigFran,omitempty" json:"versionGiltigFran,omitempty"`
	Markering                    bool   `xml:"markering,omitempty" json:"markering,omitempty"`
	Registeromrade               string `xml:"registeromrade" json:"registeromrade"`
	Trakt                        string `xml:"trakt" json:"trakt"`
	Block                        string `xml:"block,omitempty" json:"block,omitempty"`
	Enhet                        int    `xml:"enhet" json:"enhet"`
	Beteckningsstatus            string `xml:"beteckningsstatus,omitempty" json:"beteckningsstatus,omitempty"`
	Omregistreringsdatum         string `xml:"omregistreringsdatum,omitempty" json:"omregistreringsdatum,omitempty"`
	Omregistreringsaktbeteckning string `xml:"omregistreringsaktbeteckning,omitempty" json:"omregistreringsaktbeteckning,omitempty"`
	OmregistreradTill            string `xml:"omregistreradTill,omitempty" json:"omregistreradTill,omitempty"`
}

// Text writes the designation as Lantmäteriet writes it: "Gävle Varva 2:3",
// or without a block "Stockholm Järnet 8".
func (b Registerbeteckning) Text() string {
	var buf bytes.Buffer
	buf.WriteString(b.Registeromrade)
	buf.WriteByte(' ')
	buf.WriteString(b.Trakt)
	buf.WriteByte(' ')
	if b.Block != "" {
		buf.WriteString(b.Block)
		buf.WriteByte(':')
	}
	buf.WriteString(strconv.Itoa(b.Enhet))
	return buf.String()
}

// FeatureCollection is the JSON answer.
type FeatureCollection struct {
	Type     string    `json:"type"`
	Features []Feature `json:"features"`
}

// Feature is one registerenhet in the JSON answer; its id is the
// registerenhet's objektidentitet and it has no geometry of its own.
type Feature struct {
	Type       string          `json:"type"`
	ID         string          `json:"id,omitempty"`
	Geometry   direkt.Geometry `json:"geometry"`
	Properties Beteckning      `json:"properties"`
}

// NewFeatureCollection returns the JSON answer holding bs.
func NewFeatureCollection(bs []Beteckning) FeatureCollection {
	fc := FeatureCollection{Type: "FeatureCollection", Features: make([]Feature, 0, len(bs))}
	for _, b := range bs {
		fc.Features = append(fc.Features, Feature{Type: "Feature", ID: b.objectID(), Properties: b})
	}
	return fc
}

// Beteckningar returns the answer's members.
func (fc FeatureCollection) Beteckningar() []Beteckning {
	out := make([]Beteckning, 0, len(fc.Features))
	for _, f := range fc.Features {
		b := f.Properties
		if b.Registerenhetsreferens == nil && b.Gemensamhetsanlaggningsreferens == nil && f.ID != "" {
			b.Registerenhetsreferens = &Enhetsreferens{Objektidentitet: f.ID}
		}
		out = append(out, b)
	}
	return out
}

// NewResponse returns the XML answer holding bs, each with gml:id "ID_" +
// the id of the unit it describes.
func NewResponse(bs []Beteckning) RegisterbeteckningResponse {
	r := RegisterbeteckningResponse{ID: ResponseID, Members: make([]RegisterbeteckningMember, 0, len(bs))}
	for _, b := range bs {
		if b.ID == "" && b.objectID() != "" {
			b.ID = direkt.GMLID("ID_" + b.objectID())
		}
		r.Members = append(r.Members, RegisterbeteckningMember{Beteckning: b})
	}
	return r
}

// objectID is the id of the unit b describes.
func (b Beteckning) objectID() string {
	switch {
	case b.Registerenhetsreferens != nil:
		return b.Registerenhetsreferens.Objektidentitet
	case b.Gemensamhetsanlaggningsreferens != nil:
		return b.Gemensamhetsanlaggningsreferens.Objektidentitet
	}
	return ""
}

// Referens is one hit of GET /referens/fritext and POST /referens/geometri:
// a designation (objektidentitet and text) and the unit it names.
type Referens struct {
	Objektidentitet        string `json:"objektidentitet"`
	Registerenhet          string `json:"registerenhet,omitempty"`
	Registerenhetstyp      string `json:"registerenhetstyp,omitempty"`
	Gemensamhetsanlaggning string `json:"gemensamhetsanlaggning,omitempty"`
	Beteckning             string `json:"beteckning"`
}
