package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"strings"

	"github.com/twpayne/go-geom"
)

// ReadOptions narrow what Features reads. The zero value (or nil) reads every row.
type ReadOptions struct {
	// BBox, when set, reads only the features whose envelope intersects it (in the column's
	// CRS), through the R-tree when the table has one, else by the blob headers.
	BBox *Envelope
}

// RowError is the error Features yields for a row it cannot decode (a malformed geometry blob,
// a value that does not fit its declared type). The sequence goes on with the next row if the
// caller keeps ranging, so one bad row in a file written by others does not hide the rest.
type RowError struct {
	Table string
	ID    int64
	Err   error
}

func (e *RowError) Error() string {
	return fmt.Sprintf("gpkg: table %q, row %d: %v", e.Table, e.ID, e.Err)
}

func (e *RowError) Unwrap() error { return e.Err }

// selectList is the column list of every read: id, geometry, attributes.
func (t *Table) selectList() string {
	cols := []string{quoteIdent(t.id)}
	if t.geom != nil {
		cols = append(cols, quoteIdent(t.geom.Name))
	}
	for _, c := range t.columns {
		cols = append(cols, quoteIdent(c.Name))
	}
	return strings.Join(cols, ", ")
}

// Features streams the rows of the table in ID order, in constant memory (one row at a time
// from SQLite). A row that cannot be decoded is yielded with a *RowError (and as much of the
// feature as was read); other errors end the sequence. Breaking out of the loop releases the
// database connection.
func (t *Table) Features(ctx context.Context, opts *ReadOptions) iter.Seq2[Feature, error] {
	return func(yield func(Feature, error) bool) {
		q := fmt.Sprintf("SELECT %s FROM %s", t.selectList(), quoteIdent(t.name))
		var args []any
		var filter *Envelope
		if opts != nil && opts.BBox != nil && t.geom != nil {
			b := opts.BBox
			if t.rtree {
				q += fmt.Sprintf(" WHERE %s IN (SELECT id FROM %s WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?)",
					quoteIdent(t.id), quoteIdent(rtreeName(t.name, t.geom.Name)))
				args = append(args, b.MinX, b.MaxX, b.MinY, b.MaxY)
			}
			// The R-tree stores 32-bit floats rounded outwards, so it may return a few
			// features just outside; the exact test below removes them.
			filter = b
		}
		q += " ORDER BY " + quoteIdent(t.id)
		rows, err := t.db.sql.QueryContext(ctx, q, args...)
		if err != nil {
			yield(Feature{}, fmt.Errorf("gpkg: read %q: %w", t.name, err))
			return
		}
		defer func() { _ = rows.Close() }()
		dest, ptrs := t.scanTargets()
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				yield(Feature{}, fmt.Errorf("gpkg: read %q: %w", t.name, err))
				return
			}
			f, err := t.decodeRow(dest)
			if filter != nil && err == nil && f.Geometry != nil && !intersects(f.Geometry, filter) {
				continue
			}
			if filter != nil && err == nil && f.Geometry == nil {
				continue
			}
			if !yield(f, err) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(Feature{}, fmt.Errorf("gpkg: read %q: %w", t.name, err))
		}
	}
}

func (t *Table) scanTargets() ([]any, []any) {
	n := 1 + len(t.columns)
	if t.geom != nil {
		n++
	}
	dest := make([]any, n)
	ptrs := make([]any, n)
	for i := range dest {
		ptrs[i] = &dest[i]
	}
	return dest, ptrs
}

// decodeRow turns scanned driver values into a Feature. The error, if any, is a *RowError.
func (t *Table) decodeRow(dest []any) (Feature, error) {
	var f Feature
	id, ok := dest[0].(int64)
	if !ok {
		return f, &RowError{Table: t.name, Err: fmt.Errorf("id %T is not an integer: %w", dest[0], ErrValue)}
	}
	f.ID = id
	i := 1
	var rowErr error
	if t.geom != nil {
		switch b := dest[1].(type) {
		case nil:
		case []byte:
			g, _, err := DecodeGeometry(b)
			if err != nil {
				rowErr = err
			} else {
				f.Geometry = withSRID(g, t.geom.SRS)
			}
		default:
			rowErr = fmt.Errorf("geometry column holds %T, not a blob: %w", b, ErrInvalidGeometryBlob)
		}
		i++
	}
	f.Values = make([]any, len(t.columns))
	for j, c := range t.columns {
		v, err := readValue(c, dest[i+j])
		if err != nil && rowErr == nil {
			rowErr = err
		}
		f.Values[j] = v
	}
	if rowErr != nil {
		return f, &RowError{Table: t.name, ID: f.ID, Err: rowErr}
	}
	return f, nil
}

// intersects tests a geometry's envelope against a box.
func intersects(g geom.T, b *Envelope) bool {
	if g.Empty() {
		return false
	}
	e, err := envelopeOf(g)
	if err != nil {
		return false
	}
	return e.MaxX >= b.MinX && e.MinX <= b.MaxX && e.MaxY >= b.MinY && e.MinY <= b.MaxY
}

// Get reads the row with the given key (a value of the key column's type, or the ID for
// tables keyed by it). A key with no row gives ErrNotFound.
func (t *Table) Get(ctx context.Context, key any) (Feature, error) {
	k, err := t.keyArg(key)
	if err != nil {
		return Feature{}, fmt.Errorf("gpkg: get: %w", err)
	}
	rows, err := t.db.sql.QueryContext(ctx, fmt.Sprintf("SELECT %s FROM %s WHERE %s = ?", t.selectList(), quoteIdent(t.name), quoteIdent(t.key)), k)
	if err != nil {
		return Feature{}, fmt.Errorf("gpkg: get from %q: %w", t.name, err)
	}
	return t.scanOne(rows, key)
}

func (t *Table) scanOne(rows *sql.Rows, key any) (Feature, error) {
	defer func() { _ = rows.Close() }()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return Feature{}, fmt.Errorf("gpkg: get from %q: %w", t.name, err)
		}
		return Feature{}, fmt.Errorf("gpkg: get from %q: key %v: %w", t.name, key, ErrNotFound)
	}
	dest, ptrs := t.scanTargets()
	if err := rows.Scan(ptrs...); err != nil {
		return Feature{}, fmt.Errorf("gpkg: get from %q: %w", t.name, err)
	}
	return t.decodeRow(dest)
}

// Count returns the number of rows in the table.
func (t *Table) Count(ctx context.Context) (int64, error) {
	var n int64
	if err := t.db.sql.QueryRowContext(ctx, "SELECT count(*) FROM "+quoteIdent(t.name)).Scan(&n); err != nil {
		return 0, fmt.Errorf("gpkg: count %q: %w", t.name, err)
	}
	return n, nil
}

// Extent returns the table's extent as recorded in gpkg_contents (in the column's CRS), or
// nil when none is recorded (an attribute table, or no geometry written yet).
func (t *Table) Extent(ctx context.Context) (*Envelope, error) {
	var minX, minY, maxX, maxY sql.NullFloat64
	err := t.db.sql.QueryRowContext(ctx, `SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE lower(table_name) = lower(?)`, t.name).Scan(&minX, &minY, &maxX, &maxY)
	if err != nil {
		return nil, fmt.Errorf("gpkg: extent of %q: %w", t.name, err)
	}
	if !minX.Valid || !minY.Valid || !maxX.Valid || !maxY.Valid {
		return nil, nil
	}
	return &Envelope{MinX: minX.Float64, MinY: minY.Float64, MaxX: maxX.Float64, MaxY: maxY.Float64}, nil
}
