package address

import (
	"context"
	"iter"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/objects"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// CourtyardAreaService registers, changes, retires, reads and searches gårdsadressområden
// through Lantmäteriet's update services (tjänstebaserad uppdatering):
// Client.CourtyardAreas.
//
// Every write validates the courtyard area and the action first (nothing is sent
// while either is invalid), takes the åtgärdstyp from ActionTypes ("Ny",
// "Ändrad", "Borttagen" …), stamps the action with the time of the call
// when its Time is zero, and sends an Idempotency-Key that its retries
// reuse, so a write is applied once however often it has to be resent.
type CourtyardAreaService struct {
	s *objects.Service[CourtyardArea, *update1.Gardsadressomrade]
}

func newCourtyardAreaService(t *transport.Transport) *CourtyardAreaService {
	return &CourtyardAreaService{s: objects.NewService(t, courtyardAreaCodec)}
}

// Get reads a courtyard area: the current version, or the one opts names.
func (s *CourtyardAreaService) Get(ctx context.Context, id bal.ObjectID, opts *bal.GetOptions) (*CourtyardArea, error) {
	return s.s.Get(ctx, id, opts)
}

// Search finds courtyard areas matching q. Pages are fetched as the loop reaches
// them; the sequence ends after the first error.
func (s *CourtyardAreaService) Search(ctx context.Context, q bal.Query, opts *bal.SearchOptions) iter.Seq2[bal.Hit, error] {
	return s.s.Search(ctx, q, opts)
}

// Create registers a new courtyard area, usually with ActionNew ("Ny"). A courtyard area
// without an ID gets a client-generated objektidentitet, which the receipt
// carries.
func (s *CourtyardAreaService) Create(ctx context.Context, ca *CourtyardArea, a bal.Action) (*bal.Receipt, error) {
	return s.s.Create(ctx, ca, a)
}

// Update changes a courtyard area. ca carries the objektversion it was read at; if
// the courtyard area has changed since, the answer is a *bal.ConflictError with the
// current version (Modify resolves that for you).
func (s *CourtyardAreaService) Update(ctx context.Context, ca *CourtyardArea, a bal.Action) (*bal.Receipt, error) {
	return s.s.Update(ctx, ca, a)
}

// Retire avregistrerar a courtyard area at the version it was read at, usually
// with ActionRemoved ("Borttagen"). A retired object keeps status
// Avregistrerad for good (rule BAL-3015).
func (s *CourtyardAreaService) Retire(ctx context.Context, id bal.ObjectID, version bal.Version, a bal.Action) (*bal.Receipt, error) {
	return s.s.Retire(ctx, id, version, a)
}

// Modify reads the courtyard area, lets change apply the caller's change, and
// updates it; on a version conflict it reads again and re-applies, up to
// opts.MaxAttempts rounds (default 3). change may run more than once, each
// time on a freshly read courtyard area. A status change away from Avregistrerad
// is refused before sending (rule BAL-3015).
func (s *CourtyardAreaService) Modify(ctx context.Context, id bal.ObjectID, change func(*CourtyardArea) error, a bal.Action, opts *bal.ModifyOptions) (*bal.Receipt, error) {
	return s.s.Modify(ctx, id, change, a, opts)
}

// AddCreate validates a new courtyard area and adds it to tx. A courtyard area without an
// ID gets one here, so later members can refer to it.
func (s *CourtyardAreaService) AddCreate(tx *bal.Transaction, ca *CourtyardArea, a bal.Action) error {
	return s.s.AddCreate(tx, ca, a)
}

// AddUpdate validates a change of a courtyard area and adds it to tx.
func (s *CourtyardAreaService) AddUpdate(tx *bal.Transaction, ca *CourtyardArea, a bal.Action) error {
	return s.s.AddUpdate(tx, ca, a)
}

// AddRetire validates the retirement of a courtyard area and adds it to tx.
func (s *CourtyardAreaService) AddRetire(tx *bal.Transaction, id bal.ObjectID, version bal.Version, a bal.Action) error {
	return s.s.AddRetire(tx, id, version, a)
}
