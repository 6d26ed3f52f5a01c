package bal

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/tjanstebaserad/bal-go/internal/codelist"
)

// ObjectID is an objektidentitet: the UUID that names one BAL object (a
// building, an address point, a deficiency …) for its whole life, across
// versions. The zero ObjectID means "not assigned yet".
type ObjectID uuid.UUID

// NewObjectID returns a random (version 4) ObjectID. Lantmäteriet accepts a
// client-generated identity on create, which lets a transaction refer to
// objects it is creating in the same call.
func NewObjectID() ObjectID { return ObjectID(uuid.New()) }

// ParseObjectID parses the canonical 36-character UUID form
// ("39722cbb-f8b9-404b-a045-c5e6175f1001"), case-insensitively. Other UUID
// spellings (braces, urn:uuid:, no hyphens) are rejected: Lantmäteriet never
// writes them, and accepting them would let two strings name one object.
func ParseObjectID(s string) (ObjectID, error) {
	if len(s) != 36 {
		return ObjectID{}, fmt.Errorf("bal: object id %q: want a 36-character uuid", truncate(s, 40))
	}
	u, err := uuid.Parse(s)
	if err != nil {
		return ObjectID{}, fmt.Errorf("bal: object id %q: %w", truncate(s, 40), err)
	}
	return ObjectID(u), nil
}

// MustParseObjectID is ParseObjectID for constants in tests and examples; it
// panics on a malformed id.
func MustParseObjectID(s string) ObjectID {
	id, err := ParseObjectID(s)
	if err != nil {
		panic(err)
	}
	return id
}

// String returns the lower-case canonical UUID form, or "" for the zero id.
func (id ObjectID) String() string {
	if id.IsZero() {
		return ""
	}
	return uuid.UUID(id).String()
}

// IsZero reports whether the id is unassigned.
func (id ObjectID) IsZero() bool { return id == ObjectID{} }

// MarshalText implements encoding.TextMarshaler.
func (id ObjectID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; empty text is the zero id.
func (id *ObjectID) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "" {
		*id = ObjectID{}
		return nil
	}
	v, err := ParseObjectID(s)
	if err != nil {
		return err
	}
	*id = v
	return nil
}

// Version is an objektversion: it starts at 1 when an object is created and
// goes up by one with every change. An update names the version it was based
// on; if the stored version has moved on, the update is refused with a
// *ConflictError. Zero means "unknown".
type Version int64

// String returns the decimal form.
func (v Version) String() string { return strconv.FormatInt(int64(v), 10) }

// Status is an objektstatus, the life-cycle state every BAL object has.
type Status string

// The objektstatus values, spelled as Lantmäteriet writes them in XML.
const (
	// StatusPlanned is "Planerad": registered before it exists, e.g. a
	// building from an approved building permit.
	StatusPlanned Status = "Planerad"
	// StatusValidUnderInvestigation is "Gällande under utredning".
	StatusValidUnderInvestigation Status = "Gällande under utredning"
	// StatusValid is "Gällande".
	StatusValid Status = "Gällande"
	// StatusRetired is "Avregistrerad". It is final: rule BAL-3015 forbids a
	// retired object to change status again.
	StatusRetired Status = "Avregistrerad"
)

var statuses = codelist.Define(StatusPlanned, StatusValidUnderInvestigation, StatusValid, StatusRetired)

// UnmarshalText reads an objektstatus in any case or spelling; an unknown
// value is kept as it came. It never fails (see bal.Codes).
func (s *Status) UnmarshalText(text []byte) error { return statuses.Decode(s, text) }

// MarshalText writes s in Lantmäteriet's spelling.
func (s Status) MarshalText() ([]byte, error) { return statuses.Encode(s) }

// ObjectType names a kind of object in the change feed, in deficiencies and
// in cases, with Lantmäteriet's class name without diacritics.
type ObjectType string

// The object types of service-based updating.
const (
	ObjectTypeBuilding      ObjectType = "Byggnad"
	ObjectTypeEntrance      ObjectType = "Entre"
	ObjectTypeApartment     ObjectType = "Lagenhet"
	ObjectTypeAddressPoint  ObjectType = "Adressplats"
	ObjectTypeAddressArea   ObjectType = "Adressomrade"
	ObjectTypeCourtyardArea ObjectType = "Gardsadressomrade"
	ObjectTypeDistrict      ObjectType = "Kommundel"
	ObjectTypeDeficiency    ObjectType = "Brist"
	ObjectTypeCase          ObjectType = "Arende"
)

var objectTypes = codelist.Define(ObjectTypeBuilding, ObjectTypeEntrance, ObjectTypeApartment,
	ObjectTypeAddressPoint, ObjectTypeAddressArea, ObjectTypeCourtyardArea, ObjectTypeDistrict,
	ObjectTypeDeficiency, ObjectTypeCase)

// UnmarshalText reads an objekttyp in any case or spelling; an unknown value
// is kept as it came. It never fails (see bal.Codes).
func (t *ObjectType) UnmarshalText(text []byte) error { return objectTypes.Decode(t, text) }

// MarshalText writes t in Lantmäteriet's spelling.
func (t ObjectType) MarshalText() ([]byte, error) { return objectTypes.Encode(t) }

// Updatable reports whether objects of type t are created, changed and
// retired through service-based updating (the seven BAL types).
func (t ObjectType) Updatable() bool {
	switch t {
	case ObjectTypeBuilding, ObjectTypeEntrance, ObjectTypeApartment, ObjectTypeAddressPoint,
		ObjectTypeAddressArea, ObjectTypeCourtyardArea, ObjectTypeDistrict:
		return true
	}
	return false
}

// Meta is what every exchanged object (BAU_Utbytesobjekt) carries besides its
// own attributes. Information types embed it.
type Meta struct {
	// ID is the objektidentitet.
	ID ObjectID
	// Version is the objektversion the object was read at.
	Version Version
	// ValidFrom is versionGiltigFran: when this version took effect.
	ValidFrom time.Time
	// ValidTo is versionGiltigTill; zero while the version is current.
	ValidTo time.Time
	// Status is the objektstatus.
	Status Status
	// Action is the Verksamhetsåtgärd recorded with this version, when the
	// service returns it.
	Action *Action
}

// ObjectRef points at one object of a given type.
type ObjectRef struct {
	// Type is the objekttyp.
	Type ObjectType
	// ID is the objektidentitet.
	ID ObjectID
}

// String returns "Type/id".
func (r ObjectRef) String() string { return string(r.Type) + "/" + r.ID.String() }
