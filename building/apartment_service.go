package building

import (
	"context"
	"iter"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/objects"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// ApartmentService registers, changes, retires, reads and searches
// lägenheter (the apartment register, lägenhetsregistret) through
// Lantmäteriet's update services: Client.Apartments. Writes behave as
// BuildingService's do, with the åtgärdstyp from ApartmentActionTypes.
type ApartmentService struct {
	s *objects.Service[Apartment, *update1.Lagenhet]
}

func newApartmentService(t *transport.Transport) *ApartmentService {
	return &ApartmentService{s: objects.NewService(t, apartmentCodec)}
}

// Get reads an apartment: the current version, or the one opts names.
func (s *ApartmentService) Get(ctx context.Context, id bal.ObjectID, opts *bal.GetOptions) (*Apartment, error) {
	return s.s.Get(ctx, id, opts)
}

// ByEntrance reads the apartments reached through an entrance
// (GET /entre/{id}/lagenhet), retired ones included.
func (s *ApartmentService) ByEntrance(ctx context.Context, entranceID bal.ObjectID) ([]*Apartment, error) {
	return objects.Children(ctx, s.s, "ByEntrance", update1.TypEntre, entranceID,
		func(l *update1.Lagenhetslista) []*update1.Lagenhet { return objects.Pointers(l.Lagenhet) })
}

// Search finds apartments matching q, following the pages lazily.
func (s *ApartmentService) Search(ctx context.Context, q bal.Query, opts *bal.SearchOptions) iter.Seq2[bal.Hit, error] {
	return s.s.Search(ctx, q, opts)
}

// Create registers a new apartment, e.g. with ActionNewApartment ("Nybyggd
// lägenhet"). An apartment without an ID gets a client-generated
// objektidentitet.
func (s *ApartmentService) Create(ctx context.Context, ap *Apartment, a bal.Action) (*bal.Receipt, error) {
	return s.s.Create(ctx, ap, a)
}

// Update changes an apartment read at ap.Version; a stale version is a
// *bal.ConflictError.
func (s *ApartmentService) Update(ctx context.Context, ap *Apartment, a bal.Action) (*bal.Receipt, error) {
	return s.s.Update(ctx, ap, a)
}

// Retire avregistrerar an apartment, e.g. with ActionApartmentDemolished
// ("Riven lägenhet").
func (s *ApartmentService) Retire(ctx context.Context, id bal.ObjectID, version bal.Version, a bal.Action) (*bal.Receipt, error) {
	return s.s.Retire(ctx, id, version, a)
}

// Modify reads the apartment, applies change and updates it, re-reading and
// re-applying on a version conflict (see BuildingService.Modify).
func (s *ApartmentService) Modify(ctx context.Context, id bal.ObjectID, change func(*Apartment) error, a bal.Action, opts *bal.ModifyOptions) (*bal.Receipt, error) {
	return s.s.Modify(ctx, id, change, a, opts)
}

// AddCreate validates a new apartment and adds it to tx; one without an ID
// gets one here.
func (s *ApartmentService) AddCreate(tx *bal.Transaction, ap *Apartment, a bal.Action) error {
	return s.s.AddCreate(tx, ap, a)
}

// AddUpdate validates a change of an apartment and adds it to tx.
func (s *ApartmentService) AddUpdate(tx *bal.Transaction, ap *Apartment, a bal.Action) error {
	return s.s.AddUpdate(tx, ap, a)
}

// AddRetire validates the retirement of an apartment and adds it to tx.
func (s *ApartmentService) AddRetire(tx *bal.Transaction, id bal.ObjectID, version bal.Version, a bal.Action) error {
	return s.s.AddRetire(tx, id, version, a)
}
