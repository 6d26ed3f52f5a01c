package byggnad3

import (
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
)

// FeatureCollection is the JSON answer of GET /{id} and POST / (GeoJSON-like,
// INFERRED from a client's view of it).
type FeatureCollection struct {
	Type     string    `json:"type"`
	Features []Feature `json:"features"`
}

// Feature is one building in the JSON answer. Geometry repeats the first
// Byggnadsdel's surface so that GeoJSON tools draw the building; each part
// carries its own surface in properties.byggnadsdel[].byggnadsyta.
type Feature struct {
	Type       string          `json:"type"`
	ID         string          `json:"id,omitempty"`
	Geometry   direkt.Geometry `json:"geometry"`
	Properties Byggnad         `json:"properties"`
}

// NewFeatureCollection returns the JSON answer holding bs.
func NewFeatureCollection(bs []Byggnad) FeatureCollection {
	fc := FeatureCollection{Type: "FeatureCollection", Features: make([]Feature, 0, len(bs))}
	for _, b := range bs {
		f := Feature{Type: "Feature", ID: b.Objektidentitet, Properties: b}
		if len(b.Byggnadsdel) > 0 {
			f.Geometry = direkt.NewGeometry(b.Byggnadsdel[0].Byggnadsyta.Geometry)
		}
		fc.Features = append(fc.Features, f)
	}
	return fc
}

// Byggnader returns the buildings of the answer. A feature whose parts carry
// no surfaces of their own but that has a geometry gets it as the surface
// of its only part (one is made when there is none), so an answer that puts
// the footprint only on the Feature loses nothing.
func (fc FeatureCollection) Byggnader() []Byggnad {
	out := make([]Byggnad, 0, len(fc.Features))
	for _, f := range fc.Features {
		b := f.Properties
		if b.Objektidentitet == "" {
			b.Objektidentitet = f.ID
		}
		if f.Geometry.Geometry != nil && len(b.Byggnadsdel) <= 1 &&
			(len(b.Byggnadsdel) == 0 || b.Byggnadsdel[0].Byggnadsyta.Geometry == nil) {
			if len(b.Byggnadsdel) == 0 {
				b.Byggnadsdel = []Byggnadsdel{{}}
			} else {
				b.Byggnadsdel = []Byggnadsdel{b.Byggnadsdel[0]}
			}
			b.Byggnadsdel[0].Byggnadsyta = direkt.NewGeometry(f.Geometry.Geometry)
		}
		out = append(out, b)
	}
	return out
}

// NewResponse returns the XML answer holding bs, with the gml:ids and
// bounding boxes Lantmäteriet writes: "ID_" + objektidentitet on each
// building, the box around its surfaces on it (unless it has one) and the
// box around all of them on the root.
func NewResponse(bs []Byggnad) ByggnadResponse {
	r := ByggnadResponse{ID: ResponseID, Members: make([]ByggnadMember, 0, len(bs))}
	var all []*geometry.Envelope
	for _, b := range bs {
		if b.ID == "" && b.Objektidentitet != "" {
			b.ID = direkt.GMLID("ID_" + b.Objektidentitet)
		}
		if b.BoundedBy.Envelope == nil {
			var parts []*geometry.Envelope
			for _, d := range b.Byggnadsdel {
				parts = append(parts, geometry.EnvelopeOf(d.Byggnadsyta.Geometry))
			}
			b.BoundedBy.Envelope = direkt.Union(parts...)
		}
		all = append(all, b.BoundedBy.Envelope)
		r.Members = append(r.Members, ByggnadMember{Byggnad: b})
	}
	r.BoundedBy.Envelope = direkt.Union(all...)
	return r
}
