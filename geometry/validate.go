package geometry

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/twpayne/go-geom"
)

// Problem codes reported by Validate. They are stable; messages are not.
const (
	ProblemNilGeometry      = "nil-geometry"         // the geometry is nil
	ProblemUnknownSRID      = "unknown-srid"         // SRID 0 or not a registered CRS
	ProblemSRIDNotAllowed   = "srid-not-allowed"     // registered but not in AllowedSRIDs
	ProblemUnsupported      = "unsupported-geometry" // a type or layout Validate cannot check
	ProblemEmpty            = "empty"                // no coordinates
	ProblemNaN              = "nan"                  // an ordinate is NaN or ±Inf
	ProblemMissingZ         = "missing-z"            // heights required (option or compound CRS) but absent
	ProblemOutsideArea      = "outside-area-of-use"  // a vertex lies outside the CRS's area of use
	ProblemTooFewPoints     = "too-few-points"       // a line string with fewer than 2 distinct points
	ProblemRingTooShort     = "ring-too-short"       // a ring with fewer than 4 positions
	ProblemRingNotClosed    = "ring-not-closed"      // first and last position differ
	ProblemZeroArea         = "zero-area"            // a ring encloses no area
	ProblemSelfIntersection = "self-intersection"    // a ring crosses or touches itself
	ProblemRingIntersection = "ring-intersection"    // two rings of a polygon cross or overlap
	ProblemHoleOutsideShell = "hole-outside-shell"   // a hole is not inside its polygon's shell
	ProblemNestedHoles      = "nested-holes"         // a hole lies inside another hole
	ProblemOrientation      = "orientation"          // shell not counter-clockwise or hole not clockwise
	ProblemTooMany          = "too-many-problems"    // reporting stopped at MaxProblems
)

// DefaultAreaMargin is how far, in degrees, a vertex may lie outside the EPSG area of use before
// it is reported. EPSG's boxes are approximate and given to two decimals; 0.1° (≈ 5–11 km) lets
// real edge data through while a coordinate in the wrong zone (≥ 1.5° off) is still caught.
const DefaultAreaMargin = 0.1

// DefaultMaxProblems bounds the problems one Validate call reports.
const DefaultMaxProblems = 100

// ValidateOptions controls Validate. A nil *ValidateOptions means the zero value.
type ValidateOptions struct {
	// RequireZ requires heights (an XYZ or XYZM layout), e.g. for building geometries.
	// Geometries in a compound CRS (5845–5857) always require them.
	RequireZ bool
	// AllowedSRIDs restricts the CRS; nil means the Swedish set: 3006–3018, 3847, 4619 and
	// 5845–5857. The other RT 90 direct projections (3845, 3846, 3848–3850) are registered but
	// must be allowed explicitly.
	AllowedSRIDs []int
	// AllowAnySRID accepts any SRID, registered or not; the area-of-use check then runs only for
	// registered CRSs.
	AllowAnySRID bool
	// Orientation reports rings with the wrong orientation: exterior counter-clockwise and holes
	// clockwise in the easting, northing plane (the OGC Simple Features convention). Normalize
	// fixes it.
	Orientation bool
	// AreaMargin widens the area of use by this many degrees; 0 means DefaultAreaMargin and a
	// negative value means no margin.
	AreaMargin float64
	// SkipAreaOfUse turns the area-of-use check off.
	SkipAreaOfUse bool
	// MaxProblems bounds the problems reported; 0 means DefaultMaxProblems.
	MaxProblems int
}

// DefaultAllowedSRIDs is the Swedish set Validate accepts by default.
func DefaultAllowedSRIDs() []int {
	out := []int{SWEREF99TM}
	for c := SWEREF99_1200; c <= SWEREF99_2315; c++ {
		out = append(out, c)
	}
	out = append(out, RT90_25gonV, SWEREF99Geographic)
	for c := SWEREF99TM_RH2000; c <= SWEREF99_2315_RH2000; c++ {
		out = append(out, c)
	}
	return out
}

// Problem is one thing wrong with a geometry.
//
// Path names the part: "" is the whole geometry, and parts are joined with dots:
//
//	vertex[i]                              Point has none; LineString and LinearRing vertices
//	ring[r] / ring[r].vertex[i]            Polygon rings (ring[0] is the exterior)
//	point[p]                               MultiPoint members
//	linestring[l].vertex[i]                MultiLineString members
//	polygon[p].ring[r].vertex[i]           MultiPolygon members
//	geometry[g].…                          GeometryCollection members, then their own paths
//
// All indexes are 0-based positions in go-geom's coordinate order.
type Problem struct {
	Path    string
	Code    string // stable machine code, one of the Problem… constants
	Message string // lower-case English
}

// String returns "path: message (code)".
func (p Problem) String() string {
	if p.Path == "" {
		return p.Message + " (" + p.Code + ")"
	}
	return p.Path + ": " + p.Message + " (" + p.Code + ")"
}

// ValidationError lists every problem Validate found.
type ValidationError struct {
	Problems []Problem
}

// Error summarises the problems (the first ten in full).
func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "invalid geometry: %d problem", len(e.Problems))
	if len(e.Problems) != 1 {
		b.WriteString("s")
	}
	for i, p := range e.Problems {
		if i == 10 {
			fmt.Fprintf(&b, "; and %d more", len(e.Problems)-10)
			break
		}
		b.WriteString("; ")
		b.WriteString(p.String())
	}
	return b.String()
}

// Unwrap returns ErrInvalidGeometry.
func (e *ValidationError) Unwrap() error { return ErrInvalidGeometry }

// Has reports whether a problem with the given code was found.
func (e *ValidationError) Has(code string) bool {
	return slices.ContainsFunc(e.Problems, func(p Problem) bool { return p.Code == code })
}

// Validate checks g and returns nil or a *ValidationError listing every problem found (up to
// MaxProblems): nil geometry, SRID not registered or not allowed, NaN/Inf, missing heights,
// vertices outside the CRS's area of use, too-short or unclosed rings, zero-area rings,
// self-intersecting rings, rings of one polygon crossing each other, holes outside their shell
// or inside another hole, and (when asked) wrong ring orientation. Polygons of a MultiPolygon
// are checked one by one; overlaps between them are not reported.
func Validate(g geom.T, opts *ValidateOptions) error {
	if opts == nil {
		opts = &ValidateOptions{}
	}
	v := &validator{opts: opts, max: opts.MaxProblems}
	if v.max <= 0 {
		v.max = DefaultMaxProblems
	}
	v.margin = opts.AreaMargin
	if v.margin == 0 {
		v.margin = DefaultAreaMargin
	} else if v.margin < 0 {
		v.margin = 0
	}
	v.validate(g)
	if len(v.problems) == 0 {
		return nil
	}
	return &ValidationError{Problems: v.problems}
}

type validator struct {
	opts     *ValidateOptions
	crs      *CRS // nil when unknown; disables the area check
	margin   float64
	max      int
	problems []Problem
	stopped  bool
}

func (v *validator) add(path, code, format string, args ...any) {
	if v.stopped {
		return
	}
	if len(v.problems) >= v.max {
		v.problems = append(v.problems, Problem{Code: ProblemTooMany, Message: fmt.Sprintf("stopped after %d problems", v.max)})
		v.stopped = true
		return
	}
	v.problems = append(v.problems, Problem{Path: path, Code: code, Message: fmt.Sprintf(format, args...)})
}

func join(prefix, part string) string {
	if prefix == "" {
		return part
	}
	return prefix + "." + part
}

func idx(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }

func (v *validator) validate(g geom.T) {
	if g == nil {
		v.add("", ProblemNilGeometry, "geometry is nil")
		return
	}
	v.checkSRID(g.SRID())
	layout := g.Layout()
	switch layout {
	case geom.XY, geom.XYZ, geom.XYM, geom.XYZM:
	case geom.NoLayout:
		if !g.Empty() {
			v.add("", ProblemUnsupported, "geometry has no layout")
			return
		}
	default:
		v.add("", ProblemUnsupported, "layout with %d ordinates is not supported", layout.Stride())
		return
	}
	needZ := v.opts.RequireZ || (v.crs != nil && v.crs.Kind == Compound)
	if needZ && !hasZ(layout) && !g.Empty() {
		if v.crs != nil && v.crs.Kind == Compound {
			v.add("", ProblemMissingZ, "epsg:%d carries rh 2000 heights but the geometry has no z", v.crs.Code)
		} else {
			v.add("", ProblemMissingZ, "heights are required but the geometry has no z")
		}
	}
	if g.Empty() {
		v.add("", ProblemEmpty, "geometry has no coordinates")
		return
	}
	v.part(g, "")
}

func (v *validator) checkSRID(srid int) {
	c, err := Lookup(srid)
	if err == nil {
		v.crs = c
	}
	if v.opts.AllowAnySRID {
		return
	}
	switch {
	case srid == 0:
		v.add("", ProblemUnknownSRID, "geometry has no srid")
	case err != nil:
		v.add("", ProblemUnknownSRID, "epsg:%d is not a supported crs", srid)
	default:
		allowed := v.opts.AllowedSRIDs
		if allowed == nil {
			allowed = DefaultAllowedSRIDs()
		}
		if !slices.Contains(allowed, srid) {
			v.add("", ProblemSRIDNotAllowed, "epsg:%d (%s) is not allowed here", srid, c.Name)
		}
	}
}

func (v *validator) part(g geom.T, path string) {
	stride := g.Layout().Stride()
	switch g := g.(type) {
	case *geom.Point:
		v.coords(g.FlatCoords(), stride, path, false)
	case *geom.LineString:
		v.lineString(g.FlatCoords(), stride, path)
	case *geom.LinearRing:
		v.polygon(g.FlatCoords(), []int{len(g.FlatCoords())}, stride, path)
	case *geom.Polygon:
		v.polygon(g.FlatCoords(), g.Ends(), stride, path)
	case *geom.MultiPoint:
		for i := range g.NumPoints() {
			p := g.Point(i)
			if p.Empty() {
				v.add(join(path, idx("point", i)), ProblemEmpty, "point has no coordinates")
				continue
			}
			v.coords(p.FlatCoords(), stride, join(path, idx("point", i)), false)
		}
	case *geom.MultiLineString:
		for i := range g.NumLineStrings() {
			v.lineString(g.LineString(i).FlatCoords(), stride, join(path, idx("linestring", i)))
		}
	case *geom.MultiPolygon:
		for i := range g.NumPolygons() {
			p := g.Polygon(i)
			v.polygon(p.FlatCoords(), p.Ends(), stride, join(path, idx("polygon", i)))
		}
	case *geom.GeometryCollection:
		for i, c := range g.Geoms() {
			p := join(path, idx("geometry", i))
			if c == nil {
				v.add(p, ProblemNilGeometry, "member geometry is nil")
				continue
			}
			if c.Empty() {
				v.add(p, ProblemEmpty, "member geometry has no coordinates")
				continue
			}
			if c.SRID() != 0 && c.SRID() != g.SRID() {
				v.add(p, ProblemUnknownSRID, "member srid %d differs from the collection's %d", c.SRID(), g.SRID())
			}
			v.part(c, p)
		}
	default:
		v.add(path, ProblemUnsupported, "%T is not supported", g)
	}
}

// coords checks every ordinate for NaN/Inf and every vertex against the area of use. It
// reports NaN per vertex, but the area of use once per part (first vertex and a count), since a
// whole footprint in the wrong zone is one mistake, not a hundred. It returns false when a
// non-finite ordinate makes further geometric checks meaningless.
func (v *validator) coords(flat []float64, stride int, path string, indexed bool) bool {
	ok := true
	vpath := func(i int) string {
		if indexed {
			return join(path, idx("vertex", i))
		}
		return path
	}
	outside, first := 0, -1
	var firstLat, firstLon float64
	for i := 0; i+stride <= len(flat); i += stride {
		finiteXY := true
		for k := range stride {
			if val := flat[i+k]; !finite(val) {
				v.add(vpath(i/stride), ProblemNaN, "ordinate %d is %v", k, val)
				ok = false
				if k < 2 {
					finiteXY = false
				}
			}
		}
		if finiteXY && v.crs != nil && !v.opts.SkipAreaOfUse {
			// The series inverse without the µm correction step is plenty for a box test.
			lat, lon := flat[i+1], flat[i]
			if v.crs.series != nil {
				lat, lon = v.crs.series.inverseSeries(flat[i+1], flat[i])
			}
			if !v.crs.AreaOfUse.Contains(lat, lon, v.margin) {
				if outside == 0 {
					first, firstLat, firstLon = i/stride, lat, lon
				}
				outside++
			}
		}
	}
	if outside > 0 {
		msg := fmt.Sprintf("lies outside the area of use of %s (at %.4f°n %.4f°e)", v.crs.Name, firstLat, firstLon)
		if outside > 1 {
			msg += fmt.Sprintf(", as do %d more vertices", outside-1)
		}
		v.add(vpath(first), ProblemOutsideArea, "%s", msg)
	}
	return ok
}

func (v *validator) lineString(flat []float64, stride int, path string) {
	if !v.coords(flat, stride, path, true) {
		return
	}
	if len(ringVertices(flat, stride)) < 2 {
		v.add(path, ProblemTooFewPoints, "line string has fewer than 2 distinct points")
	}
}

// polygon checks the rings flat[…ends[0]], flat[ends[0]…ends[1]], … of one polygon.
func (v *validator) polygon(flat []float64, ends []int, stride int, path string) {
	type ringInfo struct {
		v    []vertex
		ok   bool // usable for the between-ring checks
		path string
	}
	rings := make([]ringInfo, len(ends))
	offset := 0
	for r, end := range ends {
		ring := flat[offset:end]
		offset = end
		rp := join(path, idx("ring", r))
		rings[r].path = rp
		if !v.coords(ring, stride, rp, true) {
			continue
		}
		n := len(ring) / stride
		if n < 4 {
			v.add(rp, ProblemRingTooShort, "ring has %d positions, needs at least 4", n)
		}
		if n >= 2 && (ring[0] != ring[len(ring)-stride] || ring[1] != ring[len(ring)-stride+1]) {
			v.add(join(rp, idx("vertex", n-1)), ProblemRingNotClosed, "ring is not closed: last position differs from the first")
		}
		verts := ringVertices(ring, stride)
		if collinear(verts) {
			if n >= 4 {
				v.add(rp, ProblemZeroArea, "ring encloses no area")
			}
			continue
		}
		if v.selfIntersects(verts, rp) {
			continue
		}
		// A simple ring whose vertices are not all on one line encloses area; this catches
		// the remaining near-degenerate slivers.
		area := ringSignedArea(ring, stride)
		per := ringPerimeter(ring, stride)
		if math.Abs(area) <= 1e-12*per*per {
			v.add(rp, ProblemZeroArea, "ring encloses no area")
			continue
		}
		if v.opts.Orientation {
			if r == 0 && area < 0 {
				v.add(rp, ProblemOrientation, "exterior ring is clockwise, should be counter-clockwise")
			} else if r > 0 && area > 0 {
				v.add(rp, ProblemOrientation, "interior ring is counter-clockwise, should be clockwise")
			}
		}
		rings[r] = ringInfo{v: verts, ok: true, path: rp}
	}

	// Between rings: crossings, holes outside the shell, holes inside holes.
	var segs []segment
	var x0, y0 float64
	if len(flat) >= 2 {
		x0, y0 = flat[0], flat[1]
	}
	for r, ri := range rings {
		if ri.ok {
			segs = append(segs, ringSegments(r, ri.v, x0, y0)...)
		}
	}
	crossed := map[[2]int]bool{}
	sweepContacts(segs, func(a, b segment, c contact) bool {
		if a.ring == b.ring || c == touch {
			return true
		}
		key := [2]int{min(a.ring, b.ring), max(a.ring, b.ring)}
		if !crossed[key] {
			crossed[key] = true
			lo, hi := a, b
			if lo.ring > hi.ring {
				lo, hi = hi, lo
			}
			v.add(join(rings[hi.ring].path, idx("vertex", rings[hi.ring].v[hi.i].index)), ProblemRingIntersection,
				"ring crosses ring %d", lo.ring)
		}
		return !v.stopped
	})
	if len(rings) == 0 || !rings[0].ok {
		return
	}
	for h := 1; h < len(rings); h++ {
		if !rings[h].ok || crossed[[2]int{0, h}] {
			continue
		}
		if side(rings[h].v, rings[0].v) < 0 {
			v.add(rings[h].path, ProblemHoleOutsideShell, "hole lies outside the exterior ring")
			continue
		}
		for o := 1; o < len(rings); o++ {
			if o == h || !rings[o].ok || crossed[[2]int{min(o, h), max(o, h)}] {
				continue
			}
			if side(rings[h].v, rings[o].v) > 0 {
				v.add(rings[h].path, ProblemNestedHoles, "hole lies inside hole %d", o)
				break
			}
		}
	}
}

// collinear reports whether the ring's distinct vertices all lie on one line (or there are
// fewer than three), measured relative to the ring's extent.
func collinear(verts []vertex) bool {
	if len(verts) < 3 {
		return true
	}
	a := verts[0]
	far, d2 := a, 0.0
	for _, p := range verts[1:] {
		if d := (p.x-a.x)*(p.x-a.x) + (p.y-a.y)*(p.y-a.y); d > d2 {
			far, d2 = p, d
		}
	}
	for _, p := range verts[1:] {
		if math.Abs(orient(a.x, a.y, far.x, far.y, p.x, p.y)) > 1e-12*d2 {
			return false
		}
	}
	return true
}

// side tells where ring a lies relative to ring b: +1 inside, -1 outside, 0 undecided (every
// vertex on b's boundary). Rings that do not cross lie wholly on one side, so one vertex off
// the boundary decides.
func side(a, b []vertex) int {
	for _, p := range a {
		if s := pointInRing(p.x, p.y, b); s != 0 {
			return s
		}
	}
	return 0
}

// selfIntersects reports (once) whether a ring crosses or touches itself anywhere other than
// where consecutive edges join.
func (v *validator) selfIntersects(verts []vertex, path string) bool {
	n := len(verts)
	segs := ringSegments(0, verts, verts[0].x, verts[0].y)
	found := false
	sweepContacts(segs, func(a, b segment, c contact) bool {
		adjacent := (a.i+1)%n == b.i || (b.i+1)%n == a.i
		if adjacent && c == touch {
			return true // the shared vertex
		}
		if adjacent {
			// Consecutive edges overlapping means the ring doubles back on itself (a spike).
			if c != overlap {
				return true
			}
		}
		// Report the vertex where the later edge starts: the spike's tip for consecutive edges.
		later := max(a.i, b.i)
		switch {
		case (a.i+1)%n == b.i:
			later = b.i
		case (b.i+1)%n == a.i:
			later = a.i
		}
		at := verts[later].index
		v.add(join(path, idx("vertex", at)), ProblemSelfIntersection, "ring intersects itself")
		found = true
		return false
	})
	return found
}
