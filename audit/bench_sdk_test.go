package audit_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/audit"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/updatetest"
)

// BenchmarkRecordedWrite measures what the hook adds to a write through
// the SDK: a building's Update against the in-process fake, without a
// Recorder (the anchor) and with Recorder.Hook over a FileSink (the intent
// and the outcome each durable before the call returns).
func BenchmarkRecordedWrite(b *testing.B) {
	for _, tc := range []struct {
		name   string
		record bool
	}{{"unrecorded", false}, {"file", true}} {
		b.Run(tc.name, func(b *testing.B) {
			e := updatetest.New(b)
			c := e.Server.Client(func(cfg *bal.Config) {
				if tc.record {
					sink, err := audit.OpenFile(filepath.Join(b.TempDir(), "audit.jsonl"), nil)
					require.NoError(b, err)
					b.Cleanup(func() { sink.Close() })
					rec, err := audit.New(sink, &audit.Options{Key: testKey})
					require.NoError(b, err)
					cfg.Recorder = rec.Hook()
				}
			})
			b.Cleanup(c.CloseIdleConnections)
			bc := building.New(c)
			ctx := asAnna()
			bl := e.Building()
			r, err := bc.Buildings.Create(ctx, bl, e.Action(building.ActionPermitApproved))
			require.NoError(b, err)
			bl.ID, bl.Version = r.ID, r.Version
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				bl.HouseNumber = i%99 + 1
				r, err := bc.Buildings.Update(ctx, bl, e.Action(building.ActionBuildingChanged))
				require.NoError(b, err)
				bl.Version = r.Version
			}
		})
	}
}
