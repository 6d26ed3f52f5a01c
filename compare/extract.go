package compare

import (
	"context"
	"fmt"
	"iter"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/extract"
)

// FromExtract yields the objects of a base extract as Lantmäteriet's side of a comparison:
// the objects of the given types (every type when none is given), each as FromObject makes
// it, in the extract's order, one at a time. A change extract is refused (its deletes are
// not a dataset); read errors end the sequence.
func FromExtract(ctx context.Context, x *extract.Reader, types ...bal.ObjectType) iter.Seq2[Feature, error] {
	return func(yield func(Feature, error) bool) {
		if x.Manifest().Type == extract.Change {
			yield(Feature{}, fmt.Errorf("compare: %w", extract.ErrChangeExtract))
			return
		}
		for it, err := range x.Items(ctx, types...) {
			if err != nil {
				yield(Feature{}, err)
				return
			}
			f, ok := FromObject(it.Object())
			if !ok {
				continue
			}
			if !yield(f, nil) {
				return
			}
		}
	}
}

// QualityOfExtract checks the information quality of the buildings of a base extract,
// reading its buildings, entrances and address points (Quality).
func QualityOfExtract(ctx context.Context, x *extract.Reader, opts *QualityOptions) iter.Seq2[Finding, error] {
	objects := func(yield func(any, error) bool) {
		if x.Manifest().Type == extract.Change {
			yield(nil, fmt.Errorf("compare: %w", extract.ErrChangeExtract))
			return
		}
		for it, err := range x.Items(ctx, bal.ObjectTypeAddressPoint, bal.ObjectTypeBuilding, bal.ObjectTypeEntrance) {
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(it.Object(), nil) {
				return
			}
		}
	}
	return Quality(ctx, objects, opts)
}
