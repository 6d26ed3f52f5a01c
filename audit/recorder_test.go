package audit_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/audit"
)

const (
	idA = "39722cbb-f8b9-404b-a045-c5e6175f1001"
	idB = "5b0c9a7e-2d51-4a8e-9f3c-0a4e0c1d2e3f"
)

func TestIntentAndOutcomeMakeOneRecord(t *testing.T) {
	t.Parallel()
	r, _, _ := fileRecorder(t)
	ctx := asOfficial()
	seq := record(t, ctx, r, buildingUpdate(idA, 3, "k1"), applied(idA, 4))

	recs := collect(t, r, nil)
	require.Len(t, recs, 1)
	rec := recs[0]
	assert.Equal(t, seq, rec.Seq)
	assert.Equal(t, audit.ResultApplied, rec.Result())
	assert.Equal(t, official, rec.Actor)
	assert.Equal(t, audit.PersonalHeld, rec.Personal)
	assert.Equal(t, "2180 Göteborgs stad", rec.Organisation)
	assert.Equal(t, "building.Update", rec.Operation)
	assert.Equal(t, "k1", rec.IdempotencyKey)
	assert.Equal(t, audit.Action{Type: "Ändring", Responsible: "2180"}, rec.Action)
	require.Len(t, rec.Objects, 1)
	o := rec.Objects[0]
	assert.Equal(t, int64(3), o.VersionBefore)
	assert.Equal(t, int64(4), o.VersionAfter)
	require.Len(t, o.Geometries, 1)
	assert.Equal(t, "Erik Mätare", o.Geometries[0].Surveyor)
	assert.Equal(t, 0.03, o.Geometries[0].AccuracyPlan)
	assert.Equal(t, "GNSS, nätverks-RTK", o.Geometries[0].MethodPlan.Variant)
	assert.Equal(t, "req-3972", rec.Outcome.RequestID)
}

func TestOutcomes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		answer  *audit.Answer
		want    audit.Result
		status  int
		code    string
		version int64
	}{
		{"receipt", applied(idA, 4), audit.ResultApplied, 0, "", 4},
		{"conflict", &audit.Answer{Failure: &audit.Failure{HTTPStatus: 409, Code: "BAL-0409"}}, audit.ResultRefused, 409, "BAL-0409", 0},
		{"rule", &audit.Answer{Failure: &audit.Failure{HTTPStatus: 422, Code: "BAL-3015"}}, audit.ResultRefused, 422, "BAL-3015", 0},
		{"unavailable", &audit.Answer{Failure: &audit.Failure{HTTPStatus: 503, Uncertain: true}}, audit.ResultUncertain, 503, "", 0},
		{"no answer", &audit.Answer{Failure: &audit.Failure{Uncertain: true}}, audit.ResultUncertain, 0, "", 0},
		{"none (process died)", nil, audit.ResultUnknown, 0, "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, _, _ := fileRecorder(t)
			record(t, asOfficial(), r, buildingUpdate(idA, 3, "k"), tc.answer)
			recs := collect(t, r, nil)
			require.Len(t, recs, 1)
			assert.Equal(t, tc.want, recs[0].Result())
			if recs[0].Outcome != nil {
				assert.Equal(t, tc.status, recs[0].Outcome.HTTPStatus)
				assert.Equal(t, tc.code, recs[0].Outcome.Code)
			}
			assert.Equal(t, tc.version, recs[0].Objects[0].VersionAfter)
		})
	}
}

func TestOneKeyOneRecord(t *testing.T) {
	t.Parallel()
	r, _, c := fileRecorder(t)
	ctx := asOfficial()
	// The first call fails without an answer; the caller repeats it with
	// the same key and gets the receipt.
	first := record(t, ctx, r, buildingUpdate(idA, 3, "same-key"), &audit.Answer{Failure: &audit.Failure{Uncertain: true}})
	second := record(t, ctx, r, buildingUpdate(idA, 3, "same-key"), applied(idA, 4))
	assert.Equal(t, first, second, "a repeat joins the first record")

	// A repeat that dies in flight leaves the record unknown again.
	record(t, ctx, r, buildingUpdate(idB, 1, "other-key"), applied(idB, 2))
	record(t, ctx, r, buildingUpdate(idB, 1, "other-key"), nil)

	// After the key window, the same key is a new write.
	c.Advance(audit.KeyWindow + time.Minute)
	third := record(t, ctx, r, buildingUpdate(idA, 4, "same-key"), applied(idA, 5))
	assert.NotEqual(t, first, third)

	recs := collect(t, r, nil)
	require.Len(t, recs, 3)
	assert.Equal(t, 1, recs[0].Repeats)
	assert.Equal(t, audit.ResultApplied, recs[0].Result())
	assert.Equal(t, int64(4), recs[0].Objects[0].VersionAfter)
	assert.Equal(t, audit.ResultUnknown, recs[1].Result())
	assert.Equal(t, 0, recs[2].Repeats)
}

func TestKeyJoinsAcrossSinkInstances(t *testing.T) {
	t.Parallel()
	// Two sinks on one file stand for two processes: the second must see the
	// first's key.
	r1, sink1, c := fileRecorder(t)
	r2 := secondProcess(t, sink1, c)
	a := record(t, asOfficial(), r1, buildingUpdate(idA, 3, "k"), &audit.Answer{Failure: &audit.Failure{Uncertain: true}})
	b := record(t, asOfficial(), r2, buildingUpdate(idA, 3, "k"), applied(idA, 4))
	assert.Equal(t, a, b)
}

func TestIntentRefused(t *testing.T) {
	t.Parallel()
	r, _, _ := fileRecorder(t)
	long := make([]byte, audit.MaxText+1)
	for i := range long {
		long[i] = 'x'
	}
	tests := []struct {
		name string
		ctx  context.Context
		w    *audit.Write
		want error
	}{
		{"no actor", context.Background(), buildingUpdate(idA, 1, "k"), audit.ErrNoActor},
		{"empty actor id", audit.WithActor(context.Background(), audit.Actor{Name: "Anna"}), buildingUpdate(idA, 1, "k"), audit.ErrNoActor},
		{"personnummer as actor id", audit.WithActor(context.Background(), audit.Actor{ID: "19811228-9874"}), buildingUpdate(idA, 1, "k"), audit.ErrIdentityNumber},
		{"personnummer inside actor id", audit.WithActor(context.Background(), audit.Actor{ID: "user 811228-9874"}), buildingUpdate(idA, 1, "k"), audit.ErrIdentityNumber},
		{"nil write", asOfficial(), nil, audit.ErrInvalidWrite},
		{"no operation", asOfficial(), &audit.Write{Objects: []audit.WriteObject{{Type: "Byggnad"}}}, audit.ErrInvalidWrite},
		{"no objects", asOfficial(), &audit.Write{Operation: "x"}, audit.ErrInvalidWrite},
		{"object without type", asOfficial(), &audit.Write{Operation: "x", Objects: []audit.WriteObject{{ID: idA}}}, audit.ErrInvalidWrite},
		{"negative version", asOfficial(), &audit.Write{Operation: "x", Objects: []audit.WriteObject{{Type: "Byggnad", Version: -1}}}, audit.ErrInvalidWrite},
		{"long field", asOfficial(), &audit.Write{Operation: string(long), Objects: []audit.WriteObject{{Type: "Byggnad"}}}, audit.ErrInvalidWrite},
		{"bad utf-8", asOfficial(), &audit.Write{Operation: "x\xff", Objects: []audit.WriteObject{{Type: "Byggnad"}}}, audit.ErrInvalidWrite},
		{"negative accuracy", asOfficial(), &audit.Write{Operation: "x", Objects: []audit.WriteObject{{Type: "Byggnad", Geometries: []audit.GeometryMetadata{{AccuracyPlan: -1}}}}}, audit.ErrInvalidWrite},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := r.Intend(tc.ctx, tc.w)
			require.ErrorIs(t, err, tc.want)
			assert.NotContains(t, err.Error(), "9874", "an error never repeats an identity number")
		})
	}
	assert.Empty(t, collect(t, r, nil), "nothing refused is recorded")
}

func TestSettleOnce(t *testing.T) {
	t.Parallel()
	r, _, _ := fileRecorder(t)
	p, err := r.Intend(asOfficial(), buildingUpdate(idA, 1, "k"))
	require.NoError(t, err)
	require.NoError(t, p.Settle(context.Background(), applied(idA, 2)))
	require.ErrorIs(t, p.Settle(context.Background(), applied(idA, 2)), audit.ErrInvalidWrite)
	require.ErrorIs(t, p.Settle(context.Background(), nil), audit.ErrInvalidWrite)
}

func TestNewRefusesWeakKey(t *testing.T) {
	t.Parallel()
	_, sink, _ := fileRecorder(t)
	_, err := audit.New(sink, &audit.Options{Key: []byte("short")})
	require.Error(t, err)
	_, err = audit.New(sink, nil)
	require.Error(t, err)
	_, err = audit.New(nil, &audit.Options{Key: testKey})
	require.Error(t, err)
}

// Goroutines of one process share a Recorder; the chain stays whole.
func TestConcurrentGoroutines(t *testing.T) {
	t.Parallel()
	r, _, _ := fileRecorder(t)
	const workers, each = 6, 15
	errs := make(chan error, workers)
	for w := range workers {
		go func() {
			ctx := audit.WithActor(context.Background(), audit.Actor{ID: fmt.Sprintf("w%d", w)})
			for i := range each {
				p, err := r.Intend(ctx, buildingUpdate(idA, int64(i+1), fmt.Sprintf("%d-%d", w, i)))
				if err == nil {
					err = p.Settle(ctx, applied(idA, int64(i+2)))
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range workers {
		require.NoError(t, <-errs)
	}
	rep, err := r.Verify(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, workers*each, rep.Records)
	assert.Equal(t, 2*workers*each, rep.Entries)
}
