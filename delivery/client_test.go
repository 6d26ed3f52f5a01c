package delivery_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/delivery"
)

func TestOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 0, 1000)
	o, err := f.dc.Order(t.Context(), f.order)
	require.NoError(t, err)
	assert.Equal(t, f.order, o.ID)
	assert.True(t, o.Subscription)
	assert.True(t, o.SupportsChanges)
	assert.Equal(t, "NEDLADDNING", o.ProductType)
	assert.Equal(t, "AKTIV", o.Status)
	assert.True(t, o.Created.Equal(start), "%v", o.Created)

	_, err = f.dc.Order(t.Context(), "00000000-0000-0000-0000-000000000000")
	assert.ErrorIs(t, err, bal.ErrNotFound, "an unknown order of an application that has orders")
	_, err = f.dc.Order(t.Context(), "")
	assert.ErrorIs(t, err, bal.ErrValidation)
}

// The order's deliveries from the first: 404 (ErrNoDelivery) before it,
// then PÅGÅENDE, LYCKAD after the build time, and a change delivery on top.
func TestDeliveryLifecycle(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 0, 1000)
	ctx := t.Context()
	_, err := f.dc.Latest(ctx, f.order)
	require.ErrorIs(t, err, delivery.ErrNoDelivery)
	assert.ErrorIs(t, err, bal.ErrNotFound)
	_, err = f.dc.List(ctx, f.order)
	require.ErrorIs(t, err, delivery.ErrNoDelivery)

	_, err = f.dc.Start(ctx, f.order, delivery.TypeChange)
	require.ErrorIs(t, err, bal.ErrValidation, "a change delivery needs a base one first")

	d, err := f.dc.Start(ctx, f.order, delivery.TypeBase)
	require.NoError(t, err)
	assert.Equal(t, delivery.StatusInProgress, d.Status)
	assert.Equal(t, delivery.TypeBase, d.Type)
	assert.True(t, d.Created.Equal(start))
	assert.True(t, d.Expires().Equal(start.Add(14*24*time.Hour)))

	_, err = f.dc.Start(ctx, f.order, delivery.TypeBase)
	require.ErrorIs(t, err, bal.ErrConflict, "one delivery at a time")

	done, err := f.dc.Wait(ctx, f.order, &delivery.WaitOptions{Clock: f.srv.Clock(), MinInterval: 10 * time.Second})
	require.NoError(t, err)
	assert.Equal(t, d.ID, done.ID)
	assert.Equal(t, delivery.StatusSucceeded, done.Status)
	assert.False(t, done.Updated.Before(start.Add(2*time.Minute)), "LYCKAD after the build time: %v", done.Updated)

	c, err := f.dc.Start(ctx, f.order, "forandring")
	require.NoError(t, err)
	assert.Equal(t, delivery.TypeChange, c.Type)
	assert.NotEqual(t, d.ID, c.ID)
}

func TestStartRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		order baltest.GeotorgetOrder
		typ   delivery.Type
		want  error
	}{
		{"unknown type", baltest.GeotorgetOrder{}, "HELA", bal.ErrValidation},
		{"one-off order", baltest.GeotorgetOrder{OneOff: true}, delivery.TypeBase, bal.ErrValidation},
		{"no change extracts", baltest.GeotorgetOrder{NoChanges: true}, delivery.TypeChange, bal.ErrValidation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, 0, 1000)
			id := f.srv.AddOrder(tt.order)
			_, err := f.dc.Start(t.Context(), id, tt.typ)
			require.ErrorIs(t, err, tt.want)
		})
	}
}

func TestWait(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		end    string // the status the server ends the delivery with
		max    time.Duration
		want   error
		status delivery.Status
	}{
		{name: "succeeds", status: delivery.StatusSucceeded},
		{name: "fails", end: "MISSLYCKAD", want: delivery.ErrFailed, status: delivery.StatusFailed},
		{name: "is cancelled", end: "MAKULERAD", want: delivery.ErrCancelled, status: delivery.StatusCancelled},
		{name: "takes too long", max: time.Minute, want: delivery.ErrWaitTimeout, status: delivery.StatusInProgress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, 0, 1000)
			_, err := f.srv.StartDelivery(f.order, "BAS")
			require.NoError(t, err)
			if tt.end != "" {
				require.NoError(t, f.srv.EndDelivery(f.order, tt.end))
			}
			d, err := f.dc.Wait(t.Context(), f.order, &delivery.WaitOptions{Clock: f.srv.Clock(), MaxDuration: tt.max})
			if tt.want == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tt.want)
			}
			require.NotNil(t, d)
			assert.Equal(t, tt.status, d.Status)
			var se *delivery.StatusError
			if errors.As(err, &se) {
				assert.Equal(t, d, se.Delivery)
				assert.Contains(t, se.Error(), string(tt.status))
			}
		})
	}
}

func TestWaitStopsWithTheContext(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 0, 1000)
	_, err := f.srv.StartDelivery(f.order, "BAS")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = f.dc.Wait(ctx, f.order, &delivery.WaitOptions{Clock: f.srv.Clock()})
	require.ErrorIs(t, err, context.Canceled)

	_, err = f.dc.Wait(t.Context(), f.order, &delivery.WaitOptions{MinInterval: -time.Second})
	require.ErrorIs(t, err, bal.ErrValidation)
}

// A change delivery holds what changed since the previous delivery: the
// manifest of the fake's temporary extract writer lists the deletes, and
// the parts hold the changed objects only.
func TestChangeDeliveryHoldsTheChanges(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 0, 1000)
	f.deliver(t, "BAS")
	base, err := f.srv.DeliveryFiles(f.order)
	require.NoError(t, err)
	b := f.srv.Dataset().Buildings[0]
	_, err = f.srv.EditBuilding(b.ID, func(b *building.Building) { b.HouseNumber = 42 })
	require.NoError(t, err)
	f.deliver(t, "FORANDRING")
	change, err := f.srv.DeliveryFiles(f.order)
	require.NoError(t, err)
	assert.Less(t, size(change), size(base)/10, "one changed building, not everything")
	dir := t.TempDir()
	res, err := f.dc.Download(t.Context(), f.order, dir, &delivery.DownloadOptions{Clock: f.srv.Clock()})
	require.NoError(t, err)
	assert.Equal(t, delivery.TypeChange, res.Delivery.Type)
	f.assertSameFiles(t, dir)
}

func size(fs []baltest.GeotorgetFile) int64 {
	var n int64
	for _, f := range fs {
		n += f.Size
	}
	return n
}
