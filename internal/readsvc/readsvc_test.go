package readsvc_test

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/readsvc"
)

func square(side float64) *geom.Polygon {
	e, n := 600000.0, 6700000.0
	return geom.NewPolygonFlat(geom.XY, []float64{e, n, e + side, n, e + side, n + side, e, n + side, e, n}, []int{10}).SetSRID(3006)
}

func TestQuery(t *testing.T) {
	t.Parallel()
	known := []string{"basinformation", "geometri", "total"}
	tests := []struct {
		name    string
		include []string
		srid    int
		want    string
		wantErr bool
	}{
		{name: "nil is total", want: "includeData=total"},
		{name: "empty sends none", include: []string{}, want: ""},
		{name: "subsets and srid", include: []string{"basinformation", "geometri"}, srid: 3011, want: "includeData=basinformation%2Cgeometri&srid=3011"},
		{name: "total alone", include: []string{"total", "geometri"}, wantErr: true},
		{name: "unknown subset", include: []string{"allt"}, wantErr: true},
		{name: "srid outside", srid: 3847, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := check.New("test")
			q := readsvc.Query(v, tt.include, known, tt.srid)
			if tt.wantErr {
				assert.ErrorIs(t, v.Err(), bal.ErrValidation)
				return
			}
			require.NoError(t, v.Err())
			assert.Equal(t, tt.want, q.Encode())
		})
	}
}

func TestSearchGeometry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		g        geom.T
		buffer   float64
		wantErr  string
		wantSRID int
	}{
		{name: "1 km² is the limit", g: square(1000), wantSRID: 3006},
		{name: "just above 1 km²", g: square(1000.5), wantErr: "1 000 000 m²"},
		{name: "perimeter above 200 km", g: geom.NewPolygonFlat(geom.XY, []float64{600000, 6700000, 700001, 6700000, 700001, 6700001, 600000, 6700001, 600000, 6700000}, []int{10}).SetSRID(3006), wantErr: "perimeter"},
		{name: "line of 200 km", g: geom.NewLineStringFlat(geom.XY, []float64{500000, 6600000, 500000, 6800000}).SetSRID(3006), wantSRID: 3006},
		{name: "line above 200 km", g: geom.NewLineStringFlat(geom.XY, []float64{500000, 6600000, 500000, 6800001}).SetSRID(3006), wantErr: "200 000 m"},
		{name: "local zone kept", g: geom.NewPointFlat(geom.XY, []float64{153000, 6580000}).SetSRID(3011), wantSRID: 3011},
		{name: "geographic transformed", g: geom.NewPointFlat(geom.XY, []float64{18.06, 59.33}).SetSRID(4619), wantSRID: 3006},
		{name: "unknown crs", g: geom.NewPointFlat(geom.XY, []float64{1, 2}).SetSRID(9999), wantErr: "srid 9999"},
		{name: "NaN buffer", g: square(10), buffer: math.NaN(), wantErr: "buffer"},
		{name: "empty", g: geom.NewPolygon(geom.XY).SetSRID(3006), wantErr: "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := check.New("test")
			g := readsvc.SearchGeometry(v, tt.g, tt.buffer)
			if tt.wantErr != "" {
				require.Error(t, v.Err())
				assert.Contains(t, v.Err().Error(), tt.wantErr)
				return
			}
			require.NoError(t, v.Err())
			assert.Equal(t, tt.wantSRID, g.SRID())
		})
	}
}

func TestPointQuery(t *testing.T) {
	t.Parallel()
	q, err := readsvc.PointQuery("test", geom.NewPointFlat(geom.XY, []float64{674032.5, 6580822.25}).SetSRID(3006))
	require.NoError(t, err)
	assert.Equal(t, "koordinater=6580822.25%2C674032.5&punktSrid=3006", q.Encode())

	q, err = readsvc.PointQuery("test", geom.NewPointFlat(geom.XY, []float64{18.06, 59.33}).SetSRID(4619))
	require.NoError(t, err)
	assert.Equal(t, "3006", q.Get("punktSrid"))

	_, err = readsvc.PointQuery("test", geom.NewPointFlat(geom.XY, []float64{6580822.25, 674032.5}).SetSRID(3006))
	assert.ErrorIs(t, err, bal.ErrValidation, "swapped axes fall outside the CRS")
}

func TestParseTime(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"2056-10-22T23:58:21.345+02:00", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00", "2019-05-14", "2019-05-14+01:00", ""} {
		_, err := readsvc.ParseTime(s)
		assert.NoError(t, err, s)
	}
	_, err := readsvc.ParseTime("igår")
	assert.Error(t, err)
	tm, err := readsvc.ParseTime("2056-10-22T23:58:21.345+02:00")
	require.NoError(t, err)
	assert.Equal(t, "2056-10-22T23:58:21.345+02:00", readsvc.FormatTime(tm))
	assert.Empty(t, readsvc.FormatTime(time.Time{}))
}
