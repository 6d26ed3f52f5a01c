package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// DB is an open GeoPackage file. It is safe for concurrent use; writes are serialised by
// SQLite's file lock (a second writer waits up to BusyTimeout).
type DB struct {
	sql      *sql.DB
	path     string
	readOnly bool
	version  Version
}

// Options configure Create.
type Options struct {
	// Version is the GeoPackage version to write; Version14 when zero.
	Version Version
}

// OpenOptions configure Open.
type OpenOptions struct {
	// ReadOnly opens the file without write access: writes give ErrReadOnly.
	ReadOnly bool
}

// dsn builds the modernc.org/sqlite data source name: a file: URI (so that mode applies) with
// a busy timeout, since several connections of the pool may contend for the file lock, and
// BEGIN IMMEDIATE, so that a write transaction takes the write lock at its start instead of
// failing to upgrade halfway.
func dsn(path, mode string) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	return "file:" + esc + "?mode=" + mode + "&_pragma=busy_timeout(30000)&_txlock=immediate"
}

// Create creates a new, empty GeoPackage at path: application_id "GPKG", the user_version of
// the chosen version, the core tables and the required spatial reference systems (undefined
// Cartesian and geographic, and WGS 84). A path that exists gives ErrExists: Create never
// overwrites.
func Create(ctx context.Context, path string, opts *Options) (*DB, error) {
	v := Version14
	if opts != nil && opts.Version != 0 {
		v = opts.Version
	}
	if v != Version14 && v != Version13 {
		return nil, fmt.Errorf("gpkg: create %s: version %d: want Version14 or Version13", path, int(v))
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("gpkg: create %s: %w", path, ErrExists)
		}
		return nil, fmt.Errorf("gpkg: create: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("gpkg: create: %w", err)
	}
	d, err := open(path, "rw")
	if err != nil {
		_ = os.Remove(path)
		return nil, err
	}
	d.version = v
	if err := d.initialise(ctx); err != nil {
		_ = d.sql.Close()
		_ = os.Remove(path)
		return nil, fmt.Errorf("gpkg: create %s: %w", path, err)
	}
	return d, nil
}

func (d *DB) initialise(ctx context.Context) error {
	// application_id and user_version are header fields, written outside a transaction.
	if _, err := d.sql.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return err
	}
	if _, err := d.sql.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", int(d.version))); err != nil {
		return err
	}
	tx, err := d.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	for _, st := range coreSchema {
		if _, err := tx.ExecContext(ctx, st); err != nil {
			return err
		}
	}
	for _, r := range requiredSRS {
		if err := insertSRS(ctx, tx, r); err != nil {
			return err
		}
	}
	if err := ensureSRS(ctx, tx, 4326); err != nil {
		return err
	}
	return tx.Commit()
}

// Open opens an existing GeoPackage, written by this package or by others (GDAL, QGIS,
// ArcGIS). A file that is missing gives an error wrapping fs.ErrNotExist; one that is not a
// GeoPackage gives ErrNotGeoPackage.
func Open(ctx context.Context, path string, opts *OpenOptions) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("gpkg: open: %w", err)
	}
	mode := "rw"
	if opts != nil && opts.ReadOnly {
		mode = "ro"
	}
	d, err := open(path, mode)
	if err != nil {
		return nil, err
	}
	d.readOnly = mode == "ro"
	var n int
	if err := d.sql.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_contents'`).Scan(&n); err != nil || n == 0 {
		_ = d.sql.Close()
		if err != nil {
			return nil, fmt.Errorf("gpkg: open %s: %w: %w", path, ErrNotGeoPackage, err)
		}
		return nil, fmt.Errorf("gpkg: open %s: no gpkg_contents table: %w", path, ErrNotGeoPackage)
	}
	var uv int
	if err := d.sql.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&uv); err == nil && uv < int(Version14) {
		d.version = Version13 // older files keep the trigger set they were written with
	} else {
		d.version = Version14
	}
	return d, nil
}

func open(path, mode string) (*DB, error) {
	s, err := sql.Open(driverName, dsn(path, mode))
	if err != nil {
		return nil, fmt.Errorf("gpkg: open %s: %w", path, err)
	}
	return &DB{sql: s, path: path}, nil
}

// Close closes the file. Sequences from Features must be finished (or abandoned by breaking
// out of the loop) first.
func (d *DB) Close() error {
	if err := d.sql.Close(); err != nil {
		return fmt.Errorf("gpkg: close %s: %w", d.path, err)
	}
	return nil
}

// Path returns the file's path.
func (d *DB) Path() string { return d.path }

// SQL returns the underlying database, for queries this package does not offer. The SQL
// functions the R-tree triggers call are registered on it, so writes through it keep the
// spatial index right; they do not update gpkg_contents' extent.
func (d *DB) SQL() *sql.DB { return d.sql }

// Tables returns every feature and attribute table listed in gpkg_contents, in the order of
// their names. Tile tables and other data types are left out.
func (d *DB) Tables(ctx context.Context) ([]*Table, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT table_name FROM gpkg_contents WHERE data_type IN ('features', 'attributes') ORDER BY table_name`)
	if err != nil {
		return nil, fmt.Errorf("gpkg: list tables: %w", err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			_ = rows.Close()
			return nil, fmt.Errorf("gpkg: list tables: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("gpkg: list tables: %w", err)
	}
	_ = rows.Close()
	out := make([]*Table, 0, len(names))
	for _, n := range names {
		t, err := d.Table(ctx, n)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// Table opens a feature or attribute table by name (as listed in gpkg_contents; the match
// ignores case, as SQLite does). A name that is not there gives ErrNoTable.
func (d *DB) Table(ctx context.Context, name string) (*Table, error) {
	t, err := d.loadTable(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("gpkg: table %q: %w", name, err)
	}
	return t, nil
}

func (d *DB) loadTable(ctx context.Context, name string) (*Table, error) {
	t := &Table{db: d, keyIndex: -1}
	err := d.sql.QueryRowContext(ctx, `SELECT table_name, data_type FROM gpkg_contents WHERE lower(table_name) = lower(?)`, name).Scan(&t.name, &t.dataType)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoTable
	}
	if err != nil {
		return nil, err
	}
	if t.dataType != "features" && t.dataType != "attributes" {
		return nil, fmt.Errorf("data_type %q is neither features nor attributes: %w", t.dataType, ErrNoTable)
	}
	if t.dataType == "features" {
		var gc GeometryColumn
		var typ string
		var z, m int
		err := d.sql.QueryRowContext(ctx, `SELECT column_name, geometry_type_name, srs_id, z, m FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)`, t.name).Scan(&gc.Name, &typ, &t.srsID, &z, &m)
		if err != nil {
			return nil, fmt.Errorf("gpkg_geometry_columns: %w", err)
		}
		gc.Type, gc.Z, gc.M = GeometryType(strings.ToUpper(typ)), Presence(z), Presence(m)
		gc.SRS = t.srsID
		var org string
		var orgID int
		if err := d.sql.QueryRowContext(ctx, `SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?`, t.srsID).Scan(&org, &orgID); err == nil && strings.EqualFold(org, "EPSG") {
			gc.SRS = orgID
		}
		var idx int
		if err := d.sql.QueryRowContext(ctx, `SELECT count(*) FROM gpkg_extensions WHERE lower(table_name) = lower(?) AND lower(column_name) = lower(?) AND extension_name = 'gpkg_rtree_index'`, t.name, gc.Name).Scan(&idx); err == nil && idx > 0 {
			var vt int
			if err := d.sql.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE lower(name) = lower(?)`, rtreeName(t.name, gc.Name)).Scan(&vt); err == nil && vt > 0 {
				t.rtree = true
			}
		}
		gc.NoSpatialIndex = !t.rtree
		t.geom = &gc
	}
	if err := d.loadColumns(ctx, t); err != nil {
		return nil, err
	}
	return t, nil
}

// loadColumns reads the table's columns and its key from SQLite's schema.
func (d *DB) loadColumns(ctx context.Context, t *Table) error {
	rows, err := d.sql.QueryContext(ctx, `SELECT name, type, "notnull", pk FROM pragma_table_info(?)`, t.name)
	if err != nil {
		return fmt.Errorf("table info: %w", err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var name, decl string
		var notNull, pk int
		if err := rows.Scan(&name, &decl, &notNull, &pk); err != nil {
			return fmt.Errorf("table info: %w", err)
		}
		switch {
		case pk == 1 && t.id == "":
			t.id = name
		case t.geom != nil && strings.EqualFold(name, t.geom.Name):
			t.geom.Name = name
		default:
			t.columns = append(t.columns, Column{Name: name, Type: columnTypeOf(decl), NotNull: notNull == 1})
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("table info: %w", err)
	}
	if t.id == "" {
		return fmt.Errorf("no integer primary key (GeoPackage requires one): %w", ErrNotGeoPackage)
	}
	t.key = t.id
	key, err := d.uniqueColumn(ctx, t.name)
	if err != nil {
		return err
	}
	if key != "" {
		if i := t.ColumnIndex(key); i >= 0 {
			t.key, t.keyIndex = t.columns[i].Name, i
		}
	}
	return nil
}

// uniqueColumn returns the column of the table's only single-column UNIQUE constraint, or "".
func (d *DB) uniqueColumn(ctx context.Context, table string) (string, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT name FROM pragma_index_list(?) WHERE "unique" = 1 AND origin = 'u'`, table)
	if err != nil {
		return "", fmt.Errorf("index list: %w", err)
	}
	var indexes []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			_ = rows.Close()
			return "", err
		}
		indexes = append(indexes, n)
	}
	_ = rows.Close()
	var found []string
	for _, ix := range indexes {
		var cols []string
		r, err := d.sql.QueryContext(ctx, `SELECT name FROM pragma_index_info(?)`, ix)
		if err != nil {
			return "", fmt.Errorf("index info: %w", err)
		}
		for r.Next() {
			var c sql.NullString
			if err := r.Scan(&c); err != nil {
				_ = r.Close()
				return "", err
			}
			cols = append(cols, c.String)
		}
		_ = r.Close()
		if len(cols) == 1 && cols[0] != "" {
			found = append(found, cols[0])
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	return "", nil
}
