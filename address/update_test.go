package address_test

import (
	"context"
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

	t.Run("District", func(t *testing.T) {
		updatetest.Lifecycle(t, e, updatetest.Case[address.District]{
			Service: e.Addresses.Districts,
			Meta:    func(d *address.District) *bal.Meta { return &d.Meta },
			New:     e.District(),
			Change:  func(d *address.District) { d.Name, d.PlaceID = "Norra delen", "" },
			Create:  act(address.ActionNew), Update: act(address.ActionChanged), Retire: act(address.ActionRemoved),
		})
	})
	t.Run("Area", func(t *testing.T) {
		updatetest.Lifecycle(t, e, updatetest.Case[address.Area]{
			Service: e.Addresses.Areas,
			Meta:    func(a *address.Area) *bal.Meta { return &a.Meta },
			New:     e.Area(district.ID, address.AreaTypeStreet),
			Change:  func(a *address.Area) { a.Name = "Segelbåtsvägen" },
			Create:  act(address.ActionNew), Update: act(address.ActionChanged), Retire: act(address.ActionRemoved),
		})
	})
	t.Run("CourtyardArea", func(t *testing.T) {
		updatetest.Lifecycle(t, e, updatetest.Case[address.CourtyardArea]{
			Service: e.Addresses.CourtyardAreas,
			Meta:    func(c *address.CourtyardArea) *bal.Meta { return &c.Meta },
			New:     e.CourtyardArea(village.ID),
			Change:  func(c *address.CourtyardArea) { c.Name, c.PlaceID = "Södergården", "ort-9" },
			Create:  act(address.ActionNew), Update: act(address.ActionChanged), Retire: act(address.ActionRemoved),
		})
	})
	t.Run("Point", func(t *testing.T) {
		updatetest.Lifecycle(t, e, updatetest.Case[address.Point]{
			Service: e.Addresses.Points,
			Meta:    func(p *address.Point) *bal.Meta { return &p.Meta },
			New:     e.Point(street.ID, 12),
			Change: func(p *address.Point) {
				p.Designation = address.Designation{Number: "14", Letter: "B"}
				p.Facility, p.PopularName, p.Remarks = nil, nil, nil
				p.Position = geom.NewPointFlat(geom.XY, []float64{p.Position.X() + 3.25, p.Position.Y() - 1.5}).SetSRID(3006)
			},
			Create: act(address.ActionNew), Update: act(address.ActionChanged), Retire: act(address.ActionRemoved),
		})
	})
}
