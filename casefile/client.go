package casefile

import (
	"context"
	"iter"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/objects"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// Client reaches Lantmäteriet's case (ärende) service. It is cheap to make
// and safe for concurrent use.
type Client struct {
	r *objects.Records[Case, update1.Arende, *update1.Arende, update1.Arendelista, *update1.Arendelista]
}

// New returns a Client that calls through c.
func New(c *bal.Client) *Client {
	return &Client{r: &objects.Records[Case, update1.Arende, *update1.Arende, update1.Arendelista, *update1.Arendelista]{
		T: transport.New(c), Segment: "arende", What: "ärende",
		Page:     func(l *update1.Arendelista) ([]update1.Arende, string) { return l.Arende, l.Fortsattning },
		FromWire: fromWire,
		ID:       func(x *Case) bal.ObjectID { return x.ID },
		Version:  func(x *Case) bal.Version { return x.Version },
		Type:     bal.ObjectTypeCase,
	}}
}

// ListOptions filters List. The zero value (or nil) lists every case the
// credentials may see.
type ListOptions struct {
	// Municipality keeps the cases of one kommun (kommunkod).
	Municipality bal.MunicipalityCode
	// Type keeps the cases of one ärendetyp.
	Type Type
	// Status keeps the cases with this status.
	Status Status
	// ChangedSince keeps the cases changed after this time
	// (forandradEfter), for a poller that asks "what is new since I last
	// looked"; zero means no limit.
	ChangedSince time.Time
}

func (o *ListOptions) validate(op string) error {
	v := check.New(op)
	if o.Municipality != "" {
		if err := o.Municipality.Validate(); err != nil {
			v.Add("Municipality", bal.RuleFormat, strings.TrimPrefix(err.Error(), "bal: "))
		}
	}
	if o.Type != "" && !types.Known(o.Type) {
		v.Addf("Type", bal.RuleCodeList, "%q is not an ärendetyp", o.Type)
	}
	if o.Status != "" && !statuses.Known(o.Status) {
		v.Addf("Status", bal.RuleCodeList, "%q is not an ärende status", o.Status)
	}
	return v.Err()
}

func (o *ListOptions) query() url.Values {
	q := url.Values{}
	if o.Municipality != "" {
		q.Set("kommunkod", string(o.Municipality))
	}
	if o.Type != "" {
		q.Set("arendetyp", string(o.Type))
	}
	if o.Status != "" {
		q.Set("status", string(o.Status))
	}
	if !o.ChangedSince.IsZero() {
		q.Set("forandradEfter", string(update1.NewTidpunkt(o.ChangedSince)))
	}
	return q
}

// List returns the cases opts selects (GET /arende), fetching pages lazily
// as the loop reaches them. The sequence stops after the first error; bad
// options are a *check.Problems, yielded before anything is sent.
func (c *Client) List(ctx context.Context, opts *ListOptions) iter.Seq2[*Case, error] {
	const op = "casefile.List"
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	if err := o.validate(op); err != nil {
		return func(yield func(*Case, error) bool) { yield(nil, err) }
	}
	return c.r.List(ctx, op, o.query())
}

// Get returns one case (GET /arende/{id}). An unknown id is an error
// matching bal.ErrNotFound.
func (c *Client) Get(ctx context.Context, id bal.ObjectID) (*Case, error) {
	return c.r.Get(ctx, "casefile.Get", id)
}

// Acknowledge sends a kvittens for the case (POST /arende/{id}/kvittens) and
// returns the case as it now stands: Mottagen moves it to Pågående, Hanterad
// closes it. Updated names the objects the municipality changed to handle
// the case; they must exist. A closed case is refused by the server
// (*bal.Error with code BAL-2006 in the modelled binding). The kvittens
// carries an idempotency key (the caller's, see bal.WithIdempotencyKey, or a
// fresh one), so a retry after a lost answer is not recorded twice.
func (c *Client) Acknowledge(ctx context.Context, id bal.ObjectID, ack Acknowledgement) (*Case, error) {
	const op = "casefile.Acknowledge"
	v := check.New(op)
	if id.IsZero() {
		v.Add("id", bal.RuleRequired, "the ärende's objektidentitet is required")
	}
	if ack.Kind == "" {
		ack.Kind = AcknowledgementReceived
	}
	if !ackKinds.Known(ack.Kind) {
		v.Addf("Kind", bal.RuleCodeList, "%q is not a kvittenstyp (Mottagen, Hanterad)", ack.Kind)
	}
	for i, r := range ack.Updated {
		path := "Updated[" + strconv.Itoa(i) + "]"
		if !r.Type.Updatable() {
			v.Addf(path+".Type", bal.RuleCodeList, "%q is not an object type of service-based updating", r.Type)
		}
		if r.ID.IsZero() {
			v.Add(path+".ID", bal.RuleRequired, "objektidentitet is required")
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return c.r.Post(ctx, op, id, "kvittens", ackToWire(ack),
		objects.Action{Kind: bal.WriteAcknowledge, Comment: strings.TrimSpace(ack.Comment)})
}
