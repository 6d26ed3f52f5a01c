package contract

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedContract finds shared/contract beside the module root (../shared,
// as in the lead's checkout), or beside a folder above it (a worktree in
// wt/NAME sees ../../shared), or "" when there is none (a public clone).
func sharedContract(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	require.True(t, ok)
	dir := filepath.Dir(file)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "no go.mod above %s", file)
		dir = parent
	}
	for range 3 {
		dir = filepath.Dir(dir)
		shared := filepath.Join(dir, "shared", "contract")
		if st, err := os.Stat(shared); err == nil && st.IsDir() {
			return shared
		}
	}
	return ""
}

// TestCopiesMatchShared fails when a copy in testdata differs from its
// original in ../shared/contract, or when either side has a document the
// other lacks. Without ../shared (a public clone) there is nothing to
// compare with, and the copies are what the tests read.
func TestCopiesMatchShared(t *testing.T) {
	t.Parallel()
	shared := sharedContract(t)
	if shared == "" {
		t.Skip("no ../shared/contract beside the module: the copies in testdata are the contract")
	}
	list := func(root fs.FS) []string {
		var names []string
		require.NoError(t, fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				names = append(names, p)
			}
			return err
		}))
		slices.Sort(names)
		return names
	}
	orig, copies := os.DirFS(shared), FS()
	origNames, copyNames := list(orig), list(copies)
	require.NotEmpty(t, origNames)
	assert.Equal(t, origNames, copyNames, "the same documents on both sides (copy them with: cp -a ../shared/contract/. internal/contract/testdata/)")
	for _, name := range origNames {
		want, err := fs.ReadFile(orig, name)
		require.NoError(t, err)
		got, err := fs.ReadFile(copies, name)
		if err != nil {
			continue // reported above
		}
		assert.True(t, bytes.Equal(want, got), "%s differs from ../shared/contract/%s", name, name)
	}
}

func TestDocumentsAndStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		dir  string
		want []string
	}{
		{"faults", []string{"faults/fault-v1-conflict.409.xml", "faults/fault-v1-rule.400.json", "faults/fault-v1.415.json",
			"faults/gateway-missing-credentials.401.json", "faults/gateway-scope.403.json"}},
		{"geotorget", []string{"geotorget/files-byggnad.200.json", "geotorget/files.200.json", "geotorget/leverans-latest.200.json", "geotorget/order.200.json"}},
	}
	for _, tt := range tests {
		got, err := Documents(tt.dir)
		require.NoError(t, err)
		assert.Equal(t, tt.want, got)
		for _, name := range got {
			b, err := Read(name)
			require.NoError(t, err)
			assert.NotEmpty(t, b)
		}
	}
	for name, want := range map[string]int{
		"faults/gateway-scope.403.json": 403, "ngp/mottagning.request.json": 0, "ngp/leverans.303.headers": 303,
		"faults/fault-v1.415.json": 415, "README.md": 0,
	} {
		assert.Equal(t, want, Status(name), name)
	}
	_, err := Read("faults/none.json")
	assert.Error(t, err)
}
