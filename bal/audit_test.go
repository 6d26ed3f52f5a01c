package bal

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/lmtest"
)

// fakeRecorder remembers what it was told.
type fakeRecorder struct {
	mu       sync.Mutex
	refuse   error
	writes   []*Write
	results  []*WriteResult
	settled  []context.Context
	failDone error
}

func (f *fakeRecorder) RecordWrite(ctx context.Context, w *Write) (func(context.Context, *WriteResult) error, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.refuse != nil {
		return nil, f.refuse
	}
	f.writes = append(f.writes, w)
	return func(ctx context.Context, r *WriteResult) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.results = append(f.results, r)
		f.settled = append(f.settled, ctx)
		return f.failDone
	}, nil
}

type ctxKey struct{}

func TestRecordWrite(t *testing.T) {
	t.Parallel()
	errSink := errors.New("disk full")
	tests := []struct {
		name      string
		rec       *fakeRecorder
		cancel    bool
		wantErr   error
		wantSends int
	}{
		{name: "recorded and settled", rec: &fakeRecorder{}, wantSends: 1},
		{name: "refused: not sent", rec: &fakeRecorder{refuse: errSink}, wantErr: ErrNotRecorded},
		{name: "settled after the call's context is cancelled", rec: &fakeRecorder{}, cancel: true, wantSends: 1},
		{name: "a failed settle is logged, not returned", rec: &fakeRecorder{failDone: errSink}, wantSends: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := lmtest.New(t, okHandler)
			c := newTestClient(t, srv, func(cfg *Config) { cfg.Recorder = tc.rec })
			require.Same(t, tc.rec, c.Recorder())
			ctx, cancel := context.WithCancel(context.WithValue(t.Context(), ctxKey{}, "anna"))
			defer cancel()
			w := &Write{Operation: "test.Write", IdempotencyKey: "k1", Objects: []WriteObject{{Kind: WriteUpdate, Type: ObjectTypeBuilding, ID: "x", Version: 3}}}
			settle, err := c.RecordWrite(ctx, w)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				require.ErrorIs(t, err, errSink, "the recorder's own error is wrapped too")
				assert.Contains(t, err.Error(), "test.Write")
				assert.Nil(t, settle)
				return
			}
			require.NoError(t, err)
			_, err = get(ctx, c, "/thing")
			require.NoError(t, err)
			if tc.cancel {
				cancel()
			}
			receipt := Receipt{ID: NewObjectID(), Version: 4}
			settle(&WriteResult{Receipts: []Receipt{receipt}})
			settle(&WriteResult{Err: errors.New("twice")}) // ignored: one outcome per write
			require.Len(t, tc.rec.writes, 1)
			assert.Same(t, w, tc.rec.writes[0])
			require.Len(t, tc.rec.results, 1)
			assert.Equal(t, []Receipt{receipt}, tc.rec.results[0].Receipts)
			sctx := tc.rec.settled[0]
			assert.NoError(t, sctx.Err(), "settle's context is not cancelled with the call's")
			assert.Equal(t, "anna", sctx.Value(ctxKey{}), "but carries its values (the actor)")
			assert.Equal(t, tc.wantSends, srv.APIRequests())
		})
	}
}

func TestRecordWriteWithoutRecorder(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, lmtest.New(t, okHandler), nil)
	assert.Nil(t, c.Recorder())
	settle, err := c.RecordWrite(t.Context(), &Write{Operation: "x"})
	require.NoError(t, err)
	settle(nil) // does nothing
}

// A failed settle reaches the log, masked like every line.
func TestSettleFailureLogged(t *testing.T) {
	t.Parallel()
	var logs strings.Builder
	rec := &fakeRecorder{failDone: errors.New("sink closed for 811228-9874")}
	c := newTestClient(t, lmtest.New(t, okHandler), func(cfg *Config) {
		cfg.Recorder = rec
		cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	settle, err := c.RecordWrite(t.Context(), &Write{Operation: "test.Write"})
	require.NoError(t, err)
	settle(&WriteResult{Err: &Error{StatusCode: http.StatusConflict}})
	assert.Contains(t, logs.String(), "could not be recorded")
	assert.Contains(t, logs.String(), "test.Write")
	assert.NotContains(t, logs.String(), "811228-9874")
}
