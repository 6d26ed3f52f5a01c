package objects

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
)

func TestPaginate(t *testing.T) {
	t.Parallel()
	pages := map[string]struct {
		items []int
		next  string
	}{"": {[]int{1, 2}, "p2"}, "p2": {[]int{3}, "p3"}, "p3": {nil, "p4"}, "p4": {[]int{4, 5}, ""}}
	fetch := func(calls *int) pageFunc[int] {
		return func(_ context.Context, tok string) ([]int, string, error) {
			*calls++
			p := pages[tok]
			return p.items, p.next, nil
		}
	}

	t.Run("all pages in order", func(t *testing.T) {
		t.Parallel()
		var calls int
		var got []int
		for v, err := range paginate(t.Context(), fetch(&calls)) {
			require.NoError(t, err)
			got = append(got, v)
		}
		assert.Equal(t, []int{1, 2, 3, 4, 5}, got)
		assert.Equal(t, 4, calls)
	})
	t.Run("lazy: breaking stops fetching", func(t *testing.T) {
		t.Parallel()
		var calls int
		for v, err := range paginate(t.Context(), fetch(&calls)) {
			require.NoError(t, err)
			if v == 2 {
				break
			}
		}
		assert.Equal(t, 1, calls)
	})
	t.Run("stops at the first error", func(t *testing.T) {
		t.Parallel()
		boom := errors.New("boom")
		var got []int
		var errs []error
		for v, err := range paginate(t.Context(), func(_ context.Context, tok string) ([]int, string, error) {
			if tok == "" {
				return []int{1}, "p2", nil
			}
			return nil, "", boom
		}) {
			got, errs = append(got, v), append(errs, err)
		}
		assert.Equal(t, []int{1, 0}, got)
		assert.Equal(t, []error{nil, boom}, errs)
	})
	t.Run("context cancelled between pages", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		var last error
		n := 0
		for _, err := range paginate(ctx, func(_ context.Context, tok string) ([]int, string, error) {
			return []int{1}, fmt.Sprint("p", len(tok)+1, tok), nil
		}) {
			n++
			last = err
			cancel()
		}
		assert.Equal(t, 2, n)
		assert.ErrorIs(t, last, context.Canceled)
	})
	t.Run("a repeated token is an invalid response", func(t *testing.T) {
		t.Parallel()
		var last error
		n := 0
		for _, err := range paginate(t.Context(), func(context.Context, string) ([]int, string, error) {
			return []int{1}, "same", nil
		}) {
			n++
			last = err
		}
		assert.Equal(t, 3, n)
		assert.ErrorIs(t, last, bal.ErrInvalidResponse)
	})
}
