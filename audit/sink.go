package audit

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"
)

// Sink stores a chain of sealed entries and their personal parts. The
// package provides FileSink (JSON lines, the embedded default) and
// PostgresSink; another store implements these five methods. A Sink never
// interprets an entry beyond the fields Entry names: sealing, chaining and
// verifying are the Recorder's.
//
// A Sink must keep the chain right when several processes write to it at
// once: Append and Cull run their callback and store its result under one
// lock that excludes every other Append and Cull, in this process and in
// others.
type Sink interface {
	// Head returns the newest entry's position and MAC (the zero Head for an
	// empty chain).
	Head(ctx context.Context) (Head, error)
	// Append stores one entry at the end of the chain. Under the sink's
	// write lock it calls seal with the current head and, when key is not
	// empty, the position of the newest entry stored with that Entry.Key at
	// or after since (0 if none); seal returns the entry to store. Append
	// returns once the entry and its personal part are durable.
	Append(ctx context.Context, key string, since time.Time, seal func(head Head, earlier uint64) (*Entry, error)) error
	// Entries yields the chain's entries in order, each with its personal
	// part if the sink still holds it. It sees the chain as it was when it
	// started.
	Entries(ctx context.Context) iter.Seq2[*Entry, error]
	// Cull removes what a retention policy says. Under the sink's write lock
	// it calls plan with the current head and the chain's entries, then
	// stores the plan's purge entry, if any, and removes the entries and
	// personal parts the plan names, so that a crash at any point leaves a
	// chain that verifies and a plan that a repeated Cull completes.
	Cull(ctx context.Context, plan func(head Head, entries iter.Seq2[*Entry, error]) (*Cut, error)) error
	// Close releases the sink's resources.
	Close() error
}

// KeyWindow is how long an idempotency key joins later calls to its record:
// the time Lantmäteriet remembers a key. A call with the same key after the
// window is a new write to the server and gets a new record.
const KeyWindow = 24 * time.Hour

// Entry is one link of the chain as a sink stores it.
type Entry struct {
	// Seq is the entry's position, from 1.
	Seq uint64
	// Time is when it was sealed. Set on Append; a sink may leave it zero
	// when yielding entries.
	Time time.Time
	// Kind is "intent", "outcome" or "purge". Set on Append.
	Kind string
	// Key is the idempotency key of a record's first intent, for the
	// sink's key lookup; empty for every other entry. Set on Append.
	Key string
	// Sealed is the entry: a JSON object whose last member is its MAC.
	Sealed []byte
	// Personal is the entry's personal part (JSON), or nil when it has none
	// or it was removed.
	Personal []byte
}

// Cut is what a Cull removes.
type Cut struct {
	// Purge is the purge entry recording the cut, stored before anything is
	// removed; nil when the cut only completes an earlier purge.
	Purge *Entry
	// Through removes every entry with Seq ≤ Through (and its personal
	// part).
	Through uint64
	// PersonalThrough removes the personal part of every entry with
	// Seq ≤ PersonalThrough.
	PersonalThrough uint64
}

// Head is the newest entry of a chain. Export heads now and then (to the
// case system, a mail, paper) and hand them to Verify: a chain that no
// longer holds an exported head, or ends before it, was cut or rewritten.
type Head struct {
	// Seq is the entry's position.
	Seq uint64
	// MAC is its MAC, in lower-case hex.
	MAC string
	// Time is when it was sealed.
	Time time.Time
}

// String returns "seq:mac", the form ParseHead reads.
func (h Head) String() string { return strconv.FormatUint(h.Seq, 10) + ":" + h.MAC }

// ParseHead reads a head written by Head.String.
func ParseHead(s string) (Head, error) {
	seq, mac, ok := strings.Cut(strings.TrimSpace(s), ":")
	n, err := strconv.ParseUint(seq, 10, 64)
	if !ok || err != nil || n == 0 || !isMACHex(mac) {
		return Head{}, fmt.Errorf("audit: head %q: want seq:mac (a position and 64 hex digits)", truncate(s, 100))
	}
	return Head{Seq: n, MAC: mac}, nil
}

// isMACHex reports whether s is a MAC as the chain writes it: 64 lower-case
// hex digits. Upper case is refused so that one MAC has one spelling.
func isMACHex(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
