package geometry_test

import (
	"fmt"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// A location in Finspång lies in the areas of use of both SWEREF 99 15 00 and 16 30; 16 30's
// central meridian is nearer.
func ExampleSuggestZone() {
	s, err := geometry.SuggestZone(15.77, 58.71)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s, %.2f° from its central meridian\n", s.Zone.Name, s.Offset)
	for _, a := range s.Alternatives {
		fmt.Println("also covers it:", a.Name)
	}
	// Output:
	// SWEREF 99 16 30, -0.73° from its central meridian
	// also covers it: SWEREF 99 15 00
}

// What Härnösand says about its own systems, and where it says it.
func ExampleKnownZone() {
	v, ok := geometry.KnownZone("2280")
	if !ok {
		return
	}
	fmt.Println(v.Municipality, "uses", v.CRS().Name, "since", v.Since)
	fmt.Println("heights:", v.Heights)
	// Output:
	// Härnösand uses SWEREF 99 17 15 since 2011
	// heights: Härnösands lokala (RH 00-based), not RH 2000
}

// A mirror for Linköping (0580), whose zone is not verified: the configuration may name it;
// without that, the municipality's data say where it is, and the suggestion is used and
// labelled as one.
func ExampleMunicipalityZone() {
	building := geom.NewPointFlat(geom.XY, []float64{536500, 6474200}).SetSRID(geometry.SWEREF99TM)

	c, err := geometry.MunicipalityZone("0580", &geometry.ZoneOptions{Near: building})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Zone.Name, "from", c.Source)

	c, err = geometry.MunicipalityZone("0580", &geometry.ZoneOptions{
		Overrides: map[string]int{"0580": geometry.SWEREF99_1630},
		Near:      building,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Zone.Name, "from", c.Source, "(the suggestion was", c.Suggestion.Zone.Name+")")

	_, err = geometry.MunicipalityZone("0580", nil)
	fmt.Println(err)
	// Output:
	// SWEREF 99 15 00 from suggestion
	// SWEREF 99 16 30 from override (the suggestion was SWEREF 99 15 00)
	// municipality zone 0580: no override, no verified row, and no location to suggest from (set ZoneOptions.Overrides or Near): no sweref 99 zone
}
