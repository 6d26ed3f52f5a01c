package building

import "github.com/tjanstebaserad/bal-go/internal/wiremap"

// The extract reader (package extract) decodes the update binding's structs
// and maps them to the model with the functions the update clients use.
func init() {
	wiremap.Register(buildingFromWire)
	wiremap.Register(entranceFromWire)
	wiremap.Register(apartmentFromWire)
}
