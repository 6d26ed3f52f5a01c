package objects

import (
	"context"
	"fmt"
	"iter"

	"github.com/tjanstebaserad/bal-go/bal"
)

// pageFunc fetches the page that token names ("" for the first) and returns
// its items and the token of the next page ("" after the last).
type pageFunc[T any] func(ctx context.Context, token string) (items []T, next string, err error)

// paginate turns a paged answer into a sequence. Pages are fetched lazily, as
// the loop reaches them; the sequence stops after yielding the first error,
// when the loop breaks, or when ctx ends (yielding ctx's error). A server
// that hands back the token it was given would loop for ever; that is
// reported as ErrInvalidResponse.
func paginate[T any](ctx context.Context, fetch pageFunc[T]) iter.Seq2[T, error] {
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
				yield(zero, fmt.Errorf("%w: page token %.40q repeated", bal.ErrInvalidResponse, next))
				return
			}
			token = next
		}
	}
}
