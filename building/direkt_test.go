package building_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/internal/lmtest"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/byggnad3"
)

// newClient returns a building client against an lmtest gateway serving h.
func newClient(t *testing.T, h http.Handler) (*building.Client, *lmtest.Server) {
	t.Helper()
	srv := lmtest.New(t, h)
	env, err := bal.NewEnvironment("test", srv.BaseURL(), srv.TokenURL())
	require.NoError(t, err)
	c, err := bal.NewClient(bal.Config{
		Environment: env,
		Credentials: bal.ClientCredentials{ID: lmtest.ClientID, Secret: lmtest.Secret, Scopes: []string{building.DirektScope}},
		Retry:       bal.RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond},
	})
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	return building.New(c), srv
}

func idOf(i int) bal.ObjectID {
	var id bal.ObjectID
	id[0], id[1], id[2] = byte(i>>16), byte(i>>8), byte(i)
	id[6], id[8] = 0x40, 0x80
	return id
}

func polygon() *geom.Polygon {
	return geom.NewPolygonFlat(geom.XY, []float64{617000, 6729000, 617010, 6729000, 617010, 6729010, 617000, 6729010, 617000, 6729000}, []int{10}).SetSRID(3006)
}

// answer writes the buildings with the given ids as the service would, in
// the format the request asked for.
func answer(t *testing.T, w http.ResponseWriter, r *http.Request, ids []string) {
	t.Helper()
	bs := make([]byggnad3.Byggnad, 0, len(ids))
	for _, id := range ids {
		bs = append(bs, byggnad3.Byggnad{
			Objektidentitet:  id,
			Objektstatus:     "Gällande",
			Byggnadsattribut: &byggnad3.Byggnadsattribut{Objektidentitet: id, Objektversion: 2, Husnummer: 1},
			Byggnadsdel:      []byggnad3.Byggnadsdel{{Insamlingslage: "Takkant", Byggnadsyta: direkt.NewGeometry(polygon())}},
		})
	}
	var out []byte
	var err error
	if r.Header.Get("Accept") == "application/json" {
		w.Header().Set("Content-Type", "application/json")
		out, err = direkt.MarshalJSON(byggnad3.NewFeatureCollection(bs))
	} else {
		w.Header().Set("Content-Type", "application/xml")
		out, err = direkt.MarshalXML(byggnad3.NewResponse(bs))
	}
	assert.NoError(t, err)
	_, _ = w.Write(out)
}

func TestDirektGet(t *testing.T) {
	t.Parallel()
	id := idOf(7)
	tests := []struct {
		name      string
		opts      *building.DirektOptions
		wantQuery string
		wantAcc   string
	}{
		{"defaults", nil, "includeData=total", "application/xml"},
		{"subsets json local zone", &building.DirektOptions{Include: []building.Include{building.IncludeBase, building.IncludeGeometry}, SRID: 3011, Format: bal.FormatJSON},
			"includeData=basinformation%2Cgeometri&srid=3011", "application/json"},
		{"identity only", &building.DirektOptions{Include: []building.Include{}}, "", "application/xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, _ := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, http.MethodGet, r.Method)
				assert.Equal(t, building.DirektBase+"/"+id.String(), r.URL.Path)
				assert.Equal(t, tt.wantQuery, r.URL.RawQuery)
				assert.Equal(t, tt.wantAcc, r.Header.Get("Accept"))
				answer(t, w, r, []string{id.String()})
			}))
			b, err := c.Direkt.Get(context.Background(), id, tt.opts)
			require.NoError(t, err)
			assert.Equal(t, id, b.ID)
			assert.Equal(t, bal.Version(2), b.Version)
			assert.Equal(t, bal.StatusValid, b.Status)
			require.Len(t, b.Parts, 1)
			assert.Equal(t, 3006, b.Parts[0].Surface.SRID())
		})
	}
}

func TestDirektGetErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		handler http.HandlerFunc
		opts    *building.DirektOptions
		is      error
		noCall  bool
	}{
		{"404", func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "", http.StatusNotFound) }, nil, bal.ErrNotFound, false},
		{"empty answer", func(w http.ResponseWriter, r *http.Request) { answer(t, w, r, nil) }, nil, bal.ErrNotFound, false},
		{"malformed id in answer", func(w http.ResponseWriter, r *http.Request) { answer(t, w, r, []string{"nope"}) }, nil, bal.ErrInvalidResponse, false},
		{"html instead of xml", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, "<html><title>Maintenance</title></html>")
		}, nil, bal.ErrInvalidResponse, false},
		{"total with others", nil, &building.DirektOptions{Include: []building.Include{building.IncludeTotal, building.IncludeGeometry}}, bal.ErrValidation, true},
		{"unknown subset", nil, &building.DirektOptions{Include: []building.Include{"allt"}}, bal.ErrValidation, true},
		{"srid outside the zones", nil, &building.DirektOptions{SRID: 4326}, bal.ErrValidation, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := tt.handler
			if h == nil {
				h = func(http.ResponseWriter, *http.Request) { t.Error("no request expected") }
			}
			c, srv := newClient(t, h)
			_, err := c.Direkt.Get(context.Background(), idOf(1), tt.opts)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.is)
			if tt.noCall {
				assert.Zero(t, srv.APIRequests())
			}
			if tt.is == bal.ErrInvalidResponse {
				var be *bal.Error
				require.ErrorAs(t, err, &be, "an answer that cannot be mapped is a *bal.Error too")
				assert.Equal(t, http.StatusOK, be.StatusCode)
				assert.NotEmpty(t, be.RequestID)
			}
		})
	}
}

// TestDirektGetMany1000 is the batching contract: 1 000 ids go out in
// exactly four POSTs of at most 250, come back in input order, and a batch
// that fails is reported for each of its ids without losing the others.
func TestDirektGetMany1000(t *testing.T) {
	t.Parallel()
	ids := make([]bal.ObjectID, 1000)
	for i := range ids {
		ids[i] = idOf(1000 - i) // not sorted, so order is not accidental
	}
	failing := ids[500].String() // the first id of the third batch
	missing := ids[3].String()
	var mu sync.Mutex
	var sizes []int
	c, srv := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, http.MethodPost, r.Method)
		assert.Equal(t, building.DirektBase+"/", r.URL.Path)
		assert.Equal(t, "includeData=total", r.URL.RawQuery)
		assert.True(t, strings.HasPrefix(r.Header.Get("Content-Type"), "application/json"))
		var got []string
		require.NoError(t, json.NewDecoder(r.Body).Decode(&got))
		mu.Lock()
		sizes = append(sizes, len(got))
		mu.Unlock()
		if slices.Contains(got, failing) {
			http.Error(w, "internal", http.StatusInternalServerError)
			return
		}
		// Answer in another order than asked, and leave one id out.
		slices.Reverse(got)
		got = slices.DeleteFunc(got, func(s string) bool { return s == missing })
		answer(t, w, r, got)
	}))
	var n int
	for b, err := range c.Direkt.GetMany(context.Background(), ids, nil) {
		switch {
		case n >= 500 && n < 750:
			assert.ErrorIs(t, err, bal.ErrUnavailable, "id %d", n)
			assert.Nil(t, b)
		case n == 3:
			assert.ErrorIs(t, err, bal.ErrNotFound)
		default:
			require.NoError(t, err, "id %d", n)
			assert.Equal(t, ids[n], b.ID, "order kept at %d", n)
		}
		n++
	}
	assert.Equal(t, 1000, n, "one result per id")
	assert.Equal(t, 4, srv.APIRequests())
	assert.ElementsMatch(t, []int{250, 250, 250, 250}, sizes)
}

func TestDirektByProperty(t *testing.T) {
	t.Parallel()
	prop := idOf(42)
	for _, body := range []string{
		`["` + idOf(1).String() + `","` + idOf(2).String() + `","` + idOf(1).String() + `"]`,
		`[{"objektidentitet":"` + idOf(1).String() + `"},{"objektidentitet":"` + idOf(2).String() + `"}]`,
	} {
		c, _ := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			assert.Equal(t, building.DirektBase+"/referens/beror/"+prop.String(), r.URL.Path)
			assert.Equal(t, "application/json", r.Header.Get("Accept"))
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, body)
		}))
		got, err := c.Direkt.ByProperty(context.Background(), prop)
		require.NoError(t, err)
		assert.Equal(t, []bal.ObjectID{idOf(1), idOf(2)}, got)
	}
}

func TestDirektByGeometry(t *testing.T) {
	t.Parallel()
	huge := geom.NewPolygonFlat(geom.XY, []float64{600000, 6700000, 602000, 6700000, 602000, 6702000, 600000, 6702000, 600000, 6700000}, []int{10}).SetSRID(3006)
	long := geom.NewLineStringFlat(geom.XY, []float64{500000, 6600000, 500000, 6900000}).SetSRID(3006)
	lonlat := geom.NewPointFlat(geom.XY, []float64{17.1413, 60.6749}).SetSRID(4619)
	tests := []struct {
		name     string
		g        geom.T
		buffer   float64
		wantErr  string
		wantBody func(t *testing.T, body map[string]any)
	}{
		{name: "polygon", g: polygon(), buffer: 5, wantBody: func(t *testing.T, body map[string]any) {
			assert.Equal(t, 5.0, body["buffer"])
			g := body["geometri"].(map[string]any)
			assert.Equal(t, "Polygon", g["type"])
			assert.Equal(t, []any{617000.0, 6729000.0}, g["coordinates"].([]any)[0].([]any)[0], "easting first")
		}},
		{name: "geographic point is sent in SWEREF 99 TM", g: lonlat, wantBody: func(t *testing.T, body map[string]any) {
			g := body["geometri"].(map[string]any)
			assert.Equal(t, "urn:ogc:def:crs:EPSG::3006", g["crs"].(map[string]any)["properties"].(map[string]any)["name"])
			xy := g["coordinates"].([]any)
			assert.InDelta(t, 617000, xy[0].(float64), 2000)
			assert.InDelta(t, 6729000, xy[1].(float64), 2000)
		}},
		{name: "area above the limit", g: huge, wantErr: "1 000 000 m²"},
		{name: "line above the limit", g: long, wantErr: "200 000 m"},
		{name: "negative buffer", g: polygon(), buffer: -1, wantErr: "buffer"},
		{name: "no geometry", wantErr: "required"},
		{name: "collection", g: geom.NewGeometryCollection().SetSRID(3006), wantErr: "want a point, line or polygon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, building.DirektBase+"/referens/geometri", r.URL.Path)
				var body map[string]any
				require.NoError(t, json.NewDecoder(r.Body).Decode(&body))
				tt.wantBody(t, body)
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(w, `["`+idOf(9).String()+`"]`)
			}))
			got, err := c.Direkt.ByGeometry(context.Background(), tt.g, tt.buffer)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, bal.ErrValidation)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.Zero(t, srv.APIRequests(), "nothing sent")
				var ve *bal.ValidationError
				assert.True(t, errors.As(err, &ve))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, []bal.ObjectID{idOf(9)}, got)
		})
	}
}
