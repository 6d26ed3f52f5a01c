package audit

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ProblemKind says what Verify found wrong.
type ProblemKind string

// The problems Verify reports.
const (
	// ProblemMalformed: a line or row is not a sealed entry (bytes changed
	// so that it no longer parses, lines joined or split).
	ProblemMalformed ProblemKind = "malformed"
	// ProblemEdited: an entry's MAC does not match its bytes: it was
	// changed, or written without the key (forged, inserted).
	ProblemEdited ProblemKind = "edited"
	// ProblemMissing: entries are absent between two others (removed).
	ProblemMissing ProblemKind = "missing"
	// ProblemOutOfOrder: an entry stands after one it should precede
	// (reordered, moved, or a copy inserted).
	ProblemOutOfOrder ProblemKind = "out-of-order"
	// ProblemBrokenLink: an entry does not name the entry before it.
	ProblemBrokenLink ProblemKind = "broken-link"
	// ProblemHeadRemoved: the chain does not start at its first entry and
	// no purge record accounts for the entries before.
	ProblemHeadRemoved ProblemKind = "head-removed"
	// ProblemTailCut: the chain ends before an exported head, or before the
	// head the sink keeps.
	ProblemTailCut ProblemKind = "tail-cut"
	// ProblemAnchor: an exported head names an entry that is now different:
	// the chain was rewritten.
	ProblemAnchor ProblemKind = "anchor-mismatch"
	// ProblemTime: an entry's time is before the time of the entry before.
	ProblemTime ProblemKind = "time"
	// ProblemPersonal: a personal part does not match the digest its entry
	// holds, or belongs to no entry.
	ProblemPersonal ProblemKind = "personal"
	// ProblemPersonalMissing: an entry names a personal part that is gone,
	// though no purge removed it.
	ProblemPersonalMissing ProblemKind = "personal-missing"
)

// Problem is one thing Verify found wrong.
type Problem struct {
	// Kind says what is wrong.
	Kind ProblemKind
	// Position is where, counting the chain's lines or rows from 1 in the
	// order the sink yields them (for a FileSink, the line number in the
	// chain file); for a personal part, the line of its entry, or of the
	// entry before it when it belongs to none; 0 for the chain as a whole.
	Position int
	// Seq is the entry's position as the chain numbers it, when known: the
	// entry concerned, or the first one missing.
	Seq uint64
	// Detail says more, in words.
	Detail string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s at position %d (entry %d): %s", p.Kind, p.Position, p.Seq, p.Detail)
}

// Report is what Verify found.
type Report struct {
	// Entries counts the chain's entries read; Records the records (first
	// intents) among them.
	Entries, Records int
	// First and Last are the positions of the first and last entries.
	First, Last uint64
	// Head is the last valid entry: export it for safekeeping.
	Head Head
	// PurgedThrough is the last entry a purge removed; PersonalThrough the
	// last whose personal part a purge removed.
	PurgedThrough, PersonalThrough uint64
	// Unfinished is set when a purge record names entries or personal parts
	// still held: the purge was interrupted, and the next Purge completes
	// it. The chain still verifies.
	Unfinished bool
	// Problems lists everything wrong, in chain order; empty when the chain
	// verifies.
	Problems []Problem
}

// OK reports whether the chain verified.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// ErrTampered is matched by the error Verify returns when it found a
// problem.
var ErrTampered = errors.New("audit: the chain does not verify")

// VerifyError is the error Verify returns when it found a problem.
type VerifyError struct{ Report *Report }

func (e *VerifyError) Error() string {
	ps := e.Report.Problems
	var b strings.Builder
	fmt.Fprintf(&b, "audit: the chain does not verify: %d problems", len(ps))
	if e.Report.Entries == 0 && len(ps) > 0 && !slices.ContainsFunc(ps, func(p Problem) bool { return p.Kind != ProblemEdited }) {
		b.WriteString(" (no entry's MAC matches: is Options.Key the chain's key?)")
	}
	for i, p := range ps {
		if i == 3 {
			b.WriteString("; …")
			break
		}
		b.WriteString("; ")
		b.WriteString(p.String())
	}
	return b.String()
}

// Is matches ErrTampered.
func (e *VerifyError) Is(target error) bool { return target == ErrTampered }

// VerifyOptions tunes Verify.
type VerifyOptions struct {
	// Anchors are heads exported earlier (Recorder.Head). Each must still be
	// in the chain with the same MAC, unless a purge removed it, and the
	// chain must reach the newest: that detects a cut tail and a chain
	// rewritten by someone holding the key.
	Anchors []Head
}

// maxProblems bounds a report: a chain damaged throughout says so within
// the first thousand.
const maxProblems = 1000

// Verify reads the whole chain and checks every entry's MAC, its place
// after the entry before it, the personal parts' digests, the purge
// records that account for removed entries, and the anchors. It returns the
// report, and a *VerifyError (matching ErrTampered) when it found a
// problem; any other error means the chain could not be read.
//
// Without anchors, an intact chain whose last entries were removed cannot
// be told from a shorter one: export heads regularly.
func (r *Recorder) Verify(ctx context.Context, opts *VerifyOptions) (*Report, error) {
	// The sink's head is read first, so that entries appended while the
	// chain is read cannot look like a cut.
	sinkHead, err := r.sink.Head(ctx)
	if err != nil {
		return nil, fmt.Errorf("audit: verify: %w", err)
	}
	v := verifier{key: r.key, rep: &Report{}, anchors: map[uint64]string{}}
	if opts != nil {
		for _, a := range opts.Anchors {
			v.anchors[a.Seq] = a.MAC
		}
	}
	for e, err := range r.sink.Entries(ctx) {
		if err != nil {
			return nil, fmt.Errorf("audit: verify: %w", err)
		}
		v.entry(e)
	}
	v.finish(sinkHead, opts)
	if !v.rep.OK() {
		return v.rep, &VerifyError{Report: v.rep}
	}
	return v.rep, nil
}

type verifier struct {
	key     []byte
	rep     *Report
	pos     int
	maxSeen uint64 // the highest position any parseable entry claims
	last    *entryBody
	lastMAC string
	start   *entryBody // the first valid entry, when it is not entry 1
	purges  []*purgeBody
	anchors map[uint64]string
	found   map[uint64]bool
	// noPersonal are intents whose personal part is absent; judged at the
	// end, against the purges.
	noPersonal []problemAt
	// heldPersonal are the smallest positions with a personal part still
	// held, judged at the end against the purges.
	firstHeldPersonal uint64
}

type problemAt struct {
	pos int
	seq uint64
}

func (v *verifier) problem(kind ProblemKind, pos int, seq uint64, format string, args ...any) {
	if len(v.rep.Problems) < maxProblems {
		v.rep.Problems = append(v.rep.Problems, Problem{Kind: kind, Position: pos, Seq: seq, Detail: fmt.Sprintf(format, args...)})
	}
}

// entry checks the next entry and returns it decoded, with its MAC, when
// its MAC is right (nil otherwise).
func (v *verifier) entry(e *Entry) (*entryBody, string) {
	if e.Sealed == nil {
		v.problem(ProblemPersonal, v.pos, e.Seq, "a personal part (naming entry %d) that belongs to no entry", e.Seq)
		return nil, ""
	}
	v.pos++
	b, mac, err := openSealed(v.key, e.Sealed)
	switch {
	case errors.Is(err, errBadMAC):
		seq := e.Seq
		if p, _, ok := peekEntry(e.Sealed); ok {
			seq = p.Seq
			v.maxSeen = max(v.maxSeen, seq)
		}
		v.problem(ProblemEdited, v.pos, seq, "the MAC does not match the entry: changed, or written without the key")
		return nil, ""
	case err != nil:
		v.problem(ProblemMalformed, v.pos, e.Seq, "not a sealed entry")
		return nil, ""
	}
	if e.Seq != b.Seq {
		v.problem(ProblemMalformed, v.pos, b.Seq, "stored as entry %d", e.Seq)
	}
	v.rep.Entries++
	v.maxSeen = max(v.maxSeen, b.Seq)
	if v.last == nil {
		v.rep.First = b.Seq
		if b.Seq == 1 {
			if b.Prev != genesisMAC {
				v.problem(ProblemBrokenLink, v.pos, b.Seq, "the first entry does not start a chain")
			}
		} else {
			v.start = b // accounted for by a purge record, checked at the end
		}
	} else {
		switch {
		case b.Seq == v.last.Seq+1:
			if b.Prev != v.lastMAC {
				v.problem(ProblemBrokenLink, v.pos, b.Seq, "does not name entry %d as the one before", v.last.Seq)
			}
		case b.Seq > v.last.Seq+1:
			if b.Seq-v.last.Seq == 2 {
				v.problem(ProblemMissing, v.pos, v.last.Seq+1, "entry %d is missing before entry %d", v.last.Seq+1, b.Seq)
			} else {
				v.problem(ProblemMissing, v.pos, v.last.Seq+1, "entries %d–%d are missing before entry %d", v.last.Seq+1, b.Seq-1, b.Seq)
			}
		case b.Seq == v.last.Seq && mac == v.lastMAC:
			v.problem(ProblemOutOfOrder, v.pos, b.Seq, "a copy of entry %d", b.Seq)
			return b, mac
		default:
			v.problem(ProblemOutOfOrder, v.pos, b.Seq, "entry %d stands after entry %d", b.Seq, v.last.Seq)
			return b, mac // keep checking the rest against the furthest entry
		}
		if b.Time.Before(v.last.Time) {
			v.problem(ProblemTime, v.pos, b.Seq, "its time is before that of entry %d", v.last.Seq)
		}
	}
	v.last, v.lastMAC = b, mac
	v.rep.Last = b.Seq
	v.rep.Head = Head{Seq: b.Seq, MAC: mac, Time: b.Time}
	if want, ok := v.anchors[b.Seq]; ok {
		if v.found == nil {
			v.found = map[uint64]bool{}
		}
		v.found[b.Seq] = true
		if want != mac {
			v.problem(ProblemAnchor, v.pos, b.Seq, "an exported head names this entry with another MAC: the chain was rewritten")
		}
	}
	switch b.Kind {
	case kindPurge:
		v.purges = append(v.purges, b.Purge)
	case kindIntent:
		if b.Record == b.Seq {
			v.rep.Records++
		}
	}
	v.personal(e, b)
	return b, mac
}

// personal checks an entry's personal part against the digest it holds.
func (v *verifier) personal(e *Entry, b *entryBody) {
	want := ""
	if b.Intent != nil {
		want = b.Intent.Personal
	}
	switch {
	case e.Personal == nil && want != "":
		v.noPersonal = append(v.noPersonal, problemAt{v.pos, b.Seq})
	case e.Personal != nil && want == "":
		v.problem(ProblemPersonal, v.pos, b.Seq, "a personal part for an entry that has none")
	case e.Personal != nil:
		seq, _, digest, err := openPersonalRow(e.Personal)
		switch {
		case err != nil:
			v.problem(ProblemPersonal, v.pos, b.Seq, "the personal part is not in its stored form")
		case seq != b.Seq || digest != want:
			v.problem(ProblemPersonal, v.pos, b.Seq, "the personal part does not match the entry's digest")
		}
		if v.firstHeldPersonal == 0 {
			v.firstHeldPersonal = b.Seq
		}
	}
}

func (v *verifier) finish(sinkHead Head, opts *VerifyOptions) {
	for _, p := range v.purges {
		v.rep.PurgedThrough = max(v.rep.PurgedThrough, p.Through)
		v.rep.PersonalThrough = max(v.rep.PersonalThrough, p.PersonalThrough, p.Through)
	}
	if s := v.start; s != nil {
		ok := false
		for _, p := range v.purges {
			if p.Through == s.Seq-1 && p.ThroughMAC == s.Prev {
				ok = true
			}
		}
		if !ok {
			v.problem(ProblemHeadRemoved, 0, s.Seq, "the chain starts at entry %d and no purge record accounts for the entries before", s.Seq)
		}
	}
	if v.rep.PurgedThrough >= v.rep.First && v.rep.Entries > 0 {
		v.rep.Unfinished = true
	}
	if v.firstHeldPersonal != 0 && v.firstHeldPersonal <= v.rep.PersonalThrough {
		v.rep.Unfinished = true
	}
	for _, m := range v.noPersonal {
		if m.seq > v.rep.PersonalThrough {
			v.problem(ProblemPersonalMissing, m.pos, m.seq, "the entry's personal part is gone, and no purge removed it")
		}
	}
	last := v.rep.Last
	if sinkHead.Seq > v.maxSeen || (sinkHead.Seq == last && last != 0 && sinkHead.MAC != v.lastMAC) {
		v.problem(ProblemTailCut, 0, sinkHead.Seq, "the sink's head names entry %d; the chain's last valid entry is %d", sinkHead.Seq, last)
	}
	if opts == nil {
		return
	}
	for _, a := range opts.Anchors {
		if v.found[a.Seq] {
			continue
		}
		switch {
		case a.Seq > last:
			v.problem(ProblemTailCut, 0, a.Seq, "an exported head names entry %d; the chain ends at entry %d", a.Seq, last)
		case a.Seq <= v.rep.PurgedThrough && a.Seq < v.rep.First:
			// Removed by a purge; the purge record vouches for the one entry
			// it names.
			for _, p := range v.purges {
				if p.Through == a.Seq && p.ThroughMAC != a.MAC {
					v.problem(ProblemAnchor, 0, a.Seq, "an exported head names purged entry %d with another MAC", a.Seq)
				}
			}
		default:
			v.problem(ProblemAnchor, 0, a.Seq, "an exported head names entry %d, which is not in the chain", a.Seq)
		}
	}
}
