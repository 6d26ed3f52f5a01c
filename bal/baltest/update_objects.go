package baltest

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/tjanstebaserad/bal-go/internal/rules"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// routeUpdate adds the update binding's routes under the update path.
func (s *Server) routeUpdate(mux *http.ServeMux) {
	b := s.opts.updatePath
	mux.HandleFunc("GET "+b+"/forandringar", s.handleFeed)
	mux.HandleFunc("GET "+b+"/forandringar/senaste", s.handleLatest)
	mux.HandleFunc("POST "+b+"/transaktion", s.handleTransaction)
	mux.HandleFunc("GET "+b+"/brist", s.handleListDeficiencies)
	mux.HandleFunc("GET "+b+"/brist/{id}", s.handleGetDeficiency)
	mux.HandleFunc("POST "+b+"/brist/{id}/atgard", s.handleDeficiencyAction)
	mux.HandleFunc("GET "+b+"/arende", s.handleListCases)
	mux.HandleFunc("GET "+b+"/arende/{id}", s.handleGetCase)
	mux.HandleFunc("POST "+b+"/arende/{id}/kvittens", s.handleCaseReceipt)
	mux.HandleFunc("GET "+b+"/byggnad/{id}/entre", s.handleEntrances)
	mux.HandleFunc("GET "+b+"/entre/{id}/lagenhet", s.handleApartments)
	mux.HandleFunc("GET "+b+"/{typ}/{id}", s.handleGet)
	mux.HandleFunc("GET "+b+"/{typ}", s.handleGetMany)
	mux.HandleFunc("POST "+b+"/{typ}/sok", s.handleSearch)
	mux.HandleFunc("POST "+b+"/{typ}", s.handleCreate)
	mux.HandleFunc("PUT "+b+"/{typ}/{id}", s.handleChange)
	mux.HandleFunc("POST "+b+"/{typ}/{id}/avregistrering", s.handleRetire)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeFault(w, r, errf(http.StatusNotFound, CodeNotFound, "no service at %s %s", r.Method, r.URL.Path))
	})
}

// writeDoc answers with a binding document.
func writeDoc(w http.ResponseWriter, r *http.Request, status int, doc any) {
	b, err := update1.Marshal(doc)
	if err != nil {
		writeFault(w, r, errf(http.StatusInternalServerError, "BAL-0500", "encode answer: %v", err))
		return
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// objectType reads the {typ} path segment.
func objectType(r *http.Request) (update1.Objekttyp, *apiError) {
	typ, ok := update1.TypFranSegment(r.PathValue("typ"))
	if !ok {
		return "", errf(http.StatusNotFound, CodeNotFound, "unknown object type %q", r.PathValue("typ"))
	}
	return typ, nil
}

// readDoc reads the request body and decodes it into v, refusing a body
// that is not a document of the binding element by element (an element it
// does not define, a second Verksamhetsatgard, elements out of order), as a
// schema-validating service would.
func readDoc(r *http.Request, v any) *apiError {
	body, err := io.ReadAll(io.LimitReader(r.Body, update1.MaxDocumentBytes+1))
	if err != nil {
		return errf(http.StatusBadRequest, CodeBadRequest, "read body: %v", err)
	}
	if err := update1.UnmarshalStrict(body, v); err != nil {
		return errf(http.StatusBadRequest, CodeBadRequest, "%v", err)
	}
	return nil
}

func (s *Server) handleGet(w http.ResponseWriter, r *http.Request) {
	typ, e := objectType(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	id := r.PathValue("id")
	var version int64
	if v := r.URL.Query().Get("objektversion"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			writeFault(w, r, errf(http.StatusBadRequest, rules.Format, "objektversion %q must be a positive integer", v))
			return
		}
		version = n
	}
	s.mu.RLock()
	rec := s.st.records[okey{typ, id}]
	var o update1.Objekt
	switch {
	case rec == nil:
	case version == 0:
		o = s.enrich(rec.current())
	case version <= rec.version():
		o = s.enrich(rec.versions[version-1])
	}
	s.mu.RUnlock()
	switch {
	case rec == nil:
		writeFault(w, r, errf(http.StatusNotFound, CodeNotFound, "%s %s does not exist", typ, id).with("objektidentitet="+id))
	case o == nil:
		writeFault(w, r, errf(http.StatusNotFound, CodeNotFound, "%s %s has no objektversion %d", typ, id, version).
			with("objektidentitet="+id, "aktuellObjektversion="+strconv.FormatInt(rec.version(), 10)))
	default:
		writeDoc(w, r, http.StatusOK, o)
	}
}

// handleGetMany is the batch read GET /{typ}?id=…&id=… (at most 250 ids):
// the current versions of the objects found, in the order asked, unknown
// ids left out.
func (s *Server) handleGetMany(w http.ResponseWriter, r *http.Request) {
	typ, e := objectType(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	ids := r.URL.Query()["id"]
	if len(ids) == 0 || len(ids) > update1.MaxBatchIDs {
		writeFault(w, r, errf(http.StatusBadRequest, rules.Range, "%d ids: a batch read takes 1–%d", len(ids), update1.MaxBatchIDs))
		return
	}
	list := &update1.Objektlista{Typ: typ}
	s.mu.RLock()
	for _, id := range ids {
		if rec := s.st.records[okey{typ, id}]; rec != nil {
			list.Objekt = append(list.Objekt, s.enrich(rec.current()))
		}
	}
	s.mu.RUnlock()
	writeDoc(w, r, http.StatusOK, list)
}

func (s *Server) handleEntrances(w http.ResponseWriter, r *http.Request) {
	s.children(w, r, update1.TypByggnad, update1.TypEntre)
}

func (s *Server) handleApartments(w http.ResponseWriter, r *http.Request) {
	s.children(w, r, update1.TypEntre, update1.TypLagenhet)
}

// children answers the objects of type child that refer to the parent.
func (s *Server) children(w http.ResponseWriter, r *http.Request, parent, child update1.Objekttyp) {
	id := r.PathValue("id")
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.st.records[okey{parent, id}] == nil {
		writeFault(w, r, errf(http.StatusNotFound, CodeNotFound, "%s %s does not exist", parent, id).with("objektidentitet="+id))
		return
	}
	var found []update1.Objekt
	for _, k := range s.st.children[okey{parent, id}] {
		rec := s.st.records[k]
		if k.typ != child || rec == nil || !slices.Contains(parents(rec.current()), okey{parent, id}) {
			continue
		}
		found = append(found, s.enrich(rec.current()))
	}
	slices.SortFunc(found, func(a, b update1.Objekt) int {
		return strings.Compare(a.Meta().Objektidentitet, b.Meta().Objektidentitet)
	})
	if child == update1.TypEntre {
		list := &update1.Entrelista{}
		for _, o := range found {
			list.Entre = append(list.Entre, *o.(*update1.Entre))
		}
		writeDoc(w, r, http.StatusOK, list)
		return
	}
	list := &update1.Lagenhetslista{}
	for _, o := range found {
		list.Lagenhet = append(list.Lagenhet, *o.(*update1.Lagenhet))
	}
	writeDoc(w, r, http.StatusOK, list)
}

// enrich returns a copy of o with what references carry for a reader: the
// names of areas and districts, property designations, address labels.
// Stored objects keep only identities, so the labels never go stale.
func (s *Server) enrich(o update1.Objekt) update1.Objekt {
	c := o.CloneObject()
	prop := func(r *update1.Registerenhetsreferens) {
		if p := s.st.properties[r.Objektidentitet]; p != nil {
			r.Beteckning, r.Typ = p.Beteckning, p.Typ
		}
	}
	area := func(r *update1.Referens) {
		if rec := s.st.records[okey{update1.TypAdressomrade, r.Objektidentitet}]; rec != nil {
			a := rec.current().(*update1.Adressomrade)
			r.FaststalltNamn, r.Adressomradestyp = a.FaststalltNamn, a.Adressomradestyp
		}
	}
	switch x := c.(type) {
	case *update1.Byggnad:
		for i := range x.LiggerPa {
			prop(&x.LiggerPa[i])
		}
		for i := range x.BerorsAv {
			prop(&x.BerorsAv[i])
		}
	case *update1.Adressplats:
		if x.Registerenhetsreferens != nil {
			prop(x.Registerenhetsreferens)
		}
		if x.Adressomrade != nil {
			area(x.Adressomrade)
		}
		if x.Gardsadressomrade != nil {
			if rec := s.st.records[okey{update1.TypGardsadressomrade, x.Gardsadressomrade.Objektidentitet}]; rec != nil {
				x.Gardsadressomrade.FaststalltNamn = rec.current().(*update1.Gardsadressomrade).FaststalltNamn
			}
		}
	case *update1.Entre:
		if x.Adressplats != nil {
			x.Adressplats.Etikett = s.pointLabel(x.Adressplats.Objektidentitet)
		}
	case *update1.Adressomrade:
		if rec := s.st.records[okey{update1.TypKommundel, x.Kommundel.Objektidentitet}]; rec != nil {
			x.Kommundel.FaststalltNamn = rec.current().(*update1.Kommundel).FaststalltNamn
		}
	case *update1.Gardsadressomrade:
		area(&x.Adressomrade)
	}
	return c
}

// pointLabel returns the address of a point as text, e.g. "Björkvägen 7A".
func (s *Server) pointLabel(id string) string {
	rec := s.st.records[okey{update1.TypAdressplats, id}]
	if rec == nil {
		return ""
	}
	p := rec.current().(*update1.Adressplats)
	return rules.Label(s.areaName(p), designation(p).String())
}

func (s *Server) areaName(p *update1.Adressplats) string {
	switch {
	case p.Gardsadressomrade != nil:
		if rec := s.st.records[okey{update1.TypGardsadressomrade, p.Gardsadressomrade.Objektidentitet}]; rec != nil {
			return rec.current().(*update1.Gardsadressomrade).FaststalltNamn
		}
	case p.Adressomrade != nil:
		if rec := s.st.records[okey{update1.TypAdressomrade, p.Adressomrade.Objektidentitet}]; rec != nil {
			return rec.current().(*update1.Adressomrade).FaststalltNamn
		}
	}
	return ""
}

// label is an object as text for search hits.
func (s *Server) label(rec *record) string {
	switch x := rec.current().(type) {
	case *update1.Byggnad:
		if len(x.Byggnadsnamn) > 0 {
			return x.Byggnadsnamn[0].Namn
		}
		name := "Byggnad"
		if len(x.LiggerPa) > 0 {
			if p := s.st.properties[x.LiggerPa[0].Objektidentitet]; p != nil {
				name = p.Beteckning
			}
		}
		if x.Byggnadsattribut.Husnummer != 0 {
			name += " hus " + strconv.Itoa(x.Byggnadsattribut.Husnummer)
		}
		return name
	case *update1.Entre:
		if x.Adressplats != nil {
			if l := s.pointLabel(x.Adressplats.Objektidentitet); l != "" {
				return l
			}
		}
		return x.Entretyp
	case *update1.Lagenhet:
		l := "Lägenhet"
		if x.Lagenhetsnummer != "" {
			l += " " + x.Lagenhetsnummer
		}
		if e := s.st.records[okey{update1.TypEntre, x.Entre.Objektidentitet}]; e != nil {
			if p := e.current().(*update1.Entre).Adressplats; p != nil {
				if a := s.pointLabel(p.Objektidentitet); a != "" {
					l = a + ", " + strings.ToLower(l[:1]) + l[1:]
				}
			}
		}
		return l
	case *update1.Adressplats:
		return s.pointLabel(rec.id)
	case *update1.Adressomrade:
		return x.FaststalltNamn
	case *update1.Gardsadressomrade:
		return x.FaststalltNamn
	case *update1.Kommundel:
		return x.FaststalltNamn
	}
	return ""
}

// write runs a write under the store's lock with the Idempotency-Key
// contract: a repeat of a key with the same request gets the original
// answer (status and body), a repeat with another request 409
// BAL-0409-IDEM. do returns the status and the document to answer with, or
// a fault.
func (s *Server) write(w http.ResponseWriter, r *http.Request, do func(now time.Time) (int, any, *apiError)) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(strings.NewReader(string(body)))
	key := r.Header.Get("Idempotency-Key")
	sum := sha256.Sum256([]byte(r.Method + " " + r.URL.Path + "?" + r.URL.RawQuery + "\n" + string(body)))

	s.mu.Lock()
	now := s.now()
	var idemKey string
	if key != "" {
		idemKey = s.clientOf(r) + "\x00" + key
		if prev := s.st.idem[idemKey]; prev != nil && now.Before(prev.expires) {
			s.mu.Unlock()
			if prev.sum != sum {
				writeFault(w, r, errf(http.StatusConflict, CodeIdempotencyMismatch,
					"Idempotency-Key %s was used with another request", key).with("idempotencyKey="+key))
				return
			}
			prev.replay(w)
			return
		}
	}
	status, doc, e := do(now)
	answer := newBufferWriter()
	if e != nil {
		writeFault(answer, r, e)
	} else {
		writeDoc(answer, r, status, doc)
	}
	if idemKey != "" && answer.status < 500 {
		s.st.remember(idemKey, &idemEntry{sum: sum, expires: now.Add(s.opts.idemTTL), status: answer.status,
			header: answer.header.Clone(), body: answer.body.Bytes()}, now)
	}
	s.mu.Unlock()
	for k, vs := range answer.header {
		w.Header()[k] = vs
	}
	w.WriteHeader(answer.status)
	_, _ = w.Write(answer.body.Bytes())
}

// clientOf returns the consumer key the request was authenticated as; the
// idempotency keys of two applications never collide.
func (s *Server) clientOf(r *http.Request) string { return caller(r) }

// idemEntry is a remembered answer to an idempotent write.
type idemEntry struct {
	sum     [32]byte
	expires time.Time
	status  int
	header  map[string][]string
	body    []byte
}

func (e *idemEntry) replay(w http.ResponseWriter) {
	for k, vs := range e.header {
		w.Header()[k] = vs
	}
	w.Header().Set("Idempotent-Replayed", "true")
	w.WriteHeader(e.status)
	_, _ = w.Write(e.body)
}

// remember stores an answer, and every 1 024 writes sweeps out the expired
// ones so that a long-running balsim does not grow without bound.
func (st *store) remember(key string, e *idemEntry, now time.Time) {
	st.idem[key] = e
	if st.idemCount++; st.idemCount%1024 == 0 {
		for k, v := range st.idem {
			if !now.Before(v.expires) {
				delete(st.idem, k)
			}
		}
	}
}

func (s *Server) handleCreate(w http.ResponseWriter, r *http.Request) {
	typ, e := objectType(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	s.write(w, r, func(now time.Time) (int, any, *apiError) {
		var u update1.Uppdatering
		if e := readDoc(r, &u); e != nil {
			return 0, nil, e
		}
		o, err := u.Object()
		if err != nil {
			return 0, nil, errf(http.StatusBadRequest, CodeBadRequest, "%v", err)
		}
		if o.Type() != typ {
			return 0, nil, errf(http.StatusBadRequest, CodeBadRequest, "the update holds a %s, the path names %s", o.Type(), typ)
		}
		t := s.st.begin(now)
		t.writer = s.writesFor(r)
		k, e := s.create(t, u.Verksamhetsatgard, o)
		if e != nil {
			return 0, nil, e
		}
		t.commit()
		return http.StatusCreated, k, nil
	})
}

func (s *Server) handleChange(w http.ResponseWriter, r *http.Request) {
	s.changeOrRetire(w, r, false)
}

func (s *Server) handleRetire(w http.ResponseWriter, r *http.Request) {
	s.changeOrRetire(w, r, true)
}

func (s *Server) changeOrRetire(w http.ResponseWriter, r *http.Request, retire bool) {
	typ, e := objectType(r)
	if e != nil {
		writeFault(w, r, e)
		return
	}
	id := r.PathValue("id")
	s.write(w, r, func(now time.Time) (int, any, *apiError) {
		var u update1.Uppdatering
		if e := readDoc(r, &u); e != nil {
			return 0, nil, e
		}
		o, err := u.Object()
		if err != nil {
			return 0, nil, errf(http.StatusBadRequest, CodeBadRequest, "%v", err)
		}
		if o.Type() != typ {
			return 0, nil, errf(http.StatusBadRequest, CodeBadRequest, "the update holds a %s, the path names %s", o.Type(), typ)
		}
		t := s.st.begin(now)
		t.writer = s.writesFor(r)
		var k *update1.Kvitto
		if retire {
			k, e = s.retire(t, id, u.Verksamhetsatgard, o)
		} else {
			k, e = s.change(t, id, u.Verksamhetsatgard, o)
		}
		if e != nil {
			return 0, nil, e
		}
		t.commit()
		return http.StatusOK, k, nil
	})
}

// kommunkodOf returns the municipality a write belongs to: the action's
// responsible organisation when it is a kommunkod, else the server's.
func (s *Server) kommunkodOf(o update1.Objekt, a update1.Verksamhetsatgard) string {
	if d, ok := o.(*update1.Kommundel); ok && d.Kommun.Kommunkod != "" {
		return d.Kommun.Kommunkod
	}
	if isKommunkod(a.AnsvarigOrganisation) {
		return a.AnsvarigOrganisation
	}
	return s.opts.kommunkod
}

// mayWrite refuses a write on an object of another municipality than the
// writing application's (403 BAL-0403): a credential belongs to one
// municipality.
func (t *txn) mayWrite(typ update1.Objekttyp, id, kommunkod string) *apiError {
	if t.writer == "" || kommunkod == "" || kommunkod == t.writer {
		return nil
	}
	return errf(http.StatusForbidden, CodeNotResponsible,
		"%s %s tillhör kommun %s; behörigheten gäller kommun %s", typ, id, kommunkod, t.writer).
		with("objektidentitet="+id, "kommunkod="+kommunkod)
}

func isKommunkod(s string) bool {
	if len(s) != 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// stamp records the action with the version, time-stamped now when the
// client gave no time.
func stamp(o update1.Objekt, a update1.Verksamhetsatgard, now time.Time) {
	if a.Atgardstidpunkt == "" {
		a.Atgardstidpunkt = update1.NewTidpunkt(now)
	}
	o.SetAction(&a)
	m := o.Meta()
	m.VersionGiltigFran, m.VersionGiltigTill = update1.NewTidpunkt(now), ""
}

func receipt(o update1.Objekt) *update1.Kvitto {
	m := o.Meta()
	return &update1.Kvitto{Objektidentitet: m.Objektidentitet, Objektversion: m.Objektversion, VersionGiltigFran: m.VersionGiltigFran}
}

// create stages a new object.
func (s *Server) create(t *txn, a update1.Verksamhetsatgard, o update1.Objekt) (*update1.Kvitto, *apiError) {
	m := o.Meta()
	switch {
	case m.Objektidentitet == "":
		m.Objektidentitet = uuid.NewString()
	case !validUUID(m.Objektidentitet):
		return nil, errf(http.StatusBadRequest, rules.Format, "objektidentitet %q is not a uuid", m.Objektidentitet)
	default:
		m.Objektidentitet = strings.ToLower(m.Objektidentitet)
	}
	if t.get(o.Type(), m.Objektidentitet) != nil {
		return nil, errf(http.StatusConflict, CodeConflict, "%s %s already exists", o.Type(), m.Objektidentitet).
			with("objektidentitet=" + m.Objektidentitet)
	}
	if m.Objektstatus == "" {
		m.Objektstatus = statusValid
		if a.Atgardstyp == "Godkänt bygglov" {
			m.Objektstatus = statusPlanned
		}
	}
	var v violations
	checkAction(&v, o.Type(), a)
	if m.Objektstatus == statusRetired {
		v.addf("objektstatus", rules.Relation, "a new object cannot be avregistrerad")
	}
	t.checkObject(&v, o, nil)
	if e := v.fault(string(o.Type())); e != nil {
		return nil, e.with("objektidentitet=" + m.Objektidentitet)
	}
	kommun := s.kommunkodOf(o, a)
	if e := t.mayWrite(o.Type(), m.Objektidentitet, kommun); e != nil {
		return nil, e
	}
	m.Objektversion = 1
	stamp(o, a, t.now)
	t.put(newRecord(o, kommun), update1.ForandringNy)
	return receipt(o), nil
}

// current finds the stored object a change or retirement names and checks
// the version it was read at.
func (s *Server) current(t *txn, o update1.Objekt, id string) (*record, *apiError) {
	m := o.Meta()
	if m.Objektidentitet != "" && !strings.EqualFold(m.Objektidentitet, id) {
		return nil, errf(http.StatusBadRequest, CodeBadRequest, "the object's objektidentitet %s is not the path's %s", m.Objektidentitet, id)
	}
	rec := t.get(o.Type(), id)
	if rec == nil {
		return nil, errf(http.StatusNotFound, CodeNotFound, "%s %s does not exist", o.Type(), id).with("objektidentitet=" + id)
	}
	if e := t.mayWrite(o.Type(), rec.id, rec.kommunkod); e != nil {
		return nil, e
	}
	switch {
	case m.Objektversion == 0:
		return nil, errf(http.StatusBadRequest, rules.Required, "objektversion (the version the object was read at) is required").
			with("objektidentitet="+id, "aktuellObjektversion="+strconv.FormatInt(rec.version(), 10))
	case m.Objektversion != rec.version():
		return nil, errf(http.StatusConflict, CodeConflict, "%s %s has objektversion %d, the update was based on %d",
			o.Type(), id, rec.version(), m.Objektversion).
			with("objektidentitet="+id, "aktuellObjektversion="+strconv.FormatInt(rec.version(), 10))
	}
	m.Objektidentitet = rec.id
	return rec, nil
}

// change stages a new version of a stored object.
func (s *Server) change(t *txn, id string, a update1.Verksamhetsatgard, o update1.Objekt) (*update1.Kvitto, *apiError) {
	rec, e := s.current(t, o, id)
	if e != nil {
		return nil, e
	}
	m := o.Meta()
	if m.Objektstatus == "" {
		m.Objektstatus = rec.current().Meta().Objektstatus
	}
	var v violations
	checkAction(&v, o.Type(), a)
	t.checkObject(&v, o, rec)
	if e := v.fault(string(o.Type())); e != nil {
		return nil, e.with("objektidentitet=" + id)
	}
	kind := update1.ForandringAndrad
	if m.Objektstatus == statusRetired && !rec.retired() {
		kind = update1.ForandringAvregistrerad
	}
	m.Objektversion = rec.version() + 1
	stamp(o, a, t.now)
	t.put(rec.withVersion(o, t.now), kind)
	return receipt(o), nil
}

// retire stages the retirement (avregistrering) of a stored object: its
// current version, with objektstatus Avregistrerad.
func (s *Server) retire(t *txn, id string, a update1.Verksamhetsatgard, o update1.Objekt) (*update1.Kvitto, *apiError) {
	rec, e := s.current(t, o, id)
	if e != nil {
		return nil, e
	}
	var v violations
	checkAction(&v, o.Type(), a)
	if rec.retired() {
		v.addf("objektstatus", rules.RetiredStatus, "%s %s is already avregistrerad", o.Type(), id)
	}
	if e := v.fault(string(o.Type())); e != nil {
		return nil, e.with("objektidentitet=" + id)
	}
	next := rec.current().CloneObject()
	m := next.Meta()
	m.Objektstatus, m.Objektversion = statusRetired, rec.version()+1
	stamp(next, a, t.now)
	t.put(rec.withVersion(next, t.now), update1.ForandringAvregistrerad)
	return receipt(next), nil
}

// maxTransactionMembers bounds one transaction.
const maxTransactionMembers = 1000

func (s *Server) handleTransaction(w http.ResponseWriter, r *http.Request) {
	s.write(w, r, func(now time.Time) (int, any, *apiError) {
		var tx update1.Transaktion
		if e := readDoc(r, &tx); e != nil {
			return 0, nil, e
		}
		switch n := len(tx.Uppdatering); {
		case n == 0:
			return 0, nil, errf(http.StatusBadRequest, rules.Required, "a transaktion needs at least one member")
		case n > maxTransactionMembers:
			return 0, nil, errf(http.StatusBadRequest, rules.Range, "a transaktion has at most %d members, not %d", maxTransactionMembers, n)
		}
		t := s.st.begin(now)
		t.writer = s.writesFor(r)
		out := &update1.Transaktionskvitto{}
		for i := range tx.Uppdatering {
			k, e := s.member(t, &tx.Uppdatering[i])
			if e != nil {
				// Nothing is committed: the staged records are dropped. The
				// answer is the member's own fault with a message naming
				// the member.
				e.details = append([]string{"medlem=" + strconv.Itoa(i+1)}, e.details...)
				return 0, nil, e
			}
			out.Kvitto = append(out.Kvitto, *k)
		}
		t.commit()
		return http.StatusOK, out, nil
	})
}

// member applies one transaction member.
func (s *Server) member(t *txn, d *update1.Transaktionsdel) (*update1.Kvitto, *apiError) {
	o, err := d.Object()
	if err != nil {
		return nil, errf(http.StatusBadRequest, CodeBadRequest, "%v", err)
	}
	var e *apiError
	var k *update1.Kvitto
	switch d.Operation {
	case update1.OperationSkapa:
		k, e = s.create(t, d.Verksamhetsatgard, o)
	case update1.OperationAndra:
		k, e = s.change(t, o.Meta().Objektidentitet, d.Verksamhetsatgard, o)
	case update1.OperationAvregistrera:
		k, e = s.retire(t, o.Meta().Objektidentitet, d.Verksamhetsatgard, o)
	default:
		return nil, errf(http.StatusBadRequest, CodeBadRequest, "operation %q: want Skapa, Andra or Avregistrera", d.Operation).
			with("objekttyp=" + string(o.Type()))
	}
	if e != nil {
		e.details = append(e.details, "objekttyp="+string(o.Type()))
		return nil, e
	}
	return k, nil
}

// pageToken is the opaque fortsattning: the last identity of the page.
func pageToken(lastID string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("efter:" + lastID))
}

func parsePageToken(tok string) (string, error) {
	if tok == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || !strings.HasPrefix(string(b), "efter:") {
		return "", errors.New("fortsattning is not one this server gave")
	}
	return strings.TrimPrefix(string(b), "efter:"), nil
}
