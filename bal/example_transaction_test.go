package bal_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
)

// Register a finished house all-or-nothing: the building, its address
// point, the entrance at that address and two apartments. Members refer to
// each other by the identities AddCreate gives them.
func ExampleTransaction() {
	// A stand-in for Lantmäteriet; use bal.NewClient with bal.Verification
	// or bal.Production and your credentials instead.
	srv := baltest.NewServer()
	defer srv.Close()
	c := srv.Client()
	bc, ac := building.New(c), address.New(c)
	ctx := context.Background()
	kommun := srv.Kommunkod()
	act := func(t bal.ActionType) bal.Action { return bal.Action{Type: t, Responsible: kommun} }

	// A street of the fake's municipality to put the address on.
	var street bal.ObjectID
	for hit, err := range ac.Areas.Search(ctx, bal.Query{Municipality: bal.MunicipalityCode(kommun)}, nil) {
		if err != nil {
			log.Fatal(err)
		}
		a, err := ac.Areas.Get(ctx, hit.Object.ID, nil)
		if err != nil {
			log.Fatal(err)
		}
		if a.Type == address.AreaTypeStreet {
			street = a.ID
			break
		}
	}
	center := srv.Dataset().Center
	x, y := center[0]+3000, center[1]+3000

	tx := c.NewTransaction()
	house := &building.Building{
		ConstructionYear: 2026,
		Purposes:         []building.Purpose{{Category: building.CategoryResidential, Use: building.UseApartmentBlock, Main: true}},
		Parts: []building.Part{{Placement: building.PlacementRoofEdge,
			Surface: geom.NewPolygonFlat(geom.XY, []float64{x, y, x + 20, y, x + 20, y + 12, x, y + 12, x, y}, []int{10}).SetSRID(3006)}},
	}
	point := &address.Point{
		Designation: address.Designation{Number: "901"},
		Type:        address.PointTypeStreet,
		Position:    geom.NewPointFlat(geom.XY, []float64{x + 10, y - 1}).SetSRID(3006),
		Area:        &address.AreaRef{ID: street},
	}
	steps := []error{
		bc.Buildings.AddCreate(tx, house, act(building.ActionNewCompleted)),
		ac.Points.AddCreate(tx, point, act(address.ActionNew)),
	}
	entrance := &building.Entrance{BuildingID: house.ID, Type: building.EntranceResidentialApartments,
		Address: &building.AddressRef{ID: point.ID}}
	steps = append(steps, bc.Entrances.AddCreate(tx, entrance, act(building.ActionNewEntrance)))
	for _, number := range []string{"1001", "1002"} {
		steps = append(steps, bc.Apartments.AddCreate(tx,
			&building.Apartment{EntranceID: entrance.ID, Number: number}, act(building.ActionNewApartment)))
	}
	if err := errors.Join(steps...); err != nil {
		log.Fatal(err) // each member is validated as it is added
	}

	receipts, err := tx.Commit(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for i, ref := range tx.Objects() {
		fmt.Println(ref.Type, "version", receipts[i].Version, ref.ID == receipts[i].ID)
	}
	// Output:
	// Byggnad version 1 true
	// Adressplats version 1 true
	// Entre version 1 true
	// Lagenhet version 1 true
	// Lagenhet version 1 true
}
