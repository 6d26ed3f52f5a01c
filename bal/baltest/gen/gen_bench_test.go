package gen

import "testing"

// BenchmarkGenerate100k generates a municipality of 100 000 buildings;
// BENCHMARKS.md ("baltest generator") records its time and memory.
func BenchmarkGenerate100k(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Generate(Config{Seed: 1, Buildings: 100_000}); err != nil {
			b.Fatal(err)
		}
	}
}
