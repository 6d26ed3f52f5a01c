package gpkg

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
)

func rtreeCheck(t *testing.T, tb *Table) {
	t.Helper()
	var res string
	require.NoError(t, tb.db.sql.QueryRow(`SELECT rtreecheck(?)`, rtreeName(tb.name, tb.geom.Name)).Scan(&res))
	assert.Equal(t, "ok", res, "SQLite's rtreecheck")
}

// randomFeatures makes n features of points and small polygons, with negative and positive
// coordinates of every magnitude, so that rounding to float32 goes both ways.
func randomFeatures(r *rand.Rand, n int) []Feature {
	out := make([]Feature, n)
	for i := range out {
		x := (r.Float64() - 0.3) * 2e6
		y := (r.Float64() - 0.1) * 8e6
		switch i % 4 {
		case 0:
			out[i] = Feature{Geometry: geom.NewPointFlat(geom.XY, []float64{x, y}), Values: []any{}}
		case 1:
			out[i] = Feature{Geometry: square(x, y, r.Float64()*50), Values: []any{}}
		case 2:
			out[i] = Feature{Geometry: square(x/1e5, y/1e5, r.Float64()/1e3), Values: []any{}}
		default:
			out[i] = Feature{Geometry: geom.NewLineStringFlat(geom.XY, []float64{x, y, x + 0.1, y - 0.3}), Values: []any{}}
		}
	}
	return out
}

// The packed R-tree is a valid SQLite R*Tree at every size (one leaf, two levels, three), holds
// exactly the boxes the module would have stored (same float32 rounding), answers the same
// queries, and takes later inserts, moves and deletes through the module.
func TestBulkRTreeIsValid(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 51, 52, 2602} { // one leaf; two levels; three levels (52 leaves)
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := newDB(t, Version14)
			fs := randomFeatures(rand.New(rand.NewPCG(uint64(n), 7)), n)
			// Rows without a geometry or with an empty one stay out of the index.
			fs = append(fs, Feature{Values: []any{}}, Feature{Geometry: geom.NewPolygon(geom.XY), Values: []any{}})
			bulk, err := db.CreateTable(ctx, TableSpec{Name: "bulk", Geometry: &GeometryColumn{SRS: 3006}})
			require.NoError(t, err)
			_, err = bulk.Append(ctx, features(fs...))
			require.NoError(t, err)
			rtreeCheck(t, bulk)
			assertIndexed(t, bulk)

			// The same rows inserted one by one through the module's triggers.
			rowwise, err := db.CreateTable(ctx, TableSpec{Name: "rowwise", Geometry: &GeometryColumn{SRS: 3006}})
			require.NoError(t, err)
			tx, err := db.Begin(ctx)
			require.NoError(t, err)
			for _, f := range fs {
				_, err := tx.Insert(ctx, rowwise, f)
				require.NoError(t, err)
			}
			require.NoError(t, tx.Commit())
			assert.Equal(t, rtreeRows(t, rowwise), rtreeRows(t, bulk), "the same float32 boxes")

			r := rand.New(rand.NewPCG(uint64(n), 8))
			for range 10 {
				x, y := (r.Float64()-0.3)*2e6, (r.Float64()-0.1)*8e6
				box := &Envelope{MinX: x, MaxX: x + 2e5, MinY: y, MaxY: y + 8e5}
				var a, b []int64
				for f, err := range bulk.Features(ctx, &ReadOptions{BBox: box}) {
					require.NoError(t, err)
					a = append(a, f.ID)
				}
				for f, err := range rowwise.Features(ctx, &ReadOptions{BBox: box}) {
					require.NoError(t, err)
					b = append(b, f.ID)
				}
				assert.Equal(t, b, a)
			}

			// Later writes go through the module and keep the tree valid.
			tx, err = db.Begin(ctx)
			require.NoError(t, err)
			for i, f := range randomFeatures(r, 120) {
				id := int64(i*7%n + 1)
				f.ID = id
				switch i % 3 {
				case 0:
					_, err = tx.Upsert(ctx, bulk, f)
				case 1:
					_, err = tx.Delete(ctx, bulk, id)
				default:
					f.ID = 0
					_, err = tx.Insert(ctx, bulk, f)
				}
				require.NoError(t, err)
			}
			require.NoError(t, tx.Commit())
			rtreeCheck(t, bulk)
			assertIndexed(t, bulk)
		})
	}
}
