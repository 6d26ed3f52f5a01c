package address

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
)

var (
	areaID      = bal.MustParseObjectID("4b7c1a52-3e1d-4f0a-9b55-1c2d3e4f5a60")
	courtyardID = bal.MustParseObjectID("5c8d2b63-4f2e-4a1b-8c66-2d3e4f5a6b71")
	districtID  = bal.MustParseObjectID("6d9e3c74-5a3f-4b2c-9d77-3e4f5a6b7c82")
	propertyID  = bal.MustParseObjectID("7eaf4d85-6b4a-4c3d-8e88-4f5a6b7c8d93")
	pointID     = bal.MustParseObjectID("39722cbb-f8b9-404b-a045-c5e6175f1001")
)

// position is a point on Segelbåtsvägen in SWEREF 99 TM.
func position() *geom.Point {
	return geom.NewPointFlat(geom.XY, []float64{674032, 6580925}).SetSRID(3006)
}

// segelbatsvagen7A is the spec's example address, "Segelbåtsvägen 7A, 112 64
// Stockholm", as a complete gatuadressplats.
func segelbatsvagen7A() *Point {
	return &Point{
		Meta: bal.Meta{
			ID: pointID, Version: 1, Status: bal.StatusValid,
			ValidFrom: time.Date(2024, 5, 2, 10, 0, 0, 0, time.UTC),
			Action:    &bal.Action{Type: ActionNew, Responsible: "0180"},
		},
		Designation:   Designation{Number: "7", Letter: "A"},
		Type:          PointTypeStreet,
		Placement:     PlacementDriveway,
		Position:      position(),
		AddressStatus: StatusValid,
		PostalCode:    "11264",
		PostTown:      "Stockholm",
		Remarks:       []Remark{{Type: RemarkBusStop, Text: "Linje 4"}},
		Facility:      &Facility{Type: FacilityJetty, Text: "Gästbrygga"},
		PopularName:   &PopularName{Name: "Båtklubben"},
		Area: &AreaRef{ID: areaID, Name: "Segelbåtsvägen", Type: AreaTypeStreet,
			District: &DistrictRef{ID: districtID, Name: "Stockholm", Municipality: &Municipality{Code: "0180", Name: "Stockholm"}}},
		Property: &bal.PropertyRef{ID: propertyID, Designation: "Stockholm Segelbåten 1", Type: bal.PropertyTypeProperty},
	}
}

func point(mut func(*Point)) *Point {
	p := segelbatsvagen7A()
	mut(p)
	return p
}

func village(p *Point) {
	p.Type = PointTypeVillage
	p.Area = &AreaRef{ID: areaID, Name: "Lillby", Type: AreaTypeVillage}
}

func metre(p *Point) {
	p.Type = PointTypeMetre
	p.Designation = Designation{Number: "120-5"}
	p.Area = &AreaRef{ID: areaID, Name: "Kustvägen", Type: AreaTypeMetre}
}

func courtyard(p *Point) {
	p.Type = PointTypeCourtyard
	p.Area = nil
	p.CourtyardArea = &CourtyardAreaRef{ID: courtyardID, Name: "Norrgården"}
}

func validArea() *Area {
	return &Area{
		Meta:     bal.Meta{Status: bal.StatusValid, Action: &bal.Action{Type: ActionNew, Responsible: "0180"}},
		Name:     "Segelbåtsvägen",
		Type:     AreaTypeStreet,
		District: DistrictRef{ID: districtID},
	}
}

func area(mut func(*Area)) *Area { a := validArea(); mut(a); return a }

func validCourtyardArea() *CourtyardArea {
	return &CourtyardArea{
		Meta: bal.Meta{Status: bal.StatusValid},
		Name: "Norrgården",
		Area: AreaRef{ID: areaID, Name: "Lillby", Type: AreaTypeVillage},
	}
}

func courtyardArea(mut func(*CourtyardArea)) *CourtyardArea {
	c := validCourtyardArea()
	mut(c)
	return c
}

func validDistrict() *District {
	return &District{
		Meta:         bal.Meta{Status: bal.StatusValid},
		Name:         "Stockholm",
		Municipality: Municipality{Code: "0180", Name: "Stockholm"},
	}
}

func district(mut func(*District)) *District { d := validDistrict(); mut(d); return d }

type validator interface{ Validate() error }

func TestValidExamples(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		obj   validator
		label string
	}{
		{"Segelbåtsvägen 7A", segelbatsvagen7A(), "Segelbåtsvägen 7A"},
		{"minimal point", &Point{Designation: Designation{Number: "1"}, Type: PointTypeStreet, Position: position(),
			Area: &AreaRef{ID: areaID}}, "1"},
		{"lägestillägg UH", point(func(p *Point) { p.Designation = Designation{Number: "7", PositionSuffix: SuffixUH} }), "Segelbåtsvägen 7 UH"},
		{"lägestillägg UV", point(func(p *Point) { p.Designation = Designation{Number: "9", Letter: "B", PositionSuffix: SuffixUV} }), "Segelbåtsvägen 9B UV"},
		{"lägestillägg U 2", point(func(p *Point) { p.Designation = Designation{Number: "12", PositionSuffix: SuffixU, PositionNumber: 2} }), "Segelbåtsvägen 12 U2"},
		{"two letters", point(func(p *Point) { p.Designation.Letter = "ÅÖ" }), "Segelbåtsvägen 7ÅÖ"},
		{"number 9999", point(func(p *Point) { p.Designation = Designation{Number: "9999"} }), "Segelbåtsvägen 9999"},
		{"metertal", point(metre), "Kustvägen 120-5"},
		{"metertal 0-0", point(func(p *Point) { metre(p); p.Designation.Number = "0-0" }), "Kustvägen 0-0"},
		{"byadressplats", point(func(p *Point) { village(p); p.Designation = Designation{Number: "12"} }), "Lillby 12"},
		{"gårdsadressplats", point(func(p *Point) { courtyard(p); p.Designation = Designation{Number: "3"} }), "Norrgården 3"},
		{"deviating designation", point(func(p *Point) {
			p.Designation = Designation{Number: "7½", Deviates: true, DeviatingDesignation: "7½"}
		}), "Segelbåtsvägen 7½"},
		{"deviating lifts the form rules", point(func(p *Point) {
			village(p)
			p.Designation = Designation{Number: "07", Letter: "abc", PositionSuffix: SuffixUH, PositionNumber: 4, Deviates: true}
		}), "Lillby 07abc UH4"},
		{"area type not carried by the reference", point(func(p *Point) { p.Area = &AreaRef{ID: areaID} }), "7A"},
		{"area type Lantmäteriet may add later", point(func(p *Point) { p.Area.Type = "Helt ny områdestyp" }), "Segelbåtsvägen 7A"},
		{"retired", point(func(p *Point) { p.Status = bal.StatusRetired; p.Action.Type = ActionRemoved }), "Segelbåtsvägen 7A"},
		{"exactly 60 characters", point(func(p *Point) { p.Area.Name = "S" + strings.Repeat("ö", 56) }), "S" + strings.Repeat("ö", 56) + " 7A"},
		{"reserved, proposed", point(func(p *Point) { p.AddressStatus = StatusReserved }), "Segelbåtsvägen 7A"},
		{"address area", validArea(), ""},
		{"metertal area", area(func(a *Area) { a.Type = AreaTypeMetre; a.Name = "Kustvägen" }), ""},
		{"courtyard area", validCourtyardArea(), ""},
		{"courtyard area, parent type not carried", courtyardArea(func(c *CourtyardArea) { c.Area = AreaRef{ID: areaID} }), ""},
		{"district", validDistrict(), ""},
		{"district, name starting with a digit", district(func(d *District) { d.Name = "1:a distriktet" }), ""},
		{"district without municipality name", district(func(d *District) { d.Municipality.Name = "" }), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.NoError(t, tt.obj.Validate())
			if p, ok := tt.obj.(*Point); ok {
				assert.Equal(t, tt.label, p.Label())
			}
		})
	}
}

func TestValidateInvalid(t *testing.T) {
	t.Parallel()
	long := "Långa " + strings.Repeat("vägen", 11) // 61 characters
	tests := []struct {
		name       string
		obj        validator
		path, rule string
	}{
		// Designation.
		{"no number", point(func(p *Point) { p.Designation.Number = "" }), "Designation.Number", bal.RuleRequired},
		{"number 0", point(func(p *Point) { p.Designation.Number = "0" }), "Designation.Number", bal.RuleRange},
		{"number 10000", point(func(p *Point) { p.Designation.Number = "10000" }), "Designation.Number", bal.RuleRange},
		{"number with leading zero", point(func(p *Point) { p.Designation.Number = "07" }), "Designation.Number", bal.RuleFormat},
		{"letter in the number", point(func(p *Point) { p.Designation.Number = "7A" }), "Designation.Number", bal.RuleFormat},
		{"metertal number on a gatuadressplats", point(func(p *Point) { p.Designation.Number = "120-5" }), "Designation.Number", bal.RuleFormat},
		{"metertal without hyphen", point(func(p *Point) { metre(p); p.Designation.Number = "120" }), "Designation.Number", bal.RuleFormat},
		{"metertal part 10000", point(func(p *Point) { metre(p); p.Designation.Number = "10000-5" }), "Designation.Number", bal.RuleRange},
		{"metertal empty part", point(func(p *Point) { metre(p); p.Designation.Number = "120-" }), "Designation.Number", bal.RuleFormat},
		{"three letters", point(func(p *Point) { p.Designation.Letter = "ABC" }), "Designation.Letter", bal.RuleLength},
		{"lower-case letter", point(func(p *Point) { p.Designation.Letter = "a" }), "Designation.Letter", bal.RuleFormat},
		{"digit as letter", point(func(p *Point) { p.Designation.Letter = "1" }), "Designation.Letter", bal.RuleFormat},
		{"UH on a byadressplats", point(func(p *Point) { village(p); p.Designation.PositionSuffix = SuffixUH }), "Designation.PositionSuffix", bal.RuleRelation},
		{"UV on a metertalsadressplats", point(func(p *Point) { metre(p); p.Designation.PositionSuffix = SuffixUV }), "Designation.PositionSuffix", bal.RuleRelation},
		{"U on a gårdsadressplats", point(func(p *Point) {
			courtyard(p)
			p.Designation.PositionSuffix, p.Designation.PositionNumber = SuffixU, 1
		}), "Designation.PositionSuffix", bal.RuleRelation},
		{"unknown lägestillägg", point(func(p *Point) { p.Designation.PositionSuffix = "UX" }), "Designation.PositionSuffix", bal.RuleCodeList},
		{"lägestillägg in lower case", point(func(p *Point) { p.Designation.PositionSuffix = "uh" }), "Designation.PositionSuffix", bal.RuleCodeList},
		{"U without number", point(func(p *Point) { p.Designation.PositionSuffix = SuffixU }), "Designation.PositionNumber", bal.RuleRequired},
		{"U with 100", point(func(p *Point) { p.Designation.PositionSuffix, p.Designation.PositionNumber = SuffixU, 100 }), "Designation.PositionNumber", bal.RuleRange},
		{"U with -1", point(func(p *Point) { p.Designation.PositionSuffix, p.Designation.PositionNumber = SuffixU, -1 }), "Designation.PositionNumber", bal.RuleRange},
		{"UH with a number", point(func(p *Point) { p.Designation.PositionSuffix, p.Designation.PositionNumber = SuffixUH, 2 }), "Designation.PositionNumber", bal.RuleRelation},
		{"number without lägestillägg", point(func(p *Point) { p.Designation.PositionNumber = 1 }), "Designation.PositionNumber", bal.RuleRelation},
		{"deviating text on a standard designation", point(func(p *Point) { p.Designation.DeviatingDesignation = "7 A" }), "Designation.DeviatingDesignation", bal.RuleRelation},
		{"deviating with nothing to write", point(func(p *Point) { p.Designation = Designation{Deviates: true} }), "Designation.DeviatingDesignation", bal.RuleRequired},
		{"name and designation 61 characters", point(func(p *Point) { p.Area.Name = "S" + strings.Repeat("ö", 57) }), "Designation", bal.RuleLength},
		{"courtyard name and designation 61 characters", point(func(p *Point) { courtyard(p); p.CourtyardArea.Name = "N" + strings.Repeat("ö", 57) }), "Designation", bal.RuleLength},
		{"deviating designation still 60 characters", point(func(p *Point) {
			p.Designation = Designation{Deviates: true, DeviatingDesignation: strings.Repeat("7", 50)}
		}), "Designation", bal.RuleLength},
		// Type and area.
		{"no type", point(func(p *Point) { p.Type = "" }), "Type", bal.RuleRequired},
		{"type in lower case", point(func(p *Point) { p.Type = "gatuadressplats" }), "Type", bal.RuleCodeList},
		{"unknown type", point(func(p *Point) { p.Type = "Vägadressplats" }), "Type", bal.RuleCodeList},
		{"gatuadressplats in a byadressområde", point(func(p *Point) { p.Area.Type = AreaTypeVillage }), "Type", bal.RuleRelation},
		{"gatuadressplats in a metertalsadressområde", point(func(p *Point) { p.Area.Type = AreaTypeMetre }), "Type", bal.RuleRelation},
		{"metertalsadressplats in a gatuadressområde", point(func(p *Point) { metre(p); p.Area.Type = AreaTypeStreet }), "Type", bal.RuleRelation},
		{"byadressplats in a gatuadressområde", point(func(p *Point) { village(p); p.Area.Type = AreaTypeStreet }), "Type", bal.RuleRelation},
		{"gårdsadressplats in an adressområde", point(func(p *Point) { p.Type = PointTypeCourtyard }), "Type", bal.RuleRelation},
		{"gatuadressplats in a gårdsadressområde", point(func(p *Point) { courtyard(p); p.Type = PointTypeStreet }), "Type", bal.RuleRelation},
		{"no area", point(func(p *Point) { p.Area = nil }), "Area", bal.RuleRequired},
		{"area and courtyard area", point(func(p *Point) { p.CourtyardArea = &CourtyardAreaRef{ID: courtyardID} }), "CourtyardArea", bal.RuleRelation},
		{"area without id", point(func(p *Point) { p.Area.ID = bal.ObjectID{} }), "Area.ID", bal.RuleRequired},
		{"courtyard area without id", point(func(p *Point) { courtyard(p); p.CourtyardArea.ID = bal.ObjectID{} }), "CourtyardArea.ID", bal.RuleRequired},
		// Position.
		{"no position", point(func(p *Point) { p.Position = nil }), "Position", bal.RuleRequired},
		{"position without SRID", point(func(p *Point) { p.Position = geom.NewPointFlat(geom.XY, []float64{674032, 6580925}) }), "Position", bal.RuleGeometry},
		{"position in WGS 84", point(func(p *Point) { p.Position = geom.NewPointFlat(geom.XY, []float64{18.1, 59.3}).SetSRID(4326) }), "Position", bal.RuleGeometry},
		{"position with NaN", point(func(p *Point) { p.Position = geom.NewPointFlat(geom.XY, []float64{math.NaN(), 6580925}).SetSRID(3006) }), "Position", bal.RuleGeometry},
		{"position with swapped axes", point(func(p *Point) { p.Position = geom.NewPointFlat(geom.XY, []float64{6580925, 674032}).SetSRID(3006) }), "Position", bal.RuleGeometry},
		{"empty position", point(func(p *Point) { p.Position = geom.NewPointEmpty(geom.XY).SetSRID(3006) }), "Position", bal.RuleGeometry},
		// Other attributes.
		{"unknown placement", point(func(p *Point) { p.Placement = "Brevlåda" }), "Placement", bal.RuleCodeList},
		{"objektstatus as address status", point(func(p *Point) { p.AddressStatus = "Avregistrerad" }), "AddressStatus", bal.RuleCodeList},
		{"remark without type", point(func(p *Point) { p.Remarks = append(p.Remarks, Remark{Text: "x"}) }), "Remarks[1].Type", bal.RuleRequired},
		{"unknown remark type", point(func(p *Point) { p.Remarks[0].Type = "Laddstolpe" }), "Remarks[0].Type", bal.RuleCodeList},
		{"facility type trimmed in 2021", point(func(p *Point) { p.Facility.Type = "Badplats" }), "Facility.Type", bal.RuleCodeList},
		{"facility without type", point(func(p *Point) { p.Facility.Type = "" }), "Facility.Type", bal.RuleRequired},
		{"popular name in lower case", point(func(p *Point) { p.PopularName.Name = "båtklubben" }), "PopularName.Name", bal.RuleFormat},
		{"empty popular name", point(func(p *Point) { p.PopularName.Name = " " }), "PopularName.Name", bal.RuleRequired},
		{"property without id", point(func(p *Point) { p.Property.ID = bal.ObjectID{} }), "Property.ID", bal.RuleRequired},
		// Meta.
		{"objektstatus in lower case", point(func(p *Point) { p.Status = "gällande" }), "Status", bal.RuleCodeList},
		{"unknown objektstatus", point(func(p *Point) { p.Status = "Okänd" }), "Status", bal.RuleCodeList},
		{"negative version", point(func(p *Point) { p.Version = -1 }), "Version", bal.RuleRange},
		{"valid to before valid from", point(func(p *Point) { p.ValidTo = p.ValidFrom.Add(-time.Hour) }), "ValidTo", bal.RuleRange},
		// Area.
		{"area without name", area(func(a *Area) { a.Name = "" }), "Name", bal.RuleRequired},
		{"area name in lower case", area(func(a *Area) { a.Name = "segelbåtsvägen" }), "Name", bal.RuleFormat},
		{"area name with trailing space", area(func(a *Area) { a.Name = "Segelbåtsvägen " }), "Name", bal.RuleFormat},
		{"area name of 61 characters", area(func(a *Area) { a.Name = long }), "Name", bal.RuleLength},
		{"area without type", area(func(a *Area) { a.Type = "" }), "Type", bal.RuleRequired},
		{"gårdsadressområde as area type", area(func(a *Area) { a.Type = "Gårdsadressområde" }), "Type", bal.RuleCodeList},
		{"area type as JSON spells it", area(func(a *Area) { a.Type = "Gatuadressomrade" }), "Type", bal.RuleCodeList},
		{"area without district", area(func(a *Area) { a.District = DistrictRef{Name: "Stockholm"} }), "District.ID", bal.RuleRequired},
		{"area with address status as objektstatus", area(func(a *Area) { a.Status = "Reserverad" }), "Status", bal.RuleCodeList},
		// Courtyard area.
		{"courtyard area without name", courtyardArea(func(c *CourtyardArea) { c.Name = "" }), "Name", bal.RuleRequired},
		{"courtyard area name in lower case", courtyardArea(func(c *CourtyardArea) { c.Name = "norrgården" }), "Name", bal.RuleFormat},
		{"courtyard area without its byadressområde", courtyardArea(func(c *CourtyardArea) { c.Area.ID = bal.ObjectID{} }), "Area.ID", bal.RuleRequired},
		{"courtyard area in a gatuadressområde", courtyardArea(func(c *CourtyardArea) { c.Area.Type = AreaTypeStreet }), "Area", bal.RuleRelation},
		{"courtyard area in a metertalsadressområde", courtyardArea(func(c *CourtyardArea) { c.Area.Type = AreaTypeMetre }), "Area", bal.RuleRelation},
		// District.
		{"district without name", district(func(d *District) { d.Name = "" }), "Name", bal.RuleRequired},
		{"district name in lower case", district(func(d *District) { d.Name = "östermalm" }), "Name", bal.RuleFormat},
		{"district without kommunkod", district(func(d *District) { d.Municipality.Code = "" }), "Municipality.Code", bal.RuleRequired},
		{"kommunkod of three digits", district(func(d *District) { d.Municipality.Code = "180" }), "Municipality.Code", bal.RuleFormat},
		{"kommunkod with an unused county", district(func(d *District) { d.Municipality.Code = "9980" }), "Municipality.Code", bal.RuleFormat},
		{"kommunkod with a letter", district(func(d *District) { d.Municipality.Code = "01A0" }), "Municipality.Code", bal.RuleFormat},
		{"municipality name in lower case", district(func(d *District) { d.Municipality.Name = "stockholm" }), "Municipality.Name", bal.RuleFormat},
		{"district retired with a misspelt status", district(func(d *District) { d.Status = "AVREGISTRERAD" }), "Status", bal.RuleCodeList},
	}
	require.GreaterOrEqual(t, len(tests), 60)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.obj.Validate()
			require.Error(t, err)
			assert.ErrorIs(t, err, bal.ErrValidation)
			var ve *bal.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, tt.rule), "want %s (%s), got %v", tt.path, tt.rule, ve.Problems)
			assert.True(t, strings.HasPrefix(ve.Object, "address."), "object %q", ve.Object)
		})
	}
}

// TestValidateReportsEveryProblem checks that validation does not stop at
// the first problem.
func TestValidateReportsEveryProblem(t *testing.T) {
	t.Parallel()
	p := &Point{
		Designation: Designation{Number: "0", Letter: "abc", PositionSuffix: SuffixUH, PositionNumber: 3},
		Type:        PointTypeVillage,
		Area:        &AreaRef{ID: areaID, Name: "Lillby", Type: AreaTypeStreet},
		Remarks:     []Remark{{Type: "Okänd"}},
	}
	err := p.Validate()
	var ve *bal.ValidationError
	require.ErrorAs(t, err, &ve)
	type pr struct{ Path, Rule string }
	var got []pr
	for _, x := range ve.Problems {
		got = append(got, pr{x.Path, x.Rule})
	}
	want := []pr{
		{"Designation.Number", bal.RuleRange},
		{"Designation.Letter", bal.RuleLength},
		{"Designation.PositionSuffix", bal.RuleRelation},
		{"Designation.PositionNumber", bal.RuleRelation},
		{"Type", bal.RuleRelation},
		{"Position", bal.RuleRequired},
		{"Remarks[0].Type", bal.RuleCodeList},
	}
	assert.Empty(t, cmp.Diff(want, got))
	assert.Contains(t, err.Error(), "7 problems")
}

// TestValidateIgnoresRecordedAction: Meta.Action is what the server
// recorded for the version read; a write carries its own action, checked by
// ValidateAction, so a recorded action Validate would refuse must not stop
// a read-modify-write.
func TestValidateIgnoresRecordedAction(t *testing.T) {
	t.Parallel()
	p := point(func(p *Point) { p.Action = &bal.Action{Type: "Ny referens"} })
	require.NoError(t, p.Validate())
	assert.Error(t, p.ValidateAction(*p.Action), "the same action is refused for a write")
}

func TestValidateNil(t *testing.T) {
	t.Parallel()
	for _, obj := range []validator{(*Point)(nil), (*Area)(nil), (*CourtyardArea)(nil), (*District)(nil)} {
		err := obj.Validate()
		assert.ErrorIs(t, err, bal.ErrValidation)
	}
}

func TestGeometryProblemsKeepTheirCode(t *testing.T) {
	t.Parallel()
	err := point(func(p *Point) { p.Position = geom.NewPointFlat(geom.XY, []float64{674032, 6580925}).SetSRID(4326) }).Validate()
	var ve *bal.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Problems, 1)
	assert.Equal(t, "Position", ve.Problems[0].Path)
	assert.True(t, strings.HasPrefix(ve.Problems[0].Message, "unknown-srid: "), ve.Problems[0].Message)
}

func TestValidateAction(t *testing.T) {
	t.Parallel()
	ok := bal.Action{Type: ActionChanged, Responsible: "0180"}
	for _, obj := range []interface{ ValidateAction(bal.Action) error }{&Point{}, &Area{}, &CourtyardArea{}, &District{}} {
		assert.NoError(t, obj.ValidateAction(ok))
		for _, at := range ActionTypes() {
			assert.NoError(t, obj.ValidateAction(bal.Action{Type: at, Responsible: "0180"}))
		}
		err := obj.ValidateAction(bal.Action{Type: "Ändrad byggnadsinformation"})
		var ve *bal.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.True(t, ve.Has("Action.Type", bal.RuleCodeList))
		assert.True(t, ve.Has("Action.Responsible", bal.RuleRequired))
	}
	err := (&Point{}).ValidateAction(bal.Action{Type: "borttagen", Responsible: "0180"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"borttagen" must be written "Borttagen"`)
}

func TestDesignationString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    Designation
		want string
	}{
		{Designation{Number: "7", Letter: "A"}, "7A"},
		{Designation{Number: "7", PositionSuffix: SuffixUH}, "7 UH"},
		{Designation{Number: "12", Letter: "B", PositionSuffix: SuffixU, PositionNumber: 1}, "12B U1"},
		{Designation{Number: "120-5"}, "120-5"},
		{Designation{Number: "7", Deviates: true, DeviatingDesignation: "7½"}, "7½"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.d.String())
	}
}
