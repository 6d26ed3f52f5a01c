package ngp

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/transport"
)

// Base paths of the platform's APIs under an environment's host.
const (
	// UpdateBase is Geodatakatalog Uppdatering v1 (publishing domain
	// objects).
	UpdateBase = "/distribution/geodatakatalog/uppdatering/v1"
	// UploadBase is Geodatakatalog Uppladdning v1 (resources).
	UploadBase = "/distribution/geodatakatalog/uppladdning/v1"
	// SearchBase is Geodatakatalog Sökning v1; a dataset's catalogue is
	// SearchBase/{dataset}/{version}.
	SearchBase = "/distribution/geodatakatalog/sokning/v1"
	// DownloadBase is Geodatakatalog Nedladdning v1.
	DownloadBase = "/distribution/geodatakatalog/nedladdning/v1"
	// FeaturesBase is Lantmäteriet's own OGC API Features products;
	// a product is FeaturesBase/{product}.
	FeaturesBase = "/ogc-features/v1"
)

// Client talks to the national geodata platform (nationella
// geodataplattformen, NGP) through a bal.Client: its environment, token,
// retry policy and errors. Its calls use the bal.Client's NGP credential
// (bal.ServiceNGP in bal.Config.ServiceCredentials, else the default);
// producer credentials are issued per dataset, so a producer publishes
// through WithDataset. It is safe for concurrent use.
type Client struct {
	// Deliveries publishes domain objects (Uppdatering v1.1).
	Deliveries *Deliveries
	// Resources uploads resources (Uppladdning v1.2).
	Resources *Resources
	// Downloads fetches domain objects and assets (Nedladdning v1).
	Downloads *Downloads

	t *transport.Transport
}

// New returns a Client that calls through c with its NGP credential.
func New(c *bal.Client) *Client { return newClient(transport.New(c).WithService(bal.ServiceNGP)) }

func newClient(t *transport.Transport) *Client {
	return &Client{
		Deliveries: &Deliveries{t: t},
		Resources:  &Resources{t: t},
		Downloads:  &Downloads{t: t},
		t:          t,
	}
}

// WithDataset returns a Client whose calls use the producer credential of
// dataset (bal.NGPDataset(dataset) in bal.Config.ServiceCredentials; a
// dataset without one uses bal.ServiceNGP's, then the default). Lantmäteriet
// issues producer keys per dataset ("unika för API-portalen och aktuell
// datamängd"), e.g.
//
//	byggnad := ngp.New(c).WithDataset("byggnad")
//	res, err := byggnad.Deliveries.Publish(ctx, info, objects, nil)
func (c *Client) WithDataset(dataset string) *Client {
	return newClient(c.t.WithService(bal.NGPDataset(dataset)))
}

// Dataset returns a reader of one dataset's catalogue in Sökning, e.g.
// Dataset("byggnad", "v1") or Dataset("detaljplan", "v2").
func (c *Client) Dataset(name, version string) *Features {
	return &Features{t: c.t, base: SearchBase + transport.Path(name, version), name: "ngp.Sökning"}
}

// Product returns a reader of one of Lantmäteriet's own OGC API Features
// products, e.g. Product("fastighetsindelning"). It is the same reader as
// Dataset's, so filters, paging and axis order work the same way.
func (c *Client) Product(name string) *Features {
	return &Features{t: c.t, base: FeaturesBase + transport.Path(name), name: "ngp.Features"}
}

// resolve turns an address the server gave (absolute, or relative to the
// environment's host) into a URL, refusing any other host: the bearer token
// goes only to the configured environment.
func resolve(t *transport.Transport, op, ref string) (*url.URL, error) {
	base, err := url.Parse(t.Client().Environment().BaseURL())
	if err != nil {
		return nil, fmt.Errorf("bal: %s: %w", op, err)
	}
	u, err := base.Parse(ref)
	if err != nil {
		return nil, transport.Invalid(op, nil, fmt.Errorf("address %q: %w", ref, err))
	}
	if !strings.EqualFold(u.Host, base.Host) || u.Scheme != base.Scheme {
		return nil, transport.Invalid(op, nil, fmt.Errorf("address %q is not on %s: refused, the token goes only to the configured environment", ref, base.Host))
	}
	return u, nil
}

// getAbsolute reads a JSON document at an address the server gave.
func getAbsolute(ctx context.Context, t *transport.Transport, op, ref string, out any) (*bal.Response, error) {
	u, err := resolve(t, op, ref)
	if err != nil {
		return nil, err
	}
	req, err := t.NewRequest(ctx, &transport.Op{Name: op, Method: http.MethodGet, Accept: bal.FormatJSON})
	if err != nil {
		return nil, err
	}
	req.URL = u
	req.Host = u.Host
	return t.Client().Do(req, out)
}
