package objects

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/check"
)

// idemMismatch is the fault code of an idempotency key reused with another
// body: a conflict that re-reading does not resolve.
const idemMismatch = "BAL-0409-IDEM"

// Modify changes an object by read–change–write: it reads the current
// version, lets change apply the caller's change to it, checks the result
// (the model's rules, the action, and rule BAL-3015 against the status it
// read) and sends it based on the version read. If someone else changed the
// object in between, the server refuses with a version conflict, and Modify
// reads again and re-applies change, up to opts' attempts. change must
// therefore be safe to call more than once, each time on a fresh copy; an
// error from it stops Modify and is returned as it is.
func (s *Service[T, W]) Modify(ctx context.Context, id bal.ObjectID, change func(*T) error, a bal.Action, opts *bal.ModifyOptions) (*bal.Receipt, error) {
	op := s.op("Modify")
	if change == nil {
		v := check.New(op)
		v.Add("change", bal.RuleRequired, "a change function is required")
		return nil, v.Err()
	}
	a = stamp(a) // one business event, however many rounds it takes
	base := callctx.IdempotencyKey(ctx)
	attempts := modifyAttempts(opts)
	var last error
	for round := 1; round <= attempts; round++ {
		cur, err := s.Get(ctx, id, nil)
		if err != nil {
			return nil, err
		}
		m := s.c.Meta(cur)
		read := *m
		if err := change(cur); err != nil {
			return nil, err
		}
		// The change is applied to what was read; identity and version stay
		// those of the read, whatever change did to them.
		m.ID, m.Version = read.ID, read.Version
		if err := check.StatusChange(read.Status, m.Status); err != nil {
			return nil, err
		}
		r, err := s.update(roundContext(ctx, base, round), op, cur, a)
		if err == nil {
			return r, nil
		}
		var ce *bal.ConflictError
		if !errors.As(err, &ce) || ce.Err == nil || ce.Err.Code == idemMismatch {
			return nil, err
		}
		last = err
	}
	return nil, fmt.Errorf("bal: %s: %s still changing after %d attempts: %w", op, id, attempts, last)
}

// roundContext gives each round of Modify its own idempotency key: each
// round sends a different body. A caller's key (bal.WithIdempotencyKey)
// becomes the first round's key and the seed of the others', so a Modify
// repeated with the same key and the same outcome per round is still
// recognised by the server.
func roundContext(ctx context.Context, base string, round int) context.Context {
	switch {
	case base == "":
		return ctx
	case round == 1:
		return ctx
	}
	k := uuid.NewSHA1(uuid.NameSpaceOID, fmt.Appendf(nil, "%s/%d", base, round))
	return bal.WithIdempotencyKey(ctx, k.String())
}

// modifyAttempts returns the number of rounds opts allows, the default
// filled in.
func modifyAttempts(opts *bal.ModifyOptions) int {
	if opts == nil || opts.MaxAttempts <= 0 {
		return bal.DefaultModifyAttempts
	}
	return opts.MaxAttempts
}
