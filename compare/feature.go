package compare

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
)

// Feature is one object of a dataset to compare: the municipality's (read with
// ReadGeoPackage, ReadGeoJSON or built by the caller) or Lantmäteriet's (FromBuilding,
// FromAddressPoint, FromObject, FromExtract).
type Feature struct {
	// Type is the objekttyp, bal.ObjectTypeBuilding for a byggnad. Features are matched
	// only with features of the same type.
	Type bal.ObjectType
	// ID is the objektidentitet; zero when the dataset does not hold Lantmäteriet's
	// identities.
	ID bal.ObjectID
	// Key is the matching key of a feature without ID, built with MakeKey from the parts
	// that name the object: for a building the registerenhet's designation and the
	// husnummer, for an address point the address area's name and the
	// adressplatsbeteckning (BuildingKey, AddressKey). Lantmäteriet's adapters fill it
	// from the same parts.
	Key string
	// Attributes are the BAL attributes the dataset holds, by their names in
	// Lantmäteriet's XML ("husnummer", "nybyggnadsar", "objektstatus", see
	// BuildingAttributes), as text. Only attributes the municipality's feature has are
	// compared; a value present but empty ("") is compared as empty.
	Attributes map[string]string
	// Geometry is the object's geometry (a building's footprint, an address point's
	// position) with its SRID set to any CRS package geometry knows; nil when it has none.
	// The municipality's geometries are transformed into Lantmäteriet's CRS before they
	// are compared.
	Geometry geom.T
	// HeightSystem is the höjdsystem of the geometry's z values, e.g. "RH 2000" or "RH 70";
	// empty means RH 2000 when the SRID is a compound code (5845–5857) and unknown
	// otherwise.
	HeightSystem string
	// Ref says where the feature came from, for the report: "fid 17", "feature 3".
	Ref string
}

// heightSystem returns the feature's höjdsystem, "" when unknown.
func (f *Feature) heightSystem() string {
	if f.HeightSystem != "" {
		return f.HeightSystem
	}
	if f.Geometry != nil {
		if s := f.Geometry.SRID(); s >= 5845 && s <= 5857 {
			return RH2000
		}
	}
	return ""
}

// RH2000 is the name of the height system of Lantmäteriet's z values.
const RH2000 = "RH 2000"

// MakeKey joins the parts that name an object into a matching key, in a form that does not
// depend on case, spacing or the spelling of å, ä and ö: " Exempelby  Backa 1:23 " and
// "exempelby backa 1:23" give the same key. Parts are kept apart, so ("a b", "c") and
// ("a", "b c") differ. A key of only empty parts is "".
func MakeKey(parts ...string) string {
	var b strings.Builder
	empty := true
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('|')
		}
		k := keyPart(p)
		if k != "" {
			empty = false
		}
		b.WriteString(k)
	}
	if empty {
		return ""
	}
	return b.String()
}

// keyPart folds one part: lower case, å/ä→a, ö→o, runs of spaces as one.
func keyPart(s string) string {
	return strings.Join(strings.Fields(foldLetters(s)), " ")
}

// foldLetters lower-cases s and spells å, ä and ö (and é, ü) as a, a, o (e, u), keeping
// spaces and punctuation, which designations need ("1:23").
func foldLetters(s string) string { return letterFolder.Replace(strings.ToLower(s)) }

var letterFolder = strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "é", "e", "ü", "u")

// BuildingKey is the matching key of a building: the designation of the registerenhet it
// lies on ("Exempelby Backa 1:23") and its husnummer (0 for none).
func BuildingKey(designation string, houseNumber int) string {
	n := ""
	if houseNumber != 0 {
		n = strconv.Itoa(houseNumber)
	}
	return MakeKey(designation, n)
}

// AddressKey is the matching key of an address point: the fastställt namn of its address
// area (or courtyard area) and its adressplatsbeteckning as written ("7A", "12 U1").
func AddressKey(areaName, designation string) string { return MakeKey(areaName, designation) }

// InputError is an error in one feature of an input, which Compare and the readers yield
// without ending the sequence: the caller may log it and keep ranging, and the feature is
// left out of the comparison. Errors of other types end the sequence.
type InputError struct {
	// Side is "local" (the municipality's dataset) or "lantmateriet".
	Side string
	// Ref says which feature: "fid 17", "feature 3", an objektidentitet.
	Ref string
	// Err is what is wrong with it.
	Err error
}

func (e *InputError) Error() string {
	if e.Side == "" {
		return fmt.Sprintf("compare: %s: %v", e.Ref, e.Err)
	}
	return fmt.Sprintf("compare: %s feature %s: %v", e.Side, e.Ref, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// ErrNoMatchKey is the cause of an InputError for a feature with neither an objektidentitet
// nor a matching key: nothing to match it by.
var ErrNoMatchKey = errors.New("neither objektidentitet nor matching key")

// Attribute kinds decide how two values are compared; see attrKinds.
type attrKind int

const (
	kindText    attrKind = iota // trimmed, exact
	kindCode                    // a code-list value: case, spacing and å/ä/ö spelling free
	kindInteger                 // a whole number; 0 and "" are both "not given"
	kindBool                    // true/false, ja/nej, 1/0; "" is false
	kindNumber                  // a decimal number
)

// attrKinds are the kinds of the attributes the adapters write. Other names compare as
// text, or as numbers when both values are numbers.
var attrKinds = map[string]attrKind{
	AttrStatus:               kindCode,
	AttrHouseNumber:          kindInteger,
	AttrConstructionYear:     kindInteger,
	AttrExtensionYear:        kindInteger,
	AttrMainBuilding:         kindBool,
	AttrExemptFromAddressing: kindBool,
	AttrNonFreeGround:        kindBool,
	AttrServitude:            kindBool,
	AttrPurposeCategory:      kindCode,
	AttrPurpose:              kindCode,
	AttrPlacement:            kindCode,
	AttrProperty:             kindText,
	AttrPointType:            kindCode,
	AttrAddressStatus:        kindCode,
	AttrDesignation:          kindText,
	AttrPostalCode:           kindText,
	AttrPostTown:             kindText,
	AttrAreaName:             kindText,
	AttrEntranceType:         kindCode,
	AttrElevator:             kindCode,
	AttrApartmentNumber:      kindText,
	AttrRooms:                kindInteger,
	AttrLivingArea:           kindNumber,
	AttrApartmentCategory:    kindCode,
	AttrKitchen:              kindCode,
	AttrName:                 kindText,
	AttrAreaType:             kindCode,
	AttrBuilding:             kindCode,
	AttrAddressPoint:         kindCode,
	AttrEntrance:             kindCode,
	AttrDistrict:             kindCode,
	AttrMunicipality:         kindText,
}

// sameValue reports whether two values of the named attribute are the same.
func sameValue(name, a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a == b {
		return true
	}
	kind, known := attrKinds[name]
	switch kind {
	case kindCode:
		return codelist.Key(a) == codelist.Key(b)
	case kindInteger:
		x, okx := parseInteger(a)
		y, oky := parseInteger(b)
		return okx && oky && x == y
	case kindBool:
		x, okx := parseBool(a)
		y, oky := parseBool(b)
		return okx && oky && x == y
	case kindNumber:
		return sameNumber(a, b)
	}
	if !known {
		return sameNumber(a, b)
	}
	return false
}

// parseInteger reads a whole number; "" is 0, and a decimal with no fraction ("1975.0",
// as a REAL column gives) is read too.
func parseInteger(s string) (int64, bool) {
	if s == "" {
		return 0, true
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, false
	}
	return int64(f), true
}

// parseBool reads true/false in the spellings municipal data uses; "" is false, as the model
// cannot tell "not given" from false.
func parseBool(s string) (bool, bool) {
	switch codelist.Key(s) {
	case "", "false", "f", "0", "nej", "n", "no":
		return false, true
	case "true", "t", "1", "ja", "j", "yes", "y":
		return true, true
	}
	return false, false
}

// sameNumber reports whether a and b are both numbers and equal ("12" and "12.0").
func sameNumber(a, b string) bool {
	x, errx := strconv.ParseFloat(strings.Replace(a, ",", ".", 1), 64)
	y, erry := strconv.ParseFloat(strings.Replace(b, ",", ".", 1), 64)
	return errx == nil && erry == nil && x == y
}

// text formats a value read from a file as the text attributes hold: integers in decimal,
// decimals in the shortest form that reads back, booleans as true/false, nil as "".
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case []byte:
		return string(v)
	case time.Time:
		if v.Equal(v.Truncate(24*time.Hour)) && v.Location() == time.UTC {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.RFC3339Nano)
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}
