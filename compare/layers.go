package compare

import (
	"context"
	"errors"
	"fmt"

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
