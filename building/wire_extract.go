package building

import (
	"github.com/tjanstebaserad/bal-go/internal/objects"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
	"github.com/tjanstebaserad/bal-go/internal/wiremap"
)

// The extract reader (package extract), the fake (bal/baltest) and its
// generator map the update binding's structs with the functions the update
// clients use: from the wire as read, to the wire as Lantmäteriet stores an
// object (what a write sends, with the version's validity and recorded
// action).
func init() {
	wiremap.Register(buildingToStored, buildingFromWire)
	wiremap.Register(entranceToStored, entranceFromWire)
	wiremap.Register(apartmentToStored, apartmentFromWire)
}

func buildingToStored(b *Building) *update1.Byggnad {
	w := buildingToWire(b)
	objects.StoredMetaToWire(w, &b.Meta)
	return w
}

func entranceToStored(e *Entrance) *update1.Entre {
	w := entranceToWire(e)
	objects.StoredMetaToWire(w, &e.Meta)
	return w
}

func apartmentToStored(a *Apartment) *update1.Lagenhet {
	w := apartmentToWire(a)
	objects.StoredMetaToWire(w, &a.Meta)
	return w
}
