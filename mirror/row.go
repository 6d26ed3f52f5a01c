package mirror

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/geometry"
)

// row is one object as a store keeps it.
type row struct {
	table     *table
	id        bal.ObjectID
	version   int64
	status    bal.Status
	validFrom time.Time
	// retired is the end time of a retired object kept (KeepRetired).
	retired time.Time
	// own are the type's own column values, in table order.
	own []any
	// geom is the object's geometry in the mirror's CRS, rounded to the
	// millimetre: a point, or a building's footprint (every part). It is 3D
	// (SRID the compound code) only when every part has heights.
	geom geom.T
	// geomZ are a building's parts that have heights, 3D, when some but not
	// all parts have them; otherwise nil (geom carries them).
	geomZ geom.T
	// attrs is every attribute as JSON (geometries left out).
	attrs []byte
}

// withHeights returns the 3D geometry of the row: geom when it has Z, else
// geomZ (nil when the object has no heights).
func (r *row) withHeights() geom.T {
	if r.geom != nil && r.geom.Layout().ZIndex() >= 0 {
		return r.geom
	}
	return r.geomZ
}

// converter maps the model's objects to rows in the mirror's CRS.
type converter struct {
	srid     int // the municipality's plane CRS (3006–3018)
	compound int // its RH 2000 compound (5845–5857)
}

func newConverter(srid int) (*converter, error) {
	c, err := geometry.CompoundOf(srid)
	if err != nil {
		return nil, fmt.Errorf("mirror: crs %d: %w", srid, err)
	}
	return &converter{srid: srid, compound: c.Code}, nil
}

func uuidOrNil(id bal.ObjectID) any {
	if id.IsZero() {
		return nil
	}
	return uuid.UUID(id)
}

func textOrNil[T ~string](s T) any {
	if s == "" {
		return nil
	}
	return string(s)
}

func intOrNil(n int) any {
	if n == 0 {
		return nil
	}
	return int64(n)
}

// row maps one object (a *building.Building, *address.Point …) to its row.
func (c *converter) row(obj any) (*row, error) {
	var m *bal.Meta
	r := &row{}
	var attrs any
	switch o := obj.(type) {
	case *address.District:
		m, r.table, attrs = &o.Meta, tableOf(bal.ObjectTypeDistrict), o
		r.own = []any{textOrNil(o.Name), textOrNil(o.Municipality.Code)}
	case *address.Area:
		m, r.table, attrs = &o.Meta, tableOf(bal.ObjectTypeAddressArea), o
		r.own = []any{textOrNil(o.Name), textOrNil(o.Type), uuidOrNil(o.District.ID)}
	case *address.CourtyardArea:
		m, r.table, attrs = &o.Meta, tableOf(bal.ObjectTypeCourtyardArea), o
		r.own = []any{textOrNil(o.Name), uuidOrNil(o.Area.ID)}
	case *address.Point:
		m, r.table = &o.Meta, tableOf(bal.ObjectTypeAddressPoint)
		var area, court, prop bal.ObjectID
		if o.Area != nil {
			area = o.Area.ID
		}
		if o.CourtyardArea != nil {
			court = o.CourtyardArea.ID
		}
		if o.Property != nil {
			prop = o.Property.ID
		}
		r.own = []any{textOrNil(o.Designation.Number), textOrNil(o.Designation.Letter), textOrNil(o.Type),
			textOrNil(o.AddressStatus), textOrNil(o.PostalCode), textOrNil(o.PostTown),
			uuidOrNil(area), uuidOrNil(court), uuidOrNil(prop)}
		if o.Position != nil {
			g, err := c.transform(o.Position)
			if err != nil {
				return nil, fmt.Errorf("mirror: adressplats %s: %w", o.ID, err)
			}
			r.geom = g
		}
		cp := *o
		cp.Position = nil
		attrs = &cp
	case *building.Building:
		m, r.table = &o.Meta, tableOf(bal.ObjectTypeBuilding)
		if err := c.footprint(r, o); err != nil {
			return nil, fmt.Errorf("mirror: byggnad %s: %w", o.ID, err)
		}
		var use string
		for _, p := range o.Purposes {
			if p.Main || use == "" {
				use = string(p.Use)
				if use == "" {
					use = string(p.Category)
				}
			}
		}
		var prop bal.ObjectID
		if len(o.LiesOn) > 0 {
			prop = o.LiesOn[0].ID
		}
		r.own = []any{intOrNil(o.HouseNumber), intOrNil(o.ConstructionYear), o.MainBuilding, textOrNil(use), uuidOrNil(prop),
			r.geom != nil && r.geom.Layout().ZIndex() >= 0}
		cp := *o
		cp.Parts = make([]building.Part, len(o.Parts))
		for i, p := range o.Parts {
			p.Surface = nil
			cp.Parts[i] = p
		}
		attrs = &cp
	case *building.Entrance:
		m, r.table, attrs = &o.Meta, tableOf(bal.ObjectTypeEntrance), o
		var addr bal.ObjectID
		if o.Address != nil {
			addr = o.Address.ID
		}
		r.own = []any{uuidOrNil(o.BuildingID), uuidOrNil(addr), textOrNil(o.Type)}
	case *building.Apartment:
		m, r.table, attrs = &o.Meta, tableOf(bal.ObjectTypeApartment), o
		var rooms, area any
		if o.Rooms != nil {
			rooms = int64(*o.Rooms)
		}
		if o.LivingArea != nil {
			area = *o.LivingArea
		}
		r.own = []any{uuidOrNil(o.EntranceID), textOrNil(o.Number), rooms, area, textOrNil(o.Kitchen)}
	default:
		return nil, fmt.Errorf("mirror: %T is not a BAL object", obj)
	}
	r.id, r.version, r.status, r.validFrom = m.ID, int64(m.Version), m.Status, m.ValidFrom
	if m.Status == bal.StatusRetired {
		r.retired = m.ValidFrom
	}
	b, err := json.Marshal(attrs)
	if err != nil {
		return nil, fmt.Errorf("mirror: %s %s: attributes: %w", r.table.typ, m.ID, err)
	}
	r.attrs = b
	return r, nil
}

// transform brings g into the mirror's CRS (the compound code when it has
// heights), rounded to the millimetre.
func (c *converter) transform(g geom.T) (geom.T, error) {
	to := c.srid
	if g.Layout().ZIndex() >= 0 {
		to = c.compound
	}
	t, err := geometry.Transform(g, to)
	if err != nil {
		return nil, err
	}
	return geometry.RoundCoordinates(t, 3), nil
}

// footprint sets r.geom (and r.geomZ) from the building's parts. Heights are
// kept exactly where the parts have them: all parts 3D gives a 3D
// footprint; none gives a 2D one; a mix gives the 2D footprint of every part
// and, in geomZ, the parts with heights.
func (c *converter) footprint(r *row, b *building.Building) error {
	var flat, withZ []*geom.Polygon
	for i, p := range b.Parts {
		if p.Surface == nil {
			continue
		}
		g, err := c.transform(p.Surface)
		if err != nil {
			return fmt.Errorf("byggnadsdel %d: %w", i+1, err)
		}
		var polys []*geom.Polygon
		switch s := g.(type) {
		case *geom.Polygon:
			polys = []*geom.Polygon{s}
		case *geom.MultiPolygon:
			for j := range s.NumPolygons() {
				polys = append(polys, s.Polygon(j))
			}
		default:
			return fmt.Errorf("byggnadsdel %d: %T is not a surface", i+1, g)
		}
		for _, p := range polys {
			if p.Layout().ZIndex() >= 0 {
				withZ = append(withZ, p)
			}
			flat = append(flat, p)
		}
	}
	switch {
	case len(flat) == 0:
	case len(withZ) == len(flat):
		r.geom = multi(withZ, geom.XYZ, c.compound)
	default:
		r.geom = multi(flat, geom.XY, c.srid)
		if len(withZ) > 0 {
			r.geomZ = multi(withZ, geom.XYZ, c.compound)
		}
	}
	return nil
}

// multi joins polygons into a MultiPolygon of the given layout; polygons
// with more dimensions are projected onto it (a 3D part's plan outline in a
// 2D footprint), never extended.
func multi(polys []*geom.Polygon, layout geom.Layout, srid int) *geom.MultiPolygon {
	mp := geom.NewMultiPolygon(layout).SetSRID(srid)
	for _, p := range polys {
		if p.Layout() != layout {
			p = to2D(p)
		}
		_ = mp.Push(p)
	}
	return mp
}

func to2D(p *geom.Polygon) *geom.Polygon {
	stride := p.Stride()
	flat := p.FlatCoords()
	out := make([]float64, 0, len(flat)/stride*2)
	for i := 0; i < len(flat); i += stride {
		out = append(out, flat[i], flat[i+1])
	}
	ends := make([]int, len(p.Ends()))
	for i, e := range p.Ends() {
		ends[i] = e / stride * 2
	}
	return geom.NewPolygonFlat(geom.XY, out, ends)
}
