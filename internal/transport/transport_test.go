package transport_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"log"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/lmtest"
	"github.com/tjanstebaserad/bal-go/internal/transport"
)

const personnummer = "19121212-1212"

type thing struct {
	XMLName xml.Name `xml:"Thing" json:"-"`
	Name    string   `xml:"namn" json:"namn"`
}

func setup(t *testing.T, h http.HandlerFunc, mutate func(*bal.Config)) (*transport.Transport, *lmtest.Server) {
	t.Helper()
	srv := lmtest.New(t, h)
	env, err := bal.NewEnvironment("test", srv.BaseURL(), srv.TokenURL())
	require.NoError(t, err)
	cfg := bal.Config{
		Environment: env,
		Credentials: bal.ClientCredentials{ID: lmtest.ClientID, Secret: lmtest.Secret},
		Retry:       bal.RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond},
	}
	if mutate != nil {
		mutate(&cfg)
	}
	c, err := bal.NewClient(cfg)
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	return transport.New(c), srv
}

func getThing() *transport.Op {
	return &transport.Op{Name: "thing.Get", Method: http.MethodGet, Base: "/svc/v1", Path: transport.Path("thing", "a/b c"), Out: &thing{}}
}

func TestDecodesUnderTheBasePath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		accept bal.Format
		ct     string
		body   string
	}{
		{"xml", bal.FormatXML, "application/xml; charset=utf-8", `<?xml version="1.0"?><Thing xmlns="urn:x"><namn>Vaksala</namn></Thing>`},
		{"text/xml", bal.FormatXML, "text/xml", `<Thing><namn>Vaksala</namn></Thing>`},
		{"json", bal.FormatJSON, "application/json", `{"namn":"Vaksala"}`},
		{"geo+json", bal.FormatJSON, "application/geo+json", `{"namn":"Vaksala"}`},
		{"unlabelled xml", bal.FormatXML, "", `<Thing><namn>Vaksala</namn></Thing>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var gotPath, gotRawPath, accept string
			tr, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
				gotPath, gotRawPath, accept = r.URL.Path, r.URL.EscapedPath(), r.Header.Get("Accept")
				w.Header()["Content-Type"] = nil // no sniffing either
				if tt.ct != "" {
					w.Header().Set("Content-Type", tt.ct)
				}
				_, _ = io.WriteString(w, tt.body)
			}, nil)
			op := getThing()
			op.Accept = tt.accept
			res, err := tr.Do(t.Context(), op)
			require.NoError(t, err)
			assert.Equal(t, "Vaksala", op.Out.(*thing).Name)
			assert.Equal(t, "/svc/v1/thing/a/b c", gotPath, "the server sees the path under its base path")
			assert.Equal(t, "/svc/v1/thing/a%2Fb%20c", gotRawPath, "segments are escaped")
			assert.Equal(t, "application/"+tt.accept.String(), accept)
			assert.Equal(t, 1, res.Attempts)
		})
	}
}

func TestGzipAnswerIsDecoded(t *testing.T) {
	t.Parallel()
	var acceptEncoding string
	tr, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		acceptEncoding = r.Header.Get("Accept-Encoding")
		w.Header().Set("Content-Type", "application/xml")
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		_, _ = io.WriteString(gz, `<Thing><namn>Gzip</namn></Thing>`)
		_ = gz.Close()
	}, nil)
	op := getThing()
	_, err := tr.Do(t.Context(), op)
	require.NoError(t, err)
	assert.Equal(t, "gzip", acceptEncoding)
	assert.Equal(t, "Gzip", op.Out.(*thing).Name)
}

func TestAnswersThatAreNotTheRequestedFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, ct, body string
		accept         bal.Format
		want           string
	}{
		{"html 200", "text/html", "<html><head><title>Underhåll pågår</title></head><body>…</body></html>", bal.FormatXML, `page titled "Underhåll pågår"`},
		{"empty 200", "application/xml", "", bal.FormatXML, "empty answer"},
		{"json where xml asked", "application/json", `{"namn":"x"}`, bal.FormatXML, "unexpected content type"},
		{"xml where json asked", "application/xml", `<Thing/>`, bal.FormatJSON, "unexpected content type"},
		{"malformed xml", "application/xml", `<Thing><namn>x</Thing>`, bal.FormatXML, "decode xml"},
		{"malformed json", "application/json", `{"namn":`, bal.FormatJSON, "decode json"},
		{"unlabelled html", "", `<!DOCTYPE html><html></html>`, bal.FormatXML, "decode xml"},
		{"text", "", `Service Unavailable`, bal.FormatXML, "not xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.ct != "" {
					w.Header().Set("Content-Type", tt.ct)
				} else {
					w.Header()["Content-Type"] = nil
				}
				_, _ = io.WriteString(w, tt.body)
			}, nil)
			op := getThing()
			op.Accept = tt.accept
			_, err := tr.Do(t.Context(), op)
			require.Error(t, err)
			assert.ErrorIs(t, err, bal.ErrInvalidResponse)
			assert.NotErrorIs(t, err, bal.ErrUnavailable)
			var e *bal.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, http.StatusOK, e.StatusCode)
			assert.Contains(t, err.Error(), tt.want)
			assert.Equal(t, "thing.Get", e.Operation)
		})
	}
}

func TestFaultsDecodeToTheRightSentinel(t *testing.T) {
	t.Parallel()
	lmfault := func(code, msg string, details ...string) string {
		var b strings.Builder
		b.WriteString(`<lmfault:Fault xmlns:lmfault="http://namespace.lantmateriet.se/distribution/produkter/fault/v1"><lmfault:kod>` + code + `</lmfault:kod><lmfault:meddelande>` + msg + `</lmfault:meddelande>`)
		for _, d := range details {
			b.WriteString(`<lmfault:detalj>` + d + `</lmfault:detalj>`)
		}
		b.WriteString(`</lmfault:Fault>`)
		return b.String()
	}
	tests := []struct {
		name       string
		status     int
		ct, body   string
		sentinel   error
		code       string
		source     bal.Source
		msg        string
		conflictAt bal.Version
	}{
		{"lmfault 404", 404, "application/xml", lmfault("BAL-0404", "Objektet finns inte"), bal.ErrNotFound, "BAL-0404", bal.SourceService, "Objektet finns inte", 0},
		{"lmfault rule 400", 400, "application/xml", lmfault("BAL-3015", "Ett avregistrerat utbytesobjekt får inte ändra objektstatus", "objektidentitet=x"), bal.ErrValidation, "BAL-3015", bal.SourceService, "Ett avregistrerat utbytesobjekt får inte ändra objektstatus", 0},
		{"lmfault conflict", 409, "application/xml", lmfault("BAL-0409", "Versionskonflikt", "aktuellObjektversion=7"), bal.ErrConflict, "BAL-0409", bal.SourceService, "Versionskonflikt", 7},
		{"lmfault gap", 410, "application/xml", lmfault("BAL-0410-GAP", "Kontrollpunkten är för gammal"), bal.ErrResync, "BAL-0410-GAP", bal.SourceService, "Kontrollpunkten är för gammal", 0},
		{"lmfault json", 404, "application/json", `{"kod":"BAL-0404","meddelande":"saknas","detalj":["a","b"]}`, bal.ErrNotFound, "BAL-0404", bal.SourceService, "saknas", 0},
		{"gateway json 403", 403, "application/json", `{"fault":{"code":900910,"message":"The access token does not allow you to access the requested resource","description":"User is NOT authorized"}}`, bal.ErrForbidden, "900910", bal.SourceGateway, "The access token does not allow you to access the requested resource", 0},
		{"gateway xml 403", 403, "application/xml", `<ams:fault xmlns:ams="http://wso2.org/apimanager/security"><ams:code>900910</ams:code><ams:message>Forbidden</ams:message><ams:description>scope</ams:description></ams:fault>`, bal.ErrForbidden, "900910", bal.SourceGateway, "Forbidden", 0},
		{"gateway json 503", 503, "application/json", `{"fault":{"code":101503,"message":"Runtime Error","description":"Error connecting to the back end"}}`, bal.ErrUnavailable, "101503", bal.SourceGateway, "Runtime Error", 0},
		{"html 502", 502, "text/html", `<html><title>502 Bad Gateway</title></html>`, bal.ErrUnavailable, "", bal.SourceUnknown, `Bad Gateway (text/html answer (page titled "502 Bad Gateway"))`, 0},
		{"empty 500", 500, "", ``, bal.ErrUnavailable, "", bal.SourceUnknown, "Internal Server Error (empty answer)", 0},
		{"plain 404", 404, "text/plain", `not here`, bal.ErrNotFound, "", bal.SourceUnknown, "Not Found (text/plain answer)", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.ct != "" {
					w.Header().Set("Content-Type", tt.ct)
				}
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			}, func(c *bal.Config) { c.Retry.MaxAttempts = 1 })
			_, err := tr.Do(t.Context(), getThing())
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel)
			var e *bal.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.code, e.Code)
			assert.Equal(t, tt.source, e.Source)
			assert.Equal(t, tt.msg, e.Message)
			assert.Equal(t, tt.body, string(e.Body))
			assert.NotEmpty(t, e.RequestID)
			if tt.status == 409 {
				var ce *bal.ConflictError
				require.ErrorAs(t, err, &ce)
				assert.Equal(t, tt.conflictAt, ce.Current)
			}
		})
	}
}

func TestRetries(t *testing.T) {
	t.Parallel()
	type answer struct {
		status     int
		retryAfter string
	}
	tests := []struct {
		name         string
		op           func() *transport.Op
		answers      []answer // then 200
		wantRequests int
		wantErr      error
	}{
		{"GET retried on 503", getThing, []answer{{503, ""}}, 2, nil},
		{"GET retried on 502 and 504", getThing, []answer{{502, ""}, {504, ""}}, 3, nil},
		{"GET retried on 429 with Retry-After 0", getThing, []answer{{429, "0"}}, 2, nil},
		{"GET retried on 503 with a past HTTP date", getThing, []answer{{503, "Sun, 06 Nov 1994 08:49:37 GMT"}}, 2, nil},
		{"GET not retried on 500", getThing, []answer{{500, ""}}, 1, bal.ErrUnavailable},
		{"GET not retried on 404", getThing, []answer{{404, ""}}, 1, bal.ErrNotFound},
		{"GET gives up after MaxAttempts", getThing, []answer{{503, ""}, {503, ""}, {503, ""}, {503, ""}}, 4, bal.ErrUnavailable},
		{"unmarked POST not retried on 503", func() *transport.Op {
			return &transport.Op{Name: "thing.Create", Method: http.MethodPost, Base: "/svc/v1", Path: "/thing", Body: &thing{Name: "x"}}
		}, []answer{{503, ""}}, 1, bal.ErrUnavailable},
		{"unmarked POST not retried on 429", func() *transport.Op {
			return &transport.Op{Name: "thing.Create", Method: http.MethodPost, Base: "/svc/v1", Path: "/thing", Body: &thing{Name: "x"}}
		}, []answer{{429, "0"}}, 1, bal.ErrRateLimited},
		{"read-only POST retried", func() *transport.Op {
			return &transport.Op{Name: "thing.Search", Method: http.MethodPost, Base: "/svc/v1", Path: "/sok", Body: &thing{Name: "x"}, SafeToRetry: true}
		}, []answer{{503, ""}}, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			tr, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
				i := int(n.Add(1)) - 1
				if i < len(tt.answers) {
					if tt.answers[i].retryAfter != "" {
						w.Header().Set("Retry-After", tt.answers[i].retryAfter)
					}
					w.WriteHeader(tt.answers[i].status)
					return
				}
				w.Header().Set("Content-Type", "application/xml")
				_, _ = io.WriteString(w, `<Thing><namn>ok</namn></Thing>`)
			}, nil)
			res, err := tr.Do(t.Context(), tt.op())
			assert.Equal(t, tt.wantRequests, int(n.Load()))
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				var e *bal.Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, tt.wantRequests, e.Attempts, "attempts are reported on errors")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantRequests, res.Attempts)
		})
	}
}

func TestMarkedWriteRetriedWithTheSameKeyAndBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		first        func(w http.ResponseWriter)
		wantAttempts int
	}{
		// The SDK's own retry.
		{"503 first", func(w http.ResponseWriter) { w.WriteHeader(http.StatusServiceUnavailable) }, 2},
		// The connection drops after the server read the request. net/http
		// itself resends requests carrying an Idempotency-Key on a fresh
		// connection, below the SDK's policy, so the SDK counts one attempt.
		{"connection lost", func(w http.ResponseWriter) {
			hj, _ := w.(http.Hijacker)
			conn, _, _ := hj.Hijack()
			conn.Close()
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			var keys, bodies []string
			tr, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				mu.Lock()
				keys, bodies = append(keys, r.Header.Get("Idempotency-Key")), append(bodies, string(b))
				first := len(keys) == 1
				mu.Unlock()
				if first {
					tt.first(w)
					return
				}
				w.Header().Set("Content-Type", "application/xml")
				w.WriteHeader(http.StatusCreated)
				_, _ = io.WriteString(w, `<Thing><namn>created</namn></Thing>`)
			}, nil)
			op := &transport.Op{
				Name: "thing.Create", Method: http.MethodPost, Base: "/svc/v1", Path: "/thing",
				Body: &thing{Name: "Åbo " + strings.Repeat("x", 5000)}, IdempotencyKey: "6f1c0a4e-7d7e-4b7b-9a52-0c1f6b1f3a11", Out: &thing{},
			}
			res, err := tr.Do(t.Context(), op)
			require.NoError(t, err)
			assert.Equal(t, http.StatusCreated, res.StatusCode)
			assert.Equal(t, tt.wantAttempts, res.Attempts)
			require.Len(t, keys, 2)
			assert.Equal(t, []string{op.IdempotencyKey, op.IdempotencyKey}, keys)
			assert.Equal(t, bodies[0], bodies[1], "the body is rewound for the retry")
			assert.True(t, strings.HasPrefix(bodies[0], `<?xml version="1.0" encoding="UTF-8"?>`+"\n<Thing><namn>Åbo "))
		})
	}
}

func TestUnmarkedWriteNotRetriedAfterConnectionLoss(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	tr, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		hj, _ := w.(http.Hijacker)
		conn, _, _ := hj.Hijack()
		conn.Close()
	}, nil)
	_, err := tr.Do(t.Context(), &transport.Op{Name: "thing.Create", Method: http.MethodPost, Base: "/svc/v1", Path: "/thing", Body: []byte("<x/>")})
	require.ErrorIs(t, err, bal.ErrUnavailable)
	assert.Equal(t, int32(1), n.Load(), "the server may have applied it: never resent without a key")
}

func TestRetryAfterAboveTheCapReturnsAtOnce(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status     int
		retryAfter string
		want       time.Duration
	}{
		{429, "3600", time.Hour},
		{503, "120", 2 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.retryAfter, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			tr, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				w.Header().Set("Retry-After", tt.retryAfter)
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, `{"fault":{"code":900800,"message":"Message throttled out"}}`)
			}, func(c *bal.Config) { c.Retry.MaxRetryAfter = time.Minute })
			// Sleeping would exceed the test's deadline by far; returning at
			// once is the only way to pass.
			ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
			defer cancel()
			_, err := tr.Do(ctx, getThing())
			var rl *bal.RateLimitError
			require.ErrorAs(t, err, &rl)
			assert.Equal(t, tt.want, rl.RetryAfter)
			assert.ErrorIs(t, err, bal.ErrRateLimited)
			assert.Equal(t, int32(1), n.Load())
			assert.Equal(t, "900800", rl.Err.Code)
		})
	}
}

func TestContextCancellationStopsARetryWait(t *testing.T) {
	t.Parallel()
	answered := make(chan struct{})
	var once sync.Once
	tr, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "25")
		w.WriteHeader(http.StatusServiceUnavailable)
		once.Do(func() { close(answered) })
	}, func(c *bal.Config) { c.Retry.MaxRetryAfter = time.Hour })
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		<-answered
		cancel()
	}()
	done := make(chan error, 1)
	go func() {
		_, err := tr.Do(ctx, getThing())
		done <- err
	}()
	select {
	case err := <-done:
		assert.ErrorIs(t, err, context.Canceled)
		assert.Contains(t, err.Error(), "thing.Get")
	case <-time.After(20 * time.Second):
		t.Fatal("Do kept waiting out Retry-After after its context was cancelled")
	}
}

func TestNetworkFailureIsUnavailable(t *testing.T) {
	t.Parallel()
	tr, srv := setup(t, func(w http.ResponseWriter, r *http.Request) {
		hj, _ := w.(http.Hijacker)
		conn, _, _ := hj.Hijack()
		conn.Close()
	}, nil)
	_, err := tr.Do(t.Context(), getThing())
	require.ErrorIs(t, err, bal.ErrUnavailable)
	var e *bal.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 4, e.Attempts)
	assert.Zero(t, e.StatusCode)
	assert.NotContains(t, err.Error(), srv.URL, "the URL is not repeated in network errors")
}

func TestSecretsNeverReachLogsOrErrors(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	tr, srv := setup(t, func(w http.ResponseWriter, r *http.Request) {
		// A badly behaved service echoing everything it was sent.
		echo := "auth=" + r.Header.Get("Authorization") + " token=" + strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ") + " pnr " + personnummer
		w.Header().Set("Content-Type", "application/xml")
		w.Header().Set("X-Echo", echo)
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `<lmfault:Fault xmlns:lmfault="http://namespace.lantmateriet.se/distribution/produkter/fault/v1"><lmfault:kod>BAL-1234</lmfault:kod><lmfault:meddelande>`+echo+`</lmfault:meddelande><lmfault:detalj>ägare 191212121212</lmfault:detalj><lmfault:detalj>`+lmtest.Secret+`</lmfault:detalj></lmfault:Fault>`)
	}, func(c *bal.Config) { c.Logger, c.LogRequests, c.LogBodies = logger, true, true })

	op := &transport.Op{Name: "thing.Create", Method: http.MethodPost, Base: "/svc/v1", Path: "/thing", Query: map[string][]string{"agare": {personnummer}},
		Body: &thing{Name: "ägare " + personnummer}, IdempotencyKey: "k-1", Out: &thing{}}
	_, err := tr.Do(t.Context(), op)
	require.ErrorIs(t, err, bal.ErrValidation)
	token := srv.CurrentToken()
	require.NotEmpty(t, token)

	var e *bal.Error
	require.ErrorAs(t, err, &e)
	strs := map[string]string{
		"error":   err.Error(),
		"body":    string(e.Body),
		"message": e.Message,
		"details": strings.Join(e.Details, "|"),
		"logs":    logs.String(),
	}
	require.Contains(t, logs.String(), `"msg":"bal: http"`, "request logging is on")
	require.Contains(t, logs.String(), "request_body", "bodies are logged")
	for name, s := range strs {
		for _, secret := range []string{token, lmtest.Secret, personnummer, "191212121212", "1212121212"} {
			assert.NotContains(t, s, secret, "%s leaks %q", name, secret)
		}
	}
	assert.Contains(t, err.Error(), "BAL-1234")
}

// With no Logger the SDK writes nothing anywhere: not through slog's default
// logger, not through the standard log package (go-retryablehttp's default),
// even while it fetches a token and retries. Not parallel: it swaps the
// process-wide loggers, which no parallel test then runs beside.
func TestSilentByDefault(t *testing.T) {
	var slogged, logged bytes.Buffer
	prevSlog, prevLog := slog.Default(), log.Writer()
	slog.SetDefault(slog.New(slog.NewTextHandler(&slogged, &slog.HandlerOptions{Level: slog.LevelDebug})))
	log.SetOutput(&logged)
	t.Cleanup(func() { slog.SetDefault(prevSlog); log.SetOutput(prevLog) })

	tr, srv := setup(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }, nil)
	_, err := tr.Do(t.Context(), getThing())
	require.ErrorIs(t, err, bal.ErrUnavailable)
	require.Equal(t, 1, srv.TokenRequests(), "a token was fetched")
	var e *bal.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, 4, e.Attempts, "and the call was retried")
	assert.Empty(t, slogged.String())
	assert.Empty(t, logged.String())
}

func TestJSONBody(t *testing.T) {
	t.Parallel()
	var got map[string]any
	var ct string
	tr, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		ct = r.Header.Get("Content-Type")
		_ = json.NewDecoder(r.Body).Decode(&got)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `[{"namn":"a"},{"namn":"b"}]`)
	}, nil)
	var out []thing
	_, err := tr.Do(t.Context(), &transport.Op{Name: "thing.GetMany", Method: http.MethodPost, Base: "/svc/v1", Path: "/",
		Body: []string{"id-1", "id-2"}, BodyFormat: bal.FormatJSON, Accept: bal.FormatJSON, Out: &out, SafeToRetry: true})
	require.NoError(t, err)
	assert.Equal(t, "application/json; charset=utf-8", ct)
	assert.Equal(t, []thing{{Name: "a"}, {Name: "b"}}, out)
	assert.Nil(t, got, "a JSON array is not an object")
}

func TestEncodeErrorIsReportedBeforeSending(t *testing.T) {
	t.Parallel()
	tr, srv := setup(t, func(w http.ResponseWriter, r *http.Request) {}, nil)
	_, err := tr.Do(t.Context(), &transport.Op{Name: "x", Method: http.MethodPost, Base: "/svc", Path: "/x", Body: func() {}, BodyFormat: bal.FormatJSON})
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "encode request"), err.Error())
	assert.Zero(t, srv.TokenRequests())
	assert.False(t, errors.Is(err, bal.ErrUnavailable))
}

func TestPath(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "/byggnad/39722cbb-f8b9-404b-a045-c5e6175f1001", transport.Path("byggnad", "39722cbb-f8b9-404b-a045-c5e6175f1001"))
	assert.Equal(t, "/registerenhet/-", transport.Path("registerenhet", ""))
	assert.Equal(t, "/namn/G%C3%A4vle%20Varva%202:3", transport.Path("namn", "Gävle Varva 2:3"))
}
