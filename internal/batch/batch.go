// Package batch fetches objects by key in batches, several batches at a
// time, and hands the results back in the order of the keys: the plumbing
// behind every GetMany of the Direkt services (at most 250 ids per
// request).
package batch

import (
	"context"
	"iter"
	"sync"
)

// Fetch fetches the objects of one batch of keys and returns the ones it
// found by key. A key it does not return is reported with Seq's missing.
type Fetch[K comparable, V any] func(ctx context.Context, keys []K) (map[K]V, error)

// Seq splits keys into batches of at most size, fetches up to parallelism
// batches at a time, and yields exactly one (value, error) per key in the
// order of keys: the value, missing(key) when its batch did not return it,
// or the batch's error when the batch failed, so one failing batch never
// loses the others' results.
//
// Memory and concurrency stay bounded: batch i+parallelism is started only
// once batch i has been handed to the loop. Breaking out of the loop
// cancels the batches in flight and waits for them. When ctx ends, the
// sequence stops at the next key with ctx's error, even within a batch
// that had already arrived. Zero or negative size and parallelism count as
// 1.
func Seq[K comparable, V any](ctx context.Context, keys []K, size, parallelism int, fetch Fetch[K, V], missing func(K) error) iter.Seq2[V, error] {
	size, parallelism = max(size, 1), max(parallelism, 1)
	return func(yield func(V, error) bool) {
		n := (len(keys) + size - 1) / size
		if n == 0 {
			return
		}
		caller := ctx
		ctx, cancel := context.WithCancel(ctx)
		var wg sync.WaitGroup
		defer func() {
			cancel()
			wg.Wait()
		}()

		type result struct {
			got map[K]V
			err error
		}
		slots := make([]chan result, n)
		bounds := func(i int) (int, int) { return i * size, min((i+1)*size, len(keys)) }
		start := func(i int) {
			slots[i] = make(chan result, 1)
			wg.Add(1)
			go func() {
				defer wg.Done()
				lo, hi := bounds(i)
				got, err := fetch(ctx, keys[lo:hi])
				slots[i] <- result{got, err}
			}()
		}
		for i := range min(parallelism, n) {
			start(i)
		}
		for i := range n {
			r := <-slots[i]
			if next := i + parallelism; next < n {
				start(next)
			}
			lo, hi := bounds(i)
			for _, k := range keys[lo:hi] {
				if err := caller.Err(); err != nil {
					var zero V
					yield(zero, err)
					return
				}
				var v V
				var err error
				switch found := false; {
				case r.err != nil:
					err = r.err
				default:
					if v, found = r.got[k]; !found {
						err = missing(k)
					}
				}
				if !yield(v, err) {
					return
				}
			}
		}
	}
}
