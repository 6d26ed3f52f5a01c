package building

import (
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/transport"
)

// Client reaches Lantmäteriet's building services. Each service is a
// field; the update services (buildings, entrances, apartments) join
// Direkt here as fields of their own.
type Client struct {
	// Direkt reads buildings from Byggnad Direkt v3 (scope
	// byggnad_direkt_v3_read).
	Direkt *DirektService
	// Buildings registers, changes and retires byggnader through the
	// update services.
	Buildings *BuildingService
	// Entrances registers, changes and retires entréer.
	Entrances *EntranceService
	// Apartments registers, changes and retires lägenheter.
	Apartments *ApartmentService
}

// New returns a Client that calls through c.
func New(c *bal.Client) *Client {
	t := transport.New(c)
	return &Client{Direkt: &DirektService{t: t},
		Buildings: newBuildingService(t), Entrances: newEntranceService(t), Apartments: newApartmentService(t)}
}
