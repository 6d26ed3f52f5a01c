// Package check is the validation plumbing the information-type packages
// share: it records rule violations, code-list errors, geometry problems and
// action checks in a *bal.ValidationError under their field paths. The rules
// themselves live in internal/rules (plain values, shared with the fake
// server); this package connects them to the SDK's error type.
package check

import (
	"errors"
	"strings"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/rules"
)

// Rule records err, a *rules.Violation or nil, under path.
func Rule(v *bal.ValidationError, path string, err error) {
	if err == nil {
		return
	}
	var rv *rules.Violation
	if errors.As(err, &rv) {
		v.Add(path, rv.Rule, rv.Message)
		return
	}
	v.Add(path, bal.RuleFormat, err.Error())
}

// Code records a missing (what is required) or unwritable code-list value
// at path.
func Code[T ~string](v *bal.ValidationError, path, what string, list *codelist.List[T], val T) {
	if val == "" {
		v.Addf(path, bal.RuleRequired, "%s is required", what)
		return
	}
	Rule(v, path, rules.Code(list, val))
}

// Name records a missing name (what is required) or one that breaks the
// naming rules (first letter upper case, no surrounding space).
func Name(v *bal.ValidationError, path, what, name string) {
	if strings.TrimSpace(name) == "" {
		v.Addf(path, bal.RuleRequired, "%s is required", what)
		return
	}
	Rule(v, path, rules.Name(name))
}

// Meta checks the fields every object carries. The id is not checked: zero
// means the server assigns one. Nor is Meta.Action: it is the action the
// server recorded for the version that was read, not part of a write (a
// write's action is checked by Action), and Lantmäteriet's lists of action
// types are published only in part, so a recorded one may be unknown here.
func Meta(v *bal.ValidationError, m *bal.Meta) {
	if m.Version < 0 {
		v.Addf("Version", bal.RuleRange, "objektversion %d must not be negative", m.Version)
	}
	if !m.ValidTo.IsZero() && m.ValidTo.Before(m.ValidFrom) {
		v.Add("ValidTo", bal.RuleRange, "versionGiltigTill is before versionGiltigFran")
	}
	if s := m.Status; s != "" && !s.Known() {
		if c := bal.ParseStatus(string(s)); c.Known() {
			v.Addf("Status", bal.RuleCodeList, "%q must be written %q", string(s), string(c))
		} else {
			v.Addf("Status", bal.RuleCodeList, "%q is not an objektstatus", string(s))
		}
	}
}

// Action checks a, with its paths under prefix: what every action needs and
// a type from the accepted list (what names the objects, e.g. "a building").
func Action(v *bal.ValidationError, prefix string, a bal.Action, accepted *codelist.List[bal.ActionType], what string) {
	v.AddTo(prefix, a.Problems())
	if a.Type == "" || accepted.Known(a.Type) {
		return
	}
	path := bal.JoinPath(prefix, "Type")
	if c, ok := accepted.Lookup(string(a.Type)); ok {
		v.Addf(path, bal.RuleCodeList, "%q must be written %q", string(a.Type), string(c))
		return
	}
	names := make([]string, 0, 8)
	for _, t := range accepted.Values() {
		names = append(names, string(t))
	}
	v.Addf(path, bal.RuleCodeList, "%q is not an åtgärdstyp for %s (%s)", string(a.Type), what, strings.Join(names, ", "))
}

// ActionError is Action for a whole write: nil or a *bal.ValidationError
// about object.
func ActionError(object string, a bal.Action, accepted *codelist.List[bal.ActionType], what string) error {
	v := &bal.ValidationError{Object: object}
	Action(v, "Action", a, accepted, what)
	return v.Err()
}

// Geometry validates g with package geometry and records each problem under
// path.
func Geometry(v *bal.ValidationError, path string, g geom.T) {
	err := geometry.Validate(g, nil)
	if err == nil {
		return
	}
	var ge *geometry.ValidationError
	if !errors.As(err, &ge) {
		v.Add(path, bal.RuleGeometry, err.Error())
		return
	}
	for _, p := range ge.Problems {
		v.Add(bal.JoinPath(path, p.Path), bal.RuleGeometry, p.Code+": "+p.Message)
	}
}
