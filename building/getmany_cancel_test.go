package building_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
)

// TestDirektGetManyStopsWhenTheContextEnds: once the caller's context ends,
// GetMany yields the context's error at the next id and stops, although the
// batch holding the following ids has arrived (issue 10 item 8).
func TestDirektGetManyStopsWhenTheContextEnds(t *testing.T) {
	t.Parallel()
	ids := make([]bal.ObjectID, 600)
	for i := range ids {
		ids[i] = idOf(i + 1)
	}
	c, _ := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var got []string
		require.NoError(t, json.NewDecoder(r.Body).Decode(&got))
		answer(t, w, r, got)
	}))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var ok, failed int
	var last error
	for b, err := range c.Direkt.GetMany(ctx, ids, nil) {
		if err != nil {
			last = err
			failed++
			continue
		}
		require.NotNil(t, b)
		if ok++; ok == 10 {
			cancel()
		}
	}
	assert.Equal(t, 10, ok, "nothing after the context ended")
	assert.Equal(t, 1, failed, "one error, then the end")
	assert.ErrorIs(t, last, context.Canceled)
}
