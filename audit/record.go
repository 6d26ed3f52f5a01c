package audit

import (
	"context"
	"time"
)

// Actor is the official (handläggare) on whose behalf a write is made. Set
// it per call with WithActor. Both fields are personal data: they are kept
// in the record's personal part and removed by a retention policy.
type Actor struct {
	// ID identifies the official in the municipality's own systems, e.g. a
	// user name or employee number. It must not be a personnummer: a write
	// whose actor id holds one is refused (ErrIdentityNumber).
	// Name, optional, is masked where it holds one.
	ID string `json:"id"`
	// Name is the official's name.
	Name string `json:"name,omitempty"`
}

type actorKey struct{}

// WithActor returns a context whose writes are recorded as made by a.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor set with WithActor.
func ActorFrom(ctx context.Context) (Actor, bool) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	return a, ok
}

// Action is the verksamhetsåtgärd a write carries.
type Action struct {
	// Type is the åtgärdstyp.
	Type string `json:"type,omitempty"`
	// Responsible is the ansvarig organisation, usually a kommunkod.
	Responsible string `json:"responsible,omitempty"`
	// Performer is the utförande organisation.
	Performer string `json:"performer,omitempty"`
	// Time is the åtgärdstidpunkt; zero when the write used the time of the
	// call.
	Time time.Time `json:"time,omitzero"`
}

// Method is a lägesbestämningsmetod: how a position was determined, as the
// national geometry-metadata schema (geometrimetadata 2.0.1) names it.
type Method struct {
	// Type is the method's typ, e.g. "geodetisk detaljmätning".
	Type string `json:"type,omitempty"`
	// Variant is the typ's variant, e.g. "GNSS, nätverks-RTK".
	Variant string `json:"variant,omitempty"`
}

// GeometryMetadata is the geometrimetadata of a written object's geometry:
// how, how accurately, when and by whom it was measured.
type GeometryMetadata struct {
	// MethodPlan is the lägesbestämningsmetod i plan.
	MethodPlan Method `json:"method_plan,omitzero"`
	// MethodHeight is the lägesbestämningsmetod i höjd.
	MethodHeight Method `json:"method_height,omitzero"`
	// AccuracyPlan is the absolut lägesosäkerhet i plan, in metres; 0 when
	// not stated.
	AccuracyPlan float64 `json:"accuracy_plan,omitempty"`
	// AccuracyHeight is the absolut lägesosäkerhet i höjd, in metres; 0 when
	// not stated.
	AccuracyHeight float64 `json:"accuracy_height,omitempty"`
	// SurveyedAt is the tidpunkt för lägesbestämning.
	SurveyedAt time.Time `json:"surveyed_at,omitzero"`
	// Uncertain is the anledning till osäkert läge when the position is
	// uncertain, e.g. "lägesplacering i ungefärligt läge"; empty when it is
	// not.
	Uncertain string `json:"uncertain,omitempty"`
	// Surveyor is who surveyed it (inmätare). It is personal data: kept in
	// the record's personal part, and empty in a record whose personal data
	// were removed.
	Surveyor string `json:"-"`
}

// Write is one write about to be sent: a create, change or retirement of
// one object, a transaction (one WriteObject per member), a deficiency or
// case action, or an NGP publication. It mirrors the bal.Write the client
// hands its recorder.
type Write struct {
	// Operation names the SDK call, e.g. "building.Create" or
	// "Transaction.Commit".
	Operation string
	// IdempotencyKey is the key every attempt of the write carries. Every
	// call with the same key, retries and later repeats alike, belongs to
	// one record.
	IdempotencyKey string
	// Action is the write's verksamhetsåtgärd; zero for actions that carry
	// none (deficiency and case actions).
	Action Action
	// Objects are the objects written, in the order of the receipts.
	Objects []WriteObject
	// Comment is the kommentar sent with the write, if any. Free text may
	// name people, so it is kept in the personal part.
	Comment string
}

// WriteObject is one object a write changes.
type WriteObject struct {
	// Change says what happens to it, as bal.WriteKind names it: "create",
	// "update", "retire", "resolve", "reject", "acknowledge", and for the
	// national geodata platform "register", "deliver", "delete", "upload".
	Change string
	// Type is the object type, e.g. "Byggnad", "Adressplats", "Brist",
	// "Förändring".
	Type string
	// ID is the objektidentitet; empty when the server assigns it.
	ID string
	// Version is the objektversion the write is based on; 0 on create.
	Version int64
	// Action is the object's own verksamhetsåtgärd when it differs from
	// the write's (the members of a transaction); zero otherwise.
	Action Action
	// Geometries are how its geometries were measured, in order (a
	// building's parts); empty when it has none or the write does not
	// touch them.
	Geometries []GeometryMetadata
}

// Receipt (kvitto) is what the server confirmed for one object.
type Receipt struct {
	// ID is the objektidentitet.
	ID string `json:"id,omitempty"`
	// Version is the new objektversion.
	Version int64 `json:"version,omitempty"`
	// ValidFrom is the new version's versionGiltigFran.
	ValidFrom time.Time `json:"valid_from,omitzero"`
}

// Answer is how a write ended, as the client saw it.
type Answer struct {
	// Receipts are the server's receipts, one per object in the order of
	// Write.Objects, when the write succeeded.
	Receipts []Receipt
	// RequestID identifies the (last) call for Lantmäteriet's support.
	RequestID string
	// Attempts is how many HTTP attempts the write took.
	Attempts int
	// Failure describes the error when the write failed; nil on success.
	Failure *Failure
}

// Failure is a write's typed error, reduced to what a record keeps.
type Failure struct {
	// HTTPStatus is the answer's status; 0 when no answer arrived.
	HTTPStatus int
	// Code is the fault code, e.g. "BAL-3015", if any.
	Code string
	// Uncertain means the write may have been applied: the network failed,
	// the server answered 5xx after the last retry, or its answer could not
	// be read. Reconcile settles such records.
	Uncertain bool
}

// Result is what became of a write.
type Result string

// The results a record can have.
const (
	// ResultApplied: the server confirmed the write with a receipt, or
	// reconciliation found the object at a newer version.
	ResultApplied Result = "applied"
	// ResultRefused: the server answered with an error; nothing changed.
	ResultRefused Result = "refused"
	// ResultNotApplied: reconciliation found the object unchanged.
	ResultNotApplied Result = "not-applied"
	// ResultUncertain: the write failed without a clear answer (or
	// reconciliation could not tell); it may have been applied.
	ResultUncertain Result = "uncertain"
	// ResultUnknown: the intent was recorded but no outcome: the process
	// stopped while the write was in flight, or is still sending it.
	ResultUnknown Result = "unknown"
)

// Outcome is the recorded end of a write.
type Outcome struct {
	// Seq is the outcome's position in the chain.
	Seq uint64 `json:"-"`
	// Time is when the outcome was recorded.
	Time time.Time `json:"-"`
	// Result is what became of the write.
	Result Result `json:"result"`
	// HTTPStatus and Code are the typed error's status and fault code.
	HTTPStatus int    `json:"http_status,omitempty"`
	Code       string `json:"code,omitempty"`
	// RequestID identifies the call for Lantmäteriet's support.
	RequestID string `json:"request_id,omitempty"`
	// Attempts is how many HTTP attempts the write took.
	Attempts int `json:"attempts,omitempty"`
	// Reconciled is set when the outcome was found by Reconcile, from the
	// object's version on the server, rather than reported by the client.
	Reconciled bool `json:"reconciled,omitempty"`
	// Receipts are the confirmed (or, when reconciled, observed) versions,
	// one per object; absent on failure.
	Receipts []Receipt `json:"receipts,omitempty"`
}

// Object is one object of a record, with its versions before and after.
type Object struct {
	// Change says what happened to it ("create", "update", …).
	Change string
	// Type is the object type.
	Type string
	// ID is the objektidentitet (from the receipt when the server assigned
	// it).
	ID string
	// VersionBefore is the objektversion the write was based on; 0 on
	// create.
	VersionBefore int64
	// VersionAfter is the objektversion after the write; 0 when it was not
	// applied or is not known.
	VersionAfter int64
	// ValidFrom is VersionAfter's versionGiltigFran.
	ValidFrom time.Time
	// Action is the object's verksamhetsåtgärd: its own in a transaction,
	// the record's otherwise.
	Action Action
	// Geometries are the geometry metadata, in order, if any.
	Geometries []GeometryMetadata
}

// PersonalState says whether a record's personal part is still held.
type PersonalState string

// The states of a record's personal part.
const (
	// PersonalNone: the write had no personal data.
	PersonalNone PersonalState = "none"
	// PersonalHeld: the actor, surveyor and comment are in the record.
	PersonalHeld PersonalState = "held"
	// PersonalRemoved: a retention policy removed them; the chain keeps
	// only their salted digest.
	PersonalRemoved PersonalState = "removed"
	// PersonalMissing: the chain names a personal part that the sink does
	// not hold and no purge removed (Verify reports it).
	PersonalMissing PersonalState = "missing"
)

// Record is one write: its intent and its outcome, merged. A record is
// named by the position of its intent in the chain.
type Record struct {
	// Seq is the position of the record's first intent in the chain.
	Seq uint64
	// Time is when the intent was recorded.
	Time time.Time
	// LastCall is when the last call with the record's idempotency key was
	// recorded (Time, unless the write was repeated).
	LastCall time.Time
	// Organisation is the recording organisation (Options.Organisation).
	Organisation string
	// Actor is who made the write; zero once the personal part is removed.
	Actor Actor
	// Personal says whether the personal part is still held.
	Personal PersonalState
	// Operation names the SDK call.
	Operation string
	// Action is the write's verksamhetsåtgärd.
	Action Action
	// IdempotencyKey is the key every attempt carried.
	IdempotencyKey string
	// Comment is the write's kommentar; empty once the personal part is
	// removed.
	Comment string
	// Objects are the objects written.
	Objects []Object
	// Repeats counts later calls with the same idempotency key.
	Repeats int
	// Outcome is the last outcome; nil when none was recorded after the
	// last call (Result then reports ResultUnknown).
	Outcome *Outcome
}

// Result is what became of the write.
func (r *Record) Result() Result {
	if r.Outcome == nil {
		return ResultUnknown
	}
	return r.Outcome.Result
}
