package conformance_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/conformance"
)

const (
	otherBuildingID = "4b7e2c19-8d5a-4f3e-a6b1-2c9d8e7f6a5b"
	otherPointID    = "6c2f7b44-0e9d-4d58-9f1b-3b7d2e6f8c02"
)

// direktDataset is what the Direkt documents show: the building and the
// address point, current, with the registerenhet, area and district they
// refer to.
func direktDataset() *gen.Dataset {
	d := storyDataset()
	meta := func(objID string) bal.Meta {
		return bal.Meta{ID: id(objID), Version: 1, ValidFrom: at(written), Status: bal.StatusValid}
	}
	b := &building.Building{
		Meta:        meta(buildingID),
		HouseNumber: 1, ConstructionYear: 2026, MainBuilding: true,
		Names: []building.Name{{Text: "Backagården", Type: building.NameAlternative}},
		Purposes: []building.Purpose{{Category: building.CategoryResidential, Use: building.UseApartmentBlock,
			Main: true, TotalLivingArea: ptr(412.5)}},
		Parts: []building.Part{{Placement: building.PlacementRoofEdge, Surface: footprint(),
			PlanAccuracy: &building.Accuracy{Method: building.EvaluationIndirect, Statistic: building.StatisticStandardError,
				Value: ptr(0.2), Unit: building.UnitMetre}}},
		LiesOn: []bal.PropertyRef{{ID: id(propertyID)}},
	}
	b.Action = &bal.Action{Type: building.ActionNewCompleted, Responsible: "2180", Performer: "Exempel AB", Time: at("2026-11-22T10:15:00+01:00")}
	d.Buildings = []*building.Building{b}
	d.Points = []*address.Point{{
		Meta:        meta(pointID),
		Designation: address.Designation{Number: "7", Letter: "A"},
		Type:        address.PointTypeStreet, Placement: address.PlacementEntrance, AddressStatus: address.StatusValid,
		PostalCode: "80264", PostTown: "Gävle",
		Position: geom.NewPointFlat(geom.XY, []float64{617010, 6729006}).SetSRID(3006),
		Area:     &address.AreaRef{ID: id(areaID)},
		Property: &bal.PropertyRef{ID: id(propertyID)},
	}}
	return d
}

// envelopeDimension: package geometry writes srsDimension="2" on every
// envelope, Lantmäteriet's example does not; for a 2D CRS that is the
// default, the same meaning.
var envelopeDimension = conformance.DefaultAttribute("**/Envelope/@srsDimension", "2")

// TestFakeConformsToDirekt: the fake's Byggnad Direkt v3 and
// Belägenhetsadress Direkt v4.2 answers equal in meaning the documents
// written by hand from their public shapes (lantmateriet-api.md §3). The
// XML shapes are compared whole; the JSON shapes, which the public
// material shows in part (INFERRED from clients), by the members the
// documents name: the fake may write more.
func TestFakeConformsToDirekt(t *testing.T) {
	t.Parallel()
	s := baltest.NewServer(baltest.WithDataset(direktDataset()), baltest.WithTime(serverTime))
	t.Cleanup(s.Close)
	c := s.Client()
	t.Cleanup(c.CloseIdleConnections)
	tests := []struct {
		name, path, accept, answer string
		opts                       []conformance.Option
	}{
		{"byggnad xml", baltest.ByggnadBase + "/" + buildingID + "?includeData=total", "application/xml", "byggnad-get-total.200.xml", []conformance.Option{envelopeDimension}},
		{"byggnad json", baltest.ByggnadBase + "/" + buildingID + "?includeData=total", "application/json", "byggnad-get-total.200.json",
			[]conformance.Option{conformance.AllowExtraMembers()}},
		{"belägenhetsadress xml", baltest.BelagenhetsadressBase + "/" + pointID + "?includeData=total", "application/xml", "belagenhetsadress-get-total.200.xml", []conformance.Option{envelopeDimension,
			// The area's XML structure is not public; the document names
			// what the JSON listing of §3.2 shows.
			conformance.AllowExtraElements("**/Adressomrade"), conformance.AllowExtraElements("**/Adressomrade/Kommundel")}},
		{"belägenhetsadress json", baltest.BelagenhetsadressBase + "/" + pointID + "?includeData=total", "application/json", "belagenhetsadress-get-total.200.json",
			[]conformance.Option{conformance.AllowExtraMembers()}},
		{"belägenhetsadress fritext", baltest.BelagenhetsadressBase + "/referens/fritext?adress=Backav%C3%A4gen+7", "application/json", "belagenhetsadress-fritext.200.json",
			[]conformance.Option{conformance.AllowExtraMembers()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			status, got := send(t, c.HTTPClient(), http.MethodGet, s.URL()+tt.path, tt.accept, nil, nil)
			assert.Equal(t, http.StatusOK, status, "%s", got)
			assert.NoError(t, sameMeaning(golden(t, "direkt", tt.answer), got, tt.opts...), "%s", got)
		})
	}
}

// TestClientConformsToDirekt: the SDK decodes the Direkt documents into the
// right values and asks for several objects with the documented body, a
// JSON array of identities.
func TestClientConformsToDirekt(t *testing.T) {
	t.Parallel()
	wantBuilding := func(full bool) *building.Building {
		b := &building.Building{
			Meta:         bal.Meta{ID: id(buildingID), Version: 1, ValidFrom: at(written), Status: "Gällande"},
			HouseNumber:  1,
			MainBuilding: true, ConstructionYear: 2026,
			Names:    []building.Name{{Text: "Backagården", Type: building.NameAlternative}},
			Purposes: []building.Purpose{{Category: building.CategoryResidential, Use: building.UseApartmentBlock, Main: full, TotalLivingArea: ptr(412.5)}},
			Parts:    []building.Part{{Placement: building.PlacementRoofEdge}},
			LiesOn:   []bal.PropertyRef{{ID: id(propertyID), Designation: "Exempelby Backa 1:23"}},
		}
		if !full {
			b.Status = "" // the JSON document does not name objektstatus
		}
		if full {
			b.Action = &bal.Action{Type: "Ny färdigbyggd byggnad", Responsible: "2180", Performer: "Exempel AB", Time: actionTime}
			b.Parts[0].Surface = footprint()
			b.Parts[0].PlanAccuracy = &building.Accuracy{Method: "Indirekt mätmetod", Statistic: "medelfel", Value: ptr(0.2), Unit: "meter"}
			b.LiesOn[0].Type = "Fastighet"
		}
		return b
	}
	wantPoint := func() *address.Point {
		return &address.Point{
			Meta:          bal.Meta{ID: id(pointID), Version: 1, ValidFrom: at(written), Status: "Gällande"},
			Designation:   address.Designation{Number: "7", Letter: "A"},
			Type:          "Gatuadressplats",
			Placement:     "Ingång",
			Position:      geom.NewPointFlat(geom.XY, []float64{617010, 6729006}).SetSRID(3006),
			AddressStatus: "Gällande",
			PostalCode:    "80264", PostTown: "Gävle",
			Area: &address.AreaRef{ID: id(areaID), Name: "Backavägen", Type: "Gatuadressområde",
				District: &address.DistrictRef{Name: "Exempelby", Municipality: &address.Municipality{Code: "2180", Name: "Gävle"}}},
			Property: &bal.PropertyRef{ID: id(propertyID), Designation: "Exempelby Backa 1:23", Type: "Fastighet"},
		}
	}
	tests := []struct {
		name    string
		call    func(ctx context.Context, c *bal.Client) (any, error)
		method  string
		path    string
		request string // in testdata/direkt
		answer  string
		want    any
		opts    cmp.Options
	}{
		{"byggnad xml", func(ctx context.Context, c *bal.Client) (any, error) {
			return building.New(c).Direkt.Get(ctx, id(buildingID), nil)
		}, "GET", building.DirektBase + "/" + buildingID, "", "byggnad-get-total.200.xml", wantBuilding(true), nil},
		// The JSON shape is known in part: the document names only the
		// members public clients show, and so does the comparison.
		{"byggnad json", func(ctx context.Context, c *bal.Client) (any, error) {
			return building.New(c).Direkt.Get(ctx, id(buildingID), &building.DirektOptions{Format: bal.FormatJSON})
		}, "GET", building.DirektBase + "/" + buildingID, "", "byggnad-get-total.200.json", wantBuilding(false), nil},
		{"byggnad, several", func(ctx context.Context, c *bal.Client) (any, error) {
			// The id the answer leaves out is reported, not lost.
			return collect(building.New(c).Direkt.GetMany(ctx, []bal.ObjectID{id(buildingID), id(otherBuildingID)}, nil), notFound(otherBuildingID))
		}, "POST", building.DirektBase + "/", "byggnad-post.request.json", "byggnad-get-total.200.xml", []*building.Building{wantBuilding(true)}, nil},
		{"belägenhetsadress xml", func(ctx context.Context, c *bal.Client) (any, error) {
			return address.New(c).Direkt.Get(ctx, id(pointID), nil)
		}, "GET", address.DirektBase + "/" + pointID, "", "belagenhetsadress-get-total.200.xml", wantPoint(), nil},
		{"belägenhetsadress json", func(ctx context.Context, c *bal.Client) (any, error) {
			return address.New(c).Direkt.Get(ctx, id(pointID), &address.DirektOptions{Format: bal.FormatJSON})
		}, "GET", address.DirektBase + "/" + pointID, "", "belagenhetsadress-get-total.200.json", wantPoint(), nil},
		{"belägenhetsadress, several", func(ctx context.Context, c *bal.Client) (any, error) {
			return collect(address.New(c).Direkt.GetMany(ctx, []bal.ObjectID{id(pointID), id(otherPointID)}, nil), notFound(otherPointID))
		}, "POST", address.DirektBase + "/", "belagenhetsadress-post.request.json", "belagenhetsadress-get-total.200.xml", []*address.Point{wantPoint()}, nil},
		{"belägenhetsadress fritext", func(ctx context.Context, c *bal.Client) (any, error) {
			return collect(address.New(c).Direkt.Search(ctx, "Backavägen 7", nil), nil)
		}, "GET", address.DirektBase + "/referens/fritext", "", "belagenhetsadress-fritext.200.json",
			[]address.Reference{{ID: id(pointID), Label: "Backavägen 7A, 802 64 Gävle"}}, nil},
		{"belägenhetsadress by geometry", func(ctx context.Context, c *bal.Client) (any, error) {
			return address.New(c).Direkt.ByGeometry(ctx, footprint(), 5, nil)
		}, "POST", address.DirektBase + "/referens/geometri", "belagenhetsadress-geometri.request.json", "belagenhetsadress-fritext.200.json",
			[]address.Reference{{ID: id(pointID), Label: "Backavägen 7A, 802 64 Gävle"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, st := newStubClient(t, stubAnswer{status: 200, file: "direkt/" + tt.answer})
			got, err := tt.call(t.Context(), c)
			require.NoError(t, err)
			sent := st.requests()
			require.Len(t, sent, 1)
			assert.Equal(t, tt.method, sent[0].method)
			assert.Equal(t, tt.path, sent[0].path)
			if tt.request != "" {
				assert.NoError(t, conformance.CompareJSON(golden(t, "direkt", tt.request), sent[0].body), "%s", sent[0].body)
			}
			assert.Empty(t, cmp.Diff(tt.want, got, geomEqual, cmpopts.EquateEmpty(), tt.opts))
		})
	}
}

// notFound accepts the not-found error of the id a batch answer leaves out.
func notFound(id string) func(error) bool {
	return func(err error) bool { return errors.Is(err, bal.ErrNotFound) && strings.Contains(err.Error(), id) }
}
