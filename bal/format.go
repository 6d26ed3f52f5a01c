package bal

// Format is the answer format of Lantmäteriet's read (Direkt) services,
// chosen per call: XML with GML 3.2 geometry, the services' default, or
// GeoJSON-like JSON. Both decode to the same objects.
type Format int

// The answer formats.
const (
	// FormatXML asks for application/xml (GML 3.2, northing first on the
	// wire). It is the zero Format.
	FormatXML Format = iota
	// FormatJSON asks for application/json (GeoJSON-like, easting first on
	// the wire).
	FormatJSON
)

// String returns "xml" or "json".
func (f Format) String() string {
	if f == FormatJSON {
		return "json"
	}
	return "xml"
}
