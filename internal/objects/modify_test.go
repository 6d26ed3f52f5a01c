package objects_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/updatetest"
)

// lmEdits makes "Lantmäteriet" change the building's name list, as its own
// maintenance would, leaving the caller's copy stale.
func lmEdits(t *testing.T, e *updatetest.Env, id bal.ObjectID, name string) {
	t.Helper()
	_, err := e.Server.EditBuilding(id, func(b *building.Building) {
		b.Names = append(b.Names, building.Name{Text: name, Type: building.NameMainTopographic})
	})
	require.NoError(t, err)
}

func names(b *building.Building) []string {
	var out []string
	for _, n := range b.Names {
		out = append(out, n.Text)
	}
	return out
}

func TestVersionConflict(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	bs := e.Buildings.Buildings
	newBuilding := func(t *testing.T) bal.ObjectID {
		r, err := bs.Create(ctx, e.Building(), e.Action(building.ActionPermitApproved))
		require.NoError(t, err)
		return r.ID
	}
	extend := func(b *building.Building) error { b.ExtensionYear = 2031; return nil }

	t.Run("stale update is a conflict with the current version", func(t *testing.T) {
		t.Parallel()
		id := newBuilding(t)
		mine, err := bs.Get(ctx, id, nil)
		require.NoError(t, err)
		lmEdits(t, e, id, "Lantmäteriets namn")
		require.NoError(t, extend(mine))
		_, err = bs.Update(ctx, mine, e.Action(building.ActionBuildingChanged))
		var ce *bal.ConflictError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, bal.Version(2), ce.Current)
		assert.Equal(t, "BAL-0409", ce.Err.Code)
		assert.ErrorIs(t, err, bal.ErrConflict)
	})

	t.Run("Modify re-reads and keeps both changes", func(t *testing.T) {
		t.Parallel()
		id := newBuilding(t)
		calls := 0
		r, err := bs.Modify(ctx, id, func(b *building.Building) error {
			calls++
			if calls == 1 {
				// Lantmäteriet changes the building between our read and
				// our write: the first round meets 409.
				lmEdits(t, e, id, "Ändrad under tiden")
			}
			return extend(b)
		}, e.Action(building.ActionBuildingChanged), nil)
		require.NoError(t, err)
		assert.Equal(t, 2, calls, "the change is re-applied to the version read again")
		assert.Equal(t, bal.Version(3), r.Version)
		got, err := bs.Get(ctx, id, nil)
		require.NoError(t, err)
		assert.Equal(t, 2031, got.ExtensionYear, "our change")
		assert.Contains(t, names(got), "Ändrad under tiden", "Lantmäteriet's change survives")
	})

	t.Run("Modify gives up after the attempts allowed", func(t *testing.T) {
		t.Parallel()
		for _, tt := range []struct {
			opts *bal.ModifyOptions
			want int
		}{{nil, bal.DefaultModifyAttempts}, {&bal.ModifyOptions{MaxAttempts: 5}, 5}} {
			id := newBuilding(t)
			calls := 0
			_, err := bs.Modify(ctx, id, func(b *building.Building) error {
				calls++
				lmEdits(t, e, id, "Igen")
				return extend(b)
			}, e.Action(building.ActionBuildingChanged), tt.opts)
			var ce *bal.ConflictError
			require.ErrorAs(t, err, &ce)
			assert.ErrorIs(t, err, bal.ErrConflict)
			assert.Equal(t, tt.want, calls)
		}
	})

	t.Run("Modify returns the change's own error and sends nothing", func(t *testing.T) {
		t.Parallel()
		id := newBuilding(t)
		stop := errors.New("not today")
		writes := len(e.Writes(id.String()))
		_, err := bs.Modify(ctx, id, func(*building.Building) error { return stop }, e.Action(building.ActionBuildingChanged), nil)
		assert.ErrorIs(t, err, stop)
		assert.Len(t, e.Writes(id.String()), writes)
	})

	t.Run("Modify of an unknown object", func(t *testing.T) {
		t.Parallel()
		_, err := bs.Modify(ctx, bal.NewObjectID(), extend, e.Action(building.ActionBuildingChanged), nil)
		assert.ErrorIs(t, err, bal.ErrNotFound)
	})

	t.Run("each round has its own idempotency key, derived from the caller's", func(t *testing.T) {
		t.Parallel()
		id := newBuilding(t)
		calls := 0
		key := bal.NewObjectID().String()
		_, err := bs.Modify(bal.WithIdempotencyKey(ctx, key), id, func(b *building.Building) error {
			if calls++; calls == 1 {
				lmEdits(t, e, id, "Mellan")
			}
			return extend(b)
		}, e.Action(building.ActionBuildingChanged), nil)
		require.NoError(t, err)
		var keys []string
		for _, r := range e.Writes(id.String()) {
			if r.Method == "PUT" {
				keys = append(keys, r.IdempotencyKey)
			}
		}
		require.Len(t, keys, 2)
		assert.Equal(t, key, keys[0])
		assert.NotEqual(t, keys[0], keys[1])
	})

	t.Run("an address area changed by Lantmäteriet", func(t *testing.T) {
		t.Parallel()
		ar := e.Addresses.Areas
		d, err := e.Addresses.Districts.Create(ctx, e.District(), e.Action(address.ActionNew))
		require.NoError(t, err)
		created, err := ar.Create(ctx, e.Area(d.ID, address.AreaTypeStreet), e.Action(address.ActionNew))
		require.NoError(t, err)
		calls := 0
		_, err = ar.Modify(ctx, created.ID, func(a *address.Area) error {
			if calls++; calls == 1 {
				o, ok := baltest.Get[address.Area](e.Server, created.ID)
				require.True(t, ok)
				o.PlaceID = "lm-ortid"
				_, err := baltest.Put(e.Server, o, bal.Action{Type: address.ActionChanged, Responsible: e.Kommunkod})
				require.NoError(t, err)
			}
			a.Name = "Nya vägen"
			return nil
		}, e.Action(address.ActionChanged), nil)
		require.NoError(t, err)
		got, err := ar.Get(ctx, created.ID, nil)
		require.NoError(t, err)
		assert.Equal(t, "Nya vägen", got.Name)
		assert.Equal(t, "lm-ortid", got.PlaceID)
		assert.Equal(t, bal.Version(3), got.Version)
	})
}
