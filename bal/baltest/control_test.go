package baltest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/casefile"
	"github.com/tjanstebaserad/bal-go/deficiency"
	"github.com/tjanstebaserad/bal-go/delivery"
)

// controlled starts a fake and returns it with its Control and an SDK
// client.
func controlled(t *testing.T, opts ...baltest.Option) (*baltest.Server, *baltest.Control, *bal.Client) {
	t.Helper()
	s := baltest.NewServer(opts...)
	t.Cleanup(s.Close)
	c := s.Client()
	t.Cleanup(c.CloseIdleConnections)
	return s, s.Control(), c
}

// raw sends a control request with the token given and returns the status
// and body.
func raw(t *testing.T, s *baltest.Server, method, path, token, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, s.URL()+baltest.ControlPath+path, strings.NewReader(body))
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func controlStatus(t *testing.T, err error) int {
	t.Helper()
	var ce *baltest.ControlError
	require.True(t, errors.As(err, &ce), "want a *ControlError, got %v", err)
	return ce.Status
}

func TestControlNeedsItsToken(t *testing.T) {
	t.Parallel()
	s, ctl, _ := controlled(t, baltest.WithControlToken("fixed-token"))
	assert.Equal(t, "fixed-token", s.ControlToken())
	for _, tok := range []string{"", "wrong", "baltest-secret"} {
		status, body := raw(t, s, http.MethodGet, "/info", tok, "")
		assert.Equal(t, http.StatusUnauthorized, status, tok)
		assert.Contains(t, body, `"error"`)
	}
	// A fault on every path does not reach the control API, and control
	// requests stay out of the request log.
	_, err := ctl.Inject(t.Context(), baltest.ControlFault{Kind: "status", Status: 503})
	require.NoError(t, err)
	_, err = ctl.Info(t.Context())
	require.NoError(t, err)
	assert.Empty(t, s.Requests())
	// A server's own token is random.
	other := baltest.NewServer(baltest.WithoutData())
	defer other.Close()
	assert.Regexp(t, `^balctl-[0-9a-f]{32}$`, other.ControlToken())
}

func TestControlUnknownOperation(t *testing.T) {
	t.Parallel()
	s, _, _ := controlled(t)
	status, body := raw(t, s, http.MethodGet, "/nothing", s.ControlToken(), "")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, body, "no control operation GET /_control/v1/nothing")
	status, _ = raw(t, s, http.MethodPost, "/clock", s.ControlToken(), `{"advance":"1s","bogus":1}`)
	assert.Equal(t, http.StatusBadRequest, status, "unknown fields are refused")
	status, _ = raw(t, s, http.MethodPost, "/clock", s.ControlToken(), `{"advance":"1s"}{}`)
	assert.Equal(t, http.StatusBadRequest, status, "one document only")
}

func TestControlInfo(t *testing.T) {
	t.Parallel()
	s, ctl, _ := controlled(t)
	in, err := ctl.Info(t.Context())
	require.NoError(t, err)
	d := s.Dataset()
	assert.Equal(t, "2199", in.Kommunkod)
	assert.Equal(t, d.Config.Kommunnamn, in.Kommunnamn)
	assert.Equal(t, d.Config.Zone, in.Zone)
	assert.Equal(t, []float64{d.Center[0], d.Center[1]}, in.Center)
	assert.Equal(t, s.URL(), in.URL)
	assert.Equal(t, s.TokenURL(), in.TokenURL)
	assert.Equal(t, bal.DefaultUpdatePath, in.UpdatePath)
	assert.Equal(t, len(d.Buildings), in.Objects["Byggnad"])
	assert.Equal(t, len(d.Points), in.Objects["Adressplats"])
	assert.Equal(t, len(d.Deficiencies), in.Deficiencies)
	assert.Equal(t, len(d.Cases), in.Cases)
	assert.Zero(t, in.Changes)
}

func TestControlReset(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s, ctl, c := controlled(t, baltest.WithTime(start))
	ctx := t.Context()
	before, err := ctl.Info(ctx)
	require.NoError(t, err)
	objs, err := ctl.Objects(ctx, "Byggnad", 1)
	require.NoError(t, err)
	_, err = ctl.EditBuilding(ctx, objs[0].ID, nil)
	require.NoError(t, err)
	_, err = ctl.RunQualityCheck(ctx)
	require.NoError(t, err)
	_, err = ctl.FormProperty(ctx, "")
	require.NoError(t, err)
	_, err = ctl.AdvanceClock(ctx, time.Hour)
	require.NoError(t, err)
	_, err = ctl.Inject(ctx, baltest.ControlFault{Kind: "status", Status: 500, PathPrefix: "/nowhere"})
	require.NoError(t, err)
	_, err = building.New(c).Buildings.Get(ctx, bal.MustParseObjectID(objs[0].ID), nil)
	require.NoError(t, err)
	require.NotEmpty(t, s.Requests())

	require.NoError(t, ctl.Reset(ctx))
	after, err := ctl.Info(ctx)
	require.NoError(t, err)
	assert.Equal(t, before, after)
	faults, err := ctl.Faults(ctx)
	require.NoError(t, err)
	assert.Empty(t, faults)
	assert.Empty(t, s.Requests())
	got, err := building.New(c).Buildings.Get(ctx, bal.MustParseObjectID(objs[0].ID), nil)
	require.NoError(t, err, "tokens issued before the reset stay valid")
	assert.Equal(t, bal.Version(1), got.Version)
	assert.Equal(t, start, s.Clock().Now().UTC())
}

func TestControlClock(t *testing.T) {
	t.Parallel()
	s, ctl, _ := controlled(t, baltest.WithoutData())
	ctx := t.Context()
	c, err := ctl.Clock(ctx)
	require.NoError(t, err)
	assert.True(t, c.Running)
	at := time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)
	c, err = ctl.SetClock(ctx, at)
	require.NoError(t, err)
	assert.Equal(t, ControlClockWant(at, false), c)
	c, err = ctl.AdvanceClock(ctx, 90*time.Minute)
	require.NoError(t, err)
	assert.Equal(t, ControlClockWant(at.Add(90*time.Minute), false), c)
	assert.Equal(t, at.Add(90*time.Minute), s.Clock().Now().UTC())

	status, body := raw(t, s, http.MethodPost, "/clock", s.ControlToken(), `{"run":true}`)
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `"running": true`)
	for _, bad := range []string{`{}`, `{"advance":"soon"}`, `{"advance":"-1s"}`, `{"advance":"1s","run":true}`, `{"set":"yesterday"}`} {
		status, _ := raw(t, s, http.MethodPost, "/clock", s.ControlToken(), bad)
		assert.Equal(t, http.StatusBadRequest, status, bad)
	}
}

// ControlClockWant is the clock state expected.
func ControlClockWant(at time.Time, running bool) baltest.ControlClock {
	return baltest.ControlClock{Time: at, Running: running}
}

func TestControlFaults(t *testing.T) {
	t.Parallel()
	s, ctl, c := controlled(t)
	ctx := t.Context()
	id := s.Dataset().Buildings[0].ID
	bs := building.New(c).Buildings

	// Every second read of a building answers 404 BAL-0404 — not retried,
	// so the client sees it.
	f, err := ctl.Inject(ctx, baltest.ControlFault{Name: "every-2nd", Method: "get", PathPrefix: s.UpdatePath() + "/byggnad",
		Kind: "status", Status: 404, Every: 2})
	require.NoError(t, err)
	assert.Positive(t, f.ID)
	assert.Equal(t, "GET", f.Method)
	_, err = bs.Get(ctx, id, nil)
	require.NoError(t, err)
	_, err = bs.Get(ctx, id, nil)
	require.ErrorIs(t, err, bal.ErrNotFound)
	list, err := ctl.Faults(ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, 2, list[0].Matches)
	assert.Equal(t, 1, list[0].Fired)
	require.NoError(t, ctl.RemoveFault(ctx, f.ID))
	assert.Equal(t, http.StatusNotFound, controlStatus(t, ctl.RemoveFault(ctx, f.ID)))

	// A 429 with a Retry-After beyond the client's cap is a RateLimitError
	// carrying the wait.
	_, err = ctl.Inject(ctx, baltest.ControlFault{PathPrefix: s.UpdatePath(), Kind: "status", Status: 429, RetryAfter: "3h", Times: 1})
	require.NoError(t, err)
	_, err = bs.Get(ctx, id, nil)
	var rl *bal.RateLimitError
	require.ErrorAs(t, err, &rl)
	assert.Equal(t, 3*time.Hour, rl.RetryAfter)

	// Seeded probability, HTML, delay, resets and truncation are accepted
	// and shown as given; the SDK's retries get through a reset.
	for _, k := range []baltest.ControlFault{
		{Kind: "html", Status: 502, Probability: 0.5, Seed: 7, PathPrefix: "/x"},
		{Kind: "delay", Delay: "5ms", PathPrefix: "/x"},
		{Kind: "truncate", PathPrefix: "/x"},
		{Kind: "reset-after-apply", PathPrefix: "/x"},
		{Kind: "cut", At: 100, PathPrefix: "/x"},
		{Kind: "cut", RandomAt: true, Seed: 3, PathPrefix: "/x"},
	} {
		got, err := ctl.Inject(ctx, k)
		require.NoError(t, err)
		k.ID, k.Name = got.ID, k.Kind
		assert.Equal(t, k, got)
	}
	require.NoError(t, ctl.ClearFaults(ctx))
	_, err = ctl.Inject(ctx, baltest.ControlFault{Kind: "reset", PathPrefix: s.UpdatePath(), Times: 1})
	require.NoError(t, err)
	_, err = bs.Get(ctx, id, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, s.FaultsFired("reset"))

	for _, bad := range []baltest.ControlFault{
		{Kind: "explode"}, {Kind: "status", Status: 99}, {Kind: "status", Probability: 2},
		{Kind: "status", Every: 2, Probability: 0.5}, {Kind: "delay", Delay: "later"}, {Kind: "status", RetryAfter: "-1s"},
		{Kind: "status", Every: -1}, {Kind: "status", PathPrefix: "relative"}, {Kind: "cut", At: -1},
	} {
		_, err := ctl.Inject(ctx, bad)
		assert.Equal(t, http.StatusBadRequest, controlStatus(t, err), "%+v", bad)
	}
	status, body := raw(t, s, http.MethodPost, "/faults", s.ControlToken(), `{"kind":"status","status":503}`)
	assert.Equal(t, http.StatusCreated, status)
	assert.Contains(t, body, `"kind": "status"`)
	require.NoError(t, ctl.ClearFaults(ctx))
	list, err = ctl.Faults(ctx)
	require.NoError(t, err)
	assert.Empty(t, list)
}

func TestControlChaos(t *testing.T) {
	t.Parallel()
	_, ctl, _ := controlled(t, baltest.WithoutData())
	rules, err := ctl.InjectChaos(t.Context(), "/ajourhallning", 0.3, 5)
	require.NoError(t, err)
	require.Len(t, rules, 4)
	var names []string
	for _, r := range rules {
		names = append(names, r.Name)
		assert.Equal(t, "/ajourhallning", r.PathPrefix)
	}
	assert.Equal(t, []string{"chaos-503", "chaos-429", "chaos-reset-after-apply", "chaos-truncate"}, names)
	_, err = ctl.InjectChaos(t.Context(), "", 1.5, 0)
	assert.Equal(t, http.StatusBadRequest, controlStatus(t, err))
}

func TestControlObjects(t *testing.T) {
	t.Parallel()
	s, ctl, _ := controlled(t)
	ctx := t.Context()
	got, err := ctl.Objects(ctx, "byggnad", 3)
	require.NoError(t, err)
	require.Len(t, got, 3)
	b := s.Dataset().Buildings[0]
	assert.Equal(t, baltest.ControlObject{Type: "Byggnad", ID: b.ID.String(), Version: 1, Status: string(b.Status),
		Properties: []string{b.LiesOn[0].ID.String()}}, got[0])
	all, err := ctl.Objects(ctx, "Lägenhet", 0)
	require.NoError(t, err)
	assert.Len(t, all, min(100, len(s.Dataset().Apartments)))
	_, err = ctl.Objects(ctx, "Brist", 0)
	assert.Equal(t, http.StatusBadRequest, controlStatus(t, err))
	status, _ := raw(t, s, http.MethodGet, "/objects/Byggnad?limit=0", s.ControlToken(), "")
	assert.Equal(t, http.StatusBadRequest, status)
}

func TestControlRetire(t *testing.T) {
	t.Parallel()
	s, ctl, c := controlled(t)
	ctx := t.Context()
	apt := s.Dataset().Apartments[0].ID.String()
	k, err := ctl.Retire(ctx, "Lagenhet", apt, "Ingår i annan lägenhet")
	require.NoError(t, err)
	assert.Equal(t, int64(2), k.Version)
	got, err := building.New(c).Apartments.Get(ctx, bal.MustParseObjectID(apt), nil)
	require.NoError(t, err)
	assert.Equal(t, bal.StatusRetired, got.Status)
	require.NotNil(t, got.Action)
	assert.Equal(t, bal.ActionType("Ingår i annan lägenhet"), got.Action.Type)
	_, err = ctl.Retire(ctx, "Lagenhet", apt, "")
	assert.Equal(t, http.StatusConflict, controlStatus(t, err), "a retired object cannot be retired again")
	_, err = ctl.Retire(ctx, "Byggnad", "00000000-0000-4000-8000-000000000000", "")
	assert.Equal(t, http.StatusNotFound, controlStatus(t, err))
}

// TestControlEditBuildingForcesConflict is the control API's reason to
// exist: a client that read a building before Lantmäteriet edited it meets
// a version conflict.
func TestControlEditBuildingForcesConflict(t *testing.T) {
	t.Parallel()
	s, ctl, c := controlled(t)
	ctx := t.Context()
	bs := building.New(c).Buildings
	id := s.Dataset().Buildings[0].ID
	b, err := bs.Get(ctx, id, nil)
	require.NoError(t, err)

	year := 1999
	k, err := ctl.EditBuilding(ctx, id.String(), &baltest.BuildingEdit{ConstructionYear: &year})
	require.NoError(t, err)
	assert.Equal(t, int64(2), k.Version)
	_, err = bs.Update(ctx, b, bal.Action{Type: building.ActionBuildingChanged, Responsible: "2199"})
	var ce *bal.ConflictError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, bal.Version(2), ce.Current)
	now, err := bs.Get(ctx, id, nil)
	require.NoError(t, err)
	assert.Equal(t, 1999, now.ConstructionYear)

	_, err = ctl.EditBuilding(ctx, "00000000-0000-4000-8000-000000000000", nil)
	assert.Equal(t, http.StatusNotFound, controlStatus(t, err))
}

func TestControlProperties(t *testing.T) {
	t.Parallel()
	s, ctl, _ := controlled(t)
	got, err := ctl.Properties(t.Context(), 2)
	require.NoError(t, err)
	require.Len(t, got, 2)
	p := s.Properties()[0]
	assert.Equal(t, p.ID.String(), got[0].ID)
	assert.Equal(t, p.Designation, got[0].Designation)
	require.Len(t, got[0].Center, 2)
	// The centre lies in the property's area's box.
	b := p.Area.Bounds()
	assert.True(t, got[0].Center[0] > b.Min(0) && got[0].Center[0] < b.Max(0) && got[0].Center[1] > b.Min(1) && got[0].Center[1] < b.Max(1))
}

func TestControlFormProperty(t *testing.T) {
	t.Parallel()
	s, ctl, c := controlled(t)
	ctx := t.Context()
	b := s.Dataset().Buildings[1]
	f, err := ctl.FormProperty(ctx, "", b.ID.String())
	require.NoError(t, err)
	assert.Equal(t, "Fastighetsbildningsärende", f.Case.Type)
	assert.Equal(t, []string{b.LiesOn[0].ID.String(), f.Property.ID}, f.Case.Properties)
	assert.Equal(t, baltest.ControlRef{Type: "Byggnad", ID: b.ID.String()}, f.Case.Objects[0])
	got, err := building.New(c).Buildings.Get(ctx, b.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, f.Property.ID, got.LiesOn[0].ID.String())
	cs, err := casefile.New(c).Get(ctx, bal.MustParseObjectID(f.Case.ID))
	require.NoError(t, err)
	assert.Equal(t, f.Case.Number, cs.Number)

	_, err = ctl.FormProperty(ctx, "00000000-0000-4000-8000-000000000000")
	assert.Equal(t, http.StatusNotFound, controlStatus(t, err))
}

func TestControlRaiseDeficiency(t *testing.T) {
	t.Parallel()
	s, ctl, c := controlled(t)
	ctx := t.Context()
	b := s.Dataset().Buildings[2]
	d, err := ctl.RaiseDeficiency(ctx, baltest.ControlRef{Type: "byggnad", ID: b.ID.String()}, "Byggnad saknar adress", "Kontrollera entrén")
	require.NoError(t, err)
	assert.Equal(t, "Öppen", d.Status)
	assert.Equal(t, &baltest.ControlRef{Type: "Byggnad", ID: b.ID.String()}, d.Object)
	assert.Equal(t, b.LiesOn[0].ID.String(), d.Property)
	got, err := deficiency.New(c).Get(ctx, bal.MustParseObjectID(d.ID))
	require.NoError(t, err)
	assert.Equal(t, "Kontrollera entrén", got.Description)

	_, err = ctl.RaiseDeficiency(ctx, baltest.ControlRef{Type: "Byggnad", ID: b.ID.String()}, "", "")
	assert.Equal(t, http.StatusBadRequest, controlStatus(t, err))
	_, err = ctl.RaiseDeficiency(ctx, baltest.ControlRef{Type: "Byggnad", ID: "00000000-0000-4000-8000-000000000000"}, "X", "")
	assert.Equal(t, http.StatusNotFound, controlStatus(t, err))
}

func TestControlQualityCheck(t *testing.T) {
	t.Parallel()
	s, ctl, _ := controlled(t)
	ctx := t.Context()
	raised, err := ctl.RunQualityCheck(ctx)
	require.NoError(t, err)
	assert.Len(t, raised, len(s.Deficiencies())-len(s.Dataset().Deficiencies))
	for _, d := range raised {
		assert.Equal(t, "Byggnad saknar adress", d.Type)
	}
	again, err := ctl.RunQualityCheck(ctx)
	require.NoError(t, err)
	assert.Empty(t, again, "an open brist is not raised twice")
}

func TestControlDeficiencyStatus(t *testing.T) {
	t.Parallel()
	s, ctl, _ := controlled(t)
	ctx := t.Context()
	id := s.Dataset().Deficiencies[0].ID.String()
	d, err := ctl.SetDeficiencyStatus(ctx, id, "avvisad")
	require.NoError(t, err)
	assert.Equal(t, "Avvisad", d.Status)
	assert.Equal(t, int64(2), d.Version)
	_, err = ctl.SetDeficiencyStatus(ctx, id, "Glömd")
	assert.Equal(t, http.StatusBadRequest, controlStatus(t, err))
	_, err = ctl.SetDeficiencyStatus(ctx, "nope", "Öppen")
	assert.Equal(t, http.StatusNotFound, controlStatus(t, err))
}

func TestControlRaiseCase(t *testing.T) {
	t.Parallel()
	s, ctl, c := controlled(t)
	ctx := t.Context()
	b := s.Dataset().Buildings[0]
	a, err := ctl.RaiseCase(ctx, "kvalitetsärende", "Se över byggnaden", baltest.ControlRef{Type: "Byggnad", ID: b.ID.String()})
	require.NoError(t, err)
	assert.Equal(t, "Kvalitetsärende", a.Type)
	assert.Equal(t, "Inkommen", a.Status)
	assert.Equal(t, []string{b.LiesOn[0].ID.String()}, a.Properties)
	got, err := casefile.New(c).Get(ctx, bal.MustParseObjectID(a.ID))
	require.NoError(t, err)
	assert.Equal(t, "Se över byggnaden", got.Description)

	_, err = ctl.RaiseCase(ctx, "Semesterärende", "")
	assert.Equal(t, http.StatusBadRequest, controlStatus(t, err))
	_, err = ctl.RaiseCase(ctx, "Kvalitetsärende", "", baltest.ControlRef{Type: "Byggnad", ID: "nope"})
	assert.Equal(t, http.StatusNotFound, controlStatus(t, err))
}

func TestControlCaseStatus(t *testing.T) {
	t.Parallel()
	_, ctl, c := controlled(t)
	ctx := t.Context()
	a, err := ctl.RaiseCase(ctx, "Ajourhållningsärende", "")
	require.NoError(t, err)
	got, err := ctl.SetCaseStatus(ctx, a.ID, "Avslutad")
	require.NoError(t, err)
	assert.Equal(t, "Avslutad", got.Status)
	cs, err := casefile.New(c).Get(ctx, bal.MustParseObjectID(a.ID))
	require.NoError(t, err)
	assert.Equal(t, casefile.StatusClosed, cs.Status)
	_, err = ctl.SetCaseStatus(ctx, a.ID, "Borta")
	assert.Equal(t, http.StatusBadRequest, controlStatus(t, err))
	_, err = ctl.SetCaseStatus(ctx, "nope", "Avslutad")
	assert.Equal(t, http.StatusNotFound, controlStatus(t, err))
}

func TestControlRequests(t *testing.T) {
	t.Parallel()
	s, ctl, c := controlled(t)
	ctx := t.Context()
	id := s.Dataset().Buildings[0].ID
	_, err := building.New(c).Buildings.Get(ctx, id, nil)
	require.NoError(t, err)
	log, err := ctl.Requests(ctx)
	require.NoError(t, err)
	require.Len(t, log, 2, "the token request and the read")
	assert.Equal(t, baltest.TokenPath, log[0].Path)
	assert.Equal(t, http.MethodGet, log[1].Method)
	assert.Equal(t, s.UpdatePath()+"/byggnad/"+id.String(), log[1].Path)
	assert.Equal(t, http.StatusOK, log[1].Status)
	assert.Equal(t, "baltest-client", log[1].Client)
	assert.NotEmpty(t, log[1].RequestID)
}

func TestControlOverTLS(t *testing.T) {
	t.Parallel()
	s, ctl, _ := controlled(t, baltest.WithTLS(), baltest.WithoutData())
	pem := s.CertificatePEM()
	require.Contains(t, string(pem), "BEGIN CERTIFICATE")
	_, err := ctl.Info(t.Context())
	require.NoError(t, err)
	plain := baltest.NewServer(baltest.WithoutData())
	defer plain.Close()
	assert.Nil(t, plain.CertificatePEM())
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = ctl.Info(ctx)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestControlGeotorget(t *testing.T) {
	t.Parallel()
	_, ctl, c := controlled(t)
	ctx := t.Context()
	dc := delivery.New(c)

	order, err := ctl.AddOrder(ctx, baltest.GeotorgetOrder{Marking: "kontroll", BuildTime: time.Minute})
	require.NoError(t, err)
	o, err := dc.Order(ctx, order)
	require.NoError(t, err)
	assert.Equal(t, "kontroll", o.Marking)
	_, err = dc.Latest(ctx, order)
	require.ErrorIs(t, err, delivery.ErrNoDelivery)

	id, err := ctl.StartDelivery(ctx, order, "bas")
	require.NoError(t, err)
	d, err := dc.Latest(ctx, order)
	require.NoError(t, err)
	assert.Equal(t, id, d.ID)
	assert.Equal(t, delivery.StatusInProgress, d.Status)
	require.NoError(t, ctl.EndDelivery(ctx, order, "LYCKAD"))
	res, err := dc.Download(ctx, order, t.TempDir(), nil)
	require.NoError(t, err)
	assert.NotEmpty(t, res.Files)
	require.NoError(t, ctl.ExpireSignedPaths(ctx))

	err = ctl.EndDelivery(ctx, order, "LYCKAD")
	assert.Equal(t, http.StatusConflict, controlStatus(t, err), "no delivery in progress")
	err = ctl.EndDelivery(ctx, order, "KLAR")
	assert.Equal(t, http.StatusBadRequest, controlStatus(t, err))
	_, err = ctl.StartDelivery(ctx, order, "ALLT")
	assert.Equal(t, http.StatusBadRequest, controlStatus(t, err))
	_, err = ctl.StartDelivery(ctx, "00000000-0000-4000-8000-000000000000", "BAS")
	assert.Equal(t, http.StatusNotFound, controlStatus(t, err))
	_, err = ctl.AddOrder(ctx, baltest.GeotorgetOrder{PartObjects: -1})
	assert.Equal(t, http.StatusBadRequest, controlStatus(t, err))

	// Reset forgets the order: Geotorget answers an application without
	// orders 403, as for an order of someone else's.
	require.NoError(t, ctl.Reset(ctx))
	_, err = dc.Order(ctx, order)
	assert.ErrorIs(t, err, bal.ErrForbidden)
}
