package direkt_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
)

func TestNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    direkt.Number
		out     string
		wantErr bool
	}{
		{in: `11264`, want: "11264", out: `11264`},
		{in: `"11264"`, want: "11264", out: `11264`},
		{in: `162.5`, want: "162.5", out: `162.5`},
		{in: `-1e3`, want: "-1e3", out: `-1e3`},
		{in: `"A12"`, want: "A12", out: `"A12"`},
		{in: `"0123"`, want: "0123", out: `"0123"`},
		{in: `null`, want: "", out: `""`},
		{in: `true`, wantErr: true},
		{in: `[1]`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			var n direkt.Number
			err := json.Unmarshal([]byte(tt.in), &n)
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, n)
			out, err := json.Marshal(n)
			require.NoError(t, err)
			assert.Equal(t, tt.out, string(out))
		})
	}
}

func TestOneOrMany(t *testing.T) {
	t.Parallel()
	type ref struct {
		ID string `json:"id"`
	}
	tests := []struct {
		in   string
		want direkt.OneOrMany[ref]
		out  string
	}{
		{in: `{"id":"a"}`, want: direkt.OneOrMany[ref]{{"a"}}, out: `{"id":"a"}`},
		{in: `[{"id":"a"},{"id":"b"}]`, want: direkt.OneOrMany[ref]{{"a"}, {"b"}}, out: `[{"id":"a"},{"id":"b"}]`},
		{in: `null`, want: nil, out: `null`},
		{in: `[]`, want: direkt.OneOrMany[ref]{}, out: `[]`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			var o direkt.OneOrMany[ref]
			require.NoError(t, json.Unmarshal([]byte(tt.in), &o))
			assert.Equal(t, tt.want, o)
			out, err := json.Marshal(o)
			require.NoError(t, err)
			assert.Equal(t, tt.out, string(out))
		})
	}
}

func TestUnion(t *testing.T) {
	t.Parallel()
	a := &geometry.Envelope{SRID: 3006, MinX: 1, MinY: 2, MaxX: 3, MaxY: 4}
	b := &geometry.Envelope{SRID: 3006, MinX: 0, MinY: 3, MaxX: 5, MaxY: 4}
	assert.Equal(t, &geometry.Envelope{SRID: 3006, MinX: 0, MinY: 2, MaxX: 5, MaxY: 4}, direkt.Union(a, nil, b))
	assert.Nil(t, direkt.Union(a, &geometry.Envelope{SRID: 3011}), "mixed CRSs have no box")
	assert.Nil(t, direkt.Union())
	assert.Equal(t, 1.0, a.MinX, "inputs are not modified")
}

func TestUnmarshalXMLRefusesTrailingContent(t *testing.T) {
	t.Parallel()
	var v struct{}
	assert.NoError(t, direkt.UnmarshalXML([]byte("<a/>\n<!-- c -->\n"), &v))
	assert.Error(t, direkt.UnmarshalXML([]byte("<a/><b/>"), &v))
	assert.Error(t, direkt.UnmarshalXML([]byte("<a/>text"), &v))
}
