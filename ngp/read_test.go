package ngp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// mm compares coordinates to the millimetre.
var mm = cmpopts.EquateApprox(0, 0.001)

func coords(g geom.T) []float64 { return append([]float64(nil), g.FlatCoords()...) }

// TestReadsHandWrittenSokning decodes a Sökning answer written by hand from
// ngp.md: EPSG:3006 named in Content-Crs, coordinates northing first.
func TestReadsHandWrittenSokning(t *testing.T) {
	t.Parallel()
	h := http.Header{}
	for _, l := range bytes.Split(bytes.TrimSpace(mustRead(t, "testdata/sokning-byggnad.3006.headers")), []byte("\n")) {
		k, v, _ := bytes.Cut(l, []byte(":"))
		h.Set(string(k), string(bytes.TrimSpace(v)))
	}
	c, _, reqs := answering(t, 200, h, mustRead(t, "testdata/sokning-byggnad.3006.json"))
	var got []*ngp.Feature
	for f, err := range c.Dataset("byggnad", "v1").Items(context.Background(), "2199", &ngp.Query{Limit: 10}) {
		require.NoError(t, err)
		got = append(got, f)
	}
	require.Len(t, got, 2)
	assert.Equal(t, "/distribution/geodatakatalog/sokning/v1/byggnad/v1/collections/2199/items", (*reqs)[0].URL.Path)
	p, ok := got[0].Geometry.(*geom.Polygon)
	require.True(t, ok)
	assert.Equal(t, geometry.SWEREF99TM, p.SRID())
	assert.Equal(t, []float64{616240.5, 6729990.125, 616252.5, 6729990.125, 616252.5, 6730002.125, 616240.5, 6730002.125, 616240.5, 6729990.125},
		coords(p), "X is the easting")
	assert.Equal(t, []float64{674032.25, 6580822.75}, coords(got[1].Geometry))
	assert.Equal(t, "application/vnd.lm.byggnad.v1+json", got[0].Assets["data"].Type)
	assert.Equal(t, int64(2418), got[0].Assets["data"].Length)
	assert.JSONEq(t, `"bostad"`, string(got[0].Properties["andamal"]))
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	return b
}

// TestAxisOrderRoundTrip publishes a building in SWEREF 99 16 30 and reads
// it back through Sökning in EPSG:3006 and in its own zone, by items and by
// search, and through Nedladdning: it lands within a millimetre of where it
// started.
func TestAxisOrderRoundTrip(t *testing.T) {
	t.Parallel()
	s, c := fake(t)
	b := buildings(t, 1)[0]
	start := b.Geometries[0].Shape.Position
	ctx := context.Background()
	_, err := c.Deliveries.Publish(ctx, ngp.DeliveryInfo{InformationType: "byggnad", Provider: "2199"}, objects([]*ngp.Building{b}),
		&ngp.PublishOptions{Wait: onClock(s)})
	require.NoError(t, err)
	want3006, err := geometry.Transform(start, geometry.SWEREF99TM)
	require.NoError(t, err)

	ds := c.Dataset("byggnad", "v1")
	cols, err := ds.Collections(ctx)
	require.NoError(t, err)
	require.Len(t, cols, 1)
	assert.Equal(t, "2199", cols[0].ID, "one collection per municipality")
	for _, tc := range []struct {
		name string
		crs  int
		want geom.T
	}{{"sweref 99 tm", geometry.SWEREF99TM, want3006}, {"own zone", geometry.SWEREF99_1630, start}, {"default", 0, want3006}} {
		t.Run(tc.name, func(t *testing.T) {
			read := map[string]func() (*ngp.Feature, error){
				"items": func() (*ngp.Feature, error) {
					for f, err := range ds.Items(ctx, "2199", &ngp.Query{CRS: tc.crs}) {
						return f, err
					}
					return nil, fmt.Errorf("no items")
				},
				"search": func() (*ngp.Feature, error) {
					for f, err := range ds.Search(ctx, &ngp.Query{CRS: tc.crs, IDs: []string{b.ID.String()}}) {
						return f, err
					}
					return nil, fmt.Errorf("no hits")
				},
			}
			for how, f := range read {
				ft, err := f()
				require.NoError(t, err, how)
				assert.Equal(t, tc.want.SRID(), ft.Geometry.SRID(), how)
				if d := cmp.Diff(coords(tc.want), coords(ft.Geometry), mm); d != "" {
					t.Errorf("%s: off by more than 1 mm (-want +got):\n%s", how, d)
				}
			}
		})
	}

	// The domain object keeps the producer's CRS.
	var found *ngp.Feature
	for f, err := range ds.Items(ctx, "2199", nil) {
		require.NoError(t, err)
		found = f
	}
	path := filepath.Join(t.TempDir(), "byggnad.json")
	dl, err := c.Downloads.File(ctx, found.Assets["data"].Href, path, nil)
	require.NoError(t, err)
	assert.Equal(t, string(ngp.MediaByggnadV1), dl.Media)
	var back ngp.Building
	require.NoError(t, json.Unmarshal(mustRead(t, path), &back))
	assert.Equal(t, geometry.SWEREF99_1630, back.Geometries[0].Shape.PlanCRS)
	assert.Equal(t, coords(start), coords(back.Geometries[0].Shape.Position), "exactly as published")
}

// TestSearchPages25000 pages through 25 000 items by POST next links whose
// body must be merged into the search's: the fake's next body holds only a
// page token, so a client that sent it alone would lose the filter.
func TestSearchPages25000(t *testing.T) {
	t.Parallel()
	s, c := fake(t)
	const n = 25_000
	fs := make([]baltest.NGPFeature, n)
	for i := range fs {
		fs[i] = baltest.NGPFeature{ID: fmt.Sprintf("f%05d", i),
			Geometry:   geom.NewPointFlat(geom.XY, []float64{500000 + float64(i%500), 6500000 + float64(i/500)}).SetSRID(geometry.SWEREF99TM),
			Properties: map[string]any{"nr": i, "jamn": i%2 == 0}}
	}
	require.NoError(t, s.AddNGPFeatures("byggnad/v1", "0180", fs...))
	require.NoError(t, s.AddNGPFeatures("byggnad/v1", "2199", baltest.NGPFeature{ID: "other",
		Geometry: geom.NewPointFlat(geom.XY, []float64{500000, 6500000}).SetSRID(geometry.SWEREF99TM), Properties: map[string]any{"nr": 1}}))
	ds := c.Dataset("byggnad", "v1")
	ctx := context.Background()

	seen := map[string]bool{}
	for f, err := range ds.Search(ctx, &ngp.Query{Collections: []string{"0180"}, Limit: 1000}) {
		require.NoError(t, err)
		require.False(t, seen[f.ID], "%s twice", f.ID)
		seen[f.ID] = true
	}
	assert.Len(t, seen, n)

	// With a filter the merge matters: half the items, in 13 pages.
	count := 0
	filter := map[string]any{"op": "=", "args": []any{map[string]any{"property": "jamn"}, true}}
	for f, err := range ds.Search(ctx, &ngp.Query{Collections: []string{"0180"}, Limit: 1000, Filter: filter}) {
		require.NoError(t, err)
		var even bool
		require.NoError(t, json.Unmarshal(f.Properties["jamn"], &even))
		require.True(t, even, f.ID)
		count++
	}
	assert.Equal(t, n/2, count)
	posts := 0
	for _, r := range s.Requests() {
		if r.Method == http.MethodPost && bytes.Contains(r.Body, []byte(`"token"`)) && bytes.Contains(r.Body, []byte(`"filter"`)) {
			posts++
		}
	}
	assert.Equal(t, 12, posts, "every next page of the filtered search was a POST with the merged body")
}

// TestItemsFiltersAndBBox reads items with a CQL2-JSON filter and a box
// given in EPSG:3006 (sent northing first) and in CRS84, following GET next
// links.
func TestItemsFiltersAndBBox(t *testing.T) {
	t.Parallel()
	s, c := fake(t)
	var fs []baltest.NGPFeature
	for i := range 50 {
		fs = append(fs, baltest.NGPFeature{ID: fmt.Sprintf("p%02d", i),
			Geometry:   geom.NewPointFlat(geom.XY, []float64{150000 + float64(i)*100, 6730000}).SetSRID(geometry.SWEREF99_1630),
			Properties: map[string]any{"nr": i, "kommunkod": "2199"}})
	}
	require.NoError(t, s.AddNGPFeatures("ogc:fastighetsindelning", "registerenhetsomradesytor", fs...))
	// The same reader serves Lantmäteriet's own products.
	pr := c.Product("fastighetsindelning")
	ctx := context.Background()
	first := geom.NewPointFlat(geom.XY, []float64{150000, 6730000}).SetSRID(geometry.SWEREF99_1630)
	p0, err := geometry.Transform(first, geometry.SWEREF99TM)
	require.NoError(t, err)
	e0, n0 := p0.FlatCoords()[0], p0.FlatCoords()[1]
	ll, err := geometry.Transform(first, geometry.SWEREF99Geographic)
	require.NoError(t, err)

	tests := []struct {
		name string
		q    *ngp.Query
		want int
	}{
		{"all, pages of 7", &ngp.Query{Limit: 7}, 50},
		{"filter", &ngp.Query{Limit: 7, Filter: map[string]any{"op": "and", "args": []any{
			map[string]any{"op": ">=", "args": []any{map[string]any{"property": "nr"}, 10}},
			map[string]any{"op": "<", "args": []any{map[string]any{"property": "nr"}, 20}}}}}, 10},
		{"bbox in 3006", &ngp.Query{BBox: &ngp.BBox{MinX: e0 - 1, MinY: n0 - 1, MaxX: e0 + 250, MaxY: n0 + 50, SRID: geometry.SWEREF99TM}}, 3},
		{"bbox in crs84", &ngp.Query{BBox: &ngp.BBox{MinX: ll.FlatCoords()[0] - 1e-5, MinY: ll.FlatCoords()[1] - 1e-5,
			MaxX: ll.FlatCoords()[0] + 1e-5, MaxY: ll.FlatCoords()[1] + 1e-5}}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			for f, err := range pr.Items(ctx, "registerenhetsomradesytor", tc.q) {
				require.NoError(t, err)
				assert.Equal(t, geometry.SWEREF99TM, f.Geometry.SRID())
				n++
			}
			assert.Equal(t, tc.want, n)
		})
	}
	_, err = c.Dataset("detaljplan", "v2").Collections(ctx)
	assert.ErrorIs(t, err, bal.ErrNotFound, "an unpublished dataset is 404")
}
