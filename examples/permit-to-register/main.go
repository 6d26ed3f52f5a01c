// Command permit-to-register follows one building through the register,
// the way a municipality's case-handling system reports it to Lantmäteriet
// through service-based updating (tjänstebaserad uppdatering):
//
//  1. A building permit (bygglov) is approved: the system registers a
//     planned building (åtgärdstyp "Godkänt bygglov", status Planerad) on
//     the property the permit names.
//  2. The building is finished: in one transaction, all or nothing, the
//     building becomes Gällande with its surveyed footprint, and gets an
//     address point on the street, an entrance at that address and its
//     apartments, numbered by floor and door.
//  3. Years later it is demolished: one transaction retires the apartments,
//     the entrance, the address point and the building.
//
// It prints what it did. By default it runs against an in-process fake
// Lantmäteriet (bal/baltest); the environment variables that cmd/bal reads
// point it elsewhere (README, "Environment"): at a running balsim or `bal
// fake` (BAL_ENV=fake with the lines they print), or at Verifiering
// (BAL_ENV=verifiering, BAL_CLIENT_ID, BAL_CLIENT_SECRET, BAL_KOMMUNKOD),
// where the permit names the property of the first building found and places
// the new building beside it.
//
//	go run ./examples/permit-to-register
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/property"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "permit-to-register:", err)
		os.Exit(1)
	}
}

// registrar is the municipality's side: its clients and how it signs its
// actions.
type registrar struct {
	c         *bal.Client
	buildings *building.Client
	addresses *address.Client
	property  *property.Client
	kommun    string
	out       io.Writer
}

// action is a Verksamhetsåtgärd by the municipality, performed by its
// building-permit office.
func (r *registrar) action(t bal.ActionType, at time.Time) bal.Action {
	return bal.Action{Type: t, Responsible: r.kommun, Performer: "Stadsbyggnadskontoret", Time: at}
}

func (r *registrar) printf(format string, args ...any) { fmt.Fprintf(r.out, format, args...) }

// run chooses where to run and tells the story.
func run(ctx context.Context, out io.Writer) error {
	target, err := baltest.FromEnv()
	if err != nil {
		return err
	}
	defer target.Close()
	c, err := bal.NewClient(target.Config)
	if err != nil {
		return err
	}
	defer c.CloseIdleConnections()
	r := &registrar{c: c, buildings: building.New(c), addresses: address.New(c), property: property.New(c),
		kommun: string(target.Municipality), out: out}
	if r.kommun == "" {
		return errors.New("set BAL_KOMMUNKOD to the municipality to register in")
	}
	r.printf("Permit to register, against %s (kommun %s)\n", target.Name, r.kommun)

	// The permit names a property by its designation and places the
	// building on its site plan; here, in the middle of the property.
	designation, e, n, err := r.site(ctx, target.Control)
	if err != nil {
		return err
	}
	p := permit{designation: designation, footprint: rectangle(e-10, n-6, 20, 12)}

	b, err := r.permitApproved(ctx, p)
	if err != nil {
		return fmt.Errorf("permit: %w", err)
	}
	house, err := r.finished(ctx, b)
	if err != nil {
		return fmt.Errorf("finished: %w", err)
	}
	if err := r.show(ctx, house.building); err != nil {
		return fmt.Errorf("read back: %w", err)
	}
	if err := r.demolished(ctx, house); err != nil {
		return fmt.Errorf("demolition: %w", err)
	}
	return nil
}

// site picks the property the permit names and a point on it: a fake
// lists its properties with a point inside each; against Lantmäteriet, the
// property of the first building of the municipality, beside that
// building.
func (r *registrar) site(ctx context.Context, fake *baltest.Control) (string, float64, float64, error) {
	if fake != nil {
		props, err := fake.Properties(ctx, 10_000)
		if err != nil {
			return "", 0, 0, err
		}
		if len(props) == 0 {
			return "", 0, 0, errors.New("the fake holds no property")
		}
		plot := props[len(props)/2]
		return plot.Designation, plot.Center[0], plot.Center[1], nil
	}
	for hit, err := range r.buildings.Buildings.Search(ctx, bal.Query{Municipality: bal.MunicipalityCode(r.kommun)}, nil) {
		if err != nil {
			return "", 0, 0, err
		}
		b, err := r.buildings.Buildings.Get(ctx, hit.Object.ID, nil)
		if err != nil {
			return "", 0, 0, err
		}
		if len(b.LiesOn) == 0 || len(b.Parts) == 0 || b.Parts[0].Surface == nil {
			continue
		}
		c, err := geometry.Centroid(b.Parts[0].Surface)
		if err != nil {
			return "", 0, 0, err
		}
		return b.LiesOn[0].Designation, c.X() + 25, c.Y(), nil
	}
	return "", 0, 0, errors.New("no building with a property and a footprint in the municipality")
}

// permit is what the building permit says: the property, by its
// designation, and the footprint on the site plan.
type permit struct {
	designation string
	footprint   *geom.Polygon
}

// permitApproved registers the planned building of an approved permit.
func (r *registrar) permitApproved(ctx context.Context, p permit) (*building.Building, error) {
	r.printf("\n1. Building permit approved on %s\n", p.designation)
	unit, err := r.property.Lookup(ctx, p.designation, nil)
	if err != nil {
		return nil, err
	}
	r.printf("   the designation names registerenhet %s (%s)\n", short(unit.ID), unit.Type)

	// Until it is surveyed, the building's footprint is the one on the
	// site plan: an illustrative position.
	b := &building.Building{
		ConstructionYear: 2026,
		Purposes: []building.Purpose{{Category: building.CategoryResidential,
			Use: building.UseApartmentBlock, Main: true}},
		Parts:  []building.Part{{Placement: building.PlacementIllustrative, Surface: p.footprint}},
		LiesOn: []bal.PropertyRef{unit.PropertyRef},
	}
	receipt, err := r.buildings.Buildings.Create(ctx, b, r.action(building.ActionPermitApproved, date(2025, 3, 14)))
	if err != nil {
		return nil, err
	}
	b, err = r.buildings.Buildings.Get(ctx, receipt.ID, nil)
	if err != nil {
		return nil, err
	}
	r.printf("   registered a planned building: version %d, status %s, åtgärd %q\n", b.Version, b.Status, b.Action.Type)
	return b, nil
}

// house is what the finished building consists of.
type house struct {
	building   *building.Building
	point      *address.Point
	entrance   *building.Entrance
	apartments []*building.Apartment
}

// finished reports the finished building in one transaction: the surveyed
// footprint and status Gällande, an address, an entrance and apartments.
func (r *registrar) finished(ctx context.Context, b *building.Building) (*house, error) {
	r.printf("\n2. The building is finished and surveyed\n")
	street, label, number, err := r.nextFreeAddress(ctx)
	if err != nil {
		return nil, err
	}
	r.printf("   next free number on %s: %s\n", street.Name, label)

	done := date(2026, 9, 1)
	b.Status = bal.StatusValid
	centre, err := geometry.Centroid(b.Parts[0].Surface)
	if err != nil {
		return nil, err
	}
	b.Parts = []building.Part{{
		Placement: building.PlacementRoofEdge,
		Surface:   rectangle(centre.X()-10.4, centre.Y()-6.2, 20.8, 12.4),
		PlanAccuracy: &building.Accuracy{Method: building.EvaluationIndirect, Statistic: building.StatisticStandardError,
			Value: ptr(0.2), Unit: building.UnitMetre},
	}}
	h := &house{building: b}
	h.point = &address.Point{
		Meta:          bal.Meta{Status: bal.StatusValid},
		Designation:   address.Designation{Number: strconv.Itoa(number)},
		Type:          address.PointTypeStreet,
		Placement:     address.PlacementEntrance,
		Position:      geom.NewPointFlat(geom.XY, []float64{centre.X(), centre.Y() - 6.5}).SetSRID(geometry.SWEREF99TM),
		AddressStatus: address.StatusValid,
		Area:          &address.AreaRef{ID: street.ID, Name: street.Name, Type: street.Type},
		Property:      &bal.PropertyRef{ID: b.LiesOn[0].ID},
	}

	tx := r.c.NewTransaction()
	errs := []error{
		r.buildings.Buildings.AddUpdate(tx, b, r.action(building.ActionCompleted, done)),
		r.addresses.Points.AddCreate(tx, h.point, r.action(address.ActionNew, done)),
	}
	h.entrance = &building.Entrance{Meta: bal.Meta{Status: bal.StatusValid}, BuildingID: b.ID,
		Type: building.EntranceResidentialApartments, Elevator: building.Yes, Address: &building.AddressRef{ID: h.point.ID}}
	errs = append(errs, r.buildings.Entrances.AddCreate(tx, h.entrance, r.action(building.ActionNewEntrance, done)))
	// Two floors, two doors each: 10 is the entrance floor, 11 the one
	// above; doors are counted from the left of the stairs.
	for _, n := range []string{"1001", "1002", "1101", "1102"} {
		a := &building.Apartment{Meta: bal.Meta{Status: bal.StatusValid}, EntranceID: h.entrance.ID, Number: n,
			Rooms: ptr(3), LivingArea: ptr(74.5), Kitchen: building.KitchenFull, NumberDecided: date(2025, 11, 3)}
		h.apartments = append(h.apartments, a)
		errs = append(errs, r.buildings.Apartments.AddCreate(tx, a, r.action(building.ActionNewApartment, done)))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	receipts, err := tx.Commit(ctx)
	if err != nil {
		return nil, err
	}
	r.printf("   one transaction, %d members, applied all together:\n", len(receipts))
	for i, ref := range tx.Objects() {
		r.printf("     %-12s version %d\n", ref.Type, receipts[i].Version)
	}
	return h, nil
}

// nextFreeAddress picks a street of the municipality and the first odd
// number on it that no address point uses.
func (r *registrar) nextFreeAddress(ctx context.Context) (*address.Area, string, int, error) {
	var street *address.Area
	for hit, err := range r.addresses.Areas.Search(ctx, bal.Query{Municipality: bal.MunicipalityCode(r.kommun)}, nil) {
		if err != nil {
			return nil, "", 0, err
		}
		a, err := r.addresses.Areas.Get(ctx, hit.Object.ID, nil)
		if err != nil {
			return nil, "", 0, err
		}
		if a.Type == address.AreaTypeStreet {
			street = a
			break
		}
	}
	if street == nil {
		return nil, "", 0, errors.New("the municipality has no street")
	}
	used := map[string]bool{}
	for hit, err := range r.addresses.Points.Search(ctx, bal.Query{Name: street.Name}, nil) {
		if err != nil {
			return nil, "", 0, err
		}
		used[hit.Label] = true
	}
	for n := 1; ; n += 2 {
		label := street.Name + " " + strconv.Itoa(n)
		if !used[label] {
			return street, label, n, nil
		}
	}
}

// show prints what Lantmäteriet holds for the building now.
func (r *registrar) show(ctx context.Context, id *building.Building) error {
	r.printf("\n3. What Lantmäteriet holds now\n")
	b, err := r.buildings.Buildings.Get(ctx, id.ID, nil)
	if err != nil {
		return err
	}
	area, err := geometry.Area(b.Parts[0].Surface)
	if err != nil {
		return err
	}
	r.printf("   building: %s, version %d, built %d, footprint %.1f m² (%s) on %s\n",
		b.Status, b.Version, b.ConstructionYear, area, b.Parts[0].Placement, b.LiesOn[0].Designation)
	entrances, err := r.buildings.Entrances.ByBuilding(ctx, b.ID)
	if err != nil {
		return err
	}
	for _, e := range entrances {
		r.printf("   entrance: %s, at %s, lift: %s\n", e.Type, e.Address.Label, e.Elevator)
		apartments, err := r.buildings.Apartments.ByEntrance(ctx, e.ID)
		if err != nil {
			return err
		}
		var numbers []string
		for _, a := range apartments {
			numbers = append(numbers, a.Number)
		}
		slices.Sort(numbers)
		r.printf("   apartments: %s\n", strings.Join(numbers, ", "))
	}
	return nil
}

// demolished retires everything the building consists of, in one
// transaction, children first.
func (r *registrar) demolished(ctx context.Context, h *house) error {
	r.printf("\n4. The building is demolished\n")
	gone := date(2061, 5, 2)
	tx := r.c.NewTransaction()
	var errs []error
	for _, a := range h.apartments {
		errs = append(errs, r.buildings.Apartments.AddRetire(tx, a.ID, 1, r.action(building.ActionApartmentDemolished, gone)))
	}
	errs = append(errs,
		r.buildings.Entrances.AddRetire(tx, h.entrance.ID, 1, r.action(building.ActionEntranceRemoved, gone)),
		r.addresses.Points.AddRetire(tx, h.point.ID, 1, r.action(address.ActionRemoved, gone)),
		r.buildings.Buildings.AddRetire(tx, h.building.ID, 2, r.action(building.ActionDemolished, gone)))
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if _, err := tx.Commit(ctx); err != nil {
		return err
	}
	r.printf("   one transaction retired %d objects\n", tx.Len())
	b, err := r.buildings.Buildings.Get(ctx, h.building.ID, nil)
	if err != nil {
		return err
	}
	r.printf("   building: %s, version %d, åtgärd %q\n", b.Status, b.Version, b.Action.Type)
	p, err := r.addresses.Points.Get(ctx, h.point.ID, nil)
	if err != nil {
		return err
	}
	r.printf("   address %s: %s\n", p.Label(), p.Status)

	// A retired object keeps its status: the SDK refuses to bring it back
	// before asking Lantmäteriet (rule BAL-3015).
	_, err = r.buildings.Buildings.Modify(ctx, h.building.ID, func(b *building.Building) error {
		b.Status = bal.StatusValid
		return nil
	}, r.action(building.ActionBuildingChanged, gone), nil)
	var invalid *bal.ValidationError
	if errors.As(err, &invalid) && invalid.Has("Status", "BAL-3015") {
		r.printf("   bringing it back is refused before sending: rule BAL-3015\n")
	}
	return nil
}

func rectangle(x, y, w, h float64) *geom.Polygon {
	return geom.NewPolygonFlat(geom.XY, []float64{x, y, x + w, y, x + w, y + h, x, y + h, x, y}, []int{10}).
		SetSRID(geometry.SWEREF99TM)
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, time.UTC) }

// short is the first block of an id, enough to tell ids apart in print.
func short(id bal.ObjectID) string { return id.String()[:8] + "…" }

func ptr[V any](v V) *V { return &v }
