package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// The program starts a server and clients; nothing may outlive run.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRun(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, dir))
	account := out.String()
	t.Log("\n" + account)
	for _, want := range []string{
		`1\. order \S+: Fastighetsinformation Nedladdning, Adress och byggnad, subscription true, change extracts true`,
		`2\. delivery BAS LYCKAD, available until 2026-12-14`,
		`3\. downloaded \d+ files, \d+ bytes, each verified by its length`,
		`4\. BAS extract of 2026-11-30, in EPSG:3006, consistent with change-feed position \d+, \d+ part files`,
		`5\. compared: 96 equal, 3 different, 1 only ours, 1 only Lantmäteriet's`,
		`      nybyggnadsar +1\n`,
		`    geometry +1\n`,
		`    heights_missing +1\n`,
		`6\. quality: 100 buildings checked, \d+ with problems`,
		`7\. synchronised: 100 buildings, \d+ address points, \d+ apartments loaded from the extract into bal\.gpkg \(EPSG:\d+\), at feed position \d+`,
		`8\. live: nybyggnadsår of \S+ set to \d{4} at Lantmäteriet, now version \d+`,
		`   the feed since the extract: \S+ Byggnad \S+ version \d+`,
		`   the database follows: 1 changes applied, now at feed position \d+`,
	} {
		assert.Regexp(t, regexp.MustCompile(want), account)
	}
	for _, f := range []string{"jamforelse.csv", "jamforelse.gpkg", "kvalitet.txt", "kvalitet.csv", "kvalitet.gpkg"} {
		info, err := os.Stat(filepath.Join(dir, f))
		require.NoError(t, err, f)
		assert.Positive(t, info.Size(), f)
	}
}

// Every code block of docs/before-you-go-live.md is the program's own code, so that the page
// shows code that compiles and runs.
func TestDocQuotesTheProgram(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "before-you-go-live.md"))
	require.NoError(t, err)
	program, err := os.ReadFile("main.go")
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```go\n(.*?)```").FindAllSubmatch(doc, -1)
	require.GreaterOrEqual(t, len(blocks), 6)
	for _, b := range blocks {
		code := strings.TrimSpace(string(b[1]))
		assert.Contains(t, string(program), code, "a block of the page is not in main.go")
	}
}
