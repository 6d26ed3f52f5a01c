package building

import (
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
)

// Every code list below keeps Lantmäteriet's XML spelling in its constants
// (capitalised, with å/ä/ö). ParseX accepts any case and the ASCII-folded,
// space-free spellings the JSON services use ("OvrigByggnad") and keeps a
// value it does not know as it came, so reading never loses data; Known
// reports whether a value is one of the constants exactly, and Validate
// refuses anything else before a write, except for the lists Lantmäteriet
// has not published (said at each).

// Category is a byggnadsändamål main type: which subclass of
// BAU_Byggnadsändamål a purpose is.
type Category string

// The byggnadsändamål main types.
const (
	// CategoryResidential is "Bostad"; its uses are BA_Bostadsändamål, and
	// it alone carries a total boarea.
	CategoryResidential Category = "Bostad"
	// CategoryBusiness is "Verksamhet" (offices, shops, hotels …); its list
	// of uses is not public.
	CategoryBusiness Category = "Verksamhet"
	// CategoryIndustrial is "Industri"; its uses are BA_Industriändamål.
	CategoryIndustrial Category = "Industri"
	// CategoryPublic is "Samhällsfunktion" (schools, hospitals, stations …);
	// its uses are BA_Samhällsfunktionsändamål.
	CategoryPublic Category = "Samhällsfunktion"
	// CategoryAgricultural is "Ekonomibyggnad" (farm and forestry
	// buildings); its list of uses is not public.
	CategoryAgricultural Category = "Ekonomibyggnad"
	// CategoryAncillary is "Komplementbyggnad" (garages, sheds …); its list
	// of uses is not public.
	CategoryAncillary Category = "Komplementbyggnad"
	// CategoryOther is "Övrig byggnad"; its list of uses is not public.
	CategoryOther Category = "Övrig byggnad"
)

var categories = codelist.New(CategoryResidential, CategoryBusiness, CategoryIndustrial,
	CategoryPublic, CategoryAgricultural, CategoryAncillary, CategoryOther)

// ParseCategory returns the Category s spells ("Bostad", "samhallsfunktion",
// "OvrigByggnad" …); an unknown value is kept.
func ParseCategory(s string) Category { return categories.Parse(s) }

// Known reports whether c is a byggnadsändamål main type, spelled exactly.
func (c Category) Known() bool { return categories.Known(c) }

// Categories returns the byggnadsändamål main types.
func Categories() []Category { return categories.Values() }

// Use is an ändamål: the detailed purpose within a Category. Bostad,
// Samhällsfunktion and Industri have public lists (BA_Bostadsändamål,
// BA_Samhällsfunktionsändamål, BA_Industriändamål), and a use must come from
// its category's list. The lists of Verksamhet, Ekonomibyggnad,
// Komplementbyggnad and Övrig byggnad are not public, so any value is
// accepted there.
//
// Lantmäteriet changed the Samhällsfunktion and Industri lists in September
// 2021; the values below are from the published v1.9 lists.
type Use string

// UseUnspecified is "Ospecificerad", the last value of each of the three
// public lists.
const UseUnspecified Use = "Ospecificerad"

// The BA_Bostadsändamål values (category Bostad).
const (
	// UseDetachedHouse is "Småhus friliggande".
	UseDetachedHouse Use = "Småhus friliggande"
	// UseLinkedHouse is "Småhus kedjehus".
	UseLinkedHouse Use = "Småhus kedjehus"
	// UseTerracedHouse is "Småhus radhus".
	UseTerracedHouse Use = "Småhus radhus"
	// UseSmallMultiDwelling is "Småhus med flera lägenheter".
	UseSmallMultiDwelling Use = "Småhus med flera lägenheter"
	// UseApartmentBlock is "Flerfamiljshus".
	UseApartmentBlock Use = "Flerfamiljshus"
)

// The BA_Samhällsfunktionsändamål values (category Samhällsfunktion).
const (
	UseBathhouse        Use = "Badhus"               // UseBathhouse is "Badhus".
	UseFireStation      Use = "Brandstation"         // UseFireStation is "Brandstation".
	UseBusStation       Use = "Busstation"           // UseBusStation is "Busstation".
	UseAnimalHospital   Use = "Djursjukhus"          // UseAnimalHospital is "Djursjukhus".
	UseHealthCentre     Use = "Hälsocentral"         // UseHealthCentre is "Hälsocentral".
	UseCollege          Use = "Högskola"             // UseCollege is "Högskola".
	UseIceRink          Use = "Ishall"               // UseIceRink is "Ishall".
	UseRailwayStation   Use = "Järnvägsstation"      // UseRailwayStation is "Järnvägsstation".
	UseTownHall         Use = "Kommunhus"            // UseTownHall is "Kommunhus".
	UsePrison           Use = "Kriminalvårdsanstalt" // UsePrison is "Kriminalvårdsanstalt".
	UseCulturalBuilding Use = "Kulturbyggnad"        // UseCulturalBuilding is "Kulturbyggnad".
	UseMultiArena       Use = "Multiarena"           // UseMultiArena is "Multiarena".
	UsePoliceStation    Use = "Polisstation"         // UsePoliceStation is "Polisstation".
	UseRidingHall       Use = "Ridhus"               // UseRidingHall is "Ridhus".
	UseReligious        Use = "Samfund"              // UseReligious is "Samfund" (a religious community's building).
	UseHospital         Use = "Sjukhus"              // UseHospital is "Sjukhus".
	UseSchool           Use = "Skola"                // UseSchool is "Skola".
	UseSportsHall       Use = "Sporthall"            // UseSportsHall is "Sporthall".
	UseUniversity       Use = "Universitet"          // UseUniversity is "Universitet".
	UseCareCentre       Use = "Vårdcentral"          // UseCareCentre is "Vårdcentral".
)

// The BA_Industriändamål values (category Industri).
const (
	UseIndustrialHotel    Use = "Industrihotell"               // UseIndustrialHotel is "Industrihotell".
	UseMetalOrMachine     Use = "Metall- eller maskinindustri" // UseMetalOrMachine is "Metall- eller maskinindustri".
	UseTextile            Use = "Textilindustri"               // UseTextile is "Textilindustri".
	UseTimber             Use = "Trävaruindustri"              // UseTimber is "Trävaruindustri".
	UseOtherManufacturing Use = "Annan tillverkningsindustri"  // UseOtherManufacturing is "Annan tillverkningsindustri".
	UseOtherIndustrial    Use = "Övrig industribyggnad"        // UseOtherIndustrial is "Övrig industribyggnad".
)

var (
	residentialUses = codelist.New(UseDetachedHouse, UseLinkedHouse, UseTerracedHouse,
		UseSmallMultiDwelling, UseApartmentBlock, UseUnspecified)
	publicUses = codelist.New(UseBathhouse, UseFireStation, UseBusStation, UseAnimalHospital,
		UseHealthCentre, UseCollege, UseIceRink, UseRailwayStation, UseTownHall, UsePrison,
		UseCulturalBuilding, UseMultiArena, UsePoliceStation, UseRidingHall, UseReligious,
		UseHospital, UseSchool, UseSportsHall, UseUniversity, UseCareCentre, UseUnspecified)
	industrialUses = codelist.New(UseIndustrialHotel, UseMetalOrMachine, UseTextile, UseTimber,
		UseOtherManufacturing, UseOtherIndustrial, UseUnspecified)
	// allUses is the union, for parsing a use without knowing its category.
	allUses = codelist.New(UseDetachedHouse, UseLinkedHouse, UseTerracedHouse,
		UseSmallMultiDwelling, UseApartmentBlock,
		UseBathhouse, UseFireStation, UseBusStation, UseAnimalHospital, UseHealthCentre,
		UseCollege, UseIceRink, UseRailwayStation, UseTownHall, UsePrison, UseCulturalBuilding,
		UseMultiArena, UsePoliceStation, UseRidingHall, UseReligious, UseHospital, UseSchool,
		UseSportsHall, UseUniversity, UseCareCentre,
		UseIndustrialHotel, UseMetalOrMachine, UseTextile, UseTimber, UseOtherManufacturing,
		UseOtherIndustrial, UseUnspecified)
)

// usesOf returns the published list of c's uses, or nil when it has none.
func usesOf(c Category) *codelist.List[Use] {
	switch ParseCategory(string(c)) {
	case CategoryResidential:
		return residentialUses
	case CategoryPublic:
		return publicUses
	case CategoryIndustrial:
		return industrialUses
	}
	return nil
}

// ParseUse returns the Use s spells in any of the three public lists; an
// unknown value (including every value of the unpublished lists) is kept.
func ParseUse(s string) Use { return allUses.Parse(s) }

// Known reports whether u is a value of one of the three public lists,
// spelled exactly. A use of an unpublished category's list is not known but
// may still be valid for its category; see Purpose.
func (u Use) Known() bool { return allUses.Known(u) }

// Uses returns every value of the three public lists, residential first,
// then public, then industrial, with Ospecificerad once at the end.
func Uses() []Use { return allUses.Values() }

// UsesOf returns the uses of category c in Lantmäteriet's order, or nil for
// a category whose list is not public (Verksamhet, Ekonomibyggnad,
// Komplementbyggnad, Övrig byggnad) or that is unknown.
func UsesOf(c Category) []Use {
	if l := usesOf(c); l != nil {
		return l.Values()
	}
	return nil
}

// RemarkType is a byggnadsanmärkningstyp (BA_Byggnadsanmärkningstyp).
type RemarkType string

// The byggnadsanmärkningstyp values.
const (
	// RemarkUnidentifiedArea is "Belägen på oidentifierat område": the
	// building stands on land that is not a registered property.
	RemarkUnidentifiedArea RemarkType = "Belägen på oidentifierat område"
)

var remarkTypes = codelist.New(RemarkUnidentifiedArea)

// ParseRemarkType returns the RemarkType s spells; an unknown value is kept.
func ParseRemarkType(s string) RemarkType { return remarkTypes.Parse(s) }

// Known reports whether t is a byggnadsanmärkningstyp, spelled exactly.
func (t RemarkType) Known() bool { return remarkTypes.Known(t) }

// RemarkTypes returns the byggnadsanmärkningstyp values.
func RemarkTypes() []RemarkType { return remarkTypes.Values() }

// NameType is a namntyp of a building name (BA_Namntyp).
type NameType string

// The namntyp values.
const (
	// NameMainTopographic is "Huvudnamn topografi".
	NameMainTopographic NameType = "Huvudnamn topografi"
	// NameOtherTopographic is "Övrigt namn topografi".
	NameOtherTopographic NameType = "Övrigt namn topografi"
	// NameAlternative is "Alternativnamn".
	NameAlternative NameType = "Alternativnamn"
	// NameAlternativeDesignation is "Alternativ byggnadsbeteckning".
	NameAlternativeDesignation NameType = "Alternativ byggnadsbeteckning"
)

var nameTypes = codelist.New(NameMainTopographic, NameOtherTopographic, NameAlternative,
	NameAlternativeDesignation)

// ParseNameType returns the NameType s spells; an unknown value is kept.
func ParseNameType(s string) NameType { return nameTypes.Parse(s) }

// Known reports whether t is a namntyp, spelled exactly.
func (t NameType) Known() bool { return nameTypes.Known(t) }

// NameTypes returns the namntyp values.
func NameTypes() []NameType { return nameTypes.Values() }

// Placement is a building part's insamlingsläge (BA_Byggnadsläge): which
// outline of the building the surface follows.
type Placement string

// The byggnadsläge values.
const (
	// PlacementFacade is "Fasad": the outline of the walls.
	PlacementFacade Placement = "Fasad"
	// PlacementRoofEdge is "Takkant": the outline of the roof, as seen from
	// the air.
	PlacementRoofEdge Placement = "Takkant"
	// PlacementIllustrative is "Illustrativt läge": a placeholder (schablon)
	// until the building is surveyed.
	PlacementIllustrative Placement = "Illustrativt läge"
	// PlacementUnspecified is "Ospecificerad".
	PlacementUnspecified Placement = "Ospecificerad"
)

var placements = codelist.New(PlacementFacade, PlacementRoofEdge, PlacementIllustrative,
	PlacementUnspecified)

// ParsePlacement returns the Placement s spells; an unknown value is kept.
func ParsePlacement(s string) Placement { return placements.Parse(s) }

// Known reports whether p is a byggnadsläge, spelled exactly.
func (p Placement) Known() bool { return placements.Known(p) }

// Placements returns the byggnadsläge values.
func Placements() []Placement { return placements.Values() }

// EntranceType is an entrétyp (BA_Entrétyp).
type EntranceType string

// The entrétyp values.
const (
	// EntranceResidential is "Bostadsadress".
	EntranceResidential EntranceType = "Bostadsadress"
	// EntranceResidentialApartments is "Bostadsadress med registrerad
	// lägenhet": an entrance to registered apartments.
	EntranceResidentialApartments EntranceType = "Bostadsadress med registrerad lägenhet"
	// EntranceShop is "Butiksadress".
	EntranceShop EntranceType = "Butiksadress"
	// EntranceVisitor is "Besöksadress".
	EntranceVisitor EntranceType = "Besöksadress"
	// EntranceDelivery is "Leveransadress".
	EntranceDelivery EntranceType = "Leveransadress"
	// EntranceNotStated is "Uppgift saknas".
	EntranceNotStated EntranceType = "Uppgift saknas"
)

var entranceTypes = codelist.New(EntranceResidential, EntranceResidentialApartments, EntranceShop,
	EntranceVisitor, EntranceDelivery, EntranceNotStated)

// ParseEntranceType returns the EntranceType s spells; an unknown value is
// kept.
func ParseEntranceType(s string) EntranceType { return entranceTypes.Parse(s) }

// Known reports whether t is an entrétyp, spelled exactly.
func (t EntranceType) Known() bool { return entranceTypes.Known(t) }

// EntranceTypes returns the entrétyp values.
func EntranceTypes() []EntranceType { return entranceTypes.Values() }

// KitchenType is a kökstyp (BA_Kökstyp).
type KitchenType string

// The kökstyp values.
const (
	// KitchenFull is "Kök".
	KitchenFull KitchenType = "Kök"
	// KitchenKitchenette is "Kokvrå".
	KitchenKitchenette KitchenType = "Kokvrå"
	// KitchenCabinet is "Kokskåp".
	KitchenCabinet KitchenType = "Kokskåp"
	// KitchenNone is "Köksutrustning saknas".
	KitchenNone KitchenType = "Köksutrustning saknas"
	// KitchenNotStated is "Uppgift saknas".
	KitchenNotStated KitchenType = "Uppgift saknas"
)

var kitchenTypes = codelist.New(KitchenFull, KitchenKitchenette, KitchenCabinet, KitchenNone,
	KitchenNotStated)

// ParseKitchenType returns the KitchenType s spells; an unknown value is
// kept.
func ParseKitchenType(s string) KitchenType { return kitchenTypes.Parse(s) }

// Known reports whether t is a kökstyp, spelled exactly.
func (t KitchenType) Known() bool { return kitchenTypes.Known(t) }

// KitchenTypes returns the kökstyp values.
func KitchenTypes() []KitchenType { return kitchenTypes.Values() }

// CollectionMethod is an insamlingssätt (BA_Typ av insamling): how the
// apartment's data reached the register.
type CollectionMethod string

// The typ av insamling values.
const (
	// CollectionOnline is "On-lineregistrering".
	CollectionOnline CollectionMethod = "On-lineregistrering"
	// CollectionBatchFile is "Satsvis laddning från fil".
	CollectionBatchFile CollectionMethod = "Satsvis laddning från fil"
	// CollectionScannedForm is "Skannad blankett".
	CollectionScannedForm CollectionMethod = "Skannad blankett"
	// CollectionOtherReport is "Annan uppgiftslämning".
	CollectionOtherReport CollectionMethod = "Annan uppgiftslämning"
	// CollectionCaseSystem is "Uppläggning från handläggningssystem".
	CollectionCaseSystem CollectionMethod = "Uppläggning från handläggningssystem"
	// CollectionWebForm is "Webbformulär".
	CollectionWebForm CollectionMethod = "Webbformulär"
	// CollectionRegister is "Uppläggning från register".
	CollectionRegister CollectionMethod = "Uppläggning från register"
	// CollectionNotStated is "Uppgift saknas".
	CollectionNotStated CollectionMethod = "Uppgift saknas"
)

var collectionMethods = codelist.New(CollectionOnline, CollectionBatchFile, CollectionScannedForm,
	CollectionOtherReport, CollectionCaseSystem, CollectionWebForm, CollectionRegister,
	CollectionNotStated)

// ParseCollectionMethod returns the CollectionMethod s spells; an unknown
// value is kept.
func ParseCollectionMethod(s string) CollectionMethod { return collectionMethods.Parse(s) }

// Known reports whether m is a typ av insamling, spelled exactly.
func (m CollectionMethod) Known() bool { return collectionMethods.Known(m) }

// CollectionMethods returns the typ av insamling values.
func CollectionMethods() []CollectionMethod { return collectionMethods.Values() }

// YesNo is a value of Ja_Nej_Uppgift saknas: yes, no, or not stated.
type YesNo string

// The Ja_Nej_Uppgift saknas values.
const (
	// Yes is "Ja".
	Yes YesNo = "Ja"
	// No is "Nej".
	No YesNo = "Nej"
	// NotStated is "Uppgift saknas".
	NotStated YesNo = "Uppgift saknas"
)

var yesNos = codelist.New(Yes, No, NotStated)

// ParseYesNo returns the YesNo s spells; an unknown value is kept.
func ParseYesNo(s string) YesNo { return yesNos.Parse(s) }

// Known reports whether y is a Ja_Nej_Uppgift saknas value, spelled exactly.
func (y YesNo) Known() bool { return yesNos.Known(y) }

// YesNoValues returns the Ja_Nej_Uppgift saknas values.
func YesNoValues() []YesNo { return yesNos.Values() }

// ApartmentCategory is a lägenhetskategori. Lantmäteriet has not published
// the list, so it is an open type: any value is kept and written as it is.
type ApartmentCategory string

// EvaluationMethod is a lägesnoggrannhet's utvärderingsmetod. The full list
// is not public; the constants are the values seen in Lantmäteriet's
// deliveries, and any other value is accepted.
type EvaluationMethod string

// The utvärderingsmetod values seen in deliveries.
const (
	// EvaluationUnknown is "Okänd".
	EvaluationUnknown EvaluationMethod = "Okänd"
	// EvaluationIndirect is "Indirekt mätmetod".
	EvaluationIndirect EvaluationMethod = "Indirekt mätmetod"
)

var evaluationMethods = codelist.New(EvaluationUnknown, EvaluationIndirect)

// ParseEvaluationMethod returns the EvaluationMethod s spells; an unknown
// value is kept.
func ParseEvaluationMethod(s string) EvaluationMethod { return evaluationMethods.Parse(s) }

// Known reports whether m is one of the constants, spelled exactly.
func (m EvaluationMethod) Known() bool { return evaluationMethods.Known(m) }

// EvaluationMethods returns the utvärderingsmetod values seen in
// deliveries.
func EvaluationMethods() []EvaluationMethod { return evaluationMethods.Values() }

// StatisticalMethod is a lägesnoggrannhet result's statistisk metod. The
// list is not public; any value is accepted.
type StatisticalMethod string

// The statistisk metod values seen in deliveries, spelled as there.
const (
	// StatisticStandardError is "medelfel": the value is a standard error.
	StatisticStandardError StatisticalMethod = "medelfel"
)

var statisticalMethods = codelist.New(StatisticStandardError)

// ParseStatisticalMethod returns the StatisticalMethod s spells; an unknown
// value is kept.
func ParseStatisticalMethod(s string) StatisticalMethod { return statisticalMethods.Parse(s) }

// Known reports whether m is one of the constants, spelled exactly.
func (m StatisticalMethod) Known() bool { return statisticalMethods.Known(m) }

// StatisticalMethods returns the statistisk metod values seen in
// deliveries.
func StatisticalMethods() []StatisticalMethod { return statisticalMethods.Values() }

// Unit is a lägesnoggrannhet result's värdeenhet. The list is not public;
// any value is accepted.
type Unit string

// The värdeenhet values seen in deliveries, spelled as there.
const (
	// UnitMetre is "meter".
	UnitMetre Unit = "meter"
)

var units = codelist.New(UnitMetre)

// ParseUnit returns the Unit s spells; an unknown value is kept.
func ParseUnit(s string) Unit { return units.Parse(s) }

// Known reports whether u is one of the constants, spelled exactly.
func (u Unit) Known() bool { return units.Known(u) }

// Units returns the värdeenhet values seen in deliveries.
func Units() []Unit { return units.Values() }

// The åtgärdstyp values for buildings (BA_Åtgärdstyp, building part).
const (
	// ActionPermitApproved is "Godkänt bygglov": a building permit was
	// granted; the new building gets status Planerad.
	ActionPermitApproved bal.ActionType = "Godkänt bygglov"
	// ActionNewCompleted is "Ny färdigbyggd byggnad": a new building,
	// registered when already complete.
	ActionNewCompleted bal.ActionType = "Ny färdigbyggd byggnad"
	// ActionExisting is "Befintlig byggnad": an existing building registered
	// for the first time.
	ActionExisting bal.ActionType = "Befintlig byggnad"
	// ActionCompleted is "Byggnaden färdigbyggd": a planned building is
	// finished.
	ActionCompleted bal.ActionType = "Byggnaden färdigbyggd"
	// ActionBuildingChanged is "Ändrad byggnadsinformation".
	ActionBuildingChanged bal.ActionType = "Ändrad byggnadsinformation"
	// ActionDemolished is "Riven, nedbrunnen byggnad": demolished or burnt
	// down.
	ActionDemolished bal.ActionType = "Riven, nedbrunnen byggnad"
	// ActionBuildingMisregistered is "Felregistrerad byggnad": the building
	// was registered by mistake.
	ActionBuildingMisregistered bal.ActionType = "Felregistrerad byggnad"
)

// The åtgärdstyp values for apartments.
const (
	// ActionNewApartment is "Nybyggd lägenhet".
	ActionNewApartment bal.ActionType = "Nybyggd lägenhet"
	// ActionExistingApartment is "Befintlig lägenhet".
	ActionExistingApartment bal.ActionType = "Befintlig lägenhet"
	// ActionApartmentChanged is "Ändrad lägenhetsinformation".
	ActionApartmentChanged bal.ActionType = "Ändrad lägenhetsinformation"
	// ActionApartmentMerged is "Ingår i annan lägenhet": the apartment became
	// part of another one.
	ActionApartmentMerged bal.ActionType = "Ingår i annan lägenhet"
	// ActionApartmentDemolished is "Riven lägenhet".
	ActionApartmentDemolished bal.ActionType = "Riven lägenhet"
	// ActionApartmentMisregistered is "Felregistrerad lägenhet".
	ActionApartmentMisregistered bal.ActionType = "Felregistrerad lägenhet"
)

// The åtgärdstyp values for entrances.
const (
	// ActionNewEntrance is "Ny entré".
	ActionNewEntrance bal.ActionType = "Ny entré"
	// ActionEntranceChanged is "Ändrad entréinformation".
	ActionEntranceChanged bal.ActionType = "Ändrad entréinformation"
	// ActionEntranceRemoved is "Borttagen entré".
	ActionEntranceRemoved bal.ActionType = "Borttagen entré"
)

var (
	buildingActions = codelist.New(ActionPermitApproved, ActionNewCompleted, ActionExisting,
		ActionCompleted, ActionBuildingChanged, ActionDemolished, ActionBuildingMisregistered)
	apartmentActions = codelist.New(ActionNewApartment, ActionExistingApartment,
		ActionApartmentChanged, ActionApartmentMerged, ActionApartmentDemolished,
		ActionApartmentMisregistered)
	entranceActions = codelist.New(ActionNewEntrance, ActionEntranceChanged, ActionEntranceRemoved)
	// allActions is the union, for parsing without knowing the object type.
	allActions = codelist.New(append(append(buildingActions.Values(), apartmentActions.Values()...),
		entranceActions.Values()...)...)
)

// ParseActionType returns the building, apartment or entrance åtgärdstyp s
// spells; an unknown value is kept.
func ParseActionType(s string) bal.ActionType { return allActions.Parse(s) }

// BuildingActionTypes returns the åtgärdstyp values a Building accepts.
func BuildingActionTypes() []bal.ActionType { return buildingActions.Values() }

// EntranceActionTypes returns the åtgärdstyp values an Entrance accepts.
func EntranceActionTypes() []bal.ActionType { return entranceActions.Values() }

// ApartmentActionTypes returns the åtgärdstyp values an Apartment accepts.
func ApartmentActionTypes() []bal.ActionType { return apartmentActions.Values() }
