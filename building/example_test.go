package building_test

import (
	"context"
	"fmt"
	"log"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/geometry"
)

// Fetch a building with its footprint and print the footprint in the
// municipality's local zone. Lantmäteriet answers in SWEREF 99 TM unless
// asked otherwise; this municipality maps in SWEREF 99 16 30 (EPSG:3010).
func ExampleDirektService_Get() {
	// The fake Lantmäteriet with its generated municipality; use
	// bal.NewClient with bal.Verification or bal.Production and your
	// credentials instead.
	srv := baltest.NewServer()
	defer srv.Close()
	buildings := building.New(srv.Client())

	id := bal.MustParseObjectID("c44fbfc1-f4d1-49c2-8461-6ed84445ca47")
	b, err := buildings.Direkt.Get(context.Background(), id, &building.DirektOptions{
		Include: []building.Include{building.IncludeBase, building.IncludeGeometry},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(b.Status, b.ConstructionYear, b.Purposes[0].Use)
	for _, part := range b.Parts {
		local, err := geometry.Transform(part.Surface, geometry.SWEREF99_1630)
		if err != nil {
			log.Fatal(err)
		}
		wkt, err := geometry.MarshalEWKT(geometry.RoundCoordinates(local, 3))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(part.Placement, wkt)
	}
	// Output:
	// Gällande 2013 Småhus radhus
	// Takkant SRID=3010;POLYGON Z ((184001 6728004 32, 184023 6728004 32, 184023 6728015 32, 184001 6728015 32, 184001 6728004 32))
}
