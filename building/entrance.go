package building

import "github.com/tjanstebaserad/bal-go/bal"

// Entrance is an Entré (BAU_Entré): a way into a building, which carries the
// building's address and leads to its apartments.
type Entrance struct {
	bal.Meta

	// BuildingID is the objektidentitet of the Byggnad the entrance belongs
	// to.
	BuildingID bal.ObjectID
	// Type is the entrétyp.
	Type EntranceType
	// Elevator is hiss: whether the entrance has a lift.
	Elevator YesNo
	// Address is the adressplats the entrance has (BAU_Rel-Adressplats); nil
	// when it has none yet.
	Address *AddressRef
}

// AddressRef refers to an address point (Adressplats, see package address).
// Only ID is written; Label comes from the read services.
type AddressRef struct {
	// ID is the adressplats's objektidentitet.
	ID bal.ObjectID
	// Label is the address as text, e.g. "Segelbåtsvägen 7A", when the
	// service includes it.
	Label string
}
