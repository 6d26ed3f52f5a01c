package baltest

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"

	gt "github.com/tjanstebaserad/bal-go/internal/wire/geotorget1"
)

// controlOrderRequest is POST /geotorget/orders' body: GeotorgetOrder's
// fields, the build time as a duration string.
type controlOrderRequest struct {
	Client      string `json:"client,omitempty"`
	Marking     string `json:"marking,omitempty"`
	OneOff      bool   `json:"oneOff,omitempty"`
	NoChanges   bool   `json:"noChanges,omitempty"`
	PartObjects int    `json:"partObjects,omitempty"`
	BuildTime   string `json:"buildTime,omitempty"`
}

// ControlOrder is an order on Geotorget as the control API shows it.
type ControlOrder struct {
	ID string `json:"id"`
}

// ControlDelivery is a delivery started on Geotorget.
type ControlDelivery struct {
	ID string `json:"id"`
}

func (s *Server) routeControlGeotorget(handle func(string, func(*http.Request) (any, error))) {
	p := ControlPath + "/geotorget"
	handle("POST "+p+"/orders", s.controlAddOrder)
	handle("POST "+p+"/orders/{id}/deliveries", s.controlStartDelivery)
	handle("POST "+p+"/orders/{id}/end", s.controlEndDelivery)
	handle("POST "+p+"/expire-signed-paths", func(*http.Request) (any, error) { s.ExpireSignedPaths(); return nil, nil })
}

func (s *Server) controlAddOrder(r *http.Request) (any, error) {
	var req controlOrderRequest
	if err := decodeControl(r, &req); err != nil {
		return nil, err
	}
	build, err := parseControlDuration("buildTime", req.BuildTime)
	if err != nil {
		return nil, err
	}
	if req.PartObjects < 0 {
		return nil, controlBadRequest("partObjects must not be negative")
	}
	id := s.AddOrder(GeotorgetOrder{Client: req.Client, Marking: req.Marking, OneOff: req.OneOff, NoChanges: req.NoChanges,
		PartObjects: req.PartObjects, BuildTime: build})
	return createdValue{ControlOrder{ID: id}}, nil
}

// controlTypeRequest is POST /geotorget/orders/{id}/deliveries' body.
type controlTypeRequest struct {
	// Type is BAS or FORANDRING; default BAS.
	Type string `json:"type,omitempty"`
}

func (s *Server) controlStartDelivery(r *http.Request) (any, error) {
	var req controlTypeRequest
	if err := decodeControl(r, &req); err != nil {
		return nil, err
	}
	typ := strings.ToUpper(req.Type)
	if typ == "" {
		typ = gt.TypeBase
	}
	if typ != gt.TypeBase && typ != gt.TypeChange {
		return nil, controlBadRequest("type %q is not BAS or FORANDRING", req.Type)
	}
	d, e := s.startDelivery(r.PathValue("id"), typ)
	if e != nil {
		if e.status == http.StatusNotFound || e.status == http.StatusForbidden {
			return nil, controlNotFound("%v", e)
		}
		return nil, controlRejected(e)
	}
	return createdValue{ControlDelivery{ID: d.id}}, nil
}

func (s *Server) controlEndDelivery(r *http.Request) (any, error) {
	var req controlStatusRequest
	if err := decodeControl(r, &req); err != nil {
		return nil, err
	}
	switch strings.ToUpper(req.Status) {
	case gt.StatusSucceeded, gt.StatusFailed, gt.StatusCancelled:
	default:
		return nil, controlBadRequest("status %q is not LYCKAD, MISSLYCKAD or MAKULERAD", req.Status)
	}
	if err := s.EndDelivery(r.PathValue("id"), strings.ToUpper(req.Status)); err != nil {
		if strings.Contains(err.Error(), "has no delivery") {
			return nil, controlNotFound("%v", err)
		}
		return nil, controlRejected(err)
	}
	return nil, nil
}

// reset forgets every order and delivery, and removes the delivery files
// the server made.
func (g *geotorget) reset() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.orders, g.byClient, g.key = nil, nil, nil
	if g.ownDir && g.dir != "" {
		_ = os.RemoveAll(g.dir)
		g.dir, g.ownDir = "", false
	}
}

// AddOrder registers an order on Geotorget (Server.AddOrder); a zero
// buildTime means two minutes on the fake's clock.
func (c *Control) AddOrder(ctx context.Context, o GeotorgetOrder) (string, error) {
	req := controlOrderRequest{Client: o.Client, Marking: o.Marking, OneOff: o.OneOff, NoChanges: o.NoChanges, PartObjects: o.PartObjects}
	if o.BuildTime > 0 {
		req.BuildTime = o.BuildTime.String()
	}
	var out ControlOrder
	return out.ID, c.do(ctx, http.MethodPost, "/geotorget/orders", req, &out)
}

// StartDelivery makes Lantmäteriet start a delivery of type typ (BAS or
// FORANDRING) on an order (Server.StartDelivery).
func (c *Control) StartDelivery(ctx context.Context, orderID, typ string) (string, error) {
	var out ControlDelivery
	return out.ID, c.do(ctx, http.MethodPost, "/geotorget/orders/"+url.PathEscape(orderID)+"/deliveries", controlTypeRequest{Type: typ}, &out)
}

// EndDelivery ends the order's latest delivery with status LYCKAD,
// MISSLYCKAD or MAKULERAD (Server.EndDelivery).
func (c *Control) EndDelivery(ctx context.Context, orderID, status string) error {
	return c.do(ctx, http.MethodPost, "/geotorget/orders/"+url.PathEscape(orderID)+"/end", controlStatusRequest{Status: status}, nil)
}

// ExpireSignedPaths makes every signed path handed out so far answer 403
// (Server.ExpireSignedPaths).
func (c *Control) ExpireSignedPaths(ctx context.Context) error {
	return c.do(ctx, http.MethodPost, "/geotorget/expire-signed-paths", nil, nil)
}
