package geometry

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
)

func TestGeoJSONGridRoundTrip(t *testing.T) {
	t.Parallel()
	for _, layout := range []geom.Layout{geom.XY, geom.XYZ} {
		for name, g := range fixtures(layout, SWEREF99_1800) {
			t.Run(layout.String()+"/"+name, func(t *testing.T) {
				t.Parallel()
				b, err := MarshalGeoJSON(g, GeoJSONGrid)
				require.NoError(t, err)
				assert.Contains(t, string(b), `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3011"}}`)
				back, err := UnmarshalGeoJSON(b)
				require.NoError(t, err)
				assertGeomEqual(t, g, back, 0)
			})
		}
	}
}

func TestGeoJSONGridExact(t *testing.T) {
	t.Parallel()
	p := geom.NewPointFlat(geom.XYZ, []float64{147350.125, 6585220.5, 12.25}).SetSRID(SWEREF99_1800_RH2000)
	b, err := MarshalGeoJSON(p, GeoJSONGrid)
	require.NoError(t, err)
	assert.JSONEq(t, `{"type":"Point","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::5850"}},"coordinates":[147350.125,6585220.5,12.25]}`, string(b))
}

func TestGeoJSONLonLat(t *testing.T) {
	t.Parallel()
	// Control point TM-08: 61°N 18.75°E ↔ N 6768593.345 E 702745.127.
	p := geom.NewPointFlat(geom.XYZ, []float64{702745.127, 6768593.345, 30}).SetSRID(SWEREF99TM_RH2000)
	b, err := MarshalGeoJSON(p, GeoJSONLonLat)
	require.NoError(t, err)
	var raw map[string]any
	require.NoError(t, json.Unmarshal(b, &raw))
	assert.NotContains(t, raw, "crs", "RFC 7946 has no crs member")
	coords := raw["coordinates"].([]any)
	require.Len(t, coords, 3)
	assert.InDelta(t, 18.75, coords[0].(float64), inverseTol, "lon first")
	assert.InDelta(t, 61.0, coords[1].(float64), inverseTol)
	assert.Equal(t, 30.0, coords[2].(float64), "heights pass through")

	back, err := UnmarshalGeoJSON(b)
	require.NoError(t, err)
	assert.Equal(t, 0, back.SRID(), "rfc 7946 input carries no crs")

	for name, g := range fixtures(geom.XY, SWEREF99_1800) {
		b, err := MarshalGeoJSON(g, GeoJSONLonLat)
		require.NoError(t, err, name)
		back, err := UnmarshalGeoJSON(b)
		require.NoError(t, err, name)
		grid, err := Transform(setSRID(back, SWEREF99Geographic), SWEREF99_1800)
		require.NoError(t, err, name)
		assertGeomEqual(t, g, grid, 1e-6)
	}
}

func TestGeoJSONErrors(t *testing.T) {
	t.Parallel()
	_, err := MarshalGeoJSON(nil, GeoJSONGrid)
	assert.ErrorIs(t, err, ErrUnsupportedGeometry)
	_, err = MarshalGeoJSON(geom.NewPointFlat(geom.XYM, []float64{1, 2, 3}).SetSRID(3006), GeoJSONGrid)
	assert.ErrorIs(t, err, ErrUnsupportedGeometry)
	_, err = MarshalGeoJSON(geom.NewPointFlat(geom.XY, []float64{1, 2}), GeoJSONLonLat)
	assert.ErrorIs(t, err, ErrUnknownCRS, "lon/lat needs a known source crs")
	_, err = MarshalGeoJSON(geom.NewLineString(geom.NoLayout).SetSRID(3006), GeoJSONGrid)
	assert.ErrorIs(t, err, ErrUnsupportedGeometry, "no layout must not reach go-geom's encoder")
	_, err = MarshalEWKB(geom.NewLineString(geom.NoLayout))
	assert.ErrorIs(t, err, ErrUnsupportedGeometry)
	_, err = MarshalGeoJSON(geom.NewPointFlat(geom.XY, []float64{1, 2}), GeoJSONMode(7))
	assert.Error(t, err)

	for in, want := range map[string]error{
		`{"type":"Point","coordinates":[1,2],"crs":{"type":"link","properties":{"href":"x"}}}`: ErrInvalidSRSName,
		`{"type":"Point","coordinates":[1,2],"crs":{"type":"name","properties":{}}}`:           ErrInvalidSRSName,
		`{"type":"Point","coordinates":[1,2],"crs":{"type":"name","properties":{"name":"x"}}}`: ErrInvalidSRSName,
		`{"type":"Point","coordinates":[1,2,3,4]}`:                                             ErrUnsupportedGeometry,
		`null`:                  ErrUnsupportedGeometry,
		`{"type":"LineString"}`: ErrUnsupportedGeometry, // found by FuzzUnmarshalGeoJSON: go-geom built a stride-0 geometry
		`{"type":"GeometryCollection","geometries":[{"type":"Polygon"}]}`: ErrUnsupportedGeometry,
	} {
		_, err := UnmarshalGeoJSON([]byte(in))
		assert.ErrorIs(t, err, want, in)
	}
	for _, in := range []string{`{`, `{"type":"Blob","coordinates":[1,2]}`, `{"type":"Point","coordinates":[1]}`} {
		_, err := UnmarshalGeoJSON([]byte(in))
		assert.Error(t, err, in)
	}
}

func TestGeoJSONCRSMember(t *testing.T) {
	t.Parallel()
	tests := map[string]int{
		"urn:ogc:def:crs:EPSG::3006": 3006,
		"EPSG:3011":                  3011,
		"http://www.opengis.net/def/crs/EPSG/0/5845":   5845,
		"urn:ogc:def:crs:EPSG::3857":                   3857, // unregistered codes are kept
		"urn:ogc:def:crs:OGC:1.3:CRS84":                4326,
		"http://www.opengis.net/def/crs/OGC/1.3/CRS84": 4326,
	}
	for name, want := range tests {
		in := `{"type":"Point","coordinates":[1,2],"crs":{"type":"name","properties":{"name":"` + name + `"}}}`
		g, err := UnmarshalGeoJSON([]byte(in))
		require.NoError(t, err, name)
		assert.Equal(t, want, g.SRID(), name)
	}
}

type wireObject struct {
	ID   string  `json:"id"`
	Geom GeoJSON `json:"geometri"`
}

func TestGeoJSONValueInStruct(t *testing.T) {
	t.Parallel()
	gc := fixtures(geom.XY, SWEREF99TM)["GeometryCollection"]
	b, err := json.Marshal(wireObject{ID: "a", Geom: GeoJSON{Geometry: gc}})
	require.NoError(t, err)
	var back wireObject
	require.NoError(t, json.Unmarshal(b, &back))
	assertGeomEqual(t, gc, back.Geom.Geometry, 0)
	for _, m := range back.Geom.Geometry.(*geom.GeometryCollection).Geoms() {
		assert.Equal(t, SWEREF99TM, m.SRID(), "members get the collection's srid")
	}

	// nil ↔ null.
	b, err = json.Marshal(wireObject{ID: "b"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"b","geometri":null}`, string(b))
	back = wireObject{Geom: GeoJSON{Geometry: gc}}
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Nil(t, back.Geom.Geometry)

	// No crs member: DefaultSRID applies.
	back = wireObject{Geom: GeoJSON{DefaultSRID: SWEREF99_1630}}
	require.NoError(t, json.Unmarshal([]byte(`{"id":"c","geometri":{"type":"Point","coordinates":[150000,6400000]}}`), &back))
	assert.Equal(t, SWEREF99_1630, back.Geom.Geometry.SRID())
	back = wireObject{}
	require.NoError(t, json.Unmarshal([]byte(`{"id":"c","geometri":{"type":"Point","coordinates":[150000,6400000]}}`), &back))
	assert.Equal(t, 0, back.Geom.Geometry.SRID())

	_, err = json.Marshal(wireObject{Geom: GeoJSON{Geometry: geom.NewPointFlat(geom.XYM, []float64{1, 2, 3})}})
	assert.ErrorIs(t, err, ErrUnsupportedGeometry)
}
