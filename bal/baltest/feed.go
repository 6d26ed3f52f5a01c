package baltest

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/rules"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// defaultFeedPage is the page size of the change feed when max is not
// given.
const defaultFeedPage = 100

// prune drops the changes older than the retention window. The caller
// holds the write lock.
func (st *store) prune(now time.Time, retention time.Duration) {
	cut := 0
	for cut < len(st.feed) && now.Sub(st.feed[cut].at) > retention {
		cut++
	}
	if cut == 0 {
		return
	}
	st.dropped = st.feed[cut-1].Sekvensnummer
	st.feed = append(st.feed[:0:0], st.feed[cut:]...)
}

// handleFeed is GET /forandringar?fran=&max=&objekttyp=&kommunkod=.
func (s *Server) handleFeed(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var from int64
	if v := q.Get("fran"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			writeFault(w, r, errf(http.StatusBadRequest, rules.Format, "fran %q is not a checkpoint this server gave", v))
			return
		}
		from = n
	}
	limit := defaultFeedPage
	if v := q.Get("max"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > update1.MaxForandringar {
			writeFault(w, r, errf(http.StatusBadRequest, rules.Range, "max %q is out of range 1–%d", v, update1.MaxForandringar))
			return
		}
		limit = n
	}
	types := map[update1.Objekttyp]bool{}
	if v := q.Get("objekttyp"); v != "" {
		for _, part := range strings.Split(v, ",") {
			typ, ok := update1.TypFranSegment(codelist.Key(part))
			if !ok {
				writeFault(w, r, errf(http.StatusBadRequest, rules.CodeList, "objekttyp %q is not one of the seven BAL object types", part))
				return
			}
			types[typ] = true
		}
	}
	kommunkod := q.Get("kommunkod")
	withObjects := false
	switch v := q.Get("objekt"); v {
	case "":
	case "med":
		withObjects = true
	default:
		writeFault(w, r, errf(http.StatusBadRequest, rules.CodeList, "objekt %q: the only value is med", v))
		return
	}

	s.mu.Lock()
	s.st.prune(s.clock.Now(), s.opts.retention)
	st := s.st
	last := st.nextSeq - 1
	switch {
	case q.Get("fran") != "" && from < st.dropped:
		s.mu.Unlock()
		writeFault(w, r, errf(http.StatusGone, CodeFeedGap,
			"checkpoint %d is older than the change feed keeps; resynchronise from an extract", from).
			with("aldstaSekvensnummer="+strconv.FormatInt(st.dropped+1, 10)))
		return
	case from > last:
		s.mu.Unlock()
		writeFault(w, r, errf(http.StatusGone, CodeFeedGap,
			"checkpoint %d is ahead of the change feed (last %d): the server was reset; resynchronise from an extract", from, last))
		return
	}
	if from < st.dropped {
		from = st.dropped
	}
	page := &update1.Forandringar{}
	checkpoint := from
	for i := int(from - st.dropped); i < len(st.feed); i++ {
		c := st.feed[i]
		checkpoint = c.Sekvensnummer
		if len(types) > 0 && !types[c.Objekttyp] || kommunkod != "" && c.kommunkod != kommunkod {
			continue
		}
		f := c.Forandring
		if withObjects && f.Forandringstyp != update1.ForandringAvregistrerad {
			// The object's current version, as GET /{typ}/{id} answers it.
			if rec := st.records[okey{f.Objekttyp, f.Objektidentitet}]; rec != nil {
				f.Objekt = update1.NewInnehallsobjekt(s.enrich(rec.current()))
			}
		}
		page.Forandring = append(page.Forandring, f)
		if len(page.Forandring) == limit {
			break
		}
	}
	s.mu.Unlock()
	page.Fortsattning = strconv.FormatInt(checkpoint, 10)
	writeDoc(w, r, http.StatusOK, page)
}

// handleLatest is GET /forandringar/senaste: the checkpoint of the newest
// change, "0" before the first.
func (s *Server) handleLatest(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	last := s.st.nextSeq - 1
	s.mu.RUnlock()
	writeDoc(w, r, http.StatusOK, &update1.Forandringsposition{Fortsattning: strconv.FormatInt(last, 10)})
}
