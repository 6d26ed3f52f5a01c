package gpkg

import "errors"

// Sentinel errors. Every error of this package that falls into one of these classes wraps the
// sentinel, so callers branch with errors.Is and still read the context in the message.
var (
	// ErrNotGeoPackage is returned by Open for a file that is not a GeoPackage (no
	// gpkg_contents table, or not an SQLite database at all).
	ErrNotGeoPackage = errors.New("not a geopackage")
	// ErrExists is returned by Create for a path that already exists, by CreateTable for a
	// table name already in use, and by Insert and Append for a key or ID already in the
	// table.
	ErrExists = errors.New("already exists")
	// ErrNoTable is returned for a table that is not in gpkg_contents.
	ErrNoTable = errors.New("no such table")
	// ErrNotFound is returned by Get for a key with no row.
	ErrNotFound = errors.New("not found")
	// ErrUnknownSRS is returned for an EPSG code this package has no definition of.
	ErrUnknownSRS = errors.New("unknown spatial reference system")
	// ErrInvalidSpec is returned by CreateTable for a table specification that cannot be
	// created as asked (bad names, duplicate columns, a key that is not a column).
	ErrInvalidSpec = errors.New("invalid table specification")
	// ErrValue is returned for an attribute value that does not fit its column (wrong Go type,
	// wrong number of values, a malformed date) and, when reading, for a stored value that does
	// not fit the column's declared type.
	ErrValue = errors.New("invalid attribute value")
	// ErrGeometryMismatch is returned for a geometry that does not fit its table's geometry
	// column: another geometry type, another CRS, or heights where the column prohibits them
	// or no heights where it requires them.
	ErrGeometryMismatch = errors.New("geometry does not fit the column")
	// ErrUnsupportedGeometry is returned for a geometry that cannot be written (no layout,
	// non-finite ordinates) or a blob using GeoPackage's extended geometry types.
	ErrUnsupportedGeometry = errors.New("unsupported geometry")
	// ErrInvalidGeometryBlob is returned for bytes that are not a valid GeoPackage binary
	// geometry.
	ErrInvalidGeometryBlob = errors.New("invalid geopackage geometry blob")
	// ErrReadOnly is returned for writes through a DB opened read-only.
	ErrReadOnly = errors.New("geopackage opened read-only")
)
