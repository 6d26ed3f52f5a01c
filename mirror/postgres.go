package mirror

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/ewkb"

	"github.com/tjanstebaserad/bal-go/bal"
)

// The PostgreSQL/PostGIS store. A PostGIS column typed
// geometry(MultiPolygon) refuses 3D geometries and one typed
// geometry(MultiPolygonZ) refuses 2D ones, so every table with geometry has
// two typed columns:
//
//   - geom, geometry(Point|MultiPolygon, zone): every object's 2D
//     position or footprint (a 3D one's plan outline), so that one layer
//     shows them all;
//   - geom_z, geometry(PointZ|MultiPolygonZ, zone's RH 2000 compound): the
//     geometry with its heights, only where Lantmäteriet has them (all of a
//     building's parts, or, for a building whose parts mix, the parts that
//     have them; har_hojd says which); NULL where it has none. Heights are
//     never invented.
//
// QGIS and GDAL list each column as a layer of its own ("byggnad(geom)", a
// Multi Polygon layer, and "byggnad(geom_z)", a 3D Multi Polygon layer).

// advisoryKey is the pg_advisory_lock key of the mirror's writer ("balmirr").
const advisoryKey int64 = 0x62616c6d69727272

type pgStore struct {
	conn     *pgx.Conn
	where    string
	readOnly bool
	locked   bool
	srid     int
	compound int
	// v is the schema version of the tables.
	v int
}

func openPostgres(ctx context.Context, url string, readOnly bool) (*pgStore, error) {
	where := redactURL(url)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("mirror: connect to %s: %w", where, scrub(err, url))
	}
	s := &pgStore{conn: conn, where: where, readOnly: readOnly}
	if _, err := conn.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS postgis"); err != nil && !readOnly {
		conn.Close(ctx)
		return nil, fmt.Errorf("mirror: %s needs the PostGIS extension: %w", where, err)
	}
	var oid uint32
	if err := conn.QueryRow(ctx, "SELECT 'geometry'::regtype::oid").Scan(&oid); err != nil {
		conn.Close(ctx)
		return nil, fmt.Errorf("mirror: %s has no PostGIS: %w", where, err)
	}
	registerGeometry(conn, oid)
	if !readOnly {
		var ok bool
		if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", advisoryKey).Scan(&ok); err != nil {
			conn.Close(ctx)
			return nil, fmt.Errorf("mirror: lock %s: %w", where, err)
		}
		if !ok {
			conn.Close(ctx)
			return nil, &LockedError{Store: where}
		}
		s.locked = true
	}
	return s, nil
}

// registerGeometry makes geometries travel as EWKB, which PostGIS's binary
// input and output are.
func registerGeometry(conn *pgx.Conn, oid uint32) {
	conn.TypeMap().RegisterType(&pgtype.Type{Name: "geometry", OID: oid, Codec: pgtype.ByteaCodec{}})
}

func joinNames(names []string) string { return strings.Join(names, ", ") }

// scrub keeps a connection error from repeating the URL's password.
func scrub(err error, url string) error {
	msg := err.Error()
	if at := strings.LastIndex(url, "@"); at > 0 {
		if i := strings.Index(url, "://"); i >= 0 {
			if c := strings.Index(url[i+3:at], ":"); c >= 0 {
				pw := url[i+3+c+1 : at]
				if pw != "" && strings.Contains(msg, pw) {
					return errors.New(strings.ReplaceAll(msg, pw, "…"))
				}
			}
		}
	}
	return err
}

func (s *pgStore) close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if s.locked {
		_, _ = s.conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", advisoryKey)
	}
	return s.conn.Close(ctx)
}

func (s *pgStore) exists(ctx context.Context, name string) (bool, error) {
	var ok bool
	err := s.conn.QueryRow(ctx, "SELECT to_regclass($1) IS NOT NULL", name).Scan(&ok)
	return ok, err
}

func (s *pgStore) schemaVersion(ctx context.Context) (int, error) {
	ok, err := s.exists(ctx, "bal_schema_version")
	if err != nil || !ok {
		return 0, err
	}
	var v *int
	if err := s.conn.QueryRow(ctx, "SELECT max(version) FROM bal_schema_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("mirror: schema version: %w", err)
	}
	if v == nil {
		return 0, nil
	}
	s.v = *v
	return *v, nil
}

func (s *pgStore) state(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	ok, err := s.exists(ctx, "bal_mirror_state")
	if err != nil || !ok {
		return out, err
	}
	rows, err := s.conn.Query(ctx, "SELECT nyckel, varde FROM bal_mirror_state")
	if err != nil {
		return nil, fmt.Errorf("mirror: state: %w", err)
	}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	s.setCRS(out)
	return out, nil
}

func (s *pgStore) setCRS(state map[string]string) {
	var srid int
	if _, err := fmt.Sscan(state[stateSRID], &srid); err == nil && srid != 0 {
		if c, err := newConverter(srid); err == nil {
			s.srid, s.compound = c.srid, c.compound
		}
	}
}

func pgType(c colType) string {
	switch c {
	case colInt:
		return "bigint"
	case colReal:
		return "double precision"
	case colBool:
		return "boolean"
	case colTime:
		return "timestamptz"
	case colUUID:
		return "uuid"
	case colJSON:
		return "jsonb"
	}
	return "text"
}

// geomColumns are a table's geometry column types, 2D and 3D.
func geomColumns(t *table) (string, string) {
	switch t.geom {
	case geomPoint:
		return "Point", "PointZ"
	case geomMultiPolygon:
		return "MultiPolygon", "MultiPolygonZ"
	}
	return "", ""
}

func (s *pgStore) migrate(ctx context.Context, from, to, srid, compound int) error {
	s.srid, s.compound = srid, compound
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var stmts []string
	if from == 0 {
		for _, t := range tables {
			var cols []string
			for _, c := range t.columns(to) {
				d := c.name + " " + pgType(c.typ)
				switch c.name {
				case "objektidentitet":
					d += " PRIMARY KEY"
				case "objektversion":
					d += " NOT NULL"
				}
				cols = append(cols, d)
			}
			if g2, g3 := geomColumns(t); g2 != "" {
				cols = append(cols, fmt.Sprintf("geom geometry(%s, %d)", g2, srid), fmt.Sprintf("geom_z geometry(%s, %d)", g3, compound))
			}
			stmts = append(stmts, "CREATE TABLE "+t.name+" (\n  "+strings.Join(cols, ",\n  ")+"\n)")
			if t.geom != geomNone {
				stmts = append(stmts, "CREATE INDEX "+t.name+"_geom ON "+t.name+" USING gist (geom)",
					"CREATE INDEX "+t.name+"_geom_z ON "+t.name+" USING gist (geom_z)")
			}
			stmts = append(stmts, fmt.Sprintf("COMMENT ON TABLE %s IS 'BAL %s, mirrored by bal-go; geom: 2D, every object; geom_z: with RH 2000 heights, where Lantmäteriet has them'", t.name, t.typ))
		}
		stmts = append(stmts,
			"CREATE TABLE bal_mirror_state (nyckel text PRIMARY KEY, varde text NOT NULL)",
			"CREATE TABLE bal_schema_version (version integer PRIMARY KEY, tillampad timestamptz NOT NULL DEFAULT now())")
	}
	if from >= 1 && from < 2 && to >= 2 {
		for _, t := range tables {
			stmts = append(stmts, "ALTER TABLE "+t.name+" ADD COLUMN avregistrerad timestamptz")
		}
	}
	if from < 2 && to >= 2 {
		stmts = append(stmts, "CREATE TABLE bal_avregistrerade (objektidentitet uuid PRIMARY KEY, objekttyp text NOT NULL, objektversion bigint NOT NULL, avregistrerad timestamptz)")
	}
	for _, st := range stmts {
		if _, err := tx.Exec(ctx, st); err != nil {
			return fmt.Errorf("%s: %w", firstLine(st), err)
		}
	}
	if _, err := tx.Exec(ctx, "INSERT INTO bal_schema_version (version) VALUES ($1)", to); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	s.v = to
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// pgValues maps a row to its columns' values, the geometries last.
func (s *pgStore) pgValues(r *row) ([]any, error) {
	vals := []any{[16]byte(r.id), r.version, string(r.status), timeOrNil(r.validFrom)}
	if s.v >= 2 {
		vals = append(vals, timeOrNil(r.retired))
	}
	for _, v := range r.own {
		if u, ok := v.(uuid.UUID); ok {
			v = [16]byte(u)
		}
		vals = append(vals, v)
	}
	vals = append(vals, r.attrs)
	if r.table.geom != geomNone {
		var g2, g3 any
		if r.geom != nil {
			b, err := ewkbOf(flatten(r.geom, s.srid))
			if err != nil {
				return nil, err
			}
			g2 = b
		}
		if z := r.withHeights(); z != nil {
			b, err := ewkbOf(z)
			if err != nil {
				return nil, err
			}
			g3 = b
		}
		vals = append(vals, g2, g3)
	}
	return vals, nil
}

func timeOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func ewkbOf(g geom.T) ([]byte, error) { return ewkb.Marshal(g, binary.LittleEndian) }

// flatten returns g's plan (2D) geometry in srid.
func flatten(g geom.T, srid int) geom.T {
	switch x := g.(type) {
	case *geom.Point:
		if x.Layout() == geom.XY {
			return x.SetSRID(srid)
		}
		return geom.NewPointFlat(geom.XY, []float64{x.X(), x.Y()}).SetSRID(srid)
	case *geom.MultiPolygon:
		if x.Layout() == geom.XY {
			return x.SetSRID(srid)
		}
		out := geom.NewMultiPolygon(geom.XY).SetSRID(srid)
		for i := range x.NumPolygons() {
			_ = out.Push(to2D(x.Polygon(i)))
		}
		return out
	}
	return g
}

// columnNames lists a table's columns as the store writes them at schema
// version v.
func columnNames(t *table, v int) []string {
	var names []string
	for _, c := range t.columns(v) {
		names = append(names, c.name)
	}
	if t.geom != geomNone {
		names = append(names, "geom", "geom_z")
	}
	return names
}

func (s *pgStore) load(ctx context.Context, rows iter.Seq2[*row, error], state func() map[string]string) error {
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	names := tableNames()
	if s.v >= 2 {
		names = append(names, "bal_avregistrerade")
	}
	if _, err := tx.Exec(ctx, "TRUNCATE "+joinNames(names)); err != nil {
		return err
	}
	rs := newRuns(rows)
	defer rs.stop()
	for t := rs.table(); t != nil; t = rs.table() {
		var verr error
		src := &copySource{next: func() ([]any, bool) {
			r := rs.take(t)
			if r == nil {
				return nil, false
			}
			vals, err := s.pgValues(r)
			if err != nil {
				verr = err
				return nil, false
			}
			return vals, true
		}}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, columnNames(t, s.v), src)
		if verr != nil {
			return verr
		}
		if err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	if rs.err != nil {
		return rs.err
	}
	for k, v := range state() {
		if _, err := tx.Exec(ctx, upsertState, k, v); err != nil {
			return err
		}
	}
	s.setCRS(state())
	return tx.Commit(ctx)
}

const upsertState = "INSERT INTO bal_mirror_state (nyckel, varde) VALUES ($1, $2) ON CONFLICT (nyckel) DO UPDATE SET varde = EXCLUDED.varde"

// copySource feeds CopyFrom from a pull function.
type copySource struct {
	next func() ([]any, bool)
	row  []any
}

func (c *copySource) Next() bool {
	var ok bool
	c.row, ok = c.next()
	return ok
}
func (c *copySource) Values() ([]any, error) { return c.row, nil }
func (c *copySource) Err() error             { return nil }

func (s *pgStore) begin(context.Context) (storeTx, error) {
	if s.v < SchemaVersion {
		return nil, fmt.Errorf("mirror: schema version %d: migrate before writing changes", s.v)
	}
	return &pgTx{s: s, batch: &pgx.Batch{}}, nil
}

func (s *pgStore) count(ctx context.Context, t *table) (int64, error) {
	ok, err := s.exists(ctx, t.name)
	if err != nil || !ok {
		return 0, err
	}
	var n int64
	return n, s.conn.QueryRow(ctx, "SELECT count(*) FROM "+t.name).Scan(&n)
}

func (s *pgStore) objects(ctx context.Context, t *table) iter.Seq2[Object, error] {
	return func(yield func(Object, error) bool) {
		cols := t.columns(SchemaVersion)
		var sel []string
		for _, c := range cols {
			switch c.typ {
			case colUUID, colJSON:
				sel = append(sel, c.name+"::text")
			default:
				sel = append(sel, c.name)
			}
		}
		if t.geom != geomNone {
			sel = append(sel, "ST_AsEWKB(geom)", "ST_AsEWKB(geom_z)")
		}
		rows, err := s.conn.Query(ctx, "SELECT "+strings.Join(sel, ", ")+" FROM "+t.name+" ORDER BY objektidentitet")
		if err != nil {
			yield(Object{}, err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			vals, err := rows.Values()
			if err != nil {
				yield(Object{}, err)
				return
			}
			o, err := pgObject(t, cols, vals)
			if !yield(o, err) || err != nil {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(Object{}, err)
		}
	}
}

func pgObject(t *table, cols []column, vals []any) (Object, error) {
	o := Object{Type: t.typ}
	hasZ := true
	for i, c := range cols {
		v := vals[i]
		if c.name == hasZColumn.name {
			hasZ, _ = v.(bool)
		}
		if err := o.set(c.name, v); err != nil {
			return o, fmt.Errorf("mirror: %s: %w", t.name, err)
		}
	}
	if t.geom != geomNone {
		g2, err := geomOf(vals[len(cols)])
		if err != nil {
			return o, err
		}
		g3, err := geomOf(vals[len(cols)+1])
		if err != nil {
			return o, err
		}
		switch {
		case g3 != nil && hasZ:
			o.Geometry = g3
		default:
			o.Geometry, o.Heights = g2, g3
		}
	}
	return o, nil
}

func geomOf(v any) (geom.T, error) {
	b, ok := v.([]byte)
	if !ok || b == nil {
		return nil, nil
	}
	return ewkb.Unmarshal(b)
}

// pgTx queues the changes of one transaction and sends them, with the
// checkpoint, in one round trip at commit.
type pgTx struct {
	s     *pgStore
	batch *pgx.Batch
	// counted marks the queued statements whose effect counts as applied.
	counted []bool
}

func (t *pgTx) queue(counted bool, sql string, args ...any) {
	t.batch.Queue(sql, args...)
	t.counted = append(t.counted, counted)
}

func (t *pgTx) put(_ context.Context, r *row) error {
	vals, err := t.s.pgValues(r)
	if err != nil {
		return err
	}
	t.queue(true, putSQL(r.table), vals...)
	return nil
}

// putSQLs are the tables' put statements, built once.
var putSQLs = func() map[string]string {
	m := map[string]string{}
	for _, t := range tables {
		m[t.name] = buildPutSQL(t)
	}
	return m
}()

func putSQL(t *table) string { return putSQLs[t.name] }

// buildPutSQL inserts a row unless the store has it at the same or a newer
// version, or holds a tombstone at least as new.
func buildPutSQL(t *table) string {
	names := columnNames(t, SchemaVersion)
	var sel, set []string
	for i, n := range names {
		typ := "geometry"
		if i < len(t.columns(SchemaVersion)) {
			typ = pgType(t.columns(SchemaVersion)[i].typ)
		}
		sel = append(sel, fmt.Sprintf("$%d::%s", i+1, typ))
		if n != "objektidentitet" {
			set = append(set, n+" = EXCLUDED."+n)
		}
	}
	q := "INSERT INTO " + t.name + " AS t (" + strings.Join(names, ", ") + ") SELECT " + strings.Join(sel, ", ") +
		" WHERE NOT EXISTS (SELECT 1 FROM bal_avregistrerade a WHERE a.objektidentitet = $1::uuid AND a.objektversion >= $2::bigint)" +
		" ON CONFLICT (objektidentitet) DO UPDATE SET " + strings.Join(set, ", ") + " WHERE t.objektversion < EXCLUDED.objektversion"
	return q
}

func (t *pgTx) retire(_ context.Context, tb *table, id bal.ObjectID, version int64, at time.Time, keep bool) error {
	if keep {
		t.queue(true, "UPDATE "+tb.name+" SET objektstatus = 'Avregistrerad', objektversion = $2, avregistrerad = $3, "+
			"attribut = attribut || jsonb_build_object('Status', 'Avregistrerad', 'Version', $2::bigint) "+
			"WHERE objektidentitet = $1 AND objektversion < $2", [16]byte(id), version, timeOrNil(at))
		return nil
	}
	t.queue(false, "DELETE FROM "+tb.name+" WHERE objektidentitet = $1 AND objektversion <= $2", [16]byte(id), version)
	t.queue(true, "INSERT INTO bal_avregistrerade AS a (objektidentitet, objekttyp, objektversion, avregistrerad) VALUES ($1, $2, $3, $4) "+
		"ON CONFLICT (objektidentitet) DO UPDATE SET objektversion = EXCLUDED.objektversion, avregistrerad = EXCLUDED.avregistrerad "+
		"WHERE a.objektversion < EXCLUDED.objektversion", [16]byte(id), string(tb.typ), version, timeOrNil(at))
	return nil
}

func (t *pgTx) setState(_ context.Context, key, value string) error {
	t.queue(false, upsertState, key, value)
	return nil
}

func (t *pgTx) commit(ctx context.Context) (int64, error) {
	tx, err := t.s.conn.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback(ctx)
	br := tx.SendBatch(ctx, t.batch)
	var applied int64
	for _, counted := range t.counted {
		ct, err := br.Exec()
		if err != nil {
			br.Close()
			return 0, err
		}
		if counted {
			applied += ct.RowsAffected()
		}
	}
	if err := br.Close(); err != nil {
		return 0, err
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, err
	}
	return applied, nil
}

func (t *pgTx) rollback() { t.batch = &pgx.Batch{} }
