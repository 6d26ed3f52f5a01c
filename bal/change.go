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

var changeKinds = codelist.Define(ChangeCreated, ChangeModified, ChangeRetired)

// UnmarshalText reads a förändringstyp in any case or spelling; an unknown
// value is kept as it came. It never fails (see bal.Codes).
func (k *ChangeKind) UnmarshalText(text []byte) error { return changeKinds.Decode(k, text) }

// MarshalText writes k in Lantmäteriet's spelling.
func (k ChangeKind) MarshalText() ([]byte, error) { return changeKinds.Encode(k) }

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
