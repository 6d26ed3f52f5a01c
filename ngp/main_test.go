package ngp_test

import (
	"context"
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/twpayne/go-geom"
	"go.uber.org/goleak"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// Publish starts upload goroutines and the client its connection pools;
// none may outlive the tests.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// fake starts a baltest server without BAL data and a client whose retries
// never sleep long: a Retry-After beyond a millisecond comes back at once as
// a *bal.RateLimitError, which Publish waits out on the fake's clock.
func fake(t testing.TB, opts ...baltest.Option) (*baltest.Server, *ngp.Client) {
	t.Helper()
	s := baltest.NewServer(append([]baltest.Option{baltest.WithoutData()}, opts...)...)
	c := s.Client(func(cfg *bal.Config) {
		cfg.Retry = bal.RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond, MaxRetryAfter: time.Millisecond}
	})
	t.Cleanup(func() {
		c.CloseIdleConnections()
		s.Close()
	})
	return s, ngp.New(c)
}

// onClock waits by advancing the fake's clock: statuses advance, nothing
// sleeps.
func onClock(s *baltest.Server) func(context.Context, time.Duration) error {
	return func(ctx context.Context, d time.Duration) error {
		s.Clock().Advance(d)
		return ctx.Err()
	}
}

// square is a 12 × 8 m building footprint in srid with its south-west
// corner at (e, n).
func square(srid int, e, n float64) *geom.Polygon {
	return geom.NewPolygonFlat(geom.XY, []float64{e, n, e + 12, n, e + 12, n + 8, e, n + 8, e, n}, []int{10}).SetSRID(srid)
}

// buildings makes n physical buildings in SWEREF 99 16 30 for kommun 2199,
// spread on a grid.
func buildings(t testing.TB, n int) []*ngp.Building {
	t.Helper()
	out := make([]*ngp.Building, n)
	for i := range out {
		shape, err := geometry.NewShape(square(geometry.SWEREF99_1630, 150000+float64(i%100)*30, 6730000+float64(i/100)*30))
		if err != nil {
			t.Fatal(err)
		}
		out[i] = &ngp.Building{
			ID: bal.ObjectID(mustUUID(i)), Version: 1, ValidFrom: time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC),
			Municipality: "2199", Status: ngp.BuildingExisting, ConstructionYear: 1960 + i%60,
			Purposes:   []ngp.Purpose{{Value: "bostad", Level: 1, Main: true}},
			Geometries: []ngp.BuildingGeometry{{Level: "NS-LOD 0", Shape: *shape}},
		}
	}
	return out
}

func mustUUID(i int) [16]byte {
	id, err := bal.ParseObjectID(fmt.Sprintf("00000000-0000-4000-8000-%012d", i))
	if err != nil {
		panic(err)
	}
	return id
}

// objects publishes bs as they are.
func objects(bs []*ngp.Building) iter.Seq2[ngp.Object, error] {
	return func(yield func(ngp.Object, error) bool) {
		for _, b := range bs {
			if !yield(b.Object()) {
				return
			}
		}
	}
}
