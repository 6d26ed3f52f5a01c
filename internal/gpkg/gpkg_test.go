package gpkg

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
)

func newDB(t *testing.T, v Version) *DB {
	t.Helper()
	db, err := Create(context.Background(), filepath.Join(t.TempDir(), "test.gpkg"), &Options{Version: v})
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func collect(t *testing.T, seq iter.Seq2[Feature, error]) []Feature {
	t.Helper()
	var out []Feature
	for f, err := range seq {
		require.NoError(t, err)
		out = append(out, f)
	}
	return out
}

func features(fs ...Feature) iter.Seq2[Feature, error] {
	return func(yield func(Feature, error) bool) {
		for _, f := range fs {
			if !yield(f, nil) {
				return
			}
		}
	}
}

func TestEveryGeometryTypeRoundTrips(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t, Version14)
	samples := sampleGeometries()
	names := make([]string, 0, len(samples))
	for n := range samples {
		names = append(names, n)
	}
	sort.Strings(names)

	// One GEOMETRY column taking everything (z and m optional), written in bulk…
	all, err := db.CreateTable(ctx, TableSpec{Name: "any", Geometry: &GeometryColumn{SRS: 3006, Z: Optional, M: Optional}, Columns: []Column{{Name: "name", Type: Text}}})
	require.NoError(t, err)
	var in []Feature
	for _, n := range names {
		in = append(in, Feature{Geometry: samples[n], Values: []any{n}})
	}
	n, err := all.Append(ctx, features(in...))
	require.NoError(t, err)
	assert.EqualValues(t, len(in), n)
	got := collect(t, all.Features(ctx, nil))
	require.Len(t, got, len(in))
	for i, f := range got {
		t.Run("bulk/"+names[i], func(t *testing.T) {
			assert.Equal(t, names[i], f.Values[0])
			assert.Equal(t, 3006, f.Geometry.SRID())
			assertSameGeometry(t, samples[names[i]], f.Geometry)
		})
	}

	// …and a column of each specific type, written row by row.
	tx, err := db.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback() }()
	tables := map[GeometryType]*Table{}
	for _, n := range names {
		g := samples[n]
		gt := typeOf(g)
		tb, ok := tables[gt]
		if !ok {
			tb, err = tx.CreateTable(ctx, TableSpec{Name: "t_" + string(gt), Geometry: &GeometryColumn{Type: gt, SRS: 3011, Z: Optional, M: Optional}})
			require.NoError(t, err)
			tables[gt] = tb
		}
		_, err := tx.Insert(ctx, tb, Feature{Geometry: g, Values: []any{}})
		require.NoError(t, err, n)
	}
	require.NoError(t, tx.Commit())
	for gt, tb := range tables {
		for _, f := range collect(t, tb.Features(ctx, nil)) {
			assert.Equal(t, gt, typeOf(f.Geometry))
			assert.Equal(t, 3011, f.Geometry.SRID())
		}
	}
}

func TestAttributeValuesRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t, Version14)
	cols := []Column{
		{Name: "text", Type: Text}, {Name: "int", Type: Integer}, {Name: "real", Type: Real},
		{Name: "bool", Type: Boolean}, {Name: "date", Type: Date}, {Name: "datetime", Type: DateTime},
		{Name: "blob", Type: Blob},
	}
	tb, err := db.CreateTable(ctx, TableSpec{Name: "values", Columns: cols})
	require.NoError(t, err)
	assert.False(t, tb.IsFeatures())
	stockholm := time.FixedZone("CET", 3600)
	tests := []struct {
		name string
		in   []any
		want []any
	}{
		{"typical",
			[]any{"Storgatan 1, Åmål", 42, 3.25, true, time.Date(2024, 2, 29, 23, 30, 0, 0, stockholm), time.Date(2024, 2, 29, 23, 30, 1, 123_000_000, stockholm), []byte{0, 1, 2}},
			[]any{"Storgatan 1, Åmål", int64(42), 3.25, true, time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 29, 22, 30, 1, 123_000_000, time.UTC), []byte{0, 1, 2}}},
		{"extremes",
			[]any{"", int64(math.MinInt64), math.MaxFloat64, false, "0001-01-01", "9999-12-31T23:59:59.999Z", []byte{}},
			[]any{"", int64(math.MinInt64), math.MaxFloat64, false, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 999_000_000, time.UTC), []byte{}}},
		{"other integer types",
			[]any{"x", uint32(math.MaxUint32), float32(0.5), true, nil, nil, nil},
			[]any{"x", int64(math.MaxUint32), 0.5, true, nil, nil, nil}},
		{"all null",
			[]any{nil, nil, nil, nil, nil, nil, nil},
			[]any{nil, nil, nil, nil, nil, nil, nil}},
	}
	var in []Feature
	for _, tt := range tests {
		in = append(in, Feature{Values: tt.in})
	}
	_, err = tb.Append(ctx, features(in...))
	require.NoError(t, err)
	got := collect(t, tb.Features(ctx, nil))
	require.Len(t, got, len(tests))
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for j, w := range tt.want {
				if wt, ok := w.(time.Time); ok {
					gt, ok := got[i].Values[j].(time.Time)
					require.True(t, ok, "%s: %T", cols[j].Name, got[i].Values[j])
					assert.True(t, wt.Equal(gt), "%s: %v, want %v", cols[j].Name, gt, wt)
					continue
				}
				assert.Equal(t, w, got[i].Values[j], cols[j].Name)
			}
		})
	}
}

func TestWritesRefuseWhatDoesNotFit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t, Version14)
	poly2 := geom.NewPolygonFlat(geom.XY, []float64{0, 0, 1, 0, 1, 1, 0, 0}, []int{8})
	poly3 := geom.NewPolygonFlat(geom.XYZ, []float64{0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1}, []int{12})
	flat, err := db.CreateTable(ctx, TableSpec{Name: "flat", Geometry: &GeometryColumn{Type: Polygon, SRS: 3006},
		Columns: []Column{{Name: "name", Type: Text, NotNull: true}, {Name: "n", Type: Integer}, {Name: "when", Type: DateTime}, {Name: "day", Type: Date}}})
	require.NoError(t, err)
	high, err := db.CreateTable(ctx, TableSpec{Name: "high", Geometry: &GeometryColumn{Type: Polygon, SRS: 5845, Z: Mandatory}})
	require.NoError(t, err)
	attrs, err := db.CreateTable(ctx, TableSpec{Name: "attrs", Columns: []Column{{Name: "k", Type: Text}}, Key: "k"})
	require.NoError(t, err)
	ok := []any{"a", 1, nil, nil}

	tests := []struct {
		name  string
		table *Table
		f     Feature
		want  error
	}{
		{"another type", flat, Feature{Geometry: geom.NewPointFlat(geom.XY, []float64{1, 2}), Values: ok}, ErrGeometryMismatch},
		{"another crs", flat, Feature{Geometry: poly2.Clone().SetSRID(3011), Values: ok}, ErrGeometryMismatch},
		{"heights where prohibited", flat, Feature{Geometry: poly3, Values: ok}, ErrGeometryMismatch},
		{"no heights where mandatory", high, Feature{Geometry: poly2, Values: []any{}}, ErrGeometryMismatch},
		{"geometry in an attribute table", attrs, Feature{Geometry: poly2, Values: []any{"x"}}, ErrGeometryMismatch},
		{"too few values", flat, Feature{Geometry: poly2, Values: []any{"a"}}, ErrValue},
		{"wrong value type", flat, Feature{Geometry: poly2, Values: []any{"a", "1", nil, nil}}, ErrValue},
		{"null in not null", flat, Feature{Geometry: poly2, Values: []any{nil, 1, nil, nil}}, ErrValue},
		{"sub-millisecond time", flat, Feature{Geometry: poly2, Values: []any{"a", 1, time.Date(2024, 1, 1, 0, 0, 0, 1, time.UTC), nil}}, ErrValue},
		{"malformed date", flat, Feature{Geometry: poly2, Values: []any{"a", 1, nil, "2024-13-01"}}, ErrValue},
		{"malformed date-time", flat, Feature{Geometry: poly2, Values: []any{"a", 1, "yesterday", nil}}, ErrValue},
		{"null key", attrs, Feature{Values: []any{nil}}, ErrValue},
		{"nan", flat, Feature{Geometry: geom.NewPolygonFlat(geom.XY, []float64{0, 0, math.NaN(), 0, 1, 1, 0, 0}, []int{8}), Values: ok}, ErrUnsupportedGeometry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx, err := db.Begin(ctx)
			require.NoError(t, err)
			defer func() { _ = tx.Rollback() }()
			_, err = tx.Insert(ctx, tt.table, tt.f)
			require.ErrorIs(t, err, tt.want)
			_, err = tx.Upsert(ctx, tt.table, tt.f)
			require.Error(t, err)
			_, err = tx.Append(ctx, tt.table, features(tt.f))
			require.ErrorIs(t, err, tt.want)
		})
	}
	// Same horizontal CRS is accepted: SWEREF 99 TM into SWEREF 99 TM + RH 2000, with heights.
	tx, err := db.Begin(ctx)
	require.NoError(t, err)
	_, err = tx.Insert(ctx, high, Feature{Geometry: poly3.Clone().SetSRID(3006), Values: []any{}})
	require.NoError(t, err)
	require.NoError(t, tx.Commit())
	for n, c := range collect(t, high.Features(ctx, nil)) {
		assert.Equal(t, 5845, c.Geometry.SRID(), n)
	}
}

// rtreeRows reads a table's R-tree.
func rtreeRows(t *testing.T, tb *Table) map[int64][4]float64 {
	t.Helper()
	rows, err := tb.db.sql.Query(fmt.Sprintf("SELECT id, minx, maxx, miny, maxy FROM %s", quoteIdent(rtreeName(tb.name, tb.geom.Name))))
	require.NoError(t, err)
	defer func() { _ = rows.Close() }()
	out := map[int64][4]float64{}
	for rows.Next() {
		var id int64
		var b [4]float64
		require.NoError(t, rows.Scan(&id, &b[0], &b[1], &b[2], &b[3]))
		out[id] = b
	}
	require.NoError(t, rows.Err())
	return out
}

// assertIndexed checks that the R-tree holds exactly the non-empty geometries of the table,
// each with a box that contains the geometry's (the R-tree rounds outwards to float32), and
// that GDAL's feature count is right.
func assertIndexed(t *testing.T, tb *Table) {
	t.Helper()
	ctx := context.Background()
	idx := rtreeRows(t, tb)
	want := 0
	for f, err := range tb.Features(ctx, nil) {
		var re *RowError
		if errors.As(err, &re) {
			assert.NotContains(t, idx, re.ID, "row %d is not a geometry but is indexed", re.ID)
			continue
		}
		require.NoError(t, err)
		if f.Geometry == nil || f.Geometry.Empty() {
			assert.NotContains(t, idx, f.ID, "row %d has no geometry but is indexed", f.ID)
			continue
		}
		want++
		b, ok := idx[f.ID]
		if !assert.True(t, ok, "row %d is not indexed", f.ID) {
			continue
		}
		e, err := envelopeOf(f.Geometry)
		require.NoError(t, err)
		assert.True(t, b[0] <= e.MinX && b[1] >= e.MaxX && b[2] <= e.MinY && b[3] >= e.MaxY, "row %d: r-tree %v does not contain %+v", f.ID, b, e)
		// SQLite stores float32 rounded outwards by a relative 1e-7: up to a metre at
		// SWEREF 99 northings.
		for i, v := range []float64{e.MinX, e.MaxX, e.MinY, e.MaxY} {
			assert.InDelta(t, v, b[i], 2e-7*math.Abs(v)+1e-6, "row %d, bound %d", f.ID, i)
		}
	}
	assert.Len(t, idx, want, "r-tree rows")
	n, err := tb.Count(ctx)
	require.NoError(t, err)
	var fc int64
	require.NoError(t, tb.db.sql.QueryRow(`SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = ?`, tb.name).Scan(&fc))
	assert.Equal(t, n, fc, "gpkg_ogr_contents.feature_count")
}

func square(x, y, size float64) *geom.Polygon {
	return geom.NewPolygonFlat(geom.XY, []float64{x, y, x + size, y, x + size, y + size, x, y + size, x, y}, []int{10})
}

func TestUpsertAndDeleteKeepTheIndexRight(t *testing.T) {
	t.Parallel()
	for _, v := range []Version{Version14, Version13} {
		t.Run(v.String(), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := newDB(t, v)
			tb, err := db.CreateTable(ctx, TableSpec{Name: "byggnad", Geometry: &GeometryColumn{Type: Polygon, SRS: 3006},
				Columns: []Column{{Name: "objektidentitet", Type: Text}, {Name: "version", Type: Integer}}, Key: "objektidentitet"})
			require.NoError(t, err)
			var in []Feature
			for i := range 50 {
				in = append(in, Feature{Geometry: square(500000+float64(i)*100, 6500000, 10), Values: []any{fmt.Sprintf("id-%02d", i), 1}})
			}
			_, err = tb.Append(ctx, features(in...))
			require.NoError(t, err)
			assertIndexed(t, tb)

			tx, err := db.Begin(ctx)
			require.NoError(t, err)
			defer func() { _ = tx.Rollback() }()
			// Move one, empty one, null one, restore a null one, delete two, add one, and a
			// delete of a key that is not there.
			id0, err := tx.Upsert(ctx, tb, Feature{Geometry: square(600000, 6600000, 5), Values: []any{"id-00", 2}})
			require.NoError(t, err)
			_, err = tx.Upsert(ctx, tb, Feature{Geometry: geom.NewPolygon(geom.XY), Values: []any{"id-01", 2}})
			require.NoError(t, err)
			_, err = tx.Upsert(ctx, tb, Feature{Values: []any{"id-02", 2}})
			require.NoError(t, err)
			_, err = tx.Upsert(ctx, tb, Feature{Geometry: square(1, 2, 3), Values: []any{"id-02", 3}})
			require.NoError(t, err)
			ok, err := tx.Delete(ctx, tb, "id-03")
			require.NoError(t, err)
			assert.True(t, ok)
			ok, err = tx.Delete(ctx, tb, "id-04")
			require.NoError(t, err)
			assert.True(t, ok)
			ok, err = tx.Delete(ctx, tb, "no-such-id")
			require.NoError(t, err)
			assert.False(t, ok)
			newID, err := tx.Upsert(ctx, tb, Feature{Geometry: square(700000, 6700000, 1), Values: []any{"id-new", 1}})
			require.NoError(t, err)
			got, err := tx.Get(ctx, tb, "id-00")
			require.NoError(t, err, "reads see the transaction's writes")
			assert.Equal(t, id0, got.ID)
			assert.EqualValues(t, 2, got.Values[1])
			require.NoError(t, tx.Commit())

			assertIndexed(t, tb)
			n, err := tb.Count(ctx)
			require.NoError(t, err)
			assert.EqualValues(t, 49, n)
			f, err := tb.Get(ctx, "id-new")
			require.NoError(t, err)
			assert.Equal(t, newID, f.ID)
			_, err = tb.Get(ctx, "id-03")
			require.ErrorIs(t, err, ErrNotFound)
			ext, err := tb.Extent(ctx)
			require.NoError(t, err)
			assert.Equal(t, &Envelope{MinX: 1, MinY: 2, MaxX: 700001, MaxY: 6700001}, ext, "the extent grew to the new rows")
		})
	}
}

// The reason GeoPackage 1.4 replaced the update1 trigger: SQLite's UPSERT overrides the
// trigger's INSERT OR REPLACE. Through DB.SQL() a caller may use UPSERT on 1.4 tables; on
// 1.3 tables (and GDAL's before 3.7.1) it fails, which is why Tx.Upsert does not use it.
func TestSQLiteUpsertWorksWithVersion14Triggers(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		v  Version
		ok bool
	}{{Version14, true}, {Version13, false}} {
		t.Run(tt.v.String(), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := newDB(t, tt.v)
			tb, err := db.CreateTable(ctx, TableSpec{Name: "t", Geometry: &GeometryColumn{SRS: 3006}})
			require.NoError(t, err)
			_, err = tb.Append(ctx, features(Feature{ID: 1, Geometry: square(0, 0, 1), Values: []any{}}))
			require.NoError(t, err)
			blob, err := EncodeGeometry(square(5, 5, 1), 3006)
			require.NoError(t, err)
			_, err = db.SQL().ExecContext(ctx, `INSERT INTO t (fid, geom) VALUES (1, ?) ON CONFLICT (fid) DO UPDATE SET geom = excluded.geom`, blob)
			if !tt.ok {
				require.ErrorContains(t, err, "UNIQUE constraint failed")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, [4]float64{5, 6, 5, 6}, rtreeRows(t, tb)[1])
		})
	}
}

func TestAppendIsAtomic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t, Version14)
	tb, err := db.CreateTable(ctx, TableSpec{Name: "t", Geometry: &GeometryColumn{SRS: 3006}, Columns: []Column{{Name: "k", Type: Text}}, Key: "k"})
	require.NoError(t, err)
	broken := func(yield func(Feature, error) bool) {
		if !yield(Feature{Geometry: square(0, 0, 1), Values: []any{"a"}}, nil) {
			return
		}
		yield(Feature{}, fmt.Errorf("source broke"))
	}
	tx, err := db.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback() }()
	_, err = tx.Append(ctx, tb, broken)
	require.ErrorContains(t, err, "source broke")
	// A duplicate key in the middle of a load fails it too.
	_, err = tx.Append(ctx, tb, features(Feature{Geometry: square(0, 0, 1), Values: []any{"b"}}, Feature{Geometry: square(0, 0, 1), Values: []any{"b"}}))
	require.ErrorIs(t, err, ErrExists)
	// The transaction goes on, with the insert triggers back in place.
	_, err = tx.Insert(ctx, tb, Feature{Geometry: square(3, 3, 1), Values: []any{"c"}})
	require.NoError(t, err)
	_, err = tx.Insert(ctx, tb, Feature{Geometry: square(3, 3, 1), Values: []any{"c"}})
	require.ErrorIs(t, err, ErrExists, "a key twice")
	_, err = tx.Insert(ctx, tb, Feature{ID: 1, Geometry: square(3, 3, 1), Values: []any{"d"}})
	require.ErrorIs(t, err, ErrExists, "an ID twice")
	require.NoError(t, tx.Commit())
	got := collect(t, tb.Features(ctx, nil))
	require.Len(t, got, 1)
	assert.Equal(t, "c", got[0].Values[0])
	assertIndexed(t, tb)
}

func TestAppendToAFilledTableWithExplicitIDs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t, Version14)
	tb, err := db.CreateTable(ctx, TableSpec{Name: "t", Geometry: &GeometryColumn{SRS: 3006}})
	require.NoError(t, err)
	_, err = tb.Append(ctx, features(Feature{ID: 10, Geometry: square(0, 0, 1), Values: []any{}}, Feature{ID: 20, Geometry: square(1, 1, 1), Values: []any{}}))
	require.NoError(t, err)
	_, err = tb.Append(ctx, features(Feature{ID: 15, Geometry: square(2, 2, 1), Values: []any{}}, Feature{Geometry: square(3, 3, 1), Values: []any{}}, Feature{ID: 5}))
	require.NoError(t, err)
	ids := []int64{}
	for _, f := range collect(t, tb.Features(ctx, nil)) {
		ids = append(ids, f.ID)
	}
	assert.Equal(t, []int64{5, 10, 15, 20, 21}, ids)
	assertIndexed(t, tb)
}

func TestReadBBox(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, index := range []bool{true, false} {
		t.Run(fmt.Sprint("index=", index), func(t *testing.T) {
			t.Parallel()
			db := newDB(t, Version14)
			tb, err := db.CreateTable(ctx, TableSpec{Name: "t", Geometry: &GeometryColumn{SRS: 3006, NoSpatialIndex: !index}})
			require.NoError(t, err)
			assert.Equal(t, index, tb.HasSpatialIndex())
			var in []Feature
			for i := range 100 {
				in = append(in, Feature{Geometry: square(float64(i%10)*10, float64(i/10)*10, 5), Values: []any{}})
			}
			in = append(in, Feature{Values: []any{}}, Feature{Geometry: geom.NewPolygon(geom.XY), Values: []any{}})
			_, err = tb.Append(ctx, features(in...))
			require.NoError(t, err)
			got := collect(t, tb.Features(ctx, &ReadOptions{BBox: &Envelope{MinX: 12, MaxX: 31, MinY: 0, MaxY: 4}}))
			var ids []int64
			for _, f := range got {
				ids = append(ids, f.ID)
			}
			assert.Equal(t, []int64{2, 3, 4}, ids, "squares at x 10, 20, 30 of the first row")
		})
	}
}

func TestReopenDescribesTables(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.gpkg")
	db, err := Create(ctx, path, nil)
	require.NoError(t, err)
	spec := TableSpec{Name: "Byggnad", Geometry: &GeometryColumn{Name: "yta", Type: MultiPolygon, SRS: 3011, Z: Optional},
		Columns: []Column{{Name: "id", Type: Text}, {Name: "n", Type: Integer}, {Name: "x", Type: Real}, {Name: "b", Type: Boolean}, {Name: "d", Type: Date}, {Name: "t", Type: DateTime}, {Name: "raw", Type: Blob}},
		Key:     "id"}
	_, err = db.CreateTable(ctx, spec)
	require.NoError(t, err)
	_, err = db.CreateTable(ctx, TableSpec{Name: "checkpoint", IDColumn: "rad", Columns: []Column{{Name: "position", Type: Text}}})
	require.NoError(t, err)
	_, err = db.CreateTable(ctx, spec)
	require.ErrorIs(t, err, ErrExists)
	require.NoError(t, db.Close())

	_, err = Create(ctx, path, nil)
	require.ErrorIs(t, err, ErrExists, "Create never overwrites")

	db, err = Open(ctx, path, &OpenOptions{ReadOnly: true})
	require.NoError(t, err)
	defer func() { _ = db.Close() }()
	tables, err := db.Tables(ctx)
	require.NoError(t, err)
	require.Len(t, tables, 2)
	b, c := tables[0], tables[1]
	assert.Equal(t, "Byggnad", b.Name())
	assert.Equal(t, &GeometryColumn{Name: "yta", Type: MultiPolygon, SRS: 3011, Z: Optional}, b.Geometry())
	assert.True(t, b.HasSpatialIndex())
	wantCols := append([]Column(nil), spec.Columns...)
	wantCols[0].NotNull = true
	assert.Equal(t, wantCols, b.Columns())
	assert.Equal(t, "id", b.Key())
	assert.Equal(t, "fid", b.IDColumn())
	assert.Equal(t, "checkpoint", c.Name())
	assert.Nil(t, c.Geometry())
	assert.Equal(t, "rad", c.Key())
	_, err = db.Table(ctx, "byggnad")
	require.NoError(t, err, "names match without case, as in SQLite")
	_, err = db.Table(ctx, "nope")
	require.ErrorIs(t, err, ErrNoTable)
	_, err = db.Begin(ctx)
	require.ErrorIs(t, err, ErrReadOnly)
	_, err = db.CreateTable(ctx, TableSpec{Name: "x"})
	require.ErrorIs(t, err, ErrReadOnly)
}

func TestOpenRefusesWhatIsNotAGeoPackage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	text := filepath.Join(dir, "text.gpkg")
	require.NoError(t, os.WriteFile(text, []byte("hello, this is not sqlite at all, not even close to it......................................................."), 0o644))
	_, err := Open(ctx, text, nil)
	require.ErrorIs(t, err, ErrNotGeoPackage)
	_, err = Open(ctx, filepath.Join(dir, "missing.gpkg"), nil)
	require.ErrorIs(t, err, os.ErrNotExist)
}

func TestInvalidSpecs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t, Version14)
	tests := []struct {
		name string
		spec TableSpec
		want error
	}{
		{"empty name", TableSpec{}, ErrInvalidSpec},
		{"reserved prefix", TableSpec{Name: "gpkg_mine"}, ErrInvalidSpec},
		{"rtree prefix", TableSpec{Name: "rtree_x"}, ErrInvalidSpec},
		{"duplicate column", TableSpec{Name: "t", Columns: []Column{{Name: "a", Type: Text}, {Name: "A", Type: Integer}}}, ErrInvalidSpec},
		{"column named like the id", TableSpec{Name: "t", Columns: []Column{{Name: "fid", Type: Integer}}}, ErrInvalidSpec},
		{"key not a column", TableSpec{Name: "t", Key: "k"}, ErrInvalidSpec},
		{"real key", TableSpec{Name: "t", Columns: []Column{{Name: "k", Type: Real}}, Key: "k"}, ErrInvalidSpec},
		{"unknown srs", TableSpec{Name: "t", Geometry: &GeometryColumn{SRS: 2400}}, ErrUnknownSRS},
		{"bad geometry type", TableSpec{Name: "t", Geometry: &GeometryColumn{SRS: 3006, Type: "CIRCULARSTRING"}}, ErrInvalidSpec},
		{"bad z", TableSpec{Name: "t", Geometry: &GeometryColumn{SRS: 3006, Z: 3}}, ErrInvalidSpec},
		{"other type column", TableSpec{Name: "t", Columns: []Column{{Name: "a", Type: Other}}}, ErrInvalidSpec},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := db.CreateTable(ctx, tt.spec)
			require.ErrorIs(t, err, tt.want)
		})
	}
}

func TestCorruptRowsAreReportedAndSkippable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t, Version14)
	tb, err := db.CreateTable(ctx, TableSpec{Name: "t", Geometry: &GeometryColumn{SRS: 3006}, Columns: []Column{{Name: "n", Type: Integer}}})
	require.NoError(t, err)
	_, err = tb.Append(ctx, features(Feature{Geometry: square(0, 0, 1), Values: []any{1}}))
	require.NoError(t, err)
	// Another writer's garbage: a blob that is no geometry, and text in an INTEGER column.
	_, err = db.SQL().ExecContext(ctx, `INSERT INTO t (geom, n) VALUES (x'0102030405', 2), (NULL, 'three')`)
	require.NoError(t, err)
	_, err = tb.Append(ctx, features(Feature{Geometry: square(5, 5, 1), Values: []any{4}}))
	require.NoError(t, err)
	var good, bad []int64
	for f, err := range tb.Features(ctx, nil) {
		if err != nil {
			var re *RowError
			require.ErrorAs(t, err, &re)
			bad = append(bad, re.ID)
			continue
		}
		good = append(good, f.ID)
	}
	assert.Equal(t, []int64{1, 4}, good)
	assert.Equal(t, []int64{2, 3}, bad)
	assertIndexed(t, tb)
}

// A GeoPackage with only the mandatory tables (as some writers make them) still takes new
// feature tables: the optional tables are created, and feature counts are kept only where the
// file keeps them.
func TestCreateTableInAMinimalGeoPackage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t, Version14)
	for _, q := range []string{`DROP TABLE gpkg_ogr_contents`, `DROP TABLE gpkg_extensions`, `DROP TABLE gpkg_geometry_columns`} {
		_, err := db.SQL().ExecContext(ctx, q)
		require.NoError(t, err)
	}
	tb, err := db.CreateTable(ctx, TableSpec{Name: "t", Geometry: &GeometryColumn{SRS: 3006}})
	require.NoError(t, err)
	_, err = tb.Append(ctx, features(Feature{Geometry: square(0, 0, 1), Values: []any{}}))
	require.NoError(t, err)
	again, err := db.Table(ctx, "t")
	require.NoError(t, err)
	assert.True(t, again.HasSpatialIndex())
	assert.Len(t, rtreeRows(t, again), 1)
}
