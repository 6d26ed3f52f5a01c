package delivery

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
)

// The defaults of WaitOptions. Lantmäteriet builds a delivery in minutes to
// hours, so polling starts at a few seconds and settles at one request a
// minute.
const (
	DefaultMinInterval = 5 * time.Second
	DefaultMaxInterval = time.Minute
)

// Clock is the time Wait and Download read and wait on; the zero options
// use the wall clock. bal/baltest's Clock is one, so tests run without
// waiting.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// NewTimer returns a channel that receives once d has passed, and a
	// function that stops the timer early.
	NewTimer(d time.Duration) (c <-chan time.Time, stop func() bool)
}

// wallClock is the real time.
type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

func (wallClock) NewTimer(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}

func clockOr(c Clock) Clock {
	if c == nil {
		return wallClock{}
	}
	return c
}

// WaitOptions tunes Wait. The zero value (or nil) polls after 5 s, 10 s,
// 20 s … up to once a minute, until the context ends.
type WaitOptions struct {
	// MinInterval is the first wait between polls; 0 means
	// DefaultMinInterval. Later waits double up to MaxInterval, each with
	// random jitter.
	MinInterval time.Duration
	// MaxInterval caps the wait between polls; 0 means DefaultMaxInterval.
	MaxInterval time.Duration
	// MaxDuration, when positive, gives up after this long with an error
	// matching ErrWaitTimeout; 0 waits until the context ends.
	MaxDuration time.Duration
	// Clock replaces the wall clock; tests pass bal/baltest's.
	Clock Clock
}

// Wait polls the order's latest delivery until it is no longer in progress
// and returns it once it succeeded (LYCKAD). A delivery that failed
// (MISSLYCKAD), was cancelled (MAKULERAD) or has a status the SDK does not
// know ends the wait with a *StatusError matching ErrFailed or
// ErrCancelled. The first poll is immediate; later ones back off
// exponentially with jitter, never sooner than a Retry-After the server
// asked for. A poll that fails with bal.ErrUnavailable or bal.ErrRateLimited
// (after the client's own retries) counts as "not yet"; ErrNoDelivery and
// any other error end the wait. When ctx ends or MaxDuration passes, Wait
// returns the last delivery it read (nil if none) with an error matching
// ctx's error or ErrWaitTimeout.
func (c *Client) Wait(ctx context.Context, orderID string, opts *WaitOptions) (*Delivery, error) {
	const op = "delivery.Wait"
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
	if orderID == "" {
		v.Add("orderID", bal.RuleRequired, "the OrderID of a Geotorget order is required")
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
	clock := clockOr(o.Clock)
	start := clock.Now()
	var last *Delivery
	var lastErr error
	for poll := 1; ; poll++ {
		d, err := c.latest(ctx, op, orderID)
		switch {
		case err == nil:
			last, lastErr = d, nil
			switch d.Status {
			case StatusSucceeded:
				return d, nil
			case StatusInProgress:
			default:
				return d, &StatusError{OrderID: orderID, Delivery: d}
			}
		case ctx.Err() != nil:
			return last, fmt.Errorf("%s: order %s: %w", op, orderID, ctx.Err())
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
				err := fmt.Errorf("%s: order %s: %w after %s and %d polls", op, orderID, ErrWaitTimeout, o.MaxDuration, poll)
				if lastErr != nil {
					err = fmt.Errorf("%w (last poll: %w)", err, lastErr)
				}
				return last, err
			}
			// The last poll happens at the deadline, not after it.
			wait = min(wait, left)
		}
		if err := sleep(ctx, clock, wait); err != nil {
			return last, fmt.Errorf("%s: order %s: %w", op, orderID, err)
		}
	}
}

// sleep waits d on clock, or until ctx ends.
func sleep(ctx context.Context, clock Clock, d time.Duration) error {
	tick, stop := clock.NewTimer(d)
	select {
	case <-tick:
		return nil
	case <-ctx.Done():
		stop()
		return ctx.Err()
	}
}

// backoff returns the wait after the n-th try: lo·2^(n-1) capped at hi, less
// a random part of up to half of it, and never below lo.
func backoff(n int, lo, hi time.Duration) time.Duration {
	base := lo
	for i := 1; i < n && base < hi; i++ {
		base *= 2
	}
	base = min(base, hi)
	half := base / 2
	return max(base-half+rand.N(half+1), lo)
}
