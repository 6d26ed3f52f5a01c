package conformance_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/casefile"
	"github.com/tjanstebaserad/bal-go/deficiency"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/conformance"
	"github.com/tjanstebaserad/bal-go/internal/lmtest"
)

// exchange is one request the client sent to the stub.
type exchange struct {
	method, path string
	query        url.Values
	body         []byte
	header       http.Header
}

// stubAnswer is what the stub answers one request with: a status and a
// document from testdata (or an inline body).
type stubAnswer struct {
	status int
	file   string // in testdata/update1 unless it has a directory
	body   string
}

// stub is a Lantmäteriet that answers requests in order with documents and
// records what the client sent; the API paths it records are relative to
// the update path.
type stub struct {
	mu        sync.Mutex
	sent      []exchange
	answers   []stubAnswer
	basePaths []string
}

func newStubClient(t *testing.T, answers ...stubAnswer) (*bal.Client, *stub) {
	t.Helper()
	st := &stub{answers: answers, basePaths: []string{bal.DefaultUpdatePath}}
	srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		st.mu.Lock()
		path := r.URL.Path
		for _, p := range st.basePaths {
			path = strings.TrimPrefix(path, p)
		}
		st.sent = append(st.sent, exchange{method: r.Method, path: path, query: r.URL.Query(), body: body, header: r.Header.Clone()})
		n := len(st.sent)
		st.mu.Unlock()
		if n > len(st.answers) {
			http.Error(w, "the stub has no answer for request "+path, http.StatusTeapot)
			return
		}
		a := st.answers[n-1]
		doc := []byte(a.body)
		if a.file != "" {
			dir, name := "update1", a.file
			if i := strings.LastIndex(a.file, "/"); i >= 0 {
				dir, name = a.file[:i], a.file[i+1:]
			}
			doc = golden(t, dir, name)
		}
		ct := "application/xml"
		if trimmed := strings.TrimSpace(string(doc)); strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "[") {
			ct = "application/json"
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(a.status)
		_, _ = w.Write(doc)
	}))
	env, err := bal.NewEnvironment("stub", srv.BaseURL(), srv.TokenURL())
	require.NoError(t, err)
	c, err := bal.NewClient(bal.Config{
		Environment: env,
		Credentials: bal.ClientCredentials{ID: lmtest.ClientID, Secret: lmtest.Secret},
		Retry:       bal.RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond, MaxAttempts: 1},
	})
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	return c, st
}

func (s *stub) requests() []exchange {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]exchange(nil), s.sent...)
}

// geomEqual compares geometries (any geom.T, *geom.Point included) by
// layout, SRID and coordinates.
var geomEqual = cmp.Options{
	cmp.Comparer(func(a, b geom.T) bool {
		if isNil(a) || isNil(b) {
			return isNil(a) && isNil(b)
		}
		return a.Layout() == b.Layout() && a.SRID() == b.SRID() &&
			cmp.Equal(a.FlatCoords(), b.FlatCoords()) && cmp.Equal(a.Ends(), b.Ends())
	}),
}

func isNil(g geom.T) bool {
	if g == nil {
		return true
	}
	p, ok := g.(*geom.Point)
	return ok && p == nil
}

func ptr[T any](v T) *T { return &v }

func id(s string) bal.ObjectID {
	v, err := bal.ParseObjectID(s)
	if err != nil {
		panic(err)
	}
	return v
}

// at parses a time of the documents.
func at(s string) time.Time {
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return v
}

const written = "2026-11-22T10:15:01.123+01:00" // versionGiltigFran and the like in the documents

func action(t bal.ActionType) bal.Action {
	return bal.Action{Type: t, Responsible: "2180", Performer: "Exempel AB", Time: actionTime}
}

func footprint() *geom.Polygon {
	return geom.NewPolygonFlat(geom.XY, []float64{
		617000, 6729000, 617020, 6729000, 617020, 6729012, 617000, 6729012, 617000, 6729000,
	}, []int{10}).SetSRID(3006)
}

// storyBuilding is the building as the requests write it, version and
// status aside.
func storyBuilding() *building.Building {
	return &building.Building{
		Meta:         bal.Meta{ID: id(buildingID), Status: "Planerad"},
		HouseNumber:  1,
		MainBuilding: true,
		Names:        []building.Name{{Text: "Backagården", Type: building.NameAlternative}},
		Purposes: []building.Purpose{
			{Category: building.CategoryResidential, Use: building.UseApartmentBlock, Main: true, TotalLivingArea: ptr(412.5)},
		},
		Parts: []building.Part{{
			Placement: building.PlacementRoofEdge, Surface: footprint(),
			PlanAccuracy: &building.Accuracy{Method: "Indirekt mätmetod", Statistic: "medelfel", Value: ptr(0.2), Unit: "meter"},
		}},
		LiesOn: []bal.PropertyRef{{ID: id(propertyID)}},
	}
}

// changedBuilding is storyBuilding with the change of byggnad-andra: an
// office purpose and a taxeringsenhet, read at version.
func changedBuilding(version bal.Version) *building.Building {
	b := storyBuilding()
	b.Version = version
	b.Purposes = append(b.Purposes, building.Purpose{Category: building.CategoryBusiness, Use: "Kontor"})
	b.TaxUnit = &building.TaxUnit{Identity: "100123456"}
	return b
}

// clientCase is one operation: what the SDK is asked to do, the request it
// must send (method, path, query, and the request document it must equal
// in meaning), the answer document it gets, and what it must make of it.
type clientCase struct {
	name      string
	call      func(ctx context.Context, c *bal.Client) (any, error)
	method    string
	path      string
	query     url.Values // parameters that must be sent, each with exactly these values
	request   string     // request document, "" for none
	answers   []stubAnswer
	want      any // the decoded result
	wantCheck func(t *testing.T, got any, err error)
}

func receipt(objID string, v bal.Version) *bal.Receipt {
	return &bal.Receipt{ID: id(objID), Version: v, ValidFrom: at(written)}
}

// TestClientConformsToTheBinding: for every operation of the update binding
// the SDK's encoder writes a request equal in meaning to the hand-written
// request document, and its decoder reads the hand-written answer document
// into the right values.
func TestClientConformsToTheBinding(t *testing.T) {
	t.Parallel()
	ignoreReceiptMeta := cmpopts.IgnoreFields(bal.Receipt{}, "RequestID", "Attempts")
	tests := []clientCase{
		{
			name: "create",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return building.New(c).Buildings.Create(ctx, storyBuilding(), action(building.ActionPermitApproved))
			},
			method: "POST", path: "/byggnad", request: "byggnad-skapa.request.xml",
			answers: []stubAnswer{{status: 201, file: "byggnad-skapa.201.xml"}},
			want:    receipt(buildingID, 1),
		},
		{
			name: "get",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return building.New(c).Buildings.Get(ctx, id(buildingID), nil)
			},
			method: "GET", path: "/byggnad/" + buildingID,
			answers: []stubAnswer{{status: 200, file: "byggnad-get.200.xml"}},
			want: func() *building.Building {
				b := storyBuilding()
				b.Version, b.ValidFrom = 1, at(written)
				a := action(building.ActionPermitApproved)
				b.Action = &a
				b.LiesOn[0].Designation, b.LiesOn[0].Type = "Exempelby Backa 1:23", "Fastighet"
				return b
			}(),
		},
		{
			name: "change",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return building.New(c).Buildings.Update(ctx, changedBuilding(1), action(building.ActionBuildingChanged))
			},
			method: "PUT", path: "/byggnad/" + buildingID, request: "byggnad-andra.request.xml",
			answers: []stubAnswer{{status: 200, file: "byggnad-andra.200.xml"}},
			want:    receipt(buildingID, 2),
		},
		{
			name: "transaction",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				tx := c.NewTransaction()
				bc, ac := building.New(c), address.New(c)
				point := &address.Point{
					Meta:          bal.Meta{ID: id(pointID), Status: "Gällande"},
					Designation:   address.Designation{Number: "7", Letter: "A"},
					Type:          "Gatuadressplats",
					Placement:     "Ingång",
					Position:      geom.NewPointFlat(geom.XY, []float64{617010, 6729006}).SetSRID(3006),
					AddressStatus: "Gällande",
					Area:          &address.AreaRef{ID: id(areaID), Name: "Backavägen", Type: "Gatuadressområde"},
					Property:      &bal.PropertyRef{ID: id(propertyID)},
				}
				entrance := &building.Entrance{
					Meta: bal.Meta{ID: id(entranceID), Status: "Gällande"}, BuildingID: id(buildingID),
					Type: building.EntranceResidentialApartments, Elevator: "Nej", Address: &building.AddressRef{ID: id(pointID)},
				}
				apartment := &building.Apartment{
					Meta: bal.Meta{ID: id(apartmentID), Status: "Gällande"}, EntranceID: id(entranceID), Number: "1001",
					NumberDecided: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Rooms: ptr(3), LivingArea: ptr(74.5), Kitchen: building.KitchenFull,
				}
				b := changedBuilding(2)
				b.Shelters = []building.Shelter{{Identity: "2180-0042"}}
				for _, err := range []error{
					ac.Points.AddCreate(tx, point, action("Ny")),
					bc.Entrances.AddCreate(tx, entrance, action(building.ActionNewEntrance)),
					bc.Apartments.AddCreate(tx, apartment, action(building.ActionNewApartment)),
					bc.Buildings.AddUpdate(tx, b, action(building.ActionBuildingChanged)),
				} {
					if err != nil {
						return nil, err
					}
				}
				return tx.Commit(ctx)
			},
			method: "POST", path: "/transaktion", request: "transaktion.request.xml",
			answers: []stubAnswer{{status: 200, file: "transaktion.200.xml"}},
			want:    []bal.Receipt{*receipt(pointID, 1), *receipt(entranceID, 1), *receipt(apartmentID, 1), *receipt(buildingID, 3)},
		},
		{
			name: "refused transaction",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				tx := c.NewTransaction()
				bc := building.New(c)
				a := bal.Action{Responsible: "2180", Time: actionTime}
				a.Type = building.ActionNewEntrance
				if err := bc.Entrances.AddCreate(tx, &building.Entrance{Meta: bal.Meta{ID: id("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")},
					BuildingID: id(buildingID), Type: building.EntranceVisitor, Elevator: "Ja"}, a); err != nil {
					return nil, err
				}
				a.Type = building.ActionNewApartment
				if err := bc.Apartments.AddCreate(tx, &building.Apartment{Meta: bal.Meta{ID: id("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a")},
					EntranceID: id("00000000-0000-4000-8000-0000000000e1"), Number: "1002"}, a); err != nil {
					return nil, err
				}
				return tx.Commit(ctx)
			},
			method: "POST", path: "/transaktion", request: "transaktion-fel.request.xml",
			answers: []stubAnswer{{status: 400, file: "fault-400-transaktion.xml"}},
			wantCheck: func(t *testing.T, _ any, err error) {
				var te *bal.TransactionError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, 1, te.Index, "the second member, medlem=2")
				assert.Equal(t, bal.ObjectRef{Type: "Lagenhet", ID: id("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a")}, te.Object)
				var e *bal.Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, "BAL-2003", e.Code)
				assert.Equal(t, "Lagenhet Entre: entrén 00000000-0000-4000-8000-0000000000e1 finns inte", e.Message)
				assert.Equal(t, []string{"medlem=2", "objektidentitet=9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", "objekttyp=Lagenhet"}, e.Details)
				assert.ErrorIs(t, err, bal.ErrValidation)
			},
		},
		{
			name: "entrances of a building",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return building.New(c).Entrances.ByBuilding(ctx, id(buildingID))
			},
			method: "GET", path: "/byggnad/" + buildingID + "/entre",
			answers: []stubAnswer{{status: 200, file: "entrelista.200.xml"}},
			want: []*building.Entrance{{
				Meta:       bal.Meta{ID: id(entranceID), Version: 1, ValidFrom: at(written), Status: "Gällande", Action: ptr(action(building.ActionNewEntrance))},
				BuildingID: id(buildingID), Type: building.EntranceResidentialApartments, Elevator: "Nej",
				Address: &building.AddressRef{ID: id(pointID), Label: "Backavägen 7A"},
			}},
		},
		{
			name: "apartments of an entrance",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return building.New(c).Apartments.ByEntrance(ctx, id(entranceID))
			},
			method: "GET", path: "/entre/" + entranceID + "/lagenhet",
			answers: []stubAnswer{{status: 200, file: "lagenhetslista.200.xml"}},
			want: []*building.Apartment{{
				Meta:       bal.Meta{ID: id(apartmentID), Version: 1, ValidFrom: at(written), Status: "Gällande", Action: ptr(action(building.ActionNewApartment))},
				EntranceID: id(entranceID), Number: "1001", NumberDecided: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
				Rooms: ptr(3), LivingArea: ptr(74.5), Kitchen: building.KitchenFull,
			}},
		},
		{
			name: "address point",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return address.New(c).Points.Get(ctx, id(pointID), nil)
			},
			method: "GET", path: "/adressplats/" + pointID,
			answers: []stubAnswer{{status: 200, file: "adressplats-get.200.xml"}},
			want: &address.Point{
				Meta:          bal.Meta{ID: id(pointID), Version: 1, ValidFrom: at(written), Status: "Gällande", Action: ptr(action("Ny"))},
				Designation:   address.Designation{Number: "7", Letter: "A"},
				Type:          "Gatuadressplats",
				Placement:     "Ingång",
				Position:      geom.NewPointFlat(geom.XY, []float64{617010, 6729006}).SetSRID(3006),
				AddressStatus: "Gällande",
				Area:          &address.AreaRef{ID: id(areaID), Name: "Backavägen", Type: "Gatuadressområde"},
				Property:      &bal.PropertyRef{ID: id(propertyID), Designation: "Exempelby Backa 1:23", Type: "Fastighet"},
			},
		},
		{
			name: "search",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				q := bal.Query{Municipality: "2180", Property: id(propertyID), Statuses: []bal.Status{"Planerad"},
					Box: &geometry.Envelope{SRID: 3006, MinX: 616000, MinY: 6728000, MaxX: 618000, MaxY: 6730000}}
				return collect(building.New(c).Buildings.Search(ctx, q, &bal.SearchOptions{PageSize: 10}), nil)
			},
			method: "POST", path: "/byggnad/sok", request: "byggnad-sok.request.xml",
			answers: []stubAnswer{{status: 200, file: "byggnad-sok.200.xml"}},
			want:    []bal.Hit{{Object: bal.ObjectRef{Type: "Byggnad", ID: id(buildingID)}, Version: 3, Label: "Backagården"}},
		},
		{
			name: "retire",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return building.New(c).Buildings.Retire(ctx, id(buildingID), 3, bal.Action{Type: "Riven, nedbrunnen byggnad", Responsible: "2180", Time: actionTime})
			},
			method: "POST", path: "/byggnad/" + buildingID + "/avregistrering", request: "byggnad-avregistrera.request.xml",
			answers: []stubAnswer{{status: 200, file: "byggnad-avregistrera.200.xml"}},
			want:    receipt(buildingID, 4),
		},
		{
			name: "change feed",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return collect(c.Changes(ctx, "", nil), nil)
			},
			method: "GET", path: "/forandringar", query: url.Values{"max": {"1000"}},
			answers: []stubAnswer{{status: 200, file: "forandringar.200.xml"}, {status: 200, file: "forandringar-tom.200.xml"}},
			want: func() []bal.Change {
				kinds := []struct {
					typ, id string
					v       bal.Version
					kind    bal.ChangeKind
				}{
					{"Byggnad", buildingID, 1, "Ny"}, {"Byggnad", buildingID, 2, "Ändrad"}, {"Adressplats", pointID, 1, "Ny"},
					{"Entre", entranceID, 1, "Ny"}, {"Lagenhet", apartmentID, 1, "Ny"}, {"Byggnad", buildingID, 3, "Ändrad"},
					{"Byggnad", buildingID, 4, "Avregistrerad"},
				}
				var out []bal.Change
				for i, k := range kinds {
					out = append(out, bal.Change{Sequence: int64(i + 1), Object: bal.ObjectRef{Type: bal.ObjectType(k.typ), ID: id(k.id)},
						Version: k.v, Kind: k.kind, Time: at(written), Checkpoint: bal.Checkpoint(strconv.Itoa(i + 1))})
				}
				return out
			}(),
		},
		{
			name: "deficiency",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return deficiency.New(c).Get(ctx, id("d1f0c5a2-3b4c-4d5e-8f60-718293a4b5c6"))
			},
			method: "GET", path: "/brist/d1f0c5a2-3b4c-4d5e-8f60-718293a4b5c6",
			answers: []stubAnswer{{status: 200, file: "brist-get.200.xml"}},
			want:    storyDeficiency(1, "Öppen", ""),
		},
		{
			name: "deficiencies",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return collect(deficiency.New(c).List(ctx, &deficiency.ListOptions{Municipality: "2180", Status: deficiency.StatusOpen}), nil)
			},
			method: "GET", path: "/brist", query: url.Values{"kommunkod": {"2180"}, "status": {"Öppen"}},
			answers: []stubAnswer{{status: 200, file: "bristlista.200.xml"}},
			want:    []*deficiency.Deficiency{storyDeficiency(1, "Öppen", "")},
		},
		{
			name: "deficiency handled",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return deficiency.New(c).MarkHandled(ctx, id("d1f0c5a2-3b4c-4d5e-8f60-718293a4b5c6"), "Entré med adress registrerad.")
			},
			method: "POST", path: "/brist/d1f0c5a2-3b4c-4d5e-8f60-718293a4b5c6/atgard", request: "bristatgard.request.xml",
			answers: []stubAnswer{{status: 200, file: "brist-atgard.200.xml"}},
			want:    storyDeficiency(2, "Åtgärdad", "Entré med adress registrerad."),
		},
		{
			name: "case",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return casefile.New(c).Get(ctx, id("c0a80101-0000-4000-8000-000000000001"))
			},
			method: "GET", path: "/arende/c0a80101-0000-4000-8000-000000000001",
			answers: []stubAnswer{{status: 200, file: "arende-get.200.xml"}},
			want:    storyCase(1, "Inkommen"),
		},
		{
			name: "cases",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return collect(casefile.New(c).List(ctx, &casefile.ListOptions{Municipality: "2180"}), nil)
			},
			method: "GET", path: "/arende", query: url.Values{"kommunkod": {"2180"}},
			answers: []stubAnswer{{status: 200, file: "arendelista.200.xml"}},
			want:    []*casefile.Case{storyCase(1, "Inkommen")},
		},
		{
			name: "case handled",
			call: func(ctx context.Context, c *bal.Client) (any, error) {
				return casefile.New(c).Acknowledge(ctx, id("c0a80101-0000-4000-8000-000000000001"), casefile.Acknowledgement{
					Kind: casefile.AcknowledgementHandled, Comment: "Byggnaden ligger kvar på Exempelby Backa 1:23.",
					Updated: []bal.ObjectRef{{Type: "Byggnad", ID: id(buildingID)}},
				})
			},
			method: "POST", path: "/arende/c0a80101-0000-4000-8000-000000000001/kvittens", request: "kvittens.request.xml",
			answers: []stubAnswer{{status: 200, file: "arende-kvittens.200.xml"}},
			want: func() *casefile.Case {
				k := storyCase(2, "Avslutad")
				k.Acknowledgements = []casefile.Acknowledgement{{
					Kind: casefile.AcknowledgementHandled, Comment: "Byggnaden ligger kvar på Exempelby Backa 1:23.",
					Updated: []bal.ObjectRef{{Type: "Byggnad", ID: id(buildingID)}}, Time: at(written),
				}}
				return k
			}(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, st := newStubClient(t, tt.answers...)
			got, err := tt.call(t.Context(), c)
			sent := st.requests()
			require.NotEmpty(t, sent, "nothing was sent")
			first := sent[0]
			assert.Equal(t, tt.method, first.method)
			assert.Equal(t, tt.path, first.path)
			for k, v := range tt.query {
				assert.Equal(t, v, first.query[k], "query parameter %s", k)
			}
			if tt.request != "" {
				assert.NoError(t, conformance.CompareXML(golden(t, "update1", tt.request), first.body), "request of %s:\n%s", tt.name, first.body)
			} else {
				assert.Empty(t, first.body)
			}
			if tt.wantCheck != nil {
				tt.wantCheck(t, got, err)
				return
			}
			require.NoError(t, err)
			assert.Empty(t, cmp.Diff(tt.want, got, geomEqual, ignoreReceiptMeta, cmpopts.EquateEmpty()))
		})
	}
}

func storyDeficiency(v bal.Version, status deficiency.Status, comment string) *deficiency.Deficiency {
	return &deficiency.Deficiency{
		ID: id("d1f0c5a2-3b4c-4d5e-8f60-718293a4b5c6"), Version: v, Type: deficiency.TypeBuildingWithoutAddress, Status: status,
		Description: "Byggnaden är en huvudbyggnad men saknar entré med adress.", Municipality: "2180",
		Property: &bal.PropertyRef{ID: id(propertyID), Designation: "Exempelby Backa 1:23"},
		Object:   &bal.ObjectRef{Type: "Byggnad", ID: id(buildingID)}, Comment: comment,
		Created: at(written), Changed: at(written),
	}
}

func storyCase(v bal.Version, status casefile.Status) *casefile.Case {
	return &casefile.Case{
		ID: id("c0a80101-0000-4000-8000-000000000001"), Version: v, Number: "AB123456", Type: casefile.TypePropertyFormation,
		Status: status, Description: "Avstyckning från Exempelby Backa 1:23", Municipality: "2180",
		Properties: []bal.PropertyRef{{ID: id(propertyID), Designation: "Exempelby Backa 1:23", Type: "Fastighet"}},
		Objects:    []bal.ObjectRef{{Type: "Byggnad", ID: id(buildingID)}},
		Created:    at(written), Changed: at(written),
	}
}

// TestClientReadsTheNewestChange: Client.LatestCheckpoint asks GET
// /forandringar/senaste and reads the hand-written answer's position.
func TestClientReadsTheNewestChange(t *testing.T) {
	t.Parallel()
	c, st := newStubClient(t, stubAnswer{status: 200, file: "forandringar-senaste.200.xml"})
	cp, err := c.LatestCheckpoint(t.Context())
	require.NoError(t, err)
	assert.Equal(t, bal.Checkpoint("7"), cp)
	sent := st.requests()
	require.Len(t, sent, 1)
	assert.Equal(t, "GET", sent[0].method)
	assert.Equal(t, "/forandringar/senaste", sent[0].path)
}
