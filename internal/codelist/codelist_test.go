package codelist

import (
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
