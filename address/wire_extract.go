package address

import (
	"github.com/tjanstebaserad/bal-go/internal/objects"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
	"github.com/tjanstebaserad/bal-go/internal/wiremap"
)

// The extract reader (package extract), the fake (bal/baltest) and its
// generator map the update binding's structs with the functions the update
// clients use: from the wire as read, to the wire as Lantmäteriet stores an
// object (what a write sends, with the version's validity, the recorded
// action and, for a point, what PostNord and Lantmäteriet set).
func init() {
	wiremap.Register(pointToStored, pointFromWire)
	wiremap.Register(areaToStored, areaFromWire)
	wiremap.Register(courtyardAreaToStored, courtyardAreaFromWire)
	wiremap.Register(districtToStored, districtFromWire)
}

func pointToStored(p *Point) *update1.Adressplats {
	w := pointToWire(p)
	objects.StoredMetaToWire(w, &p.Meta)
	w.Adressplatsattribut.Postnummer, w.Adressplatsattribut.Postort = p.PostalCode, p.PostTown
	if r := p.RegistrationDistrict; r != nil {
		w.Distriktstillhorighet = &update1.Distriktstillhorighet{Distriktskod: r.Code, Distriktsnamn: r.Name}
	}
	return w
}

func areaToStored(a *Area) *update1.Adressomrade {
	w := areaToWire(a)
	objects.StoredMetaToWire(w, &a.Meta)
	return w
}

func courtyardAreaToStored(c *CourtyardArea) *update1.Gardsadressomrade {
	w := courtyardAreaToWire(c)
	objects.StoredMetaToWire(w, &c.Meta)
	return w
}

func districtToStored(d *District) *update1.Kommundel {
	w := districtToWire(d)
	objects.StoredMetaToWire(w, &d.Meta)
	return w
}
