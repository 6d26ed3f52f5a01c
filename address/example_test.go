package address_test

import (
	"context"
	"fmt"
	"log"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/property"
)

// Find every address on a property, knowing only its designation: look the
// designation up in Registerbeteckning Direkt to get the registerenhet's
// id, which is what address points refer to, then ask Belägenhetsadress
// Direkt for the points on it.
func ExampleDirektService_ByProperty() {
	// The fake Lantmäteriet with its generated municipality; use
	// bal.NewClient with bal.Verification or bal.Production and your
	// credentials instead.
	srv := baltest.NewServer()
	defer srv.Close()
	c := srv.Client()
	properties, addresses := property.New(c), address.New(c)

	ctx := context.Background()
	unit, err := properties.Lookup(ctx, "Exempelby Backsjö 1:1", nil)
	if err != nil {
		log.Fatal(err)
	}
	points, err := addresses.Direkt.ByProperty(ctx, unit.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(unit.Designation, unit.Type)
	for _, p := range points {
		fmt.Printf("%s, %s %s (%.2f E, %.2f N)\n", p.Label(), p.PostalCode, p.PostTown, p.Position.X(), p.Position.Y())
	}
	// Output:
	// Exempelby Backsjö 1:1 Fastighet
	// Häggbacken 1A, 80010 Exempelby (615965.81 E, 6727024.22 N)
	// Häggbacken 1B, 80010 Exempelby (615971.31 E, 6727024.34 N)
	// Häggbacken 1C, 80010 Exempelby (615976.81 E, 6727024.47 N)
	// Häggbacken 1D, 80010 Exempelby (615982.31 E, 6727024.60 N)
}
