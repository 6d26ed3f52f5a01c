// Package geometry moves go-geom geometries between the Swedish coordinate reference systems
// Lantmäteriet's BAL services use, and in and out of GML 3.2, GeoJSON, WKT and (E)WKB.
//
// It depends on github.com/twpayne/go-geom and nothing else of the SDK.
//
// # Coordinate reference systems
//
// The registry (Lookup, LookupName, ParseSRSName, CRSs) holds SWEREF 99 TM (EPSG:3006), the
// twelve local SWEREF 99 zones (3007–3018; the codes are not in central-meridian order, see the
// constants), SWEREF 99 geographic (4619), the six RT 90 zones as Lantmäteriet's direct
// projection from SWEREF 99 (3845–3850; 3847 is the usual "RT 90 2.5 gon V") and the compound
// CRSs with RH 2000 heights (5845–5857). RT 90 on the Bessel ellipsoid (3019–3024) is not
// offered: converting it needs a datum shift, which Lantmäteriet's direct projection replaces.
//
// # The municipality's zone
//
// Each municipality keeps its data in one local zone of its own choosing, which is not always
// the zone whose central meridian is nearest. MunicipalityZone names it from, in order, the
// caller's override (ZoneOptions.Overrides), the rows verified against Lantmäteriet's and the
// municipalities' own statements (KnownZone, KnownZones; a partial row says so), and a
// suggestion from a geometry in the municipality (ZoneOptions.Near, SuggestZone: the zone whose
// EPSG area of use covers it). With none of
// them it returns ErrNoZone: the package never guesses from a table it does not have.
//
// # Axis order
//
// Inside go-geom, X is easting (longitude for 4619) and Y northing (latitude), as in WKB,
// PostGIS and GeoJSON. GML for all these CRSs is written northing first (latitude first), the
// EPSG axis order that the URN srsName "urn:ogc:def:crs:EPSG::3006" promises; the GML codec
// swaps at the boundary and nowhere else.
//
// The legacy srsName forms "EPSG:3006" and "http://www.opengis.net/gml/srs/epsg.xml#3006" are
// ambiguous in practice (some servers write x/y with them). The decoder reads them northing
// first like every other form, because that is what Lantmäteriet means; easting-first input is
// then caught by the swapped-axes check and reported as ErrSwappedAxes instead of silently
// landing in the sea. Callers who know their source writes x/y with legacy names set
// GMLDecodeOptions.LegacyEastNorth. SRSNameForm.AmbiguousAxisOrder tells which forms these are.
//
// The swapped-axes check cannot fire on valid data: in SWEREF 99 every northing is above
// 6 000 000 m and every easting below 1 100 000 m (RT 90: below 2 100 000 m), and Swedish
// latitudes (55–69°) and longitudes (10–24°) do not overlap.
//
// # Projections
//
// Forward and inverse Gauss–Krüger are Lantmäteriet's published 4th-order Krüger formulas
// (pure Go, one implementation parametrised by ellipsoid, central meridian, scale and false
// origin). They reproduce Lantmäteriet's control values to their millimetre rounding and agree
// with PROJ to micrometres (BENCHMARKS.md). The inverse adds one correction step so that it is
// the exact inverse of the forward series: grid → geographic → grid repeats to nanometres,
// where the two published series alone disagree by up to 7 µm.
//
// Transform converts whole geometries of every type and layout; grid to grid goes through
// SWEREF 99 latitude/longitude. Heights are labelled, never converted: the target code is what
// the caller asks for, a compound target (5845–5857) requires a Z ordinate, and a 2D target
// keeps a geometry's Z. SWEREF 99 agrees with WGS 84 to better than a metre, so 4619 is what
// web maps call "WGS 84" for all practical purposes of this SDK.
//
// # GML
//
// MarshalGML and UnmarshalGML work on standalone elements; Property and BoundedBy (with
// Envelope) are xml.Marshaler/xml.Unmarshaler types for wire structs. Output uses prefixed
// gml: names like Lantmäteriet, shortest round-trip number formatting without exponents, and is
// deterministic. Decoding accepts GML 3.2, GML 3.1.1 and an undeclared gml prefix, bounds the
// number of coordinates (GMLDecodeOptions.MaxCoordinates, default 1 000 000) and the nesting
// depth, and never panics (it is fuzzed).
//
// # Validation
//
// Validate returns every problem it finds as a *ValidationError, each Problem with a stable
// Code and a Path such as "polygon[1].ring[0].vertex[3]". Normalize closes rings and fixes
// their orientation.
//
// # Interop
//
// MarshalGeoJSON writes RFC 7946 lon/lat (GeoJSONLonLat) or grid coordinates with a legacy crs
// member (GeoJSONGrid); GeoJSON is the matching json.Marshaler type for wire structs.
// MarshalWKT/UnmarshalWKT, MarshalWKB, MarshalEWKB/UnmarshalEWKB and MarshalEWKBHex wrap
// go-geom's encoders (EWKB carries the SRID for PostGIS). Area and Centroid measure polygons on
// the grid plane of a projected CRS.
package geometry
