package codelist

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type kind string

var kinds = New[kind]("Gatuadressområde", "Övrig byggnad", "Småhus friliggande", "UH", "U")

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in    string
		want  kind
		known bool
	}{
		{"Gatuadressområde", "Gatuadressområde", true},
		{"gatuadressområde", "Gatuadressområde", true},
		{"Gatuadressomrade", "Gatuadressområde", true},
		{"GATUADRESSOMRÅDE", "Gatuadressområde", true},
		{"OvrigByggnad", "Övrig byggnad", true},
		{"övrig byggnad", "Övrig byggnad", true},
		{"  småhus friliggande ", "Småhus friliggande", true},
		{"uh", "UH", true},
		{"u", "U", true},
		{"Helt ny typ", "Helt ny typ", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, ok := kinds.Lookup(tt.in)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.known, ok)
			assert.Equal(t, tt.want, kinds.Parse(tt.in))
		})
	}
}

func TestKnownIsExact(t *testing.T) {
	t.Parallel()
	assert.True(t, kinds.Known("UH"))
	assert.False(t, kinds.Known("uh"), "a lower-case spelling is parsed, but it is not the exact value to write")
	assert.False(t, kinds.Known("Okänd"))
	assert.Equal(t, []kind{"Gatuadressområde", "Övrig byggnad", "Småhus friliggande", "UH", "U"}, kinds.Values())
}

func TestNewPanicsOnCollision(t *testing.T) {
	t.Parallel()
	assert.Panics(t, func() { New[kind]("Bostad", "bostad") })
}

type registered string

var registeredList = Define[registered]("Gällande", "Avregistrerad")

func TestDefineAndOf(t *testing.T) {
	t.Parallel()
	assert.Same(t, registeredList, Of[registered]())
	assert.Nil(t, Of[kind](), "New does not register")
	assert.Equal(t, registered("Gällande"), Parse[registered]("GALLANDE"))
	assert.Panics(t, func() { Define[registered]("Ny") }, "one list per type")
}

func TestDecodeEncode(t *testing.T) {
	t.Parallel()
	var v registered
	require.NoError(t, registeredList.Decode(&v, []byte(" avregistrerad ")))
	assert.Equal(t, registered("Avregistrerad"), v)
	require.NoError(t, registeredList.Decode(&v, []byte(" Flyttad\t")))
	assert.Equal(t, registered("Flyttad"), v, "unknown: kept, trimmed")
	for in, want := range map[registered]string{"gällande": "Gällande", "Gällande": "Gällande", " Flyttad ": " Flyttad ", "": ""} {
		got, err := registeredList.Encode(in)
		require.NoError(t, err)
		assert.Equal(t, want, string(got), "Encode(%q)", in)
	}
}

// The fast paths give the answers of folding every time: Key's shortcut for
// plain ASCII, and the lists' exact-spelling look-up before folding.
func FuzzFastPaths(f *testing.F) {
	for _, s := range []string{"", "u", "U", "uh", "2199", "Gatuadressområde", "gatuadressomrade", " UH ", "Övrig byggnad", "övrig-byggnad", "Helt ny typ", "a\u00a0b", "\u2003U", "x/y.z,w_v"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		assert.Equal(t, fold(s), Key(s), "Key(%q)", s)

		trimmed := strings.TrimSpace(s)
		want, known := kinds.index[fold(trimmed)]
		if !known {
			want = kind(trimmed)
		}
		got, ok := kinds.Lookup(s)
		assert.Equal(t, want, got, "Lookup(%q)", s)
		assert.Equal(t, known, ok, "Lookup(%q)", s)
		assert.Equal(t, want, kinds.Parse(s), "Parse(%q)", s)

		c, inList := kinds.index[fold(s)]
		assert.Equal(t, inList && c == kind(s), kinds.Known(kind(s)), "Known(%q)", s)
		enc, err := kinds.Encode(kind(s))
		require.NoError(t, err)
		if inList {
			assert.Equal(t, string(c), string(enc), "Encode(%q)", s)
		} else {
			assert.Equal(t, s, string(enc), "Encode(%q)", s)
		}
	})
}

// BenchmarkParse: a value spelled exactly (as the extract and the XML
// services write it) against one that must be folded.
func BenchmarkParse(b *testing.B) {
	for _, s := range []string{"Gatuadressområde", "GATUADRESSOMRADE", "U", "Helt ny typ"} {
		b.Run(s, func(b *testing.B) {
			for b.Loop() {
				_ = kinds.Parse(s)
			}
		})
	}
}
