package address

import (
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/objects"
)

// Patches are three-state partial updates, applied by Patch with
// read–change–write: a nil field leaves the stored value alone, a set field
// changes it, and a field named in Clear is emptied. A list field is
// replaced whole when it is non-nil (an empty, non-nil list empties it too).
// Naming a field in Clear that the patch also sets is an error, as is
// clearing a field the object cannot do without.

// PointField names a field of Point that a PointPatch can clear.
type PointField string

// The clearable fields of a Point.
const (
	// PointFieldPlacement clears the insamlingsläge.
	PointFieldPlacement PointField = "Placement"
	// PointFieldAddressStatus clears the status för belägenhetsadress.
	PointFieldAddressStatus PointField = "AddressStatus"
	// PointFieldRemarks clears the adressplatsanmärkningar.
	PointFieldRemarks PointField = "Remarks"
	// PointFieldFacility clears the adressatt anläggning.
	PointFieldFacility PointField = "Facility"
	// PointFieldPopularName clears the adressplatsnamn.
	PointFieldPopularName PointField = "PopularName"
	// PointFieldArea clears the adressområde, e.g. when the point moves to
	// a gårdsadressområde.
	PointFieldArea PointField = "Area"
	// PointFieldCourtyardArea clears the gårdsadressområde.
	PointFieldCourtyardArea PointField = "CourtyardArea"
	// PointFieldProperty clears the registerenhet the point lies within.
	PointFieldProperty PointField = "Property"
)

// PointPatch is a partial change of an Adressplats; see Point for what each
// field means.
type PointPatch struct {
	// Status is the new objektstatus; it cannot be cleared.
	Status *bal.Status
	// Designation replaces the whole adressplatsbeteckning (its parts
	// depend on each other); it cannot be cleared.
	Designation *Designation
	// Type is the adressplatstyp; it cannot be cleared.
	Type *PointType
	// Placement is the insamlingsläge.
	Placement *Placement
	// Position is the adressplatspunkt; it cannot be cleared.
	Position *geom.Point
	// AddressStatus is the status för belägenhetsadress.
	AddressStatus *Status
	// Remarks replaces the adressplatsanmärkningar.
	Remarks []Remark
	// Facility is the adressatt anläggning.
	Facility *Facility
	// PopularName is the adressplatsnamn.
	PopularName *PopularName
	// Area is the adressområde the point belongs to.
	Area *AreaRef
	// CourtyardArea is the gårdsadressområde the point belongs to.
	CourtyardArea *CourtyardAreaRef
	// Property is the registerenhet the point lies within.
	Property *bal.PropertyRef
	// Clear lists the fields to empty.
	Clear []PointField
}

// Apply applies the patch to p in place; on error p is unchanged. Patch
// calls it on the version it read; call it yourself to preview a change.
func (pp *PointPatch) Apply(p *Point) error {
	var position **geom.Point
	if pp.Position != nil {
		position = &pp.Position
	}
	return objects.ApplyPatch("address.PointPatch", pp.Clear, []objects.PatchField[PointField]{
		objects.PatchRequired[PointField]("Status", pp.Status, &p.Status),
		objects.PatchRequired[PointField]("Designation", pp.Designation, &p.Designation),
		objects.PatchRequired[PointField]("Type", pp.Type, &p.Type),
		objects.PatchValue(PointFieldPlacement, pp.Placement, &p.Placement),
		objects.PatchRequired[PointField]("Position", position, &p.Position),
		objects.PatchValue(PointFieldAddressStatus, pp.AddressStatus, &p.AddressStatus),
		objects.PatchList(PointFieldRemarks, pp.Remarks, &p.Remarks),
		objects.PatchPointer(PointFieldFacility, pp.Facility, &p.Facility),
		objects.PatchPointer(PointFieldPopularName, pp.PopularName, &p.PopularName),
		objects.PatchPointer(PointFieldArea, pp.Area, &p.Area),
		objects.PatchPointer(PointFieldCourtyardArea, pp.CourtyardArea, &p.CourtyardArea),
		objects.PatchPointer(PointFieldProperty, pp.Property, &p.Property),
	})
}

// AreaField names a field of Area that an AreaPatch can clear.
type AreaField string

// The clearable fields of an Area.
const (
	// AreaFieldPlaceID clears the ortid.
	AreaFieldPlaceID AreaField = "PlaceID"
)

// AreaPatch is a partial change of an Adressområde; see Area for what each
// field means.
type AreaPatch struct {
	// Status is the new objektstatus; it cannot be cleared.
	Status *bal.Status
	// Name is the fastställt namn; it cannot be cleared.
	Name *string
	// PlaceID is the ortid.
	PlaceID *string
	// Type is the adressområdestyp; it cannot be cleared.
	Type *AreaType
	// District is the kommundel the area belongs to; it cannot be cleared.
	District *DistrictRef
	// Clear lists the fields to empty.
	Clear []AreaField
}

// Apply applies the patch to a in place; on error a is unchanged.
func (p *AreaPatch) Apply(a *Area) error {
	return objects.ApplyPatch("address.AreaPatch", p.Clear, []objects.PatchField[AreaField]{
		objects.PatchRequired[AreaField]("Status", p.Status, &a.Status),
		objects.PatchRequired[AreaField]("Name", p.Name, &a.Name),
		objects.PatchValue(AreaFieldPlaceID, p.PlaceID, &a.PlaceID),
		objects.PatchRequired[AreaField]("Type", p.Type, &a.Type),
		objects.PatchRequired[AreaField]("District", p.District, &a.District),
	})
}

// CourtyardAreaField names a field of CourtyardArea that a
// CourtyardAreaPatch can clear.
type CourtyardAreaField string

// The clearable fields of a CourtyardArea.
const (
	// CourtyardAreaFieldPlaceID clears the ortid.
	CourtyardAreaFieldPlaceID CourtyardAreaField = "PlaceID"
)

// CourtyardAreaPatch is a partial change of a Gårdsadressområde; see
// CourtyardArea for what each field means.
type CourtyardAreaPatch struct {
	// Status is the new objektstatus; it cannot be cleared.
	Status *bal.Status
	// Name is the fastställt namn; it cannot be cleared.
	Name *string
	// PlaceID is the ortid.
	PlaceID *string
	// Area is the byadressområde it subdivides; it cannot be cleared.
	Area *AreaRef
	// Clear lists the fields to empty.
	Clear []CourtyardAreaField
}

// Apply applies the patch to c in place; on error c is unchanged.
func (p *CourtyardAreaPatch) Apply(c *CourtyardArea) error {
	return objects.ApplyPatch("address.CourtyardAreaPatch", p.Clear, []objects.PatchField[CourtyardAreaField]{
		objects.PatchRequired[CourtyardAreaField]("Status", p.Status, &c.Status),
		objects.PatchRequired[CourtyardAreaField]("Name", p.Name, &c.Name),
		objects.PatchValue(CourtyardAreaFieldPlaceID, p.PlaceID, &c.PlaceID),
		objects.PatchRequired[CourtyardAreaField]("Area", p.Area, &c.Area),
	})
}

// DistrictField names a field of District that a DistrictPatch can clear.
type DistrictField string

// The clearable fields of a District.
const (
	// DistrictFieldPlaceID clears the ortid.
	DistrictFieldPlaceID DistrictField = "PlaceID"
)

// DistrictPatch is a partial change of a Kommundel; see District for what
// each field means.
type DistrictPatch struct {
	// Status is the new objektstatus; it cannot be cleared.
	Status *bal.Status
	// Name is the fastställt namn; it cannot be cleared.
	Name *string
	// PlaceID is the ortid.
	PlaceID *string
	// Municipality is the kommun; it cannot be cleared.
	Municipality *Municipality
	// Clear lists the fields to empty.
	Clear []DistrictField
}

// Apply applies the patch to d in place; on error d is unchanged.
func (p *DistrictPatch) Apply(d *District) error {
	return objects.ApplyPatch("address.DistrictPatch", p.Clear, []objects.PatchField[DistrictField]{
		objects.PatchRequired[DistrictField]("Status", p.Status, &d.Status),
		objects.PatchRequired[DistrictField]("Name", p.Name, &d.Name),
		objects.PatchValue(DistrictFieldPlaceID, p.PlaceID, &d.PlaceID),
		objects.PatchRequired[DistrictField]("Municipality", p.Municipality, &d.Municipality),
	})
}
