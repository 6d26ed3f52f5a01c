package baltest

import (
	"net/http"
	"slices"
	"strings"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/rules"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// envelopePolygon turns a search box into a polygon in its CRS.
func envelopePolygon(e *update1.Omrade) *geom.Polygon {
	return geom.NewPolygonFlat(geom.XY, []float64{
		e.MinX, e.MinY, e.MaxX, e.MinY, e.MaxX, e.MaxY, e.MinX, e.MaxY, e.MinX, e.MinY,
	}, []int{10}).SetSRID(e.SRID)
}

// handleSearch is POST /{typ}/sok.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	typ, e := objectType(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	var q update1.Sokvillkor
	if e := readDoc(r, &q); e != nil {
		writeFault(w, r, e)
		return
	}
	limit := q.Max
	switch {
	case limit == 0:
		limit = s.opts.defaultPage
	case limit < 0 || limit > update1.MaxTraffar:
		writeFault(w, r, errf(http.StatusBadRequest, rules.Range, "max %d is out of range 1–%d", q.Max, update1.MaxTraffar))
		return
	}
	after, err := parsePageToken(q.Fortsattning)
	if err != nil {
		writeFault(w, r, errf(http.StatusBadRequest, CodeBadRequest, "%v", err))
		return
	}
	since, err := q.ForandradEfter.Time()
	if err != nil {
		writeFault(w, r, errf(http.StatusBadRequest, rules.Format, "forandradEfter: %v", err))
		return
	}
	var area *shape
	var g geom.T
	switch {
	case q.Envelope != nil:
		g = envelopePolygon(q.Envelope)
	case q.Geometri.Geometry != nil:
		g = q.Geometri.Geometry
	}
	if g != nil {
		if typ != update1.TypByggnad && typ != update1.TypAdressplats && typ != update1.TypEntre {
			writeFault(w, r, errf(http.StatusBadRequest, CodeBadRequest, "%s has no geometry to search by", typ))
			return
		}
		if area, err = toShape(g); err != nil {
			writeFault(w, r, errf(http.StatusBadRequest, rules.Geometry, "search geometry: %v", err))
			return
		}
	}
	statuses := map[string]bool{}
	for _, st := range q.Objektstatus {
		statuses[codelist.Key(st)] = true
	}
	name := strings.ToLower(q.Namn)

	s.mu.RLock()
	defer s.mu.RUnlock()
	var hits []*record
	for _, id := range s.st.ids[typ] {
		if id <= after {
			continue
		}
		rec := s.st.records[okey{typ, id}]
		m := rec.current().Meta()
		switch {
		case q.Kommunkod != "" && rec.kommunkod != q.Kommunkod,
			len(statuses) > 0 && !statuses[codelist.Key(m.Objektstatus)],
			q.Registerenhet != "" && !slices.Contains(s.propertiesOfRecord(rec), q.Registerenhet),
			name != "" && !strings.Contains(strings.ToLower(s.label(rec)), name):
			continue
		}
		if !since.IsZero() {
			if t, err := m.VersionGiltigFran.Time(); err != nil || !t.After(since) {
				continue
			}
		}
		if area != nil && !s.touches(rec, area, 0) {
			continue
		}
		hits = append(hits, rec)
	}
	slices.SortFunc(hits, func(a, b *record) int { return strings.Compare(a.id, b.id) })
	res := &update1.Sokresultat{}
	if len(hits) > limit {
		hits = hits[:limit]
		res.Fortsattning = pageToken(hits[len(hits)-1].id)
	}
	for _, rec := range hits {
		res.Traff = append(res.Traff, update1.Traff{
			Objektidentitet: rec.id, Objektversion: rec.version(), Etikett: s.label(rec),
		})
	}
	writeDoc(w, r, http.StatusOK, res)
}

// propertiesOfRecord returns the registerenheter an object lies on; an
// entrance and an apartment lie where their building lies.
func (s *Server) propertiesOfRecord(rec *record) []string {
	switch x := rec.current().(type) {
	case *update1.Entre:
		if b := s.st.records[okey{update1.TypByggnad, x.Byggnad.Objektidentitet}]; b != nil {
			return propertiesOf(b.current())
		}
	case *update1.Lagenhet:
		if e := s.st.records[okey{update1.TypEntre, x.Entre.Objektidentitet}]; e != nil {
			return s.propertiesOfRecord(e)
		}
	}
	return propertiesOf(rec.current())
}

// geometries returns an object's geometries: a building's surfaces, a
// point's position, an entrance's building's surfaces.
func (s *Server) geometries(rec *record) []geom.T {
	switch x := rec.current().(type) {
	case *update1.Byggnad:
		out := make([]geom.T, 0, len(x.Byggnadsdel))
		for _, d := range x.Byggnadsdel {
			if d.Byggnadsyta.Geometry != nil {
				out = append(out, d.Byggnadsyta.Geometry)
			}
		}
		return out
	case *update1.Adressplats:
		if g := x.Adressplatsattribut.Adressplatspunkt.Geometry; g != nil {
			return []geom.T{g}
		}
	case *update1.Entre:
		if b := s.st.records[okey{update1.TypByggnad, x.Byggnad.Objektidentitet}]; b != nil {
			return s.geometries(b)
		}
	}
	return nil
}

// touches reports whether one of rec's geometries lies within buffer
// metres of area.
func (s *Server) touches(rec *record, area *shape, buffer float64) bool {
	for _, g := range s.geometries(rec) {
		if g.SRID() == 3006 || g.SRID() == 5845 {
			if !boxOf(g).intersects(area.box.grow(buffer)) {
				continue
			}
		}
		sh, err := toShape(g)
		if err != nil {
			continue
		}
		if sh.distance(area) <= buffer {
			return true
		}
	}
	return false
}
