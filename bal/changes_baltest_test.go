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

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
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
		{name: "apartments", opts: &bal.ChangesOptions{Types: []bal.ObjectType{bal.ObjectTypeApartment}, PageSize: 100}, want: srv.Count(update1.TypLagenhet)},
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
				assert.True(t, ch.Kind.Known())
				assert.True(t, ch.Object.Type.Updatable())
				n++
			}
			assert.Equal(t, tt.want, n)
		})
	}
}

func TestChangesSeeWhatLantmaterietDoes(t *testing.T) {
	t.Parallel()
	srv, c := newServer(t)
	cp, err := c.LatestCheckpoint(t.Context(), nil)
	require.NoError(t, err)
	assert.True(t, cp.IsZero(), "the loaded data is the base extract, not in the feed")

	b := srv.Objects(update1.TypByggnad)[3].Meta().Objektidentitet
	_, err = srv.EditBuilding(b, nil)
	require.NoError(t, err)
	_, err = srv.EditBuilding(b, nil)
	require.NoError(t, err)

	var got []string
	for ch, err := range c.Changes(t.Context(), cp, nil) {
		require.NoError(t, err)
		got = append(got, fmt.Sprintf("%s %s %s v%d", ch.Checkpoint, ch.Kind, ch.Object, ch.Version))
	}
	assert.Equal(t, []string{"1 Ändrad Byggnad/" + b + " v2", "2 Ändrad Byggnad/" + b + " v3"}, got)
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
	_, err := srv.EditBuilding(srv.Objects(update1.TypByggnad)[0].Meta().Objektidentitet, nil)
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
	latest, err := c.LatestCheckpoint(t.Context(), nil)
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
	action := update1.Verksamhetsatgard{Atgardstyp: "Ändrad", AnsvarigOrganisation: srv.Kommunkod()}
	for _, p := range srv.Objects(update1.TypAdressplats)[:2] {
		if _, err := srv.Put(action, p); err != nil {
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
