package extract1_test

import (
	"strings"
	"testing"
)

// A building and an address point whose geometry property holds %s.
const (
	gmlPartHead = `<?xml version="1.0" encoding="UTF-8"?>
<Uttagsdel xmlns="http://namespace.lantmateriet.se/distribution/produkter/baluttag/v1" xmlns:gml="http://www.opengis.net/gml/3.2" uttagstyp="BAS" mangd="%s" delnummer="1">
`
	gmlBuilding = `<Byggnad><objektidentitet>6e44dfce-1512-4ff8-a3ef-621eea67c676</objektidentitet><Byggnadsdel><insamlingslage>Takkant</insamlingslage><Byggnadsyta>%s</Byggnadsyta></Byggnadsdel></Byggnad>`
	gmlPoint    = `<Adressplats><objektidentitet>6e44dfce-1512-4ff8-a3ef-621eea67c677</objektidentitet><Adressplatsattribut><adressplatstyp>Gatuadressplats</adressplatstyp><Adressplatspunkt>%s</Adressplatspunkt></Adressplatsattribut></Adressplats>`
)

const (
	ring3 = `6725979.035 613986.905 20.6 6725979.536 614008.894 20.6 6725991.53 614008.62 20.6 6725979.035 613986.905 20.6`
	ring2 = `6725979.035 613986.905 6725979.536 614008.894 6725991.53 614008.62 6725979.035 613986.905`
	hole2 = `6725980 613990 6725981 613990 6725981 613991 6725980 613990`
)

func polygon(attrs, rings string) string {
	return `<gml:Polygon ` + attrs + `>` + rings + `</gml:Polygon>`
}

func ext(pos string) string {
	return `<gml:exterior><gml:LinearRing><gml:posList>` + pos + `</gml:posList></gml:LinearRing></gml:exterior>`
}

func interior(pos string) string {
	return `<gml:interior><gml:LinearRing><gml:posList>` + pos + `</gml:posList></gml:LinearRing></gml:interior>`
}

// gmlCases are geometry properties the fast path reads itself and ones it
// must hand to the geometry package; both readers must agree on each.
var gmlCases = []struct{ name, building, point string }{
	{name: "polygon 3d", building: polygon(`srsName="urn:ogc:def:crs:EPSG::5845" srsDimension="3"`, ext(ring3))},
	{name: "polygon 3d by the crs", building: polygon(`srsName="urn:ogc:def:crs:EPSG::5845"`, ext(ring3))},
	{name: "polygon 2d", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, ext(ring2))},
	{name: "polygon 2d in a compound crs", building: polygon(`srsName="urn:ogc:def:crs:EPSG::5845" srsDimension=" 2 "`, ext(ring2))},
	{name: "polygon with a hole", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, ext(ring2)+interior(hole2))},
	{name: "hole first", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, interior(hole2)+ext(ring2))},
	{name: "two exteriors", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, ext(ring2)+ext(ring2))},
	{name: "gml:id", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006" gml:id="b.1"`, ext(ring2))},
	{name: "unqualified id", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006" id="b.1"`, ext(ring2))},
	{name: "another prefix", building: `<g:Polygon xmlns:g="http://www.opengis.net/gml/3.2" srsName="urn:ogc:def:crs:EPSG::3006"><g:exterior><g:LinearRing><g:posList>` + ring2 + `</g:posList></g:LinearRing></g:exterior></g:Polygon>`},
	{name: "default namespace", building: `<Polygon xmlns="http://www.opengis.net/gml/3.2" srsName="urn:ogc:def:crs:EPSG::3006"><exterior><LinearRing><posList>` + ring2 + `</posList></LinearRing></exterior></Polygon>`},
	{name: "gml 3.1.1", building: `<Polygon xmlns="http://www.opengis.net/gml" srsName="urn:ogc:def:crs:EPSG::3006"><exterior><LinearRing><posList>` + ring2 + `</posList></LinearRing></exterior></Polygon>`},
	{name: "undeclared gml prefix", building: `<gml:Polygon xmlns:gml="gml" srsName="urn:ogc:def:crs:EPSG::3006"><gml:exterior><gml:LinearRing><gml:posList>` + ring2 + `</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>`},
	{name: "easting first", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, ext(`613986.905 6725979.035 614008.894 6725979.536 614008.62 6725991.53 613986.905 6725979.035`))},
	{name: "legacy srsName", building: polygon(`srsName="EPSG:3006"`, ext(ring2))},
	{name: "geographic", building: polygon(`srsName="urn:ogc:def:crs:EPSG::4619"`, ext(`59.1 18.1 59.2 18.1 59.2 18.2 59.1 18.1`))},
	{name: "no srsName", building: `<gml:Polygon>` + ext(ring2) + `</gml:Polygon>`},
	{name: "unknown crs", building: polygon(`srsName="urn:ogc:def:crs:EPSG::4326"`, ext(ring2))},
	{name: "srsDimension 4", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006" srsDimension="4"`, ext(ring2))},
	{name: "odd count", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, ext(ring2+" 1"))},
	{name: "three positions", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, ext(`6725979 613986 6725980 613987 6725979 613986`))},
	{name: "nan", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, ext(strings.Replace(ring2, "613986.905", "NaN", 1)))},
	{name: "exponents and signs", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, ext(`6.725979035e6 +613986.905 6725979.536 614008.894 6725991.53 614008.62 6.725979035E+06 613986.905`))},
	{name: "comments and cdata in a posList", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, `<gml:exterior><gml:LinearRing><gml:posList>6725979.035 613986<!-- x -->.905 <![CDATA[6725979.536 614008.894]]>
	6725991.53&#x20;614008.62 6725979.035 613986.905</gml:posList></gml:LinearRing></gml:exterior>`)},
	{name: "white space everywhere", building: "\n " + `<gml:Polygon srsName="urn:ogc:def:crs:EPSG::3006"> <gml:exterior>
	<gml:LinearRing> <gml:posList>  ` + ring2 + "\n</gml:posList> </gml:LinearRing>\t</gml:exterior>\n</gml:Polygon> "},
	{name: "text in the property", building: `x` + polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, ext(ring2))},
	{name: "two geometries", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, ext(ring2)) + polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, ext(ring2))},
	{name: "empty property", building: ``},
	{name: "coordinates", building: `<gml:Polygon srsName="urn:ogc:def:crs:EPSG::3006"><gml:exterior><gml:LinearRing><gml:coordinates>6725979.035,613986.905 6725979.536,614008.894 6725991.53,614008.62 6725979.035,613986.905</gml:coordinates></gml:LinearRing></gml:exterior></gml:Polygon>`},
	{name: "outerBoundaryIs", building: `<gml:Polygon srsName="urn:ogc:def:crs:EPSG::3006"><gml:outerBoundaryIs><gml:LinearRing><gml:posList>` + ring2 + `</gml:posList></gml:LinearRing></gml:outerBoundaryIs></gml:Polygon>`},
	{name: "srsName on the ring", building: `<gml:Polygon srsName="urn:ogc:def:crs:EPSG::3006"><gml:exterior><gml:LinearRing srsName="urn:ogc:def:crs:EPSG::3011"><gml:posList>` + ring2 + `</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>`},
	{name: "srsDimension on the posList", building: `<gml:Polygon srsName="urn:ogc:def:crs:EPSG::5845"><gml:exterior><gml:LinearRing><gml:posList srsDimension="2">` + ring2 + `</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>`},
	{name: "surface", building: `<gml:Surface srsName="urn:ogc:def:crs:EPSG::3006"><gml:patches><gml:PolygonPatch>` + ext(ring2) + `</gml:PolygonPatch></gml:patches></gml:Surface>`},
	{name: "multisurface", building: `<gml:MultiSurface srsName="urn:ogc:def:crs:EPSG::3006"><gml:surfaceMember><gml:Polygon>` + ext(ring2) + `</gml:Polygon></gml:surfaceMember></gml:MultiSurface>`},
	{name: "foreign element in a polygon", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, `<x:y xmlns:x="urn:x"/>`+ext(ring2))},
	{name: "element in a posList", building: polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, `<gml:exterior><gml:LinearRing><gml:posList>`+ring2+`<gml:x/></gml:posList></gml:LinearRing></gml:exterior>`)},
	{name: "point", point: `<gml:Point srsName="urn:ogc:def:crs:EPSG::3006"><gml:pos>6725985.5 613990.25</gml:pos></gml:Point>`},
	{name: "point 3d", point: `<gml:Point srsName="urn:ogc:def:crs:EPSG::5845"><gml:pos>6725985.5 613990.25 21</gml:pos></gml:Point>`},
	{name: "point 2d in a compound crs", point: `<gml:Point srsName="urn:ogc:def:crs:EPSG::5845"><gml:pos>6725985.5 613990.25</gml:pos></gml:Point>`},
	{name: "point with a wrong srsDimension", point: `<gml:Point srsName="urn:ogc:def:crs:EPSG::3006" srsDimension="3"><gml:pos>6725985.5 613990.25</gml:pos></gml:Point>`},
	{name: "point with two positions", point: `<gml:Point srsName="urn:ogc:def:crs:EPSG::3006"><gml:pos>6725985.5 613990.25</gml:pos><gml:pos>6725985.5 613990.25</gml:pos></gml:Point>`},
	{name: "point with one number", point: `<gml:Point srsName="urn:ogc:def:crs:EPSG::3006"><gml:pos>6725985.5</gml:pos></gml:Point>`},
	{name: "point with a posList", point: `<gml:Point srsName="urn:ogc:def:crs:EPSG::3006"><gml:posList>6725985.5 613990.25</gml:posList></gml:Point>`},
	{name: "point easting first", point: `<gml:Point srsName="urn:ogc:def:crs:EPSG::3006"><gml:pos>613990.25 6725985.5</gml:pos></gml:Point>`},
	{name: "point with srsDimension on pos", point: `<gml:Point srsName="urn:ogc:def:crs:EPSG::3006"><gml:pos srsDimension="2">6725985.5 613990.25</gml:pos></gml:Point>`},
	{name: "a polygon for a point", point: polygon(`srsName="urn:ogc:def:crs:EPSG::3006"`, ext(ring2))},
}

func gmlDoc(building, point string) []byte {
	var b strings.Builder
	if building != "" || point == "" {
		b.WriteString(strings.Replace(gmlPartHead, "%s", "byggnad", 1))
		b.WriteString(strings.Replace(gmlBuilding, "%s", building, 1))
	} else {
		b.WriteString(strings.Replace(gmlPartHead, "%s", "belagenhetsadress", 1))
		b.WriteString(strings.Replace(gmlPoint, "%s", point, 1))
	}
	b.WriteString("\n</Uttagsdel>\n")
	return []byte(b.String())
}

func TestGeometryAgreesWithEncodingXML(t *testing.T) {
	t.Parallel()
	for _, tc := range gmlCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			checkPart(t, gmlDoc(tc.building, tc.point))
		})
	}
}

// FuzzGeometry varies a geometry property's content; the fast path and the
// geometry package must agree.
func FuzzGeometry(f *testing.F) {
	for _, tc := range gmlCases {
		f.Add(tc.building, tc.point)
	}
	f.Fuzz(func(t *testing.T, building, point string) {
		checkPart(t, gmlDoc(building, point))
	})
}
