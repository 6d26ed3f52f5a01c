package mirror

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"slices"
	"time"

	"github.com/twpayne/go-geom/encoding/wkt"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/geojson"
	"github.com/tjanstebaserad/bal-go/internal/gpkg"
)

// ExportOptions configure the exports. A nil *ExportOptions exports every
// type in the mirror's CRS (GeoJSON: RFC 7946 longitude/latitude).
type ExportOptions struct {
	// Types are the object types to export; empty means all seven.
	Types []bal.ObjectType
	// SRID is the CRS written. For GeoJSON, 0 (or 4326) is RFC 7946
	// longitude/latitude (SWEREF 99 geographic, within a metre of WGS 84)
	// and a Swedish grid code (3006–3018) writes grid coordinates with the
	// CRS named in the 2008 GeoJSON crs member. For a GeoPackage, 0 is the
	// mirror's CRS. Coordinates are rounded to the millimetre (8 decimals
	// of a degree in longitude/latitude).
	SRID int
	// LonLatHeights keeps RH 2000 heights as the third ordinate in RFC 7946
	// output, against the RFC's letter (it defines heights above the
	// ellipsoid); by default they are dropped there. Grid output always
	// keeps heights where they exist.
	LonLatHeights bool
}

func (o *ExportOptions) types() ([]*table, error) {
	if o == nil || len(o.Types) == 0 {
		return tables, nil
	}
	var out []*table
	for _, t := range o.Types {
		tb := tableOf(t)
		if tb == nil {
			return nil, fmt.Errorf("mirror: export: %q is not one of the seven BAL object types", t)
		}
		out = append(out, tb)
	}
	return out, nil
}

// properties are an object's attributes as exported: the common columns,
// the type's own, and every attribute as a JSON object (attribut).
func properties(o Object) []geojson.Property {
	props := []geojson.Property{
		{Name: "objektidentitet", Value: o.ID.String()},
		{Name: "objektversion", Value: int64(o.Version)},
		{Name: "objektstatus", Value: string(o.Status)},
		{Name: "version_giltig_fran", Value: timeOrNil(o.ValidFrom)},
		{Name: "avregistrerad", Value: timeOrNil(o.Retired)},
	}
	for _, f := range o.Fields {
		props = append(props, geojson.Property{Name: f.Name, Value: f.Value})
	}
	if o.Heights != nil {
		if w, err := wkt.Marshal(o.Heights); err == nil {
			props = append(props, geojson.Property{Name: gpkgPartlyZ, Value: w})
		}
	}
	if len(o.Attributes) > 0 {
		props = append(props, geojson.Property{Name: attributColumn.name, Value: o.Attributes})
	}
	return props
}

// ExportGeoJSON writes the objects of one type as a GeoJSON
// FeatureCollection (streaming: one object at a time) and returns how many
// it wrote. Each feature's id is the objektidentitet; its properties are
// the mirror's columns and, under "attribut", every attribute of the object.
func (m *Mirror) ExportGeoJSON(ctx context.Context, w io.Writer, typ bal.ObjectType, opts *ExportOptions) (int64, error) {
	var o ExportOptions
	if opts != nil {
		o = *opts
	}
	t := tableOf(typ)
	if t == nil {
		return 0, fmt.Errorf("mirror: export: %q is not one of the seven BAL object types", typ)
	}
	wo := &geojson.WriterOptions{CRS: o.SRID, Name: t.name, LonLatHeights: geojson.HeightsDropped}
	if o.LonLatHeights {
		wo.LonLatHeights = geojson.HeightsRH2000
	}
	if o.SRID != 0 && o.SRID != 4326 && o.SRID != geometry.SWEREF99Geographic {
		if c, err := geometry.CompoundOf(o.SRID); err == nil && t.geom != geomNone {
			// Name the heights' system too where the objects have them.
			wo.CRS = c.Code
		}
	}
	features := func(yield func(geojson.Feature, error) bool) {
		for obj, err := range m.Objects(ctx, typ) {
			if err != nil {
				yield(geojson.Feature{}, err)
				return
			}
			if !yield(geojson.Feature{ID: obj.ID.String(), Geometry: obj.Geometry, Properties: properties(obj)}, nil) {
				return
			}
		}
	}
	n, err := geojson.WriteAll(w, features, wo)
	if err != nil {
		return n, fmt.Errorf("mirror: export %s as GeoJSON: %w", t.name, err)
	}
	return n, nil
}

// ExportGeoPackage writes the objects as a new GeoPackage at path (which
// must not exist), one layer per type: byggnad and adressplats as feature
// tables with the spatial index (heights kept where they exist: z optional,
// in the zone's RH 2000 compound), the others as attribute tables. It
// returns how many objects each layer got.
func (m *Mirror) ExportGeoPackage(ctx context.Context, path string, opts *ExportOptions) (map[bal.ObjectType]int64, error) {
	ts, err := opts.types()
	if err != nil {
		return nil, err
	}
	srid := m.SRID()
	if opts != nil && opts.SRID != 0 {
		srid = horizontal(opts.SRID)
	}
	if srid == 0 {
		return nil, ErrNotInitialised
	}
	compound, err := geometry.CompoundOf(srid)
	if err != nil {
		return nil, fmt.Errorf("mirror: export: %w", err)
	}
	db, err := gpkg.Create(ctx, path, nil)
	if err != nil {
		return nil, fmt.Errorf("mirror: export: %w", err)
	}
	defer db.Close()
	exp := &gpkgStore{v: SchemaVersion}
	counts := map[bal.ObjectType]int64{}
	for _, t := range ts {
		spec := exp.spec(t, SchemaVersion, compound.Code)
		gt, err := db.CreateTable(ctx, spec)
		if err != nil {
			return nil, fmt.Errorf("mirror: export: %w", err)
		}
		n, err := gt.Append(ctx, exportFeatures(ctx, m, t, gt, srid))
		if err != nil {
			return nil, fmt.Errorf("mirror: export %s: %w", t.name, err)
		}
		counts[t.typ] = n
	}
	return counts, db.Close()
}

// exportFeatures are the objects of one type as features of gt, in srid.
func exportFeatures(ctx context.Context, m *Mirror, t *table, gt *gpkg.Table, srid int) iter.Seq2[gpkg.Feature, error] {
	return func(yield func(gpkg.Feature, error) bool) {
		cols := gt.Columns()
		idx := func(name string) int {
			return slices.IndexFunc(cols, func(c gpkg.Column) bool { return c.Name == name })
		}
		for o, err := range m.Objects(ctx, t.typ) {
			if err != nil {
				yield(gpkg.Feature{}, err)
				return
			}
			f := gpkg.Feature{Values: make([]any, len(cols))}
			for _, p := range properties(o) {
				i := idx(p.Name)
				if i < 0 {
					continue
				}
				v := p.Value
				switch x := v.(type) {
				case time.Time:
					v = x.UTC().Truncate(time.Millisecond)
				case json.RawMessage:
					v = string(x)
				}
				f.Values[i] = v
			}
			if g := o.Geometry; g != nil {
				to := srid
				if g.Layout().ZIndex() >= 0 {
					c, err := geometry.CompoundOf(srid)
					if err != nil {
						yield(gpkg.Feature{}, err)
						return
					}
					to = c.Code
				}
				tg, err := geometry.Transform(g, to)
				if err != nil {
					yield(gpkg.Feature{}, fmt.Errorf("%s %s: %w", t.name, o.ID, err))
					return
				}
				f.Geometry = geometry.RoundCoordinates(tg, 3)
			}
			if !yield(f, nil) {
				return
			}
		}
	}
}
