package compare

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/geojson"
	"github.com/tjanstebaserad/bal-go/internal/gpkg"
)

// Mapping says how a municipality's file maps onto BAL: which column holds Lantmäteriet's
// objektidentitet, which columns make the matching key, and which column holds which BAL
// attribute. A nil *Mapping means the zero value, whose defaults fit a file whose columns
// are named as Lantmäteriet names the attributes:
//
//	// A building layer whose columns are uuid, fastighet, husnr, byggar and andamal:
//	m := &compare.Mapping{
//		ID:  "uuid",
//		Key: []string{"fastighet", "husnr"}, // used where uuid is empty
//		Attributes: map[string]string{
//			compare.AttrHouseNumber:      "husnr",
//			compare.AttrConstructionYear: "byggar",
//			compare.AttrPurpose:          "andamal",
//		},
//	}
//
// Column names are matched without regard to case, spacing or the spelling of å, ä and ö
// ("Nybyggnadsår" is nybyggnadsar).
type Mapping struct {
	// Type is the objekttyp of every feature; bal.ObjectTypeBuilding when empty.
	Type bal.ObjectType
	// ID is the column holding the objektidentitet; "objektidentitet" when empty, and a
	// GeoJSON feature's "id" member when the file has no such property and the id is a
	// UUID. An empty value means the feature has none and is matched by its key.
	ID string
	// Key are the columns whose values, in order, make the matching key (MakeKey), in the
	// order of the parts of BuildingKey (registerenhet designation, husnummer) or
	// AddressKey (area name, designation). None by default.
	Key []string
	// Attributes maps BAL attribute names (the Attr… constants) to column names. Nil
	// maps every column whose name is one of the attribute names of Type
	// (BuildingAttributes for buildings); a non-nil map maps exactly what it lists.
	Attributes map[string]string
	// SRID is the EPSG code of the geometries when the file does not say: a GeoJSON file
	// without a crs member (default 4619, SWEREF 99 longitude/latitude, which GIS software
	// treats as identical to WGS 84) or a GeoPackage column with an undefined CRS.
	SRID int
	// HeightSystem is the höjdsystem of the file's z values (Feature.HeightSystem), e.g.
	// "RH 70" for data not yet moved to RH 2000; empty means RH 2000 for a compound CRS
	// and unknown otherwise.
	HeightSystem string
}

// defaultIDColumn is the ID column of the zero Mapping.
const defaultIDColumn = "objektidentitet"

// resolved is a Mapping with its defaults filled in and its column names folded.
type resolved struct {
	typ      bal.ObjectType
	id       string   // folded name of the ID column
	explicit bool     // the ID column was named in the mapping
	key      []string // folded key column names
	attrs    []attrColumn
	auto     bool // attributes are every column named like one of typ's
	srid     int
	heights  string
}

type attrColumn struct{ attr, column string } // column folded

func resolve(m *Mapping) resolved {
	var mm Mapping
	if m != nil {
		mm = *m
	}
	r := resolved{typ: mm.Type, srid: mm.SRID, heights: mm.HeightSystem}
	if r.typ == "" {
		r.typ = bal.ObjectTypeBuilding
	}
	r.id, r.explicit = codelist.Key(defaultIDColumn), mm.ID != ""
	if r.explicit {
		r.id = codelist.Key(mm.ID)
	}
	for _, k := range mm.Key {
		r.key = append(r.key, codelist.Key(k))
	}
	if mm.Attributes == nil {
		r.auto = true
		for _, a := range attributesOf(r.typ) {
			r.attrs = append(r.attrs, attrColumn{a, codelist.Key(a)})
		}
	} else {
		for a, c := range mm.Attributes {
			r.attrs = append(r.attrs, attrColumn{a, codelist.Key(c)})
		}
	}
	return r
}

// row is one record of a file: its values by folded column name.
type row map[string]any

// feature builds the Feature of one record.
func (r *resolved) feature(values row, g geom.T, ref string) (Feature, error) {
	f := Feature{Type: r.typ, Ref: ref, Geometry: g, HeightSystem: r.heights, Attributes: map[string]string{}}
	if v, ok := values[r.id]; ok {
		if s := strings.TrimSpace(text(v)); s != "" {
			id, err := bal.ParseObjectID(strings.ToLower(s))
			if err != nil {
				return f, fmt.Errorf("objektidentitet: %w", err)
			}
			f.ID = id
		}
	}
	if len(r.key) > 0 {
		parts := make([]string, len(r.key))
		for i, k := range r.key {
			parts[i] = text(values[k])
		}
		f.Key = MakeKey(parts...)
	}
	for _, a := range r.attrs {
		v, ok := values[a.column]
		if !ok && r.auto {
			continue
		}
		f.Attributes[a.attr] = text(v)
	}
	return f, nil
}

// check reports a mapping that names columns a file lacks.
func (r *resolved) check(columns []string) error {
	have := map[string]bool{}
	for _, c := range columns {
		have[codelist.Key(c)] = true
	}
	var missing []string
	if r.explicit && !have[r.id] {
		missing = append(missing, "id column "+r.id)
	}
	for _, k := range r.key {
		if !have[k] {
			missing = append(missing, "key column "+k)
		}
	}
	if !r.auto {
		for _, a := range r.attrs {
			if !have[a.column] {
				missing = append(missing, a.attr+" column "+a.column)
			}
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: %s", ErrMapping, strings.Join(missing, ", "))
	}
	return nil
}

// ErrMapping is the cause of the error for a Mapping that names a column the file lacks.
var ErrMapping = errors.New("the mapping names columns the file does not have")

// fileSRID returns the SRID to give a file's geometries: the file's own when the geometry
// package knows it (EPSG:4326 as 4619), else the mapping's.
func (r *resolved) fileSRID(srid int) (int, error) {
	if srid == 4326 {
		srid = geometry.SWEREF99Geographic
	}
	if srid > 0 {
		if _, err := geometry.Lookup(srid); err == nil {
			return srid, nil
		} else if r.srid == 0 {
			return 0, err
		}
	}
	if r.srid == 0 {
		return 0, fmt.Errorf("the file gives no crs and Mapping.SRID is not set: %w", geometry.ErrUnknownCRS)
	}
	if _, err := geometry.Lookup(r.srid); err != nil {
		return 0, err
	}
	return r.srid, nil
}

// ReadGeoPackage reads the features of one layer (table) of a GeoPackage, as any GIS writes
// it, in constant memory. The geometries carry the layer's CRS (EPSG:4326 read as 4619; an
// undefined one as Mapping.SRID). A row that cannot be read is yielded as an *InputError and
// the next follows; a layer that does not exist, a CRS the geometry package does not know
// or a mapping that names missing columns ends the sequence with an error.
func ReadGeoPackage(ctx context.Context, path, layer string, m *Mapping) iter.Seq2[Feature, error] {
	r := resolve(m)
	return func(yield func(Feature, error) bool) {
		fail := func(err error) { yield(Feature{}, fmt.Errorf("compare: %s: %w", path, err)) }
		db, err := gpkg.Open(ctx, path, &gpkg.OpenOptions{ReadOnly: true})
		if err != nil {
			fail(err)
			return
		}
		defer db.Close()
		t, err := db.Table(ctx, layer)
		if err != nil {
			fail(err)
			return
		}
		cols := t.Columns()
		names := make([]string, len(cols))
		for i, c := range cols {
			names[i] = codelist.Key(c.Name)
		}
		if err := r.check(names); err != nil {
			fail(fmt.Errorf("layer %s: %w", layer, err))
			return
		}
		srid := 0
		if gc := t.Geometry(); gc != nil {
			if srid, err = r.fileSRID(gc.SRS); err != nil {
				fail(fmt.Errorf("layer %s: %w", layer, err))
				return
			}
		}
		for f, err := range t.Features(ctx, nil) {
			ref := fmt.Sprintf("fid %d", f.ID)
			if err != nil {
				if re := (*gpkg.RowError)(nil); errors.As(err, &re) {
					if !yield(Feature{}, &InputError{Side: "local", Ref: ref, Err: re.Err}) {
						return
					}
					continue
				}
				fail(err)
				return
			}
			values := make(row, len(names))
			for i, n := range names {
				values[n] = f.Values[i]
			}
			g := f.Geometry
			if g != nil {
				g = withSRID(g, srid)
			}
			feat, err := r.feature(values, g, ref)
			if err != nil {
				err = &InputError{Side: "local", Ref: ref, Err: err}
			}
			if !yield(feat, err) {
				return
			}
		}
	}
}

// withSRID relabels g, and the members of a collection (the readers' geometries are their
// own).
func withSRID(g geom.T, srid int) geom.T {
	if gc, ok := g.(*geom.GeometryCollection); ok {
		for _, c := range gc.Geoms() {
			withSRID(c, srid)
		}
	}
	out, err := geom.SetSRID(g, srid)
	if err != nil {
		return g // not a go-geom type: nothing to label
	}
	return out
}

// ReadGeoJSON reads the features of a GeoJSON FeatureCollection from r, in constant memory.
// Geometries carry the collection's crs member (the 2008 form GDAL and QGIS write for
// SWEREF 99 files) or, without one, Mapping.SRID (default 4619: RFC 7946 longitude/latitude
// read as SWEREF 99, which GIS software treats as identical to WGS 84). Properties are the
// columns of the Mapping. A feature that cannot be read is yielded as an *InputError and the
// next follows; JSON that is not a FeatureCollection ends the sequence with an error.
func ReadGeoJSON(r io.Reader, m *Mapping) iter.Seq2[Feature, error] {
	res := resolve(m)
	return func(yield func(Feature, error) bool) {
		def := res.srid
		if def == 0 {
			def = geometry.SWEREF99Geographic
		}
		var n int64
		for f, err := range geojson.Read(r, &geojson.ReadOptions{DefaultSRID: def}) {
			n++
			ref := fmt.Sprintf("feature %d", n)
			if err != nil {
				if fe := (*geojson.FeatureError)(nil); errors.As(err, &fe) {
					ref = fmt.Sprintf("feature %d", fe.Index)
					if !yield(Feature{}, &InputError{Side: "local", Ref: ref, Err: fe.Err}) {
						return
					}
					continue
				}
				yield(Feature{}, fmt.Errorf("compare: %w", err))
				return
			}
			values := make(row, len(f.Properties)+1)
			for _, p := range f.Properties {
				values[codelist.Key(p.Name)] = p.Value
			}
			if _, ok := values[res.id]; !ok && !res.explicit {
				if s, ok := f.ID.(string); ok {
					if _, err := bal.ParseObjectID(strings.ToLower(s)); err == nil {
						values[res.id] = s
					}
				}
			}
			if err := res.checkFeature(values); err != nil {
				if !yield(Feature{}, &InputError{Side: "local", Ref: ref, Err: err}) {
					return
				}
				continue
			}
			g := f.Geometry
			if g != nil && g.SRID() == 4326 {
				g = withSRID(g, geometry.SWEREF99Geographic)
			}
			feat, err := res.feature(values, g, ref)
			if err != nil {
				err = &InputError{Side: "local", Ref: ref, Err: err}
			}
			if !yield(feat, err) {
				return
			}
		}
	}
}

// checkFeature reports the explicitly mapped key columns a GeoJSON feature lacks: its key
// would silently be wrong. Missing attribute properties read as empty values.
func (r *resolved) checkFeature(values row) error {
	var missing []string
	for _, k := range r.key {
		if _, ok := values[k]; !ok {
			missing = append(missing, "key property "+k)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: %s", ErrMapping, strings.Join(missing, ", "))
	}
	return nil
}
