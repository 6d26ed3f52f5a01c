package geometry

import "errors"

// Sentinel errors. Every error returned by this package that falls into one of these classes
// wraps the sentinel, so callers branch with errors.Is and still get the context in the message.
var (
	// ErrUnknownCRS is returned for an EPSG code, name or srsName this package does not know.
	ErrUnknownCRS = errors.New("unknown crs")
	// ErrInvalidSRSName is returned for an srsName that is not in any recognised form.
	ErrInvalidSRSName = errors.New("invalid srsName")
	// ErrSwappedAxes is returned when coordinates read in the CRS's axis order only make sense
	// the other way round (easting first in GML, where northing first is required).
	ErrSwappedAxes = errors.New("swapped axes")
	// ErrUnsupportedGeometry is returned for a geometry type or layout an operation cannot handle.
	ErrUnsupportedGeometry = errors.New("unsupported geometry")
	// ErrTooLarge is returned when decoding input would exceed a configured size limit.
	ErrTooLarge = errors.New("geometry too large")
	// ErrInvalidGML is returned for malformed or unexpected GML.
	ErrInvalidGML = errors.New("invalid gml")
	// ErrNotProjected is returned by measurements (Area, Centroid) asked to work in a geographic
	// CRS, where coordinates are degrees and planar formulas are meaningless.
	ErrNotProjected = errors.New("crs is not projected")
	// ErrInvalidGeometry is what a *ValidationError unwraps to, so errors.Is(err,
	// ErrInvalidGeometry) works without errors.As.
	ErrInvalidGeometry = errors.New("invalid geometry")
)
