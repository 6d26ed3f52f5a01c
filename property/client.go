package property

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/batch"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/readsvc"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	rb "github.com/tjanstebaserad/bal-go/internal/wire/direkt/registerbeteckning5"
)

// DirektBase is Registerbeteckning Direkt v5's base path.
const DirektBase = "/distribution/produkter/registerbeteckning/v5"

// DirektScope is the OAuth2 scope Registerbeteckning Direkt v5 needs
// (INFERRED from clients' configuration).
const DirektScope = "registerbeteckning_direkt_v5_read"

// Client reads Registerbeteckning Direkt v5. Its methods are safe for
// concurrent use.
type Client struct {
	t *transport.Transport
}

// New returns a Client that calls through c.
func New(c *bal.Client) *Client { return &Client{t: transport.New(c)} }

// Options tunes a read. A nil *Options reads XML.
type Options struct {
	// Format is the answer format; XML unless set.
	Format bal.Format
	// Parallelism bounds how many requests GetMany has in flight; 0 means
	// 4.
	Parallelism int
}

func (o *Options) orDefault() *Options {
	if o == nil {
		return &Options{}
	}
	return o
}

// SearchOptions tunes a free-text search. A nil *SearchOptions searches
// the whole country, every status, with the service's default number of
// hits.
type SearchOptions struct {
	// Municipality restricts the hits to one kommun (kommunkod). Set it or
	// County, not both.
	Municipality bal.MunicipalityCode
	// County restricts the hits to one län (länskod, two digits).
	County string
	// Statuses restricts the hits to these beteckningsstatusar (v5 takes a
	// list; sent comma-separated, INFERRED).
	Statuses []DesignationStatus
	// ObjectStatus restricts the hits by the unit's objektstatus, "levande"
	// or "avregistrerad".
	ObjectStatus string
	// MaxHits bounds the number of hits (maxHits); 0 leaves the service's
	// default.
	MaxHits int
}

// Lookup finds the unit a designation names, e.g. "Gävle Varva 2:3" (GET
// /namn). When the answer holds several units, the one with that
// designation is chosen; no unit is an error matching bal.ErrNotFound.
func (c *Client) Lookup(ctx context.Context, designation string, opts *Options) (*Unit, error) {
	const op = "property.Lookup"
	designation = strings.Join(strings.Fields(designation), " ")
	if designation == "" {
		v := check.New(op)
		v.Add("designation", bal.RuleRequired, "a designation such as \"Gävle Varva 2:3\" is required")
		return nil, v.Err()
	}
	us, err := c.read(ctx, &transport.Op{Name: op, Method: http.MethodGet, Path: transport.Path("namn"),
		Query: url.Values{"namn": {designation}}}, opts)
	if err != nil {
		return nil, err
	}
	for _, u := range us {
		if u.Has(designation) {
			return u, nil
		}
	}
	if len(us) > 0 {
		return us[0], nil
	}
	return nil, fmt.Errorf("bal: %s: %q: %w", op, designation, bal.ErrNotFound)
}

// Get reads the designations of a registerenhet or gemensamhetsanläggning
// by its objektidentitet, the id BAL objects carry (GET /tillhor/{id}; GET
// /{id} takes a registerbeteckning's own id instead).
func (c *Client) Get(ctx context.Context, id bal.ObjectID, opts *Options) (*Unit, error) {
	const op = "property.Get"
	us, err := c.read(ctx, &transport.Op{Name: op, Method: http.MethodGet, Path: transport.Path("tillhor", id.String())}, opts)
	if err != nil {
		return nil, err
	}
	for _, u := range us {
		if u.ID == id {
			return u, nil
		}
	}
	return nil, readsvc.NotFound(op, id)
}

// GetMany is Get for many ids, with up to Parallelism requests in flight.
// The service's POST / takes registerbeteckning ids, not the registerenhet
// ids BAL objects carry, so each id is one GET /tillhor/{id}. It yields
// exactly one result per id, in the order of ids.
func (c *Client) GetMany(ctx context.Context, ids []bal.ObjectID, opts *Options) iter.Seq2[*Unit, error] {
	fetch := func(ctx context.Context, ids []bal.ObjectID) (map[bal.ObjectID]*Unit, error) {
		u, err := c.Get(ctx, ids[0], opts)
		if err != nil {
			return nil, err
		}
		return map[bal.ObjectID]*Unit{ids[0]: u}, nil
	}
	return batch.Seq(ctx, ids, 1, cmp.Or(opts.orDefault().Parallelism, readsvc.DefaultParallelism), fetch,
		func(id bal.ObjectID) error { return readsvc.NotFound("property.GetMany", id) })
}

// At reads the units at a point (GET /punkt with koordinater=N,E, northing
// first, and punktSrid). p must be in SWEREF 99 TM or a local zone, or in
// another CRS package geometry knows (it is then transformed to SWEREF 99
// TM).
func (c *Client) At(ctx context.Context, p *geom.Point, opts *Options) ([]*Unit, error) {
	const op = "property.At"
	q, err := readsvc.PointQuery(op, p)
	if err != nil {
		return nil, err
	}
	return c.read(ctx, &transport.Op{Name: op, Method: http.MethodGet, Path: transport.Path("punkt"), Query: q}, opts)
}

// Search finds designations by free text (GET /referens/fritext), e.g.
// "Gävle Varva". The text must have at least 3 characters. The answer is
// not paged; the sequence yields its hits, or one error.
func (c *Client) Search(ctx context.Context, text string, opts *SearchOptions) iter.Seq2[Reference, error] {
	const op = "property.Search"
	return func(yield func(Reference, error) bool) {
		if opts == nil {
			opts = &SearchOptions{}
		}
		text = strings.Join(strings.Fields(text), " ")
		v := check.New(op)
		if n := utf8.RuneCountInString(text); n < 3 {
			v.Addf("text", bal.RuleLength, "free text needs at least 3 characters, got %d", n)
		}
		q := url.Values{"beteckning": {text}}
		switch {
		case opts.Municipality != "" && opts.County != "":
			v.Add("County", bal.RuleFormat, "set Municipality or County, not both")
		case opts.Municipality != "":
			if err := opts.Municipality.Validate(); err != nil {
				v.Add("Municipality", bal.RuleFormat, strings.TrimPrefix(err.Error(), "bal: "))
			}
			q.Set("kommunkod", string(opts.Municipality))
		case opts.County != "":
			if bal.MunicipalityCode(opts.County+"00").CountyName() == "" || len(opts.County) != 2 {
				v.Addf("County", bal.RuleFormat, "länskod %q: want a county code in use, e.g. \"21\"", opts.County)
			}
			q.Set("lankod", opts.County)
		}
		if len(opts.Statuses) > 0 {
			ss := make([]string, len(opts.Statuses))
			for i, s := range opts.Statuses {
				ss[i] = string(s)
			}
			q.Set("status", strings.Join(ss, ","))
		}
		if opts.ObjectStatus != "" {
			q.Set("objektstatus", opts.ObjectStatus)
		}
		if opts.MaxHits < 0 {
			v.Add("MaxHits", bal.RuleRange, "maxHits must not be negative")
		} else if opts.MaxHits > 0 {
			q.Set("maxHits", strconv.Itoa(opts.MaxHits))
		}
		if err := v.Err(); err != nil {
			yield(Reference{}, err)
			return
		}
		// References are read as JSON: their JSON shape is the one clients
		// show, an XML one is not public.
		var ws []rb.Referens
		res, err := c.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodGet, Base: DirektBase,
			Path: transport.Path("referens", "fritext"), Query: q, Accept: bal.FormatJSON, Out: &ws})
		if err != nil {
			yield(Reference{}, err)
			return
		}
		for _, w := range ws {
			r, err := referenceFromDirekt(w)
			if err != nil {
				yield(Reference{}, transport.Invalid(op, res, err))
				return
			}
			if !yield(r, nil) {
				return
			}
		}
	}
}

// read runs one read that answers units.
func (c *Client) read(ctx context.Context, op *transport.Op, opts *Options) ([]*Unit, error) {
	opts = opts.orDefault()
	op.Base, op.Accept = DirektBase, opts.Format
	var ws []rb.Beteckning
	var res *transport.Result
	var err error
	if opts.Format == bal.FormatJSON {
		var fc rb.FeatureCollection
		op.Out = &fc
		if res, err = c.t.Do(ctx, op); err != nil {
			return nil, err
		}
		ws = fc.Beteckningar()
	} else {
		var r rb.RegisterbeteckningResponse
		op.Out = &r
		if res, err = c.t.Do(ctx, op); err != nil {
			return nil, err
		}
		for _, m := range r.Members {
			ws = append(ws, m.Beteckning)
		}
	}
	out := make([]*Unit, 0, len(ws))
	for i := range ws {
		u, err := fromDirekt(&ws[i])
		if err != nil {
			return nil, transport.Invalid(op.Name, res, err)
		}
		out = append(out, u)
	}
	return out, nil
}
