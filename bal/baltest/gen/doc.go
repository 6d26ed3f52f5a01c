// Package gen generates a fictional Swedish municipality's BAL data,
// deterministically from a seed and a size: kommundelar, street, village
// and metre-distance address areas with realistic Swedish names, courtyard
// areas, registerenheter (properties with designations such as
// "Exempelby Backa 1:23"), buildings with footprints and RH 2000 heights,
// entrances, apartments numbered by floor and door (1001, 1002, 1101 …),
// address points on the entrances, and some open deficiencies and cases.
//
// The data is in the SDK's own types, as a test writer uses them:
// Dataset.Buildings are *building.Building, Points *address.Point,
// Deficiencies *deficiency.Deficiency, Cases *casefile.Case, Properties
// (registerenheter) *Property; each object at objektversion 1 with its
// recorded Verksamhetsåtgärd.
//
//	d, err := gen.Generate(gen.Config{Seed: 1, Buildings: 1000})
//	b := d.Buildings[0] // b.LiesOn[0].ID is d.Properties[…].ID
//
// The same Config gives the same Dataset, byte for byte when written with
// WriteExtract: all randomness comes from one seeded PCG generator consumed
// in a fixed order, identities included, and no map is ever iterated.
// Coordinates go through the projection formulas and are rounded to
// millimetres; an architecture whose floating point fuses operations
// differently could land on the other side of a rounding tie, so the
// guarantee is per architecture, not across them.
//
// Every generated object passes the BAL rules the SDK validates and the
// fake server (package baltest) enforces. The data is laid out on a grid in
// the municipality's local SWEREF 99 zone (plots side by side along
// straight streets, so footprints never overlap) and stored, as
// Lantmäteriet stores it, in SWEREF 99 TM: footprints in 5845 (SWEREF 99 TM
// + RH 2000, with heights), points and property areas in 3006.
//
// Nothing here is real: the names are invented from common Swedish word
// parts, and the default kommunkod 2199 is not a municipality (its county
// prefix 21, Gävleborg, is real).
package gen
