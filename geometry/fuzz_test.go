package geometry

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
)

// gmlSeeds are added to the corpus in testdata/fuzz/FuzzUnmarshalGML: the golden files plus
// the spellings other producers use.
func gmlSeeds(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.gml"))
	require.NoError(f, err)
	for _, name := range files {
		b, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(lmBuilding))
	f.Add([]byte(`<gml:Surface srsName="urn:ogc:def:crs:EPSG::3011"><gml:patches><gml:PolygonPatch><gml:exterior><gml:LinearRing><gml:posList>6500000 150000 6500000 150010 6500010 150010 6500000 150000</gml:posList></gml:LinearRing></gml:exterior></gml:PolygonPatch></gml:patches></gml:Surface>`))
	f.Add([]byte(`<gml:Polygon xmlns:gml="http://www.opengis.net/gml" srsName="EPSG:3011"><gml:outerBoundaryIs><gml:LinearRing><gml:coordinates cs="," ts=" ">6500000,150000 6500000,150010 6500010,150010 6500000,150000</gml:coordinates></gml:LinearRing></gml:outerBoundaryIs></gml:Polygon>`))
	f.Add([]byte(`<gml:Curve srsName="urn:ogc:def:crs:EPSG::5850" srsDimension="3"><gml:segments><gml:LineStringSegment><gml:posList>6500000 150000 1 6500000 150010 2</gml:posList></gml:LineStringSegment></gml:segments></gml:Curve>`))
	f.Add([]byte(`<gml:Point srsName="EPSG:3006"><gml:pos>500000 6500000</gml:pos></gml:Point>`))
}

func FuzzUnmarshalGML(f *testing.F) {
	gmlSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := UnmarshalGMLWithOptions(data, &GMLDecodeOptions{MaxCoordinates: 10000})
		if err != nil {
			assert.Nil(t, g)
			return
		}
		require.NotNil(t, g)
		// Whatever decodes and can be written must read back to the same geometry.
		out, err := MarshalGML(g, nil)
		if err != nil {
			return
		}
		back, err := UnmarshalGML(out)
		require.NoError(t, err, "%s", out)
		assertGeomEqual(t, g, back, 0)
	})
}

// FuzzPropertyUnmarshalXML drives the decoder through encoding/xml, as wire structs do.
func FuzzPropertyUnmarshalXML(f *testing.F) {
	f.Add([]byte(lmBuilding))
	f.Add([]byte(`<r><gml:boundedBy><gml:Null/></gml:boundedBy><p></p></r>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var doc struct {
			BoundedBy BoundedBy `xml:"http://www.opengis.net/gml/3.2 boundedBy"`
			Yta       Property  `xml:"http://namespace.lantmateriet.se/distribution/produkter/byggnad/v3 Yta"`
		}
		_ = xml.Unmarshal(data, &doc)
	})
}

func FuzzParseSRSName(f *testing.F) {
	for _, s := range []string{
		"urn:ogc:def:crs:EPSG::3006", "urn:ogc:def:crs:EPSG:6.18:3011", "urn:x-ogc:def:crs:EPSG:3010",
		"http://www.opengis.net/def/crs/EPSG/0/5845", "EPSG:3847", "http://www.opengis.net/gml/srs/epsg.xml#4619",
		"urn:ogc:def:crs,crs:EPSG::3006,crs:EPSG::5613", "EPSG:", "urn:ogc:def:crs:OGC:1.3:CRS84",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, form, err := ParseSRSNameForm(s)
		if err != nil {
			assert.Nil(t, c)
			return
		}
		again, form2, err := ParseSRSNameForm(FormatSRSName(c.Code, form))
		require.NoError(t, err)
		assert.Same(t, c, again)
		assert.Equal(t, form, form2)
	})
}

func FuzzUnmarshalGeoJSON(f *testing.F) {
	for _, g := range fixtures(geom.XYZ, SWEREF99_1800_RH2000) {
		b, err := MarshalGeoJSON(g, GeoJSONGrid)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"type":"Point","coordinates":[18.05,59.3]}`))
	f.Add([]byte(`{"type":"Polygon","coordinates":[[[1,2],[3,4],[5,6],[1,2]]],"crs":{"type":"name","properties":{"name":"EPSG:3006"}}}`))
	f.Add([]byte(`{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := UnmarshalGeoJSON(data)
		if err != nil {
			return
		}
		out, err := GeoJSON{Geometry: g}.MarshalJSON()
		if err != nil {
			return
		}
		back, err := UnmarshalGeoJSON(out)
		require.NoError(t, err, "%s", out)
		assert.Equal(t, g.SRID(), back.SRID())
		_ = Validate(g, nil) // must not panic on whatever go-geom built
	})
}

func FuzzUnmarshalEWKB(f *testing.F) {
	for _, g := range fixtures(geom.XYZ, SWEREF99_1800_RH2000) {
		b, err := MarshalEWKB(g)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := UnmarshalEWKB(data)
		if err != nil {
			return
		}
		_ = Validate(g, nil)
		_, _ = Transform(g, SWEREF99TM)
		_, _ = MarshalGML(g, nil)
	})
}
