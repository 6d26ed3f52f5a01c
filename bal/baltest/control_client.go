package baltest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Control drives a fake Lantmäteriet through its control API: an in-process
// Server (Server.Control) or a balsim or `bal fake` in another process
// (NewControl with the URL and control token they print). Its methods are
// the fake's test hooks over HTTP: inject faults, make Lantmäteriet act,
// move the clock, reset. It is safe for concurrent use.
type Control struct {
	base  string
	token string
	hc    *http.Client
}

// NewControl returns a Control for the fake at baseURL (e.g. the
// BAL_FAKE_URL that balsim prints) with its control token. hc carries the
// TLS trust for a fake started with -tls; nil means http.DefaultClient.
func NewControl(baseURL, token string, hc *http.Client) *Control {
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Control{base: strings.TrimRight(baseURL, "/") + ControlPath, token: token, hc: hc}
}

// Control returns a Control for s.
func (s *Server) Control() *Control { return NewControl(s.URL(), s.ControlToken(), s.HTTPClient()) }

// ControlError is an answer of the control API other than success.
type ControlError struct {
	// Status is the HTTP status.
	Status int
	// Message is the server's explanation.
	Message string
}

func (e *ControlError) Error() string {
	return fmt.Sprintf("baltest: control: %d %s: %s", e.Status, http.StatusText(e.Status), e.Message)
}

// do sends one control request and decodes the answer into out (nil
// discards it).
func (c *Control) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("baltest: control: %w", err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return fmt.Errorf("baltest: control: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return fmt.Errorf("baltest: control: %w", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("baltest: control: %s %s: %w", method, path, err)
	}
	if resp.StatusCode >= 300 {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(b, &e) != nil || e.Error == "" {
			e.Error = strings.TrimSpace(string(b[:min(len(b), 200)]))
		}
		return &ControlError{Status: resp.StatusCode, Message: e.Error}
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("baltest: control: %s %s: %w", method, path, err)
	}
	return nil
}

// Info returns the municipality, the services' addresses and counts.
func (c *Control) Info(ctx context.Context) (*ControlInfo, error) {
	var in ControlInfo
	return &in, c.do(ctx, http.MethodGet, "/info", nil, &in)
}

// Reset puts the fake back as it started (Server.Reset).
func (c *Control) Reset(ctx context.Context) error {
	return c.do(ctx, http.MethodPost, "/reset", nil, nil)
}

// Clock returns the fake clock's state.
func (c *Control) Clock(ctx context.Context) (ControlClock, error) {
	var out ControlClock
	return out, c.do(ctx, http.MethodGet, "/clock", nil, &out)
}

// AdvanceClock moves the fake's clock forward by d and stops it there.
func (c *Control) AdvanceClock(ctx context.Context, d time.Duration) (ControlClock, error) {
	var out ControlClock
	return out, c.do(ctx, http.MethodPost, "/clock", controlClockRequest{Advance: d.String()}, &out)
}

// SetClock stops the fake's clock at t.
func (c *Control) SetClock(ctx context.Context, t time.Time) (ControlClock, error) {
	var out ControlClock
	return out, c.do(ctx, http.MethodPost, "/clock", controlClockRequest{Set: &t}, &out)
}

// Inject adds a fault rule and returns it with its id.
func (c *Control) Inject(ctx context.Context, f ControlFault) (ControlFault, error) {
	var out ControlFault
	return out, c.do(ctx, http.MethodPost, "/faults", f, &out)
}

// InjectChaos adds InjectChaos's four rules and returns them.
func (c *Control) InjectChaos(ctx context.Context, pathPrefix string, p float64, seed uint64) ([]ControlFault, error) {
	var out []ControlFault
	return out, c.do(ctx, http.MethodPost, "/faults/chaos", controlChaosRequest{PathPrefix: pathPrefix, Probability: p, Seed: seed}, &out)
}

// Faults returns the rules in force with their counts.
func (c *Control) Faults(ctx context.Context) ([]ControlFault, error) {
	var out []ControlFault
	return out, c.do(ctx, http.MethodGet, "/faults", nil, &out)
}

// RemoveFault removes the rule with id.
func (c *Control) RemoveFault(ctx context.Context, id int) error {
	return c.do(ctx, http.MethodDelete, "/faults/"+strconv.Itoa(id), nil, nil)
}

// ClearFaults removes every rule.
func (c *Control) ClearFaults(ctx context.Context) error {
	return c.do(ctx, http.MethodDelete, "/faults", nil, nil)
}

// Objects lists up to limit objects of type typ (Byggnad, Adressplats …);
// 0 means 100.
func (c *Control) Objects(ctx context.Context, typ string, limit int) ([]ControlObject, error) {
	var out []ControlObject
	return out, c.do(ctx, http.MethodGet, "/objects/"+url.PathEscape(typ)+limitQuery(limit), nil, &out)
}

// Properties lists up to limit registerenheter; 0 means 100.
func (c *Control) Properties(ctx context.Context, limit int) ([]ControlProperty, error) {
	var out []ControlProperty
	return out, c.do(ctx, http.MethodGet, "/properties"+limitQuery(limit), nil, &out)
}

func limitQuery(n int) string {
	if n <= 0 {
		return ""
	}
	return "?limit=" + strconv.Itoa(n)
}

// BuildingEdit is what EditBuilding changes; nil fields stay as they are.
type BuildingEdit struct {
	// HouseNumber is the husnummer.
	HouseNumber *int
	// ConstructionYear is the nybyggnadsår.
	ConstructionYear *int
}

// EditBuilding makes Lantmäteriet store a new version of a building
// (Server.EditBuilding): a client holding the old version meets a conflict.
// A nil edit changes nothing but the version.
func (c *Control) EditBuilding(ctx context.Context, id string, edit *BuildingEdit) (*ControlReceipt, error) {
	var req controlEditRequest
	if edit != nil {
		req.HouseNumber, req.ConstructionYear = edit.HouseNumber, edit.ConstructionYear
	}
	var out ControlReceipt
	return &out, c.do(ctx, http.MethodPost, "/buildings/"+url.PathEscape(id)+"/edit", req, &out)
}

// Retire makes Lantmäteriet retire an object with the åtgärdstyp given
// (empty: the type's retirement).
func (c *Control) Retire(ctx context.Context, typ, id, actionType string) (*ControlReceipt, error) {
	var out ControlReceipt
	return &out, c.do(ctx, http.MethodPost, "/objects/"+url.PathEscape(typ)+"/"+url.PathEscape(id)+"/retire",
		controlRetireRequest{ActionType: actionType}, &out)
}

// FormProperty makes Lantmäteriet register a property formation
// (Server.FormProperty) that moves the buildings given off registerenhet
// from; an empty from means the first building's registerenhet.
func (c *Control) FormProperty(ctx context.Context, from string, buildings ...string) (*ControlFormation, error) {
	var out ControlFormation
	return &out, c.do(ctx, http.MethodPost, "/property-formations", controlFormationRequest{From: from, Buildings: buildings}, &out)
}

// RaiseDeficiency makes Lantmäteriet raise a brist of type bristtyp on an
// object.
func (c *Control) RaiseDeficiency(ctx context.Context, object ControlRef, bristtyp, description string) (*ControlDeficiency, error) {
	var out ControlDeficiency
	return &out, c.do(ctx, http.MethodPost, "/deficiencies",
		controlDeficiencyRequest{Object: object, Type: bristtyp, Description: description}, &out)
}

// RunQualityCheck runs Lantmäteriet's quality control (Server.RunQualityCheck)
// and returns the brister it raised.
func (c *Control) RunQualityCheck(ctx context.Context) ([]ControlDeficiency, error) {
	var out []ControlDeficiency
	return out, c.do(ctx, http.MethodPost, "/quality-check", nil, &out)
}

// SetDeficiencyStatus makes Lantmäteriet set a brist's status (Öppen,
// Åtgärdad, Avvisad).
func (c *Control) SetDeficiencyStatus(ctx context.Context, id, status string) (*ControlDeficiency, error) {
	var out ControlDeficiency
	return &out, c.do(ctx, http.MethodPost, "/deficiencies/"+url.PathEscape(id)+"/status", controlStatusRequest{Status: status}, &out)
}

// RaiseCase makes Lantmäteriet open an ärende of type arendetyp about the
// objects given.
func (c *Control) RaiseCase(ctx context.Context, arendetyp, description string, objects ...ControlRef) (*ControlCase, error) {
	var out ControlCase
	return &out, c.do(ctx, http.MethodPost, "/cases", controlCaseRequest{Type: arendetyp, Description: description, Objects: objects}, &out)
}

// SetCaseStatus makes Lantmäteriet set an ärende's status (Inkommen,
// Pågående, Avslutad).
func (c *Control) SetCaseStatus(ctx context.Context, id, status string) (*ControlCase, error) {
	var out ControlCase
	return &out, c.do(ctx, http.MethodPost, "/cases/"+url.PathEscape(id)+"/status", controlStatusRequest{Status: status}, &out)
}

// Requests returns the request log without bodies.
func (c *Control) Requests(ctx context.Context) ([]ControlRequest, error) {
	var out []ControlRequest
	return out, c.do(ctx, http.MethodGet, "/requests", nil, &out)
}
