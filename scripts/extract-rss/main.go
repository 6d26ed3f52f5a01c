// Command extract-rss writes and reads a large extract in separate
// processes, so that the reader's peak memory can be measured alone
// (run.sh runs it under /usr/bin/time -v). Not run by CI.
//
//	extract-rss write -buildings 1000000 -out /tmp/extract.zip
//	extract-rss read /tmp/extract.zip
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/extract"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: extract-rss write -buildings N -out FILE | read FILE")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "write":
		err = write(os.Args[2:])
	case "read":
		err = read(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "extract-rss:", err)
		os.Exit(1)
	}
}

func write(args []string) error {
	fs := flag.NewFlagSet("write", flag.ExitOnError)
	n := fs.Int("buildings", 1_000_000, "buildings to generate")
	out := fs.String("out", "", "zip to write")
	fs.Parse(args)
	if *out == "" {
		return fmt.Errorf("write: -out is required")
	}
	start := time.Now()
	d, err := gen.Generate(gen.Config{Seed: 1, Buildings: *n})
	if err != nil {
		return err
	}
	generated := time.Since(start)
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	start = time.Now()
	if err := d.WriteExtractWith(bw, &gen.ExtractOptions{FeedPosition: "1"}); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	info, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Printf("generated %d buildings in %.1f s; wrote %d objects, %.1f MB zipped, in %.1f s\n",
		*n, generated.Seconds(), len(d.Objects()), float64(info.Size())/1e6, time.Since(start).Seconds())
	return nil
}

func read(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("read: one extract, please")
	}
	start := time.Now()
	x, err := extract.Open(args[0], nil)
	if err != nil {
		return err
	}
	defer x.Close()
	counts := map[string]int{}
	var bytes int64
	for _, p := range x.Manifest().Parts {
		bytes += p.Size
	}
	for it, err := range x.Items(context.Background()) {
		if err != nil {
			return err
		}
		counts[string(it.Type)]++
	}
	elapsed := time.Since(start)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	total := 0
	for _, c := range counts {
		total += c
	}
	fmt.Printf("read %d objects %v, %.1f MB of XML, in %.1f s (%.1f MB/s, %.0f objects/s); GOMAXPROCS %d, heap in use at the end %.1f MB\n",
		total, counts, float64(bytes)/1e6, elapsed.Seconds(), float64(bytes)/1e6/elapsed.Seconds(),
		float64(total)/elapsed.Seconds(), runtime.GOMAXPROCS(0), float64(ms.HeapInuse)/1e6)
	return nil
}
