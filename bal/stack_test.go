package bal

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/tjanstebaserad/bal-go/internal/lmtest"
)

// TestRedirects: a redirect within the service is followed; one that would
// leave https is refused before anything is sent to it, and is not retried;
// a redirect loop ends after five.
func TestRedirects(t *testing.T) {
	t.Parallel()
	var srv *lmtest.Server
	srv = lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/moved":
			http.Redirect(w, r, srv.BaseURL()+"/here", http.StatusFound)
		case "/here":
			okHandler(w, r)
		case "/clear-text":
			http.Redirect(w, r, "http://api.lantmateriet.se/x", http.StatusMovedPermanently)
		case "/loop":
			http.Redirect(w, r, srv.BaseURL()+"/loop", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	c := newTestClient(t, srv, nil)
	tests := []struct {
		path    string
		wantErr string
		calls   int // API requests that reached the handler
	}{
		{"/moved", "", 2},
		{"/clear-text", "refused redirect to http: not https", 1},
		{"/loop", "stopped after 5 redirects", 5},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			// Not parallel: the subtests count the server's requests.
			before := srv.APIRequests()
			req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.BaseURL()+tt.path, nil)
			require.NoError(t, err)
			res, err := c.Do(req, nil)
			assert.Equal(t, tt.calls, srv.APIRequests()-before, "requests that reached the service")
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Equal(t, http.StatusOK, res.StatusCode)
				return
			}
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Equal(t, 1, e.Attempts, "a refused redirect is not retried")

			// HTTPClient refuses it too.
			before = srv.APIRequests()
			_, err = c.HTTPClient().Do(req.Clone(t.Context()))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Equal(t, tt.calls, srv.APIRequests()-before)
		})
	}
}

// TestSafeToRetry: a POST is resent after a 503 only when its context says
// it is safe to; GET needs no mark.
func TestSafeToRetry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		method    string
		safe      bool
		wantCalls int32
		wantOK    bool
	}{
		{"POST, unmarked: sent once", http.MethodPost, false, 1, false},
		{"POST, marked safe: resent", http.MethodPost, true, 2, true},
		{"GET: resent without a mark", http.MethodGet, false, 2, true},
	}
	for _, tt := range tests {
		for _, via := range []string{"Do", "HTTPClient"} {
			t.Run(tt.name+" via "+via, func(t *testing.T) {
				t.Parallel()
				var calls atomic.Int32
				srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if calls.Add(1) == 1 {
						w.WriteHeader(http.StatusServiceUnavailable)
						return
					}
					okHandler(w, r)
				}))
				c := newTestClient(t, srv, nil)
				ctx := context.Background()
				if tt.safe {
					ctx = SafeToRetry(ctx)
				}
				req, err := http.NewRequestWithContext(ctx, tt.method, srv.BaseURL()+"/sok", strings.NewReader("<Sokvillkor/>"))
				require.NoError(t, err)
				status := 0
				if via == "Do" {
					res, err := c.Do(req, nil)
					if tt.wantOK {
						require.NoError(t, err)
						status = res.StatusCode
					} else {
						assert.ErrorIs(t, err, ErrUnavailable)
					}
				} else {
					resp, err := c.HTTPClient().Do(req)
					require.NoError(t, err)
					resp.Body.Close()
					status = resp.StatusCode
				}
				assert.Equal(t, tt.wantCalls, calls.Load())
				if tt.wantOK {
					assert.Equal(t, http.StatusOK, status)
				}
			})
		}
	}
}

// TestInvalidateToken: after InvalidateToken the next call fetches a new
// token before it is sent, instead of being refused first.
func TestInvalidateToken(t *testing.T) {
	t.Parallel()
	srv := lmtest.New(t, okHandler)
	c := newTestClient(t, srv, nil)
	_, err := get(t.Context(), c, "/x")
	require.NoError(t, err)
	first := srv.CurrentToken()
	require.Equal(t, 1, srv.TokenRequests())

	c.InvalidateToken()
	assert.Equal(t, 1, srv.TokenRequests(), "nothing is fetched until a call needs it")
	_, err = get(t.Context(), c, "/x")
	require.NoError(t, err)
	assert.Equal(t, 2, srv.TokenRequests())
	assert.NotEqual(t, first, srv.CurrentToken())
	assert.Equal(t, 2, srv.APIRequests(), "no request was sent with the dropped token")

	c.InvalidateToken()
	c.InvalidateToken()
	_, err = get(t.Context(), c, "/x")
	require.NoError(t, err)
	assert.Equal(t, 3, srv.TokenRequests(), "invalidating twice fetches once")
}

func TestSmallAccessors(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "Verifiering", Verification.Name())
	assert.Equal(t, "Produktion (https://api.lantmateriet.se)", Production.String())
	path := filepath.Join(t.TempDir(), "cp")
	assert.Equal(t, path, NewFileCheckpointStore(path).Path())

	rl := &RateLimitError{Err: &Error{Operation: "building.Get", StatusCode: 429}, RetryAfter: 90 * time.Second}
	assert.Equal(t, "bal: building.Get: 429 (retry after 1m30s)", rl.Error())
	assert.ErrorIs(t, rl, ErrRateLimited)

	re := &maskedRetrieveError{&oauth2.RetrieveError{ErrorCode: "invalid_client", ErrorDescription: "secret 19121212-1212 refused", Body: []byte("raw")}}
	assert.Equal(t, "oauth2: invalid_client secret [masked] refused", re.Error())
}

// TestLoggerMasksAttrsAndGroups: attributes given to a derived logger and
// attributes inside a group are masked as those of a single line are.
func TestLoggerMasksAttrsAndGroups(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l := newLogger(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})), Redact)
	derived := slog.New(l.l.Handler().WithAttrs([]slog.Attr{slog.String("owner", "19121212-1212")}).WithGroup("call"))
	derived.Info("sent", "auth", "Bearer abc.DEF", "n", 3)
	out := buf.String()
	assert.NotContains(t, out, "19121212-1212")
	assert.NotContains(t, out, "abc.DEF")
	assert.Contains(t, out, "owner=[masked]")
	assert.Contains(t, out, "call.auth=\"Bearer [masked]\"")
	assert.Contains(t, out, "call.n=3")
}
