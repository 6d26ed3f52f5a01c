package audit

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The hook flow as bal will drive it: record the intent, send, settle with
// the client's result.
func TestHookRecordsWhatTheClientReports(t *testing.T) {
	t.Parallel()
	const id = "39722cbb-f8b9-404b-a045-c5e6175f1001"
	validFrom := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		res    *hookResult
		want   Result
		status int
		code   string
		req    string
	}{
		{"receipt", &hookResult{Receipts: []*hookReceipt{{ID: id, Version: 4, ValidFrom: validFrom, RequestID: "r1", Attempts: 2}}}, ResultApplied, 0, "", "r1"},
		{"conflict", &hookResult{Err: &hookError{StatusCode: 409, Code: "BAL-0409", RequestID: "r2", Attempts: 1}}, ResultRefused, 409, "BAL-0409", "r2"},
		{"wrapped conflict", &hookResult{Err: fmt.Errorf("building.Update: %w", &hookError{StatusCode: 409, Code: "BAL-0409-IDEM"})}, ResultRefused, 409, "BAL-0409-IDEM", ""},
		{"rate limited", &hookResult{Err: &hookError{StatusCode: 429}}, ResultRefused, 429, "", ""},
		{"unavailable after retries", &hookResult{Err: &hookError{StatusCode: 503, Attempts: 4}}, ResultUncertain, 503, "", ""},
		{"network", &hookResult{Err: &hookError{Err: fmt.Errorf("connection reset")}}, ResultUncertain, 0, "", ""},
		{"unreadable answer", &hookResult{Err: &hookError{StatusCode: 200, Err: errHookInvalidResponse}}, ResultUncertain, 200, "", ""},
		{"cancelled", &hookResult{Err: context.Canceled}, ResultUncertain, 0, "", ""},
		{"no result", nil, ResultUncertain, 0, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := New(&memSink{}, &Options{Key: fixtureKey})
			require.NoError(t, err)
			var h hookRecorder = hook{r}
			ctx := WithActor(context.Background(), Actor{ID: "anna.s"})
			settle, err := h.RecordWrite(ctx, &hookWrite{
				Operation: "building.Update", IdempotencyKey: "k",
				Action:  hookAction{Type: "Ändring", Responsible: "2180", Order: 1},
				Objects: []hookObject{{Change: "update", Type: "Byggnad", ID: id, Version: 3, Geometry: &GeometryMetadata{AccuracyPlan: 0.01}}},
			})
			require.NoError(t, err)
			require.NoError(t, settle(ctx, tc.res))
			var recs []*Record
			for rec, err := range r.Records(ctx, nil) {
				require.NoError(t, err)
				recs = append(recs, rec)
			}
			require.Len(t, recs, 1)
			o := recs[0].Outcome
			assert.Equal(t, tc.want, o.Result)
			assert.Equal(t, tc.status, o.HTTPStatus)
			assert.Equal(t, tc.code, o.Code)
			assert.Equal(t, tc.req, o.RequestID)
			if tc.want == ResultApplied {
				assert.Equal(t, int64(4), recs[0].Objects[0].VersionAfter)
				assert.Equal(t, validFrom, recs[0].Objects[0].ValidFrom)
				assert.Equal(t, 2, o.Attempts)
			}
		})
	}
}

func TestHookRefusesWhatCannotBeRecorded(t *testing.T) {
	t.Parallel()
	r, err := New(&memSink{}, &Options{Key: fixtureKey})
	require.NoError(t, err)
	settle, err := hook{r}.RecordWrite(context.Background(), &hookWrite{Operation: "x", Objects: []hookObject{{Type: "Byggnad"}}})
	require.ErrorIs(t, err, ErrNoActor, "no actor: the client must not send")
	assert.Nil(t, settle)
}
