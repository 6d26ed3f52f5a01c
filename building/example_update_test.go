package building_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"slices"
	"strings"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
)

// plannedBuilding is a building from an approved building permit, on the
// first property of the fake's municipality.
func plannedBuilding(srv *baltest.Server) *building.Building {
	ds := srv.Dataset()
	e, n := ds.Center[0]+2000, ds.Center[1]+2000
	return &building.Building{
		ConstructionYear: 2027,
		Purposes:         []building.Purpose{{Category: building.CategoryResidential, Use: building.UseApartmentBlock, Main: true}},
		Parts: []building.Part{{
			Placement: building.PlacementRoofEdge,
			Surface:   geom.NewPolygonFlat(geom.XY, []float64{e, n, e + 24, n, e + 24, n + 12, e, n + 12, e, n}, []int{10}).SetSRID(3006),
		}},
		LiesOn: []bal.PropertyRef{{ID: ds.Properties[0].ID}},
	}
}

// Register a planned building from a building permit and read it back.
func ExampleBuildingService_Create() {
	// A stand-in for Lantmäteriet; use bal.NewClient with bal.Verification
	// or bal.Production and your credentials instead.
	srv := baltest.NewServer()
	defer srv.Close()
	bc := building.New(srv.Client())
	ctx := context.Background()

	receipt, err := bc.Buildings.Create(ctx, plannedBuilding(srv), bal.Action{
		Type:        building.ActionPermitApproved, // "Godkänt bygglov": the building is Planerad
		Responsible: srv.Kommunkod(),
	})
	if err != nil {
		log.Fatal(err)
	}
	b, err := bc.Buildings.Get(ctx, receipt.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("version", receipt.Version, b.Status, b.ConstructionYear, b.Purposes[0].Use)
	fmt.Println("recorded action:", b.Action.Type)
	// Output:
	// version 1 Planerad 2027 Flerfamiljshus
	// recorded action: Godkänt bygglov
}

// Someone else — here Lantmäteriet — changes the building after it was
// read. Update refuses the stale version with a *bal.ConflictError; Modify
// reads the building again and re-applies the change.
func ExampleBuildingService_Modify() {
	srv := baltest.NewServer()
	defer srv.Close()
	bc := building.New(srv.Client())
	ctx := context.Background()
	act := bal.Action{Type: building.ActionBuildingChanged, Responsible: srv.Kommunkod()}

	r, err := bc.Buildings.Create(ctx, plannedBuilding(srv), bal.Action{Type: building.ActionPermitApproved, Responsible: srv.Kommunkod()})
	if err != nil {
		log.Fatal(err)
	}
	mine, err := bc.Buildings.Get(ctx, r.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	// Lantmäteriet changes the building in the meantime.
	if _, err := srv.EditBuilding(r.ID, nil); err != nil {
		log.Fatal(err)
	}

	mine.HouseNumber = 2
	_, err = bc.Buildings.Update(ctx, mine, act)
	var conflict *bal.ConflictError
	if errors.As(err, &conflict) {
		fmt.Println("conflict: read at version", mine.Version, "but it is now at", conflict.Current)
	}

	done, err := bc.Buildings.Modify(ctx, r.ID, func(b *building.Building) error {
		b.HouseNumber = 2
		return nil
	}, act, nil)
	if err != nil {
		log.Fatal(err)
	}
	b, err := bc.Buildings.Get(ctx, r.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("modified: version", done.Version, "house", b.HouseNumber)
	// Output:
	// conflict: read at version 1 but it is now at 2
	// modified: version 3 house 2
}

// Change one field, clear another, and leave everything else as it is
// stored: the change function sees the building as it is now and touches
// only what it means to change.
func ExampleBuildingService_Modify_partial() {
	srv := baltest.NewServer()
	defer srv.Close()
	bc := building.New(srv.Client())
	ctx := context.Background()

	b := plannedBuilding(srv)
	b.TaxUnit = &building.TaxUnit{Identity: "100200300"}
	r, err := bc.Buildings.Create(ctx, b, bal.Action{Type: building.ActionPermitApproved, Responsible: srv.Kommunkod()})
	if err != nil {
		log.Fatal(err)
	}

	_, err = bc.Buildings.Modify(ctx, r.ID, func(b *building.Building) error {
		b.Status = bal.StatusValid
		b.ConstructionYear = 2028
		b.TaxUnit = nil
		return nil
	}, bal.Action{Type: building.ActionCompleted, Responsible: srv.Kommunkod()}, nil)
	if err != nil {
		log.Fatal(err)
	}
	got, err := bc.Buildings.Get(ctx, r.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.Status, got.ConstructionYear, got.TaxUnit == nil, got.Purposes[0].Use)
	// Output:
	// Gällande 2028 true Flerfamiljshus
}

// Writes are checked before anything is sent; every problem is listed with
// its rule.
func ExampleBuildingService_Create_invalid() {
	srv := baltest.NewServer()
	defer srv.Close()
	bc := building.New(srv.Client())

	b := plannedBuilding(srv)
	b.TaxUnit = &building.TaxUnit{Identity: "1"}
	b.ValuationUnit = &building.ValuationUnit{Identity: "2"}
	_, err := bc.Buildings.Create(context.Background(), b, bal.Action{Type: "Ny", Responsible: srv.Kommunkod()})
	var invalid *bal.ValidationError
	if errors.As(err, &invalid) {
		for _, p := range invalid.Problems {
			fmt.Println(p.Path, p.Rule)
		}
	}
	// Output:
	// ValuationUnit B-0035
	// Action.Type code-list
}

// Search the update services; pages are fetched as the loop reaches them.
func ExampleBuildingService_Search() {
	srv := baltest.NewServer()
	defer srv.Close()
	bc := building.New(srv.Client())
	ctx := context.Background()
	for i, name := range []string{"Kvarngården norra", "Kvarngården södra", "Kvarngården östra"} {
		b := plannedBuilding(srv)
		b.HouseNumber = i + 1
		b.Names = []building.Name{{Text: name, Type: building.NameAlternative}}
		if _, err := bc.Buildings.Create(ctx, b, bal.Action{Type: building.ActionPermitApproved, Responsible: srv.Kommunkod()}); err != nil {
			log.Fatal(err)
		}
	}

	var labels []string
	for hit, err := range bc.Buildings.Search(ctx, bal.Query{
		Name:     "kvarngården",
		Statuses: []bal.Status{bal.StatusPlanned},
	}, &bal.SearchOptions{PageSize: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		labels = append(labels, hit.Label)
	}
	slices.Sort(labels)
	fmt.Println(strings.Join(labels, "\n"))
	// Output:
	// Kvarngården norra
	// Kvarngården södra
	// Kvarngården östra
}
