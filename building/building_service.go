package building

import (
	"context"
	"iter"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/objects"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// BuildingService registers, changes, retires, reads and searches byggnader
// through Lantmäteriet's update services (tjänstebaserad uppdatering):
// Client.Buildings.
//
// Every write validates the building and the action first (nothing is sent
// while either is invalid), takes the åtgärdstyp from
// BuildingActionTypes, stamps the action with the time of the call when its
// Time is zero, and sends an Idempotency-Key that its retries reuse, so a
// write is applied once however often it has to be resent.
type BuildingService struct {
	s *objects.Service[Building, *update1.Byggnad]
}

func newBuildingService(t *transport.Transport) *BuildingService {
	return &BuildingService{s: objects.NewService(t, buildingCodec)}
}

// Get reads a building: the current version, or the one opts names, with
// its surfaces reprojected when opts asks for another CRS.
func (s *BuildingService) Get(ctx context.Context, id bal.ObjectID, opts *bal.GetOptions) (*Building, error) {
	return s.s.Get(ctx, id, opts)
}

// Search finds buildings matching q. Pages are fetched as the loop reaches
// them; the sequence ends after the first error.
func (s *BuildingService) Search(ctx context.Context, q bal.Query, opts *bal.SearchOptions) iter.Seq2[bal.Hit, error] {
	return s.s.Search(ctx, q, opts)
}

// Create registers a new building, e.g. with ActionPermitApproved ("Godkänt
// bygglov") for a planned one. A building without an ID gets a
// client-generated objektidentitet, which the receipt carries.
func (s *BuildingService) Create(ctx context.Context, b *Building, a bal.Action) (*bal.Receipt, error) {
	return s.s.Create(ctx, b, a)
}

// Update changes a building. b carries the objektversion it was read at; if
// the building has changed since, the answer is a *bal.ConflictError with
// the current version (Modify resolves that for you).
func (s *BuildingService) Update(ctx context.Context, b *Building, a bal.Action) (*bal.Receipt, error) {
	return s.s.Update(ctx, b, a)
}

// Retire avregistrerar a building at the version it was read at, e.g. with
// ActionDemolished ("Riven, nedbrunnen byggnad"). A retired building keeps
// status Avregistrerad for good (rule BAL-3015).
func (s *BuildingService) Retire(ctx context.Context, id bal.ObjectID, version bal.Version, a bal.Action) (*bal.Receipt, error) {
	return s.s.Retire(ctx, id, version, a)
}

// Modify reads the building, lets change apply the caller's change, and
// updates it; on a version conflict it reads again and re-applies, up to
// opts.MaxAttempts rounds (default 3). change may run more than once, each
// time on a freshly read building. A status change away from Avregistrerad
// is refused before sending (rule BAL-3015).
func (s *BuildingService) Modify(ctx context.Context, id bal.ObjectID, change func(*Building) error, a bal.Action, opts *bal.ModifyOptions) (*bal.Receipt, error) {
	return s.s.Modify(ctx, id, change, a, opts)
}

// AddCreate validates a new building and adds it to tx. A building without
// an ID gets one here, so later members can refer to it.
func (s *BuildingService) AddCreate(tx *bal.Transaction, b *Building, a bal.Action) error {
	return s.s.AddCreate(tx, b, a)
}

// AddUpdate validates a change of a building and adds it to tx.
func (s *BuildingService) AddUpdate(tx *bal.Transaction, b *Building, a bal.Action) error {
	return s.s.AddUpdate(tx, b, a)
}

// AddRetire validates the retirement of a building and adds it to tx.
func (s *BuildingService) AddRetire(tx *bal.Transaction, id bal.ObjectID, version bal.Version, a bal.Action) error {
	return s.s.AddRetire(tx, id, version, a)
}
