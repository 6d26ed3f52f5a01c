package direktfake

import (
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/adress42"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/byggnad3"
	rb "github.com/tjanstebaserad/bal-go/internal/wire/direkt/registerbeteckning5"
)

// The sample's identities.
const (
	SampleProperty    = "909a6a62-7d8b-90ec-e040-ed8f66444c3f" // Stockholm Segelbåten 1
	SampleBuilding    = "39722cbb-f8b9-404b-a045-c5e6175f1001"
	SampleAddressA    = "a1d2c3b4-0000-4000-8000-000000000007" // Segelbåtsvägen 7A
	SampleAddressB    = "a1d2c3b4-0000-4000-8000-000000000008" // Segelbåtsvägen 7B
	SampleDesignation = "Stockholm Segelbåten 1"
	SampleKommunkod   = "0180"
)

// Sample is a small, consistent piece of Stockholm: one property, the
// building on it with its footprint in SWEREF 99 TM, and the two address
// points of its entrances.
func Sample() Data {
	footprint := geom.NewPolygonFlat(geom.XY, []float64{
		674020, 6580810, 674045, 6580810, 674045, 6580830, 674020, 6580830, 674020, 6580810,
	}, []int{10}).SetSRID(3006)
	ref := &byggnad3.Relation{Registerenhetsreferens: direkt.OneOrMany[byggnad3.Registerenhetsreferens]{
		{Objektidentitet: SampleProperty, Beteckning: SampleDesignation, Typ: "Fastighet"}}}
	building := byggnad3.Byggnad{
		Objektidentitet: SampleBuilding, Objektstatus: "Gällande",
		Byggnadsattribut: &byggnad3.Byggnadsattribut{Objektidentitet: SampleBuilding, Objektversion: 3,
			VersionGiltigFran: "2021-10-22T23:58:21.345+02:00", Husnummer: 1, Nybyggnadsar: 1962, Huvudbyggnad: true},
		Byggnadsandamal: []byggnad3.Andamal{{Typ: "Bostad", Andamal: "Flerfamiljshus", Huvudandamal: true, TotalBoarea: "1240"}},
		Byggnadsdel: []byggnad3.Byggnadsdel{{Insamlingslage: "Takkant", Byggnadsyta: direkt.NewGeometry(footprint),
			LagesnoggrannhetPlan: &byggnad3.Lagesnoggrannhet{Utvarderingsmetod: "Indirekt mätmetod",
				Resultat: &byggnad3.Resultat{StatistiskMetod: "medelfel", Varde: "0.2", Vardeenhet: "meter"}}}},
		LiggerPa: ref,
	}
	area := &adress42.Adressomrade{Objektidentitet: "b0000000-0000-4000-8000-000000000001", Objektversion: 2,
		FaststalltNamn: "Segelbåtsvägen", Adressomradestyp: "Gatuadressområde", Objektstatus: "Gällande",
		Kommundel: &adress42.Kommundel{FaststalltNamn: "Stockholm", Objektstatus: "Gällande",
			Kommun: &adress42.Kommun{Kommunkod: SampleKommunkod, Kommunnamn: "Stockholm"}}}
	addr := func(id, letter string, e float64) adress42.Belagenhetsadress {
		return adress42.Belagenhetsadress{
			Objektidentitet: id,
			Adressplatsattribut: &adress42.Adressplatsattribut{Objektidentitet: id, Objektversion: 1,
				Adressplatsbeteckning: &adress42.Adressplatsbeteckning{Adressplatsnummer: "7", Bokstavstillagg: letter},
				Adressplatstyp:        "Gatuadressplats", Insamlingslage: "Ingång",
				Adressplatspunkt: direkt.NewGeometry(geom.NewPointFlat(geom.XY, []float64{e, 6580809.5}).SetSRID(3006)),
				Status:           "Gällande", Objektstatus: "Gällande", Postnummer: "11264", Postort: "Stockholm"},
			Adressomrade:           area,
			Registerenhetsreferens: &adress42.Registerenhetsreferens{Objektidentitet: SampleProperty, Beteckning: SampleDesignation, Typ: "Fastighet"},
		}
	}
	unit := rb.Beteckning{
		Registerenhetsreferens: &rb.Enhetsreferens{Objektidentitet: SampleProperty, Objektstatus: "levande", Typ: "Fastighet"},
		Registerbeteckning: []rb.Registerbeteckning{{Objektidentitet: "7a000000-0000-4000-8000-000000000001", Objektversion: 1,
			Registeromrade: "Stockholm", Trakt: "Segelbåten", Enhet: 1, Beteckningsstatus: "gällande"}},
	}
	return Data{
		Buildings: []byggnad3.Byggnad{building},
		Addresses: []adress42.Belagenhetsadress{addr(SampleAddressA, "A", 674025.5), addr(SampleAddressB, "B", 674040.25)},
		Units:     []rb.Beteckning{unit},
	}
}
