package bal

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordingStore is a MemoryCheckpointStore that remembers every save and
// can be made to fail.
type recordingStore struct {
	MemoryCheckpointStore
	mu    sync.Mutex
	saves []Checkpoint
	fail  error
}

func (s *recordingStore) Save(ctx context.Context, cp Checkpoint) error {
	s.mu.Lock()
	fail := s.fail
	if fail == nil {
		s.saves = append(s.saves, cp)
	}
	s.mu.Unlock()
	if fail != nil {
		return fail
	}
	return s.MemoryCheckpointStore.Save(ctx, cp)
}

func (s *recordingStore) saved() []Checkpoint {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Checkpoint(nil), s.saves...)
}

func TestFollowSavesAfterHandledChanges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		opts      *FollowOptions
		wantSaves []Checkpoint
	}{
		{name: "once per page", opts: &FollowOptions{ChangesOptions: ChangesOptions{PageSize: 4}}, wantSaves: []Checkpoint{"4", "8", "10"}},
		{name: "every third change and at page ends", opts: &FollowOptions{ChangesOptions: ChangesOptions{PageSize: 4}, SaveEvery: 3}, wantSaves: []Checkpoint{"3", "4", "6", "8", "9", "10"}},
		{name: "every change", opts: &FollowOptions{SaveEvery: 1}, wantSaves: []Checkpoint{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}},
		{name: "defaults", wantSaves: []Checkpoint{"10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, _ := newFeedClient(t, 10)
			store := &recordingStore{}
			var got []int64
			err := c.Follow(t.Context(), store, func(_ context.Context, ch Change) error {
				got = append(got, ch.Sequence)
				return nil
			}, tt.opts)
			require.NoError(t, err)
			assert.Equal(t, seqRange(1, 10), got)
			assert.Equal(t, tt.wantSaves, store.saved())

			// Caught up: a second call handles nothing and saves nothing.
			require.NoError(t, c.Follow(t.Context(), store, func(context.Context, Change) error {
				t.Error("nothing new to handle")
				return nil
			}, tt.opts))
			assert.Len(t, store.saved(), len(tt.wantSaves))
		})
	}
}

func TestFollowHandlerErrorKeepsWhatWasDone(t *testing.T) {
	t.Parallel()
	c, _ := newFeedClient(t, 10)
	store := &recordingStore{}
	require.NoError(t, store.Save(t.Context(), "2"))
	boom := errors.New("local database is full")
	var got []int64
	err := c.Follow(t.Context(), store, func(_ context.Context, ch Change) error {
		if ch.Sequence == 6 {
			return boom
		}
		got = append(got, ch.Sequence)
		return nil
	}, nil)
	require.ErrorIs(t, err, boom)
	assert.ErrorContains(t, err, "change 6 (Ny Kommundel/")
	assert.Equal(t, seqRange(3, 5), got)
	cp, err := store.Load(t.Context())
	require.NoError(t, err)
	assert.Equal(t, Checkpoint("5"), cp, "the last change handled is recorded, the failed one is not")

	got = nil
	require.NoError(t, c.Follow(t.Context(), store, func(_ context.Context, ch Change) error {
		got = append(got, ch.Sequence)
		return nil
	}, nil))
	assert.Equal(t, seqRange(6, 10), got, "the failed change is handled again, first")
}

func TestFollowCancelledSavesWhatWasDone(t *testing.T) {
	t.Parallel()
	c, _ := newFeedClient(t, 10)
	store := &recordingStore{}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	err := c.Follow(ctx, store, func(_ context.Context, ch Change) error {
		if ch.Sequence == 4 {
			cancel() // a shutdown signal while handling change 4
		}
		return nil
	}, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, []Checkpoint{"4"}, store.saved(), "change 4 was handled; 5 was never started")
}

func TestFollowReportsStoreFailures(t *testing.T) {
	t.Parallel()
	c, _ := newFeedClient(t, 10)
	disk := errors.New("disk full")
	store := &recordingStore{fail: disk}
	n := 0
	err := c.Follow(t.Context(), store, func(context.Context, Change) error { n++; return nil }, &FollowOptions{SaveEvery: 2})
	require.ErrorIs(t, err, disk)
	assert.Equal(t, 2, n, "following stops at the first checkpoint that cannot be saved")

	bad := errors.New("handler")
	err = c.Follow(t.Context(), store, func(context.Context, Change) error { return bad }, &FollowOptions{SaveEvery: 2})
	require.ErrorIs(t, err, bad)
	assert.NotErrorIs(t, err, disk, "nothing was handled, so nothing needed saving")
}

func TestFollowResynchronises(t *testing.T) {
	t.Parallel()
	c, feed := newFeedClient(t, 30)
	feed.mu.Lock()
	feed.oldest = 21
	feed.mu.Unlock()
	store := &recordingStore{}
	require.NoError(t, store.Save(t.Context(), "5"))

	var got []int64
	handle := func(_ context.Context, ch Change) error {
		got = append(got, ch.Sequence)
		return nil
	}
	err := c.Follow(t.Context(), store, handle, nil)
	var re *ResyncError
	require.ErrorAs(t, err, &re, "without a Resync hook the caller is told")
	assert.Equal(t, Checkpoint("5"), re.Checkpoint)
	assert.Empty(t, got)

	var resyncs int
	opts := &FollowOptions{Resync: func(ctx context.Context, err *ResyncError) (Checkpoint, error) {
		resyncs++
		assert.Equal(t, Checkpoint("5"), err.Checkpoint)
		// Note the position first, then read everything (here: nothing to
		// read), then follow on from the noted position.
		return c.LatestCheckpoint(ctx)
	}}
	require.NoError(t, c.Follow(t.Context(), store, handle, opts))
	assert.Equal(t, 1, resyncs)
	assert.Empty(t, got, "the full read covered everything up to the noted position")
	assert.Equal(t, []Checkpoint{"5", "30"}, store.saved())

	feed.add(3)
	require.NoError(t, c.Follow(t.Context(), store, handle, opts))
	assert.Equal(t, seqRange(31, 33), got)
}

func TestFollowGivesUpOnAResyncThatDoesNotHelp(t *testing.T) {
	t.Parallel()
	c, feed := newFeedClient(t, 30)
	feed.mu.Lock()
	feed.oldest = 21
	feed.mu.Unlock()
	store := &recordingStore{}
	require.NoError(t, store.Save(t.Context(), "5"))
	resyncs := 0
	err := c.Follow(t.Context(), store, func(context.Context, Change) error { return nil }, &FollowOptions{
		Resync: func(context.Context, *ResyncError) (Checkpoint, error) { resyncs++; return "6", nil },
	})
	require.ErrorIs(t, err, ErrResync)
	assert.Equal(t, 1, resyncs)

	broken := errors.New("extract unavailable")
	err = c.Follow(t.Context(), store, func(context.Context, Change) error { return nil }, &FollowOptions{
		Resync: func(context.Context, *ResyncError) (Checkpoint, error) { return "", broken },
	})
	require.ErrorIs(t, err, broken)
}

func TestFollowRefusesMissingArguments(t *testing.T) {
	t.Parallel()
	c, feed := newFeedClient(t, 1)
	err := c.Follow(t.Context(), nil, nil, &FollowOptions{SaveEvery: -1})
	var v *ValidationError
	require.ErrorAs(t, err, &v)
	assert.Len(t, v.Problems, 3)
	err = c.Follow(t.Context(), &MemoryCheckpointStore{}, func(context.Context, Change) error { return nil }, &FollowOptions{ChangesOptions: ChangesOptions{PageSize: 5000}})
	require.ErrorIs(t, err, ErrValidation)
	assert.Empty(t, feed.requestLog())
}
