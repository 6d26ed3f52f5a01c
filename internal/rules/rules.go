// Package rules holds the public BAL rules (Lantmäteriet's regler.htm and the
// rule ids the information models name) as checks on plain values: strings,
// ints, floats and code-list spellings.
//
// Two sides use them: the model's Validate methods in address and building,
// before anything is sent, and the fake Lantmäteriet in bal/baltest, which
// works on wire structs and must refuse the same things with the same rule
// ids. So nothing here knows a model type; values come in as Lantmäteriet
// spells them on the wire or in the model, and code-list values are compared
// with codelist.Key, so "Gatuadressplats", "gatuadressplats" and
// "GATUADRESSPLATS" are the same type here.
//
// Every check returns nil or a *Violation carrying the rule id: one of
// Lantmäteriet's ids where the public material gives one (BAL-3015, B-0035,
// B-0084), otherwise one of the generic names below, which equal the bal.Rule…
// constants so that callers can compare them directly.
package rules

import (
	"errors"
	"fmt"
)

// Generic rule names, used where Lantmäteriet's catalogue gives no id. They
// are the same strings as bal.RuleRequired … bal.RuleRelation (a test keeps
// them equal); this package does not import bal, so that bal may one day
// use these checks itself.
const (
	Required = "required"  // a mandatory value is missing
	Range    = "range"     // a number or date is out of range
	Format   = "format"    // a value is malformed
	Length   = "length"    // a text is too long
	CodeList = "code-list" // a value is not in its code list, or not spelled as written
	Geometry = "geometry"  // the geometry is invalid or in the wrong CRS
	Relation = "relation"  // a value is inconsistent with another value or object
)

// Lantmäteriet's own rule ids, as the public material names them.
const (
	// RetiredStatus is BAL-3015: a deregistered (avregistrerat) exchange
	// object may not change objektstatus.
	RetiredStatus = "BAL-3015"
	// TaxOrValuationUnit is B-0035: a building links to either a
	// Skatteverket taxeringsenhet or a värderingsenhet, never both.
	TaxOrValuationUnit = "B-0035"
	// ThreeDProperty is B-0084: a building that is "berörs av" a 3D property
	// must "ligga på" a registerenhet that the 3D property cuts into.
	ThreeDProperty = "B-0084"
)

// Violation is one broken rule.
type Violation struct {
	// Rule is Lantmäteriet's rule id, or one of the generic names.
	Rule string
	// Message says what is wrong, in lower-case English, without the field
	// name: the caller knows where the value came from.
	Message string
}

// Error returns "message (rule)".
func (v *Violation) Error() string { return v.Message + " (" + v.Rule + ")" }

// RuleOf returns the rule id of err if it is, or wraps, a *Violation, and ""
// otherwise.
func RuleOf(err error) string {
	var v *Violation
	if errors.As(err, &v) {
		return v.Rule
	}
	return ""
}

func violation(rule, format string, args ...any) *Violation {
	return &Violation{Rule: rule, Message: fmt.Sprintf(format, args...)}
}
