package address

import "github.com/tjanstebaserad/bal-go/bal"

// Area is an Adressområde (BAU_Adressområde): a named street, road or
// village whose address points share its name, e.g. "Segelbåtsvägen".
type Area struct {
	bal.Meta

	// Name is the fastställt namn (the decided name). Its first letter is
	// stored upper case, and together with any point's designation it may
	// have at most 60 characters.
	Name string
	// PlaceID is the ortid of the name, kept as text.
	PlaceID string
	// Type is the adressområdestyp; it decides which point type may belong
	// to the area.
	Type AreaType
	// District is the kommundel the area belongs to.
	District DistrictRef
}

// CourtyardArea is a Gårdsadressområde (BAU_Gårdsadressområde): a farmstead
// within a byadressområde, whose gårdsadressplatser take its name. Its name
// is unique within that byadressområde.
type CourtyardArea struct {
	bal.Meta

	// Name is the fastställt namn. Its first letter is stored upper case.
	Name string
	// PlaceID is the ortid of the name, kept as text.
	PlaceID string
	// Area is the byadressområde the courtyard area subdivides.
	Area AreaRef
}

// District is a Kommundel (BAU_Kommundel): a part of a municipality that
// address areas belong to. Kommundelar cover the whole municipality; a
// municipality with a single kommundel gives it its own name.
type District struct {
	bal.Meta

	// Name is the fastställt namn. Its first letter is stored upper case.
	Name string
	// PlaceID is the ortid of the name, kept as text.
	PlaceID string
	// Municipality is the kommun the district lies in.
	Municipality Municipality
}

// Municipality is a kommun (GOU_Kommun).
type Municipality struct {
	// Code is the kommunkod, e.g. "0180".
	Code bal.MunicipalityCode
	// Name is the kommunnamn, e.g. "Stockholm".
	Name string
}

// AreaRef refers to an Adressområde. Only ID is written; the read services
// add the other fields, and when they are present Validate uses them for
// the rules that span objects (the 60-character rule and the point type ↔
// area type rule).
type AreaRef struct {
	// ID is the adressområde's objektidentitet.
	ID bal.ObjectID
	// Name is its fastställt namn, when the service includes it.
	Name string
	// Type is its adressområdestyp, when the service includes it.
	Type AreaType
	// District is its kommundel, when the service includes it.
	District *DistrictRef
}

// CourtyardAreaRef refers to a Gårdsadressområde. Only ID is written; Name
// and Area come from the read services.
type CourtyardAreaRef struct {
	// ID is the gårdsadressområde's objektidentitet.
	ID bal.ObjectID
	// Name is its fastställt namn, when the service includes it.
	Name string
	// Area is the byadressområde it subdivides, when the service includes
	// it.
	Area *AreaRef
}

// DistrictRef refers to a Kommundel. Only ID is written; Name and
// Municipality come from the read services.
type DistrictRef struct {
	// ID is the kommundel's objektidentitet.
	ID bal.ObjectID
	// Name is its fastställt namn, when the service includes it.
	Name string
	// Municipality is the kommun it lies in, when the service includes it.
	Municipality *Municipality
}
