package address_test

import (
	"errors"
	"fmt"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
)

// A new address point is checked before it is sent; every problem comes
// back at once, by field path and rule.
func ExamplePoint_Validate() {
	p := &address.Point{
		Designation: address.Designation{Number: "07", Letter: "a", PositionSuffix: address.SuffixU},
		Type:        address.PointTypeVillage,
		Position:    geom.NewPointFlat(geom.XY, []float64{674032, 6580925}).SetSRID(geometry.SWEREF99TM),
		Area:        &address.AreaRef{ID: bal.MustParseObjectID("4b7c1a52-3e1d-4f0a-9b55-1c2d3e4f5a60"), Name: "Lillby", Type: address.AreaTypeVillage},
	}
	err := p.Validate()
	var ve *bal.ValidationError
	if errors.As(err, &ve) {
		for _, pr := range ve.Problems {
			fmt.Println(pr)
		}
	}
	// Output:
	// Designation.Number: adressplatsnummer "07" must be written without leading zeros (format)
	// Designation.Letter: bokstavstillägg "a" must be upper case ("A") (format)
	// Designation.PositionSuffix: lägestillägg "U" is allowed only on a gatuadressplats, not a byadressplats (relation)
	// Designation.PositionNumber: lägestilläggsnummer is required with lägestillägg U (required)
}

// Label writes the address as Lantmäteriet does, which is also what the
// 60-character rule counts.
func ExamplePoint_Label() {
	p := &address.Point{
		Designation: address.Designation{Number: "7", Letter: "A"},
		Area:        &address.AreaRef{Name: "Segelbåtsvägen"},
	}
	fmt.Println(p.Label())
	p.Designation = address.Designation{Number: "12", PositionSuffix: address.SuffixU, PositionNumber: 1}
	fmt.Println(p.Label())
	// Output:
	// Segelbåtsvägen 7A
	// Segelbåtsvägen 12 U1
}

// Values read in any spelling map to the constant that is written; unknown
// values are kept, and Validate refuses them before a write.
func ExampleParseAreaType() {
	fmt.Println(address.ParseAreaType("Gatuadressomrade") == address.AreaTypeStreet)
	t := address.ParseAreaType("Kvartersadressområde")
	fmt.Println(t, t.Known())
	// Output:
	// true
	// Kvartersadressområde false
}
