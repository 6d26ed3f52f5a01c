package building

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
	buildingID  = bal.MustParseObjectID("12345678-1234-1234-1234-123456789012")
	entranceID  = bal.MustParseObjectID("23456789-2345-4234-9234-234567890123")
	addressID   = bal.MustParseObjectID("39722cbb-f8b9-404b-a045-c5e6175f1001")
	propertyID  = bal.MustParseObjectID("7eaf4d85-6b4a-4c3d-8e88-4f5a6b7c8d93")
	property2ID = bal.MustParseObjectID("8fb05e96-7c5b-4d4e-9f99-5a6b7c8d9ea4")
	threeDID    = bal.MustParseObjectID("90c16fa7-8d6c-4e5f-a0aa-6b7c8d9eafb5")
)

func ptr[T any](v T) *T { return &v }

// footprint is a 10 × 12 m building outline in SWEREF 99 TM, closed and
// counter-clockwise.
func footprint() *geom.Polygon {
	return geom.NewPolygonFlat(geom.XY, []float64{
		674000, 6580000, 674010, 6580000, 674010, 6580012, 674000, 6580012, 674000, 6580000,
	}, []int{10}).SetSRID(3006)
}

// villa is a building shaped as in Lantmäteriet's Byggnad Direkt example:
// husnummer 3, a main building with every flag set, a detached house with
// 162 m² of living area, surveyed to the roof edge.
func villa() *Building {
	return &Building{
		Meta: bal.Meta{
			ID: buildingID, Version: 3, Status: bal.StatusValid,
			ValidFrom: time.Date(2056, 10, 22, 23, 58, 21, 345e6, time.FixedZone("", 2*3600)),
			Action:    &bal.Action{Type: ActionBuildingChanged, Responsible: "2180"},
		},
		HouseNumber:          3,
		ConstructionYear:     1975,
		ExtensionYear:        2004,
		ExemptFromAddressing: true,
		MainBuilding:         true,
		NonFreeGround:        true,
		Servitude:            true,
		Purposes: []Purpose{
			{Category: CategoryResidential, Use: UseDetachedHouse, Main: true, TotalLivingArea: ptr(162.0)},
			{Category: CategoryAncillary, Use: "Garage"},
		},
		Names:   []Name{{Text: "Villa Solbacken", Type: NameAlternative}},
		Remarks: []Remark{{Type: RemarkUnidentifiedArea}},
		Parts: []Part{{
			Placement:      PlacementRoofEdge,
			Surface:        footprint(),
			PlanAccuracy:   &Accuracy{Method: EvaluationIndirect, Statistic: StatisticStandardError, Value: ptr(0.2), Unit: UnitMetre},
			HeightAccuracy: &Accuracy{NoInformation: true},
		}},
		Shelters: []Shelter{{Identity: "2180-0042"}},
		TaxUnit:  &TaxUnit{Identity: "123456789"},
		LiesOn:   []bal.PropertyRef{{ID: propertyID, Designation: "Gävle Varva 2:3", Type: bal.PropertyTypeProperty}},
	}
}

func building(mut func(*Building)) *Building { b := villa(); mut(b); return b }

func validEntrance() *Entrance {
	return &Entrance{
		Meta:       bal.Meta{Status: bal.StatusValid, Action: &bal.Action{Type: ActionNewEntrance, Responsible: "2180"}},
		BuildingID: buildingID,
		Type:       EntranceResidentialApartments,
		Elevator:   Yes,
		Address:    &AddressRef{ID: addressID, Label: "Segelbåtsvägen 7A"},
	}
}

func entrance(mut func(*Entrance)) *Entrance { e := validEntrance(); mut(e); return e }

// apartment1102 is the apartment of the spec's examples: number 1102, 162 m².
func apartment1102() *Apartment {
	return &Apartment{
		Meta:           bal.Meta{Status: bal.StatusValid, Action: &bal.Action{Type: ActionNewApartment, Responsible: "2180"}},
		EntranceID:     entranceID,
		Number:         "1102",
		NumberDecided:  time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
		NumberNotified: time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC),
		Rooms:          ptr(5),
		LivingArea:     ptr(162.0),
		Category:       "Bostadslägenhet",
		Kitchen:        KitchenFull,
		SharedKitchen:  No,
		Collection:     CollectionWebForm,
	}
}

func apartment(mut func(*Apartment)) *Apartment { a := apartment1102(); mut(a); return a }

type validator interface{ Validate() error }

func TestValidExamples(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		obj  validator
	}{
		{"villa", villa()},
		{"empty building", &Building{}},
		{"planned, from a permit", building(func(b *Building) {
			b.Status = bal.StatusPlanned
			b.Action.Type = ActionPermitApproved
			b.ConstructionYear, b.ExtensionYear = 2027, 0
			b.Parts[0].Placement = PlacementIllustrative
		})},
		{"valuation unit instead of tax unit", building(func(b *Building) { b.TaxUnit, b.ValuationUnit = nil, &ValuationUnit{Identity: "987654321"} })},
		{"no unit at all", building(func(b *Building) { b.TaxUnit = nil })},
		{"affected by a 3D property it lies under", building(func(b *Building) {
			b.AffectedBy = []bal.PropertyRef{{ID: threeDID, Designation: "Gävle Varva 2:4"}}
		})},
		{"multipolygon surface", building(func(b *Building) {
			b.Parts[0].Surface = geom.NewMultiPolygonFlat(geom.XY, footprint().FlatCoords(), [][]int{{10}}).SetSRID(3006)
		})},
		{"surface in a local zone", building(func(b *Building) {
			b.Parts[0].Surface = geom.NewPolygonFlat(geom.XY, []float64{
				150000, 6930000, 150010, 6930000, 150010, 6930010, 150000, 6930000,
			}, []int{8}).SetSRID(3014)
		})},
		{"surface with RH 2000 heights", building(func(b *Building) {
			b.Parts[0].Surface = geom.NewPolygonFlat(geom.XYZ, []float64{
				674000, 6580000, 12, 674010, 6580000, 12, 674010, 6580012, 12, 674000, 6580000, 12,
			}, []int{12}).SetSRID(5845)
		})},
		{"public and industrial uses", building(func(b *Building) {
			b.Purposes = []Purpose{{Category: CategoryPublic, Use: UseSchool, Main: true}, {Category: CategoryIndustrial, Use: UseUnspecified, Uncertain: true}}
		})},
		{"a use of an unpublished list", building(func(b *Building) {
			b.Purposes = []Purpose{{Category: CategoryBusiness, Use: "Kontor"}, {Category: CategoryOther}}
		})},
		{"zero living area", building(func(b *Building) { b.Purposes[0].TotalLivingArea = ptr(0.0) })},
		{"retired", building(func(b *Building) { b.Status = bal.StatusRetired; b.Action.Type = ActionDemolished })},
		{"entrance", validEntrance()},
		{"entrance without address", entrance(func(e *Entrance) { e.Address = nil; e.Elevator = "" })},
		{"apartment 1102", apartment1102()},
		{"apartment without number (single dwelling)", apartment(func(a *Apartment) {
			a.Number, a.NumberDecided, a.NumberNotified = "", time.Time{}, time.Time{}
		})},
		{"apartment, 0 rooms and 0 m²", apartment(func(a *Apartment) { a.Rooms, a.LivingArea = ptr(0), ptr(0.0) })},
		{"apartment notified the same day, later hour", apartment(func(a *Apartment) {
			a.NumberNotified = a.NumberDecided.Add(-time.Minute).Add(time.Hour)
		})},
		{"apartment below the entrance floor", apartment(func(a *Apartment) { a.Number = "0901" })},
		{"apartment with unpublished category", apartment(func(a *Apartment) { a.Category = "Vad som helst" })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.NoError(t, tt.obj.Validate())
		})
	}
}

func TestValidateInvalid(t *testing.T) {
	t.Parallel()
	unclosed := geom.NewPolygonFlat(geom.XY, []float64{674000, 6580000, 674010, 6580000, 674010, 6580010, 674000, 6580010}, []int{8}).SetSRID(3006)
	bowTie := geom.NewPolygonFlat(geom.XY, []float64{
		674000, 6580000, 674010, 6580010, 674010, 6580000, 674000, 6580010, 674000, 6580000,
	}, []int{10}).SetSRID(3006)
	nanVertex := geom.NewMultiPolygonFlat(geom.XY, []float64{
		674000, 6580000, 674010, 6580000, 674010, 6580010, math.NaN(), 6580010, 674000, 6580000,
	}, [][]int{{10}}).SetSRID(3006)
	tests := []struct {
		name       string
		obj        validator
		path, rule string
	}{
		// Attributes.
		{"negative husnummer", building(func(b *Building) { b.HouseNumber = -1 }), "HouseNumber", bal.RuleRange},
		{"husnummer 10000", building(func(b *Building) { b.HouseNumber = 10000 }), "HouseNumber", bal.RuleRange},
		{"nybyggnadsår 999", building(func(b *Building) { b.ConstructionYear = 999 }), "ConstructionYear", bal.RuleRange},
		{"nybyggnadsår with a digit too many", building(func(b *Building) { b.ConstructionYear = 19750 }), "ConstructionYear", bal.RuleRange},
		{"tillbyggnadsår 3000", building(func(b *Building) { b.ExtensionYear = 3000 }), "ExtensionYear", bal.RuleRange},
		{"extended before built", building(func(b *Building) { b.ExtensionYear = 1960 }), "ExtensionYear", bal.RuleRange},
		// Purposes.
		{"purpose without category", building(func(b *Building) { b.Purposes[1].Category = "" }), "Purposes[1].Category", bal.RuleRequired},
		{"unknown category", building(func(b *Building) { b.Purposes[1].Category = "Kyrka" }), "Purposes[1].Category", bal.RuleCodeList},
		{"category as JSON spells it", building(func(b *Building) { b.Purposes[1].Category = "OvrigByggnad" }), "Purposes[1].Category", bal.RuleCodeList},
		{"residential without use", building(func(b *Building) { b.Purposes[0].Use = "" }), "Purposes[0].Use", bal.RuleRequired},
		{"school as a residential use", building(func(b *Building) { b.Purposes[0].Use = UseSchool }), "Purposes[0].Use", bal.RuleCodeList},
		{"unknown residential use", building(func(b *Building) { b.Purposes[0].Use = "Villa" }), "Purposes[0].Use", bal.RuleCodeList},
		{"residential use in lower case", building(func(b *Building) { b.Purposes[0].Use = "småhus friliggande" }), "Purposes[0].Use", bal.RuleCodeList},
		{"public purpose without use", building(func(b *Building) { b.Purposes[1] = Purpose{Category: CategoryPublic} }), "Purposes[1].Use", bal.RuleRequired},
		{"residential use for industry", building(func(b *Building) {
			b.Purposes[1] = Purpose{Category: CategoryIndustrial, Use: UseApartmentBlock}
		}), "Purposes[1].Use", bal.RuleCodeList},
		{"use from the September 2021 list", building(func(b *Building) {
			b.Purposes[1] = Purpose{Category: CategoryPublic, Use: "Förskola"}
		}), "Purposes[1].Use", bal.RuleCodeList},
		{"living area on a business purpose", building(func(b *Building) {
			b.Purposes[1] = Purpose{Category: CategoryBusiness, TotalLivingArea: ptr(40.0)}
		}), "Purposes[1].TotalLivingArea", bal.RuleRelation},
		{"negative living area", building(func(b *Building) { b.Purposes[0].TotalLivingArea = ptr(-1.0) }), "Purposes[0].TotalLivingArea", bal.RuleRange},
		{"NaN living area", building(func(b *Building) { b.Purposes[0].TotalLivingArea = ptr(math.NaN()) }), "Purposes[0].TotalLivingArea", bal.RuleRange},
		{"living area of a million m²", building(func(b *Building) { b.Purposes[0].TotalLivingArea = ptr(1e6) }), "Purposes[0].TotalLivingArea", bal.RuleRange},
		{"two main purposes", building(func(b *Building) { b.Purposes[1].Main = true }), "Purposes[1].Main", bal.RuleRelation},
		// Names and remarks.
		{"empty name", building(func(b *Building) { b.Names[0].Text = "" }), "Names[0].Text", bal.RuleRequired},
		{"name in lower case", building(func(b *Building) { b.Names[0].Text = "villa Solbacken" }), "Names[0].Text", bal.RuleFormat},
		{"name without type", building(func(b *Building) { b.Names[0].Type = "" }), "Names[0].Type", bal.RuleRequired},
		{"unknown name type", building(func(b *Building) { b.Names[0].Type = "Smeknamn" }), "Names[0].Type", bal.RuleCodeList},
		{"remark without type", building(func(b *Building) { b.Remarks[0].Type = "" }), "Remarks[0].Type", bal.RuleRequired},
		{"unknown remark type", building(func(b *Building) { b.Remarks = append(b.Remarks, Remark{Type: "Rivningshotad"}) }), "Remarks[1].Type", bal.RuleCodeList},
		// Parts.
		{"part without placement", building(func(b *Building) { b.Parts[0].Placement = "" }), "Parts[0].Placement", bal.RuleRequired},
		{"placement in lower case", building(func(b *Building) { b.Parts[0].Placement = "takkant" }), "Parts[0].Placement", bal.RuleCodeList},
		{"part without surface", building(func(b *Building) { b.Parts[0].Surface = nil }), "Parts[0].Surface", bal.RuleRequired},
		{"typed nil polygon", building(func(b *Building) { b.Parts[0].Surface = (*geom.Polygon)(nil) }), "Parts[0].Surface", bal.RuleRequired},
		{"typed nil multipolygon", building(func(b *Building) { b.Parts[0].Surface = (*geom.MultiPolygon)(nil) }), "Parts[0].Surface", bal.RuleRequired},
		{"point as surface", building(func(b *Building) {
			b.Parts[0].Surface = geom.NewPointFlat(geom.XY, []float64{674000, 6580000}).SetSRID(3006)
		}), "Parts[0].Surface", bal.RuleGeometry},
		{"unclosed ring", building(func(b *Building) { b.Parts[0].Surface = unclosed }), "Parts[0].Surface.ring[0].vertex[3]", bal.RuleGeometry},
		{"self-intersecting ring", building(func(b *Building) { b.Parts[0].Surface = bowTie }), "Parts[0].Surface.ring[0].vertex[2]", bal.RuleGeometry},
		{"NaN in a second part's multipolygon", building(func(b *Building) {
			b.Parts = append(b.Parts, Part{Placement: PlacementFacade, Surface: nanVertex})
		}), "Parts[1].Surface.polygon[0].ring[0].vertex[3]", bal.RuleGeometry},
		{"surface without SRID", building(func(b *Building) { b.Parts[0].Surface = footprint().SetSRID(0) }), "Parts[0].Surface", bal.RuleGeometry},
		{"surface in WGS 84", building(func(b *Building) { b.Parts[0].Surface = footprint().SetSRID(4326) }), "Parts[0].Surface", bal.RuleGeometry},
		{"surface in a CRS not allowed", building(func(b *Building) { b.Parts[0].Surface = footprint().SetSRID(3845) }), "Parts[0].Surface", bal.RuleGeometry},
		{"compound CRS without heights", building(func(b *Building) { b.Parts[0].Surface = footprint().SetSRID(5845) }), "Parts[0].Surface", bal.RuleGeometry},
		{"accuracy without result", building(func(b *Building) { b.Parts[0].PlanAccuracy = &Accuracy{Method: EvaluationUnknown} }), "Parts[0].PlanAccuracy.Value", bal.RuleRequired},
		{"negative accuracy", building(func(b *Building) { b.Parts[0].PlanAccuracy.Value = ptr(-0.2) }), "Parts[0].PlanAccuracy.Value", bal.RuleRange},
		{"infinite accuracy", building(func(b *Building) { b.Parts[0].PlanAccuracy.Value = ptr(math.Inf(1)) }), "Parts[0].PlanAccuracy.Value", bal.RuleRange},
		{"accuracy without unit", building(func(b *Building) { b.Parts[0].PlanAccuracy.Unit = "" }), "Parts[0].PlanAccuracy.Unit", bal.RuleRequired},
		{"no information with a result", building(func(b *Building) { b.Parts[0].HeightAccuracy.Value = ptr(2.5) }), "Parts[0].HeightAccuracy.NoInformation", bal.RuleRelation},
		// Shelters, units and properties.
		{"shelter without identity", building(func(b *Building) { b.Shelters[0].Identity = " " }), "Shelters[0].Identity", bal.RuleRequired},
		{"tax unit without identity", building(func(b *Building) { b.TaxUnit.Identity = "" }), "TaxUnit.Identity", bal.RuleRequired},
		{"valuation unit without identity", building(func(b *Building) { b.TaxUnit, b.ValuationUnit = nil, &ValuationUnit{} }), "ValuationUnit.Identity", bal.RuleRequired},
		{"tax unit and valuation unit", building(func(b *Building) { b.ValuationUnit = &ValuationUnit{Identity: "987654321"} }), "ValuationUnit", "B-0035"},
		{"property without id", building(func(b *Building) { b.LiesOn[0].ID = bal.ObjectID{} }), "LiesOn[0].ID", bal.RuleRequired},
		{"property twice", building(func(b *Building) { b.LiesOn = append(b.LiesOn, bal.PropertyRef{ID: propertyID}) }), "LiesOn[1]", bal.RuleRelation},
		{"lies on and affected by one property", building(func(b *Building) {
			b.AffectedBy = []bal.PropertyRef{{ID: propertyID}}
		}), "AffectedBy[0]", bal.RuleRelation},
		{"affected, lying on nothing", building(func(b *Building) {
			b.LiesOn, b.AffectedBy = nil, []bal.PropertyRef{{ID: threeDID}}
		}), "LiesOn", "B-0084"},
		{"affected by a property without id", building(func(b *Building) {
			b.AffectedBy = []bal.PropertyRef{{ID: property2ID}, {}}
		}), "AffectedBy[1].ID", bal.RuleRequired},
		// Meta.
		{"objektstatus in lower case", building(func(b *Building) { b.Status = "planerad" }), "Status", bal.RuleCodeList},
		{"address status as objektstatus", building(func(b *Building) { b.Status = "Reserverad" }), "Status", bal.RuleCodeList},
		{"negative version", building(func(b *Building) { b.Version = -3 }), "Version", bal.RuleRange},
		{"valid to before valid from", building(func(b *Building) { b.ValidTo = b.ValidFrom.AddDate(0, 0, -1) }), "ValidTo", bal.RuleRange},
		// Entrance.
		{"entrance without building", entrance(func(e *Entrance) { e.BuildingID = bal.ObjectID{} }), "BuildingID", bal.RuleRequired},
		{"entrance without type", entrance(func(e *Entrance) { e.Type = "" }), "Type", bal.RuleRequired},
		{"unknown entrance type", entrance(func(e *Entrance) { e.Type = "Personalingång" }), "Type", bal.RuleCodeList},
		{"entrance type as the model pages spell it", entrance(func(e *Entrance) { e.Type = "bostadsadress med registrerad lägenhet" }), "Type", bal.RuleCodeList},
		{"elevator in lower case", entrance(func(e *Entrance) { e.Elevator = "ja" }), "Elevator", bal.RuleCodeList},
		{"elevator as a boolean", entrance(func(e *Entrance) { e.Elevator = "true" }), "Elevator", bal.RuleCodeList},
		{"address reference without id", entrance(func(e *Entrance) { e.Address.ID = bal.ObjectID{} }), "Address.ID", bal.RuleRequired},
		{"entrance with unknown status", entrance(func(e *Entrance) { e.Status = "Stängd" }), "Status", bal.RuleCodeList},
		// Apartment.
		{"apartment without entrance", apartment(func(a *Apartment) { a.EntranceID = bal.ObjectID{} }), "EntranceID", bal.RuleRequired},
		{"three-digit number", apartment(func(a *Apartment) { a.Number = "102" }), "Number", bal.RuleFormat},
		{"five-digit number", apartment(func(a *Apartment) { a.Number = "11020" }), "Number", bal.RuleFormat},
		{"number with a letter", apartment(func(a *Apartment) { a.Number = "11A2" }), "Number", bal.RuleFormat},
		{"door 00", apartment(func(a *Apartment) { a.Number = "1100" }), "Number", bal.RuleRange},
		{"decision date without number", apartment(func(a *Apartment) { a.Number, a.NumberNotified = "", time.Time{} }), "NumberDecided", bal.RuleRelation},
		{"notification date without number", apartment(func(a *Apartment) { a.Number, a.NumberDecided = "", time.Time{} }), "NumberNotified", bal.RuleRelation},
		{"notified before decided", apartment(func(a *Apartment) { a.NumberNotified = a.NumberDecided.AddDate(0, 0, -1) }), "NumberNotified", bal.RuleRange},
		{"negative rooms", apartment(func(a *Apartment) { a.Rooms = ptr(-1) }), "Rooms", bal.RuleRange},
		{"100 rooms", apartment(func(a *Apartment) { a.Rooms = ptr(100) }), "Rooms", bal.RuleRange},
		{"negative living area", apartment(func(a *Apartment) { a.LivingArea = ptr(-162.0) }), "LivingArea", bal.RuleRange},
		{"living area in dm²", apartment(func(a *Apartment) { a.LivingArea = ptr(16200.0) }), "LivingArea", bal.RuleRange},
		{"unknown kitchen", apartment(func(a *Apartment) { a.Kitchen = "Pentry" }), "Kitchen", bal.RuleCodeList},
		{"shared kitchen as a boolean", apartment(func(a *Apartment) { a.SharedKitchen = "false" }), "SharedKitchen", bal.RuleCodeList},
		{"collection method in lower case", apartment(func(a *Apartment) { a.Collection = "webbformulär" }), "Collection", bal.RuleCodeList},
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
			assert.True(t, strings.HasPrefix(ve.Object, "building."), "object %q", ve.Object)
		})
	}
}

// TestValidateReportsEveryProblem checks that validation does not stop at
// the first problem, and lists them in field order.
func TestValidateReportsEveryProblem(t *testing.T) {
	t.Parallel()
	b := &Building{
		HouseNumber:   -1,
		Purposes:      []Purpose{{Category: CategoryResidential, Use: UseSchool, TotalLivingArea: ptr(-5.0)}},
		Parts:         []Part{{Placement: PlacementFacade}},
		TaxUnit:       &TaxUnit{Identity: "1"},
		ValuationUnit: &ValuationUnit{Identity: "2"},
		AffectedBy:    []bal.PropertyRef{{ID: threeDID}},
	}
	var ve *bal.ValidationError
	require.ErrorAs(t, b.Validate(), &ve)
	type pr struct{ Path, Rule string }
	var got []pr
	for _, x := range ve.Problems {
		got = append(got, pr{x.Path, x.Rule})
	}
	want := []pr{
		{"HouseNumber", bal.RuleRange},
		{"Purposes[0].Use", bal.RuleCodeList},
		{"Purposes[0].TotalLivingArea", bal.RuleRange},
		{"Parts[0].Surface", bal.RuleRequired},
		{"ValuationUnit", "B-0035"},
		{"LiesOn", "B-0084"},
	}
	assert.Empty(t, cmp.Diff(want, got))
}

// TestValidateIgnoresRecordedAction: Meta.Action is what the server
// recorded for the version read (the published action lists are cut short,
// e.g. after "ny ref…"); a write carries its own action, checked by
// ValidateAction.
func TestValidateIgnoresRecordedAction(t *testing.T) {
	t.Parallel()
	recorded := &bal.Action{Type: "Ny referens"}
	for _, obj := range []interface {
		validator
		ValidateAction(bal.Action) error
	}{
		building(func(b *Building) { b.Action = recorded }),
		entrance(func(e *Entrance) { e.Action = recorded }),
		apartment(func(a *Apartment) { a.Action = recorded }),
	} {
		require.NoError(t, obj.Validate())
		assert.Error(t, obj.ValidateAction(*recorded), "the same action is refused for a write")
	}
}

func TestValidateNil(t *testing.T) {
	t.Parallel()
	for _, obj := range []validator{(*Building)(nil), (*Entrance)(nil), (*Apartment)(nil)} {
		assert.ErrorIs(t, obj.Validate(), bal.ErrValidation)
	}
}

func TestGeometryProblemsKeepTheirCode(t *testing.T) {
	t.Parallel()
	err := building(func(b *Building) { b.Parts[0].Surface = footprint().SetSRID(3845) }).Validate()
	var ve *bal.ValidationError
	require.ErrorAs(t, err, &ve)
	require.NotEmpty(t, ve.Problems)
	assert.Equal(t, "Parts[0].Surface", ve.Problems[0].Path)
	assert.True(t, strings.HasPrefix(ve.Problems[0].Message, "srid-not-allowed: "), ve.Problems[0].Message)
	for _, p := range ve.Problems {
		assert.Equal(t, bal.RuleGeometry, p.Rule)
	}
}

func TestValidateAction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		obj      interface{ ValidateAction(bal.Action) error }
		accepted []bal.ActionType
	}{
		{"building", &Building{}, BuildingActionTypes()},
		{"entrance", &Entrance{}, EntranceActionTypes()},
		{"apartment", &Apartment{}, ApartmentActionTypes()},
	}
	all := append(append(BuildingActionTypes(), EntranceActionTypes()...), ApartmentActionTypes()...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, at := range all {
				err := tt.obj.ValidateAction(bal.Action{Type: at, Responsible: "2180"})
				accepted := false
				for _, a := range tt.accepted {
					accepted = accepted || a == at
				}
				if accepted {
					assert.NoError(t, err, "%s accepts %q", tt.name, at)
					continue
				}
				var ve *bal.ValidationError
				require.ErrorAs(t, err, &ve, "%s refuses %q", tt.name, at)
				assert.True(t, ve.Has("Action.Type", bal.RuleCodeList))
			}
			var ve *bal.ValidationError
			require.ErrorAs(t, tt.obj.ValidateAction(bal.Action{}), &ve)
			assert.True(t, ve.Has("Action.Type", bal.RuleRequired))
			assert.True(t, ve.Has("Action.Responsible", bal.RuleRequired))
		})
	}
	err := (&Building{}).ValidateAction(bal.Action{Type: "riven, nedbrunnen byggnad", Responsible: "2180"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"riven, nedbrunnen byggnad" must be written "Riven, nedbrunnen byggnad"`)
}

func TestApartmentFloorAndDoor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		number      string
		floor, door int
		ok          bool
	}{
		{"1102", 11, 2, true},
		{"1001", 10, 1, true},
		{"0901", 9, 1, true},
		{"", 0, 0, false},
		{"110", 0, 0, false},
		{"11A2", 0, 0, false},
	}
	for _, tt := range tests {
		a := &Apartment{Number: tt.number}
		f, okF := a.Floor()
		d, okD := a.Door()
		assert.Equal(t, []any{tt.floor, tt.ok, tt.door, tt.ok}, []any{f, okF, d, okD}, tt.number)
	}
}
