package baltest

import (
	"context"
	"net/http"
	"runtime"
	"strconv"
	"testing"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/byggnad3"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// BenchmarkNewServer100k starts a server over a generated municipality of
// 100 000 buildings: generation, mapping to the binding's structs and
// loading the indexes. It also reports the heap a running server holds
// (MB-live).
func BenchmarkNewServer100k(b *testing.B) {
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	first := true
	for b.Loop() {
		s := NewServer(WithData(gen.Config{Seed: 1, Buildings: 100_000}))
		if first {
			// A closed server's listener is freed by a finalizer, a GC
			// later: measure the first server only, against the heap
			// before any.
			b.StopTimer()
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.StartTimer()
			first = false
		}
		s.Close()
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-live")
}

// benchHarness is a server of 1 000 buildings with a client.
func benchHarness(b *testing.B) (*Server, *transport.Transport) {
	s := NewServer(WithData(gen.Config{Seed: 1, Buildings: 1000}), WithRequestLogLimit(0))
	b.Cleanup(s.Close)
	c := s.Client()
	b.Cleanup(c.CloseIdleConnections)
	return s, transport.New(c)
}

// BenchmarkGetBuilding is one GET /byggnad/{id} of the update binding
// through bal.Client: token, HTTP on loopback, XML both ways.
func BenchmarkGetBuilding(b *testing.B) {
	s, tr := benchHarness(b)
	id := s.Dataset().Buildings[0].ID.String()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tr.Do(context.Background(), &transport.Op{Name: "bench", Method: http.MethodGet, Base: tr.UpdateBase(),
			Path: "/byggnad/" + id, Out: new(update1.Byggnad)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCreateBuilding is one POST /byggnad with the server's rules, an
// Idempotency-Key and a change in the feed.
func BenchmarkCreateBuilding(b *testing.B) {
	s, tr := benchHarness(b)
	property := s.Dataset().Properties[0].ID.String()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		u := update1.NewUppdatering(action("Befintlig byggnad"), newBuilding(property))
		if _, err := tr.Do(context.Background(), &transport.Op{Name: "bench", Method: http.MethodPost, Base: tr.UpdateBase(),
			Path: "/byggnad", Body: u, Out: new(update1.Kvitto), IdempotencyKey: "bench-" + strconv.Itoa(i)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDirektGetMany250 is one POST / of Byggnad Direkt with 250 ids
// and includeData=total: the largest batch the service takes.
func BenchmarkDirektGetMany250(b *testing.B) {
	s, tr := benchHarness(b)
	ids := make([]string, 0, 250)
	for _, x := range s.Dataset().Buildings[:250] {
		ids = append(ids, x.ID.String())
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tr.Do(context.Background(), &transport.Op{Name: "bench", Method: http.MethodPost, Base: ByggnadBase,
			Path: "/", Query: map[string][]string{"includeData": {"total"}}, Body: ids, BodyFormat: bal.FormatJSON,
			SafeToRetry: true, Out: new(byggnad3.ByggnadResponse)}); err != nil {
			b.Fatal(err)
		}
	}
}
