// Package callctx carries, in a request's context, what the retry policy and
// the error decoder must agree on for one call: whether it may be resent,
// how many attempts it took, and whether the server asked for a wait longer
// than the client allows.
//
// The retry policy (package bal) only sees a context, a response and an
// error, so the "safe to resend" mark has to travel in the context; the
// operation executor (internal/transport) sets it and reads the outcome.
package callctx

import (
	"context"
	"sync/atomic"
	"time"
)

type key struct{}

// Info describes one logical call, which may take several HTTP attempts.
type Info struct {
	// Operation names the SDK call for logs, e.g. "building.Get".
	Operation string
	// Retryable marks the call as safe to resend: a read, a read-only search
	// POST, or a write carrying an idempotency key or a version precondition.
	Retryable bool
	// Stream marks a call whose caller reads the answer's body itself
	// (bal.Client.Stream, for downloads): the body is not size-capped, and
	// the attempt's timeout bounds each pause in it rather than all of it.
	Stream bool

	attempts     atomic.Int32
	retryAfter   atomic.Int64 // nanoseconds the server asked for beyond the cap
	tokenRevoked atomic.Bool
}

// With returns ctx carrying info.
func With(ctx context.Context, info *Info) context.Context {
	return context.WithValue(ctx, key{}, info)
}

// From returns the Info in ctx, or nil.
func From(ctx context.Context) *Info {
	i, _ := ctx.Value(key{}).(*Info)
	return i
}

// Attempt records that one more HTTP attempt is being sent and returns its
// number, starting at 1.
func (i *Info) Attempt() int { return int(i.attempts.Add(1)) }

// Attempts returns how many HTTP attempts have been sent.
func (i *Info) Attempts() int { return int(i.attempts.Load()) }

// SetRetryAfterExceeded records that the server asked to wait d, more than
// the client's cap, so the policy stopped retrying.
func (i *Info) SetRetryAfterExceeded(d time.Duration) { i.retryAfter.Store(int64(d)) }

// RetryAfterExceeded returns the wait recorded by SetRetryAfterExceeded, or
// zero.
func (i *Info) RetryAfterExceeded() time.Duration { return time.Duration(i.retryAfter.Load()) }

// SetTokenRevoked records that the API refused a token fetched (or re-read)
// during this very call: something else keeps replacing the application's
// token.
func (i *Info) SetTokenRevoked() { i.tokenRevoked.Store(true) }

// TokenRevoked reports whether SetTokenRevoked was called.
func (i *Info) TokenRevoked() bool { return i.tokenRevoked.Load() }

type idempotencyKey struct{}

// WithIdempotencyKey returns ctx carrying the caller's idempotency key
// (bal.WithIdempotencyKey is the public way in).
func WithIdempotencyKey(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, idempotencyKey{}, key)
}

// IdempotencyKey returns the key set with WithIdempotencyKey, or "".
func IdempotencyKey(ctx context.Context) string {
	k, _ := ctx.Value(idempotencyKey{}).(string)
	return k
}
