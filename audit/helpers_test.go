package audit_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/audit"
)

// testKey is the chain key of the tests: 32 bytes.
var testKey = []byte("bal-go audit test key, 32 bytes!")

// clock is a test clock that moves one millisecond every time it is read,
// so that entry times are distinct and reproducible.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

// Advance moves the clock on by d.
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fileRecorder opens a FileSink in a temporary directory and a Recorder on
// it.
func fileRecorder(t testing.TB) (*audit.Recorder, *audit.FileSink, *clock) {
	t.Helper()
	sink, err := audit.OpenFile(filepath.Join(t.TempDir(), "audit.jsonl"), nil)
	require.NoError(t, err)
	t.Cleanup(func() { sink.Close() })
	c := newClock()
	r, err := audit.New(sink, &audit.Options{Key: testKey, Organisation: "2180 Göteborgs stad", Now: c.Now})
	require.NoError(t, err)
	return r, sink, c
}

// secondProcess opens a second sink on sink's files and a Recorder on it,
// standing for another process sharing them.
func secondProcess(t testing.TB, sink *audit.FileSink, c *clock) *audit.Recorder {
	t.Helper()
	sink2, err := audit.OpenFile(sink.Path(), nil)
	require.NoError(t, err)
	t.Cleanup(func() { sink2.Close() })
	r2, err := audit.New(sink2, &audit.Options{Key: testKey, Now: c.Now})
	require.NoError(t, err)
	return r2
}

// official is the actor of most tests.
var official = audit.Actor{ID: "anna.s", Name: "Anna Svensson"}

func asOfficial() context.Context { return audit.WithActor(context.Background(), official) }

// buildingUpdate is a typical write: one building changed from version v,
// with geometry metadata.
func buildingUpdate(id string, v int64, key string) *audit.Write {
	return &audit.Write{
		Operation:      "building.Update",
		IdempotencyKey: key,
		Action:         audit.Action{Type: "Ändring", Responsible: "2180"},
		Objects: []audit.WriteObject{{
			Change: "update", Type: "Byggnad", ID: id, Version: v,
			Geometries: []audit.GeometryMetadata{{
				MethodPlan:   audit.Method{Type: "geodetisk detaljmätning", Variant: "GNSS, nätverks-RTK"},
				AccuracyPlan: 0.03, AccuracyHeight: 0.05,
				SurveyedAt: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC),
				Surveyor:   "Erik Mätare",
			}},
		}},
	}
}

// record writes one intent and its answer and returns the record's
// position.
func record(t testing.TB, ctx context.Context, r *audit.Recorder, w *audit.Write, a *audit.Answer) uint64 {
	t.Helper()
	p, err := r.Intend(ctx, w)
	require.NoError(t, err)
	if a != nil {
		require.NoError(t, p.Settle(ctx, a))
	}
	return p.Record()
}

// applied answers a one-object write with version v.
func applied(id string, v int64) *audit.Answer {
	return &audit.Answer{
		Receipts:  []audit.Receipt{{ID: id, Version: v, ValidFrom: time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)}},
		RequestID: "req-" + id[:4], Attempts: 1,
	}
}

// collect gathers a query's records.
func collect(t testing.TB, r *audit.Recorder, q *audit.Query) []*audit.Record {
	t.Helper()
	var out []*audit.Record
	for rec, err := range r.Records(context.Background(), q) {
		require.NoError(t, err)
		out = append(out, rec)
	}
	return out
}
