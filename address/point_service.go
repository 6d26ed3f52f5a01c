package address

import (
	"context"
	"iter"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/objects"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// PointService registers, changes, retires, reads and searches adressplatser
// through Lantmäteriet's update services (tjänstebaserad uppdatering):
// Client.Points.
//
// Every write validates the address point and the action first (nothing is sent
// while either is invalid), takes the åtgärdstyp from ActionTypes ("Ny",
// "Ändrad", "Borttagen" …), stamps the action with the time of the call
// when its Time is zero, and sends an Idempotency-Key that its retries
// reuse, so a write is applied once however often it has to be resent.
type PointService struct {
	s *objects.Service[Point, *update1.Adressplats]
}

func newPointService(t *transport.Transport) *PointService {
	return &PointService{s: objects.NewService(t, pointCodec)}
}

// Get reads an address point: the current version, or the one opts names,
// with its position reprojected when opts asks for another CRS.
func (s *PointService) Get(ctx context.Context, id bal.ObjectID, opts *bal.GetOptions) (*Point, error) {
	return s.s.Get(ctx, id, opts)
}

// Search finds address points matching q. Pages are fetched as the loop reaches
// them; the sequence ends after the first error.
func (s *PointService) Search(ctx context.Context, q bal.Query, opts *bal.SearchOptions) iter.Seq2[bal.Hit, error] {
	return s.s.Search(ctx, q, opts)
}

// Create registers a new address point, usually with ActionNew ("Ny"). An address point
// without an ID gets a client-generated objektidentitet, which the receipt
// carries.
func (s *PointService) Create(ctx context.Context, p *Point, a bal.Action) (*bal.Receipt, error) {
	return s.s.Create(ctx, p, a)
}

// Update changes an address point. p carries the objektversion it was read at; if
// the address point has changed since, the answer is a *bal.ConflictError with the
// current version (Modify resolves that for you).
func (s *PointService) Update(ctx context.Context, p *Point, a bal.Action) (*bal.Receipt, error) {
	return s.s.Update(ctx, p, a)
}

// Retire avregistrerar an address point at the version it was read at, usually
// with ActionRemoved ("Borttagen"). A retired object keeps status
// Avregistrerad for good (rule BAL-3015).
func (s *PointService) Retire(ctx context.Context, id bal.ObjectID, version bal.Version, a bal.Action) (*bal.Receipt, error) {
	return s.s.Retire(ctx, id, version, a)
}

// Modify reads the address point, lets change apply the caller's change, and
// updates it; on a version conflict it reads again and re-applies, up to
// opts.MaxAttempts rounds (default 3). change may run more than once, each
// time on a freshly read address point. A status change away from Avregistrerad
// is refused before sending (rule BAL-3015).
func (s *PointService) Modify(ctx context.Context, id bal.ObjectID, change func(*Point) error, a bal.Action, opts *bal.ModifyOptions) (*bal.Receipt, error) {
	return s.s.Modify(ctx, id, change, a, opts)
}

// AddCreate validates a new address point and adds it to tx. An address point without an
// ID gets one here, so later members can refer to it.
func (s *PointService) AddCreate(tx *bal.Transaction, p *Point, a bal.Action) error {
	return s.s.AddCreate(tx, p, a)
}

// AddUpdate validates a change of an address point and adds it to tx.
func (s *PointService) AddUpdate(tx *bal.Transaction, p *Point, a bal.Action) error {
	return s.s.AddUpdate(tx, p, a)
}

// AddRetire validates the retirement of an address point and adds it to tx.
func (s *PointService) AddRetire(tx *bal.Transaction, id bal.ObjectID, version bal.Version, a bal.Action) error {
	return s.s.AddRetire(tx, id, version, a)
}
