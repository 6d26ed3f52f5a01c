package audit

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Opening a long chain reads only the entries of the last KeyWindow (found
// by bisection), and still finds every key within it.
func TestOpenReadsOnlyTheKeyWindow(t *testing.T) {
	t.Parallel()
	m := &memSink{}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	r, err := New(m, &Options{Key: fixtureKey, Now: clock})
	require.NoError(t, err)
	ctx := WithActor(context.Background(), Actor{ID: "anna.s"})
	const n = 3000 // one write a minute: 50 hours
	for i := range n {
		now = now.Add(time.Minute)
		_, err := r.Intend(ctx, &Write{Operation: "building.Update", IdempotencyKey: fmt.Sprintf("key-%d", i),
			Objects: []WriteObject{{Type: "Byggnad", ID: fmt.Sprintf("39722cbb-f8b9-404b-a045-%012d", i), Version: 1}}})
		require.NoError(t, err)
	}
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	require.NoError(t, os.WriteFile(path, m.chain, 0o600))
	require.NoError(t, os.WriteFile(path+".personal", m.personal, 0o600))

	s, err := OpenFile(path, nil)
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, uint64(n), s.head.Seq)
	assert.Less(t, len(s.keys), 24*60+100, "about a day of keys")
	assert.Greater(t, len(s.keys), 24*60-1)
	for i := n - 24*60 + 1; i < n; i++ {
		assert.Contains(t, s.keys, fmt.Sprintf("key-%d", i))
	}

	// A repeat of a key from an hour ago joins its record; one from two
	// days ago starts a new one.
	r2, err := New(s, &Options{Key: fixtureKey, Now: clock})
	require.NoError(t, err)
	for _, tc := range []struct {
		key  int
		want uint64
	}{{n - 60, n - 60 + 1}, {100, n + 2}} {
		p, err := r2.Intend(ctx, &Write{Operation: "building.Update", IdempotencyKey: fmt.Sprintf("key-%d", tc.key),
			Objects: []WriteObject{{Type: "Byggnad", Version: 1}}})
		require.NoError(t, err)
		assert.Equal(t, tc.want, p.Record())
	}
	rep, err := r2.Verify(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, n+2, rep.Entries)
}
