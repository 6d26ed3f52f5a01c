package geometry

import (
	"encoding/xml"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGMLRoundTrip: decode(encode(g)) == g, exactly, for every type, 2D and 3D, every srsName
// form, in a local zone, in a compound CRS and in geographic coordinates.
func TestGMLRoundTrip(t *testing.T) {
	t.Parallel()
	type variant struct {
		name   string
		layout geom.Layout
		srid   int
	}
	variants := []variant{
		{"3011 2D", geom.XY, SWEREF99_1800},
		{"3011 3D", geom.XYZ, SWEREF99_1800},
		{"5850 3D", geom.XYZ, SWEREF99_1800_RH2000},
		{"3006 2D", geom.XY, SWEREF99TM},
		{"4619 2D", geom.XY, SWEREF99Geographic},
		{"4619 3D", geom.XYZ, SWEREF99Geographic},
	}
	forms := []SRSNameForm{URN, HTTPURI, EPSGColon, EPSGXMLURL}
	for _, v := range variants {
		fx := fixtures(v.layout, SWEREF99_1800)
		for name, g := range fx {
			if v.srid != SWEREF99_1800 {
				var err error
				g, err = Transform(g, v.srid)
				require.NoError(t, err)
			}
			for _, form := range forms {
				t.Run(v.name+"/"+name+"/"+form.String(), func(t *testing.T) {
					t.Parallel()
					b, err := MarshalGML(g, &GMLOptions{ID: "g1", SRSNameForm: form, MemberIDPrefix: "g1."})
					require.NoError(t, err)
					assert.Contains(t, string(b), `srsName="`+FormatSRSName(v.srid, form)+`"`)
					back, err := UnmarshalGML(b)
					require.NoError(t, err, "%s", b)
					assertGeomEqual(t, g, back, 0)
				})
			}
		}
	}
}

// TestGMLGolden pins the exact bytes written. Regenerate with go test ./geometry -run
// TestGMLGolden -update.
func TestGMLGolden(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		g    geom.T
		opts *GMLOptions
	}{}
	for name, g := range fixtures(geom.XY, SWEREF99_1800) {
		cases["3011_"+name] = struct {
			g    geom.T
			opts *GMLOptions
		}{g, &GMLOptions{ID: "id-" + strings.ToLower(name), MemberIDPrefix: "id-" + strings.ToLower(name) + "."}}
	}
	fx3 := fixtures(geom.XYZ, SWEREF99_1800_RH2000)
	cases["5850_Polygon"] = struct {
		g    geom.T
		opts *GMLOptions
	}{fx3["Polygon"], &GMLOptions{ID: "yta1"}}
	// Hand-written degrees: a transformed point's last bits may differ between CPU architectures.
	ll := geom.NewPointFlat(geom.XY, []float64{17.970612345, 59.361234567}).SetSRID(SWEREF99Geographic)
	cases["4619_Point_http"] = struct {
		g    geom.T
		opts *GMLOptions
	}{ll, &GMLOptions{SRSNameForm: HTTPURI}}
	cases["3011_LineString_nons"] = struct {
		g    geom.T
		opts *GMLOptions
	}{fixtures(geom.XY, SWEREF99_1800)["LineString"], &GMLOptions{OmitNamespaceDecl: true, SRSNameForm: EPSGColon}}

	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		c := cases[name]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := MarshalGML(c.g, c.opts)
			require.NoError(t, err)
			again, err := MarshalGML(c.g, c.opts)
			require.NoError(t, err)
			assert.Equal(t, got, again, "output must be deterministic")
			path := filepath.Join("testdata", "golden", name+".gml")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, got, 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run with -update to create the golden file")
			assert.Equal(t, string(want), string(got))
		})
	}
}

func TestMarshalGMLNumbers(t *testing.T) {
	t.Parallel()
	p := geom.NewPointFlat(geom.XYZ, []float64{150000.25, 6500000.000001, 1e-7}).SetSRID(SWEREF99_1800)
	b, err := MarshalGML(p, nil)
	require.NoError(t, err)
	// Shortest round-trip digits, never an exponent.
	assert.Equal(t, `<gml:Point xmlns:gml="http://www.opengis.net/gml/3.2" srsName="urn:ogc:def:crs:EPSG::3011" srsDimension="3"><gml:pos>6500000.000001 150000.25 0.0000001</gml:pos></gml:Point>`, string(b))

	// Values with no short decimal form still come back bit for bit.
	x := 150000.0
	for _, d := range []float64{0.1, 0.2, 1.0 / 3} {
		x += d
	}
	p = geom.NewPointFlat(geom.XYZ, []float64{x, math.Nextafter(6500000, 7e6), 5e-324}).SetSRID(SWEREF99_1800)
	b, err = MarshalGML(p, nil)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "e-")
	back, err := UnmarshalGML(b)
	require.NoError(t, err)
	assertGeomEqual(t, p, back, 0)
}

func TestMarshalGMLErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		g    geom.T
		want error
	}{
		{"nil", nil, ErrUnsupportedGeometry},
		{"no srid", geom.NewPointFlat(geom.XY, []float64{1, 2}), ErrUnknownCRS},
		{"unknown srid", geom.NewPointFlat(geom.XY, []float64{1, 2}).SetSRID(4326), ErrUnknownCRS},
		{"xym", geom.NewPointFlat(geom.XYM, []float64{1, 2, 3}).SetSRID(3006), ErrUnsupportedGeometry},
		{"xyzm", geom.NewPointFlat(geom.XYZM, []float64{1, 2, 3, 4}).SetSRID(3006), ErrUnsupportedGeometry},
		{"empty point", geom.NewPointEmpty(geom.XY).SetSRID(3006), ErrUnsupportedGeometry},
		{"empty polygon", geom.NewPolygon(geom.XY).SetSRID(3006), ErrUnsupportedGeometry},
		{"linear ring", geom.NewLinearRingFlat(geom.XY, square(1, 2, 3, true)).SetSRID(3006), ErrUnsupportedGeometry},
		{"nan", geom.NewPointFlat(geom.XY, []float64{1, nan()}).SetSRID(3006), ErrUnsupportedGeometry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := MarshalGML(tt.g, nil)
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

// lmPolygon is shaped like the GML 3.2 Lantmäteriet writes (srsName URN on the geometry, gml:id,
// posList northing first), embedded in a response element that declares the namespaces.
const lmBuilding = `<?xml version="1.0" encoding="UTF-8"?>
<byggnad:Byggnad xmlns:byggnad="http://namespace.lantmateriet.se/distribution/produkter/byggnad/v3"
    xmlns:gml="http://www.opengis.net/gml/3.2">
  <gml:boundedBy>
    <gml:Envelope srsName="urn:ogc:def:crs:EPSG::3006">
      <gml:lowerCorner>6762838 474137</gml:lowerCorner>
      <gml:upperCorner>6762860 474162</gml:upperCorner>
    </gml:Envelope>
  </gml:boundedBy>
  <byggnad:Yta>
    <gml:Polygon srsName="urn:ogc:def:crs:EPSG::3006" gml:id="yta.1">
      <gml:exterior>
        <gml:LinearRing>
          <gml:posList>6762838 474162 6762860 474162 6762860 474137 6762838 474137 6762838 474162</gml:posList>
        </gml:LinearRing>
      </gml:exterior>
    </gml:Polygon>
  </byggnad:Yta>
  <byggnad:Tom/>
</byggnad:Byggnad>`

type lmBuildingDoc struct {
	XMLName   xml.Name  `xml:"http://namespace.lantmateriet.se/distribution/produkter/byggnad/v3 Byggnad"`
	BoundedBy BoundedBy `xml:"http://www.opengis.net/gml/3.2 boundedBy"`
	Yta       Property  `xml:"http://namespace.lantmateriet.se/distribution/produkter/byggnad/v3 Yta"`
	Tom       Property  `xml:"http://namespace.lantmateriet.se/distribution/produkter/byggnad/v3 Tom"`
}

func TestPropertyAndBoundedByInStruct(t *testing.T) {
	t.Parallel()
	var doc lmBuildingDoc
	require.NoError(t, xml.Unmarshal([]byte(lmBuilding), &doc))
	require.NotNil(t, doc.Yta.Geometry)
	assert.Equal(t, "yta.1", doc.Yta.ID)
	want := geom.NewPolygonFlat(geom.XY, []float64{474162, 6762838, 474162, 6762860, 474137, 6762860, 474137, 6762838, 474162, 6762838}, []int{10}).SetSRID(3006)
	assertGeomEqual(t, want, doc.Yta.Geometry, 0)
	assert.Nil(t, doc.Tom.Geometry)
	assert.Equal(t, &Envelope{SRID: 3006, MinX: 474137, MinY: 6762838, MaxX: 474162, MaxY: 6762860}, doc.BoundedBy.Envelope)
	assert.Equal(t, EnvelopeOf(want), doc.BoundedBy.Envelope)

	// Writing it back produces prefixed GML and reads back to the same thing.
	out, err := xml.Marshal(doc)
	require.NoError(t, err)
	s := string(out)
	assert.Contains(t, s, `<gml:boundedBy xmlns:gml="http://www.opengis.net/gml/3.2"><gml:Envelope srsName="urn:ogc:def:crs:EPSG::3006" srsDimension="2"><gml:lowerCorner>6762838 474137</gml:lowerCorner><gml:upperCorner>6762860 474162</gml:upperCorner></gml:Envelope></gml:boundedBy>`)
	assert.Contains(t, s, `<gml:Polygon xmlns:gml="http://www.opengis.net/gml/3.2" srsName="urn:ogc:def:crs:EPSG::3006" gml:id="yta.1">`)
	assert.NotContains(t, s, "Tom", "a nil property is omitted")
	var back lmBuildingDoc
	require.NoError(t, xml.Unmarshal(out, &back))
	assertGeomEqual(t, doc.Yta.Geometry, back.Yta.Geometry, 0)
	assert.Equal(t, doc.BoundedBy.Envelope, back.BoundedBy.Envelope)

	// OmitNamespaceDecl leaves the declaration to the document root.
	doc.Yta.OmitNamespaceDecl, doc.BoundedBy.OmitNamespaceDecl = true, true
	out, err = xml.Marshal(doc)
	require.NoError(t, err)
	assert.NotContains(t, string(out), "xmlns:gml")
}

func TestBoundedByNull(t *testing.T) {
	t.Parallel()
	type withBB struct {
		BB BoundedBy `xml:"http://www.opengis.net/gml/3.2 boundedBy"`
	}
	var doc withBB
	in := `<r xmlns:gml="http://www.opengis.net/gml/3.2"><gml:boundedBy><gml:Null>unknown</gml:Null></gml:boundedBy></r>`
	require.NoError(t, xml.Unmarshal([]byte(in), &doc))
	assert.Nil(t, doc.BB.Envelope)
	out, err := xml.Marshal(doc)
	require.NoError(t, err)
	assert.NotContains(t, string(out), "boundedBy", "a nil envelope is omitted")

	in = `<r xmlns:gml="http://www.opengis.net/gml/3.2"><gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::3006"><gml:lowerCorner>474137 6762838</gml:lowerCorner><gml:upperCorner>474162 6762860</gml:upperCorner></gml:Envelope></gml:boundedBy></r>`
	assert.ErrorIs(t, xml.Unmarshal([]byte(in), &doc), ErrSwappedAxes)
}

func TestEnvelopeStandalone(t *testing.T) {
	t.Parallel()
	env := Envelope{SRID: 3011, MinX: 147350.5, MinY: 6585220.25, MaxX: 147400, MaxY: 6585300}
	out, err := xml.Marshal(env)
	require.NoError(t, err)
	assert.Equal(t, `<gml:Envelope xmlns:gml="http://www.opengis.net/gml/3.2" srsName="urn:ogc:def:crs:EPSG::3011" srsDimension="2"><gml:lowerCorner>6585220.25 147350.5</gml:lowerCorner><gml:upperCorner>6585300 147400</gml:upperCorner></gml:Envelope>`, string(out))
	var back Envelope
	require.NoError(t, xml.Unmarshal(out, &back))
	assert.Equal(t, env, back)

	_, err = xml.Marshal(Envelope{SRID: 1})
	assert.ErrorIs(t, err, ErrUnknownCRS)
	assert.Nil(t, EnvelopeOf(nil))
	assert.Nil(t, EnvelopeOf(geom.NewPolygon(geom.XY)))
	p3 := fixtures(geom.XYZ, SWEREF99_1800_RH2000)["Polygon"]
	assert.Equal(t, SWEREF99_1800, EnvelopeOf(p3).SRID, "an envelope is 2D: compound → horizontal code")
}

// TestUnmarshalGMLVariants reads the spellings other producers use.
func TestUnmarshalGMLVariants(t *testing.T) {
	t.Parallel()
	sq := geom.NewPolygonFlat(geom.XY, []float64{150000, 6500000, 150010, 6500000, 150010, 6500010, 150000, 6500000}, []int{8}).SetSRID(3011)
	sq3 := geom.NewPolygonFlat(geom.XYZ, []float64{150000, 6500000, 1, 150010, 6500000, 2, 150010, 6500010, 3, 150000, 6500000, 1}, []int{12}).SetSRID(5850)
	ring := `<gml:LinearRing><gml:posList>6500000 150000 6500000 150010 6500010 150010 6500000 150000</gml:posList></gml:LinearRing>`
	tests := []struct {
		name string
		in   string
		want geom.T
	}{
		{"gml 3.1.1 namespace", `<gml:Polygon xmlns:gml="http://www.opengis.net/gml" srsName="EPSG:3011"><gml:exterior>` + ring + `</gml:exterior></gml:Polygon>`, sq},
		{"undeclared gml prefix", `<gml:Polygon srsName="urn:ogc:def:crs:EPSG::3011"><gml:exterior>` + ring + `</gml:exterior></gml:Polygon>`, sq},
		{"default namespace", `<Polygon xmlns="http://www.opengis.net/gml/3.2" srsName="urn:ogc:def:crs:EPSG::3011"><exterior>` + strings.ReplaceAll(ring, "gml:", "") + `</exterior></Polygon>`, sq},
		{"surface with patch", `<gml:Surface srsName="urn:ogc:def:crs:EPSG::3011" gml:id="s1"><gml:patches><gml:PolygonPatch><gml:exterior>` + ring + `</gml:exterior></gml:PolygonPatch></gml:patches></gml:Surface>`, sq},
		{"gml 2 boundaries and coordinates", `<gml:Polygon xmlns:gml="http://www.opengis.net/gml" srsName="http://www.opengis.net/gml/srs/epsg.xml#3011"><gml:outerBoundaryIs><gml:LinearRing><gml:coordinates>6500000,150000 6500000,150010 6500010,150010 6500000,150000</gml:coordinates></gml:LinearRing></gml:outerBoundaryIs></gml:Polygon>`, sq},
		{"coordinates with custom separators", `<gml:Polygon srsName="EPSG:3011"><gml:exterior><gml:LinearRing><gml:coordinates cs=" " ts=";" decimal=",">6500000,0 150000;6500000 150010;6500010 150010;6500000 150000</gml:coordinates></gml:LinearRing></gml:exterior></gml:Polygon>`, sq},
		{"pos elements", `<gml:Polygon srsName="urn:ogc:def:crs:EPSG::3011"><gml:exterior><gml:LinearRing><gml:pos>6500000 150000</gml:pos><gml:pos>6500000 150010</gml:pos><gml:pos>6500010 150010</gml:pos><gml:pos>6500000 150000</gml:pos></gml:LinearRing></gml:exterior></gml:Polygon>`, sq},
		{"srsDimension on posList", `<gml:Polygon srsName="urn:ogc:def:crs:EPSG::5850"><gml:exterior><gml:LinearRing><gml:posList srsDimension="3">6500000 150000 1 6500000 150010 2 6500010 150010 3 6500000 150000 1</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>`, sq3},
		{"compound defaults to 3D", `<gml:Polygon srsName="urn:ogc:def:crs:EPSG::5850"><gml:exterior><gml:LinearRing><gml:posList>6500000 150000 1 6500000 150010 2 6500010 150010 3 6500000 150000 1</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>`, sq3},
		{"compound urn", `<gml:Polygon srsName="urn:ogc:def:crs,crs:EPSG::3011,crs:EPSG::5613" srsDimension="3"><gml:exterior><gml:LinearRing><gml:posList>6500000 150000 1 6500000 150010 2 6500010 150010 3 6500000 150000 1</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>`, sq3},
		{"white space everywhere", "<gml:Polygon srsName=' urn:ogc:def:crs:EPSG::3011 '>\n <gml:exterior>\n  <gml:LinearRing>\n   <gml:posList>\n\t6500000 150000\n 6500000 150010\n 6500010 150010\n 6500000 150000\n</gml:posList>\n  </gml:LinearRing>\n </gml:exterior>\n</gml:Polygon>", sq},
		{"curve with segments", `<gml:Curve srsName="urn:ogc:def:crs:EPSG::3011"><gml:segments><gml:LineStringSegment><gml:posList>6500000 150000 6500000 150010</gml:posList></gml:LineStringSegment><gml:LineStringSegment><gml:posList>6500000 150010 6500010 150010</gml:posList></gml:LineStringSegment></gml:segments></gml:Curve>`,
			geom.NewLineStringFlat(geom.XY, []float64{150000, 6500000, 150010, 6500000, 150010, 6500010}).SetSRID(3011)},
		{"multisurface with surfaceMembers", `<gml:MultiSurface srsName="urn:ogc:def:crs:EPSG::3011"><gml:surfaceMembers><gml:Polygon><gml:exterior>` + ring + `</gml:exterior></gml:Polygon></gml:surfaceMembers></gml:MultiSurface>`,
			geom.NewMultiPolygonFlat(geom.XY, sq.FlatCoords(), [][]int{{8}}).SetSRID(3011)},
		{"multipolygon with polygonMember", `<gml:MultiPolygon srsName="urn:ogc:def:crs:EPSG::3011"><gml:polygonMember><gml:Polygon><gml:exterior>` + ring + `</gml:exterior></gml:Polygon></gml:polygonMember></gml:MultiPolygon>`,
			geom.NewMultiPolygonFlat(geom.XY, sq.FlatCoords(), [][]int{{8}}).SetSRID(3011)},
		{"multilinestring", `<gml:MultiLineString srsName="urn:ogc:def:crs:EPSG::3011"><gml:lineStringMember><gml:LineString><gml:posList>6500000 150000 6500000 150010</gml:posList></gml:LineString></gml:lineStringMember></gml:MultiLineString>`,
			geom.NewMultiLineStringFlat(geom.XY, []float64{150000, 6500000, 150010, 6500000}, []int{4}).SetSRID(3011)},
		{"empty multisurface", `<gml:MultiSurface srsName="urn:ogc:def:crs:EPSG::3011"/>`, geom.NewMultiPolygon(geom.XY).SetSRID(3011)},
		{"point with 3 numbers and no srsDimension", `<gml:Point srsName="urn:ogc:def:crs:EPSG::5850"><gml:pos>6500000 150000 12.5</gml:pos></gml:Point>`,
			geom.NewPointFlat(geom.XYZ, []float64{150000, 6500000, 12.5}).SetSRID(5850)},
		{"4619 lat first", `<gml:Point srsName="urn:ogc:def:crs:EPSG::4619"><gml:pos>59.3 18.05</gml:pos></gml:Point>`,
			geom.NewPointFlat(geom.XY, []float64{18.05, 59.3}).SetSRID(4619)},
		{"rt 90", `<gml:Point srsName="urn:ogc:def:crs:EPSG::3847"><gml:pos>7453389.762 1727060.905</gml:pos></gml:Point>`,
			geom.NewPointFlat(geom.XY, []float64{1727060.905, 7453389.762}).SetSRID(3847)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g, err := UnmarshalGML([]byte(tt.in))
			require.NoError(t, err)
			assertGeomEqual(t, tt.want, g, 0)
		})
	}
}

func TestUnmarshalGMLLegacyEastNorth(t *testing.T) {
	t.Parallel()
	in := []byte(`<gml:Point srsName="EPSG:3006"><gml:pos>474162 6762838</gml:pos></gml:Point>`)
	_, err := UnmarshalGML(in)
	require.ErrorIs(t, err, ErrSwappedAxes, "legacy forms are read northing first by default")
	g, err := UnmarshalGMLWithOptions(in, &GMLDecodeOptions{LegacyEastNorth: true})
	require.NoError(t, err)
	assertGeomEqual(t, geom.NewPointFlat(geom.XY, []float64{474162, 6762838}).SetSRID(3006), g, 0)
	// The option only applies to the ambiguous forms: a URN is always northing first.
	_, err = UnmarshalGMLWithOptions([]byte(`<gml:Point srsName="urn:ogc:def:crs:EPSG::3006"><gml:pos>474162 6762838</gml:pos></gml:Point>`), &GMLDecodeOptions{LegacyEastNorth: true})
	assert.ErrorIs(t, err, ErrSwappedAxes)
}

func TestUnmarshalGMLDefaultSRID(t *testing.T) {
	t.Parallel()
	in := []byte(`<gml:Point><gml:pos>6762838 474162</gml:pos></gml:Point>`)
	_, err := UnmarshalGML(in)
	require.ErrorIs(t, err, ErrInvalidGML)
	g, err := UnmarshalGMLWithOptions(in, &GMLDecodeOptions{DefaultSRID: 3006})
	require.NoError(t, err)
	assert.Equal(t, 3006, g.SRID())
	_, err = UnmarshalGMLWithOptions(in, &GMLDecodeOptions{DefaultSRID: 1})
	assert.ErrorIs(t, err, ErrUnknownCRS)
}

func TestUnmarshalGMLErrors(t *testing.T) {
	t.Parallel()
	pt := func(srs, pos string) string {
		return `<gml:Point srsName="` + srs + `"><gml:pos>` + pos + `</gml:pos></gml:Point>`
	}
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"empty input", ``, ErrInvalidGML},
		{"not xml", `{"type":"Point"}`, ErrInvalidGML},
		{"truncated", `<gml:Point srsName="EPSG:3006"><gml:pos>6500000 500000`, ErrInvalidGML},
		{"swapped tm", pt("urn:ogc:def:crs:EPSG::3006", "500000 6500000"), ErrSwappedAxes},
		{"swapped local zone", pt("urn:ogc:def:crs:EPSG::3011", "150000 6500000"), ErrSwappedAxes},
		{"swapped rt 90", pt("urn:ogc:def:crs:EPSG::3847", "1500000 6500000"), ErrSwappedAxes},
		{"swapped lon lat", pt("urn:ogc:def:crs:EPSG::4619", "18.05 59.3"), ErrSwappedAxes},
		{"swapped later vertex", `<gml:LineString srsName="urn:ogc:def:crs:EPSG::3006"><gml:posList>6500000 500000 500010 6500010</gml:posList></gml:LineString>`, ErrSwappedAxes},
		{"unknown crs", pt("urn:ogc:def:crs:EPSG::4326", "59 18"), ErrUnknownCRS},
		{"bad srsName", pt("wgs84", "59 18"), ErrInvalidSRSName},
		{"odd count", `<gml:LineString srsName="EPSG:3006"><gml:posList>6500000 500000 6500001</gml:posList></gml:LineString>`, ErrInvalidGML},
		{"not a number", pt("EPSG:3006", "6500000 abc"), ErrInvalidGML},
		{"nan", pt("EPSG:3006", "6500000 NaN"), ErrInvalidGML},
		{"inf", pt("EPSG:3006", "INF 500000"), ErrInvalidGML},
		{"one number", pt("EPSG:3006", "6500000"), ErrInvalidGML},
		{"bad srsDimension", `<gml:Point srsName="EPSG:3006" srsDimension="4"><gml:pos>1 2 3 4</gml:pos></gml:Point>`, ErrInvalidGML},
		{"pos count vs srsDimension", `<gml:Point srsName="EPSG:3006" srsDimension="3"><gml:pos>6500000 500000</gml:pos></gml:Point>`, ErrInvalidGML},
		{"two positions in point", `<gml:Point srsName="EPSG:3006"><gml:posList>6500000 500000 6500001 500001</gml:posList></gml:Point>`, ErrInvalidGML},
		{"short ring", `<gml:Polygon srsName="EPSG:3006"><gml:exterior><gml:LinearRing><gml:posList>6500000 500000 6500001 500001 6500000 500000</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>`, ErrInvalidGML},
		{"no exterior", `<gml:Polygon srsName="EPSG:3006"></gml:Polygon>`, ErrInvalidGML},
		{"two exteriors", `<gml:Polygon srsName="EPSG:3006"><gml:exterior/><gml:exterior/></gml:Polygon>`, ErrInvalidGML},
		{"ring kind", `<gml:Polygon srsName="EPSG:3006"><gml:exterior><gml:Ring/></gml:exterior></gml:Polygon>`, ErrUnsupportedGeometry},
		{"unknown element", `<gml:Solid srsName="EPSG:3006"/>`, ErrUnsupportedGeometry},
		{"foreign element", `<Point srsName="EPSG:3006"><pos>6500000 500000</pos></Point>`, ErrInvalidGML},
		{"member srs differs", `<gml:MultiPoint srsName="EPSG:3006"><gml:pointMember><gml:Point srsName="EPSG:3011"><gml:pos>6500000 150000</gml:pos></gml:Point></gml:pointMember></gml:MultiPoint>`, ErrInvalidGML},
		{"wrong member type", `<gml:MultiPoint srsName="EPSG:3006"><gml:pointMember><gml:LineString><gml:posList>6500000 500000 6500001 500001</gml:posList></gml:LineString></gml:pointMember></gml:MultiPoint>`, ErrInvalidGML},
		{"mixed member dims", `<gml:MultiPoint srsName="EPSG:3006"><gml:pointMember><gml:Point><gml:pos>6500000 500000</gml:pos></gml:Point></gml:pointMember><gml:pointMember><gml:Point><gml:pos>6500000 500000 3</gml:pos></gml:Point></gml:pointMember></gml:MultiPoint>`, ErrInvalidGML},
		{"deep nesting", strings.Repeat(`<gml:MultiGeometry srsName="EPSG:3006"><gml:geometryMember>`, 40) + strings.Repeat(`</gml:geometryMember></gml:MultiGeometry>`, 40), ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g, err := UnmarshalGML([]byte(tt.in))
			assert.ErrorIs(t, err, tt.want)
			assert.Nil(t, g)
			if err != nil {
				assert.Equal(t, strings.ToLower(err.Error()[:1]), err.Error()[:1], "error strings start lower case")
			}
		})
	}
}

func TestUnmarshalGMLMaxCoordinates(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(`<gml:LineString srsName="urn:ogc:def:crs:EPSG::3006"><gml:posList>`)
	for i := range 101 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("6500000 500000")
	}
	b.WriteString(`</gml:posList></gml:LineString>`)
	_, err := UnmarshalGMLWithOptions([]byte(b.String()), &GMLDecodeOptions{MaxCoordinates: 100})
	require.ErrorIs(t, err, ErrTooLarge)
	g, err := UnmarshalGMLWithOptions([]byte(b.String()), &GMLDecodeOptions{MaxCoordinates: 101})
	require.NoError(t, err)
	assert.Equal(t, 101, g.(*geom.LineString).NumCoords())

	// The limit counts across parts of one geometry.
	mp := fixtures(geom.XY, SWEREF99_1800)["MultiPoint"]
	out, err := MarshalGML(mp, nil)
	require.NoError(t, err)
	_, err = UnmarshalGMLWithOptions(out, &GMLDecodeOptions{MaxCoordinates: 2})
	assert.ErrorIs(t, err, ErrTooLarge)
}

func TestPropertyErrors(t *testing.T) {
	t.Parallel()
	type withP struct {
		P Property `xml:"p"`
	}
	var doc withP
	two := `<r><p><gml:Point srsName="EPSG:3006"><gml:pos>6500000 500000</gml:pos></gml:Point><gml:Point srsName="EPSG:3006"><gml:pos>6500000 500000</gml:pos></gml:Point></p></r>`
	assert.ErrorIs(t, xml.Unmarshal([]byte(two), &doc), ErrInvalidGML)
	bad := `<r><p><gml:Point srsName="EPSG:3006"><gml:pos>500000 6500000</gml:pos></gml:Point></p></r>`
	err := xml.Unmarshal([]byte(bad), &doc)
	assert.ErrorIs(t, err, ErrSwappedAxes)
	assert.True(t, errors.Is(err, ErrSwappedAxes))

	doc.P = Property{Geometry: geom.NewPointFlat(geom.XY, []float64{1, 2})}
	_, err = xml.Marshal(doc)
	assert.ErrorIs(t, err, ErrUnknownCRS, "marshalling needs a known srid")
}

// TestGMLCompound2D: a 2D geometry labelled with a compound code (invalid per Validate, but
// representable) must survive a round trip, so its srsDimension="2" is written explicitly.
// Found by FuzzUnmarshalGML.
func TestGMLCompound2D(t *testing.T) {
	t.Parallel()
	for name, g := range fixtures(geom.XY, SWEREF99_1800_RH2000) {
		b, err := MarshalGML(g, nil)
		require.NoError(t, err, name)
		assert.Contains(t, string(b), `srsDimension="2"`, name)
		back, err := UnmarshalGML(b)
		require.NoError(t, err, name)
		assertGeomEqual(t, g, back, 0)
	}
}
