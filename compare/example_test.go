package compare_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/compare"
	"github.com/tjanstebaserad/bal-go/extract"
	"github.com/tjanstebaserad/bal-go/geometry"
)

// Compare a municipality's buildings with Lantmäteriet's, here read from the services of the
// fake Lantmäteriet (an extract works the same way, through FromExtract). The municipality's
// copy lacks one building, has one Lantmäteriet lacks, one moved 0.3 m, one with another
// husnummer and one whose heights were dropped.
func Example() {
	srv := baltest.NewServer(baltest.WithTime(time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)))
	defer srv.Close()
	c := srv.Client()
	defer c.CloseIdleConnections()
	bc := building.New(c)
	ctx := context.Background()

	// Lantmäteriet's side: six of the municipality's buildings, from Byggnad Direkt.
	var ids []bal.ObjectID
	for h, err := range bc.Buildings.Search(ctx, bal.Query{Municipality: bal.MunicipalityCode(srv.Kommunkod())}, nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		if ids = append(ids, h.Object.ID); len(ids) == 6 {
			break
		}
	}
	var lm []compare.Feature
	for b, err := range bc.Direkt.GetMany(ctx, ids, nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		lm = append(lm, compare.FromBuilding(b))
	}

	// The municipality's side, as its GIS holds it (ReadGeoPackage and ReadGeoJSON read it
	// from a file); here made from Lantmäteriet's with the differences put in.
	var local []compare.Feature
	for i, f := range lm[1:] {
		f.Ref = fmt.Sprintf("fid %d", i+1)
		f.Attributes = map[string]string{compare.AttrHouseNumber: f.Attributes[compare.AttrHouseNumber]}
		switch i {
		case 0:
			f.Geometry = moved(f.Geometry, 0.3)
		case 1:
			f.Attributes[compare.AttrHouseNumber] = "17"
		case 2:
			f.Geometry = flat(f.Geometry)
		}
		local = append(local, f)
	}
	extra := lm[0]
	extra.ID, extra.Ref, extra.Geometry = bal.MustParseObjectID("11111111-2222-4333-8444-555555555555"), "fid 6", moved(extra.Geometry, 40)
	local = append(local, extra)

	results := compare.Compare(ctx, seq(local...), seq(lm...), nil)
	sum, err := compare.WriteReport(ctx, results, &compare.ReportOptions{CSV: os.Stdout})
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = sum.WriteText(os.Stdout)
	// Output:
	// object_type,objektidentitet,key,class,flags,matched_by,attributes,details,hausdorff_m,area_difference_m2,height_difference_m,local_ref
	// Byggnad,033801b6-d69c-421b-8fbc-7cdab7d3a407,exempelby backsjo 1:28|1,only_lantmateriet,,,,,,,,
	// Byggnad,039504de-ab35-4052-b1fd-28d3a3c29866,exempelby backsjo 2:64|1,different,geometry,id,,,0.3000,0.0000,0.0000,fid 1
	// Byggnad,07c0f91a-a770-452a-a31a-1f0f23cefe1c,exempelby backsjo 1:21|1,different,attributes,id,husnummer,husnummer: 17 ≠ 1,0.0000,0.0000,0.0000,fid 2
	// Byggnad,08a5a16e-8cd3-4b6b-ab7f-a75f8201d61a,exempelby backsjo 2:68|1,different,heights_missing,id,,,0.0000,0.0000,,fid 3
	// Byggnad,108aab50-b513-4f39-8c1f-f8fd1bbb72a5,exempelby backsjo 2:50|1,equal,,id,,,0.0000,0.0000,0.0000,fid 4
	// Byggnad,10e3c9fc-759e-4a1a-8725-51ccb803cb3a,exempelby backsjo 1:35|1,equal,,id,,,0.0000,0.0000,0.0000,fid 5
	// Byggnad,11111111-2222-4333-8444-555555555555,exempelby backsjo 1:28|1,only_local,,,,,,,,fid 6
	// 7 objects compared
	//   equal                        2
	//   different                    3
	//     attributes                 1
	//       husnummer                1
	//     geometry                   1
	//     heights_missing            1
	//   only_local                   1
	//   only_lantmateriet            1
	// largest geometry distance 0.3000 m
}

// moved returns a copy of a footprint moved d metres east.
func moved(g geom.T, d float64) geom.T {
	p := g.(*geom.Polygon)
	c := append([]float64(nil), p.FlatCoords()...)
	for i := 0; i < len(c); i += p.Stride() {
		c[i] += d
	}
	return geom.NewPolygonFlat(p.Layout(), c, p.Ends()).SetSRID(p.SRID())
}

// flat returns a copy of a footprint without heights, in SWEREF 99 TM.
func flat(g geom.T) geom.T {
	p := g.(*geom.Polygon)
	var c []float64
	for i := 0; i < len(p.FlatCoords()); i += p.Stride() {
		c = append(c, p.FlatCoords()[i], p.FlatCoords()[i+1])
	}
	ends := make([]int, len(p.Ends()))
	for i, e := range p.Ends() {
		ends[i] = e / p.Stride() * 2
	}
	return geom.NewPolygonFlat(geom.XY, c, ends).SetSRID(geometry.SWEREF99TM)
}

// A municipality's layer as GeoJSON, with its own column names mapped to BAL's.
func ExampleReadGeoJSON() {
	file := `{"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3011"}},
 "features": [
  {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[150000, 6580000], [150010, 6580000], [150010, 6580008], [150000, 6580000]]]},
   "properties": {"uuid": "6e44dfce-1512-4ff8-a3ef-621eea67c676", "fastighet": "Exempelby Backa 1:23", "husnr": 2, "byggar": 1975}},
  {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[150020, 6580000], [150030, 6580000], [150030, 6580008], [150020, 6580000]]]},
   "properties": {"uuid": null, "fastighet": "Exempelby Backa 1:24", "husnr": 1, "byggar": null}}
 ]}`
	m := &compare.Mapping{
		ID:  "uuid",
		Key: []string{"fastighet", "husnr"}, // matches where uuid is empty
		Attributes: map[string]string{
			compare.AttrHouseNumber:      "husnr",
			compare.AttrConstructionYear: "byggar",
		},
	}
	for f, err := range compare.ReadGeoJSON(strings.NewReader(file), m) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		id := "none"
		if !f.ID.IsZero() {
			id = f.ID.String()
		}
		fmt.Printf("%s id=%s key=%q husnummer=%s nybyggnadsar=%q srid=%d\n", f.Ref, id, f.Key,
			f.Attributes[compare.AttrHouseNumber], f.Attributes[compare.AttrConstructionYear], f.Geometry.SRID())
	}
	// Output:
	// feature 1 id=6e44dfce-1512-4ff8-a3ef-621eea67c676 key="exempelby backa 1:23|2" husnummer=2 nybyggnadsar="1975" srid=3011
	// feature 2 id=none key="exempelby backa 1:24|1" husnummer=1 nybyggnadsar="" srid=3011
}

// The information quality of Lantmäteriet's buildings, here four given by hand (an extract's
// are checked with QualityOfExtract): one without heights and without a purpose, two that
// overlap by 2 × 8 m = 16 m², and one fine; without entrances in the input, addresses are not
// checked.
func ExampleQuality() {
	box := func(id string, e float64, z bool) *building.Building {
		b := &building.Building{Meta: bal.Meta{ID: bal.MustParseObjectID(id), Status: bal.StatusValid},
			Purposes: []building.Purpose{{Category: building.CategoryResidential, Use: building.UseDetachedHouse, Main: true}}}
		c := []float64{e, 6729000, e + 10, 6729000, e + 10, 6729008, e, 6729008, e, 6729000}
		var g geom.T = geom.NewPolygonFlat(geom.XY, c, []int{10}).SetSRID(geometry.SWEREF99TM)
		if z {
			var cz []float64
			for i := 0; i < len(c); i += 2 {
				cz = append(cz, c[i], c[i+1], 21.5)
			}
			g = geom.NewPolygonFlat(geom.XYZ, cz, []int{15}).SetSRID(geometry.SWEREF99TM_RH2000)
		}
		b.Parts = []building.Part{{Surface: g}}
		return b
	}
	flat := box("00000000-0000-4000-8000-000000000001", 615000, false)
	flat.Purposes = nil
	objects := []any{
		flat,
		box("00000000-0000-4000-8000-000000000002", 615020, true),
		box("00000000-0000-4000-8000-000000000003", 615028, true),
		box("00000000-0000-4000-8000-000000000004", 615060, true),
	}
	seq := func(yield func(any, error) bool) {
		for _, o := range objects {
			if !yield(o, nil) {
				return
			}
		}
	}
	ctx := context.Background()
	sum, err := compare.WriteQualityReport(ctx, compare.Quality(ctx, seq, nil), &compare.QualityReportOptions{Text: os.Stdout})
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = sum.WriteText(os.Stdout)
	// Output:
	// 00000000-0000-4000-8000-000000000001 no_heights+no_purpose
	// 00000000-0000-4000-8000-000000000002 overlapping: overlaps 00000000-0000-4000-8000-000000000003:16.00
	// 00000000-0000-4000-8000-000000000003 overlapping: overlaps 00000000-0000-4000-8000-000000000002:16.00
	// 4 buildings checked, 3 with problems
	//   no_heights           1
	//   no_address    not checked
	//   no_purpose           1
	//   no_geometry          0
	//   invalid              0
	//   tiny                 0
	//   overlapping          2
	//   duplicate            0
}

// Lantmäteriet's side from an extract, here one generated as Lantmäteriet delivers it (open a
// downloaded one with extract.Open), compared with a municipality's copy that lacks its
// first building's heights.
func ExampleFromExtract() {
	d, err := gen.Generate(gen.Config{Seed: 1, Buildings: 100})
	if err != nil {
		fmt.Println(err)
		return
	}
	var zipped bytes.Buffer
	if err := d.WriteExtract(&zipped); err != nil {
		fmt.Println(err)
		return
	}
	x, err := extract.NewReader(bytes.NewReader(zipped.Bytes()), int64(zipped.Len()), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer x.Close()
	ctx := context.Background()

	var local []compare.Feature
	for f, err := range compare.FromExtract(ctx, x, bal.ObjectTypeBuilding) {
		if err != nil {
			fmt.Println(err)
			return
		}
		if len(local) == 0 {
			f.Geometry = flat(f.Geometry)
		}
		local = append(local, f)
	}
	sum, err := compare.WriteReport(ctx, compare.Compare(ctx, seq(local...), compare.FromExtract(ctx, x, bal.ObjectTypeBuilding), nil), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sum.Classes[compare.Equal], "equal,", sum.Classes[compare.Different], "different:", sum.Flags)
	// Output:
	// 99 equal, 1 different: map[heights_missing:1]
}
