package conformance_test

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
)

// fedChange is a change of the feed with the object it carries, decoded by
// the typed package, so that both compare as plain values.
type fedChange struct {
	Change bal.Change
	Object any
}

// storyPoint, storyEntrance and storyApartment are the story's objects as
// the documents write them after the transaction (adressplats-get.200.xml,
// entrelista.200.xml, lagenhetslista.200.xml).
func storyPoint() *address.Point {
	return &address.Point{
		Meta:          bal.Meta{ID: id(pointID), Version: 1, ValidFrom: at(written), Status: "Gällande", Action: ptr(action("Ny"))},
		Designation:   address.Designation{Number: "7", Letter: "A"},
		Type:          "Gatuadressplats",
		Placement:     "Ingång",
		Position:      geom.NewPointFlat(geom.XY, []float64{617010, 6729006}).SetSRID(3006),
		AddressStatus: "Gällande",
		Area:          &address.AreaRef{ID: id(areaID), Name: "Backavägen", Type: "Gatuadressområde"},
		Property:      &bal.PropertyRef{ID: id(propertyID), Designation: "Exempelby Backa 1:23", Type: "Fastighet"},
	}
}

func storyEntrance() *building.Entrance {
	return &building.Entrance{
		Meta:       bal.Meta{ID: id(entranceID), Version: 1, ValidFrom: at(written), Status: "Gällande", Action: ptr(action(building.ActionNewEntrance))},
		BuildingID: id(buildingID), Type: building.EntranceResidentialApartments, Elevator: "Nej",
		Address: &building.AddressRef{ID: id(pointID), Label: "Backavägen 7A"},
	}
}

func storyApartment() *building.Apartment {
	return &building.Apartment{
		Meta:       bal.Meta{ID: id(apartmentID), Version: 1, ValidFrom: at(written), Status: "Gällande", Action: ptr(action(building.ActionNewApartment))},
		EntranceID: id(entranceID), Number: "1001", NumberDecided: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
		Rooms: ptr(3), LivingArea: ptr(74.5), Kitchen: building.KitchenFull,
	}
}

// decodeFed decodes each change's object with the typed package.
func decodeFed(seq func(func(bal.Change, error) bool)) ([]fedChange, error) {
	var out []fedChange
	for ch, err := range seq {
		if err != nil {
			return nil, err
		}
		var o any
		switch {
		case ch.Body == nil:
		case ch.Object.Type == bal.ObjectTypeAddressPoint:
			o, err = address.PointFromChange(ch)
		case ch.Object.Type == bal.ObjectTypeEntrance:
			o, err = building.EntranceFromChange(ch)
		case ch.Object.Type == bal.ObjectTypeApartment:
			o, err = building.ApartmentFromChange(ch)
		case ch.Object.Type == bal.ObjectTypeBuilding:
			o, err = building.FromChange(ch)
		}
		if err != nil {
			return nil, err
		}
		ch.Body = nil
		out = append(out, fedChange{Change: ch, Object: o})
	}
	return out, nil
}

// TestClientReadsTheFasterFeed holds the SDK to the documents of the
// 2026-11-30 additions: the feed with objects (objekt=med), a retirement
// that carries none, and the batch read.
func TestClientReadsTheFasterFeed(t *testing.T) {
	t.Parallel()
	change := func(seq int64, typ bal.ObjectType, oid string, v bal.Version, kind bal.ChangeKind) bal.Change {
		return bal.Change{Sequence: seq, Object: bal.ObjectRef{Type: typ, ID: id(oid)}, Version: v, Kind: kind,
			Time: at(written), Checkpoint: bal.Checkpoint(strconv.FormatInt(seq, 10))}
	}
	tests := []struct {
		name    string
		call    func(ctx context.Context, c *bal.Client) (any, error)
		path    string
		query   url.Values
		answers []stubAnswer
		want    any
	}{
		{
			name: "feed with objects",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return decodeFed(c.Changes(ctx, "2", &bal.ChangesOptions{PageSize: 3, WithObjects: true}))
			},
			path:  "/forandringar",
			query: url.Values{"fran": {"2"}, "max": {"3"}, "objekt": {"med"}},
			answers: []stubAnswer{{status: 200, file: "forandringar-objekt.200.xml"},
				{status: 200, file: "forandringar-objekt-avregistrerad.200.xml"}, {status: 200, file: "forandringar-tom.200.xml"}},
			want: []fedChange{
				{change(3, bal.ObjectTypeAddressPoint, pointID, 1, bal.ChangeCreated), storyPoint()},
				{change(4, bal.ObjectTypeEntrance, entranceID, 1, bal.ChangeCreated), storyEntrance()},
				{change(5, bal.ObjectTypeApartment, apartmentID, 1, bal.ChangeCreated), storyApartment()},
				{change(7, bal.ObjectTypeBuilding, buildingID, 4, bal.ChangeRetired), nil},
			},
		},
		{
			name: "batch read",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return collect(address.New(c).Points.GetMany(ctx, []bal.ObjectID{id(batchUnknownID), id(pointID)}),
					func(err error) bool { return assert.ErrorIs(t, err, bal.ErrNotFound) })
			},
			path:    "/adressplats",
			query:   url.Values{"id": {batchUnknownID, pointID}},
			answers: []stubAnswer{{status: 200, file: "adressplats-lista.200.xml"}},
			want:    []*address.Point{storyPoint()},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, st := newStubClient(t, tt.answers...)
			got, err := tt.call(t.Context(), c)
			require.NoError(t, err)
			sent := st.requests()
			require.NotEmpty(t, sent)
			assert.Equal(t, "GET", sent[0].method)
			assert.Equal(t, tt.path, sent[0].path)
			assert.Equal(t, tt.query, sent[0].query)
			assert.Empty(t, cmp.Diff(tt.want, got, geomEqual, cmpopts.EquateEmpty()))
		})
	}
}

// batchUnknownID is the id the batch-read document leaves out.
const batchUnknownID = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b"
