// Package check is the validation plumbing the information-type packages
// share: Problems collects rule violations, code-list errors, geometry
// problems and action checks under their field paths and becomes the
// *bal.ValidationError users read. The rules
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
	"github.com/tjanstebaserad/bal-go/internal/fieldpath"
	"github.com/tjanstebaserad/bal-go/internal/rules"
)

// Rule records err, a *rules.Violation or nil, under path.
func Rule(v *Problems, path string, err error) {
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
func Code[T ~string](v *Problems, path, what string, list *codelist.List[T], val T) {
	if val == "" {
		v.Addf(path, bal.RuleRequired, "%s is required", what)
		return
	}
	Rule(v, path, rules.Code(list, val))
}

// Name records a missing name (what is required) or one that breaks the
// naming rules (first letter upper case, no surrounding space).
func Name(v *Problems, path, what, name string) {
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
func Meta(v *Problems, m *bal.Meta) {
	if m.Version < 0 {
		v.Addf("Version", bal.RuleRange, "objektversion %d must not be negative", m.Version)
	}
	if !m.ValidTo.IsZero() && m.ValidTo.Before(m.ValidFrom) {
		v.Add("ValidTo", bal.RuleRange, "versionGiltigTill is before versionGiltigFran")
	}
	if s := m.Status; s != "" {
		switch c, ok := codelist.Of[bal.Status]().Lookup(string(s)); {
		case !ok:
			v.Addf("Status", bal.RuleCodeList, "%q is not an objektstatus", string(s))
		case c != s:
			v.Addf("Status", bal.RuleCodeList, "%q must be written %q", string(s), string(c))
		}
	}
}

// Action checks the action of a write of object: what every action needs
// (bal.Action.Validate) and a type from the accepted list (what names the
// objects, e.g. "a building"). It returns nil or a *bal.ValidationError with
// the problems under "Action".
func Action(object string, a bal.Action, accepted *codelist.List[bal.ActionType], what string) error {
	v := New(object)
	v.Merge("", bal.RuleFormat, a.Validate())
	if a.Type == "" || accepted.Known(a.Type) {
		return v.Err()
	}
	if c, ok := accepted.Lookup(string(a.Type)); ok {
		v.Addf("Action.Type", bal.RuleCodeList, "%q must be written %q", string(a.Type), string(c))
		return v.Err()
	}
	names := make([]string, 0, 8)
	for _, t := range accepted.Values() {
		names = append(names, string(t))
	}
	v.Addf("Action.Type", bal.RuleCodeList, "%q is not an åtgärdstyp for %s (%s)", string(a.Type), what, strings.Join(names, ", "))
	return v.Err()
}

// Geometry validates g with package geometry and records each problem under
// path.
func Geometry(v *Problems, path string, g geom.T) {
	geometryProblems(v, path, geometry.Validate(g, nil))
}

// geometryProblems records err, nil or package geometry's
// *ValidationError, at path, each problem under its own path below it.
func geometryProblems(v *Problems, path string, err error) {
	if err == nil {
		return
	}
	var ge *geometry.ValidationError
	if !errors.As(err, &ge) {
		v.Add(path, bal.RuleGeometry, err.Error())
		return
	}
	for _, p := range ge.Problems {
		v.Add(fieldpath.Join(path, p.Path), bal.RuleGeometry, p.Code+": "+p.Message)
	}
}

// Metadata records the problems of a geometrimetadata value (geometry.Metadata
// .Validate: code lists, the variants each method needs, the attributes it
// may carry) at path, each under the schema's name of the attribute.
func Metadata(v *Problems, path string, m *geometry.Metadata) {
	geometryProblems(v, path, m.Validate())
}

// StatusChange checks rule BAL-3015 for an object whose stored objektstatus
// is from and whose new one is to: once avregistrerad, an object keeps that
// status. An empty to means no change. It returns nil or a
// *bal.ValidationError with the problem at "Status". Modify checks it
// before sending a change; the server checks it too.
func StatusChange(from, to bal.Status) error {
	v := New("status change")
	Rule(v, "Status", rules.StatusChange(string(from), string(to)))
	return v.Err()
}
