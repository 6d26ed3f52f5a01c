// Package ngp1 holds the wire structs of the national geodata platform's
// documented APIs, exactly as documented (shared/spec/ngp.md):
// Uppdatering v1.1 (OpenAPI 3.0.1 "Uppdateringstjänst, geodatakatalog"
// 1.1.0), the validation report validering-1.0, Uppladdning v1.2, and the
// OGC API – Features / STAC shapes Sökning answers with. Lantmäteriet's JSON
// fault v1 is decoded by package bal, not here.
//
// Uppladdning v1.2's description was only partly in reach: POST /resurs
// {informationstyp}, GET and DELETE /resurs/{referensidentitet} are
// documented; the shape of the new resource, the file upload and the
// eftersändning registration are modelled (see Resurs, FilePath, HrefPath).
package ngp1

import (
	"encoding/json"
	"time"
)

// Status types (status.typ).
const (
	Registrerad    = "registrerad"
	Mottagen       = "mottagen"
	Validerad      = "validerad"
	Valideringsfel = "valideringsfel"
	Publicerad     = "publicerad"
	Fel            = "fel"
)

// Change types (forandring.typ).
const (
	Leverans = "leverans"
	Radering = "radering"
)

// Leveransinfo describes a delivery: informationstyp and provider (both
// required).
type Leveransinfo struct {
	Informationstyp string `json:"informationstyp"`
	Provider        string `json:"provider"`
}

// SkapaMottagning is the body of POST /mottagning.
type SkapaMottagning struct {
	Leveransinfo Leveransinfo `json:"leveransinfo"`
}

// Status is a status object; tidsstampel carries milliseconds (2 or 3
// fraction digits seen) and an offset.
type Status struct {
	Typ           string `json:"typ"`
	Tidsstampel   string `json:"tidsstampel"`
	Felmeddelande string `json:"felmeddelande,omitempty"`
}

// Mottagning is a delivery as the service answers it.
type Mottagning struct {
	ID           string       `json:"id"`
	Leveransinfo Leveransinfo `json:"leveransinfo"`
	Status       Status       `json:"status"`
}

// NyForandring is one item of POST …/forandringar.
type NyForandring struct {
	Objektidentitet string `json:"objektidentitet"`
	Typ             string `json:"typ"`
	Href            string `json:"href,omitempty"`
}

// SkapaForandringar is the body of POST …/forandringar (at least one).
type SkapaForandringar struct {
	Forandringar []NyForandring `json:"forandringar"`
}

// Forandring is a change as the service answers it.
type Forandring struct {
	Objektidentitet string `json:"objektidentitet"`
	Typ             string `json:"typ"`
	Href            string `json:"href,omitempty"`
	Status          Status `json:"status"`
}

// Forandringar is the answer of POST and GET …/forandringar.
type Forandringar struct {
	Forandringar []Forandring `json:"forandringar"`
}

// Redirect is the body of the 303 after an upload: the report's address.
type Redirect struct {
	Href string `json:"href"`
}

// Health is the answer of GET /health.
type Health struct {
	Status string `json:"status"`
}

// Valideringsrapport is validering-1.0, JUnit-like.
type Valideringsrapport struct {
	Name      string     `json:"name"`
	Timestamp string     `json:"timestamp"`
	Tests     int        `json:"tests"`
	Failures  int        `json:"failures"`
	Warnings  int        `json:"warnings"`
	Errors    int        `json:"errors"`
	Skipped   int        `json:"skipped"`
	Time      float64    `json:"time"`
	Testcase  []Testcase `json:"testcase"`
}

// Testcase is one rule's result; status OK, FAILURE, WARNING, ERROR or
// SKIPPED.
type Testcase struct {
	ID      string   `json:"id"`
	Label   string   `json:"label"`
	Time    float64  `json:"time"`
	Status  string   `json:"status"`
	Message []string `json:"message,omitempty"`
}

// SkapaResurs is the body of POST /resurs (Uppladdning v1.2).
type SkapaResurs struct {
	Informationstyp string `json:"informationstyp"`
}

// Resurs is a resource as Uppladdning answers it. Only referensidentitet
// and informationstyp follow from the documented operations; the other
// fields are modelled.
type Resurs struct {
	Referensidentitet string     `json:"referensidentitet"`
	Informationstyp   string     `json:"informationstyp"`
	Revisioner        []Revision `json:"revisioner,omitempty"`
	Href              string     `json:"href,omitempty"`
}

// Revision is one uploaded file of a resource (modelled).
type Revision struct {
	Revision int    `json:"revision"`
	Mediatyp string `json:"mediatyp"`
	Storlek  int64  `json:"storlek"`
	Skapad   string `json:"skapad"`
}

// Modelled Uppladdning paths under /resurs/{referensidentitet}.
const (
	// FilePath receives a file as the request body, Content-Type its media
	// type (modelled).
	FilePath = "fil"
	// HrefPath registers an eftersändning: {"href": https-url} (modelled).
	HrefPath = "eftersandning"
)

// Link is an OGC API / STAC link. A next link may ask for a POST with a
// body, merged into the previous request's body when merge is true.
type Link struct {
	Href   string          `json:"href"`
	Rel    string          `json:"rel"`
	Type   string          `json:"type,omitempty"`
	Title  string          `json:"title,omitempty"`
	Method string          `json:"method,omitempty"`
	Body   json.RawMessage `json:"body,omitempty"`
	Merge  bool            `json:"merge,omitempty"`
}

// Collections is the answer of GET /collections.
type Collections struct {
	Collections []Collection `json:"collections"`
	Links       []Link       `json:"links,omitempty"`
}

// Collection is one collection (about one per municipality in Sökning).
type Collection struct {
	ID          string          `json:"id"`
	Title       string          `json:"title,omitempty"`
	Description string          `json:"description,omitempty"`
	Extent      json.RawMessage `json:"extent,omitempty"`
	CRS         []string        `json:"crs,omitempty"`
	StorageCRS  string          `json:"storageCrs,omitempty"`
	Links       []Link          `json:"links,omitempty"`
}

// FeatureCollection is a page of items or search hits.
type FeatureCollection struct {
	Type           string    `json:"type"`
	Features       []Feature `json:"features"`
	Links          []Link    `json:"links,omitempty"`
	NumberMatched  *int      `json:"numberMatched,omitempty"`
	NumberReturned *int      `json:"numberReturned,omitempty"`
	Context        *struct {
		Matched  *int `json:"matched,omitempty"`
		Returned *int `json:"returned,omitempty"`
	} `json:"context,omitempty"`
}

// Feature is one GeoJSON feature or STAC item; geometry and bbox are in the
// answer's CRS and axis order.
type Feature struct {
	Type       string                     `json:"type"`
	ID         json.RawMessage            `json:"id,omitempty"`
	Collection string                     `json:"collection,omitempty"`
	Geometry   json.RawMessage            `json:"geometry"`
	BBox       []float64                  `json:"bbox,omitempty"`
	Properties map[string]json.RawMessage `json:"properties"`
	Links      []Link                     `json:"links,omitempty"`
	Assets     map[string]Asset           `json:"assets,omitempty"`
}

// Asset is a STAC asset: a file of the item, e.g. the domain object in
// Nedladdning.
type Asset struct {
	Href  string   `json:"href"`
	Type  string   `json:"type,omitempty"`
	Title string   `json:"title,omitempty"`
	Roles []string `json:"roles,omitempty"`
	// Length is the file size in bytes when given.
	Length *int64 `json:"length,omitempty"`
}

// Search is a STAC search body (POST /search).
type Search struct {
	Collections []string        `json:"collections,omitempty"`
	IDs         []string        `json:"ids,omitempty"`
	BBox        []float64       `json:"bbox,omitempty"`
	BBoxCRS     string          `json:"bbox-crs,omitempty"`
	CRS         string          `json:"crs,omitempty"`
	Limit       int             `json:"limit,omitempty"`
	Filter      json.RawMessage `json:"filter,omitempty"`
	FilterLang  string          `json:"filter-lang,omitempty"`
	Datetime    string          `json:"datetime,omitempty"`
}

// TimeLayout writes tidsstampel values: milliseconds and an offset.
const TimeLayout = "2006-01-02T15:04:05.000-07:00"

// ParseTime reads a tidsstampel: RFC 3339 with any number of fraction
// digits.
func ParseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }
