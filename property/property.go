// Package property turns property designations into the registerenhet ids
// BAL objects refer to, and back, with Lantmäteriet's Registerbeteckning
// Direkt v5 (scope registerbeteckning_direkt_v5_read).
//
// A building lies on a registerenhet and an address point lies within one;
// both name it by its objektidentitet (bal.PropertyRef). People name it by
// its designation, "Gävle Varva 2:3": registerområde (usually the
// municipality), trakt, block and enhet. Lookup goes from the designation
// to the id, Get from the id to the designations, Search finds
// designations by free text and At the unit at a point.
package property

import (
	"strconv"
	"strings"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
)

// Unit is a registerenhet, a property (fastighet) or joint property
// (samfällighet), or a gemensamhetsanläggning, as Registerbeteckning
// Direkt describes it: a reference to it and its designations.
type Unit struct {
	// PropertyRef is the registerenhetsreferens: the objektidentitet, the
	// current designation as text and the registerenhetstyp. For a
	// gemensamhetsanläggning Type is empty and JointFacility is set.
	bal.PropertyRef
	// JointFacility reports a gemensamhetsanläggning rather than a
	// registerenhet.
	JointFacility bool
	// ObjectStatus is the unit's objektstatus as this service writes it,
	// "levande" or "avregistrerad".
	ObjectStatus string
	// Designations are its registerbeteckningar, current and earlier, in
	// the service's order.
	Designations []Designation
}

// Designation is a registerbeteckning, e.g. "Gävle Varva 2:3".
type Designation struct {
	// ID is the registerbeteckning's objektidentitet.
	ID bal.ObjectID
	// Version is its objektversion.
	Version bal.Version
	// ValidFrom is its versionGiltigFran.
	ValidFrom time.Time
	// Area is the registerområde, usually the municipality's name ("Gävle").
	Area string
	// Tract is the trakt ("Varva"), or the kvarter in a town plan.
	Tract string
	// Block is the block ("2"); empty for a designation without one.
	Block string
	// Unit is the enhet ("3").
	Unit int
	// Status is the beteckningsstatus.
	Status DesignationStatus
	// ReregisteredTo is the designation it was re-registered to
	// (omregistreradTill), when Status is StatusReregistered.
	ReregisteredTo string
	// ReregisteredOn is the omregistreringsdatum.
	ReregisteredOn time.Time
}

// String writes the designation as Lantmäteriet writes it: "Gävle Varva
// 2:3", or without a block "Stockholm Järnet 8".
func (d Designation) String() string {
	var b strings.Builder
	b.WriteString(d.Area)
	b.WriteByte(' ')
	b.WriteString(d.Tract)
	b.WriteByte(' ')
	if d.Block != "" {
		b.WriteString(d.Block)
		b.WriteByte(':')
	}
	b.WriteString(strconv.Itoa(d.Unit))
	return b.String()
}

// DesignationStatus is a beteckningsstatus. The service writes the values
// in lower case.
type DesignationStatus string

// The beteckningsstatus values (INFERRED from a client's list).
const (
	// StatusCurrent is "gällande": the designation in use.
	StatusCurrent DesignationStatus = "gällande"
	// StatusFree is "ledig": not used by any unit.
	StatusFree DesignationStatus = "ledig"
	// StatusReregistered is "omregistrerad": replaced by another
	// designation.
	StatusReregistered DesignationStatus = "omregistrerad"
	// StatusReserved is "reserverad".
	StatusReserved DesignationStatus = "reserverad"
	// StatusBlocked is "spärrad".
	StatusBlocked DesignationStatus = "spärrad"
)

var designationStatuses = codelist.Define(StatusCurrent, StatusFree, StatusReregistered, StatusReserved,
	StatusBlocked)

// UnmarshalText reads a beteckningsstatus in any case or spelling; an
// unknown value is kept as it came. It never fails (see bal.Codes).
func (s *DesignationStatus) UnmarshalText(text []byte) error {
	return designationStatuses.Decode(s, text)
}

// MarshalText writes s in Lantmäteriet's spelling.
func (s DesignationStatus) MarshalText() ([]byte, error) { return designationStatuses.Encode(s) }

// Reference is a hit of a free-text search: a designation and the unit it
// names. Read the unit with Get.
type Reference struct {
	// DesignationID is the registerbeteckning's objektidentitet.
	DesignationID bal.ObjectID
	// Property is the registerenhet the designation names (ID, the
	// designation as text, registerenhetstyp); its ID is zero for a
	// gemensamhetsanläggning.
	Property bal.PropertyRef
	// JointFacilityID is the gemensamhetsanläggning the designation names,
	// if it names one.
	JointFacilityID bal.ObjectID
}
