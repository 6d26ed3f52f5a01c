package compare_test

import (
	"bufio"
	"context"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/compare"
	"github.com/tjanstebaserad/bal-go/extract"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/gpkg"
	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// benchData returns an extract of a generated municipality of n buildings (one zip, as
// gen writes it) and the municipality's GeoPackage of the same buildings, every tenth moved
// 5 mm and every hundredth without heights. BAL_COMPARE_BENCH_DIR keeps them between runs.
func benchData(b *testing.B, n int) (zipPath, gpkgPath string) {
	b.Helper()
	root := os.Getenv("BAL_COMPARE_BENCH_DIR")
	if root == "" {
		root = b.TempDir()
	}
	root = filepath.Join(root, "compare-"+strconv.Itoa(n))
	zipPath, gpkgPath = filepath.Join(root, "extract.zip"), filepath.Join(root, "kommun.gpkg")
	if _, err := os.Stat(gpkgPath); err == nil {
		return zipPath, gpkgPath
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		b.Fatal(err)
	}
	d, err := gen.Generate(gen.Config{Seed: 1, Buildings: n})
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.Create(zipPath)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := d.WriteExtract(w); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	d = nil

	x, err := extract.Open(zipPath, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	ctx := context.Background()
	db, err := gpkg.Create(ctx, gpkgPath, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	names := []string{compare.AttrStatus, compare.AttrHouseNumber, compare.AttrConstructionYear, compare.AttrPurposeCategory, compare.AttrPurpose, compare.AttrProperty}
	cols := []gpkg.Column{{Name: "objektidentitet", Type: gpkg.Text}}
	for _, n := range names {
		cols = append(cols, gpkg.Column{Name: n, Type: gpkg.Text})
	}
	tab, err := db.CreateTable(ctx, gpkg.TableSpec{Name: "byggnader", Columns: cols,
		Geometry: &gpkg.GeometryColumn{Type: gpkg.Geometry, SRS: geometry.SWEREF99TM_RH2000, Z: gpkg.Optional}})
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	_, err = tab.Append(ctx, func(yield func(gpkg.Feature, error) bool) {
		for f, err := range compare.FromExtract(ctx, x, bal.ObjectTypeBuilding) {
			if err != nil {
				yield(gpkg.Feature{}, err)
				return
			}
			g := f.Geometry
			switch {
			case i%100 == 0:
				g = flat(g)
			case i%10 == 0:
				g = shift(g, 0.005, 0)
			}
			i++
			values := []any{f.ID.String()}
			for _, n := range names {
				values = append(values, f.Attributes[n])
			}
			if !yield(gpkg.Feature{Geometry: g, Values: values}, nil) {
				return
			}
		}
	})
	if err != nil {
		b.Fatal(err)
	}
	return zipPath, gpkgPath
}

// BenchmarkOnboarding100k measures, on the same 100 000 buildings: reading Lantmäteriet's
// extract (the zip, buildings only, into Features), reading the municipality's GeoPackage
// (into Features), the comparison alone (both sides already in memory), and the whole
// comparison from the two files; and the quality check of the extract against reading what
// it reads (buildings, entrances, address points). Run it on one core:
//
//	BAL_COMPARE_BENCH_DIR=/tmp/cmpbench go test ./compare -run '^$' -bench Onboarding100k -benchtime 1x -count 3 -cpu 1 -benchmem
func BenchmarkOnboarding100k(b *testing.B) {
	const n = 100_000
	zipPath, gpkgPath := benchData(b, n)
	ctx := context.Background()
	fromExtract := func() (iter.Seq2[compare.Feature, error], func()) {
		x, err := extract.Open(zipPath, nil)
		if err != nil {
			b.Fatal(err)
		}
		return compare.FromExtract(ctx, x, bal.ObjectTypeBuilding), func() { x.Close() }
	}
	fromGeoPackage := func() iter.Seq2[compare.Feature, error] {
		return compare.ReadGeoPackage(ctx, gpkgPath, "byggnader", nil)
	}
	count := func(s iter.Seq2[compare.Feature, error]) int {
		k := 0
		for _, err := range s {
			if err != nil {
				b.Fatal(err)
			}
			k++
		}
		return k
	}
	measure := func(b *testing.B, what func() int) {
		var cpu time.Duration
		for b.Loop() {
			c0 := testenv.CPUTime()
			if got := what(); got != n {
				b.Fatalf("%d objects, want %d", got, n)
			}
			cpu += testenv.CPUTime() - c0
		}
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
	b.Run("read/extract", func(b *testing.B) {
		measure(b, func() int {
			s, done := fromExtract()
			defer done()
			return count(s)
		})
	})
	b.Run("read/extract-for-quality", func(b *testing.B) {
		// What the quality check reads: buildings, entrances and address points.
		measure(b, func() int {
			x, err := extract.Open(zipPath, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer x.Close()
			k := 0
			for it, err := range x.Items(ctx, bal.ObjectTypeAddressPoint, bal.ObjectTypeBuilding, bal.ObjectTypeEntrance) {
				if err != nil {
					b.Fatal(err)
				}
				if it.Building != nil {
					k++
				}
			}
			return k
		})
	})
	b.Run("quality", func(b *testing.B) {
		measure(b, func() int {
			x, err := extract.Open(zipPath, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer x.Close()
			k := 0
			for _, err := range compare.QualityOfExtract(ctx, x, &compare.QualityOptions{TempDir: b.TempDir()}) {
				if err != nil {
					b.Fatal(err)
				}
				k++
			}
			return k
		})
	})
	b.Run("read/geopackage", func(b *testing.B) {
		measure(b, func() int { return count(fromGeoPackage()) })
	})
	b.Run("compare/in-memory", func(b *testing.B) {
		collect := func(s iter.Seq2[compare.Feature, error]) []compare.Feature {
			var fs []compare.Feature
			for f, err := range s {
				if err != nil {
					b.Fatal(err)
				}
				fs = append(fs, f)
			}
			return fs
		}
		s, done := fromExtract()
		lm := collect(s)
		done()
		local := collect(fromGeoPackage())
		b.ResetTimer()
		measure(b, func() int {
			return countResults(b, compare.Compare(ctx, seq(local...), seq(lm...), &compare.Options{TempDir: b.TempDir()}))
		})
	})
	b.Run("compare/files", func(b *testing.B) {
		measure(b, func() int {
			s, done := fromExtract()
			defer done()
			return countResults(b, compare.Compare(ctx, fromGeoPackage(), s, &compare.Options{TempDir: b.TempDir()}))
		})
	})
}

func countResults(b *testing.B, s iter.Seq2[compare.Result, error]) int {
	k := 0
	for r, err := range s {
		if err != nil {
			b.Fatal(err)
		}
		if r.Class != compare.Equal && r.Class != compare.Different {
			b.Fatalf("%s %s", r.ID, r.Class)
		}
		k++
	}
	return k
}
