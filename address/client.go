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

	t *transport.Transport
}

// New returns a Client that calls through c.
func New(c *bal.Client) *Client {
	t := transport.New(c)
	return &Client{t: t, Direkt: &DirektService{t: t}}
}
