package building

import (
	"errors"
	"strings"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
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
// accuracy either a non-negative result with a unit or "ingen information";
// shelter and unit identities present; rule B-0035 (a taxeringsenhet or a
// värderingsenhet, not both); the property references (ids present, no
// property both lain on and affecting) and the part of rule B-0084 a client
// can see (a building affected by a property lies on at least one).
func (b *Building) Validate() error {
	v := &bal.ValidationError{Object: "building.Building"}
	if b == nil {
		v.Add("", bal.RuleRequired, "building is nil")
		return v
	}
	checkMeta(v, &b.Meta)
	if b.HouseNumber != 0 {
		addRule(v, "HouseNumber", rules.HouseNumber(b.HouseNumber))
	}
	if b.ConstructionYear != 0 {
		addRule(v, "ConstructionYear", rules.Year(b.ConstructionYear))
	}
	if b.ExtensionYear != 0 {
		addRule(v, "ExtensionYear", rules.Year(b.ExtensionYear))
	}
	addRule(v, "ExtensionYear", rules.ExtensionYear(b.ConstructionYear, b.ExtensionYear))

	mains := 0
	for i := range b.Purposes {
		p := &b.Purposes[i]
		path := bal.Index("Purposes", i)
		p.check(v, path)
		if p.Main {
			if mains++; mains > 1 {
				v.Add(bal.JoinPath(path, "Main"), bal.RuleRelation, "a building has at most one huvudändamål")
			}
		}
	}
	for i, n := range b.Names {
		path := bal.Index("Names", i)
		if strings.TrimSpace(n.Text) == "" {
			v.Add(bal.JoinPath(path, "Text"), bal.RuleRequired, "namn is required")
		} else {
			addRule(v, bal.JoinPath(path, "Text"), rules.Name(n.Text))
		}
		checkCode(v, bal.JoinPath(path, "Type"), "namntyp", nameTypes, n.Type)
	}
	for i, r := range b.Remarks {
		checkCode(v, bal.JoinPath(bal.Index("Remarks", i), "Type"), "anmärkningstyp", remarkTypes, r.Type)
	}
	for i := range b.Parts {
		b.Parts[i].check(v, bal.Index("Parts", i))
	}
	for i, s := range b.Shelters {
		if strings.TrimSpace(s.Identity) == "" {
			v.Add(bal.JoinPath(bal.Index("Shelters", i), "Identity"), bal.RuleRequired, "the skyddsrum's identitet is required")
		}
	}
	if b.TaxUnit != nil && strings.TrimSpace(b.TaxUnit.Identity) == "" {
		v.Add("TaxUnit.Identity", bal.RuleRequired, "taxeringsenhetsidentitet is required")
	}
	if b.ValuationUnit != nil && strings.TrimSpace(b.ValuationUnit.Identity) == "" {
		v.Add("ValuationUnit.Identity", bal.RuleRequired, "värderingsenhetsidentitet is required")
	}
	addRule(v, "ValuationUnit", rules.TaxOrValuation(b.TaxUnit != nil, b.ValuationUnit != nil))
	b.checkProperties(v)
	return v.Err()
}

// check checks one purpose; path is where it sits in the building.
func (p *Purpose) check(v *bal.ValidationError, path string) {
	cat := bal.JoinPath(path, "Category")
	checkCode(v, cat, "byggnadsändamål", categories, p.Category)
	if list := usesOf(p.Category); list != nil && p.Category.Known() {
		use := bal.JoinPath(path, "Use")
		switch {
		case p.Use == "":
			v.Addf(use, bal.RuleRequired, "ändamål is required for %s", p.Category)
		case list.Known(p.Use):
		case p.Use.Known():
			v.Addf(use, bal.RuleCodeList, "%q is not an ändamål of %s", string(p.Use), p.Category)
		default:
			addRule(v, use, rules.Code(list, p.Use))
		}
	}
	if p.TotalLivingArea != nil {
		area := bal.JoinPath(path, "TotalLivingArea")
		if ParseCategory(string(p.Category)) != CategoryResidential {
			v.Add(area, bal.RuleRelation, "total boarea is only given for category Bostad")
		}
		addRule(v, area, rules.TotalLivingArea(*p.TotalLivingArea))
	}
}

// check checks one building part; path is where it sits in the building.
func (p *Part) check(v *bal.ValidationError, path string) {
	checkCode(v, bal.JoinPath(path, "Placement"), "insamlingsläge", placements, p.Placement)
	surface := bal.JoinPath(path, "Surface")
	switch s := p.Surface.(type) {
	case nil:
		v.Add(surface, bal.RuleRequired, "byggnadsyta is required")
	case *geom.Polygon:
		if s == nil {
			v.Add(surface, bal.RuleRequired, "byggnadsyta is required")
		} else {
			checkGeometry(v, surface, s)
		}
	case *geom.MultiPolygon:
		if s == nil {
			v.Add(surface, bal.RuleRequired, "byggnadsyta is required")
		} else {
			checkGeometry(v, surface, s)
		}
	default:
		v.Addf(surface, bal.RuleGeometry, "byggnadsyta must be a polygon or a multipolygon, not %T", s)
	}
	if p.PlanAccuracy != nil {
		p.PlanAccuracy.check(v, bal.JoinPath(path, "PlanAccuracy"))
	}
	if p.HeightAccuracy != nil {
		p.HeightAccuracy.check(v, bal.JoinPath(path, "HeightAccuracy"))
	}
}

// check checks a lägesnoggrannhet. Its lists are not public, so the values
// of Method, Statistic and Unit are not checked, only their presence.
func (a *Accuracy) check(v *bal.ValidationError, path string) {
	if a.NoInformation {
		if a.Value != nil || a.Statistic != "" || a.Unit != "" {
			v.Add(bal.JoinPath(path, "NoInformation"), bal.RuleRelation, "a lägesnoggrannhet with ingen information has no result")
		}
		return
	}
	if a.Value == nil {
		v.Add(bal.JoinPath(path, "Value"), bal.RuleRequired, "a lägesnoggrannhet needs a result värde, or ingen information")
		return
	}
	addRule(v, bal.JoinPath(path, "Value"), rules.NonNegative("värde", *a.Value))
	if a.Unit == "" {
		v.Add(bal.JoinPath(path, "Unit"), bal.RuleRequired, "värdeenhet is required with a värde")
	}
}

// checkProperties checks the "ligger på" and "berörs av" references.
func (b *Building) checkProperties(v *bal.ValidationError) {
	liesOn := make(map[bal.ObjectID]bool, len(b.LiesOn))
	for i, r := range b.LiesOn {
		path := bal.Index("LiesOn", i)
		switch {
		case r.ID.IsZero():
			v.Add(bal.JoinPath(path, "ID"), bal.RuleRequired, "the registerenhet's objektidentitet is required")
		case liesOn[r.ID]:
			v.Add(path, bal.RuleRelation, "the registerenhet is listed twice")
		}
		liesOn[r.ID] = true
	}
	affected := make(map[bal.ObjectID]bool, len(b.AffectedBy))
	for i, r := range b.AffectedBy {
		path := bal.Index("AffectedBy", i)
		switch {
		case r.ID.IsZero():
			v.Add(bal.JoinPath(path, "ID"), bal.RuleRequired, "the registerenhet's objektidentitet is required")
		case affected[r.ID]:
			v.Add(path, bal.RuleRelation, "the registerenhet is listed twice")
		case liesOn[r.ID]:
			v.Add(path, bal.RuleRelation, "a building does not both lie on and get affected by one registerenhet")
		}
		affected[r.ID] = true
	}
	addRule(v, "LiesOn", rules.AffectedByNeedsLiesOn(len(b.AffectedBy), len(b.LiesOn)))
}

// Validate checks the entrance before it is written: the Meta fields; the
// building reference; the entrétyp (required) and
// hiss known and spelled exactly; and the address reference's id. It
// returns nil or a *bal.ValidationError.
func (e *Entrance) Validate() error {
	v := &bal.ValidationError{Object: "building.Entrance"}
	if e == nil {
		v.Add("", bal.RuleRequired, "entrance is nil")
		return v
	}
	checkMeta(v, &e.Meta)
	if e.BuildingID.IsZero() {
		v.Add("BuildingID", bal.RuleRequired, "the byggnad's objektidentitet is required")
	}
	checkCode(v, "Type", "entrétyp", entranceTypes, e.Type)
	addRule(v, "Elevator", rules.Code(yesNos, e.Elevator))
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
	v := &bal.ValidationError{Object: "building.Apartment"}
	if a == nil {
		v.Add("", bal.RuleRequired, "apartment is nil")
		return v
	}
	checkMeta(v, &a.Meta)
	if a.EntranceID.IsZero() {
		v.Add("EntranceID", bal.RuleRequired, "the entré's objektidentitet is required")
	}
	addRule(v, "Number", rules.ApartmentNumber(a.Number))
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
		addRule(v, "Rooms", rules.Rooms(*a.Rooms))
	}
	if a.LivingArea != nil {
		addRule(v, "LivingArea", rules.LivingArea(*a.LivingArea))
	}
	addRule(v, "Kitchen", rules.Code(kitchenTypes, a.Kitchen))
	addRule(v, "SharedKitchen", rules.Code(yesNos, a.SharedKitchen))
	addRule(v, "Collection", rules.Code(collectionMethods, a.Collection))
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
	return validateAction("building.Building", a, buildingActions, "a building")
}

// ValidateAction checks an action for writing e: what every action needs
// and an åtgärdstyp from EntranceActionTypes.
func (e *Entrance) ValidateAction(a bal.Action) error {
	return validateAction("building.Entrance", a, entranceActions, "an entrance")
}

// ValidateAction checks an action for writing a: what every action needs
// and an åtgärdstyp from ApartmentActionTypes.
func (a *Apartment) ValidateAction(act bal.Action) error {
	return validateAction("building.Apartment", act, apartmentActions, "an apartment")
}

func validateAction(object string, a bal.Action, accepted *codelist.List[bal.ActionType], what string) error {
	v := &bal.ValidationError{Object: object}
	checkAction(v, "Action", a, accepted, what)
	return v.Err()
}

// CheckStatusChange checks rule BAL-3015 for a building, entrance or
// apartment whose stored objektstatus is from and whose new one is to: once
// avregistrerad, an object keeps that status. An empty to means no change.
// The update side calls it with the status it read; it returns nil or a
// *bal.ValidationError with the problem at "Status".
func CheckStatusChange(from, to bal.Status) error {
	v := &bal.ValidationError{Object: "building status change"}
	addRule(v, "Status", rules.StatusChange(string(from), string(to)))
	return v.Err()
}

// checkCode records a missing or unwritable code-list value at path.
func checkCode[T ~string](v *bal.ValidationError, path, what string, list *codelist.List[T], val T) {
	if val == "" {
		v.Addf(path, bal.RuleRequired, "%s is required", what)
		return
	}
	addRule(v, path, rules.Code(list, val))
}

// checkMeta checks the fields every object carries. The id is not checked:
// zero means the server assigns one. Nor is Meta.Action: it is the action
// the server recorded for the version that was read, not part of a write
// (a write's action is checked by ValidateAction), and Lantmäteriet's list
// of action types is published only in part, so a recorded one may be
// unknown here.
func checkMeta(v *bal.ValidationError, m *bal.Meta) {
	if m.Version < 0 {
		v.Addf("Version", bal.RuleRange, "objektversion %d must not be negative", m.Version)
	}
	if !m.ValidTo.IsZero() && m.ValidTo.Before(m.ValidFrom) {
		v.Add("ValidTo", bal.RuleRange, "versionGiltigTill is before versionGiltigFran")
	}
	if s := m.Status; s != "" && !s.Known() {
		if c := bal.ParseStatus(string(s)); c.Known() {
			v.Addf("Status", bal.RuleCodeList, "%q must be written %q", string(s), string(c))
		} else {
			v.Addf("Status", bal.RuleCodeList, "%q is not an objektstatus", string(s))
		}
	}
}

// checkAction checks a with its paths under prefix: what every action needs
// and a type from the accepted list.
func checkAction(v *bal.ValidationError, prefix string, a bal.Action, accepted *codelist.List[bal.ActionType], what string) {
	v.AddTo(prefix, a.Problems())
	if a.Type == "" || accepted.Known(a.Type) {
		return
	}
	path := bal.JoinPath(prefix, "Type")
	if c, ok := accepted.Lookup(string(a.Type)); ok {
		v.Addf(path, bal.RuleCodeList, "%q must be written %q", string(a.Type), string(c))
		return
	}
	v.Addf(path, bal.RuleCodeList, "%q is not an åtgärdstyp for %s", string(a.Type), what)
}

// checkGeometry validates g with package geometry and records each problem
// under path.
func checkGeometry(v *bal.ValidationError, path string, g geom.T) {
	err := geometry.Validate(g, nil)
	if err == nil {
		return
	}
	var ge *geometry.ValidationError
	if !errors.As(err, &ge) {
		v.Add(path, bal.RuleGeometry, err.Error())
		return
	}
	for _, p := range ge.Problems {
		v.Add(bal.JoinPath(path, p.Path), bal.RuleGeometry, p.Code+": "+p.Message)
	}
}

// addRule records err, a *rules.Violation or nil, under path.
func addRule(v *bal.ValidationError, path string, err error) {
	if err == nil {
		return
	}
	var rv *rules.Violation
	if errors.As(err, &rv) {
		v.Add(path, rv.Rule, rv.Message)
		return
	}
	v.Add(path, bal.RuleFormat, err.Error())
}
