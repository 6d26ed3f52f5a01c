package building_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/geometry"
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
	numbers := []string{"1001", "1002"}
	apartmentNumber := func() string {
		n := numbers[0]
		numbers = numbers[1:]
		return n
	}

	t.Run("Building", func(t *testing.T) {
		updatetest.Lifecycle(t, e, updatetest.Case[building.Building]{
			Service: e.Buildings.Buildings,
			Meta:    func(b *building.Building) *bal.Meta { return &b.Meta },
			Type:    bal.ObjectTypeBuilding,
			New:     e.Building,
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
			Type:    bal.ObjectTypeEntrance,
			New:     func() *building.Entrance { return e.Entrance(b.ID, point.ID) },
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
			Type:    bal.ObjectTypeApartment,
			New:     func() *building.Apartment { return e.Apartment(en.ID, apartmentNumber()) },
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

// TestModifyPartial changes one field, clears another and leaves the rest,
// including what Lantmäteriet changed after the caller decided on the
// change.
func TestModifyPartial(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	bs := e.Buildings.Buildings
	r, err := bs.Create(ctx, e.Building(), e.Action(building.ActionPermitApproved))
	require.NoError(t, err)
	_, err = e.Server.EditBuilding(r.ID, func(b *building.Building) { b.ConstructionYear = 2025 })
	require.NoError(t, err)

	p, err := bs.Modify(ctx, r.ID, func(b *building.Building) error {
		b.Status, b.ExtensionYear = bal.StatusValid, 2040
		b.TaxUnit, b.Shelters = nil, nil
		return nil
	}, e.Action(building.ActionCompleted), nil)
	require.NoError(t, err)
	assert.Equal(t, bal.Version(3), p.Version)

	got, err := bs.Get(ctx, r.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, bal.StatusValid, got.Status)
	assert.Equal(t, 2040, got.ExtensionYear, "set")
	assert.Nil(t, got.TaxUnit, "cleared")
	assert.Empty(t, got.Shelters, "cleared")
	assert.Equal(t, 2025, got.ConstructionYear, "left alone: Lantmäteriet's value")
	assert.NotEmpty(t, got.Names, "left alone")

	before := len(e.Writes(r.ID.String()))
	_, err = bs.Modify(ctx, r.ID, func(b *building.Building) error {
		b.Parts[0].Surface = nil
		return nil
	}, e.Action(building.ActionBuildingChanged), nil)
	var v *bal.ValidationError
	require.ErrorAs(t, err, &v)
	assert.True(t, v.Has("Parts[0].Surface", bal.RuleRequired), "a required value cannot be emptied: %v", err)
	assert.Len(t, e.Writes(r.ID.String()), before, "nothing was sent")
}

func TestChildren(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	b, err := e.Buildings.Buildings.Create(ctx, e.Building(), e.Action(building.ActionPermitApproved))
	require.NoError(t, err)
	var entrances []bal.ObjectID
	for range 2 {
		en, err := e.Buildings.Entrances.Create(ctx, e.Entrance(b.ID, bal.ObjectID{}), e.Action(building.ActionNewEntrance))
		require.NoError(t, err)
		entrances = append(entrances, en.ID)
	}
	for _, n := range []string{"1001", "1002", "1101"} {
		_, err := e.Buildings.Apartments.Create(ctx, e.Apartment(entrances[0], n), e.Action(building.ActionNewApartment))
		require.NoError(t, err)
	}

	got, err := e.Buildings.Entrances.ByBuilding(ctx, b.ID)
	require.NoError(t, err)
	var ids []bal.ObjectID
	for _, en := range got {
		assert.Equal(t, b.ID, en.BuildingID)
		ids = append(ids, en.ID)
	}
	assert.ElementsMatch(t, entrances, ids)

	aps, err := e.Buildings.Apartments.ByEntrance(ctx, entrances[0])
	require.NoError(t, err)
	var numbers []string
	for _, a := range aps {
		numbers = append(numbers, a.Number)
	}
	assert.ElementsMatch(t, []string{"1001", "1002", "1101"}, numbers)
	none, err := e.Buildings.Apartments.ByEntrance(ctx, entrances[1])
	require.NoError(t, err)
	assert.Empty(t, none)

	_, err = e.Buildings.Entrances.ByBuilding(ctx, bal.NewObjectID())
	assert.ErrorIs(t, err, bal.ErrNotFound)
	_, err = e.Buildings.Entrances.ByBuilding(ctx, bal.ObjectID{})
	assert.ErrorIs(t, err, bal.ErrValidation)
}

// TestSearch follows pages lazily: a loop that stops early fetches no more
// pages than it needed.
func TestSearch(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	total := e.Server.Count(bal.ObjectTypeBuilding)
	require.Greater(t, total, 10)

	tests := []struct {
		name      string
		q         bal.Query
		pageSize  int
		stopAfter int
		wantHits  int
		wantPages int
	}{
		{"every building, pages of 7", bal.Query{}, 7, 0, total, (total + 6) / 7},
		{"stop after 10 of pages of 4", bal.Query{}, 4, 10, 10, 3},
		{"by municipality and status", bal.Query{Municipality: bal.MunicipalityCode(e.Kommunkod), Statuses: []bal.Status{bal.StatusValid, bal.StatusPlanned, bal.StatusValidUnderInvestigation}}, 1000, 0, total, 1},
		{"another municipality", bal.Query{Municipality: "0180"}, 0, 0, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := e.Server.Client()
			defer c.CloseIdleConnections()
			bs := building.New(c).Buildings
			before := searches(e)
			hits, seen := 0, map[bal.ObjectID]bool{}
			for h, err := range bs.Search(ctx, tt.q, &bal.SearchOptions{PageSize: tt.pageSize}) {
				require.NoError(t, err)
				assert.Equal(t, bal.ObjectTypeBuilding, h.Object.Type)
				assert.False(t, seen[h.Object.ID], "no hit twice")
				seen[h.Object.ID] = true
				assert.Positive(t, int64(h.Version))
				assert.NotEmpty(t, h.Label)
				if hits++; hits == tt.stopAfter {
					break
				}
			}
			assert.Equal(t, tt.wantHits, hits)
			assert.Equal(t, tt.wantPages, searches(e)-before)
		})
	}

	var err error
	for _, err = range e.Buildings.Buildings.Search(ctx, bal.Query{Municipality: "12"}, &bal.SearchOptions{PageSize: 5000}) {
	}
	var v *bal.ValidationError
	require.ErrorAs(t, err, &v)
	assert.True(t, v.Has("Municipality", bal.RuleFormat))
	assert.True(t, v.Has("PageSize", bal.RuleRange))
}

// searches counts the search requests the server has seen.
func searches(e *updatetest.Env) int {
	n := 0
	for _, r := range e.Server.Requests() {
		if strings.HasSuffix(r.Path, "/byggnad/sok") {
			n++
		}
	}
	return n
}

// TestGetReprojects reads a building's surface in the municipality's local
// zone; it is the stored SWEREF 99 TM surface, transformed.
func TestGetReprojects(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	r, err := e.Buildings.Buildings.Create(ctx, e.Building(), e.Action(building.ActionPermitApproved))
	require.NoError(t, err)
	stored, err := e.Buildings.Buildings.Get(ctx, r.ID, nil)
	require.NoError(t, err)
	zone := 3014 // SWEREF 99 17 15, the zone of the fake's county
	local, err := e.Buildings.Buildings.Get(ctx, r.ID, &bal.GetOptions{SRID: zone})
	require.NoError(t, err)
	require.Equal(t, zone, local.Parts[0].Surface.SRID())
	want, err := geometry.Transform(stored.Parts[0].Surface, zone)
	require.NoError(t, err)
	if diff := cmp.Diff(want, local.Parts[0].Surface, updatetest.Geometry(), cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Fatalf("reprojected surface (-want +got):\n%s", diff)
	}
	back, err := geometry.Transform(local.Parts[0].Surface, 3006)
	require.NoError(t, err)
	if diff := cmp.Diff(stored.Parts[0].Surface, back, updatetest.Geometry(), cmpopts.EquateApprox(0, 1e-6)); diff != "" {
		t.Fatalf("there and back again, to a micrometre (-want +got):\n%s", diff)
	}
	_, err = e.Buildings.Buildings.Get(ctx, r.ID, &bal.GetOptions{SRID: 4326})
	assert.Error(t, err, "WGS 84 is not a CRS of BAL")
}

// TestSearchFilters sends each of the binding's filters and checks the
// hits against the server's state.
func TestSearchFilters(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	bs := e.Buildings.Buildings
	b := e.Building()
	b.Names = []building.Name{{Text: "Filterhuset", Type: building.NameAlternative}}
	r, err := bs.Create(ctx, b, e.Action(building.ActionPermitApproved))
	require.NoError(t, err)
	created, err := bs.Get(ctx, r.ID, nil)
	require.NoError(t, err)
	env := geometry.EnvelopeOf(created.Parts[0].Surface)

	tests := []struct {
		name    string
		q       bal.Query
		check   func(t *testing.T, b *building.Building)
		wantNew bool
	}{
		{"property", bal.Query{Property: e.Property}, func(t *testing.T, b *building.Building) {
			var ids []bal.ObjectID
			for _, p := range append(b.LiesOn, b.AffectedBy...) {
				ids = append(ids, p.ID)
			}
			assert.Contains(t, ids, e.Property)
		}, true},
		{"box", bal.Query{Box: env}, nil, true},
		{"polygon", bal.Query{Area: created.Parts[0].Surface.(*geom.Polygon)}, nil, true},
		{"changed after", bal.Query{ChangedAfter: created.ValidFrom.Add(-time.Millisecond)}, func(t *testing.T, b *building.Building) {
			assert.True(t, b.ValidFrom.After(created.ValidFrom.Add(-time.Millisecond)))
		}, true},
		{"not changed after it", bal.Query{ChangedAfter: created.ValidFrom.Add(time.Hour)}, nil, false},
		{"name", bal.Query{Name: "filterhus"}, nil, true},
		{"status", bal.Query{Statuses: []bal.Status{bal.StatusRetired}}, func(t *testing.T, b *building.Building) {
			assert.Equal(t, bal.StatusRetired, b.Status)
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			found := false
			for h, err := range bs.Search(ctx, tt.q, nil) {
				require.NoError(t, err)
				found = found || h.Object.ID == r.ID
				if tt.check != nil {
					got, err := bs.Get(ctx, h.Object.ID, nil)
					require.NoError(t, err)
					tt.check(t, got)
				}
			}
			assert.Equal(t, tt.wantNew, found, "the new building is a hit")
		})
	}
}

// TestModifyFields is the field-by-field check that Modify writes exactly
// what the change function changes, for the three building types.
func TestModifyFields(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	other := e.Server.Dataset().Properties[1].ID
	require.NotEqual(t, e.Property, other)

	t.Run("Building", func(t *testing.T) {
		t.Parallel()
		updatetest.ModifyFields(t, updatetest.FieldCase[building.Building]{
			Service: e.Buildings.Buildings,
			New:     e.Building,
			Create:  e.Action(building.ActionPermitApproved),
			Update:  e.Action(building.ActionBuildingChanged),
			Set: map[string]any{
				"HouseNumber":          77,
				"ConstructionYear":     2025,
				"ExtensionYear":        2030,
				"ExemptFromAddressing": true,
				"MainBuilding":         false,
				"NonFreeGround":        false,
				"Servitude":            true,
				"Purposes":             []building.Purpose{{Category: building.CategoryPublic, Use: building.UseSchool, Main: true}},
				"Names":                []building.Name{{Text: "Skolan", Type: building.NameMainTopographic}},
				"Remarks":              []building.Remark{{Type: building.RemarkUnidentifiedArea, Text: "ändrad"}},
				"Parts": []building.Part{{Placement: building.PlacementFacade, Surface: e.Square(9000),
					HeightAccuracy: &building.Accuracy{NoInformation: true}}},
				"Shelters": []building.Shelter{{Identity: "MSB-ny"}, {Identity: "MSB-två"}},
				"TaxUnit":  &building.TaxUnit{Identity: "999888777"},
				// B-0035: a taxeringsenhet or a värderingsenhet, not both.
				"ValuationUnit": func(b *building.Building) { b.TaxUnit, b.ValuationUnit = nil, &building.ValuationUnit{Identity: "555"} },
				"LiesOn":        []bal.PropertyRef{{ID: other}},
				"AffectedBy":    []bal.PropertyRef{{ID: other}},
			},
		})
	})

	b, err := e.Buildings.Buildings.Create(ctx, e.Building(), e.Action(building.ActionPermitApproved))
	require.NoError(t, err)
	en, err := e.Buildings.Entrances.Create(ctx, e.Entrance(b.ID, bal.ObjectID{}), e.Action(building.ActionNewEntrance))
	require.NoError(t, err)
	street := e.Street(ctx, t)
	point, err := e.Addresses.Points.Create(ctx, e.Point(street, 40), e.Action(address.ActionNew))
	require.NoError(t, err)
	b2, err := e.Buildings.Buildings.Create(ctx, e.Building(), e.Action(building.ActionPermitApproved))
	require.NoError(t, err)
	en2, err := e.Buildings.Entrances.Create(ctx, e.Entrance(b2.ID, bal.ObjectID{}), e.Action(building.ActionNewEntrance))
	require.NoError(t, err)
	point2, err := e.Addresses.Points.Create(ctx, e.Point(street, 42), e.Action(address.ActionNew))
	require.NoError(t, err)

	t.Run("Entrance", func(t *testing.T) {
		t.Parallel()
		updatetest.ModifyFields(t, updatetest.FieldCase[building.Entrance]{
			Service: e.Buildings.Entrances,
			New:     func() *building.Entrance { return e.Entrance(b.ID, point.ID) },
			Create:  e.Action(building.ActionNewEntrance),
			Update:  e.Action(building.ActionEntranceChanged),
			Set: map[string]any{
				"BuildingID": b2.ID,
				"Type":       building.EntranceShop,
				"Elevator":   building.Yes,
				"Address":    &building.AddressRef{ID: point2.ID},
			},
			Required: []string{"BuildingID", "Type"},
		})
	})
	t.Run("Apartment", func(t *testing.T) {
		t.Parallel()
		n := 0
		var mu sync.Mutex
		updatetest.ModifyFields(t, updatetest.FieldCase[building.Apartment]{
			Service: e.Buildings.Apartments,
			New: func() *building.Apartment {
				mu.Lock()
				defer mu.Unlock()
				n++
				return e.Apartment(en.ID, fmt.Sprintf("%02d%02d", 10+n/50, 1+n%50))
			},
			Create: e.Action(building.ActionNewApartment),
			Update: e.Action(building.ActionApartmentChanged),
			Set: map[string]any{
				"EntranceID":     en2.ID,
				"Number":         func(a *building.Apartment) { a.Number = "19" + a.Number[2:] },
				"NumberDecided":  time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC),
				"NumberNotified": time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC),
				"Rooms":          ptr(5),
				"LivingArea":     ptr(120.5),
				"Category":       building.ApartmentCategory("Specialbostad"),
				"Kitchen":        building.KitchenKitchenette,
				"SharedKitchen":  building.Yes,
				"Collection":     building.CollectionWebForm,
			},
			// A lägenhetsnummer goes only with its dates.
			Required: []string{"EntranceID", "Number"},
		})
	})
}
