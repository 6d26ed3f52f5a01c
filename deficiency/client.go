package deficiency

import (
	"context"
	"iter"
	"net/url"
	"strings"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/objects"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// Client reaches Lantmäteriet's deficiency (brist) service. It is cheap to
// make and safe for concurrent use.
type Client struct {
	r *objects.Records[Deficiency, update1.Brist, *update1.Brist, update1.Bristlista, *update1.Bristlista]
}

// New returns a Client that calls through c.
func New(c *bal.Client) *Client {
	return &Client{r: &objects.Records[Deficiency, update1.Brist, *update1.Brist, update1.Bristlista, *update1.Bristlista]{
		T: transport.New(c), Segment: "brist", What: "brist",
		Page:     func(l *update1.Bristlista) ([]update1.Brist, string) { return l.Brist, l.Fortsattning },
		FromWire: fromWire,
		ID:       func(x *Deficiency) bal.ObjectID { return x.ID },
		Version:  func(x *Deficiency) bal.Version { return x.Version },
		Type:     bal.ObjectTypeDeficiency,
	}}
}

// ListOptions filters List. The zero value (or nil) lists every deficiency
// the credentials may see.
type ListOptions struct {
	// Municipality keeps the deficiencies of one kommun (kommunkod).
	Municipality bal.MunicipalityCode
	// Property keeps those concerning one registerenhet, by its
	// objektidentitet.
	Property bal.ObjectID
	// Status keeps those with this status.
	Status Status
	// ObjectType keeps those whose affected object has this objekttyp.
	ObjectType bal.ObjectType
}

func (o *ListOptions) validate(op string) error {
	v := check.New(op)
	if o.Municipality != "" {
		if err := o.Municipality.Validate(); err != nil {
			v.Add("Municipality", bal.RuleFormat, strings.TrimPrefix(err.Error(), "bal: "))
		}
	}
	if o.Status != "" && !statuses.Known(o.Status) {
		v.Addf("Status", bal.RuleCodeList, "%q is not a brist status", o.Status)
	}
	if o.ObjectType != "" && !o.ObjectType.Updatable() {
		v.Addf("ObjectType", bal.RuleCodeList, "%q is not an object type of service-based updating", o.ObjectType)
	}
	return v.Err()
}

func (o *ListOptions) query() url.Values {
	q := url.Values{}
	if o.Municipality != "" {
		q.Set("kommunkod", string(o.Municipality))
	}
	if !o.Property.IsZero() {
		q.Set("registerenhet", o.Property.String())
	}
	if o.Status != "" {
		q.Set("status", string(o.Status))
	}
	if o.ObjectType != "" {
		q.Set("objekttyp", string(o.ObjectType))
	}
	return q
}

// List returns the deficiencies opts selects (GET /brist), fetching pages
// lazily as the loop reaches them. The sequence stops after the first
// error; bad options are a *check.Problems, yielded before anything is
// sent.
func (c *Client) List(ctx context.Context, opts *ListOptions) iter.Seq2[*Deficiency, error] {
	const op = "deficiency.List"
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	if err := o.validate(op); err != nil {
		return func(yield func(*Deficiency, error) bool) { yield(nil, err) }
	}
	return c.r.List(ctx, op, o.query())
}

// Get returns one deficiency (GET /brist/{id}). An unknown id is an error
// matching bal.ErrNotFound.
func (c *Client) Get(ctx context.Context, id bal.ObjectID) (*Deficiency, error) {
	return c.r.Get(ctx, "deficiency.Get", id)
}

// MarkHandled reports that the municipality has fixed what the deficiency
// is about (status Åtgärdad), with an optional comment, and returns the
// deficiency as it now stands. A deficiency that is no longer open is
// refused by the server (*bal.Error with code BAL-2006 in the modelled
// binding).
func (c *Client) MarkHandled(ctx context.Context, id bal.ObjectID, comment string) (*Deficiency, error) {
	const op = "deficiency.MarkHandled"
	if err := c.r.RequireID(op, id); err != nil {
		return nil, err
	}
	return c.act(ctx, op, id, StatusHandled, comment)
}

// Reject disputes the deficiency (status Avvisad): the municipality holds
// its data to be right, and reason says why. The reason is required; an
// empty one is a *bal.ValidationError and nothing is sent.
func (c *Client) Reject(ctx context.Context, id bal.ObjectID, reason string) (*Deficiency, error) {
	const op = "deficiency.Reject"
	v := check.New(op)
	if id.IsZero() {
		v.Add("id", bal.RuleRequired, "the brist's objektidentitet is required")
	}
	if strings.TrimSpace(reason) == "" {
		v.Add("reason", bal.RuleRequired, "a reason is required to reject a brist")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return c.act(ctx, op, id, StatusRejected, reason)
}

// act sends a Bristatgard (POST /brist/{id}/atgard) with an idempotency key
// (the caller's, see bal.WithIdempotencyKey, or a fresh one), so that a
// retry after a lost answer does not meet "already handled".
//
// With a Recorder (bal.Config.Recorder) the action is recorded, the
// comment as the record's free text.
func (c *Client) act(ctx context.Context, op string, id bal.ObjectID, to Status, comment string) (*Deficiency, error) {
	kind := bal.WriteResolve
	if to == StatusRejected {
		kind = bal.WriteReject
	}
	comment = strings.TrimSpace(comment)
	return c.r.Post(ctx, op, id, "atgard", &update1.Bristatgard{Status: string(to), Kommentar: comment},
		objects.Action{Kind: kind, Comment: comment})
}
