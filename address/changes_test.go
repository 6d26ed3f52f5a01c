package address_test

import (
	"context"
	"fmt"
	"log"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

func TestChangesKeepsToAddressTypes(t *testing.T) {
	t.Parallel()
	srv := baltest.NewServer(baltest.WithInitialFeed()) // every loaded object enters the feed as Ny
	t.Cleanup(srv.Close)
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	ac := address.New(c)

	tests := []struct {
		name string
		opts *bal.ChangesOptions
		want map[bal.ObjectType]int
	}{
		{name: "all four", want: map[bal.ObjectType]int{
			bal.ObjectTypeAddressPoint: srv.Count(update1.TypAdressplats),
			bal.ObjectTypeAddressArea:  srv.Count(update1.TypAdressomrade),
			bal.ObjectTypeDistrict:     srv.Count(update1.TypKommundel),
		}},
		{name: "areas and districts", opts: &bal.ChangesOptions{Types: []bal.ObjectType{bal.ObjectTypeAddressArea, bal.ObjectTypeDistrict}, PageSize: 1},
			want: map[bal.ObjectType]int{
				bal.ObjectTypeAddressArea: srv.Count(update1.TypAdressomrade),
				bal.ObjectTypeDistrict:    srv.Count(update1.TypKommundel),
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := map[bal.ObjectType]int{}
			for ch, err := range ac.Changes(t.Context(), "", tt.opts) {
				require.NoError(t, err)
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
	for _, err := range address.New(c).Changes(t.Context(), "", &bal.ChangesOptions{Types: []bal.ObjectType{bal.ObjectTypeApartment}}) {
		var v *bal.ValidationError
		require.ErrorAs(t, err, &v)
		assert.Equal(t, "Types[0]", v.Problems[0].Path)
	}
	assert.Empty(t, srv.Requests(), "nothing was sent")
}

// Catch up with what changed in the municipality's addresses since the last
// run, and remember where to go on from.
func ExampleClient_Changes() {
	// A stand-in for Lantmäteriet, where a street (adressområde) changes
	// after the follower's last run.
	srv := baltest.NewServer(baltest.WithTime(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)))
	defer srv.Close()
	street := srv.Objects(update1.TypAdressomrade)[0]
	action := update1.Verksamhetsatgard{Atgardstyp: "Ändrad", AnsvarigOrganisation: srv.Kommunkod()}
	if _, err := srv.Put(action, street); err != nil {
		log.Fatal(err)
	}

	addresses := address.New(srv.Client())
	var saved bal.Checkpoint // load it from where you keep it; zero is the start
	for ch, err := range addresses.Changes(context.Background(), saved, nil) {
		if err != nil {
			log.Fatal(err) // a *bal.ResyncError means: read everything afresh
		}
		fmt.Println(ch.Kind, ch.Object.Type, "version", ch.Version)
		saved = ch.Checkpoint // save it once the change is applied on your side
	}
	fmt.Println("go on from", saved)
	// Output:
	// Ändrad Adressomrade version 2
	// go on from 1
}
