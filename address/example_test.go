package address_test

import (
	"context"
	"fmt"
	"log"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/internal/direktfake"
	"github.com/tjanstebaserad/bal-go/property"
)

// Find every address on a property, knowing only its designation: look the
// designation up in Registerbeteckning Direkt to get the registerenhet's
// id, which is what address points refer to, then ask Belägenhetsadress
// Direkt for the points on it.
func ExampleDirektService_ByProperty() {
	// A stand-in for Lantmäteriet; use bal.NewClient with bal.Verification
	// or bal.Production and your credentials instead.
	srv := direktfake.New(direktfake.Sample())
	defer srv.Close()
	c := srv.Client()
	properties, addresses := property.New(c), address.New(c)

	ctx := context.Background()
	unit, err := properties.Lookup(ctx, "Stockholm Segelbåten 1", nil)
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
	// Stockholm Segelbåten 1 Fastighet
	// Segelbåtsvägen 7A, 11264 Stockholm (674025.50 E, 6580809.50 N)
	// Segelbåtsvägen 7B, 11264 Stockholm (674040.25 E, 6580809.50 N)
}
