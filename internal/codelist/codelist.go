// Package codelist implements the SDK's rule for Lantmäteriet's code lists
// (värdelistor): input is matched leniently, output is written exactly.
//
// Lantmäteriet writes the same value in several spellings: the information
// model uses lower case ("gatuadressplats"), the XML services capitalise
// ("Gatuadressplats"), and some JSON services fold the Swedish letters and
// drop spaces ("Gatuadressomrade", "OvrigByggnad"). A value read in any of
// these spellings maps to the one canonical constant; a value that matches no
// constant is kept as it came, so nothing the server sends is lost.
//
// Every public code-list type implements encoding.TextUnmarshaler and
// encoding.TextMarshaler with Decode and Encode of its List, and registers
// its list with Define, so that bal.Codes can list the values of any of them
// and the SDK's internal packages can reach a list by its type (Of).
package codelist

import (
	"reflect"
	"strings"
	"sync"
	"unicode"
)

// Key folds s to the form used for comparison: lower case, å/ä→a, ö→o,
// é→e, ü→u, and without spaces, hyphens, underscores, dots, commas and
// slashes.
func Key(s string) string {
	if folded(s) {
		return s
	}
	return fold(s)
}

// fold is Key for any s.
func fold(s string) string {
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

// folded reports whether Key(s) is s: plain ASCII with nothing to lower
// or drop, as most codes ("U", "2199") and the folded keys themselves are.
// It spares those the builder.
func folded(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, 'A' <= c && c <= 'Z':
			return false
		case c == ' ', c == '-', c == '_', c == '.', c == ',', c == '/', c == '\t', c == '\n', c == '\r':
			return false
		}
	}
	return true
}

// List is a code list: its canonical values, indexed by Key.
type List[T ~string] struct {
	values []T
	index  map[string]T
	// exact holds the canonical values as written. Almost everything the
	// services and the extract send is spelled exactly so, and one map
	// look-up spares it the folding (a tenth of reading an extract went
	// to Key before this).
	exact map[string]T
}

// New builds a list from its canonical values. Two values whose keys collide
// are a programming error, so New panics on them at package initialisation.
func New[T ~string](values ...T) *List[T] {
	l := &List[T]{values: values, index: make(map[string]T, len(values)), exact: make(map[string]T, len(values))}
	for _, v := range values {
		k := Key(string(v))
		if prev, dup := l.index[k]; dup {
			panic("codelist: " + string(prev) + " and " + string(v) + " fold to the same key")
		}
		l.index[k] = v
		l.exact[string(v)] = v
	}
	return l
}

// find returns the canonical value s spells, trying the exact spelling
// before folding: the same answer as index[Key(s)], since every canonical
// value v has index[Key(v)] == v.
func (l *List[T]) find(s string) (T, bool) {
	if v, ok := l.exact[s]; ok {
		return v, true
	}
	v, ok := l.index[Key(s)]
	return v, ok
}

// lists holds the list Define registered for each type.
var lists sync.Map // reflect.Type → *List[T]

// Define builds the code list of type T, as New does, and registers it as
// T's list, which Of and bal.Codes find. Call it once per type, when the
// package is initialised; a second list for one type panics.
func Define[T ~string](values ...T) *List[T] {
	l := New(values...)
	if _, dup := lists.LoadOrStore(reflect.TypeFor[T](), l); dup {
		panic("codelist: a second list for " + reflect.TypeFor[T]().String())
	}
	return l
}

// Of returns the list Define registered for T, or nil when T has none.
func Of[T ~string]() *List[T] {
	if l, ok := lists.Load(reflect.TypeFor[T]()); ok {
		return l.(*List[T])
	}
	return nil
}

// Parse returns the value of T's registered list that s spells, as
// List.Parse does. It is for the SDK's packages that read values of a type
// declared elsewhere (a bal.Status in package building).
func Parse[T ~string](s string) T { return Of[T]().Parse(s) }

// Decode is UnmarshalText for a code-list type: it stores in dst the
// canonical value text spells, or text trimmed of surrounding space when
// the list does not know it. It never fails: strictness belongs in
// Validate, and a value read must not be lost.
func (l *List[T]) Decode(dst *T, text []byte) error {
	*dst = l.Parse(string(text))
	return nil
}

// Encode is MarshalText for a code-list type: v in the list's spelling when
// the list knows it in any spelling, otherwise v exactly as it is, so that
// an unknown value survives a round trip.
func (l *List[T]) Encode(v T) ([]byte, error) {
	if c, ok := l.find(string(v)); ok {
		return []byte(c), nil
	}
	return []byte(v), nil
}

// Parse returns the canonical value that s spells, or T(s) trimmed of
// surrounding space when it is not in the list.
func (l *List[T]) Parse(s string) T {
	s = strings.TrimSpace(s)
	if v, ok := l.find(s); ok {
		return v
	}
	return T(s)
}

// Lookup is Parse that also reports whether s was in the list.
func (l *List[T]) Lookup(s string) (T, bool) {
	s = strings.TrimSpace(s)
	if v, ok := l.find(s); ok {
		return v, true
	}
	return T(s), false
}

// Known reports whether v is one of the canonical values, exactly as written.
func (l *List[T]) Known(v T) bool {
	_, ok := l.exact[string(v)]
	return ok
}

// Values returns the canonical values in their declared order.
func (l *List[T]) Values() []T {
	out := make([]T, len(l.values))
	copy(out, l.values)
	return out
}
