// Package compare compares a municipality's dataset with Lantmäteriet's ("jämföra
// datamängder") and checks the information quality of Lantmäteriet's buildings: the two
// reviews of Lantmäteriet's onboarding for service-based updating, between receiving the
// XML extract and going live.
//
// # Comparing
//
// Compare takes two sequences of Feature: the municipality's (ReadGeoPackage and
// ReadGeoJSON read the files a GIS writes, with a Mapping from its column names to BAL's
// attribute names; any iter.Seq2 of features will do) and Lantmäteriet's (FromExtract for a
// delivered extract, FromBuilding, FromAddressPoint and FromObject for objects read from the
// services). It yields one Result per object, with one primary Class:
//
//   - Equal: both hold the object and nothing compared differs beyond the tolerances;
//   - Different: both hold it, and Flags say what differs: attributes (by name, with both
//     values), geometry (further apart than the tolerance, with the Hausdorff distance and
//     the area difference), heights missing (Lantmäteriet's footprint has z values and the
//     municipality's has none), heights only the municipality has, heights that differ, and
//     heights in another height system than RH 2000;
//   - OnlyLantmateriet and OnlyLocal: one side lacks it.
//
// Objects are matched by type and objektidentitet; a municipal feature without one is
// matched by a key built from what names the object (BuildingKey: the registerenhet's
// designation and the husnummer; AddressKey: the address area's name and the designation).
// Attribute values are compared the way BAL means them: code-list values without regard to
// case or the spelling of å, ä and ö, numbers as numbers ("1975" and "1975.0"), booleans in
// any spelling municipal data uses (ja/nej, 1/0, true/false).
//
// # Geometry
//
// The municipality's geometry is transformed into Lantmäteriet's CRS with package geometry
// (any local SWEREF 99 zone, SWEREF 99 TM, RT 90 by direct projection, or degrees), then the
// two are compared by the Hausdorff distance between their boundaries: the largest distance
// from any point of one outline, vertex or not, to the nearest point of the other, both
// ways. It is computed exactly, not from the vertices alone (which misses a wall pushed out
// in its middle): along each edge the distance to the other outline is the lower envelope of
// one convex function per edge of the other, so its maximum lies at an end of the edge or
// where two of those functions cross, and those crossings are solved (see hausdorff.go).
//
// The tolerance is in millimetres, 10 mm by default (DefaultTolerance):
//
//   - Lantmäteriet's coordinates are rounded to the millimetre. A municipality that keeps
//     its data in its local zone, rounded to the millimetre there, holds the same footprint
//     up to √2 · (0.5 + 0.5) mm ≈ 1.4 mm away once both are in one CRS (measured:
//     TestCompareAcrossCRSs). Coordinates kept to the centimetre, as older systems do, add
//     up to 7 mm. A tolerance under that reports rounding, not edits.
//   - Building footprints are far less accurate than that: Lantmäteriet's deliveries state a
//     lägesnoggrannhet plan (mean error) of 0.2 to 2.5 m, and a surveyed municipal footprint
//     is good to 5–10 cm. Nothing anyone measured moves by less than a centimetre.
//   - So below 1 cm two outlines are, to a GIS user, the same outline, handled by different
//     software; above it someone edited a vertex, re-measured or re-digitised the building,
//     or transformed it by another route (an old RT 90 transformation differs by centimetres
//     to decimetres), which is what the comparison is for.
//
// Set Options.Tolerance to 1 to see every difference a millimetre-rounded copy can show.
// Heights are compared at the vertices (each z value against the other outline's height at
// its nearest point), with the same tolerance unless Options.HeightTolerance says otherwise.
//
// # Memory
//
// Lantmäteriet's side may be a national extract of millions of objects, so it streams
// through: each of its features is compared and handed on, and none is kept. The
// municipality's side is read first into a temporary spill file (Options.TempDir), and only
// an index from identity or key to the feature's place in that file stays in memory: 88
// bytes per municipal feature (BenchmarkCompareMemory, 200 000 buildings: 17.6 MB). Its
// features are read back one at a time as Lantmäteriet's arrive; those nobody took are
// reported last as OnlyLocal.
//
// # Reports
//
// Report (or WriteReport) writes the results as they come: a Summary (counts per class,
// flag and attribute, as text with Summary.WriteText), a CSV with one row per object
// (CSVHeader), and a GeoPackage with one layer per class and the municipality's outlines of
// the differing objects, in Lantmäteriet's CRS with RH 2000 heights where they exist, which
// QGIS and GDAL open with its spatial index. Programs can use the Results directly.
//
// # Information quality
//
// Quality checks Lantmäteriet's buildings, given with their entrances and address points
// (an extract's items: QualityOfExtract), for what Lantmäteriet's onboarding asks a
// municipality to review: footprints without z values; buildings without an address (no
// entrance with an address point; buildings exempt from addressing are not counted);
// without a purpose; without a footprint, or with an invalid one (geometry.Validate) or a
// tiny one (under 1 m², DefaultMinArea); overlapping other buildings by more than 1 m²
// (DefaultOverlapArea), found through a grid of 100 m cells over the footprints' envelopes;
// and duplicates (the same footprint within the tolerance). QualityReport writes the
// findings as text, CSV and a GeoPackage with a layer per problem.
package compare
