package baltest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/rules"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// handleListCases is GET /arende?kommunkod=&arendetyp=&status=&forandradEfter=&fortsattning=.
func (s *Server) handleListCases(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, e := s.pageSize(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	after, err := parsePageToken(q.Get("fortsattning"))
	if err != nil {
		writeFault(w, r, errf(http.StatusBadRequest, CodeBadRequest, "%v", err))
		return
	}
	typ, status := q.Get("arendetyp"), q.Get("status")
	if typ != "" && !caseTypes.Known(caseTypes.Parse(typ)) {
		writeFault(w, r, errf(http.StatusBadRequest, rules.CodeList, "arendetyp %q is not an ärendetyp", typ))
		return
	}
	if status != "" && !caseStatuses.Known(caseStatuses.Parse(status)) {
		writeFault(w, r, errf(http.StatusBadRequest, rules.CodeList, "status %q is not an ärende status (Inkommen, Pågående, Avslutad)", status))
		return
	}
	since, err := update1.Tidpunkt(q.Get("forandradEfter")).Time()
	if err != nil {
		writeFault(w, r, errf(http.StatusBadRequest, rules.Format, "forandradEfter: %v", err))
		return
	}
	s.mu.RLock()
	var list []*update1.Arende
	for _, id := range s.st.arendeIDs {
		a := s.st.arenden[id]
		switch {
		case id <= after,
			q.Get("kommunkod") != "" && a.Kommunkod != q.Get("kommunkod"),
			typ != "" && codelist.Key(a.Arendetyp) != codelist.Key(typ),
			status != "" && codelist.Key(a.Status) != codelist.Key(status):
			continue
		}
		if !since.IsZero() {
			if t, err := a.Andrad.Time(); err != nil || !t.After(since) {
				continue
			}
		}
		list = append(list, a.Clone())
	}
	s.mu.RUnlock()
	slices.SortFunc(list, func(a, b *update1.Arende) int { return strings.Compare(a.Objektidentitet, b.Objektidentitet) })
	page := &update1.Arendelista{}
	if len(list) > limit {
		list = list[:limit]
		page.Fortsattning = pageToken(list[len(list)-1].Objektidentitet)
	}
	for _, a := range list {
		page.Arende = append(page.Arende, *a)
	}
	writeDoc(w, r, http.StatusOK, page)
}

// handleGetCase is GET /arende/{id}.
func (s *Server) handleGetCase(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.RLock()
	a := s.st.arenden[id].Clone()
	s.mu.RUnlock()
	if a == nil {
		writeFault(w, r, errf(http.StatusNotFound, CodeNotFound, "ärende %s does not exist", id).with("objektidentitet="+id))
		return
	}
	writeDoc(w, r, http.StatusOK, a)
}

// handleCaseReceipt is POST /arende/{id}/kvittens: Mottagen moves the case
// to Pågående, Hanterad closes it (Avslutad).
func (s *Server) handleCaseReceipt(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.write(w, r, func(now time.Time) (int, any, *apiError) {
		var k update1.Kvittens
		if e := readDoc(r, &k); e != nil {
			return 0, nil, e
		}
		a := s.st.arenden[id]
		if a == nil {
			return 0, nil, errf(http.StatusNotFound, CodeNotFound, "ärende %s does not exist", id).with("objektidentitet=" + id)
		}
		var v violations
		next := a.Clone()
		switch k.Kvittenstyp {
		case update1.KvittensMottagen:
			next.Status = update1.ArendePagaende
		case update1.KvittensHanterad:
			next.Status = update1.ArendeAvslutad
		case "":
			v.addf("kvittenstyp", rules.Required, "kvittenstyp is required: Mottagen or Hanterad")
		default:
			v.addf("kvittenstyp", rules.CodeList, "kvittenstyp %q: want Mottagen or Hanterad", k.Kvittenstyp)
		}
		for i, o := range k.Objekt {
			typ, ok := update1.TypFranSegment(strings.ToLower(string(o.Objekttyp)))
			if !ok || s.st.records[okey{typ, o.Objektidentitet}] == nil {
				v.addf(fmt.Sprintf("objekt[%d]", i), CodeReference, "%s %s does not exist", o.Objekttyp, o.Objektidentitet)
			}
		}
		if e := v.fault("Kvittens"); e != nil {
			return 0, nil, e.with("objektidentitet=" + id)
		}
		if a.Status == update1.ArendeAvslutad {
			return 0, nil, errf(http.StatusConflict, CodeHandled, "ärende %s is already avslutat", id).with("objektidentitet=" + id)
		}
		entry := k.Kvittensuppgift
		entry.Tidpunkt = update1.NewTidpunkt(now)
		next.Kvittenser = append(next.Kvittenser, entry)
		next.Objektversion++
		next.Andrad = update1.NewTidpunkt(now)
		s.st.arenden[id] = next
		return http.StatusOK, next.Clone(), nil
	})
}

// addCase stores a; the caller holds the write lock.
func (st *store) addCase(a *update1.Arende) {
	if _, ok := st.arenden[a.Objektidentitet]; !ok {
		st.arendeIDs = append(st.arendeIDs, a.Objektidentitet)
	}
	st.arenden[a.Objektidentitet] = a
}
