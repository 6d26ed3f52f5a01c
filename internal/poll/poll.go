// Package poll is the loop that waits for Lantmäteriet to finish something
// by asking again and again: exponential backoff with jitter, a Retry-After
// the server asked for honoured, an optional deadline, on a clock that tests
// replace. casefile.Wait (a case reaching a condition) and delivery.Wait (a
// Geotorget delivery being built) are this loop with their own question.
package poll

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
)

// Clock is the time a poll reads and waits on. casefile.Clock and
// delivery.Clock are the same interface under their packages' names (so
// their docs stand alone); a value of either is a Clock.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// NewTimer returns a channel that receives once d has passed, and a
	// function that stops the timer early.
	NewTimer(d time.Duration) (c <-chan time.Time, stop func() bool)
}

// Wall is the real time.
var Wall Clock = wall{}

type wall struct{}

func (wall) Now() time.Time { return time.Now() }

func (wall) NewTimer(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}

// Or returns c, or the wall clock when c is nil.
func Or(c Clock) Clock {
	if c == nil {
		return Wall
	}
	return c
}

// Sleep waits d on clock, or until ctx ends, when it returns ctx's error.
func Sleep(ctx context.Context, clock Clock, d time.Duration) error {
	tick, stop := clock.NewTimer(d)
	select {
	case <-tick:
		return nil
	case <-ctx.Done():
		stop()
		return ctx.Err()
	}
}

// Backoff returns the wait after the n-th try: lo·2^(n-1) capped at hi,
// less a random part of up to half of it ("equal jitter", so that many
// waiters do not poll in step), and never below lo.
func Backoff(n int, lo, hi time.Duration) time.Duration {
	base := lo
	for i := 1; i < n && base < hi; i++ {
		base *= 2
	}
	base = min(base, hi)
	half := base / 2
	return max(base-half+rand.N(half+1), lo)
}

// Options are the public WaitOptions of casefile and delivery.
type Options struct {
	// MinInterval is the first wait between polls; later ones double up to
	// MaxInterval.
	MinInterval, MaxInterval time.Duration
	// MaxDuration, when positive, gives up after this long.
	MaxDuration time.Duration
	// Clock is nil for the wall clock.
	Clock Clock
}

// Defaults fills in the intervals left 0 with the package's defaults,
// keeping the two in order when only one was given.
func (o *Options) Defaults(minInterval, maxInterval time.Duration) {
	if o.MinInterval == 0 {
		o.MinInterval = minInterval
		if o.MaxInterval > 0 {
			o.MinInterval = min(o.MinInterval, o.MaxInterval)
		}
	}
	if o.MaxInterval == 0 {
		o.MaxInterval = max(maxInterval, o.MinInterval)
	}
}

// Check adds to v what is wrong with o (after Defaults), under the
// WaitOptions' field names.
func (o *Options) Check(v *check.Problems) {
	if o.MinInterval < 0 {
		v.Add("MinInterval", bal.RuleRange, "negative")
	}
	if o.MaxInterval < o.MinInterval {
		v.Addf("MaxInterval", bal.RuleRange, "%s is below MinInterval %s", o.MaxInterval, o.MinInterval)
	}
	if o.MaxDuration < 0 {
		v.Add("MaxDuration", bal.RuleRange, "negative")
	}
}

// Until calls try until it reports done and returns what it returned then.
// The first try is immediate; the waits between tries follow Backoff from
// o.MinInterval to o.MaxInterval, never shorter than a Retry-After the
// server asked for. A try that fails with bal.ErrUnavailable or
// bal.ErrRateLimited (after the client's own retries) counts as "not yet";
// any other error that is not done ends the loop and is returned as it is.
// When ctx ends, or o.MaxDuration passes (the last try happens at the
// deadline, not after it), Until returns the last value a try returned
// without an error (the zero T if none) with an error that begins with
// what and matches ctx's error, or timeout and the last try's error.
func Until[T any](ctx context.Context, o *Options, what string, timeout error, try func(context.Context) (v T, done bool, err error)) (T, error) {
	clock := Or(o.Clock)
	start := clock.Now()
	var last T
	var lastErr error
	for n := 1; ; n++ {
		v, done, err := try(ctx)
		if done {
			return v, err
		}
		switch {
		case err == nil:
			last, lastErr = v, nil
		case ctx.Err() != nil:
			return last, fmt.Errorf("%s: %w", what, ctx.Err())
		case errors.Is(err, bal.ErrUnavailable), errors.Is(err, bal.ErrRateLimited):
			lastErr = err
		default:
			return last, err
		}
		wait := Backoff(n, o.MinInterval, o.MaxInterval)
		var rl *bal.RateLimitError
		if errors.As(lastErr, &rl) {
			wait = max(wait, rl.RetryAfter)
		}
		if o.MaxDuration > 0 {
			left := o.MaxDuration - clock.Now().Sub(start)
			if left <= 0 {
				err := fmt.Errorf("%s: %w after %s and %d polls", what, timeout, o.MaxDuration, n)
				if lastErr != nil {
					err = fmt.Errorf("%w (last poll: %w)", err, lastErr)
				}
				return last, err
			}
			wait = min(wait, left)
		}
		if err := Sleep(ctx, clock, wait); err != nil {
			return last, fmt.Errorf("%s: %w", what, err)
		}
	}
}
