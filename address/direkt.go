package address

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/batch"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/readsvc"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/adress42"
)

// DirektBase is Belägenhetsadress Direkt v4.2's base path.
const DirektBase = "/distribution/produkter/belagenhetsadress/v4.2"

// DirektScope is the OAuth2 scope Belägenhetsadress Direkt v4.2 needs
// (INFERRED from two clients' configuration).
const DirektScope = "belagenhetsadress_direkt_v42_read"

// Include is an includeData subset of Belägenhetsadress Direkt v4.2.
type Include string

// The includeData subsets (INFERRED from a client; consistent with the
// information subsets Basinformation and Berörkrets).
const (
	// IncludeBase is "basinformation": the point with its designation,
	// position, statuses, area, district and municipality.
	IncludeBase Include = "basinformation"
	// IncludeRelations is "berorkrets": the property the point lies
	// within.
	IncludeRelations Include = "berorkrets"
	// IncludeTotal is "total": everything. It cannot be combined with the
	// others.
	IncludeTotal Include = "total"
)

var includes = []string{string(IncludeBase), string(IncludeRelations), string(IncludeTotal)}

// DirektOptions tunes reads from Belägenhetsadress Direkt v4.2. A nil
// *DirektOptions reads everything (total) in SWEREF 99 TM as XML.
type DirektOptions struct {
	// Include selects the includeData subsets; nil asks for everything
	// (total). An empty, non-nil list sends no includeData.
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

func (o *DirektOptions) orDefault() *DirektOptions {
	if o == nil {
		return &DirektOptions{}
	}
	return o
}

func (o *DirektOptions) query(v *check.Problems) url.Values {
	var inc []string
	if o.Include != nil {
		inc = make([]string, 0, len(o.Include))
		for _, i := range o.Include {
			inc = append(inc, string(i))
		}
	}
	return readsvc.Query(v, inc, includes, o.SRID)
}

// SearchOptions tunes a free-text search. A nil *SearchOptions searches
// every municipality and status, with the service's default number of
// hits.
type SearchOptions struct {
	// Municipality restricts the hits to one kommun (kommunkod).
	Municipality bal.MunicipalityCode
	// Status restricts the hits to one status för belägenhetsadress
	// (Gällande or Reserverad).
	Status Status
	// MaxHits bounds the number of hits (maxHits); 0 leaves the service's
	// default.
	MaxHits int
	// SplitAddress asks for each hit's parts (splitAdress=true), in
	// Reference.Parts.
	SplitAddress bool
}

// GeometryOptions tunes a search by geometry. A nil *GeometryOptions finds
// addresses of every status without their parts.
type GeometryOptions struct {
	// Status restricts the hits to one status för belägenhetsadress.
	Status Status
	// SplitAddress asks for each hit's parts, in Reference.Parts.
	SplitAddress bool
}

// Reference is a hit of a free-text or geometry search: an address point
// and its address as text. Read the point itself with Get or GetMany.
type Reference struct {
	// ID is the adressplats's objektidentitet.
	ID bal.ObjectID
	// Label is the adress, e.g. "Segelbåtsvägen 7A, 112 64 Stockholm".
	Label string
	// Parts are the adressComponents, with SearchOptions.SplitAddress;
	// nil otherwise.
	Parts *ReferenceParts
}

// ReferenceParts are the parts of a referenced address (adressComponents).
type ReferenceParts struct {
	// Municipality is the kommun's name.
	Municipality string
	// District is the kommundel's name.
	District string
	// Area is the adressområde's fastställt namn.
	Area string
	// CourtyardArea is the gårdsadressområde's fastställt namn, if any.
	CourtyardArea string
	// Designation is the adressplatsbeteckning.
	Designation Designation
	// PostalCode is the postnummer.
	PostalCode string
	// PostTown is the postort.
	PostTown string
}

// DirektService reads addresses from Belägenhetsadress Direkt v4.2,
// Lantmäteriet's documented read service for address points. Its methods
// are safe for concurrent use.
type DirektService struct {
	t *transport.Transport
}

// Get reads one address point by its objektidentitet (GET /{id}).
func (s *DirektService) Get(ctx context.Context, id bal.ObjectID, opts *DirektOptions) (*Point, error) {
	const op = "address.Direkt.Get"
	ps, err := s.read(ctx, op, &transport.Op{Method: http.MethodGet, Path: transport.Path(id.String())}, opts)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if p.ID == id {
			return p, nil
		}
	}
	return nil, readsvc.NotFound(op, id)
}

// GetMany reads address points by objektidentitet (POST / with a JSON list
// of ids), at most 250 per request, with up to Parallelism requests in
// flight. It yields exactly one result per id, in the order of ids: the
// point, an error matching bal.ErrNotFound when the answer left it out, or
// the error of the request its batch was in. Breaking out of the loop
// cancels what is in flight.
func (s *DirektService) GetMany(ctx context.Context, ids []bal.ObjectID, opts *DirektOptions) iter.Seq2[*Point, error] {
	const op = "address.Direkt.GetMany"
	fetch := func(ctx context.Context, ids []bal.ObjectID) (map[bal.ObjectID]*Point, error) {
		ps, err := s.read(ctx, op, &transport.Op{Method: http.MethodPost, Path: "/", Body: idStrings(ids),
			BodyFormat: bal.FormatJSON, SafeToRetry: true}, opts)
		if err != nil {
			return nil, err
		}
		out := make(map[bal.ObjectID]*Point, len(ps))
		for _, p := range ps {
			out[p.ID] = p
		}
		return out, nil
	}
	return batch.Seq(ctx, ids, readsvc.BatchSize, cmp.Or(opts.orDefault().Parallelism, readsvc.DefaultParallelism), fetch,
		func(id bal.ObjectID) error { return readsvc.NotFound(op, id) })
}

// ByProperty reads the address points that lie within a registerenhet, by
// its id (GET /registerenhet/{id}). Turn a designation such as "Gävle
// Varva 2:3" into the id with package property.
func (s *DirektService) ByProperty(ctx context.Context, registerenhetID bal.ObjectID, opts *DirektOptions) ([]*Point, error) {
	return s.read(ctx, "address.Direkt.ByProperty", &transport.Op{Method: http.MethodGet,
		Path: transport.Path("registerenhet", registerenhetID.String())}, opts)
}

// ByProperties reads the address points that lie within any of the
// registerenheter (POST /registerenhet), 250 ids per request, one request
// after the other as the loop asks for more. It stops after the first
// error.
func (s *DirektService) ByProperties(ctx context.Context, registerenhetIDs []bal.ObjectID, opts *DirektOptions) iter.Seq2[*Point, error] {
	return func(yield func(*Point, error) bool) {
		for chunk := range slices.Chunk(registerenhetIDs, readsvc.BatchSize) {
			ps, err := s.read(ctx, "address.Direkt.ByProperties", &transport.Op{Method: http.MethodPost,
				Path: transport.Path("registerenhet"), Body: idStrings(chunk), BodyFormat: bal.FormatJSON, SafeToRetry: true}, opts)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, p := range ps {
				if !yield(p, nil) {
					return
				}
			}
		}
	}
}

// Nearest reads the address point nearest to p (GET /punkt with
// koordinater=N,E, northing first, and punktSrid). p must be in SWEREF 99
// TM or a local zone, or in another CRS package geometry knows (it is then
// transformed to SWEREF 99 TM).
func (s *DirektService) Nearest(ctx context.Context, p *geom.Point, opts *DirektOptions) (*Point, error) {
	const op = "address.Direkt.Nearest"
	q, err := readsvc.PointQuery(op, p)
	if err != nil {
		return nil, err
	}
	ps, err := s.read(ctx, op, &transport.Op{Method: http.MethodGet, Path: transport.Path("punkt"), Query: q}, opts)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, fmt.Errorf("bal: %s: no address near %v: %w", op, p.Coords(), bal.ErrNotFound)
	}
	return ps[0], nil
}

// read runs one read that answers address points, with opts' includeData,
// srid and format.
func (s *DirektService) read(ctx context.Context, name string, op *transport.Op, opts *DirektOptions) ([]*Point, error) {
	opts = opts.orDefault()
	v := check.New("address.DirektOptions")
	q := opts.query(v)
	if err := v.Err(); err != nil {
		return nil, err
	}
	for k, vs := range op.Query {
		q[k] = vs
	}
	op.Name, op.Base, op.Query, op.Accept = name, DirektBase, q, opts.Format
	var ws []adress42.Belagenhetsadress
	var res *transport.Result
	var err error
	if opts.Format == bal.FormatJSON {
		var fc adress42.FeatureCollection
		op.Out = &fc
		if res, err = s.t.Do(ctx, op); err != nil {
			return nil, err
		}
		ws = fc.Adresser()
	} else {
		var r adress42.BelagenhetsadressResponse
		op.Out = &r
		if res, err = s.t.Do(ctx, op); err != nil {
			return nil, err
		}
		for _, m := range r.Members {
			ws = append(ws, m.Belagenhetsadress)
		}
	}
	out := make([]*Point, 0, len(ws))
	for i := range ws {
		p, err := fromDirekt(&ws[i], opts.SRID)
		if err != nil {
			return nil, transport.Invalid(name, res, fmt.Errorf("address %q: %w", ws[i].Objektidentitet, err))
		}
		out = append(out, p)
	}
	return out, nil
}

// Search finds addresses by free text (GET /referens/fritext), e.g.
// "Segelbåtsvägen 7". The text must have at least 3 characters. The
// answer is not paged; the sequence yields its hits, or one error.
func (s *DirektService) Search(ctx context.Context, text string, opts *SearchOptions) iter.Seq2[Reference, error] {
	const op = "address.Direkt.Search"
	return func(yield func(Reference, error) bool) {
		if opts == nil {
			opts = &SearchOptions{}
		}
		v := check.New(op)
		if n := utf8.RuneCountInString(strings.TrimSpace(text)); n < 3 {
			v.Addf("text", bal.RuleLength, "free text needs at least 3 characters, got %d", n)
		}
		q := url.Values{"adress": {strings.TrimSpace(text)}}
		if opts.Municipality != "" {
			if err := opts.Municipality.Validate(); err != nil {
				v.Add("Municipality", bal.RuleFormat, strings.TrimPrefix(err.Error(), "bal: "))
			}
			q.Set("kommunkod", string(opts.Municipality))
		}
		if opts.Status != "" {
			q.Set("status", string(opts.Status))
		}
		if opts.MaxHits < 0 {
			v.Add("MaxHits", bal.RuleRange, "maxHits must not be negative")
		} else if opts.MaxHits > 0 {
			q.Set("maxHits", strconv.Itoa(opts.MaxHits))
		}
		q.Set("splitAdress", strconv.FormatBool(opts.SplitAddress))
		if err := v.Err(); err != nil {
			yield(Reference{}, err)
			return
		}
		refs, err := s.references(ctx, &transport.Op{Name: op, Method: http.MethodGet, Path: transport.Path("referens", "fritext"), Query: q})
		if err != nil {
			yield(Reference{}, err)
			return
		}
		for _, r := range refs {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// ByGeometry finds the addresses that a point, line or polygon, grown by
// buffer metres, hits or contains (POST /referens/geometri). The geometry
// must be in SWEREF 99 TM or a local zone, or in another CRS package
// geometry knows (it is then transformed to SWEREF 99 TM); the limits of
// Byggnad Direkt's geometry search (1 000 000 m², 200 000 m) are applied
// here too, before anything is sent.
func (s *DirektService) ByGeometry(ctx context.Context, g geom.T, buffer float64, opts *GeometryOptions) ([]Reference, error) {
	const op = "address.Direkt.ByGeometry"
	if opts == nil {
		opts = &GeometryOptions{}
	}
	v := check.New(op)
	g = readsvc.SearchGeometry(v, g, buffer)
	if err := v.Err(); err != nil {
		return nil, err
	}
	q := url.Values{"splitAdress": {strconv.FormatBool(opts.SplitAddress)}}
	if opts.Status != "" {
		q.Set("status", string(opts.Status))
	}
	return s.references(ctx, &transport.Op{Name: op, Method: http.MethodPost, Path: transport.Path("referens", "geometri"), Query: q,
		Body: adress42.GeometriRequest{Geometri: direkt.NewGeometry(g), Buffer: buffer}, BodyFormat: bal.FormatJSON, SafeToRetry: true})
}

// references runs a search that answers references. They are read as JSON
// whatever the format: their JSON shape is the one clients show, an XML
// one is not public.
func (s *DirektService) references(ctx context.Context, op *transport.Op) ([]Reference, error) {
	var ws []adress42.Referens
	op.Base, op.Accept, op.Out = DirektBase, bal.FormatJSON, &ws
	res, err := s.t.Do(ctx, op)
	if err != nil {
		return nil, err
	}
	out := make([]Reference, 0, len(ws))
	for _, w := range ws {
		r, err := referenceFromDirekt(w)
		if err != nil {
			return nil, transport.Invalid(op.Name, res, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func idStrings(ids []bal.ObjectID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.String()
	}
	return out
}
