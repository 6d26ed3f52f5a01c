package casefile

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
)

// fakeClock is a Clock whose timers fire at once, moving its time forward
// by what was waited, so Wait runs without sleeping and the waits it chose
// can be checked. onWait, when set, runs as the n-th timer is made; timers
// from the blockFrom-th on never fire.
type fakeClock struct {
	mu        sync.Mutex
	now       time.Time
	waits     []time.Duration
	onWait    func(n int)
	blockFrom int
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) NewTimer(d time.Duration) (<-chan time.Time, func() bool) {
	c.mu.Lock()
	c.waits = append(c.waits, d)
	n := len(c.waits)
	onWait, block := c.onWait, c.blockFrom > 0 && n >= c.blockFrom
	c.mu.Unlock()
	if onWait != nil {
		onWait(n)
	}
	ch := make(chan time.Time, 1)
	if block {
		return ch, func() bool { return true }
	}
	c.mu.Lock()
	c.now = c.now.Add(d)
	ch <- c.now
	c.mu.Unlock()
	return ch, func() bool { return false }
}

func (c *fakeClock) waited() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

// statusAfter answers the case as Inkommen for the first polls, then
// Pågående, then Avslutad.
func statusAfter(t *testing.T, pagaende, avslutad int) answerFunc {
	return func(_ *http.Request, _ []byte, n int) (int, http.Header, []byte) {
		status := "Inkommen"
		switch {
		case n >= avslutad:
			status = "Avslutad"
		case n >= pagaende:
			status = "Pågående"
		}
		return http.StatusOK, nil, doc(t, new(wireCase(caseID.String(), status)))
	}
}

func TestWaitPollsWithGrowingJitteredWaits(t *testing.T) {
	t.Parallel()
	c, svc := newClient(t, bal.RetryPolicy{}, statusAfter(t, 3, 9))
	clock := &fakeClock{now: raised}
	opts := &WaitOptions{MinInterval: time.Second, MaxInterval: 10 * time.Second, Clock: clock}

	k, err := c.Wait(t.Context(), caseID, HasStatus(StatusInProgress, StatusClosed), opts)
	require.NoError(t, err)
	assert.Equal(t, StatusInProgress, k.Status)
	assert.Len(t, svc.log(), 3, "the first poll is immediate, then one per wait")

	k, err = c.Wait(t.Context(), caseID, Closed, opts)
	require.NoError(t, err)
	assert.Equal(t, StatusClosed, k.Status)

	waits := clock.waited()
	require.Len(t, waits, 2+5)
	// Each Wait starts its backoff afresh: 1 s, 2 s, 4 s, 8 s, 10 s …, each
	// with up to half taken off at random, never below the minimum.
	bases := []time.Duration{time.Second, 2 * time.Second, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second}
	for i, w := range waits {
		assert.GreaterOrEqual(t, w, max(bases[i]/2, time.Second), "wait %d", i)
		assert.LessOrEqual(t, w, bases[i], "wait %d", i)
	}
}

func TestWaitGivesUpAtMaxDuration(t *testing.T) {
	t.Parallel()
	c, svc := newClient(t, bal.RetryPolicy{}, statusAfter(t, 1, 1000))
	clock := &fakeClock{now: raised}
	k, err := c.Wait(t.Context(), caseID, Closed, &WaitOptions{MinInterval: time.Second, MaxInterval: 4 * time.Second, MaxDuration: 10 * time.Second, Clock: clock})
	require.ErrorIs(t, err, ErrWaitTimeout)
	require.NotNil(t, k, "the last case read comes back with the error")
	assert.Equal(t, StatusInProgress, k.Status)
	var total time.Duration
	for _, w := range clock.waited() {
		total += w
	}
	assert.Equal(t, 10*time.Second, total, "the last wait is cut to end at the deadline, where the last poll happens")
	assert.Len(t, svc.log(), len(clock.waited())+1)
}

func TestWaitRidesOutUnavailabilityAndHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	c, svc := newClient(t, bal.RetryPolicy{MaxAttempts: 1, MaxRetryAfter: time.Millisecond}, func(_ *http.Request, _ []byte, n int) (int, http.Header, []byte) {
		switch n {
		case 1:
			return http.StatusServiceUnavailable, nil, nil
		case 2:
			return http.StatusTooManyRequests, http.Header{"Retry-After": {"30"}}, nil
		}
		return http.StatusOK, nil, doc(t, new(wireCase(caseID.String(), "Avslutad")))
	})
	clock := &fakeClock{now: raised}
	k, err := c.Wait(t.Context(), caseID, Closed, &WaitOptions{MinInterval: time.Second, Clock: clock})
	require.NoError(t, err)
	assert.Equal(t, StatusClosed, k.Status)
	assert.Len(t, svc.log(), 3)
	waits := clock.waited()
	require.Len(t, waits, 2)
	assert.LessOrEqual(t, waits[0], time.Second)
	assert.Equal(t, 30*time.Second, waits[1], "the server asked for 30 s")
}

func TestWaitTimesOutWithTheLastPollError(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t, bal.RetryPolicy{MaxAttempts: 1}, func(*http.Request, []byte, int) (int, http.Header, []byte) {
		return http.StatusServiceUnavailable, nil, nil
	})
	clock := &fakeClock{now: raised}
	k, err := c.Wait(t.Context(), caseID, Closed, &WaitOptions{MinInterval: time.Second, MaxDuration: 5 * time.Second, Clock: clock})
	assert.Nil(t, k)
	require.ErrorIs(t, err, ErrWaitTimeout)
	require.ErrorIs(t, err, bal.ErrUnavailable)
}

func TestWaitStopsAtOtherErrors(t *testing.T) {
	t.Parallel()
	c, svc := newClient(t, bal.RetryPolicy{}, func(*http.Request, []byte, int) (int, http.Header, []byte) {
		return http.StatusNotFound, nil, []byte(`<lmfault:Fault xmlns:lmfault="http://namespace.lantmateriet.se/distribution/produkter/fault/v1"><lmfault:kod>BAL-0404</lmfault:kod><lmfault:meddelande>Ärendet finns inte</lmfault:meddelande></lmfault:Fault>`)
	})
	clock := &fakeClock{now: raised}
	_, err := c.Wait(t.Context(), caseID, Closed, &WaitOptions{Clock: clock})
	require.ErrorIs(t, err, bal.ErrNotFound)
	assert.Len(t, svc.log(), 1)
	assert.Empty(t, clock.waited())
}

func TestWaitHonoursTheContext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		blockFrom int // the timer that never fires
		cancelAt  int // the timer being made when the context ends
		polls     int
	}{
		{name: "cancelled while waiting", blockFrom: 2, cancelAt: 2, polls: 2},
		{name: "cancelled before a poll", cancelAt: 3, polls: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, svc := newClient(t, bal.RetryPolicy{}, statusAfter(t, 1, 1000))
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			clock := &fakeClock{now: raised, blockFrom: tt.blockFrom, onWait: func(n int) {
				if n == tt.cancelAt {
					cancel()
				}
			}}
			k, err := c.Wait(ctx, caseID, Closed, &WaitOptions{Clock: clock})
			require.ErrorIs(t, err, context.Canceled)
			assert.NotErrorIs(t, err, ErrWaitTimeout)
			require.NotNil(t, k, "the last case read comes back with the error")
			assert.Equal(t, StatusInProgress, k.Status)
			assert.Len(t, svc.log(), tt.polls)
		})
	}
}

func TestWaitOnTheRealClock(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t, bal.RetryPolicy{}, statusAfter(t, 1, 2))
	k, err := c.Wait(t.Context(), caseID, Closed, &WaitOptions{MinInterval: time.Millisecond, MaxInterval: time.Millisecond})
	require.NoError(t, err)
	assert.Equal(t, StatusClosed, k.Status)
}
