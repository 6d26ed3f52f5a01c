package objects

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// Create registers a new object (POST /{typ}). An object without an
// objektidentitet gets a client-generated one, so that a create resent
// after the server forgot its idempotency key is refused as a duplicate
// instead of registering the object twice; the receipt carries it. With a
// caller's idempotency key the identity is derived from the key, so that
// repeating the call sends the same body.
func (s *Service[T, W]) Create(ctx context.Context, obj *T, a bal.Action) (*bal.Receipt, error) {
	op := s.op("Create")
	w, err := s.createWire(op, obj, a, callctx.IdempotencyKey(ctx))
	if err != nil {
		return nil, err
	}
	a = stamp(a)
	return s.write(ctx, op, http.MethodPost, transport.Path(s.segment()), a, w, s.record(bal.WriteCreate, w, a, obj))
}

// Update changes an object (PUT /{typ}/{id}); obj carries the objektversion
// it was read at, and a stale one is refused with *bal.ConflictError.
func (s *Service[T, W]) Update(ctx context.Context, obj *T, a bal.Action) (*bal.Receipt, error) {
	return s.update(ctx, s.op("Update"), obj, a)
}

// update is Update under the name of the operation that sends it (Update,
// or a round of Modify).
func (s *Service[T, W]) update(ctx context.Context, op string, obj *T, a bal.Action) (*bal.Receipt, error) {
	w, err := s.updateWire(op, obj, a)
	if err != nil {
		return nil, err
	}
	a = stamp(a)
	return s.write(ctx, op, http.MethodPut, transport.Path(s.segment(), w.Meta().Objektidentitet), a, w, s.record(bal.WriteUpdate, w, a, obj))
}

// Retire avregistrerar an object (POST /{typ}/{id}/avregistrering): its
// status becomes Avregistrerad for good.
func (s *Service[T, W]) Retire(ctx context.Context, id bal.ObjectID, version bal.Version, a bal.Action) (*bal.Receipt, error) {
	op := s.op("Retire")
	w, err := s.retireWire(op, id, version, a)
	if err != nil {
		return nil, err
	}
	a = stamp(a)
	return s.write(ctx, op, http.MethodPost, transport.Path(s.segment(), id.String(), "avregistrering"), a, w, s.record(bal.WriteRetire, w, a, nil))
}

// record describes a write of one object for the client's Recorder: what
// it does, the identity and version it is based on (from the wire object,
// as sent), its action and, when obj has geometries, how they were
// determined.
func (s *Service[T, W]) record(kind bal.WriteKind, w W, a bal.Action, obj *T) bal.WriteObject {
	m := w.Meta()
	o := bal.WriteObject{Kind: kind, Type: s.Type(), ID: m.Objektidentitet, Version: bal.Version(m.Objektversion), Action: a}
	if obj != nil && s.c.Geometries != nil {
		o.Geometries = s.c.Geometries(obj)
	}
	return o
}

// createWire validates a create and maps it. An object without an identity
// gets one: derived from seed when there is one, random otherwise.
func (s *Service[T, W]) createWire(op string, obj *T, a bal.Action, seed string) (W, error) {
	if err := s.check(op, obj, a, false); err != nil {
		var zero W
		return zero, err
	}
	w := s.c.Encode(obj)
	m := w.Meta()
	switch {
	case m.Objektidentitet != "":
	case seed != "":
		m.Objektidentitet = uuid.NewSHA1(createNamespace, []byte(seed)).String()
	default:
		m.Objektidentitet = bal.NewObjectID().String()
	}
	m.Objektversion = 0 // a new object has no version to be based on
	return w, nil
}

// createNamespace is the UUID namespace of identities derived from a
// caller's idempotency key.
var createNamespace = uuid.MustParse("6f1c9a52-3d0e-4b8e-9c21-7a4d5e0b2f13")

// updateWire validates a change and maps it.
func (s *Service[T, W]) updateWire(op string, obj *T, a bal.Action) (W, error) {
	if err := s.check(op, obj, a, true); err != nil {
		var zero W
		return zero, err
	}
	return s.c.Encode(obj), nil
}

// retireWire validates a retirement and builds its object: identity and
// version only.
func (s *Service[T, W]) retireWire(op string, id bal.ObjectID, version bal.Version, a bal.Action) (W, error) {
	v := check.New(op)
	if id.IsZero() {
		v.Add("ID", bal.RuleRequired, "objektidentitet is required")
	}
	if version < 1 {
		v.Add("Version", bal.RuleRequired, "the objektversion the object was read at is required")
	}
	var zero T
	v.Merge("", bal.RuleFormat, s.c.ValidateAction(&zero, a))
	if err := v.Err(); err != nil {
		var none W
		return none, err
	}
	w := s.c.New()
	w.Meta().Objektidentitet = id.String()
	w.Meta().Objektversion = int64(version)
	return w, nil
}

// check validates the object and the action of a write, and for a change or
// a retirement the identity and version it is based on. Nothing is sent
// while it fails.
func (s *Service[T, W]) check(op string, obj *T, a bal.Action, based bool) error {
	v := check.New(op)
	if obj == nil {
		v.Add("", bal.RuleRequired, "the object is nil")
		return v.Err()
	}
	v.Merge("", bal.RuleFormat, s.c.Validate(obj))
	v.Merge("", bal.RuleFormat, s.c.ValidateAction(obj, a))
	if based {
		m := s.c.Meta(obj)
		if m.ID.IsZero() {
			v.Add("ID", bal.RuleRequired, "objektidentitet is required to change an object")
		}
		if m.Version < 1 {
			v.Add("Version", bal.RuleRequired, "the objektversion the object was read at is required to change it")
		}
	}
	return v.Err()
}

// write sends one Uppdatering with an idempotency key: the caller's (see
// bal.WithIdempotencyKey) or a fresh one, the same for every retry and
// resend of this write.
//
// The write is recorded with the client's Recorder before it is sent (and
// not sent if that fails), and its outcome after: one record per key,
// however often Do resends it.
func (s *Service[T, W]) write(ctx context.Context, op, method, path string, a bal.Action, w W, obj bal.WriteObject) (*bal.Receipt, error) {
	doc := update1.NewUppdatering(ActionToWire(a), w)
	key := callctx.IdempotencyKey(ctx)
	if key == "" {
		key = uuid.NewString()
	}
	settle, err := s.t.Client().RecordWrite(ctx, &bal.Write{Operation: op, IdempotencyKey: key, Action: a, Objects: []bal.WriteObject{obj}})
	if err != nil {
		return nil, err
	}
	r, err := s.send(ctx, op, method, path, key, doc, w)
	res := &bal.WriteResult{Err: err}
	if r != nil {
		res.Receipts = []bal.Receipt{*r}
	}
	settle(res)
	return r, err
}

// send sends one Uppdatering and checks its receipt.
func (s *Service[T, W]) send(ctx context.Context, op, method, path, key string, doc any, w W) (*bal.Receipt, error) {
	var out update1.Kvitto
	req, err := s.t.NewRequest(ctx, &transport.Op{
		Name: op, Method: method, Base: s.t.UpdateBase(), Path: path,
		Body: doc, IdempotencyKey: key,
	})
	if err != nil {
		return nil, err
	}
	res, err := s.t.Client().Do(req, &out)
	if err != nil {
		return nil, err
	}
	r, err := Receipt(out, res)
	if err != nil {
		return nil, transport.Invalid(op, res, err)
	}
	if want := w.Meta().Objektidentitet; want != "" && r.ID.String() != want {
		return nil, transport.Invalid(op, res, fmt.Errorf("receipt for %s, want %s", r.ID, want))
	}
	return r, nil
}

// stamp fills an action's time with now when the caller left it zero.
func stamp(a bal.Action) bal.Action {
	if a.Time.IsZero() {
		a.Time = time.Now()
	}
	return a
}

// Receipt turns a kvitto and the response it came in into a bal.Receipt.
func Receipt(k update1.Kvitto, res *bal.Response) (*bal.Receipt, error) {
	id, err := bal.ParseObjectID(k.Objektidentitet)
	if err != nil {
		return nil, fmt.Errorf("kvitto: %w", err)
	}
	if k.Objektversion < 1 {
		return nil, fmt.Errorf("kvitto: objektversion %d", k.Objektversion)
	}
	from, err := k.VersionGiltigFran.Time()
	if err != nil {
		return nil, fmt.Errorf("kvitto: %w", err)
	}
	r := &bal.Receipt{ID: id, Version: bal.Version(k.Objektversion), ValidFrom: from}
	if res != nil {
		r.RequestID, r.Attempts = res.RequestID, res.Attempts
	}
	return r, nil
}
