package registerbeteckning5_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	rb "github.com/tjanstebaserad/bal-go/internal/wire/direkt/registerbeteckning5"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/wiretest"
)

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

func decodeXML(t *testing.T, data []byte) []rb.Beteckning {
	t.Helper()
	var r rb.RegisterbeteckningResponse
	require.NoError(t, direkt.UnmarshalXML(data, &r))
	out := make([]rb.Beteckning, 0, len(r.Members))
	for _, m := range r.Members {
		out = append(out, m.Beteckning)
	}
	return out
}

func decodeJSON(t *testing.T, data []byte) []rb.Beteckning {
	t.Helper()
	var fc rb.FeatureCollection
	require.NoError(t, json.Unmarshal(data, &fc))
	return fc.Beteckningar()
}

// TestGolden decodes the answer in both formats, encodes it again and
// compares with the golden file; encoding is stable across a round trip.
func TestGolden(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"xml", "json"} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			decode, encode := decodeXML, func(bs []rb.Beteckning) ([]byte, error) { return direkt.MarshalXML(rb.NewResponse(bs)) }
			if format == "json" {
				decode, encode = decodeJSON, func(bs []rb.Beteckning) ([]byte, error) {
					return direkt.MarshalJSON(rb.NewFeatureCollection(bs))
				}
			}
			bs := decode(t, read(t, "beteckning."+format))
			out, err := encode(bs)
			require.NoError(t, err)
			wiretest.Golden(t, filepath.Join("testdata", "golden", "beteckning."+format), out)
			back := decode(t, out)
			assert.Empty(t, cmp.Diff(bs, back, wiretest.CmpGeom()))
			again, err := encode(back)
			require.NoError(t, err)
			assert.Equal(t, string(out), string(again))
		})
	}
}

// TestXMLAndJSONAgree checks that the answer means the same in both
// formats.
func TestXMLAndJSONAgree(t *testing.T) {
	t.Parallel()
	x := decodeXML(t, read(t, "beteckning.xml"))
	j := decodeJSON(t, read(t, "beteckning.json"))
	assert.Empty(t, cmp.Diff(x, j, cmpopts.IgnoreFields(rb.Beteckning{}, "ID"),
		cmpopts.IgnoreFields(geometry.Property{}, "ID"), wiretest.CmpGeom()))
	require.Len(t, x, 3)
	assert.Equal(t, "Gävle Varva 2:3", x[0].Registerbeteckning[0].Text())
	assert.Equal(t, "Stockholm Järnet 8", x[1].Registerbeteckning[0].Text())
	assert.Equal(t, "Samfällighet", x[1].Registerenhetsreferens.Typ)
	assert.Nil(t, x[2].Registerenhetsreferens)
	assert.Equal(t, "avregistrerad", x[2].Gemensamhetsanlaggningsreferens.Objektstatus)
}

// TestReferens reads the free-text search answer.
func TestReferens(t *testing.T) {
	t.Parallel()
	var refs []rb.Referens
	require.NoError(t, json.Unmarshal(read(t, "referens.json"), &refs))
	assert.Equal(t, []rb.Referens{
		{Objektidentitet: "7a000000-0000-4000-8000-000000000001", Registerenhet: "909a6a62-7d8b-90ec-e040-ed8f66444c3f",
			Registerenhetstyp: "Fastighet", Beteckning: "Gävle Varva 2:3"},
		{Objektidentitet: "7a000000-0000-4000-8000-000000000004", Gemensamhetsanlaggning: "11111111-2222-4333-8444-555555555555",
			Beteckning: "Gävle Varva ga:1"},
	}, refs)
}
