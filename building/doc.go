// Package building holds Lantmäteriet's information model for buildings,
// entrances and apartments as Go types, with the public BAL rules as
// validation.
//
// The model ("Informationsmodell för utbyte av Byggnad och Lägenhet" v1.14)
// has three object types, each embedding bal.Meta (objektidentitet,
// objektversion, validity, objektstatus and the Verksamhetsåtgärd):
//
//   - Building, a Byggnad: its attributes (husnummer, years, flags), its
//     purposes, names, remarks, parts with surface geometry and accuracy,
//     shelters, Skatteverket unit and property relations;
//   - Entrance, an Entré: a way into a building, with its address point;
//   - Apartment, a Lägenhet: a dwelling behind an entrance, with its
//     lägenhetsnummer, rooms, area and kitchen.
//
// An apartment refers to its entrance, an entrance to its building and to an
// address point (package address).
//
// # Code lists
//
// Each of Lantmäteriet's value lists is a string type whose constants keep
// the spelling the XML services write ("Takkant", "Småhus friliggande",
// "Bostadsadress med registrerad lägenhet", "Ja") and that implements
// encoding.TextUnmarshaler and encoding.TextMarshaler: UnmarshalText reads
// any case and the ASCII-folded spellings of the JSON services
// ("OvrigByggnad") and keeps unknown values, so nothing read is lost;
// MarshalText writes Lantmäteriet's spelling; Validate refuses values that
// are unknown or not spelled exactly, because Lantmäteriet would refuse the
// write. bal.Codes lists a list's values (bal.Codes[building.Category]()). The lists Lantmäteriet has not published are open: the uses of the
// Verksamhet, Ekonomibyggnad, Komplementbyggnad and Övrig byggnad
// categories, the lägenhetskategori, and the accuracy metadata
// (utvärderingsmetod, statistisk metod, värdeenhet) accept any value.
// BuildingActionTypes, EntranceActionTypes and ApartmentActionTypes list
// the åtgärdstyper each object type takes.
//
// # Validation
//
// Validate runs before anything is sent and returns a *bal.ValidationError
// (matching bal.ErrValidation) with every problem by field path and rule,
// e.g. "Purposes[0].Use" (code-list) or "Parts[1].Surface.ring[0].vertex[3]"
// (geometry). It implements Lantmäteriet's rules B-0035 (a taxeringsenhet
// or a värderingsenhet, not both) and the part of B-0084 a client can see (a
// building affected by a property must lie on one); the lägenhetsnummer of
// four digits (floor and door, door from 01); non-negative rooms and areas
// with sane upper bounds; names with an upper-case first letter; surfaces
// that are valid polygons in a Swedish CRS; and code lists.
// Rule BAL-3015 (a retired object keeps its status) is checked by Modify
// against the status it read, and by the server.
package building
