package address

import (
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
)

// Every code list below keeps Lantmäteriet's XML spelling in its constants
// (capitalised, with å/ä/ö). ParseX accepts any case and the ASCII-folded
// spellings the JSON services use ("Gatuadressomrade") and keeps a value it
// does not know as it came, so reading never loses data; Known reports
// whether a value is one of the constants exactly, and Validate refuses
// anything else before a write.

// PointType is an adressplatstyp (BA_Adressplatstyp): which kind of address
// a point is. It decides the form of its number and the kind of area it
// belongs to.
type PointType string

// The adressplatstyp values.
const (
	// PointTypeStreet is "Gatuadressplats": a number along a street; belongs
	// to a gatuadressområde.
	PointTypeStreet PointType = "Gatuadressplats"
	// PointTypeMetre is "Metertalsadressplats": a metertal number "N-M"
	// along a road; belongs to a metertalsadressområde.
	PointTypeMetre PointType = "Metertalsadressplats"
	// PointTypeVillage is "Byadressplats": a number in a village; belongs to
	// a byadressområde.
	PointTypeVillage PointType = "Byadressplats"
	// PointTypeCourtyard is "Gårdsadressplats": a number within a farmstead;
	// belongs to a gårdsadressområde.
	PointTypeCourtyard PointType = "Gårdsadressplats"
)

var pointTypes = codelist.New(PointTypeStreet, PointTypeMetre, PointTypeVillage, PointTypeCourtyard)

// ParsePointType returns the PointType s spells; an unknown value is kept.
func ParsePointType(s string) PointType { return pointTypes.Parse(s) }

// Known reports whether t is an adressplatstyp, spelled exactly.
func (t PointType) Known() bool { return pointTypes.Known(t) }

// PointTypes returns the adressplatstyp values.
func PointTypes() []PointType { return pointTypes.Values() }

// AreaType is an adressområdestyp (BA_Adressområdestyp).
type AreaType string

// The adressområdestyp values.
const (
	// AreaTypeStreet is "Gatuadressområde": a street or road with numbered
	// gatuadressplatser.
	AreaTypeStreet AreaType = "Gatuadressområde"
	// AreaTypeMetre is "Metertalsadressområde": a road addressed by
	// metertal numbers.
	AreaTypeMetre AreaType = "Metertalsadressområde"
	// AreaTypeVillage is "Byadressområde": a village; it may be divided into
	// gårdsadressområden.
	AreaTypeVillage AreaType = "Byadressområde"
)

var areaTypes = codelist.New(AreaTypeStreet, AreaTypeMetre, AreaTypeVillage)

// ParseAreaType returns the AreaType s spells; an unknown value is kept.
func ParseAreaType(s string) AreaType { return areaTypes.Parse(s) }

// Known reports whether t is an adressområdestyp, spelled exactly.
func (t AreaType) Known() bool { return areaTypes.Known(t) }

// AreaTypes returns the adressområdestyp values.
func AreaTypes() []AreaType { return areaTypes.Values() }

// Status is a status för belägenhetsadress (BA_Belägenhetsadresstatus): how
// far an address has come in the municipality's decision. It is not the
// objektstatus (bal.Status), which every object has besides.
type Status string

// The status för belägenhetsadress values.
const (
	// StatusProposed is "Föreslagen": a proposal, not yet decided.
	StatusProposed Status = "Föreslagen"
	// StatusReserved is "Reserverad": decided but not yet in use, e.g. for a
	// building not yet built.
	StatusReserved Status = "Reserverad"
	// StatusValid is "Gällande": in use.
	StatusValid Status = "Gällande"
)

var statuses = codelist.New(StatusProposed, StatusReserved, StatusValid)

// ParseStatus returns the Status s spells; an unknown value is kept.
func ParseStatus(s string) Status { return statuses.Parse(s) }

// Known reports whether s is a status för belägenhetsadress, spelled
// exactly.
func (s Status) Known() bool { return statuses.Known(s) }

// Statuses returns the status för belägenhetsadress values.
func Statuses() []Status { return statuses.Values() }

// Placement is an address point's insamlingsläge (BA_Adressplatspunktläge):
// what the adressplatspunkt marks.
type Placement string

// The insamlingsläge values of an address point.
const (
	// PlacementBuilding is "Byggnad": the point lies on the building.
	PlacementBuilding Placement = "Byggnad"
	// PlacementEntrance is "Ingång": the point marks the entrance.
	PlacementEntrance Placement = "Ingång"
	// PlacementDriveway is "Infart": the point marks the driveway.
	PlacementDriveway Placement = "Infart"
	// PlacementPlot is "Tomtplats": the point lies on the plot.
	PlacementPlot Placement = "Tomtplats"
	// PlacementApproximate is "Ungefärligt lägesbestämd": the position is
	// approximate.
	PlacementApproximate Placement = "Ungefärligt lägesbestämd"
	// PlacementOther is "Övrigt läge".
	PlacementOther Placement = "Övrigt läge"
)

var placements = codelist.New(PlacementBuilding, PlacementEntrance, PlacementDriveway,
	PlacementPlot, PlacementApproximate, PlacementOther)

// ParsePlacement returns the Placement s spells; an unknown value is kept.
func ParsePlacement(s string) Placement { return placements.Parse(s) }

// Known reports whether p is an insamlingsläge, spelled exactly.
func (p Placement) Known() bool { return placements.Known(p) }

// Placements returns the insamlingsläge values.
func Placements() []Placement { return placements.Values() }

// PositionSuffix is a lägestillägg (BA_Lägestillägg): which entrance of a
// building a gatuadressplats designates.
type PositionSuffix string

// The lägestillägg values.
const (
	// SuffixUH is "UH", uppgång höger: the entrance on the right.
	SuffixUH PositionSuffix = "UH"
	// SuffixUV is "UV", uppgång vänster: the entrance on the left.
	SuffixUV PositionSuffix = "UV"
	// SuffixU is "U", uppgång: a numbered entrance; it requires a
	// lägestilläggsnummer.
	SuffixU PositionSuffix = "U"
)

var positionSuffixes = codelist.New(SuffixUH, SuffixUV, SuffixU)

// ParsePositionSuffix returns the PositionSuffix s spells; an unknown value
// is kept.
func ParsePositionSuffix(s string) PositionSuffix { return positionSuffixes.Parse(s) }

// Known reports whether s is a lägestillägg, spelled exactly.
func (s PositionSuffix) Known() bool { return positionSuffixes.Known(s) }

// PositionSuffixes returns the lägestillägg values.
func PositionSuffixes() []PositionSuffix { return positionSuffixes.Values() }

// RemarkType is an anmärkningstyp of an address point remark
// (BA_Adressplatsanmärkningstyp).
type RemarkType string

// The adressplatsanmärkningstyp values.
const (
	// RemarkTaxi is "Angöringsplats för taxi".
	RemarkTaxi RemarkType = "Angöringsplats för taxi"
	// RemarkBusStop is "Busshållplats".
	RemarkBusStop RemarkType = "Busshållplats"
	// RemarkRailwayStation is "Järnvägstation/hållplats", spelled with one s
	// as in Lantmäteriet's list.
	RemarkRailwayStation RemarkType = "Järnvägstation/hållplats"
	// RemarkQuay is "Kajplats".
	RemarkQuay RemarkType = "Kajplats"
	// RemarkTramStop is "Spårvagnshållplats".
	RemarkTramStop RemarkType = "Spårvagnshållplats"
	// RemarkMailStop is "Stoppställe för postutdelning".
	RemarkMailStop RemarkType = "Stoppställe för postutdelning"
	// RemarkMetroEntrance is "Tunnelbanestationsnedgång".
	RemarkMetroEntrance RemarkType = "Tunnelbanestationsnedgång"
	// RemarkOther is "Övrig anmärkning".
	RemarkOther RemarkType = "Övrig anmärkning"
)

var remarkTypes = codelist.New(RemarkTaxi, RemarkBusStop, RemarkRailwayStation, RemarkQuay,
	RemarkTramStop, RemarkMailStop, RemarkMetroEntrance, RemarkOther)

// ParseRemarkType returns the RemarkType s spells; an unknown value is kept.
func ParseRemarkType(s string) RemarkType { return remarkTypes.Parse(s) }

// Known reports whether t is an adressplatsanmärkningstyp, spelled exactly.
func (t RemarkType) Known() bool { return remarkTypes.Known(t) }

// RemarkTypes returns the adressplatsanmärkningstyp values.
func RemarkTypes() []RemarkType { return remarkTypes.Values() }

// FacilityType is an anläggningstyp of an addressed facility
// (BA_Adressattanläggningstyp). Lantmäteriet trimmed this list in September
// 2021; older values may still come from the server and are kept on read,
// but Validate refuses them.
type FacilityType string

// The adressatt anläggningstyp values.
const (
	// FacilitySewagePump is "Avloppspumpstation".
	FacilitySewagePump FacilityType = "Avloppspumpstation"
	// FacilityJetty is "Brygga".
	FacilityJetty FacilityType = "Brygga"
	// FacilitySports is "Idrottsanläggning".
	FacilitySports FacilityType = "Idrottsanläggning"
	// FacilityMarina is "Småbåtshamn".
	FacilityMarina FacilityType = "Småbåtshamn"
	// FacilityRecycling is "Återvinningsstation".
	FacilityRecycling FacilityType = "Återvinningsstation"
)

var facilityTypes = codelist.New(FacilitySewagePump, FacilityJetty, FacilitySports,
	FacilityMarina, FacilityRecycling)

// ParseFacilityType returns the FacilityType s spells; an unknown value is
// kept.
func ParseFacilityType(s string) FacilityType { return facilityTypes.Parse(s) }

// Known reports whether t is an adressatt anläggningstyp, spelled exactly.
func (t FacilityType) Known() bool { return facilityTypes.Known(t) }

// FacilityTypes returns the adressatt anläggningstyp values.
func FacilityTypes() []FacilityType { return facilityTypes.Values() }

// The åtgärdstyp values for address objects (BA_ÅtgärdstypAdress). All four
// address object types (Point, Area, CourtyardArea, District) take this
// list.
const (
	// ActionNew is "Ny": the object is created.
	ActionNew bal.ActionType = "Ny"
	// ActionChanged is "Ändrad": the object is changed.
	ActionChanged bal.ActionType = "Ändrad"
	// ActionRemoved is "Borttagen": the object is removed (retired).
	ActionRemoved bal.ActionType = "Borttagen"
	// ActionMigrated is "Migrerat objekt": the object came over in a
	// migration between systems.
	ActionMigrated bal.ActionType = "Migrerat objekt"
)

var actionTypes = codelist.New(ActionNew, ActionChanged, ActionRemoved, ActionMigrated)

// ParseActionType returns the address åtgärdstyp s spells; an unknown value
// is kept.
func ParseActionType(s string) bal.ActionType { return actionTypes.Parse(s) }

// ActionTypes returns the åtgärdstyp values an address object accepts: the
// same list for address points, address areas, courtyard areas and
// districts.
func ActionTypes() []bal.ActionType { return actionTypes.Values() }

// AcceptsAction reports whether t is an address åtgärdstyp, spelled exactly.
func AcceptsAction(t bal.ActionType) bool { return actionTypes.Known(t) }
