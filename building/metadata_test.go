package building_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/updatetest"
)

// surveyed is the metadata of a surface measured with network RTK.
func surveyed() *geometry.Metadata {
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	return &geometry.Metadata{
		SurveyedAt: &at,
		PlanMethod: &geometry.PositioningMethod{Type: geometry.MethodGeodeticSurvey, Variant: "GNSS, nätverks-RTK"},
		Surveyor:   "Erik Mätare",
	}
}

// A part's geometrimetadata maps onto its insamlingsläge where BAL has the
// same thing, and is checked against the schema; the rest is never sent.
func TestPartMetadata(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	tests := []struct {
		name      string
		placement building.Placement
		meta      func() *geometry.Metadata
		want      building.Placement // read back; "" when the write is refused
		wantPath  string
	}{
		{"surveyed: placement as given", building.PlacementRoofEdge, surveyed, building.PlacementRoofEdge, ""},
		{"illustrative fills an empty placement", "", func() *geometry.Metadata {
			return &geometry.Metadata{Uncertain: geometry.UncertainIllustrative}
		}, building.PlacementIllustrative, ""},
		{"illustrative agrees with Illustrativt läge", building.PlacementIllustrative, func() *geometry.Metadata {
			return &geometry.Metadata{Uncertain: geometry.UncertainIllustrative}
		}, building.PlacementIllustrative, ""},
		{"a hidden point has no insamlingsläge of its own", building.PlacementFacade, func() *geometry.Metadata {
			return &geometry.Metadata{Uncertain: geometry.UncertainHidden}
		}, building.PlacementFacade, ""},
		{"illustrative contradicts Takkant", building.PlacementRoofEdge, func() *geometry.Metadata {
			return &geometry.Metadata{Uncertain: geometry.UncertainIllustrative}
		}, "", "Parts[0].Placement"},
		{"no placement and nothing to map", "", surveyed, "", "Parts[0].Placement"},
		{"a variant of another method", building.PlacementRoofEdge, func() *geometry.Metadata {
			return &geometry.Metadata{PlanMethod: &geometry.PositioningMethod{Type: geometry.MethodGeodeticSurvey, Variant: "ortofoto"}}
		}, "", "Parts[0].Metadata.lagesbestamningsmetodIPlan.variant"},
		{"an unknown reason", building.PlacementRoofEdge, func() *geometry.Metadata {
			return &geometry.Metadata{Uncertain: "gissat"}
		}, "", "Parts[0].Metadata.osakertLage"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := e.Building()
			b.Parts[0].Placement = tc.placement
			b.Parts[0].Metadata = tc.meta()
			before := len(e.Writes("/byggnad"))
			r, err := e.Buildings.Buildings.Create(ctx, b, e.Action(building.ActionPermitApproved))
			if tc.wantPath != "" {
				var ve *bal.ValidationError
				require.ErrorAs(t, err, &ve)
				assert.True(t, ve.Has(tc.wantPath, ""), "%v", ve)
				assert.Len(t, e.Writes("/byggnad"), before, "nothing sent")
				return
			}
			require.NoError(t, err)
			got, err := e.Buildings.Buildings.Get(ctx, r.ID, nil)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got.Parts[0].Placement)
			assert.Nil(t, got.Parts[0].Metadata, "BAL keeps no geometrimetadata")
			for _, w := range e.Writes("/byggnad")[before:] {
				assert.NotContains(t, string(w.Body), "Erik", "the surveyor is never sent")
				assert.NotContains(t, string(w.Body), "nätverks-RTK", "nor the method, which BAL has no attribute for")
			}
		})
	}
}
