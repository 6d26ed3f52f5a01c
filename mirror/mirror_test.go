package mirror

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/delivery"
	"github.com/tjanstebaserad/bal-go/extract"
)

// assertIdentical checks the mirror against the fake: row counts and the
// hash over every object's id, version and geometry.
func assertIdentical(t *testing.T, m *Mirror, want digest) {
	t.Helper()
	got := mirrorDigest(t, m)
	assert.Equal(t, want.Counts, got.Counts, "row counts")
	if !assert.Equal(t, want.Hash, got.Hash, "hash over every object's id, version and geometry") {
		t.Log(cmp.Diff(want.Entries, got.Entries))
	}
}

// TestLoadAndFollow runs the same assertions on every store: an initial
// load from the services or from a Geotorget extract, then mixed changes
// followed from the feed with their objects; retired objects deleted or
// kept by option.
func TestLoadAndFollow(t *testing.T) {
	t.Parallel()
	for _, sk := range storeKinds {
		for _, tt := range []struct {
			name        string
			fromExtract bool
			keepRetired bool
		}{
			{name: "services, retired deleted"},
			{name: "extract, retired kept", fromExtract: true, keepRetired: true},
		} {
			t.Run(sk.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				srv, c := newFake(t, gen.Config{Seed: 7, Buildings: 120})
				dsn := sk.dsn(t)
				m, err := Open(t.Context(), dsn, &Options{SRID: testSRID, KeepRetired: tt.keepRetired, Municipality: "2199"})
				require.NoError(t, err)
				defer m.Close()
				src := Source{Services: true}
				if tt.fromExtract {
					order := srv.AddOrder(baltest.GeotorgetOrder{PartObjects: 150})
					src = Source{Extract: &extract.ResyncOptions{Order: order,
						Wait: &delivery.WaitOptions{Clock: srv.Clock()}, Download: &delivery.DownloadOptions{Clock: srv.Clock()}}}
				}
				require.NoError(t, m.Init(t.Context(), c, src))
				assertIdentical(t, m, fakeDigest(t, srv, c, tt.keepRetired))

				mixedChanges(t, srv, 60)
				res, err := m.Sync(t.Context(), c, &SyncOptions{PageSize: 25})
				require.NoError(t, err)
				assert.GreaterOrEqual(t, res.Applied, int64(60))
				assertIdentical(t, m, fakeDigest(t, srv, c, tt.keepRetired))

				// Following again from the same checkpoint changes nothing.
				res, err = m.Sync(t.Context(), c, nil)
				require.NoError(t, err)
				assert.Zero(t, res.Applied)

				st, err := m.Status(t.Context())
				require.NoError(t, err)
				assert.Equal(t, testSRID, st.SRID)
				assert.Equal(t, SchemaVersion, st.SchemaVersion)
				assert.Equal(t, res.Checkpoint, st.Checkpoint)
			})
		}
	}
}

// TestOneWriter: a second writer gets a LockedError; readers are welcome.
func TestOneWriter(t *testing.T) {
	t.Parallel()
	for _, sk := range storeKinds {
		t.Run(sk.name, func(t *testing.T) {
			t.Parallel()
			dsn := sk.dsn(t)
			m, err := Open(t.Context(), dsn, &Options{SRID: testSRID})
			require.NoError(t, err)
			_, err = Open(t.Context(), dsn, &Options{SRID: testSRID})
			var le *LockedError
			require.ErrorAs(t, err, &le)
			assert.True(t, errors.Is(err, ErrLocked))
			r, err := Open(t.Context(), dsn, &Options{ReadOnly: true})
			require.NoError(t, err)
			require.NoError(t, r.Close())
			require.NoError(t, m.Close())
			m2, err := Open(t.Context(), dsn, nil)
			require.NoError(t, err, "the lock is released on Close")
			require.NoError(t, m2.Close())
		})
	}
}

// TestResyncOn410: a mirror left behind longer than the feed keeps changes
// is rebuilt from a new Geotorget base extract by Sync itself, and goes on
// to be identical to the fake.
func TestResyncOn410(t *testing.T) {
	t.Parallel()
	for _, sk := range storeKinds {
		t.Run(sk.name, func(t *testing.T) {
			t.Parallel()
			srv, c := newFake(t, gen.Config{Seed: 9, Buildings: 100}, baltest.WithFeedRetention(time.Hour))
			order := srv.AddOrder(baltest.GeotorgetOrder{PartObjects: 200})
			m, err := Open(t.Context(), sk.dsn(t), &Options{SRID: testSRID, Resync: &extract.ResyncOptions{Order: order,
				Wait: &delivery.WaitOptions{Clock: srv.Clock()}, Download: &delivery.DownloadOptions{Clock: srv.Clock()}}})
			require.NoError(t, err)
			defer m.Close()
			require.NoError(t, m.Init(t.Context(), c, Source{Services: true}))
			mixedChanges(t, srv, 20)
			srv.Clock().Advance(2 * time.Hour)
			mixedChanges(t, srv, 20)

			res, err := m.Sync(t.Context(), c, nil)
			require.NoError(t, err)
			assert.True(t, res.Resynced)
			assertIdentical(t, m, fakeDigest(t, srv, c, false))
			st, err := m.Status(t.Context())
			require.NoError(t, err)
			assert.Equal(t, res.Checkpoint, st.Checkpoint)

			// Without a source to resynchronise from, the 410 is returned.
			mixedChanges(t, srv, 5)
			srv.Clock().Advance(2 * time.Hour)
			mixedChanges(t, srv, 5)
			m.opts.Resync = nil
			_, err = m.Sync(t.Context(), c, nil)
			assert.ErrorIs(t, err, bal.ErrResync)
		})
	}
}
