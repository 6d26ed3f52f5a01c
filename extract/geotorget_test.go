package extract_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/delivery"
	"github.com/tjanstebaserad/bal-go/extract"
)

// TestGeotorgetDelivery: a BAS delivery ordered, downloaded and read holds
// the fake's whole state and names its feed position; the FORANDRING after a
// change holds that object's delete and insert, and a later position.
func TestGeotorgetDelivery(t *testing.T) {
	t.Parallel()
	srv := baltest.NewServer(baltest.WithTime(time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)),
		baltest.WithData(gen.Config{Seed: 2, Buildings: 150}))
	t.Cleanup(srv.Close)
	order := srv.AddOrder(baltest.GeotorgetOrder{PartObjects: 300})
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	dc := delivery.New(c)
	ctx := context.Background()
	download := func(typ delivery.Type) *extract.Reader {
		t.Helper()
		_, err := dc.Start(ctx, order, typ)
		require.NoError(t, err)
		_, err = dc.Wait(ctx, order, &delivery.WaitOptions{Clock: srv.Clock()})
		require.NoError(t, err)
		dir := t.TempDir()
		_, err = dc.Download(ctx, order, dir, &delivery.DownloadOptions{Clock: srv.Clock()})
		require.NoError(t, err)
		x, err := extract.Open(dir, nil)
		require.NoError(t, err)
		t.Cleanup(func() { x.Close() })
		return x
	}

	x := download(delivery.TypeBase)
	m := x.Manifest()
	assert.Equal(t, extract.Base, m.Type)
	require.False(t, m.FeedPosition.IsZero())
	assert.Greater(t, len(m.Parts), 2)
	seen := map[bal.ObjectType]map[bal.ObjectID]bool{}
	for it, err := range x.Items(ctx) {
		require.NoError(t, err)
		require.Equal(t, extract.Insert, it.Kind)
		require.NotNil(t, it.Object())
		if seen[it.Type] == nil {
			seen[it.Type] = map[bal.ObjectID]bool{}
		}
		seen[it.Type][it.ID] = true
	}
	// As many of each type as the server holds, each one it holds: all of
	// them, once.
	for _, typ := range bal.Codes[bal.ObjectType]() {
		if !typ.Updatable() {
			continue
		}
		require.Len(t, seen[typ], srv.Count(typ), "%s", typ)
		for id := range seen[typ] {
			_, ok := srv.Meta(bal.ObjectRef{Type: typ, ID: id})
			assert.True(t, ok, "%s %s", typ, id)
		}
	}

	id := srv.Dataset().Buildings[0].ID
	_, err := srv.EditBuilding(id, func(b *building.Building) { b.HouseNumber = 7 })
	require.NoError(t, err)
	x = download(delivery.TypeChange)
	m2 := x.Manifest()
	assert.Equal(t, extract.Change, m2.Type)
	before, _ := strconv.Atoi(string(m.FeedPosition))
	after, _ := strconv.Atoi(string(m2.FeedPosition))
	assert.Greater(t, after, before)
	var got []extract.Item
	for it, err := range x.Items(ctx) {
		require.NoError(t, err)
		got = append(got, it)
	}
	require.Len(t, got, 2)
	assert.Equal(t, extract.Delete, got[0].Kind)
	assert.Equal(t, id, got[0].ID)
	assert.Equal(t, extract.Insert, got[1].Kind)
	require.NotNil(t, got[1].Building)
	assert.Equal(t, 7, got[1].Building.HouseNumber)
}
