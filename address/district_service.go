package address

import (
	"context"
	"iter"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/objects"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// DistrictService registers, changes, retires, reads and searches kommundelar
// through Lantmäteriet's update services (tjänstebaserad uppdatering):
// Client.Districts.
//
// Every write validates the district and the action first (nothing is sent
// while either is invalid), takes the åtgärdstyp from ActionTypes ("Ny",
// "Ändrad", "Borttagen" …), stamps the action with the time of the call
// when its Time is zero, and sends an Idempotency-Key that its retries
// reuse, so a write is applied once however often it has to be resent.
type DistrictService struct {
	s *objects.Service[District, *update1.Kommundel]
}

func newDistrictService(t *transport.Transport) *DistrictService {
	return &DistrictService{s: objects.NewService(t, districtCodec)}
}

// Get reads a district: the current version, or the one opts names.
func (s *DistrictService) Get(ctx context.Context, id bal.ObjectID, opts *bal.GetOptions) (*District, error) {
	return s.s.Get(ctx, id, opts)
}

// Search finds districts matching q. Pages are fetched as the loop reaches
// them; the sequence ends after the first error.
func (s *DistrictService) Search(ctx context.Context, q bal.Query, opts *bal.SearchOptions) iter.Seq2[bal.Hit, error] {
	return s.s.Search(ctx, q, opts)
}

// Create registers a new district, usually with ActionNew ("Ny"). A district
// without an ID gets a client-generated objektidentitet, which the receipt
// carries.
func (s *DistrictService) Create(ctx context.Context, d *District, a bal.Action) (*bal.Receipt, error) {
	return s.s.Create(ctx, d, a)
}

// Update changes a district. d carries the objektversion it was read at; if
// the district has changed since, the answer is a *bal.ConflictError with the
// current version (Modify resolves that for you).
func (s *DistrictService) Update(ctx context.Context, d *District, a bal.Action) (*bal.Receipt, error) {
	return s.s.Update(ctx, d, a)
}

// Retire avregistrerar a district at the version it was read at, usually
// with ActionRemoved ("Borttagen"). A retired object keeps status
// Avregistrerad for good (rule BAL-3015).
func (s *DistrictService) Retire(ctx context.Context, id bal.ObjectID, version bal.Version, a bal.Action) (*bal.Receipt, error) {
	return s.s.Retire(ctx, id, version, a)
}

// Modify reads the district, lets change apply the caller's change, and
// updates it; on a version conflict it reads again and re-applies, up to
// opts.MaxAttempts rounds (default 3). change may run more than once, each
// time on a freshly read district. A status change away from Avregistrerad
// is refused before sending (rule BAL-3015).
func (s *DistrictService) Modify(ctx context.Context, id bal.ObjectID, change func(*District) error, a bal.Action, opts *bal.ModifyOptions) (*bal.Receipt, error) {
	return s.s.Modify(ctx, id, change, a, opts)
}

// AddCreate validates a new district and adds it to tx. A district without an
// ID gets one here, so later members can refer to it.
func (s *DistrictService) AddCreate(tx *bal.Transaction, d *District, a bal.Action) error {
	return s.s.AddCreate(tx, d, a)
}

// AddUpdate validates a change of a district and adds it to tx.
func (s *DistrictService) AddUpdate(tx *bal.Transaction, d *District, a bal.Action) error {
	return s.s.AddUpdate(tx, d, a)
}

// AddRetire validates the retirement of a district and adds it to tx.
func (s *DistrictService) AddRetire(tx *bal.Transaction, id bal.ObjectID, version bal.Version, a bal.Action) error {
	return s.s.AddRetire(tx, id, version, a)
}
