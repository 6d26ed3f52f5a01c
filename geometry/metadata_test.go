package geometry

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
)

// The schema's lists, counted from geometrimetadata-2.0.1.json and
// geometri-2.0.json: a value dropped or added while copying shows here.
func TestMetadataCodeListSizes(t *testing.T) {
	t.Parallel()
	assert.Len(t, CoordinateSystems(), 433)
	assert.Len(t, GeoidModels(), 12)
	assert.Len(t, MethodTypes(), 10)
	assert.Len(t, UncertaintyReasons(), 3)
	assert.Len(t, ShapeTypes(), 9)
	sizes := map[MethodType]int{
		MethodGeodeticSurvey: 15, MethodPlacement: 8, MethodPhotogrammetric: 15, MethodVectorisation: 6,
		MethodLaserSurvey: 5, MethodConversion: 5, MethodInterpolation: 6, MethodUnknown: 1,
		MethodRemoteSensing: 0, MethodBathymetry: 0,
	}
	for typ, n := range sizes {
		assert.Len(t, typ.Variants(), n, typ)
	}
	assert.True(t, CoordinateSystem("SWEREF 99 16 30").Known())
	assert.True(t, CoordinateSystem("ST 74 -1:0").Known())
	assert.False(t, CoordinateSystem("sweref 99 16 30").Known(), "values are exact")
}

// TestMetadataDecodesHandWritten reads a document written by hand from the
// schema and checks every attribute, and that writing it again gives the
// same JSON in meaning.
func TestMetadataDecodesHandWritten(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/geometrimetadata.json")
	require.NoError(t, err)
	var m Metadata
	require.NoError(t, json.Unmarshal(raw, &m))
	require.NoError(t, m.Validate())
	require.NotNil(t, m.PlanMethod)
	assert.Equal(t, MethodGeodeticSurvey, m.PlanMethod.Type)
	assert.Equal(t, Variant("GNSS, nätverks-RTK"), m.PlanMethod.Variant)
	assert.Equal(t, SWEN17RH2000, m.PlanMethod.Geoid)
	require.NotNil(t, m.PlanMethod.Period)
	assert.Equal(t, 4*time.Hour, m.PlanMethod.Period.To.Sub(m.PlanMethod.Period.From))
	require.NotNil(t, m.HeightMethod.Period, "the other types' period name is read too")
	assert.Equal(t, 1000, *m.HeightMethod.PresentationScale)
	assert.Equal(t, UncertainHidden, m.Uncertain)
	assert.Equal(t, CoordinateSystem("GÄVLE 0:-15"), m.Fittings[0].From)
	assert.Equal(t, EventCreated, m.Documentation[0].Date.Event)

	m.Surveyor = "Anna Mätare"
	out, err := json.Marshal(&m)
	require.NoError(t, err)
	assert.NotContains(t, string(out), "Anna", "the surveyor is personal data and never written")
	assert.JSONEq(t, string(raw), string(out))
}

func TestMetadataValidate(t *testing.T) {
	t.Parallel()
	f := 1.5
	neg := -1.0
	tests := []struct {
		name  string
		m     Metadata
		path  string
		code  string
		valid bool
	}{
		{name: "empty is valid", valid: true},
		{name: "placement without variant", m: Metadata{PlanMethod: &PositioningMethod{Type: MethodPlacement}}, valid: true},
		{name: "remote sensing has no variant", m: Metadata{PlanMethod: &PositioningMethod{Type: MethodRemoteSensing, Variant: "okänd"}},
			path: "lagesbestamningsmetodIPlan.variant", code: ProblemNotAllowed},
		{name: "geodetic needs a variant", m: Metadata{PlanMethod: &PositioningMethod{Type: MethodGeodeticSurvey}},
			path: "lagesbestamningsmetodIPlan.variant", code: ProblemRequired},
		{name: "variant of another type", m: Metadata{HeightMethod: &PositioningMethod{Type: MethodLaserSurvey, Variant: "ortofoto"}},
			path: "lagesbestamningsmetodIHojd.variant", code: ProblemCodeList},
		{name: "unknown type", m: Metadata{PlanMethod: &PositioningMethod{Type: "gissning"}},
			path: "lagesbestamningsmetodIPlan.typ", code: ProblemCodeList},
		{name: "attribute of another type", m: Metadata{PlanMethod: &PositioningMethod{Type: MethodConversion,
			Variant: "byggdata till geodata, okänd", Resolution: &f}},
			path: "lagesbestamningsmetodIPlan.geometriskUpplosning", code: ProblemNotAllowed},
		{name: "negative resolution", m: Metadata{PlanMethod: &PositioningMethod{Type: MethodInterpolation,
			Variant: "höjder i höjdmodell, okänd", Resolution: &neg}},
			path: "lagesbestamningsmetodIPlan.geometriskUpplosning", code: ProblemRange},
		{name: "unknown geoid", m: Metadata{PlanMethod: &PositioningMethod{Type: MethodGeodeticSurvey, Variant: "DGNSS", Geoid: "SWEN99"}},
			path: "lagesbestamningsmetodIPlan.geoidmodell", code: ProblemCodeList},
		{name: "unknown reason", m: Metadata{Uncertain: "dimma"}, path: "osakertLage", code: ProblemCodeList},
		{name: "fitting without fransystem", m: Metadata{Fittings: []Fitting{{Kind: TransformationUnknown}}},
			path: "inpassningstransformation[0].fransystem", code: ProblemRequired},
		{name: "fitting from unknown system", m: Metadata{Fittings: []Fitting{{From: "ATLANTIS", Kind: TransformationUnknown}}},
			path: "inpassningstransformation[0].fransystem", code: ProblemCodeList},
		{name: "document without reference", m: Metadata{Documentation: []DocumentRef{{Name: "x"}}},
			path: "produktionsdokumentation[0].referens", code: ProblemRequired},
		{name: "upper-case uuid", m: Metadata{Documentation: []DocumentRef{{Name: "x",
			References: []Reference{{Identity: "5B0E8A57-1C2D-4E3F-9A8B-7C6D5E4F3A21"}}}}},
			path: "produktionsdokumentation[0].referens[0].identitet", code: ProblemRequired},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.m.Validate()
			if tc.valid {
				require.NoError(t, err)
				return
			}
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, errors.Is(err, ErrInvalidGeometry))
			found := false
			for _, p := range ve.Problems {
				found = found || p.Path == tc.path && p.Code == tc.code
			}
			assert.True(t, found, "want %s at %s in %v", tc.code, tc.path, ve.Problems)
		})
	}
}

func TestShapeDecodesHandWritten(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/geometri.json")
	require.NoError(t, err)
	var s Shape
	require.NoError(t, json.Unmarshal(raw, &s))
	require.NoError(t, s.Validate())
	assert.Equal(t, ShapeSurface, s.Type)
	assert.Equal(t, SWEREF99_1630, s.PlanCRS)
	assert.Equal(t, RH2000, s.HeightSystem)
	assert.Equal(t, 3, s.Dimension)
	p, ok := s.Position.(*geom.Polygon)
	require.True(t, ok)
	assert.Equal(t, SWEREF99_1630, p.SRID())
	assert.Equal(t, []float64{150000, 6730000, 12.5}, []float64(p.Coord(0)), "X is easting")
	out, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, string(raw), string(out))
}

func TestShapeValidate(t *testing.T) {
	t.Parallel()
	square := func(srid int) *geom.Polygon {
		return geom.NewPolygonFlat(geom.XY, []float64{150000, 6730000, 150010, 6730000, 150010, 6730010, 150000, 6730010, 150000, 6730000}, []int{10}).SetSRID(srid)
	}
	pt := geom.NewPointFlat(geom.XY, []float64{150000, 6730000})
	tests := []struct {
		name  string
		s     Shape
		path  string
		code  string
		valid bool
	}{
		{name: "surface in 16 30", s: Shape{Type: ShapeSurface, Position: square(3010), PlanCRS: 3010, Dimension: 2}, valid: true},
		{name: "wgs84", s: Shape{Type: ShapeSurface, Position: square(3010), PlanCRS: 4326, Dimension: 2}, path: "koordinatsystemPlan", code: ProblemCodeList},
		{name: "rt90", s: Shape{Type: ShapeSurface, Position: square(3010), PlanCRS: 3847, Dimension: 2}, path: "koordinatsystemPlan", code: ProblemCodeList},
		{name: "no crs", s: Shape{Type: ShapeSurface, Position: square(3010), Dimension: 2}, path: "koordinatsystemPlan", code: ProblemRequired},
		{name: "dimension 4", s: Shape{Type: ShapeSurface, Position: square(3010), PlanCRS: 3010, Dimension: 4}, path: "dimension", code: ProblemCodeList},
		{name: "no dimension", s: Shape{Type: ShapeSurface, Position: square(3010), PlanCRS: 3010}, path: "dimension", code: ProblemRequired},
		{name: "dimension disagrees", s: Shape{Type: ShapeSurface, Position: square(3010), PlanCRS: 3010, Dimension: 3}, path: "dimension", code: ProblemRange},
		{name: "wrong height system", s: Shape{Type: ShapeSurface, Position: square(3010), PlanCRS: 3010, Dimension: 2, HeightSystem: 5611}, path: "hojdsystem", code: ProblemCodeList},
		{name: "type disagrees", s: Shape{Type: ShapePoint, Position: square(3010), PlanCRS: 3010, Dimension: 2}, path: "position", code: ProblemNotAllowed},
		{name: "unknown type", s: Shape{Type: "klump", Position: pt, PlanCRS: 3010, Dimension: 2}, path: "typ", code: ProblemCodeList},
		{name: "position outside its zone", s: Shape{Type: ShapePoint, Position: geom.NewPointFlat(geom.XY, []float64{900000, 6200000}), PlanCRS: 3010, Dimension: 2},
			path: "position", code: ProblemOutsideArea},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.s.Validate()
			if tc.valid {
				require.NoError(t, err)
				return
			}
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			found := false
			for _, p := range ve.Problems {
				found = found || strings.HasPrefix(p.Path, tc.path) && p.Code == tc.code
			}
			assert.True(t, found, "want %s at %s in %v", tc.code, tc.path, ve.Problems)
		})
	}
}

func TestNewShapeFromCompound(t *testing.T) {
	t.Parallel()
	g := geom.NewPointFlat(geom.XYZ, []float64{150000, 6730000, 20}).SetSRID(SWEREF99_1630_RH2000)
	s, err := NewShape(g)
	require.NoError(t, err)
	assert.Equal(t, Shape{Type: ShapePoint, Position: s.Position, PlanCRS: 3010, HeightSystem: RH2000, Dimension: 3}, *s)
	assert.Equal(t, 3010, s.Position.SRID())
}

func FuzzShapeUnmarshal(f *testing.F) {
	raw, err := os.ReadFile("testdata/geometri.json")
	require.NoError(f, err)
	f.Add(raw)
	f.Add([]byte(`{"typ":"punkt","koordinatsystemPlan":"EPSG:3006","dimension":2,"position":{"type":"Point","coordinates":[1]}}`))
	f.Add([]byte(`{"typ":"multikropp","koordinatsystemPlan":"EPSG:","position":{"type":"GeometryCollection","geometries":[null]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Shape
		if json.Unmarshal(data, &s) == nil {
			_ = s.Validate()
			_, _ = json.Marshal(s)
		}
	})
}

func FuzzMetadataUnmarshal(f *testing.F) {
	raw, err := os.ReadFile("testdata/geometrimetadata.json")
	require.NoError(f, err)
	f.Add(raw)
	f.Add([]byte(`{"lagesbestamningsmetodIPlan":{"typ":"okänd","tidsperiodForUnderlagetsFramtagande":{"fran":"x"}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var m Metadata
		if json.Unmarshal(data, &m) == nil {
			_ = m.Validate()
			_, _ = json.Marshal(&m)
		}
	})
}
