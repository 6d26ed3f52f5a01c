package audit_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/audit"
)

// hostileNumbers are personnummer and samordningsnummer in the shapes
// callers paste them.
var hostileNumbers = []string{"19811228-9874", "811228-9874", "8112289874", "701063-2391", "121212+1212"}

// hostileWrite puts n in every free field a caller fills.
func hostileWrite(n string) (context.Context, *audit.Write) {
	ctx := audit.WithActor(context.Background(), audit.Actor{ID: "handl-17", Name: "Anna " + n})
	w := buildingUpdate(idA, 3, "")
	w.Comment = "Enligt ägaren (" + n + ") är huset rivet"
	w.Operation = "building.Update " + n
	w.Action.Performer = "Konsult AB " + n
	w.Objects[0].Geometries[0].Surveyor = "Erik " + n
	w.Objects[0].Geometries[0].MethodPlan.Variant = "GNSS " + n
	return ctx, w
}

func TestHostileInputsNeverStoredInFiles(t *testing.T) {
	t.Parallel()
	for _, n := range hostileNumbers {
		t.Run(n, func(t *testing.T) {
			t.Parallel()
			r, sink, _ := fileRecorder(t)
			ctx, w := hostileWrite(n)
			p, err := r.Intend(ctx, w)
			require.NoError(t, err, "free text is masked, not refused")
			require.NoError(t, p.Settle(ctx, &audit.Answer{RequestID: "req " + n,
				Failure: &audit.Failure{HTTPStatus: 422, Code: "BAL-3015 " + n}}))

			for _, path := range []string{sink.Path(), sink.PersonalPath()} {
				raw, err := os.ReadFile(path)
				require.NoError(t, err)
				assertNoIdentityNumber(t, string(raw), n)
			}
			recs := collect(t, r, nil)
			require.Len(t, recs, 1)
			rec := recs[0]
			assert.Equal(t, "Anna [masked]", rec.Actor.Name)
			assert.Equal(t, "Enligt ägaren ([masked]) är huset rivet", rec.Comment)
			assert.Equal(t, "Erik [masked]", rec.Objects[0].Geometries[0].Surveyor)
			assert.Equal(t, "BAL-3015 [masked]", rec.Outcome.Code)

			// As an identifier (the actor's id, the idempotency key, an
			// object id) it is refused, since masked it would name something
			// else, and nothing is written.
			_, err = r.Intend(audit.WithActor(context.Background(), audit.Actor{ID: n}), buildingUpdate(idB, 1, "k2"))
			require.ErrorIs(t, err, audit.ErrIdentityNumber)
			_, err = r.Intend(asOfficial(), buildingUpdate(idB, 1, "key "+n))
			require.ErrorIs(t, err, audit.ErrIdentityNumber)
			_, err = r.Intend(asOfficial(), buildingUpdate(n, 1, "k3"))
			require.ErrorIs(t, err, audit.ErrIdentityNumber)
			assert.Len(t, collect(t, r, nil), 1)
		})
	}
}

// assertNoIdentityNumber checks that s holds neither n nor its digits in
// any spelling.
func assertNoIdentityNumber(t *testing.T, s, n string) {
	t.Helper()
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, n)
	assert.NotContains(t, s, n)
	assert.NotContains(t, s, digits)
	assert.False(t, audit.ContainsIdentityNumber(s))
}
