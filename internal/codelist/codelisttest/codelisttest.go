// Package codelisttest checks a typed code list against Lantmäteriet's
// values and the SDK's lenient-in, exact-out rule, for the tests of every
// package that declares one.
package codelisttest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Code is what every code-list type offers.
type Code interface {
	~string
	Known() bool
}

// Fold spells v the way Lantmäteriet's JSON services do at worst: ASCII
// letters for å/ä/ö and no spaces.
func Fold(v string) string {
	r := strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "Å", "A", "Ä", "A", "Ö", "O", " ", "")
	return r.Replace(v)
}

// Check asserts that got lists exactly want, in order, and that each value
// is known, parses from its exact, lower-case, upper-case, ASCII-folded and
// padded spellings, and is the only spelling written; and that an unknown
// value is kept as it came.
func Check[T Code](t *testing.T, got []T, want []string, parse func(string) T) {
	t.Helper()
	gotS := make([]string, len(got))
	for i, v := range got {
		gotS[i] = string(v)
	}
	require.Empty(t, cmp.Diff(want, gotS), "the list differs from Lantmäteriet's")
	for _, v := range got {
		s := string(v)
		assert.True(t, v.Known(), "%q is known", s)
		assert.Equal(t, v, parse(s), "exact %q", s)
		assert.Equal(t, v, parse(strings.ToLower(s)), "lower case %q", s)
		assert.Equal(t, v, parse(strings.ToUpper(s)), "upper case %q", s)
		assert.Equal(t, v, parse(Fold(s)), "ASCII-folded %q", Fold(s))
		assert.Equal(t, v, parse("  "+s+" "), "surrounding space %q", s)
		if lower := strings.ToLower(s); lower != s {
			assert.False(t, T(lower).Known(), "%q is read, but is not the spelling to write", lower)
		}
	}
	unknown := parse("Helt nytt värde")
	assert.Equal(t, T("Helt nytt värde"), unknown, "an unknown value is kept as it came")
	assert.False(t, unknown.Known())
}
