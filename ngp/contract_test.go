package ngp_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/contract"
	"github.com/tjanstebaserad/bal-go/internal/lmtest"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// doc reads a hand-written contract document from the repository's one
// verbatim copy of shared/contract (internal/contract).
func doc(t *testing.T, name string) []byte {
	t.Helper()
	b, err := contract.Read(name)
	require.NoError(t, err)
	return b
}

// headers reads a *.headers document.
func headers(t *testing.T, name string) http.Header {
	t.Helper()
	h := http.Header{}
	sc := bufio.NewScanner(bytes.NewReader(doc(t, name)))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok {
			h.Add(strings.TrimSpace(k), strings.TrimSpace(v))
		}
	}
	return h
}

// answering serves one document (with its headers) at every request and
// records the requests' bodies.
func answering(t *testing.T, status int, h http.Header, body []byte) (*ngp.Client, *[][]byte, *[]*http.Request) {
	t.Helper()
	var bodies [][]byte
	var reqs []*http.Request
	srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies, reqs = append(bodies, b), append(reqs, r)
		for k, vs := range h {
			w.Header()[k] = vs
		}
		if w.Header().Get("Content-Type") == "" && len(body) > 0 {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	env, err := bal.NewEnvironment("contract", srv.BaseURL(), srv.TokenURL())
	require.NoError(t, err)
	c, err := bal.NewClient(bal.Config{Environment: env,
		Credentials: bal.ClientCredentials{ID: lmtest.ClientID, Secret: lmtest.Secret},
		Retry:       bal.RetryPolicy{MaxAttempts: 1}})
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	return ngp.New(c), &bodies, &reqs
}

func at(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, s)
	require.NoError(t, err)
	return tm
}

// TestClientDecodesContract decodes every answer document and checks every
// request the client produces against the request documents, in meaning.
func TestClientDecodesContract(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := "7f3c2a10-5b9e-4c61-9d2f-0a8e4b1c6d77"
	obj := func(s string) bal.ObjectID { o, err := bal.ParseObjectID(s); require.NoError(t, err); return o }

	t.Run("mottagning", func(t *testing.T) {
		c, bodies, _ := answering(t, 201, headers(t, "ngp/mottagning.201.headers"), doc(t, "ngp/mottagning.201.json"))
		r, err := c.Deliveries.Register(ctx, ngp.DeliveryInfo{InformationType: "byggnad", Provider: "2199"})
		require.NoError(t, err)
		assert.JSONEq(t, string(doc(t, "ngp/mottagning.request.json")), string((*bodies)[0]))
		assert.Equal(t, &ngp.Reception{ID: id, Info: ngp.DeliveryInfo{InformationType: "byggnad", Provider: "2199"},
			Status:   ngp.Status{Type: ngp.StatusRegistered, Time: r.Status.Time},
			Location: "/distribution/geodatakatalog/uppdatering/v1/mottagning/" + id}, r)
		assert.True(t, r.Status.Time.Equal(at(t, "2026-11-30T10:15:02.417+01:00")))
	})
	t.Run("forandringar", func(t *testing.T) {
		c, bodies, _ := answering(t, 201, nil, doc(t, "ngp/forandringar.201.json"))
		cs, err := c.Deliveries.RegisterChanges(ctx, id, []ngp.NewChange{
			{ObjectID: obj("0b5e9d2c-31a4-4f7e-8c15-6a2d9e0f4b31"), Type: ngp.ChangeDelivery},
			{ObjectID: obj("c4a81f57-2e6b-4d09-a3f8-917b5c2e0d64"), Type: ngp.ChangeDelivery,
				Href: "https://karta.exempelby.se/ngp/byggnad/c4a81f57-2e6b-4d09-a3f8-917b5c2e0d64.json"},
			{ObjectID: obj("e92d0c3b-7a15-48f6-b2e4-5d1c8a9f3e20"), Type: ngp.ChangeDeletion},
		})
		require.NoError(t, err)
		assert.JSONEq(t, string(doc(t, "ngp/forandringar.request.json")), string((*bodies)[0]))
		require.Len(t, cs, 3)
		assert.Equal(t, ngp.StatusRegistered, cs[0].Status.Type)
		assert.Equal(t, "https://karta.exempelby.se/ngp/byggnad/c4a81f57-2e6b-4d09-a3f8-917b5c2e0d64.json", cs[1].Href)
		assert.Equal(t, ngp.ChangeDeletion, cs[2].Type)
		assert.Equal(t, ngp.StatusReceived, cs[2].Status.Type, "a radering starts mottagen")
		assert.True(t, cs[2].Status.Time.Equal(at(t, "2026-11-30T10:15:03.080+01:00")), "two fraction digits")
	})
	t.Run("valideringsfel", func(t *testing.T) {
		c, _, _ := answering(t, 200, nil, doc(t, "ngp/mottagning-valideringsfel.200.json"))
		r, err := c.Deliveries.Get(ctx, id)
		require.NoError(t, err)
		assert.Equal(t, ngp.StatusInvalid, r.Status.Type)
		assert.Equal(t, "En eller flera förändringar har valideringsfel", r.Status.Message)
		assert.True(t, r.Status.Time.Equal(at(t, "2026-11-30T10:16:41.900+01:00")))
	})
	t.Run("leverans 303", func(t *testing.T) {
		c, bodies, reqs := answering(t, 303, headers(t, "ngp/leverans.303.headers"), doc(t, "ngp/leverans.303.json"))
		body := []byte(`{"objektidentitet":"0b5e9d2c-31a4-4f7e-8c15-6a2d9e0f4b31"}`)
		r, err := c.Deliveries.Upload(ctx, id, obj("0b5e9d2c-31a4-4f7e-8c15-6a2d9e0f4b31"), ngp.MediaByggnadV1, body)
		require.NoError(t, err, "the 303 is success")
		assert.Equal(t, headers(t, "ngp/leverans.303.headers").Get("Location"), r.ReportURL)
		require.Len(t, *reqs, 1, "the redirect is not followed")
		assert.Equal(t, "application/vnd.lm.byggnad.v1+json", (*reqs)[0].Header.Get("Content-Type"))
		assert.Equal(t, body, (*bodies)[0])
		_, err = c.Deliveries.Report(ctx, r.ReportURL)
		assert.ErrorIs(t, err, bal.ErrInvalidResponse, "the report's host is not this environment's: the token stays here")
		assert.Len(t, *reqs, 1)
	})
	t.Run("valideringsrapport", func(t *testing.T) {
		c, _, reqs := answering(t, 200, nil, doc(t, "ngp/valideringsrapport.200.json"))
		rep, err := c.Deliveries.ChangeReport(ctx, id, obj("0b5e9d2c-31a4-4f7e-8c15-6a2d9e0f4b31"))
		require.NoError(t, err)
		assert.Equal(t, "/distribution/geodatakatalog/uppdatering/v1/mottagning/"+id+"/forandringar/0b5e9d2c-31a4-4f7e-8c15-6a2d9e0f4b31/leverans", (*reqs)[0].URL.Path)
		assert.Equal(t, "Resultat för validering av byggnad.v1", rep.Name)
		assert.True(t, rep.Time.Equal(at(t, "2026-11-30T10:16:41.903+01:00")))
		assert.Equal(t, []int{3, 1, 1, 0, 0}, []int{rep.Tests, rep.Failures, rep.Warnings, rep.Errors, rep.Skipped})
		assert.InDelta(t, 0.112, rep.Duration, 1e-9)
		require.Len(t, rep.Cases, 3)
		assert.Equal(t, ngp.TestCase{ID: "BAS-005", Label: "Historik får inte finnas i leveransen.", Duration: 0.004, Status: ngp.CaseOK}, rep.Cases[0])
		assert.Equal(t, ngp.CaseFailure, rep.Cases[1].Status)
		assert.Equal(t, []string{"Byggnaden 0b5e9d2c-31a4-4f7e-8c15-6a2d9e0f4b31 har koordinatsystemPlan EPSG:4326"}, rep.Cases[1].Messages)
		assert.Equal(t, ngp.CaseWarning, rep.Cases[2].Status)
		assert.Len(t, rep.Problems(), 2)
	})
	t.Run("report 204", func(t *testing.T) {
		c, _, _ := answering(t, 204, nil, nil)
		_, err := c.Deliveries.ChangeReport(ctx, id, obj("0b5e9d2c-31a4-4f7e-8c15-6a2d9e0f4b31"))
		assert.ErrorIs(t, err, ngp.ErrReportNotReady)
	})
	for _, tc := range []struct {
		status int
		file   string
		want   ngp.HealthStatus
	}{{200, "ngp/health.200.json", ngp.HealthUp}, {503, "ngp/health.503.json", ngp.HealthDown}} {
		t.Run(tc.file, func(t *testing.T) {
			c, _, _ := answering(t, tc.status, nil, doc(t, tc.file))
			h, err := c.Deliveries.Health(ctx)
			require.NoError(t, err)
			assert.Equal(t, tc.want, h)
		})
	}
	for _, tc := range []struct {
		status int
		file   string
		is     error
	}{{400, "faults/fault-v1-rule.400.json", bal.ErrValidation}, {415, "faults/fault-v1.415.json", nil}} {
		t.Run(tc.file, func(t *testing.T) {
			c, _, _ := answering(t, tc.status, nil, doc(t, tc.file))
			_, err := c.Deliveries.Upload(ctx, id, obj("0b5e9d2c-31a4-4f7e-8c15-6a2d9e0f4b31"), ngp.MediaByggnadV1, []byte("{}"))
			var e *bal.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.status, e.StatusCode)
			assert.JSONEq(t, string(doc(t, tc.file)), string(e.Body), "the fault reaches the caller whole")
			if tc.is != nil {
				assert.ErrorIs(t, err, tc.is)
			}
		})
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// sameShape checks that got has every member want has, with values of the
// same JSON kind, recursively (arrays element by element).
func sameShape(t *testing.T, path string, want, got any) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !assert.True(t, ok, "%s: want an object, got %T", path, got) {
			return
		}
		for k, wv := range w {
			gv, ok := g[k]
			if assert.True(t, ok, "%s.%s missing", path, k) {
				sameShape(t, path+"."+k, wv, gv)
			}
		}
	case []any:
		g, ok := got.([]any)
		if !assert.True(t, ok, "%s: want an array, got %T", path, got) {
			return
		}
		if assert.Len(t, g, len(w), path) {
			for i := range w {
				sameShape(t, path, w[i], g[i])
			}
		}
	case string:
		_, ok := got.(string)
		assert.True(t, ok, "%s: want a string, got %T", path, got)
		if ok && path == ".status.tidsstampel" || strings.HasSuffix(path, "tidsstampel") || path == ".timestamp" {
			assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{2,3}[+-]\d\d:\d\d$`, got, path)
		}
	case float64:
		_, ok := got.(float64)
		assert.True(t, ok, "%s: want a number, got %T", path, got)
	}
}

func decodeAny(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(b, &v))
	return v
}

// TestFakeFollowsContract sends the request documents to the fake and checks
// its answers against the answer documents' shapes.
func TestFakeFollowsContract(t *testing.T) {
	t.Parallel()
	s, c := fake(t)
	bc := s.Client()
	defer bc.CloseIdleConnections()
	hc := bc.HTTPClient()
	base := s.URL() + ngp.UpdateBase
	send := func(method, url, media string, body []byte) *http.Response {
		// Redirects are the answer here, as for the SDK's upload.
		req, err := http.NewRequestWithContext(callctx.WithoutRedirects(context.Background()), method, url, bytes.NewReader(body))
		require.NoError(t, err)
		if media != "" {
			req.Header.Set("Content-Type", media)
		}
		resp, err := hc.Do(req)
		require.NoError(t, err)
		return resp
	}
	read := func(resp *http.Response) []byte {
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return b
	}

	resp := send("POST", base+"/mottagning", "application/json", doc(t, "ngp/mottagning.request.json"))
	require.Equal(t, 201, resp.StatusCode)
	assert.Regexp(t, `^/distribution/geodatakatalog/uppdatering/v1/mottagning/[0-9a-f-]{36}$`, resp.Header.Get("Location"))
	got := decodeAny(t, read(resp))
	sameShape(t, "", decodeAny(t, doc(t, "ngp/mottagning.201.json")), got)
	id := got.(map[string]any)["id"].(string)
	assert.Regexp(t, uuidRE, id)

	resp = send("POST", base+"/mottagning/"+id+"/forandringar", "application/json", doc(t, "ngp/forandringar.request.json"))
	require.Equal(t, 201, resp.StatusCode)
	got = decodeAny(t, read(resp))
	sameShape(t, "", decodeAny(t, doc(t, "ngp/forandringar.201.json")), got)
	fs := got.(map[string]any)["forandringar"].([]any)
	assert.Equal(t, "mottagen", fs[2].(map[string]any)["status"].(map[string]any)["typ"], "a radering starts mottagen")

	b := buildings(t, 1)[0]
	b.ID = mustObj(t, "0b5e9d2c-31a4-4f7e-8c15-6a2d9e0f4b31")
	o, err := b.Object()
	require.NoError(t, err)
	resp = send("POST", base+"/mottagning/"+id+"/forandringar/"+b.ID.String()+"/leverans", string(ngp.MediaByggnadV1), o.Body)
	require.Equal(t, 303, resp.StatusCode)
	wantH := headers(t, "ngp/leverans.303.headers")
	assert.Equal(t, wantH.Get("Content-Type"), resp.Header.Get("Content-Type"))
	loc := resp.Header.Get("Location")
	got = decodeAny(t, read(resp))
	sameShape(t, "", decodeAny(t, doc(t, "ngp/leverans.303.json")), got)
	assert.Equal(t, loc, got.(map[string]any)["href"], "Location and href name the same report")
	assert.Contains(t, loc, "/mottagning/"+id+"/leveranser/"+b.ID.String(), "the path of Lantmäteriet's own example")

	resp = send("GET", loc, "", nil)
	assert.Equal(t, 204, resp.StatusCode, "no report before validation")
	read(resp)
	s.Clock().Advance(3 * time.Second)
	resp = send("GET", base+"/mottagning/"+id, "", nil)
	got = decodeAny(t, read(resp))
	sameShape(t, "", decodeAny(t, doc(t, "ngp/mottagning.201.json")), got)
	resp = send("GET", loc, "", nil)
	require.Equal(t, 200, resp.StatusCode)
	rep := decodeAny(t, read(resp))
	assert.Equal(t, "validerad", got.(map[string]any)["status"].(map[string]any)["typ"],
		"every change validated (the upload passed the rules, the radering and the eftersändning need none): %v", rep)
	wantRep := decodeAny(t, doc(t, "ngp/valideringsrapport.200.json")).(map[string]any)
	for k := range wantRep {
		assert.Contains(t, rep, k)
	}

	// A building in EPSG:4326, as in the report document: valideringsfel,
	// with the documented message and a FAILURE case with its message.
	resp = send("POST", base+"/mottagning", "application/json", doc(t, "ngp/mottagning.request.json"))
	id2 := decodeAny(t, read(resp)).(map[string]any)["id"].(string)
	read(send("POST", base+"/mottagning/"+id2+"/forandringar", "application/json", []byte(`{"forandringar":[{"objektidentitet":"`+b.ID.String()+`","typ":"leverans"}]}`)))
	bad := bytes.Replace(o.Body, []byte(`"EPSG:3010"`), []byte(`"EPSG:4326"`), 1)
	require.NotEqual(t, o.Body, bad)
	resp = send("POST", base+"/mottagning/"+id2+"/forandringar/"+b.ID.String()+"/leverans", string(ngp.MediaByggnadV1), bad)
	require.Equal(t, 303, resp.StatusCode)
	loc2 := resp.Header.Get("Location")
	read(resp)
	s.Clock().Advance(3 * time.Second)
	got = decodeAny(t, read(send("GET", base+"/mottagning/"+id2, "", nil)))
	sameShape(t, "", decodeAny(t, doc(t, "ngp/mottagning-valideringsfel.200.json")), got)
	assert.Equal(t, "valideringsfel", got.(map[string]any)["status"].(map[string]any)["typ"])
	rep = decodeAny(t, read(send("GET", loc2, "", nil)))
	var failure map[string]any
	for _, c := range rep.(map[string]any)["testcase"].([]any) {
		if c.(map[string]any)["status"] == "FAILURE" {
			failure = c.(map[string]any)
		}
	}
	require.NotNil(t, failure)
	sameShape(t, "", wantRep["testcase"].([]any)[1], failure)
	assert.Equal(t, "BYG-0007", failure["id"])

	resp = send("GET", base+"/health", "", nil)
	sameShape(t, "", decodeAny(t, doc(t, "ngp/health.200.json")), decodeAny(t, read(resp)))
	s.SetNGPHealth("DOWN")
	resp = send("GET", base+"/health", "", nil)
	assert.Equal(t, 503, resp.StatusCode)
	assert.JSONEq(t, string(doc(t, "ngp/health.503.json")), string(read(resp)))

	// The client reads the same answers.
	r, err := c.Deliveries.Get(context.Background(), id)
	require.NoError(t, err)
	assert.Equal(t, id, r.ID)
}

func mustObj(t *testing.T, s string) bal.ObjectID {
	t.Helper()
	o, err := bal.ParseObjectID(s)
	require.NoError(t, err)
	return o
}
