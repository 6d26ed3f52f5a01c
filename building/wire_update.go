package building

import (
	"fmt"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/objects"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// This file maps the model to the update binding's wire structs
// (internal/wire/update1) and back. The model carries no wire tags, so that
// adopting Lantmäteriet's real schema changes this file and the wire
// package, not the public types.

// categoryElements maps a byggnadsändamål main type to the element the
// binding writes it as.
var categoryElements = map[Category]string{
	CategoryResidential:  update1.KategoriBostad,
	CategoryBusiness:     update1.KategoriVerksamhet,
	CategoryIndustrial:   update1.KategoriIndustri,
	CategoryPublic:       update1.KategoriSamhallsfunktion,
	CategoryAgricultural: update1.KategoriEkonomibyggnad,
	CategoryAncillary:    update1.KategoriKomplementbyggnad,
	CategoryOther:        update1.KategoriOvrigByggnad,
}

var buildingCodec = &objects.Codec[Building, *update1.Byggnad]{
	Type:           update1.TypByggnad,
	Service:        "building.Buildings",
	New:            func() *update1.Byggnad { return new(update1.Byggnad) },
	Encode:         buildingToWire,
	Decode:         buildingFromWire,
	Meta:           func(b *Building) *bal.Meta { return &b.Meta },
	Validate:       (*Building).Validate,
	ValidateAction: (*Building).ValidateAction,
	Reproject:      reprojectBuilding,
	Geometries:     geometries,
}

var entranceCodec = &objects.Codec[Entrance, *update1.Entre]{
	Type:           update1.TypEntre,
	Service:        "building.Entrances",
	New:            func() *update1.Entre { return new(update1.Entre) },
	Encode:         entranceToWire,
	Decode:         entranceFromWire,
	Meta:           func(e *Entrance) *bal.Meta { return &e.Meta },
	Validate:       (*Entrance).Validate,
	ValidateAction: (*Entrance).ValidateAction,
}

var apartmentCodec = &objects.Codec[Apartment, *update1.Lagenhet]{
	Type:           update1.TypLagenhet,
	Service:        "building.Apartments",
	New:            func() *update1.Lagenhet { return new(update1.Lagenhet) },
	Encode:         apartmentToWire,
	Decode:         apartmentFromWire,
	Meta:           func(a *Apartment) *bal.Meta { return &a.Meta },
	Validate:       (*Apartment).Validate,
	ValidateAction: (*Apartment).ValidateAction,
}

func buildingToWire(b *Building) *update1.Byggnad {
	w := &update1.Byggnad{
		Utbytesobjekt: objects.MetaToWire(&b.Meta),
		Byggnadsattribut: update1.Byggnadsattribut{
			Husnummer:                   b.HouseNumber,
			Nybyggnadsar:                b.ConstructionYear,
			Tillbyggnadsar:              b.ExtensionYear,
			UndantagenFranAdressattning: objects.Ptr(b.ExemptFromAddressing),
			Huvudbyggnad:                objects.Ptr(b.MainBuilding),
			OfriGrund:                   objects.Ptr(b.NonFreeGround),
			Byggnadsservitut:            objects.Ptr(b.Servitude),
		},
	}
	for _, r := range b.Remarks {
		w.Byggnadsanmarkning = append(w.Byggnadsanmarkning, update1.Anmarkning{Anmarkningstyp: string(r.Type), Anmarkningstext: r.Text})
	}
	for _, n := range b.Names {
		w.Byggnadsnamn = append(w.Byggnadsnamn, update1.Byggnadsnamn{Namn: n.Text, Namntyp: string(n.Type), Ortid: n.PlaceID})
	}
	for _, p := range b.Purposes {
		w.Byggnadsandamal = append(w.Byggnadsandamal, update1.Byggnadsandamal{
			Kategori:       categoryElements[p.Category],
			Andamal:        string(p.Use),
			Huvudandamal:   objects.Ptr(p.Main),
			OsakertAndamal: objects.Ptr(p.Uncertain),
			TotalBoarea:    objects.Clone(p.TotalLivingArea),
		})
	}
	for _, s := range b.Shelters {
		w.Skyddsrum = append(w.Skyddsrum, update1.Skyddsrum{Identitet: s.Identity})
	}
	if b.TaxUnit != nil {
		w.Taxeringsenhet = &update1.Taxeringsenhet{Taxeringsenhetsidentitet: b.TaxUnit.Identity}
	}
	if b.ValuationUnit != nil {
		w.Varderingsenhet = &update1.Varderingsenhet{Varderingsenhetsidentitet: b.ValuationUnit.Identity}
	}
	for _, p := range b.Parts {
		w.Byggnadsdel = append(w.Byggnadsdel, update1.Byggnadsdel{
			Insamlingslage:       string(p.placement()),
			Byggnadsyta:          update1.Geometri{Geometry: p.Surface},
			LagesnoggrannhetPlan: accuracyToWire(p.PlanAccuracy),
			LagesnoggrannhetHojd: accuracyToWire(p.HeightAccuracy),
		})
	}
	for _, r := range b.LiesOn {
		w.LiggerPa = append(w.LiggerPa, objects.PropertyToWire(r))
	}
	for _, r := range b.AffectedBy {
		w.BerorsAv = append(w.BerorsAv, objects.PropertyToWire(r))
	}
	return w
}

func accuracyToWire(a *Accuracy) *update1.Lagesnoggrannhet {
	if a == nil {
		return nil
	}
	return &update1.Lagesnoggrannhet{
		Utvarderingsmetod: string(a.Method),
		StatistiskMetod:   string(a.Statistic),
		Varde:             objects.Clone(a.Value),
		Vardeenhet:        string(a.Unit),
		IngenInformation:  a.NoInformation,
	}
}

func buildingFromWire(w *update1.Byggnad) (*Building, error) {
	meta, err := objects.MetaFromWire(w, allActions.Parse)
	if err != nil {
		return nil, fmt.Errorf("byggnad: %w", err)
	}
	a := w.Byggnadsattribut
	b := &Building{
		Meta:                 meta,
		HouseNumber:          a.Husnummer,
		ConstructionYear:     a.Nybyggnadsar,
		ExtensionYear:        a.Tillbyggnadsar,
		ExemptFromAddressing: objects.Deref(a.UndantagenFranAdressattning),
		MainBuilding:         objects.Deref(a.Huvudbyggnad),
		NonFreeGround:        objects.Deref(a.OfriGrund),
		Servitude:            objects.Deref(a.Byggnadsservitut),
	}
	for _, r := range w.Byggnadsanmarkning {
		b.Remarks = append(b.Remarks, Remark{Type: remarkTypes.Parse(r.Anmarkningstyp), Text: r.Anmarkningstext})
	}
	for _, n := range w.Byggnadsnamn {
		b.Names = append(b.Names, Name{Text: n.Namn, Type: nameTypes.Parse(n.Namntyp), PlaceID: n.Ortid})
	}
	for _, p := range w.Byggnadsandamal {
		b.Purposes = append(b.Purposes, Purpose{
			Category:        categories.Parse(p.Kategori),
			Use:             allUses.Parse(p.Andamal),
			Main:            objects.Deref(p.Huvudandamal),
			Uncertain:       objects.Deref(p.OsakertAndamal),
			TotalLivingArea: objects.Clone(p.TotalBoarea),
		})
	}
	for _, s := range w.Skyddsrum {
		b.Shelters = append(b.Shelters, Shelter{Identity: s.Identitet})
	}
	if w.Taxeringsenhet != nil {
		b.TaxUnit = &TaxUnit{Identity: w.Taxeringsenhet.Taxeringsenhetsidentitet}
	}
	if w.Varderingsenhet != nil {
		b.ValuationUnit = &ValuationUnit{Identity: w.Varderingsenhet.Varderingsenhetsidentitet}
	}
	for _, d := range w.Byggnadsdel {
		b.Parts = append(b.Parts, Part{
			Placement:      placements.Parse(d.Insamlingslage),
			Surface:        d.Byggnadsyta.Geometry,
			PlanAccuracy:   accuracyFromWire(d.LagesnoggrannhetPlan),
			HeightAccuracy: accuracyFromWire(d.LagesnoggrannhetHojd),
		})
	}
	if b.LiesOn, err = propertiesFromWire(w.LiggerPa); err != nil {
		return nil, fmt.Errorf("byggnad %s: ligger på: %w", meta.ID, err)
	}
	if b.AffectedBy, err = propertiesFromWire(w.BerorsAv); err != nil {
		return nil, fmt.Errorf("byggnad %s: berörs av: %w", meta.ID, err)
	}
	return b, nil
}

func accuracyFromWire(w *update1.Lagesnoggrannhet) *Accuracy {
	if w == nil {
		return nil
	}
	return &Accuracy{
		Method:        evaluationMethods.Parse(w.Utvarderingsmetod),
		Statistic:     statisticalMethods.Parse(w.StatistiskMetod),
		Value:         objects.Clone(w.Varde),
		Unit:          units.Parse(w.Vardeenhet),
		NoInformation: w.IngenInformation,
	}
}

func propertiesFromWire(rs update1.Registerenheter) ([]bal.PropertyRef, error) {
	var out []bal.PropertyRef
	for _, r := range rs {
		p, err := objects.PropertyFromWire(r)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// reprojectBuilding transforms every part's surface to srid.
func reprojectBuilding(b *Building, srid int) error {
	for i := range b.Parts {
		if b.Parts[i].Surface == nil {
			continue
		}
		g, err := geometry.Transform(b.Parts[i].Surface, srid)
		if err != nil {
			return fmt.Errorf("part %d: %w", i, err)
		}
		b.Parts[i].Surface = g
	}
	return nil
}

func entranceToWire(e *Entrance) *update1.Entre {
	w := &update1.Entre{
		Utbytesobjekt: objects.MetaToWire(&e.Meta),
		Entretyp:      string(e.Type),
		Hiss:          string(e.Elevator),
		Byggnad:       update1.Referens{Objektidentitet: e.BuildingID.String()},
	}
	if e.Address != nil {
		w.Adressplats = &update1.Referens{Objektidentitet: e.Address.ID.String()}
	}
	return w
}

func entranceFromWire(w *update1.Entre) (*Entrance, error) {
	meta, err := objects.MetaFromWire(w, allActions.Parse)
	if err != nil {
		return nil, fmt.Errorf("entré: %w", err)
	}
	e := &Entrance{Meta: meta, Type: entranceTypes.Parse(w.Entretyp), Elevator: yesNos.Parse(w.Hiss)}
	if e.BuildingID, err = objects.RefID("byggnad", w.Byggnad.Objektidentitet); err != nil {
		return nil, fmt.Errorf("entré %s: %w", meta.ID, err)
	}
	if w.Adressplats != nil {
		id, err := objects.RefID("adressplats", w.Adressplats.Objektidentitet)
		if err != nil {
			return nil, fmt.Errorf("entré %s: %w", meta.ID, err)
		}
		e.Address = &AddressRef{ID: id, Label: w.Adressplats.Etikett}
	}
	return e, nil
}

func apartmentToWire(a *Apartment) *update1.Lagenhet {
	w := &update1.Lagenhet{
		Utbytesobjekt:                     objects.MetaToWire(&a.Meta),
		Lagenhetsnummer:                   a.Number,
		BeslutsdatumLagenhetsnummer:       update1.NewDatum(a.NumberDecided),
		UnderrattelsedatumLagenhetsnummer: update1.NewDatum(a.NumberNotified),
		Bostadsarea:                       objects.Clone(a.LivingArea),
		Lagenhetskategori:                 string(a.Category),
		Kokstyp:                           string(a.Kitchen),
		GemensamtKok:                      string(a.SharedKitchen),
		Insamlingssatt:                    string(a.Collection),
		Entre:                             update1.Referens{Objektidentitet: a.EntranceID.String()},
	}
	w.AntalRum = objects.Clone(a.Rooms)
	return w
}

func apartmentFromWire(w *update1.Lagenhet) (*Apartment, error) {
	meta, err := objects.MetaFromWire(w, allActions.Parse)
	if err != nil {
		return nil, fmt.Errorf("lägenhet: %w", err)
	}
	a := &Apartment{
		Meta:          meta,
		Number:        w.Lagenhetsnummer,
		LivingArea:    objects.Clone(w.Bostadsarea),
		Category:      ApartmentCategory(w.Lagenhetskategori),
		Kitchen:       kitchenTypes.Parse(w.Kokstyp),
		SharedKitchen: yesNos.Parse(w.GemensamtKok),
		Collection:    collectionMethods.Parse(w.Insamlingssatt),
	}
	a.Rooms = objects.Clone(w.AntalRum)
	if a.NumberDecided, err = w.BeslutsdatumLagenhetsnummer.Time(); err != nil {
		return nil, fmt.Errorf("lägenhet %s: %w", meta.ID, err)
	}
	if a.NumberNotified, err = w.UnderrattelsedatumLagenhetsnummer.Time(); err != nil {
		return nil, fmt.Errorf("lägenhet %s: %w", meta.ID, err)
	}
	if a.EntranceID, err = objects.RefID("entré", w.Entre.Objektidentitet); err != nil {
		return nil, fmt.Errorf("lägenhet %s: %w", meta.ID, err)
	}
	return a, nil
}
