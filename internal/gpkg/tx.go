package gpkg

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"math"
	"strings"

	"github.com/twpayne/go-geom"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Feature is one row of a feature or attribute table.
type Feature struct {
	// ID is the integer primary key (fid). Zero on insert lets SQLite assign the next one.
	ID int64
	// Geometry is the row's geometry; nil is NULL. Always nil for attribute tables. Read
	// geometries carry the column's EPSG code as SRID.
	Geometry geom.T
	// Values holds one value per attribute column, in the order of Table.Columns, typed as
	// ColumnType says.
	Values []any
}

// Tx is a write transaction. Several tables may be written in one transaction, and a mirror's
// checkpoint goes in the same transaction as the changes it covers. A Tx is not safe for
// concurrent use. After an error from a write the transaction is still usable (the failed
// statement changed nothing), except after an error from Commit.
type Tx struct {
	db     *DB
	tx     *sql.Tx
	stmts  map[*Table]*tableStmts
	dirty  map[*Table]*Envelope // tables whose extent may have grown, with the growth
	buf    bytes.Buffer
	done   bool
	failed error
}

type tableStmts struct {
	insert, update, delete, get *sql.Stmt
	args                        []any
}

// Begin starts a write transaction. It takes SQLite's write lock at once (BEGIN IMMEDIATE):
// a second writer waits for the first, up to 30 s, then fails.
func (d *DB) Begin(ctx context.Context) (*Tx, error) {
	if d.readOnly {
		return nil, fmt.Errorf("gpkg: begin: %w", ErrReadOnly)
	}
	tx, err := d.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("gpkg: begin: %w", err)
	}
	return &Tx{db: d, tx: tx, stmts: map[*Table]*tableStmts{}, dirty: map[*Table]*Envelope{}}, nil
}

// Commit writes the grown extents of the tables written into gpkg_contents (with their
// last_change) and commits. The extent only grows, as with GDAL: deleting or moving features
// does not shrink it.
func (tx *Tx) Commit() error {
	if tx.done {
		return fmt.Errorf("gpkg: commit: %w", sql.ErrTxDone)
	}
	if tx.failed != nil {
		_ = tx.Rollback()
		return fmt.Errorf("gpkg: commit after a failed bulk load, rolled back: %w", tx.failed)
	}
	for t, e := range tx.dirty {
		if err := tx.touch(t, e); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("gpkg: commit: table %q: %w", t.name, err)
		}
	}
	tx.done = true
	if err := tx.tx.Commit(); err != nil {
		return fmt.Errorf("gpkg: commit: %w", err)
	}
	return nil
}

// Rollback abandons the transaction. It is safe to call after Commit (it does nothing then),
// so `defer tx.Rollback()` is the usual pattern.
func (tx *Tx) Rollback() error {
	if tx.done {
		return nil
	}
	tx.done = true
	if err := tx.tx.Rollback(); err != nil {
		return fmt.Errorf("gpkg: rollback: %w", err)
	}
	return nil
}

// touch updates gpkg_contents: last_change, and the extent grown by e (nil: no geometry).
func (tx *Tx) touch(t *Table, e *Envelope) error {
	ctx := context.Background()
	if e == nil || math.IsInf(e.MinX, 1) {
		_, err := tx.tx.ExecContext(ctx, `UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE lower(table_name) = lower(?)`, t.name)
		return err
	}
	_, err := tx.tx.ExecContext(ctx, `UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now'),
		min_x = min(coalesce(min_x, ?1), ?1), max_x = max(coalesce(max_x, ?2), ?2),
		min_y = min(coalesce(min_y, ?3), ?3), max_y = max(coalesce(max_y, ?4), ?4)
		WHERE lower(table_name) = lower(?5)`, e.MinX, e.MaxX, e.MinY, e.MaxY, t.name)
	return err
}

// grow records that t changed and, for a non-empty geometry, that its extent includes env.
func (tx *Tx) grow(t *Table, env *Envelope) {
	e, ok := tx.dirty[t]
	if !ok {
		e = &Envelope{MinX: math.Inf(1), MinY: math.Inf(1), MaxX: math.Inf(-1), MaxY: math.Inf(-1)}
		tx.dirty[t] = e
	}
	if env == nil {
		return
	}
	e.MinX, e.MaxX = min(e.MinX, env.MinX), max(e.MaxX, env.MaxX)
	e.MinY, e.MaxY = min(e.MinY, env.MinY), max(e.MaxY, env.MaxY)
}

func (tx *Tx) check(t *Table) error {
	if tx.done {
		return sql.ErrTxDone
	}
	if tx.failed != nil {
		return fmt.Errorf("transaction failed earlier: %w", tx.failed)
	}
	if t == nil || t.db != tx.db {
		return fmt.Errorf("table of another geopackage: %w", ErrNoTable)
	}
	return nil
}

// statements prepares (once per transaction) the statements for t.
func (tx *Tx) statements(ctx context.Context, t *Table) (*tableStmts, error) {
	if s, ok := tx.stmts[t]; ok {
		return s, nil
	}
	cols := []string{quoteIdent(t.id)}
	if t.geom != nil {
		cols = append(cols, quoteIdent(t.geom.Name))
	}
	for _, c := range t.columns {
		cols = append(cols, quoteIdent(c.Name))
	}
	qt := quoteIdent(t.name)
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")
	s := &tableStmts{args: make([]any, len(cols)+1)}
	var err error
	if s.insert, err = tx.tx.PrepareContext(ctx, fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", qt, strings.Join(cols, ", "), marks)); err != nil {
		return nil, err
	}
	// The update sets every column but the id from the same argument positions as the
	// insert (?2…), and finds the row by the key (the last argument).
	var sets []string
	for i, c := range cols[1:] {
		sets = append(sets, fmt.Sprintf("%s = ?%d", c, i+2))
	}
	key := quoteIdent(t.key)
	if s.update, err = tx.tx.PrepareContext(ctx, fmt.Sprintf("UPDATE %s SET %s WHERE %s = ?%d RETURNING %s", qt, strings.Join(sets, ", "), key, len(cols)+1, quoteIdent(t.id))); err != nil {
		return nil, err
	}
	if s.delete, err = tx.tx.PrepareContext(ctx, fmt.Sprintf("DELETE FROM %s WHERE %s = ?", qt, key)); err != nil {
		return nil, err
	}
	if s.get, err = tx.tx.PrepareContext(ctx, fmt.Sprintf("SELECT %s FROM %s WHERE %s = ?", strings.Join(cols, ", "), qt, key)); err != nil {
		return nil, err
	}
	tx.stmts[t] = s
	return s, nil
}

// bind fills s.args[0:len(cols)] for f (id, geometry, values) and returns the geometry's
// envelope (nil for no or an empty geometry).
func (tx *Tx) bind(t *Table, s *tableStmts, f Feature) (*Envelope, error) {
	if len(f.Values) != len(t.columns) {
		return nil, fmt.Errorf("table %q: %d values for %d columns: %w", t.name, len(f.Values), len(t.columns), ErrValue)
	}
	i := 0
	if f.ID != 0 {
		s.args[i] = f.ID
	} else {
		s.args[i] = nil
	}
	i++
	var env *Envelope
	if t.geom != nil {
		if f.Geometry == nil {
			s.args[i] = nil
		} else {
			if err := t.checkGeometry(f.Geometry); err != nil {
				return nil, err
			}
			tx.buf.Reset()
			if err := appendGeometry(&tx.buf, f.Geometry, t.srsID); err != nil {
				return nil, fmt.Errorf("table %q: %w", t.name, err)
			}
			s.args[i] = tx.buf.Bytes()
			if h, err := DecodeHeader(tx.buf.Bytes()); err == nil && !h.Empty {
				if h.Envelope != nil {
					env = h.Envelope
				} else if x, y, ok := wkbPointXY(tx.buf.Bytes()[h.Size:]); ok {
					env = &Envelope{MinX: x, MaxX: x, MinY: y, MaxY: y}
				}
			}
		}
		i++
	} else if f.Geometry != nil {
		return nil, fmt.Errorf("attribute table %q has no geometry column: %w", t.name, ErrGeometryMismatch)
	}
	for j, c := range t.columns {
		v, err := bindValue(c, f.Values[j])
		if err != nil {
			return nil, fmt.Errorf("table %q: %w", t.name, err)
		}
		s.args[i] = v
		i++
	}
	return env, nil
}

// keyOf returns the key value of f: its key column's value, or its ID.
func (t *Table) keyOf(f Feature) (any, error) {
	if t.keyIndex < 0 {
		if f.ID == 0 {
			return nil, fmt.Errorf("table %q is keyed by %q: the feature needs an ID: %w", t.name, t.id, ErrValue)
		}
		return f.ID, nil
	}
	if len(f.Values) != len(t.columns) {
		return nil, fmt.Errorf("table %q: %d values for %d columns: %w", t.name, len(f.Values), len(t.columns), ErrValue)
	}
	v, err := bindValue(t.columns[t.keyIndex], f.Values[t.keyIndex])
	if err != nil {
		return nil, fmt.Errorf("table %q: key: %w", t.name, err)
	}
	return v, nil
}

// keyArg converts a caller's key (for Delete and Get) to what is bound.
func (t *Table) keyArg(key any) (any, error) {
	if t.keyIndex < 0 {
		v, err := bindValue(Column{Name: t.id, Type: Integer, NotNull: true}, key)
		if err != nil {
			return nil, fmt.Errorf("table %q: key: %w", t.name, err)
		}
		return v, nil
	}
	v, err := bindValue(t.columns[t.keyIndex], key)
	if err != nil {
		return nil, fmt.Errorf("table %q: key: %w", t.name, err)
	}
	return v, nil
}

// duplicate marks SQLite's unique and primary-key violations with ErrExists.
func duplicate(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) && (se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY) {
		return fmt.Errorf("%w: %w", ErrExists, err)
	}
	return err
}

// Insert adds a row and returns its ID. A key or ID that exists already gives ErrExists (use
// Upsert to replace).
func (tx *Tx) Insert(ctx context.Context, t *Table, f Feature) (int64, error) {
	if err := tx.check(t); err != nil {
		return 0, fmt.Errorf("gpkg: insert: %w", err)
	}
	s, err := tx.statements(ctx, t)
	if err != nil {
		return 0, fmt.Errorf("gpkg: insert into %q: %w", t.name, err)
	}
	env, err := tx.bind(t, s, f)
	if err != nil {
		return 0, fmt.Errorf("gpkg: insert: %w", err)
	}
	res, err := s.insert.ExecContext(ctx, s.args[:len(s.args)-1]...)
	if err != nil {
		return 0, fmt.Errorf("gpkg: insert into %q: %w", t.name, duplicate(err))
	}
	tx.grow(t, env)
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("gpkg: insert into %q: %w", t.name, err)
	}
	return id, nil
}

// Upsert writes a row identified by its key (Table.Key): it replaces every column of the row
// with that key, or inserts the row when there is none. It returns the row's ID. An existing
// row keeps its ID whatever f.ID says, so that references to it stay valid. The spatial index
// follows through the table's triggers.
//
// It is an UPDATE followed, when no row matched, by an INSERT rather than SQLite's
// INSERT … ON CONFLICT, which the R-tree update1 trigger of GeoPackages before 1.4 breaks.
func (tx *Tx) Upsert(ctx context.Context, t *Table, f Feature) (int64, error) {
	if err := tx.check(t); err != nil {
		return 0, fmt.Errorf("gpkg: upsert: %w", err)
	}
	key, err := t.keyOf(f)
	if err != nil {
		return 0, fmt.Errorf("gpkg: upsert: %w", err)
	}
	s, err := tx.statements(ctx, t)
	if err != nil {
		return 0, fmt.Errorf("gpkg: upsert into %q: %w", t.name, err)
	}
	env, err := tx.bind(t, s, f)
	if err != nil {
		return 0, fmt.Errorf("gpkg: upsert: %w", err)
	}
	s.args[len(s.args)-1] = key
	var id int64
	err = s.update.QueryRowContext(ctx, s.args...).Scan(&id)
	switch {
	case err == nil:
		tx.grow(t, env)
		return id, nil
	case !errors.Is(err, sql.ErrNoRows):
		return 0, fmt.Errorf("gpkg: upsert into %q: %w", t.name, err)
	}
	res, err := s.insert.ExecContext(ctx, s.args[:len(s.args)-1]...)
	if err != nil {
		return 0, fmt.Errorf("gpkg: upsert into %q: %w", t.name, err)
	}
	tx.grow(t, env)
	if id, err = res.LastInsertId(); err != nil {
		return 0, fmt.Errorf("gpkg: upsert into %q: %w", t.name, err)
	}
	return id, nil
}

// Delete removes the row with the given key (a value of the key column's type, or the ID for
// tables keyed by it) and reports whether there was one.
func (tx *Tx) Delete(ctx context.Context, t *Table, key any) (bool, error) {
	if err := tx.check(t); err != nil {
		return false, fmt.Errorf("gpkg: delete: %w", err)
	}
	k, err := t.keyArg(key)
	if err != nil {
		return false, fmt.Errorf("gpkg: delete: %w", err)
	}
	s, err := tx.statements(ctx, t)
	if err != nil {
		return false, fmt.Errorf("gpkg: delete from %q: %w", t.name, err)
	}
	res, err := s.delete.ExecContext(ctx, k)
	if err != nil {
		return false, fmt.Errorf("gpkg: delete from %q: %w", t.name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("gpkg: delete from %q: %w", t.name, err)
	}
	if n > 0 {
		tx.grow(t, nil)
	}
	return n > 0, nil
}

// Get reads the row with the given key inside the transaction (seeing its uncommitted
// writes). A key with no row gives ErrNotFound.
func (tx *Tx) Get(ctx context.Context, t *Table, key any) (Feature, error) {
	if err := tx.check(t); err != nil {
		return Feature{}, fmt.Errorf("gpkg: get: %w", err)
	}
	k, err := t.keyArg(key)
	if err != nil {
		return Feature{}, fmt.Errorf("gpkg: get: %w", err)
	}
	s, err := tx.statements(ctx, t)
	if err != nil {
		return Feature{}, fmt.Errorf("gpkg: get from %q: %w", t.name, err)
	}
	rows, err := s.get.QueryContext(ctx, k)
	if err != nil {
		return Feature{}, fmt.Errorf("gpkg: get from %q: %w", t.name, err)
	}
	return t.scanOne(rows, key)
}

// Append inserts every feature of seq in bulk, the way GDAL loads a layer: one prepared
// statement, the R-tree's and the feature count's insert triggers dropped for the duration and
// the index then filled from the new rows in one statement. It is atomic inside the
// transaction (a savepoint): on any error, from seq or from a row, nothing of this Append
// remains and the error is returned; the transaction stays usable. It returns the number of
// rows inserted.
func (tx *Tx) Append(ctx context.Context, t *Table, seq iter.Seq2[Feature, error]) (int64, error) {
	if err := tx.check(t); err != nil {
		return 0, fmt.Errorf("gpkg: append: %w", err)
	}
	exec := func(q string, args ...any) error {
		_, err := tx.tx.ExecContext(ctx, q, args...)
		return err
	}
	if err := exec("SAVEPOINT gpkg_append"); err != nil {
		return 0, fmt.Errorf("gpkg: append to %q: %w", t.name, err)
	}
	n, err := tx.appendRows(ctx, t, seq, exec)
	if err != nil {
		// Undo the rows and the dropped triggers, and keep the transaction usable.
		if rerr := exec("ROLLBACK TO gpkg_append"); rerr != nil {
			tx.failed = err
			return 0, fmt.Errorf("gpkg: append to %q: %w (and rollback failed: %v)", t.name, err, rerr)
		}
		if rerr := exec("RELEASE gpkg_append"); rerr != nil {
			tx.failed = err
		}
		// The statements were prepared against the dropped triggers; prepare afresh.
		tx.closeStatements(t)
		return 0, fmt.Errorf("gpkg: append to %q: %w", t.name, err)
	}
	if err := exec("RELEASE gpkg_append"); err != nil {
		tx.failed = err
		return 0, fmt.Errorf("gpkg: append to %q: %w", t.name, err)
	}
	return n, nil
}

func (tx *Tx) closeStatements(t *Table) {
	if s, ok := tx.stmts[t]; ok {
		for _, st := range []*sql.Stmt{s.insert, s.update, s.delete, s.get} {
			_ = st.Close()
		}
		delete(tx.stmts, t)
	}
}

func (tx *Tx) appendRows(ctx context.Context, t *Table, seq iter.Seq2[Feature, error], exec func(string, ...any) error) (int64, error) {
	// An empty index is built in memory and written packed (rtree_bulk.go); otherwise it is
	// filled from the new rows by the module.
	var bulk []rtreeEntry
	bulkOK := false
	if t.rtree {
		if err := exec("DROP TRIGGER IF EXISTS " + quoteIdent(rtreeName(t.name, t.geom.Name)+"_insert")); err != nil {
			return 0, err
		}
		var filled bool
		if err := tx.tx.QueryRowContext(ctx, fmt.Sprintf("SELECT EXISTS (SELECT 1 FROM %s)", quoteIdent(rtreeName(t.name, t.geom.Name)+"_rowid"))).Scan(&filled); err != nil {
			return 0, fmt.Errorf("r-tree: %w", err)
		}
		bulkOK = !filled
	}
	countTable, err := hasTable(ctx, tx.tx, "gpkg_ogr_contents")
	if err != nil {
		return 0, err
	}
	if countTable {
		if err := exec("DROP TRIGGER IF EXISTS " + quoteIdent("trigger_insert_feature_count_"+t.name)); err != nil {
			return 0, err
		}
	}
	tx.closeStatements(t) // the schema changed
	s, err := tx.statements(ctx, t)
	if err != nil {
		return 0, err
	}
	var n int64
	minID, maxID := int64(math.MaxInt64), int64(math.MinInt64)
	for f, err := range seq {
		if err != nil {
			return 0, fmt.Errorf("feature %d: %w", n+1, err)
		}
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		env, err := tx.bind(t, s, f)
		if err != nil {
			return 0, fmt.Errorf("feature %d: %w", n+1, err)
		}
		res, err := s.insert.ExecContext(ctx, s.args[:len(s.args)-1]...)
		if err != nil {
			return 0, fmt.Errorf("feature %d: %w", n+1, duplicate(err))
		}
		id, err := res.LastInsertId()
		if err != nil {
			return 0, err
		}
		minID, maxID = min(minID, id), max(maxID, id)
		tx.grow(t, env)
		n++
		if bulkOK && env != nil {
			if len(bulk) == bulkRTreeMaxEntries {
				bulkOK, bulk = false, nil
			} else {
				bulk = append(bulk, newRTreeEntry(id, env))
			}
		}
	}
	if t.rtree && bulkOK && len(bulk) > 0 {
		if err := writeBulkRTree(ctx, tx.tx, rtreeName(t.name, t.geom.Name), bulk); err != nil {
			return 0, err
		}
	} else if t.rtree && n > 0 {
		qc := quoteIdent(t.geom.Name)
		qi := quoteIdent(t.id)
		// Rows of the range that existed before (explicit IDs below the old maximum) are
		// already indexed; INSERT OR REPLACE writes them again unchanged.
		q := fmt.Sprintf(`INSERT OR REPLACE INTO %s SELECT %s, ST_MinX(%s), ST_MaxX(%s), ST_MinY(%s), ST_MaxY(%s) FROM %s WHERE %s BETWEEN ? AND ? AND %s NOT NULL AND NOT ST_IsEmpty(%s)`,
			quoteIdent(rtreeName(t.name, t.geom.Name)), qi, qc, qc, qc, qc, quoteIdent(t.name), qi, qc, qc)
		if err := exec(q, minID, maxID); err != nil {
			return 0, fmt.Errorf("fill r-tree: %w", err)
		}
	}
	if t.rtree {
		if err := exec(rtreeTriggers(tx.db.version, t.name, t.geom.Name, t.id)[0]); err != nil {
			return 0, err
		}
	}
	if countTable {
		if err := exec(countTriggers(t.name)[0]); err != nil {
			return 0, err
		}
		if err := exec(`UPDATE gpkg_ogr_contents SET feature_count = feature_count + ? WHERE lower(table_name) = lower(?)`, n, t.name); err != nil {
			return 0, err
		}
	}
	tx.closeStatements(t)
	return n, nil
}

func hasTable(ctx context.Context, tx *sql.Tx, name string) (bool, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, name).Scan(&n); err != nil {
		return false, err
	}
	return n > 0, nil
}

// Append inserts every feature of seq in one transaction of its own (see Tx.Append) and
// returns the number of rows inserted. On error nothing is inserted.
func (t *Table) Append(ctx context.Context, seq iter.Seq2[Feature, error]) (int64, error) {
	tx, err := t.db.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer func() { _ = tx.Rollback() }()
	n, err := tx.Append(ctx, t, seq)
	if err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return n, nil
}
