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
	// Responsible is the ansvarig organisation: on a write, the kommunkod of
	// the municipality responsible for the object (e.g. "2180"), which must
	// be the one the credentials belong to. A read gives whatever
	// organisation Lantmäteriet recorded.
	Responsible string
	// Performer is the utförande organisation: who did the work, e.g. the
	// municipality's consultant or system vendor.
	Performer string
	// Time is the åtgärdstidpunkt. When zero, writes use the time of the call.
	Time time.Time
}

// Validate checks what every Action needs regardless of object type: a type
// and a responsible organisation that is a kommunkod (four digits, a county
// in use). The typed packages also check that the type belongs to the
// object.
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
	switch {
	case strings.TrimSpace(a.Responsible) == "":
		ps = append(ps, Problem{Path: "Responsible", Rule: RuleRequired, Message: "ansvarig organisation (the kommunkod) is required"})
	default:
		if err := MunicipalityCode(a.Responsible).Validate(); err != nil {
			ps = append(ps, Problem{Path: "Responsible", Rule: RuleFormat,
				Message: "ansvarig organisation must be the responsible municipality's kommunkod: " + strings.TrimPrefix(err.Error(), "bal: ")})
		}
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
