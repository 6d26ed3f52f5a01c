// Command publish-buildings publishes a municipality's buildings to the
// national geodata platform (nationella geodataplattformen, NGP), the way a
// municipality becomes a producer for the national specification Byggnad:
//
//  1. Read the municipality's buildings from BAL (registerbyggnader, one per
//     property) and map them to physical buildings (fysiska byggnader),
//     their purposes to Boverket's Ändamålskatalogen, their footprints to
//     geometri-2.0 with geometrimetadata-2.0.1.
//  2. Publish them in one mottagning (Uppdatering v1.1). Two buildings lack
//     a purpose, as happens in real registers: the platform's validation
//     fails them (valideringsfel); the reports say why, the program fixes
//     them and uploads them again in the same mottagning.
//  3. Watch the mottagning reach publicerad, then find the buildings again
//     through Sökning, in SWEREF 99 TM with X = easting.
//
// By default it runs against an in-process fake Lantmäteriet (bal/baltest)
// whose statuses follow its own clock, which the program advances instead of
// waiting. The environment variables that cmd/bal reads point it elsewhere
// (README, "Environment"): at a running balsim or `bal fake` (BAL_ENV=fake
// with BAL_FAKE_URL and the rest of the lines they print), or at Verifiering
// (BAL_ENV=verifiering, BAL_CLIENT_ID and BAL_CLIENT_SECRET with the producer
// credentials of the Byggnad dataset, BAL_KOMMUNKOD), where it waits for the
// platform's statuses as they come.
//
//	go run ./examples/publish-buildings
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/ngp"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "publish-buildings:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer) error {
	// Where to run: an in-process fake unless the environment says
	// otherwise.
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
	kommun := target.Municipality
	if kommun == "" {
		return fmt.Errorf("set BAL_KOMMUNKOD to the municipality whose buildings to publish")
	}
	fmt.Fprintf(out, "Publishing the buildings of kommun %s to NGP, against %s\n", kommun, target.Name)
	// Against a fake, whose statuses follow its clock, advance the clock
	// instead of waiting; against the platform, wait (nil).
	var wait func(context.Context, time.Duration) error
	if target.Control != nil {
		wait = func(ctx context.Context, d time.Duration) error {
			_, err := target.Control.AdvanceClock(ctx, d)
			return err
		}
	}

	// 1. BAL's buildings, mapped to physical buildings.
	register, err := readBuildings(ctx, building.New(c), kommun)
	if err != nil {
		return fmt.Errorf("read buildings: %w", err)
	}
	surveyed := time.Date(2025, 5, 14, 9, 30, 0, 0, time.UTC)
	physical, err := ngp.FromRegister(register, &ngp.MappingOptions{Municipality: kommun,
		Metadata: func(*building.Building) *geometry.Metadata {
			return &geometry.Metadata{SurveyedAt: &surveyed,
				PlanMethod: &geometry.PositioningMethod{Type: geometry.MethodPhotogrammetric, Variant: "digital stereomodell, digitala flygbilder"}}
		}})
	if err != nil {
		return fmt.Errorf("map: %w", err)
	}
	fmt.Fprintf(out, "1. %d registerbyggnader in BAL are %d physical buildings\n", len(register), len(physical))
	// Two buildings whose purpose was never registered.
	missing := map[bal.ObjectID]*ngp.Building{}
	for _, b := range physical[:2] {
		missing[b.ID] = b
		b.Purposes = nil
	}

	// 2. Publish, fixing what the validation finds.
	state := filepath.Join(os.TempDir(), fmt.Sprintf("publish-buildings-%d.json", os.Getpid()))
	defer os.Remove(state)
	objects := func(yield func(ngp.Object, error) bool) {
		for _, b := range physical {
			if !yield(b.Object()) {
				return
			}
		}
	}
	client := ngp.New(c)
	var last ngp.StatusType
	res, err := client.Deliveries.Publish(ctx, ngp.DeliveryInfo{InformationType: "byggnad", Provider: string(kommun)}, objects,
		&ngp.PublishOptions{
			Store: ngp.NewFileStore(state),
			Wait:  wait,
			Progress: func(p ngp.Progress) {
				if p.Status != last && p.Status != "" {
					last = p.Status
					fmt.Fprintf(out, "   mottagning: %s (%d registered, %d delivered)\n", p.Status, p.Registered, p.Uploaded)
				}
			},
			Fix: func(_ context.Context, id bal.ObjectID, rep *ngp.Report) (*ngp.Object, error) {
				for _, p := range rep.Problems() {
					fmt.Fprintf(out, "   %s: %s %s: %s\n", short(id), p.Status, p.ID, strings.Join(p.Messages, "; "))
				}
				b := missing[id]
				if b == nil {
					return nil, nil
				}
				b.Purposes = []ngp.Purpose{{Value: "övrig byggnad", Level: 1, Main: true}}
				fmt.Fprintf(out, "   %s: purpose set to %q, uploading again\n", short(id), b.Purposes[0].Value)
				o, err := b.Object()
				return &o, err
			},
		})
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	fmt.Fprintf(out, "2. mottagning %s: %s, %d objects\n", short2(res.ReceptionID), res.Status, res.Objects)

	// 3. Find them again through Sökning.
	ds := client.Dataset("byggnad", "v1")
	cols, err := ds.Collections(ctx)
	if err != nil {
		return err
	}
	found := 0
	var first *ngp.Feature
	for f, err := range ds.Items(ctx, string(kommun), &ngp.Query{Limit: 50, CRS: geometry.SWEREF99TM}) {
		if err != nil {
			return fmt.Errorf("sökning: %w", err)
		}
		if first == nil {
			first = f
		}
		found++
	}
	ids := make([]string, 0, len(cols))
	for _, col := range cols {
		ids = append(ids, col.ID)
	}
	slices.Sort(ids)
	fmt.Fprintf(out, "3. Sökning byggnad/v1, collections %v: %d buildings in collection %s\n", ids, found, kommun)
	if first != nil {
		e, n := first.Geometry.FlatCoords()[0], first.Geometry.FlatCoords()[1]
		fmt.Fprintf(out, "   e.g. %s at E %.1f N %.1f (EPSG:%d), domain object %s\n", short(mustID(first.ID)), e, n,
			first.Geometry.SRID(), first.Assets["data"].Type)
	}
	return nil
}

// readBuildings reads every building of the municipality.
func readBuildings(ctx context.Context, bc *building.Client, kommun bal.MunicipalityCode) ([]*building.Building, error) {
	var out []*building.Building
	for hit, err := range bc.Buildings.Search(ctx, bal.Query{Municipality: kommun}, nil) {
		if err != nil {
			return nil, err
		}
		b, err := bc.Buildings.Get(ctx, hit.Object.ID, nil)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

func short(id bal.ObjectID) string { return id.String()[:8] }

func short2(s string) string { return s[:min(8, len(s))] }

func mustID(s string) bal.ObjectID {
	id, _ := bal.ParseObjectID(s)
	return id
}
