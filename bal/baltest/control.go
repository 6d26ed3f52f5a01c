package baltest

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// ControlPath is the base path of the control API, which lets a test in any
// language drive the fake over HTTP: inject faults, make Lantmäteriet act,
// move the clock and reset the state (docs/balsim.md). No service the SDK
// talks to lives under it. Every request carries the server's control token
// as "Authorization: Bearer TOKEN"; requests under it are never logged,
// never hit by injected faults and never need an OAuth2 token.
const ControlPath = "/_control/v1"

// maxControlBody bounds a control request's body.
const maxControlBody = 1 << 20

// WithControlToken sets the control API's token instead of a random one, for
// suites that want a fixed one.
func WithControlToken(token string) Option { return func(o *options) { o.controlToken = token } }

// ControlToken returns the token the control API accepts.
func (s *Server) ControlToken() string { return s.opts.controlToken }

// newControlToken returns a random control token.
func newControlToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return "balctl-" + hex.EncodeToString(b)
}

// controlError is a control API failure: a status and a message, answered as
// {"error": message}.
type controlError struct {
	status int
	msg    string
}

func (e *controlError) Error() string { return e.msg }

func controlBadRequest(format string, args ...any) *controlError {
	return &controlError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

func controlNotFound(format string, args ...any) *controlError {
	return &controlError{http.StatusNotFound, fmt.Sprintf(format, args...)}
}

// serveControl answers a request under ControlPath.
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(tok), []byte(s.opts.controlToken)) != 1 {
		writeControl(w, nil, &controlError{http.StatusUnauthorized, "the control API needs the control token as Authorization: Bearer TOKEN"})
		return
	}
	s.controlMux().ServeHTTP(w, r)
}

// controlMux routes the control API. It is built once per server.
func (s *Server) controlMux() *http.ServeMux {
	s.controlOnce.Do(func() {
		m := http.NewServeMux()
		p := ControlPath
		handle := func(pattern string, f func(*http.Request) (any, error)) {
			m.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
				v, err := f(r)
				writeControl(w, v, err)
			})
		}
		handle("GET "+p+"/info", func(*http.Request) (any, error) { return s.controlInfo(), nil })
		handle("POST "+p+"/reset", func(*http.Request) (any, error) { s.Reset(); return s.controlInfo(), nil })
		handle("GET "+p+"/clock", func(*http.Request) (any, error) { return s.controlClock(), nil })
		handle("POST "+p+"/clock", s.controlSetClock)
		handle("GET "+p+"/faults", func(*http.Request) (any, error) { return s.controlFaults(), nil })
		handle("POST "+p+"/faults", s.controlInject)
		handle("POST "+p+"/faults/chaos", s.controlChaos)
		handle("DELETE "+p+"/faults", func(*http.Request) (any, error) { s.ClearFaults(); return nil, nil })
		handle("DELETE "+p+"/faults/{id}", s.controlRemoveFault)
		handle("GET "+p+"/objects/{type}", s.controlObjects)
		handle("POST "+p+"/objects/{type}/{id}/retire", s.controlRetire)
		handle("POST "+p+"/buildings/{id}/edit", s.controlEditBuilding)
		handle("GET "+p+"/properties", s.controlProperties)
		handle("POST "+p+"/property-formations", s.controlFormProperty)
		handle("POST "+p+"/deficiencies", s.controlRaiseDeficiency)
		handle("POST "+p+"/deficiencies/{id}/status", s.controlDeficiencyStatus)
		handle("POST "+p+"/quality-check", s.controlQualityCheck)
		handle("POST "+p+"/cases", s.controlRaiseCase)
		handle("POST "+p+"/cases/{id}/status", s.controlCaseStatus)
		handle("GET "+p+"/requests", func(*http.Request) (any, error) { return s.controlRequests(), nil })
		s.routeControlGeotorget(handle)
		s.routeControlTokens(handle)
		handle(p+"/", func(r *http.Request) (any, error) {
			return nil, controlNotFound("no control operation %s %s", r.Method, r.URL.Path)
		})
		s.controlRoutes = m
	})
	return s.controlRoutes
}

// writeControl answers v as JSON (201 for a POST that made something, 204
// for nothing to say) or err as {"error": …}.
func writeControl(w http.ResponseWriter, v any, err error) {
	w.Header().Set("Cache-Control", "no-store")
	if err != nil {
		var ce *controlError
		status := http.StatusInternalServerError
		if errors.As(err, &ce) {
			status = ce.status
		} else if errors.Is(err, errRejected) {
			status = http.StatusConflict
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
		return
	}
	if v == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if c, ok := v.(createdValue); ok {
		v = c.v
		w.WriteHeader(http.StatusCreated)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// errRejected marks an act the server's own rules refused (409).
var errRejected = errors.New("rejected by the server's rules")

// decodeControl reads a JSON body strictly into v; an empty body leaves v
// as it is.
func decodeControl(r *http.Request, v any) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxControlBody+1))
	if err != nil {
		return controlBadRequest("reading the body: %v", err)
	}
	if len(body) > maxControlBody {
		return controlBadRequest("the body is larger than %d bytes", maxControlBody)
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return controlBadRequest("the body is not the JSON this operation takes: %v", err)
	}
	if dec.More() {
		return controlBadRequest("the body holds more than one JSON document")
	}
	return nil
}

// ControlInfo is what GET /info answers: the municipality, the addresses a
// client needs and how much the server holds.
type ControlInfo struct {
	// Kommunkod and Kommunnamn are the municipality's code and name.
	Kommunkod  string `json:"kommunkod"`
	Kommunnamn string `json:"kommunnamn,omitempty"`
	// Zone is the EPSG code of the municipality's local SWEREF 99 zone; 0
	// without generated data.
	Zone int `json:"zone,omitempty"`
	// Center is the municipality's centre in SWEREF 99 TM, easting first.
	Center []float64 `json:"center,omitempty"`
	// URL, TokenURL and UpdatePath are where the services are.
	URL        string `json:"url"`
	TokenURL   string `json:"tokenUrl"`
	UpdatePath string `json:"updatePath"`
	// Time is the server clock's time.
	Time time.Time `json:"time"`
	// Objects counts the objects of each type (retired ones included).
	Objects map[string]int `json:"objects"`
	// Deficiencies and Cases count the brister and ärenden.
	Deficiencies int `json:"deficiencies"`
	Cases        int `json:"cases"`
	// Changes is the sekvensnummer of the change feed's last change; 0 when
	// the feed is empty.
	Changes int64 `json:"changes"`
}

func (s *Server) controlInfo() *ControlInfo {
	in := &ControlInfo{Kommunkod: s.Kommunkod(), URL: s.URL(), TokenURL: s.TokenURL(), UpdatePath: s.UpdatePath(),
		Time: s.clock.Now().UTC(), Objects: map[string]int{}}
	if b := s.base; b != nil {
		in.Kommunnamn, in.Zone, in.Center = b.kommunnamn, b.zone, []float64{b.center[0], b.center[1]}
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, t := range update1.Typer() {
		in.Objects[string(t)] = len(s.st.ids[t])
	}
	in.Deficiencies, in.Cases, in.Changes = len(s.st.bristIDs), len(s.st.arendeIDs), s.st.nextSeq-1
	return in
}

// Reset puts the server back as it started: the loaded data without any
// later write, an empty change feed (or the initial one), no deficiencies or
// cases beyond the generated ones, no NGP deliveries, no Geotorget orders
// (their files removed), no fault rules, an
// empty request log and the clock as it started (running, or stopped at
// WithTime's time). Issued tokens stay valid, so clients keep working.
func (s *Server) Reset() {
	s.mu.Lock()
	s.st = newStore()
	if s.base != nil {
		s.loadBase()
	}
	s.mu.Unlock()
	s.ngp.reset(s.opts)
	s.gt.reset()
	s.ClearFaults()
	s.ClearRequests()
	if s.opts.start.IsZero() {
		s.clock.run()
	} else {
		s.clock.Set(s.opts.start)
	}
}

// reset empties the platform's state, keeping its configuration.
func (n *ngpState) reset(o options) {
	fresh := newNGPState(o)
	n.mu.Lock()
	defer n.mu.Unlock()
	n.health, n.receptions, n.registered = fresh.health, fresh.receptions, fresh.registered
	n.catalogs, n.files, n.resources = fresh.catalogs, fresh.files, fresh.resources
}

// run lets the clock follow the wall clock again.
func (c *Clock) run() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen = false
}

// ControlClock is the server clock's state.
type ControlClock struct {
	// Time is the clock's time.
	Time time.Time `json:"time"`
	// Running is true while the clock follows the wall clock, false once it
	// was set or advanced.
	Running bool `json:"running"`
}

func (s *Server) controlClock() ControlClock {
	s.clock.mu.Lock()
	running := !s.clock.frozen
	s.clock.mu.Unlock()
	return ControlClock{Time: s.clock.Now().UTC(), Running: running}
}

// controlClockRequest is POST /clock's body: one of the three.
type controlClockRequest struct {
	Advance string     `json:"advance,omitempty"`
	Set     *time.Time `json:"set,omitempty"`
	Run     bool       `json:"run,omitempty"`
}

func (s *Server) controlSetClock(r *http.Request) (any, error) {
	var req controlClockRequest
	if err := decodeControl(r, &req); err != nil {
		return nil, err
	}
	n := 0
	for _, set := range []bool{req.Advance != "", req.Set != nil, req.Run} {
		if set {
			n++
		}
	}
	if n != 1 {
		return nil, controlBadRequest(`give exactly one of "advance" (a duration such as "90s"), "set" (an RFC 3339 time) or "run": true`)
	}
	switch {
	case req.Advance != "":
		d, err := time.ParseDuration(req.Advance)
		if err != nil || d < 0 {
			return nil, controlBadRequest("advance: %q is not a non-negative duration such as \"90s\" or \"2h\"", req.Advance)
		}
		s.clock.Advance(d)
	case req.Set != nil:
		s.clock.Set(*req.Set)
	default:
		s.clock.run()
	}
	return s.controlClock(), nil
}

// ControlFault is a fault rule as the control API takes and shows it.
// Durations are Go duration strings ("250ms", "2s").
type ControlFault struct {
	// ID identifies the rule in force (answers only).
	ID int `json:"id,omitempty"`
	// Name, Method, PathPrefix, Status, Code, Every, Probability, Seed and
	// Times are FaultRule's.
	Name       string `json:"name,omitempty"`
	Method     string `json:"method,omitempty"`
	PathPrefix string `json:"pathPrefix,omitempty"`
	// Kind is status, reset, reset-after-apply, truncate, html, delay or
	// cut.
	Kind        string  `json:"kind"`
	Status      int     `json:"status,omitempty"`
	Code        string  `json:"code,omitempty"`
	RetryAfter  string  `json:"retryAfter,omitempty"`
	Delay       string  `json:"delay,omitempty"`
	Every       int     `json:"every,omitempty"`
	Probability float64 `json:"probability,omitempty"`
	Seed        uint64  `json:"seed,omitempty"`
	Times       int     `json:"times,omitempty"`
	// At and RandomAt place a cut: the body offset, or a random one.
	At       int64 `json:"at,omitempty"`
	RandomAt bool  `json:"randomAt,omitempty"`
	// Matches and Fired count the requests the rule matched and hit
	// (answers only).
	Matches int `json:"matches"`
	Fired   int `json:"fired"`
}

// faultKinds are the kinds by name, and their names in order: every kind
// FaultKind.String names.
var (
	faultKinds     = map[string]FaultKind{}
	faultKindNames []string
)

func init() {
	for k := FaultStatus; !strings.HasPrefix(k.String(), "fault("); k++ {
		faultKinds[k.String()] = k
		faultKindNames = append(faultKindNames, k.String())
	}
}

// rule checks f and returns the FaultRule it describes.
func (f ControlFault) rule() (FaultRule, error) {
	k, ok := faultKinds[f.Kind]
	if !ok {
		return FaultRule{}, controlBadRequest("kind %q is not one of %s", f.Kind, strings.Join(faultKindNames, ", "))
	}
	r := FaultRule{Name: f.Name, Method: strings.ToUpper(f.Method), PathPrefix: f.PathPrefix, Kind: k, Status: f.Status,
		Code: f.Code, Every: f.Every, Probability: f.Probability, Seed: f.Seed, Times: f.Times, At: f.At, RandomAt: f.RandomAt}
	var err error
	if r.RetryAfter, err = parseControlDuration("retryAfter", f.RetryAfter); err != nil {
		return FaultRule{}, err
	}
	if r.Delay, err = parseControlDuration("delay", f.Delay); err != nil {
		return FaultRule{}, err
	}
	switch {
	case f.Status != 0 && (f.Status < 100 || f.Status > 599):
		return FaultRule{}, controlBadRequest("status %d is not an HTTP status", f.Status)
	case f.Every < 0 || f.Times < 0 || f.At < 0:
		return FaultRule{}, controlBadRequest("every, times and at must not be negative")
	case f.Probability < 0 || f.Probability > 1:
		return FaultRule{}, controlBadRequest("probability %v is not between 0 and 1", f.Probability)
	case f.Every > 0 && f.Probability > 0:
		return FaultRule{}, controlBadRequest("give every or probability, not both")
	case f.PathPrefix != "" && !strings.HasPrefix(f.PathPrefix, "/"):
		return FaultRule{}, controlBadRequest("pathPrefix %q must start with /", f.PathPrefix)
	}
	return r, nil
}

func parseControlDuration(field, v string) (time.Duration, error) {
	if v == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, controlBadRequest("%s: %q is not a non-negative duration such as \"250ms\" or \"2s\"", field, v)
	}
	return d, nil
}

// controlFault shows a rule in force.
func controlFault(in *injected) ControlFault {
	in.mu.Lock()
	defer in.mu.Unlock()
	f := ControlFault{ID: in.id, Name: in.Name, Method: in.Method, PathPrefix: in.PathPrefix, Kind: in.Kind.String(),
		Status: in.Status, Code: in.Code, Every: in.Every, Probability: in.Probability, Seed: in.Seed, Times: in.Times,
		At: in.At, RandomAt: in.RandomAt, Matches: in.matches, Fired: in.fired}
	if in.RetryAfter > 0 {
		f.RetryAfter = in.RetryAfter.String()
	}
	if in.Delay > 0 {
		f.Delay = in.Delay.String()
	}
	return f
}

func (s *Server) controlFaults() []ControlFault {
	s.injMu.Lock()
	rules := append([]*injected(nil), s.rules...)
	s.injMu.Unlock()
	out := make([]ControlFault, 0, len(rules))
	for _, in := range rules {
		out = append(out, controlFault(in))
	}
	return out
}

func (s *Server) controlInject(r *http.Request) (any, error) {
	var f ControlFault
	if err := decodeControl(r, &f); err != nil {
		return nil, err
	}
	rule, err := f.rule()
	if err != nil {
		return nil, err
	}
	return createdValue{controlFault(s.inject(rule))}, nil
}

// createdValue marks an answer as 201 Created.
type createdValue struct{ v any }

// controlChaosRequest is POST /faults/chaos's body.
type controlChaosRequest struct {
	PathPrefix  string  `json:"pathPrefix"`
	Probability float64 `json:"probability"`
	Seed        uint64  `json:"seed"`
}

func (s *Server) controlChaos(r *http.Request) (any, error) {
	var req controlChaosRequest
	if err := decodeControl(r, &req); err != nil {
		return nil, err
	}
	if req.Probability <= 0 || req.Probability >= 1 {
		return nil, controlBadRequest("probability %v must be between 0 and 1", req.Probability)
	}
	s.InjectChaos(req.PathPrefix, req.Probability, req.Seed)
	faults := s.controlFaults()
	return faults[len(faults)-4:], nil
}

func (s *Server) controlRemoveFault(r *http.Request) (any, error) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		return nil, controlBadRequest("fault id %q is not a number", r.PathValue("id"))
	}
	if !s.removeRule(id) {
		return nil, controlNotFound("no fault rule %d", id)
	}
	return nil, nil
}

// ControlObject is an object as GET /objects/{type} lists it.
type ControlObject struct {
	Type    string `json:"type"`
	ID      string `json:"id"`
	Version int64  `json:"version"`
	Status  string `json:"status"`
	// Properties are the registerenheter the object lies on.
	Properties []string `json:"properties,omitempty"`
}

// controlType reads a type from a path: any spelling bal.ObjectType reads,
// of the seven updatable types.
func controlType(v string) (update1.Objekttyp, error) {
	var t bal.ObjectType
	_ = t.UnmarshalText([]byte(v)) // never fails: an unknown type is kept, and refused below
	if !t.Updatable() {
		return "", controlBadRequest("%q is not one of the types Byggnad, Entre, Lagenhet, Adressplats, Adressomrade, Gardsadressomrade, Kommundel", v)
	}
	return update1.Objekttyp(t), nil
}

// controlLimit reads ?limit=, default 100, at most 10 000.
func controlLimit(r *http.Request) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return 100, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 10_000 {
		return 0, controlBadRequest("limit %q is not a number from 1 to 10000", v)
	}
	return n, nil
}

func (s *Server) controlObjects(r *http.Request) (any, error) {
	typ, err := controlType(r.PathValue("type"))
	if err != nil {
		return nil, err
	}
	limit, err := controlLimit(r)
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []ControlObject{}
	for _, id := range s.st.ids[typ] {
		if len(out) == limit {
			break
		}
		rec := s.st.records[okey{typ, id}]
		m := rec.current().Meta()
		out = append(out, ControlObject{Type: string(typ), ID: id, Version: rec.version(), Status: m.Objektstatus,
			Properties: propertiesOf(rec.current())})
	}
	return out, nil
}

// ControlReceipt is the receipt of a change Lantmäteriet made.
type ControlReceipt struct {
	ID        string    `json:"id"`
	Version   int64     `json:"version"`
	ValidFrom time.Time `json:"validFrom"`
}

func controlReceipt(k *update1.Kvitto) *ControlReceipt {
	t, _ := k.VersionGiltigFran.Time()
	return &ControlReceipt{ID: k.Objektidentitet, Version: k.Objektversion, ValidFrom: t.UTC()}
}

// controlRejected turns a refusal by the server's rules into a 409 answer and a
// missing object into a 404.
func controlRejected(err error) error {
	var ae *apiError
	if errors.As(err, &ae) && ae.status == http.StatusNotFound {
		return controlNotFound("%v", err)
	}
	return fmt.Errorf("%w: %w", errRejected, err)
}

// retirement is the åtgärdstyp of each type's retirement.
var retirement = map[update1.Objekttyp]string{
	update1.TypByggnad: "Riven, nedbrunnen byggnad", update1.TypEntre: "Borttagen entré",
	update1.TypLagenhet: "Riven lägenhet", update1.TypAdressplats: "Borttagen", update1.TypAdressomrade: "Borttagen",
	update1.TypGardsadressomrade: "Borttagen", update1.TypKommundel: "Borttagen",
}

// controlRetireRequest is POST /objects/{type}/{id}/retire's body.
type controlRetireRequest struct {
	// ActionType is the åtgärdstyp recorded; default the type's
	// retirement.
	ActionType string `json:"actionType,omitempty"`
}

func (s *Server) controlRetire(r *http.Request) (any, error) {
	typ, err := controlType(r.PathValue("type"))
	if err != nil {
		return nil, err
	}
	var req controlRetireRequest
	if err := decodeControl(r, &req); err != nil {
		return nil, err
	}
	id := r.PathValue("id")
	o, ok := s.object(typ, id)
	if !ok {
		return nil, controlNotFound("%s %s does not exist", typ, id)
	}
	if o.Meta().Objektstatus == string(bal.StatusRetired) {
		return nil, &controlError{http.StatusConflict, fmt.Sprintf("%s %s is already retired", typ, id)}
	}
	o.Meta().Objektstatus = string(bal.StatusRetired)
	a := s.lmAction(typ)
	a.Atgardstyp = retirement[typ]
	if req.ActionType != "" {
		a.Atgardstyp = req.ActionType
	}
	k, err := s.put(a, o)
	if err != nil {
		return nil, controlRejected(err)
	}
	return controlReceipt(k), nil
}

// controlEditRequest is POST /buildings/{id}/edit's body: what to change;
// nothing stores the same attributes as a new version.
type controlEditRequest struct {
	HouseNumber      *int `json:"houseNumber,omitempty"`
	ConstructionYear *int `json:"constructionYear,omitempty"`
}

func (s *Server) controlEditBuilding(r *http.Request) (any, error) {
	var req controlEditRequest
	if err := decodeControl(r, &req); err != nil {
		return nil, err
	}
	k, err := s.editBuilding(r.PathValue("id"), func(b *update1.Byggnad) {
		if req.HouseNumber != nil {
			b.Byggnadsattribut.Husnummer = *req.HouseNumber
		}
		if req.ConstructionYear != nil {
			b.Byggnadsattribut.Nybyggnadsar = *req.ConstructionYear
		}
	})
	if err != nil {
		return nil, controlRejected(err)
	}
	return controlReceipt(k), nil
}

// ControlProperty is a registerenhet as GET /properties lists it.
type ControlProperty struct {
	ID          string `json:"id"`
	Designation string `json:"designation"`
	// Center is a point inside the property's area in SWEREF 99 TM,
	// easting first; absent without an area.
	Center []float64 `json:"center,omitempty"`
}

func (s *Server) controlProperties(r *http.Request) (any, error) {
	limit, err := controlLimit(r)
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []ControlProperty{}
	for _, id := range s.st.propertyIDs {
		if len(out) == limit {
			break
		}
		p := s.st.properties[id]
		cp := ControlProperty{ID: p.Objektidentitet, Designation: p.Beteckning}
		if p.Omrade != nil {
			if c, err := geometry.Centroid(p.Omrade); err == nil {
				cp.Center = []float64{c.X(), c.Y()}
			}
		}
		out = append(out, cp)
	}
	return out, nil
}

// controlFormationRequest is POST /property-formations' body.
type controlFormationRequest struct {
	// From is the registerenhet split; default the first building's
	// first, or the first registerenhet.
	From string `json:"from,omitempty"`
	// Buildings move to the new registerenhet; none means the first on
	// From.
	Buildings []string `json:"buildings,omitempty"`
}

// ControlFormation is what a property formation made.
type ControlFormation struct {
	Case     *ControlCase    `json:"case"`
	Property ControlProperty `json:"property"`
}

func (s *Server) controlFormProperty(r *http.Request) (any, error) {
	var req controlFormationRequest
	if err := decodeControl(r, &req); err != nil {
		return nil, err
	}
	if req.From == "" && len(req.Buildings) > 0 {
		if o, ok := s.object(update1.TypByggnad, req.Buildings[0]); ok && len(o.(*update1.Byggnad).LiggerPa) > 0 {
			req.From = o.(*update1.Byggnad).LiggerPa[0].Objektidentitet
		}
	}
	if req.From == "" {
		s.mu.RLock()
		if len(s.st.propertyIDs) > 0 {
			req.From = s.st.propertyIDs[0]
		}
		s.mu.RUnlock()
		if req.From == "" {
			return nil, controlBadRequest("the server holds no registerenhet to split")
		}
	}
	a, p, err := s.formProperty(req.From, req.Buildings...)
	if err != nil {
		if strings.Contains(err.Error(), "does not exist") {
			return nil, controlNotFound("%v", err)
		}
		return nil, controlRejected(err)
	}
	return &ControlFormation{Case: controlCase(a), Property: ControlProperty{ID: p.Objektidentitet, Designation: p.Beteckning}}, nil
}

// ControlRef names an object.
type ControlRef struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// ControlDeficiency is a brist as the control API shows it.
type ControlDeficiency struct {
	ID          string      `json:"id"`
	Version     int64       `json:"version"`
	Type        string      `json:"type"`
	Status      string      `json:"status"`
	Description string      `json:"description,omitempty"`
	Kommunkod   string      `json:"kommunkod"`
	Object      *ControlRef `json:"object,omitempty"`
	Property    string      `json:"property,omitempty"`
}

func controlDeficiency(b *update1.Brist) ControlDeficiency {
	d := ControlDeficiency{ID: b.Objektidentitet, Version: b.Objektversion, Type: b.Bristtyp, Status: b.Status,
		Description: b.Beskrivning, Kommunkod: b.Kommunkod}
	if b.Objekt != nil {
		d.Object = &ControlRef{Type: string(b.Objekt.Objekttyp), ID: b.Objekt.Objektidentitet}
	}
	if b.Registerenhet != nil {
		d.Property = b.Registerenhet.Objektidentitet
	}
	return d
}

// controlDeficiencyRequest is POST /deficiencies' body.
type controlDeficiencyRequest struct {
	Object      ControlRef `json:"object"`
	Type        string     `json:"type"`
	Description string     `json:"description,omitempty"`
}

func (s *Server) controlRaiseDeficiency(r *http.Request) (any, error) {
	var req controlDeficiencyRequest
	if err := decodeControl(r, &req); err != nil {
		return nil, err
	}
	typ, err := controlType(req.Object.Type)
	if err != nil {
		return nil, err
	}
	if req.Type == "" {
		return nil, controlBadRequest(`"type" (the bristtyp, e.g. "Byggnad saknar adress") is required`)
	}
	b, err := s.raiseDeficiency(update1.Objektreferens{Objekttyp: typ, Objektidentitet: req.Object.ID}, req.Type, req.Description)
	if err != nil {
		return nil, controlNotFound("%v", err)
	}
	return controlDeficiency(b), nil
}

func (s *Server) controlQualityCheck(*http.Request) (any, error) {
	out := []ControlDeficiency{}
	for _, b := range s.runQualityCheck() {
		out = append(out, controlDeficiency(b))
	}
	return out, nil
}

// controlStatusRequest is the body of the status operations.
type controlStatusRequest struct {
	Status string `json:"status"`
}

func (s *Server) controlDeficiencyStatus(r *http.Request) (any, error) {
	var req controlStatusRequest
	if err := decodeControl(r, &req); err != nil {
		return nil, err
	}
	st := bristStatuses.Parse(req.Status)
	if !bristStatuses.Known(st) {
		return nil, controlBadRequest("status %q is not one of %s", req.Status, strings.Join(bristStatuses.Values(), ", "))
	}
	b, err := s.editDeficiency(r.PathValue("id"), func(b *update1.Brist) { b.Status = st })
	if err != nil {
		return nil, controlNotFound("%v", err)
	}
	return controlDeficiency(b), nil
}

// ControlCase is an ärende as the control API shows it.
type ControlCase struct {
	ID          string       `json:"id"`
	Version     int64        `json:"version"`
	Number      string       `json:"number"`
	Type        string       `json:"type"`
	Status      string       `json:"status"`
	Description string       `json:"description,omitempty"`
	Kommunkod   string       `json:"kommunkod"`
	Objects     []ControlRef `json:"objects"`
	Properties  []string     `json:"properties"`
}

func controlCase(a *update1.Arende) *ControlCase {
	c := &ControlCase{ID: a.Objektidentitet, Version: a.Objektversion, Number: a.Arendenummer, Type: a.Arendetyp,
		Status: a.Status, Description: a.Beskrivning, Kommunkod: a.Kommunkod, Objects: []ControlRef{}, Properties: []string{}}
	for _, o := range a.Objekt {
		c.Objects = append(c.Objects, ControlRef{Type: string(o.Objekttyp), ID: o.Objektidentitet})
	}
	for _, p := range a.Registerenhet {
		c.Properties = append(c.Properties, p.Objektidentitet)
	}
	return c
}

// controlCaseRequest is POST /cases' body.
type controlCaseRequest struct {
	Type        string       `json:"type"`
	Description string       `json:"description,omitempty"`
	Objects     []ControlRef `json:"objects,omitempty"`
}

func (s *Server) controlRaiseCase(r *http.Request) (any, error) {
	var req controlCaseRequest
	if err := decodeControl(r, &req); err != nil {
		return nil, err
	}
	typ := caseTypes.Parse(req.Type)
	if !caseTypes.Known(typ) {
		return nil, controlBadRequest("type %q is not one of %s", req.Type, strings.Join(caseTypes.Values(), ", "))
	}
	refs := make([]update1.Objektreferens, 0, len(req.Objects))
	for _, o := range req.Objects {
		t, err := controlType(o.Type)
		if err != nil {
			return nil, err
		}
		refs = append(refs, update1.Objektreferens{Objekttyp: t, Objektidentitet: o.ID})
	}
	a, err := s.raiseCase(typ, req.Description, refs...)
	if err != nil {
		return nil, controlNotFound("%v", err)
	}
	return controlCase(a), nil
}

func (s *Server) controlCaseStatus(r *http.Request) (any, error) {
	var req controlStatusRequest
	if err := decodeControl(r, &req); err != nil {
		return nil, err
	}
	st := caseStatuses.Parse(req.Status)
	if !caseStatuses.Known(st) {
		return nil, controlBadRequest("status %q is not one of %s", req.Status, strings.Join(caseStatuses.Values(), ", "))
	}
	a, err := s.editCase(r.PathValue("id"), func(a *update1.Arende) { a.Status = st })
	if err != nil {
		return nil, controlNotFound("%v", err)
	}
	return controlCase(a), nil
}

// ControlRequest is an entry of the request log, without its body.
type ControlRequest struct {
	Time           time.Time `json:"time"`
	Method         string    `json:"method"`
	Path           string    `json:"path"`
	Query          string    `json:"query,omitempty"`
	Status         int       `json:"status"`
	Client         string    `json:"client,omitempty"`
	RequestID      string    `json:"requestId,omitempty"`
	IdempotencyKey string    `json:"idempotencyKey,omitempty"`
	Injected       string    `json:"injected,omitempty"`
}

func (s *Server) controlRequests() []ControlRequest {
	log := s.Requests()
	out := make([]ControlRequest, 0, len(log))
	for _, e := range log {
		out = append(out, ControlRequest{Time: e.Time.UTC(), Method: e.Method, Path: e.Path, Query: e.Query, Status: e.Status,
			Client: e.Client, RequestID: e.RequestID, IdempotencyKey: e.IdempotencyKey, Injected: e.Injected})
	}
	return out
}
