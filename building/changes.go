package building

import (
	"context"
	"iter"
	"slices"
	"strconv"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
)

// feedTypes are the objekttyper of this package in the change feed.
var feedTypes = []bal.ObjectType{bal.ObjectTypeBuilding, bal.ObjectTypeEntrance, bal.ObjectTypeApartment}

// Changes reads the change feed (förändringar) for buildings, entrances
// and apartments from the checkpoint from, as bal.Client.Changes does: pages
// are fetched lazily, each bal.Change carries the checkpoint to save once it
// has been applied, and a checkpoint older than the feed keeps yields a
// *bal.ResyncError. opts.Types narrows the feed to some of the three types
// (another type is a *check.Problems); empty means all three.
//
// Checkpoints are positions in Lantmäteriet's one feed, so keep one
// checkpoint per selection: resuming a building follower from an address
// follower's checkpoint would skip building changes. To have checkpoints
// loaded and saved for you, use bal.Client.Follow with the same Types.
func (c *Client) Changes(ctx context.Context, from bal.Checkpoint, opts *bal.ChangesOptions) iter.Seq2[bal.Change, error] {
	o, err := narrowFeed("building.Changes", opts)
	if err != nil {
		return func(yield func(bal.Change, error) bool) { yield(bal.Change{}, err) }
	}
	return c.t.Client().Changes(ctx, from, o)
}

// narrowFeed returns opts limited to this package's types.
func narrowFeed(op string, opts *bal.ChangesOptions) (*bal.ChangesOptions, error) {
	var o bal.ChangesOptions
	if opts != nil {
		o = *opts
	}
	if len(o.Types) == 0 {
		o.Types = slices.Clone(feedTypes)
		return &o, nil
	}
	v := check.New(op)
	for i, t := range o.Types {
		if !slices.Contains(feedTypes, t) {
			v.Addf("Types["+strconv.Itoa(i)+"]", bal.RuleCodeList, "%q is not a building, entrance or apartment type", t)
		}
	}
	return &o, v.Err()
}
