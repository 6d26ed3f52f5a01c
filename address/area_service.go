package address

import (
	"context"
	"iter"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/objects"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// AreaService registers, changes, retires, reads and searches adressområden
// through Lantmäteriet's update services (tjänstebaserad uppdatering):
// Client.Areas.
//
// Every write validates the address area and the action first (nothing is sent
// while either is invalid), takes the åtgärdstyp from ActionTypes ("Ny",
// "Ändrad", "Borttagen" …), stamps the action with the time of the call
// when its Time is zero, and sends an Idempotency-Key that its retries
// reuse, so a write is applied once however often it has to be resent.
type AreaService struct {
	s *objects.Service[Area, *update1.Adressomrade]
}

func newAreaService(t *transport.Transport) *AreaService {
	return &AreaService{s: objects.NewService(t, areaCodec)}
}

// Get reads an address area: the current version, or the one opts names.
func (s *AreaService) Get(ctx context.Context, id bal.ObjectID, opts *bal.GetOptions) (*Area, error) {
	return s.s.Get(ctx, id, opts)
}

// Search finds address areas matching q. Pages are fetched as the loop reaches
// them; the sequence ends after the first error.
func (s *AreaService) Search(ctx context.Context, q bal.Query, opts *bal.SearchOptions) iter.Seq2[bal.Hit, error] {
	return s.s.Search(ctx, q, opts)
}

// Create registers a new address area, usually with ActionNew ("Ny"). An address area
// without an ID gets a client-generated objektidentitet, which the receipt
// carries.
func (s *AreaService) Create(ctx context.Context, ar *Area, a bal.Action) (*bal.Receipt, error) {
	return s.s.Create(ctx, ar, a)
}

// Update changes an address area. ar carries the objektversion it was read at; if
// the address area has changed since, the answer is a *bal.ConflictError with the
// current version (Modify resolves that for you).
func (s *AreaService) Update(ctx context.Context, ar *Area, a bal.Action) (*bal.Receipt, error) {
	return s.s.Update(ctx, ar, a)
}

// Retire avregistrerar an address area at the version it was read at, usually
// with ActionRemoved ("Borttagen"). A retired object keeps status
// Avregistrerad for good (rule BAL-3015).
func (s *AreaService) Retire(ctx context.Context, id bal.ObjectID, version bal.Version, a bal.Action) (*bal.Receipt, error) {
	return s.s.Retire(ctx, id, version, a)
}

// Modify reads the address area, lets change apply the caller's change, and
// updates it; on a version conflict it reads again and re-applies, up to
// opts.MaxAttempts rounds (default 3). change may run more than once, each
// time on a freshly read address area. A status change away from Avregistrerad
// is refused before sending (rule BAL-3015).
func (s *AreaService) Modify(ctx context.Context, id bal.ObjectID, change func(*Area) error, a bal.Action, opts *bal.ModifyOptions) (*bal.Receipt, error) {
	return s.s.Modify(ctx, id, change, a, opts)
}

// AddCreate validates a new address area and adds it to tx. An address area without an
// ID gets one here, so later members can refer to it.
func (s *AreaService) AddCreate(tx *bal.Transaction, ar *Area, a bal.Action) error {
	return s.s.AddCreate(tx, ar, a)
}

// AddUpdate validates a change of an address area and adds it to tx.
func (s *AreaService) AddUpdate(tx *bal.Transaction, ar *Area, a bal.Action) error {
	return s.s.AddUpdate(tx, ar, a)
}

// AddRetire validates the retirement of an address area and adds it to tx.
func (s *AreaService) AddRetire(tx *bal.Transaction, id bal.ObjectID, version bal.Version, a bal.Action) error {
	return s.s.AddRetire(tx, id, version, a)
}
