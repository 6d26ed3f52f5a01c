// Package byggnad3 is the wire format of Lantmäteriet's Byggnad Direkt v3
// (namespace http://namespace.lantmateriet.se/distribution/produkter/byggnad/v3,
// schema byggnad-3.0.0): the XML answer (ByggnadResponse → ByggnadMember →
// Byggnad, GML 3.2 geometry) and the GeoJSON-like JSON answer
// (FeatureCollection → Feature → properties), the reference answers and the
// geometry-search request body.
//
// One set of structs carries both formats: XML element names are
// Lantmäteriet's (classes PascalCase, attributes camelCase, ASCII-folded)
// and JSON names the camelCase of the same. The object structs (Byggnad and
// everything below it) have no namespace in their tags, so they take the
// default namespace of whatever root declares one: the ByggnadResponse here,
// the update binding's documents elsewhere. Every document carrying them
// must declare xmlns:gml on its root.
//
// The structs decode what the service sends and encode the same shape
// deterministically, so a fake server can answer with them. Values are kept
// as the text they came as where formatting matters (dates, decimals); the
// mapping to the information model lives in package building.
//
// What the public material shows (lantmateriet-api.md §3.1): the root and
// its namespaces, ByggnadMember, Byggnad with gml:id "ID_{uuid}",
// gml:boundedBy, objektidentitet, objektstatus and Byggnadsattribut with its
// children in order. The further children of Byggnad follow the v1 schema in
// its order (INFERRED to carry over to v3); element names the public
// material does not give are INFERRED and said so at each field.
package byggnad3

import (
	"encoding/xml"
	"slices"

	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
)

// Namespace is Byggnad Direkt v3's XML namespace.
const Namespace = "http://namespace.lantmateriet.se/distribution/produkter/byggnad/v3"

// ResponseID is the gml:id Lantmäteriet gives the response root.
const ResponseID = "response"

// ByggnadResponse is the XML answer of GET /{id} and POST /.
type ByggnadResponse struct {
	XMLName xml.Name `xml:"http://namespace.lantmateriet.se/distribution/produkter/byggnad/v3 ByggnadResponse"`
	// ID is the root's gml:id, "response".
	ID direkt.GMLID `xml:"id,attr"`
	// BoundedBy is the box around every member.
	BoundedBy direkt.BoundedBy `xml:"http://www.opengis.net/gml/3.2 boundedBy"`
	// Members are the buildings, one ByggnadMember each.
	Members []ByggnadMember `xml:"ByggnadMember"`
}

// MarshalXML writes the root with the namespace declarations Lantmäteriet
// writes: the default namespace, xmlns:lmfault and xmlns:gml.
func (r ByggnadResponse) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	type plain ByggnadResponse
	p := plain(r)
	id := p.ID
	p.ID = ""
	start := direkt.RootStart("ByggnadResponse", Namespace, id, [2]string{"lmfault", direkt.FaultNamespace})
	return e.EncodeElement(p, start)
}

// ByggnadMember wraps one Byggnad.
type ByggnadMember struct {
	Byggnad Byggnad `xml:"Byggnad"`
}

// Byggnad is one building, as much of it as includeData asked for: with no
// includeData only objektidentitet (and objektstatus); basinformation adds
// Byggnadsattribut, purposes, names, remarks and the like; berorkrets the
// property relations; geometri the Byggnadsdel surfaces.
type Byggnad struct {
	// ID is the gml:id, "ID_" + objektidentitet.
	ID        direkt.GMLID     `xml:"id,attr" json:"-"`
	BoundedBy direkt.BoundedBy `xml:"http://www.opengis.net/gml/3.2 boundedBy" json:"-"`

	Objektidentitet string `xml:"objektidentitet" json:"objektidentitet"`
	Objektstatus    string `xml:"objektstatus,omitempty" json:"objektstatus,omitempty"`

	Byggnadsattribut   *Byggnadsattribut `xml:"Byggnadsattribut" json:"byggnadsattribut,omitempty"`
	Byggnadsanmarkning []Anmarkning      `xml:"Byggnadsanmarkning" json:"byggnadsanmarkning,omitempty"`
	Byggnadsnamn       []Byggnadsnamn    `xml:"Byggnadsnamn" json:"byggnadsnamn,omitempty"`
	// Byggnadsandamal is the substitution group Byggnadsändamål: in XML each
	// is an element named by its type (Bostad, Verksamhet, Industri,
	// Samhallsfunktion, Ekonomibyggnad, Komplementbyggnad, OvrigByggnad);
	// in JSON a list of objects with a "typ" member.
	Byggnadsandamal []Andamal `xml:",any" json:"byggnadsandamal,omitempty"`
	// Skyddsrum are MSB shelters (element name INFERRED from the v1 schema).
	Skyddsrum []Skyddsrum `xml:"Skyddsrum" json:"skyddsrum,omitempty"`
	// Entre are the building's entrances with their apartments (v1 schema;
	// INFERRED for v3).
	Entre             []Entre            `xml:"Entre" json:"entre,omitempty"`
	Verksamhetsatgard *Verksamhetsatgard `xml:"Verksamhetsatgard" json:"verksamhetsatgard,omitempty"`
	Byggnadsdel       []Byggnadsdel      `xml:"Byggnadsdel" json:"byggnadsdel,omitempty"`
	// Taxeringsenhet and Varderingsenhet are Skatteverket's units (names
	// INFERRED from the information model).
	Taxeringsenhet  *Taxeringsenhet  `xml:"Taxeringsenhet" json:"taxeringsenhet,omitempty"`
	Varderingsenhet *Varderingsenhet `xml:"Varderingsenhet" json:"varderingsenhet,omitempty"`
	// Tillhor, LiggerPa and BerorsAv are the property relations (v1 schema);
	// JSON liggerPa.registerenhetsreferens is seen in a client.
	Tillhor  *Relation `xml:"Tillhor" json:"tillhor,omitempty"`
	LiggerPa *Relation `xml:"LiggerPa" json:"liggerPa,omitempty"`
	BerorsAv *Relation `xml:"BerorsAv" json:"berorsAv,omitempty"`
}

// UnmarshalXML decodes a Byggnad. Its purposes are a substitution group, so
// they are caught by an ",any" field together with every unknown element;
// the unknown ones are dropped here.
func (b *Byggnad) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	type plain Byggnad
	if err := d.DecodeElement((*plain)(b), &start); err != nil {
		return err
	}
	b.Byggnadsandamal = slices.DeleteFunc(b.Byggnadsandamal, func(a Andamal) bool { return a.Typ == "" })
	return nil
}

// Byggnadsattribut carries the building's version and its own attributes,
// in the order of the verified example.
type Byggnadsattribut struct {
	Objektidentitet             string `xml:"objektidentitet" json:"objektidentitet"`
	Objektversion               int64  `xml:"objektversion" json:"objektversion"`
	VersionGiltigFran           string `xml:"versionGiltigFran,omitempty" json:"versionGiltigFran,omitempty"`
	VersionGiltigTill           string `xml:"versionGiltigTill,omitempty" json:"versionGiltigTill,omitempty"`
	Husnummer                   int    `xml:"husnummer,omitempty" json:"husnummer,omitempty"`
	Nybyggnadsar                int    `xml:"nybyggnadsar,omitempty" json:"nybyggnadsar,omitempty"`
	UndantagenFranAdressattning bool   `xml:"undantagenFranAdressattning" json:"undantagenFranAdressattning"`
	Huvudbyggnad                bool   `xml:"huvudbyggnad" json:"huvudbyggnad"`
	Tillbyggnadsar              int    `xml:"tillbyggnadsar,omitempty" json:"tillbyggnadsar,omitempty"`
	OfriGrund                   bool   `xml:"ofriGrund" json:"ofriGrund"`
	Byggnadsservitut            bool   `xml:"byggnadsservitut" json:"byggnadsservitut"`
}

// Anmarkning is a Byggnadsanmärkning.
type Anmarkning struct {
	Anmarkningstyp  string `xml:"anmarkningstyp" json:"anmarkningstyp"`
	Anmarkningstext string `xml:"anmarkningstext,omitempty" json:"anmarkningstext,omitempty"`
}

// Byggnadsnamn is a building name.
type Byggnadsnamn struct {
	Namn    string        `xml:"namn" json:"namn"`
	Namntyp string        `xml:"namntyp,omitempty" json:"namntyp,omitempty"`
	Ortid   direkt.Number `xml:"ortid,omitempty" json:"ortid,omitempty"`
}

// The element names of the Byggnadsändamål substitution group, which are
// also the JSON "typ" values.
const (
	TypBostad            = "Bostad"
	TypVerksamhet        = "Verksamhet"
	TypIndustri          = "Industri"
	TypSamhallsfunktion  = "Samhallsfunktion"
	TypEkonomibyggnad    = "Ekonomibyggnad"
	TypKomplementbyggnad = "Komplementbyggnad"
	TypOvrigByggnad      = "OvrigByggnad"
)

// AndamalTyper lists the substitution group's element names.
var AndamalTyper = []string{TypBostad, TypVerksamhet, TypIndustri, TypSamhallsfunktion,
	TypEkonomibyggnad, TypKomplementbyggnad, TypOvrigByggnad}

// Andamal is one Byggnadsändamål. TotalBoarea belongs to Bostad only.
type Andamal struct {
	// Typ is the substitution group member: the XML element name, the JSON
	// "typ".
	Typ            string        `json:"typ"`
	Andamal        string        `json:"andamal,omitempty"`
	Huvudandamal   bool          `json:"huvudandamal"`
	OsakertAndamal bool          `json:"osakertAndamal"`
	TotalBoarea    direkt.Number `json:"totalBoarea,omitempty"`
}

// andamalXML is an Andamal's element content. The schema spells the living
// area "totalboarea" in XML (lantmateriet-api.md §3.1: "Bostad also has
// totalboarea"), the JSON "totalBoarea"; both spellings are read, the
// schema's written.
type andamalXML struct {
	Andamal        string        `xml:"andamal,omitempty"`
	Huvudandamal   bool          `xml:"huvudandamal"`
	OsakertAndamal bool          `xml:"osakertAndamal"`
	TotalBoarea    direkt.Number `xml:"totalboarea,omitempty"`
	TotalboareaV3  direkt.Number `xml:"totalBoarea,omitempty"`
}

// MarshalXML writes the purpose as an element named by its Typ.
func (a Andamal) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	start := xml.StartElement{Name: xml.Name{Local: a.Typ}}
	return e.EncodeElement(andamalXML{Andamal: a.Andamal, Huvudandamal: a.Huvudandamal,
		OsakertAndamal: a.OsakertAndamal, TotalBoarea: a.TotalBoarea}, start)
}

// UnmarshalXML reads a purpose, or skips an element that is not one (the
// ",any" field it fills also catches unknown elements), leaving Typ empty.
func (a *Andamal) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	if !slices.Contains(AndamalTyper, start.Name.Local) {
		*a = Andamal{}
		return d.Skip()
	}
	var x andamalXML
	if err := d.DecodeElement(&x, &start); err != nil {
		return err
	}
	*a = Andamal{Typ: start.Name.Local, Andamal: x.Andamal, Huvudandamal: x.Huvudandamal,
		OsakertAndamal: x.OsakertAndamal, TotalBoarea: x.TotalBoarea}
	if a.TotalBoarea == "" {
		a.TotalBoarea = x.TotalboareaV3
	}
	return nil
}

// Skyddsrum is an MSB shelter.
type Skyddsrum struct {
	Identitet string `xml:"identitet" json:"identitet"`
}

// Entre is an entrance of the building (BAU_Entré) with its address point
// reference and apartments.
type Entre struct {
	Objektidentitet   string               `xml:"objektidentitet" json:"objektidentitet"`
	Objektversion     int64                `xml:"objektversion,omitempty" json:"objektversion,omitempty"`
	VersionGiltigFran string               `xml:"versionGiltigFran,omitempty" json:"versionGiltigFran,omitempty"`
	Objektstatus      string               `xml:"objektstatus,omitempty" json:"objektstatus,omitempty"`
	Entretyp          string               `xml:"entretyp,omitempty" json:"entretyp,omitempty"`
	Hiss              string               `xml:"hiss,omitempty" json:"hiss,omitempty"`
	Adressplats       *Adressplatsreferens `xml:"Adressplats" json:"adressplats,omitempty"`
	Lagenhet          []Lagenhet           `xml:"Lagenhet" json:"lagenhet,omitempty"`
}

// Adressplatsreferens names the entrance's address point by its
// objektidentitet, with the address as text when the service gives it.
type Adressplatsreferens struct {
	Objektidentitet string `xml:"objektidentitet" json:"objektidentitet"`
	Adress          string `xml:"adress,omitempty" json:"adress,omitempty"`
}

// Lagenhet is an apartment (BAU_Lägenhet). Element names are the
// information model's attribute names ASCII-folded (INFERRED).
type Lagenhet struct {
	Objektidentitet                   string        `xml:"objektidentitet" json:"objektidentitet"`
	Objektversion                     int64         `xml:"objektversion,omitempty" json:"objektversion,omitempty"`
	VersionGiltigFran                 string        `xml:"versionGiltigFran,omitempty" json:"versionGiltigFran,omitempty"`
	Objektstatus                      string        `xml:"objektstatus,omitempty" json:"objektstatus,omitempty"`
	Lagenhetsnummer                   string        `xml:"lagenhetsnummer,omitempty" json:"lagenhetsnummer,omitempty"`
	BeslutsdatumLagenhetsnummer       string        `xml:"beslutsdatumLagenhetsnummer,omitempty" json:"beslutsdatumLagenhetsnummer,omitempty"`
	UnderrattelsedatumLagenhetsnummer string        `xml:"underrattelsedatumLagenhetsnummer,omitempty" json:"underrattelsedatumLagenhetsnummer,omitempty"`
	AntalRum                          direkt.Number `xml:"antalRum,omitempty" json:"antalRum,omitempty"`
	Bostadsarea                       direkt.Number `xml:"bostadsarea,omitempty" json:"bostadsarea,omitempty"`
	Lagenhetskategori                 string        `xml:"lagenhetskategori,omitempty" json:"lagenhetskategori,omitempty"`
	Kokstyp                           string        `xml:"kokstyp,omitempty" json:"kokstyp,omitempty"`
	GemensamtKok                      string        `xml:"gemensamtKok,omitempty" json:"gemensamtKok,omitempty"`
	Insamlingssatt                    string        `xml:"insamlingssatt,omitempty" json:"insamlingssatt,omitempty"`
}

// Verksamhetsatgard is the business action recorded with the version.
type Verksamhetsatgard struct {
	Atgardstyp            string `xml:"atgardstyp" json:"atgardstyp"`
	AnsvarigOrganisation  string `xml:"ansvarigOrganisation,omitempty" json:"ansvarigOrganisation,omitempty"`
	UtforandeOrganisation string `xml:"utforandeOrganisation,omitempty" json:"utforandeOrganisation,omitempty"`
	Atgardstidpunkt       string `xml:"atgardstidpunkt,omitempty" json:"atgardstidpunkt,omitempty"`
}

// Byggnadsdel is a part of the building with its surface and how accurate
// the surface is. In JSON the surface is a GeoJSON member "byggnadsyta"
// (INFERRED), and the Feature's own geometry repeats the first part's.
type Byggnadsdel struct {
	Insamlingslage       string            `xml:"insamlingslage,omitempty" json:"insamlingslage,omitempty"`
	Byggnadsyta          direkt.Geometry   `xml:"Byggnadsyta" json:"byggnadsyta,omitzero"`
	LagesnoggrannhetPlan *Lagesnoggrannhet `xml:"lagesnoggrannhetPlan" json:"lagesnoggrannhetPlan,omitempty"`
	LagesnoggrannhetHojd *Lagesnoggrannhet `xml:"lagesnoggrannhetHojd" json:"lagesnoggrannhetHojd,omitempty"`
}

// Lagesnoggrannhet is a positional accuracy: the evaluation method and its
// result, or that nothing is known.
type Lagesnoggrannhet struct {
	Utvarderingsmetod string    `xml:"utvarderingsmetod,omitempty" json:"utvarderingsmetod,omitempty"`
	Resultat          *Resultat `xml:"Resultat" json:"resultat,omitempty"`
	IngenInformation  bool      `xml:"ingenInformation,omitempty" json:"ingenInformation,omitempty"`
}

// Resultat is an accuracy result, e.g. medelfel 0.2 meter.
type Resultat struct {
	StatistiskMetod string        `xml:"statistiskMetod,omitempty" json:"statistiskMetod,omitempty"`
	Varde           direkt.Number `xml:"varde,omitempty" json:"varde,omitempty"`
	Vardeenhet      string        `xml:"vardeenhet,omitempty" json:"vardeenhet,omitempty"`
}

// Taxeringsenhet is Skatteverket's tax unit.
type Taxeringsenhet struct {
	Taxeringsenhetsidentitet string `xml:"taxeringsenhetsidentitet" json:"taxeringsenhetsidentitet"`
}

// Varderingsenhet is Skatteverket's valuation unit.
type Varderingsenhet struct {
	Varderingsenhetsidentitet string `xml:"varderingsenhetsidentitet" json:"varderingsenhetsidentitet"`
}

// Relation holds the registerenheter of one relation. The v1 schema has one
// reference per relation; a list is read too, and JSON writes a single
// reference as an object.
type Relation struct {
	Registerenhetsreferens direkt.OneOrMany[Registerenhetsreferens] `xml:"Registerenhetsreferens" json:"registerenhetsreferens"`
}

// Registerenhetsreferens refers to a property (registerenhet).
type Registerenhetsreferens struct {
	Objektidentitet  string `xml:"objektidentitet" json:"objektidentitet"`
	Fastighetsnyckel string `xml:"fastighetsnyckel,omitempty" json:"fastighetsnyckel,omitempty"`
	Beteckning       string `xml:"beteckning,omitempty" json:"beteckning,omitempty"`
	Typ              string `xml:"typ,omitempty" json:"typ,omitempty"`
}
