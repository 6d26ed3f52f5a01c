package address_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/updatetest"
)

// An address point's geometrimetadata maps onto its insamlingsläge, the
// point's one attribute of the kind, and is never stored otherwise.
func TestPositionMetadata(t *testing.T) {
	t.Parallel()
	e := updatetest.New(t)
	ctx := context.Background()
	street := e.Street(ctx, t)
	uncertain := func(r geometry.UncertaintyReason) *geometry.Metadata {
		return &geometry.Metadata{Uncertain: r, Surveyor: "Erik Mätare",
			PlanMethod: &geometry.PositioningMethod{Type: geometry.MethodPlacement, Variant: "ortofoto"}}
	}
	tests := []struct {
		name      string
		placement address.Placement
		meta      *geometry.Metadata
		want      address.Placement
		wantPath  string
	}{
		{"approximate fills an empty placement", "", uncertain(geometry.UncertainApproximate), address.PlacementApproximate, ""},
		{"illustrative is approximate too", "", uncertain(geometry.UncertainIllustrative), address.PlacementApproximate, ""},
		{"a hidden point keeps its placement", address.PlacementEntrance, uncertain(geometry.UncertainHidden), address.PlacementEntrance, ""},
		{"certain: placement as given", address.PlacementDriveway, uncertain(""), address.PlacementDriveway, ""},
		{"approximate contradicts Ingång", address.PlacementEntrance, uncertain(geometry.UncertainApproximate), "", "Placement"},
		{"invalid metadata", address.PlacementEntrance, &geometry.Metadata{PlanMethod: &geometry.PositioningMethod{Type: "gissning"}}, "", "PositionMetadata.lagesbestamningsmetodIPlan.typ"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := e.Point(street, 700+i)
			p.Placement, p.PositionMetadata = tc.placement, tc.meta
			r, err := e.Addresses.Points.Create(ctx, p, e.Action(address.ActionNew))
			if tc.wantPath != "" {
				var ve *bal.ValidationError
				require.ErrorAs(t, err, &ve)
				assert.True(t, ve.Has(tc.wantPath, ""), "%v", ve)
				return
			}
			require.NoError(t, err)
			got, err := e.Addresses.Points.Get(ctx, r.ID, nil)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got.Placement)
			assert.Nil(t, got.PositionMetadata)
		})
	}
	for _, w := range e.Writes("/adressplats") {
		assert.NotContains(t, string(w.Body), "Erik", "the surveyor is never sent")
	}
}
