package building

import (
	"strings"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/fieldpath"
	"github.com/tjanstebaserad/bal-go/internal/rules"
)

// Validate checks the building against the public BAL rules before it is
// written and returns nil or a *bal.ValidationError listing every problem by
// field path ("Purposes[0].Use", "Parts[1].Surface.ring[0].vertex[3]" …).
//
// It checks: the Meta fields (the action of a write is checked by
// ValidateAction); husnummer and the
// years in range, the extension not before construction; each purpose's
// category known and its use from the category's list (any use for the
// categories whose list is not public), total boarea only on Bostad and in
// range, at most one main purpose; names present and upper case; every
// code-list value known and spelled exactly; each part's surface present, a
// polygon or multipolygon, valid and in an allowed Swedish CRS, and its
// accuracy either a non-negative result with a unit or "ingen information",
// its geometrimetadata, when attached, against the schema and in agreement
// with its insamlingsläge;
// shelter and unit identities present; rule B-0035 (a taxeringsenhet or a
// värderingsenhet, not both); the property references (ids present, no
// property both lain on and affecting) and the part of rule B-0084 a client
// can see (a building affected by a property lies on at least one).
func (b *Building) Validate() error {
	v := check.New("building.Building")
	if b == nil {
		v.Add("", bal.RuleRequired, "building is nil")
		return v.Err()
	}
	check.Meta(v, &b.Meta)
	if b.HouseNumber != 0 {
		check.Rule(v, "HouseNumber", rules.HouseNumber(b.HouseNumber))
	}
	if b.ConstructionYear != 0 {
		check.Rule(v, "ConstructionYear", rules.Year(b.ConstructionYear))
	}
	if b.ExtensionYear != 0 {
		check.Rule(v, "ExtensionYear", rules.Year(b.ExtensionYear))
	}
	check.Rule(v, "ExtensionYear", rules.ExtensionYear(b.ConstructionYear, b.ExtensionYear))

	mains := 0
	for i := range b.Purposes {
		p := &b.Purposes[i]
		path := fieldpath.Index("Purposes", i)
		p.check(v, path)
		if p.Main {
			if mains++; mains > 1 {
				v.Add(fieldpath.Join(path, "Main"), bal.RuleRelation, "a building has at most one huvudändamål")
			}
		}
	}
	for i, n := range b.Names {
		path := fieldpath.Index("Names", i)
		if strings.TrimSpace(n.Text) == "" {
			v.Add(fieldpath.Join(path, "Text"), bal.RuleRequired, "namn is required")
		} else {
			check.Rule(v, fieldpath.Join(path, "Text"), rules.Name(n.Text))
		}
		check.Code(v, fieldpath.Join(path, "Type"), "namntyp", nameTypes, n.Type)
	}
	for i, r := range b.Remarks {
		check.Code(v, fieldpath.Join(fieldpath.Index("Remarks", i), "Type"), "anmärkningstyp", remarkTypes, r.Type)
	}
	for i := range b.Parts {
		b.Parts[i].check(v, fieldpath.Index("Parts", i))
	}
	for i, s := range b.Shelters {
		if strings.TrimSpace(s.Identity) == "" {
			v.Add(fieldpath.Join(fieldpath.Index("Shelters", i), "Identity"), bal.RuleRequired, "the skyddsrum's identitet is required")
		}
	}
	if b.TaxUnit != nil && strings.TrimSpace(b.TaxUnit.Identity) == "" {
		v.Add("TaxUnit.Identity", bal.RuleRequired, "taxeringsenhetsidentitet is required")
	}
	if b.ValuationUnit != nil && strings.TrimSpace(b.ValuationUnit.Identity) == "" {
		v.Add("ValuationUnit.Identity", bal.RuleRequired, "värderingsenhetsidentitet is required")
	}
	check.Rule(v, "ValuationUnit", rules.TaxOrValuation(b.TaxUnit != nil, b.ValuationUnit != nil))
	b.checkProperties(v)
	return v.Err()
}

// check checks one purpose; path is where it sits in the building.
func (p *Purpose) check(v *check.Problems, path string) {
	cat := fieldpath.Join(path, "Category")
	check.Code(v, cat, "byggnadsändamål", categories, p.Category)
	if list := usesOf(p.Category); list != nil && categories.Known(p.Category) {
		use := fieldpath.Join(path, "Use")
		switch {
		case p.Use == "":
			v.Addf(use, bal.RuleRequired, "ändamål is required for %s", p.Category)
		case list.Known(p.Use):
		case allUses.Known(p.Use):
			v.Addf(use, bal.RuleCodeList, "%q is not an ändamål of %s", string(p.Use), p.Category)
		default:
			check.Rule(v, use, rules.Code(list, p.Use))
		}
	}
	if p.TotalLivingArea != nil {
		area := fieldpath.Join(path, "TotalLivingArea")
		if categories.Parse(string(p.Category)) != CategoryResidential {
			v.Add(area, bal.RuleRelation, "total boarea is only given for category Bostad")
		}
		check.Rule(v, area, rules.TotalLivingArea(*p.TotalLivingArea))
	}
}

// check checks one building part; path is where it sits in the building.
func (p *Part) check(v *check.Problems, path string) {
	check.Code(v, fieldpath.Join(path, "Placement"), "insamlingsläge", placements, p.placement())
	if m := p.Metadata; m != nil {
		check.Metadata(v, fieldpath.Join(path, "Metadata"), m)
		if m.Uncertain == geometry.UncertainIllustrative && p.placement() != PlacementIllustrative {
			v.Addf(fieldpath.Join(path, "Placement"), bal.RuleRelation,
				"insamlingsläge %s contradicts the metadata's osäkert läge %q (insamlingsläge %s)", p.Placement, m.Uncertain, PlacementIllustrative)
		}
	}
	surface := fieldpath.Join(path, "Surface")
	switch s := p.Surface.(type) {
	case nil:
		v.Add(surface, bal.RuleRequired, "byggnadsyta is required")
	case *geom.Polygon:
		if s == nil {
			v.Add(surface, bal.RuleRequired, "byggnadsyta is required")
		} else {
			check.Geometry(v, surface, s)
		}
	case *geom.MultiPolygon:
		if s == nil {
			v.Add(surface, bal.RuleRequired, "byggnadsyta is required")
		} else {
			check.Geometry(v, surface, s)
		}
	default:
		v.Addf(surface, bal.RuleGeometry, "byggnadsyta must be a polygon or a multipolygon, not %T", s)
	}
	if p.PlanAccuracy != nil {
		p.PlanAccuracy.check(v, fieldpath.Join(path, "PlanAccuracy"))
	}
	if p.HeightAccuracy != nil {
		p.HeightAccuracy.check(v, fieldpath.Join(path, "HeightAccuracy"))
	}
}

// check checks a lägesnoggrannhet. Its lists are not public, so the values
// of Method, Statistic and Unit are not checked, only their presence.
func (a *Accuracy) check(v *check.Problems, path string) {
	if a.NoInformation {
		if a.Value != nil || a.Statistic != "" || a.Unit != "" {
			v.Add(fieldpath.Join(path, "NoInformation"), bal.RuleRelation, "a lägesnoggrannhet with ingen information has no result")
		}
		return
	}
	if a.Value == nil {
		v.Add(fieldpath.Join(path, "Value"), bal.RuleRequired, "a lägesnoggrannhet needs a result värde, or ingen information")
		return
	}
	check.Rule(v, fieldpath.Join(path, "Value"), rules.NonNegative("värde", *a.Value))
	if a.Unit == "" {
		v.Add(fieldpath.Join(path, "Unit"), bal.RuleRequired, "värdeenhet is required with a värde")
	}
}

// checkProperties checks the "ligger på" and "berörs av" references.
func (b *Building) checkProperties(v *check.Problems) {
	liesOn := make(map[bal.ObjectID]bool, len(b.LiesOn))
	for i, r := range b.LiesOn {
		path := fieldpath.Index("LiesOn", i)
		switch {
		case r.ID.IsZero():
			v.Add(fieldpath.Join(path, "ID"), bal.RuleRequired, "the registerenhet's objektidentitet is required")
		case liesOn[r.ID]:
			v.Add(path, bal.RuleRelation, "the registerenhet is listed twice")
		}
		liesOn[r.ID] = true
	}
	affected := make(map[bal.ObjectID]bool, len(b.AffectedBy))
	for i, r := range b.AffectedBy {
		path := fieldpath.Index("AffectedBy", i)
		switch {
		case r.ID.IsZero():
			v.Add(fieldpath.Join(path, "ID"), bal.RuleRequired, "the registerenhet's objektidentitet is required")
		case affected[r.ID]:
			v.Add(path, bal.RuleRelation, "the registerenhet is listed twice")
		case liesOn[r.ID]:
			v.Add(path, bal.RuleRelation, "a building does not both lie on and get affected by one registerenhet")
		}
		affected[r.ID] = true
	}
	check.Rule(v, "LiesOn", rules.AffectedByNeedsLiesOn(len(b.AffectedBy), len(b.LiesOn)))
}

// Validate checks the entrance before it is written: the Meta fields; the
// building reference; the entrétyp (required) and
// hiss known and spelled exactly; and the address reference's id. It
// returns nil or a *bal.ValidationError.
func (e *Entrance) Validate() error {
	v := check.New("building.Entrance")
	if e == nil {
		v.Add("", bal.RuleRequired, "entrance is nil")
		return v.Err()
	}
	check.Meta(v, &e.Meta)
	if e.BuildingID.IsZero() {
		v.Add("BuildingID", bal.RuleRequired, "the byggnad's objektidentitet is required")
	}
	check.Code(v, "Type", "entrétyp", entranceTypes, e.Type)
	check.Rule(v, "Elevator", rules.Code(yesNos, e.Elevator))
	if e.Address != nil && e.Address.ID.IsZero() {
		v.Add("Address.ID", bal.RuleRequired, "the adressplats's objektidentitet is required")
	}
	return v.Err()
}

// Validate checks the apartment before it is written: the Meta fields; the
// entrance reference; the lägenhetsnummer (four
// digits, door 01–99) and its dates (only with a number, notification not
// before decision); antal rum 0–99 and bostadsarea 0–9 999 m²; and the
// kökstyp, gemensamt kök and insamlingssätt known and spelled exactly. The
// lägenhetskategori list is not public, so any value passes. It returns
// nil or a *bal.ValidationError.
func (a *Apartment) Validate() error {
	v := check.New("building.Apartment")
	if a == nil {
		v.Add("", bal.RuleRequired, "apartment is nil")
		return v.Err()
	}
	check.Meta(v, &a.Meta)
	if a.EntranceID.IsZero() {
		v.Add("EntranceID", bal.RuleRequired, "the entré's objektidentitet is required")
	}
	check.Rule(v, "Number", rules.ApartmentNumber(a.Number))
	if a.Number == "" {
		if !a.NumberDecided.IsZero() {
			v.Add("NumberDecided", bal.RuleRelation, "beslutsdatum för lägenhetsnummer needs a lägenhetsnummer")
		}
		if !a.NumberNotified.IsZero() {
			v.Add("NumberNotified", bal.RuleRelation, "underrättelsedatum för lägenhetsnummer needs a lägenhetsnummer")
		}
	}
	if !a.NumberDecided.IsZero() && !a.NumberNotified.IsZero() && date(a.NumberNotified) < date(a.NumberDecided) {
		v.Add("NumberNotified", bal.RuleRange, "underrättelsedatum is before beslutsdatum för lägenhetsnummer")
	}
	if a.Rooms != nil {
		check.Rule(v, "Rooms", rules.Rooms(*a.Rooms))
	}
	if a.LivingArea != nil {
		check.Rule(v, "LivingArea", rules.LivingArea(*a.LivingArea))
	}
	check.Rule(v, "Kitchen", rules.Code(kitchenTypes, a.Kitchen))
	check.Rule(v, "SharedKitchen", rules.Code(yesNos, a.SharedKitchen))
	check.Rule(v, "Collection", rules.Code(collectionMethods, a.Collection))
	return v.Err()
}

// date returns t's calendar date, in t's own location, as yyyymmdd: the
// dates of an apartment number are dates, whatever clock time came along.
func date(t time.Time) int {
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}

// ValidateAction checks an action for writing b: what every action needs
// (bal.Action.Validate) and an åtgärdstyp from BuildingActionTypes.
func (b *Building) ValidateAction(a bal.Action) error {
	return check.Action("building.Building", a, buildingActions, "a building")
}

// ValidateAction checks an action for writing e: what every action needs
// and an åtgärdstyp from EntranceActionTypes.
func (e *Entrance) ValidateAction(a bal.Action) error {
	return check.Action("building.Entrance", a, entranceActions, "an entrance")
}

// ValidateAction checks an action for writing a: what every action needs
// and an åtgärdstyp from ApartmentActionTypes.
func (a *Apartment) ValidateAction(act bal.Action) error {
	return check.Action("building.Apartment", act, apartmentActions, "an apartment")
}
