package ngp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/ngp1"
)

// Deliveries is Geodatakatalog Uppdatering v1.1: register a delivery
// (mottagning), register its changes (förändringar), upload each domain
// object, watch the statuses and read the validation reports. The API has no
// idempotency keys, so none of its writes is resent automatically; Publish
// runs the whole flow and recovers from broken connections by reading back
// what the server has.
type Deliveries struct {
	t *transport.Transport
}

// MediaType is a domain object's media type: it names format, information
// type and model version.
type MediaType string

// The media types Uppdatering v1.1 lists.
const (
	MediaByggnadV1    MediaType = "application/vnd.lm.byggnad.v1+json"    // MediaByggnadV1 is Byggnad, model version 1.
	MediaDetaljplanV1 MediaType = "application/vnd.lm.detaljplan.v1+json" // MediaDetaljplanV1 is Detaljplan, model version 1.
	MediaDetaljplanV2 MediaType = "application/vnd.lm.detaljplan.v2+json" // MediaDetaljplanV2 is Detaljplan, model version 2.
	MediaDetaljplanV3 MediaType = "application/vnd.lm.detaljplan.v3+json" // MediaDetaljplanV3 is Detaljplan, model version 3.
)

// DeliveryInfo is leveransinfo: what is delivered and by whom.
type DeliveryInfo struct {
	// InformationType is informationstyp, e.g. "byggnad" or "detaljplan".
	InformationType string
	// Provider is the producer, e.g. the kommunkod "2180".
	Provider string
}

// StatusType is a status typ.
type StatusType string

// The statuses of a delivery and its changes.
const (
	StatusRegistered StatusType = "registrerad"    // StatusRegistered is "registrerad": waiting for the object.
	StatusReceived   StatusType = "mottagen"       // StatusReceived is "mottagen": uploaded (or a radering), not yet validated.
	StatusValidated  StatusType = "validerad"      // StatusValidated is "validerad".
	StatusInvalid    StatusType = "valideringsfel" // StatusInvalid is "valideringsfel": upload again after fixing.
	StatusPublished  StatusType = "publicerad"     // StatusPublished is "publicerad".
	StatusFailed     StatusType = "fel"            // StatusFailed is "fel".
)

// Status is a status object.
type Status struct {
	// Type is typ.
	Type StatusType
	// Time is tidsstampel, when the status last changed.
	Time time.Time
	// Message is felmeddelande, when the server gave one.
	Message string
}

// Reception is a mottagning: one delivery of changes.
type Reception struct {
	// ID is the mottagningsid.
	ID string
	// Info is leveransinfo.
	Info DeliveryInfo
	// Status is the aggregate status: registrerad, mottagen, validerad or
	// publicerad when all its changes have it; valideringsfel or fel when
	// any has.
	Status Status
	// Location is the Location header of the registration, when given.
	Location string
}

// ChangeType is a förändring's typ.
type ChangeType string

// The change types.
const (
	ChangeDelivery ChangeType = "leverans" // ChangeDelivery is "leverans": an object to upload.
	ChangeDeletion ChangeType = "radering" // ChangeDeletion is "radering": remove the object.
)

// NewChange is a förändring to register.
type NewChange struct {
	// ObjectID is objektidentitet, the domain object's identity.
	ObjectID bal.ObjectID
	// Type is typ.
	Type ChangeType
	// Href, when set (https only), registers an eftersändning: the
	// producer serves the object itself.
	Href string
}

// Change is a registered förändring with its status.
type Change struct {
	// ObjectID is objektidentitet.
	ObjectID bal.ObjectID
	// Type is typ.
	Type ChangeType
	// Href is the eftersändning's address, if any.
	Href string
	// Status is the change's status.
	Status Status
}

// Receipt is the answer to an upload: the address of its validation report.
type Receipt struct {
	// ReportURL is where the validation report will be, as the server gave
	// it (Location, or the body's href).
	ReportURL string
	// RequestID identifies the upload call.
	RequestID string
}

// CaseStatus is a test case's status.
type CaseStatus string

// The test case statuses.
const (
	CaseOK      CaseStatus = "OK"      // CaseOK: the rule passed.
	CaseFailure CaseStatus = "FAILURE" // CaseFailure: the rule failed; the delivery stops.
	CaseWarning CaseStatus = "WARNING" // CaseWarning: passed, but something should be corrected.
	CaseError   CaseStatus = "ERROR"   // CaseError: the rule could not run.
	CaseSkipped CaseStatus = "SKIPPED" // CaseSkipped: the rule was not run.
)

// Report is a validation report (validering-1.0).
type Report struct {
	// Name is name.
	Name string
	// Time is timestamp.
	Time time.Time
	// Tests, Failures, Warnings, Errors and Skipped count the test cases.
	Tests, Failures, Warnings, Errors, Skipped int
	// Duration is time, in seconds.
	Duration float64
	// Cases are the testcase entries.
	Cases []TestCase
}

// TestCase is one rule's result.
type TestCase struct {
	// ID is the rule id, e.g. "BAS-005".
	ID string
	// Label is the rule's text.
	Label string
	// Duration is time, in seconds.
	Duration float64
	// Status is the result.
	Status CaseStatus
	// Messages explain a result other than OK.
	Messages []string
}

// Problems returns the cases that did not pass (FAILURE, ERROR, WARNING,
// SKIPPED), in the report's order.
func (r *Report) Problems() []TestCase {
	var out []TestCase
	for _, c := range r.Cases {
		if c.Status != CaseOK {
			out = append(out, c)
		}
	}
	return out
}

// HealthStatus is the service's health.
type HealthStatus string

// The health statuses.
const (
	HealthUnknown      HealthStatus = "UNKNOWN"        // HealthUnknown is "UNKNOWN".
	HealthUp           HealthStatus = "UP"             // HealthUp is "UP".
	HealthDown         HealthStatus = "DOWN"           // HealthDown is "DOWN".
	HealthOutOfService HealthStatus = "OUT_OF_SERVICE" // HealthOutOfService is "OUT_OF_SERVICE".
)

// ErrReportNotReady is returned by Report and ChangeReport while the
// validation has not produced its report (204).
var ErrReportNotReady = errors.New("ngp: validation report not ready")

// Register registers a mottagning (POST /mottagning). It is not resent on a
// broken connection: a new attempt may leave an empty mottagning behind,
// which is harmless.
func (d *Deliveries) Register(ctx context.Context, info DeliveryInfo) (*Reception, error) {
	const op = "ngp.Register"
	if err := checkInfo(op, info); err != nil {
		return nil, err
	}
	settle, err := d.record(ctx, op, bal.WriteObject{Kind: bal.WriteRegister, Type: recordReception})
	if err != nil {
		return nil, err
	}
	r, res, err := d.register(ctx, op, info)
	wr := &bal.WriteResult{Err: err}
	if err == nil {
		id, _ := bal.ParseObjectID(r.ID) // a mottagningsid that is no UUID is recorded without it
		wr.Receipts = []bal.Receipt{{ID: id, RequestID: res.RequestID, Attempts: res.Attempts}}
	}
	settle(wr)
	return r, err
}

func (d *Deliveries) register(ctx context.Context, op string, info DeliveryInfo) (*Reception, *bal.Response, error) {
	var w ngp1.Mottagning
	res, err := d.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodPost, Base: UpdateBase, Path: "/mottagning",
		Body:       ngp1.SkapaMottagning{Leveransinfo: ngp1.Leveransinfo{Informationstyp: info.InformationType, Provider: info.Provider}},
		BodyFormat: bal.FormatJSON, Accept: bal.FormatJSON, Out: &w})
	if err != nil {
		return nil, nil, err
	}
	r, err := receptionOf(&w)
	if err != nil {
		return nil, nil, transport.Invalid(op, res, err)
	}
	r.Location = res.Header.Get("Location")
	return r, res, nil
}

// Get reads a mottagning and its aggregate status (GET /mottagning/{id}).
func (d *Deliveries) Get(ctx context.Context, id string) (*Reception, error) {
	const op = "ngp.Get"
	var w ngp1.Mottagning
	res, err := d.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodGet, Base: UpdateBase,
		Path: transport.Path("mottagning", id), Accept: bal.FormatJSON, Out: &w})
	if err != nil {
		return nil, err
	}
	r, err := receptionOf(&w)
	if err != nil {
		return nil, transport.Invalid(op, res, err)
	}
	return r, nil
}

// RegisterChanges registers changes in a mottagning (POST
// /mottagning/{id}/forandringar). A leverans starts registrerad, a radering
// mottagen. It is not resent on a broken connection: read Changes to see
// what the server registered.
func (d *Deliveries) RegisterChanges(ctx context.Context, id string, changes []NewChange) ([]Change, error) {
	const op = "ngp.RegisterChanges"
	body, err := changesBody(op, changes)
	if err != nil {
		return nil, err
	}
	objs := make([]bal.WriteObject, len(changes))
	for i, c := range changes {
		objs[i] = bal.WriteObject{Kind: bal.WriteDeliver, Type: recordChange, ID: changeName(id, c.ObjectID)}
		if c.Type == ChangeDeletion {
			objs[i].Kind = bal.WriteDelete
		}
	}
	settle, err := d.record(ctx, op, objs...)
	if err != nil {
		return nil, err
	}
	var w ngp1.Forandringar
	res, err := d.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodPost, Base: UpdateBase,
		Path: transport.Path("mottagning", id, "forandringar"), Body: body, BodyFormat: bal.FormatJSON,
		Accept: bal.FormatJSON, Out: &w})
	var out []Change
	if err == nil {
		if out, err = changesOf(w.Forandringar); err != nil {
			err = transport.Invalid(op, res, err)
		}
	}
	wr := &bal.WriteResult{Err: err}
	if err == nil {
		// One receipt per change asked for, in order: the ones the answer
		// confirms carry their identity.
		got := make(map[bal.ObjectID]bool, len(out))
		for _, c := range out {
			got[c.ObjectID] = true
		}
		wr.Receipts = make([]bal.Receipt, len(changes))
		for i, c := range changes {
			if got[c.ObjectID] {
				wr.Receipts[i] = bal.Receipt{ID: c.ObjectID, RequestID: res.RequestID, Attempts: res.Attempts}
			}
		}
	}
	settle(wr)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Changes reads every change of a mottagning with its status (GET
// /mottagning/{id}/forandringar).
func (d *Deliveries) Changes(ctx context.Context, id string) ([]Change, error) {
	const op = "ngp.Changes"
	var w ngp1.Forandringar
	res, err := d.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodGet, Base: UpdateBase,
		Path: transport.Path("mottagning", id, "forandringar"), Accept: bal.FormatJSON, Out: &w})
	if err != nil {
		return nil, err
	}
	out, err := changesOf(w.Forandringar)
	if err != nil {
		return nil, transport.Invalid(op, res, err)
	}
	return out, nil
}

// Change reads one change (GET /mottagning/{id}/forandringar/{objektidentitet}).
func (d *Deliveries) Change(ctx context.Context, id string, object bal.ObjectID) (*Change, error) {
	const op = "ngp.Change"
	var w ngp1.Forandring
	res, err := d.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodGet, Base: UpdateBase,
		Path: transport.Path("mottagning", id, "forandringar", object.String()), Accept: bal.FormatJSON, Out: &w})
	if err != nil {
		return nil, err
	}
	out, err := changesOf([]ngp1.Forandring{w})
	if err != nil {
		return nil, transport.Invalid(op, res, err)
	}
	return &out[0], nil
}

// Upload uploads a domain object to its change (POST
// /mottagning/{id}/forandringar/{objektidentitet}/leverans) with its media
// type. The server answers 303 with the report's address; that is success,
// and the redirect is not followed (following it would send the file again
// or read a report that does not exist yet). Read the report with Report at
// the address returned. An object may be uploaded again while its change is
// registrerad or valideringsfel. The upload is not resent on a broken
// connection: read the change to see whether it arrived (status mottagen or
// later).
func (d *Deliveries) Upload(ctx context.Context, id string, object bal.ObjectID, media MediaType, body []byte) (*Receipt, error) {
	const op = "ngp.Upload"
	if media == "" {
		v := check.New(op)
		v.Add("media", bal.RuleRequired, "a media type such as application/vnd.lm.byggnad.v1+json is required")
		return nil, v.Err()
	}
	req, err := d.t.NewRequest(callctx.WithoutRedirects(ctx), &transport.Op{Name: op, Method: http.MethodPost, Base: UpdateBase,
		Path: transport.Path("mottagning", id, "forandringar", object.String(), "leverans"), Body: body, Accept: bal.FormatJSON})
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", string(media))
	// Recorded at version 1, the change registered; audit.Versions reads 2
	// once the object has arrived.
	rec := bal.WriteObject{Kind: bal.WriteUpload, Type: recordChange, ID: changeName(id, object), Version: 1}
	if d.t.Client().Recorder() != nil {
		rec.Geometries = uploadGeometries(media, body)
	}
	settle, err := d.record(ctx, op, rec)
	if err != nil {
		return nil, err
	}
	r, res, err := d.upload(op, req)
	wr := &bal.WriteResult{Err: err}
	if err == nil {
		wr.Receipts = []bal.Receipt{{ID: object, RequestID: res.RequestID, Attempts: res.Attempts}}
	}
	settle(wr)
	return r, err
}

func (d *Deliveries) upload(op string, req *http.Request) (*Receipt, *bal.Response, error) {
	var w ngp1.Redirect
	res, err := d.t.Client().Do(req, &w)
	if err != nil {
		return nil, nil, err
	}
	r := &Receipt{ReportURL: res.Header.Get("Location"), RequestID: res.RequestID}
	if r.ReportURL == "" {
		r.ReportURL = w.Href
	}
	if res.StatusCode != http.StatusSeeOther && r.ReportURL == "" {
		return nil, nil, transport.Invalid(op, res, fmt.Errorf("upload answered %d without a report address", res.StatusCode))
	}
	return r, res, nil
}

// Report reads the validation report at the address an upload returned. It
// returns ErrReportNotReady while the server answers 204.
func (d *Deliveries) Report(ctx context.Context, reportURL string) (*Report, error) {
	const op = "ngp.Report"
	var w ngp1.Valideringsrapport
	res, err := getAbsolute(ctx, d.t, op, reportURL, &w)
	return reportOf(op, res, &w, err)
}

// ChangeReport reads a change's validation report by the documented
// operation (GET …/forandringar/{objektidentitet}/leverans), e.g. after
// watching a mottagning reach valideringsfel. It returns ErrReportNotReady
// while the server answers 204.
func (d *Deliveries) ChangeReport(ctx context.Context, id string, object bal.ObjectID) (*Report, error) {
	const op = "ngp.ChangeReport"
	var w ngp1.Valideringsrapport
	res, err := d.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodGet, Base: UpdateBase,
		Path: transport.Path("mottagning", id, "forandringar", object.String(), "leverans"), Accept: bal.FormatJSON, Out: &w})
	return reportOf(op, res, &w, err)
}

// Health reads GET /health. A 503 whose body names a status is that status,
// not an error.
func (d *Deliveries) Health(ctx context.Context) (HealthStatus, error) {
	const op = "ngp.Health"
	var w ngp1.Health
	_, err := d.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodGet, Base: UpdateBase, Path: "/health",
		Accept: bal.FormatJSON, Out: &w})
	if err != nil {
		var e *bal.Error
		if errors.As(err, &e) && e.StatusCode == http.StatusServiceUnavailable && json.Unmarshal(e.Body, &w) == nil && w.Status != "" {
			return HealthStatus(w.Status), nil
		}
		return HealthUnknown, err
	}
	return HealthStatus(w.Status), nil
}

func checkInfo(op string, info DeliveryInfo) error {
	v := check.New(op)
	if info.InformationType == "" {
		v.Add("InformationType", bal.RuleRequired, "informationstyp is required, e.g. \"byggnad\"")
	}
	if info.Provider == "" {
		v.Add("Provider", bal.RuleRequired, "provider is required, e.g. the kommunkod")
	}
	return v.Err()
}

func changesBody(op string, changes []NewChange) (*ngp1.SkapaForandringar, error) {
	v := check.New(op)
	if len(changes) == 0 {
		v.Add("changes", bal.RuleRequired, "at least one change is required")
	}
	body := &ngp1.SkapaForandringar{Forandringar: make([]ngp1.NyForandring, 0, len(changes))}
	seen := make(map[bal.ObjectID]bool, len(changes))
	for i, c := range changes {
		p := fmt.Sprintf("changes[%d]", i)
		if c.ObjectID.IsZero() {
			v.Add(p+".ObjectID", bal.RuleRequired, "objektidentitet is required")
		}
		if seen[c.ObjectID] {
			v.Add(p+".ObjectID", bal.RuleRelation, "the same object twice in one registration")
		}
		seen[c.ObjectID] = true
		if c.Type != ChangeDelivery && c.Type != ChangeDeletion {
			v.Addf(p+".Type", bal.RuleCodeList, "typ %q: want leverans or radering", c.Type)
		}
		if c.Href != "" {
			if c.Type != ChangeDelivery {
				v.Add(p+".Href", bal.RuleRelation, "only a leverans has an href")
			}
			if len(c.Href) < 9 || c.Href[:8] != "https://" {
				v.Add(p+".Href", bal.RuleFormat, "href must be an https address")
			}
		}
		body.Forandringar = append(body.Forandringar, ngp1.NyForandring{Objektidentitet: c.ObjectID.String(), Typ: string(c.Type), Href: c.Href})
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return body, nil
}

func statusOf(w ngp1.Status) (Status, error) {
	s := Status{Type: StatusType(w.Typ), Message: w.Felmeddelande}
	if w.Typ == "" {
		return s, errors.New("status without typ")
	}
	if w.Tidsstampel != "" {
		t, err := ngp1.ParseTime(w.Tidsstampel)
		if err != nil {
			return s, fmt.Errorf("tidsstampel %q: %w", w.Tidsstampel, err)
		}
		s.Time = t
	}
	return s, nil
}

func receptionOf(w *ngp1.Mottagning) (*Reception, error) {
	if w.ID == "" {
		return nil, errors.New("mottagning without id")
	}
	s, err := statusOf(w.Status)
	if err != nil {
		return nil, err
	}
	return &Reception{ID: w.ID, Info: DeliveryInfo{InformationType: w.Leveransinfo.Informationstyp, Provider: w.Leveransinfo.Provider}, Status: s}, nil
}

func changesOf(ws []ngp1.Forandring) ([]Change, error) {
	out := make([]Change, 0, len(ws))
	for _, w := range ws {
		id, err := bal.ParseObjectID(w.Objektidentitet)
		if err != nil {
			return nil, fmt.Errorf("förändring: objektidentitet %q: %w", w.Objektidentitet, err)
		}
		s, err := statusOf(w.Status)
		if err != nil {
			return nil, fmt.Errorf("förändring %s: %w", id, err)
		}
		out = append(out, Change{ObjectID: id, Type: ChangeType(w.Typ), Href: w.Href, Status: s})
	}
	return out, nil
}

func reportOf(op string, res *bal.Response, w *ngp1.Valideringsrapport, err error) (*Report, error) {
	if err != nil {
		return nil, err
	}
	if res.StatusCode == http.StatusNoContent {
		return nil, fmt.Errorf("bal: %s: %w", op, ErrReportNotReady)
	}
	r := &Report{Name: w.Name, Tests: w.Tests, Failures: w.Failures, Warnings: w.Warnings, Errors: w.Errors,
		Skipped: w.Skipped, Duration: w.Time}
	if w.Timestamp != "" {
		t, perr := ngp1.ParseTime(w.Timestamp)
		if perr != nil {
			return nil, transport.Invalid(op, res, fmt.Errorf("timestamp %q: %w", w.Timestamp, perr))
		}
		r.Time = t
	}
	for _, c := range w.Testcase {
		r.Cases = append(r.Cases, TestCase{ID: c.ID, Label: c.Label, Duration: c.Time, Status: CaseStatus(c.Status), Messages: c.Message})
	}
	return r, nil
}
