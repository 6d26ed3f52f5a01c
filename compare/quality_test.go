package compare_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"iter"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/compare"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/gpkg"
	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// box is a footprint w × h m with its south-west corner at (e0+x, n0+y), with heights z
// unless z is NaN.
func box(x, y, w, h, z float64) geom.T {
	c := [][2]float64{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}}
	if math.IsNaN(z) {
		var flat []float64
		for _, p := range c {
			flat = append(flat, e0+p[0], n0+p[1])
		}
		return geom.NewPolygonFlat(geom.XY, flat, []int{len(flat)}).SetSRID(geometry.SWEREF99TM)
	}
	var flat []float64
	for _, p := range c {
		flat = append(flat, e0+p[0], n0+p[1], z)
	}
	return geom.NewPolygonFlat(geom.XYZ, flat, []int{len(flat)}).SetSRID(geometry.SWEREF99TM_RH2000)
}

type qualityCase struct {
	objects []any
	// want are the problems of each building by its number.
	want map[byte]compare.Problem
}

func qb(n byte, g geom.T, mods ...func(*building.Building)) *building.Building {
	b := &building.Building{Meta: bal.Meta{ID: id(n), Status: bal.StatusValid},
		Purposes: []building.Purpose{{Category: building.CategoryResidential, Use: building.UseDetachedHouse, Main: true}}}
	if g != nil {
		b.Parts = []building.Part{{Surface: g}}
	}
	for _, m := range mods {
		m(b)
	}
	return b
}

func entrance(n, buildingN, pointN byte) *building.Entrance {
	e := &building.Entrance{Meta: bal.Meta{ID: id(n), Status: bal.StatusValid}, BuildingID: id(buildingN)}
	if pointN != 0 {
		e.Address = &building.AddressRef{ID: id(pointN)}
	}
	return e
}

func point(n byte, status bal.Status) *address.Point {
	return &address.Point{Meta: bal.Meta{ID: id(n), Status: status}}
}

// addressed gives building n an entrance (200+n) with an address point (100+n).
func addressed(n byte) []any {
	return []any{entrance(200+n, n, 100+n), point(100+n, bal.StatusValid)}
}

func newQualityCase() qualityCase {
	noPurpose := func(b *building.Building) { b.Purposes = nil }
	bowtie := geom.NewPolygonFlat(geom.XYZ, []float64{e0 + 300, n0, 1, e0 + 310, n0 + 10, 1, e0 + 310, n0, 1, e0 + 300, n0 + 10, 1, e0 + 300, n0, 1}, []int{15}).SetSRID(geometry.SWEREF99TM_RH2000)
	var objs []any
	add := func(b *building.Building, addr bool) {
		objs = append(objs, b)
		if addr {
			objs = append(objs, addressed(b.ID[15])...)
		}
	}
	add(qb(1, box(0, 0, 10, 8, 20)), true)             // fine
	add(qb(2, box(20, 0, 10, 8, noZ)), true)           // no heights
	add(qb(3, box(40, 0, 10, 8, 20), noPurpose), true) // no purpose
	add(qb(4, box(60, 0, 10, 8, 20)), false)           // no address: an entrance without one
	objs = append(objs, entrance(204, 4, 0))
	add(qb(5, box(80, 0, 10, 8, 20), func(b *building.Building) { b.ExemptFromAddressing = true }), false)
	add(qb(6, nil), true)                         // no geometry
	add(qb(7, bowtie), true)                      // invalid
	add(qb(8, box(120, 0, 0.5, 1, 20)), true)     // tiny: 0.5 m²
	add(qb(9, box(140, 0, 10, 8, 20)), true)      // overlaps 10 by 1 × 8 = 8 m²,
	add(qb(10, box(149, 0, 10, 8, 20)), true)     // across no cell edge
	add(qb(11, box(180, 0, 10, 8, 20)), true)     // duplicates within 3 mm
	add(qb(12, box(180.003, 0, 10, 8, 20)), true) //
	add(qb(13, box(220, 0, 10, 8, 20), func(b *building.Building) { b.Purposes = nil; b.Status = bal.StatusRetired }), false)
	add(qb(14, box(240, 0, 10, 8, 20)), true)    // row houses sharing a wall
	add(qb(15, box(250, 0, 10, 8, 20)), true)    //
	add(qb(16, box(270, 0, 10, 8, 20)), true)    // a 0.04 × 8 m sliver with 17
	add(qb(17, box(279.96, 0, 10, 8, 20)), true) //
	add(qb(18, box(330, 0, 10, 8, 20)), false)   // no address: its point is retired
	objs = append(objs, entrance(218, 18, 118), point(118, bal.StatusRetired))
	add(qb(19, box(350, 0, 10, 8, 20)), true) // fine
	return qualityCase{objects: objs, want: map[byte]compare.Problem{
		1: 0, 2: compare.ProblemNoHeights, 3: compare.ProblemNoPurpose, 4: compare.ProblemNoAddress,
		5: 0, 6: compare.ProblemNoGeometry, 7: compare.ProblemInvalid, 8: compare.ProblemTiny,
		9: compare.ProblemOverlap, 10: compare.ProblemOverlap, 11: compare.ProblemDuplicate, 12: compare.ProblemDuplicate,
		14: 0, 15: 0, 16: 0, 17: 0, 18: compare.ProblemNoAddress, 19: 0,
	}}
}

func objectsSeq(objs []any) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		for _, o := range objs {
			if !yield(o, nil) {
				return
			}
		}
	}
}

func TestQuality(t *testing.T) {
	t.Parallel()
	c := newQualityCase()
	got := map[byte]compare.Finding{}
	var order []byte
	for f, err := range compare.Quality(context.Background(), objectsSeq(c.objects), &compare.QualityOptions{TempDir: t.TempDir()}) {
		require.NoError(t, err)
		got[f.ID[15]] = f
		order = append(order, f.ID[15])
	}
	assert.True(t, slices.IsSorted(order), "findings in input order")
	require.Len(t, got, len(c.want), "retired buildings are skipped")
	for n, want := range c.want {
		f := got[n]
		assert.Equal(t, want, f.Problems, "building %d: %s", n, f.Problems)
		assert.Equal(t, compare.Problem(0xff), f.Checked)
	}
	assert.Equal(t, []compare.Overlap{{ID: id(10), Area: 8}}, roundOverlaps(got[9].Overlaps))
	assert.Equal(t, []compare.Overlap{{ID: id(9), Area: 8}}, roundOverlaps(got[10].Overlaps))
	assert.Equal(t, []bal.ObjectID{id(12)}, got[11].Duplicates)
	assert.Equal(t, []bal.ObjectID{id(11)}, got[12].Duplicates)
	assert.Empty(t, got[11].Overlaps, "a duplicate is not also an overlap")
	assert.InDelta(t, 0.5, got[8].Area, 1e-9)
	assert.InDelta(t, 80, got[1].Area, 1e-9)
	assert.True(t, math.IsNaN(got[7].Area), "no area for an invalid footprint")
	require.NotEmpty(t, got[7].Invalid)
	assert.Contains(t, got[7].Invalid[0], geometry.ProblemSelfIntersection)
	assert.Nil(t, got[6].Footprint)
	assert.Equal(t, geometry.SWEREF99TM_RH2000, got[1].Footprint.SRID())
}

func roundOverlaps(os []compare.Overlap) []compare.Overlap {
	for i := range os {
		os[i].Area = math.Round(os[i].Area*1e6) / 1e6
	}
	return os
}

func TestQualityOptions(t *testing.T) {
	t.Parallel()
	objs := []any{
		qb(1, box(0, 0, 10, 8, 20)), qb(2, box(9.96, 0, 10, 8, 20)), // a 0.32 m² sliver
		qb(3, box(40, 0, 1.5, 1, 20)),                                 // 1.5 m²
		qb(4, box(60, 0, 10, 8, 20)), qb(5, box(60.02, 0, 10, 8, 20)), // 2 cm apart
	}
	tests := []struct {
		name string
		opts compare.QualityOptions
		want map[byte]compare.Problem
	}{
		{name: "defaults", want: map[byte]compare.Problem{4: compare.ProblemOverlap, 5: compare.ProblemOverlap}},
		{
			name: "any overlap, tiny below 2 m², duplicates within 25 mm",
			opts: compare.QualityOptions{OverlapArea: -1, MinArea: 2, DuplicateTolerance: 25},
			want: map[byte]compare.Problem{1: compare.ProblemOverlap, 2: compare.ProblemOverlap, 3: compare.ProblemTiny, 4: compare.ProblemDuplicate, 5: compare.ProblemDuplicate},
		},
		{
			name: "no tiny check",
			opts: compare.QualityOptions{MinArea: -1, OverlapArea: 100},
			want: map[byte]compare.Problem{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.opts.TempDir = t.TempDir()
			got := map[byte]compare.Problem{}
			for f, err := range compare.Quality(context.Background(), objectsSeq(objs), &tt.opts) {
				require.NoError(t, err)
				if f.Problems != 0 {
					got[f.ID[15]] = f.Problems
				}
				assert.False(t, f.Checked.Has(compare.ProblemNoAddress), "no entrances: no address check")
				assert.Equal(t, tt.opts.MinArea >= 0, f.Checked.Has(compare.ProblemTiny))
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// Buildings straddling cell edges are compared once per pair; a large footprint is compared
// with every building.
func TestQualityGrid(t *testing.T) {
	t.Parallel()
	// n0 and e0 are not multiples of the cell size; find a cell corner near them.
	ce := math.Ceil(e0/compare.CellSize) * compare.CellSize
	cn := math.Ceil(n0/compare.CellSize) * compare.CellSize
	at := func(x, y, w, h float64) geom.T { return box(ce-e0+x, cn-n0+y, w, h, 20) }
	objs := []any{
		qb(1, at(-5, -5, 10, 10)),        // over the corner of four cells
		qb(2, at(-3, -3, 10, 10)),        // overlaps 1 by 8 × 8
		qb(3, at(2, 2, 10, 10)),          // overlaps 1 by 3 × 3 and 2 by 5 × 5
		qb(4, at(-3000, -3000, 6000, 6)), // 6 km long, far south of them
	}
	got := map[byte][]compare.Overlap{}
	for f, err := range compare.Quality(context.Background(), objectsSeq(objs), &compare.QualityOptions{TempDir: t.TempDir()}) {
		require.NoError(t, err)
		got[f.ID[15]] = roundOverlaps(f.Overlaps)
	}
	assert.Equal(t, map[byte][]compare.Overlap{
		1: {{ID: id(2), Area: 64}, {ID: id(3), Area: 9}},
		2: {{ID: id(1), Area: 64}, {ID: id(3), Area: 25}},
		3: {{ID: id(1), Area: 9}, {ID: id(2), Area: 25}},
		4: nil,
	}, got)

	// Now a thin diagonal one through them all, whose envelope (7 km square) covers more
	// cells than any building is entered in: it is compared with every building instead.
	diagonal := geom.NewPolygonFlat(geom.XYZ, []float64{
		ce - 3500, cn - 3501, 20, ce + 3501, cn + 3500, 20, ce + 3500, cn + 3501, 20, ce - 3501, cn - 3500, 20, ce - 3500, cn - 3501, 20,
	}, []int{15}).SetSRID(geometry.SWEREF99TM_RH2000)
	objs = append(objs[:3], qb(4, diagonal))
	got = map[byte][]compare.Overlap{}
	for f, err := range compare.Quality(context.Background(), objectsSeq(objs), &compare.QualityOptions{TempDir: t.TempDir()}) {
		require.NoError(t, err)
		got[f.ID[15]] = roundOverlaps(f.Overlaps)
	}
	require.Len(t, got[4], 3, "each building once: %v", got[4])
	for k, o := range got[4] {
		assert.Equal(t, id(byte(k+1)), o.ID)
		assert.Positive(t, o.Area)
		assert.Contains(t, got[byte(k+1)], compare.Overlap{ID: id(4), Area: o.Area}, "the same overlap seen from the other side")
	}
}

func TestQualityReport(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newQualityCase()
	dir := t.TempDir()
	path := filepath.Join(dir, "kvalitet.gpkg")
	var text, csvOut, counts bytes.Buffer
	sum, err := compare.WriteQualityReport(ctx, compare.Quality(ctx, objectsSeq(c.objects), &compare.QualityOptions{TempDir: dir}),
		&compare.QualityReportOptions{Text: &text, CSV: &csvOut, GeoPackage: path})
	require.NoError(t, err)
	assert.Equal(t, int64(18), sum.Buildings)
	assert.Equal(t, int64(11), sum.WithProblems)
	require.NoError(t, sum.WriteText(&counts))
	assert.Equal(t, `18 buildings checked, 11 with problems
  no_heights           1
  no_address           2
  no_purpose           1
  no_geometry          1
  invalid              1
  tiny                 1
  overlapping          2
  duplicate            2
`, counts.String())

	lines := strings.Split(strings.TrimSpace(text.String()), "\n")
	require.Len(t, lines, 11)
	assert.Equal(t, id(7).String()+" invalid: ring[0].vertex[2]: ring intersects itself (self-intersection)", lines[4])
	assert.Equal(t, id(8).String()+" tiny: area 0.50 m²", lines[5])
	assert.Equal(t, id(9).String()+" overlapping: overlaps "+id(10).String()+":8.00", lines[6])

	rows, err := csv.NewReader(&csvOut).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 12)
	assert.Equal(t, compare.QualityCSVHeader, rows[0])
	assert.Equal(t, []string{id(11).String(), "Gällande", "duplicate", "80.00", "", "", id(12).String()}, rows[9])

	db, err := gpkg.Open(ctx, path, &gpkg.OpenOptions{ReadOnly: true})
	require.NoError(t, err)
	defer db.Close()
	want := map[string]int{"no_heights": 1, "no_address": 2, "no_purpose": 1, "no_geometry": 1, "invalid": 1, "tiny": 1, "overlapping": 2, "duplicate": 2}
	for name, n := range want {
		tab, err := db.Table(ctx, name)
		require.NoError(t, err, name)
		count, err := tab.Count(ctx)
		require.NoError(t, err)
		assert.Equal(t, int64(n), count, name)
		assert.Equal(t, geometry.SWEREF99TM_RH2000, tab.Geometry().SRS)
	}
	t.Run("ogrinfo", func(t *testing.T) {
		t.Parallel()
		layers := testenv.OGRLayers(t, path)
		require.Len(t, layers, len(want))
		for name, n := range want {
			assert.Equal(t, testenv.OGRLayer{Geometry: "Unknown (any)", Count: n, EPSG: geometry.SWEREF99TM_RH2000}, layers[name], name)
		}
	})
}
