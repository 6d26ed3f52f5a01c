package bal

import (
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/fieldpath"
)

// MaxPageSize is the most hits one page of an update-service search may
// hold (the binding's max).
const MaxPageSize = 1000

// Query is a sökvillkor: the conditions of a search over the update
// services, all optional and combined with "and". The zero Query finds
// every object of the type.
type Query struct {
	// Municipality is the kommunkod: keep objects of this municipality.
	Municipality MunicipalityCode
	// Property is a registerenhet's objektidentitet: keep objects that lie
	// on or within it.
	Property ObjectID
	// Statuses keeps objects with one of these objektstatus values.
	Statuses []Status
	// Name keeps objects whose name or label contains this text (namn), in
	// any case.
	Name string
	// Box keeps objects whose geometry intersects this envelope (a
	// gml:Envelope); its SRID must be set.
	Box *geometry.Envelope
	// Area keeps objects whose geometry intersects this polygon; its SRID
	// must be set.
	Area *geom.Polygon
	// ChangedAfter (forandradEfter) keeps objects whose current version took
	// effect after this time.
	ChangedAfter time.Time
}

// Validate checks the query before it is sent and returns nil or a
// *ValidationError.
func (q Query) Validate() error {
	v := &ValidationError{Object: "bal.Query"}
	if q.Municipality != "" {
		if err := q.Municipality.Validate(); err != nil {
			v.add("Municipality", RuleFormat, err.Error())
		}
	}
	for i, s := range q.Statuses {
		if !statuses.Known(s) {
			v.addf(fieldpath.Index("Statuses", i), RuleCodeList, "%q is not an objektstatus", string(s))
		}
	}
	if q.Box != nil {
		if _, err := geometry.Lookup(q.Box.SRID); err != nil {
			v.add("Box.SRID", RuleGeometry, err.Error())
		}
		if q.Box.MinX > q.Box.MaxX || q.Box.MinY > q.Box.MaxY {
			v.add("Box", RuleGeometry, "the envelope's lower corner is above its upper corner")
		}
	}
	if q.Area != nil {
		if err := geometry.Validate(q.Area, nil); err != nil {
			v.add("Area", RuleGeometry, err.Error())
		}
	}
	return v.err()
}

// SearchOptions tunes a search; nil means the defaults.
type SearchOptions struct {
	// PageSize is how many hits to ask for per page, at most MaxPageSize; 0
	// leaves it to the server. Pages are fetched as the loop reaches them.
	PageSize int
}
