package address_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/lmtest"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/adress42"
)

func newClient(t *testing.T, h http.Handler) (*address.Client, *lmtest.Server) {
	t.Helper()
	srv := lmtest.New(t, h)
	env, err := bal.NewEnvironment("test", srv.BaseURL(), srv.TokenURL())
	require.NoError(t, err)
	c, err := bal.NewClient(bal.Config{
		Environment: env,
		Credentials: bal.ClientCredentials{ID: lmtest.ClientID, Secret: lmtest.Secret, Scopes: []string{address.DirektScope}},
		Retry:       bal.RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond},
	})
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	return address.New(c), srv
}

func idOf(i int) bal.ObjectID {
	var id bal.ObjectID
	id[0], id[1], id[2] = byte(i>>16), byte(i>>8), byte(i)
	id[6], id[8] = 0x40, 0x80
	return id
}

// answer writes address points with the given ids in the format asked for.
func answer(t *testing.T, w http.ResponseWriter, r *http.Request, ids []string) {
	t.Helper()
	as := make([]adress42.Belagenhetsadress, 0, len(ids))
	for i, id := range ids {
		pt := geom.NewPointFlat(geom.XY, []float64{674032.5 + float64(i), 6580822.25}).SetSRID(3006)
		as = append(as, adress42.Belagenhetsadress{
			Objektidentitet: id,
			Adressplatsattribut: &adress42.Adressplatsattribut{
				Objektidentitet: id, Objektversion: 1, Adressplatstyp: "Gatuadressplats", Insamlingslage: "Ingång",
				Adressplatsbeteckning: &adress42.Adressplatsbeteckning{Adressplatsnummer: "7", Bokstavstillagg: "A"},
				Adressplatspunkt:      direkt.NewGeometry(pt), Status: "Gällande", Objektstatus: "Gällande",
			},
			Adressomrade: &adress42.Adressomrade{FaststalltNamn: "Segelbåtsvägen", Adressomradestyp: "Gatuadressområde"},
		})
	}
	var out []byte
	var err error
	if r.Header.Get("Accept") == "application/json" {
		w.Header().Set("Content-Type", "application/json")
		out, err = direkt.MarshalJSON(adress42.NewFeatureCollection(as))
	} else {
		w.Header().Set("Content-Type", "application/xml")
		out, err = direkt.MarshalXML(adress42.NewResponse(as))
	}
	assert.NoError(t, err)
	_, _ = w.Write(out)
}

func TestDirektGet(t *testing.T) {
	t.Parallel()
	id := idOf(7)
	for _, f := range []bal.Format{bal.FormatXML, bal.FormatJSON} {
		t.Run(f.String(), func(t *testing.T) {
			t.Parallel()
			c, _ := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, address.DirektBase+"/"+id.String(), r.URL.Path)
				assert.Equal(t, "includeData=basinformation&srid=3006", r.URL.RawQuery)
				answer(t, w, r, []string{id.String()})
			}))
			p, err := c.Direkt.Get(context.Background(), id, &address.DirektOptions{Include: []address.Include{address.IncludeBase}, SRID: 3006, Format: f})
			require.NoError(t, err)
			assert.Equal(t, "Segelbåtsvägen 7A", p.Label())
			assert.Equal(t, address.PointTypeStreet, p.Type)
			require.NotNil(t, p.Position)
			assert.InDelta(t, 674032.5, p.Position.X(), 1e-6)
		})
	}
}

// TestDirektGetMany checks batching, order and a failing batch for
// addresses (the building package has the 1 000-id case).
func TestDirektGetMany(t *testing.T) {
	t.Parallel()
	ids := make([]bal.ObjectID, 600)
	for i := range ids {
		ids[i] = idOf(600 - i)
	}
	var mu sync.Mutex
	var sizes []int
	c, srv := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, http.MethodPost, r.Method)
		var got []string
		require.NoError(t, json.NewDecoder(r.Body).Decode(&got))
		mu.Lock()
		sizes = append(sizes, len(got))
		mu.Unlock()
		if len(got) < 250 {
			http.Error(w, `{"fault":{"code":900800,"message":"Message throttled out"}}`, http.StatusTooManyRequests)
			return
		}
		slices.Reverse(got)
		answer(t, w, r, got)
	}))
	var n int
	for p, err := range c.Direkt.GetMany(context.Background(), ids, &address.DirektOptions{Format: bal.FormatJSON, Parallelism: 2}) {
		if n >= 500 {
			assert.ErrorIs(t, err, bal.ErrRateLimited)
		} else {
			require.NoError(t, err)
			assert.Equal(t, ids[n], p.ID)
		}
		n++
	}
	assert.Equal(t, 600, n)
	assert.ElementsMatch(t, []int{250, 250, 100, 100, 100, 100}, sizes, "the throttled batch was retried")
	assert.Equal(t, 6, srv.APIRequests())
}

func TestDirektByProperty(t *testing.T) {
	t.Parallel()
	prop := idOf(99)
	c, _ := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, http.MethodGet, r.Method)
		assert.Equal(t, address.DirektBase+"/registerenhet/"+prop.String(), r.URL.Path)
		answer(t, w, r, []string{idOf(1).String(), idOf(2).String()})
	}))
	ps, err := c.Direkt.ByProperty(context.Background(), prop, nil)
	require.NoError(t, err)
	require.Len(t, ps, 2)
	assert.Equal(t, idOf(2), ps[1].ID)
}

func TestDirektByProperties(t *testing.T) {
	t.Parallel()
	props := make([]bal.ObjectID, 300)
	for i := range props {
		props[i] = idOf(i)
	}
	var calls [][]string
	var mu sync.Mutex
	c, _ := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, http.MethodPost, r.Method)
		assert.Equal(t, address.DirektBase+"/registerenhet", r.URL.Path)
		var got []string
		require.NoError(t, json.NewDecoder(r.Body).Decode(&got))
		mu.Lock()
		calls = append(calls, got)
		mu.Unlock()
		answer(t, w, r, got[:1]) // one address per request
	}))
	var got []bal.ObjectID
	for p, err := range c.Direkt.ByProperties(context.Background(), props, nil) {
		require.NoError(t, err)
		got = append(got, p.ID)
	}
	assert.Equal(t, []bal.ObjectID{idOf(0), idOf(250)}, got)
	require.Len(t, calls, 2)
	assert.Len(t, calls[0], 250)
	assert.Len(t, calls[1], 50)
}

func TestDirektNearest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		p         *geom.Point
		wantQuery map[string]string
		wantErr   error
	}{
		{"sweref 99 tm, northing first", geom.NewPointFlat(geom.XY, []float64{674032.5, 6580822.25}).SetSRID(3006),
			map[string]string{"koordinater": "6580822.25,674032.5", "punktSrid": "3006"}, nil},
		{"local zone kept", geom.NewPointFlat(geom.XY, []float64{153000, 6580000}).SetSRID(3011),
			map[string]string{"koordinater": "6580000,153000", "punktSrid": "3011"}, nil},
		{"easting and northing swapped", geom.NewPointFlat(geom.XY, []float64{6580822.25, 674032.5}).SetSRID(3006), nil, bal.ErrValidation},
		{"nil point", nil, nil, bal.ErrValidation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, address.DirektBase+"/punkt", r.URL.Path)
				for k, v := range tt.wantQuery {
					assert.Equal(t, v, r.URL.Query().Get(k), k)
				}
				answer(t, w, r, []string{idOf(5).String()})
			}))
			p, err := c.Direkt.Nearest(context.Background(), tt.p, nil)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				assert.Zero(t, srv.APIRequests())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, idOf(5), p.ID)
		})
	}
}

func TestDirektSearch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		text      string
		opts      *address.SearchOptions
		wantQuery string
		wantErr   string
	}{
		{"defaults", "Segelbåtsvägen 7", nil, "adress=Segelb%C3%A5tsv%C3%A4gen+7&splitAdress=false", ""},
		{"filters", "Segel", &address.SearchOptions{Municipality: "0180", Status: address.StatusValid, MaxHits: 5, SplitAddress: true},
			"adress=Segel&kommunkod=0180&maxHits=5&splitAdress=true&status=G%C3%A4llande", ""},
		{"too short", " åb ", nil, "", "at least 3 characters"},
		{"bad kommunkod", "Segel", &address.SearchOptions{Municipality: "18"}, "", "kommunkod"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, address.DirektBase+"/referens/fritext", r.URL.Path)
				assert.Equal(t, tt.wantQuery, r.URL.RawQuery)
				assert.Equal(t, "application/json", r.Header.Get("Accept"))
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(w, `[{"objektidentitet":"`+idOf(1).String()+`","adress":"Segelbåtsvägen 7A, 112 64 Stockholm"},
					{"objektidentitet":"`+idOf(2).String()+`","adress":"Segelbåtsvägen 7B, 112 64 Stockholm"}]`)
			}))
			var got []address.Reference
			var errs []error
			for r, err := range c.Direkt.Search(context.Background(), tt.text, tt.opts) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				got = append(got, r)
			}
			if tt.wantErr != "" {
				require.Len(t, errs, 1)
				assert.ErrorIs(t, errs[0], bal.ErrValidation)
				assert.Contains(t, errs[0].Error(), tt.wantErr)
				assert.Zero(t, srv.APIRequests())
				return
			}
			require.Empty(t, errs)
			assert.Equal(t, []address.Reference{
				{ID: idOf(1), Label: "Segelbåtsvägen 7A, 112 64 Stockholm"},
				{ID: idOf(2), Label: "Segelbåtsvägen 7B, 112 64 Stockholm"},
			}, got)
		})
	}
}

func TestDirektByGeometry(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, address.DirektBase+"/referens/geometri", r.URL.Path)
		assert.Equal(t, "splitAdress=true&status=Reserverad", r.URL.RawQuery)
		var body adress42.GeometriRequest
		require.NoError(t, json.NewDecoder(r.Body).Decode(&body))
		assert.Equal(t, 10.0, body.Buffer)
		assert.Equal(t, 3011, body.Geometri.Geometry.SRID())
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `[{"objektidentitet":"`+idOf(1).String()+`","adress":"Forsby 3","adressComponents":{"adressomrade":"Forsby","adressplatsnummer":"3"}}]`)
	}))
	pt := geom.NewPointFlat(geom.XY, []float64{153000, 6580000}).SetSRID(3011)
	refs, err := c.Direkt.ByGeometry(context.Background(), pt, 10, &address.GeometryOptions{Status: address.StatusReserved, SplitAddress: true})
	require.NoError(t, err)
	require.Len(t, refs, 1)
	assert.Equal(t, "Forsby", refs[0].Parts.Area)
	assert.Equal(t, "3", refs[0].Parts.Designation.Number)
}
