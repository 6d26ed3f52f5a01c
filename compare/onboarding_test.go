package compare_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/compare"
	"github.com/tjanstebaserad/bal-go/delivery"
	"github.com/tjanstebaserad/bal-go/extract"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/gpkg"
	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// expected is what the comparison must say about one object.
type expected struct {
	class compare.Class
	flags compare.Flag
}

// injection is one kind of difference put into the municipality's copy.
type injection int

const (
	untouched  injection = iota
	removed              // the municipality lacks it
	moved30cm            // moved 0.3 m east
	moved3mm             // moved 3 mm north
	renumbered           // another husnummer
	flattened            // z values dropped
	rebuilt              // another nybyggnadsår, and moved 0.3 m
)

// injectionOf decides building i's fate: one in 25 of each kind.
func injectionOf(i int) injection {
	if k := injection(i % 25); k <= rebuilt {
		return k
	}
	return untouched
}

// The onboarding run end to end against the fake Lantmäteriet: order, delivery, download,
// extract, then a comparison with a municipal GeoPackage derived from the same buildings with
// known differences put in. With a 1 mm tolerance the report finds exactly those
// differences; with the default (10 mm), all but the 3 mm moves. GDAL opens the report.
func TestOnboardingEndToEnd(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	srv := baltest.NewServer(baltest.WithTime(time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)),
		baltest.WithData(gen.Config{Seed: 7, Buildings: 300}))
	defer srv.Close()
	c := srv.Client()
	defer c.CloseIdleConnections()

	// Order → delivery → download.
	orderID := srv.AddOrder(baltest.GeotorgetOrder{PartObjects: 250})
	dc := delivery.New(c)
	_, err := dc.Start(ctx, orderID, delivery.TypeBase)
	require.NoError(t, err)
	_, err = dc.Wait(ctx, orderID, &delivery.WaitOptions{Clock: srv.Clock()})
	require.NoError(t, err)
	leverans := filepath.Join(dir, "leverans")
	res, err := dc.Download(ctx, orderID, leverans, &delivery.DownloadOptions{Clock: srv.Clock()})
	require.NoError(t, err)
	require.Greater(t, len(res.Files), 2, "several part files")

	// Extract.
	x, err := extract.Open(leverans, nil)
	require.NoError(t, err)
	defer x.Close()
	require.Equal(t, extract.Base, x.Manifest().Type)
	var lm []*building.Building
	for b, err := range extract.Objects[building.Building](ctx, x) {
		require.NoError(t, err)
		lm = append(lm, b)
	}
	require.Len(t, lm, 300)

	// The municipality's copy, as its GIS holds it: its own column names, in SWEREF 99 TM
	// with RH 2000 heights, with the differences put in.
	want1mm := map[bal.ObjectID]expected{}
	wantDefault := map[bal.ObjectID]expected{}
	expect := func(id bal.ObjectID, at1mm, atDefault expected) { want1mm[id], wantDefault[id] = at1mm, atDefault }
	var rows []gpkg.Feature
	for i, b := range lm {
		f := compare.FromBuilding(b)
		g, husnr, byggar := f.Geometry, f.Attributes[compare.AttrHouseNumber], f.Attributes[compare.AttrConstructionYear]
		diff := func(fl compare.Flag) expected { return expected{compare.Different, fl} }
		switch injectionOf(i) {
		case removed:
			expect(b.ID, expected{class: compare.OnlyLantmateriet}, expected{class: compare.OnlyLantmateriet})
			continue
		case moved30cm:
			g = shift(g, 0.3, 0)
			expect(b.ID, diff(compare.FlagGeometry), diff(compare.FlagGeometry))
		case moved3mm:
			g = shift(g, 0, 0.003)
			expect(b.ID, diff(compare.FlagGeometry), expected{class: compare.Equal})
		case renumbered:
			husnr = strconv.Itoa(atoi(husnr) + 10)
			expect(b.ID, diff(compare.FlagAttributes), diff(compare.FlagAttributes))
		case flattened:
			g = flat(g)
			expect(b.ID, diff(compare.FlagHeightsMissing), diff(compare.FlagHeightsMissing))
		case rebuilt:
			byggar = strconv.Itoa(atoi(byggar) + 1)
			g = shift(g, 0.3, 0)
			expect(b.ID, diff(compare.FlagAttributes|compare.FlagGeometry), diff(compare.FlagAttributes|compare.FlagGeometry))
		default:
			expect(b.ID, expected{class: compare.Equal}, expected{class: compare.Equal})
		}
		rows = append(rows, gpkg.Feature{Geometry: g, Values: []any{
			b.ID.String(), nullInt(husnr), nullInt(byggar), f.Attributes[compare.AttrPurposeCategory],
			f.Attributes[compare.AttrPurpose], f.Attributes[compare.AttrStatus],
		}})
	}
	// Three buildings only the municipality has (built since, not yet reported).
	for k := range 3 {
		id := bal.MustParseObjectID(fmt.Sprintf("00000000-0000-4000-8000-00000000aa0%d", k))
		g := shift(lm[k].Parts[0].Surface, 0, 500)
		rows = append(rows, gpkg.Feature{Geometry: g, Values: []any{id.String(), int64(1), int64(2026), "Bostad", "Småhus friliggande", "Planerad"}})
		expect(id, expected{class: compare.OnlyLocal}, expected{class: compare.OnlyLocal})
	}
	local := filepath.Join(dir, "kommunens_byggnader.gpkg")
	writeLayer(t, local, geometry.SWEREF99TM_RH2000, []gpkg.Column{
		{Name: "uuid", Type: gpkg.Text}, {Name: "husnr", Type: gpkg.Integer}, {Name: "byggar", Type: gpkg.Integer},
		{Name: "typ", Type: gpkg.Text}, {Name: "andamal", Type: gpkg.Text}, {Name: "status", Type: gpkg.Text},
	}, rows...)
	mapping := &compare.Mapping{ID: "uuid", Attributes: map[string]string{
		compare.AttrHouseNumber: "husnr", compare.AttrConstructionYear: "byggar", compare.AttrPurposeCategory: "typ",
		compare.AttrPurpose: "andamal", compare.AttrStatus: "status",
	}}

	run := func(t *testing.T, tolerance float64, want map[bal.ObjectID]expected, report *compare.ReportOptions) *compare.Summary {
		results := compare.Compare(ctx, compare.ReadGeoPackage(ctx, local, "byggnader", mapping),
			compare.FromExtract(ctx, x, bal.ObjectTypeBuilding), &compare.Options{Tolerance: tolerance, TempDir: t.TempDir()})
		got := map[bal.ObjectID]expected{}
		var all []compare.Result
		for r, err := range results {
			require.NoError(t, err)
			require.NotContains(t, got, r.ID, "one result per object")
			got[r.ID] = expected{r.Class, r.Flags}
			all = append(all, r)
		}
		assert.Equal(t, want, got)
		if report == nil {
			return nil
		}
		sum, err := compare.WriteReport(ctx, func(yield func(compare.Result, error) bool) {
			for _, r := range all {
				if !yield(r, nil) {
					return
				}
			}
		}, report)
		require.NoError(t, err)
		return sum
	}

	t.Run("1 mm: exactly the injected differences", func(t *testing.T) {
		var out bytes.Buffer
		run(t, 1, want1mm, &compare.ReportOptions{CSV: &out})
		// The report's CSV says the same: the differing objects and nothing else.
		rows, err := csv.NewReader(&out).ReadAll()
		require.NoError(t, err)
		listed := map[bal.ObjectID]string{}
		for _, r := range rows[1:] {
			if r[3] != compare.Equal.String() {
				listed[bal.MustParseObjectID(r[1])] = r[3] + " " + r[4]
			}
		}
		injected := map[bal.ObjectID]string{}
		for id, e := range want1mm {
			if e.class != compare.Equal {
				injected[id] = e.class.String() + " " + e.flags.String()
			}
		}
		assert.Equal(t, injected, listed)
		assert.Len(t, injected, 6*len(lm)/25+3)
	})
	t.Run("default tolerance: the differences above 10 mm", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "jamforelse.gpkg")
		sum := run(t, 0, wantDefault, &compare.ReportOptions{GeoPackage: path})
		n := int64(len(lm) / 25) // buildings of each injected kind
		assert.Equal(t, map[compare.Class]int64{
			compare.Equal: int64(len(lm)) - 5*n, compare.Different: 4 * n, // the 3 mm moves are equal
			compare.OnlyLantmateriet: n, compare.OnlyLocal: 3,
		}, sum.Classes)
		layers := testenv.OGRLayers(t, path)
		const mixed = "Unknown (any)" // buildings and address points share a layer
		assert.Equal(t, map[string]testenv.OGRLayer{
			"equal":             {Geometry: mixed, Count: int(sum.Classes[compare.Equal]), EPSG: geometry.SWEREF99TM_RH2000},
			"different":         {Geometry: mixed, Count: int(4 * n), EPSG: geometry.SWEREF99TM_RH2000},
			"only_local":        {Geometry: mixed, Count: 3, EPSG: geometry.SWEREF99TM_RH2000},
			"only_lantmateriet": {Geometry: mixed, Count: int(n), EPSG: geometry.SWEREF99TM_RH2000},
			"different_local":   {Geometry: mixed, Count: int(4 * n), EPSG: geometry.SWEREF99TM_RH2000},
		}, layers)
	})
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func nullInt(s string) any {
	if s == "" {
		return nil
	}
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

// shift returns a copy of a polygon moved (de, dn) metres.
func shift(g geom.T, de, dn float64) geom.T {
	p := g.(*geom.Polygon)
	c := append([]float64(nil), p.FlatCoords()...)
	for i := 0; i < len(c); i += p.Stride() {
		c[i] += de
		c[i+1] += dn
	}
	return geom.NewPolygonFlat(p.Layout(), c, p.Ends()).SetSRID(p.SRID())
}
