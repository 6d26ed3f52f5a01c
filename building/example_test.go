package building_test

import (
	"context"
	"fmt"
	"log"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/direktfake"
)

// Fetch a building with its footprint and print the footprint in the
// municipality's local zone. Lantmäteriet answers in SWEREF 99 TM unless
// asked otherwise; Stockholm maps in SWEREF 99 18 00 (EPSG:3011).
func ExampleDirektService_Get() {
	// A stand-in for Lantmäteriet; use bal.NewClient with bal.Verification
	// or bal.Production and your credentials instead.
	srv := direktfake.New(direktfake.Sample())
	defer srv.Close()
	buildings := building.New(srv.Client())

	id := bal.MustParseObjectID("39722cbb-f8b9-404b-a045-c5e6175f1001")
	b, err := buildings.Direkt.Get(context.Background(), id, &building.DirektOptions{
		Include: []building.Include{building.IncludeBase, building.IncludeGeometry},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(b.Status, b.ConstructionYear, b.Purposes[0].Use)
	for _, part := range b.Parts {
		local, err := geometry.Transform(part.Surface, geometry.SWEREF99_1800)
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
	// Gällande 1962 Flerfamiljshus
	// Takkant SRID=3011;POLYGON ((153356.788 6579446.226, 153381.763 6579445.1, 153382.664 6579465.081, 153357.688 6579466.206, 153356.788 6579446.226))
}
