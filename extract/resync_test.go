package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/delivery"
	"github.com/tjanstebaserad/bal-go/extract"
)

// state is what a follower keeps of each object: its version and status.
type state map[string]stateEntry

type stateEntry struct {
	Version bal.Version
	Status  bal.Status
}

func stateKey(t bal.ObjectType, id bal.ObjectID) string { return string(t) + "/" + id.String() }

// follower is a copy kept by a Follow with extract.Resync: changes carry
// their objects, and only newer versions are applied.
type follower struct {
	copy       state
	checkpoint bal.MemoryCheckpointStore
	rebuilt    int
	fromFeed   int
}

func (f *follower) handle(_ context.Context, ch bal.Change) error {
	k := stateKey(ch.Object.Type, ch.Object.ID)
	if have, ok := f.copy[k]; ok && have.Version >= ch.Version {
		return nil
	}
	e := stateEntry{Version: ch.Version, Status: bal.StatusRetired}
	if ch.Kind != bal.ChangeRetired {
		e.Status = f.copy[k].Status
		if e.Status == "" {
			e.Status = "Gällande"
		}
	}
	f.copy[k] = e
	f.fromFeed++
	return nil
}

func (f *follower) rebuild(ctx context.Context, _ bal.Checkpoint, x *extract.Reader) error {
	f.copy = state{}
	f.rebuilt++
	for it, err := range x.Items(ctx) {
		if err != nil {
			return err
		}
		m := metaOf(it.Object())
		f.copy[stateKey(it.Type, it.ID)] = stateEntry{Version: m.Version, Status: m.Status}
	}
	return nil
}

func metaOf(o any) *bal.Meta {
	switch x := o.(type) {
	case *building.Building:
		return &x.Meta
	case *building.Entrance:
		return &x.Meta
	case *building.Apartment:
		return &x.Meta
	case *address.Point:
		return &x.Meta
	case *address.Area:
		return &x.Meta
	case *address.CourtyardArea:
		return &x.Meta
	case *address.District:
		return &x.Meta
	}
	return nil
}

func typeOf(o any) bal.ObjectType {
	switch o.(type) {
	case *building.Building:
		return bal.ObjectTypeBuilding
	case *building.Entrance:
		return bal.ObjectTypeEntrance
	case *building.Apartment:
		return bal.ObjectTypeApartment
	case *address.Point:
		return bal.ObjectTypeAddressPoint
	case *address.Area:
		return bal.ObjectTypeAddressArea
	case *address.CourtyardArea:
		return bal.ObjectTypeCourtyardArea
	}
	return bal.ObjectTypeDistrict
}

// serverState is every object of the fake at its current version.
func serverState(srv *baltest.Server) state {
	out := state{}
	for _, o := range srv.Dataset().Objects() {
		ref := bal.ObjectRef{Type: typeOf(o), ID: metaOf(o).ID}
		if m, ok := srv.Meta(ref); ok {
			out[stateKey(ref.Type, ref.ID)] = stateEntry{Version: m.Version, Status: m.Status}
		}
	}
	return out
}

// TestFollowerResynchronisesFromAnExtract drives a follower into a 410 and
// lets extract.Resync rebuild it from a base extract: fetched anew from
// Geotorget, taken from a folder whose manifest names its feed position,
// taken from one that names none (the feed still reaches back to it), and
// refused when it names none and the feed does not reach back. Each
// follower that goes on ends identical to the server's state.
func TestFollowerResynchronisesFromAnExtract(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		source  func(t *testing.T, early, late string) *extract.ResyncOptions
		wantErr error
	}{
		{name: "a new BAS delivery from Geotorget", source: func(*testing.T, string, string) *extract.ResyncOptions { return nil }},
		{name: "a folder whose manifest names its position", source: func(_ *testing.T, early, _ string) *extract.ResyncOptions {
			return &extract.ResyncOptions{Path: early}
		}},
		{name: "a folder without a position, newer than the oldest change kept", source: func(t *testing.T, _, late string) *extract.ResyncOptions {
			return &extract.ResyncOptions{Path: withoutPosition(t, late)}
		}},
		{name: "a folder without a position, older than the feed keeps", source: func(t *testing.T, early, _ string) *extract.ResyncOptions {
			return &extract.ResyncOptions{Path: withoutPosition(t, early)}
		}, wantErr: extract.ErrExtractTooOld},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
			srv := baltest.NewServer(baltest.WithTime(start), baltest.WithInitialFeed(),
				baltest.WithData(gen.Config{Seed: 3, Buildings: 120}), baltest.WithFeedRetention(time.Hour))
			t.Cleanup(srv.Close)
			c := srv.Client()
			t.Cleanup(c.CloseIdleConnections)
			ctx := t.Context()
			order := srv.AddOrder(baltest.GeotorgetOrder{PartObjects: 200})
			dc := delivery.New(c)
			download := func() string {
				t.Helper()
				_, err := dc.Start(ctx, order, delivery.TypeBase)
				require.NoError(t, err)
				_, err = dc.Wait(ctx, order, &delivery.WaitOptions{Clock: srv.Clock()})
				require.NoError(t, err)
				dir := t.TempDir()
				_, err = dc.Download(ctx, order, dir, &delivery.DownloadOptions{Clock: srv.Clock()})
				require.NoError(t, err)
				return dir
			}
			edit := func(i int) {
				t.Helper()
				_, err := srv.EditBuilding(srv.Dataset().Buildings[i].ID, func(b *building.Building) { b.HouseNumber = 40 + i })
				require.NoError(t, err)
			}

			f := &follower{copy: state{}}
			require.NoError(t, c.Follow(ctx, &f.checkpoint, f.handle, nil))
			require.Equal(t, serverState(srv), f.copy, "caught up from the initial feed")

			// Lantmäteriet goes on while the follower is away, longer than
			// the feed keeps changes.
			srv.Clock().Advance(2 * time.Hour)
			edit(0)
			early := download()
			srv.Clock().Advance(2 * time.Hour)
			edit(1)
			edit(0)
			late := download()
			srv.Clock().Advance(10 * time.Minute)
			edit(2)

			opts := tt.source(t, early, late)
			if opts == nil {
				opts = &extract.ResyncOptions{Order: order, Wait: &delivery.WaitOptions{Clock: srv.Clock()},
					Download: &delivery.DownloadOptions{Clock: srv.Clock()}}
			}
			err := c.Follow(ctx, &f.checkpoint, f.handle, &bal.FollowOptions{
				ChangesOptions: bal.ChangesOptions{WithObjects: true},
				Resync:         extract.Resync(c, f.rebuild, opts),
			})
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, 1, f.rebuilt, "rebuilt once")
			assert.Equal(t, serverState(srv), f.copy, "identical to the server after the resync")
		})
	}
}

// withoutPosition copies a downloaded delivery and strips the feed position
// from its manifest, as an extract that names none.
func withoutPosition(t *testing.T, dir string) string {
	t.Helper()
	out := t.TempDir()
	found := false
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if filepath.Base(p) == "uttag.xml" {
			re := regexp.MustCompile(`<fortsattning>[^<]*</fortsattning>`)
			found = re.Match(b)
			b = re.ReplaceAll(b, nil)
		}
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(out, rel)), 0o755))
		return os.WriteFile(filepath.Join(out, rel), b, 0o644)
	}))
	require.True(t, found, "the manifest named a position")
	return out
}
