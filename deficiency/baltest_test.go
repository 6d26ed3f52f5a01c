package deficiency_test

import (
	"context"
	"fmt"
	"log"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/deficiency"
	"github.com/tjanstebaserad/bal-go/internal/codelist/codelisttest"
)

func newServer(t *testing.T, opts ...baltest.Option) (*baltest.Server, *deficiency.Client) {
	t.Helper()
	srv := baltest.NewServer(opts...)
	t.Cleanup(srv.Close)
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	return srv, deficiency.New(c)
}

func ids(t *testing.T, seq func(func(*deficiency.Deficiency, error) bool)) []string {
	t.Helper()
	var out []string
	for d, err := range seq {
		require.NoError(t, err)
		out = append(out, d.ID.String())
	}
	return out
}

func TestListFilters(t *testing.T) {
	t.Parallel()
	srv, dc := newServer(t)
	// Lantmäteriet's quality control raises 250 more, so that the list
	// takes several pages.
	points := srv.Dataset().Points
	for i := range 250 {
		ref := bal.ObjectRef{Type: bal.ObjectTypeAddressPoint, ID: points[i%len(points)].ID}
		_, err := srv.RaiseDeficiency(ref, deficiency.TypeAddressOutsideProperty, fmt.Sprintf("Kontroll %d", i))
		require.NoError(t, err)
	}
	all := srv.Deficiencies()
	first := all[0]
	handled := all[1].ID
	_, err := dc.MarkHandled(t.Context(), handled, "")
	require.NoError(t, err)

	want := func(keep func(*deficiency.Deficiency) bool) []string {
		var out []string
		for _, d := range srv.Deficiencies() {
			if keep(d) {
				out = append(out, d.ID.String())
			}
		}
		return out
	}
	tests := []struct {
		name string
		opts *deficiency.ListOptions
		keep func(*deficiency.Deficiency) bool
	}{
		{"all", nil, func(*deficiency.Deficiency) bool { return true }},
		{"municipality", &deficiency.ListOptions{Municipality: bal.MunicipalityCode(srv.Kommunkod())}, func(*deficiency.Deficiency) bool { return true }},
		{"another municipality", &deficiency.ListOptions{Municipality: "0180"}, func(*deficiency.Deficiency) bool { return false }},
		{"open", &deficiency.ListOptions{Status: deficiency.StatusOpen}, (*deficiency.Deficiency).Open},
		{"handled", &deficiency.ListOptions{Status: deficiency.StatusHandled}, func(d *deficiency.Deficiency) bool { return d.ID == handled }},
		{"buildings", &deficiency.ListOptions{ObjectType: bal.ObjectTypeBuilding}, func(d *deficiency.Deficiency) bool { return d.Object.Type == bal.ObjectTypeBuilding }},
		{"property", &deficiency.ListOptions{Property: first.Property.ID}, func(d *deficiency.Deficiency) bool {
			return d.Property != nil && d.Property.ID == first.Property.ID
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := want(tt.keep)
			got := ids(t, dc.List(t.Context(), tt.opts))
			assert.ElementsMatch(t, w, got)
			assert.Len(t, got, len(w), "no deficiency twice across pages")
		})
	}
}

func TestHandleAndReject(t *testing.T) {
	t.Parallel()
	srv, dc := newServer(t)
	list := srv.Deficiencies()
	require.GreaterOrEqual(t, len(list), 2)
	a, b := list[0].ID, list[1].ID

	got, err := dc.Get(t.Context(), a)
	require.NoError(t, err)
	assert.True(t, got.Open())
	assert.Equal(t, bal.Version(1), got.Version)
	assert.True(t, codelisttest.Known(got.Type), got.Type)
	require.NotNil(t, got.Object)
	require.NotNil(t, got.Property)

	handled, err := dc.MarkHandled(t.Context(), a, "Entré med adress registrerad")
	require.NoError(t, err)
	assert.Equal(t, deficiency.StatusHandled, handled.Status)
	assert.Equal(t, bal.Version(2), handled.Version)
	assert.Equal(t, "Entré med adress registrerad", handled.Comment)
	assert.False(t, handled.Changed.Before(got.Changed))

	_, err = dc.Reject(t.Context(), a, "för sent")
	require.ErrorIs(t, err, bal.ErrConflict, "a handled deficiency cannot be handled again")
	var e *bal.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, baltest.CodeHandled, e.Code)

	before := len(srv.Requests())
	_, err = dc.Reject(t.Context(), b, "")
	require.ErrorIs(t, err, bal.ErrValidation)
	assert.Len(t, srv.Requests(), before, "refused before sending")

	rejected, err := dc.Reject(t.Context(), b, "Komplementbyggnad; ska inte ha adress")
	require.NoError(t, err)
	assert.Equal(t, deficiency.StatusRejected, rejected.Status)
	stored, ok := srv.Deficiency(b)
	require.True(t, ok)
	assert.Equal(t, rejected, stored, "the fake holds what the client read")

	_, err = dc.Get(t.Context(), bal.NewObjectID())
	require.ErrorIs(t, err, bal.ErrNotFound)
}

// An answer lost after the server applied the action is retried with the
// same idempotency key: the server answers with the original result instead
// of "already handled", and the deficiency is handled once.
func TestMarkHandledSurvivesALostAnswer(t *testing.T) {
	t.Parallel()
	for _, kind := range []baltest.FaultKind{baltest.FaultResetAfterApply, baltest.FaultTruncate, baltest.FaultStatus} {
		t.Run(kind.String(), func(t *testing.T) {
			t.Parallel()
			srv, dc := newServer(t)
			id := srv.Deficiencies()[0].ID
			srv.Inject(baltest.FaultRule{Name: "lost", Method: "POST", PathPrefix: srv.UpdatePath() + "/brist/", Kind: kind, Times: 1})

			got, err := dc.MarkHandled(t.Context(), id, "klart")
			require.NoError(t, err)
			assert.Equal(t, deficiency.StatusHandled, got.Status)
			assert.Equal(t, bal.Version(2), got.Version, "applied once")
			assert.Equal(t, 1, srv.FaultsFired("lost"))
			var keys []string
			for _, r := range srv.Requests() {
				if strings.Contains(r.Path, "/brist/") {
					keys = append(keys, r.IdempotencyKey)
				}
			}
			require.Len(t, keys, 2)
			assert.NotEmpty(t, keys[0])
			assert.Equal(t, keys[0], keys[1], "one key for both attempts")
		})
	}
}

// Work through the open deficiencies Lantmäteriet's quality control raised
// for the municipality: fix what needs fixing and mark it handled, reject
// the rest with a reason.
func ExampleClient_List() {
	// A stand-in for Lantmäteriet with a generated municipality and two
	// open deficiencies.
	srv := baltest.NewServer(baltest.WithTime(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)))
	defer srv.Close()
	dc := deficiency.New(srv.Client())
	ctx := context.Background()

	for d, err := range dc.List(ctx, &deficiency.ListOptions{Municipality: "2199", Status: deficiency.StatusOpen}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s on %s %s: %s\n", d.Type, d.Object.Type, d.Property.Designation, strings.TrimSuffix(d.Description, "."))
		switch d.Type {
		case deficiency.TypeBuildingWithoutAddress:
			// … register an entrance with an address point with packages
			// building and address, then:
			if _, err := dc.MarkHandled(ctx, d.ID, "Entré med adress registrerad"); err != nil {
				log.Fatal(err)
			}
		default:
			if _, err := dc.Reject(ctx, d.ID, "Kontrollerat på plats: uppgifterna stämmer"); err != nil {
				log.Fatal(err)
			}
		}
	}
	for d, err := range dc.List(ctx, &deficiency.ListOptions{Municipality: "2199"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(d.Type+":", d.Status, "—", d.Comment)
	}
	// Output:
	// Byggnad saknar adress on Byggnad Exempelby Backsjö 1:15: Byggnaden saknar entré med belägenhetsadress
	// Adressplats utanför registerenhet on Adressplats Exempelby Backsjö 1:4: Adressplatsen ligger nära gränsen mot grannfastigheten
	// Byggnad saknar adress: Åtgärdad — Entré med adress registrerad
	// Adressplats utanför registerenhet: Avvisad — Kontrollerat på plats: uppgifterna stämmer
}
