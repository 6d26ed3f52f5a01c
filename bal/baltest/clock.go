package baltest

import (
	"sync"
	"time"
)

// Clock is the server's time: token expiry, versionGiltigFran, the change
// feed's retention window and the idempotency keys' 24 hours all read it.
// It runs with the wall clock until Set or Advance is called, after which it
// stands still at the time set, so tests move time deterministically instead
// of sleeping.
type Clock struct {
	mu     sync.Mutex
	frozen bool
	at     time.Time
	wall   func() time.Time
}

func newClock() *Clock { return &Clock{wall: time.Now} }

// Now returns the server's current time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		return c.at
	}
	return c.wall()
}

// Set stops the clock at t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen, c.at = true, t
}

// Advance moves the clock forward by d (and stops it there, if it was
// running with the wall clock).
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.frozen {
		c.frozen, c.at = true, c.wall()
	}
	c.at = c.at.Add(d)
}

// NewTimer returns a channel that receives once d has passed on the clock,
// and a function that stops the timer. A stopped clock (after Set or
// Advance) does not wait: it moves forward by d and fires at once, so code
// that waits on it (delivery.Wait, delivery.Download's backoff) runs
// without waiting and the server sees the time pass. A clock running with
// the wall clock waits for real.
func (c *Clock) NewTimer(d time.Duration) (<-chan time.Time, func() bool) {
	c.mu.Lock()
	if !c.frozen {
		c.mu.Unlock()
		t := time.NewTimer(d)
		return t.C, t.Stop
	}
	c.at = c.at.Add(max(d, 0))
	ch := make(chan time.Time, 1)
	ch <- c.at
	c.mu.Unlock()
	return ch, func() bool { return false }
}
