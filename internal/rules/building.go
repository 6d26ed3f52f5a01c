package rules

import (
	"math"
	"strconv"
)

// Bounds that are not Lantmäteriet's rules but sanity limits: a value past
// them is a typing or unit mistake (square metres entered as square
// decimetres, a year with a digit too many), not a building.
const (
	// MaxRooms bounds antal rum of one apartment.
	MaxRooms = 99
	// MaxLivingArea bounds one apartment's bostadsarea, in m².
	MaxLivingArea = 9999
	// MaxTotalLivingArea bounds a building's total boarea, in m².
	MaxTotalLivingArea = 999999
	// MinYear and MaxYear bound nybyggnadsår and tillbyggnadsår. A planned
	// building may carry a year in the near future.
	MinYear = 1000
	MaxYear = 2100
	// MaxHouseNumber bounds a husnummer.
	MaxHouseNumber = 9999
)

// ApartmentNumber checks a lägenhetsnummer: exactly four digits, the first
// two the floor (10 the entrance floor, 11 the one above, 09 the one below),
// the last two the door on that floor counted from 01. Floor 00–99 are all
// possible; door 00 is not. Empty passes: an address with a single dwelling
// has no apartment number.
func ApartmentNumber(s string) error {
	if s == "" {
		return nil
	}
	if len(s) != 4 {
		return violation(Format, "lägenhetsnummer %q must be four digits, e.g. \"1102\"", s)
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return violation(Format, "lägenhetsnummer %q must be four digits, e.g. \"1102\"", s)
		}
	}
	if s[2:] == "00" {
		return violation(Range, "lägenhetsnummer %q: the door number (last two digits) starts at 01", s)
	}
	return nil
}

// Rooms checks antal rum: 0–MaxRooms. Kitchens, kitchenettes and hygiene
// spaces do not count as rooms, so 0 is possible.
func Rooms(n int) error {
	if n < 0 || n > MaxRooms {
		return violation(Range, "antal rum %d is out of range 0–%d", n, MaxRooms)
	}
	return nil
}

// LivingArea checks an apartment's bostadsarea in m²: 0–MaxLivingArea.
func LivingArea(m2 float64) error { return area("bostadsarea", m2, MaxLivingArea) }

// TotalLivingArea checks a building's total boarea in m²:
// 0–MaxTotalLivingArea.
func TotalLivingArea(m2 float64) error { return area("total boarea", m2, MaxTotalLivingArea) }

func area(what string, m2, max float64) error {
	if math.IsNaN(m2) || m2 < 0 || m2 > max {
		return violation(Range, "%s %s m² is out of range 0–%s", what, formatFloat(m2), formatFloat(max))
	}
	return nil
}

// NonNegative checks a measured value that has no upper bound the rules
// know, such as a lägesnoggrannhet: finite and not negative.
func NonNegative(what string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return violation(Range, "%s %s must be a finite number not below 0", what, formatFloat(v))
	}
	return nil
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// Year checks a nybyggnadsår or tillbyggnadsår: MinYear–MaxYear.
func Year(y int) error {
	if y < MinYear || y > MaxYear {
		return violation(Range, "year %d is out of range %d–%d", y, MinYear, MaxYear)
	}
	return nil
}

// ExtensionYear checks that a tillbyggnadsår is not before the nybyggnadsår:
// a building cannot be extended before it is built. Zero means unknown and
// passes.
func ExtensionYear(built, extended int) error {
	if built != 0 && extended != 0 && extended < built {
		return violation(Range, "tillbyggnadsår %d is before nybyggnadsår %d", extended, built)
	}
	return nil
}

// HouseNumber checks a husnummer: 1–MaxHouseNumber.
func HouseNumber(n int) error {
	if n < 1 || n > MaxHouseNumber {
		return violation(Range, "husnummer %d is out of range 1–%d", n, MaxHouseNumber)
	}
	return nil
}

// TaxOrValuation checks rule B-0035: a building links a Skatteverket
// taxeringsenhet or a värderingsenhet, not both.
func TaxOrValuation(hasTaxUnit, hasValuationUnit bool) error {
	if hasTaxUnit && hasValuationUnit {
		return violation(TaxOrValuationUnit, "a building links a taxeringsenhet or a värderingsenhet, not both")
	}
	return nil
}

// AffectedByNeedsLiesOn checks the part of rule B-0084 a client can see: a
// building that is "berörs av" a 3D property must "ligga på" a registerenhet
// that the 3D property cuts into, so a building affected by properties must
// lie on at least one. Which registerenheter a 3D property cuts into only
// Lantmäteriet knows, so the rest of the rule is the server's.
func AffectedByNeedsLiesOn(affectedBy, liesOn int) error {
	if affectedBy > 0 && liesOn == 0 {
		return violation(ThreeDProperty, "a building that is affected by (berörs av) a property must lie on (ligga på) a registerenhet that property cuts into")
	}
	return nil
}
