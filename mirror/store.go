package mirror

import (
	"context"
	"encoding/json"
	"iter"
	"time"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
)

// store is one kind of database a mirror lives in.
type store interface {
	// schemaVersion is the recorded schema version; 0 for an empty store.
	schemaVersion(ctx context.Context) (int, error)
	// state reads bal_mirror_state; empty before the schema exists.
	state(ctx context.Context) (map[string]string, error)
	// migrate creates or migrates the schema from one version to another,
	// recording the new version in the same transaction where the store
	// allows it.
	migrate(ctx context.Context, from, to, srid, compound int) error
	// load replaces every object table's rows with rows and sets the state,
	// in one transaction. Rows of the tables may come in any order; each run
	// of one table's rows is one bulk load (COPY, or a GeoPackage append).
	load(ctx context.Context, rows iter.Seq2[*row, error], state func() map[string]string) error
	// begin starts a transaction of changes.
	begin(ctx context.Context) (storeTx, error)
	// count returns a table's row count.
	count(ctx context.Context, t *table) (int64, error)
	// objects reads a table's rows.
	objects(ctx context.Context, t *table) iter.Seq2[Object, error]
	// close releases the writer's lock and the database.
	close() error
}

// storeTx is a transaction of changes. put and retire apply only what is
// newer than the store holds (a row's version, or a retired object's
// tombstone), so changes seen again change nothing; commit reports how many
// did change something.
type storeTx interface {
	put(ctx context.Context, r *row) error
	retire(ctx context.Context, t *table, id bal.ObjectID, version int64, at time.Time, keep bool) error
	setState(ctx context.Context, key, value string) error
	commit(ctx context.Context) (applied int64, err error)
	rollback()
}

// Object is one object as the mirror holds it.
type Object struct {
	// Type is the objekttyp.
	Type bal.ObjectType
	// ID is the objektidentitet.
	ID bal.ObjectID
	// Version is the objektversion.
	Version bal.Version
	// Status is the objektstatus.
	Status bal.Status
	// ValidFrom is versionGiltigFran.
	ValidFrom time.Time
	// Retired is when a retired object kept with Options.KeepRetired was
	// retired; zero otherwise.
	Retired time.Time
	// Geometry is a building's footprint or an address point's position,
	// in the mirror's CRS: 3D (SRID the RH 2000 compound) when the object
	// has heights throughout, 2D otherwise; nil for the types without
	// geometry.
	Geometry geom.T
	// Heights are a building's parts that have heights when only some
	// do (Geometry is then 2D); nil otherwise.
	Heights geom.T
	// Fields are the type's own columns (husnummer, adressplatsnummer …),
	// in table order, with the stored values (string, int64, float64,
	// bool, or nil).
	Fields []Field
	// Attributes are every attribute of the object as JSON, geometries left
	// out (they are Geometry).
	Attributes json.RawMessage
}

// Field is one named column value of an Object.
type Field struct {
	Name  string
	Value any
}

// set takes one column's value as a store read it: the common columns into
// their fields, the type's own into Fields.
func (o *Object) set(name string, v any) error {
	switch name {
	case "objektidentitet":
		s, _ := v.(string)
		id, err := bal.ParseObjectID(s)
		if err != nil {
			return err
		}
		o.ID = id
	case "objektversion":
		n, _ := v.(int64)
		o.Version = bal.Version(n)
	case "objektstatus":
		s, _ := v.(string)
		o.Status = bal.Status(s)
	case "version_giltig_fran":
		o.ValidFrom, _ = v.(time.Time)
	case "avregistrerad":
		o.Retired, _ = v.(time.Time)
	case attributColumn.name:
		s, _ := v.(string)
		o.Attributes = json.RawMessage(s)
	default:
		o.Fields = append(o.Fields, Field{Name: name, Value: v})
	}
	return nil
}

// runs splits a sequence of rows into runs of one table's rows, for bulk
// loads: an extract holds its types in runs (every building, then every
// entrance …), so one pass over it is a few bulk loads.
type runs struct {
	next func() (*row, error, bool)
	stop func()
	head *row
	err  error
}

func newRuns(seq iter.Seq2[*row, error]) *runs {
	r := &runs{}
	r.next, r.stop = iter.Pull2(seq)
	r.advance()
	return r
}

func (r *runs) advance() {
	row, err, ok := r.next()
	switch {
	case !ok:
		r.head = nil
	case err != nil:
		r.head, r.err = nil, err
	default:
		r.head = row
	}
}

// table is the table of the next run; nil at the end (see err).
func (r *runs) table() *table {
	if r.head == nil {
		return nil
	}
	return r.head.table
}

// take returns the next row of the current run of t, or nil at its end.
func (r *runs) take(t *table) *row {
	if r.head == nil || r.head.table != t {
		return nil
	}
	row := r.head
	r.advance()
	return row
}
