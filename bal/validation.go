package bal

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tjanstebaserad/bal-go/internal/fieldpath"
)

// Rule names for problems that Lantmäteriet's rule catalogue has no id for.
// Problems that break a catalogued rule use its id instead (e.g. "BAL-3015",
// "B-0035").
const (
	RuleRequired = "required"  // a mandatory value is missing
	RuleRange    = "range"     // a number or date is out of range
	RuleFormat   = "format"    // a value is malformed
	RuleLength   = "length"    // a text is too long
	RuleCodeList = "code-list" // a value is not in its code list
	RuleGeometry = "geometry"  // the geometry is invalid or in the wrong CRS
	RuleRelation = "relation"  // a reference is missing or inconsistent
)

// Problem is one broken rule, found before anything was sent.
type Problem struct {
	// Path names the field, in Go field names with indexes, e.g.
	// "Designation.Number" or "Parts[1].Surface.polygon[0].ring[0].vertex[3]".
	Path string
	// Rule is Lantmäteriet's rule id when there is one (e.g. "BAL-3015"),
	// otherwise one of the Rule… names.
	Rule string
	// Message says what is wrong, in lower-case English.
	Message string
}

// String returns "path: message (rule)".
func (p Problem) String() string {
	var b strings.Builder
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	if p.Rule != "" {
		b.WriteString(" (")
		b.WriteString(p.Rule)
		b.WriteString(")")
	}
	return b.String()
}

// ValidationError lists every problem found in an object before it was sent.
// Nothing is sent while there is one. It matches ErrValidation.
type ValidationError struct {
	// Object names what was validated, e.g. "building.Building".
	Object string
	// Problems lists every broken rule, in field order.
	Problems []Problem
}

// Error lists the problems on one line, masked.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("bal: invalid ")
	if e.Object != "" {
		b.WriteString(e.Object)
	} else {
		b.WriteString("input")
	}
	switch n := len(e.Problems); n {
	case 0:
	case 1:
		b.WriteString(": ")
	default:
		b.WriteString(": " + strconv.Itoa(n) + " problems: ")
	}
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return Redact(b.String())
}

// Is reports ErrValidation.
func (e *ValidationError) Is(target error) bool { return target == ErrValidation }

// Has reports whether a problem with this path and rule was recorded; rule ""
// matches any rule. It is meant for tests and for callers that react to one
// rule.
func (e *ValidationError) Has(path, rule string) bool {
	for _, p := range e.Problems {
		if p.Path == path && (rule == "" || p.Rule == rule) {
			return true
		}
	}
	return false
}

// The collector methods below are bal's own; the typed packages collect
// problems with internal/check.Problems, which builds the same error.

// add records a problem.
func (e *ValidationError) add(path, rule, message string) {
	e.Problems = append(e.Problems, Problem{Path: path, Rule: rule, Message: message})
}

// addf records a problem with a formatted message.
func (e *ValidationError) addf(path, rule, format string, args ...any) {
	e.add(path, rule, fmt.Sprintf(format, args...))
}

// addTo records problems found in a part of the object, prefixing their
// paths with prefix.
func (e *ValidationError) addTo(prefix string, problems []Problem) {
	for _, p := range problems {
		p.Path = fieldpath.Join(prefix, p.Path)
		e.Problems = append(e.Problems, p)
	}
}

// err returns e if it holds any problem, else nil.
func (e *ValidationError) err() error {
	if e == nil || len(e.Problems) == 0 {
		return nil
	}
	return e
}
