package building

import (
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
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
