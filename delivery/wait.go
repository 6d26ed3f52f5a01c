package delivery

import (
	"context"
	"fmt"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/poll"
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
	var o poll.Options
	if opts != nil {
		o = poll.Options{MinInterval: opts.MinInterval, MaxInterval: opts.MaxInterval, MaxDuration: opts.MaxDuration, Clock: opts.Clock}
	}
	o.Defaults(DefaultMinInterval, DefaultMaxInterval)
	v := check.New(op)
	if orderID == "" {
		v.Add("orderID", bal.RuleRequired, "the OrderID of a Geotorget order is required")
	}
	o.Check(v)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return poll.Until(ctx, &o, fmt.Sprintf("%s: order %s", op, orderID), ErrWaitTimeout, func(ctx context.Context) (*Delivery, bool, error) {
		d, err := c.latest(ctx, op, orderID)
		if err != nil {
			return nil, false, err
		}
		switch d.Status {
		case StatusSucceeded:
			return d, true, nil
		case StatusInProgress:
			return d, false, nil
		default:
			return d, true, &StatusError{OrderID: orderID, Delivery: d}
		}
	})
}
