package audit_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/audit"
)

func TestReconcile(t *testing.T) {
	t.Parallel()
	const (
		idC = "0a8e6f7d-3c2b-4a19-8e7f-6d5c4b3a2910"
		idD = "1b9f7e8d-4d3c-4b2a-9f8e-7e6d5c4b3a21"
	)
	server := map[string]int64{idA: 4, idB: 1, idC: 1} // idD does not exist
	current := func(_ context.Context, typ, id string) (int64, error) {
		if typ != "Byggnad" {
			return 0, errors.New("unexpected type " + typ)
		}
		return server[id], nil
	}
	r, _, c := fileRecorder(t)
	ctx := asOfficial()
	create := func(id, key string) *audit.Write {
		return &audit.Write{Operation: "building.Create", IdempotencyKey: key,
			Objects: []audit.WriteObject{{Change: "create", Type: "Byggnad", ID: id}}}
	}
	tx := &audit.Write{Operation: "Transaction.Commit", IdempotencyKey: "tx", Objects: []audit.WriteObject{
		{Change: "update", Type: "Byggnad", ID: idA, Version: 3}, // moved on
		{Change: "update", Type: "Byggnad", ID: idB, Version: 1}, // did not
	}}
	tests := []struct {
		name   string
		w      *audit.Write
		answer *audit.Answer
		want   audit.Result
	}{
		{"update, now past its version", buildingUpdate(idA, 3, "k1"), nil, audit.ResultApplied},
		{"update, still at its version", buildingUpdate(idB, 1, "k2"), nil, audit.ResultNotApplied},
		{"update after a 503", buildingUpdate(idA, 3, "k3"), &audit.Answer{Failure: &audit.Failure{HTTPStatus: 503, Uncertain: true}}, audit.ResultApplied},
		{"create, exists", create(idC, "k4"), nil, audit.ResultApplied},
		{"create, does not exist", create(idD, "k5"), nil, audit.ResultNotApplied},
		{"create, id from the server", create("", "k6"), nil, audit.ResultUncertain},
		{"transaction, members disagree", tx, nil, audit.ResultUncertain},
		{"refused: left alone", buildingUpdate(idB, 1, "k7"), &audit.Answer{Failure: &audit.Failure{HTTPStatus: 409}}, audit.ResultRefused},
		{"applied: left alone", buildingUpdate(idB, 0, "k8"), applied(idB, 1), audit.ResultApplied},
	}
	for _, tc := range tests {
		record(t, ctx, r, tc.w, tc.answer)
	}
	c.Advance(time.Hour)
	recent := record(t, ctx, r, buildingUpdate(idB, 1, "k9"), nil) // may still be in flight

	rep, err := r.Reconcile(context.Background(), current, nil)
	require.NoError(t, err)
	assert.Equal(t, audit.ReconcileReport{Checked: 7, Applied: 3, NotApplied: 2, Undetermined: 2, Skipped: 1}, *rep)

	recs := collect(t, r, nil)
	require.Len(t, recs, len(tests)+1)
	for i, tc := range tests {
		assert.Equal(t, tc.want, recs[i].Result(), tc.name)
		if tc.answer == nil || tc.answer.Failure != nil && tc.answer.Failure.Uncertain {
			assert.True(t, recs[i].Outcome.Reconciled, tc.name)
		}
	}
	assert.Equal(t, int64(4), recs[0].Objects[0].VersionAfter, "the version observed")
	assert.Equal(t, recent, recs[len(tests)].Seq)
	assert.Equal(t, audit.ResultUnknown, recs[len(tests)].Result())

	// Each record is reconciled once.
	rep, err = r.Reconcile(context.Background(), current, &audit.ReconcileOptions{OlderThan: time.Nanosecond})
	require.NoError(t, err)
	assert.Equal(t, audit.ReconcileReport{Checked: 1, NotApplied: 1}, *rep, "only the recent one is left")

	// A direct answer, when the caller repeats the write with its key,
	// replaces a reconciled outcome.
	record(t, ctx, r, create("", "k6"), &audit.Answer{Receipts: []audit.Receipt{{ID: idD, Version: 1}}})
	recs = collect(t, r, nil)
	assert.Equal(t, audit.ResultApplied, recs[5].Result())
	assert.False(t, recs[5].Outcome.Reconciled)
	assert.Equal(t, idD, recs[5].Objects[0].ID, "the id the server assigned")
}

func TestReconcileStopsOnLookupError(t *testing.T) {
	t.Parallel()
	r, _, c := fileRecorder(t)
	record(t, asOfficial(), r, buildingUpdate(idA, 3, "k1"), nil)
	c.Advance(time.Hour)
	boom := errors.New("server down")
	_, err := r.Reconcile(context.Background(), func(context.Context, string, string) (int64, error) { return 0, boom }, nil)
	require.ErrorIs(t, err, boom)
	assert.Equal(t, audit.ResultUnknown, collect(t, r, nil)[0].Result(), "nothing recorded on a failed lookup")
	_, err = r.Reconcile(context.Background(), nil, nil)
	require.Error(t, err)
}
