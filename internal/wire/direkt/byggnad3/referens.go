package byggnad3

import (
	"bytes"
	"encoding/json"

	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
)

// Referens is one hit of GET /referens/beror/{id} and POST
// /referens/geometri. Whether the service answers bare UUID strings or
// objects with an objektidentitet is not public (open question 15), so both
// are read; a Referens is written as an object.
type Referens struct {
	Objektidentitet string `json:"objektidentitet"`
}

// UnmarshalJSON reads "uuid" or {"objektidentitet":"uuid",…}.
func (r *Referens) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '"' {
		return json.Unmarshal(data, &r.Objektidentitet)
	}
	type plain Referens
	return json.Unmarshal(data, (*plain)(r))
}

// GeometriRequest is the body of POST /referens/geometri: a GeoJSON geometry
// with its crs member and a buffer in metres. The member names follow a
// client of Belägenhetsadress Direkt (INFERRED for Byggnad); Go's JSON
// decoding matches "geometri" and "Geometri" alike.
type GeometriRequest struct {
	Geometri direkt.Geometry `json:"geometri"`
	Buffer   float64         `json:"buffer"`
}
