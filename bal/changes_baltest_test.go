package bal_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/codelist/codelisttest"
)

func newServer(t *testing.T, opts ...baltest.Option) (*baltest.Server, *bal.Client) {
	t.Helper()
	srv := baltest.NewServer(opts...)
	t.Cleanup(srv.Close)
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	return srv, c
}

func TestChangesAgainstTheFake(t *testing.T) {
	t.Parallel()
	srv, c := newServer(t, baltest.WithInitialFeed())
	all := len(srv.Changes())
	require.Positive(t, all)

	tests := []struct {
		name string
		opts *bal.ChangesOptions
		want int
	}{
		{name: "everything", want: all},
		{name: "small pages", opts: &bal.ChangesOptions{PageSize: 7}, want: all},
		{name: "the municipality", opts: &bal.ChangesOptions{Municipality: bal.MunicipalityCode(srv.Kommunkod())}, want: all},
		{name: "another municipality", opts: &bal.ChangesOptions{Municipality: "0180"}, want: 0},
		{name: "apartments", opts: &bal.ChangesOptions{Types: []bal.ObjectType{bal.ObjectTypeApartment}, PageSize: 100}, want: srv.Count(bal.ObjectTypeApartment)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var last int64
			n := 0
			for ch, err := range c.Changes(t.Context(), "", tt.opts) {
				require.NoError(t, err)
				assert.Greater(t, ch.Sequence, last, "in sekvensnummer order")
				last = ch.Sequence
				assert.True(t, codelisttest.Known(ch.Kind))
				assert.True(t, ch.Object.Type.Updatable())
				n++
			}
			assert.Equal(t, tt.want, n)
		})
	}
}

// TestChangesByObjectType: the object-type filter keeps the feed to the
// types a follower keeps — the three building types, the address types,
// or any selection of them — and refuses a type that is not in the feed
// before sending anything.
func TestChangesByObjectType(t *testing.T) {
	t.Parallel()
	srv, c := newServer(t, baltest.WithInitialFeed()) // every loaded object enters the feed as Ny
	buildingTypes := []bal.ObjectType{bal.ObjectTypeBuilding, bal.ObjectTypeEntrance, bal.ObjectTypeApartment}
	addressTypes := []bal.ObjectType{bal.ObjectTypeAddressPoint, bal.ObjectTypeAddressArea, bal.ObjectTypeCourtyardArea, bal.ObjectTypeDistrict}
	tests := []struct {
		name string
		opts *bal.ChangesOptions
		want map[bal.ObjectType]int
	}{
		{name: "the building types", opts: &bal.ChangesOptions{Types: buildingTypes}, want: map[bal.ObjectType]int{
			bal.ObjectTypeBuilding:  srv.Count(bal.ObjectTypeBuilding),
			bal.ObjectTypeEntrance:  srv.Count(bal.ObjectTypeEntrance),
			bal.ObjectTypeApartment: srv.Count(bal.ObjectTypeApartment),
		}},
		{name: "entrances only", opts: &bal.ChangesOptions{Types: []bal.ObjectType{bal.ObjectTypeEntrance}, PageSize: 50},
			want: map[bal.ObjectType]int{bal.ObjectTypeEntrance: srv.Count(bal.ObjectTypeEntrance)}},
		{name: "the address types", opts: &bal.ChangesOptions{Types: addressTypes}, want: map[bal.ObjectType]int{
			bal.ObjectTypeAddressPoint: srv.Count(bal.ObjectTypeAddressPoint),
			bal.ObjectTypeAddressArea:  srv.Count(bal.ObjectTypeAddressArea),
			bal.ObjectTypeDistrict:     srv.Count(bal.ObjectTypeDistrict),
		}},
		{name: "areas and districts, one per page", opts: &bal.ChangesOptions{Types: []bal.ObjectType{bal.ObjectTypeAddressArea, bal.ObjectTypeDistrict}, PageSize: 1},
			want: map[bal.ObjectType]int{
				bal.ObjectTypeAddressArea: srv.Count(bal.ObjectTypeAddressArea),
				bal.ObjectTypeDistrict:    srv.Count(bal.ObjectTypeDistrict),
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for typ, n := range tt.want {
				if typ != bal.ObjectTypeCourtyardArea {
					require.Positive(t, n, "the loaded data has %s objects", typ)
				}
			}
			got := map[bal.ObjectType]int{}
			for ch, err := range c.Changes(t.Context(), "", tt.opts) {
				require.NoError(t, err)
				assert.Equal(t, bal.ChangeCreated, ch.Kind)
				got[ch.Object.Type]++
			}
			assert.Equal(t, tt.want, got)
		})
	}

	t.Run("a type outside the feed is refused", func(t *testing.T) {
		t.Parallel()
		srv, c := newServer(t, baltest.WithoutData())
		for _, err := range c.Changes(t.Context(), "", &bal.ChangesOptions{Types: []bal.ObjectType{bal.ObjectTypeBuilding, bal.ObjectTypeDeficiency, "Fastighet"}}) {
			var v *bal.ValidationError
			require.ErrorAs(t, err, &v)
			assert.True(t, v.Has("Types[1]", bal.RuleCodeList), "%v", err)
			assert.True(t, v.Has("Types[2]", bal.RuleCodeList), "%v", err)
			assert.False(t, v.Has("Types[0]", ""))
		}
		assert.Empty(t, srv.Requests(), "nothing was sent")
	})
}

// Catch up with what changed in the municipality's addresses since the last
// run, and remember where to go on from. Types keeps the feed to the object
// types the follower keeps; keep one checkpoint per selection.
func ExampleClient_Changes() {
	srv := baltest.NewServer(baltest.WithTime(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	opts := &bal.ChangesOptions{Types: []bal.ObjectType{bal.ObjectTypeDistrict, bal.ObjectTypeAddressArea}}

	// Where the last run stopped: load it from where you keep it (here, the
	// feed's current end).
	saved, err := c.LatestCheckpoint(ctx)
	if err != nil {
		log.Fatal(err)
	}
	// Since then, the municipality has registered a kommundel.
	district := &address.District{Meta: bal.Meta{Status: bal.StatusValid}, Name: "Norra delen",
		Municipality: address.Municipality{Code: bal.MunicipalityCode(srv.Kommunkod()), Name: "Exempelby"}}
	if _, err := address.New(c).Districts.Create(ctx, district, bal.Action{Type: address.ActionNew, Responsible: srv.Kommunkod()}); err != nil {
		log.Fatal(err)
	}

	for ch, err := range c.Changes(ctx, saved, opts) {
		if err != nil {
			log.Fatal(err) // a *bal.ResyncError means: read everything afresh
		}
		fmt.Println(ch.Kind, ch.Object.Type, "version", ch.Version, "at", ch.Time.UTC().Format(time.TimeOnly))
		saved = ch.Checkpoint // save it once the change is applied on your side
	}
	fmt.Println("go on from", saved)
	// Output:
	// Ny Kommundel version 1 at 10:00:00
	// go on from 1
}

func TestChangesSeeWhatLantmaterietDoes(t *testing.T) {
	t.Parallel()
	srv, c := newServer(t)
	cp, err := c.LatestCheckpoint(t.Context())
	require.NoError(t, err)
	assert.Equal(t, bal.Checkpoint("0"), cp, "the loaded data is the base extract, not in the feed")

	b := baltest.Objects[building.Building](srv)[3].ID
	_, err = srv.EditBuilding(b, nil)
	require.NoError(t, err)
	_, err = srv.EditBuilding(b, nil)
	require.NoError(t, err)

	var got []string
	var read []bal.Change
	for ch, err := range c.Changes(t.Context(), cp, nil) {
		require.NoError(t, err)
		got = append(got, fmt.Sprintf("%s %s %s v%d", ch.Checkpoint, ch.Kind, ch.Object, ch.Version))
		read = append(read, ch)
	}
	assert.Equal(t, []string{"1 Ändrad Byggnad/" + b.String() + " v2", "2 Ändrad Byggnad/" + b.String() + " v3"}, got)
	kept := srv.Changes()
	require.Len(t, kept, len(read))
	for i := range read {
		assert.True(t, kept[i].Time.Equal(read[i].Time))
		kept[i].Time = read[i].Time
	}
	assert.Equal(t, read, kept, "the fake's Changes are what the client reads")
}

func TestChangesGapAsksForResync(t *testing.T) {
	t.Parallel()
	srv, c := newServer(t, baltest.WithInitialFeed(), baltest.WithFeedRetention(time.Hour))
	loaded := len(srv.Changes())
	var cp bal.Checkpoint
	n := 0
	for ch, err := range c.Changes(t.Context(), "", nil) {
		require.NoError(t, err)
		cp = ch.Checkpoint
		if n++; n == 10 {
			break
		}
	}
	srv.Clock().Advance(2 * time.Hour) // the follower was away too long
	_, err := srv.EditBuilding(srv.Dataset().Buildings[0].ID, nil)
	require.NoError(t, err)

	tests := []struct {
		name string
		from bal.Checkpoint
	}{
		{name: "forgotten", from: cp},
		{name: "ahead of the feed (the server was reset)", from: "999999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []bal.Change
			var err error
			for ch, e := range c.Changes(t.Context(), tt.from, nil) {
				if err = e; e != nil {
					break
				}
				got = append(got, ch)
			}
			assert.Empty(t, got)
			require.ErrorIs(t, err, bal.ErrResync)
			var re *bal.ResyncError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, tt.from, re.Checkpoint)
			assert.Equal(t, baltest.CodeFeedGap, re.Err.Code)
			assert.Equal(t, http.StatusGone, re.Err.StatusCode)
		})
	}

	// What a resynchronisation does before reading everything afresh: note
	// where the feed ends now.
	latest, err := c.LatestCheckpoint(t.Context())
	require.NoError(t, err)
	assert.Equal(t, bal.Checkpoint(fmt.Sprint(loaded+1)), latest, "the edit after the gap")
	for _, err := range c.Changes(t.Context(), latest, nil) {
		require.NoError(t, err)
		t.Error("nothing after the end")
	}
}

// Keep a copy of the municipality's address points in step with
// Lantmäteriet, across restarts: Follow loads the checkpoint, hands each
// change to the handler, and saves the checkpoint once the handler has
// applied it.
func ExampleClient_Follow() {
	// A stand-in for Lantmäteriet, where two address points change.
	srv := baltest.NewServer(baltest.WithTime(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)))
	defer srv.Close()
	action := bal.Action{Type: address.ActionChanged, Responsible: srv.Kommunkod()}
	for _, p := range baltest.Objects[address.Point](srv)[:2] {
		if _, err := baltest.Put(srv, p, action); err != nil {
			log.Fatal(err)
		}
	}

	dir, err := os.MkdirTemp("", "follow")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	store := bal.NewFileCheckpointStore(filepath.Join(dir, "addresses.checkpoint"))
	c := srv.Client()
	versions := map[bal.ObjectID]bal.Version{} // your database
	apply := func(_ context.Context, ch bal.Change) error {
		if versions[ch.Object.ID] >= ch.Version {
			return nil // seen before a restart: already applied
		}
		versions[ch.Object.ID] = ch.Version
		fmt.Println("applied", ch.Kind, ch.Object.Type, "version", ch.Version)
		return nil
	}
	opts := &bal.FollowOptions{ChangesOptions: bal.ChangesOptions{Types: []bal.ObjectType{bal.ObjectTypeAddressPoint}}}
	if err := c.Follow(context.Background(), store, apply, opts); err != nil {
		log.Fatal(err) // a *bal.ResyncError: set opts.Resync to rebuild and go on
	}
	cp, _ := store.Load(context.Background())
	fmt.Println("saved checkpoint", cp)

	// The next run starts where this one stopped.
	if err := c.Follow(context.Background(), store, apply, opts); err != nil {
		log.Fatal(err)
	}
	fmt.Println("nothing new")
	// Output:
	// applied Ändrad Adressplats version 2
	// applied Ändrad Adressplats version 2
	// saved checkpoint 2
	// nothing new
}
