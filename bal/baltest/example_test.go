package baltest_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
)

// Start a fake Lantmäteriet with a generated municipality and read a
// building's footprint in the municipality's local zone through the SDK.
func Example() {
	s := baltest.NewServer() // 100 buildings in kommun 2199 "Exempelby"
	defer s.Close()
	c := s.Client()
	defer c.CloseIdleConnections()

	d := s.Dataset()
	id := bal.MustParseObjectID(d.Byggnader[0].Objektidentitet)
	b, err := building.New(c).Direkt.Get(context.Background(), id, &building.DirektOptions{SRID: d.Config.Zone})
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
	id := s.Dataset().Byggnader[0].Objektidentitet

	k, err := s.EditBuilding(id, func(b *baltest.Byggnad) { b.Byggnadsattribut.Tillbyggnadsar = 2025 })
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("objektversion", k.Objektversion)
	changes := s.Changes()
	fmt.Println(len(changes), "change:", changes[0].Objekttyp, changes[0].Forandringstyp)
	// Output:
	// objektversion 2
	// 1 change: Byggnad Ändrad
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
