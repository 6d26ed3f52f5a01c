package mirror

import (
	"context"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/delivery"
	"github.com/tjanstebaserad/bal-go/extract"
	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// benchChanges is how many changes one iteration of the sync benchmarks
// follows.
const benchChanges = 2000

// editBuildings makes n changes: each an edit of a building's attributes,
// of n different buildings when the fake has that many, so that every change
// is applied.
func editBuildings(tb testing.TB, srv *baltest.Server, n int, round int) {
	tb.Helper()
	bs := srv.Dataset().Buildings
	for i := range n {
		_, err := srv.EditBuilding(bs[i%len(bs)].ID, func(x *building.Building) {
			x.HouseNumber = 1 + (i+round)%90
		})
		require.NoError(tb, err)
	}
}

// rtts are the round-trip times the feed benchmarks run with: loopback as
// it is, and 2.7 ms, a round trip to a service across the country (at which
// one read per change gives the 370 changes a second of issue 12).
var rtts = []time.Duration{0, 2700 * time.Microsecond}

// delayed is a transport that adds a round-trip time to every request.
type delayed struct {
	rt  http.RoundTripper
	rtt time.Duration
}

func (d delayed) RoundTrip(r *http.Request) (*http.Response, error) {
	time.Sleep(d.rtt) // a benchmark's stand-in for the network, never a test's
	return d.rt.RoundTrip(r)
}

// benchClient is a client of srv whose requests take rtt longer.
func benchClient(srv *baltest.Server, rtt time.Duration) *bal.Client {
	return srv.Client(func(cfg *bal.Config) {
		if rtt > 0 {
			hc := *cfg.HTTPClient
			hc.Transport = delayed{rt: hc.Transport, rtt: rtt}
			if hc.Transport.(delayed).rt == nil {
				hc.Transport = delayed{rt: http.DefaultTransport, rtt: rtt}
			}
			cfg.HTTPClient = &hc
		}
	})
}

func rttName(rtt time.Duration) string {
	if rtt == 0 {
		return "loopback"
	}
	return "rtt-" + rtt.String()
}

// BenchmarkSync measures changes applied per second, against baltest on
// loopback, into each store: the feed with objects, one request per page of
// 1000, one transaction per page. The anchor, BenchmarkFollowOneReadPerChange,
// is the feed without objects and one read per change, as before the
// binding carried objects. Both run on loopback as it is and with a
// realistic round-trip time added.
func BenchmarkSync(b *testing.B) {
	for _, sk := range []struct {
		name string
		dsn  func(b *testing.B) string
	}{
		{"geopackage", func(b *testing.B) string { return filepath.Join(b.TempDir(), "bal.gpkg") }},
		{"postgis", func(b *testing.B) string { return testenv.Postgres(b) }},
	} {
		for _, rtt := range rtts {
			b.Run(sk.name+"/"+rttName(rtt), func(b *testing.B) {
				srv := baltest.NewServer(baltest.WithData(gen.Config{Seed: 4, Buildings: benchChanges}))
				defer srv.Close()
				c := benchClient(srv, rtt)
				defer c.CloseIdleConnections()
				ctx := context.Background()
				m, err := Open(ctx, sk.dsn(b), &Options{SRID: testSRID})
				require.NoError(b, err)
				defer m.Close()
				require.NoError(b, m.Init(ctx, c, Source{Services: true}))
				var applied int64
				var elapsed, cpu time.Duration
				for i := 0; b.Loop(); i++ {
					b.StopTimer()
					editBuildings(b, srv, benchChanges, i)
					b.StartTimer()
					start, cpu0 := time.Now(), testenv.CPUTime()
					res, err := m.Sync(ctx, c, nil)
					elapsed, cpu = elapsed+time.Since(start), cpu+testenv.CPUTime()-cpu0
					require.NoError(b, err)
					applied += res.Applied
				}
				b.ReportMetric(float64(applied)/elapsed.Seconds(), "changes/s")
				// The process's CPU time per change (the fake's included): a
				// figure that contention for the machine does not change.
				b.ReportMetric(float64(cpu.Microseconds())/float64(applied), "cpu-µs/change")
			})
		}
	}
}

// BenchmarkFollowOneReadPerChange is the anchor of BenchmarkSync: the feed
// without objects and one GET per change, nothing stored.
func BenchmarkFollowOneReadPerChange(b *testing.B) {
	for _, rtt := range rtts {
		b.Run(rttName(rtt), func(b *testing.B) { followOneReadPerChange(b, rtt) })
	}
}

func followOneReadPerChange(b *testing.B, rtt time.Duration) {
	srv := baltest.NewServer(baltest.WithData(gen.Config{Seed: 4, Buildings: benchChanges}))
	defer srv.Close()
	c := benchClient(srv, rtt)
	defer c.CloseIdleConnections()
	ctx := context.Background()
	bc := building.New(c)
	from, err := c.LatestCheckpoint(ctx)
	require.NoError(b, err)
	var n int64
	var elapsed, cpu time.Duration
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		editBuildings(b, srv, benchChanges, i)
		b.StartTimer()
		start, cpu0 := time.Now(), testenv.CPUTime()
		for ch, err := range c.Changes(ctx, from, nil) {
			require.NoError(b, err)
			_, err := bc.Buildings.Get(ctx, ch.Object.ID, nil)
			require.NoError(b, err)
			from = ch.Checkpoint
			n++
		}
		elapsed, cpu = elapsed+time.Since(start), cpu+testenv.CPUTime()-cpu0
	}
	b.ReportMetric(float64(n)/elapsed.Seconds(), "changes/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(n), "cpu-µs/change")
}

// BenchmarkInitialLoad measures an initial load of a base extract (5 000
// buildings with their entrances, apartments and addresses) into PostGIS,
// against its anchor: a bare COPY of the same rows, already converted and
// in memory, into the same tables (BenchmarkInitialLoad/bare-copy).
func BenchmarkInitialLoad(b *testing.B) {
	ctx := context.Background()
	srv := baltest.NewServer(baltest.WithData(gen.Config{Seed: 4, Buildings: 5000}))
	defer srv.Close()
	c := srv.Client()
	defer c.CloseIdleConnections()
	order := srv.AddOrder(baltest.GeotorgetOrder{})
	dc := delivery.New(c)
	_, err := dc.Start(ctx, order, delivery.TypeBase)
	require.NoError(b, err)
	_, err = dc.Wait(ctx, order, &delivery.WaitOptions{Clock: srv.Clock()})
	require.NoError(b, err)
	dir := b.TempDir()
	_, err = dc.Download(ctx, order, dir, &delivery.DownloadOptions{Clock: srv.Clock()})
	require.NoError(b, err)
	url := testenv.Postgres(b)

	b.Run("mirror-init", func(b *testing.B) {
		m, err := Open(ctx, url, &Options{SRID: testSRID})
		require.NoError(b, err)
		defer m.Close()
		var rows int64
		for b.Loop() {
			require.NoError(b, m.Init(ctx, c, Source{Extract: &extract.ResyncOptions{Path: dir}}))
			st, err := m.Status(ctx)
			require.NoError(b, err)
			rows = 0
			for _, n := range st.Counts {
				rows += n
			}
		}
		b.ReportMetric(float64(rows), "rows")
	})

	b.Run("bare-copy", func(b *testing.B) {
		// The same rows, converted once, copied with nothing else.
		conv, err := newConverter(testSRID)
		require.NoError(b, err)
		x, err := extract.Open(dir, nil)
		require.NoError(b, err)
		defer x.Close()
		st := &pgStore{srid: conv.srid, compound: conv.compound, v: SchemaVersion}
		values := map[*table][][]any{}
		for _, t := range tables {
			for it, err := range x.Items(ctx, t.typ) {
				require.NoError(b, err)
				r, err := conv.row(it.Object())
				require.NoError(b, err)
				v, err := st.pgValues(r)
				require.NoError(b, err)
				values[t] = append(values[t], v)
			}
		}
		conn, err := pgx.Connect(ctx, url)
		require.NoError(b, err)
		defer conn.Close(ctx)
		var oid uint32
		require.NoError(b, conn.QueryRow(ctx, "SELECT 'geometry'::regtype::oid").Scan(&oid))
		registerGeometry(conn, oid)
		var rows int64
		for b.Loop() {
			tx, err := conn.Begin(ctx)
			require.NoError(b, err)
			_, err = tx.Exec(ctx, "TRUNCATE "+joinNames(tableNames()))
			require.NoError(b, err)
			rows = 0
			for _, t := range tables {
				n, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, columnNames(t, SchemaVersion), pgx.CopyFromRows(values[t]))
				require.NoError(b, err)
				rows += n
			}
			require.NoError(b, tx.Commit(ctx))
		}
		b.ReportMetric(float64(rows), "rows")
	})
}
