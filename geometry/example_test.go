package geometry_test

import (
	"errors"
	"fmt"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// A municipality in SWEREF 99 18 00 (Sundbyberg, say) sends a building footprint to
// Lantmäteriet, which wants SWEREF 99 TM in GML.
func Example_localZoneToTMGML() {
	footprint := geom.NewPolygonFlat(geom.XY, []float64{
		147350.125, 6585220.5,
		147390.625, 6585220.5,
		147390.625, 6585261,
		147350.125, 6585261,
		147350.125, 6585220.5,
	}, []int{10}).SetSRID(geometry.SWEREF99_1800)

	tm, err := geometry.Transform(footprint, geometry.SWEREF99TM)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Millimetres, as Lantmäteriet publishes, and identical output on every platform. (PROJ's
	// cs2cs EPSG:3011 EPSG:3006 gives the same millimetres for these corners.)
	tm = geometry.RoundCoordinates(tm, 3)
	out, err := geometry.MarshalGML(tm, &geometry.GMLOptions{ID: "byggnadsyta.1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(out))
	// Output:
	// <gml:Polygon xmlns:gml="http://www.opengis.net/gml/3.2" srsName="urn:ogc:def:crs:EPSG::3006" gml:id="byggnadsyta.1"><gml:exterior><gml:LinearRing><gml:posList>6586307.621 667759.604 6586309.446 667800.061 6586349.902 667798.236 6586348.078 667757.779 6586307.621 667759.604</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>
}

// Lantmäteriet's GML is northing first; go-geom gets X = easting.
func ExampleUnmarshalGML() {
	lm := []byte(`<gml:Polygon xmlns:gml="http://www.opengis.net/gml/3.2" srsName="urn:ogc:def:crs:EPSG::3006" gml:id="yta.1">
  <gml:exterior><gml:LinearRing>
    <gml:posList>6762838 474162 6762860 474162 6762860 474137 6762838 474137 6762838 474162</gml:posList>
  </gml:LinearRing></gml:exterior>
</gml:Polygon>`)
	g, err := geometry.UnmarshalGML(lm)
	if err != nil {
		fmt.Println(err)
		return
	}
	p := g.(*geom.Polygon)
	area, _ := geometry.Area(p)
	fmt.Println("srid:", p.SRID())
	fmt.Printf("first vertex: E %.0f N %.0f\n", p.Coord(0).X(), p.Coord(0).Y())
	fmt.Println("area m²:", area)
	fmt.Println("valid:", geometry.Validate(p, nil) == nil)

	// The same coordinates easting first are refused, not silently misplaced.
	_, err = geometry.UnmarshalGML([]byte(`<gml:Point srsName="EPSG:3006"><gml:pos>474162 6762838</gml:pos></gml:Point>`))
	fmt.Println(errors.Is(err, geometry.ErrSwappedAxes))
	// Output:
	// srid: 3006
	// first vertex: E 474162 N 6762838
	// area m²: 550
	// valid: true
	// true
}

// EWKB carries the SRID, so PostGIS stores the geometry in the right CRS:
//
//	INSERT INTO byggnad (yta) VALUES ($1)          -- the EWKB bytes
//	SELECT ST_GeomFromEWKB(decode($1, 'hex'))      -- or the hex text
func ExampleMarshalEWKBHex() {
	p := geom.NewPointFlat(geom.XYZ, []float64{474162, 6762838, 12.5}).SetSRID(geometry.SWEREF99TM_RH2000)
	h, err := geometry.MarshalEWKBHex(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(h)
	back, _ := geometry.UnmarshalEWKBHex(h)
	fmt.Println(back.SRID(), back.Layout())
	// Output:
	// 01010000a0d516000000000000c8f01c410000008055cc59410000000000002940
	// 5845 XYZ
}

func ExampleValidate() {
	bowTie := geom.NewPolygonFlat(geom.XY, []float64{
		147350, 6585220, 147450, 6585320, 147450, 6585220, 147350, 6585320,
	}, []int{8}).SetSRID(geometry.SWEREF99_1800_RH2000)
	err := geometry.Validate(bowTie, nil)
	var ve *geometry.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Printf("%q %s: %s\n", p.Path, p.Code, p.Message)
		}
	}
	// Output:
	// "" missing-z: epsg:5850 carries rh 2000 heights but the geometry has no z
	// "ring[0].vertex[3]" ring-not-closed: ring is not closed: last position differs from the first
	// "ring[0].vertex[2]" self-intersection: ring intersects itself
}

func ExampleParseSRSName() {
	for _, s := range []string{
		"urn:ogc:def:crs:EPSG::3006",
		"http://www.opengis.net/def/crs/EPSG/0/3011",
		"EPSG:5850",
	} {
		c, form, err := geometry.ParseSRSNameForm(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%d %s (%s, ambiguous axis order: %v)\n", c.Code, c.Name, c.Kind, form.AmbiguousAxisOrder())
	}
	// Output:
	// 3006 SWEREF 99 TM (projected, ambiguous axis order: false)
	// 3011 SWEREF 99 18 00 (projected, ambiguous axis order: false)
	// 5850 SWEREF 99 18 00 + RH 2000 (compound, ambiguous axis order: true)
}

// A wire struct embeds geometry fields; encoding/xml does the rest.
func ExampleProperty() {
	type Byggnad struct {
		BoundedBy geometry.BoundedBy `xml:"http://www.opengis.net/gml/3.2 boundedBy"`
		Yta       geometry.Property  `xml:"Byggnadsyta"`
	}
	p := geom.NewPointFlat(geom.XY, []float64{474162, 6762838}).SetSRID(geometry.SWEREF99TM)
	b := Byggnad{Yta: geometry.Property{Geometry: p, ID: "p1"}}
	out, err := xmlMarshal(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out)
	// Output:
	// <Byggnad><Byggnadsyta><gml:Point xmlns:gml="http://www.opengis.net/gml/3.2" srsName="urn:ogc:def:crs:EPSG::3006" gml:id="p1"><gml:pos>6762838 474162</gml:pos></gml:Point></Byggnadsyta></Byggnad>
}

func ExampleMarshalGeoJSON() {
	p := geom.NewPointFlat(geom.XY, []float64{474162, 6762838}).SetSRID(geometry.SWEREF99TM)
	grid, _ := geometry.MarshalGeoJSON(p, geometry.GeoJSONGrid)
	fmt.Println(string(grid))
	ll, _ := geometry.MarshalGeoJSON(geometry.RoundCoordinates(p, 3), geometry.GeoJSONLonLat)
	fmt.Println(len(ll) > 0)
	// Output:
	// {"type":"Point","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3006"}},"coordinates":[474162,6762838]}
	// true
}
