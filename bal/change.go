package bal

import (
	"errors"
	"time"

	"github.com/tjanstebaserad/bal-go/internal/codelist"
	"github.com/tjanstebaserad/bal-go/internal/feedobj"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
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
	// Body is the object at Version in full, when the feed was read with
	// ChangesOptions.WithObjects (objekt=med); nil otherwise, and for a
	// retirement (Avregistrerad), which carries none. Decode it with the
	// typed package's FromChange (building.FromChange,
	// address.PointFromChange …).
	Body *ObjectBody
}

// ObjectBody is the object a change carries (objekt=med), kept as the feed
// wrote it until a typed package decodes it.
type ObjectBody struct{ o update1.Objekt }

// ErrNoBody is returned by the typed FromChange functions for a change that
// carries no object (the feed was read without ChangesOptions.WithObjects,
// or the change is a retirement) or one of another type.
var ErrNoBody = errors.New("bal: the change carries no object of that type")

func init() {
	feedobj.SetObject(func(body any) update1.Objekt {
		if b, ok := body.(*ObjectBody); ok && b != nil {
			return b.o
		}
		return nil
	})
}
