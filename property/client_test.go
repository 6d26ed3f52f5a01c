package property_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/lmtest"
	"github.com/tjanstebaserad/bal-go/property"
)

func newClient(t *testing.T, h http.Handler) (*property.Client, *lmtest.Server) {
	t.Helper()
	srv := lmtest.New(t, h)
	env, err := bal.NewEnvironment("test", srv.BaseURL(), srv.TokenURL())
	require.NoError(t, err)
	c, err := bal.NewClient(bal.Config{
		Environment: env,
		Credentials: bal.ClientCredentials{ID: lmtest.ClientID, Secret: lmtest.Secret, Scopes: []string{property.DirektScope}},
		Retry:       bal.RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond},
	})
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	return property.New(c), srv
}

// serveFile answers with a file of the wire package's testdata, XML or
// JSON as asked.
func serveFile(t *testing.T, w http.ResponseWriter, r *http.Request, name string) {
	t.Helper()
	ext, ct := ".xml", "application/xml"
	if r.Header.Get("Accept") == "application/json" {
		ext, ct = ".json", "application/json"
	}
	data, err := os.ReadFile("../internal/wire/direkt/registerbeteckning5/testdata/" + name + ext)
	require.NoError(t, err)
	w.Header().Set("Content-Type", ct)
	_, _ = w.Write(data)
}

const varva = "909a6a62-7d8b-90ec-e040-ed8f66444c3f"

func TestLookup(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		text    string
		format  bal.Format
		wantID  string
		wantErr error
	}{
		{"xml", "Gävle Varva 2:3", bal.FormatXML, varva, nil},
		{"json, spacing and case", "  stockholm   järnet 8", bal.FormatJSON, "909a6a62-7d8b-90ec-e040-ed8f66444c41", nil},
		{"empty", "  ", bal.FormatXML, "", bal.ErrValidation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, _ := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, property.DirektBase+"/namn", r.URL.Path)
				assert.Equal(t, strings.Join(strings.Fields(tt.text), " "), r.URL.Query().Get("namn"))
				serveFile(t, w, r, "beteckning")
			}))
			u, err := c.Lookup(context.Background(), tt.text, &property.Options{Format: tt.format})
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantID, u.ID.String())
		})
	}
}

func TestLookupNotFound(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"type":"FeatureCollection","features":[]}`)
	}))
	_, err := c.Lookup(context.Background(), "Gävle Varva 99:1", &property.Options{Format: bal.FormatJSON})
	assert.ErrorIs(t, err, bal.ErrNotFound)
}

func TestGetAndGetMany(t *testing.T) {
	t.Parallel()
	ids := []bal.ObjectID{
		bal.MustParseObjectID("11111111-2222-4333-8444-555555555555"),
		bal.MustParseObjectID(varva),
		bal.MustParseObjectID("00000000-0000-4000-8000-000000000000"),
	}
	c, srv := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.True(t, strings.HasPrefix(r.URL.Path, property.DirektBase+"/tillhor/"), r.URL.Path)
		serveFile(t, w, r, "beteckning") // holds the first two ids
	}))
	u, err := c.Get(context.Background(), ids[1], nil)
	require.NoError(t, err)
	assert.Equal(t, "Gävle Varva 2:3", u.Designation)

	var got []string
	for u, err := range c.GetMany(context.Background(), ids, &property.Options{Parallelism: 2}) {
		if err != nil {
			assert.ErrorIs(t, err, bal.ErrNotFound)
			got = append(got, "not found")
			continue
		}
		got = append(got, u.Designation)
	}
	assert.Equal(t, []string{"Gävle Varva ga:1", "Gävle Varva 2:3", "not found"}, got)
	assert.Equal(t, 4, srv.APIRequests())
}

func TestAt(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, property.DirektBase+"/punkt", r.URL.Path)
		assert.Equal(t, "6729010,617015", r.URL.Query().Get("koordinater"))
		assert.Equal(t, "3006", r.URL.Query().Get("punktSrid"))
		serveFile(t, w, r, "beteckning")
	}))
	us, err := c.At(context.Background(), geom.NewPointFlat(geom.XY, []float64{617015, 6729010}).SetSRID(3006), nil)
	require.NoError(t, err)
	assert.Len(t, us, 3)
}

func TestSearch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		text      string
		opts      *property.SearchOptions
		wantQuery string
		wantErr   string
	}{
		{"plain", "Gävle Varva", nil, "beteckning=G%C3%A4vle+Varva", ""},
		{"municipality and statuses", "Varva", &property.SearchOptions{Municipality: "2180", MaxHits: 10,
			Statuses: []property.DesignationStatus{property.StatusCurrent, property.StatusFree}, ObjectStatus: "levande"},
			"beteckning=Varva&kommunkod=2180&maxHits=10&objektstatus=levande&status=g%C3%A4llande%2Cledig", ""},
		{"county", "Varva", &property.SearchOptions{County: "21"}, "beteckning=Varva&lankod=21", ""},
		{"both", "Varva", &property.SearchOptions{County: "21", Municipality: "2180"}, "", "not both"},
		{"bad county", "Varva", &property.SearchOptions{County: "99"}, "", "länskod"},
		{"short", "Gä", nil, "", "at least 3 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, property.DirektBase+"/referens/fritext", r.URL.Path)
				assert.Equal(t, tt.wantQuery, r.URL.RawQuery)
				serveJSON(t, w, "referens.json")
			}))
			var refs []property.Reference
			var errs []error
			for r, err := range c.Search(context.Background(), tt.text, tt.opts) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				refs = append(refs, r)
			}
			if tt.wantErr != "" {
				require.Len(t, errs, 1)
				assert.ErrorIs(t, errs[0], bal.ErrValidation)
				assert.Contains(t, errs[0].Error(), tt.wantErr)
				assert.Zero(t, srv.APIRequests())
				return
			}
			require.Empty(t, errs)
			require.Len(t, refs, 2)
			assert.Equal(t, "Gävle Varva 2:3", refs[0].Property.Designation)
		})
	}
}

func serveJSON(t *testing.T, w http.ResponseWriter, name string) {
	t.Helper()
	data, err := os.ReadFile("../internal/wire/direkt/registerbeteckning5/testdata/" + name)
	require.NoError(t, err)
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(data)
}
