// Command delivery-download measures package delivery at full size: it
// starts the fake Lantmäteriet (bal/baltest) with a large generated
// municipality, builds a BAS delivery of it (about 200 MB by default),
// downloads it once cleanly (the anchor) and once through connections cut
// at random byte offsets and signed paths that expire every few MB, checks
// every file's SHA-256 against what the server served, and prints the
// figures for BENCHMARKS.md. Not run by CI; see run.sh.
package main

import (
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/delivery"
)

func main() {
	buildings := flag.Int("buildings", 30_000, "buildings in the generated municipality (about 7 kB of uncompressed delivery each)")
	part := flag.Int("part", 20_000, "objects per part file")
	cut := flag.Float64("cut", 0.5, "probability that a file request is cut at a random byte offset")
	expire := flag.Int64("expire-mb", 25, "expire the signed paths every this many MB (by the clock and by a new key in turn)")
	parallel := flag.Int("p", delivery.DefaultParallelism, "files fetched at once")
	seed := flag.Uint64("seed", 1, "seed of the cut offsets")
	keep := flag.String("dir", "", "download into this folder and keep it (default: a temporary folder)")
	flag.Parse()

	fmt.Printf("go %s, %s/%s, %d CPUs\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	t0 := time.Now()
	srv := baltest.NewServer(baltest.WithTime(time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)),
		baltest.WithData(gen.Config{Seed: 1, Buildings: *buildings}), baltest.WithRequestLogLimit(0),
		// The clock's jumps (15 minutes) expire every path (10 minutes) but
		// not, at each jump, the hour-long token: see progress below.
		baltest.WithSignedPathTTL(10*time.Minute))
	defer srv.Close()
	fmt.Printf("server with %d buildings in %s\n", *buildings, since(t0))
	order := srv.AddOrder(baltest.GeotorgetOrder{PartObjects: *part, Uncompressed: true})
	t0 = time.Now()
	if _, err := srv.StartDelivery(order, "BAS"); err != nil {
		log.Fatal(err)
	}
	if err := srv.EndDelivery(order, "LYCKAD"); err != nil {
		log.Fatal(err)
	}
	want, err := srv.DeliveryFiles(order)
	if err != nil {
		log.Fatal(err)
	}
	var total int64
	for _, f := range want {
		total += f.Size
	}
	fmt.Printf("BAS delivery built in %s: %d files, %d bytes (%.1f MB)\n", since(t0), len(want), total, mb(total))

	c := srv.Client()
	defer c.CloseIdleConnections()
	dc := delivery.New(c)
	ctx := context.Background()

	base, err := os.MkdirTemp("", "delivery-download-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(base)

	// The anchor: the same delivery, no faults.
	clean := filepath.Join(base, "clean")
	a0 := allocated()
	t0 = time.Now()
	res, err := dc.Download(ctx, order, clean, &delivery.DownloadOptions{Parallelism: *parallel, Clock: srv.Clock()})
	if err != nil {
		log.Fatal(err)
	}
	d := time.Since(t0)
	fmt.Printf("clean:  %s, %.1f MB/s, received %d bytes, %.1f MB allocated by server and client\n",
		d.Round(time.Millisecond), mb(res.Received)/d.Seconds(), res.Received, mb(allocated()-a0))
	verify(clean, want)

	// Through cut connections and expiring paths.
	prefix := delivery.Base + "/" + order + "/leverans/latest/files/"
	for i, p := range []string{prefix + "byggnad/", prefix + "belagenhetsadress_"} {
		srv.Inject(baltest.FaultRule{Name: "cut", Method: "GET", PathPrefix: p, Kind: baltest.FaultCut,
			RandomAt: true, Probability: *cut, Seed: *seed + uint64(i)})
	}
	var mu sync.Mutex
	next, expiries := *expire<<20, 0
	progress := func(p delivery.Progress) {
		mu.Lock()
		defer mu.Unlock()
		if p.Done < next {
			return
		}
		next += *expire << 20
		if expiries++; expiries%2 == 0 {
			srv.Clock().Advance(15 * time.Minute)
		} else {
			srv.ExpireSignedPaths()
		}
	}
	faulty := filepath.Join(base, "faults")
	if *keep != "" {
		faulty = *keep
	}
	a0 = allocated()
	t0 = time.Now()
	res, err = dc.Download(ctx, order, faulty, &delivery.DownloadOptions{Parallelism: *parallel, Progress: progress, Clock: srv.Clock(), MaxStalls: 100})
	if err != nil {
		log.Fatal(err)
	}
	d = time.Since(t0)
	fmt.Printf("faults: %s, %.1f MB/s, received %d bytes (%d more than the delivery), %.1f MB allocated\n",
		d.Round(time.Millisecond), mb(res.Total)/d.Seconds(), res.Received, res.Received-res.Total, mb(allocated()-a0))
	fmt.Printf("        %d interruptions (cut p=%.2f), %d resumed with Range, %d restarted, %d path expiries, %d relists\n",
		res.Interruptions, *cut, res.Resumes, res.Restarts, expiries, res.Relists)
	verify(faulty, want)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("peak Go heap of server and client together: %.0f MB (the server holds the municipality)\n", mb(int64(ms.HeapSys)))
}

// verify checks every file's SHA-256 and exits on a difference.
func verify(dir string, want []baltest.GeotorgetFile) {
	for _, w := range want {
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(w.Name)))
		if err != nil {
			log.Fatal(err)
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			log.Fatal(err)
		}
		if [32]byte(h.Sum(nil)) != w.SHA256 {
			log.Fatalf("%s differs from what the server served", w.Name)
		}
	}
	fmt.Printf("        all %d files byte-identical (SHA-256)\n", len(want))
}

// allocated returns the bytes the process has allocated so far.
func allocated() int64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.TotalAlloc)
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }

func since(t time.Time) time.Duration { return time.Since(t).Round(time.Millisecond) }
