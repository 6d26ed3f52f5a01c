package address

import (
	"strings"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/fieldpath"
	"github.com/tjanstebaserad/bal-go/internal/rules"
)

// Validate checks the point against the public BAL rules before it is
// written and returns nil or a *bal.ValidationError listing every problem by
// field path ("Designation.Number", "Position", "Remarks[1].Type" …).
//
// It checks: the objektstatus, version and validity times (Meta; the
// action of a write is checked by ValidateAction); the designation (adressplatsnummer 1–9999, or "N-M"
// with each part 0–9999 for a metertalsadressplats; bokstavstillägg at most
// two upper-case letters; lägestillägg only on a gatuadressplats;
// lägestilläggsnummer 1–99, required with U and not allowed otherwise); the
// 60-character limit on name and designation together, when the area
// reference carries the name; that the point belongs to exactly one area
// or courtyard area, and that its type matches that area's type when
// known; the position (present, valid, in an allowed Swedish CRS); its
// geometrimetadata, when attached, against the schema, and that it agrees
// with the insamlingsläge; names upper case; and every code-list value known
// and spelled exactly.
//
// When Designation.Deviates is set, the rules on the designation's form are
// lifted: the number's range and format, the bokstavstillägg's form, the
// lägestillägg's point type and the lägestilläggsnummer rules. The
// 60-character limit, the type match, names and code lists still apply, and
// the designation needs a number or a DeviatingDesignation.
//
// PostalCode, PostTown and RegistrationDistrict are not checked: writes
// ignore them.
func (p *Point) Validate() error {
	v := check.New("address.Point")
	if p == nil {
		v.Add("", bal.RuleRequired, "address point is nil")
		return v.Err()
	}
	check.Meta(v, &p.Meta)
	p.checkDesignation(v)
	if p.Type == "" {
		v.Add("Type", bal.RuleRequired, "adressplatstyp is required")
	} else {
		check.Rule(v, "Type", rules.Code(pointTypes, p.Type))
	}
	p.checkArea(v)
	check.Rule(v, "Placement", rules.Code(placements, p.placement()))
	if m := p.PositionMetadata; m != nil {
		check.Metadata(v, "PositionMetadata", m)
		if approximate(m) && p.placement() != PlacementApproximate {
			v.Addf("Placement", bal.RuleRelation, "insamlingsläge %s contradicts the metadata's osäkert läge %q (insamlingsläge %s)",
				p.Placement, m.Uncertain, PlacementApproximate)
		}
	}
	if p.Position == nil {
		v.Add("Position", bal.RuleRequired, "adressplatspunkt is required")
	} else {
		check.Geometry(v, "Position", p.Position)
	}
	check.Rule(v, "AddressStatus", rules.Code(statuses, p.AddressStatus))
	for i, r := range p.Remarks {
		path := fieldpath.Index("Remarks", i)
		if r.Type == "" {
			v.Add(fieldpath.Join(path, "Type"), bal.RuleRequired, "anmärkningstyp is required")
		}
		check.Rule(v, fieldpath.Join(path, "Type"), rules.Code(remarkTypes, r.Type))
	}
	if f := p.Facility; f != nil {
		if f.Type == "" {
			v.Add("Facility.Type", bal.RuleRequired, "anläggningstyp is required")
		}
		check.Rule(v, "Facility.Type", rules.Code(facilityTypes, f.Type))
	}
	if n := p.PopularName; n != nil {
		check.Name(v, "PopularName.Name", "populärnamn", n.Name)
	}
	if pr := p.Property; pr != nil && pr.ID.IsZero() {
		v.Add("Property.ID", bal.RuleRequired, "the registerenhet's objektidentitet is required")
	}
	return v.Err()
}

// designationFields maps rules.Designation's parts to Designation's fields.
var designationFields = map[string]string{
	"Number":        "Designation.Number",
	"Letter":        "Designation.Letter",
	"Suffix":        "Designation.PositionSuffix",
	"SuffixNumber":  "Designation.PositionNumber",
	"DeviatingText": "Designation.DeviatingDesignation",
}

func (p *Point) checkDesignation(v *check.Problems) {
	d := p.Designation
	for _, fv := range d.plain(p.Type).Check() {
		v.Add(designationFields[fv.Field], fv.Rule, fv.Message)
	}
	check.Rule(v, "Designation.PositionSuffix", rules.Code(positionSuffixes, d.PositionSuffix))
	check.Rule(v, "Designation", rules.LabelLength(p.areaName(), d.String()))
}

// checkArea checks that the point belongs to exactly one area or courtyard
// area, of the kind its type needs.
func (p *Point) checkArea(v *check.Problems) {
	switch {
	case p.Area == nil && p.CourtyardArea == nil:
		v.Add("Area", bal.RuleRequired, "an address point belongs to an adressområde, or as a gårdsadressplats to a gårdsadressområde")
		return
	case p.Area != nil && p.CourtyardArea != nil:
		v.Add("CourtyardArea", bal.RuleRelation, "an address point belongs to an adressområde or a gårdsadressområde, not both")
	}
	if p.Area != nil && p.Area.ID.IsZero() {
		v.Add("Area.ID", bal.RuleRequired, "the adressområde's objektidentitet is required")
	}
	if p.CourtyardArea != nil && p.CourtyardArea.ID.IsZero() {
		v.Add("CourtyardArea.ID", bal.RuleRequired, "the gårdsadressområde's objektidentitet is required")
	}
	switch {
	case p.CourtyardArea != nil:
		check.Rule(v, "Type", rules.AreaType(string(p.Type), rules.CourtyardArea))
	case pointTypes.Parse(string(p.Type)) == PointTypeCourtyard:
		v.Add("Type", bal.RuleRelation, "a gårdsadressplats belongs to a gårdsadressområde, not an adressområde")
	default:
		check.Rule(v, "Type", rules.AreaType(string(p.Type), string(p.Area.Type)))
	}
}

// Validate checks the address area before it is written: name present,
// upper case and at most 60 characters, type known, kommundel referenced,
// and the Meta fields. It returns nil or a *bal.ValidationError.
func (a *Area) Validate() error {
	v := check.New("address.Area")
	if a == nil {
		v.Add("", bal.RuleRequired, "address area is nil")
		return v.Err()
	}
	check.Meta(v, &a.Meta)
	checkAreaName(v, a.Name)
	if a.Type == "" {
		v.Add("Type", bal.RuleRequired, "adressområdestyp is required")
	} else {
		check.Rule(v, "Type", rules.Code(areaTypes, a.Type))
	}
	if a.District.ID.IsZero() {
		v.Add("District.ID", bal.RuleRequired, "the kommundel's objektidentitet is required")
	}
	return v.Err()
}

// Validate checks the courtyard area before it is written: name present,
// upper case and at most 60 characters, its byadressområde referenced (and
// a byadressområde, when the reference carries the type), and the Meta
// fields. It returns nil or a *bal.ValidationError.
func (c *CourtyardArea) Validate() error {
	v := check.New("address.CourtyardArea")
	if c == nil {
		v.Add("", bal.RuleRequired, "courtyard area is nil")
		return v.Err()
	}
	check.Meta(v, &c.Meta)
	checkAreaName(v, c.Name)
	if c.Area.ID.IsZero() {
		v.Add("Area.ID", bal.RuleRequired, "the byadressområde's objektidentitet is required")
	}
	if t := areaTypes.Parse(string(c.Area.Type)); areaTypes.Known(t) {
		check.Rule(v, "Area", rules.CourtyardParent(string(t)))
	}
	return v.Err()
}

// Validate checks the district before it is written: name present and upper
// case, municipality code present and valid, and the Meta fields. It
// returns nil or a *bal.ValidationError.
func (d *District) Validate() error {
	v := check.New("address.District")
	if d == nil {
		v.Add("", bal.RuleRequired, "district is nil")
		return v.Err()
	}
	check.Meta(v, &d.Meta)
	if strings.TrimSpace(d.Name) == "" {
		v.Add("Name", bal.RuleRequired, "fastställt namn is required")
	} else {
		check.Rule(v, "Name", rules.Name(d.Name))
	}
	if d.Municipality.Code == "" {
		v.Add("Municipality.Code", bal.RuleRequired, "kommunkod is required")
	} else if err := d.Municipality.Code.Validate(); err != nil {
		v.Add("Municipality.Code", bal.RuleFormat, strings.TrimPrefix(err.Error(), "bal: "))
	}
	check.Rule(v, "Municipality.Name", rules.Name(d.Municipality.Name))
	return v.Err()
}

// ValidateAction checks an action for writing p: what every action needs
// (bal.Action.Validate) and an åtgärdstyp from the address list.
func (p *Point) ValidateAction(a bal.Action) error {
	return check.Action("address.Point", a, actionTypes, "address objects")
}

// ValidateAction checks an action for writing a: what every action needs
// and an åtgärdstyp from the address list.
func (a *Area) ValidateAction(act bal.Action) error {
	return check.Action("address.Area", act, actionTypes, "address objects")
}

// ValidateAction checks an action for writing c: what every action needs
// and an åtgärdstyp from the address list.
func (c *CourtyardArea) ValidateAction(a bal.Action) error {
	return check.Action("address.CourtyardArea", a, actionTypes, "address objects")
}

// ValidateAction checks an action for writing d: what every action needs
// and an åtgärdstyp from the address list.
func (d *District) ValidateAction(a bal.Action) error {
	return check.Action("address.District", a, actionTypes, "address objects")
}

func checkAreaName(v *check.Problems, name string) {
	if strings.TrimSpace(name) == "" {
		v.Add("Name", bal.RuleRequired, "fastställt namn is required")
		return
	}
	check.Rule(v, "Name", rules.Name(name))
	check.Rule(v, "Name", rules.LabelLength(name, ""))
}
