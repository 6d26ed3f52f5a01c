package objects

import (
	"context"
	"fmt"
	"iter"
	"maps"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/uuid"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// RootPtr constrains a pointer to an update1 document type.
type RootPtr[X any] interface {
	*X
	update1.Rooted
}

// Records is the plumbing of the services that read and act on the records
// Lantmäteriet keeps about a municipality's objects — brister and ärenden:
// a paged list, one record by id, and an action posted with an idempotency
// key. T is the model type, W its wire document, L the wire list document.
type Records[T, W any, PW RootPtr[W], L any, PL RootPtr[L]] struct {
	// T is the transport.
	T *transport.Transport
	// Segment is the path segment under the update base: "brist", "arende".
	Segment string
	// What names a record in messages: "brist", "ärende".
	What string
	// Page returns a list document's records and its fortsättning.
	Page func(*L) ([]W, string)
	// FromWire maps one record; it fails on ids or times that do not parse.
	FromWire func(*W) (*T, error)
	// ID returns a mapped record's objektidentitet.
	ID func(*T) bal.ObjectID
	// Version returns a mapped record's objektversion.
	Version func(*T) bal.Version
	// Type is the records' object type, for the client's Recorder.
	Type bal.ObjectType
}

// Action is an action on a record as the client's Recorder sees it.
type Action struct {
	// Kind says what the action does.
	Kind bal.WriteKind
	// Comment is the free text it carries.
	Comment string
}

// List reads the records q selects (GET /{segment}), page by page as the
// loop reaches them.
func (r *Records[T, W, PW, L, PL]) List(ctx context.Context, op string, q url.Values) iter.Seq2[*T, error] {
	return paginate(ctx, func(ctx context.Context, token string) ([]*T, string, error) {
		if token != "" {
			q = maps.Clone(q)
			q.Set("fortsattning", token)
		}
		var page update1.Doc[L, PL]
		res, err := r.T.Do(ctx, &transport.Op{
			Name: op, Method: http.MethodGet, Base: r.T.UpdateBase(), Path: transport.Path(r.Segment), Query: q, Out: &page,
		})
		if err != nil {
			return nil, "", err
		}
		ws, next := r.Page(&page.V)
		out := make([]*T, len(ws))
		for i := range ws {
			if out[i], err = r.FromWire(&ws[i]); err != nil {
				return nil, "", transport.Invalid(op, res, err)
			}
		}
		return out, strings.TrimSpace(next), nil
	})
}

// Get reads one record (GET /{segment}/{id}); an unknown id matches
// bal.ErrNotFound.
func (r *Records[T, W, PW, L, PL]) Get(ctx context.Context, op string, id bal.ObjectID) (*T, error) {
	if err := r.RequireID(op, id); err != nil {
		return nil, err
	}
	var out update1.Doc[W, PW]
	res, err := r.T.Do(ctx, &transport.Op{
		Name: op, Method: http.MethodGet, Base: r.T.UpdateBase(), Path: transport.Path(r.Segment, id.String()), Out: &out,
	})
	if err != nil {
		return nil, err
	}
	return r.checked(op, res, id, &out.V)
}

// Post sends an action on a record (POST /{segment}/{id}/{action}) and
// returns the record as it now stands. It carries an idempotency key (the
// caller's, see bal.WithIdempotencyKey, or a fresh one) so that a retry
// after a lost answer is not recorded twice.
//
// With a Recorder the action is recorded before it is sent, with the
// record's version read just before (the binding's actions carry none, and
// reconciling an action whose outcome was lost needs the version it was
// based on), and its outcome after.
func (r *Records[T, W, PW, L, PL]) Post(ctx context.Context, op string, id bal.ObjectID, action string, body any, act Action) (*T, error) {
	key := callctx.IdempotencyKey(ctx)
	if key == "" {
		key = uuid.NewString()
	}
	c := r.T.Client()
	obj := bal.WriteObject{Kind: act.Kind, Type: r.Type, ID: id.String()}
	if c.Recorder() != nil {
		cur, err := r.Get(ctx, op, id)
		if err != nil {
			return nil, err
		}
		obj.Version = r.Version(cur)
	}
	settle, err := c.RecordWrite(ctx, &bal.Write{Operation: op, IdempotencyKey: key, Objects: []bal.WriteObject{obj}, Comment: act.Comment})
	if err != nil {
		return nil, err
	}
	t, resp, err := r.post(ctx, op, id, action, body, key)
	res := &bal.WriteResult{Err: err}
	if t != nil {
		res.Receipts = []bal.Receipt{{ID: r.ID(t), Version: r.Version(t), RequestID: resp.RequestID, Attempts: resp.Attempts}}
	}
	settle(res)
	return t, err
}

// post sends the action and checks the answer.
func (r *Records[T, W, PW, L, PL]) post(ctx context.Context, op string, id bal.ObjectID, action string, body any, key string) (*T, *bal.Response, error) {
	req, err := r.T.NewRequest(ctx, &transport.Op{
		Name: op, Method: http.MethodPost, Base: r.T.UpdateBase(), Path: transport.Path(r.Segment, id.String(), action),
		Body: body, IdempotencyKey: key,
	})
	if err != nil {
		return nil, nil, err
	}
	var out update1.Doc[W, PW]
	res, err := r.T.Client().Do(req, &out)
	if err != nil {
		return nil, nil, err
	}
	t, err := r.checked(op, res, id, &out.V)
	return t, res, err
}

// RequireID refuses a zero id before anything is sent.
func (r *Records[T, W, PW, L, PL]) RequireID(op string, id bal.ObjectID) error {
	if id.IsZero() {
		v := check.New(op)
		v.Addf("id", bal.RuleRequired, "the %s's objektidentitet is required", r.What)
		return v.Err()
	}
	return nil
}

// checked maps an answer about record id, which must be that one.
func (r *Records[T, W, PW, L, PL]) checked(op string, res *transport.Result, id bal.ObjectID, w *W) (*T, error) {
	t, err := r.FromWire(w)
	if err != nil {
		return nil, transport.Invalid(op, res, err)
	}
	if got := r.ID(t); got != id {
		return nil, transport.Invalid(op, res, fmt.Errorf("answer is about %s %s, want %s", r.What, got, id))
	}
	return t, nil
}
