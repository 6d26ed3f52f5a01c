// Package readsvc holds what the clients of Lantmäteriet's Direkt read
// services (building, address, property) share besides transport and
// batching: the query parameters every product takes, the checks of the
// output CRS and of search geometries, and the not-found error for an id
// an answer left out. An answer that cannot be mapped is transport.Invalid,
// as for every other service.
package readsvc

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/fieldpath"
)

// BatchSize is the most ids one POST / takes (250 for Belägenhetsadress and
// Fastighet och samfällighet; the same is used for the others, whose limit
// is not public).
const BatchSize = 250

// DefaultParallelism is how many batches GetMany has in flight unless told
// otherwise.
const DefaultParallelism = 4

// IncludeTotal is the includeData value that asks for every subset.
const IncludeTotal = "total"

// Query builds includeData and srid. Nil include asks for "total"; total
// cannot be combined with other subsets (documented for Inskrivning Direkt,
// INFERRED for the others), and values must be from known.
func Query(v *check.Problems, include []string, known []string, srid int) url.Values {
	q := url.Values{}
	if include == nil {
		include = []string{IncludeTotal}
	}
	for i, s := range include {
		if !slices.Contains(known, s) {
			v.Addf(fieldpath.Index("Include", i), bal.RuleCodeList, "includeData %q: want one of %s", s, strings.Join(known, ", "))
		}
	}
	if len(include) > 1 && slices.Contains(include, IncludeTotal) {
		v.Add("Include", bal.RuleFormat, "includeData total cannot be combined with other subsets")
	}
	if len(include) > 0 {
		q.Set("includeData", strings.Join(include, ","))
	}
	CheckSRID(v, "SRID", srid)
	if srid != 0 {
		q.Set("srid", strconv.Itoa(srid))
	}
	return q
}

// CheckSRID reports an SRID the Direkt services do not take: they take
// SWEREF 99 TM (3006) and the twelve local zones (3007–3018). Zero means
// the service's default, SWEREF 99 TM.
func CheckSRID(v *check.Problems, path string, srid int) {
	if srid != 0 && (srid < geometry.SWEREF99TM || srid > geometry.SWEREF99_2315) {
		v.Addf(path, bal.RuleGeometry, "srid %d: want 3006 (SWEREF 99 TM) or a SWEREF 99 local zone (3007–3018)", srid)
	}
}

// NotFound is the error for an id an answer did not contain.
func NotFound(op string, id bal.ObjectID) error {
	return fmt.Errorf("bal: %s: %s: %w", op, id, bal.ErrNotFound)
}

// Limits of a geometry search (POST /referens/geometri), documented for
// Byggnad Direkt (INFERRED: a third-party comment says they are).
const (
	MaxSearchArea      = 1_000_000 // m², area of a search polygon
	MaxSearchPerimeter = 200_000   // m, perimeter of a search polygon or length of a line
)

// SearchGeometry checks a geometry for a geometry search and returns it in
// a CRS the service takes: SWEREF 99 TM or a local zone as it is, any other
// registered CRS transformed to SWEREF 99 TM. Points, lines and polygons
// (and their multi forms) are accepted; polygons must stay within
// MaxSearchArea and MaxSearchPerimeter, lines within MaxSearchPerimeter.
// The buffer must be finite and not negative.
func SearchGeometry(v *check.Problems, g geom.T, buffer float64) geom.T {
	if math.IsNaN(buffer) || math.IsInf(buffer, 0) || buffer < 0 {
		v.Addf("buffer", bal.RuleRange, "buffer %v: want a distance in metres, 0 or more", buffer)
	}
	if g == nil {
		v.Add("geometry", bal.RuleRequired, "a point, line or polygon is required")
		return nil
	}
	switch g.(type) {
	case *geom.Point, *geom.LineString, *geom.Polygon, *geom.MultiPoint, *geom.MultiLineString, *geom.MultiPolygon:
	default:
		v.Addf("geometry", bal.RuleGeometry, "%T: want a point, line or polygon", g)
		return nil
	}
	if g.Empty() {
		v.Add("geometry", bal.RuleGeometry, "the geometry is empty")
		return nil
	}
	if s := g.SRID(); s < geometry.SWEREF99TM || s > geometry.SWEREF99_2315 {
		t, err := geometry.Transform(g, geometry.SWEREF99TM)
		if err != nil {
			v.Addf("geometry", bal.RuleGeometry, "srid %d: %v", s, err)
			return nil
		}
		g = t
	}
	if err := geometry.Validate(g, nil); err != nil {
		v.Merge("geometry", bal.RuleGeometry, err)
		return nil
	}
	switch g.(type) {
	case *geom.Polygon, *geom.MultiPolygon:
		if a, err := geometry.Area(g); err == nil && a > MaxSearchArea {
			v.Addf("geometry", bal.RuleRange, "polygon area %.0f m² is above the service's limit of 1 000 000 m²", a)
		}
		if p := length(g); p > MaxSearchPerimeter {
			v.Addf("geometry", bal.RuleRange, "polygon perimeter %.0f m is above the service's limit of 200 000 m", p)
		}
	case *geom.LineString, *geom.MultiLineString:
		if l := length(g); l > MaxSearchPerimeter {
			v.Addf("geometry", bal.RuleRange, "line length %.0f m is above the service's limit of 200 000 m", l)
		}
	}
	return g
}

// length sums the lengths of every ring or line of g on the grid plane.
func length(g geom.T) float64 {
	flat, stride := g.FlatCoords(), g.Stride()
	var ends []int
	switch t := g.(type) {
	case *geom.LineString:
		ends = []int{len(flat)}
	case *geom.Polygon:
		ends = t.Ends()
	case *geom.MultiLineString:
		ends = t.Ends()
	case *geom.MultiPolygon:
		for _, e := range t.Endss() {
			ends = append(ends, e...)
		}
	}
	var sum float64
	start := 0
	for _, end := range ends {
		for i := start + stride; i < end; i += stride {
			sum += math.Hypot(flat[i]-flat[i-stride], flat[i+1]-flat[i+1-stride])
		}
		start = end
	}
	return sum
}

// ParseTime reads an xs:dateTime (with or without an offset) or an
// xs:date; empty text is the zero time.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02Z07:00", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date-time", s)
}

// FormatTime writes t as Lantmäteriet writes a dateTime, with milliseconds
// and its offset; the zero time is empty.
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02T15:04:05.000Z07:00")
}

// PointQuery returns the koordinater and punktSrid of a point search
// (INFERRED names, from a client): "N,E", northing first, in SWEREF 99 TM
// or the local zone p is in; a point in another registered CRS is
// transformed to SWEREF 99 TM.
func PointQuery(op string, p *geom.Point) (url.Values, error) {
	v := check.New(op)
	switch {
	case p == nil:
		v.Add("point", bal.RuleRequired, "a point is required")
	case p.Empty():
		v.Add("point", bal.RuleGeometry, "the point is empty")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	srid := p.SRID()
	x, y := p.X(), p.Y()
	if srid < geometry.SWEREF99TM || srid > geometry.SWEREF99_2315 {
		var err error
		if x, y, err = geometry.TransformXY(srid, geometry.SWEREF99TM, x, y); err != nil {
			v.Addf("point", bal.RuleGeometry, "srid %d: %v", srid, err)
			return nil, v.Err()
		}
		srid = geometry.SWEREF99TM
	}
	if err := geometry.Validate(geom.NewPointFlat(geom.XY, []float64{x, y}).SetSRID(srid), nil); err != nil {
		v.Merge("point", bal.RuleGeometry, err)
		return nil, v.Err()
	}
	return url.Values{
		"koordinater": {strconv.FormatFloat(y, 'f', -1, 64) + "," + strconv.FormatFloat(x, 'f', -1, 64)},
		"punktSrid":   {strconv.Itoa(srid)},
	}, nil
}
