package compare

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/gpkg"
)

// layerSet writes a report's GeoPackage: a fixed set of layers with the same columns, in one
// CRS, created when the first geometry tells the CRS (or when the caller names it), filled in
// bulk and committed in one transaction by close.
type layerSet struct {
	ctx     context.Context
	db      *gpkg.DB
	tx      *gpkg.Tx
	srid    int
	names   []string
	desc    func(string) string
	columns []gpkg.Column
	layers  map[string]*layer
	held    []heldRow
}

// layer is one GeoPackage table and the features waiting to be appended to it.
type layer struct {
	t       *gpkg.Table
	pending []gpkg.Feature
}

// heldRow is a row without geometry that came before the CRS was known.
type heldRow struct {
	name   string
	values []any
}

// flushEvery is how many features a layer collects before they are appended in bulk.
const flushEvery = 4096

// maxHeld bounds the rows without geometry held while waiting for a geometry to tell the
// layers' CRS; beyond it the layers take SWEREF 99 TM.
const maxHeld = 4 * flushEvery

// newLayerSet creates the GeoPackage at path (an existing file is refused) and, when srid is
// not 0, its layers.
func newLayerSet(ctx context.Context, path string, srid int, names []string, desc func(string) string, columns []gpkg.Column) (*layerSet, error) {
	db, err := gpkg.Create(ctx, path, nil)
	if err != nil {
		return nil, err
	}
	s := &layerSet{ctx: ctx, db: db, names: names, desc: desc, columns: columns}
	if srid != 0 {
		if err := s.create(srid); err != nil {
			_ = db.Close()
			return nil, err
		}
	}
	return s, nil
}

// layerSRS returns the SRS of the layers for geometries in srid: the compound code of a
// SWEREF 99 CRS, so that heights are labelled RH 2000 where they exist, else srid itself.
func layerSRS(srid int) (int, error) {
	c, err := geometry.Lookup(srid)
	if err != nil {
		return 0, err
	}
	if cc, err := geometry.CompoundOf(c.Horizontal); err == nil {
		return cc.Code, nil
	}
	return c.Code, nil
}

func (s *layerSet) create(srid int) error {
	srs, err := layerSRS(srid)
	if err != nil {
		return fmt.Errorf("report crs: %w", err)
	}
	tx, err := s.db.Begin(s.ctx)
	if err != nil {
		return err
	}
	s.tx, s.srid, s.layers = tx, srs, map[string]*layer{}
	for _, name := range s.names {
		t, err := tx.CreateTable(s.ctx, gpkg.TableSpec{
			Name:        name,
			Description: s.desc(name),
			Geometry:    &gpkg.GeometryColumn{Type: gpkg.Geometry, SRS: srs, Z: gpkg.Optional},
			Columns:     s.columns,
		})
		if err != nil {
			return fmt.Errorf("layer %s: %w", name, err)
		}
		s.layers[name] = &layer{t: t}
	}
	return nil
}

// add queues one row for the named layer, in the layers' CRS.
func (s *layerSet) add(name string, g geom.T, values []any) error {
	if s.layers == nil {
		if g == nil && len(s.held) < maxHeld {
			s.held = append(s.held, heldRow{name, values})
			return nil
		}
		srid := geometry.SWEREF99TM
		if g != nil {
			srid = g.SRID()
		}
		if err := s.create(srid); err != nil {
			return err
		}
		if err := s.writeHeld(); err != nil {
			return err
		}
	}
	if g != nil {
		var err error
		if g, err = s.inCRS(g); err != nil {
			return err
		}
	}
	l := s.layers[name]
	l.pending = append(l.pending, gpkg.Feature{Geometry: g, Values: values})
	if len(l.pending) >= flushEvery {
		return s.flush(l)
	}
	return nil
}

func (s *layerSet) writeHeld() error {
	held := s.held
	s.held = nil
	for _, h := range held {
		if err := s.add(h.name, nil, h.values); err != nil {
			return err
		}
	}
	return nil
}

// inCRS transforms g into the layers' CRS when its horizontal CRS differs.
func (s *layerSet) inCRS(g geom.T) (geom.T, error) {
	from, err := geometry.Lookup(g.SRID())
	if err != nil {
		return nil, err
	}
	to, err := geometry.Lookup(s.srid)
	if err != nil {
		return nil, err
	}
	if from.Horizontal == to.Horizontal {
		return g, nil
	}
	return geometry.Transform(g, to.Horizontal)
}

func (s *layerSet) flush(l *layer) error {
	if len(l.pending) == 0 {
		return nil
	}
	rows := l.pending
	_, err := s.tx.Append(s.ctx, l.t, func(yield func(gpkg.Feature, error) bool) {
		for _, f := range rows {
			if !yield(f, nil) {
				return
			}
		}
	})
	l.pending = l.pending[:0]
	return err
}

// close writes what is pending and commits; with no geometry ever seen, the layers take
// SWEREF 99 TM.
func (s *layerSet) close() error {
	var errs []error
	if s.layers == nil {
		if err := s.create(geometry.SWEREF99TM); err != nil {
			errs = append(errs, err)
		} else if err := s.writeHeld(); err != nil {
			errs = append(errs, err)
		}
	}
	if s.tx != nil && len(errs) == 0 {
		for _, name := range s.names {
			if err := s.flush(s.layers[name]); err != nil {
				errs = append(errs, err)
				break
			}
		}
		if len(errs) == 0 {
			if err := s.tx.Commit(); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if s.tx != nil && len(errs) > 0 {
		_ = s.tx.Rollback()
	}
	if err := s.db.Close(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// output is where a report writes: a CSV and a GeoPackage layer set, each optional.
type output struct {
	what   string // "report", "quality report": the prefix of its errors
	csv    *csv.Writer
	layers *layerSet
	closed bool
}

// outputSpec describes an output's GeoPackage layers.
type outputSpec struct {
	names   []string
	desc    func(string) string
	columns []gpkg.Column
}

func newOutput(ctx context.Context, what string, w io.Writer, header []string, path string, srid int, spec outputSpec) (*output, error) {
	o := &output{what: what}
	if w != nil {
		o.csv = csv.NewWriter(w)
		if err := o.csv.Write(header); err != nil {
			return nil, fmt.Errorf("compare: %s csv: %w", what, err)
		}
	}
	if path != "" {
		s, err := newLayerSet(ctx, path, srid, spec.names, spec.desc, spec.columns)
		if err != nil {
			return nil, fmt.Errorf("compare: %s: %w", what, err)
		}
		o.layers = s
	}
	return o, nil
}

func (o *output) check() error {
	if o.closed {
		return fmt.Errorf("compare: %s: add after close", o.what)
	}
	return nil
}

func (o *output) row(rec []string) error {
	if o.csv == nil {
		return nil
	}
	if err := o.csv.Write(rec); err != nil {
		return fmt.Errorf("compare: %s csv: %w", o.what, err)
	}
	return nil
}

func (o *output) feature(name string, g geom.T, values []any) error {
	if o.layers == nil {
		return nil
	}
	if err := o.layers.add(name, g, values); err != nil {
		return fmt.Errorf("compare: %s: %w", o.what, err)
	}
	return nil
}

// close commits the GeoPackage and flushes the CSV; a second close does nothing.
func (o *output) close() error {
	if o.closed {
		return nil
	}
	o.closed = true
	var errs []error
	if o.layers != nil {
		if err := o.layers.close(); err != nil {
			errs = append(errs, fmt.Errorf("compare: %s: %w", o.what, err))
		}
	}
	if o.csv != nil {
		o.csv.Flush()
		if err := o.csv.Error(); err != nil {
			errs = append(errs, fmt.Errorf("compare: %s csv: %w", o.what, err))
		}
	}
	return errors.Join(errs...)
}

// Skipped counts what a report left out because it could not be read.
type Skipped struct {
	// InputErrors counts the features or objects left out for an *InputError, and Errors
	// holds the first ten messages.
	InputErrors int64
	Errors      []string
}

func (s *Skipped) skip(e *InputError) {
	s.InputErrors++
	if len(s.Errors) < 10 {
		s.Errors = append(s.Errors, e.Error())
	}
}

// fill hands every item of seq to add, then closes; an *InputError goes to skip and the
// rest follow, any other error ends it (and close still runs).
func fill[T any](seq iter.Seq2[T, error], add func(T) error, skip func(*InputError), close func() error) error {
	var err error
	for v, e := range seq {
		if e != nil {
			if ie := (*InputError)(nil); errors.As(e, &ie) {
				skip(ie)
				continue
			}
			err = e
			break
		}
		if err = add(v); err != nil {
			break
		}
	}
	if cerr := close(); err == nil {
		err = cerr
	}
	return err
}
