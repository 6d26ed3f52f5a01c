package audit_test

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/audit"
)

func appendBytes(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	require.NoError(t, err)
	_, err = f.WriteString(s)
	require.NoError(t, err)
	require.NoError(t, f.Close())
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

func TestTornLinesAreRepairedOnOpen(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name            string
		chain, personal string // appended after two good records
	}{
		{"torn entry", `{"v":1,"seq":5,"prev":"00`, ""},
		{"torn personal part", "", `{"seq":5,"salt":"ab`},
		{"personal part whose entry was never written", "", `{"seq":5,"salt":"00","data":{}}` + "\n"},
		{"both, torn", `{"v":1,"seq":5`, `{"seq":5,"salt":"00","data":{}}` + "\n" + `{"seq":6`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, sink, c := fileRecorder(t)
			ctx := asOfficial()
			record(t, ctx, r, buildingUpdate(idA, 1, "k1"), applied(idA, 2))
			record(t, ctx, r, buildingUpdate(idB, 1, "k2"), applied(idB, 2))
			chainBefore, personalBefore := readFile(t, sink.Path()), readFile(t, sink.PersonalPath())
			head, err := r.Head(context.Background())
			require.NoError(t, err)
			require.NoError(t, sink.Close())
			appendBytes(t, sink.Path(), tc.chain)
			appendBytes(t, sink.PersonalPath(), tc.personal)

			reopened, err := audit.OpenFile(sink.Path(), nil)
			require.NoError(t, err)
			defer reopened.Close()
			assert.Equal(t, chainBefore, readFile(t, sink.Path()), "every complete entry kept, the torn one gone")
			assert.Equal(t, personalBefore, readFile(t, sink.PersonalPath()))
			r2, err := audit.New(reopened, &audit.Options{Key: testKey, Now: c.Now})
			require.NoError(t, err)
			_, err = r2.Verify(context.Background(), &audit.VerifyOptions{Anchors: []audit.Head{head}})
			require.NoError(t, err)
			record(t, ctx, r2, buildingUpdate(idA, 2, "k3"), applied(idA, 3))
			_, err = r2.Verify(context.Background(), nil)
			require.NoError(t, err)
			assert.Len(t, collect(t, r2, nil), 3)
		})
	}
}

func TestADamagedLastEntryStopsAppends(t *testing.T) {
	t.Parallel()
	r, sink, _ := fileRecorder(t)
	record(t, asOfficial(), r, buildingUpdate(idA, 1, "k1"), applied(idA, 2))
	appendBytes(t, sink.Path(), "not an entry\n")
	_, err := r.Intend(asOfficial(), buildingUpdate(idB, 1, "k2"))
	require.Error(t, err, "nothing is chained after a line that is not an entry")
	rep, err := r.Verify(context.Background(), nil)
	require.ErrorIs(t, err, audit.ErrTampered)
	assert.Equal(t, audit.ProblemMalformed, rep.Problems[0].Kind)
	assert.Equal(t, 3, rep.Problems[0].Position)
}

func TestAnotherProcessesPurgeIsFollowed(t *testing.T) {
	t.Parallel()
	// Two sinks on one file stand for two processes; the second purges
	// (rewriting the files), and the first must notice the new files.
	r1, sink1, c := fileRecorder(t)
	r2 := secondProcess(t, sink1, c)
	ctx := asOfficial()
	for i := range 4 {
		record(t, ctx, r1, buildingUpdate(idA, int64(i+1), ""), applied(idA, int64(i+2)))
	}
	c.Advance(3 * 365 * 24 * 60 * 60 * 1e9)
	record(t, ctx, r1, buildingUpdate(idA, 5, ""), applied(idA, 6))
	rep, err := r2.Purge(context.Background(), audit.Retention{RecordYears: 2})
	require.NoError(t, err)
	assert.Equal(t, 8, rep.RemovedEntries)

	record(t, ctx, r1, buildingUpdate(idA, 6, ""), applied(idA, 7))
	vr, err := r1.Verify(context.Background(), nil)
	require.NoError(t, err, "%v", vr)
	assert.Equal(t, uint64(9), vr.First)
	assert.Equal(t, 2, vr.Records)
}
