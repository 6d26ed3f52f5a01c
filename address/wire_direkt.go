package address

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/readsvc"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/adress42"
)

// This file maps Belägenhetsadress Direkt v4.2's wire structs to the model
// and back. Code-list values are read with their lists' Parse, so any
// spelling the service uses reads as the model's constant and an unknown
// value is kept as it came.

// fromDirekt maps one address of an answer. srid is the CRS the request
// asked for, given to a point the answer left without one (JSON without a
// crs member); 0 means SWEREF 99 TM.
func fromDirekt(w *adress42.Belagenhetsadress, srid int) (*Point, error) {
	if srid == 0 {
		srid = 3006
	}
	p := &Point{}
	var err error
	if p.ID, err = bal.ParseObjectID(w.Objektidentitet); err != nil {
		return nil, fmt.Errorf("objektidentitet: %w", err)
	}
	if a := w.Adressplatsattribut; a != nil {
		p.Version = bal.Version(a.Objektversion)
		if p.ValidFrom, err = readsvc.ParseTime(a.VersionGiltigFran); err != nil {
			return nil, fmt.Errorf("versionGiltigFran: %w", err)
		}
		if p.ValidTo, err = readsvc.ParseTime(a.VersionGiltigTill); err != nil {
			return nil, fmt.Errorf("versionGiltigTill: %w", err)
		}
		if a.Objektstatus != "" {
			p.Status = codelist.Parse[bal.Status](a.Objektstatus)
		}
		if d := a.Adressplatsbeteckning; d != nil {
			p.Designation = Designation{Number: d.Adressplatsnummer, Letter: d.Bokstavstillagg,
				PositionNumber: d.Lagestillaggsnummer, Deviates: d.AvvikerFranStandarden,
				DeviatingDesignation: d.AvvikandeAdressplatsbeteckning}
			if d.Lagestillagg != "" {
				p.Designation.PositionSuffix = positionSuffixes.Parse(d.Lagestillagg)
			}
		}
		if a.Adressplatstyp != "" {
			p.Type = pointTypes.Parse(a.Adressplatstyp)
		}
		if a.Insamlingslage != "" {
			p.Placement = placements.Parse(a.Insamlingslage)
		}
		if g := direkt.SetSRID(a.Adressplatspunkt.Geometry, srid); g != nil {
			pt, ok := g.(*geom.Point)
			if !ok {
				return nil, fmt.Errorf("adressplatspunkt: %T is not a point", g)
			}
			p.Position = pt
		}
		if a.Status != "" {
			p.AddressStatus = statuses.Parse(a.Status)
		}
		p.PostalCode, p.PostTown = string(a.Postnummer), a.Postort
	}
	if d := w.Distriktstillhorighet; d != nil {
		p.RegistrationDistrict = &RegistrationDistrict{Code: d.Distriktskod, Name: d.Distriktsnamn}
	}
	for _, r := range w.Adressplatsanmarkning {
		p.Remarks = append(p.Remarks, Remark{Type: remarkTypes.Parse(r.Anmarkningstyp), Text: r.Anmarkningstext})
	}
	if f := w.AdressattAnlaggning; f != nil {
		p.Facility = &Facility{Type: facilityTypes.Parse(f.Anlaggningstyp), Text: f.Anlaggningstext}
	}
	if n := w.Adressplatsnamn; n != nil {
		p.PopularName = &PopularName{Name: n.Popularnamn, PlaceID: string(n.Ortid)}
	}
	if w.Adressomrade != nil {
		if p.Area, err = areaFromDirekt(w.Adressomrade); err != nil {
			return nil, fmt.Errorf("adressomrade: %w", err)
		}
	}
	if g := w.Gardsadressomrade; g != nil {
		c := &CourtyardAreaRef{Name: g.FaststalltNamn}
		if c.ID, err = optionalID(g.Objektidentitet); err != nil {
			return nil, fmt.Errorf("gardsadressomrade: %w", err)
		}
		if g.Adressomrade != nil {
			if c.Area, err = areaFromDirekt(g.Adressomrade); err != nil {
				return nil, fmt.Errorf("gardsadressomrade.adressomrade: %w", err)
			}
		}
		p.CourtyardArea = c
	}
	if r := w.Registerenhetsreferens; r != nil {
		ref := bal.PropertyRef{Designation: r.Beteckning}
		if ref.ID, err = bal.ParseObjectID(r.Objektidentitet); err != nil {
			return nil, fmt.Errorf("registerenhetsreferens: %w", err)
		}
		if r.Typ != "" {
			ref.Type = codelist.Parse[bal.PropertyType](r.Typ)
		}
		p.Property = &ref
	}
	if a := w.Verksamhetsatgard; a != nil {
		t, err := readsvc.ParseTime(a.Atgardstidpunkt)
		if err != nil {
			return nil, fmt.Errorf("verksamhetsatgard.atgardstidpunkt: %w", err)
		}
		p.Action = &bal.Action{Type: actionTypes.Parse(a.Atgardstyp), Responsible: a.AnsvarigOrganisation,
			Performer: a.UtforandeOrganisation, Time: t}
	}
	return p, nil
}

func areaFromDirekt(w *adress42.Adressomrade) (*AreaRef, error) {
	a := &AreaRef{Name: w.FaststalltNamn}
	var err error
	if a.ID, err = optionalID(w.Objektidentitet); err != nil {
		return nil, err
	}
	if w.Adressomradestyp != "" {
		a.Type = areaTypes.Parse(w.Adressomradestyp)
	}
	if k := w.Kommundel; k != nil {
		d := &DistrictRef{Name: k.FaststalltNamn}
		if d.ID, err = optionalID(k.Objektidentitet); err != nil {
			return nil, fmt.Errorf("kommundel: %w", err)
		}
		if m := k.Kommun; m != nil {
			d.Municipality = &Municipality{Code: bal.MunicipalityCode(m.Kommunkod), Name: m.Kommunnamn}
		}
		a.District = d
	}
	return a, nil
}

// optionalID parses an id that a nested reference may leave out.
func optionalID(s string) (bal.ObjectID, error) {
	if strings.TrimSpace(s) == "" {
		return bal.ObjectID{}, nil
	}
	return bal.ParseObjectID(s)
}

// toDirekt writes p as Belägenhetsadress Direkt v4.2 writes an address
// with includeData=total. It is what a fake server answers and what the
// update binding embeds.
func toDirekt(p *Point) adress42.Belagenhetsadress {
	w := adress42.Belagenhetsadress{
		Objektidentitet: p.ID.String(),
		Adressplatsattribut: &adress42.Adressplatsattribut{
			Objektidentitet:   p.ID.String(),
			Objektversion:     int64(p.Version),
			VersionGiltigFran: readsvc.FormatTime(p.ValidFrom),
			VersionGiltigTill: readsvc.FormatTime(p.ValidTo),
			Adressplatsbeteckning: &adress42.Adressplatsbeteckning{
				Adressplatsnummer: p.Designation.Number, Bokstavstillagg: p.Designation.Letter,
				Lagestillagg: string(p.Designation.PositionSuffix), Lagestillaggsnummer: p.Designation.PositionNumber,
				AvvikandeAdressplatsbeteckning: p.Designation.DeviatingDesignation,
				AvvikerFranStandarden:          p.Designation.Deviates,
			},
			Adressplatstyp: string(p.Type),
			Insamlingslage: string(p.placement()),
			Status:         string(p.AddressStatus),
			Objektstatus:   string(p.Status),
			Postnummer:     direkt.Number(p.PostalCode),
			Postort:        p.PostTown,
		},
	}
	if p.Position != nil {
		w.Adressplatsattribut.Adressplatspunkt = direkt.NewGeometry(p.Position)
	}
	if n := p.PopularName; n != nil {
		w.Adressplatsnamn = &adress42.Adressplatsnamn{Popularnamn: n.Name, Ortid: direkt.Number(n.PlaceID)}
	}
	if p.Area != nil {
		w.Adressomrade = areaToDirekt(p.Area)
	}
	if c := p.CourtyardArea; c != nil {
		w.Gardsadressomrade = &adress42.Gardsadressomrade{Objektidentitet: c.ID.String(), FaststalltNamn: c.Name}
		if c.Area != nil {
			w.Gardsadressomrade.Adressomrade = areaToDirekt(c.Area)
		}
	}
	for _, r := range p.Remarks {
		w.Adressplatsanmarkning = append(w.Adressplatsanmarkning, adress42.Adressplatsanmarkning{Anmarkningstyp: string(r.Type), Anmarkningstext: r.Text})
	}
	if f := p.Facility; f != nil {
		w.AdressattAnlaggning = &adress42.AdressattAnlaggning{Anlaggningstyp: string(f.Type), Anlaggningstext: f.Text}
	}
	if d := p.RegistrationDistrict; d != nil {
		w.Distriktstillhorighet = &adress42.Distriktstillhorighet{Distriktskod: d.Code, Distriktsnamn: d.Name}
	}
	if r := p.Property; r != nil {
		w.Registerenhetsreferens = &adress42.Registerenhetsreferens{Objektidentitet: r.ID.String(), Beteckning: r.Designation, Typ: string(r.Type)}
	}
	if a := p.Action; a != nil {
		w.Verksamhetsatgard = &adress42.Verksamhetsatgard{Atgardstyp: string(a.Type),
			AnsvarigOrganisation: a.Responsible, UtforandeOrganisation: a.Performer, Atgardstidpunkt: readsvc.FormatTime(a.Time)}
	}
	return w
}

func areaToDirekt(a *AreaRef) *adress42.Adressomrade {
	w := &adress42.Adressomrade{Objektidentitet: a.ID.String(), FaststalltNamn: a.Name, Adressomradestyp: string(a.Type)}
	if d := a.District; d != nil {
		w.Kommundel = &adress42.Kommundel{Objektidentitet: d.ID.String(), FaststalltNamn: d.Name}
		if m := d.Municipality; m != nil {
			w.Kommundel.Kommun = &adress42.Kommun{Kommunkod: string(m.Code), Kommunnamn: m.Name}
		}
	}
	return w
}

// referenceFromDirekt maps one hit of a free-text or geometry search.
func referenceFromDirekt(w adress42.Referens) (Reference, error) {
	id, err := bal.ParseObjectID(w.Objektidentitet)
	if err != nil {
		return Reference{}, fmt.Errorf("objektidentitet: %w", err)
	}
	r := Reference{ID: id, Label: w.Adress}
	if c := w.AdressComponents; c != nil {
		n, err := optionalInt(string(c.Lagestillaggsnummer))
		if err != nil {
			return Reference{}, fmt.Errorf("lagestillaggsnummer: %w", err)
		}
		r.Parts = &ReferenceParts{
			Municipality: c.Kommun, District: c.Kommundel, Area: c.Adressomrade, CourtyardArea: c.Gardsadressomrade,
			Designation: Designation{Number: c.Adressplatsnummer, Letter: c.Bokstavstillagg,
				PositionSuffix: PositionSuffix(c.Lagestillagg), PositionNumber: n,
				DeviatingDesignation: c.AvvikandeAdressplatsbeteckning, Deviates: c.AvvikandeAdressplatsbeteckning != ""},
			PostalCode: string(c.Postnummer), PostTown: c.Postort,
		}
		if c.Lagestillagg != "" {
			r.Parts.Designation.PositionSuffix = positionSuffixes.Parse(c.Lagestillagg)
		}
	}
	return r, nil
}

func optionalInt(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	return strconv.Atoi(s)
}
