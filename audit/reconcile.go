package audit

import (
	"context"
	"fmt"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
)

// VersionFunc returns an object's current objektversion on the server, or
// 0 when the object does not exist. Reconcile calls it; Versions returns
// the one that asks the SDK's clients.
type VersionFunc func(ctx context.Context, objectType, id string) (int64, error)

// ReconcileOptions tunes Reconcile.
type ReconcileOptions struct {
	// OlderThan leaves alone records whose last call is more recent, since
	// another process may still be sending them; 0 means 15 minutes, more
	// than a write with all its retries can take.
	OlderThan time.Duration
}

// ReconcileReport counts what Reconcile settled.
type ReconcileReport struct {
	// Checked is how many records had no definite outcome.
	Checked int
	// Applied, NotApplied and Undetermined count the outcomes recorded.
	Applied, NotApplied, Undetermined int
	// Skipped counts records too recent to reconcile.
	Skipped int
}

// Reconcile settles records whose outcome is unknown (the process stopped
// while the write was in flight) or uncertain (the write failed without a
// clear answer), by asking current for each object's version now:
//
//   - an update, retirement or other change of version v (a deficiency or
//     case action records the version read just before it): applied when
//     the object is past v, not applied when it is still at v;
//   - a create, or the registration of an NGP change: applied when the
//     object exists, not applied when it does not (a write whose id the
//     server was to assign, such as an NGP mottagning, cannot be looked up,
//     and stays undetermined);
//   - an NGP upload is recorded at version 1 (its change registered) and
//     Versions reads 2 once the object arrived; a re-upload after
//     valideringsfel cannot be told from the first by the status alone and
//     reads as applied;
//   - a transaction is all or nothing: applied when any member shows the
//     change, not applied when none does, undetermined when they disagree.
//
// A newer version may be someone else's change: a reconciled outcome says
// so (Outcome.Reconciled) and carries the versions observed. Each record is
// reconciled once; a later direct answer (the caller repeated the write
// with its key) replaces the reconciled outcome. Run Reconcile on start,
// before new writes.
func (r *Recorder) Reconcile(ctx context.Context, current VersionFunc, opts *ReconcileOptions) (*ReconcileReport, error) {
	if current == nil {
		return nil, fmt.Errorf("audit: reconcile: nil VersionFunc")
	}
	grace := 15 * time.Minute
	if opts != nil && opts.OlderThan > 0 {
		grace = opts.OlderThan
	}
	cutoff := r.now().Add(-grace)
	rep := &ReconcileReport{}
	var todo []*Record
	q := &Query{Results: []Result{ResultUnknown, ResultUncertain}}
	for rec, err := range r.Records(ctx, q) {
		if err != nil {
			return rep, fmt.Errorf("audit: reconcile: %w", err)
		}
		if rec.Outcome != nil && rec.Outcome.Reconciled {
			continue // reconciled before, and undetermined then
		}
		if rec.LastCall.After(cutoff) {
			rep.Skipped++
			continue
		}
		todo = append(todo, rec)
	}
	for _, rec := range todo {
		rep.Checked++
		o, err := reconcileRecord(ctx, rec, current)
		if err != nil {
			return rep, fmt.Errorf("audit: reconcile record %d: %w", rec.Seq, err)
		}
		if err := r.appendOutcome(ctx, rec.Seq, o); err != nil {
			return rep, err
		}
		switch o.Result {
		case ResultApplied:
			rep.Applied++
		case ResultNotApplied:
			rep.NotApplied++
		default:
			rep.Undetermined++
		}
	}
	return rep, nil
}

func reconcileRecord(ctx context.Context, rec *Record, current VersionFunc) (*Outcome, error) {
	o := &Outcome{Reconciled: true, Receipts: make([]Receipt, len(rec.Objects))}
	applied, notApplied := 0, 0
	for i, obj := range rec.Objects {
		if obj.ID == "" {
			continue // the server was to assign it: nothing to look up
		}
		v, err := current(ctx, obj.Type, obj.ID)
		if err != nil {
			return nil, err
		}
		o.Receipts[i] = Receipt{ID: obj.ID, Version: v}
		switch {
		case creates(obj.Change):
			if v > 0 {
				applied++
			} else {
				notApplied++
			}
		case obj.VersionBefore == 0:
			// A change recorded without the version it was based on: the
			// version now cannot tell.
		case v > obj.VersionBefore:
			applied++
		case v == obj.VersionBefore:
			notApplied++
		}
		// An object gone, or older than the write's base: undetermined.
	}
	switch {
	case applied > 0 && notApplied == 0:
		o.Result = ResultApplied
	case notApplied > 0 && applied == 0 && notApplied == countIDs(rec.Objects):
		o.Result = ResultNotApplied
	default:
		o.Result = ResultUncertain
	}
	return o, nil
}

// creates reports whether a change brings its object into being, so that
// its existence alone shows it applied: a create, and the registration of
// an NGP change (a leverans or a radering).
func creates(change string) bool {
	switch change {
	case string(bal.WriteCreate), string(bal.WriteDeliver), string(bal.WriteDelete):
		return true
	}
	return false
}

func countIDs(objs []Object) int {
	n := 0
	for _, o := range objs {
		if o.ID != "" {
			n++
		}
	}
	return n
}
