package geometry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/geojson"
)

// GeoJSONMode chooses between the two honest ways of writing Swedish grid data as GeoJSON.
type GeoJSONMode int

const (
	// GeoJSONLonLat reprojects to SWEREF 99 geographic (4619) and writes [lon, lat(, h)] with no
	// crs member, as RFC 7946 requires. RFC 7946 means WGS 84; SWEREF 99 agrees with WGS 84 to
	// better than 1 m (EPSG:1879 is a null transformation), which is what every web map assumes.
	// A third ordinate stays what it was (an RH 2000 height for compound CRSs), not an
	// ellipsoidal height.
	GeoJSONLonLat GeoJSONMode = iota
	// GeoJSONGrid keeps grid coordinates as [E, N(, H)] and names the CRS in the legacy
	// (GeoJSON 2008) crs member, {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3006"}},
	// which QGIS, GDAL and PostGIS read. Not RFC 7946 conformant.
	GeoJSONGrid
)

// MarshalGeoJSON writes g as a GeoJSON geometry in the chosen mode. GeoJSON has no measure
// ordinate, so XYM and XYZM layouts are refused.
func MarshalGeoJSON(g geom.T, mode GeoJSONMode) ([]byte, error) {
	if g == nil {
		return nil, fmt.Errorf("geojson: nil geometry: %w", ErrUnsupportedGeometry)
	}
	if err := checkGeoJSONLayout(g); err != nil {
		return nil, err
	}
	switch mode {
	case GeoJSONLonLat:
		ll, err := Transform(g, SWEREF99Geographic)
		if err != nil {
			return nil, fmt.Errorf("geojson: %w", err)
		}
		b, err := geojson.Marshal(ll)
		if err != nil {
			return nil, fmt.Errorf("geojson: %w", err)
		}
		return b, nil
	case GeoJSONGrid:
		return marshalGridGeoJSON(g)
	}
	return nil, fmt.Errorf("geojson: unknown mode %d", int(mode))
}

func checkGeoJSONLayout(g geom.T) error {
	if err := checkLayouts(g); err != nil {
		return fmt.Errorf("geojson: %w", err)
	}
	switch l := g.Layout(); l {
	case geom.NoLayout, geom.XY, geom.XYZ:
	default:
		return fmt.Errorf("geojson: layout %v: geojson has no measure ordinate: %w", l, ErrUnsupportedGeometry)
	}
	return nil
}

func marshalGridGeoJSON(g geom.T) ([]byte, error) {
	var opts []geojson.EncodeGeometryOption
	if g.SRID() != 0 {
		opts = append(opts, geojson.EncodeGeometryWithCRS(&geojson.CRS{
			Type:       "name",
			Properties: map[string]any{"name": FormatSRSName(g.SRID(), URN)},
		}))
	}
	b, err := geojson.Marshal(g, opts...)
	if err != nil {
		return nil, fmt.Errorf("geojson: %w", err)
	}
	return b, nil
}

// UnmarshalGeoJSON reads a GeoJSON geometry. The SRID comes from a legacy crs member of type
// "name" (any srsName form; an EPSG code this package does not register is kept as the SRID,
// and OGC CRS84 becomes 4326); without a crs member the SRID is 0. RFC 7946 input is WGS 84
// lon/lat: callers who accept it as SWEREF 99 geographic set SRID 4619 themselves, or use
// GeoJSON with DefaultSRID.
func UnmarshalGeoJSON(data []byte) (geom.T, error) {
	return unmarshalGeoJSON(data, 0)
}

func unmarshalGeoJSON(data []byte, defaultSRID int) (geom.T, error) {
	var gj *geojson.Geometry
	if err := json.Unmarshal(data, &gj); err != nil {
		return nil, fmt.Errorf("geojson: %w", err)
	}
	if gj == nil {
		return nil, fmt.Errorf("geojson: null geometry: %w", ErrUnsupportedGeometry)
	}
	srid := defaultSRID
	if gj.CRS != nil {
		s, err := geoJSONCRS(gj.CRS)
		if err != nil {
			return nil, err
		}
		srid = s
	}
	g, err := decodeGeoJSON(gj)
	if err != nil {
		return nil, err
	}
	if err := checkGeoJSONLayout(g); err != nil {
		return nil, err
	}
	return setSRID(g, srid), nil
}

// decodeGeoJSON wraps go-geom's decoder, which trusts its input more than a network decoder
// may: a panic on malformed coordinates becomes an error.
func decodeGeoJSON(gj *geojson.Geometry) (g geom.T, err error) {
	defer func() {
		if r := recover(); r != nil {
			g, err = nil, fmt.Errorf("geojson: malformed geometry: %v: %w", r, ErrUnsupportedGeometry)
		}
	}()
	g, err = gj.Decode()
	if err != nil {
		return nil, fmt.Errorf("geojson: %w", err)
	}
	if g == nil {
		return nil, fmt.Errorf("geojson: null geometry: %w", ErrUnsupportedGeometry)
	}
	return g, nil
}

func geoJSONCRS(c *geojson.CRS) (int, error) {
	if !strings.EqualFold(c.Type, "name") {
		return 0, fmt.Errorf("geojson: crs of type %q (only \"name\" is supported): %w", c.Type, ErrInvalidSRSName)
	}
	name, ok := c.Properties["name"].(string)
	if !ok {
		return 0, fmt.Errorf("geojson: crs member without a name: %w", ErrInvalidSRSName)
	}
	if l := strings.ToLower(strings.TrimSpace(name)); l == "urn:ogc:def:crs:ogc:1.3:crs84" || l == "urn:ogc:def:crs:ogc::crs84" || l == "http://www.opengis.net/def/crs/ogc/1.3/crs84" {
		return 4326, nil
	}
	code, _, err := parseSRSCode(name)
	if err != nil {
		return 0, fmt.Errorf("geojson: crs: %w", err)
	}
	return code, nil
}

// GeoJSON is a GeoJSON geometry as a JSON value for wire structs. It writes grid coordinates
// [E, N(, H)] with the legacy crs member naming the SRID (GeoJSONGrid), and reads the crs
// member into the SRID. Without a crs member the SRID is DefaultSRID, which callers set before
// unmarshalling (0 if they do not). A nil Geometry is written as JSON null, and null reads as a
// nil Geometry.
type GeoJSON struct {
	Geometry    geom.T
	DefaultSRID int
}

// MarshalJSON implements json.Marshaler.
func (g GeoJSON) MarshalJSON() ([]byte, error) {
	if g.Geometry == nil {
		return []byte("null"), nil
	}
	if err := checkGeoJSONLayout(g.Geometry); err != nil {
		return nil, err
	}
	return marshalGridGeoJSON(g.Geometry)
}

// UnmarshalJSON implements json.Unmarshaler.
func (g *GeoJSON) UnmarshalJSON(data []byte) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		g.Geometry = nil
		return nil
	}
	out, err := unmarshalGeoJSON(data, g.DefaultSRID)
	if err != nil {
		return err
	}
	g.Geometry = out
	return nil
}
