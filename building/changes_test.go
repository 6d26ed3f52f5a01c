package building_test

import (
	"context"
	"fmt"
	"log"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

func TestChangesKeepsToBuildingTypes(t *testing.T) {
	t.Parallel()
	srv := baltest.NewServer(baltest.WithInitialFeed()) // every loaded object enters the feed as Ny
	t.Cleanup(srv.Close)
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	bc := building.New(c)

	tests := []struct {
		name string
		opts *bal.ChangesOptions
		want map[bal.ObjectType]int
	}{
		{name: "all three", want: map[bal.ObjectType]int{
			bal.ObjectTypeBuilding:  srv.Count(update1.TypByggnad),
			bal.ObjectTypeEntrance:  srv.Count(update1.TypEntre),
			bal.ObjectTypeApartment: srv.Count(update1.TypLagenhet),
		}},
		{name: "entrances only", opts: &bal.ChangesOptions{Types: []bal.ObjectType{bal.ObjectTypeEntrance}, PageSize: 50},
			want: map[bal.ObjectType]int{bal.ObjectTypeEntrance: srv.Count(update1.TypEntre)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := map[bal.ObjectType]int{}
			for ch, err := range bc.Changes(t.Context(), "", tt.opts) {
				require.NoError(t, err)
				assert.Equal(t, bal.ChangeCreated, ch.Kind)
				got[ch.Object.Type]++
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestChangesRefusesOtherTypes(t *testing.T) {
	t.Parallel()
	srv := baltest.NewServer(baltest.WithoutData())
	t.Cleanup(srv.Close)
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	for _, err := range building.New(c).Changes(t.Context(), "", &bal.ChangesOptions{Types: []bal.ObjectType{bal.ObjectTypeBuilding, bal.ObjectTypeAddressPoint}}) {
		var v *bal.ValidationError
		require.ErrorAs(t, err, &v)
		assert.Equal(t, "Types[1]", v.Problems[0].Path)
	}
	assert.Empty(t, srv.Requests(), "nothing was sent")
}

// Catch up with what changed in the municipality's buildings since the last
// run, and remember where to go on from.
func ExampleClient_Changes() {
	// A stand-in for Lantmäteriet, where Lantmäteriet changes one building
	// after the follower's last run.
	srv := baltest.NewServer(baltest.WithTime(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)))
	defer srv.Close()
	first := srv.Objects(update1.TypByggnad)[0].Meta().Objektidentitet
	if _, err := srv.EditBuilding(first, nil); err != nil {
		log.Fatal(err)
	}

	buildings := building.New(srv.Client())
	var saved bal.Checkpoint // load it from where you keep it; zero is the start
	for ch, err := range buildings.Changes(context.Background(), saved, nil) {
		if err != nil {
			log.Fatal(err) // a *bal.ResyncError means: read everything afresh
		}
		fmt.Println(ch.Kind, ch.Object.Type, "version", ch.Version, "at", ch.Time.UTC().Format(time.TimeOnly))
		saved = ch.Checkpoint // save it once the change is applied on your side
	}
	fmt.Println("go on from", saved)
	// Output:
	// Ändrad Byggnad version 2 at 10:00:00
	// go on from 1
}
