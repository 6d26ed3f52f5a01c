package delivery

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	gt "github.com/tjanstebaserad/bal-go/internal/wire/geotorget1"
)

// Base is Geotorget Nedladdning v1's base path under the API host.
const Base = gt.Base

// Client talks to Geotorget Nedladdning v1. Its methods are safe for
// concurrent use.
type Client struct {
	t *transport.Transport
}

// New returns a Client that calls through c, with c's Geotorget credential
// (bal.ServiceGeotorget in bal.Config.ServiceCredentials, else the default).
func New(c *bal.Client) *Client {
	return &Client{t: transport.New(c).WithService(bal.ServiceGeotorget)}
}

// Order reads an order (GET /{OrderID}).
func (c *Client) Order(ctx context.Context, orderID string) (*Order, error) {
	const op = "delivery.Order"
	if err := checkOrderID(op, orderID); err != nil {
		return nil, err
	}
	var w gt.Order
	res, err := c.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodGet, Base: Base,
		Path: transport.Path(orderID), Accept: bal.FormatJSON, Out: &w})
	if err != nil {
		return nil, err
	}
	created, err := gt.ParseTime(w.Skapad)
	if err != nil {
		return nil, transport.Invalid(op, res, err)
	}
	return &Order{
		ID: w.Objektidentitet, Marking: w.Ordermarkning, CaseNumber: string(w.Arendenummer),
		CustomerNumber: string(w.Kundnummer), Email: w.Leveransepost, Created: created,
		Subscription: w.Abonnemang, ProductName: w.Produktnamn, ProductNumber: string(w.Produktnummer),
		ProductType: w.ProduktTyp, Status: w.Status, SupportsChanges: w.Produktinformation.StodjerForandring,
		LatestEvent: w.SenasteHandelse,
	}, nil
}

// Latest reads the order's latest delivery (GET /{OrderID}/leverans/latest).
// Before the first delivery Lantmäteriet answers 404, which Latest returns
// as an error matching ErrNoDelivery (and bal.ErrNotFound).
func (c *Client) Latest(ctx context.Context, orderID string) (*Delivery, error) {
	const op = "delivery.Latest"
	if err := checkOrderID(op, orderID); err != nil {
		return nil, err
	}
	return c.latest(ctx, op, orderID)
}

func (c *Client) latest(ctx context.Context, op, orderID string) (*Delivery, error) {
	var w gt.Delivery
	res, err := c.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodGet, Base: Base,
		Path: transport.Path(orderID, "leverans", "latest"), Accept: bal.FormatJSON, Out: &w})
	if errors.Is(err, bal.ErrNotFound) {
		return nil, fmt.Errorf("%w: order %s (%w)", ErrNoDelivery, orderID, err)
	}
	if err != nil {
		return nil, err
	}
	d, err := parseDelivery(w)
	if err != nil {
		return nil, transport.Invalid(op, res, err)
	}
	return d, nil
}

// parseDelivery checks and converts a delivery document.
func parseDelivery(w gt.Delivery) (*Delivery, error) {
	if w.Objektidentitet == "" {
		return nil, errors.New("delivery without objektidentitet")
	}
	if w.Status == "" {
		return nil, errors.New("delivery without status")
	}
	created, err := gt.ParseTime(w.Skapad)
	if err != nil {
		return nil, err
	}
	updated, err := gt.ParseTime(w.Uppdaterad)
	if err != nil {
		return nil, err
	}
	return &Delivery{ID: w.Objektidentitet, Created: created, Updated: updated, Status: Status(w.Status), Type: Type(w.Typ)}, nil
}

// Start asks Lantmäteriet for a new delivery of type typ on a subscription
// (POST /{OrderID}/leverans?typ=BAS|FORANDRING) and returns it as the latest
// delivery reads after the request, usually in progress (PÅGÅENDE); Wait
// for it. Lantmäteriet has not published what the POST itself answers, so
// the SDK does not rely on it. The request is not resent on failure, since
// a second one could start a second delivery.
func (c *Client) Start(ctx context.Context, orderID string, typ Type) (*Delivery, error) {
	const op = "delivery.Start"
	v := check.New(op)
	if orderID == "" {
		v.Add("orderID", bal.RuleRequired, "the OrderID of a Geotorget order is required")
	}
	t, ok := ParseType(string(typ))
	if !ok {
		v.Addf("typ", bal.RuleCodeList, "%q is not BAS or FORANDRING", typ)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if _, err := c.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodPost, Base: Base,
		Path: transport.Path(orderID, "leverans"), Query: url.Values{"typ": {string(t)}}, Accept: bal.FormatJSON}); err != nil {
		return nil, err
	}
	return c.latest(ctx, op, orderID)
}

func checkOrderID(op, orderID string) error {
	if orderID == "" {
		v := check.New(op)
		v.Add("orderID", bal.RuleRequired, "the OrderID of a Geotorget order is required")
		return v.Err()
	}
	return nil
}
