package address

import (
	"context"
	"iter"
	"slices"
	"strconv"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
)

// feedTypes are the objekttyper of this package in the change feed.
var feedTypes = []bal.ObjectType{bal.ObjectTypeAddressPoint, bal.ObjectTypeAddressArea,
	bal.ObjectTypeCourtyardArea, bal.ObjectTypeDistrict}

// Changes reads the change feed (förändringar) for address points, areas,
// courtyard areas and districts from the checkpoint from, as
// bal.Client.Changes does: pages are fetched lazily, each bal.Change carries
// the checkpoint to save once it has been applied, and a checkpoint older
// than the feed keeps yields a *bal.ResyncError. opts.Types narrows the feed
// to some of the four types (another type is a *check.Problems); empty
// means all four.
//
// Checkpoints are positions in Lantmäteriet's one feed, so keep one
// checkpoint per selection: resuming an address follower from a building
// follower's checkpoint would skip address changes. To have checkpoints
// loaded and saved for you, use bal.Client.Follow with the same Types.
func (c *Client) Changes(ctx context.Context, from bal.Checkpoint, opts *bal.ChangesOptions) iter.Seq2[bal.Change, error] {
	o, err := narrowFeed("address.Changes", opts)
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
			v.Addf("Types["+strconv.Itoa(i)+"]", bal.RuleCodeList, "%q is not an address point, area, courtyard area or district type", t)
		}
	}
	return &o, v.Err()
}
