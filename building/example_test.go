package building_test

import (
	"errors"
	"fmt"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/geometry"
)

// A building is checked before it is sent; every problem comes back at
// once, by field path and rule id.
func ExampleBuilding_Validate() {
	area := 162.0
	b := &building.Building{
		HouseNumber: 3,
		Purposes: []building.Purpose{
			{Category: building.CategoryResidential, Use: building.UseSchool, Main: true, TotalLivingArea: &area},
		},
		Parts: []building.Part{{
			Placement: building.PlacementRoofEdge,
			// The ring is not closed: the last corner is missing.
			Surface: geom.NewPolygonFlat(geom.XY, []float64{
				674000, 6580000, 674010, 6580000, 674010, 6580012, 674000, 6580012,
			}, []int{8}).SetSRID(geometry.SWEREF99TM),
		}},
		TaxUnit:       &building.TaxUnit{Identity: "123456789"},
		ValuationUnit: &building.ValuationUnit{Identity: "987654321"},
	}
	var ve *bal.ValidationError
	if errors.As(b.Validate(), &ve) {
		for _, p := range ve.Problems {
			fmt.Printf("%s (%s)\n", p.Path, p.Rule)
		}
	}
	// Output:
	// Purposes[0].Use (code-list)
	// Parts[0].Surface.ring[0].vertex[3] (geometry)
	// ValuationUnit (B-0035)
}

// The lägenhetsnummer tells the floor and the door.
func ExampleApartment_Floor() {
	a := &building.Apartment{Number: "1102"}
	floor, _ := a.Floor()
	door, _ := a.Door()
	fmt.Printf("floor %d (10 is the entrance floor), door %d\n", floor, door)
	fmt.Println(a.Validate())
	// Output:
	// floor 11 (10 is the entrance floor), door 2
	// bal: invalid building.Apartment: EntranceID: the entré's objektidentitet is required (required)
}

// The action type must belong to the object type.
func ExampleEntrance_ValidateAction() {
	e := &building.Entrance{}
	fmt.Println(e.ValidateAction(bal.Action{Type: building.ActionNewEntrance, Responsible: "2180"}))
	fmt.Println(e.ValidateAction(bal.Action{Type: building.ActionNewCompleted, Responsible: "2180"}))
	// Output:
	// <nil>
	// bal: invalid building.Entrance: Action.Type: "Ny färdigbyggd byggnad" is not an åtgärdstyp for an entrance (Ny entré, Ändrad entréinformation, Borttagen entré) (code-list)
}
