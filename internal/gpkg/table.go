package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// GeometryType is a GeoPackage geometry type name (gpkg_geometry_columns.geometry_type_name).
type GeometryType string

// The core geometry types (GeoPackage 1.4 Annex G). Geometry takes any of them.
const (
	Geometry           GeometryType = "GEOMETRY"
	Point              GeometryType = "POINT"
	LineString         GeometryType = "LINESTRING"
	Polygon            GeometryType = "POLYGON"
	MultiPoint         GeometryType = "MULTIPOINT"
	MultiLineString    GeometryType = "MULTILINESTRING"
	MultiPolygon       GeometryType = "MULTIPOLYGON"
	GeometryCollection GeometryType = "GEOMETRYCOLLECTION"
)

// typeOf returns the GeoPackage type name of a go-geom geometry.
func typeOf(g geom.T) GeometryType {
	switch g.(type) {
	case *geom.Point:
		return Point
	case *geom.LineString:
		return LineString
	case *geom.Polygon:
		return Polygon
	case *geom.MultiPoint:
		return MultiPoint
	case *geom.MultiLineString:
		return MultiLineString
	case *geom.MultiPolygon:
		return MultiPolygon
	case *geom.GeometryCollection:
		return GeometryCollection
	}
	return ""
}

// valid reports whether t is one of the core types.
func (t GeometryType) valid() bool {
	switch t {
	case Geometry, Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, GeometryCollection:
		return true
	}
	return false
}

// accepts reports whether a column of type t may hold a geometry of type g: the same type, or
// any type for GEOMETRY, or a multi type for GEOMETRYCOLLECTION (its subtypes in Annex G).
func (t GeometryType) accepts(g GeometryType) bool {
	switch t {
	case Geometry:
		return g != ""
	case GeometryCollection:
		return g == GeometryCollection || g == MultiPoint || g == MultiLineString || g == MultiPolygon
	}
	return t == g
}

// Presence says whether a geometry column's coordinates carry an ordinate (z or m), the values
// of gpkg_geometry_columns.z and .m.
type Presence int

const (
	// Prohibited (0): no geometry in the column has the ordinate.
	Prohibited Presence = 0
	// Mandatory (1): every non-empty geometry in the column has it.
	Mandatory Presence = 1
	// Optional (2): each geometry has it or not. This is how a layer keeps heights where
	// they exist without inventing them where they do not: 3D geometries are stored with
	// their Z, 2D ones without (see the package documentation).
	Optional Presence = 2
)

// GeometryColumn describes the geometry column of a feature table.
type GeometryColumn struct {
	// Name of the column; "geom" (GDAL's default) when empty.
	Name string
	// Type of the geometries; Geometry (any type) when empty.
	Type GeometryType
	// SRS is the EPSG code of the column's coordinate reference system (one of SRSCodes when
	// creating). Geometries written to the column must have this SRID, one with the same
	// horizontal CRS (3006 and 5845, say), or SRID 0.
	SRS int
	// Z and M say whether coordinates carry heights and measures.
	Z, M Presence
	// NoSpatialIndex leaves out the R-tree spatial index (gpkg_rtree_index), which is created
	// by default.
	NoSpatialIndex bool
}

// Column describes an attribute column.
type Column struct {
	Name string
	Type ColumnType
	// NotNull makes the column NOT NULL; nil values are then refused with ErrValue.
	NotNull bool
}

// TableSpec describes a table for CreateTable.
type TableSpec struct {
	// Name of the table (gpkg_contents.table_name). It may not start with "gpkg_", "rtree_"
	// or "sqlite_", which GeoPackage and SQLite reserve.
	Name string
	// Identifier and Description go into gpkg_contents; Identifier defaults to Name.
	Identifier, Description string
	// Geometry is the geometry column of a feature table (data_type "features"); nil makes an
	// attribute table (data_type "attributes"), a table with no geometry, such as a mirror's
	// checkpoint or schema version.
	Geometry *GeometryColumn
	// IDColumn is the INTEGER PRIMARY KEY column GeoPackage requires; "fid" (GDAL's name)
	// when empty.
	IDColumn string
	// Columns are the attribute columns, in order; Feature.Values follow this order.
	Columns []Column
	// Key names the column that identifies a row for Upsert, Delete and Get (an object's
	// identity, say). It must be a Text or Integer column; it is made NOT NULL UNIQUE. Empty
	// means the ID column.
	Key string
}

// Table is a feature or attribute table of a GeoPackage. Its methods are safe for concurrent
// use; it describes the table as it was when opened or created.
type Table struct {
	db       *DB
	name     string
	dataType string
	id       string
	geom     *GeometryColumn // nil for attribute tables
	srsID    int             // gpkg srs_id of the geometry column (may differ from geom.SRS in foreign files)
	columns  []Column
	key      string
	keyIndex int // index of the key in columns; -1 for the id column
	rtree    bool
}

// Name returns the table name.
func (t *Table) Name() string { return t.name }

// IsFeatures reports whether the table is a feature table (data_type "features"), not an
// attribute table.
func (t *Table) IsFeatures() bool { return t.geom != nil }

// IDColumn returns the name of the integer primary key column.
func (t *Table) IDColumn() string { return t.id }

// Geometry returns a copy of the geometry column's description, or nil for an attribute
// table. Its SRS is the EPSG code (for files written by others, the organization code of the
// column's gpkg_spatial_ref_sys row when the organization is EPSG, else the srs_id).
func (t *Table) Geometry() *GeometryColumn {
	if t.geom == nil {
		return nil
	}
	g := *t.geom
	return &g
}

// Columns returns the attribute columns in the order of Feature.Values.
func (t *Table) Columns() []Column { return append([]Column(nil), t.columns...) }

// ColumnIndex returns the index of the named attribute column in Feature.Values, or -1.
func (t *Table) ColumnIndex(name string) int {
	for i, c := range t.columns {
		if strings.EqualFold(c.Name, name) {
			return i
		}
	}
	return -1
}

// Key returns the name of the column Upsert, Delete and Get identify rows by: the spec's Key,
// or for tables opened from a file the single-column UNIQUE constraint when there is exactly
// one, else the ID column.
func (t *Table) Key() string { return t.key }

// HasSpatialIndex reports whether the geometry column has the R-tree spatial index.
func (t *Table) HasSpatialIndex() bool { return t.rtree }

var reservedPrefixes = []string{"gpkg_", "rtree_", "sqlite_"}

func checkName(what, name string) error {
	if name == "" {
		return fmt.Errorf("%s name is empty: %w", what, ErrInvalidSpec)
	}
	if strings.ContainsRune(name, 0) {
		return fmt.Errorf("%s name %q contains NUL: %w", what, name, ErrInvalidSpec)
	}
	return nil
}

// normalize fills defaults and checks a spec.
func (s TableSpec) normalize() (TableSpec, error) {
	if err := checkName("table", s.Name); err != nil {
		return s, err
	}
	for _, p := range reservedPrefixes {
		if strings.HasPrefix(strings.ToLower(s.Name), p) {
			return s, fmt.Errorf("table name %q starts with the reserved %q: %w", s.Name, p, ErrInvalidSpec)
		}
	}
	if s.Identifier == "" {
		s.Identifier = s.Name
	}
	if s.IDColumn == "" {
		s.IDColumn = "fid"
	}
	seen := map[string]bool{strings.ToLower(s.IDColumn): true}
	if g := s.Geometry; g != nil {
		gc := *g
		if gc.Name == "" {
			gc.Name = "geom"
		}
		if gc.Type == "" {
			gc.Type = Geometry
		}
		if err := checkName("geometry column", gc.Name); err != nil {
			return s, err
		}
		if !gc.Type.valid() {
			return s, fmt.Errorf("geometry type %q: %w", gc.Type, ErrInvalidSpec)
		}
		if gc.Z < Prohibited || gc.Z > Optional || gc.M < Prohibited || gc.M > Optional {
			return s, fmt.Errorf("z %d, m %d: want 0, 1 or 2: %w", gc.Z, gc.M, ErrInvalidSpec)
		}
		if _, err := epsgRow(gc.SRS); err != nil {
			return s, err
		}
		if seen[strings.ToLower(gc.Name)] {
			return s, fmt.Errorf("geometry column %q repeats the id column: %w", gc.Name, ErrInvalidSpec)
		}
		seen[strings.ToLower(gc.Name)] = true
		s.Geometry = &gc
	}
	s.Columns = append([]Column(nil), s.Columns...)
	for _, c := range s.Columns {
		if err := checkName("column", c.Name); err != nil {
			return s, err
		}
		if seen[strings.ToLower(c.Name)] {
			return s, fmt.Errorf("column %q appears twice (names are case-insensitive): %w", c.Name, ErrInvalidSpec)
		}
		seen[strings.ToLower(c.Name)] = true
		if c.Type < Text || c.Type > Blob {
			return s, fmt.Errorf("column %q: type %s cannot be created: %w", c.Name, c.Type, ErrInvalidSpec)
		}
	}
	if s.Key != "" {
		i := -1
		for j, c := range s.Columns {
			if strings.EqualFold(c.Name, s.Key) {
				i = j
			}
		}
		if i < 0 {
			return s, fmt.Errorf("key %q is not a column: %w", s.Key, ErrInvalidSpec)
		}
		if t := s.Columns[i].Type; t != Text && t != Integer {
			return s, fmt.Errorf("key %q is %s; a key is TEXT or INTEGER: %w", s.Key, t, ErrInvalidSpec)
		}
		s.Columns[i].NotNull = true
		s.Key = s.Columns[i].Name
	}
	return s, nil
}

// CreateTable creates a feature table (spec.Geometry set) or an attribute table, registers it
// in gpkg_contents (and gpkg_geometry_columns, gpkg_spatial_ref_sys, gpkg_extensions and
// gpkg_ogr_contents), and creates its R-tree spatial index and triggers. A name in use gives
// ErrExists.
func (d *DB) CreateTable(ctx context.Context, spec TableSpec) (*Table, error) {
	if d.readOnly {
		return nil, fmt.Errorf("gpkg: create table %q: %w", spec.Name, ErrReadOnly)
	}
	s, err := spec.normalize()
	if err != nil {
		return nil, fmt.Errorf("gpkg: create table: %w", err)
	}
	tx, err := d.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("gpkg: create table %q: %w", s.Name, err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := createTable(ctx, tx, d.version, s); err != nil {
		return nil, fmt.Errorf("gpkg: create table %q: %w", s.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("gpkg: create table %q: %w", s.Name, err)
	}
	return d.newTable(s), nil
}

// CreateTable creates a table inside the transaction (see DB.CreateTable): a mirror creates
// its schema and records the schema version in one transaction. The Table is usable at once
// in this transaction, and by everyone after Commit.
func (tx *Tx) CreateTable(ctx context.Context, spec TableSpec) (*Table, error) {
	if tx.done {
		return nil, fmt.Errorf("gpkg: create table %q: %w", spec.Name, sql.ErrTxDone)
	}
	s, err := spec.normalize()
	if err != nil {
		return nil, fmt.Errorf("gpkg: create table: %w", err)
	}
	if err := createTable(ctx, tx.tx, tx.db.version, s); err != nil {
		return nil, fmt.Errorf("gpkg: create table %q: %w", s.Name, err)
	}
	return tx.db.newTable(s), nil
}

// newTable describes a table just created from a normalised spec.
func (d *DB) newTable(s TableSpec) *Table {
	t := &Table{db: d, name: s.Name, id: s.IDColumn, columns: s.Columns, key: s.Key, keyIndex: -1, dataType: "attributes"}
	if s.Key == "" {
		t.key = s.IDColumn
	}
	for i, c := range s.Columns {
		if c.Name == s.Key {
			t.keyIndex = i
		}
	}
	if s.Geometry != nil {
		t.dataType, t.geom, t.srsID, t.rtree = "features", s.Geometry, s.Geometry.SRS, !s.Geometry.NoSpatialIndex
	}
	return t
}

func createTable(ctx context.Context, tx *sql.Tx, v Version, s TableSpec) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE lower(name) = lower(?)`, s.Name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("table %q: %w", s.Name, ErrExists)
	}
	// A GeoPackage written by others may lack the optional tables (one with attributes
	// only has no gpkg_geometry_columns, one without extensions no gpkg_extensions, and
	// gpkg_ogr_contents is GDAL's own): create the first two when needed, and keep feature
	// counts only where the file already does.
	if s.Geometry != nil {
		for _, ddl := range []string{ddlGeometryColumns, ddlExtensions} {
			if _, err := tx.ExecContext(ctx, strings.Replace(ddl, "CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1)); err != nil {
				return err
			}
		}
	}
	counts, err := hasTable(ctx, tx, "gpkg_ogr_contents")
	if err != nil {
		return err
	}
	var cols []string
	cols = append(cols, quoteIdent(s.IDColumn)+" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL")
	if g := s.Geometry; g != nil {
		cols = append(cols, quoteIdent(g.Name)+" "+string(g.Type))
	}
	for _, c := range s.Columns {
		def := quoteIdent(c.Name) + " " + c.Type.String()
		if c.NotNull {
			def += " NOT NULL"
		}
		if c.Name == s.Key {
			def += " UNIQUE"
		}
		cols = append(cols, def)
	}
	stmts := []string{fmt.Sprintf("CREATE TABLE %s ( %s)", quoteIdent(s.Name), strings.Join(cols, ", "))}
	dataType := "attributes"
	var srs any = int64(0) // GDAL writes 0 for attribute tables
	if g := s.Geometry; g != nil {
		dataType = "features"
		srs = int64(g.SRS)
		if err := ensureSRS(ctx, tx, g.SRS); err != nil {
			return err
		}
	}
	for _, st := range stmts {
		if _, err := tx.ExecContext(ctx, st); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id) VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?)`,
		s.Name, dataType, s.Identifier, s.Description, srs); err != nil {
		return fmt.Errorf("register in gpkg_contents: %w", err)
	}
	if counts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_ogr_contents (table_name, feature_count) VALUES (?, 0)`, s.Name); err != nil {
			return fmt.Errorf("register in gpkg_ogr_contents: %w", err)
		}
		for _, st := range countTriggers(s.Name) {
			if _, err := tx.ExecContext(ctx, st); err != nil {
				return err
			}
		}
	}
	g := s.Geometry
	if g == nil {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, ?, ?, ?, ?, ?)`,
		s.Name, g.Name, string(g.Type), g.SRS, int(g.Z), int(g.M)); err != nil {
		return fmt.Errorf("register in gpkg_geometry_columns: %w", err)
	}
	if g.NoSpatialIndex {
		return nil
	}
	return createSpatialIndex(ctx, tx, v, s.Name, g.Name, s.IDColumn)
}

// createSpatialIndex registers gpkg_rtree_index for the column, creates the R-tree virtual
// table, fills it from the rows already in the table and creates the triggers.
func createSpatialIndex(ctx context.Context, tx *sql.Tx, v Version, table, column, id string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES (?, ?, 'gpkg_rtree_index', ?, 'write-only')`,
		table, column, rtreeDefinition); err != nil {
		return fmt.Errorf("register gpkg_rtree_index: %w", err)
	}
	r := quoteIdent(rtreeName(table, column))
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`CREATE VIRTUAL TABLE %s USING rtree(id, minx, maxx, miny, maxy)`, r)); err != nil {
		return fmt.Errorf("create r-tree: %w", err)
	}
	qc := quoteIdent(column)
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`INSERT OR REPLACE INTO %s SELECT %s, ST_MinX(%s), ST_MaxX(%s), ST_MinY(%s), ST_MaxY(%s) FROM %s WHERE %s NOT NULL AND NOT ST_IsEmpty(%s)`,
		r, quoteIdent(id), qc, qc, qc, qc, quoteIdent(table), qc, qc)); err != nil {
		return fmt.Errorf("fill r-tree: %w", err)
	}
	for _, st := range rtreeTriggers(v, table, column, id) {
		if _, err := tx.ExecContext(ctx, st); err != nil {
			return fmt.Errorf("create r-tree trigger: %w", err)
		}
	}
	return nil
}

// rtreeDefinition is the gpkg_extensions.definition GDAL writes for the R-tree extension.
const rtreeDefinition = "http://www.geopackage.org/spec120/#extension_rtree"

// checkGeometry checks that g fits the table's geometry column and returns the srs_id to
// write in its blob.
func (t *Table) checkGeometry(g geom.T) error {
	c := t.geom
	gt := typeOf(g)
	if gt == "" {
		return fmt.Errorf("table %q: geometry %T: %w", t.name, g, ErrUnsupportedGeometry)
	}
	if !c.Type.accepts(gt) {
		return fmt.Errorf("table %q: column %q takes %s, not %s: %w", t.name, c.Name, c.Type, gt, ErrGeometryMismatch)
	}
	if s := g.SRID(); s != 0 && s != c.SRS && !sameHorizontal(s, c.SRS) {
		return fmt.Errorf("table %q: geometry in epsg:%d, column in epsg:%d (transform it first): %w", t.name, s, c.SRS, ErrGeometryMismatch)
	}
	if g.Empty() {
		return nil
	}
	hasZ, hasM := g.Layout().ZIndex() >= 0, g.Layout().MIndex() >= 0
	if err := presenceFits("z", c.Z, hasZ); err != nil {
		return fmt.Errorf("table %q: column %q: %w", t.name, c.Name, err)
	}
	if err := presenceFits("m", c.M, hasM); err != nil {
		return fmt.Errorf("table %q: column %q: %w", t.name, c.Name, err)
	}
	return nil
}

func presenceFits(what string, p Presence, has bool) error {
	switch {
	case p == Prohibited && has:
		return fmt.Errorf("%s values where the column prohibits them (z/m = 0; create it with Optional to keep them): %w", what, ErrGeometryMismatch)
	case p == Mandatory && !has:
		return fmt.Errorf("no %s values where the column requires them (z/m = 1; heights are never invented): %w", what, ErrGeometryMismatch)
	}
	return nil
}

// sameHorizontal reports whether two EPSG codes share a horizontal CRS (3006 and 5845).
func sameHorizontal(a, b int) bool {
	ca, err := geometry.Lookup(a)
	if err != nil {
		return false
	}
	cb, err := geometry.Lookup(b)
	if err != nil {
		return false
	}
	return ca.Horizontal == cb.Horizontal
}
