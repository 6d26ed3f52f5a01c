package objects

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/batch"
	"github.com/tjanstebaserad/bal-go/internal/feedobj"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// manyParallelism is how many batch reads GetMany has in flight.
const manyParallelism = 4

// GetMany reads objects by objektidentitet with the batch read of the
// update services (GET /{typ}?id=…&id=…), at most update1.MaxBatchIDs per
// request and a few requests in flight. It yields exactly one result per
// id, in the order of ids: the object, an error matching bal.ErrNotFound
// when the answer left it out, or the error of the request its batch was in.
func (s *Service[T, W]) GetMany(ctx context.Context, ids []bal.ObjectID) iter.Seq2[*T, error] {
	op := s.op("GetMany")
	fetch := func(ctx context.Context, ids []bal.ObjectID) (map[bal.ObjectID]*T, error) {
		q := url.Values{}
		for _, id := range ids {
			q.Add("id", id.String())
		}
		list := &update1.Objektlista{Typ: s.c.Type}
		res, err := s.t.Do(ctx, &transport.Op{
			Name: op, Method: http.MethodGet, Base: s.t.UpdateBase(),
			Path: transport.Path(s.segment()), Query: q, Out: list,
		})
		if err != nil {
			return nil, err
		}
		got := make(map[bal.ObjectID]*T, len(list.Objekt))
		for _, o := range list.Objekt {
			w, ok := o.(W)
			if !ok {
				return nil, transport.Invalid(op, res, fmt.Errorf("a %s in a list of %s", o.Type(), s.c.Type))
			}
			obj, err := s.decode(op, res, w)
			if err != nil {
				return nil, err
			}
			got[s.c.Meta(obj).ID] = obj
		}
		return got, nil
	}
	return batch.Seq(ctx, ids, update1.MaxBatchIDs, manyParallelism, fetch, func(id bal.ObjectID) error {
		return fmt.Errorf("bal: %s: %s: %w", op, id, bal.ErrNotFound)
	})
}

// FromChange decodes the object a change of the feed carries (read with
// bal.ChangesOptions.WithObjects). A change without one, or with an object
// of another type, gives an error matching bal.ErrNoBody; one the model
// cannot hold, bal.ErrInvalidResponse.
func FromChange[T any, W update1.Objekt](c *Codec[T, W], ch bal.Change) (*T, error) {
	o := feedobj.Object(ch.Body)
	w, ok := o.(W)
	if !ok || o == nil {
		return nil, fmt.Errorf("%s: change %d (%s %s): %w", c.Service, ch.Sequence, ch.Kind, ch.Object, bal.ErrNoBody)
	}
	obj, err := c.Decode(w)
	if err != nil {
		return nil, fmt.Errorf("%s: change %d (%s): %w: %w", c.Service, ch.Sequence, ch.Object, bal.ErrInvalidResponse, err)
	}
	return obj, nil
}
