// Package codelist implements the SDK's rule for Lantmäteriet's code lists
// (värdelistor): input is matched leniently, output is written exactly.
//
// Lantmäteriet writes the same value in several spellings: the information
// model uses lower case ("gatuadressplats"), the XML services capitalise
// ("Gatuadressplats"), and some JSON services fold the Swedish letters and
// drop spaces ("Gatuadressomrade", "OvrigByggnad"). A value read in any of
// these spellings maps to the one canonical constant; a value that matches no
// constant is kept as it came, so nothing the server sends is lost.
package codelist

import (
	"strings"
	"unicode"
)

// Key folds s to the form used for comparison: lower case, å/ä→a, ö→o,
// é→e, ü→u, and without spaces, hyphens, underscores, dots, commas and
// slashes.
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case ' ', '-', '_', '.', ',', '/', '\t', '\n', '\r', '\u00a0':
			continue
		}
		r = unicode.ToLower(r)
		switch r {
		case 'å', 'ä', 'à', 'á', 'â':
			r = 'a'
		case 'ö', 'ò', 'ó', 'ô', 'ø':
			r = 'o'
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'ü', 'ú', 'ù':
			r = 'u'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// List is a code list: its canonical values, indexed by Key.
type List[T ~string] struct {
	values []T
	index  map[string]T
}

// New builds a list from its canonical values. Two values whose keys collide
// are a programming error, so New panics on them at package initialisation.
func New[T ~string](values ...T) *List[T] {
	l := &List[T]{values: values, index: make(map[string]T, len(values))}
	for _, v := range values {
		k := Key(string(v))
		if prev, dup := l.index[k]; dup {
			panic("codelist: " + string(prev) + " and " + string(v) + " fold to the same key")
		}
		l.index[k] = v
	}
	return l
}

// Parse returns the canonical value that s spells, or T(s) trimmed of
// surrounding space when it is not in the list.
func (l *List[T]) Parse(s string) T {
	s = strings.TrimSpace(s)
	if v, ok := l.index[Key(s)]; ok {
		return v
	}
	return T(s)
}

// Lookup is Parse that also reports whether s was in the list.
func (l *List[T]) Lookup(s string) (T, bool) {
	v, ok := l.index[Key(strings.TrimSpace(s))]
	if !ok {
		return T(strings.TrimSpace(s)), false
	}
	return v, true
}

// Known reports whether v is one of the canonical values, exactly as written.
func (l *List[T]) Known(v T) bool {
	c, ok := l.index[Key(string(v))]
	return ok && c == v
}

// Values returns the canonical values in their declared order.
func (l *List[T]) Values() []T {
	out := make([]T, len(l.values))
	copy(out, l.values)
	return out
}
