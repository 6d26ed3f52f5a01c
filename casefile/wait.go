package casefile

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
)

// The defaults of WaitOptions. Lantmäteriet moves cases along in minutes to
// days, not milliseconds, so polling starts gently and soon settles at one
// request a minute.
const (
	DefaultMinInterval = 2 * time.Second
	DefaultMaxInterval = time.Minute
)

// ErrWaitTimeout is matched by the error Wait returns when the condition did
// not hold within WaitOptions.MaxDuration.
var ErrWaitTimeout = errors.New("casefile: condition not met in time")

// WaitOptions tunes Wait. The zero value (or nil) polls after 2 s, 4 s, 8 s
// … up to once a minute, until the context ends.
type WaitOptions struct {
	// MinInterval is the first wait between polls; 0 means
	// DefaultMinInterval. Later waits double, up to MaxInterval, each with
	// random jitter so that many waiters do not poll in step.
	MinInterval time.Duration
	// MaxInterval caps the wait between polls; 0 means DefaultMaxInterval.
	MaxInterval time.Duration
	// MaxDuration, when positive, gives up after this long with an error
	// matching ErrWaitTimeout; 0 waits until the context ends.
	MaxDuration time.Duration
	// Clock, when set, replaces the real clock; tests use it to run Wait
	// without waiting.
	Clock Clock
}

// Clock is the time Wait reads and waits on.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// NewTimer returns a channel that receives once d has passed, and a
	// function that stops the timer early.
	NewTimer(d time.Duration) (c <-chan time.Time, stop func() bool)
}

// realClock is the wall clock.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) NewTimer(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}

// Wait polls the case id until until returns true for it, and returns the
// case as it was then. The first poll is immediate; the waits between polls
// grow exponentially from opts.MinInterval to opts.MaxInterval, with jitter,
// and never shorter than a Retry-After the server asked for. A poll that
// fails with bal.ErrUnavailable or bal.ErrRateLimited (after the client's
// own retries) counts as "not yet"; any other error ends the wait and is
// returned. When ctx ends or opts.MaxDuration passes, Wait returns the last
// case it read (nil if none) with an error matching ctx's error or
// ErrWaitTimeout.
//
// Closed and HasStatus are ready-made conditions:
//
//	k, err := cc.Wait(ctx, id, casefile.Closed, &casefile.WaitOptions{MaxDuration: time.Hour})
func (c *Client) Wait(ctx context.Context, id bal.ObjectID, until func(*Case) bool, opts *WaitOptions) (*Case, error) {
	const op = "casefile.Wait"
	var o WaitOptions
	if opts != nil {
		o = *opts
	}
	if o.MinInterval == 0 {
		o.MinInterval = DefaultMinInterval
		if o.MaxInterval > 0 {
			o.MinInterval = min(o.MinInterval, o.MaxInterval)
		}
	}
	if o.MaxInterval == 0 {
		o.MaxInterval = max(DefaultMaxInterval, o.MinInterval)
	}
	v := check.New(op)
	if id.IsZero() {
		v.Add("id", bal.RuleRequired, "the ärende's objektidentitet is required")
	}
	if until == nil {
		v.Add("until", bal.RuleRequired, "a condition is required (e.g. casefile.Closed)")
	}
	if o.MinInterval < 0 {
		v.Add("MinInterval", bal.RuleRange, "negative")
	}
	if o.MaxInterval < o.MinInterval {
		v.Addf("MaxInterval", bal.RuleRange, "%s is below MinInterval %s", o.MaxInterval, o.MinInterval)
	}
	if o.MaxDuration < 0 {
		v.Add("MaxDuration", bal.RuleRange, "negative")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	clock := o.Clock
	if clock == nil {
		clock = realClock{}
	}
	start := clock.Now()
	var last *Case
	var lastErr error
	for poll := 1; ; poll++ {
		k, err := c.Get(ctx, id)
		switch {
		case err == nil:
			last, lastErr = k, nil
			if until(k) {
				return k, nil
			}
		case ctx.Err() != nil:
			return last, fmt.Errorf("%s: ärende %s: %w", op, id, ctx.Err())
		case errors.Is(err, bal.ErrUnavailable), errors.Is(err, bal.ErrRateLimited):
			lastErr = err
		default:
			return last, err
		}
		wait := backoff(poll, o.MinInterval, o.MaxInterval)
		var rl *bal.RateLimitError
		if errors.As(lastErr, &rl) {
			wait = max(wait, rl.RetryAfter)
		}
		if o.MaxDuration > 0 {
			left := o.MaxDuration - clock.Now().Sub(start)
			if left <= 0 {
				err := fmt.Errorf("%s: ärende %s: %w after %s and %d polls", op, id, ErrWaitTimeout, o.MaxDuration, poll)
				if lastErr != nil {
					err = fmt.Errorf("%w (last poll: %w)", err, lastErr)
				}
				return last, err
			}
			// The last poll happens at the deadline, not after it.
			wait = min(wait, left)
		}
		tick, stop := clock.NewTimer(wait)
		select {
		case <-tick:
		case <-ctx.Done():
			stop()
			return last, fmt.Errorf("%s: ärende %s: %w", op, id, ctx.Err())
		}
	}
}

// backoff returns the wait after the poll-th poll: min·2^(poll-1) capped at
// max, less a random part of up to half of it ("equal jitter"), and never
// below min.
func backoff(poll int, lo, hi time.Duration) time.Duration {
	base := lo
	for i := 1; i < poll && base < hi; i++ {
		base *= 2
	}
	base = min(base, hi)
	half := base / 2
	d := base - half + rand.N(half+1)
	return max(d, lo)
}
