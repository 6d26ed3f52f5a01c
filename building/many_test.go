package building_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
)

// geomEqual compares geometries by layout, SRID, structure and
// coordinates.
var geomEqual = cmp.Comparer(func(a, b geom.T) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Layout() == b.Layout() && a.SRID() == b.SRID() && slices.Equal(a.Ends(), b.Ends()) &&
		cmp.Equal(a.Endss(), b.Endss()) && slices.Equal(a.FlatCoords(), b.FlatCoords())
})

// TestFeedCarriesObjects: with WithObjects every change that is not a
// retirement carries the object, equal to what GET /{typ}/{id} answers.
func TestFeedCarriesObjects(t *testing.T) {
	t.Parallel()
	srv := baltest.NewServer(baltest.WithInitialFeed())
	t.Cleanup(srv.Close)
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	bc := building.New(c)
	ctx := t.Context()

	types := []bal.ObjectType{bal.ObjectTypeBuilding, bal.ObjectTypeEntrance, bal.ObjectTypeApartment}
	n := 0
	for ch, err := range c.Changes(ctx, "", &bal.ChangesOptions{Types: types, WithObjects: true, PageSize: 50}) {
		require.NoError(t, err)
		require.NotNil(t, ch.Body, "change %d", ch.Sequence)
		var got, want any
		switch ch.Object.Type {
		case bal.ObjectTypeBuilding:
			got, err = building.FromChange(ch)
			require.NoError(t, err)
			want, err = bc.Buildings.Get(ctx, ch.Object.ID, nil)
		case bal.ObjectTypeEntrance:
			got, err = building.EntranceFromChange(ch)
			require.NoError(t, err)
			want, err = bc.Entrances.Get(ctx, ch.Object.ID, nil)
		case bal.ObjectTypeApartment:
			got, err = building.ApartmentFromChange(ch)
			require.NoError(t, err)
			want, err = bc.Apartments.Get(ctx, ch.Object.ID, nil)
		}
		require.NoError(t, err)
		assert.Empty(t, cmp.Diff(want, got, geomEqual, cmpopts.EquateEmpty()))
		_, err = building.EntranceFromChange(ch)
		if ch.Object.Type != bal.ObjectTypeEntrance {
			assert.ErrorIs(t, err, bal.ErrNoBody, "a change of another type")
		}
		n++
	}
	assert.Equal(t, srv.Count(bal.ObjectTypeBuilding)+srv.Count(bal.ObjectTypeEntrance)+srv.Count(bal.ObjectTypeApartment), n)

	// Without the option no change carries one.
	for ch, err := range c.Changes(ctx, "", &bal.ChangesOptions{Types: types[:1], PageSize: 5}) {
		require.NoError(t, err)
		_, err := building.FromChange(ch)
		assert.ErrorIs(t, err, bal.ErrNoBody)
		break
	}
}

// TestRetiredChangeCarriesNoObject: the binding sends no object with
// Avregistrerad.
func TestRetiredChangeCarriesNoObject(t *testing.T) {
	t.Parallel()
	srv := baltest.NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	ctx := t.Context()
	from, err := c.LatestCheckpoint(ctx)
	require.NoError(t, err)
	id := srv.Dataset().Buildings[0].ID
	bc := building.New(c)
	b, err := bc.Buildings.Get(ctx, id, nil)
	require.NoError(t, err)
	_, err = bc.Buildings.Retire(ctx, b.ID, b.Version, bal.Action{Type: building.ActionDemolished, Responsible: srv.Kommunkod()})
	require.NoError(t, err)
	var kinds []bal.ChangeKind
	for ch, err := range c.Changes(ctx, from, &bal.ChangesOptions{WithObjects: true}) {
		require.NoError(t, err)
		kinds = append(kinds, ch.Kind)
		assert.Nil(t, ch.Body)
		_, err := building.FromChange(ch)
		assert.ErrorIs(t, err, bal.ErrNoBody)
	}
	assert.Equal(t, []bal.ChangeKind{bal.ChangeRetired}, kinds)
}

// TestGetMany: one result per id in the order asked, across batches of 250,
// unknown ids as ErrNotFound.
func TestGetMany(t *testing.T) {
	t.Parallel()
	srv := baltest.NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	bc := building.New(c)
	ctx := t.Context()

	var ids []bal.ObjectID
	for _, b := range srv.Dataset().Buildings {
		ids = append(ids, b.ID)
	}
	unknown := bal.ObjectID(uuid.New())
	ids = append([]bal.ObjectID{unknown}, ids...)
	for len(ids) < 300 { // two batches, ids repeated
		ids = append(ids, ids[1:min(len(ids), 301-len(ids))]...)
	}
	i := 0
	for b, err := range bc.Buildings.GetMany(ctx, ids) {
		if ids[i] == unknown {
			assert.True(t, errors.Is(err, bal.ErrNotFound), "unknown id: %v", err)
			assert.Nil(t, b)
		} else {
			require.NoError(t, err)
			assert.Equal(t, ids[i], b.ID)
			want, err := bc.Buildings.Get(ctx, ids[i], nil)
			require.NoError(t, err)
			assert.Empty(t, cmp.Diff(want, b, geomEqual, cmpopts.EquateEmpty()))
		}
		i++
	}
	assert.Equal(t, len(ids), i)
}
