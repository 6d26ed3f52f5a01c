package baltest

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
	"go.uber.org/goleak"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// The server starts goroutines (listener, connections) and so does the
// client it hands out; none may outlive the tests.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// fixedTime is the clock of tests that compare timestamps.
var fixedTime = time.Date(2026, 11, 22, 10, 15, 1, 123_000_000, time.UTC)

// harness is a server with a client and a transport for raw binding calls
// (the typed update methods live in the model packages).
type harness struct {
	t  *testing.T
	s  *Server
	c  *bal.Client
	tr *transport.Transport
}

func newHarness(t *testing.T, opts ...Option) *harness {
	t.Helper()
	s := NewServer(opts...)
	t.Cleanup(s.Close)
	c := s.Client()
	t.Cleanup(c.CloseIdleConnections)
	return &harness{t: t, s: s, c: c, tr: transport.New(c)}
}

// do runs a binding operation under the update path.
func (h *harness) do(method, path string, body, out any, key string) (*transport.Result, error) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return h.tr.Do(ctx, &transport.Op{
		Name: "test", Method: method, Base: h.tr.UpdateBase(), Path: path,
		Body: body, Out: out, IdempotencyKey: key, SafeToRetry: method == http.MethodGet,
	})
}

func (h *harness) get(typ update1.Objekttyp, id string, out update1.Objekt) error {
	_, err := h.do(http.MethodGet, "/"+typ.Segment()+"/"+id, nil, out, "")
	return err
}

func (h *harness) create(a update1.Verksamhetsatgard, o update1.Objekt) (*update1.Kvitto, error) {
	var k update1.Kvitto
	_, err := h.do(http.MethodPost, "/"+o.Type().Segment(), update1.NewUppdatering(a, o), &k, "")
	return &k, err
}

func (h *harness) change(a update1.Verksamhetsatgard, o update1.Objekt) (*update1.Kvitto, error) {
	var k update1.Kvitto
	_, err := h.do(http.MethodPut, "/"+o.Type().Segment()+"/"+o.Meta().Objektidentitet, update1.NewUppdatering(a, o), &k, "")
	return &k, err
}

func (h *harness) retire(a update1.Verksamhetsatgard, o update1.Objekt) (*update1.Kvitto, error) {
	var k update1.Kvitto
	_, err := h.do(http.MethodPost, "/"+o.Type().Segment()+"/"+o.Meta().Objektidentitet+"/avregistrering", update1.NewUppdatering(a, o), &k, "")
	return &k, err
}

func action(typ string) update1.Verksamhetsatgard {
	return update1.Verksamhetsatgard{Atgardstyp: typ, AnsvarigOrganisation: gen.DefaultKommunkod, UtforandeOrganisation: "Testbolaget AB"}
}

// faultOf returns the *bal.Error of err.
func faultOf(t *testing.T, err error) *bal.Error {
	t.Helper()
	require.Error(t, err)
	var be *bal.Error
	require.ErrorAs(t, err, &be)
	return be
}

func ptr[T any](v T) *T { return &v }

// firstOf returns the first generated object of a type.
func firstOf[T update1.Objekt](t *testing.T, s *Server, typ update1.Objekttyp) T {
	t.Helper()
	objs := s.objects(typ)
	require.NotEmpty(t, objs)
	return objs[0].(T)
}

// storedBuilding returns a copy of a stored byggnad.
func storedBuilding(s *Server, id string) (*update1.Byggnad, bool) {
	o, ok := s.object(update1.TypByggnad, id)
	if !ok {
		return nil, false
	}
	return o.(*update1.Byggnad), true
}

// square returns a 10 × 10 m footprint at (e, n) in SWEREF 99 TM with
// heights.
func square(e, n float64) *geom.Polygon {
	return geom.NewPolygonFlat(geom.XYZ, []float64{e, n, 20, e + 10, n, 20, e + 10, n + 10, 20, e, n + 10, 20, e, n, 20}, []int{15}).SetSRID(5845)
}

func opGet(h *harness, path string, q map[string][]string) *transport.Op {
	return &transport.Op{Name: "test", Method: http.MethodGet, Base: h.tr.UpdateBase(), Path: path, Query: q, Out: new(update1.Byggnad)}
}

var ctxCanceled = context.Canceled

// contextWithCancelAfterRequest returns a context that is cancelled as soon
// as the server has logged the start of a request: a hook instead of a
// sleep. It polls the request log through a channel-fed goroutine that
// ends with the context.
func contextWithCancelAfterRequest(t *testing.T, s *Server) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(t.Context())
	s.onRequest(func() { cancel() })
	return ctx, cancel
}
