package audit

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"
)

// Retention is a retention policy (gallringsbeslut): how long personal data
// and whole records are kept. Culling is the municipality's archive
// authority's decision, so nothing is culled by default: a zero field keeps
// what it governs for ever.
type Retention struct {
	// PersonalDays removes the personal part (actor, surveyor, comment) of
	// records older than this many days. The record stays, with the salted
	// digest the chain holds, so the chain still verifies and the data
	// cannot be recovered.
	PersonalDays int
	// RecordYears removes whole records older than this many years. A
	// purge record then tells Verify where the chain now starts.
	RecordYears int
}

// PurgeReport says what a Purge did.
type PurgeReport struct {
	// RemovedEntries and RemovedPersonal count the entries and the personal
	// parts removed, an interrupted earlier purge's included.
	RemovedEntries, RemovedPersonal int
	// Through is the last entry removed so far (by any purge);
	// PersonalThrough the last whose personal part is removed.
	Through, PersonalThrough uint64
	// Recorded is set when a purge record was written; a Purge that finds
	// nothing new to remove writes none, so Purge is idempotent.
	Recorded bool
}

// Purge applies a retention policy: it removes the personal parts and the
// records older than p allows, and records the purge in the chain, from
// which verification continues. It first verifies the chain and refuses to
// cull one that does not verify (a *VerifyError), since culling would
// destroy the evidence. A record is removed only with all its entries: an
// old intent whose outcome came late stays until its outcome is old too.
//
// Purge is crash-safe: the purge record is written first, and removal is
// atomic per file (a FileSink rewrites each file and renames it into place)
// or per transaction (PostgresSink); a Purge interrupted by a crash is
// finished by the next one. Run again with the same policy, it does
// nothing.
func (r *Recorder) Purge(ctx context.Context, p Retention) (*PurgeReport, error) {
	return r.purge(ctx, p, false)
}

// PlanPurge reports what Purge with p would remove now, and removes
// nothing: a dry run. Recorded then says that Purge would write a purge
// record. Like Purge it refuses a chain that does not verify.
func (r *Recorder) PlanPurge(ctx context.Context, p Retention) (*PurgeReport, error) {
	return r.purge(ctx, p, true)
}

func (r *Recorder) purge(ctx context.Context, p Retention, dryRun bool) (*PurgeReport, error) {
	if p.PersonalDays < 0 || p.RecordYears < 0 {
		return nil, errors.New("audit: retention periods must not be negative")
	}
	now := r.now().UTC()
	pl := purgePlan{now: now}
	if p.RecordYears > 0 {
		pl.recordsBefore = now.AddDate(-p.RecordYears, 0, 0)
	}
	if p.PersonalDays > 0 {
		pl.personalBefore = now.AddDate(0, 0, -p.PersonalDays)
	}
	rep := &PurgeReport{}
	err := r.sink.Cull(ctx, func(head Head, entries iter.Seq2[*Entry, error]) (*Cut, error) {
		*rep = PurgeReport{}
		c, err := r.planPurge(head, entries, &pl, rep)
		if dryRun {
			return nil, err // a nil cut removes nothing
		}
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("audit: purge: %w", err)
	}
	return rep, nil
}

type purgePlan struct {
	now, recordsBefore, personalBefore time.Time
}

// oldEntry is an entry old enough to be culled.
type oldEntry struct {
	seq uint64
	mac string
}

func (r *Recorder) planPurge(head Head, entries iter.Seq2[*Entry, error], pl *purgePlan, rep *PurgeReport) (*Cut, error) {
	v := verifier{key: r.key, rep: &Report{}}
	var (
		prevThrough, prevPersonal uint64
		prevThroughMAC            = genesisMAC
		old                       []oldEntry            // entries before recordsBefore, in order
		lastRef                   = map[uint64]uint64{} // an old record → its last entry
		personalCut               uint64                // the last entry before personalBefore
		held                      []uint64              // entries whose personal part is held
	)
	for e, err := range entries {
		if err != nil {
			return nil, err
		}
		if e.Personal != nil {
			held = append(held, e.Seq)
		}
		b, mac := v.entry(e)
		if b == nil {
			continue
		}
		if b.Kind == kindPurge {
			if b.Purge.Through > prevThrough {
				prevThrough, prevThroughMAC = b.Purge.Through, b.Purge.ThroughMAC
			}
			prevPersonal = max(prevPersonal, b.Purge.PersonalThrough)
		}
		if b.Time.Before(pl.recordsBefore) {
			old = append(old, oldEntry{b.Seq, mac})
			if b.Kind == kindIntent && b.Record == b.Seq {
				lastRef[b.Seq] = b.Seq
			}
		}
		if b.Record != 0 && b.Record != b.Seq {
			if _, ok := lastRef[b.Record]; ok {
				lastRef[b.Record] = b.Seq
			}
		}
		if b.Time.Before(pl.personalBefore) {
			personalCut = b.Seq
		}
	}
	v.finish(head, nil)
	if !v.rep.OK() {
		return nil, &VerifyError{Report: v.rep}
	}
	// The newest cut that splits no record: every record begun at or before
	// it has all its entries at or before it.
	var cut oldEntry
	var reach uint64
	for _, o := range old {
		reach = max(reach, lastRef[o.seq])
		if reach <= o.seq {
			cut = o
		}
	}
	through, throughMAC := prevThrough, prevThroughMAC
	if cut.seq > through {
		through, throughMAC = cut.seq, cut.mac
	}
	personal := max(prevPersonal, personalCut, through)
	for _, s := range held {
		if s <= personal {
			rep.RemovedPersonal++
		}
	}
	if v.rep.Entries > 0 && through >= v.rep.First {
		rep.RemovedEntries = int(min(through, v.rep.Last) - v.rep.First + 1)
	}
	rep.Through, rep.PersonalThrough = through, personal
	c := &Cut{Through: through, PersonalThrough: personal}
	newEntries := through > prevThrough
	newPersonal := false
	for _, s := range held {
		if s > max(prevPersonal, prevThrough) && s <= personal {
			newPersonal = true
			break
		}
	}
	if !newEntries && !newPersonal {
		return c, nil // at most, finish an interrupted purge
	}
	b := next(head, kindPurge, pl.now)
	b.Purge = &purgeBody{
		Through:         through,
		ThroughMAC:      throughMAC,
		PersonalThrough: personal,
		RecordsBefore:   pl.recordsBefore,
		PersonalBefore:  pl.personalBefore,
		RemovedEntries:  rep.RemovedEntries,
		RemovedPersonal: rep.RemovedPersonal,
	}
	e, err := r.sealEntry(b)
	if err != nil {
		return nil, err
	}
	c.Purge = e
	rep.Recorded = true
	return c, nil
}
