package building_test

import (
	"testing"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/updatetest"
)

func square(x, y float64) *geom.Polygon {
	return geom.NewPolygonFlat(geom.XY, []float64{x, y, x + 10, y, x + 10, y + 10, x, y + 10, x, y}, []int{10}).SetSRID(3006)
}

var (
	someProperty  = bal.MustParseObjectID("909a6a63-62b4-90ec-e040-ed8f66444c3f")
	otherProperty = bal.MustParseObjectID("5b1e6a33-9d8c-4c47-8f0a-2a6c1d5e7b01")
)

func fullBuilding() *building.Building {
	return &building.Building{
		Meta:                 bal.Meta{ID: bal.MustParseObjectID("39722cbb-f8b9-404b-a045-c5e6175f1001"), Version: 4, Status: bal.StatusPlanned},
		HouseNumber:          1,
		ConstructionYear:     1974,
		ExtensionYear:        1990,
		ExemptFromAddressing: true,
		MainBuilding:         true,
		NonFreeGround:        true,
		Servitude:            true,
		Purposes:             []building.Purpose{{Category: building.CategoryResidential, Use: "Flerfamiljshus", Main: true}},
		Names:                []building.Name{{Text: "Backagården", Type: "Alternativnamn"}},
		Remarks:              []building.Remark{{Type: "Belägen på oidentifierat område"}},
		Parts:                []building.Part{{Placement: "Takkant", Surface: square(153000, 6730000)}},
		Shelters:             []building.Shelter{{Identity: "MSB-1"}},
		TaxUnit:              &building.TaxUnit{Identity: "123"},
		ValuationUnit:        &building.ValuationUnit{Identity: "456"},
		LiesOn:               []bal.PropertyRef{{ID: someProperty}},
		AffectedBy:           []bal.PropertyRef{{ID: otherProperty}},
	}
}

func TestBuildingPatch(t *testing.T) {
	t.Parallel()
	updatetest.PatchStates(t, updatetest.PatchCase[building.Building, building.BuildingPatch]{
		Base:  fullBuilding,
		Apply: (*building.BuildingPatch).Apply,
		Values: map[string]any{
			"Status":               bal.StatusValid,
			"HouseNumber":          2,
			"ConstructionYear":     1975,
			"ExtensionYear":        2001,
			"ExemptFromAddressing": false,
			"MainBuilding":         false,
			"NonFreeGround":        false,
			"Servitude":            false,
			"Purposes":             []building.Purpose{{Category: building.CategoryPublic, Use: "Skola"}},
			"Names":                []building.Name{{Text: "Skolan"}},
			"Remarks":              []building.Remark{{Type: "Belägen på oidentifierat område", Text: "ny"}},
			"Parts":                []building.Part{{Placement: "Fasad", Surface: square(153100, 6730100)}},
			"Shelters":             []building.Shelter{{Identity: "MSB-2"}},
			"TaxUnit":              building.TaxUnit{Identity: "789"},
			"ValuationUnit":        building.ValuationUnit{Identity: "012"},
			"LiesOn":               []bal.PropertyRef{{ID: otherProperty}},
			"AffectedBy":           []bal.PropertyRef{{ID: someProperty}},
		},
		Required: []string{"Status"},
	})
}

func TestEntrancePatch(t *testing.T) {
	t.Parallel()
	updatetest.PatchStates(t, updatetest.PatchCase[building.Entrance, building.EntrancePatch]{
		Base: func() *building.Entrance {
			return &building.Entrance{Meta: bal.Meta{Status: bal.StatusValid}, BuildingID: someProperty,
				Type: "Bostadsadress", Elevator: building.Yes, Address: &building.AddressRef{ID: otherProperty}}
		},
		Apply: (*building.EntrancePatch).Apply,
		Values: map[string]any{
			"Status":     bal.StatusRetired,
			"BuildingID": otherProperty,
			"Type":       building.EntranceType("Butiksadress"),
			"Elevator":   building.No,
			"Address":    building.AddressRef{ID: someProperty},
		},
		Required: []string{"Status", "BuildingID", "Type"},
	})
}

func TestApartmentPatch(t *testing.T) {
	t.Parallel()
	updatetest.PatchStates(t, updatetest.PatchCase[building.Apartment, building.ApartmentPatch]{
		Base: func() *building.Apartment {
			rooms, area := 3, 74.5
			return &building.Apartment{Meta: bal.Meta{Status: bal.StatusValid}, EntranceID: someProperty,
				Number: "1001", NumberDecided: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC),
				NumberNotified: time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC), Rooms: &rooms, LivingArea: &area,
				Category: "Bostadslägenhet", Kitchen: "Kök", SharedKitchen: building.No, Collection: "Webbformulär"}
		},
		Apply: (*building.ApartmentPatch).Apply,
		Values: map[string]any{
			"Status":         bal.StatusRetired,
			"EntranceID":     otherProperty,
			"Number":         "1102",
			"NumberDecided":  time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC),
			"NumberNotified": time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC),
			"Rooms":          4,
			"LivingArea":     90.0,
			"Category":       building.ApartmentCategory("Specialbostad"),
			"Kitchen":        building.KitchenType("Kokvrå"),
			"SharedKitchen":  building.Yes,
			"Collection":     building.CollectionMethod("Skannad blankett"),
		},
		Required: []string{"Status", "EntranceID"},
	})
}
