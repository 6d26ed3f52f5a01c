package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREADMELinesAreScripted checks that every `go run ./cmd/bal …` line of
// the README is run by testdata/script/readme.txtar, so that the README's
// quickstart cannot drift from what the tool does.
func TestREADMELinesAreScripted(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	script, err := os.ReadFile("testdata/script/readme.txtar")
	require.NoError(t, err)
	n := 0
	for _, line := range strings.Split(string(readme), "\n") {
		for _, part := range strings.Split(line, "&&") {
			cmd, ok := strings.CutPrefix(strings.TrimSpace(part), "go run ./cmd/bal ")
			if !ok {
				continue
			}
			n++
			cmd = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(cmd), "&"))
			if strings.HasPrefix(cmd, "fake ") {
				// Backgrounded in the script, with a name to stop it by.
				assert.Contains(t, string(script), "exec bal "+cmd+" &fake&\n", "README: %s", line)
				continue
			}
			assert.Contains(t, string(script), "exec bal "+cmd+"\n", "README: %s", line)
		}
	}
	assert.GreaterOrEqual(t, n, 5, "the README's command-line lines")
}
