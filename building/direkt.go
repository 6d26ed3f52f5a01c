package building

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/batch"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/readsvc"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/byggnad3"
)

// DirektBase is Byggnad Direkt v3's base path.
const DirektBase = "/distribution/produkter/byggnad/v3"

// DirektScope is the OAuth2 scope Byggnad Direkt v3 needs (INFERRED from a
// client's configuration).
const DirektScope = "byggnad_direkt_v3_read"

// Include is an includeData subset of Byggnad Direkt v3: which parts of a
// building the answer holds.
type Include string

// The includeData subsets (values INFERRED from the documented subsets
// Basinformation, Berörkrets and Geometri and the verified "total").
const (
	// IncludeBase is "basinformation": attributes, purposes, names,
	// remarks.
	IncludeBase Include = "basinformation"
	// IncludeRelations is "berorkrets": the properties the building lies on
	// or is affected by.
	IncludeRelations Include = "berorkrets"
	// IncludeGeometry is "geometri": the parts with their surfaces.
	IncludeGeometry Include = "geometri"
	// IncludeTotal is "total": everything. It cannot be combined with the
	// others.
	IncludeTotal Include = "total"
)

var includes = []string{string(IncludeBase), string(IncludeRelations), string(IncludeGeometry), string(IncludeTotal)}

// DirektOptions tunes reads from Byggnad Direkt v3. A nil *DirektOptions
// reads everything (total) in SWEREF 99 TM as XML.
type DirektOptions struct {
	// Include selects the includeData subsets; nil asks for everything
	// (total). An empty, non-nil list sends no includeData, for which the
	// service answers the identity alone.
	Include []Include
	// SRID is the output CRS (srid): 3006 or a SWEREF 99 local zone
	// 3007–3018; 0 leaves the service's default, SWEREF 99 TM.
	SRID int
	// Format is the answer format; XML unless set.
	Format bal.Format
	// Parallelism bounds how many batch requests GetMany has in flight;
	// 0 means 4.
	Parallelism int
}

// DirektService reads buildings from Byggnad Direkt v3 (byggnad Direkt),
// Lantmäteriet's documented read service for buildings. Its methods are
// safe for concurrent use.
type DirektService struct {
	t *transport.Transport
}

// query checks opts and returns the query every read sends.
func (o *DirektOptions) query(object string) (url.Values, error) {
	v := check.New(object)
	var inc []string
	if o.Include != nil {
		inc = make([]string, 0, len(o.Include))
		for _, i := range o.Include {
			inc = append(inc, string(i))
		}
	}
	q := readsvc.Query(v, inc, includes, o.SRID)
	return q, v.Err()
}

func (o *DirektOptions) orDefault() *DirektOptions {
	if o == nil {
		return &DirektOptions{}
	}
	return o
}

// Get reads one building by its objektidentitet (GET /{id}).
func (s *DirektService) Get(ctx context.Context, id bal.ObjectID, opts *DirektOptions) (*Building, error) {
	const op = "building.Direkt.Get"
	opts = opts.orDefault()
	q, err := opts.query("building.DirektOptions")
	if err != nil {
		return nil, err
	}
	got, err := s.fetch(ctx, op, &transport.Op{Method: http.MethodGet, Path: transport.Path(id.String()), Query: q}, opts)
	if err != nil {
		return nil, err
	}
	b, ok := got[id]
	if !ok {
		return nil, readsvc.NotFound(op, id)
	}
	return b, nil
}

// GetMany reads buildings by objektidentitet (POST / with a JSON list of
// ids), at most 250 per request, with up to Parallelism requests in flight.
// It yields exactly one result per id, in the order of ids: the building,
// an error matching bal.ErrNotFound when the answer left it out, or the
// error of the request its batch was in, so a failing batch does not lose
// the others. Breaking out of the loop cancels what is in flight.
func (s *DirektService) GetMany(ctx context.Context, ids []bal.ObjectID, opts *DirektOptions) iter.Seq2[*Building, error] {
	const op = "building.Direkt.GetMany"
	opts = opts.orDefault()
	q, err := opts.query("building.DirektOptions")
	fetch := func(ctx context.Context, ids []bal.ObjectID) (map[bal.ObjectID]*Building, error) {
		if err != nil {
			return nil, err
		}
		body := make([]string, len(ids))
		for i, id := range ids {
			body[i] = id.String()
		}
		return s.fetch(ctx, op, &transport.Op{Method: http.MethodPost, Path: "/", Query: q,
			Body: body, BodyFormat: bal.FormatJSON, SafeToRetry: true}, opts)
	}
	return batch.Seq(ctx, ids, readsvc.BatchSize, cmp.Or(opts.Parallelism, readsvc.DefaultParallelism), fetch,
		func(id bal.ObjectID) error { return readsvc.NotFound(op, id) })
}

// fetch runs one read and maps its answer, keyed by objektidentitet.
func (s *DirektService) fetch(ctx context.Context, name string, op *transport.Op, opts *DirektOptions) (map[bal.ObjectID]*Building, error) {
	op.Name, op.Base, op.Accept = name, DirektBase, opts.Format
	var ws []byggnad3.Byggnad
	var res *transport.Result
	var err error
	if opts.Format == bal.FormatJSON {
		var fc byggnad3.FeatureCollection
		op.Out = &fc
		if res, err = s.t.Do(ctx, op); err != nil {
			return nil, err
		}
		ws = fc.Byggnader()
	} else {
		var r byggnad3.ByggnadResponse
		op.Out = &r
		if res, err = s.t.Do(ctx, op); err != nil {
			return nil, err
		}
		for _, m := range r.Members {
			ws = append(ws, m.Byggnad)
		}
	}
	out := make(map[bal.ObjectID]*Building, len(ws))
	for i := range ws {
		b, err := fromDirekt(&ws[i], opts.SRID)
		if err != nil {
			return nil, transport.Invalid(name, res, fmt.Errorf("building %q: %w", ws[i].Objektidentitet, err))
		}
		out[b.ID] = b
	}
	return out, nil
}

// ByProperty returns the objektidentiteter of the buildings that lie on or
// are affected by a registerenhet (or a gemensamhetsanläggning), by its id
// (GET /referens/beror/{id}). Read the buildings with GetMany; turn a
// designation into an id with package property.
func (s *DirektService) ByProperty(ctx context.Context, registerenhetID bal.ObjectID) ([]bal.ObjectID, error) {
	const op = "building.Direkt.ByProperty"
	var refs []byggnad3.Referens
	// The reference answers are read as JSON whatever Format says: their
	// JSON shape is the one a client shows, the XML one is not public.
	res, err := s.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodGet, Base: DirektBase,
		Path: transport.Path("referens", "beror", registerenhetID.String()), Accept: bal.FormatJSON, Out: &refs})
	if err != nil {
		return nil, err
	}
	return refIDs(op, res, refs)
}

// ByGeometry returns the objektidentiteter of the buildings that a point,
// line or polygon, grown by buffer metres, hits or contains (POST
// /referens/geometri). The geometry must be in SWEREF 99 TM or a local
// zone, or in another CRS package geometry knows (it is then transformed
// to SWEREF 99 TM). The service's limits are checked first: a polygon of
// at most 1 000 000 m² and 200 000 m perimeter, a line of at most
// 200 000 m; beyond them the call returns a *bal.ValidationError without
// sending anything.
func (s *DirektService) ByGeometry(ctx context.Context, g geom.T, buffer float64) ([]bal.ObjectID, error) {
	const op = "building.Direkt.ByGeometry"
	v := check.New(op)
	g = readsvc.SearchGeometry(v, g, buffer)
	if err := v.Err(); err != nil {
		return nil, err
	}
	var refs []byggnad3.Referens
	res, err := s.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodPost, Base: DirektBase,
		Path: transport.Path("referens", "geometri"), Body: byggnad3.GeometriRequest{Geometri: direkt.NewGeometry(g), Buffer: buffer},
		BodyFormat: bal.FormatJSON, Accept: bal.FormatJSON, Out: &refs, SafeToRetry: true})
	if err != nil {
		return nil, err
	}
	return refIDs(op, res, refs)
}

// refIDs parses the ids of a reference answer, dropping repeats.
func refIDs(op string, res *transport.Result, refs []byggnad3.Referens) ([]bal.ObjectID, error) {
	out := make([]bal.ObjectID, 0, len(refs))
	seen := make(map[bal.ObjectID]bool, len(refs))
	for _, r := range refs {
		id, err := bal.ParseObjectID(r.Objektidentitet)
		if err != nil {
			return nil, transport.Invalid(op, res, err)
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, nil
}
