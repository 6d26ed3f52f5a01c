// Package conformance compares documents by meaning, for the tests that
// hold the SDK's encoders, its decoders and the fake in bal/baltest to
// documents written by hand from the specs (testdata/README.md): two XML
// documents are equal when they have the same elements, attributes and
// values in the same order, whatever their namespace prefixes, declarations
// and whitespace between elements; two JSON documents when they have the
// same members and values, whatever the members' order and the spacing.
//
// Values the server assigns (identities, times) are compared only where a
// test says otherwise with an Option, by path: "Kvitto/versionGiltigFran"
// names that element under that root; "*" matches one element name and
// "**" any number of them.
package conformance

import (
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
)

// Option adjusts a comparison.
type Option func(*options)

type options struct {
	rules        []rule
	extraMembers bool
	defaults     []attrDefault
	extraElems   []string
}

// attrDefault is an attribute whose absence means value.
type attrDefault struct {
	pattern, value string
}

// rule transforms the values at the paths matching pattern before they are
// compared.
type rule struct {
	pattern string
	f       func(string) string
	what    string
}

// Ignore skips the values (text of an element or attribute, value of a JSON
// member) at the paths matching pattern; the element or member itself must
// still be there. Use it for what the server assigns: an identity it
// generates, the time of a write.
func Ignore(pattern string) Option {
	return Transform(pattern, "ignored", func(string) string { return "" })
}

// RuleOnly compares only the rule id leading the messages at pattern
// ("BAL-0409: …" compares as "BAL-0409"), and messages without one as a
// whole: the wording of a fault is the server's own.
func RuleOnly(pattern string) Option {
	return Transform(pattern, "rule id only", func(s string) string {
		if id, _, ok := strings.Cut(s, ":"); ok && !strings.ContainsAny(id, " =") {
			return id + ":"
		}
		return s
	})
}

// AllowExtraMembers lets a JSON document have members the wanted one does
// not name, for shapes that are documented in part: every member the
// wanted document names must still be there, with its value.
func AllowExtraMembers() Option { return func(o *options) { o.extraMembers = true } }

// AllowExtraElements lets the XML elements at pattern have child elements
// the wanted document does not name, for a part of a shape the public
// material shows in part: the children it names must still be there, in
// order, with their values.
func AllowExtraElements(pattern string) Option {
	return func(o *options) { o.extraElems = append(o.extraElems, pattern) }
}

func (o *options) extraElementsAt(p string) bool {
	for _, pat := range o.extraElems {
		if Match(pat, p) {
			return true
		}
	}
	return false
}

// DefaultAttribute treats the attribute at pattern ("**/Envelope/@srsDimension")
// written with value as equal to its absence, for an attribute whose
// default that value is (GML's srsDimension of a 2D CRS is 2).
func DefaultAttribute(pattern, value string) Option {
	return func(o *options) { o.defaults = append(o.defaults, attrDefault{pattern, value}) }
}

// isDefault reports whether v at p is a default value that may be left out.
func (o *options) isDefault(p, v string) bool {
	for _, d := range o.defaults {
		if Match(d.pattern, p) && v == d.value {
			return true
		}
	}
	return false
}

// Transform applies f to both values at the paths matching pattern before
// comparing them; what names the transformation in differences.
func Transform(pattern, what string, f func(string) string) Option {
	return func(o *options) { o.rules = append(o.rules, rule{pattern, f, what}) }
}

func newOptions(opts []Option) *options {
	o := &options{}
	for _, opt := range opts {
		opt(o)
	}
	return o
}

// value returns v as compared at p.
func (o *options) value(p, v string) string {
	for _, r := range o.rules {
		if Match(r.pattern, p) {
			return r.f(v)
		}
	}
	return v
}

// Match reports whether the slash-separated path p matches pattern, whose
// segments are names, "*" (any one segment) or "**" (any number).
func Match(pattern, p string) bool {
	return matchSegs(strings.Split(pattern, "/"), strings.Split(p, "/"))
}

func matchSegs(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(segs); i++ {
				if matchSegs(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

// diffs collects the differences of one comparison, up to a limit.
type diffs struct {
	list []string
}

const maxDiffs = 40

func (d *diffs) addf(format string, args ...any) {
	if len(d.list) < maxDiffs {
		d.list = append(d.list, fmt.Sprintf(format, args...))
	} else if len(d.list) == maxDiffs {
		d.list = append(d.list, "…")
	}
}

func (d *diffs) err() error {
	if len(d.list) == 0 {
		return nil
	}
	return errors.New("documents differ in meaning:\n  " + strings.Join(d.list, "\n  "))
}

// sameText compares two values: equal after trimming; when both are
// date-times, the same instant in the same offset ("10:15:00+01:00" is
// "10:15:00.000+01:00"); when both are lists of numbers, equal number by
// number ("412.50" is "412.5").
func sameText(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a == b {
		return true
	}
	if ta, err := time.Parse(time.RFC3339Nano, a); err == nil {
		tb, err := time.Parse(time.RFC3339Nano, b)
		_, oa := ta.Zone()
		_, ob := tb.Zone()
		return err == nil && ta.Equal(tb) && oa == ob
	}
	fa, fb := strings.Fields(a), strings.Fields(b)
	if len(fa) == 0 || len(fa) != len(fb) {
		return false
	}
	for i := range fa {
		x, err1 := strconv.ParseFloat(fa[i], 64)
		y, err2 := strconv.ParseFloat(fb[i], 64)
		if err1 != nil || err2 != nil || x != y {
			return false
		}
	}
	return true
}

func quote(s string) string {
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return strconv.Quote(s)
}
