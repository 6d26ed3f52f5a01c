package adress42_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/adress42"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/wiretest"
)

// inputs are the answers in testdata, shaped as the specification's
// skeletons, each in XML and JSON.
var inputs = []string{"total", "id", "basinformation", "berorkrets", "codes"}

func decodeXML(t *testing.T, data []byte) []adress42.Belagenhetsadress {
	t.Helper()
	var r adress42.BelagenhetsadressResponse
	require.NoError(t, direkt.UnmarshalXML(data, &r))
	out := make([]adress42.Belagenhetsadress, 0, len(r.Members))
	for _, m := range r.Members {
		out = append(out, m.Belagenhetsadress)
	}
	return out
}

func decodeJSON(t *testing.T, data []byte) []adress42.Belagenhetsadress {
	t.Helper()
	var fc adress42.FeatureCollection
	require.NoError(t, json.Unmarshal(data, &fc))
	return fc.Adresser()
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// TestGolden decodes each answer, encodes it again and compares with the
// golden file; decoding the output gives the same structs back and
// encoding is stable.
func TestGolden(t *testing.T) {
	t.Parallel()
	for _, name := range inputs {
		for _, format := range []string{"xml", "json"} {
			t.Run(name+"."+format, func(t *testing.T) {
				t.Parallel()
				decode, encode := decodeXML, func(as []adress42.Belagenhetsadress) ([]byte, error) {
					return direkt.MarshalXML(adress42.NewResponse(as))
				}
				if format == "json" {
					decode, encode = decodeJSON, func(as []adress42.Belagenhetsadress) ([]byte, error) {
						return direkt.MarshalJSON(adress42.NewFeatureCollection(as))
					}
				}
				as := decode(t, read(t, name+"."+format))
				out, err := encode(as)
				require.NoError(t, err)
				wiretest.Golden(t, filepath.Join("testdata", "golden", name+"."+format), out)
				back := decode(t, out)
				assert.Empty(t, cmp.Diff(as, back, wiretest.CmpGeom(), cmpopts.IgnoreFields(adress42.Belagenhetsadress{}, "ID")))
				again, err := encode(back)
				require.NoError(t, err)
				assert.Equal(t, string(out), string(again))
			})
		}
	}
}

// TestXMLAndJSONAgree checks that each answer means the same in both
// formats, leaving out what only XML carries.
func TestXMLAndJSONAgree(t *testing.T) {
	t.Parallel()
	xmlOnly := cmp.Options{
		cmpopts.IgnoreFields(adress42.Belagenhetsadress{}, "ID", "BoundedBy"),
		cmpopts.IgnoreFields(geometry.Property{}, "ID"),
		wiretest.CmpGeom(),
	}
	for _, name := range inputs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.Empty(t, cmp.Diff(decodeXML(t, read(t, name+".xml")), decodeJSON(t, read(t, name+".json")), xmlOnly))
		})
	}
}

// TestDecodeTotal checks the richest answer field by field in both formats.
func TestDecodeTotal(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"xml", "json"} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			as := decodeXML
			if format == "json" {
				as = decodeJSON
			}
			got := as(t, read(t, "total."+format))
			require.Len(t, got, 1)
			a := got[0]
			require.NotNil(t, a.Adressplatsattribut)
			attr := a.Adressplatsattribut
			assert.Equal(t, int64(1), attr.Objektversion)
			assert.Equal(t, &adress42.Adressplatsbeteckning{Adressplatsnummer: "7", Bokstavstillagg: "A",
				Lagestillagg: "U", Lagestillaggsnummer: 2}, attr.Adressplatsbeteckning)
			assert.Equal(t, "Gatuadressplats", attr.Adressplatstyp)
			assert.Equal(t, "Ingång", attr.Insamlingslage)
			assert.Equal(t, direkt.Number("11264"), attr.Postnummer)
			pt, ok := attr.Adressplatspunkt.Geometry.(*geom.Point)
			require.True(t, ok, "adressplatspunkt is %T", attr.Adressplatspunkt.Geometry)
			assert.Equal(t, 3006, pt.SRID())
			assert.InDelta(t, 674032.5, pt.X(), wiretest.Tolerance, "easting")
			assert.InDelta(t, 6580822.25, pt.Y(), wiretest.Tolerance, "northing")
			require.NotNil(t, a.Adressomrade)
			assert.Equal(t, "Segelbåtsvägen", a.Adressomrade.FaststalltNamn)
			assert.Equal(t, &adress42.Kommun{Kommunkod: "0180", Kommunnamn: "Stockholm"}, a.Adressomrade.Kommundel.Kommun)
			assert.Nil(t, a.Gardsadressomrade)
			assert.Len(t, a.Adressplatsanmarkning, 2)
			assert.Equal(t, "Brygga", a.AdressattAnlaggning.Anlaggningstyp)
			assert.Equal(t, "Bromma", a.Distriktstillhorighet.Distriktsnamn)
			assert.Equal(t, &adress42.Registerenhetsreferens{Objektidentitet: "909a6a62-7d8b-90ec-e040-ed8f66444c3f",
				Beteckning: "Stockholm Segelbåten 1", Typ: "Fastighet"}, a.Registerenhetsreferens)
			assert.Equal(t, direkt.Number("9876"), a.Adressplatsnamn.Ortid)
		})
	}
}

// TestDecodeSubsets checks what each includeData subset leaves out.
func TestDecodeSubsets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		attribut bool
		property bool
	}{
		{name: "id"},
		{name: "basinformation", attribut: true},
		{name: "berorkrets", property: true},
		{name: "total", attribut: true, property: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, as := range [][]adress42.Belagenhetsadress{decodeXML(t, read(t, tt.name+".xml")), decodeJSON(t, read(t, tt.name+".json"))} {
				require.NotEmpty(t, as)
				assert.Equal(t, tt.attribut, as[0].Adressplatsattribut != nil, "Adressplatsattribut")
				assert.Equal(t, tt.property, as[0].Registerenhetsreferens != nil, "Registerenhetsreferens")
			}
		})
	}
}

// TestEncodeShape checks the encoded root against the skeleton.
func TestEncodeShape(t *testing.T) {
	t.Parallel()
	out, err := direkt.MarshalXML(adress42.NewResponse(decodeXML(t, read(t, "total.xml"))))
	require.NoError(t, err)
	s := string(out)
	assert.Contains(t, s, `<BelagenhetsadressResponse xmlns="http://namespace.lantmateriet.se/distribution/produkter/belagenhetsadress/v4.2" xmlns:gml="http://www.opengis.net/gml/3.2" gml:id="response">`)
	assert.Contains(t, s, `<Belagenhetsadress gml:id="ID_a1d2c3b4-0000-4000-8000-000000000007">`)
	assert.Contains(t, s, `<gml:pos>6580822.25 674032.5</gml:pos>`, "northing first")
	assert.Equal(t, 1, strings.Count(s, "xmlns:gml="))
	assert.NotContains(t, s, "framtida")
}

// TestReferens reads the free-text and geometry search answers, with and
// without splitAdress.
func TestReferens(t *testing.T) {
	t.Parallel()
	var plain []adress42.Referens
	require.NoError(t, json.Unmarshal(read(t, "referens.json"), &plain))
	require.Len(t, plain, 2)
	assert.Equal(t, "Segelbåtsvägen 7A, 112 64 Stockholm", plain[0].Adress)
	assert.Nil(t, plain[0].AdressComponents)

	var split []adress42.Referens
	require.NoError(t, json.Unmarshal(read(t, "referens_split.json"), &split))
	require.Len(t, split, 1)
	assert.Equal(t, &adress42.AdressComponents{Kommun: "Stockholm", Kommundel: "Stockholm", Adressomrade: "Segelbåtsvägen",
		Adressplatsnummer: "7", Bokstavstillagg: "A", Lagestillagg: "U", Lagestillaggsnummer: "2",
		Postnummer: "11264", Postort: "Stockholm"}, split[0].AdressComponents)
}
