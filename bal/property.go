package bal

import "github.com/tjanstebaserad/bal-go/internal/codelist"

// PropertyRef is a registerenhetsreferens: the property (fastighet) or joint
// property (samfällighet) an object lies on or is affected by. BAL objects
// refer to properties by ID; Designation and Type come along when the
// service includes them. Use package property to turn a designation such as
// "Gävle Varva 2:3" into an ID.
type PropertyRef struct {
	// ID is the registerenhet's objektidentitet.
	ID ObjectID
	// Designation is the beteckning, e.g. "Gävle Varva 2:3".
	Designation string
	// Type is the registerenhetstyp.
	Type PropertyType
	// Key is the fastighetsnyckel, a legacy numeric key some services still
	// return.
	Key string
}

// PropertyType is a registerenhetstyp.
type PropertyType string

// The registerenhet types Lantmäteriet returns in references.
const (
	PropertyTypeProperty      PropertyType = "Fastighet"
	PropertyTypeJointProperty PropertyType = "Samfällighet"
)

var propertyTypes = codelist.Define(PropertyTypeProperty, PropertyTypeJointProperty)

// UnmarshalText reads a registerenhetstyp in any case or spelling; an
// unknown value is kept as it came. It never fails (see bal.Codes).
func (t *PropertyType) UnmarshalText(text []byte) error { return propertyTypes.Decode(t, text) }

// MarshalText writes t in Lantmäteriet's spelling.
func (t PropertyType) MarshalText() ([]byte, error) { return propertyTypes.Encode(t) }
