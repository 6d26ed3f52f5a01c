package audit

import (
	"context"
	"errors"
	"time"
)

// This file is the audit side of the hook into bal.Config (issue 14, item
// 1), written against local copies of the types package bal is to define,
// since bal may not import audit and was being reworked when this was
// written. To wire it: define in bal the types below without the "hook"
// prefix (bal.Recorder, bal.Write, bal.WriteObject, bal.WriteResult; the
// receipt and error are bal.Receipt and *bal.Error), delete the copies here,
// import bal, rename, and export the adapter as
//
//	// Hook returns the bal.Recorder to set in bal.Config.Recorder.
//	func (r *Recorder) Hook() bal.Recorder { return hook{r} }
//
// Nothing else changes.

// hookRecorder is bal.Recorder: told of every write before it is sent and
// after it is answered.
type hookRecorder interface {
	// RecordWrite is called once per write (per idempotency key; the
	// client's retries share it), after validation and before anything is
	// sent. If it returns an error the write is not sent and the caller gets
	// the error. The client calls settle once with the write's result; an
	// error from settle is logged, not returned (the write happened).
	RecordWrite(ctx context.Context, w *hookWrite) (settle func(context.Context, *hookResult) error, err error)
}

// hookWrite is bal.Write.
type hookWrite struct {
	Operation      string // "building.Create", "Transaction.Commit", "deficiency.Resolve", "ngp.Publish"
	IdempotencyKey string
	Action         hookAction // bal.Action
	Objects        []hookObject
	Comment        string // the kommentar of a deficiency or case action
}

// hookAction is bal.Action.
type hookAction struct {
	Type        string // bal.ActionType
	Responsible string
	Performer   string
	Time        time.Time
	Order       int
}

// hookObject is bal.WriteObject.
type hookObject struct {
	Change   string            // "create", "update", "retire", "resolve", "reject", "acknowledge", "publish"
	Type     string            // bal.ObjectType
	ID       string            // bal.ObjectID (its String)
	Version  int64             // bal.Version: the version the write is based on, 0 on create
	Geometry *GeometryMetadata // *geometry.Metadata from package geometry
}

// hookResult is bal.WriteResult.
type hookResult struct {
	Receipts []*hookReceipt // one per object on success (bal.Receipt)
	Err      error          // the call's error: *bal.Error, *bal.ConflictError, *bal.RateLimitError, a context error
}

// hookReceipt is bal.Receipt.
type hookReceipt struct {
	ID        string
	Version   int64
	ValidFrom time.Time
	RequestID string
	Attempts  int
}

// hookError is *bal.Error, and errHookInvalidResponse bal.ErrInvalidResponse.
type hookError struct {
	StatusCode int
	Code       string
	RequestID  string
	Attempts   int
	Err        error
}

func (e *hookError) Error() string { return "bal error" }
func (e *hookError) Unwrap() error { return e.Err }

var errHookInvalidResponse = errors.New("bal: invalid response")

// hook adapts a Recorder to bal.Recorder.
type hook struct{ r *Recorder }

var _ hookRecorder = hook{}

func (h hook) RecordWrite(ctx context.Context, w *hookWrite) (func(context.Context, *hookResult) error, error) {
	in := &Write{
		Operation:      w.Operation,
		IdempotencyKey: w.IdempotencyKey,
		Action:         Action{Type: w.Action.Type, Responsible: w.Action.Responsible, Performer: w.Action.Performer, Time: w.Action.Time},
		Objects:        make([]WriteObject, len(w.Objects)),
		Comment:        w.Comment,
	}
	for i, o := range w.Objects {
		in.Objects[i] = WriteObject(o)
	}
	p, err := h.r.Intend(ctx, in)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, res *hookResult) error {
		return p.Settle(ctx, answerOf(res))
	}, nil
}

// answerOf reduces the client's result to what a record keeps.
func answerOf(res *hookResult) *Answer {
	a := &Answer{}
	if res == nil {
		a.Failure = &Failure{Uncertain: true}
		return a
	}
	if res.Err == nil {
		for _, rc := range res.Receipts {
			if rc == nil {
				a.Receipts = append(a.Receipts, Receipt{})
				continue
			}
			a.Receipts = append(a.Receipts, Receipt{ID: rc.ID, Version: rc.Version, ValidFrom: rc.ValidFrom})
			a.RequestID, a.Attempts = rc.RequestID, rc.Attempts
		}
		return a
	}
	a.Failure = failureOf(res.Err)
	var e *hookError
	if errors.As(res.Err, &e) {
		a.RequestID, a.Attempts = e.RequestID, e.Attempts
	}
	return a
}

// failureOf classifies a write's error. Uncertain are the failures after
// which the write may have been applied: no answer (network, timeout,
// cancellation), a server error after the last retry, an answer that could
// not be read. An error answer the server gave on purpose (4xx) changed
// nothing.
func failureOf(err error) *Failure {
	var e *hookError
	if !errors.As(err, &e) {
		return &Failure{Uncertain: true}
	}
	f := &Failure{HTTPStatus: e.StatusCode, Code: e.Code}
	switch {
	case e.StatusCode == 0, e.StatusCode >= 500, errors.Is(err, errHookInvalidResponse):
		f.Uncertain = true
	}
	return f
}
