package mirror

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"slices"
	"time"

	"github.com/gofrs/flock"
	"github.com/google/uuid"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkt"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/gpkg"
)

// The GeoPackage store: one feature table per type with geometry (byggnad,
// adressplats), one attribute table per type without, and attribute tables
// for the state, the schema version and the tombstones. A geometry column
// has z = 2 (optional) in the RH 2000 compound of the municipality's zone:
// a 3D geometry is stored with its heights, a 2D one without. A building
// whose parts mix the two is stored 2D, and its parts with heights are kept
// in the hojd_delvis column as WKT.

const (
	gpkgState      = "bal_mirror_state"
	gpkgVersion    = "bal_schema_version"
	gpkgTombstones = "bal_avregistrerade"
	gpkgPartlyZ    = "hojd_delvis"
)

type gpkgStore struct {
	db       *gpkg.DB
	lock     *flock.Flock
	path     string
	tables   map[string]*gpkg.Table
	readOnly bool
	// v is the schema version of the tables.
	v int
}

func openGeoPackage(ctx context.Context, path string, readOnly bool) (*gpkgStore, error) {
	s := &gpkgStore{path: path, readOnly: readOnly, tables: map[string]*gpkg.Table{}}
	if !readOnly {
		s.lock = flock.New(path + ".lock")
		ok, err := s.lock.TryLock()
		if err != nil {
			return nil, fmt.Errorf("mirror: lock %s: %w", path, err)
		}
		if !ok {
			return nil, &LockedError{Store: path}
		}
	}
	db, err := gpkg.Open(ctx, path, &gpkg.OpenOptions{ReadOnly: readOnly})
	if errors.Is(err, fs.ErrNotExist) && !readOnly {
		db, err = gpkg.Create(ctx, path, nil)
	}
	if err != nil {
		s.unlock()
		return nil, fmt.Errorf("mirror: open %s: %w", path, err)
	}
	s.db = db
	if err := s.openTables(ctx); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

func (s *gpkgStore) unlock() {
	if s.lock != nil {
		_ = s.lock.Unlock()
		_ = os.Remove(s.path + ".lock")
		s.lock = nil
	}
}

func (s *gpkgStore) close() error {
	var err error
	if s.db != nil {
		err = s.db.Close()
	}
	s.unlock()
	return err
}

// openTables (re)reads the tables the schema has.
func (s *gpkgStore) openTables(ctx context.Context) error {
	ts, err := s.db.Tables(ctx)
	if err != nil {
		return fmt.Errorf("mirror: %w", err)
	}
	s.tables = map[string]*gpkg.Table{}
	for _, t := range ts {
		s.tables[t.Name()] = t
	}
	return nil
}

func (s *gpkgStore) schemaVersion(ctx context.Context) (int, error) {
	t := s.tables[gpkgVersion]
	if t == nil {
		return 0, nil
	}
	v := 0
	for f, err := range t.Features(ctx, nil) {
		if err != nil {
			return 0, fmt.Errorf("mirror: schema version: %w", err)
		}
		if n, ok := f.Values[0].(int64); ok && int(n) > v {
			v = int(n)
		}
	}
	s.v = v
	return v, nil
}

func (s *gpkgStore) state(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	t := s.tables[gpkgState]
	if t == nil {
		return out, nil
	}
	for f, err := range t.Features(ctx, nil) {
		if err != nil {
			return nil, fmt.Errorf("mirror: state: %w", err)
		}
		k, _ := f.Values[0].(string)
		v, _ := f.Values[1].(string)
		out[k] = v
	}
	return out, nil
}

func gpkgType(c colType) gpkg.ColumnType {
	switch c {
	case colInt:
		return gpkg.Integer
	case colReal:
		return gpkg.Real
	case colBool:
		return gpkg.Boolean
	case colTime:
		return gpkg.DateTime
	}
	return gpkg.Text
}

// spec is a table's GeoPackage description at schema version v.
func (s *gpkgStore) spec(t *table, v, compound int) gpkg.TableSpec {
	spec := gpkg.TableSpec{Name: t.name, Identifier: string(t.typ), Key: "objektidentitet",
		Description: "BAL " + string(t.typ) + ", mirrored by bal-go"}
	for _, c := range t.columns(v) {
		spec.Columns = append(spec.Columns, gpkg.Column{Name: c.name, Type: gpkgType(c.typ), NotNull: c.name == "objektidentitet" || c.name == "objektversion"})
	}
	switch t.geom {
	case geomPoint:
		spec.Geometry = &gpkg.GeometryColumn{Type: gpkg.Point, SRS: compound, Z: gpkg.Optional}
	case geomMultiPolygon:
		spec.Geometry = &gpkg.GeometryColumn{Type: gpkg.MultiPolygon, SRS: compound, Z: gpkg.Optional}
		spec.Columns = append(spec.Columns, gpkg.Column{Name: gpkgPartlyZ, Type: gpkg.Text})
	}
	return spec
}

func (s *gpkgStore) migrate(ctx context.Context, from, to, _, compound int) error {
	if from < 2 && from > 0 && to >= 2 {
		// 1 → 2: the avregistrerad column (ALTER TABLE keeps the rows and the
		// GeoPackage registrations) and the tombstone table.
		for _, t := range tables {
			if _, err := s.db.SQL().ExecContext(ctx, `ALTER TABLE "`+t.name+`" ADD COLUMN avregistrerad DATETIME`); err != nil {
				return err
			}
		}
	}
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if from == 0 {
		for _, t := range tables {
			if _, err := tx.CreateTable(ctx, s.spec(t, to, compound)); err != nil {
				return err
			}
		}
		if _, err := tx.CreateTable(ctx, gpkg.TableSpec{Name: gpkgState, Key: "nyckel",
			Columns: []gpkg.Column{{Name: "nyckel", Type: gpkg.Text}, {Name: "varde", Type: gpkg.Text}}}); err != nil {
			return err
		}
		vt, err := tx.CreateTable(ctx, gpkg.TableSpec{Name: gpkgVersion, Key: "version",
			Columns: []gpkg.Column{{Name: "version", Type: gpkg.Integer}, {Name: "tillampad", Type: gpkg.DateTime}}})
		if err != nil {
			return err
		}
		s.tables[gpkgVersion] = vt
	}
	if from < 2 && to >= 2 {
		if _, err := tx.CreateTable(ctx, gpkg.TableSpec{Name: gpkgTombstones, Key: "objektidentitet",
			Columns: []gpkg.Column{{Name: "objektidentitet", Type: gpkg.Text}, {Name: "objekttyp", Type: gpkg.Text},
				{Name: "objektversion", Type: gpkg.Integer}, {Name: "avregistrerad", Type: gpkg.DateTime}}}); err != nil {
			return err
		}
	}
	if _, err := tx.Upsert(ctx, s.tables[gpkgVersion], gpkg.Feature{Values: []any{int64(to), time.Now().UTC().Truncate(time.Millisecond)}}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.v = to
	return s.openTables(ctx)
}

// feature maps a row to a feature of its table, by column name (a migrated
// table has its added columns last).
func (s *gpkgStore) feature(r *row) (gpkg.Feature, error) {
	f := gpkg.Feature{Geometry: r.geom}
	gt := s.tables[r.table.name]
	vals := make([]any, len(gt.Columns()))
	set := func(name string, v any) {
		if i := gt.ColumnIndex(name); i >= 0 {
			vals[i] = v
		}
	}
	set("objektidentitet", r.id.String())
	set("objektversion", r.version)
	set("objektstatus", string(r.status))
	set("version_giltig_fran", ms(r.validFrom))
	set("avregistrerad", ms(r.retired))
	for i, c := range r.table.own {
		set(c.name, gpkgValue(r.own[i]))
	}
	set(attributColumn.name, string(r.attrs))
	if r.geomZ != nil {
		w, err := wkt.Marshal(r.geomZ)
		if err != nil {
			return f, err
		}
		set(gpkgPartlyZ, w)
	}
	f.Values = vals
	return f, nil
}

func gpkgValue(v any) any {
	if u, ok := v.(uuid.UUID); ok {
		return u.String()
	}
	return v
}

func ms(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(time.Millisecond)
}

func (s *gpkgStore) load(ctx context.Context, rows iter.Seq2[*row, error], state func() map[string]string) error {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, name := range append([]string{gpkgTombstones}, tableNames()...) {
		if t := s.tables[name]; t != nil {
			if err := deleteAll(ctx, tx, t); err != nil {
				return err
			}
		}
	}
	rs := newRuns(rows)
	defer rs.stop()
	for t := rs.table(); t != nil; t = rs.table() {
		var ferr error
		features := func(yield func(gpkg.Feature, error) bool) {
			for r := rs.take(t); r != nil; r = rs.take(t) {
				f, err := s.feature(r)
				if err != nil {
					ferr = err
					yield(gpkg.Feature{}, err)
					return
				}
				if !yield(f, nil) {
					return
				}
			}
		}
		if _, err := tx.Append(ctx, s.tables[t.name], features); err != nil {
			if ferr != nil {
				return ferr
			}
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	if rs.err != nil {
		return rs.err
	}
	for k, v := range state() {
		if _, err := tx.Upsert(ctx, s.tables[gpkgState], gpkg.Feature{Values: []any{k, v}}); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func tableNames() []string {
	out := make([]string, len(tables))
	for i, t := range tables {
		out[i] = t.name
	}
	return out
}

// deleteAll empties a table inside tx, row by row through the package so
// that the spatial index follows.
func deleteAll(ctx context.Context, tx *gpkg.Tx, t *gpkg.Table) error {
	var keys []any
	for f, err := range t.Features(ctx, nil) {
		if err != nil {
			return err
		}
		keys = append(keys, f.Values[t.ColumnIndex(t.Key())])
	}
	for _, k := range keys {
		if _, err := tx.Delete(ctx, t, k); err != nil {
			return err
		}
	}
	return nil
}

func (s *gpkgStore) begin(ctx context.Context) (storeTx, error) {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return &gpkgTx{s: s, tx: tx}, nil
}

func (s *gpkgStore) count(ctx context.Context, t *table) (int64, error) {
	gt := s.tables[t.name]
	if gt == nil {
		return 0, nil
	}
	return gt.Count(ctx)
}

func (s *gpkgStore) objects(ctx context.Context, t *table) iter.Seq2[Object, error] {
	return func(yield func(Object, error) bool) {
		gt := s.tables[t.name]
		if gt == nil {
			return
		}
		cols := gt.Columns()
		for f, err := range gt.Features(ctx, nil) {
			if err != nil {
				yield(Object{}, err)
				return
			}
			o, err := gpkgObject(t, cols, f)
			if !yield(o, err) || err != nil {
				return
			}
		}
	}
}

func gpkgObject(t *table, cols []gpkg.Column, f gpkg.Feature) (Object, error) {
	if g := f.Geometry; g != nil && g.Layout() == geom.XY {
		// The column's CRS is the zone's RH 2000 compound; a 2D geometry is
		// in the zone itself.
		f.Geometry = withSRID(g, horizontal(g.SRID()))
	}
	o := Object{Type: t.typ, Geometry: f.Geometry}
	for i, c := range cols {
		v := f.Values[i]
		if c.Name == gpkgPartlyZ {
			continue
		}
		if err := o.set(c.Name, v); err != nil {
			return o, fmt.Errorf("mirror: %s row %d: %w", t.name, f.ID, err)
		}
	}
	if i := slices.IndexFunc(cols, func(c gpkg.Column) bool { return c.Name == gpkgPartlyZ }); i >= 0 {
		if s, ok := f.Values[i].(string); ok && s != "" {
			g, err := wkt.Unmarshal(s)
			if err != nil {
				return o, fmt.Errorf("mirror: %s %s: %s: %w", t.name, o.ID, gpkgPartlyZ, err)
			}
			if f.Geometry != nil {
				if c, err := geometry.CompoundOf(f.Geometry.SRID()); err == nil {
					g = withSRID(g, c.Code)
				}
			}
			o.Heights = g
		}
	}
	return o, nil
}

func withSRID(g geom.T, srid int) geom.T {
	switch x := g.(type) {
	case *geom.MultiPolygon:
		return x.SetSRID(srid)
	case *geom.Point:
		return x.SetSRID(srid)
	}
	return g
}

type gpkgTx struct {
	s       *gpkgStore
	tx      *gpkg.Tx
	applied int64
}

// storedVersion is the version a row or a tombstone holds, 0 when none.
func (t *gpkgTx) storedVersion(ctx context.Context, name string, id bal.ObjectID) (int64, gpkg.Feature, error) {
	gt := t.s.tables[name]
	f, err := t.tx.Get(ctx, gt, id.String())
	if errors.Is(err, gpkg.ErrNotFound) {
		return 0, f, nil
	}
	if err != nil {
		return 0, f, err
	}
	n, _ := f.Values[gt.ColumnIndex("objektversion")].(int64)
	return n, f, nil
}

func (t *gpkgTx) put(ctx context.Context, r *row) error {
	have, _, err := t.storedVersion(ctx, r.table.name, r.id)
	if err != nil || have >= r.version {
		return err
	}
	// A tombstone can only stand where there is no row (retiring deletes
	// the row, and a row put after it is newer than it).
	if have == 0 {
		if tomb, _, err := t.storedVersion(ctx, gpkgTombstones, r.id); err != nil || tomb >= r.version {
			return err
		}
	}
	f, err := t.s.feature(r)
	if err != nil {
		return err
	}
	if _, err := t.tx.Upsert(ctx, t.s.tables[r.table.name], f); err != nil {
		return fmt.Errorf("mirror: %s %s: %w", r.table.name, r.id, err)
	}
	t.applied++
	return nil
}

func (t *gpkgTx) retire(ctx context.Context, tb *table, id bal.ObjectID, version int64, at time.Time, keep bool) error {
	have, f, err := t.storedVersion(ctx, tb.name, id)
	if err != nil {
		return err
	}
	gt := t.s.tables[tb.name]
	if keep {
		if have == 0 || have >= version {
			return nil
		}
		f.Values[gt.ColumnIndex("objektversion")] = version
		f.Values[gt.ColumnIndex("objektstatus")] = string(bal.StatusRetired)
		f.Values[gt.ColumnIndex("avregistrerad")] = ms(at)
		i := gt.ColumnIndex("attribut")
		s, _ := f.Values[i].(string)
		f.Values[i] = patchRetired(s, version)
		if _, err := t.tx.Upsert(ctx, gt, f); err != nil {
			return err
		}
		t.applied++
		return nil
	}
	tomb, _, err := t.storedVersion(ctx, gpkgTombstones, id)
	if err != nil || tomb >= version {
		return err
	}
	if have > 0 && have <= version {
		if _, err := t.tx.Delete(ctx, gt, id.String()); err != nil {
			return err
		}
	}
	if _, err := t.tx.Upsert(ctx, t.s.tables[gpkgTombstones], gpkg.Feature{Values: []any{id.String(), string(tb.typ), version, ms(at)}}); err != nil {
		return err
	}
	t.applied++
	return nil
}

// patchRetired sets Status and Version in an object's attribute JSON.
func patchRetired(attrs string, version int64) string {
	var m map[string]any
	if json.Unmarshal([]byte(attrs), &m) != nil {
		return attrs
	}
	m["Status"], m["Version"] = string(bal.StatusRetired), version
	b, err := json.Marshal(m)
	if err != nil {
		return attrs
	}
	return string(b)
}

func (t *gpkgTx) setState(ctx context.Context, key, value string) error {
	_, err := t.tx.Upsert(ctx, t.s.tables[gpkgState], gpkg.Feature{Values: []any{key, value}})
	return err
}

func (t *gpkgTx) commit(context.Context) (int64, error) {
	return t.applied, t.tx.Commit()
}

func (t *gpkgTx) rollback() { _ = t.tx.Rollback() }
