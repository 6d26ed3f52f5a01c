package building

import (
	"context"
	"iter"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/objects"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// EntranceService registers, changes, retires, reads and searches entréer
// through Lantmäteriet's update services: Client.Entrances. Writes behave
// as BuildingService's do, with the åtgärdstyp from EntranceActionTypes.
type EntranceService struct {
	s *objects.Service[Entrance, *update1.Entre]
}

func newEntranceService(t *transport.Transport) *EntranceService {
	return &EntranceService{s: objects.NewService(t, entranceCodec)}
}

// Get reads an entrance: the current version, or the one opts names.
func (s *EntranceService) Get(ctx context.Context, id bal.ObjectID, opts *bal.GetOptions) (*Entrance, error) {
	return s.s.Get(ctx, id, opts)
}

// ByBuilding reads the entrances of a building (GET /byggnad/{id}/entre),
// retired ones included.
func (s *EntranceService) ByBuilding(ctx context.Context, buildingID bal.ObjectID) ([]*Entrance, error) {
	return objects.Children(ctx, s.s, "ByBuilding", update1.TypByggnad, buildingID,
		func(l *update1.Entrelista) []*update1.Entre { return objects.Pointers(l.Entre) })
}

// Search finds entrances matching q, following the pages lazily.
func (s *EntranceService) Search(ctx context.Context, q bal.Query, opts *bal.SearchOptions) iter.Seq2[bal.Hit, error] {
	return s.s.Search(ctx, q, opts)
}

// Create registers a new entrance, e.g. with ActionNewEntrance ("Ny
// entré"). An entrance without an ID gets a client-generated objektidentitet.
func (s *EntranceService) Create(ctx context.Context, e *Entrance, a bal.Action) (*bal.Receipt, error) {
	return s.s.Create(ctx, e, a)
}

// Update changes an entrance read at e.Version; a stale version is a
// *bal.ConflictError.
func (s *EntranceService) Update(ctx context.Context, e *Entrance, a bal.Action) (*bal.Receipt, error) {
	return s.s.Update(ctx, e, a)
}

// Retire avregistrerar an entrance, e.g. with ActionEntranceRemoved
// ("Borttagen entré").
func (s *EntranceService) Retire(ctx context.Context, id bal.ObjectID, version bal.Version, a bal.Action) (*bal.Receipt, error) {
	return s.s.Retire(ctx, id, version, a)
}

// Modify reads the entrance, applies change and updates it, re-reading and
// re-applying on a version conflict (see BuildingService.Modify).
func (s *EntranceService) Modify(ctx context.Context, id bal.ObjectID, change func(*Entrance) error, a bal.Action, opts *bal.ModifyOptions) (*bal.Receipt, error) {
	return s.s.Modify(ctx, id, change, a, opts)
}

// AddCreate validates a new entrance and adds it to tx; one without an ID
// gets one here.
func (s *EntranceService) AddCreate(tx *bal.Transaction, e *Entrance, a bal.Action) error {
	return s.s.AddCreate(tx, e, a)
}

// AddUpdate validates a change of an entrance and adds it to tx.
func (s *EntranceService) AddUpdate(tx *bal.Transaction, e *Entrance, a bal.Action) error {
	return s.s.AddUpdate(tx, e, a)
}

// AddRetire validates the retirement of an entrance and adds it to tx.
func (s *EntranceService) AddRetire(tx *bal.Transaction, id bal.ObjectID, version bal.Version, a bal.Action) error {
	return s.s.AddRetire(tx, id, version, a)
}
