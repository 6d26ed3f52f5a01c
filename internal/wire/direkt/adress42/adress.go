// Package adress42 is the wire format of Lantmäteriet's Belägenhetsadress
// Direkt v4.2 (namespace
// http://namespace.lantmateriet.se/distribution/produkter/belagenhetsadress/v4.2,
// schema belagenhetsadress-4.2.1): the XML answer
// (BelagenhetsadressResponse → BelagenhetsadressMember → Belagenhetsadress,
// GML 3.2 point), the GeoJSON-like JSON answer (FeatureCollection → Feature
// with the point as its geometry → properties), the reference answers of
// the free-text and geometry searches and the geometry-search body.
//
// One set of structs carries both formats: XML element names are
// Lantmäteriet's (classes PascalCase, attributes camelCase, ASCII-folded),
// JSON names the camelCase of the same. The object structs (Belagenhetsadress
// and below) have no namespace in their tags, so they take the default
// namespace of the root they are written under; every such root must
// declare xmlns:gml.
//
// What the public material shows (lantmateriet-api.md §3.2): the root, its
// namespaces and gml:id, BelagenhetsadressMember, Belagenhetsadress with
// gml:id "ID_{uuid}", objektidentitet, Adressplatsattribut with
// objektidentitet, objektversion, versionGiltigFran, Adressplatsbeteckning,
// adressplatstyp, insamlingslage and Adressplatspunkt, and the JSON
// properties of a client. The XML element names of the other classes
// (Adressplatsnamn, Adressomrade, Kommundel, Kommun, Gardsadressomrade,
// Adressplatsanmarkning, AdressattAnlaggning, Distriktstillhorighet,
// Registerenhetsreferens) are INFERRED from the JSON names by the
// convention the verified ones follow.
package adress42

import (
	"encoding/json"
	"encoding/xml"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
)

// Namespace is Belägenhetsadress Direkt v4.2's XML namespace.
const Namespace = "http://namespace.lantmateriet.se/distribution/produkter/belagenhetsadress/v4.2"

// ResponseID is the gml:id Lantmäteriet gives the response root.
const ResponseID = "response"

// BelagenhetsadressResponse is the XML answer of GET /{id}, POST /,
// GET /registerenhet/{id}, POST /registerenhet and GET /punkt.
type BelagenhetsadressResponse struct {
	XMLName   xml.Name                  `xml:"http://namespace.lantmateriet.se/distribution/produkter/belagenhetsadress/v4.2 BelagenhetsadressResponse"`
	ID        direkt.GMLID              `xml:"id,attr"`
	BoundedBy direkt.BoundedBy          `xml:"http://www.opengis.net/gml/3.2 boundedBy"`
	Members   []BelagenhetsadressMember `xml:"BelagenhetsadressMember"`
}

// MarshalXML writes the root with the namespace declarations Lantmäteriet
// writes: the default namespace and xmlns:gml.
func (r BelagenhetsadressResponse) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	type plain BelagenhetsadressResponse
	p := plain(r)
	id := p.ID
	p.ID = ""
	return e.EncodeElement(p, direkt.RootStart("BelagenhetsadressResponse", Namespace, id))
}

// BelagenhetsadressMember wraps one Belagenhetsadress.
type BelagenhetsadressMember struct {
	Belagenhetsadress Belagenhetsadress `xml:"Belagenhetsadress"`
}

// Belagenhetsadress is one address point with what includeData asked for:
// basinformation gives Adressplatsattribut and the area, district and
// municipality it belongs to; berorkrets the Registerenhetsreferens.
type Belagenhetsadress struct {
	ID        direkt.GMLID     `xml:"id,attr" json:"-"`
	BoundedBy direkt.BoundedBy `xml:"http://www.opengis.net/gml/3.2 boundedBy" json:"-"`

	Objektidentitet        string                  `xml:"objektidentitet" json:"objektidentitet"`
	Adressplatsattribut    *Adressplatsattribut    `xml:"Adressplatsattribut" json:"adressplatsattribut,omitempty"`
	Adressplatsnamn        *Adressplatsnamn        `xml:"Adressplatsnamn" json:"adressplatsnamn,omitempty"`
	Adressomrade           *Adressomrade           `xml:"Adressomrade" json:"adressomrade,omitempty"`
	Gardsadressomrade      *Gardsadressomrade      `xml:"Gardsadressomrade" json:"gardsadressomrade,omitempty"`
	Adressplatsanmarkning  []Adressplatsanmarkning `xml:"Adressplatsanmarkning" json:"adressplatsanmarkning,omitempty"`
	AdressattAnlaggning    *AdressattAnlaggning    `xml:"AdressattAnlaggning" json:"adressattAnlaggning,omitempty"`
	Distriktstillhorighet  *Distriktstillhorighet  `xml:"Distriktstillhorighet" json:"distriktstillhorighet,omitempty"`
	Registerenhetsreferens *Registerenhetsreferens `xml:"Registerenhetsreferens" json:"registerenhetsreferens,omitempty"`
	// Verksamhetsatgard is the business action of the version, when given
	// (name INFERRED from the information model).
	Verksamhetsatgard *Verksamhetsatgard `xml:"Verksamhetsatgard" json:"verksamhetsatgard,omitempty"`
}

// Adressplatsattribut carries the point's version, designation, type,
// position and statuses (since 4.2 objektversion, versionGiltigFran and
// objektstatus live here).
type Adressplatsattribut struct {
	Objektidentitet       string                 `xml:"objektidentitet" json:"objektidentitet"`
	Objektversion         int64                  `xml:"objektversion" json:"objektversion"`
	VersionGiltigFran     string                 `xml:"versionGiltigFran,omitempty" json:"versionGiltigFran,omitempty"`
	VersionGiltigTill     string                 `xml:"versionGiltigTill,omitempty" json:"versionGiltigTill,omitempty"`
	Adressplatsbeteckning *Adressplatsbeteckning `xml:"Adressplatsbeteckning" json:"adressplatsbeteckning,omitempty"`
	Adressplatstyp        string                 `xml:"adressplatstyp,omitempty" json:"adressplatstyp,omitempty"`
	Insamlingslage        string                 `xml:"insamlingslage,omitempty" json:"insamlingslage,omitempty"`
	// Adressplatspunkt is the position. In JSON it is the Feature's
	// geometry (moved there in 4.2), not a member of the properties.
	Adressplatspunkt direkt.Geometry `xml:"Adressplatspunkt" json:"-"`
	Status           string          `xml:"status,omitempty" json:"status,omitempty"`
	Objektstatus     string          `xml:"objektstatus,omitempty" json:"objektstatus,omitempty"`
	// Postnummer is a JSON number (11264) and XML text.
	Postnummer direkt.Number `xml:"postnummer,omitempty" json:"postnummer,omitempty"`
	Postort    string        `xml:"postort,omitempty" json:"postort,omitempty"`
}

// Adressplatsbeteckning is the designation. A client spells the position
// number "lagestillagsnummer" (one g); that spelling is read too (into
// Lagestillaggsnummer) and the specification's written.
type Adressplatsbeteckning struct {
	Adressplatsnummer              string `xml:"adressplatsnummer,omitempty" json:"adressplatsnummer,omitempty"`
	Bokstavstillagg                string `xml:"bokstavstillagg,omitempty" json:"bokstavstillagg,omitempty"`
	Lagestillagg                   string `xml:"lagestillagg,omitempty" json:"lagestillagg,omitempty"`
	Lagestillaggsnummer            int    `xml:"lagestillaggsnummer,omitempty" json:"lagestillaggsnummer,omitempty"`
	AvvikandeAdressplatsbeteckning string `xml:"avvikandeAdressplatsbeteckning,omitempty" json:"avvikandeAdressplatsbeteckning,omitempty"`
	AvvikerFranStandarden          bool   `xml:"avvikerFranStandarden" json:"avvikerFranStandarden"`
}

// UnmarshalJSON reads the designation, the position number in either
// spelling.
func (b *Adressplatsbeteckning) UnmarshalJSON(data []byte) error {
	type plain Adressplatsbeteckning
	var v struct {
		plain
		Alt int `json:"lagestillagsnummer"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*b = Adressplatsbeteckning(v.plain)
	if b.Lagestillaggsnummer == 0 {
		b.Lagestillaggsnummer = v.Alt
	}
	return nil
}

// UnmarshalXML reads the designation, the position number in either
// spelling.
func (b *Adressplatsbeteckning) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	type plain Adressplatsbeteckning
	var v struct {
		plain
		Alt int `xml:"lagestillagsnummer"`
	}
	if err := d.DecodeElement(&v, &start); err != nil {
		return err
	}
	*b = Adressplatsbeteckning(v.plain)
	if b.Lagestillaggsnummer == 0 {
		b.Lagestillaggsnummer = v.Alt
	}
	return nil
}

// Adressplatsnamn is a popular name of the place.
type Adressplatsnamn struct {
	Popularnamn string        `xml:"popularnamn,omitempty" json:"popularnamn,omitempty"`
	Ortid       direkt.Number `xml:"ortid,omitempty" json:"ortid,omitempty"`
}

// Adressomrade is the address area the point belongs to.
type Adressomrade struct {
	Objektidentitet   string        `xml:"objektidentitet,omitempty" json:"objektidentitet,omitempty"`
	Objektversion     int64         `xml:"objektversion,omitempty" json:"objektversion,omitempty"`
	VersionGiltigFran string        `xml:"versionGiltigFran,omitempty" json:"versionGiltigFran,omitempty"`
	FaststalltNamn    string        `xml:"faststalltNamn,omitempty" json:"faststalltNamn,omitempty"`
	Ortid             direkt.Number `xml:"ortid,omitempty" json:"ortid,omitempty"`
	Adressomradestyp  string        `xml:"adressomradestyp,omitempty" json:"adressomradestyp,omitempty"`
	Objektstatus      string        `xml:"objektstatus,omitempty" json:"objektstatus,omitempty"`
	Kommundel         *Kommundel    `xml:"Kommundel" json:"kommundel,omitempty"`
}

// Kommundel is the municipal district an area belongs to.
type Kommundel struct {
	Objektidentitet   string        `xml:"objektidentitet,omitempty" json:"objektidentitet,omitempty"`
	Objektversion     int64         `xml:"objektversion,omitempty" json:"objektversion,omitempty"`
	VersionGiltigFran string        `xml:"versionGiltigFran,omitempty" json:"versionGiltigFran,omitempty"`
	FaststalltNamn    string        `xml:"faststalltNamn,omitempty" json:"faststalltNamn,omitempty"`
	Ortid             direkt.Number `xml:"ortid,omitempty" json:"ortid,omitempty"`
	Objektstatus      string        `xml:"objektstatus,omitempty" json:"objektstatus,omitempty"`
	Kommun            *Kommun       `xml:"Kommun" json:"kommun,omitempty"`
}

// Kommun is a municipality.
type Kommun struct {
	Kommunkod  string `xml:"kommunkod" json:"kommunkod"`
	Kommunnamn string `xml:"kommunnamn,omitempty" json:"kommunnamn,omitempty"`
}

// Gardsadressomrade is the courtyard area a gårdsadressplats belongs to,
// with the byadressområde it subdivides.
type Gardsadressomrade struct {
	Objektidentitet   string        `xml:"objektidentitet,omitempty" json:"objektidentitet,omitempty"`
	Objektversion     int64         `xml:"objektversion,omitempty" json:"objektversion,omitempty"`
	VersionGiltigFran string        `xml:"versionGiltigFran,omitempty" json:"versionGiltigFran,omitempty"`
	FaststalltNamn    string        `xml:"faststalltNamn,omitempty" json:"faststalltNamn,omitempty"`
	Ortid             direkt.Number `xml:"ortid,omitempty" json:"ortid,omitempty"`
	Objektstatus      string        `xml:"objektstatus,omitempty" json:"objektstatus,omitempty"`
	Adressomrade      *Adressomrade `xml:"Adressomrade" json:"adressomrade,omitempty"`
}

// Adressplatsanmarkning is a remark on the point.
type Adressplatsanmarkning struct {
	Anmarkningstyp  string `xml:"anmarkningstyp" json:"anmarkningstyp"`
	Anmarkningstext string `xml:"anmarkningstext,omitempty" json:"anmarkningstext,omitempty"`
}

// AdressattAnlaggning is the facility the address designates.
type AdressattAnlaggning struct {
	Anlaggningstyp  string `xml:"anlaggningstyp" json:"anlaggningstyp"`
	Anlaggningstext string `xml:"anlaggningstext,omitempty" json:"anlaggningstext,omitempty"`
}

// Distriktstillhorighet is the registration district the point lies in.
type Distriktstillhorighet struct {
	Distriktskod  string `xml:"distriktskod,omitempty" json:"distriktskod,omitempty"`
	Distriktsnamn string `xml:"distriktsnamn,omitempty" json:"distriktsnamn,omitempty"`
}

// Registerenhetsreferens is the property the point lies within (0..1 since
// 4.2, with beteckning and typ).
type Registerenhetsreferens struct {
	Objektidentitet string `xml:"objektidentitet" json:"objektidentitet"`
	Beteckning      string `xml:"beteckning,omitempty" json:"beteckning,omitempty"`
	Typ             string `xml:"typ,omitempty" json:"typ,omitempty"`
}

// Verksamhetsatgard is the business action recorded with the version.
type Verksamhetsatgard struct {
	Atgardstyp            string `xml:"atgardstyp" json:"atgardstyp"`
	AnsvarigOrganisation  string `xml:"ansvarigOrganisation,omitempty" json:"ansvarigOrganisation,omitempty"`
	UtforandeOrganisation string `xml:"utforandeOrganisation,omitempty" json:"utforandeOrganisation,omitempty"`
	Atgardstidpunkt       string `xml:"atgardstidpunkt,omitempty" json:"atgardstidpunkt,omitempty"`
}

// FeatureCollection is the JSON answer of the operations that answer
// addresses.
type FeatureCollection struct {
	Type     string    `json:"type"`
	Features []Feature `json:"features"`
}

// Feature is one address in the JSON answer; its geometry is the
// adressplatspunkt.
type Feature struct {
	Type       string            `json:"type"`
	ID         string            `json:"id,omitempty"`
	Geometry   direkt.Geometry   `json:"geometry"`
	Properties Belagenhetsadress `json:"properties"`
}

// NewFeatureCollection returns the JSON answer holding as, each point moved
// to its Feature's geometry.
func NewFeatureCollection(as []Belagenhetsadress) FeatureCollection {
	fc := FeatureCollection{Type: "FeatureCollection", Features: make([]Feature, 0, len(as))}
	for _, a := range as {
		f := Feature{Type: "Feature", ID: a.Objektidentitet}
		if a.Adressplatsattribut != nil {
			f.Geometry = direkt.NewGeometry(a.Adressplatsattribut.Adressplatspunkt.Geometry)
		}
		f.Properties = a
		fc.Features = append(fc.Features, f)
	}
	return fc
}

// Adresser returns the addresses of the answer with each Feature's geometry
// as the adressplatspunkt.
func (fc FeatureCollection) Adresser() []Belagenhetsadress {
	out := make([]Belagenhetsadress, 0, len(fc.Features))
	for _, f := range fc.Features {
		a := f.Properties
		if a.Objektidentitet == "" {
			a.Objektidentitet = f.ID
		}
		if f.Geometry.Geometry != nil {
			attr := Adressplatsattribut{}
			if a.Adressplatsattribut != nil {
				attr = *a.Adressplatsattribut
			}
			attr.Adressplatspunkt = direkt.NewGeometry(f.Geometry.Geometry)
			a.Adressplatsattribut = &attr
		}
		out = append(out, a)
	}
	return out
}

// NewResponse returns the XML answer holding as, with "ID_" + objektidentitet
// as each address's gml:id and the box around all points on the root.
func NewResponse(as []Belagenhetsadress) BelagenhetsadressResponse {
	r := BelagenhetsadressResponse{ID: ResponseID, Members: make([]BelagenhetsadressMember, 0, len(as))}
	var all []*geometry.Envelope
	for _, a := range as {
		if a.ID == "" && a.Objektidentitet != "" {
			a.ID = direkt.GMLID("ID_" + a.Objektidentitet)
		}
		if a.Adressplatsattribut != nil {
			all = append(all, geometry.EnvelopeOf(a.Adressplatsattribut.Adressplatspunkt.Geometry))
		}
		r.Members = append(r.Members, BelagenhetsadressMember{Belagenhetsadress: a})
	}
	r.BoundedBy.Envelope = direkt.Union(all...)
	return r
}

// Referens is one hit of GET /referens/fritext and POST /referens/geometri:
// the address's objektidentitet and its text, and with splitAdress=true its
// parts.
type Referens struct {
	Objektidentitet  string            `json:"objektidentitet"`
	Adress           string            `json:"adress"`
	AdressComponents *AdressComponents `json:"adressComponents,omitempty"`
}

// AdressComponents are the parts of a referenced address (INFERRED from a
// client, which spells the position number "lagestillagsnummer"; both
// spellings are read).
type AdressComponents struct {
	Kommun                         string        `json:"kommun,omitempty"`
	Kommundel                      string        `json:"kommundel,omitempty"`
	Adressomrade                   string        `json:"adressomrade,omitempty"`
	Gardsadressomrade              string        `json:"gardsadressomrade,omitempty"`
	Adressplatsnummer              string        `json:"adressplatsnummer,omitempty"`
	Bokstavstillagg                string        `json:"bokstavstillagg,omitempty"`
	Lagestillagg                   string        `json:"lagestillagg,omitempty"`
	Lagestillaggsnummer            direkt.Number `json:"lagestillaggsnummer,omitempty"`
	AvvikandeAdressplatsbeteckning string        `json:"avvikandeAdressplatsbeteckning,omitempty"`
	Postnummer                     direkt.Number `json:"postnummer,omitempty"`
	Postort                        string        `json:"postort,omitempty"`
}

// GeometriRequest is the body of POST /referens/geometri (INFERRED from a
// client): a GeoJSON geometry with its crs member and a buffer in metres.
// Go's JSON decoding matches "geometri" and "Geometri" alike.
type GeometriRequest struct {
	Geometri direkt.Geometry `json:"geometri"`
	Buffer   float64         `json:"buffer"`
}

// UnmarshalJSON reads the components, the position number in either
// spelling.
func (c *AdressComponents) UnmarshalJSON(data []byte) error {
	type plain AdressComponents
	var v struct {
		plain
		Alt direkt.Number `json:"lagestillagsnummer"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*c = AdressComponents(v.plain)
	if c.Lagestillaggsnummer == "" {
		c.Lagestillaggsnummer = v.Alt
	}
	return nil
}
