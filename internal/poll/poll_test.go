package poll_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/poll"
)

func TestBackoffStaysWithinItsBounds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		poll     int
		lo, hi   time.Duration
		min, max time.Duration
	}{
		{1, time.Second, time.Minute, time.Second, time.Second},
		{2, time.Second, time.Minute, time.Second, 2 * time.Second},
		{3, time.Second, time.Minute, 2 * time.Second, 4 * time.Second},
		{7, time.Second, time.Minute, 30 * time.Second, time.Minute},
		{500, time.Second, time.Minute, 30 * time.Second, time.Minute},
		{3, time.Nanosecond, time.Nanosecond, time.Nanosecond, time.Nanosecond},
	}
	for _, tt := range tests {
		seen := map[time.Duration]bool{}
		for range 200 {
			d := poll.Backoff(tt.poll, tt.lo, tt.hi)
			require.GreaterOrEqual(t, d, tt.min, "poll %d", tt.poll)
			require.LessOrEqual(t, d, tt.max, "poll %d", tt.poll)
			seen[d] = true
		}
		if tt.max-tt.min > time.Millisecond {
			assert.Greater(t, len(seen), 50, "poll %d: jittered", tt.poll)
		}
	}
}

// stepClock fires every timer at once, moving its time by what was waited.
type stepClock struct {
	now   time.Time
	waits []time.Duration
}

func (c *stepClock) Now() time.Time { return c.now }

func (c *stepClock) NewTimer(d time.Duration) (<-chan time.Time, func() bool) {
	c.waits = append(c.waits, d)
	c.now = c.now.Add(d)
	ch := make(chan time.Time, 1)
	ch <- c.now
	return ch, func() bool { return false }
}

var errTimeout = errors.New("poll test: timeout")

// Until's contract, which casefile.Wait and delivery.Wait rely on: what a
// done try returns comes back as it is (its error too); a failed try that
// is not done returns the last good value; unavailability is "not yet".
func TestUntil(t *testing.T) {
	t.Parallel()
	unavailable := &bal.Error{Operation: "test", StatusCode: http.StatusServiceUnavailable, Err: bal.ErrUnavailable}
	errTerminal := errors.New("terminal")
	type step struct {
		v    int
		done bool
		err  error
	}
	tests := []struct {
		name    string
		steps   []step
		maxDur  time.Duration
		want    int
		wantErr []error // matched with errors.Is
		polls   int
	}{
		{"done at once", []step{{1, true, nil}}, 0, 1, nil, 1},
		{"done after two not yet", []step{{1, false, nil}, {2, false, nil}, {3, true, nil}}, 0, 3, nil, 3},
		{"done with an error keeps the value", []step{{1, false, nil}, {7, true, errTerminal}}, 0, 7, []error{errTerminal}, 2},
		{"unavailable is not yet", []step{{0, false, unavailable}, {4, true, nil}}, 0, 4, nil, 2},
		{"another error ends it with the last value", []step{{5, false, nil}, {0, false, errTerminal}}, 0, 5, []error{errTerminal}, 2},
		{"deadline, with the last poll's error", []step{{5, false, nil}, {0, false, unavailable}, {0, false, unavailable}, {0, false, unavailable}, {0, false, unavailable}, {0, false, unavailable}}, 3 * time.Second, 5, []error{errTimeout, bal.ErrUnavailable}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := &stepClock{now: time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)}
			o := &poll.Options{MinInterval: time.Second, MaxInterval: time.Second, MaxDuration: tt.maxDur, Clock: clock}
			n := 0
			got, err := poll.Until(t.Context(), o, "test: thing 1", errTimeout, func(context.Context) (int, bool, error) {
				s := tt.steps[min(n, len(tt.steps)-1)]
				n++
				return s.v, s.done, s.err
			})
			assert.Equal(t, tt.want, got)
			if tt.wantErr == nil {
				require.NoError(t, err)
			}
			for _, w := range tt.wantErr {
				require.ErrorIs(t, err, w)
			}
			if tt.polls > 0 {
				assert.Equal(t, tt.polls, n)
				assert.Len(t, clock.waits, n-1)
			}
			if tt.maxDur > 0 {
				assert.Equal(t, "test: thing 1: poll test: timeout after 3s and 4 polls (last poll: "+unavailable.Error()+")", err.Error())
				assert.Equal(t, 4, n, "polls at 0, 1, 2 and 3 s: the last one at the deadline")
			}
		})
	}
}

func TestUntilStopsWithTheContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	n := 0
	got, err := poll.Until(ctx, &poll.Options{MinInterval: time.Hour, MaxInterval: time.Hour}, "test: thing 2", errTimeout, func(context.Context) (int, bool, error) {
		n++
		cancel()
		return n, false, nil
	})
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, "test: thing 2: context canceled", err.Error())
	assert.Equal(t, 1, got)
	assert.Equal(t, 1, n, "the wall-clock hour is not waited")
}

func TestOptionsDefaultsAndCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		in       poll.Options
		min, max time.Duration
		problems []string
	}{
		{"zero", poll.Options{}, 5 * time.Second, time.Minute, nil},
		{"only a small max", poll.Options{MaxInterval: time.Second}, time.Second, time.Second, nil},
		{"only a large min", poll.Options{MinInterval: 2 * time.Minute}, 2 * time.Minute, 2 * time.Minute, nil},
		{"negative", poll.Options{MinInterval: -1, MaxDuration: -1}, -1, time.Minute, []string{"MinInterval", "MaxDuration"}},
		{"max below min", poll.Options{MinInterval: time.Minute, MaxInterval: time.Second}, time.Minute, time.Second, []string{"MaxInterval"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := tt.in
			o.Defaults(5*time.Second, time.Minute)
			assert.Equal(t, tt.min, o.MinInterval)
			assert.Equal(t, tt.max, o.MaxInterval)
			v := check.New("test.Wait")
			o.Check(v)
			err := v.Err()
			if tt.problems == nil {
				require.NoError(t, err)
				return
			}
			var verr *bal.ValidationError
			require.ErrorAs(t, err, &verr)
			var paths []string
			for _, p := range verr.Problems {
				paths = append(paths, p.Path)
			}
			assert.Equal(t, tt.problems, paths)
		})
	}
}
