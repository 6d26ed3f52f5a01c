package audit_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/audit"
)

const day = 24 * time.Hour

// personalWrite is a write whose actor, comment and surveyor are the given
// name, so that a test can look for the name in raw bytes.
func personalWrite(name, id string, v int64) (context.Context, *audit.Write) {
	ctx := audit.WithActor(context.Background(), audit.Actor{ID: "id-" + name, Name: name})
	w := buildingUpdate(id, v, "")
	w.Comment = "kommentar av " + name
	w.Objects[0].Geometries[0].Surveyor = name
	return ctx, w
}

// history records three writes a month apart, by three officials, and
// returns the recorder and the officials' names, oldest first.
func history(t *testing.T, r *audit.Recorder, c *clock) []string {
	t.Helper()
	names := []string{"Alfa Ålund", "Beta Berg", "Gamma Grén"}
	for i, n := range names {
		ctx, w := personalWrite(n, idA, int64(i+1))
		record(t, ctx, r, w, applied(idA, int64(i+2)))
		c.Advance(30 * day)
	}
	return names
}

func TestPurgePersonalData(t *testing.T) {
	t.Parallel()
	r, sink, c := fileRecorder(t)
	names := history(t, r, c) // now: 30 days after the newest write

	rep, err := r.Purge(context.Background(), audit.Retention{})
	require.NoError(t, err)
	assert.False(t, rep.Recorded, "no policy, nothing culled")

	rep, err = r.Purge(context.Background(), audit.Retention{PersonalDays: 45})
	require.NoError(t, err)
	assert.True(t, rep.Recorded)
	assert.Equal(t, 2, rep.RemovedPersonal)
	assert.Zero(t, rep.RemovedEntries)

	raw := readFile(t, sink.Path()) + readFile(t, sink.PersonalPath())
	for _, n := range names[:2] {
		assert.NotContains(t, raw, n, "removed personal data are nowhere in the files")
		assert.NotContains(t, raw, "id-"+n)
	}
	assert.Contains(t, raw, names[2])

	vr, err := r.Verify(context.Background(), nil)
	require.NoError(t, err)
	assert.False(t, vr.Unfinished)
	recs := collect(t, r, nil)
	require.Len(t, recs, 3)
	for i, rec := range recs {
		if i < 2 {
			assert.Equal(t, audit.PersonalRemoved, rec.Personal)
			assert.Zero(t, rec.Actor)
			assert.Empty(t, rec.Comment)
			assert.Empty(t, rec.Objects[0].Geometries[0].Surveyor)
			assert.Equal(t, 0.03, rec.Objects[0].Geometries[0].AccuracyPlan, "the rest of the record stays")
			assert.Equal(t, audit.ResultApplied, rec.Result())
		} else {
			assert.Equal(t, audit.PersonalHeld, rec.Personal)
			assert.Equal(t, names[2], rec.Actor.Name)
		}
	}
	assert.Empty(t, collect(t, r, &audit.Query{ActorID: "id-" + names[0]}), "a removed actor cannot be found")

	// Idempotent: the same policy again changes nothing.
	before := readFile(t, sink.Path()) + readFile(t, sink.PersonalPath())
	rep, err = r.Purge(context.Background(), audit.Retention{PersonalDays: 45})
	require.NoError(t, err)
	assert.False(t, rep.Recorded)
	assert.Zero(t, rep.RemovedPersonal)
	assert.Equal(t, before, readFile(t, sink.Path())+readFile(t, sink.PersonalPath()))
}

func TestPurgeRecords(t *testing.T) {
	t.Parallel()
	r, sink, c := fileRecorder(t)
	names := history(t, r, c)
	early, err := r.Head(context.Background())
	require.NoError(t, err)
	c.Advance(365 * day)
	// A write whose intent is old but whose outcome came late must stay
	// whole: it blocks the cut at its intent.
	ctx, w := personalWrite("Delta Dahl", idB, 1)
	p, err := r.Intend(ctx, w)
	require.NoError(t, err)
	c.Advance(400 * day)
	require.NoError(t, p.Settle(ctx, applied(idB, 2)))
	late, err := r.Head(context.Background())
	require.NoError(t, err)

	before := readFile(t, sink.Path()) + readFile(t, sink.PersonalPath())
	plan, err := r.PlanPurge(context.Background(), audit.Retention{RecordYears: 1})
	require.NoError(t, err)
	assert.Equal(t, before, readFile(t, sink.Path())+readFile(t, sink.PersonalPath()), "a dry run changes nothing")

	rep, err := r.Purge(context.Background(), audit.Retention{RecordYears: 1})
	require.NoError(t, err)
	assert.Equal(t, plan, rep, "the dry run said what the purge did")
	assert.True(t, rep.Recorded)
	assert.Equal(t, 6, rep.RemovedEntries, "three records of two entries each")
	assert.Equal(t, uint64(6), rep.Through)
	assert.Equal(t, 3, rep.RemovedPersonal)

	raw := readFile(t, sink.Path()) + readFile(t, sink.PersonalPath())
	for _, n := range names {
		assert.NotContains(t, raw, n)
	}
	vr, err := r.Verify(context.Background(), &audit.VerifyOptions{Anchors: []audit.Head{early, late}})
	require.NoError(t, err, "the purge record lets verification start after the cut; %v", vr)
	assert.Equal(t, uint64(7), vr.First)
	assert.Equal(t, uint64(6), vr.PurgedThrough)
	recs := collect(t, r, nil)
	require.Len(t, recs, 1)
	assert.Equal(t, "Delta Dahl", recs[0].Actor.Name)
	assert.Equal(t, audit.ResultApplied, recs[0].Result())

	rep, err = r.Purge(context.Background(), audit.Retention{RecordYears: 1})
	require.NoError(t, err)
	assert.False(t, rep.Recorded)
}

// A purge interrupted after its purge record was written, or after the
// personal file was replaced but not the chain file, is verifiable as it
// stands and finished by the next Purge.
func TestInterruptedPurgeIsFinished(t *testing.T) {
	t.Parallel()
	for _, stage := range []string{"purge record written", "personal file replaced"} {
		t.Run(stage, func(t *testing.T) {
			t.Parallel()
			r, sink, c := fileRecorder(t)
			names := history(t, r, c)
			c.Advance(800 * day)
			ctx, w := personalWrite("Delta Dahl", idB, 1)
			record(t, ctx, r, w, applied(idB, 2))
			chain0 := readFile(t, sink.Path())
			_, err := r.Purge(context.Background(), audit.Retention{RecordYears: 2, PersonalDays: 10})
			require.NoError(t, err)
			chain1, personal1 := readFile(t, sink.Path()), readFile(t, sink.PersonalPath())
			purgeLine := chain1[len(chain1)-len(lastLine(chain1)):]

			// Put the files back as a crash would have left them.
			require.NoError(t, os.WriteFile(sink.Path(), []byte(chain0+purgeLine), 0o600))
			if stage == "personal file replaced" {
				require.NoError(t, os.WriteFile(sink.PersonalPath(), []byte(personal1), 0o600))
			}
			vr, err := r.Verify(context.Background(), nil)
			require.NoError(t, err)
			assert.True(t, vr.Unfinished)

			rep, err := r.Purge(context.Background(), audit.Retention{RecordYears: 2, PersonalDays: 10})
			require.NoError(t, err)
			assert.False(t, rep.Recorded, "the purge was recorded once")
			assert.Equal(t, chain1, readFile(t, sink.Path()))
			assert.Equal(t, personal1, readFile(t, sink.PersonalPath()))
			for _, n := range names {
				assert.NotContains(t, readFile(t, sink.PersonalPath()), n)
			}
			vr, err = r.Verify(context.Background(), nil)
			require.NoError(t, err)
			assert.False(t, vr.Unfinished)
		})
	}
}

func lastLine(s string) string {
	i := len(s) - 2
	for i >= 0 && s[i] != '\n' {
		i--
	}
	return s[i+1:]
}

func TestPurgeRefusesATamperedChain(t *testing.T) {
	t.Parallel()
	r, sink, c := fileRecorder(t)
	history(t, r, c)
	raw := readFile(t, sink.Path())
	require.NoError(t, os.WriteFile(sink.Path(), []byte(raw[:10]+"X"+raw[11:]), 0o600))
	_, err := r.Purge(context.Background(), audit.Retention{PersonalDays: 1})
	require.ErrorIs(t, err, audit.ErrTampered)
	assert.Equal(t, raw[:10]+"X"+raw[11:], readFile(t, sink.Path()), "nothing culled")
}

func TestPurgeRefusesNegativePeriods(t *testing.T) {
	t.Parallel()
	r, _, _ := fileRecorder(t)
	_, err := r.Purge(context.Background(), audit.Retention{PersonalDays: -1})
	require.Error(t, err)
}
