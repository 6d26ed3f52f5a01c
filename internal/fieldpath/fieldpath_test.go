package fieldpath

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestJoin(t *testing.T) {
	t.Parallel()
	tests := []struct{ prefix, path, want string }{
		{"", "", ""},
		{"", "Surface", "Surface"},
		{"Parts[1]", "", "Parts[1]"},
		{"Parts[1]", "Surface", "Parts[1].Surface"},
		{"Parts", "[1]", "Parts[1]"},
		{"Parts", "[1].Surface", "Parts[1].Surface"},
		{"Action", "Type", "Action.Type"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Join(tt.prefix, tt.path), "Join(%q, %q)", tt.prefix, tt.path)
	}
}

func TestIndex(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "Credentials.Scopes[0]", Index("Credentials.Scopes", 0))
	assert.Equal(t, "Purposes[12]", Index("Purposes", 12))
	assert.Equal(t, "Parts[3].Surface", Join(Index("Parts", 3), "Surface"))
}
