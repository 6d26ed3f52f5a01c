package address

import (
	"fmt"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/objects"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// This file maps the model to the update binding's wire structs
// (internal/wire/update1) and back. The model carries no wire tags, so that
// adopting Lantmäteriet's real schema changes this file and the wire
// package, not the public types.

var pointCodec = &objects.Codec[Point, *update1.Adressplats]{
	Type:           update1.TypAdressplats,
	Service:        "address.Points",
	New:            func() *update1.Adressplats { return new(update1.Adressplats) },
	Encode:         pointToWire,
	Decode:         pointFromWire,
	Meta:           func(p *Point) *bal.Meta { return &p.Meta },
	Validate:       (*Point).Validate,
	ValidateAction: (*Point).ValidateAction,
	Reproject:      reprojectPoint,
	Geometries:     pointGeometries,
}

var areaCodec = &objects.Codec[Area, *update1.Adressomrade]{
	Type:           update1.TypAdressomrade,
	Service:        "address.Areas",
	New:            func() *update1.Adressomrade { return new(update1.Adressomrade) },
	Encode:         areaToWire,
	Decode:         areaFromWire,
	Meta:           func(a *Area) *bal.Meta { return &a.Meta },
	Validate:       (*Area).Validate,
	ValidateAction: (*Area).ValidateAction,
}

var courtyardAreaCodec = &objects.Codec[CourtyardArea, *update1.Gardsadressomrade]{
	Type:           update1.TypGardsadressomrade,
	Service:        "address.CourtyardAreas",
	New:            func() *update1.Gardsadressomrade { return new(update1.Gardsadressomrade) },
	Encode:         courtyardAreaToWire,
	Decode:         courtyardAreaFromWire,
	Meta:           func(c *CourtyardArea) *bal.Meta { return &c.Meta },
	Validate:       (*CourtyardArea).Validate,
	ValidateAction: (*CourtyardArea).ValidateAction,
}

var districtCodec = &objects.Codec[District, *update1.Kommundel]{
	Type:           update1.TypKommundel,
	Service:        "address.Districts",
	New:            func() *update1.Kommundel { return new(update1.Kommundel) },
	Encode:         districtToWire,
	Decode:         districtFromWire,
	Meta:           func(d *District) *bal.Meta { return &d.Meta },
	Validate:       (*District).Validate,
	ValidateAction: (*District).ValidateAction,
}

// pointToWire leaves out what the point does not write: postnummer,
// postort and distriktstillhörighet are PostNord's and Lantmäteriet's, and
// references carry only the identity.
func pointToWire(p *Point) *update1.Adressplats {
	d := p.Designation
	w := &update1.Adressplats{
		Utbytesobjekt: objects.MetaToWire(&p.Meta),
		Adressplatsattribut: update1.Adressplatsattribut{
			Adressplatsbeteckning: update1.Adressplatsbeteckning{
				Adressplatsnummer:              d.Number,
				Bokstavstillagg:                d.Letter,
				Lagestillagg:                   string(d.PositionSuffix),
				Lagestillaggsnummer:            d.PositionNumber,
				AvvikandeAdressplatsbeteckning: d.DeviatingDesignation,
				AvvikerFranStandarden:          d.Deviates,
			},
			Adressplatstyp: string(p.Type),
			Insamlingslage: string(p.placement()),
			Status:         string(p.AddressStatus),
		},
	}
	if p.Position != nil {
		w.Adressplatsattribut.Adressplatspunkt = update1.Geometri{Geometry: p.Position}
	}
	if n := p.PopularName; n != nil {
		w.Adressplatsnamn = &update1.Adressplatsnamn{Popularnamn: n.Name, Ortid: n.PlaceID}
	}
	if p.Area != nil {
		w.Adressomrade = &update1.Referens{Objektidentitet: p.Area.ID.String()}
	}
	if p.CourtyardArea != nil {
		w.Gardsadressomrade = &update1.Referens{Objektidentitet: p.CourtyardArea.ID.String()}
	}
	for _, r := range p.Remarks {
		w.Adressplatsanmarkning = append(w.Adressplatsanmarkning, update1.Anmarkning{Anmarkningstyp: string(r.Type), Anmarkningstext: r.Text})
	}
	if f := p.Facility; f != nil {
		w.AdressattAnlaggning = &update1.AdressattAnlaggning{Anlaggningstyp: string(f.Type), Anlaggningstext: f.Text}
	}
	if p.Property != nil {
		r := objects.PropertyToWire(*p.Property)
		w.Registerenhetsreferens = &r
	}
	return w
}

func pointFromWire(w *update1.Adressplats) (*Point, error) {
	meta, err := objects.MetaFromWire(w, actionTypes.Parse)
	if err != nil {
		return nil, fmt.Errorf("adressplats: %w", err)
	}
	a := w.Adressplatsattribut
	d := a.Adressplatsbeteckning
	p := &Point{
		Meta: meta,
		Designation: Designation{
			Number:               d.Adressplatsnummer,
			Letter:               d.Bokstavstillagg,
			PositionSuffix:       positionSuffixes.Parse(d.Lagestillagg),
			PositionNumber:       d.Lagestillaggsnummer,
			Deviates:             d.AvvikerFranStandarden,
			DeviatingDesignation: d.AvvikandeAdressplatsbeteckning,
		},
		Type:          pointTypes.Parse(a.Adressplatstyp),
		Placement:     placements.Parse(a.Insamlingslage),
		AddressStatus: statuses.Parse(a.Status),
		PostalCode:    a.Postnummer,
		PostTown:      a.Postort,
	}
	switch g := a.Adressplatspunkt.Geometry.(type) {
	case nil:
	case *geom.Point:
		p.Position = g
	default:
		return nil, fmt.Errorf("adressplats %s: adressplatspunkt is a %T, want a point", meta.ID, g)
	}
	if n := w.Adressplatsnamn; n != nil {
		p.PopularName = &PopularName{Name: n.Popularnamn, PlaceID: n.Ortid}
	}
	if r := w.Adressomrade; r != nil {
		id, err := objects.RefID("adressområde", r.Objektidentitet)
		if err != nil {
			return nil, fmt.Errorf("adressplats %s: %w", meta.ID, err)
		}
		p.Area = &AreaRef{ID: id, Name: r.FaststalltNamn, Type: areaTypes.Parse(r.Adressomradestyp)}
	}
	if r := w.Gardsadressomrade; r != nil {
		id, err := objects.RefID("gårdsadressområde", r.Objektidentitet)
		if err != nil {
			return nil, fmt.Errorf("adressplats %s: %w", meta.ID, err)
		}
		p.CourtyardArea = &CourtyardAreaRef{ID: id, Name: r.FaststalltNamn}
	}
	for _, r := range w.Adressplatsanmarkning {
		p.Remarks = append(p.Remarks, Remark{Type: remarkTypes.Parse(r.Anmarkningstyp), Text: r.Anmarkningstext})
	}
	if f := w.AdressattAnlaggning; f != nil {
		p.Facility = &Facility{Type: facilityTypes.Parse(f.Anlaggningstyp), Text: f.Anlaggningstext}
	}
	if r := w.Distriktstillhorighet; r != nil {
		p.RegistrationDistrict = &RegistrationDistrict{Code: r.Distriktskod, Name: r.Distriktsnamn}
	}
	if r := w.Registerenhetsreferens; r != nil {
		ref, err := objects.PropertyFromWire(*r)
		if err != nil {
			return nil, fmt.Errorf("adressplats %s: %w", meta.ID, err)
		}
		p.Property = &ref
	}
	return p, nil
}

// reprojectPoint transforms the position to srid.
func reprojectPoint(p *Point, srid int) error {
	if p.Position == nil {
		return nil
	}
	g, err := geometry.Transform(p.Position, srid)
	if err != nil {
		return err
	}
	p.Position = g.(*geom.Point)
	return nil
}

func areaToWire(a *Area) *update1.Adressomrade {
	return &update1.Adressomrade{
		Utbytesobjekt:    objects.MetaToWire(&a.Meta),
		FaststalltNamn:   a.Name,
		Ortid:            a.PlaceID,
		Adressomradestyp: string(a.Type),
		Kommundel:        update1.Referens{Objektidentitet: a.District.ID.String()},
	}
}

func areaFromWire(w *update1.Adressomrade) (*Area, error) {
	meta, err := objects.MetaFromWire(w, actionTypes.Parse)
	if err != nil {
		return nil, fmt.Errorf("adressområde: %w", err)
	}
	id, err := objects.RefID("kommundel", w.Kommundel.Objektidentitet)
	if err != nil {
		return nil, fmt.Errorf("adressområde %s: %w", meta.ID, err)
	}
	return &Area{
		Meta:     meta,
		Name:     w.FaststalltNamn,
		PlaceID:  w.Ortid,
		Type:     areaTypes.Parse(w.Adressomradestyp),
		District: DistrictRef{ID: id, Name: w.Kommundel.FaststalltNamn},
	}, nil
}

func courtyardAreaToWire(c *CourtyardArea) *update1.Gardsadressomrade {
	return &update1.Gardsadressomrade{
		Utbytesobjekt:  objects.MetaToWire(&c.Meta),
		FaststalltNamn: c.Name,
		Ortid:          c.PlaceID,
		Adressomrade:   update1.Referens{Objektidentitet: c.Area.ID.String()},
	}
}

func courtyardAreaFromWire(w *update1.Gardsadressomrade) (*CourtyardArea, error) {
	meta, err := objects.MetaFromWire(w, actionTypes.Parse)
	if err != nil {
		return nil, fmt.Errorf("gårdsadressområde: %w", err)
	}
	id, err := objects.RefID("adressområde", w.Adressomrade.Objektidentitet)
	if err != nil {
		return nil, fmt.Errorf("gårdsadressområde %s: %w", meta.ID, err)
	}
	return &CourtyardArea{
		Meta:    meta,
		Name:    w.FaststalltNamn,
		PlaceID: w.Ortid,
		Area:    AreaRef{ID: id, Name: w.Adressomrade.FaststalltNamn, Type: areaTypes.Parse(w.Adressomrade.Adressomradestyp)},
	}, nil
}

func districtToWire(d *District) *update1.Kommundel {
	return &update1.Kommundel{
		Utbytesobjekt:  objects.MetaToWire(&d.Meta),
		FaststalltNamn: d.Name,
		Ortid:          d.PlaceID,
		Kommun:         update1.Kommun{Kommunkod: string(d.Municipality.Code), Kommunnamn: d.Municipality.Name},
	}
}

func districtFromWire(w *update1.Kommundel) (*District, error) {
	meta, err := objects.MetaFromWire(w, actionTypes.Parse)
	if err != nil {
		return nil, fmt.Errorf("kommundel: %w", err)
	}
	return &District{
		Meta:         meta,
		Name:         w.FaststalltNamn,
		PlaceID:      w.Ortid,
		Municipality: Municipality{Code: bal.MunicipalityCode(w.Kommun.Kommunkod), Name: w.Kommun.Kommunnamn},
	}, nil
}
