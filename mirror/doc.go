// Package mirror keeps a municipality's own copy of its BAL objects in step with
// Lantmäteriet: the seven object types (byggnad, entre, lagenhet, adressplats, adressomrade,
// gardsadressomrade, kommundel) with their attributes and geometries in the municipality's CRS,
// in a GeoPackage file (pure Go, the default; QGIS and GDAL open it) or in PostgreSQL/PostGIS.
//
//	m, err := mirror.Open(ctx, "bal.gpkg", &mirror.Options{Municipality: "2180"}) // or "postgres://…"
//	defer m.Close()
//	err = m.Init(ctx, c, mirror.Source{Extract: &extract.ResyncOptions{Path: "leverans"}}) // or Services: true
//	res, err := m.Sync(ctx, c, nil) // on a schedule, or with SyncOptions.Poll
//	n, err := m.ExportGeoJSON(ctx, w, bal.ObjectTypeBuilding, nil)
//
// # Loading and following
//
// Init loads the mirror from a base extract (at hand, or fetched from a Geotorget order with
// package delivery) or from the update services (a search per type, then the batch read of 250
// objects a request), in one transaction that also records the change-feed position to follow
// from: the extract's own position when its manifest names one, else the one noted before the
// read. In PostgreSQL the rows go in with COPY.
//
// Sync follows the change feed with each change carrying its object (objekt=med), so it needs
// one request per page of up to 1000 changes rather than one read per change. A change is
// applied only when its version is newer than what the mirror holds, so changes seen again (after
// a crash, or after a resync) are harmless. The checkpoint is written in the same database
// transaction as the changes it covers (one transaction per page, or per SyncOptions.SaveEvery
// changes): a process killed at any point, even with SIGKILL, resumes exactly where its last
// commit left it, with nothing lost or applied twice, and there is no checkpoint file. When the
// feed no longer has the mirror's position (410), Sync rebuilds the mirror from a new base
// extract by itself (Options.Resync, with extract.Rebuild) and goes on.
//
// One writer at a time: Open takes a PostgreSQL advisory lock on the database, or a lock file
// beside the GeoPackage (bal.gpkg.lock), held until Close; a second writer gets a *LockedError
// (ErrLocked). Readers open with Options.ReadOnly and need no lock.
//
// # Heights: 2D and 3D
//
// Lantmäteriet has heights (RH 2000) for some building footprints and not for others. They are
// kept where they exist and never invented (no 0, no NaN) where they do not:
//
//   - In PostGIS a typed column cannot mix them (geometry(MultiPolygon) refuses 3D,
//     geometry(MultiPolygonZ) refuses 2D), so a table with geometry has two typed columns:
//     geom, geometry(MultiPolygon, zone) or geometry(Point, zone), every object's 2D footprint
//     or position (a 3D footprint's plan outline), so that one layer shows them all; and geom_z,
//     geometry(MultiPolygonZ, compound) or geometry(PointZ, compound), in the zone's RH 2000
//     compound CRS (5845–5857), holding the geometry with its heights only where Lantmäteriet has
//     them, NULL elsewhere. byggnad.har_hojd says whether all of a building's parts have heights.
//     QGIS and GDAL list the two as layers of their own: ogrinfo PG:… shows
//     "Geometry (geom): Multi Polygon" and "Geometry (geom_z): 3D Multi Polygon".
//   - In a GeoPackage, whose feature tables have one geometry column, the column has z optional
//     (gpkg_geometry_columns.z = 2) in the compound CRS: a 3D footprint is stored with its
//     heights, a 2D one without. GDAL reads the layer as "3D Multi Polygon" and each feature as
//     stored.
//   - A building whose parts mix 2D and 3D (rare) keeps its 2D footprint as its geometry and its
//     parts with heights in geom_z (PostGIS) or, as WKT, in the hojd_delvis column
//     (GeoPackage), so no height is lost.
//
// # Retired objects
//
// By default a retired (avregistrerad) object is deleted, and a tombstone
// (bal_avregistrerade) remembers its last version so that a change seen again cannot bring it
// back. With Options.KeepRetired it stays, with objektstatus Avregistrerad and its end time in
// the avregistrerad column.
//
// # Schema
//
// Each object table has objektidentitet (the key), objektversion, objektstatus,
// version_giltig_fran and avregistrerad; the type's own columns (husnummer, andamal,
// adressplatsnummer, lagenhetsnummer …); attribut, every attribute of the object as JSON (jsonb
// in PostgreSQL); and the geometry columns above. bal_mirror_state holds the checkpoint, the
// CRS and the municipality; bal_schema_version the schema version. Open creates the schema and
// migrates an older one step by step (SchemaVersion), in a transaction with the version row.
//
// # The municipality's CRS
//
// Options.SRID names it (the municipality's SWEREF 99 projection, 3006–3018); otherwise the
// store's own, the municipality's verified row (geometry.MunicipalityZone), or the zone whose
// area of use covers the first building loaded. Geometries are rounded to the millimetre.
//
// # Exports
//
// ExportGeoPackage writes a new GeoPackage with a layer per type; ExportGeoJSON writes one type
// as a FeatureCollection, RFC 7946 longitude/latitude or a Swedish grid CRS named with the 2008
// GeoJSON crs member. Both stream and carry every attribute; coordinates are rounded to the
// millimetre.
package mirror
