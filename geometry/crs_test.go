package geometry

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRegistry(t *testing.T) {
	t.Parallel()
	// EPSG code ↔ central meridian, straight from geodesy.md §1.2 and the compound table §4.1.
	zones := []struct {
		code, compound int
		name           string
		lon0           float64
	}{
		{3007, 5846, "SWEREF 99 12 00", 12}, {3008, 5847, "SWEREF 99 13 30", 13.5},
		{3009, 5848, "SWEREF 99 15 00", 15}, {3010, 5849, "SWEREF 99 16 30", 16.5},
		{3011, 5850, "SWEREF 99 18 00", 18}, {3012, 5851, "SWEREF 99 14 15", 14.25},
		{3013, 5852, "SWEREF 99 15 45", 15.75}, {3014, 5853, "SWEREF 99 17 15", 17.25},
		{3015, 5854, "SWEREF 99 18 45", 18.75}, {3016, 5855, "SWEREF 99 20 15", 20.25},
		{3017, 5856, "SWEREF 99 21 45", 21.75}, {3018, 5857, "SWEREF 99 23 15", 23.25},
	}
	for _, z := range zones {
		t.Run(z.name, func(t *testing.T) {
			t.Parallel()
			c, err := Lookup(z.code)
			require.NoError(t, err)
			assert.Equal(t, z.name, c.Name)
			assert.Equal(t, Projected, c.Kind)
			assert.Equal(t, z.code, c.Horizontal)
			assert.Zero(t, c.Vertical)
			assert.Equal(t, TransverseMercator{SemiMajorAxis: 6378137, Flattening: 1 / 298.257222101, CentralMeridian: z.lon0, Scale: 1, FalseEasting: 150000}, *c.Projection)

			cc, err := Lookup(z.compound)
			require.NoError(t, err)
			assert.Equal(t, Compound, cc.Kind)
			assert.Equal(t, z.code, cc.Horizontal)
			assert.Equal(t, RH2000, cc.Vertical)
			assert.Equal(t, z.name+" + RH 2000", cc.Name)
			assert.Equal(t, *c.Projection, *cc.Projection)
		})
	}

	tm, err := Lookup(SWEREF99TM)
	require.NoError(t, err)
	assert.Equal(t, TransverseMercator{SemiMajorAxis: 6378137, Flattening: 1 / 298.257222101, CentralMeridian: 15, Scale: 0.9996, FalseEasting: 500000}, *tm.Projection)

	rt, err := Lookup(RT90_25gonV)
	require.NoError(t, err)
	assert.InDelta(t, 15.806284529444444, rt.Projection.CentralMeridian, 1e-15, "15°48′22.624306″ kept exact")
	assert.Equal(t, 1.00000561024, rt.Projection.Scale)
	assert.Equal(t, -667.711, rt.Projection.FalseNorthing)
	assert.Equal(t, 1500064.274, rt.Projection.FalseEasting)

	geo, err := Lookup(SWEREF99Geographic)
	require.NoError(t, err)
	assert.Equal(t, Geographic, geo.Kind)
	assert.Nil(t, geo.Projection)

	var codes []int
	for _, c := range CRSs() {
		codes = append(codes, c.Code)
	}
	want := []int{3006}
	for c := 3007; c <= 3018; c++ {
		want = append(want, c)
	}
	want = append(want, 3845, 3846, 3847, 3848, 3849, 3850, 4619)
	for c := 5845; c <= 5857; c++ {
		want = append(want, c)
	}
	assert.Equal(t, want, codes)
}

func TestLookupErrors(t *testing.T) {
	t.Parallel()
	for _, code := range []int{0, -1, 4326, 3021, 5613, 3019} {
		_, err := Lookup(code)
		assert.ErrorIs(t, err, ErrUnknownCRS, "code %d", code)
	}
	_, err := Lookup(3021)
	assert.ErrorContains(t, err, "3847", "the bessel rt 90 error points at the direct projection")
}

func TestLookupName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		code int
	}{
		{"SWEREF 99 18 00", 3011},
		{"SWEREF99 18 00", 3011},
		{"sweref 99 1800", 3011},
		{"  SWEREF 99 TM ", 3006},
		{"SWEREF99 TM", 3006},
		{"SWEREF 99 23 15", 3018},
		{"SWEREF 99", 4619},
		{"SWEREF 99 TM + RH 2000", 5845},
		{"SWEREF99 TM + RH2000 height", 5845},
		{"SWEREF99 16 30 + RH2000 height", 5849},
		{"RT 90 2.5 gon V", 3847},
		{"RT90 2.5 gon V", 3847},
		{"SWEREF99 / RT90 2.5 gon V emulation", 3847},
		{"RT 90 5 gon O", 3850},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := LookupName(tt.name)
			require.NoError(t, err)
			assert.Equal(t, tt.code, c.Code)
		})
	}
	_, err := LookupName("SWEREF 99 19 00")
	assert.ErrorIs(t, err, ErrUnknownCRS)
}

func TestParseSRSName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		code int
		form SRSNameForm
	}{
		{"urn:ogc:def:crs:EPSG::3006", 3006, URN},
		{"urn:ogc:def:crs:EPSG:6.18:3006", 3006, URN},
		{"URN:OGC:DEF:CRS:EPSG::3011", 3011, URN},
		{"urn:x-ogc:def:crs:EPSG:3010", 3010, URN},
		{"urn:x-ogc:def:crs:EPSG:6.3:3010", 3010, URN},
		{"urn:ogc:def:crs:EPSG::5845", 5845, URN},
		{"urn:ogc:def:crs:EPSG::4619", 4619, URN},
		{"urn:ogc:def:crs,crs:EPSG::3006,crs:EPSG::5613", 5845, URN},
		{"urn:ogc:def:crs,crs:EPSG:6.18:3011,crs:EPSG::5613", 5850, URN},
		{"http://www.opengis.net/def/crs/EPSG/0/3006", 3006, HTTPURI},
		{"https://www.opengis.net/def/crs/EPSG/9.8.15/3847", 3847, HTTPURI},
		{"EPSG:3006", 3006, EPSGColon},
		{"epsg:3018", 3018, EPSGColon},
		{" EPSG:3006 ", 3006, EPSGColon},
		{"http://www.opengis.net/gml/srs/epsg.xml#3006", 3006, EPSGXMLURL},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			c, form, err := ParseSRSNameForm(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.code, c.Code)
			assert.Equal(t, tt.form, form)
			assert.Equal(t, tt.form == EPSGColon || tt.form == EPSGXMLURL, form.AmbiguousAxisOrder())
			c2, err := ParseSRSName(tt.in)
			require.NoError(t, err)
			assert.Same(t, c, c2)
		})
	}
}

func TestParseSRSNameErrors(t *testing.T) {
	t.Parallel()
	invalid := []string{
		"", "3006", "EPSG:", "EPSG:abc", "EPSG:3006x", "urn:ogc:def:crs:EPSG:3006:x:3006",
		"urn:ogc:def:crs:OGC:1.3:CRS84", "http://www.opengis.net/def/crs/EPSG/3006",
		"http://example.com/epsg/3006", "urn:ogc:def:crs,crs:EPSG::3006", "EPSG:-3006",
		"EPSG:99999999999999999999",
	}
	for _, in := range invalid {
		_, err := ParseSRSName(in)
		assert.ErrorIs(t, err, ErrInvalidSRSName, "%q", in)
	}
	unknown := []string{"EPSG:4326", "urn:ogc:def:crs:EPSG::3021", "urn:ogc:def:crs,crs:EPSG::3006,crs:EPSG::5718", "http://www.opengis.net/def/crs/EPSG/0/5613"}
	for _, in := range unknown {
		_, err := ParseSRSName(in)
		assert.ErrorIs(t, err, ErrUnknownCRS, "%q", in)
		assert.NotErrorIs(t, err, ErrInvalidSRSName, "%q", in)
	}
}

func TestSRSNameRoundTrip(t *testing.T) {
	t.Parallel()
	for _, c := range CRSs() {
		for _, form := range []SRSNameForm{URN, HTTPURI, EPSGColon, EPSGXMLURL} {
			got, gotForm, err := ParseSRSNameForm(FormatSRSName(c.Code, form))
			require.NoError(t, err)
			assert.Same(t, c, got)
			assert.Equal(t, form, gotForm)
		}
		assert.Equal(t, "urn:ogc:def:crs:EPSG::"+itoa(c.Code), c.SRSName())
	}
}

func itoa(i int) string { return FormatSRSName(i, EPSGColon)[len("EPSG:"):] }

func TestCompoundOf(t *testing.T) {
	t.Parallel()
	for code, want := range map[int]int{3006: 5845, 3007: 5846, 3011: 5850, 3012: 5851, 3018: 5857, 5849: 5849} {
		c, err := CompoundOf(code)
		require.NoError(t, err, code)
		assert.Equal(t, want, c.Code, code)
	}
	for _, code := range []int{4619, 3847, 4326} {
		_, err := CompoundOf(code)
		assert.ErrorIs(t, err, ErrUnknownCRS, code)
	}
}
