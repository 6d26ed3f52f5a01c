package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
)

func seqOf(fs ...Feature) iter.Seq2[Feature, error] {
	return func(yield func(Feature, error) bool) {
		for _, f := range fs {
			if !yield(f, nil) {
				return
			}
		}
	}
}

func readAll(t *testing.T, r io.Reader, opts *ReadOptions) []Feature {
	t.Helper()
	var out []Feature
	for f, err := range Read(r, opts) {
		require.NoError(t, err)
		out = append(out, f)
	}
	return out
}

// A footprint in SWEREF 99 18 00 (Sundbyberg) with sub-millimetre digits, and a 3D one.
func footprint() *geom.Polygon {
	return geom.NewPolygonFlat(geom.XY, []float64{
		147350.12345, 6585220.5004, 147390.6256, 6585220.5, 147390.625, 6585261.0001, 147350.12345, 6585220.5004,
	}, []int{8}).SetSRID(geometry.SWEREF99_1800)
}

func footprint3D() *geom.Polygon {
	return geom.NewPolygonFlat(geom.XYZ, []float64{
		147350.1, 6585220.5, 12.34567, 147390.6, 6585220.5, 12.5, 147390.6, 6585261, 13.0004, 147350.1, 6585220.5, 12.34567,
	}, []int{12}).SetSRID(geometry.SWEREF99_1800_RH2000)
}

var changed = time.Date(2026, 11, 30, 13, 14, 15, 123_000_000, time.FixedZone("CET", 3600))

func sampleFeatures() []Feature {
	return []Feature{
		{ID: "b1c2d3e4-0001", Geometry: footprint(), Properties: []Property{
			{Name: "andamal", Value: "Bostad; Småhus <friliggande> & \"garage\""}, {Name: "version", Value: 3},
			{Name: "yta", Value: 132.25}, {Name: "giltig", Value: true}, {Name: "andrad", Value: changed},
			{Name: "saknas", Value: nil}, {Name: "lista", Value: []string{"a", "b"}},
		}},
		{ID: int64(2), Geometry: footprint3D(), Properties: []Property{{Name: "andamal", Value: "Industri"}, {Name: "version", Value: int64(1)}}},
		{ID: nil, Geometry: nil, Properties: nil},
	}
}

var decimalsRE = regexp.MustCompile(`-?\d+\.(\d+)`)

// maxDecimals returns the longest fraction among the numbers of the coordinates members.
func maxDecimals(t *testing.T, out string) int {
	t.Helper()
	longest := 0
	for _, m := range regexp.MustCompile(`"coordinates":(\[[-0-9.,\[\]e]*\])`).FindAllStringSubmatch(out, -1) {
		for _, d := range decimalsRE.FindAllStringSubmatch(m[1], -1) {
			longest = max(longest, len(d[1]))
		}
	}
	return longest
}

func TestWriteGridCRS(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	n, err := WriteAll(&buf, seqOf(sampleFeatures()...), &WriterOptions{CRS: geometry.SWEREF99TM, Name: "byggnad"})
	require.NoError(t, err)
	assert.EqualValues(t, 3, n)
	out := buf.String()
	require.True(t, json.Valid(buf.Bytes()), out)
	assert.True(t, strings.HasPrefix(out, `{"type":"FeatureCollection","name":"byggnad","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3006"}},"features":[`), out)
	assert.Equal(t, 3, maxDecimals(t, out), "millimetres")
	assert.Equal(t, 1, strings.Count(out, `"crs"`), "one crs member, the collection's")
	assert.Contains(t, out, `"andamal":"Bostad; Småhus <friliggande> & \"garage\""`)
	assert.Contains(t, out, `"version":3,"yta":132.25,"giltig":true,"andrad":"2026-11-30T13:14:15.123+01:00","saknas":null,"lista":["a","b"]`)
	assert.Contains(t, out, `{"type":"Feature","geometry":null,"properties":{}}`)

	got := readAll(t, strings.NewReader(out), nil)
	require.Len(t, got, 3)
	// Coordinates: the geometry package's transform to 3006, rounded to the millimetre.
	for i, src := range []geom.T{footprint(), footprint3D()} {
		target := geometry.SWEREF99TM
		if src.Layout() == geom.XYZ {
			target = geometry.SWEREF99TM // the writer's CRS; the Z stays
		}
		want, err := geometry.Transform(src, target)
		require.NoError(t, err)
		g := got[i].Geometry
		assert.Equal(t, geometry.SWEREF99TM, g.SRID())
		assert.Equal(t, src.Layout(), g.Layout())
		for k, v := range want.FlatCoords() {
			assert.InDelta(t, v, g.FlatCoords()[k], 0.0005+1e-9, "feature %d ordinate %d", i, k)
		}
	}
	assert.Equal(t, 12.346, got[1].Geometry.FlatCoords()[2], "heights to the millimetre")
	assert.Equal(t, "b1c2d3e4-0001", got[0].ID)
	assert.Equal(t, int64(2), got[1].ID)
	assert.Nil(t, got[2].ID)
	assert.Equal(t, []Property{
		{Name: "andamal", Value: "Bostad; Småhus <friliggande> & \"garage\""}, {Name: "version", Value: int64(3)},
		{Name: "yta", Value: 132.25}, {Name: "giltig", Value: true}, {Name: "andrad", Value: "2026-11-30T13:14:15.123+01:00"},
		{Name: "saknas", Value: nil}, {Name: "lista", Value: []any{"a", "b"}},
	}, got[0].Properties, "typed, in order")
}

func TestWriteLonLat(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	_, err := WriteAll(&buf, seqOf(sampleFeatures()[:2]...), nil)
	require.ErrorIs(t, err, ErrHeights, "heights in RFC 7946 must be asked for")
	buf.Reset()
	_, err = WriteAll(&buf, seqOf(sampleFeatures()[:2]...), &WriterOptions{LonLatHeights: HeightsRH2000})
	require.NoError(t, err)
	out := buf.String()
	assert.NotContains(t, out, `"crs"`, "RFC 7946 has no crs member")
	assert.Equal(t, 8, maxDecimals(t, out))
	got := readAll(t, strings.NewReader(out), &ReadOptions{DefaultSRID: geometry.SWEREF99Geographic})
	want, err := geometry.Transform(footprint(), geometry.SWEREF99Geographic)
	require.NoError(t, err)
	g := got[0].Geometry
	assert.Equal(t, geometry.SWEREF99Geographic, g.SRID())
	for k, v := range want.FlatCoords() {
		assert.InDelta(t, v, g.FlatCoords()[k], 0.5e-8+1e-12)
	}
	// Back on the grid, the rounding moved no corner by more than a millimetre.
	back, err := geometry.Transform(g, geometry.SWEREF99_1800)
	require.NoError(t, err)
	for k, v := range footprint().FlatCoords() {
		assert.InDelta(t, v, back.FlatCoords()[k], 0.001)
	}
	// Heights stay metres, to the millimetre.
	assert.Equal(t, 12.346, got[1].Geometry.FlatCoords()[2])

	buf.Reset()
	_, err = WriteAll(&buf, seqOf(sampleFeatures()[:2]...), &WriterOptions{LonLatHeights: HeightsDropped})
	require.NoError(t, err)
	got = readAll(t, &buf, nil)
	assert.Equal(t, geom.XY, got[1].Geometry.Layout())
	assert.Equal(t, g.FlatCoords(), got[0].Geometry.FlatCoords(), "2D rows are as before")
}

func TestWriteCompoundKeepsTwoDimensionalRowsTwoDimensional(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	_, err := WriteAll(&buf, seqOf(Feature{Geometry: footprint()}, Feature{Geometry: footprint3D()}), &WriterOptions{CRS: geometry.SWEREF99_1800_RH2000})
	require.NoError(t, err)
	got := readAll(t, &buf, nil)
	assert.Equal(t, geom.XY, got[0].Geometry.Layout(), "no height invented")
	assert.Equal(t, geom.XYZ, got[1].Geometry.Layout())
	assert.Equal(t, geometry.SWEREF99_1800_RH2000, got[1].Geometry.SRID())
}

func TestWriteRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		f    Feature
		want error
	}{
		{"nan", Feature{Properties: []Property{{Name: "x", Value: math.NaN()}}}, ErrValue},
		{"bytes", Feature{Properties: []Property{{Name: "x", Value: []byte("x")}}}, ErrValue},
		{"bad utf-8", Feature{Properties: []Property{{Name: "x", Value: "\xff"}}}, ErrValue},
		{"bad id", Feature{ID: true}, ErrValue},
		{"unknown crs", Feature{Geometry: geom.NewPointFlat(geom.XY, []float64{1, 2}).SetSRID(2400)}, geometry.ErrUnknownCRS},
		{"measures", Feature{Geometry: geom.NewPointFlat(geom.XYM, []float64{150000, 6600000, 1}).SetSRID(3011)}, geometry.ErrUnsupportedGeometry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			w, err := NewWriter(&buf, &WriterOptions{CRS: 3006})
			require.NoError(t, err)
			require.ErrorIs(t, w.Write(tt.f), tt.want)
			// The bad feature left nothing behind; the collection goes on.
			require.NoError(t, w.Write(Feature{Properties: []Property{{Name: "ok", Value: 1}}}))
			require.NoError(t, w.Close())
			assert.True(t, json.Valid(buf.Bytes()), buf.String())
			assert.Len(t, readAll(t, &buf, nil), 1)
		})
	}
	_, err := NewWriter(io.Discard, &WriterOptions{CRS: 2400})
	require.ErrorIs(t, err, geometry.ErrUnknownCRS)
}

func TestReadCRS(t *testing.T) {
	t.Parallel()
	pt := `{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[150000,6600000]}}`
	tests := []struct {
		name    string
		doc     string
		opts    *ReadOptions
		want    int
		wantErr error
	}{
		{"none: RFC 7946 WGS 84", `{"type":"FeatureCollection","features":[` + pt + `]}`, nil, 4326, nil},
		{"none, SWEREF 99 by option", `{"type":"FeatureCollection","features":[` + pt + `]}`, &ReadOptions{DefaultSRID: 4619}, 4619, nil},
		{"urn", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3011"}},"features":[` + pt + `]}`, nil, 3011, nil},
		{"legacy EPSG:n", `{"crs":{"type":"name","properties":{"name":"EPSG:3011"}},"type":"FeatureCollection","features":[` + pt + `]}`, nil, 3011, nil},
		{"crs84", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[` + pt + `]}`, nil, 4326, nil},
		{"the geometry's own crs wins", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3006"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[150000,6600000],"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3011"}}}}]}`, nil, 3011, nil},
		{"crs after, agreeing", `{"type":"FeatureCollection","features":[` + pt + `],"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4326"}}}`, nil, 4326, nil},
		{"crs after, disagreeing", `{"type":"FeatureCollection","features":[` + pt + `],"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3006"}}}`, nil, 4326, ErrCRSAfterFeatures},
		{"crs of an unknown type", `{"type":"FeatureCollection","crs":{"type":"link","properties":{"href":"x"}},"features":[` + pt + `]}`, nil, 0, geometry.ErrInvalidSRSName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var srids []int
			var err error
			for f, e := range Read(strings.NewReader(tt.doc), tt.opts) {
				if e != nil {
					err = e
					continue
				}
				srids = append(srids, f.Geometry.SRID())
			}
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, []int{tt.want}, srids)
		})
	}
}

func TestReadRefusesWhatIsNotACollection(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, doc string }{
		{"array", `[1,2]`},
		{"feature", `{"type":"Feature","geometry":null,"properties":{}}`},
		{"geometry", `{"type":"Point","coordinates":[1,2]}`},
		{"no features", `{"type":"FeatureCollection"}`},
		{"no type", `{"features":[]}`},
		{"features not an array", `{"type":"FeatureCollection","features":{}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var err error
			for _, e := range Read(strings.NewReader(tt.doc), nil) {
				if e != nil {
					err = e
				}
			}
			require.ErrorIs(t, err, ErrNotFeatureCollection)
		})
	}
}

func TestReadGoesOnPastABadFeature(t *testing.T) {
	t.Parallel()
	doc := `{"type":"FeatureCollection","features":[
		{"type":"Feature","id":1,"properties":{"a":1},"geometry":{"type":"Point","coordinates":[1,2]}},
		{"type":"Feature","id":2,"properties":{"a":2},"geometry":{"type":"Polygon","coordinates":[1,2]}},
		{"type":"Feature","id":{"x":1},"properties":{},"geometry":null},
		{"type":"Feature","id":4,"properties":[1],"geometry":null},
		{"type":"Feature","id":5,"properties":{"a":5.5,"big":123456789012345678901234567890},"geometry":null}
	]}`
	var ids []any
	var bad []int64
	for f, err := range Read(strings.NewReader(doc), nil) {
		var fe *FeatureError
		if errors.As(err, &fe) {
			bad = append(bad, fe.Index)
			continue
		}
		require.NoError(t, err)
		ids = append(ids, f.ID)
		if f.ID == int64(5) {
			assert.Equal(t, []Property{{Name: "a", Value: 5.5}, {Name: "big", Value: 1.2345678901234568e29}}, f.Properties)
		}
	}
	assert.Equal(t, []any{int64(1), int64(5)}, ids)
	assert.Equal(t, []int64{2, 3, 4}, bad)

	// A syntax error ends the sequence.
	var errs int
	for _, err := range Read(strings.NewReader(`{"type":"FeatureCollection","features":[{"type":"Feature"`), nil) {
		if err != nil {
			errs++
		}
	}
	assert.Equal(t, 1, errs)
	// MaxFeatures bounds it.
	var last error
	n := 0
	for _, err := range Read(strings.NewReader(doc), &ReadOptions{MaxFeatures: 2}) {
		if err != nil {
			last = err
			continue
		}
		n++
	}
	assert.ErrorContains(t, last, "more than 2 features")
	assert.Equal(t, 1, n)
}

// countingReader counts the bytes read and generates a collection of n features lazily.
type countingReader struct {
	r    io.Reader
	read int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read += int64(n)
	return n, err
}

// The reader streams: the first feature arrives after a few kilobytes of a collection of
// 40 000, and the whole collection never sits in memory.
func TestReadStreams(t *testing.T) {
	t.Parallel()
	const n = 40_000
	pr, pw := io.Pipe()
	go func() {
		w, err := NewWriter(pw, &WriterOptions{CRS: 3006})
		if err != nil {
			pw.CloseWithError(err)
			return
		}
		for i := range n {
			f := Feature{ID: int64(i), Geometry: geom.NewPointFlat(geom.XY, []float64{500000 + float64(i), 6500000}).SetSRID(3006), Properties: []Property{{Name: "i", Value: i}}}
			if err := w.Write(f); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		pw.CloseWithError(w.Close())
	}()
	cr := &countingReader{r: pr}
	var firstAt int64
	count := 0
	for f, err := range Read(cr, nil) {
		require.NoError(t, err)
		if count == 0 {
			firstAt = cr.read
		}
		assert.Equal(t, int64(count), f.ID)
		count++
	}
	assert.Equal(t, n, count)
	assert.Less(t, firstAt, cr.read/100, "first feature after %d of %d bytes", firstAt, cr.read)
}

func ExampleNewWriter() {
	var out strings.Builder
	w, err := NewWriter(&out, &WriterOptions{CRS: geometry.SWEREF99TM})
	if err != nil {
		fmt.Println(err)
		return
	}
	// A point in SWEREF 99 18 00 comes out in SWEREF 99 TM, to the millimetre (PROJ's
	// cs2cs EPSG:3011 EPSG:3006 gives 6586307.6213 667759.6023).
	_ = w.Write(Feature{
		ID:         "entre-1",
		Geometry:   geom.NewPointFlat(geom.XY, []float64{147350.12345, 6585220.5004}).SetSRID(geometry.SWEREF99_1800),
		Properties: []Property{{Name: "husnummer", Value: 12}, {Name: "bokstav", Value: "A"}},
	})
	if err := w.Close(); err != nil {
		fmt.Println(err)
	}
	fmt.Print(out.String())
	// Output:
	// {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3006"}},"features":[
	// {"type":"Feature","id":"entre-1","geometry":{"type":"Point","coordinates":[667759.602,6586307.621]},"properties":{"husnummer":12,"bokstav":"A"}}
	// ]}
}

func ExampleRead() {
	doc := `{"type":"FeatureCollection",
	 "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3011"}},
	 "features":[{"type":"Feature","id":7,"properties":{"andamal":"Bostad","version":3},
	   "geometry":{"type":"Point","coordinates":[147350.125,6585220.5]}}]}`
	for f, err := range Read(strings.NewReader(doc), nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(f.ID, f.Geometry.SRID(), f.Properties)
	}
	// Output:
	// 7 3011 [{andamal Bostad} {version 3}]
}

func TestDropZ(t *testing.T) {
	t.Parallel()
	gc := geom.NewGeometryCollection()
	require.NoError(t, gc.Push(geom.NewPointFlat(geom.XYZ, []float64{1, 2, 3}), geom.NewPointFlat(geom.XY, []float64{4, 5})))
	tests := []struct {
		name string
		in   geom.T
		want []float64
	}{
		{"point", geom.NewPointFlat(geom.XYZ, []float64{1, 2, 3}), []float64{1, 2}},
		{"linestring", geom.NewLineStringFlat(geom.XYZ, []float64{1, 2, 3, 4, 5, 6}), []float64{1, 2, 4, 5}},
		{"polygon", geom.NewPolygonFlat(geom.XYZ, []float64{0, 0, 9, 1, 0, 9, 1, 1, 9, 0, 0, 9}, []int{12}), []float64{0, 0, 1, 0, 1, 1, 0, 0}},
		{"multipoint", geom.NewMultiPointFlat(geom.XYZ, []float64{1, 2, 3, 4, 5, 6}), []float64{1, 2, 4, 5}},
		{"multilinestring", geom.NewMultiLineStringFlat(geom.XYZ, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, []int{6, 12}), []float64{1, 2, 4, 5, 7, 8, 10, 11}},
		{"multipolygon", geom.NewMultiPolygonFlat(geom.XYZ, []float64{0, 0, 9, 1, 0, 9, 1, 1, 9, 0, 0, 9, 5, 5, 9, 6, 5, 9, 6, 6, 9, 5, 5, 9}, [][]int{{12}, {24}}), []float64{0, 0, 1, 0, 1, 1, 0, 0, 5, 5, 6, 5, 6, 6, 5, 5}},
		{"point zm", geom.NewPointFlat(geom.XYZM, []float64{1, 2, 3, 4}), []float64{1, 2, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := dropZ(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.in.Layout().MIndex() >= 0, out.Layout().MIndex() >= 0)
			assert.Negative(t, out.Layout().ZIndex())
			assert.Equal(t, tt.want, out.FlatCoords())
			assert.Equal(t, len(tt.in.Ends()), len(out.Ends()))
			assert.Equal(t, len(tt.in.Endss()), len(out.Endss()))
		})
	}
	out, err := dropZ(gc)
	require.NoError(t, err)
	c := out.(*geom.GeometryCollection)
	assert.Equal(t, []float64{1, 2}, c.Geom(0).FlatCoords())
	assert.Equal(t, []float64{4, 5}, c.Geom(1).FlatCoords())
}
