package audit

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// Options configures a Recorder.
type Options struct {
	// Key is the secret the chain is keyed with (HMAC-SHA256), at least 32
	// bytes. Keep it apart from the records, in the service's secret store:
	// whoever holds it can rewrite the chain, and without it nobody can
	// verify it.
	Key []byte
	// Organisation names the recording organisation in every record, e.g.
	// "2180 Göteborgs stad".
	Organisation string
	// Now returns the current time; nil means time.Now. Entry times never go
	// backwards along the chain: an entry sealed by a process whose clock is
	// behind takes the time of the entry before it.
	Now func() time.Time
}

// MinKeySize is the shortest Options.Key accepted.
const MinKeySize = 32

// Limits on what one record holds, so that one entry stays one bounded
// line.
const (
	// MaxObjects is the most objects one write records (transaction
	// members).
	MaxObjects = 1000
	// MaxText is the longest string field, in bytes; a comment may be
	// MaxComment.
	MaxText    = 1 << 10
	MaxComment = 8 << 10
)

// Errors that stop a write from being recorded, and so from being sent.
var (
	// ErrNoActor: the context carries no actor (see WithActor).
	ErrNoActor = errors.New("audit: no actor in the context; set one with audit.WithActor")
	// ErrIdentityNumber: the actor's id is, or holds, a personal identity
	// number. Other fields are masked instead (see Intend).
	ErrIdentityNumber = errors.New("audit: a personal identity number must not identify an actor")
	// ErrInvalidWrite: the write cannot be recorded as described.
	ErrInvalidWrite = errors.New("audit: invalid write")
)

// InputError is a write the Recorder refuses to record. It matches
// ErrNoActor, ErrIdentityNumber or ErrInvalidWrite with errors.Is. It never
// repeats the offending value, which may be personal data.
type InputError struct {
	// Field is the field's path, e.g. "Objects[2].Type".
	Field string
	// Reason says what is wrong.
	Reason string
	// Err is the sentinel.
	Err error
}

func (e *InputError) Error() string { return "audit: " + e.Field + ": " + e.Reason }

// Unwrap returns the sentinel.
func (e *InputError) Unwrap() error { return e.Err }

// Recorder keeps the record of every write: it seals intents and outcomes
// into a keyed chain in a Sink, and reads, verifies, reconciles and culls
// it. It is safe for concurrent use, and several processes may record into
// one sink at once.
type Recorder struct {
	sink Sink
	key  []byte
	org  string
	now  func() time.Time
}

// New returns a Recorder writing to sink. The Recorder does not own the
// sink: close the sink when done.
func New(sink Sink, opts *Options) (*Recorder, error) {
	if sink == nil {
		return nil, errors.New("audit: nil sink")
	}
	if opts == nil || len(opts.Key) < MinKeySize {
		return nil, fmt.Errorf("audit: Options.Key must be at least %d bytes", MinKeySize)
	}
	if len(opts.Organisation) > MaxText {
		return nil, fmt.Errorf("audit: Options.Organisation is longer than %d bytes", MaxText)
	}
	r := &Recorder{
		sink: sink,
		key:  append([]byte(nil), opts.Key...),
		org:  MaskIdentityNumbers(opts.Organisation),
		now:  opts.Now,
	}
	if r.now == nil {
		r.now = time.Now
	}
	return r, nil
}

// Pending is a recorded intent awaiting its outcome.
type Pending struct {
	r       *Recorder
	record  uint64
	objects int
	settled atomic.Bool
}

// Record is the position of the record the intent belongs to.
func (p *Pending) Record() uint64 { return p.record }

// Intend records that w is about to be sent, as made by the actor in ctx,
// and returns once the intent is durable. If it returns an error the write
// must not be sent.
//
// A personal identity number is never stored. In an identifier (the
// actor's id, the idempotency key, an object id) it is refused
// (ErrIdentityNumber): masked, the identifier would name someone or
// something else. In every other field (the actor's name, the comment, the
// surveyor, codes and names) it is replaced by Masked, so that a careless
// comment cannot stop a municipality's work.
//
// A call whose idempotency key was recorded within KeyWindow joins that
// record as a repeat, so one key makes one record however often it is sent.
func (r *Recorder) Intend(ctx context.Context, w *Write) (*Pending, error) {
	actor, ok := ActorFrom(ctx)
	if !ok || actor.ID == "" {
		return nil, &InputError{Field: "Actor", Reason: "no actor in the context", Err: ErrNoActor}
	}
	if w == nil {
		return nil, &InputError{Field: "Write", Reason: "is nil", Err: ErrInvalidWrite}
	}
	// An identifier holding an identity number is refused: masked, it would
	// name something else (two keys masked alike would make one record).
	ids := []struct{ field, s string }{{"Actor.ID", actor.ID}, {"IdempotencyKey", w.IdempotencyKey}}
	for i, o := range w.Objects {
		ids = append(ids, struct{ field, s string }{fmt.Sprintf("Objects[%d].ID", i), o.ID})
	}
	for _, id := range ids {
		if ContainsIdentityNumber(id.s) {
			return nil, &InputError{Field: id.field, Reason: "holds a personal identity number", Err: ErrIdentityNumber}
		}
	}
	if err := checkWrite(actor, w); err != nil {
		return nil, err
	}
	in := &intentBody{
		Organisation: r.org,
		Operation:    MaskIdentityNumbers(w.Operation),
		Key:          w.IdempotencyKey,
		Action:       maskAction(w.Action),
		Objects:      make([]objectBody, len(w.Objects)),
	}
	personal := &personalData{
		Actor:   Actor{ID: actor.ID, Name: MaskIdentityNumbers(actor.Name)},
		Comment: MaskIdentityNumbers(w.Comment),
	}
	var surveyors []string
	for i, o := range w.Objects {
		in.Objects[i] = objectBody{
			Change:  MaskIdentityNumbers(o.Change),
			Type:    MaskIdentityNumbers(o.Type),
			ID:      o.ID,
			Version: o.Version,
		}
		if a := maskAction(o.Action); a != (Action{}) && a != in.Action {
			in.Objects[i].Action = &a
		}
		for _, g := range o.Geometries {
			in.Objects[i].Geometries = append(in.Objects[i].Geometries, GeometryMetadata{
				MethodPlan:     maskMethod(g.MethodPlan),
				MethodHeight:   maskMethod(g.MethodHeight),
				AccuracyPlan:   g.AccuracyPlan,
				AccuracyHeight: g.AccuracyHeight,
				SurveyedAt:     utc(g.SurveyedAt),
				Uncertain:      MaskIdentityNumbers(g.Uncertain),
			})
			surveyors = append(surveyors, MaskIdentityNumbers(g.Surveyor))
		}
	}
	if slices.ContainsFunc(surveyors, func(s string) bool { return s != "" }) {
		personal.Surveyors = surveyors
	}
	var record uint64
	now := r.now()
	err := r.sink.Append(ctx, in.Key, now.Add(-KeyWindow), func(head Head, earlier uint64) (*Entry, error) {
		b := next(head, kindIntent, now)
		b.Record = b.Seq
		if earlier != 0 {
			b.Record = earlier
		}
		b.Intent = in
		var row []byte
		if !personal.empty() {
			var err error
			row, in.Personal, err = newPersonalRow(b.Seq, personal)
			if err != nil {
				return nil, err
			}
		}
		e, err := r.sealEntry(b)
		if err != nil {
			return nil, err
		}
		e.Personal = row
		if earlier == 0 {
			e.Key = in.Key // a first intent: the one later calls join
		}
		record = b.Record
		return e, nil
	})
	if err != nil {
		return nil, fmt.Errorf("audit: record intent: %w", err)
	}
	return &Pending{r: r, record: record, objects: len(w.Objects)}, nil
}

// Settle records how the write ended and returns once the outcome is
// durable. A Pending is settled once; a failed Settle may be tried again.
// An intent never settled (the process stopped) is reported as
// ResultUnknown until Reconcile settles it.
func (p *Pending) Settle(ctx context.Context, a *Answer) error {
	if a == nil {
		return &InputError{Field: "Answer", Reason: "is nil", Err: ErrInvalidWrite}
	}
	if len(a.Receipts) > p.objects {
		return &InputError{Field: "Answer.Receipts", Reason: "more receipts than objects", Err: ErrInvalidWrite}
	}
	strs := []string{a.RequestID}
	if a.Failure != nil {
		strs = append(strs, a.Failure.Code)
	}
	for _, rc := range a.Receipts {
		strs = append(strs, rc.ID)
	}
	for _, s := range strs {
		if len(s) > MaxText || !utf8.ValidString(s) {
			return &InputError{Field: "Answer", Reason: fmt.Sprintf("a string is longer than %d bytes or not UTF-8", MaxText), Err: ErrInvalidWrite}
		}
	}
	if !p.settled.CompareAndSwap(false, true) {
		return &InputError{Field: "Pending", Reason: "already settled", Err: ErrInvalidWrite}
	}
	o := &Outcome{
		Result:    ResultApplied,
		RequestID: MaskIdentityNumbers(a.RequestID),
		Attempts:  a.Attempts,
	}
	if f := a.Failure; f != nil {
		o.Result, o.HTTPStatus, o.Code = ResultRefused, f.HTTPStatus, MaskIdentityNumbers(f.Code)
		if f.Uncertain {
			o.Result = ResultUncertain
		}
	} else {
		o.Receipts = maskReceipts(a.Receipts)
	}
	if err := p.r.appendOutcome(ctx, p.record, o); err != nil {
		p.settled.Store(false)
		return err
	}
	return nil
}

func (r *Recorder) appendOutcome(ctx context.Context, record uint64, o *Outcome) error {
	err := r.sink.Append(ctx, "", time.Time{}, func(head Head, _ uint64) (*Entry, error) {
		b := next(head, kindOutcome, r.now())
		b.Record, b.Outcome = record, o
		return r.sealEntry(b)
	})
	if err != nil {
		return fmt.Errorf("audit: record outcome: %w", err)
	}
	return nil
}

// Head returns the chain's newest entry, to export for safekeeping.
func (r *Recorder) Head(ctx context.Context) (Head, error) { return r.sink.Head(ctx) }

// next starts the entry after head, at time now unless head is later.
func next(head Head, kind string, now time.Time) *entryBody {
	t := now.UTC()
	if t.Before(head.Time) {
		t = head.Time
	}
	prev := head.MAC
	if head.Seq == 0 {
		prev = genesisMAC
	}
	return &entryBody{V: formatVersion, Seq: head.Seq + 1, Prev: prev, Time: t, Kind: kind}
}

func (r *Recorder) sealEntry(b *entryBody) (*Entry, error) {
	line, _, err := seal(r.key, b)
	if err != nil {
		return nil, err
	}
	return &Entry{Seq: b.Seq, Time: b.Time, Kind: b.Kind, Sealed: line}, nil
}

func checkWrite(actor Actor, w *Write) error {
	bad := func(field, reason string) error {
		return &InputError{Field: field, Reason: reason, Err: ErrInvalidWrite}
	}
	text := func(field, s string, max int) error {
		if len(s) > max {
			return bad(field, fmt.Sprintf("is longer than %d bytes", max))
		}
		if !utf8.ValidString(s) {
			return bad(field, "is not valid UTF-8")
		}
		return nil
	}
	if w.Operation == "" {
		return bad("Operation", "is required")
	}
	if len(w.Objects) == 0 || len(w.Objects) > MaxObjects {
		return bad("Objects", fmt.Sprintf("must hold 1–%d objects", MaxObjects))
	}
	checks := []struct {
		field string
		s     string
		max   int
	}{
		{"Actor.ID", actor.ID, MaxText}, {"Actor.Name", actor.Name, MaxText},
		{"Operation", w.Operation, MaxText}, {"IdempotencyKey", w.IdempotencyKey, MaxText},
		{"Action.Type", w.Action.Type, MaxText}, {"Action.Responsible", w.Action.Responsible, MaxText},
		{"Action.Performer", w.Action.Performer, MaxText}, {"Comment", w.Comment, MaxComment},
	}
	for _, c := range checks {
		if err := text(c.field, c.s, c.max); err != nil {
			return err
		}
	}
	for i, o := range w.Objects {
		p := fmt.Sprintf("Objects[%d].", i)
		if o.Type == "" {
			return bad(p+"Type", "is required")
		}
		if o.Version < 0 {
			return bad(p+"Version", "must not be negative")
		}
		for _, c := range []struct{ f, s string }{{"Change", o.Change}, {"Type", o.Type}, {"ID", o.ID}} {
			if err := text(p+c.f, c.s, MaxText); err != nil {
				return err
			}
		}
		for _, c := range []struct{ f, s string }{
			{"Action.Type", o.Action.Type}, {"Action.Responsible", o.Action.Responsible}, {"Action.Performer", o.Action.Performer},
		} {
			if err := text(p+c.f, c.s, MaxText); err != nil {
				return err
			}
		}
		if len(o.Geometries) > MaxObjects {
			return bad(p+"Geometries", fmt.Sprintf("more than %d geometries", MaxObjects))
		}
		for j, g := range o.Geometries {
			gp := fmt.Sprintf("%sGeometries[%d].", p, j)
			for _, c := range []struct{ f, s string }{
				{"MethodPlan.Type", g.MethodPlan.Type}, {"MethodPlan.Variant", g.MethodPlan.Variant},
				{"MethodHeight.Type", g.MethodHeight.Type}, {"MethodHeight.Variant", g.MethodHeight.Variant},
				{"Uncertain", g.Uncertain}, {"Surveyor", g.Surveyor},
			} {
				if err := text(gp+c.f, c.s, MaxText); err != nil {
					return err
				}
			}
			if !finiteNonNegative(g.AccuracyPlan) || !finiteNonNegative(g.AccuracyHeight) {
				return bad(gp[:len(gp)-1], "accuracies must be finite and not negative")
			}
		}
	}
	return nil
}

func finiteNonNegative(f float64) bool { return f >= 0 && f <= 1e9 }

func maskAction(a Action) Action {
	return Action{
		Type:        MaskIdentityNumbers(a.Type),
		Responsible: MaskIdentityNumbers(a.Responsible),
		Performer:   MaskIdentityNumbers(a.Performer),
		Time:        utc(a.Time),
	}
}

func maskMethod(m Method) Method {
	return Method{Type: MaskIdentityNumbers(m.Type), Variant: MaskIdentityNumbers(m.Variant)}
}

func maskReceipts(rs []Receipt) []Receipt {
	if len(rs) == 0 {
		return nil
	}
	out := make([]Receipt, len(rs))
	for i, x := range rs {
		out[i] = Receipt{ID: MaskIdentityNumbers(x.ID), Version: x.Version, ValidFrom: utc(x.ValidFrom)}
	}
	return out
}

func utc(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}
