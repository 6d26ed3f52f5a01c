package extract1

import (
	"math"
	"strconv"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// appendGML appends g as geometry.MarshalGML writes it with
// OmitNamespaceDecl (the part's root declares gml:), for the shapes of
// buildings and address points: points, polygons and multi-polygons in XY
// or XYZ with a registered SRID. ok is false for anything else (other
// shapes, empty or non-finite geometries, unknown SRIDs), which the caller
// hands to MarshalGML itself, errors included. A test holds the two to the
// same bytes.
func appendGML(buf []byte, g geom.T, id string) ([]byte, bool) {
	crs, err := geometry.Lookup(g.SRID())
	if err != nil {
		return buf, false
	}
	var dim int
	switch g.Layout() {
	case geom.XY:
		dim = 2
	case geom.XYZ:
		dim = 3
	default:
		return buf, false
	}
	var e encoder
	e.buf = buf
	root := func(name string) {
		e.buf = append(e.buf, "<gml:"...)
		e.buf = append(e.buf, name...)
		e.buf = append(e.buf, ` srsName="`...)
		e.escape(geometry.FormatSRSName(crs.Code, geometry.URN))
		e.buf = append(e.buf, '"')
		if dim == 3 || crs.Kind == geometry.Compound {
			e.buf = append(e.buf, ` srsDimension="`...)
			e.buf = strconv.AppendInt(e.buf, int64(dim), 10)
			e.buf = append(e.buf, '"')
		}
		if id != "" {
			e.buf = append(e.buf, ` gml:id="`...)
			e.escape(id)
			e.buf = append(e.buf, '"')
		}
		e.buf = append(e.buf, '>')
	}
	stride := g.Layout().Stride()
	switch g := g.(type) {
	case *geom.Point:
		if g.Empty() {
			return buf, false
		}
		root("Point")
		if !e.gmlCoords("pos", g.FlatCoords(), stride, dim) {
			return buf, false
		}
		e.buf = append(e.buf, "</gml:Point>"...)
	case *geom.Polygon:
		if g.Empty() {
			return buf, false
		}
		root("Polygon")
		if !e.gmlRings(g.FlatCoords(), g.Ends(), stride, dim) {
			return buf, false
		}
		e.buf = append(e.buf, "</gml:Polygon>"...)
	case *geom.MultiPolygon:
		root("MultiSurface")
		for i := range g.NumPolygons() {
			p := g.Polygon(i)
			if p.Empty() || p.Layout().Stride() != stride {
				return buf, false
			}
			e.buf = append(e.buf, "<gml:surfaceMember><gml:Polygon>"...)
			if !e.gmlRings(p.FlatCoords(), p.Ends(), stride, dim) {
				return buf, false
			}
			e.buf = append(e.buf, "</gml:Polygon></gml:surfaceMember>"...)
		}
		e.buf = append(e.buf, "</gml:MultiSurface>"...)
	default:
		return buf, false
	}
	return e.buf, true
}

func (e *encoder) gmlRings(flat []float64, ends []int, stride, dim int) bool {
	offset := 0
	for i, end := range ends {
		prop := "interior"
		if i == 0 {
			prop = "exterior"
		}
		e.buf = append(e.buf, "<gml:"...)
		e.buf = append(e.buf, prop...)
		e.buf = append(e.buf, "><gml:LinearRing>"...)
		if !e.gmlCoords("posList", flat[offset:end], stride, dim) {
			return false
		}
		offset = end
		e.buf = append(e.buf, "</gml:LinearRing></gml:"...)
		e.buf = append(e.buf, prop...)
		e.buf = append(e.buf, '>')
	}
	return true
}

// gmlAxes maps GML's axis positions to go-geom's ordinates.
var gmlAxes = [3]int{1, 0, 2}

// gmlCoords writes the positions northing first, then easting, then height.
func (e *encoder) gmlCoords(name string, flat []float64, stride, dim int) bool {
	e.buf = append(e.buf, "<gml:"...)
	e.buf = append(e.buf, name...)
	e.buf = append(e.buf, '>')
	for i := 0; i+stride <= len(flat); i += stride {
		for k, j := range gmlAxes[:dim] {
			v := flat[i+j]
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return false
			}
			if i > 0 || k > 0 {
				e.buf = append(e.buf, ' ')
			}
			e.buf = strconv.AppendFloat(e.buf, v, 'f', -1, 64)
		}
	}
	e.buf = append(e.buf, "</gml:"...)
	e.buf = append(e.buf, name...)
	e.buf = append(e.buf, '>')
	return true
}
