package bal

import (
	"time"

	"github.com/tjanstebaserad/bal-go/internal/codelist"
)

// Checkpoint is a position in Lantmäteriet's change feed. It is opaque: store
// it as it is and hand it back to resume. The zero Checkpoint means "from
// the oldest change the server still keeps".
type Checkpoint string

// IsZero reports whether c is the start of the feed.
func (c Checkpoint) IsZero() bool { return c == "" }

// ChangeKind is a förändringstyp.
type ChangeKind string

// The förändringstyp values of the change feed.
const (
	ChangeCreated  ChangeKind = "Ny"
	ChangeModified ChangeKind = "Ändrad"
	ChangeRetired  ChangeKind = "Avregistrerad"
)

var changeKinds = codelist.New(ChangeCreated, ChangeModified, ChangeRetired)

// ParseChangeKind returns the ChangeKind that s spells; unknown values are
// kept.
func ParseChangeKind(s string) ChangeKind { return changeKinds.Parse(s) }

// Known reports whether k is a known förändringstyp, spelled exactly.
func (k ChangeKind) Known() bool { return changeKinds.Known(k) }

// Change (förändring) is one entry of the change feed: object Object went to
// Version at Time.
type Change struct {
	// Sequence is the sekvensnummer; it strictly increases along the feed.
	Sequence int64
	// Object names the changed object.
	Object ObjectRef
	// Version is the objektversion the change produced.
	Version Version
	// Kind is the förändringstyp.
	Kind ChangeKind
	// Time is when the change was made.
	Time time.Time
	// Checkpoint is where to resume after this change has been processed.
	// Persist it only once the change is safely applied on your side.
	Checkpoint Checkpoint
}
