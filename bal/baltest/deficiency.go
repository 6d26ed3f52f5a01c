package baltest

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/rules"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// pageSize reads the optional max parameter of the brist and ärende lists.
func (s *Server) pageSize(r *http.Request) (int, *apiError) {
	v := r.URL.Query().Get("max")
	if v == "" {
		return s.opts.defaultPage, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > update1.MaxTraffar {
		return 0, errf(http.StatusBadRequest, rules.Range, "max %q is out of range 1–%d", v, update1.MaxTraffar)
	}
	return n, nil
}

// handleListDeficiencies is GET /brist?kommunkod=&registerenhet=&status=&objekttyp=&fortsattning=.
func (s *Server) handleListDeficiencies(w http.ResponseWriter, r *http.Request) {
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
	status, typ := q.Get("status"), q.Get("objekttyp")
	if status != "" && !bristStatuses.Known(bristStatuses.Parse(status)) {
		writeFault(w, r, errf(http.StatusBadRequest, rules.CodeList, "status %q is not a brist status (Öppen, Åtgärdad, Avvisad)", status))
		return
	}
	s.mu.RLock()
	var list []*update1.Brist
	for _, id := range s.st.bristIDs {
		b := s.st.brister[id]
		switch {
		case id <= after,
			q.Get("kommunkod") != "" && b.Kommunkod != q.Get("kommunkod"),
			q.Get("registerenhet") != "" && (b.Registerenhet == nil || b.Registerenhet.Objektidentitet != q.Get("registerenhet")),
			status != "" && codelist.Key(b.Status) != codelist.Key(status),
			typ != "" && (b.Objekt == nil || codelist.Key(string(b.Objekt.Objekttyp)) != codelist.Key(typ)):
			continue
		}
		list = append(list, b.Clone())
	}
	s.mu.RUnlock()
	slices.SortFunc(list, func(a, b *update1.Brist) int { return strings.Compare(a.Objektidentitet, b.Objektidentitet) })
	page := &update1.Bristlista{}
	if len(list) > limit {
		list = list[:limit]
		page.Fortsattning = pageToken(list[len(list)-1].Objektidentitet)
	}
	for _, b := range list {
		page.Brist = append(page.Brist, *b)
	}
	writeDoc(w, r, http.StatusOK, page)
}

// handleGetDeficiency is GET /brist/{id}.
func (s *Server) handleGetDeficiency(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.RLock()
	b := s.st.brister[id].Clone()
	s.mu.RUnlock()
	if b == nil {
		writeFault(w, r, errf(http.StatusNotFound, CodeNotFound, "brist %s does not exist", id).with("objektidentitet="+id))
		return
	}
	writeDoc(w, r, http.StatusOK, b)
}

// handleDeficiencyAction is POST /brist/{id}/atgard: mark handled
// (Åtgärdad) or reject (Avvisad, with a comment).
func (s *Server) handleDeficiencyAction(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.write(w, r, func(now time.Time) (int, any, *apiError) {
		var a update1.Bristatgard
		if e := readDoc(r, &a); e != nil {
			return 0, nil, e
		}
		b := s.st.brister[id]
		if b == nil {
			return 0, nil, errf(http.StatusNotFound, CodeNotFound, "brist %s does not exist", id).with("objektidentitet=" + id)
		}
		var v violations
		switch a.Status {
		case update1.BristAtgardad, update1.BristAvvisad:
		case "":
			v.addf("status", rules.Required, "status is required: Åtgärdad or Avvisad")
		default:
			v.addf("status", rules.CodeList, "status %q: want Åtgärdad or Avvisad", a.Status)
		}
		if a.Status == update1.BristAvvisad && strings.TrimSpace(a.Kommentar) == "" {
			v.addf("kommentar", rules.Required, "a rejected (Avvisad) brist needs a kommentar saying why")
		}
		if e := v.fault("Bristatgard"); e != nil {
			return 0, nil, e.with("objektidentitet=" + id)
		}
		if b.Status != update1.BristOppen {
			return 0, nil, errf(http.StatusConflict, CodeHandled, "brist %s is already %s", id, strings.ToLower(b.Status)).
				with("objektidentitet=" + id)
		}
		next := b.Clone()
		next.Status, next.Kommentar = a.Status, a.Kommentar
		next.Objektversion++
		next.Andrad = update1.NewTidpunkt(now)
		s.st.brister[id] = next
		return http.StatusOK, next.Clone(), nil
	})
}

// addDeficiency stores b; the caller holds the write lock.
func (st *store) addDeficiency(b *update1.Brist) {
	if _, ok := st.brister[b.Objektidentitet]; !ok {
		st.bristIDs = append(st.bristIDs, b.Objektidentitet)
	}
	st.brister[b.Objektidentitet] = b
}
