package address_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/updatetest"
)

func TestLifecycle(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	district, err := e.Addresses.Districts.Create(ctx, e.District(), e.Action(address.ActionNew))
	require.NoError(t, err)
	street, err := e.Addresses.Areas.Create(ctx, e.Area(district.ID, address.AreaTypeStreet), e.Action(address.ActionNew))
	require.NoError(t, err)
	village, err := e.Addresses.Areas.Create(ctx, e.Area(district.ID, address.AreaTypeVillage), e.Action(address.ActionNew))
	require.NoError(t, err)
	act := e.Action
	n := 11 // the points' numbers

	t.Run("District", func(t *testing.T) {
		updatetest.Lifecycle(t, e, updatetest.Case[address.District]{
			Service: e.Addresses.Districts,
			Meta:    func(d *address.District) *bal.Meta { return &d.Meta },
			Type:    bal.ObjectTypeDistrict,
			New:     e.District,
			Change:  func(d *address.District) { d.Name, d.PlaceID = "Norra delen", "" },
			Create:  act(address.ActionNew), Update: act(address.ActionChanged), Retire: act(address.ActionRemoved),
		})
	})
	t.Run("Area", func(t *testing.T) {
		updatetest.Lifecycle(t, e, updatetest.Case[address.Area]{
			Service: e.Addresses.Areas,
			Meta:    func(a *address.Area) *bal.Meta { return &a.Meta },
			Type:    bal.ObjectTypeAddressArea,
			New:     func() *address.Area { return e.Area(district.ID, address.AreaTypeStreet) },
			Change:  func(a *address.Area) { a.Name = "Segelbåtsvägen" },
			Create:  act(address.ActionNew), Update: act(address.ActionChanged), Retire: act(address.ActionRemoved),
		})
	})
	t.Run("CourtyardArea", func(t *testing.T) {
		updatetest.Lifecycle(t, e, updatetest.Case[address.CourtyardArea]{
			Service: e.Addresses.CourtyardAreas,
			Meta:    func(c *address.CourtyardArea) *bal.Meta { return &c.Meta },
			Type:    bal.ObjectTypeCourtyardArea,
			New:     func() *address.CourtyardArea { return e.CourtyardArea(village.ID) },
			Change:  func(c *address.CourtyardArea) { c.Name, c.PlaceID = "Södergården", "ort-9" },
			Create:  act(address.ActionNew), Update: act(address.ActionChanged), Retire: act(address.ActionRemoved),
		})
	})
	t.Run("Point", func(t *testing.T) {
		updatetest.Lifecycle(t, e, updatetest.Case[address.Point]{
			Service: e.Addresses.Points,
			Meta:    func(p *address.Point) *bal.Meta { return &p.Meta },
			Type:    bal.ObjectTypeAddressPoint,
			New:     func() *address.Point { n++; return e.Point(street.ID, n) },
			Change: func(p *address.Point) {
				p.Designation = address.Designation{Number: "14", Letter: "B"}
				p.Facility, p.PopularName, p.Remarks = nil, nil, nil
				p.Position = geom.NewPointFlat(geom.XY, []float64{p.Position.X() + 3.25, p.Position.Y() - 1.5}).SetSRID(3006)
			},
			Create: act(address.ActionNew), Update: act(address.ActionChanged), Retire: act(address.ActionRemoved),
		})
	})
}

// TestModifyFields is the field-by-field check that Modify writes exactly
// what the change function changes, for the four address types.
func TestModifyFields(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	act := e.Action
	other := e.Server.Dataset().Properties[1].ID
	district, err := e.Addresses.Districts.Create(ctx, e.District(), act(address.ActionNew))
	require.NoError(t, err)
	district2, err := e.Addresses.Districts.Create(ctx, e.District(), act(address.ActionNew))
	require.NoError(t, err)
	street, err := e.Addresses.Areas.Create(ctx, e.Area(district.ID, address.AreaTypeStreet), act(address.ActionNew))
	require.NoError(t, err)
	street2, err := e.Addresses.Areas.Create(ctx, e.Area(district.ID, address.AreaTypeStreet), act(address.ActionNew))
	require.NoError(t, err)
	village, err := e.Addresses.Areas.Create(ctx, e.Area(district.ID, address.AreaTypeVillage), act(address.ActionNew))
	require.NoError(t, err)
	village2, err := e.Addresses.Areas.Create(ctx, e.Area(district.ID, address.AreaTypeVillage), act(address.ActionNew))
	require.NoError(t, err)
	courtyard, err := e.Addresses.CourtyardAreas.Create(ctx, e.CourtyardArea(village.ID), act(address.ActionNew))
	require.NoError(t, err)
	var mu sync.Mutex
	number := 100
	next := func() int {
		mu.Lock()
		defer mu.Unlock()
		number++
		return number
	}

	t.Run("District", func(t *testing.T) {
		t.Parallel()
		updatetest.ModifyFields(t, updatetest.FieldCase[address.District]{
			Service: e.Addresses.Districts, New: e.District,
			Create: act(address.ActionNew), Update: act(address.ActionChanged),
			Set: map[string]any{
				"Name":         func(d *address.District) { d.Name += " norra" },
				"PlaceID":      "ort-99",
				"Municipality": func(d *address.District) { d.Municipality.Name = "Nytt namn" },
			},
			Required: []string{"Name", "Municipality"},
		})
	})
	t.Run("Area", func(t *testing.T) {
		t.Parallel()
		updatetest.ModifyFields(t, updatetest.FieldCase[address.Area]{
			Service: e.Addresses.Areas,
			New:     func() *address.Area { return e.Area(district.ID, address.AreaTypeStreet) },
			Create:  act(address.ActionNew), Update: act(address.ActionChanged),
			Set: map[string]any{
				"Name":     func(a *address.Area) { a.Name += " östra" },
				"PlaceID":  "ort-98",
				"Type":     address.AreaTypeMetre,
				"District": address.DistrictRef{ID: district2.ID},
			},
			Required: []string{"Name", "Type", "District"},
		})
	})
	t.Run("CourtyardArea", func(t *testing.T) {
		t.Parallel()
		updatetest.ModifyFields(t, updatetest.FieldCase[address.CourtyardArea]{
			Service: e.Addresses.CourtyardAreas,
			New:     func() *address.CourtyardArea { return e.CourtyardArea(village.ID) },
			Create:  act(address.ActionNew), Update: act(address.ActionChanged),
			Set: map[string]any{
				"Name":    func(c *address.CourtyardArea) { c.Name += " västra" },
				"PlaceID": "ort-97",
				"Area":    address.AreaRef{ID: village2.ID},
			},
			Required: []string{"Name", "Area"},
		})
	})
	t.Run("Point", func(t *testing.T) {
		t.Parallel()
		updatetest.ModifyFields(t, updatetest.FieldCase[address.Point]{
			Service: e.Addresses.Points,
			New:     func() *address.Point { return e.Point(street.ID, next()) },
			Create:  act(address.ActionNew), Update: act(address.ActionChanged),
			Set: map[string]any{
				"Designation": func(p *address.Point) {
					p.Designation = address.Designation{Number: p.Designation.Number + "1", Letter: "B"}
				},
				// Only a gatuadressplats takes a lägestillägg, and a
				// byadressplats lies in a byadressområde.
				"Type": func(p *address.Point) {
					p.Type, p.Area = address.PointTypeVillage, &address.AreaRef{ID: village.ID}
					p.Designation.PositionSuffix, p.Designation.PositionNumber = "", 0
				},
				"Placement": address.PlacementDriveway,
				"Position": func(p *address.Point) {
					p.Position = geom.NewPointFlat(geom.XY, []float64{p.Position.X() + 2, p.Position.Y() + 3}).SetSRID(3006)
				},
				"AddressStatus": address.StatusReserved,
				"Remarks":       []address.Remark{{Type: address.RemarkTaxi, Text: "framsidan"}},
				"Facility":      &address.Facility{Type: address.FacilitySports, Text: "idrottsplats"},
				"PopularName":   &address.PopularName{Name: "Nya posten", PlaceID: "ort-5"},
				"Area":          &address.AreaRef{ID: street2.ID},
				// A gårdsadressplats lies in a gårdsadressområde instead.
				"CourtyardArea": func(p *address.Point) {
					p.Type, p.Area, p.CourtyardArea = address.PointTypeCourtyard, nil, &address.CourtyardAreaRef{ID: courtyard.ID}
					p.Designation.PositionSuffix, p.Designation.PositionNumber = "", 0
				},
				"Property": &bal.PropertyRef{ID: other},
			},
			// The server keeps the postal parts and the district; the
			// metadata is never stored (TestPositionMetadata).
			Skip:     []string{"PostalCode", "PostTown", "RegistrationDistrict", "PositionMetadata"},
			Required: []string{"Designation", "Type", "Position", "Area", "CourtyardArea"},
		})
	})
}
