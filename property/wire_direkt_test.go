package property

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist/codelisttest"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	rb "github.com/tjanstebaserad/bal-go/internal/wire/direkt/registerbeteckning5"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/wiretest"
)

const wireTestdata = "../internal/wire/direkt/registerbeteckning5/testdata"

func decodeAnswer(t *testing.T, name string) []*Unit {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(wireTestdata, name))
	require.NoError(t, err)
	var ws []rb.Beteckning
	if filepath.Ext(name) == ".json" {
		var fc rb.FeatureCollection
		require.NoError(t, json.Unmarshal(data, &fc))
		ws = fc.Beteckningar()
	} else {
		var r rb.RegisterbeteckningResponse
		require.NoError(t, direkt.UnmarshalXML(data, &r))
		for _, m := range r.Members {
			ws = append(ws, m.Beteckning)
		}
	}
	out := make([]*Unit, 0, len(ws))
	for i := range ws {
		u, err := fromDirekt(&ws[i])
		require.NoError(t, err)
		out = append(out, u)
	}
	return out
}

// TestFromDirektGolden maps the answer in both formats to the same units
// and compares with a golden file.
func TestFromDirektGolden(t *testing.T) {
	t.Parallel()
	x := decodeAnswer(t, "beteckning.xml")
	assert.Empty(t, cmp.Diff(x, decodeAnswer(t, "beteckning.json")))
	out, err := direkt.MarshalJSON(x)
	require.NoError(t, err)
	wiretest.Golden(t, filepath.Join("testdata", "golden", "direkt_beteckning.json"), out)

	require.Len(t, x, 3)
	assert.Equal(t, bal.PropertyRef{ID: bal.MustParseObjectID("909a6a62-7d8b-90ec-e040-ed8f66444c3f"),
		Designation: "Gävle Varva 2:3", Type: bal.PropertyTypeProperty}, x[0].PropertyRef)
	assert.Equal(t, StatusReregistered, x[0].Designations[1].Status)
	assert.True(t, x[0].Has("  gävle  VARVA 2:3 "))
	assert.True(t, x[0].Has("Hille Varva 1:7"), "an earlier designation still names the unit")
	assert.Equal(t, "Stockholm Järnet 8", x[1].Designation)
	assert.True(t, x[2].JointFacility)
	assert.Equal(t, StatusBlocked, x[2].Designations[0].Status)
}

// TestToDirektRoundTrip checks that units written back read the same.
func TestToDirektRoundTrip(t *testing.T) {
	t.Parallel()
	for _, u := range decodeAnswer(t, "beteckning.xml") {
		w := toDirekt(u)
		back, err := fromDirekt(&w)
		require.NoError(t, err)
		assert.Empty(t, cmp.Diff(u, back))
	}
}

func TestFromDirektErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		w    rb.Beteckning
	}{
		{"no reference", rb.Beteckning{}},
		{"bad id", rb.Beteckning{Registerenhetsreferens: &rb.Enhetsreferens{Objektidentitet: "x"}}},
		{"bad designation id", rb.Beteckning{Registerenhetsreferens: &rb.Enhetsreferens{Objektidentitet: "909a6a62-7d8b-90ec-e040-ed8f66444c3f"},
			Registerbeteckning: []rb.Registerbeteckning{{Objektidentitet: "x"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := fromDirekt(&tt.w)
			assert.Error(t, err)
		})
	}
}

func TestReferenceFromDirekt(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join(wireTestdata, "referens.json"))
	require.NoError(t, err)
	var ws []rb.Referens
	require.NoError(t, json.Unmarshal(data, &ws))
	var got []Reference
	for _, w := range ws {
		r, err := referenceFromDirekt(w)
		require.NoError(t, err)
		got = append(got, r)
	}
	assert.Equal(t, []Reference{
		{DesignationID: bal.MustParseObjectID("7a000000-0000-4000-8000-000000000001"),
			Property: bal.PropertyRef{ID: bal.MustParseObjectID("909a6a62-7d8b-90ec-e040-ed8f66444c3f"), Designation: "Gävle Varva 2:3", Type: bal.PropertyTypeProperty}},
		{DesignationID: bal.MustParseObjectID("7a000000-0000-4000-8000-000000000004"),
			Property:        bal.PropertyRef{Designation: "Gävle Varva ga:1"},
			JointFacilityID: bal.MustParseObjectID("11111111-2222-4333-8444-555555555555")},
	}, got)
}

func TestDesignationStatusCodeList(t *testing.T) {
	t.Parallel()
	codelisttest.Check[DesignationStatus](t, []string{"gällande", "ledig", "omregistrerad", "reserverad", "spärrad"})
}
