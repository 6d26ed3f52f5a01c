package building_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/updatetest"
)

// newHouse adds a new building with an address point, an entrance at it
// and two apartments to tx; the members refer to each other by the ids
// AddCreate assigns.
func newHouse(t *testing.T, e *updatetest.Env, tx *bal.Transaction, area bal.ObjectID, number int) []bal.ObjectID {
	t.Helper()
	b, p := e.Building(), e.Point(area, number)
	require.NoError(t, e.Buildings.Buildings.AddCreate(tx, b, e.Action(building.ActionPermitApproved)))
	require.NoError(t, e.Addresses.Points.AddCreate(tx, p, e.Action(address.ActionNew)))
	en := e.Entrance(b.ID, p.ID)
	require.NoError(t, e.Buildings.Entrances.AddCreate(tx, en, e.Action(building.ActionNewEntrance)))
	a1, a2 := e.Apartment(en.ID, "1001"), e.Apartment(en.ID, "1002")
	require.NoError(t, e.Buildings.Apartments.AddCreate(tx, a1, e.Action(building.ActionNewApartment)))
	require.NoError(t, e.Buildings.Apartments.AddCreate(tx, a2, e.Action(building.ActionNewApartment)))
	return []bal.ObjectID{b.ID, p.ID, en.ID, a1.ID, a2.ID}
}

// stateCounts is how many objects of each type the server holds, and how
// long its change feed is.
func stateCounts(e *updatetest.Env) map[string]int {
	m := map[string]int{"feed": len(e.Server.Changes())}
	for _, typ := range bal.Codes[bal.ObjectType]() {
		if typ.Updatable() {
			m[string(typ)] = e.Server.Count(typ)
		}
	}
	return m
}

func TestTransaction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("a new house in one transaction", func(t *testing.T) {
		t.Parallel()
		e := updatetest.New(t)
		area := e.Street(ctx, t)
		tx := e.Client.NewTransaction()
		ids := newHouse(t, e, tx, area, 3)
		require.Equal(t, 5, tx.Len())
		assert.Equal(t, []bal.ObjectType{bal.ObjectTypeBuilding, bal.ObjectTypeAddressPoint, bal.ObjectTypeEntrance,
			bal.ObjectTypeApartment, bal.ObjectTypeApartment}, types(tx.Objects()))

		receipts, err := tx.Commit(ctx)
		require.NoError(t, err)
		require.Len(t, receipts, 5)
		for i, r := range receipts {
			assert.Equal(t, ids[i], r.ID, "receipt %d is the member's", i)
			assert.Equal(t, bal.Version(1), r.Version)
			assert.NotEmpty(t, r.RequestID)
		}
		en, err := e.Buildings.Entrances.ByBuilding(ctx, ids[0])
		require.NoError(t, err)
		require.Len(t, en, 1)
		assert.Equal(t, ids[2], en[0].ID)
		assert.Equal(t, ids[1], en[0].Address.ID)
		assert.NotEmpty(t, en[0].Address.Label, "the server labels the address")

		_, err = tx.Commit(ctx)
		assert.ErrorIs(t, err, bal.ErrCommitted)
		assert.ErrorIs(t, e.Buildings.Buildings.AddCreate(tx, e.Building(), e.Action(building.ActionPermitApproved)), bal.ErrCommitted)
	})

	t.Run("creates, changes and retirements across types", func(t *testing.T) {
		t.Parallel()
		e := updatetest.New(t)
		area := e.Street(ctx, t)
		first := e.Client.NewTransaction()
		ids := newHouse(t, e, first, area, 4)
		_, err := first.Commit(ctx)
		require.NoError(t, err)

		b, err := e.Buildings.Buildings.Get(ctx, ids[0], nil)
		require.NoError(t, err)
		b.Status = bal.StatusValid
		tx := e.Client.NewTransaction()
		require.NoError(t, e.Buildings.Buildings.AddUpdate(tx, b, e.Action(building.ActionCompleted)))
		require.NoError(t, e.Buildings.Apartments.AddRetire(tx, ids[4], 1, e.Action(building.ActionApartmentMerged)))
		p := e.Point(area, 5)
		require.NoError(t, e.Addresses.Points.AddCreate(tx, p, e.Action(address.ActionNew)))
		receipts, err := tx.Commit(ctx)
		require.NoError(t, err)
		require.Len(t, receipts, 3)
		assert.Equal(t, bal.Version(2), receipts[0].Version)
		assert.Equal(t, bal.Version(2), receipts[1].Version)
		assert.Equal(t, p.ID, receipts[2].ID)
		gone, err := e.Buildings.Apartments.Get(ctx, ids[4], nil)
		require.NoError(t, err)
		assert.Equal(t, bal.StatusRetired, gone.Status)
	})

	t.Run("members are validated when added", func(t *testing.T) {
		t.Parallel()
		e := updatetest.New(t)
		tx := e.Client.NewTransaction()
		err := e.Buildings.Apartments.AddCreate(tx, e.Apartment(bal.NewObjectID(), "12"), e.Action(building.ActionNewApartment))
		var v *bal.ValidationError
		require.ErrorAs(t, err, &v)
		assert.True(t, v.Has("Number", bal.RuleFormat))
		assert.ErrorIs(t, e.Addresses.Points.AddRetire(tx, bal.NewObjectID(), 1, e.Action(building.ActionDemolished)), bal.ErrValidation)
		assert.Zero(t, tx.Len())
		_, err = tx.Commit(ctx)
		assert.ErrorIs(t, err, bal.ErrValidation, "an empty transaction is not sent")
		assert.Empty(t, e.Writes("/transaktion"))
	})

	t.Run("a refused member leaves no partial state", func(t *testing.T) {
		t.Parallel()
		e := updatetest.New(t)
		area := e.Street(ctx, t)
		seed := e.Client.NewTransaction()
		existing := newHouse(t, e, seed, area, 6)
		_, err := seed.Commit(ctx)
		require.NoError(t, err)
		stale, err := e.Buildings.Buildings.Get(ctx, existing[0], nil)
		require.NoError(t, err)
		_, err = e.Server.EditBuilding(existing[0], nil)
		require.NoError(t, err)

		tests := []struct {
			name    string
			refused func(tx *bal.Transaction) bal.ObjectID
			code    string
		}{
			{"apartment at an entrance that does not exist (BAL-2003)", func(tx *bal.Transaction) bal.ObjectID {
				a := e.Apartment(bal.NewObjectID(), "1001")
				require.NoError(t, e.Buildings.Apartments.AddCreate(tx, a, e.Action(building.ActionNewApartment)))
				return a.ID
			}, "BAL-2003"},
			{"address already used in the area (BAL-2001)", func(tx *bal.Transaction) bal.ObjectID {
				p := e.Point(area, 6)
				require.NoError(t, e.Addresses.Points.AddCreate(tx, p, e.Action(address.ActionNew)))
				return p.ID
			}, "BAL-2001"},
			{"change based on a stale version (BAL-0409)", func(tx *bal.Transaction) bal.ObjectID {
				require.NoError(t, e.Buildings.Buildings.AddUpdate(tx, stale, e.Action(building.ActionBuildingChanged)))
				return stale.ID
			}, "BAL-0409"},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := stateCounts(e)
				tx := e.Client.NewTransaction()
				newHouse(t, e, tx, area, 100+i)
				refused := tt.refused(tx)
				// A member after the refused one.
				require.NoError(t, e.Addresses.Points.AddCreate(tx, e.Point(area, 200+i), e.Action(address.ActionNew)))

				_, err := tx.Commit(ctx)
				var te *bal.TransactionError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, 5, te.Index, "the sixth member was refused")
				assert.Equal(t, refused, te.Object.ID)
				var be *bal.Error
				require.ErrorAs(t, err, &be)
				assert.Equal(t, tt.code, be.Code)
				assert.Equal(t, before, stateCounts(e), "nothing of the transaction was applied")
				for _, ref := range tx.Objects()[:5] {
					_, ok := e.Server.Meta(ref)
					assert.False(t, ok, "%s does not exist", ref)
				}
			})
		}
	})

	t.Run("commit again after an unknown outcome applies once", func(t *testing.T) {
		t.Parallel()
		e := updatetest.New(t)
		area := e.Street(ctx, t)
		// One attempt per call, and every answer lost while the fault is
		// in: the caller is left not knowing whether it was applied.
		c := e.Server.Client(func(cfg *bal.Config) { cfg.Retry.MaxAttempts = 1 })
		defer c.CloseIdleConnections()
		tx := c.NewTransaction()
		ids := newHouse(t, e, tx, area, 8)
		remove := e.Server.Inject(baltest.FaultRule{Name: "lost answer", PathPrefix: e.Server.UpdatePath() + "/transaktion",
			Kind: baltest.FaultResetAfterApply})
		before := stateCounts(e)

		_, err := tx.Commit(ctx)
		require.ErrorIs(t, err, bal.ErrUnavailable, "the answer was lost")
		assert.Positive(t, e.Server.FaultsFired("lost answer"))
		remove()
		_, ok := baltest.Get[building.Building](e.Server, ids[0])
		require.True(t, ok, "yet the server applied the transaction")

		receipts, err := tx.Commit(ctx)
		require.NoError(t, err, "the same idempotency key gets the original receipts")
		require.Len(t, receipts, 5)
		assert.Equal(t, ids[0], receipts[0].ID)
		after := stateCounts(e)
		assert.Equal(t, before["Byggnad"]+1, after["Byggnad"], "applied once")
		assert.Equal(t, before["Lagenhet"]+2, after["Lagenhet"], "applied once")
		assert.Equal(t, before["feed"]+5, after["feed"], "five changes in the feed, not ten")
	})
}

func types(refs []bal.ObjectRef) []bal.ObjectType {
	out := make([]bal.ObjectType, len(refs))
	for i, r := range refs {
		out[i] = r.Type
	}
	return out
}
