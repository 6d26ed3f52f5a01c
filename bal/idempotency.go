package bal

import (
	"context"
	"errors"
	"net/http"

	"github.com/tjanstebaserad/bal-go/internal/callctx"
)

// MaxUnclearResends bounds how many times DoIdempotent asks again after an
// answer it could not read.
const MaxUnclearResends = 3

type idempotencyKey struct{}

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
// Modify and Patch derive one key per round from it, but they read the
// object again: repeated after their write was applied, they read the new
// version and the server refuses the key (a *ConflictError with code
// BAL-0409-IDEM) rather than apply the change twice.
func WithIdempotencyKey(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, idempotencyKey{}, key)
}

// IdempotencyKeyFrom returns the key set with WithIdempotencyKey, or "".
func IdempotencyKeyFrom(ctx context.Context) string {
	k, _ := ctx.Value(idempotencyKey{}).(string)
	return k
}

// DoIdempotent is Do for a write that carries an Idempotency-Key header.
// When an answer arrives but cannot be read — the connection dropped while
// the body was arriving, or it is not the document asked for — the write may
// or may not have been applied, and the retry policy, which only sees
// statuses, has already accepted it. DoIdempotent then sends the same
// request again with the same key, up to MaxUnclearResends times, and the
// server answers with the original result. Response.Attempts counts every
// HTTP attempt. Without the header, or with a body that cannot be rewound,
// it is Do.
func (c *Client) DoIdempotent(req *http.Request, out any) (*Response, error) {
	if req.Header.Get("Idempotency-Key") == "" || (req.Body != nil && req.GetBody == nil) {
		return c.Do(req, out)
	}
	if callctx.From(req.Context()) == nil {
		// One call context for every round, so attempts add up.
		info := &callctx.Info{Operation: req.Method + " " + req.URL.Path, Retryable: true}
		req = req.WithContext(callctx.With(req.Context(), info))
	}
	for round := 0; ; round++ {
		r := req
		if round > 0 {
			r = req.Clone(req.Context())
			if req.GetBody != nil {
				body, err := req.GetBody()
				if err != nil {
					return nil, err
				}
				r.Body = body
			}
		}
		res, err := c.Do(r, out)
		if err == nil || round == MaxUnclearResends || !unclearOutcome(err) {
			return res, err
		}
	}
}

// unclearOutcome reports an error after which a write may have been applied
// without the client learning its result: an answer that arrived but could
// not be read.
func unclearOutcome(err error) bool {
	var e *Error
	return errors.As(err, &e) && errors.Is(e, ErrInvalidResponse) && !errors.Is(e, ErrResponseTooLarge)
}
