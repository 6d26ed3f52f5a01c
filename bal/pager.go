package bal

import (
	"context"
	"fmt"
	"iter"
)

// PageFunc fetches the page that token names ("" for the first) and returns
// its items and the token of the next page ("" after the last).
type PageFunc[T any] func(ctx context.Context, token string) (items []T, next string, err error)

// Paginate turns a paged answer into a sequence. Pages are fetched lazily, as
// the loop reaches them; the sequence stops after yielding the first error,
// when the loop breaks, or when ctx ends (yielding ctx's error). A server
// that hands back the token it was given would loop for ever; that is
// reported as ErrInvalidResponse.
func Paginate[T any](ctx context.Context, fetch PageFunc[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		token := ""
		for page := 0; ; page++ {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			items, next, err := fetch(ctx, token)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if next == "" {
				return
			}
			if page > 0 && next == token {
				yield(zero, fmt.Errorf("%w: page token %q repeated", ErrInvalidResponse, truncate(next, 40)))
				return
			}
			token = next
		}
	}
}
