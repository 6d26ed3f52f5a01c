package property

import (
	"fmt"
	"strings"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/readsvc"
	rb "github.com/tjanstebaserad/bal-go/internal/wire/direkt/registerbeteckning5"
)

// fromDirekt maps one member of an answer.
func fromDirekt(w *rb.Beteckning) (*Unit, error) {
	u := &Unit{}
	ref := w.Registerenhetsreferens
	if ref == nil {
		ref, u.JointFacility = w.Gemensamhetsanlaggningsreferens, true
	}
	if ref == nil {
		return nil, fmt.Errorf("neither registerenhetsreferens nor gemensamhetsanlaggningsreferens")
	}
	var err error
	if u.ID, err = bal.ParseObjectID(ref.Objektidentitet); err != nil {
		return nil, fmt.Errorf("objektidentitet: %w", err)
	}
	if ref.Typ != "" {
		u.Type = codelist.Parse[bal.PropertyType](ref.Typ)
	}
	u.ObjectStatus = ref.Objektstatus
	for i, b := range w.Registerbeteckning {
		d := Designation{Version: bal.Version(b.Objektversion), Area: b.Registeromrade, Tract: b.Trakt,
			Block: b.Block, Unit: b.Enhet, ReregisteredTo: b.OmregistreradTill}
		if b.Beteckningsstatus != "" {
			d.Status = designationStatuses.Parse(b.Beteckningsstatus)
		}
		if b.Objektidentitet != "" {
			if d.ID, err = bal.ParseObjectID(b.Objektidentitet); err != nil {
				return nil, fmt.Errorf("registerbeteckning[%d].objektidentitet: %w", i, err)
			}
		}
		if d.ValidFrom, err = readsvc.ParseTime(b.VersionGiltigFran); err != nil {
			return nil, fmt.Errorf("registerbeteckning[%d].versionGiltigFran: %w", i, err)
		}
		if d.ReregisteredOn, err = readsvc.ParseTime(b.Omregistreringsdatum); err != nil {
			return nil, fmt.Errorf("registerbeteckning[%d].omregistreringsdatum: %w", i, err)
		}
		u.Designations = append(u.Designations, d)
	}
	if d, ok := u.Current(); ok {
		u.Designation = d.String()
	}
	return u, nil
}

// Current returns the designation in use: the first with status gällande,
// or the first of all when none says so.
func (u *Unit) Current() (Designation, bool) {
	for _, d := range u.Designations {
		if d.Status == StatusCurrent {
			return d, true
		}
	}
	if len(u.Designations) > 0 {
		return u.Designations[0], true
	}
	return Designation{}, false
}

// Has reports whether one of u's designations reads as text, compared
// without regard to case or surrounding and repeated spaces.
func (u *Unit) Has(text string) bool {
	want := strings.Join(strings.Fields(text), " ")
	for _, d := range u.Designations {
		if strings.EqualFold(d.String(), want) {
			return true
		}
	}
	return false
}

// toDirekt writes u as Registerbeteckning Direkt v5 writes it.
func toDirekt(u *Unit) rb.Beteckning {
	ref := &rb.Enhetsreferens{Objektidentitet: u.ID.String(), Objektstatus: u.ObjectStatus, Typ: string(u.Type)}
	w := rb.Beteckning{}
	if u.JointFacility {
		w.Gemensamhetsanlaggningsreferens = ref
	} else {
		w.Registerenhetsreferens = ref
	}
	for _, d := range u.Designations {
		w.Registerbeteckning = append(w.Registerbeteckning, rb.Registerbeteckning{
			Objektidentitet: d.ID.String(), Objektversion: int64(d.Version), VersionGiltigFran: readsvc.FormatTime(d.ValidFrom),
			Registeromrade: d.Area, Trakt: d.Tract, Block: d.Block, Enhet: d.Unit, Beteckningsstatus: string(d.Status),
			Omregistreringsdatum: formatDate(d.ReregisteredOn), OmregistreradTill: d.ReregisteredTo,
		})
	}
	return w
}

// formatDate writes an xs:date; the zero time is empty.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// referenceFromDirekt maps one hit of a free-text search.
func referenceFromDirekt(w rb.Referens) (Reference, error) {
	var r Reference
	var err error
	if r.DesignationID, err = bal.ParseObjectID(w.Objektidentitet); err != nil {
		return Reference{}, fmt.Errorf("objektidentitet: %w", err)
	}
	r.Property.Designation = w.Beteckning
	if w.Registerenhet != "" {
		if r.Property.ID, err = bal.ParseObjectID(w.Registerenhet); err != nil {
			return Reference{}, fmt.Errorf("registerenhet: %w", err)
		}
	}
	if w.Registerenhetstyp != "" {
		r.Property.Type = codelist.Parse[bal.PropertyType](w.Registerenhetstyp)
	}
	if w.Gemensamhetsanlaggning != "" {
		if r.JointFacilityID, err = bal.ParseObjectID(w.Gemensamhetsanlaggning); err != nil {
			return Reference{}, fmt.Errorf("gemensamhetsanlaggning: %w", err)
		}
	}
	return r, nil
}
