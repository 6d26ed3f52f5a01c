package geometry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/geojson"
)

// Shape is a geometri value of Lantmäteriet's JSON Schema "Geometri 2.0",
// used by the national specifications: a GeoJSON position with its type,
// its plan CRS (SWEREF 99 TM or a local SWEREF 99 zone), its height system,
// its dimension and its absolute positional uncertainty. It marshals to and
// from the schema's JSON.
//
// Position is a go-geom geometry with X = easting, Y = northing (and Z the
// RH 2000 height when Dimension is 3), its SRID the plan CRS. It is written
// as a GeoJSON geometry in that order, without a crs member (the CRS is
// koordinatsystemPlan): GeoJSON puts easting first whatever the CRS's
// official axis order, and Lantmäteriet's GeoJSON 1.1 profile is not
// reachable to say otherwise (INFERRED).
type Shape struct {
	// Type is typ; it must agree with Position's geometry type.
	Type ShapeType
	// Position is position.
	Position geom.T
	// PlanCRS is koordinatsystemPlan as an EPSG code, 3006–3018 (required).
	PlanCRS int
	// HeightSystem is hojdsystem as an EPSG code: 5613 (RH 2000) or 0 for
	// none.
	HeightSystem int
	// Dimension is dimension, 2 or 3 (required).
	Dimension int
	// PlanUncertainty is absolutLagesosakerhetPlan in metres; nil when not
	// given.
	PlanUncertainty *float64
	// HeightUncertainty is absolutLagesosakerhetHojd in metres; nil when not
	// given.
	HeightUncertainty *float64
}

// ShapeType is a geometri typ.
type ShapeType string

// The geometri types and the GeoJSON geometry each carries.
const (
	ShapePoint         ShapeType = "punkt"         // ShapePoint is "punkt": a Point.
	ShapeLine          ShapeType = "linje"         // ShapeLine is "linje": a LineString.
	ShapeSurface       ShapeType = "yta"           // ShapeSurface is "yta": a Polygon.
	ShapeSolid         ShapeType = "kropp"         // ShapeSolid is "kropp": a MultiPolygon (the faces of the body).
	ShapeMultiPoint    ShapeType = "multipunkt"    // ShapeMultiPoint is "multipunkt": a MultiPoint.
	ShapeMultiLine     ShapeType = "multilinje"    // ShapeMultiLine is "multilinje": a MultiLineString.
	ShapeMultiSurface  ShapeType = "multiyta"      // ShapeMultiSurface is "multiyta": a MultiPolygon.
	ShapeMultiSolid    ShapeType = "multikropp"    // ShapeMultiSolid is "multikropp": a GeometryCollection.
	ShapeMultiGeometry ShapeType = "multigeometri" // ShapeMultiGeometry is "multigeometri": a GeometryCollection.
)

// The plan CRSs and the height system the schema allows.
const (
	minPlanCRS, maxPlanCRS = SWEREF99TM, SWEREF99_2315
	heightSystemRH2000     = "EPSG:5613"
)

var shapeTypes = newCodeList(ShapePoint, ShapeLine, ShapeSurface, ShapeSolid, ShapeMultiPoint,
	ShapeMultiLine, ShapeMultiSurface, ShapeMultiSolid, ShapeMultiGeometry)

// ShapeTypes returns the geometri types in the schema's order.
func ShapeTypes() []ShapeType { return shapeTypes.values() }

// Known reports whether t is a geometri type, spelled exactly.
func (t ShapeType) Known() bool { return shapeTypes.known(t) }

// geoJSONType returns the GeoJSON geometry type the schema gives t.
func (t ShapeType) geoJSONType() string {
	switch t {
	case ShapePoint:
		return "Point"
	case ShapeLine:
		return "LineString"
	case ShapeSurface:
		return "Polygon"
	case ShapeSolid, ShapeMultiSurface:
		return "MultiPolygon"
	case ShapeMultiPoint:
		return "MultiPoint"
	case ShapeMultiLine:
		return "MultiLineString"
	case ShapeMultiSolid, ShapeMultiGeometry:
		return "GeometryCollection"
	}
	return ""
}

// ShapeTypeOf returns the geometri type for g: the one-to-one types for
// points, lines, polygons and their multi forms (a MultiPolygon is multiyta,
// not kropp; a GeometryCollection is multigeometri).
func ShapeTypeOf(g geom.T) (ShapeType, error) {
	switch g.(type) {
	case *geom.Point:
		return ShapePoint, nil
	case *geom.LineString:
		return ShapeLine, nil
	case *geom.Polygon:
		return ShapeSurface, nil
	case *geom.MultiPoint:
		return ShapeMultiPoint, nil
	case *geom.MultiLineString:
		return ShapeMultiLine, nil
	case *geom.MultiPolygon:
		return ShapeMultiSurface, nil
	case *geom.GeometryCollection:
		return ShapeMultiGeometry, nil
	}
	return "", fmt.Errorf("geometri: %T: %w", g, ErrUnsupportedGeometry)
}

// NewShape describes g as a geometri value: its type from ShapeTypeOf, its
// plan CRS from g's SRID (a compound SWEREF 99 + RH 2000 code gives the plan
// CRS and hojdsystem RH 2000), and its dimension from its layout.
func NewShape(g geom.T) (*Shape, error) {
	if g == nil {
		return nil, fmt.Errorf("geometri: nil geometry: %w", ErrUnsupportedGeometry)
	}
	t, err := ShapeTypeOf(g)
	if err != nil {
		return nil, err
	}
	s := &Shape{Type: t, Position: g, PlanCRS: g.SRID(), Dimension: 2}
	if c, err := Lookup(g.SRID()); err == nil && c.Kind == Compound {
		s.PlanCRS, s.HeightSystem = c.Horizontal, RH2000
		s.Position = setSRID(g, c.Horizontal)
	}
	if hasZ(g.Layout()) {
		s.Dimension = 3
	}
	return s, s.Validate()
}

// shapeJSON is Shape on the wire.
type shapeJSON struct {
	Type              ShapeType       `json:"typ"`
	Position          json.RawMessage `json:"position,omitempty"`
	PlanCRS           string          `json:"koordinatsystemPlan"`
	HeightSystem      string          `json:"hojdsystem,omitempty"`
	Dimension         int             `json:"dimension"`
	PlanUncertainty   *float64        `json:"absolutLagesosakerhetPlan,omitempty"`
	HeightUncertainty *float64        `json:"absolutLagesosakerhetHojd,omitempty"`
}

// MarshalJSON writes the schema's JSON. The position is written as it is;
// call Validate first to be sure it is one the schema accepts.
func (s Shape) MarshalJSON() ([]byte, error) {
	w := shapeJSON{Type: s.Type, PlanCRS: "EPSG:" + strconv.Itoa(s.PlanCRS), Dimension: s.Dimension,
		PlanUncertainty: s.PlanUncertainty, HeightUncertainty: s.HeightUncertainty}
	if s.HeightSystem != 0 {
		w.HeightSystem = "EPSG:" + strconv.Itoa(s.HeightSystem)
	}
	if s.Position != nil {
		if err := checkGeoJSONLayout(s.Position); err != nil {
			return nil, fmt.Errorf("geometri: %w", err)
		}
		b, err := geojson.Marshal(s.Position)
		if err != nil {
			return nil, fmt.Errorf("geometri: %w", err)
		}
		w.Position = b
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads the schema's JSON. The position gets the plan CRS as
// its SRID. Values outside the code lists are kept, for Validate to report;
// a koordinatsystemPlan or hojdsystem that is not "EPSG:n" is an error.
func (s *Shape) UnmarshalJSON(data []byte) error {
	var w shapeJSON
	if err := json.Unmarshal(data, &w); err != nil {
		return fmt.Errorf("geometri: %w", err)
	}
	out := Shape{Type: w.Type, Dimension: w.Dimension, PlanUncertainty: w.PlanUncertainty, HeightUncertainty: w.HeightUncertainty}
	var err error
	if out.PlanCRS, err = epsgCode("koordinatsystemPlan", w.PlanCRS); err != nil {
		return err
	}
	if w.HeightSystem != "" {
		if out.HeightSystem, err = epsgCode("hojdsystem", w.HeightSystem); err != nil {
			return err
		}
	}
	if len(w.Position) > 0 && !bytes.Equal(bytes.TrimSpace(w.Position), []byte("null")) {
		g, err := unmarshalGeoJSON(w.Position, out.PlanCRS)
		if err != nil {
			return fmt.Errorf("geometri: position: %w", err)
		}
		out.Position = g
	}
	*s = out
	return nil
}

func epsgCode(name, v string) (int, error) {
	rest, ok := strings.CutPrefix(v, "EPSG:")
	n, err := strconv.Atoi(rest)
	if !ok || err != nil || n <= 0 {
		return 0, fmt.Errorf("geometri: %s %q: want \"EPSG:n\": %w", name, v, ErrInvalidSRSName)
	}
	return n, nil
}

// Validate checks s against the schema and the geometry itself: typ known
// and agreeing with the position's GeoJSON type; koordinatsystemPlan
// EPSG:3006–3018 (required); hojdsystem EPSG:5613 or none; dimension 2 or 3
// (required) and equal to the position's; uncertainties not negative; and
// the position valid by Validate in its plan CRS. It returns nil or a
// *ValidationError whose paths use the schema's names.
func (s *Shape) Validate() error {
	v := &metadataProblems{}
	if !s.Type.Known() {
		v.add("typ", ProblemCodeList, "%q is not a geometri typ", s.Type)
	}
	switch {
	case s.PlanCRS == 0:
		v.add("koordinatsystemPlan", ProblemRequired, "koordinatsystemPlan is required")
	case s.PlanCRS < minPlanCRS || s.PlanCRS > maxPlanCRS:
		v.add("koordinatsystemPlan", ProblemCodeList, "EPSG:%d is not SWEREF 99 TM or a local SWEREF 99 zone (EPSG:3006–3018)", s.PlanCRS)
	}
	if s.HeightSystem != 0 && s.HeightSystem != RH2000 {
		v.add("hojdsystem", ProblemCodeList, "EPSG:%d: only %s (RH 2000) is allowed", s.HeightSystem, heightSystemRH2000)
	}
	switch s.Dimension {
	case 2, 3:
	case 0:
		v.add("dimension", ProblemRequired, "dimension is required")
	default:
		v.add("dimension", ProblemCodeList, "dimension %d: want 2 or 3", s.Dimension)
	}
	for name, x := range map[string]*float64{"absolutLagesosakerhetPlan": s.PlanUncertainty, "absolutLagesosakerhetHojd": s.HeightUncertainty} {
		if x != nil && !(*x >= 0) {
			v.add(name, ProblemRange, "must be a non-negative number")
		}
	}
	if s.Position == nil {
		return v.err()
	}
	if want := s.Type.geoJSONType(); want != "" && geoJSONTypeOf(s.Position) != want {
		v.add("position", ProblemNotAllowed, "typ %s carries a GeoJSON %s, not %s", s.Type, want, geoJSONTypeOf(s.Position))
	}
	if d := s.Position.Stride(); (s.Dimension == 2 || s.Dimension == 3) && d != 0 && d != s.Dimension {
		v.add("dimension", ProblemRange, "dimension %d but the position has %d ordinates", s.Dimension, d)
	}
	if s.PlanCRS >= minPlanCRS && s.PlanCRS <= maxPlanCRS {
		if err := Validate(setSRID(s.Position, s.PlanCRS), nil); err != nil {
			if ve, ok := err.(*ValidationError); ok {
				for _, p := range ve.Problems {
					p.Path = join("position", p.Path)
					v.list = append(v.list, p)
				}
			}
		}
	}
	return v.err()
}

func geoJSONTypeOf(g geom.T) string {
	switch g.(type) {
	case *geom.Point:
		return "Point"
	case *geom.LineString:
		return "LineString"
	case *geom.Polygon:
		return "Polygon"
	case *geom.MultiPoint:
		return "MultiPoint"
	case *geom.MultiLineString:
		return "MultiLineString"
	case *geom.MultiPolygon:
		return "MultiPolygon"
	case *geom.GeometryCollection:
		return "GeometryCollection"
	}
	return fmt.Sprintf("%T", g)
}
