package extract

import (
	"bufio"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/internal/testenv"
	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
	"github.com/tjanstebaserad/bal-go/internal/wiremap"
)

// benchExtract returns a folder holding the extract of a generated
// municipality of n buildings twice: unpacked ("dir") and as one zip
// ("extract.zip"). BAL_EXTRACT_BENCH_DIR keeps them between runs (they take
// a while to make: 100 000 buildings are about 0.8 GB of XML).
func benchExtract(b *testing.B, n int) (dir, zipPath string) {
	b.Helper()
	root := os.Getenv("BAL_EXTRACT_BENCH_DIR")
	if root == "" {
		root = b.TempDir()
	}
	root = filepath.Join(root, "extract-"+itoa(n))
	dir, zipPath = filepath.Join(root, "dir"), filepath.Join(root, "extract.zip")
	if _, err := os.Stat(filepath.Join(dir, extract1.ManifestName)); err == nil {
		if _, err := os.Stat(zipPath); err == nil {
			return dir, zipPath
		}
	}
	d, err := gen.Generate(gen.Config{Seed: 1, Buildings: n})
	if err != nil {
		b.Fatal(err)
	}
	files, err := extract1.NewDirFiles(dir)
	if err != nil {
		b.Fatal(err)
	}
	w, err := extract1.NewWriter(files, &extract1.WriterOptions{Skapad: d.Config.Time})
	if err != nil {
		b.Fatal(err)
	}
	objs, err := wiremap.ToWireAll(d.Objects())
	if err != nil {
		b.Fatal(err)
	}
	for _, o := range objs {
		if err := w.Insert(o); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	f, err := os.Create(zipPath)
	if err != nil {
		b.Fatal(err)
	}
	bw := bufio.NewWriter(f)
	if err := d.WriteExtract(bw); err != nil {
		b.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return dir, zipPath
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// BenchmarkRead100k reads the extract of 100 000 buildings (with 110 000
// entrances and address points, 356 000 apartments): all of it into the
// model ("extract"), and the anchors, in the same run, an encoding/xml
// RawToken and Token scan of the same part files that builds nothing.
// "dir" reads the unpacked part files, "zip" the zip (inflating is part of
// every variant). Run it on one core: -cpu 1.
func BenchmarkRead100k(b *testing.B) { benchRead(b, 100_000) }

// BenchmarkRead10k is BenchmarkRead100k at a tenth of the size, quick
// enough to profile.
func BenchmarkRead10k(b *testing.B) { benchRead(b, 10_000) }

func benchRead(b *testing.B, n int) {
	dir, zipPath := benchExtract(b, n)
	for _, layout := range []string{"dir", "zip"} {
		path := dir
		if layout == "zip" {
			path = zipPath
		}
		x, err := Open(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		var size, items int64
		for _, p := range x.Manifest().Parts {
			size += p.Size
			items += p.Entries
		}
		scan := func(b *testing.B, raw bool) {
			for _, pf := range x.d.parts {
				f, err := pf.fsys.Open(pf.inner)
				if err != nil {
					b.Fatal(err)
				}
				tokens(b, f, raw)
				f.Close()
			}
		}
		run := func(name string, body func(b *testing.B)) {
			b.Run(layout+"/"+name, func(b *testing.B) {
				b.SetBytes(size)
				cpu0 := testenv.CPUTime()
				for b.Loop() {
					body(b)
				}
				cpu := (testenv.CPUTime() - cpu0).Seconds()
				b.ReportMetric(float64(items)*float64(b.N)/b.Elapsed().Seconds(), "objects/s")
				// On a shared machine the process's CPU time is steadier than
				// the wall clock: report throughput per CPU second too.
				if cpu > 0 {
					b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu, "MB/cpu-s")
					b.ReportMetric(float64(items)*float64(b.N)/cpu, "objects/cpu-s")
				}
			})
		}
		run("rawtoken", func(b *testing.B) { scan(b, true) })
		run("token", func(b *testing.B) { scan(b, false) })
		run("extract", func(b *testing.B) {
			n := int64(0)
			for _, err := range x.Items(context.Background()) {
				if err != nil {
					b.Fatal(err)
				}
				n++
			}
			if n != items {
				b.Fatalf("%d items, want %d", n, items)
			}
		})
		x.Close()
	}
}

// tokens scans r with encoding/xml, building nothing.
func tokens(b *testing.B, r fs.File, raw bool) {
	d := xml.NewDecoder(bufio.NewReaderSize(r, 64<<10))
	for {
		var err error
		if raw {
			_, err = d.RawToken()
		} else {
			_, err = d.Token()
		}
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}
