package codelist

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
