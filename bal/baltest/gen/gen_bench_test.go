package gen

import (
	"runtime"
	"testing"
)

// BenchmarkGenerate100k generates a municipality of 100 000 buildings;
// BENCHMARKS.md ("baltest generator") records its time and memory.
// It also reports the heap the dataset holds once generated (MB-live).
func BenchmarkGenerate100k(b *testing.B) {
	b.ReportAllocs()
	var live float64
	for b.Loop() {
		d, err := Generate(Config{Seed: 1, Buildings: 100_000})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(d)
		d = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		live = float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
		b.StartTimer()
	}
	b.ReportMetric(live, "MB-live")
}

// BenchmarkWriteExtract10k writes the extract (a zip of per-object XML) of
// a municipality of 10 000 buildings.
func BenchmarkWriteExtract10k(b *testing.B) {
	d, err := Generate(Config{Seed: 1, Buildings: 10_000})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var n countingWriter
		if err := d.WriteExtract(&n); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n), "bytes/extract")
	}
}

// countingWriter counts what is written to it.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
