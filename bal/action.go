package bal

import (
	"strings"
	"time"
)

// ActionType is an åtgärdstyp: what kind of business event a change records.
// Each information type has its own list (package building has the
// building, entrance and apartment lists, package address the address list);
// the server refuses a type that does not belong to the object.
type ActionType string

// Action is a Verksamhetsåtgärd: the business event behind a create, change
// or retirement. Every write carries exactly one; Lantmäteriet stores it
// with the new version. (Its schema has no åtgärdsordning: one action per
// object.)
type Action struct {
	// Type is the åtgärdstyp.
	Type ActionType
	// Responsible is the ansvarig organisation, usually the municipality's
	// kommunkod (e.g. "2180").
	Responsible string
	// Performer is the utförande organisation: who did the work, e.g. the
	// municipality's consultant or system vendor.
	Performer string
	// Time is the åtgärdstidpunkt. When zero, writes use the time of the call.
	Time time.Time
}

// Validate checks what every Action needs regardless of object type: a type
// and a responsible organisation. The typed packages also check that the
// type belongs to the object.
func (a Action) Validate() error {
	var v ValidationError
	v.addTo("Action", a.problems())
	return v.err()
}

// problems lists what is missing from a, with paths relative to the action.
func (a Action) problems() []Problem {
	var ps []Problem
	if strings.TrimSpace(string(a.Type)) == "" {
		ps = append(ps, Problem{Path: "Type", Rule: RuleRequired, Message: "åtgärdstyp is required"})
	}
	if strings.TrimSpace(a.Responsible) == "" {
		ps = append(ps, Problem{Path: "Responsible", Rule: RuleRequired, Message: "ansvarig organisation is required"})
	}
	return ps
}

// Receipt (kvitto) confirms a write: the identity and version the object has
// now, and when that version took effect.
type Receipt struct {
	// ID is the objektidentitet, assigned by the server on create unless the
	// client sent one.
	ID ObjectID
	// Version is the new objektversion.
	Version Version
	// ValidFrom is the new version's versionGiltigFran.
	ValidFrom time.Time
	// RequestID identifies the call for Lantmäteriet's support.
	RequestID string
	// Attempts is how many HTTP attempts the write took (retries included).
	Attempts int
}
