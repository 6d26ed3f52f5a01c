package address_test

import (
	"context"
	"fmt"
	"log"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
)

// Give a new street its first address: a kommundel, the gatuadressområde,
// and an adressplats in it; then find it by name.
func ExamplePointService_Create() {
	// A stand-in for Lantmäteriet; use bal.NewClient with bal.Verification
	// or bal.Production and your credentials instead.
	srv := baltest.NewServer()
	defer srv.Close()
	ac := address.New(srv.Client())
	ctx := context.Background()
	ny := bal.Action{Type: address.ActionNew, Responsible: srv.Kommunkod()}

	district, err := ac.Districts.Create(ctx, &address.District{
		Name:         "Hamnen",
		Municipality: address.Municipality{Code: bal.MunicipalityCode(srv.Kommunkod())},
	}, ny)
	if err != nil {
		log.Fatal(err)
	}
	street, err := ac.Areas.Create(ctx, &address.Area{
		Name: "Segelbåtsvägen", Type: address.AreaTypeStreet, District: address.DistrictRef{ID: district.ID},
	}, ny)
	if err != nil {
		log.Fatal(err)
	}
	c := srv.Dataset().Center
	point, err := ac.Points.Create(ctx, &address.Point{
		Designation:   address.Designation{Number: "7", Letter: "A"},
		Type:          address.PointTypeStreet,
		Placement:     address.PlacementEntrance,
		Position:      geom.NewPointFlat(geom.XY, []float64{c[0] + 1500, c[1] - 800}).SetSRID(3006),
		AddressStatus: address.StatusValid,
		Area:          &address.AreaRef{ID: street.ID},
	}, ny)
	if err != nil {
		log.Fatal(err)
	}

	p, err := ac.Points.Get(ctx, point.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Label(), p.Status, "version", p.Version)
	for hit, err := range ac.Points.Search(ctx, bal.Query{Name: "segelbåtsvägen"}, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("found:", hit.Label, hit.Object.ID == point.ID)
	}
	// Output:
	// Segelbåtsvägen 7A Gällande version 1
	// found: Segelbåtsvägen 7A true
}
