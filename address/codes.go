package address

import (
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
)

// Every code list below keeps Lantmäteriet's XML spelling in its constants
// (capitalised, with å/ä/ö). UnmarshalText accepts any case and the
// ASCII-folded spellings the JSON services use ("Gatuadressomrade") and
// keeps a value it does not know as it came, so reading never loses data;
// MarshalText writes Lantmäteriet's spelling; Validate refuses anything
// unknown or misspelled before a write. bal.Codes lists a code list's
// values.

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

var pointTypes = codelist.Define(PointTypeStreet, PointTypeMetre, PointTypeVillage, PointTypeCourtyard)

// UnmarshalText reads an adressplatstyp in any case or spelling; an unknown
// value is kept as it came. It never fails (see bal.Codes).
func (t *PointType) UnmarshalText(text []byte) error { return pointTypes.Decode(t, text) }

// MarshalText writes t in Lantmäteriet's spelling.
func (t PointType) MarshalText() ([]byte, error) { return pointTypes.Encode(t) }

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

var areaTypes = codelist.Define(AreaTypeStreet, AreaTypeMetre, AreaTypeVillage)

// UnmarshalText reads an adressområdestyp in any case or spelling; an
// unknown value is kept as it came. It never fails (see bal.Codes).
func (t *AreaType) UnmarshalText(text []byte) error { return areaTypes.Decode(t, text) }

// MarshalText writes t in Lantmäteriet's spelling.
func (t AreaType) MarshalText() ([]byte, error) { return areaTypes.Encode(t) }

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

var statuses = codelist.Define(StatusProposed, StatusReserved, StatusValid)

// UnmarshalText reads a status för belägenhetsadress in any case or
// spelling; an unknown value is kept as it came. It never fails (see
// bal.Codes).
func (s *Status) UnmarshalText(text []byte) error { return statuses.Decode(s, text) }

// MarshalText writes s in Lantmäteriet's spelling.
func (s Status) MarshalText() ([]byte, error) { return statuses.Encode(s) }

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

var placements = codelist.Define(PlacementBuilding, PlacementEntrance, PlacementDriveway,
	PlacementPlot, PlacementApproximate, PlacementOther)

// UnmarshalText reads an insamlingsläge in any case or spelling; an unknown
// value is kept as it came. It never fails (see bal.Codes).
func (p *Placement) UnmarshalText(text []byte) error { return placements.Decode(p, text) }

// MarshalText writes p in Lantmäteriet's spelling.
func (p Placement) MarshalText() ([]byte, error) { return placements.Encode(p) }

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

var positionSuffixes = codelist.Define(SuffixUH, SuffixUV, SuffixU)

// UnmarshalText reads a lägestillägg in any case or spelling; an unknown
// value is kept as it came. It never fails (see bal.Codes).
func (s *PositionSuffix) UnmarshalText(text []byte) error { return positionSuffixes.Decode(s, text) }

// MarshalText writes s in Lantmäteriet's spelling.
func (s PositionSuffix) MarshalText() ([]byte, error) { return positionSuffixes.Encode(s) }

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

var remarkTypes = codelist.Define(RemarkTaxi, RemarkBusStop, RemarkRailwayStation, RemarkQuay,
	RemarkTramStop, RemarkMailStop, RemarkMetroEntrance, RemarkOther)

// UnmarshalText reads an adressplatsanmärkningstyp in any case or spelling;
// an unknown value is kept as it came. It never fails (see bal.Codes).
func (t *RemarkType) UnmarshalText(text []byte) error { return remarkTypes.Decode(t, text) }

// MarshalText writes t in Lantmäteriet's spelling.
func (t RemarkType) MarshalText() ([]byte, error) { return remarkTypes.Encode(t) }

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

var facilityTypes = codelist.Define(FacilitySewagePump, FacilityJetty, FacilitySports,
	FacilityMarina, FacilityRecycling)

// UnmarshalText reads an anläggningstyp in any case or spelling; an unknown
// value is kept as it came. It never fails (see bal.Codes).
func (t *FacilityType) UnmarshalText(text []byte) error { return facilityTypes.Decode(t, text) }

// MarshalText writes t in Lantmäteriet's spelling.
func (t FacilityType) MarshalText() ([]byte, error) { return facilityTypes.Encode(t) }

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

// ActionTypes returns the åtgärdstyp values an address object accepts: the
// same list for address points, address areas, courtyard areas and
// districts.
func ActionTypes() []bal.ActionType { return actionTypes.Values() }
