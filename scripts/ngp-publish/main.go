// Command ngp-publish publishes many buildings to the fake NGP (bal/baltest)
// through injected faults and checks the result the way the ngp package's
// tests do, at a size CI does not run: every object ends publicerad, each
// change registered once, each object uploaded once, no upload refused for
// having arrived already, and the 303's address never posted to. A share of
// the NGP requests fails, evenly mixed: a reset before the server acts, a
// reset after it acted, and 503 with Retry-After. The fake's statuses follow
// its clock, which the publication advances instead of sleeping.
//
//	go run ./scripts/ngp-publish -n 10000 -faults 0.3
//
// It prints a Markdown summary for BENCHMARKS.md and exits non-zero when a
// check fails. Build it without -race: it measures.
package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"net/http"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/ngp"
)

func main() {
	n := flag.Int("n", 10_000, "buildings to publish")
	share := flag.Float64("faults", 0.3, "share of NGP requests that fail")
	conc := flag.Int("concurrency", 8, "uploads in flight")
	batch := flag.Int("batch", 100, "changes per registration")
	seed := flag.Uint64("seed", 1, "fault seed")
	flag.Parse()
	if err := run(*n, *share, *conc, *batch, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "ngp-publish:", err)
		os.Exit(1)
	}
}

func run(n int, share float64, conc, batch int, seed uint64) error {
	srv := baltest.NewServer(baltest.WithoutData(), baltest.WithRequestLogLimit(0))
	defer srv.Close()
	c := srv.Client(func(cfg *bal.Config) {
		cfg.Retry = bal.RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond, MaxRetryAfter: time.Millisecond}
	})
	defer c.CloseIdleConnections()

	q := 1 - math.Pow(1-share, 1.0/3)
	rules := []baltest.FaultRule{
		{Name: "reset-before", Kind: baltest.FaultReset},
		{Name: "reset-after", Kind: baltest.FaultResetAfterApply},
		{Name: "503-retry-after", Kind: baltest.FaultStatus, Status: http.StatusServiceUnavailable, RetryAfter: time.Second},
	}
	for i, r := range rules {
		r.PathPrefix, r.Probability, r.Seed = "/distribution/geodatakatalog/", q, seed+uint64(i)
		srv.Inject(r)
	}

	objects := func(yield func(ngp.Object, error) bool) {
		for i := range n {
			e, no := 150000+float64(i%200)*30, 6700000+float64(i/200)*30
			shape, err := geometry.NewShape(geom.NewPolygonFlat(geom.XY,
				[]float64{e, no, e + 12, no, e + 12, no + 8, e, no + 8, e, no}, []int{10}).SetSRID(geometry.SWEREF99_1630))
			if err != nil {
				yield(ngp.Object{}, err)
				return
			}
			b := &ngp.Building{ID: bal.NewObjectID(), Version: 1, ValidFrom: time.Now(), Municipality: "2199",
				Status: ngp.BuildingExisting, Purposes: []ngp.Purpose{{Value: "bostad", Level: 1, Main: true}},
				Geometries: []ngp.BuildingGeometry{{Level: "NS-LOD 0", Shape: *shape}}}
			if !yield(b.Object()) {
				return
			}
		}
	}
	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	start := time.Now()
	res, err := ngp.New(c).Deliveries.Publish(context.Background(), ngp.DeliveryInfo{InformationType: "byggnad", Provider: "2199"}, objects,
		&ngp.PublishOptions{Concurrency: conc, BatchSize: batch, Attempts: 30,
			Wait: func(ctx context.Context, d time.Duration) error { srv.Clock().Advance(d); return ctx.Err() }})
	elapsed := time.Since(start)
	runtime.ReadMemStats(&ms1)
	if err != nil {
		return err
	}
	fired := map[string]int{}
	total := 0
	for _, r := range rules {
		fired[r.Name] = srv.FaultsFired(r.Name)
		total += fired[r.Name]
	}
	srv.ClearFaults()

	changes := srv.NGPChanges()
	var bad []string
	if len(changes) != n {
		bad = append(bad, fmt.Sprintf("%d changes for %d objects", len(changes), n))
	}
	seen := map[string]bool{}
	for _, ch := range changes {
		switch {
		case seen[ch.ObjectID]:
			bad = append(bad, ch.ObjectID+": in two mottagningar")
		case ch.Status != "publicerad":
			bad = append(bad, ch.ObjectID+": "+ch.Status)
		case ch.Registrations != 1:
			bad = append(bad, fmt.Sprintf("%s: registered %d times", ch.ObjectID, ch.Registrations))
		case ch.Uploads != 1 || ch.Rejected != 0:
			bad = append(bad, fmt.Sprintf("%s: %d uploads, %d refused", ch.ObjectID, ch.Uploads, ch.Rejected))
		}
		seen[ch.ObjectID] = true
	}

	fmt.Printf("| objects | fault share | faults fired (reset before / after / 503) | mottagningar | status | wall time | objects/s | allocated |\n")
	fmt.Printf("|---|---|---|---|---|---|---|---|\n")
	fmt.Printf("| %d | %.0f %% | %d (%d / %d / %d) | %d | %s | %.1f s | %.0f | %.0f MiB |\n", n, share*100, total,
		fired["reset-before"], fired["reset-after"], fired["503-retry-after"], len(srv.NGPReceptions()), res.Status,
		elapsed.Seconds(), float64(n)/elapsed.Seconds(), float64(ms1.TotalAlloc-ms0.TotalAlloc)/(1<<20))
	fmt.Printf("\nchecks: each object publicerad once, registered once, uploaded once, none refused: ")
	if len(bad) > 0 {
		fmt.Printf("FAILED (%d)\n", len(bad))
		return fmt.Errorf("%s", strings.Join(bad[:min(10, len(bad))], "; "))
	}
	fmt.Println("ok")
	return nil
}
