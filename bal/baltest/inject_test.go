package baltest

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// rawGet sends one GET with a valid token and no retries.
func rawGet(t *testing.T, s *Server, path string) (*http.Response, []byte, error) {
	t.Helper()
	// A fresh connection per request: net/http resends a request that
	// failed on a reused connection by itself, which would hide the fault.
	c := s.Client(func(c *bal.Config) {
		c.Retry.MaxAttempts = 1
		c.HTTPClient = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	})
	defer c.CloseIdleConnections()
	resp, err := c.HTTPClient().Get(s.URL() + path)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

func TestInjectKinds(t *testing.T) {
	t.Parallel()
	s := NewServer(WithoutData())
	defer s.Close()
	feed := s.UpdatePath() + "/forandringar"

	t.Run("status with Retry-After", func(t *testing.T) {
		remove := s.Inject(FaultRule{Name: "throttle", PathPrefix: feed, Kind: FaultStatus, Status: 429, RetryAfter: 3 * time.Second, Times: 1})
		defer remove()
		resp, body, err := rawGet(t, s, feed)
		require.NoError(t, err)
		assert.Equal(t, 429, resp.StatusCode)
		assert.Equal(t, "3", resp.Header.Get("Retry-After"))
		assert.Contains(t, string(body), `"code":"900800"`)
		assert.Equal(t, 1, s.FaultsFired("throttle"))
	})
	t.Run("html page", func(t *testing.T) {
		remove := s.Inject(FaultRule{PathPrefix: feed, Kind: FaultHTML, Times: 1})
		defer remove()
		resp, body, err := rawGet(t, s, feed)
		require.NoError(t, err)
		assert.Equal(t, 502, resp.StatusCode)
		assert.Contains(t, string(body), "<title>502 Bad Gateway</title>")
	})
	t.Run("reset", func(t *testing.T) {
		remove := s.Inject(FaultRule{PathPrefix: feed, Kind: FaultReset, Times: 1})
		defer remove()
		_, _, err := rawGet(t, s, feed)
		require.Error(t, err)
		assert.True(t, errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) || strings.Contains(err.Error(), "EOF"), "%v", err)
	})
	t.Run("truncated", func(t *testing.T) {
		remove := s.Inject(FaultRule{PathPrefix: feed, Kind: FaultTruncate, Times: 1})
		defer remove()
		_, _, err := rawGet(t, s, feed)
		require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	})
	t.Run("every nth", func(t *testing.T) {
		remove := s.Inject(FaultRule{Name: "third", PathPrefix: feed, Kind: FaultStatus, Status: 503, Every: 3})
		defer remove()
		var statuses []int
		for range 6 {
			resp, _, err := rawGet(t, s, feed)
			require.NoError(t, err)
			statuses = append(statuses, resp.StatusCode)
		}
		assert.Equal(t, []int{200, 200, 503, 200, 200, 503}, statuses)
	})
	t.Run("probability is reproducible", func(t *testing.T) {
		run := func() []int {
			remove := s.Inject(FaultRule{PathPrefix: feed, Kind: FaultStatus, Status: 503, Probability: 0.5, Seed: 7})
			defer remove()
			var out []int
			for range 12 {
				resp, _, err := rawGet(t, s, feed)
				require.NoError(t, err)
				out = append(out, resp.StatusCode)
			}
			return out
		}
		first := run()
		assert.Equal(t, first, run())
		assert.Contains(t, first, 503)
		assert.Contains(t, first, 200)
	})
}

// Overlapping rules: the first that fires handles the request, and the
// rules after it neither act nor count it.
func TestInjectOverlappingRules(t *testing.T) {
	t.Parallel()
	s := NewServer(WithoutData())
	defer s.Close()
	feed := s.UpdatePath() + "/forandringar"
	defer s.Inject(FaultRule{Name: "first", PathPrefix: feed, Kind: FaultStatus, Status: 503, Times: 1})()
	defer s.Inject(FaultRule{Name: "second", PathPrefix: feed, Kind: FaultStatus, Status: 502, Times: 1})()
	var statuses []int
	for range 3 {
		resp, _, err := rawGet(t, s, feed)
		require.NoError(t, err)
		statuses = append(statuses, resp.StatusCode)
	}
	assert.Equal(t, []int{503, 502, 200}, statuses)
	assert.Equal(t, 1, s.FaultsFired("first"))
	assert.Equal(t, 1, s.FaultsFired("second"))
}

// TestResetAfterApply: the write happens, the client never hears of it, and
// its retry with the same Idempotency-Key gets the original receipt.
func TestResetAfterApply(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	w := newWorld(t, h)
	n := h.s.Count(bal.ObjectTypeBuilding)
	h.s.Inject(FaultRule{Name: "lost answer", Method: http.MethodPost, PathPrefix: h.s.UpdatePath() + "/byggnad", Kind: FaultResetAfterApply, Times: 1})

	var k update1.Kvitto
	res, err := h.do(http.MethodPost, "/byggnad", update1.NewUppdatering(action("Befintlig byggnad"), newBuilding(w.property)), &k, "retry-me")
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, res.StatusCode)
	assert.Equal(t, n+1, h.s.Count(bal.ObjectTypeBuilding), "applied exactly once")
	_, ok := storedBuilding(h.s, k.Objektidentitet)
	assert.True(t, ok)
	assert.Equal(t, 1, h.s.FaultsFired("lost answer"))

	// The server saw the write twice: the one whose answer was lost and the
	// retry, answered from the idempotency memory.
	var sent, injected int
	for _, r := range h.s.Requests() {
		if r.IdempotencyKey == "retry-me" {
			sent++
		}
		if r.Injected == "lost answer" {
			injected++
			assert.Equal(t, 0, r.Status)
		}
	}
	assert.Equal(t, 2, sent)
	assert.Equal(t, 1, injected)
}

func TestInjectDelayHonoursClient(t *testing.T) {
	t.Parallel()
	h := newHarness(t, WithoutData())
	h.s.Inject(FaultRule{Kind: FaultDelay, Delay: time.Hour, PathPrefix: h.s.UpdatePath()})
	ctx, cancel := contextWithCancelAfterRequest(t, h.s)
	defer cancel()
	_, err := h.tr.Do(ctx, opGet(h, "/forandringar", nil))
	require.ErrorIs(t, err, ctxCanceled)
}

// TestChaos: about the share asked for fails, in every kind, and the same
// seed fails the same requests.
func TestChaos(t *testing.T) {
	t.Parallel()
	s := NewServer(WithoutData())
	defer s.Close()
	feed := s.UpdatePath() + "/forandringar"
	run := func() []int {
		remove := s.InjectChaos(feed, 0.3, 99)
		defer remove()
		var out []int
		for range 200 {
			resp, _, err := rawGet(t, s, feed)
			if err != nil {
				out = append(out, 0)
				continue
			}
			out = append(out, resp.StatusCode)
		}
		return out
	}
	first := run()
	assert.Equal(t, first, run())
	failed := 0
	for _, st := range first {
		if st != http.StatusOK {
			failed++
		}
	}
	assert.InDelta(t, 60, failed, 25, "about 30 %% of 200")
	assert.Contains(t, first, 503)
	assert.Contains(t, first, 429)
	assert.Contains(t, first, 0)
}
