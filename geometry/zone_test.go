package geometry_test

import (
	"math"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// The verified rows of geodesy.md §7, as the task lists them, with the kommunkoder checked
// against SCB's list; and each municipality's central town (approximate, to 0.01°) for the
// suggestion.
var verifiedMunicipalities = []struct {
	kommunkod, name string
	zone            int
	lon, lat        float64
	partial         bool
}{
	{"1480", "Göteborg", 3007, 11.97, 57.71, false},
	{"1487", "Vänersborg", 3007, 12.32, 58.38, false},
	{"1492", "Åmål", 3007, 12.70, 59.05, false},
	{"1280", "Malmö", 3008, 13.00, 55.60, false},
	{"1781", "Kristinehamn", 3008, 14.11, 59.31, false},
	{"0586", "Mjölby", 3009, 15.13, 58.33, false},
	{"0562", "Finspång", 3010, 15.77, 58.71, false},
	{"0139", "Upplands-Bro", 3011, 17.75, 59.48, false},
	{"0183", "Sundbyberg", 3011, 17.97, 59.36, false},
	{"0181", "Södertälje", 3011, 17.63, 59.20, false},
	{"2280", "Härnösand", 3014, 17.94, 62.63, false},
	{"2582", "Boden", 3017, 21.69, 65.83, false},
	{"0180", "Stockholm", 3011, 18.07, 59.33, true},
}

func TestKnownZones(t *testing.T) {
	t.Parallel()
	rows := geometry.KnownZones()
	require.Len(t, rows, len(verifiedMunicipalities), "exactly the rows geodesy.md verified")
	for _, m := range verifiedMunicipalities {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			v, ok := geometry.KnownZone(m.kommunkod)
			require.True(t, ok)
			assert.Equal(t, m.name, v.Municipality)
			assert.Equal(t, m.zone, v.Zone)
			assert.Equal(t, m.zone, v.CRS().Code)
			assert.Equal(t, m.partial, v.Partial)
			assert.Equal(t, m.partial, v.Note != "", "a partial row says why")
			u, err := url.Parse(v.Source)
			require.NoError(t, err)
			assert.Contains(t, []string{"http", "https"}, u.Scheme)
			assert.NotEmpty(t, u.Host)
		})
	}
	for i := 1; i < len(rows); i++ {
		assert.Less(t, rows[i-1].Kommunkod, rows[i].Kommunkod, "ordered, no duplicates")
	}
	_, ok := geometry.KnownZone("0580")
	assert.False(t, ok, "Linköping is not verified (geodesy.md §7), so it has no row")
}

// For every verified municipality, the nearest-meridian suggestion at its central town is the
// zone the municipality chose. (A heuristic that agrees with all thirteen is still a
// heuristic: the verified row and an override come first.)
func TestSuggestZoneAgreesWithTheVerifiedChoices(t *testing.T) {
	t.Parallel()
	for _, m := range verifiedMunicipalities {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			s, err := geometry.SuggestZone(m.lon, m.lat)
			require.NoError(t, err)
			assert.Equal(t, m.zone, s.Zone.Code)
		})
	}
}

func TestSuggestZone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		lon, lat float64
		want     int
		alts     []int
		wantErr  error
	}{
		{"Stockholm: 18 00, or Gotland's wide 18 45", 18.07, 59.33, 3011, []int{3015}, nil},
		{"between two meridians: the lower code", 12.75, 58.0, 3007, []int{3008}, nil},
		{"Kiruna: only 20 15", 20.23, 67.86, 3016, nil, nil},
		{"Haparanda: 23 15 alone", 24.14, 65.84, 3018, nil, nil},
		{"Luleå: three zones", 22.15, 65.58, 3017, []int{3018, 3016}, nil},
		{"Visby: Gotland is in 18 45 alone", 18.29, 57.64, 3015, nil, nil},
		{"Helsinki", 24.94, 60.17, 0, nil, geometry.ErrNoZone},
		{"Oslo", 10.75, 59.91, 0, nil, geometry.ErrNoZone},
		{"NaN", math.NaN(), 60, 0, nil, geometry.ErrNoZone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := geometry.SuggestZone(tt.lon, tt.lat)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, s.Zone.Code)
			var alts []int
			last := math.Abs(s.Offset)
			for _, a := range s.Alternatives {
				alts = append(alts, a.Code)
				assert.True(t, a.AreaOfUse.Contains(tt.lat, tt.lon, 0))
				d := math.Abs(tt.lon - a.Projection.CentralMeridian)
				assert.GreaterOrEqual(t, d, last, "alternatives by distance")
				last = d
			}
			assert.Equal(t, tt.alts, alts)
			assert.True(t, s.Zone.AreaOfUse.Contains(tt.lat, tt.lon, 0))
			assert.InDelta(t, tt.lon-s.Zone.Projection.CentralMeridian, s.Offset, 1e-12)
		})
	}
}

func TestMunicipalityZone(t *testing.T) {
	t.Parallel()
	// A building in Linköping (not verified) given in SWEREF 99 TM, and one in Oslo.
	linkoping := geom.NewPointFlat(geom.XY, []float64{536500, 6474200}).SetSRID(geometry.SWEREF99TM)
	oslo := geom.NewPointFlat(geom.XY, []float64{10.75, 59.91}).SetSRID(geometry.SWEREF99Geographic)
	tests := []struct {
		name      string
		kommunkod string
		opts      *geometry.ZoneOptions
		want      int
		source    geometry.ZoneSource
		verified  bool
		suggested int
		wantErr   error
	}{
		{"verified", "1480", nil, 3007, geometry.FromVerified, true, 0, nil},
		{"partly verified", "0180", nil, 3011, geometry.FromVerified, true, 0, nil},
		{"override wins over a verified row", "1480", &geometry.ZoneOptions{Overrides: map[string]int{"1480": 3006}}, 3006, geometry.FromOverride, true, 0, nil},
		{"compound override means its projection", "0580", &geometry.ZoneOptions{Overrides: map[string]int{"0580": 5848}}, 3009, geometry.FromOverride, false, 0, nil},
		{"suggestion from a location", "0580", &geometry.ZoneOptions{Near: linkoping}, 3009, geometry.FromSuggestion, false, 3009, nil},
		{"verified, with the suggestion alongside", "0586", &geometry.ZoneOptions{Near: linkoping}, 3009, geometry.FromVerified, true, 3009, nil},
		{"verified, location outside every zone", "2582", &geometry.ZoneOptions{Near: oslo}, 3017, geometry.FromVerified, true, 0, nil},
		{"nothing to go by", "0580", nil, 0, 0, false, 0, geometry.ErrNoZone},
		{"location outside every zone", "0580", &geometry.ZoneOptions{Near: oslo}, 0, 0, false, 0, geometry.ErrNoZone},
		{"override that is no SWEREF 99 projection", "0580", &geometry.ZoneOptions{Overrides: map[string]int{"0580": 4619}}, 0, 0, false, 0, geometry.ErrUnknownCRS},
		{"override with an unknown code", "0580", &geometry.ZoneOptions{Overrides: map[string]int{"0580": 2400}}, 0, 0, false, 0, geometry.ErrUnknownCRS},
		{"kommunkod of three digits", "180", nil, 0, 0, false, 0, geometry.ErrInvalidKommunkod},
		{"kommunkod with letters", "01a0", nil, 0, 0, false, 0, geometry.ErrInvalidKommunkod},
		{"near without a crs", "0580", &geometry.ZoneOptions{Near: geom.NewPointFlat(geom.XY, []float64{1, 2})}, 0, 0, false, 0, geometry.ErrUnknownCRS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := geometry.MunicipalityZone(tt.kommunkod, tt.opts)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, c.Zone.Code)
			assert.Equal(t, tt.source, c.Source)
			assert.Equal(t, tt.verified, c.Verified != nil)
			if tt.suggested != 0 {
				require.NotNil(t, c.Suggestion)
				assert.Equal(t, tt.suggested, c.Suggestion.Zone.Code)
			} else {
				assert.Nil(t, c.Suggestion)
			}
		})
	}
}
