// Package address holds Lantmäteriet's information model for
// belägenhetsadresser (location addresses) as Go types, with the public BAL
// rules as validation.
//
// The model ("Informationsutbytesmodell Belägenhetsadress" v1.11) has four
// object types, each embedding bal.Meta (objektidentitet, objektversion,
// validity, objektstatus and the Verksamhetsåtgärd):
//
//   - Point, an Adressplats: the designated place ("7A") with its type,
//     position and status;
//   - Area, an Adressområde: the named street, road or village
//     ("Segelbåtsvägen") that points belong to;
//   - CourtyardArea, a Gårdsadressområde: a farmstead within a village that
//     gårdsadressplatser belong to;
//   - District, a Kommundel: the part of a municipality areas belong to.
//
// Point → Area or CourtyardArea → District → Municipality; a point also lies
// within a property (bal.PropertyRef). References carry the id, which is what
// a write sends, and the names and types the read services add, which
// Validate uses for the rules that span objects.
//
// # Code lists
//
// Each of Lantmäteriet's value lists is a string type whose constants keep
// the spelling the XML services write ("Gatuadressplats", "Ungefärligt
// lägesbestämd", "UH") and that implements encoding.TextUnmarshaler and
// encoding.TextMarshaler: UnmarshalText reads any case and the ASCII-folded
// spellings of the JSON services and keeps unknown values, so nothing read
// is lost; MarshalText writes Lantmäteriet's spelling; Validate refuses
// values that are unknown or not spelled exactly, because Lantmäteriet
// would refuse the write. bal.Codes lists a list's values
// (bal.Codes[address.PointType]()). ActionTypes lists the åtgärdstyper
// (Ny, Ändrad, Borttagen, Migrerat objekt) every address object takes.
//
// # Validation
//
// Validate runs before anything is sent and returns a *bal.ValidationError
// (matching bal.ErrValidation) with every problem by field path and rule:
// "Designation.Number" (range), "Type" (relation) … It implements the rules
// Lantmäteriet publishes for addresses: adressplatsnummer 1–9999, or two
// numbers 0–9999 joined by a hyphen for a metertalsadressplats; a
// bokstavstillägg of at most two upper-case letters; lägestillägg only on a
// gatuadressplats, and a lägestilläggsnummer 1–99 with U and only with U;
// name and designation together at most 60 characters; the point type
// matching the area type (gatu → gatuadressområde, metertal →
// metertalsadressområde, by → byadressområde, gårds → gårdsadressområde);
// names stored with an upper-case first letter; a valid position in a
// Swedish CRS.
// Rule BAL-3015 (a retired object keeps its status) is checked by Modify
// against the status it read, and by the server.
//
// A designation that "avviker från standarden" (Designation.Deviates) is
// exempt from the rules on its form: the number's range and format, the
// bokstavstillägg's form, where a lägestillägg may be used and the
// lägestilläggsnummer rules. The 60-character limit, the type match, the
// name rule and the code lists still apply.
//
// Lantmäteriet's other address rule, that a designation is unique within
// its area, needs the other points of the area and is left to the server.
//
// PostalCode, PostTown and RegistrationDistrict are set by PostNord and
// Lantmäteriet: they are filled on read and ignored on write.
package address
