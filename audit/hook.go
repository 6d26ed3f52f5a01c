package audit

import (
	"context"
	"errors"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
)

// Hook returns the bal.Recorder that records every write of a bal.Client
// in r: set it as bal.Config.Recorder. Each write's intent is recorded,
// and durable, before the client sends it (a write whose intent cannot be
// recorded is not sent: the caller gets an error matching
// bal.ErrNotRecorded and the reason, e.g. ErrNoActor), and its outcome
// after. The official is the actor in the call's context (WithActor).
//
//	rec, _ := audit.New(sink, &audit.Options{Key: key, Organisation: "2180 Göteborgs stad"})
//	c, _ := bal.NewClient(bal.Config{…, Recorder: rec.Hook()})
//	ctx = audit.WithActor(ctx, audit.Actor{ID: "anna.s", Name: "Anna Svensson"})
//	bc.Buildings.Modify(ctx, id, change, action, nil) // recorded
func (r *Recorder) Hook() bal.Recorder { return hook{r} }

// hook adapts a Recorder to bal.Recorder.
type hook struct{ r *Recorder }

func (h hook) RecordWrite(ctx context.Context, w *bal.Write) (func(context.Context, *bal.WriteResult) error, error) {
	if w == nil {
		return nil, &InputError{Field: "Write", Reason: "is nil", Err: ErrInvalidWrite}
	}
	p, err := h.r.Intend(ctx, writeOf(w))
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, res *bal.WriteResult) error {
		return p.Settle(ctx, answerOf(res))
	}, nil
}

// writeOf reduces the client's description of a write to what a record
// keeps.
func writeOf(w *bal.Write) *Write {
	in := &Write{
		Operation:      w.Operation,
		IdempotencyKey: w.IdempotencyKey,
		Action:         actionOf(w.Action),
		Objects:        make([]WriteObject, len(w.Objects)),
		Comment:        w.Comment,
	}
	for i, o := range w.Objects {
		wo := WriteObject{Change: string(o.Kind), Type: string(o.Type), ID: o.ID, Version: int64(o.Version), Action: actionOf(o.Action)}
		for _, g := range o.Geometries {
			wo.Geometries = append(wo.Geometries, geometryOf(g))
		}
		in.Objects[i] = wo
	}
	return in
}

func actionOf(a bal.Action) Action {
	return Action{Type: string(a.Type), Responsible: a.Responsible, Performer: a.Performer, Time: a.Time}
}

// geometryOf keeps of a geometry's metadata what a record holds: the
// methods in plan and height with their variants, the accuracies, the time
// of survey, the reason for an uncertain position and the surveyor (which
// goes to the personal part).
func geometryOf(g bal.WriteGeometry) GeometryMetadata {
	var out GeometryMetadata
	if g.PlanAccuracy != nil {
		out.AccuracyPlan = *g.PlanAccuracy
	}
	if g.HeightAccuracy != nil {
		out.AccuracyHeight = *g.HeightAccuracy
	}
	m := g.Metadata
	if m == nil {
		return out
	}
	out.MethodPlan, out.MethodHeight = methodOf(m.PlanMethod), methodOf(m.HeightMethod)
	if m.SurveyedAt != nil {
		out.SurveyedAt = *m.SurveyedAt
	}
	out.Uncertain = string(m.Uncertain)
	out.Surveyor = m.Surveyor
	return out
}

func methodOf(m *geometry.PositioningMethod) Method {
	if m == nil {
		return Method{}
	}
	return Method{Type: string(m.Type), Variant: string(m.Variant)}
}

// answerOf reduces the client's result to what a record keeps.
func answerOf(res *bal.WriteResult) *Answer {
	a := &Answer{}
	if res == nil {
		a.Failure = &Failure{Uncertain: true}
		return a
	}
	if res.Err == nil {
		for _, rc := range res.Receipts {
			r := Receipt{Version: int64(rc.Version), ValidFrom: rc.ValidFrom}
			if !rc.ID.IsZero() {
				r.ID = rc.ID.String()
			}
			a.Receipts = append(a.Receipts, r)
			if rc.RequestID != "" {
				a.RequestID = rc.RequestID
			}
			a.Attempts = max(a.Attempts, rc.Attempts)
		}
		return a
	}
	a.Failure = failureOf(res.Err)
	var e *bal.Error
	if errors.As(res.Err, &e) {
		a.RequestID, a.Attempts = e.RequestID, e.Attempts
	}
	return a
}

// failureOf classifies a write's error. Uncertain are the failures after
// which the write may have been applied: no answer (network, timeout,
// cancellation), a server error after the last retry, an answer that could
// not be read, a token that could not be renewed between attempts. An
// error answer the server gave on purpose (4xx: a rule, a conflict, a
// refused right, throttling) changed nothing.
func failureOf(err error) *Failure {
	var ae *bal.AuthError
	if errors.As(err, &ae) {
		// The token is fetched per attempt: one attempt may have been
		// applied before a later one could not get a token.
		return &Failure{HTTPStatus: ae.StatusCode, Code: ae.Code, Uncertain: true}
	}
	var e *bal.Error
	if !errors.As(err, &e) {
		return &Failure{Uncertain: true}
	}
	f := &Failure{HTTPStatus: e.StatusCode, Code: e.Code}
	switch {
	case e.StatusCode == 0, e.StatusCode >= 500, errors.Is(err, bal.ErrInvalidResponse), e.StatusCode >= 200 && e.StatusCode < 300:
		f.Uncertain = true
	}
	return f
}
