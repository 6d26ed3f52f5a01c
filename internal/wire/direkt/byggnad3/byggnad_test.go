package byggnad3_test

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
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/byggnad3"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/wiretest"
)

// inputs are the answers in testdata, shaped as the specification's
// skeletons, each in XML and JSON.
var inputs = []string{"total", "id", "basinformation", "geometri", "berorkrets", "codes"}

func decodeXML(t *testing.T, data []byte) byggnad3.ByggnadResponse {
	t.Helper()
	var r byggnad3.ByggnadResponse
	require.NoError(t, direkt.UnmarshalXML(data, &r))
	return r
}

func decodeJSON(t *testing.T, data []byte) byggnad3.FeatureCollection {
	t.Helper()
	var fc byggnad3.FeatureCollection
	require.NoError(t, json.Unmarshal(data, &fc))
	return fc
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

func members(r byggnad3.ByggnadResponse) []byggnad3.Byggnad {
	out := make([]byggnad3.Byggnad, 0, len(r.Members))
	for _, m := range r.Members {
		out = append(out, m.Byggnad)
	}
	return out
}

// TestGoldenXML decodes each XML answer, encodes it again and compares
// with the golden file; decoding the output gives the same structs back
// and encoding those gives the same bytes (encoding is deterministic).
func TestGoldenXML(t *testing.T) {
	t.Parallel()
	for _, name := range inputs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := decodeXML(t, read(t, name+".xml"))
			out, err := direkt.MarshalXML(r)
			require.NoError(t, err)
			wiretest.Golden(t, filepath.Join("testdata", "golden", name+".xml"), out)

			back := decodeXML(t, out)
			assert.Empty(t, cmp.Diff(r, back, wiretest.CmpGeom()))
			again, err := direkt.MarshalXML(back)
			require.NoError(t, err)
			assert.Equal(t, string(out), string(again))
		})
	}
}

// TestGoldenJSON is TestGoldenXML for the JSON answers.
func TestGoldenJSON(t *testing.T) {
	t.Parallel()
	for _, name := range inputs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fc := decodeJSON(t, read(t, name+".json"))
			out, err := direkt.MarshalJSON(byggnad3.NewFeatureCollection(fc.Byggnader()))
			require.NoError(t, err)
			wiretest.Golden(t, filepath.Join("testdata", "golden", name+".json"), out)

			back := decodeJSON(t, out)
			assert.Empty(t, cmp.Diff(fc.Byggnader(), back.Byggnader(), wiretest.CmpGeom()))
			again, err := direkt.MarshalJSON(byggnad3.NewFeatureCollection(back.Byggnader()))
			require.NoError(t, err)
			assert.Equal(t, string(out), string(again))
		})
	}
}

// TestXMLAndJSONAgree checks that each answer means the same in both
// formats: what only XML carries (gml:ids, bounding boxes) is left out.
func TestXMLAndJSONAgree(t *testing.T) {
	t.Parallel()
	xmlOnly := cmp.Options{
		cmpopts.IgnoreFields(byggnad3.Byggnad{}, "ID", "BoundedBy"),
		cmpopts.IgnoreFields(geometry.Property{}, "ID"),
		wiretest.CmpGeom(),
	}
	for _, name := range inputs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			x := members(decodeXML(t, read(t, name+".xml")))
			j := decodeJSON(t, read(t, name+".json")).Byggnader()
			assert.Empty(t, cmp.Diff(x, j, xmlOnly))
		})
	}
}

// TestDecodeTotal checks the values of the richest answer field by field,
// in both formats.
func TestDecodeTotal(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"xml", "json"} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			var bs []byggnad3.Byggnad
			if format == "xml" {
				bs = members(decodeXML(t, read(t, "total.xml")))
			} else {
				bs = decodeJSON(t, read(t, "total.json")).Byggnader()
			}
			require.Len(t, bs, 1)
			b := bs[0]
			assert.Equal(t, "39722cbb-f8b9-404b-a045-c5e6175f1001", b.Objektidentitet)
			assert.Equal(t, "Gällande", b.Objektstatus)
			require.NotNil(t, b.Byggnadsattribut)
			assert.Equal(t, byggnad3.Byggnadsattribut{
				Objektidentitet: "39722cbb-f8b9-404b-a045-c5e6175f1001", Objektversion: 3,
				VersionGiltigFran: "2056-10-22T23:58:21.345+02:00", Husnummer: 3, Nybyggnadsar: 1962,
				Huvudbyggnad: true, Tillbyggnadsar: 1998, Byggnadsservitut: true,
			}, *b.Byggnadsattribut)
			// The unknown Okandandamal element is not a purpose.
			assert.Equal(t, []byggnad3.Andamal{
				{Typ: "Bostad", Andamal: "Småhus friliggande", Huvudandamal: true, TotalBoarea: "162.5"},
				{Typ: "Komplementbyggnad", Andamal: "Garage", OsakertAndamal: true},
			}, b.Byggnadsandamal)
			require.Len(t, b.Entre, 1)
			require.Len(t, b.Entre[0].Lagenhet, 1)
			assert.Equal(t, "1102", b.Entre[0].Lagenhet[0].Lagenhetsnummer)
			assert.Equal(t, direkt.Number("162.0"), b.Entre[0].Lagenhet[0].Bostadsarea)
			assert.Equal(t, "Segelbåtsvägen 7A", b.Entre[0].Adressplats.Adress)
			require.NotNil(t, b.Verksamhetsatgard)
			assert.Equal(t, "Ändrad byggnadsinformation", b.Verksamhetsatgard.Atgardstyp)

			require.Len(t, b.Byggnadsdel, 2)
			d := b.Byggnadsdel[0]
			assert.Equal(t, "Takkant", d.Insamlingslage)
			poly, ok := d.Byggnadsyta.Geometry.(*geom.Polygon)
			require.True(t, ok, "byggnadsyta is %T", d.Byggnadsyta.Geometry)
			assert.Equal(t, 3006, poly.SRID())
			assert.Equal(t, 2, poly.NumLinearRings())
			// go-geom order is easting, northing whatever the wire order.
			assert.Equal(t, []float64{617000, 6729000}, []float64(poly.Coord(0)))
			require.NotNil(t, d.LagesnoggrannhetPlan)
			assert.Equal(t, &byggnad3.Resultat{StatistiskMetod: "medelfel", Varde: "0.2", Vardeenhet: "meter"}, d.LagesnoggrannhetPlan.Resultat)
			assert.True(t, d.LagesnoggrannhetHojd.IngenInformation)

			require.NotNil(t, b.LiggerPa)
			assert.Equal(t, direkt.OneOrMany[byggnad3.Registerenhetsreferens]{{
				Objektidentitet: "909a6a62-7d8b-90ec-e040-ed8f66444c3f", Fastighetsnyckel: "218012345",
				Beteckning: "Gävle Varva 2:3", Typ: "Fastighet",
			}}, b.LiggerPa.Registerenhetsreferens)
			assert.Equal(t, "2180-123456", b.Taxeringsenhet.Taxeringsenhetsidentitet)
			assert.Nil(t, b.Varderingsenhet)
		})
	}
}

// TestDecodeSubsets checks what each includeData subset leaves out.
func TestDecodeSubsets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		attribut  bool
		parts     bool
		relations bool
	}{
		{name: "id"},
		{name: "basinformation", attribut: true},
		{name: "geometri", parts: true},
		{name: "berorkrets", relations: true},
		{name: "total", attribut: true, parts: true, relations: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, b := range [][]byggnad3.Byggnad{
				members(decodeXML(t, read(t, tt.name+".xml"))),
				decodeJSON(t, read(t, tt.name+".json")).Byggnader(),
			} {
				require.NotEmpty(t, b)
				assert.Equal(t, tt.attribut, b[0].Byggnadsattribut != nil, "Byggnadsattribut")
				assert.Equal(t, tt.parts, len(b[0].Byggnadsdel) > 0, "Byggnadsdel")
				assert.Equal(t, tt.relations, b[0].LiggerPa != nil, "LiggerPa")
			}
		})
	}
}

// TestEncodeShape checks the encoded root against the specification's
// skeleton: default namespace, lmfault and gml declared once on the root,
// gml:id attributes, and no namespace prefixes invented by encoding/xml.
func TestEncodeShape(t *testing.T) {
	t.Parallel()
	out, err := direkt.MarshalXML(decodeXML(t, read(t, "total.xml")))
	require.NoError(t, err)
	s := string(out)
	assert.Contains(t, s, `<ByggnadResponse xmlns="http://namespace.lantmateriet.se/distribution/produkter/byggnad/v3" xmlns:lmfault="http://namespace.lantmateriet.se/distribution/produkter/fault/v1" xmlns:gml="http://www.opengis.net/gml/3.2" gml:id="response">`)
	assert.Contains(t, s, `<Byggnad gml:id="ID_39722cbb-f8b9-404b-a045-c5e6175f1001">`)
	assert.Contains(t, s, `<gml:Polygon srsName="urn:ogc:def:crs:EPSG::3006" gml:id="yta1">`)
	assert.Equal(t, 1, strings.Count(s, "xmlns:gml="), "xmlns:gml only on the root")
	assert.NotContains(t, s, "_xmlns")
	assert.NotContains(t, s, "xmlns:ns")
	assert.NotContains(t, s, "Okandandamal")
	assert.NotContains(t, s, "framtida")
}

// TestNewResponse checks the gml:ids and boxes NewResponse adds.
func TestNewResponse(t *testing.T) {
	t.Parallel()
	poly := geom.NewPolygonFlat(geom.XY, []float64{617000, 6729000, 617010, 6729000, 617010, 6729010, 617000, 6729000}, []int{8}).SetSRID(3006)
	r := byggnad3.NewResponse([]byggnad3.Byggnad{
		{Objektidentitet: "a", Byggnadsdel: []byggnad3.Byggnadsdel{{Byggnadsyta: direkt.NewGeometry(poly)}}},
		{Objektidentitet: "b"},
	})
	assert.Equal(t, direkt.GMLID("response"), r.ID)
	assert.Equal(t, direkt.GMLID("ID_a"), r.Members[0].Byggnad.ID)
	assert.Equal(t, &geometry.Envelope{SRID: 3006, MinX: 617000, MinY: 6729000, MaxX: 617010, MaxY: 6729010}, r.BoundedBy.Envelope)
	assert.Nil(t, r.Members[1].Byggnad.BoundedBy.Envelope)
}

// TestReferens reads both shapes the reference operations may answer.
func TestReferens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []byggnad3.Referens
	}{
		{"uuids", `["39722cbb-f8b9-404b-a045-c5e6175f1001","39722cbb-f8b9-404b-a045-c5e6175f1002"]`,
			[]byggnad3.Referens{{"39722cbb-f8b9-404b-a045-c5e6175f1001"}, {"39722cbb-f8b9-404b-a045-c5e6175f1002"}}},
		{"objects", `[{"objektidentitet":"39722cbb-f8b9-404b-a045-c5e6175f1001","ovrigt":1}]`,
			[]byggnad3.Referens{{"39722cbb-f8b9-404b-a045-c5e6175f1001"}}},
		{"empty", `[]`, []byggnad3.Referens{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []byggnad3.Referens
			require.NoError(t, json.Unmarshal([]byte(tt.in), &got))
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestGeometriRequest checks the geometry-search body: grid coordinates
// easting first with the crs member, and the buffer.
func TestGeometriRequest(t *testing.T) {
	t.Parallel()
	pt := geom.NewPointFlat(geom.XY, []float64{617000, 6729000}).SetSRID(3006)
	out, err := json.Marshal(byggnad3.GeometriRequest{Geometri: direkt.NewGeometry(pt), Buffer: 25})
	require.NoError(t, err)
	assert.JSONEq(t, `{"geometri":{"type":"Point","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3006"}},"coordinates":[617000,6729000]},"buffer":25}`, string(out))
}
