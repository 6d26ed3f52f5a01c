package building

import (
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/objects"
)

// Patches are three-state partial updates, applied by Patch with
// read–change–write: a nil field leaves the stored value alone, a set field
// changes it, and a field named in Clear is emptied. A list field is
// replaced whole when it is non-nil (an empty, non-nil list empties it too).
// Naming a field in Clear that the patch also sets is an error, as is
// clearing a field the object cannot do without.

// BuildingField names a field of Building that a BuildingPatch can clear.
type BuildingField string

// The clearable fields of a Building.
const (
	// BuildingFieldHouseNumber clears the husnummer.
	BuildingFieldHouseNumber BuildingField = "HouseNumber"
	// BuildingFieldConstructionYear clears the nybyggnadsår.
	BuildingFieldConstructionYear BuildingField = "ConstructionYear"
	// BuildingFieldExtensionYear clears the tillbyggnadsår.
	BuildingFieldExtensionYear BuildingField = "ExtensionYear"
	// BuildingFieldExemptFromAddressing clears the undantagenFrånAdressättning.
	BuildingFieldExemptFromAddressing BuildingField = "ExemptFromAddressing"
	// BuildingFieldMainBuilding clears the huvudbyggnad.
	BuildingFieldMainBuilding BuildingField = "MainBuilding"
	// BuildingFieldNonFreeGround clears the ofri grund.
	BuildingFieldNonFreeGround BuildingField = "NonFreeGround"
	// BuildingFieldServitude clears the byggnadsservitut.
	BuildingFieldServitude BuildingField = "Servitude"
	// BuildingFieldPurposes clears the byggnadsändamål.
	BuildingFieldPurposes BuildingField = "Purposes"
	// BuildingFieldNames clears the byggnadsnamn.
	BuildingFieldNames BuildingField = "Names"
	// BuildingFieldRemarks clears the byggnadsanmärkningar.
	BuildingFieldRemarks BuildingField = "Remarks"
	// BuildingFieldParts clears the byggnadsdelar.
	BuildingFieldParts BuildingField = "Parts"
	// BuildingFieldShelters clears the skyddsrum.
	BuildingFieldShelters BuildingField = "Shelters"
	// BuildingFieldTaxUnit clears the taxeringsenhet.
	BuildingFieldTaxUnit BuildingField = "TaxUnit"
	// BuildingFieldValuationUnit clears the värderingsenhet.
	BuildingFieldValuationUnit BuildingField = "ValuationUnit"
	// BuildingFieldLiesOn clears ligger på, the registerenheter the building lies on.
	BuildingFieldLiesOn BuildingField = "LiesOn"
	// BuildingFieldAffectedBy clears berörs av, the registerenheter affecting the building.
	BuildingFieldAffectedBy BuildingField = "AffectedBy"
)

// BuildingPatch is a partial change of a Byggnad; see Building for what
// each field means.
type BuildingPatch struct {
	// Status is the new objektstatus; it cannot be cleared.
	Status *bal.Status
	// HouseNumber is the husnummer.
	HouseNumber *int
	// ConstructionYear is the nybyggnadsår.
	ConstructionYear *int
	// ExtensionYear is the tillbyggnadsår.
	ExtensionYear *int
	// ExemptFromAddressing is undantagenFrånAdressättning.
	ExemptFromAddressing *bool
	// MainBuilding is huvudbyggnad.
	MainBuilding *bool
	// NonFreeGround is ofri grund.
	NonFreeGround *bool
	// Servitude is byggnadsservitut.
	Servitude *bool
	// Purposes replaces the byggnadsändamål.
	Purposes []Purpose
	// Names replaces the byggnadsnamn.
	Names []Name
	// Remarks replaces the byggnadsanmärkningar.
	Remarks []Remark
	// Parts replaces the byggnadsdelar.
	Parts []Part
	// Shelters replaces the skyddsrum.
	Shelters []Shelter
	// TaxUnit is the taxeringsenhet.
	TaxUnit *TaxUnit
	// ValuationUnit is the värderingsenhet.
	ValuationUnit *ValuationUnit
	// LiesOn replaces the registerenheter the building lies on.
	LiesOn []bal.PropertyRef
	// AffectedBy replaces the registerenheter affecting the building.
	AffectedBy []bal.PropertyRef
	// Clear lists the fields to empty.
	Clear []BuildingField
}

// Apply applies the patch to b in place; on error b is unchanged. Patch
// calls it on the version it read; call it yourself to preview a change.
func (p *BuildingPatch) Apply(b *Building) error {
	return objects.ApplyPatch("building.BuildingPatch", p.Clear, []objects.PatchField[BuildingField]{
		objects.PatchRequired[BuildingField]("Status", p.Status, &b.Status),
		objects.PatchValue(BuildingFieldHouseNumber, p.HouseNumber, &b.HouseNumber),
		objects.PatchValue(BuildingFieldConstructionYear, p.ConstructionYear, &b.ConstructionYear),
		objects.PatchValue(BuildingFieldExtensionYear, p.ExtensionYear, &b.ExtensionYear),
		objects.PatchValue(BuildingFieldExemptFromAddressing, p.ExemptFromAddressing, &b.ExemptFromAddressing),
		objects.PatchValue(BuildingFieldMainBuilding, p.MainBuilding, &b.MainBuilding),
		objects.PatchValue(BuildingFieldNonFreeGround, p.NonFreeGround, &b.NonFreeGround),
		objects.PatchValue(BuildingFieldServitude, p.Servitude, &b.Servitude),
		objects.PatchList(BuildingFieldPurposes, p.Purposes, &b.Purposes),
		objects.PatchList(BuildingFieldNames, p.Names, &b.Names),
		objects.PatchList(BuildingFieldRemarks, p.Remarks, &b.Remarks),
		objects.PatchList(BuildingFieldParts, p.Parts, &b.Parts),
		objects.PatchList(BuildingFieldShelters, p.Shelters, &b.Shelters),
		objects.PatchPointer(BuildingFieldTaxUnit, p.TaxUnit, &b.TaxUnit),
		objects.PatchPointer(BuildingFieldValuationUnit, p.ValuationUnit, &b.ValuationUnit),
		objects.PatchList(BuildingFieldLiesOn, p.LiesOn, &b.LiesOn),
		objects.PatchList(BuildingFieldAffectedBy, p.AffectedBy, &b.AffectedBy),
	})
}

// EntranceField names a field of Entrance that an EntrancePatch can clear.
type EntranceField string

// The clearable fields of an Entrance.
const (
	// EntranceFieldElevator clears the hiss.
	EntranceFieldElevator EntranceField = "Elevator"
	// EntranceFieldAddress clears the adressplats.
	EntranceFieldAddress EntranceField = "Address"
)

// EntrancePatch is a partial change of an Entré; see Entrance for what each
// field means.
type EntrancePatch struct {
	// Status is the new objektstatus; it cannot be cleared.
	Status *bal.Status
	// BuildingID moves the entrance to another byggnad; it cannot be
	// cleared.
	BuildingID *bal.ObjectID
	// Type is the entrétyp; it cannot be cleared.
	Type *EntranceType
	// Elevator is hiss.
	Elevator *YesNo
	// Address is the adressplats of the entrance.
	Address *AddressRef
	// Clear lists the fields to empty.
	Clear []EntranceField
}

// Apply applies the patch to e in place; on error e is unchanged.
func (p *EntrancePatch) Apply(e *Entrance) error {
	return objects.ApplyPatch("building.EntrancePatch", p.Clear, []objects.PatchField[EntranceField]{
		objects.PatchRequired[EntranceField]("Status", p.Status, &e.Status),
		objects.PatchRequired[EntranceField]("BuildingID", p.BuildingID, &e.BuildingID),
		objects.PatchRequired[EntranceField]("Type", p.Type, &e.Type),
		objects.PatchValue(EntranceFieldElevator, p.Elevator, &e.Elevator),
		objects.PatchPointer(EntranceFieldAddress, p.Address, &e.Address),
	})
}

// ApartmentField names a field of Apartment that an ApartmentPatch can
// clear.
type ApartmentField string

// The clearable fields of an Apartment.
const (
	// ApartmentFieldNumber clears the lägenhetsnummer.
	ApartmentFieldNumber ApartmentField = "Number"
	// ApartmentFieldNumberDecided clears the beslutsdatum för lägenhetsnummer.
	ApartmentFieldNumberDecided ApartmentField = "NumberDecided"
	// ApartmentFieldNumberNotified clears the underrättelsedatum för lägenhetsnummer.
	ApartmentFieldNumberNotified ApartmentField = "NumberNotified"
	// ApartmentFieldRooms clears the antal rum.
	ApartmentFieldRooms ApartmentField = "Rooms"
	// ApartmentFieldLivingArea clears the bostadsarea.
	ApartmentFieldLivingArea ApartmentField = "LivingArea"
	// ApartmentFieldCategory clears the lägenhetskategori.
	ApartmentFieldCategory ApartmentField = "Category"
	// ApartmentFieldKitchen clears the kökstyp.
	ApartmentFieldKitchen ApartmentField = "Kitchen"
	// ApartmentFieldSharedKitchen clears the gemensamt kök.
	ApartmentFieldSharedKitchen ApartmentField = "SharedKitchen"
	// ApartmentFieldCollection clears the insamlingssätt.
	ApartmentFieldCollection ApartmentField = "Collection"
)

// ApartmentPatch is a partial change of a Lägenhet; see Apartment for what
// each field means.
type ApartmentPatch struct {
	// Status is the new objektstatus; it cannot be cleared.
	Status *bal.Status
	// EntranceID moves the apartment to another entré; it cannot be
	// cleared.
	EntranceID *bal.ObjectID
	// Number is the lägenhetsnummer.
	Number *string
	// NumberDecided is the beslutsdatum för lägenhetsnummer.
	NumberDecided *time.Time
	// NumberNotified is the underrättelsedatum för lägenhetsnummer.
	NumberNotified *time.Time
	// Rooms is antal rum.
	Rooms *int
	// LivingArea is the bostadsarea in m².
	LivingArea *float64
	// Category is the lägenhetskategori.
	Category *ApartmentCategory
	// Kitchen is the kökstyp.
	Kitchen *KitchenType
	// SharedKitchen is gemensamt kök.
	SharedKitchen *YesNo
	// Collection is the insamlingssätt.
	Collection *CollectionMethod
	// Clear lists the fields to empty.
	Clear []ApartmentField
}

// Apply applies the patch to a in place; on error a is unchanged.
func (p *ApartmentPatch) Apply(a *Apartment) error {
	return objects.ApplyPatch("building.ApartmentPatch", p.Clear, []objects.PatchField[ApartmentField]{
		objects.PatchRequired[ApartmentField]("Status", p.Status, &a.Status),
		objects.PatchRequired[ApartmentField]("EntranceID", p.EntranceID, &a.EntranceID),
		objects.PatchValue(ApartmentFieldNumber, p.Number, &a.Number),
		objects.PatchValue(ApartmentFieldNumberDecided, p.NumberDecided, &a.NumberDecided),
		objects.PatchValue(ApartmentFieldNumberNotified, p.NumberNotified, &a.NumberNotified),
		objects.PatchPointer(ApartmentFieldRooms, p.Rooms, &a.Rooms),
		objects.PatchPointer(ApartmentFieldLivingArea, p.LivingArea, &a.LivingArea),
		objects.PatchValue(ApartmentFieldCategory, p.Category, &a.Category),
		objects.PatchValue(ApartmentFieldKitchen, p.Kitchen, &a.Kitchen),
		objects.PatchValue(ApartmentFieldSharedKitchen, p.SharedKitchen, &a.SharedKitchen),
		objects.PatchValue(ApartmentFieldCollection, p.Collection, &a.Collection),
	})
}
