package building

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/readsvc"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/byggnad3"
)

// This file maps Byggnad Direkt v3's wire structs to the model and back.
// Code-list values are read with their lists' Parse, so any spelling the
// service uses reads as the model's constant and an unknown value is kept
// as it came.

// fromDirekt maps one building of an answer. srid is the CRS the request
// asked for, given to geometries the answer left without one (JSON without
// a crs member); 0 means SWEREF 99 TM, the service's default.
func fromDirekt(w *byggnad3.Byggnad, srid int) (*Building, error) {
	if srid == 0 {
		srid = 3006
	}
	b := &Building{}
	var err error
	if b.ID, err = bal.ParseObjectID(w.Objektidentitet); err != nil {
		return nil, fmt.Errorf("objektidentitet: %w", err)
	}
	if w.Objektstatus != "" {
		b.Status = codelist.Parse[bal.Status](w.Objektstatus)
	}
	if a := w.Byggnadsattribut; a != nil {
		b.Version = bal.Version(a.Objektversion)
		if b.ValidFrom, err = readsvc.ParseTime(a.VersionGiltigFran); err != nil {
			return nil, fmt.Errorf("versionGiltigFran: %w", err)
		}
		if b.ValidTo, err = readsvc.ParseTime(a.VersionGiltigTill); err != nil {
			return nil, fmt.Errorf("versionGiltigTill: %w", err)
		}
		b.HouseNumber = a.Husnummer
		b.ConstructionYear = a.Nybyggnadsar
		b.ExtensionYear = a.Tillbyggnadsar
		b.ExemptFromAddressing = a.UndantagenFranAdressattning
		b.MainBuilding = a.Huvudbyggnad
		b.NonFreeGround = a.OfriGrund
		b.Servitude = a.Byggnadsservitut
	}
	if w.Verksamhetsatgard != nil {
		if b.Action, err = actionFromDirekt(w.Verksamhetsatgard); err != nil {
			return nil, err
		}
	}
	for i, p := range w.Byggnadsandamal {
		pu := Purpose{Category: categories.Parse(p.Typ), Use: allUses.Parse(p.Andamal), Main: p.Huvudandamal, Uncertain: p.OsakertAndamal}
		if pu.TotalLivingArea, err = parseFloat(p.TotalBoarea); err != nil {
			return nil, fmt.Errorf("byggnadsandamal[%d].totalBoarea: %w", i, err)
		}
		b.Purposes = append(b.Purposes, pu)
	}
	for _, n := range w.Byggnadsnamn {
		b.Names = append(b.Names, Name{Text: n.Namn, Type: nameTypes.Parse(n.Namntyp), PlaceID: string(n.Ortid)})
	}
	for _, r := range w.Byggnadsanmarkning {
		b.Remarks = append(b.Remarks, Remark{Type: remarkTypes.Parse(r.Anmarkningstyp), Text: r.Anmarkningstext})
	}
	for _, s := range w.Skyddsrum {
		b.Shelters = append(b.Shelters, Shelter{Identity: s.Identitet})
	}
	for i, d := range w.Byggnadsdel {
		part := Part{Placement: placements.Parse(d.Insamlingslage), Surface: direkt.SetSRID(d.Byggnadsyta.Geometry, srid)}
		if part.PlanAccuracy, err = accuracyFromDirekt(d.LagesnoggrannhetPlan); err != nil {
			return nil, fmt.Errorf("byggnadsdel[%d].lagesnoggrannhetPlan: %w", i, err)
		}
		if part.HeightAccuracy, err = accuracyFromDirekt(d.LagesnoggrannhetHojd); err != nil {
			return nil, fmt.Errorf("byggnadsdel[%d].lagesnoggrannhetHojd: %w", i, err)
		}
		b.Parts = append(b.Parts, part)
	}
	if w.Taxeringsenhet != nil {
		b.TaxUnit = &TaxUnit{Identity: w.Taxeringsenhet.Taxeringsenhetsidentitet}
	}
	if w.Varderingsenhet != nil {
		b.ValuationUnit = &ValuationUnit{Identity: w.Varderingsenhet.Varderingsenhetsidentitet}
	}
	if b.LiesOn, err = refsFromDirekt(w.LiggerPa); err != nil {
		return nil, fmt.Errorf("liggerPa: %w", err)
	}
	if b.AffectedBy, err = refsFromDirekt(w.BerorsAv); err != nil {
		return nil, fmt.Errorf("berorsAv: %w", err)
	}
	return b, nil
}

func actionFromDirekt(w *byggnad3.Verksamhetsatgard) (*bal.Action, error) {
	t, err := readsvc.ParseTime(w.Atgardstidpunkt)
	if err != nil {
		return nil, fmt.Errorf("verksamhetsatgard.atgardstidpunkt: %w", err)
	}
	return &bal.Action{Type: allActions.Parse(w.Atgardstyp), Responsible: w.AnsvarigOrganisation,
		Performer: w.UtforandeOrganisation, Time: t}, nil
}

func accuracyFromDirekt(w *byggnad3.Lagesnoggrannhet) (*Accuracy, error) {
	if w == nil {
		return nil, nil
	}
	a := &Accuracy{Method: evaluationMethods.Parse(w.Utvarderingsmetod), NoInformation: w.IngenInformation}
	if r := w.Resultat; r != nil {
		a.Statistic = statisticalMethods.Parse(r.StatistiskMetod)
		a.Unit = units.Parse(r.Vardeenhet)
		v, err := parseFloat(r.Varde)
		if err != nil {
			return nil, fmt.Errorf("varde: %w", err)
		}
		a.Value = v
	}
	return a, nil
}

func refsFromDirekt(w *byggnad3.Relation) ([]bal.PropertyRef, error) {
	if w == nil {
		return nil, nil
	}
	var out []bal.PropertyRef
	for _, r := range w.Registerenhetsreferens {
		id, err := bal.ParseObjectID(r.Objektidentitet)
		if err != nil {
			return nil, err
		}
		ref := bal.PropertyRef{ID: id, Designation: r.Beteckning, Key: r.Fastighetsnyckel}
		if r.Typ != "" {
			ref.Type = codelist.Parse[bal.PropertyType](r.Typ)
		}
		out = append(out, ref)
	}
	return out, nil
}

// toDirekt writes b as Byggnad Direkt v3 writes a building with
// includeData=total. It is what a fake server answers and what the update
// binding embeds.
func toDirekt(b *Building) byggnad3.Byggnad {
	w := byggnad3.Byggnad{
		Objektidentitet: b.ID.String(),
		Objektstatus:    string(b.Status),
		Byggnadsattribut: &byggnad3.Byggnadsattribut{
			Objektidentitet:             b.ID.String(),
			Objektversion:               int64(b.Version),
			VersionGiltigFran:           readsvc.FormatTime(b.ValidFrom),
			VersionGiltigTill:           readsvc.FormatTime(b.ValidTo),
			Husnummer:                   b.HouseNumber,
			Nybyggnadsar:                b.ConstructionYear,
			UndantagenFranAdressattning: b.ExemptFromAddressing,
			Huvudbyggnad:                b.MainBuilding,
			Tillbyggnadsar:              b.ExtensionYear,
			OfriGrund:                   b.NonFreeGround,
			Byggnadsservitut:            b.Servitude,
		},
	}
	for _, r := range b.Remarks {
		w.Byggnadsanmarkning = append(w.Byggnadsanmarkning, byggnad3.Anmarkning{Anmarkningstyp: string(r.Type), Anmarkningstext: r.Text})
	}
	for _, n := range b.Names {
		w.Byggnadsnamn = append(w.Byggnadsnamn, byggnad3.Byggnadsnamn{Namn: n.Text, Namntyp: string(n.Type), Ortid: direkt.Number(n.PlaceID)})
	}
	for _, p := range b.Purposes {
		w.Byggnadsandamal = append(w.Byggnadsandamal, byggnad3.Andamal{Typ: categoryElement(p.Category),
			Andamal: string(p.Use), Huvudandamal: p.Main, OsakertAndamal: p.Uncertain, TotalBoarea: formatFloat(p.TotalLivingArea)})
	}
	for _, s := range b.Shelters {
		w.Skyddsrum = append(w.Skyddsrum, byggnad3.Skyddsrum{Identitet: s.Identity})
	}
	if a := b.Action; a != nil {
		w.Verksamhetsatgard = &byggnad3.Verksamhetsatgard{Atgardstyp: string(a.Type),
			AnsvarigOrganisation: a.Responsible, UtforandeOrganisation: a.Performer, Atgardstidpunkt: readsvc.FormatTime(a.Time)}
	}
	for _, p := range b.Parts {
		w.Byggnadsdel = append(w.Byggnadsdel, byggnad3.Byggnadsdel{Insamlingslage: string(p.placement()),
			Byggnadsyta: direkt.NewGeometry(p.Surface), LagesnoggrannhetPlan: accuracyToDirekt(p.PlanAccuracy),
			LagesnoggrannhetHojd: accuracyToDirekt(p.HeightAccuracy)})
	}
	if b.TaxUnit != nil {
		w.Taxeringsenhet = &byggnad3.Taxeringsenhet{Taxeringsenhetsidentitet: b.TaxUnit.Identity}
	}
	if b.ValuationUnit != nil {
		w.Varderingsenhet = &byggnad3.Varderingsenhet{Varderingsenhetsidentitet: b.ValuationUnit.Identity}
	}
	w.LiggerPa = refsToDirekt(b.LiesOn)
	w.BerorsAv = refsToDirekt(b.AffectedBy)
	return w
}

func accuracyToDirekt(a *Accuracy) *byggnad3.Lagesnoggrannhet {
	if a == nil {
		return nil
	}
	w := &byggnad3.Lagesnoggrannhet{Utvarderingsmetod: string(a.Method), IngenInformation: a.NoInformation}
	if a.Value != nil || a.Statistic != "" || a.Unit != "" {
		w.Resultat = &byggnad3.Resultat{StatistiskMetod: string(a.Statistic), Varde: formatFloat(a.Value), Vardeenhet: string(a.Unit)}
	}
	return w
}

func refsToDirekt(refs []bal.PropertyRef) *byggnad3.Relation {
	if len(refs) == 0 {
		return nil
	}
	r := &byggnad3.Relation{}
	for _, p := range refs {
		r.Registerenhetsreferens = append(r.Registerenhetsreferens, byggnad3.Registerenhetsreferens{
			Objektidentitet: p.ID.String(), Fastighetsnyckel: p.Key, Beteckning: p.Designation, Typ: string(p.Type)})
	}
	return r
}

// categoryElement is the element name (and JSON typ) of a category: its
// name ASCII-folded with the words joined, "Övrig byggnad" → "OvrigByggnad".
func categoryElement(c Category) string {
	folded := strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "Å", "A", "Ä", "A", "Ö", "O", "é", "e").Replace(string(c))
	var b strings.Builder
	for _, w := range strings.Fields(folded) {
		b.WriteString(strings.ToUpper(w[:1]))
		b.WriteString(w[1:])
	}
	return b.String()
}

// parseFloat reads a decimal; empty text is nil.
func parseFloat(n direkt.Number) (*float64, error) {
	s := strings.TrimSpace(string(n))
	if s == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, fmt.Errorf("%q is not a number", s)
	}
	return &f, nil
}

// formatFloat writes f in the shortest form that reads back the same, or
// nothing for nil.
func formatFloat(f *float64) direkt.Number {
	if f == nil {
		return ""
	}
	return direkt.Number(strconv.FormatFloat(*f, 'f', -1, 64))
}
