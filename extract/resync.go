package extract

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/tjanstebaserad/bal-go/bal"
	geotorget "github.com/tjanstebaserad/bal-go/delivery"
)

// ErrExtractTooOld is returned by Rebuild and Resync when the extract names
// no feed position and is older than the oldest change the feed still
// keeps: the changes between the two are lost, so a copy built from it could
// never be brought up to date. Take a newer extract.
var ErrExtractTooOld = errors.New("extract: the extract is older than the change feed keeps")

// RebuildFunc replaces the caller's copy with the objects of the base
// extract x: it reads them with x.Items (once for all types, or once per
// type, as suits its store; every Item is an Insert). from is the checkpoint
// the feed will be followed from afterwards, for a store that keeps it in
// the same transaction as the objects; Follow saves it too. It runs before
// the feed is followed again, so an object it stores at some version is
// later brought forward by the changes newer than that version.
type RebuildFunc func(ctx context.Context, from bal.Checkpoint, x *Reader) error

// ResyncOptions says where the base extract for a rebuild comes from and
// which part of the feed is followed. Set exactly one of Path and Order.
type ResyncOptions struct {
	// Path is a base extract at hand: a zip, or a folder as a Geotorget
	// delivery is downloaded.
	Path string
	// Order is a Geotorget order (beställning) with a BAS subscription: a
	// new BAS delivery is started on it, waited for and downloaded with
	// package delivery.
	Order string
	// UseLatest, with Order, takes the order's latest successful delivery
	// instead of starting a new one. It must be a BAS delivery.
	UseLatest bool
	// Dir is where an Order's delivery is downloaded; "" means a temporary
	// folder, removed when the rebuild is done.
	Dir string
	// Wait and Download tune the delivery's wait and download.
	Wait     *geotorget.WaitOptions
	Download *geotorget.DownloadOptions
	// Changes is the part of the feed the copy follows (Types,
	// Municipality), for checking that the feed reaches back to an extract
	// that names no position. Nil means all of it.
	Changes *bal.ChangesOptions
	// Extract configures the reader (progress, limits).
	Extract *Options
}

// Resync returns a hook for bal.FollowOptions.Resync that rebuilds the
// follower's copy from a base extract when the feed answers 410 (a
// checkpoint older than it keeps), then lets Follow go on:
//
//	opts := &bal.FollowOptions{Resync: extract.Resync(c, rebuild, &extract.ResyncOptions{Order: order})}
//	err := c.Follow(ctx, store, handle, opts)
//
// It does what Rebuild does. The follower's handle must apply only changes
// newer than the version the copy holds (the objektversion only goes up), so
// that the changes Follow sees again after the rebuild are harmless.
func Resync(c *bal.Client, rebuild RebuildFunc, opts *ResyncOptions) func(context.Context, *bal.ResyncError) (bal.Checkpoint, error) {
	return func(ctx context.Context, _ *bal.ResyncError) (bal.Checkpoint, error) {
		return Rebuild(ctx, c, rebuild, opts)
	}
}

// Rebuild builds a copy afresh from a base extract and returns the
// checkpoint to follow the feed from, without gaps:
//
//  1. it notes the feed's newest position (bal.Client.LatestCheckpoint, GET
//     /forandringar/senaste);
//  2. it takes the extract at opts.Path, or fetches one from Geotorget
//     (opts.Order: a new BAS delivery, or with UseLatest the latest);
//  3. it hands every object to rebuild;
//  4. it returns the position to follow from: the one the extract's
//     manifest names when it names one (consistent with the extract by
//     construction); else the noted one when the extract was started after
//     the note (so it is at least as new); else, for an extract taken as it
//     was, the oldest change the feed keeps, after checking that the feed
//     reaches back to the extract's creation (ErrExtractTooOld otherwise).
//
// Changes seen again after the returned position are ones the extract
// already holds; a follower that applies only newer versions ignores them.
// Initial loads use Rebuild too.
func Rebuild(ctx context.Context, c *bal.Client, rebuild RebuildFunc, opts *ResyncOptions) (bal.Checkpoint, error) {
	var o ResyncOptions
	if opts != nil {
		o = *opts
	}
	switch {
	case rebuild == nil:
		return "", errors.New("extract: rebuild: no rebuild function")
	case (o.Path == "") == (o.Order == ""):
		return "", errors.New("extract: rebuild: set exactly one of ResyncOptions.Path and Order")
	}
	noted, err := c.LatestCheckpoint(ctx)
	if err != nil {
		return "", fmt.Errorf("extract: rebuild: note the feed's position: %w", err)
	}
	path, fresh := o.Path, false
	if o.Order != "" {
		dir, cleanup, err := o.fetch(ctx, c)
		if err != nil {
			return "", err
		}
		defer cleanup()
		path, fresh = dir, !o.UseLatest
	}
	x, err := Open(path, o.Extract)
	if err != nil {
		return "", fmt.Errorf("extract: rebuild: %w", err)
	}
	defer x.Close()
	m := x.Manifest()
	if m.Declared && m.Type != Base {
		return "", fmt.Errorf("extract: rebuild: %s is a %s extract, want a base extract (BAS): %w", path, m.Type, ErrChangeExtract)
	}
	from := noted
	switch {
	case !m.FeedPosition.IsZero():
		from = m.FeedPosition
	case fresh:
	default:
		if err := feedReachesBack(ctx, c, m, o.Changes); err != nil {
			return "", err
		}
		from = ""
	}
	if err := rebuild(ctx, from, x); err != nil {
		return "", fmt.Errorf("extract: rebuild: %w", err)
	}
	return from, nil
}

// feedReachesBack checks that the oldest change the feed keeps is not newer
// than the extract, so following from it misses nothing.
func feedReachesBack(ctx context.Context, c *bal.Client, m Manifest, opts *bal.ChangesOptions) error {
	var o bal.ChangesOptions
	if opts != nil {
		o = *opts
	}
	o.Poll, o.PageSize, o.WithObjects = 0, 1, false
	for ch, err := range c.Changes(ctx, "", &o) {
		if err != nil {
			return fmt.Errorf("extract: rebuild: read the oldest change kept: %w", err)
		}
		if ch.Sequence > 1 && (m.Created.IsZero() || ch.Time.After(m.Created)) {
			return fmt.Errorf("extract: rebuild: the extract (created %s) names no feed position and the feed's oldest change kept is %d of %s: %w",
				m.Created.Format("2006-01-02 15:04"), ch.Sequence, ch.Time.Format("2006-01-02 15:04"), ErrExtractTooOld)
		}
		break
	}
	return nil
}

// fetch downloads the order's BAS delivery and returns its folder.
func (o *ResyncOptions) fetch(ctx context.Context, c *bal.Client) (string, func(), error) {
	dc := geotorget.New(c)
	if !o.UseLatest {
		if _, err := dc.Start(ctx, o.Order, geotorget.TypeBase); err != nil {
			return "", nil, fmt.Errorf("extract: rebuild: start a BAS delivery: %w", err)
		}
	}
	d, err := dc.Wait(ctx, o.Order, o.Wait)
	if err != nil {
		return "", nil, fmt.Errorf("extract: rebuild: wait for the delivery: %w", err)
	}
	if d.Type != geotorget.TypeBase {
		return "", nil, fmt.Errorf("extract: rebuild: the latest delivery of order %s is %s, want BAS: %w", o.Order, d.Type, ErrChangeExtract)
	}
	dir, cleanup := o.Dir, func() {}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "bal-extract-")
		if err != nil {
			return "", nil, fmt.Errorf("extract: rebuild: %w", err)
		}
		dir, cleanup = tmp, func() { os.RemoveAll(tmp) }
	}
	if _, err := dc.Download(ctx, o.Order, dir, o.Download); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("extract: rebuild: download: %w", err)
	}
	return dir, cleanup, nil
}
