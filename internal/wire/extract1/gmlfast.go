package extract1

import (
	"encoding/xml"
	"math"
	"reflect"
	"strconv"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// The geometry of every building and address point is a GML property
// (<Byggnadsyta>, <Adressplatspunkt>) that the geometry package decodes
// through encoding/xml (decodeXML), at a fifth of the reader's time. This
// file decodes the shapes an extract holds, a gml:Polygon of LinearRing
// posLists and a gml:Point with one pos, directly, with the same checks and
// the same result. It is deliberately narrow: at the first thing it does not
// expect (another shape or namespace, an attribute, an srsName it cannot
// judge the axis order of, a number it would have to refuse) it stops and
// replays every token it has read to the geometry package, which then
// decides, errors included. The differential tests run both on the same
// input.

// recorder keeps the tokens the fast path has read, for a replay.
type recorder struct {
	toks  []recTok
	attrs []recAttr
	buf   []byte
}

type span struct{ off, end int32 }

type recTok struct {
	kind          tokKind
	prefix, local span
	attrs         [2]int32
	text          span
}

type recAttr struct{ prefix, local, value span }

func (r *recorder) reset() { r.toks, r.attrs, r.buf = r.toks[:0], r.attrs[:0], r.buf[:0] }

func (r *recorder) keep(b []byte) span {
	off := int32(len(r.buf))
	r.buf = append(r.buf, b...)
	return span{off, int32(len(r.buf))}
}

func (r *recorder) str(sp span) string { return string(r.buf[sp.off:sp.end]) }

// add records the scanner's current token.
func (r *recorder) add(s *scanner) {
	t := recTok{kind: s.kind}
	switch s.kind {
	case tokStart:
		t.prefix, t.local = r.keep(s.prefix), r.keep(s.local)
		t.attrs[0] = int32(len(r.attrs))
		for _, a := range s.attrs {
			r.attrs = append(r.attrs, recAttr{r.keep(a.prefix), r.keep(a.local), r.keep(a.value)})
		}
		t.attrs[1] = int32(len(r.attrs))
	case tokEnd:
		t.prefix, t.local = r.keep(s.prefix), r.keep(s.local)
	case tokText:
		t.text = r.keep(s.text)
	}
	r.toks = append(r.toks, t)
}

// tokens returns the recorded tokens as RawToken would have returned them,
// the first (the property's start) preceded by the declarations inherited.
func (r *recorder) tokens(s *scanner, inherited []binding) []xml.Token {
	out := make([]xml.Token, 0, len(r.toks))
	for i, t := range r.toks {
		switch t.kind {
		case tokStart:
			var attrs []xml.Attr
			if i == 0 {
				attrs = declarations(s, inherited)
			}
			for _, a := range r.attrs[t.attrs[0]:t.attrs[1]] {
				attrs = append(attrs, xml.Attr{Name: xml.Name{Space: r.str(a.prefix), Local: r.str(a.local)}, Value: r.str(a.value)})
			}
			out = append(out, xml.StartElement{Name: xml.Name{Space: r.str(t.prefix), Local: r.str(t.local)}, Attr: attrs})
		case tokEnd:
			out = append(out, xml.EndElement{Name: xml.Name{Space: r.str(t.prefix), Local: r.str(t.local)}})
		case tokText:
			out = append(out, xml.CharData(r.str(t.text)))
		}
	}
	return out
}

// decodeGeometri reads a Geometri property element, the scanner standing on
// its start tag.
func (d *decoder) decodeGeometri(v reflect.Value) error {
	s := d.s
	top := s.stack[len(s.stack)-1]
	rec := &d.rec
	rec.reset()
	rec.add(s)
	g, id, ok, err := d.fastGeometry()
	if err != nil {
		return err
	}
	if ok {
		p := v.Addr().Interface().(*update1.Geometri)
		p.Geometry, p.ID = g, id
		return nil
	}
	inherited := append([]binding(nil), s.bindings[:top.bindings]...)
	return d.decodeXMLReplay(v, rec.tokens(s, inherited))
}

// next reads and records the next token.
func (d *decoder) nextRec() error {
	if err := d.next(); err != nil {
		return err
	}
	d.rec.add(d.s)
	return nil
}

// fastGeometry reads the property's content through its end tag when it is
// one polygon or point as an extract writes them; ok is false (and the
// tokens read so far are recorded) as soon as it is not. err is the
// scanner's only.
func (d *decoder) fastGeometry() (g geom.T, id string, ok bool, err error) {
	s := d.s
	for {
		if err := d.nextRec(); err != nil {
			return nil, "", false, err
		}
		switch s.kind {
		case tokText:
			if !isSpace(s.text) {
				return nil, "", false, nil
			}
		case tokEnd:
			return g, id, true, nil
		case tokStart:
			if g != nil || s.space != nsGML {
				return nil, "", false, nil
			}
			var fine bool
			switch string(s.local) {
			case "Polygon":
				g, id, fine, err = d.fastPolygon()
			case "Point":
				g, id, fine, err = d.fastPoint()
			}
			if err != nil || !fine {
				return nil, "", false, err
			}
		}
	}
}

// geometryAttrs reads a geometry element's attributes: srsName,
// srsDimension and gml:id, besides namespace declarations. ok is false for
// anything else, and for an srsName whose axes the fast path cannot check.
func (d *decoder) geometryAttrs() (crs *geometry.CRS, dim int, id string, ok bool) {
	var srs, sdim []byte
	var haveSrs, haveDim, haveID bool
	for _, a := range d.s.attrs {
		switch {
		case a.space == nsXMLNS || a.prefix == nil && string(a.local) == "xmlns":
		case a.space == nsEmpty && string(a.local) == "srsName" && !haveSrs:
			srs, haveSrs = a.value, true
		case a.space == nsEmpty && string(a.local) == "srsDimension" && !haveDim:
			sdim, haveDim = a.value, true
		case a.space == nsGML && string(a.local) == "id" && !haveID:
			id, haveID = string(a.value), true
		default:
			return nil, 0, "", false
		}
	}
	if !haveSrs {
		return nil, 0, "", false
	}
	c, _, err := geometry.ParseSRSNameForm(string(srs))
	if err != nil || c.Kind == geometry.Geographic {
		return nil, 0, "", false
	}
	if haveDim {
		switch string(trimXMLSpace(sdim)) {
		case "2":
			dim = 2
		case "3":
			dim = 3
		default:
			return nil, 0, "", false
		}
	}
	return c, dim, id, true
}

// onlyDeclarations reports whether the current start tag has no attributes
// but namespace declarations.
func (d *decoder) onlyDeclarations() bool {
	for _, a := range d.s.attrs {
		if !(a.space == nsXMLNS || a.prefix == nil && string(a.local) == "xmlns") {
			return false
		}
	}
	return true
}

// nextMarkup reads up to the next start or end tag, past white space; ok
// is false when other text comes first.
func (d *decoder) nextMarkup() (ok bool, err error) {
	for {
		if err := d.nextRec(); err != nil {
			return false, err
		}
		if d.s.kind != tokText {
			return true, nil
		}
		if !isSpace(d.s.text) {
			return false, nil
		}
	}
}

// child reads up to the next child element, which must be the GML element
// local without attributes; ok is false otherwise.
func (d *decoder) child(local string) (ok bool, err error) {
	if ok, err := d.nextMarkup(); !ok || err != nil {
		return false, err
	}
	s := d.s
	return s.kind == tokStart && s.space == nsGML && string(s.local) == local && d.onlyDeclarations(), nil
}

// closeElem reads up to the end tag of the current element; ok is false if
// anything but white space comes first.
func (d *decoder) closeElem() (ok bool, err error) {
	if ok, err := d.nextMarkup(); !ok || err != nil {
		return false, err
	}
	return d.s.kind == tokEnd, nil
}

// numbers reads the text of the current element (pos, posList) through its
// end tag into d.nums, as geometry's parseNumbers would, refusing (ok false)
// what it would refuse.
func (d *decoder) numbers() (ok bool, err error) {
	s := d.s
	d.valBuf = d.valBuf[:0]
	for {
		if err := d.nextRec(); err != nil {
			return false, err
		}
		switch s.kind {
		case tokText:
			d.valBuf = append(d.valBuf, s.text...)
		case tokEnd:
			d.nums = d.nums[:0]
			text := d.valBuf
			for i := 0; i < len(text); {
				for i < len(text) && isXMLSpaceByte(text[i]) {
					i++
				}
				if i == len(text) {
					break
				}
				j := i
				for j < len(text) && !isXMLSpaceByte(text[j]) {
					j++
				}
				v, err := strconv.ParseFloat(string(text[i:j]), 64)
				if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || len(d.nums) >= 3*geometry.DefaultMaxCoordinates {
					return false, nil
				}
				d.nums = append(d.nums, v)
				i = j
			}
			return true, nil
		default:
			return false, nil
		}
	}
}

// positions turns d.nums (northing first) into flat coordinates (easting
// first), refusing what the swapped-axes check might refuse.
func positions(nums []float64, dim int, flat []float64) ([]float64, bool) {
	for i := 0; i+dim <= len(nums); i += dim {
		north, east := nums[i], nums[i+1]
		if east > 6_000_000 {
			return nil, false
		}
		flat = append(flat, east, north)
		if dim == 3 {
			flat = append(flat, nums[i+2])
		}
	}
	return flat, true
}

func (d *decoder) fastPolygon() (geom.T, string, bool, error) {
	crs, dim, id, ok := d.geometryAttrs()
	if !ok {
		return nil, "", false, nil
	}
	if dim == 0 {
		dim = 2
		if crs.Kind == geometry.Compound {
			dim = 3
		}
	}
	var flat []float64
	var ends []int
	for ring := 0; ; ring++ {
		prop := "interior"
		if ring == 0 {
			prop = "exterior"
		}
		if ring > 0 {
			// Another interior ring, or the polygon's end.
			if ok, err := d.nextMarkup(); !ok || err != nil {
				return nil, "", false, err
			}
			s := d.s
			if s.kind == tokEnd {
				break
			}
			if s.space != nsGML || string(s.local) != prop || !d.onlyDeclarations() {
				return nil, "", false, nil
			}
		} else if ok, err := d.child(prop); !ok || err != nil {
			return nil, "", false, err
		}
		if ok, err := d.child("LinearRing"); !ok || err != nil {
			return nil, "", false, err
		}
		if ok, err := d.child("posList"); !ok || err != nil {
			return nil, "", false, err
		}
		if ok, err := d.numbers(); !ok || err != nil {
			return nil, "", false, err
		}
		if len(d.nums)%dim != 0 || len(d.nums)/dim < 4 || len(d.nums)/dim+len(flat)/dim > geometry.DefaultMaxCoordinates {
			return nil, "", false, nil
		}
		if flat == nil {
			flat = make([]float64, 0, len(d.nums)) // most polygons have one ring
		}
		if flat, ok = positions(d.nums, dim, flat); !ok {
			return nil, "", false, nil
		}
		ends = append(ends, len(flat))
		if ok, err := d.closeElem(); !ok || err != nil { // </LinearRing>
			return nil, "", false, err
		}
		if ok, err := d.closeElem(); !ok || err != nil { // </exterior> or </interior>
			return nil, "", false, err
		}
	}
	layout := geom.XY
	if dim == 3 {
		layout = geom.XYZ
	}
	return geom.NewPolygonFlat(layout, flat, ends).SetSRID(crs.Code), id, true, nil
}

func (d *decoder) fastPoint() (geom.T, string, bool, error) {
	crs, dim, id, ok := d.geometryAttrs()
	if !ok {
		return nil, "", false, nil
	}
	if ok, err := d.child("pos"); !ok || err != nil {
		return nil, "", false, err
	}
	if ok, err := d.numbers(); !ok || err != nil {
		return nil, "", false, err
	}
	// A lone pos tells its dimension by its length.
	n := len(d.nums)
	if n != 2 && n != 3 || dim != 0 && dim != n {
		return nil, "", false, nil
	}
	flat, ok := positions(d.nums, n, make([]float64, 0, n))
	if !ok {
		return nil, "", false, nil
	}
	if ok, err := d.closeElem(); !ok || err != nil { // </Point>
		return nil, "", false, err
	}
	layout := geom.XY
	if n == 3 {
		layout = geom.XYZ
	}
	return geom.NewPointFlat(layout, flat).SetSRID(crs.Code), id, true, nil
}

func isXMLSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func trimXMLSpace(b []byte) []byte {
	for len(b) > 0 && isXMLSpaceByte(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isXMLSpaceByte(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}
