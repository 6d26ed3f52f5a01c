// Command quickstart walks through the work a municipality's system does
// with Lantmäteriet's BAL services, by default against an in-process fake
// Lantmäteriet (bal/baltest) with a generated municipality, so it needs no
// credentials and no network:
//
//  1. search the municipality's addresses;
//  2. fetch a building with its footprint in the municipality's local
//     SWEREF 99 zone (Byggnad Direkt v3);
//  3. register a new building with an entrance, two apartments and an
//     address point, all or nothing, in one transaction;
//  4. change it;
//  5. meet a version conflict — Lantmäteriet changed the building in the
//     meantime — and resolve it;
//  6. read the change feed from a saved checkpoint;
//  7. work through a deficiency (brist) Lantmäteriet's quality check raised;
//  8. acknowledge and close a case (ärende) about a property formation;
//  9. keep the municipality's own copy of its BAL objects in a GeoPackage
//     (package mirror), loaded once and then kept in step with the feed.
//
// The environment variables that cmd/bal reads point it elsewhere (README,
// "Environment"): at a running balsim or `bal fake` (BAL_ENV=fake with the
// lines they print), or at Verifiering (BAL_ENV=verifiering, BAL_CLIENT_ID,
// BAL_CLIENT_SECRET, BAL_KOMMUNKOD). The fake's own steps (marked "the
// fake"), where Lantmäteriet acts, go through the fake's control API and are
// skipped against Verifiering.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/casefile"
	"github.com/tjanstebaserad/bal-go/deficiency"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/mirror"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	dir, err := os.MkdirTemp("", "bal-quickstart-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
	err = run(ctx, os.Stdout, dir)
	os.RemoveAll(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// tour holds the clients and what the steps pass on to each other.
type tour struct {
	// fake makes Lantmäteriet act; nil against Verifiering.
	fake   *baltest.Control
	c      *bal.Client
	bc     *building.Client
	ac     *address.Client
	kommun bal.MunicipalityCode
	zone   *geometry.CRS
	out    io.Writer

	street   *address.Area
	house    *building.Building
	feedFile string
	gpkg     string
	// field is an empty field to build on (SWEREF 99 TM); found is a
	// building step 2 fetched.
	field [2]float64
	found bal.ObjectID
}

func (t *tour) printf(format string, args ...any) { fmt.Fprintf(t.out, format, args...) }

// act is a Verksamhetsåtgärd by the municipality.
func (t *tour) act(typ bal.ActionType) bal.Action {
	return bal.Action{Type: typ, Responsible: string(t.kommun), Performer: "Quickstart AB"}
}

// run chooses where to run and takes the tour; the change feed's
// checkpoint and the GeoPackage are kept in dir.
func run(ctx context.Context, out io.Writer, dir string) error {
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
	t := &tour{fake: target.Control, c: c, bc: building.New(c), ac: address.New(c), kommun: target.Municipality,
		out: out, feedFile: filepath.Join(dir, "feed.checkpoint"), gpkg: filepath.Join(dir, "bal.gpkg")}
	if t.kommun == "" {
		return errors.New("set BAL_KOMMUNKOD to the municipality to work in")
	}
	// The municipality's local zone and name: the fake says; against
	// Lantmäteriet, SWEREF 99 TM.
	zone, name := geometry.SWEREF99TM, ""
	if t.fake != nil {
		info, err := t.fake.Info(ctx)
		if err != nil {
			return err
		}
		zone, name = info.Zone, " "+info.Kommunnamn
		t.field = [2]float64{info.Center[0] + 4000, info.Center[1] + 4000} // an empty field
	}
	if t.zone, err = geometry.Lookup(zone); err != nil {
		return err
	}
	t.printf("bal-go quickstart, against %s: kommun %s%s, local zone %s\n", target.Name, t.kommun, name, t.zone.Name)

	for i, step := range []struct {
		name string
		do   func(context.Context) error
	}{
		{"search addresses", t.searchAddresses},
		{"fetch a building", t.fetchBuilding},
		{"register a new building", t.register},
		{"change it", t.change},
		{"resolve a version conflict", t.conflict},
		{"read the change feed", t.feed},
		{"handle a deficiency", t.deficiency},
		{"handle a case", t.casefile},
		{"keep a copy in a GeoPackage", t.mirror},
	} {
		t.printf("\n%d. %s\n", i+1, strings.ToUpper(step.name[:1])+step.name[1:])
		if err := step.do(ctx); err != nil {
			return fmt.Errorf("%s: %w", step.name, err)
		}
	}
	return nil
}

// searchAddresses finds the municipality's streets and counts the address
// points on the first one.
func (t *tour) searchAddresses(ctx context.Context) error {
	streets := 0
	for hit, err := range t.ac.Areas.Search(ctx, bal.Query{Municipality: t.kommun}, nil) {
		if err != nil {
			return err
		}
		a, err := t.ac.Areas.Get(ctx, hit.Object.ID, nil)
		if err != nil {
			return err
		}
		if a.Type == address.AreaTypeStreet {
			if streets++; t.street == nil {
				t.street = a
			}
		}
	}
	if t.street == nil {
		return errors.New("no street in the municipality")
	}
	var labels []string
	for hit, err := range t.ac.Points.Search(ctx, bal.Query{Municipality: t.kommun, Name: t.street.Name}, &bal.SearchOptions{PageSize: 50}) {
		if err != nil {
			return err
		}
		labels = append(labels, hit.Label)
	}
	slices.Sort(labels)
	t.printf("   %d streets; %s has %d addresses, e.g. %s\n", streets, t.street.Name, len(labels), strings.Join(labels[:min(3, len(labels))], ", "))
	return nil
}

// fetchBuilding reads a building from Byggnad Direkt with its footprint in
// the local zone.
func (t *tour) fetchBuilding(ctx context.Context) error {
	var id bal.ObjectID
	for hit, err := range t.bc.Buildings.Search(ctx, bal.Query{Municipality: t.kommun, Statuses: []bal.Status{bal.StatusValid}}, &bal.SearchOptions{PageSize: 1}) {
		if err != nil {
			return err
		}
		id = hit.Object.ID
		break
	}
	t.found = id
	b, err := t.bc.Direkt.Get(ctx, id, &building.DirektOptions{SRID: t.zone.Code})
	if err != nil {
		return err
	}
	area, err := geometry.Area(b.Parts[0].Surface)
	if err != nil {
		return err
	}
	first := b.Parts[0].Surface.FlatCoords()
	t.printf("   %s: %s, built %d, %s; footprint %.1f m², first corner E %.2f N %.2f in %s\n",
		b.LiesOn[0].Designation, b.Status, b.ConstructionYear, b.Purposes[0].Use, area, first[0], first[1], t.zone.Name)
	return nil
}

// register creates a building, its address point, an entrance at that
// address and two apartments in one transaction.
func (t *tour) register(ctx context.Context) error {
	if t.fake == nil {
		// Against Lantmäteriet: 200 m east of the building step 2 found.
		b, err := t.bc.Buildings.Get(ctx, t.found, nil)
		if err != nil {
			return err
		}
		c, err := geometry.Centroid(b.Parts[0].Surface)
		if err != nil {
			return err
		}
		t.field = [2]float64{c.X() + 200, c.Y()}
	}
	x, y := t.field[0], t.field[1]
	house := &building.Building{
		Meta:             bal.Meta{Status: bal.StatusPlanned},
		ConstructionYear: 2026,
		MainBuilding:     true,
		Purposes:         []building.Purpose{{Category: building.CategoryResidential, Use: building.UseApartmentBlock, Main: true}},
		Parts: []building.Part{{Placement: building.PlacementIllustrative, Surface: geom.NewPolygonFlat(geom.XY,
			[]float64{x, y, x + 18, y, x + 18, y + 11, x, y + 11, x, y}, []int{10}).SetSRID(geometry.SWEREF99TM)}},
	}
	point := &address.Point{
		Designation: address.Designation{Number: "999"},
		Type:        address.PointTypeStreet,
		Placement:   address.PlacementEntrance,
		Position:    geom.NewPointFlat(geom.XY, []float64{x + 9, y - 0.5}).SetSRID(geometry.SWEREF99TM),
		Area:        &address.AreaRef{ID: t.street.ID},
	}
	tx := t.c.NewTransaction()
	errs := []error{
		t.bc.Buildings.AddCreate(tx, house, t.act(building.ActionPermitApproved)),
		t.ac.Points.AddCreate(tx, point, t.act(address.ActionNew)),
	}
	entrance := &building.Entrance{BuildingID: house.ID, Type: building.EntranceResidentialApartments,
		Address: &building.AddressRef{ID: point.ID}}
	errs = append(errs, t.bc.Entrances.AddCreate(tx, entrance, t.act(building.ActionNewEntrance)))
	for _, n := range []string{"1001", "1002"} {
		errs = append(errs, t.bc.Apartments.AddCreate(tx, &building.Apartment{EntranceID: entrance.ID, Number: n},
			t.act(building.ActionNewApartment)))
	}
	if err := errors.Join(errs...); err != nil {
		return err // every member is validated as it is added
	}
	receipts, err := tx.Commit(ctx)
	if err != nil {
		return err
	}
	var kinds []string
	for _, ref := range tx.Objects() {
		kinds = append(kinds, string(ref.Type))
	}
	t.printf("   one transaction: %s — %d receipts, version %d each\n", strings.Join(kinds, ", "), len(receipts), receipts[0].Version)
	t.house = house
	return nil
}

// change marks the building finished: Modify reads it, applies the change
// and writes it, leaving everything else as it is stored.
func (t *tour) change(ctx context.Context) error {
	r, err := t.bc.Buildings.Modify(ctx, t.house.ID, func(b *building.Building) error {
		b.Status, b.ConstructionYear = bal.StatusValid, 2026
		return nil
	}, t.act(building.ActionCompleted), nil)
	if err != nil {
		return err
	}
	t.printf("   marked finished (Byggnaden färdigbyggd): now version %d, status %s\n", r.Version, bal.StatusValid)
	return nil
}

// conflict changes the building from a stale copy, then lets Modify
// resolve it.
func (t *tour) conflict(ctx context.Context) error {
	mine, err := t.bc.Buildings.Get(ctx, t.house.ID, nil)
	if err != nil {
		return err
	}
	// The fake: Lantmäteriet changes the building in the meantime.
	if t.fake == nil {
		t.printf("   skipped: Lantmäteriet's side cannot be made to change the building here\n")
		return nil
	}
	if _, err := t.fake.EditBuilding(ctx, t.house.ID.String(), nil); err != nil {
		return err
	}
	mine.HouseNumber = 1
	_, err = t.bc.Buildings.Update(ctx, mine, t.act(building.ActionBuildingChanged))
	var conflict *bal.ConflictError
	if !errors.As(err, &conflict) {
		return fmt.Errorf("expected a version conflict, got %v", err)
	}
	t.printf("   update refused: read at version %d, Lantmäteriet is at version %d\n", mine.Version, conflict.Current)
	r, err := t.bc.Buildings.Modify(ctx, t.house.ID, func(b *building.Building) error {
		b.HouseNumber = 1
		return nil
	}, t.act(building.ActionBuildingChanged), nil)
	if err != nil {
		return err
	}
	t.printf("   Modify read it again and re-applied the change: version %d\n", r.Version)
	return nil
}

// feed reads the change feed from the start, saving the checkpoint, and
// then again from the saved checkpoint after one more change.
func (t *tour) feed(ctx context.Context) error {
	store := bal.NewFileCheckpointStore(t.feedFile)
	kinds := map[string]int{}
	err := t.c.Follow(ctx, store, func(_ context.Context, ch bal.Change) error {
		kinds[string(ch.Kind)+" "+string(ch.Object.Type)]++
		return nil
	}, nil)
	if err != nil {
		return err
	}
	var seen []string
	for k, n := range kinds {
		seen = append(seen, fmt.Sprintf("%d %s", n, k))
	}
	slices.Sort(seen)
	t.printf("   from the start: %s\n", strings.Join(seen, ", "))

	if err := t.oneMoreChange(ctx); err != nil {
		return err
	}
	from, err := store.Load(ctx)
	if err != nil {
		return err
	}
	for ch, err := range t.c.Changes(ctx, from, nil) {
		if err != nil {
			return err
		}
		t.printf("   since the saved checkpoint: %s %s version %d\n", ch.Kind, ch.Object.Type, ch.Version)
	}
	return nil
}

// oneMoreChange changes the building once more: the fake makes
// Lantmäteriet do it; against Lantmäteriet, the municipality does.
func (t *tour) oneMoreChange(ctx context.Context) error {
	if t.fake != nil {
		_, err := t.fake.EditBuilding(ctx, t.house.ID.String(), nil)
		return err
	}
	_, err := t.bc.Buildings.Modify(ctx, t.house.ID, func(b *building.Building) error {
		b.HouseNumber = 2
		return nil
	}, t.act(building.ActionBuildingChanged), nil)
	return err
}

// deficiency fixes the first "Byggnad saknar adress" the quality check
// raised and marks it handled.
func (t *tour) deficiency(ctx context.Context) error {
	if t.fake != nil {
		if _, err := t.fake.RunQualityCheck(ctx); err != nil { // the fake: Lantmäteriet's quality control runs
			return err
		}
	}
	dc := deficiency.New(t.c)
	open, first := 0, (*deficiency.Deficiency)(nil)
	for d, err := range dc.List(ctx, &deficiency.ListOptions{Municipality: t.kommun, Status: deficiency.StatusOpen}) {
		if err != nil {
			return err
		}
		open++
		if first == nil && d.Type == deficiency.TypeBuildingWithoutAddress && d.Object != nil {
			first = d
		}
	}
	t.printf("   %d open deficiencies\n", open)
	if first == nil {
		return nil
	}
	// The municipality finds that the building needs no address (say, a
	// barn registered as a main building) and says so.
	if _, err := t.bc.Buildings.Modify(ctx, first.Object.ID, func(b *building.Building) error {
		b.ExemptFromAddressing = true
		return nil
	}, t.act(building.ActionBuildingChanged), nil); err != nil {
		return err
	}
	d, err := dc.MarkHandled(ctx, first.ID, "Byggnaden undantagen från adressättning")
	if err != nil {
		return err
	}
	t.printf("   %q on %s: building exempted from addressing, deficiency %s\n", string(first.Type), first.Object.Type, d.Status)
	return nil
}

// casefile acknowledges a property-formation case and reports it handled.
func (t *tour) casefile(ctx context.Context) error {
	// The fake: Lantmäteriet splits a new property off an existing one; a
	// building on it moves to the new property, and a case tells the
	// municipality.
	var raised bal.ObjectID
	if t.fake != nil {
		f, err := t.fake.FormProperty(ctx, "")
		if err != nil {
			return err
		}
		raised = bal.MustParseObjectID(f.Case.ID)
	}
	cc := casefile.New(t.c)
	n := 0
	for k, err := range cc.List(ctx, &casefile.ListOptions{Municipality: t.kommun, Status: casefile.StatusReceived}) {
		if err != nil {
			return err
		}
		if n++; raised.IsZero() {
			raised = k.ID // against Lantmäteriet: the first new case
		}
	}
	if raised.IsZero() {
		t.printf("   no new cases\n")
		return nil
	}
	cs, err := cc.Get(ctx, raised)
	if err != nil {
		return err
	}
	t.printf("   %d new cases; %s (%s) concerns %d properties and %d objects\n", n, cs.Number, cs.Type, len(cs.Properties), len(cs.Objects))
	got, err := cc.Acknowledge(ctx, cs.ID, casefile.Acknowledgement{Kind: casefile.AcknowledgementReceived, Comment: "Mottaget"})
	if err != nil {
		return err
	}
	t.printf("   acknowledged as received: %s\n", got.Status)
	got, err = cc.Acknowledge(ctx, cs.ID, casefile.Acknowledgement{Kind: casefile.AcknowledgementHandled,
		Comment: "Adresser kontrollerade", Updated: cs.Objects})
	if err != nil {
		return err
	}
	t.printf("   reported handled, naming the objects checked: %s\n", got.Status)
	return nil
}

// mirror loads the municipality's objects into a GeoPackage (QGIS opens
// it; PostGIS takes a postgres:// URL instead), then applies one more
// change from the feed: the checkpoint lives in the same file and is
// written in the same transaction as the change.
func (t *tour) mirror(ctx context.Context) error {
	m, err := mirror.Open(ctx, t.gpkg, &mirror.Options{SRID: t.zone.Code, Municipality: t.kommun})
	if err != nil {
		return err
	}
	defer m.Close()
	if err := m.Init(ctx, t.c, mirror.Source{Services: true}); err != nil {
		return err
	}
	st, err := m.Status(ctx)
	if err != nil {
		return err
	}
	var counts []string
	for _, typ := range mirror.Types() {
		counts = append(counts, fmt.Sprintf("%d %s", st.Counts[typ], typ))
	}
	t.printf("   loaded from the update services into %s (EPSG:%d): %s\n", filepath.Base(t.gpkg), st.SRID, strings.Join(counts, ", "))

	if err := t.oneMoreChange(ctx); err != nil {
		return err
	}
	res, err := m.Sync(ctx, t.c, nil)
	if err != nil {
		return err
	}
	for o, err := range m.Objects(ctx, bal.ObjectTypeBuilding) {
		if err != nil {
			return err
		}
		if o.ID == t.house.ID {
			t.printf("   changes applied from the feed: %d; the new building is at version %d in the GeoPackage too\n", res.Applied, o.Version)
		}
	}
	return nil
}
