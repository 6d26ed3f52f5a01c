// Package objects is the update-service plumbing that the seven BAL object
// types share: Get, Search, the lists of entrances and apartments, Create,
// Update, Retire, the conflict-resolving Modify, and transaction members.
// A typed service (building.BuildingService, address.PointService …) holds a
// *Service over its model type, its wire struct and a Codec mapping between
// the two, and each of its methods is one line.
package objects

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// Codec ties a model type T (building.Building, address.Point …) to its wire
// struct W (*update1.Byggnad, *update1.Adressplats …).
type Codec[T any, W update1.Objekt] struct {
	// Type is the wire object type; it gives the path segment too.
	Type update1.Objekttyp
	// Service names the typed service in operation names and errors, e.g.
	// "building.Buildings".
	Service string
	// New returns an empty wire object.
	New func() W
	// Encode maps a model object to the wire for a write, leaving out what
	// the server sets (versionGiltigFran/Till, the recorded action,
	// read-only attributes).
	Encode func(*T) W
	// Decode maps a wire object from the server to the model.
	Decode func(W) (*T, error)
	// Meta returns the object's Meta.
	Meta func(*T) *bal.Meta
	// Validate is the model's Validate.
	Validate func(*T) error
	// ValidateAction is the model's ValidateAction.
	ValidateAction func(*T, bal.Action) error
	// Reproject transforms the object's geometries to srid in place; nil for
	// types without geometry.
	Reproject func(*T, int) error
	// Geometries describes how the object's geometries were determined, for
	// the client's Recorder; nil for types without geometry metadata.
	Geometries func(*T) []bal.WriteGeometry
}

// Service runs the update-service operations for one object type.
type Service[T any, W update1.Objekt] struct {
	t *transport.Transport
	c *Codec[T, W]
}

// NewService returns a Service over t.
func NewService[T any, W update1.Objekt](t *transport.Transport, c *Codec[T, W]) *Service[T, W] {
	return &Service[T, W]{t: t, c: c}
}

// Type returns the object type as bal names it.
func (s *Service[T, W]) Type() bal.ObjectType { return bal.ObjectType(s.c.Type) }

func (s *Service[T, W]) op(verb string) string { return s.c.Service + "." + verb }

func (s *Service[T, W]) segment() string { return s.c.Type.Segment() }

// Get reads one object (GET /{typ}/{id}), the current version or the one
// opts names, reprojected when opts asks.
func (s *Service[T, W]) Get(ctx context.Context, id bal.ObjectID, opts *bal.GetOptions) (*T, error) {
	op := s.op("Get")
	v := check.New(op)
	if id.IsZero() {
		v.Add("id", bal.RuleRequired, "objektidentitet is required")
	}
	q := url.Values{}
	srid := 0
	if opts != nil {
		if opts.Version < 0 {
			v.Add("Version", bal.RuleRange, "objektversion must not be negative")
		}
		if opts.Version > 0 {
			q.Set("objektversion", strconv.FormatInt(int64(opts.Version), 10))
		}
		srid = opts.SRID
		if srid != 0 && s.c.Reproject == nil {
			srid = 0 // nothing to reproject
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	w := s.c.New()
	res, err := s.t.Do(ctx, &transport.Op{
		Name: op, Method: http.MethodGet, Base: s.t.UpdateBase(),
		Path: transport.Path(s.segment(), id.String()), Query: q, Out: w,
	})
	if err != nil {
		return nil, err
	}
	obj, err := s.decode(op, res, w)
	if err != nil {
		return nil, err
	}
	if got := s.c.Meta(obj).ID; got != id {
		return nil, transport.Invalid(op, res, fmt.Errorf("asked for %s, got %s", id, got))
	}
	if srid != 0 {
		if err := s.c.Reproject(obj, srid); err != nil {
			return nil, fmt.Errorf("bal: %s: reproject to %d: %w", op, srid, err)
		}
	}
	return obj, nil
}

// decode maps an answer's wire object to the model; a malformed one is
// ErrInvalidResponse.
func (s *Service[T, W]) decode(op string, res *bal.Response, w W) (*T, error) {
	obj, err := s.c.Decode(w)
	if err != nil {
		return nil, transport.Invalid(op, res, err)
	}
	return obj, nil
}

// Search finds objects (POST /{typ}/sok), following the pages lazily.
func (s *Service[T, W]) Search(ctx context.Context, q bal.Query, opts *bal.SearchOptions) iter.Seq2[bal.Hit, error] {
	op := s.op("Search")
	v := check.New(op)
	v.Merge("", bal.RuleFormat, q.Validate())
	if opts != nil && (opts.PageSize < 0 || opts.PageSize > bal.MaxPageSize) {
		v.Addf("PageSize", bal.RuleRange, "page size %d: want 0–%d", opts.PageSize, bal.MaxPageSize)
	}
	if err := v.Err(); err != nil {
		return func(yield func(bal.Hit, error) bool) { yield(bal.Hit{}, err) }
	}
	cond := sokvillkor(q, opts)
	return paginate(ctx, func(ctx context.Context, token string) ([]bal.Hit, string, error) {
		page := cond
		page.Fortsattning = token
		var out update1.Sokresultat
		res, err := s.t.Do(ctx, &transport.Op{
			Name: op, Method: http.MethodPost, Base: s.t.UpdateBase(),
			Path: transport.Path(s.segment(), "sok"), Body: &page, Out: &out, SafeToRetry: true,
		})
		if err != nil {
			return nil, "", err
		}
		hits := make([]bal.Hit, 0, len(out.Traff))
		for _, t := range out.Traff {
			id, err := bal.ParseObjectID(t.Objektidentitet)
			if err != nil {
				return nil, "", transport.Invalid(op, res, fmt.Errorf("träff: %w", err))
			}
			hits = append(hits, bal.Hit{Object: bal.ObjectRef{Type: s.Type(), ID: id}, Version: bal.Version(t.Objektversion), Label: t.Etikett})
		}
		return hits, out.Fortsattning, nil
	})
}

// sokvillkor maps a query to the binding's search conditions.
func sokvillkor(q bal.Query, opts *bal.SearchOptions) update1.Sokvillkor {
	c := update1.Sokvillkor{
		Kommunkod:      string(q.Municipality),
		Namn:           q.Name,
		ForandradEfter: update1.NewTidpunkt(q.ChangedAfter),
	}
	if !q.Property.IsZero() {
		c.Registerenhet = q.Property.String()
	}
	for _, st := range q.Statuses {
		c.Objektstatus = append(c.Objektstatus, string(st))
	}
	if q.Box != nil {
		c.Envelope = (*update1.Omrade)(q.Box)
	}
	if q.Area != nil {
		c.Geometri = update1.Geometri{Geometry: q.Area}
	}
	if opts != nil {
		c.Max = opts.PageSize
	}
	return c
}

// Children reads the objects of s's type that belong to a parent object
// (GET /{parent}/{id}/{typ}): a building's entrances, an entrance's
// apartments. items picks the objects out of the list document L.
func Children[T any, W update1.Objekt, L any](ctx context.Context, s *Service[T, W], verb string, parent update1.Objekttyp, parentID bal.ObjectID, items func(*L) []W) ([]*T, error) {
	op := s.op(verb)
	if parentID.IsZero() {
		v := check.New(op)
		v.Add("id", bal.RuleRequired, "the "+string(parent)+"'s objektidentitet is required")
		return nil, v.Err()
	}
	var list L
	res, err := s.t.Do(ctx, &transport.Op{
		Name: op, Method: http.MethodGet, Base: s.t.UpdateBase(),
		Path: transport.Path(parent.Segment(), parentID.String(), s.segment()), Out: &list,
	})
	if err != nil {
		return nil, err
	}
	ws := items(&list)
	out := make([]*T, 0, len(ws))
	for _, w := range ws {
		obj, err := s.decode(op, res, w)
		if err != nil {
			return nil, err
		}
		out = append(out, obj)
	}
	return out, nil
}
