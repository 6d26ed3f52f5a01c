package address

import (
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/rules"
)

// Point is an Adressplats (BAU_Adressplats): one designated place, such as
// a house entrance, that together with the name of its area makes a
// belägenhetsadress ("Segelbåtsvägen 7A").
//
// A point belongs to an adressområde (Area) or, for a gårdsadressplats, to
// a gårdsadressområde (CourtyardArea); never both. The area belongs to a
// kommundel (District), which belongs to a municipality.
type Point struct {
	bal.Meta

	// Designation is the adressplatsbeteckning: number, letter and position
	// suffix.
	Designation Designation
	// Type is the adressplatstyp.
	Type PointType
	// Placement is the insamlingsläge (BA_Adressplatspunktläge): what the
	// position marks.
	Placement Placement
	// Position is the adressplatspunkt. Its SRID must be set (SWEREF 99 TM,
	// a local SWEREF 99 zone, or another CRS package geometry allows); X is
	// easting, Y northing.
	Position *geom.Point
	// PositionMetadata is the position's geometrimetadata (geometrimetadata
	// 2.0.1, the national specifications' metadata): how and when it was
	// determined, whether it is uncertain and why, and who surveyed it. An
	// address point's only BAL attribute of the kind is its insamlingsläge,
	// so on a write the metadata maps onto it alone (see
	// docs/geometry-metadata.md): an uncertain position of type
	// "lägesplacering i ungefärligt läge" or "lägesplacering i illustrativt
	// läge" is insamlingsläge Ungefärligt lägesbestämd (filled in when
	// Placement is empty; a different Placement is a validation error).
	// Everything else, the surveyor included, is recorded only by the
	// client's Recorder (bal.Config.Recorder) and never sent. Reads leave
	// it nil.
	PositionMetadata *geometry.Metadata
	// AddressStatus is the status för belägenhetsadress. The objektstatus is
	// Meta.Status.
	AddressStatus Status

	// PostalCode is the postnummer, e.g. "11264". PostNord sets it, not the
	// municipality: it is filled on read and ignored on write.
	PostalCode string
	// PostTown is the postort, e.g. "Stockholm". Like PostalCode it is
	// read-only and ignored on write.
	PostTown string
	// RegistrationDistrict is the distriktstillhörighet: the registration
	// district (distrikt) the point lies in. Lantmäteriet derives it; it is
	// read-only and ignored on write.
	RegistrationDistrict *RegistrationDistrict

	// Remarks are the adressplatsanmärkningar, e.g. a bus stop at the point.
	Remarks []Remark
	// Facility is the adressatt anläggning: the facility (jetty, recycling
	// station …) the address designates, when it is not a building.
	Facility *Facility
	// PopularName is the adressplatsnamn: a popular name for the place.
	PopularName *PopularName

	// Area is the adressområde the point belongs to ("hör till"). Nil for a
	// gårdsadressplats, which belongs to CourtyardArea instead.
	Area *AreaRef
	// CourtyardArea is the gårdsadressområde a gårdsadressplats belongs to
	// ("hör till"); nil for every other point type.
	CourtyardArea *CourtyardAreaRef
	// Property is the registerenhet the point lies within ("ligger inom").
	Property *bal.PropertyRef
}

// placement is the insamlingsläge the point is written with: Placement,
// or, when it is empty, what PositionMetadata's uncertain position maps to.
func (p *Point) placement() Placement {
	if p.Placement == "" && approximate(p.PositionMetadata) {
		return PlacementApproximate
	}
	return p.Placement
}

// approximate reports whether m says the position was placed
// approximately or illustratively, which insamlingsläge Ungefärligt
// lägesbestämd says too.
func approximate(m *geometry.Metadata) bool {
	return m != nil && (m.Uncertain == geometry.UncertainApproximate || m.Uncertain == geometry.UncertainIllustrative)
}

// pointGeometries describes, for the client's Recorder, how the position
// was determined; nil when no metadata is attached (an address point has no
// accuracy attribute of its own).
func pointGeometries(p *Point) []bal.WriteGeometry {
	if p.PositionMetadata == nil {
		return nil
	}
	return []bal.WriteGeometry{{Metadata: p.PositionMetadata}}
}

// Designation is an adressplatsbeteckning: what tells points in one area
// apart, e.g. "7A" or "12 U1".
type Designation struct {
	// Number is the adressplatsnummer: "1"–"9999", or for a
	// metertalsadressplats two numbers joined by a hyphen ("120-5"). It is a
	// string because of the latter.
	Number string
	// Letter is the bokstavstillägg: at most two upper-case letters, e.g.
	// "A".
	Letter string
	// PositionSuffix is the lägestillägg (UH, UV, U); only a gatuadressplats
	// has one.
	PositionSuffix PositionSuffix
	// PositionNumber is the lägestilläggsnummer, 1–99, required with
	// lägestillägg U and not allowed otherwise. Zero means none.
	PositionNumber int
	// Deviates is avvikerFranStandarden: the designation does not follow the
	// standard for belägenhetsadresser, so the rules on its form are lifted
	// (see Point.Validate).
	Deviates bool
	// DeviatingDesignation is the avvikande adressplatsbeteckning: the
	// designation as written when it deviates from the standard. Only
	// allowed when Deviates is true.
	DeviatingDesignation string
}

// String writes the designation as Lantmäteriet writes it after the name:
// number and letter together ("7A"), a lägestillägg after a space with its
// number directly after it ("7 UH", "12B U1"), or the deviating designation
// when the designation deviates and has one.
func (d Designation) String() string { return d.plain("").String() }

// plain returns the designation as rules' plain values.
func (d Designation) plain(pointType PointType) rules.Designation {
	return rules.Designation{
		PointType:     string(pointType),
		Number:        d.Number,
		Letter:        d.Letter,
		Suffix:        string(d.PositionSuffix),
		SuffixNumber:  d.PositionNumber,
		Deviates:      d.Deviates,
		DeviatingText: d.DeviatingDesignation,
	}
}

// Label writes the point's address without postal parts as Lantmäteriet
// writes it, e.g. "Segelbåtsvägen 7A": the name of its area or courtyard
// area, when the reference carries it, then the designation. This is what
// the 60-character rule counts.
func (p *Point) Label() string { return rules.Label(p.areaName(), p.Designation.String()) }

// areaName is the fastställt namn of the area the point belongs to, if the
// reference carries it.
func (p *Point) areaName() string {
	switch {
	case p.CourtyardArea != nil:
		return p.CourtyardArea.Name
	case p.Area != nil:
		return p.Area.Name
	}
	return ""
}

// Remark is an adressplatsanmärkning (BAU_Adressplatsanmärkning).
type Remark struct {
	// Type is the anmärkningstyp.
	Type RemarkType
	// Text is the anmärkningstext.
	Text string
}

// Facility is an adressatt anläggning (BAU_Adressatt anläggning): a facility
// that has an address of its own.
type Facility struct {
	// Type is the anläggningstyp.
	Type FacilityType
	// Text is the anläggningstext (anmärkningstext in the information
	// model): a free description.
	Text string
}

// PopularName is an adressplatsnamn (BAU_Adressplatsnamn): a name the place
// is known by, besides its address.
type PopularName struct {
	// Name is the populärnamn. Its first letter is stored upper case.
	Name string
	// PlaceID is the ortid of the name. The public material does not give its
	// form, so it is kept as text.
	PlaceID string
}

// RegistrationDistrict is a distriktstillhörighet: the registration district
// (distrikt, the successor of the parish for population registration) a
// point lies in. It is not a kommundel (District).
type RegistrationDistrict struct {
	// Code is the distriktskod.
	Code string
	// Name is the distriktsnamn.
	Name string
}
