package casefile

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/poll"
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
	var o poll.Options
	if opts != nil {
		o = poll.Options{MinInterval: opts.MinInterval, MaxInterval: opts.MaxInterval, MaxDuration: opts.MaxDuration, Clock: opts.Clock}
	}
	o.Defaults(DefaultMinInterval, DefaultMaxInterval)
	v := check.New(op)
	if id.IsZero() {
		v.Add("id", bal.RuleRequired, "the ärende's objektidentitet is required")
	}
	if until == nil {
		v.Add("until", bal.RuleRequired, "a condition is required (e.g. casefile.Closed)")
	}
	o.Check(v)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return poll.Until(ctx, &o, fmt.Sprintf("%s: ärende %s", op, id), ErrWaitTimeout, func(ctx context.Context) (*Case, bool, error) {
		k, err := c.Get(ctx, id)
		if err != nil {
			return nil, false, err
		}
		return k, until(k), nil
	})
}
