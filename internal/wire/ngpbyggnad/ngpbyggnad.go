// Package ngpbyggnad is the Byggnad domain object of the national
// specification Byggnad (Nationell specifikation Byggnad 1.0) as this SDK
// sends it to the national geodata platform, media type
// application/vnd.lm.byggnad.v1+json.
//
// THE ATTRIBUTE NAMES OF THIS BODY ARE MODELLED, NOT CONFIRMED. The
// specification's PDFs and the byggnad JSON schema were not in reach
// (shared/spec/ngp.md §6). What is exact: the envelope that the sibling
// domain objects (detaljplan, planbeskrivning) carry at the top
// (objektidentitet, objektversion, versionGiltigFran), and the geometry and
// geometry metadata, which are Lantmäteriet's schemas geometri-2.0 and
// geometrimetadata-2.0.1 (package geometry). The rest (status, purposes,
// detail levels, the references to BAL's registerbyggnader) is named here
// after the specification's terms and kept in this one package, so that
// adopting the real schema changes this package and the mapping in package
// ngp, not the public API.
package ngpbyggnad

import (
	"github.com/tjanstebaserad/bal-go/geometry"
)

// MediaType is the media type of this body.
const MediaType = "application/vnd.lm.byggnad.v1+json"

// Byggnad is one physical building (fysisk byggnad): the whole construction
// regardless of property boundaries.
type Byggnad struct {
	// Objektidentitet is the building's UUID; the change that delivers it
	// carries the same identity.
	Objektidentitet string `json:"objektidentitet"`
	// Objektversion is the version being delivered.
	Objektversion int `json:"objektversion"`
	// VersionGiltigFran is when this version took effect.
	VersionGiltigFran string `json:"versionGiltigFran"`
	// VersionGiltigTill, when set, makes this a historical version: a
	// delivery holds only the current state (rule BAS-005).
	VersionGiltigTill string `json:"versionGiltigTill,omitempty"`
	// Historik holds earlier versions; it must be absent in a delivery
	// (BAS-005). It exists here so that the rule can be checked.
	Historik []Byggnad `json:"historik,omitempty"`
	// Kommunkod is the municipality that produces the object.
	Kommunkod string `json:"kommunkod"`
	// Byggnadsstatus is where the building is in its life (modelled
	// values: "planerad", "under byggnation", "befintlig", "riven").
	Byggnadsstatus string `json:"byggnadsstatus"`
	// Andamal are the purposes, values of Boverket's Ändamålskatalogen.
	Andamal []Andamal `json:"andamal"`
	// Nybyggnadsar is the year of construction.
	Nybyggnadsar int `json:"nybyggnadsar,omitempty"`
	// Geometri holds the building's geometries, one per detail level.
	Geometri []Geometri `json:"geometri"`
	// Registerbyggnad refers to BAL's registerbyggnader (one per property)
	// that this physical building comprises.
	Registerbyggnad []Referens `json:"registerbyggnad,omitempty"`
}

// Andamal is one purpose.
type Andamal struct {
	// Andamal is the catalogue value at the most detailed level known.
	Andamal string `json:"andamal"`
	// Niva is the catalogue level of Andamal, 1–3.
	Niva int `json:"niva"`
	// Huvudandamal marks the main purpose.
	Huvudandamal bool `json:"huvudandamal,omitempty"`
}

// Geometri is the building's geometry at one detail level (NS-LOD) with its
// metadata.
type Geometri struct {
	// Detaljniva names the detail level, e.g. "NS-LOD 0".
	Detaljniva string `json:"detaljniva"`
	// Geometri is a geometri-2.0 value (exact).
	Geometri geometry.Shape `json:"geometri"`
	// Geometrimetadata is a geometrimetadata-2.0.1 value (exact).
	Geometrimetadata *geometry.Metadata `json:"geometrimetadata,omitempty"`
}

// Referens points at another object by its objektidentitet.
type Referens struct {
	Objektidentitet string `json:"objektidentitet"`
}
