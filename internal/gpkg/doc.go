// Package gpkg writes and reads OGC GeoPackages (1.4 by default, 1.3 on request) in pure Go,
// over modernc.org/sqlite: the file format of the comparison's reports, the mirror's embedded
// store and the GeoPackage export. QGIS and GDAL open what it writes, with the spatial index in
// use; it reads feature and attribute tables written by GDAL, QGIS and others.
//
// # What a file holds
//
//   - application_id "GPKG" and user_version 10400 (or 10300);
//   - gpkg_spatial_ref_sys with the required rows (-1, 0, 4326) and, as tables use them, the
//     Swedish CRSs of the SDK: 3006, 3007–3018, 3847, 4619 and 5845–5857 (SWEREF 99 TM and the
//     local zones with RH 2000 heights, as COMPD_CS). The definitions are GDAL's own OGC WKT 1,
//     generated once with gdalsrsinfo (gen_srs.go, output srs_defs.go; GDAL is not needed to
//     build);
//   - gpkg_contents (with the extent, grown on every commit), gpkg_geometry_columns (z and m
//     as 0, 1 or 2), gpkg_extensions, and GDAL's gpkg_ogr_contents with its feature-count
//     triggers, so that GDAL and QGIS show the count of a large table without scanning it;
//   - feature tables with an INTEGER PRIMARY KEY ("fid"), one geometry column and typed
//     attribute columns (TEXT, INTEGER, REAL, BOOLEAN, DATE, DATETIME, BLOB), and attribute
//     tables (data_type "attributes") for things such as a mirror's checkpoint and schema
//     version;
//   - the R-tree spatial index extension as GDAL writes it: a gpkg_rtree_index row, the
//     rtree_<table>_<column> virtual table, and the triggers of GeoPackage Annex F.3 (the 1.4
//     set, with update5–7, or for 1.3 the update1–4 set GDAL 2.3–3.10 writes). The triggers
//     call ST_IsEmpty, ST_MinX, ST_MaxX, ST_MinY and ST_MaxY, which this package registers on
//     its own SQLite driver, so every write here, including raw SQL through DB.SQL, keeps the
//     index right.
//
// Geometries are GeoPackage binary blobs (EncodeGeometry, DecodeGeometry): a little-endian
// header with the srs_id and an envelope of the geometry's dimensions (none for points and
// empty geometries, as GDAL does), then ISO WKB, with Z and M where the geometry has them and
// an empty point as NaN ordinates. The reader takes either byte order and every envelope
// variant, bounds element counts by the blob's length, and never panics (it is fuzzed).
//
// # Heights: a layer whose footprints are partly 3D
//
// Lantmäteriet's buildings have heights for some footprints and not for others. A geometry
// column with Z: Optional (gpkg_geometry_columns.z = 2) takes both: a 3D footprint is stored
// with its Z (and an xyz envelope), a 2D one without, so heights are kept where they exist and
// never invented (no 0, no NaN). Give such a column the compound CRS (5845–5857) so that the
// heights are labelled RH 2000; geometries in its horizontal CRS (3006 for 5845) are accepted
// too. GDAL 3.6 reads such a layer as "3D Polygon" and returns each feature as stored, POLYGON Z
// or POLYGON (TestOGRInfoReadsWhatWeWrite). Z: Prohibited refuses 3D geometries and
// Z: Mandatory refuses 2D ones, with ErrGeometryMismatch, rather than dropping or inventing
// heights.
//
// # Usage
//
// Create a file and a table, load it in bulk, then change it row by row:
//
//	db, err := gpkg.Create(ctx, "bal.gpkg", nil)
//	…
//	byggnad, err := db.CreateTable(ctx, gpkg.TableSpec{
//		Name:     "byggnad",
//		Geometry: &gpkg.GeometryColumn{Type: gpkg.MultiPolygon, SRS: geometry.SWEREF99_1800_RH2000, Z: gpkg.Optional},
//		Columns: []gpkg.Column{
//			{Name: "objektidentitet", Type: gpkg.Text},
//			{Name: "version", Type: gpkg.Integer},
//			{Name: "andrad", Type: gpkg.DateTime},
//		},
//		Key: "objektidentitet", // Upsert, Delete and Get find rows by it
//	})
//	n, err := byggnad.Append(ctx, features) // iter.Seq2[gpkg.Feature, error], one transaction
//
//	tx, err := db.Begin(ctx)
//	defer tx.Rollback()
//	_, err = tx.Upsert(ctx, byggnad, gpkg.Feature{Geometry: g, Values: []any{id, 4, changedAt}})
//	_, err = tx.Delete(ctx, byggnad, retiredID)
//	_, err = tx.Upsert(ctx, checkpoint, gpkg.Feature{Values: []any{"feed", position}}) // same transaction
//	err = tx.Commit()
//
// Read any feature or attribute table, in constant memory:
//
//	db, err := gpkg.Open(ctx, "theirs.gpkg", &gpkg.OpenOptions{ReadOnly: true})
//	t, err := db.Table(ctx, "byggnader")
//	for f, err := range t.Features(ctx, nil) {
//		var re *gpkg.RowError
//		if errors.As(err, &re) { … one bad row; the next follows … }
//		… f.ID, f.Geometry (SRID = the column's EPSG code), f.Values (as t.Columns() says) …
//	}
//
// Values are typed by column (see ColumnType): TEXT string, INTEGER int64, REAL float64,
// BOOLEAN bool, DATE and DATETIME time.Time (UTC; DATETIME to the millisecond, as GeoPackage
// defines it: a finer time is refused, not cut), BLOB []byte; nil is NULL. Writes check every
// value and geometry against the table and answer a misfit with a typed error (ErrValue,
// ErrGeometryMismatch) before anything is written.
//
// # Bulk loads and transactions
//
// Append (on a Table, or on a Tx to share the mirror's transaction) inserts through one
// prepared statement with the R-tree's and the feature count's insert triggers dropped, then
// indexes the new rows and puts the triggers back, as GDAL does for a new layer. Into an empty
// index (a new table) it builds a packed R-tree in memory (24 bytes a row, up to 4 million
// rows) and writes SQLite's R*Tree shadow tables directly, as GDAL does since 3.8, which is
// faster than the module's row-by-row insertion and gives a better tree; otherwise the module
// indexes the new rows in one statement. Append is atomic (a savepoint): an error leaves
// neither rows nor a missing trigger behind. Upsert is an UPDATE by key followed, when no row matched, by an INSERT, which
// keeps the index right under both trigger sets; SQLite's own INSERT … ON CONFLICT breaks the
// update1 trigger of GeoPackages before 1.4 (GeoPackage issue 639; the reason 1.4 replaced it).
//
// A Tx takes SQLite's write lock when it begins (BEGIN IMMEDIATE), so a second writer waits
// (up to 30 s) instead of failing halfway; one writer per file at a time is the mirror's rule
// anyway. Reads through Table run on other connections of the pool and see committed data;
// Tx.Get reads inside the transaction.
//
// # Compatibility
//
// GDAL before 3.7.1 does not know GeoPackage 1.4 and warns "may only be partially supported"
// when it opens such a file, then reads it normally; Options{Version: Version13} writes 1.3
// for such readers. GDAL's validate_gpkg.py (3.6) passes the 1.3 files this package writes.
package gpkg
