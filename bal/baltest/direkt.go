package baltest

import (
	"encoding/json"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/rules"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
)

// The Direkt read services' base paths (lantmateriet-api.md §3).
const (
	ByggnadBase            = "/distribution/produkter/byggnad/v3"
	BelagenhetsadressBase  = "/distribution/produkter/belagenhetsadress/v4.2"
	RegisterbeteckningBase = "/distribution/produkter/registerbeteckning/v5"
)

// MaxBatch is the most identities one POST / of a Direkt service takes.
const MaxBatch = 250

// Limits of the geometry searches (/referens/geometri).
const (
	maxSearchArea      = 1_000_000 // m²
	maxSearchPerimeter = 200_000   // m
)

// routeDirekt adds the Direkt read services. They read the same store as
// the update services, so a write is visible to them at once.
func (s *Server) routeDirekt(mux *http.ServeMux) {
	b := ByggnadBase
	mux.HandleFunc("GET "+b+"/referens/beror/{id}", s.handleBuildingsByProperty)
	mux.HandleFunc("POST "+b+"/referens/geometri", s.handleBuildingsByGeometry)
	mux.HandleFunc("GET "+b+"/{id}", s.handleBuildingGet)
	mux.HandleFunc("POST "+b+"/{$}", s.handleBuildingBatch)

	a := BelagenhetsadressBase
	mux.HandleFunc("GET "+a+"/registerenhet/{id}", s.handleAddressesByProperty)
	mux.HandleFunc("POST "+a+"/registerenhet", s.handleAddressesByProperties)
	mux.HandleFunc("GET "+a+"/punkt", s.handleAddressNearest)
	mux.HandleFunc("GET "+a+"/referens/fritext", s.handleAddressText)
	mux.HandleFunc("POST "+a+"/referens/geometri", s.handleAddressesByGeometry)
	mux.HandleFunc("GET "+a+"/{id}", s.handleAddressGet)
	mux.HandleFunc("POST "+a+"/{$}", s.handleAddressBatch)

	r := RegisterbeteckningBase
	mux.HandleFunc("GET "+r+"/namn", s.handleDesignationByName)
	mux.HandleFunc("POST "+r+"/namn", s.handleDesignationsByName)
	mux.HandleFunc("GET "+r+"/tillhor/{id}", s.handleDesignationOfUnit)
	mux.HandleFunc("GET "+r+"/punkt", s.handleDesignationAt)
	mux.HandleFunc("GET "+r+"/referens/fritext", s.handleDesignationText)
	mux.HandleFunc("GET "+r+"/{id}", s.handleDesignationGet)
	mux.HandleFunc("POST "+r+"/{$}", s.handleDesignationBatch)
}

// readQuery is what every Direkt read of whole objects takes: the
// includeData subsets and the output srid.
type readQuery struct {
	include map[string]bool
	srid    int
}

func (q readQuery) has(subset string) bool { return q.include["total"] || q.include[subset] }

// parseReadQuery checks includeData against the service's subsets and srid
// against 3006–3018.
func parseReadQuery(r *http.Request, subsets ...string) (readQuery, *apiError) {
	q := readQuery{include: map[string]bool{}, srid: geometry.SWEREF99TM}
	if v := r.URL.Query().Get("includeData"); v != "" {
		for _, part := range strings.Split(v, ",") {
			part = strings.ToLower(strings.TrimSpace(part))
			if part != "total" && !slices.Contains(subsets, part) {
				return q, errf(http.StatusBadRequest, rules.CodeList, "includeData %q: want total or %s", part, strings.Join(subsets, ", "))
			}
			q.include[part] = true
		}
		if q.include["total"] && len(q.include) > 1 {
			return q, errf(http.StatusBadRequest, rules.Format, "includeData total cannot be combined with other subsets")
		}
	}
	if v := r.URL.Query().Get("srid"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 3006 || n > 3018 {
			return q, errf(http.StatusBadRequest, rules.Geometry, "srid %q: want 3006 (SWEREF 99 TM) or a SWEREF 99 local zone 3007–3018", v)
		}
		q.srid = n
	}
	return q, nil
}

// reproject returns g in the requested grid; heights are kept.
func (q readQuery) reproject(g geom.T) geom.T {
	if g == nil {
		return nil
	}
	out, err := geometry.Transform(g, q.srid)
	if err != nil {
		return g
	}
	return out
}

// writeDirekt answers doc as XML, or jsonDoc as JSON when JSON was asked
// for.
func writeDirekt(w http.ResponseWriter, r *http.Request, xmlDoc, jsonDoc any) {
	var b []byte
	var err error
	ct := "application/xml"
	if wantsJSON(r) {
		b, err = direkt.MarshalJSON(jsonDoc)
		ct = "application/json"
	} else {
		b, err = direkt.MarshalXML(xmlDoc)
	}
	if err != nil {
		writeFault(w, r, errf(http.StatusInternalServerError, "BAL-0500", "encode answer: %v", err))
		return
	}
	w.Header().Set("Content-Type", ct+"; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b)
}

// writeJSON answers a reference list, which the services give in JSON.
func writeJSON(w http.ResponseWriter, v any) {
	b, _ := direkt.MarshalJSON(v)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b)
}

// readIDs reads a POST body holding a JSON list of strings, at most
// MaxBatch of them.
func readIDs(r *http.Request) ([]string, *apiError) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return nil, errf(http.StatusBadRequest, CodeBadRequest, "read body: %v", err)
	}
	var ids []string
	if err := json.Unmarshal(body, &ids); err != nil {
		return nil, errf(http.StatusBadRequest, CodeBadRequest, "the body must be a JSON list of strings: %v", err)
	}
	if len(ids) > MaxBatch {
		return nil, errf(http.StatusBadRequest, rules.Range, "at most %d per request, got %d", MaxBatch, len(ids))
	}
	return ids, nil
}

// geometryQuery reads the body of POST /referens/geometri and checks the
// service's limits.
func geometryQuery(r *http.Request) (*shape, float64, *apiError) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	if err != nil {
		return nil, 0, errf(http.StatusBadRequest, CodeBadRequest, "read body: %v", err)
	}
	var req struct {
		Geometri direkt.Geometry `json:"geometri"`
		Buffer   float64         `json:"buffer"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, 0, errf(http.StatusBadRequest, CodeBadRequest, "the body must be {\"geometri\": GeoJSON, \"buffer\": metres}: %v", err)
	}
	g := req.Geometri.Geometry
	if g == nil {
		return nil, 0, errf(http.StatusBadRequest, rules.Required, "geometri is required")
	}
	g = direkt.SetSRID(g, geometry.SWEREF99TM)
	if req.Buffer < 0 || math.IsNaN(req.Buffer) || req.Buffer > maxSearchPerimeter {
		return nil, 0, errf(http.StatusBadRequest, rules.Range, "buffer %v must be 0–%d metres", req.Buffer, maxSearchPerimeter)
	}
	if err := geometry.Validate(g, nil); err != nil {
		return nil, 0, errf(http.StatusBadRequest, rules.Geometry, "geometri: %v", err)
	}
	sh, err := toShape(g)
	if err != nil {
		return nil, 0, errf(http.StatusBadRequest, rules.Geometry, "geometri: %v", err)
	}
	if sh.area {
		tm, _ := geometry.Transform(g, geometry.SWEREF99TM)
		if a, err := geometry.Area(tm); err == nil && a > maxSearchArea {
			return nil, 0, errf(http.StatusBadRequest, rules.Range, "the polygon's area %.0f m² is over %d m²", a, maxSearchArea)
		}
	}
	var perimeter float64
	for _, ring := range sh.rings {
		for i := 1; i < len(ring); i++ {
			perimeter += math.Hypot(ring[i][0]-ring[i-1][0], ring[i][1]-ring[i-1][1])
		}
	}
	if perimeter > maxSearchPerimeter {
		return nil, 0, errf(http.StatusBadRequest, rules.Range, "the geometry's length %.0f m is over %d m", perimeter, maxSearchPerimeter)
	}
	return sh, req.Buffer, nil
}

// pointQuery reads koordinater=N,E and punktSrid into a point in SWEREF 99
// TM.
func pointQuery(r *http.Request) ([2]float64, *apiError) {
	q := r.URL.Query()
	n, e, ok := strings.Cut(q.Get("koordinater"), ",")
	north, err1 := strconv.ParseFloat(strings.TrimSpace(n), 64)
	east, err2 := strconv.ParseFloat(strings.TrimSpace(e), 64)
	if !ok || err1 != nil || err2 != nil {
		return [2]float64{}, errf(http.StatusBadRequest, rules.Format, "koordinater %q: want northing,easting", q.Get("koordinater"))
	}
	srid := geometry.SWEREF99TM
	if v := q.Get("punktSrid"); v != "" {
		var err error
		if srid, err = strconv.Atoi(v); err != nil {
			return [2]float64{}, errf(http.StatusBadRequest, rules.Format, "punktSrid %q is not a number", v)
		}
	}
	x, y, err := geometry.TransformXY(srid, geometry.SWEREF99TM, east, north)
	if err != nil {
		return [2]float64{}, errf(http.StatusBadRequest, rules.Geometry, "punktSrid %d: %v", srid, err)
	}
	return [2]float64{x, y}, nil
}

// maxHits reads maxHits (default 100, at most 1000).
func maxHits(r *http.Request) (int, *apiError) {
	v := r.URL.Query().Get("maxHits")
	if v == "" {
		return 100, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 1000 {
		return 0, errf(http.StatusBadRequest, rules.Range, "maxHits %q is out of range 1–1000", v)
	}
	return n, nil
}

// freeText reads a free-text parameter of at least 3 characters.
func freeText(r *http.Request, name string) (string, *apiError) {
	t := strings.TrimSpace(r.URL.Query().Get(name))
	if len([]rune(t)) < 3 {
		return "", errf(http.StatusBadRequest, rules.Length, "%s needs at least 3 characters", name)
	}
	return strings.ToLower(t), nil
}

// designationID is the identity of a registerenhet's registerbeteckning,
// derived from the registerenhet's so that it is stable.
func designationID(registerenhet string) string {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("registerbeteckning:"+registerenhet)).String()
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func errNotFound(what, id string) *apiError {
	return errf(http.StatusNotFound, CodeNotFound, "%s %s does not exist", what, id).with("objektidentitet=" + id)
}
