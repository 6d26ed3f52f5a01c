package deficiency

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/codelist/codelisttest"
	"github.com/tjanstebaserad/bal-go/internal/lmtest"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

const servicePath = bal.DefaultUpdatePath + "/brist"

// request is what the fake service saw.
type request struct {
	Method, Path string
	Query        url.Values
	Body         string
	Key          string
}

// fakeService answers with the documents its test programs and records
// every request.
type fakeService struct {
	mu       sync.Mutex
	requests []request
	answer   func(r *http.Request, body []byte, n int) (status int, out []byte)
}

func (f *fakeService) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Body: string(body), Key: r.Header.Get("Idempotency-Key")})
	n := len(f.requests)
	f.mu.Unlock()
	status, out := f.answer(r, body, n)
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

func (f *fakeService) log() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.requests...)
}

func newClient(t *testing.T, answer func(r *http.Request, body []byte, n int) (int, []byte)) (*Client, *fakeService) {
	t.Helper()
	svc := &fakeService{answer: answer}
	srv := lmtest.New(t, svc)
	env, err := bal.NewEnvironment("test", srv.BaseURL(), srv.TokenURL())
	require.NoError(t, err)
	c, err := bal.NewClient(bal.Config{
		Environment: env,
		Credentials: bal.ClientCredentials{ID: lmtest.ClientID, Secret: lmtest.Secret},
		Retry:       bal.RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond},
	})
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	return New(c), svc
}

// doc encodes an answer; it runs in the server's goroutines, so it reports
// with assert, never require.
func doc(t *testing.T, v any) []byte {
	t.Helper()
	b, err := update1.Marshal(v)
	assert.NoError(t, err)
	return b
}

var (
	bristID    = bal.MustParseObjectID("d1f0c5a2-3b4c-4d5e-8f60-718293a4b5c6")
	propertyID = bal.MustParseObjectID("909a6a63-62b4-90ec-e040-ed8f66444c3f")
	buildingID = bal.MustParseObjectID("39722cbb-f8b9-404b-a045-c5e6175f1001")
	created    = time.Date(2026, 11, 20, 8, 0, 0, 0, time.FixedZone("CET", 3600))
)

func wireBrist(id string, status string) update1.Brist {
	return update1.Brist{
		Objektidentitet: id, Objektversion: 1, Bristtyp: "Byggnad saknar adress", Status: status,
		Beskrivning: "Byggnaden saknar entré med adress.", Kommunkod: "2180",
		Registerenhet: &update1.Registerenhetsreferens{Objektidentitet: propertyID.String(), Beteckning: "Exempelby Backa 1:23", Typ: "Fastighet"},
		Objekt:        &update1.Objektreferens{Objekttyp: update1.TypByggnad, Objektidentitet: buildingID.String()},
		Skapad:        update1.NewTidpunkt(created), Andrad: update1.NewTidpunkt(created.Add(time.Hour)),
	}
}

func TestGetMapsEveryField(t *testing.T) {
	t.Parallel()
	c, svc := newClient(t, func(*http.Request, []byte, int) (int, []byte) {
		b := wireBrist(bristID.String(), "Åtgärdad")
		b.Kommentar = "Entré tillagd"
		return http.StatusOK, doc(t, &b)
	})
	got, err := c.Get(t.Context(), bristID)
	require.NoError(t, err)
	want := &Deficiency{
		ID: bristID, Version: 1, Type: TypeBuildingWithoutAddress, Status: StatusHandled,
		Description: "Byggnaden saknar entré med adress.", Municipality: "2180",
		Property: &bal.PropertyRef{ID: propertyID, Designation: "Exempelby Backa 1:23", Type: bal.PropertyTypeProperty},
		Object:   &bal.ObjectRef{Type: bal.ObjectTypeBuilding, ID: buildingID},
		Comment:  "Entré tillagd", Created: created, Changed: created.Add(time.Hour),
	}
	assert.Empty(t, cmp.Diff(want, got))
	assert.False(t, got.Open())
	reqs := svc.log()
	require.Len(t, reqs, 1)
	assert.Equal(t, http.MethodGet, reqs[0].Method)
	assert.Equal(t, servicePath+"/"+bristID.String(), reqs[0].Path)
}

func TestListFollowsPagesAndSendsFilters(t *testing.T) {
	t.Parallel()
	ids := []string{
		"00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002",
		"00000000-0000-4000-8000-000000000003",
	}
	c, svc := newClient(t, func(r *http.Request, _ []byte, _ int) (int, []byte) {
		page := update1.Bristlista{}
		switch r.URL.Query().Get("fortsattning") {
		case "":
			page.Brist = []update1.Brist{wireBrist(ids[0], "Öppen"), wireBrist(ids[1], "Öppen")}
			page.Fortsattning = "p2"
		case "p2":
			page.Brist = []update1.Brist{wireBrist(ids[2], "Öppen")}
		}
		return http.StatusOK, doc(t, &page)
	})
	var got []string
	for d, err := range c.List(t.Context(), &ListOptions{
		Municipality: "2180", Property: propertyID, Status: StatusOpen, ObjectType: bal.ObjectTypeBuilding,
	}) {
		require.NoError(t, err)
		got = append(got, d.ID.String())
	}
	assert.Equal(t, ids, got)
	reqs := svc.log()
	require.Len(t, reqs, 2)
	want := url.Values{"kommunkod": {"2180"}, "registerenhet": {propertyID.String()}, "status": {"Öppen"}, "objekttyp": {"Byggnad"}}
	assert.Equal(t, want, reqs[0].Query)
	want.Set("fortsattning", "p2")
	assert.Equal(t, want, reqs[1].Query)
	assert.Equal(t, servicePath, reqs[1].Path)
}

func TestListWithoutOptionsSendsNoFilter(t *testing.T) {
	t.Parallel()
	c, svc := newClient(t, func(*http.Request, []byte, int) (int, []byte) {
		return http.StatusOK, doc(t, &update1.Bristlista{})
	})
	for _, err := range c.List(t.Context(), nil) {
		require.NoError(t, err)
		t.Fatal("no deficiencies")
	}
	require.Len(t, svc.log(), 1)
	assert.Empty(t, svc.log()[0].Query)
}

func TestMarkHandledAndReject(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		call     func(context.Context, *Client) (*Deficiency, error)
		wantBody update1.Bristatgard
	}{
		{
			name: "handled with comment",
			call: func(ctx context.Context, c *Client) (*Deficiency, error) {
				return c.MarkHandled(ctx, bristID, " Entré tillagd ")
			},
			wantBody: update1.Bristatgard{Status: "Åtgärdad", Kommentar: "Entré tillagd"},
		},
		{
			name:     "handled without comment",
			call:     func(ctx context.Context, c *Client) (*Deficiency, error) { return c.MarkHandled(ctx, bristID, "") },
			wantBody: update1.Bristatgard{Status: "Åtgärdad"},
		},
		{
			name: "rejected",
			call: func(ctx context.Context, c *Client) (*Deficiency, error) {
				return c.Reject(ctx, bristID, "Komplementbyggnad, ska inte ha adress")
			},
			wantBody: update1.Bristatgard{Status: "Avvisad", Kommentar: "Komplementbyggnad, ska inte ha adress"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, svc := newClient(t, func(_ *http.Request, body []byte, n int) (int, []byte) {
				if n == 1 {
					return http.StatusServiceUnavailable, nil // the retry must reuse the key
				}
				var in update1.Bristatgard
				assert.NoError(t, update1.Unmarshal(body, &in))
				b := wireBrist(bristID.String(), in.Status)
				b.Objektversion, b.Kommentar = 2, in.Kommentar
				return http.StatusOK, doc(t, &b)
			})
			got, err := tt.call(t.Context(), c)
			require.NoError(t, err)
			assert.Equal(t, bal.Version(2), got.Version)
			assert.Equal(t, codelisttest.Read[Status](t, tt.wantBody.Status), got.Status)
			reqs := svc.log()
			require.Len(t, reqs, 2)
			for _, r := range reqs {
				assert.Equal(t, http.MethodPost, r.Method)
				assert.Equal(t, servicePath+"/"+bristID.String()+"/atgard", r.Path)
				var body update1.Bristatgard
				require.NoError(t, update1.Unmarshal([]byte(r.Body), &body))
				body.XMLName = tt.wantBody.XMLName
				assert.Equal(t, tt.wantBody, body)
			}
			assert.NotEmpty(t, reqs[0].Key)
			assert.Equal(t, reqs[0].Key, reqs[1].Key, "one key across retries")
		})
	}
}

func TestCallerIdempotencyKeyIsSent(t *testing.T) {
	t.Parallel()
	c, svc := newClient(t, func(*http.Request, []byte, int) (int, []byte) {
		return http.StatusOK, doc(t, new(wireBrist(bristID.String(), "Åtgärdad")))
	})
	_, err := c.MarkHandled(bal.WithIdempotencyKey(t.Context(), "key-1"), bristID, "")
	require.NoError(t, err)
	assert.Equal(t, "key-1", svc.log()[0].Key)
}

func TestNothingIsSentForBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		call  func(context.Context, *Client) error
		paths []string
	}{
		{"reject without reason", func(ctx context.Context, c *Client) error { _, err := c.Reject(ctx, bristID, " \n"); return err }, []string{"reason"}},
		{"reject without anything", func(ctx context.Context, c *Client) error { _, err := c.Reject(ctx, bal.ObjectID{}, ""); return err }, []string{"id", "reason"}},
		{"handle without id", func(ctx context.Context, c *Client) error {
			_, err := c.MarkHandled(ctx, bal.ObjectID{}, "x")
			return err
		}, []string{"id"}},
		{"get without id", func(ctx context.Context, c *Client) error { _, err := c.Get(ctx, bal.ObjectID{}); return err }, []string{"id"}},
		{"list with bad filters", func(ctx context.Context, c *Client) error {
			for _, err := range c.List(ctx, &ListOptions{Municipality: "21", Status: "Stängd", ObjectType: bal.ObjectTypeCase}) {
				return err
			}
			return nil
		}, []string{"Municipality", "Status", "ObjectType"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, svc := newClient(t, func(*http.Request, []byte, int) (int, []byte) { return http.StatusOK, nil })
			err := tt.call(t.Context(), c)
			var v *bal.ValidationError
			require.ErrorAs(t, err, &v)
			require.ErrorIs(t, err, bal.ErrValidation)
			var paths []string
			for _, p := range v.Problems {
				paths = append(paths, p.Path)
			}
			assert.Equal(t, tt.paths, paths)
			assert.Empty(t, svc.log())
		})
	}
}

func TestUnusableAnswers(t *testing.T) {
	t.Parallel()
	other := bal.MustParseObjectID("00000000-0000-4000-8000-000000000009")
	tests := []struct {
		name string
		body func(t *testing.T) []byte
		want string
	}{
		{"another object", func(t *testing.T) []byte { return doc(t, new(wireBrist(other.String(), "Öppen"))) }, "want " + bristID.String()},
		{"bad identity", func(t *testing.T) []byte { return doc(t, new(wireBrist("nej", "Öppen"))) }, "object id"},
		{"bad property", func(t *testing.T) []byte {
			b := wireBrist(bristID.String(), "Öppen")
			b.Registerenhet.Objektidentitet = "x"
			return doc(t, &b)
		}, "registerenhet"},
		{"bad object", func(t *testing.T) []byte {
			b := wireBrist(bristID.String(), "Öppen")
			b.Objekt.Objektidentitet = "x"
			return doc(t, &b)
		}, "objekt"},
		{"bad time", func(t *testing.T) []byte {
			b := wireBrist(bristID.String(), "Öppen")
			b.Andrad = "i går"
			return doc(t, &b)
		}, "andrad"},
		{"another document", func(t *testing.T) []byte { return doc(t, &update1.Bristlista{}) }, "want <Brist>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, _ := newClient(t, func(*http.Request, []byte, int) (int, []byte) { return http.StatusOK, tt.body(t) })
			d, err := c.Get(t.Context(), bristID)
			assert.Nil(t, d)
			require.ErrorIs(t, err, bal.ErrInvalidResponse)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func TestServerFaultsAreTyped(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t, func(*http.Request, []byte, int) (int, []byte) {
		return http.StatusNotFound, []byte(`<lmfault:Fault xmlns:lmfault="http://namespace.lantmateriet.se/distribution/produkter/fault/v1"><lmfault:kod>BAL-0404</lmfault:kod><lmfault:meddelande>Bristen finns inte</lmfault:meddelande></lmfault:Fault>`)
	})
	_, err := c.Get(t.Context(), bristID)
	require.ErrorIs(t, err, bal.ErrNotFound)
	var e *bal.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "deficiency.Get", e.Operation)
	assert.Equal(t, "BAL-0404", e.Code)
}

func TestCodeLists(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in    string
		typ   Type
		known bool
	}{
		{"Byggnad saknar adress", TypeBuildingWithoutAddress, true},
		{"byggnad saknar adress", TypeBuildingWithoutAddress, true},
		{"Lagenhet saknar entre", TypeApartmentWithoutEntrance, true},
		{"ADRESSPLATS UTANFÖR REGISTERENHET", TypeAddressOutsideProperty, true},
		{"Geometri saknas", TypeGeometryMissing, true},
		{"Ny bristtyp 2027", "Ny bristtyp 2027", false},
	}
	for _, tt := range tests {
		got := codelisttest.Read[Type](t, tt.in)
		assert.Equal(t, tt.typ, got, tt.in)
		assert.Equal(t, tt.known, types.Known(got), tt.in)
	}
	codelisttest.Check[Type](t, []string{"Byggnad saknar adress", "Adressplats utanför registerenhet", "Lägenhet saknar entré", "Geometri saknas"})
	codelisttest.Check[Status](t, []string{"Öppen", "Åtgärdad", "Avvisad"})
	for _, s := range []string{"oppen", "ÅTGÄRDAD", "avvisad"} {
		assert.True(t, statuses.Known(codelisttest.Read[Status](t, s)), s)
	}
	assert.False(t, statuses.Known("Öppna"))
	assert.Equal(t, Status("Öppna"), codelisttest.Read[Status](t, " Öppna "))
}
