package address_test

import (
	"testing"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/updatetest"
)

var (
	idA = bal.MustParseObjectID("909a6a63-62b4-90ec-e040-ed8f66444c3f")
	idB = bal.MustParseObjectID("5b1e6a33-9d8c-4c47-8f0a-2a6c1d5e7b01")
)

func TestPointPatch(t *testing.T) {
	t.Parallel()
	updatetest.PatchStates(t, updatetest.PatchCase[address.Point, address.PointPatch]{
		Base: func() *address.Point {
			return &address.Point{
				Meta:          bal.Meta{Status: bal.StatusValid},
				Designation:   address.Designation{Number: "7", Letter: "A"},
				Type:          address.PointTypeStreet,
				Placement:     "Ingång",
				Position:      geom.NewPointFlat(geom.XY, []float64{153006.25, 6729999}).SetSRID(3014),
				AddressStatus: "Gällande",
				Remarks:       []address.Remark{{Type: "Busshållplats"}},
				Facility:      &address.Facility{Type: "Brygga"},
				PopularName:   &address.PopularName{Name: "Gamla posten"},
				Area:          &address.AreaRef{ID: idA},
				CourtyardArea: &address.CourtyardAreaRef{ID: idB},
				Property:      &bal.PropertyRef{ID: idA},
			}
		},
		Apply: (*address.PointPatch).Apply,
		Values: map[string]any{
			"Status":        bal.StatusRetired,
			"Designation":   address.Designation{Number: "9"},
			"Type":          address.PointTypeVillage,
			"Placement":     address.Placement("Infart"),
			"Position":      geom.NewPointFlat(geom.XY, []float64{153010, 6730001}).SetSRID(3014),
			"AddressStatus": address.Status("Reserverad"),
			"Remarks":       []address.Remark{{Type: "Kajplats"}},
			"Facility":      address.Facility{Type: "Småbåtshamn"},
			"PopularName":   address.PopularName{Name: "Hamnen"},
			"Area":          address.AreaRef{ID: idB},
			"CourtyardArea": address.CourtyardAreaRef{ID: idA},
			"Property":      bal.PropertyRef{ID: idB},
		},
		Required: []string{"Status", "Designation", "Type", "Position"},
	})
}

func TestAreaPatch(t *testing.T) {
	t.Parallel()
	updatetest.PatchStates(t, updatetest.PatchCase[address.Area, address.AreaPatch]{
		Base: func() *address.Area {
			return &address.Area{Meta: bal.Meta{Status: bal.StatusValid}, Name: "Storgatan", PlaceID: "o-1",
				Type: address.AreaTypeStreet, District: address.DistrictRef{ID: idA}}
		},
		Apply: (*address.AreaPatch).Apply,
		Values: map[string]any{
			"Status":   bal.StatusRetired,
			"Name":     "Lillgatan",
			"PlaceID":  "o-2",
			"Type":     address.AreaTypeVillage,
			"District": address.DistrictRef{ID: idB},
		},
		Required: []string{"Status", "Name", "Type", "District"},
	})
}

func TestCourtyardAreaPatch(t *testing.T) {
	t.Parallel()
	updatetest.PatchStates(t, updatetest.PatchCase[address.CourtyardArea, address.CourtyardAreaPatch]{
		Base: func() *address.CourtyardArea {
			return &address.CourtyardArea{Meta: bal.Meta{Status: bal.StatusValid}, Name: "Norrgården", PlaceID: "o-1",
				Area: address.AreaRef{ID: idA}}
		},
		Apply: (*address.CourtyardAreaPatch).Apply,
		Values: map[string]any{
			"Status":  bal.StatusRetired,
			"Name":    "Södergården",
			"PlaceID": "o-2",
			"Area":    address.AreaRef{ID: idB},
		},
		Required: []string{"Status", "Name", "Area"},
	})
}

func TestDistrictPatch(t *testing.T) {
	t.Parallel()
	updatetest.PatchStates(t, updatetest.PatchCase[address.District, address.DistrictPatch]{
		Base: func() *address.District {
			return &address.District{Meta: bal.Meta{Status: bal.StatusValid}, Name: "Centrum", PlaceID: "o-1",
				Municipality: address.Municipality{Code: "2180", Name: "Gävle"}}
		},
		Apply: (*address.DistrictPatch).Apply,
		Values: map[string]any{
			"Status":       bal.StatusRetired,
			"Name":         "Söder",
			"PlaceID":      "o-2",
			"Municipality": address.Municipality{Code: "0180", Name: "Stockholm"},
		},
		Required: []string{"Status", "Name", "Municipality"},
	})
}
