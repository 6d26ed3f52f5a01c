// Package codelisttest checks a typed code list against Lantmäteriet's
// values and the SDK's lenient-in, exact-out rule, for the tests of every
// package that declares one.
package codelisttest

import (
	"encoding"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/codelist"
)

// Fold spells v the way Lantmäteriet's JSON services do at worst: ASCII
// letters for å/ä/ö and no spaces.
func Fold(v string) string {
	r := strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "Å", "A", "Ä", "A", "Ö", "O", " ", "")
	return r.Replace(v)
}

// Code is what every code-list type offers: a string type whose pointer
// reads text and whose value writes it.
type Code[T any] interface {
	*T
	encoding.TextUnmarshaler
}

// Check asserts that T's registered list (what bal.Codes returns) holds
// exactly want, in order; that each value reads with UnmarshalText from its
// exact, lower-case, upper-case, ASCII-folded and padded spellings, and
// writes with MarshalText in Lantmäteriet's spelling whichever of them it
// was given in, also through encoding/json; that only the exact spelling is
// known to the list Validate uses; and that an unknown value is kept as it
// came, both ways.
func Check[T ~string, PT Code[T]](t *testing.T, want []string) {
	t.Helper()
	list := codelist.Of[T]()
	require.NotNil(t, list, "the type registers its list (codelist.Define)")
	got := list.Values()
	gotS := make([]string, len(got))
	for i, v := range got {
		gotS[i] = string(v)
	}
	require.Empty(t, cmp.Diff(want, gotS), "the list differs from Lantmäteriet's")
	read := func(s string) T {
		var v T
		require.NoError(t, PT(&v).UnmarshalText([]byte(s)), "UnmarshalText never fails")
		return v
	}
	write := func(v T) string {
		m, ok := any(v).(encoding.TextMarshaler)
		require.True(t, ok, "%T implements encoding.TextMarshaler", v)
		b, err := m.MarshalText()
		require.NoError(t, err)
		return string(b)
	}
	for _, v := range got {
		s := string(v)
		assert.True(t, list.Known(v), "%q is known", s)
		for _, spelling := range []string{s, strings.ToLower(s), strings.ToUpper(s), Fold(s), "  " + s + " "} {
			assert.Equal(t, v, read(spelling), "reads %q", spelling)
			assert.Equal(t, s, write(T(spelling)), "writes %q as %q", spelling, s)
		}
		if lower := strings.ToLower(s); lower != s {
			assert.False(t, list.Known(T(lower)), "%q is read, but is not the spelling to write", lower)
		}
		var fromJSON T
		require.NoError(t, json.Unmarshal([]byte(`"`+strings.ToUpper(s)+`"`), &fromJSON))
		assert.Equal(t, v, fromJSON, "json reads %q", strings.ToUpper(s))
		toJSON, err := json.Marshal(T(strings.ToLower(s)))
		require.NoError(t, err)
		wantJSON, _ := json.Marshal(s)
		assert.Equal(t, string(wantJSON), string(toJSON), "json writes %q", s)
	}
	const unknown = "Helt nytt värde"
	assert.Equal(t, T(unknown), read(unknown), "an unknown value is kept as it came")
	assert.Equal(t, T(unknown), read("  "+unknown+"\t"), "trimmed of surrounding space")
	assert.Equal(t, unknown, write(T(unknown)), "and written as it is")
	assert.False(t, list.Known(T(unknown)))
}

// Read returns the T that s spells, read with UnmarshalText.
func Read[T ~string, PT Code[T]](t *testing.T, s string) T {
	t.Helper()
	var v T
	require.NoError(t, PT(&v).UnmarshalText([]byte(s)))
	return v
}

// Known reports whether v is a value of its type's registered list, spelled
// exactly: what Validate accepts.
func Known[T ~string](v T) bool { return codelist.Of[T]().Known(v) }
