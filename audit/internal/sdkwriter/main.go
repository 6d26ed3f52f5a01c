// Command sdkwriter writes buildings through the SDK against a fake
// Lantmäteriet (the BAL_FAKE_* variables, as `bal fake` and balsim print
// them), with every write recorded in an audit FileSink through
// audit.Recorder.Hook, until it has made -n of them or is killed. The audit
// package's tests kill it with SIGKILL at random points to show that the
// write path loses no record and sends nothing unrecorded;
// scripts/audit-killloop runs the long loop.
//
// On start it reconciles what a killed predecessor left unsettled, as a
// municipality's service would. It prints one line per durable step,
// flushed at once:
//
//	reconciled <applied> <not-applied> <undetermined>
//	intent <key>     the write's intent is durable; it is about to be sent
//	settled <key>    its outcome is durable
package main

import (
	"bufio"
	"context"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/audit"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
)

func main() {
	var (
		file     = flag.String("file", "", "chain file (a FileSink)")
		keyHex   = flag.String("key", "", "chain key, hex")
		n        = flag.Int("n", 100, "buildings to create and change")
		actor    = flag.String("actor", "writer", "actor id, and the prefix of every idempotency key")
		property = flag.String("property", "", "the registerenhet the buildings lie on")
		east     = flag.Float64("east", 0, "where to put them: easting, SWEREF 99 TM")
		north    = flag.Float64("north", 0, "and northing")
		workers  = flag.Int("concurrency", 4, "writers at once, so that a kill finds writes in every phase")
	)
	flag.Parse()
	if err := run(*file, *keyHex, *n, *workers, *actor, *property, *east, *north); err != nil {
		fmt.Fprintln(os.Stderr, "sdkwriter:", err)
		os.Exit(1)
	}
}

// out prints the steps, one flushed line each, from any goroutine.
var (
	outMu sync.Mutex
	out   = bufio.NewWriter(os.Stdout)
)

func say(format string, args ...any) {
	outMu.Lock()
	defer outMu.Unlock()
	fmt.Fprintf(out, format+"\n", args...)
	out.Flush()
}

// announcing tells the test what is durable: the intent when the recorder
// returns, the outcome when settle does.
type announcing struct{ next bal.Recorder }

func (a announcing) RecordWrite(ctx context.Context, w *bal.Write) (func(context.Context, *bal.WriteResult) error, error) {
	settle, err := a.next.RecordWrite(ctx, w)
	if err != nil {
		return nil, err
	}
	say("intent %s", w.IdempotencyKey)
	return func(ctx context.Context, r *bal.WriteResult) error {
		if err := settle(ctx, r); err != nil {
			return err
		}
		say("settled %s", w.IdempotencyKey)
		return nil
	}, nil
}

func run(file, keyHex string, n, workers int, actor, property string, east, north float64) error {
	key, err := hex.DecodeString(keyHex)
	if err != nil {
		return err
	}
	prop, err := bal.ParseObjectID(property)
	if err != nil {
		return fmt.Errorf("-property: %w", err)
	}
	sink, err := audit.OpenFile(file, nil)
	if err != nil {
		return err
	}
	defer sink.Close()
	rec, err := audit.New(sink, &audit.Options{Key: key, Organisation: "sdkwriter"})
	if err != nil {
		return err
	}
	ft, err := baltest.FakeFromEnv()
	if err != nil {
		return err
	}
	defer ft.Close()
	cfg := ft.Config
	cfg.Recorder = announcing{rec.Hook()}
	c, err := bal.NewClient(cfg)
	if err != nil {
		return err
	}
	ctx := audit.WithActor(context.Background(), audit.Actor{ID: actor, Name: "Skrivare " + actor})

	// What a killed predecessor left unsettled: it is dead, so nothing is
	// still in flight.
	rep, err := rec.Reconcile(ctx, audit.Versions(c), &audit.ReconcileOptions{OlderThan: time.Nanosecond})
	if err != nil {
		return err
	}
	say("reconciled %d %d %d", rep.Applied, rep.NotApplied, rep.Undetermined)

	bc := building.New(c)
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if err := write(ctx, bc, ft.Municipality, prop, actor, i, east, north); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// write creates building i and changes it.
func write(ctx context.Context, bc *building.Client, kommun bal.MunicipalityCode, prop bal.ObjectID, actor string, i int, east, north float64) error {
	x, y := east+float64(i%50)*30, north+float64(i/50)*30
	b := &building.Building{
		ConstructionYear: 2027,
		Purposes:         []building.Purpose{{Category: building.CategoryResidential, Use: building.UseApartmentBlock, Main: true}},
		Parts: []building.Part{{
			Placement: building.PlacementRoofEdge,
			Surface:   geom.NewPolygonFlat(geom.XY, []float64{x, y, x + 20, y, x + 20, y + 10, x, y + 10, x, y}, []int{10}).SetSRID(3006),
		}},
		LiesOn: []bal.PropertyRef{{ID: prop}},
	}
	act := bal.Action{Type: building.ActionPermitApproved, Responsible: string(kommun), Time: time.Now()}
	r, err := bc.Buildings.Create(bal.WithIdempotencyKey(ctx, fmt.Sprintf("%s-%d-c", actor, i)), b, act)
	if err != nil {
		return err
	}
	b.ID, b.Version, b.HouseNumber = r.ID, r.Version, i%99+1
	act.Type, act.Time = building.ActionBuildingChanged, time.Now()
	_, err = bc.Buildings.Update(bal.WithIdempotencyKey(ctx, fmt.Sprintf("%s-%d-u", actor, i)), b, act)
	return err
}
