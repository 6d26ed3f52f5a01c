package baltest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/tjanstebaserad/bal-go/internal/wire/ngp1"
)

// The national geodata platform (NGP), as the fake serves it
// (shared/spec/ngp.md, shared/contract/ngp):
//
//   - Uppdatering v1.1 under /distribution/geodatakatalog/uppdatering/v1:
//     mottagningar and their förändringar with the documented statuses,
//     advancing on the server's Clock (a change is validated
//     NGPTimings.Validation after it arrived, and a mottagning whose changes
//     are all validerad is published NGPTimings.Publication later); uploads
//     answered 303 with the report's address in Location and href (a path,
//     …/leveranser/{objektidentitet}, that is not the report operation's);
//     reports in the validering-1.0 shape, 204 before they exist; /health;
//     faults in Lantmäteriet's JSON fault v1: 400, 403 (a provider not
//     allowed), 404, 413 (an object over the size limit), 415 (a media type
//     the API does not list, or of another information type).
//   - Uppladdning v1.2 under /distribution/geodatakatalog/uppladdning/v1.
//   - Sökning under /distribution/geodatakatalog/sokning/v1/{dataset}/{version}
//     and Lantmäteriet's own products under /ogc-features/v1/{product}:
//     collections, items and STAC search; published Byggnad objects land in
//     catalogue byggnad/v1, one collection per municipality (the provider).
//   - Nedladdning under /distribution/geodatakatalog/nedladdning/v1:
//     /asset/{uuid} answers 303 to the file, which honours Range.
//
// Validation rule set (modelled ids except BAS-005, Lantmäteriet's): BAS-001
// the body is a JSON object; BAS-005 no history in a delivery (no
// versionGiltigTill, no historik); BYG-0001 required fields (objektidentitet,
// objektversion, versionGiltigFran, kommunkod, andamal, geometri); BYG-0002
// the object's objektidentitet is the change's; BYG-0007
// koordinatsystemPlan within EPSG:3006–3018; BYG-0008 dimension 2 or 3;
// BYG-0012 (warning) a 3D geometry without hojdsystem. Detaljplan bodies get
// BAS-001 and BAS-005 only.

// Base paths of the NGP services.
const (
	ngpUpdateBase   = "/distribution/geodatakatalog/uppdatering/v1"
	ngpUploadBase   = "/distribution/geodatakatalog/uppladdning/v1"
	ngpSearchBase   = "/distribution/geodatakatalog/sokning/v1"
	ngpDownloadBase = "/distribution/geodatakatalog/nedladdning/v1"
	ngpFeaturesBase = "/ogc-features/v1"
)

// NGPTimings are how long the fake's NGP takes, by its Clock.
type NGPTimings struct {
	// Validation is the time from an upload (or a radering, or an
	// eftersändning's registration) to its validation; default 2 s.
	Validation time.Duration
	// Publication is the time from the last change's validation to the
	// mottagning's publication; default 5 s.
	Publication time.Duration
}

// WithNGPTimings sets how long validation and publication take.
func WithNGPTimings(t NGPTimings) Option { return func(o *options) { o.ngpTimings = t } }

// WithNGPMaxObjectBytes sets the size above which an upload is answered 413
// (default 8 MiB).
func WithNGPMaxObjectBytes(n int) Option { return func(o *options) { o.ngpMaxObject = n } }

// WithNGPProducers sets the providers allowed to register mottagningar;
// others are answered 403. The default is the server's municipality.
func WithNGPProducers(providers ...string) Option {
	return func(o *options) { o.ngpProducers = append([]string(nil), providers...) }
}

// The media types Uppdatering v1.1 lists, with their information types.
var ngpMediaTypes = map[string]string{
	"application/vnd.lm.detaljplan.v1+json": "detaljplan",
	"application/vnd.lm.detaljplan.v2+json": "detaljplan",
	"application/vnd.lm.detaljplan.v3+json": "detaljplan",
	"application/vnd.lm.byggnad.v1+json":    "byggnad",
}

// ngpState is the fake platform's state; its lock is its own, apart from
// the BAL store's.
type ngpState struct {
	mu         sync.Mutex
	timings    NGPTimings
	maxObject  int
	producers  []string
	health     string
	receptions map[string]*ngpReception
	registered map[string]int // objektidentitet → registrations, every mottagning
	catalogs   map[string]*ngpCatalog
	files      map[string]*ngpFile // Nedladdning: asset id → file
	resources  map[string]*ngpResource
}

type ngpReception struct {
	id, infotyp, provider string
	created               time.Time
	changes               map[string]*ngpChange
	order                 []string
	// advanced is the Clock time ngpAdvance last ran at: with the clock
	// standing still nothing can be due, so it need not look again.
	advanced time.Time
}

type ngpChange struct {
	id, typ, href   string
	status, message string
	at              time.Time // the status's time
	media           string
	body            []byte
	report          *ngp1.Valideringsrapport
	uploads         int
	rejected        int
}

func newNGPState(o options) *ngpState {
	t := o.ngpTimings
	if t.Validation <= 0 {
		t.Validation = 2 * time.Second
	}
	if t.Publication <= 0 {
		t.Publication = 5 * time.Second
	}
	max := o.ngpMaxObject
	if max <= 0 {
		max = 8 << 20
	}
	return &ngpState{timings: t, maxObject: max, producers: o.ngpProducers, health: "UP",
		receptions: map[string]*ngpReception{}, registered: map[string]int{},
		catalogs: map[string]*ngpCatalog{}, files: map[string]*ngpFile{}, resources: map[string]*ngpResource{}}
}

// NGPChange is one förändring as the fake holds it.
type NGPChange struct {
	// Reception is the mottagningsid.
	Reception string
	// ObjectID is the objektidentitet.
	ObjectID string
	// Type is leverans or radering; Href an eftersändning's address.
	Type, Href string
	// Status is the change's status typ now.
	Status string
	// Registrations counts how many times a change for this object was
	// registered, in every mottagning.
	Registrations int
	// Uploads counts the uploads accepted for the change; Rejected those
	// refused (e.g. while the change was already mottagen).
	Uploads, Rejected int
	// Media is the last upload's media type.
	Media string
}

// NGPChanges returns every change of every mottagning, statuses advanced
// to the Clock's time.
func (s *Server) NGPChanges() []NGPChange {
	n := s.ngp
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []NGPChange
	for _, r := range n.receptions {
		s.ngpAdvance(r)
		for _, id := range r.order {
			c := r.changes[id]
			out = append(out, NGPChange{Reception: r.id, ObjectID: id, Type: c.typ, Href: c.href, Status: c.status,
				Registrations: n.registered[id], Uploads: c.uploads, Rejected: c.rejected, Media: c.media})
		}
	}
	slices.SortFunc(out, func(a, b NGPChange) int { return strings.Compare(a.Reception+a.ObjectID, b.Reception+b.ObjectID) })
	return out
}

// NGPReceptions returns the ids of every mottagning, empty ones included.
func (s *Server) NGPReceptions() []string {
	s.ngp.mu.Lock()
	defer s.ngp.mu.Unlock()
	out := make([]string, 0, len(s.ngp.receptions))
	for id := range s.ngp.receptions {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// SetNGPHealth sets what /health answers: "UP" (200) or "DOWN",
// "OUT_OF_SERVICE", "UNKNOWN" (503).
func (s *Server) SetNGPHealth(status string) {
	s.ngp.mu.Lock()
	defer s.ngp.mu.Unlock()
	s.ngp.health = status
}

func (s *Server) routeNGP(mux *http.ServeMux) {
	u := ngpUpdateBase
	mux.HandleFunc("GET "+u+"/health", s.ngpHealth)
	mux.HandleFunc("POST "+u+"/mottagning", s.ngpRegister)
	mux.HandleFunc("GET "+u+"/mottagning/{id}", s.ngpGetReception)
	mux.HandleFunc("POST "+u+"/mottagning/{id}/forandringar", s.ngpRegisterChanges)
	mux.HandleFunc("GET "+u+"/mottagning/{id}/forandringar", s.ngpListChanges)
	mux.HandleFunc("GET "+u+"/mottagning/{id}/forandringar/{obj}", s.ngpGetChange)
	mux.HandleFunc("POST "+u+"/mottagning/{id}/forandringar/{obj}/leverans", s.ngpUpload)
	mux.HandleFunc("GET "+u+"/mottagning/{id}/forandringar/{obj}/leverans", s.ngpReport)
	mux.HandleFunc("GET "+u+"/mottagning/{id}/leveranser/{obj}", s.ngpReport)
	s.routeNGPResources(mux)
	s.routeNGPFeatures(mux)
}

// writeNGPFault answers with Lantmäteriet's JSON fault v1.
func writeNGPFault(w http.ResponseWriter, status int, errs ...string) {
	reason := map[int]string{400: "Bad request", 403: "Forbidden", 404: "Not Found", 413: "Payload to large",
		415: "Unsupported Media Type", 500: "Internal server error"}[status]
	if reason == "" {
		reason = http.StatusText(status)
	}
	writeNGPJSON(w, status, map[string]any{"code": status, "reason": reason, "errors": errs})
}

func writeNGPJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func (s *Server) ngpTime(t time.Time) string { return t.In(s.loc).Format(ngp1.TimeLayout) }

func (s *Server) ngpHealth(w http.ResponseWriter, _ *http.Request) {
	s.ngp.mu.Lock()
	h := s.ngp.health
	s.ngp.mu.Unlock()
	status := http.StatusOK
	if h != "UP" {
		status = http.StatusServiceUnavailable
	}
	writeNGPJSON(w, status, ngp1.Health{Status: h})
}

// ngpDecode reads a JSON request body strictly enough to answer 400.
func ngpDecode(w http.ResponseWriter, r *http.Request, v any) bool {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		writeNGPFault(w, http.StatusUnsupportedMediaType, "Mediatypen stöds inte")
		return false
	}
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(r.Body)
	if err := json.Unmarshal(buf.Bytes(), v); err != nil {
		writeNGPFault(w, http.StatusBadRequest, "Felaktigt anrop: "+err.Error())
		return false
	}
	return true
}

func (s *Server) ngpRegister(w http.ResponseWriter, r *http.Request) {
	var body ngp1.SkapaMottagning
	if !ngpDecode(w, r, &body) {
		return
	}
	info := body.Leveransinfo
	if info.Informationstyp == "" || info.Provider == "" {
		writeNGPFault(w, http.StatusBadRequest, "Felaktigt anrop: leveransinfo kräver informationstyp och provider")
		return
	}
	if info.Informationstyp != "byggnad" && info.Informationstyp != "detaljplan" {
		writeNGPFault(w, http.StatusBadRequest, "Okänd informationstyp "+info.Informationstyp)
		return
	}
	n := s.ngp
	n.mu.Lock()
	defer n.mu.Unlock()
	producers := n.producers
	if len(producers) == 0 {
		producers = []string{s.opts.kommunkod}
	}
	if !slices.Contains(producers, info.Provider) {
		writeNGPFault(w, http.StatusForbidden, "Förbjudet anrop", "Producenten "+info.Provider+" får inte leverera "+info.Informationstyp)
		return
	}
	rec := &ngpReception{id: uuid.NewString(), infotyp: info.Informationstyp, provider: info.Provider,
		created: s.clock.Now(), changes: map[string]*ngpChange{}}
	n.receptions[rec.id] = rec
	w.Header().Set("Location", ngpUpdateBase+"/mottagning/"+rec.id)
	writeNGPJSON(w, http.StatusCreated, s.ngpReceptionWire(rec))
}

func (s *Server) ngpReceptionWire(rec *ngpReception) ngp1.Mottagning {
	status, at, msg := ngpAggregate(rec)
	return ngp1.Mottagning{ID: rec.id, Leveransinfo: ngp1.Leveransinfo{Informationstyp: rec.infotyp, Provider: rec.provider},
		Status: ngp1.Status{Typ: status, Tidsstampel: s.ngpTime(at), Felmeddelande: msg}}
}

// ngpRank orders the statuses a mottagning shares with all its changes.
var ngpRank = map[string]int{ngp1.Registrerad: 0, ngp1.Mottagen: 1, ngp1.Validerad: 2, ngp1.Publicerad: 3}

// ngpAggregate is the documented aggregate: fel or valideringsfel when any
// change has it, otherwise the status all changes have reached.
func ngpAggregate(rec *ngpReception) (string, time.Time, string) {
	at := rec.created
	if len(rec.order) == 0 {
		return ngp1.Registrerad, at, ""
	}
	low, bad := ngp1.Publicerad, ""
	for _, id := range rec.order {
		c := rec.changes[id]
		if c.at.After(at) {
			at = c.at
		}
		switch c.status {
		case ngp1.Fel:
			bad = ngp1.Fel
		case ngp1.Valideringsfel:
			if bad == "" {
				bad = ngp1.Valideringsfel
			}
		default:
			if ngpRank[c.status] < ngpRank[low] {
				low = c.status
			}
		}
	}
	switch bad {
	case ngp1.Fel:
		return bad, at, "En eller flera förändringar har fel"
	case ngp1.Valideringsfel:
		return bad, at, "En eller flera förändringar har valideringsfel"
	}
	return low, at, ""
}

// ngpReception finds a mottagning, advanced to now; the caller holds the
// lock. It answers 404 itself.
func (s *Server) ngpReception(w http.ResponseWriter, r *http.Request) *ngpReception {
	rec := s.ngp.receptions[r.PathValue("id")]
	if rec == nil {
		writeNGPFault(w, http.StatusNotFound, "Resursen finns inte", "Mottagningen "+r.PathValue("id")+" finns inte")
		return nil
	}
	s.ngpAdvance(rec)
	return rec
}

func (s *Server) ngpGetReception(w http.ResponseWriter, r *http.Request) {
	s.ngp.mu.Lock()
	defer s.ngp.mu.Unlock()
	if rec := s.ngpReception(w, r); rec != nil {
		writeNGPJSON(w, http.StatusOK, s.ngpReceptionWire(rec))
	}
}

func (s *Server) ngpChangeWire(c *ngpChange) ngp1.Forandring {
	return ngp1.Forandring{Objektidentitet: c.id, Typ: c.typ, Href: c.href,
		Status: ngp1.Status{Typ: c.status, Tidsstampel: s.ngpTime(c.at), Felmeddelande: c.message}}
}

func (s *Server) ngpRegisterChanges(w http.ResponseWriter, r *http.Request) {
	var body ngp1.SkapaForandringar
	if !ngpDecode(w, r, &body) {
		return
	}
	n := s.ngp
	n.mu.Lock()
	defer n.mu.Unlock()
	rec := s.ngpReception(w, r)
	if rec == nil {
		return
	}
	if len(body.Forandringar) == 0 {
		writeNGPFault(w, http.StatusBadRequest, "Felaktigt anrop: minst en förändring krävs")
		return
	}
	var errs []string
	seen := map[string]bool{}
	for i, f := range body.Forandringar {
		id, err := uuid.Parse(f.Objektidentitet)
		switch {
		case err != nil || id.String() != f.Objektidentitet:
			errs = append(errs, fmt.Sprintf("forandringar[%d].objektidentitet: ogiltig uuid", i))
		case rec.changes[f.Objektidentitet] != nil || seen[f.Objektidentitet]:
			// Counted, so that a test can see a client registering twice.
			n.registered[f.Objektidentitet]++
			errs = append(errs, fmt.Sprintf("forandringar[%d]: förändringen %s finns redan", i, f.Objektidentitet))
		}
		seen[f.Objektidentitet] = true
		if f.Typ != ngp1.Leverans && f.Typ != ngp1.Radering {
			errs = append(errs, fmt.Sprintf("forandringar[%d].typ: %q", i, f.Typ))
		}
		if f.Href != "" && (f.Typ != ngp1.Leverans || !strings.HasPrefix(f.Href, "https://")) {
			errs = append(errs, fmt.Sprintf("forandringar[%d].href: endast https för en leverans", i))
		}
	}
	if len(errs) > 0 {
		writeNGPFault(w, http.StatusBadRequest, errs...)
		return
	}
	now := s.clock.Now()
	out := ngp1.Forandringar{Forandringar: []ngp1.Forandring{}}
	for _, f := range body.Forandringar {
		c := &ngpChange{id: f.Objektidentitet, typ: f.Typ, href: f.Href, status: ngp1.Registrerad, at: now}
		if f.Typ == ngp1.Radering {
			c.status = ngp1.Mottagen
		}
		rec.changes[c.id] = c
		rec.order = append(rec.order, c.id)
		n.registered[c.id]++
		out.Forandringar = append(out.Forandringar, s.ngpChangeWire(c))
	}
	w.Header().Set("Location", ngpUpdateBase+"/mottagning/"+rec.id+"/forandringar")
	writeNGPJSON(w, http.StatusCreated, out)
}

func (s *Server) ngpListChanges(w http.ResponseWriter, r *http.Request) {
	s.ngp.mu.Lock()
	defer s.ngp.mu.Unlock()
	rec := s.ngpReception(w, r)
	if rec == nil {
		return
	}
	out := ngp1.Forandringar{Forandringar: make([]ngp1.Forandring, 0, len(rec.order))}
	for _, id := range rec.order {
		out.Forandringar = append(out.Forandringar, s.ngpChangeWire(rec.changes[id]))
	}
	writeNGPJSON(w, http.StatusOK, out)
}

// ngpChange finds a change; the caller holds the lock. It answers 404
// itself.
func (s *Server) ngpChange(w http.ResponseWriter, r *http.Request) (*ngpReception, *ngpChange) {
	rec := s.ngpReception(w, r)
	if rec == nil {
		return nil, nil
	}
	c := rec.changes[r.PathValue("obj")]
	if c == nil {
		writeNGPFault(w, http.StatusNotFound, "Resursen finns inte", "Förändringen "+r.PathValue("obj")+" finns inte")
		return nil, nil
	}
	return rec, c
}

func (s *Server) ngpGetChange(w http.ResponseWriter, r *http.Request) {
	s.ngp.mu.Lock()
	defer s.ngp.mu.Unlock()
	if _, c := s.ngpChange(w, r); c != nil {
		writeNGPJSON(w, http.StatusOK, s.ngpChangeWire(c))
	}
}

func (s *Server) ngpUpload(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(r.Body)
	n := s.ngp
	n.mu.Lock()
	defer n.mu.Unlock()
	rec, c := s.ngpChange(w, r)
	if c == nil {
		return
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case ngpMediaTypes[mt] == "":
		c.rejected++
		writeNGPFault(w, http.StatusUnsupportedMediaType, "Mediatypen stöds inte", "Mediatypen "+mt+" stöds inte")
		return
	case ngpMediaTypes[mt] != rec.infotyp:
		c.rejected++
		writeNGPFault(w, http.StatusUnsupportedMediaType, "Mediatypen stöds inte", "Mediatypen "+mt+" hör inte till informationstyp "+rec.infotyp)
		return
	case buf.Len() > n.maxObject:
		c.rejected++
		writeNGPFault(w, http.StatusRequestEntityTooLarge, "Anropet innehåller för mycket data")
		return
	case c.typ != ngp1.Leverans || c.href != "":
		c.rejected++
		writeNGPFault(w, http.StatusBadRequest, "Felaktigt anrop: förändringen tar inte emot något domänobjekt")
		return
	case c.status != ngp1.Registrerad && c.status != ngp1.Valideringsfel:
		c.rejected++
		writeNGPFault(w, http.StatusBadRequest, "Felaktigt anrop: domänobjektet kan inte laddas upp med status "+c.status)
		return
	}
	c.uploads++
	c.media, c.body = mt, bytes.Clone(buf.Bytes())
	c.status, c.message, c.at, c.report = ngp1.Mottagen, "", s.clock.Now(), nil
	// Lantmäteriet's own example points at …/leveranser/{id}, not at the
	// report operation's path: the client must follow what it is given.
	target := s.URL() + ngpUpdateBase + "/mottagning/" + rec.id + "/leveranser/" + c.id
	w.Header().Set("Location", target)
	writeNGPJSON(w, http.StatusSeeOther, ngp1.Redirect{Href: target})
}

func (s *Server) ngpReport(w http.ResponseWriter, r *http.Request) {
	s.ngp.mu.Lock()
	defer s.ngp.mu.Unlock()
	_, c := s.ngpChange(w, r)
	if c == nil {
		return
	}
	if c.report == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	writeNGPJSON(w, http.StatusOK, c.report)
}

// ngpAdvance moves rec's changes along by the Clock: validation
// Timings.Validation after arrival, publication Timings.Publication after
// the last validation once all are validerad. The caller holds the lock.
func (s *Server) ngpAdvance(rec *ngpReception) {
	n := s.ngp
	now := s.clock.Now()
	if !rec.advanced.IsZero() && !now.After(rec.advanced) {
		return
	}
	rec.advanced = now
	for _, id := range rec.order {
		c := rec.changes[id]
		due := c.at.Add(n.timings.Validation)
		switch {
		case c.status == ngp1.Registrerad && c.href != "" && !now.Before(due),
			c.status == ngp1.Mottagen && c.typ == ngp1.Radering && !now.Before(due):
			// A radering has nothing to validate; an eftersändning is
			// fetched from the producer (modelled) and passes.
			c.status, c.at = ngp1.Validerad, due
		case c.status == ngp1.Mottagen && !now.Before(due):
			c.report = s.ngpValidate(rec, c, due)
			c.status, c.at = ngp1.Validerad, due
			if c.report.Failures > 0 || c.report.Errors > 0 {
				c.status = ngp1.Valideringsfel
				c.message = "Domänobjektet har valideringsfel"
			}
		}
	}
	status, at, _ := ngpAggregate(rec)
	if status != ngp1.Validerad || now.Before(at.Add(n.timings.Publication)) {
		return
	}
	pub := at.Add(n.timings.Publication)
	for _, id := range rec.order {
		c := rec.changes[id]
		c.status, c.at = ngp1.Publicerad, pub
		s.ngpPublish(rec, c)
	}
}
