package bal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/tjanstebaserad/bal-go/internal/lmtest"
)

// okHandler answers every API request with a small XML document.
var okHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/xml")
	_, _ = io.WriteString(w, "<ok/>")
})

func newTestClient(t *testing.T, srv *lmtest.Server, mutate func(*Config)) *Client {
	t.Helper()
	env, err := NewEnvironment("test", srv.BaseURL(), srv.TokenURL())
	require.NoError(t, err)
	cfg := Config{
		Environment: env,
		Credentials: ClientCredentials{ID: lmtest.ClientID, Secret: lmtest.Secret, Scopes: []string{"byggnad_direkt_v3_read"}},
		Retry:       RetryPolicy{MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond},
	}
	if mutate != nil {
		mutate(&cfg)
	}
	c, err := NewClient(cfg)
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	return c
}

func get(ctx context.Context, c *Client, path string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Environment().BaseURL()+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.HTTPClient().Do(req)
	if err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp, resp.Body.Close()
}

func TestTokenReusedAcrossGoroutines(t *testing.T) {
	t.Parallel()
	srv := lmtest.New(t, okHandler)
	c := newTestClient(t, srv, nil)

	const goroutines, calls = 100, 10
	var wg sync.WaitGroup
	var failures atomic.Int32
	for range goroutines {
		wg.Go(func() {
			for range calls {
				resp, err := get(t.Context(), c, "/byggnad")
				if err != nil || resp.StatusCode != http.StatusOK {
					failures.Add(1)
				}
			}
		})
	}
	wg.Wait()
	assert.Zero(t, failures.Load())
	assert.Equal(t, goroutines*calls, srv.APIRequests())
	assert.Equal(t, 1, srv.TokenRequests(), "one token per token lifetime, however many goroutines ask")
}

// fakeClock is a settable clock for the token cache.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (f *fakeClock) Now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.now }
func (f *fakeClock) Add(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

func TestTokenRefreshedBeforeExpiry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		ttl       int64 // expires_in; 0 = omitted
		advance   time.Duration
		wantFetch int
	}{
		{"well before expiry", 3600, 3600*time.Second - 61*time.Second, 1},
		{"inside the 60 s margin", 3600, 3600*time.Second - 59*time.Second, 2},
		{"no expires_in: capped at one hour", 0, time.Hour - 59*time.Second, 2},
		{"no expires_in: reused within the cap", 0, 30 * time.Minute, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := lmtest.New(t, okHandler)
			srv.TokenTTL.Store(tt.ttl)
			c := newTestClient(t, srv, nil)
			clock := &fakeClock{now: time.Now()}
			c.auth.def.tokens.now = clock.Now

			_, err := get(t.Context(), c, "/x")
			require.NoError(t, err)
			require.Equal(t, 1, srv.TokenRequests())
			// x/oauth2 computes Expiry from the wall clock; move ours along it.
			clock.Add(tt.advance)
			resp, err := get(t.Context(), c, "/x")
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, tt.wantFetch, srv.TokenRequests())
		})
	}
}

func TestUnauthorizedRefreshesOnceAndRetriesOnce(t *testing.T) {
	t.Parallel()

	t.Run("revoked token is replaced and the request resent", func(t *testing.T) {
		t.Parallel()
		srv := lmtest.New(t, okHandler)
		c := newTestClient(t, srv, nil)
		_, err := get(t.Context(), c, "/x")
		require.NoError(t, err)
		srv.Revoke()

		resp, err := get(t.Context(), c, "/x")
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Equal(t, 2, srv.TokenRequests())
		assert.Equal(t, 2, srv.APIRequests())
	})

	t.Run("a service that keeps answering 401 is not looped on", func(t *testing.T) {
		t.Parallel()
		var calls atomic.Int32
		srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			w.WriteHeader(http.StatusUnauthorized)
		}))
		c := newTestClient(t, srv, nil)
		resp, err := get(t.Context(), c, "/x")
		require.NoError(t, err)
		assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
		assert.Equal(t, int32(2), calls.Load(), "the first attempt and one resend")
		assert.Equal(t, 2, srv.TokenRequests(), "one refresh")
	})

	t.Run("many goroutines hit by one revocation refresh once", func(t *testing.T) {
		t.Parallel()
		srv := lmtest.New(t, okHandler)
		c := newTestClient(t, srv, nil)
		_, err := get(t.Context(), c, "/x")
		require.NoError(t, err)
		srv.Revoke()
		var wg sync.WaitGroup
		for range 50 {
			wg.Go(func() {
				resp, err := get(t.Context(), c, "/x")
				assert.NoError(t, err)
				assert.Equal(t, http.StatusOK, resp.StatusCode)
			})
		}
		wg.Wait()
		assert.Equal(t, 2, srv.TokenRequests(), "a refusal of an already replaced token must not fetch again")
	})
}

func TestTokenEndpointFailureIsTypedAndMasked(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status   int32
		sentinel error
	}{
		{http.StatusUnauthorized, ErrUnauthorized},
		{http.StatusBadRequest, ErrUnauthorized},
		{http.StatusServiceUnavailable, ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			t.Parallel()
			srv := lmtest.New(t, okHandler)
			srv.TokenStatus.Store(tt.status)
			c := newTestClient(t, srv, nil)
			_, err := get(t.Context(), c, "/x")
			require.Error(t, err)
			var ae *AuthError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, int(tt.status), ae.StatusCode)
			assert.Equal(t, "invalid_client", ae.Code)
			assert.ErrorIs(t, err, tt.sentinel)
			var re *oauth2.RetrieveError
			assert.ErrorAs(t, err, &re, "the x/oauth2 error stays reachable")
			assert.NotContains(t, err.Error(), lmtest.Secret)
			assert.NotContains(t, string(re.Body), lmtest.Secret)
			assert.Contains(t, err.Error(), "token endpoint")
		})
	}
}

func TestWrongCredentials(t *testing.T) {
	t.Parallel()
	srv := lmtest.New(t, okHandler)
	c := newTestClient(t, srv, func(cfg *Config) {
		cfg.Credentials = ClientCredentials{ID: lmtest.ClientID, Secret: "wrong-secret-value"}
	})
	_, err := get(t.Context(), c, "/x")
	require.ErrorIs(t, err, ErrUnauthorized)
	assert.NotContains(t, err.Error(), "wrong-secret-value")
	assert.Equal(t, 1, srv.TokenRequests(), "refused credentials are not retried")
}

func TestCallerTokenSource(t *testing.T) {
	t.Parallel()
	srv := lmtest.New(t, okHandler)
	// The caller's own source: here one that fetches from the fake directly.
	var calls atomic.Int32
	src := tokenSourceFunc(func() (*oauth2.Token, error) {
		calls.Add(1)
		c := newTestClient(t, srv, nil)
		tok, err := c.auth.def.tokens.token(context.Background())
		if err != nil {
			return nil, err
		}
		return &oauth2.Token{AccessToken: tok.AccessToken, Expiry: time.Now().Add(time.Hour)}, nil
	})
	env, err := NewEnvironment("test", srv.BaseURL(), srv.TokenURL())
	require.NoError(t, err)
	c, err := NewClient(Config{Environment: env, Credentials: TokenSource{Source: src}})
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	for range 5 {
		resp, err := get(t.Context(), c, "/x")
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
	}
	assert.Equal(t, int32(1), calls.Load())
}

type tokenSourceFunc func() (*oauth2.Token, error)

func (f tokenSourceFunc) Token() (*oauth2.Token, error) { return f() }

func TestWaitingForTokenHonoursContext(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	src := tokenSourceFunc(func() (*oauth2.Token, error) {
		<-release
		return &oauth2.Token{AccessToken: "late-token-value"}, nil
	})
	c, err := NewClient(Config{Environment: Verification, Credentials: TokenSource{Source: src}})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = c.auth.def.tokens.token(ctx)
	assert.ErrorIs(t, err, context.Canceled)
	close(release)
	// The fetch goes on for others and lands in the cache.
	tok, err := c.auth.def.tokens.token(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "late-token-value", tok.AccessToken)
}

func TestUserAgentAndRequestID(t *testing.T) {
	t.Parallel()
	var ua, rid string
	srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua, rid = r.Header.Get("User-Agent"), r.Header.Get("X-Request-ID")
	}))
	c := newTestClient(t, srv, func(cfg *Config) { cfg.AppID = "MyProduct/3.1 (kommun 0180)" })
	_, err := get(t.Context(), c, "/x")
	require.NoError(t, err)
	assert.Equal(t, "bal-go/"+SDKVersion+" (MyProduct/3.1 (kommun 0180))", ua)
	assert.Len(t, rid, 36)
}

func TestResponseSizeCap(t *testing.T) {
	t.Parallel()
	tests := []struct {
		size    int
		wantErr bool
	}{{1024, false}, {1025, true}}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.size), func(t *testing.T) {
			t.Parallel()
			srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.WriteString(w, strings.Repeat("x", tt.size))
			}))
			c := newTestClient(t, srv, func(cfg *Config) { cfg.MaxResponseBytes = 1024 })
			req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, c.Environment().BaseURL()+"/big", nil)
			require.NoError(t, err)
			resp, err := c.HTTPClient().Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			if tt.wantErr {
				assert.ErrorIs(t, err, ErrResponseTooLarge)
			} else {
				assert.NoError(t, err)
				assert.Len(t, b, tt.size)
			}
		})
	}
}

func TestClearTextRefused(t *testing.T) {
	t.Parallel()
	srv := lmtest.New(t, okHandler)
	c := newTestClient(t, srv, nil)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, "http://api.lantmateriet.se/x", nil)
	require.NoError(t, err)
	_, err = c.HTTPClient().Do(req)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "use https")
	assert.Zero(t, srv.TokenRequests(), "refused before a token was even fetched")
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	c := &Client{retry: RetryPolicy{MaxAttempts: 4, MinWait: 100 * time.Millisecond, MaxWait: time.Second, MaxRetryAfter: 30 * time.Second}}
	for attempt := range 8 {
		d := c.backoff(c.retry.MinWait, c.retry.MaxWait, attempt, nil)
		ceiling := min(c.retry.MinWait<<attempt, c.retry.MaxWait)
		assert.GreaterOrEqual(t, d, ceiling/2, "attempt %d", attempt)
		assert.LessOrEqual(t, d, ceiling, "attempt %d", attempt)
	}
	resp := &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {"7"}}}
	assert.Equal(t, 7*time.Second, c.backoff(c.retry.MinWait, c.retry.MaxWait, 0, resp), "Retry-After beats the backoff")
	resp = &http.Response{StatusCode: 502, Header: http.Header{"Retry-After": {"7"}}}
	assert.LessOrEqual(t, c.backoff(c.retry.MinWait, c.retry.MaxWait, 0, resp), c.retry.MinWait, "Retry-After only counts on 429 and 503")
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"0", 0, true},
		{"120", 2 * time.Minute, true},
		{" 5 ", 5 * time.Second, true},
		{"Sun, 22 Nov 2026 10:00:30 GMT", 30 * time.Second, true},
		{"Sun, 22 Nov 2026 09:00:00 GMT", 0, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{"", 0, false},
		{"99999999999999", 365 * 24 * time.Hour, true},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		assert.Equal(t, tt.wantOK, ok, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

func TestErrorIsMapping(t *testing.T) {
	t.Parallel()
	sentinels := []error{ErrNotFound, ErrConflict, ErrUnauthorized, ErrForbidden, ErrRateLimited, ErrUnavailable, ErrValidation, ErrResync, ErrInvalidResponse, ErrResponseTooLarge}
	tests := []struct {
		name string
		err  error
		want error // the only sentinel it matches; nil for none
	}{
		{"404", &Error{StatusCode: 404}, ErrNotFound},
		{"409", &Error{StatusCode: 409}, ErrConflict},
		{"401", &Error{StatusCode: 401}, ErrUnauthorized},
		{"403", &Error{StatusCode: 403}, ErrForbidden},
		{"429", &Error{StatusCode: 429}, ErrRateLimited},
		{"500", &Error{StatusCode: 500}, ErrUnavailable},
		{"502", &Error{StatusCode: 502}, ErrUnavailable},
		{"503", &Error{StatusCode: 503}, ErrUnavailable},
		{"504", &Error{StatusCode: 504}, ErrUnavailable},
		{"400", &Error{StatusCode: 400, Code: "BAL-3015"}, ErrValidation},
		{"422", &Error{StatusCode: 422}, ErrValidation},
		{"410", &Error{StatusCode: 410, Code: "BAL-0410-GAP"}, ErrResync},
		{"network", &Error{Err: errors.New("connection reset")}, ErrUnavailable},
		{"html 200", &Error{StatusCode: 200, Err: ErrInvalidResponse}, ErrInvalidResponse},
		{"too large", &Error{Err: ErrResponseTooLarge}, ErrResponseTooLarge},
		{"501", &Error{StatusCode: 501}, nil},
		{"conflict", &ConflictError{Err: &Error{StatusCode: 409}, Current: 3}, ErrConflict},
		{"503 past the cap", &RateLimitError{Err: &Error{StatusCode: 503}, RetryAfter: time.Hour}, ErrRateLimited},
		{"validation", &ValidationError{Problems: []Problem{{Path: "x", Message: "y"}}}, ErrValidation},
		{"auth refused", &AuthError{StatusCode: 401, Code: "invalid_client"}, ErrUnauthorized},
		{"auth scope", &AuthError{StatusCode: 400, Code: "invalid_scope"}, ErrForbidden},
		{"auth down", &AuthError{StatusCode: 503}, ErrUnavailable},
		{"auth unreachable", &AuthError{Err: errors.New("dial tcp: refused")}, ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, s := range sentinels {
				if s == ErrRateLimited && tt.name == "503 past the cap" {
					assert.ErrorIs(t, tt.err, s)
					continue
				}
				if s == tt.want {
					assert.ErrorIs(t, tt.err, s)
				} else if !(tt.name == "503 past the cap" && s == ErrUnavailable) {
					assert.NotErrorIs(t, tt.err, s)
				}
			}
		})
	}
}

func TestErrorStrings(t *testing.T) {
	t.Parallel()
	e := &Error{
		Operation: "building.Get", StatusCode: 404, Code: "BAL-0404", Message: "objektet finns inte",
		Details: []string{"objektidentitet=39722cbb-f8b9-404b-a045-c5e6175f1001"}, RequestID: "r-1",
		Source: SourceService, Attempts: 2,
	}
	assert.Equal(t, "bal: building.Get: 404 BAL-0404: objektet finns inte (objektidentitet=39722cbb-f8b9-404b-a045-c5e6175f1001) [service, request r-1, 2 attempts]", e.Error())
	ce := &ConflictError{Err: &Error{Operation: "building.Update", StatusCode: 409, Code: "BAL-0409"}, Current: 5}
	assert.Equal(t, "bal: building.Update: 409 BAL-0409 (current version 5)", ce.Error())
	var got *Error
	require.ErrorAs(t, ce, &got)
	assert.Equal(t, 409, got.StatusCode)
}
