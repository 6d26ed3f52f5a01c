package batch_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/batch"
)

var errMissing = errors.New("missing")

func missing(k int) error { return fmt.Errorf("key %d: %w", k, errMissing) }

func keys(n int) []int {
	ks := make([]int, n)
	for i := range ks {
		ks[i] = n - i // descending, so order is not accidental
	}
	return ks
}

type outcome struct {
	v   string
	err error
}

func collect(seq func(func(string, error) bool)) []outcome {
	var out []outcome
	for v, err := range seq {
		out = append(out, outcome{v, err})
	}
	return out
}

func TestSeq(t *testing.T) {
	t.Parallel()
	errBatch := errors.New("batch failed")
	tests := []struct {
		name     string
		n, size  int
		par      int
		fetch    batch.Fetch[int, string]
		wantReqs int
		check    func(t *testing.T, ks []int, got []outcome)
	}{
		{
			name: "order kept across batches", n: 1000, size: 250, par: 4, wantReqs: 4,
			fetch: func(_ context.Context, ks []int) (map[int]string, error) {
				m := map[int]string{}
				for _, k := range ks {
					m[k] = fmt.Sprint(k)
				}
				return m, nil
			},
			check: func(t *testing.T, ks []int, got []outcome) {
				for i, o := range got {
					assert.NoError(t, o.err)
					assert.Equal(t, fmt.Sprint(ks[i]), o.v)
				}
			},
		},
		{
			name: "failing batch keeps the others", n: 1000, size: 250, par: 4, wantReqs: 4,
			fetch: func(_ context.Context, ks []int) (map[int]string, error) {
				if ks[0] == 750 { // the second batch
					return nil, errBatch
				}
				m := map[int]string{}
				for _, k := range ks {
					m[k] = fmt.Sprint(k)
				}
				return m, nil
			},
			check: func(t *testing.T, ks []int, got []outcome) {
				for i, o := range got {
					if i >= 250 && i < 500 {
						assert.ErrorIs(t, o.err, errBatch)
						assert.Empty(t, o.v)
					} else {
						assert.NoError(t, o.err)
						assert.Equal(t, fmt.Sprint(ks[i]), o.v)
					}
				}
			},
		},
		{
			name: "missing keys", n: 5, size: 2, par: 2, wantReqs: 3,
			fetch: func(_ context.Context, ks []int) (map[int]string, error) {
				m := map[int]string{}
				for _, k := range ks {
					if k%2 == 0 {
						m[k] = fmt.Sprint(k)
					}
				}
				return m, nil
			},
			check: func(t *testing.T, ks []int, got []outcome) {
				for i, o := range got {
					if ks[i]%2 == 0 {
						assert.NoError(t, o.err)
					} else {
						assert.ErrorIs(t, o.err, errMissing)
					}
				}
			},
		},
		{
			name: "empty input", n: 0, size: 250, par: 4, wantReqs: 0,
			fetch: func(context.Context, []int) (map[int]string, error) { panic("not called") },
			check: func(*testing.T, []int, []outcome) {},
		},
		{
			name: "zero size and parallelism count as one", n: 3, size: 0, par: 0, wantReqs: 3,
			fetch: func(_ context.Context, ks []int) (map[int]string, error) {
				return map[int]string{ks[0]: "x"}, nil
			},
			check: func(t *testing.T, _ []int, got []outcome) {
				for _, o := range got {
					assert.Equal(t, "x", o.v)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ks := keys(tt.n)
			var reqs atomic.Int32
			fetch := func(ctx context.Context, b []int) (map[int]string, error) {
				reqs.Add(1)
				assert.LessOrEqual(t, len(b), max(tt.size, 1))
				return tt.fetch(ctx, b)
			}
			got := collect(batch.Seq(context.Background(), ks, tt.size, tt.par, fetch, missing))
			require.Len(t, got, tt.n, "exactly one yield per key")
			assert.Equal(t, int32(tt.wantReqs), reqs.Load())
			tt.check(t, ks, got)
		})
	}
}

// TestSeqParallelism checks that no more than the given number of batches
// are in flight, and that that many are: the fetches wait for each other
// on a barrier, so the test would hang if they ran one by one.
func TestSeqParallelism(t *testing.T) {
	t.Parallel()
	const par = 4
	var inFlight, most atomic.Int32
	var arrived sync.WaitGroup
	arrived.Add(par)
	fetch := func(_ context.Context, ks []int) (map[int]string, error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		if ks[0] > 1000-par*10 { // the first par batches meet at the barrier
			arrived.Done()
			arrived.Wait()
		}
		return map[int]string{}, nil
	}
	got := collect(batch.Seq(context.Background(), keys(1000), 10, par, fetch, missing))
	assert.Len(t, got, 1000)
	assert.Equal(t, int32(par), most.Load())
}

// TestSeqBreak checks that breaking out of the loop stops the sequence,
// cancels the batches in flight and returns only once they are done.
func TestSeqBreak(t *testing.T) {
	t.Parallel()
	var started, finished atomic.Int32
	fetch := func(ctx context.Context, ks []int) (map[int]string, error) {
		started.Add(1)
		defer finished.Add(1)
		if ks[0] != 100 { // every batch but the first waits to be cancelled
			<-ctx.Done()
			return nil, ctx.Err()
		}
		return map[int]string{100: "first"}, nil
	}
	for v, err := range batch.Seq(context.Background(), keys(100), 10, 3, fetch, missing) {
		require.NoError(t, err)
		assert.Equal(t, "first", v)
		break
	}
	assert.Equal(t, started.Load(), finished.Load(), "no fetch left running")
	assert.LessOrEqual(t, started.Load(), int32(4), "the three in flight and the one started after the first was handed over")
}

// TestSeqCancelled: a context that ends stops the sequence at the next key
// with the context's error, once; it used to go on yielding every key of
// the batches that had arrived (issue 10 item 8).
func TestSeqCancelled(t *testing.T) {
	t.Parallel()
	t.Run("before the first key", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		fetch := func(ctx context.Context, _ []int) (map[int]string, error) { return nil, ctx.Err() }
		got := collect(batch.Seq(ctx, keys(25), 10, 2, fetch, missing))
		require.Len(t, got, 1)
		assert.ErrorIs(t, got[0].err, context.Canceled)
	})
	t.Run("within a batch that arrived", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		fetch := func(_ context.Context, ks []int) (map[int]string, error) {
			out := map[int]string{}
			for _, k := range ks {
				out[k] = fmt.Sprint(k)
			}
			return out, nil
		}
		var got []outcome
		for v, err := range batch.Seq(ctx, keys(25), 10, 2, fetch, missing) {
			got = append(got, outcome{v, err})
			if len(got) == 3 {
				cancel() // the caller's context ends while it handles a result
			}
		}
		require.Len(t, got, 4, "three results, then the context's error, then nothing")
		for _, o := range got[:3] {
			assert.NoError(t, o.err)
		}
		assert.ErrorIs(t, got[3].err, context.Canceled)
	})
}
