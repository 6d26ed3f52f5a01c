package building

import (
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
)

// Building is a Byggnad (BAU_Byggnad). A building on several properties is
// registered once per property (a "registerbyggnad"); buildings of 15 m² or
// more must be reported, and masts and wholly underground buildings are not
// buildings in BAL.
//
// Entrances and apartments are objects of their own (Entrance, Apartment)
// that refer to the building.
type Building struct {
	bal.Meta

	// HouseNumber is the husnummer, telling the buildings on one property
	// apart; zero when not given.
	HouseNumber int
	// ConstructionYear is the nybyggnadsår; zero when not known.
	ConstructionYear int
	// ExtensionYear is the tillbyggnadsår, the year of the latest extension;
	// zero when none is known.
	ExtensionYear int
	// ExemptFromAddressing is undantagenFrånAdressättning: the building needs
	// no address (e.g. a barn).
	ExemptFromAddressing bool
	// MainBuilding is huvudbyggnad: the main building on its property.
	MainBuilding bool
	// NonFreeGround is "ofri grund": the building stands on land its owner
	// does not own.
	NonFreeGround bool
	// Servitude is byggnadsservitut: the building stands on the property by
	// virtue of an easement.
	Servitude bool

	// Purposes are the byggnadsändamål, at most one of them the main one.
	Purposes []Purpose
	// Names are the byggnadsnamn.
	Names []Name
	// Remarks are the byggnadsanmärkningar.
	Remarks []Remark
	// Parts are the byggnadsdelar, each with its surface geometry.
	Parts []Part
	// Shelters are the MSB skyddsrum (civil-defence shelters) in the
	// building.
	Shelters []Shelter

	// TaxUnit is the Skatteverket taxeringsenhet the building belongs to.
	// Rule B-0035: a building has a TaxUnit or a ValuationUnit, not both.
	TaxUnit *TaxUnit
	// ValuationUnit is the Skatteverket värderingsenhet the building belongs
	// to.
	ValuationUnit *ValuationUnit

	// LiesOn are the registerenheter the building lies on ("ligger på").
	LiesOn []bal.PropertyRef
	// AffectedBy are the registerenheter, such as 3D properties, that affect
	// the building ("berörs av"). Rule B-0084: the building must lie on a
	// registerenhet that such a 3D property cuts into.
	AffectedBy []bal.PropertyRef
}

// Purpose is a byggnadsändamål (BAU_Byggnadsändamål and its subclasses
// BAU_Bostad, BAU_Verksamhet, BAU_Industri, BAU_Samhällsfunktion,
// BAU_Ekonomibyggnad, BAU_Komplementbyggnad, BAU_Övrig byggnad).
type Purpose struct {
	// Category is the subclass: Bostad, Verksamhet, Industri …
	Category Category
	// Use is the ändamål within the category, e.g. "Småhus friliggande" for
	// Bostad or "Skola" for Samhällsfunktion. Required for the categories
	// with a public list; any value for the others.
	Use Use
	// Main is huvudändamål: this is the building's main purpose.
	Main bool
	// Uncertain is osäkert ändamål: the purpose is not certain.
	Uncertain bool
	// TotalLivingArea is the total boarea in m², only for category Bostad;
	// nil when not given.
	TotalLivingArea *float64
}

// Name is a byggnadsnamn (BAU_Byggnadsnamn).
type Name struct {
	// Text is the namn. Its first letter is stored upper case.
	Text string
	// Type is the namntyp.
	Type NameType
	// PlaceID is the ortid of the name. The public material does not give its
	// form, so it is kept as text.
	PlaceID string
}

// Remark is a byggnadsanmärkning (BAU_Byggnadsanmärkning).
type Remark struct {
	// Type is the anmärkningstyp.
	Type RemarkType
	// Text is the anmärkningstext.
	Text string
}

// Part is a byggnadsdel (BAU_Byggnadsdel): a surface of the building with
// how it was captured and how accurate it is.
type Part struct {
	// Placement is the insamlingsläge (BA_Byggnadsläge): which outline the
	// surface follows.
	Placement Placement
	// Surface is the byggnadsyta: a *geom.Polygon or *geom.MultiPolygon with
	// its SRID set (SWEREF 99 TM, a local SWEREF 99 zone, or another CRS
	// package geometry allows); X is easting, Y northing. Heights, when
	// present, are RH 2000.
	Surface geom.T
	// PlanAccuracy is the lägesnoggrannhet plan; nil when not given.
	PlanAccuracy *Accuracy
	// HeightAccuracy is the lägesnoggrannhet höjd; nil when not given.
	HeightAccuracy *Accuracy
	// Metadata is the surface's geometrimetadata (geometrimetadata 2.0.1,
	// the national specifications' metadata): how and when its position
	// was determined in plan and height, whether it is uncertain and why,
	// and who surveyed it. BAL has no attribute for most of it, so on a
	// write it maps onto the part's own attributes only where they hold
	// the same thing (see docs/geometry-metadata.md): an uncertain position
	// of type "lägesplacering i illustrativt läge" is insamlingsläge
	// Illustrativt läge (filled in when Placement is empty; a different
	// Placement is a validation error). The accuracy stays in PlanAccuracy
	// and HeightAccuracy. Everything else, the surveyor included, is
	// recorded only by the client's Recorder (bal.Config.Recorder) and
	// never sent. Reads leave it nil.
	Metadata *geometry.Metadata
}

// placement is the insamlingsläge the part is written with: Placement, or,
// when it is empty, what Metadata's uncertain position maps to.
func (p *Part) placement() Placement {
	if p.Placement == "" && p.Metadata != nil && p.Metadata.Uncertain == geometry.UncertainIllustrative {
		return PlacementIllustrative
	}
	return p.Placement
}

// geometries describes, for the client's Recorder, how each part's surface
// was determined: its metadata and its accuracy in metres. It is empty
// when no part has either.
func geometries(b *Building) []bal.WriteGeometry {
	out := make([]bal.WriteGeometry, len(b.Parts))
	some := false
	for i, p := range b.Parts {
		out[i] = bal.WriteGeometry{Metadata: p.Metadata, PlanAccuracy: p.PlanAccuracy.metres(), HeightAccuracy: p.HeightAccuracy.metres()}
		some = some || out[i] != (bal.WriteGeometry{})
	}
	if !some {
		return nil
	}
	return out
}

// metres returns the accuracy's value when it is in metres, else nil.
func (a *Accuracy) metres() *float64 {
	if a == nil || a.Value == nil || a.NoInformation || units.Parse(string(a.Unit)) != UnitMetre {
		return nil
	}
	v := *a.Value
	return &v
}

// Accuracy is a lägesnoggrannhet: how the accuracy of a surface was
// evaluated and the result, or that there is no information.
type Accuracy struct {
	// Method is the utvärderingsmetod, e.g. "Indirekt mätmetod".
	Method EvaluationMethod
	// Statistic is the result's statistisk metod, e.g. "medelfel".
	Statistic StatisticalMethod
	// Value is the result's värde, e.g. 0.2; nil when there is none.
	Value *float64
	// Unit is the result's värdeenhet, e.g. "meter"; required with Value.
	Unit Unit
	// NoInformation is "ingen information": nothing is known about the
	// accuracy. A result is then not allowed.
	NoInformation bool
}

// Shelter is an MSB skyddsrum (BAU_MSBs skyddsrum): a civil-defence shelter
// registered by the Swedish Civil Contingencies Agency.
type Shelter struct {
	// Identity is the shelter's identitet in MSB's register.
	Identity string
}

// TaxUnit refers to a Skatteverkets taxeringsenhet: the unit the Swedish
// Tax Agency assesses the building in.
type TaxUnit struct {
	// Identity is the taxeringsenhetsidentitet.
	Identity string
}

// ValuationUnit refers to a Skatteverkets värderingsenhet.
type ValuationUnit struct {
	// Identity is the värderingsenhetsidentitet.
	Identity string
}
