package gpkg

import (
	"database/sql"
	"database/sql/driver"

	"modernc.org/sqlite"
)

// driverName is the database/sql name of the SQLite driver this package opens GeoPackages
// with: modernc.org/sqlite (pure Go) with the SQL functions the R-tree triggers of GeoPackage
// Annex F.3 call. It is a driver of its own rather than the process-wide "sqlite", so that
// the functions reach GeoPackages opened here and nothing else in the program.
const driverName = "bal-gpkg-sqlite"

func init() {
	d := &sqlite.Driver{}
	register := func(name string, fn func(b []byte) (driver.Value, error)) {
		d.MustRegisterFunction(name, &sqlite.FunctionImpl{
			NArgs:         1,
			Deterministic: true,
			// The blob is only read during the call, never kept.
			VolatileArgs: true,
			Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
				b, ok := args[0].([]byte)
				if !ok {
					// NULL (and anything that is not a blob) has no envelope: NULL, as GDAL.
					return nil, nil
				}
				return fn(b)
			},
		})
	}
	// ST_IsEmpty is 1 for an empty geometry, 0 for another, NULL for NULL or a blob that is
	// not a GeoPackage geometry (which therefore stays out of the R-tree, as with GDAL).
	register("ST_IsEmpty", func(b []byte) (driver.Value, error) {
		empty, ok := blobIsEmpty(b)
		if !ok {
			return nil, nil
		}
		if empty {
			return int64(1), nil
		}
		return int64(0), nil
	})
	bound := func(pick func(minX, maxX, minY, maxY float64) float64) func([]byte) (driver.Value, error) {
		return func(b []byte) (driver.Value, error) {
			minX, maxX, minY, maxY, ok := blobEnvelope(b)
			if !ok {
				return nil, nil
			}
			return pick(minX, maxX, minY, maxY), nil
		}
	}
	register("ST_MinX", bound(func(minX, _, _, _ float64) float64 { return minX }))
	register("ST_MaxX", bound(func(_, maxX, _, _ float64) float64 { return maxX }))
	register("ST_MinY", bound(func(_, _, minY, _ float64) float64 { return minY }))
	register("ST_MaxY", bound(func(_, _, _, maxY float64) float64 { return maxY }))
	sql.Register(driverName, d)
}
