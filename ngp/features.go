package ngp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/ngp1"
)

// Features reads an OGC API – Features service: a dataset's catalogue in
// Geodatakatalog Sökning (an OGC API Features / STAC hybrid) or one of
// Lantmäteriet's own products. Geometries come back with X = easting and
// Y = northing whatever the answer's axis order: the answer's CRS is read
// from its Content-Crs header, and EPSG CRSs (SWEREF 99 TM, the local zones,
// geographic SWEREF 99 and WGS 84) are written northing (latitude) first,
// CRS84 longitude first.
type Features struct {
	t    *transport.Transport
	base string
	name string
}

// CRS84 is OGC's WGS 84 longitude/latitude, the default of OGC API Features.
const CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"

// Collection is one collection (in Sökning, about one per municipality).
type Collection struct {
	// ID is the collection's id.
	ID string
	// Title and Description are as the server gives them.
	Title, Description string
	// CRS lists the CRSs the collection can answer in.
	CRS []string
	// StorageCRS is the CRS the collection stores its geometries in.
	StorageCRS string
}

// Query selects features. A nil *Query reads everything in the server's
// default CRS and page size.
type Query struct {
	// Collections restricts a STAC search to these collections (Search
	// only).
	Collections []string
	// IDs restricts the search to these ids.
	IDs []string
	// BBox restricts the features to a box, given with X = easting (or
	// longitude) as everywhere in the SDK; it is sent in its CRS's axis
	// order with bbox-crs.
	BBox *BBox
	// CRS is the EPSG code of the answer's CRS (crs); 0 leaves the server's
	// default.
	CRS int
	// Limit is the page size (limit), at most 10 000; 0 leaves the server's
	// default.
	Limit int
	// Filter is a CQL2-JSON expression (filter, with filter-lang=cql2-json),
	// e.g. map[string]any{"op": "=", "args": []any{map[string]any{"property": "kommunkod"}, "2199"}}.
	Filter any
	// Params are further query parameters for Items, e.g. property queries.
	Params url.Values
}

// BBox is a bounding box.
type BBox struct {
	// MinX, MinY, MaxX, MaxY are easting/northing (or longitude/latitude).
	MinX, MinY, MaxX, MaxY float64
	// SRID is the box's EPSG code; 0 means CRS84.
	SRID int
}

// Feature is one feature or STAC item.
type Feature struct {
	// ID is the feature's id.
	ID string
	// Collection is the collection a STAC item belongs to.
	Collection string
	// Geometry has X = easting (longitude) and Y = northing (latitude), its
	// SRID the answer's CRS (4326 for CRS84); nil for a feature without.
	Geometry geom.T
	// Properties are the feature's properties, undecoded.
	Properties map[string]json.RawMessage
	// Links are the feature's links.
	Links []Link
	// Assets are a STAC item's files, e.g. the domain object in Nedladdning.
	Assets map[string]Asset
}

// Link is a link of a feature.
type Link struct {
	// Href, Rel, Type and Title are the link's.
	Href, Rel, Type, Title string
}

// Asset is a STAC asset.
type Asset struct {
	// Href is the file's address, e.g. in Nedladdning.
	Href string
	// Type is the file's media type, e.g. application/vnd.lm.byggnad.v1+json.
	Type string
	// Title is the asset's title.
	Title string
	// Roles are the asset's roles.
	Roles []string
	// Length is the file's size in bytes, or -1 when not given.
	Length int64
}

// Collections reads GET /collections.
func (f *Features) Collections(ctx context.Context) ([]Collection, error) {
	var w ngp1.Collections
	if _, err := f.t.Do(ctx, &transport.Op{Name: f.name + ".Collections", Method: http.MethodGet, Base: f.base,
		Path: "/collections", Accept: bal.FormatJSON, Out: &w}); err != nil {
		return nil, err
	}
	out := make([]Collection, 0, len(w.Collections))
	for _, c := range w.Collections {
		out = append(out, Collection{ID: c.ID, Title: c.Title, Description: c.Description, CRS: c.CRS, StorageCRS: c.StorageCRS})
	}
	return out, nil
}

// Items reads a collection's features (GET /collections/{id}/items),
// following links[rel=next] page by page as the sequence is consumed. It
// stops at the first error.
func (f *Features) Items(ctx context.Context, collection string, q *Query) iter.Seq2[*Feature, error] {
	op := f.name + ".Items"
	return func(yield func(*Feature, error) bool) {
		if q == nil {
			q = &Query{}
		}
		v, err := q.values(op)
		if err != nil {
			yield(nil, err)
			return
		}
		req, err := f.t.NewRequest(ctx, &transport.Op{Name: op, Method: http.MethodGet, Base: f.base,
			Path: transport.Path("collections", collection, "items"), Query: v, Accept: bal.FormatJSON})
		if err != nil {
			yield(nil, err)
			return
		}
		f.pages(ctx, op, req, nil, q.CRS, yield)
	}
}

// Search runs a STAC search (POST /search) and follows links[rel=next],
// which may ask for a POST with a body, merged into the previous body when
// the link says merge. It stops at the first error.
func (f *Features) Search(ctx context.Context, q *Query) iter.Seq2[*Feature, error] {
	op := f.name + ".Search"
	return func(yield func(*Feature, error) bool) {
		if q == nil {
			q = &Query{}
		}
		body, err := q.search(op)
		if err != nil {
			yield(nil, err)
			return
		}
		b, err := json.Marshal(body)
		if err != nil {
			yield(nil, fmt.Errorf("bal: %s: %w", op, err))
			return
		}
		req, err := f.searchRequest(ctx, op, "", b)
		if err != nil {
			yield(nil, err)
			return
		}
		f.pages(ctx, op, req, b, q.CRS, yield)
	}
}

func (f *Features) searchRequest(ctx context.Context, op, href string, body []byte) (*http.Request, error) {
	req, err := f.t.NewRequest(ctx, &transport.Op{Name: op, Method: http.MethodPost, Base: f.base, Path: "/search",
		Body: body, BodyFormat: bal.FormatJSON, Accept: bal.FormatJSON, SafeToRetry: true})
	if err != nil {
		return nil, err
	}
	if href != "" {
		u, err := resolve(f.t, op, href)
		if err != nil {
			return nil, err
		}
		req.URL, req.Host = u, u.Host
	}
	return req, nil
}

// maxPages bounds how many pages one sequence follows, against a server
// whose next links never end.
const maxPages = 100_000

// pages runs req and the requests its next links ask for.
func (f *Features) pages(ctx context.Context, op string, req *http.Request, body []byte, wantCRS int, yield func(*Feature, error) bool) {
	seen := map[string]bool{}
	for page := 0; ; page++ {
		key := req.Method + " " + req.URL.String() + " " + string(body)
		if seen[key] || page >= maxPages {
			yield(nil, transport.Invalid(op, nil, fmt.Errorf("next link repeats a request or pages never end (page %d)", page)))
			return
		}
		seen[key] = true
		var w ngp1.FeatureCollection
		res, err := f.t.Client().Do(req, &w)
		if err != nil {
			yield(nil, err)
			return
		}
		crs, swap, err := answerCRS(res.Header.Get("Content-Crs"), wantCRS)
		if err != nil {
			yield(nil, transport.Invalid(op, res, err))
			return
		}
		for i := range w.Features {
			ft, err := featureOf(&w.Features[i], crs, swap)
			if err != nil {
				yield(nil, transport.Invalid(op, res, err))
				return
			}
			if !yield(ft, nil) {
				return
			}
		}
		var next *ngp1.Link
		for i := range w.Links {
			if w.Links[i].Rel == "next" {
				next = &w.Links[i]
				break
			}
		}
		if next == nil || len(w.Features) == 0 {
			return
		}
		if strings.EqualFold(next.Method, http.MethodPost) {
			nb := body
			switch {
			case len(next.Body) > 0 && next.Merge:
				if nb, err = mergeJSON(body, next.Body); err != nil {
					yield(nil, transport.Invalid(op, res, err))
					return
				}
			case len(next.Body) > 0:
				nb = next.Body
			}
			body = nb
			req, err = f.searchRequest(ctx, op, next.Href, body)
		} else {
			body = nil
			var u *url.URL
			if u, err = resolve(f.t, op, next.Href); err == nil {
				req, err = f.t.NewRequest(ctx, &transport.Op{Name: op, Method: http.MethodGet, Accept: bal.FormatJSON})
				if err == nil {
					req.URL, req.Host = u, u.Host
				}
			}
		}
		if err != nil {
			yield(nil, err)
			return
		}
	}
}

// mergeJSON merges the members of patch into the object base (STAC's
// "merge": true).
func mergeJSON(base, patch []byte) ([]byte, error) {
	m := map[string]json.RawMessage{}
	if len(bytes.TrimSpace(base)) > 0 {
		if err := json.Unmarshal(base, &m); err != nil {
			return nil, fmt.Errorf("merge next body: %w", err)
		}
	}
	var p map[string]json.RawMessage
	if err := json.Unmarshal(patch, &p); err != nil {
		return nil, fmt.Errorf("next link body: %w", err)
	}
	for k, v := range p {
		m[k] = v
	}
	return json.Marshal(m)
}

// crsURI names an EPSG CRS the way OGC API Features does.
func crsURI(code int) string {
	if code == 0 {
		return CRS84
	}
	return geometry.FormatSRSName(code, geometry.HTTPURI)
}

// northingFirst reports whether coordinates in code come northing
// (latitude) first: EPSG's axis order for every CRS the SDK knows.
func northingFirst(code int) bool {
	if code == 4326 {
		return true
	}
	c, err := geometry.Lookup(code)
	return err == nil && (c.Kind == geometry.Projected || c.Kind == geometry.Geographic || c.Kind == geometry.Compound)
}

// answerCRS reads the Content-Crs header ("<uri>"): the answer's EPSG code
// (4326 for CRS84) and whether its coordinates come northing first. Without
// the header the CRS asked for is assumed, or CRS84.
func answerCRS(header string, asked int) (int, bool, error) {
	h := strings.Trim(strings.TrimSpace(header), "<>")
	switch {
	case h == "" && asked == 0:
		return 4326, false, nil
	case h == "":
		return asked, northingFirst(asked), nil
	case strings.Contains(strings.ToLower(h), "crs84"):
		return 4326, false, nil
	}
	c, err := geometry.ParseSRSName(h)
	if err != nil {
		return 0, false, fmt.Errorf("Content-Crs %q: %w", header, err)
	}
	return c.Code, northingFirst(c.Code), nil
}

func (q *Query) check(op string) error {
	v := check.New(op)
	if q.Limit < 0 || q.Limit > 10_000 {
		v.Addf("Limit", bal.RuleRange, "limit %d: want 1–10000", q.Limit)
	}
	if b := q.BBox; b != nil && (b.MinX > b.MaxX || b.MinY > b.MaxY) {
		v.Add("BBox", bal.RuleRange, "the box's minimum exceeds its maximum")
	}
	return v.Err()
}

// bboxAxes returns the box in its CRS's axis order.
func (b *BBox) axes() []float64 {
	if b.SRID != 0 && northingFirst(b.SRID) {
		return []float64{b.MinY, b.MinX, b.MaxY, b.MaxX}
	}
	return []float64{b.MinX, b.MinY, b.MaxX, b.MaxY}
}

func (q *Query) values(op string) (url.Values, error) {
	if err := q.check(op); err != nil {
		return nil, err
	}
	v := url.Values{}
	for k, vs := range q.Params {
		v[k] = append([]string(nil), vs...)
	}
	if q.BBox != nil {
		var parts []string
		for _, x := range q.BBox.axes() {
			parts = append(parts, strconv.FormatFloat(x, 'f', -1, 64))
		}
		v.Set("bbox", strings.Join(parts, ","))
		v.Set("bbox-crs", crsURI(q.BBox.SRID))
	}
	if q.CRS != 0 {
		v.Set("crs", crsURI(q.CRS))
	}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if len(q.IDs) > 0 {
		v.Set("ids", strings.Join(q.IDs, ","))
	}
	if q.Filter != nil {
		b, err := json.Marshal(q.Filter)
		if err != nil {
			return nil, fmt.Errorf("bal: %s: filter: %w", op, err)
		}
		v.Set("filter", string(b))
		v.Set("filter-lang", "cql2-json")
	}
	return v, nil
}

func (q *Query) search(op string) (*ngp1.Search, error) {
	if err := q.check(op); err != nil {
		return nil, err
	}
	s := &ngp1.Search{Collections: q.Collections, IDs: q.IDs, Limit: q.Limit}
	if q.BBox != nil {
		s.BBox, s.BBoxCRS = q.BBox.axes(), crsURI(q.BBox.SRID)
	}
	if q.CRS != 0 {
		s.CRS = crsURI(q.CRS)
	}
	if q.Filter != nil {
		b, err := json.Marshal(q.Filter)
		if err != nil {
			return nil, fmt.Errorf("bal: %s: filter: %w", op, err)
		}
		s.Filter, s.FilterLang = b, "cql2-json"
	}
	return s, nil
}

func featureOf(w *ngp1.Feature, crs int, swap bool) (*Feature, error) {
	f := &Feature{Collection: w.Collection, Properties: w.Properties}
	if len(w.ID) > 0 {
		var s string
		if json.Unmarshal(w.ID, &s) != nil {
			s = string(w.ID) // a numeric id
		}
		f.ID = s
	}
	if g := bytes.TrimSpace(w.Geometry); len(g) > 0 && !bytes.Equal(g, []byte("null")) {
		geo, err := geometry.UnmarshalGeoJSON(g)
		if err != nil {
			return nil, fmt.Errorf("feature %s: %w", f.ID, err)
		}
		if swap {
			swapAxes(geo)
		}
		if geo, err = geom.SetSRID(geo, crs); err != nil {
			return nil, fmt.Errorf("feature %s: %w", f.ID, err)
		}
		if err := plausible(geo, crs); err != nil {
			return nil, fmt.Errorf("feature %s: %w", f.ID, err)
		}
		f.Geometry = geo
	}
	for _, l := range w.Links {
		f.Links = append(f.Links, Link{Href: l.Href, Rel: l.Rel, Type: l.Type, Title: l.Title})
	}
	if len(w.Assets) > 0 {
		f.Assets = make(map[string]Asset, len(w.Assets))
		for k, a := range w.Assets {
			n := int64(-1)
			if a.Length != nil {
				n = *a.Length
			}
			f.Assets[k] = Asset{Href: a.Href, Type: a.Type, Title: a.Title, Roles: a.Roles, Length: n}
		}
	}
	return f, nil
}

// swapAxes exchanges the first two ordinates of every coordinate in place.
func swapAxes(g geom.T) {
	if gc, ok := g.(*geom.GeometryCollection); ok {
		for _, m := range gc.Geoms() {
			swapAxes(m)
		}
		return
	}
	geom.TransformInPlace(g, func(c geom.Coord) { c[0], c[1] = c[1], c[0] })
}

// plausible catches an answer whose axis order disagrees with its CRS: in
// SWEREF 99 a northing is above 6 000 000 and an easting below 1 100 000.
func plausible(g geom.T, crs int) error {
	c, err := geometry.Lookup(crs)
	if err != nil || c.Kind == geometry.Geographic {
		return nil
	}
	var bad bool
	var check func(geom.T)
	check = func(g geom.T) {
		if gc, ok := g.(*geom.GeometryCollection); ok {
			for _, m := range gc.Geoms() {
				check(m)
			}
			return
		}
		flat, stride := g.FlatCoords(), g.Stride()
		for i := 0; i+1 < len(flat); i += stride {
			if flat[i] > 1_100_000 || flat[i+1] < 6_000_000 {
				bad = true
				return
			}
		}
	}
	check(g)
	if bad {
		return fmt.Errorf("coordinates in EPSG:%d do not fit its axis order: %w", crs, geometry.ErrSwappedAxes)
	}
	return nil
}
