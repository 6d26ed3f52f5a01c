package bal

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/tjanstebaserad/bal-go/geometry"
)

// Recorder is told of every write the SDK makes, before it is sent and
// after it is answered: the hook of an audit trail. Set one in
// Config.Recorder; package audit provides one ((*audit.Recorder).Hook),
// which keeps a tamper-evident record with the personal data apart.
//
// The SDK calls RecordWrite for every create, change and retirement (Modify
// once per round it sends), every transaction (one WriteObject per member),
// every deficiency and case action, and every write to the national
// geodata platform (a mottagning, its changes, each upload).
type Recorder interface {
	// RecordWrite is called once per write, after the write was validated
	// and before anything is sent. One write is one idempotency key: the
	// client's retries and resends of it share the call. If RecordWrite
	// returns an error, the write is not sent and the caller gets an error
	// matching ErrNotRecorded that wraps it. Otherwise the SDK calls settle
	// exactly once with the write's result, with a context that carries the
	// call's values but is not cancelled with it; an error from settle is
	// logged, not returned, since the write has happened either way.
	RecordWrite(ctx context.Context, w *Write) (settle func(context.Context, *WriteResult) error, err error)
}

// ErrNotRecorded is matched by the error of a write that was not sent
// because the Recorder could not record its intent (errors.Is). The error
// wraps the Recorder's own error too.
var ErrNotRecorded = errors.New("bal: the write's intent could not be recorded, so it was not sent")

// Write describes one write for a Recorder: what is about to be sent, on
// whose behalf (the Recorder reads the official from the context, e.g.
// audit.WithActor), with which key. It never holds object bodies.
type Write struct {
	// Operation names the SDK call, e.g. "building.Buildings.Create",
	// "bal.Transaction.Commit", "deficiency.Reject", "ngp.Upload".
	Operation string
	// IdempotencyKey is the key every attempt of the write carries; empty
	// for services without keys (the national geodata platform).
	IdempotencyKey string
	// Action is the write's verksamhetsåtgärd: the one action of a create,
	// change or retirement; zero for a transaction (each member has its
	// own, in WriteObject.Action) and for writes that carry none.
	Action Action
	// Objects are the objects written, in the order of the receipts.
	Objects []WriteObject
	// Comment is the free text sent with the write: a deficiency action's
	// kommentar or reason, a case kvittens' kommentar. Free text may name
	// people.
	Comment string
}

// WriteObject is one object a write changes.
type WriteObject struct {
	// Kind says what the write does to the object.
	Kind WriteKind
	// Type is the object type: a BAL type ("Byggnad" …), "Brist", "Arende",
	// or for the national geodata platform "Mottagning" (a registered
	// delivery) and "Förändring" (a change of one, and its upload).
	Type ObjectType
	// ID is the objektidentitet (ObjectID.String); empty when the server
	// assigns it (an NGP mottagning). An NGP change is named
	// "mottagningsid/objektidentitet".
	ID string
	// Version is the objektversion the write is based on: 0 on create, and
	// for a deficiency or case action the version read just before it.
	Version Version
	// Action is the object's own verksamhetsåtgärd, when it carries one
	// (the same as Write.Action except in a transaction).
	Action Action
	// Geometries describe how the object's geometries were determined, in
	// order (a building's parts, an address point's position, an NGP
	// building's geometries); empty when the write sets none, or none with
	// metadata or accuracy.
	Geometries []WriteGeometry
}

// WriteKind says what a write does to an object.
type WriteKind string

// The kinds of write.
const (
	WriteCreate      WriteKind = "create"      // WriteCreate registers a new object.
	WriteUpdate      WriteKind = "update"      // WriteUpdate changes an object.
	WriteRetire      WriteKind = "retire"      // WriteRetire avregistrerar an object.
	WriteResolve     WriteKind = "resolve"     // WriteResolve marks a deficiency Åtgärdad.
	WriteReject      WriteKind = "reject"      // WriteReject marks a deficiency Avvisad.
	WriteAcknowledge WriteKind = "acknowledge" // WriteAcknowledge sends a case kvittens.
	WriteRegister    WriteKind = "register"    // WriteRegister registers an NGP mottagning.
	WriteDeliver     WriteKind = "deliver"     // WriteDeliver registers an NGP leverans change.
	WriteDelete      WriteKind = "delete"      // WriteDelete registers an NGP radering change.
	WriteUpload      WriteKind = "upload"      // WriteUpload uploads an NGP domain object.
)

// WriteGeometry is how one geometry of a written object was determined.
// The geometrimetadata travels to Lantmäteriet only as far as BAL's own
// attributes hold it (see building.Part.Metadata, address.Point's
// PositionMetadata); the rest, and the surveyor, reach only the Recorder.
type WriteGeometry struct {
	// Metadata is the geometrimetadata the caller attached, Surveyor
	// included; nil when none was.
	Metadata *geometry.Metadata
	// PlanAccuracy and HeightAccuracy are the accuracy in plan and height
	// in metres (a building part's lägesnoggrannhet when its unit is metres,
	// an NGP geometry's absolutLagesosakerhet); nil when not known.
	PlanAccuracy, HeightAccuracy *float64
}

// WriteResult is how a write ended.
type WriteResult struct {
	// Receipts are the server's receipts, one per object in the order of
	// Write.Objects, when the write succeeded. A service that confirms no
	// version (NGP) leaves Version zero.
	Receipts []Receipt
	// Err is the write's error: *Error, *ConflictError, *RateLimitError,
	// *TransactionError, *AuthError, or a context's error, wrapped; nil on
	// success.
	Err error
}

// Recorder returns the Recorder set in Config.Recorder, or nil.
func (c *Client) Recorder() Recorder { return c.recorder }

// RecordWrite records w's intent with the client's Recorder and returns
// the function that records its result; without a Recorder it records
// nothing and settle does nothing. If the intent cannot be recorded it
// returns an error matching ErrNotRecorded, and the write must not be sent.
//
// The SDK calls it for every write it makes. Call it yourself around a
// write you send with Do to a service the SDK does not wrap, so that it is
// recorded like the SDK's own: after validating, before sending, and settle
// once with the answer, whatever it was.
func (c *Client) RecordWrite(ctx context.Context, w *Write) (settle func(*WriteResult), err error) {
	if c.recorder == nil {
		return func(*WriteResult) {}, nil
	}
	if w == nil {
		return nil, fmt.Errorf("bal: %w: no write described", ErrNotRecorded)
	}
	done, err := c.recorder.RecordWrite(ctx, w)
	if err != nil {
		return nil, fmt.Errorf("bal: %s: %w: %w", w.Operation, ErrNotRecorded, err)
	}
	if done == nil {
		return nil, fmt.Errorf("bal: %s: %w: the recorder returned no settle function", w.Operation, ErrNotRecorded)
	}
	// The outcome is recorded even when the call's context was cancelled
	// while the write was in flight: that is when it matters most.
	sctx := context.WithoutCancel(ctx)
	var once sync.Once
	return func(res *WriteResult) {
		once.Do(func() {
			if res == nil {
				res = &WriteResult{}
			}
			if err := done(sctx, res); err != nil {
				c.log.warn("bal: the write's outcome could not be recorded", "operation", w.Operation, "error", err)
			}
		})
	}, nil
}
