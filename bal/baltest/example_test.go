package baltest_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/casefile"
	"github.com/tjanstebaserad/bal-go/deficiency"
)

// Start a fake Lantmäteriet with a generated municipality and read a
// building's footprint in the municipality's local zone through the SDK.
func Example() {
	s := baltest.NewServer() // 100 buildings in kommun 2199 "Exempelby"
	defer s.Close()
	c := s.Client()
	defer c.CloseIdleConnections()

	d := s.Dataset() // the generated data, in the SDK's types
	b, err := building.New(c).Direkt.Get(context.Background(), d.Buildings[0].ID, &building.DirektOptions{SRID: d.Config.Zone})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b.LiesOn[0].Designation)
	fmt.Println("footprint in EPSG", b.Parts[0].Surface.SRID(), "with", b.Parts[0].Surface.Layout(), "coordinates")
	// Output:
	// Exempelby Backsjö 1:1
	// footprint in EPSG 3010 with XYZ coordinates
}

// Make Lantmäteriet change a building, so that a client that read it before
// meets a version conflict on its next change.
func ExampleServer_EditBuilding() {
	s := baltest.NewServer()
	defer s.Close()
	id := s.Dataset().Buildings[0].ID

	r, err := s.EditBuilding(id, func(b *building.Building) { b.ExtensionYear = 2025 })
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("objektversion", r.Version)
	changes := s.Changes()
	fmt.Println(len(changes), "change:", changes[0].Object.Type, changes[0].Kind, "checkpoint", changes[0].Checkpoint)
	// Output:
	// objektversion 2
	// 1 change: Byggnad Ändrad checkpoint 1
}

// Check what a client wrote: Get reads the fake's copy of an object in the
// SDK's type, whatever the client under test did with it.
func ExampleGet() {
	s := baltest.NewServer()
	defer s.Close()
	c := s.Client()
	defer c.CloseIdleConnections()
	ctx := context.Background()
	id := s.Dataset().Buildings[0].ID

	// The code under test: a change through the SDK.
	_, err := building.New(c).Buildings.Modify(ctx, id, func(b *building.Building) error {
		b.ConstructionYear = 1987
		return nil
	}, bal.Action{Type: building.ActionBuildingChanged, Responsible: s.Kommunkod()}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}

	b, ok := baltest.Get[building.Building](s, id)
	fmt.Println(ok, b.ConstructionYear, b.Version, b.Action.Type)
	// Output:
	// true 1987 2 Ändrad byggnadsinformation
}

// Seed the fake with objects of your own: Put stores them as Lantmäteriet
// would, through the server's rules, and they enter the change feed.
func ExamplePut() {
	s := baltest.NewServer(baltest.WithoutData())
	defer s.Close()
	action := bal.Action{Type: address.ActionNew, Responsible: s.Kommunkod()}

	d, err := baltest.Put(s, &address.District{Name: "Norrby",
		Municipality: address.Municipality{Code: "2199", Name: "Exempelby"}}, action)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = baltest.Put(s, &address.Area{Name: "Storgatan", Type: address.AreaTypeStreet,
		District: address.DistrictRef{ID: d.ID}}, action)
	if err != nil {
		fmt.Println(err)
		return
	}
	// An area needs an existing district: the server's rules refuse it.
	_, err = baltest.Put(s, &address.Area{Name: "Lillgatan", Type: address.AreaTypeStreet,
		District: address.DistrictRef{ID: bal.NewObjectID()}}, action)
	fmt.Println(err != nil)

	for _, a := range baltest.Objects[address.Area](s) {
		fmt.Println(a.Name, "in", a.District.Name)
	}
	fmt.Println(s.Count(bal.ObjectTypeDistrict), "district,", len(s.Changes()), "changes")
	// Output:
	// true
	// Storgatan in Norrby
	// 1 district, 2 changes
}

// Make Lantmäteriet's quality control raise deficiencies, and read them
// as the municipality's system would.
func ExampleServer_RaiseDeficiency() {
	s := baltest.NewServer()
	defer s.Close()
	c := s.Client()
	defer c.CloseIdleConnections()
	b := s.Dataset().Buildings[0]

	raised, err := s.RaiseDeficiency(bal.ObjectRef{Type: bal.ObjectTypeBuilding, ID: b.ID},
		deficiency.TypeBuildingWithoutAddress, "Huvudbyggnaden saknar entré med adress.")
	if err != nil {
		fmt.Println(err)
		return
	}
	got, err := deficiency.New(c).Get(context.Background(), raised.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.Type, got.Status, got.Object.ID == b.ID, got.Property.Designation)
	// Output:
	// Byggnad saknar adress Öppen true Exempelby Backsjö 1:1
}

// Make Lantmäteriet register a property formation: the building moves to a
// new registerenhet and a case tells the municipality.
func ExampleServer_FormProperty() {
	s := baltest.NewServer()
	defer s.Close()
	b := s.Dataset().Buildings[0]

	c, p, err := s.FormProperty(b.LiesOn[0].ID, b.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Type, c.Status, "→", p.Designation)
	moved, _ := baltest.Get[building.Building](s, b.ID)
	fmt.Println(moved.LiesOn[0].ID == p.ID, moved.Version)
	closed, _ := s.SetCaseStatus(c.ID, casefile.StatusClosed)
	fmt.Println(closed.Status)
	// Output:
	// Fastighetsbildningsärende Inkommen → Exempelby Backsjö 1:1001
	// true 2
	// Avslutad
}

// Make every third write of buildings fail with 503, as an overloaded
// gateway would.
func ExampleServer_Inject() {
	s := baltest.NewServer(baltest.WithoutData())
	defer s.Close()
	remove := s.Inject(baltest.FaultRule{
		Name: "overloaded", Method: http.MethodPost, PathPrefix: s.UpdatePath() + "/byggnad",
		Kind: baltest.FaultStatus, Status: http.StatusServiceUnavailable, Every: 3,
	})
	defer remove()
	fmt.Println(s.FaultsFired("overloaded"))
	// Output: 0
}
