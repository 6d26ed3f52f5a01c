package bal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"sync"

	"github.com/google/uuid"

	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/txn"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// ErrCommitted is returned by Commit, and by the typed services' AddCreate,
// AddUpdate and AddRetire, on a transaction that has already been committed.
var ErrCommitted = errors.New("bal: transaction already committed")

// Transaction is a transaktion: creates, changes and retirements of objects
// of any type, applied by Lantmäteriet all-or-nothing and in order — e.g. a
// new building with its entrance, apartments and address point. Members
// refer to objects that earlier members create by the identities the client
// gave them (NewObjectID).
//
// Members are added by the typed services, which validate each one at once
// (bc.Buildings.AddCreate(tx, b, action), ac.Points.AddUpdate(tx, p, action),
// bc.Apartments.AddRetire(tx, id, version, action) …). A Transaction is safe
// for concurrent use, but members keep the order in which they were added.
type Transaction struct {
	c *Client

	mu        sync.Mutex
	members   []txn.Member
	key       string
	committed bool
}

// NewTransaction starts an empty transaction.
func (c *Client) NewTransaction() *Transaction { return &Transaction{c: c} }

func init() {
	txn.SetAdd(func(tx any, m txn.Member) error { return tx.(*Transaction).add(m) })
}

// add appends a member. It is the typed services' way in (AddCreate,
// AddUpdate, AddRetire), reached through internal/txn.Add, so members
// cannot be built by hand, only through a service that validated them.
// Adding a member after a failed Commit is allowed and makes the next
// Commit a new write.
func (tx *Transaction) add(m txn.Member) error {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	if tx.committed {
		return ErrCommitted
	}
	tx.members = append(tx.members, m)
	tx.key = "" // a different body needs a different idempotency key
	return nil
}

// Len returns the number of members.
func (tx *Transaction) Len() int {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	return len(tx.members)
}

// Objects names the members' objects, in order.
func (tx *Transaction) Objects() []ObjectRef {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	refs := make([]ObjectRef, len(tx.members))
	for i, m := range tx.members {
		refs[i] = memberRef(m)
	}
	return refs
}

// Commit sends the transaction (POST /transaktion) and returns one receipt
// per member, in order. If Lantmäteriet refuses a member, nothing is applied
// and the error is a *TransactionError naming that member, which unwraps to
// the member's *Error or *ConflictError (errors.Is and errors.As reach the
// rule id and the sentinels). Other failures are the usual typed errors.
//
// Commit is a write with an idempotency key that stays the same until
// members are added, so calling Commit again after an error that leaves the
// outcome unknown (ErrUnavailable after the last retry) applies the
// transaction at most once. After a successful Commit the transaction is
// spent: Commit and Add return ErrCommitted.
func (tx *Transaction) Commit(ctx context.Context) ([]Receipt, error) {
	const op = "bal.Transaction.Commit"
	tx.mu.Lock()
	defer tx.mu.Unlock()
	if tx.committed {
		return nil, ErrCommitted
	}
	if len(tx.members) == 0 {
		v := &ValidationError{Object: "bal.Transaction"}
		v.add("", RuleRequired, "a transaction needs at least one member")
		return nil, v
	}
	if tx.key == "" {
		tx.key = callctx.IdempotencyKey(ctx)
		if tx.key == "" {
			tx.key = uuid.NewString()
		}
	}
	doc := &update1.Transaktion{Uppdatering: make([]update1.Transaktionsdel, len(tx.members))}
	for i, m := range tx.members {
		doc.Uppdatering[i] = m.Part
	}
	body, err := update1.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("bal: %s: encode request: %w", op, err)
	}
	u := tx.c.env.BaseURL() + tx.c.env.UpdatePath() + "/transaktion"
	info := &callctx.Info{Operation: op, Retryable: true}
	req, err := http.NewRequestWithContext(callctx.With(WithService(ctx, ServiceUpdate), info), http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("bal: %s: %w", op, err)
	}
	req.Header.Set("Content-Type", "application/xml; charset=utf-8")
	req.Header.Set("Accept", "application/xml")
	req.Header.Set("Idempotency-Key", tx.key)

	settle, err := tx.c.RecordWrite(ctx, tx.record(op))
	if err != nil {
		return nil, err
	}
	receipts, err := tx.send(req)
	settle(&WriteResult{Receipts: receipts, Err: err})
	if err != nil {
		return nil, err
	}
	tx.committed = true
	return receipts, nil
}

// send sends the transaction and reads its receipts.
func (tx *Transaction) send(req *http.Request) ([]Receipt, error) {
	op := callctx.From(req.Context()).Operation
	var out update1.Transaktionskvitto
	res, err := tx.c.Do(req, &out)
	if err != nil {
		return nil, tx.memberError(err)
	}
	if len(out.Kvitto) != len(tx.members) {
		return nil, &Error{Operation: op, Method: req.Method, Path: req.URL.Path, StatusCode: res.StatusCode,
			RequestID: res.RequestID, Attempts: res.Attempts, Err: ErrInvalidResponse,
			Message: fmt.Sprintf("%d receipts for %d members", len(out.Kvitto), len(tx.members))}
	}
	receipts := make([]Receipt, len(out.Kvitto))
	for i, k := range out.Kvitto {
		r, err := receiptFromWire(k, res)
		if err != nil {
			return nil, &Error{Operation: op, Method: req.Method, Path: req.URL.Path, StatusCode: res.StatusCode,
				RequestID: res.RequestID, Attempts: res.Attempts, Err: ErrInvalidResponse,
				Message: fmt.Sprintf("receipt %d: %v", i, err)}
		}
		receipts[i] = r
	}
	return receipts, nil
}

// record describes the transaction for the Recorder: one object per
// member, each with its own action.
func (tx *Transaction) record(op string) *Write {
	w := &Write{Operation: op, IdempotencyKey: tx.key, Objects: make([]WriteObject, len(tx.members))}
	for i, m := range tx.members {
		if o, ok := m.Record.(WriteObject); ok {
			w.Objects[i] = o
			continue
		}
		w.Objects[i] = WriteObject{Type: ObjectType(m.Type), ID: m.ID}
	}
	return w
}

// memberRE finds the failing member in a transaction fault's details:
// "medlem=3", counted from 1 (the binding leaves the form open; this is how
// bal/baltest writes it, and "transaktionsdel=3" is accepted too).
var memberRE = regexp.MustCompile(`(?i)(?:medlem|transaktionsdel)\s*[=:]\s*(\d{1,9})`)

// memberError wraps a refusal that names a member in a *TransactionError.
func (tx *Transaction) memberError(err error) error {
	var e *Error
	if !errors.As(err, &e) || e.StatusCode < 400 || e.StatusCode > 499 {
		return err
	}
	for _, s := range append([]string{e.Message}, e.Details...) {
		m := memberRE.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		if n < 1 || n > len(tx.members) {
			return err
		}
		return &TransactionError{Index: n - 1, Object: memberRef(tx.members[n-1]), Err: err}
	}
	return err
}

func memberRef(m txn.Member) ObjectRef {
	id, _ := ParseObjectID(m.ID)
	return ObjectRef{Type: ObjectType(m.Type), ID: id}
}

// TransactionError is a transaction Lantmäteriet refused because of one
// member; nothing of the transaction was applied. It unwraps to the
// member's error, so errors.Is(err, ErrConflict) and errors.As(err,
// &*Error) see the cause and its rule id.
type TransactionError struct {
	// Index is the failing member's position, counted from 0.
	Index int
	// Object names the failing member's object.
	Object ObjectRef
	// Err is the server's answer about the member: an *Error or a
	// *ConflictError.
	Err error
}

// Error names the member and the cause.
func (e *TransactionError) Error() string {
	return fmt.Sprintf("bal: transaction member %d (%s) refused, nothing applied: %v", e.Index, e.Object, e.Err)
}

// Unwrap returns the member's error.
func (e *TransactionError) Unwrap() error { return e.Err }

// receiptFromWire turns a kvitto and the response it came in into a
// Receipt.
func receiptFromWire(k update1.Kvitto, res *Response) (Receipt, error) {
	id, err := ParseObjectID(k.Objektidentitet)
	if err != nil {
		return Receipt{}, fmt.Errorf("kvitto: %w", err)
	}
	if k.Objektversion < 1 {
		return Receipt{}, fmt.Errorf("kvitto: objektversion %d", k.Objektversion)
	}
	from, err := k.VersionGiltigFran.Time()
	if err != nil {
		return Receipt{}, fmt.Errorf("kvitto: %w", err)
	}
	r := Receipt{ID: id, Version: Version(k.Objektversion), ValidFrom: from}
	if res != nil {
		r.RequestID, r.Attempts = res.RequestID, res.Attempts
	}
	return r, nil
}
