package bal

import (
	"context"

	"github.com/tjanstebaserad/bal-go/internal/callctx"
)

// WithIdempotencyKey returns a context whose writes carry key as their
// Idempotency-Key instead of a fresh one. Every write of the SDK sends a key
// and reuses it across its own retries, so this is needed only to make a
// write safe to repeat across calls — after a call returned an error that
// leaves the outcome unknown (ErrUnavailable after the last retry), or
// after a restart, when the key was stored with the intended change. The
// server remembers keys for 24 hours and answers a repeat with the original
// receipt, so the change is applied once however often it is sent.
//
// Use one key per intended change and repeat it with the same input: a key
// reused with a different body is refused as a conflict (BAL-0409-IDEM).
// Give the action a fixed Time (a zero Time is stamped with the time of each
// call); a create without an objektidentitet gets one derived from the key,
// so its repeats match. A UUID is a good key.
//
// Create, Update, Retire and Transaction.Commit are repeatable this way.
// Modify derives one key per round from it, but it reads the object again:
// repeated after its write was applied, it reads the new version and the
// server refuses the key (a *ConflictError with code
// BAL-0409-IDEM) rather than apply the change twice.
func WithIdempotencyKey(ctx context.Context, key string) context.Context {
	return callctx.WithIdempotencyKey(ctx, key)
}
