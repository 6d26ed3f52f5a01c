package address

import (
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/transport"
)

// Client reaches Lantmäteriet's address services. Each service is a field;
// the update services (points, areas, courtyard areas, districts) join
// Direkt here as fields of their own.
type Client struct {
	// Direkt reads addresses from Belägenhetsadress Direkt v4.2 (scope
	// belagenhetsadress_direkt_v42_read).
	Direkt *DirektService
	// Points registers, changes and retires adressplatser through the
	// update services.
	Points *PointService
	// Areas registers, changes and retires adressområden.
	Areas *AreaService
	// CourtyardAreas registers, changes and retires gårdsadressområden.
	CourtyardAreas *CourtyardAreaService
	// Districts registers, changes and retires kommundelar.
	Districts *DistrictService
}

// New returns a Client that calls through c.
func New(c *bal.Client) *Client {
	t := transport.New(c)
	return &Client{Direkt: &DirektService{t: t},
		Points: newPointService(t), Areas: newAreaService(t),
		CourtyardAreas: newCourtyardAreaService(t), Districts: newDistrictService(t)}
}
