package audit

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"
)

// Query selects records. Zero fields select everything.
type Query struct {
	// ObjectID selects records that wrote the object with this
	// objektidentitet (an NGP change, recorded as
	// "mottagningsid/objektidentitet", matches its objektidentitet too).
	ObjectID string
	// ActorID selects records made by this actor. Records whose personal
	// part was removed no longer name their actor and are not selected.
	ActorID string
	// From and To select records whose intent was recorded at or after From
	// and before To.
	From, To time.Time
	// Results selects records with one of these results.
	Results []Result
}

func (q *Query) matchIntent(b *entryBody, p *personalData) bool {
	if q == nil {
		return true
	}
	if !q.From.IsZero() && b.Time.Before(q.From) {
		return false
	}
	if !q.To.IsZero() && !b.Time.Before(q.To) {
		return false
	}
	if q.ActorID != "" && (p == nil || p.Actor.ID != q.ActorID) {
		return false
	}
	if q.ObjectID != "" && !slices.ContainsFunc(b.Intent.Objects, func(o objectBody) bool {
		return o.ID == q.ObjectID || strings.HasSuffix(o.ID, "/"+q.ObjectID)
	}) {
		return false
	}
	return true
}

// sealedEntry is one entry whose MAC verified, decoded.
type sealedEntry struct {
	*Entry
	body     *entryBody
	personal *personalData // nil when absent or not matching the entry's digest
}

// scan yields the chain's entries whose MAC verifies, with their personal
// parts when those match the digest. Entries that do not verify are
// skipped, and the iteration ends with an error matching ErrTampered that
// counts them: run Verify to learn which.
func (r *Recorder) scan(ctx context.Context) iter.Seq2[sealedEntry, error] {
	return func(yield func(sealedEntry, error) bool) {
		skipped := 0
		for e, err := range r.sink.Entries(ctx) {
			if err != nil {
				yield(sealedEntry{}, err)
				return
			}
			if e.Sealed == nil {
				continue
			}
			b, _, err := openSealed(r.key, e.Sealed)
			if err != nil || b.Seq != e.Seq {
				skipped++
				continue
			}
			s := sealedEntry{Entry: e, body: b}
			if e.Personal != nil && b.Intent != nil {
				if seq, p, digest, err := openPersonalRow(e.Personal); err == nil && seq == b.Seq && digest == b.Intent.Personal {
					s.personal = p
				}
			}
			if !yield(s, nil) {
				return
			}
		}
		if skipped > 0 {
			yield(sealedEntry{}, fmt.Errorf("%w: %d entries skipped because their MAC does not match; run Verify", ErrTampered, skipped))
		}
	}
}

// recordState is what the first pass of Records keeps of a record.
type recordState struct {
	outcome  *Outcome
	repeats  int
	lastCall time.Time
}

// Records yields the records that q selects (nil: all), in the order of
// their first intent. It reads the chain twice: first to find each
// selected record's outcome, which it keeps in memory (a few hundred bytes
// a record), then to yield the records. Entries whose MAC does not verify
// are left out, and the iteration then ends with an error matching
// ErrTampered.
func (r *Recorder) Records(ctx context.Context, q *Query) iter.Seq2[*Record, error] {
	return func(yield func(*Record, error) bool) {
		states := map[uint64]*recordState{}
		var personalThrough uint64
		for s, err := range r.scan(ctx) {
			if err != nil {
				yield(nil, fmt.Errorf("audit: records: %w", err))
				return
			}
			b := s.body
			switch b.Kind {
			case kindPurge:
				personalThrough = max(personalThrough, b.Purge.PersonalThrough, b.Purge.Through)
			case kindIntent:
				if b.Record == b.Seq {
					if q.matchIntent(b, s.personal) {
						states[b.Seq] = &recordState{lastCall: b.Time}
					}
				} else if st := states[b.Record]; st != nil {
					st.repeats++
					st.lastCall = b.Time
					st.outcome = nil
				}
			case kindOutcome:
				if st := states[b.Record]; st != nil {
					st.settle(b)
				}
			}
		}
		if len(states) == 0 {
			return
		}
		for s, err := range r.scan(ctx) {
			if err != nil {
				yield(nil, fmt.Errorf("audit: records: %w", err))
				return
			}
			b := s.body
			st := states[b.Seq]
			if st == nil || b.Kind != kindIntent || b.Record != b.Seq {
				continue
			}
			rec := newRecord(b, s.personal, s.Personal != nil, personalThrough, st)
			if q != nil && len(q.Results) > 0 && !slices.Contains(q.Results, rec.Result()) {
				continue
			}
			if !yield(rec, nil) {
				return
			}
		}
	}
}

// settle applies an outcome entry. A later outcome replaces an earlier one,
// except that a reconciled outcome never replaces a definite answer from
// the client.
func (st *recordState) settle(b *entryBody) {
	o := *b.Outcome
	o.Seq, o.Time = b.Seq, b.Time
	if o.Reconciled && st.outcome != nil && !st.outcome.Reconciled &&
		(st.outcome.Result == ResultApplied || st.outcome.Result == ResultRefused) {
		return
	}
	st.outcome = &o
}

func newRecord(b *entryBody, p *personalData, held bool, personalThrough uint64, st *recordState) *Record {
	in := b.Intent
	rec := &Record{
		Seq:            b.Seq,
		Time:           b.Time,
		LastCall:       st.lastCall,
		Organisation:   in.Organisation,
		Operation:      in.Operation,
		Action:         in.Action,
		IdempotencyKey: in.Key,
		Objects:        make([]Object, len(in.Objects)),
		Repeats:        st.repeats,
		Outcome:        st.outcome,
	}
	switch {
	case p != nil:
		rec.Personal, rec.Actor, rec.Comment = PersonalHeld, p.Actor, p.Comment
	case in.Personal == "":
		rec.Personal = PersonalNone
	case !held && b.Seq <= personalThrough:
		rec.Personal = PersonalRemoved
	default:
		rec.Personal = PersonalMissing
	}
	k := 0 // the geometry's position among all the record's, for its surveyor
	for i, o := range in.Objects {
		obj := Object{Change: o.Change, Type: o.Type, ID: o.ID, VersionBefore: o.Version, Action: in.Action}
		if o.Action != nil {
			obj.Action = *o.Action
		}
		for _, g := range o.Geometries {
			if p != nil && k < len(p.Surveyors) {
				g.Surveyor = p.Surveyors[k]
			}
			obj.Geometries = append(obj.Geometries, g)
			k++
		}
		if out := st.outcome; out != nil && out.Result == ResultApplied && i < len(out.Receipts) {
			rc := out.Receipts[i]
			if obj.ID == "" {
				obj.ID = rc.ID
			}
			obj.VersionAfter, obj.ValidFrom = rc.Version, rc.ValidFrom
		}
		rec.Objects[i] = obj
	}
	return rec
}
