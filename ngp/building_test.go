package ngp_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/ngp"
)

func register(id string, status bal.Status, year int, surface *building.Part, purposes ...building.Purpose) *building.Building {
	oid, err := bal.ParseObjectID(id)
	if err != nil {
		panic(err)
	}
	return &building.Building{Meta: bal.Meta{ID: oid, Version: 3, Status: status, ValidFrom: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)},
		ConstructionYear: year, Purposes: purposes, Parts: []building.Part{*surface}}
}

// TestFromRegister maps registerbyggnader to physical buildings: two
// registrations of one building over a property boundary become one, a
// retired one is left out, purposes go to Ändamålskatalogen's level 1.
func TestFromRegister(t *testing.T) {
	t.Parallel()
	half := 0.5
	outline := &building.Part{Surface: square(geometry.SWEREF99_1630, 150000, 6730000),
		PlanAccuracy: &building.Accuracy{Value: &half, Unit: "meter"}}
	other := &building.Part{Surface: square(geometry.SWEREF99_1630, 150100, 6730000)}
	bs := []*building.Building{
		register("11111111-1111-4111-8111-111111111111", bal.StatusValid, 1975, outline,
			building.Purpose{Category: building.CategoryResidential, Use: building.UseDetachedHouse, Main: true}),
		register("22222222-2222-4222-8222-222222222222", bal.StatusValid, 1971, outline,
			building.Purpose{Category: building.CategoryAncillary}),
		register("33333333-3333-4333-8333-333333333333", bal.StatusPlanned, 0, other,
			building.Purpose{Category: building.CategoryPublic, Use: building.UseSchool, Main: true}),
		register("44444444-4444-4444-8444-444444444444", bal.StatusRetired, 1900, other),
	}
	meta := &geometry.Metadata{PlanMethod: &geometry.PositioningMethod{Type: geometry.MethodGeodeticSurvey, Variant: "GNSS, nätverks-RTK"}}
	got, err := ngp.FromRegister(bs, &ngp.MappingOptions{Municipality: "2199",
		Metadata: func(*building.Building) *geometry.Metadata { return meta }})
	require.NoError(t, err)
	require.Len(t, got, 2)
	a, b := got[0], got[1]
	assert.Equal(t, []bal.ObjectID{bs[0].ID, bs[1].ID}, a.RegisterBuildings, "one physical building on two properties")
	assert.Equal(t, 1971, a.ConstructionYear)
	assert.Equal(t, ngp.BuildingExisting, a.Status)
	assert.Equal(t, []ngp.Purpose{{Value: "bostad", Level: 1, Main: true}, {Value: "komplementbyggnad", Level: 1}}, a.Purposes)
	assert.Equal(t, 3010, a.Geometries[0].Shape.PlanCRS)
	assert.Equal(t, &half, a.Geometries[0].Shape.PlanUncertainty)
	assert.Same(t, meta, a.Geometries[0].Metadata)
	assert.Equal(t, ngp.BuildingPlanned, b.Status)
	require.NoError(t, a.Validate())

	again, err := ngp.FromRegister(bs, &ngp.MappingOptions{Municipality: "2199"})
	require.NoError(t, err)
	assert.Equal(t, a.ID, again[0].ID, "the identity is stable from one publication to the next")

	raw, err := json.Marshal(a)
	require.NoError(t, err)
	var back ngp.Building
	require.NoError(t, json.Unmarshal(raw, &back))
	assert.Equal(t, a.ID, back.ID)
	assert.Equal(t, a.Purposes, back.Purposes)
	assert.Equal(t, a.RegisterBuildings, back.RegisterBuildings)
	assert.Contains(t, ngp.PurposeSource, "Ändamålskatalogen")

	_, err = ngp.FromRegister(bs, nil)
	var v *bal.ValidationError
	assert.ErrorAs(t, err, &v)
}

// Without MappingOptions.Metadata, the footprint takes the metadata the
// part carries (building.Part.Metadata), without its surveyor.
func TestFromRegisterTakesThePartsMetadata(t *testing.T) {
	t.Parallel()
	meta := &geometry.Metadata{Surveyor: "Erik Mätare",
		PlanMethod: &geometry.PositioningMethod{Type: geometry.MethodLaserSurvey, Variant: "flygburen laserskanning"}}
	part := &building.Part{Surface: square(geometry.SWEREF99_1630, 150000, 6730000), Metadata: meta}
	got, err := ngp.FromRegister([]*building.Building{register("11111111-1111-4111-8111-111111111111", bal.StatusValid, 1975, part,
		building.Purpose{Category: building.CategoryResidential, Use: building.UseDetachedHouse, Main: true})},
		&ngp.MappingOptions{Municipality: "2199"})
	require.NoError(t, err)
	g := got[0].Geometries[0].Metadata
	require.NotNil(t, g)
	assert.Equal(t, meta.PlanMethod, g.PlanMethod)
	assert.Empty(t, g.Surveyor)
	assert.Equal(t, "Erik Mätare", meta.Surveyor, "the caller's metadata is left alone")
}

// TestClientChecksBeforeSending refuses bad input with typed errors and
// sends nothing.
func TestClientChecksBeforeSending(t *testing.T) {
	t.Parallel()
	s, c := fake(t)
	ctx := context.Background()
	id := bal.NewObjectID()
	tests := []struct {
		name string
		call func() error
	}{
		{"no provider", func() error {
			_, err := c.Deliveries.Register(ctx, ngp.DeliveryInfo{InformationType: "byggnad"})
			return err
		}},
		{"no changes", func() error { _, err := c.Deliveries.RegisterChanges(ctx, "x", nil); return err }},
		{"http href", func() error {
			_, err := c.Deliveries.RegisterChanges(ctx, "x", []ngp.NewChange{{ObjectID: id, Type: ngp.ChangeDelivery, Href: "http://a/b"}})
			return err
		}},
		{"same object twice", func() error {
			_, err := c.Deliveries.RegisterChanges(ctx, "x", []ngp.NewChange{{ObjectID: id, Type: ngp.ChangeDelivery}, {ObjectID: id, Type: ngp.ChangeDeletion}})
			return err
		}},
		{"unknown type", func() error {
			_, err := c.Deliveries.RegisterChanges(ctx, "x", []ngp.NewChange{{ObjectID: id, Type: "ändring"}})
			return err
		}},
		{"no media type", func() error { _, err := c.Deliveries.Upload(ctx, "x", id, "", []byte("{}")); return err }},
		{"limit too large", func() error {
			for _, err := range c.Dataset("byggnad", "v1").Search(ctx, &ngp.Query{Limit: 10_001}) {
				return err
			}
			return nil
		}},
	}
	before := len(s.Requests())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var v *bal.ValidationError
			assert.ErrorAs(t, tc.call(), &v)
		})
	}
	assert.Equal(t, before, len(s.Requests()), "nothing was sent")
}
