package deficiency

import (
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
)

// Deficiency is a brist: something Lantmäteriet found wrong or missing in
// the municipality's data, for the municipality to handle.
type Deficiency struct {
	// ID is the brist's objektidentitet.
	ID bal.ObjectID
	// Version is its objektversion; it goes up when the deficiency is
	// handled or rejected.
	Version bal.Version
	// Type is the bristtyp.
	Type Type
	// Status is the status: Öppen, Åtgärdad or Avvisad.
	Status Status
	// Description is the beskrivning, Lantmäteriet's explanation.
	Description string
	// Municipality is the kommunkod of the municipality responsible.
	Municipality bal.MunicipalityCode
	// Property is the registerenhet concerned, when there is one.
	Property *bal.PropertyRef
	// Object is the affected object (objekt: objekttyp and objektidentitet),
	// when the deficiency concerns one.
	Object *bal.ObjectRef
	// Comment is the municipality's kommentar from handling or rejecting
	// it; empty while it is open.
	Comment string
	// Created is when it was raised (skapad).
	Created time.Time
	// Changed is when it last changed (ändrad).
	Changed time.Time
}

// Open reports whether the deficiency still waits for the municipality.
func (d *Deficiency) Open() bool { return d.Status == StatusOpen }

// Type is a bristtyp: what kind of deficiency it is. Lantmäteriet may add
// types; a type this package does not know is kept as it came.
type Type string

// The bristtyp values of the update binding.
const (
	// TypeBuildingWithoutAddress is "Byggnad saknar adress": a building
	// that should have an address (a main building) has no entrance with
	// an address point.
	TypeBuildingWithoutAddress Type = "Byggnad saknar adress"
	// TypeAddressOutsideProperty is "Adressplats utanför registerenhet":
	// the address point's position lies outside the property it refers
	// to.
	TypeAddressOutsideProperty Type = "Adressplats utanför registerenhet"
	// TypeApartmentWithoutEntrance is "Lägenhet saknar entré".
	TypeApartmentWithoutEntrance Type = "Lägenhet saknar entré"
	// TypeGeometryMissing is "Geometri saknas".
	TypeGeometryMissing Type = "Geometri saknas"
)

var types = codelist.Define(TypeBuildingWithoutAddress, TypeAddressOutsideProperty,
	TypeApartmentWithoutEntrance, TypeGeometryMissing)

// UnmarshalText reads a bristtyp in any case or spelling; an unknown value
// is kept as it came. It never fails (see bal.Codes).
func (t *Type) UnmarshalText(text []byte) error { return types.Decode(t, text) }

// MarshalText writes t in Lantmäteriet's spelling.
func (t Type) MarshalText() ([]byte, error) { return types.Encode(t) }

// Status is a brist's status.
type Status string

// The status values of a brist.
const (
	// StatusOpen is "Öppen": raised and not yet handled.
	StatusOpen Status = "Öppen"
	// StatusHandled is "Åtgärdad": the municipality fixed the data.
	StatusHandled Status = "Åtgärdad"
	// StatusRejected is "Avvisad": the municipality says the data is right
	// and gave its reason.
	StatusRejected Status = "Avvisad"
)

var statuses = codelist.Define(StatusOpen, StatusHandled, StatusRejected)

// UnmarshalText reads a briststatus in any case or spelling; an unknown
// value is kept as it came. It never fails (see bal.Codes).
func (s *Status) UnmarshalText(text []byte) error { return statuses.Decode(s, text) }

// MarshalText writes s in Lantmäteriet's spelling.
func (s Status) MarshalText() ([]byte, error) { return statuses.Encode(s) }
