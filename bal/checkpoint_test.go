package bal

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFileCheckpointStore(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "feed.checkpoint")
	s := NewFileCheckpointStore(path)

	cp, err := s.Load(t.Context())
	require.NoError(t, err)
	assert.True(t, cp.IsZero(), "no file yet: start of the feed")

	for _, want := range []Checkpoint{"10234", "10235", "opaque:ÅÄÖ/123"} {
		require.NoError(t, s.Save(t.Context(), want))
		got, err := NewFileCheckpointStore(path).Load(t.Context())
		require.NoError(t, err)
		assert.Equal(t, want, got, "a new store (a restarted process) reads what was saved")
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary files are left behind")
}

func TestFileCheckpointStoreSurvivesACrashBetweenWriteAndRename(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "feed.checkpoint")
	s := NewFileCheckpointStore(path)
	require.NoError(t, s.Save(t.Context(), "100"))

	crash := errors.New("power cut")
	s.beforeRename = func() error { return crash }
	err := s.Save(t.Context(), "200")
	require.ErrorIs(t, err, crash)

	got, err := NewFileCheckpointStore(path).Load(t.Context())
	require.NoError(t, err)
	assert.Equal(t, Checkpoint("100"), got, "the old checkpoint is intact")

	// A process that died for real leaves its temporary file; it is never
	// read as the checkpoint.
	require.NoError(t, os.WriteFile(filepath.Join(filepath.Dir(path), ".feed.checkpoint.tmp-999"), []byte("20"), 0o600))
	got, err = NewFileCheckpointStore(path).Load(t.Context())
	require.NoError(t, err)
	assert.Equal(t, Checkpoint("100"), got)

	s.beforeRename = nil
	require.NoError(t, s.Save(t.Context(), "200"))
	got, err = s.Load(t.Context())
	require.NoError(t, err)
	assert.Equal(t, Checkpoint("200"), got)
}

func TestCheckpointStoresRefuseGarbage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, content := range map[string]string{
		"control": "12\x0034",
		"long":    strings.Repeat("9", maxCheckpointLen+1),
		"binary":  "\xff\xfe",
	} {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
		_, err := NewFileCheckpointStore(path).Load(t.Context())
		assert.Error(t, err, name)
		assert.Error(t, NewFileCheckpointStore(path).Save(t.Context(), Checkpoint(content)), name)
		assert.Error(t, (&MemoryCheckpointStore{}).Save(t.Context(), Checkpoint(content)), name)
	}
	_, err := NewFileCheckpointStore(filepath.Join(dir, "missing-dir", "x")).Load(t.Context())
	assert.NoError(t, err, "a missing file is the start")
	assert.Error(t, NewFileCheckpointStore(filepath.Join(dir, "missing-dir", "x")).Save(t.Context(), "1"))
}

func TestCheckpointStoresAreSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	stores := []CheckpointStore{NewFileCheckpointStore(filepath.Join(t.TempDir(), "cp")), &MemoryCheckpointStore{}}
	for _, s := range stores {
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Go(func() {
				assert.NoError(t, s.Save(t.Context(), Checkpoint(strings.Repeat("7", i+1))))
				_, err := s.Load(t.Context())
				assert.NoError(t, err)
			})
		}
		wg.Wait()
		cp, err := s.Load(t.Context())
		require.NoError(t, err)
		assert.NotEmpty(t, cp)
	}
}
