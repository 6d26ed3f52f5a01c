package baltest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/geojson"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/ngp1"
)

// ngpCatalog is one OGC API Features service: a Sökning dataset or a
// product. Features are stored in SWEREF 99 TM (X = easting), the CRS of
// Sökning's reference objects.
type ngpCatalog struct {
	collections []string
	features    map[string][]*ngpFeature // collection → features in order
	index       map[string]int           // collection/id → position
}

type ngpFeature struct {
	id     string
	g      geom.T // SWEREF 99 TM
	env    *geom.Bounds
	props  map[string]any
	assets map[string]ngp1.Asset
}

// NGPFeature is a feature to put into one of the fake's OGC API Features
// catalogues.
type NGPFeature struct {
	// ID is the feature's id.
	ID string
	// Geometry is in a CRS package geometry knows, X = easting; it is
	// stored in SWEREF 99 TM.
	Geometry geom.T
	// Properties are the feature's properties.
	Properties map[string]any
}

// AddNGPFeatures puts features into collection of a catalogue: a Sökning
// dataset ("byggnad/v1", served under .../sokning/v1/byggnad/v1) or a
// product ("ogc:fastighetsindelning", served under
// /ogc-features/v1/fastighetsindelning). A feature with an id the
// collection has replaces it.
func (s *Server) AddNGPFeatures(catalog, collection string, fs ...NGPFeature) error {
	n := s.ngp
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, f := range fs {
		g, err := geometry.Transform(f.Geometry, geometry.SWEREF99TM)
		if err != nil {
			return fmt.Errorf("baltest: feature %s: %w", f.ID, err)
		}
		n.catalog(catalog).put(collection, &ngpFeature{id: f.ID, g: g, env: g.Bounds(), props: f.Properties})
	}
	return nil
}

func (n *ngpState) catalog(name string) *ngpCatalog {
	c := n.catalogs[name]
	if c == nil {
		c = &ngpCatalog{features: map[string][]*ngpFeature{}, index: map[string]int{}}
		n.catalogs[name] = c
	}
	return c
}

func (c *ngpCatalog) put(collection string, f *ngpFeature) {
	if !slices.Contains(c.collections, collection) {
		c.collections = append(c.collections, collection)
	}
	key := collection + "/" + f.id
	if i, ok := c.index[key]; ok {
		c.features[collection][i] = f
		return
	}
	c.index[key] = len(c.features[collection])
	c.features[collection] = append(c.features[collection], f)
}

func (c *ngpCatalog) remove(collection, id string) {
	key := collection + "/" + id
	i, ok := c.index[key]
	if !ok {
		return
	}
	fs := c.features[collection]
	c.features[collection] = append(fs[:i:i], fs[i+1:]...)
	delete(c.index, key)
	for j := i; j < len(c.features[collection]); j++ {
		c.index[collection+"/"+c.features[collection][j].id] = j
	}
}

// ngpFile is a file Nedladdning serves.
type ngpFile struct {
	media string
	body  []byte
	at    time.Time
}

// ngpPublish makes a published change visible: a Byggnad object becomes a
// reference object in catalogue byggnad/v1, collection = the provider, and
// its domain object a file in Nedladdning; a radering removes both. The
// caller holds the lock.
func (s *Server) ngpPublish(rec *ngpReception, c *ngpChange) {
	n := s.ngp
	if rec.infotyp != "byggnad" {
		return
	}
	cat := n.catalog("byggnad/v1")
	if c.typ == ngp1.Radering {
		cat.remove(rec.provider, c.id)
		delete(n.files, c.id)
		return
	}
	if c.body == nil {
		return // an eftersändning: the producer serves the object
	}
	n.files[c.id] = &ngpFile{media: c.media, body: c.body, at: c.at}
	var doc struct {
		Objektversion int    `json:"objektversion"`
		Kommunkod     string `json:"kommunkod"`
		Status        string `json:"byggnadsstatus"`
		Andamal       []struct {
			Andamal string `json:"andamal"`
		} `json:"andamal"`
		Geometri []struct {
			Geometri geometry.Shape `json:"geometri"`
		} `json:"geometri"`
	}
	if json.Unmarshal(c.body, &doc) != nil || len(doc.Geometri) == 0 || doc.Geometri[0].Geometri.Position == nil {
		return
	}
	g, err := geometry.Transform(doc.Geometri[0].Geometri.Position, geometry.SWEREF99TM)
	if err != nil {
		return
	}
	props := map[string]any{"objektidentitet": c.id, "objektversion": doc.Objektversion, "kommunkod": doc.Kommunkod,
		"byggnadsstatus": doc.Status, "publicerad": s.ngpTime(c.at)}
	if len(doc.Andamal) > 0 {
		props["andamal"] = doc.Andamal[0].Andamal
	}
	size := int64(len(c.body))
	cat.put(rec.provider, &ngpFeature{id: c.id, g: g, env: g.Bounds(), props: props, assets: map[string]ngp1.Asset{
		"data": {Href: s.URL() + ngpDownloadBase + "/asset/" + c.id, Type: c.media, Title: "Domänobjekt", Roles: []string{"data"}, Length: &size},
	}})
}

func (s *Server) routeNGPFeatures(mux *http.ServeMux) {
	for _, base := range []string{ngpSearchBase + "/{dataset}/{version}", ngpFeaturesBase + "/{product}"} {
		mux.HandleFunc("GET "+base+"/collections", s.ngpCollections)
		mux.HandleFunc("GET "+base+"/collections/{cid}/items", s.ngpItems)
		mux.HandleFunc("POST "+base+"/search", s.ngpSearch)
	}
	mux.HandleFunc("GET "+ngpDownloadBase+"/asset/{id}", s.ngpAsset)
	mux.HandleFunc("GET "+ngpDownloadBase+"/fil/{id}", s.ngpFileContent)
}

// ngpCatalogOf names the catalogue a request addresses.
func ngpCatalogOf(r *http.Request) string {
	if p := r.PathValue("product"); p != "" {
		return "ogc:" + p
	}
	return r.PathValue("dataset") + "/" + r.PathValue("version")
}

// ngpFind returns the catalogue, or answers 404 (an unpublished dataset).
func (s *Server) ngpFind(w http.ResponseWriter, r *http.Request) *ngpCatalog {
	c := s.ngp.catalogs[ngpCatalogOf(r)]
	if c == nil {
		writeNGPFault(w, http.StatusNotFound, "Resursen finns inte", "Datamängden "+ngpCatalogOf(r)+" är inte publicerad")
	}
	return c
}

func (s *Server) ngpAdvanceAll() {
	for _, rec := range s.ngp.receptions {
		s.ngpAdvance(rec)
	}
}

func (s *Server) ngpCollections(w http.ResponseWriter, r *http.Request) {
	s.ngp.mu.Lock()
	defer s.ngp.mu.Unlock()
	s.ngpAdvanceAll()
	c := s.ngpFind(w, r)
	if c == nil {
		return
	}
	out := ngp1.Collections{Collections: []ngp1.Collection{}}
	for _, id := range c.collections {
		out.Collections = append(out.Collections, ngp1.Collection{ID: id, Title: id,
			CRS:        []string{"http://www.opengis.net/def/crs/OGC/1.3/CRS84", crsURIOf(3006), crsURIOf(3007), crsURIOf(3008), crsURIOf(3009), crsURIOf(3010), crsURIOf(3011), crsURIOf(3012), crsURIOf(3013), crsURIOf(3014), crsURIOf(3015), crsURIOf(3016), crsURIOf(3017), crsURIOf(3018)},
			StorageCRS: crsURIOf(3006)})
	}
	writeNGPJSON(w, http.StatusOK, out)
}

func crsURIOf(code int) string { return geometry.FormatSRSName(code, geometry.HTTPURI) }

// ngpQuery is what a request selects.
type ngpQuery struct {
	collections []string
	ids         []string
	bbox        *geom.Bounds // in SWEREF 99 TM
	crs         int          // 0 = CRS84
	limit       int
	offset      int
	filter      json.RawMessage
}

// ngpParseCRS reads a crs or bbox-crs value; "" gives def.
func ngpParseCRS(v string, def int) (int, error) {
	switch l := strings.ToLower(strings.TrimSpace(v)); {
	case l == "":
		return def, nil
	case strings.Contains(l, "crs84"):
		return 0, nil
	}
	c, err := geometry.ParseSRSName(v)
	if err != nil {
		return 0, err
	}
	return c.Code, nil
}

// ngpNorthingFirst: EPSG axis order for the CRSs the fake answers in.
func ngpNorthingFirst(code int) bool { return code != 0 }

func (q *ngpQuery) setBBox(vals []float64, crs int) error {
	if len(vals) != 4 {
		return fmt.Errorf("bbox needs 4 numbers")
	}
	x1, y1, x2, y2 := vals[0], vals[1], vals[2], vals[3]
	if ngpNorthingFirst(crs) {
		x1, y1, x2, y2 = y1, x1, y2, x2
	}
	from := crs
	if from == 0 {
		// CRS84: longitude, latitude (package geometry keeps X = longitude).
		from = geometry.SWEREF99Geographic
	}
	b := geom.NewBounds(geom.XY)
	for _, p := range [][2]float64{{x1, y1}, {x1, y2}, {x2, y1}, {x2, y2}} {
		x, y, err := geometry.TransformXY(from, geometry.SWEREF99TM, p[0], p[1])
		if err != nil {
			return err
		}
		b.Extend(geom.NewPointFlat(geom.XY, []float64{x, y}))
	}
	q.bbox = b
	return nil
}

func (s *Server) ngpItems(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q := &ngpQuery{collections: []string{r.PathValue("cid")}, limit: 10}
	var err error
	if q.crs, err = ngpParseCRS(v.Get("crs"), 3006); err != nil {
		writeNGPFault(w, http.StatusBadRequest, "crs: "+err.Error())
		return
	}
	if b := v.Get("bbox"); b != "" {
		var vals []float64
		for _, p := range strings.Split(b, ",") {
			f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil {
				writeNGPFault(w, http.StatusBadRequest, "bbox: "+err.Error())
				return
			}
			vals = append(vals, f)
		}
		bc, err := ngpParseCRS(v.Get("bbox-crs"), 0)
		if err == nil {
			err = q.setBBox(vals, bc)
		}
		if err != nil {
			writeNGPFault(w, http.StatusBadRequest, "bbox: "+err.Error())
			return
		}
	}
	if l := v.Get("limit"); l != "" {
		if q.limit, err = strconv.Atoi(l); err != nil || q.limit < 1 || q.limit > 10_000 {
			writeNGPFault(w, http.StatusBadRequest, "limit: 1–10000")
			return
		}
	}
	if o := v.Get("offset"); o != "" {
		if q.offset, err = strconv.Atoi(o); err != nil || q.offset < 0 {
			writeNGPFault(w, http.StatusBadRequest, "offset")
			return
		}
	}
	if ids := v.Get("ids"); ids != "" {
		q.ids = strings.Split(ids, ",")
	}
	if f := v.Get("filter"); f != "" {
		if lang := v.Get("filter-lang"); lang != "" && lang != "cql2-json" {
			writeNGPFault(w, http.StatusBadRequest, "filter-lang: endast cql2-json")
			return
		}
		q.filter = json.RawMessage(f)
	}
	next := func(offset int) ngp1.Link {
		nv := url.Values{}
		for k, vs := range v {
			nv[k] = vs
		}
		nv.Set("offset", strconv.Itoa(offset))
		return ngp1.Link{Rel: "next", Type: "application/geo+json", Href: s.URL() + r.URL.Path + "?" + nv.Encode()}
	}
	s.ngpAnswer(w, r, q, next)
}

func (s *Server) ngpSearch(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ngp1.Search
		Token string `json:"token"`
	}
	if !ngpDecode(w, r, &body) {
		return
	}
	q := &ngpQuery{collections: body.Collections, ids: body.IDs, limit: 10, filter: body.Filter}
	var err error
	if q.crs, err = ngpParseCRS(body.CRS, 3006); err != nil {
		writeNGPFault(w, http.StatusBadRequest, "crs: "+err.Error())
		return
	}
	if len(body.BBox) > 0 {
		bc, err := ngpParseCRS(body.BBoxCRS, 0)
		if err == nil {
			err = q.setBBox(body.BBox, bc)
		}
		if err != nil {
			writeNGPFault(w, http.StatusBadRequest, "bbox: "+err.Error())
			return
		}
	}
	if body.Limit != 0 {
		if body.Limit < 1 || body.Limit > 10_000 {
			writeNGPFault(w, http.StatusBadRequest, "limit: 1–10000")
			return
		}
		q.limit = body.Limit
	}
	if body.FilterLang != "" && body.FilterLang != "cql2-json" {
		writeNGPFault(w, http.StatusBadRequest, "filter-lang: endast cql2-json")
		return
	}
	if body.Token != "" {
		if q.offset, err = strconv.Atoi(strings.TrimPrefix(body.Token, "sida-")); err != nil || q.offset < 0 {
			writeNGPFault(w, http.StatusBadRequest, "token")
			return
		}
	}
	// The next page is a POST whose body (only the token) is merged into
	// the request's: a client that sends the token alone loses the query.
	next := func(offset int) ngp1.Link {
		tok, _ := json.Marshal(map[string]string{"token": "sida-" + strconv.Itoa(offset)})
		return ngp1.Link{Rel: "next", Type: "application/geo+json", Href: s.URL() + r.URL.Path, Method: http.MethodPost, Body: tok, Merge: true}
	}
	s.ngpAnswer(w, r, q, next)
}

// ngpAnswer writes a page of the features q selects.
func (s *Server) ngpAnswer(w http.ResponseWriter, r *http.Request, q *ngpQuery, next func(offset int) ngp1.Link) {
	var filter *cql
	if len(q.filter) > 0 {
		var err error
		if filter, err = parseCQL(q.filter); err != nil {
			writeNGPFault(w, http.StatusBadRequest, "filter: "+err.Error())
			return
		}
	}
	s.ngp.mu.Lock()
	s.ngpAdvanceAll()
	c := s.ngpFind(w, r)
	if c == nil {
		s.ngp.mu.Unlock()
		return
	}
	cols := q.collections
	if len(cols) == 0 {
		cols = c.collections
	}
	type hit struct {
		col string
		f   *ngpFeature
	}
	var page []hit
	matched := 0
	for _, col := range cols {
		for _, f := range c.features[col] {
			if len(q.ids) > 0 && !slices.Contains(q.ids, f.id) {
				continue
			}
			if q.bbox != nil && !q.bbox.Overlaps(geom.XY, f.env) {
				continue
			}
			if filter != nil && !filter.eval(f.props) {
				continue
			}
			if matched >= q.offset && len(page) < q.limit {
				page = append(page, hit{col, f})
			}
			matched++
		}
	}
	s.ngp.mu.Unlock()

	out := struct {
		ngp1.FeatureCollection
		Features []json.RawMessage `json:"features"`
	}{}
	out.Type = "FeatureCollection"
	out.Features = make([]json.RawMessage, 0, len(page))
	for _, h := range page {
		b, err := s.ngpFeatureJSON(h.col, h.f, q.crs)
		if err != nil {
			writeNGPFault(w, http.StatusInternalServerError, "Internt fel: "+err.Error())
			return
		}
		out.Features = append(out.Features, b)
	}
	returned := len(page)
	out.NumberMatched, out.NumberReturned = &matched, &returned
	if q.offset+len(page) < matched {
		out.Links = append(out.Links, next(q.offset+len(page)))
	}
	crs := "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
	if q.crs != 0 {
		crs = crsURIOf(q.crs)
	}
	w.Header().Set("Content-Crs", "<"+crs+">")
	w.Header().Set("Content-Type", "application/geo+json")
	b, _ := json.Marshal(out)
	_, _ = w.Write(b)
}

// ngpFeatureJSON writes one feature in crs (0 = CRS84), EPSG CRSs northing
// first as OGC API Features does.
func (s *Server) ngpFeatureJSON(col string, f *ngpFeature, crs int) (json.RawMessage, error) {
	g := f.g
	to := crs
	if to == 0 {
		to = geometry.SWEREF99Geographic
	}
	if to != geometry.SWEREF99TM {
		var err error
		if g, err = geometry.Transform(g, to); err != nil {
			return nil, err
		}
	} else {
		g = cloneGeom(g)
	}
	if ngpNorthingFirst(crs) {
		swapFlat(g)
	}
	gj, err := geojson.Marshal(g)
	if err != nil {
		return nil, err
	}
	props, _ := json.Marshal(f.props)
	ft := ngp1.Feature{Type: "Feature", Collection: col, Geometry: gj, Assets: f.assets}
	ft.ID, _ = json.Marshal(f.id)
	_ = json.Unmarshal(props, &ft.Properties)
	env := g.Bounds()
	ft.BBox = []float64{env.Min(0), env.Min(1), env.Max(0), env.Max(1)}
	return json.Marshal(ft)
}

func cloneGeom(g geom.T) geom.T {
	b, _ := geojson.Marshal(g)
	var out geom.T
	_ = geojson.Unmarshal(b, &out)
	return out
}

func swapFlat(g geom.T) {
	if gc, ok := g.(*geom.GeometryCollection); ok {
		for _, m := range gc.Geoms() {
			swapFlat(m)
		}
		return
	}
	geom.TransformInPlace(g, func(c geom.Coord) { c[0], c[1] = c[1], c[0] })
}

func (s *Server) ngpAsset(w http.ResponseWriter, r *http.Request) {
	s.ngp.mu.Lock()
	s.ngpAdvanceAll()
	_, ok := s.ngp.files[r.PathValue("id")]
	s.ngp.mu.Unlock()
	if !ok {
		writeNGPFault(w, http.StatusNotFound, "Resursen finns inte")
		return
	}
	http.Redirect(w, r, ngpDownloadBase+"/fil/"+r.PathValue("id"), http.StatusSeeOther)
}

func (s *Server) ngpFileContent(w http.ResponseWriter, r *http.Request) {
	s.ngp.mu.Lock()
	f := s.ngp.files[r.PathValue("id")]
	s.ngp.mu.Unlock()
	if f == nil {
		writeNGPFault(w, http.StatusNotFound, "Resursen finns inte")
		return
	}
	w.Header().Set("Content-Type", f.media)
	http.ServeContent(w, r, "", f.at, bytes.NewReader(f.body))
}

// AddNGPFile makes Nedladdning serve body as asset id (e.g. a large file for
// a resumable download test).
func (s *Server) AddNGPFile(id, media string, body []byte) {
	s.ngp.mu.Lock()
	defer s.ngp.mu.Unlock()
	s.ngp.files[id] = &ngpFile{media: media, body: body, at: s.clock.Now()}
}

// cql is a CQL2-JSON expression, of the subset the fake evaluates:
// comparisons (=, <>, <, <=, >, >=) of a property with a literal, in,
// isNull, and, or, not.
type cql struct {
	Op   string            `json:"op"`
	Args []json.RawMessage `json:"args"`
	args []*cql
	prop string
	lit  any
	list []any
}

func parseCQL(b json.RawMessage) (*cql, error) { return parseCQLDepth(b, 0) }

func parseCQLDepth(b json.RawMessage, depth int) (*cql, error) {
	if depth > 32 {
		return nil, fmt.Errorf("too deep")
	}
	var c cql
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, err
	}
	switch c.Op {
	case "and", "or", "not":
		for _, a := range c.Args {
			sub, err := parseCQLDepth(a, depth+1)
			if err != nil {
				return nil, err
			}
			c.args = append(c.args, sub)
		}
		if c.Op == "not" && len(c.args) != 1 || len(c.args) == 0 {
			return nil, fmt.Errorf("%s: wrong number of arguments", c.Op)
		}
	case "=", "<>", "<", "<=", ">", ">=", "in", "isNull":
		if len(c.Args) < 1 {
			return nil, fmt.Errorf("%s: no arguments", c.Op)
		}
		var p struct {
			Property string `json:"property"`
		}
		if json.Unmarshal(c.Args[0], &p) != nil || p.Property == "" {
			return nil, fmt.Errorf("%s: the first argument must be a property", c.Op)
		}
		c.prop = p.Property
		switch {
		case c.Op == "isNull":
		case len(c.Args) != 2:
			return nil, fmt.Errorf("%s: want two arguments", c.Op)
		case c.Op == "in":
			if err := json.Unmarshal(c.Args[1], &c.list); err != nil {
				return nil, fmt.Errorf("in: %w", err)
			}
		default:
			if err := json.Unmarshal(c.Args[1], &c.lit); err != nil {
				return nil, err
			}
		}
	default:
		return nil, fmt.Errorf("operator %q is not supported", c.Op)
	}
	return &c, nil
}

func (c *cql) eval(props map[string]any) bool {
	switch c.Op {
	case "and":
		for _, a := range c.args {
			if !a.eval(props) {
				return false
			}
		}
		return true
	case "or":
		for _, a := range c.args {
			if a.eval(props) {
				return true
			}
		}
		return false
	case "not":
		return !c.args[0].eval(props)
	case "isNull":
		return props[c.prop] == nil
	case "in":
		for _, x := range c.list {
			if compare(props[c.prop], x) == 0 {
				return true
			}
		}
		return false
	}
	cmp := compare(props[c.prop], c.lit)
	if cmp == math.MinInt {
		return c.Op == "<>"
	}
	switch c.Op {
	case "=":
		return cmp == 0
	case "<>":
		return cmp != 0
	case "<":
		return cmp < 0
	case "<=":
		return cmp <= 0
	case ">":
		return cmp > 0
	}
	return cmp >= 0
}

// compare orders a property value and a literal: numbers as numbers,
// anything else as text; math.MinInt when they cannot be compared.
func compare(a, b any) int {
	af, aok := number(a)
	bf, bok := number(b)
	if aok && bok {
		switch {
		case af < bf:
			return -1
		case af > bf:
			return 1
		}
		return 0
	}
	if a == nil || b == nil {
		return math.MinInt
	}
	return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}
