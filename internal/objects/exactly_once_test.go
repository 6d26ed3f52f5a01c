package objects_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/updatetest"
)

// The faults of the exactly-once run, each on 7.5 % of the requests to the
// update services, 30 % together. A fault rule draws for every request and
// the first that fires decides, so the later rules fire with the
// probability that leaves each kind its 7.5 %.
var faultKinds = []baltest.FaultRule{
	{Name: "503", Kind: baltest.FaultStatus, Status: 503},
	{Name: "429 Retry-After", Kind: baltest.FaultStatus, Status: 429, RetryAfter: time.Second},
	{Name: "reset after apply", Kind: baltest.FaultResetAfterApply},
	{Name: "truncated answer", Kind: baltest.FaultTruncate},
}

// ledger records the outcome of every call of the run.
type ledger struct {
	mu      sync.Mutex
	calls   int
	failed  map[string]int // typed errors by kind
	untyped []error
	writes  int // logical writes (each intended change once)
}

// do runs one intended change: the call, and after a typed error that
// leaves the outcome unknown, the same call with the same idempotency key
// until it succeeds — as an application that keeps its key with its
// intended change would.
func (l *ledger) do(t *testing.T, ctx context.Context, write func(context.Context) error) {
	ctx = bal.WithIdempotencyKey(ctx, uuid.NewString())
	l.mu.Lock()
	l.writes++
	l.mu.Unlock()
	for attempt := 1; ; attempt++ {
		err := write(ctx)
		l.mu.Lock()
		l.calls++
		if err != nil {
			var be *bal.Error
			if errors.As(err, &be) {
				l.failed[kindOf(err)]++
			} else {
				l.untyped = append(l.untyped, err)
			}
		}
		l.mu.Unlock()
		if err == nil {
			return
		}
		require.Less(t, attempt, 20, "an intended change that never gets through: %v", err)
	}
}

func kindOf(err error) string {
	var rl *bal.RateLimitError
	switch {
	case errors.As(err, &rl):
		return "rate limited"
	case errors.Is(err, bal.ErrUnavailable):
		return "unavailable"
	case errors.Is(err, bal.ErrInvalidResponse):
		return "invalid response"
	}
	var be *bal.Error
	errors.As(err, &be)
	return fmt.Sprintf("%d %s", be.StatusCode, be.Code)
}

// house is what one cycle of the run registers, and the versions its
// objects must end at: one version per intended change, no more.
type house struct {
	building, entrance, apartment, point bal.ObjectID
}

// TestExactlyOnceUnderFaults: 1 000 writes through a fake that fails 30 %
// of the requests with 503, 429 with Retry-After, connection resets after
// the write was applied and truncated answers. Afterwards the server holds
// each intended change exactly once and no duplicate object, and every call
// either succeeded or returned a typed error.
func TestExactlyOnceUnderFaults(t *testing.T) {
	t.Parallel()
	const (
		workers        = 125
		cyclesEach     = 1
		writesPerCycle = 8
		faultShare     = 0.30
	)
	e := updatetest.New(t, baltest.WithRequestLogLimit(200000))
	ctx := context.Background()
	area := e.Street(ctx, t)
	types := []bal.ObjectType{bal.ObjectTypeBuilding, bal.ObjectTypeEntrance, bal.ObjectTypeApartment, bal.ObjectTypeAddressPoint}
	before := map[bal.ObjectType]int{}
	for _, typ := range types {
		before[typ] = e.Server.Count(typ)
	}
	feedBefore := len(e.Server.Changes())

	each := faultShare / float64(len(faultKinds))
	left := 1.0
	for i, f := range faultKinds {
		f.PathPrefix = e.Server.UpdatePath()
		f.Probability = each / left
		f.Seed = uint64(i + 1)
		left -= each
		defer e.Server.Inject(f)()
	}
	e.Server.ClearRequests()

	l := &ledger{failed: map[string]int{}}
	var mu sync.Mutex
	var houses []house
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range cyclesEach {
				h := runCycle(t, ctx, e, l, area, w*cyclesEach+i)
				mu.Lock()
				houses = append(houses, h)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	e.Server.ClearFaults()

	require.Equal(t, workers*cyclesEach*writesPerCycle, l.writes)
	assert.Empty(t, l.untyped, "every failed call returned a typed error")

	// Each intended change exactly once: every object is at the version
	// its changes make, and the feed holds one change per version.
	perObject := map[bal.ObjectRef]int{}
	for _, c := range e.Server.Changes()[feedBefore:] {
		perObject[c.Object]++
	}
	for _, h := range houses {
		for _, want := range []struct {
			ref     bal.ObjectRef
			version bal.Version
			status  bal.Status
		}{
			{bal.ObjectRef{Type: bal.ObjectTypeBuilding, ID: h.building}, 3, bal.StatusValid},
			{bal.ObjectRef{Type: bal.ObjectTypeEntrance, ID: h.entrance}, 2, bal.StatusValid},
			{bal.ObjectRef{Type: bal.ObjectTypeApartment, ID: h.apartment}, 3, bal.StatusRetired},
			{bal.ObjectRef{Type: bal.ObjectTypeAddressPoint, ID: h.point}, 1, bal.StatusValid},
		} {
			m, ok := e.Server.Meta(want.ref)
			require.True(t, ok, "%s exists", want.ref)
			assert.Equal(t, want.version, m.Version, "%s: one version per intended change", want.ref)
			assert.Equal(t, want.status, m.Status)
			assert.Equal(t, int(want.version), perObject[want.ref], "%s: one feed entry per change", want.ref)
		}
	}
	n := workers * cyclesEach
	for _, typ := range types {
		assert.Equal(t, before[typ]+n, e.Server.Count(typ), "%s: no duplicate objects", typ)
	}
	assert.Len(t, e.Server.Changes()[feedBefore:], n*(3+2+3+1), "the feed holds exactly the intended changes")

	// The figures of the run.
	requests := e.Server.Requests()
	injected := map[string]int{}
	for _, r := range requests {
		if r.Injected != "" {
			injected[r.Injected]++
		}
	}
	total := 0
	for _, v := range injected {
		total += v
	}
	assert.InDelta(t, faultShare, float64(total)/float64(len(requests)), 0.05, "about 30 %% of the requests failed")
	for _, f := range faultKinds {
		assert.Positive(t, injected[f.Name], "fault %q was injected", f.Name)
	}
	kinds := make([]string, 0, len(l.failed))
	for k := range l.failed {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	t.Logf("%d intended writes in %d calls; %d HTTP requests, %d with an injected fault (%.1f %%): %v",
		l.writes, l.calls, len(requests), total, 100*float64(total)/float64(len(requests)), injected)
	for _, k := range kinds {
		t.Logf("calls that returned a typed error: %s: %d (repeated with the same key)", k, l.failed[k])
	}
}

// runCycle registers and changes one house: 8 intended writes.
func runCycle(t *testing.T, ctx context.Context, e *updatetest.Env, l *ledger, area bal.ObjectID, n int) house {
	bs, as := e.Buildings, e.Addresses
	var h house

	// 1. Create the building (its identity derives from the key).
	b := e.Building()
	l.do(t, ctx, func(ctx context.Context) error {
		r, err := bs.Buildings.Create(ctx, b, e.Action(building.ActionPermitApproved))
		if err == nil {
			h.building = r.ID
		}
		return err
	})
	b.ID, b.Version = h.building, 1
	// 2–3. Two changes based on the versions the receipts name.
	for _, change := range []func(*building.Building){
		func(b *building.Building) { b.Status = bal.StatusValid },
		func(b *building.Building) { b.ExtensionYear = 2030 },
	} {
		change(b)
		l.do(t, ctx, func(ctx context.Context) error {
			r, err := bs.Buildings.Update(ctx, b, e.Action(building.ActionBuildingChanged))
			if err == nil {
				b.Version = r.Version
			}
			return err
		})
	}
	// 4. An entrance.
	en := e.Entrance(h.building, bal.ObjectID{})
	en.Status = bal.StatusValid
	l.do(t, ctx, func(ctx context.Context) error {
		r, err := bs.Entrances.Create(ctx, en, e.Action(building.ActionNewEntrance))
		if err == nil {
			h.entrance = r.ID
		}
		return err
	})
	en.ID, en.Version = h.entrance, 1
	// 5–7. An apartment, changed and retired.
	ap := e.Apartment(h.entrance, "1001")
	l.do(t, ctx, func(ctx context.Context) error {
		r, err := bs.Apartments.Create(ctx, ap, e.Action(building.ActionNewApartment))
		if err == nil {
			h.apartment = r.ID
		}
		return err
	})
	ap.ID, ap.Version, ap.Rooms = h.apartment, 1, nil
	l.do(t, ctx, func(ctx context.Context) error {
		r, err := bs.Apartments.Update(ctx, ap, e.Action(building.ActionApartmentChanged))
		if err == nil {
			ap.Version = r.Version
		}
		return err
	})
	l.do(t, ctx, func(ctx context.Context) error {
		_, err := bs.Apartments.Retire(ctx, ap.ID, ap.Version, e.Action(building.ActionApartmentDemolished))
		return err
	})
	// 8. A transaction: the address point and the entrance moved to it.
	p := e.Point(area, n+1)
	tx := e.Client.NewTransaction()
	require.NoError(t, as.Points.AddCreate(tx, p, e.Action(address.ActionNew)))
	en.Address = &building.AddressRef{ID: p.ID}
	require.NoError(t, bs.Entrances.AddUpdate(tx, en, e.Action(building.ActionEntranceChanged)))
	l.do(t, ctx, func(ctx context.Context) error {
		_, err := tx.Commit(ctx)
		return err
	})
	h.point = p.ID
	return h
}

// TestRepeatWithSameKey: a write whose every answer is lost returns
// bal.ErrUnavailable, though the server applied it; repeated with the same
// key (bal.WithIdempotencyKey) it returns the original receipt, and the
// change exists once.
func TestRepeatWithSameKey(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	// One attempt per call, so that the lost answer reaches the caller.
	c := e.Server.Client(func(cfg *bal.Config) { cfg.Retry.MaxAttempts = 1 })
	defer c.CloseIdleConnections()
	bs := building.New(c).Buildings
	existing, err := bs.Create(ctx, e.Building(), e.Action(building.ActionPermitApproved))
	require.NoError(t, err)
	b, err := bs.Get(ctx, existing.ID, nil)
	require.NoError(t, err)
	b.ConstructionYear = 2025
	fresh := e.Building() // the same input for both calls

	tests := []struct {
		name        string
		write       func(context.Context) (*bal.Receipt, error)
		wantVersion bal.Version
	}{
		{"create", func(ctx context.Context) (*bal.Receipt, error) {
			return bs.Create(ctx, fresh, e.Action(building.ActionPermitApproved))
		}, 1},
		{"update", func(ctx context.Context) (*bal.Receipt, error) {
			return bs.Update(ctx, b, e.Action(building.ActionBuildingChanged))
		}, 2},
		{"retire", func(ctx context.Context) (*bal.Receipt, error) {
			return bs.Retire(ctx, existing.ID, 2, e.Action(building.ActionDemolished))
		}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := bal.WithIdempotencyKey(ctx, uuid.NewString())
			feed := len(e.Server.Changes())
			remove := e.Server.Inject(baltest.FaultRule{Name: tt.name, PathPrefix: e.Server.UpdatePath(), Kind: baltest.FaultResetAfterApply})
			_, err := tt.write(ctx)
			remove()
			require.ErrorIs(t, err, bal.ErrUnavailable)
			var be *bal.Error
			require.ErrorAs(t, err, &be)
			require.Len(t, e.Server.Changes(), feed+1, "the server applied the write")

			r, err := tt.write(ctx)
			require.NoError(t, err)
			assert.Equal(t, tt.wantVersion, r.Version)
			assert.Len(t, e.Server.Changes(), feed+1, "the repeat applied nothing")
			b, ok := baltest.Get[building.Building](e.Server, r.ID)
			require.True(t, ok)
			assert.Equal(t, tt.wantVersion, b.Version)
		})
	}

	t.Run("same key, other input", func(t *testing.T) {
		ctx := bal.WithIdempotencyKey(ctx, uuid.NewString())
		_, err := bs.Create(ctx, e.Building(), e.Action(building.ActionPermitApproved))
		require.NoError(t, err)
		_, err = bs.Create(ctx, e.Building(), e.Action(building.ActionPermitApproved))
		var ce *bal.ConflictError
		require.ErrorAs(t, err, &ce, "refused, not applied a second time")
		assert.Equal(t, "BAL-0409-IDEM", ce.Err.Code)
	})
}
