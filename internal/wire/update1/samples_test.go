package update1

import (
	"github.com/twpayne/go-geom"
)

// The samples are the documents the golden files hold. Their values follow
// the binding's examples (kommun 2180, "Ändrad byggnadsinformation").

const (
	sampleBuildingID = "39722cbb-f8b9-404b-a045-c5e6175f1001"
	samplePointID    = "5b1e6a33-9d8c-4c47-8f0a-2a6c1d5e7b01"
	sampleAreaID     = "a7c3e0f2-4b6d-4e8f-9a1b-2c3d4e5f6a70"
	sampleEntranceID = "e0e1e2e3-e4e5-4e6e-8e7e-8e9eaebecede"
	samplePropertyID = "909a6a63-62b4-90ec-e040-ed8f66444c3f"
)

func ptr[T any](v T) *T { return &v }

func sampleAction() Verksamhetsatgard {
	return Verksamhetsatgard{
		Atgardstyp:            "Ändrad byggnadsinformation",
		AnsvarigOrganisation:  "2180",
		UtforandeOrganisation: "Exempel AB",
		Atgardstidpunkt:       "2026-11-22T10:15:00+01:00",
	}
}

func sampleFootprint() *geom.Polygon {
	return geom.NewPolygonFlat(geom.XY, []float64{
		153000, 6730000, 153012.5, 6730000, 153012.5, 6730010, 153000, 6730010, 153000, 6730000,
	}, []int{10}).SetSRID(3014)
}

func sampleBuilding() *Byggnad {
	return &Byggnad{
		Utbytesobjekt: Utbytesobjekt{
			Objektidentitet: sampleBuildingID, Objektversion: 3,
			VersionGiltigFran: "2026-11-22T10:15:01.123+01:00", Objektstatus: "Gällande",
		},
		Byggnadsattribut: Byggnadsattribut{
			Husnummer: 1, Nybyggnadsar: 1974, Huvudbyggnad: ptr(true),
			UndantagenFranAdressattning: ptr(false), OfriGrund: ptr(false), Byggnadsservitut: ptr(false),
		},
		Byggnadsnamn: []Byggnadsnamn{{Namn: "Backagården", Namntyp: "Alternativnamn"}},
		Byggnadsandamal: []Byggnadsandamal{
			{Kategori: KategoriBostad, Andamal: "Flerfamiljshus", Huvudandamal: ptr(true), TotalBoarea: ptr(412.5)},
			{Kategori: KategoriVerksamhet, Andamal: "Kontor"},
		},
		Taxeringsenhet: &Taxeringsenhet{Taxeringsenhetsidentitet: "123456789"},
		Byggnadsdel: []Byggnadsdel{{
			Insamlingslage: "Takkant",
			Byggnadsyta:    Geometri{Geometry: sampleFootprint()},
			LagesnoggrannhetPlan: &Lagesnoggrannhet{
				Utvarderingsmetod: "Indirekt mätmetod", StatistiskMetod: "medelfel", Varde: ptr(0.2), Vardeenhet: "meter",
			},
			LagesnoggrannhetHojd: &Lagesnoggrannhet{IngenInformation: true},
		}},
		LiggerPa: Registerenheter{{Objektidentitet: samplePropertyID, Beteckning: "Exempelby Backa 1:23", Typ: "Fastighet"}},
	}
}

func samplePoint() *Adressplats {
	return &Adressplats{
		Utbytesobjekt: Utbytesobjekt{Objektidentitet: samplePointID, Objektversion: 1, Objektstatus: "Gällande"},
		Adressplatsattribut: Adressplatsattribut{
			Adressplatsbeteckning: Adressplatsbeteckning{Adressplatsnummer: "7", Bokstavstillagg: "A", Lagestillagg: "U", Lagestillaggsnummer: 1},
			Adressplatstyp:        "Gatuadressplats",
			Insamlingslage:        "Ingång",
			Adressplatspunkt:      Geometri{Geometry: geom.NewPointFlat(geom.XY, []float64{153006.25, 6729999}).SetSRID(3014)},
			Status:                "Gällande",
		},
		Adressomrade:           &Referens{Objektidentitet: sampleAreaID},
		Registerenhetsreferens: &Registerenhetsreferens{Objektidentitet: samplePropertyID},
	}
}

func sampleUppdatering() *Uppdatering { return NewUppdatering(sampleAction(), sampleBuilding()) }

func sampleTransaktion() *Transaktion {
	entrance := &Entre{
		Utbytesobjekt: Utbytesobjekt{Objektidentitet: sampleEntranceID, Objektstatus: "Planerad"},
		Entretyp:      "Bostadsadress med registrerad lägenhet", Hiss: "Nej",
		Byggnad:     Referens{Objektidentitet: sampleBuildingID},
		Adressplats: &Referens{Objektidentitet: samplePointID},
	}
	apartment := &Lagenhet{
		Utbytesobjekt:   Utbytesobjekt{Objektstatus: "Planerad"},
		Lagenhetsnummer: "1001", AntalRum: ptr(3), Bostadsarea: ptr(74.5), Kokstyp: "Kök",
		BeslutsdatumLagenhetsnummer: "2026-11-20",
		Entre:                       Referens{Objektidentitet: sampleEntranceID},
	}
	point := samplePoint()
	point.Objektversion = 0
	building := sampleBuilding()
	building.Objektversion, building.VersionGiltigFran = 0, ""
	member := func(op Operation, typ string, o Objekt) Transaktionsdel {
		a := sampleAction()
		a.Atgardstyp = typ
		d := Transaktionsdel{Operation: op, Innehall: Innehall{Verksamhetsatgard: a}}
		d.SetObject(o)
		return d
	}
	return &Transaktion{Uppdatering: []Transaktionsdel{
		member(OperationSkapa, "Godkänt bygglov", building),
		member(OperationSkapa, "Ny", point),
		member(OperationSkapa, "Ny entré", entrance),
		member(OperationSkapa, "Nybyggd lägenhet", apartment),
	}}
}

func sampleKvitto() *Kvitto {
	return &Kvitto{Objektidentitet: sampleBuildingID, Objektversion: 4, VersionGiltigFran: "2026-11-22T10:15:01.123+01:00"}
}

func sampleSokvillkor() *Sokvillkor {
	return &Sokvillkor{
		Kommunkod: "2180", Objektstatus: []string{"Gällande", "Planerad"}, Namn: "Backa",
		Envelope:       &Omrade{SRID: 3006, MinX: 615000, MinY: 6727000, MaxX: 616000, MaxY: 6728000},
		ForandradEfter: "2026-01-01T00:00:00.000+01:00", Max: 100,
	}
}

func sampleSokresultat() *Sokresultat {
	return &Sokresultat{
		Traff:        []Traff{{Objektidentitet: samplePointID, Objektversion: 1, Etikett: "Backavägen 7A U1"}},
		Fortsattning: "b3duZXI6NWIxZQ",
	}
}

func sampleForandringar() *Forandringar {
	return &Forandringar{
		Forandring: []Forandring{{
			Sekvensnummer: 10234, Objekttyp: TypByggnad, Objektidentitet: sampleBuildingID,
			Objektversion: 4, Forandringstyp: ForandringAndrad, Tidpunkt: "2026-11-22T10:15:01.123+01:00",
		}},
		Fortsattning: "10234",
	}
}

func sampleBrist() *Brist {
	return &Brist{
		Objektidentitet: "d1f0c5a2-3b4c-4d5e-8f60-718293a4b5c6", Objektversion: 1,
		Bristtyp: "Byggnad saknar adress", Status: BristOppen,
		Beskrivning: "Byggnaden är en huvudbyggnad men saknar entré med adress.", Kommunkod: "2180",
		Registerenhet: &Registerenhetsreferens{Objektidentitet: samplePropertyID, Beteckning: "Exempelby Backa 1:23"},
		Objekt:        &Objektreferens{Objekttyp: TypByggnad, Objektidentitet: sampleBuildingID},
		Skapad:        "2026-11-20T08:00:00.000+01:00", Andrad: "2026-11-20T08:00:00.000+01:00",
	}
}

func sampleArende() *Arende {
	return &Arende{
		Objektidentitet: "c0a80101-0000-4000-8000-000000000001", Objektversion: 2,
		Arendenummer: "AB123456", Arendetyp: ArendeFastighetsbildning, Status: ArendePagaende,
		Beskrivning: "Avstyckning från Exempelby Backa 1:23", Kommunkod: "2180",
		Registerenhet: []Registerenhetsreferens{{Objektidentitet: samplePropertyID, Beteckning: "Exempelby Backa 1:23"}},
		Objekt:        []Objektreferens{{Objekttyp: TypByggnad, Objektidentitet: sampleBuildingID}},
		Skapad:        "2026-11-20T08:00:00.000+01:00", Andrad: "2026-11-21T09:30:00.000+01:00",
		Kvittenser: Kvittenser{{
			Kvittenstyp: KvittensMottagen, Kommentar: "Vi tittar på det.", Tidpunkt: "2026-11-21T09:30:00.000+01:00",
		}},
	}
}
