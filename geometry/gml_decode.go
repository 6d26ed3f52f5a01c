package geometry

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/twpayne/go-geom"
)

// DefaultMaxCoordinates is the number of positions the GML decoder accepts in one geometry
// unless GMLDecodeOptions says otherwise. A 10 000-vertex footprint is far below it; a hostile
// document is stopped before it allocates without bound.
const DefaultMaxCoordinates = 1_000_000

// maxGMLDepth bounds element nesting (a MultiSurface of Polygons is 6 deep; MultiGeometry can
// nest, which is the only way to go deeper).
const maxGMLDepth = 64

// GMLDecodeOptions controls UnmarshalGMLWithOptions. A nil *GMLDecodeOptions means the zero
// value.
type GMLDecodeOptions struct {
	// MaxCoordinates bounds the number of positions in one geometry; 0 means
	// DefaultMaxCoordinates. Exceeding it returns an error wrapping ErrTooLarge.
	MaxCoordinates int
	// LegacyEastNorth reads geometries whose srsName is a legacy form ("EPSG:3006",
	// "…/epsg.xml#3006") easting first, for sources known to write x/y with those names. By
	// default every form is read in EPSG order (northing first), as Lantmäteriet writes, and
	// easting-first input is rejected with ErrSwappedAxes.
	LegacyEastNorth bool
	// DefaultSRID is used when no srsName is present anywhere on the geometry; its coordinates
	// are read in that CRS's EPSG order. 0 makes a missing srsName an error.
	DefaultSRID int
}

func (o *GMLDecodeOptions) maxCoordinates() int {
	if o == nil || o.MaxCoordinates <= 0 {
		return DefaultMaxCoordinates
	}
	return o.MaxCoordinates
}

// UnmarshalGML reads one GML geometry element (GML 3.2, also GML 3.1.1 and an undeclared "gml"
// prefix) into a go-geom geometry whose SRID comes from srsName. Coordinates are read in the
// CRS's EPSG order (northing first; latitude first for 4619) and stored X = easting (or
// longitude). Input whose coordinates are clearly easting first is rejected with an error
// wrapping ErrSwappedAxes; malformed input with ErrInvalidGML; oversized input with ErrTooLarge.
//
// Accepted elements: Point (pos, coordinates), LineString, Curve of LineStringSegments, Polygon
// (exterior/interior, and GML 2's outerBoundaryIs/innerBoundaryIs), Surface with PolygonPatch,
// MultiPoint, MultiCurve, MultiLineString, MultiSurface, MultiPolygon and MultiGeometry, with
// singular and plural member properties, and posList, pos and coordinates for positions.
// srsDimension is read from the geometry or from pos/posList; when absent it is 3 for compound
// CRSs and 2 otherwise.
func UnmarshalGML(data []byte) (geom.T, error) {
	return UnmarshalGMLWithOptions(data, nil)
}

// UnmarshalGMLWithOptions is UnmarshalGML with limits and axis-order choices.
func UnmarshalGMLWithOptions(data []byte, opts *GMLDecodeOptions) (geom.T, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("gml: no geometry element: %w", ErrInvalidGML)
			}
			return nil, fmt.Errorf("gml: %v: %w", err, ErrInvalidGML)
		}
		if se, ok := tok.(xml.StartElement); ok {
			g, _, err := decodeGMLElement(d, se, opts)
			return g, err
		}
	}
}

// decodeGMLElement reads the geometry element that start opened, through its end element, and
// returns the geometry and its gml:id.
func decodeGMLElement(d *xml.Decoder, start xml.StartElement, opts *GMLDecodeOptions) (geom.T, string, error) {
	r := &gmlReader{opts: opts, maxCoords: opts.maxCoordinates()}
	root, err := r.readTree(d, start)
	if err != nil {
		return nil, "", err
	}
	ctx := gmlContext{dim: 0}
	if opts != nil && opts.DefaultSRID != 0 {
		c, err := Lookup(opts.DefaultSRID)
		if err != nil {
			return nil, "", fmt.Errorf("gml: default srid: %w", err)
		}
		ctx.crs = c
	}
	g, err := r.geometry(root, ctx, 0)
	if err != nil {
		return nil, "", err
	}
	return g, root.attr(gmlNS, "id"), nil
}

// gmlNode is one element of the parsed subtree.
type gmlNode struct {
	name  xml.Name
	attrs []xml.Attr
	text  []byte
	kids  []*gmlNode
}

// gmlNS is a marker for "the GML namespace in any accepted spelling" in gmlNode.attr.
const gmlNS = "\x00gml"

func isGMLSpace(space string) bool {
	return space == GMLNamespace || space == gml311Namespace || space == "gml"
}

func (n *gmlNode) is(local string) bool { return isGMLSpace(n.name.Space) && n.name.Local == local }

// attr returns the attribute value; space "" matches unqualified attributes and gmlNS any
// GML-namespaced one.
func (n *gmlNode) attr(space, local string) string {
	for _, a := range n.attrs {
		if a.Name.Local != local {
			continue
		}
		if (space == gmlNS && isGMLSpace(a.Name.Space)) || (space == "" && a.Name.Space == "") {
			return a.Value
		}
	}
	return ""
}

type gmlReader struct {
	opts      *GMLDecodeOptions
	maxCoords int
	coords    int // positions decoded so far
}

// readTree reads the subtree of start into memory, bounded in depth and in text, so the
// interpretation below can look ahead freely.
func (r *gmlReader) readTree(d *xml.Decoder, start xml.StartElement) (*gmlNode, error) {
	root := &gmlNode{name: start.Name, attrs: start.Attr}
	stack := []*gmlNode{root}
	// Text is bounded by what a maximal geometry could need: ~25 bytes per number.
	maxText := int64(r.maxCoords)*3*26 + 1024
	var textBytes int64
	for len(stack) > 0 {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("gml: unexpected end of input in <%s>: %w", stack[len(stack)-1].name.Local, ErrInvalidGML)
			}
			return nil, fmt.Errorf("gml: %v: %w", err, ErrInvalidGML)
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxGMLDepth {
				return nil, fmt.Errorf("gml: elements nested deeper than %d: %w", maxGMLDepth, ErrTooLarge)
			}
			n := &gmlNode{name: t.Name, attrs: t.Attr}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(bytes.TrimSpace(t)) == 0 && len(top.text) == 0 {
				continue
			}
			textBytes += int64(len(t))
			if textBytes > maxText {
				return nil, fmt.Errorf("gml: more than %d bytes of text: %w", maxText, ErrTooLarge)
			}
			top.text = append(top.text, t...)
		}
	}
	return root, nil
}

// gmlContext is what a geometry inherits from its parents.
type gmlContext struct {
	crs      *CRS
	explicit bool // crs came from an srsName, not from GMLDecodeOptions.DefaultSRID
	form     SRSNameForm
	dim      int // 0 = not given
	layout   geom.Layout
}

// inherit applies a node's srsName and srsDimension to the context.
func (r *gmlReader) inherit(n *gmlNode, ctx gmlContext) (gmlContext, error) {
	if s := n.attr("", "srsName"); s != "" {
		c, form, err := ParseSRSNameForm(s)
		if err != nil {
			return ctx, fmt.Errorf("gml: <%s>: %w", n.name.Local, err)
		}
		// go-geom has one SRID per geometry, so a member in another CRS cannot be represented.
		if ctx.explicit && ctx.crs.Code != c.Code {
			return ctx, fmt.Errorf("gml: <%s> srsName %q differs from its parent's epsg:%d: %w", n.name.Local, s, ctx.crs.Code, ErrInvalidGML)
		}
		ctx.crs, ctx.form, ctx.explicit = c, form, true
	}
	if s := n.attr("", "srsDimension"); s != "" {
		dim, err := parseDim(s)
		if err != nil {
			return ctx, fmt.Errorf("gml: <%s>: %w", n.name.Local, err)
		}
		ctx.dim = dim
	}
	return ctx, nil
}

func parseDim(s string) (int, error) {
	switch strings.TrimSpace(s) {
	case "2":
		return 2, nil
	case "3":
		return 3, nil
	}
	return 0, fmt.Errorf("srsDimension %q (only 2 and 3 are supported): %w", s, ErrInvalidGML)
}

// geometry interprets a geometry element.
func (r *gmlReader) geometry(n *gmlNode, ctx gmlContext, depth int) (geom.T, error) {
	if !isGMLSpace(n.name.Space) {
		return nil, fmt.Errorf("gml: <%s> in namespace %q is not a gml geometry: %w", n.name.Local, n.name.Space, ErrInvalidGML)
	}
	ctx, err := r.inherit(n, ctx)
	if err != nil {
		return nil, err
	}
	if ctx.crs == nil {
		return nil, fmt.Errorf("gml: <%s> has no srsName: %w", n.name.Local, ErrInvalidGML)
	}
	var g geom.T
	switch n.name.Local {
	case "Point":
		g, err = r.point(n, &ctx)
	case "LineString":
		var flat []float64
		flat, err = r.positions(n, &ctx, 2)
		if err == nil {
			g = geom.NewLineStringFlat(ctx.layout, flat)
		}
	case "Curve":
		g, err = r.curve(n, &ctx)
	case "LinearRing":
		var flat []float64
		flat, err = r.positions(n, &ctx, 4)
		if err == nil {
			g = geom.NewLinearRingFlat(ctx.layout, flat)
		}
	case "Polygon", "PolygonPatch":
		g, err = r.polygon(n, &ctx)
	case "Surface":
		g, err = r.surface(n, &ctx)
	case "MultiPoint", "MultiCurve", "MultiLineString", "MultiSurface", "MultiPolygon", "MultiGeometry":
		g, err = r.multi(n, &ctx, depth)
	default:
		return nil, fmt.Errorf("gml: <%s> is not a supported geometry: %w", n.name.Local, ErrUnsupportedGeometry)
	}
	if err != nil {
		return nil, err
	}
	return setSRID(g, ctx.crs.Code), nil
}

// children returns the GML child elements with one of the given local names.
func children(n *gmlNode, locals ...string) []*gmlNode {
	var out []*gmlNode
	for _, k := range n.kids {
		if !isGMLSpace(k.name.Space) {
			continue
		}
		for _, l := range locals {
			if k.name.Local == l {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// only returns the single GML child element of a property, or an error.
func only(prop *gmlNode) (*gmlNode, error) {
	var found *gmlNode
	for _, k := range prop.kids {
		if found != nil {
			return nil, fmt.Errorf("gml: <%s> holds more than one element: %w", prop.name.Local, ErrInvalidGML)
		}
		found = k
	}
	if found == nil {
		return nil, fmt.Errorf("gml: <%s> is empty: %w", prop.name.Local, ErrInvalidGML)
	}
	return found, nil
}

func (r *gmlReader) point(n *gmlNode, ctx *gmlContext) (geom.T, error) {
	flat, err := r.positions(n, ctx, 1)
	if err != nil {
		return nil, err
	}
	if len(flat) != ctx.layout.Stride() {
		return nil, fmt.Errorf("gml: <Point> needs exactly one position, has %d: %w", len(flat)/ctx.layout.Stride(), ErrInvalidGML)
	}
	return geom.NewPointFlat(ctx.layout, flat), nil
}

func (r *gmlReader) curve(n *gmlNode, ctx *gmlContext) (geom.T, error) {
	segs := children(n, "segments")
	if len(segs) != 1 {
		return nil, fmt.Errorf("gml: <Curve> needs one <segments>: %w", ErrInvalidGML)
	}
	var flat []float64
	for i, s := range segs[0].kids {
		if !(isGMLSpace(s.name.Space) && s.name.Local == "LineStringSegment") {
			return nil, fmt.Errorf("gml: curve segment <%s> is not supported: %w", s.name.Local, ErrUnsupportedGeometry)
		}
		part, err := r.positions(s, ctx, 2)
		if err != nil {
			return nil, err
		}
		// Consecutive segments share their joining position.
		if i > 0 && len(flat) > 0 && len(part) >= ctx.layout.Stride() {
			part = part[ctx.layout.Stride():]
		}
		flat = append(flat, part...)
	}
	if len(flat) == 0 {
		return nil, fmt.Errorf("gml: <Curve> has no segments: %w", ErrInvalidGML)
	}
	return geom.NewLineStringFlat(ctx.layout, flat), nil
}

func (r *gmlReader) polygon(n *gmlNode, ctx *gmlContext) (geom.T, error) {
	var flat []float64
	var ends []int
	ext := children(n, "exterior", "outerBoundaryIs")
	if len(ext) != 1 {
		return nil, fmt.Errorf("gml: <%s> needs exactly one exterior, has %d: %w", n.name.Local, len(ext), ErrInvalidGML)
	}
	for i, prop := range append(ext, children(n, "interior", "innerBoundaryIs")...) {
		ring, err := only(prop)
		if err != nil {
			return nil, err
		}
		if !ring.is("LinearRing") {
			return nil, fmt.Errorf("gml: ring %d is <%s>, only LinearRing is supported: %w", i, ring.name.Local, ErrUnsupportedGeometry)
		}
		part, err := r.positions(ring, ctx, 4)
		if err != nil {
			return nil, fmt.Errorf("ring %d: %w", i, err)
		}
		flat = append(flat, part...)
		ends = append(ends, len(flat))
	}
	return geom.NewPolygonFlat(ctx.layout, flat, ends), nil
}

// surface reads a gml:Surface; a single PolygonPatch gives a Polygon, several a MultiPolygon.
func (r *gmlReader) surface(n *gmlNode, ctx *gmlContext) (geom.T, error) {
	patches := children(n, "patches")
	if len(patches) != 1 {
		return nil, fmt.Errorf("gml: <Surface> needs one <patches>: %w", ErrInvalidGML)
	}
	var polys []*geom.Polygon
	for _, p := range patches[0].kids {
		if !p.is("PolygonPatch") {
			return nil, fmt.Errorf("gml: surface patch <%s> is not supported: %w", p.name.Local, ErrUnsupportedGeometry)
		}
		g, err := r.polygon(p, ctx)
		if err != nil {
			return nil, err
		}
		polys = append(polys, g.(*geom.Polygon))
	}
	switch len(polys) {
	case 0:
		return nil, fmt.Errorf("gml: <Surface> has no patches: %w", ErrInvalidGML)
	case 1:
		return polys[0], nil
	}
	mp := geom.NewMultiPolygon(ctx.layout)
	for _, p := range polys {
		if err := mp.Push(p); err != nil {
			return nil, fmt.Errorf("gml: surface: %v: %w", err, ErrInvalidGML)
		}
	}
	return mp, nil
}

// multi reads a multi-geometry with singular (…Member) or plural (…Members) properties.
func (r *gmlReader) multi(n *gmlNode, ctx *gmlContext, depth int) (geom.T, error) {
	if depth > maxGMLDepth {
		return nil, fmt.Errorf("gml: geometries nested too deep: %w", ErrTooLarge)
	}
	var members []*gmlNode
	for _, prop := range n.kids {
		if !isGMLSpace(prop.name.Space) {
			continue
		}
		switch prop.name.Local {
		case "pointMember", "curveMember", "lineStringMember", "surfaceMember", "polygonMember", "geometryMember":
			m, err := only(prop)
			if err != nil {
				return nil, err
			}
			members = append(members, m)
		case "pointMembers", "curveMembers", "surfaceMembers", "geometryMembers":
			members = append(members, prop.kids...)
		}
	}
	// Members inherit srsName and srsDimension; the first one fixes the layout.
	var geoms []geom.T
	for i, m := range members {
		g, err := r.geometry(m, *ctx, depth+1)
		if err != nil {
			return nil, fmt.Errorf("member %d: %w", i, err)
		}
		if ctx.layout == geom.NoLayout {
			ctx.layout = g.Layout()
		} else if g.Layout() != ctx.layout {
			return nil, fmt.Errorf("gml: member %d has %d dimensions, the first had %d: %w", i, g.Layout().Stride(), ctx.layout.Stride(), ErrInvalidGML)
		}
		geoms = append(geoms, g)
	}
	if ctx.layout == geom.NoLayout {
		ctx.layout = layoutFor(r.effectiveDim(*ctx))
	}
	wrongMember := func(i int, g geom.T) error {
		return fmt.Errorf("gml: <%s> member %d is %T: %w", n.name.Local, i, g, ErrInvalidGML)
	}
	switch n.name.Local {
	case "MultiPoint":
		mp := geom.NewMultiPoint(ctx.layout)
		for i, g := range geoms {
			p, ok := g.(*geom.Point)
			if !ok {
				return nil, wrongMember(i, g)
			}
			if err := mp.Push(p); err != nil {
				return nil, fmt.Errorf("gml: %v: %w", err, ErrInvalidGML)
			}
		}
		return mp, nil
	case "MultiCurve", "MultiLineString":
		ml := geom.NewMultiLineString(ctx.layout)
		for i, g := range geoms {
			l, ok := g.(*geom.LineString)
			if !ok {
				return nil, wrongMember(i, g)
			}
			if err := ml.Push(l); err != nil {
				return nil, fmt.Errorf("gml: %v: %w", err, ErrInvalidGML)
			}
		}
		return ml, nil
	case "MultiSurface", "MultiPolygon":
		mp := geom.NewMultiPolygon(ctx.layout)
		for i, g := range geoms {
			switch g := g.(type) {
			case *geom.Polygon:
				if err := mp.Push(g); err != nil {
					return nil, fmt.Errorf("gml: %v: %w", err, ErrInvalidGML)
				}
			case *geom.MultiPolygon: // a Surface with several patches
				for j := range g.NumPolygons() {
					if err := mp.Push(g.Polygon(j)); err != nil {
						return nil, fmt.Errorf("gml: %v: %w", err, ErrInvalidGML)
					}
				}
			default:
				return nil, wrongMember(i, g)
			}
		}
		return mp, nil
	}
	gc := geom.NewGeometryCollection()
	if len(geoms) == 0 {
		if err := gc.SetLayout(ctx.layout); err != nil {
			return nil, fmt.Errorf("gml: %v: %w", err, ErrInvalidGML)
		}
	}
	if err := gc.Push(geoms...); err != nil {
		return nil, fmt.Errorf("gml: %v: %w", err, ErrInvalidGML)
	}
	return gc, nil
}

func layoutFor(dim int) geom.Layout {
	if dim == 3 {
		return geom.XYZ
	}
	return geom.XY
}

// effectiveDim is srsDimension if given, else the CRS's own dimension.
func (r *gmlReader) effectiveDim(ctx gmlContext) int {
	if ctx.dim != 0 {
		return ctx.dim
	}
	if ctx.crs != nil && ctx.crs.Kind == Compound {
		return 3
	}
	return 2
}

// positions reads the coordinates of a geometry element from its posList, pos children or
// coordinates, and returns them as go-geom flat coordinates (X = easting). min is the fewest
// positions the element type allows.
func (r *gmlReader) positions(n *gmlNode, ctx *gmlContext, min int) ([]float64, error) {
	var values []float64
	dim := 0
	lists := children(n, "posList", "coordinates")
	poss := children(n, "pos", "pointProperty", "pointRep")
	switch {
	case len(lists) == 1 && len(poss) == 0:
		l := lists[0]
		var err error
		if l.name.Local == "coordinates" {
			values, dim, err = r.parseCoordinates(l, *ctx)
		} else {
			c, err2 := r.inherit(l, *ctx)
			if err2 != nil {
				return nil, err2
			}
			dim = r.effectiveDim(c)
			values, err = r.parseNumbers(l.text, dim)
		}
		if err != nil {
			return nil, fmt.Errorf("gml: <%s> in <%s>: %w", l.name.Local, n.name.Local, err)
		}
	case len(lists) == 0 && len(poss) > 0:
		for _, p := range poss {
			if p.name.Local != "pos" {
				return nil, fmt.Errorf("gml: <%s> is not supported: %w", p.name.Local, ErrUnsupportedGeometry)
			}
			c, err := r.inherit(p, *ctx)
			if err != nil {
				return nil, err
			}
			// A lone pos without srsDimension tells its dimension by its length.
			v, err := r.parseNumbers(p.text, 0)
			if err != nil {
				return nil, fmt.Errorf("gml: <pos> in <%s>: %w", n.name.Local, err)
			}
			d := len(v)
			if c.dim != 0 && c.dim != d || d != 2 && d != 3 {
				return nil, fmt.Errorf("gml: <pos> in <%s> has %d numbers, want %d: %w", n.name.Local, d, r.effectiveDim(c), ErrInvalidGML)
			}
			if dim != 0 && d != dim {
				return nil, fmt.Errorf("gml: positions in <%s> mix 2 and 3 dimensions: %w", n.name.Local, ErrInvalidGML)
			}
			dim = d
			values = append(values, v...)
		}
	default:
		return nil, fmt.Errorf("gml: <%s> needs one posList or coordinates, or pos elements: %w", n.name.Local, ErrInvalidGML)
	}
	layout := layoutFor(dim)
	if ctx.layout != geom.NoLayout && ctx.layout != layout {
		return nil, fmt.Errorf("gml: <%s> has %d dimensions where %d were expected: %w", n.name.Local, dim, ctx.layout.Stride(), ErrInvalidGML)
	}
	ctx.layout = layout
	if npos := len(values) / dim; npos < min {
		return nil, fmt.Errorf("gml: <%s> has %d positions, needs at least %d: %w", n.name.Local, npos, min, ErrInvalidGML)
	}
	return r.toFlat(values, dim, *ctx)
}

// parseNumbers reads white-space separated doubles. dim > 0 requires a multiple of dim. It
// counts before it allocates, so the coordinate limit holds before any memory is spent, and it
// scans by hand: bytes.Fields was a fifth of the decoder's time.
func (r *gmlReader) parseNumbers(text []byte, dim int) ([]float64, error) {
	count := 0
	for i := 0; i < len(text); {
		for i < len(text) && isXMLSpace(text[i]) {
			i++
		}
		if i == len(text) {
			break
		}
		count++
		for i < len(text) && !isXMLSpace(text[i]) {
			i++
		}
	}
	if dim > 0 && count%dim != 0 {
		return nil, fmt.Errorf("%d numbers is not a multiple of srsDimension %d: %w", count, dim, ErrInvalidGML)
	}
	step := dim
	if step == 0 {
		step = 2
	}
	if r.coords+count/step > r.maxCoords {
		return nil, fmt.Errorf("more than %d positions: %w", r.maxCoords, ErrTooLarge)
	}
	out := make([]float64, 0, count)
	for i := 0; i < len(text); {
		for i < len(text) && isXMLSpace(text[i]) {
			i++
		}
		if i == len(text) {
			break
		}
		j := i
		for j < len(text) && !isXMLSpace(text[j]) {
			j++
		}
		v, err := parseGMLDouble(text[i:j])
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		i = j
	}
	r.coords += count / step
	return out, nil
}

// isXMLSpace is XML's white space (the separator of xs:list values such as posList).
func isXMLSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

func parseGMLDouble(f []byte) (float64, error) {
	v, err := strconv.ParseFloat(string(f), 64)
	if err != nil || !finite(v) {
		q := string(f)
		if len(q) > 32 {
			q = q[:32] + "…"
		}
		return 0, fmt.Errorf("number %q: %w", q, ErrInvalidGML)
	}
	return v, nil
}

// parseCoordinates reads legacy gml:coordinates with its cs, ts and decimal attributes.
func (r *gmlReader) parseCoordinates(n *gmlNode, ctx gmlContext) ([]float64, int, error) {
	cs, ts, dec := n.attr("", "cs"), n.attr("", "ts"), n.attr("", "decimal")
	if cs == "" {
		cs = ","
	}
	if dec == "" {
		dec = "."
	}
	if cs == dec || ts == dec || (ts != "" && ts == cs) {
		return nil, 0, fmt.Errorf("cs, ts and decimal must differ: %w", ErrInvalidGML)
	}
	text := string(n.text)
	var tuples []string
	if ts == "" || strings.TrimSpace(ts) == "" {
		tuples = strings.Fields(text)
	} else {
		tuples = strings.Split(strings.TrimSpace(text), ts)
	}
	if r.coords+len(tuples) > r.maxCoords {
		return nil, 0, fmt.Errorf("more than %d positions: %w", r.maxCoords, ErrTooLarge)
	}
	dim := 0
	var out []float64
	for _, t := range tuples {
		parts := strings.Split(strings.TrimSpace(t), cs)
		if dim == 0 {
			dim = len(parts)
			if dim != 2 && dim != 3 {
				return nil, 0, fmt.Errorf("coordinate tuple with %d values: %w", dim, ErrInvalidGML)
			}
			if ctx.dim != 0 && ctx.dim != dim {
				return nil, 0, fmt.Errorf("coordinate tuple with %d values, srsDimension %d: %w", dim, ctx.dim, ErrInvalidGML)
			}
		} else if len(parts) != dim {
			return nil, 0, fmt.Errorf("coordinate tuples of different lengths: %w", ErrInvalidGML)
		}
		for _, p := range parts {
			if dec != "." {
				p = strings.ReplaceAll(p, dec, ".")
			}
			v, err := parseGMLDouble([]byte(strings.TrimSpace(p)))
			if err != nil {
				return nil, 0, err
			}
			out = append(out, v)
		}
	}
	if dim == 0 {
		dim = r.effectiveDim(ctx)
	}
	r.coords += len(tuples)
	return out, dim, nil
}

// toFlat turns GML-ordered values into go-geom flat coordinates, swapping northing-first to
// X = easting and checking every position for swapped axes.
func (r *gmlReader) toFlat(values []float64, dim int, ctx gmlContext) ([]float64, error) {
	eastFirst := ctx.form.AmbiguousAxisOrder() && r.opts != nil && r.opts.LegacyEastNorth
	flat := make([]float64, len(values))
	for i := 0; i+dim <= len(values); i += dim {
		first, second := values[i], values[i+1]
		if eastFirst {
			first, second = second, first
		}
		if swappedAxes(ctx.crs, first, second) {
			return nil, fmt.Errorf("gml: position %d (%s %s) in epsg:%d is easting first; gml wants %s first: %w",
				i/dim, fmtNum(values[i]), fmtNum(values[i+1]), ctx.crs.Code, firstAxisName(ctx.crs), ErrSwappedAxes)
		}
		flat[i], flat[i+1] = second, first
		if dim == 3 {
			flat[i+2] = values[i+2]
		}
	}
	return flat, nil
}

func firstAxisName(c *CRS) string {
	if c.Kind == Geographic {
		return "latitude"
	}
	return "northing"
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// swappedAxes reports whether a position read in EPSG order (first = northing or latitude) can
// only be easting (longitude) first. In SWEREF 99 every northing is > 6 000 000 and every
// easting < 1 100 000 (RT 90: < 2 100 000), and in Sweden latitudes (55–69°) and longitudes
// (10–24°) do not overlap, so the test cannot fire on valid data.
func swappedAxes(c *CRS, first, second float64) bool {
	if c.Kind == Geographic {
		return first >= 9 && first <= 26 && second >= 53 && second <= 71
	}
	return second > 6_000_000 && first < c.maxEasting
}
