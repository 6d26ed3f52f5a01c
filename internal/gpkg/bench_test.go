package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"path/filepath"
	"testing"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// The benchmark's rows: a building footprint (an 8-vertex polygon in SWEREF 99 TM) and ten
// attributes of every type but BLOB, like a mirror's byggnad layer.
var benchColumns = []Column{
	{Name: "objektidentitet", Type: Text}, {Name: "beteckning", Type: Text}, {Name: "andamal", Type: Text},
	{Name: "version", Type: Integer}, {Name: "kommunkod", Type: Integer}, {Name: "husnummer", Type: Integer},
	{Name: "yta", Type: Real}, {Name: "hojd", Type: Real}, {Name: "giltig", Type: Boolean},
	{Name: "andrad", Type: DateTime},
}

const benchRows = 100_000

func benchFeature(i int) Feature {
	x := 500000 + float64(i%1000)*30
	y := 6500000 + float64(i/1000)*30
	g := geom.NewPolygonFlat(geom.XY, []float64{
		x, y, x + 10, y, x + 10, y + 4, x + 14, y + 4, x + 14, y + 12, x + 4, y + 12, x + 4, y + 8, x, y + 8, x, y,
	}, []int{18}).SetSRID(3006)
	return Feature{Geometry: g, Values: []any{
		fmt.Sprintf("b1c2d3e4-0000-4000-8000-%012d", i), fmt.Sprintf("Åmål Tången 1:%d", i), "Bostad; Småhus friliggande",
		int64(1 + i%7), int64(1492), int64(i % 200), 132.5 + float64(i%100), 7.25, i%3 != 0,
		time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second),
	}}
}

func benchSeq(n int) iter.Seq2[Feature, error] {
	return func(yield func(Feature, error) bool) {
		for i := range n {
			if !yield(benchFeature(i), nil) {
				return
			}
		}
	}
}

func benchTable(b *testing.B, dir string) (*DB, *Table) {
	b.Helper()
	ctx := context.Background()
	db, err := Create(ctx, filepath.Join(dir, fmt.Sprintf("b%d.gpkg", time.Now().UnixNano())), nil)
	if err != nil {
		b.Fatal(err)
	}
	tb, err := db.CreateTable(ctx, TableSpec{Name: "byggnad", Geometry: &GeometryColumn{Type: Polygon, SRS: 3006}, Columns: benchColumns, Key: "objektidentitet"})
	if err != nil {
		b.Fatal(err)
	}
	return db, tb
}

// BenchmarkInsert writes 100 000 footprints with ten attributes into a new GeoPackage (Append:
// one transaction, R-tree filled at the end) against the anchor, a bare database/sql insert of
// the same ten attributes, without geometry, with the same unique key, through the same
// driver, in one transaction with a prepared statement.
func BenchmarkInsert(b *testing.B) {
	ctx := context.Background()
	b.Run("gpkg", func(b *testing.B) {
		dir := b.TempDir()
		var cpu time.Duration
		for b.Loop() {
			b.StopTimer()
			db, tb := benchTable(b, dir)
			c0 := testenv.CPUTime()
			b.StartTimer()
			if _, err := tb.Append(ctx, benchSeq(benchRows)); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			cpu += testenv.CPUTime() - c0
			_ = db.Close()
			b.StartTimer()
		}
		reportRates(b, benchRows, cpu)
	})
	b.Run("bare-sql-no-geometry", func(b *testing.B) {
		dir := b.TempDir()
		var cpu time.Duration
		for b.Loop() {
			b.StopTimer()
			db, err := sql.Open("sqlite", filepath.Join(dir, fmt.Sprintf("a%d.db", time.Now().UnixNano())))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := db.Exec(`CREATE TABLE byggnad (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, objektidentitet TEXT NOT NULL UNIQUE, beteckning TEXT, andamal TEXT, version INTEGER, kommunkod INTEGER, husnummer INTEGER, yta REAL, hojd REAL, giltig BOOLEAN, andrad DATETIME)`); err != nil {
				b.Fatal(err)
			}
			c0 := testenv.CPUTime()
			b.StartTimer()
			tx, err := db.Begin()
			if err != nil {
				b.Fatal(err)
			}
			st, err := tx.Prepare(`INSERT INTO byggnad (objektidentitet, beteckning, andamal, version, kommunkod, husnummer, yta, hojd, giltig, andrad) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
			if err != nil {
				b.Fatal(err)
			}
			for i := range benchRows {
				f := benchFeature(i)
				v := f.Values
				if _, err := st.Exec(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9].(time.Time).Format(dateTimeLayout)); err != nil {
					b.Fatal(err)
				}
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			cpu += testenv.CPUTime() - c0
			_ = db.Close()
			b.StartTimer()
		}
		reportRates(b, benchRows, cpu)
	})
}

// BenchmarkRead streams the 100 000 rows back, geometry decoded and values typed, against the
// anchor: a bare database/sql scan of the same ten attributes without geometry.
func BenchmarkRead(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	db, tb := benchTable(b, dir)
	defer func() { _ = db.Close() }()
	if _, err := tb.Append(ctx, benchSeq(benchRows)); err != nil {
		b.Fatal(err)
	}
	b.Run("gpkg", func(b *testing.B) {
		c0 := testenv.CPUTime()
		for b.Loop() {
			n := 0
			for f, err := range tb.Features(ctx, nil) {
				if err != nil || f.Geometry == nil {
					b.Fatal(err)
				}
				n++
			}
			if n != benchRows {
				b.Fatal(n)
			}
		}
		reportRates(b, benchRows, testenv.CPUTime()-c0)
	})
	b.Run("bare-sql-no-geometry", func(b *testing.B) {
		c0 := testenv.CPUTime()
		for b.Loop() {
			rows, err := db.SQL().Query(`SELECT fid, objektidentitet, beteckning, andamal, version, kommunkod, husnummer, yta, hojd, giltig, andrad FROM byggnad`)
			if err != nil {
				b.Fatal(err)
			}
			var (
				fid, version, kommun, hus int64
				id, bet, and, andrad      string
				yta, hojd                 float64
				giltig                    bool
			)
			n := 0
			for rows.Next() {
				var t any
				if err := rows.Scan(&fid, &id, &bet, &and, &version, &kommun, &hus, &yta, &hojd, &giltig, &t); err != nil {
					b.Fatal(err)
				}
				_ = andrad
				n++
			}
			_ = rows.Close()
			if n != benchRows {
				b.Fatal(n)
			}
		}
		reportRates(b, benchRows, testenv.CPUTime()-c0)
	})
}

// BenchmarkUpsert replaces 10 000 rows of the 100 000 (moved geometry, new version) by key in
// one transaction, the R-tree kept by the triggers: what a mirror does with a change feed.
func BenchmarkUpsert(b *testing.B) {
	ctx := context.Background()
	db, tb := benchTable(b, b.TempDir())
	defer func() { _ = db.Close() }()
	if _, err := tb.Append(ctx, benchSeq(benchRows)); err != nil {
		b.Fatal(err)
	}
	const changes = 10_000
	round := 0
	c0 := testenv.CPUTime()
	for b.Loop() {
		round++
		tx, err := db.Begin(ctx)
		if err != nil {
			b.Fatal(err)
		}
		for i := range changes {
			f := benchFeature((i*7 + round) % benchRows)
			f.Values[3] = int64(round)
			if _, err := tx.Upsert(ctx, tb, f); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	reportRates(b, changes, testenv.CPUTime()-c0)
}

// reportRates reports rows per second of wall time and CPU milliseconds per operation.
func reportRates(b *testing.B, rows int, cpu time.Duration) {
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}
