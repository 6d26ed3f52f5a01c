// Package updatetest is what the update-service tests of package building,
// address, the transaction tests and the exactly-once test share: a
// bal/baltest server with clients for both packages, fully populated sample
// objects of the seven types that pass both the SDK's and the server's
// rules, a comparison of a written object with what the server gives back,
// an object type's whole life (Lifecycle) and the field-by-field check of
// Modify (ModifyFields).
package updatetest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
)

// Env is a fake Lantmäteriet with clients for it.
type Env struct {
	Server    *baltest.Server
	Client    *bal.Client
	Buildings *building.Client
	Addresses *address.Client
	// Kommunkod is the loaded municipality's code, the responsible
	// organisation of every action.
	Kommunkod string
	// Property is a registerenhet of the loaded data.
	Property bal.ObjectID
	// Center is the municipality's centre in SWEREF 99 TM (E, N).
	Center [2]float64

	seq atomic.Int64
}

// New starts a server (closed when the test ends) and clients for it.
func New(t testing.TB, opts ...baltest.Option) *Env {
	t.Helper()
	srv := baltest.NewServer(opts...)
	t.Cleanup(srv.Close)
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	e := &Env{Server: srv, Client: c, Buildings: building.New(c), Addresses: address.New(c), Kommunkod: srv.Kommunkod()}
	if ds := srv.Dataset(); ds != nil {
		e.Property = ds.Properties[0].ID
		e.Center = ds.Center
	}
	return e
}

// Action returns an action of type typ by the municipality, at a fixed
// time so that repeated writes send the same body.
func (e *Env) Action(typ bal.ActionType) bal.Action {
	return bal.Action{Type: typ, Responsible: e.Kommunkod, Performer: "bal-go tests",
		Time: time.Date(2026, 11, 22, 10, 15, 0, 0, time.UTC)}
}

// next returns a number unique within the Env, to keep names and
// designations apart.
func (e *Env) next() int { return int(e.seq.Add(1)) }

// Square returns a 10 m square in SWEREF 99 TM, placed by n so that squares
// do not overlap.
func (e *Env) Square(n int) *geom.Polygon {
	x, y := e.Center[0]+float64(n%100)*20, e.Center[1]+5000+float64(n/100)*20
	return geom.NewPolygonFlat(geom.XY, []float64{x, y, x + 10, y, x + 10, y + 10, x, y + 10, x, y}, []int{10}).SetSRID(3006)
}

// Building returns a planned building with every attribute set.
func (e *Env) Building() *building.Building {
	n := e.next()
	area := 412.5
	return &building.Building{
		Meta:                 bal.Meta{Status: bal.StatusPlanned},
		HouseNumber:          n%99 + 1,
		ConstructionYear:     2026,
		ExtensionYear:        2027,
		ExemptFromAddressing: false,
		MainBuilding:         true,
		NonFreeGround:        true,
		Servitude:            false,
		Purposes: []building.Purpose{
			{Category: building.CategoryResidential, Use: "Flerfamiljshus", Main: true, TotalLivingArea: &area},
			{Category: building.CategoryBusiness, Use: "Kontor", Uncertain: true},
		},
		Names:    []building.Name{{Text: fmt.Sprintf("Backagården %d", n), Type: "Alternativnamn"}},
		Remarks:  []building.Remark{{Type: "Belägen på oidentifierat område", Text: "test"}},
		Shelters: []building.Shelter{{Identity: fmt.Sprintf("MSB-%d", n)}},
		TaxUnit:  &building.TaxUnit{Identity: fmt.Sprintf("%09d", n)},
		Parts: []building.Part{{
			Placement:      "Takkant",
			Surface:        e.Square(n),
			PlanAccuracy:   &building.Accuracy{Method: "Indirekt mätmetod", Statistic: "medelfel", Value: ptr(0.2), Unit: "meter"},
			HeightAccuracy: &building.Accuracy{NoInformation: true},
		}},
		LiesOn: []bal.PropertyRef{{ID: e.Property}},
	}
}

// Entrance returns an entrance of the building, at the address point when
// pointID is not zero.
func (e *Env) Entrance(buildingID, pointID bal.ObjectID) *building.Entrance {
	en := &building.Entrance{Meta: bal.Meta{Status: bal.StatusPlanned}, BuildingID: buildingID,
		Type: "Bostadsadress med registrerad lägenhet", Elevator: building.No}
	if !pointID.IsZero() {
		en.Address = &building.AddressRef{ID: pointID}
	}
	return en
}

// Apartment returns an apartment with every attribute set.
func (e *Env) Apartment(entranceID bal.ObjectID, number string) *building.Apartment {
	return &building.Apartment{
		Meta:           bal.Meta{Status: bal.StatusPlanned},
		EntranceID:     entranceID,
		Number:         number,
		NumberDecided:  time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
		NumberNotified: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC),
		Rooms:          ptr(3),
		LivingArea:     ptr(74.5),
		Category:       "Bostadslägenhet",
		Kitchen:        "Kök",
		SharedKitchen:  building.No,
		Collection:     "Uppläggning från handläggningssystem",
	}
}

// District returns a kommundel of the loaded municipality.
func (e *Env) District() *address.District {
	return &address.District{Meta: bal.Meta{Status: bal.StatusValid}, Name: fmt.Sprintf("Testdel %d", e.next()),
		PlaceID: "ort-1", Municipality: address.Municipality{Code: bal.MunicipalityCode(e.Kommunkod), Name: "Exempelby"}}
}

// Area returns a gatuadressområde (or another type) in the district.
func (e *Env) Area(districtID bal.ObjectID, typ address.AreaType) *address.Area {
	return &address.Area{Meta: bal.Meta{Status: bal.StatusValid}, Name: fmt.Sprintf("Testvägen %d", e.next()),
		PlaceID: "ort-2", Type: typ, District: address.DistrictRef{ID: districtID}}
}

// CourtyardArea returns a gårdsadressområde in the byadressområde.
func (e *Env) CourtyardArea(byAreaID bal.ObjectID) *address.CourtyardArea {
	return &address.CourtyardArea{Meta: bal.Meta{Status: bal.StatusValid}, Name: fmt.Sprintf("Norrgården %d", e.next()),
		PlaceID: "ort-3", Area: address.AreaRef{ID: byAreaID}}
}

// Point returns a gatuadressplats in the area with every attribute set.
func (e *Env) Point(areaID bal.ObjectID, number int) *address.Point {
	n := e.next()
	return &address.Point{
		Meta:          bal.Meta{Status: bal.StatusValid},
		Designation:   address.Designation{Number: fmt.Sprint(number), Letter: "A", PositionSuffix: "U", PositionNumber: 1},
		Type:          address.PointTypeStreet,
		Placement:     "Ingång",
		Position:      geom.NewPointFlat(geom.XY, []float64{e.Center[0] + float64(n), e.Center[1] - 5000}).SetSRID(3006),
		AddressStatus: "Gällande",
		Remarks:       []address.Remark{{Type: "Busshållplats", Text: "linje 4"}},
		Facility:      &address.Facility{Type: "Brygga", Text: "gästbrygga"},
		PopularName:   &address.PopularName{Name: "Gamla posten", PlaceID: "ort-4"},
		Area:          &address.AreaRef{ID: areaID},
		Property:      &bal.PropertyRef{ID: e.Property},
	}
}

// Street creates a district and a gatuadressområde in it and returns the
// area's id.
func (e *Env) Street(ctx context.Context, t testing.TB) bal.ObjectID {
	t.Helper()
	d, err := e.Addresses.Districts.Create(ctx, e.District(), e.Action(address.ActionNew))
	if err != nil {
		t.Fatalf("create district: %v", err)
	}
	a, err := e.Addresses.Areas.Create(ctx, e.Area(d.ID, address.AreaTypeStreet), e.Action(address.ActionNew))
	if err != nil {
		t.Fatalf("create area: %v", err)
	}
	return a.ID
}

// Writes returns the logged requests that reached the update services with
// a method other than GET whose path contains part, to check that nothing
// was sent.
func (e *Env) Writes(part string) []baltest.Request {
	var out []baltest.Request
	for _, r := range e.Server.Requests() {
		if r.Method != http.MethodGet && strings.Contains(r.Path, part) && !strings.HasSuffix(r.Path, "/sok") {
			out = append(out, r)
		}
	}
	return out
}

// Written is the comparison of an object as written with the object as
// read back: the fields the server sets (versionGiltigFran/Till, the
// recorded action, the version) and the labels it adds to references are
// left out, and coordinates agree to a micrometre.
func Written() cmp.Options {
	return cmp.Options{
		cmpopts.IgnoreFields(bal.Meta{}, "Version", "ValidFrom", "ValidTo", "Action"),
		Labels(),
		cmpopts.IgnoreFields(address.Point{}, "PostalCode", "PostTown", "RegistrationDistrict"),
		cmpopts.EquateEmpty(),
		cmpopts.EquateApprox(0, 1e-6),
		Geometry(),
	}
}

// Labels leaves out what the services add to references for a reader (a
// property's designation and type, an entrance's address label, the names
// of areas and districts), which an object as written or generated does
// not carry.
func Labels() cmp.Options {
	return cmp.Options{
		cmpopts.IgnoreFields(bal.PropertyRef{}, "Designation", "Type"),
		cmpopts.IgnoreFields(building.AddressRef{}, "Label"),
		cmpopts.IgnoreFields(address.AreaRef{}, "Name", "Type", "District"),
		cmpopts.IgnoreFields(address.CourtyardAreaRef{}, "Name", "Area"),
		cmpopts.IgnoreFields(address.DistrictRef{}, "Name", "Municipality"),
	}
}

// flatGeometry is a geometry as comparable values.
type flatGeometry struct {
	Type   string
	SRID   int
	Layout geom.Layout
	Flat   []float64
	Ends   []int
}

// Geometry compares go-geom geometries by type, SRID, layout and
// coordinates (with whatever float tolerance the other options give).
func Geometry() cmp.Option {
	return cmp.Transformer("geometry", func(g geom.T) *flatGeometry {
		if g == nil {
			return nil
		}
		f := &flatGeometry{Type: fmt.Sprintf("%T", g), SRID: g.SRID(), Layout: g.Layout(), Flat: g.FlatCoords(), Ends: g.Ends()}
		if len(f.Ends) == 0 {
			f.Ends = nil
		}
		return f
	})
}

func ptr[V any](v V) *V { return &v }
