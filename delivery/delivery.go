package delivery

import (
	"errors"
	"fmt"
	"strings"
	"time"

	gt "github.com/tjanstebaserad/bal-go/internal/wire/geotorget1"
)

// MaxAge is how long Lantmäteriet keeps a delivery available: 14 days from
// its creation (skapad).
const MaxAge = 14 * 24 * time.Hour

// Type is a delivery's type (leveranstyp).
type Type string

// The delivery types.
const (
	// TypeBase is a base extract (BAS): every object.
	TypeBase Type = gt.TypeBase
	// TypeChange is a change extract (FORANDRING): for every object changed
	// since the previous delivery, a delete of all its information and an
	// insert of its current information.
	TypeChange Type = gt.TypeChange
)

// ParseType reads a delivery type in any case ("bas", "Forandring").
func ParseType(s string) (Type, bool) {
	for _, t := range []Type{TypeBase, TypeChange} {
		if strings.EqualFold(s, string(t)) {
			return t, true
		}
	}
	return Type(s), false
}

// Status is a delivery's status.
type Status string

// The delivery statuses. Lantmäteriet documents LYCKAD and PÅGÅENDE; the
// failure statuses are INFERRED from a public client that treats them as
// terminal.
const (
	// StatusInProgress (PÅGÅENDE): Lantmäteriet is building the delivery.
	StatusInProgress Status = gt.StatusInProgress
	// StatusSucceeded (LYCKAD): the files are ready.
	StatusSucceeded Status = gt.StatusSucceeded
	// StatusFailed (MISSLYCKAD): the delivery failed; order a new one.
	StatusFailed Status = gt.StatusFailed
	// StatusCancelled (MAKULERAD): the delivery was cancelled.
	StatusCancelled Status = gt.StatusCancelled
)

// Order is an order (beställning) on Geotorget.
type Order struct {
	// ID is the order's objektidentitet, the OrderID.
	ID string
	// Marking is the customer's own label (ordermarkning).
	Marking string
	// CaseNumber is Geotorget's ärendenummer.
	CaseNumber string
	// CustomerNumber is the kundnummer.
	CustomerNumber string
	// Email is where Lantmäteriet reports deliveries (leveransepost).
	Email string
	// Created is when the order was made (skapad).
	Created time.Time
	// Subscription says whether the order is a subscription (abonnemang),
	// on which new deliveries can be started.
	Subscription bool
	// ProductName is the produktnamn, e.g. "Fastighetsinformation
	// Nedladdning, Adress och byggnad".
	ProductName string
	// ProductNumber is the produktnummer.
	ProductNumber string
	// ProductType is the produktTyp, e.g. "NEDLADDNING".
	ProductType string
	// Status is the order's status, e.g. "AKTIV".
	Status string
	// SupportsChanges says whether the product delivers change extracts
	// (produktinformation.stodjerForandring).
	SupportsChanges bool
	// LatestEvent is the senasteHandelse: AKTIV or AVSLUTAD.
	LatestEvent string
}

// Delivery is one delivery (leverans) on an order.
type Delivery struct {
	// ID is the delivery's objektidentitet.
	ID string
	// Created is when Lantmäteriet started it (skapad).
	Created time.Time
	// Updated is when it last changed (uppdaterad).
	Updated time.Time
	// Status is where it stands.
	Status Status
	// Type says whether it is a base or a change extract (typ).
	Type Type
}

// Expires returns when the delivery stops being available: MaxAge after
// it was created.
func (d *Delivery) Expires() time.Time { return d.Created.Add(MaxAge) }

// Sentinel errors, matched with errors.Is.
var (
	// ErrNoDelivery: the order has no delivery yet (Lantmäteriet answers
	// 404 for the latest delivery before the first one). It is not a
	// failure: start one, or wait for the subscription's first.
	ErrNoDelivery = errors.New("delivery: no delivery yet")
	// ErrNotReady: the delivery is still being built (PÅGÅENDE); Wait for it.
	ErrNotReady = errors.New("delivery: not ready")
	// ErrFailed: the delivery failed (MISSLYCKAD).
	ErrFailed = errors.New("delivery: failed")
	// ErrCancelled: the delivery was cancelled (MAKULERAD).
	ErrCancelled = errors.New("delivery: cancelled")
	// ErrExpired: the delivery is older than MaxAge and no longer
	// available; start a new one.
	ErrExpired = errors.New("delivery: expired")
	// ErrReplaced: a newer delivery replaced the one being downloaded; its
	// files can no longer be listed. Download again to fetch the new one.
	ErrReplaced = errors.New("delivery: replaced by a newer delivery")
	// ErrWaitTimeout: Wait gave up after WaitOptions.MaxDuration.
	ErrWaitTimeout = errors.New("delivery: not ready in time")
)

// StatusError is a delivery in a status that stops what was asked: still
// in progress for a download, or failed, cancelled or unknown for Wait and
// Download. It matches ErrNotReady, ErrFailed or ErrCancelled.
type StatusError struct {
	// OrderID is the order.
	OrderID string
	// Delivery is the delivery as last read.
	Delivery *Delivery
}

func (e *StatusError) Error() string {
	what := "has status " + string(e.Delivery.Status)
	switch e.Delivery.Status {
	case StatusInProgress:
		what = "is still in progress (PÅGÅENDE)"
	case StatusFailed:
		what = "failed (MISSLYCKAD)"
	case StatusCancelled:
		what = "was cancelled (MAKULERAD)"
	}
	return fmt.Sprintf("delivery: order %s: %s delivery %s %s", e.OrderID, e.Delivery.Type, e.Delivery.ID, what)
}

// Is matches the sentinel of the status.
func (e *StatusError) Is(target error) bool {
	switch e.Delivery.Status {
	case StatusInProgress:
		return target == ErrNotReady
	case StatusFailed:
		return target == ErrFailed
	case StatusCancelled:
		return target == ErrCancelled
	}
	return false
}
