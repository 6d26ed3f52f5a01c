package compare_test

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"strconv"
	"testing"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/compare"
	"github.com/tjanstebaserad/bal-go/geometry"
)

// synthetic yields n buildings on a grid, L-shaped footprints of six corners with heights,
// and eight attributes, as FromBuilding gives them; shift moves every tenth one by that many
// metres and drops the heights of every hundredth, so that the comparison has work to do.
func synthetic(n int, shift float64) iter.Seq2[compare.Feature, error] {
	return func(yield func(compare.Feature, error) bool) {
		for i := range n {
			x, y := e0+float64(i%500)*30, n0+float64(i/500)*30
			if shift != 0 && i%10 == 0 {
				x += shift
			}
			c := [][2]float64{{0, 0}, {12, 0}, {12, 8}, {6, 8}, {6, 14}, {0, 14}, {0, 0}}
			var g geom.T
			if shift != 0 && i%100 == 0 {
				flat := make([]float64, 0, 14)
				for _, p := range c {
					flat = append(flat, x+p[0], y+p[1])
				}
				g = geom.NewPolygonFlat(geom.XY, flat, []int{14}).SetSRID(geometry.SWEREF99TM)
			} else {
				flat := make([]float64, 0, 21)
				for _, p := range c {
					flat = append(flat, x+p[0], y+p[1], 21.5)
				}
				g = geom.NewPolygonFlat(geom.XYZ, flat, []int{21}).SetSRID(geometry.SWEREF99TM_RH2000)
			}
			var id bal.ObjectID
			id[0], id[1], id[2], id[3] = byte(i>>24), byte(i>>16), byte(i>>8), byte(i)
			id[6], id[8] = 0x40, 0x80
			f := compare.Feature{Type: bal.ObjectTypeBuilding, ID: id, Geometry: g, Attributes: map[string]string{
				"objektstatus": "Gällande", "husnummer": strconv.Itoa(1 + i%3), "nybyggnadsar": strconv.Itoa(1900 + i%120),
				"huvudbyggnad": "true", "undantagenFranAdressattning": "false", "byggnadstyp": "Bostad",
				"andamal": "Småhus friliggande", "registerenhet": fmt.Sprintf("Exempelby Backa %d:%d", i/50, i%50),
			}}
			if !yield(f, nil) {
				return
			}
		}
	}
}

// BenchmarkCompareSynthetic compares 100 000 synthetic buildings with themselves, every tenth
// moved 5 mm: the comparison's own cost, inputs made on the fly.
func BenchmarkCompareSynthetic(b *testing.B) {
	const n = 100_000
	ctx := context.Background()
	for b.Loop() {
		count := 0
		for _, err := range compare.Compare(ctx, synthetic(n, 0.005), synthetic(n, 0), &compare.Options{TempDir: b.TempDir()}) {
			if err != nil {
				b.Fatal(err)
			}
			count++
		}
		if count != n {
			b.Fatalf("%d results", count)
		}
	}
}

// BenchmarkCompareMemory measures what the comparison holds in memory per municipal feature:
// the live heap once the municipality's side is indexed, less the heap before, over the
// features indexed. Both sides are generated on the fly, so nothing else is held.
func BenchmarkCompareMemory(b *testing.B) {
	const n = 200_000
	ctx := context.Background()
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		opts := &compare.Options{TempDir: b.TempDir(), Progress: func(p compare.Progress) {
			if p.Phase == "local" && p.Local == n {
				runtime.GC()
				runtime.ReadMemStats(&after)
			}
		}}
		for _, err := range compare.Compare(ctx, synthetic(n, 0.005), synthetic(1, 0), opts) {
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "heap-B/feature")
	}
}
