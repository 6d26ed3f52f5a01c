package audit

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
)

// The hook flow as bal drives it: record the intent, send, settle with the
// client's result, each typed error reduced to its status, code and
// whether the write may have been applied.
func TestHookRecordsWhatTheClientReports(t *testing.T) {
	t.Parallel()
	id := bal.MustParseObjectID("39722cbb-f8b9-404b-a045-c5e6175f1001")
	validFrom := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	conflict := &bal.Error{StatusCode: 409, Code: "BAL-0409", RequestID: "r2", Attempts: 1, Err: bal.ErrConflict}
	tests := []struct {
		name   string
		res    *bal.WriteResult
		want   Result
		status int
		code   string
		req    string
	}{
		{"receipt", &bal.WriteResult{Receipts: []bal.Receipt{{ID: id, Version: 4, ValidFrom: validFrom, RequestID: "r1", Attempts: 2}}}, ResultApplied, 0, "", "r1"},
		{"conflict", &bal.WriteResult{Err: &bal.ConflictError{Err: conflict, Current: 5}}, ResultRefused, 409, "BAL-0409", "r2"},
		{"wrapped conflict", &bal.WriteResult{Err: fmt.Errorf("building.Update: %w", &bal.ConflictError{Err: &bal.Error{StatusCode: 409, Code: "BAL-0409-IDEM"}})}, ResultRefused, 409, "BAL-0409-IDEM", ""},
		{"transaction member refused", &bal.WriteResult{Err: &bal.TransactionError{Index: 1, Err: &bal.Error{StatusCode: 400, Code: "BAL-3015", RequestID: "r3"}}}, ResultRefused, 400, "BAL-3015", "r3"},
		{"rate limited", &bal.WriteResult{Err: &bal.RateLimitError{Err: &bal.Error{StatusCode: 429}}}, ResultRefused, 429, "", ""},
		{"unavailable after retries", &bal.WriteResult{Err: &bal.Error{StatusCode: 503, Attempts: 4}}, ResultUncertain, 503, "", ""},
		{"network", &bal.WriteResult{Err: &bal.Error{Err: errors.New("connection reset")}}, ResultUncertain, 0, "", ""},
		{"unreadable answer", &bal.WriteResult{Err: &bal.Error{StatusCode: 200, Err: bal.ErrInvalidResponse}}, ResultUncertain, 200, "", ""},
		{"token not renewed", &bal.WriteResult{Err: &bal.AuthError{StatusCode: 401, Code: "invalid_client"}}, ResultUncertain, 401, "invalid_client", ""},
		{"cancelled", &bal.WriteResult{Err: fmt.Errorf("bal: x: %w", context.Canceled)}, ResultUncertain, 0, "", ""},
		{"no result", nil, ResultUncertain, 0, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := New(&memSink{}, &Options{Key: fixtureKey})
			require.NoError(t, err)
			h := r.Hook()
			ctx := WithActor(context.Background(), Actor{ID: "anna.s"})
			at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
			acc := 0.01
			act := bal.Action{Type: "Ändrad byggnadsinformation", Responsible: "2180"}
			settle, err := h.RecordWrite(ctx, &bal.Write{
				Operation: "building.Buildings.Update", IdempotencyKey: "k", Action: act,
				Objects: []bal.WriteObject{{Kind: bal.WriteUpdate, Type: bal.ObjectTypeBuilding, ID: id.String(), Version: 3, Action: act,
					Geometries: []bal.WriteGeometry{{PlanAccuracy: &acc, Metadata: &geometry.Metadata{
						SurveyedAt: &at, Uncertain: geometry.UncertainHidden, Surveyor: "Erik",
						PlanMethod: &geometry.PositioningMethod{Type: geometry.MethodGeodeticSurvey, Variant: "GNSS, nätverks-RTK"},
					}}}}},
			})
			require.NoError(t, err)
			require.NoError(t, settle(ctx, tc.res))
			var recs []*Record
			for rec, err := range r.Records(ctx, nil) {
				require.NoError(t, err)
				recs = append(recs, rec)
			}
			require.Len(t, recs, 1)
			rec := recs[0]
			o := rec.Outcome
			assert.Equal(t, tc.want, o.Result)
			assert.Equal(t, tc.status, o.HTTPStatus)
			assert.Equal(t, tc.code, o.Code)
			assert.Equal(t, tc.req, o.RequestID)
			obj := rec.Objects[0]
			assert.Equal(t, "update", obj.Change)
			assert.Equal(t, int64(3), obj.VersionBefore)
			assert.Equal(t, "Ändrad byggnadsinformation", obj.Action.Type)
			require.Len(t, obj.Geometries, 1)
			g := obj.Geometries[0]
			assert.Equal(t, GeometryMetadata{MethodPlan: Method{Type: "geodetisk detaljmätning", Variant: "GNSS, nätverks-RTK"},
				AccuracyPlan: 0.01, SurveyedAt: at, Uncertain: "skymt läge vid inmätning", Surveyor: "Erik"}, g)
			if tc.want == ResultApplied {
				assert.Equal(t, int64(4), obj.VersionAfter)
				assert.Equal(t, validFrom, obj.ValidFrom)
				assert.Equal(t, 2, o.Attempts)
			}
		})
	}
}

func TestHookRefusesWhatCannotBeRecorded(t *testing.T) {
	t.Parallel()
	r, err := New(&memSink{}, &Options{Key: fixtureKey})
	require.NoError(t, err)
	settle, err := r.Hook().RecordWrite(context.Background(), &bal.Write{Operation: "x", Objects: []bal.WriteObject{{Type: bal.ObjectTypeBuilding}}})
	require.ErrorIs(t, err, ErrNoActor, "no actor: the client must not send")
	assert.Nil(t, settle)
}
