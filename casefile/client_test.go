package casefile

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

const servicePath = bal.DefaultUpdatePath + "/arende"

// request is what the fake service saw.
type request struct {
	Method, Path string
	Query        url.Values
	Body         []byte
	Key          string
}

// fakeService answers with the documents its test programs and records
// every request. answer runs in the server's goroutines: it reports with
// assert, never require.
type fakeService struct {
	mu       sync.Mutex
	requests []request
	answer   func(r *http.Request, body []byte, n int) (status int, header http.Header, out []byte)
}

func (f *fakeService) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Body: body, Key: r.Header.Get("Idempotency-Key")})
	n := len(f.requests)
	f.mu.Unlock()
	status, header, out := f.answer(r, body, n)
	for k, v := range header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

func (f *fakeService) log() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.requests...)
}

type answerFunc = func(r *http.Request, body []byte, n int) (int, http.Header, []byte)

func newClient(t *testing.T, retry bal.RetryPolicy, answer answerFunc) (*Client, *fakeService) {
	t.Helper()
	svc := &fakeService{answer: answer}
	srv := lmtest.New(t, svc)
	env, err := bal.NewEnvironment("test", srv.BaseURL(), srv.TokenURL())
	require.NoError(t, err)
	if retry.MinWait == 0 {
		retry.MinWait, retry.MaxWait = time.Millisecond, 2*time.Millisecond
	}
	c, err := bal.NewClient(bal.Config{
		Environment: env,
		Credentials: bal.ClientCredentials{ID: lmtest.ClientID, Secret: lmtest.Secret},
		Retry:       retry,
	})
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	return New(c), svc
}

// doc encodes an answer, reporting with assert (it runs in the server).
func doc(t *testing.T, v any) []byte {
	t.Helper()
	b, err := update1.Marshal(v)
	assert.NoError(t, err)
	return b
}

var (
	caseID     = bal.MustParseObjectID("c0a80101-0000-4000-8000-000000000001")
	propertyID = bal.MustParseObjectID("909a6a63-62b4-90ec-e040-ed8f66444c3f")
	buildingID = bal.MustParseObjectID("39722cbb-f8b9-404b-a045-c5e6175f1001")
	pointID    = bal.MustParseObjectID("39722cbb-f8b9-404b-a045-c5e6175f1002")
	raised     = time.Date(2026, 11, 20, 8, 0, 0, 0, time.FixedZone("CET", 3600))
)

func wireCase(id string, status string) update1.Arende {
	return update1.Arende{
		Objektidentitet: id, Objektversion: 1, Arendenummer: "AB123456",
		Arendetyp: "Fastighetsbildningsärende", Status: status,
		Beskrivning: "Avstyckning från Exempelby Backa 1:23", Kommunkod: "2180",
		Registerenhet: []update1.Registerenhetsreferens{{Objektidentitet: propertyID.String(), Beteckning: "Exempelby Backa 1:23", Typ: "Fastighet"}},
		Objekt:        []update1.Objektreferens{{Objekttyp: update1.TypByggnad, Objektidentitet: buildingID.String()}},
		Skapad:        update1.NewTidpunkt(raised), Andrad: update1.NewTidpunkt(raised),
	}
}

func TestGetMapsEveryField(t *testing.T) {
	t.Parallel()
	c, svc := newClient(t, bal.RetryPolicy{}, func(*http.Request, []byte, int) (int, http.Header, []byte) {
		a := wireCase(caseID.String(), "Pågående")
		a.Objektversion = 2
		a.Andrad = update1.NewTidpunkt(raised.Add(time.Hour))
		a.Kvittenser = update1.Kvittenser{{
			Kvittenstyp: "Mottagen", Kommentar: "Vi tittar på det.",
			Objekt:   []update1.Objektreferens{{Objekttyp: update1.TypAdressplats, Objektidentitet: pointID.String()}},
			Tidpunkt: update1.NewTidpunkt(raised.Add(time.Hour)),
		}}
		return http.StatusOK, nil, doc(t, &a)
	})
	got, err := c.Get(t.Context(), caseID)
	require.NoError(t, err)
	want := &Case{
		ID: caseID, Version: 2, Number: "AB123456", Type: TypePropertyFormation, Status: StatusInProgress,
		Description: "Avstyckning från Exempelby Backa 1:23", Municipality: "2180",
		Properties: []bal.PropertyRef{{ID: propertyID, Designation: "Exempelby Backa 1:23", Type: bal.PropertyTypeProperty}},
		Objects:    []bal.ObjectRef{{Type: bal.ObjectTypeBuilding, ID: buildingID}},
		Created:    raised, Changed: raised.Add(time.Hour),
		Acknowledgements: []Acknowledgement{{
			Kind: AcknowledgementReceived, Comment: "Vi tittar på det.",
			Updated: []bal.ObjectRef{{Type: bal.ObjectTypeAddressPoint, ID: pointID}},
			Time:    raised.Add(time.Hour),
		}},
	}
	assert.Empty(t, cmp.Diff(want, got))
	assert.False(t, Closed(got))
	assert.True(t, HasStatus(StatusReceived, StatusInProgress)(got))
	reqs := svc.log()
	require.Len(t, reqs, 1)
	assert.Equal(t, servicePath+"/"+caseID.String(), reqs[0].Path)
}

func TestListFollowsPagesAndSendsFilters(t *testing.T) {
	t.Parallel()
	ids := []string{"c0a80101-0000-4000-8000-000000000001", "c0a80101-0000-4000-8000-000000000002", "c0a80101-0000-4000-8000-000000000003"}
	c, svc := newClient(t, bal.RetryPolicy{}, func(r *http.Request, _ []byte, _ int) (int, http.Header, []byte) {
		page := update1.Arendelista{}
		switch r.URL.Query().Get("fortsattning") {
		case "":
			page.Arende = []update1.Arende{wireCase(ids[0], "Inkommen")}
			page.Fortsattning = "n"
		case "n":
			page.Arende = []update1.Arende{wireCase(ids[1], "Inkommen"), wireCase(ids[2], "Inkommen")}
		}
		return http.StatusOK, nil, doc(t, &page)
	})
	since := time.Date(2026, 11, 21, 12, 30, 0, 0, time.UTC)
	var got []string
	for k, err := range c.List(t.Context(), &ListOptions{Municipality: "2180", Type: TypeQuality, Status: StatusReceived, ChangedSince: since}) {
		require.NoError(t, err)
		got = append(got, k.ID.String())
	}
	assert.Equal(t, ids, got)
	reqs := svc.log()
	require.Len(t, reqs, 2)
	want := url.Values{"kommunkod": {"2180"}, "arendetyp": {"Kvalitetsärende"}, "status": {"Inkommen"}, "forandradEfter": {"2026-11-21T12:30:00.000Z"}}
	assert.Equal(t, want, reqs[0].Query)
	want.Set("fortsattning", "n")
	assert.Equal(t, want, reqs[1].Query)
}

func TestAcknowledgeSendsAKvittens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		ack  Acknowledgement
		want update1.Kvittensuppgift
	}{
		{
			name: "received by default",
			ack:  Acknowledgement{Comment: " Vi tittar på det "},
			want: update1.Kvittensuppgift{Kvittenstyp: "Mottagen", Kommentar: "Vi tittar på det"},
		},
		{
			name: "handled with the objects updated",
			ack: Acknowledgement{Kind: AcknowledgementHandled, Comment: "Adress flyttad", Time: raised, Updated: []bal.ObjectRef{
				{Type: bal.ObjectTypeAddressPoint, ID: pointID}, {Type: bal.ObjectTypeBuilding, ID: buildingID},
			}},
			want: update1.Kvittensuppgift{Kvittenstyp: "Hanterad", Kommentar: "Adress flyttad", Objekt: []update1.Objektreferens{
				{Objekttyp: "Adressplats", Objektidentitet: pointID.String()}, {Objekttyp: "Byggnad", Objektidentitet: buildingID.String()},
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, svc := newClient(t, bal.RetryPolicy{}, func(_ *http.Request, body []byte, n int) (int, http.Header, []byte) {
				if n == 1 {
					return http.StatusBadGateway, nil, nil
				}
				var k update1.Kvittens
				assert.NoError(t, update1.Unmarshal(body, &k))
				a := wireCase(caseID.String(), "Pågående")
				if k.Kvittenstyp == "Hanterad" {
					a.Status = "Avslutad"
				}
				a.Objektversion = 2
				k.Tidpunkt = update1.NewTidpunkt(raised.Add(time.Minute))
				a.Kvittenser = update1.Kvittenser{k.Kvittensuppgift}
				return http.StatusOK, nil, doc(t, &a)
			})
			got, err := c.Acknowledge(t.Context(), caseID, tt.ack)
			require.NoError(t, err)
			require.Len(t, got.Acknowledgements, 1)
			assert.Equal(t, raised.Add(time.Minute), got.Acknowledgements[0].Time.UTC().In(raised.Location()))
			reqs := svc.log()
			require.Len(t, reqs, 2)
			for _, r := range reqs {
				assert.Equal(t, http.MethodPost, r.Method)
				assert.Equal(t, servicePath+"/"+caseID.String()+"/kvittens", r.Path)
				var k update1.Kvittens
				require.NoError(t, update1.Unmarshal(r.Body, &k))
				assert.Equal(t, tt.want, k.Kvittensuppgift)
			}
			assert.NotEmpty(t, reqs[0].Key)
			assert.Equal(t, reqs[0].Key, reqs[1].Key, "one idempotency key across retries")
		})
	}
}

func TestNothingIsSentForBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		call  func(context.Context, *Client) error
		paths []string
	}{
		{"acknowledge without id", func(ctx context.Context, c *Client) error {
			_, err := c.Acknowledge(ctx, bal.ObjectID{}, Acknowledgement{})
			return err
		}, []string{"id"}},
		{"acknowledge with bad kind and refs", func(ctx context.Context, c *Client) error {
			_, err := c.Acknowledge(ctx, caseID, Acknowledgement{Kind: "Klar", Updated: []bal.ObjectRef{{Type: bal.ObjectTypeBuilding}, {Type: "Hus", ID: buildingID}}})
			return err
		}, []string{"Kind", "Updated[0].ID", "Updated[1].Type"}},
		{"get without id", func(ctx context.Context, c *Client) error { _, err := c.Get(ctx, bal.ObjectID{}); return err }, []string{"id"}},
		{"list with bad filters", func(ctx context.Context, c *Client) error {
			for _, err := range c.List(ctx, &ListOptions{Municipality: "0000", Type: "Bygglovsärende", Status: "Stängd"}) {
				return err
			}
			return nil
		}, []string{"Municipality", "Type", "Status"}},
		{"wait without anything", func(ctx context.Context, c *Client) error {
			_, err := c.Wait(ctx, bal.ObjectID{}, nil, &WaitOptions{MinInterval: -1, MaxDuration: -1})
			return err
		}, []string{"id", "until", "MinInterval", "MaxDuration"}},
		{"wait with max below min", func(ctx context.Context, c *Client) error {
			_, err := c.Wait(ctx, caseID, Closed, &WaitOptions{MinInterval: time.Minute, MaxInterval: time.Second})
			return err
		}, []string{"MaxInterval"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, svc := newClient(t, bal.RetryPolicy{}, func(*http.Request, []byte, int) (int, http.Header, []byte) {
				return http.StatusOK, nil, nil
			})
			err := tt.call(t.Context(), c)
			var v *bal.ValidationError
			require.ErrorAs(t, err, &v)
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
	tests := []struct {
		name string
		edit func(*update1.Arende)
		want string
	}{
		{"another case", func(a *update1.Arende) { a.Objektidentitet = "c0a80101-0000-4000-8000-000000000009" }, "want " + caseID.String()},
		{"bad property", func(a *update1.Arende) { a.Registerenhet[0].Objektidentitet = "x" }, "registerenhet 1"},
		{"bad object", func(a *update1.Arende) { a.Objekt[0].Objektidentitet = "x" }, "objekt 1"},
		{"bad kvittens", func(a *update1.Arende) {
			a.Kvittenser = update1.Kvittenser{{Kvittenstyp: "Mottagen", Tidpunkt: "nyss"}}
		}, "kvittens 1"},
		{"bad skapad", func(a *update1.Arende) { a.Skapad = "förr" }, "skapad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, _ := newClient(t, bal.RetryPolicy{}, func(*http.Request, []byte, int) (int, http.Header, []byte) {
				a := wireCase(caseID.String(), "Inkommen")
				tt.edit(&a)
				return http.StatusOK, nil, doc(t, &a)
			})
			k, err := c.Get(t.Context(), caseID)
			assert.Nil(t, k)
			require.ErrorIs(t, err, bal.ErrInvalidResponse)
			assert.ErrorContains(t, err, tt.want)
		})
	}
	c, _ := newClient(t, bal.RetryPolicy{}, func(*http.Request, []byte, int) (int, http.Header, []byte) {
		return http.StatusOK, nil, doc(t, &update1.Arendelista{})
	})
	_, err := c.Get(t.Context(), caseID)
	require.ErrorIs(t, err, bal.ErrInvalidResponse)
	assert.ErrorContains(t, err, "want <Arende>")
}

func TestCodeLists(t *testing.T) {
	t.Parallel()
	codelisttest.Check[Type](t, []string{"Fastighetsbildningsärende", "Ajourhållningsärende", "Kvalitetsärende"})
	codelisttest.Check[Status](t, []string{"Inkommen", "Pågående", "Avslutad"})
	codelisttest.Check[AcknowledgementKind](t, []string{"Mottagen", "Hanterad"})
	assert.Equal(t, TypePropertyFormation, codelisttest.Read[Type](t, "fastighetsbildningsarende"))
	assert.Equal(t, TypeMaintenance, codelisttest.Read[Type](t, "AJOURHÅLLNINGSÄRENDE"))
	assert.Equal(t, Type("Bygglovsärende"), codelisttest.Read[Type](t, "Bygglovsärende"))
	assert.False(t, types.Known("Bygglovsärende"))
	assert.Equal(t, StatusInProgress, codelisttest.Read[Status](t, "pagaende"))
	assert.Equal(t, AcknowledgementHandled, codelisttest.Read[AcknowledgementKind](t, "hanterad"))
	assert.False(t, ackKinds.Known("Klar"))
}
