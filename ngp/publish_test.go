package ngp_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// injectNGPFaults makes a share p of the NGP requests fail, evenly mixed:
// a reset before the server acts, a reset after it acted, and 503 with
// Retry-After. It returns the rule names.
func injectNGPFaults(s *baltest.Server, p float64, seed uint64) []string {
	q := 1 - math.Pow(1-p, 1.0/3)
	rules := []baltest.FaultRule{
		{Name: "reset-before", Kind: baltest.FaultReset},
		{Name: "reset-after", Kind: baltest.FaultResetAfterApply},
		{Name: "503-retry-after", Kind: baltest.FaultStatus, Status: http.StatusServiceUnavailable, RetryAfter: time.Second},
	}
	var names []string
	for i, r := range rules {
		r.PathPrefix, r.Probability, r.Seed = "/distribution/geodatakatalog/", q, seed+uint64(i)
		s.Inject(r)
		names = append(names, r.Name)
	}
	return names
}

// checkExactlyOnce checks the fake's record of a publication: each object
// one change, registered once, uploaded once (twice for the fixed ones),
// never refused, and published.
func checkExactlyOnce(t *testing.T, s *baltest.Server, bs []*ngp.Building, fixed map[bal.ObjectID]bool) {
	t.Helper()
	byID := map[string]baltest.NGPChange{}
	for _, c := range s.NGPChanges() {
		_, dup := byID[c.ObjectID]
		assert.False(t, dup, "object %s has changes in two mottagningar", c.ObjectID)
		byID[c.ObjectID] = c
	}
	require.Len(t, byID, len(bs))
	for _, b := range bs {
		c := byID[b.ID.String()]
		want := 1
		if fixed[b.ID] {
			want = 2
		}
		assert.Equal(t, "publicerad", c.Status, b.ID)
		assert.Equal(t, 1, c.Registrations, "%s registered twice", b.ID)
		assert.Equal(t, want, c.Uploads, "%s uploaded again after the server had it", b.ID)
		assert.Zero(t, c.Rejected, "%s: an upload refused because the object had already arrived", b.ID)
	}
	for _, r := range s.Requests() {
		if strings.Contains(r.Path, "/leveranser/") {
			assert.Equal(t, http.MethodGet, r.Method, "the 303's address is only read, never posted to")
		}
	}
}

func TestPublishThroughFaults(t *testing.T) {
	t.Parallel()
	s, c := fake(t, baltest.WithRequestLogLimit(100_000))
	names := injectNGPFaults(s, 0.30, 7)
	bs := buildings(t, 500)
	var progressed atomic.Int32
	res, err := c.Deliveries.Publish(context.Background(), ngp.DeliveryInfo{InformationType: "byggnad", Provider: "2199"}, objects(bs),
		&ngp.PublishOptions{Wait: onClock(s), Concurrency: 8, BatchSize: 50, Attempts: 30,
			Progress: func(ngp.Progress) { progressed.Add(1) }})
	require.NoError(t, err)
	assert.Equal(t, ngp.StatusPublished, res.Status)
	assert.Equal(t, 500, res.Objects)
	assert.Positive(t, progressed.Load())
	for _, n := range names {
		assert.Positive(t, s.FaultsFired(n), "fault %s never fired", n)
	}
	s.ClearFaults()
	checkExactlyOnce(t, s, bs, nil)
}

// TestPublishResumes interrupts a publication half-way (through faults) and
// runs it again from the saved state.
func TestPublishResumes(t *testing.T) {
	t.Parallel()
	s, c := fake(t, baltest.WithRequestLogLimit(100_000))
	injectNGPFaults(s, 0.30, 11)
	bs := buildings(t, 300)
	store := ngp.NewFileStore(filepath.Join(t.TempDir(), "publish.json"))
	info := ngp.DeliveryInfo{InformationType: "byggnad", Provider: "2199"}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := c.Deliveries.Publish(ctx, info, objects(bs), &ngp.PublishOptions{Wait: onClock(s), Store: store, BatchSize: 40, Attempts: 30,
		Progress: func(p ngp.Progress) {
			if p.Uploaded >= 120 {
				cancel()
			}
		}})
	require.ErrorIs(t, err, context.Canceled)
	saved, err := store.Load(context.Background())
	require.NoError(t, err)
	require.NotNil(t, saved)
	done := 0
	for _, o := range saved.Objects {
		if o.Uploaded {
			done++
		}
	}
	assert.GreaterOrEqual(t, done, 120)
	assert.Less(t, done, 300, "interrupted before the end")

	res, err := c.Deliveries.Publish(context.Background(), info, objects(bs), &ngp.PublishOptions{Wait: onClock(s), Store: store, BatchSize: 40, Attempts: 30})
	require.NoError(t, err)
	assert.Equal(t, saved.ReceptionID, res.ReceptionID, "the same mottagning continues")
	assert.Equal(t, ngp.StatusPublished, res.Status)
	s.ClearFaults()
	checkExactlyOnce(t, s, bs, nil)
}

// TestPublishFixesInvalid delivers objects with history (BAS-005) and a
// wrong CRS (BYG-0007), fixes them from the reports and uploads them again
// in the same mottagning.
func TestPublishFixesInvalid(t *testing.T) {
	t.Parallel()
	s, c := fake(t)
	bs := buildings(t, 20)
	bad := map[bal.ObjectID][]byte{}
	good := map[bal.ObjectID]ngp.Object{}
	for i, b := range bs {
		o, err := b.Object()
		require.NoError(t, err)
		good[b.ID] = o
		switch i % 5 {
		case 1:
			bad[b.ID] = bytes.Replace(o.Body, []byte(`"objektversion":1,`), []byte(`"objektversion":1,"versionGiltigTill":"2026-11-02T08:00:00.000+01:00",`), 1)
		case 3:
			bad[b.ID] = bytes.Replace(o.Body, []byte(`"EPSG:3010"`), []byte(`"EPSG:4326"`), 1)
		}
	}
	first := func(yield func(ngp.Object, error) bool) {
		for _, b := range bs {
			o := good[b.ID]
			if body, ok := bad[b.ID]; ok {
				o.Body = body
			}
			if !yield(o, nil) {
				return
			}
		}
	}
	rules := map[string]int{}
	res, err := c.Deliveries.Publish(context.Background(), ngp.DeliveryInfo{InformationType: "byggnad", Provider: "2199"}, first,
		&ngp.PublishOptions{Wait: onClock(s), Fix: func(_ context.Context, id bal.ObjectID, rep *ngp.Report) (*ngp.Object, error) {
			for _, p := range rep.Problems() {
				if p.Status == ngp.CaseFailure {
					rules[p.ID]++
				}
			}
			o := good[id]
			return &o, nil
		}})
	require.NoError(t, err)
	assert.Equal(t, ngp.StatusPublished, res.Status)
	assert.Equal(t, map[string]int{"BAS-005": 4, "BYG-0007": 4}, rules)
	fixed := map[bal.ObjectID]bool{}
	for id := range bad {
		fixed[id] = true
	}
	checkExactlyOnce(t, s, bs, fixed)
}

// TestPublishReportsInvalid stops on valideringsfel without Fix and returns
// the reports.
func TestPublishReportsInvalid(t *testing.T) {
	t.Parallel()
	s, c := fake(t)
	b := buildings(t, 1)[0]
	o, err := b.Object()
	require.NoError(t, err)
	o.Body = bytes.Replace(o.Body, []byte(`"dimension":2`), []byte(`"dimension":4`), 1)
	res, err := c.Deliveries.Publish(context.Background(), ngp.DeliveryInfo{InformationType: "byggnad", Provider: "2199"},
		func(yield func(ngp.Object, error) bool) { yield(o, nil) }, &ngp.PublishOptions{Wait: onClock(s)})
	require.ErrorIs(t, err, ngp.ErrNotPublished)
	assert.Equal(t, ngp.StatusInvalid, res.Status)
	require.Contains(t, res.Invalid, b.ID)
	var ids []string
	for _, p := range res.Invalid[b.ID].Problems() {
		ids = append(ids, p.ID)
	}
	assert.Equal(t, []string{"BYG-0008"}, ids)
	assert.False(t, errors.Is(err, context.Canceled))
}
