//go:build unix

package fakeserver

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEnvFileNamedPipe: a reader blocked on a named pipe gets the lines as
// soon as the fake writes them, which is how the testscripts wait for `bal
// fake` without sleeping.
func TestEnvFileNamedPipe(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "fifo")
	require.NoError(t, syscall.Mkfifo(path, 0o600))
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(path)
		got <- string(b)
	}()
	require.NoError(t, WriteEnvFile(path, "export A=1\n"))
	assert.Equal(t, "export A=1\n", <-got)
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.NotZero(t, fi.Mode()&os.ModeNamedPipe, "the pipe is not replaced by a file")
}
