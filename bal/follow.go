package bal

import (
	"context"
	"errors"
	"fmt"
)

// FollowOptions configures Client.Follow.
type FollowOptions struct {
	// ChangesOptions selects the förändringar to follow and how the feed is
	// read; set Poll to keep following after catching up.
	ChangesOptions
	// SaveEvery saves the checkpoint after this many handled changes. The
	// checkpoint is saved at the end of every page and whenever Follow
	// returns in any case, so 0 saves once per page; 1 saves after every
	// change, which costs a durable write (an fsync, for
	// FileCheckpointStore) per change.
	SaveEvery int
	// Resync, when set, is called when the saved checkpoint is older than
	// the change feed keeps (*ResyncError). It must rebuild the follower's
	// copy from a full read and return the checkpoint to follow on from:
	// take it with Client.LatestCheckpoint before the read begins, so that
	// no change made during the read is missed. Follow saves it and goes on.
	// When nil, Follow returns the *ResyncError.
	Resync func(ctx context.Context, err *ResyncError) (Checkpoint, error)
}

// Follow keeps a follower in step with the change feed: it loads the
// checkpoint from store, reads the förändringar after it (as Changes does,
// with opts' selection), calls handle for each in order, and saves the
// checkpoint of the last change handle accepted, as opts.SaveEvery says, at
// the end of every page, and before it returns.
//
// A change is only ever recorded as done after handle returned nil for it,
// so no change is lost; but a follower that dies between handling a change
// and the next save sees the change again when it restarts. handle must
// therefore be idempotent: an object's objektversion only goes up, so
// ignoring a change whose version the local copy already has is enough.
//
// Follow returns nil once it has caught up with the feed (unless opts.Poll
// is set, in which case it keeps following), the first error of handle
// (wrapped, naming the change), a *ResyncError when the checkpoint is too
// old and opts.Resync is nil, an error of the store, or the context's error
// when ctx ends. It saves the last handled change's checkpoint on the way
// out even when ctx has ended, so stopping a follower by cancelling its
// context loses no work; that final save is not cancelled with ctx.
func (c *Client) Follow(ctx context.Context, store CheckpointStore, handle func(context.Context, Change) error, opts *FollowOptions) error {
	var o FollowOptions
	if opts != nil {
		o = *opts
	}
	v := &ValidationError{Object: "bal.Follow"}
	if store == nil {
		v.add("store", RuleRequired, "no checkpoint store")
	}
	if handle == nil {
		v.add("handle", RuleRequired, "no handler")
	}
	if o.SaveEvery < 0 {
		v.add("SaveEvery", RuleRange, "negative")
	}
	if err := v.err(); err != nil {
		return err
	}
	from, err := store.Load(ctx)
	if err != nil {
		return fmt.Errorf("bal: follow: %w", err)
	}
	// A resync that is refused again before any change was handled would
	// loop; the second refusal is returned instead.
	resynced := false
	for {
		progressed, err := c.followFrom(ctx, store, from, handle, &o)
		if progressed {
			resynced = false
		}
		var re *ResyncError
		if !errors.As(err, &re) || o.Resync == nil || resynced {
			return err
		}
		resynced = true
		next, rerr := o.Resync(ctx, re)
		if rerr != nil {
			return fmt.Errorf("bal: follow: resynchronise: %w", rerr)
		}
		if serr := store.Save(ctx, next); serr != nil {
			return fmt.Errorf("bal: follow: save checkpoint after resynchronising: %w", serr)
		}
		from = next
	}
}

// followFrom is one pass of Follow from one checkpoint. It reports whether
// any change was handled.
func (c *Client) followFrom(ctx context.Context, store CheckpointStore, from Checkpoint, handle func(context.Context, Change) error, o *FollowOptions) (progressed bool, err error) {
	saved, pending := from, from
	save := func() error {
		if pending == saved {
			return nil
		}
		// Recording work already done is always wanted, cancelled or not.
		if err := store.Save(context.WithoutCancel(ctx), pending); err != nil {
			return fmt.Errorf("bal: follow: save checkpoint: %w", err)
		}
		saved = pending
		return nil
	}
	stop := func(err error) (bool, error) {
		if serr := save(); serr != nil {
			return progressed, errors.Join(err, serr)
		}
		return progressed, err
	}
	handled := 0
	for page, err := range c.changePages(ctx, from, &o.ChangesOptions) {
		if err != nil {
			return stop(err)
		}
		for _, ch := range page {
			if err := ctx.Err(); err != nil {
				return stop(fmt.Errorf("bal: follow: %w", err))
			}
			if err := handle(ctx, ch); err != nil {
				return stop(fmt.Errorf("bal: follow: change %d (%s %s): %w", ch.Sequence, ch.Kind, ch.Object, err))
			}
			progressed, pending = true, ch.Checkpoint
			handled++
			if o.SaveEvery > 0 && handled%o.SaveEvery == 0 {
				if err := save(); err != nil {
					return progressed, err
				}
			}
		}
		if err := save(); err != nil {
			return progressed, err
		}
	}
	return progressed, nil
}
