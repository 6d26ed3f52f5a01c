package baltest

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/rules"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	rb "github.com/tjanstebaserad/bal-go/internal/wire/direkt/registerbeteckning5"
)

// toBeteckning maps a registerenhet to Registerbeteckning Direkt v5: the
// unit's reference with its area's central point, and its designation.
func toBeteckning(p *registerenhet, srid int) rb.Beteckning {
	ref := &rb.Enhetsreferens{Objektidentitet: p.Objektidentitet, Objektstatus: "levande", Typ: p.Typ}
	if p.Omrade != nil {
		if c, err := geometry.Centroid(p.Omrade); err == nil {
			pt := geom.T(geom.NewPointFlat(geom.XY, []float64{round3(c.X()), round3(c.Y())}).SetSRID(geometry.SWEREF99TM))
			if srid != geometry.SWEREF99TM {
				if t, err := geometry.Transform(pt, srid); err == nil {
					pt = t
				}
			}
			ref.Registerenhetsomrade = []rb.Registerenhetsomrade{{Omradesnummer: 1, Centralpunktskoordinat: direkt.NewGeometry(pt)}}
		}
	}
	registeromrade := strings.TrimSuffix(p.Beteckning, " "+p.Trakt+" "+strconv.Itoa(p.Block)+":"+strconv.Itoa(p.Enhet))
	return rb.Beteckning{
		Registerenhetsreferens: ref,
		Registerbeteckning: []rb.Registerbeteckning{{
			Objektidentitet: designationID(p.Objektidentitet), Registeromrade: registeromrade, Trakt: p.Trakt,
			Block: strconv.Itoa(p.Block), Enhet: p.Enhet, Beteckningsstatus: "gällande",
		}},
	}
}

func round3(v float64) float64 { return float64(int64(v*1000+0.5)) / 1000 }

// answerDesignations writes the registerenheter in the format asked for.
func (s *Server) answerDesignations(w http.ResponseWriter, r *http.Request, ps []*registerenhet) {
	q, e := parseReadQuery(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	bs := make([]rb.Beteckning, 0, len(ps))
	for _, p := range ps {
		bs = append(bs, toBeteckning(p, q.srid))
	}
	writeDirekt(w, r, rb.NewResponse(bs), rb.NewFeatureCollection(bs))
}

// propertyByDesignationID finds a registerenhet by its designation's id.
func (s *Server) propertyByDesignationID(id string) *registerenhet {
	for _, pid := range s.st.propertyIDs {
		if designationID(pid) == id {
			return s.st.properties[pid]
		}
	}
	return nil
}

func (s *Server) handleDesignationGet(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.RLock()
	p := s.propertyByDesignationID(id)
	s.mu.RUnlock()
	if p == nil {
		writeFault(w, r, errNotFound("registerbeteckning", id))
		return
	}
	s.answerDesignations(w, r, []*registerenhet{p})
}

func (s *Server) handleDesignationBatch(w http.ResponseWriter, r *http.Request) {
	ids, e := readIDs(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	s.mu.RLock()
	var ps []*registerenhet
	for _, id := range ids {
		if p := s.propertyByDesignationID(id); p != nil {
			ps = append(ps, p)
		}
	}
	s.mu.RUnlock()
	s.answerDesignations(w, r, ps)
}

// handleDesignationOfUnit is GET /tillhor/{id}: the designation of a
// registerenhet.
func (s *Server) handleDesignationOfUnit(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.RLock()
	p := s.st.properties[id]
	s.mu.RUnlock()
	if p == nil {
		writeFault(w, r, errNotFound("registerenhet", id))
		return
	}
	s.answerDesignations(w, r, []*registerenhet{p})
}

func (s *Server) byNames(names []string) []*registerenhet {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var ps []*registerenhet
	for _, n := range names {
		if id, ok := s.st.byDesignation[strings.ToLower(strings.Join(strings.Fields(n), " "))]; ok {
			ps = append(ps, s.st.properties[id])
		}
	}
	return ps
}

// handleDesignationByName is GET /namn?namn=: a designation to its
// registerenhet.
func (s *Server) handleDesignationByName(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("namn")
	if strings.TrimSpace(name) == "" {
		writeFault(w, r, errf(http.StatusBadRequest, rules.Required, "namn is required, e.g. \"Exempelby Backa 1:23\""))
		return
	}
	s.answerDesignations(w, r, s.byNames([]string{name}))
}

// handleDesignationsByName is POST /namn with a JSON list of designations.
func (s *Server) handleDesignationsByName(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	var names []string
	if err := json.Unmarshal(body, &names); err != nil {
		writeFault(w, r, errf(http.StatusBadRequest, CodeBadRequest, "the body must be a JSON list of designations: %v", err))
		return
	}
	if len(names) > MaxBatch {
		writeFault(w, r, errf(http.StatusBadRequest, rules.Range, "at most %d per request, got %d", MaxBatch, len(names)))
		return
	}
	s.answerDesignations(w, r, s.byNames(names))
}

// handleDesignationAt is GET /punkt: the registerenhet at a coordinate.
func (s *Server) handleDesignationAt(w http.ResponseWriter, r *http.Request) {
	at, e := pointQuery(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	s.mu.RLock()
	p := s.propertyAt(at[0], at[1])
	s.mu.RUnlock()
	var ps []*registerenhet
	if p != nil {
		ps = append(ps, p)
	}
	s.answerDesignations(w, r, ps)
}

// handleDesignationText is GET /referens/fritext?beteckning=&kommunkod=&lankod=&maxHits=.
func (s *Server) handleDesignationText(w http.ResponseWriter, r *http.Request) {
	text, e := freeText(r, "beteckning")
	if e != nil {
		writeFault(w, r, e)
		return
	}
	limit, e := maxHits(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	q := r.URL.Query()
	s.mu.RLock()
	refs := []rb.Referens{}
	for _, id := range s.st.propertyIDs {
		p := s.st.properties[id]
		if q.Get("kommunkod") != "" && p.Kommunkod != q.Get("kommunkod") ||
			q.Get("lankod") != "" && !strings.HasPrefix(p.Kommunkod, q.Get("lankod")) ||
			!strings.Contains(strings.ToLower(p.Beteckning), text) {
			continue
		}
		refs = append(refs, rb.Referens{Objektidentitet: designationID(id), Registerenhet: id, Registerenhetstyp: p.Typ, Beteckning: p.Beteckning})
		if len(refs) == limit {
			break
		}
	}
	s.mu.RUnlock()
	writeJSON(w, refs)
}
