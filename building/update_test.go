package building_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/updatetest"
)

func TestLifecycle(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	// Parents for the entrance and the apartment.
	area := e.Street(ctx, t)
	point, err := e.Addresses.Points.Create(ctx, e.Point(area, 7), e.Action("Ny"))
	require.NoError(t, err)
	b, err := e.Buildings.Buildings.Create(ctx, e.Building(), e.Action(building.ActionPermitApproved))
	require.NoError(t, err)
	en, err := e.Buildings.Entrances.Create(ctx, e.Entrance(b.ID, point.ID), e.Action(building.ActionNewEntrance))
	require.NoError(t, err)

	t.Run("Building", func(t *testing.T) {
		updatetest.Lifecycle(t, e, updatetest.Case[building.Building]{
			Service: e.Buildings.Buildings,
			Meta:    func(b *building.Building) *bal.Meta { return &b.Meta },
			New:     e.Building(),
			Change: func(b *building.Building) {
				b.Status = bal.StatusValid
				b.ExtensionYear = 2030
				b.Names = append(b.Names, building.Name{Text: "Lillstugan", Type: "Alternativ byggnadsbeteckning"})
				b.TaxUnit, b.ValuationUnit = nil, &building.ValuationUnit{Identity: "V-1"}
				b.Parts[0].Surface = e.Square(999)
			},
			Create: e.Action(building.ActionPermitApproved),
			Update: e.Action(building.ActionCompleted),
			Retire: e.Action(building.ActionDemolished),
		})
	})
	t.Run("Entrance", func(t *testing.T) {
		updatetest.Lifecycle(t, e, updatetest.Case[building.Entrance]{
			Service: e.Buildings.Entrances,
			Meta:    func(e *building.Entrance) *bal.Meta { return &e.Meta },
			New:     e.Entrance(b.ID, point.ID),
			Change: func(en *building.Entrance) {
				en.Elevator, en.Type, en.Address = building.Yes, "Besöksadress", nil
			},
			Create: e.Action(building.ActionNewEntrance),
			Update: e.Action(building.ActionEntranceChanged),
			Retire: e.Action(building.ActionEntranceRemoved),
		})
	})
	t.Run("Apartment", func(t *testing.T) {
		updatetest.Lifecycle(t, e, updatetest.Case[building.Apartment]{
			Service: e.Buildings.Apartments,
			Meta:    func(a *building.Apartment) *bal.Meta { return &a.Meta },
			New:     e.Apartment(en.ID, "1001"),
			Change: func(a *building.Apartment) {
				a.Rooms, a.LivingArea, a.Kitchen = nil, ptr(80.0), "Kokvrå"
				a.Status = bal.StatusValid
			},
			Create: e.Action(building.ActionNewApartment),
			Update: e.Action(building.ActionApartmentChanged),
			Retire: e.Action(building.ActionApartmentDemolished),
		})
	})
}

func ptr[V any](v V) *V { return &v }
