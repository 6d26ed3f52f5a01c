//go:build verifiering

package live_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/adress42"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/byggnad3"
	rb "github.com/tjanstebaserad/bal-go/internal/wire/direkt/registerbeteckning5"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/shape"
	"github.com/tjanstebaserad/bal-go/property"
)

// fixtures are the objects the suite reads. Any left empty are found from
// the others: the designation gives the registerenhet, which gives its
// address points and buildings.
type fixtures struct {
	live        bool
	building    bal.ObjectID
	address     bal.ObjectID
	designation string
	kommunkod   bal.MunicipalityCode
}

// liveClient returns the client the suite runs against (chooseTarget):
// Lantmäteriet's Verifiering when BAL_CLIENT_ID and BAL_CLIENT_SECRET are
// set; the fake that `bal fake` or balsim describe when their variables
// are (BAL_ENV=fake, BAL_FAKE_URL); otherwise bal/baltest, the SDK's
// in-memory Lantmäteriet, with one of its generated properties that has
// both buildings and address points. Every answer passes through rec,
// which the checks read.
func liveClient(t *testing.T, rec *recorder) (*bal.Client, fixtures) {
	t.Helper()
	where, err := chooseTarget(os.Getenv)
	require.NoError(t, err, "where to run the suite")
	t.Logf("running against %s", where)
	switch where {
	case inProcess:
		srv := baltest.NewServer()
		t.Cleanup(srv.Close)
		c := srv.Client(func(cfg *bal.Config) {
			base := http.DefaultTransport
			if cfg.HTTPClient != nil && cfg.HTTPClient.Transport != nil {
				base = cfg.HTTPClient.Transport
			}
			cfg.HTTPClient = &http.Client{Transport: rec.wrap(base)}
		})
		return c, fixtures{designation: localDesignation(t, srv.Dataset())}
	case runningFake:
		return fakeClient(t, rec)
	}
	id, secret := os.Getenv("BAL_CLIENT_ID"), os.Getenv("BAL_CLIENT_SECRET")
	if secret == "" {
		b, err := os.ReadFile(os.Getenv("BAL_CLIENT_SECRET_FILE"))
		require.NoError(t, err, "BAL_CLIENT_SECRET_FILE")
		secret = strings.TrimSpace(string(b))
	}
	c, err := bal.NewClient(bal.Config{
		Environment: bal.Verification,
		Credentials: bal.ClientCredentials{ID: id, Secret: secret,
			Scopes: []string{building.DirektScope, address.DirektScope, property.DirektScope}},
		AppID:      "bal-go verifiering suite",
		HTTPClient: &http.Client{Transport: rec.wrap(http.DefaultTransport)},
	})
	require.NoError(t, err)
	f := envFixtures(t)
	f.live = true
	if f.designation == "" && f.address.IsZero() && f.building.IsZero() {
		t.Skip("set BAL_PROPERTY_DESIGNATION, BAL_ADDRESS_ID or BAL_BUILDING_ID to name objects in Verifiering")
	}
	return c, f
}

// envFixtures reads the objects named in the environment.
func envFixtures(t *testing.T) fixtures {
	t.Helper()
	f := fixtures{designation: os.Getenv("BAL_PROPERTY_DESIGNATION"), kommunkod: bal.MunicipalityCode(os.Getenv("BAL_KOMMUNKOD"))}
	for env, dst := range map[string]*bal.ObjectID{"BAL_BUILDING_ID": &f.building, "BAL_ADDRESS_ID": &f.address} {
		if s := os.Getenv(env); s != "" {
			var err error
			*dst, err = bal.ParseObjectID(s)
			require.NoError(t, err, env)
		}
	}
	return f
}

// fakeClient is a client of the fake BAL_FAKE_URL names, with the
// credentials its variables give, and the objects the environment names
// or else a property of the fake's with buildings and address points,
// found through its control API.
func fakeClient(t *testing.T, rec *recorder) (*bal.Client, fixtures) {
	t.Helper()
	ft, err := baltest.FakeFromEnv()
	require.NoError(t, err)
	t.Cleanup(ft.Close)
	cfg := ft.Config
	base := http.DefaultTransport
	if cfg.HTTPClient != nil && cfg.HTTPClient.Transport != nil {
		base = cfg.HTTPClient.Transport
	}
	cfg.HTTPClient = &http.Client{Transport: rec.wrap(base)}
	cfg.AppID = "bal-go verifiering suite"
	c, err := bal.NewClient(cfg)
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	f := envFixtures(t)
	if f.kommunkod == "" {
		f.kommunkod = ft.Municipality
	}
	if f.designation != "" || !f.address.IsZero() || !f.building.IsZero() {
		return c, f
	}
	if ft.Control == nil {
		t.Fatalf("%s: set BAL_FAKE_CONTROL_TOKEN (the suite finds a property through the control API), "+
			"or BAL_PROPERTY_DESIGNATION, BAL_ADDRESS_ID or BAL_BUILDING_ID", ft.Name)
	}
	ctx := t.Context()
	props, err := ft.Control.Properties(ctx, 0)
	require.NoError(t, err)
	ac, bc := address.New(c), building.New(c)
	for _, p := range props {
		id, err := bal.ParseObjectID(p.ID)
		require.NoError(t, err)
		points, err := ac.Direkt.ByProperty(ctx, id, nil)
		require.NoError(t, err)
		buildings, err := bc.Direkt.ByProperty(ctx, id)
		require.NoError(t, err)
		if len(points) > 0 && len(buildings) > 0 {
			f.designation = p.Designation
			return c, f
		}
	}
	t.Fatalf("%s has no property with both buildings and address points among the first %d", ft.Name, len(props))
	return nil, fixtures{}
}

// TestVerifiering runs every read operation once, in order, with one
// client: Lantmäteriet revokes a token when the same application asks for
// another, so the suite shares one.
func TestVerifiering(t *testing.T) {
	rec := &recorder{}
	c, f := liveClient(t, rec)
	runSuite(t, c, f, rec)
}

// TestVerifieringFollowsAFakesVariables: with the variables `bal fake`
// prints (BAL_CLIENT_ID among them), the suite runs against that fake.
func TestVerifieringFollowsAFakesVariables(t *testing.T) {
	srv, err := baltest.Start(baltest.WithTLS())
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	t.Setenv("BAL_PROPERTY_DESIGNATION", "")
	t.Setenv("BAL_ADDRESS_ID", "")
	t.Setenv("BAL_BUILDING_ID", "")
	baltest.SetEnv(t, srv)
	where, err := chooseTarget(os.Getenv)
	require.NoError(t, err)
	require.Equal(t, runningFake, where)
	rec := &recorder{}
	c, f := liveClient(t, rec)
	assert.False(t, f.live)
	srv.ClearRequests()
	runSuite(t, c, f, rec)
	// Every operation's call reached the fake, as the fake's application.
	reads := 0
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "/distribution/produkter/") {
			reads++
			assert.Equal(t, baltest.DefaultCredentials.ID, r.Client, r.Path)
		}
	}
	assert.Greater(t, reads, 20, "the suite's reads on the fake")
}

// runSuite runs the operations against c.
func runSuite(t *testing.T, c *bal.Client, f fixtures, rec *recorder) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	bc, ac, pc := building.New(c), address.New(c), property.New(c)

	var unit *property.Unit
	var point *address.Point
	var bld *building.Building

	step := func(name string, fn func(t *testing.T)) {
		ok := t.Run(name, func(t *testing.T) {
			fn(t)
			rec.check(t)
		})
		if !ok && strings.HasPrefix(name, "find") {
			t.FailNow()
		}
	}

	step("find property", func(t *testing.T) {
		if f.designation == "" {
			id := f.address
			if id.IsZero() {
				b, err := bc.Direkt.Get(ctx, f.building, nil)
				require.NoError(t, err)
				require.NotEmpty(t, b.LiesOn, "the building lies on no registerenhet")
				u, err := pc.Get(ctx, b.LiesOn[0].ID, nil)
				require.NoError(t, err)
				f.designation = u.Designation
				return
			}
			p, err := ac.Direkt.Get(ctx, id, nil)
			require.NoError(t, err)
			require.NotNil(t, p.Property, "the address lies within no registerenhet")
			u, err := pc.Get(ctx, p.Property.ID, nil)
			require.NoError(t, err)
			f.designation = u.Designation
		}
	})
	step("find property/Lookup", func(t *testing.T) {
		var err error
		unit, err = pc.Lookup(ctx, f.designation, nil)
		require.NoError(t, err)
		assert.True(t, unit.Has(f.designation), "%q not among %v", f.designation, unit.Designations)
		assert.False(t, unit.ID.IsZero())
	})
	step("find addresses/ByProperty", func(t *testing.T) {
		ps, err := ac.Direkt.ByProperty(ctx, unit.ID, nil)
		require.NoError(t, err)
		if f.address.IsZero() {
			require.NotEmpty(t, ps, "no address points on %s", f.designation)
			f.address = ps[0].ID
		}
		for _, p := range ps {
			checkPoint(t, p)
			require.NotNil(t, p.Property)
			assert.Equal(t, unit.ID, p.Property.ID)
		}
	})
	step("find buildings/ByProperty", func(t *testing.T) {
		ids, err := bc.Direkt.ByProperty(ctx, unit.ID)
		require.NoError(t, err)
		if f.building.IsZero() {
			require.NotEmpty(t, ids, "no buildings on %s", f.designation)
			f.building = ids[0]
		}
		assert.Contains(t, ids, f.building)
	})

	for _, format := range []bal.Format{bal.FormatXML, bal.FormatJSON} {
		step("building/Get/total/"+format.String(), func(t *testing.T) {
			b, err := bc.Direkt.Get(ctx, f.building, &building.DirektOptions{Format: format})
			require.NoError(t, err)
			checkBuilding(t, b, 3006)
			bld = b
		})
		step("address/Get/total/"+format.String(), func(t *testing.T) {
			p, err := ac.Direkt.Get(ctx, f.address, &address.DirektOptions{Format: format})
			require.NoError(t, err)
			checkPoint(t, p)
			point = p
		})
		step("property/Get/"+format.String(), func(t *testing.T) {
			u, err := pc.Get(ctx, unit.ID, &property.Options{Format: format})
			require.NoError(t, err)
			assert.Equal(t, unit.ID, u.ID)
		})
	}
	step("building/Get/subsets", func(t *testing.T) {
		for _, inc := range [][]building.Include{{building.IncludeBase}, {building.IncludeRelations}, {building.IncludeGeometry}, {}} {
			b, err := bc.Direkt.Get(ctx, f.building, &building.DirektOptions{Include: inc})
			require.NoError(t, err, "includeData %v", inc)
			assert.Equal(t, f.building, b.ID)
			if slices.Equal(inc, []building.Include{building.IncludeBase}) {
				assert.Empty(t, b.Parts, "basinformation holds no geometry")
			}
		}
	})
	step("building/Get/local zone", func(t *testing.T) {
		b, err := bc.Direkt.Get(ctx, f.building, &building.DirektOptions{Include: []building.Include{building.IncludeGeometry}, SRID: geometry.SWEREF99_1800})
		require.NoError(t, err)
		checkBuilding(t, b, geometry.SWEREF99_1800)
	})
	step("building/GetMany", func(t *testing.T) {
		missing := bal.MustParseObjectID("00000000-0000-4000-8000-000000000000")
		var got []error
		for b, err := range bc.Direkt.GetMany(ctx, []bal.ObjectID{f.building, missing, f.building}, nil) {
			got = append(got, err)
			if err == nil {
				assert.Equal(t, f.building, b.ID)
			}
		}
		require.Len(t, got, 3)
		assert.NoError(t, got[0])
		assert.ErrorIs(t, got[1], bal.ErrNotFound)
		assert.NoError(t, got[2])
	})
	step("building/ByGeometry", func(t *testing.T) {
		require.NotNil(t, bld)
		require.NotEmpty(t, bld.Parts)
		// A rectangle 1 m around the footprint, and the footprint's centre
		// with a buffer reaching past its corners, both find the building.
		b := bld.Parts[0].Surface.Bounds()
		box := geom.NewPolygonFlat(geom.XY, []float64{
			b.Min(0) - 1, b.Min(1) - 1, b.Max(0) + 1, b.Min(1) - 1, b.Max(0) + 1, b.Max(1) + 1, b.Min(0) - 1, b.Max(1) + 1, b.Min(0) - 1, b.Min(1) - 1,
		}, []int{10}).SetSRID(bld.Parts[0].Surface.SRID())
		ids, err := bc.Direkt.ByGeometry(ctx, box, 0)
		require.NoError(t, err)
		assert.Contains(t, ids, f.building, "polygon around the footprint")
		c, err := geometry.Centroid(bld.Parts[0].Surface)
		require.NoError(t, err)
		ids, err = bc.Direkt.ByGeometry(ctx, c, math.Hypot(b.Max(0)-b.Min(0), b.Max(1)-b.Min(1)))
		require.NoError(t, err)
		assert.Contains(t, ids, f.building, "centre with buffer")
	})

	step("address/GetMany", func(t *testing.T) {
		n := 0
		for p, err := range ac.Direkt.GetMany(ctx, []bal.ObjectID{f.address}, &address.DirektOptions{Format: bal.FormatJSON}) {
			require.NoError(t, err)
			assert.Equal(t, f.address, p.ID)
			n++
		}
		assert.Equal(t, 1, n)
	})
	step("address/ByProperties", func(t *testing.T) {
		n := 0
		for p, err := range ac.Direkt.ByProperties(ctx, []bal.ObjectID{unit.ID}, nil) {
			require.NoError(t, err)
			checkPoint(t, p)
			n++
		}
		assert.NotZero(t, n)
	})
	step("address/Nearest", func(t *testing.T) {
		require.NotNil(t, point)
		p, err := ac.Direkt.Nearest(ctx, point.Position, nil)
		require.NoError(t, err)
		checkPoint(t, p)
		assert.Equal(t, point.ID, p.ID, "the nearest address to a point is the point's own")
	})
	step("address/Search", func(t *testing.T) {
		require.NotNil(t, point)
		kod := f.kommunkod
		if kod == "" && point.Area != nil && point.Area.District != nil && point.Area.District.Municipality != nil {
			kod = point.Area.District.Municipality.Code
		}
		var hits []address.Reference
		for r, err := range ac.Direkt.Search(ctx, point.Label(), &address.SearchOptions{Municipality: kod, MaxHits: 20, SplitAddress: true}) {
			require.NoError(t, err)
			hits = append(hits, r)
		}
		assert.True(t, slices.ContainsFunc(hits, func(r address.Reference) bool { return r.ID == point.ID }), "%q not found by free text", point.Label())
	})
	step("address/ByGeometry", func(t *testing.T) {
		refs, err := ac.Direkt.ByGeometry(ctx, point.Position, 5, nil)
		require.NoError(t, err)
		assert.True(t, slices.ContainsFunc(refs, func(r address.Reference) bool { return r.ID == point.ID }))
	})

	step("property/GetMany", func(t *testing.T) {
		for u, err := range pc.GetMany(ctx, []bal.ObjectID{unit.ID}, nil) {
			require.NoError(t, err)
			assert.Equal(t, unit.ID, u.ID)
		}
	})
	step("property/Search", func(t *testing.T) {
		var hits []property.Reference
		for r, err := range pc.Search(ctx, f.designation, &property.SearchOptions{MaxHits: 20}) {
			require.NoError(t, err)
			hits = append(hits, r)
		}
		assert.True(t, slices.ContainsFunc(hits, func(r property.Reference) bool { return r.Property.ID == unit.ID }), "%q not found by free text", f.designation)
	})
	step("property/At", func(t *testing.T) {
		us, err := pc.At(ctx, point.Position, nil)
		require.NoError(t, err)
		assert.True(t, slices.ContainsFunc(us, func(u *property.Unit) bool { return u.ID == unit.ID }), "the address point's own property is not at its position")
	})
}

// localDesignation picks a generated property with buildings on it and
// address points within it.
func localDesignation(t *testing.T, ds *gen.Dataset) string {
	t.Helper()
	for _, re := range ds.Properties {
		hasBuilding := slices.ContainsFunc(ds.Buildings, func(b *building.Building) bool {
			return slices.ContainsFunc(b.LiesOn, func(r bal.PropertyRef) bool { return r.ID == re.ID })
		})
		hasAddress := slices.ContainsFunc(ds.Points, func(a *address.Point) bool {
			return a.Property != nil && a.Property.ID == re.ID
		})
		if hasBuilding && hasAddress {
			return re.Designation
		}
	}
	t.Fatal("baltest generated no property with both buildings and addresses")
	return ""
}

func checkBuilding(t *testing.T, b *building.Building, srid int) {
	t.Helper()
	assert.False(t, b.ID.IsZero())
	assert.Contains(t, bal.Codes[bal.Status](), b.Status, "objektstatus %q", b.Status)
	for _, p := range b.Purposes {
		assert.Contains(t, bal.Codes[building.Category](), p.Category, "byggnadsändamål %q", p.Category)
	}
	for i, p := range b.Parts {
		require.NotNil(t, p.Surface, "part %d has no surface", i)
		assert.Equal(t, srid, p.Surface.SRID())
		checkAxes(t, p.Surface)
	}
}

func checkPoint(t *testing.T, p *address.Point) {
	t.Helper()
	assert.False(t, p.ID.IsZero())
	if p.Type != "" {
		assert.Contains(t, bal.Codes[address.PointType](), p.Type, "adressplatstyp %q", p.Type)
	}
	if p.Position != nil {
		checkAxes(t, p.Position)
	}
}

// checkAxes catches swapped axes: in SWEREF 99 TM and its local zones
// every northing is above 6 000 000 m and every easting below 1 100 000 m.
func checkAxes(t *testing.T, g geom.T) {
	t.Helper()
	if g.SRID() < geometry.SWEREF99TM || g.SRID() > geometry.SWEREF99_2315 {
		return
	}
	flat, stride := g.FlatCoords(), g.Stride()
	for i := 0; i+1 < len(flat); i += stride {
		e, n := flat[i], flat[i+1]
		if n <= 6_000_000 || e >= 1_100_000 || e <= 0 {
			t.Errorf("coordinate %d (E %.3f, N %.3f) in EPSG:%d: axes swapped or out of Sweden", i/stride, e, n, g.SRID())
			return
		}
	}
}

// recorder keeps every answer of the Direkt services so that each step can
// check its shape: it must decode strictly into the wire structs, and what
// the structs do not know is logged.
type recorder struct {
	mu      sync.Mutex
	answers []answer
}

type answer struct {
	path, contentType string
	body              []byte
}

func (r *recorder) wrap(base http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(req *http.Request) (*http.Response, error) {
		resp, err := base.RoundTrip(req)
		if err != nil || resp.StatusCode != http.StatusOK || !strings.Contains(req.URL.Path, "/distribution/produkter/") {
			return resp, err
		}
		raw, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		resp.Body = io.NopCloser(bytes.NewReader(raw))
		body := raw
		if resp.Header.Get("Content-Encoding") == "gzip" {
			if zr, err := gzip.NewReader(bytes.NewReader(raw)); err == nil {
				if b, err := io.ReadAll(zr); err == nil {
					body = b
				}
			}
		}
		r.mu.Lock()
		r.answers = append(r.answers, answer{path: req.URL.Path, contentType: resp.Header.Get("Content-Type"), body: body})
		r.mu.Unlock()
		return resp, nil
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// check decodes every answer recorded since the last check with the wire
// structs (strictly: the root element and namespace must match), encodes it
// again and logs what did not come back; it fails on an answer that does
// not decode.
func (r *recorder) check(t *testing.T) {
	t.Helper()
	r.mu.Lock()
	answers := r.answers
	r.answers = nil
	r.mu.Unlock()
	for _, a := range answers {
		isJSON := strings.Contains(a.contentType, "json")
		var dropped []string
		var err error
		switch {
		case strings.Contains(a.path, "/referens/") && strings.Contains(a.path, "/belagenhetsadress/"):
			dropped, err = jsonShape(a.body, &[]adress42.Referens{})
		case strings.Contains(a.path, "/referens/") && strings.Contains(a.path, "/registerbeteckning/"):
			dropped, err = jsonShape(a.body, &[]rb.Referens{})
		case strings.Contains(a.path, "/referens/"):
			dropped, err = jsonShape(a.body, &[]byggnad3.Referens{})
		case strings.Contains(a.path, "/byggnad/") && isJSON:
			dropped, err = jsonShape(a.body, &byggnad3.FeatureCollection{})
		case strings.Contains(a.path, "/byggnad/"):
			dropped, err = xmlShape(a.body, &byggnad3.ByggnadResponse{})
		case strings.Contains(a.path, "/belagenhetsadress/") && isJSON:
			dropped, err = jsonShape(a.body, &adress42.FeatureCollection{})
		case strings.Contains(a.path, "/belagenhetsadress/"):
			dropped, err = xmlShape(a.body, &adress42.BelagenhetsadressResponse{})
		case strings.Contains(a.path, "/registerbeteckning/") && isJSON:
			dropped, err = jsonShape(a.body, &rb.FeatureCollection{})
		case strings.Contains(a.path, "/registerbeteckning/"):
			dropped, err = xmlShape(a.body, &rb.RegisterbeteckningResponse{})
		default:
			err = errors.New("no wire type for this path")
		}
		if err != nil {
			t.Errorf("%s (%s): answer does not have the expected shape: %v", a.path, a.contentType, err)
			continue
		}
		if len(dropped) > 0 {
			t.Logf("%s (%s): elements the SDK does not know (ignored): %s", a.path, a.contentType, strings.Join(dropped, ", "))
		}
	}
}

func xmlShape(body []byte, v any) ([]string, error) {
	if err := direkt.UnmarshalXML(body, v); err != nil {
		return nil, err
	}
	out, err := direkt.MarshalXML(v)
	if err != nil {
		return nil, err
	}
	return shape.DroppedXML(body, out)
}

func jsonShape(body []byte, v any) ([]string, error) {
	if err := json.Unmarshal(body, v); err != nil {
		return nil, err
	}
	out, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return shape.DroppedJSON(body, out)
}
