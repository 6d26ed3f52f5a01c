package baltest_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"time"

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
	"github.com/tjanstebaserad/bal-go/internal/updatetest"
	"github.com/tjanstebaserad/bal-go/property"
)

// server starts a fake with 300 buildings (more than one GetMany batch).
func server(t *testing.T) (*baltest.Server, *bal.Client) {
	t.Helper()
	s := baltest.NewServer(baltest.WithData(gen.Config{Seed: 3, Buildings: 300}))
	t.Cleanup(s.Close)
	c := s.Client()
	t.Cleanup(c.CloseIdleConnections)
	return s, c
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(t.Context(), time.Minute)
	t.Cleanup(cancel)
	return c
}

// TestSDKReadsEveryBuilding reads every generated building through the
// SDK's own Byggnad Direkt client, in both formats, and checks that each
// passes the SDK's validation: the generator makes valid data, and client
// and server agree on the wire.
func TestSDKReadsEveryBuilding(t *testing.T) {
	t.Parallel()
	s, c := server(t)
	bc := building.New(c)
	var ids []bal.ObjectID
	for _, o := range baltest.Objects[building.Building](s) {
		ids = append(ids, o.ID)
	}
	require.Len(t, ids, 300)
	for _, format := range []bal.Format{bal.FormatXML, bal.FormatJSON} {
		n := 0
		for b, err := range bc.Direkt.GetMany(ctx(t), ids, &building.DirektOptions{Format: format}) {
			require.NoError(t, err)
			require.NoError(t, b.Validate(), "building %s", b.ID)
			require.NotEmpty(t, b.Parts)
			assert.Equal(t, 3006, b.Parts[0].Surface.SRID())
			n++
		}
		assert.Equal(t, len(ids), n, format)
	}

	// One building in the local zone, with its heights.
	zone := s.Dataset().Config.Zone
	b, err := bc.Direkt.Get(ctx(t), ids[0], &building.DirektOptions{SRID: zone})
	require.NoError(t, err)
	assert.Equal(t, zone, b.Parts[0].Surface.SRID())
	assert.Equal(t, geom.XYZ, b.Parts[0].Surface.Layout())
	require.NotEmpty(t, b.LiesOn)
	assert.NotEmpty(t, b.LiesOn[0].Designation)

	// By property and by geometry.
	refs, err := bc.Direkt.ByProperty(ctx(t), b.LiesOn[0].ID)
	require.NoError(t, err)
	assert.Contains(t, refs, ids[0])
	hit, err := bc.Direkt.ByGeometry(ctx(t), b.Parts[0].Surface, 0)
	require.NoError(t, err)
	assert.Contains(t, hit, ids[0])
}

func TestSDKReadsEveryAddress(t *testing.T) {
	t.Parallel()
	s, c := server(t)
	ac := address.New(c)
	var ids []bal.ObjectID
	for _, o := range baltest.Objects[address.Point](s) {
		ids = append(ids, o.ID)
	}
	for _, format := range []bal.Format{bal.FormatXML, bal.FormatJSON} {
		n := 0
		for p, err := range ac.Direkt.GetMany(ctx(t), ids, &address.DirektOptions{Format: format}) {
			require.NoError(t, err)
			require.NoError(t, p.Validate(), "point %s", p.ID)
			n++
		}
		assert.Equal(t, len(ids), n)
	}

	zone := s.Dataset().Config.Zone
	p, err := ac.Direkt.Get(ctx(t), ids[0], &address.DirektOptions{SRID: zone})
	require.NoError(t, err)
	assert.Equal(t, zone, p.Position.SRID())
	require.NotNil(t, p.Area)
	require.NotNil(t, p.Property)

	near, err := ac.Direkt.Nearest(ctx(t), p.Position, nil)
	require.NoError(t, err)
	assert.Equal(t, p.ID, near.ID)

	byProp, err := ac.Direkt.ByProperty(ctx(t), p.Property.ID, nil)
	require.NoError(t, err)
	assert.NotEmpty(t, byProp)

	var found bool
	for ref, err := range ac.Direkt.Search(ctx(t), p.Label(), &address.SearchOptions{SplitAddress: true}) {
		require.NoError(t, err)
		found = found || ref.ID == p.ID
	}
	assert.True(t, found, "free text finds %q", p.Label())

	refs, err := ac.Direkt.ByGeometry(ctx(t), p.Position, 1, nil)
	require.NoError(t, err)
	require.NotEmpty(t, refs)
}

func TestSDKProperty(t *testing.T) {
	t.Parallel()
	s, c := server(t)
	pc := property.New(c)
	first := s.Properties()[0]

	u, err := pc.Lookup(ctx(t), first.Designation, nil)
	require.NoError(t, err)
	assert.Equal(t, first.ID, u.ID)
	assert.Equal(t, first.Designation, u.Designation)

	got, err := pc.Get(ctx(t), u.ID, &property.Options{Format: bal.FormatJSON})
	require.NoError(t, err)
	assert.Equal(t, first.Designation, got.Designation)

	// By a point inside the property.
	p := s.Dataset().Points[0]
	at, err := pc.At(ctx(t), p.Position, nil)
	require.NoError(t, err)
	require.Len(t, at, 1)
	assert.Equal(t, p.Property.ID, at[0].ID)

	var n int
	for ref, err := range pc.Search(ctx(t), first.Tract, nil) {
		require.NoError(t, err)
		assert.Contains(t, ref.Property.Designation, first.Tract)
		n++
	}
	assert.Positive(t, n)
}

// TestBatchLimit: more than 250 ids in one POST is refused.
func TestBatchLimit(t *testing.T) {
	t.Parallel()
	s, c := server(t)
	var body bytes.Buffer
	body.WriteString("[")
	for i := range 251 {
		if i > 0 {
			body.WriteString(",")
		}
		body.WriteString(`"00000000-0000-4000-8000-000000000000"`)
	}
	body.WriteString("]")
	req, err := http.NewRequestWithContext(ctx(t), http.MethodPost, s.URL()+baltest.ByggnadBase+"/", &body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.HTTPClient().Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
}

// TestSDKValidatesEveryGeneratedObject reads every generated object of the
// seven types through the SDK's typed update services (GET /{typ}/{id}) and
// requires each to pass the SDK's Validate: the generator makes data the
// SDK itself would accept for writing. Each is also what baltest.Get shows
// of it, and, apart from the labels the services add to references, what
// the dataset holds: the fake's typed view is the client's.
func TestSDKValidatesEveryGeneratedObject(t *testing.T) {
	t.Parallel()
	s, c := server(t)
	bc, ac := building.New(c), address.New(c)
	d := s.Dataset()
	equal := cmp.Options{updatetest.Geometry(), cmpopts.EquateApprox(0, 1e-9),
		cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })}
	asGenerated := append(equal, updatetest.Labels())
	var n int
	check := func(t *testing.T, generated, read, fake interface{ Validate() error }, err error) {
		t.Helper()
		require.NoError(t, err)
		require.NoError(t, read.Validate())
		// Every fifth object is compared in full (each type's first among
		// them): the mappings are the same code for every object of a
		// type, and comparing all 3 000 costs seconds under -race.
		if n++; n%5 != 1 {
			return
		}
		require.Empty(t, cmp.Diff(fake, read, equal), "baltest.Get shows what the client reads")
		require.Empty(t, cmp.Diff(generated, read, asGenerated), "the client reads what was generated")
	}
	n = 0
	for _, o := range d.Buildings {
		b, err := bc.Buildings.Get(ctx(t), o.ID, nil)
		fake, _ := baltest.Get[building.Building](s, o.ID)
		check(t, o, b, fake, err)
	}
	n = 0
	for _, o := range d.Entrances {
		e, err := bc.Entrances.Get(ctx(t), o.ID, nil)
		fake, _ := baltest.Get[building.Entrance](s, o.ID)
		check(t, o, e, fake, err)
	}
	n = 0
	for _, o := range d.Apartments {
		a, err := bc.Apartments.Get(ctx(t), o.ID, nil)
		fake, _ := baltest.Get[building.Apartment](s, o.ID)
		check(t, o, a, fake, err)
	}
	n = 0
	for _, o := range d.Points {
		p, err := ac.Points.Get(ctx(t), o.ID, nil)
		fake, _ := baltest.Get[address.Point](s, o.ID)
		check(t, o, p, fake, err)
	}
	n = 0
	for _, o := range d.Areas {
		a, err := ac.Areas.Get(ctx(t), o.ID, nil)
		fake, _ := baltest.Get[address.Area](s, o.ID)
		check(t, o, a, fake, err)
	}
	n = 0
	for _, o := range d.CourtyardAreas {
		g, err := ac.CourtyardAreas.Get(ctx(t), o.ID, nil)
		fake, _ := baltest.Get[address.CourtyardArea](s, o.ID)
		check(t, o, g, fake, err)
	}
	n = 0
	for _, o := range d.Districts {
		k, err := ac.Districts.Get(ctx(t), o.ID, nil)
		fake, _ := baltest.Get[address.District](s, o.ID)
		check(t, o, k, fake, err)
	}
}
